//! The application state and its update: keys become actions, actions change state and call
//! the store; `render` (in `draw`) draws the state. No terminal here, so tests drive it with
//! key events and read the rendered buffer.
//!
//! The app knows its panes only as one list of [`Pane`]s (`pane::all`): it never asks which
//! pane is which. What a pane cannot do alone (forms, detail, history, archive, status moves,
//! the lookup, help) are overlays here, the same for every register.

mod casework;
mod draw;
mod overlay;

use super::filter::{type_key, Typed};
use super::form::Form;
use super::keymap::{Action, Context, KeySeq, Keymap, Resolved};
use super::lookup::LookupView;
use super::pane::{self, Pane, PaneCtx, PaneEffect, Selected};
use super::records::{Kind, Loaded, MoveOutcome};
use super::theme::Theme;
use crate::domain::date::Date;
use crate::i18n::Lang;
use crate::report::table::Table;
use crate::store::{AuditEntry, Store, StoreError};
use chrono::Datelike;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub use draw::{MIN_HEIGHT, MIN_WIDTH};

/// What a yes/no question does on "y".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Archive { kind: Kind, id: i64, version: i64 },
    DiscardForm,
    Quit,
}

/// A form and the record kind it edits.
pub struct RecordForm {
    pub kind: Kind,
    pub form: Form,
    /// Set when the form asks what a status move needs (a date, a reason): the record and
    /// the status it moves to. Saving then makes the move.
    pub moving: Option<(Box<Loaded>, String)>,
}

pub enum Overlay {
    Form(Box<RecordForm>),
    Detail {
        record: Box<Loaded>,
        scroll: u16,
    },
    History {
        kind: Kind,
        id: i64,
        entries: Vec<AuditEntry>,
        scroll: u16,
    },
    Help {
        scroll: u16,
    },
    /// A pane's text (PaneEffect::Text).
    Text {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    Lookup(Box<LookupView>),
    Confirm {
        question: String,
        pending: Pending,
    },
    StatusChoice {
        record: Box<Loaded>,
        options: Vec<String>,
        selected: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    /// Done, but the officer must read something (e.g. a departure beyond the quota).
    Warning,
    Error,
}

pub struct App {
    pub store: Store,
    pub keymap: Keymap,
    pub lang: Lang,
    pub theme: Theme,
    pub store_label: String,
    /// The pane on screen: its place in `panes`.
    pub pane: usize,
    pub year: i32,
    pub today: Date,
    /// Every pane, in tab order.
    pub panes: Vec<Box<dyn Pane>>,
    pub overlays: Vec<Overlay>,
    pub message: Option<(String, MessageKind)>,
    pub quit: bool,
    /// Where `x` writes summaries: the directory the officer started the program in.
    pub export_dir: std::path::PathBuf,
    /// The screen's size at the last draw (None before the first): while it is too small
    /// to show the panes, no key but quit acts on what the officer cannot see.
    pub screen: Option<(u16, u16)>,
    data_version: i64,
    /// The keys of a sequence begun in a pane ("w" of "w b"), waiting for the next key.
    pending_keys: Option<KeySeq>,
}

impl App {
    pub fn new(
        store: Store,
        keymap: Keymap,
        lang: Lang,
        theme: Theme,
        store_label: String,
        today: Date,
    ) -> App {
        let data_version = store.data_version().unwrap_or(0);
        App {
            store,
            keymap,
            lang,
            theme,
            store_label,
            pane: 0,
            year: today.year(),
            today,
            panes: pane::all(),
            overlays: Vec::new(),
            message: None,
            quit: false,
            export_dir: std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from(".")),
            screen: None,
            data_version,
            pending_keys: None,
        }
    }

    /// The pane of type `T`, wherever it stands in the tabs.
    pub fn pane_of<T: 'static>(&self) -> Option<&T> {
        self.panes.iter().find_map(|p| p.as_any().downcast_ref())
    }

