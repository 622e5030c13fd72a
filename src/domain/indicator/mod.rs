//! The indicators (IKU) the office reports on, as `data/indicators.toml` defines them: code,
//! names in Indonesian and English, formula, unit, polarity, where the number comes from
//! (the office's records, or a value entered from outside), and targets per year.
//!
//! The file is embedded; the office edits it for a later year's targets and ships it with the
//! program, like the other reference data.

mod entry;
mod programme;

pub use entry::{
    sakip_grade_for, IkuEntry, SakipComponent, ENTERED_CODES, ENTRY_FIELDS, SAKIP_COMPONENTS,
    SAKIP_GRADES,
};
pub use programme::{
    ProgrammeDef, ProgrammeDefinitions, ProgrammeRecords, PROGRAMME_ENTERED_KEYS,
    PROGRAMME_ENTRY_FIELDS, PROGRAMME_TOML,
};

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

/// `data/indicators.toml`, embedded so the binary works from anywhere.
pub const INDICATORS_TOML: &str = include_str!("../../../data/indicators.toml");

/// What an indicator is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Score,
}

/// Which records compute an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// Training participants and their employment after training (IKU1).
    Trainees,
    /// Industrial disputes (IKU3).
    Disputes,
}

/// How an external value is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A percentage published by BPS (TPAK, TPT).
    Rate,
    /// The SAKIP evaluation: score, grade and its four component scores.
    Sakip,
}

/// Where an indicator's realisation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Records(RecordKind),
    External(EntryKind),
}

/// One indicator as defined in `data/indicators.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorDef {
    pub code: String,
    /// `tujuan` (a goal of the district) or `sasaran` (an objective of the office).
    pub level: String,
    pub name_id: String,
    pub name_en: String,
    pub formula_id: String,
    pub formula_en: String,
    /// What the numerator and denominator count, for indicators computed from records.
    pub numerator: Option<(String, String)>,
    pub denominator: Option<(String, String)>,
    /// A stricter share shown beside the realisation, its name and formula (IKU3: "PB tepat
    /// waktu", which its name describes while its formula counts every dispute followed up).
    pub beside_name: Option<(String, String)>,
    pub beside_formula: Option<(String, String)>,
    pub unit: Unit,
    pub higher_is_better: bool,
    pub source: Source,
    pub source_id: String,
    pub source_en: String,
    pub targets: BTreeMap<i32, Decimal>,
    /// Grade targets (SAKIP: "A" for 2024).
    pub target_grades: BTreeMap<i32, String>,
    /// The training types whose participants the indicator counts (IKU1); empty for the
    /// others.
    pub training_types: Vec<crate::domain::training::TrainingType>,
}

impl IndicatorDef {
    pub fn name(&self, english: bool) -> &str {
        if english {
            &self.name_en
        } else {
            &self.name_id
        }
    }

    pub fn formula(&self, english: bool) -> &str {
        if english {
            &self.formula_en
        } else {
            &self.formula_id
        }
    }

    /// The formula of the share beside the realisation, named: "PB tepat waktu = ...".
    pub fn beside_formula(&self, english: bool) -> Option<String> {
        let (name, formula) = (self.beside_name.as_ref()?, self.beside_formula.as_ref()?);
        Some(if english {
            format!("{} = {}", name.1, formula.1)
        } else {
            format!("{} = {}", name.0, formula.0)
        })
    }

    pub fn source_text(&self, english: bool) -> &str {
        if english {
            &self.source_en
        } else {
            &self.source_id
        }
    }

    pub fn is_entered(&self) -> bool {
        matches!(self.source, Source::External(_))
    }

    /// Whether the indicator carries SAKIP grade letters (AA, A, BB, B, CC, C, D): the SAKIP
    /// score does, percentages do not.
    pub fn is_graded(&self) -> bool {
        self.source == Source::External(EntryKind::Sakip)
    }

    /// The grade of the year's target: as the performance agreement states it
    /// (`target_grades`), else the letter the target score earns; `None` for an indicator
    /// without grades or without a target.
    pub fn target_grade(&self, year: i32, target: Option<Decimal>) -> Option<String> {
        if !self.is_graded() {
            return None;
        }
        self.target_grades
            .get(&year)
            .cloned()
            .or_else(|| target.map(|t| sakip_grade_for(t).to_string()))
    }

