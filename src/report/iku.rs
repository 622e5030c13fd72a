//! The arithmetic every indicator (IKU) shares: a ratio as a percentage, achievement
//! (capaian) against a target, and the predicate of table 3.1. Exact decimals throughout,
//! never floating point: a figure printed in the yearly report must come out the same on
//! every machine, and 82.555 must not become 82.55 by binary accident.

use rust_decimal::{Decimal, RoundingStrategy};

/// Percentages are shown and compared with two decimals.
const DECIMALS: u32 = 2;

/// Round half away from zero ("half-up", as the report does) to two decimals, and always
/// keep two decimals so 103.2 prints as 103.20.
pub fn round2(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(DECIMALS, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(DECIMALS);
    r
}

/// A count over a count, e.g. employed participants / participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    pub numerator: i64,
    pub denominator: i64,
}

impl Ratio {
    pub fn new(numerator: i64, denominator: i64) -> Ratio {
        Ratio {
            numerator,
            denominator,
        }
    }

    /// numerator / denominator × 100, rounded half-up to two decimals; `None` when the
    /// denominator is 0 (0 / 0 has no value: not 0 %, not 100 %).
    pub fn value(&self) -> Option<Decimal> {
        if self.denominator == 0 {
            return None;
        }
        // Integer arithmetic in hundredths of a percent, so the rounding is exact.
        let n = i128::from(self.numerator) * 10_000;
        let d = i128::from(self.denominator);
        let (q, r) = (n / d, n % d);
        let away = if 2 * r.abs() >= d.abs() {
            if (n < 0) != (d < 0) {
                -1
            } else {
                1
            }
        } else {
            0
        };
        Some(Decimal::from_i128_with_scale(q + away, DECIMALS))
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.numerator, self.denominator)
    }
}

/// Whether a higher realisation is better (most indicators) or a lower one (TPT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    Positive,
    Negative,
}

impl Polarity {
    /// `positive` / `negative` as `data/iku.csv` writes them.
    pub fn parse(s: &str) -> Result<Polarity, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "positive" | "positif" | "+" => Ok(Polarity::Positive),
            "negative" | "negatif" | "-" => Ok(Polarity::Negative),
            other => Err(format!("'{other}' is not positive or negative")),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

/// Achievement (capaian) in percent, two decimals: realisation / target × 100 where higher
/// is better, (2 − realisation / target) × 100 where lower is better. `None` when the target
/// is 0 (or the numbers are too large to divide exactly).
pub fn capaian(realisation: Decimal, target: Decimal, polarity: Polarity) -> Option<Decimal> {
    if target.is_zero() {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let share = realisation.checked_mul(hundred)?.checked_div(target)?;
    let pct = match polarity {
        Polarity::Positive => share,
        Polarity::Negative => Decimal::TWO.checked_mul(hundred)?.checked_sub(share)?,
    };
    Some(round2(pct))
}

/// The predicate of an achievement (table 3.1), as bands without gaps; above 100 is still
/// Sangat Tinggi.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Predicate {
    SangatTinggi,
    Tinggi,
    Sedang,
    Rendah,
    SangatRendah,
}

impl Predicate {
    pub const ALL: &'static [Predicate] = &[
        Predicate::SangatTinggi,
        Predicate::Tinggi,
        Predicate::Sedang,
        Predicate::Rendah,
        Predicate::SangatRendah,
    ];

    /// The lowest achievement in the band (`None` for Sangat Rendah: anything below 51).
    pub fn lower_bound(&self) -> Option<Decimal> {
        let n = match self {
            Predicate::SangatTinggi => 91,
            Predicate::Tinggi => 76,
            Predicate::Sedang => 66,
            Predicate::Rendah => 51,
            Predicate::SangatRendah => return None,
        };
        Some(Decimal::from(n))
    }

    /// ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah, below Sangat Rendah.
    pub fn from_capaian(capaian: Decimal) -> Predicate {
        Predicate::ALL
            .iter()
            .copied()
            .find(|p| p.lower_bound().is_none_or(|low| capaian >= low))
            .unwrap_or(Predicate::SangatRendah)
    }

    /// As the report names it.
    pub fn name_id(&self) -> &'static str {
        match self {
            Predicate::SangatTinggi => "Sangat Tinggi",
            Predicate::Tinggi => "Tinggi",
            Predicate::Sedang => "Sedang",
            Predicate::Rendah => "Rendah",
            Predicate::SangatRendah => "Sangat Rendah",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            Predicate::SangatTinggi => "Very high",
            Predicate::Tinggi => "High",
            Predicate::Sedang => "Medium",
            Predicate::Rendah => "Low",
            Predicate::SangatRendah => "Very low",
        }
    }
}

impl std::fmt::Display for Predicate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_id())
    }
}

/// An indicator's realisation for a year: computed from records (with its ratio) or entered
/// (without); when there is no value, the reason says why in an officer's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorValue {
    pub ratio: Option<Ratio>,
    pub value: Option<Decimal>,
    pub reason_if_none: Option<String>,
}

impl IndicatorValue {
    /// The ratio's value; `reason_if_zero` explains a 0 denominator.
    pub fn from_ratio(ratio: Ratio, reason_if_zero: impl Into<String>) -> IndicatorValue {
        let value = ratio.value();
        IndicatorValue {
            ratio: Some(ratio),
            value,
            reason_if_none: value.is_none().then(|| reason_if_zero.into()),
        }
    }

