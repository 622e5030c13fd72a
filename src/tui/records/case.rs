//! PMI repatriation cases for the overlays.

use super::{FromForm, Kind, KindBehaviour, Loaded, Start, StoredKind};
use crate::domain::case::{CaseStatus, FieldDef, PmiCase, CASE_FIELDS};
use crate::domain::date::Date;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct CaseOps;

impl KindBehaviour for CaseOps {
    fn label(&self) -> &'static str {
        "kind.case"
    }
    fn fields(&self) -> &'static [FieldDef] {
        CASE_FIELDS
    }
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        Start::Today("reported_on").values(today)
    }
    fn hidden_on_edit(&self) -> &'static [&'static str] {
        &["status"]
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

impl StoredKind for CaseOps {
    type Value = PmiCase;
    fn kind(&self) -> Kind {
        Kind::Case
    }
    fn name(&self, value: &PmiCase) -> String {
        value.name.clone()
    }
    fn status(&self, _value: &PmiCase, values: &BTreeMap<String, String>) -> Option<String> {
        values.get("status").cloned()
    }
    fn value_from_form(&self) -> FromForm<PmiCase> {
        FromForm::Values(PmiCase::from_fields)
    }
}
