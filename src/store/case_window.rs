//! Windows of the case list read from a row whose place in the list is known. `LIMIT ..
//! OFFSET n` walks n index entries, so `End` on a million cases or paging far down would
//! cost tens of milliseconds; counted from the nearest known row (the top, the bottom, or a
//! row on screen) every move reads about one screen of entries.

use super::record::window;
use super::{CaseFilter, CaseListRow, Result, Store};
use crate::domain::nik::mask;
use rusqlite::types::Value;

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

impl Store {
    /// `limit` rows of the list (newest first) placed by `anchor` and `skip`.
    pub fn list_cases_from(
        &self,
        filter: &CaseFilter,
        anchor: CaseAnchor,
        skip: i64,
        limit: i64,
    ) -> Result<Vec<CaseListRow>> {
        let (clause, mut args) = filter.where_clause();
        let mut bound = |op: &str, id: i64| {
            args.push(Value::Integer(id));
            let cond = format!("id {op} ?{}", args.len());
            if clause.is_empty() {
                format!("WHERE {cond}")
            } else {
                format!("{clause} AND {cond}")
            }
        };
        // Rows below the anchor are read newest first; rows above it oldest first and
        // turned round.
        let (clause, order) = match anchor {
            CaseAnchor::Top => (clause.clone(), "DESC"),
            CaseAnchor::After(id) => (bound("<", id), "DESC"),
            CaseAnchor::Bottom => (clause.clone(), "ASC"),
            CaseAnchor::Before(id) => (bound(">", id), "ASC"),
        };
        let sql = format!(
            "SELECT id, name, ifnull(nik, ''), sex, kecamatan, country, category, status,
                    reported_on, next_followup, archived, version
             FROM pmi_case {clause} ORDER BY id {order} {{window}}"
        );
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
        if order == "ASC" {
            rows.reverse();
        }
        Ok(rows)
    }
}
