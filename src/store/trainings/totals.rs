//! Participants counted per scheme, per year, per kecamatan: the pane's totals, the
//! `export trainings` summary and IKU1 read these.

use super::{SchemeTotals, TrainingCounts, YearTotals};
use crate::domain::training::TrainingType;
use crate::store::record::all_rows;
use crate::store::{Result, Store};
use rusqlite::{params, OptionalExtension, Row};

/// The counts of [`TrainingCounts`] over the trainings' rows `p` of `trainee_tally` (which
/// may be NULL from a LEFT JOIN), as seven columns: the participants who are not archived.
pub(super) const COUNTS_SQL: &str = "ifnull(sum(p.participants), 0),
    ifnull(sum(p.graduated), 0),
    ifnull(sum(p.certified), 0),
    ifnull(sum(p.employed), 0),
    ifnull(sum(p.own_business), 0),
    ifnull(sum(p.not_employed), 0),
    ifnull(sum(p.unknown), 0)";

/// The same counts over participant rows `p` (for counts the tally cannot say: by
/// kecamatan).
const ROW_COUNTS_SQL: &str = "count(p.id),
    ifnull(sum(p.graduated), 0),
    ifnull(sum(p.certified), 0),
    ifnull(sum(p.employment IN ('bekerja', 'wirausaha')), 0),
    ifnull(sum(p.employment = 'wirausaha'), 0),
    ifnull(sum(p.employment = 'tidak bekerja'), 0),
    ifnull(sum(p.id IS NOT NULL AND p.employment IS NULL), 0)";

pub(super) fn counts_from(r: &Row, first: usize) -> rusqlite::Result<TrainingCounts> {
    Ok(TrainingCounts {
        participants: r.get(first)?,
        graduated: r.get(first + 1)?,
        certified: r.get(first + 2)?,
        employed: r.get(first + 3)?,
        own_business: r.get(first + 4)?,
        not_employed: r.get(first + 5)?,
        unknown: r.get(first + 6)?,
    })
}

/// `tr.training_type IN ('pbk', ...)` for `types` (the four stored words only, never
/// typed text); `0` (nothing) for none.
fn type_in(types: &[TrainingType]) -> String {
    if types.is_empty() {
        return "0".into();
    }
    let words: Vec<String> = types.iter().map(|t| format!("'{}'", t.as_str())).collect();
    format!("tr.training_type IN ({})", words.join(", "))
}

/// The statement of [`Store::training_totals_by_year_and_type`]: every year's, or (with
/// `of_year`) the year `?1`'s alone.
fn totals_by_year_and_type_sql(of_year: bool) -> String {
    let of_year = if of_year { "AND tr.year = ?1" } else { "" };
    format!(
        "SELECT tr.year, tr.training_type, count(tr.id), {COUNTS_SQL}
         FROM training tr LEFT JOIN trainee_tally p ON p.training_id = tr.id
         WHERE tr.archived = 0 {of_year}
         GROUP BY tr.year, tr.training_type ORDER BY tr.year DESC, tr.training_type"
    )
}

impl TrainingCounts {
    /// Both counts added up.
    pub fn plus(self, o: TrainingCounts) -> TrainingCounts {
        TrainingCounts {
            participants: self.participants + o.participants,
            graduated: self.graduated + o.graduated,
            certified: self.certified + o.certified,
            employed: self.employed + o.employed,
            own_business: self.own_business + o.own_business,
            not_employed: self.not_employed + o.not_employed,
            unknown: self.unknown + o.unknown,
        }
    }
}

impl Store {
    /// Participants of the trainings held in `year` (the training's year), of every type.
    pub fn training_year_counts(&self, year: i32) -> Result<TrainingCounts> {
        self.training_year_counts_of(year, &TrainingType::ALL)
    }

