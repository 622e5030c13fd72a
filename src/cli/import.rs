//! `disnaker import <kind> FILE [--dry-run]`: all or nothing, every bad row listed.

use super::csv_input::{self, Columns, Parsed, MAX_LISTED_ROWS};
use super::progress::Progress;
use super::{open_store, say, tell, CliError, CliResult, ImportKind};
use crate::clock::today;
use crate::domain::case::{PmiCase, CASE_FIELDS};
use crate::domain::date::Date;
use crate::domain::placement::{Placement, PLACEMENT_FIELDS};
use crate::store::{ImportOutcome, StoreError};
use std::io::Read;
use std::path::Path;

/// Columns every case file must have (SPEC §5); any other case field may be added.
pub const CASE_REQUIRED: &[&str] = &[
    "name",
    "nik",
    "sex",
    "kecamatan",
    "desa",
    "country",
    "category",
    "reported_on",
    "status",
];

/// Progress is shown for files at least this long, this often.
const PROGRESS_EVERY: usize = 10_000;

/// Import a file of the given kind into the store at `db`.
pub fn run(db: &Path, officer: &str, kind: ImportKind, file: &Path, dry_run: bool) -> CliResult {
    match kind {
        ImportKind::Cases => import_cases(db, officer, file, dry_run),
        ImportKind::Placements => import_placements(db, officer, file, dry_run),
        ImportKind::Disputes => super::import_disputes::run(db, officer, file, dry_run),
        ImportKind::Trainees => super::import_trainees::run(db, officer, file, dry_run),
        ImportKind::Transmigrants => super::import_transmigrants::run(db, officer, file, dry_run),
    }
}

/// The import file opened for reading, or one sentence saying why not. Only a regular
/// file is read: a device (`/dev/zero`), a pipe or a folder is refused before a byte is read.
pub fn open_file(file: &Path) -> CliResult<std::fs::File> {
    let cannot =
        |e: std::io::Error| CliError::failed(format!("cannot read {}: {e}", file.display()));
    let meta = std::fs::metadata(file).map_err(cannot)?;
    if meta.is_dir() {
        return Err(CliError::failed(format!(
            "cannot read {}: it is a folder, not a CSV file",
            file.display()
        )));
    }
    if !meta.is_file() {
        return Err(CliError::failed(format!(
            "cannot read {}: not a regular file (a device or a pipe); give the path of a CSV file",
            file.display()
        )));
    }
    std::fs::File::open(file).map_err(cannot)
}

