use super::*;
use crate::domain::testing::{day, map, today};

fn typed() -> FieldValues {
    map(&[
        ("nik", "3505014501900002"),
        ("name", "Siti Aminah"),
        ("sex", "P"),
        ("kecamatan", "ponggok"),
        ("education", "d4/s1"),
        ("registered_on", "15-01-2024"),
    ])
}

#[test]
fn a_registration_is_valid_two_years_and_aktif_by_default() {
    let (js, checked) = Jobseeker::from_fields(&typed(), today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let js = js.unwrap();
    assert_eq!(js.kecamatan, "Ponggok");
    assert_eq!(js.education, Education::D4S1);
    assert_eq!(js.valid_until, day(2026, 1, 15));
    assert_eq!(js.status, JobseekerStatus::Aktif);
    assert_eq!(js.registration_no, "");
    assert_eq!(js.shown_status(day(2026, 1, 15)), "aktif");
    assert_eq!(js.shown_status(day(2026, 1, 16)), EXPIRED);
}

#[test]
fn bad_values_are_named_by_field() {
    let mut v = typed();
    v.insert("education".into(), "S9".into());
    v.insert("sex".into(), "L".into());
    v.insert("valid_until".into(), "2023-01-01".into());
    let (js, checked) = Jobseeker::from_fields(&v, today());
    assert!(js.is_none());
    let fields: Vec<&str> = checked.errors.iter().map(|e| e.field).collect();
    assert!(fields.contains(&"education"), "{fields:?}");
    assert!(fields.contains(&"nik"), "{fields:?}");
    v.insert("education".into(), "SMK".into());
    v.insert("sex".into(), "P".into());
    let (_, checked) = Jobseeker::from_fields(&v, today());
    assert_eq!(checked.errors[0].field, "valid_until");
}

#[test]
fn moves_need_what_they_record_and_only_from_aktif() {
    let js = Jobseeker::from_fields(&typed(), today()).0.unwrap();
    let place = StatusMove {
        to: JobseekerStatus::Ditempatkan,
        on: day(2024, 6, 1),
        text: String::new(),
        placement_id: None,
    };
    assert!(js.moved(&place).is_err());
    let placed = js
        .moved(&StatusMove {
            placement_id: Some(7),
            ..place.clone()
        })
        .unwrap();
    assert_eq!(placed.placed_on, Some(day(2024, 6, 1)));
    assert_eq!(placed.shown_status(day(2030, 1, 1)), "ditempatkan");
    assert!(placed.moved(&place).is_err());
    let revoke = StatusMove {
        to: JobseekerStatus::Dicabut,
        on: day(2024, 6, 1),
        text: String::new(),
        placement_id: None,
    };
    assert!(js.moved(&revoke).is_err());
    let revoked = js
        .moved(&StatusMove {
            text: "pindah domisili".into(),
            ..revoke
        })
        .unwrap();
    assert_eq!(revoked.revoke_reason, "pindah domisili");
}

#[test]
fn numbers_read_well() {
    assert_eq!(registration_number(2024, 123), "AK1/2024/000123");
    assert_eq!(Education::parse_loose("S2").unwrap(), Education::S2S3);
    assert_eq!(Education::parse_loose("smk").unwrap(), Education::Smk);
}

#[test]
fn a_report_defaults_to_today() {
    let (r, _) = JobseekerReport::from_fields(&map(&[("jobseeker_id", "4")]), today());
    assert_eq!(r.unwrap().reported_on, today());
    let (r, c) = JobseekerReport::from_fields(
        &map(&[("jobseeker_id", "4"), ("reported_on", "2099-01-01")]),
        today(),
    );
    assert!(r.is_none());
    assert_eq!(c.errors[0].field, "reported_on");
}
