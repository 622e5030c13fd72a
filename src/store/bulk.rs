//! Filling a store in bulk (`disnaker demo`): settings that make big writes fast, given back
//! afterwards, and the counts a fill starts from.

use super::{Result, Store};

/// Page cache lent to a bulk fill: the indexes of a million rows each take rows all over
/// their b-tree, and with SQLite's default 2 MB most of the fill is spent re-reading and
/// re-writing pages. Only what is touched is allocated (about 1 GB for a million of each).
const BULK_CACHE_KIB: i64 = 2 * 1024 * 1024;

impl Store {
    /// Records of each kind, archived ones included: cases, placements, disputes, trainees,
    /// transmigrant families.
    pub fn kind_counts(&self) -> Result<[i64; 7]> {
        let mut out = [0; 7];
        for (i, table) in [
            "pmi_case",
            "placement",
            "dispute",
            "trainee",
            "transmigrant",
            "jobseeker",
            "domestic_placement",
        ]
        .iter()
        .enumerate()
        {
            out[i] = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        }
        Ok(out)
    }

    /// Run `fill` with a big page cache, then give the usual one back (also when `fill`
    /// fails). Each write inside still commits on its own.
    pub fn bulk<T>(&mut self, fill: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let previous: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))?;
        let result = fill(self);
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = {previous}"))?;
        result
    }
}
