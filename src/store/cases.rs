//! PMI repatriation cases in the store: insert, windowed lists, optimistic updates,
//! status moves, archive, history, and the counts the summaries need.

use super::audit::{self, Change};
use super::record::{
    all_rows, date, flag, named_record, non_empty, text, word, year_bounds, Kept, Table, Where,
};
use super::{now_stamp, Result, Store, StoreError};
use crate::domain::case::{CaseCategory, CaseStatus, PmiCase, Scheme, Sector, Sex, CASE_FIELDS};
use crate::domain::date::{iso, Date};
use crate::domain::Money;
use crate::store::record::kind_methods;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params_from_iter, Connection, Row, Statement, ToSql};

const IMPORT_ENTITY: &str = "pmi_case_import";

named_record!(
    /// A case with its identity and bookkeeping.
    CaseRecord,
    case: PmiCase
);

/// What a list row shows; the NIK comes masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseListRow {
    pub id: i64,
    /// The version on screen: a key that changes the case carries it.
    pub version: i64,
    pub name: String,
    pub nik_masked: String,
    pub sex: String,
    pub kecamatan: String,
    pub country: String,
    pub category: String,
    pub status: String,
    pub reported_on: String,
    pub next_followup: Option<String>,
    pub archived: bool,
}

impl CaseListRow {
    pub fn is_overdue(&self, today: Date) -> bool {
        let open = self.status != CaseStatus::Ditutup.as_str();
        open && self
            .next_followup
            .as_deref()
            .and_then(|d| Date::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|d| d < today)
    }
}

/// The list's filter: every word must appear in one of the searchable columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub text: String,
    pub include_archived: bool,
    /// The archived cases instead of the live ones.
    pub archived: bool,
    /// Only the cases reported in this year (`[` / `]` in pane 1); None: every year.
    pub year: Option<i32>,
}

impl CaseFilter {
    /// The WHERE clause and its arguments. Words of three letters or more are looked up in
    /// the trigram index (`pmi_case_search`), so a filter stays fast on a million cases;
    /// shorter words are matched with LIKE on the same text.
    pub(super) fn where_clause(&self) -> (String, Vec<Value>) {
        let words: Vec<&str> = self.text.split_whitespace().take(8).collect();
        let (long, short): (Vec<&str>, Vec<&str>) =
            words.iter().partition(|w| w.chars().count() >= 3);
        let mut filter = Where::archived(self.archived, self.include_archived)
            .within("reported_on", self.year.map(year_bounds));
        if !long.is_empty() {
            let quoted: Vec<String> = long
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect();
            let n = filter.next_arg();
            filter = filter.and(
                format!(
                    "id IN (SELECT rowid FROM pmi_case_search WHERE pmi_case_search MATCH ?{n})"
                ),
                vec![Value::Text(quoted.join(" AND "))],
            );
        }
        filter.words(&short.join(" "), SEARCH_TEXT).sql()
    }

    /// Short words are matched by scanning: their count stops at `COUNT_CAP`.
    pub fn needs_cap(&self) -> bool {
        self.text
            .split_whitespace()
            .take(8)
            .any(|w| w.chars().count() < 3)
    }
}

/// The text a case is found by (the same expression feeds the trigram index, migration 6).
pub(crate) const SEARCH_TEXT: &str = "name || ' ' || ifnull(nik, '') || ' ' || kecamatan || ' ' \
    || desa || ' ' || country || ' ' || category || ' ' || status || ' #' || id";

/// A filter that must scan counts at most this many rows and says "more than".
pub const COUNT_CAP: i64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaseYearStats {
    pub reported: i64,
    pub open: i64,
    pub overdue: i64,
}

/// One group of the case summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummaryRow {
    pub kecamatan: String,
    pub category: String,
    pub open: i64,
    pub closed: i64,
}

