//! PMI repatriation cases in the store: insert, windowed lists, optimistic updates,
//! status moves, archive, history, and the counts the summaries need.

use super::audit::{self, AuditEntry, Change};
use super::{now_stamp, Result, Store, StoreError};
use crate::domain::case::{
    diff_fields, CaseCategory, CaseStatus, PmiCase, Scheme, Sector, Sex, CASE_FIELDS,
};
use crate::domain::date::{iso, Date};
use crate::domain::Money;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Statement, ToSql};

const ENTITY: &str = "pmi_case";
const IMPORT_ENTITY: &str = "pmi_case_import";
const ENTITY_LABEL: &str = "case";

/// Columns written from a case, in this order.
const COLUMNS: &[&str] = &[
    "name",
    "nik",
    "sex",
    "kecamatan",
    "desa",
    "country",
    "category",
    "reported_on",
    "sector",
    "scheme",
    "procedural",
    "occupation",
    "employer",
    "report_source",
    "family_contact",
    "partner_agencies",
    "arrival_date",
    "arrival_place",
    "handover_date",
    "costs",
    "notes",
    "next_followup",
    "status",
];

/// A case with its identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub case: PmiCase,
    pub version: i64,
    pub archived: bool,
    pub created_by: String,
    pub created_at: String,
    pub changed_by: String,
    pub changed_at: String,
}

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
}

