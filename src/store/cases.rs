//! PMI repatriation cases in the store: insert, windowed lists, optimistic updates,
//! status moves, archive, history, and the counts the summaries need.

use super::audit::{self, Change};
use super::record::{
    all_rows, date, flag, named_record, non_empty, text, word, year_bounds, Kept, Table, Where,
};
use super::{now_stamp, ImportOutcome, Result, Store};
use crate::domain::case::{CaseCategory, CaseStatus, PmiCase, Scheme, Sector, Sex, CASE_FIELDS};
use crate::domain::date::{iso, Date};
use crate::domain::Money;
use crate::store::record::kind_methods;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params, params_from_iter, Connection, Row, Statement, ToSql};

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
    /// Only the cases this officer is responsible for (pane 1's "my cases" and officer
    /// filter); None: every officer's.
    pub officer: Option<String>,
}

impl CaseFilter {
    /// The rows the filter reads (`FROM ...`), the WHERE clause and its arguments, and the
    /// expression of the case's id in them. Words of three letters or more are looked up in
    /// the trigram index (`pmi_case_search`): its matches are read in id order and joined to
    /// their cases, so the first screen of a filter reads a screen of matches, not every
    /// match first (a million cases hold tens of thousands of "siti"). Shorter words are
    /// matched with LIKE on the same text.
    pub(super) fn source(&self) -> CaseSource {
        let words: Vec<&str> = self.text.split_whitespace().take(8).collect();
        let (long, short): (Vec<&str>, Vec<&str>) =
            words.iter().partition(|w| w.chars().count() >= 3);
        let mut filter = Where::archived(self.archived, self.include_archived)
            .within("reported_on", self.year.map(year_bounds))
            .eq("officer", self.officer.clone().map(Value::Text));
        let mut from = "pmi_case";
        let mut id = "id";
        if !long.is_empty() {
            let quoted: Vec<String> = long
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect();
            let n = filter.next_arg();
            // CROSS JOIN: the index leads, in its rowid order.
            from = "pmi_case_search CROSS JOIN pmi_case ON pmi_case.id = pmi_case_search.rowid";
            id = "pmi_case_search.rowid";
            filter = filter.and(
                format!("pmi_case_search MATCH ?{n}"),
                vec![Value::Text(quoted.join(" AND "))],
            );
        }
        let (clause, args) = filter.words(&short.join(" "), SEARCH_TEXT).sql();
        CaseSource {
            from,
            id,
            clause,
            args,
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

/// Where a filtered case list reads from (see [`CaseFilter::source`]).
#[derive(Debug, Clone)]
pub(super) struct CaseSource {
    pub from: &'static str,
    /// The case's id as the statement reads it (the index's rowid when the index leads).
    pub id: &'static str,
    /// `WHERE ...` or nothing.
    pub clause: String,
    pub args: Vec<Value>,
}

impl CaseSource {
    /// Add `cond` to the clause (returned), `cond` written with `{n}` for the number of `value`.
    pub fn and(&mut self, cond: &str, value: Value) -> String {
        self.args.push(value);
        let cond = cond.replace("{n}", &self.args.len().to_string());
        self.clause = if self.clause.is_empty() {
            format!("WHERE {cond}")
        } else {
            format!("{} AND {cond}", self.clause)
        };
        self.clause.clone()
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
fn column_values(case: &PmiCase) -> [ToSqlOutput<'_>; 25] {
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
        text(&case.officer),
        date(case.planned_return),
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
            notes next_followup:opt status officer planned_return:opt",
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
            officer: text(row, 23)?,
            planned_return: date(row, 24)?,
        })
    }

    fn values(&self) -> Vec<Value> {
        to_values(self)
    }

    /// A case's referrals to partner agencies and the documents it received belong to it:
    /// their entries stand in the case's own history, in time order (issue 16).
    fn related_history(conn: &Connection, id: i64) -> Result<Vec<(i64, audit::AuditEntry)>> {
        super::casework::related_history(conn, id)
    }

    /// The fields of a new case in form order, then its status.
    fn creation_changes(&self) -> Vec<Change> {
        let keys = CASE_FIELDS.iter().map(|d| d.key).chain(["status"]);
        non_empty(self.fields(), keys)
    }

    /// The search index and the tallies count the new cases; a case recorded without an
    /// officer is the recording officer's.
    fn inserted(conn: &Connection, first: i64, last: i64) -> Result<()> {
        conn.prepare_cached(
            "UPDATE pmi_case SET officer = created_by
             WHERE id BETWEEN ?1 AND ?2 AND officer = ''",
        )?
        .execute([first, last])?;
        index_for_search(conn, first, last)?;
        tally_new(conn, first, last)
    }

    /// The responsible officer changes only by reassigning (`assign_case`), never by an
    /// edit: an edit form does not carry it.
    fn edited(&self, old: &Self, _id: i64) -> Result<Self> {
        let mut c = self.clone();
        c.officer = old.officer.clone();
        Ok(c)
    }
}

const INSERT: &str = "INSERT INTO pmi_case (name, nik, sex, kecamatan, desa, country, category,
    reported_on, sector, scheme, procedural, occupation, employer, report_source, family_contact,
    partner_agencies, arrival_date, arrival_place, handover_date, costs, notes, next_followup,
    status, officer, planned_return, created_by, created_at, changed_by, changed_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
    ?20, ?21, ?22, ?23, ifnull(nullif(?24, ''), ?26), ?25, ?26, ?27, ?28, ?29)";

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

/// A case with a NIK is already there when one with the same NIK, category and report date
/// is (migration 10's `pmi_case_same_nik`).
const SAME_NIK: &str = "SELECT 1 FROM pmi_case
    WHERE nik = ?1 AND category = ?2 AND reported_on = ?3";

/// A case without a NIK: the same name (spaces at the ends and the case of its letters
/// aside), kecamatan, category and report date (migration 10's `pmi_case_same_name`).
const SAME_NAME: &str = "SELECT 1 FROM pmi_case
    WHERE nik IS NULL AND lower(trim(name)) = lower(trim(?1)) AND kecamatan = ?2
        AND category = ?3 AND reported_on = ?4";

/// Whether the store holds a case with the key of the case whose `column_values` these are,
/// archived ones included (a re-import must not bring back a copy of an archived case). Inside
/// an import's transaction this also sees the rows of the same file written before.
fn already_there(conn: &Connection, values: &[ToSqlOutput<'_>; 25]) -> Result<bool> {
    let [name, nik, _, kecamatan, _, _, category, reported_on, ..] = values;
    let found = if matches!(nik, ToSqlOutput::Owned(Value::Null)) {
        conn.prepare_cached(SAME_NAME)?
            .exists(params![name, kecamatan, category, reported_on])?
    } else {
        conn.prepare_cached(SAME_NIK)?
            .exists(params![nik, category, reported_on])?
    };
    Ok(found)
}

/// A case's import key as `SAME_NIK` / `SAME_NAME` compare it, for finding repeats inside a
/// file without writing it: the name folded as SQLite's `lower(trim(..))` folds it (spaces
/// at the ends, ASCII letters).
#[derive(PartialEq, Eq, Hash)]
enum ImportKey<'a> {
    Nik(&'a str, Option<&'static str>, Option<Date>),
    Name(String, &'a str, Option<&'static str>, Option<Date>),
}

impl<'a> ImportKey<'a> {
    fn of(case: &'a PmiCase) -> ImportKey<'a> {
        let category = case.category.map(|c| c.as_str());
        match case.nik.as_deref().filter(|n| !n.is_empty()) {
            Some(nik) => ImportKey::Nik(nik, category, case.reported_on),
            None => ImportKey::Name(
                case.name.trim_matches(' ').to_ascii_lowercase(),
                &case.kecamatan,
                category,
                case.reported_on,
            ),
        }
    }
}

/// Write one case row (its `column_values`) with the prepared `INSERT`; the caller records
/// the audit entry and indexes it for search.
fn insert_row(
    stmt: &mut Statement,
    conn: &Connection,
    values: &[ToSqlOutput<'_>; 25],
    officer: &str,
    now: &str,
) -> Result<i64> {
    let by = [officer, now, officer, now];
    stmt.execute(params_from_iter(
        values
            .iter()
            .map(|v| v as &dyn ToSql)
            .chain(by.iter().map(|v| v as &dyn ToSql)),
    ))?;
    Ok(conn.last_insert_rowid())
}

/// A case import being written (see [`Store::begin_case_import`]): cases go in one at a
/// time inside ONE transaction; [`CaseImport::finish`] indexes and counts them, records the
/// audit entry and commits. Dropped unfinished, the transaction rolls back: nothing is written.
pub struct CaseImport<'s> {
    tx: rusqlite::Transaction<'s>,
    officer: String,
    now: String,
    outcome: ImportOutcome,
    first_last: Option<(i64, i64)>,
    /// The first id written and not yet indexed and counted (see `CASE_CHUNK`).
    pending_from: Option<i64>,
}

/// The new cases are indexed for search and counted in the tallies this many at a time, in
/// the import's transaction: one statement over a whole big file would group (and sort) all
/// its rows at once, in memory that grows with the file.
const CASE_CHUNK: i64 = 10_000;

impl CaseImport<'_> {
    /// Write one case, or count it as a duplicate when its key is in the store (the rows
    /// written so far are in the transaction: a repeat inside the file is found the same way).
    pub fn add(&mut self, case: &PmiCase) -> Result<()> {
        let values = column_values(case);
        if already_there(&self.tx, &values)? {
            self.outcome.duplicates += 1;
        } else {
            let mut stmt = self.tx.prepare_cached(INSERT)?;
            let id = insert_row(&mut stmt, &self.tx, &values, &self.officer, &self.now)?;
            self.first_last = Some((self.first_last.map_or(id, |(f, _)| f), id));
            self.outcome.added += 1;
            // Under the write lock the ids of one transaction are consecutive.
            let from = *self.pending_from.get_or_insert(id);
            if id - from + 1 >= CASE_CHUNK {
                PmiCase::inserted(&self.tx, from, id)?;
                self.pending_from = None;
            }
        }
        Ok(())
    }

