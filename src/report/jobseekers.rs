//! Job seeker figures: the summary table of `export jobseekers` (and the pane's `x`):
//! registrations registered, placed and expired in a year by kecamatan × sex × education,
//! then `TOTAL`. Counts only, no personal data.

use super::table::{total_row, Cell, Table};
use crate::domain::date::Date;
use crate::store::{Result, Store};

/// The columns of `export jobseekers` (README, CSV section).
pub const TABLE_HEADER: &[&str] = &[
    "kecamatan",
    "sex",
    "education",
    "registered",
    "placed",
    "expired",
];

/// The year's summary as of `today`: a registration counts as expired in the year its
/// validity ended while it was still aktif, once that day has passed.
pub fn jobseekers_table_on(store: &Store, year: i32, today: Date) -> Result<Table> {
    let rows = store.jobseeker_summary(year, today)?;
    let mut total = [0i64; 3];
    let mut table = Table::new(TABLE_HEADER, Vec::with_capacity(rows.len() + 1));
    for r in rows {
        let counts = [r.registered, r.placed, r.expired];
        for (t, c) in total.iter_mut().zip(counts) {
            *t += c;
        }
        let mut row = vec![
            Cell::Text(r.kecamatan),
            Cell::Text(r.sex),
            Cell::Text(r.education),
        ];
        row.extend(counts.into_iter().map(Cell::Int));
        table.rows.push(row);
    }
    table
        .rows
        .push(total_row(2, total.into_iter().map(Cell::Int)));
    Ok(table)
}
