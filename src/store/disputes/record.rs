//! Bookkeeping shared by the dispute-side record kinds (disputes, prevention facilitations,
//! company compliance): who created and changed a record, its version, the audit history,
//! archiving, and windowed lists. Each kind says how its columns map to its fields.

use crate::domain::case::diff_fields;
use crate::store::audit::{self, Change};
use crate::store::{now_stamp, Result, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use std::collections::BTreeMap;

/// How a column is stored.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    /// Text, '' when empty.
    Text,
    /// Text, NULL when empty (dates, optional words).
    Opt,
    /// Whole number, NULL when empty.
    Int,
    /// `ya`/`tidak` as 1/0, NULL when empty.
    Bool,
}

/// A record kind kept in one table.
pub(super) struct Kind {
    pub table: &'static str,
    /// The audit history's name for it.
    pub entity: &'static str,
    /// What messages call it ("dispute #3 was changed by ...").
    pub label: &'static str,
    /// Columns named like the record's fields, in the order `read` expects them.
    pub columns: &'static [(&'static str, Col)],
}

/// A record kind the store keeps with versions, history and archive.
pub(super) trait Kept: Sized + Clone {
    const KIND: Kind;
    /// Read the record from `row`, whose first columns are `KIND.columns` in order.
    fn read(row: &Row) -> rusqlite::Result<Self>;
    fn fields(&self) -> BTreeMap<String, String>;
}

/// A record with its identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<T> {
    pub id: i64,
    pub value: T,
    pub version: i64,
    pub archived: bool,
    pub created_by: String,
    pub created_at: String,
    pub changed_by: String,
    pub changed_at: String,
}

fn values<T: Kept>(item: &T) -> Vec<Value> {
    let fields = item.fields();
    T::KIND
        .columns
        .iter()
        .map(|(c, kind)| {
            let v = fields.get(*c).map(String::as_str).unwrap_or_default();
            match (kind, v) {
                (Col::Text, _) => Value::Text(v.to_string()),
                (_, "") => Value::Null,
                (Col::Int, _) => v.parse::<i64>().map(Value::Integer).unwrap_or(Value::Null),
                (Col::Bool, _) => {
                    Value::Integer(i64::from(crate::domain::parse_bool(v).unwrap_or(false)))
                }
                (Col::Opt, _) => Value::Text(v.to_string()),
            }
        })
        .collect()
}

fn select<T: Kept>() -> String {
    let cols: Vec<&str> = T::KIND.columns.iter().map(|(c, _)| *c).collect();
    format!(
        "SELECT {}, id, version, archived, created_by, created_at, changed_by, changed_at FROM {}",
        cols.join(", "),
        T::KIND.table
    )
}

fn record_from_row<T: Kept>(row: &Row) -> rusqlite::Result<Record<T>> {
    let n = T::KIND.columns.len();
    Ok(Record {
        value: T::read(row)?,
        id: row.get(n)?,
        version: row.get(n + 1)?,
        archived: row.get::<_, i64>(n + 2)? != 0,
        created_by: row.get(n + 3)?,
        created_at: row.get(n + 4)?,
        changed_by: row.get(n + 5)?,
        changed_at: row.get(n + 6)?,
    })
}

pub(super) fn insert<T: Kept>(
    conn: &Connection,
    item: &T,
    officer: &str,
    now: &str,
) -> Result<i64> {
    let kind = &T::KIND;
    let mut vals = values(item);
    vals.extend([
        Value::Text(officer.into()),
        Value::Text(now.into()),
        Value::Text(officer.into()),
        Value::Text(now.into()),
    ]);
    let cols: Vec<&str> = kind.columns.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=vals.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}, created_by, created_at, changed_by, changed_at) VALUES ({})",
        kind.table,
        cols.join(", "),
        marks.join(", ")
    );
    conn.prepare_cached(&sql)?.execute(params_from_iter(vals))?;
    let id = conn.last_insert_rowid();
    let changes: Vec<Change> = item
        .fields()
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(field, new)| Change {
            field,
            old: String::new(),
            new,
        })
        .collect();
    audit::record(conn, kind.entity, id, 1, "create", officer, &changes)?;
    Ok(id)
}

pub(super) fn load<T: Kept>(conn: &Connection, id: i64) -> Result<Record<T>> {
    conn.prepare_cached(&format!("{} WHERE id = ?1", select::<T>()))?
        .query_row([id], record_from_row::<T>)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: T::KIND.label,
            id,
        })
}

fn check_version<T: Kept>(current: &Record<T>, expected: i64) -> Result<()> {
    if current.version != expected {
        return Err(StoreError::Conflict {
            entity: T::KIND.label,
            id: current.id,
            by: current.changed_by.clone(),
            at: current.changed_at.clone(),
        });
    }
    Ok(())
}

