//! Industrial disputes for the overlays: the form, stage moves the process allows (refused
//! with the domain's reason when the record lacks what a move needs), and the deadlines
//! shown in the detail view as of the app's day.

use super::{
    ExtraLine, FormSpec, FromForm, Kind, KindBehaviour, Loaded, MoveOutcome, RecordSpec, Start,
    StoredKind,
};
use crate::domain::case::{FieldDef, FieldKind};
use crate::domain::date::{iso, Date};
use crate::domain::dispute::{
    deadlines, Deadline, DeadlineState, Dispute, Stage, StageMove, DISPUTE_FIELDS,
};
use crate::domain::FieldError;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct DisputeOps;

const fn day(key: &'static str) -> FieldDef {
    FieldDef {
        key,
        kind: FieldKind::Date,
        required: true,
    }
}

/// The day a move to `to` writes, as the small form asks it.
fn move_day(record: &Loaded, to: &str) -> &'static [FieldDef] {
    const RECORDED: &[FieldDef] = &[day("recorded_on")];
    const COMPLETED: &[FieldDef] = &[day("completed_on")];
    const RETURNED: &[FieldDef] = &[day("returned_on")];
    const MEDIATOR: &[FieldDef] = &[day("mediator_assigned_on")];
    const ANJURAN: &[FieldDef] = &[day("anjuran_on")];
    const OUTCOME: &[FieldDef] = &[day("outcome_on")];
    let from = record
        .values
        .get("stage")
        .and_then(|s| Stage::parse(s).ok())
        .unwrap_or_default();
    match StageMove::parse(to).map(|mv| mv.to) {
        Ok(Stage::Tercatat) if from == Stage::BerkasDikembalikan => COMPLETED,
        Ok(Stage::Tercatat) => RECORDED,
        Ok(Stage::BerkasDikembalikan) => RETURNED,
        Ok(Stage::Mediasi) => MEDIATOR,
        Ok(Stage::Anjuran) => ANJURAN,
        Ok(Stage::Bipartit) | Err(_) => &[],
        Ok(_) => OUTCOME,
    }
}

const FORM: FormSpec = FormSpec {
    kind: Kind::Dispute,
    label: "kind.dispute",
    fields: DISPUTE_FIELDS,
    start: Start::Empty,
    // the stage changes by moves only; the edit is checked against it
    hidden_on_edit: &["stage"],
    has_status: true,
};

const RECORD: RecordSpec<Dispute> = RecordSpec {
    name: |dispute| dispute.company.clone(),
    // as a move names it (`selesai:court`), so that `status_label` words it
    status: |dispute, _| {
        Some(match dispute.outcome {
            Some(o) => format!("{}:{o}", dispute.stage),
            None => dispute.stage.to_string(),
        })
    },
    from_form: FromForm::Values(Dispute::from_fields),
};

