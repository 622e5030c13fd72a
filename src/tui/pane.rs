//! The shape of every pane: it reads what it shows from the store, draws it, and turns list
//! actions into effects the app carries out (open a record, a form, a message, an export).
//! The app keeps the panes in one list (`pane::all`) and knows none of them by number;
//! the record overlays stay in the app, so every pane gets forms, detail, history, archive
//! and status moves the same way.

use super::help;
use super::keymap::{Action, Context, Keymap};
use super::records::Kind;
use super::theme::Theme;
use crate::domain::date::Date;
use crate::i18n::Lang;
use crate::report::table::Table;
use crate::store::{Store, StoreError};
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::BTreeMap;

/// What a pane needs to know about the app to draw and act.
#[derive(Clone, Copy)]
pub struct PaneCtx<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub year: i32,
    pub today: Date,
    /// The active keymap: what a pane says about keys comes from it, never from a text.
    pub keymap: &'a Keymap,
    /// The pane on screen shows its archive (`a`), not its live records.
    pub archived: bool,
}

impl PaneCtx<'_> {
    /// The keys that do `actions` in the pane whose table is `pane`, as one hint line
    /// ("← → kolom kiri  Enter buka").
    pub fn keys(&self, pane: Context, actions: &[Action]) -> String {
        let stack = [pane, Context::List, Context::Global];
        help::hint_text(&help::hints(self.keymap, &stack, actions, self.lang))
    }

    /// The year keys in one short hint ("[/] tahun").
    pub fn year_keys(&self, pane: Context) -> String {
        format!(
            "{}/{} {}",
            self.key(pane, Action::PrevYear),
            self.key(pane, Action::NextYear),
            self.lang.t("bar.year").to_lowercase()
        )
    }

    /// The key that does `action` in the pane whose table is `pane` ("" when none does).
    pub fn key(&self, pane: Context, action: Action) -> String {
        let stack = [pane, Context::List, Context::Global];
        self.keymap.label(&stack, action).unwrap_or_default()
    }

    /// The catalog sentence `key` with its `{action}` places filled with the active keys
    /// ("Tekan {new} untuk mencatat." → "Tekan n untuk mencatat.").
    pub fn say(&self, pane: Context, key: &str) -> String {
        let stack = [pane, Context::List, Context::Global];
        help::with_keys(self.lang.t(key), self.keymap, &stack, self.lang)
    }
}

/// What the app does after a pane handled an action.
pub enum PaneEffect {
    None,
    /// An action on one record (open, edit, status, archive, history): the app's overlays.
    Record(Selected, Action),
    /// A new record's form, with starting values and values the form carries hidden
    /// (e.g. the training a participant belongs to).
    New {
        kind: Kind,
        values: BTreeMap<String, String>,
        hidden: BTreeMap<String, String>,
    },
    Info(String),
    Error(String),
    /// Write this summary to a CSV file named after `what` and the year.
    Export(&'static str, Result<Table, StoreError>),
    /// The pane changed records itself (e.g. a two-key action): every pane reads again.
    Changed(String),
    /// A scrolling text to read (e.g. where a figure comes from), closed with Esc.
    Text {
        title: String,
        lines: Vec<String>,
    },
}

impl PaneEffect {
    /// `action` on the record selected in a list (the app's overlays do the rest); nothing
    /// when the list is empty.
    pub fn on(selected: Option<Selected>, action: Action) -> PaneEffect {
        match selected {
            Some(s) => PaneEffect::Record(s, action),
            None => PaneEffect::None,
        }
    }
}

/// The record an action is for, with the version the officer saw on screen (None where the
/// pane shows no version, e.g. a year's quota opened by its year): a key that changes the
/// record without a form is refused when the record changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    pub kind: Kind,
    pub id: i64,
    pub seen_version: Option<i64>,
}

impl Selected {
    pub fn seen(kind: Kind, id: i64, version: i64) -> Selected {
        Selected {
            kind,
            id,
            seen_version: Some(version),
        }
    }

