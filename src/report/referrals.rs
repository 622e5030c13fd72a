//! `export referrals`: the year's referrals to partner agencies, per agency: sent, answered,
//! answered on time (by the due day counted in working days), overdue (no answer and the due
//! day passed), then `TOTAL`. Column names are English and stable (SPEC §5).

use super::table::{total_row, Cell, Table};
use crate::clock::today;
use crate::domain::date::Date;
use crate::store::{Result, Store};

pub const HEADER: &[&str] = &["agency", "sent", "answered", "answered_on_time", "overdue"];

/// The referrals sent in `year`, overdue as of today.
pub fn referrals_table(store: &Store, year: i32) -> Result<Table> {
    referrals_table_on(store, year, today())
}

/// `referrals_table` as if today were `today`.
pub fn referrals_table_on(store: &Store, year: i32, today: Date) -> Result<Table> {
    let rows = store.referral_summary(year, today)?;
    let mut total = [0i64; 4];
    let mut table = Table::new(HEADER, Vec::with_capacity(rows.len() + 1));
    for r in rows {
        let counts = [r.sent, r.answered, r.answered_on_time, r.overdue];
        for (t, c) in total.iter_mut().zip(counts) {
            *t += c;
        }
        let mut row = vec![Cell::Text(r.agency)];
        row.extend(counts.into_iter().map(Cell::Int));
        table.rows.push(row);
    }
    table
        .rows
        .push(total_row(0, total.into_iter().map(Cell::Int)));
    Ok(table)
}
