//! PMI repatriation cases for the overlays. A move asks what officers need at that step
//! (`case_flow::move_asks`): the planned return date for pemulangan, the arrival date and
//! place for tiba, the hand-over date for ditutup where not yet given. `s` on a closed case
//! reopens it with a reason; the pane's assign key makes another officer responsible. Both
//! go through the same small form as the moves ([`REOPEN`], [`ASSIGN`]).

use super::{
    own_values, ExtraLine, FormSpec, FromForm, Kind, KindBehaviour, Loaded, MoveOutcome,
    RecordSpec, Start, StoredKind,
};
use crate::domain::case::{CaseStatus, FieldDef, FieldKind, PmiCase, CASE_FIELDS};
use crate::domain::case_flow::{move_asks, CaseMove, REOPEN_FIELDS};
use crate::domain::check::field;
use crate::domain::date::{display_iso, parse_date, Date};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct CaseOps;

/// The choice `s` offers on a closed case.
pub const REOPEN: &str = "reopen";
/// The "move" of the assign key: a new responsible officer.
pub const ASSIGN: &str = "assign";

const ASSIGN_FIELDS: &[FieldDef] = &[field("officer", FieldKind::Text, true)];

const FORM: FormSpec = FormSpec {
    kind: Kind::Case,
    label: "kind.case",
    fields: CASE_FIELDS,
    start: Start::Today("reported_on"),
    // Set by moves and reassigning, never by the edit form.
    hidden_on_edit: &["status", "planned_return", "officer"],
    has_status: true,
};

const RECORD: RecordSpec<PmiCase> = RecordSpec {
    name: |case| case.name.clone(),
    status: |_, values| values.get("status").cloned(),
    from_form: FromForm::Values(PmiCase::from_fields),
};

fn status_of(record: &Loaded) -> CaseStatus {
    record
        .status
        .as_deref()
        .and_then(|s| CaseStatus::parse(s).ok())
        .unwrap_or(CaseStatus::Baru)
}

/// What the moves' questions depend on: whether the case has arrived and been handed over.
fn dates_of(record: &Loaded) -> PmiCase {
    let date = |k: &str| record.values.get(k).and_then(|v| parse_date(v).ok());
    PmiCase {
        status: Some(status_of(record)),
        arrival_date: date("arrival_date"),
        handover_date: date("handover_date"),
        ..PmiCase::default()
    }
}

impl KindBehaviour for CaseOps {
    fn form(&self) -> &FormSpec {
        &FORM
    }
    fn status_label(&self, status: &str, lang: Lang) -> String {
        match status {
            REOPEN => lang.t("case_flow.reopen").to_string(),
            ASSIGN => lang.t("case_flow.assign").to_string(),
            s => s.to_string(),
        }
    }
    fn next_statuses(&self, record: &Loaded) -> Vec<String> {
        match status_of(record) {
            CaseStatus::Ditutup => vec![REOPEN.to_string()],
            s => s.next().iter().map(|s| s.as_str().to_string()).collect(),
        }
    }
    fn move_asks(&self, record: &Loaded, to: &str) -> &'static [FieldDef] {
        match to {
            REOPEN => REOPEN_FIELDS,
            ASSIGN => ASSIGN_FIELDS,
            to => match CaseStatus::parse(to) {
                Ok(to) => move_asks(&dates_of(record), to),
                Err(_) => &[],
            },
        }
    }
    fn move_defaults(&self, record: &Loaded, to: &str, _today: Date) -> BTreeMap<String, String> {
        match to {
            // A reason is the officer's own words; the officer's name is typed anew.
            REOPEN | ASSIGN => BTreeMap::new(),
            _ => own_values(record, self.move_asks(record, to)),
        }
    }
    fn detail_extra(
        &self,
        _store: &Store,
        record: &Loaded,
        _today: Date,
        lang: Lang,
    ) -> Vec<ExtraLine> {
        let mut lines = Vec::new();
        for key in ["officer", "planned_return"] {
            if let Some(v) = record.values.get(key).filter(|v| !v.is_empty()) {
                lines.push(ExtraLine {
                    text: format!("{}: {}", lang.t(&format!("field.{key}")), display_iso(v)),
                    urgent: false,
                });
            }
        }
        lines
    }
    fn move_status(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        _today: Date,
    ) -> Result<i64, StoreError> {
        let to = CaseStatus::parse(to).map_err(StoreError::Refused)?;
        store.move_case(record.id, record.version, to, &CaseMove::default())
    }
    fn move_status_with(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> MoveOutcome {
        let text = |k: &str| {
            values
                .get(k)
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let done = match to {
            REOPEN => {
                if text("reason").is_empty() {
                    return MoveOutcome::Invalid(vec![crate::domain::FieldError::new(
                        "reason",
                        Lang::En.t("case_flow.needs.reason"),
                    )]);
                }
                store.reopen_case(record.id, record.version, &text("reason"))
            }
            ASSIGN => {
                if text("officer").is_empty() {
                    return MoveOutcome::Invalid(vec![crate::domain::FieldError::new(
                        "officer",
                        Lang::En.t("case_flow.needs.officer"),
                    )]);
                }
                store.assign_case(record.id, record.version, &text("officer"))
            }
            to => {
                let to = match CaseStatus::parse(to) {
                    Ok(s) => s,
                    Err(e) => return MoveOutcome::Failed(StoreError::Refused(e)),
                };
                let (mv, errors) = CaseMove::from_values(values, today);
                if !errors.is_empty() {
                    return MoveOutcome::Invalid(errors);
                }
                // The problems beside their fields before anything is written; the store
                // asks the same of the case as it is then.
                match store.get_case(record.id) {
                    Ok(r) => {
                        if let Err(errors) = r.case.moved(to, &mv) {
                            return MoveOutcome::Invalid(errors);
                        }
                    }
                    Err(e) => return MoveOutcome::Failed(e),
                }
                store.move_case(record.id, record.version, to, &mv)
            }
        };
        match done {
            Ok(_) => MoveOutcome::Moved(None),
            Err(e) => MoveOutcome::Failed(e),
        }
    }
}

impl StoredKind for CaseOps {
    type Value = PmiCase;
    fn record(&self) -> &RecordSpec<PmiCase> {
        &RECORD
    }
}
