//! Transmigrant family registrations (Transmigrasi): the record, its fields, its rules, the
//! stage workflow and the provincial quota.
//!
//! A family (one KK, family card) registers to resettle in a transmigration area. It moves
//! terdaftar → berkas_lengkap → terseleksi → dilatih → diberangkatkan, one step at a time, or
//! withdraws (batal, with a reason and a date) from any stage before departure. The province
//! grants a quota of families per year; the others wait, often into the next year.

mod quota;
mod stage;

pub use quota::{Quota, QuotaStatus, QuotaWarning};
pub use stage::{Stage, StageMove};

use super::case::{Checked, FieldDef, FieldKind};
use super::date::{iso, parse_past_date, Date};
use super::nik::BLITAR_REGION;
use super::{FieldError, Kecamatan, Nik};
use std::collections::BTreeMap;

/// Where a departing family is settled: settlement unit (UPT), kabupaten, province.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Destination {
    pub upt: String,
    pub kabupaten: String,
    pub province: String,
}

impl Destination {
    /// `UPT Torire, Kabupaten Poso, Sulawesi Tengah` → its three parts; the later parts may
    /// be left out (`UPT Torire`).
    pub fn parse(text: &str) -> Result<Destination, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        if parts.len() > 3 {
            return Err(format!(
                "'{}' has more than three parts (settlement unit, kabupaten, province)",
                crate::domain::quoted(text)
            ));
        }
        let part = |i: usize| parts.get(i).map(|s| s.to_string()).unwrap_or_default();
        Ok(Destination {
            upt: part(0),
            kabupaten: part(1),
            province: part(2),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.upt.is_empty() && self.kabupaten.is_empty() && self.province.is_empty()
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<&str> = [&self.upt, &self.kabupaten, &self.province]
            .into_iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// One family's registration as the program keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub head_name: String,
    /// NIK of the head of the family (16 digits, checked).
    pub nik: String,
    /// Family card number (16 digits).
    pub kk_no: String,
    pub members: u32,
    pub kecamatan: String,
    pub desa: String,
    pub phone: String,
    pub registered_on: Date,
    pub stage: Stage,
    pub destination: Destination,
    /// Set exactly when the stage is diberangkatkan.
    pub departed_on: Option<Date>,
    /// Set exactly when the stage is batal.
    pub cancel_reason: String,
    /// Set exactly when the stage is batal: needed to know who was still waiting at the end
    /// of an earlier year.
    pub cancelled_on: Option<Date>,
    pub notes: String,
}

pub const MAX_MEMBERS: u32 = 20;

/// The registration's fields in form order. The import also takes `destination` as one text
/// (`UPT Torire, Kabupaten Poso, Sulawesi Tengah`) instead of the three destination fields.
pub const TRANSMIGRANT_FIELDS: &[FieldDef] = &[
    field("head_name", FieldKind::Text, true),
    field("nik", FieldKind::Nik, true),
    field("kk_no", FieldKind::Text, true),
    field("members", FieldKind::Text, true),
    field("kecamatan", FieldKind::Kecamatan, true),
    field("desa", FieldKind::Text, false),
    field("phone", FieldKind::Text, false),
    field("registered_on", FieldKind::Date, true),
    field("destination_upt", FieldKind::Text, false),
    field("destination_kabupaten", FieldKind::Text, false),
    field("destination_province", FieldKind::Text, false),
    field("notes", FieldKind::Text, false),
];

/// The fields only a stage move sets (`Store::move_transmigrant_stage`): an edit form keeps
/// them as hidden values so that `from_fields` sees the record whole.
pub const STAGE_MOVE_FIELDS: &[&str] = &["stage", "departed_on", "cancel_reason", "cancelled_on"];

const fn field(key: &'static str, kind: FieldKind, required: bool) -> FieldDef {
    FieldDef {
        key,
        kind,
        required,
    }
}

fn text(values: &BTreeMap<String, String>, k: &str) -> String {
    values
        .get(k)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The 16 digits of a family card, or why not.
pub fn parse_kk(input: &str) -> Result<String, String> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err("KK number is required".into());
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err("KK number must contain digits only".into());
    }
    if s.len() != 16 {
        return Err(format!("KK number must have 16 digits, not {}", s.len()));
    }
    if &s[0..2] == "00" || &s[2..4] == "00" {
        return Err("KK number region digits cannot be 00".into());
    }
    Ok(s)
}

/// A phone number as typed, spaces tidied: digits, spaces and a leading `+`; 8 to 15 digits.
pub fn parse_phone(input: &str) -> Result<String, String> {
    let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = s.strip_prefix('+').unwrap_or(&s);
    if !body.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return Err(format!(
            "'{}' may hold only digits, spaces and a leading +",
            crate::domain::quoted(&s)
        ));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !(8..=15).contains(&digits) {
        return Err(format!("a phone number has 8 to 15 digits, not {digits}"));
    }
    Ok(s)
}

fn parse_members(input: &str) -> Result<u32, String> {
    match input.parse::<u32>() {
        Ok(n) if (1..=MAX_MEMBERS).contains(&n) => Ok(n),
        Ok(n) => Err(format!("a family has 1 to {MAX_MEMBERS} members, not {n}")),
        Err(_) => Err(format!(
            "'{}' is not a number of family members",
            crate::domain::quoted(input)
        )),
    }
}

impl Registration {
    /// Build a registration from field values as typed (form or CSV). Missing keys count as
    /// empty; an empty `stage` means terdaftar. The destination comes from
    /// `destination_upt` / `destination_kabupaten` / `destination_province` when any is
    /// given, else from `destination` split on commas.
    pub fn from_fields(
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> (Option<Registration>, Checked) {
        let mut c = Checked::default();
        let get = |k: &str| text(values, k);
        let mut err = |field: &'static str, reason: String| {
            c.errors.push(FieldError::new(field, reason));
        };
        let keys = TRANSMIGRANT_FIELDS
            .iter()
            .map(|d| d.key)
            .chain(STAGE_MOVE_FIELDS.iter().copied())
            .chain(["destination"]);
        for key in keys {
            if values.get(key).is_some_and(|v| v.chars().count() > 2000) {
                err(key, "longer than 2000 characters".into());
            }
        }
        let head_name = get("head_name");
        if head_name.is_empty() {
            err(
                "head_name",
                "the name of the head of the family is required".into(),
            );
        } else if head_name.chars().count() > 200 {
            err("head_name", "name is longer than 200 characters".into());
        }
        let mut warnings = Vec::new();
        let nik = match get("nik").as_str() {
            "" => {
                err(
                    "nik",
                    "the NIK of the head of the family is required".into(),
                );
                String::new()
            }
            s => match Nik::parse(s, today) {
                Ok((n, facts)) => {
                    if !facts.from_blitar {
                        warnings.push(FieldError::new(
                            "nik",
                            format!(
                                "NIK region {} is outside Kabupaten Blitar ({BLITAR_REGION})",
                                &n.as_str()[0..4]
                            ),
                        ));
                    }
                    n.as_str().to_string()
                }
                Err(e) => {
                    err("nik", e);
                    String::new()
                }
            },
        };
        let kk_no = match parse_kk(&get("kk_no")) {
            Ok(kk) => {
                if !kk.starts_with(BLITAR_REGION) {
                    warnings.push(FieldError::new(
                        "kk_no",
                        format!(
                            "KK region {} is outside Kabupaten Blitar ({BLITAR_REGION})",
                            &kk[0..4]
                        ),
                    ));
                }
                if kk == nik {
                    warnings.push(FieldError::new(
                        "kk_no",
                        "the KK number is the same as the NIK; a family card has its own number",
                    ));
                }
                kk
            }
            Err(e) => {
                err("kk_no", e);
                String::new()
            }
        };
        let members = match get("members").as_str() {
            "" => {
                err("members", "the number of family members is required".into());
                0
            }
            s => parse_members(s).unwrap_or_else(|e| {
                err("members", e);
                0
            }),
        };
        let kecamatan = match get("kecamatan").as_str() {
            "" => {
                err("kecamatan", "kecamatan is required".into());
                String::new()
            }
            k => match Kecamatan::parse(k) {
                Ok(k) => k.name().to_string(),
                Err(e) => {
                    err("kecamatan", e);
                    String::new()
                }
            },
        };
        let phone = match get("phone").as_str() {
            "" => String::new(),
            p => parse_phone(p).unwrap_or_else(|e| {
                err("phone", e);
                String::new()
            }),
        };
        let mut date = |key: &'static str, required: Option<&str>| -> Option<Date> {
            match (get(key).as_str(), required) {
                ("", Some(what)) => {
                    err(key, format!("{what} is required"));
                    None
                }
                ("", None) => None,
                (s, _) => parse_past_date(s, today).map_err(|e| err(key, e)).ok(),
            }
        };
        let registered_on = date("registered_on", Some("the registration date"));
        let departed_on = date("departed_on", None);
        let cancelled_on = date("cancelled_on", None);
        let stage = match get("stage").as_str() {
            "" => Some(Stage::Terdaftar),
            s => Stage::parse_loose(s).map_err(|e| err("stage", e)).ok(),
        };
        let destination = if [
            "destination_upt",
            "destination_kabupaten",
            "destination_province",
        ]
        .iter()
        .any(|k| !get(k).is_empty())
        {
            Destination {
                upt: get("destination_upt"),
                kabupaten: get("destination_kabupaten"),
                province: get("destination_province"),
            }
        } else {
            Destination::parse(&get("destination")).unwrap_or_else(|e| {
                err("destination", e);
                Destination::default()
            })
        };
        c.warnings = warnings;
        let (Some(registered_on), Some(stage)) = (registered_on, stage) else {
            return (None, c);
        };
        let reg = Registration {
            head_name,
            nik,
            kk_no,
            members,
            kecamatan,
            desa: get("desa"),
            phone,
            registered_on,
            stage,
            destination,
            departed_on,
            cancel_reason: get("cancel_reason"),
            cancelled_on,
            notes: get("notes"),
        };
        // Field problems first; the rules between fields only make sense once those pass.
        if !c.errors.is_empty() {
            return (None, c);
        }
        c.errors.extend(reg.problems());
        if c.errors.is_empty() {
            (Some(reg), c)
        } else {
            (None, c)
        }
    }

