//! What the rules' unit tests share: the day they are checked on and typed values.

use super::date::Date;
use std::collections::BTreeMap;

/// The day the tests count from (the demo's reference day).
pub fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
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

/// Every one of `fields` has an error.
#[track_caller]
pub fn assert_refused(checked: &super::case::Checked, fields: &[&str]) {
    let got: Vec<_> = checked.errors.iter().map(|e| e.field).collect();
    for f in fields {
        assert!(got.contains(f), "{f} missing from {got:?}");
    }
}

/// A decimal as a test writes it.
pub fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}
