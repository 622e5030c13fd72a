//! The application state and its update: keys become actions, actions change state and call
//! the store; `render` draws the state. No terminal here, so tests drive it with key events
//! and read the rendered buffer.

use super::cases::CasesPane;
use super::form::{Form, FormOutcome};
use super::keymap::{Action, Context, Keymap};
use super::lookup::LookupView;
use super::popup::{self, centered, text_box};
use super::theme::Theme;
use crate::domain::case::{CaseStatus, PmiCase, CASE_FIELDS};
use crate::domain::date::{iso, Date};
use crate::i18n::Lang;
use crate::store::{AuditEntry, CaseRecord, Store, StoreError};
use chrono::Datelike;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs};
use ratatui::Frame;
use std::collections::BTreeMap;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What a yes/no question does on "y".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Archive { id: i64, version: i64 },
    DiscardForm,
    Quit,
}

pub enum Overlay {
    Form(Box<Form>),
    Detail {
        record: Box<CaseRecord>,
        scroll: u16,
    },
    History {
        id: i64,
        entries: Vec<AuditEntry>,
        scroll: u16,
    },
    Help {
        scroll: u16,
    },
    Lookup(Box<LookupView>),
    Confirm {
        question: String,
        pending: Pending,
    },
    StatusChoice {
        id: i64,
        version: i64,
        options: Vec<CaseStatus>,
        selected: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
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
    pub overlays: Vec<Overlay>,
    pub message: Option<(String, MessageKind)>,
    pub quit: bool,
    /// Where `x` writes summaries: the directory the officer started the program in.
    pub export_dir: std::path::PathBuf,
    data_version: i64,
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
            overlays: Vec::new(),
            message: None,
            quit: false,
            export_dir: std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from(".")),
            data_version,
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

