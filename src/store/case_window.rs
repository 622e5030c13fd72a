//! Windows of the case list read from a row whose place in the list is known. `LIMIT ..
//! OFFSET n` walks n index entries, so `End` on a million cases or paging far down would
//! cost tens of milliseconds; counted from the nearest known row (the top, the bottom, or a
//! row on screen) every move reads about one screen of entries.
//!
//! A filter's matches are counted in steps of a range of ids each
//! ([`Store::count_cases_in`]), so the list can be drawn before the count is complete and
//! the count finished between keys.

use super::record::window;
use super::{CaseFilter, CaseListRow, Result, Store, StoreError};
use crate::domain::nik::mask;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use std::time::{Duration, Instant};

/// Where a window is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseAnchor {
    /// The newest case: `skip` rows down from the top.
    Top,
    /// The oldest case: the window ends `skip` rows above the bottom.
    Bottom,
    /// The window starts `skip` rows below the case with this id.
    After(i64),
    /// The window ends `skip` rows above the case with this id.
    Before(i64),
}

/// The statement that reads a window of the list placed by `anchor` (with `{window}` where
/// its LIMIT and OFFSET go), its arguments, and whether it reads oldest first (rows to be
/// turned round).
pub(crate) fn list_statement(
    filter: &CaseFilter,
    anchor: CaseAnchor,
) -> (String, Vec<Value>, bool) {
    let mut source = filter.source();
    let id = source.id;
    // Rows below the anchor are read newest first; rows above it oldest first and turned
    // round.
    let (clause, ascending) = match anchor {
        CaseAnchor::Top => (source.clause.clone(), false),
        CaseAnchor::After(a) => (
            source.and(&format!("{id} < ?{{n}}"), Value::Integer(a)),
            false,
        ),
        CaseAnchor::Bottom => (source.clause.clone(), true),
        CaseAnchor::Before(a) => (
            source.and(&format!("{id} > ?{{n}}"), Value::Integer(a)),
            true,
        ),
    };
    let order = if ascending { "ASC" } else { "DESC" };
    let sql = format!(
        "SELECT id, name, ifnull(nik, ''), sex, kecamatan, country, category, status,
                reported_on, next_followup, archived, version
         FROM {} {clause} ORDER BY {id} {order} {{window}}",
        source.from
    );
    (sql, source.args, ascending)
}

/// The statement that counts the filter's cases with ids in `[?lo, ?hi)`, and its arguments.
pub(crate) fn count_in_statement(filter: &CaseFilter, lo: i64, hi: i64) -> (String, Vec<Value>) {
    let mut source = filter.source();
    let id = source.id;
    source.and(&format!("{id} >= ?{{n}}"), Value::Integer(lo));
    let clause = source.and(&format!("{id} < ?{{n}}"), Value::Integer(hi));
    (
        format!("SELECT count(*) FROM {} {clause}", source.from),
        source.args,
    )
}

impl Store {
    /// `limit` rows of the list (newest first) placed by `anchor` and `skip`.
    pub fn list_cases_from(
        &self,
        filter: &CaseFilter,
        anchor: CaseAnchor,
        skip: i64,
        limit: i64,
    ) -> Result<Vec<CaseListRow>> {
        let (sql, args, ascending) = list_statement(filter, anchor);
        let mut rows = window(&self.conn, &sql, args, skip.max(0), limit.max(0), |r| {
            Ok(CaseListRow {
                id: r.get(0)?,
                name: r.get(1)?,
                nik_masked: mask(&r.get::<_, String>(2)?),
                sex: r.get(3)?,
                kecamatan: r.get(4)?,
                country: r.get(5)?,
                category: r.get(6)?,
                status: r.get(7)?,
                reported_on: r.get(8)?,
                next_followup: r.get(9)?,
                archived: r.get::<_, i64>(10)? != 0,
                version: r.get(11)?,
            })
        })?;
        if ascending {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Cases matching `filter` whose ids are in `lo .. hi`: one step of a count made in
    /// steps (each reads only the index entries of its range of ids).
    pub fn count_cases_in(&self, filter: &CaseFilter, lo: i64, hi: i64) -> Result<i64> {
        let (sql, args) = count_in_statement(filter, lo, hi);
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// As [`Store::count_cases_in`], but given up after `budget` (`None` then): a step of a
    /// count made between keys must not keep the next key waiting, whatever the cache holds
    /// (a range of ids whose rows are not in memory yet can take a hundred times longer).
    pub fn count_cases_in_time(
        &self,
        filter: &CaseFilter,
        lo: i64,
        hi: i64,
        budget: Duration,
    ) -> Result<Option<i64>> {
        let deadline = Instant::now() + budget;
        self.conn
            .progress_handler(200, Some(move || Instant::now() > deadline))?;
        let counted = self.count_cases_in(filter, lo, hi);
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        match counted {
            Err(StoreError::Db(rusqlite::Error::SqliteFailure(e, _)))
                if e.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                Ok(None)
            }
            other => other.map(Some),
        }
    }

    /// Cases matching `filter`, counted up to `cap` at most: what the first frame of a
    /// filter shows before its count is finished in steps.
    pub fn count_cases_upto(&self, filter: &CaseFilter, cap: i64) -> Result<i64> {
        let source = filter.source();
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT 1 FROM {} {} LIMIT {cap})",
                source.from, source.clause
            ))?
            .query_row(params_from_iter(source.args), |r| r.get(0))?)
    }

    /// One more than the highest case id (0 without cases): where a count in steps starts.
    pub fn case_id_end(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT ifnull(max(id), 0) + 1 FROM pmi_case")?
            .query_row([], |r| r.get(0))?)
    }
}
