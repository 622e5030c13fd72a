//! The province's yearly quota of transmigrant families, entered through the common form.
//! The record's id is its year. The store replaces a year's quota without a version check,
//! so the save checks here that nobody entered or changed it since the form was opened.

use super::{FormSpec, Kind, KindBehaviour, Loaded, RecordOps, SaveOutcome, Start};
use crate::domain::case::{FieldDef, FieldKind};
use crate::domain::check::{field, required, text};
use crate::domain::date::Date;
use crate::domain::transmigrant::Quota;
use crate::domain::FieldError;
use crate::msg;
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

pub struct QuotaOps;

const QUOTA_FIELDS: &[FieldDef] = &[
    field("quota_year", FieldKind::Text, true),
    field("quota_families", FieldKind::Text, true),
    field("quota_destinations", FieldKind::Text, false),
    field("quota_source", FieldKind::Text, false),
];

/// The typed quota, or its problems keyed by the form's fields.
fn parse(values: &BTreeMap<String, String>) -> Result<Quota, Vec<FieldError>> {
    let mut errors = Vec::new();
    let year = required(
        &mut errors,
        "quota_year",
        &text(values, "quota_year"),
        crate::msg!("v.year.required"),
        |s| {
            s.parse::<i32>()
                .map_err(|_| crate::msg!("v.year.invalid", crate::domain::quoted(s)))
        },
    );
    let families = required(
        &mut errors,
        "quota_families",
        &text(values, "quota_families"),
        crate::msg!("v.quota.families_required"),
        |s| {
            s.parse::<i64>()
                .map_err(|_| crate::msg!("v.quota.families_invalid", crate::domain::quoted(s)))
        },
    );
    let (Some(year), Some(families)) = (year, families) else {
        return Err(errors);
    };
    Quota::new(
        year,
        families,
        &text(values, "quota_destinations"),
        &text(values, "quota_source"),
    )
    .map_err(|e| {
        let field = if e.field == "year" {
            "quota_year"
        } else {
            "quota_families"
        };
        vec![FieldError::new(field, e.reason)]
    })
}

fn conflict(year: i64, by: String, at: String) -> StoreError {
    StoreError::Conflict {
        entity: "quota of year",
        id: year,
        by,
        at,
    }
}

const FORM: FormSpec = FormSpec::plain(
    Kind::TransmigrationQuota,
    "kind.transmigration_quota",
    QUOTA_FIELDS,
    Start::Empty,
);

impl KindBehaviour for QuotaOps {
    fn form(&self) -> &FormSpec {
        &FORM
    }
}

