//! PMI repatriation cases for the overlays.

use super::{FormSpec, FromForm, Kind, KindBehaviour, Loaded, RecordSpec, Start, StoredKind};
use crate::domain::case::{CaseStatus, PmiCase, CASE_FIELDS};
use crate::domain::date::Date;
use crate::store::{Store, StoreError};

pub struct CaseOps;

const FORM: FormSpec = FormSpec {
    kind: Kind::Case,
    label: "kind.case",
    fields: CASE_FIELDS,
    start: Start::Today("reported_on"),
    hidden_on_edit: &["status"],
    has_status: true,
};

const RECORD: RecordSpec<PmiCase> = RecordSpec {
    name: |case| case.name.clone(),
    status: |_, values| values.get("status").cloned(),
    from_form: FromForm::Values(PmiCase::from_fields),
};

impl KindBehaviour for CaseOps {
    fn form(&self) -> &FormSpec {
        &FORM
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
    fn record(&self) -> &RecordSpec<PmiCase> {
        &RECORD
    }
}
