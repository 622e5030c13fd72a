//! The numbers around transmigrant registrations: the province's yearly quota, the waiting
//! list in registration order, the yearly counts, the summary by kecamatan and stage, and
//! the published series of the yearly reports.

use super::OPEN;
use crate::domain::case::diff_fields;
use crate::domain::date::{iso, Date};
use crate::domain::transmigrant::{Quota, QuotaStatus, Stage};
use crate::store::audit::{self, Change};
use crate::store::record::{check_version, Record};
use crate::store::{now_stamp, Result, Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

const QUOTA_ENTITY: &str = "transmigration_quota";

/// The quota as entered, with who entered it last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaRecord {
    pub quota: Quota,
    pub version: i64,
    pub entered_by: String,
    pub entered_at: String,
}

/// One family on the waiting list; `position` counts from 1 at the head of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingRow {
    pub position: i64,
    pub id: i64,
    pub version: i64,
    pub head_name: String,
    pub kecamatan: String,
    pub members: i64,
    pub registered_on: String,
    pub stage: String,
}

/// A year's counts from the records (archived ones left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TransmigrationCounts {
    /// Registrations made in the year.
    pub registered: i64,
    /// Families that departed in the year, whenever they registered.
    pub departed: i64,
    /// Registrations open at the end of the day asked for.
    pub waiting: i64,
}

/// One kecamatan's families in a year: registrations of the year by their stage now,
/// departures of the year, and families waiting at the day asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransmigrantSummaryRow {
    pub kecamatan: String,
    pub registered: i64,
    /// Persons in the families registered in the year.
    pub members: i64,
    /// The year's registrations by current stage, in the order of `Stage::ALL`.
    pub by_stage: Vec<i64>,
    pub departed: i64,
    pub waiting: i64,
}

/// One year of the published series (LKjIP table 3.22).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedTransmigration {
    pub year: i32,
    pub registered: i64,
    pub departed: i64,
    pub cooperation_packages: i64,
}

fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{year:04}-12-31"))
}

pub(super) fn quota_status(conn: &Connection, year: i32) -> Result<QuotaStatus> {
    let (from, to) = year_bounds(year);
    let quota: Option<i64> = conn
        .prepare_cached("SELECT families FROM transmigration_quota WHERE year = ?1")?
        .query_row([year], |r| r.get(0))
        .optional()?;
    let used: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM transmigrant
             WHERE archived = 0 AND departed_on BETWEEN ?1 AND ?2",
        )?
        .query_row([from, to], |r| r.get(0))?;
    Ok(QuotaStatus { year, quota, used })
}

/// `registered_on <= day` and neither departed nor withdrawn by then, as SQL on `?n`.
fn open_on(n: usize) -> String {
    format!(
        "(registered_on <= ?{n} AND NOT ifnull(departed_on <= ?{n}, 0) \
         AND NOT ifnull(cancelled_on <= ?{n}, 0))"
    )
}

impl Store {
    /// Enter or replace the province's quota for its year (with an audit entry), whatever
    /// was entered before.
    pub fn set_transmigration_quota(&mut self, quota: &Quota) -> Result<()> {
        self.write_quota(quota, None)
    }

    /// Enter or replace the quota only if the year's quota is still at `seen_version`
    /// (`None`: no quota yet), checked under the write lock: two officers saving the same
    /// year's quota from forms opened on the same version, the second is refused with who
    /// saved first, instead of overwriting it.
    pub fn save_transmigration_quota(
        &mut self,
        quota: &Quota,
        seen_version: Option<i64>,
    ) -> Result<()> {
        self.write_quota(quota, Some(seen_version))
    }

