//! Trainings (Pelatihan): the program a group of job seekers follows (scheme, type, year,
//! funding source, provider, dates, quota, budget), and in [`trainee`] the participants and
//! what became of them. The type says whether IKU1 counts the training: the report counts it
//! over competency-based trainings and domestic apprenticeships, and reports the
//! entrepreneurship trainings apart.

mod trainee;

pub use trainee::{Employment, Trainee, VerifiedHow, TRAINEE_FIELDS};

use super::case::{Checked, FieldDef, FieldKind, FieldValues, Fields, Verdict};
use super::check::{self, field, text};
use super::date::{iso, parse_date, Date};
use super::{FieldError, Money};
use crate::i18n::Msg;
use crate::msg;
use chrono::Datelike;
use std::collections::BTreeMap;

/// Who pays for a training. The report names DBHCHT (tobacco-excise revenue share) and DAU
/// (general allocation); any other source is kept as the officer wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FundingSource {
    Dbhcht,
    Dau,
    Apbd,
    Apbn,
    Other(String),
}

impl FundingSource {
    /// The named sources, in the order the form offers them.
    pub const NAMED: &'static [&'static str] = &["DBHCHT", "DAU", "APBD", "APBN"];

    /// Any non-empty text; the four named sources in any case.
    pub fn parse(input: &str) -> Result<FundingSource, Msg> {
        let t = collapse_spaces(input);
        if t.is_empty() {
            return Err(msg!("v.funding.required"));
        }
        if t.chars().count() > 100 {
            return Err(msg!("v.funding.too_long"));
        }
        Ok(match t.to_ascii_uppercase().as_str() {
            "DBHCHT" => FundingSource::Dbhcht,
            "DAU" => FundingSource::Dau,
            "APBD" => FundingSource::Apbd,
            "APBN" => FundingSource::Apbn,
            _ => FundingSource::Other(t),
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            FundingSource::Dbhcht => "DBHCHT",
            FundingSource::Dau => "DAU",
            FundingSource::Apbd => "APBD",
            FundingSource::Apbn => "APBN",
            FundingSource::Other(s) => s,
        }
    }
}

impl std::fmt::Display for FundingSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of training it is. IKU1 counts the participants of the types `data/indicators.toml`
/// names for it (`pbk` and `pemagangan`); the entrepreneurship trainings are reported apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum TrainingType {
    /// Pelatihan berbasis kompetensi (competency-based, to SKKNI, with a BNSP certificate).
    #[default]
    Pbk,
    /// Pemagangan dalam negeri (domestic apprenticeship).
    Pemagangan,
    /// Pelatihan kewirausahaan (entrepreneurship).
    Kewirausahaan,
    /// Any other training.
    Lainnya,
}

impl TrainingType {
    pub const ALL: [TrainingType; 4] = [
        TrainingType::Pbk,
        TrainingType::Pemagangan,
        TrainingType::Kewirausahaan,
        TrainingType::Lainnya,
    ];

    /// The stored and typed words, in the form's order.
    pub const WORDS: &'static [&'static str] = &["pbk", "pemagangan", "kewirausahaan", "lainnya"];

    pub fn as_str(self) -> &'static str {
        match self {
            TrainingType::Pbk => "pbk",
            TrainingType::Pemagangan => "pemagangan",
            TrainingType::Kewirausahaan => "kewirausahaan",
            TrainingType::Lainnya => "lainnya",
        }
    }

    /// One of the four words, any case; empty is `pbk` (what a training was before types).
    pub fn parse(input: &str) -> Result<TrainingType, Msg> {
        let t = input.trim().to_lowercase();
        if t.is_empty() {
            return Ok(TrainingType::Pbk);
        }
        TrainingType::ALL
            .into_iter()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| {
                msg!(
                    "v.training.type",
                    crate::domain::quoted(input.trim()),
                    TrainingType::WORDS.join(", ")
                )
            })
    }

    /// The catalog key of its name (`trainings.type.pbk`); `trainings.type_short.pbk` is the
    /// list's short form.
    pub fn label_key(self) -> &'static str {
        match self {
            TrainingType::Pbk => "trainings.type.pbk",
            TrainingType::Pemagangan => "trainings.type.pemagangan",
            TrainingType::Kewirausahaan => "trainings.type.kewirausahaan",
            TrainingType::Lainnya => "trainings.type.lainnya",
        }
    }

    pub fn short_key(self) -> &'static str {
        match self {
            TrainingType::Pbk => "trainings.type_short.pbk",
            TrainingType::Pemagangan => "trainings.type_short.pemagangan",
            TrainingType::Kewirausahaan => "trainings.type_short.kewirausahaan",
            TrainingType::Lainnya => "trainings.type_short.lainnya",
        }
    }
}

