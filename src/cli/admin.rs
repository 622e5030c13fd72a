//! `disnaker backup FILE` and `disnaker check`.

use super::{open_existing_store, say, CliError, CliResult};
use crate::store::check_file;
use std::path::Path;

/// A consistent copy of the store while others keep working; never over an existing file.
pub fn backup(db: &Path, officer: &str, dest: &Path) -> CliResult {
    if dest.exists() {
        return Err(CliError::failed(format!(
            "{} already exists; choose a new name for the backup",
            dest.display()
        )));
    }
    let store = open_existing_store(db, officer)?;
    store
        .backup_to(dest)
        .map_err(|e| CliError::failed(format!("the backup failed: {e}")))?;
    say(&format!("backup written to {}", dest.display()));
    Ok(())
}

/// The store's integrity, read-only: `store OK`, or one sentence naming the first problem.
/// The store is never changed by a check (no migration, no reference data), so a damaged
/// store or an old backup can be checked safely.
pub fn check(db: &Path, _officer: &str) -> CliResult {
    if !db.exists() {
        return Err(CliError::failed(format!(
            "there is no store at {} (check --db, DISNAKER_DB or db in config.toml)",
            db.display()
        )));
    }
    let report = check_file(db).map_err(|e| {
        CliError::failed(format!("the store {} cannot be checked: {e}", db.display()))
    })?;
    let Some(first) = report.problems.first() else {
        say(&format!(
            "store OK: {} (schema {})",
            db.display(),
            report.schema
        ));
        return Ok(());
    };
    let more = match report.problems.len() {
        1 => String::new(),
        2 => ", and 1 more problem".to_string(),
        n => format!(", and {} more problems", n - 1),
    };
    Err(CliError::failed(format!(
        "the store {} is damaged ({first}{more}); restore it from the latest backup",
        db.display()
    )))
}
