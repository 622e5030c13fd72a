//! Pane 3, Perselisihan HI: the disputes with the deadline that most needs attention, the
//! year's figures (disputes recorded, IKU3 from `report`, prevention work and company
//! compliance from `store`), and the two lighter lists beside the disputes: prevention
//! facilitations and company compliance. `v` (switch-view) goes from one list to the next;
//! `n`, `e`, `Enter`, `Delete`, `h` act on the list shown.
//!
//! The disputes list holds every year, newest first: an office sees a handful a year, and a
//! dispute recorded last December whose mediation runs into January must not drop out of
//! sight when the year changes. `[` / `]` choose the year of the figures and of the
//! facilitation and compliance lists.

mod view;

use super::keymap::{Action, Context};
use super::pane::{Pane, PaneCtx, PaneEffect, Selected};
use super::records::Kind;
use super::window::ListWindow;
use crate::domain::calendar::WorkingDays;
use crate::domain::date::Date;
use crate::domain::dispute::{deadlines, most_urgent, Deadline, DisputeType, Outcome, Stage};
use crate::report::disputes::{iku3_on, summary_table, Iku3};
use crate::report::published::{self, PublishedPrevention};
use crate::store::{
    ComplianceRecord, DisputeFilter, DisputeRecord, FacilitationRecord, PreventionStats, Store,
    StoreError,
};
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::BTreeMap;

/// Which list the pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Disputes,
    Facilitations,
    Compliance,
}

impl View {
    fn next(self) -> View {
        match self {
            View::Disputes => View::Facilitations,
            View::Facilitations => View::Compliance,
            View::Compliance => View::Disputes,
        }
    }

    fn kind(self) -> Kind {
        match self {
            View::Disputes => Kind::Dispute,
            View::Facilitations => Kind::Facilitation,
            View::Compliance => Kind::Compliance,
        }
    }
}

/// One dispute as the list shows it, with its most urgent deadline as of today.
#[derive(Debug, Clone)]
pub struct DisputeRow {
    pub id: i64,
    pub version: i64,
    pub company: String,
    pub workers: String,
    pub kind: Option<DisputeType>,
    pub stage: Stage,
    pub outcome: Option<Outcome>,
    pub outcome_on: Option<Date>,
    pub urgent: Option<Deadline>,
}

impl DisputeRow {
    fn new(rec: DisputeRecord, calendar: &WorkingDays, today: Date) -> DisputeRow {
        let d = rec.value;
        let all = deadlines(&d, calendar, today);
        DisputeRow {
            id: rec.id,
            version: rec.version,
            urgent: most_urgent(&all).cloned(),
            company: d.company,
            workers: d.workers,
            kind: d.kind,
            stage: d.stage,
            outcome: d.outcome,
            outcome_on: d.outcome_on,
        }
    }
}

/// The year's figures in the pane's header.
#[derive(Debug, Clone)]
pub struct Figures {
    pub iku3: Iku3,
    pub prevention: PreventionStats,
    /// The report's prevention figures for the year, shown instead of the records' zeros
    /// when the year has no prevention record.
    pub published: Option<PublishedPrevention>,
}

#[derive(Default)]
pub struct DisputesPane {
    pub view: View,
    pub filter: DisputeFilter,
    /// The filter line has the keyboard.
    pub filter_editing: bool,
    pub disputes: ListWindow<DisputeRow>,
    pub facilitations: ListWindow<FacilitationRecord>,
    pub compliance: ListWindow<ComplianceRecord>,
    pub figures: Option<Figures>,
    /// The year the figures and the lighter lists were read for.
    year: Option<i32>,
    /// The day the deadlines were counted to.
    today: Option<Date>,
    calendar: Option<WorkingDays>,
}

impl DisputesPane {
    pub fn new() -> DisputesPane {
        DisputesPane::default()
    }

    /// The selected record and the version on screen.
    fn selected_id(&self) -> Option<(i64, i64)> {
        match self.view {
            View::Disputes => self.disputes.selected_row().map(|r| (r.id, r.version)),
            View::Facilitations => self.facilitations.selected_row().map(|r| (r.id, r.version)),
            View::Compliance => self.compliance.selected_row().map(|r| (r.id, r.version)),
        }
    }

    fn move_selection(&mut self, action: Action) -> bool {
        match self.view {
            View::Disputes => self.disputes.apply(action),
            View::Facilitations => self.facilitations.apply(action),
            View::Compliance => self.compliance.apply(action),
        }
    }

