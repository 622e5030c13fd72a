//! A dispute's fields as typed (form or CSV) and back, and the rules that tie them together.

use super::{AnjuranAnswer, Dispute, DisputeType, Outcome, Stage};
use crate::domain::case::{Checked, FieldDef, FieldKind, FieldValues, Fields, Verdict};
use crate::domain::check::{self, field as f};
use crate::domain::date::{iso, parse_past_date, Date};
use crate::domain::FieldError;
use crate::i18n::Msg;
use crate::msg;
use std::collections::BTreeMap;

const ANSWERS: FieldKind = FieldKind::Choice(&["", "accepted", "rejected", "silent"]);

/// The form's fields in order. `stage` is not among them: it changes by moves only.
/// Counts (`worker_count`, `mediation_sessions`) are whole numbers typed as text.
pub const DISPUTE_FIELDS: &[FieldDef] = &[
    f("company", FieldKind::Text, true),
    f("workers", FieldKind::Text, true),
    f("worker_count", FieldKind::Text, false),
    f(
        "type",
        FieldKind::Choice(&["hak", "kepentingan", "phk", "antar_serikat"]),
        true,
    ),
    f("bipartite_start", FieldKind::Date, false),
    f("bipartite_end", FieldKind::Date, false),
    f("bipartite_result", FieldKind::Text, false),
    f("minutes_present", FieldKind::Bool, false),
    f("recorded_on", FieldKind::Date, false),
    f("file_complete", FieldKind::Bool, false),
    f("returned_on", FieldKind::Date, false),
    f("completed_on", FieldKind::Date, false),
    f("mediator", FieldKind::Text, false),
    f("mediator_assigned_on", FieldKind::Date, false),
    f("mediation_sessions", FieldKind::Text, false),
    f("anjuran_on", FieldKind::Date, false),
    f("workers_answer", ANSWERS, false),
    f("workers_answered_on", FieldKind::Date, false),
    f("employer_answer", ANSWERS, false),
    f("employer_answered_on", FieldKind::Date, false),
    f(
        "outcome",
        FieldKind::Choice(&["", "pb", "anjuran", "court", "withdrawn"]),
        false,
    ),
    f("outcome_on", FieldKind::Date, false),
    f("notes", FieldKind::Text, false),
];

/// Fields holding the day something happened: none of them can be in the future.
const EVENT_DATES: &[&str] = &[
    "bipartite_start",
    "bipartite_end",
    "recorded_on",
    "returned_on",
    "completed_on",
    "mediator_assigned_on",
    "anjuran_on",
    "workers_answered_on",
    "employer_answered_on",
    "outcome_on",
];

struct Reader<'a> {
    values: &'a BTreeMap<String, String>,
    today: Date,
    errors: Vec<FieldError>,
}

impl Reader<'_> {
    fn text(&self, k: &str) -> String {
        check::text(self.values, k)
    }

    fn date(&mut self, k: &'static str) -> Option<Date> {
        let today = self.today;
        check::optional(&mut self.errors, k, &check::text(self.values, k), |v| {
            parse_past_date(v, today)
        })
    }

    fn word<T>(&mut self, k: &'static str, parse: fn(&str) -> Result<T, Msg>) -> Option<T> {
        check::optional(&mut self.errors, k, &check::text(self.values, k), parse)
    }

    fn boolean(&mut self, k: &'static str) -> Option<bool> {
        check::yes_no(&mut self.errors, k, &check::text(self.values, k))
    }

    fn count(&mut self, k: &'static str, min: u32, max: u32) -> Option<u32> {
        let v = self.text(k);
        if v.is_empty() {
            return None;
        }
        match v.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.errors.push(FieldError::new(
                    k,
                    msg!("v.whole_number", crate::domain::quoted(&v), min, max),
                ));
                None
            }
        }
    }

    fn required_text(&mut self, k: &'static str, missing: Msg) -> String {
        let v = self.text(k);
        check::name(&mut self.errors, k, &v, missing, msg!("v.too_long_200"));
        v
    }
}

