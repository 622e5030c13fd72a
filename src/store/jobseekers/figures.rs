//! The yearly figures of job seeker registrations: registered, placed and expired in a year
//! (the pane's header, `export jobseekers`), and a kecamatan's active and placed (the lookup).

use super::super::record::{all_rows, year_bounds};
use super::super::{Result, Store};
use crate::domain::date::{iso, Date};
use chrono::NaiveDate;
use rusqlite::params;

/// A year's registrations: registered in it, placed in it, expired in it (an aktif
/// registration whose validity ended in the year, by `today`), and active at its end (or
/// `today` for the current year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JobseekerCounts {
    pub registered: i64,
    pub placed: i64,
    pub expired: i64,
    pub active: i64,
}

/// One group of `export jobseekers`: kecamatan × sex × education.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobseekerSummaryRow {
    pub kecamatan: String,
    pub sex: String,
    pub education: String,
    pub registered: i64,
    pub placed: i64,
    pub expired: i64,
}

/// The day a year's "active" is counted on: 31 December, or `today` in a year not ended.
pub fn active_day(year: i32, today: Date) -> Date {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    end.min(today)
}

/// SQL: the registration was active on day `?N`.
fn active_on(n: usize) -> String {
    format!(
        "(registered_on <= ?{n} AND valid_until >= ?{n} AND (status = 'aktif'
          OR (status = 'ditempatkan' AND placed_on > ?{n})
          OR (status = 'dicabut' AND revoked_on > ?{n})))"
    )
}

/// The three yearly measures as sums, with ?1/?2 the year's bounds and ?3 today.
const MEASURES: &str = "
    sum(registered_on >= ?1 AND registered_on < ?2),
    sum(status = 'ditempatkan' AND placed_on >= ?1 AND placed_on < ?2),
    sum(status = 'aktif' AND valid_until >= ?1 AND valid_until < ?2 AND valid_until < ?3)";

impl Store {
    /// The year's counts as of `today`, and a kecamatan's alone when given.
    pub fn jobseeker_counts(
        &self,
        year: i32,
        today: Date,
        kecamatan: Option<&str>,
    ) -> Result<JobseekerCounts> {
        let (from, to) = year_bounds(year);
        let sql = format!(
            "SELECT {MEASURES}, sum({}) FROM jobseeker
             WHERE archived = 0 AND (?5 IS NULL OR kecamatan = ?5)",
            active_on(4)
        );
        let on = iso(active_day(year, today));
        Ok(self.conn.prepare_cached(&sql)?.query_row(
            params![from, to, iso(today), on, kecamatan],
            |r| {
                Ok(JobseekerCounts {
                    registered: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                    placed: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    expired: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                    active: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                })
            },
        )?)
    }

    /// `export jobseekers`: the groups with something to count, by kecamatan, sex and
    /// education level (in the levels' order).
    pub fn jobseeker_summary(&self, year: i32, today: Date) -> Result<Vec<JobseekerSummaryRow>> {
        let (from, to) = year_bounds(year);
        let sql = format!(
            "SELECT kecamatan, sex, education, {MEASURES} FROM jobseeker
             WHERE archived = 0
             GROUP BY kecamatan, sex, education
             ORDER BY kecamatan, sex, CASE education WHEN 'SD' THEN 1 WHEN 'SMP' THEN 2
                 WHEN 'SMA' THEN 3 WHEN 'SMK' THEN 4 WHEN 'D1-D3' THEN 5 WHEN 'D4-S1' THEN 6
                 ELSE 7 END"
        );
        let rows = all_rows(&self.conn, &sql, params![from, to, iso(today)], |r| {
            Ok(JobseekerSummaryRow {
                kecamatan: r.get(0)?,
                sex: r.get(1)?,
                education: r.get(2)?,
                registered: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                placed: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                expired: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            })
        })?;
        Ok(rows
            .into_iter()
            .filter(|r| r.registered + r.placed + r.expired > 0)
            .collect())
    }
}
