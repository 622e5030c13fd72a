//! Transmigrant family registrations in the store: insert (one open registration per
//! family), optimistic updates, stage moves, archive, history, windowed lists. The
//! all-or-nothing import: `import`. Quota, waiting list and yearly counts: `figures`.

mod figures;
mod import;

pub use figures::{
    PublishedTransmigration, QuotaRecord, TransmigrantSummaryRow, TransmigrationCounts, WaitingRow,
};
pub use import::TransmigrantImport;

use super::audit::{self, AuditEntry, Change};
use super::{now_stamp, Result, Store, StoreError};
use crate::clock::today;
use crate::domain::case::diff_fields;
use crate::domain::date::{iso, Date};
use crate::domain::nik::mask;
use crate::domain::transmigrant::{Destination, QuotaWarning, Registration, Stage, StageMove};
use crate::domain::FieldError;
use chrono::Datelike;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

const ENTITY: &str = "transmigrant";
const ENTITY_LABEL: &str = "registration";

/// Columns written from a registration, in this order (keys of `Registration::to_fields`).
const COLUMNS: &[&str] = &[
    "head_name",
    "nik",
    "kk_no",
    "members",
    "kecamatan",
    "desa",
    "phone",
    "registered_on",
    "stage",
    "destination_upt",
    "destination_kabupaten",
    "destination_province",
    "departed_on",
    "cancel_reason",
    "cancelled_on",
    "notes",
];

/// SQL for "still open" (neither departed nor withdrawn).
pub(crate) const OPEN: &str = "stage NOT IN ('diberangkatkan','batal')";

/// A registration with its identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransmigrantRecord {
    pub id: i64,
    pub registration: Registration,
    pub version: i64,
    pub archived: bool,
    pub created_by: String,
    pub created_at: String,
    pub changed_by: String,
    pub changed_at: String,
}

/// What a list row shows; NIK and KK number come masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransmigrantListRow {
    pub id: i64,
    /// The version on screen: a key that changes the registration carries it.
    pub version: i64,
    pub head_name: String,
    pub nik_masked: String,
    pub kk_masked: String,
    pub members: i64,
    pub kecamatan: String,
    pub desa: String,
    pub registered_on: String,
    pub stage: String,
    /// The settlement unit, kabupaten and province as one text (empty while unknown).
    pub destination: String,
    pub departed_on: Option<String>,
    pub archived: bool,
}

/// The list's filter: every word must appear in one of the searchable columns; `stage` and
/// `year` (of registration) narrow it further.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransmigrantFilter {
    pub text: String,
    pub stage: Option<Stage>,
    pub year: Option<i32>,
    pub include_archived: bool,
}

impl TransmigrantFilter {
    fn where_clause(&self) -> (String, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        if !self.include_archived {
            clauses.push("archived = 0".to_string());
        }
        if let Some(stage) = self.stage {
            args.push(Value::Text(stage.as_str().into()));
            clauses.push(format!("stage = ?{}", args.len()));
        }
        if let Some(year) = self.year {
            args.push(Value::Text(format!("{year:04}-01-01")));
            args.push(Value::Text(format!("{:04}-01-01", year + 1)));
            clauses.push(format!(
                "registered_on >= ?{} AND registered_on < ?{}",
                args.len() - 1,
                args.len()
            ));
        }
        for word in self.text.split_whitespace().take(8) {
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            args.push(Value::Text(format!("%{escaped}%")));
            clauses.push(format!(
                "(head_name || ' ' || nik || ' ' || kk_no || ' ' || kecamatan || ' ' || desa \
                 || ' ' || stage || ' ' || destination_upt || ' ' || destination_kabupaten \
                 || ' ' || destination_province || ' #' || id) LIKE ?{} ESCAPE '\\'",
                args.len()
            ));
        }
        if clauses.is_empty() {
            (String::new(), args)
        } else {
            (format!("WHERE {}", clauses.join(" AND ")), args)
        }
    }
}

/// The result of a stage move: the new version, and what the officer should hear about the
/// quota when the move was a departure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageMoved {
    pub version: i64,
    pub warning: Option<QuotaWarning>,
}

