//! Synthetic training participants, as rows of the `import trainees` file: trainings named
//! after the office's own schemes, run in batches (angkatan) of 16 to 20 participants over
//! the three years up to the reference day; most graduate, most graduates find work or start
//! a business, and the latest batches still wait for their follow-up call.

use super::{between, chance, person_name, pick, Mix};
use crate::domain::case::Sex;
use crate::domain::date::{iso, Date};
use crate::domain::nik::{synthesise, BLITAR_REGION};
use crate::domain::refdata;
use crate::domain::rng::SplitMix64;
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
    let years = [today.year() - 2, today.year() - 1, today.year()];
    let mut out = Vec::with_capacity(n);
    let mut batch = 0usize;
    while out.len() < n {
        // Batch k of a scheme in a year: "Barista", then "Barista angkatan 2", ...
        let scheme = &schemes[batch % schemes.len()];
        let year = years[(batch / schemes.len()) % years.len()];
        let round = batch / (schemes.len() * years.len()) + 1;
        let name = if round == 1 {
            scheme.clone()
        } else {
            format!("{scheme} angkatan {round}")
        };
        let funding = pick(&mut rng, FUNDING);
        // Trainings run from February to October; results come in after the end.
        let ends = Date::from_ymd_opt(year, between(&mut rng, 2, 10) as u32, 28)
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
                if chance(&mut rng, 55) {
                    ("ya", "bekerja", pick(&mut rng, EMPLOYERS), iso(on))
                } else {
                    ("ya", "wirausaha", "", iso(on))
                }
            } else {
                ("tidak", "", "", String::new())
            };
            let row: BTreeMap<String, String> = [
                ("training", name.clone()),
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
