//! `disnaker demo [--records N] [--force]` and the store behind `disnaker --demo`.

use super::progress::Progress;
use super::{open_store, say, CliError, CliResult};
use crate::domain::date::today;
use crate::domain::demo::{CaseGenerator, SEED};
use crate::store::Store;
use std::path::Path;

/// How many cases `demo` adds unless told otherwise.
pub const DEFAULT_RECORDS: usize = 2_000;

/// Cases per transaction: a store of a million demo cases is filled without holding a
/// million cases in memory.
const CHUNK: usize = 50_000;

/// Fill the store at `db` with `records` synthetic cases; a store holding records is refused
/// unless `force`.
pub fn run(db: &Path, officer: &str, records: usize, force: bool) -> CliResult {
    let mut store = open_store(db, officer)?;
    let existing = store.record_count()?;
    if existing > 0 && !force {
        return Err(CliError::failed(format!(
            "the store {} already holds {existing} records; demo fills only an empty store \
             (add --force to add synthetic records anyway)",
            db.display()
        )));
    }
    let added = fill(&mut store, records)?;
    say(&format!(
        "added {added} synthetic cases to {} (demo data: no real people)",
        db.display()
    ));
    Ok(())
}

/// Add `n` synthetic cases (the same ones every run of the same day).
pub fn fill(store: &mut Store, n: usize) -> CliResult<usize> {
    let mut cases = CaseGenerator::new(SEED, today());
    let mut progress = Progress::new("adding demo cases", n, 10_000);
    let mut done = 0;
    while done < n {
        let chunk: Vec<_> = cases.by_ref().take(CHUNK.min(n - done)).collect();
        store
            .insert_cases(&chunk, |k| progress.update(done + k))
            .map_err(|e| CliError::failed(format!("cannot add demo cases: {e}")))?;
        done += chunk.len();
    }
    progress.finish();
    Ok(done)
}
