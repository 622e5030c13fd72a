//! Windowed lists: trainings (per year), a training's participants, and the graduates to
//! follow up. Only the rows on screen are read.

use super::totals::{counts_from, COUNTS_SQL};
use super::{FollowUpRow, TraineeFilter, TraineeListRow, TrainingFilter, TrainingListRow};
use crate::domain::date::{iso, Date};
use crate::domain::nik::mask;
use crate::domain::training::TrainingType;
use crate::store::record::{count_where, window, Where};
use crate::store::{Result, Store};
use chrono::Months;
use rusqlite::types::Value;

impl TrainingFilter {
    fn where_clause(&self) -> (String, Vec<Value>) {
        Where::archived(self.archived, self.include_archived)
            .eq("year", self.year.map(|y| Value::Integer(y.into())))
            .words(
                &self.text,
                "scheme || ' ' || funding_source || ' ' || training_type || ' ' || provider || ' ' \
                 || year || ' #' || id",
            )
            .sql()
    }
}

impl TraineeFilter {
    fn where_clause(&self, training_id: i64) -> (String, Vec<Value>) {
        Where::archived(self.archived, self.include_archived)
            .eq("training_id", Some(Value::Integer(training_id)))
            .words(
                &self.text,
                "name || ' ' || nik || ' ' || kecamatan || ' ' || ifnull(employment, '') || ' ' \
                 || employer || ' #' || id",
            )
            .sql()
    }
}

/// The day a training counts as ended for the follow-up: its end date, else 31 December.
const TRAINING_END: &str = "coalesce(tr.end_date, printf('%04d-12-31', tr.year))";

const FOLLOW_UP_WHERE: &str = "FROM trainee p JOIN training tr ON tr.id = p.training_id
     WHERE p.archived = 0 AND tr.archived = 0 AND p.graduated = 1 AND p.employment IS NULL
       AND coalesce(tr.end_date, printf('%04d-12-31', tr.year)) <= ?1";

/// The last training end that is `months` before `today`.
fn cutoff(today: Date, months: u32) -> String {
    iso(today
        .checked_sub_months(Months::new(months))
        .unwrap_or(Date::MIN))
}

impl Store {
    pub fn count_trainings(&self, filter: &TrainingFilter) -> Result<i64> {
        count_where(&self.conn, "training", filter.where_clause())
    }

    /// One window of the training list: newest year first, then by scheme; each row with
    /// its participants counted.
    pub fn list_trainings(
        &self,
        filter: &TrainingFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<TrainingListRow>> {
        let (clause, args) = filter.where_clause();
        let order = "year DESC, lower(scheme), funding_source, id";
        let sql = format!(
            "WITH w AS (
                SELECT id, version, scheme, year, funding_source, provider, start_date,
                       end_date, quota, archived, training_type
                FROM training {clause} ORDER BY {order} {{window}})
             SELECT w.id, w.version, w.scheme, w.year, w.funding_source, w.provider,
                    w.start_date, w.end_date, w.quota, w.archived, w.training_type, {COUNTS_SQL}
             FROM w LEFT JOIN trainee_tally p ON p.training_id = w.id
             GROUP BY w.id ORDER BY w.year DESC, lower(w.scheme), w.funding_source, w.id"
        );
        window(&self.conn, &sql, args, offset, limit, |r| {
            Ok(TrainingListRow {
                id: r.get(0)?,
                version: r.get(1)?,
                scheme: r.get(2)?,
                year: r.get(3)?,
                funding_source: r.get(4)?,
                provider: r.get(5)?,
                start_date: r.get(6)?,
                end_date: r.get(7)?,
                quota: r.get(8)?,
                archived: r.get::<_, i64>(9)? != 0,
                training_type: TrainingType::parse(&r.get::<_, String>(10)?).unwrap_or_default(),
                counts: counts_from(r, 11)?,
            })
        })
    }

    pub fn count_trainees(&self, training_id: i64, filter: &TraineeFilter) -> Result<i64> {
        count_where(&self.conn, "trainee", filter.where_clause(training_id))
    }

    /// One window of a training's participants, by name.
    pub fn list_trainees(
        &self,
        training_id: i64,
        filter: &TraineeFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<TraineeListRow>> {
        let (clause, args) = filter.where_clause(training_id);
        let sql = format!(
            "SELECT id, version, training_id, name, nik, sex, kecamatan, graduated, certified,
                    employment, employer, employed_on, archived
             FROM trainee {clause} ORDER BY name COLLATE NOCASE, id {{window}}"
        );
        window(&self.conn, &sql, args, offset, limit, |r| {
            Ok(TraineeListRow {
                id: r.get(0)?,
                version: r.get(1)?,
                training_id: r.get(2)?,
                name: r.get(3)?,
                nik_masked: mask(&r.get::<_, String>(4)?),
                sex: r.get(5)?,
                kecamatan: r.get(6)?,
                graduated: r.get::<_, i64>(7)? != 0,
                certified: r.get::<_, i64>(8)? != 0,
                employment: r.get(9)?,
                employer: r.get(10)?,
                employed_on: r.get(11)?,
                archived: r.get::<_, i64>(12)? != 0,
            })
        })
    }

    /// How many graduates are on the follow-up list (see [`Store::follow_up_list`]): from
    /// the trainings' tally (graduates whose employment is unknown).
    pub fn count_follow_up(&self, today: Date, months: u32) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT ifnull(sum(p.waiting), 0)
                 FROM training tr JOIN trainee_tally p ON p.training_id = tr.id
                 WHERE tr.archived = 0 AND {TRAINING_END} <= ?1"
            ))?
            .query_row([cutoff(today, months)], |r| r.get(0))?)
    }

    /// Graduates whose employment is still unknown `months` after their training ended
    /// (a training without an end date counts as ending on 31 December of its year), the
    /// longest waiting first: one window of the list.
    pub fn follow_up_list(
        &self,
        today: Date,
        months: u32,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<FollowUpRow>> {
        let sql = format!(
            "SELECT p.id, p.version, p.name, p.nik, p.phone, p.kecamatan, tr.id, tr.scheme,
                    tr.year, {TRAINING_END}, tr.end_date IS NOT NULL
             {FOLLOW_UP_WHERE}
             ORDER BY {TRAINING_END}, tr.id, p.name COLLATE NOCASE, p.id {{window}}"
        );
        let args = vec![Value::Text(cutoff(today, months))];
        window(&self.conn, &sql, args, offset, limit, |r| {
            Ok(FollowUpRow {
                trainee_id: r.get(0)?,
                version: r.get(1)?,
                name: r.get(2)?,
                nik_masked: mask(&r.get::<_, String>(3)?),
                phone: r.get(4)?,
                kecamatan: r.get(5)?,
                training_id: r.get(6)?,
                scheme: r.get(7)?,
                year: r.get(8)?,
                training_end: r.get(9)?,
                end_known: r.get::<_, i64>(10)? != 0,
            })
        })
    }
}
