//! Domestic placements (AKL / AKAD) and the job fairs they may come through: the records,
//! their fields and rules. AKL (antar kerja lokal) is a placement with an employer in Jawa
//! Timur, AKAD (antar kerja antar daerah) one in another province: it follows from the
//! employer's province, never typed (DOMAIN.md §4b).

use super::case::{word_enum, Checked, FieldDef, FieldKind, FieldValues, Fields, Sex, Verdict};
use super::check::{self, field as f, text};
use super::date::{iso, parse_date, parse_past_date, Date};
use super::province::{self, HOME_PROVINCE};
use super::{FieldError, Kecamatan, Nik};
use crate::i18n::{Lang, Msg};
use crate::msg;
use chrono::Datelike;
use std::collections::BTreeMap;

word_enum!(
    /// AKL within Jawa Timur, AKAD to another province.
    DomesticKind { Akl => "AKL", Akad => "AKAD" }
);

word_enum!(
    /// How the job seeker found the job.
    How {
        JobFair => "job_fair",
        Karirhub => "karirhub",
        FrontDesk => "front_desk",
        TrainingInstitution => "training_institution",
        Other => "other",
    }
);

impl DomesticKind {
    /// AKL for an employer in Jawa Timur, else AKAD (`province` as listed).
    pub fn of_province(province: &str) -> DomesticKind {
        if province == HOME_PROVINCE {
            DomesticKind::Akl
        } else {
            DomesticKind::Akad
        }
    }
}

impl How {
    /// The way in the officer's words (`Bursa kerja`, `Job fair`).
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            How::JobFair => "choice.how.job_fair",
            How::Karirhub => "choice.how.karirhub",
            How::FrontDesk => "choice.how.front_desk",
            How::TrainingInstitution => "choice.how.training_institution",
            How::Other => "choice.how.other",
        })
    }

    /// The code (`job_fair`), `job fair` / `job-fair`, the label in either language, or the
    /// label's first word where it names one way only (`Loket` for `Loket AK/1`, `Lembaga`).
    pub fn parse_loose(input: &str) -> Result<How, Msg> {
        let norm = |s: &str| s.trim().to_lowercase().replace([' ', '-'], "_");
        let t = norm(input);
        let labels = |h: How| [Lang::Id, Lang::En].map(|l| norm(h.label(l)));
        let whole = How::ALL
            .iter()
            .copied()
            .find(|h| h.as_str() == t || labels(*h).contains(&t));
        let first_word = || {
            let mut by_word = How::ALL.iter().copied().filter(|h| {
                !t.is_empty()
                    && labels(*h)
                        .iter()
                        .any(|l| l.split('_').next() == Some(t.as_str()))
            });
            match (by_word.next(), by_word.next()) {
                (Some(h), None) => Some(h),
                _ => None,
            }
        };
        whole
            .or_else(first_word)
            .ok_or_else(|| msg!("v.how.not_one_of", crate::domain::quoted(input)))
    }
}

/// One domestic placement of a job seeker from Kabupaten Blitar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomesticPlacement {
    pub nik: Nik,
    pub name: String,
    pub sex: Sex,
    pub kecamatan: Kecamatan,
    pub employer: String,
    pub employer_kabupaten: String,
    /// As listed in `data/provinces.csv`.
    pub employer_province: String,
    pub occupation: String,
    /// The employer's line of business (manufaktur, perdagangan, …); may be empty.
    pub sector: String,
    pub placed_on: Date,
    pub how: How,
    /// The job fair's name when the placement came through one.
    pub job_fair: String,
    /// The job seeker's registration number (pane 7) when registered.
    pub registration_no: String,
}

/// The placement's fields in form order; also the import columns (SPEC §5).
pub const DOMESTIC_FIELDS: &[FieldDef] = &[
    f("nik", FieldKind::Nik, true),
    f("name", FieldKind::Text, true),
    check::SEX_FIELD,
    check::KECAMATAN_FIELD,
    f("employer", FieldKind::Text, true),
    f("employer_kabupaten", FieldKind::Text, true),
    f("employer_province", FieldKind::Text, true),
    f("occupation", FieldKind::Text, false),
    f("sector", FieldKind::Text, false),
    f("placed_on", FieldKind::Date, true),
    f(
        "how",
        FieldKind::Choice(&[
            "job_fair",
            "karirhub",
            "front_desk",
            "training_institution",
            "other",
        ]),
        true,
    ),
    f("job_fair", FieldKind::Text, false),
    f("registration_no", FieldKind::Text, false),
];

impl DomesticPlacement {
    /// AKL or AKAD, from the employer's province.
    pub fn kind(&self) -> DomesticKind {
        DomesticKind::of_province(&self.employer_province)
    }

