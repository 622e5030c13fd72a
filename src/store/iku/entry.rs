//! Values entered from outside the records (TPAK, SAKIP, TPT): one per indicator and year,
//! with versions, the audit history and archive like every other record.

use crate::domain::date::{iso, Date};
use crate::domain::indicator::{IkuEntry, SAKIP_COMPONENTS};
use crate::store::audit::{self, AuditEntry, Change};
use crate::store::{now_stamp, Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;
use std::str::FromStr;

const ENTITY: &str = "iku_entry";

/// An entered value with its identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IkuEntryRecord {
    pub id: i64,
    pub entry: IkuEntry,
    pub version: i64,
    pub archived: bool,
    pub created_by: String,
    pub created_at: String,
    pub changed_by: String,
    pub changed_at: String,
}

const COLUMNS: &str = "code, year, value, grade, sakip_planning, sakip_measurement, \
    sakip_reporting, sakip_evaluation, source, source_date, notes";
const META: &str = "id, version, archived, created_by, created_at, changed_by, changed_at";

fn to_values(e: &IkuEntry) -> Vec<Value> {
    let mut v = vec![
        Value::Text(e.code.clone()),
        Value::Integer(i64::from(e.year)),
        Value::Text(e.value.to_string()),
        Value::Text(e.grade.clone().unwrap_or_default()),
    ];
    for i in 0..SAKIP_COMPONENTS.len() {
        v.push(match e.components {
            Some(c) => Value::Text(c[i].to_string()),
            None => Value::Null,
        });
    }
    v.extend([
        Value::Text(e.source.clone()),
        Value::Text(iso(e.source_date)),
        Value::Text(e.notes.clone()),
    ]);
    v
}

fn bad(what: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("{what} '{text}' in the store is not valid").into(),
    )
}

fn decimal(text: &str) -> rusqlite::Result<Decimal> {
    Decimal::from_str(text).map_err(|_| bad("value", text))
}

fn record_from_row(r: &Row) -> rusqlite::Result<IkuEntryRecord> {
    let grade: String = r.get(3)?;
    let mut parts = Vec::new();
    for i in 4..8 {
        if let Some(t) = r.get::<_, Option<String>>(i)? {
            parts.push(decimal(&t)?);
        }
    }
    let date: String = r.get(9)?;
    let entry = IkuEntry {
        code: r.get(0)?,
        year: r.get(1)?,
        value: decimal(&r.get::<_, String>(2)?)?,
        grade: (!grade.is_empty()).then_some(grade),
        components: <[Decimal; 4]>::try_from(parts).ok(),
        source: r.get(8)?,
        source_date: Date::parse_from_str(&date, "%Y-%m-%d").map_err(|_| bad("date", &date))?,
        notes: r.get(10)?,
    };
    Ok(IkuEntryRecord {
        entry,
        id: r.get(11)?,
        version: r.get(12)?,
        archived: r.get::<_, i64>(13)? != 0,
        created_by: r.get(14)?,
        created_at: r.get(15)?,
        changed_by: r.get(16)?,
        changed_at: r.get(17)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<IkuEntryRecord> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {META} FROM iku_entry WHERE id = ?1"
    ))?
    .query_row([id], record_from_row)
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: "indicator value",
        id,
    })
}

fn current_for(conn: &Connection, code: &str, year: i32) -> Result<Option<IkuEntryRecord>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS}, {META} FROM iku_entry WHERE archived = 0 AND code = ?1 AND year = ?2"
        ))?
        .query_row(params![code, year], record_from_row)
        .optional()?)
}

/// Refuse a second value for the same indicator and year: the officer edits the first.
fn refuse_duplicate(conn: &Connection, e: &IkuEntry, except: Option<i64>) -> Result<()> {
    match current_for(conn, &e.code, e.year)? {
        Some(r) if Some(r.id) != except => Err(StoreError::Refused(format!(
            "{} {} is already entered (#{}, {} from {}); edit that one instead",
            e.code, e.year, r.id, r.entry.value, r.entry.source
        ))),
        _ => Ok(()),
    }
}

fn changes(old: &IkuEntry, new: &IkuEntry) -> Vec<Change> {
    crate::domain::case::diff_fields(&old.to_fields(), &new.to_fields())
        .into_iter()
        .map(|(field, old, new)| Change { field, old, new })
        .collect()
}

