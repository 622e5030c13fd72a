//! A value that comes from outside the office's records (TPAK and TPT from BPS, the SAKIP
//! evaluation), entered by an officer with its source and date. The SAKIP entry carries its
//! grade and four component scores, which must add up to the score: the 2024 report's did
//! not (72.20 against 72.70), so a mismatch is flagged before it is saved.

use crate::domain::case::{Checked, FieldDef, FieldKind, FieldValues, Fields, Verdict};
use crate::domain::check::{field as def, text};
use crate::domain::date::{iso, parse_past_date, Date};
use crate::domain::FieldError;
use crate::i18n::Msg;
use crate::msg;
use chrono::Datelike;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// The indicators whose value is entered (`source = "external"` in `data/indicators.toml`).
pub const ENTERED_CODES: &[&str] = &["IKU2", "IKU4", "TPT"];

/// SAKIP grades, best first.
pub const SAKIP_GRADES: &[&str] = &["AA", "A", "BB", "B", "CC", "C", "D"];

const GRADE_CHOICES: &[&str] = &["", "AA", "A", "BB", "B", "CC", "C", "D"];

/// One part of the SAKIP evaluation with its weight (table 3.8 of the 2024 report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SakipComponent {
    /// The form field and audit name.
    pub key: &'static str,
    pub name_id: &'static str,
    pub name_en: &'static str,
    /// The most points the component can give.
    pub weight: u32,
}

pub const SAKIP_COMPONENTS: [SakipComponent; 4] = [
    SakipComponent {
        key: "sakip_planning",
        name_id: "Perencanaan Kinerja",
        name_en: "Performance planning",
        weight: 30,
    },
    SakipComponent {
        key: "sakip_measurement",
        name_id: "Pengukuran Kinerja",
        name_en: "Performance measurement",
        weight: 30,
    },
    SakipComponent {
        key: "sakip_reporting",
        name_id: "Pelaporan Kinerja",
        name_en: "Performance reporting",
        weight: 15,
    },
    SakipComponent {
        key: "sakip_evaluation",
        name_id: "Evaluasi Akuntabilitas Kinerja Internal",
        name_en: "Internal accountability evaluation",
        weight: 25,
    },
];

/// The entry form's fields in order; grade and components apply to SAKIP only.
pub const ENTRY_FIELDS: &[FieldDef] = &[
    def("iku_code", FieldKind::Choice(ENTERED_CODES), true),
    def("iku_year", FieldKind::Text, true),
    def("iku_value", FieldKind::Text, true),
    def("sakip_grade", FieldKind::Choice(GRADE_CHOICES), false),
    def("sakip_planning", FieldKind::Text, false),
    def("sakip_measurement", FieldKind::Text, false),
    def("sakip_reporting", FieldKind::Text, false),
    def("sakip_evaluation", FieldKind::Text, false),
    def("iku_source", FieldKind::Text, true),
    def("iku_source_date", FieldKind::Date, true),
    def("iku_notes", FieldKind::Text, false),
];

/// The grade a SAKIP score earns (PermenPAN-RB 88/2021): AA above 90, A above 80, BB above
/// 70, B above 60, CC above 50, C above 30, else D.
pub fn sakip_grade_for(score: Decimal) -> &'static str {
    let bands = [
        (90, "AA"),
        (80, "A"),
        (70, "BB"),
        (60, "B"),
        (50, "CC"),
        (30, "C"),
    ];
    bands
        .iter()
        .find(|(low, _)| score > Decimal::from(*low))
        .map(|(_, g)| *g)
        .unwrap_or("D")
}

/// An entered value for one indicator and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IkuEntry {
    pub code: String,
    pub year: i32,
    /// Percent (TPAK, TPT) or score (SAKIP), at most two decimals.
    pub value: Decimal,
    /// SAKIP only.
    pub grade: Option<String>,
    /// SAKIP only: planning, measurement, reporting, evaluation (as [`SAKIP_COMPONENTS`]).
    pub components: Option<[Decimal; 4]>,
    /// Where the number was read: publication, letter, table.
    pub source: String,
    /// The date of that source.
    pub source_date: Date,
    pub notes: String,
}

/// The year an entered value is for, as typed: from 2000 to this year.
pub fn entry_year(typed: &str, today: Date) -> Result<i32, Msg> {
    match typed.parse::<i32>() {
        Ok(y) if (2000..=today.year()).contains(&y) => Ok(y),
        Ok(y) => Err(msg!("v.iku.year_range", y, 2000, today.year())),
        Err(_) if typed.is_empty() => Err(msg!("v.required_short")),
        Err(_) => Err(msg!("v.iku.year_invalid", crate::domain::quoted(typed))),
    }
}

