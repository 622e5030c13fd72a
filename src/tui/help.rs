//! Hints and the help screen, built from the active keymap: the key shown beside an action is
//! the key that reaches it in the stack of contexts on screen, so a hint cannot lie, and the
//! description comes from the catalog in the officer's language. No key is written in a text.

use super::keymap::{Action, Context, KeySeq, Keymap};
use super::theme::Theme;
use crate::i18n::Lang;
use ratatui::text::Line;

/// A table's actions with the keys that reach them (`Keymap::reachable`).
type Entries = Vec<(Action, Vec<String>)>;

/// The widest key column of the help screen; longer key lists wrap in the box.
const KEY_COLUMN_MAX: usize = 24;

/// The short description of an action, from the catalog.
pub fn describe(action: Action, lang: Lang) -> &'static str {
    lang.t(&format!("action.{}", action.name()))
}

/// The description of an action in one pane's section of the help screen: the pane's own
/// text where the catalog has one (`action.placements.switch-view` names the views it goes
/// through), else the shared one.
pub fn describe_in(context: Context, action: Action, lang: Lang) -> &'static str {
    lang.t_opt(&format!("action.{}.{}", context.name(), action.name()))
        .unwrap_or_else(|| describe(action, lang))
}

/// Footer hints: (key as the officer reads it, short description) for each of `actions` that a
/// key reaches in `contexts` (most particular first, e.g. `[Context::TRAININGS,
/// Context::List, Context::Global]`); an action without a reachable key is left out.
pub fn hints(
    keymap: &Keymap,
    contexts: &[Context],
    actions: &[Action],
    lang: Lang,
) -> Vec<(String, String)> {
    actions
        .iter()
        .filter_map(|&a| {
            let key = keymap.label(contexts, a)?;
            Some((key, describe(a, lang).to_string()))
        })
        .collect()
}

/// While a sequence waits (`w` of `w b`): the keys that may follow with what each does, for a
/// prompt such as "b catat: bekerja · u catat: wirausaha · t catat: tidak bekerja".
pub fn pending_hints(
    keymap: &Keymap,
    contexts: &[Context],
    pending: &KeySeq,
    lang: Lang,
) -> Vec<(String, String)> {
    keymap
        .continuations(contexts, pending)
        .into_iter()
        .map(|(key, a)| (key, describe(a, lang).to_string()))
        .collect()
}

/// A catalog sentence with its keys filled in from the keymap: every `{action-name}` (e.g.
/// "Tekan {new} untuk mencatat." or "{yes}/{no}") becomes the key that reaches that action in
/// `contexts`, so the sentence names the officer's key, not one typed into the catalog. A
/// placeholder that names no action (`{at}`) is left for the caller; an action no key reaches
/// is written as its description.
pub fn with_keys(text: &str, keymap: &Keymap, contexts: &[Context], lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match Action::parse(name) {
            Some(a) => match keymap.label(contexts, a) {
                Some(key) => out.push_str(&key),
                None => out.push_str(describe(a, lang)),
            },
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Hints on one line: "Enter buka  n baru  ? bantuan".
pub fn hint_text(hints: &[(String, String)]) -> String {
    hints
        .iter()
        .map(|(k, d)| format!("{k} {d}"))
        .collect::<Vec<_>>()
        .join("  ")
}

/// The help screen for a pane: the pane's own keys first under a heading naming it, then the
/// keys of every list, the global keys and the form keys; each line the keys that reach the
/// action and its description. Lines stay within 78 columns (an 80-column box); the box
/// scrolls when they are more than it holds.
pub fn help_lines(
    keymap: &Keymap,
    pane_context: Context,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let stack = [pane_context, Context::List, Context::Global];
    let pane_name = lang.t(&format!("keys.ctx.{}", pane_context.name()));
    let mut sections: Vec<(String, Entries)> = vec![
        (
            lang.t("keys.help.pane").replace("{pane}", pane_name),
            keymap.reachable(&stack, pane_context),
        ),
        (
            lang.t("keys.ctx.list").to_string(),
            keymap.reachable(&stack, Context::List),
        ),
        (
            lang.t("keys.ctx.global").to_string(),
            keymap.reachable(&stack, Context::Global),
        ),
        (
            lang.t("keys.ctx.form").to_string(),
            keymap.reachable(&[Context::Form], Context::Form),
        ),
    ];
    // The detail (Enter on a record) has keys of its own: a case's referrals and documents,
    // a job seeker's six-monthly report; each says what it is for.
    sections.push((
        lang.t("keys.ctx.detail").to_string(),
        keymap.reachable(&[Context::Detail], Context::Detail),
    ));
    let width = sections
        .iter()
        .flat_map(|(_, entries)| entries.iter())
        .map(|(_, keys)| keys.join(", ").chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, KEY_COLUMN_MAX);
    let mut lines = Vec::new();
    let last = sections.len() - 1;
    for (i, (heading, entries)) in sections.into_iter().enumerate() {
        // the pane's own words for its keys; the detail's say which record they are for
        let describe = |action: Action| match i {
            0 => describe_in(pane_context, action, lang),
            i if i == last => describe_in(Context::Detail, action, lang),
            _ => describe(action, lang),
        };
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, theme.header()));
        if entries.is_empty() {
            lines.push(Line::styled(
                format!("  {}", lang.t("keys.help.pane_none")),
                theme.dim(),
            ));
        }
        for (action, keys) in entries {
            for (keys, first) in key_column(&keys, width) {
                let text = if first { describe(action) } else { "" };
                lines.push(Line::raw(
                    format!("  {keys:<width$}  {text}").trim_end().to_string(),
                ));
            }
        }
    }
    lines
}

