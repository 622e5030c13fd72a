//! `disnaker iku [--year Y] [--format table|csv|json] [--close | --reopen [--reason TEXT]]`
//! and `disnaker export iku`: the indicators of a year, the same figures the IKU pane shows.
//! `iku --format csv` and `export iku` write the same bytes.

use super::export::{export_table, write_stdout, ExportArgs};
use super::{open_existing_store, say, tell, CliError, CliResult, ViewFormat};
use crate::i18n::Lang;
use crate::msg;
use crate::report::iku_year::{iku_table, iku_year, json, text_lines};
use crate::report::table::Format;
use std::path::Path;

/// What `disnaker iku` was asked.
#[derive(Debug, Clone)]
pub struct IkuArgs {
    pub year: i32,
    pub format: ViewFormat,
    /// Keep the year's figures as reported and guard them.
    pub close: bool,
    /// Let the year's records change again.
    pub reopen: bool,
    pub reason: Option<String>,
    pub lang: Lang,
}

pub fn run(db: &Path, officer: &str, args: &IkuArgs) -> CliResult {
    let mut store = open_existing_store(db, officer)?;
    let year = args.year;
    if args.close {
        let figures = iku_year(&store, year)?.figures_to_report();
        store.close_iku_year(year, &figures)?;
        // On stderr, so `--format csv` or `json` stays machine-readable.
        tell(&msg!("cli.iku.closed", year).text(args.lang));
    } else if args.reopen {
        store.reopen_iku_year(year, args.reason.as_deref().unwrap_or(""))?;
        tell(&msg!("cli.iku.reopened", year).text(args.lang));
    }
    let figures = iku_year(&store, year)?;
    match args.format {
        ViewFormat::Table => {
            // The table's figures are written with `.`; in Indonesian `90,00` as on pane 6.
            for line in text_lines(&figures, args.lang) {
                say(&args.lang.decimals_in(&line));
            }
            Ok(())
        }
        ViewFormat::Csv => write_stdout(&iku_table(&figures), Format::Csv),
        ViewFormat::Json => {
            let text = serde_json::to_string_pretty(&json(&figures, args.lang))
                .map_err(|e| CliError::failed(msg!("cli.iku.json", e)))?;
            say(&text);
            Ok(())
        }
    }
}

/// `export iku`: the SPEC §5 table of the year as CSV, CSV for Excel or XLSX.
pub fn export(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    export_table(db, officer, args, "iku", |store| {
        Ok(iku_table(&iku_year(store, args.year)?))
    })
}