    /// The working-day calendar, read from the store once until the next change.
    fn calendar(&mut self, store: &Store) -> Result<&WorkingDays, StoreError> {
        let calendar = match self.calendar.take() {
            Some(c) => c,
            None => store.working_days()?,
        };
        Ok(self.calendar.insert(calendar))
    }
}

impl Pane for DisputesPane {
    fn title(&self) -> &'static str {
        "pane.disputes"
    }

    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        if self.year != Some(ctx.year) {
            self.year = Some(ctx.year);
            self.figures = None;
            self.facilitations.reset();
            self.compliance.reset();
        }
        if self.today != Some(ctx.today) {
            self.today = Some(ctx.today);
            self.disputes.invalidate();
        }
        let year = ctx.year;
        if self.figures.is_none() {
            let calendar = self.calendar(store)?;
            self.figures = Some(Figures {
                iku3: iku3_on(store, year, Ok(calendar), ctx.today)?,
                prevention: store.prevention_stats(year)?,
                published: published::prevention(store, year)?,
            });
        }
        let archived = self.filter.archived;
        match self.view {
            View::Disputes => {
                self.calendar(store)?;
                let Some(calendar) = self.calendar.as_ref() else {
                    return Ok(());
                };
                let filter = &self.filter;
                self.disputes.refresh(
                    || store.count_disputes(filter),
                    |offset, limit| {
                        Ok(store
                            .list_disputes(filter, offset, limit)?
                            .into_iter()
                            .map(|r| DisputeRow::new(r, calendar, ctx.today))
                            .collect())
                    },
                )
            }
            View::Facilitations => self.facilitations.refresh(
                || store.count_facilitations_of(year, archived),
                |offset, limit| store.facilitations_of(year, archived, offset, limit),
            ),
            View::Compliance => self.compliance.refresh(
                || store.count_compliance_of(year, archived),
                |offset, limit| store.compliance_of(year, archived, offset, limit),
            ),
        }
    }

    fn needs_refresh(&self) -> bool {
        match self.view {
            View::Disputes => self.disputes.stale,
            View::Facilitations => self.facilitations.stale,
            View::Compliance => self.compliance.stale,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        view::render(self, frame, area, ctx);
    }

    fn context(&self) -> Context {
        Context::DISPUTES
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End => {
                self.move_selection(action);
                PaneEffect::None
            }
            Action::SwitchView => {
                self.view = self.view.next();
                self.filter_editing = false;
                PaneEffect::None
            }
            Action::New => {
                let mut values = BTreeMap::new();
                if self.view == View::Compliance {
                    // the standing of a company in the year on screen
                    values.insert("year".to_string(), ctx.year.to_string());
                }
                PaneEffect::New {
                    kind: self.view.kind(),
                    values,
                    hidden: BTreeMap::new(),
                }
            }
            Action::Export => {
                let table = self
                    .calendar(store)
                    .and_then(|c| summary_table(store, ctx.year, c));
                PaneEffect::Export("perselisihan", table)
            }
            Action::Open
            | Action::Edit
            | Action::Status
            | Action::Archive
            | Action::Restore
            | Action::History => PaneEffect::on(
                self.selected_id()
                    .map(|(id, version)| Selected::seen(self.view.kind(), id, version)),
                action,
            ),
            _ => PaneEffect::None,
        }
    }

    fn filter(&mut self) -> Option<(&mut String, &mut bool)> {
        // The disputes list has one; the two lighter lists are short enough without.
        (self.view == View::Disputes).then_some((&mut self.filter.text, &mut self.filter_editing))
    }

    fn filter_changed(&mut self) {
        self.disputes.reset();
    }

    fn toggle_archived(&mut self) -> bool {
        // One switch for the pane's three lists.
        self.filter.archived = !self.filter.archived;
        self.disputes.reset();
        self.facilitations.reset();
        self.compliance.reset();
        true
    }

    fn showing_archived(&self) -> bool {
        self.filter.archived
    }

    fn invalidate(&mut self) {
        self.figures = None;
        self.calendar = None;
        self.disputes.invalidate();
        self.facilitations.invalidate();
        self.compliance.invalidate();
    }

    fn footer(&self) -> Vec<Action> {
        let mut actions = vec![Action::New, Action::Open];
        if self.view == View::Disputes {
            actions.extend([Action::Status, Action::Filter]);
        } else {
            actions.push(Action::Edit);
        }
        actions.extend([Action::History, Action::Export, Action::Help, Action::Quit]);
        actions
    }
}
