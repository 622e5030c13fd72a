//! The store behind `disnaker demo` and `disnaker --demo`: N cases and N placements, and
//! disputes, trainees (in their trainings) and transmigrant families in proportion, and the
//! IKU values an officer enters, all synthetic (`domain::demo` draws them). Filled a chunk at a time, one transaction per
//! chunk, so a million of each never sits in memory at once; the next chunk is drawn on a
//! thread of its own while this one is written, so on two cores the generator costs no time.
//!
//! Here and not in `cli/`: the command line, the interface's `--demo` and the benchmark all
//! fill a store the same way, and none of that is about parsing or printing.

use super::{Store, StoreError};
use crate::domain::date::Date;
use crate::domain::demo::{self, CaseGenerator, DemoSize, PlacementGenerator, SEED};
use crate::domain::{Placement, PmiCase};

/// Records per transaction.
const CHUNK: usize = 50_000;

/// How far a fill has come, for a progress line: cases and placements are the long part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillProgress {
    /// This many cases of the demo are written.
    Cases(usize),
    /// Every case is written.
    CasesDone,
    /// This many placements of the demo are written.
    Placements(usize),
    /// The placements written in the bulk pass are done.
    PlacementsDone,
}

/// Why a demo could not be added: what was being added and what went wrong.
#[derive(Debug)]
pub struct DemoError(String);

impl std::fmt::Display for DemoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DemoError {}

fn failed(what: &str) -> impl Fn(StoreError) -> DemoError + '_ {
    move |e| DemoError(format!("cannot add demo {what}: {e}"))
}

/// Mixed into the seed of the stream the cases skipped as repeats are made up from.
const EXTRA_CASES: u64 = 0x0D0B_1E5E_ED00_CA5E;

/// Write up to `missing` more cases drawn from `extra`, until that many are in or a round
/// adds none; how many were added.
fn more_cases(
    store: &mut Store,
    extra: &mut CaseGenerator,
    mut missing: usize,
) -> Result<usize, StoreError> {
    let mut added = 0;
    while missing > 0 {
        let chunk: Vec<_> = extra.by_ref().take(missing).collect();
        let outcome = store.insert_cases(&chunk, |_| {})?;
        if outcome.added == 0 {
            break;
        }
        added += outcome.added;
        missing -= outcome.added;
    }
    Ok(added)
}

/// Cases and placements made on the generator's thread.
enum Chunk {
    Cases(Vec<PmiCase>),
    Placements(Vec<Placement>),
}

