//! Participants: insert, read, optimistic update, the follow-up result in one call,
//! archive, history. An NIK appears once per training.

use super::training as training_store;
use super::TraineeRecord;
use crate::clock::today;
use crate::domain::case::Sex;
use crate::domain::date::{iso, Date};
use crate::domain::nik::mask;
use crate::domain::training::{Employment, Trainee, VerifiedHow, TRAINEE_FIELDS};
use crate::domain::FieldError;
use crate::i18n::Msg;
use crate::msg;
use crate::store::audit::Change;
use crate::store::record::kind_methods;
use crate::store::record::{date, non_empty, word, Kept, Table};
use crate::store::{Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

impl Kept for Trainee {
    const TABLE: Table = Table {
        table: "trainee",
        label: "participant",
        columns: "training_id:int nik name sex kecamatan phone graduated:bool certified:bool \
            certificate_no employment:opt employer employed_on:opt verified_on:opt \
            verified_how:opt",
        import_entity: None,
    };

    fn read(row: &Row) -> Result<Self> {
        Ok(Trainee {
            training_id: row.get(0)?,
            nik: row.get(1)?,
            name: row.get(2)?,
            sex: word(row, 3, Sex::parse)?.unwrap_or(Sex::L),
            kecamatan: row.get(4)?,
            phone: row.get(5)?,
            graduated: row.get::<_, i64>(6)? != 0,
            certified: row.get::<_, i64>(7)? != 0,
            certificate_no: row.get(8)?,
            employment: word(row, 9, Employment::parse)?,
            employer: row.get(10)?,
            employed_on: date(row, 11)?,
            verified_on: date(row, 12)?,
            verified_how: word(row, 13, VerifiedHow::parse)?,
        })
    }

    fn values(&self) -> Vec<Value> {
        let date = |d: Option<Date>| d.map(|d| Value::Text(iso(d))).unwrap_or(Value::Null);
        let word = |w: Option<&str>| w.map(|w| Value::Text(w.into())).unwrap_or(Value::Null);
        vec![
            Value::Integer(self.training_id),
            Value::Text(self.nik.clone()),
            Value::Text(self.name.clone()),
            Value::Text(self.sex.as_str().into()),
            Value::Text(self.kecamatan.clone()),
            Value::Text(self.phone.clone()),
            Value::Integer(i64::from(self.graduated)),
            Value::Integer(i64::from(self.certified)),
            Value::Text(self.certificate_no.clone()),
            word(self.employment.as_ref().map(|e| e.as_str())),
            Value::Text(self.employer.clone()),
            date(self.employed_on),
            date(self.verified_on),
            word(self.verified_how.as_ref().map(|v| v.as_str())),
        ]
    }

    fn creation_changes(&self) -> Vec<Change> {
        non_empty(self.fields(), TRAINEE_FIELDS.iter().map(|d| d.key))
    }

    /// The training is missing or archived, or the NIK is already one of its participants.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        match refusal(conn, self, except)? {
            Some(reason) => Err(StoreError::Refused(reason)),
            None => Ok(()),
        }
    }
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
pub(super) fn refusal(conn: &Connection, t: &Trainee, except: Option<i64>) -> Result<Option<Msg>> {
    let training = training_store::load(conn, t.training_id)?;
    if training.archived {
        return Ok(Some(msg!("s.training.archived", t.training_id)));
    }
    Ok(match with_nik(conn, t.training_id, &t.nik)? {
        Some((id, name)) if Some(id) != except => Some(msg!(
            "s.trainee.twice",
            mask(&t.nik),
            id,
            name,
            t.training_id,
            training.training.scheme,
            training.training.year
        )),
        _ => None,
    })
}

kind_methods! {
    Trainee as TraineeRecord:
    insert_trainee, get_trainee, update_trainee, archive_trainee, restore_trainee, trainee_history
}

impl Store {
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
        let today = today();
        self.change(
            trainee_id,
            expected_version,
            "employment",
            |conn, old: &Trainee| {
                let training = training_store::load(conn, old.training_id)?;
                old.with_employment(
                    &training.training,
                    employment,
                    employer,
                    employed_on,
                    today,
                    verified_how,
                    today,
                )
                .map_err(|errors| StoreError::Refused(FieldError::all(&errors)))
            },
        )
    }
}
