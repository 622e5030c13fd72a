//! `disnaker demo`: the same synthetic office every time; a store with records is refused.

use assert_cmd::cargo_bin_cmd;
use disnaker::domain::date::current_year;
use disnaker::store::Store;
use std::path::Path;

fn disnaker(db: &Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        .arg("--db")
        .arg(db);
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn exports(db: &Path) -> Vec<String> {
    let y = current_year();
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
        assert!(text(&out.stdout).starts_with("added 400 synthetic cases to "));
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
    assert!(
        err.contains("already holds 10 records") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(Store::open(&db, "t").unwrap().record_count().unwrap(), 10);

    let out = disnaker(&db)
        .args(["demo", "--records", "5", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(Store::open(&db, "t").unwrap().record_count().unwrap(), 15);
}

#[test]
fn the_default_is_two_thousand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let out = disnaker(&db).args(["demo"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(Store::open(&db, "t").unwrap().record_count().unwrap(), 2000);
}
