//! A record form: one line per field, typed values, completion for kecamatan and country,
//! choices cycled with Left/Right or narrowed by typing, validation shown beside the field.

use super::help;
use super::keymap::{Action, Context, Keymap};
use super::theme::Theme;
use crate::domain::case::{FieldDef, FieldKind};
use crate::domain::date::{display, display_iso, input_to_iso, parse_date};
use crate::domain::{country, FieldError, Kecamatan};
use crate::i18n::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use std::collections::BTreeMap;

const LABEL_WIDTH: u16 = 24;

#[derive(Debug, Clone)]
pub struct FormField {
    pub key: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub value: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// The key changed the form (or nothing): stay.
    Stay,
    Save,
    Cancel,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    initial: Vec<String>,
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
    /// The officer has seen the warnings; the next save goes through.
    pub warnings_seen: bool,
    pub message: Option<String>,
    /// (id, version) of the record being edited; None for a new one.
    pub record: Option<(i64, i64)>,
    /// Values the form does not show but the record keeps (e.g. the status of an edited case).
    pub hidden: BTreeMap<String, String>,
    scroll: usize,
    /// The focus has just come to its field: in a date field the first letter typed replaces
    /// the date shown (today, or the stored one) instead of being added to it.
    fresh: bool,
}

/// A stored value as the form shows it: dates as every screen writes them (`04-12-2026`).
fn shown_value(kind: FieldKind, stored: &str) -> String {
    match kind {
        FieldKind::Date => display_iso(stored),
        _ => stored.to_string(),
    }
}

/// What the officer typed as the records take it: a date typed `04-12-2026`, `04/12/2026`
/// or ISO becomes ISO (stored values, CSV and JSON stay ISO); the rest trimmed.
fn stored_value(kind: FieldKind, typed: &str) -> String {
    match kind {
        FieldKind::Date => input_to_iso(typed.trim()),
        _ => typed.trim().to_string(),
    }
}

fn choice_options(kind: FieldKind) -> Option<Vec<String>> {
    match kind {
        FieldKind::Choice(opts) => Some(opts.iter().map(|s| s.to_string()).collect()),
        FieldKind::Bool => Some(vec!["".into(), "ya".into(), "tidak".into()]),
        _ => None,
    }
}

impl Form {
    pub fn new(
        title: String,
        defs: &[FieldDef],
        values: &BTreeMap<String, String>,
        record: Option<(i64, i64)>,
    ) -> Form {
        let fields: Vec<FormField> = defs
            .iter()
            .map(|d| {
                let value = shown_value(d.kind, values.get(d.key).map_or("", |v| v.as_str()));
                FormField {
                    key: d.key,
                    kind: d.kind,
                    required: d.required,
                    cursor: value.chars().count(),
                    value,
                }
            })
            .collect();
        let initial = fields
            .iter()
            .map(|f| stored_value(f.kind, &f.value))
            .collect();
        Form {
            title,
            fields,
            focus: 0,
            initial,
            errors: Vec::new(),
            warnings: Vec::new(),
            warnings_seen: false,
            message: None,
            record,
            hidden: BTreeMap::new(),
            scroll: 0,
            fresh: true,
        }
    }

    pub fn values(&self) -> BTreeMap<String, String> {
        let mut v = self.hidden.clone();
        v.extend(
            self.fields
                .iter()
                .map(|f| (f.key.to_string(), stored_value(f.kind, &f.value))),
        );
        v
    }

