//! The summaries the store keeps beside its records (migration 9): the case, follow-up and
//! placement tallies and the case search index. The program keeps them in step in the same
//! transaction as every write; rows written by hand with `sqlite3` are not counted. `disnaker
//! check` compares each with its records counted again, and `disnaker check --repair` counts
//! them again.

use super::cases::SEARCH_TEXT;
use super::{Result, Store};
use rusqlite::Connection;

/// A tally, and how to count it again from its records.
struct Tally {
    /// What the officer is told.
    what: &'static str,
    table: &'static str,
    /// The columns that name a cell (the count `n` comes after them).
    keys: &'static str,
    /// Its rows counted from the records, named as its columns.
    recount: &'static str,
}

const TALLIES: &[Tally] = &[
    Tally {
        what: "the case tally",
        table: "case_tally",
        keys: "year, kecamatan, category, status, archived",
        recount: "SELECT CAST(substr(reported_on, 1, 4) AS INTEGER) AS year, kecamatan, \
                  category, status, archived, count(*) AS n FROM pmi_case \
                  GROUP BY 1, 2, 3, 4, 5",
    },
    Tally {
        what: "the follow-up tally",
        table: "followup_tally",
        keys: "day",
        recount: "SELECT next_followup AS day, count(*) AS n FROM pmi_case \
                  WHERE archived = 0 AND status <> 'ditutup' AND next_followup IS NOT NULL \
                  GROUP BY 1",
    },
    Tally {
        what: "the placement tally",
        table: "placement_tally",
        keys: "year, kecamatan, country, sector, sex, archived",
        recount: "SELECT departure_year AS year, kecamatan, country, sector, sex, archived, \
                  count(*) AS n FROM placement GROUP BY 1, 2, 3, 4, 5, 6",
    },
];

/// The schema that has these summaries.
const SINCE_SCHEMA: i64 = 9;

/// Cells of `t` whose count differs from its records counted again (a cell at 0 is the
/// same as no cell).
fn tally_differences(conn: &Connection, t: &Tally) -> Result<i64> {
    let (keys, recount) = (t.keys, t.recount);
    let kept = format!("SELECT {keys}, n FROM {} WHERE n <> 0", t.table);
    let sql = format!(
        "SELECT count(*) FROM (
             SELECT {keys} FROM ({kept} EXCEPT {recount})
             UNION SELECT {keys} FROM ({recount} EXCEPT {kept}))"
    );
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

/// Cases missing from the search index, entries of cases that are not there, and entries
/// whose text is not their case's.
fn search_differences(conn: &Connection) -> Result<i64> {
    let sql = format!(
        "SELECT (SELECT count(*) FROM pmi_case WHERE id NOT IN (SELECT rowid FROM pmi_case_search))
              + (SELECT count(*) FROM pmi_case_search WHERE rowid NOT IN (SELECT id FROM pmi_case))
              + (SELECT count(*) FROM pmi_case c JOIN pmi_case_search s ON s.rowid = c.id
                 WHERE s.body IS NOT ({SEARCH_TEXT}))"
    );
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

/// Each summary out of step with its records, and in how many places; empty when all agree
/// (and for stores older than the summaries).
pub(crate) fn differences(conn: &Connection, schema: i64) -> Result<Vec<(&'static str, i64)>> {
    if schema < SINCE_SCHEMA {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for t in TALLIES {
        let n = tally_differences(conn, t)?;
        if n > 0 {
            out.push((t.what, n));
        }
    }
    let n = search_differences(conn)?;
    if n > 0 {
        out.push(("the case search index", n));
    }
    Ok(out)
}

impl Store {
    /// Count every summary again from the records, in one transaction, where it differs;
    /// what was out of step, and in how many places, before.
    pub fn repair_summaries(&mut self) -> Result<Vec<(&'static str, i64)>> {
        let schema = self.schema_version()?;
        let tx = self.write_tx()?;
        let found = differences(&tx, schema)?;
        for t in TALLIES {
            if found.iter().any(|(what, _)| *what == t.what) {
                tx.execute_batch(&format!(
                    "DELETE FROM {table}; INSERT INTO {table} ({keys}, n) {recount};",
                    table = t.table,
                    keys = t.keys,
                    recount = t.recount
                ))?;
            }
        }
        if found
            .iter()
            .any(|(what, _)| *what == "the case search index")
        {
            tx.execute_batch(&format!(
                "DELETE FROM pmi_case_search WHERE rowid NOT IN (SELECT id FROM pmi_case)
                     OR rowid IN (SELECT c.id FROM pmi_case c
                                  JOIN pmi_case_search s ON s.rowid = c.id
                                  WHERE s.body IS NOT ({SEARCH_TEXT}));
                 INSERT INTO pmi_case_search (rowid, body)
                     SELECT id, {SEARCH_TEXT} FROM pmi_case
                     WHERE id NOT IN (SELECT rowid FROM pmi_case_search);"
            ))?;
        }
        tx.commit()?;
        Ok(found)
    }

    /// Each summary out of step with its records (see [`differences`]).
    pub fn summary_differences(&self) -> Result<Vec<(&'static str, i64)>> {
        differences(&self.conn, self.schema_version()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo;

    /// A store filled through the program agrees with itself; rows changed behind its back
    /// are found, named, and counted again by the repair.
    #[test]
    fn summaries_written_behind_the_programs_back_are_found_and_counted_again() {
        let mut s = Store::open_in_memory("t").unwrap();
        crate::store::demo::fill(&mut s, 400, demo::reference_day(), |_| {}).unwrap();
        assert_eq!(s.summary_differences().unwrap(), Vec::new());
        let year_before = s.case_year_stats(2026, demo::reference_day()).unwrap();
        // sqlite3 by hand: a case and a placement inserted, a search entry dropped.
        s.conn
            .execute_batch(
                "INSERT INTO pmi_case (name, sex, kecamatan, desa, country, category,
                     reported_on, next_followup, status, created_by, created_at, changed_by,
                     changed_at)
                 VALUES ('Tangan', 'P', 'Talun', '', 'Taiwan', 'sakit', '2026-03-01',
                     '2026-01-02', 'baru', 'x', 'x', 'x', 'x');
                 INSERT INTO placement (nik, name, sex, kecamatan, country, sector,
                     departure_date, departure_year, created_by, created_at, changed_by,
                     changed_at)
                 VALUES ('3505014101900001', 'Tangan', 'P', 'Talun', 'Taiwan', 'informal',
                     '2026-03-01', 2026, 'x', 'x', 'x', 'x');
                 DELETE FROM pmi_case_search WHERE rowid = 5;",
            )
            .unwrap();
        let found = s.summary_differences().unwrap();
        let named: Vec<&str> = found.iter().map(|(w, _)| *w).collect();
        assert_eq!(
            named,
            [
                "the case tally",
                "the follow-up tally",
                "the placement tally",
                "the case search index"
            ]
        );
        assert!(found.iter().all(|(_, n)| *n > 0));
        assert_eq!(s.repair_summaries().unwrap(), found);
        assert_eq!(s.summary_differences().unwrap(), Vec::new());
        let year_after = s.case_year_stats(2026, demo::reference_day()).unwrap();
        assert_eq!(year_after.reported, year_before.reported + 1);
        assert_eq!(year_after.overdue, year_before.overdue + 1);
        // Nothing left to do the second time.
        assert_eq!(s.repair_summaries().unwrap(), Vec::new());
    }
}
