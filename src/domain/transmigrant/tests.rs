use super::*;
use crate::domain::testing::{day, map};

fn today() -> Date {
    day(2024, 12, 31)
}

fn good() -> BTreeMap<String, String> {
    map(&[
        ("head_name", "Sutrisno"),
        ("nik", "3505121208800003"),
        ("kk_no", "3505120101100007"),
        ("members", "4"),
        ("kecamatan", "ponggok"),
        ("desa", "Bacem"),
        ("phone", "+62 812 3456 7890"),
        ("registered_on", "15/02/2024"),
    ])
}

fn reg() -> Registration {
    let (r, c) = Registration::from_fields(&good(), today());
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    r.unwrap()
}

fn with(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut v = good();
    for (k, x) in pairs {
        v.insert(k.to_string(), x.to_string());
    }
    v
}

/// The registration `good()` with `pairs` typed over makes, and what was checked.
fn registered(pairs: &[(&str, &str)]) -> (Registration, Checked) {
    let (r, c) = Registration::from_fields(&with(pairs), today());
    (r.expect("a registration"), c)
}

fn error_fields(v: &BTreeMap<String, String>) -> Vec<&'static str> {
    let (r, c) = Registration::from_fields(v, today());
    assert!(r.is_none());
    c.errors.iter().map(|e| e.field).collect()
}

#[test]
fn a_good_registration_is_normalised() {
    let r = reg();
    assert_eq!(r.kecamatan, "Ponggok");
    assert_eq!(r.stage, Stage::Terdaftar);
    assert_eq!(r.members, 4);
    assert_eq!(r.registered_on, day(2024, 2, 15));
    assert!(r.destination.is_empty());
    let f = r.to_fields();
    assert_eq!(f["registered_on"], "2024-02-15");
    assert_eq!(f["stage"], "terdaftar");
    // what to_fields writes, from_fields reads back unchanged
    let (back, c) = Registration::from_fields(&f, today());
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert_eq!(back.unwrap(), r);
}

