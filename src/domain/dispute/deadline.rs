//! The deadlines of a dispute, all in working days (DOMAIN §3):
//!
//! | deadline | from | working days | done when |
//! |---|---|---|---|
//! | bipartit | bipartite_start | 30 | bipartite_end (or the recording) |
//! | kelengkapan_berkas | returned_on | 7 (office rule) | completed_on |
//! | pelimpahan_mediator | receipt | 7 | mediator_assigned_on |
//! | mediasi | mediator_assigned_on (else receipt) | 30 | anjuran_on, or outcome_on of a PB |
//! | jawaban_anjuran | anjuran_on | 10 | both answers recorded (silence ends it on time) |
//! | penyusunan_pb | the later acceptance of the anjuran | 3 | outcome_on of the PB |
//!
//! Receipt is `recorded_on`, or `completed_on` for a file that was returned. Mediation counts
//! from the mediator's receipt (Law 2/2004 art. 15), the office's receipt until one is assigned. "Within N working
//! days of X" ends on the N-th working day after X.

use super::{
    AnjuranAnswer, Dispute, Outcome, Stage, ANJURAN_ANSWER_DAYS, BIPARTITE_DAYS,
    FILE_COMPLETION_DAYS, MEDIATION_DAYS, MEDIATOR_HANDOVER_DAYS, PB_DRAFTING_DAYS,
};
use crate::domain::calendar::{CalendarError, WorkingDays};
use crate::domain::case::word_enum;
use crate::domain::date::Date;

/// An open deadline with this many working days left or fewer is `Near`.
pub const NEAR_WORKING_DAYS: i64 = 3;

word_enum!(
    /// Which legal (or office) deadline.
    DeadlineKind {
        Bipartite => "bipartit",
        FileCompletion => "kelengkapan_berkas",
        MediatorHandover => "pelimpahan_mediator",
        Mediation => "mediasi",
        AnjuranAnswers => "jawaban_anjuran",
        PbDrafting => "penyusunan_pb"
    }
);

impl DeadlineKind {
    pub fn working_days(&self) -> u32 {
        match self {
            DeadlineKind::Bipartite => BIPARTITE_DAYS,
            DeadlineKind::FileCompletion => FILE_COMPLETION_DAYS,
            DeadlineKind::MediatorHandover => MEDIATOR_HANDOVER_DAYS,
            DeadlineKind::Mediation => MEDIATION_DAYS,
            DeadlineKind::AnjuranAnswers => ANJURAN_ANSWER_DAYS,
            DeadlineKind::PbDrafting => PB_DRAFTING_DAYS,
        }
    }
}

word_enum!(
    /// Done in time, not done with time left, not done with few days left, not done and
    /// late, done late; or not countable because the holiday calendar ends too early.
    DeadlineState {
        Met => "met",
        Open => "open",
        Near => "near",
        Overdue => "overdue",
        Missed => "missed",
        Uncounted => "uncounted"
    }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub what: DeadlineKind,
    /// The day the clock started.
    pub from: Date,
    /// The last day on time; an error when the holiday calendar does not reach it.
    pub due: Result<Date, CalendarError>,
    pub done_on: Option<Date>,
    pub state: DeadlineState,
    /// For a deadline not yet done: working days left after today (0 = due today), negative
    /// when overdue. `None` once done or when it cannot be counted.
    pub working_days_left: Option<i64>,
}

impl Deadline {
    fn judge(
        what: DeadlineKind,
        from: Date,
        done_on: Option<Date>,
        cal: &WorkingDays,
        today: Date,
    ) -> Deadline {
        let n = what.working_days();
        let due = cal.add_working_days(from, n);
        let (state, working_days_left) = match done_on {
            Some(done) => match cal.within_working_days(from, n, done) {
                Ok(true) => (DeadlineState::Met, None),
                Ok(false) => (DeadlineState::Missed, None),
                Err(_) => (DeadlineState::Uncounted, None),
            },
            None => match cal.within_working_days(from, n, today) {
                Ok(false) => {
                    let late = due
                        .as_ref()
                        .ok()
                        .and_then(|d| cal.working_days_between(today, *d).ok());
                    (DeadlineState::Overdue, late)
                }
                Ok(true) => match cal.working_days_between(from, today) {
                    Ok(elapsed) => {
                        let left = i64::from(n) - elapsed.max(0);
                        let state = if left <= NEAR_WORKING_DAYS {
                            DeadlineState::Near
                        } else {
                            DeadlineState::Open
                        };
                        (state, Some(left))
                    }
                    Err(_) => (DeadlineState::Uncounted, None),
                },
                Err(_) => (DeadlineState::Uncounted, None),
            },
        };
        Deadline {
            what,
            from,
            due,
            done_on,
            state,
            working_days_left,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done_on.is_some()
    }
}

/// The deadlines of the current stage and of the stages passed, in process order. A deadline
/// of a stage the dispute has left without its date recorded is left out (it no longer
/// applies, e.g. the hand-over to a mediator of a dispute withdrawn while recorded).
pub fn deadlines(d: &Dispute, cal: &WorkingDays, today: Date) -> Vec<Deadline> {
    let mut out = Vec::new();
    let mut add = |what, from: Option<Date>, done: Option<Date>, current: bool| {
        if let Some(from) = from {
            if done.is_some() || current {
                out.push(Deadline::judge(what, from, done, cal, today));
            }
        }
    };
    let s = d.stage;
    let bipartite_done = d.bipartite_end.or(if s == Stage::Bipartit {
        None
    } else {
        d.recorded_on.or(d.outcome_on)
    });
    add(
        DeadlineKind::Bipartite,
        d.bipartite_start,
        bipartite_done,
        s == Stage::Bipartit,
    );
    add(
        DeadlineKind::FileCompletion,
        d.returned_on,
        d.completed_on,
        s == Stage::BerkasDikembalikan,
    );
    let received = d.received_on();
    add(
        DeadlineKind::MediatorHandover,
        received,
        d.mediator_assigned_on,
        s == Stage::Tercatat,
    );
    let pb_on = d.outcome_on.filter(|_| d.outcome == Some(Outcome::Pb));
    add(
        DeadlineKind::Mediation,
        d.mediation_from(),
        d.anjuran_on.or(pb_on),
        matches!(s, Stage::Tercatat | Stage::Mediasi),
    );
    if let Some(anjuran) = d.anjuran_on {
        let answered = d.answers().map(|both| {
            both.iter()
                .filter(|(a, _)| *a != AnjuranAnswer::Silent)
                .filter_map(|(_, on)| *on)
                .max()
                .unwrap_or(anjuran)
        });
        add(
            DeadlineKind::AnjuranAnswers,
            Some(anjuran),
            answered,
            s == Stage::Anjuran,
        );
        if d.both_accepted() {
            // from the later of the two acceptances
            add(
                DeadlineKind::PbDrafting,
                answered,
                pb_on,
                s == Stage::Anjuran,
            );
        }
    }
    out
}

/// The deadline that most needs attention: overdue first, then near, then open; earliest
/// due first within each. `None` when nothing is waiting.
pub fn most_urgent(deadlines: &[Deadline]) -> Option<&Deadline> {
    let rank = |s: DeadlineState| match s {
        DeadlineState::Overdue => 0,
        DeadlineState::Near => 1,
        // a deadline the calendar can count comes before one beyond the calendar
        DeadlineState::Open => 2,
        DeadlineState::Uncounted => 3,
        _ => 9,
    };
    deadlines
        .iter()
        .filter(|d| rank(d.state) < 9)
        .min_by_key(|d| (rank(d.state), d.due.is_err(), d.due.as_ref().ok().copied()))
}
