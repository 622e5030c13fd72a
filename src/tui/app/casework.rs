//! The keys of a case's detail for its casework: send a referral, record the answer to the
//! earliest-due unanswered one, record a document received. Each opens a small form; what
//! it saves is a record of its own (the case's version does not move).

use super::{App, Overlay, RecordForm};
use crate::domain::date::iso;
use crate::tui::form::Form;
use crate::tui::keymap::Action;
use crate::tui::records::{Kind, Loaded};
use std::collections::BTreeMap;

impl App {
    /// A casework key on a record's detail; false when `action` is not one (or the record
    /// is not a case).
    pub(super) fn casework_action(&mut self, kind: Kind, id: i64, action: Action) -> bool {
        if kind != Kind::Case {
            return false;
        }
        match action {
            Action::AddReferral => self.new_referral(id),
            Action::AnswerReferral => self.answer_referral(id),
            Action::TickDocument => {
                if let Some(rec) = self.load(Kind::Case, id) {
                    self.move_status(&rec, crate::tui::records::TICK_DOCUMENT);
                }
            }
            Action::AddNote => {
                if let Some(rec) = self.load(Kind::Case, id) {
                    self.move_status(&rec, crate::tui::records::ADD_NOTE);
                }
            }
            _ => return false,
        }
        true
    }

    /// The form of a new referral of case `case_id`, sent today unless changed.
    fn new_referral(&mut self, case_id: i64) {
        let ops = Kind::Referral.ops();
        let title = format!(
            "{} #{case_id}: {}",
            self.t("kind.case"),
            self.t(ops.label())
        );
        let start = BTreeMap::from([("sent_on".to_string(), iso(self.today))]);
        let mut form = Form::new(title, ops.fields(), &start, None);
        form.hidden
            .insert("case_id".to_string(), case_id.to_string());
        self.overlays.push(Overlay::Form(Box::new(RecordForm {
            kind: Kind::Referral,
            form,
            moving: None,
        })));
    }

    /// The answer's small form for the case's unanswered referral due first.
    fn answer_referral(&mut self, case_id: i64) {
        let waiting = match self.store.case_referrals(case_id) {
            Ok(list) => list
                .into_iter()
                .filter(|r| r.referral.answered_on.is_none())
                .min_by_key(|r| (r.referral.due_on, r.id)),
            Err(e) => return self.error(e.to_string()),
        };
        let Some(first) = waiting else {
            return self.info(self.t("casework.no_open_referral").to_string());
        };
        let rec: Option<Loaded> = self.load(Kind::Referral, first.id);
        if let Some(rec) = rec {
            self.move_status(&rec, crate::tui::records::ANSWER);
        }
    }
}