/// The fields of a new value in the form's order, non-empty ones only.
fn creation_changes(e: &IkuEntry) -> Vec<Change> {
    let fields = e.to_fields();
    crate::domain::indicator::ENTRY_FIELDS
        .iter()
        .filter_map(|f| {
            let v = fields.get(f.key)?;
            (!v.is_empty()).then(|| Change {
                field: f.key.to_string(),
                old: String::new(),
                new: v.clone(),
            })
        })
        .collect()
}

impl Store {
    /// Save a new entered value; returns its id. Refused when the indicator already has a
    /// value for that year, or the year is closed.
    pub fn insert_iku_entry(&mut self, entry: &IkuEntry) -> Result<i64> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        refuse_duplicate(&tx, entry, None)?;
        let mut values = to_values(entry);
        values.extend([
            Value::Text(officer.clone()),
            Value::Text(now.clone()),
            Value::Text(officer.clone()),
            Value::Text(now),
        ]);
        tx.prepare_cached(&format!(
            "INSERT INTO iku_entry ({COLUMNS}, created_by, created_at, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
        ))?
        .execute(params_from_iter(values))?;
        let id = tx.last_insert_rowid();
        audit::record(
            &tx,
            ENTITY,
            id,
            1,
            "create",
            &officer,
            &creation_changes(entry),
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub fn get_iku_entry(&self, id: i64) -> Result<IkuEntryRecord> {
        load(&self.conn, id)
    }

    /// The value entered for an indicator and year, if any (archived ones left out).
    pub fn iku_entry_for(&self, code: &str, year: i32) -> Result<Option<IkuEntryRecord>> {
        current_for(&self.conn, code, year)
    }

    /// Save an edited value if nobody saved it since `expected_version`; returns the new
    /// version (the same when nothing changed).
    pub fn update_iku_entry(
        &mut self,
        id: i64,
        expected_version: i64,
        entry: &IkuEntry,
    ) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        if current.version != expected_version {
            return Err(StoreError::Conflict {
                entity: "indicator value",
                id,
                by: current.changed_by,
                at: current.changed_at,
            });
        }
        refuse_duplicate(&tx, entry, Some(id))?;
        let changes = changes(&current.entry, entry);
        if changes.is_empty() {
            return Ok(current.version);
        }
        let version = current.version + 1;
        let mut values = to_values(entry);
        values.extend([
            Value::Integer(version),
            Value::Text(officer.clone()),
            Value::Text(now_stamp()),
            Value::Integer(id),
            Value::Integer(expected_version),
        ]);
        let written = tx.execute(
            "UPDATE iku_entry SET code = ?1, year = ?2, value = ?3, grade = ?4,
               sakip_planning = ?5, sakip_measurement = ?6, sakip_reporting = ?7,
               sakip_evaluation = ?8, source = ?9, source_date = ?10, notes = ?11,
               version = ?12, changed_by = ?13, changed_at = ?14
             WHERE id = ?15 AND version = ?16",
            params_from_iter(values),
        )?;
        if written != 1 {
            return Err(StoreError::Conflict {
                entity: "indicator value",
                id,
                by: current.changed_by,
                at: current.changed_at,
            });
        }
        audit::record(&tx, ENTITY, id, version, "update", &officer, &changes)?;
        tx.commit()?;
        Ok(version)
    }

    /// Archive (never erase) an entered value; the year falls back to the published one.
    pub fn archive_iku_entry(&mut self, id: i64, expected_version: i64) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        if current.version != expected_version {
            return Err(StoreError::Conflict {
                entity: "indicator value",
                id,
                by: current.changed_by,
                at: current.changed_at,
            });
        }
        if current.archived {
            return Ok(current.version);
        }
        let version = current.version + 1;
        tx.execute(
            "UPDATE iku_entry SET archived = 1, version = ?1, changed_by = ?2, changed_at = ?3
             WHERE id = ?4",
            params![version, officer, now_stamp(), id],
        )?;
        let change = Change {
            field: "archived".into(),
            old: "tidak".into(),
            new: "ya".into(),
        };
        audit::record(&tx, ENTITY, id, version, "archive", &officer, &[change])?;
        tx.commit()?;
        Ok(version)
    }

    pub fn iku_entry_history(&self, id: i64) -> Result<Vec<AuditEntry>> {
        audit::history(&self.conn, ENTITY, id)
    }
}
