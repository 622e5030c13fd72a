//! Closing a year: its IKU figures are kept as reported, and the store refuses any change to
//! records that would alter them (participants and trainings for IKU1, disputes for IKU3,
//! entered values) until an officer reopens the year. Closing and reopening are in the audit
//! history of the year.
//!
//! The guard is a set of triggers created when the year is closed and dropped when it is
//! reopened, so every path that writes those tables (forms, imports, follow-up marks,
//! archive) is covered, including paths written later. Each trigger's refusal names its year
//! in a plain string: SQLite before 3.47 (the office's sqlite3 3.40 among them) cannot read a
//! schema whose `RAISE` carries an expression, and the office uses that tool on the store.

use crate::msg;
use crate::store::audit::{self, AuditEntry, Change};
use crate::store::{now_stamp, Result, Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

const ENTITY: &str = "iku_year";

/// One indicator's figures as reported when the year was closed. Decimals as text, exactly
/// as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedFigure {
    pub code: String,
    pub target: Option<String>,
    pub target_grade: Option<String>,
    pub realisation: Option<String>,
    pub grade: Option<String>,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub capaian: Option<String>,
    pub predicate: Option<String>,
    /// `records`, `entered`, `published` or `none`.
    pub origin: String,
    /// IKU3: "PB tepat waktu" as it stood when the year was closed (absent in closings made
    /// before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beside: Option<ReportedShare>,
}

/// A share kept beside a reported figure: n / d and its value as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedShare {
    pub numerator: i64,
    pub denominator: i64,
    pub value: Option<String>,
}

impl ReportedFigure {
    /// One line for the audit history: `82.56 (284/344), capaian 103.20 Sangat Tinggi`.
    pub fn summary(&self) -> String {
        let mut s = match (&self.grade, &self.realisation) {
            (Some(g), Some(r)) => format!("{g}/{r}"),
            (None, Some(r)) => r.clone(),
            (_, None) => "-".into(),
        };
        if let (Some(n), Some(d)) = (self.numerator, self.denominator) {
            s.push_str(&format!(" ({n}/{d})"));
        }
        if let Some(c) = &self.capaian {
            s.push_str(&format!(", capaian {c}"));
        }
        if let Some(p) = &self.predicate {
            s.push_str(&format!(" {p}"));
        }
        if let Some(b) = &self.beside {
            let v = b.value.as_deref().unwrap_or("-");
            s.push_str(&format!(
                "; PB tepat waktu {v} ({}/{})",
                b.numerator, b.denominator
            ));
        }
        s
    }
}

/// A year that was closed at least once: its reported figures and whether it is closed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearClosing {
    pub year: i32,
    pub closed: bool,
    pub figures: Vec<ReportedFigure>,
    pub closed_by: String,
    pub closed_at: String,
    pub version: i64,
    pub changed_by: String,
    pub changed_at: String,
}

