//! What keeps a million cases and placements fast must not change a single figure: the
//! tallies (migration 9) against counting the rows, windows read from a known row against
//! windows counted from the top, and the search index against the rows it indexes.

use chrono::Datelike;
use disnaker::domain::case::{CaseStatus, Sector, Sex};
use disnaker::domain::demo::{cases, reference_day, PlacementGenerator, SEED};
use disnaker::domain::{Kecamatan, Placement};
use disnaker::store::{
    CaseAnchor, CaseFilter, ImportOutcome, PlacementFilter, SexSectorCounts, Store,
};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

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
        // The lookup's cases of each kecamatan (from the tally) are its rows counted.
        let rows = s.list_cases(&CaseFilter::default(), 0, 100_000).unwrap();
        for k in disnaker::domain::Kecamatan::all() {
            let mut want = std::collections::BTreeMap::<String, (i64, i64)>::new();
            for r in rows.iter().filter(|r| r.kecamatan == k.name()) {
                let e = want.entry(r.category.clone()).or_default();
                if r.status == "ditutup" {
                    e.1 += 1;
                } else {
                    e.0 += 1;
                }
            }
            let got: std::collections::BTreeMap<String, (i64, i64)> = s
                .case_counts_in_kecamatan(k)
                .unwrap()
                .into_iter()
                .map(|c| (c.category, (c.open, c.closed)))
                .collect();
            assert_eq!(got, want, "{}", k.name());
        }
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
        // Closing without the category's documents needs a reason (issue 16).
        version = s
            .move_case_status_noting(rec.id, version, next, "dokumen menyusul")
            .unwrap();
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
            archived: false,
            year: None,
            officer: None,
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
            archived: false,
            year: None,
            officer: None,
        };
        let found = s.list_cases(&f, 0, 1000).unwrap();
        assert!(found.iter().any(|x| x.id == r.id), "#{}", r.id);
    }
    let f = CaseFilter {
        text: "Ponggok".into(),
        include_archived: false,
        archived: false,
        year: None,
        officer: None,
    };
    let ponggok = all.iter().filter(|r| r.kecamatan == "Ponggok").count() as i64;
    assert!(ponggok > 0);
    assert_eq!(s.count_cases(&f).unwrap(), ponggok);
}

