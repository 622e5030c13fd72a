//! Industrial relations disputes (Perselisihan Hubungan Industrial, Law 2/2004 and
//! Permenakertrans 17/2014): the record, its stages and the legal deadlines, counted in
//! working days. Prevention facilitations and company compliance are lighter records kept
//! beside them (`prevention`).

mod deadline;
mod fields;
mod prevention;
mod workflow;

pub use deadline::{
    deadlines, most_urgent, Deadline, DeadlineKind, DeadlineState, NEAR_WORKING_DAYS,
};
pub use fields::DISPUTE_FIELDS;
pub use prevention::{
    CompanyCompliance, PpPkb, PreventionFacilitation, COMPLIANCE_FIELDS, FACILITATION_FIELDS,
};
pub use workflow::StageMove;

use super::calendar::{CalendarError, WorkingDays};
use super::case::word_enum;
use super::date::Date;

word_enum!(
    /// Jenis perselisihan: rights, interests, termination, or between unions.
    DisputeType { Hak => "hak", Kepentingan => "kepentingan", Phk => "phk", AntarSerikat => "antar_serikat" }
);
word_enum!(
    /// Where the dispute stands in the process (see `workflow` for the moves).
    Stage {
        Bipartit => "bipartit",
        BerkasDikembalikan => "berkas_dikembalikan",
        Tercatat => "tercatat",
        Mediasi => "mediasi",
        Anjuran => "anjuran",
        Selesai => "selesai"
    }
);
word_enum!(
    /// How a dispute ended: joint agreement (Perjanjian Bersama), the mediator's written
    /// recommendation, a claim at the industrial relations court, or withdrawal.
    Outcome { Pb => "pb", Anjuran => "anjuran", Court => "court", Withdrawn => "withdrawn" }
);
word_enum!(
    /// A party's answer to an anjuran; silence past 10 working days counts as rejection.
    AnjuranAnswer { Accepted => "accepted", Rejected => "rejected", Silent => "silent" }
);

// word_enum! cannot mark a #[default] variant, hence by hand.
#[allow(clippy::derivable_impls)]
impl Default for Stage {
    fn default() -> Self {
        Stage::Bipartit
    }
}

/// Working days the law (or, for the returned file, the office's working rule) allows.
pub const BIPARTITE_DAYS: u32 = 30;
/// The office's working rule: the parties complete a returned file within 7 working days of
/// its return (Law 2/2004 art. 4(3) reads the same way), after which it is followed up.
pub const FILE_COMPLETION_DAYS: u32 = 7;
pub const MEDIATOR_HANDOVER_DAYS: u32 = 7;
pub const MEDIATION_DAYS: u32 = 30;
pub const ANJURAN_ANSWER_DAYS: u32 = 10;
pub const PB_DRAFTING_DAYS: u32 = 3;

/// An industrial relations dispute as the office keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dispute {
    pub company: String,
    /// The worker(s) or the union.
    pub workers: String,
    pub worker_count: Option<u32>,
    /// Field `type`.
    pub kind: Option<DisputeType>,
    pub bipartite_start: Option<Date>,
    pub bipartite_end: Option<Date>,
    pub bipartite_result: String,
    /// Whether the file holds the bipartite minutes (risalah), the proof recording requires.
    pub minutes_present: Option<bool>,
    /// The day the file came in to be recorded (mencatatkan).
    pub recorded_on: Option<Date>,
    pub file_complete: Option<bool>,
    /// An incomplete file returned to the parties, and the day they completed it.
    pub returned_on: Option<Date>,
    pub completed_on: Option<Date>,
    pub mediator: String,
    pub mediator_assigned_on: Option<Date>,
    pub mediation_sessions: Option<u32>,
    /// The day the mediator issued the written recommendation.
    pub anjuran_on: Option<Date>,
    pub workers_answer: Option<AnjuranAnswer>,
    pub workers_answered_on: Option<Date>,
    pub employer_answer: Option<AnjuranAnswer>,
    pub employer_answered_on: Option<Date>,
    pub outcome: Option<Outcome>,
    pub outcome_on: Option<Date>,
    pub notes: String,
    pub stage: Stage,
}

impl Stage {
    pub fn is_open(&self) -> bool {
        *self != Stage::Selesai
    }
}

impl Dispute {
    /// The day the office received the complete file: the mediation clock starts here, and
    /// this is the day that makes the dispute "recorded" in its year (IKU3). A returned file
    /// counts from its completion; one never completed was never recorded.
    pub fn received_on(&self) -> Option<Date> {
        if self.returned_on.is_some() {
            self.completed_on
        } else {
            self.recorded_on
        }
    }

    /// The day the mediation's 30 working days count from: the mediator's receipt of the
    /// dispute (`mediator_assigned_on`, Law 2/2004 art. 15: "sejak menerima pelimpahan"),
    /// or the office's receipt while no mediator is recorded yet.
    pub fn mediation_from(&self) -> Option<Date> {
        self.mediator_assigned_on.or_else(|| self.received_on())
    }

    /// Both parties' answers to the anjuran, once both are recorded (answer, date if any).
    fn answers(&self) -> Option<[(AnjuranAnswer, Option<Date>); 2]> {
        Some([
            (self.workers_answer?, self.workers_answered_on),
            (self.employer_answer?, self.employer_answered_on),
        ])
    }

    fn both_accepted(&self) -> bool {
        self.answers()
            .is_some_and(|a| a.iter().all(|(x, _)| *x == AnjuranAnswer::Accepted))
    }

    /// Whether the dispute ended in a PB signed within the mediation deadline (30 working
    /// days from the mediator's receipt): what IKU3 counts. `None` when it did not end in a PB after being
    /// recorded (open, anjuran, court, withdrawn, or a PB reached in bipartite).
    pub fn pb_on_time(&self, cal: &WorkingDays) -> Result<Option<bool>, CalendarError> {
        if self.outcome == Some(Outcome::Pb) {
            self.on_time(cal)
        } else {
            Ok(None)
        }
    }

    /// Whether the dispute's mediation ended within 30 working days of the mediator's receipt
    /// (`mediation_from`): by the PB's
    /// signature for a PB, by the anjuran for an anjuran or a court claim. `None` while open,
    /// when withdrawn, or without the dates to judge.
    pub fn on_time(&self, cal: &WorkingDays) -> Result<Option<bool>, CalendarError> {
        let ended = match self.outcome {
            Some(Outcome::Pb) => self.outcome_on,
            Some(Outcome::Anjuran) => self.anjuran_on.or(self.outcome_on),
            Some(Outcome::Court) => self.anjuran_on,
            Some(Outcome::Withdrawn) | None => None,
        };
        match (self.mediation_from(), ended) {
            (Some(from), Some(end)) => cal.within_working_days(from, MEDIATION_DAYS, end).map(Some),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests;