fn load(conn: &Connection, year: i32) -> Result<Option<YearClosing>> {
    let row = conn
        .prepare_cached(
            "SELECT closed, figures, closed_by, closed_at, version, changed_by, changed_at
             FROM iku_year WHERE year = ?1",
        )?
        .query_row([year], |r| {
            Ok((
                r.get::<_, i64>(0)? != 0,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .optional()?;
    let Some((closed, figures, closed_by, closed_at, version, changed_by, changed_at)) = row else {
        return Ok(None);
    };
    let figures: Vec<ReportedFigure> = serde_json::from_str(&figures).map_err(|e| {
        StoreError::Refused(
            format!("the reported figures of {year} in the store are damaged: {e}").into(),
        )
    })?;
    Ok(Some(YearClosing {
        year,
        closed,
        figures,
        closed_by,
        closed_at,
        version,
        changed_by,
        changed_at,
    }))
}

/// The sentence every guard of `year` refuses with.
fn refusal(year: i32) -> String {
    format!(
        "the IKU figures of {year} are closed as reported and this change would alter them; \
         reopen the year first: disnaker iku --year {year} --reopen"
    )
}

/// The records a guard watches: (table, name, event, condition). `{Y}` is the year.
const GUARDS: &[(&str, &str, &str, &str)] = &[
    // IKU1: a participant counts for the year of a training that is not archived.
    (
        "trainee",
        "trainee_insert",
        "INSERT",
        "NEW.archived = 0 AND EXISTS (SELECT 1 FROM training t
            WHERE t.id = NEW.training_id AND t.year = {Y} AND t.archived = 0)",
    ),
    (
        "trainee",
        "trainee_update",
        "UPDATE",
        "(OLD.employment IS NOT NEW.employment OR OLD.archived IS NOT NEW.archived
            OR OLD.training_id IS NOT NEW.training_id)
         AND ((OLD.archived = 0 AND EXISTS (SELECT 1 FROM training t
                WHERE t.id = OLD.training_id AND t.year = {Y} AND t.archived = 0))
           OR (NEW.archived = 0 AND EXISTS (SELECT 1 FROM training t
                WHERE t.id = NEW.training_id AND t.year = {Y} AND t.archived = 0)))",
    ),
    (
        "training",
        "training_update",
        "UPDATE",
        "(OLD.year IS NOT NEW.year OR OLD.archived IS NOT NEW.archived)
         AND ((OLD.year = {Y} AND OLD.archived = 0) OR (NEW.year = {Y} AND NEW.archived = 0))
         AND EXISTS (SELECT 1 FROM trainee p WHERE p.training_id = OLD.id AND p.archived = 0)",
    ),
    // IKU3: a dispute counts for the year its complete file was received.
    (
        "dispute",
        "dispute_insert",
        "INSERT",
        "NEW.archived = 0 AND substr(CASE WHEN NEW.returned_on IS NULL THEN NEW.recorded_on
            ELSE NEW.completed_on END, 1, 4) = '{Y}'",
    ),
    (
        "dispute",
        "dispute_update",
        "UPDATE",
        "(OLD.recorded_on IS NOT NEW.recorded_on OR OLD.returned_on IS NOT NEW.returned_on
            OR OLD.completed_on IS NOT NEW.completed_on OR OLD.archived IS NOT NEW.archived
            OR OLD.outcome IS NOT NEW.outcome OR OLD.outcome_on IS NOT NEW.outcome_on
            OR OLD.anjuran_on IS NOT NEW.anjuran_on)
         AND ((OLD.archived = 0 AND substr(CASE WHEN OLD.returned_on IS NULL THEN OLD.recorded_on
                ELSE OLD.completed_on END, 1, 4) = '{Y}')
           OR (NEW.archived = 0 AND substr(CASE WHEN NEW.returned_on IS NULL THEN NEW.recorded_on
                ELSE NEW.completed_on END, 1, 4) = '{Y}'))",
    ),
    // Entered values (TPAK, SAKIP, TPT) of the year.
    (
        "iku_entry",
        "entry_insert",
        "INSERT",
        "NEW.year = {Y} AND NEW.archived = 0",
    ),
    (
        "iku_entry",
        "entry_update",
        "UPDATE",
        "(OLD.year = {Y} OR NEW.year = {Y})
         AND (OLD.code IS NOT NEW.code OR OLD.year IS NOT NEW.year OR OLD.value IS NOT NEW.value
           OR OLD.grade IS NOT NEW.grade OR OLD.archived IS NOT NEW.archived
           OR OLD.sakip_planning IS NOT NEW.sakip_planning
           OR OLD.sakip_measurement IS NOT NEW.sakip_measurement
           OR OLD.sakip_reporting IS NOT NEW.sakip_reporting
           OR OLD.sakip_evaluation IS NOT NEW.sakip_evaluation)",
    ),
];

fn trigger_name(year: i32, name: &str) -> String {
    format!("iku_closed_{year}_{name}")
}

