//! Rupiah amounts as exact decimals. Never floating point.

use crate::i18n::Msg;
use crate::msg;
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(pub Decimal);

impl Money {
    /// Accepts `1500000`, `1500000.50`, `1.500.000` (Indonesian thousands dots),
    /// `1.500.000,50`, `Rp 1.500.000` and `1,500,000.50`.
    pub fn parse(input: &str) -> Result<Money, Msg> {
        let s: String = input
            .trim()
            .trim_start_matches("Rp")
            .trim_start_matches("rp")
            .trim_start_matches("IDR")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect();
        if s.is_empty() {
            return Err(msg!("v.money.empty"));
        }
        let last_dot = s.rfind('.');
        let last_comma = s.rfind(',');
        let normalised = match (last_dot, last_comma) {
            (None, None) => s.clone(),
            // both present: the one written last is the decimal mark
            (Some(d), Some(c)) if c > d => s.replace('.', "").replace(',', "."),
            (Some(_), Some(_)) => s.replace(',', ""),
            (None, Some(_)) if s.matches(',').count() > 1 => s.replace(',', ""),
            (None, Some(_)) => s.replace(',', "."),
            (Some(_), None) if s.matches('.').count() > 1 => s.replace('.', ""),
            (Some(d), None) if s.len() - d - 1 == 3 => s.replace('.', ""),
            (Some(_), None) => s.clone(),
        };
        let d = Decimal::from_str(&normalised)
            .map_err(|_| msg!("v.money.invalid", crate::domain::quoted(input)))?;
        if d.is_sign_negative() {
            return Err(msg!("v.money.negative"));
        }
        Ok(Money(d))
    }

    /// Plain form for storage and CSV: `1500000.50`, no grouping.
    pub fn plain(&self) -> String {
        self.0.normalize().to_string()
    }

    /// Indonesian display form: `Rp 1.500.000,50`.
    pub fn display_id(&self) -> String {
        let s = self.0.round_dp(2).normalize().to_string();
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (s.clone(), None),
        };
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        match frac {
            Some(f) => format!("Rp {grouped},{f}"),
            None => format!("Rp {grouped}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_officers_type() {
        assert_eq!(Money::parse("1500000").unwrap().plain(), "1500000");
        assert_eq!(Money::parse("1.500.000").unwrap().plain(), "1500000");
        assert_eq!(
            Money::parse("Rp 1.500.000,50").unwrap().plain(),
            "1500000.5"
        );
        assert_eq!(Money::parse("1,500,000.25").unwrap().plain(), "1500000.25");
        assert_eq!(
            Money::parse("9715578191.07").unwrap().plain(),
            "9715578191.07"
        );
        assert!(Money::parse("abc").is_err());
        assert!(Money::parse("-5").is_err());
    }

    #[test]
    fn displays_with_indonesian_grouping() {
        assert_eq!(
            Money::parse("11421720600").unwrap().display_id(),
            "Rp 11.421.720.600"
        );
        assert_eq!(
            Money::parse("1500000.5").unwrap().display_id(),
            "Rp 1.500.000,5"
        );
    }
}