/// The quota is kept by year, not by the store's record mechanism (it is entered or
/// replaced, never archived): its reading and saving are its own.
impl RecordOps for QuotaOps {
    fn load(&self, store: &Store, year: i64) -> Result<Loaded, StoreError> {
        let not_found = || StoreError::NotFound {
            entity: "quota of year",
            id: year,
        };
        let y = i32::try_from(year).map_err(|_| not_found())?;
        let r = store.transmigration_quota(y)?.ok_or_else(not_found)?;
        let values = [
            ("quota_year", r.quota.year.to_string()),
            ("quota_families", r.quota.families.to_string()),
            ("quota_destinations", r.quota.destinations.clone()),
            ("quota_source", r.quota.source.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Ok(Loaded {
            kind: Kind::TransmigrationQuota,
            id: year,
            version: r.version,
            name: year.to_string(),
            values,
            status: None,
            archived: false,
            created: (r.entered_by.clone(), r.entered_at.clone()),
            changed: (r.entered_by, r.entered_at),
        })
    }
    fn save(
        &self,
        store: &mut Store,
        record: Option<(i64, i64)>,
        values: &BTreeMap<String, String>,
        _today: Date,
        _warnings_seen: bool,
    ) -> SaveOutcome {
        let quota = match parse(values) {
            Ok(q) => q,
            Err(errors) => {
                return SaveOutcome::Invalid {
                    errors,
                    warnings: Vec::new(),
                }
            }
        };
        let current = match store.transmigration_quota(quota.year) {
            Ok(c) => c,
            Err(e) => return SaveOutcome::Failed(e),
        };
        let year = i64::from(quota.year);
        // The version this form was opened on, checked again by the store under its
        // write lock (someone may save between this read and that write).
        let seen = match (&record, &current) {
            (Some((opened, seen)), _) if *opened == year => Some(*seen),
            _ => None,
        };
        match (record, current) {
            // The year was changed in the form to one that has its own quota.
            (Some((opened, _)), Some(c)) if opened != year => {
                return SaveOutcome::Failed(StoreError::Refused(msg!(
                    "s.quota.exists",
                    quota.year,
                    c.quota.families
                )));
            }
            // Entered or changed by someone else since the form was opened.
            (Some((_, seen)), Some(c)) if seen != c.version => {
                return SaveOutcome::Failed(conflict(year, c.entered_by, c.entered_at));
            }
            (None, Some(c)) => {
                return SaveOutcome::Failed(conflict(year, c.entered_by, c.entered_at));
            }
            _ => {}
        }
        match store.save_transmigration_quota(&quota, seen) {
            Ok(()) => SaveOutcome::Saved(i64::from(quota.year)),
            Err(e) => SaveOutcome::Failed(e),
        }
    }
    fn history(&self, store: &Store, year: i64) -> Result<Vec<AuditEntry>, StoreError> {
        match i32::try_from(year) {
            Ok(y) => store.transmigration_quota_history(y),
            Err(_) => Ok(Vec::new()),
        }
    }
    fn archive(&self, _store: &mut Store, _id: i64, _version: i64) -> Result<i64, StoreError> {
        Err(StoreError::Refused(msg!("s.quota.no_archive")))
    }
    fn restore(&self, _store: &mut Store, _id: i64, _version: i64) -> Result<i64, StoreError> {
        Err(StoreError::Refused(msg!("s.quota.no_restore")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn problems_land_on_the_form_fields() {
        let e = parse(&values(&[("quota_year", "2024"), ("quota_families", "x")])).unwrap_err();
        assert_eq!(e[0].field, "quota_families");
        assert_eq!(e[0].reason.text(Lang::Id), "'x' bukan jumlah KK");
        let e = parse(&values(&[("quota_year", "2026abc")])).unwrap_err();
        assert_eq!(
            e[0].reason.text(Lang::Id),
            "'2026abc' bukan tahun (mis. 2024)"
        );
        assert_eq!(
            e[1].reason.text(Lang::Id),
            "Jumlah KK yang diberikan provinsi wajib diisi (0 bila tidak ada)"
        );
        let e = parse(&values(&[("quota_year", "1990"), ("quota_families", "1")])).unwrap_err();
        assert_eq!(e[0].field, "quota_year");
        let q = parse(&values(&[
            ("quota_year", "2024"),
            ("quota_families", "1"),
            ("quota_destinations", "UPT Torire"),
        ]))
        .unwrap();
        assert_eq!((q.year, q.families), (2024, 1));
    }

    #[test]
    fn a_quota_entered_meanwhile_is_not_overwritten() {
        let mut store = Store::open_in_memory("ani").unwrap();
        let today = Date::from_ymd_opt(2024, 6, 1).unwrap();
        let v = values(&[("quota_year", "2024"), ("quota_families", "1")]);
        assert!(matches!(
            QuotaOps.save(&mut store, None, &v, today, false),
            SaveOutcome::Saved(2024)
        ));
        // a second "new" quota for the same year: someone else entered it first
        assert!(matches!(
            QuotaOps.save(&mut store, None, &v, today, false),
            SaveOutcome::Failed(StoreError::Conflict { .. })
        ));
        // the form's year changed to one with its own quota: refused, not replaced
        let v2025 = values(&[("quota_year", "2025"), ("quota_families", "3")]);
        assert!(matches!(
            QuotaOps.save(&mut store, None, &v2025, today, false),
            SaveOutcome::Saved(2025)
        ));
        assert!(matches!(
            QuotaOps.save(&mut store, Some((2024, 1)), &v2025, today, false),
            SaveOutcome::Failed(StoreError::Refused(_))
        ));
        let loaded = QuotaOps.load(&store, 2024).unwrap();
        let v2 = values(&[("quota_year", "2024"), ("quota_families", "2")]);
        assert!(matches!(
            QuotaOps.save(&mut store, Some((2024, loaded.version)), &v2, today, false),
            SaveOutcome::Saved(2024)
        ));
        assert_eq!(
            store
                .transmigration_quota(2024)
                .unwrap()
                .unwrap()
                .quota
                .families,
            2
        );
    }
}