    pub fn year(&self) -> i32 {
        self.placed_on.year()
    }

    /// Build a placement from field values as typed (form or CSV); every problem at once.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<DomesticPlacement> {
        let mut c = Checked::default();
        let get = |k: &str| text(values, k);
        let e = &mut c.errors;
        check::lengths(e, values, DOMESTIC_FIELDS);
        let name = get("name");
        check::person_name(e, &name);
        let sex = check::sex(e, &get("sex"));
        let nik = check::required(e, "nik", &get("nik"), msg!("v.nik.required"), |s| {
            Nik::parse(s, today)
        });
        let kecamatan = check::kecamatan(e, &get("kecamatan"));
        let employer = get("employer");
        check::bounded(
            e,
            "employer",
            &employer,
            200,
            msg!("v.employer.required"),
            msg!("v.too_long_200"),
        );
        let employer_kabupaten = get("employer_kabupaten");
        check::bounded(
            e,
            "employer_kabupaten",
            &employer_kabupaten,
            100,
            msg!("v.employer_kabupaten.required"),
            msg!("v.too_long_200"),
        );
        let province = check::required(
            e,
            "employer_province",
            &get("employer_province"),
            msg!("v.employer_province.required"),
            province::resolve,
        );
        let placed_on = check::required(
            e,
            "placed_on",
            &get("placed_on"),
            msg!("v.placed_on.required"),
            |d| parse_past_date(d, today),
        );
        let how = check::required(
            e,
            "how",
            &get("how"),
            msg!("v.how.required"),
            How::parse_loose,
        );
        let job_fair = get("job_fair");
        if !job_fair.is_empty() && how.is_some_and(|h| h != How::JobFair) {
            e.push(FieldError::new("job_fair", msg!("v.job_fair.not_how")));
        }
        if let Some((n, facts)) = &nik {
            check::nik_facts(
                e,
                &mut c.warnings,
                n,
                facts,
                sex,
                check::RecordSays::Placement,
            );
            if let Some(d) = placed_on.filter(|d| *d < facts.birth_date) {
                e.push(FieldError::new(
                    "placed_on",
                    msg!("v.placed_on.before_birth", iso(d)),
                ));
            }
        }
        match (nik, sex, kecamatan, province, placed_on, how) {
            (Some((nik, _)), Some(sex), Some(kecamatan), Some(p), Some(placed_on), Some(how)) => c
                .verdict(DomesticPlacement {
                    nik,
                    name,
                    sex,
                    kecamatan,
                    employer,
                    employer_kabupaten,
                    employer_province: p.to_string(),
                    occupation: get("occupation"),
                    sector: get("sector"),
                    placed_on,
                    how,
                    job_fair,
                    registration_no: get("registration_no"),
                }),
            _ => (None, c),
        }
    }
}

impl Fields for DomesticPlacement {
    /// Every field as text, keyed like the form and CSV; `kind` (AKL/AKAD) beside them, as
    /// the store keeps it for counting.
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("nik", self.nik.as_str().to_string()),
            ("name", self.name.clone()),
            ("sex", self.sex.as_str().to_string()),
            ("kecamatan", self.kecamatan.name().to_string()),
            ("employer", self.employer.clone()),
            ("employer_kabupaten", self.employer_kabupaten.clone()),
            ("employer_province", self.employer_province.clone()),
            ("kind", self.kind().as_str().to_string()),
            ("occupation", self.occupation.clone()),
            ("sector", self.sector.clone()),
            ("placed_on", iso(self.placed_on)),
            ("how", self.how.as_str().to_string()),
            ("job_fair", self.job_fair.clone()),
            ("registration_no", self.registration_no.clone()),
        ])
    }
}

/// A job fair (bursa kerja) the office held or took part in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFair {
    pub name: String,
    pub held_on: Date,
    pub place: String,
    pub companies: Option<u32>,
    pub vacancies: Option<u32>,
    pub visitors: Option<u32>,
}

pub const JOB_FAIR_FIELDS: &[FieldDef] = &[
    f("fair_name", FieldKind::Text, true),
    f("held_on", FieldKind::Date, true),
    f("place", FieldKind::Text, false),
    f("companies", FieldKind::Text, false),
    f("vacancies", FieldKind::Text, false),
    f("visitors", FieldKind::Text, false),
];

fn count(input: &str) -> Result<u32, Msg> {
    input
        .replace('.', "")
        .parse::<u32>()
        .map_err(|_| msg!("v.count.invalid", crate::domain::quoted(input)))
}

