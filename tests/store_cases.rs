//! Store tests on a real temporary file (WAL and permissions matter).

use disnaker::domain::case::{CaseStatus, PmiCase};
use disnaker::domain::date::Date;
use disnaker::store::{CaseFilter, Store, StoreError};
use std::collections::BTreeMap;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

fn case(name: &str, kec: &str) -> PmiCase {
    let v: BTreeMap<String, String> = [
        ("name", name),
        ("sex", "P"),
        ("kecamatan", kec),
        ("country", "Taiwan"),
        ("category", "sakit"),
        ("reported_on", "2026-11-01"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (c, checked) = PmiCase::from_fields(&v, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    c.unwrap()
}

#[test]
fn two_officers_saving_the_same_case_the_second_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    let id = ani.insert_case(&case("Siti", "Ponggok")).unwrap();

    // Both open version 1.
    let a = ani.get_case(id).unwrap();
    let b = budi.get_case(id).unwrap();
    assert_eq!((a.version, b.version), (1, 1));

    let mut a_case = a.case.clone();
    a_case.desa = "Bacem".into();
    assert_eq!(ani.update_case(id, a.version, &a_case).unwrap(), 2);

    let mut b_case = b.case.clone();
    b_case.notes = "keluarga dihubungi".into();
    let err = budi.update_case(id, b.version, &b_case).unwrap_err();
    match &err {
        StoreError::Conflict { by, .. } => assert_eq!(by, "ani"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(err.to_string().contains("changed by ani"));

    // Nothing of Budi's was written; Ani's edit stands.
    let now = budi.get_case(id).unwrap();
    assert_eq!(now.case.desa, "Bacem");
    assert_eq!(now.case.notes, "");
    assert_eq!(now.version, 2);
    assert_eq!(now.changed_by, "ani");
}

#[test]
fn history_keeps_old_and_new_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let id = s.insert_case(&case("Siti", "Ponggok")).unwrap();
    let v = s.move_case_status(id, 1, CaseStatus::Koordinasi).unwrap();
    assert_eq!(v, 2);
    let h = s.case_history(id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].action, "create");
    assert!(h[0]
        .changes
        .iter()
        .any(|c| c.field == "name" && c.new == "Siti"));
    assert_eq!(h[1].action, "status");
    assert_eq!(h[1].officer, "ani");
    let c = &h[1].changes[0];
    assert_eq!(
        (c.field.as_str(), c.old.as_str(), c.new.as_str()),
        ("status", "baru", "koordinasi")
    );
}

#[test]
fn status_moves_follow_the_workflow() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let id = s.insert_case(&case("Siti", "Ponggok")).unwrap();
    let err = s.move_case_status(id, 1, CaseStatus::Tiba).unwrap_err();
    assert!(err.to_string().contains("cannot move from baru to tiba"));
    assert_eq!(s.get_case(id).unwrap().version, 1);
}

#[test]
fn archive_hides_but_keeps() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let a = s.insert_case(&case("Siti", "Ponggok")).unwrap();
    s.insert_case(&case("Rina", "Wlingi")).unwrap();
    s.archive_case(a, 1).unwrap();
    let f = CaseFilter::default();
    assert_eq!(s.count_cases(&f).unwrap(), 1);
    let all = CaseFilter {
        include_archived: true,
        ..CaseFilter::default()
    };
    assert_eq!(s.count_cases(&all).unwrap(), 2);
    assert!(s.get_case(a).unwrap().archived);
    assert_eq!(s.case_history(a).unwrap().last().unwrap().action, "archive");
    // archived cases leave the summary
    let sum = s.case_summary(2026).unwrap();
    assert_eq!(sum.len(), 1);
    assert_eq!(sum[0].kecamatan, "Wlingi");
}

#[test]
fn the_list_reads_a_window_and_filters_by_every_word() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let cases: Vec<PmiCase> = (0..250)
        .map(|i| {
            case(
                &format!("Pekerja {i}"),
                if i % 2 == 0 { "Ponggok" } else { "Talun" },
            )
        })
        .collect();
    s.insert_cases(&cases, |_| {}).unwrap();
    let f = CaseFilter::default();
    assert_eq!(s.count_cases(&f).unwrap(), 250);
    let w = s.list_cases(&f, 10, 20).unwrap();
    assert_eq!(w.len(), 20);
    assert_eq!(w[0].name, "Pekerja 239"); // newest first
    let f = CaseFilter {
        text: "PONGGOK 24".into(),
        ..CaseFilter::default()
    };
    let rows = s.list_cases(&f, 0, 100).unwrap();
    // even i (Ponggok) whose name or id (i + 1) holds "24"
    let expected: Vec<String> = (0..250)
        .rev()
        .filter(|i| {
            i % 2 == 0 && (i.to_string().contains("24") || (i + 1).to_string().contains("24"))
        })
        .map(|i| format!("Pekerja {i}"))
        .collect();
    let names: Vec<String> = rows.into_iter().map(|r| r.name).collect();
    assert_eq!(names, expected);
    assert_eq!(s.count_cases(&f).unwrap(), expected.len() as i64);
    // LIKE wildcards typed by an officer are literal
    let f = CaseFilter {
        text: "%".into(),
        ..CaseFilter::default()
    };
    assert_eq!(s.count_cases(&f).unwrap(), 0);
}