/// A decimal as officers type it: `72.36` or `72,36`, at most two decimals (a percent or a
/// score: `72.705` is refused, not read as thousands).
pub fn parse_decimal(input: &str) -> Result<Decimal, Msg> {
    checked_decimal(input, input.trim().replace(',', "."))
}

/// A count as officers type it, with or without grouping (`4.812`, `4,812`, `1.234.567`,
/// `1.234,5`): a separator followed by exactly three digits groups thousands, and where
/// both appear the last one is the decimal point; at most two decimals.
pub fn parse_count(input: &str) -> Result<Decimal, Msg> {
    checked_decimal(input, plain_number(input.trim()))
}

fn checked_decimal(input: &str, s: String) -> Result<Decimal, Msg> {
    let d = Decimal::from_str(&s)
        .map_err(|_| msg!("v.number.invalid", crate::domain::quoted(input)))?;
    if d.is_sign_negative() {
        return Err(msg!("v.number.negative"));
    }
    if d.normalize().scale() > 2 {
        return Err(msg!("v.number.decimals", s));
    }
    Ok(d)
}

/// `input` with its grouping taken out and its decimal point a `.` (see [`parse_decimal`]).
fn plain_number(input: &str) -> String {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let (dots, commas) = (s.matches('.').count(), s.matches(',').count());
    if dots > 0 && commas > 0 {
        // the later of the two is the decimal point
        let decimal = if s.rfind('.') > s.rfind(',') {
            '.'
        } else {
            ','
        };
        let group = if decimal == '.' { ',' } else { '.' };
        return s.replace(group, "").replace(decimal, ".");
    }
    let sep = if dots > 0 { '.' } else { ',' };
    let count = dots + commas;
    let groups_of_three = s
        .split(sep)
        .skip(1)
        .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if count > 0 && groups_of_three {
        s.replace(sep, "")
    } else {
        s.replace(',', ".")
    }
}

impl IkuEntry {
    pub fn is_sakip(&self) -> bool {
        self.code == "IKU4"
    }

    /// The four components added up, when they were entered.
    pub fn components_sum(&self) -> Option<Decimal> {
        self.components.map(|c| c.iter().copied().sum())
    }

    /// (sum of the components, score) when they disagree.
    pub fn component_mismatch(&self) -> Option<(Decimal, Decimal)> {
        self.components_sum()
            .filter(|s| *s != self.value)
            .map(|s| (s, self.value))
    }

    /// Build an entry from field values as typed. Errors block the save; warnings (the
    /// components do not add up to the score, the grade does not fit the score) must be seen.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<IkuEntry> {
        let mut c = Checked::default();
        let mut err = |f: &'static str, r: Msg| c.errors.push(FieldError::new(f, r));
        let code = text(values, "iku_code").to_uppercase();
        if code.is_empty() {
            err("iku_code", msg!("v.required_short"));
        } else if !ENTERED_CODES.contains(&code.as_str()) {
            err(
                "iku_code",
                msg!("v.iku.not_entered", code, ENTERED_CODES.join(", ")),
            );
        }
        let sakip = code == "IKU4";
        let year_text = text(values, "iku_year");
        let year = match entry_year(&year_text, today) {
            Ok(y) => Some(y),
            Err(m) => {
                err("iku_year", m);
                None
            }
        };
        let value_text = text(values, "iku_value");
        let value = match parse_decimal(&value_text) {
            _ if value_text.is_empty() => {
                err("iku_value", msg!("v.required_short"));
                None
            }
            Ok(v) if v > Decimal::ONE_HUNDRED => {
                err("iku_value", msg!("v.iku.above_100", v));
                None
            }
            Ok(v) => Some(v),
            Err(e) => {
                err("iku_value", e);
                None
            }
        };
        let grade_text = text(values, "sakip_grade").to_uppercase();
        let grade = match (sakip, grade_text.is_empty()) {
            (_, true) if sakip => {
                err("sakip_grade", msg!("v.sakip.grade_required"));
                None
            }
            (_, true) => None,
            (false, false) => {
                err("sakip_grade", msg!("v.sakip.grade_only", code));
                None
            }
            (true, false) if SAKIP_GRADES.contains(&grade_text.as_str()) => Some(grade_text),
            (true, false) => {
                err(
                    "sakip_grade",
                    msg!(
                        "v.not_one_of",
                        crate::domain::quoted(&grade_text),
                        SAKIP_GRADES.join(", ")
                    ),
                );
                None
            }
        };
        let mut parts = Vec::new();
        let mut given = 0;
        for comp in &SAKIP_COMPONENTS {
            let t = text(values, comp.key);
            if t.is_empty() {
                continue;
            }
            given += 1;
            if !sakip {
                err(comp.key, msg!("v.sakip.components_only", code));
                continue;
            }
            match parse_decimal(&t) {
                Ok(v) if v > Decimal::from(comp.weight) => {
                    err(comp.key, msg!("v.sakip.above_weight", v, comp.weight))
                }
                Ok(v) => parts.push(v),
                Err(e) => err(comp.key, e),
            }
        }
        if sakip && given > 0 && given < SAKIP_COMPONENTS.len() {
            let missing = SAKIP_COMPONENTS
                .iter()
                .find(|comp| text(values, comp.key).is_empty())
                .map_or("sakip_planning", |comp| comp.key);
            err(missing, msg!("v.sakip.all_four"));
        }
        let components = <[Decimal; 4]>::try_from(parts).ok();
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
        let (Some(year), Some(value), Some(source_date), true) =
            (year, value, source_date, c.errors.is_empty())
        else {
            return (None, c);
        };
        let entry = IkuEntry {
            code,
            year,
            value,
            grade,
            components,
            source,
            source_date,
            notes,
        };
        if let Some((sum, score)) = entry.component_mismatch() {
            c.warnings.push(FieldError::new(
                "iku_value",
                msg!("v.sakip.sum_mismatch", sum, score),
            ));
        }
        if let Some(g) = &entry.grade {
            let fits = sakip_grade_for(entry.value);
            if g != fits {
                c.warnings.push(FieldError::new(
                    "sakip_grade",
                    msg!("v.sakip.grade_mismatch", entry.value, fits, g),
                ));
            }
        }
        (Some(entry), c)
    }
}

