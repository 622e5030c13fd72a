//! The SQLite store: opening (pragmas, permissions), migrations, records with optimistic
//! versions, the audit history, reference data, backup and check. Only this layer writes SQL.

pub mod access;
mod audit;
mod bulk;
mod case_due;
mod case_window;
mod cases;
mod casework;
pub mod demo;
mod disputes;
mod domestic;
mod drafts;
mod iku;
mod integrity;
mod jobseekers;
mod lookup;
mod migrations;
mod personal;
pub use personal::{case_list_keys, CaseRowSink};
mod placements;
mod published;
mod record;
mod refdata;
mod stage_filter;
mod summaries;
mod trainings;
mod transmigrants;

#[cfg(test)]
mod restore_tests;

pub use access::AccessProblem;
pub use audit::{AuditEntry, Change};
pub use case_due::{DueRow, DUE_SOURCES, FOLLOWUP_DUE};
pub use case_window::CaseAnchor;
pub use cases::{
    CaseFilter, CaseImport, CaseListRow, CasePreview, CaseRecord, CaseSummaryRow, CaseYearStats,
    COUNT_CAP,
};
pub use casework::{
    CaseDocumentRecord, CaseNoteRecord, ReferralAgencyCount, ReferralDue, ReferralRecord,
    REFERRAL_ANSWER_DUE,
};
pub use disputes::{
    ComplianceRecord, DisputeFilter, DisputeRecord, DisputeSummaryRow, FacilitationRecord,
    PreventionStats,
};
pub use domestic::{
    DomesticCount, DomesticFilter, DomesticListRow, DomesticRecord, JobFairCount, JobFairListRow,
    JobFairRecord,
};
pub use drafts::Draft;
pub use iku::{IkuEntryRecord, ReportedFigure, ReportedShare, YearClosing};
pub use integrity::{check_file, CheckReport};
pub use jobseekers::{
    active_day, place_jobseeker, JobseekerCounts, JobseekerFilter, JobseekerImport,
    JobseekerListRow, JobseekerRecord, JobseekerRef, JobseekerReportRecord, JobseekerSummaryRow,
    Skipped as JobseekerSkipped,
};
pub use lookup::CaseCategoryCounts;
pub use placements::{
    ImportOutcome, PlacementFilter, PlacementImport, PlacementListRow, PlacementPreview,
    PlacementRecord, SexSectorCounts,
};
pub use record::{Col, Kept, Record, Table};
pub use stage_filter::StageFilter;
pub use trainings::{
    FollowUpRow, ImportProblem, PublishedScheme, SchemeTotals, TraineeFilter, TraineeImport,
    TraineeListRow, TraineeRecord, TrainingCounts, TrainingFilter, TrainingListRow, TrainingRecord,
    YearTotals,
};
pub use transmigrants::{
    PublishedTransmigration, QuotaRecord, StageMoved, TransmigrantFilter, TransmigrantImport,
    TransmigrantListRow, TransmigrantRecord, TransmigrantSummaryRow, TransmigrationCounts,
    WaitingRow,
};

use crate::i18n::Msg;
use crate::msg;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another officer's save before giving up. Saves take
/// milliseconds, so this is only reached when something is badly wrong.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub enum StoreError {
    /// Another officer saved the record after it was read: nothing was written.
    Conflict {
        entity: &'static str,
        id: i64,
        by: String,
        at: String,
    },
    NotFound {
        entity: &'static str,
        id: i64,
    },
    /// A rule of the domain refused the change (e.g. a status move the workflow forbids),
    /// worded by the screen or command that shows it.
    Refused(Msg),
    /// The store was written by a newer disnaker.
    NewerSchema {
        found: i64,
        supported: i64,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Db(rusqlite::Error),
}

