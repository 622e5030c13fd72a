//! `disnaker export cases --include-personal-data`: the case list with names and NIK, for an
//! officer who must hand it on (e.g. to BP3MI). Only on request, recorded in the audit history
//! (who, when, what, how many rows, format, destination), and written to a file only its owner
//! can read. Cells that a spreadsheet would run as a formula are neutralised by the table
//! writer, as in every export.

use super::export::{write_file, write_stdout, ExportArgs};
use super::{open_existing_store, say, CliError, CliResult, ExportKind};
use crate::domain::case::{Fields, CASE_FIELDS};
use crate::report::table::{Cell, Format, Table};
use std::io::IsTerminal;
use std::path::Path;

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
        return Err(CliError::not_available(
            "exporting this list with personal data",
        ));
    }
    let format = Format::from(args.format);
    let to_file = args.out.as_deref().filter(|p| *p != Path::new("-"));
    if to_file.is_none() && format.is_binary() && std::io::stdout().is_terminal() {
        return Err(CliError::failed(
            "an xlsx workbook cannot be shown in the terminal; use --out FILE",
        ));
    }
    let mut store = open_existing_store(db, officer)?;
    let destination = to_file.map_or("stdout".to_string(), |p| p.display().to_string());
    let format_name = match args.format {
        super::ExportFormat::Csv => "csv",
        super::ExportFormat::CsvExcel => "csv-excel",
        super::ExportFormat::Xlsx => "xlsx",
    };
    let records = store
        .export_cases_with_personal_data(args.year, format_name, &destination)
        .map_err(|e| CliError::failed(format!("nothing was exported: {e}")))?;
    let header = case_list_header();
    let rows = records
        .iter()
        .map(|r| {
            let f = r.case.to_fields();
            header
                .iter()
                .map(|k| match k.as_str() {
                    "id" => Cell::Int(r.id),
                    k => Cell::Text(f.get(k).cloned().unwrap_or_default()),
                })
                .collect()
        })
        .collect();
    let table = Table { header, rows };
    match to_file {
        None => write_stdout(&table, format),
        Some(path) => {
            create_private(path)?;
            write_file(&table, format, path)?;
            say(&format!(
                "exported the case list {} with personal data to {} ({} rows; recorded in the history)",
                args.year,
                path.display(),
                table.rows.len()
            ));
            Ok(())
        }
    }
}

/// Make `path` a file only its owner can read and write (tightening one that exists) before
/// personal data go into it.
fn create_private(path: &Path) -> CliResult {
    let fail =
        |e: std::io::Error| CliError::failed(format!("cannot write {}: {e}", path.display()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        opts.mode(0o600);
        opts.open(path).map_err(fail)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(fail)?;
    }
    #[cfg(not(unix))]
    opts.open(path).map_err(fail)?;
    Ok(())
}
