//! The office's clock: the one place outside the store's audit stamps that reads the date.
//!
//! It stands above `domain` on purpose. The rules (`domain`) never read a clock: a rule that
//! depends on the day (overdue, "in the future", a deadline) takes today as an argument, so a
//! test can pin the day and a report can ask "as of 31 December". The callers that do mean
//! "now" (the store checking a save, a report of the running year, the command line and the
//! interface) ask here; `tests/layers.rs` fails when `domain` reads a clock itself.

use crate::domain::date::Date;
use chrono::{Datelike, Local};

/// Today on the office's clock.
pub fn today() -> Date {
    Local::now().date_naive()
}

/// The year of [`today`]: the year every list and figure opens on.
pub fn current_year() -> i32 {
    today().year()
}
