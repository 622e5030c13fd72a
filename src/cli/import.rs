//! `disnaker import <kind> FILE [--dry-run]`: all or nothing, every bad row listed.

use super::csv_input::{self, Columns, IntoRows, Parsed, RowCheck, MAX_LISTED_ROWS};
use super::progress::Progress;
use super::workbook::{self, Workbook};
use super::{open_store, say, tell, CliError, CliResult, ImportKind};
use crate::clock::today;
use crate::domain::case::{PmiCase, CASE_FIELDS};
use crate::domain::date::Date;
use crate::domain::placement::{Placement, PLACEMENT_FIELDS};
use crate::i18n::Lang;
use crate::msg;
use crate::store::{ImportOutcome, StoreError};
use std::collections::BTreeMap;
use std::io::{BufReader, Read, Seek};
use std::path::Path;
use std::sync::OnceLock;

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

/// The sheet of a workbook to read (`--sheet`); the first when not given.
static SHEET: OnceLock<Option<String>> = OnceLock::new();

/// The sheet asked for, if any.
fn sheet() -> Option<&'static str> {
    SHEET.get().and_then(|s| s.as_deref())
}

/// Import a file of the given kind into the store at `db`: CSV, or the sheet `sheet` (else
/// the first) of a workbook. Summaries and problem lines are worded in `lang`.
#[allow(clippy::too_many_arguments)]
pub fn run(
    db: &Path,
    officer: &str,
    kind: ImportKind,
    file: &Path,
    sheet: Option<&str>,
    dry_run: bool,
    lang: Lang,
) -> CliResult {
    // Every pass over the file, in whichever importer, reads the same sheet.
    let _ = SHEET.set(sheet.map(str::to_string));
    match kind {
        ImportKind::Cases => import_cases(db, officer, file, dry_run, lang),
        ImportKind::Placements => import_placements(db, officer, file, dry_run, lang),
        ImportKind::Disputes => super::import_disputes::run(db, officer, file, dry_run, lang),
        ImportKind::Trainees => super::import_trainees::run(db, officer, file, dry_run, lang),
        ImportKind::Transmigrants => {
            super::import_transmigrants::run(db, officer, file, dry_run, lang)
        }
        ImportKind::Holidays => super::import_holidays::run(db, officer, file, dry_run, lang),
        ImportKind::Jobseekers => super::import_jobseekers::run(db, officer, file, dry_run, lang),
        ImportKind::Domestic => super::import_domestic::run(db, officer, file, dry_run, lang),
    }
}

/// The import file opened for reading, or one sentence saying why not. Only a regular
/// file is read: a device (`/dev/zero`), a pipe or a folder is refused before a byte is read.
pub fn open_file(file: &Path) -> CliResult<std::fs::File> {
    let cannot = |e: std::io::Error| {
        CliError::failed(msg!("cli.cannot_read", file.display()).with(crate::i18n::Msg::io(&e)))
    };
    let meta = std::fs::metadata(file).map_err(cannot)?;
    if meta.is_dir() {
        return Err(CliError::failed(msg!("cli.read_folder", file.display())));
    }
    if !meta.is_file() {
        return Err(CliError::failed(msg!("cli.read_not_file", file.display())));
    }
    std::fs::File::open(file).map_err(cannot)
}

/// An import file opened by its content, not its name: CSV text, or a workbook's sheet.
/// Importers hand it to [`csv_input::stream`] or [`csv_input::parse`] as it is.
pub enum Input {
    Csv(Box<dyn Read>),
    Workbook(Box<Workbook<BufReader<std::fs::File>>>),
}

impl IntoRows for Input {
    fn read_rows<T>(
        self,
        columns: &Columns,
        check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
        sink: impl FnMut(u64, T),
        progress: impl FnMut(usize),
    ) -> Parsed<T> {
        match self {
            Input::Csv(r) => r.read_rows(columns, check, sink, progress),
            Input::Workbook(w) => (*w).read_rows(columns, check, sink, progress),
        }
    }
}

/// `file` opened by its content: a zip archive as a workbook (the `--sheet` asked for, else
/// its first), anything else as CSV text. A zip archive that is not a workbook, a sheet the
/// workbook does not have and an old `.xls` workbook are refused (exit 3).
fn open_input(file: &Path) -> CliResult<OpenedInput> {
    let mut opened = open_file(file)?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let cannot = |e: std::io::Error| {
        CliError::failed(msg!("cli.cannot_read", file.display()).with(crate::i18n::Msg::io(&e)))
    };
    let mut head = [0u8; 8];
    let mut got = 0;
    while got < head.len() {
        match opened.read(&mut head[got..]).map_err(cannot)? {
            0 => break,
            n => got += n,
        }
    }
    opened.rewind().map_err(cannot)?;
    let refused =
        |why| CliError::rejected(msg!("cli.import.file_refused", file.display()).with(why));
    match workbook::kind_of(&head[..got]) {
        Some(workbook::Kind::Zip) => Workbook::open_file(opened, sheet())
            .map(|b| OpenedInput::Workbook(Box::new(b)))
            .map_err(refused),
        Some(workbook::Kind::Ole) => Err(refused(msg!("cli.xlsx.old"))),
        None => Ok(OpenedInput::Csv(opened, size)),
    }
}