impl CaseFilter {
    /// The WHERE clause and its arguments. Words of three letters or more are looked up in
    /// the trigram index (`pmi_case_search`), so a filter stays fast on a million cases;
    /// shorter words are matched with LIKE on the same text.
    pub(super) fn where_clause(&self) -> (String, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        if !self.include_archived {
            clauses.push("archived = 0".to_string());
        }
        let words: Vec<&str> = self.text.split_whitespace().take(8).collect();
        let long: Vec<String> = words
            .iter()
            .filter(|w| w.chars().count() >= 3)
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        if !long.is_empty() {
            args.push(Value::Text(long.join(" AND ")));
            clauses.push(format!(
                "id IN (SELECT rowid FROM pmi_case_search WHERE pmi_case_search MATCH ?{})",
                args.len()
            ));
        }
        for word in words.iter().filter(|w| w.chars().count() < 3) {
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            args.push(Value::Text(format!("%{escaped}%")));
            clauses.push(format!("({SEARCH_TEXT}) LIKE ?{} ESCAPE '\\'", args.len()));
        }
        if clauses.is_empty() {
            (String::new(), args)
        } else {
            (format!("WHERE {}", clauses.join(" AND ")), args)
        }
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

fn date_col(row: &Row, i: usize) -> rusqlite::Result<Option<Date>> {
    let s: Option<String> = row.get(i)?;
    Ok(s.and_then(|s| Date::parse_from_str(&s, "%Y-%m-%d").ok()))
}

fn text(row: &Row, i: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default())
}

pub(super) const SELECT_RECORD: &str =
    "SELECT name, nik, sex, kecamatan, desa, country, category, reported_on,
    sector, scheme, procedural, occupation, employer, report_source, family_contact,
    partner_agencies, arrival_date, arrival_place, handover_date, costs, notes, next_followup,
    status, id, version, archived, created_by, created_at, changed_by, changed_at
    FROM pmi_case";

pub(super) fn record_from_row(row: &Row) -> rusqlite::Result<CaseRecord> {
    let word = |i: usize| -> rusqlite::Result<Option<String>> { row.get(i) };
    let case = PmiCase {
        name: text(row, 0)?,
        nik: row.get(1)?,
        sex: word(2)?.and_then(|s| Sex::parse(&s).ok()),
        kecamatan: text(row, 3)?,
        desa: text(row, 4)?,
        country: text(row, 5)?,
        category: word(6)?.and_then(|s| CaseCategory::parse(&s).ok()),
        reported_on: date_col(row, 7)?,
        sector: word(8)?.and_then(|s| Sector::parse(&s).ok()),
        scheme: word(9)?.and_then(|s| Scheme::parse(&s).ok()),
        procedural: row.get::<_, Option<i64>>(10)?.map(|v| v != 0),
        occupation: text(row, 11)?,
        employer: text(row, 12)?,
        report_source: text(row, 13)?,
        family_contact: text(row, 14)?,
        partner_agencies: text(row, 15)?,
        arrival_date: date_col(row, 16)?,
        arrival_place: text(row, 17)?,
        handover_date: date_col(row, 18)?,
        costs: word(19)?.and_then(|s| Money::parse(&s).ok()),
        notes: text(row, 20)?,
        next_followup: date_col(row, 21)?,
        status: word(22)?.and_then(|s| CaseStatus::parse(&s).ok()),
    };
    Ok(CaseRecord {
        case,
        id: row.get(23)?,
        version: row.get(24)?,
        archived: row.get::<_, i64>(25)? != 0,
        created_by: row.get(26)?,
        created_at: row.get(27)?,
        changed_by: row.get(28)?,
        changed_at: row.get(29)?,
    })
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

/// The fields of a new case, in form order, as the "create" entry of its history.
fn creation_changes(case: &PmiCase) -> Vec<Change> {
    let fields = case.to_fields();
    CASE_FIELDS
        .iter()
        .map(|d| d.key)
        .chain(std::iter::once("status"))
        .filter_map(|k| {
            let v = fields.get(k)?;
            (!v.is_empty()).then(|| Change {
                field: k.to_string(),
                old: String::new(),
                new: v.clone(),
            })
        })
        .collect()
}

fn load(conn: &Connection, id: i64) -> Result<CaseRecord> {
    conn.query_row(
        &format!("{SELECT_RECORD} WHERE id = ?1"),
        [id],
        record_from_row,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: ENTITY_LABEL,
        id,
    })
}

/// Refuse a save when the stored version moved on since the officer read it.
fn check_version(current: &CaseRecord, expected: i64) -> Result<()> {
    if current.version != expected {
        return Err(StoreError::Conflict {
            entity: ENTITY_LABEL,
            id: current.id,
            by: current.changed_by.clone(),
            at: current.changed_at.clone(),
        });
    }
    Ok(())
}

impl Store {
    /// Save a new case; returns its id.
    pub fn insert_case(&mut self, case: &PmiCase) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let id = insert_row(
            &mut *tx.prepare_cached(INSERT)?,
            &tx,
            case,
            &officer,
            &now_stamp(),
        )?;
        index_for_search(&tx, id, id)?;
        tally_new(&tx, id, id)?;
        audit::record(
            &tx,
            ENTITY,
            id,
            1,
            "create",
            &officer,
            &creation_changes(case),
        )?;
        tx.commit()?;
        Ok(id)
    }

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
            index_for_search(&tx, first, last)?;
            tally_new(&tx, first, last)?;
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

    pub fn get_case(&self, id: i64) -> Result<CaseRecord> {
        load(&self.conn, id)
    }

    /// Save an edited case if nobody saved it since `expected_version`; returns the new version.
    pub fn update_case(&mut self, id: i64, expected_version: i64, case: &PmiCase) -> Result<i64> {
        self.change_case(id, expected_version, "update", |_| Ok(case.clone()))
    }

    /// Move a case to a status its current status allows.
    pub fn move_case_status(
        &mut self,
        id: i64,
        expected_version: i64,
        to: CaseStatus,
    ) -> Result<i64> {
        self.change_case(id, expected_version, "status", |old| {
            let from = old.status.unwrap_or(CaseStatus::Baru);
            if !from.next().contains(&to) {
                return Err(format!("a case cannot move from {from} to {to}"));
            }
            let mut c = old.clone();
            c.status = Some(to);
            Ok(c)
        })
    }

