//! Transmigrant registrations through the store and the report: the workflow, one open
//! registration per family, the waiting list across years, the quota, the yearly figures
//! against the published 2024 series, optimistic versions, and the all-or-nothing import.

use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::transmigrant::{
    Destination, Quota, QuotaWarning, Registration, Stage, StageMove,
};
use disnaker::domain::Sex;
use disnaker::report::table::Cell;
use disnaker::report::transmigrants::{
    placed_percent, series, transmigrants_table_on, yearly, yearly_on, TABLE_HEADER,
};
use disnaker::store::{Store, StoreError, TransmigrantFilter};
use std::collections::BTreeMap;

fn day(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A valid family numbered `n`: its own NIK and KK number.
fn family(n: u32, kecamatan: &str, registered_on: &str) -> Registration {
    let nik = synthesise("3505", 12, day("1980-08-12"), Sex::L, n);
    let kk = format!("350512{:010}", n);
    let v: BTreeMap<String, String> = [
        ("head_name", format!("Kepala Keluarga {n}")),
        ("nik", nik),
        ("kk_no", kk),
        ("members", "4".to_string()),
        ("kecamatan", kecamatan.to_string()),
        ("desa", "Bacem".to_string()),
        ("registered_on", registered_on.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let (r, checked) = Registration::from_fields(&v, day("2026-01-01"));
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    r.unwrap()
}

fn torire() -> Destination {
    Destination::parse("UPT Torire, Kabupaten Poso, Sulawesi Tengah").unwrap()
}

/// Move a registration forward step by step to `to` (departing on `on` if it gets there).
fn advance(s: &mut Store, id: i64, to: Stage, on: &str) -> i64 {
    let mut version = s.get_transmigrant(id).unwrap().version;
    loop {
        let stage = s.get_transmigrant(id).unwrap().registration.stage;
        if stage == to {
            return version;
        }
        let next = stage.next_stages()[0];
        let mv = if next == Stage::Diberangkatkan {
            StageMove::depart(day(on), Some(torire()))
        } else {
            StageMove::to(next)
        };
        version = s.move_transmigrant_stage(id, version, &mv).unwrap().version;
    }
}

fn refused(err: StoreError) -> String {
    match err {
        StoreError::Refused(m) => m.en(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn every_stage_move_is_allowed_or_refused_in_the_store() {
    let mut s = Store::open_in_memory("ani").unwrap();
    for (n, from) in Stage::ALL.iter().copied().enumerate() {
        for to in Stage::ALL.iter().copied() {
            let id = s
                .insert_transmigrant(&family(
                    100 + n as u32 * 10 + to as u32,
                    "Talun",
                    "2024-02-01",
                ))
                .unwrap();
            let version = match from {
                Stage::Batal => {
                    s.move_transmigrant_stage(id, 1, &StageMove::cancel(None, "pindah"))
                        .unwrap()
                        .version
                }
                _ => advance(&mut s, id, from, "2024-12-06"),
            };
            let mv = match to {
                Stage::Diberangkatkan => StageMove::depart(day("2024-12-06"), Some(torire())),
                Stage::Batal => StageMove::cancel(Some(day("2024-06-01")), "sakit"),
                _ => StageMove::to(to),
            };
            let result = s.move_transmigrant_stage(id, version, &mv);
            let now = s.get_transmigrant(id).unwrap();
            if from.next_stages().contains(&to) {
                let moved = result.unwrap_or_else(|e| panic!("{from} -> {to}: {e}"));
                assert_eq!(moved.version, version + 1);
                assert_eq!(now.registration.stage, to);
                let last = s.transmigrant_history(id).unwrap().pop().unwrap();
                assert_eq!(last.action, "stage");
                assert!(last
                    .changes
                    .iter()
                    .any(|c| c.field == "stage" && c.old == from.as_str() && c.new == to.as_str()));
            } else {
                let msg = refused(result.unwrap_err());
                assert!(msg.contains(from.as_str()), "{from} -> {to}: {msg}");
                assert_eq!(now.version, version, "a refused move writes nothing");
                assert_eq!(now.registration.stage, from);
            }
        }
    }
}

#[test]
fn a_departure_needs_its_date_and_destination_and_a_withdrawal_its_reason() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let id = s
        .insert_transmigrant(&family(1, "Ponggok", "2024-02-01"))
        .unwrap();
    let v = advance(&mut s, id, Stage::Dilatih, "");
    let no_date = StageMove {
        on: None,
        ..StageMove::depart(day("2024-12-06"), Some(torire()))
    };
    let msg = refused(s.move_transmigrant_stage(id, v, &no_date).unwrap_err());
    assert!(msg.contains("departure date is required"), "{msg}");
    let msg = refused(
        s.move_transmigrant_stage(id, v, &StageMove::depart(day("2024-12-06"), None))
            .unwrap_err(),
    );
    assert!(msg.contains("destination"), "{msg}");
    let msg = refused(
        s.move_transmigrant_stage(id, v, &StageMove::cancel(None, ""))
            .unwrap_err(),
    );
    assert!(msg.contains("reason"), "{msg}");
    assert_eq!(s.get_transmigrant(id).unwrap().version, v);

    s.move_transmigrant_stage(id, v, &StageMove::depart(day("2024-12-06"), Some(torire())))
        .unwrap();
    let r = s.get_transmigrant(id).unwrap().registration;
    assert_eq!(r.departed_on, Some(day("2024-12-06")));
    assert_eq!(
        r.destination.to_string(),
        "UPT Torire, Kabupaten Poso, Sulawesi Tengah"
    );
}

#[test]
fn a_family_cannot_register_twice_while_open() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let first = s
        .insert_transmigrant(&family(7, "Ponggok", "2023-03-10"))
        .unwrap();

    // same KK number, another head of family
    let mut again = family(8, "Ponggok", "2024-01-15");
    again.kk_no = family(7, "Ponggok", "2024-01-15").kk_no;
    let msg = refused(s.insert_transmigrant(&again).unwrap_err());
    assert!(msg.contains("same KK number"), "{msg}");
    assert!(
        msg.contains(&format!("#{first}")),
        "names the open registration: {msg}"
    );
    assert!(
        msg.contains("10-03-2023") && msg.contains("terdaftar"),
        "{msg}"
    );

    // same head NIK, another family card
    let mut again = family(9, "Ponggok", "2024-01-15");
    again.nik = family(7, "Ponggok", "2024-01-15").nik;
    let msg = refused(s.insert_transmigrant(&again).unwrap_err());
    assert!(msg.contains("same head of family NIK"), "{msg}");
    assert_eq!(
        s.count_transmigrants(&TransmigrantFilter::default())
            .unwrap(),
        1
    );

    // after a withdrawal the family may register again...
    s.move_transmigrant_stage(
        first,
        1,
        &StageMove::cancel(Some(day("2023-09-01")), "ragu"),
    )
    .unwrap();
    let second = s
        .insert_transmigrant(&family(7, "Ponggok", "2024-01-15"))
        .unwrap();
    // ...but not again while the new one is open
    let msg = refused(
        s.insert_transmigrant(&family(7, "Ponggok", "2024-05-01"))
            .unwrap_err(),
    );
    assert!(msg.contains(&format!("#{second}")), "{msg}");

    // after a departure too, though the same registration is not entered twice
    advance(&mut s, second, Stage::Diberangkatkan, "2024-12-06");
    let msg = refused(
        s.insert_transmigrant(&family(7, "Ponggok", "2024-01-15"))
            .unwrap_err(),
    );
    assert!(msg.contains("already registered on 15-01-2024"), "{msg}");
    s.insert_transmigrant(&family(7, "Ponggok", "2025-01-02"))
        .unwrap();

    // an archived registration no longer blocks
    let other = s
        .insert_transmigrant(&family(20, "Talun", "2024-01-01"))
        .unwrap();
    s.archive_transmigrant(other, 1).unwrap();
    s.insert_transmigrant(&family(20, "Talun", "2024-01-02"))
        .unwrap();
}

#[test]
fn editing_keeps_one_open_registration_per_family() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let old = s
        .insert_transmigrant(&family(1, "Ponggok", "2022-03-01"))
        .unwrap();
    s.move_transmigrant_stage(old, 1, &StageMove::cancel(Some(day("2022-05-01")), "ragu"))
        .unwrap();
    let new = s
        .insert_transmigrant(&family(1, "Ponggok", "2023-03-01"))
        .unwrap();
    let other = s
        .insert_transmigrant(&family(2, "Talun", "2023-04-01"))
        .unwrap();

    // the old, withdrawn registration can still be corrected
    let mut r = s.get_transmigrant(old).unwrap().registration;
    r.desa = "Kawedusan".into();
    assert_eq!(s.update_transmigrant(old, 2, &r).unwrap(), 3);

    // an open one cannot take the KK number of another open family
    let mut r = s.get_transmigrant(other).unwrap().registration;
    r.kk_no = family(1, "Ponggok", "2023-03-01").kk_no;
    let msg = refused(s.update_transmigrant(other, 1, &r).unwrap_err());
    assert!(msg.contains(&format!("#{new}")), "{msg}");

    // the stage does not change by editing
    let mut r = s.get_transmigrant(other).unwrap().registration;
    r.stage = Stage::Terseleksi;
    let msg = refused(s.update_transmigrant(other, 1, &r).unwrap_err());
    assert!(msg.contains("stage"), "{msg}");
    assert_eq!(s.get_transmigrant(other).unwrap().version, 1);
}

#[test]
fn the_waiting_list_keeps_registration_order_across_the_year_boundary() {
    let mut s = Store::open_in_memory("ani").unwrap();
    // entered out of order; two on the same day keep the order they were entered
    let b = s
        .insert_transmigrant(&family(2, "Talun", "2024-01-10"))
        .unwrap();
    let a = s
        .insert_transmigrant(&family(1, "Wlingi", "2023-10-02"))
        .unwrap();
    let c1 = s
        .insert_transmigrant(&family(3, "Ponggok", "2024-03-05"))
        .unwrap();
    let c2 = s
        .insert_transmigrant(&family(4, "Ponggok", "2024-03-05"))
        .unwrap();
    let gone = s
        .insert_transmigrant(&family(5, "Ponggok", "2023-01-05"))
        .unwrap();
    let quit = s
        .insert_transmigrant(&family(6, "Ponggok", "2023-02-05"))
        .unwrap();
    advance(&mut s, gone, Stage::Diberangkatkan, "2024-06-01");
    s.move_transmigrant_stage(
        quit,
        1,
        &StageMove::cancel(Some(day("2024-02-01")), "sakit"),
    )
    .unwrap();

    let ids = |as_of: &str| -> Vec<i64> {
        s.waiting_list(day(as_of), 0, 100)
            .unwrap()
            .into_iter()
            .map(|w| w.id)
            .collect()
    };
    // at the end of 2023: the 2023 families, the one who later left still among them
    assert_eq!(ids("2023-12-31"), vec![gone, quit, a]);
    // in 2024 the 2023 registration still open is at the head of the list
    assert_eq!(ids("2024-12-31"), vec![a, b, c1, c2]);
    let window = s.waiting_list(day("2024-12-31"), 1, 2).unwrap();
    assert_eq!(
        window
            .iter()
            .map(|w| (w.position, w.id))
            .collect::<Vec<_>>(),
        vec![(2, b), (3, c1)]
    );
    assert_eq!(window[0].registered_on, "2024-01-10");
    assert_eq!(s.count_open_transmigrants().unwrap(), 4);
}

#[test]
fn quota_used_and_left() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let q = Quota::new(
        2024,
        1,
        "UPT Torire, Kabupaten Poso, Sulawesi Tengah",
        "Disnakertrans Jatim",
    )
    .unwrap();
    s.set_transmigration_quota(&q).unwrap();
    assert_eq!(s.transmigration_quota(2024).unwrap().unwrap().quota, q);
    assert!(s.transmigration_quota(2025).unwrap().is_none());

    let a = s
        .insert_transmigrant(&family(1, "Talun", "2023-05-01"))
        .unwrap();
    let b = s
        .insert_transmigrant(&family(2, "Talun", "2024-02-01"))
        .unwrap();
    let st = s.transmigration_quota_status(2024).unwrap();
    assert_eq!((st.quota, st.used, st.left()), (Some(1), 0, Some(1)));

    let v = advance(&mut s, a, Stage::Dilatih, "");
    let moved = s
        .move_transmigrant_stage(a, v, &StageMove::depart(day("2024-12-06"), Some(torire())))
        .unwrap();
    assert_eq!(moved.warning, None, "within the quota");
    let st = s.transmigration_quota_status(2024).unwrap();
    assert_eq!((st.used, st.left()), (1, Some(0)));

    // beyond the quota: recorded, with a warning the caller can show
    let v = advance(&mut s, b, Stage::Dilatih, "");
    let moved = s
        .move_transmigrant_stage(b, v, &StageMove::depart(day("2024-12-20"), Some(torire())))
        .unwrap();
    assert_eq!(
        moved.warning,
        Some(QuotaWarning::Exceeded {
            year: 2024,
            quota: 1,
            departed: 2
        })
    );
    let st = s.transmigration_quota_status(2024).unwrap();
    assert_eq!((st.used, st.left(), st.over()), (2, Some(0), 1));
    let y = yearly_on(&s, 2024, day("2025-06-01")).unwrap();
    assert_eq!((y.quota, y.quota_left), (Some(1), Some(0)));
    // departures count in the year they happen, whenever the family registered
    assert_eq!((y.registered, y.departed), (1, 2));
    assert_eq!(yearly_on(&s, 2023, day("2025-06-01")).unwrap().departed, 0);

    // a year without a quota says so
    let c = s
        .insert_transmigrant(&family(3, "Talun", "2025-01-05"))
        .unwrap();
    let v = advance(&mut s, c, Stage::Dilatih, "");
    let moved = s
        .move_transmigrant_stage(c, v, &StageMove::depart(day("2025-01-20"), Some(torire())))
        .unwrap();
    assert_eq!(moved.warning, Some(QuotaWarning::NoQuota { year: 2025 }));

    // the quota can be corrected; its history keeps old and new
    s.set_transmigration_quota(&Quota {
        families: 2,
        ..q.clone()
    })
    .unwrap();
    assert_eq!(s.transmigration_quota_status(2024).unwrap().left(), Some(0));
    let h = s.transmigration_quota_history(2024).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[1].changes[0].old.as_str(), h[1].changes[0].new.as_str()),
        ("1", "2")
    );
    let bad = Quota { families: -1, ..q };
    assert!(matches!(
        s.set_transmigration_quota(&bad),
        Err(StoreError::Refused(_))
    ));
}

