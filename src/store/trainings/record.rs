//! The bookkeeping trainings and participants share: insert with its audit entry, the
//! optimistic update that refuses a stale version, archive.

use crate::domain::case::FieldDef;
use crate::store::audit::{self, Change};
use crate::store::{Result, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use std::collections::BTreeMap;

/// One record kind: its table, its name in the audit history and in messages, its columns.
pub(super) struct Kind {
    pub table: &'static str,
    pub entity: &'static str,
    pub label: &'static str,
    pub columns: &'static [&'static str],
    /// The form's fields: the "create" entry of a history lists values in this order.
    pub form: &'static [FieldDef],
}

/// The bookkeeping of one stored record.
pub(super) struct Meta {
    pub version: i64,
    pub archived: bool,
    pub changed_by: String,
    pub changed_at: String,
}

/// The columns every record kind ends with, after its own.
pub(super) const META_COLUMNS: &str =
    "id, version, archived, created_by, created_at, changed_by, changed_at";

pub(super) fn meta(conn: &Connection, kind: &Kind, id: i64) -> Result<Meta> {
    conn.prepare_cached(&format!(
        "SELECT version, archived, changed_by, changed_at FROM {} WHERE id = ?1",
        kind.table
    ))?
    .query_row([id], |r| {
        Ok(Meta {
            version: r.get(0)?,
            archived: r.get::<_, i64>(1)? != 0,
            changed_by: r.get(2)?,
            changed_at: r.get(3)?,
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: kind.label,
        id,
    })
}

/// Refuse a save when the stored version moved on since the officer read it.
pub(super) fn check_version(kind: &Kind, id: i64, meta: &Meta, expected: i64) -> Result<()> {
    if meta.version != expected {
        return Err(StoreError::Conflict {
            entity: kind.label,
            id,
            by: meta.changed_by.clone(),
            at: meta.changed_at.clone(),
        });
    }
    Ok(())
}

/// What differs between two field maps, as audit changes.
pub(super) fn changes(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Vec<Change> {
    crate::domain::case::diff_fields(old, new)
        .into_iter()
        .map(|(field, old, new)| Change { field, old, new })
        .collect()
}

/// Insert a record (values in `kind.columns` order) and its audit entry; returns its id.
#[allow(clippy::too_many_arguments)]
pub(super) fn insert(
    conn: &Connection,
    kind: &Kind,
    mut values: Vec<Value>,
    fields: &BTreeMap<String, String>,
    action: &str,
    officer: &str,
    now: &str,
) -> Result<i64> {
    values.extend([
        Value::Text(officer.into()),
        Value::Text(now.into()),
        Value::Text(officer.into()),
        Value::Text(now.into()),
    ]);
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}, created_by, created_at, changed_by, changed_at) VALUES ({})",
        kind.table,
        kind.columns.join(", "),
        placeholders.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    let id = conn.last_insert_rowid();
    audit::record(
        conn,
        kind.entity,
        id,
        1,
        action,
        officer,
        &creation_changes(kind, fields),
    )?;
    Ok(id)
}

/// The non-empty values of a new record in form order, then any field the form does not
/// show (e.g. the training a participant belongs to).
fn creation_changes(kind: &Kind, fields: &BTreeMap<String, String>) -> Vec<Change> {
    let in_form = |k: &str| kind.form.iter().any(|d| d.key == k);
    let keys = kind
        .form
        .iter()
        .map(|d| d.key)
        .chain(fields.keys().map(String::as_str).filter(|k| !in_form(k)));
    keys.filter_map(|k| {
        let v = fields.get(k)?;
        (!v.is_empty()).then(|| Change {
            field: k.to_string(),
            old: String::new(),
            new: v.clone(),
        })
    })
    .collect()
}

/// Write new values over a record whose version the caller has checked; returns the new
/// version (the old one when nothing changed).
#[allow(clippy::too_many_arguments)]
pub(super) fn update(
    conn: &Connection,
    kind: &Kind,
    id: i64,
    meta: &Meta,
    mut values: Vec<Value>,
    changes: &[Change],
    action: &str,
    officer: &str,
    now: &str,
) -> Result<i64> {
    if changes.is_empty() {
        return Ok(meta.version);
    }
    let version = meta.version + 1;
    let sets: Vec<String> = kind
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let n = values.len();
    values.extend([
        Value::Integer(version),
        Value::Text(officer.into()),
        Value::Text(now.into()),
        Value::Integer(id),
        Value::Integer(meta.version),
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
    if conn.execute(&sql, params_from_iter(values))? != 1 {
        // Cannot happen under the write lock, but never write blind.
        return Err(StoreError::Conflict {
            entity: kind.label,
            id,
            by: meta.changed_by.clone(),
            at: meta.changed_at.clone(),
        });
    }
    audit::record(conn, kind.entity, id, version, action, officer, changes)?;
    Ok(version)
}

/// Archive (never erase) a record at the expected version; returns the new version.
pub(super) fn archive(
    conn: &Connection,
    kind: &Kind,
    id: i64,
    expected_version: i64,
    officer: &str,
    now: &str,
) -> Result<i64> {
    let m = meta(conn, kind, id)?;
    check_version(kind, id, &m, expected_version)?;
    if m.archived {
        return Ok(m.version);
    }
    let version = m.version + 1;
    conn.execute(
        &format!(
            "UPDATE {} SET archived = 1, version = ?1, changed_by = ?2, changed_at = ?3
             WHERE id = ?4",
            kind.table
        ),
        params![version, officer, now, id],
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

/// `WHERE` words for a list filter: every word must appear in `haystack` (an SQL expression).
/// LIKE wildcards an officer types are literal.
pub(super) fn text_filter(text: &str, haystack: &str, args: &mut Vec<Value>) -> Vec<String> {
    text.split_whitespace()
        .take(8)
        .map(|word| {
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            args.push(Value::Text(format!("%{escaped}%")));
            format!("({haystack}) LIKE ?{} ESCAPE '\\'", args.len())
        })
        .collect()
}

/// `WHERE a AND b`, or nothing.
pub(super) fn where_sql(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}
