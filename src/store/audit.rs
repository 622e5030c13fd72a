//! The audit history: who changed what, when, with old and new values.

use super::{now_stamp, Result};
use rusqlite::{params, Connection};
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
    let mut stmt = conn.prepare(
        "SELECT version, action, officer, at, changes FROM audit
         WHERE entity = ?1 AND record_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, id], |r| {
        let changes: String = r.get(4)?;
        Ok(AuditEntry {
            version: r.get(0)?,
            action: r.get(1)?,
            officer: r.get(2)?,
            at: r.get(3)?,
            changes: serde_json::from_str(&changes).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