impl Dispute {
    /// Build a dispute from field values as typed (form or CSV import; missing keys count as
    /// empty). An empty `stage` is read from the dates and outcome: an import row with an
    /// outcome is `selesai`, one with only `recorded_on` is `tercatat`.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<Dispute> {
        let mut r = Reader {
            values,
            today,
            errors: Vec::new(),
        };
        check::lengths(&mut r.errors, values, DISPUTE_FIELDS);
        let mut d = Dispute {
            company: r.required_text("company", msg!("v.company.required")),
            workers: r.required_text("workers", msg!("v.workers.required")),
            worker_count: r.count("worker_count", 1, 1_000_000),
            kind: r.word("type", DisputeType::parse),
            bipartite_result: r.text("bipartite_result"),
            minutes_present: r.boolean("minutes_present"),
            file_complete: r.boolean("file_complete"),
            mediator: r.text("mediator"),
            mediation_sessions: r.count("mediation_sessions", 0, 1000),
            workers_answer: r.word("workers_answer", AnjuranAnswer::parse),
            employer_answer: r.word("employer_answer", AnjuranAnswer::parse),
            outcome: r.word("outcome", Outcome::parse),
            notes: r.text("notes"),
            ..Dispute::default()
        };
        if d.kind.is_none() && r.text("type").is_empty() {
            r.errors
                .push(FieldError::new("type", msg!("v.dispute_type.required")));
        }
        let mut dates = BTreeMap::new();
        for k in EVENT_DATES {
            dates.insert(*k, r.date(k));
        }
        let date = |k: &str| dates.get(k).copied().flatten();
        d.bipartite_start = date("bipartite_start");
        d.bipartite_end = date("bipartite_end");
        d.recorded_on = date("recorded_on");
        d.returned_on = date("returned_on");
        d.completed_on = date("completed_on");
        d.mediator_assigned_on = date("mediator_assigned_on");
        d.anjuran_on = date("anjuran_on");
        d.workers_answered_on = date("workers_answered_on");
        d.employer_answered_on = date("employer_answered_on");
        d.outcome_on = date("outcome_on");
        // An anjuran that ended the dispute was issued on the outcome date.
        if d.outcome == Some(Outcome::Anjuran) && d.anjuran_on.is_none() {
            d.anjuran_on = d.outcome_on;
        }
        if d.file_complete.is_none() {
            d.file_complete = match (d.returned_on, d.recorded_on) {
                (Some(_), _) => Some(d.completed_on.is_some()),
                (None, Some(_)) => Some(true),
                (None, None) => None,
            };
        }
        d.stage = match r.word("stage", Stage::parse) {
            Some(s) => s,
            None => d.derived_stage(),
        };
        let mut checked = Checked {
            errors: r.errors,
            warnings: Vec::new(),
        };
        if !checked.errors.is_empty() {
            return (None, checked);
        }
        checked.errors = d.problems(today);
        checked.warnings = d.warnings();
        checked.verdict(d)
    }

    /// The stage the record's dates and outcome show.
    pub fn derived_stage(&self) -> Stage {
        if self.outcome.is_some() {
            Stage::Selesai
        } else if self.anjuran_on.is_some() {
            Stage::Anjuran
        } else if self.received_on().is_some()
            && (self.mediator_assigned_on.is_some() || !self.mediator.is_empty())
        {
            Stage::Mediasi
        } else if self.returned_on.is_some() && self.completed_on.is_none() {
            Stage::BerkasDikembalikan
        } else if self.recorded_on.is_some() {
            Stage::Tercatat
        } else {
            Stage::Bipartit
        }
    }

    /// Everything that contradicts itself: dates out of order, a stage its fields do not
    /// support, an answer without its date. Empty when the record can be saved.
    pub fn problems(&self, today: Date) -> Vec<FieldError> {
        let mut e = Vec::new();
        let received = self.received_on();
        // (field, its date, must not be before, what that is)
        #[rustfmt::skip]
        let mut order = vec![
            ("bipartite_end", self.bipartite_end, self.bipartite_start, "v.before.bipartite_start"),
            ("recorded_on", self.recorded_on, self.bipartite_start, "v.before.bipartite_start"),
            ("recorded_on", self.recorded_on, self.bipartite_end, "v.before.bipartite_end"),
            ("returned_on", self.returned_on, self.recorded_on, "v.before.recording"),
            ("completed_on", self.completed_on, self.returned_on, "v.before.file_return"),
            ("mediator_assigned_on", self.mediator_assigned_on, received, "v.before.recording"),
            ("anjuran_on", self.anjuran_on, received, "v.before.recording"),
            ("anjuran_on", self.anjuran_on, self.mediator_assigned_on, "v.before.mediator"),
            ("workers_answered_on", self.workers_answered_on, self.anjuran_on, "v.before.anjuran"),
            ("employer_answered_on", self.employer_answered_on, self.anjuran_on, "v.before.anjuran"),
            ("outcome_on", self.outcome_on, self.bipartite_start, "v.before.bipartite_start"),
            ("outcome_on", self.outcome_on, self.recorded_on, "v.before.recording"),
        ];
        if self.returned_on.is_some() {
            order.push((
                "outcome_on",
                self.outcome_on,
                received,
                "v.before.completed_file",
            ));
        }
        if self.outcome != Some(Outcome::Withdrawn) {
            order.push((
                "outcome_on",
                self.outcome_on,
                self.anjuran_on,
                "v.before.anjuran",
            ));
        }
        // (each `v.before.*` key: "cannot be before <what> ({0})")
        for (field, later, earlier, key) in order {
            if let (Some(l), Some(x)) = (later, earlier) {
                if l < x {
                    e.push(FieldError::new(field, Msg::new(key, vec![iso(x)])));
                }
            }
        }
        for (date, field) in [
            (self.outcome_on, "outcome_on"),
            (self.recorded_on, "recorded_on"),
        ] {
            if date.is_some_and(|d| d > today) {
                e.push(FieldError::new(field, msg!("v.not_in_future")));
            }
        }
        self.answer_problems(&mut e);
        if self.completed_on.is_some() && self.returned_on.is_none() {
            e.push(FieldError::new(
                "completed_on",
                msg!("v.completed.not_returned"),
            ));
        }
        if self.file_complete == Some(true)
            && self.returned_on.is_some()
            && self.completed_on.is_none()
        {
            e.push(FieldError::new(
                "file_complete",
                msg!("v.completed.missing"),
            ));
        }
        match (self.outcome, self.outcome_on) {
            (Some(_), None) => e.push(FieldError::new("outcome_on", msg!("v.outcome.needs_date"))),
            (None, Some(_)) => e.push(FieldError::new("outcome", msg!("v.outcome.date_without"))),
            _ => {}
        }
        self.stage_problems(&mut e);
        e
    }

    fn answer_problems(&self, e: &mut Vec<FieldError>) {
        for (answer, on, field, date_field) in [
            (
                self.workers_answer,
                self.workers_answered_on,
                "workers_answer",
                "workers_answered_on",
            ),
            (
                self.employer_answer,
                self.employer_answered_on,
                "employer_answer",
                "employer_answered_on",
            ),
        ] {
            if (answer.is_some() || on.is_some()) && self.anjuran_on.is_none() {
                e.push(FieldError::new(field, msg!("v.answer.needs_anjuran")));
            }
            match (answer, on) {
                (Some(AnjuranAnswer::Silent), Some(_)) => {
                    e.push(FieldError::new(date_field, msg!("v.answer.silent_date")))
                }
                (Some(AnjuranAnswer::Accepted | AnjuranAnswer::Rejected), None) => {
                    e.push(FieldError::new(date_field, msg!("v.answer.needs_date")))
                }
                (None, Some(_)) => e.push(FieldError::new(field, msg!("v.answer.date_without"))),
                _ => {}
            }
        }
    }

    fn stage_problems(&self, e: &mut Vec<FieldError>) {
        // (each `v.stage.*` key: "stage {0}: <why>")
        let mut need = |ok: bool, field: &'static str, key: &'static str| {
            if !ok {
                e.push(FieldError::new(
                    field,
                    Msg::new(key, vec![self.stage.to_string()]),
                ));
            }
        };
        let s = self.stage;
        let at = |stages: &[Stage]| stages.contains(&s);
        let received_field = if self.returned_on.is_some() {
            "completed_on"
        } else {
            "recorded_on"
        };
        use Stage::*;
        // (the rule holds, the field it names, what is wrong when it does not)
        for (holds, field, reason) in [
            (
                s == Selesai || self.outcome.is_none(),
                "outcome",
                "v.stage.open_outcome",
            ),
            (
                s != Selesai || self.outcome.is_some(),
                "outcome",
                "v.stage.needs_outcome",
            ),
            (
                s != Bipartit || self.recorded_on.is_none(),
                "recorded_on",
                "v.stage.bipartite_recorded",
            ),
            (
                !at(&[BerkasDikembalikan]) || self.returned_on.is_some(),
                "returned_on",
                "v.stage.returned_required",
            ),
            (
                !at(&[BerkasDikembalikan]) || self.completed_on.is_none(),
                "completed_on",
                "v.stage.completed_recorded",
            ),
            (
                !at(&[Tercatat, Mediasi, Anjuran]) || self.received_on().is_some(),
                received_field,
                "v.stage.recording_required",
            ),
            (
                !at(&[Mediasi, Anjuran]) || !self.mediator.trim().is_empty(),
                "mediator",
                "v.stage.mediator_required",
            ),
            (
                !at(&[Anjuran]) || self.anjuran_on.is_some(),
                "anjuran_on",
                "v.stage.anjuran_required",
            ),
        ] {
            need(holds, field, reason);
        }
    }

    /// Things worth a second look that do not stop a save.
    pub fn warnings(&self) -> Vec<FieldError> {
        let mut w = Vec::new();
        if self.received_on().is_some() && self.minutes_present == Some(false) {
            w.push(FieldError::new(
                "minutes_present",
                msg!("v.minutes.missing"),
            ));
        }
        if self.file_complete == Some(false) && self.returned_on.is_none() {
            w.push(FieldError::new(
                "returned_on",
                msg!("v.file.incomplete_returned"),
            ));
        }
        w
    }
}