/// A guard's sentence (written in English into the schema) as the officer's message: the
/// closed IKU year is recognised and worded in the screen's language.
fn trigger_message(message: String) -> Msg {
    let year = message
        .strip_prefix("the IKU figures of ")
        .and_then(|rest| rest.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    match year {
        Some(y) if message.contains("are closed") => msg!("s.iku.closed", y),
        _ => Msg::from(message),
    }
}

/// A record kind as a message names it (`case` → "Kasus"), from the label its table has
/// (`Table::label`, English, for logs).
pub fn entity_msg(label: &str) -> Msg {
    let key = match label {
        "case" => "kind.case",
        "case document" => "kind.case_document",
        "case note" => "kind.case_note",
        "company compliance" => "kind.compliance",
        "dispute" => "kind.dispute",
        "domestic placement" => "kind.domestic",
        "facilitation" => "kind.facilitation",
        "indicator value" => "kind.iku_entry",
        "job fair" => "kind.job_fair",
        "job seeker registration" => "kind.jobseeker",
        "job seeker report" => "kind.jobseeker_report",
        "participant" => "kind.trainee",
        "placement" => "kind.placement",
        "referral" => "kind.referral",
        "registration" => "kind.transmigrant",
        "training" => "kind.training",
        other => return Msg::from(other),
    };
    Msg::new(key, Vec::new())
}

impl StoreError {
    /// What went wrong, as a message the screen or command words in its language.
    pub fn msg(&self) -> Msg {
        match self {
            StoreError::Refused(m) => m.clone(),
            StoreError::Conflict { entity, id, by, at } => {
                msg!("s.conflict", id, by, at).with(entity_msg(entity))
            }
            StoreError::NotFound { entity, id } => msg!("s.not_found", id).with(entity_msg(entity)),
            StoreError::NewerSchema { found, supported } => {
                msg!("s.newer_schema", found, supported)
            }
            StoreError::Db(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::DatabaseBusy
                    || err.code == rusqlite::ErrorCode::DatabaseLocked =>
            {
                msg!("s.busy", BUSY_TIMEOUT.as_secs())
            }
            StoreError::Db(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::NotADatabase =>
            {
                msg!("s.not_a_database")
            }
            StoreError::Db(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::DatabaseCorrupt =>
            {
                msg!("s.damaged")
            }
            StoreError::Db(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::ReadOnly =>
            {
                msg!("s.read_only")
            }
            other => Msg::from(other.to_string()),
        }
    }

    /// What went wrong in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        self.msg().text(lang)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Conflict { entity, id, by, at } => write!(
                f,
                "{entity} #{id} was changed by {by} at {at} after you opened it; your changes were not saved"
            ),
            StoreError::NotFound { entity, id } => write!(f, "{entity} #{id} does not exist"),
            StoreError::Refused(reason) => f.write_str(&reason.en()),
            StoreError::NewerSchema { found, supported } => write!(
                f,
                "the store has schema version {found} but this disnaker knows only up to {supported}; use a newer disnaker"
            ),
            StoreError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            StoreError::Db(e) => match e {
                rusqlite::Error::SqliteFailure(err, _)
                    if err.code == rusqlite::ErrorCode::DatabaseBusy
                        || err.code == rusqlite::ErrorCode::DatabaseLocked =>
                {
                    write!(f, "the store stayed busy with other officers' saves for {} seconds; try again", BUSY_TIMEOUT.as_secs())
                }
                rusqlite::Error::SqliteFailure(err, _)
                    if err.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    write!(f, "the file is not a disnaker store (not an SQLite database)")
                }
                rusqlite::Error::SqliteFailure(err, _)
                    if err.code == rusqlite::ErrorCode::DatabaseCorrupt =>
                {
                    write!(
                        f,
                        "the store file is damaged (SQLite reports a malformed database); restore it from the latest backup"
                    )
                }
                rusqlite::Error::SqliteFailure(err, _)
                    if err.code == rusqlite::ErrorCode::ReadOnly =>
                {
                    write!(
                        f,
                        "the store cannot be written by you: the store file or its journal files \
                         (-wal, -shm) are not writable for your user; the administrator makes \
                         them group-writable (README: 'Several officers, one store')"
                    )
                }
                other => write!(f, "store error: {other}"),
            },
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            // A guard in the schema (e.g. a closed IKU year) refused the change: its message
            // is the sentence for the officer.
            rusqlite::Error::SqliteFailure(err, Some(message))
                if err.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER =>
            {
                StoreError::Refused(trigger_message(message))
            }
            e => StoreError::Db(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open store, used by one officer.
pub struct Store {
    conn: Connection,
    officer: String,
    path: PathBuf,
}

impl Store {
    /// Open (creating it if needed, readable by its owner only) and bring the schema and the
    /// reference data up to date.
    pub fn open(path: &Path, officer: &str) -> Result<Store> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let mut created = false;
        if !path.exists() {
            // Officers starting at the same moment may race to create it: the file being
            // there already is what was wanted.
            match create_private_file(path) {
                Ok(()) => created = true,
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(io(e)),
                Err(_) => {}
            }
        }
        if !created {
            // Never write into a file that is not a store: another program's database, an
            // empty file, a copy cut short.
            refuse_foreign(path, CREATION_RACE)?;
        }
        Self::open_checked(path, officer)
    }

    /// Open a store that must already be there (every command that only reads or checks):
    /// a missing path, an empty file or another program's database is refused and left as
    /// it is.
    pub fn open_existing(path: &Path, officer: &str) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Refused(msg!("cli.no_store", path.display())));
        }
        refuse_foreign(path, Duration::ZERO)?;
        Self::open_checked(path, officer)
    }

    fn open_checked(path: &Path, officer: &str) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::setup(conn, path.to_path_buf(), officer)
    }

    /// A store in memory, for tests of the layers above.
    pub fn open_in_memory(officer: &str) -> Result<Store> {
        Self::setup(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            officer,
        )
    }

    fn setup(mut conn: Connection, path: PathBuf, officer: &str) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Officers opening a brand-new store at the same moment can meet where SQLite
        // refuses at once instead of waiting (turning the file to WAL needs it alone, and
        // SQLite answers "busy" rather than deadlock): every step here may simply be run
        // again, so wait a moment and do.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        let mut pause = Duration::from_millis(5);
        loop {
            match prepare(&mut conn) {
                Err(StoreError::Db(e)) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(200));
                }
                r => break r?,
            }
        }
        Ok(Store {
            conn,
            officer: officer.to_string(),
            path,
        })
    }

    pub fn officer(&self) -> &str {
        &self.officer
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Changes whenever another connection commits: the TUI polls it to redraw on data change.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// One write transaction that takes the write lock at once, so two officers saving
    /// together wait for each other (busy timeout) instead of failing halfway.
    fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// A consistent copy of the store while others keep writing (readable by owner only).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let io = |source| StoreError::Io {
            path: dest.to_path_buf(),
            source,
        };
        if dest.exists() {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "file exists; choose a new name",
            )));
        }
        // Written under a temporary name beside the target and given the target's name only
        // when whole and checked: a backup cut short leaves no file that passes for a store
        // under the name asked for, and does not stand in the way of the next one.
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = dest.with_file_name(format!(".{name}.part-{}", std::process::id()));
        let remove_part = || {
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let mut p = part.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        };
        remove_part();
        create_private_file(&part).map_err(io)?;
        let written = self
            .conn
            .execute("VACUUM INTO ?1", [part.to_string_lossy().as_ref()])
            .map_err(StoreError::from)
            .and_then(|_| integrity::check_file(&part))
            .and_then(|report| match report.problems.first() {
                None => Ok(()),
                Some(p) => Err(StoreError::Refused(
                    format!("the copy failed its check: {p}").into(),
                )),
            })
            // A hard link gives the name without ever replacing a file that took it meanwhile.
            .and_then(|()| std::fs::hard_link(&part, dest).map_err(io));
        remove_part();
        written
    }

    /// Integrity problems, one line each; empty when the store is sound.
    pub fn check(&self) -> Result<Vec<String>> {
        integrity::problems(&self.conn)
    }

    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Pragmas, migrations and reference data: what an opening connection brings up to date.
