//! What the importers of disputes, trainees and transmigrant families share: reading and
//! checking the file, the store a dry run checks against, and putting the store's own
//! refusals (a family already registered, a training named ambiguously) in the same
//! `line N: column: reason` list as the file's problems.

use super::csv_input::{self, Columns, LineError, Parsed, RowCheck, MAX_LISTED_ROWS};
use super::import::{read_file, rejection, report_problems};
use super::progress::Progress;
use super::{open_store, CliResult};
use crate::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Progress is shown for files at least this long, this often.
const PROGRESS_EVERY: usize = 10_000;

/// Read `file` and check every row with `check`.
pub fn check_file<T>(
    file: &Path,
    columns: &Columns,
    check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
) -> CliResult<Parsed<T>> {
    let bytes = read_file(file)?;
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    let mut progress = Progress::new("checking rows", lines, PROGRESS_EVERY);
    let parsed = csv_input::parse(&bytes, columns, check, |n| progress.update(n));
    progress.finish();
    Ok(parsed)
}

/// Print the problems (the file's, or the store's verdict); a file with any error is refused
/// (exit 3).
pub fn report_and_refuse<T>(file: &Path, parsed: &Parsed<T>, dry_run: bool) -> CliResult {
    report_problems(parsed);
    if parsed.is_ok() {
        Ok(())
    } else {
        Err(rejection(file, parsed, dry_run))
    }
}

/// The store the rows are checked against. A dry run does not create a store that is not
/// there yet: an empty one in memory stands in for it.
pub fn store_for(db: &Path, officer: &str, dry_run: bool) -> CliResult<Store> {
    if dry_run && !db.exists() {
        Ok(Store::open_in_memory(officer)?)
    } else {
        open_store(db, officer)
    }
}

/// The store's verdict on rows that passed the file checks, shaped like a checked file so
/// that it is printed and counted the same way: `rows` data rows, `errors` and `warnings`
/// in any order (listed by line, the first [`MAX_LISTED_ROWS`] rows of each in full).
pub fn store_verdict(rows: usize, errors: Vec<LineError>, warnings: Vec<LineError>) -> Parsed<()> {
    let (bad_rows, errors) = capped(errors);
    let (warned_rows, warnings) = capped(warnings);
    Parsed {
        records: Vec::new(),
        rows,
        bad_rows,
        errors,
        warned_rows,
        warnings,
        file_problem: false,
    }
}

/// Sorted by line (stable: a row's problems keep their order), the problems of the first
/// [`MAX_LISTED_ROWS`] lines kept; and how many lines had any.
fn capped(mut problems: Vec<LineError>) -> (usize, Vec<LineError>) {
    problems.sort_by_key(|p| p.line);
    let lines: BTreeSet<u64> = problems.iter().map(|p| p.line).collect();
    if let Some(first_unlisted) = lines.iter().nth(MAX_LISTED_ROWS) {
        problems.retain(|p| p.line < *first_unlisted);
    }
    (lines.len(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_is_sorted_counted_by_line_and_capped() {
        let mut errors = vec![
            LineError::new(9, "nik", "b"),
            LineError::new(3, "year", "a"),
            LineError::new(9, "sex", "c"),
        ];
        let v = store_verdict(10, errors.clone(), vec![]);
        assert_eq!(v.bad_rows, 2);
        let shown: Vec<String> = v.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            shown,
            ["line 3: year: a", "line 9: nik: b", "line 9: sex: c"]
        );
        assert!(!v.is_ok());
        assert!(store_verdict(10, vec![], vec![]).is_ok());

        for line in 100..(100 + MAX_LISTED_ROWS as u64 + 5) {
            errors.push(LineError::new(line, "nik", "x"));
        }
        let v = store_verdict(1000, errors, vec![]);
        assert_eq!(v.bad_rows, MAX_LISTED_ROWS + 7);
        let listed: BTreeSet<u64> = v.errors.iter().map(|e| e.line).collect();
        assert_eq!(listed.len(), MAX_LISTED_ROWS);
        assert_eq!(v.errors.len(), MAX_LISTED_ROWS + 1, "line 9 has two");
    }
}