fn to_values(r: &Registration) -> Vec<Value> {
    let fields = r.to_fields();
    COLUMNS
        .iter()
        .map(|c| {
            let v = fields.get(*c).cloned().unwrap_or_default();
            match *c {
                "members" => Value::Integer(i64::from(r.members)),
                "departed_on" | "cancelled_on" if v.is_empty() => Value::Null,
                _ => Value::Text(v),
            }
        })
        .collect()
}

const SELECT_RECORD: &str = "SELECT head_name, nik, kk_no, members, kecamatan, desa, phone,
    registered_on, stage, destination_upt, destination_kabupaten, destination_province,
    departed_on, cancel_reason, cancelled_on, notes,
    id, version, archived, created_by, created_at, changed_by, changed_at
    FROM transmigrant";

fn date_col(row: &Row, i: usize) -> rusqlite::Result<Option<Date>> {
    let s: Option<String> = row.get(i)?;
    Ok(s.and_then(|s| Date::parse_from_str(&s, "%Y-%m-%d").ok()))
}

fn record_from_row(row: &Row) -> rusqlite::Result<TransmigrantRecord> {
    let stage: String = row.get(8)?;
    let registration = Registration {
        head_name: row.get(0)?,
        nik: row.get(1)?,
        kk_no: row.get(2)?,
        members: u32::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
        kecamatan: row.get(4)?,
        desa: row.get(5)?,
        phone: row.get(6)?,
        registered_on: date_col(row, 7)?.unwrap_or_default(),
        stage: Stage::parse(&stage).unwrap_or(Stage::Terdaftar),
        destination: Destination {
            upt: row.get(9)?,
            kabupaten: row.get(10)?,
            province: row.get(11)?,
        },
        departed_on: date_col(row, 12)?,
        cancel_reason: row.get(13)?,
        cancelled_on: date_col(row, 14)?,
        notes: row.get(15)?,
    };
    Ok(TransmigrantRecord {
        registration,
        id: row.get(16)?,
        version: row.get(17)?,
        archived: row.get::<_, i64>(18)? != 0,
        created_by: row.get(19)?,
        created_at: row.get(20)?,
        changed_by: row.get(21)?,
        changed_at: row.get(22)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<TransmigrantRecord> {
    conn.query_row(
        &format!("{SELECT_RECORD} WHERE id = ?1"),
        [id],
        record_from_row,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: ENTITY_LABEL,
        id,
    })
}

/// Refuse a save when the stored version moved on since the officer read it.
fn check_version(current: &TransmigrantRecord, expected: i64) -> Result<()> {
    if current.version != expected {
        return Err(StoreError::Conflict {
            entity: ENTITY_LABEL,
            id: current.id,
            by: current.changed_by.clone(),
            at: current.changed_at.clone(),
        });
    }
    Ok(())
}

/// The domain's rules between fields, checked again before anything is written.
fn check_consistent(r: &Registration) -> Result<()> {
    match r.problems().first() {
        Some(p) => Err(StoreError::Refused(format!(
            "the registration was not saved: {p}"
        ))),
        None => Ok(()),
    }
}

/// Another registration of the same family that blocks `r`: one still open (when
/// `check_open`), or one made on the same day (the same registration entered twice).
/// `except` is the record being edited.
fn blocking_registration(
    conn: &Connection,
    r: &Registration,
    except: Option<i64>,
    check_open: bool,
) -> Result<Option<FieldError>> {
    let sql = format!(
        "SELECT id, head_name, registered_on, stage, kk_no = ?1, {OPEN}
         FROM transmigrant
         WHERE archived = 0 AND (kk_no = ?1 OR nik = ?2) AND id <> ?3
           AND ((?4 = 1 AND {OPEN}) OR registered_on = ?5)
         ORDER BY {OPEN} DESC, registered_on, id LIMIT 1"
    );
    let hit = conn
        .prepare_cached(&sql)?
        .query_row(
            params![
                r.kk_no,
                r.nik,
                except.unwrap_or(-1),
                i64::from(check_open),
                iso(r.registered_on)
            ],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, bool>(4)?,
                    row.get::<_, bool>(5)?,
                ))
            },
        )
        .optional()?;
    Ok(hit.map(|(id, head, on, stage, same_kk, open)| {
        let (field, by) = if same_kk {
            ("kk_no", "same KK number")
        } else {
            ("nik", "same head of family NIK")
        };
        let reason = if open {
            format!(
                "the family ({by}) already has an open registration #{id} ({head}, registered \
                 {on}, stage {stage}); move it on or withdraw it (batal) first"
            )
        } else {
            format!(
                "the family ({by}) is already registered on {on} as #{id} ({head}, stage {stage})"
            )
        };
        FieldError::new(field, reason)
    }))
}

