//! PMI repatriation cases (Kasus PMI): the record, its fields, its rules and its workflow.

use super::check::{self, field as f, text, RecordSays};
use super::date::{iso, parse_date, parse_past_date, Date};
use super::{FieldError, Money, Nik};
use crate::msg;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A closed set of values stored as lower-case words.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident => $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$var => $word),+ }
            }
            pub fn parse(s: &str) -> Result<$name, $crate::i18n::Msg> {
                let t = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t)
                        || v.as_str().replace(' ', "").eq_ignore_ascii_case(&t.replace([' ', '_', '-'], "")))
                    .ok_or_else(|| $crate::msg!(
                        "v.not_one_of",
                        $crate::domain::quoted(t),
                        $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                    ))
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
#[allow(unused_imports)] // used by the record kinds of later panes
pub(crate) use word_enum;

word_enum!(
    /// Jenis kelamin: L (laki-laki) or P (perempuan).
    Sex { L => "L", P => "P" }
);
word_enum!(
    /// Why the PMI must be brought home.
    CaseCategory { Meninggal => "meninggal", Sakit => "sakit", Deportasi => "deportasi", Kendala => "kendala" }
);
word_enum!(
    /// Where the case stands; it moves forward one step at a time.
    CaseStatus { Baru => "baru", Koordinasi => "koordinasi", Pemulangan => "pemulangan", Tiba => "tiba", Ditutup => "ditutup" }
);
word_enum!(
    /// Formal (legal-entity employer) or informal (private household).
    Sector { Formal => "formal", Informal => "informal" }
);
word_enum!(
    /// Placement scheme.
    Scheme { PtoP => "P to P", GtoG => "G to G", GtoP => "G to P", Mandiri => "mandiri" }
);

impl CaseStatus {
    /// The statuses a case may move to from this one (none once closed).
    pub fn next(&self) -> Vec<CaseStatus> {
        use CaseStatus::*;
        match self {
            Baru => vec![Koordinasi],
            Koordinasi => vec![Pemulangan, Ditutup],
            Pemulangan => vec![Tiba],
            Tiba => vec![Ditutup],
            Ditutup => vec![],
        }
    }

    pub fn is_open(&self) -> bool {
        *self != CaseStatus::Ditutup
    }
}

/// A repatriation case as the program keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PmiCase {
    pub name: String,
    pub nik: Option<String>,
    pub sex: Option<Sex>,
    pub kecamatan: String,
    pub desa: String,
    pub country: String,
    pub category: Option<CaseCategory>,
    pub reported_on: Option<Date>,
    pub sector: Option<Sector>,
    pub scheme: Option<Scheme>,
    pub procedural: Option<bool>,
    pub occupation: String,
    pub employer: String,
    pub report_source: String,
    pub family_contact: String,
    pub partner_agencies: String,
    pub arrival_date: Option<Date>,
    pub arrival_place: String,
    pub handover_date: Option<Date>,
    pub costs: Option<Money>,
    pub notes: String,
    pub next_followup: Option<Date>,
    pub status: Option<CaseStatus>,
    /// The officer responsible for the case (`officer`); empty on a new case until the store
    /// gives it the officer who records it. Changed by reassigning, never by the edit form.
    pub officer: String,
    /// The planned return date (`planned_return`), asked when the case moves to pemulangan.
    pub planned_return: Option<Date>,
}

/// The kind of value a field holds (what the form offers for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Nik,
    Choice(&'static [&'static str]),
    Kecamatan,
    Country,
    Date,
    Money,
    Bool,
}

