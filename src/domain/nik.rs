//! NIK: the 16-digit national identity number.
//! Layout: province (2) kabupaten (2) kecamatan (2) birth date DDMMYY (day + 40 for women)
//! serial (4). Kabupaten Blitar is 35 05.

use super::date::Date;
use super::Sex;
use crate::i18n::Msg;
use crate::msg;
use chrono::Datelike;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nik(String);

/// What an NIK's digits say, once they are known to be well formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NikFacts {
    pub birth_date: Date,
    pub sex: Sex,
    /// Province and kabupaten digits are 35 05.
    pub from_blitar: bool,
}

pub const BLITAR_REGION: &str = "3505";

/// Which population number [`sixteen_digits`] reads: its messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    Nik,
    Kk,
}

/// The 16 digits of a population number (NIK, KK number) as typed, white space left out:
/// digits only, sixteen of them, region digits not 00.
pub fn sixteen_digits(input: &str, what: Number) -> Result<String, Msg> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let nik = what == Number::Nik;
    if s.is_empty() {
        return Err(if nik {
            msg!("v.nik.empty")
        } else {
            msg!("v.kk.empty")
        });
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(if nik {
            msg!("v.nik.digits_only")
        } else {
            msg!("v.kk.digits_only")
        });
    }
    if s.len() != 16 {
        return Err(if nik {
            msg!("v.nik.len", s.len())
        } else {
            msg!("v.kk.len", s.len())
        });
    }
    if &s[0..2] == "00" || &s[2..4] == "00" {
        return Err(if nik {
            msg!("v.nik.region_00")
        } else {
            msg!("v.kk.region_00")
        });
    }
    Ok(s)
}

impl Nik {
    /// Check the digits and the embedded birth date. `today` decides the century of a
    /// two-digit year (a birth date cannot lie in the future).
    pub fn parse(input: &str, today: Date) -> Result<(Nik, NikFacts), Msg> {
        let s = sixteen_digits(input, Number::Nik)?;
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        let (dd, mm, yy) = (num(6..8), num(8..10), num(10..12));
        let (day, sex) = match dd {
            1..=31 => (dd, Sex::L),
            41..=71 => (dd - 40, Sex::P),
            _ => return Err(msg!("v.nik.birth_day", format!("{dd:02}"))),
        };
        let this_year = today.year();
        let mut year = 2000 + yy as i32;
        if year > this_year {
            year -= 100;
        }
        let birth_date = Date::from_ymd_opt(year, mm, day)
            .filter(|d| *d <= today)
            .or_else(|| Date::from_ymd_opt(year - 100, mm, day))
            .ok_or_else(|| msg!("v.nik.birth_date", format!("{day:02}-{mm:02}-{yy:02}")))?;
        if &s[12..16] == "0000" {
            return Err(msg!("v.nik.serial_0000"));
        }
        let from_blitar = &s[0..4] == BLITAR_REGION;
        Ok((
            Nik(s),
            NikFacts {
                birth_date,
                sex,
                from_blitar,
            },
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Only the last four digits, for lists.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// `************1234`: lists show no more than the last four digits of an identity number.
pub fn mask(s: &str) -> String {
    let n = s.chars().count();
    if n <= 4 {
        return s.to_string();
    }
    let tail: String = s.chars().skip(n - 4).collect();
    format!("{}{}", "*".repeat(n - 4), tail)
}

/// Make a valid NIK (for demo data and tests).
pub fn synthesise(region4: &str, kec2: u32, birth: Date, sex: Sex, serial: u32) -> String {
    let day = birth.day() + if sex == Sex::P { 40 } else { 0 };
    format!(
        "{region4}{kec2:02}{day:02}{:02}{:02}{:04}",
        birth.month(),
        birth.year() % 100,
        serial.clamp(1, 9999)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::today;

    #[test]
    fn a_woman_from_blitar() {
        let (nik, facts) = Nik::parse("3505124512950001", today()).unwrap();
        assert_eq!(nik.as_str(), "3505124512950001");
        assert_eq!(facts.sex, Sex::P);
        assert_eq!(facts.birth_date, Date::from_ymd_opt(1995, 12, 5).unwrap());
        assert!(facts.from_blitar);
        assert_eq!(nik.masked(), "************0001");
    }

    #[test]
    fn a_man_from_elsewhere_born_this_century() {
        let (_, facts) = Nik::parse("3578010101030002", today()).unwrap();
        assert_eq!(facts.sex, Sex::L);
        assert_eq!(facts.birth_date, Date::from_ymd_opt(2003, 1, 1).unwrap());
        assert!(!facts.from_blitar);
    }

    #[test]
    fn bad_niks() {
        let t = today();
        assert!(Nik::parse("350512451295000", t)
            .unwrap_err()
            .en()
            .contains("16 digits"));
        assert!(Nik::parse("35051245129500a1", t)
            .unwrap_err()
            .en()
            .contains("digits only"));
        assert!(Nik::parse("3505123512950001", t).is_err()); // day 35
        assert!(Nik::parse("3505127212950001", t).is_err()); // day 72
        assert!(Nik::parse("3505123102950001", t).is_err()); // 31 Feb
        assert!(Nik::parse("3505126902950001", t).is_err()); // 29 Feb 1995 (woman)
        assert!(Nik::parse("3505126902960001", t).is_ok()); // 29 Feb 1996 (woman)
        assert!(Nik::parse("3505120113950001", t).is_err()); // month 13
        assert!(Nik::parse("3505121212950000", t).is_err()); // serial 0000
    }

    #[test]
    fn synthesised_niks_parse_back() {
        let b = Date::from_ymd_opt(1990, 7, 14).unwrap();
        let s = synthesise("3505", 11, b, Sex::P, 42);
        let (_, f) = Nik::parse(&s, today()).unwrap();
        assert_eq!(f.birth_date, b);
        assert_eq!(f.sex, Sex::P);
    }
}
