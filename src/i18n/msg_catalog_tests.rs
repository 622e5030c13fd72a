//! The catalog test of the officer's messages: every message key the source names (a
//! literal `"v.…"`, `"cli.…"` or `"msg.…"`: the first argument of `msg!` or a key in a
//! table handed to `Msg::new`) is in the catalogs in both languages, non-empty, and renders
//! with its places filled; every entry of `messages.toml` and `cli.toml` renders in both
//! languages with nothing left unfilled; and a `msg!` call hands over as many values as
//! its key has places.

use super::catalog::{self, Entry};
use super::{fill, Lang, Msg};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

fn src_files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    assert!(out.len() > 50, "src/ not found");
    out
}

/// Is `s` shaped like a message key?
fn is_message_key(s: &str) -> bool {
    ["v.", "cli.", "msg."].iter().any(|p| s.starts_with(p))
        && s.len() > 4
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        && !s.ends_with('.')
}

/// The places `{0}`, `{1}`, ... a template has.
fn places(template: &str) -> BTreeSet<usize> {
    let b = template.as_bytes();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            let digits: String = template[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !digits.is_empty() && template[i + 1 + digits.len()..].starts_with('}') {
                out.insert(digits.parse().unwrap());
            }
        }
        i += 1;
    }
    out
}

/// The places of a key's entry, the same in both languages and numbered from 0 without a
/// gap: how many values the message takes.
fn arity(e: &Entry) -> usize {
    let (id, en) = (places(&e.id), places(&e.en));
    assert_eq!(id, en, "{}: the languages name different places", e.key);
    let n = id.len();
    assert_eq!(id, (0..n).collect(), "{}: places not 0..{n}", e.key);
    n
}

