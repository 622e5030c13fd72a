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

/// One kecamatan's active placements in each of five years, from the tally: the `IN` list
/// seeks to the kecamatan's cells of each year by the key (never a scan of the years
/// between). Years without placements are left out.
pub(super) const YEARS_IN_KECAMATAN: &str = "SELECT year, sum(n) FROM placement_tally
     WHERE year IN (?1, ?2, ?3, ?4, ?5) AND archived = 0 AND kecamatan = ?6
     GROUP BY year HAVING sum(n) > 0 ORDER BY year";

/// A year's active placements per kecamatan, from the tally: the year's cells in key order
/// (no sort), as the kecamatan export reads them. Kecamatan without placements are left out.
pub(super) const TOTALS_BY_KECAMATAN: &str = "SELECT kecamatan, sum(n) FROM placement_tally
     WHERE year = ?1 AND archived = 0
     GROUP BY kecamatan HAVING sum(n) > 0 ORDER BY kecamatan";

impl Store {
    /// Placements from `kecamatan` departing in each of the five years ending at `last`,
    /// oldest first, zeros included (from the tally).
    pub fn placement_years_in_kecamatan(
        &self,
        kecamatan: Kecamatan,
        last: i32,
    ) -> Result<Vec<(i32, i64)>> {
        let years: Vec<i32> = (last - 4..=last).collect();
        let found: Vec<(i32, i64)> = all_rows(
            &self.conn,
            YEARS_IN_KECAMATAN,
            params![
                years[0],
                years[1],
                years[2],
                years[3],
                years[4],
                kecamatan.name()
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(years
            .into_iter()
            .map(|y| {
                let n = found.iter().find(|(fy, _)| *fy == y).map_or(0, |(_, n)| *n);
                (y, n)
            })
            .collect())
    }

    /// Placements departing in `year` per kecamatan, only kecamatan that have any, by name
    /// (from the tally).
    pub fn placement_totals_by_kecamatan(&self, year: i32) -> Result<Vec<(String, i64)>> {
        all_rows(&self.conn, TOTALS_BY_KECAMATAN, params![year], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }
}

#[cfg(test)]
mod chart_tests {
    use super::*;

    fn plan_of(s: &Store, sql: &str, params: usize) -> String {
        let mut stmt = s
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let nulls = vec![rusqlite::types::Value::Null; params];
        stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// The lookup's five years and the rank read the tally by its key, never the
    /// placements: they stay fast on a million placements.
    #[test]
    fn the_years_and_the_totals_read_the_tally_by_its_key() {
        let s = Store::open_in_memory("t").unwrap();
        let years = plan_of(&s, YEARS_IN_KECAMATAN, 6);
        assert!(
            years.contains("PRIMARY KEY (year=? AND archived=? AND kecamatan=?)"),
            "{years}"
        );
        let totals = plan_of(&s, TOTALS_BY_KECAMATAN, 1);
        assert!(
            totals.contains("SEARCH placement_tally USING PRIMARY KEY (year=? AND archived=?)"),
            "{totals}"
        );
        assert!(!totals.contains("TEMP B-TREE"), "{totals}");
        for plan in [years, totals] {
            assert!(
                !plan.contains("placement ") && !plan.contains("placement_by"),
                "{plan}"
            );
        }
        let k = Kecamatan::parse("Wates").unwrap();
        assert_eq!(
            s.placement_years_in_kecamatan(k, 2024).unwrap(),
            vec![(2020, 0), (2021, 0), (2022, 0), (2023, 0), (2024, 0)]
        );
        assert!(s.placement_totals_by_kecamatan(2024).unwrap().is_empty());
    }
}
