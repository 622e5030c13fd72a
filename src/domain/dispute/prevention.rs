//! The lighter records beside disputes: prevention facilitations (sosialisasi, visits,
//! guidance at a company before a dispute arises) and each company's yearly compliance:
//! company regulation (PP) or collective agreement (PKB), and BPJS Ketenagakerjaan membership.

use crate::domain::case::{word_enum, Checked, FieldDef, FieldKind, FieldValues, Fields, Verdict};
use crate::domain::check::{self, field, text as get};
use crate::domain::date::{iso, parse_past_date, Date};
use crate::domain::{parse_bool, FieldError};
use crate::msg;
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
    field("date", FieldKind::Date, true),
    field("company", FieldKind::Text, true),
    field("topic", FieldKind::Text, true),
    field("notes", FieldKind::Text, false),
];

pub const COMPLIANCE_FIELDS: &[FieldDef] = &[
    field("company", FieldKind::Text, true),
    field("year", FieldKind::Text, true),
    field("pp_pkb", FieldKind::Choice(&["tidak", "pp", "pkb"]), true),
    field("bpjs_member", FieldKind::Bool, true),
];

fn required(v: &BTreeMap<String, String>, k: &'static str, errors: &mut Vec<FieldError>) -> String {
    let s = get(v, k);
    let missing = msg!("v.required", k);
    check::bounded(errors, k, &s, 500, missing, msg!("v.too_long_500"));
    s
}

fn done<T>(value: Option<T>, errors: Vec<FieldError>) -> Verdict<T> {
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
    pub fn from_fields(v: &FieldValues, today: Date) -> Verdict<PreventionFacilitation> {
        let mut e = Vec::new();
        let date = check::required(
            &mut e,
            "date",
            &get(v, "date"),
            msg!("v.date.required"),
            |s| parse_past_date(s, today),
        );
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
}

impl Fields for PreventionFacilitation {
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("date", iso(self.date)),
            ("company", self.company.clone()),
            ("topic", self.topic.clone()),
            ("notes", self.notes.clone()),
        ])
    }
}

impl CompanyCompliance {
    pub fn from_fields(v: &FieldValues, today: Date) -> Verdict<CompanyCompliance> {
        let mut e = Vec::new();
        let company = required(v, "company", &mut e);
        let year = match get(v, "year").parse::<i32>() {
            Ok(y) if (2000..=today.year()).contains(&y) => Some(y),
            _ => {
                e.push(FieldError::new(
                    "year",
                    msg!("v.year.between_required", 2000, today.year()),
                ));
                None
            }
        };
        let pp_pkb = check::required(
            &mut e,
            "pp_pkb",
            &get(v, "pp_pkb"),
            msg!("v.pp_pkb.required"),
            PpPkb::parse,
        );
        let bpjs = get(v, "bpjs_member");
        let bpjs_member = parse_bool(&bpjs);
        if bpjs_member.is_none() {
            e.push(FieldError::new(
                "bpjs_member",
                msg!("v.yes_no", crate::domain::quoted(&bpjs)),
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
}

impl Fields for CompanyCompliance {
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("company", self.company.clone()),
            ("year", self.year.to_string()),
            ("pp_pkb", self.pp_pkb.as_str().to_string()),
            (
                "bpjs_member",
                if self.bpjs_member { "ya" } else { "tidak" }.to_string(),
            ),
        ])
    }
}