fn create_guards(conn: &Connection, year: i32) -> Result<()> {
    let message = refusal(year).replace('\'', "''");
    for (table, name, event, condition) in GUARDS {
        let when = condition.replace("{Y}", &year.to_string());
        conn.execute_batch(&format!(
            "CREATE TRIGGER IF NOT EXISTS {} BEFORE {event} ON {table}
             WHEN {when}
             BEGIN SELECT RAISE(ABORT, '{message}'); END;",
            trigger_name(year, name)
        ))?;
    }
    Ok(())
}

fn drop_guards(conn: &Connection, year: i32) -> Result<()> {
    for (_, name, _, _) in GUARDS {
        conn.execute_batch(&format!(
            "DROP TRIGGER IF EXISTS {};",
            trigger_name(year, name)
        ))?;
    }
    Ok(())
}

impl Store {
    /// The year's closing, if it was ever closed.
    pub fn iku_year_closing(&self, year: i32) -> Result<Option<YearClosing>> {
        load(&self.conn, year)
    }

    /// Close `year` with its figures as reported: kept in the store, the closing in the
    /// year's history, and changes that would alter them refused until it is reopened.
    /// Returns the closing's version.
    pub fn close_iku_year(&mut self, year: i32, figures: &[ReportedFigure]) -> Result<i64> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        let before = load(&tx, year)?;
        if let Some(b) = before.as_ref().filter(|b| b.closed) {
            return Err(StoreError::Refused(msg!(
                "s.iku.already_closed",
                year,
                b.closed_by,
                b.closed_at
            )));
        }
        let json = serde_json::to_string(figures)
            .map_err(|e| StoreError::Refused(format!("cannot keep the figures: {e}").into()))?;
        let version = before.as_ref().map_or(1, |b| b.version + 1);
        tx.execute(
            "INSERT INTO iku_year(year, closed, figures, closed_by, closed_at, version, changed_by, changed_at)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, ?3, ?4)
             ON CONFLICT(year) DO UPDATE SET closed = 1, figures = excluded.figures,
               closed_by = excluded.closed_by, closed_at = excluded.closed_at,
               version = excluded.version, changed_by = excluded.changed_by,
               changed_at = excluded.changed_at",
            params![year, json, officer, now, version],
        )?;
        let old = |code: &str| {
            before
                .as_ref()
                .and_then(|b| b.figures.iter().find(|f| f.code == code))
                .map(ReportedFigure::summary)
                .unwrap_or_default()
        };
        let changes: Vec<Change> = figures
            .iter()
            .map(|f| Change {
                field: f.code.clone(),
                old: old(&f.code),
                new: f.summary(),
            })
            .collect();
        audit::record(
            &tx,
            ENTITY,
            i64::from(year),
            version,
            "close",
            &officer,
            &changes,
        )?;
        create_guards(&tx, year)?;
        tx.commit()?;
        Ok(version)
    }

    /// Reopen a closed year so its records can change again; the reported figures stay for
    /// comparison, and the reopening (with its reason) is in the year's history.
    pub fn reopen_iku_year(&mut self, year: i32, reason: &str) -> Result<i64> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        let Some(current) = load(&tx, year)?.filter(|c| c.closed) else {
            return Err(StoreError::Refused(msg!("s.iku.not_closed", year)));
        };
        let version = current.version + 1;
        tx.execute(
            "UPDATE iku_year SET closed = 0, version = ?1, changed_by = ?2, changed_at = ?3
             WHERE year = ?4",
            params![version, officer, now, year],
        )?;
        let mut changes = vec![Change {
            field: "closed".into(),
            old: "ya".into(),
            new: "tidak".into(),
        }];
        if !reason.trim().is_empty() {
            changes.push(Change {
                field: "reason".into(),
                old: String::new(),
                new: reason.trim().to_string(),
            });
        }
        audit::record(
            &tx,
            ENTITY,
            i64::from(year),
            version,
            "reopen",
            &officer,
            &changes,
        )?;
        drop_guards(&tx, year)?;
        tx.commit()?;
        Ok(version)
    }

    /// Closings and reopenings of `year`, oldest first.
    pub fn iku_year_history(&self, year: i32) -> Result<Vec<AuditEntry>> {
        audit::history(&self.conn, ENTITY, i64::from(year))
    }
}
