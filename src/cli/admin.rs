//! `disnaker backup FILE` and `disnaker check`.

use super::{open_existing_store, say, tell, CliError, CliResult};
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

/// The store's integrity: `store OK`, or one sentence per problem.
pub fn check(db: &Path, officer: &str) -> CliResult {
    let store = open_existing_store(db, officer)?;
    let problems = store.check()?;
    if problems.is_empty() {
        say(&format!(
            "store OK: {} (schema {})",
            db.display(),
            store.schema_version()?
        ));
        return Ok(());
    }
    for p in &problems {
        tell(p);
    }
    Err(CliError::failed(format!(
        "the store {} has {} integrity problem{}",
        db.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )))
}