    /// Called when no key came for a while: pick up other officers' saves. Returns whether
    /// anything must be redrawn.
    pub fn poll_data_change(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                self.data_version = v;
                self.cases.invalidate();
                true
            }
            _ => false,
        }
    }

    /// True while a form holds typing that was not saved.
    pub fn has_unsaved_form(&self) -> bool {
        self.overlays
            .iter()
            .any(|o| matches!(o, Overlay::Form(f) if f.is_changed()))
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
        let Some(action) = self.keymap.action(Context::List, &key) else {
            return;
        };
        self.handle_action(action);
    }

    fn handle_action(&mut self, action: Action) {
        match action {
            Action::Quit => self.request_quit(),
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Lookup => self.open_lookup(),
            Action::NextPane => self.pane = self.pane % 6 + 1,
            Action::PrevPane => self.pane = (self.pane + 4) % 6 + 1,
            Action::Pane(n) if (1..=6).contains(&n) => self.pane = n,
            Action::PrevYear => {
                self.year -= 1;
                self.cases.invalidate();
            }
            Action::NextYear => {
                self.year += 1;
                self.cases.invalidate();
            }
            _ if self.pane == 1 => self.handle_cases_action(action),
            _ => {}
        }
    }

    fn handle_cases_action(&mut self, action: Action) {
        // Act on what the officer sees: read the window if a change left it stale.
        if let Err(e) = self.cases.refresh(&self.store, self.year, self.today) {
            self.error(e.to_string());
            return;
        }
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
            Action::New => self.open_new_form(),
            Action::Open => {
                if let Some(id) = self.cases.selected_row().map(|r| r.id) {
                    self.open_detail(id);
                }
            }
            Action::Edit => {
                if let Some(id) = self.cases.selected_row().map(|r| r.id) {
                    self.open_edit_form(id);
                }
            }
            Action::Status => {
                if let Some(id) = self.cases.selected_row().map(|r| r.id) {
                    self.start_status_move(id);
                }
            }
            Action::Archive => {
                if let Some(id) = self.cases.selected_row().map(|r| r.id) {
                    self.ask_archive(id);
                }
            }
            Action::History => {
                if let Some(id) = self.cases.selected_row().map(|r| r.id) {
                    self.open_history(id);
                }
            }
            Action::Export => {
                let table = crate::report::cases::case_summary(&self.store, self.year);
                self.write_export("kasus-pmi", table);
            }
            _ => {}
        }
    }

    /// Write a pane's summary as CSV in the current directory under a new name (an earlier
    /// export is never overwritten) and say where.
    fn write_export(&mut self, what: &str, table: Result<crate::report::table::Table, StoreError>) {
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
        self.cases.invalidate();
        true
    }

    fn open_lookup(&mut self) {
        self.overlays
            .push(Overlay::Lookup(Box::new(LookupView::new(self.year))));
    }

    fn open_new_form(&mut self) {
        let mut values = BTreeMap::new();
        values.insert("reported_on".to_string(), iso(self.today));
        let form = Form::new(
            self.t("cases.new_title").to_string(),
            CASE_FIELDS,
            &values,
            None,
        );
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn load_case(&mut self, id: i64) -> Option<CaseRecord> {
        match self.store.get_case(id) {
            Ok(r) => Some(r),
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    fn open_edit_form(&mut self, id: i64) {
        let Some(rec) = self.load_case(id) else {
            return;
        };
        let fields = rec.case.to_fields();
        let mut form = Form::new(
            format!("{} #{id}", self.t("cases.edit_title")),
            CASE_FIELDS,
            &fields,
            Some((id, rec.version)),
        );
        form.hidden.insert(
            "status".into(),
            fields.get("status").cloned().unwrap_or_default(),
        );
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn open_detail(&mut self, id: i64) {
        if let Some(rec) = self.load_case(id) {
            self.overlays.push(Overlay::Detail {
                record: Box::new(rec),
                scroll: 0,
            });
        }
    }

    fn open_history(&mut self, id: i64) {
        match self.store.case_history(id) {
            Ok(entries) => self.overlays.push(Overlay::History {
                id,
                entries,
                scroll: 0,
            }),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn ask_archive(&mut self, id: i64) {
        if let Some(rec) = self.load_case(id) {
            self.overlays.push(Overlay::Confirm {
                question: format!("#{id} {}: {}", rec.case.name, self.t("cases.archive_q")),
                pending: Pending::Archive {
                    id,
                    version: rec.version,
                },
            });
        }
    }

    fn start_status_move(&mut self, id: i64) {
        let Some(rec) = self.load_case(id) else {
            return;
        };
        let from = rec.case.status.unwrap_or(CaseStatus::Baru);
        let options = from.next();
        match options.as_slice() {
            [] => self.info(self.t("cases.closed_no_move").to_string()),
            [only] => self.move_status(id, rec.version, *only),
            _ => self.overlays.push(Overlay::StatusChoice {
                id,
                version: rec.version,
                options,
                selected: 0,
            }),
        }
    }

    fn move_status(&mut self, id: i64, version: i64, to: CaseStatus) {
        match self.store.move_case_status(id, version, to) {
            Ok(_) => {
                self.info(format!("{} #{id}: {to}", self.t("cases.moved")));
                self.after_change(id);
            }
            Err(e) => self.error(self.store_error(&e)),
        }
    }

    /// Refresh what shows the record that just changed.
    fn after_change(&mut self, id: i64) {
        self.cases.invalidate();
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
        let fresh = self.store.get_case(id).ok();
        for o in self.overlays.iter_mut() {
            if let Overlay::Detail { record, .. } = o {
                if record.id == id {
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
            Overlay::Form(form) => {
                let action = self.keymap.action(Context::Form, &key);
                match form.handle(action, key) {
                    FormOutcome::Stay => {}
                    FormOutcome::Save => self.save_form(),
                    FormOutcome::Cancel => {
                        if form.is_changed() {
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
                id,
                version,
                options,
                selected,
            } => match key.code {
                KeyCode::Up => *selected = selected.saturating_sub(1),
                KeyCode::Down => *selected = (*selected + 1).min(options.len() - 1),
                KeyCode::Char(c @ '1'..='9') if (c as usize - '1' as usize) < options.len() => {
                    let (id, version, to) = (*id, *version, options[c as usize - '1' as usize]);
                    self.overlays.pop();
                    self.move_status(id, version, to);
                }
                KeyCode::Enter => {
                    let (id, version, to) = (*id, *version, options[*selected]);
                    self.overlays.pop();
                    self.move_status(id, version, to);
                }
                KeyCode::Esc => {
                    self.overlays.pop();
                }
                _ => {}
            },
            Overlay::Help { scroll } => match key.code {
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
            Overlay::History { scroll, .. } => match key.code {
                KeyCode::Esc | KeyCode::Char('q') => {
                    self.overlays.pop();
                }
                KeyCode::Up => *scroll = scroll.saturating_sub(1),
                KeyCode::Down => *scroll = scroll.saturating_add(1),
                KeyCode::PageDown => *scroll = scroll.saturating_add(10),
                KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                _ => {}
            },
            Overlay::Detail { record, scroll } => {
                let id = record.id;
                if matches!(key.code, KeyCode::Esc | KeyCode::Char('q')) {
                    self.overlays.pop();
                    return;
                }
                match self.keymap.action(Context::List, &key) {
                    Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                    Some(Action::Down) => *scroll = scroll.saturating_add(1),
                    Some(Action::Edit) => self.open_edit_form(id),
                    Some(Action::Status) => self.start_status_move(id),
                    Some(Action::History) => self.open_history(id),
                    Some(Action::Archive) => self.ask_archive(id),
                    Some(Action::Help) => self.overlays.push(Overlay::Help { scroll: 0 }),
                    _ => {}
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
            Pending::Archive { id, version } => match self.store.archive_case(id, version) {
                Ok(_) => {
                    // The archived record leaves the list; close its detail view.
                    self.overlays.retain(
                        |o| !matches!(o, Overlay::Detail { record, .. } if record.id == id),
                    );
                    self.info(format!("{} #{id}", self.t("cases.archived")));
                    self.after_change(id);
                }
                Err(e) => self.error(self.store_error(&e)),
            },
        }
    }

    fn save_form(&mut self) {
        let today = self.today;
        let Some(Overlay::Form(form)) = self.overlays.last_mut() else {
            return;
        };
        form.message = None;
        let (case, checked) = PmiCase::from_fields(&form.values(), today);
        if !checked.errors.is_empty() {
            form.show_problems(checked.errors, checked.warnings);
            return;
        }
        if !checked.warnings.is_empty() && !form.warnings_seen {
            form.show_problems(Vec::new(), checked.warnings);
            return;
        }
        let Some(case) = case else { return };
        let result = match form.record {
            None => self.store.insert_case(&case),
            Some((id, version)) => self.store.update_case(id, version, &case).map(|_| id),
        };
        match result {
            Ok(id) => {
                self.overlays.pop();
                self.info(format!("{} #{id}", self.t("cases.saved")));
                self.after_change(id);
                if self.cases.filter.text.is_empty()
                    && !self
                        .overlays
                        .iter()
                        .any(|o| matches!(o, Overlay::Detail { .. }))
                {
                    // a new case is the newest: show it selected at the top
                    self.cases.list.reset();
                }
            }
            Err(e) => {
                let msg = self.store_error(&e);
                if let Some(Overlay::Form(form)) = self.overlays.last_mut() {
                    form.message = Some(msg);
                }
            }
        }
    }

    // ---------------------------------------------------------------- drawing

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

        if self.pane == 1 {
            if let Err(e) = self.cases.refresh(&self.store, self.year, self.today) {
                self.message = Some((e.to_string(), MessageKind::Error));
            }
            let (lang, theme, year, today) = (self.lang, self.theme, self.year, self.today);
            self.cases.render(frame, body, lang, &theme, year, today);
            // the page size may have changed with this draw
            if self.cases.list.stale {
                if let Err(e) = self.cases.refresh(&self.store, self.year, self.today) {
                    self.message = Some((e.to_string(), MessageKind::Error));
                }
                self.cases.render(frame, body, lang, &theme, year, today);
            }
        } else {
            let block = Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", self.t(&format!("pane.{}", self.pane))));
            frame.render_widget(
                Paragraph::new(self.t("pane.not_yet"))
                    .style(self.theme.dim())
                    .block(block),
                body,
            );
        }

        self.render_overlays(frame, body);
        self.render_footer(frame, footer);
        self.render_bar(frame, bar);
    }

    fn render_overlays(&mut self, frame: &mut Frame, body: Rect) {
        let (lang, theme) = (self.lang, self.theme);
        let n = self.overlays.len();
        for i in 0..n {
            match &mut self.overlays[i] {
                Overlay::Form(form) => form.render(frame, body, lang, &theme),
                Overlay::Detail { record, scroll } => {
                    let lines = popup::detail_lines(record, lang, &theme);
                    let title = format!(
                        "{} #{} — {}",
                        lang.t("cases.detail_title"),
                        record.id,
                        record.case.name
                    );
                    text_box(
                        frame,
                        body,
                        &title,
                        lines,
                        scroll,
                        lang.t("detail.hint"),
                        &theme,
                    );
                }
                Overlay::History {
                    id,
                    entries,
                    scroll,
                } => {
                    let lines = popup::history_lines(entries, lang, &theme);
                    let title = format!("{} #{id}", lang.t("cases.history_title"));
                    text_box(frame, body, &title, lines, scroll, "Esc", &theme);
                }
                Overlay::Lookup(view) => view.render(frame, body, lang, &theme),
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
                                .title(format!(" {} ", lang.t("cases.choose_status"))),
                        ),
                        area,
                    );
                }
            }
        }
    }

    fn render_footer(&self, frame: &mut Frame, area: Rect) {
        let line = match &self.message {
            Some((m, MessageKind::Error)) => Line::styled(m.clone(), self.theme.error()),
            Some((m, MessageKind::Info)) => Line::styled(m.clone(), self.theme.ok()),
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
                } else {
                    &[Action::Help, Action::Quit]
                };
                let mut spans = Vec::new();
                for a in actions {
                    let ctx = if matches!(a, Action::Help | Action::Quit) {
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
