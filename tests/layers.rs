//! The layers of DESIGN.md held by a test: `domain` ← `store` ← `report` ← `cli`, `tui`.
//! Nothing points upward, `cli` and `tui` never import each other, and `domain` reads no
//! clock (today is passed in; `crate::clock` is the one place that asks).
//!
//! The test reads the files under `src/` as text (`#[cfg(test)]` code included): comments and
//! string literals are dropped, the rest is cut into tokens, and every path that reaches
//! another top-level module is found, whatever its form: `use crate::store::Store`, a path
//! `crate::tui::x()` in the middle of an expression, a grouped `use crate::{report, tui}`,
//! `$crate::` in a macro, `super::super::cli` climbing out of a layer (inline `mod tests { }`
//! counted), and `disnaker::` (the library naming itself, which src/ never needs).

use std::path::{Path, PathBuf};

/// What each layer may not name. `i18n`, `config`, `clock`, `lib.rs` and `main.rs` stand
/// outside the chain.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "domain",
        &["store", "report", "cli", "tui", "clock", "config"],
    ),
    ("store", &["report", "cli", "tui"]),
    ("report", &["cli", "tui"]),
    ("cli", &["tui"]),
    ("tui", &["cli"]),
];

/// What reads the clock: `Local::now()`, `Utc::now()`, `SystemTime::now()`, `Instant::now()`
/// (and their `today()`), or naming the clock types of chrono and std at all.
const CLOCK_TYPES: &[&str] = &["Local", "Utc", "SystemTime", "Instant"];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Tok {
    text: String,
    line: usize,
}

/// The code of a Rust file as tokens: identifiers, `::`, and single punctuation characters.
/// Comments, string, byte-string, raw-string and char literals are left out; lifetimes are
/// passed over.
fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let push = |out: &mut Vec<Tok>, text: String, line: usize| out.push(Tok { text, line });
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(&c, i + 1, &mut line);
        } else if ch == '\'' {
            // A char literal ('x', '\n', '\u{1F600}', '\'') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let raw_prefix = matches!(word.as_str(), "r" | "br" | "cr");
            let string_prefix = matches!(word.as_str(), "b" | "c");
            if raw_prefix && matches!(c.get(i), Some('"') | Some('#')) {
                let mut hashes = 0;
                while c.get(i) == Some(&'#') {
                    hashes += 1;
                    i += 1;
                }
                if c.get(i) != Some(&'"') {
                    // `r#ident`: a raw identifier.
                    let start = i;
                    while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                        i += 1;
                    }
                    push(&mut out, c[start..i].iter().collect(), line);
                    continue;
                }
                i += 1;
                loop {
                    if i >= c.len() {
                        break;
                    }
                    if c[i] == '\n' {
                        line += 1;
                    }
                    if c[i] == '"' && (1..=hashes).all(|h| c.get(i + h) == Some(&'#')) {
                        i += 1 + hashes;
                        break;
                    }
                    i += 1;
                }
            } else if string_prefix && c.get(i) == Some(&'"') {
                i = skip_string(&c, i + 1, &mut line);
            } else if word == "b" && c.get(i) == Some(&'\'') {
                // b'x' or b'\n'
                i += 1;
                if c.get(i) == Some(&'\\') {
                    i += 1;
                }
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else {
                push(&mut out, word, line);
            }
        } else if ch == ':' && next == Some(':') {
            push(&mut out, "::".into(), line);
            i += 2;
        } else {
            push(&mut out, ch.to_string(), line);
            i += 1;
        }
    }
    out
}

/// Past the closing quote of a string whose body starts at `i`.
fn skip_string(c: &[char], mut i: usize, line: &mut usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' => {
                if c.get(i + 1) == Some(&'\n') {
                    *line += 1;
                }
                i += 2;
            }
            '"' => return i + 1,
            '\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

/// The module path of a file below `src/`: `domain/dispute/mod.rs` is `[domain, dispute]`,
/// `domain/case.rs` is `[domain, case]`, `lib.rs` and `main.rs` are the root.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// One place where code names a top-level module of the crate.
#[derive(Debug, PartialEq, Eq)]
struct Reach {
    line: usize,
    target: String,
    how: String,
}

