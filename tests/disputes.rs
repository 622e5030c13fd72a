//! Disputes end to end through the library: the store on a real temporary file, stage moves,
//! conflicts, imports, the lighter records, and IKU3 against the working-day calendar.

use disnaker::domain::calendar::WorkingDays;
use disnaker::domain::date::Date;
use disnaker::domain::dispute::{
    CompanyCompliance, Dispute, Outcome, PpPkb, PreventionFacilitation, Stage, StageMove,
};
use disnaker::domain::refdata::HOLIDAYS_CSV;
use disnaker::report::disputes::{iku3, summary_table};
use disnaker::report::table::Cell;
use disnaker::store::{DisputeFilter, Store, StoreError};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use tempfile::TempDir;

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).unwrap()
}

fn cal() -> WorkingDays {
    WorkingDays::from_csv(HOLIDAYS_CSV).unwrap()
}

fn store(officer: &str) -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("t.db"), officer).unwrap();
    (dir, s)
}

/// A dispute as an import row gives it (SPEC §5 columns).
fn row(company: &str, recorded_on: &str, outcome: &str, outcome_on: &str) -> Dispute {
    let v: BTreeMap<String, String> = [
        ("company", company),
        ("workers", "Serikat Pekerja"),
        ("type", "phk"),
        ("recorded_on", recorded_on),
        ("outcome", outcome),
        ("outcome_on", outcome_on),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let today = d(2026, 11, 28);
    let (x, checked) = Dispute::from_fields(&v, today);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    x.unwrap()
}

fn new_bipartite() -> Dispute {
    let mut x = row("PT Kertas Blitar", "", "", "");
    x.bipartite_start = Some(d(2024, 10, 1));
    x.bipartite_end = Some(d(2024, 10, 31));
    x.minutes_present = Some(true);
    x
}

#[test]
fn iku3_has_no_value_when_nothing_was_recorded() {
    let (_dir, mut s) = store("ani");
    // recorded in 2023, and one archived in 2024: neither is a 2024 dispute
    s.insert_dispute(&row("PT A", "2023-11-01", "pb", "2023-11-20"))
        .unwrap();
    let gone = s
        .insert_dispute(&row("PT B", "2024-11-04", "pb", "2024-11-20"))
        .unwrap();
    s.archive_dispute(gone, 1).unwrap();
    let both = iku3(&s, 2024, &cal()).unwrap();
    for i in [&both.followed_up, &both.pb_on_time] {
        assert_eq!((i.numerator, i.denominator), (0, 0));
        assert_eq!(i.value, None);
        assert_eq!(
            i.reason_if_none.as_deref(),
            Some("no dispute was recorded in 2024")
        );
    }
    let i = iku3(&s, 2023, &cal()).unwrap();
    assert_eq!(i.followed_up.value, Some(Decimal::ONE_HUNDRED));
    assert_eq!(i.pb_on_time.value, Some(Decimal::ONE_HUNDRED));
}

#[test]
fn iku3_three_recorded_two_pb_on_time() {
    let (_dir, mut s) = store("ani");
    // Fri 20 Dec 2024: 30 working days end Mon 10 Feb 2025 (Natal, cuti bersama, New Year,
    // Isra Mikraj and Imlek skipped).
    s.insert_disputes(&[
        row("PT A", "2024-12-20", "pb", "2025-02-10"), // on the last day
        row("PT B", "2024-11-04", "pb", "2024-11-29"),
        row("PT C", "2024-12-20", "pb", "2025-02-11"), // one working day late
    ])
    .unwrap();
    let both = iku3(&s, 2024, &cal()).unwrap();
    // all three ended in a PB: followed up, the realisation
    let f = &both.followed_up;
    assert_eq!((f.numerator, f.denominator), (3, 3));
    assert_eq!(f.value.unwrap().to_string(), "100.00");
    // two of them within the mediation deadline: PB tepat waktu beside it
    let i = &both.pb_on_time;
    assert_eq!((i.numerator, i.denominator), (2, 3));
    assert_eq!(i.value, Some(Decimal::new(6667, 2)));
    assert_eq!(i.value.unwrap().to_string(), "66.67");
    assert_eq!(i.reason_if_none, None);
}

#[test]
fn a_pb_one_working_day_late_is_not_on_time() {
    let (_dir, mut s) = store("ani");
    // Mon 3 Jun 2024 + 30 working days (Idul Adha 17–18 Jun skipped) ends Wed 17 Jul 2024;
    // the next working day is Thu 18 Jul.
    let late = s
        .insert_dispute(&row("PT Late", "2024-06-03", "pb", "2024-07-18"))
        .unwrap();
    let i = iku3(&s, 2024, &cal()).unwrap().pb_on_time;
    assert_eq!((i.numerator, i.denominator), (0, 1));
    assert_eq!(
        i.value,
        Some(Decimal::ZERO),
        "one dispute recorded: 0 %, a value"
    );
    let rec = s.get_dispute(late).unwrap();
    let mut on_the_day = rec.value.clone();
    on_the_day.outcome_on = Some(d(2024, 7, 17));
    s.update_dispute(late, rec.version, &on_the_day).unwrap();
    let i = iku3(&s, 2024, &cal()).unwrap().pb_on_time;
    assert_eq!(i.value, Some(Decimal::new(10000, 2)));
}

#[test]
fn anjuran_and_withdrawn_are_recorded_but_not_pb() {
    let (_dir, mut s) = store("ani");
    s.insert_disputes(&[
        row("PT A", "2024-03-04", "pb", "2024-03-20"),
        row("PT B", "2024-03-04", "anjuran", "2024-03-25"),
        row("PT C", "2024-03-04", "withdrawn", "2024-03-06"),
        row("PT D", "2024-03-04", "", ""),
    ])
    .unwrap();
    let both = iku3(&s, 2024, &cal()).unwrap();
    // followed up: the PB, the anjuran and the withdrawal; the open one is not
    let f = &both.followed_up;
    assert_eq!((f.numerator, f.denominator), (3, 4));
    assert_eq!(f.value.unwrap().to_string(), "75.00");
    let i = &both.pb_on_time;
    assert_eq!((i.numerator, i.denominator), (1, 4));
    assert_eq!(i.value.unwrap().to_string(), "25.00");

    let t = summary_table(&s, 2024, &cal()).unwrap();
    assert_eq!(t.header, ["type", "outcome", "on_time", "count"]);
    let text = |c: &Cell| match c {
        Cell::Text(s) | Cell::Id(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Empty => String::new(),
        Cell::Dec(x) => x.to_string(),
    };
    let rows: Vec<String> = t
        .rows
        .iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        rows,
        [
            "phk,open,,1",
            "phk,pb,ya,1",
            "phk,anjuran,ya,1",
            "phk,withdrawn,,1",
            "TOTAL,,,4"
        ]
    );
}

#[test]
fn a_dispute_walks_through_its_stages() {
    let (_dir, mut s) = store("ani");
    let id = s.insert_dispute(&new_bipartite()).unwrap();
    let stage = |s: &Store| s.get_dispute(id).unwrap().value.stage;
    assert_eq!(stage(&s), Stage::Bipartit);

    let v = s
        .move_dispute_stage(id, 1, StageMove::to(Stage::Tercatat), d(2024, 11, 4))
        .unwrap();
    assert_eq!((v, stage(&s)), (2, Stage::Tercatat));

    // no mediator yet: mediasi refused, nothing written
    let err = s
        .move_dispute_stage(id, 2, StageMove::to(Stage::Mediasi), d(2024, 11, 6))
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    assert_eq!(err.to_string(), "name the mediator first");
    assert_eq!(s.get_dispute(id).unwrap().version, 2);

    let mut x = s.get_dispute(id).unwrap().value;
    x.mediator = "Budi Santoso".into();
    let v = s.update_dispute(id, 2, &x).unwrap();
    let v = s
        .move_dispute_stage(id, v, StageMove::to(Stage::Mediasi), d(2024, 11, 6))
        .unwrap();
    // a move the process forbids
    let err = s
        .move_dispute_stage(id, v, StageMove::finish(Outcome::Court), d(2024, 11, 20))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a dispute cannot move from mediasi to selesai:court"
    );
    let v = s
        .move_dispute_stage(id, v, StageMove::finish(Outcome::Pb), d(2024, 11, 20))
        .unwrap();
    let rec = s.get_dispute(id).unwrap();
    assert_eq!(rec.version, v);
    assert_eq!(rec.value.stage, Stage::Selesai);
    assert_eq!(rec.value.outcome, Some(Outcome::Pb));
    assert!(rec.value.next_stages().is_empty());

    let h = s.dispute_history(id).unwrap();
    let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "stage", "update", "stage", "stage"]);
    let last = h.last().unwrap();
    assert!(last
        .changes
        .iter()
        .any(|c| c.field == "stage" && c.old == "mediasi" && c.new == "selesai"));
    assert!(last
        .changes
        .iter()
        .any(|c| c.field == "outcome_on" && c.new == "2024-11-20"));
    assert_eq!(
        iku3(&s, 2024, &cal())
            .unwrap()
            .pb_on_time
            .value
            .unwrap()
            .to_string(),
        "100.00"
    );
}

