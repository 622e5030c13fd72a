//! `disnaker export cases --include-personal-data`: the case list with names and NIK, for an
//! officer who must hand it on (e.g. to BP3MI). Only on request, recorded in the audit history
//! (who, when, what, how many rows, format, destination), and written to a file only its owner
//! can read. Cells that a spreadsheet would run as a formula are neutralised by the table
//! writer, as in every export; NIK and phone numbers are identity cells, which CSV for Excel
//! writes so Excel keeps every digit.

use super::export::{write_stdout, ExportArgs};
use super::{open_existing_store, say, CliError, CliResult, ExportKind};
use crate::domain::case::{Fields, CASE_FIELDS};
use crate::i18n::Msg;
use crate::msg;
use crate::report::table::{Cell, Format, Table};
use std::io::IsTerminal;
use std::path::Path;

/// Columns holding an identity or phone number, which a spreadsheet must keep as text (the
/// family contact is most often a phone number).
const IDENTITY_COLUMNS: &[&str] = &["nik", "family_contact"];

/// The list's columns: the case number, every case field by its import name, the status.
pub fn case_list_header() -> Vec<String> {
    std::iter::once("id")
        .chain(CASE_FIELDS.iter().map(|f| f.key))
        .chain(std::iter::once("status"))
        .map(str::to_string)
        .collect()
}

pub fn run(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    if args.kind != ExportKind::Cases {
        return Err(CliError::failed(
            msg!("cli.export.personal_not_available").with(msg!("cli.export.list.this")),
        ));
    }
    let format = Format::from(args.format);
    let to_file = args.out.as_deref().filter(|p| *p != Path::new("-"));
    if to_file.is_none() && format.is_binary() && std::io::stdout().is_terminal() {
        return Err(CliError::failed(msg!("cli.export.xlsx_terminal")));
    }
    if let Some(path) = to_file {
        refuse_unsafe_destination(path)?;
    }
    let mut store = open_existing_store(db, officer)?;
    // The history names where the list went, whole.
    let destination = to_file.map_or("stdout".to_string(), |p| absolute(p).display().to_string());
    let format_name = match args.format {
        super::ExportFormat::Csv => "csv",
        super::ExportFormat::CsvExcel => "csv-excel",
        super::ExportFormat::Xlsx => "xlsx",
    };
    let header = case_list_header();
    let rows = store
        .export_cases_with_personal_data(args.year, format_name, &destination, |records| {
            let rows = records
                .iter()
                .map(|r| {
                    let f = r.case.to_fields();
                    header
                        .iter()
                        .map(|k| match k.as_str() {
                            "id" => Cell::Int(r.id),
                            k => {
                                let v = f.get(k).cloned().unwrap_or_default();
                                if IDENTITY_COLUMNS.contains(&k) {
                                    Cell::Id(v)
                                } else {
                                    Cell::Text(v)
                                }
                            }
                        })
                        .collect()
                })
                .collect();
            let table = Table {
                header: header.clone(),
                rows,
            };
            match to_file {
                None => write_stdout(&table, format).map_err(|e| e.message),
                Some(path) => write_private(&table, format, path),
            }
        })
        .map_err(|e| CliError::failed(msg!("cli.export.nothing").with(e.msg())))?;
    if let Some(path) = to_file {
        let said = msg!("cli.export.personal_done", args.year, path.display(), rows);
        say(&said.text(args.lang));
    }
    Ok(())
}

/// Personal data go only to a new path or over a regular file: never into a device, a pipe
/// or a folder, and never by changing the mode of a file the program did not create.
fn refuse_unsafe_destination(path: &Path) -> CliResult {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(CliError::failed(msg!(
            "cli.export.not_regular",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// `path` as the history records it: from the root.
fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Write the list under a temporary name beside `path`, readable by its owner only, flush it
/// to the disk and only then give it its name: a failed export leaves nothing half written.
fn write_private(table: &Table, format: Format, path: &Path) -> std::result::Result<(), Msg> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let part = path.with_file_name(format!(".{name}.part-{}", std::process::id()));
    let fail = |e: std::io::Error| msg!("cli.export.write", path.display(), e);
    let written = (|| {
        let mut bytes = Vec::new();
        crate::report::table::write(table, format, &mut bytes)?;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&part)?;
        std::io::Write::write_all(&mut file, &bytes)?;
        file.sync_all()?;
        std::fs::rename(&part, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written.map_err(fail)
}
