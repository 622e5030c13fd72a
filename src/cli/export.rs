//! `disnaker export <kind> [--year Y] [--out FILE|-] [--format csv|csv-excel|xlsx]`.

use super::export_kinds;
use super::{open_existing_store, say, CliError, CliResult, ExportFormat, ExportKind};
use crate::i18n::Lang;
use crate::msg;
use crate::report::table::{self, Format, Table};
use crate::store::Store;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ExportArgs {
    pub kind: ExportKind,
    /// The current year when not given.
    pub year: i32,
    /// `None` or `-`: stdout.
    pub out: Option<PathBuf>,
    pub format: ExportFormat,
    pub include_personal_data: bool,
    /// The language of the summary line and the error lines (the file's bytes never change).
    pub lang: Lang,
}

/// What an export kind is called in messages, and how its table is built.
enum Summary {
    Cases,
    Kecamatan,
    Countries,
    /// Published figures, not records: every year up to `--year`.
    Remittances,
    Domestic,
}

pub fn run(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    if args.include_personal_data && !matches!(args.kind, ExportKind::Cases) {
        // Only the cases have a list with names and NIK; a summary never carries them.
        return Err(CliError::usage(msg!("cli.export.personal_only_cases")));
    }
    let (name, summary) = match args.kind {
        ExportKind::Cases => ("cases", Summary::Cases),
        ExportKind::Kecamatan => ("kecamatan", Summary::Kecamatan),
        ExportKind::Countries => ("countries", Summary::Countries),
        ExportKind::Remittances => ("remittances", Summary::Remittances),
        ExportKind::Domestic => ("domestic", Summary::Domestic),
        ExportKind::Iku => return super::iku::export(db, officer, args),
        ExportKind::Disputes => return export_kinds::disputes(db, officer, args),
        ExportKind::Trainings => return export_kinds::trainings(db, officer, args),
        ExportKind::Transmigrants => return export_kinds::transmigrants(db, officer, args),
        ExportKind::Referrals => return export_kinds::referrals(db, officer, args),
        ExportKind::Jobseekers => return export_kinds::jobseekers(db, officer, args),
    };
    if args.include_personal_data {
        return super::export_personal::run(db, officer, args);
    }
    export_table(db, officer, args, name, |store| {
        Ok(match summary {
            Summary::Cases => crate::report::cases::case_summary(store, args.year)?,
            Summary::Kecamatan => crate::report::placements::kecamatan_table(store, args.year)?,
            Summary::Countries => crate::report::placements::countries_table(store, args.year)?,
            Summary::Remittances => crate::report::published::remittances_table(store, args.year)?,
            Summary::Domestic => crate::report::domestic::domestic_table(store, args.year)?,
        })
    })
}

/// Build the table of the kind called `name` from the store and write it where `args` say,
/// in their format. An xlsx workbook meant for the terminal is refused before any work.
pub fn export_table(
    db: &Path,
    officer: &str,
    args: &ExportArgs,
    name: &str,
    build: impl FnOnce(&Store) -> CliResult<Table>,
) -> CliResult {
    let format = Format::from(args.format);
    let to_file = args.out.as_deref().filter(|p| *p != Path::new("-"));
    if to_file.is_none() && format.is_binary() && std::io::stdout().is_terminal() {
        return Err(CliError::failed(msg!("cli.export.xlsx_terminal")));
    }
    let store = open_existing_store(db, officer)?;
    let table = build(&store)?;
    match to_file {
        None => write_stdout(&table, format),
        Some(path) => {
            write_file(&table, format, path)?;
            let said = msg!(
                "cli.export.done",
                name,
                args.year,
                path.display(),
                table.rows.len()
            );
            say(&said.text(args.lang));
            Ok(())
        }
    }
}

/// The table on stdout; a reader that stops early (`| head`) is not an error.
pub fn write_stdout(table: &Table, format: Format) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match table::write(table, format, &mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::failed(msg!("cli.export.stdout", e)))
        }
        _ => Ok(()),
    }
}

/// The table in a file, written whole or not at all.
pub fn write_file(table: &Table, format: Format, path: &Path) -> CliResult {
    let mut bytes = Vec::new();
    table::write(table, format, &mut bytes)
        .map_err(|e| CliError::failed(msg!("cli.export.build", e)))?;
    std::fs::write(path, bytes).map_err(|e| {
        CliError::failed(msg!("cli.export.write", path.display()).with(crate::i18n::Msg::io(&e)))
    })
}