/// The keys of one action in a column `width` wide: "PgDn, Ctrl-D, Ctrl-F", going on to a
/// second line rather than pushing the description off an 80-column screen.
fn key_column(keys: &[String], width: usize) -> Vec<(String, bool)> {
    let mut rows: Vec<String> = vec![String::new()];
    for k in keys {
        let Some(row) = rows.last_mut() else { break };
        let extra = if row.is_empty() { 0 } else { 2 };
        if !row.is_empty() && row.chars().count() + extra + k.chars().count() > width {
            row.push(',');
            rows.push(k.clone());
        } else {
            if !row.is_empty() {
                row.push_str(", ");
            }
            row.push_str(k);
        }
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| (r, i == 0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_and_table_has_a_text_in_both_languages() {
        for a in Action::all() {
            let key = format!("action.{}", a.name());
            assert_ne!(Lang::Id.t(&key), key, "{key}");
            assert_ne!(Lang::En.t(&key), key, "{key}");
        }
        for c in Context::ALL {
            let key = format!("keys.ctx.{}", c.name());
            assert_ne!(Lang::Id.t(&key), key, "{key}");
            assert_ne!(Lang::En.t(&key), key, "{key}");
        }
    }

    #[test]
    fn sentences_name_the_keymaps_keys() {
        let km = Keymap::default_keymap();
        let list = [Context::CASES, Context::List, Context::Global];
        assert_eq!(
            with_keys("Tekan {new} untuk mencatat.", &km, &list, Lang::Id),
            "Tekan n untuk mencatat."
        );
        assert_eq!(
            with_keys(
                "Draf {at}: {save} simpan, {cancel} lalu {yes} buang",
                &km,
                &[Context::Form, Context::Confirm],
                Lang::Id
            ),
            "Draf {at}: Ctrl-S simpan, Esc lalu y buang"
        );
        assert_eq!(
            with_keys("({yes}/{no}) {quota} {", &km, &[Context::Confirm], Lang::En),
            "(y/n) quota {"
        );
    }

    #[test]
    fn long_key_lists_go_on_below() {
        let keys: Vec<String> = ["PgDn", "Ctrl-D", "Ctrl-F"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            key_column(&keys, 24),
            vec![("PgDn, Ctrl-D, Ctrl-F".to_string(), true)]
        );
        assert_eq!(
            key_column(&keys, 12),
            vec![
                ("PgDn, Ctrl-D,".to_string(), true),
                ("Ctrl-F".to_string(), false)
            ]
        );
    }
}