/// 2024 as the report tells it: 5 families registered, 1 departed (UPT Torire, Kabupaten
/// Poso, Sulawesi Tengah, 6 December 2024), a quota of 1.
fn office_2024(s: &mut Store) {
    s.set_transmigration_quota(&Quota::new(2024, 1, "UPT Torire", "Disnakertrans Jatim").unwrap())
        .unwrap();
    // a 2023 family still open at the end of 2023
    s.insert_transmigrant(&family(1, "Wlingi", "2023-08-14"))
        .unwrap();
    let regs = [
        (11, "Ponggok", "2024-01-22"),
        (12, "Ponggok", "2024-03-04"),
        (13, "Kademangan", "2024-04-17"),
        (14, "Gandusari", "2024-06-10"),
        (15, "Talun", "2024-09-02"),
    ];
    let mut ids = Vec::new();
    for (n, kec, on) in regs {
        ids.push(s.insert_transmigrant(&family(n, kec, on)).unwrap());
    }
    // the first 2024 family is selected, trained and departs
    let v = advance(s, ids[0], Stage::Dilatih, "");
    let moved = s
        .move_transmigrant_stage(
            ids[0],
            v,
            &StageMove::depart(day("2024-12-06"), Some(torire())),
        )
        .unwrap();
    assert_eq!(moved.warning, None);
    // one withdraws, one has its documents complete
    s.move_transmigrant_stage(
        ids[1],
        1,
        &StageMove::cancel(Some(day("2024-07-01")), "pindah"),
    )
    .unwrap();
    s.move_transmigrant_stage(ids[2], 1, &StageMove::to(Stage::BerkasLengkap))
        .unwrap();
}

