//! Reading one keymap file: TOML text → entries (context, action, keys), each with its line, so
//! that every refusal can point at `path:line`.

use super::key::KeySeq;
use super::{Action, Context, KeymapError};
use crate::domain::kecamatan::edit_distance;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One `action = keys` line of a keymap file.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub ctx: Context,
    pub action: Action,
    /// Normal form, as written, and the line of each key or sequence (lists may span lines).
    pub keys: Vec<(KeySeq, String, usize)>,
    /// The file the entry came from and the line of its action name.
    pub path: String,
    pub line: usize,
}

/// Parses a whole keymap file. Errors come in file order: the first problem is reported.
pub(crate) fn parse(path: &str, text: &str) -> Result<Vec<Entry>, KeymapError> {
    let lines = LineIndex::new(text);
    let err = |line: usize, reason: String| KeymapError {
        path: path.to_string(),
        line,
        reason,
    };
    let root = DeTable::parse(text).map_err(|e| {
        let line = e.span().map_or(0, |s| lines.line(s.start));
        // toml's messages may run over several lines; the officer gets one.
        let mut message = e.message().trim().replace('\n', "; ");
        // toml does not name the repeated key; its span does.
        if message == "duplicate key" {
            if let Some(name) = e.span().and_then(|s| text.get(s)) {
                message = format!("{} '{}'", message, name.trim());
            }
        }
        err(line, format!("TOML syntax error: {message}"))
    })?;

    let mut entries = Vec::new();
    for (name, value) in in_file_order(root.get_ref()) {
        let line = lines.line(name.span().start);
        let name = name.get_ref().as_ref();
        let DeValue::Table(table) = value.get_ref() else {
            let reason = if Action::parse(name).is_some() {
                format!("'{name}' is outside any table; put it under [global], [list] or [form]")
            } else {
                format!("unexpected top-level entry '{name}'; a keymap has only the tables [global], [list] and [form]")
            };
            return Err(err(line, reason));
        };
        let Some(ctx) = Context::from_name(name) else {
            let known: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            let reason = match suggest(name, known.iter().copied()) {
                Some(s) => format!("unknown table [{name}] (did you mean [{s}]?)"),
                None => format!("unknown table [{name}]; {}", Context::tables_sentence()),
            };
            return Err(err(line, reason));
        };
        for (action_name, keys) in in_file_order(table) {
            let line = lines.line(action_name.span().start);
            let action_name = action_name.get_ref().as_ref();
            let Some(action) = Action::parse(action_name) else {
                let names: Vec<String> = Action::all().iter().map(|a| a.name()).collect();
                let reason = match suggest(action_name, names.iter().map(String::as_str)) {
                    Some(s) => format!(
                        "unknown action '{action_name}' in [{}] (did you mean '{s}'?)",
                        ctx.name()
                    ),
                    None => format!("unknown action '{action_name}' in [{}]", ctx.name()),
                };
                return Err(err(line, reason));
            };
            let strings = key_strings(keys, &lines).map_err(|(line, found)| {
                err(
                    line,
                    format!(
                        "action '{action_name}' in [{}]: expected a key string or a list of key strings, found {found}",
                        ctx.name()
                    ),
                )
            })?;
            let mut parsed = Vec::with_capacity(strings.len());
            for (text, key_line) in strings {
                let spec = KeySeq::parse(&text).map_err(|why| {
                    err(
                        key_line,
                        format!("bad key '{text}' for action '{action_name}': {why}"),
                    )
                })?;
                parsed.push((spec, text, key_line));
            }
            entries.push(Entry {
                ctx,
                action,
                keys: parsed,
                path: path.to_string(),
                line,
            });
        }
    }
    Ok(entries)
}

type Item<'a, 'i> = (
    &'a Spanned<toml::de::DeString<'i>>,
    &'a Spanned<DeValue<'i>>,
);

/// Table entries in the order they appear in the file (toml sorts them by name otherwise).
fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Item<'a, 'i>> {
    let mut items: Vec<Item<'a, 'i>> = table.iter().collect();
    items.sort_by_key(|(k, _)| k.span().start);
    items
}

/// The key strings of one entry with their lines, or (line, type found) for a wrong type.
fn key_strings(
    value: &Spanned<DeValue<'_>>,
    lines: &LineIndex,
) -> Result<Vec<(String, usize)>, (usize, String)> {
    let line = lines.line(value.span().start);
    match value.get_ref() {
        DeValue::String(s) => Ok(vec![(s.to_string(), line)]),
        DeValue::Array(items) => items
            .iter()
            .map(|item| {
                let line = lines.line(item.span().start);
                match item.get_ref() {
                    DeValue::String(s) => Ok((s.to_string(), line)),
                    other => Err((line, format!("{} in the list", other.type_str()))),
                }
            })
            .collect(),
        other => Err((line, other.type_str().to_string())),
    }
}

/// Byte offset → 1-based line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// The closest known name, if it is close enough to be a typo.
fn suggest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    known
        .map(|k| (edit_distance(&name, k), k))
        .filter(|&(d, k)| d <= 1.max(k.len() / 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_are_one_based() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(1), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let names = ["quit", "help", "page-down", "global"];
        assert_eq!(suggest("quitt", names.iter().copied()), Some("quit"));
        assert_eq!(
            suggest("pagedown", names.iter().copied()),
            Some("page-down")
        );
        assert_eq!(suggest("globl", names.iter().copied()), Some("global"));
        assert_eq!(suggest("frobnicate", names.iter().copied()), None);
    }

    #[test]
    fn entries_keep_their_lines() {
        let text = "[global]\nquit = \"q\"\n\n[form]\nnext-field = [\n  \"tab\",\n  \"down\",\n]\n";
        let entries = parse("k.toml", text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!((entries[0].action, entries[0].line), (Action::Quit, 2));
        assert_eq!(entries[1].line, 5);
        let key_lines: Vec<usize> = entries[1].keys.iter().map(|k| k.2).collect();
        assert_eq!(key_lines, vec![6, 7]);
    }
}
