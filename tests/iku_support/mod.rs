//! What the IKU tests share: a store holding the 2024 reference data and the records of a
//! trainings import in which 284 of the 344 participants of 2024 found work.
#![allow(dead_code)]

use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::Kecamatan;
use disnaker::store::Store;
use std::collections::BTreeMap;
use std::path::Path;

pub fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn nik(i: usize, sex: Sex) -> String {
    let birth = day(
        1985 + (i % 20) as i32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    );
    synthesise("3505", 1 + (i % 22) as u32, birth, sex, 1 + i as u32)
}

/// One import row per participant of every published 2024 scheme (344 in all); the first
/// 284 found work (every fifth an own business), the rest did not or are not followed up.
pub fn trainee_rows_2024(store: &Store) -> Vec<(u64, BTreeMap<String, String>)> {
    let schemes: Vec<_> = store
        .published_training_schemes()
        .unwrap()
        .into_iter()
        .filter(|p| p.year == 2024)
        .collect();
    let mut rows = Vec::new();
    let mut i = 0usize;
    for s in &schemes {
        for _ in 0..s.participants {
            let sex = if i % 3 == 0 { Sex::L } else { Sex::P };
            let (employed, kind, employer, on) = if i < 284 {
                if i % 5 == 0 {
                    ("ya", "wirausaha", "Usaha sendiri", "2024-12-01")
                } else {
                    ("ya", "bekerja", "CV Maju", "2024-11-15")
                }
            } else if i % 2 == 0 {
                ("tidak", "", "", "")
            } else {
                ("", "", "", "")
            };
            let pairs = [
                ("training", s.scheme.clone()),
                ("year", "2024".to_string()),
                ("funding_source", s.funding_source.clone()),
                ("name", format!("Peserta {i}")),
                ("nik", nik(i, sex)),
                ("sex", sex.as_str().to_string()),
                ("kecamatan", Kecamatan::all()[i % 22].name().to_string()),
                ("graduated", "ya".to_string()),
                ("employed", employed.to_string()),
                ("employment_type", kind.to_string()),
                ("employer", employer.to_string()),
                ("employed_on", on.to_string()),
            ];
            let map = pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            rows.push((rows.len() as u64 + 2, map));
            i += 1;
        }
    }
    assert_eq!(rows.len(), 344);
    rows
}

/// A store file at `path` with the reference data and the 2024 trainings.
pub fn store_with_2024_trainings(path: &Path, officer: &str) -> Store {
    let mut s = Store::open(path, officer).unwrap();
    let rows = trainee_rows_2024(&s);
    let out = s.import_trainees(&rows, day(2025, 6, 30), false).unwrap();
    assert!(
        out.is_ok() && out.written,
        "{:?}",
        &out.errors[..out.errors.len().min(3)]
    );
    assert_eq!(out.added, 344);
    s
}
