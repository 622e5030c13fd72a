//! The working-day calendar that legal deadlines are counted in (Law 2/2004 counts "hari
//! kerja"): Saturdays, Sundays, national holidays (`libur`) and collective leave
//! (`cuti_bersama`) are not working days.
//!
//! The holidays are data (`data/holidays.csv`, extended by the office every year), so the
//! calendar knows which years it covers and refuses to count through a year it has no holidays
//! for: a deadline silently computed as if that year had no holidays would be wrong.

use super::case::word_enum;
use super::date::{parse_date, Date};
use super::refdata::simple_rows;
use chrono::{Datelike, Days, Weekday};
use std::collections::{BTreeMap, BTreeSet};

word_enum!(
    /// A national holiday, or collective leave decreed around one.
    HolidayKind { Libur => "libur", CutiBersama => "cuti_bersama" }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub kind: HolidayKind,
    pub name: String,
}

/// The columns of a holiday file (`disnaker import holidays`), the same as `data/holidays.csv`.
pub const HOLIDAY_COLUMNS: &[&str] = &["date", "kind", "name"];

/// A year the office adds with fewer holidays than this is probably not the whole SKB.
pub const FEW_HOLIDAYS: usize = 10;

impl Holiday {
    /// One row of a holiday file: a date, `libur` or `cuti_bersama`, and its name.
    pub fn from_fields(v: &BTreeMap<String, String>) -> super::case::Verdict<Holiday> {
        let get = |k: &str| v.get(k).map(|s| s.trim()).unwrap_or("");
        let mut errors = Vec::new();
        let date = super::check::required(
            &mut errors,
            "date",
            get("date"),
            crate::msg!("v.holiday.date"),
            parse_date,
        );
        let kind = super::check::required(
            &mut errors,
            "kind",
            get("kind"),
            crate::msg!("v.holiday.kind"),
            HolidayKind::parse,
        );
        let name = get("name").to_string();
        if name.is_empty() {
            errors.push(super::FieldError::new(
                "name",
                crate::msg!("v.holiday.name"),
            ));
        }
        let checked = super::case::Checked {
            errors,
            warnings: Vec::new(),
        };
        match (date, kind) {
            (Some(date), Some(kind)) => checked.verdict(Holiday { date, kind, name }),
            _ => (None, checked),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// A date in a year the holiday file does not list.
    NotCovered { year: i32, first: i32, last: i32 },
    /// The holiday file lists no year at all.
    Empty,
    /// A line of the holiday file that cannot be read (1-based, header is line 1).
    BadRow { line: usize, reason: String },
}

impl CalendarError {
    /// What an officer reads, in their language. The holiday file is built into the program,
    /// so a missing year is fixed by a new release with that year's SKB holidays.
    pub fn msg(&self) -> crate::i18n::Msg {
        match self {
            CalendarError::NotCovered { year, first, last } if year > last => {
                crate::msg!("calendar.beyond", year, first, last)
            }
            CalendarError::NotCovered { year, first, last } => {
                crate::msg!("calendar.missing", year, first, last)
            }
            CalendarError::Empty => crate::msg!("calendar.empty"),
            CalendarError::BadRow { line, reason } => crate::msg!("calendar.bad_row", line, reason),
        }
    }
}

impl std::fmt::Display for CalendarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CalendarError::NotCovered { year, first, last } => {
                let place = if year > last {
                    "beyond"
                } else if year < first {
                    "before"
                } else {
                    "missing from"
                };
                write!(
                    f,
                    "{year} is {place} the holiday calendar ({first}–{last}); add that year's holidays to data/holidays.csv"
                )
            }
            CalendarError::Empty => {
                f.write_str("the holiday calendar lists no holidays; fill data/holidays.csv")
            }
            CalendarError::BadRow { line, reason } => {
                write!(f, "data/holidays.csv line {line}: {reason}")
            }
        }
    }
}

impl std::error::Error for CalendarError {}

/// Working days: weekdays that are neither a holiday nor collective leave, in the covered years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingDays {
    holidays: BTreeMap<Date, Holiday>,
    /// Years that have at least one row in the file: only those can be counted in.
    years: BTreeSet<i32>,
}

