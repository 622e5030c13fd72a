//! `disnaker import disputes FILE [--dry-run]` (SPEC §5): all or nothing, every bad row
//! listed as `line N: column: reason`.

use super::csv_input::Columns;
use super::import::{good_records, not_imported};
use super::import_kinds::check_file;
use super::{open_store, say, CliResult};
use crate::clock::today;
use crate::domain::dispute::{Dispute, DISPUTE_FIELDS};
use crate::i18n::Lang;
use crate::msg;
use std::path::Path;

/// Columns every dispute file must have (SPEC §5). `outcome` is `pb`, `anjuran`, `court`,
/// `withdrawn`, or empty while the dispute is open.
pub const DISPUTE_REQUIRED: &[&str] = &[
    "company",
    "workers",
    "type",
    "bipartite_start",
    "bipartite_end",
    "recorded_on",
    "outcome",
    "outcome_on",
];

pub fn run(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    // Any other dispute field may be added by its name, and `stage` (read from the dates and
    // the outcome when left out).
    let columns = Columns::of_kind(DISPUTE_REQUIRED, DISPUTE_FIELDS, &["stage"]);
    let today = today();
    let parsed = check_file(file, &columns, lang, |v| {
        Dispute::from_fields(v, today).into()
    })?;
    let disputes = good_records(file, parsed, dry_run, lang)?;
    if dry_run {
        say(&msg!("cli.import.disputes_would", disputes.len()).text(lang));
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let added = store.insert_disputes(&disputes).map_err(not_imported)?;
    say(&msg!("cli.import.disputes", added).text(lang));
    Ok(())
}
