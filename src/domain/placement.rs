//! PMI placements (Penempatan PMI): one record per departure of a migrant worker abroad,
//! typed in or imported from the ministry's exports. Counted by kecamatan, country, sector
//! and sex (LKjIP tables 3.16 and 3.17).

use super::case::{
    Checked, FieldDef, FieldKind, FieldValues, Fields, Scheme, Sector, Sex, Verdict,
};
use super::check::{self, field as f, text};
use super::date::{iso, parse_past_date, Date};
use super::{FieldError, Kecamatan, Nik};
use crate::msg;
use chrono::Datelike;
use std::collections::BTreeMap;

/// One departure. Every required field is typed, so a `Placement` is valid by construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub nik: Nik,
    pub name: String,
    pub sex: Sex,
    pub kecamatan: Kecamatan,
    /// Desa or kelurahan; may be empty.
    pub desa: String,
    /// Normalised to the listed spelling when known; other names are kept as typed.
    pub country: String,
    pub sector: Sector,
    pub scheme: Option<Scheme>,
    pub occupation: String,
    pub departure_date: Date,
}

/// The placement's fields in form order (SPEC §3 pane 2), also the import columns.
pub const PLACEMENT_FIELDS: &[FieldDef] = &[
    f("nik", FieldKind::Nik, true),
    f("name", FieldKind::Text, true),
    check::SEX_FIELD,
    check::KECAMATAN_FIELD,
    check::DESA_FIELD,
    check::COUNTRY_FIELD,
    f("sector", FieldKind::Choice(&["formal", "informal"]), true),
    check::SCHEME_FIELD,
    f("occupation", FieldKind::Text, false),
    f("departure_date", FieldKind::Date, true),
];

/// The youngest age at which the law (UU 18/2017) lets a PMI be placed abroad.
const MIN_AGE: i32 = 18;

/// Whole years between two dates.
fn age_on(birth: Date, on: Date) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

impl Placement {
    /// Build a placement from field values as typed (form or CSV). Missing keys count as
    /// empty. Returns every problem at once; warnings do not stop the record.
    pub fn from_fields(values: &FieldValues, today: Date) -> Verdict<Placement> {
        let mut c = Checked::default();
        let get = |k: &str| text(values, k);
        let e = &mut c.errors;
        for def in PLACEMENT_FIELDS {
            if get(def.key).chars().count() > 2000 {
                e.push(FieldError::new(def.key, msg!("v.too_long_2000")));
            }
        }
        let name = get("name");
        check::person_name(e, &name);
        let sex = check::sex(e, &get("sex"));
        let nik = check::required(e, "nik", &get("nik"), msg!("v.nik.required"), |s| {
            Nik::parse(s, today)
        });
        let kecamatan = check::kecamatan(e, &get("kecamatan"));
        let country = check::country(e, &mut c.warnings, &get("country"));
        let sector = check::required(
            e,
            "sector",
            &get("sector"),
            msg!("v.sector.required"),
            Sector::parse,
        );
        // A scheme that is not one of the list is an error, so no record is made with it.
        let scheme = check::optional(e, "scheme", &get("scheme"), Scheme::parse);
        let departure_date = check::required(
            e,
            "departure_date",
            &get("departure_date"),
            msg!("v.departure.required"),
            |d| parse_past_date(d, today),
        );

        if let Some((n, facts)) = &nik {
            check::nik_facts(
                e,
                &mut c.warnings,
                n,
                facts,
                sex,
                check::RecordSays::Placement,
            );
            if let Some(d) = departure_date {
                if d < facts.birth_date {
                    e.push(FieldError::new(
                        "departure_date",
                        msg!("v.departure.before_birth", iso(d)),
                    ));
                } else if age_on(facts.birth_date, d) < MIN_AGE {
                    c.warnings.push(FieldError::new(
                        "departure_date",
                        msg!(
                            "v.departure.under_age",
                            age_on(facts.birth_date, d),
                            MIN_AGE
                        ),
                    ));
                }
            }
        }
        match (nik, sex, kecamatan, country, sector, scheme, departure_date) {
            (
                Some((nik, _)),
                Some(sex),
                Some(kecamatan),
                Some(country),
                Some(sector),
                scheme,
                Some(departure_date),
            ) => c.verdict(Placement {
                nik,
                name,
                sex,
                kecamatan,
                desa: get("desa"),
                country,
                sector,
                scheme,
                occupation: get("occupation"),
                departure_date,
            }),
            _ => (None, c),
        }
    }
}