impl std::fmt::Display for TrainingType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an import names a training: scheme, year and (if given) funding source.
pub type TrainingKey = (String, i32, Option<FundingSource>);

/// A training program as the program keeps it. Dates may be unknown for a training that an
/// import created from its name and year alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Training {
    pub scheme: String,
    pub training_type: TrainingType,
    pub year: i32,
    pub funding_source: FundingSource,
    pub provider: String,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub quota: Option<u32>,
    pub budget: Option<Money>,
}

/// The training's fields in form order.
pub const TRAINING_FIELDS: &[FieldDef] = &[
    field("scheme", FieldKind::Text, true),
    field("year", FieldKind::Text, true),
    // Text, not a choice: a source other than the four named ones is allowed.
    field("funding_source", FieldKind::Text, true),
    field("provider", FieldKind::Text, false),
    field("start_date", FieldKind::Date, false),
    field("end_date", FieldKind::Date, false),
    field("quota", FieldKind::Text, false),
    field("budget", FieldKind::Money, false),
    // Last, so the fields officers type every time keep their place; empty is `pbk`.
    field(
        "training_type",
        FieldKind::Choice(TrainingType::WORDS),
        false,
    ),
];

/// Trim and collapse runs of white space, so "Barista  " and "Barista" name one scheme.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A training year: a whole number no earlier than 2000 and no later than next year.
pub fn parse_year(input: &str, today: Date) -> Result<i32, Msg> {
    let t = input.trim();
    if t.is_empty() {
        return Err(msg!("v.year.required"));
    }
    let y: i32 = t
        .parse()
        .map_err(|_| msg!("v.year.invalid", crate::domain::quoted(t)))?;
    let last = today.year() + 1;
    if !(2000..=last).contains(&y) {
        return Err(msg!("v.year.range", y, 2000, last));
    }
    Ok(y)
}