pub struct FieldDef {
    pub key: &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

/// The case's fields in form order (SPEC §3): the first eight first.
pub const CASE_FIELDS: &[FieldDef] = &[
    f("name", FieldKind::Text, true),
    f("nik", FieldKind::Nik, false),
    check::SEX_FIELD,
    check::KECAMATAN_FIELD,
    check::DESA_FIELD,
    check::COUNTRY_FIELD,
    f(
        "category",
        FieldKind::Choice(&["meninggal", "sakit", "deportasi", "kendala"]),
        true,
    ),
    f("reported_on", FieldKind::Date, true),
    f(
        "sector",
        FieldKind::Choice(&["", "formal", "informal"]),
        false,
    ),
    check::SCHEME_FIELD,
    f("procedural", FieldKind::Bool, false),
    f("occupation", FieldKind::Text, false),
    f("employer", FieldKind::Text, false),
    f("report_source", FieldKind::Text, false),
    f("family_contact", FieldKind::Text, false),
    f("partner_agencies", FieldKind::Text, false),
    f("arrival_date", FieldKind::Date, false),
    f("arrival_place", FieldKind::Text, false),
    f("handover_date", FieldKind::Date, false),
    f("costs", FieldKind::Money, false),
    f("notes", FieldKind::Text, false),
    f("next_followup", FieldKind::Date, false),
];

/// Field values as typed in a form or an import row, keyed by field name.
pub type FieldValues = BTreeMap<String, String>;

/// A record kind's value as the text of its fields, keyed like its form (and CSV): what
/// forms, the audit history and exports show, and what the store keeps by column.
pub trait Fields {
    fn to_fields(&self) -> BTreeMap<String, String>;
}

/// What a kind's `from_fields` makes of typed values: the record when nothing is wrong, and
/// what was checked.
pub type Verdict<T> = (Option<T>, Checked);

/// The result of checking typed values: the case, or every problem; warnings either way.
#[derive(Debug, Default)]
pub struct Checked {
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
}

impl Checked {
    /// The record when nothing is wrong, and what was checked either way.
    pub fn verdict<T>(self, record: T) -> Verdict<T> {
        if self.errors.is_empty() {
            (Some(record), self)
        } else {
            (None, self)
        }
    }
}

impl PmiCase {
    /// Build a case from field values as typed (form or CSV). Missing keys count as empty;
    /// an empty `status` means `baru`.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<PmiCase> {
        let mut c = Checked::default();
        let mut case = PmiCase {
            name: text(values, "name"),
            desa: text(values, "desa"),
            occupation: text(values, "occupation"),
            employer: text(values, "employer"),
            report_source: text(values, "report_source"),
            family_contact: text(values, "family_contact"),
            partner_agencies: text(values, "partner_agencies"),
            arrival_place: text(values, "arrival_place"),
            notes: text(values, "notes"),
            officer: text(values, "officer"),
            ..PmiCase::default()
        };
        let get = |k: &str| text(values, k);
        let e = &mut c.errors;
        check::person_name(e, &case.name);
        check::lengths(e, values, CASE_FIELDS);
        case.sex = check::sex(e, &get("sex"));
        if let Some((n, facts)) = check::optional(e, "nik", &get("nik"), |s| Nik::parse(s, today)) {
            check::nik_facts(e, &mut c.warnings, &n, &facts, case.sex, RecordSays::Case);
            case.nik = Some(n.as_str().to_string());
        }
        if let Some(k) = check::kecamatan(e, &get("kecamatan")) {
            case.kecamatan = k.name().to_string();
        }
        case.country = check::country(e, &mut c.warnings, &get("country")).unwrap_or_default();
        case.category = check::required(
            e,
            "category",
            &get("category"),
            msg!("v.category.required"),
            CaseCategory::parse,
        );
        case.reported_on = check::required(
            e,
            "reported_on",
            &get("reported_on"),
            msg!("v.reported_on.required"),
            |k| parse_past_date(k, today),
        );
        case.sector = check::optional(e, "sector", &get("sector"), Sector::parse);
        case.scheme = check::optional(e, "scheme", &get("scheme"), Scheme::parse);
        case.procedural = check::yes_no(e, "procedural", &get("procedural"));
        // An arrival and a hand-over are days that have happened; a follow-up is one to come.
        for (key, slot) in [
            ("arrival_date", &mut case.arrival_date),
            ("handover_date", &mut case.handover_date),
        ] {
            *slot = check::optional(e, key, &get(key), |d| parse_past_date(d, today));
        }
        case.next_followup = check::optional(e, "next_followup", &get("next_followup"), parse_date);
        case.planned_return =
            check::optional(e, "planned_return", &get("planned_return"), parse_date);
        if let (Some(a), Some(h)) = (case.arrival_date, case.handover_date) {
            if h < a {
                e.push(FieldError::new(
                    "handover_date",
                    msg!("v.handover.before_arrival"),
                ));
            }
        }
        case.costs = check::optional(e, "costs", &get("costs"), Money::parse);
        case.status = match get("status").as_str() {
            "" => Some(CaseStatus::Baru),
            s => check::optional(e, "status", s, CaseStatus::parse),
        };
        if let Some(d) = case.next_followup {
            if d < today && case.status.is_some_and(|s| s.is_open()) {
                c.warnings.push(FieldError::new(
                    "next_followup",
                    msg!("v.followup.passed", iso(d)),
                ));
            }
        }
        c.verdict(case)
    }
}

/// The keys of [`Fields::to_fields`] of a case: its form fields, then its status, officer
/// and planned return.
const CASE_KEYS_BEYOND_FORM: [&str; 3] = ["status", "officer", "planned_return"];

