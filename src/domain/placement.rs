//! PMI placements (Penempatan PMI): one record per departure of a migrant worker abroad,
//! typed in or imported from the ministry's exports. Counted by kecamatan, country, sector
//! and sex (LKjIP tables 3.16 and 3.17).

use super::case::{Checked, FieldDef, FieldKind, Scheme, Sector, Sex};
use super::date::{iso, parse_past_date, Date};
use super::{country, FieldError, Kecamatan, Nik};
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

const fn f(key: &'static str, kind: FieldKind, required: bool) -> FieldDef {
    FieldDef {
        key,
        kind,
        required,
    }
}

/// The placement's fields in form order (SPEC §3 pane 2), also the import columns.
pub const PLACEMENT_FIELDS: &[FieldDef] = &[
    f("nik", FieldKind::Nik, true),
    f("name", FieldKind::Text, true),
    f("sex", FieldKind::Choice(&["L", "P"]), true),
    f("kecamatan", FieldKind::Kecamatan, true),
    f("desa", FieldKind::Text, false),
    f("country", FieldKind::Country, true),
    f("sector", FieldKind::Choice(&["formal", "informal"]), true),
    f(
        "scheme",
        FieldKind::Choice(&["", "P to P", "G to G", "G to P", "mandiri"]),
        false,
    ),
    f("occupation", FieldKind::Text, false),
    f("departure_date", FieldKind::Date, true),
];

/// The youngest age at which the law (UU 18/2017) lets a PMI be placed abroad.
const MIN_AGE: i32 = 18;