fn insert_one(conn: &Connection, r: &Registration, officer: &str, now: &str) -> Result<i64> {
    let mut values = to_values(r);
    values.extend([
        Value::Text(officer.into()),
        Value::Text(now.into()),
        Value::Text(officer.into()),
        Value::Text(now.into()),
    ]);
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO transmigrant ({}, created_by, created_at, changed_by, changed_at) \
         VALUES ({})",
        COLUMNS.join(", "),
        placeholders.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    let id = conn.last_insert_rowid();
    let changes: Vec<Change> = r
        .to_fields()
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(field, new)| Change {
            field,
            old: String::new(),
            new,
        })
        .collect();
    audit::record(conn, ENTITY, id, 1, "create", officer, &changes)?;
    Ok(id)
}

impl Store {
    /// Save a new registration; returns its id. Refused while the family (same KK number
    /// or same head NIK) has an open registration, or has one on the same day.
    pub fn insert_transmigrant(&mut self, r: &Registration) -> Result<i64> {
        check_consistent(r)?;
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        if let Some(p) = blocking_registration(&tx, r, None, true)? {
            return Err(StoreError::Refused(p.reason));
        }
        let id = insert_one(&tx, r, &officer, &now_stamp())?;
        tx.commit()?;
        Ok(id)
    }

    pub fn get_transmigrant(&self, id: i64) -> Result<TransmigrantRecord> {
        load(&self.conn, id)
    }

    /// Save an edited registration if nobody saved it since `expected_version`; returns the
    /// new version. The stage (and with it the departure or withdrawal) changes only through
    /// `move_transmigrant_stage`.
    pub fn update_transmigrant(
        &mut self,
        id: i64,
        expected_version: i64,
        r: &Registration,
    ) -> Result<i64> {
        check_consistent(r)?;
        self.change(id, expected_version, "update", |conn, old| {
            if old.stage != r.stage {
                return Err(StoreError::Refused(format!(
                    "the stage moves only one step at a time with a stage move, not by editing \
                     ({} to {})",
                    old.stage, r.stage
                )));
            }
            if let Some(p) = blocking_registration(conn, r, Some(id), r.is_open())? {
                return Err(StoreError::Refused(p.reason));
            }
            Ok(r.clone())
        })
        .map(|(version, _)| version)
    }

    /// Move a registration along the workflow. A departure needs its date and destination;
    /// a withdrawal its reason. A departure beyond the year's quota is recorded, with a
    /// warning for the officer.
    pub fn move_transmigrant_stage(
        &mut self,
        id: i64,
        expected_version: i64,
        mv: &StageMove,
    ) -> Result<StageMoved> {
        let today = today();
        let (version, warning) = self.change(id, expected_version, "stage", |_, old| {
            old.apply_move(mv, today).map_err(StoreError::Refused)
        })?;
        Ok(StageMoved { version, warning })
    }

