//! Transmigration figures: a year's registrations, departures and waiting families beside
//! the province's quota, the published 2020–2024 series alongside, the program indicator
//! "% transmigrants placed", and the summary table for `export transmigrants` (no personal
//! data).

use super::table::{total_row, Cell, Table};
use crate::clock::today;
use crate::domain::date::Date;
use crate::store::{PublishedTransmigration, Result, Store};
use chrono::Datelike;
use rust_decimal::{Decimal, RoundingStrategy};

/// One year's figures from the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransmigrationYear {
    pub year: i32,
    /// Families whose registration date falls in the year.
    pub registered: i64,
    /// Families whose departure date falls in the year (whenever they registered).
    pub departed: i64,
    /// Families still waiting at the end of the year (today, for the current year).
    pub waiting: i64,
    /// The province's quota, when entered.
    pub quota: Option<i64>,
    /// Quota minus departures, never below zero; None without a quota.
    pub quota_left: Option<i64>,
}

impl TransmigrationYear {
    /// The program indicator "% transmigrants placed" of this year: see [`placed_percent`].
    pub fn placed_percent(&self) -> Option<Decimal> {
        placed_percent(self.departed, self.registered)
    }
}

/// A year of the records beside the same year as published (LKjIP table 3.22), if it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransmigrationSeriesYear {
    pub records: TransmigrationYear,
    pub published: Option<PublishedTransmigration>,
}

/// "% transmigrants placed" (program V): families departed in the year / families
/// registered in the year × 100, exact, with two decimals (half away from zero); None when
/// nobody registered (0 / 0 has no value).
///
/// The 2024 report prints 16.67 for 1 departed of 5 registered, which is 1 / 6: its
/// denominator is not the year's registrations it publishes. The program computes
/// honestly from the records: 1 / 5 = 20.00.
pub fn placed_percent(departed: i64, registered: i64) -> Option<Decimal> {
    if registered <= 0 {
        return None;
    }
    let mut p = (Decimal::from(departed) * Decimal::ONE_HUNDRED / Decimal::from(registered))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    Some(p)
}

/// The year's figures; waiting counts at the end of the year, or today for the current year.
pub fn yearly(store: &Store, year: i32) -> Result<TransmigrationYear> {
    yearly_on(store, year, today())
}

/// `yearly` as if today were `today`.
pub fn yearly_on(store: &Store, year: i32, today: Date) -> Result<TransmigrationYear> {
    let counts = store.transmigration_counts(year, waiting_day(year, today))?;
    let quota = store.transmigration_quota_status(year)?;
    Ok(TransmigrationYear {
        year,
        registered: counts.registered,
        departed: counts.departed,
        waiting: counts.waiting,
        quota: quota.quota,
        quota_left: quota.left(),
    })
}

/// The day whose end the waiting families are counted at: 31 December, or today when the
/// year has not ended.
pub fn waiting_day(year: i32, today: Date) -> Date {
    Date::from_ymd_opt(year, 12, 31).map_or(today, |end| end.min(today))
}

/// The records' figures for `from..=to`, each beside the published year where there is one.
pub fn series(
    store: &Store,
    from: i32,
    to: i32,
    today: Date,
) -> Result<Vec<TransmigrationSeriesYear>> {
    let published = store.published_transmigration()?;
    (from..=to)
        .map(|year| {
            Ok(TransmigrationSeriesYear {
                records: yearly_on(store, year, today)?,
                published: published.iter().find(|p| p.year == year).copied(),
            })
        })
        .collect()
}

/// The published years (2020–2024) beside the records, up to the current year.
pub fn series_with_published(store: &Store) -> Result<Vec<TransmigrationSeriesYear>> {
    let today = today();
    let first = store
        .published_transmigration()?
        .first()
        .map_or(today.year(), |p| p.year);
    series(store, first.min(today.year()), today.year(), today)
}

/// The columns of the summary: counts only, no personal data.
pub const TABLE_HEADER: &[&str] = &[
    "kecamatan",
    "registered",
    "members",
    "terdaftar",
    "berkas_lengkap",
    "terseleksi",
    "dilatih",
    "diberangkatkan",
    "batal",
    "departed",
    "waiting",
];

/// The summary for `export transmigrants`: one row per kecamatan with families to count
/// (alphabetical), then `TOTAL`. `registered` and `members` are the year's registrations and
/// their persons; the six stage columns split those registrations by their stage now;
/// `departed` counts the year's departures (whenever the family registered); `waiting`
/// the families open at the end of the year (today for the current year). The TOTAL row's
/// registered, departed and waiting equal [`yearly`].
pub fn transmigrants_table(store: &Store, year: i32) -> Result<Table> {
    transmigrants_table_on(store, year, today())
}

/// `transmigrants_table` as if today were `today`.
pub fn transmigrants_table_on(store: &Store, year: i32, today: Date) -> Result<Table> {
    let rows = store.transmigrant_summary(year, waiting_day(year, today))?;
    // Every column but the kecamatan's name is a count.
    let width = TABLE_HEADER.len() - 1;
    let mut total = vec![0i64; width];
    let mut table = Table::new(TABLE_HEADER, Vec::with_capacity(rows.len() + 1));
    for r in rows {
        let mut counts = vec![r.registered, r.members];
        counts.extend(&r.by_stage);
        counts.extend([r.departed, r.waiting]);
        for (t, c) in total.iter_mut().zip(&counts) {
            *t += c;
        }
        let mut row = vec![Cell::Text(r.kecamatan)];
        row.extend(counts.into_iter().map(Cell::Int));
        table.rows.push(row);
    }
    table
        .rows
        .push(total_row(0, total.into_iter().map(Cell::Int)));
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn placed_percent_is_exact_with_two_decimals() {
        assert_eq!(placed_percent(1, 5).unwrap().to_string(), "20.00");
        assert_eq!(placed_percent(1, 6).unwrap().to_string(), "16.67");
        assert_eq!(placed_percent(2, 3).unwrap().to_string(), "66.67");
        assert_eq!(
            placed_percent(6, 9).unwrap(),
            Decimal::from_str("66.67").unwrap()
        );
        assert_eq!(placed_percent(0, 13).unwrap().to_string(), "0.00");
        assert_eq!(placed_percent(1, 8).unwrap().to_string(), "12.50");
        // 1/1600 × 100 = 0.0625 → 0.06; 1/800 × 100 = 0.125 → 0.13 (half away from zero)
        assert_eq!(placed_percent(1, 800).unwrap().to_string(), "0.13");
        assert_eq!(placed_percent(0, 0), None);
    }

    #[test]
    fn waiting_is_counted_at_the_end_of_the_year_or_today() {
        let today = Date::from_ymd_opt(2025, 3, 4).unwrap();
        assert_eq!(
            waiting_day(2024, today),
            Date::from_ymd_opt(2024, 12, 31).unwrap()
        );
        assert_eq!(waiting_day(2025, today), today);
    }
}