/// A case's columns in `COLUMNS` order, as SQLite values: NULL where a `NULLABLE` column
/// is empty, text borrowed from the case where it can be (a bulk fill binds millions).
fn column_values(case: &PmiCase) -> [ToSqlOutput<'_>; 23] {
    fn text(s: &str) -> ToSqlOutput<'_> {
        ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
    }
    fn word(s: Option<&'static str>) -> ToSqlOutput<'static> {
        text(s.unwrap_or_default())
    }
    fn null_if_empty(s: Option<&str>) -> ToSqlOutput<'_> {
        match s {
            Some(s) if !s.is_empty() => text(s),
            _ => ToSqlOutput::Owned(Value::Null),
        }
    }
    fn owned(s: Option<String>) -> ToSqlOutput<'static> {
        ToSqlOutput::Owned(s.map_or(Value::Null, Value::Text))
    }
    let date = |d: Option<Date>| owned(d.map(iso));
    [
        text(&case.name),
        null_if_empty(case.nik.as_deref()),
        word(case.sex.map(|s| s.as_str())),
        text(&case.kecamatan),
        text(&case.desa),
        text(&case.country),
        word(case.category.map(|s| s.as_str())),
        // not nullable: '' when missing, as the form would send it
        owned(Some(case.reported_on.map(iso).unwrap_or_default())),
        null_if_empty(case.sector.map(|s| s.as_str())),
        null_if_empty(case.scheme.map(|s| s.as_str())),
        ToSqlOutput::Owned(
            case.procedural
                .map_or(Value::Null, |b| Value::Integer(b.into())),
        ),
        text(&case.occupation),
        text(&case.employer),
        text(&case.report_source),
        text(&case.family_contact),
        text(&case.partner_agencies),
        date(case.arrival_date),
        text(&case.arrival_place),
        date(case.handover_date),
        owned(case.costs.map(|m| m.plain())),
        text(&case.notes),
        date(case.next_followup),
        word(case.status.map(|s| s.as_str())),
    ]
}

/// The same columns as owned values (for the UPDATE built at run time).
fn to_values(case: &PmiCase) -> Vec<Value> {
    column_values(case)
        .into_iter()
        .map(|v| match v {
            ToSqlOutput::Borrowed(ValueRef::Text(t)) => {
                Value::Text(String::from_utf8_lossy(t).into_owned())
            }
            ToSqlOutput::Borrowed(ValueRef::Integer(i)) => Value::Integer(i),
            ToSqlOutput::Owned(v) => v,
            _ => Value::Null,
        })
        .collect()
}

impl Kept for PmiCase {
    const TABLE: Table = Table {
        table: "pmi_case",
        label: "case",
        columns: "name nik:opt sex kecamatan desa country category reported_on sector:opt \
            scheme:opt procedural:bool occupation employer report_source family_contact \
            partner_agencies arrival_date:opt arrival_place handover_date:opt costs:opt \
            notes next_followup:opt status",
        import_entity: Some(IMPORT_ENTITY),
    };

    fn read(row: &Row) -> Result<Self> {
        Ok(PmiCase {
            name: text(row, 0)?,
            nik: row.get(1)?,
            sex: word(row, 2, Sex::parse)?,
            kecamatan: text(row, 3)?,
            desa: text(row, 4)?,
            country: text(row, 5)?,
            category: word(row, 6, CaseCategory::parse)?,
            reported_on: date(row, 7)?,
            sector: word(row, 8, Sector::parse)?,
            scheme: word(row, 9, Scheme::parse)?,
            procedural: flag(row, 10)?,
            occupation: text(row, 11)?,
            employer: text(row, 12)?,
            report_source: text(row, 13)?,
            family_contact: text(row, 14)?,
            partner_agencies: text(row, 15)?,
            arrival_date: date(row, 16)?,
            arrival_place: text(row, 17)?,
            handover_date: date(row, 18)?,
            costs: word(row, 19, Money::parse)?,
            notes: text(row, 20)?,
            next_followup: date(row, 21)?,
            status: word(row, 22, CaseStatus::parse)?,
        })
    }

    fn values(&self) -> Vec<Value> {
        to_values(self)
    }

    /// The fields of a new case in form order, then its status.
    fn creation_changes(&self) -> Vec<Change> {
        let keys = CASE_FIELDS.iter().map(|d| d.key).chain(["status"]);
        non_empty(self.fields(), keys)
    }

    /// The search index and the tallies count the new cases.
    fn inserted(conn: &Connection, first: i64, last: i64) -> Result<()> {
        index_for_search(conn, first, last)?;
        tally_new(conn, first, last)
    }
}

const INSERT: &str = "INSERT INTO pmi_case (name, nik, sex, kecamatan, desa, country, category,
    reported_on, sector, scheme, procedural, occupation, employer, report_source, family_contact,
    partner_agencies, arrival_date, arrival_place, handover_date, costs, notes, next_followup,
    status, created_by, created_at, changed_by, changed_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
    ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)";

/// Put the cases `first..=last` into the trigram index in one statement. The store does it
/// (not a trigger) because FTS5 written from a trigger flushes at every row: six times the
/// work on a big import (migration 9).
fn index_for_search(conn: &Connection, first: i64, last: i64) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO pmi_case_search (rowid, body)
         SELECT id, {SEARCH_TEXT} FROM pmi_case WHERE id BETWEEN ?1 AND ?2"
    ))?
    .execute([first, last])?;
    Ok(())
}

