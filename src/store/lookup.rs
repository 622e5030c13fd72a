//! The store's side of the kecamatan lookup ("how many PMI from Ponggok?"): a few grouped
//! counts for one kecamatan, the placements' from the tally (migration 9), the cases' from a
//! covering index.

use super::placements::SexSectorCounts;
use super::record::all_rows;
use super::{Result, Store};
use crate::domain::Kecamatan;
use rusqlite::params;

/// One kecamatan's active placements of a year by sector × sex: the tally's key seeks
/// straight to the kecamatan's cells of the year.
pub(super) const IN_KECAMATAN: &str = "SELECT sector, sex, sum(n) FROM placement_tally
     WHERE year = ?1 AND archived = 0 AND kecamatan = ?2
     GROUP BY sector, sex HAVING sum(n) > 0";

/// One kecamatan's destinations of a year, largest first (ties by name): a sort of the
/// kecamatan's few dozen cells. Countries whose cells edits emptied are left out, as the
/// rows' GROUP BY would.
pub(super) const TOP_COUNTRIES: &str = "SELECT country, sum(n) AS placed FROM placement_tally
     WHERE year = ?1 AND archived = 0 AND kecamatan = ?2
     GROUP BY country HAVING sum(n) > 0
     ORDER BY placed DESC, country LIMIT ?3";

/// Cases of one category from one kecamatan: open (any status but `ditutup`) and closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCategoryCounts {
    pub category: String,
    pub open: i64,
    pub closed: i64,
}

impl Store {
    /// Placements from `kecamatan` departing in `year`, by sector and sex (from the tally).
    pub fn placement_counts_in_kecamatan(
        &self,
        kecamatan: Kecamatan,
        year: i32,
    ) -> Result<SexSectorCounts> {
        let mut stmt = self.conn.prepare_cached(IN_KECAMATAN)?;
        let mut rows = stmt.query(params![year, kecamatan.name()])?;
        let mut counts = SexSectorCounts::new(kecamatan.name());
        while let Some(r) = rows.next()? {
            counts.add(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, r.get(2)?);
        }
        Ok(counts)
    }

    /// The countries most placements from `kecamatan` went to in `year`: largest first,
    /// ties by name, at most `limit` (from the tally).
    pub fn top_countries_in_kecamatan(
        &self,
        kecamatan: Kecamatan,
        year: i32,
        limit: usize,
    ) -> Result<Vec<(String, i64)>> {
        all_rows(
            &self.conn,
            TOP_COUNTRIES,
            params![
                year,
                kecamatan.name(),
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// PMI cases from `kecamatan`, all years, archived ones left out: open and closed by
    /// category, in the order of the categories' names.
    pub fn case_counts_in_kecamatan(
        &self,
        kecamatan: Kecamatan,
    ) -> Result<Vec<CaseCategoryCounts>> {
        all_rows(
            &self.conn,
            // From the tally (migration 9): a few thousand cells instead of every case of
            // the kecamatan.
            "SELECT category, sum(CASE WHEN status <> 'ditutup' THEN n ELSE 0 END),
                    sum(CASE WHEN status = 'ditutup' THEN n ELSE 0 END)
             FROM case_tally WHERE kecamatan = ?1 AND archived = 0
             GROUP BY category HAVING sum(n) > 0 ORDER BY category",
            [kecamatan.name()],
            |r| {
                Ok(CaseCategoryCounts {
                    category: r.get(0)?,
                    open: r.get(1)?,
                    closed: r.get(2)?,
                })
            },
        )
    }
}
