//! The application state and its update: keys become actions, actions change state and call
//! the store; `render` draws the state. No terminal here, so tests drive it with key events
//! and read the rendered buffer.

use super::cases::CasesPane;
use super::disputes::DisputesPane;
use super::form::{Form, FormOutcome};
use super::iku::IkuPane;
use super::keymap::{Action, Context, KeySeq, Keymap, Resolved};
use super::lookup::LookupView;
use super::pane::{Pane, PaneCtx, PaneEffect};
use super::placements::PlacementsPane;
use super::popup::{self, centered, text_box};
use super::records::{Kind, Loaded, MoveOutcome, SaveOutcome};
use super::theme::Theme;
use super::transmigrants::TransmigrantsPane;
use crate::domain::date::Date;
use crate::i18n::Lang;
use crate::report::table::Table;
use crate::store::{AuditEntry, Store, StoreError};
use chrono::Datelike;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs};
use ratatui::Frame;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

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
    pub pane: u8,
    pub year: i32,
    pub today: Date,
    pub cases: CasesPane,
    pub placements: PlacementsPane,
    /// Panes 3 to 6.
    pub panes: Vec<Box<dyn Pane>>,
    pub overlays: Vec<Overlay>,
    pub message: Option<(String, MessageKind)>,
    pub quit: bool,
    /// Where `x` writes summaries: the directory the officer started the program in.
    pub export_dir: std::path::PathBuf,
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
            pane: 1,
            year: today.year(),
            today,
            cases: CasesPane::new(),
            placements: PlacementsPane::default(),
            panes: vec![
                Box::new(DisputesPane::new()),
                Box::new(super::trainings::TrainingsPane::new()),
                Box::new(TransmigrantsPane::default()),
                Box::new(IkuPane::default()),
            ],
            overlays: Vec::new(),
            message: None,
            quit: false,
            export_dir: std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from(".")),
            data_version,
            pending_keys: None,
        }
    }

    fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    fn info(&mut self, m: String) {
        self.message = Some((m, MessageKind::Info));
    }

    fn error(&mut self, m: String) {
        self.message = Some((m, MessageKind::Error));
    }

    /// Every pane must read the store again.
    fn invalidate_all(&mut self) {
        self.cases.invalidate();
        self.placements.invalidate();
        for p in self.panes.iter_mut() {
            p.invalidate();
        }
    }

    fn pane_ctx(&self) -> (Lang, Theme, i32, Date) {
        (self.lang, self.theme, self.year, self.today)
    }

    fn handle_extra_pane_action(&mut self, action: Action) {
        let (lang, theme, year, today) = self.pane_ctx();
        let ctx = PaneCtx {
            lang,
            theme: &theme,
            year,
            today,
        };
        let i = usize::from(self.pane) - 3;
        let Some(pane) = self.panes.get_mut(i) else {
            return;
        };
        if let Err(e) = pane.refresh(&self.store, &ctx) {
            return self.error(e.to_string());
        }
        let effect = pane.handle(action, &mut self.store, &ctx);
        self.apply_effect(effect);
    }

    fn apply_effect(&mut self, effect: PaneEffect) {
        match effect {
            PaneEffect::None => {}
            PaneEffect::Record(kind, id, action) => self.record_action(kind, id, action),
            PaneEffect::New {
                kind,
                values,
                hidden,
            } => {
                let ops = kind.ops();
                let title = format!("{} {}", self.t(ops.label()), self.t("record.new"));
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

    /// True while a form holds typing that was not saved.
    pub fn has_unsaved_form(&self) -> bool {
        self.overlays
            .iter()
            .any(|o| matches!(o, Overlay::Form(f) if f.form.is_changed()))
    }

    fn request_quit(&mut self) {
        if self.has_unsaved_form() {
            self.overlays.push(Overlay::Confirm {
                question: self.t("quit_q").to_string(),
                pending: Pending::Quit,
            });
        } else {
            self.quit = true;
        }
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
        if !self.overlays.is_empty() {
            self.handle_overlay_key(key);
            return;
        }
        if self.pane == 1 && self.cases.filter_editing && self.handle_filter_key(key) {
            return;
        }
        if self.pane >= 3 {
            let (lang, theme, year, today) = self.pane_ctx();
            let ctx = PaneCtx {
                lang,
                theme: &theme,
                year,
                today,
            };
            let i = usize::from(self.pane) - 3;
            if let Some(pane) = self.panes.get_mut(i) {
                if let Some(effect) = pane.handle_key(key, &mut self.store, &ctx) {
                    self.apply_effect(effect);
                    return;
                }
            }
        }
        let stack = [self.pane_context(), Context::List, Context::Global];
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

    /// The keymap table of the pane on screen.
    fn pane_context(&self) -> Context {
        match self.pane {
            1 => Context::CASES,
            2 => Context::PLACEMENTS,
            n => self
                .panes
                .get(usize::from(n) - 3)
                .map_or(Context::List, |p| p.context()),
        }
    }

    /// Tells the pane on screen that a key sequence began or was dropped.
    fn pane_sequence(&mut self, next: Option<&[Action]>) {
        let (lang, theme, year, today) = self.pane_ctx();
        let ctx = PaneCtx {
            lang,
            theme: &theme,
            year,
            today,
        };
        let Some(pane) = usize::from(self.pane)
            .checked_sub(3)
            .and_then(|i| self.panes.get_mut(i))
        else {
            return;
        };
        let effect = pane.sequence(next, &self.store, &ctx);
        self.apply_effect(effect);
    }

    fn handle_action(&mut self, action: Action) {
        match action {
            Action::Quit => self.request_quit(),
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Lookup => self.overlays.push(Overlay::Lookup(Box::new(LookupView::new(
                self.year, self.today,
            )))),
            Action::NextPane => self.pane = self.pane % 6 + 1,
            Action::PrevPane => self.pane = (self.pane + 4) % 6 + 1,
            Action::Pane(n) if (1..=6).contains(&n) => self.pane = n,
            Action::PrevYear => {
                self.year -= 1;
                self.year_changed();
            }
            Action::NextYear => {
                self.year += 1;
                self.year_changed();
            }
            _ if self.pane == 1 => self.handle_cases_action(action),
            _ if self.pane == 2 => self.handle_placements_action(action),
            _ => self.handle_extra_pane_action(action),
        }
    }

    fn year_changed(&mut self) {
        self.invalidate_all();
        if let Some(d) = &mut self.placements.drill {
            d.filter.year = self.year;
            d.list.reset();
        }
    }

    fn handle_cases_action(&mut self, action: Action) {
        // Act on what the officer sees: read the window if a change left it stale.
        if let Err(e) = self.cases.refresh(&self.store, self.year, self.today) {
            self.error(e.to_string());
            return;
        }
        let selected = self.cases.selected_row().map(|r| r.id);
        let list = &mut self.cases.list;
        let page = list.page.max(1);
        match action {
            Action::Up => list.move_by(-1),
            Action::Down => list.move_by(1),
            Action::PageUp => list.move_by(-page),
            Action::PageDown => list.move_by(page),
            Action::Home => list.select(0),
            Action::End => list.select(list.total - 1),
            Action::Filter => self.cases.filter_editing = true,
            Action::Cancel if !self.cases.filter.text.is_empty() => {
                self.cases.filter.text.clear();
                self.cases.list.reset();
            }
            Action::New => self.open_new_form(Kind::Case),
            Action::Export => {
                let table = crate::report::cases::case_summary(&self.store, self.year);
                self.write_export("kasus-pmi", table);
            }
            _ => {
                if let Some(id) = selected {
                    self.record_action(Kind::Case, id, action);
                }
            }
        }
    }

    fn handle_placements_action(&mut self, action: Action) {
        if let Err(e) = self.placements.refresh(&self.store, self.year) {
            self.error(e.to_string());
            return;
        }
        let p = &mut self.placements;
        if let Some(d) = &mut p.drill {
            let selected = d.list.selected_row().map(|r| r.id);
            let page = d.list.page.max(1);
            match action {
                Action::Up => d.list.move_by(-1),
                Action::Down => d.list.move_by(1),
                Action::PageUp => d.list.move_by(-page),
                Action::PageDown => d.list.move_by(page),
                Action::Home => d.list.select(0),
                Action::End => d.list.select(d.list.total - 1),
                Action::Cancel => p.drill = None,
                Action::New => self.open_new_form(Kind::Placement),
                _ => {
                    if let Some(id) = selected {
                        self.record_action(Kind::Placement, id, action);
                    }
                }
            }
            return;
        }
        match action {
            Action::Up => p.move_row(-1),
            Action::Down => p.move_row(1),
            Action::PageUp => p.move_row(-10),
            Action::PageDown => p.move_row(10),
            Action::Home => p.move_row(-1000),
            Action::End => p.move_row(1000),
            Action::Left => p.move_col(-1),
            Action::Right => p.move_col(1),
            Action::SwitchView => p.toggle_view(),
            Action::Open => p.drill_down(self.year, self.lang),
            Action::New => self.open_new_form(Kind::Placement),
            Action::Export => {
                let (what, table) = if p.by_country {
                    (
                        "negara",
                        crate::report::placements::countries_table(&self.store, self.year),
                    )
                } else {
                    (
                        "kecamatan",
                        crate::report::placements::kecamatan_table(&self.store, self.year),
                    )
                };
                self.write_export(what, table);
            }
            _ => {}
        }
    }

    /// The actions on one selected record, the same for every kind.
    fn record_action(&mut self, kind: Kind, id: i64, action: Action) {
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
            Action::Status => self.start_status_move(kind, id),
            Action::Archive => self.ask_archive(kind, id),
            Action::History => self.open_history(kind, id),
            _ => {}
        }
    }

    /// Write a pane's summary as CSV in `export_dir` under a new name (an earlier export is
    /// never overwritten) and say where.
    fn write_export(&mut self, what: &str, table: Result<Table, StoreError>) {
        let table = match table {
            Ok(t) => t,
            Err(e) => return self.error(e.to_string()),
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

    /// Keys while the filter line is being typed; false hands the key on (e.g. arrows).
    fn handle_filter_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.cases.filter.text.clear();
                self.cases.filter_editing = false;
            }
            KeyCode::Enter => self.cases.filter_editing = false,
            KeyCode::Backspace => {
                self.cases.filter.text.pop();
            }
            KeyCode::Char('u') if ctrl => self.cases.filter.text.clear(),
            KeyCode::Char(c) if !ctrl => {
                if self.cases.filter.text.chars().count() < 100 {
                    self.cases.filter.text.push(c);
                }
            }
            _ => return false,
        }
        self.cases.list.reset();
        true
    }

    fn open_new_form(&mut self, kind: Kind) {
        let ops = kind.ops();
        let title = format!("{} {}", self.t(ops.label()), self.t("record.new"));
        let form = Form::new(title, ops.fields(), &ops.defaults(self.today), None);
        self.overlays.push(Overlay::Form(Box::new(RecordForm {
            kind,
            form,
            moving: None,
        })));
    }

    fn load(&mut self, kind: Kind, id: i64) -> Option<Loaded> {
        match kind.ops().load(&self.store, id) {
            Ok(r) => Some(r),
            Err(e) => {
                self.error(e.to_string());
                None
            }
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
            Err(e) => self.error(e.to_string()),
        }
    }

    fn ask_archive(&mut self, kind: Kind, id: i64) {
        if let Some(rec) = self.load(kind, id) {
            self.overlays.push(Overlay::Confirm {
                question: format!("#{id} {}: {}", rec.name, self.t("record.archive_q")),
                pending: Pending::Archive {
                    kind,
                    id,
                    version: rec.version,
                },
            });
        }
    }

    fn start_status_move(&mut self, kind: Kind, id: i64) {
        if !kind.ops().has_status() {
            return;
        }
        let Some(rec) = self.load(kind, id) else {
            return;
        };
        let options = kind.ops().next_statuses(&rec);
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
        let asks = ops.move_fields(to);
        if !asks.is_empty() {
            // The move needs more than the choice (a date, a reason): ask for just that.
            let title = format!("{} #{id} → {to}", self.t(ops.label()));
            let start = ops.move_defaults(rec, to, self.today);
            let form = Form::new(title, asks, &start, Some((id, rec.version)));
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
                    .map(|e| e.reason.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            MoveOutcome::Failed(e) => self.error(self.store_error(&e)),
        }
    }

    /// After a status move: say so (with the note the move left, if any) and refresh.
    fn moved(&mut self, kind: Kind, id: i64, to: &str, note: Option<String>) {
        let done = format!("{} #{id}: {to}", self.t(kind.ops().label()));
        match note {
            // The note first: on a narrow screen the end of the line is what gets cut.
            Some(n) => self.message = Some((format!("! {n} · {done}"), MessageKind::Warning)),
            None => self.info(done),
        }
        self.after_change(kind, id);
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
            StoreError::Conflict { id, by, at, .. } => {
                format!("{} (#{id}: {by}, {at})", self.t("form.conflict"))
            }
            other => other.to_string(),
        }
    }

    fn handle_overlay_key(&mut self, key: KeyEvent) {
        let Some(top) = self.overlays.last_mut() else {
            return;
        };
        match top {
            Overlay::Form(rf) => {
                let action = self.keymap.action(Context::Form, &key);
                match rf.form.handle(action, key) {
                    FormOutcome::Stay => {}
                    FormOutcome::Save => self.save_form(),
                    FormOutcome::Cancel => {
                        if rf.form.is_changed() {
                            let q = self.t("form.discard_q").to_string();
                            self.overlays.push(Overlay::Confirm {
                                question: q,
                                pending: Pending::DiscardForm,
                            });
                        } else {
                            self.overlays.pop();
                        }
                    }
                }
            }
            Overlay::Confirm { pending, .. } => {
                let pending = pending.clone();
                match key.code {
                    KeyCode::Char('y') | KeyCode::Char('Y') => {
                        self.overlays.pop();
                        self.confirmed(pending);
                    }
                    KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
            }
            Overlay::StatusChoice {
                record,
                options,
                selected,
            } => {
                let chosen = match key.code {
                    KeyCode::Up => {
                        *selected = selected.saturating_sub(1);
                        None
                    }
                    KeyCode::Down => {
                        *selected = (*selected + 1).min(options.len() - 1);
                        None
                    }
                    KeyCode::Char(c @ '1'..='9') => options.get(c as usize - '1' as usize).cloned(),
                    KeyCode::Enter => options.get(*selected).cloned(),
                    KeyCode::Esc => {
                        self.overlays.pop();
                        return;
                    }
                    _ => None,
                };
                if let Some(to) = chosen {
                    let record = record.clone();
                    self.overlays.pop();
                    self.move_status(&record, &to);
                }
            }
            Overlay::Help { scroll }
            | Overlay::History { scroll, .. }
            | Overlay::Text { scroll, .. } => match key.code {
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') => {
                    self.overlays.pop();
                }
                KeyCode::Up => *scroll = scroll.saturating_sub(1),
                KeyCode::Down => *scroll = scroll.saturating_add(1),
                KeyCode::PageDown => *scroll = scroll.saturating_add(10),
                KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                _ => {}
            },
            Overlay::Lookup(view) => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match (key.code, self.keymap.action(Context::Global, &key)) {
                    (KeyCode::Esc, _) => {
                        self.overlays.pop();
                        return;
                    }
                    (_, Some(Action::PrevYear)) => view.year -= 1,
                    (_, Some(Action::NextYear)) => view.year += 1,
                    (KeyCode::Backspace, _) => {
                        view.input.pop();
                    }
                    (KeyCode::Char('u'), _) if ctrl => view.input.clear(),
                    (KeyCode::Up, _) => view.scroll = view.scroll.saturating_sub(1),
                    (KeyCode::Down, _) => view.scroll = view.scroll.saturating_add(1),
                    (KeyCode::Char(c), _) if !ctrl && view.input.chars().count() < 40 => {
                        view.input.push(c)
                    }
                    _ => return,
                }
                view.update(&self.store, self.lang);
            }
            Overlay::Detail { record, scroll } => {
                let (kind, id) = (record.kind, record.id);
                if matches!(key.code, KeyCode::Esc | KeyCode::Char('q')) {
                    self.overlays.pop();
                    return;
                }
                match self.keymap.action(Context::List, &key) {
                    Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                    Some(Action::Down) => *scroll = scroll.saturating_add(1),
                    Some(Action::Help) => self.overlays.push(Overlay::Help { scroll: 0 }),
                    Some(a) => self.record_action(kind, id, a),
                    None => {}
                }
            }
        }
    }

    fn confirmed(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => self.quit = true,
            Pending::DiscardForm => {
                if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
                    self.overlays.pop();
                }
            }
            Pending::Archive { kind, id, version } => {
                match kind.ops().archive(&mut self.store, id, version) {
                    Ok(_) => {
                        // The archived record leaves the lists; close its detail view.
                        self.overlays.retain(|o| {
                            !matches!(o, Overlay::Detail { record, .. } if record.kind == kind && record.id == id)
                        });
                        self.info(format!(
                            "{} #{id} {}",
                            self.t(kind.ops().label()),
                            self.t("record.archived")
                        ));
                        self.after_change(kind, id);
                    }
                    Err(e) => self.error(self.store_error(&e)),
                }
            }
        }
    }

    fn save_form(&mut self) {
        let today = self.today;
        let Some(Overlay::Form(rf)) = self.overlays.last_mut() else {
            return;
        };
        rf.form.message = None;
        let kind = rf.kind;
        if let Some((rec, to)) = rf.moving.clone() {
            let values = rf.form.values();
            match kind
                .ops()
                .move_status_with(&mut self.store, &rec, &to, &values, today)
            {
                MoveOutcome::Moved(note) => {
                    self.overlays.pop();
                    self.moved(kind, rec.id, &to, note);
                }
                MoveOutcome::Invalid(errors) => rf.form.show_problems(errors, Vec::new()),
                MoveOutcome::Failed(e) => {
                    let msg = self.store_error(&e);
                    if let Some(Overlay::Form(rf)) = self.overlays.last_mut() {
                        rf.form.message = Some(msg);
                    }
                }
            }
            return;
        }
        let outcome = kind.ops().save(
            &mut self.store,
            rf.form.record,
            &rf.form.values(),
            today,
            rf.form.warnings_seen,
        );
        match outcome {
            SaveOutcome::Invalid { errors, warnings } => rf.form.show_problems(errors, warnings),
            SaveOutcome::Failed(e) => {
                let msg = self.store_error(&e);
                if let Some(Overlay::Form(rf)) = self.overlays.last_mut() {
                    rf.form.message = Some(msg);
                }
            }
            SaveOutcome::Saved(id) => {
                let was_new = rf.form.record.is_none();
                self.overlays.pop();
                self.info(format!(
                    "{} {} #{id}",
                    self.t(kind.ops().label()),
                    self.t("record.saved")
                ));
                self.after_change(kind, id);
                if was_new && kind == Kind::Case && self.cases.filter.text.is_empty() {
                    // a new case is the newest: show it selected at the top
                    self.cases.list.reset();
                }
            }
        }
    }

    // ---------------------------------------------------------------- drawing

    /// The list on screen that scrolls (the case list): the rows it was drawn in and the
    /// index of its first row now. `tui::frame` scrolls the terminal by the difference.
    pub fn scrolling_list(&self) -> Option<(Rect, i64)> {
        let area = self.cases.rows_area;
        (self.pane == 1 && self.overlays.is_empty() && !area.is_empty())
            .then_some((area, self.cases.list.offset))
    }

    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!("{} {}×{}", self.t("too_small"), area.width, area.height);
            frame.render_widget(
                Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
                area,
            );
            return;
        }
        let tabs_area = Rect::new(area.x, area.y, area.width, 1);
        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
        let footer = Rect::new(area.x, area.bottom() - 2, area.width, 1);
        let bar = Rect::new(area.x, area.bottom() - 1, area.width, 1);

        let titles: Vec<Line> = (1..=6)
            .map(|i| Line::raw(format!("{i} {}", self.t(&format!("pane.{i}")))))
            .collect();
        frame.render_widget(
            Tabs::new(titles)
                .select(usize::from(self.pane - 1))
                .highlight_style(self.theme.tab_active())
                .divider(" ")
                .padding(" ", ""),
            tabs_area,
        );

        let (lang, theme, year, today) = (self.lang, self.theme, self.year, self.today);
        match self.pane {
            1 => {
                // Draw twice when the first draw learnt a new page size.
                for pass in 0..2 {
                    if pass > 0 {
                        // The first draw's rows (read for the old page) must not show
                        // through where the second draws nothing (a shorter name or word).
                        frame.render_widget(Clear, body);
                    }
                    if let Err(e) = self.cases.refresh(&self.store, year, today) {
                        self.message = Some((e.to_string(), MessageKind::Error));
                    }
                    self.cases.render(frame, body, lang, &theme, year, today);
                    if !self.cases.list.stale {
                        break;
                    }
                }
            }
            2 => {
                for pass in 0..2 {
                    if pass > 0 {
                        frame.render_widget(Clear, body); // as for pane 1
                    }
                    if let Err(e) = self.placements.refresh(&self.store, year) {
                        self.message = Some((e.to_string(), MessageKind::Error));
                    }
                    self.placements.render(frame, body, lang, &theme, year);
                    if !self.placements.drill.as_ref().is_some_and(|d| d.list.stale) {
                        break;
                    }
                }
            }
            _ => {
                let ctx = PaneCtx {
                    lang,
                    theme: &theme,
                    year,
                    today,
                };
                let store = &self.store;
                let mut error = None;
                if let Some(pane) = self.panes.get_mut(usize::from(self.pane) - 3) {
                    for pass in 0..2 {
                        if pass > 0 {
                            frame.render_widget(Clear, body); // as for pane 1
                        }
                        if let Err(e) = pane.refresh(store, &ctx) {
                            error = Some(e.to_string());
                        }
                        pane.render(frame, body, &ctx);
                        if !pane.needs_refresh() {
                            break;
                        }
                    }
                }
                if let Some(e) = error {
                    self.message = Some((e, MessageKind::Error));
                }
            }
        }

        self.render_overlays(frame, body);
        self.render_footer(frame, footer);
        self.render_bar(frame, bar);
    }

    fn render_overlays(&mut self, frame: &mut Frame, body: Rect) {
        let (lang, theme) = (self.lang, self.theme);
        for i in 0..self.overlays.len() {
            match &mut self.overlays[i] {
                Overlay::Form(rf) => rf.form.render(frame, body, lang, &theme),
                Overlay::Detail { record, scroll } => {
                    // Worked out at each draw: deadlines depend on the day, not on the record.
                    let ops = record.kind.ops();
                    let extra = ops.detail_extra(&self.store, record, self.today, lang);
                    let lines = popup::detail_lines(record, &extra, lang, &theme);
                    let title = format!(
                        "{} #{} — {}",
                        lang.t(record.kind.ops().label()),
                        record.id,
                        record.name
                    );
                    let hint = if record.kind.ops().has_status() {
                        lang.t("detail.hint")
                    } else {
                        lang.t("detail.hint_no_status")
                    };
                    text_box(frame, body, &title, lines, scroll, hint, &theme);
                }
                Overlay::History {
                    kind,
                    id,
                    entries,
                    scroll,
                } => {
                    let lines = popup::history_lines(entries, lang, &theme);
                    let title = format!(
                        "{} {} #{id}",
                        lang.t("history.title"),
                        lang.t(kind.ops().label())
                    );
                    text_box(frame, body, &title, lines, scroll, "Esc", &theme);
                }
                Overlay::Lookup(view) => view.render(frame, body, lang, &theme),
                Overlay::Text {
                    title,
                    lines,
                    scroll,
                } => {
                    let lines = lines.iter().map(|l| Line::raw(l.clone())).collect();
                    text_box(frame, body, title, lines, scroll, "Esc", &theme);
                }
                Overlay::Help { scroll } => {
                    let lines = popup::help_lines(&self.keymap, lang, &theme);
                    text_box(
                        frame,
                        body,
                        lang.t("help.title"),
                        lines,
                        scroll,
                        lang.t("help.close"),
                        &theme,
                    );
                }
                Overlay::Confirm { question, .. } => {
                    let area = centered(body, 70, 5);
                    frame.render_widget(Clear, area);
                    frame.render_widget(
                        Paragraph::new(question.clone())
                            .wrap(ratatui::widgets::Wrap { trim: true })
                            .block(Block::default().borders(Borders::ALL)),
                        area,
                    );
                }
                Overlay::StatusChoice {
                    options, selected, ..
                } => {
                    let area = centered(body, 40, options.len() as u16 + 2);
                    frame.render_widget(Clear, area);
                    let lines: Vec<Line> = options
                        .iter()
                        .enumerate()
                        .map(|(j, o)| {
                            let l = format!("{} {o}", j + 1);
                            if j == *selected {
                                Line::styled(l, theme.selected())
                            } else {
                                Line::raw(l)
                            }
                        })
                        .collect();
                    frame.render_widget(
                        Paragraph::new(lines).block(
                            Block::default()
                                .borders(Borders::ALL)
                                .title(format!(" {} ", lang.t("record.choose_status"))),
                        ),
                        area,
                    );
                }
            }
        }
    }

    fn render_footer(&self, frame: &mut Frame, area: Rect) {
        let extra: Vec<Action>;
        let line = match &self.message {
            Some((m, MessageKind::Error)) => Line::styled(m.clone(), self.theme.error()),
            Some((m, MessageKind::Info)) => Line::styled(m.clone(), self.theme.ok()),
            Some((m, MessageKind::Warning)) => Line::styled(m.clone(), self.theme.warning()),
            None => {
                let actions: &[Action] = if !self.overlays.is_empty() {
                    &[]
                } else if self.pane == 1 {
                    &[
                        Action::New,
                        Action::Open,
                        Action::Status,
                        Action::Filter,
                        Action::History,
                        Action::Export,
                        Action::Help,
                        Action::Quit,
                    ]
                } else if self.pane == 2 && self.placements.drill.is_none() {
                    &[
                        Action::Open,
                        Action::SwitchView,
                        Action::New,
                        Action::Export,
                        Action::Help,
                        Action::Quit,
                    ]
                } else if self.pane == 2 {
                    &[
                        Action::Open,
                        Action::Edit,
                        Action::History,
                        Action::Cancel,
                        Action::Help,
                    ]
                } else {
                    extra = self
                        .panes
                        .get(usize::from(self.pane) - 3)
                        .map(|p| p.footer())
                        .unwrap_or_default();
                    &extra
                };
                let mut spans = Vec::new();
                for a in actions {
                    let ctx = if matches!(a, Action::Help | Action::Quit | Action::Lookup) {
                        Context::Global
                    } else {
                        Context::List
                    };
                    if let Some(k) = self.keymap.key_for(ctx, *a) {
                        spans.push(Span::styled(k, self.theme.header()));
                        spans.push(Span::raw(format!(
                            " {}  ",
                            self.t(&format!("action.{}", a.name()))
                        )));
                    }
                }
                Line::from(spans)
            }
        };
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_bar(&self, frame: &mut Frame, area: Rect) {
        let text = format!(
            " {}: {} │ {}: {} │ {}: {}",
            self.t("bar.officer"),
            self.store.officer(),
            self.t("bar.store"),
            self.store_label,
            self.t("bar.year"),
            self.year,
        );
        let width = area.width as usize;
        let text: String = if text.chars().count() > width {
            text.chars().take(width).collect()
        } else {
            format!("{text:<width$}")
        };
        frame.render_widget(Paragraph::new(text).style(self.theme.bar()), area);
    }
}