/// Make `want_cases` cases then `want_placements` placements, a chunk at a time, into `to`;
/// hand back the placement stream (in case some were refused as duplicates and more are
/// needed).
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
/// for the same `n`, `day` and starting store. `progress` hears how far the cases and
/// placements have come.
pub fn fill(
    store: &mut Store,
    n: usize,
    day: Date,
    mut progress: impl FnMut(FillProgress),
) -> Result<DemoSize, DemoError> {
    let want = DemoSize::for_records(n);
    let before = store.kind_counts().map_err(failed("records"))?;
    // Until the last record is in, the store says a fill is under way: killed midway, the
    // store is recognisably a demo cut short (`check`, `demo`), not a small office.
    store
        .conn
        .execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
            [MARK, &format!("{n} {}", before.iter().sum::<i64>())],
        )
        .map_err(|e| DemoError(format!("cannot start the demo: {e}")))?;
    // A demo added to a store that holds one already draws other records and other NIKs.
    let seed = SEED.wrapping_add(before.iter().sum::<i64>() as u64);
    let first = |i: usize| before[i].max(0) as u64;
    let mut added = DemoSize::default();
    let (to, chunks) = std::sync::mpsc::sync_channel(1);
    let cases = CaseGenerator::new(seed, day);
    let placements = PlacementGenerator::new(seed, day, first(1));
    let producer =
        std::thread::spawn(move || produce(to, cases, want.cases, placements, want.placements));
    let mut drawn_cases = 0;
    let mut extra = CaseGenerator::new(seed ^ EXTRA_CASES, day);
    let written = store.bulk(|store| {
        for chunk in chunks.iter() {
            match chunk {
                Chunk::Cases(chunk) => {
                    let done = added.cases;
                    drawn_cases += chunk.len();
                    let outcome =
                        store.insert_cases(&chunk, |k| progress(FillProgress::Cases(done + k)))?;
                    added.cases += outcome.added;
                    if drawn_cases == want.cases {
                        // Cases whose key came up twice (a name drawn again for a case
                        // without a NIK) or was in the store already were skipped: draw
                        // others from a stream of their own, before the placements start.
                        added.cases += more_cases(store, &mut extra, want.cases - added.cases)?;
                        progress(FillProgress::CasesDone);
                    }
                }
                Chunk::Placements(chunk) => {
                    let done = added.placements;
                    let outcome = store.import_placements(&chunk, |k| {
                        progress(FillProgress::Placements(done + k))
                    })?;
                    added.placements += outcome.added;
                }
            }
        }
        progress(FillProgress::PlacementsDone);
        Ok(())
    });
    // The producer stops when the channel closes (also after a failed write).
    drop(chunks);
    let mut placements = producer
        .join()
        .map_err(|_| DemoError("the demo generator stopped unexpectedly".into()))?;
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

    // The values an officer enters in the IKU pane; one per indicator and year, so a demo
    // added on top of another keeps the values already there.
    for entry in demo::iku_entries(seed, day) {
        if store
            .iku_entry_for(&entry.code, entry.year)
            .map_err(failed("IKU values"))?
            .is_none()
        {
            store
                .insert_iku_entry(&entry)
                .map_err(failed("IKU values"))?;
        }
    }

    let rows: Vec<(u64, _)> = demo::trainee_rows(want.trainees, seed, day, first(3))
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 2, r))
        .collect();
    let imported = store
        .import_trainees(&rows, day, false)
        .map_err(failed("trainees"))?;
    if let Some(e) = imported.errors.first() {
        return Err(DemoError(format!("cannot add demo trainees: {e}")));
    }
    added.trainees = imported.added;
    let families = demo::families(want.families, seed, day, first(4));
    added.families = store
        .import_transmigrants(&families)
        .map_err(failed("transmigrant families"))?
        .added;
    // Job fairs (a fair already in the store from an earlier demo is kept as it is), the job
    // seekers, and the domestic placements of those placed: writing a placement closes its
    // job seeker's registration as `ditempatkan`.
    let fairs = demo::job_fairs(seed, day);
    for fair in &fairs {
        match store.insert_job_fair(fair) {
            Ok(_) | Err(StoreError::Refused(_)) => {}
            Err(e) => return Err(failed("job fairs")(e)),
        }
    }
    let (seekers, placed) = demo::jobseekers(want.jobseekers, seed, day, first(5), &fairs);
    added.jobseekers = store
        .import_jobseekers(&seekers)
        .map_err(failed("job seekers"))?
        .added;
    added.domestic = store
        .import_domestic(&placed, false)
        .map_err(failed("domestic placements"))?
        .added;
    store
        .conn
        .execute("DELETE FROM meta WHERE key = ?1", [MARK])
        .map_err(|e| DemoError(format!("cannot finish the demo: {e}")))?;
    Ok(added)
}

/// The key under which a fill under way is noted.
const MARK: &str = "demo_fill";

/// A demo fill that began and never ended (the process was killed or failed midway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CutShort {
    /// The records the fill was asked for (cases and placements each).
    pub records: usize,
    /// Cases and placements in the store now.
    pub cases: i64,
    pub placements: i64,
}

impl std::fmt::Display for CutShort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a demo fill of {} records was cut short ({} cases and {} placements are in the store, \
             no disputes, trainees or families were added after them)",
            self.records, self.cases, self.placements
        )
    }
}

