//! `disnaker backup FILE` and `disnaker check`.

use super::{open_existing_store, say, CliError, CliResult};
use crate::i18n::Lang;
use crate::msg;
use crate::store::{access, check_file};
use std::path::Path;

/// A consistent copy of the store while others keep working; never over an existing file.
pub fn backup(db: &Path, officer: &str, dest: &Path, lang: Lang) -> CliResult {
    if dest.exists() {
        return Err(CliError::failed(msg!("cli.backup.exists", dest.display())));
    }
    let store = open_existing_store(db, officer)?;
    store
        .backup_to(dest)
        .map_err(|e| CliError::failed(msg!("cli.backup.failed").with(e.msg())))?;
    say(&msg!("cli.backup.done", dest.display()).text(lang));
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
        return Err(CliError::failed(msg!("cli.no_store", db.display())));
    }
    // A store whose saves would fail for this officer is named first, instead of "store OK"
    // or SQLite's own words; asked before any connection of this process is open (the test
    // opens the files itself) and before a long integrity check.
    if let Some(problem) = access::diagnose(db) {
        return Err(CliError::failed(problem.message(lang)));
    }
    let cannot = |e: crate::store::StoreError| {
        CliError::failed(msg!("cli.check.cannot", db.display()).with(e.msg()))
    };
    let report = check_file(db).map_err(cannot)?;
    if report.problems.is_empty() && !report.out_of_step.is_empty() && repair {
        let mut store = open_existing_store(db, officer)?;
        let repaired = store
            .repair_summaries()
            .map_err(|e| CliError::failed(msg!("cli.check.not_repaired").with(e.msg())))?;
        for (what, n) in repaired {
            say(&msg!("cli.check.repaired", what).with(places(n)).text(lang));
        }
        drop(store);
        return check(db, officer, false, lang);
    }
    if let Some(first) = report.problems.first() {
        let more = match report.problems.len() {
            1 => msg!("msg.verbatim", ""),
            2 => msg!("cli.check.one_more"),
            n => msg!("cli.check.more", n - 1),
        };
        return Err(CliError::failed(
            msg!("cli.check.damaged", db.display(), first).with(more),
        ));
    }
    if !report.out_of_step.is_empty() {
        let parts: Vec<String> = report
            .out_of_step
            .iter()
            .map(|(what, n)| msg!("cli.check.in", what).with(places(*n)).text(lang))
            .collect();
        return Err(CliError::failed(msg!(
            "cli.check.out_of_step",
            db.display(),
            parts.join(", ")
        )));
    }
    if let Some(cut) = report.demo_cut_short {
        return Err(CliError::failed(msg!(
            "cli.check.demo_cut",
            db.display(),
            cut
        )));
    }
    if repair {
        say(lang.t("cli.check.nothing_to_repair"));
    }
    say(&msg!("cli.check.ok", db.display(), report.schema).text(lang));
    Ok(())
}

/// `1 place`, `3 places`.
fn places(n: i64) -> crate::i18n::Msg {
    if n == 1 {
        msg!("cli.check.one_place")
    } else {
        msg!("cli.check.places", n)
    }
}
