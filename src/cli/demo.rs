//! `disnaker demo [--records N] [--force]` and the store behind `disnaker --demo`: N cases and
//! N placements, and disputes, trainees (in their trainings) and transmigrant families in
//! proportion, all synthetic. Filled a chunk at a time, one transaction per chunk, so a
//! million of each never sits in memory at once.

use super::progress::Progress;
use super::{open_store, say, CliError, CliResult};
use crate::domain::date::Date;
use crate::domain::demo::{self, CaseGenerator, PlacementGenerator, SEED};
use crate::domain::{Placement, PmiCase};
use crate::store::{Store, StoreError};

/// How many cases (and placements) `demo` adds unless told otherwise.
pub const DEFAULT_RECORDS: usize = 2_000;

/// Records per transaction.
const CHUNK: usize = 50_000;

/// How many records of each kind a demo adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSize {
    pub cases: usize,
    pub placements: usize,
    pub disputes: usize,
    pub trainees: usize,
    pub families: usize,
}

impl DemoSize {
    /// `n` cases and `n` placements; per 2,000 of them a dispute, per 10 a trainee, per 500 a
    /// transmigrant family (about Blitar's own proportions), and a few of each at least so
    /// every pane has something to show.
    pub fn for_records(n: usize) -> DemoSize {
        DemoSize {
            cases: n,
            placements: n,
            disputes: (n / 2000).max(8),
            trainees: (n / 10).max(40),
            families: (n / 500).max(6),
        }
    }
}

/// Fill the store at `db` with `records` synthetic cases and placements and the rest in
/// proportion; a store holding records is refused unless `force`. Dates count back from
/// the demo's reference day, so the same command gives the same store on any day.
pub fn run(db: &std::path::Path, officer: &str, records: usize, force: bool) -> CliResult {
    let mut store = open_store(db, officer)?;
    let existing = store.record_count()?;
    if existing > 0 && !force {
        return Err(CliError::failed(format!(
            "the store {} already holds {existing} records; demo fills only an empty store \
             (add --force to add synthetic records anyway)",
            db.display()
        )));
    }
    let added = fill(&mut store, records, demo::reference_day())?;
    say(&format!(
        "added {} cases, {} placements, {} disputes, {} trainees and {} transmigrant families \
         to {} (synthetic: no real people)",
        added.cases,
        added.placements,
        added.disputes,
        added.trainees,
        added.families,
        db.display()
    ));
    Ok(())
}

fn failed(what: &str) -> impl Fn(StoreError) -> CliError + '_ {
    move |e| CliError::failed(format!("cannot add demo {what}: {e}"))
}

/// Cases and placements made on a thread of their own while the store writes the previous
/// chunk: on two cores the generator costs no time.
enum Chunk {
    Cases(Vec<PmiCase>),
    Placements(Vec<Placement>),
}

/// Make `want` cases then `want_placements` placements, a chunk at a time, into `to`; hand
/// back the placement stream (in case some were refused as duplicates and more are needed).
fn produce(
    to: std::sync::mpsc::SyncSender<Chunk>,
    mut cases: CaseGenerator,
    want_cases: usize,
    mut placements: PlacementGenerator,
    want_placements: usize,
) -> PlacementGenerator {
    let mut made = 0;
    while made < want_cases {
        let chunk: Vec<_> = cases.by_ref().take(CHUNK.min(want_cases - made)).collect();
        made += chunk.len();
        if to.send(Chunk::Cases(chunk)).is_err() {
            return placements;
        }
    }
    made = 0;
    while made < want_placements {
        let chunk: Vec<_> = placements
            .by_ref()
            .take(CHUNK.min(want_placements - made))
            .collect();
        if chunk.is_empty() {
            break;
        }
        made += chunk.len();
        if to.send(Chunk::Placements(chunk)).is_err() {
            break;
        }
    }
    placements
}

/// Add a demo of `n` records with dates counted back from `day`: the same store every time
/// for the same `n`, `day` and starting store.
pub fn fill(store: &mut Store, n: usize, day: Date) -> CliResult<DemoSize> {
    let want = DemoSize::for_records(n);
    let before = store.kind_counts().map_err(failed("records"))?;
    // A demo added to a store that holds one already draws other records and other NIKs.
    let seed = SEED.wrapping_add(before.iter().sum::<i64>() as u64);
    let first = |i: usize| before[i].max(0) as u64;
    let mut added = DemoSize::default();
    let (to, chunks) = std::sync::mpsc::sync_channel(1);
    let cases = CaseGenerator::new(seed, day);
    let placements = PlacementGenerator::new(seed, day, first(1));
    let producer =
        std::thread::spawn(move || produce(to, cases, want.cases, placements, want.placements));
    let written = store.bulk(|store| {
        let mut case_progress = Progress::new("demo: cases", want.cases, 10_000);
        let mut placement_progress = Progress::new("demo: placements", want.placements, 10_000);
        for chunk in chunks.iter() {
            match chunk {
                Chunk::Cases(chunk) => {
                    let done = added.cases;
                    store.insert_cases(&chunk, |k| case_progress.update(done + k))?;
                    added.cases += chunk.len();
                    if added.cases == want.cases {
                        case_progress.finish();
                    }
                }
                Chunk::Placements(chunk) => {
                    let done = added.placements;
                    let outcome =
                        store.import_placements(&chunk, |k| placement_progress.update(done + k))?;
                    added.placements += outcome.added;
                }
            }
        }
        placement_progress.finish();
        Ok(())
    });
    // The producer stops when the channel closes (also after a failed write).
    drop(chunks);
    let mut placements = producer
        .join()
        .map_err(|_| CliError::failed("the demo generator stopped unexpectedly"))?;
    written.map_err(failed("cases and placements"))?;
    // Placements refused as already in the store (a demo added with --force): make more.
    while added.placements < want.placements {
        let chunk: Vec<_> = placements
            .by_ref()
            .take(CHUNK.min(want.placements - added.placements))
            .collect();
        if chunk.is_empty() {
            break;
        }
        let outcome = store
            .import_placements(&chunk, |_| {})
            .map_err(failed("placements"))?;
        if outcome.added == 0 {
            break;
        }
        added.placements += outcome.added;
    }

    let disputes = demo::disputes(want.disputes, seed, day);
    added.disputes = store
        .insert_disputes(&disputes)
        .map_err(failed("disputes"))?;

    let rows: Vec<(u64, _)> = demo::trainee_rows(want.trainees, seed, day, first(3))
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 2, r))
        .collect();
    let imported = store
        .import_trainees(&rows, day, false)
        .map_err(failed("trainees"))?;
    if let Some(e) = imported.errors.first() {
        return Err(CliError::failed(format!("cannot add demo trainees: {e}")));
    }
    added.trainees = imported.added;
    let families = demo::families(want.families, seed, day, first(4));
    added.families = store
        .import_transmigrants(&families)
        .map_err(failed("transmigrant families"))?
        .added;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_fills_every_kind_in_proportion() {
        assert_eq!(
            DemoSize::for_records(1_000_000),
            DemoSize {
                cases: 1_000_000,
                placements: 1_000_000,
                disputes: 500,
                trainees: 100_000,
                families: 2_000,
            }
        );
        let mut s = Store::open_in_memory("demo").unwrap();
        let added = fill(&mut s, 300, demo::reference_day()).unwrap();
        assert_eq!(added, DemoSize::for_records(300));
        assert_eq!(s.kind_counts().unwrap(), [300, 300, 8, 40, 6]);
    }
}