#[test]
fn every_field_problem_is_reported() {
    let v: BTreeMap<String, String> = map(&[
        ("nik", "123"),
        ("kk_no", "0005120101100007"),
        ("members", "0"),
        ("kecamatan", "Jakarta"),
        ("phone", "0812-3456"),
        ("registered_on", "2025-01-01"),
        ("stage", "pergi"),
    ]);
    let fields = error_fields(&v);
    for f in [
        "head_name",
        "nik",
        "kk_no",
        "members",
        "kecamatan",
        "phone",
        "registered_on",
        "stage",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
}

#[test]
fn overlong_text_is_refused() {
    let long = "x".repeat(2001);
    assert!(error_fields(&with(&[("notes", &long)])).contains(&"notes"));
    assert!(error_fields(&with(&[("cancel_reason", &long)])).contains(&"cancel_reason"));
    assert!(error_fields(&with(&[("head_name", &"y".repeat(201))])).contains(&"head_name"));
}

#[test]
fn kk_numbers() {
    assert_eq!(parse_kk("3505 1201 0110 0007").unwrap(), "3505120101100007");
    assert!(parse_kk("350512010110000")
        .unwrap_err()
        .en()
        .contains("16 digits"));
    assert!(parse_kk("35051201011000x7")
        .unwrap_err()
        .en()
        .contains("digits only"));
    assert!(parse_kk("0005120101100007")
        .unwrap_err()
        .en()
        .contains("00"));
    assert!(parse_kk("3500120101100007")
        .unwrap_err()
        .en()
        .contains("00"));
    assert!(parse_kk("").is_err());
    // outside Blitar, or the NIK typed twice: a warning, not a refusal
    let (_, c) = registered(&[("kk_no", "3578010101100007")]);
    assert!(c.warnings[0].reason.en().contains("3578"));
    let (_, c) = registered(&[("kk_no", "3505121208800003")]);
    assert!(c.warnings[0].reason.en().contains("same as the NIK"));
}

#[test]
fn phones_and_members() {
    assert_eq!(parse_phone(" 0812  3456 7890 ").unwrap(), "0812 3456 7890");
    assert!(parse_phone("+6281234567890").is_ok());
    assert!(parse_phone("1234567").unwrap_err().en().contains("8 to 15"));
    assert!(parse_phone("1234567890123456").is_err());
    assert!(parse_phone("0812-3456-7890").is_err());
    assert!(parse_phone("0812+34567890").is_err());
    registered(&[("members", "20")]);
    assert_eq!(error_fields(&with(&[("members", "21")])), vec!["members"]);
    assert_eq!(
        error_fields(&with(&[("members", "empat")])),
        vec!["members"]
    );
    assert_eq!(error_fields(&with(&[("members", "")])), vec!["members"]);
}

#[test]
fn nik_is_required_and_checked() {
    assert_eq!(error_fields(&with(&[("nik", "")])), vec!["nik"]);
    assert_eq!(
        error_fields(&with(&[("nik", "3505123512800003")])),
        vec!["nik"]
    );
    // a woman heading the family is fine: sex from the NIK is not checked against anything
    registered(&[("nik", "3505125208800003")]);
}

#[test]
fn the_destination_as_one_text_or_three_fields() {
    let d = Destination::parse("UPT Torire, Kabupaten Poso, Sulawesi Tengah").unwrap();
    assert_eq!(d.upt, "UPT Torire");
    assert_eq!(d.kabupaten, "Kabupaten Poso");
    assert_eq!(d.province, "Sulawesi Tengah");
    assert_eq!(d.to_string(), "UPT Torire, Kabupaten Poso, Sulawesi Tengah");
    let d = Destination::parse("UPT Torire").unwrap();
    assert_eq!((d.kabupaten.as_str(), d.province.as_str()), ("", ""));
    assert!(Destination::parse("a, b, c, d").is_err());

    let (r, _) = registered(&[("destination", "UPT Torire, Kabupaten Poso, Sulawesi Tengah")]);
    assert_eq!(r.destination.kabupaten, "Kabupaten Poso");
    let (r, _) = registered(&[
        ("destination", "ignored"),
        ("destination_upt", "UPT Torire"),
        ("destination_province", "Sulawesi Tengah"),
    ]);
    assert_eq!(r.destination.to_string(), "UPT Torire, Sulawesi Tengah");
    assert_eq!(
        error_fields(&with(&[("destination", ", Kabupaten Poso")])),
        vec!["destination_upt"]
    );
}

#[test]
fn stage_words_as_officers_write_them() {
    assert_eq!(
        Stage::parse_loose("berkas lengkap").unwrap(),
        Stage::BerkasLengkap
    );
    assert_eq!(
        Stage::parse_loose("Berkas-Lengkap").unwrap(),
        Stage::BerkasLengkap
    );
    assert_eq!(Stage::parse_loose("BATAL").unwrap(), Stage::Batal);
    assert!(Stage::parse_loose("pergi").is_err());
    assert_eq!(Stage::BerkasLengkap.label(), "berkas lengkap");
}

#[test]
fn the_workflow_allows_one_step_forward_or_batal_before_departure() {
    use Stage::*;
    assert_eq!(Terdaftar.next_stages(), vec![BerkasLengkap, Batal]);
    assert_eq!(BerkasLengkap.next_stages(), vec![Terseleksi, Batal]);
    assert_eq!(Terseleksi.next_stages(), vec![Dilatih, Batal]);
    assert_eq!(Dilatih.next_stages(), vec![Diberangkatkan, Batal]);
    assert!(Diberangkatkan.next_stages().is_empty());
    assert!(Batal.next_stages().is_empty());
    assert!(Stage::ALL[..4].iter().all(Stage::is_open));
    assert!(!Diberangkatkan.is_open() && !Batal.is_open());
}

#[test]
fn every_move_is_allowed_or_refused_as_the_workflow_says() {
    let base = reg();
    let on = day(2024, 12, 6);
    let dest = Destination::parse("UPT Torire, Kabupaten Poso, Sulawesi Tengah").unwrap();
    for from in Stage::ALL.iter().copied() {
        for to in Stage::ALL.iter().copied() {
            let mut r = base.clone();
            r.stage = from;
            match from {
                Stage::Diberangkatkan => {
                    r.departed_on = Some(on);
                    r.destination = dest.clone();
                }
                Stage::Batal => {
                    r.cancel_reason = "pindah kerja".into();
                    r.cancelled_on = Some(on);
                }
                _ => {}
            }
            let mv = match to {
                Stage::Diberangkatkan => StageMove::depart(on, Some(dest.clone())),
                Stage::Batal => StageMove::cancel(Some(on), "sakit"),
                _ => StageMove::to(to),
            };
            let result = r.apply_move(&mv, today());
            if from.next_stages().contains(&to) {
                let moved = result.unwrap_or_else(|e| panic!("{from} -> {to}: {}", e.en()));
                assert_eq!(moved.stage, to);
                assert!(moved.problems().is_empty());
            } else {
                let e = result
                    .expect_err(&format!("{from} -> {to} must be refused"))
                    .en();
                assert!(e.contains(from.as_str()), "{e}");
            }
        }
    }
}

#[test]
fn a_departure_needs_its_date_and_destination() {
    let mut r = reg();
    r.stage = Stage::Dilatih;
    let on = day(2024, 12, 6);
    let no_date = StageMove {
        on: None,
        ..StageMove::depart(on, None)
    };
    assert!(r
        .apply_move(&no_date, today())
        .unwrap_err()
        .en()
        .contains("departure date"));
    assert!(r
        .apply_move(&StageMove::depart(on, None), today())
        .unwrap_err()
        .en()
        .contains("destination"));
    let to_torire = Some(Destination::parse("UPT Torire").unwrap());
    for (on, refusal) in [
        (day(2024, 1, 1), "before the registration"),
        (day(2025, 1, 1), "future"),
    ] {
        let departing = StageMove::depart(on, to_torire.clone());
        let said = r.apply_move(&departing, today()).unwrap_err().en();
        assert!(said.contains(refusal), "{said}");
    }
    // a destination named at selection is enough
    r.destination = Destination::parse("UPT Torire, Kabupaten Poso, Sulawesi Tengah").unwrap();
    let moved = r.apply_move(&StageMove::depart(on, None), today()).unwrap();
    assert_eq!(moved.departed_on, Some(on));
    assert_eq!(moved.destination.upt, "UPT Torire");
}

#[test]
fn a_withdrawal_needs_a_reason_and_defaults_to_today() {
    let r = reg();
    assert!(r
        .apply_move(&StageMove::cancel(None, "  "), today())
        .unwrap_err()
        .en()
        .contains("reason"));
    let moved = r
        .apply_move(&StageMove::cancel(None, " pindah ke Surabaya "), today())
        .unwrap();
    assert_eq!(moved.cancelled_on, Some(today()));
    assert_eq!(moved.cancel_reason, "pindah ke Surabaya");
    assert!(!moved.is_open());
    // plain steps take no date
    assert!(r
        .apply_move(
            &StageMove {
                on: Some(today()),
                ..StageMove::to(Stage::BerkasLengkap)
            },
            today()
        )
        .is_err());
}

#[test]
fn stages_and_their_dates_agree() {
    assert_eq!(
        error_fields(&with(&[("stage", "diberangkatkan")])),
        vec!["departed_on", "destination"]
    );
    assert_eq!(
        error_fields(&with(&[("departed_on", "2024-12-06")])),
        vec!["departed_on"]
    );
    assert_eq!(
        error_fields(&with(&[
            ("stage", "diberangkatkan"),
            ("departed_on", "2024-01-06"),
            ("destination", "UPT Torire")
        ])),
        vec!["departed_on"]
    );
    assert_eq!(
        error_fields(&with(&[("stage", "batal")])),
        vec!["cancel_reason", "cancelled_on"]
    );
    assert_eq!(
        error_fields(&with(&[("cancel_reason", "sakit")])),
        vec!["cancel_reason"]
    );
    let (r, _) = registered(&[
        ("stage", "diberangkatkan"),
        ("departed_on", "06/12/2024"),
        ("destination", "UPT Torire, Kabupaten Poso, Sulawesi Tengah"),
    ]);
    assert_eq!(r.departed_on, Some(day(2024, 12, 6)));
}

#[test]
fn open_on_a_day() {
    let mut r = reg(); // registered 2024-02-15
    assert!(!r.is_open_on(day(2024, 2, 14)));
    assert!(r.is_open_on(day(2024, 2, 15)));
    r.stage = Stage::Diberangkatkan;
    r.departed_on = Some(day(2025, 3, 1));
    assert!(r.is_open_on(day(2024, 12, 31)));
    assert!(!r.is_open_on(day(2025, 3, 1)));
}

#[test]
fn quota_used_and_left() {
    let s = QuotaStatus {
        year: 2024,
        quota: Some(1),
        used: 0,
    };
    assert_eq!(s.left(), Some(1));
    assert_eq!(s.warning_for_one_more(), None);
    let s = QuotaStatus { used: 1, ..s };
    assert_eq!(s.left(), Some(0));
    assert_eq!(
        s.warning_for_one_more(),
        Some(QuotaWarning::Exceeded {
            year: 2024,
            quota: 1,
            departed: 2
        })
    );
    let s = QuotaStatus { used: 3, ..s };
    assert_eq!(s.left(), Some(0), "never negative");
    assert_eq!(s.over(), 2);
    let none = QuotaStatus {
        year: 2025,
        quota: None,
        used: 0,
    };
    assert_eq!(none.left(), None);
    assert_eq!(
        none.warning_for_one_more().unwrap().to_string(),
        "no provincial quota is entered for 2025"
    );
    assert!(Quota::new(2024, 1, "UPT Torire", "").is_ok());
    assert!(Quota::new(2024, -1, "", "").is_err());
    assert!(Quota::new(24, 1, "", "").is_err());
}

#[test]
fn the_form_is_the_detail_up_to_the_notes() {
    let keys = |fields: &[FieldDef]| fields.iter().map(|f| f.key).collect::<Vec<_>>();
    let form = keys(TRANSMIGRANT_FIELDS);
    assert_eq!(form.first(), Some(&"head_name"));
    assert_eq!(form.last(), Some(&"notes"));
    assert_eq!(
        keys(&REGISTRATION_DETAIL_FIELDS[form.len()..]),
        ["departed_on", "cancel_reason", "cancelled_on"]
    );
}
