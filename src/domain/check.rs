//! The checks of typed values that record kinds share: a field list entry, a trimmed value,
//! a required name, sex, kecamatan, what an NIK says against the record, a required or
//! optional value of any kind. Each kind's `from_fields` calls these in its own order, so the
//! messages (and their order) are the same as when every kind wrote them itself.

use super::case::{FieldDef, FieldKind};
use super::date::{iso, Date};
use super::nik::{NikFacts, Number};
use super::{parse_bool, quoted, FieldError, Kecamatan, Nik, Sex};
use crate::i18n::Msg;
use crate::msg;
use std::collections::BTreeMap;

/// One entry of a kind's field list.
pub const fn field(key: &'static str, kind: FieldKind, required: bool) -> FieldDef {
    FieldDef {
        key,
        kind,
        required,
    }
}

/// The fields every kind about a person defines alike: sex (L or P), the kecamatan of
/// Kabupaten Blitar, the desa, and for a migrant worker the country and placement scheme.
pub const SEX_FIELD: FieldDef = field("sex", FieldKind::Choice(&["L", "P"]), true);
pub const KECAMATAN_FIELD: FieldDef = field("kecamatan", FieldKind::Kecamatan, true);
pub const DESA_FIELD: FieldDef = field("desa", FieldKind::Text, false);
pub const COUNTRY_FIELD: FieldDef = field("country", FieldKind::Country, true);
pub const SCHEME_FIELD: FieldDef = field(
    "scheme",
    FieldKind::Choice(&["", "P to P", "G to G", "G to P", "mandiri"]),
    false,
);

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
                errors.push(FieldError::new(def.key, msg!("v.too_long_2000")));
            }
        }
    }
}

/// A person's `name`: required, at most 200 characters.
pub fn person_name(errors: &mut Vec<FieldError>, value: &str) {
    let too_long = msg!("v.name.too_long");
    name(errors, "name", value, msg!("v.name.required"), too_long);
}

/// A name: required (`missing` says so), at most 200 characters (`too_long` says so).
pub fn name(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    missing: impl Into<Msg>,
    too_long: impl Into<Msg>,
) {
    bounded(errors, key, value, 200, missing, too_long);
}

/// A required text of at most `max` characters.
pub fn bounded(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    max: usize,
    missing: impl Into<Msg>,
    too_long: impl Into<Msg>,
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
pub fn required<T, E: Into<Msg>>(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    missing: impl Into<Msg>,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Option<T> {
    if value.is_empty() {
        errors.push(FieldError::new(key, missing));
        return None;
    }
    optional(errors, key, value, parse)
}

/// A value that may be left empty (`None`), else what `parse` makes of it.
pub fn optional<T, E: Into<Msg>>(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
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
        parse_bool(v).ok_or_else(|| msg!("v.yes_no", quoted(v)))
    })
}

/// `sex`: required, L or P.
pub fn sex(errors: &mut Vec<FieldError>, value: &str) -> Option<Sex> {
    required(errors, "sex", value, msg!("v.sex.required"), |s| {
        Sex::parse(s).map_err(|_| msg!("v.sex.invalid", quoted(s)))
    })
}

/// `country`: required; a known country (its listed spelling). A beginning of several (or
/// one) known names is refused with them listed; a name not on the list is kept as typed
/// with a warning, so a form saves it only when the officer confirms.
pub fn country(
    errors: &mut Vec<FieldError>,
    warnings: &mut Vec<FieldError>,
    value: &str,
) -> Option<String> {
    use super::country::{resolve, Typed};
    let typed = required(errors, "country", value, msg!("v.country.required"), |v| {
        Ok::<_, Msg>(resolve(v))
    })?;
    match typed {
        Typed::Known(name) => Some(name),
        Typed::Beginning(names) => {
            errors.push(FieldError::new(
                "country",
                msg!("v.country.beginning", quoted(value), names.join(", ")),
            ));
            None
        }
        Typed::Unknown(name) => {
            warnings.push(FieldError::new(
                "country",
                msg!("v.country.unknown", quoted(&name)),
            ));
            Some(name)
        }
    }
}

/// `kecamatan`: required, one of Kabupaten Blitar's.
pub fn kecamatan(errors: &mut Vec<FieldError>, value: &str) -> Option<Kecamatan> {
    required(
        errors,
        "kecamatan",
        value,
        msg!("v.kecamatan.required"),
        Kecamatan::parse,
    )
}

