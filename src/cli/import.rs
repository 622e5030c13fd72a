//! `disnaker import <kind> FILE [--dry-run]`: all or nothing, every bad row listed.

use super::csv_input::{self, Columns, Parsed, MAX_LISTED_ROWS};
use super::progress::Progress;
use super::{open_store, say, tell, CliError, CliResult, ImportKind};
use crate::clock::today;
use crate::domain::case::{PmiCase, CASE_FIELDS};
use crate::domain::date::Date;
use crate::domain::placement::{Placement, PLACEMENT_FIELDS};
use crate::i18n::Lang;
use crate::msg;
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
/// Summaries and problem lines are worded in `lang`.
pub fn run(
    db: &Path,
    officer: &str,
    kind: ImportKind,
    file: &Path,
    dry_run: bool,
    lang: Lang,
) -> CliResult {
    match kind {
        ImportKind::Cases => import_cases(db, officer, file, dry_run, lang),
        ImportKind::Placements => import_placements(db, officer, file, dry_run, lang),
        ImportKind::Disputes => super::import_disputes::run(db, officer, file, dry_run, lang),
        ImportKind::Trainees => super::import_trainees::run(db, officer, file, dry_run, lang),
        ImportKind::Transmigrants => {
            super::import_transmigrants::run(db, officer, file, dry_run, lang)
        }
    }
}

/// The import file opened for reading, or one sentence saying why not. Only a regular
/// file is read: a device (`/dev/zero`), a pipe or a folder is refused before a byte is read.
pub fn open_file(file: &Path) -> CliResult<std::fs::File> {
    let cannot = |e: std::io::Error| CliError::failed(msg!("cli.cannot_read", file.display(), e));
    let meta = std::fs::metadata(file).map_err(cannot)?;
    if meta.is_dir() {
        return Err(CliError::failed(msg!("cli.read_folder", file.display())));
    }
    if !meta.is_file() {
        return Err(CliError::failed(msg!("cli.read_not_file", file.display())));
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
    lang: Lang,
    check: impl FnOnce(&mut dyn Read, &mut dyn FnMut(usize)) -> Parsed<T>,
) -> CliResult<Parsed<T>> {
    let opened = open_file(file)?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let read = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut source = Counted {
        inner: std::io::BufReader::with_capacity(256 * 1024, opened),
        read: read.clone(),
    };
    let checking = lang.t("cli.progress.checking");
    let mut progress = Progress::of_bytes(checking, size, PROGRESS_EVERY);
    let parsed = check(&mut source, &mut |n| progress.update_share(n, read.get()));
    progress.finish();
    Ok(parsed)
}

/// The records of a file every row of which is good; else its problems are printed and the
/// file is refused (exit 3).
pub fn good_records<T>(
    file: &Path,
    parsed: Parsed<T>,
    dry_run: bool,
    lang: Lang,
) -> CliResult<Vec<T>> {
    report_problems(&parsed, lang);
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
        return Err(CliError::rejected(msg!(
            "cli.import.no_rows",
            file.display()
        )));
    }
    Ok(())
}

/// A store that refused to write a checked file.
pub fn not_imported(e: StoreError) -> CliError {
    CliError::failed(msg!("cli.import.nothing").with(e.msg()))
}

fn import_cases(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    let checked = read_and_check(file, lang, |b, progress| check_cases(b, today(), progress))?;
    let cases = good_records(file, checked, dry_run, lang)?;
    if dry_run {
        // As for placements: a missing store is not created, the file's own repeats count.
        let store = super::import_kinds::store_for(db, officer, true)?;
        let outcome = store.preview_case_import(&cases)?;
        say(&msg!("cli.import.cases_would", outcome.added, outcome.duplicates).text(lang));
        tell_case_duplicates(outcome.duplicates, lang);
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let importing = lang.t("cli.progress.importing");
    let mut progress = Progress::new(importing, cases.len(), PROGRESS_EVERY);
    let ImportOutcome { added, duplicates } = store
        .insert_cases(&cases, |n| progress.update(n))
        .map_err(not_imported)?;
    progress.finish();
    // The summary line keeps the form scripts already read; why rows were skipped is said
    // beside it on stderr.
    say(&msg!("cli.import.cases", added, duplicates).text(lang));
    tell_case_duplicates(duplicates, lang);
    Ok(())
}

/// Why cases were skipped: each was a duplicate of one in the store or earlier in the file.
fn tell_case_duplicates(duplicates: usize, lang: Lang) {
    if duplicates > 0 {
        tell(&msg!("cli.import.case_duplicates", duplicates).text(lang));
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

fn import_placements(
    db: &Path,
    officer: &str,
    file: &Path,
    dry_run: bool,
    lang: Lang,
) -> CliResult {
    let checked = read_and_check(file, lang, |b, progress| {
        check_placements(b, today(), progress)
    })?;
    let rows = good_records(file, checked, dry_run, lang)?;
    if dry_run {
        // A store that is not there yet is not created by a dry run: an empty one in memory
        // still finds the repeats inside the file.
        let store = super::import_kinds::store_for(db, officer, true)?;
        let outcome = store.preview_placement_import(&rows)?;
        say(&msg!(
            "cli.import.placements_would",
            outcome.added,
            outcome.duplicates
        )
        .text(lang));
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let importing = lang.t("cli.progress.importing");
    let mut progress = Progress::new(importing, rows.len(), PROGRESS_EVERY);
    let ImportOutcome { added, duplicates } = store
        .import_placements(&rows, |n| progress.update(n))
        .map_err(not_imported)?;
    progress.finish();
    say(&msg!("cli.import.placements", added, duplicates).text(lang));
    Ok(())
}

/// Warnings and errors on stderr, each `line N: column: reason`, the lists capped.
pub fn report_problems<T>(parsed: &Parsed<T>, lang: Lang) {
    let warnings = parsed.warnings.iter().map(|w| w.as_warning(lang));
    let more = |n: usize| msg!("cli.import.more_warned", n).text(lang);
    tell_capped(warnings, parsed.warned_rows, more);
    let errors = parsed.errors.iter().map(|e| e.text(lang));
    let more = |n: usize| msg!("cli.import.more_bad", n).text(lang);
    tell_capped(errors, parsed.bad_rows, more);
}

/// The listed problems of `rows` rows, then how many rows were not listed (`more`).
fn tell_capped(listed: impl Iterator<Item = String>, rows: usize, more: impl Fn(usize) -> String) {
    for line in listed {
        tell(&line);
    }
    if rows > MAX_LISTED_ROWS {
        tell(&more(rows - MAX_LISTED_ROWS));
    }
}

/// The closing sentence of a refused file (exit 3).
pub fn rejection<T>(file: &Path, parsed: &Parsed<T>, dry_run: bool) -> CliError {
    let verdict = if dry_run {
        msg!("cli.import.would_reject")
    } else {
        msg!("cli.import.nothing_imported")
    };
    let what = if parsed.file_problem {
        msg!("cli.import.unreadable")
    } else if parsed.bad_rows == 1 {
        msg!("cli.import.one_bad", parsed.rows)
    } else {
        msg!("cli.import.bad", parsed.bad_rows, parsed.rows)
    };
    CliError::rejected(
        msg!("cli.import.rejected", file.display())
            .with(what)
            .with(verdict),
    )
}