    /// Participants of the trainings of `types` held in `year` (IKU1 counts those of the
    /// types `data/indicators.toml` names).
    pub fn training_year_counts_of(
        &self,
        year: i32,
        types: &[TrainingType],
    ) -> Result<TrainingCounts> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COUNTS_SQL} FROM training tr JOIN trainee_tally p ON p.training_id = tr.id
                 WHERE tr.archived = 0 AND tr.year = ?1 AND {}",
                type_in(types)
            ))?
            .query_row([year], |r| counts_from(r, 0))?)
    }

    /// Participants of one training (not archived), for its participant list's header.
    pub fn training_counts(&self, training_id: i64) -> Result<TrainingCounts> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COUNTS_SQL} FROM trainee_tally p WHERE p.training_id = ?1"
            ))?
            .query_row([training_id], |r| counts_from(r, 0))?)
    }

    /// Per scheme, funding source and type in `year`, by scheme name; a training without
    /// participants yet has a row of zeros.
    pub fn training_totals_by_scheme(&self, year: i32) -> Result<Vec<SchemeTotals>> {
        all_rows(
            &self.conn,
            &format!(
                "SELECT min(tr.scheme), tr.funding_source, tr.training_type, count(tr.id),
                    {COUNTS_SQL}
             FROM training tr LEFT JOIN trainee_tally p ON p.training_id = tr.id
             WHERE tr.archived = 0 AND tr.year = ?1
             GROUP BY lower(tr.scheme), tr.funding_source, tr.training_type
             ORDER BY lower(tr.scheme), tr.funding_source, tr.training_type"
            ),
            [year],
            |r| {
                Ok(SchemeTotals {
                    scheme: r.get(0)?,
                    funding_source: r.get(1)?,
                    training_type: TrainingType::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
                    trainings: r.get(3)?,
                    counts: counts_from(r, 4)?,
                })
            },
        )
    }

    /// Per year with any training, newest first, trainings of every type.
    pub fn training_totals_by_year(&self) -> Result<Vec<YearTotals>> {
        self.training_totals_by_year_of(&TrainingType::ALL)
    }

    /// Per year with any training of `types`, newest first, those trainings only.
    pub fn training_totals_by_year_of(&self, types: &[TrainingType]) -> Result<Vec<YearTotals>> {
        all_rows(
            &self.conn,
            &format!(
                "SELECT tr.year, count(tr.id), {COUNTS_SQL}
             FROM training tr LEFT JOIN trainee_tally p ON p.training_id = tr.id
             WHERE tr.archived = 0 AND {}
             GROUP BY tr.year ORDER BY tr.year DESC",
                type_in(types)
            ),
            [],
            |r| {
                Ok(YearTotals {
                    year: r.get(0)?,
                    trainings: r.get(1)?,
                    counts: counts_from(r, 2)?,
                })
            },
        )
    }

    /// Per year and training type with any training, newest year first (only `year`'s when
    /// given): the trainings and their participants in one read of the tally, from which the
    /// trainings pane adds up its totals (the year's, IKU1's, the per-year series) instead of
    /// reading every training once per total. The year's alone read only that year's
    /// trainings (`training_year_type`).
    pub fn training_totals_by_year_and_type(
        &self,
        year: Option<i32>,
    ) -> Result<Vec<(TrainingType, YearTotals)>> {
        let sql = totals_by_year_and_type_sql(year.is_some());
        let read = |r: &Row| {
            Ok((
                TrainingType::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
                YearTotals {
                    year: r.get(0)?,
                    trainings: r.get(2)?,
                    counts: counts_from(r, 3)?,
                },
            ))
        };
        match year {
            Some(y) => all_rows(&self.conn, &sql, [y], read),
            None => all_rows(&self.conn, &sql, [], read),
        }
    }

    /// Participants from one kecamatan in the trainings of `year` (for the kecamatan lookup).
    pub fn trainee_counts_for_kecamatan(
        &self,
        kecamatan: &str,
        year: i32,
    ) -> Result<TrainingCounts> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {ROW_COUNTS_SQL} FROM trainee p JOIN training tr ON tr.id = p.training_id
                 WHERE p.archived = 0 AND tr.archived = 0 AND p.kecamatan = ?1 AND tr.year = ?2"
            ))?
            .query_row(params![kecamatan, year], |r| counts_from(r, 0))?)
    }

    /// The IKU1 target agreed for `year` (`indicator_target`, as the office wrote it) and
    /// the indicator's polarity; `None` when no target is recorded for that year.
    pub fn iku1_target(&self, year: i32) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT t.target, i.polarity FROM indicator_target t
                 JOIN indicator i ON i.code = t.code
                 WHERE t.code = 'IKU1' AND t.year = ?1",
            )?
            .query_row([year], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pane 4's first frame reads the year's trainings only: a range of the
    /// `training_year_type` index (covering), each training's tally row by its key; never a
    /// scan of every training. (The per-year series, read after the frame, scans the index.)
    #[test]
    fn the_years_totals_read_the_years_index_range() {
        let s = Store::open_in_memory("t").unwrap();
        let plan = |sql: &str| -> String {
            let mut stmt = s
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows = stmt
                .query_map([2025], |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            rows.join("\n")
        };
        let year = plan(&totals_by_year_and_type_sql(true));
        assert!(
            year.contains(
                "SEARCH tr USING COVERING INDEX training_year_type (year=? AND archived=?)"
            ),
            "{year}"
        );
        assert!(
            year.contains("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"),
            "{year}"
        );
        assert!(!year.contains("SCAN tr"), "{year}");
    }
}
