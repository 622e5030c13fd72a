//! `disnaker backup FILE` and `disnaker check`.

use super::{open_existing_store, say, CliError, CliResult};
use crate::i18n::Lang;
use crate::store::{access, check_file};
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
/// store or an old backup can be checked safely. With `repair`, summaries found out of step
/// with their records are counted again first (the one change a check may make, and only
/// when asked). A store this officer cannot write (the store, its journal files, or the folder
/// where SQLite makes them: another officer's read of a store left at 644) is named first,
/// with its owner and mode and the group setup to ask for, in `lang`.
pub fn check(db: &Path, officer: &str, repair: bool, lang: Lang) -> CliResult {
    if !db.exists() {
        return Err(CliError::failed(format!(
            "there is no store at {} (check --db, DISNAKER_DB or db in config.toml)",
            db.display()
        )));
    }
    // A store whose saves would fail for this officer is named first, instead of "store OK"
    // or SQLite's own words; asked before any connection of this process is open (the test
    // opens the files itself) and before a long integrity check.
    if let Some(problem) = access::diagnose(db) {
        return Err(CliError::failed(problem.message(lang)));
    }
    let cannot = |e: crate::store::StoreError| {
        CliError::failed(format!("the store {} cannot be checked: {e}", db.display()))
    };
    let report = check_file(db).map_err(cannot)?;
    if report.problems.is_empty() && !report.out_of_step.is_empty() && repair {
        let mut store = open_existing_store(db, officer)?;
        let repaired = store
            .repair_summaries()
            .map_err(|e| CliError::failed(format!("the summaries were not counted again: {e}")))?;
        for (what, n) in repaired {
            say(&format!("counted again: {what} ({} differed)", places(n)));
        }
        drop(store);
        return check(db, officer, false, lang);
    }
    if let Some(first) = report.problems.first() {
        let more = match report.problems.len() {
            1 => String::new(),
            2 => ", and 1 more problem".to_string(),
            n => format!(", and {} more problems", n - 1),
        };
        return Err(CliError::failed(format!(
            "the store {} is damaged ({first}{more}); restore it from the latest backup",
            db.display()
        )));
    }
    if !report.out_of_step.is_empty() {
        let parts: Vec<String> = report
            .out_of_step
            .iter()
            .map(|(what, n)| format!("{what} in {}", places(*n)))
            .collect();
        return Err(CliError::failed(format!(
            "the store {} is sound, but its summaries differ from its records ({}: rows \
             written outside disnaker?); run disnaker check --repair to count them again",
            db.display(),
            parts.join(", ")
        )));
    }
    if let Some(cut) = report.demo_cut_short {
        return Err(CliError::failed(format!(
            "the store {} is sound, but {cut}: its figures are not the demo's; delete the file \
             and run disnaker demo again",
            db.display()
        )));
    }
    if repair {
        say("nothing to count again");
    }
    say(&format!(
        "store OK: {} (schema {})",
        db.display(),
        report.schema
    ));
    Ok(())
}

/// `1 place`, `3 places`.
fn places(n: i64) -> String {
    if n == 1 {
        "1 place".to_string()
    } else {
        format!("{n} places")
    }
}
