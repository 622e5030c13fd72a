//! Test helpers shared by the placement tests (library and command line): placement records
//! built to match the published 2024 tables (LKjIP 2024 tables 3.17 and 3.16), and the
//! import file the command line reads.
#![allow(dead_code)] // each test crate uses its own part

use disnaker::domain::case::{Fields, Sector, Sex};
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::{Kecamatan, Placement};
use std::collections::BTreeMap;

pub const KECAMATAN_CSV: &str = include_str!("../fixtures/pmi_placements_2024_by_kecamatan.csv");
pub const COUNTRY_CSV: &str = include_str!("../fixtures/pmi_placements_2024_by_country.csv");

/// The four sex × sector cells, in the tables' column order.
pub const CELLS: [(Sector, Sex); 4] = [
    (Sector::Formal, Sex::L),
    (Sector::Formal, Sex::P),
    (Sector::Informal, Sex::L),
    (Sector::Informal, Sex::P),
];

pub fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

/// `name → [formal_male, formal_female, informal_male, informal_female]`, in file order.
pub fn published(csv: &str) -> Vec<(String, [u32; 4])> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.trim_end().split(',').collect();
            let n = |i: usize| f[i].parse::<u32>().unwrap();
            assert_eq!(n(1) + n(2) + n(3) + n(4), n(5), "{l}");
            (f[0].to_string(), [n(1), n(2), n(3), n(4)])
        })
        .collect()
}

pub fn placement(
    serial: u32,
    kecamatan: &str,
    country: &str,
    sector: Sector,
    sex: Sex,
    departure: Date,
) -> Placement {
    let kec_no = Kecamatan::all()
        .iter()
        .position(|k| k.name() == kecamatan)
        .map_or(1, |i| i as u32 + 1);
    let birth =
        Date::from_ymd_opt(1975, 1, 1).unwrap() + chrono::Days::new(u64::from(serial * 37 % 9000));
    let nik = synthesise("3505", kec_no, birth, sex, serial);
    let v: BTreeMap<String, String> = [
        ("nik", nik.as_str()),
        ("name", &format!("Pekerja {serial:04}")),
        ("sex", sex.as_str()),
        ("kecamatan", kecamatan),
        ("desa", ""),
        ("country", country),
        ("sector", sector.as_str()),
        ("scheme", "P to P"),
        ("occupation", ""),
        ("departure_date", &departure.format("%Y-%m-%d").to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (p, checked) = Placement::from_fields(&v, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    p.unwrap()
}

/// 3,727 placements whose counts match BOTH published tables cell for cell: for each
/// sex × sector cell the kecamatan column and the country column have the same total, so
/// filling kecamatan quotas from country quotas in order (a transport-style greedy fill)
/// meets every row of both.
pub fn records_2024() -> Vec<Placement> {
    let kec = published(KECAMATAN_CSV);
    let countries = published(COUNTRY_CSV);
    let mut out = Vec::new();
    for (cell, (sector, sex)) in CELLS.into_iter().enumerate() {
        let mut left: Vec<u32> = countries.iter().map(|(_, n)| n[cell]).collect();
        let mut j = 0;
        for (kname, need) in &kec {
            let mut need = need[cell];
            while need > 0 {
                while left[j] == 0 {
                    j += 1;
                }
                let take = need.min(left[j]);
                for _ in 0..take {
                    let serial = out.len() as u32 + 1;
                    let departure = Date::from_ymd_opt(2024, 1, 1).unwrap()
                        + chrono::Days::new(u64::from(serial % 366));
                    out.push(placement(
                        serial,
                        kname,
                        &countries[j].0,
                        sector,
                        sex,
                        departure,
                    ));
                }
                left[j] -= take;
                need -= take;
            }
        }
        assert!(left.iter().all(|&n| n == 0), "cell {cell} left over");
    }
    assert_eq!(out.len(), 3727);
    out
}

/// The import columns (SPEC §5), in the order the files below write them.
pub const PLACEMENT_HEADER: &str =
    "nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date";

/// One import line for a placement (no line end), in `PLACEMENT_HEADER`'s order.
pub fn placement_line(p: &Placement) -> String {
    let f = p.to_fields();
    PLACEMENT_HEADER
        .split(',')
        .map(|k| f[k].as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// An import file (header and one line per placement, `\n` line ends).
pub fn placement_file(rows: &[Placement]) -> String {
    let mut s = String::with_capacity(rows.len() * 90);
    s.push_str(PLACEMENT_HEADER);
    s.push('\n');
    for p in rows {
        s.push_str(&placement_line(p));
        s.push('\n');
    }
    s
}
