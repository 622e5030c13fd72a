//! Participants: insert, read, optimistic update, the follow-up result in one call,
//! archive, history. An NIK appears once per training.

use super::record::{self, Kind, META_COLUMNS};
use super::training::{self as training_store, date_col};
use super::TraineeRecord;
use crate::clock::today;
use crate::domain::case::Sex;
use crate::domain::date::{iso, Date};
use crate::domain::nik::mask;
use crate::domain::training::{Employment, Trainee, VerifiedHow, TRAINEE_FIELDS};
use crate::store::audit::{self, AuditEntry};
use crate::store::{now_stamp, Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) const TRAINEE: Kind = Kind {
    table: "trainee",
    entity: "trainee",
    label: "participant",
    columns: &[
        "training_id",
        "nik",
        "name",
        "sex",
        "kecamatan",
        "phone",
        "graduated",
        "certified",
        "certificate_no",
        "employment",
        "employer",
        "employed_on",
        "verified_on",
        "verified_how",
    ],
    form: TRAINEE_FIELDS,
};

fn to_values(t: &Trainee) -> Vec<Value> {
    let date = |d: Option<Date>| d.map(|d| Value::Text(iso(d))).unwrap_or(Value::Null);
    let word = |w: Option<&str>| w.map(|w| Value::Text(w.into())).unwrap_or(Value::Null);
    vec![
        Value::Integer(t.training_id),
        Value::Text(t.nik.clone()),
        Value::Text(t.name.clone()),
        Value::Text(t.sex.as_str().into()),
        Value::Text(t.kecamatan.clone()),
        Value::Text(t.phone.clone()),
        Value::Integer(i64::from(t.graduated)),
        Value::Integer(i64::from(t.certified)),
        Value::Text(t.certificate_no.clone()),
        word(t.employment.as_ref().map(|e| e.as_str())),
        Value::Text(t.employer.clone()),
        date(t.employed_on),
        date(t.verified_on),
        word(t.verified_how.as_ref().map(|v| v.as_str())),
    ]
}

