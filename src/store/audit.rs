//! The audit history: who changed what, when, with old and new values.

use super::record::all_rows;
use super::{now_stamp, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub version: i64,
    pub action: String,
    pub officer: String,
    pub at: String,
    pub changes: Vec<Change>,
}

pub(crate) fn record(
    conn: &Connection,
    entity: &str,
    id: i64,
    version: i64,
    action: &str,
    officer: &str,
    changes: &[Change],
) -> Result<()> {
    let json = serde_json::to_string(changes).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO audit(entity, record_id, version, action, officer, at, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![entity, id, version, action, officer, now_stamp(), json],
    )?;
    Ok(())
}

pub(crate) fn history(conn: &Connection, entity: &str, id: i64) -> Result<Vec<AuditEntry>> {
    Ok(history_with_ids(conn, entity, id)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// The history of record `id` of `entity`, each entry with its audit id (the order entries
/// were written in, across records).
pub(crate) fn history_with_ids(
    conn: &Connection,
    entity: &str,
    id: i64,
) -> Result<Vec<(i64, AuditEntry)>> {
    all_rows(
        conn,
        "SELECT id, version, action, officer, at, changes FROM audit
         WHERE entity = ?1 AND record_id = ?2 ORDER BY id",
        params![entity, id],
        |r| {
            let changes: String = r.get(5)?;
            Ok((
                r.get(0)?,
                AuditEntry {
                    version: r.get(1)?,
                    action: r.get(2)?,
                    officer: r.get(3)?,
                    at: r.get(4)?,
                    changes: serde_json::from_str(&changes).unwrap_or_default(),
                },
            ))
        },
    )
}

/// One audit entry for a bulk import (officer, counts, the range of ids written), instead of
/// one entry per row: a 100,000-row import stays fast and the history stays readable.
pub(crate) fn record_import(
    conn: &Connection,
    import_entity: &str,
    first_last: Option<(i64, i64)>,
    officer: &str,
    counts: &[(&str, usize)],
) -> Result<()> {
    let (first, last) = first_last.unwrap_or((0, 0));
    let mut changes: Vec<Change> = counts
        .iter()
        .map(|(field, n)| Change {
            field: (*field).into(),
            old: String::new(),
            new: n.to_string(),
        })
        .collect();
    for (field, id) in [("first_id", first), ("last_id", last)] {
        changes.push(Change {
            field: field.into(),
            old: String::new(),
            new: id.to_string(),
        });
    }
    record(conn, import_entity, first, 1, "import", officer, &changes)
}

/// The import that wrote record `id`, if it came from one. Rows of one import are written
/// under one write lock, so their ids are the contiguous range named in the import's entry.
pub(crate) fn import_entry(
    conn: &Connection,
    import_entity: &str,
    id: i64,
) -> Result<Option<AuditEntry>> {
    let found: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT officer, at, changes FROM audit
             WHERE entity = ?1 AND record_id BETWEEN 1 AND ?2
             ORDER BY record_id DESC, id DESC LIMIT 1",
        )?
        .query_row(params![import_entity, id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((officer, at, changes)) = found else {
        return Ok(None);
    };
    let changes: Vec<Change> = serde_json::from_str(&changes).unwrap_or_default();
    let last = changes
        .iter()
        .find(|c| c.field == "last_id")
        .and_then(|c| c.new.parse::<i64>().ok())
        .unwrap_or(0);
    Ok((id <= last).then(|| AuditEntry {
        version: 1,
        action: "import".into(),
        officer,
        at,
        changes,
    }))
}