impl KindBehaviour for DisputeOps {
    /// `selesai:pb` → "selesai: PB"; `mediasi` → "mediasi" (English: "mediation").
    fn status_label(&self, status: &str, lang: Lang) -> String {
        let word = |prefix: &str, code: &str| {
            let key = format!("{prefix}.{code}");
            let t = lang.t(&key);
            if t == key {
                code.to_string()
            } else {
                t.to_string()
            }
        };
        match status.split_once(':') {
            Some((stage, outcome)) => format!(
                "{}: {}",
                word("disputes.stage", stage),
                word("disputes.outcome", outcome)
            ),
            None => word("disputes.stage", status),
        }
    }
    fn form(&self) -> &FormSpec {
        &FORM
    }
    /// Every move the process has from the dispute's stage. A move the record is not ready
    /// for (no minutes, no mediator) is still offered, so that choosing it says why not.
    fn next_statuses(&self, record: &Loaded) -> Vec<String> {
        record
            .values
            .get("stage")
            .and_then(|s| Stage::parse(s).ok())
            .unwrap_or_default()
            .moves()
            .iter()
            .map(StageMove::as_str)
            .collect()
    }
    /// A move asks its day (the recording, the mediator's receipt, the anjuran, the outcome):
    /// a past PB or anjuran is recorded with its real date, and one the officer entered
    /// before (a mediator's receipt typed into the form) is what the form starts with.
    fn move_asks(
        &self,
        _store: &Store,
        record: &Loaded,
        to: &str,
        _lang: Lang,
    ) -> (&'static [FieldDef], Option<String>) {
        (move_day(record, to), None)
    }
    fn move_defaults(&self, record: &Loaded, to: &str, today: Date) -> BTreeMap<String, String> {
        move_day(record, to)
            .iter()
            .map(|f| {
                let own = record.values.get(f.key).filter(|v| !v.is_empty());
                (
                    f.key.to_string(),
                    own.cloned().unwrap_or_else(|| iso(today)),
                )
            })
            .collect()
    }
    fn move_status_with(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> MoveOutcome {
        let mv = match StageMove::parse(to) {
            Ok(mv) => mv,
            Err(e) => return MoveOutcome::Failed(StoreError::Refused(e)),
        };
        let mut on = today;
        if let Some(f) = move_day(record, to).first() {
            let typed = values.get(f.key).map(String::as_str).unwrap_or("");
            match crate::domain::date::parse_date(typed) {
                Ok(d) => on = d,
                Err(e) => return MoveOutcome::Invalid(vec![FieldError::new(f.key, e)]),
            }
        }
        match store.move_dispute_stage(record.id, record.version, mv, on) {
            Ok(_) => MoveOutcome::Moved(None),
            Err(e) => MoveOutcome::Failed(e),
        }
    }
    fn detail_extra(
        &self,
        store: &Store,
        record: &Loaded,
        today: Date,
        lang: Lang,
    ) -> Vec<ExtraLine> {
        let line = |text: String| ExtraLine {
            text,
            urgent: false,
        };
        let found = store
            .get_dispute(record.id)
            .and_then(|r| Ok((r.value, store.working_days()?)));
        let (dispute, calendar) = match found {
            Ok(x) => x,
            Err(e) => {
                return vec![ExtraLine {
                    text: format!("{}: {e}", lang.t("disputes.deadlines")),
                    urgent: true,
                }]
            }
        };
        let list = deadlines(&dispute, &calendar, today);
        if list.is_empty() {
            return vec![line(format!(
                "{}: {}",
                lang.t("disputes.deadlines"),
                lang.t("disputes.no_deadline")
            ))];
        }
        let mut out = vec![line(format!(
            "{} ({}):",
            lang.t("disputes.deadlines"),
            lang.t("disputes.as_of").replace("{}", &iso(today))
        ))];
        for d in &list {
            out.push(deadline_line(d, lang));
            // a due date beyond the holiday file: say so, and what to do, on its own line
            if let Err(e) = &d.due {
                out.push(line(format!("{:24}{}", "", e.msg().text(lang))));
            }
        }
        out
    }
}

impl StoredKind for DisputeOps {
    type Value = Dispute;
    fn record(&self) -> &RecordSpec<Dispute> {
        &RECORD
    }
}

/// `! Mediasi   2024-04-15 (30 hk) · sisa 2 hari kerja`: a marker, not colour alone,
/// shows the deadlines near or past. The date is the deadline's (the heading says so): no
/// word before it, so that the longest line ("terlambat, selesai …") fits 80 columns.
fn deadline_line(d: &Deadline, lang: Lang) -> ExtraLine {
    let urgent = matches!(d.state, DeadlineState::Near | DeadlineState::Overdue);
    let marker = match d.state {
        DeadlineState::Near | DeadlineState::Overdue | DeadlineState::Missed => "!",
        DeadlineState::Uncounted => "?",
        _ => " ",
    };
    let label = format!("{marker} {}", lang.t(&format!("deadline.{}", d.what)));
    let rule = format!(
        "({} {})",
        d.what.working_days(),
        lang.t("disputes.wd_short")
    );
    let due = match &d.due {
        Ok(due) => iso(*due),
        Err(_) => "?".to_string(),
    };
    let due = format!("{due} {rule}");
    let state = match (d.state, d.done_on, d.working_days_left) {
        (DeadlineState::Met, Some(on), _) => {
            lang.t("disputes.done_on_time").replace("{}", &iso(on))
        }
        (DeadlineState::Missed, Some(on), _) => {
            lang.t("disputes.done_late").replace("{}", &iso(on))
        }
        (DeadlineState::Overdue, _, Some(n)) => {
            lang.t("disputes.late_by").replace("{}", &(-n).to_string())
        }
        (DeadlineState::Open | DeadlineState::Near, _, Some(n)) => {
            lang.t("disputes.left").replace("{}", &n.to_string())
        }
        _ => lang.t("disputes.uncounted").to_string(),
    };
    ExtraLine {
        text: format!("{label:<24}{due} · {state}"),
        urgent,
    }
}