    /// The grade of a realisation: the evaluation's own letter where it is known (entered or
    /// published), else the letter the score earns; `None` without grades or without a value.
    pub fn grade(&self, given: Option<&str>, value: Option<Decimal>) -> Option<String> {
        if !self.is_graded() {
            return None;
        }
        given
            .map(str::to_string)
            .or_else(|| value.map(|v| sakip_grade_for(v).to_string()))
    }
}

/// Every indicator, in the order the office reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definitions {
    /// The end year of the Renstra, whose targets are the end-of-period ones.
    pub renstra_year: i32,
    pub indicators: Vec<IndicatorDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    renstra_year: i32,
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    code: String,
    level: String,
    name_id: String,
    name_en: String,
    formula_id: String,
    formula_en: String,
    numerator_id: Option<String>,
    numerator_en: Option<String>,
    denominator_id: Option<String>,
    denominator_en: Option<String>,
    beside_name_id: Option<String>,
    beside_name_en: Option<String>,
    beside_formula_id: Option<String>,
    beside_formula_en: Option<String>,
    unit: String,
    polarity: String,
    source: String,
    records: Option<String>,
    entry: Option<String>,
    source_id: String,
    source_en: String,
    #[serde(default)]
    targets: BTreeMap<String, toml::Value>,
    #[serde(default)]
    target_grades: BTreeMap<String, String>,
    training_types: Option<Vec<String>>,
}

fn year_key(code: &str, k: &str) -> Result<i32, String> {
    k.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| format!("{code}: '{k}' is not a year"))
}

/// A target as written: a quoted decimal ("73.67"), or a bare number.
fn target_value(code: &str, year: i32, v: &toml::Value) -> Result<Decimal, String> {
    let text = match v {
        toml::Value::String(s) => s.trim().replace(',', "."),
        toml::Value::Integer(i) => i.to_string(),
        // A float's shortest text is the number as written (73.67 stays 73.67).
        toml::Value::Float(f) => f.to_string(),
        other => return Err(format!("{code} {year}: target {other} is not a number")),
    };
    let d = Decimal::from_str(&text)
        .map_err(|_| format!("{code} {year}: target '{text}' is not a number"))?;
    if d.is_sign_negative() {
        return Err(format!("{code} {year}: a target cannot be negative"));
    }
    Ok(d)
}

fn pair(
    code: &str,
    what: &str,
    id: Option<String>,
    en: Option<String>,
) -> Result<Option<(String, String)>, String> {
    match (id, en) {
        (Some(i), Some(e)) => Ok(Some((i, e))),
        (None, None) => Ok(None),
        _ => Err(format!("{code}: {what}_id and {what}_en go together")),
    }
}

