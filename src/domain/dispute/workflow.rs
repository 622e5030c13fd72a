//! The stages of a dispute and the moves the process allows.
//!
//! - bipartit → tercatat (the file holds the bipartite minutes), berkas_dikembalikan (it does
//!   not: the file goes back to be completed), selesai:pb (agreement reached in bipartite),
//!   selesai:withdrawn
//! - berkas_dikembalikan → tercatat (completed, minutes included), selesai:withdrawn
//! - tercatat → mediasi (mediator named), selesai:withdrawn
//! - mediasi → selesai:pb, anjuran, selesai:withdrawn
//! - anjuran → selesai:pb (both parties accepted), selesai:court (a party rejected it or
//!   stayed silent), selesai:anjuran (both answered, nobody went further)
//! - selesai → nothing

use super::{AnjuranAnswer, Dispute, Outcome, Stage};
use crate::domain::date::{iso, Date};
use crate::i18n::Msg;
use crate::msg;

/// One move: to a stage, and for `selesai` with the outcome it ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StageMove {
    pub to: Stage,
    pub outcome: Option<Outcome>,
}

impl StageMove {
    pub const fn to(stage: Stage) -> StageMove {
        StageMove {
            to: stage,
            outcome: None,
        }
    }

    pub const fn finish(outcome: Outcome) -> StageMove {
        StageMove {
            to: Stage::Selesai,
            outcome: Some(outcome),
        }
    }

    /// `tercatat`, `selesai:pb`, ... (also what `parse` reads).
    pub fn as_str(&self) -> String {
        match self.outcome {
            Some(o) => format!("{}:{}", self.to, o),
            None => self.to.as_str().to_string(),
        }
    }

    pub fn parse(s: &str) -> Result<StageMove, Msg> {
        match s.trim().split_once(':') {
            Some((stage, outcome)) => {
                let to = Stage::parse(stage)?;
                if to != Stage::Selesai {
                    return Err(msg!("v.move.outcome_only_selesai", to));
                }
                Ok(StageMove::finish(Outcome::parse(outcome)?))
            }
            None => {
                let to = Stage::parse(s)?;
                if to == Stage::Selesai {
                    return Err(msg!("v.move.selesai_needs_outcome"));
                }
                Ok(StageMove::to(to))
            }
        }
    }
}

impl std::fmt::Display for StageMove {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl Stage {
    /// Every move the process has from this stage, whatever the record holds.
    pub fn moves(&self) -> Vec<StageMove> {
        use Outcome::*;
        use Stage::*;
        match self {
            Bipartit => vec![
                StageMove::to(Tercatat),
                StageMove::to(BerkasDikembalikan),
                StageMove::finish(Pb),
                StageMove::finish(Withdrawn),
            ],
            BerkasDikembalikan => vec![StageMove::to(Tercatat), StageMove::finish(Withdrawn)],
            Tercatat => vec![StageMove::to(Mediasi), StageMove::finish(Withdrawn)],
            Mediasi => vec![
                StageMove::finish(Pb),
                StageMove::to(Stage::Anjuran),
                StageMove::finish(Withdrawn),
            ],
            Stage::Anjuran => vec![
                StageMove::finish(Pb),
                StageMove::finish(Court),
                StageMove::finish(Outcome::Anjuran),
            ],
            Selesai => vec![],
        }
    }
}

impl Dispute {
    /// The moves this dispute can make now (what `s` offers).
    pub fn next_stages(&self) -> Vec<StageMove> {
        self.stage
            .moves()
            .into_iter()
            .filter(|m| self.check_move(*m).is_ok())
            .collect()
    }

    /// Every move of the current stage with why it is not possible yet, if it is not.
    pub fn possible_moves(&self) -> Vec<(StageMove, Result<(), Msg>)> {
        self.stage
            .moves()
            .into_iter()
            .map(|m| (m, self.check_move(m)))
            .collect()
    }

