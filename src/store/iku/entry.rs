//! Values entered from outside the records (TPAK, SAKIP, TPT): one per indicator and year,
//! with versions, the audit history and archive like every other record.

use crate::domain::date::{iso, Date};
use crate::domain::indicator::{IkuEntry, ENTRY_FIELDS, SAKIP_COMPONENTS};
use crate::msg;
use crate::store::audit::Change;
use crate::store::record::kind_methods;
use crate::store::record::{self, named_record, non_empty, Kept, Table};
use crate::store::{Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use rust_decimal::Decimal;
use std::str::FromStr;

named_record!(
    /// An entered value with its identity and bookkeeping.
    IkuEntryRecord,
    entry: IkuEntry
);

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

impl Kept for IkuEntry {
    const TABLE: Table = Table {
        table: "iku_entry",
        label: "indicator value",
        columns: "code year:int value grade sakip_planning:opt sakip_measurement:opt \
            sakip_reporting:opt sakip_evaluation:opt source source_date notes",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        let grade: String = r.get(3)?;
        let mut parts = Vec::new();
        for i in 4..8 {
            if let Some(t) = r.get::<_, Option<String>>(i)? {
                parts.push(decimal(&t)?);
            }
        }
        let date: String = r.get(9)?;
        Ok(IkuEntry {
            code: r.get(0)?,
            year: r.get(1)?,
            value: decimal(&r.get::<_, String>(2)?)?,
            grade: (!grade.is_empty()).then_some(grade),
            components: <[Decimal; 4]>::try_from(parts).ok(),
            source: r.get(8)?,
            source_date: Date::parse_from_str(&date, "%Y-%m-%d").map_err(|_| bad("date", &date))?,
            notes: r.get(10)?,
        })
    }

    fn values(&self) -> Vec<Value> {
        to_values(self)
    }

    /// The fields of a new value in the form's order, non-empty ones only.
    fn creation_changes(&self) -> Vec<Change> {
        non_empty(self.fields(), ENTRY_FIELDS.iter().map(|f| f.key))
    }

    /// A second value for the same indicator and year: the officer edits the first.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        refuse_duplicate(conn, self, except)
    }
}

fn current_for(conn: &Connection, code: &str, year: i32) -> Result<Option<IkuEntryRecord>> {
    let found = record::list::<IkuEntry>(
        conn,
        "WHERE archived = 0 AND code = ?1 AND year = ?2",
        vec![Value::Text(code.into()), Value::Integer(year.into())],
        "id",
        0,
        1,
    )?;
    Ok(found.into_iter().next().map(Into::into))
}

/// Refuse a second value for the same indicator and year: the officer edits the first.
fn refuse_duplicate(conn: &Connection, e: &IkuEntry, except: Option<i64>) -> Result<()> {
    match current_for(conn, &e.code, e.year)? {
        Some(r) if Some(r.id) != except => Err(StoreError::Refused(msg!(
            "s.iku.entered_twice",
            e.code,
            e.year,
            r.id,
            r.entry.value,
            r.entry.source
        ))),
        _ => Ok(()),
    }
}

kind_methods! {
    IkuEntry as IkuEntryRecord:
    insert_iku_entry, get_iku_entry, update_iku_entry, archive_iku_entry, restore_iku_entry, iku_entry_history
}

impl Store {
    /// The value entered for an indicator and year, if any (archived ones left out).
    pub fn iku_entry_for(&self, code: &str, year: i32) -> Result<Option<IkuEntryRecord>> {
        current_for(&self.conn, code, year)
    }

    /// The values entered for `year`, live or (`archived`) archived, by indicator.
    pub fn iku_entries_of(&self, year: i32, archived: bool) -> Result<Vec<IkuEntryRecord>> {
        let found = record::list::<IkuEntry>(
            &self.conn,
            "WHERE archived = ?1 AND year = ?2",
            vec![Value::Integer(archived.into()), Value::Integer(year.into())],
            "code, id",
            0,
            i64::MAX,
        )?;
        Ok(found.into_iter().map(Into::into).collect())
    }
}
