//! Numbers as each language writes them on screen: Indonesian `3.727` and `72,36`, English
//! `3,727` and `72.36`. One formatter for counts, one for decimals (and percentages).
//! CSV, JSON and the command line keep `.` decimals without grouping: they never come here.

use super::Lang;
use rust_decimal::Decimal;

impl Lang {
    /// The separator between groups of three digits.
    fn group_sep(self) -> char {
        match self {
            Lang::Id => '.',
            Lang::En => ',',
        }
    }

    /// The decimal separator.
    fn decimal_sep(self) -> char {
        match self {
            Lang::Id => ',',
            Lang::En => '.',
        }
    }

    /// A count: `3.727` (Indonesian), `3,727` (English).
    pub fn count(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let grouped = self.group(&digits);
        if n < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }

    /// A decimal with the places it carries: `72,36` / `72.36`, `1.234,5` / `1,234.5`.
    pub fn decimal(self, d: Decimal) -> String {
        let plain = d.to_string();
        let (sign, body) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let mut out = format!("{sign}{}", self.group(int));
        if let Some(f) = frac {
            out.push(self.decimal_sep());
            out.push_str(f);
        }
        out
    }

    /// A decimal rounded to `places` (half away from zero, as the reports round).
    pub fn decimal_places(self, d: Decimal, places: u32) -> String {
        let mut r =
            d.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        r.rescale(places);
        self.decimal(r)
    }

    /// A percentage with two places: `66,67%` / `66.67%`.
    pub fn percent(self, d: Decimal) -> String {
        format!("{}%", self.decimal_places(d, 2))
    }

    /// A text the reports wrote with `.` decimals (`72.36*`, `A/81.00`, `284/344`) as this
    /// language writes it: in Indonesian a point between two digits becomes a comma.
    pub fn decimals_in(self, text: &str) -> String {
        if self == Lang::En {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let between_digits = c == '.'
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            out.push(if between_digits { ',' } else { c });
        }
        out
    }

    fn group(self, digits: &str) -> String {
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(self.group_sep());
            }
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn counts_group_by_language() {
        assert_eq!(Lang::Id.count(3727), "3.727");
        assert_eq!(Lang::En.count(3727), "3,727");
        assert_eq!(Lang::Id.count(1_234_567), "1.234.567");
        assert_eq!(Lang::En.count(1_234_567), "1,234,567");
        assert_eq!(Lang::Id.count(999), "999");
        assert_eq!(Lang::Id.count(0), "0");
        assert_eq!(Lang::Id.count(-4500), "-4.500");
        assert_eq!(Lang::En.count(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn decimals_and_percentages_by_language() {
        assert_eq!(Lang::Id.decimal(d("72.36")), "72,36");
        assert_eq!(Lang::En.decimal(d("72.36")), "72.36");
        assert_eq!(Lang::Id.decimal(d("1234.5")), "1.234,5");
        assert_eq!(Lang::En.decimal(d("1234.5")), "1,234.5");
        assert_eq!(Lang::Id.decimal(d("-0.50")), "-0,50");
        assert_eq!(Lang::Id.decimal(d("7")), "7");
        assert_eq!(Lang::Id.percent(d("66.666666")), "66,67%");
        assert_eq!(Lang::En.percent(d("66.666666")), "66.67%");
        assert_eq!(Lang::Id.percent(d("0")), "0,00%");
        assert_eq!(Lang::En.percent(d("100")), "100.00%");
        assert_eq!(Lang::Id.decimal_places(d("82.555"), 2), "82,56");
        assert_eq!(Lang::En.decimal_places(d("20"), 2), "20.00");
    }

    #[test]
    fn report_texts_take_the_language_decimals() {
        assert_eq!(Lang::Id.decimals_in("72.36*"), "72,36*");
        assert_eq!(Lang::Id.decimals_in("A/81.00"), "A/81,00");
        assert_eq!(Lang::Id.decimals_in("284/344"), "284/344");
        assert_eq!(Lang::Id.decimals_in("IKU3. 1.5"), "IKU3. 1,5");
        assert_eq!(Lang::En.decimals_in("72.36*"), "72.36*");
    }
}
