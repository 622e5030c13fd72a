//! Placements end to end below the CLI: records built to match the published 2024 tables
//! (LKjIP 2024 tables 3.17 and 3.16) are imported into a store on a temporary file, and the
//! summaries, the lookup and the drill-down lists must give the published figures back.

mod common;

use common::{placement, records_2024, COUNTRY_CSV, KECAMATAN_CSV};
use disnaker::domain::case::{Sector, Sex};
use disnaker::domain::date::Date;
use disnaker::domain::{Kecamatan, Placement};
use disnaker::report::lookup::lookup;
use disnaker::report::placements::{
    countries_table, kecamatan_table, published_2024_countries, published_2024_kecamatan,
};
use disnaker::report::table::{Cell, Table};
use disnaker::store::{ImportOutcome, PlacementFilter, Store, StoreError};
use std::collections::BTreeSet;
use std::path::Path;

/// The table as the program writes it for `export ... --format csv`.
fn csv(t: &Table) -> String {
    let mut out = Vec::new();
    disnaker::report::table::write(t, disnaker::report::table::Format::Csv, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn store_with_2024(dir: &Path) -> (Store, Vec<Placement>) {
    let mut s = Store::open(&dir.join("t.db"), "ani").unwrap();
    let rows = records_2024();
    let mut heard = Vec::new();
    let outcome = s.import_placements(&rows, |n| heard.push(n)).unwrap();
    assert_eq!(
        outcome,
        ImportOutcome {
            added: 3727,
            duplicates: 0
        }
    );
    assert_eq!(heard, vec![1000, 2000, 3000, 3727]);
    (s, rows)
}

#[test]
fn kecamatan_export_gives_back_table_3_17_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = store_with_2024(dir.path());
    let table = kecamatan_table(&s, 2024).unwrap();
    // The reference holds the 22 rows; the export adds the TOTAL row (SPEC §5).
    let expected = format!("{KECAMATAN_CSV}TOTAL,1004,85,9,2629,3727\r\n");
    assert_eq!(csv(&table), expected);
    // The published figures shown beside the records are laid out the same way.
    assert_eq!(published_2024_kecamatan(&s).unwrap().table, table);
    // Other years hold no records: all 22 rows with zeros.
    let empty = kecamatan_table(&s, 2023).unwrap();
    assert_eq!(empty.rows.len(), 23);
    assert!(empty.rows.iter().all(|r| r[5] == Cell::Int(0)));
}

#[test]
fn countries_export_gives_back_table_3_16_largest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = store_with_2024(dir.path());
    let table = countries_table(&s, 2024).unwrap();
    let text = csv(&table);
    let mut lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        lines.remove(0),
        COUNTRY_CSV.lines().next().unwrap().trim_end()
    );
    assert_eq!(lines.pop(), Some("TOTAL,1004,85,9,2629,3727"));
    // The same rows as the report ...
    let got: BTreeSet<&str> = lines.iter().copied().collect();
    let want: BTreeSet<&str> = COUNTRY_CSV.lines().skip(1).map(str::trim_end).collect();
    assert_eq!(got, want);
    assert_eq!(lines.len(), want.len());
    // ... largest total first, equal totals by name.
    let key = |l: &&str| {
        let f: Vec<&str> = l.split(',').collect();
        (-f[5].parse::<i64>().unwrap(), f[0].to_string())
    };
    let mut sorted = lines.clone();
    sorted.sort_by_key(key);
    assert_eq!(lines, sorted);
    assert!(lines[0].starts_with("Hongkong,") && lines[1].starts_with("Taiwan,"));
    assert_eq!(published_2024_countries(&s).unwrap().table, table);
}

#[test]
fn lookup_ponggok_2024() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = store_with_2024(dir.path());
    let ponggok = Kecamatan::parse("Ponggok").unwrap();
    let r = lookup(&s, ponggok, 2024, today()).unwrap();
    let p = &r.placements;
    assert_eq!(p.total, 370);
    assert_eq!((p.male, p.female), (106, 264));
    assert_eq!((p.formal, p.informal), (110, 260));
    assert_eq!(
        (
            p.formal_male,
            p.formal_female,
            p.informal_male,
            p.informal_female
        ),
        (103, 7, 3, 257)
    );
    assert!(!p.top_countries.is_empty() && p.top_countries.len() <= 5);
    assert!(p.top_countries.windows(2).all(|w| w[0].count >= w[1].count));
    assert!(p.top_countries.iter().map(|c| c.count).sum::<i64>() <= 370);
    assert_eq!(
        lookup(&s, ponggok, 2023, today()).unwrap().placements.total,
        0
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["kecamatan"], "Ponggok");
    assert_eq!(json["placements"]["female"], 264);
}