/// Every string literal in `text` (escapes kept as written), with where it starts.
fn literals(text: &str) -> Vec<(usize, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' => {
                // a char literal ('"') or a lifetime: step over the quote and what it holds
                if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') {
                    i += 4;
                } else {
                    i += 1;
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                out.push((start, text[start + 1..i.min(b.len())].to_string()));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// How many values a `msg!("key", a, b)` call at `at` (the key literal's quote) hands
/// over: its arguments after the key, and one more for each `.with(…)` chained to it.
fn values_given(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    let mut depth = 1;
    let mut commas = 0;
    let mut i = at;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b',' if depth == 1 => commas += 1,
                _ => {}
            }
        }
        i += 1;
    }
    // a trailing comma before `)` is no value
    let inside = text[at..i].trim_end();
    let args = if inside.ends_with(',') {
        commas - 1
    } else {
        commas
    };
    let mut rest = &text[i + 1..];
    let mut inner = 0;
    loop {
        let t = rest.trim_start();
        if let Some(after) = t.strip_prefix(".with(") {
            inner += 1;
            rest = after;
            // skip to the matching `)`
            let mut d = 1;
            let mut k = 0;
            for (j, ch) in rest.char_indices() {
                match ch {
                    '(' => d += 1,
                    ')' => {
                        d -= 1;
                        if d == 0 {
                            k = j + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &rest[k..];
        } else {
            break;
        }
    }
    args + inner
}

fn catalog_by_key() -> BTreeMap<String, Entry> {
    catalog::parse_all(catalog::FILES)
        .unwrap()
        .into_iter()
        .map(|e| (e.key.clone(), e))
        .collect()
}

#[test]
fn every_message_key_the_source_names_is_in_both_languages_and_renders() {
    let catalog = catalog_by_key();
    let mut used = BTreeSet::new();
    for (path, text) in src_files() {
        if path.ends_with("msg_catalog_tests.rs") {
            continue;
        }
        for (at, lit) in literals(&text) {
            if !is_message_key(&lit) {
                continue;
            }
            let entry = catalog
                .get(&lit)
                .unwrap_or_else(|| panic!("{path}: {lit} is not in data/i18n/*.toml"));
            used.insert(lit.clone());
            let n = arity(entry);
            let before = text[..at].trim_end();
            if before.ends_with("msg!(") {
                let given = values_given(&text, at + lit.len() + 2);
                assert_eq!(
                    given, n,
                    "{path}: msg!(\"{lit}\", ..) gives {given} values, the catalog has {n} places"
                );
            }
            let args: Vec<String> = (0..n).map(|i| format!("<{i}>")).collect();
            for lang in [Lang::Id, Lang::En] {
                let text = Msg::new(entry_key(&lit), args.clone()).text(lang);
                assert!(!text.trim().is_empty(), "{lit} is empty in {lang:?}");
                assert!(
                    places(&text).is_empty(),
                    "{lit} in {lang:?} leaves a place: {text}"
                );
                for a in &args {
                    assert!(
                        text.contains(a.as_str()),
                        "{lit} in {lang:?} drops {a}: {text}"
                    );
                }
            }
        }
    }
    assert!(
        used.len() > 150,
        "only {} message keys found in src/",
        used.len()
    );
    assert!(used.contains("v.nik.len") && used.contains("cli.line"));
}

/// A key for `Msg::new` (which takes `&'static str`): the catalog's own copy.
fn entry_key(key: &str) -> &'static str {
    catalog::entries()
        .get_key_value(key)
        .map(|(k, _)| k.as_str())
        .unwrap()
}

#[test]
fn every_message_and_cli_entry_renders_in_both_languages() {
    for name in ["messages", "cli"] {
        let (_, text) = catalog::FILES.iter().find(|(n, _)| *n == name).unwrap();
        let entries = catalog::parse(name, text).unwrap();
        assert!(!entries.is_empty(), "{name}.toml is empty");
        for e in entries {
            let n = arity(&e);
            let args: Vec<String> = (0..n).map(|i| format!("<{i}>")).collect();
            for (lang, template) in [(Lang::Id, &e.id), (Lang::En, &e.en)] {
                let text = fill(template, &args);
                assert!(!text.trim().is_empty(), "{} is empty in {lang:?}", e.key);
                assert!(places(&text).is_empty(), "{} in {lang:?}: {text}", e.key);
            }
        }
    }
}

#[test]
fn a_message_renders_in_the_language_asked() {
    let m = crate::msg!("v.nik.len", 15);
    assert_eq!(m.text(Lang::En), "NIK must have 16 digits, not 15");
    assert_eq!(m.text(Lang::Id), "NIK harus 16 angka, bukan 15");
    let line = crate::msg!("cli.line", 3, "nik").with(m);
    assert_eq!(
        line.text(Lang::Id),
        "baris 3: nik: NIK harus 16 angka, bukan 15"
    );
    assert_eq!(
        line.text(Lang::En),
        "line 3: nik: NIK must have 16 digits, not 15"
    );
    // a date as a value reads as the officer types it, a date inside another value stays
    let d = crate::msg!("v.date.future", "2027-01-05");
    assert!(
        d.text(Lang::Id).contains("05-01-2027"),
        "{}",
        d.text(Lang::Id)
    );
    assert!(!d.text(Lang::En).contains("2027-01-05"), "{}", d.en());
    let typo = crate::msg!("v.date.future", "2026-13-01");
    assert!(typo.en().contains("2026-13-01"), "as typed: {}", typo.en());
    let at = crate::msg!("v.date.future", "2027-01-05 08:30:00");
    assert!(at.en().contains("05-01-2027 08:30:00"), "{}", at.en());
    let file = crate::msg!("v.date.future", "rekap-2027-01-05.csv");
    assert!(file.en().contains("rekap-2027-01-05.csv"), "{}", file.en());
    // a text with no catalog entry is shown as it is in both
    let raw = Msg::from("rusqlite: disk I/O error");
    assert_eq!(raw.text(Lang::Id), raw.text(Lang::En));
}