/// Count the new cases `first..=last` in the tallies (migration 9), one statement each:
/// what a trigger per row would do, at a third of a big import's cost less.
fn tally_new(conn: &Connection, first: i64, last: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_tally (year, kecamatan, category, status, archived, n)
         SELECT CAST(substr(reported_on, 1, 4) AS INTEGER), kecamatan, category, status,
                archived, count(*)
         FROM pmi_case WHERE id BETWEEN ?1 AND ?2
         GROUP BY 1, 2, 3, 4, 5
         ON CONFLICT DO UPDATE SET n = n + excluded.n",
    )?
    .execute([first, last])?;
    conn.prepare_cached(
        "INSERT INTO followup_tally (day, n)
         SELECT next_followup, count(*) FROM pmi_case
         WHERE id BETWEEN ?1 AND ?2
             AND archived = 0 AND status <> 'ditutup' AND next_followup IS NOT NULL
         GROUP BY 1
         ON CONFLICT DO UPDATE SET n = n + excluded.n",
    )?
    .execute([first, last])?;
    Ok(())
}

/// Write one case row with the prepared `INSERT`; the caller records the audit entry and
/// indexes it for search.
fn insert_row(
    stmt: &mut Statement,
    conn: &Connection,
    case: &PmiCase,
    officer: &str,
    now: &str,
) -> Result<i64> {
    let values = column_values(case);
    let by = [officer, now, officer, now];
    stmt.execute(params_from_iter(
        values
            .iter()
            .map(|v| v as &dyn ToSql)
            .chain(by.iter().map(|v| v as &dyn ToSql)),
    ))?;
    Ok(conn.last_insert_rowid())
}

kind_methods! {
    PmiCase as CaseRecord:
    insert_case, get_case, update_case, archive_case, restore_case, case_history
}