/// A file opened by [`open_input`], before its reading is counted for progress.
enum OpenedInput {
    Csv(std::fs::File, u64),
    Workbook(Box<Workbook<BufReader<std::fs::File>>>),
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
pub fn check_cases(
    source: impl IntoRows,
    today: Date,
    progress: impl FnMut(usize),
) -> Parsed<PmiCase> {
    let mut records = Vec::new();
    let mut parsed = stream_cases(source, today, |line, c| records.push((line, c)), progress);
    keep_records(&mut parsed, records);
    parsed
}

/// As [`check_cases`], each good case handed to `sink` as it is read, none kept.
pub fn stream_cases(
    source: impl IntoRows,
    today: Date,
    sink: impl FnMut(u64, PmiCase),
    progress: impl FnMut(usize),
) -> Parsed<PmiCase> {
    let columns = Columns::of_kind(CASE_REQUIRED, CASE_FIELDS, &[]);
    csv_input::stream(
        source,
        &columns,
        |values| PmiCase::from_fields(values, today).into(),
        sink,
        progress,
    )
}

/// The records kept while streaming, placed as [`csv_input::parse`] places them.
fn keep_records<T>(parsed: &mut Parsed<T>, records: Vec<(u64, T)>) {
    if parsed.is_ok() {
        parsed.records = records;
    } else {
        parsed.passed = records;
    }
}

/// Read `file` (CSV or a workbook, by its content) as a stream and check it with `check`
/// (which hears how many rows are done), the progress on stderr.
pub fn read_and_check<T>(
    file: &Path,
    lang: Lang,
    check: impl FnOnce(Input, &mut dyn FnMut(usize)) -> Parsed<T>,
) -> CliResult<Parsed<T>> {
    read_streamed(file, lang.t("cli.progress.checking"), check)
}

/// Read `file` (CSV or a workbook, by its content) as a stream with `read` (which hears how
/// many rows are done), the progress on stderr under `label`.
fn read_streamed<T>(
    file: &Path,
    label: &'static str,
    read: impl FnOnce(Input, &mut dyn FnMut(usize)) -> Parsed<T>,
) -> CliResult<Parsed<T>> {
    let parsed = match open_input(file)? {
        OpenedInput::Csv(opened, size) => {
            let read_bytes = std::rc::Rc::new(std::cell::Cell::new(0));
            let source = Counted {
                inner: BufReader::with_capacity(256 * 1024, opened),
                read: read_bytes.clone(),
            };
            let mut progress = Progress::of_bytes(label, size, PROGRESS_EVERY);
            let parsed = read(Input::Csv(Box::new(source)), &mut |n| {
                progress.update_share(n, read_bytes.get())
            });
            progress.finish();
            parsed
        }
        OpenedInput::Workbook(book) => {
            let mut progress = Progress::new(label, book.rows(), PROGRESS_EVERY);
            let parsed = read(Input::Workbook(book), &mut |n| progress.update(n));
            progress.finish();
            parsed
        }
    };
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
    refuse_unless_good(file, &parsed, dry_run, lang)?;
    Ok(parsed.records.into_iter().map(|(_, r)| r).collect())
}

/// The problems of a checked file printed; a file with any bad row, or no row, is refused
/// (exit 3).
pub fn refuse_unless_good<T>(
    file: &Path,
    parsed: &Parsed<T>,
    dry_run: bool,
    lang: Lang,
) -> CliResult {
    report_problems(parsed, lang);
    if !parsed.is_ok() {
        return Err(rejection(file, parsed, dry_run));
    }
    refuse_empty(file, parsed)
}

/// Read `file` once more as a stream (the write pass of a checked file), without the
/// progress of the checking.
fn read_again<T>(file: &Path, read: impl FnOnce(Input) -> Parsed<T>) -> CliResult<Parsed<T>> {
    Ok(read(match open_input(file)? {
        OpenedInput::Csv(opened, _) => {
            Input::Csv(Box::new(BufReader::with_capacity(256 * 1024, opened)))
        }
        OpenedInput::Workbook(book) => Input::Workbook(book),
    }))
}

/// The write pass read the file differently from the checking pass (it changed in between):
/// its problems are printed and nothing is written (exit 3).
fn refuse_changed<T>(file: &Path, checked: &Parsed<T>, again: &Parsed<T>, lang: Lang) -> CliResult {
    if again.is_ok() && again.rows == checked.rows {
        return Ok(());
    }
    report_problems(again, lang);
    Err(CliError::rejected(msg!(
        "cli.import.changed",
        file.display()
    )))
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

/// A case file in two passes over the stream, neither keeping the rows: the first checks
/// every row (every bad row listed, the file refused whole), the second writes them inside
/// one transaction (or, for a dry run, counts them). Memory does not grow with the file.
fn import_cases(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    let today = today();
    let checked = read_and_check(file, lang, |b, progress| {
        stream_cases(b, today, |_, _| {}, progress)
    })?;
    refuse_unless_good(file, &checked, dry_run, lang)?;
    if dry_run {
        // As for placements: a missing store is not created, the file's own repeats count.
        let store = super::import_kinds::store_for(db, officer, true)?;
        let mut preview = store.begin_case_preview()?;
        let stream = |b: Input, sink: &mut Sink<PmiCase>, p: &mut dyn FnMut(usize)| {
            stream_cases(b, today, sink, p)
        };
        second_pass(
            file,
            &checked,
            lang,
            stream,
            |c| preview.add(c),
            &mut |_| {},
        )?;
        let outcome = preview.finish()?;
        say(&msg!("cli.import.cases_would", outcome.added, outcome.duplicates).text(lang));
        tell_case_duplicates(outcome.duplicates, lang);
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let importing = lang.t("cli.progress.importing");
    let mut progress = Progress::new(importing, checked.rows, PROGRESS_EVERY);
    let mut import = store.begin_case_import().map_err(not_imported)?;
    let stream = |b: Input, sink: &mut Sink<PmiCase>, p: &mut dyn FnMut(usize)| {
        stream_cases(b, today, sink, p)
    };
    // Dropped unfinished (a refused second pass), the import writes nothing.
    second_pass(file, &checked, lang, stream, |c| import.add(c), &mut |n| {
        progress.update(n)
    })?;
    progress.finish();
    let ImportOutcome { added, duplicates } = import.finish().map_err(not_imported)?;
    // The summary line keeps the form scripts already read; why rows were skipped is said
    // beside it on stderr.
    say(&msg!("cli.import.cases", added, duplicates).text(lang));
    tell_case_duplicates(duplicates, lang);
    Ok(())
}

/// What a streaming pass hands each good row to, with its line.
type Sink<'a, T> = dyn FnMut(u64, T) + 'a;

/// The second pass over a checked file: every row read again and handed to `add` (a write
/// inside the import's transaction, or a dry run's count). After a failed `add` the rest of
/// the file is still read and nothing more is handed on; the pass is refused if an `add`
/// failed or the file no longer reads as it did when checked (it changed in between).
fn second_pass<T>(
    file: &Path,
    checked: &Parsed<T>,
    lang: Lang,
    stream: impl FnOnce(Input, &mut Sink<T>, &mut dyn FnMut(usize)) -> Parsed<T>,
    mut add: impl FnMut(&T) -> Result<(), StoreError>,
    progress: &mut dyn FnMut(usize),
) -> CliResult {
    let mut failed = None;
    let again = read_again(file, |b| {
        stream(
            b,
            &mut |_, row| {
                if failed.is_none() {
                    failed = add(&row).err();
                }
            },
            progress,
        )
    })?;
    if let Some(e) = failed {
        return Err(not_imported(e));
    }
    refuse_changed(file, checked, &again, lang)
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
    source: impl IntoRows,
    today: Date,
    progress: impl FnMut(usize),
) -> Parsed<Placement> {
    let mut records = Vec::new();
    let mut parsed = stream_placements(source, today, |line, p| records.push((line, p)), progress);
    keep_records(&mut parsed, records);
    parsed
}

/// As [`check_placements`], each good placement handed to `sink` as it is read, none kept.
pub fn stream_placements(
    source: impl IntoRows,
    today: Date,
    sink: impl FnMut(u64, Placement),
    progress: impl FnMut(usize),
) -> Parsed<Placement> {
    let required: Vec<&str> = PLACEMENT_FIELDS
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    let columns = Columns::of_kind(&required, PLACEMENT_FIELDS, &[]);
    csv_input::stream(
        source,
        &columns,
        |values| Placement::from_fields(values, today).into(),
        sink,
        progress,
    )
}

/// A placement file in ONE pass over the stream, keeping no rows: each row is checked and
/// each good one written at once inside the import's transaction; when the file had a bad
/// row (every one is still listed) or a write failed, the transaction is rolled back and
/// nothing of the file is in the store. (Checking first and writing in a second pass read
/// and checked every row twice: a third of the import's time.) A dry run checks, then
/// counts in a second pass.
fn import_placements(
    db: &Path,
    officer: &str,
    file: &Path,
    dry_run: bool,
    lang: Lang,
) -> CliResult {
    let today = today();
    if dry_run {
        return dry_run_placements(db, officer, file, today, lang);
    }
    // The file is opened before any store is: an unreadable one creates none.
    drop(open_file(file)?);
    // A store that is not there yet is made under a name of its own and given its name only
    // when the import is done: a refused import creates no store.
    let target = NewStore::for_path(db);
    let written = (|| {
        let mut store = open_store(target.path(), officer)?;
        let mut import = store.begin_placement_import().map_err(not_imported)?;
        let mut failed = None;
        let parsed = read_streamed(file, lang.t("cli.progress.importing"), |b, progress| {
            stream_placements(
                b,
                today,
                |_, p| {
                    if failed.is_none() {
                        failed = import.add(&p).err();
                    }
                },
                progress,
            )
        })?;
        // Dropped unfinished (a refused file), the import writes nothing.
        refuse_unless_good(file, &parsed, false, lang)?;
        if let Some(e) = failed {
            return Err(not_imported(e));
        }
        import.finish().map_err(not_imported)
    })();
    let ImportOutcome { added, duplicates } = target.keep_if(written)?;
    say(&msg!("cli.import.placements", added, duplicates).text(lang));
    Ok(())
}

/// `import placements --dry-run`: checked in one pass, counted in a second, neither keeping
/// the rows. A store that is not there yet is not created: an empty one in memory still
/// finds the repeats inside the file.
fn dry_run_placements(db: &Path, officer: &str, file: &Path, today: Date, lang: Lang) -> CliResult {
    let checked = read_and_check(file, lang, |b, progress| {
        stream_placements(b, today, |_, _| {}, progress)
    })?;
    refuse_unless_good(file, &checked, true, lang)?;
    let store = super::import_kinds::store_for(db, officer, true)?;
    let mut preview = store.begin_placement_preview()?;
    let stream = |b: Input, sink: &mut Sink<Placement>, p: &mut dyn FnMut(usize)| {
        stream_placements(b, today, sink, p)
    };
    second_pass(
        file,
        &checked,
        lang,
        stream,
        |p| preview.add(p),
        &mut |_| {},
    )?;
    let outcome = preview.finish()?;
    say(&msg!(
        "cli.import.placements_would",
        outcome.added,
        outcome.duplicates
    )
    .text(lang));
    Ok(())
}

/// Where an import writes: the store at its path, or, when there is none yet, a new store
/// under a hidden name beside it that takes the store's name only once the import is done
/// (and is removed when it is not).
struct NewStore {
    path: std::path::PathBuf,
    /// The store's own path, when `path` is the hidden one.
    then: Option<std::path::PathBuf>,
}

impl NewStore {
    fn for_path(db: &Path) -> NewStore {
        if db.exists() {
            return NewStore {
                path: db.to_path_buf(),
                then: None,
            };
        }
        let name = db
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        NewStore {
            path: db.with_file_name(format!(".{name}.import-{}", std::process::id())),
            then: Some(db.to_path_buf()),
        }
    }

    fn path(&self) -> &Path {
        &self.path
    }

    /// After the import (its store closed): a new store takes its name when the import was
    /// done, and is removed otherwise. A store made meanwhile by someone else at that name
    /// is never replaced: the import is then refused.
    fn keep_if<T>(self, written: CliResult<T>) -> CliResult<T> {
        let Some(db) = &self.then else {
            return written;
        };
        let kept = written.and_then(|w| {
            // A link fails where a file is already there (a rename would replace it); a
            // file system without links gets a rename while the name is still free.
            let named = match std::fs::hard_link(&self.path, db) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && !db.exists() => {
                    std::fs::rename(&self.path, db)
                }
                linked => linked,
            };
            named.map(|_| w).map_err(|e| {
                let why = msg!("cli.cannot_open_at", db.display()).with(e.to_string().into());
                CliError::failed(msg!("cli.import.nothing").with(why))
            })
        });
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", self.path.display()));
        }
        kept
    }
}

/// Warnings and errors on stderr, each `line N: column: reason`, the lists capped.
pub fn report_problems<T>(parsed: &Parsed<T>, lang: Lang) {
    let warnings = parsed.warnings.iter().map(|w| parsed.warning_text(w, lang));
    let more = |n: usize| msg!("cli.import.more_warned", n).text(lang);
    tell_capped(warnings, parsed.warned_rows, more);
    let errors = parsed.errors.iter().map(|e| parsed.line_text(e, lang));
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