    /// Read, check the version, edit, write with an audit entry: one transaction. Returns the
    /// new version and, for a departure, the quota warning.
    fn change(
        &mut self,
        id: i64,
        expected_version: i64,
        action: &str,
        edit: impl FnOnce(&Connection, &Registration) -> Result<Registration>,
    ) -> Result<(i64, Option<QuotaWarning>)> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        check_version(&current, expected_version)?;
        let new = edit(&tx, &current.registration)?;
        let changes: Vec<Change> = diff_fields(&current.registration.to_fields(), &new.to_fields())
            .into_iter()
            .map(|(field, old, new)| Change { field, old, new })
            .collect();
        if changes.is_empty() {
            return Ok((current.version, None));
        }
        let warning = match (current.registration.stage, new.stage, new.departed_on) {
            (from, Stage::Diberangkatkan, Some(on)) if from != Stage::Diberangkatkan => {
                figures::quota_status(&tx, on.year())?.warning_for_one_more()
            }
            _ => None,
        };
        let version = current.version + 1;
        let mut values = to_values(&new);
        let sets: Vec<String> = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 1))
            .collect();
        let n = values.len();
        values.extend([
            Value::Integer(version),
            Value::Text(officer.clone()),
            Value::Text(now_stamp()),
            Value::Integer(id),
            Value::Integer(expected_version),
        ]);
        let sql = format!(
            "UPDATE transmigrant SET {}, version = ?{}, changed_by = ?{}, changed_at = ?{}
             WHERE id = ?{} AND version = ?{}",
            sets.join(", "),
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5
        );
        if tx.execute(&sql, params_from_iter(values))? != 1 {
            // Cannot happen under the write lock, but never write blind.
            return Err(StoreError::Conflict {
                entity: ENTITY_LABEL,
                id,
                by: current.changed_by,
                at: current.changed_at,
            });
        }
        audit::record(&tx, ENTITY, id, version, action, &officer, &changes)?;
        tx.commit()?;
        Ok((version, warning))
    }

    /// Archive (never erase) a registration; it leaves the lists, the waiting list and the
    /// figures, and no longer blocks a new registration of the family.
    pub fn archive_transmigrant(&mut self, id: i64, expected_version: i64) -> Result<i64> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let current = load(&tx, id)?;
        check_version(&current, expected_version)?;
        let version = current.version + 1;
        tx.execute(
            "UPDATE transmigrant SET archived = 1, version = ?1, changed_by = ?2, changed_at = ?3
             WHERE id = ?4",
            params![version, officer, now_stamp(), id],
        )?;
        audit::record(
            &tx,
            ENTITY,
            id,
            version,
            "archive",
            &officer,
            &[Change {
                field: "archived".into(),
                old: "tidak".into(),
                new: "ya".into(),
            }],
        )?;
        tx.commit()?;
        Ok(version)
    }

    pub fn transmigrant_history(&self, id: i64) -> Result<Vec<AuditEntry>> {
        audit::history(&self.conn, ENTITY, id)
    }

    pub fn count_transmigrants(&self, filter: &TransmigrantFilter) -> Result<i64> {
        let (clause, args) = filter.where_clause();
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM transmigrant {clause}"))?
            .query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// One window of the list, latest registration first: only the rows on screen are read.
    pub fn list_transmigrants(
        &self,
        filter: &TransmigrantFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<TransmigrantListRow>> {
        let (clause, mut args) = filter.where_clause();
        args.push(Value::Integer(limit));
        args.push(Value::Integer(offset));
        let n = args.len();
        let sql = format!(
            "SELECT id, head_name, nik, kk_no, members, kecamatan, desa, registered_on, stage,
                    destination_upt, destination_kabupaten, destination_province, departed_on,
                    archived, version
             FROM transmigrant {clause}
             ORDER BY registered_on DESC, id DESC LIMIT ?{} OFFSET ?{}",
            n - 1,
            n
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            let destination = Destination {
                upt: r.get(9)?,
                kabupaten: r.get(10)?,
                province: r.get(11)?,
            };
            Ok(TransmigrantListRow {
                id: r.get(0)?,
                head_name: r.get(1)?,
                nik_masked: mask(&r.get::<_, String>(2)?),
                kk_masked: mask(&r.get::<_, String>(3)?),
                members: r.get(4)?,
                kecamatan: r.get(5)?,
                desa: r.get(6)?,
                registered_on: r.get(7)?,
                stage: r.get(8)?,
                destination: destination.to_string(),
                departed_on: r.get(12)?,
                archived: r.get::<_, i64>(13)? != 0,
                version: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
