//! Drawing the app: the tabs, the pane on screen, the overlays, the message or key hints, and
//! the status bar. A message never runs off the screen: the message line grows to hold it.

use super::{App, MessageKind, Overlay};
use crate::tui::help;
use crate::tui::keymap::{Action, Context};
use crate::tui::popup::{self, centered, text_box};
use crate::tui::records::ExtraLine;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs, Wrap};
use ratatui::Frame;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The most lines a message may take from the pane above it.
const MESSAGE_LINES: u16 = 4;

impl App {
    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        self.screen = Some((area.width, area.height));
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            // What may still be done: quit, or answer the question quitting asked.
            let next = match self.overlays.last() {
                Some(Overlay::Confirm { question, .. }) if self.asking_to_quit() => {
                    question.clone()
                }
                _ => help::hint_text(&help::hints(
                    &self.keymap,
                    &[Context::Global],
                    &[Action::Quit],
                    self.lang,
                )),
            };
            let msg = format!(
                "{} {}×{}\n\n{next}",
                self.t("too_small"),
                area.width,
                area.height
            );
            frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
            return;
        }
        let message = self.message_paragraph();
        let message_lines = message
            .as_ref()
            .map_or(1, |p| p.line_count(area.width) as u16)
            .clamp(1, MESSAGE_LINES);
        let tabs_area = Rect::new(area.x, area.y, area.width, 1);
        let body = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height - 2 - message_lines,
        );
        let footer = Rect::new(
            area.x,
            area.bottom() - 1 - message_lines,
            area.width,
            message_lines,
        );
        let bar = Rect::new(area.x, area.bottom() - 1, area.width, 1);

        let names: Vec<String> = self
            .panes
            .iter()
            .map(|p| self.t(p.title()).to_string())
            .collect();
        let titles: Vec<Line> = fit_tabs(names, self.pane, area.width)
            .into_iter()
            .enumerate()
            .map(|(i, name)| Line::raw(format!("{} {name}", i + 1)))
            .collect();
        frame.render_widget(
            Tabs::new(titles)
                .select(self.pane)
                .highlight_style(self.theme.tab_active())
                .divider(" ")
                .padding(" ", ""),
            tabs_area,
        );

        self.render_pane(frame, body);
        self.render_overlays(frame, body);
        match message {
            Some(p) => frame.render_widget(p, footer),
            None => self.render_hints(frame, footer),
        }
        self.render_bar(frame, bar);
    }

    fn render_pane(&mut self, frame: &mut Frame, body: Rect) {
        let error = self.with_pane(|pane, store, ctx| {
            let mut error = None;
            // Draw twice when the first draw learnt a new page size.
            for pass in 0..2 {
                if pass > 0 {
                    // The first draw's rows (read for the old page) must not show through
                    // where the second draws nothing (a shorter name or word).
                    frame.render_widget(Clear, body);
                }
                if let Err(e) = pane.refresh(store, ctx) {
                    error = Some(e.text(ctx.lang));
                }
                pane.render(frame, body, ctx);
                if !pane.needs_refresh() {
                    break;
                }
            }
            error
        });
        if let Some(e) = error.flatten() {
            self.message = Some((e, MessageKind::Error));
        }
    }

    fn render_overlays(&mut self, frame: &mut Frame, body: Rect) {
        let (lang, theme) = (self.lang, self.theme);
        let pane_keys = self.key_stack()[0];
        let keymap = &self.keymap;
        // Under a box the key that leaves it closes it.
        let hint = |ctx: Context, actions: &[Action]| {
            let mut hints = help::hints(keymap, &[ctx], actions, lang);
            if let Some(close) = actions.iter().position(|a| *a == Action::Cancel) {
                if let Some(h) = hints
                    .iter_mut()
                    .find(|h| h.1 == help::describe(actions[close], lang))
                {
                    h.1 = lang.t("action.close").to_string();
                }
            }
            help::hint_text(&hints)
        };
        for overlay in self.overlays.iter_mut() {
            match overlay {
                Overlay::Form(rf) => rf.form.render(frame, body, lang, &theme, keymap),
                Overlay::Detail { record, scroll } => {
                    // Worked out at each draw: deadlines depend on the day, not on the record.
                    let ops = record.kind.ops();
                    let mut extra = ops.detail_extra(&self.store, record, self.today, lang);
                    if !ops.detail_actions().is_empty() {
                        extra.push(ExtraLine {
                            text: hint(Context::Detail, ops.detail_actions()),
                            urgent: false,
                        });
                    }
                    let lines = popup::detail_lines(record, &extra, lang, &theme);
                    let title = format!(
                        "{} #{} — {}",
                        lang.t(record.kind.ops().label()),
                        record.id,
                        record.name
                    );
                    let mut actions = vec![Action::Edit];
                    if ops.has_status() {
                        actions.push(Action::Status);
                    }
                    actions.extend([Action::History, Action::Archive, Action::Cancel]);
                    let hint = hint(Context::Detail, &actions);
                    text_box(frame, body, &title, lines, scroll, &hint, &theme);
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
                    let hint = hint(Context::History, &[Action::Cancel]);
                    text_box(frame, body, &title, lines, scroll, &hint, &theme);
                }
                Overlay::Lookup(view) => {
                    // the figures go on below the box at 80×24: say how to reach them
                    let close = hint(
                        Context::Lookup,
                        &[Action::PageDown, Action::Accept, Action::Cancel],
                    );
                    view.render(frame, body, lang, &theme, &close)
                }
                Overlay::Text {
                    title,
                    lines,
                    scroll,
                } => {
                    let lines = lines.iter().map(|l| Line::raw(l.clone())).collect();
                    let hint = hint(Context::History, &[Action::Cancel]);
                    text_box(frame, body, title, lines, scroll, &hint, &theme);
                }
                Overlay::Help { scroll } => {
                    // The keys of the pane under the help first, then the ones of every list.
                    let lines = help::help_lines(keymap, pane_keys, lang, &theme);
                    let hint = hint(
                        Context::Help,
                        &[Action::Down, Action::PageDown, Action::Cancel],
                    );
                    text_box(
                        frame,
                        body,
                        lang.t("help.title"),
                        lines,
                        scroll,
                        &hint,
                        &theme,
                    );
                }
                Overlay::Confirm { question, .. } => {
                    let area = centered(body, 70, 5);
                    frame.render_widget(Clear, area);
                    frame.render_widget(
                        Paragraph::new(question.clone())
                            .wrap(Wrap { trim: true })
                            .block(Block::default().borders(Borders::ALL)),
                        area,
                    );
                }
                Overlay::StatusChoice {
                    record,
                    options,
                    selected,
                } => {
                    let ops = record.kind.ops();
                    let area = centered(body, 40, options.len() as u16 + 2);
                    frame.render_widget(Clear, area);
                    let lines: Vec<Line> = options
                        .iter()
                        .enumerate()
                        .map(|(j, o)| {
                            let l = format!("{} {}", j + 1, ops.status_label(o, lang));
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

    /// The message of the last key, wrapped to the screen's width (never cut).
    fn message_paragraph(&self) -> Option<Paragraph<'static>> {
        let (m, kind) = self.message.as_ref()?;
        let style = match kind {
            MessageKind::Error => self.theme.error(),
            MessageKind::Info => self.theme.ok(),
            MessageKind::Warning => self.theme.warning(),
        };
        Some(Paragraph::new(Line::styled(m.clone(), style)).wrap(Wrap { trim: true }))
    }

    /// The keys the pane on screen offers now, from the active keymap: what the footer says
    /// is what the keys do.
    fn render_hints(&self, frame: &mut Frame, area: Rect) {
        let actions = match self.panes.get(self.pane) {
            // Among archived records the way back and the restore come first.
            Some(p) if self.overlays.is_empty() && p.showing_archived() => vec![
                Action::Restore,
                Action::ShowArchived,
                Action::Open,
                Action::History,
                Action::Help,
                Action::Quit,
            ],
            Some(p) if self.overlays.is_empty() => p.footer(),
            _ => Vec::new(),
        };
        let mut hints = help::hints(&self.keymap, &self.key_stack(), &actions, self.lang);
        // Among archived records the archive key goes back: say so, not "show archived".
        if self
            .panes
            .get(self.pane)
            .is_some_and(|p| p.showing_archived())
        {
            let archive = help::describe(Action::ShowArchived, self.lang);
            for (_, what) in hints.iter_mut().filter(|(_, w)| w.as_str() == archive) {
                *what = self.t("footer.back_to_list").to_string();
            }
        }
        // Whole hints only, most useful first: one that does not fit is left out, not cut.
        let mut spans = Vec::new();
        let mut used = 0;
        for (key, what) in hints {
            let width = key.chars().count() + what.chars().count() + 1;
            if used + width > usize::from(area.width) {
                break;
            }
            used += width + 2;
            spans.push(Span::styled(key, self.theme.header()));
            spans.push(Span::raw(format!(" {what}  ")));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    /// Officer, store and year: the year always shows; a long store path gives way first
    /// (`…/disnaker.db`), then the officer's name.
    fn render_bar(&self, frame: &mut Frame, area: Rect) {
        let width = area.width as usize;
        // Among archived records the bar says so beside the year (the tabs keep their room).
        let year = match self.panes.get(self.pane) {
            Some(p) if p.showing_archived() => {
                format!("{} │ [{}]", self.year, self.t("archive.tab"))
            }
            _ => self.year.to_string(),
        };
        let compose = |officer: &str, store: &str| {
            format!(
                " {}: {officer} │ {}: {store} │ {}: {year}",
                self.t("bar.officer"),
                self.t("bar.store"),
                self.t("bar.year"),
            )
        };
        let officer = self.store.officer().to_string();
        let mut text = compose(&officer, &self.store_label);
        if text.chars().count() > width {
            text = compose(&officer, &short_path(&self.store_label));
        }
        let over = text.chars().count().saturating_sub(width);
        if over > 0 {
            let keep = officer.chars().count().saturating_sub(over + 1);
            let officer: String = officer.chars().take(keep).chain(['…']).collect();
            text = compose(&officer, &short_path(&self.store_label));
        }
        let text: String = if text.chars().count() > width {
            text.chars().take(width).collect()
        } else {
            format!("{text:<width$}")
        };
        frame.render_widget(Paragraph::new(text).style(self.theme.bar()), area);
    }
}

/// `/home/budi/.local/share/disnaker/disnaker.db` → `…/disnaker.db`; a name without a
/// folder stays as it is.
pub fn short_path(label: &str) -> String {
    match label.rsplit_once(['/', '\\']) {
        Some((_, name)) if !name.is_empty() => format!("…/{name}"),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::short_path;

    #[test]
    fn a_long_store_path_keeps_its_file_name() {
        assert_eq!(
            short_path("/root/.local/share/disnaker/disnaker.db"),
            "…/disnaker.db"
        );
        assert_eq!(short_path("demo"), "demo");
    }
}

/// The panes' names as the tab line shows them in `width` columns (each tab is ` N name`,
/// one blank between tabs): whole when they fit; else the longest name of a tab not selected
/// loses a letter (ending in `…`), again until they fit, so a new pane never pushes the last
/// tabs off an 80-column screen.
pub(crate) fn fit_tabs(mut names: Vec<String>, selected: usize, width: u16) -> Vec<String> {
    let chars = |s: &String| s.chars().count();
    let total = |names: &[String]| -> usize {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| 2 + (i + 1).to_string().len() + chars(n))
            .sum::<usize>()
            + names.len().saturating_sub(1)
    };
    while total(&names) > usize::from(width) {
        let longest = names
            .iter()
            .enumerate()
            .filter(|(i, n)| *i != selected && chars(n) > 4)
            .max_by_key(|(i, n)| (chars(n), usize::MAX - i))
            .map(|(i, _)| i);
        let Some(i) = longest else { break };
        let kept: String = names[i]
            .trim_end_matches('…')
            .chars()
            .collect::<Vec<_>>()
            .split_last()
            .map(|(_, rest)| rest.iter().collect())
            .unwrap_or_default();
        names[i] = format!("{}…", kept.trim_end());
    }
    names
}

#[cfg(test)]
mod tab_tests {
    use super::fit_tabs;

    #[test]
    fn tabs_fit_the_width_keeping_the_selected_one_whole() {
        let names: Vec<String> = [
            "Kasus PMI",
            "Penempatan",
            "Perselisihan",
            "IKU",
            "Pencari Kerja",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(fit_tabs(names.clone(), 0, 200), names);
        let fit = fit_tabs(names, 4, 60);
        assert_eq!(fit[4], "Pencari Kerja");
        assert_eq!(fit[3], "IKU");
        assert!(fit[2].ends_with('…'), "{fit:?}");
        let width: usize = fit
            .iter()
            .enumerate()
            .map(|(i, n)| 2 + (i + 1).to_string().len() + n.chars().count())
            .sum::<usize>()
            + fit.len()
            - 1;
        assert!(width <= 60, "{fit:?}");
    }
}
