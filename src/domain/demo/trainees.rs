//! Synthetic training participants, as rows of the `import trainees` file: competency-based
//! trainings named after the office's own schemes, and apprenticeships, entrepreneurship and
//! other trainings, run in batches (angkatan) of 16 to 20 participants. The batches take the
//! three years up to the day in turn, this year first, so even a small demo has trainings
//! (and IKU1) in the year the office opens on; most participants graduate, most graduates
//! find work or start a business, and the latest batches still wait for their follow-up call.

use super::{between, chance, person_name, pick, Mix};
use crate::domain::case::Sex;
use crate::domain::date::{iso, Date};
use crate::domain::nik::{synthesise, BLITAR_REGION};
use crate::domain::refdata;
use crate::domain::rng::SplitMix64;
use crate::domain::training::TrainingType;
use chrono::{Datelike, Days};
use std::collections::BTreeMap;

const FUNDING: &[&str] = &["DBHCHT", "DBHCHT", "DAU", "APBD"];
const EMPLOYERS: &[&str] = &[
    "Kopi Kawi Blitar",
    "Salon Ayu Wlingi",
    "Hotel Tugu Sri Lestari",
    "Toko Roti Bintang",
    "CV Dingin Jaya Teknik",
    "Kafe Sumber Udel",
];

/// Apprenticeships, entrepreneurship and other trainings: invented names, as no table of the
/// report lists them by name.
const APPRENTICESHIPS: &[&str] = &[
    "Pemagangan Dalam Negeri Industri Gula",
    "Pemagangan Dalam Negeri Perhotelan",
    "Pemagangan Dalam Negeri Garmen",
];
const ENTREPRENEURSHIP: &[&str] = &[
    "Kewirausahaan Olahan Pangan",
    "Kewirausahaan Menjahit",
    "Kewirausahaan Budidaya Ikan",
    "Kewirausahaan Kerajinan Bambu",
];
const OTHER: &[&str] = &[
    "Pelatihan Produktivitas UMKM",
    "Pelatihan Bahasa Jepang Dasar",
];

/// The type of batch `k`: seven batches in turn (four competency-based, one of each other
/// type). Seven and the three years share no factor, so every type comes in every year.
const TYPES: [TrainingType; 7] = [
    TrainingType::Pbk,
    TrainingType::Pbk,
    TrainingType::Kewirausahaan,
    TrainingType::Pemagangan,
    TrainingType::Pbk,
    TrainingType::Pbk,
    TrainingType::Lainnya,
];

/// The schemes the office ran (`data/training_schemes.csv`), each named once.
fn schemes() -> Vec<String> {
    let mut names: Vec<String> = refdata::simple_rows(refdata::TRAINING_SCHEMES_CSV)
        .into_iter()
        .skip(1)
        .filter_map(|r| r.get(2).map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        names.push("Barista".into());
    }
    names
}

/// `n` participant rows (columns of SPEC §5 `import trainees`), in trainings of the three
/// years up to `today`. NIKs never repeat, counting from the `first` participant (a demo
/// added to a store with participants starts after them).
pub fn trainee_rows(n: usize, seed: u64, today: Date, first: u64) -> Vec<BTreeMap<String, String>> {
    let mut rng = SplitMix64::new(seed ^ 0x7EA1_0EE5_0000_0004);
    let mix = Mix::new();
    let schemes = schemes();
    let names = |kind: TrainingType| -> Vec<String> {
        match kind {
            TrainingType::Pbk => schemes.clone(),
            TrainingType::Pemagangan => APPRENTICESHIPS.iter().map(|s| s.to_string()).collect(),
            TrainingType::Kewirausahaan => ENTREPRENEURSHIP.iter().map(|s| s.to_string()).collect(),
            TrainingType::Lainnya => OTHER.iter().map(|s| s.to_string()).collect(),
        }
    };
    // This year first, then the two before, in turn.
    let years = [today.year(), today.year() - 1, today.year() - 2];
    let mut out = Vec::with_capacity(n);
    // Batches of each type so far: the next one's name.
    let mut of_type = [0usize; 4];
    let mut batch = 0usize;
    while out.len() < n {
        let kind = TYPES[batch % TYPES.len()];
        let year = years[batch % years.len()];
        let slot = TrainingType::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        let list = names(kind);
        // Batch k of a name: "Barista", then "Barista angkatan 2", ...
        let k = of_type[slot];
        of_type[slot] += 1;
        let scheme = &list[k % list.len()];
        let round = k / list.len() + 1;
        let name = if round == 1 {
            scheme.clone()
        } else {
            format!("{scheme} angkatan {round}")
        };
        let funding = pick(&mut rng, FUNDING);
        // Trainings run from February to October; results come in after the end. This
        // year's ended at least three months ago where the year is that old, so the year the
        // office opens on has results to count.
        let last = if year == today.year() {
            u64::from(today.month()).saturating_sub(3).clamp(2, 10)
        } else {
            10
        };
        let ends = Date::from_ymd_opt(year, between(&mut rng, 2, last) as u32, 28)
            .unwrap_or(today)
            .min(today);
        let size = between(&mut rng, 16, 20) as usize;
        for _ in 0..size.min(n - out.len()) {
            let k = first + out.len() as u64;
            let sex = if chance(&mut rng, 65) { Sex::P } else { Sex::L };
            let (kecamatan, code) = mix.kecamatan(&mut rng);
            let born = Date::from_ymd_opt(
                year - between(&mut rng, 18, 35) as i32,
                ((k / (9999 * 28)) % 12) as u32 + 1,
                ((k / 9999) % 28) as u32 + 1,
            )
            .unwrap_or(today);
            let nik = synthesise(BLITAR_REGION, code, born, sex, (k % 9999) as u32 + 1);
            let graduated = chance(&mut rng, 95);
            // Results are known some months after the end; recent batches wait for them.
            let known = graduated && (today - ends).num_days() > 60 && chance(&mut rng, 90);
            let (employed, employment_type, employer, employed_on) = if !known {
                ("", "", "", String::new())
            } else if chance(&mut rng, 80) {
                let days = between(&mut rng, 7, 120);
                let on = ends
                    .checked_add_days(Days::new(days))
                    .unwrap_or(ends)
                    .min(today);
                // Entrepreneurship trainings mostly end in a business of one's own.
                let wage = if kind == TrainingType::Kewirausahaan {
                    15
                } else {
                    55
                };
                if chance(&mut rng, wage) {
                    ("ya", "bekerja", pick(&mut rng, EMPLOYERS), iso(on))
                } else {
                    ("ya", "wirausaha", "", iso(on))
                }
            } else {
                ("tidak", "", "", String::new())
            };
            let row: BTreeMap<String, String> = [
                ("training", name.clone()),
                ("training_type", kind.as_str().to_string()),
                ("year", year.to_string()),
                ("funding_source", funding.to_string()),
                ("name", person_name(&mut rng, sex)),
                ("nik", nik),
                ("sex", sex.as_str().to_string()),
                ("kecamatan", kecamatan.name().to_string()),
                (
                    "graduated",
                    if graduated { "ya" } else { "tidak" }.to_string(),
                ),
                ("employed", employed.to_string()),
                ("employment_type", employment_type.to_string()),
                ("employer", employer.to_string()),
                ("employed_on", employed_on),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            out.push(row);
        }
        batch += 1;
    }
    out
}
