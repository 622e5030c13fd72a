//! Job seeker registrations (Pencari Kerja, the AK/1 card): the record, its fields, its rules,
//! its status workflow and the six-monthly reports (wajib lapor).
//!
//! A person registers at the front desk and gets a registration number (`AK1/2024/000123`),
//! valid two years. The registration is `aktif` until the person is placed (`ditempatkan`,
//! with the placement it came from) or it is withdrawn (`dicabut`, with a reason); an `aktif`
//! registration past its validity shows as `kedaluwarsa`, which is computed, never stored. A
//! person (NIK) holds at most one active registration. Every six months the job seeker
//! reports (wajib lapor): each report is a dated entry of its own.

use super::case::{word_enum, Checked, FieldDef, FieldKind, FieldValues, Fields, Verdict};
use super::check::{self, field, text};
use super::date::{iso, parse_date, parse_past_date, Date};
use super::{FieldError, Nik, Sex};
use crate::i18n::Msg;
use crate::msg;
use chrono::{Datelike, Months};
use std::collections::BTreeMap;

word_enum!(
    /// The highest education completed, as the AK/1 card groups it.
    Education {
        Sd => "SD",
        Smp => "SMP",
        Sma => "SMA",
        Smk => "SMK",
        D1D3 => "D1-D3",
        D4S1 => "D4-S1",
        S2S3 => "S2-S3",
    }
);