impl Store {
    /// Save many cases in one transaction: all or nothing. One audit entry records the
    /// import. `progress` hears every 1,000 rows.
    pub fn insert_cases(
        &mut self,
        cases: &[PmiCase],
        mut progress: impl FnMut(usize),
    ) -> Result<usize> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        let mut first_last: Option<(i64, i64)> = None;
        {
            let mut stmt = tx.prepare_cached(INSERT)?;
            for (i, case) in cases.iter().enumerate() {
                let id = insert_row(&mut stmt, &tx, case, &officer, &now)?;
                first_last = Some((first_last.map_or(id, |(f, _)| f), id));
                if (i + 1) % 1000 == 0 {
                    progress(i + 1);
                }
            }
        }
        if let Some((first, last)) = first_last {
            // Under the write lock the ids of one transaction are consecutive.
            PmiCase::inserted(&tx, first, last)?;
        }
        audit::record_import(
            &tx,
            IMPORT_ENTITY,
            first_last,
            &officer,
            &[("added", cases.len())],
        )?;
        tx.commit()?;
        progress(cases.len());
        Ok(cases.len())
    }

    /// Move a case to a status its current status allows.
    pub fn move_case_status(
        &mut self,
        id: i64,
        expected_version: i64,
        to: CaseStatus,
    ) -> Result<i64> {
        self.change(id, expected_version, "status", |_, old: &PmiCase| {
            let from = old.status.unwrap_or(CaseStatus::Baru);
            if !from.next().contains(&to) {
                return Err(StoreError::Refused(format!(
                    "a case cannot move from {from} to {to}"
                )));
            }
            let mut c = old.clone();
            c.status = Some(to);
            Ok(c)
        })
    }

    /// Cases matching the filter; for a filter that must scan, at most `COUNT_CAP + 1`
    /// (read as "more than COUNT_CAP"). Without words, the count comes from the tally
    /// (migration 9), not from counting a million rows.
    pub fn count_cases(&self, filter: &CaseFilter) -> Result<i64> {
        if filter.text.split_whitespace().next().is_none() {
            // Without words the tally knows: a few hundred cells, not a million rows.
            let (clause, args) = Where::archived(filter.archived, filter.include_archived)
                .eq("year", filter.year.map(|y| Value::Integer(i64::from(y))))
                .sql();
            return Ok(self
                .conn
                .prepare_cached(&format!(
                    "SELECT ifnull(sum(n), 0) FROM case_tally {clause}"
                ))?
                .query_row(params_from_iter(args), |r| r.get(0))?);
        }
        let (clause, args) = filter.where_clause();
        if filter.needs_cap() {
            return Ok(self
                .conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM (SELECT 1 FROM pmi_case {clause} LIMIT {})",
                    COUNT_CAP + 1
                ))?
                .query_row(params_from_iter(args), |r| r.get(0))?);
        }
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM pmi_case {clause}"))?
            .query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// One window of the list, newest first: only the rows on screen are read.
    pub fn list_cases(
        &self,
        filter: &CaseFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<CaseListRow>> {
        self.list_cases_from(filter, super::CaseAnchor::Top, offset, limit)
    }

    /// Cases reported in `year` (archived ones left out), by kecamatan and category.
    pub fn case_summary(&self, year: i32) -> Result<Vec<CaseSummaryRow>> {
        all_rows(
            &self.conn,
            "SELECT kecamatan, category,
                    sum(CASE WHEN status <> 'ditutup' THEN n ELSE 0 END),
                    sum(CASE WHEN status = 'ditutup' THEN n ELSE 0 END)
             FROM case_tally
             WHERE year = ?1 AND archived = 0
             GROUP BY kecamatan, category HAVING sum(n) > 0
             ORDER BY kecamatan, category",
            [year],
            |r| {
                Ok(CaseSummaryRow {
                    kecamatan: r.get(0)?,
                    category: r.get(1)?,
                    open: r.get(2)?,
                    closed: r.get(3)?,
                })
            },
        )
    }

    /// Cases reported in `year` and how many of them are open (from the tally); open cases
    /// of any year whose follow-up date has passed (from the follow-up index: only open
    /// cases with a follow-up date are in it).
    pub fn case_year_stats(&self, year: i32, today: Date) -> Result<CaseYearStats> {
        let (reported, open) = self
            .conn
            .prepare_cached(
                "SELECT ifnull(sum(n), 0),
                        ifnull(sum(CASE WHEN status <> 'ditutup' THEN n ELSE 0 END), 0)
                 FROM case_tally WHERE year = ?1 AND archived = 0",
            )?
            .query_row([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let overdue = self
            .conn
            .prepare_cached(
                // Open cases by follow-up day: a few hundred days, not every open case.
                "SELECT ifnull(sum(n), 0) FROM followup_tally WHERE day < ?1",
            )?
            .query_row([iso(today)], |r| r.get(0))?;
        Ok(CaseYearStats {
            reported,
            open,
            overdue,
        })
    }

    /// Number of records of every kind (for `demo`, which refuses a store holding records).
    pub fn record_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM pmi_case) + (SELECT count(*) FROM placement)",
            [],
            |r| r.get(0),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo;

    /// Columns that hold NULL rather than '' when empty.
    const NULLABLE: &[&str] = &[
        "nik",
        "sector",
        "scheme",
        "procedural",
        "arrival_date",
        "handover_date",
        "costs",
        "next_followup",
    ];

    /// The values bound from the case's fields, as the store wrote them before the bulk
    /// path bound them directly: both must agree column for column.
    fn from_fields(case: &PmiCase) -> Vec<Value> {
        let fields = case.fields();
        PmiCase::TABLE
            .columns()
            .map(|(c, _)| {
                let v = fields.get(c).cloned().unwrap_or_default();
                if c == "procedural" {
                    return case
                        .procedural
                        .map_or(Value::Null, |b| Value::Integer(b.into()));
                }
                if v.is_empty() && NULLABLE.contains(&c) {
                    Value::Null
                } else {
                    Value::Text(v)
                }
            })
            .collect()
    }

    #[test]
    fn bound_columns_match_the_fields() {
        let day = demo::reference_day();
        let mut cases = demo::cases(3000, demo::SEED, day);
        cases.push(PmiCase::default());
        for case in &cases {
            assert_eq!(to_values(case), from_fields(case), "{case:?}");
        }
    }

    fn plan(s: &Store, sql: &str) -> String {
        let mut stmt = s
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join(" | ")
    }

    /// The queries of the case list's first frame read an index or the tally, never every
    /// case.
    #[test]
    fn the_first_frame_reads_no_table_scan() {
        let s = Store::open_in_memory("t").unwrap();
        let overdue = plan(
            &s,
            "SELECT ifnull(sum(n), 0) FROM followup_tally WHERE day < '2026-11-28'",
        );
        assert!(overdue.contains("PRIMARY KEY (day<?)"), "{overdue}");
        let year = plan(
            &s,
            "SELECT sum(n) FROM case_tally WHERE year = 2026 AND archived = 0",
        );
        assert!(year.contains("PRIMARY KEY (year=?)"), "{year}");
        for (anchor, order) in [
            ("", "DESC"),
            ("AND id < 500", "DESC"),
            ("AND id > 500", "ASC"),
        ] {
            let window = plan(
                &s,
                &format!(
                    "SELECT id, name FROM pmi_case WHERE archived = 0 {anchor}
                     ORDER BY id {order} LIMIT 20 OFFSET 0"
                ),
            );
            assert!(
                window.contains("INDEX pmi_case_list") && !window.contains("TEMP"),
                "{window}"
            );
        }
    }
}
