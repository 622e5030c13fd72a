//! A store written by an earlier release opens in this one and upgrades with every record
//! intact. `tests/fixtures/store-schema-N.db` is a tiny store of each released schema N,
//! written by that release's own code (`write_store_fixture` below, run once before the next
//! migration is added):
//!
//! ```sh
//! DISNAKER_WRITE_FIXTURE=1 cargo test --test reliability upgrade::write_store_fixture
//! ```
//!
//! The upgrade test copies each fixture, reads every row of every record table with plain SQL,
//! opens the copy with `Store::open` (which migrates it), and reads the same rows again: they
//! must be identical, the store must pass `check`, and the records must read back through the
//! store's own API.

use disnaker::domain::date::Date;
use disnaker::domain::dispute::{CompanyCompliance, Dispute, PpPkb, PreventionFacilitation};
use disnaker::domain::dispute::{Stage as DisputeStage, StageMove as DisputeMove};
use disnaker::domain::nik::synthesise;
use disnaker::domain::training::{
    Employment, FundingSource, Trainee, Training, TrainingType, VerifiedHow,
};
use disnaker::domain::transmigrant::{Quota, Registration, Stage, StageMove};
use disnaker::domain::{CaseStatus, Placement, PmiCase, Sex};
use disnaker::store::Store;
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The tables that hold what officers entered (reference data is reloaded by design).
const RECORD_TABLES: &[&str] = &[
    "pmi_case",
    "placement",
    "dispute",
    "prevention_facilitation",
    "company_compliance",
    "training",
    "trainee",
    "transmigrant",
    "transmigration_quota",
    "jobseeker",
    "jobseeker_report",
    "job_fair",
    "domestic_placement",
    "audit",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The day the fixture's records were checked against.
fn fixture_day() -> Date {
    d("2025-06-30")
}

fn case(name: &str, serial: u32, kecamatan: &str, category: &str) -> PmiCase {
    let nik = synthesise("3505", 12, d("1990-03-14"), Sex::P, serial);
    let v = map(&[
        ("name", name),
        ("nik", &nik),
        ("sex", "P"),
        ("kecamatan", kecamatan),
        ("desa", "Bacem"),
        ("country", "Taiwan"),
        ("category", category),
        ("reported_on", "2025-03-01"),
        ("costs", "1.500.000"),
        ("notes", "catatan, dengan koma dan \"kutip\""),
    ]);
    let (c, checked) = PmiCase::from_fields(&v, fixture_day());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    c.unwrap()
}

fn placement(serial: u32, departure: &str) -> Placement {
    let nik = synthesise("3505", 7, d("1995-07-02"), Sex::L, serial);
    let v = map(&[
        ("nik", &nik),
        ("name", &format!("Pekerja {serial}")),
        ("sex", "L"),
        ("kecamatan", "Ponggok"),
        ("country", "Hong Kong"),
        ("sector", "informal"),
        ("scheme", "P to P"),
        ("departure_date", departure),
    ]);
    let (p, checked) = Placement::from_fields(&v, fixture_day());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    p.unwrap()
}

fn registration(n: u32) -> Registration {
    let v = map(&[
        ("head_name", &format!("Kepala Keluarga {n}")),
        ("nik", &synthesise("3505", 12, d("1980-08-12"), Sex::L, n)),
        ("kk_no", &format!("350512{n:010}")),
        ("members", "4"),
        ("kecamatan", "Talun"),
        ("desa", "Bajang"),
        ("registered_on", "2024-02-01"),
    ]);
    let (r, checked) = Registration::from_fields(&v, fixture_day());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    r.unwrap()
}

/// Records of every kind, with imports, edits by two officers, moves and an archive, so the
/// audit history has every shape.
fn fill(ani: &mut Store, budi: &mut Store) {
    // cases: an import of three, one typed, an edit, two status moves, an archive
    ani.insert_cases(
        &[
            case("Siti Aminah", 1, "Ponggok", "sakit"),
            case("Sri Wahyuni", 2, "Kademangan", "meninggal"),
            case("Dewi Lestari", 3, "Gandusari", "deportasi"),
        ],
        |_| {},
    )
    .unwrap();
    let typed = ani
        .insert_case(&case("Nur Hidayah", 4, "Talun", "kendala"))
        .unwrap();
    let mut edited = ani.get_case(1).unwrap().case;
    edited.notes = "keluarga sudah dihubungi".into();
    let v = budi.update_case(1, 1, &edited).unwrap();
    let v = ani.move_case_status(1, v, CaseStatus::Koordinasi).unwrap();
    ani.move_case_status(1, v, CaseStatus::Pemulangan).unwrap();
    ani.archive_case(typed, 1).unwrap();

    // placements: an import of three (one a repeat, skipped), an edit
    let rows = [
        placement(1, "2024-05-02"),
        placement(2, "2024-06-11"),
        placement(1, "2024-05-02"),
    ];
    ani.import_placements(&rows, |_| {}).unwrap();
    let mut p = ani.get_placement(2).unwrap().placement;
    p.occupation = "caregiver".into();
    budi.update_placement(2, 1, &p).unwrap();

    // a dispute recorded and moved on; a facilitation; a company's compliance edited
    let v = map(&[
        ("company", "PT Kertas Blitar"),
        ("workers", "Serikat Pekerja Kertas"),
        ("type", "phk"),
        ("bipartite_start", "2024-10-01"),
        ("bipartite_end", "2024-10-31"),
        ("minutes_present", "ya"),
    ]);
    let (x, checked) = Dispute::from_fields(&v, fixture_day());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let id = ani.insert_dispute(&x.unwrap()).unwrap();
    ani.move_dispute_stage(
        id,
        1,
        DisputeMove::to(DisputeStage::Tercatat),
        d("2024-11-04"),
    )
    .unwrap();
    ani.insert_facilitation(&PreventionFacilitation {
        date: d("2024-08-15"),
        company: "PT Gula Jawa".into(),
        topic: "sosialisasi PP/PKB".into(),
        notes: String::new(),
    })
    .unwrap();
    let id = ani
        .insert_compliance(&CompanyCompliance {
            company: "PT Gula Jawa".into(),
            year: 2024,
            pp_pkb: PpPkb::Pp,
            bpjs_member: false,
        })
        .unwrap();
    let mut c = ani.get_compliance(id).unwrap().value;
    c.bpjs_member = true;
    budi.update_compliance(id, 1, &c).unwrap();

    // a training with two participants, one followed up
    let mut t = Training::new("Barista", 2024, FundingSource::Dbhcht);
    t.start_date = Some(d("2024-07-01"));
    t.end_date = Some(d("2024-07-12"));
    let tid = ani.insert_training(&t).unwrap();
    for (i, sex) in [(1u32, Sex::P), (2, Sex::L)] {
        let nik = synthesise("3505", 3, d("2001-01-09"), sex, i);
        let v = map(&[
            ("name", &format!("Peserta {i}")),
            ("nik", &nik),
            ("sex", sex.as_str()),
            ("kecamatan", "Wlingi"),
            ("graduated", "ya"),
        ]);
        let (p, checked) = Trainee::from_fields(&v, tid, &t, fixture_day());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let pid = ani.insert_trainee(&p.unwrap()).unwrap();
        if i == 1 {
            ani.mark_employment(
                pid,
                1,
                Employment::Bekerja,
                "Kopi Kenangan",
                Some(d("2024-09-01")),
                VerifiedHow::Telepon,
            )
            .unwrap();
        }
    }

    // two families, the quota, one moved on
    let a = ani.insert_transmigrant(&registration(1)).unwrap();
    ani.insert_transmigrant(&registration(2)).unwrap();
    ani.set_transmigration_quota(&Quota::new(2024, 1, "UPT Torire", "surat 560/123").unwrap())
        .unwrap();
    ani.move_transmigrant_stage(a, 1, &StageMove::to(Stage::BerkasLengkap))
        .unwrap();
}

/// Write `tests/fixtures/store-schema-N.db` for the schema this build writes (N). Run by hand
/// (see the top of this file) before a new migration is added; never overwrites a fixture.
#[test]
fn write_store_fixture() {
    if std::env::var_os("DISNAKER_WRITE_FIXTURE").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("w.db");
    let mut ani = Store::open(&work, "Ani Lestari").unwrap();
    let mut budi = Store::open(&work, "Budi Santoso").unwrap();
    fill(&mut ani, &mut budi);
    let n = ani.schema_version().unwrap();
    drop(budi);
    let out = fixtures().join(format!("store-schema-{n}.db"));
    assert!(!out.exists(), "{} exists already", out.display());
    // One self-contained file (no WAL beside it), as small as it can be.
    ani.backup_to(&out).unwrap();
    let conn = Connection::open(&out).unwrap();
    conn.execute_batch("PRAGMA journal_mode=DELETE; VACUUM;")
        .unwrap();
}

/// Every row of every record table that exists, with the columns it had, as text.
fn dump(conn: &Connection) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out = BTreeMap::new();
    for table in RECORD_TABLES {
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        if exists == 0 {
            continue;
        }
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let mut rows: Vec<Vec<String>> = vec![names];
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            rows.push(
                (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect(),
            );
        }
        out.insert(table.to_string(), rows);
    }
    out
}