    /// A value that comes from outside (BPS, the SAKIP evaluation), kept with two decimals.
    pub fn entered(value: Decimal) -> IndicatorValue {
        IndicatorValue {
            ratio: None,
            value: Some(round2(value)),
            reason_if_none: None,
        }
    }

    /// Achievement against a target; `None` when there is no value.
    pub fn capaian(&self, target: Decimal, polarity: Polarity) -> Option<Decimal> {
        capaian(self.value?, target, polarity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::dec as d;

    #[test]
    fn published_ratios() {
        assert_eq!(Ratio::new(284, 344).value().unwrap().to_string(), "82.56");
        assert_eq!(Ratio::new(130, 170).value().unwrap().to_string(), "76.47");
        assert_eq!(Ratio::new(344, 344).value().unwrap().to_string(), "100.00");
        assert_eq!(Ratio::new(0, 7).value().unwrap().to_string(), "0.00");
        assert_eq!(Ratio::new(0, 0).value(), None);
        assert_eq!(Ratio::new(284, 344).to_string(), "284 / 344");
    }

    #[test]
    fn ratios_round_half_up_exactly() {
        // 1/8 = 12.5 % exactly; 1/800 = 0.125 % → 0.13 (half-up), 1/1600 = 0.0625 → 0.06
        assert_eq!(Ratio::new(1, 800).value(), Some(d("0.13")));
        assert_eq!(Ratio::new(1, 1600).value(), Some(d("0.06")));
        assert_eq!(Ratio::new(2, 3).value(), Some(d("66.67")));
        assert_eq!(Ratio::new(1, 3).value(), Some(d("33.33")));
        assert_eq!(Ratio::new(-1, 800).value(), Some(d("-0.13")));
        assert_eq!(
            Ratio::new(i64::MAX, i64::MAX).value(),
            Some(d("100")),
            "no overflow"
        );
    }

    #[test]
    fn capaian_of_the_2024_report() {
        let p = Polarity::Positive;
        let c = capaian(d("82.56"), d("80"), p).unwrap();
        assert_eq!(c.to_string(), "103.20");
        assert_eq!(capaian(d("72.36"), d("73.67"), p), Some(d("98.22")));
        assert_eq!(capaian(d("72.70"), d("81"), p), Some(d("89.75")));
        assert_eq!(capaian(d("1"), d("0"), p), None);
    }

    #[test]
    fn capaian_where_lower_is_better() {
        let n = Polarity::Negative;
        // TPT 4.77 against a target of 5.00: (2 - 0.954) x 100
        assert_eq!(capaian(d("4.77"), d("5.00"), n), Some(d("104.60")));
        // 5.45 against 4.91: (2 - 1.10997...) x 100 = 89.00 (89.0020...)
        assert_eq!(capaian(d("5.45"), d("4.91"), n), Some(d("89.00")));
        // on target is 100 either way
        assert_eq!(capaian(d("4.77"), d("4.77"), n), Some(d("100.00")));
        // far worse than the target goes below zero: honest, and Sangat Rendah
        let bad = capaian(d("12"), d("5"), n).unwrap();
        assert_eq!(bad, d("-40.00"));
        assert_eq!(Predicate::from_capaian(bad), Predicate::SangatRendah);
    }

    #[test]
    fn predicate_bands_have_no_gaps() {
        let p = |s: &str| Predicate::from_capaian(d(s));
        use Predicate::*;
        for (capaian, band) in [
            ("90.99", Tinggi),
            ("91", SangatTinggi),
            ("100.01", SangatTinggi),
            ("103.20", SangatTinggi),
            ("76", Tinggi),
            ("75.99", Sedang),
            ("75.5", Sedang),
            ("66", Sedang),
            ("65.99", Rendah),
            ("51", Rendah),
            ("50.99", SangatRendah),
            ("0", SangatRendah),
        ] {
            assert_eq!(p(capaian), band, "{capaian}");
        }
        assert_eq!(p("89.75").name_id(), "Tinggi");
        assert_eq!(Predicate::SangatTinggi.name_en(), "Very high");
    }

    #[test]
    fn predicate_names_match_the_published_table() {
        let rows = crate::domain::refdata::simple_rows(crate::domain::refdata::PREDICATES_CSV);
        for (row, p) in rows[1..].iter().zip(Predicate::ALL) {
            assert_eq!(row[2], p.name_id());
            assert_eq!(row[3], p.name_en());
            if let Some(low) = p.lower_bound() {
                assert_eq!(d(&row[0]), low);
            }
        }
    }

    #[test]
    fn an_empty_year_has_no_value_and_says_why() {
        let v = IndicatorValue::from_ratio(Ratio::new(0, 0), "no participants");
        assert_eq!(v.value, None);
        assert_eq!(v.reason_if_none.as_deref(), Some("no participants"));
        assert_eq!(v.capaian(d("80"), Polarity::Positive), None);
        let v = IndicatorValue::from_ratio(Ratio::new(284, 344), "unused");
        assert_eq!(v.reason_if_none, None);
        assert_eq!(v.capaian(d("80"), Polarity::Positive), Some(d("103.20")));
        assert_eq!(
            IndicatorValue::entered(d("72.7"))
                .value
                .unwrap()
                .to_string(),
            "72.70"
        );
        assert_eq!(Polarity::parse("negative").unwrap(), Polarity::Negative);
    }
}