impl Fields for Dispute {
    /// Every field as text, keyed like the form and CSV (for forms, audit history, export).
    fn to_fields(&self) -> BTreeMap<String, String> {
        let b = |x: Option<bool>| match x {
            Some(true) => "ya".to_string(),
            Some(false) => "tidak".to_string(),
            None => String::new(),
        };
        let n = |x: Option<u32>| x.map(|n| n.to_string()).unwrap_or_default();
        let w = |x: Option<&str>| x.unwrap_or_default().to_string();
        check::field_map([
            ("company", self.company.clone()),
            ("workers", self.workers.clone()),
            ("worker_count", n(self.worker_count)),
            ("type", w(self.kind.as_ref().map(DisputeType::as_str))),
            ("bipartite_start", check::date_text(self.bipartite_start)),
            ("bipartite_end", check::date_text(self.bipartite_end)),
            ("bipartite_result", self.bipartite_result.clone()),
            ("minutes_present", b(self.minutes_present)),
            ("recorded_on", check::date_text(self.recorded_on)),
            ("file_complete", b(self.file_complete)),
            ("returned_on", check::date_text(self.returned_on)),
            ("completed_on", check::date_text(self.completed_on)),
            ("mediator", self.mediator.clone()),
            (
                "mediator_assigned_on",
                check::date_text(self.mediator_assigned_on),
            ),
            ("mediation_sessions", n(self.mediation_sessions)),
            ("anjuran_on", check::date_text(self.anjuran_on)),
            (
                "workers_answer",
                w(self.workers_answer.as_ref().map(AnjuranAnswer::as_str)),
            ),
            (
                "workers_answered_on",
                check::date_text(self.workers_answered_on),
            ),
            (
                "employer_answer",
                w(self.employer_answer.as_ref().map(AnjuranAnswer::as_str)),
            ),
            (
                "employer_answered_on",
                check::date_text(self.employer_answered_on),
            ),
            ("outcome", w(self.outcome.as_ref().map(Outcome::as_str))),
            ("outcome_on", check::date_text(self.outcome_on)),
            ("notes", self.notes.clone()),
            ("stage", self.stage.as_str().to_string()),
        ])
    }
}