impl Fields for Placement {
    /// Every field as text, keyed like the form and CSV (for forms, audit history, export).
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("nik", self.nik.as_str().to_string()),
            ("name", self.name.clone()),
            ("sex", self.sex.as_str().to_string()),
            ("kecamatan", self.kecamatan.name().to_string()),
            ("desa", self.desa.clone()),
            ("country", self.country.clone()),
            ("sector", self.sector.as_str().to_string()),
            (
                "scheme",
                self.scheme.map(|s| s.as_str().into()).unwrap_or_default(),
            ),
            ("occupation", self.occupation.clone()),
            ("departure_date", iso(self.departure_date)),
        ])
    }
}

impl Placement {
    /// The calendar year the departure counts in.
    pub fn year(&self) -> i32 {
        self.departure_date.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{assert_refused, kept, map, refused, today, with};

    fn good() -> BTreeMap<String, String> {
        map(&[
            ("nik", "3505124512950001"),
            ("name", "Siti Aminah"),
            ("sex", "p"),
            ("kecamatan", "PONGGOK"),
            ("desa", " Bacem "),
            ("country", "hong kong"),
            ("sector", "Informal"),
            ("scheme", "p to p"),
            ("departure_date", "05/03/2024"),
        ])
    }

    #[test]
    fn a_good_placement_is_normalised_and_round_trips() {
        let (p, checked) = Placement::from_fields(&good(), today());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
        let p = p.unwrap();
        assert_eq!(p.kecamatan.name(), "Ponggok");
        assert_eq!(p.country, "Hongkong");
        assert_eq!(p.sector, Sector::Informal);
        assert_eq!(p.scheme, Some(Scheme::PtoP));
        assert_eq!(p.year(), 2024);
        let fields = p.to_fields();
        assert_eq!(fields["departure_date"], "2024-03-05");
        assert_eq!(fields["desa"], "Bacem");
        assert_eq!(fields.len(), PLACEMENT_FIELDS.len());
        let (again, _) = Placement::from_fields(&fields, today());
        assert_eq!(again.unwrap(), p);
    }

    #[test]
    fn optional_fields_may_be_empty_and_free_text_countries_stay() {
        let mut v = good();
        for k in ["desa", "scheme", "occupation"] {
            v.remove(k);
        }
        v.insert("country".into(), " Kenya ".into());
        let (p, checked) = Placement::from_fields(&v, today());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let p = p.unwrap();
        assert_eq!(p.scheme, None);
        assert_eq!(p.country, "Kenya");
    }

    #[test]
    fn every_problem_is_reported() {
        let v: BTreeMap<String, String> = map(&[
            ("nik", "123"),
            ("sex", "X"),
            ("kecamatan", "Jakarta"),
            ("sector", "rumah"),
            ("scheme", "lewat calo"),
            ("departure_date", "2027-01-01"),
        ]);
        assert_refused(
            Placement::from_fields(&v, today()),
            &[
                "nik",
                "name",
                "sex",
                "kecamatan",
                "country",
                "sector",
                "scheme",
                "departure_date",
            ],
        );
    }

    #[test]
    fn nik_is_required_and_must_agree_with_sex() {
        let mut v = good();
        v.remove("nik");
        assert!(Placement::from_fields(&v, today()).0.is_none());
        let v = with(good(), &[("sex", "L")]);
        let checked = refused(Placement::from_fields(&v, today()));
        assert_eq!(checked.errors[0].field, "nik");
    }

    #[test]
    fn departure_before_birth_is_refused_and_under_age_is_warned() {
        let v = with(good(), &[("departure_date", "1994-01-01")]);
        let checked = refused(Placement::from_fields(&v, today()));
        assert_eq!(checked.errors[0].field, "departure_date");

        let v = with(good(), &[("departure_date", "2013-12-04")]);
        let checked = kept(Placement::from_fields(&v, today()));
        assert_eq!(checked.warnings[0].field, "departure_date");
        assert!(checked.warnings[0].reason.en().contains("17"));
    }

    #[test]
    fn outside_blitar_is_a_warning() {
        let v = with(good(), &[("nik", "3578014512950001")]);
        let checked = kept(Placement::from_fields(&v, today()));
        assert!(checked.warnings[0].reason.en().contains("3578"));
    }
}
