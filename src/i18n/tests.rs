//! The catalogs hold every string the panes show, in both languages.

use super::catalog::{self, Entry};
use super::Lang;

/// The entries of one catalog file (`data/i18n/{name}.toml`).
fn file(name: &str) -> Vec<Entry> {
    let (_, text) = catalog::FILES.iter().find(|(n, _)| *n == name).unwrap();
    catalog::parse(name, text).unwrap()
}

fn in_file(name: &str, key: &str) -> bool {
    file(name).iter().any(|e| e.key == key)
}

#[test]
fn keys_are_unique_and_both_languages_filled() {
    let mut seen = std::collections::HashSet::new();
    for (name, _) in catalog::FILES {
        for Entry { key, id, en } in file(name) {
            assert!(!id.is_empty() && !en.is_empty(), "{key} lacks a language");
            assert!(seen.insert(key.clone()), "duplicate key {key}");
        }
    }
}

#[test]
fn every_case_field_has_a_label() {
    use crate::domain::case::CASE_FIELDS;
    for f in CASE_FIELDS {
        let key = format!("field.{}", f.key);
        assert!(in_file("core", &key), "{key}");
    }
    assert_eq!(Lang::En.t("field.reported_on"), "Reported on");
    assert_eq!(Lang::Id.t("field.reported_on"), "Tanggal lapor");
}

fn has(key: &str) -> bool {
    Lang::Id.t(key) != key && Lang::En.t(key) != key
}

#[test]
fn every_field_and_value_the_disputes_pane_shows_has_a_label() {
    use crate::domain::dispute::{
        DeadlineKind, DisputeType, Outcome, PpPkb, Stage, COMPLIANCE_FIELDS, DISPUTE_FIELDS,
        FACILITATION_FIELDS,
    };
    for f in DISPUTE_FIELDS
        .iter()
        .chain(FACILITATION_FIELDS)
        .chain(COMPLIANCE_FIELDS)
    {
        assert!(has(&format!("field.{}", f.key)), "field.{}", f.key);
    }
    for k in DeadlineKind::ALL {
        assert!(has(&format!("deadline.{k}")) && has(&format!("disputes.short.{k}")));
    }
    for t in DisputeType::ALL {
        assert!(has(&format!("disputes.type.{t}")), "{t}");
    }
    for s in Stage::ALL {
        assert!(has(&format!("disputes.stage.{s}")), "{s}");
    }
    for o in Outcome::ALL {
        assert!(has(&format!("disputes.outcome.{o}")), "{o}");
        assert!(has(&format!("disputes.short_outcome.{o}")), "{o}");
    }
    for p in PpPkb::ALL {
        assert!(has(&format!("disputes.pp_pkb.{p}")), "{p}");
    }
    for k in ["field.stage", "history.action.stage", "field.year"] {
        assert!(has(k), "{k}");
    }
    assert!(file("disputes").len() > 50);
}

#[test]
fn every_training_and_participant_field_has_a_label() {
    use crate::domain::training::{TRAINEE_FIELDS, TRAINING_FIELDS};
    for f in TRAINING_FIELDS.iter().chain(TRAINEE_FIELDS) {
        let key = format!("field.{}", f.key);
        assert_ne!(Lang::Id.t(&key), key, "{key} has no Indonesian label");
        assert_ne!(Lang::En.t(&key), key, "{key} has no English label");
    }
    assert_eq!(Lang::Id.t("field.employment"), "Status pekerjaan");
}

#[test]
fn every_registration_field_and_stage_has_a_label() {
    use crate::domain::transmigrant::{Stage, STAGE_MOVE_FIELDS, TRANSMIGRANT_FIELDS};
    let keys = TRANSMIGRANT_FIELDS
        .iter()
        .map(|f| f.key)
        .chain(STAGE_MOVE_FIELDS.iter().copied());
    for key in keys {
        let key = format!("field.{key}");
        assert_ne!(Lang::Id.t(&key), key, "{key}");
    }
    for s in Stage::ALL {
        let key = format!("transmigrants.stage.{}", s.as_str());
        assert!(in_file("transmigrants", &key), "{key}");
    }
}

#[test]
fn a_missing_key_shows_itself() {
    assert_eq!(Lang::En.t("no.such.key"), "no.such.key");
    assert_eq!(Lang::Id.t("no.such.key"), "no.such.key");
}