impl Education {
    /// Like `parse`, also taking the ways officers write the levels: `D4/S1`, `d1 - d3`,
    /// `S1`, `D3`, `S2`.
    pub fn parse_loose(s: &str) -> Result<Education, Msg> {
        let t: String = s
            .trim()
            .to_ascii_uppercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '/' || c == '_' { '-' } else { c })
            .collect();
        let alias = match t.as_str() {
            "D1" | "D2" | "D3" => "D1-D3",
            "D4" | "S1" => "D4-S1",
            "S2" | "S3" => "S2-S3",
            other => other,
        };
        Education::parse(alias).map_err(|_| {
            msg!(
                "v.not_one_of",
                crate::domain::quoted(s.trim()),
                Education::ALL
                    .iter()
                    .map(Education::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }
}

word_enum!(
    /// Where a registration stands as stored; `kedaluwarsa` is computed ([`Shown`]).
    JobseekerStatus {
        Aktif => "aktif",
        Ditempatkan => "ditempatkan",
        Dicabut => "dicabut",
    }
);

impl JobseekerStatus {
    /// The statuses a registration may move to: from `aktif` to placed or withdrawn; none
    /// after.
    pub fn next(&self) -> Vec<JobseekerStatus> {
        match self {
            JobseekerStatus::Aktif => vec![JobseekerStatus::Ditempatkan, JobseekerStatus::Dicabut],
            _ => vec![],
        }
    }
}

/// The status a registration shows on a given day: the stored one, or `kedaluwarsa` for an
/// `aktif` registration past its validity.
pub const EXPIRED: &str = "kedaluwarsa";

/// How long a registration is valid by default.
pub const VALID_MONTHS: u32 = 24;

/// The registration number's prefix: `AK1/<year>/<six digits>`.
pub const NUMBER_PREFIX: &str = "AK1";

/// One job seeker's registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jobseeker {
    /// `AK1/2024/000123`; empty until the store gives one.
    pub registration_no: String,
    pub nik: String,
    pub name: String,
    pub sex: Sex,
    pub kecamatan: String,
    pub desa: String,
    pub education: Education,
    pub field_of_study: String,
    pub skills: String,
    pub occupation_sought: String,
    pub registered_on: Date,
    pub valid_until: Date,
    pub status: JobseekerStatus,
    /// The domestic placement that closed it (set by a placement), if any.
    pub placement_id: Option<i64>,
    /// Where the person was placed, in words (employer, job), when placed by hand.
    pub placement: String,
    /// Set exactly when ditempatkan.
    pub placed_on: Option<Date>,
    /// Set exactly when dicabut.
    pub revoke_reason: String,
    pub revoked_on: Option<Date>,
    pub notes: String,
}

/// The registration's form fields, in order.
pub const JOBSEEKER_FIELDS: &[FieldDef] = JOBSEEKER_DETAIL_FIELDS.split_at(13).0;

/// Every field the detail shows: the form's, then what only a status move sets.
pub const JOBSEEKER_DETAIL_FIELDS: &[FieldDef] = &[
    field("registration_no", FieldKind::Text, false),
    field("nik", FieldKind::Nik, true),
    field("name", FieldKind::Text, true),
    check::SEX_FIELD,
    check::KECAMATAN_FIELD,
    check::DESA_FIELD,
    field(
        "education",
        FieldKind::Choice(&["SD", "SMP", "SMA", "SMK", "D1-D3", "D4-S1", "S2-S3"]),
        true,
    ),
    field("field_of_study", FieldKind::Text, false),
    field("skills", FieldKind::Text, false),
    field("occupation_sought", FieldKind::Text, false),
    field("registered_on", FieldKind::Date, true),
    field("valid_until", FieldKind::Date, false),
    field("notes", FieldKind::Text, false),
    field("placed_on", FieldKind::Date, false),
    field("placement", FieldKind::Text, false),
    field("placement_id", FieldKind::Text, false),
    field("revoke_reason", FieldKind::Text, false),
    field("revoked_on", FieldKind::Date, false),
];

/// The fields only a status move sets: an edit form keeps them as they are.
pub const STATUS_MOVE_FIELDS: &[&str] = &[
    "status",
    "placed_on",
    "placement",
    "placement_id",
    "revoke_reason",
    "revoked_on",
];

/// `registered_on` plus the default validity (two years).
pub fn default_valid_until(registered_on: Date) -> Date {
    registered_on
        .checked_add_months(Months::new(VALID_MONTHS))
        .unwrap_or(registered_on)
}

/// The registration number of sequence `seq` in `year`: `AK1/2024/000123`.
pub fn registration_number(year: i32, seq: i64) -> String {
    format!("{NUMBER_PREFIX}/{year:04}/{seq:06}")
}

/// A registration number as typed: trimmed, at most 40 characters, no control characters.
pub fn parse_registration_no(s: &str) -> Result<String, Msg> {
    let t = s.trim();
    if t.chars().count() > 40 || t.chars().any(char::is_control) {
        return Err(msg!("v.jobseeker.number", crate::domain::quoted(t)));
    }
    Ok(t.to_string())
}

impl Jobseeker {
    /// Build a registration from values as typed (form or CSV). Missing keys count as empty;
    /// an empty `registered_on` is today, an empty `valid_until` two years on, an empty
    /// `status` aktif. An empty `registration_no` is given by the store when saved.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<Jobseeker> {
        let mut c = Checked::default();
        let get = |k: &str| text(values, k);
        let e = &mut c.errors;
        check::lengths(e, values, JOBSEEKER_DETAIL_FIELDS);
        let registration_no = check::optional(e, "registration_no", &get("registration_no"), |s| {
            parse_registration_no(s)
        })
        .unwrap_or_default();
        let name = get("name");
        check::person_name(e, &name);
        let sex = check::sex(e, &get("sex"));
        let nik = check::required(e, "nik", &get("nik"), msg!("v.nik.required"), |s| {
            Nik::parse(s, today)
        });
        let kecamatan = check::kecamatan(e, &get("kecamatan"));
        let education = check::required(
            e,
            "education",
            &get("education"),
            msg!("v.education.required"),
            Education::parse_loose,
        );
        let registered_on = match get("registered_on").as_str() {
            "" => Some(today),
            s => check::optional(e, "registered_on", s, |s| parse_past_date(s, today)),
        };
        let valid_until = check::optional(e, "valid_until", &get("valid_until"), parse_date);
        let status = match get("status").as_str() {
            "" => Some(JobseekerStatus::Aktif),
            s => check::optional(e, "status", s, JobseekerStatus::parse),
        };
        let placed_on = check::optional(e, "placed_on", &get("placed_on"), |s| {
            parse_past_date(s, today)
        });
        let revoked_on = check::optional(e, "revoked_on", &get("revoked_on"), |s| {
            parse_past_date(s, today)
        });
        let placement_id = check::optional(e, "placement_id", &get("placement_id"), |s| {
            s.parse::<i64>()
                .map_err(|_| msg!("v.jobseeker.placement_id", crate::domain::quoted(s)))
        });
        if let (Some((n, facts)), Some(sex)) = (&nik, sex) {
            if sex != facts.sex {
                e.push(FieldError::new(
                    "nik",
                    msg!("v.nik.sex.jobseeker", facts.sex, sex),
                ));
            }
            check::outside_blitar(
                &mut c.warnings,
                "nik",
                super::nik::Number::Nik,
                n.as_str(),
                facts.from_blitar,
            );
        }
        let (Some((nik, _)), Some(sex), Some(kecamatan), Some(education), Some(registered_on)) =
            (nik, sex, kecamatan, education, registered_on)
        else {
            return (None, c);
        };
        let Some(status) = status else {
            return (None, c);
        };
        let js = Jobseeker {
            registration_no,
            nik: nik.as_str().to_string(),
            name,
            sex,
            kecamatan: kecamatan.name().to_string(),
            desa: get("desa"),
            education,
            field_of_study: get("field_of_study"),
            skills: get("skills"),
            occupation_sought: get("occupation_sought"),
            registered_on,
            valid_until: valid_until.unwrap_or_else(|| default_valid_until(registered_on)),
            status,
            placement_id,
            placement: get("placement"),
            placed_on,
            revoke_reason: get("revoke_reason"),
            revoked_on,
            notes: get("notes"),
        };
        if !c.errors.is_empty() {
            return (None, c);
        }
        c.errors.extend(js.problems());
        c.verdict(js)
    }

    /// The rules between fields; empty when the registration is consistent. The store checks
    /// them again before writing.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut err = |field: &'static str, reason: Msg| out.push(FieldError::new(field, reason));
        if self.valid_until < self.registered_on {
            err(
                "valid_until",
                msg!(
                    "v.jobseeker.valid_before",
                    iso(self.valid_until),
                    iso(self.registered_on)
                ),
            );
        }
        let status = self.status.as_str();
        let placed = self.status == JobseekerStatus::Ditempatkan;
        match (placed, self.placed_on) {
            (true, None) => err("placed_on", msg!("v.jobseeker.placed_needs_date")),
            (true, Some(on)) if on < self.registered_on => err(
                "placed_on",
                msg!(
                    "v.jobseeker.placed_before",
                    iso(on),
                    iso(self.registered_on)
                ),
            ),
            (false, Some(_)) => err("placed_on", msg!("v.jobseeker.only_placed", status)),
            _ => {}
        }
        if placed && self.placement_id.is_none() && self.placement.is_empty() {
            err("placement", msg!("v.jobseeker.placed_needs_placement"));
        }
        if !placed && (self.placement_id.is_some() || !self.placement.is_empty()) {
            err("placement", msg!("v.jobseeker.only_placed", status));
        }
        if self.status == JobseekerStatus::Dicabut {
            if self.revoke_reason.is_empty() {
                err("revoke_reason", msg!("v.jobseeker.revoke_needs_reason"));
            }
            match self.revoked_on {
                None => err("revoked_on", msg!("v.jobseeker.revoke_needs_date")),
                Some(on) if on < self.registered_on => err(
                    "revoked_on",
                    msg!(
                        "v.jobseeker.revoked_before",
                        iso(on),
                        iso(self.registered_on)
                    ),
                ),
                Some(_) => {}
            }
        } else if !self.revoke_reason.is_empty() || self.revoked_on.is_some() {
            err("revoke_reason", msg!("v.jobseeker.only_revoked", status));
        }
        out
    }

