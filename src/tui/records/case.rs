//! PMI repatriation cases for the overlays. The detail shows the case's referrals (an answer
//! overdue stands out) and the documents its category needs; closing with a required document
//! missing asks a reason; a document received is recorded in a small form of its own.

use super::{
    ExtraLine, FormSpec, FromForm, Kind, KindBehaviour, Loaded, MoveOutcome, RecordSpec, Start,
    StoredKind,
};
use crate::domain::case::{CaseCategory, CaseStatus, FieldDef, FieldKind, PmiCase, CASE_FIELDS};
use crate::domain::casework::{documents_for, ReferralState};
use crate::domain::check::field;
use crate::domain::date::{iso, parse_past_date, Date};
use crate::domain::FieldError;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::tui::keymap::Action;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub struct CaseOps;

/// The move that records a document of the case as received (not a status).
pub const TICK_DOCUMENT: &str = "tick-document";

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

/// What closing with a required document missing asks.
const REASON_FIELDS: &[FieldDef] = &[field("reason", FieldKind::Text, true)];

/// The document form of a category: which document (its documents), received on.
fn tick_fields(category: CaseCategory) -> &'static [FieldDef] {
    static BY: OnceLock<BTreeMap<CaseCategory, &'static [FieldDef]>> = OnceLock::new();
    BY.get_or_init(|| {
        CaseCategory::ALL
            .iter()
            .map(|c| {
                let docs: Vec<&'static str> = documents_for(*c)
                    .iter()
                    .map(|d| d.document.as_str())
                    .collect();
                let docs: &'static [&'static str] = Box::leak(docs.into_boxed_slice());
                let fields: &'static [FieldDef] = Box::leak(Box::new([
                    field("document", FieldKind::Choice(docs), true),
                    field("received_on", FieldKind::Date, false),
                ]));
                (*c, fields)
            })
            .collect()
    })
    .get(&category)
    .copied()
    .unwrap_or(&[])
}

fn category(record: &Loaded) -> Option<CaseCategory> {
    record
        .values
        .get("category")
        .and_then(|c| CaseCategory::parse(c).ok())
}

/// The names of the case's required documents not received, in the officer's language.
fn missing_names(store: &Store, id: i64, lang: Lang) -> Vec<&'static str> {
    store
        .missing_case_documents(id)
        .unwrap_or_default()
        .iter()
        .map(|d| lang.t(&format!("doc.{d}")))
        .collect()
}

/// The referrals and documents sections of the case's detail.
fn casework_lines(store: &Store, record: &Loaded, today: Date, lang: Lang) -> Vec<ExtraLine> {
    let plain = |text: String| ExtraLine {
        text,
        urgent: false,
    };
    let mut lines = vec![plain(format!("{}:", lang.t("casework.referrals")))];
    let referrals = store.case_referrals(record.id).unwrap_or_default();
    if referrals.is_empty() {
        lines.push(plain(format!("  {}", lang.t("casework.no_referrals"))));
    }
    for (i, r) in referrals.iter().enumerate() {
        // Two lines each, so that a referral stays within an 80-column detail.
        let v = &r.referral;
        let state = v.state(today);
        let urgent = state == ReferralState::Overdue;
        lines.push(ExtraLine {
            text: format!(
                "  {}. {} · {} {} · {} {}",
                i + 1,
                v.agency,
                lang.t("field.sent_on"),
                iso(v.sent_on),
                lang.t("referral.due"),
                iso(v.due_on),
            ),
            urgent,
        });
        let mut text = format!("     {}", lang.t(state.key()));
        if let Some(on) = v.answered_on {
            text.push_str(&format!(" {}", iso(on)));
        }
        if !v.asked.is_empty() {
            text.push_str(&format!(" · {}", v.asked));
        }
        lines.push(ExtraLine { text, urgent });
    }
    let Some(cat) = category(record) else {
        return lines;
    };
    lines.push(plain(format!("{}:", lang.t("casework.documents"))));
    let rows = store.case_documents(record.id).unwrap_or_default();
    for spec in documents_for(cat) {
        let got = rows
            .iter()
            .find(|r| r.document.document == spec.document)
            .filter(|r| r.document.received_on.is_some());
        let name = lang.t(&format!("doc.{}", spec.document));
        let required = if spec.required {
            format!(" ({})", lang.t("casework.required"))
        } else {
            String::new()
        };
        lines.push(plain(match got {
            Some(r) => format!(
                "  [x] {name}{required} · {} {} {}",
                iso(r.document.received_on.unwrap_or_default()),
                lang.t("casework.by"),
                r.changed_by
            ),
            None => format!("  [ ] {name}{required}"),
        }));
    }
    lines
}

impl KindBehaviour for CaseOps {
    fn form(&self) -> &FormSpec {
        &FORM
    }
    fn status_label(&self, status: &str, lang: Lang) -> String {
        match status {
            TICK_DOCUMENT => lang.t("casework.tick_title").to_string(),
            other => other.to_string(),
        }
    }
    fn detail_extra(
        &self,
        store: &Store,
        record: &Loaded,
        today: Date,
        lang: Lang,
    ) -> Vec<ExtraLine> {
        casework_lines(store, record, today, lang)
    }
    fn detail_actions(&self) -> &'static [Action] {
        &[
            Action::AddReferral,
            Action::AnswerReferral,
            Action::TickDocument,
        ]
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
    fn move_asks(
        &self,
        store: &Store,
        record: &Loaded,
        to: &str,
        lang: Lang,
    ) -> (&'static [FieldDef], Option<String>) {
        if to == TICK_DOCUMENT {
            let fields = category(record).map_or(&[][..], tick_fields);
            return (fields, None);
        }
        let mut fields = self.move_fields(to);
        let mut note = None;
        if to == CaseStatus::Ditutup.as_str() {
            let missing = missing_names(store, record.id, lang);
            if !missing.is_empty() {
                fields = REASON_FIELDS;
                note = Some(
                    lang.t("casework.close_needs_reason")
                        .replace("{docs}", &missing.join(", ")),
                );
            }
        }
        (fields, note)
    }
    fn move_defaults(&self, record: &Loaded, to: &str, today: Date) -> BTreeMap<String, String> {
        let mut v = BTreeMap::new();
        if to == TICK_DOCUMENT {
            v.insert("received_on".to_string(), iso(today));
            if let Some(first) = category(record).map(documents_for).and_then(|d| d.first()) {
                v.insert("document".to_string(), first.document.clone());
            }
        }
        v
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
    fn move_status_with(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> MoveOutcome {
        let value = |k: &str| values.get(k).map(|s| s.trim()).unwrap_or_default();
        if to == TICK_DOCUMENT {
            let on = value("received_on");
            let day = if on.is_empty() {
                None
            } else {
                match parse_past_date(on, today) {
                    Ok(d) => Some(d),
                    Err(e) => return MoveOutcome::Invalid(vec![FieldError::new("received_on", e)]),
                }
            };
            return match store.record_case_document(record.id, value("document"), day) {
                Ok(_) => MoveOutcome::Moved(None),
                Err(e) => MoveOutcome::Failed(e),
            };
        }
        let to = match CaseStatus::parse(to) {
            Ok(s) => s,
            Err(e) => return MoveOutcome::Failed(StoreError::Refused(e)),
        };
        let reason = value("reason");
        if to == CaseStatus::Ditutup && reason.is_empty() && values.contains_key("reason") {
            return MoveOutcome::Invalid(vec![FieldError::new(
                "reason",
                "give the reason for closing the case",
            )]);
        }
        match store.move_case_status_noting(record.id, record.version, to, reason) {
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