/// The fill cut short in the store open on `conn`, if there is one (read only: `check` asks).
pub fn cut_short(conn: &rusqlite::Connection) -> rusqlite::Result<Option<CutShort>> {
    use rusqlite::OptionalExtension;
    let Some(value): Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [MARK], |r| {
            r.get(0)
        })
        .optional()?
    else {
        return Ok(None);
    };
    let records = value
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let count = |t: &str| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0));
    Ok(Some(CutShort {
        records,
        cases: count("pmi_case")?,
        placements: count("placement")?,
    }))
}

impl Store {
    /// A demo fill cut short in this store, if any.
    pub fn demo_cut_short(&self) -> Result<Option<CutShort>, StoreError> {
        Ok(cut_short(&self.conn)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_fills_every_kind_in_proportion_and_reports_its_progress() {
        let mut s = Store::open_in_memory("demo").unwrap();
        let mut heard = Vec::new();
        let added = fill(&mut s, 300, demo::reference_day(), |p| heard.push(p)).unwrap();
        // every placement of a job seeker made: its registration is closed as placed
        let placed: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM jobseeker WHERE status = 'ditempatkan'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(added.domestic > 5, "{added:?}");
        assert_eq!(placed as usize, added.domestic);
        let domestic = added.domestic;
        assert_eq!(
            added,
            DemoSize {
                domestic,
                ..DemoSize::for_records(300)
            }
        );
        assert_eq!(
            s.kind_counts().unwrap(),
            [300, 300, 8, 40, 6, 40, domestic as i64]
        );
        assert_eq!(heard.last(), Some(&FillProgress::PlacementsDone));
        assert!(heard.contains(&FillProgress::CasesDone));
        let cases_done = heard.iter().position(|p| *p == FillProgress::CasesDone);
        let first_placement = heard
            .iter()
            .position(|p| matches!(p, FillProgress::Placements(_)));
        assert!(cases_done < first_placement, "{heard:?}");
    }

    /// Cases the store has already (here: the very ones the fill draws first) are skipped by
    /// the import; the fill draws others so that it still adds all it was asked for, before
    /// the placements start.
    #[test]
    fn a_demo_makes_up_for_cases_skipped_as_repeats() {
        let mut s = Store::open_in_memory("demo").unwrap();
        let day = demo::reference_day();
        // The fill's seed moves on by the records already in the store: 20 here.
        let first = demo::cases(20, SEED.wrapping_add(20), day);
        assert_eq!(s.insert_cases(&first, |_| {}).unwrap().added, 20);
        let mut heard = Vec::new();
        let added = fill(&mut s, 100, day, |p| heard.push(p)).unwrap();
        assert_eq!(added.cases, 100);
        assert_eq!(s.kind_counts().unwrap()[0], 120);
        let duplicates: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM audit WHERE entity = 'pmi_case_import'
                 AND changes LIKE '%\"duplicates\",\"old\":\"\",\"new\":\"20\"%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(duplicates, 1, "the fill's first chunk met the 20 again");
        let cases_done = heard.iter().position(|p| *p == FillProgress::CasesDone);
        let first_placement = heard
            .iter()
            .position(|p| matches!(p, FillProgress::Placements(_)));
        assert!(
            cases_done.is_some() && cases_done < first_placement,
            "{heard:?}"
        );
    }

    #[test]
    fn a_second_demo_draws_other_records() {
        let mut s = Store::open_in_memory("demo").unwrap();
        fill(&mut s, 100, demo::reference_day(), |_| {}).unwrap();
        let again = fill(&mut s, 100, demo::reference_day(), |_| {}).unwrap();
        assert_eq!(
            again,
            DemoSize {
                domestic: again.domestic,
                ..DemoSize::for_records(100)
            }
        );
        assert!(again.domestic > 0);
        assert_eq!(s.kind_counts().unwrap()[..6], [200, 200, 16, 80, 12, 80]);
    }
}