    /// Past its validity on `today` while still aktif.
    pub fn is_expired(&self, today: Date) -> bool {
        self.status == JobseekerStatus::Aktif && self.valid_until < today
    }

    /// The status shown on `today`: `kedaluwarsa` for an expired aktif registration, else the
    /// stored one.
    pub fn shown_status(&self, today: Date) -> &'static str {
        if self.is_expired(today) {
            EXPIRED
        } else {
            self.status.as_str()
        }
    }

    /// The year its number is of (the registration's year).
    pub fn year(&self) -> i32 {
        self.registered_on.year()
    }

    /// The registration moved to `to` on `on`: placed (with `placement` in words, or the
    /// domestic placement `placement_id`) or withdrawn (`reason` required). Refused from any
    /// status but aktif.
    pub fn moved(&self, mv: &StatusMove) -> Result<Jobseeker, Msg> {
        if !self.status.next().contains(&mv.to) {
            return Err(msg!(
                "v.jobseeker.no_move",
                self.status.as_str(),
                mv.to.as_str()
            ));
        }
        let mut new = self.clone();
        new.status = mv.to;
        match mv.to {
            JobseekerStatus::Ditempatkan => {
                new.placed_on = Some(mv.on);
                new.placement_id = mv.placement_id;
                new.placement = mv.text.trim().to_string();
            }
            JobseekerStatus::Dicabut => {
                new.revoked_on = Some(mv.on);
                new.revoke_reason = mv.text.trim().to_string();
            }
            JobseekerStatus::Aktif => {}
        }
        match new.problems().into_iter().next() {
            Some(p) => Err(p.msg()),
            None => Ok(new),
        }
    }
}