    fn change_case(
        &mut self,
        id: i64,
        expected_version: i64,
        action: &str,
        edit: impl FnOnce(&PmiCase) -> std::result::Result<PmiCase, String>,
    ) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        check_version(&current, expected_version)?;
        let new = edit(&current.case).map_err(StoreError::Refused)?;
        let changes: Vec<Change> = diff_fields(&current.case.to_fields(), &new.to_fields())
            .into_iter()
            .map(|(field, old, new)| Change { field, old, new })
            .collect();
        if changes.is_empty() {
            return Ok(current.version);
        }
        let version = current.version + 1;
        let now = now_stamp();
        let mut values = to_values(&new);
        let sets: Vec<String> = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 1))
            .collect();
        let n = values.len();
        values.extend([
            Value::Integer(version),
            Value::Text(officer.clone()),
            Value::Text(now),
            Value::Integer(id),
            Value::Integer(expected_version),
        ]);
        let sql = format!(
            "UPDATE pmi_case SET {}, version = ?{}, changed_by = ?{}, changed_at = ?{}
             WHERE id = ?{} AND version = ?{}",
            sets.join(", "),
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5
        );
        let updated = tx.execute(&sql, params_from_iter(values))?;
        if updated != 1 {
            // Cannot happen under the write lock, but never write blind.
            return Err(StoreError::Conflict {
                entity: ENTITY_LABEL,
                id,
                by: current.changed_by,
                at: current.changed_at,
            });
        }
        audit::record(&tx, ENTITY, id, version, action, &officer, &changes)?;
        tx.commit()?;
        Ok(version)
    }

    /// Archive (never erase) a case.
    pub fn archive_case(&mut self, id: i64, expected_version: i64) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        check_version(&current, expected_version)?;
        let version = current.version + 1;
        tx.execute(
            "UPDATE pmi_case SET archived = 1, version = ?1, changed_by = ?2, changed_at = ?3
             WHERE id = ?4",
            params![version, officer, now_stamp(), id],
        )?;
        audit::record(
            &tx,
            ENTITY,
            id,
            version,
            "archive",
            &officer,
            &[Change {
                field: "archived".into(),
                old: "tidak".into(),
                new: "ya".into(),
            }],
        )?;
        tx.commit()?;
        Ok(version)
    }

    /// The case's history: its import (if it came from one) and every change since.
    pub fn case_history(&self, id: i64) -> Result<Vec<AuditEntry>> {
        let mut out: Vec<AuditEntry> = audit::import_entry(&self.conn, IMPORT_ENTITY, id)?
            .into_iter()
            .collect();
        out.extend(audit::history(&self.conn, ENTITY, id)?);
        Ok(out)
    }

    /// Cases matching the filter; for a filter that must scan, at most `COUNT_CAP + 1`
    /// (read as "more than COUNT_CAP"). Without words, the count comes from the tally
    /// (migration 9), not from counting a million rows.
    pub fn count_cases(&self, filter: &CaseFilter) -> Result<i64> {
        if filter.text.split_whitespace().next().is_none() {
            let sql = if filter.include_archived {
                "SELECT ifnull(sum(n), 0) FROM case_tally"
            } else {
                "SELECT ifnull(sum(n), 0) FROM case_tally WHERE archived = 0"
            };
            return Ok(self.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?);
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT kecamatan, category,
                    sum(CASE WHEN status <> 'ditutup' THEN n ELSE 0 END),
                    sum(CASE WHEN status = 'ditutup' THEN n ELSE 0 END)
             FROM case_tally
             WHERE year = ?1 AND archived = 0
             GROUP BY kecamatan, category HAVING sum(n) > 0
             ORDER BY kecamatan, category",
        )?;
        let rows = stmt.query_map([year], |r| {
            Ok(CaseSummaryRow {
                kecamatan: r.get(0)?,
                category: r.get(1)?,
                open: r.get(2)?,
                closed: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
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
        let fields = case.to_fields();
        COLUMNS
            .iter()
            .map(|c| {
                let v = fields.get(*c).cloned().unwrap_or_default();
                if *c == "procedural" {
                    return case
                        .procedural
                        .map_or(Value::Null, |b| Value::Integer(b.into()));
                }
                if v.is_empty() && NULLABLE.contains(c) {
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
