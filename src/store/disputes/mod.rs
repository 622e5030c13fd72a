//! Industrial disputes in the store: insert, import, optimistic updates, stage moves the
//! workflow allows, archive, history, windowed lists, the yearly summary; and the
//! working-day calendar from the `holiday` table.

mod prevention;

pub use prevention::{ComplianceRecord, FacilitationRecord, PreventionStats};

use super::record::{self, date, flag, number, text, word, year_bounds, Kept, Record, Table};
use super::stage_filter::StageFilter;
use super::{now_stamp, Result, Store, StoreError};
use crate::clock::today;
use crate::domain::calendar::{Holiday, HolidayKind, WorkingDays};
use crate::domain::date::Date;
use crate::domain::dispute::{AnjuranAnswer, Dispute, DisputeType, Outcome, Stage, StageMove};
use crate::msg;
use crate::store::record::kind_methods;
use rusqlite::types::Value;
use rusqlite::Row;
use std::collections::BTreeMap;

pub type DisputeRecord = Record<Dispute>;

impl Kept for Dispute {
    const TABLE: Table = Table {
        table: "dispute",
        label: "dispute",
        columns: "company workers worker_count:int type bipartite_start:opt bipartite_end:opt \
            bipartite_result minutes_present:bool recorded_on:opt file_complete:bool \
            returned_on:opt completed_on:opt mediator mediator_assigned_on:opt \
            mediation_sessions:int anjuran_on:opt workers_answer:opt \
            workers_answered_on:opt employer_answer:opt employer_answered_on:opt \
            outcome:opt outcome_on:opt notes stage",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Dispute> {
        Ok(Dispute {
            company: text(r, 0)?,
            workers: text(r, 1)?,
            worker_count: number(r, 2)?,
            kind: word(r, 3, DisputeType::parse)?,
            bipartite_start: date(r, 4)?,
            bipartite_end: date(r, 5)?,
            bipartite_result: text(r, 6)?,
            minutes_present: flag(r, 7)?,
            recorded_on: date(r, 8)?,
            file_complete: flag(r, 9)?,
            returned_on: date(r, 10)?,
            completed_on: date(r, 11)?,
            mediator: text(r, 12)?,
            mediator_assigned_on: date(r, 13)?,
            mediation_sessions: number(r, 14)?,
            anjuran_on: date(r, 15)?,
            workers_answer: word(r, 16, AnjuranAnswer::parse)?,
            workers_answered_on: date(r, 17)?,
            employer_answer: word(r, 18, AnjuranAnswer::parse)?,
            employer_answered_on: date(r, 19)?,
            outcome: word(r, 20, Outcome::parse)?,
            outcome_on: date(r, 21)?,
            notes: text(r, 22)?,
            stage: word(r, 23, Stage::parse)?.unwrap_or_default(),
        })
    }

    /// The stage stays as stored, and the edit must agree with it.
    fn edited(&self, old: &Self, id: i64) -> Result<Self> {
        let mut new = self.clone();
        new.stage = old.stage;
        match new.problems(today()).first() {
            Some(p) => Err(StoreError::Refused(
                msg!("s.dispute.not_saved", id).with(p.msg()),
            )),
            None => Ok(new),
        }
    }
}

/// The day the office received the complete file, in SQL (as `Dispute::received_on`).
const RECEIVED_ON: &str = "(CASE WHEN returned_on IS NULL THEN recorded_on ELSE completed_on END)";

/// The dispute list's filter. A dispute's year is the year it was recorded, or for one still
/// in bipartite, the year its bipartite started.
pub type DisputeFilter = StageFilter<Stage>;

/// The date a dispute's year is of.
const YEAR_OF: &str = "coalesce(recorded_on, bipartite_start, substr(created_at, 1, 10))";

/// The text the list's filter looks for its words in.
const SEARCHED: &str =
    "company || ' ' || workers || ' ' || mediator || ' ' || type || ' ' || stage \
     || ' ' || ifnull(outcome, '') || ' #' || id";

/// One group of the yearly summary: disputes recorded in the year by type, outcome (`None`
/// while open) and whether they ended on time (`None` when open, withdrawn or not judgeable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeSummaryRow {
    pub kind: DisputeType,
    pub outcome: Option<Outcome>,
    pub on_time: Option<bool>,
    pub count: i64,
}

kind_methods! {
    Dispute as DisputeRecord:
    insert_dispute, get_dispute, update_dispute, archive_dispute, restore_dispute, dispute_history
}

impl Store {
    /// Save many disputes (an import) in one transaction: all or nothing.
    pub fn insert_disputes(&mut self, disputes: &[Dispute]) -> Result<usize> {
        let now = now_stamp();
        self.write(|conn, officer| {
            for d in disputes {
                record::insert(conn, d, "create", officer, &now)?;
            }
            Ok(disputes.len())
        })
    }