/// Rows of `sql`, every column as text.
fn rows_of(c: &Connection, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Vec<Vec<String>> {
    let mut stmt = c.prepare_cached(sql).unwrap();
    let n = stmt.column_count();
    let rows = stmt
        .query_map(args, |r| {
            (0..n)
                .map(|i| {
                    Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                        rusqlite::types::Value::Integer(v) => v.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        other => format!("{other:?}"),
                    })
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

/// `key, sector, sex, n` rows folded as the store folds its summaries.
fn folded(rows: Vec<Vec<String>>) -> Vec<SexSectorCounts> {
    let mut out: Vec<SexSectorCounts> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|c| c.key != r[0]) {
            out.push(SexSectorCounts::new(r[0].clone()));
        }
        let c = out.last_mut().unwrap();
        let n: i64 = r[3].parse().unwrap();
        match (r[1].as_str(), r[2].as_str()) {
            ("formal", "L") => c.formal_male += n,
            ("formal", _) => c.formal_female += n,
            (_, "L") => c.informal_male += n,
            _ => c.informal_female += n,
        }
    }
    out
}

/// Every figure the placement tally gives equals a GROUP BY over the placements: the tally
/// cell by cell (every year, archived ones too, no cell below zero), and the summaries by
/// kecamatan and by country, the lookup's sectors and top countries and the drill-down
/// counts of every year.
fn assert_placement_tally_is_the_rows(s: &Store, db: &Path) {
    // Read beside the store, as the sqlite3 tool would.
    let db = &Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tally = rows_of(
        db,
        "SELECT year, kecamatan, country, sector, sex, archived, n FROM placement_tally
         WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6",
        &[],
    );
    let counted = rows_of(
        db,
        "SELECT departure_year, kecamatan, country, sector, sex, archived, count(*)
         FROM placement GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
        &[],
    );
    if tally != counted {
        let only = |a: &[Vec<String>], b: &[Vec<String>]| -> Vec<Vec<String>> {
            a.iter().filter(|r| !b.contains(r)).cloned().collect()
        };
        panic!(
            "tally cells not in the rows: {:?}\nrows not in the tally: {:?}",
            only(&tally, &counted),
            only(&counted, &tally)
        );
    }
    let years = rows_of(db, "SELECT DISTINCT departure_year FROM placement", &[]);
    let mut years: Vec<i32> = years.iter().map(|r| r[0].parse().unwrap()).collect();
    years.push(1990);
    for year in years {
        let by_kecamatan = rows_of(
            db,
            "SELECT kecamatan, sector, sex, count(*) FROM placement
             WHERE archived = 0 AND departure_year = ?1
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            &[&year],
        );
        assert_eq!(
            s.placement_counts_by_kecamatan(year).unwrap(),
            folded(by_kecamatan),
            "{year}"
        );
        let by_country = rows_of(
            db,
            "SELECT country, sector, sex, count(*) FROM placement
             WHERE archived = 0 AND departure_year = ?1
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            &[&year],
        );
        assert_eq!(
            s.placement_counts_by_country(year).unwrap(),
            folded(by_country),
            "{year}"
        );
        let total: i64 = rows_of(
            db,
            "SELECT count(*) FROM placement WHERE archived = 0 AND departure_year = ?1",
            &[&year],
        )[0][0]
            .parse()
            .unwrap();
        assert_eq!(
            s.count_placements(&PlacementFilter::year(year)).unwrap(),
            total
        );
        for k in Kecamatan::all() {
            let sectors = rows_of(
                db,
                "SELECT kecamatan, sector, sex, count(*) FROM placement
                 WHERE archived = 0 AND departure_year = ?1 AND kecamatan = ?2
                 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                &[&year, &k.name()],
            );
            let want = folded(sectors)
                .pop()
                .unwrap_or_else(|| SexSectorCounts::new(k.name()));
            assert_eq!(s.placement_counts_in_kecamatan(k, year).unwrap(), want);
            let top = rows_of(
                db,
                "SELECT country, count(*) AS n FROM placement
                 WHERE archived = 0 AND departure_year = ?1 AND kecamatan = ?2
                 GROUP BY country ORDER BY n DESC, country LIMIT 5",
                &[&year, &k.name()],
            );
            let got: Vec<Vec<String>> = s
                .top_countries_in_kecamatan(k, year, 5)
                .unwrap()
                .into_iter()
                .map(|(c, n)| vec![c, n.to_string()])
                .collect();
            assert_eq!(got, top, "{} {year}", k.name());
            // A drill-down cell: this kecamatan's informal women.
            let mut cell = PlacementFilter::year(year);
            cell.kecamatan = Some(k);
            cell.sector = Some(Sector::Informal);
            cell.sex = Some(Sex::P);
            assert_eq!(s.count_placements(&cell).unwrap(), want.informal_female);
        }
    }
}

/// A change an officer makes to a placement in its form.
type Edit = Box<dyn Fn(&mut Placement)>;

/// The year before `d`'s, same day (the 28th for a 29 February).
fn a_year_earlier(d: chrono::NaiveDate) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day().min(28)).unwrap()
}

