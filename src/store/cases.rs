//! PMI repatriation cases in the store: insert, windowed lists, optimistic updates,
//! status moves, archive, history, and the counts the summaries need.

use super::audit::{self, AuditEntry, Change};
use super::{now_stamp, Result, Store, StoreError};
use crate::domain::case::{
    diff_fields, CaseCategory, CaseStatus, PmiCase, Scheme, Sector, Sex, CASE_FIELDS,
};
use crate::domain::date::Date;
use crate::domain::nik::mask;
use crate::domain::Money;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

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
    fn where_clause(&self) -> (String, Vec<Value>) {
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
    fn needs_cap(&self) -> bool {
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

fn to_values(case: &PmiCase) -> Vec<Value> {
    let fields = case.to_fields();
    COLUMNS
        .iter()
        .map(|c| {
            let v = fields.get(*c).cloned().unwrap_or_default();
            if *c == "procedural" {
                return match case.procedural {
                    Some(b) => Value::Integer(i64::from(b)),
                    None => Value::Null,
                };
            }
            if v.is_empty() && NULLABLE.contains(c) {
                Value::Null
            } else {
                Value::Text(v)
            }
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

/// Write one case row; the caller records the audit entry.
/// The trigger (migration 6) that writes a new case's text into the search index.
const SEARCH_INSERT_TRIGGER: &str = "pmi_case_search_insert";

/// What [`SEARCH_INSERT_TRIGGER`] writes, for the cases `?1..=?2` at once (a test holds the
/// two to the same text).
const SEARCH_BULK_INSERT: &str = "INSERT INTO pmi_case_search (rowid, body) \
    SELECT id, name || ' ' || ifnull(nik, '') || ' ' || kecamatan || ' ' || desa || ' ' \
        || country || ' ' || category || ' ' || status || ' #' || id \
    FROM pmi_case WHERE id BETWEEN ?1 AND ?2";

fn insert_row(conn: &Connection, case: &PmiCase, officer: &str, now: &str) -> Result<i64> {
    let mut values = to_values(case);
    values.extend([
        Value::Text(officer.into()),
        Value::Text(now.into()),
        Value::Text(officer.into()),
        Value::Text(now.into()),
    ]);
    conn.prepare_cached(INSERT)?
        .execute(params_from_iter(values))?;
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
        let id = insert_row(&tx, case, &officer, &now_stamp())?;
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
        progress: impl FnMut(usize),
    ) -> Result<usize> {
        // Five indexes take each row in a different place: lend a big import 256 MB of page
        // cache (only what it touches is allocated) and give it back after.
        let previous: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.execute_batch("PRAGMA cache_size = -262144")?;
        let result = self.insert_cases_in_one_transaction(cases, progress);
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = {previous}"))?;
        result
    }

    fn insert_cases_in_one_transaction(
        &mut self,
        cases: &[PmiCase],
        mut progress: impl FnMut(usize),
    ) -> Result<usize> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        // The search index's trigger would flush the index to disk after every row (each
        // INSERT is a statement savepoint, and FTS5 writes its pending terms at each one):
        // a million cases would cost minutes. Within this one transaction the trigger is
        // set aside, the rows go in, the index takes them in a single statement, and the
        // trigger comes back exactly as the store had it.
        let trigger: String = tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
            [SEARCH_INSERT_TRIGGER],
            |r| r.get(0),
        )?;
        tx.execute_batch(&format!("DROP TRIGGER {SEARCH_INSERT_TRIGGER}"))?;
        let mut first_last: Option<(i64, i64)> = None;
        for (i, case) in cases.iter().enumerate() {
            let id = insert_row(&tx, case, &officer, &now)?;
            first_last = Some((first_last.map_or(id, |(f, _)| f), id));
            if (i + 1) % 1000 == 0 {
                progress(i + 1);
            }
        }
        if let Some((first, last)) = first_last {
            tx.execute(SEARCH_BULK_INSERT, [first, last])?;
        }
        tx.execute_batch(&trigger)?;
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
    /// (read as "more than COUNT_CAP").
    pub fn count_cases(&self, filter: &CaseFilter) -> Result<i64> {
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
        let (clause, mut args) = filter.where_clause();
        args.push(Value::Integer(limit));
        args.push(Value::Integer(offset));
        let n = args.len();
        let sql = format!(
            "SELECT id, name, ifnull(nik, ''), sex, kecamatan, country, category, status,
                    reported_on, next_followup, archived
             FROM pmi_case {clause} ORDER BY id DESC LIMIT ?{} OFFSET ?{}",
            n - 1,
            n
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
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
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Cases reported in `year` (archived ones left out), by kecamatan and category.
    pub fn case_summary(&self, year: i32) -> Result<Vec<CaseSummaryRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kecamatan, category,
                    sum(status <> 'ditutup'), sum(status = 'ditutup')
             FROM pmi_case
             WHERE archived = 0 AND reported_on >= ?1 AND reported_on < ?2
             GROUP BY kecamatan, category ORDER BY kecamatan, category",
        )?;
        let rows = stmt.query_map(
            params![format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1)],
            |r| {
                Ok(CaseSummaryRow {
                    kecamatan: r.get(0)?,
                    category: r.get(1)?,
                    open: r.get(2)?,
                    closed: r.get(3)?,
                })
            },
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Cases reported in `year` and how many of them are open; open cases of any year whose
    /// follow-up date has passed.
    pub fn case_year_stats(&self, year: i32, today: Date) -> Result<CaseYearStats> {
        let (reported, open) = self
            .conn
            .prepare_cached(
                "SELECT count(*), ifnull(sum(status <> 'ditutup'), 0) FROM pmi_case
             WHERE archived = 0 AND reported_on >= ?1 AND reported_on < ?2",
            )?
            .query_row(
                params![format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        let overdue = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM pmi_case
             WHERE archived = 0 AND status <> 'ditutup' AND next_followup < ?1",
            )?
            .query_row([crate::domain::date::iso(today)], |r| r.get(0))?;
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