impl Jobseeker {
    /// The registration as it was before a recorded placement placed it: `aktif` again
    /// (the placement was archived as entered in error).
    pub fn unplaced(&self) -> Jobseeker {
        let mut new = self.clone();
        new.status = JobseekerStatus::Aktif;
        new.placed_on = None;
        new.placement_id = None;
        new.placement.clear();
        new
    }
}

/// A status move with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMove {
    pub to: JobseekerStatus,
    pub on: Date,
    /// Placed: where (employer, job), when not a recorded placement; withdrawn: why.
    pub text: String,
    /// Placed by a recorded domestic placement: its id.
    pub placement_id: Option<i64>,
}

impl Fields for Jobseeker {
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("registration_no", self.registration_no.clone()),
            ("nik", self.nik.clone()),
            ("name", self.name.clone()),
            ("sex", self.sex.as_str().to_string()),
            ("kecamatan", self.kecamatan.clone()),
            ("desa", self.desa.clone()),
            ("education", self.education.as_str().to_string()),
            ("field_of_study", self.field_of_study.clone()),
            ("skills", self.skills.clone()),
            ("occupation_sought", self.occupation_sought.clone()),
            ("registered_on", iso(self.registered_on)),
            ("valid_until", iso(self.valid_until)),
            ("status", self.status.as_str().to_string()),
            (
                "placement_id",
                self.placement_id.map(|i| i.to_string()).unwrap_or_default(),
            ),
            ("placement", self.placement.clone()),
            ("placed_on", check::date_text(self.placed_on)),
            ("revoke_reason", self.revoke_reason.clone()),
            ("revoked_on", check::date_text(self.revoked_on)),
            ("notes", self.notes.clone()),
        ])
    }
}

/// A six-monthly report (wajib lapor) the job seeker made, on a day, with what they said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobseekerReport {
    pub jobseeker_id: i64,
    pub reported_on: Date,
    pub note: String,
}

impl Fields for JobseekerReport {
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("jobseeker_id", self.jobseeker_id.to_string()),
            ("reported_on", iso(self.reported_on)),
            ("note", self.note.clone()),
        ])
    }
}

/// The report form's fields.
pub const REPORT_FIELDS: &[FieldDef] = &[
    field("reported_on", FieldKind::Date, true),
    field("note", FieldKind::Text, false),
];

impl JobseekerReport {
    /// Check typed values: the registration, the day (not in the future; empty: today), the
    /// note (optional, at most 2000 characters).
    pub fn from_fields(v: &FieldValues, today: Date) -> Verdict<JobseekerReport> {
        let mut c = Checked::default();
        let e = &mut c.errors;
        let jobseeker_id = text(v, "jobseeker_id").parse::<i64>().ok();
        if jobseeker_id.is_none() {
            e.push(FieldError::new(
                "jobseeker_id",
                msg!("v.jobseeker.report_needs_registration"),
            ));
        }
        let day = text(v, "reported_on");
        let reported_on = if day.is_empty() {
            Some(today)
        } else {
            check::optional(e, "reported_on", &day, |s| parse_past_date(s, today))
        };
        check::lengths(e, v, REPORT_FIELDS);
        match (jobseeker_id, reported_on) {
            (Some(jobseeker_id), Some(reported_on)) if c.errors.is_empty() => {
                let note = text(v, "note");
                c.verdict(JobseekerReport {
                    jobseeker_id,
                    reported_on,
                    note,
                })
            }
            _ => (None, c),
        }
    }
}

#[cfg(test)]
mod tests;