#[test]
fn an_edit_keeps_the_stage_and_must_agree_with_it() {
    let (_dir, mut s) = store("ani");
    let id = s.insert_dispute(&new_bipartite()).unwrap();
    let v = s
        .move_dispute_stage(id, 1, StageMove::to(Stage::Tercatat), d(2024, 11, 4))
        .unwrap();
    let mut x = s.get_dispute(id).unwrap().value;
    x.stage = Stage::Selesai; // ignored: stages change by moves only
    x.notes = "para pihak hadir".into();
    let v = s.update_dispute(id, v, &x).unwrap();
    assert_eq!(s.get_dispute(id).unwrap().value.stage, Stage::Tercatat);
    x.recorded_on = None;
    let err = s.update_dispute(id, v, &x).unwrap_err().to_string();
    assert!(err.contains("Recorded on: "), "{err}");
    assert_eq!(s.get_dispute(id).unwrap().version, v);
}

#[test]
fn two_officers_saving_the_same_dispute_the_second_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    let id = ani.insert_dispute(&new_bipartite()).unwrap();
    let a = ani.get_dispute(id).unwrap();
    let b = budi.get_dispute(id).unwrap();

    let mut ax = a.value.clone();
    ax.worker_count = Some(40);
    assert_eq!(ani.update_dispute(id, a.version, &ax).unwrap(), 2);

    let mut bx = b.value.clone();
    bx.notes = "mogok direncanakan".into();
    let err = budi.update_dispute(id, b.version, &bx).unwrap_err();
    match &err {
        StoreError::Conflict { by, .. } => assert_eq!(by, "ani"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(err.to_string().starts_with("dispute #"), "{err}");
    // a stale stage move and a stale archive are refused too
    assert!(matches!(
        budi.move_dispute_stage(
            id,
            b.version,
            StageMove::to(Stage::Tercatat),
            d(2024, 11, 4)
        ),
        Err(StoreError::Conflict { .. })
    ));
    assert!(matches!(
        budi.archive_dispute(id, b.version),
        Err(StoreError::Conflict { .. })
    ));
    let now = budi.get_dispute(id).unwrap();
    assert_eq!(
        (
            now.version,
            now.value.worker_count,
            now.value.notes.as_str()
        ),
        (2, Some(40), "")
    );
    assert_eq!(now.changed_by, "ani");
}

#[test]
fn an_import_is_all_or_nothing() {
    let (_dir, mut s) = store("ani");
    let mut bad = row("PT C", "2024-05-06", "", "");
    bad.kind = None; // the store refuses a dispute without a type
    let rows = vec![
        row("PT A", "2024-05-06", "pb", "2024-05-20"),
        row("PT B", "2024-05-06", "", ""),
        bad,
    ];
    assert!(s.insert_disputes(&rows).is_err());
    assert_eq!(s.count_disputes(&DisputeFilter::default()).unwrap(), 0);
    assert!(
        s.dispute_history(1).unwrap().is_empty(),
        "no audit left behind"
    );
    assert_eq!(s.insert_disputes(&rows[..2]).unwrap(), 2);
    assert_eq!(s.count_disputes(&DisputeFilter::default()).unwrap(), 2);
}

#[test]
fn the_list_filters_by_stage_year_and_words() {
    let (_dir, mut s) = store("ani");
    s.insert_disputes(&[
        row("PT Gula Manis", "2024-05-06", "pb", "2024-05-20"),
        row("PT Kertas Blitar", "2024-05-06", "", ""),
        row("PT Kertas Kediri", "2023-05-08", "", ""),
        new_bipartite(),
    ])
    .unwrap();
    let count = |f: DisputeFilter| s.count_disputes(&f).unwrap();
    assert_eq!(count(DisputeFilter::default()), 4);
    let f = DisputeFilter {
        stage: Some(Stage::Tercatat),
        ..Default::default()
    };
    assert_eq!(count(f), 2);
    let f = DisputeFilter {
        year: Some(2024),
        ..Default::default()
    };
    assert_eq!(count(f), 3, "the bipartite started in 2024 counts in 2024");
    let f = DisputeFilter {
        text: "kertas 2024".into(),
        ..Default::default()
    };
    assert_eq!(count(f), 0, "words are matched in names, not dates");
    let f = DisputeFilter {
        text: "KERTAS tercatat".into(),
        ..Default::default()
    };
    assert_eq!(count(f.clone()), 2);
    let w = s.list_disputes(&f, 0, 1).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].value.company, "PT Kertas Kediri", "newest first");
    let open = s.open_disputes().unwrap();
    assert_eq!(open.len(), 3);
}

