//! What keeps a million cases fast must not change a single figure: the tally (migration 9)
//! against counting the rows, windows read from a known row against windows counted from
//! the top, and the search index against the rows it indexes.

use chrono::Datelike;
use disnaker::domain::case::CaseStatus;
use disnaker::domain::demo::{cases, reference_day, SEED};
use disnaker::store::{CaseAnchor, CaseFilter, Store};

fn store_with(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    s.insert_cases(&cases(n, SEED, reference_day()), |_| {})
        .unwrap();
    (dir, s)
}

/// The year's figures counted from the rows one by one.
fn counted(s: &Store, year: i32) -> (i64, i64, i64) {
    let all = s.list_cases(&CaseFilter::default(), 0, 1_000_000).unwrap();
    let day = reference_day();
    let mut reported = 0;
    let mut open = 0;
    for r in &all {
        if r.reported_on.starts_with(&year.to_string()) {
            reported += 1;
            open += i64::from(r.status != "ditutup");
        }
    }
    let overdue = all.iter().filter(|r| r.is_overdue(day)).count() as i64;
    (reported, open, overdue)
}

#[test]
fn the_tally_follows_every_kind_of_write() {
    let (_dir, mut s) = store_with(600);
    let day = reference_day();
    let year = day.year();
    let check = |s: &Store| {
        let st = s.case_year_stats(year, day).unwrap();
        assert_eq!((st.reported, st.open, st.overdue), counted(s, year));
        let total = s
            .list_cases(&CaseFilter::default(), 0, 100_000)
            .unwrap()
            .len();
        assert_eq!(s.count_cases(&CaseFilter::default()).unwrap(), total as i64);
        let with_archived = CaseFilter {
            include_archived: true,
            ..CaseFilter::default()
        };
        let all = s.list_cases(&with_archived, 0, 100_000).unwrap().len();
        assert_eq!(s.count_cases(&with_archived).unwrap(), all as i64);
    };
    check(&s);

    let rows = s.list_cases(&CaseFilter::default(), 0, 50).unwrap();
    // A status move, an archive, an edit that moves a case to another year.
    let open = rows.iter().find(|r| r.status == "baru").unwrap();
    s.move_case_status(open.id, 1, CaseStatus::Koordinasi)
        .unwrap();
    check(&s);
    s.archive_case(rows[1].id, s.get_case(rows[1].id).unwrap().version)
        .unwrap();
    check(&s);
    let rec = s.get_case(rows[2].id).unwrap();
    let mut moved = rec.case.clone();
    moved.reported_on = Some(chrono::NaiveDate::from_ymd_opt(year - 2, 3, 4).unwrap());
    s.update_case(rec.id, rec.version, &moved).unwrap();
    check(&s);
    s.insert_case(&cases(1, SEED + 9, day)[0]).unwrap();
    check(&s);
    // A follow-up put off to later, one brought forward into the past, a case closed.
    let open: Vec<_> = s
        .list_cases(&CaseFilter::default(), 0, 600)
        .unwrap()
        .into_iter()
        .filter(|r| r.status != "ditutup" && r.next_followup.is_some())
        .collect();
    let (late, early, closing) = (&open[0], &open[1], &open[2]);
    for (r, days) in [(late, 400), (early, -400)] {
        let rec = s.get_case(r.id).unwrap();
        let mut c = rec.case.clone();
        c.next_followup = Some(day + chrono::Duration::days(days));
        s.update_case(rec.id, rec.version, &c).unwrap();
        check(&s);
    }
    let rec = s.get_case(closing.id).unwrap();
    let mut next = rec.case.status.unwrap_or(CaseStatus::Baru);
    let mut version = rec.version;
    while next != CaseStatus::Ditutup {
        next = *next.next().last().unwrap();
        version = s.move_case_status(rec.id, version, next).unwrap();
        check(&s);
    }

    // The summary from the tally is the summary of the rows.
    let summary = s.case_summary(year).unwrap();
    let in_summary: i64 = summary.iter().map(|r| r.open + r.closed).sum();
    assert_eq!(in_summary, counted(&s, year).0);
}

#[test]
fn a_window_read_from_any_known_row_is_the_window_counted_from_the_top() {
    let (_dir, s) = store_with(300);
    for filter in [
        CaseFilter::default(),
        CaseFilter {
            text: "Hongkong".into(),
            include_archived: false,
        },
    ] {
        let all = s.list_cases(&filter, 0, 1000).unwrap();
        let total = all.len() as i64;
        assert_eq!(s.count_cases(&filter).unwrap(), total);
        let ids = |rows: Vec<disnaker::store::CaseListRow>| -> Vec<i64> {
            rows.into_iter().map(|r| r.id).collect()
        };
        let expect = |from: i64, n: i64| -> Vec<i64> {
            all.iter()
                .skip(from.max(0) as usize)
                .take(n as usize)
                .map(|r| r.id)
                .collect()
        };
        for (offset, limit) in [(0, 20), (37, 20), (total - 20, 20), (total - 5, 20)] {
            let got = s
                .list_cases_from(&filter, CaseAnchor::Top, offset, limit)
                .unwrap();
            assert_eq!(ids(got), expect(offset, limit));
            // From the bottom: the window ending `skip` rows above the last.
            let end = (offset + limit).min(total);
            let got = s
                .list_cases_from(&filter, CaseAnchor::Bottom, total - end, end - offset)
                .unwrap();
            assert_eq!(ids(got), expect(offset, end - offset));
            // From the row just above the window, and from the row just below it.
            if offset > 0 {
                let above = all[offset as usize - 1].id;
                let got = s
                    .list_cases_from(&filter, CaseAnchor::After(above), 0, limit)
                    .unwrap();
                assert_eq!(ids(got), expect(offset, limit));
            }
            if end < total {
                let below = all[end as usize].id;
                let got = s
                    .list_cases_from(&filter, CaseAnchor::Before(below), 0, end - offset)
                    .unwrap();
                assert_eq!(ids(got), expect(offset, end - offset));
            }
        }
    }
}

#[test]
fn every_case_imported_in_bulk_is_found_by_the_filter() {
    let (_dir, s) = store_with(500);
    let all = s.list_cases(&CaseFilter::default(), 0, 1000).unwrap();
    // By its number, which only its own row holds.
    for r in all.iter().step_by(25) {
        let f = CaseFilter {
            text: format!("#{}", r.id),
            include_archived: false,
        };
        let found = s.list_cases(&f, 0, 1000).unwrap();
        assert!(found.iter().any(|x| x.id == r.id), "#{}", r.id);
    }
    let f = CaseFilter {
        text: "Ponggok".into(),
        include_archived: false,
    };
    let ponggok = all.iter().filter(|r| r.kecamatan == "Ponggok").count() as i64;
    assert!(ponggok > 0);
    assert_eq!(s.count_cases(&f).unwrap(), ponggok);
}
