//! Dates as officers type them. Stored and exported as ISO `YYYY-MM-DD`.

use crate::i18n::Msg;
use crate::msg;
use chrono::Datelike;
pub use chrono::NaiveDate as Date;

/// `YYYY-MM-DD`, `DD/MM/YYYY` or `DD-MM-YYYY`.
pub fn parse_date(input: &str) -> Result<Date, Msg> {
    let s = input.trim();
    if s.is_empty() {
        return Err(msg!("v.date.empty"));
    }
    let parsed = if s.len() == 10 && s.as_bytes()[4] == b'-' {
        Date::parse_from_str(s, "%Y-%m-%d")
    } else if s.contains('/') {
        Date::parse_from_str(s, "%d/%m/%Y")
    } else {
        Date::parse_from_str(s, "%d-%m-%Y")
    };
    match parsed {
        Ok(d) if (1900..=2200).contains(&d.year()) => Ok(d),
        Ok(_) => Err(msg!("v.date.year_range", crate::domain::quoted(s))),
        Err(_) => Err(msg!("v.date.invalid", crate::domain::quoted(s))),
    }
}

/// A date that cannot lie in the future (a report date, an arrival that has happened).
pub fn parse_past_date(input: &str, today: Date) -> Result<Date, Msg> {
    let d = parse_date(input)?;
    if d > today {
        Err(msg!("v.date.future", iso(d)))
    } else {
        Ok(d)
    }
}

/// How every screen shows a date: `DD-MM-YYYY`, four-digit year, in both languages.
/// CSV, JSON and the store keep ISO ([`iso`]).
pub fn display(d: Date) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if (0..=9999).contains(&y) {
        format!("{day:02}-{m:02}-{y:04}")
    } else {
        d.format("%d-%m-%Y").to_string()
    }
}

/// Columns a displayed date takes.
pub const DISPLAY_WIDTH: u16 = 10;

/// A stored ISO date (`2026-12-04`, or a timestamp that starts with one) as the screen shows
/// it (`04-12-2026`, the time kept after it); anything else unchanged.
pub fn display_iso(s: &str) -> String {
    let head = s.get(..10).unwrap_or("");
    let rest = s.get(10..).unwrap_or("");
    let b = head.as_bytes();
    let iso_shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    let time_follows = rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T');
    match Date::parse_from_str(head, "%Y-%m-%d") {
        Ok(d) if iso_shaped && time_follows => format!("{}{rest}", display(d)),
        _ => s.to_string(),
    }
}

/// A sentence with ISO dates in it (`s/d 2024-03-25 (30 hk)`) with every date as the
/// screen shows it (`s/d 25-03-2024 (30 hk)`); the rest unchanged.
pub fn display_dates_in(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        let starts = (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && (0..4).all(|k| digit(i + k))
            && b.get(i + 4) == Some(&b'-')
            && digit(i + 5)
            && digit(i + 6)
            && b.get(i + 7) == Some(&b'-')
            && digit(i + 8)
            && digit(i + 9)
            && !b.get(i + 10).is_some_and(u8::is_ascii_alphanumeric);
        if starts {
            if let Ok(d) = Date::parse_from_str(&text[i..i + 10], "%Y-%m-%d") {
                out.push_str(&display(d));
                i += 10;
                continue;
            }
        }
        // Whole characters: the text may hold `→` or `·`.
        let ch = text[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// What an officer typed into a date field (`04-12-2026`, `04/12/2026` or ISO) as the ISO
/// value the records take; empty stays empty, and what is not a date is handed on unchanged
/// so that the record's own check names the error.
pub fn input_to_iso(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        return String::new();
    }
    parse_date(t).map_or_else(|_| s.to_string(), iso)
}

pub fn iso(d: Date) -> String {
    // Written by hand: chrono's strftime parses its pattern every call, which showed in
    // the profile of a million-record fill.
    let (y, m, day) = (d.year(), d.month(), d.day());
    if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{day:02}")
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_formats() {
        let d = Date::from_ymd_opt(2024, 12, 6).unwrap();
        assert_eq!(parse_date("2024-12-06").unwrap(), d);
        assert_eq!(parse_date("06/12/2024").unwrap(), d);
        assert_eq!(parse_date("06-12-2024").unwrap(), d);
        assert_eq!(parse_date(" 6/12/2024 ").unwrap(), d);
    }

    #[test]
    fn one_display_format_with_four_digit_years() {
        let d = Date::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(display(d), "04-12-2026");
        assert_eq!(display(d).len(), usize::from(DISPLAY_WIDTH));
        assert_eq!(display_iso("2024-06-02"), "02-06-2024");
        assert_eq!(display_iso("2026-12-04 10:15"), "04-12-2026 10:15");
        assert_eq!(display_iso("2026-12-04T10:15:00"), "04-12-2026T10:15:00");
        // Not a date: unchanged.
        assert_eq!(display_iso("baru"), "baru");
        assert_eq!(display_iso("2026-13-04"), "2026-13-04");
        assert_eq!(display_iso("2026-12-045"), "2026-12-045");
        assert_eq!(display_iso(""), "");
        // What the screen shows is accepted back.
        assert_eq!(parse_date(&display(d)).unwrap(), d);
    }

    #[test]
    fn dates_inside_a_sentence() {
        assert_eq!(
            display_dates_in("s/d 2024-03-25 (30 hk) · tepat waktu 2024-03-01"),
            "s/d 25-03-2024 (30 hk) · tepat waktu 01-03-2024"
        );
        assert_eq!(display_dates_in("2024-03-25"), "25-03-2024");
        assert_eq!(display_dates_in("#12024-03-25x"), "#12024-03-25x");
        assert_eq!(display_dates_in("2024-02-30 → ok"), "2024-02-30 → ok");
        assert_eq!(display_dates_in("tanpa tanggal"), "tanpa tanggal");
    }

    #[test]
    fn typed_dates_reach_the_records_as_iso() {
        assert_eq!(input_to_iso("04-12-2026"), "2026-12-04");
        assert_eq!(input_to_iso("4/12/2026"), "2026-12-04");
        assert_eq!(input_to_iso("2026-12-04"), "2026-12-04");
        assert_eq!(input_to_iso("  "), "");
        assert_eq!(input_to_iso("31-02-2026"), "31-02-2026");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(parse_date("2024-02-30").is_err());
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("31/04/2024").is_err());
        assert!(parse_date("tomorrow").is_err());
        assert!(parse_date("").is_err());
    }

    #[test]
    fn future_refused_where_impossible() {
        let today = Date::from_ymd_opt(2026, 11, 28).unwrap();
        assert!(parse_past_date("2026-11-28", today).is_ok());
        assert!(parse_past_date("2026-11-29", today).is_err());
    }
}