#[test]
fn the_2024_figures_match_the_published_series() {
    let mut s = Store::open_in_memory("ani").unwrap();
    office_2024(&mut s);
    let y = yearly(&s, 2024).unwrap();
    assert_eq!((y.registered, y.departed), (5, 1));
    // waiting at the end of 2024: the 2023 family and three of 2024
    assert_eq!(y.waiting, 4);
    assert_eq!((y.quota, y.quota_left), (Some(1), Some(0)));
    assert_eq!(y.placed_percent().unwrap().to_string(), "20.00");
    assert_eq!(placed_percent(1, 6).unwrap().to_string(), "16.67");

    let y23 = yearly(&s, 2023).unwrap();
    assert_eq!((y23.registered, y23.departed, y23.waiting), (1, 0, 1));
    assert_eq!((y23.quota, y23.quota_left), (None, None));
    // no registrations: no value, never a made-up 0% or 100%
    assert_eq!(yearly(&s, 2022).unwrap().placed_percent(), None);

    let rows = series(&s, 2020, 2025, day("2025-02-01")).unwrap();
    assert_eq!(rows.len(), 6);
    let published: Vec<_> = rows
        .iter()
        .map(|r| r.published.map(|p| (p.year, p.registered, p.departed)))
        .collect();
    assert_eq!(
        published,
        vec![
            Some((2020, 13, 0)),
            Some((2021, 9, 3)),
            Some((2022, 9, 6)),
            Some((2023, 4, 1)),
            Some((2024, 5, 1)),
            None
        ]
    );
    let r24 = rows[4];
    assert_eq!(
        (r24.records.registered, r24.records.departed),
        (
            r24.published.unwrap().registered,
            r24.published.unwrap().departed
        )
    );
    // 2025 so far: nobody registered or left, the four still wait
    assert_eq!(rows[5].records.waiting, 4);
}