#[test]
fn facilitations_and_compliance_give_the_2024_figures() {
    let (_dir, mut s) = store("ani");
    let today = d(2026, 11, 28);
    for i in 0..79 {
        let day = 1 + (i % 28);
        let v: BTreeMap<String, String> = [
            ("date", format!("2024-{:02}-{day:02}", 1 + i % 12)),
            ("company", format!("PT {i}")),
            ("topic", "sosialisasi PP/PKB".to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let (f, c) = PreventionFacilitation::from_fields(&v, today);
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        s.insert_facilitation(&f.unwrap()).unwrap();
    }
    s.insert_facilitation(&PreventionFacilitation {
        date: d(2023, 12, 1),
        company: "PT X".into(),
        topic: "THR".into(),
        notes: String::new(),
    })
    .unwrap();
    for i in 0..133 {
        s.insert_compliance(&CompanyCompliance {
            company: format!("PT {i}"),
            year: 2024,
            pp_pkb: match i {
                0..=59 => PpPkb::Pp,
                60..=69 => PpPkb::Pkb,
                _ => PpPkb::Tidak,
            },
            bpjs_member: i < 106,
        })
        .unwrap();
    }
    let st = s.prevention_stats(2024).unwrap();
    assert_eq!(st.facilitations, 79);
    assert_eq!(
        (st.companies_with_pp_pkb, st.companies_registered),
        (70, 133)
    );
    assert_eq!((st.companies_with_pkb, st.companies_in_bpjs), (10, 106));
    assert_eq!(s.count_facilitations(2023).unwrap(), 1);
    assert_eq!(s.list_compliance(2024, 0, 500).unwrap().len(), 133);
    assert_eq!(s.list_facilitations(2024, 0, 10).unwrap().len(), 10);

    // the same company twice in a year is refused; archived, it can be entered again
    let again = CompanyCompliance {
        company: "pt 5".into(),
        year: 2024,
        pp_pkb: PpPkb::Pkb,
        bpjs_member: true,
    };
    let err = s.insert_compliance(&again).unwrap_err().to_string();
    assert!(
        err.contains("already has a compliance record for 2024"),
        "{err}"
    );
    let first = s.list_compliance(2024, 0, 500).unwrap();
    let pt5 = first.iter().find(|r| r.value.company == "PT 5").unwrap();
    s.archive_compliance(pt5.id, pt5.version).unwrap();
    let id = s.insert_compliance(&again).unwrap();
    assert_eq!(s.prevention_stats(2024).unwrap().companies_with_pkb, 11);
    let h = s.compliance_history(id).unwrap();
    assert_eq!(h[0].action, "create");

    // a facilitation edited by two officers
    let f = s.list_facilitations(2024, 0, 1).unwrap().remove(0);
    let mut edited = f.value.clone();
    edited.topic = "PKB".into();
    s.update_facilitation(f.id, f.version, &edited).unwrap();
    assert!(matches!(
        s.update_facilitation(f.id, f.version, &edited),
        Err(StoreError::Conflict { .. })
    ));
}

#[test]
fn the_store_calendar_is_the_shipped_one() {
    let (_dir, s) = store("ani");
    assert_eq!(s.working_days().unwrap(), cal());
}
