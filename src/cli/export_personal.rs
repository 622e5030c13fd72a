//! `disnaker export cases --include-personal-data`: the case list with names and NIK, for an
//! officer who must hand it on (e.g. to BP3MI). Only on request, recorded in the audit history
//! (who, when, what, how many rows, format, destination), and written to a file only its owner
//! can read. Cells that a spreadsheet would run as a formula are neutralised by the table
//! writer, as in every export; NIK and phone numbers are identity cells, which CSV for Excel
//! writes so Excel keeps every digit.

use super::export::ExportArgs;
use super::{open_existing_store, say, CliError, CliResult, ExportKind};
use crate::i18n::Msg;
use crate::msg;
use crate::report::table::{Cell, Format, RowWriter};
use crate::store::case_list_keys;
use std::io::IsTerminal;
use std::path::Path;

/// Columns holding an identity or phone number, which a spreadsheet must keep as text (the
/// family contact is most often a phone number).
const IDENTITY_COLUMNS: &[&str] = &["nik", "family_contact"];

/// The list's columns: the case number, every case field by its import name, the status.
pub fn case_list_header() -> Vec<String> {
    std::iter::once("id")
        .chain(case_list_keys())
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
        .export_cases_with_personal_data(args.year, format_name, &destination, |each_case| {
            // Each case is made a row and written as it is read: the list is never held.
            // One row of cells for the whole list, each field's text copied into its cell
            // straight from the store's row.
            let mut cells: Vec<Cell> = header
                .iter()
                .map(|k| match k.as_str() {
                    "id" => Cell::Int(0),
                    k if IDENTITY_COLUMNS.contains(&k) => Cell::Id(String::new()),
                    _ => Cell::Text(String::new()),
                })
                .collect();
            let mut write_rows = |w: &mut dyn FnMut(&[Cell]) -> std::io::Result<()>| {
                each_case(&mut |id, fields| {
                    let mut fields = fields.iter();
                    for cell in cells.iter_mut() {
                        match cell {
                            Cell::Int(n) => *n = id,
                            Cell::Id(text) | Cell::Text(text) => {
                                text.clear();
                                text.push_str(fields.next().copied().unwrap_or_default());
                            }
                            _ => {}
                        }
                    }
                    w(&cells).map_err(|e| Msg::from(e.to_string()))
                })
            };
            match to_file {
                None => write_stdout_rows(&header, format, &mut write_rows),
                Some(path) => write_private(&header, format, path, &mut write_rows),
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

/// What hands the rows of a list to a row writer, one at a time.
type RowSource<'a> =
    dyn FnMut(&mut dyn FnMut(&[Cell]) -> std::io::Result<()>) -> Result<(), Msg> + 'a;

/// The list on stdout as its rows come; a reader that stops early (`| head`) is not an error.
fn write_stdout_rows(
    header: &[String],
    format: Format,
    rows: &mut RowSource<'_>,
) -> Result<(), Msg> {
    let fail = |e: std::io::Error| msg!("cli.export.stdout", e);
    let out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout());
    let mut w = RowWriter::new(header, format, out).map_err(fail)?;
    let mut broken = false;
    rows(&mut |cells| {
        // After a closed pipe the rest is read and dropped: the history still says
        // the list was handed out, as before.
        if !broken {
            if let Err(e) = w.row(cells) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e);
                }
                broken = true;
            }
        }
        Ok(())
    })?;
    match w.finish() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe && !broken => Err(fail(e)),
        _ => Ok(()),
    }
}

/// Write the list under a temporary name beside `path`, readable by its owner only, as its
/// rows come, flush it to the disk and only then give it its name: a failed export leaves
/// nothing half written.
fn write_private(
    header: &[String],
    format: Format,
    path: &Path,
    rows: &mut RowSource<'_>,
) -> std::result::Result<(), Msg> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let part = path.with_file_name(format!(".{name}.part-{}", std::process::id()));
    let fail =
        |e: std::io::Error| msg!("cli.export.write", path.display()).with(crate::i18n::Msg::io(&e));
    let mut opened = false;
    let written = (|| {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&part).map_err(fail)?;
        opened = true;
        let out = std::io::BufWriter::with_capacity(64 * 1024, file);
        let mut w = RowWriter::new(header, format, out).map_err(fail)?;
        rows(&mut |cells| w.row(cells))?;
        let file = w
            .finish()
            .map_err(fail)?
            .into_inner()
            .map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&part, path).map_err(fail)
    })();
    if written.is_err() && opened {
        let _ = std::fs::remove_file(&part);
    }
    written
}