#[test]
fn the_summary_table_has_counts_only_and_totals_agree() {
    let mut s = Store::open_in_memory("ani").unwrap();
    office_2024(&mut s);
    let t = transmigrants_table_on(&s, 2024, day("2025-02-01")).unwrap();
    assert_eq!(t.header, TABLE_HEADER);
    assert!(
        t.rows.iter().all(|r| r.len() == TABLE_HEADER.len()),
        "{:?}",
        t.rows
    );
    let kecamatan: Vec<_> = t
        .rows
        .iter()
        .map(|r| match &r[0] {
            Cell::Text(k) => k.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kecamatan,
        vec![
            "Gandusari",
            "Kademangan",
            "Ponggok",
            "Talun",
            "Wlingi",
            "TOTAL"
        ]
    );
    let col = |name: &str| TABLE_HEADER.iter().position(|h| *h == name).unwrap();
    let ponggok = &t.rows[2];
    assert_eq!(ponggok[col("registered")], Cell::Int(2));
    assert_eq!(ponggok[col("members")], Cell::Int(8));
    assert_eq!(ponggok[col("diberangkatkan")], Cell::Int(1));
    assert_eq!(ponggok[col("batal")], Cell::Int(1));
    assert_eq!(ponggok[col("departed")], Cell::Int(1));
    assert_eq!(ponggok[col("waiting")], Cell::Int(0));
    let total = t.rows.last().unwrap();
    let y = yearly_on(&s, 2024, day("2025-02-01")).unwrap();
    assert_eq!(total[col("registered")], Cell::Int(y.registered));
    assert_eq!(total[col("departed")], Cell::Int(y.departed));
    assert_eq!(total[col("waiting")], Cell::Int(y.waiting));
    // the stage columns split the year's registrations
    let stages: i64 = (col("terdaftar")..=col("batal"))
        .map(|i| match total[i] {
            Cell::Int(n) => n,
            _ => 0,
        })
        .sum();
    assert_eq!(stages, y.registered);
    // no names, NIK or KK numbers anywhere
    for row in &t.rows {
        for cell in row {
            if let Cell::Text(x) = cell {
                assert!(!x.contains("Kepala") && !x.chars().any(|c| c.is_ascii_digit()));
            }
        }
    }
}

#[test]
fn two_officers_saving_the_same_registration_the_second_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    let id = ani
        .insert_transmigrant(&family(1, "Ponggok", "2024-02-01"))
        .unwrap();
    let a = ani.get_transmigrant(id).unwrap();
    let b = budi.get_transmigrant(id).unwrap();

    let mut r = a.registration.clone();
    r.phone = "0812 3456 7890".into();
    assert_eq!(ani.update_transmigrant(id, a.version, &r).unwrap(), 2);

    let mut r = b.registration.clone();
    r.members = 5;
    let err = budi.update_transmigrant(id, b.version, &r).unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { by, .. } if by == "ani"),
        "{err:?}"
    );
    assert!(err.to_string().contains("changed by ani"));
    let err = budi
        .move_transmigrant_stage(id, b.version, &StageMove::to(Stage::BerkasLengkap))
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }));
    assert!(matches!(
        budi.archive_transmigrant(id, b.version),
        Err(StoreError::Conflict { .. })
    ));

    let now = budi.get_transmigrant(id).unwrap();
    assert_eq!((now.version, now.registration.members), (2, 4));
    assert_eq!(now.registration.phone, "0812 3456 7890");
    let h = budi.transmigrant_history(id).unwrap();
    assert_eq!(
        h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["create", "update"]
    );
    assert_eq!(h[1].changes[0].field, "phone");
}