    pub fn is_changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, i)| stored_value(f.kind, &f.value) != *i)
    }

    /// After a failed validation: remember the problems and put the cursor on the first.
    pub fn show_problems(&mut self, mut errors: Vec<FieldError>, warnings: Vec<FieldError>) {
        let order = |e: &FieldError| self.fields.iter().position(|f| f.key == e.field);
        errors.sort_by_key(|e| order(e));
        if let Some(first) = errors.first().or(warnings.first()) {
            if let Some(i) = self.fields.iter().position(|f| f.key == first.field) {
                self.focus = i;
            }
        }
        self.warnings_seen = errors.is_empty() && !warnings.is_empty();
        self.errors = errors;
        self.warnings = warnings;
    }

    /// Keep only the errors `now` still finds (a field's, with its reason now); add none.
    pub fn keep_errors_still_found(&mut self, now: &[FieldError]) {
        self.errors = self
            .errors
            .iter()
            .filter_map(|e| now.iter().find(|n| n.field == e.field).cloned())
            .collect();
    }

    pub fn focused(&self) -> &FormField {
        &self.fields[self.focus]
    }

    /// `handle_in` with the choices matched by their codes alone.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent) -> FormOutcome {
        self.handle_in(action, key, None)
    }

    /// A key in the form; letters typed into a choice match its options' words in `lang`
    /// (`Lo` → Loket AK/1) as well as their codes.
    pub fn handle_in(
        &mut self,
        action: Option<Action>,
        key: KeyEvent,
        lang: Option<Lang>,
    ) -> FormOutcome {
        match action {
            Some(Action::Save) => return FormOutcome::Save,
            Some(Action::Cancel) => return FormOutcome::Cancel,
            Some(Action::NextField) => {
                self.leave_field();
                self.focus = (self.focus + 1) % self.fields.len();
                self.fresh = true;
                return FormOutcome::Stay;
            }
            Some(Action::PrevField) => {
                self.leave_field();
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
                self.fresh = true;
                return FormOutcome::Stay;
            }
            Some(Action::ChoiceNext) => {
                self.cycle(1);
                return FormOutcome::Stay;
            }
            Some(Action::ChoicePrev) => {
                self.cycle(-1);
                return FormOutcome::Stay;
            }
            _ => {}
        }
        self.edit(key, lang);
        FormOutcome::Stay
    }

    /// Typing, deleting and moving inside the focused field.
    fn edit(&mut self, key: KeyEvent, lang: Option<Lang>) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let fresh = std::mem::take(&mut self.fresh);
        let field = &mut self.fields[self.focus];
        if let Some(opts) = choice_options(field.kind) {
            // A choice: letters typed one after another narrow to the option they begin
            // ("pk" → pkb); a letter that begins no such option picks the next option
            // starting with it. The cursor (not drawn in a choice) counts the letters typed.
            if let KeyCode::Char(c) = key.code {
                if ctrl {
                    return;
                }
                let c = c.to_lowercase().to_string();
                // what the officer may type for an option: its words, or its code
                let (kind, key, cur) = (field.kind, field.key, field.cursor);
                let word = |o: &str| {
                    lang.and_then(|l| super::records::choice_label(l, kind, key, o))
                        .map(str::to_lowercase)
                };
                let typed = |s: String| -> String { s.chars().take(cur).collect() };
                let by_word = word(&field.value).map(|w| typed(w) + &c);
                let by_code = typed(field.value.to_lowercase()) + &c;
                let narrows = |o: &String| {
                    by_word
                        .as_ref()
                        .is_some_and(|t| word(o).is_some_and(|w| w.starts_with(t.as_str())))
                        || o.to_lowercase().starts_with(&by_code)
                };
                let begins = |o: &String, with: &str| {
                    word(o).is_some_and(|w| w.starts_with(with))
                        || o.to_lowercase().starts_with(with)
                };
                if let Some(o) = opts.iter().find(|o| cur > 0 && narrows(o)) {
                    field.value = o.clone();
                    field.cursor = cur + 1;
                } else {
                    let start = opts.iter().position(|o| *o == field.value).unwrap_or(0);
                    let n = opts.len();
                    if let Some(i) = (1..=n)
                        .map(|k| (start + k) % n)
                        .find(|&i| begins(&opts[i], &c))
                    {
                        field.value = opts[i].clone();
                        field.cursor = 1;
                    }
                }
            } else if matches!(key.code, KeyCode::Backspace | KeyCode::Delete) && !field.required {
                field.value.clear();
                field.cursor = 0;
            }
            self.errors
                .retain(|e| e.field != self.fields[self.focus].key);
            return;
        }
        let mut chars: Vec<char> = field.value.chars().collect();
        if fresh && field.kind == FieldKind::Date && matches!(key.code, KeyCode::Char(_)) && !ctrl {
            // a new date typed over the one shown (Backspace or End first keeps it to edit)
            chars.clear();
            field.cursor = 0;
        }
        let cur = field.cursor.min(chars.len());
        match key.code {
            KeyCode::Char('u') if ctrl => {
                chars.clear();
                field.cursor = 0;
            }
            KeyCode::Char(_) if ctrl => return,
            KeyCode::Char(c) => {
                if chars.len() < 2000 {
                    chars.insert(cur, c);
                    field.cursor = cur + 1;
                }
            }
            KeyCode::Backspace if cur > 0 => {
                chars.remove(cur - 1);
                field.cursor = cur - 1;
            }
            KeyCode::Delete if cur < chars.len() => {
                chars.remove(cur);
            }
            KeyCode::Home => field.cursor = 0,
            KeyCode::End => field.cursor = chars.len(),
            _ => return,
        }
        field.value = chars.into_iter().collect();
        let key = field.key;
        self.errors.retain(|e| e.field != key);
        self.warnings.retain(|e| e.field != key);
        self.warnings_seen = false;
    }

    /// Left/Right: cycle a choice, walk the completions of kecamatan and country, or move
    /// the cursor in a text field.
    fn cycle(&mut self, step: i64) {
        let field = &mut self.fields[self.focus];
        let options: Option<Vec<String>> = match field.kind {
            FieldKind::Kecamatan => Some(completion_ring(
                &field.value,
                Kecamatan::all()
                    .iter()
                    .map(|k| k.name().to_string())
                    .collect(),
            )),
            FieldKind::Country => Some(completion_ring(
                &field.value,
                country::known().iter().map(|s| s.to_string()).collect(),
            )),
            k => choice_options(k),
        };
        match options {
            Some(opts) if !opts.is_empty() => {
                let n = opts.len() as i64;
                let next = match opts
                    .iter()
                    .position(|o| o.eq_ignore_ascii_case(&field.value))
                {
                    Some(i) => (i as i64 + step).rem_euclid(n) as usize,
                    None if step > 0 => 0,
                    None => (n - 1) as usize,
                };
                field.value = opts[next].clone();
                field.cursor = field.value.chars().count();
                let key = field.key;
                self.errors.retain(|e| e.field != key);
            }
            Some(_) => {}
            None => {
                let len = field.value.chars().count() as i64;
                field.cursor = (field.cursor as i64 + step).clamp(0, len) as usize;
            }
        }
    }

    /// Complete a prefix that names exactly one kecamatan (or a listed country) on leaving.
    fn leave_field(&mut self) {
        let field = &mut self.fields[self.focus];
        let v = field.value.trim();
        if v.is_empty() {
            return;
        }
        let done = match field.kind {
            FieldKind::Kecamatan => match Kecamatan::completions(v).as_slice() {
                [one] => Some(one.name().to_string()),
                _ => Kecamatan::parse(v).ok().map(|k| k.name().to_string()),
            },
            FieldKind::Country => match country::completions(v).as_slice() {
                [one] => Some(one.to_string()),
                _ => Some(country::normalise(v)),
            },
            // `4/12/2026` or ISO typed: shown as every date is (`04-12-2026`).
            FieldKind::Date => parse_date(v).ok().map(display),
            _ => None,
        };
        if let Some(d) = done {
            field.value = d;
            field.cursor = field.value.chars().count();
        }
    }

    /// Candidates for the focused field, shown under the form.
    fn candidates(&self) -> Vec<String> {
        let f = self.focused();
        match f.kind {
            FieldKind::Kecamatan => Kecamatan::completions(&f.value)
                .iter()
                .map(|k| k.name().to_string())
                .collect(),
            FieldKind::Country if !f.value.is_empty() => country::completions(&f.value)
                .iter()
                .map(|s| s.to_string())
                .collect(),
            FieldKind::Choice(opts) => opts
                .iter()
                .filter(|o| !o.is_empty())
                .map(|s| s.to_string())
                .collect(),
            FieldKind::Bool => vec!["ya".into(), "tidak".into()],
            _ => Vec::new(),
        }
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        lang: Lang,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        frame.render_widget(Clear, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", self.title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 4 {
            return;
        }
        let rows = (inner.height - 3) as usize;
        if self.focus < self.scroll {
            self.scroll = self.focus;
        } else if self.focus >= self.scroll + rows {
            self.scroll = self.focus + 1 - rows;
        }
        let value_width = inner.width.saturating_sub(LABEL_WIDTH + 1) as usize;
        let mut lines = Vec::new();
        for (i, f) in self.fields.iter().enumerate().skip(self.scroll).take(rows) {
            let has_error = self.errors.iter().any(|e| e.field == f.key);
            let has_warning = self.warnings.iter().any(|e| e.field == f.key);
            // The cursor's field is always marked `>`: after a refused save the officer still
            // sees where typing goes (its problem is on the line under the fields).
            let marker = if i == self.focus {
                ">"
            } else if has_error {
                "!"
            } else if has_warning {
                "?"
            } else {
                " "
            };
            let label = format!(
                "{marker}{}{}",
                lang.t(&format!("field.{}", f.key)),
                if f.required { " *" } else { "" }
            );
            let base = if has_error {
                theme.error()
            } else if has_warning {
                theme.warning()
            } else {
                ratatui::style::Style::default()
            };
            let label_style = if i == self.focus {
                base.patch(theme.focus_label())
            } else {
                base
            };
            // A long value shows where the cursor is while typed, and its beginning otherwise.
            let cursor = if i == self.focus { f.cursor } else { 0 };
            let shown = visible_tail(&f.value, cursor, value_width);
            let mut value = shown.0;
            if let Some(label) = super::records::choice_label(lang, f.kind, f.key, &f.value) {
                value = format!("{label} ({value})");
            }
            if (choice_options(f.kind).is_some() || matches!(f.kind, FieldKind::Kecamatan))
                && i == self.focus
            {
                value = format!("‹ {value} ›");
            }
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "{:<w$}",
                        truncate(&label, LABEL_WIDTH as usize),
                        w = LABEL_WIDTH as usize
                    ),
                    label_style,
                ),
                Span::raw(" "),
                Span::styled(
                    value,
                    if i == self.focus {
                        theme.header()
                    } else {
                        ratatui::style::Style::default()
                    },
                ),
            ]));
            if i == self.focus && choice_options(f.kind).is_none() {
                let x = inner.x + LABEL_WIDTH + 1 + shown.1 as u16;
                let y = inner.y + (i - self.scroll) as u16;
                frame.set_cursor_position(Position::new(x.min(inner.right() - 1), y));
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);

        // The line under the fields: the focused field's problem, or its choices.
        let focused = self.focused().key;
        let status = if let Some(e) = self.errors.iter().find(|e| e.field == focused) {
            Line::styled(format!("! {}", on_screen(&e.reason, lang)), theme.error())
        } else if let Some(w) = self.warnings.iter().find(|e| e.field == focused) {
            let mut s = format!("? {}", on_screen(&w.reason, lang));
            if self.warnings_seen {
                s.push_str(". ");
                s.push_str(&help::with_keys(
                    lang.t("form.warning_confirm"),
                    keymap,
                    &[Context::Form],
                    lang,
                ));
            }
            Line::styled(s, theme.warning())
        } else if let Some(m) = &self.message {
            // a refusal from the store names its dates as the screen writes them
            Line::styled(crate::domain::date::display_dates_in(m), theme.error())
        } else if let Some(e) = self
            .errors
            .iter()
            .find(|e| !self.fields.iter().any(|f| f.key == e.field))
        {
            // a rule about a field this form does not show (a placed registration's
            // placement date): the whole reason, there is no field to point at
            Line::styled(format!("! {}", on_screen(&e.msg(), lang)), theme.error())
        } else if !self.errors.is_empty() {
            Line::styled(
                format!(
                    "! {}: {}",
                    lang.t("form.errors"),
                    self.errors
                        .iter()
                        .map(|e| lang.t(&format!("field.{}", e.field)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                theme.error(),
            )
        } else {
            let c = self.candidates();
            let hint = FIELD_HINTS.iter().find(|(k, _)| *k == focused);
            if c.is_empty() && self.focused().kind == FieldKind::Date {
                Line::styled(lang.t("form.date_hint"), theme.dim())
            } else if let (true, Some((_, hint))) = (c.is_empty(), hint) {
                Line::styled(lang.t(hint), theme.dim())
            } else if c.is_empty() {
                Line::raw("")
            } else {
                // a choice in the officer's words where the catalog has them (Bursa kerja)
                let f = self.focused();
                let words: Vec<String> = c
                    .iter()
                    .map(|v| {
                        super::records::choice_label(lang, f.kind, f.key, v)
                            .map_or_else(|| v.to_string(), str::to_string)
                    })
                    .collect();
                Line::styled(
                    format!("{}: {}", lang.t("form.candidates"), words.join(", ")),
                    theme.dim(),
                )
            }
        };
        // The problem takes every free line above the hint and wraps there: a long message
        // from the store (a duplicate registration, a conflict) is read whole on short forms.
        let hint_y = inner.y + inner.height - 1;
        let shown = self.fields.len().saturating_sub(self.scroll).min(rows) as u16;
        let y = (inner.y + shown + 1).min(hint_y - 1);
        frame.render_widget(
            Paragraph::new(status).wrap(ratatui::widgets::Wrap { trim: true }),
            Rect::new(inner.x, y, inner.width, hint_y - y),
        );
        frame.render_widget(
            Paragraph::new(Line::styled(form_keys(keymap, lang), theme.dim())),
            Rect::new(inner.x, hint_y, inner.width, 1),
        );
    }
}

/// What the line under the fields says about a free-text field (its catalog key).
const FIELD_HINTS: &[(&str, &str)] = &[
    // the sources as the LKjIP names them, and how they relate to the APBD
    ("funding_source", "trainings.funding_hint"),
];

/// The form's keys, from the active keymap: the line under every form.
/// The words are short ("berikutnya", not "isian berikutnya"): the whole line fits an 80-column form.
/// A field's problem as the screen shows it: in the officer's language, dates `DD-MM-YYYY`.
fn on_screen(reason: &crate::i18n::Msg, lang: Lang) -> String {
    crate::domain::date::display_dates_in(&reason.text(lang))
}

fn form_keys(keymap: &Keymap, lang: Lang) -> String {
    let keys = [
        (Action::NextField, "form.key.next"),
        (Action::PrevField, "form.key.prev"),
        (Action::ChoiceNext, "form.key.choice"),
        (Action::Save, "action.save"),
        (Action::Cancel, "action.cancel"),
    ];
    keys.iter()
        .filter_map(|(a, word)| {
            let key = keymap.label(&[Context::Form], *a)?;
            Some(format!("{key} {}", lang.t(word)))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// Cycle options for a completing field: the names starting with what was typed, or all.
fn completion_ring(typed: &str, all: Vec<String>) -> Vec<String> {
    let t = typed.trim().to_lowercase();
    if t.is_empty() || all.iter().any(|a| a.to_lowercase() == t) {
        return all;
    }
    let hits: Vec<String> = all
        .iter()
        .filter(|a| a.to_lowercase().starts_with(&t))
        .cloned()
        .collect();
    if hits.is_empty() {
        all
    } else {
        hits
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The part of a long value that keeps the cursor in view, and the cursor's column in it.
fn visible_tail(value: &str, cursor: usize, width: usize) -> (String, usize) {
    let chars: Vec<char> = value.chars().collect();
    let width = width.max(1);
    let cursor = cursor.min(chars.len());
    if chars.len() < width {
        return (value.to_string(), cursor);
    }
    let start = cursor.saturating_sub(width - 1);
    let end = (start + width).min(chars.len());
    (chars[start..end].iter().collect(), cursor - start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CASE_FIELDS;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn typing_and_completion() {
        let mut f = Form::new("t".into(), CASE_FIELDS, &BTreeMap::new(), None);
        for c in "Siti".chars() {
            f.handle(None, key(KeyCode::Char(c)));
        }
        f.handle(None, key(KeyCode::Backspace));
        assert_eq!(f.fields[0].value, "Sit");
        f.focus = 3; // kecamatan
        for c in "pong".chars() {
            f.handle(None, key(KeyCode::Char(c)));
        }
        f.handle(Some(Action::NextField), key(KeyCode::Tab));
        assert_eq!(f.fields[3].value, "Ponggok");
        assert_eq!(f.focus, 4);
        assert!(f.is_changed());
    }

    #[test]
    fn choices_cycle_and_narrow() {
        let mut f = Form::new("t".into(), CASE_FIELDS, &BTreeMap::new(), None);
        f.focus = 6; // category
        f.handle(Some(Action::ChoiceNext), key(KeyCode::Right));
        assert_eq!(f.fields[6].value, "meninggal");
        f.handle(Some(Action::ChoicePrev), key(KeyCode::Left));
        assert_eq!(f.fields[6].value, "kendala");
        f.handle(None, key(KeyCode::Char('d')));
        assert_eq!(f.fields[6].value, "deportasi");
        f.focus = 3;
        f.handle(None, key(KeyCode::Char('s')));
        f.handle(None, key(KeyCode::Char('e')));
        f.handle(None, key(KeyCode::Char('l')));
        f.handle(Some(Action::ChoiceNext), key(KeyCode::Right));
        assert_eq!(f.fields[3].value, "Selorejo");
        f.handle(Some(Action::ChoiceNext), key(KeyCode::Right));
        assert_eq!(f.fields[3].value, "Selopuro");
    }

    #[test]
    fn letters_typed_in_a_choice_narrow_to_the_option_they_begin() {
        const PP: &[FieldDef] = &[FieldDef {
            key: "pp_pkb",
            kind: FieldKind::Choice(&["", "pp", "pkb", "tidak"]),
            required: false,
        }];
        let mut f = Form::new("t".into(), PP, &BTreeMap::new(), None);
        f.handle(None, key(KeyCode::Char('p')));
        assert_eq!(f.fields[0].value, "pp");
        f.handle(None, key(KeyCode::Char('k')));
        assert_eq!(f.fields[0].value, "pkb", "p then k is pkb");
        // A letter that narrows to nothing starts again with it.
        f.handle(None, key(KeyCode::Char('t')));
        assert_eq!(f.fields[0].value, "tidak");
    }

    #[test]
    fn letters_typed_in_a_choice_match_its_words_in_the_officers_language() {
        const HOW: &[FieldDef] = &[FieldDef {
            key: "how",
            kind: FieldKind::Choice(&[
                "",
                "job_fair",
                "karirhub",
                "front_desk",
                "training_institution",
                "other",
            ]),
            required: false,
        }];
        let typed = |letters: &str, lang: Lang| {
            let mut f = Form::new("t".into(), HOW, &BTreeMap::new(), None);
            for c in letters.chars() {
                f.handle_in(None, key(KeyCode::Char(c)), Some(lang));
            }
            f.fields[0].value.clone()
        };
        // Loket AK/1, Lembaga pelatihan, Lainnya, Bursa kerja
        assert_eq!(typed("lo", Lang::Id), "front_desk");
        assert_eq!(typed("le", Lang::Id), "training_institution");
        assert_eq!(typed("la", Lang::Id), "other");
        assert_eq!(typed("bu", Lang::Id), "job_fair");
        // Front desk, Training institution; the code still works
        assert_eq!(typed("fr", Lang::En), "front_desk");
        assert_eq!(typed("tr", Lang::En), "training_institution");
        assert_eq!(typed("kar", Lang::Id), "karirhub");
        assert_eq!(typed("job", Lang::Id), "job_fair");
    }

    #[test]
    fn dates_show_as_dd_mm_yyyy_and_reach_the_record_as_iso() {
        let at = |key: &str| CASE_FIELDS.iter().position(|d| d.key == key).unwrap();
        let stored = BTreeMap::from([
            ("reported_on".to_string(), "2026-12-04".to_string()),
            ("name".to_string(), "Siti".to_string()),
        ]);
        let mut f = Form::new("t".into(), CASE_FIELDS, &stored, Some((1, 1)));
        let (reported, followup) = (at("reported_on"), at("next_followup"));
        assert_eq!(f.fields[reported].value, "04-12-2026");
        assert_eq!(f.values()["reported_on"], "2026-12-04");
        assert!(!f.is_changed(), "shown differently, stored the same");
        // The list's own format typed into a date field.
        f.focus = followup;
        for c in "05-01-2027".chars() {
            f.handle(None, key(KeyCode::Char(c)));
        }
        assert_eq!(f.values()["next_followup"], "2027-01-05");
        assert!(f.is_changed());
        // Slashes, and ISO, are accepted too; on leaving the field it reads as every date.
        f.fields[followup].value = "6/1/2027".into();
        assert_eq!(f.values()["next_followup"], "2027-01-06");
        f.handle(Some(Action::NextField), key(KeyCode::Tab));
        assert_eq!(f.fields[followup].value, "06-01-2027");
        f.fields[followup].value = "2027-01-07".into();
        assert_eq!(f.values()["next_followup"], "2027-01-07");
        // Not a date: handed on as typed, for the record's check to name.
        f.fields[followup].value = "31-02-2027".into();
        assert_eq!(f.values()["next_followup"], "31-02-2027");
    }

    #[test]
    fn a_date_typed_into_a_filled_date_field_replaces_it() {
        let at = |key: &str| CASE_FIELDS.iter().position(|d| d.key == key).unwrap();
        let stored = BTreeMap::from([("reported_on".to_string(), "2026-12-04".to_string())]);
        let mut f = Form::new("t".into(), CASE_FIELDS, &stored, None);
        // Tab to the report date (shown as today's), then type another date: it replaces it.
        while f.focus != at("reported_on") {
            f.handle(Some(Action::NextField), key(KeyCode::Tab));
        }
        for c in "01-10-2026".chars() {
            f.handle(None, key(KeyCode::Char(c)));
        }
        assert_eq!(f.values()["reported_on"], "2026-10-01");
        // Coming back and pressing End first keeps the date to edit it.
        f.handle(Some(Action::NextField), key(KeyCode::Tab));
        f.handle(Some(Action::PrevField), key(KeyCode::BackTab));
        f.handle(None, key(KeyCode::End));
        f.handle(None, key(KeyCode::Backspace));
        f.handle(None, key(KeyCode::Char('5')));
        assert_eq!(f.values()["reported_on"], "2025-10-01");
        // A text field keeps what it holds: letters are added where the cursor is.
        let name = at("name");
        f.fields[name].value = "Siti".into();
        f.fields[name].cursor = 4;
        while f.focus != name {
            f.handle(Some(Action::NextField), key(KeyCode::Tab));
        }
        f.fields[name].cursor = 4;
        f.handle(None, key(KeyCode::Char('a')));
        assert_eq!(f.fields[name].value, "Sitia");
    }

    #[test]
    fn long_values_keep_the_cursor_visible() {
        let (s, c) = visible_tail("abcdefghij", 10, 4);
        assert_eq!((s.as_str(), c), ("hij", 3));
    }
}
