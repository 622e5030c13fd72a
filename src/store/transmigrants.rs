//! Transmigrant family registrations in the store: insert (one open registration per
//! family), optimistic updates, stage moves, archive, history, windowed lists. The
//! all-or-nothing import: `import`. Quota, waiting list and yearly counts: `figures`.

mod figures;
mod import;

pub use figures::{
    PublishedTransmigration, QuotaRecord, TransmigrantSummaryRow, TransmigrationCounts, WaitingRow,
};
pub use import::TransmigrantImport;

use super::record::{count_where, date, named_record, window, Kept, Table};
use super::stage_filter::StageFilter;
use super::{Result, Store, StoreError};
use crate::clock::today;
use crate::domain::date::iso;
use crate::domain::nik::mask;
use crate::domain::transmigrant::{Destination, QuotaWarning, Registration, Stage, StageMove};
use crate::domain::FieldError;
use crate::msg;
use crate::store::record::kind_methods;
use chrono::Datelike;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// SQL for "still open" (neither departed nor withdrawn).
pub(crate) const OPEN: &str = "stage NOT IN ('diberangkatkan','batal')";

named_record!(
    /// A registration with its identity and bookkeeping.
    TransmigrantRecord,
    registration: Registration
);

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

/// The registration list's filter; a registration's year is the year it was registered.
pub type TransmigrantFilter = StageFilter<Stage>;

/// The text the list's filter looks for its words in.
const SEARCHED: &str =
    "head_name || ' ' || nik || ' ' || kk_no || ' ' || kecamatan || ' ' || desa \
     || ' ' || stage || ' ' || destination_upt || ' ' || destination_kabupaten \
     || ' ' || destination_province || ' #' || id";

/// The result of a stage move: the new version, and what the officer should hear about the
/// quota when the move was a departure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageMoved {
    pub version: i64,
    pub warning: Option<QuotaWarning>,
}

impl Kept for Registration {
    const TABLE: Table = Table {
        table: "transmigrant",
        label: "registration",
        columns: "head_name nik kk_no members:int kecamatan desa phone registered_on stage \
            destination_upt destination_kabupaten destination_province departed_on:opt \
            cancel_reason cancelled_on:opt notes",
        import_entity: None,
    };

    fn read(row: &Row) -> Result<Self> {
        let stage: String = row.get(8)?;
        Ok(Registration {
            head_name: row.get(0)?,
            nik: row.get(1)?,
            kk_no: row.get(2)?,
            members: u32::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
            kecamatan: row.get(4)?,
            desa: row.get(5)?,
            phone: row.get(6)?,
            registered_on: date(row, 7)?.unwrap_or_default(),
            stage: Stage::parse(&stage).unwrap_or(Stage::Terdaftar),
            destination: Destination {
                upt: row.get(9)?,
                kabupaten: row.get(10)?,
                province: row.get(11)?,
            },
            departed_on: date(row, 12)?,
            cancel_reason: row.get(13)?,
            cancelled_on: date(row, 14)?,
            notes: row.get(15)?,
        })
    }

    /// The stage (and with it the departure or withdrawal) changes only by a stage move.
    fn edited(&self, old: &Self, _id: i64) -> Result<Self> {
        check_consistent(self)?;
        if old.stage != self.stage {
            return Err(StoreError::Refused(msg!(
                "s.reg.stage_by_edit",
                old.stage,
                self.stage
            )));
        }
        Ok(self.clone())
    }

    /// Refused while the family (same KK number or same head NIK) has an open
    /// registration, or has one on the same day.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        check_consistent(self)?;
        let check_open = except.is_none() || self.is_open();
        match blocking_registration(conn, self, except, check_open)? {
            Some(p) => Err(StoreError::Refused(p.reason)),
            None => Ok(()),
        }
    }
}

/// The domain's rules between fields, checked again before anything is written.
fn check_consistent(r: &Registration) -> Result<()> {
    match r.problems().first() {
        Some(p) => Err(StoreError::Refused(msg!("s.reg.not_saved").with(p.msg()))),
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
        let field = if same_kk { "kk_no" } else { "nik" };
        let reason = match (open, same_kk) {
            (true, true) => msg!("s.reg.open.kk", id, head, on, stage),
            (true, false) => msg!("s.reg.open.nik", id, head, on, stage),
            (false, true) => msg!("s.reg.same_day.kk", on, id, head, stage),
            (false, false) => msg!("s.reg.same_day.nik", on, id, head, stage),
        };
        FieldError::new(field, reason)
    }))
}

kind_methods! {
    Registration as TransmigrantRecord:
    insert_transmigrant, get_transmigrant, update_transmigrant, archive_transmigrant, restore_transmigrant, transmigrant_history
}

impl Store {
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
        let mut warning = None;
        let version = self.change(id, expected_version, "stage", |conn, old: &Registration| {
            let new = old.apply_move(mv, today).map_err(StoreError::Refused)?;
            if let (from, Stage::Diberangkatkan, Some(on)) = (old.stage, new.stage, new.departed_on)
            {
                if from != Stage::Diberangkatkan {
                    warning = figures::quota_status(conn, on.year())?.warning_for_one_more();
                }
            }
            Ok(new)
        })?;
        Ok(StageMoved { version, warning })
    }

    pub fn count_transmigrants(&self, filter: &TransmigrantFilter) -> Result<i64> {
        count_where(
            &self.conn,
            "transmigrant",
            filter.where_clause("registered_on", SEARCHED),
        )
    }

    /// One window of the list, latest registration first: only the rows on screen are read.
    pub fn list_transmigrants(
        &self,
        filter: &TransmigrantFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<TransmigrantListRow>> {
        let (clause, args) = filter.where_clause("registered_on", SEARCHED);
        let sql = format!(
            "SELECT id, head_name, nik, kk_no, members, kecamatan, desa, registered_on, stage,
                    destination_upt, destination_kabupaten, destination_province, departed_on,
                    archived, version
             FROM transmigrant {clause}
             ORDER BY registered_on DESC, id DESC {{window}}"
        );
        window(&self.conn, &sql, args, offset, limit, |r| {
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
        })
    }
}