    /// What was written and skipped so far.
    pub fn outcome(&self) -> ImportOutcome {
        self.outcome
    }

    /// Index and count the new cases, record the import in the audit history, commit.
    pub fn finish(self) -> Result<ImportOutcome> {
        if let (Some(from), Some((_, last))) = (self.pending_from, self.first_last) {
            PmiCase::inserted(&self.tx, from, last)?;
        }
        audit::record_import(
            &self.tx,
            IMPORT_ENTITY,
            self.first_last,
            &self.officer,
            &[
                ("added", self.outcome.added),
                ("duplicates", self.outcome.duplicates),
            ],
        )?;
        self.tx.commit()?;
        Ok(self.outcome)
    }
}

/// A case import preview (see [`Store::begin_case_preview`]).
pub struct CasePreview<'c> {
    seen: super::placements::SeenKeys<'c>,
    outcome: ImportOutcome,
}

impl CasePreview<'_> {
    /// Count one case as new or as a duplicate (in the store or earlier in the file).
    pub fn add(&mut self, case: &PmiCase) -> Result<()> {
        let key = match ImportKey::of(case) {
            ImportKey::Nik(nik, category, on) => {
                format!(
                    "n\u{1f}{nik}\u{1f}{}\u{1f}{}",
                    category.unwrap_or(""),
                    on.map(iso).unwrap_or_default()
                )
            }
            ImportKey::Name(name, kecamatan, category, on) => format!(
                "m\u{1f}{name}\u{1f}{kecamatan}\u{1f}{}\u{1f}{}",
                category.unwrap_or(""),
                on.map(iso).unwrap_or_default()
            ),
        };
        let fresh =
            self.seen.first_time(&key)? && !already_there(self.seen.conn(), &column_values(case))?;
        if fresh {
            self.outcome.added += 1;
        } else {
            self.outcome.duplicates += 1;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<ImportOutcome> {
        Ok(self.outcome)
    }
}

kind_methods! {
    PmiCase as CaseRecord:
    insert_case, get_case, update_case, archive_case, restore_case, case_history
}

impl Store {
    /// Save many cases in one transaction: all or nothing. A case whose key (`SAME_NIK`,
    /// `SAME_NAME`) is already in the store, archived or not, or came earlier in `cases`, is
    /// skipped and counted. One audit entry records the import (officer, counts, the ids
    /// written). `progress` hears every 1,000 rows.
    pub fn insert_cases(
        &mut self,
        cases: &[PmiCase],
        mut progress: impl FnMut(usize),
    ) -> Result<ImportOutcome> {
        let mut import = self.begin_case_import()?;
        for (i, case) in cases.iter().enumerate() {
            import.add(case)?;
            if (i + 1) % 1000 == 0 {
                progress(i + 1);
            }
        }
        let outcome = import.finish()?;
        progress(cases.len());
        Ok(outcome)
    }

    /// Start an import written a case at a time ([`CaseImport::add`]) inside ONE
    /// transaction, as `insert_cases` writes it: a file of any length holds one row at a time.
    pub fn begin_case_import(&mut self) -> Result<CaseImport<'_>> {
        let officer = self.officer.clone();
        Ok(CaseImport {
            tx: self.write_tx()?,
            officer,
            now: now_stamp(),
            outcome: ImportOutcome::default(),
            first_last: None,
            pending_from: None,
        })
    }

    /// What `insert_cases` would do, without writing (for `--dry-run`).
    pub fn preview_case_import(&self, cases: &[PmiCase]) -> Result<ImportOutcome> {
        let mut preview = self.begin_case_preview()?;
        for case in cases {
            preview.add(case)?;
        }
        preview.finish()
    }

    /// Start counting what a case import would do, a row at a time, without writing to the
    /// store; the keys seen are kept on disk (see `SeenKeys`), so memory stays bounded.
    pub fn begin_case_preview(&self) -> Result<CasePreview<'_>> {
        Ok(CasePreview {
            seen: super::placements::SeenKeys::new(&self.conn)?,
            outcome: ImportOutcome::default(),
        })
    }

    /// Move a case to a status its current status allows; closing with a required
    /// document missing is refused (give a reason with `move_case_status_noting`).
    pub fn move_case_status(
        &mut self,
        id: i64,
        expected_version: i64,
        to: CaseStatus,
    ) -> Result<i64> {
        self.move_case_status_noting(id, expected_version, to, "")
    }

    /// Cases matching the filter; for a filter that must scan, at most `COUNT_CAP + 1`
    /// (read as "more than COUNT_CAP"). Without words, the count comes from the tally
    /// (migration 9), not from counting a million rows.
    pub fn count_cases(&self, filter: &CaseFilter) -> Result<i64> {
        if filter.text.split_whitespace().next().is_none() && filter.officer.is_none() {
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
        let CaseSource {
            from, clause, args, ..
        } = filter.source();
        if filter.needs_cap() {
            return Ok(self
                .conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM (SELECT 1 FROM {from} {clause} LIMIT {})",
                    COUNT_CAP + 1
                ))?
                .query_row(params_from_iter(args), |r| r.get(0))?);
        }
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM {from} {clause}"))?
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
        "planned_return",
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
        // The statements the list runs, for every anchor, with and without words.
        let anchors = [
            super::super::CaseAnchor::Top,
            super::super::CaseAnchor::Bottom,
            super::super::CaseAnchor::After(500),
            super::super::CaseAnchor::Before(500),
        ];
        for anchor in anchors {
            for (text, lead) in [
                ("", "INDEX pmi_case_list"),
                ("siti", "VIRTUAL TABLE"),
                ("siti pong", "VIRTUAL TABLE"),
                ("si", "INDEX pmi_case_list"),
            ] {
                let filter = CaseFilter {
                    text: text.into(),
                    year: Some(2026),
                    ..CaseFilter::default()
                };
                let (sql, args, _) = super::super::case_window::list_statement(&filter, anchor);
                let window = plan_with(&s, &sql.replace("{window}", "LIMIT 20 OFFSET 0"), args);
                assert!(
                    window.contains(lead) && !window.contains("TEMP"),
                    "{text:?} {anchor:?}: {window}"
                );
            }
        }
        // A step of a filter's count reads the range of ids it counts, not every match.
        let filter = CaseFilter {
            text: "siti".into(),
            ..CaseFilter::default()
        };
        let (sql, args) = super::super::case_window::count_in_statement(&filter, 10, 20);
        let step = plan_with(&s, &sql, args);
        // FTS5 names the bounds it was given on its rowid in its plan: `M1><`.
        assert!(
            step.starts_with("SCAN pmi_case_search VIRTUAL TABLE") && step.contains("M1><"),
            "{step}"
        );
    }

    fn plan_with(s: &Store, sql: &str, args: Vec<Value>) -> String {
        let mut stmt = s
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt
            .query_map(params_from_iter(args), |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join(" | ")
    }

    /// A case as an import file gives it; `nik` may be empty.
    fn imported(name: &str, nik: &str, kecamatan: &str, category: &str, on: &str) -> PmiCase {
        let v: std::collections::BTreeMap<String, String> = [
            ("name", name),
            ("nik", nik),
            ("sex", "P"),
            ("kecamatan", kecamatan),
            ("country", "Taiwan"),
            ("category", category),
            ("reported_on", on),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (c, checked) = PmiCase::from_fields(&v, demo::reference_day());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        c.unwrap()
    }

    const NIK_A: &str = "3505124512950001";
    const NIK_B: &str = "3505124512950002";

    fn names_in_store(s: &Store) -> Vec<String> {
        let mut stmt = s
            .conn()
            .prepare("SELECT name FROM pmi_case ORDER BY id")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.map(|r| r.unwrap()).collect()
    }

    fn import_counts(s: &Store) -> Vec<String> {
        let mut stmt = s
            .conn()
            .prepare("SELECT changes FROM audit WHERE entity = ?1 ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([IMPORT_ENTITY], |r| r.get::<_, String>(0))
            .unwrap();
        rows.map(|r| {
            let changes: Vec<Change> = serde_json::from_str(&r.unwrap()).unwrap();
            changes
                .iter()
                .filter(|c| c.field == "added" || c.field == "duplicates")
                .map(|c| format!("{}={}", c.field, c.new))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
    }

    #[test]
    fn an_import_skips_the_cases_it_has_already_and_counts_them() {
        let mut s = Store::open_in_memory("ani").unwrap();
        // One already in the store (then archived: it still counts), one typed in.
        let old = s
            .insert_case(&imported("Lama", NIK_A, "Talun", "sakit", "2025-03-01"))
            .unwrap();
        s.archive_case(old, 1).unwrap();
        s.insert_case(&imported(
            "Siti Aminah",
            "",
            "Ponggok",
            "kendala",
            "2025-04-02",
        ))
        .unwrap();
        let file = [
            // the archived case's key, under another name: a repeat
            imported("Lain", NIK_A, "Wlingi", "sakit", "2025-03-01"),
            // the same NIK and date, another category: a new case
            imported("Lama", NIK_A, "Talun", "deportasi", "2025-03-01"),
            // another NIK: new; then the same key twice in the file: one repeat
            imported("Baru", NIK_B, "Talun", "sakit", "2025-03-01"),
            imported("Baru", NIK_B, "Talun", "sakit", "2025-03-01"),
            // without a NIK, the typed case's name in another case and with spaces: a repeat
            imported("  SITI aminah ", "", "Ponggok", "kendala", "2025-04-02"),
            // ... but not in another kecamatan, category or day, or as another name
            imported("Siti Aminah", "", "Talun", "kendala", "2025-04-02"),
            imported("Siti Aminah", "", "Ponggok", "sakit", "2025-04-02"),
            imported("Siti Aminah", "", "Ponggok", "kendala", "2025-04-03"),
            imported("Siti Aminah Rahayu", "", "Ponggok", "kendala", "2025-04-02"),
            // a no-NIK repeat inside the file, told apart only by case and spaces
            imported("Dewi", "", "Bakung", "meninggal", "2025-05-05"),
            imported(" dEWI", "", "Bakung", "meninggal", "2025-05-05"),
        ];
        let preview = s.preview_case_import(&file).unwrap();
        let outcome = s.insert_cases(&file, |_| {}).unwrap();
        let want = ImportOutcome {
            added: 7,
            duplicates: 4,
        };
        assert_eq!(outcome, want);
        assert_eq!(preview, want, "the dry run says what the import does");
        assert_eq!(
            names_in_store(&s)[2..],
            [
                "Lama",
                "Baru",
                "Siti Aminah",
                "Siti Aminah",
                "Siti Aminah",
                "Siti Aminah Rahayu",
                "Dewi"
            ]
        );
        assert_eq!(import_counts(&s), ["added=7 duplicates=4"]);

        // The same file again: nothing new, every row a repeat, the count unchanged.
        assert_eq!(s.preview_case_import(&file).unwrap().added, 0);
        let again = s.insert_cases(&file, |_| {}).unwrap();
        assert_eq!(
            again,
            ImportOutcome {
                added: 0,
                duplicates: file.len()
            }
        );
        assert_eq!(names_in_store(&s).len(), 9);
        assert_eq!(
            import_counts(&s),
            ["added=7 duplicates=4", "added=0 duplicates=11"]
        );
        let counted = s.count_cases(&CaseFilter {
            include_archived: true,
            ..CaseFilter::default()
        });
        assert_eq!(
            counted.unwrap(),
            9,
            "the tally counts only what was written"
        );
    }

    /// The repeat lookups of an import read migration 10's indexes, never every case.
    #[test]
    fn the_repeat_lookups_read_an_index() {
        let s = Store::open_in_memory("t").unwrap();
        let nik = plan(
            &s,
            &SAME_NIK
                .replace("?1", "'3505124512950001'")
                .replace("?2", "'sakit'")
                .replace("?3", "'2025-03-01'"),
        );
        assert!(nik.contains("INDEX pmi_case_same_nik"), "{nik}");
        let name = plan(
            &s,
            &SAME_NAME
                .replace("?1", "' Siti '")
                .replace("?2", "'Talun'")
                .replace("?3", "'sakit'")
                .replace("?4", "'2025-03-01'"),
        );
        assert!(name.contains("INDEX pmi_case_same_name"), "{name}");
    }

    /// A store of schema 9 that holds the same case twice (typed in twice, or imported twice
    /// before this release) upgrades: migration 10's indexes are not UNIQUE, and both cases
    /// stay. An import then finds the key.
    #[test]
    fn a_store_holding_repeats_upgrades_and_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let twice = imported("Siti", "", "Ponggok", "sakit", "2025-03-01");
        {
            let mut s = Store::open(&path, "ani").unwrap();
            s.insert_case(&twice).unwrap();
            s.insert_case(&twice).unwrap();
            s.conn()
                .execute_batch(
                    "DROP INDEX pmi_case_same_nik; DROP INDEX pmi_case_same_name;
                     DROP INDEX training_year_type;
                     DROP INDEX pmi_case_officer; DROP INDEX pmi_case_due;
                     ALTER TABLE pmi_case DROP COLUMN officer;
                     ALTER TABLE pmi_case DROP COLUMN planned_return;
                     ALTER TABLE training DROP COLUMN training_type;
                     CREATE INDEX training_year ON training (year);
                     PRAGMA user_version = 9;",
                )
                .unwrap();
        }
        let mut s = Store::open(&path, "budi").unwrap();
        assert_eq!(
            s.schema_version().unwrap(),
            crate::store::migrations::LATEST
        );
        let indexes: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index'
                 AND name IN ('pmi_case_same_nik', 'pmi_case_same_name')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 2);
        assert_eq!(names_in_store(&s), ["Siti", "Siti"]);
        let outcome = s.insert_cases(&[twice], |_| {}).unwrap();
        assert_eq!(
            outcome,
            ImportOutcome {
                added: 0,
                duplicates: 1
            }
        );
    }
}