#[test]
fn reimporting_skips_every_row_and_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, rows) = store_with_2024(dir.path());
    let before = s.count_placements(&PlacementFilter::year(2024)).unwrap();
    assert_eq!(before, 3727);
    let preview = s.preview_placement_import(&rows).unwrap();
    assert_eq!(
        preview,
        ImportOutcome {
            added: 0,
            duplicates: 3727
        }
    );
    let again = s.import_placements(&rows, |_| {}).unwrap();
    assert_eq!(
        again,
        ImportOutcome {
            added: 0,
            duplicates: 3727
        }
    );
    assert_eq!(
        s.count_placements(&PlacementFilter::year(2024)).unwrap(),
        3727
    );

    // A repeat inside one file is a duplicate too, and the preview agrees with the import.
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&dir2.path().join("f.db"), "ani").unwrap();
    let batch = vec![rows[0].clone(), rows[1].clone(), rows[0].clone()];
    let want = ImportOutcome {
        added: 2,
        duplicates: 1,
    };
    assert_eq!(fresh.preview_placement_import(&batch).unwrap(), want);
    assert_eq!(fresh.import_placements(&batch, |_| {}).unwrap(), want);
}

#[test]
fn an_import_failing_midway_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut s = Store::open(&path, "ani").unwrap();
    // Take Wates out of the reference list behind the store's back, so that the first
    // Wates row in the middle of the import breaks the foreign key.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM kecamatan WHERE name = 'Wates'", [])
        .unwrap();
    let rows = records_2024();
    let first_wates = rows
        .iter()
        .position(|p| p.kecamatan.name() == "Wates")
        .unwrap();
    assert!(first_wates > 100);
    let err = s.import_placements(&rows, |_| {}).unwrap_err();
    assert!(
        matches!(err, StoreError::Db(_)),
        "expected a constraint error, got {err:?}"
    );
    assert_eq!(s.count_placements(&PlacementFilter::year(2024)).unwrap(), 0);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let (placements, audits): (i64, i64) = raw
        .query_row(
            "SELECT (SELECT count(*) FROM placement), (SELECT count(*) FROM audit)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((placements, audits), (0, 0));
}

#[test]
fn an_import_is_one_audit_entry_and_each_record_can_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = store_with_2024(dir.path());
    let raw = rusqlite::Connection::open(dir.path().join("t.db")).unwrap();
    let entries: Vec<(String, String, String)> = raw
        .prepare("SELECT entity, action, officer FROM audit")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        entries,
        vec![("placement_import".into(), "import".into(), "ani".into())]
    );
    let history = s.placement_history(1234).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, "import");
    assert!(history[0]
        .changes
        .iter()
        .any(|c| c.field == "added" && c.new == "3727"));
    let rec = s.get_placement(1234).unwrap();
    assert_eq!((rec.version, rec.created_by.as_str()), (1, "ani"));
}

#[test]
fn drill_down_lists_come_in_windows_that_match_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = store_with_2024(dir.path());
    let mut f = PlacementFilter::year(2024);
    f.kecamatan = Some(Kecamatan::parse("Ponggok").unwrap());
    assert_eq!(s.count_placements(&f).unwrap(), 370);
    let mut ids = Vec::new();
    for page in 0..8 {
        let rows = s.list_placements(&f, page * 50, 50).unwrap();
        assert!(rows.len() <= 50);
        for r in &rows {
            assert_eq!(r.kecamatan, "Ponggok");
            assert!(r.nik_masked.starts_with("************"));
            assert!(r.departure_date.starts_with("2024-"));
        }
        ids.extend(rows.iter().map(|r| r.id));
    }
    assert_eq!(ids.len(), 370);
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "last entered first");

    // A cell of the summary: Ponggok, informal, women.
    f.sector = Some(Sector::Informal);
    f.sex = Some(Sex::P);
    assert_eq!(s.count_placements(&f).unwrap(), 257);
    assert_eq!(s.list_placements(&f, 250, 50).unwrap().len(), 7);

    // A country row and the year's total.
    let mut hk = PlacementFilter::year(2024);
    hk.country = Some("Hongkong".into());
    assert_eq!(s.count_placements(&hk).unwrap(), 1700);
    assert_eq!(
        s.count_placements(&PlacementFilter::year(2024)).unwrap(),
        3727
    );
    let window = s
        .list_placements(&PlacementFilter::year(2024), 0, 20)
        .unwrap();
    assert_eq!(window.len(), 20);
    assert_eq!(window[0].id, 3727);

    // Typing narrows the list: every word must appear.
    let mut typed = PlacementFilter::year(2024);
    typed.text = "pekerja 0042".into();
    let hits = s.list_placements(&typed, 0, 50).unwrap();
    assert!(hits.iter().any(|h| h.name == "Pekerja 0042"));
    assert!(hits.len() < 10, "{}", hits.len()); // "0042" may also occur inside a NIK
    typed.text = "100%_".into();
    assert_eq!(s.count_placements(&typed).unwrap(), 0);
}

