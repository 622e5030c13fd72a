//! A participant of a training (peserta pelatihan) and what became of them: graduated,
//! certified, and employment after the training, which is what IKU1 counts.

use super::Training;
use crate::domain::case::{
    word_enum, Checked, FieldDef, FieldKind, FieldValues, Fields, Sex, Verdict,
};
use crate::domain::check::{self, field as def, text};
use crate::domain::date::{iso, parse_date, Date};
use crate::domain::{FieldError, Nik};
use crate::i18n::Msg;
use crate::msg;
use std::collections::BTreeMap;

word_enum!(
    /// Employment after the training, once it is known. `Bekerja` (a wage job) and
    /// `Wirausaha` (an own business) both count as employed for IKU1.
    Employment { TidakBekerja => "tidak bekerja", Bekerja => "bekerja", Wirausaha => "wirausaha" }
);
word_enum!(
    /// How an officer verified the employment result.
    VerifiedHow { Telepon => "telepon", Kunjungan => "kunjungan", Dokumen => "dokumen", Pesan => "pesan", Lainnya => "lainnya" }
);

impl Employment {
    /// Counts for IKU1.
    pub fn is_employed(&self) -> bool {
        matches!(self, Employment::Bekerja | Employment::Wirausaha)
    }

    /// The Indonesian words, and the English ones the SPEC and import files use.
    pub fn from_input(s: &str) -> Result<Employment, Msg> {
        let key = s.trim().to_lowercase().replace(['_', '-'], " ");
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        match key.as_str() {
            "none" | "unemployed" | "not employed" | "tidak" | "belum bekerja" => {
                Ok(Employment::TidakBekerja)
            }
            "wage" | "wage job" | "employee" | "job" | "karyawan" => Ok(Employment::Bekerja),
            "own business" | "business" | "self employed" | "entrepreneur" | "usaha"
            | "usaha sendiri" => Ok(Employment::Wirausaha),
            _ => Employment::parse(s)
                .map_err(|_| msg!("v.employment.invalid", crate::domain::quoted(s))),
        }
    }
}

impl VerifiedHow {
    pub fn from_input(s: &str) -> Result<VerifiedHow, Msg> {
        match s.trim().to_lowercase().as_str() {
            "phone" | "telp" | "call" => Ok(VerifiedHow::Telepon),
            "visit" => Ok(VerifiedHow::Kunjungan),
            "document" | "dok" => Ok(VerifiedHow::Dokumen),
            "message" | "whatsapp" | "wa" | "sms" => Ok(VerifiedHow::Pesan),
            "other" => Ok(VerifiedHow::Lainnya),
            _ => VerifiedHow::parse(s),
        }
    }
}

/// A participant as the program keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trainee {
    pub training_id: i64,
    pub nik: String,
    pub name: String,
    pub sex: Sex,
    pub kecamatan: String,
    /// For the follow-up call; may be empty.
    pub phone: String,
    pub graduated: bool,
    pub certified: bool,
    pub certificate_no: String,
    /// `None` while nobody has found out (the follow-up list).
    pub employment: Option<Employment>,
    pub employer: String,
    pub employed_on: Option<Date>,
    pub verified_on: Option<Date>,
    pub verified_how: Option<VerifiedHow>,
}

/// The participant's fields in form order.
pub const TRAINEE_FIELDS: &[FieldDef] = &[
    def("name", FieldKind::Text, true),
    def("nik", FieldKind::Nik, true),
    check::SEX_FIELD,
    check::KECAMATAN_FIELD,
    def("phone", FieldKind::Text, false),
    def("graduated", FieldKind::Bool, false),
    def("certified", FieldKind::Bool, false),
    def("certificate_no", FieldKind::Text, false),
    def(
        "employment",
        FieldKind::Choice(&["", "tidak bekerja", "bekerja", "wirausaha"]),
        false,
    ),
    def("employer", FieldKind::Text, false),
    def("employed_on", FieldKind::Date, false),
    def("verified_on", FieldKind::Date, false),
    def(
        "verified_how",
        FieldKind::Choice(&["", "telepon", "kunjungan", "dokumen", "pesan", "lainnya"]),
        false,
    ),
];

fn yes_no(b: bool) -> String {
    if b { "ya" } else { "tidak" }.to_string()
}

/// A yes/no field; empty is `None`.
fn flag(values: &BTreeMap<String, String>, key: &'static str, c: &mut Checked) -> Option<bool> {
    check::yes_no(&mut c.errors, key, &text(values, key))
}