#[test]
fn the_import_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    s.insert_transmigrant(&family(1, "Wlingi", "2023-08-14"))
        .unwrap();

    // row 2 is a family already open in the store, rows 3 and 4 the same family twice
    let rows = vec![
        family(10, "Talun", "2024-01-10"),
        family(1, "Wlingi", "2024-02-01"),
        family(11, "Talun", "2024-05-01"),
        family(11, "Talun", "2024-03-01"),
    ];
    let problems = s.check_transmigrant_import(&rows).unwrap();
    let at: Vec<(usize, &str)> = problems.iter().map(|(i, p)| (*i, p.field)).collect();
    assert_eq!(at, vec![(1, "kk_no"), (2, "kk_no")], "{problems:?}");
    assert!(
        problems[1].1.reason.en().contains("01-03-2024"),
        "the earlier row is named"
    );
    let msg = refused(s.import_transmigrants(&rows).unwrap_err());
    assert!(
        msg.contains("nothing was written") && msg.contains("row 2"),
        "{msg}"
    );
    assert_eq!(
        s.count_transmigrants(&TransmigrantFilter::default())
            .unwrap(),
        1
    );

    // a withdrawn registration followed by a new one of the same family is fine; rows are
    // written in registration order, departures beyond the quota reported
    s.set_transmigration_quota(&Quota::new(2024, 0, "", "").unwrap())
        .unwrap();
    let mut withdrawn = family(11, "Talun", "2023-03-01");
    withdrawn.stage = Stage::Batal;
    withdrawn.cancel_reason = "ragu".into();
    withdrawn.cancelled_on = Some(day("2023-04-01"));
    let mut departed = family(12, "Talun", "2023-05-01");
    departed.stage = Stage::Diberangkatkan;
    departed.departed_on = Some(day("2024-12-06"));
    departed.destination = torire();
    let rows = vec![
        family(10, "Talun", "2024-01-10"),
        family(11, "Talun", "2024-05-01"),
        withdrawn,
        departed,
    ];
    assert!(s.check_transmigrant_import(&rows).unwrap().is_empty());
    let done = s.import_transmigrants(&rows).unwrap();
    assert_eq!(done.added, 4);
    assert_eq!(
        done.warnings,
        vec![QuotaWarning::Exceeded {
            year: 2024,
            quota: 0,
            departed: 1
        }]
    );
    let waiting: Vec<String> = s
        .waiting_list(day("2024-12-31"), 0, 10)
        .unwrap()
        .into_iter()
        .map(|w| w.registered_on)
        .collect();
    assert_eq!(waiting, vec!["2023-08-14", "2024-01-10", "2024-05-01"]);
    // importing the same file again is refused as a whole
    assert!(s.import_transmigrants(&rows).is_err());
    assert_eq!(
        s.count_transmigrants(&TransmigrantFilter::default())
            .unwrap(),
        5
    );
}