impl WorkingDays {
    /// Read `date,kind,name` rows (header first), e.g. `domain::refdata::HOLIDAYS_CSV`.
    pub fn from_csv(csv: &str) -> Result<WorkingDays, CalendarError> {
        let mut holidays = Vec::new();
        for (i, row) in simple_rows(csv).iter().enumerate().skip(1) {
            let line = i + 1;
            let bad = |reason: String| CalendarError::BadRow { line, reason };
            let [date, kind, name] = row.as_slice() else {
                return Err(bad(format!(
                    "expected 3 columns (date,kind,name), found {}",
                    row.len()
                )));
            };
            holidays.push(Holiday {
                // The shipped calendar's own errors: for whoever maintains the file.
                date: parse_date(date).map_err(|m| bad(m.en()))?,
                kind: HolidayKind::parse(kind).map_err(|m| bad(m.en()))?,
                name: name.trim().to_string(),
            });
        }
        WorkingDays::from_holidays(holidays)
    }

    /// Build from holiday rows (e.g. the store's `holiday` table). A date listed twice counts once.
    pub fn from_holidays(
        rows: impl IntoIterator<Item = Holiday>,
    ) -> Result<WorkingDays, CalendarError> {
        let mut holidays = BTreeMap::new();
        let mut years = BTreeSet::new();
        for h in rows {
            years.insert(h.date.year());
            holidays.entry(h.date).or_insert(h);
        }
        if years.is_empty() {
            return Err(CalendarError::Empty);
        }
        Ok(WorkingDays { holidays, years })
    }

    /// First and last year the holiday file covers.
    pub fn year_range(&self) -> (i32, i32) {
        let first = self.years.first().copied().unwrap_or_default();
        let last = self.years.last().copied().unwrap_or_default();
        (first, last)
    }

    /// Every year the holiday file lists.
    pub fn covered_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Whether the calendar knows the holidays of `d`'s year.
    pub fn covers(&self, d: Date) -> bool {
        self.years.contains(&d.year())
    }

    /// `Ok` when `d` can be counted in, else the error to show the officer.
    pub fn check(&self, d: Date) -> Result<(), CalendarError> {
        if self.covers(d) {
            return Ok(());
        }
        let (first, last) = self.year_range();
        Err(CalendarError::NotCovered {
            year: d.year(),
            first,
            last,
        })
    }

    /// The holiday or collective leave on `d`, if any (weekends are not listed).
    pub fn holiday(&self, d: Date) -> Option<&Holiday> {
        self.holidays.get(&d)
    }

    pub fn is_working(&self, d: Date) -> Result<bool, CalendarError> {
        self.check(d)?;
        Ok(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains_key(&d))
    }

