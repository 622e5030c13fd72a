//! Dates as officers type them. Stored and exported as ISO `YYYY-MM-DD`.

use chrono::Datelike;
pub use chrono::NaiveDate as Date;

/// `YYYY-MM-DD`, `DD/MM/YYYY` or `DD-MM-YYYY`.
pub fn parse_date(input: &str) -> Result<Date, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("empty date".into());
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
        Ok(_) => Err(format!("year out of range: {}", crate::domain::quoted(s))),
        Err(_) => Err(format!(
            "not a valid date: {} (use YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY)",
            crate::domain::quoted(s)
        )),
    }
}

/// A date that cannot lie in the future (a report date, an arrival that has happened).
pub fn parse_past_date(input: &str, today: Date) -> Result<Date, String> {
    let d = parse_date(input)?;
    if d > today {
        Err(format!("{d} is in the future"))
    } else {
        Ok(d)
    }
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