    /// A record the pane shows without its version.
    pub fn unseen(kind: Kind, id: i64) -> Selected {
        Selected {
            kind,
            id,
            seen_version: None,
        }
    }
}

/// A pane as itself, for tests and tools that look inside one (`App::pane_of`); every pane
/// has it without writing it.
pub trait AsAny {
    fn as_any(&self) -> &dyn std::any::Any;
}

impl<T: std::any::Any> AsAny for T {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub trait Pane: AsAny {
    /// The catalog key of the pane's name in the tabs.
    fn title(&self) -> &'static str;
    /// The pane's keymap table (`[trainings]`, …), looked up before `[list]` and `[global]`.
    fn context(&self) -> Context;
    /// A key sequence of the pane's table began (`Some`: the actions it may still end in) or
    /// was dropped unfinished (`None`). Lets the pane show whom the sequence is for.
    fn sequence(&mut self, _next: Option<&[Action]>, _store: &Store, _ctx: &PaneCtx) -> PaneEffect {
        PaneEffect::None
    }
    /// Read what is stale from the store.
    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError>;
    /// True when the last draw learnt something (a new page size) that needs another read.
    fn needs_refresh(&self) -> bool {
        false
    }
    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx);
    /// Work left after the frame was drawn (a filter's count, made in steps): true while
    /// there is some. The event loop does it a step at a time while no key waits.
    fn has_work(&self) -> bool {
        false
    }
    /// One step of that work, a few milliseconds at most; true when the screen must be drawn
    /// again.
    fn work(&mut self, _store: &Store) -> Result<bool, StoreError> {
        Ok(false)
    }
    /// A list action (from the keymap) while no overlay is open.
    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect;
    /// Keys the pane takes before the keymap (a filter line being typed, a two-key action).
    fn handle_key(
        &mut self,
        _key: KeyEvent,
        _store: &mut Store,
        _ctx: &PaneCtx,
    ) -> Option<PaneEffect> {
        None
    }
    /// Records changed (a save, another officer): read everything again.
    fn invalidate(&mut self);
    /// The actions the footer offers, most useful first: by default a register's list.
    fn footer(&self) -> Vec<Action> {
        vec![
            Action::New,
            Action::Open,
            Action::Status,
            Action::Filter,
            Action::History,
            Action::Export,
            Action::Help,
            Action::Quit,
        ]
    }
    /// A list whose rows the frame writer may move with the terminal's own line moves: where
    /// its rows were drawn and the index of its first row now.
    fn scrolling_rows(&self) -> Option<(Rect, i64)> {
        None
    }
    /// The filter line of the list on screen (its words and whether it has the keyboard), if
    /// that list has one. The app types into it, clears it (`Esc`) and starts it (`/`).
    fn filter(&mut self) -> Option<(&mut String, &mut bool)> {
        None
    }
    /// The filter's words changed: the list starts again at its first match.
    fn filter_changed(&mut self) {}
    /// Show the archived records of the pane's list instead of the live ones, or back; false
    /// when the pane has no archive to show (the app then says so).
    fn toggle_archived(&mut self) -> bool {
        false
    }
    /// True while the pane lists archived records.
    fn showing_archived(&self) -> bool {
        false
    }
    /// A record of `kind` was saved from a form (`new`: added).
    fn saved(&mut self, _kind: Kind, _id: i64, _new: bool) {}
}

/// Every pane, in the order of the tabs and of the number keys: a new register is one line
/// here.
pub fn all() -> Vec<Box<dyn Pane>> {
    vec![
        Box::new(super::cases::CasesPane::new()),
        Box::new(super::placements::PlacementsPane::default()),
        Box::new(super::disputes::DisputesPane::new()),
        Box::new(super::trainings::TrainingsPane::new()),
        Box::new(super::transmigrants::TransmigrantsPane::default()),
        Box::new(super::iku::IkuPane::default()),
        Box::new(super::jobseekers::JobseekersPane::default()),
    ]
}
