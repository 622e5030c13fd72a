//! The stage workflow of a registration: one step forward at a time, or batal (with a
//! reason and a date) from any stage before departure.

use super::{Destination, Registration};
use crate::domain::case::word_enum;
use crate::domain::date::{iso, Date};
use crate::i18n::Msg;
use crate::msg;

word_enum!(
    /// Where a registration stands.
    Stage {
        Terdaftar => "terdaftar",
        BerkasLengkap => "berkas_lengkap",
        Terseleksi => "terseleksi",
        Dilatih => "dilatih",
        Diberangkatkan => "diberangkatkan",
        Batal => "batal",
    }
);

impl Stage {
    /// The stages a registration may move to from this one: the next step forward, or
    /// batal while the family has not departed. None once departed or withdrawn.
    pub fn next_stages(&self) -> Vec<Stage> {
        use Stage::*;
        match self {
            Terdaftar => vec![BerkasLengkap, Batal],
            BerkasLengkap => vec![Terseleksi, Batal],
            Terseleksi => vec![Dilatih, Batal],
            Dilatih => vec![Diberangkatkan, Batal],
            Diberangkatkan | Batal => vec![],
        }
    }

    /// Still waiting: neither departed nor withdrawn.
    pub fn is_open(&self) -> bool {
        !matches!(self, Stage::Diberangkatkan | Stage::Batal)
    }

    /// Like `parse`, but also takes the words as officers write them: `berkas lengkap`,
    /// `Berkas-Lengkap`.
    pub fn parse_loose(s: &str) -> Result<Stage, Msg> {
        let words: Vec<&str> = s.split([' ', '-', '_']).filter(|w| !w.is_empty()).collect();
        Stage::parse(&words.join("_"))
    }

    /// The stage in plain words (`berkas lengkap`).
    pub fn label(&self) -> String {
        self.as_str().replace('_', " ")
    }
}

/// A move along the workflow, with what the target stage needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageMove {
    pub to: Stage,
    /// The departure date (to diberangkatkan, required) or the withdrawal date (to batal;
    /// today when left out). Other moves take no date.
    pub on: Option<Date>,
    /// The destination, when the record has none yet or the move changes it (a departure
    /// needs one; the province may name it at selection).
    pub destination: Option<Destination>,
    /// Why the family withdrew (to batal, required).
    pub reason: String,
}

impl StageMove {
    /// A plain step forward (berkas_lengkap, terseleksi, dilatih).
    pub fn to(stage: Stage) -> StageMove {
        StageMove {
            to: stage,
            on: None,
            destination: None,
            reason: String::new(),
        }
    }

    /// Departure on `on`; `destination` may be None when the record already has one.
    pub fn depart(on: Date, destination: Option<Destination>) -> StageMove {
        StageMove {
            on: Some(on),
            destination,
            ..StageMove::to(Stage::Diberangkatkan)
        }
    }

    /// Withdrawal for `reason`, on `on` (today when None).
    pub fn cancel(on: Option<Date>, reason: impl Into<String>) -> StageMove {
        StageMove {
            on,
            reason: reason.into(),
            ..StageMove::to(Stage::Batal)
        }
    }
}

impl Registration {
    /// The stages this registration may move to.
    pub fn next_stages(&self) -> Vec<Stage> {
        self.stage.next_stages()
    }

    /// Still waiting: neither departed nor withdrawn.
    pub fn is_open(&self) -> bool {
        self.stage.is_open()
    }

    /// Still waiting at the end of `day`: registered by then and neither departed nor
    /// withdrawn by then.
    pub fn is_open_on(&self, day: Date) -> bool {
        self.registered_on <= day
            && self.departed_on.is_none_or(|d| d > day)
            && self.cancelled_on.is_none_or(|d| d > day)
    }

    /// The registration after `mv`, or why the workflow forbids it (one sentence).
    pub fn apply_move(&self, mv: &StageMove, today: Date) -> Result<Registration, Msg> {
        let (from, to) = (self.stage, mv.to);
        if !from.next_stages().contains(&to) {
            let allowed: Vec<&str> = from.next_stages().iter().map(|s| s.as_str()).collect();
            return Err(if allowed.is_empty() {
                msg!("v.reg.no_more_moves", from)
            } else {
                msg!("v.reg.move_impossible", from, to, allowed.join(" / "))
            });
        }
        let mut next = self.clone();
        next.stage = to;
        if let Some(d) = &mv.destination {
            next.destination = d.clone();
        }
        // (`departure`: the departure date, else the withdrawal date)
        let not_before_registration = |on: Date, departure: bool| {
            let (on_text, reg) = (iso(on), iso(self.registered_on));
            if on < self.registered_on {
                Err(if departure {
                    msg!("v.reg.departure_before", on_text, reg)
                } else {
                    msg!("v.reg.withdrawal_before", on_text, reg)
                })
            } else if on > today {
                Err(if departure {
                    msg!("v.reg.departure_future", on_text)
                } else {
                    msg!("v.reg.withdrawal_future", on_text)
                })
            } else {
                Ok(on)
            }
        };
        match to {
            Stage::Diberangkatkan => {
                let on = mv.on.ok_or_else(|| msg!("v.reg.departure_required"))?;
                next.departed_on = Some(not_before_registration(on, true)?);
                if next.destination.upt.is_empty() {
                    return Err(msg!("v.reg.destination_required"));
                }
            }
            Stage::Batal => {
                let reason = mv.reason.trim();
                if reason.is_empty() {
                    return Err(msg!("v.reg.reason_required"));
                }
                next.cancel_reason = reason.to_string();
                next.cancelled_on = Some(not_before_registration(mv.on.unwrap_or(today), false)?);
            }
            _ => {
                if mv.on.is_some() {
                    return Err(msg!("v.reg.no_date", to));
                }
            }
        }
        match next.problems().first() {
            Some(p) => Err(msg!("v.field_reason", p.field).with(p.reason.clone())),
            None => Ok(next),
        }
    }
}
