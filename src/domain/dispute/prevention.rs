//! The lighter records beside disputes: prevention facilitations (sosialisasi, visits,
//! guidance at a company before a dispute arises) and each company's yearly compliance:
//! company regulation (PP) or collective agreement (PKB), and BPJS Ketenagakerjaan membership.

use crate::domain::case::{word_enum, Checked, FieldDef, FieldKind};
use crate::domain::date::{iso, parse_past_date, Date};
use crate::domain::{parse_bool, FieldError};
use chrono::Datelike;
use std::collections::BTreeMap;

word_enum!(
    /// The company's own rules: none, a company regulation (Peraturan Perusahaan) or a
    /// collective agreement (Perjanjian Kerja Bersama).
    PpPkb { Tidak => "tidak", Pp => "pp", Pkb => "pkb" }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreventionFacilitation {
    pub date: Date,
    pub company: String,
    pub topic: String,
    pub notes: String,
}

/// One company's standing in one year; the companies listed for a year are the registered ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyCompliance {
    pub company: String,
    pub year: i32,
    pub pp_pkb: PpPkb,
    pub bpjs_member: bool,
}

impl CompanyCompliance {
    pub fn has_pp_pkb(&self) -> bool {
        self.pp_pkb != PpPkb::Tidak
    }
}

pub const FACILITATION_FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "date",
        kind: FieldKind::Date,
        required: true,
    },
    FieldDef {
        key: "company",
        kind: FieldKind::Text,
        required: true,
    },
    FieldDef {
        key: "topic",
        kind: FieldKind::Text,
        required: true,
    },
    FieldDef {
        key: "notes",
        kind: FieldKind::Text,
        required: false,
    },
];

pub const COMPLIANCE_FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "company",
        kind: FieldKind::Text,
        required: true,
    },
    FieldDef {
        key: "year",
        kind: FieldKind::Text,
        required: true,
    },
    FieldDef {
        key: "pp_pkb",
        kind: FieldKind::Choice(&["tidak", "pp", "pkb"]),
        required: true,
    },
    FieldDef {
        key: "bpjs_member",
        kind: FieldKind::Bool,
        required: true,
    },
];

fn get(v: &BTreeMap<String, String>, k: &str) -> String {
    v.get(k).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn required(v: &BTreeMap<String, String>, k: &'static str, errors: &mut Vec<FieldError>) -> String {
    let s = get(v, k);
    if s.is_empty() {
        errors.push(FieldError::new(k, format!("{k} is required")));
    } else if s.chars().count() > 500 {
        errors.push(FieldError::new(k, "longer than 500 characters"));
    }
    s
}

fn done<T>(value: Option<T>, errors: Vec<FieldError>) -> (Option<T>, Checked) {
    let value = if errors.is_empty() { value } else { None };
    (
        value,
        Checked {
            errors,
            warnings: Vec::new(),
        },
    )
}

impl PreventionFacilitation {
    pub fn from_fields(
        v: &BTreeMap<String, String>,
        today: Date,
    ) -> (Option<PreventionFacilitation>, Checked) {
        let mut e = Vec::new();
        let date = match get(v, "date").as_str() {
            "" => {
                e.push(FieldError::new("date", "date is required"));
                None
            }
            s => parse_past_date(s, today)
                .map_err(|r| e.push(FieldError::new("date", r)))
                .ok(),
        };
        let company = required(v, "company", &mut e);
        let topic = required(v, "topic", &mut e);
        let notes = get(v, "notes");
        let value = date.map(|date| PreventionFacilitation {
            date,
            company,
            topic,
            notes,
        });
        done(value, e)
    }

    pub fn to_fields(&self) -> BTreeMap<String, String> {
        [
            ("date", iso(self.date)),
            ("company", self.company.clone()),
            ("topic", self.topic.clone()),
            ("notes", self.notes.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }
}

impl CompanyCompliance {
    pub fn from_fields(
        v: &BTreeMap<String, String>,
        today: Date,
    ) -> (Option<CompanyCompliance>, Checked) {
        let mut e = Vec::new();
        let company = required(v, "company", &mut e);
        let year = match get(v, "year").parse::<i32>() {
            Ok(y) if (2000..=today.year()).contains(&y) => Some(y),
            _ => {
                e.push(FieldError::new(
                    "year",
                    format!("a year from 2000 to {} is required", today.year()),
                ));
                None
            }
        };
        let pp_pkb = match get(v, "pp_pkb").as_str() {
            "" => {
                e.push(FieldError::new("pp_pkb", "say tidak, pp or pkb"));
                None
            }
            s => PpPkb::parse(s)
                .map_err(|r| e.push(FieldError::new("pp_pkb", r)))
                .ok(),
        };
        let bpjs = get(v, "bpjs_member");
        let bpjs_member = parse_bool(&bpjs);
        if bpjs_member.is_none() {
            e.push(FieldError::new(
                "bpjs_member",
                format!("'{}' is not ya or tidak", crate::domain::quoted(&bpjs)),
            ));
        }
        let value = match (year, pp_pkb, bpjs_member) {
            (Some(year), Some(pp_pkb), Some(bpjs_member)) => Some(CompanyCompliance {
                company,
                year,
                pp_pkb,
                bpjs_member,
            }),
            _ => None,
        };
        done(value, e)
    }

    pub fn to_fields(&self) -> BTreeMap<String, String> {
        [
            ("company", self.company.clone()),
            ("year", self.year.to_string()),
            ("pp_pkb", self.pp_pkb.as_str().to_string()),
            (
                "bpjs_member",
                if self.bpjs_member { "ya" } else { "tidak" }.to_string(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }
}
