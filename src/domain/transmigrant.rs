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

use super::case::{Checked, FieldDef, FieldKind, FieldValues, Fields, Verdict};
use super::check::{self, field, text};
use super::date::{iso, parse_past_date, Date};
use super::nik::{Number, BLITAR_REGION};
use super::{FieldError, Nik};
use crate::i18n::Msg;
use crate::msg;
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
    pub fn parse(text: &str) -> Result<Destination, Msg> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        if parts.len() > 3 {
            return Err(msg!("v.destination.parts", crate::domain::quoted(text)));
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
pub const TRANSMIGRANT_FIELDS: &[FieldDef] = REGISTRATION_DETAIL_FIELDS.split_at(12).0;

/// Every field a registration shows: the form's ([`TRANSMIGRANT_FIELDS`], the first twelve),
/// then the dates and reason only a stage move sets.
pub const REGISTRATION_DETAIL_FIELDS: &[FieldDef] = &[
    field("head_name", FieldKind::Text, true),
    field("nik", FieldKind::Nik, true),
    field("kk_no", FieldKind::Text, true),
    field("members", FieldKind::Text, true),
    check::KECAMATAN_FIELD,
    check::DESA_FIELD,
    field("phone", FieldKind::Text, false),
    field("registered_on", FieldKind::Date, true),
    field("destination_upt", FieldKind::Text, false),
    field("destination_kabupaten", FieldKind::Text, false),
    field("destination_province", FieldKind::Text, false),
    field("notes", FieldKind::Text, false),
    field("departed_on", FieldKind::Date, false),
    field("cancel_reason", FieldKind::Text, false),
    field("cancelled_on", FieldKind::Date, false),
];

/// The fields only a stage move sets (`Store::move_transmigrant_stage`): an edit form keeps
/// them as hidden values so that `from_fields` sees the record whole.
pub const STAGE_MOVE_FIELDS: &[&str] = &["stage", "departed_on", "cancel_reason", "cancelled_on"];

/// The 16 digits of a family card, or why not.
pub fn parse_kk(input: &str) -> Result<String, Msg> {
    super::nik::sixteen_digits(input, Number::Kk)
}

/// A phone number as typed, spaces tidied: digits, spaces and a leading `+`; 8 to 15 digits.
pub fn parse_phone(input: &str) -> Result<String, Msg> {
    let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = s.strip_prefix('+').unwrap_or(&s);
    if !body.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return Err(msg!("v.phone.chars", crate::domain::quoted(&s)));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !(8..=15).contains(&digits) {
        return Err(msg!("v.phone.digits", digits));
    }
    Ok(s)
}

fn parse_members(input: &str) -> Result<u32, Msg> {
    match input.parse::<u32>() {
        Ok(n) if (1..=MAX_MEMBERS).contains(&n) => Ok(n),
        Ok(n) => Err(msg!("v.members.range", MAX_MEMBERS, n)),
        Err(_) => Err(msg!("v.members.invalid", crate::domain::quoted(input))),
    }
}

impl Registration {
    /// Build a registration from field values as typed (form or CSV). Missing keys count as
    /// empty; an empty `stage` means terdaftar. The destination comes from
    /// `destination_upt` / `destination_kabupaten` / `destination_province` when any is
    /// given, else from `destination` split on commas.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<Registration> {
        let mut c = Checked::default();
        let get = |k: &str| text(values, k);
        let (e, warnings) = (&mut c.errors, &mut c.warnings);
        let keys = TRANSMIGRANT_FIELDS
            .iter()
            .map(|d| d.key)
            .chain(STAGE_MOVE_FIELDS.iter().copied())
            .chain(["destination"]);
        for key in keys {
            if values.get(key).is_some_and(|v| v.chars().count() > 2000) {
                e.push(FieldError::new(key, msg!("v.too_long_2000")));
            }
        }
        let head_name = get("head_name");
        check::name(
            e,
            "head_name",
            &head_name,
            msg!("v.head_name.required"),
            msg!("v.name.too_long"),
        );
        let nik = check::required(e, "nik", &get("nik"), msg!("v.head_nik.required"), |s| {
            Nik::parse(s, today)
        })
        .map(|(n, facts)| {
            check::outside_blitar(warnings, "nik", Number::Nik, n.as_str(), facts.from_blitar);
            n.as_str().to_string()
        })
        .unwrap_or_default();
        let kk_no = match parse_kk(&get("kk_no")) {
            Ok(kk) => {
                let from_blitar = kk.starts_with(BLITAR_REGION);
                check::outside_blitar(warnings, "kk_no", Number::Kk, &kk, from_blitar);
                if kk == nik {
                    warnings.push(FieldError::new("kk_no", msg!("v.kk.same_as_nik")));
                }
                kk
            }
            Err(reason) => {
                e.push(FieldError::new("kk_no", reason));
                String::new()
            }
        };
        let members = check::required(
            e,
            "members",
            &get("members"),
            msg!("v.members.required"),
            parse_members,
        )
        .unwrap_or(0);
        let kecamatan = check::kecamatan(e, &get("kecamatan"))
            .map(|k| k.name().to_string())
            .unwrap_or_default();
        let phone = check::optional(e, "phone", &get("phone"), parse_phone).unwrap_or_default();
        let mut date = |key: &'static str, required: Option<Msg>| -> Option<Date> {
            let parse = |s: &str| parse_past_date(s, today);
            match required {
                Some(missing) => check::required(e, key, &get(key), missing, parse),
                None => check::optional(e, key, &get(key), parse),
            }
        };
        let registered_on = date("registered_on", Some(msg!("v.registered_on.required")));
        let departed_on = date("departed_on", None);
        let cancelled_on = date("cancelled_on", None);
        let stage = match get("stage").as_str() {
            "" => Some(Stage::Terdaftar),
            s => check::optional(e, "stage", s, Stage::parse_loose),
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
            Destination::parse(&get("destination")).unwrap_or_else(|reason| {
                e.push(FieldError::new("destination", reason));
                Destination::default()
            })
        };
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
        c.verdict(reg)
    }

    /// The rules that tie the fields together; empty when the registration is consistent.
    /// The store checks them again before writing.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut err = |field: &'static str, reason: Msg| {
            out.push(FieldError::new(field, reason));
        };
        if !(1..=MAX_MEMBERS).contains(&self.members) {
            err(
                "members",
                msg!("v.members.range", MAX_MEMBERS, self.members),
            );
        }
        let d = &self.destination;
        if d.upt.is_empty() && !(d.kabupaten.is_empty() && d.province.is_empty()) {
            err("destination_upt", msg!("v.destination.upt_first"));
        }
        let stage = self.stage.as_str();
        match (self.stage, self.departed_on) {
            (Stage::Diberangkatkan, None) => err("departed_on", msg!("v.departed.needs_date")),
            (Stage::Diberangkatkan, Some(on)) if on < self.registered_on => err(
                "departed_on",
                msg!("v.reg.departure_before", iso(on), iso(self.registered_on)),
            ),
            (Stage::Diberangkatkan, Some(_)) => {}
            (_, Some(_)) => err("departed_on", msg!("v.departed.date_only_departed", stage)),
            (_, None) => {}
        }
        if self.stage == Stage::Diberangkatkan && d.upt.is_empty() {
            err("destination", msg!("v.departed.needs_destination"));
        }
        if self.stage == Stage::Batal {
            if self.cancel_reason.is_empty() {
                err("cancel_reason", msg!("v.batal.needs_reason"));
            }
            match self.cancelled_on {
                None => err("cancelled_on", msg!("v.batal.needs_date")),
                Some(on) if on < self.registered_on => err(
                    "cancelled_on",
                    msg!("v.reg.withdrawal_before", iso(on), iso(self.registered_on)),
                ),
                Some(_) => {}
            }
        } else {
            if !self.cancel_reason.is_empty() {
                err("cancel_reason", msg!("v.batal.reason_only", stage));
            }
            if self.cancelled_on.is_some() {
                err("cancelled_on", msg!("v.batal.date_only", stage));
            }
        }
        out
    }
}

impl Fields for Registration {
    /// Every field as text, keyed like the form and CSV (for forms, audit history, export).
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
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
            ("departed_on", check::date_text(self.departed_on)),
            ("cancel_reason", self.cancel_reason.clone()),
            ("cancelled_on", check::date_text(self.cancelled_on)),
            ("notes", self.notes.clone()),
        ])
    }
}

#[cfg(test)]
mod tests;