impl Training {
    /// The training's name and year as an import names it (`training`, `year`,
    /// `funding_source`), without the other fields.
    pub fn key_from_fields(
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> (Option<TrainingKey>, Vec<FieldError>) {
        let mut errors = Vec::new();
        let name = collapse_spaces(&text(values, "training"));
        check::name(
            &mut errors,
            "training",
            &name,
            msg!("v.training.required"),
            msg!("v.training.too_long"),
        );
        let year = parse_year(&text(values, "year"), today)
            .map_err(|e| errors.push(FieldError::new("year", e)))
            .ok();
        let funding = check::optional(
            &mut errors,
            "funding_source",
            &text(values, "funding_source"),
            FundingSource::parse,
        );
        match year {
            Some(y) if errors.is_empty() => (Some((name, y, funding)), errors),
            _ => (None, errors),
        }
    }

    /// A training with only its identity, as an import creates it (a `pbk` training; set
    /// `training_type` for another).
    pub fn new(scheme: &str, year: i32, funding_source: FundingSource) -> Training {
        Training {
            scheme: collapse_spaces(scheme),
            training_type: TrainingType::Pbk,
            year,
            funding_source,
            provider: String::new(),
            start_date: None,
            end_date: None,
            quota: None,
            budget: None,
        }
    }

    /// Build a training from field values as typed (form or CSV); `training` is accepted as
    /// another name for `scheme`.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<Training> {
        let mut c = Checked::default();
        let mut scheme = collapse_spaces(&text(values, "scheme"));
        if scheme.is_empty() {
            scheme = collapse_spaces(&text(values, "training"));
        }
        check::name(
            &mut c.errors,
            "scheme",
            &scheme,
            msg!("v.scheme.required"),
            msg!("v.too_long_200"),
        );
        let year = parse_year(&text(values, "year"), today)
            .map_err(|e| c.errors.push(FieldError::new("year", e)))
            .ok();
        let funding = FundingSource::parse(&text(values, "funding_source"))
            .map_err(|e| c.errors.push(FieldError::new("funding_source", e)))
            .ok();
        let training_type = TrainingType::parse(&text(values, "training_type"))
            .map_err(|e| c.errors.push(FieldError::new("training_type", e)))
            .ok();
        let provider = collapse_spaces(&text(values, "provider"));
        if provider.chars().count() > 200 {
            c.errors
                .push(FieldError::new("provider", msg!("v.too_long_200")));
        }
        let mut date =
            |key: &'static str| check::optional(&mut c.errors, key, &text(values, key), parse_date);
        let start_date = date("start_date");
        let end_date = date("end_date");
        if let (Some(s), Some(e)) = (start_date, end_date) {
            if e < s {
                c.errors.push(FieldError::new(
                    "end_date",
                    msg!("v.training.end_before_start", iso(e), iso(s)),
                ));
            }
        }
        if let (Some(s), Some(y)) = (start_date, year) {
            if s.year() != y {
                c.warnings.push(FieldError::new(
                    "start_date",
                    msg!("v.training.start_year", s.year(), y),
                ));
            }
        }
        let quota = match text(values, "quota").as_str() {
            "" => None,
            q => match q.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    c.errors.push(FieldError::new(
                        "quota",
                        msg!("v.quota.invalid", crate::domain::quoted(q)),
                    ));
                    None
                }
            },
        };
        let budget = check::optional(
            &mut c.errors,
            "budget",
            &text(values, "budget"),
            Money::parse,
        );
        match (year, funding, training_type) {
            (Some(year), Some(funding_source), Some(training_type)) => c.verdict(Training {
                scheme,
                training_type,
                year,
                funding_source,
                provider,
                start_date,
                end_date,
                quota,
                budget,
            }),
            _ => (None, c),
        }
    }
}

impl Fields for Training {
    /// Every field as text, keyed like the form (for forms, audit history, export).
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("scheme", self.scheme.clone()),
            ("year", self.year.to_string()),
            ("funding_source", self.funding_source.as_str().to_string()),
            ("provider", self.provider.clone()),
            ("start_date", check::date_text(self.start_date)),
            ("end_date", check::date_text(self.end_date)),
            (
                "quota",
                self.quota.map(|q| q.to_string()).unwrap_or_default(),
            ),
            ("budget", self.budget.map(|m| m.plain()).unwrap_or_default()),
            ("training_type", self.training_type.as_str().to_string()),
        ])
    }
}

