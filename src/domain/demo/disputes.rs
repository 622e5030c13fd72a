//! Synthetic industrial disputes: a few a year, most settled by a joint agreement (PB) in
//! mediation, some with an anjuran, the latest still open at every stage.

use super::{between, chance, days_after_until, days_before, person_name, pick};
use crate::domain::case::Sex;
use crate::domain::date::Date;
use crate::domain::dispute::{AnjuranAnswer, Dispute, DisputeType, Outcome, Stage};
use crate::domain::rng::SplitMix64;
use chrono::Datelike;

/// Invented companies: no real firm had these disputes.
const COMPANIES: &[&str] = &[
    "PT Tirta Kencana Blitar",
    "PT Sumber Makmur Perkasa",
    "CV Karya Tani Sejahtera",
    "PT Kawi Agro Lestari",
    "PT Mekar Jaya Garmindo",
    "UD Sido Rukun",
    "PT Penataran Rokok Sejati",
    "PT Brantas Beton Utama",
    "CV Wlingi Kayu Abadi",
    "PT Candi Sewu Logistik",
];
const UNIONS: &[&str] = &[
    "PUK SPSI",
    "PUK SP RTMM",
    "Serikat Pekerja Mandiri",
    "PUK SPN",
];
const MEDIATORS: &[&str] = &[
    "Dwi Hartono, S.H.",
    "Sri Wahyuni, S.Sos.",
    "Agus Priyanto, S.H., M.H.",
];

/// `n` disputes whose bipartite talks started in the three years up to `today` (from 1
/// January two years before, this year included), oldest first; every one passes the rules a
/// form applies (`Dispute::problems`). The starts are spread evenly over that time, one in
/// each of `n` equal stretches, so every year has its disputes (and this year its IKU3).
pub fn disputes(n: usize, seed: u64, today: Date) -> Vec<Dispute> {
    let mut rng = SplitMix64::new(seed ^ 0xD15B_07E5_0000_0003);
    let first = Date::from_ymd_opt(today.year() - 2, 1, 1).unwrap_or(today);
    let span = (today - first).num_days().max(1) as u64;
    let mut starts: Vec<u64> = (0..n as u64)
        .map(|i| {
            let (from, to) = (span * i / n as u64, span * (i + 1) / n as u64);
            from + rng.below((to - from).max(1))
        })
        .collect();
    starts.sort_unstable_by(|a, b| b.cmp(a));
    starts
        .into_iter()
        .map(|back| one(&mut rng, days_before(today, back), today))
        .collect()
}

fn one(rng: &mut SplitMix64, start: Date, today: Date) -> Dispute {
    let after = |d: Date, lo: u64, hi: u64, rng: &mut SplitMix64| {
        days_after_until(d, between(rng, lo, hi), today)
    };
    let kind = [
        DisputeType::Hak,
        DisputeType::Kepentingan,
        DisputeType::Phk,
        DisputeType::AntarSerikat,
    ][rng.weighted(&[35, 10, 50, 5])];
    let company = pick(rng, COMPANIES).to_string();
    let (workers, worker_count) = if kind == DisputeType::Phk && chance(rng, 70) {
        let sex = if chance(rng, 50) { Sex::L } else { Sex::P };
        (person_name(rng, sex), Some(1))
    } else {
        (
            format!("{} {}", pick(rng, UNIONS), company),
            Some(between(rng, 5, 250) as u32),
        )
    };
    let mut d = Dispute {
        company,
        workers,
        worker_count,
        kind: Some(kind),
        bipartite_start: Some(start),
        stage: Stage::Bipartit,
        ..Dispute::default()
    };
    let age = (today - start).num_days().max(0) as u64;
    // How far it got: the older, the further.
    let reached = if age < 20 {
        0
    } else if age < 60 {
        rng.weighted(&[2, 1, 3, 3, 1])
    } else {
        rng.weighted(&[0, 1, 1, 2, 20])
    };
    if reached == 0 {
        return d;
    }
    let end = after(start, 5, 30, rng);
    d.bipartite_end = Some(end);
    d.bipartite_result = "tidak tercapai kesepakatan".into();
    if chance(rng, 10) {
        // Settled between the parties after all.
        d.bipartite_result = "sepakat".into();
        d.stage = Stage::Selesai;
        d.outcome = Some(Outcome::Pb);
        d.outcome_on = Some(end);
        return d;
    }
    d.minutes_present = Some(true);
    d.file_complete = Some(true);
    let recorded = after(end, 1, 10, rng);
    d.recorded_on = Some(recorded);
    d.stage = Stage::Tercatat;
    if reached == 1 {
        return d;
    }
    if reached == 2 && chance(rng, 30) {
        d.stage = Stage::Selesai;
        d.outcome = Some(Outcome::Withdrawn);
        d.outcome_on = Some(after(recorded, 1, 20, rng));
        return d;
    }
    d.mediator = pick(rng, MEDIATORS).to_string();
    let assigned = after(recorded, 1, 6, rng);
    d.mediator_assigned_on = Some(assigned);
    d.mediation_sessions = Some(between(rng, 1, 3) as u32);
    d.stage = Stage::Mediasi;
    if reached <= 3 {
        return d;
    }
    if chance(rng, 70) {
        d.stage = Stage::Selesai;
        d.outcome = Some(Outcome::Pb);
        d.outcome_on = Some(after(assigned, 5, 35, rng));
        return d;
    }
    let anjuran = after(assigned, 10, 30, rng);
    d.anjuran_on = Some(anjuran);
    d.stage = Stage::Anjuran;
    if (today - anjuran).num_days() < 15 {
        return d;
    }
    let answered = |rng: &mut SplitMix64| after(anjuran, 2, 10, rng);
    // Both accept: a PB follows; a rejection goes to court or stops there.
    let (w, e, outcome) = match rng.weighted(&[60, 25, 15]) {
        0 => (
            AnjuranAnswer::Accepted,
            AnjuranAnswer::Accepted,
            Outcome::Pb,
        ),
        1 => (
            AnjuranAnswer::Rejected,
            AnjuranAnswer::Accepted,
            Outcome::Court,
        ),
        _ => (
            AnjuranAnswer::Accepted,
            AnjuranAnswer::Rejected,
            Outcome::Anjuran,
        ),
    };
    d.workers_answer = Some(w);
    d.workers_answered_on = Some(answered(rng));
    d.employer_answer = Some(e);
    d.employer_answered_on = Some(answered(rng));
    let last = d.workers_answered_on.max(d.employer_answered_on);
    d.stage = Stage::Selesai;
    d.outcome = Some(outcome);
    d.outcome_on = last;
    d
}