impl RawIndicator {
    fn check(self) -> Result<IndicatorDef, String> {
        let code = self.code.trim().to_string();
        if code.is_empty() {
            return Err("an indicator has no code".into());
        }
        let unit = match self.unit.trim() {
            "percent" => Unit::Percent,
            "score" => Unit::Score,
            other => return Err(format!("{code}: unit '{other}' is not percent or score")),
        };
        let higher_is_better = match self.polarity.trim() {
            "positive" => true,
            "negative" => false,
            other => {
                return Err(format!(
                    "{code}: polarity '{other}' is not positive or negative"
                ))
            }
        };
        let source = match (self.source.trim(), self.records.as_deref(), self.entry.as_deref()) {
            ("records", Some("trainees"), None) => Source::Records(RecordKind::Trainees),
            ("records", Some("disputes"), None) => Source::Records(RecordKind::Disputes),
            ("external", None, Some("rate")) => Source::External(EntryKind::Rate),
            ("external", None, Some("sakip")) => Source::External(EntryKind::Sakip),
            _ => {
                return Err(format!(
                    "{code}: source must be records (with records = trainees or disputes) or external (with entry = rate or sakip)"
                ))
            }
        };
        let training_types = match (source, self.training_types) {
            (Source::Records(RecordKind::Trainees), Some(words)) if !words.is_empty() => words
                .iter()
                .map(|w| {
                    crate::domain::training::TrainingType::parse(w)
                        .map_err(|e| format!("{code}: training_types: {}", e.en()))
                })
                .collect::<Result<Vec<_>, String>>()?,
            (Source::Records(RecordKind::Trainees), _) => {
                return Err(format!(
                    "{code}: training_types must name the trainings it counts"
                ))
            }
            (_, None) => Vec::new(),
            (_, Some(_)) => {
                return Err(format!(
                    "{code}: training_types belongs to an indicator of trainees"
                ))
            }
        };
        let mut targets = BTreeMap::new();
        for (k, v) in &self.targets {
            let year = year_key(&code, k)?;
            targets.insert(year, target_value(&code, year, v)?);
        }
        let mut target_grades = BTreeMap::new();
        for (k, g) in self.target_grades {
            let year = year_key(&code, &k)?;
            let g = g.trim().to_uppercase();
            if !SAKIP_GRADES.contains(&g.as_str()) {
                return Err(format!("{code} {year}: '{g}' is not a SAKIP grade"));
            }
            target_grades.insert(year, g);
        }
        Ok(IndicatorDef {
            numerator: pair(&code, "numerator", self.numerator_id, self.numerator_en)?,
            denominator: pair(
                &code,
                "denominator",
                self.denominator_id,
                self.denominator_en,
            )?,
            beside_name: pair(
                &code,
                "beside_name",
                self.beside_name_id,
                self.beside_name_en,
            )?,
            beside_formula: pair(
                &code,
                "beside_formula",
                self.beside_formula_id,
                self.beside_formula_en,
            )?,
            code,
            level: self.level,
            name_id: self.name_id,
            name_en: self.name_en,
            formula_id: self.formula_id,
            formula_en: self.formula_en,
            unit,
            higher_is_better,
            source,
            source_id: self.source_id,
            source_en: self.source_en,
            targets,
            target_grades,
            training_types,
        })
    }
}

