//! `disnaker indicators [--year Y] [--format table|csv|json]`: the programme and activity
//! indicators of LKjIP table 3.23 for a year, the same figures as pane 6's second view.

use super::export::write_stdout;
use super::{open_existing_store, say, CliError, CliResult, ViewFormat};
use crate::i18n::Lang;
use crate::msg;
use crate::report::indicators::{indicators_json, indicators_table, programme_year, text_lines};
use crate::report::table::Format;
use std::path::Path;

pub fn run(db: &Path, officer: &str, year: i32, format: ViewFormat, lang: Lang) -> CliResult {
    let store = open_existing_store(db, officer)?;
    let figures = programme_year(&store, year)?;
    match format {
        ViewFormat::Table => {
            for line in text_lines(&figures, lang) {
                say(&line);
            }
            Ok(())
        }
        ViewFormat::Csv => write_stdout(&indicators_table(&figures), Format::Csv),
        ViewFormat::Json => {
            let text = serde_json::to_string_pretty(&indicators_json(&figures))
                .map_err(|e| CliError::failed(msg!("cli.iku.json", e)))?;
            say(&text);
            Ok(())
        }
    }
}
