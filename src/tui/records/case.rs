//! PMI repatriation cases for the overlays. A move asks what officers need at that step
//! (`case_flow::move_asks`): the planned return date for pemulangan, the arrival date and
//! place for tiba, the hand-over date for ditutup where not yet given — and, closing with a
//! required document missing, a reason. `s` on a closed case reopens it with a reason; the
//! pane's assign key makes another officer responsible. Both go through the same small form
//! as the moves ([`REOPEN`], [`ASSIGN`]). The detail shows the officer, the case's referrals
//! (an answer overdue stands out) and the documents its category needs; a document received
//! is recorded in a small form of its own ([`TICK_DOCUMENT`]).

use super::{
    own_values, ExtraLine, FormSpec, FromForm, Kind, KindBehaviour, Loaded, MoveOutcome,
    RecordSpec, Start, StoredKind,
};
use crate::domain::case::{CaseCategory, CaseStatus, FieldDef, FieldKind, PmiCase, CASE_FIELDS};
use crate::domain::case_flow::{move_asks, CaseMove, REOPEN_FIELDS};
use crate::domain::casework::{documents_for, ReferralState};
use crate::domain::check::field;
use crate::domain::date::{display_iso, iso, parse_date, parse_past_date, Date};
use crate::domain::FieldError;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::tui::keymap::Action;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub struct CaseOps;

/// The move that records a document of the case as received (not a status).
pub const TICK_DOCUMENT: &str = "tick-document";
/// The "move" that writes a note of the case (a record of its own, not a status).
pub const ADD_NOTE: &str = "add-note";

/// What a note asks: its text (typed first), and its day (today unless changed).
const NOTE_FIELDS: &[FieldDef] = &[
    field("text", FieldKind::Text, true),
    field("noted_on", FieldKind::Date, false),
];
/// The choice `s` offers on a closed case.
pub const REOPEN: &str = "reopen";
/// The "move" of the assign key: a new responsible officer.
pub const ASSIGN: &str = "assign";

const ASSIGN_FIELDS: &[FieldDef] = &[field("officer", FieldKind::Text, true)];

/// The case form: every case field but `notes` — a note is an entry of its own (`N` on the
/// detail), not one growing text; the old text is carried back unchanged by an edit.
fn form_spec() -> &'static FormSpec {
    static FORM: OnceLock<FormSpec> = OnceLock::new();
    FORM.get_or_init(|| {
        let fields: Vec<FieldDef> = CASE_FIELDS
            .iter()
            .filter(|f| f.key != "notes")
            .map(|f| FieldDef {
                key: f.key,
                kind: f.kind,
                required: f.required,
            })
            .collect();
        FormSpec {
            kind: Kind::Case,
            label: "kind.case",
            fields: Box::leak(fields.into_boxed_slice()),
            start: Start::Today("reported_on"),
            // Set by moves, reassigning and notes, never by the edit form.
            hidden_on_edit: &["status", "planned_return", "officer", "notes"],
            has_status: true,
        }
    })
}

const RECORD: RecordSpec<PmiCase> = RecordSpec {
    name: |case| case.name.clone(),
    status: |_, values| values.get("status").cloned(),
    from_form: FromForm::Values(PmiCase::from_fields),
};

/// What closing with a required document missing asks.
const REASON_FIELDS: &[FieldDef] = &[field("reason", FieldKind::Text, true)];

/// Closing after an arrival, or without one, with a required document missing: the
/// hand-over date the move asks, then the reason.
const HANDOVER_REASON_FIELDS: &[FieldDef] = &[
    field("handover_date", FieldKind::Date, true),
    field("reason", FieldKind::Text, true),
];
const CLOSE_REASON_FIELDS: &[FieldDef] = &[
    field("handover_date", FieldKind::Date, false),
    field("reason", FieldKind::Text, true),
];

