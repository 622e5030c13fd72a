//! Training programs: insert, read, optimistic update, archive, history; the published
//! schemes of table 3.13.

use super::{PublishedScheme, TrainingRecord};
use crate::domain::date::Date;
use crate::domain::training::{FundingSource, Training, TrainingType, TRAINING_FIELDS};
use crate::domain::Money;
use crate::msg;
use crate::store::audit::Change;
use crate::store::record::kind_methods;
use crate::store::record::{self, all_rows, date, non_empty, number, Kept, Table};
use crate::store::{Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, Connection, Row};

impl Kept for Training {
    const TABLE: Table = Table {
        table: "training",
        label: "training",
        columns: "scheme year:int funding_source provider start_date:opt end_date:opt \
            quota:int budget:opt training_type",
        import_entity: None,
    };

    fn read(row: &Row) -> Result<Self> {
        let funding: String = row.get(2)?;
        Ok(Training {
            scheme: row.get(0)?,
            year: row.get(1)?,
            funding_source: FundingSource::parse(&funding).unwrap_or(FundingSource::Other(funding)),
            provider: row.get(3)?,
            start_date: date(row, 4)?,
            end_date: date(row, 5)?,
            quota: number(row, 6)?,
            budget: row
                .get::<_, Option<String>>(7)?
                .and_then(|s| Money::parse(&s).ok()),
            // The table's CHECK keeps it one of the four.
            training_type: TrainingType::parse(&row.get::<_, String>(8)?).unwrap_or_default(),
        })
    }

    fn values(&self) -> Vec<Value> {
        let date = |d: Option<Date>| match d {
            Some(d) => Value::Text(crate::domain::date::iso(d)),
            None => Value::Null,
        };
        vec![
            Value::Text(self.scheme.clone()),
            Value::Integer(i64::from(self.year)),
            Value::Text(self.funding_source.as_str().to_string()),
            Value::Text(self.provider.clone()),
            date(self.start_date),
            date(self.end_date),
            self.quota
                .map(|q| Value::Integer(i64::from(q)))
                .unwrap_or(Value::Null),
            self.budget
                .map(|m| Value::Text(m.plain()))
                .unwrap_or(Value::Null),
            Value::Text(self.training_type.as_str().to_string()),
        ]
    }

    fn creation_changes(&self) -> Vec<Change> {
        non_empty(self.fields(), TRAINING_FIELDS.iter().map(|d| d.key))
    }

    /// A training is named by scheme, year and funding source: refuse a second one.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        refuse_duplicate(conn, self, except)
    }
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<TrainingRecord> {
    record::load::<Training>(conn, id).map(Into::into)
}

/// Trainings (not archived) with this name and year, any funding source: (id, funding).
pub(super) fn same_name(conn: &Connection, scheme: &str, year: i32) -> Result<Vec<(i64, String)>> {
    all_rows(
        conn,
        "SELECT id, funding_source FROM training
         WHERE archived = 0 AND lower(scheme) = lower(?1) AND year = ?2 ORDER BY id",
        params![scheme, year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A training is named by scheme, year and funding source: refuse a second one.
fn refuse_duplicate(conn: &Connection, t: &Training, except: Option<i64>) -> Result<()> {
    let clash = same_name(conn, &t.scheme, t.year)?
        .into_iter()
        .find(|(id, f)| Some(*id) != except && f == t.funding_source.as_str());
    match clash {
        Some((id, _)) => Err(StoreError::Refused(msg!(
            "s.training.twice",
            id,
            t.scheme,
            t.year,
            t.funding_source
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
    t.refusal(conn, None)?;
    record::insert(conn, t, action, officer, now)
}

kind_methods! {
    Training as TrainingRecord:
    insert_training, get_training, update_training, archive_training, restore_training, training_history
}

impl Store {
    /// The published schemes of table 3.13 (2022-2024), in the report's order.
    pub fn published_training_schemes(&self) -> Result<Vec<PublishedScheme>> {
        all_rows(
            &self.conn,
            "SELECT CAST(json_extract(data, '$.year') AS INTEGER),
                    ifnull(json_extract(data, '$.funding_source'), ''),
                    ifnull(json_extract(data, '$.scheme'), ''),
                    CAST(json_extract(data, '$.participants') AS INTEGER)
             FROM published WHERE tbl = 'training_schemes' ORDER BY row_no",
            [],
            |r| {
                Ok(PublishedScheme {
                    year: r.get(0)?,
                    funding_source: r.get(1)?,
                    scheme: r.get(2)?,
                    participants: r.get(3)?,
                })
            },
        )
    }
}