#[test]
fn two_officers_editing_one_placement_the_second_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    let departure = Date::from_ymd_opt(2024, 5, 2).unwrap();
    let p = placement(1, "Ponggok", "Taiwan", Sector::Formal, Sex::L, departure);
    let id = ani.insert_placement(&p).unwrap();

    let a = ani.get_placement(id).unwrap();
    let b = budi.get_placement(id).unwrap();
    assert_eq!((a.version, b.version), (1, 1));
    assert_eq!(a.placement, p);

    let mut a_p = a.placement.clone();
    a_p.desa = "Bacem".into();
    assert_eq!(ani.update_placement(id, 1, &a_p).unwrap(), 2);

    let mut b_p = b.placement.clone();
    b_p.occupation = "operator pabrik".into();
    let err = budi.update_placement(id, 1, &b_p).unwrap_err();
    match &err {
        StoreError::Conflict { by, .. } => assert_eq!(by, "ani"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(err.to_string().contains("changed by ani"));
    assert!(matches!(
        budi.archive_placement(id, 1),
        Err(StoreError::Conflict { .. })
    ));

    let now = budi.get_placement(id).unwrap();
    assert_eq!((now.version, now.placement.desa.as_str()), (2, "Bacem"));
    assert_eq!(now.placement.occupation, "");

    // Budi reloads and saves on top of Ani's version.
    assert_eq!(budi.update_placement(id, 2, &b_p).unwrap(), 3);
    let history = ani.placement_history(id).unwrap();
    let actions: Vec<(&str, &str)> = history
        .iter()
        .map(|h| (h.action.as_str(), h.officer.as_str()))
        .collect();
    assert_eq!(
        actions,
        vec![("create", "ani"), ("update", "ani"), ("update", "budi")]
    );
    let last = &history[2].changes;
    assert_eq!(last.len(), 2, "{last:?}"); // desa back to empty, occupation set
    assert_eq!(ani.archive_placement(id, 3).unwrap(), 4);
    assert_eq!(
        ani.count_placements(&PlacementFilter::year(2024)).unwrap(),
        0
    );

    // Moving a record onto another's NIK and departure date is refused by name.
    let q = placement(2, "Bakung", "Taiwan", Sector::Formal, Sex::L, departure);
    let q_id = ani.insert_placement(&q).unwrap();
    let r = placement(3, "Bakung", "Taiwan", Sector::Formal, Sex::L, departure);
    let r_id = ani.insert_placement(&r).unwrap();
    let mut moved = r.clone();
    moved.nik = q.nik.clone();
    let err = ani.update_placement(r_id, 1, &moved).unwrap_err();
    assert!(err.to_string().contains(&format!("#{q_id}")), "{err}");
}

#[test]
fn a_store_from_before_placements_upgrades_and_keeps_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let s = Store::open(&path, "ani").unwrap();
    let latest = s.schema_version().unwrap();
    assert!(latest >= 2);
    drop(s);
    // Take the store back to schema 1, as the first release left it, with one case in it.
    let raw = rusqlite::Connection::open(&path).unwrap();
    // Drop every table that migrations after the first created.
    let schema_1 = [
        "meta",
        "kecamatan",
        "country",
        "holiday",
        "published",
        "indicator",
        "indicator_target",
        "pmi_case",
        "audit",
    ];
    let later: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|n| n.unwrap())
        .filter(|n| !schema_1.contains(&n.as_str()))
        .collect();
    for t in later {
        // a virtual table drops its shadow tables with it
        raw.execute_batch(&format!("DROP TABLE IF EXISTS {t};"))
            .unwrap();
    }
    let triggers: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|n| n.unwrap())
        .collect();
    for t in triggers {
        raw.execute_batch(&format!("DROP TRIGGER {t};")).unwrap();
    }
    raw.execute_batch(
        "DROP INDEX pmi_case_lookup;
         DROP INDEX pmi_case_officer; DROP INDEX pmi_case_due;
         ALTER TABLE pmi_case DROP COLUMN officer;
         ALTER TABLE pmi_case DROP COLUMN planned_return;
         INSERT INTO pmi_case (name, sex, kecamatan, country, category, reported_on,
                               created_by, created_at, changed_by, changed_at)
         VALUES ('Siti', 'P', 'Ponggok', 'Taiwan', 'sakit', '2024-02-01', 'ani', 'x', 'ani', 'x');
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(raw);
    let mut s = Store::open(&path, "budi").unwrap();
    assert_eq!(s.schema_version().unwrap(), latest);
    let departure = Date::from_ymd_opt(2024, 5, 2).unwrap();
    let p = placement(7, "Ponggok", "Taiwan", Sector::Informal, Sex::P, departure);
    s.insert_placement(&p).unwrap();
    let r = lookup(&s, Kecamatan::parse("pONGGOK").unwrap(), 2024, today()).unwrap();
    assert_eq!(r.placements.total, 1);
    assert_eq!((r.cases.open, r.cases.closed), (1, 0));
    let sakit = r.cases.by_category.iter().find(|c| c.category == "sakit");
    assert_eq!(sakit.map(|c| c.open), Some(1));
}

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