impl Fields for IkuEntry {
    /// The entry as field values (form, history), in the form's keys.
    fn to_fields(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        m.insert("iku_code".into(), self.code.clone());
        m.insert("iku_year".into(), self.year.to_string());
        m.insert("iku_value".into(), self.value.to_string());
        m.insert("sakip_grade".into(), self.grade.clone().unwrap_or_default());
        for (i, comp) in SAKIP_COMPONENTS.iter().enumerate() {
            let v = self
                .components
                .map(|c| c[i].to_string())
                .unwrap_or_default();
            m.insert(comp.key.into(), v);
        }
        m.insert("iku_source".into(), self.source.clone());
        m.insert("iku_source_date".into(), iso(self.source_date));
        m.insert("iku_notes".into(), self.notes.clone());
        m
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn numbers_are_read_with_indonesian_or_english_grouping() {
        let d = |s: &str| parse_count(s).map(|d| d.to_string());
        assert_eq!(d("72,36"), Ok("72.36".into()));
        assert_eq!(d("72.36"), Ok("72.36".into()));
        assert_eq!(d("4.812"), Ok("4812".into()));
        assert_eq!(d("4,812"), Ok("4812".into()));
        assert_eq!(d("1.234.567"), Ok("1234567".into()));
        assert_eq!(d("1.234,5"), Ok("1234.5".into()));
        assert_eq!(d("1,234.50"), Ok("1234.50".into()));
        assert_eq!(d("5 321"), Ok("5321".into()));
        assert!(d("4.8123").is_err(), "four decimals");
        assert!(d("1.2.3").is_err());
        // a percent or a score: three decimals are a mistake, not thousands
        assert!(parse_decimal("72.705").is_err());
        assert_eq!(
            parse_decimal("72,7").map(|d| d.to_string()),
            Ok("72.7".into())
        );
    }

    use super::*;
    use crate::domain::refdata::{simple_rows, SAKIP_COMPONENTS_2024_CSV, SAKIP_GRADES_CSV};

    fn today() -> Date {
        Date::from_ymd_opt(2025, 3, 1).unwrap()
    }
    use crate::domain::testing::{dec as d, map as vals};

    fn sakip_2024(score: &str, grade: &str) -> BTreeMap<String, String> {
        vals(&[
            ("iku_code", "IKU4"),
            ("iku_year", "2024"),
            ("iku_value", score),
            ("sakip_grade", grade),
            ("sakip_planning", "21.60"),
            ("sakip_measurement", "20,10"),
            ("sakip_reporting", "11.25"),
            ("sakip_evaluation", "19.25"),
            ("iku_source", "LHE SAKIP Inspektorat 2024"),
            ("iku_source_date", "2025-02-14"),
        ])
    }

    #[test]
    fn a_tpak_value_with_its_source() {
        let (e, c) = IkuEntry::from_fields(
            &vals(&[
                ("iku_code", "iku2"),
                ("iku_year", "2024"),
                ("iku_value", "72,36"),
                ("iku_source", "BPS Kabupaten Blitar, Sakernas Agustus 2024"),
                ("iku_source_date", "05/11/2024"),
            ]),
            today(),
        );
        assert!(c.errors.is_empty() && c.warnings.is_empty(), "{c:?}");
        let e = e.unwrap();
        assert_eq!(
            (e.code.as_str(), e.year, e.value),
            ("IKU2", 2024, d("72.36"))
        );
        assert_eq!(e.grade, None);
        assert_eq!(e.to_fields()["iku_source_date"], "2024-11-05");
        let (again, _) = IkuEntry::from_fields(&e.to_fields(), today());
        assert_eq!(again.unwrap(), e, "fields round-trip");
    }

    #[test]
    fn the_2024_sakip_components_do_not_add_up_and_are_flagged() {
        let (e, c) = IkuEntry::from_fields(&sakip_2024("72.70", "BB"), today());
        assert!(c.errors.is_empty(), "{c:?}");
        let e = e.unwrap();
        assert_eq!(e.components_sum(), Some(d("72.20")));
        assert_eq!(e.component_mismatch(), Some((d("72.20"), d("72.70"))));
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0]
            .reason
            .en()
            .contains("add up to 72.20, not the score 72.70"));
        // components that add up: no warning
        let (_, c) = IkuEntry::from_fields(&sakip_2024("72.20", "BB"), today());
        assert!(c.warnings.is_empty(), "{c:?}");
    }

    #[test]
    fn the_published_components_are_ours() {
        let rows = simple_rows(SAKIP_COMPONENTS_2024_CSV);
        for (row, comp) in rows[1..].iter().zip(SAKIP_COMPONENTS.iter()) {
            assert_eq!(row[0], comp.name_id);
            assert_eq!(row[1], comp.weight.to_string());
        }
        let total: u32 = SAKIP_COMPONENTS.iter().map(|c| c.weight).sum();
        assert_eq!(total, 100);
    }

    #[test]
    fn published_grades_fit_their_scores() {
        for row in &simple_rows(SAKIP_GRADES_CSV)[1..] {
            assert_eq!(sakip_grade_for(d(&row[1])), row[2], "{row:?}");
        }
        assert_eq!(sakip_grade_for(d("80")), "BB", "80 is not above 80");
        assert_eq!(sakip_grade_for(d("90.01")), "AA");
        assert_eq!(sakip_grade_for(d("30")), "D");
        let (_, c) = IkuEntry::from_fields(&sakip_2024("72.20", "A"), today());
        assert!(
            c.warnings[0].reason.en().contains("graded BB, not A"),
            "{c:?}"
        );
    }

    #[test]
    fn wrong_entries_are_refused_field_by_field() {
        let case = |pairs: &[(&str, &str)], field: &str, why: &str| {
            let mut v = sakip_2024("72.20", "BB");
            for (k, x) in pairs {
                v.insert(k.to_string(), x.to_string());
            }
            let (e, c) = IkuEntry::from_fields(&v, today());
            assert!(e.is_none(), "{pairs:?}");
            let hit = c.errors.iter().find(|x| x.field == field);
            assert!(
                hit.is_some_and(|x| x.reason.en().contains(why)),
                "{pairs:?}: {c:?}"
            );
        };
        case(&[("iku_code", "IKU1")], "iku_code", "not entered by hand");
        case(&[("iku_year", "2026")], "iku_year", "between 2000 and 2025");
        case(&[("iku_year", "")], "iku_year", "required");
        case(&[("iku_value", "101")], "iku_value", "above 100");
        case(
            &[("iku_value", "72.705")],
            "iku_value",
            "more than two decimals",
        );
        case(&[("iku_value", "abc")], "iku_value", "not a number");
        case(&[("sakip_grade", "")], "sakip_grade", "required");
        case(&[("sakip_grade", "Z")], "sakip_grade", "not one of");
        case(&[("sakip_reporting", "16")], "sakip_reporting", "weight 15");
        case(&[("sakip_planning", "")], "sakip_planning", "all four");
        case(
            &[("iku_source", "")],
            "iku_source",
            "where the number comes from",
        );
        case(
            &[("iku_source_date", "2025-03-02")],
            "iku_source_date",
            "future",
        );
        case(&[("iku_code", "TPT")], "sakip_grade", "only SAKIP");
    }
}