fn text(values: &BTreeMap<String, String>, k: &str) -> String {
    values
        .get(k)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

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
    pub fn from_fields(
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> (Option<Placement>, Checked) {
        let mut c = Checked::default();
        let get = |k: &str| text(values, k);
        let mut err = |field: &'static str, reason: String| {
            c.errors.push(FieldError::new(field, reason));
        };

        for def in PLACEMENT_FIELDS {
            if get(def.key).chars().count() > 2000 {
                err(def.key, "longer than 2000 characters".into());
            }
        }
        let name = get("name");
        if name.is_empty() {
            err("name", "name is required".into());
        } else if name.chars().count() > 200 {
            err("name", "name is longer than 200 characters".into());
        }
        let sex = match get("sex").as_str() {
            "" => {
                err("sex", "sex is required (L or P)".into());
                None
            }
            s => Sex::parse(s)
                .map_err(|_| {
                    err(
                        "sex",
                        format!("'{}' is not L or P", crate::domain::quoted(s)),
                    )
                })
                .ok(),
        };
        let nik = match get("nik").as_str() {
            "" => {
                err("nik", "NIK is required".into());
                None
            }
            s => Nik::parse(s, today).map_err(|e| err("nik", e)).ok(),
        };
        let kecamatan = match get("kecamatan").as_str() {
            "" => {
                err("kecamatan", "kecamatan is required".into());
                None
            }
            k => Kecamatan::parse(k).map_err(|e| err("kecamatan", e)).ok(),
        };
        let country = match get("country").as_str() {
            "" => {
                err("country", "country is required".into());
                None
            }
            k => Some(country::normalise(k)),
        };
        let sector = match get("sector").as_str() {
            "" => {
                err("sector", "sector is required (formal or informal)".into());
                None
            }
            s => Sector::parse(s).map_err(|e| err("sector", e)).ok(),
        };
        let scheme = match get("scheme").as_str() {
            "" => Ok(None),
            s => Scheme::parse(s).map(Some).map_err(|e| err("scheme", e)),
        };
        let departure_date = match get("departure_date").as_str() {
            "" => {
                err("departure_date", "departure date is required".into());
                None
            }
            d => parse_past_date(d, today)
                .map_err(|e| err("departure_date", e))
                .ok(),
        };

        let mut warnings = Vec::new();
        if let Some((n, facts)) = &nik {
            if let Some(sex) = sex {
                if sex != facts.sex {
                    err(
                        "nik",
                        format!(
                            "NIK birth day says sex {} but the placement says {}",
                            facts.sex, sex
                        ),
                    );
                }
            }
            if !facts.from_blitar {
                warnings.push(FieldError::new(
                    "nik",
                    format!(
                        "NIK region {} is outside Kabupaten Blitar (3505)",
                        &n.as_str()[0..4]
                    ),
                ));
            }
            if let Some(d) = departure_date {
                if d < facts.birth_date {
                    err(
                        "departure_date",
                        format!("departure {d} is before the birth date in the NIK"),
                    );
                } else if age_on(facts.birth_date, d) < MIN_AGE {
                    warnings.push(FieldError::new(
                        "departure_date",
                        format!(
                            "the NIK says the worker was {} at departure (the minimum is {MIN_AGE})",
                            age_on(facts.birth_date, d)
                        ),
                    ));
                }
            }
        }
        c.warnings.extend(warnings);

        match (nik, sex, kecamatan, country, sector, scheme, departure_date) {
            (
                Some((nik, _)),
                Some(sex),
                Some(kecamatan),
                Some(country),
                Some(sector),
                Ok(scheme),
                Some(departure_date),
            ) if c.errors.is_empty() => (
                Some(Placement {
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
                c,
            ),
            _ => (None, c),
        }
    }

    /// Every field as text, keyed like the form and CSV (for forms, audit history, export).
    pub fn to_fields(&self) -> BTreeMap<String, String> {
        [
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
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// The calendar year the departure counts in.
    pub fn year(&self) -> i32 {
        self.departure_date.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn good() -> BTreeMap<String, String> {
        [
            ("nik", "3505124512950001"),
            ("name", "Siti Aminah"),
            ("sex", "p"),
            ("kecamatan", "PONGGOK"),
            ("desa", " Bacem "),
            ("country", "hong kong"),
            ("sector", "Informal"),
            ("scheme", "p to p"),
            ("departure_date", "05/03/2024"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
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
        let v: BTreeMap<String, String> = [
            ("nik", "123"),
            ("sex", "X"),
            ("kecamatan", "Jakarta"),
            ("sector", "rumah"),
            ("scheme", "lewat calo"),
            ("departure_date", "2027-01-01"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (p, checked) = Placement::from_fields(&v, today());
        assert!(p.is_none());
        let fields: Vec<_> = checked.errors.iter().map(|e| e.field).collect();
        for f in [
            "nik",
            "name",
            "sex",
            "kecamatan",
            "country",
            "sector",
            "scheme",
            "departure_date",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
    }

    #[test]
    fn nik_is_required_and_must_agree_with_sex() {
        let mut v = good();
        v.remove("nik");
        assert!(Placement::from_fields(&v, today()).0.is_none());
        let mut v = good();
        v.insert("sex".into(), "L".into());
        let (p, checked) = Placement::from_fields(&v, today());
        assert!(p.is_none());
        assert_eq!(checked.errors[0].field, "nik");
    }

    #[test]
    fn departure_before_birth_is_refused_and_under_age_is_warned() {
        let mut v = good();
        v.insert("departure_date".into(), "1994-01-01".into());
        let (p, checked) = Placement::from_fields(&v, today());
        assert!(p.is_none());
        assert_eq!(checked.errors[0].field, "departure_date");

        let mut v = good();
        v.insert("departure_date".into(), "2013-12-04".into());
        let (p, checked) = Placement::from_fields(&v, today());
        assert!(p.is_some());
        assert_eq!(checked.warnings[0].field, "departure_date");
        assert!(checked.warnings[0].reason.contains("17"));
    }

    #[test]
    fn outside_blitar_is_a_warning() {
        let mut v = good();
        v.insert("nik".into(), "3578014512950001".into());
        let (p, checked) = Placement::from_fields(&v, today());
        assert!(p.is_some());
        assert!(checked.warnings[0].reason.contains("3578"));
    }
}