    fn write_quota(&mut self, quota: &Quota, expect: Option<Option<i64>>) -> Result<()> {
        let quota = &Quota::new(
            quota.year,
            quota.families,
            &quota.destinations,
            &quota.source,
        )
        .map_err(|e| StoreError::Refused(format!("the quota was not saved: {e}").into()))?;
        self.write(|tx, officer| {
            let old = get_quota(tx, quota.year)?;
            if let Some(seen) = expect {
                // The version check every record makes, version 0 standing for "none yet".
                let current = Record {
                    id: i64::from(quota.year),
                    value: (),
                    version: old.as_ref().map_or(0, |o| o.version),
                    archived: false,
                    created_by: String::new(),
                    created_at: String::new(),
                    changed_by: old
                        .as_ref()
                        .map(|o| o.entered_by.clone())
                        .unwrap_or_default(),
                    changed_at: old
                        .as_ref()
                        .map(|o| o.entered_at.clone())
                        .unwrap_or_default(),
                };
                check_version(&current, "quota of year", seen.unwrap_or(0))?;
            }
            let fields = |q: Option<&Quota>| -> BTreeMap<String, String> {
                q.map(|q| {
                    BTreeMap::from([
                        ("families".to_string(), q.families.to_string()),
                        ("destinations".to_string(), q.destinations.clone()),
                        ("source".to_string(), q.source.clone()),
                    ])
                })
                .unwrap_or_default()
            };
            let changes: Vec<Change> = diff_fields(
                &fields(old.as_ref().map(|o| &o.quota)),
                &fields(Some(quota)),
            )
            .into_iter()
            .map(|(field, old, new)| Change { field, old, new })
            .collect();
            if changes.is_empty() {
                return Ok(());
            }
            let version = old.map_or(1, |o| o.version + 1);
            tx.execute(
                "INSERT INTO transmigration_quota
                     (year, families, destinations, source, version, entered_by, entered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(year) DO UPDATE SET families = excluded.families,
                     destinations = excluded.destinations, source = excluded.source,
                     version = excluded.version, entered_by = excluded.entered_by,
                     entered_at = excluded.entered_at",
                params![
                    quota.year,
                    quota.families,
                    quota.destinations,
                    quota.source,
                    version,
                    officer,
                    now_stamp()
                ],
            )?;
            let action = if version == 1 { "create" } else { "update" };
            let year = i64::from(quota.year);
            audit::record(tx, QUOTA_ENTITY, year, version, action, officer, &changes)
        })
    }

    /// The quota entered for `year`, if any.
    pub fn transmigration_quota(&self, year: i32) -> Result<Option<QuotaRecord>> {
        get_quota(&self.conn, year)
    }

    /// The history of a year's quota.
    pub fn transmigration_quota_history(&self, year: i32) -> Result<Vec<audit::AuditEntry>> {
        audit::history(&self.conn, QUOTA_ENTITY, i64::from(year))
    }

    /// The year's quota, and how much of it the year's departures used.
    pub fn transmigration_quota_status(&self, year: i32) -> Result<QuotaStatus> {
        quota_status(&self.conn, year)
    }

    /// Registrations still open at the end of `as_of`, in registration order (date, then the
    /// order they were entered): a family waiting since an earlier year stays at the head.
    pub fn waiting_list(&self, as_of: Date, offset: i64, limit: i64) -> Result<Vec<WaitingRow>> {
        let sql = format!(
            "SELECT id, head_name, kecamatan, members, registered_on, stage, version FROM transmigrant
             WHERE archived = 0 AND {}
             ORDER BY registered_on, id LIMIT ?2 OFFSET ?3",
            open_on(1)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![iso(as_of), limit, offset], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for (i, row) in rows.enumerate() {
            let (id, head_name, kecamatan, members, registered_on, stage, version) = row?;
            out.push(WaitingRow {
                position: offset + i as i64 + 1,
                id,
                version,
                head_name,
                kecamatan,
                members,
                registered_on,
                stage,
            });
        }
        Ok(out)
    }

    /// How many registrations are open right now.
    pub fn count_open_transmigrants(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM transmigrant WHERE archived = 0 AND {OPEN}"
            ))?
            .query_row([], |r| r.get(0))?)
    }

    /// A year's registrations and departures, and the families waiting at the end of
    /// `waiting_on`.
    pub fn transmigration_counts(
        &self,
        year: i32,
        waiting_on: Date,
    ) -> Result<TransmigrationCounts> {
        self.transmigration_counts_of(None, year, waiting_on)
    }

    /// [`Store::transmigration_counts`] of one kecamatan (for the kecamatan lookup).
    pub fn transmigration_counts_in_kecamatan(
        &self,
        kecamatan: &str,
        year: i32,
        waiting_on: Date,
    ) -> Result<TransmigrationCounts> {
        self.transmigration_counts_of(Some(kecamatan), year, waiting_on)
    }

    /// The counts of every kecamatan (`None`) or of one.
    fn transmigration_counts_of(
        &self,
        kecamatan: Option<&str>,
        year: i32,
        waiting_on: Date,
    ) -> Result<TransmigrationCounts> {
        let (from, to) = year_bounds(year);
        let sql = format!(
            "SELECT count(CASE WHEN registered_on BETWEEN ?1 AND ?2 THEN 1 END),
                    count(CASE WHEN departed_on BETWEEN ?1 AND ?2 THEN 1 END),
                    count(CASE WHEN {} THEN 1 END)
             FROM transmigrant WHERE archived = 0 AND (?4 IS NULL OR kecamatan = ?4)",
            open_on(3)
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(
            params![from, to, iso(waiting_on), kecamatan],
            |r| {
                Ok(TransmigrationCounts {
                    registered: r.get(0)?,
                    departed: r.get(1)?,
                    waiting: r.get(2)?,
                })
            },
        )?)
    }

    /// Per kecamatan (alphabetical, only those with something to count): the year's
    /// registrations and their members, those registrations by stage now, the year's
    /// departures, and the families waiting at the end of `waiting_on`.
    pub fn transmigrant_summary(
        &self,
        year: i32,
        waiting_on: Date,
    ) -> Result<Vec<TransmigrantSummaryRow>> {
        let (from, to) = year_bounds(year);
        let in_year = "registered_on BETWEEN ?1 AND ?2";
        let stages: Vec<String> = Stage::ALL
            .iter()
            .map(|s| {
                format!(
                    "count(CASE WHEN {in_year} AND stage = '{}' THEN 1 END)",
                    s.as_str()
                )
            })
            .collect();
        let sql = format!(
            "SELECT kecamatan,
                    count(CASE WHEN {in_year} THEN 1 END),
                    ifnull(sum(CASE WHEN {in_year} THEN members END), 0),
                    count(CASE WHEN departed_on BETWEEN ?1 AND ?2 THEN 1 END),
                    count(CASE WHEN {open} THEN 1 END),
                    {stages}
             FROM transmigrant WHERE archived = 0
             GROUP BY kecamatan ORDER BY kecamatan",
            open = open_on(3),
            stages = stages.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, to, iso(waiting_on)], |r| {
            let by_stage = (0..Stage::ALL.len())
                .map(|i| r.get(5 + i))
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(TransmigrantSummaryRow {
                kecamatan: r.get(0)?,
                registered: r.get(1)?,
                members: r.get(2)?,
                departed: r.get(3)?,
                waiting: r.get(4)?,
                by_stage,
            })
        })?;
        let rows: Vec<TransmigrantSummaryRow> = rows.collect::<std::result::Result<_, _>>()?;
        Ok(rows
            .into_iter()
            .filter(|r| r.registered + r.departed + r.waiting > 0)
            .collect())
    }

    /// The published yearly series (registered, departed, cooperation packages), oldest
    /// year first. Rows that do not read as numbers are left out.
    pub fn published_transmigration(&self) -> Result<Vec<PublishedTransmigration>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT json_extract(data, '$.year'), json_extract(data, '$.families_registered'),
                    json_extract(data, '$.families_departed'),
                    json_extract(data, '$.cooperation_packages')
             FROM published WHERE tbl = 'transmigration_by_year' ORDER BY row_no",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let num = |s: Option<String>| s.and_then(|s| s.trim().parse::<i64>().ok());
        let mut out = Vec::new();
        for row in rows {
            let (year, registered, departed, packages) = row?;
            let year = num(year).and_then(|y| i32::try_from(y).ok());
            if let (Some(year), Some(registered), Some(departed)) =
                (year, num(registered), num(departed))
            {
                out.push(PublishedTransmigration {
                    year,
                    registered,
                    departed,
                    cooperation_packages: num(packages).unwrap_or(0),
                });
            }
        }
        out.sort_by_key(|p| p.year);
        Ok(out)
    }
}

fn get_quota(conn: &Connection, year: i32) -> Result<Option<QuotaRecord>> {
    Ok(conn
        .prepare_cached(
            "SELECT year, families, destinations, source, version, entered_by, entered_at
             FROM transmigration_quota WHERE year = ?1",
        )?
        .query_row([year], |r| {
            Ok(QuotaRecord {
                quota: Quota {
                    year: r.get(0)?,
                    families: r.get(1)?,
                    destinations: r.get(2)?,
                    source: r.get(3)?,
                },
                version: r.get(4)?,
                entered_by: r.get(5)?,
                entered_at: r.get(6)?,
            })
        })
        .optional()?)
}