/// The same tables restricted to the columns the old store had.
fn dump_columns_of(
    conn: &Connection,
    before: &BTreeMap<String, Vec<Vec<String>>>,
) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out = BTreeMap::new();
    for (table, rows) in before {
        let cols = &rows[0];
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {} FROM {table} ORDER BY rowid",
                cols.join(", ")
            ))
            .unwrap();
        let mut q = stmt.query([]).unwrap();
        let mut got = vec![cols.clone()];
        while let Some(r) = q.next().unwrap() {
            got.push(
                (0..cols.len())
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect(),
            );
        }
        out.insert(table.clone(), got);
    }
    out
}

fn schema_fixtures() -> Vec<(i64, PathBuf)> {
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let n = p
                .file_name()?
                .to_str()?
                .strip_prefix("store-schema-")?
                .strip_suffix(".db")?
                .parse()
                .ok()?;
            Some((n, p))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_released_schema_upgrades_with_its_records_intact() {
    let found = schema_fixtures();
    assert!(
        found.iter().any(|(n, _)| *n == 6),
        "the schema 6 fixture is missing: {found:?}"
    );
    for (n, fixture) in found {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("old.db");
        std::fs::copy(&fixture, &db).unwrap();
        let before = {
            let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            let v: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, n, "{} holds schema {v}", fixture.display());
            dump(&conn)
        };
        assert!(before["pmi_case"].len() > 1, "the fixture holds cases");

        let store = Store::open(&db, "Citra").unwrap();
        assert!(store.schema_version().unwrap() >= n);
        // The later migrations ran: drafts (migration 8) work on the upgraded store.
        assert!(store.drafts().unwrap().is_empty());
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
        drop(store);
        let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let after = dump_columns_of(&conn, &before);
        for (table, rows) in &before {
            assert_eq!(
                rows, &after[table],
                "schema {n}: table {table} changed in the upgrade"
            );
        }

        // The records read back through the store as they were written.
        let store = Store::open(&db, "Citra").unwrap();
        let c = store.get_case(1).unwrap();
        assert_eq!(c.case.name, "Siti Aminah");
        assert_eq!(c.case.status, Some(CaseStatus::Pemulangan));
        assert_eq!(c.version, 4);
        assert_eq!(c.case.notes, "keluarga sudah dihubungi");
        assert_eq!(c.case.costs.unwrap().plain(), "1500000");
        let h = store.case_history(1).unwrap();
        let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["import", "update", "status", "status"]);
        assert_eq!(h[1].officer, "Budi Santoso");
        // Every case holds the officer who recorded it as its responsible officer (issue 16);
        // the upgrade itself is no change in its history.
        assert_eq!(c.case.officer, "Ani Lestari");
        assert_eq!(store.get_case(4).unwrap().case.officer, "Ani Lestari");
        assert!(store.get_case(4).unwrap().archived);
        assert_eq!(
            store.get_placement(2).unwrap().placement.occupation,
            "caregiver"
        );
        assert_eq!(
            store.get_dispute(1).unwrap().value.stage,
            DisputeStage::Tercatat
        );
        assert!(store.get_compliance(1).unwrap().value.bpjs_member);
        assert_eq!(
            store.get_trainee(1).unwrap().trainee.employment,
            Some(Employment::Bekerja)
        );
        // Trainings recorded before there were types were competency-based ones.
        let t = store.get_training(1).unwrap().training;
        assert_eq!(
            (t.scheme.as_str(), t.training_type),
            ("Barista", TrainingType::Pbk)
        );
        assert_eq!(
            store.get_transmigrant(1).unwrap().registration.kk_no,
            "3505120000000001"
        );
        assert_eq!(
            store
                .transmigration_quota(2024)
                .unwrap()
                .map(|q| q.quota.families),
            Some(1)
        );

        // Migration 9 counted the placements already there into the tally: every cell is
        // the rows', and the summaries read from it give them.
        let cells = |sql: &str| -> Vec<Vec<String>> {
            let mut stmt = conn.prepare(sql).unwrap();
            let rows = stmt
                .query_map([], |r| {
                    (0..7)
                        .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                        .collect::<rusqlite::Result<Vec<String>>>()
                })
                .unwrap();
            rows.map(|r| r.unwrap()).collect()
        };
        let tally = cells(
            "SELECT year, kecamatan, country, sector, sex, archived, n FROM placement_tally
             WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6",
        );
        let rows = cells(
            "SELECT departure_year, kecamatan, country, sector, sex, archived, count(*)
             FROM placement GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
        );
        assert!(!rows.is_empty(), "the fixture holds placements");
        assert_eq!(tally, rows, "schema {n}");
        let in_2024: i64 = conn
            .query_row(
                "SELECT count(*) FROM placement WHERE archived = 0 AND departure_year = 2024",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let summed: i64 = store
            .placement_counts_by_kecamatan(2024)
            .unwrap()
            .iter()
            .map(|c| c.total())
            .sum();
        assert_eq!(summed, in_2024);
    }
}