/// The lookup's trainees and families of each kecamatan add up to the year's totals that
/// pane 4 and pane 5 show (counted by other queries), and a kecamatan with none says 0.
#[test]
fn the_lookup_counts_trainees_and_families_of_the_kecamatan() {
    let mut s = Store::open_in_memory("t").unwrap();
    let day = disnaker::domain::demo::reference_day();
    disnaker::store::demo::fill(&mut s, 6_000, day, |_| {}).unwrap();
    let (mut trained_any, mut families_any) = (false, false);
    for year in 2022..=2026 {
        let (mut trainees, mut graduated, mut employed) = (0, 0, 0);
        let (mut registered, mut departed, mut waiting) = (0, 0, 0);
        for k in Kecamatan::all() {
            let r = lookup(&s, k, year, day).unwrap();
            trainees += r.trainees.participants;
            graduated += r.trainees.graduated;
            employed += r.trainees.employed;
            let f = &r.transmigrant_families;
            registered += f.registered;
            departed += f.departed;
            waiting += f.waiting;
        }
        let t = s.training_year_counts(year).unwrap();
        trained_any |= t.participants > 0;
        assert_eq!(
            (trainees, graduated, employed),
            (t.participants, t.graduated, t.employed)
        );
        let end = Date::from_ymd_opt(year, 12, 31).unwrap().min(day);
        let f = s.transmigration_counts(year, end).unwrap();
        families_any |= f.registered + f.waiting > 0;
        assert_eq!(
            (registered, departed, waiting),
            (f.registered, f.departed, f.waiting)
        );
    }
    assert!(trained_any && families_any, "the demo holds both");
    let json =
        serde_json::to_value(lookup(&s, Kecamatan::parse("Ponggok").unwrap(), 2025, day).unwrap())
            .unwrap();
    assert!(
        json["trainees"]["participants"].as_i64().unwrap() > 0,
        "{json}"
    );
}

/// A streaming import dropped before `finish` (the file turned out bad in the write pass)
/// writes nothing: no row, no tally count, and the store takes the next import as before.
#[test]
fn an_import_dropped_unfinished_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let rows = records_2024();
    {
        let mut import = s.begin_placement_import().unwrap();
        for p in &rows[..2000] {
            import.add(p).unwrap();
        }
        assert_eq!(import.outcome().added, 2000);
    }
    assert_eq!(s.count_placements(&PlacementFilter::year(2024)).unwrap(), 0);
    assert_eq!(kecamatan_table(&s, 2024).unwrap().rows[22][5], Cell::Int(0));
    // The preview counts the file's own repeats without writing.
    let twice: Vec<Placement> = rows.iter().chain(&rows[..10]).cloned().collect();
    let preview = s.preview_placement_import(&twice).unwrap();
    assert_eq!(
        preview,
        ImportOutcome {
            added: 3727,
            duplicates: 10
        }
    );
    assert_eq!(s.count_placements(&PlacementFilter::year(2024)).unwrap(), 0);
    let mut import = s.begin_placement_import().unwrap();
    for p in &twice {
        import.add(p).unwrap();
    }
    assert_eq!(
        import.finish().unwrap(),
        ImportOutcome {
            added: 3727,
            duplicates: 10
        }
    );
    assert_eq!(
        s.count_placements(&PlacementFilter::year(2024)).unwrap(),
        3727
    );
    assert_eq!(
        kecamatan_table(&s, 2024).unwrap().rows[22][5],
        Cell::Int(3727)
    );
}