fn record_from_row(row: &Row) -> rusqlite::Result<TraineeRecord> {
    let word = |i: usize| -> rusqlite::Result<Option<String>> { row.get(i) };
    let trainee = Trainee {
        training_id: row.get(0)?,
        nik: row.get(1)?,
        name: row.get(2)?,
        sex: word(3)?.and_then(|s| Sex::parse(&s).ok()).unwrap_or(Sex::L),
        kecamatan: row.get(4)?,
        phone: row.get(5)?,
        graduated: row.get::<_, i64>(6)? != 0,
        certified: row.get::<_, i64>(7)? != 0,
        certificate_no: row.get(8)?,
        employment: word(9)?.and_then(|s| Employment::parse(&s).ok()),
        employer: row.get(10)?,
        employed_on: date_col(row, 11)?,
        verified_on: date_col(row, 12)?,
        verified_how: word(13)?.and_then(|s| VerifiedHow::parse(&s).ok()),
    };
    Ok(TraineeRecord {
        trainee,
        id: row.get(14)?,
        version: row.get(15)?,
        archived: row.get::<_, i64>(16)? != 0,
        created_by: row.get(17)?,
        created_at: row.get(18)?,
        changed_by: row.get(19)?,
        changed_at: row.get(20)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<TraineeRecord> {
    conn.prepare_cached(&format!(
        "SELECT {}, {META_COLUMNS} FROM trainee WHERE id = ?1",
        TRAINEE.columns.join(", ")
    ))?
    .query_row([id], record_from_row)
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: TRAINEE.label,
        id,
    })
}

/// The participant (not archived) of a training who has this NIK: (id, name).
pub(super) fn with_nik(
    conn: &Connection,
    training_id: i64,
    nik: &str,
) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name FROM trainee WHERE archived = 0 AND training_id = ?1 AND nik = ?2",
        )?
        .query_row(params![training_id, nik], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Why the participant cannot join the training, if they cannot: the training is missing
/// or archived, or the NIK is already one of its participants.
pub(super) fn refusal(
    conn: &Connection,
    t: &Trainee,
    except: Option<i64>,
) -> Result<Option<String>> {
    let training = training_store::load(conn, t.training_id)?;
    if training.archived {
        return Ok(Some(format!(
            "training #{} is archived; participants cannot be added to it",
            t.training_id
        )));
    }
    Ok(match with_nik(conn, t.training_id, &t.nik)? {
        Some((id, name)) if Some(id) != except => Some(format!(
            "NIK {} is already participant #{id} ({name}) of training #{} ({} {})",
            mask(&t.nik),
            t.training_id,
            training.training.scheme,
            training.training.year
        )),
        _ => None,
    })
}

pub(super) fn insert(
    conn: &Connection,
    t: &Trainee,
    action: &str,
    officer: &str,
    now: &str,
) -> Result<i64> {
    record::insert(
        conn,
        &TRAINEE,
        to_values(t),
        &t.to_fields(),
        action,
        officer,
        now,
    )
}

impl Store {
    /// Save a new participant; returns its id. Refused when the training is archived or the
    /// NIK is already one of its participants.
    pub fn insert_trainee(&mut self, trainee: &Trainee) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        if let Some(reason) = refusal(&tx, trainee, None)? {
            return Err(StoreError::Refused(reason));
        }
        let id = insert(&tx, trainee, "create", &officer, &now_stamp())?;
        tx.commit()?;
        Ok(id)
    }

    pub fn get_trainee(&self, id: i64) -> Result<TraineeRecord> {
        load(&self.conn, id)
    }

    /// Save an edited participant if nobody saved it since `expected_version`; returns the
    /// new version.
    pub fn update_trainee(
        &mut self,
        id: i64,
        expected_version: i64,
        trainee: &Trainee,
    ) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        let meta = record::meta(&tx, &TRAINEE, id)?;
        record::check_version(&TRAINEE, id, &meta, expected_version)?;
        if let Some(reason) = refusal(&tx, trainee, Some(id))? {
            return Err(StoreError::Refused(reason));
        }
        let changes = record::changes(&current.trainee.to_fields(), &trainee.to_fields());
        let version = record::update(
            &tx,
            &TRAINEE,
            id,
            &meta,
            to_values(trainee),
            &changes,
            "update",
            &officer,
            &now_stamp(),
        )?;
        tx.commit()?;
        Ok(version)
    }

    /// Record a follow-up result in one call (the TUI's two-key action): employment (wage job,
    /// own business or none), employer, the day employment began if known, and how it was
    /// verified; the verification date is today. Checked by the participant's rules, refused
    /// on a stale version; returns the new version.
    pub fn mark_employment(
        &mut self,
        trainee_id: i64,
        expected_version: i64,
        employment: Employment,
        employer: &str,
        employed_on: Option<Date>,
        verified_how: VerifiedHow,
    ) -> Result<i64> {
        let officer = self.officer.clone();
        let today = today();
        let tx = self.write_tx()?;
        let current = load(&tx, trainee_id)?;
        let meta = record::meta(&tx, &TRAINEE, trainee_id)?;
        record::check_version(&TRAINEE, trainee_id, &meta, expected_version)?;
        let training = training_store::load(&tx, current.trainee.training_id)?;
        let marked = current
            .trainee
            .with_employment(
                &training.training,
                employment,
                employer,
                employed_on,
                today,
                verified_how,
                today,
            )
            .map_err(|errors| {
                StoreError::Refused(
                    errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
        let changes = record::changes(&current.trainee.to_fields(), &marked.to_fields());
        let version = record::update(
            &tx,
            &TRAINEE,
            trainee_id,
            &meta,
            to_values(&marked),
            &changes,
            "employment",
            &officer,
            &now_stamp(),
        )?;
        tx.commit()?;
        Ok(version)
    }

    /// Archive (never erase) a participant.
    pub fn archive_trainee(&mut self, id: i64, expected_version: i64) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let v = record::archive(&tx, &TRAINEE, id, expected_version, &officer, &now_stamp())?;
        tx.commit()?;
        Ok(v)
    }

    pub fn trainee_history(&self, id: i64) -> Result<Vec<AuditEntry>> {
        audit::history(&self.conn, TRAINEE.entity, id)
    }
}