/// What a well-formed NIK says against the record: a birth day of the other sex than the
/// record's (`record_says`: which record, [`SaysCase`] or another) is an error, a region
/// outside Kabupaten Blitar a warning.
pub fn nik_facts(
    errors: &mut Vec<FieldError>,
    warnings: &mut Vec<FieldError>,
    nik: &Nik,
    facts: &NikFacts,
    sex: Option<Sex>,
    record_says: RecordSays,
) {
    if let Some(sex) = sex.filter(|s| *s != facts.sex) {
        let m = match record_says {
            RecordSays::Case => msg!("v.nik.sex.case", facts.sex, sex),
            RecordSays::Participant => msg!("v.nik.sex.participant", facts.sex, sex),
            RecordSays::Placement => msg!("v.nik.sex.placement", facts.sex, sex),
        };
        errors.push(FieldError::new("nik", m));
    }
    outside_blitar(
        warnings,
        "nik",
        Number::Nik,
        nik.as_str(),
        facts.from_blitar,
    );
}

/// Which record an NIK's sex is held against, as its message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordSays {
    Case,
    Participant,
    Placement,
}

/// The warning for a number (`what`: NIK, KK) whose region is not Kabupaten Blitar.
pub fn outside_blitar(
    warnings: &mut Vec<FieldError>,
    key: &'static str,
    what: Number,
    number: &str,
    from_blitar: bool,
) {
    if !from_blitar {
        let (region, blitar) = (&number[0..4], super::nik::BLITAR_REGION);
        let m = match what {
            Number::Nik => msg!("v.nik.outside_blitar", region, blitar),
            Number::Kk => msg!("v.kk.outside_blitar", region, blitar),
        };
        warnings.push(FieldError::new(key, m));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{map, today};

    fn said(errors: &[FieldError]) -> Vec<String> {
        errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn the_shared_checks_say_what_every_kind_said() {
        let mut e = Vec::new();
        assert_eq!(sex(&mut e, ""), None);
        assert_eq!(sex(&mut e, "x"), None);
        assert_eq!(sex(&mut e, "p"), Some(Sex::P));
        assert_eq!(kecamatan(&mut e, ""), None);
        assert!(kecamatan(&mut e, "ponggok").is_some());
        person_name(&mut e, "");
        person_name(&mut e, &"n".repeat(201));
        assert_eq!(yes_no(&mut e, "procedural", "mungkin"), None);
        assert_eq!(yes_no(&mut e, "procedural", ""), None);
        assert_eq!(yes_no(&mut e, "procedural", "Ya"), Some(true));
        assert_eq!(
            said(&e),
            [
                "Sex: sex is required (L or P)",
                "Sex: 'x' is not L or P",
                "Kecamatan: kecamatan is required",
                "Name: name is required",
                "Name: name is longer than 200 characters",
                "Procedural: 'mungkin' is not ya or tidak",
            ]
        );
    }

    #[test]
    fn an_nik_is_held_against_the_record() {
        let (mut e, mut w) = (Vec::new(), Vec::new());
        let (nik, facts) = Nik::parse("3578014512950001", today()).unwrap();
        nik_facts(&mut e, &mut w, &nik, &facts, Some(Sex::L), RecordSays::Case);
        assert_eq!(
            said(&e),
            ["NIK: NIK birth day says sex P but the case says L"]
        );
        assert_eq!(
            said(&w),
            ["NIK: NIK region 3578 is outside Kabupaten Blitar (3505)"]
        );
        let (mut e, mut w) = (Vec::new(), Vec::new());
        nik_facts(&mut e, &mut w, &nik, &facts, None, RecordSays::Case);
        assert!(e.is_empty());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn lengths_are_named_in_the_order_of_the_keys_and_only_for_the_kinds_fields() {
        const FIELDS: &[FieldDef] = &[
            field("b", FieldKind::Text, false),
            field("a", FieldKind::Text, false),
        ];
        let long = "x".repeat(2001);
        let values = map(&[("b", &long), ("a", &long), ("c", &long), ("d", "short")]);
        let mut e = Vec::new();
        lengths(&mut e, &values, FIELDS);
        assert_eq!(
            said(&e),
            [
                "a: longer than 2000 characters",
                "b: longer than 2000 characters"
            ]
        );
    }

    #[test]
    fn required_and_optional_values() {
        let mut e = Vec::new();
        let parse = |s: &str| s.parse::<u32>().map_err(|_| format!("'{s}' is no number"));
        assert_eq!(required(&mut e, "n", "", "n is required", parse), None);
        assert_eq!(required(&mut e, "n", "7", "n is required", parse), Some(7));
        assert_eq!(optional(&mut e, "n", "", parse), None);
        assert_eq!(optional(&mut e, "n", "x", parse), None);
        assert_eq!(said(&e), ["n: n is required", "n: 'x' is no number"]);
        assert_eq!(text(&map(&[("k", "  v ")]), "k"), "v");
        assert_eq!(text(&map(&[]), "k"), "");
        assert_eq!(date_text(None), "");
        assert_eq!(date_text(Some(today())), "2026-11-28");
    }
}