#[test]
fn the_list_filters_by_text_stage_and_year_and_masks_numbers() {
    let mut s = Store::open_in_memory("ani").unwrap();
    office_2024(&mut s);
    let all = TransmigrantFilter::default();
    assert_eq!(s.count_transmigrants(&all).unwrap(), 6);
    let rows = s.list_transmigrants(&all, 0, 2).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].registered_on, "2024-09-02",
        "latest registration first"
    );
    assert!(rows[0].nik_masked.starts_with("************"));
    assert!(rows[0].kk_masked.starts_with("************"));

    let departed = TransmigrantFilter {
        stage: Some(Stage::Diberangkatkan),
        ..TransmigrantFilter::default()
    };
    let rows = s.list_transmigrants(&departed, 0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].destination,
        "UPT Torire, Kabupaten Poso, Sulawesi Tengah"
    );
    assert_eq!(rows[0].departed_on.as_deref(), Some("2024-12-06"));

    let y2023 = TransmigrantFilter {
        year: Some(2023),
        ..TransmigrantFilter::default()
    };
    assert_eq!(s.count_transmigrants(&y2023).unwrap(), 1);
    let text = TransmigrantFilter {
        text: "ponggok torire".into(),
        ..TransmigrantFilter::default()
    };
    assert_eq!(s.count_transmigrants(&text).unwrap(), 1);
    let wild = TransmigrantFilter {
        text: "%".into(),
        ..TransmigrantFilter::default()
    };
    assert_eq!(s.count_transmigrants(&wild).unwrap(), 0);
}