/// Employment from `employment`, or from the import's `employed` (yes/no) and
/// `employment_type` (bekerja / wirausaha).
fn employment(values: &BTreeMap<String, String>, c: &mut Checked) -> Option<Employment> {
    let word = text(values, "employment");
    if !word.is_empty() {
        return Employment::from_input(&word)
            .map_err(|e| c.errors.push(FieldError::new("employment", e)))
            .ok();
    }
    let employed = flag(values, "employed", c);
    let kind = match text(values, "employment_type").as_str() {
        "" => None,
        t => match Employment::from_input(t) {
            Ok(k) => Some(k),
            Err(e) => {
                c.errors.push(FieldError::new("employment_type", e));
                return None;
            }
        },
    };
    match (employed, kind) {
        (None, k) => k,
        (Some(false), None | Some(Employment::TidakBekerja)) => Some(Employment::TidakBekerja),
        (Some(false), Some(k)) => {
            c.errors.push(FieldError::new(
                "employment_type",
                msg!("v.employment.contradicts", k),
            ));
            None
        }
        (Some(true), Some(k)) if k.is_employed() => Some(k),
        (Some(true), _) => {
            // Never guess which: IKU1 counts both, the pane shows them apart.
            c.errors.push(FieldError::new(
                "employment_type",
                msg!("v.employment.which"),
            ));
            None
        }
    }
}

fn check_phone(phone: &str, c: &mut Checked) {
    if phone.is_empty() {
        return;
    }
    let digits = phone.chars().filter(|ch| ch.is_ascii_digit()).count();
    let allowed = phone
        .chars()
        .all(|ch| ch.is_ascii_digit() || " +-().".contains(ch));
    if !allowed || !(8..=15).contains(&digits) {
        c.errors.push(FieldError::new(
            "phone",
            msg!("v.phone.invalid", crate::domain::quoted(phone)),
        ));
    }
}

impl Trainee {
    /// Build a participant of `training` (stored as `training_id`) from field values as typed
    /// (form or import file). Missing keys count as empty: not graduated, not certified,
    /// employment unknown.
    pub fn from_fields(
        values: &FieldValues,
        training_id: i64,
        training: &Training,
        today: Date,
    ) -> Verdict<Trainee> {
        let mut c = Checked::default();
        let name = super::collapse_spaces(&text(values, "name"));
        let e = &mut c.errors;
        check::person_name(e, &name);
        let sex = check::sex(e, &text(values, "sex"));
        let nik = match Nik::parse(&text(values, "nik"), today) {
            Ok((n, facts)) => {
                check::nik_facts(
                    e,
                    &mut c.warnings,
                    &n,
                    &facts,
                    sex,
                    check::RecordSays::Participant,
                );
                n.as_str().to_string()
            }
            Err(reason) => {
                e.push(FieldError::new("nik", reason));
                String::new()
            }
        };
        let kecamatan = check::kecamatan(e, &text(values, "kecamatan"))
            .map(|k| k.name().to_string())
            .unwrap_or_default();
        let phone = text(values, "phone");
        check_phone(&phone, &mut c);

        let graduated = flag(values, "graduated", &mut c).unwrap_or(false);
        let certificate_no = super::collapse_spaces(&text(values, "certificate_no"));
        let certified = match flag(values, "certified", &mut c) {
            Some(b) => b,
            None => !certificate_no.is_empty(),
        };
        if certified && certificate_no.is_empty() {
            c.errors.push(FieldError::new(
                "certificate_no",
                msg!("v.certificate.required"),
            ));
        }
        if !certified && !certificate_no.is_empty() {
            c.errors.push(FieldError::new(
                "certificate_no",
                msg!("v.certificate.not_certified"),
            ));
        }
        if certified && !graduated {
            c.warnings.push(FieldError::new(
                "certified",
                msg!("v.certificate.not_graduated"),
            ));
        }

        let employment = employment(values, &mut c);
        let employed = employment.is_some_and(|e| e.is_employed());
        let employer = super::collapse_spaces(&text(values, "employer"));
        if !employer.is_empty() && !employed {
            c.errors
                .push(FieldError::new("employer", msg!("v.employer.not_employed")));
        }
        if employment == Some(Employment::Bekerja) && employer.is_empty() {
            c.warnings
                .push(FieldError::new("employer", msg!("v.employer.unknown")));
        }
        // Results count from the end of the training, and cannot lie ahead.
        let from = training.outcome_from();
        let mut result_date = |key: &'static str| -> Option<Date> {
            let v = text(values, key);
            if v.is_empty() {
                return None;
            }
            match parse_date(&v) {
                Err(e) => c.errors.push(FieldError::new(key, e)),
                Ok(d) if d > today => c
                    .errors
                    .push(FieldError::new(key, msg!("v.date.future", iso(d)))),
                Ok(d) if d < from => c.errors.push(FieldError::new(
                    key,
                    if key == "employed_on" {
                        msg!("v.employed_on.before_end", iso(d), iso(from))
                    } else {
                        msg!("v.verified_on.before_end", iso(d), iso(from))
                    },
                )),
                Ok(d) => return Some(d),
            }
            None
        };
        let employed_on = result_date("employed_on");
        let verified_on = result_date("verified_on");
        if employed_on.is_some() && !employed {
            c.errors.push(FieldError::new(
                "employed_on",
                msg!("v.employed_on.not_employed"),
            ));
        }
        let verified_how = match text(values, "verified_how").as_str() {
            "" => None,
            v => VerifiedHow::from_input(v)
                .map_err(|e| c.errors.push(FieldError::new("verified_how", e)))
                .ok(),
        };
        if (verified_on.is_some() || verified_how.is_some()) && employment.is_none() {
            c.errors.push(FieldError::new(
                "verified_on",
                msg!("v.verified.needs_result"),
            ));
        }
        match sex {
            Some(sex) => c.verdict(Trainee {
                training_id,
                nik,
                name,
                sex,
                kecamatan,
                phone,
                graduated,
                certified,
                certificate_no,
                employment,
                employer,
                employed_on,
                verified_on,
                verified_how,
            }),
            _ => (None, c),
        }
    }
}

