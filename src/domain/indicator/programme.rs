//! The programme and activity indicators of LKjIP table 3.23, as
//! `data/programme_indicators.toml` defines them: the table's order, each indicator's
//! programme code, names, unit, whether the office's records compute it (and which) or an
//! officer enters it, its targets per year and the realisations the yearly report published.
//!
//! Entered values are kept like the IKU's external ones ([`IkuEntry`], one per indicator
//! and year, with source and date), under the indicator's key (`III.2a`).

use super::entry::{entry_year, parse_count, parse_decimal};
use super::IkuEntry;
use crate::domain::case::{Checked, FieldDef, FieldKind, FieldValues, Verdict};
use crate::domain::check::{field as def, text};
use crate::domain::date::{parse_past_date, Date};
use crate::domain::FieldError;
use crate::msg;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

/// `data/programme_indicators.toml`, embedded so the binary works from anywhere.
pub const PROGRAMME_TOML: &str = include_str!("../../../data/programme_indicators.toml");

/// The indicators an officer enters (`source = "entered"`), in the table's order; the
/// entry form offers exactly these (a test keeps them in step with the file).
pub const PROGRAMME_ENTERED_KEYS: &[&str] = &[
    "I", "II", "II.2a", "III", "III.1b", "III.1c", "III.1d", "III.2a", "III.3b", "III.3c",
    "III.3d", "IV", "IV.1b", "IV.2c", "V", "V.1b",
];

/// The entry form of a programme indicator's value, in order (the IKU entry's keys, so the
/// audit history reads alike).
pub const PROGRAMME_ENTRY_FIELDS: &[FieldDef] = &[
    def("iku_code", FieldKind::Choice(PROGRAMME_ENTERED_KEYS), true),
    def("iku_year", FieldKind::Text, true),
    def("iku_value", FieldKind::Text, true),
    def("iku_source", FieldKind::Text, true),
    def("iku_source_date", FieldKind::Date, true),
    def("iku_notes", FieldKind::Text, false),
];

/// Which records compute an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeRecords {
    /// Graduates certified / graduates of `pbk` trainings of the year × 100.
    PbkCertified,
    /// Participants of `pbk` trainings of the year.
    PbkTrained,
    /// Domestic placements (AKL + AKAD) placed in the year.
    Domestic,
    /// Placements made through the job fairs held in the year.
    JobFair,
    /// Placements abroad departing in the year.
    Overseas,
    /// Companies on record for the year with a PP or a PKB.
    PpPkb,
    /// Disputes recorded in the year that were followed up.
    DisputesResolved,
    /// Prevention facilitations of the year.
    Facilitations,
    /// Transmigrant families departed in the year.
    TransmigrantsDeparted,
}

impl ProgrammeRecords {
    pub const ALL: [ProgrammeRecords; 9] = [
        ProgrammeRecords::PbkCertified,
        ProgrammeRecords::PbkTrained,
        ProgrammeRecords::Domestic,
        ProgrammeRecords::JobFair,
        ProgrammeRecords::Overseas,
        ProgrammeRecords::PpPkb,
        ProgrammeRecords::DisputesResolved,
        ProgrammeRecords::Facilitations,
        ProgrammeRecords::TransmigrantsDeparted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProgrammeRecords::PbkCertified => "pbk_certified",
            ProgrammeRecords::PbkTrained => "pbk_trained",
            ProgrammeRecords::Domestic => "domestic",
            ProgrammeRecords::JobFair => "job_fair",
            ProgrammeRecords::Overseas => "overseas",
            ProgrammeRecords::PpPkb => "pp_pkb",
            ProgrammeRecords::DisputesResolved => "disputes_resolved",
            ProgrammeRecords::Facilitations => "facilitations",
            ProgrammeRecords::TransmigrantsDeparted => "transmigrants_departed",
        }
    }

    fn parse(s: &str) -> Option<ProgrammeRecords> {
        ProgrammeRecords::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// One indicator of table 3.23.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeDef {
    /// The program's own name for it: the program code, plus a letter for an activity's
    /// indicators (`II.1a`, `II.1b`).
    pub key: String,
    /// As the table writes it: `II`, `II.1`.
    pub program_code: String,
    pub name_id: String,
    pub name_en: String,
    /// As the table writes it: `%`, `orang`, `lembaga`, `perusahaan`, `perkara`, `KK`,
    /// `laporan`.
    pub unit: String,
    /// `None`: entered by an officer.
    pub records: Option<ProgrammeRecords>,
    pub how_id: String,
    pub how_en: String,
    pub targets: BTreeMap<i32, Decimal>,
    /// The realisations the yearly report (LKjIP) published.
    pub lkjip: BTreeMap<i32, Decimal>,
}

