//! The filter line every list shares: `/` starts typing, letters narrow the list as they are
//! typed, `Enter` keeps the filter and gives the keys back to the list, `Esc` clears it,
//! `Ctrl-u` empties it.

use super::keymap::Context;
use super::pane::PaneCtx;
use crate::i18n::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The longest filter kept (a pasted paragraph is cut, not searched).
const MAX_CHARS: usize = 100;

/// What a key did to the filter line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// The text changed: the list starts again at its first match.
    Changed,
    /// The key was the filter's (e.g. `Enter`) but the text is the same.
    Kept,
    /// Not a key for the filter line (arrows): the list handles it.
    Passed,
}

/// What the filter line's own keys do, for the line beside it. They are fixed here (letters
/// type into the filter), so their names are too.
pub fn filter_keys(lang: Lang) -> String {
    format!(
        "Enter {} · Esc {}",
        lang.t("filter.done"),
        lang.t("filter.clear")
    )
}

/// The filter line as every list shows it while it is typed or holds words: "Cari: pong█
/// (12 cocok)". `matches` is the count as the list says it (e.g. "10.000+").
pub fn filter_line(ctx: &PaneCtx, text: &str, editing: bool, matches: String) -> Line<'static> {
    let cursor = if editing { "█" } else { "" };
    Line::from(vec![
        Span::styled(
            format!("{}: ", ctx.lang.t("cases.filter")),
            ctx.theme.header(),
        ),
        Span::raw(format!("{text}{cursor}")),
        Span::styled(
            format!("  ({matches} {})", ctx.lang.t("cases.matches")),
            ctx.theme.dim(),
        ),
    ])
}

/// What an empty list says: how to add the first record (`empty`, a catalog sentence that
/// names the pane's keys), or, when words are typed (`filtered`), that nothing matches.
pub fn nothing_listed(
    frame: &mut Frame,
    area: Rect,
    ctx: &PaneCtx,
    pane: Context,
    filtered: bool,
    (empty, no_match): (&str, &str),
) {
    let msg = if filtered {
        ctx.lang.t(no_match).to_string()
    } else if ctx.archived {
        // the archive is empty, not the register: say so, and the way back
        ctx.say(pane, "list.archive_empty")
    } else {
        ctx.say(pane, empty)
    };
    frame.render_widget(
        Paragraph::new(msg)
            .style(ctx.theme.dim())
            .wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// A key while the filter line has the keyboard.
pub fn type_key(text: &mut String, editing: &mut bool, key: KeyEvent) -> Typed {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            text.clear();
            *editing = false;
        }
        KeyCode::Enter => {
            *editing = false;
            return Typed::Kept;
        }
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char('u') if ctrl => text.clear(),
        KeyCode::Char(c) if !ctrl => {
            if text.chars().count() < MAX_CHARS {
                text.push(c);
            }
        }
        _ => return Typed::Passed,
    }
    Typed::Changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_narrows_enter_keeps_esc_clears() {
        let (mut text, mut editing) = (String::new(), true);
        assert_eq!(
            type_key(&mut text, &mut editing, key(KeyCode::Char('p'))),
            Typed::Changed
        );
        assert_eq!(
            type_key(&mut text, &mut editing, key(KeyCode::Down)),
            Typed::Passed
        );
        assert_eq!(
            type_key(&mut text, &mut editing, key(KeyCode::Enter)),
            Typed::Kept
        );
        assert_eq!((text.as_str(), editing), ("p", false));
        editing = true;
        assert_eq!(
            type_key(&mut text, &mut editing, key(KeyCode::Esc)),
            Typed::Changed
        );
        assert_eq!((text.as_str(), editing), ("", false));
        for _ in 0..150 {
            type_key(&mut text, &mut editing, key(KeyCode::Char('x')));
        }
        assert_eq!(text.chars().count(), MAX_CHARS);
    }
}
