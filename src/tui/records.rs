//! The record kinds the TUI edits, behind one small interface: the form's fields, loading,
//! saving with validation, history, archive and status moves. The overlays (form, detail,
//! history, archive question, status choice) work for every kind through it. A new kind is a
//! new variant here and nothing else in the overlays.

use crate::domain::case::{CaseStatus, FieldDef, FieldKind, PmiCase, CASE_FIELDS};
use crate::domain::date::{iso, Date};
use crate::domain::placement::{Placement, PLACEMENT_FIELDS};
use crate::domain::{FieldError, Money};
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Case,
    Placement,
}

/// A record as the overlays show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub kind: Kind,
    pub id: i64,
    pub version: i64,
    /// The person or company the record is about.
    pub name: String,
    pub values: BTreeMap<String, String>,
    pub status: Option<String>,
    pub archived: bool,
    pub created: (String, String),
    pub changed: (String, String),
}

pub enum SaveOutcome {
    Saved(i64),
    /// Nothing written: errors to fix, or warnings the officer has not seen yet.
    Invalid {
        errors: Vec<FieldError>,
        warnings: Vec<FieldError>,
    },
    Failed(StoreError),
}

impl Kind {
    /// The catalog key of the kind's name ("Kasus", "Penempatan").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Case => "kind.case",
            Kind::Placement => "kind.placement",
        }
    }

    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            Kind::Case => CASE_FIELDS,
            Kind::Placement => PLACEMENT_FIELDS,
        }
    }

    /// Values a new record's form starts with.
    pub fn defaults(self, today: Date) -> BTreeMap<String, String> {
        let mut v = BTreeMap::new();
        match self {
            Kind::Case => {
                v.insert("reported_on".into(), iso(today));
            }
            Kind::Placement => {}
        }
        v
    }

    /// Fields an edit form does not show but must carry back (they change by other moves).
    pub fn hidden_on_edit(self) -> &'static [&'static str] {
        match self {
            Kind::Case => &["status"],
            Kind::Placement => &[],
        }
    }

    pub fn load(self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        match self {
            Kind::Case => {
                let r = store.get_case(id)?;
                let values = r.case.to_fields();
                Ok(Loaded {
                    kind: self,
                    id,
                    version: r.version,
                    name: r.case.name.clone(),
                    status: values.get("status").cloned(),
                    values,
                    archived: r.archived,
                    created: (r.created_by, r.created_at),
                    changed: (r.changed_by, r.changed_at),
                })
            }
            Kind::Placement => {
                let r = store.get_placement(id)?;
                Ok(Loaded {
                    kind: self,
                    id,
                    version: r.version,
                    name: r.placement.name.clone(),
                    values: r.placement.to_fields(),
                    status: None,
                    archived: r.archived,
                    created: (r.created_by, r.created_at),
                    changed: (r.changed_by, r.changed_at),
                })
            }
        }
    }

    /// Check the typed values and save them: a new record when `record` is None, else the
    /// edit of (id, version the officer opened).
    pub fn save(
        self,
        store: &mut Store,
        record: Option<(i64, i64)>,
        values: &BTreeMap<String, String>,
        today: Date,
        warnings_seen: bool,
    ) -> SaveOutcome {
        macro_rules! check_then {
            ($parsed:expr, |$rec:ident| $insert:expr, |$id:ident, $ver:ident, $rec2:ident| $update:expr) => {{
                let (parsed, checked) = $parsed;
                if !checked.errors.is_empty() || (!checked.warnings.is_empty() && !warnings_seen) {
                    return SaveOutcome::Invalid {
                        errors: checked.errors,
                        warnings: checked.warnings,
                    };
                }
                let Some(rec) = parsed else {
                    return SaveOutcome::Invalid {
                        errors: checked.errors,
                        warnings: checked.warnings,
                    };
                };
                let result = match record {
                    None => {
                        let $rec = &rec;
                        $insert
                    }
                    Some(($id, $ver)) => {
                        let $rec2 = &rec;
                        $update.map(|_| $id)
                    }
                };
                match result {
                    Ok(id) => SaveOutcome::Saved(id),
                    Err(e) => SaveOutcome::Failed(e),
                }
            }};
        }
        match self {
            Kind::Case => check_then!(
                PmiCase::from_fields(values, today),
                |c| store.insert_case(c),
                |id, version, c| store.update_case(id, version, c)
            ),
            Kind::Placement => check_then!(
                Placement::from_fields(values, today),
                |p| store.insert_placement(p),
                |id, version, p| store.update_placement(id, version, p)
            ),
        }
    }

    pub fn history(self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        match self {
            Kind::Case => store.case_history(id),
            Kind::Placement => store.placement_history(id),
        }
    }

    pub fn archive(self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        match self {
            Kind::Case => store.archive_case(id, version),
            Kind::Placement => store.archive_placement(id, version),
        }
    }

    /// Where a record in `status` may move next (empty: nowhere, or the kind has no status).
    pub fn next_statuses(self, status: Option<&str>) -> Vec<String> {
        match self {
            Kind::Case => status
                .and_then(|s| CaseStatus::parse(s).ok())
                .unwrap_or(CaseStatus::Baru)
                .next()
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            Kind::Placement => Vec::new(),
        }
    }

    pub fn has_status(self) -> bool {
        matches!(self, Kind::Case)
    }

    pub fn move_status(
        self,
        store: &mut Store,
        id: i64,
        version: i64,
        to: &str,
    ) -> Result<i64, StoreError> {
        match self {
            Kind::Case => {
                let to = CaseStatus::parse(to).map_err(StoreError::Refused)?;
                store.move_case_status(id, version, to)
            }
            Kind::Placement => Err(StoreError::Refused("a placement has no status".into())),
        }
    }

    /// A value as the detail view shows it (rupiah with Indonesian grouping).
    pub fn display_value(self, key: &str, value: &str) -> String {
        let money = self
            .fields()
            .iter()
            .any(|f| f.key == key && f.kind == FieldKind::Money);
        if money {
            if let Ok(m) = Money::parse(value) {
                return m.display_id();
            }
        }
        value.to_string()
    }
}