/// Save `edit`'s result over version `expected` of record `id`, or refuse: a newer version
/// (conflict), or the edit's own reason. Returns the new version (the same when nothing changed).
pub(super) fn change<T: Kept>(
    conn: &Connection,
    id: i64,
    expected: i64,
    action: &str,
    officer: &str,
    edit: impl FnOnce(&T) -> std::result::Result<T, String>,
) -> Result<i64> {
    let kind = &T::KIND;
    let current = load::<T>(conn, id)?;
    check_version(&current, expected)?;
    let new = edit(&current.value).map_err(StoreError::Refused)?;
    let changes: Vec<Change> = diff_fields(&current.value.fields(), &new.fields())
        .into_iter()
        .map(|(field, old, new)| Change { field, old, new })
        .collect();
    if changes.is_empty() {
        return Ok(current.version);
    }
    let version = current.version + 1;
    let mut vals = values(&new);
    let n = vals.len();
    let sets: Vec<String> = kind
        .columns
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
        .collect();
    vals.extend([
        Value::Integer(version),
        Value::Text(officer.into()),
        Value::Text(now_stamp()),
        Value::Integer(id),
        Value::Integer(expected),
    ]);
    let sql = format!(
        "UPDATE {} SET {}, version = ?{}, changed_by = ?{}, changed_at = ?{}
         WHERE id = ?{} AND version = ?{}",
        kind.table,
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 4,
        n + 5
    );
    if conn.execute(&sql, params_from_iter(vals))? != 1 {
        // Cannot happen under the write lock, but never write blind.
        return Err(StoreError::Conflict {
            entity: kind.label,
            id,
            by: current.changed_by,
            at: current.changed_at,
        });
    }
    audit::record(conn, kind.entity, id, version, action, officer, &changes)?;
    Ok(version)
}

/// Archive (never erase) record `id` if nobody saved it since `expected`.
pub(super) fn archive<T: Kept>(
    conn: &Connection,
    id: i64,
    expected: i64,
    officer: &str,
) -> Result<i64> {
    let kind = &T::KIND;
    let current = load::<T>(conn, id)?;
    check_version(&current, expected)?;
    let version = current.version + 1;
    conn.execute(
        &format!(
            "UPDATE {} SET archived = 1, version = ?1, changed_by = ?2, changed_at = ?3 WHERE id = ?4",
            kind.table
        ),
        params![version, officer, now_stamp(), id],
    )?;
    audit::record(
        conn,
        kind.entity,
        id,
        version,
        "archive",
        officer,
        &[Change {
            field: "archived".into(),
            old: "tidak".into(),
            new: "ya".into(),
        }],
    )?;
    Ok(version)
}

pub(super) fn history<T: Kept>(conn: &Connection, id: i64) -> Result<Vec<audit::AuditEntry>> {
    audit::history(conn, T::KIND.entity, id)
}

/// Records matching `clause` (e.g. `WHERE archived = 0`, numbered arguments from ?1) in
/// `order`, one window of them.
pub(super) fn list<T: Kept>(
    conn: &Connection,
    clause: &str,
    mut args: Vec<Value>,
    order: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<Record<T>>> {
    args.push(Value::Integer(limit));
    args.push(Value::Integer(offset));
    let n = args.len();
    let sql = format!(
        "{} {clause} ORDER BY {order} LIMIT ?{} OFFSET ?{}",
        select::<T>(),
        n - 1,
        n
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), record_from_row::<T>)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub(super) fn count<T: Kept>(conn: &Connection, clause: &str, args: Vec<Value>) -> Result<i64> {
    Ok(conn
        .prepare_cached(&format!("SELECT count(*) FROM {} {clause}", T::KIND.table))?
        .query_row(params_from_iter(args), |r| r.get(0))?)
}

/// `%word%` for LIKE with the officer's `%`, `_` and `\` taken literally (use `ESCAPE '\'`).
pub(super) fn like_word(word: &str) -> Value {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Value::Text(format!("%{escaped}%"))
}

/// Read helpers for `Kept::read`.
pub(super) fn text(row: &Row, i: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default())
}

pub(super) fn date(row: &Row, i: usize) -> rusqlite::Result<Option<crate::domain::date::Date>> {
    let s: Option<String> = row.get(i)?;
    Ok(s.and_then(|s| crate::domain::date::Date::parse_from_str(&s, "%Y-%m-%d").ok()))
}

pub(super) fn word<T>(
    row: &Row,
    i: usize,
    parse: fn(&str) -> std::result::Result<T, String>,
) -> rusqlite::Result<Option<T>> {
    Ok(row
        .get::<_, Option<String>>(i)?
        .and_then(|s| parse(&s).ok()))
}

pub(super) fn flag(row: &Row, i: usize) -> rusqlite::Result<Option<bool>> {
    Ok(row.get::<_, Option<i64>>(i)?.map(|v| v != 0))
}

pub(super) fn number(row: &Row, i: usize) -> rusqlite::Result<Option<u32>> {
    Ok(row
        .get::<_, Option<i64>>(i)?
        .and_then(|v| u32::try_from(v).ok()))
}

/// Year bounds as stored dates: `[year-01-01, year+1-01-01)`.
pub(super) fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1))
}
