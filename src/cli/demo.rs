//! `disnaker demo [--records N] [--force]`: the command around `store::demo::fill` (which
//! fills the store, a chunk at a time): the refusal of a store that holds records, the
//! progress line and the closing sentence.

use super::progress::Progress;
use super::{open_store, say, CliError, CliResult};
use crate::domain::date::Date;
use crate::domain::demo::{self, DemoSize};
use crate::i18n::Lang;
use crate::msg;
use crate::store::demo::FillProgress;
use crate::store::Store;

/// How many cases (and placements) `demo` adds unless told otherwise.
pub const DEFAULT_RECORDS: usize = 2_000;

/// Fill the store at `db` with `records` synthetic cases and placements and the rest in
/// proportion; a store holding records is refused unless `force`. Dates count back from
/// the demo's reference day, so the same command gives the same store on any day.
/// The summary and refusals are worded in `lang`.
pub fn run(
    db: &std::path::Path,
    officer: &str,
    records: usize,
    force: bool,
    lang: Lang,
) -> CliResult {
    let mut store = open_store(db, officer)?;
    if let (Some(cut), false) = (store.demo_cut_short()?, force) {
        return Err(CliError::failed(msg!(
            "cli.demo.cut_short",
            db.display(),
            cut,
            records
        )));
    }
    let existing = store.record_count()?;
    if existing > 0 && !force {
        return Err(CliError::failed(msg!(
            "cli.demo.not_empty",
            db.display(),
            existing
        )));
    }
    let added = fill(&mut store, records, demo::reference_day(), lang)?;
    let said = msg!(
        "cli.demo.added",
        added.cases,
        added.placements,
        added.disputes,
        added.trainees,
        added.families,
        db.display()
    );
    say(&said.text(lang));
    say(&msg!("cli.demo.added_jobs", added.jobseekers, added.domestic).text(lang));
    Ok(())
}

/// [`crate::store::demo::fill`] with its progress on stderr (when a person is watching).
fn fill(store: &mut Store, n: usize, day: Date, lang: Lang) -> CliResult<DemoSize> {
    let want = DemoSize::for_records(n);
    let mut cases = Progress::new(lang.t("cli.progress.demo_cases"), want.cases, 10_000);
    let mut placements = Progress::new(
        lang.t("cli.progress.demo_placements"),
        want.placements,
        10_000,
    );
    crate::store::demo::fill(store, n, day, |step| match step {
        FillProgress::Cases(done) => cases.update(done),
        FillProgress::CasesDone => cases.finish(),
        FillProgress::Placements(done) => placements.update(done),
        FillProgress::PlacementsDone => placements.finish(),
    })
    .map_err(|e| CliError::failed(e.to_string()))
}
