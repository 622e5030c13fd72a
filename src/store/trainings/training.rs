//! Training programs: insert, read, optimistic update, archive, history; the published
//! schemes of table 3.13.

use super::record::{self, Kind, META_COLUMNS};
use super::{PublishedScheme, TrainingRecord};
use crate::domain::date::Date;
use crate::domain::training::{FundingSource, Training, TRAINING_FIELDS};
use crate::domain::Money;
use crate::store::audit::{self, AuditEntry};
use crate::store::{now_stamp, Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) const TRAINING: Kind = Kind {
    table: "training",
    entity: "training",
    label: "training",
    columns: &[
        "scheme",
        "year",
        "funding_source",
        "provider",
        "start_date",
        "end_date",
        "quota",
        "budget",
    ],
    form: TRAINING_FIELDS,
};

fn to_values(t: &Training) -> Vec<Value> {
    let date = |d: Option<Date>| match d {
        Some(d) => Value::Text(crate::domain::date::iso(d)),
        None => Value::Null,
    };
    vec![
        Value::Text(t.scheme.clone()),
        Value::Integer(i64::from(t.year)),
        Value::Text(t.funding_source.as_str().to_string()),
        Value::Text(t.provider.clone()),
        date(t.start_date),
        date(t.end_date),
        t.quota
            .map(|q| Value::Integer(i64::from(q)))
            .unwrap_or(Value::Null),
        t.budget
            .map(|m| Value::Text(m.plain()))
            .unwrap_or(Value::Null),
    ]
}

pub(super) fn date_col(row: &Row, i: usize) -> rusqlite::Result<Option<Date>> {
    let s: Option<String> = row.get(i)?;
    Ok(s.and_then(|s| Date::parse_from_str(&s, "%Y-%m-%d").ok()))
}

fn record_from_row(row: &Row) -> rusqlite::Result<TrainingRecord> {
    let funding: String = row.get(2)?;
    let training = Training {
        scheme: row.get(0)?,
        year: row.get(1)?,
        funding_source: FundingSource::parse(&funding).unwrap_or(FundingSource::Other(funding)),
        provider: row.get(3)?,
        start_date: date_col(row, 4)?,
        end_date: date_col(row, 5)?,
        quota: row
            .get::<_, Option<i64>>(6)?
            .and_then(|q| u32::try_from(q).ok()),
        budget: row
            .get::<_, Option<String>>(7)?
            .and_then(|s| Money::parse(&s).ok()),
    };
    Ok(TrainingRecord {
        training,
        id: row.get(8)?,
        version: row.get(9)?,
        archived: row.get::<_, i64>(10)? != 0,
        created_by: row.get(11)?,
        created_at: row.get(12)?,
        changed_by: row.get(13)?,
        changed_at: row.get(14)?,
    })
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<TrainingRecord> {
    conn.prepare_cached(&format!(
        "SELECT {}, {META_COLUMNS} FROM training WHERE id = ?1",
        TRAINING.columns.join(", ")
    ))?
    .query_row([id], record_from_row)
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: TRAINING.label,
        id,
    })
}

/// Trainings (not archived) with this name and year, any funding source: (id, funding).
pub(super) fn same_name(conn: &Connection, scheme: &str, year: i32) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, funding_source FROM training
         WHERE archived = 0 AND lower(scheme) = lower(?1) AND year = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![scheme, year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A training is named by scheme, year and funding source: refuse a second one.
fn refuse_duplicate(conn: &Connection, t: &Training, except: Option<i64>) -> Result<()> {
    let clash = same_name(conn, &t.scheme, t.year)?
        .into_iter()
        .find(|(id, f)| Some(*id) != except && f == t.funding_source.as_str());
    match clash {
        Some((id, _)) => Err(StoreError::Refused(format!(
            "training #{id} is already '{}' of {} funded by {}",
            t.scheme, t.year, t.funding_source
        ))),
        None => Ok(()),
    }
}

pub(super) fn insert(
    conn: &Connection,
    t: &Training,
    action: &str,
    officer: &str,
    now: &str,
) -> Result<i64> {
    refuse_duplicate(conn, t, None)?;
    record::insert(
        conn,
        &TRAINING,
        to_values(t),
        &t.to_fields(),
        action,
        officer,
        now,
    )
}

impl Store {
    /// Save a new training; returns its id. A second training with the same scheme, year
    /// and funding source is refused.
    pub fn insert_training(&mut self, training: &Training) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let id = insert(&tx, training, "create", &officer, &now_stamp())?;
        tx.commit()?;
        Ok(id)
    }

    pub fn get_training(&self, id: i64) -> Result<TrainingRecord> {
        load(&self.conn, id)
    }

    /// Save an edited training if nobody saved it since `expected_version`; returns the new
    /// version.
    pub fn update_training(
        &mut self,
        id: i64,
        expected_version: i64,
        training: &Training,
    ) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        let meta = record::meta(&tx, &TRAINING, id)?;
        record::check_version(&TRAINING, id, &meta, expected_version)?;
        refuse_duplicate(&tx, training, Some(id))?;
        let changes = record::changes(&current.training.to_fields(), &training.to_fields());
        let version = record::update(
            &tx,
            &TRAINING,
            id,
            &meta,
            to_values(training),
            &changes,
            "update",
            &officer,
            &now_stamp(),
        )?;
        tx.commit()?;
        Ok(version)
    }

    /// Archive (never erase) a training; its participants leave the lists and totals with it.
    pub fn archive_training(&mut self, id: i64, expected_version: i64) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let v = record::archive(&tx, &TRAINING, id, expected_version, &officer, &now_stamp())?;
        tx.commit()?;
        Ok(v)
    }

    pub fn training_history(&self, id: i64) -> Result<Vec<AuditEntry>> {
        audit::history(&self.conn, TRAINING.entity, id)
    }

    /// The published schemes of table 3.13 (2022-2024), in the report's order.
    pub fn published_training_schemes(&self) -> Result<Vec<PublishedScheme>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT CAST(json_extract(data, '$.year') AS INTEGER),
                    ifnull(json_extract(data, '$.funding_source'), ''),
                    ifnull(json_extract(data, '$.scheme'), ''),
                    CAST(json_extract(data, '$.participants') AS INTEGER)
             FROM published WHERE tbl = 'training_schemes' ORDER BY row_no",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PublishedScheme {
                year: r.get(0)?,
                funding_source: r.get(1)?,
                scheme: r.get(2)?,
                participants: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