/// Counts the bytes read through it, for progress.
struct Counted<R> {
    inner: R,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Check a case file against the case rules as of `today`.
pub fn check_cases(source: impl Read, today: Date, progress: impl FnMut(usize)) -> Parsed<PmiCase> {
    let columns = Columns::of_kind(CASE_REQUIRED, CASE_FIELDS, &[]);
    csv_input::parse(
        source,
        &columns,
        |values| PmiCase::from_fields(values, today).into(),
        progress,
    )
}

/// Read `file` as a stream and check it with `check` (which hears how many rows are done),
/// the progress on stderr.
pub fn read_and_check<T>(
    file: &Path,
    check: impl FnOnce(&mut dyn Read, &mut dyn FnMut(usize)) -> Parsed<T>,
) -> CliResult<Parsed<T>> {
    let opened = open_file(file)?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let read = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut source = Counted {
        inner: std::io::BufReader::with_capacity(256 * 1024, opened),
        read: read.clone(),
    };
    let mut progress = Progress::of_bytes("checking rows", size, PROGRESS_EVERY);
    let parsed = check(&mut source, &mut |n| progress.update_share(n, read.get()));
    progress.finish();
    Ok(parsed)
}

/// The records of a file every row of which is good; else its problems are printed and the
/// file is refused (exit 3).
pub fn good_records<T>(file: &Path, parsed: Parsed<T>, dry_run: bool) -> CliResult<Vec<T>> {
    report_problems(&parsed);
    if !parsed.is_ok() {
        return Err(rejection(file, &parsed, dry_run));
    }
    refuse_empty(file, &parsed)?;
    Ok(parsed.records.into_iter().map(|(_, r)| r).collect())
}

/// A file with a header and no rows: nothing to write, no import and no history entry for
/// one (exit 3).
pub fn refuse_empty<T>(file: &Path, parsed: &Parsed<T>) -> CliResult {
    if parsed.rows == 0 && !parsed.file_problem {
        return Err(CliError::rejected(format!(
            "{}: the file has no rows (only its header); nothing was imported",
            file.display()
        )));
    }
    Ok(())
}

/// A store that refused to write a checked file.
pub fn not_imported(e: StoreError) -> CliError {
    CliError::failed(format!("nothing was imported: {e}"))
}

fn import_cases(db: &Path, officer: &str, file: &Path, dry_run: bool) -> CliResult {
    let checked = read_and_check(file, |b, progress| check_cases(b, today(), progress))?;
    let cases = good_records(file, checked, dry_run)?;
    if dry_run {
        // As for placements: a missing store is not created, the file's own repeats count.
        let store = super::import_kinds::store_for(db, officer, true)?;
        let outcome = store.preview_case_import(&cases)?;
        say(&format!(
            "would import {} cases ({} skipped)",
            outcome.added, outcome.duplicates
        ));
        tell_case_duplicates(outcome.duplicates);
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let mut progress = Progress::new("importing", cases.len(), PROGRESS_EVERY);
    let ImportOutcome { added, duplicates } = store
        .insert_cases(&cases, |n| progress.update(n))
        .map_err(not_imported)?;
    progress.finish();
    // The summary line keeps the form scripts already read; why rows were skipped is said
    // beside it on stderr.
    say(&format!("imported {added} cases ({duplicates} skipped)"));
    tell_case_duplicates(duplicates);
    Ok(())
}

/// Why cases were skipped: each was a duplicate of one in the store or earlier in the file.
fn tell_case_duplicates(duplicates: usize) {
    if duplicates > 0 {
        tell(&format!(
            "{duplicates} skipped as duplicates: a case with the same NIK, category and report \
             date (without a NIK: the same name, kecamatan, category and report date) is already \
             in the store or earlier in the file"
        ));
    }
}

/// Check a placement file (SPEC §5: `nik, name, sex, kecamatan, desa, country, sector,
/// scheme, occupation, departure_date`; desa, scheme and occupation may be left out or
/// empty) against the placement rules as of `today`.
pub fn check_placements(
    source: impl Read,
    today: Date,
    progress: impl FnMut(usize),
) -> Parsed<Placement> {
    let required: Vec<&str> = PLACEMENT_FIELDS
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    let columns = Columns::of_kind(&required, PLACEMENT_FIELDS, &[]);
    csv_input::parse(
        source,
        &columns,
        |values| Placement::from_fields(values, today).into(),
        progress,
    )
}

fn import_placements(db: &Path, officer: &str, file: &Path, dry_run: bool) -> CliResult {
    let checked = read_and_check(file, |b, progress| check_placements(b, today(), progress))?;
    let rows = good_records(file, checked, dry_run)?;
    if dry_run {
        // A store that is not there yet is not created by a dry run: an empty one in memory
        // still finds the repeats inside the file.
        let store = super::import_kinds::store_for(db, officer, true)?;
        let outcome = store.preview_placement_import(&rows)?;
        say(&format!(
            "would import {} placements ({} duplicates skipped)",
            outcome.added, outcome.duplicates
        ));
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let mut progress = Progress::new("importing", rows.len(), PROGRESS_EVERY);
    let ImportOutcome { added, duplicates } = store
        .import_placements(&rows, |n| progress.update(n))
        .map_err(not_imported)?;
    progress.finish();
    say(&format!(
        "imported {added} placements ({duplicates} duplicates skipped)"
    ));
    Ok(())
}

/// Warnings and errors on stderr, each `line N: column: reason`, the lists capped.
pub fn report_problems<T>(parsed: &Parsed<T>) {
    let warnings = parsed.warnings.iter().map(|w| w.as_warning());
    tell_capped(warnings, parsed.warned_rows, "rows with warnings");
    let errors = parsed.errors.iter().map(|e| e.to_string());
    tell_capped(errors, parsed.bad_rows, "bad rows");
}

/// The listed problems of `rows` rows, then how many rows were not listed.
fn tell_capped(listed: impl Iterator<Item = String>, rows: usize, what: &str) {
    for line in listed {
        tell(&line);
    }
    if rows > MAX_LISTED_ROWS {
        tell(&format!("… and {} more {what}", rows - MAX_LISTED_ROWS));
    }
}

/// The closing sentence of a refused file (exit 3).
pub fn rejection<T>(file: &Path, parsed: &Parsed<T>, dry_run: bool) -> CliError {
    let verdict = if dry_run {
        "the file would be rejected"
    } else {
        "nothing was imported"
    };
    let what = if parsed.file_problem {
        "the file cannot be read as it is (see above)".to_string()
    } else if parsed.bad_rows == 1 {
        format!("1 of {} rows has errors", parsed.rows)
    } else {
        format!("{} of {} rows have errors", parsed.bad_rows, parsed.rows)
    };
    CliError::rejected(format!("{}: {what}; {verdict}", file.display()))
}