impl Definitions {
    /// Read and check a definitions file.
    pub fn parse(text: &str) -> Result<Definitions, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut indicators = Vec::new();
        for r in raw.indicator {
            let def = r.check()?;
            if indicators.iter().any(|d: &IndicatorDef| d.code == def.code) {
                return Err(format!("indicator {} is defined twice", def.code));
            }
            indicators.push(def);
        }
        Ok(Definitions {
            renstra_year: raw.renstra_year,
            indicators,
        })
    }

    /// The definitions shipped in `data/indicators.toml` (a test keeps the file valid).
    pub fn embedded() -> Result<&'static Definitions, String> {
        static PARSED: OnceLock<Result<Definitions, String>> = OnceLock::new();
        PARSED
            .get_or_init(|| {
                Definitions::parse(INDICATORS_TOML)
                    .map_err(|e| format!("data/indicators.toml: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn get(&self, code: &str) -> Option<&IndicatorDef> {
        self.indicators
            .iter()
            .find(|d| d.code.eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::refdata::{simple_rows, IKU_CSV};
    use crate::domain::testing::dec as d;

    #[test]
    fn the_shipped_file_defines_the_five_indicators() {
        let defs = Definitions::embedded().unwrap();
        let codes: Vec<&str> = defs.indicators.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["IKU1", "IKU2", "IKU3", "IKU4", "TPT"]);
        assert_eq!(defs.renstra_year, 2026);
        let iku1 = defs.get("iku1").unwrap();
        assert_eq!(iku1.source, Source::Records(RecordKind::Trainees));
        assert_eq!(iku1.targets[&2024], d("80"));
        assert!(iku1.numerator.is_some() && iku1.denominator.is_some());
        use crate::domain::training::TrainingType;
        assert_eq!(
            iku1.training_types,
            [TrainingType::Pbk, TrainingType::Pemagangan],
            "IKU1 counts competency-based trainings and apprenticeships, not entrepreneurship"
        );
        assert!(defs.get("IKU3").unwrap().training_types.is_empty());
        let wrong = INDICATORS_TOML.replace(
            r#"training_types = ["pbk", "pemagangan"]"#,
            r#"training_types = ["pbk", "magang"]"#,
        );
        let e = Definitions::parse(&wrong).unwrap_err();
        assert!(e.contains("IKU1") && e.contains("'magang'"), "{e}");
        assert_eq!(defs.get("IKU4").unwrap().target_grades[&2024], "A");
        let tpt = defs.get("TPT").unwrap();
        assert!(!tpt.higher_is_better);
        assert!(tpt.targets.is_empty(), "the report sets TPT no target");
        let entered: Vec<&str> = defs
            .indicators
            .iter()
            .filter(|d| d.is_entered())
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(
            entered, ENTERED_CODES,
            "the entry form offers exactly these"
        );
    }

    #[test]
    fn grades_are_the_published_sakip_letters() {
        let defs = Definitions::embedded().unwrap();
        let sakip = defs.get("IKU4").unwrap();
        // As published: the score's letter where no grade is given, the target's too.
        let mut derived = sakip.clone();
        derived.target_grades.clear();
        for row in &simple_rows(crate::domain::refdata::SAKIP_GRADES_CSV)[1..] {
            let (score, grade) = (Some(d(&row[1])), row[2].as_str());
            if row[0] == "target_2024" {
                assert_eq!(sakip.target_grade(2024, score).as_deref(), Some(grade));
                assert_eq!(derived.target_grade(2024, score).as_deref(), Some(grade));
            } else {
                assert_eq!(sakip.grade(None, score).as_deref(), Some(grade), "{row:?}");
            }
        }
        // The evaluation's own letter wins over the score's; no value, no grade.
        assert_eq!(
            sakip.grade(Some("A"), Some(d("72.70"))).as_deref(),
            Some("A")
        );
        assert_eq!(sakip.grade(None, None), None);
        assert_eq!(derived.target_grade(2026, None), None);
        assert_eq!(
            sakip.target_grade(2026, Some(d("81"))).as_deref(),
            Some("A")
        );
        // Percentages have no grade letters.
        for code in ["IKU1", "IKU2", "IKU3", "TPT"] {
            let def = defs.get(code).unwrap();
            assert!(!def.is_graded());
            assert_eq!(def.grade(Some("A"), Some(d("82.56"))), None, "{code}");
            assert_eq!(def.target_grade(2024, Some(d("80"))), None, "{code}");
        }
    }

    #[test]
    fn targets_agree_with_the_published_report() {
        let defs = Definitions::embedded().unwrap();
        let rows = simple_rows(IKU_CSV);
        let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
        for row in &rows[1..] {
            let def = defs.get(&row[col("code")]).unwrap();
            for (column, year) in [("target_2024", 2024), ("renstra_target_2026", 2026)] {
                let published = &row[col(column)];
                let ours = def.targets.get(&year);
                if published.is_empty() {
                    assert_eq!(ours, None, "{} {year}", def.code);
                } else {
                    assert_eq!(ours, Some(&d(published)), "{} {year}", def.code);
                }
            }
            assert_eq!(
                def.higher_is_better,
                row[col("polarity")] == "positive",
                "{}",
                def.code
            );
        }
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let base = r#"
renstra_year = 2026
[[indicator]]
code = "X"
level = "sasaran"
name_id = "a"
name_en = "a"
formula_id = "a"
formula_en = "a"
unit = "percent"
polarity = "positive"
source = "external"
entry = "rate"
source_id = "a"
source_en = "a"
[indicator.targets]
"#;
        let ok = Definitions::parse(&format!("{base}2025 = \"82.5\"\n2026 = 90\n2027 = 91.25\n"))
            .unwrap();
        let t = &ok.indicators[0].targets;
        assert_eq!(
            (t[&2025], t[&2026], t[&2027]),
            (d("82.5"), d("90"), d("91.25"))
        );
        for (bad, why) in [
            ("20x5 = \"1\"\n", "not a year"),
            ("2025 = \"lots\"\n", "not a number"),
            ("2025 = \"-1\"\n", "negative"),
        ] {
            let e = Definitions::parse(&format!("{base}{bad}")).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
        let e = Definitions::parse(&base.replace("positive", "upwards")).unwrap_err();
        assert!(e.contains("polarity"), "{e}");
        let e = Definitions::parse(&base.replace("entry = \"rate\"", "records = \"cases\""))
            .unwrap_err();
        assert!(e.contains("source must be"), "{e}");
        let e = Definitions::parse(&base.replace("level", "levle")).unwrap_err();
        assert!(e.contains("levle"), "{e}");
    }
}