#[test]
fn lists_mask_the_nik() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let mut c = case("Siti", "Ponggok");
    c.nik = Some("3505124512950001".into());
    s.insert_case(&c).unwrap();
    let row = &s.list_cases(&CaseFilter::default(), 0, 1).unwrap()[0];
    assert_eq!(row.nik_masked, "************0001");
}

#[test]
fn an_import_is_one_history_entry_shared_by_its_rows() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let single = s.insert_case(&case("Sebelum", "Doko")).unwrap();
    let cases: Vec<PmiCase> = (0..50).map(|i| case(&format!("P{i}"), "Talun")).collect();
    s.insert_cases(&cases, |_| {}).unwrap();
    let h = s.case_history(single + 10).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].action, "import");
    assert!(h[0]
        .changes
        .iter()
        .any(|c| c.field == "added" && c.new == "50"));
    // the case typed in before the import keeps its own history only
    let h = s.case_history(single).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].action, "create");
    assert_eq!(
        h[0].changes[0].field, "name",
        "creation fields come in form order"
    );
}

#[test]
fn the_filter_uses_the_trigram_index_and_agrees_with_a_scan() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let names = ["Siti Aminah", "Sitiyah", "Rina", "Ani Siti", "Budi"];
    // (each reported on a day of its own: an import skips a name, kecamatan and day again)
    let cases: Vec<PmiCase> = (0..100u64)
        .map(|i| {
            let mut c = case(
                names[i as usize % 5],
                if i % 2 == 0 { "Ponggok" } else { "Talun" },
            );
            c.reported_on = today().checked_sub_days(chrono::Days::new(i));
            c
        })
        .collect();
    s.insert_cases(&cases, |_| {}).unwrap();
    let count = |s: &Store, t: &str| {
        s.count_cases(&CaseFilter {
            text: t.into(),
            ..CaseFilter::default()
        })
        .unwrap()
    };
    assert_eq!(count(&s, "siti"), 60);
    assert_eq!(count(&s, "SITI ponggok"), 20 + 10); // i%5 in {0,1,3} and even i
    assert_eq!(count(&s, "siti lu"), 30, "a short word is matched by LIKE");
    assert_eq!(count(&s, "xyz"), 0);
    assert_eq!(count(&s, "\"quoted\""), 0, "quotes cannot break the query");
    // an edit moves the case in the index
    let id = s.list_cases(&CaseFilter::default(), 0, 1).unwrap()[0].id;
    let mut rec = s.get_case(id).unwrap();
    rec.case.name = "Zulaikha".into();
    s.update_case(id, rec.version, &rec.case).unwrap();
    assert_eq!(count(&s, "zulaikha"), 1);
    assert_eq!(count(&s, &format!("#{id}")), 1);
}

/// A bulk insert fills the search index in one statement per batch: the index must hold
/// for each case exactly what one save writes.
#[test]
fn a_bulk_insert_indexes_exactly_what_one_save_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut s = Store::open(&path, "ani").unwrap();
    let one = case("Siti Aminah", "Ponggok");
    let single = s.insert_case(&one).unwrap();
    // The same text reported on another day (the same day would be skipped as a repeat).
    let mut again = one.clone();
    again.reported_on = Date::from_ymd_opt(2026, 11, 2);
    let bulk = s.insert_cases(&[again, case("Rina", "Talun")], |_| {});
    assert_eq!(bulk.unwrap().added, 2);
    let after = s.insert_case(&case("Zulaikha", "Kademangan")).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    let body = |id: i64| -> String {
        raw.query_row(
            "SELECT body FROM pmi_case_search WHERE rowid = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    let from_one = body(single);
    let from_bulk = body(single + 1);
    assert!(from_one.starts_with("Siti Aminah "), "{from_one}");
    assert_eq!(
        from_bulk,
        from_one.replace(&format!("#{single}"), &format!("#{}", single + 1))
    );
    assert!(body(after).starts_with("Zulaikha "), "{}", body(after));
    let rows: i64 = raw
        .query_row("SELECT count(*) FROM pmi_case_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 4);
}

/// A big import indexes and counts its cases a chunk at a time (bounded memory): every
/// chunk is in the search index and the tallies, and they agree with the records.
#[test]
fn a_big_import_is_indexed_and_counted_in_every_chunk() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let kecamatan = ["Ponggok", "Talun", "Wlingi"];
    let cases: Vec<PmiCase> = (0..25_003)
        .map(|i| case(&format!("Siti {i}"), kecamatan[i % 3]))
        .collect();
    let outcome = s.insert_cases(&cases, |_| {}).unwrap();
    assert_eq!((outcome.added, outcome.duplicates), (25_003, 0));
    assert_eq!(s.summary_differences().unwrap(), vec![]);
    let filter = |text: &str| CaseFilter {
        text: text.into(),
        year: Some(2026),
        ..CaseFilter::default()
    };
    assert_eq!(s.count_cases(&filter("")).unwrap(), 25_003);
    // The first, a middle and the last case are found by name.
    for name in ["Siti 0", "Siti 12345", "Siti 25002"] {
        let n = s.count_cases(&filter(name)).unwrap();
        assert!(n >= 1, "{name}: {n}");
    }
}