    /// The rules that tie the fields together; empty when the registration is consistent.
    /// The store checks them again before writing.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut err = |field: &'static str, reason: String| {
            out.push(FieldError::new(field, reason));
        };
        if !(1..=MAX_MEMBERS).contains(&self.members) {
            err(
                "members",
                format!(
                    "a family has 1 to {MAX_MEMBERS} members, not {}",
                    self.members
                ),
            );
        }
        let d = &self.destination;
        if d.upt.is_empty() && !(d.kabupaten.is_empty() && d.province.is_empty()) {
            err(
                "destination_upt",
                "the settlement unit (UPT) comes first in a destination".into(),
            );
        }
        let stage = self.stage.as_str();
        match (self.stage, self.departed_on) {
            (Stage::Diberangkatkan, None) => err(
                "departed_on",
                "a departed family needs its departure date".into(),
            ),
            (Stage::Diberangkatkan, Some(on)) if on < self.registered_on => err(
                "departed_on",
                format!(
                    "the departure {} is before the registration {}",
                    iso(on),
                    iso(self.registered_on)
                ),
            ),
            (Stage::Diberangkatkan, Some(_)) => {}
            (_, Some(_)) => err(
                "departed_on",
                format!("a departure date belongs only to a departed family, not to stage {stage}"),
            ),
            (_, None) => {}
        }
        if self.stage == Stage::Diberangkatkan && d.upt.is_empty() {
            err(
                "destination",
                "a departed family needs its destination (settlement unit, kabupaten, province)"
                    .into(),
            );
        }
        if self.stage == Stage::Batal {
            if self.cancel_reason.is_empty() {
                err(
                    "cancel_reason",
                    "a withdrawn registration (batal) needs its reason".into(),
                );
            }
            match self.cancelled_on {
                None => err(
                    "cancelled_on",
                    "a withdrawn registration (batal) needs the date of withdrawal".into(),
                ),
                Some(on) if on < self.registered_on => err(
                    "cancelled_on",
                    format!(
                        "the withdrawal {} is before the registration {}",
                        iso(on),
                        iso(self.registered_on)
                    ),
                ),
                Some(_) => {}
            }
        } else {
            if !self.cancel_reason.is_empty() {
                err(
                    "cancel_reason",
                    format!("only a withdrawn registration has a reason, not stage {stage}"),
                );
            }
            if self.cancelled_on.is_some() {
                err(
                    "cancelled_on",
                    format!(
                        "only a withdrawn registration has a withdrawal date, not stage {stage}"
                    ),
                );
            }
        }
        out
    }

    /// Every field as text, keyed like the form and CSV (for forms, audit history, export).
    pub fn to_fields(&self) -> BTreeMap<String, String> {
        let d = |x: Option<Date>| x.map(iso).unwrap_or_default();
        [
            ("head_name", self.head_name.clone()),
            ("nik", self.nik.clone()),
            ("kk_no", self.kk_no.clone()),
            ("members", self.members.to_string()),
            ("kecamatan", self.kecamatan.clone()),
            ("desa", self.desa.clone()),
            ("phone", self.phone.clone()),
            ("registered_on", iso(self.registered_on)),
            ("stage", self.stage.as_str().to_string()),
            ("destination_upt", self.destination.upt.clone()),
            ("destination_kabupaten", self.destination.kabupaten.clone()),
            ("destination_province", self.destination.province.clone()),
            ("departed_on", d(self.departed_on)),
            ("cancel_reason", self.cancel_reason.clone()),
            ("cancelled_on", d(self.cancelled_on)),
            ("notes", self.notes.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }
}

#[cfg(test)]
mod tests;
