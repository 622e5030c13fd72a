//! The checks of typed values that record kinds share: a field list entry, a trimmed value,
//! a required name, sex, kecamatan, what an NIK says against the record, a required or
//! optional value of any kind. Each kind's `from_fields` calls these in its own order, so the
//! messages (and their order) are the same as when every kind wrote them itself.

use super::case::{FieldDef, FieldKind};
use super::date::{iso, Date};
use super::nik::NikFacts;
use super::{parse_bool, quoted, FieldError, Kecamatan, Nik, Sex};
use std::collections::BTreeMap;

/// One entry of a kind's field list.
pub const fn field(key: &'static str, kind: FieldKind, required: bool) -> FieldDef {
    FieldDef {
        key,
        kind,
        required,
    }
}

/// The value typed for `key`, trimmed; a missing key is empty.
pub fn text(values: &BTreeMap<String, String>, key: &str) -> String {
    values
        .get(key)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Every value typed for one of `fields` longer than 2000 characters, in the order of the
/// keys.
pub fn lengths(
    errors: &mut Vec<FieldError>,
    values: &BTreeMap<String, String>,
    fields: &[FieldDef],
) {
    for (k, v) in values {
        if v.chars().count() > 2000 {
            if let Some(def) = fields.iter().find(|d| d.key == k) {
                errors.push(FieldError::new(def.key, "longer than 2000 characters"));
            }
        }
    }
}

/// A name: required (`missing` says so), at most 200 characters (`too_long` says so).
pub fn name(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    missing: &str,
    too_long: &str,
) {
    bounded(errors, key, value, 200, missing, too_long);
}

/// A required text of at most `max` characters.
pub fn bounded(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    max: usize,
    missing: &str,
    too_long: &str,
) {
    if value.is_empty() {
        errors.push(FieldError::new(key, missing));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(key, too_long));
    }
}

/// A date as a field holds it: ISO, or empty when there is none.
pub fn date_text(d: Option<Date>) -> String {
    d.map(iso).unwrap_or_default()
}

/// Field values keyed like the form and CSV, from a record's `to_fields`.
pub fn field_map<const N: usize>(pairs: [(&str, String); N]) -> BTreeMap<String, String> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A value that must be given: `missing` when empty, else what `parse` makes of it.
pub fn required<T>(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    missing: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    if value.is_empty() {
        errors.push(FieldError::new(key, missing));
        return None;
    }
    parse(value)
        .map_err(|e| errors.push(FieldError::new(key, e)))
        .ok()
}

/// A value that may be left empty (`None`), else what `parse` makes of it.
pub fn optional<T>(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    if value.is_empty() {
        return None;
    }
    parse(value)
        .map_err(|e| errors.push(FieldError::new(key, e)))
        .ok()
}

/// A yes/no value (`ya` / `tidak` and the other spellings of [`parse_bool`]); empty is `None`.
pub fn yes_no(errors: &mut Vec<FieldError>, key: &'static str, value: &str) -> Option<bool> {
    optional(errors, key, value, |v| {
        parse_bool(v).ok_or_else(|| format!("'{}' is not ya or tidak", quoted(v)))
    })
}

/// `sex`: required, L or P.
pub fn sex(errors: &mut Vec<FieldError>, value: &str) -> Option<Sex> {
    required(errors, "sex", value, "sex is required (L or P)", |s| {
        Sex::parse(s).map_err(|_| format!("'{}' is not L or P", quoted(s)))
    })
}

/// `kecamatan`: required, one of Kabupaten Blitar's.
pub fn kecamatan(errors: &mut Vec<FieldError>, value: &str) -> Option<Kecamatan> {
    required(
        errors,
        "kecamatan",
        value,
        "kecamatan is required",
        Kecamatan::parse,
    )
}

/// What a well-formed NIK says against the record: a birth day of the other sex than the
/// record's (`record_says`: "the case says") is an error, a region outside Kabupaten Blitar
/// a warning.
pub fn nik_facts(
    errors: &mut Vec<FieldError>,
    warnings: &mut Vec<FieldError>,
    nik: &Nik,
    facts: &NikFacts,
    sex: Option<Sex>,
    record_says: &str,
) {
    if let Some(sex) = sex.filter(|s| *s != facts.sex) {
        errors.push(FieldError::new(
            "nik",
            format!(
                "NIK birth day says sex {} but {record_says} {sex}",
                facts.sex
            ),
        ));
    }
    outside_blitar(warnings, "nik", "NIK", nik.as_str(), facts.from_blitar);
}

/// The warning for a number (`what`: NIK, KK) whose region is not Kabupaten Blitar.
pub fn outside_blitar(
    warnings: &mut Vec<FieldError>,
    key: &'static str,
    what: &str,
    number: &str,
    from_blitar: bool,
) {
    if !from_blitar {
        warnings.push(FieldError::new(
            key,
            format!(
                "{what} region {} is outside Kabupaten Blitar ({})",
                &number[0..4],
                super::nik::BLITAR_REGION
            ),
        ));
    }
}
