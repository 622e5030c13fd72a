//! The store's side of the kecamatan lookup ("how many PMI from Ponggok?"): a few grouped
//! counts for one kecamatan, each answered from a covering index.

use super::placements::SexSectorCounts;
use super::{Result, Store};
use crate::domain::Kecamatan;
use rusqlite::params;

/// Cases of one category from one kecamatan: open (any status but `ditutup`) and closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCategoryCounts {
    pub category: String,
    pub open: i64,
    pub closed: i64,
}

impl Store {
    /// Placements from `kecamatan` departing in `year`, by sector and sex.
    pub fn placement_counts_in_kecamatan(
        &self,
        kecamatan: Kecamatan,
        year: i32,
    ) -> Result<SexSectorCounts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sector, sex, count(*) FROM placement
             WHERE archived = 0 AND departure_year = ?1 AND kecamatan = ?2
             GROUP BY sector, sex",
        )?;
        let mut rows = stmt.query(params![year, kecamatan.name()])?;
        let mut counts = SexSectorCounts::new(kecamatan.name());
        while let Some(r) = rows.next()? {
            counts.add(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, r.get(2)?);
        }
        Ok(counts)
    }

    /// The countries most placements from `kecamatan` went to in `year`: largest first,
    /// ties by name, at most `limit`.
    pub fn top_countries_in_kecamatan(
        &self,
        kecamatan: Kecamatan,
        year: i32,
        limit: usize,
    ) -> Result<Vec<(String, i64)>> {
        // Named index: without statistics SQLite prefers placement_by_country (its order
        // matches the GROUP BY) and reads the table for every placement of the year.
        let mut stmt = self.conn.prepare_cached(
            "SELECT country, count(*) AS n FROM placement INDEXED BY placement_by_kecamatan
             WHERE archived = 0 AND departure_year = ?1 AND kecamatan = ?2
             GROUP BY country ORDER BY n DESC, country LIMIT ?3",
        )?;
        let rows = stmt.query_map(
            params![
                year,
                kecamatan.name(),
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// PMI cases from `kecamatan`, all years, archived ones left out: open and closed by
    /// category, in the order of the categories' names.
    pub fn case_counts_in_kecamatan(
        &self,
        kecamatan: Kecamatan,
    ) -> Result<Vec<CaseCategoryCounts>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT category, sum(status <> 'ditutup'), sum(status = 'ditutup') FROM pmi_case
             WHERE kecamatan = ?1 AND archived = 0
             GROUP BY category ORDER BY category",
        )?;
        let rows = stmt.query_map([kecamatan.name()], |r| {
            Ok(CaseCategoryCounts {
                category: r.get(0)?,
                open: r.get(1)?,
                closed: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