/// Every top-level module the code of the file at module path `at` names.
fn reaches(src: &str, at: &[String]) -> Vec<Reach> {
    let t = tokens(src);
    let mut out = Vec::new();
    // Inline modules: (name, depth of braces inside which their body lies).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < t.len() {
        let w = t[i].text.as_str();
        match w {
            "{" => depth += 1,
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            "mod" => {
                if let (Some(name), Some(open)) = (t.get(i + 1), t.get(i + 2)) {
                    if open.text == "{" {
                        inline.push((name.text.clone(), depth + 1));
                    }
                }
            }
            _ => {}
        }
        let starts_path = i == 0 || t[i - 1].text != "::";
        if starts_path && (w == "crate" || w == "disnaker") && next_is(&t, i + 1, "::") {
            let how = if w == "disnaker" {
                "disnaker::"
            } else if i > 0 && t[i - 1].text == "$" {
                "$crate::"
            } else {
                "crate::"
            };
            for target in names_after(&t, i + 2) {
                out.push(Reach {
                    line: t[i].line,
                    target,
                    how: how.to_string(),
                });
            }
        } else if starts_path && w == "super" {
            let mut here: Vec<String> = at.to_vec();
            here.extend(inline.iter().map(|(n, _)| n.clone()));
            let mut k = 0;
            let mut j = i;
            while t.get(j).is_some_and(|x| x.text == "super") && next_is(&t, j + 1, "::") {
                k += 1;
                j += 2;
            }
            if k > 0 && k >= here.len() {
                // Climbed to the crate root: what follows is a top-level module.
                for target in names_after(&t, j) {
                    out.push(Reach {
                        line: t[i].line,
                        target,
                        how: "super::".repeat(k),
                    });
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

fn next_is(t: &[Tok], i: usize, text: &str) -> bool {
    t.get(i).is_some_and(|x| x.text == text)
}

/// The first segment(s) of a path at `i`: one name, or every first name of a `{ a::b, c }`
/// group.
fn names_after(t: &[Tok], i: usize) -> Vec<String> {
    let Some(first) = t.get(i) else {
        return Vec::new();
    };
    if first.text != "{" {
        return vec![first.text.clone()];
    }
    let mut names = Vec::new();
    let mut depth = 0;
    let mut expect_name = true;
    for tok in &t[i..] {
        match tok.text.as_str() {
            "{" => {
                depth += 1;
                if depth == 1 {
                    expect_name = true;
                }
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => expect_name = true,
            name if depth == 1 && expect_name => {
                names.push(name.to_string());
                expect_name = false;
            }
            _ => {}
        }
    }
    names
}

/// Every place in a `domain` file that reads a clock.
fn clock_reads(src: &str) -> Vec<(usize, String)> {
    let t = tokens(src);
    let mut out = Vec::new();
    for (i, tok) in t.iter().enumerate() {
        let w = tok.text.as_str();
        let after = |k: usize| t.get(i + k).map(|x| x.text.as_str());
        if CLOCK_TYPES.contains(&w) && after(1) == Some("::") {
            if let Some(f @ ("now" | "today")) = after(2) {
                out.push((tok.line, format!("{w}::{f}")));
                continue;
            }
        }
        // Naming the clock types through their crates: `use chrono::Local`,
        // `chrono::offset::Utc`, `std::time::{Instant, SystemTime}`.
        if (w == "chrono" || w == "time") && after(1) == Some("::") {
            let mut j = i + 2;
            while let Some(x) = t.get(j) {
                let x = x.text.as_str();
                if CLOCK_TYPES.contains(&x) {
                    out.push((tok.line, format!("{w}::…{x}")));
                    break;
                }
                if x == ";" {
                    break;
                }
                j += 1;
            }
        }
    }
    out
}

/// What is wrong with one file: `rel` is its path below `src/`.
fn problems(rel: &Path, src: &str) -> Vec<String> {
    let at = module_path(rel);
    let Some(layer) = at.first() else {
        return Vec::new();
    };
    let Some((_, forbidden)) = FORBIDDEN.iter().find(|(l, _)| l == layer) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in reaches(src, &at) {
        if r.how == "disnaker::" {
            out.push(format!(
                "{}:{}: `disnaker::{}`: src/ names its own crate `crate::`",
                rel.display(),
                r.line,
                r.target
            ));
        } else if forbidden.contains(&r.target.as_str()) {
            out.push(format!(
                "{}:{}: `{}{}`: {layer} may not import {}",
                rel.display(),
                r.line,
                r.how,
                r.target,
                r.target
            ));
        }
    }
    if layer == "domain" {
        for (line, what) in clock_reads(src) {
            out.push(format!(
                "{}:{line}: `{what}`: domain reads no clock (today is passed in)",
                rel.display()
            ));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_layer_imports_one_above_it_and_domain_reads_no_clock() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "read the whole tree: {}", files.len());
    let mut wrong = Vec::new();
    let mut layered = 0;
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        if module_path(rel)
            .first()
            .is_some_and(|l| FORBIDDEN.iter().any(|(x, _)| x == l))
        {
            layered += 1;
        }
        let text = std::fs::read_to_string(f).unwrap();
        wrong.extend(problems(rel, &text));
    }
    assert!(layered > 50, "every layer read: {layered} files");
    assert!(wrong.is_empty(), "layers broken:\n{}", wrong.join("\n"));
}

// The checker itself, on small files that break a rule (and some that only look as if).

fn check(path: &str, src: &str) -> Vec<String> {
    problems(Path::new(path), src)
}

#[test]
fn a_use_of_a_higher_layer_is_found_in_every_layer() {
    assert_eq!(
        check("domain/case.rs", "use crate::store::Store;\n"),
        ["domain/case.rs:1: `crate::store`: domain may not import store"]
    );
    assert_eq!(
        check("store/cases.rs", "use crate::report::table;").len(),
        1
    );
    assert_eq!(check("store/cases.rs", "use crate::tui::App;").len(), 1);
    assert_eq!(check("report/iku.rs", "use crate::cli::say;").len(), 1);
    assert_eq!(check("cli/iku.rs", "use crate::tui::run;").len(), 1);
    assert_eq!(check("tui/app.rs", "use crate::cli::open_store;").len(), 1);
    assert_eq!(check("domain/nik.rs", "use crate::clock::today;").len(), 1);
}

#[test]
fn allowed_imports_pass() {
    assert!(check("store/cases.rs", "use crate::domain::case::PmiCase;").is_empty());
    assert!(check(
        "report/iku.rs",
        "use crate::{domain::date, store::Store, i18n};"
    )
    .is_empty());
    assert!(check("tui/app.rs", "use crate::{report, store, domain};").is_empty());
    assert!(check(
        "cli/iku.rs",
        "use crate::report::iku; use crate::clock::today;"
    )
    .is_empty());
    assert!(check(
        "domain/case.rs",
        "use super::date::Date; use crate::domain::nik;"
    )
    .is_empty());
    // Outside the chain: anything goes.
    assert!(check("main.rs", "use disnaker::cli; use disnaker::tui;").is_empty());
    assert!(check("config.rs", "use crate::tui::keymap;").is_empty());
}

#[test]
fn a_path_in_an_expression_or_a_group_is_found() {
    let src = "fn f() {\n    let s = crate::tui::app::App::new();\n}\n";
    assert_eq!(
        check("cli/demo.rs", src),
        ["cli/demo.rs:2: `crate::tui`: cli may not import tui"]
    );
    let grouped = "use crate::{\n    domain::date,\n    report::table::Table,\n};\n";
    assert_eq!(
        check("store/x.rs", grouped),
        ["store/x.rs:1: `crate::report`: store may not import report"]
    );
    assert_eq!(
        check("domain/x.rs", "use crate::{domain, store, tui::App};").len(),
        2
    );
    assert_eq!(
        check(
            "domain/x.rs",
            "macro_rules! m { () => { $crate::store::open() } }"
        ),
        ["domain/x.rs:1: `$crate::store`: domain may not import store"]
    );
}

#[test]
fn super_climbing_out_of_a_layer_is_found_and_inside_it_is_not() {
    // domain/dispute/fields.rs is domain::dispute::fields: three supers reach the root.
    assert_eq!(
        check(
            "domain/dispute/fields.rs",
            "use super::super::super::store::Store;"
        ),
        ["domain/dispute/fields.rs:1: `super::super::super::store`: domain may not import store"]
    );
    assert!(check("domain/dispute/fields.rs", "use super::super::date::Date;").is_empty());
    // A mod.rs is its folder's module: two supers from store/disputes/mod.rs reach the root.
    assert_eq!(
        check("store/disputes/mod.rs", "use super::super::tui::x;").len(),
        1
    );
    assert!(check("store/disputes/mod.rs", "use super::lookup;").is_empty());
    // An inline `mod tests` is one level deeper.
    let tests = "fn a() {}\n#[cfg(test)]\nmod tests {\n    use super::super::super::cli::say;\n}\n";
    assert_eq!(
        check("report/iku.rs", tests),
        ["report/iku.rs:4: `super::super::super::cli`: report may not import cli"]
    );
    let tests_inside = "mod tests {\n    use super::super::table;\n}\nfn b() {}\n";
    assert!(check("report/iku.rs", tests_inside).is_empty());
    // After the inline module closes, the file's own depth counts again.
    let after = "mod tests {\n    fn t() {}\n}\nuse super::super::tui;\n";
    assert_eq!(check("report/iku.rs", after).len(), 1);
}

#[test]
fn cfg_test_code_counts() {
    let src = "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::cli::demo::fill;\n}\n";
    assert_eq!(
        check("store/summaries.rs", src),
        ["store/summaries.rs:4: `crate::cli`: store may not import cli"]
    );
}

#[test]
fn the_crate_naming_itself_is_refused_in_src() {
    assert_eq!(
        check("report/x.rs", "use disnaker::domain::date;"),
        ["report/x.rs:1: `disnaker::domain`: src/ names its own crate `crate::`"]
    );
}

#[test]
fn comments_and_strings_are_not_code() {
    let src = r###"
        // use crate::store::Store;
        /* crate::tui::x /* nested */ crate::cli */
        /// Like `crate::report::iku` does.
        const A: &str = "crate::store::x and Local::now()";
        const B: &str = r#"use crate::tui; "quoted" Utc::now()"#;
        const C: char = '"';
        const D: u8 = b'\'';
        fn f<'a>(x: &'a str) -> &'a str { x }
    "###;
    assert_eq!(check("domain/x.rs", src), Vec::<String>::new());
    // And the code after them is still read.
    let after = format!("{src}\nuse crate::store::Store;\n");
    assert_eq!(check("domain/x.rs", &after).len(), 1);
}

#[test]
fn lines_are_counted_through_comments_and_strings() {
    let src = "/* one\n two */\nconst A: &str = \"a\\\n b\";\nconst B: &str = r#\"\n\"#;\nuse crate::tui;\n";
    assert_eq!(
        check("cli/x.rs", src),
        ["cli/x.rs:7: `crate::tui`: cli may not import tui"]
    );
}

#[test]
fn a_clock_read_in_domain_is_found() {
    for src in [
        "fn t() -> Date { chrono::Local::now().date_naive() }",
        "use chrono::Local;\nfn t() -> Date { Local::now().date_naive() }",
        "fn t() -> Date { Utc::now().date_naive() }",
        "fn s() { let _ = std::time::SystemTime::now(); }",
        "use std::time::{Duration, Instant};",
        "fn s() { let _ = Instant::now(); }",
    ] {
        assert!(!check("domain/calendar.rs", src).is_empty(), "{src}");
    }
    assert_eq!(
        check(
            "domain/case.rs",
            "fn t() -> Date {\n    Local::now().date_naive()\n}"
        ),
        ["domain/case.rs:2: `Local::now`: domain reads no clock (today is passed in)"]
    );
    // Above domain the clock may be read; in domain, a day passed in is fine.
    assert!(check(
        "store/mod.rs",
        "fn s() -> String { chrono::Local::now().to_string() }"
    )
    .is_empty());
    assert!(check(
        "domain/case.rs",
        "fn overdue(&self, today: Date) -> bool { true }"
    )
    .is_empty());
    assert!(check("domain/date.rs", "use chrono::{Datelike, NaiveDate};").is_empty());
}

#[test]
fn module_paths_follow_the_files() {
    assert_eq!(module_path(Path::new("lib.rs")), Vec::<String>::new());
    assert_eq!(module_path(Path::new("domain/mod.rs")), ["domain"]);
    assert_eq!(module_path(Path::new("domain/case.rs")), ["domain", "case"]);
    assert_eq!(
        module_path(Path::new("domain/dispute/mod.rs")),
        ["domain", "dispute"]
    );
}
