//! What the importers of disputes, trainees and transmigrant families share: reading and
//! checking the file, the store a dry run checks against, and putting the store's own
//! refusals (a family already registered, a training named ambiguously) in the same
//! `line N: column: reason` list as the file's problems, so that one run names every bad row.

use super::csv_input::{self, Columns, LineError, Parsed, RowCheck, MAX_LISTED_ROWS};
use super::import::{read_and_check, rejection, report_problems};
use super::{open_store, CliResult};
use crate::i18n::Lang;
use crate::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Read `file` and check every row with `check`.
pub fn check_file<T>(
    file: &Path,
    columns: &Columns,
    lang: Lang,
    check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
) -> CliResult<Parsed<T>> {
    read_and_check(file, lang, |source, progress| {
        csv_input::parse(source, columns, check, progress)
    })
}

/// Print the problems; a file with any error is refused (exit 3).
pub fn report_and_refuse<T>(
    file: &Path,
    parsed: &Parsed<T>,
    dry_run: bool,
    lang: Lang,
) -> CliResult {
    report_problems(parsed, lang);
    if parsed.is_ok() {
        Ok(())
    } else {
        Err(rejection(file, parsed, dry_run))
    }
}

/// A file that cannot be read as rows at all (encoding, header) is refused at once; there
/// are no rows for the store to judge.
pub fn refuse_unreadable<T>(
    file: &Path,
    parsed: &Parsed<T>,
    dry_run: bool,
    lang: Lang,
) -> CliResult {
    if parsed.file_problem {
        report_and_refuse(file, parsed, dry_run, lang)
    } else {
        super::import::refuse_empty(file, parsed)
    }
}

/// The rows the store is to judge: all of them, or when some are bad already, the others.
pub fn rows_to_judge<T>(parsed: &Parsed<T>) -> &[(u64, T)] {
    if parsed.is_ok() {
        &parsed.records
    } else {
        &parsed.passed
    }
}

/// The store to check against. A dry run does not create a store that is not there yet: an
/// empty one in memory stands in for it.
pub fn store_for(db: &Path, officer: &str, dry_run: bool) -> CliResult<Store> {
    if dry_run && !db.exists() {
        Ok(Store::open_in_memory(officer)?)
    } else {
        open_store(db, officer)
    }
}

/// The file's problems and the store's verdict on the rows that passed them (`errors`,
/// `warnings`, in any order), as one checked file: listed by line, the first
/// [`MAX_LISTED_ROWS`] rows of each in full, every bad row counted.
pub fn verdict<T>(
    parsed: &Parsed<T>,
    errors: Vec<LineError>,
    warnings: Vec<LineError>,
) -> Parsed<()> {
    // The store names columns by their English names; the file may name them otherwise.
    let named = |mut e: LineError| {
        e.column = parsed.heading(&e.column);
        e
    };
    let errors: Vec<LineError> = errors.into_iter().map(named).collect();
    let warnings: Vec<LineError> = warnings.into_iter().map(named).collect();
    // The store judged only rows without problems: its lines are new bad rows.
    let store_bad: BTreeSet<u64> = errors.iter().map(|e| e.line).collect();
    let store_warned: BTreeSet<u64> = warnings
        .iter()
        .map(|w| w.line)
        .filter(|l| !parsed.warnings.iter().any(|w| w.line == *l))
        .collect();
    Parsed {
        records: Vec::new(),
        passed: Vec::new(),
        rows: parsed.rows,
        bad_rows: parsed.bad_rows + store_bad.len(),
        errors: capped(parsed.errors.iter().cloned().chain(errors).collect()),
        warned_rows: parsed.warned_rows + store_warned.len(),
        warnings: capped(parsed.warnings.iter().cloned().chain(warnings).collect()),
        file_problem: parsed.file_problem,
        sheet: parsed.sheet.clone(),
        headings: parsed.headings.clone(),
    }
}

/// Sorted by line (stable: a row's problems keep their order), those of the first
/// [`MAX_LISTED_ROWS`] lines kept.
fn capped(mut problems: Vec<LineError>) -> Vec<LineError> {
    problems.sort_by_key(|p| p.line);
    let lines: BTreeSet<u64> = problems.iter().map(|p| p.line).collect();
    if let Some(first_unlisted) = lines.iter().nth(MAX_LISTED_ROWS) {
        problems.retain(|p| p.line < *first_unlisted);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: Columns = Columns {
        required: &["name"],
        optional: std::borrow::Cow::Borrowed(&[]),
    };

    fn parse(text: &str) -> Parsed<String> {
        csv_input::parse(
            text.as_bytes(),
            &COLUMNS,
            |v| RowCheck {
                value: v.get("name").cloned(),
                errors: Vec::new(),
                warnings: Vec::new(),
            },
            |_| {},
        )
    }

    fn shown(p: &Parsed<()>) -> Vec<String> {
        p.errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn the_store_verdict_joins_the_file_problems_in_line_order() {
        let parsed = parse("name\nSiti\nBudi,x\nAni\nTono\n");
        assert_eq!(rows_to_judge(&parsed).len(), 3);
        let v = verdict(
            &parsed,
            vec![
                LineError::new(5, "nik", "b"),
                LineError::new(2, "year", "a"),
                LineError::new(5, "sex", "c"),
            ],
            vec![LineError::new(4, "nik", "w")],
        );
        assert_eq!(
            shown(&v),
            [
                "line 2: year: a",
                "line 3: row: expected 1 columns, found 2",
                "line 5: nik: b",
                "line 5: sex: c",
            ]
        );
        assert_eq!((v.rows, v.bad_rows, v.warned_rows), (4, 3, 1));
        assert!(!v.is_ok());

        let good = parse("name\nSiti\n");
        assert_eq!(rows_to_judge(&good).len(), 1);
        assert!(verdict(&good, vec![], vec![]).is_ok());
    }

    #[test]
    fn only_the_first_bad_rows_are_listed() {
        let parsed = parse("name\nSiti\n");
        let errors: Vec<LineError> = (0..(MAX_LISTED_ROWS as u64 + 5))
            .flat_map(|l| {
                [
                    LineError::new(l + 2, "nik", "x"),
                    LineError::new(l + 2, "sex", "y"),
                ]
            })
            .collect();
        let v = verdict(&parsed, errors, vec![]);
        assert_eq!(v.bad_rows, MAX_LISTED_ROWS + 5);
        assert_eq!(v.errors.len(), 2 * MAX_LISTED_ROWS);
        assert_eq!(v.errors.last().unwrap().line, MAX_LISTED_ROWS as u64 + 1);
    }
}