    /// The `n`-th working day after `start` (`start` itself is not counted, so `n = 0` gives
    /// `start`). This is how "within N working days of X" deadlines are read: the last day
    /// on which the act is still on time.
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, CalendarError> {
        self.check(start)?;
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = next_day(d)?;
            if self.is_working(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// Working days in `(a, b]`; negative (the count in `(b, a]`) when `b` is before `a`.
    pub fn working_days_between(&self, a: Date, b: Date) -> Result<i64, CalendarError> {
        if b < a {
            return self.working_days_between(b, a).map(|n| -n);
        }
        self.check(a)?;
        let mut count = 0;
        let mut d = a;
        while d < b {
            d = next_day(d)?;
            if self.is_working(d)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// Whether `d` is on or before `add_working_days(start, n)`, counting only up to `d`, so
    /// an act done before the end of the calendar can be judged even when its deadline would
    /// fall in a year the file does not cover yet.
    pub fn within_working_days(&self, start: Date, n: u32, d: Date) -> Result<bool, CalendarError> {
        if d <= start {
            return Ok(true);
        }
        let counted = self.working_days_between(start, d)?;
        let n = i64::from(n);
        // Exactly n working days reach the deadline itself only if `d` is that working day;
        // a weekend or holiday right after it is already late.
        Ok(counted < n || (counted == n && self.is_working(d)?))
    }
}

fn next_day(d: Date) -> Result<Date, CalendarError> {
    d.checked_add_days(Days::new(1))
        .ok_or(CalendarError::NotCovered {
            year: d.year(),
            first: d.year(),
            last: d.year(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{calendar as cal, day as d};
    use proptest::prelude::*;

    fn adds(c: &WorkingDays, from: Date, n: u32) -> Date {
        c.add_working_days(from, n).unwrap()
    }

    fn between(c: &WorkingDays, a: Date, b: Date) -> i64 {
        c.working_days_between(a, b).unwrap()
    }

    #[test]
    fn the_shipped_file_reads_and_covers_2023_to_2026() {
        let c = cal();
        assert_eq!(c.year_range(), (2023, 2026));
        assert_eq!(c.covered_years().count(), 4);
        assert!(c.covers(d(2026, 12, 31)));
        assert!(!c.covers(d(2027, 1, 1)));
        assert_eq!(
            c.holiday(d(2024, 8, 17)).map(|h| h.kind),
            Some(HolidayKind::Libur)
        );
        assert_eq!(
            c.holiday(d(2024, 12, 26)).map(|h| h.kind),
            Some(HolidayKind::CutiBersama)
        );
    }

    #[test]
    fn weekends_holidays_and_collective_leave_are_not_working_days() {
        let c = cal();
        assert!(c.is_working(d(2024, 12, 24)).unwrap()); // Tuesday
        assert!(!c.is_working(d(2024, 12, 25)).unwrap()); // Natal
        assert!(!c.is_working(d(2024, 12, 26)).unwrap()); // cuti bersama
        assert!(!c.is_working(d(2024, 12, 28)).unwrap()); // Saturday
        assert!(!c.is_working(d(2024, 12, 29)).unwrap()); // Sunday
        assert!(!c.is_working(d(2024, 2, 14)).unwrap()); // election day
    }

    #[test]
    fn idul_fitri_2024_collective_leave_is_skipped() {
        // Fri 5 Apr; 8–12 and 15 Apr are Lebaran and cuti bersama.
        let c = cal();
        assert_eq!(adds(&c, d(2024, 4, 5), 1), d(2024, 4, 16));
        assert_eq!(between(&c, d(2024, 4, 5), d(2024, 4, 16)), 1);
        assert_eq!(between(&c, d(2024, 4, 16), d(2024, 4, 5)), -1);
    }

    #[test]
    fn idul_fitri_2025_and_nyepi_run_together() {
        // Thu 27 Mar; 28 Mar Nyepi leave, 31 Mar–7 Apr Lebaran.
        let c = cal();
        assert_eq!(adds(&c, d(2025, 3, 27), 1), d(2025, 4, 8));
        assert_eq!(adds(&c, d(2025, 3, 27), 7), d(2025, 4, 16));
    }

    #[test]
    fn idul_fitri_2026_and_nyepi_run_together() {
        // Tue 17 Mar; 18–24 Mar Nyepi and Lebaran.
        let c = cal();
        assert_eq!(adds(&c, d(2026, 3, 17), 1), d(2026, 3, 25));
        assert_eq!(adds(&c, d(2026, 3, 13), 3), d(2026, 3, 25));
    }

    #[test]
    fn christmas_and_the_year_end() {
        let c = cal();
        // Fri 20 Dec 2024: 23, 24, 27, 30, 31 Dec.
        assert_eq!(adds(&c, d(2024, 12, 20), 5), d(2024, 12, 31));
        // the sixth skips New Year's Day
        assert_eq!(adds(&c, d(2024, 12, 20), 6), d(2025, 1, 2));
        assert_eq!(between(&c, d(2024, 12, 20), d(2025, 1, 2)), 6);
        // 30 working days from the last working day of 2025
        assert_eq!(adds(&c, d(2025, 12, 31), 1), d(2026, 1, 2));
    }

    #[test]
    fn a_date_beyond_the_calendar_is_an_error_not_a_guess() {
        let c = cal();
        // Sun 20 Dec 2026 + 10 runs into 2027
        let err = c.add_working_days(d(2026, 12, 20), 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2027 is beyond the holiday calendar (2023–2026); add that year's holidays to data/holidays.csv"
        );
        assert!(c.add_working_days(d(2026, 12, 20), 7).is_ok());
        assert!(c.is_working(d(2027, 1, 4)).is_err());
        assert!(c
            .working_days_between(d(2026, 12, 1), d(2027, 1, 4))
            .is_err());
        let err = c.is_working(d(2022, 6, 1)).unwrap_err().to_string();
        assert!(
            err.starts_with("2022 is before the holiday calendar"),
            "{err}"
        );
    }

    #[test]
    fn a_gap_year_is_not_covered() {
        let c = WorkingDays::from_csv(
            "date,kind,name\n2024-01-01,libur,Tahun Baru\n2026-01-01,libur,Tahun Baru\n",
        )
        .unwrap();
        let err = c.is_working(d(2025, 5, 5)).unwrap_err().to_string();
        assert!(
            err.starts_with("2025 is missing from the holiday calendar (2024–2026)"),
            "{err}"
        );
    }

    #[test]
    fn bad_holiday_rows_are_named_by_line() {
        let err = WorkingDays::from_csv("date,kind,name\n2024-01-01,libur,A\n2024-02-30,libur,B\n")
            .unwrap_err();
        assert!(
            matches!(err, CalendarError::BadRow { line: 3, .. }),
            "{err:?}"
        );
        let err = WorkingDays::from_csv("date,kind,name\n2024-01-01,holiday,A\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        assert_eq!(
            WorkingDays::from_csv("date,kind,name\n").unwrap_err(),
            CalendarError::Empty
        );
    }

    #[test]
    fn within_a_deadline_counts_only_up_to_the_act() {
        let c = cal();
        let start = d(2024, 12, 20);
        assert!(c.within_working_days(start, 5, d(2024, 12, 31)).unwrap());
        assert!(c.within_working_days(start, 5, d(2024, 12, 28)).unwrap());
        assert!(!c.within_working_days(start, 5, d(2025, 1, 1)).unwrap()); // holiday after due
        assert!(!c.within_working_days(start, 5, d(2025, 1, 2)).unwrap());
        // judged without needing 2027: done in 2026 before a deadline that lies in 2027
        assert!(c
            .within_working_days(d(2026, 12, 20), 30, d(2026, 12, 31))
            .unwrap());
    }

    fn start_date() -> impl Strategy<Value = Date> {
        // 2023-01-01 .. early Oct 2026, so that 60 working days stay inside 2026
        (0u64..1370).prop_map(|n| d(2023, 1, 1) + Days::new(n))
    }

    proptest! {
        #[test]
        fn adding_then_counting_back_gives_n(start in start_date(), n in 0u32..60) {
            let c = cal();
            let due = c.add_working_days(start, n).unwrap();
            prop_assert_eq!(c.working_days_between(start, due).unwrap(), i64::from(n));
            prop_assert_eq!(c.working_days_between(due, start).unwrap(), -i64::from(n));
            prop_assert!(c.within_working_days(start, n, due).unwrap());
            if n > 0 {
                prop_assert!(!c.within_working_days(start, n, due + Days::new(1)).unwrap());
            }
        }

        #[test]
        fn the_result_is_never_a_weekend_or_holiday(start in start_date(), n in 1u32..60) {
            let c = cal();
            let due = c.add_working_days(start, n).unwrap();
            prop_assert!(c.is_working(due).unwrap());
            prop_assert!(!matches!(due.weekday(), Weekday::Sat | Weekday::Sun));
            prop_assert!(c.holiday(due).is_none());
        }

        #[test]
        fn more_working_days_end_later(start in start_date(), n in 0u32..59) {
            let c = cal();
            let a = c.add_working_days(start, n).unwrap();
            let b = c.add_working_days(start, n + 1).unwrap();
            prop_assert!(b > a);
            prop_assert!(a >= start);
        }
    }
}