fn prepare(conn: &mut Connection) -> Result<()> {
    // journal_mode answers with a row; WAL lets officers read while another writes.
    let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")?;
    migrations::apply(conn)?;
    refdata::load_if_changed(conn)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(err, _)
        if err.code == rusqlite::ErrorCode::DatabaseBusy
            || err.code == rusqlite::ErrorCode::DatabaseLocked)
}

/// Create an empty file that only its owner can read and write.
/// How long an empty file is given to become a store: another officer's first start may
/// have created it a moment ago and be writing it now.
const CREATION_RACE: Duration = Duration::from_secs(2);

/// Refuse `path` unless it is a disnaker store or an SQLite database with nothing in it yet
/// (one being created by another officer this very moment). Read without writing a byte: a
/// read-only connection, no journal rolled back.
fn refuse_foreign(path: &Path, wait_for_empty: Duration) -> Result<()> {
    let refuse = |why: Msg| {
        Err(StoreError::Refused(
            msg!("s.foreign", path.display()).with(why),
        ))
    };
    let started = std::time::Instant::now();
    loop {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => return refuse(msg!("s.foreign.folder")),
            Ok(m) if m.len() > 0 => break,
            Ok(_) if started.elapsed() < wait_for_empty => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Ok(_) => return refuse(msg!("s.foreign.empty")),
            Err(e) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source: e,
                })
            }
        }
    }
    let probe = || -> rusqlite::Result<(i64, bool)> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.query_row(
            "SELECT count(*), ifnull(sum(name = 'meta'), 0) > 0 FROM sqlite_schema
             WHERE type = 'table'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    };
    match probe() {
        Ok((0, _)) | Ok((_, true)) => Ok(()),
        Ok(_) => refuse(msg!("s.foreign.other_program")),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            refuse(msg!("s.foreign.not_sqlite"))
        }
        Err(rusqlite::Error::SqliteFailure(e, m))
            if e.code == rusqlite::ErrorCode::ReadOnly
                || e.code == rusqlite::ErrorCode::CannotOpen =>
        {
            let mut journal = path.as_os_str().to_owned();
            journal.push("-journal");
            if Path::new(&journal).exists() {
                return refuse(msg!("s.foreign.cut_short"));
            }
            // A store this user cannot read with their rights (another officer's journal
            // files, a folder where SQLite cannot make them): say what and why. Reached only
            // when SQLite cannot read it at all, so no connection of this process holds locks
            // on it that closing the diagnosis's files could drop (the probe is closed).
            match access::diagnose(path) {
                Some(problem) => Err(StoreError::Refused(
                    problem.message(crate::i18n::Lang::En).into(),
                )),
                None => Err(StoreError::Db(rusqlite::Error::SqliteFailure(e, m))),
            }
        }
        Err(e) => Err(StoreError::Db(e)),
    }
}

fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map(|_| ())
}

/// Local time as stored in `created_at`, `changed_at` and the audit history.
pub(crate) fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Two officers on one store file (for tests).
#[cfg(test)]
pub(crate) fn two_officers() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.db");
    let ani = Store::open(&p, "ani").unwrap();
    let budi = Store::open(&p, "budi").unwrap();
    (dir, ani, budi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_is_private_and_current() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/t.db");
        let s = Store::open(&p, "ani").unwrap();
        assert_eq!(s.schema_version().unwrap(), migrations::LATEST);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let mode: String = s
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = s
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(s);
        // reopening is harmless
        let s = Store::open(&p, "budi").unwrap();
        assert!(s.check().unwrap().is_empty());
    }

    #[test]
    fn a_read_only_store_names_the_fix() {
        // What SQLite answers when another user's journal files (or the store) are not
        // writable: the officer reads what to ask for, not SQLite's words.
        let e = StoreError::Db(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some("attempt to write a readonly database".into()),
        ));
        let said = e.to_string();
        assert!(
            said.contains("-wal, -shm") && said.contains("Several officers"),
            "{said}"
        );
        assert!(!said.contains("attempt to write"), "{said}");
    }

    #[test]
    fn an_existing_file_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("shared.db");
        // Created once, then shared with the group (README's setup); an empty file is not a
        // store and is refused (issue 14).
        drop(Store::open(&p, "admin").unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o660)).unwrap();
            Store::open(&p, "ani").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o660);
        }
    }

    #[test]
    fn a_file_that_is_not_a_store_is_refused_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("notes.db");
        std::fs::write(
            &p,
            b"this is a text file, not a database, and it is long enough",
        )
        .unwrap();
        let err = Store::open(&p, "ani").err().unwrap().to_string();
        assert!(err.contains("not a disnaker store"), "{err}");
    }

    #[test]
    fn backup_is_a_private_consistent_copy() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("a.db"), "ani").unwrap();
        let b = dir.path().join("b.db");
        s.backup_to(&b).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&b).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let copy = Store::open(&b, "ani").unwrap();
        assert!(copy.check().unwrap().is_empty());
        assert!(s.backup_to(&b).is_err(), "never overwrite an existing file");
    }
}
