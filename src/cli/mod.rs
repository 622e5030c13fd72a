//! The non-interactive subcommands: import, export, lookup, iku, demo, backup, check.
//!
//! Each returns `Ok(())` or a [`CliError`] carrying the exit code and one plain sentence;
//! `main` prints it as `disnaker: <sentence>`.

pub mod admin;
pub mod case;
pub mod csv_input;
pub mod demo;
pub mod export;
pub mod export_kinds;
pub mod export_personal;
pub mod iku;
pub mod import;
pub mod import_columns;
pub mod import_disputes;
pub mod import_domestic;
pub mod import_holidays;
pub mod import_jobseekers;
pub mod import_kinds;
pub mod import_trainees;
pub mod import_transmigrants;
pub mod indicators;
pub mod lookup;
pub mod progress;
pub mod usage;
pub mod workbook;

use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::store::{Store, StoreError};
use std::path::Path;

/// Exit codes (SPEC §5).
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_REJECTED: u8 = 3;

/// A subcommand that did not succeed: the exit code and one sentence for the officer,
/// worded in the command's language when `main` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub code: u8,
    pub message: Msg,
}

impl CliError {
    /// Something went wrong (exit 1).
    pub fn failed(message: impl Into<Msg>) -> CliError {
        CliError {
            code: EXIT_FAILURE,
            message: message.into(),
        }
    }

    /// The input was refused (exit 3); the details were already printed.
    pub fn rejected(message: impl Into<Msg>) -> CliError {
        CliError {
            code: EXIT_REJECTED,
            message: message.into(),
        }
    }

    /// The command line asks for something that does not go together (exit 2).
    pub fn usage(message: impl Into<Msg>) -> CliError {
        CliError {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }

    /// A feature the command line names but this version does not have yet (exit 1).
    pub fn not_available(what: &str) -> CliError {
        CliError::failed(msg!("cli.not_available", what))
    }

    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message.text(lang)
    }
}

/// In English (logs, tests); `main` prints [`CliError::text`].
impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.en())
    }
}

impl std::error::Error for CliError {}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::failed(e.msg())
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

/// What `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    Placements,
    Cases,
    Disputes,
    Trainees,
    Transmigrants,
    /// National holidays and collective leave of a year (date,kind,name), for working days
    Holidays,
    Jobseekers,
    /// Domestic placements (AKL / AKAD)
    Domestic,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    Iku,
    Kecamatan,
    Countries,
    Cases,
    Disputes,
    Trainings,
    Transmigrants,
    /// Per partner agency: referrals sent, answered, answered on time, overdue
    Referrals,
    /// The remittances per bank published in LKjIP table 3.18, every year up to --year
    Remittances,
    /// Job seekers registered, placed and expired by kecamatan × sex × education
    Jobseekers,
    /// Domestic placements (AKL / AKAD) by kind × how × sex
    Domestic,
}

/// The file formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ExportFormat {
    #[default]
    Csv,
    CsvExcel,
    Xlsx,
}

impl From<ExportFormat> for crate::report::table::Format {
    fn from(f: ExportFormat) -> Self {
        use crate::report::table::Format;
        match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::CsvExcel => Format::CsvExcel,
            ExportFormat::Xlsx => Format::Xlsx,
        }
    }
}

/// The output formats of `lookup` and `iku`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ViewFormat {
    #[default]
    Table,
    Csv,
    Json,
}

/// Open the store, creating it on first use (the TUI, import, demo).
pub fn open_store(path: &Path, officer: &str) -> CliResult<Store> {
    Store::open(path, officer).map_err(|e| open_error(path, e))
}

/// Open a store that must already exist: reading or checking a store that is not there is
/// more likely a mistyped `--db` than a wish for an empty one.
pub fn open_existing_store(path: &Path, officer: &str) -> CliResult<Store> {
    if !path.exists() {
        return Err(CliError::failed(msg!("cli.no_store", path.display())));
    }
    Store::open_existing(path, officer).map_err(|e| open_error(path, e))
}

fn open_error(path: &Path, e: StoreError) -> CliError {
    match e {
        // Already names the file.
        StoreError::Io { .. } => CliError::failed(msg!("cli.cannot_open").with(e.msg())),
        // Already names the file and says nothing was changed.
        StoreError::Refused(_) => CliError::failed(e.msg()),
        e => CliError::failed(msg!("cli.cannot_open_at", path.display()).with(e.msg())),
    }
}

/// A line for the officer on stdout (a closed pipe is not worth failing over).
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// A line on stderr: problems, warnings.
pub fn tell(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