    /// Move a dispute on, as the workflow allows, dated `on` (see `Dispute::apply_move`).
    pub fn move_dispute_stage(
        &mut self,
        id: i64,
        expected_version: i64,
        mv: StageMove,
        on: Date,
    ) -> Result<i64> {
        self.change(id, expected_version, "stage", |_, old: &Dispute| {
            old.apply_move(mv, on, today()).map_err(StoreError::Refused)
        })
    }

    pub fn count_disputes(&self, filter: &DisputeFilter) -> Result<i64> {
        let (clause, args) = filter.where_clause(YEAR_OF, SEARCHED);
        record::count::<Dispute>(&self.conn, &clause, args)
    }

    /// One window of the list, newest first. Whole records, so the pane can show each
    /// dispute's deadlines.
    pub fn list_disputes(
        &self,
        filter: &DisputeFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<DisputeRecord>> {
        let (clause, args) = filter.where_clause(YEAR_OF, SEARCHED);
        record::list(&self.conn, &clause, args, "id DESC", offset, limit)
    }

    /// Disputes recorded in `year` (the day the complete file was received), archived ones
    /// left out, oldest first: the denominator of IKU3.
    pub fn disputes_recorded_in(&self, year: i32) -> Result<Vec<DisputeRecord>> {
        let (from, to) = year_bounds(year);
        record::list(
            &self.conn,
            &format!("WHERE archived = 0 AND {RECEIVED_ON} >= ?1 AND {RECEIVED_ON} < ?2"),
            vec![Value::Text(from), Value::Text(to)],
            &format!("{RECEIVED_ON}, id"),
            0,
            i64::MAX,
        )
    }

    /// Disputes recorded in `year` by type × outcome × on time (see `Dispute::on_time`).
    /// Refused when a date to judge lies beyond the holiday calendar.
    pub fn dispute_summary(&self, year: i32, cal: &WorkingDays) -> Result<Vec<DisputeSummaryRow>> {
        let mut groups: BTreeMap<(DisputeType, Option<Outcome>, Option<bool>), i64> =
            BTreeMap::new();
        for rec in self.disputes_recorded_in(year)? {
            let d = &rec.value;
            let Some(kind) = d.kind else { continue };
            let on_time = d
                .on_time(cal)
                .map_err(|e| StoreError::Refused(format!("dispute #{}: {e}", rec.id).into()))?;
            *groups.entry((kind, d.outcome, on_time)).or_default() += 1;
        }
        Ok(groups
            .into_iter()
            .map(|((kind, outcome, on_time), count)| DisputeSummaryRow {
                kind,
                outcome,
                on_time,
                count,
            })
            .collect())
    }

    /// The working-day calendar from the store's `holiday` table (loaded from
    /// `data/holidays.csv` at open).
    pub fn working_days(&self) -> Result<WorkingDays> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date, kind, name FROM holiday ORDER BY date")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut holidays = Vec::new();
        for row in rows {
            let (d, kind, name) = row?;
            let bad = |why: String| StoreError::Refused(format!("holiday {d}: {why}").into());
            let date = Date::parse_from_str(&d, "%Y-%m-%d").map_err(|e| bad(e.to_string()))?;
            let kind = HolidayKind::parse(&kind).map_err(|m| bad(m.en()))?;
            holidays.push(Holiday { date, kind, name });
        }
        WorkingDays::from_holidays(holidays).map_err(|e| StoreError::Refused(e.msg()))
    }

    /// Add the holidays of a year the program does not ship yet (the SKB 3 Menteri of the
    /// year), in one transaction: a date already listed takes the new kind and name. Every
    /// officer of the store counts with them at once. Returns (new dates, replaced dates).
    pub fn add_holidays(&mut self, rows: &[Holiday]) -> Result<(usize, usize)> {
        let tx = self.write_tx()?;
        let (mut added, mut replaced) = (0, 0);
        {
            let mut known = tx.prepare_cached("SELECT 1 FROM holiday WHERE date = ?1")?;
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO holiday(date, kind, name) VALUES (?1, ?2, ?3)",
            )?;
            for h in rows {
                let day = h.date.format("%Y-%m-%d").to_string();
                if known.exists([&day])? {
                    replaced += 1;
                } else {
                    added += 1;
                }
                put.execute(rusqlite::params![day, h.kind.as_str(), h.name])?;
            }
        }
        tx.commit()?;
        Ok((added, replaced))
    }

    /// Every open dispute of any year, oldest first (archived ones left out): what a
    /// "deadlines" view goes through with `domain::dispute::deadlines`.
    pub fn open_disputes(&self) -> Result<Vec<DisputeRecord>> {
        record::list(
            &self.conn,
            "WHERE archived = 0 AND stage <> 'selesai'",
            Vec::new(),
            "id",
            0,
            i64::MAX,
        )
    }
}
