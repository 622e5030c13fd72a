//! Pane 5, Transmigrasi: family registrations (latest first, filterable), or the waiting
//! list in registration order (waiting-list), under the year's figures from the records, the
//! province's quota (the quota action enters it) and the published 2020–2024 series. Record
//! actions (open, edit, stage move, archive, history) go to the app's overlays.
//!
//! The pane's keys are the keymap's `[transmigrants]` table: waiting-list (and switch-view)
//! switch list / waiting list, quota opens the quota form. Only the filter line's typing is
//! taken before the keymap.

mod view;

use super::keymap::{Action, Context};
use super::pane::{Pane, PaneCtx, PaneEffect, Selected};
use super::records::Kind;
use super::window::ListWindow;
use crate::domain::date::Date;
use crate::domain::transmigrant::QuotaStatus;
use crate::report::transmigrants::{
    transmigrants_table_on, waiting_day, yearly_on, TransmigrationYear,
};
use crate::store::{
    PublishedTransmigration, Store, StoreError, TransmigrantFilter, TransmigrantListRow, WaitingRow,
};
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::BTreeMap;

/// The year's figures the header shows, read together.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub year: TransmigrationYear,
    pub quota: QuotaStatus,
    /// The day the waiting families are counted at (end of the year, or today).
    pub waiting_on: Date,
}

#[derive(Debug, Default)]
pub struct TransmigrantsPane {
    pub filter: TransmigrantFilter,
    /// The filter line has the keyboard.
    pub filter_editing: bool,
    pub list: ListWindow<TransmigrantListRow>,
    /// Showing the waiting list instead of all registrations.
    pub show_waiting: bool,
    pub waiting: ListWindow<WaitingRow>,
    pub figures: Option<Figures>,
    pub published: Vec<PublishedTransmigration>,
    /// The year the figures were read for.
    figures_for: Option<i32>,
}

impl TransmigrantsPane {
    /// The selected registration and the version on screen.
    fn selected_id(&self) -> Option<(i64, i64)> {
        if self.show_waiting {
            self.waiting.selected_row().map(|r| (r.id, r.version))
        } else {
            self.list.selected_row().map(|r| (r.id, r.version))
        }
    }

    fn toggle_waiting(&mut self) -> PaneEffect {
        self.show_waiting = !self.show_waiting;
        self.filter_editing = false;
        PaneEffect::None
    }

    /// The quota action: the year's quota form, filled with the quota when one is entered.
    fn quota_form(&self, store: &Store, year: i32) -> PaneEffect {
        match store.transmigration_quota(year) {
            Ok(Some(_)) => PaneEffect::Record(
                Selected::unseen(Kind::TransmigrationQuota, i64::from(year)),
                Action::Edit,
            ),
            Ok(None) => PaneEffect::New {
                kind: Kind::TransmigrationQuota,
                values: BTreeMap::from([("quota_year".to_string(), year.to_string())]),
                hidden: BTreeMap::new(),
            },
            Err(e) => PaneEffect::Error(e.to_string()),
        }
    }
}

impl Pane for TransmigrantsPane {
    fn title(&self) -> &'static str {
        "pane.transmigrants"
    }

    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        if self.figures_for != Some(ctx.year) || self.figures.is_none() {
            if self.figures_for != Some(ctx.year) {
                self.waiting.reset();
            }
            let year = yearly_on(store, ctx.year, ctx.today)?;
            self.figures = Some(Figures {
                year,
                quota: store.transmigration_quota_status(ctx.year)?,
                waiting_on: waiting_day(ctx.year, ctx.today),
            });
            self.published = store.published_transmigration()?;
            self.figures_for = Some(ctx.year);
        }
        if self.show_waiting {
            let Some(f) = self.figures else {
                return Ok(());
            };
            self.waiting.refresh(
                || Ok(f.year.waiting),
                |offset, limit| store.waiting_list(f.waiting_on, offset, limit),
            )
        } else {
            let filter = &self.filter;
            self.list.refresh(
                || store.count_transmigrants(filter),
                |offset, limit| store.list_transmigrants(filter, offset, limit),
            )
        }
    }

    fn needs_refresh(&self) -> bool {
        if self.show_waiting {
            self.waiting.stale
        } else {
            self.list.stale
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        view::render(self, frame, area, ctx);
    }

    fn context(&self) -> Context {
        Context::TRANSMIGRANTS
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        let list_moved = if self.show_waiting {
            self.waiting.apply(action)
        } else {
            self.list.apply(action)
        };
        if list_moved {
            return PaneEffect::None;
        }
        match action {
            Action::Filter => {
                self.show_waiting = false;
                self.filter_editing = true;
                PaneEffect::None
            }
            Action::Cancel if self.show_waiting => self.toggle_waiting(),
            Action::SwitchView | Action::WaitingList => self.toggle_waiting(),
            Action::Quota => self.quota_form(store, ctx.year),
            Action::New => PaneEffect::New {
                kind: Kind::Transmigrant,
                values: BTreeMap::new(),
                hidden: BTreeMap::new(),
            },
            Action::Export => PaneEffect::Export(
                "transmigrasi",
                transmigrants_table_on(store, ctx.year, ctx.today),
            ),
            Action::Open
            | Action::Edit
            | Action::Status
            | Action::Archive
            | Action::Restore
            | Action::History => PaneEffect::on(
                self.selected_id()
                    .map(|(id, version)| Selected::seen(Kind::Transmigrant, id, version)),
                action,
            ),
            _ => PaneEffect::None,
        }
    }

    fn filter(&mut self) -> Option<(&mut String, &mut bool)> {
        // The waiting list is in registration order, unfiltered; `/` there leaves it first.
        (!self.show_waiting).then_some((&mut self.filter.text, &mut self.filter_editing))
    }

    fn filter_changed(&mut self) {
        self.list.reset();
    }

    fn invalidate(&mut self) {
        self.list.invalidate();
        self.waiting.invalidate();
        self.figures = None;
    }

    fn toggle_archived(&mut self) -> bool {
        if self.show_waiting {
            return false; // the waiting list is of live registrations only
        }
        self.filter.archived = !self.filter.archived;
        self.list.reset();
        true
    }

    fn showing_archived(&self) -> bool {
        !self.show_waiting && self.filter.archived
    }
}
