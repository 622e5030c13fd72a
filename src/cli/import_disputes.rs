//! `disnaker import disputes FILE [--dry-run]` (SPEC §5): all or nothing, every bad row
//! listed as `line N: column: reason`.

use super::csv_input::{Columns, Parsed, RowCheck};
use super::import_kinds::{check_file, report_and_refuse};
use super::{open_store, say, CliError, CliResult};
use crate::clock::today;
use crate::domain::date::Date;
use crate::domain::dispute::{Dispute, DISPUTE_FIELDS};
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

/// Any other dispute field may be added by its name, and `stage` (read from the dates and
/// the outcome when left out).
fn optional_columns() -> Vec<&'static str> {
    DISPUTE_FIELDS
        .iter()
        .map(|f| f.key)
        .filter(|k| !DISPUTE_REQUIRED.contains(k))
        .chain(["stage"])
        .collect()
}

/// One row against the dispute rules as of `today`.
fn check(values: &std::collections::BTreeMap<String, String>, today: Date) -> RowCheck<Dispute> {
    let (value, checked) = Dispute::from_fields(values, today);
    RowCheck {
        value,
        errors: checked.errors,
        warnings: checked.warnings,
    }
}

pub fn run(db: &Path, officer: &str, file: &Path, dry_run: bool) -> CliResult {
    let optional = optional_columns();
    let columns = Columns {
        required: DISPUTE_REQUIRED,
        optional: &optional,
    };
    let today = today();
    let parsed: Parsed<Dispute> = check_file(file, &columns, |v| check(v, today))?;
    report_and_refuse(file, &parsed, dry_run)?;
    let disputes: Vec<Dispute> = parsed.records.into_iter().map(|(_, d)| d).collect();
    if dry_run {
        say(&format!("would import {} disputes", disputes.len()));
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let added = store
        .insert_disputes(&disputes)
        .map_err(|e| CliError::failed(format!("nothing was imported: {e}")))?;
    say(&format!("imported {added} disputes"));
    Ok(())
}
