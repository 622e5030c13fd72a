//! `disnaker demo`: the same synthetic office every time (on any day); every kind of record;
//! a store with records is refused.

use assert_cmd::cargo_bin_cmd;
use chrono::Datelike;
use disnaker::domain::demo::reference_day;
use disnaker::store::{CaseFilter, Store};
use std::path::Path;

fn disnaker(db: &Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        // The English text these tests read (the default is Indonesian).
        .args(["--lang", "en"])
        .arg("--db")
        .arg(db);
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn exports(db: &Path) -> Vec<String> {
    // Dates count back from the demo's reference day, not from today.
    let y = reference_day().year();
    (y - 3..=y)
        .map(|year| {
            let out = disnaker(db)
                .args(["export", "cases", "--year", &year.to_string()])
                .output()
                .unwrap();
            assert!(out.status.success());
            text(&out.stdout)
        })
        .collect()
}

#[test]
fn two_fresh_stores_get_the_same_demo() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    for db in [&a, &b] {
        let out = disnaker(db)
            .args(["demo", "--records", "400"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let said = text(&out.stdout);
        assert!(
            said.starts_with(
                "added 400 cases, 400 placements, 8 disputes, 40 trainees and 6 transmigrant \
                 families to "
            ),
            "{said}"
        );
    }
    let (ea, eb) = (exports(&a), exports(&b));
    assert_eq!(ea, eb);
    assert!(ea[3].lines().count() > 10, "this year has cases: {}", ea[3]);
    let total: i64 = ea
        .iter()
        .map(|e| {
            let last = e.lines().last().unwrap();
            last.rsplit(',').next().unwrap().parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(total, 400, "all cases fall in the last three years");
}

#[test]
fn a_store_holding_records_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    assert!(disnaker(&db)
        .args(["demo", "--records", "10"])
        .output()
        .unwrap()
        .status
        .success());
    let out = disnaker(&db).args(["demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    let held = Store::open(&db, "t").unwrap().record_count().unwrap();
    assert!(
        err.contains(&format!("already holds {held} records")) && err.contains("--force"),
        "{err}"
    );
    let kinds = |db: &Path| Store::open(db, "t").unwrap().kind_counts().unwrap();
    assert_eq!(kinds(&db)[..6], [10, 10, 8, 40, 6, 40]);

    // With --force a second demo adds as many again, with NIKs of its own (no refusals).
    let out = disnaker(&db)
        .args(["demo", "--records", "5", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(kinds(&db)[..6], [15, 15, 16, 80, 12, 80]);
}

#[test]
fn the_default_is_two_thousand_of_each_and_the_filter_finds_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let out = disnaker(&db).args(["demo"]).output().unwrap();
    assert!(out.status.success());
    let s = Store::open(&db, "t").unwrap();
    assert_eq!(s.kind_counts().unwrap()[..6], [2000, 2000, 8, 200, 6, 40]);
    // Every case is in the search index: a word finds exactly the cases that hold it.
    for word in ["Ponggok", "Hongkong", "sakit", "Siti"] {
        let filter = CaseFilter {
            text: word.into(),
            include_archived: false,
            archived: false,
            year: None,
            officer: None,
        };
        let found = s.count_cases(&filter).unwrap();
        let rows = s.list_cases(&filter, 0, 5000).unwrap();
        let holding = s
            .list_cases(&CaseFilter::default(), 0, 5000)
            .unwrap()
            .into_iter()
            .filter(|r| {
                let w = word.to_lowercase();
                [&r.name, &r.kecamatan, &r.country, &r.category, &r.status]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&w))
            })
            .count();
        assert!(found > 0, "{word}");
        assert_eq!(
            (found, rows.len() as i64),
            (holding as i64, holding as i64),
            "{word}"
        );
    }
}

/// Issue 15 (9): the demo's own year (that of its reference day) has IKU figures: IKU1 from
/// its trainings, TPAK and TPT as entered values, in `disnaker iku`.
#[test]
fn the_demo_year_has_iku_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let out = disnaker(&db)
        .args(["demo", "--records", "400"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let y = reference_day().year().to_string();
    let out = disnaker(&db)
        .args(["iku", "--year", &y, "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let cells = |code: &str| -> Vec<String> {
        csv.lines()
            .find(|l| l.starts_with(&format!("{code},")))
            .unwrap_or_else(|| panic!("no {code} in {csv}"))
            .split(',')
            .map(str::to_string)
            .collect()
    };
    // code,indicator,target,realisation,numerator,denominator,...
    let iku1 = cells("IKU1");
    assert!(!iku1[3].is_empty(), "{csv}");
    assert!(iku1[5].parse::<i64>().unwrap() > 0, "{csv}");
    for code in ["IKU2", "TPT"] {
        assert!(!cells(code)[3].is_empty(), "{code}: {csv}");
    }
}