impl Training {
    /// The first day a result of the training can be counted: its end, else its start, else
    /// the first day of its year.
    pub fn outcome_from(&self) -> Date {
        self.end_date
            .or(self.start_date)
            .or_else(|| Date::from_ymd_opt(self.year, 1, 1))
            .unwrap_or(Date::MIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{kept, map, refused, today, with};

    fn good() -> BTreeMap<String, String> {
        map(&[
            ("scheme", "  Barista   (Mocktail and Coffee) "),
            ("year", "2024"),
            ("funding_source", "dbhcht"),
            ("provider", "LPK Kopi Blitar"),
            ("start_date", "01/07/2024"),
            ("end_date", "2024-07-12"),
            ("quota", "20"),
            ("budget", "Rp 85.500.000,50"),
        ])
    }

    #[test]
    fn a_good_training_is_normalised() {
        let (t, c) = Training::from_fields(&good(), today());
        assert!(c.errors.is_empty() && c.warnings.is_empty(), "{c:?}");
        let t = t.unwrap();
        assert_eq!(t.scheme, "Barista (Mocktail and Coffee)");
        assert_eq!(t.funding_source, FundingSource::Dbhcht);
        assert_eq!(t.budget.unwrap().plain(), "85500000.5");
        let f = t.to_fields();
        assert_eq!(f["start_date"], "2024-07-01");
        assert_eq!(f["funding_source"], "DBHCHT");
        let (again, _) = Training::from_fields(&f, today());
        assert_eq!(again.unwrap(), t);
        assert_eq!(t.outcome_from(), Date::from_ymd_opt(2024, 7, 12).unwrap());
    }

    #[test]
    fn other_funding_sources_are_kept_as_written() {
        assert_eq!(
            FundingSource::parse(" Dana  Desa ").unwrap(),
            FundingSource::Other("Dana Desa".into())
        );
        assert_eq!(FundingSource::parse("apbn").unwrap(), FundingSource::Apbn);
        assert!(FundingSource::parse("  ").is_err());
    }

    #[test]
    fn end_before_start_and_every_other_problem_is_reported() {
        let v = with(
            good(),
            &[
                ("end_date", "2024-06-30"),
                ("quota", "-3"),
                ("budget", "lots"),
                ("year", "2031"),
                ("funding_source", ""),
                ("scheme", ""),
            ],
        );
        let c = refused(Training::from_fields(&v, today()));
        let fields: Vec<_> = c.errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "scheme",
                "year",
                "funding_source",
                "end_date",
                "quota",
                "budget"
            ]
        );
    }

    #[test]
    fn a_start_in_another_year_is_a_warning() {
        let v = with(good(), &[("start_date", "2023-12-20")]);
        let c = kept(Training::from_fields(&v, today()));
        assert_eq!(c.warnings[0].field, "start_date");
    }

    #[test]
    fn dates_are_optional_and_results_count_from_the_year() {
        let t = Training::new("Barber", 2023, FundingSource::Dau);
        assert_eq!(t.outcome_from(), Date::from_ymd_opt(2023, 1, 1).unwrap());
    }

    #[test]
    fn a_training_has_a_type_pbk_unless_it_says_another() {
        let (t, _) = Training::from_fields(&good(), today());
        assert_eq!(t.unwrap().training_type, TrainingType::Pbk);
        let v = with(good(), &[("training_type", " Kewirausahaan ")]);
        let (t, c) = Training::from_fields(&v, today());
        let t = t.unwrap();
        assert_eq!(t.training_type, TrainingType::Kewirausahaan);
        assert!(c.errors.is_empty());
        assert_eq!(t.to_fields()["training_type"], "kewirausahaan");
        assert_eq!(Training::from_fields(&t.to_fields(), today()).0.unwrap(), t);
        let c = refused(Training::from_fields(
            &with(good(), &[("training_type", "magang")]),
            today(),
        ));
        assert_eq!(c.errors[0].field, "training_type");
        assert_eq!(
            c.errors[0].reason.en(),
            "'magang' is not a training type (pbk, pemagangan, kewirausahaan, lainnya)"
        );
        for k in TrainingType::ALL {
            assert_eq!(TrainingType::parse(&k.as_str().to_uppercase()), Ok(k));
        }
    }

    #[test]
    fn an_import_key() {
        let v = map(&[("training", " Hair  Styling"), ("year", "2024")]);
        let (k, e) = Training::key_from_fields(&v, today());
        assert!(e.is_empty());
        assert_eq!(k, Some(("Hair Styling".to_string(), 2024, None)));
        let v = map(&[("training", ""), ("year", "20x4")]);
        let (k, e) = Training::key_from_fields(&v, today());
        assert!(k.is_none());
        assert_eq!(e.len(), 2);
    }
}