/// The questions of a move to `ditutup` (`case_flow::move_asks`) with the reason after them.
fn with_reason(fields: &'static [FieldDef]) -> &'static [FieldDef] {
    match fields.first().map(|f| (f.key, f.required)) {
        Some(("handover_date", true)) => HANDOVER_REASON_FIELDS,
        Some(("handover_date", false)) => CLOSE_REASON_FIELDS,
        _ => REASON_FIELDS,
    }
}

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
        .map(|d| lang.t(&format!("choice.document.{d}")))
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
        let name = lang.t(&format!("choice.document.{}", spec.document));
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

/// How many entries of the timeline the detail shows (the whole history is `h`).
const TIMELINE_ENTRIES: usize = 12;

/// The case's timeline, newest first: its notes, status moves, reassignments, referrals and
/// their answers, documents received — one line each, from its history.
fn timeline_lines(store: &Store, record: &Loaded, lang: Lang) -> Vec<ExtraLine> {
    let entries = store.history::<PmiCase>(record.id).unwrap_or_default();
    let mut lines = vec![ExtraLine {
        text: format!("{}:", lang.t("casework.timeline")),
        urgent: false,
    }];
    for e in entries.iter().rev().take(TIMELINE_ENTRIES) {
        let key = format!("history.action.{}", e.action);
        let action = match lang.t(&key) {
            t if t == key => e.action.clone(),
            t => t.to_string(),
        };
        // A move or a reassignment: the change of the status or of the officer, whichever
        // other fields the move wrote too (a hand-over date, the next follow-up).
        let moved_field = match e.action.as_str() {
            "status" | "reopen" => Some("status"),
            "assign" => Some("officer"),
            _ => None,
        };
        let moved = moved_field.and_then(|f| e.changes.iter().find(|c| c.field == f));
        let what = match e.changes.first() {
            _ if moved.is_some() => {
                moved.map_or(String::new(), |c| format!("{} → {}", c.old, c.new))
            }
            // A note: its text (its own number says nothing to an officer).
            Some(c) if e.action.starts_with("note.") => c
                .new
                .split_once(' ')
                .map_or(c.new.clone(), |(_, text)| text.to_string()),
            // A referral or a document: which one.
            Some(c) if e.action.contains('.') => c.new.clone(),
            _ => String::new(),
        };
        // One line each within an 80-column detail: a longer one ends in "…" (`h` has it whole).
        let line = format!("  {} {} · {action} {what}", display_iso(&e.at), e.officer);
        let line = line.trim_end();
        let text: String = if line.chars().count() > 76 {
            line.chars().take(75).chain(std::iter::once('…')).collect()
        } else {
            line.to_string()
        };
        lines.push(ExtraLine {
            text,
            urgent: false,
        });
    }
    lines
}

impl KindBehaviour for CaseOps {
    fn form(&self) -> &FormSpec {
        form_spec()
    }
    /// The detail shows every case field, the old notes text included.
    fn detail_fields(&self) -> &'static [FieldDef] {
        CASE_FIELDS
    }
    fn status_label(&self, status: &str, lang: Lang) -> String {
        match status {
            TICK_DOCUMENT => lang.t("casework.tick_title").to_string(),
            ADD_NOTE => lang.t("casework.add_note_title").to_string(),
            REOPEN => lang.t("case_flow.reopen").to_string(),
            ASSIGN => lang.t("case_flow.assign").to_string(),
            other => other.to_string(),
        }
    }
    fn detail_actions(&self) -> &'static [Action] {
        &[
            Action::AddReferral,
            Action::AnswerReferral,
            Action::TickDocument,
            Action::AddNote,
        ]
    }
    fn next_statuses(&self, record: &Loaded) -> Vec<String> {
        match status_of(record) {
            CaseStatus::Ditutup => vec![REOPEN.to_string()],
            s => s.next().iter().map(|s| s.as_str().to_string()).collect(),
        }
    }
    fn move_asks(
        &self,
        store: &Store,
        record: &Loaded,
        to: &str,
        lang: Lang,
    ) -> (&'static [FieldDef], Option<String>) {
        let fields = match to {
            TICK_DOCUMENT => return (category(record).map_or(&[][..], tick_fields), None),
            ADD_NOTE => return (NOTE_FIELDS, None),
            REOPEN => return (REOPEN_FIELDS, None),
            ASSIGN => return (ASSIGN_FIELDS, None),
            to => match CaseStatus::parse(to) {
                Ok(to) => move_asks(&dates_of(record), to),
                Err(_) => return (&[], None),
            },
        };
        if to != CaseStatus::Ditutup.as_str() {
            return (fields, None);
        }
        let missing = missing_names(store, record.id, lang);
        if missing.is_empty() {
            return (fields, None);
        }
        let note = lang
            .t("casework.close_needs_reason")
            .replace("{docs}", &missing.join(", "));
        (with_reason(fields), Some(note))
    }
    fn move_defaults(&self, record: &Loaded, to: &str, today: Date) -> BTreeMap<String, String> {
        match to {
            TICK_DOCUMENT => {
                let mut v = BTreeMap::new();
                v.insert("received_on".to_string(), iso(today));
                if let Some(first) = category(record).map(documents_for).and_then(|d| d.first()) {
                    v.insert("document".to_string(), first.document.clone());
                }
                v
            }
            ADD_NOTE => BTreeMap::from([("noted_on".to_string(), iso(today))]),
            // A reason is the officer's own words; the officer's name is typed anew.
            REOPEN | ASSIGN => BTreeMap::new(),
            to => match CaseStatus::parse(to) {
                Ok(s) => own_values(record, move_asks(&dates_of(record), s)),
                Err(_) => BTreeMap::new(),
            },
        }
    }
    fn detail_extra(
        &self,
        store: &Store,
        record: &Loaded,
        today: Date,
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
        lines.extend(casework_lines(store, record, today, lang));
        lines.extend(timeline_lines(store, record, lang));
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
            TICK_DOCUMENT => {
                let on = text("received_on");
                let day = if on.is_empty() {
                    None
                } else {
                    match parse_past_date(&on, today) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            return MoveOutcome::Invalid(vec![FieldError::new("received_on", e)])
                        }
                    }
                };
                store.record_case_document(record.id, &text("document"), day)
            }
            ADD_NOTE => {
                let mut v = values.clone();
                v.insert("case_id".to_string(), record.id.to_string());
                match crate::domain::casework::CaseNote::from_fields(&v, today) {
                    (Some(note), _) => store.insert_case_note(&note),
                    (None, checked) => return MoveOutcome::Invalid(checked.errors),
                }
            }
            REOPEN => {
                if text("reason").is_empty() {
                    return MoveOutcome::Invalid(vec![FieldError::new(
                        "reason",
                        crate::msg!("case_flow.needs.reason"),
                    )]);
                }
                store.reopen_case(record.id, record.version, &text("reason"))
            }
            ASSIGN => {
                if text("officer").is_empty() {
                    return MoveOutcome::Invalid(vec![FieldError::new(
                        "officer",
                        crate::msg!("case_flow.needs.officer"),
                    )]);
                }
                store.assign_case(record.id, record.version, &text("officer"))
            }
            to => {
                let to = match CaseStatus::parse(to) {
                    Ok(s) => s,
                    Err(e) => return MoveOutcome::Failed(StoreError::Refused(e)),
                };
                if to == CaseStatus::Ditutup
                    && values.contains_key("reason")
                    && text("reason").is_empty()
                {
                    return MoveOutcome::Invalid(vec![FieldError::new(
                        "reason",
                        crate::msg!("v.case.close_reason_required"),
                    )]);
                }
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
