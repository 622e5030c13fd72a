//! PMI repatriation cases for the overlays.

use super::{save_checked, Kind, Loaded, RecordOps, SaveOutcome};
use crate::domain::case::{CaseStatus, FieldDef, PmiCase, CASE_FIELDS};
use crate::domain::date::{iso, Date};
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

pub struct CaseOps;

impl RecordOps for CaseOps {
    fn label(&self) -> &'static str {
        "kind.case"
    }
    fn fields(&self) -> &'static [FieldDef] {
        CASE_FIELDS
    }
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        BTreeMap::from([("reported_on".to_string(), iso(today))])
    }
    fn hidden_on_edit(&self) -> &'static [&'static str] {
        &["status"]
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get_case(id)?;
        let values = r.case.to_fields();
        Ok(Loaded {
            kind: Kind::Case,
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
    fn save(
        &self,
        store: &mut Store,
        record: Option<(i64, i64)>,
        values: &BTreeMap<String, String>,
        today: Date,
        warnings_seen: bool,
    ) -> SaveOutcome {
        let parsed = PmiCase::from_fields(values, today);
        save_checked(
            parsed,
            record,
            warnings_seen,
            store,
            |s, c| s.insert_case(c),
            |s, id, version, c| s.update_case(id, version, c),
        )
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.case_history(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive_case(id, version)
    }
    fn has_status(&self) -> bool {
        true
    }
    fn next_statuses(&self, record: &Loaded) -> Vec<String> {
        record
            .status
            .as_deref()
            .and_then(|s| CaseStatus::parse(s).ok())
            .unwrap_or(CaseStatus::Baru)
            .next()
            .iter()
            .map(|s| s.as_str().to_string())
            .collect()
    }
    fn move_status(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        _today: Date,
    ) -> Result<i64, StoreError> {
        let to = CaseStatus::parse(to).map_err(StoreError::Refused)?;
        store.move_case_status(record.id, record.version, to)
    }
}
