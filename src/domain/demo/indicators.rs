//! Synthetic values an officer enters in the IKU pane (TPAK, the SAKIP evaluation, TPT), for
//! the three years up to the day: near the published ones, with a source and its date, so a
//! demo's IKU pane has figures in the year it opens on. TPAK and TPT come from BPS each
//! year; SAKIP is evaluated the year after, so the demo has it for the two years before.

use super::between;
use crate::domain::date::{iso, Date};
use crate::domain::indicator::{sakip_grade_for, IkuEntry, SAKIP_COMPONENTS};
use crate::domain::rng::SplitMix64;
use chrono::Datelike;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// `hundredths` as a decimal with two places: 7236 is 72.36.
fn dec(hundredths: u64) -> Decimal {
    Decimal::new(hundredths as i64, 2)
}

/// The entered values of the three years up to `today`, every one as the entry form checks
/// it (`IkuEntry::from_fields`, no error, no warning).
pub fn iku_entries(seed: u64, today: Date) -> Vec<IkuEntry> {
    let mut rng = SplitMix64::new(seed ^ 0x1C0E_0E17_0000_0006);
    let mut out = Vec::new();
    for year in today.year() - 2..=today.year() {
        // A year the LKjIP has published keeps its published figures: the demo enters none
        // over them (an entry would stand in front of the report's figure).
        if published_years().contains(&year) {
            continue;
        }
        // BPS publishes August's labour force survey in November.
        let published = Date::from_ymd_opt(year, 11, 6).unwrap_or(today).min(today);
        let tpak = dec(between(&mut rng, 7150, 7450));
        let tpt = dec(between(&mut rng, 280, 420));
        let mut rows = vec![
            entry(
                "IKU2",
                year,
                tpak,
                "BPS Kabupaten Blitar, Sakernas Agustus",
                published,
            ),
            entry(
                "TPT",
                year,
                tpt,
                "BPS Kabupaten Blitar, Sakernas Agustus",
                published,
            ),
        ];
        if year < today.year() {
            // The inspectorate's letter of the year after.
            let letter = Date::from_ymd_opt(year + 1, 3, 20)
                .unwrap_or(today)
                .min(today);
            rows.push(sakip(year, dec(between(&mut rng, 7150, 8250)), letter));
        }
        out.extend(rows.into_iter().filter_map(|values| {
            let (e, checked) = IkuEntry::from_fields(&values, today);
            e.filter(|_| checked.errors.is_empty() && checked.warnings.is_empty())
        }));
    }
    out
}

/// The years `data/iku.csv` has realisations for (its `realisation_YYYY` columns).
fn published_years() -> Vec<i32> {
    crate::domain::refdata::IKU_CSV
        .lines()
        .next()
        .unwrap_or("")
        .split(',')
        .filter_map(|c| c.strip_prefix("realisation_")?.parse().ok())
        .collect()
}

fn entry(
    code: &str,
    year: i32,
    value: Decimal,
    source: &str,
    on: Date,
) -> BTreeMap<String, String> {
    [
        ("iku_code", code.to_string()),
        ("iku_year", year.to_string()),
        ("iku_value", value.to_string()),
        ("iku_source", source.to_string()),
        ("iku_source_date", iso(on)),
        ("iku_notes", "demo".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// A SAKIP score with its grade and four components that add up to it, each within its
/// weight (about the share of the score the 2024 evaluation gave each part).
fn sakip(year: i32, score: Decimal, on: Date) -> BTreeMap<String, String> {
    let part = |share: i64| (score * Decimal::new(share, 2)).round_dp(2);
    let (planning, measurement, reporting) = (part(29), part(30), part(16));
    let evaluation = score - planning - measurement - reporting;
    let mut values = entry(
        "IKU4",
        year,
        score,
        "LHE SAKIP Inspektorat Kabupaten Blitar",
        on,
    );
    values.insert("sakip_grade".into(), sakip_grade_for(score).to_string());
    for (comp, v) in SAKIP_COMPONENTS
        .iter()
        .zip([planning, measurement, reporting, evaluation])
    {
        values.insert(comp.key.into(), v.to_string());
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn three_years_of_values_up_to_the_day_each_as_the_form_takes_it() {
        for today in [day(2026, 11, 28), day(2027, 1, 3), day(2031, 6, 30)] {
            let e = iku_entries(7, today);
            let keys: Vec<(String, i32)> = e.iter().map(|e| (e.code.clone(), e.year)).collect();
            let y = today.year();
            let all = [
                ("IKU2".to_string(), y - 2),
                ("TPT".into(), y - 2),
                ("IKU4".into(), y - 2),
                ("IKU2".into(), y - 1),
                ("TPT".into(), y - 1),
                ("IKU4".into(), y - 1),
                ("IKU2".into(), y),
                ("TPT".into(), y),
            ];
            // A year the LKjIP published (2022–2024) keeps the report's figures.
            let expected: Vec<(String, i32)> =
                all.into_iter().filter(|(_, year)| *year > 2024).collect();
            assert_eq!(keys, expected, "{today}");
            assert!(e.iter().all(|e| e.source_date <= today));
            let s = e.iter().find(|e| e.code == "IKU4").unwrap();
            assert_eq!(s.component_mismatch(), None);
            assert_eq!(s.grade.as_deref(), Some(sakip_grade_for(s.value)));
        }
    }
}