impl PmiCase {
    /// One field as text, as `to_fields` has it under `key` (a form or CSV column name);
    /// `None` for a key that is no field of a case. Borrowed where the case holds the text,
    /// so a list of any length is written without a copy of every field.
    pub fn field_text(&self, key: &str) -> Option<Cow<'_, str>> {
        let word = |w: Option<&'static str>| Cow::Borrowed(w.unwrap_or_default());
        let date = |d: Option<Date>| Cow::Owned(check::date_text(d));
        Some(match key {
            "name" => Cow::Borrowed(self.name.as_str()),
            "nik" => Cow::Borrowed(self.nik.as_deref().unwrap_or_default()),
            "sex" => word(self.sex.map(|s| s.as_str())),
            "kecamatan" => Cow::Borrowed(self.kecamatan.as_str()),
            "desa" => Cow::Borrowed(self.desa.as_str()),
            "country" => Cow::Borrowed(self.country.as_str()),
            "category" => word(self.category.map(|s| s.as_str())),
            "reported_on" => date(self.reported_on),
            "sector" => word(self.sector.map(|s| s.as_str())),
            "scheme" => word(self.scheme.map(|s| s.as_str())),
            "procedural" => word(self.procedural.map(|p| if p { "ya" } else { "tidak" })),
            "occupation" => Cow::Borrowed(self.occupation.as_str()),
            "employer" => Cow::Borrowed(self.employer.as_str()),
            "report_source" => Cow::Borrowed(self.report_source.as_str()),
            "family_contact" => Cow::Borrowed(self.family_contact.as_str()),
            "partner_agencies" => Cow::Borrowed(self.partner_agencies.as_str()),
            "arrival_date" => date(self.arrival_date),
            "arrival_place" => Cow::Borrowed(self.arrival_place.as_str()),
            "handover_date" => date(self.handover_date),
            "costs" => Cow::Owned(self.costs.map(|m| m.plain()).unwrap_or_default()),
            "notes" => Cow::Borrowed(self.notes.as_str()),
            "next_followup" => date(self.next_followup),
            "status" => word(self.status.map(|s| s.as_str())),
            "officer" => Cow::Borrowed(self.officer.as_str()),
            "planned_return" => date(self.planned_return),
            _ => return None,
        })
    }
}

impl Fields for PmiCase {
    /// Every field as text, keyed like the form and CSV (for forms, audit history, export).
    fn to_fields(&self) -> BTreeMap<String, String> {
        CASE_FIELDS
            .iter()
            .map(|f| f.key)
            .chain(CASE_KEYS_BEYOND_FORM)
            .filter_map(|k| Some((k.to_string(), self.field_text(k)?.into_owned())))
            .collect()
    }
}

impl PmiCase {
    /// A follow-up date that has passed on a case still open.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.map(|s| s.is_open()).unwrap_or(true)
            && self.next_followup.is_some_and(|d| d < today)
    }
}

/// The fields whose values differ: (field, old, new).
pub fn diff_fields(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (k, nv) in new {
        let ov = old.get(k).cloned().unwrap_or_default();
        if &ov != nv {
            out.push((k.clone(), ov, nv.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{assert_refused, kept, map, refused, today, with};

    fn good() -> BTreeMap<String, String> {
        map(&[
            ("name", "Siti Aminah"),
            ("nik", "3505124512950001"),
            ("sex", "P"),
            ("kecamatan", "ponggok"),
            ("country", "hong kong"),
            ("category", "sakit"),
            ("reported_on", "01/11/2026"),
            ("costs", "1.500.000"),
        ])
    }

    #[test]
    fn a_good_case_is_normalised() {
        let (case, checked) = PmiCase::from_fields(&good(), today());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        assert!(checked.warnings.is_empty());
        let case = case.unwrap();
        assert_eq!(case.kecamatan, "Ponggok");
        assert_eq!(case.country, "Hongkong");
        assert_eq!(case.status, Some(CaseStatus::Baru));
        assert_eq!(case.to_fields()["reported_on"], "2026-11-01");
        assert_eq!(case.to_fields()["costs"], "1500000");
    }

    #[test]
    fn sex_must_agree_with_the_nik() {
        let v = with(good(), &[("sex", "L")]);
        let checked = refused(PmiCase::from_fields(&v, today()));
        assert_eq!(checked.errors[0].field, "nik");
    }

    #[test]
    fn outside_blitar_is_a_warning_not_a_refusal() {
        let v = with(good(), &[("nik", "3578014512950001")]);
        let checked = kept(PmiCase::from_fields(&v, today()));
        assert_eq!(checked.warnings.len(), 1);
        assert!(checked.warnings[0].reason.en().contains("3578"));
    }

    #[test]
    fn every_problem_is_reported() {
        let v: BTreeMap<String, String> = map(&[
            ("nik", "123"),
            ("sex", "X"),
            ("kecamatan", "Jakarta"),
            ("category", "lost"),
            ("reported_on", "2027-01-01"),
        ]);
        assert_refused(
            PmiCase::from_fields(&v, today()),
            &[
                "name",
                "nik",
                "sex",
                "kecamatan",
                "country",
                "category",
                "reported_on",
            ],
        );
    }

    #[test]
    fn undocumented_pmi_have_no_nik() {
        let mut v = good();
        v.remove("nik");
        assert!(PmiCase::from_fields(&v, today()).0.is_some());
    }

    #[test]
    fn status_workflow() {
        assert_eq!(CaseStatus::Baru.next(), vec![CaseStatus::Koordinasi]);
        assert!(CaseStatus::Ditutup.next().is_empty());
        assert_eq!(Scheme::parse("p to p").unwrap(), Scheme::PtoP);
        assert_eq!(Scheme::parse("PtoP").unwrap(), Scheme::PtoP);
    }

    #[test]
    fn overdue_only_while_open() {
        let (case, _) = PmiCase::from_fields(&good(), today());
        let mut case = case.unwrap();
        case.next_followup = Some(Date::from_ymd_opt(2026, 11, 20).unwrap());
        assert!(case.is_overdue(today()));
        case.status = Some(CaseStatus::Ditutup);
        assert!(!case.is_overdue(today()));
    }
}