/// The units the table uses.
pub const UNITS: &[&str] = &[
    "%",
    "orang",
    "lembaga",
    "perusahaan",
    "perkara",
    "KK",
    "laporan",
];

impl ProgrammeDef {
    pub fn name(&self, english: bool) -> &str {
        if english {
            &self.name_en
        } else {
            &self.name_id
        }
    }

    pub fn how(&self, english: bool) -> &str {
        if english {
            &self.how_en
        } else {
            &self.how_id
        }
    }

    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }

    pub fn is_entered(&self) -> bool {
        self.records.is_none()
    }

    /// The catalog key of the unit's name (`ind.unit.orang`; `%` is `ind.unit.percent`).
    pub fn unit_key(&self) -> String {
        if self.is_percent() {
            "ind.unit.percent".into()
        } else {
            format!("ind.unit.{}", self.unit.to_lowercase())
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    key: String,
    program_code: String,
    name_id: String,
    name_en: String,
    unit: String,
    source: String,
    records: Option<String>,
    how_id: String,
    how_en: String,
    #[serde(default)]
    targets: BTreeMap<String, String>,
    #[serde(default)]
    lkjip: BTreeMap<String, String>,
}

fn by_year(
    key: &str,
    what: &str,
    raw: &BTreeMap<String, String>,
) -> Result<BTreeMap<i32, Decimal>, String> {
    let mut out = BTreeMap::new();
    for (k, v) in raw {
        let year = k
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| format!("{key}: '{k}' is not a year"))?;
        let d = Decimal::from_str(v.trim())
            .map_err(|_| format!("{key} {year}: {what} '{v}' is not a number"))?;
        if d.is_sign_negative() {
            return Err(format!("{key} {year}: a {what} cannot be negative"));
        }
        out.insert(year, d);
    }
    Ok(out)
}

impl RawIndicator {
    fn check(self) -> Result<ProgrammeDef, String> {
        let key = self.key.trim().to_string();
        if key.is_empty() {
            return Err("an indicator has no key".into());
        }
        if !UNITS.contains(&self.unit.as_str()) {
            return Err(format!(
                "{key}: unit '{}' is not one of {}",
                self.unit,
                UNITS.join(", ")
            ));
        }
        let records = match (self.source.trim(), self.records.as_deref()) {
            ("records", Some(r)) => Some(ProgrammeRecords::parse(r.trim()).ok_or_else(|| {
                format!(
                    "{key}: records '{r}' is not one of {}",
                    ProgrammeRecords::ALL.map(|r| r.as_str()).join(", ")
                )
            })?),
            ("entered", None) => None,
            _ => {
                return Err(format!(
                    "{key}: source must be records (with records = ...) or entered (without)"
                ))
            }
        };
        Ok(ProgrammeDef {
            targets: by_year(&key, "target", &self.targets)?,
            lkjip: by_year(&key, "published realisation", &self.lkjip)?,
            key,
            program_code: self.program_code.trim().to_string(),
            name_id: self.name_id,
            name_en: self.name_en,
            unit: self.unit,
            records,
            how_id: self.how_id,
            how_en: self.how_en,
        })
    }
}

/// Every indicator of table 3.23, in the table's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeDefinitions {
    pub indicators: Vec<ProgrammeDef>,
}