impl JobFair {
    pub fn year(&self) -> i32 {
        self.held_on.year()
    }

    /// Build a job fair from field values as typed. A fair may be planned (a date ahead).
    pub fn from_fields(values: &FieldValues, _today: Date) -> Verdict<JobFair> {
        let mut c = Checked::default();
        let get = |k: &str| text(values, k);
        let e = &mut c.errors;
        check::lengths(e, values, JOB_FAIR_FIELDS);
        let name = get("fair_name");
        check::bounded(
            e,
            "fair_name",
            &name,
            200,
            msg!("v.fair_name.required"),
            msg!("v.too_long_200"),
        );
        let held_on = check::required(
            e,
            "held_on",
            &get("held_on"),
            msg!("v.held_on.required"),
            parse_date,
        );
        let companies = check::optional(e, "companies", &get("companies"), count);
        let vacancies = check::optional(e, "vacancies", &get("vacancies"), count);
        let visitors = check::optional(e, "visitors", &get("visitors"), count);
        match held_on {
            Some(held_on) => c.verdict(JobFair {
                name,
                held_on,
                place: get("place"),
                companies,
                vacancies,
                visitors,
            }),
            None => (None, c),
        }
    }
}

impl Fields for JobFair {
    fn to_fields(&self) -> BTreeMap<String, String> {
        let n = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        check::field_map([
            ("fair_name", self.name.clone()),
            ("held_on", iso(self.held_on)),
            ("place", self.place.clone()),
            ("companies", n(self.companies)),
            ("vacancies", n(self.vacancies)),
            ("visitors", n(self.visitors)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{map, today};

    fn good() -> BTreeMap<String, String> {
        map(&[
            ("nik", "3505124512950001"),
            ("name", "Siti Aminah"),
            ("sex", "P"),
            ("kecamatan", "ponggok"),
            ("employer", "PT Maju"),
            ("employer_kabupaten", "Kota Surabaya"),
            ("employer_province", "jawa timur"),
            ("placed_on", "05/03/2024"),
            ("how", "job fair"),
            ("job_fair", "Job Fair Blitar 2024"),
        ])
    }

    #[test]
    fn the_kind_follows_the_province() {
        let (p, c) = DomesticPlacement::from_fields(&good(), today());
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        let p = p.unwrap();
        assert_eq!((p.kind(), p.how), (DomesticKind::Akl, How::JobFair));
        assert_eq!(p.employer_province, "Jawa Timur");
        assert_eq!(p.to_fields()["kind"], "AKL");
        let mut v = good();
        v.insert("employer_province".into(), "Jawa Barat".into());
        let p = DomesticPlacement::from_fields(&v, today()).0.unwrap();
        assert_eq!(p.kind(), DomesticKind::Akad);
    }

    #[test]
    fn an_unknown_province_and_a_fair_without_its_way_are_refused() {
        let mut v = good();
        v.insert("employer_province".into(), "Jawa Timor".into());
        v.insert("how".into(), "karirhub".into());
        let (p, c) = DomesticPlacement::from_fields(&v, today());
        assert!(p.is_none());
        let fields: Vec<&str> = c.errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["employer_province", "job_fair"]);
        assert!(c.errors[0].text(Lang::En).contains("Jawa Timur"));
    }

    #[test]
    fn ways_parse_by_code_and_label() {
        assert_eq!(How::parse_loose("front-desk"), Ok(How::FrontDesk));
        assert_eq!(How::parse_loose("Bursa kerja"), Ok(How::JobFair));
        // the first word of a label where it names one way only
        assert_eq!(How::parse_loose("Loket"), Ok(How::FrontDesk));
        assert_eq!(How::parse_loose("loket ak/1"), Ok(How::FrontDesk));
        assert_eq!(How::parse_loose("Lembaga"), Ok(How::TrainingInstitution));
        let e = How::parse_loose("walk in").unwrap_err();
        assert!(
            e.text(Lang::Id).contains("Loket AK/1"),
            "{}",
            e.text(Lang::Id)
        );
        assert!(
            e.text(Lang::En).contains("front desk"),
            "{}",
            e.text(Lang::En)
        );
    }

    #[test]
    fn a_job_fair_counts_are_numbers() {
        let v = map(&[
            ("fair_name", "Job Fair Blitar 2024"),
            ("held_on", "2024-10-02"),
            ("companies", "35"),
            ("vacancies", "1.200"),
            ("visitors", "x"),
        ]);
        let (f, c) = JobFair::from_fields(&v, today());
        assert!(f.is_none());
        assert_eq!(c.errors.len(), 1);
        assert_eq!(c.errors[0].field, "visitors");
    }
}