    /// True when the pane on screen is of type `T`.
    pub fn showing<T: 'static>(&self) -> bool {
        self.panes
            .get(self.pane)
            .is_some_and(|p| p.as_any().is::<T>())
    }

    /// Go to the pane of type `T` (tests and the first screen of a tool).
    pub fn show<T: 'static>(&mut self) {
        if let Some(i) = self.panes.iter().position(|p| p.as_any().is::<T>()) {
            self.pane = i;
        }
    }

    fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    /// A yes/no question from the catalog, with the keys that answer it.
    fn ask(&self, key: &str) -> String {
        super::help::with_keys(self.t(key), &self.keymap, &[Context::Confirm], self.lang)
    }

    /// At start: the file or folder of the store this officer cannot write (saves would fail
    /// with SQLite's "readonly database"), its owner and mode, and the fix to ask for.
    pub fn note_access(&mut self, problem: Option<&crate::store::AccessProblem>) {
        if let Some(p) = problem {
            self.error(p.message(self.lang));
        }
    }

    fn info(&mut self, m: String) {
        self.message = Some((m, MessageKind::Info));
    }

    fn error(&mut self, m: String) {
        self.message = Some((m, MessageKind::Error));
    }

    /// Every pane must read the store again.
    fn invalidate_all(&mut self) {
        for p in self.panes.iter_mut() {
            p.invalidate();
        }
    }

    /// Run `f` on the pane on screen with what a pane needs to know.
    pub(super) fn with_pane<R>(
        &mut self,
        f: impl FnOnce(&mut dyn Pane, &mut Store, &PaneCtx) -> R,
    ) -> Option<R> {
        let theme = self.theme;
        let pane = self.panes.get_mut(self.pane)?;
        let ctx = PaneCtx {
            lang: self.lang,
            theme: &theme,
            year: self.year,
            today: self.today,
            keymap: &self.keymap,
            archived: pane.showing_archived(),
        };
        Some(f(pane.as_mut(), &mut self.store, &ctx))
    }

    fn pane_action(&mut self, action: Action) {
        let effect = self.with_pane(|pane, store, ctx| {
            // Act on what the officer sees: read the window if a change left it stale.
            match pane.refresh(store, ctx) {
                Ok(()) => pane.handle(action, store, ctx),
                Err(e) => PaneEffect::Error(e.text(ctx.lang)),
            }
        });
        if let Some(effect) = effect {
            self.apply_effect(effect);
        }
    }

    fn apply_effect(&mut self, effect: PaneEffect) {
        match effect {
            PaneEffect::None => {}
            PaneEffect::Record(selected, action) => self.record_action(selected, action),
            PaneEffect::New {
                kind,
                values,
                hidden,
            } => {
                let ops = kind.ops();
                let title = self.t("record.new").replace("{kind}", self.t(ops.label()));
                let mut start = ops.defaults(self.today);
                start.extend(values);
                let mut form = Form::new(title, ops.fields(), &start, None);
                form.hidden = hidden;
                self.overlays.push(Overlay::Form(Box::new(RecordForm {
                    kind,
                    form,
                    moving: None,
                })));
            }
            PaneEffect::Info(m) => self.info(m),
            PaneEffect::Error(m) => self.error(m),
            PaneEffect::Export(what, table) => self.write_export(what, table),
            PaneEffect::Text { title, lines } => self.overlays.push(Overlay::Text {
                title,
                lines,
                scroll: 0,
            }),
            PaneEffect::Changed(m) => {
                self.invalidate_all();
                self.data_version = self.store.data_version().unwrap_or(self.data_version);
                self.info(m);
            }
        }
    }

    /// Called when no key came for a while: pick up other officers' saves. Returns whether
    /// anything must be redrawn.
    pub fn poll_data_change(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                self.data_version = v;
                self.invalidate_all();
                true
            }
            _ => false,
        }
    }

    /// True while the pane on screen has work left after its frame (see [`Pane::has_work`]).
    pub fn has_work(&self) -> bool {
        self.panes.get(self.pane).is_some_and(|p| p.has_work())
    }

    /// One step of the pane's work left after the frame; true when it must be drawn again.
    pub fn work(&mut self) -> bool {
        let Some(pane) = self.panes.get_mut(self.pane) else {
            return false;
        };
        match pane.work(&self.store) {
            Ok(redraw) => redraw,
            Err(e) => {
                self.message = Some((e.to_string(), MessageKind::Error));
                true
            }
        }
    }

    /// True while a form holds typing that was not saved.
    pub fn has_unsaved_form(&self) -> bool {
        self.overlays
            .iter()
            .any(|o| matches!(o, Overlay::Form(f) if f.form.is_changed()))
    }

    fn request_quit(&mut self) {
        if self.has_unsaved_form() {
            self.overlays.push(Overlay::Confirm {
                question: self.ask("quit_q"),
                pending: Pending::Quit,
            });
        } else {
            self.quit = true;
        }
    }

    /// The question "quit without saving?" is open.
    fn asking_to_quit(&self) -> bool {
        matches!(
            self.overlays.last(),
            Some(Overlay::Confirm {
                pending: Pending::Quit,
                ..
            })
        )
    }

    /// The screen is too small to show what a key would act on.
    fn too_small(&self) -> bool {
        self.screen
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != crossterm::event::KeyEventKind::Press {
            return;
        }
        self.message = None;
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            if matches!(
                self.overlays.last(),
                Some(Overlay::Confirm {
                    pending: Pending::Quit,
                    ..
                })
            ) {
                self.quit = true; // a second Ctrl-C means it
            } else {
                self.request_quit();
            }
            return;
        }
        if self.too_small() {
            // Nothing the officer cannot see may change: only quit works, and its question
            // (a form holds unsaved typing) is shown on the small screen too.
            if self.asking_to_quit() {
                self.handle_overlay_key(key);
            } else if self.keymap.action(Context::Global, &key) == Some(Action::Quit) {
                self.request_quit();
            }
            return;
        }
        if !self.overlays.is_empty() {
            self.handle_overlay_key(key);
            return;
        }
        if self.type_into_filter(key) {
            return;
        }
        if let Some(Some(effect)) =
            self.with_pane(|pane, store, ctx| pane.handle_key(key, store, ctx))
        {
            self.apply_effect(effect);
            return;
        }
        let stack = self.key_stack();
        let had_pending = self.pending_keys.is_some();
        match self.keymap.resolve(&stack, &mut self.pending_keys, &key) {
            Resolved::Action(action) => self.handle_action(action),
            Resolved::Pending => {
                let next: Vec<Action> = self
                    .pending_keys
                    .as_ref()
                    .map(|p| self.keymap.continuations(&stack, p))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect();
                self.pane_sequence(Some(&next));
            }
            Resolved::Unbound if had_pending => self.pane_sequence(None),
            Resolved::Unbound => {}
        }
    }

    /// A key while the pane's filter line has the keyboard; false hands it on (arrows).
    fn type_into_filter(&mut self, key: KeyEvent) -> bool {
        let Some(pane) = self.panes.get_mut(self.pane) else {
            return false;
        };
        let typed = match pane.filter() {
            Some((text, editing)) if *editing => type_key(text, editing, key),
            _ => return false,
        };
        match typed {
            Typed::Changed => pane.filter_changed(),
            Typed::Kept => {}
            Typed::Passed => return false,
        }
        true
    }

    /// `/` starts the filter line of the list on screen, `Esc` clears its words; true when
    /// the list has one and the action was for it.
    fn filter_action(&mut self, action: Action) -> bool {
        let Some(pane) = self.panes.get_mut(self.pane) else {
            return false;
        };
        let Some((text, editing)) = pane.filter() else {
            return false;
        };
        match action {
            Action::Filter => *editing = true,
            Action::Cancel if !text.is_empty() => {
                text.clear();
                pane.filter_changed();
            }
            _ => return false,
        }
        true
    }

    /// Where the keys of the pane on screen are looked up: its own table, then the list's,
    /// then the global one.
    pub fn key_stack(&self) -> [Context; 3] {
        let pane = self
            .panes
            .get(self.pane)
            .map_or(Context::List, |p| p.context());
        [pane, Context::List, Context::Global]
    }

    /// Tells the pane on screen that a key sequence began or was dropped.
    fn pane_sequence(&mut self, next: Option<&[Action]>) {
        let effect = self.with_pane(|pane, store, ctx| pane.sequence(next, store, ctx));
        if let Some(effect) = effect {
            self.apply_effect(effect);
        }
    }

    fn handle_action(&mut self, action: Action) {
        let panes = self.panes.len().max(1);
        match action {
            Action::Quit => self.request_quit(),
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Lookup => self.overlays.push(Overlay::Lookup(Box::new(LookupView::new(
                self.year, self.today,
            )))),
            Action::NextPane => self.pane = (self.pane + 1) % panes,
            Action::PrevPane => self.pane = (self.pane + panes - 1) % panes,
            Action::Pane(n) if (1..=panes).contains(&usize::from(n)) => {
                self.pane = usize::from(n) - 1
            }
            Action::ShowArchived => self.toggle_archived(),
            Action::Filter | Action::Cancel if self.filter_action(action) => {}
            Action::PrevYear => self.change_year(-1),
            Action::NextYear => self.change_year(1),
            _ => self.pane_action(action),
        }
    }

    /// `a`: the pane's archived records instead of its live ones, or back.
    fn toggle_archived(&mut self) {
        let Some(pane) = self.panes.get_mut(self.pane) else {
            return;
        };
        if !pane.toggle_archived() {
            return self.info(self.t("archive.none_here").to_string());
        }
        let key = if pane.showing_archived() {
            "archive.showing"
        } else {
            "archive.live"
        };
        let restore =
            super::help::with_keys(self.t(key), &self.keymap, &self.key_stack(), self.lang);
        self.info(restore);
    }

    fn change_year(&mut self, by: i32) {
        self.year += by;
        self.invalidate_all();
    }

    /// The actions on one selected record, the same for every kind.
    fn record_action(&mut self, selected: Selected, action: Action) {
        let Selected { kind, id, .. } = selected;
        match action {
            Action::Open => {
                if let Some(rec) = self.load(kind, id) {
                    self.overlays.push(Overlay::Detail {
                        record: Box::new(rec),
                        scroll: 0,
                    });
                }
            }
            Action::Edit => self.open_edit_form(kind, id),
            Action::Status => self.start_status_move(selected),
            Action::Archive => self.ask_archive(selected),
            Action::History => self.open_history(kind, id),
            Action::Restore => self.restore(selected),
            Action::Assign if kind == Kind::Case => {
                // A new responsible officer: the small form of a move, asking the name.
                if let Some(rec) = self.load_as_seen(selected) {
                    self.move_status(&rec, super::records::ASSIGN);
                }
            }
            a => {
                if !self.casework_action(kind, id, a) {
                    if let Some(to) = kind.ops().detail_move(a) {
                        if let Some(rec) = self.load(kind, id) {
                            self.move_status(&rec, to);
                        }
                    }
                }
            }
        }
    }

    /// `r` on an archived record: back in the lists, a versioned change in its history.
    fn restore(&mut self, selected: Selected) {
        let Some(rec) = self.load_as_seen(selected) else {
            return;
        };
        let (kind, id) = (rec.kind, rec.id);
        if !rec.archived {
            return self.info(format!("#{id} {}", self.t("archive.not_archived")));
        }
        match kind.ops().restore(&mut self.store, id, rec.version) {
            Ok(_) => {
                self.after_change(kind, id);
                self.info(format!(
                    "{} #{id} {}",
                    self.t(kind.ops().label()),
                    self.t("record.restored")
                ));
            }
            Err(e) => self.refused(kind, id, &e),
        }
    }

    /// Write a pane's summary as CSV in `export_dir` under a new name (an earlier export is
    /// never overwritten) and say where.
    fn write_export(&mut self, what: &str, table: Result<Table, StoreError>) {
        let table = match table {
            Ok(t) => t,
            Err(e) => return self.error(e.text(self.lang)),
        };
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let path = self
            .export_dir
            .join(format!("disnaker-{what}-{}-{stamp}.csv", self.year));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| {
                crate::report::table::write(&table, crate::report::table::Format::Csv, &mut f)
            });
        match written {
            Ok(()) => self.info(format!("{} {}", self.t("cases.exported"), path.display())),
            Err(e) => self.error(format!("{}: {e}", path.display())),
        }
    }

    fn load(&mut self, kind: Kind, id: i64) -> Option<Loaded> {
        match kind.ops().load(&self.store, id) {
            Ok(r) => Some(r),
            Err(e) => {
                self.error(e.text(self.lang));
                None
            }
        }
    }

    /// The record as it is now, if it is still the version the officer acted on; else say who
    /// changed it and when, redraw the lists as they are now, and give nothing.
    fn load_as_seen(&mut self, selected: Selected) -> Option<Loaded> {
        let rec = self.load(selected.kind, selected.id)?;
        match selected.seen_version {
            Some(seen) if seen != rec.version => {
                // The lists and an open detail show the record as it is now.
                self.after_change(rec.kind, rec.id);
                self.error(self.conflict(rec.id, &rec.changed.0, &rec.changed.1));
                None
            }
            _ => Some(rec),
        }
    }

    fn open_edit_form(&mut self, kind: Kind, id: i64) {
        let Some(rec) = self.load(kind, id) else {
            return;
        };
        let ops = kind.ops();
        let title = format!("{} #{id}: {}", self.t(ops.label()), self.t("record.edit"));
        let mut form = Form::new(title, ops.fields(), &rec.values, Some((id, rec.version)));
        for k in ops.hidden_on_edit() {
            form.hidden.insert(
                k.to_string(),
                rec.values.get(*k).cloned().unwrap_or_default(),
            );
        }
        self.overlays.push(Overlay::Form(Box::new(RecordForm {
            kind,
            form,
            moving: None,
        })));
    }

    fn open_history(&mut self, kind: Kind, id: i64) {
        match kind.ops().history(&self.store, id) {
            Ok(entries) => self.overlays.push(Overlay::History {
                kind,
                id,
                entries,
                scroll: 0,
            }),
            Err(e) => self.error(e.text(self.lang)),
        }
    }

    fn ask_archive(&mut self, selected: Selected) {
        if let Some(rec) = self.load_as_seen(selected) {
            self.overlays.push(Overlay::Confirm {
                question: format!("#{} {}: {}", rec.id, rec.name, self.ask("record.archive_q")),
                pending: Pending::Archive {
                    kind: rec.kind,
                    id: rec.id,
                    version: rec.version,
                },
            });
        }
    }

    fn start_status_move(&mut self, selected: Selected) {
        if !selected.kind.ops().has_status() {
            return;
        }
        let Some(rec) = self.load_as_seen(selected) else {
            return;
        };
        let options = selected.kind.ops().next_statuses(&rec);
        match options.as_slice() {
            [] => self.info(self.t("record.no_next_status").to_string()),
            [only] => {
                let only = only.clone();
                self.move_status(&rec, &only)
            }
            _ => self.overlays.push(Overlay::StatusChoice {
                record: Box::new(rec),
                options,
                selected: 0,
            }),
        }
    }

    fn move_status(&mut self, rec: &Loaded, to: &str) {
        let (kind, id) = (rec.kind, rec.id);
        let ops = kind.ops();
        let (asks, note) = ops.move_asks(&self.store, rec, to, self.lang);
        if !asks.is_empty() {
            // The move needs more than the choice (a date, a reason): ask for just that.
            let title = format!(
                "{} #{id} → {}",
                self.t(ops.label()),
                ops.status_label(to, self.lang)
            );
            let start = ops.move_defaults(rec, to, self.today);
            let mut form = Form::new(title, asks, &start, Some((id, rec.version)));
            form.message = note;
            self.overlays.push(Overlay::Form(Box::new(RecordForm {
                kind,
                form,
                moving: Some((Box::new(rec.clone()), to.to_string())),
            })));
            return;
        }
        let outcome =
            ops.move_status_with(&mut self.store, rec, to, &Default::default(), self.today);
        match outcome {
            MoveOutcome::Moved(note) => self.moved(kind, id, to, note),
            MoveOutcome::Invalid(errors) => self.error(
                errors
                    .iter()
                    .map(|e| e.reason.text(self.lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            MoveOutcome::Failed(e) => self.refused(kind, id, &e),
        }
    }

    /// A write the store refused: say why, and show the record as it is now.
    fn refused(&mut self, kind: Kind, id: i64, e: &StoreError) {
        let msg = self.store_error(e);
        self.after_change(kind, id);
        self.error(msg);
    }

    /// After a status move: say so (with the note the move left, if any) and refresh.
    fn moved(&mut self, kind: Kind, id: i64, to: &str, note: Option<crate::i18n::Msg>) {
        let ops = kind.ops();
        let done = format!(
            "{} #{id}: {}",
            self.t(ops.label()),
            ops.status_label(to, self.lang)
        );
        self.after_change(kind, id);
        match note {
            Some(n) => {
                let n = n.text(self.lang);
                self.message = Some((format!("! {n} · {done}"), MessageKind::Warning));
            }
            None => self.info(done),
        }
    }

    /// Refresh what shows the record that just changed.
    fn after_change(&mut self, kind: Kind, id: i64) {
        self.invalidate_all();
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
        let fresh = kind.ops().load(&self.store, id).ok();
        for o in self.overlays.iter_mut() {
            if let Overlay::Detail { record, .. } = o {
                if record.kind == kind && record.id == id {
                    if let Some(f) = &fresh {
                        **record = f.clone();
                    }
                }
            }
        }
    }

    fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::Conflict { id, by, at, .. } => self.conflict(*id, by, at),
            other => other.text(self.lang),
        }
    }

    /// Nothing written: another officer changed record `id` (who, when) since it was shown.
    fn conflict(&self, id: i64, by: &str, at: &str) -> String {
        let at = crate::domain::date::display_iso(at);
        format!(
            "{} (#{id}: {by}, {at}). {}",
            self.t("form.conflict"),
            self.t("form.conflict_then")
        )
    }

    /// The list on screen that scrolls (e.g. the case list): the rows it was drawn in and
    /// the index of its first row now. `tui::frame` scrolls the terminal by the difference.
    pub fn scrolling_list(&self) -> Option<(Rect, i64)> {
        if !self.overlays.is_empty() {
            return None;
        }
        self.panes.get(self.pane)?.scrolling_rows()
    }
}