#[test]
fn archived_registrations_leave_the_figures() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let id = s
        .insert_transmigrant(&family(1, "Talun", "2024-02-01"))
        .unwrap();
    s.insert_transmigrant(&family(2, "Talun", "2024-03-01"))
        .unwrap();
    s.archive_transmigrant(id, 1).unwrap();
    assert!(s.get_transmigrant(id).unwrap().archived);
    let y = yearly_on(&s, 2024, day("2025-01-01")).unwrap();
    assert_eq!((y.registered, y.waiting), (1, 1));
    let all = TransmigrantFilter {
        include_archived: true,
        ..TransmigrantFilter::default()
    };
    assert_eq!(s.count_transmigrants(&all).unwrap(), 2);
    assert_eq!(
        s.transmigrant_history(id).unwrap().last().unwrap().action,
        "archive"
    );
}

/// Two officers entering the same year's quota from forms opened on the same version: the
/// store checks the version under its write lock, so the second is refused with who saved
/// first, and the first officer's figure stays.
#[test]
fn the_second_of_two_quota_saves_from_the_same_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    // Nobody had entered 2025 when both opened the form.
    ani.save_transmigration_quota(&Quota::new(2025, 3, "UPT Torire", "").unwrap(), None)
        .unwrap();
    let e = budi
        .save_transmigration_quota(&Quota::new(2025, 5, "", "").unwrap(), None)
        .unwrap_err();
    assert!(
        matches!(&e, StoreError::Conflict { by, .. } if by == "ani"),
        "{e}"
    );
    // Both then open version 1; ani saves first.
    ani.save_transmigration_quota(&Quota::new(2025, 4, "UPT Torire", "").unwrap(), Some(1))
        .unwrap();
    let e = budi
        .save_transmigration_quota(&Quota::new(2025, 6, "", "").unwrap(), Some(1))
        .unwrap_err();
    assert!(e.to_string().contains("ani"), "{e}");
    let q = budi.transmigration_quota(2025).unwrap().unwrap();
    assert_eq!((q.quota.families, q.version), (4, 2));
    // On the version he now sees, budi's change is saved.
    budi.save_transmigration_quota(&Quota::new(2025, 6, "", "").unwrap(), Some(2))
        .unwrap();
    assert_eq!(
        ani.transmigration_quota(2025)
            .unwrap()
            .unwrap()
            .quota
            .families,
        6
    );
}