    /// Whether the process allows `mv` from where the dispute stands, and if not, why.
    pub fn check_move(&self, mv: StageMove) -> Result<(), Msg> {
        if !self.stage.moves().contains(&mv) {
            return Err(msg!("v.move.impossible", self.stage, mv.as_str()));
        }
        let minutes = self.minutes_present == Some(true);
        let answers = self.answers();
        match (self.stage, mv.to, mv.outcome) {
            (Stage::Bipartit, Stage::Tercatat, _) if !minutes => {
                Err(msg!("v.move.record_needs_minutes"))
            }
            (Stage::BerkasDikembalikan, Stage::Tercatat, _) if !minutes => {
                Err(msg!("v.move.completed_needs_minutes"))
            }
            (_, Stage::BerkasDikembalikan, _) if minutes => Err(msg!("v.move.has_minutes")),
            (_, Stage::Mediasi, _) if self.mediator.trim().is_empty() => {
                Err(msg!("v.move.mediator_first"))
            }
            (Stage::Anjuran, _, Some(Outcome::Pb)) if !self.both_accepted() => {
                Err(msg!("v.move.pb_needs_acceptance"))
            }
            (Stage::Anjuran, _, Some(Outcome::Court)) if !answers_include_refusal(self) => {
                Err(msg!("v.move.court_needs_refusal"))
            }
            (Stage::Anjuran, _, Some(Outcome::Anjuran)) if answers.is_none() => {
                Err(msg!("v.move.answers_first"))
            }
            _ => Ok(()),
        }
    }

    /// The field a move's date goes into.
    pub fn move_date_field(&self, mv: StageMove) -> &'static str {
        match (self.stage, mv.to) {
            (Stage::BerkasDikembalikan, Stage::Tercatat) => "completed_on",
            (_, Stage::Tercatat) => "recorded_on",
            (_, Stage::BerkasDikembalikan) => "returned_on",
            (_, Stage::Mediasi) => "mediator_assigned_on",
            (_, Stage::Anjuran) => "anjuran_on",
            _ => "outcome_on",
        }
    }

    /// The date a move should offer: what the record already holds for it, else today.
    pub fn move_date_default(&self, mv: StageMove, today: Date) -> Date {
        let held = match self.move_date_field(mv) {
            "completed_on" => self.completed_on,
            "recorded_on" => self.recorded_on,
            "returned_on" => self.returned_on,
            "mediator_assigned_on" => self.mediator_assigned_on,
            "anjuran_on" => self.anjuran_on,
            _ => self.outcome_on,
        };
        held.unwrap_or(today)
    }

    /// The dispute after `mv`, made on `on`; refused with a reason the officer can act on.
    pub fn apply_move(&self, mv: StageMove, on: Date, today: Date) -> Result<Dispute, Msg> {
        self.check_move(mv)?;
        if on > today {
            return Err(msg!("v.date.future", iso(on)));
        }
        let mut d = self.clone();
        match (self.stage, mv.to) {
            (Stage::BerkasDikembalikan, Stage::Tercatat) => {
                d.completed_on = Some(on);
                d.file_complete = Some(true);
            }
            (_, Stage::Tercatat) => {
                d.recorded_on = Some(on);
                d.file_complete = Some(true);
            }
            (_, Stage::BerkasDikembalikan) => {
                // the day it came in, if the officer noted it before checking it
                d.recorded_on = d.recorded_on.or(Some(on));
                d.returned_on = Some(on);
                d.completed_on = None;
                d.file_complete = Some(false);
            }
            (_, Stage::Mediasi) => d.mediator_assigned_on = Some(on),
            (_, Stage::Anjuran) => d.anjuran_on = Some(on),
            _ => {
                d.outcome = mv.outcome;
                d.outcome_on = Some(on);
            }
        }
        d.stage = mv.to;
        let problems = d.problems(today);
        match problems.first() {
            Some(p) => Err(msg!("v.field_reason", p.field).with(p.reason.clone())),
            None => Ok(d),
        }
    }
}

fn answers_include_refusal(d: &Dispute) -> bool {
    [d.workers_answer, d.employer_answer]
        .iter()
        .any(|a| matches!(a, Some(AnjuranAnswer::Rejected | AnjuranAnswer::Silent)))
}
