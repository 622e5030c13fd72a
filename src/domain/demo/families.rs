//! Synthetic transmigrant families: registrations over the three years up to the reference
//! day, most still waiting at some stage, a few departed to a settlement unit, some withdrawn.

use super::{between, chance, days_after_until, days_before, person_name, pick, Mix, DESA};
use crate::domain::case::Sex;
use crate::domain::date::Date;
use crate::domain::nik::{synthesise, BLITAR_REGION};
use crate::domain::rng::SplitMix64;
use crate::domain::transmigrant::{Destination, Registration, Stage};
use chrono::Datelike;

/// Settlement units of the kind Blitar families went to (`UPT, kabupaten, province`).
const DESTINATIONS: &[(&str, &str, &str)] = &[
    ("UPT Torire", "Kabupaten Poso", "Sulawesi Tengah"),
    ("UPT Kobalima", "Kabupaten Malaka", "Nusa Tenggara Timur"),
    ("UPT Salor", "Kabupaten Merauke", "Papua Selatan"),
    (
        "UPT Sepaku",
        "Kabupaten Penajam Paser Utara",
        "Kalimantan Timur",
    ),
];
const WITHDRAWALS: &[&str] = &[
    "keluarga memilih tetap di desa",
    "kepala keluarga bekerja ke luar negeri",
    "berkas tidak dilengkapi",
];

/// `n` registrations in registration order, each a different family (NIK and KK never
/// repeat, counting from the `first` family: a demo added to a store with families starts
/// after them), every one consistent with `Registration::problems`.
pub fn families(n: usize, seed: u64, today: Date, first: u64) -> Vec<Registration> {
    let mut rng = SplitMix64::new(seed ^ 0x7EA5_0A11_0000_0005);
    let mix = Mix::new();
    let mut backs: Vec<u64> = (0..n).map(|_| rng.below(3 * 365)).collect();
    backs.sort_unstable_by(|a, b| b.cmp(a));
    backs
        .into_iter()
        .enumerate()
        .map(|(i, back)| {
            let k = first + i as u64;
            let registered = days_before(today, back);
            let (kecamatan, code) = mix.kecamatan(&mut rng);
            let born = Date::from_ymd_opt(
                registered.year() - between(&mut rng, 25, 50) as i32,
                ((k / (9999 * 28)) % 12) as u32 + 1,
                ((k / 9999) % 28) as u32 + 1,
            )
            .unwrap_or(registered);
            let serial = (k % 9999) as u32 + 1;
            let nik = synthesise(BLITAR_REGION, code, born, Sex::L, serial);
            // A family card: region, kecamatan, issue date, serial.
            let kk = format!(
                "{BLITAR_REGION}{code:02}{:02}{:02}{:02}{serial:04}",
                between(&mut rng, 1, 28),
                between(&mut rng, 1, 12),
                (registered.year() - between(&mut rng, 1, 15) as i32) % 100
            );
            let age = (today - registered).num_days().max(0) as u64;
            let stage = match age {
                0..=60 => [Stage::Terdaftar, Stage::BerkasLengkap][rng.weighted(&[3, 1])],
                61..=365 => [
                    Stage::Terdaftar,
                    Stage::BerkasLengkap,
                    Stage::Terseleksi,
                    Stage::Dilatih,
                    Stage::Batal,
                ][rng.weighted(&[2, 3, 2, 1, 1])],
                _ => [
                    Stage::BerkasLengkap,
                    Stage::Terseleksi,
                    Stage::Diberangkatkan,
                    Stage::Batal,
                ][rng.weighted(&[3, 2, 3, 2])],
            };
            let (upt, kab, prov) = *DESTINATIONS
                .get(rng.below(DESTINATIONS.len() as u64) as usize)
                .unwrap_or(&DESTINATIONS[0]);
            let destination = if matches!(stage, Stage::Terseleksi | Stage::Dilatih)
                || stage == Stage::Diberangkatkan
            {
                Destination {
                    upt: upt.into(),
                    kabupaten: kab.into(),
                    province: prov.into(),
                }
            } else {
                Destination::default()
            };
            let later = |rng: &mut SplitMix64, lo, hi| {
                days_after_until(registered, between(rng, lo, hi), today)
            };
            let departed_on = (stage == Stage::Diberangkatkan).then(|| later(&mut rng, 180, 400));
            let cancelled_on = (stage == Stage::Batal).then(|| later(&mut rng, 20, 200));
            Registration {
                head_name: person_name(&mut rng, Sex::L),
                nik,
                kk_no: kk,
                members: between(&mut rng, 2, 6) as u32,
                kecamatan: kecamatan.name().to_string(),
                desa: pick(&mut rng, DESA).to_string(),
                phone: if chance(&mut rng, 80) {
                    format!("08{}", between(&mut rng, 1_100_000_000, 5_999_999_999))
                } else {
                    String::new()
                },
                registered_on: registered,
                stage,
                destination,
                departed_on,
                cancel_reason: if stage == Stage::Batal {
                    pick(&mut rng, WITHDRAWALS).to_string()
                } else {
                    String::new()
                },
                cancelled_on,
                notes: String::new(),
            }
        })
        .collect()
}