impl ProgrammeDefinitions {
    pub fn parse(text: &str) -> Result<ProgrammeDefinitions, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut indicators: Vec<ProgrammeDef> = Vec::new();
        for r in raw.indicator {
            let d = r.check()?;
            if indicators.iter().any(|x| x.key == d.key) {
                return Err(format!("indicator {} is defined twice", d.key));
            }
            indicators.push(d);
        }
        Ok(ProgrammeDefinitions { indicators })
    }

    /// The definitions shipped in `data/programme_indicators.toml` (a test keeps it valid).
    pub fn embedded() -> Result<&'static ProgrammeDefinitions, String> {
        static PARSED: OnceLock<Result<ProgrammeDefinitions, String>> = OnceLock::new();
        PARSED
            .get_or_init(|| {
                ProgrammeDefinitions::parse(PROGRAMME_TOML)
                    .map_err(|e| format!("data/programme_indicators.toml: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn get(&self, key: &str) -> Option<&ProgrammeDef> {
        self.indicators
            .iter()
            .find(|d| d.key.eq_ignore_ascii_case(key))
    }
}

impl IkuEntry {
    /// A programme indicator's value as typed: one of [`PROGRAMME_ENTERED_KEYS`], a year,
    /// the value (a percentage up to 100 with at most two decimals, or a whole count), its
    /// source and the source's date.
    pub fn from_programme_fields(values: &FieldValues, today: Date) -> Verdict<IkuEntry> {
        let mut c = Checked::default();
        let mut err = |f: &'static str, r: crate::i18n::Msg| c.errors.push(FieldError::new(f, r));
        let typed = text(values, "iku_code");
        let defs = ProgrammeDefinitions::embedded().ok();
        let def = defs.and_then(|d| d.get(&typed)).filter(|d| d.is_entered());
        if typed.is_empty() {
            err("iku_code", msg!("v.required_short"));
        } else if def.is_none() {
            err(
                "iku_code",
                msg!(
                    "v.ind.not_entered",
                    crate::domain::quoted(&typed),
                    PROGRAMME_ENTERED_KEYS.join(", ")
                ),
            );
        }
        let year_text = text(values, "iku_year");
        let year = match entry_year(&year_text, today) {
            Ok(y) => Some(y),
            Err(m) => {
                err("iku_year", m);
                None
            }
        };
        let value_text = text(values, "iku_value");
        let percent = def.is_some_and(|d| d.is_percent());
        // a count of people may be typed with its thousands grouped (4.812); a percent not
        let read = if percent { parse_decimal } else { parse_count };
        let value = match read(&value_text) {
            _ if value_text.is_empty() => {
                err("iku_value", msg!("v.required_short"));
                None
            }
            Ok(v) if percent && v > Decimal::ONE_HUNDRED => {
                err("iku_value", msg!("v.iku.above_100", v));
                None
            }
            Ok(v) if !percent && def.is_some() && !v.fract().is_zero() => {
                err("iku_value", msg!("v.ind.whole", v));
                None
            }
            Ok(v) => Some(if percent { v } else { v.trunc() }),
            Err(e) => {
                err("iku_value", e);
                None
            }
        };
        let source = text(values, "iku_source");
        if source.is_empty() {
            err("iku_source", msg!("v.iku.source_required"));
        }
        let date_text = text(values, "iku_source_date");
        let source_date = if date_text.is_empty() {
            err("iku_source_date", msg!("v.required_short"));
            None
        } else {
            parse_past_date(&date_text, today)
                .map_err(|e| err("iku_source_date", e))
                .ok()
        };
        let notes = text(values, "iku_notes");
        let (Some(def), Some(year), Some(value), Some(source_date), true) =
            (def, year, value, source_date, c.errors.is_empty())
        else {
            return (None, c);
        };
        (
            Some(IkuEntry {
                code: def.key.clone(),
                year,
                value,
                grade: None,
                components: None,
                source,
                source_date,
                notes,
            }),
            c,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::Fields;
    use crate::domain::refdata::simple_rows;
    use crate::domain::testing::{dec as d, map as vals};

    const PUBLISHED: &str = include_str!("../../../data/output_indicators_2024.csv");

    #[test]
    fn the_file_is_table_3_23_row_for_row() {
        let defs = ProgrammeDefinitions::embedded().unwrap();
        let rows = simple_rows(PUBLISHED);
        assert_eq!(
            rows[0],
            ["program_code", "indicator", "unit", "target", "realisation"]
        );
        assert_eq!(defs.indicators.len(), rows.len() - 1);
        for (def, row) in defs.indicators.iter().zip(&rows[1..]) {
            assert_eq!(def.program_code, row[0], "{}", def.key);
            assert!(def.key.starts_with(&def.program_code), "{}", def.key);
            assert_eq!(def.name_id, row[1], "{}", def.key);
            assert_eq!(def.unit, row[2], "{}", def.key);
            assert_eq!(def.targets[&2024], d(&row[3]), "{}", def.key);
            assert_eq!(def.lkjip[&2024], d(&row[4]), "{}", def.key);
        }
        let entered: Vec<&str> = defs
            .indicators
            .iter()
            .filter(|d| d.is_entered())
            .map(|d| d.key.as_str())
            .collect();
        assert_eq!(
            entered, PROGRAMME_ENTERED_KEYS,
            "the entry form offers these"
        );
        let trained = defs.get("II.1b").unwrap();
        assert_eq!(trained.records, Some(ProgrammeRecords::PbkTrained));
        assert_eq!(trained.unit_key(), "ind.unit.orang");
        assert_eq!(defs.get("II.1a").unwrap().unit_key(), "ind.unit.percent");
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let one = |extra: &str| {
            format!(
                "[[indicator]]\nkey = \"X\"\nprogram_code = \"X\"\nname_id = \"a\"\nname_en = \"a\"\n\
                 unit = \"orang\"\nhow_id = \"a\"\nhow_en = \"a\"\n{extra}"
            )
        };
        let ok = ProgrammeDefinitions::parse(&one(
            "source = \"records\"\nrecords = \"overseas\"\n[indicator.targets]\n2025 = \"10\"\n",
        ))
        .unwrap();
        assert_eq!(ok.indicators[0].targets[&2025], d("10"));
        for (extra, why) in [
            ("source = \"records\"\nrecords = \"cases\"\n", "not one of"),
            ("source = \"records\"\n", "source must be"),
            (
                "source = \"entered\"\n[indicator.targets]\n20x5 = \"1\"\n",
                "not a year",
            ),
            (
                "source = \"entered\"\n[indicator.lkjip]\n2024 = \"-1\"\n",
                "negative",
            ),
        ] {
            let e = ProgrammeDefinitions::parse(&one(extra)).unwrap_err();
            assert!(e.contains(why), "{extra}: {e}");
        }
        let e =
            ProgrammeDefinitions::parse(&one("source = \"entered\"\n").replace("orang", "ekor"))
                .unwrap_err();
        assert!(e.contains("unit 'ekor'"), "{e}");
    }

    fn today() -> Date {
        Date::from_ymd_opt(2025, 3, 1).unwrap()
    }

    #[test]
    fn an_entered_count_with_its_source() {
        let (e, c) = IkuEntry::from_programme_fields(
            &vals(&[
                ("iku_code", "iii.2A"),
                ("iku_year", "2024"),
                ("iku_value", "5321"),
                ("iku_source", "Laporan Karirhub Kemnaker Desember 2024"),
                ("iku_source_date", "31-12-2024"),
            ]),
            today(),
        );
        assert!(c.errors.is_empty(), "{c:?}");
        let e = e.unwrap();
        assert_eq!(
            (e.code.as_str(), e.year, e.value),
            ("III.2a", 2024, d("5321"))
        );
        let (again, _) = IkuEntry::from_programme_fields(&e.to_fields(), today());
        assert_eq!(again.unwrap(), e, "fields round-trip");
    }

    #[test]
    fn wrong_values_are_refused_field_by_field() {
        let case = |pairs: &[(&str, &str)], field: &str, why: &str| {
            let mut v = vals(&[
                ("iku_code", "II.2a"),
                ("iku_year", "2024"),
                ("iku_value", "46"),
                ("iku_source", "Daftar LPKS 2024"),
                ("iku_source_date", "2024-12-31"),
            ]);
            for (k, x) in pairs {
                v.insert(k.to_string(), x.to_string());
            }
            let (e, c) = IkuEntry::from_programme_fields(&v, today());
            assert!(e.is_none(), "{pairs:?}");
            assert!(
                c.errors
                    .iter()
                    .any(|x| x.field == field && x.reason.en().contains(why)),
                "{pairs:?}: {c:?}"
            );
        };
        case(&[("iku_code", "II.1b")], "iku_code", "entered by hand");
        case(&[("iku_code", "IKU2")], "iku_code", "entered by hand");
        case(&[("iku_value", "46.5")], "iku_value", "whole number");
        case(
            &[("iku_code", "IV"), ("iku_value", "101")],
            "iku_value",
            "above 100",
        );
        case(&[("iku_value", "")], "iku_value", "required");
        case(
            &[("iku_source", "")],
            "iku_source",
            "where the number comes from",
        );
        case(&[("iku_year", "2026")], "iku_year", "between 2000 and 2025");
        // A percentage keeps its decimals.
        let (e, _) = IkuEntry::from_programme_fields(
            &vals(&[
                ("iku_code", "IV"),
                ("iku_year", "2024"),
                ("iku_value", "52,63"),
                ("iku_source", "Data kepatuhan"),
                ("iku_source_date", "2024-12-31"),
            ]),
            today(),
        );
        assert_eq!(e.unwrap().value, d("52.63"));
    }
}