#[test]
fn the_placement_tally_follows_every_kind_of_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut s = Store::open(&db, "ani").unwrap();
    let mut made = PlacementGenerator::new(SEED, reference_day(), 0);
    let first: Vec<Placement> = made.by_ref().take(400).collect();
    s.import_placements(&first, |_| {}).unwrap();
    assert_placement_tally_is_the_rows(&s, &db);

    // An import where new rows, rows already stored and rows repeated in the file alternate:
    // only the rows written are counted.
    let fresh: Vec<Placement> = made.by_ref().take(150).collect();
    let mut mixed = Vec::new();
    for (i, p) in fresh.iter().enumerate() {
        mixed.push(p.clone());
        if i % 3 == 0 {
            mixed.push(first[i].clone());
        }
        if i % 10 == 0 {
            mixed.push(p.clone());
        }
    }
    let outcome = s.import_placements(&mixed, |_| {}).unwrap();
    assert_eq!(
        outcome,
        ImportOutcome {
            added: 150,
            duplicates: 50 + 15
        }
    );
    assert_placement_tally_is_the_rows(&s, &db);
    // An import of nothing but duplicates counts nothing.
    let again = s.import_placements(&first[..30], |_| {}).unwrap();
    assert_eq!(again.added, 0);
    assert_placement_tally_is_the_rows(&s, &db);

    // Typed in; the same again is refused and counts nothing.
    let typed = made.next().unwrap();
    let id = s.insert_placement(&typed).unwrap();
    assert_placement_tally_is_the_rows(&s, &db);
    assert!(s.insert_placement(&typed).is_err());
    assert_placement_tally_is_the_rows(&s, &db);

    // Edits of each counted column, one at a time, and one of a column not counted.
    let other_sex = made.by_ref().find(|p| p.sex != typed.sex).unwrap();
    let edits: Vec<Edit> = vec![
        Box::new(|p| {
            p.kecamatan = if p.kecamatan.name() == "Bakung" {
                Kecamatan::parse("Wlingi").unwrap()
            } else {
                Kecamatan::parse("Bakung").unwrap()
            }
        }),
        Box::new(|p| {
            p.country = if p.country == "Jepang" {
                "Taiwan"
            } else {
                "Jepang"
            }
            .into()
        }),
        Box::new(|p| {
            p.sector = match p.sector {
                Sector::Formal => Sector::Informal,
                Sector::Informal => Sector::Formal,
            }
        }),
        // Sex comes with the NIK (its birth day says it): a corrected NIK.
        Box::new(move |p| {
            p.nik = other_sex.nik.clone();
            p.sex = other_sex.sex;
        }),
        Box::new(|p| p.departure_date = a_year_earlier(p.departure_date)),
        Box::new(|p| p.name = format!("{} (koreksi)", p.name)),
    ];
    let ids = [id, 1, 2, 3, 401, 402];
    for (edit, id) in edits.iter().zip(ids) {
        let rec = s.get_placement(id).unwrap();
        let mut p = rec.placement.clone();
        edit(&mut p);
        assert_ne!(p, rec.placement);
        s.update_placement(id, rec.version, &p).unwrap();
        assert_placement_tally_is_the_rows(&s, &db);
    }
    // Every counted column of one record at once.
    let rec = s.get_placement(4).unwrap();
    let mut p = rec.placement.clone();
    for edit in &edits {
        edit(&mut p);
    }
    assert_ne!(p.year(), rec.placement.year());
    s.update_placement(4, rec.version, &p).unwrap();
    assert_placement_tally_is_the_rows(&s, &db);

    // A destination no one else went to, typed by mistake and corrected: its emptied cells
    // stay in the tally at 0 but in no summary.
    for country in ["Kanada", "Jepang"] {
        let rec = s.get_placement(8).unwrap();
        let mut p = rec.placement.clone();
        p.country = country.into();
        s.update_placement(8, rec.version, &p).unwrap();
        assert_placement_tally_is_the_rows(&s, &db);
    }

    // Archives, then the same departure typed in again (an archived one does not block it).
    for id in [5, 6, 403] {
        let v = s.get_placement(id).unwrap().version;
        s.archive_placement(id, v).unwrap();
        assert_placement_tally_is_the_rows(&s, &db);
    }
    s.insert_placement(&s.get_placement(5).unwrap().placement)
        .unwrap();
    assert_placement_tally_is_the_rows(&s, &db);

    // Rows an administrator deletes with the sqlite3 tool leave the counts too.
    Connection::open(&db)
        .unwrap()
        .execute("DELETE FROM placement WHERE id IN (7, 6, 404)", [])
        .unwrap();
    assert_placement_tally_is_the_rows(&s, &db);
}