impl Fields for Trainee {
    /// Every field as text, keyed like the form (for forms, audit history, export).
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("training_id", self.training_id.to_string()),
            ("nik", self.nik.clone()),
            ("name", self.name.clone()),
            ("sex", self.sex.as_str().to_string()),
            ("kecamatan", self.kecamatan.clone()),
            ("phone", self.phone.clone()),
            ("graduated", yes_no(self.graduated)),
            ("certified", yes_no(self.certified)),
            ("certificate_no", self.certificate_no.clone()),
            (
                "employment",
                self.employment
                    .map(|e| e.as_str().to_string())
                    .unwrap_or_default(),
            ),
            ("employer", self.employer.clone()),
            ("employed_on", check::date_text(self.employed_on)),
            ("verified_on", check::date_text(self.verified_on)),
            (
                "verified_how",
                self.verified_how
                    .map(|e| e.as_str().to_string())
                    .unwrap_or_default(),
            ),
        ])
    }
}

impl Trainee {
    pub fn is_employed(&self) -> bool {
        self.employment.is_some_and(|e| e.is_employed())
    }

    /// The same participant with a follow-up result, checked by the same rules as a form:
    /// the TUI's two-key action. `verified_on` is the day the officer found out.
    #[allow(clippy::too_many_arguments)]
    pub fn with_employment(
        &self,
        training: &Training,
        employment: Employment,
        employer: &str,
        employed_on: Option<Date>,
        verified_on: Date,
        verified_how: VerifiedHow,
        today: Date,
    ) -> Result<Trainee, Vec<FieldError>> {
        let mut v = self.to_fields();
        v.insert("employment".into(), employment.as_str().into());
        v.insert("employer".into(), employer.into());
        v.insert("employed_on".into(), check::date_text(employed_on));
        v.insert("verified_on".into(), iso(verified_on));
        v.insert("verified_how".into(), verified_how.as_str().into());
        let (t, c) = Trainee::from_fields(&v, self.training_id, training, today);
        t.ok_or(c.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::super::FundingSource;
    use super::*;
    use crate::domain::testing::{map, today, with};

    fn training() -> Training {
        let mut t = Training::new("Barista", 2024, FundingSource::Dau);
        t.start_date = Date::from_ymd_opt(2024, 7, 1);
        t.end_date = Date::from_ymd_opt(2024, 7, 12);
        t
    }

    fn good() -> BTreeMap<String, String> {
        map(&[
            ("name", "Dwi  Lestari"),
            ("nik", "3505124512950001"),
            ("sex", "p"),
            ("kecamatan", "PONGGOK"),
            ("phone", "0812-3456-7890"),
            ("graduated", "ya"),
            ("certificate_no", "BNSP 123/2024"),
            ("employed", "yes"),
            ("employment_type", "wage job"),
            ("employer", "Kafe Kopi Kita"),
            ("employed_on", "01/09/2024"),
        ])
    }

    fn check(v: &BTreeMap<String, String>) -> Verdict<Trainee> {
        Trainee::from_fields(v, 7, &training(), today())
    }

    #[test]
    fn an_import_row_is_normalised() {
        let (t, c) = check(&good());
        assert!(c.errors.is_empty() && c.warnings.is_empty(), "{c:?}");
        let t = t.unwrap();
        assert_eq!(t.name, "Dwi Lestari");
        assert_eq!(t.kecamatan, "Ponggok");
        assert!(t.certified, "a certificate number means certified");
        assert_eq!(t.employment, Some(Employment::Bekerja));
        assert!(t.is_employed());
        let f = t.to_fields();
        assert_eq!(f["employed_on"], "2024-09-01");
        assert_eq!(f["employment"], "bekerja");
        // the stored fields read back to the same participant
        assert_eq!(check(&f).0.unwrap(), t);
    }

    #[test]
    fn nik_is_required_valid_and_agrees_with_sex() {
        let mut v = with(good(), &[("sex", "L")]);
        assert_eq!(check(&v).1.errors[0].field, "nik");
        v.remove("nik");
        assert_eq!(check(&v).1.errors[0].field, "nik");
        let v = with(good(), &[("nik", "3578014512950001")]);
        let (t, c) = check(&v);
        assert!(t.is_some());
        assert!(c.warnings[0].reason.en().contains("3578"));
    }

    #[test]
    fn certificate_number_goes_with_certified() {
        let mut v = with(good(), &[("certified", "ya"), ("certificate_no", "")]);
        assert_eq!(check(&v).1.errors[0].field, "certificate_no");
        v.insert("certified".into(), "tidak".into());
        v.insert("certificate_no".into(), "X1".into());
        assert_eq!(check(&v).1.errors[0].field, "certificate_no");
    }

    #[test]
    fn employment_words() {
        let kind = |employed: &str, ty: &str| {
            let mut v = good();
            v.insert("employed".into(), employed.into());
            v.insert("employment_type".into(), ty.into());
            v.insert("employer".into(), "".into());
            v.insert("employed_on".into(), "".into());
            let (t, c) = check(&v);
            (
                t.and_then(|t| t.employment),
                c.errors.first().map(|e| e.field),
            )
        };
        assert_eq!(kind("ya", "wirausaha"), (Some(Employment::Wirausaha), None));
        assert_eq!(
            kind("1", "own business"),
            (Some(Employment::Wirausaha), None)
        );
        assert_eq!(kind("", "bekerja"), (Some(Employment::Bekerja), None));
        assert_eq!(kind("tidak", ""), (Some(Employment::TidakBekerja), None));
        assert_eq!(kind("", ""), (None, None));
        assert_eq!(kind("ya", ""), (None, Some("employment_type")));
        assert_eq!(kind("tidak", "bekerja"), (None, Some("employment_type")));
        assert_eq!(kind("maybe", ""), (None, Some("employed")));
    }

    #[test]
    fn employment_date_after_the_training_and_not_in_the_future() {
        let mut v = with(good(), &[("employed_on", "2024-07-11")]);
        let e = &check(&v).1.errors[0];
        assert_eq!(e.field, "employed_on");
        assert!(e
            .reason
            .en()
            .contains("before the training ended (12-07-2024)"));
        v.insert("employed_on".into(), "2024-07-12".into());
        assert!(check(&v).0.is_some());
        v.insert("employed_on".into(), "2026-11-29".into());
        assert!(check(&v).1.errors[0].reason.en().contains("future"));
    }

    #[test]
    fn no_employer_or_date_without_employment() {
        let v = with(good(), &[("employed", "tidak"), ("employment_type", "")]);
        let fields: Vec<_> = check(&v).1.errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["employer", "employed_on"]);
    }

    #[test]
    fn a_follow_up_result_is_checked_like_a_form() {
        let mut v = good();
        for k in ["employed", "employment_type", "employer", "employed_on"] {
            v.remove(k);
        }
        let t = check(&v).0.unwrap();
        assert_eq!(t.employment, None);
        let day = Date::from_ymd_opt(2025, 1, 15).unwrap();
        let marked = t
            .with_employment(
                &training(),
                Employment::Wirausaha,
                "Barbershop Dwi",
                None,
                day,
                VerifiedHow::Telepon,
                today(),
            )
            .unwrap();
        assert_eq!(marked.employment, Some(Employment::Wirausaha));
        assert_eq!(marked.verified_on, Some(day));
        let err = t
            .with_employment(
                &training(),
                Employment::TidakBekerja,
                "Somewhere",
                None,
                day,
                VerifiedHow::Kunjungan,
                today(),
            )
            .unwrap_err();
        assert_eq!(err[0].field, "employer");
        assert_eq!(
            VerifiedHow::from_input("WhatsApp").unwrap(),
            VerifiedHow::Pesan
        );
    }
}
