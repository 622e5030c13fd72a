//! The province's yearly quota of families, and how much of it the departures used.

use crate::domain::FieldError;
use crate::i18n::Msg;
use crate::msg;

/// The province's quota for one year: how many families may depart, and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub year: i32,
    pub families: i64,
    /// The settlement units offered, as the province wrote them.
    pub destinations: String,
    /// Where the figure comes from (letter number, meeting).
    pub source: String,
}

impl Quota {
    /// A checked quota: a plausible year and 0 to 1,000 families.
    pub fn new(
        year: i32,
        families: i64,
        destinations: &str,
        source: &str,
    ) -> Result<Quota, FieldError> {
        if !(2000..=2100).contains(&year) {
            return Err(FieldError::new("year", msg!("v.quota.year", year)));
        }
        if !(0..=1000).contains(&families) {
            return Err(FieldError::new(
                "families",
                msg!("v.quota.families", families),
            ));
        }
        Ok(Quota {
            year,
            families,
            destinations: destinations.trim().to_string(),
            source: source.trim().to_string(),
        })
    }
}

/// How much of a year's quota is used: used = families departed in the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaStatus {
    pub year: i32,
    /// None while the province's quota is not entered.
    pub quota: Option<i64>,
    pub used: i64,
}

impl QuotaStatus {
    /// Families that may still depart this year; never negative.
    pub fn left(&self) -> Option<i64> {
        self.quota.map(|q| (q - self.used).max(0))
    }

    /// Departures beyond the quota.
    pub fn over(&self) -> i64 {
        self.quota.map_or(0, |q| (self.used - q).max(0))
    }

    /// What to tell the officer about one more departure this year, if anything. The
    /// departure is allowed either way: the province decides, the office records.
    pub fn warning_for_one_more(&self) -> Option<QuotaWarning> {
        match self.quota {
            None => Some(QuotaWarning::NoQuota { year: self.year }),
            Some(q) if self.used >= q => Some(QuotaWarning::Exceeded {
                year: self.year,
                quota: q,
                departed: self.used + 1,
            }),
            Some(_) => None,
        }
    }
}

/// A departure the office may record but should know about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaWarning {
    /// No quota is entered for the year of the departure.
    NoQuota { year: i32 },
    /// The year's departures, this one included, exceed the quota.
    Exceeded {
        year: i32,
        quota: i64,
        departed: i64,
    },
}

impl QuotaWarning {
    /// The warning, worded by the screen or command that shows it.
    pub fn msg(&self) -> Msg {
        match self {
            QuotaWarning::NoQuota { year } => msg!("v.quota.none", year),
            QuotaWarning::Exceeded {
                year,
                quota,
                departed,
            } => msg!("v.quota.exceeded", departed, year, quota),
        }
    }
}

/// In English (logs, tests); screens and commands use [`QuotaWarning::msg`].
impl std::fmt::Display for QuotaWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en())
    }
}
