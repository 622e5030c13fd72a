//! What the rules' unit tests share: the day they are checked on, the shipped holiday
//! calendar, typed values, and what a verdict must say.

use super::calendar::WorkingDays;
use super::case::{Checked, Verdict};
use super::date::Date;
use super::refdata::HOLIDAYS_CSV;
use std::collections::BTreeMap;

/// A day as a test writes it.
pub fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

/// The working-day calendar the program ships (`data/holidays.csv`).
pub fn calendar() -> WorkingDays {
    WorkingDays::from_csv(HOLIDAYS_CSV).unwrap()
}

/// The day the tests count from (the demo's reference day).
pub fn today() -> Date {
    day(2026, 11, 28)
}

/// Field values as a form or an import row hands them over.
pub fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `base` with some values typed over.
pub fn with(
    mut base: BTreeMap<String, String>,
    typed: &[(&str, &str)],
) -> BTreeMap<String, String> {
    base.extend(map(typed));
    base
}

/// What was checked of values from which `from_fields` made no record.
#[track_caller]
pub fn refused<T>((record, checked): Verdict<T>) -> Checked {
    assert!(record.is_none());
    checked
}

/// What was checked of values from which `from_fields` made a record all the same (with
/// warnings, say).
#[track_caller]
pub fn kept<T>((record, checked): Verdict<T>) -> Checked {
    assert!(record.is_some());
    checked
}

/// No record, and every one of `fields` has an error.
#[track_caller]
pub fn assert_refused<T>(verdict: Verdict<T>, fields: &[&str]) {
    let checked = refused(verdict);
    let got: Vec<_> = checked.errors.iter().map(|e| e.field).collect();
    for f in fields {
        assert!(got.contains(f), "{f} missing from {got:?}");
    }
}

/// A decimal as a test writes it.
pub fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}
