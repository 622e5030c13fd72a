//! Helpers of the reliability tests: the real binary on a store, case files, slow-test gate,
//! and the store's consistency invariant (every record whole, every change in the history).

use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::Sex;
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The built program.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_disnaker"))
}

/// The program on the store `db`, with no configuration or environment of the machine.
pub fn disnaker(db: &Path, officer: &str) -> Command {
    let mut c = Command::new(bin());
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        // The English text these tests read (the default is Indonesian).
        .args(["--lang", "en"])
        .arg("--db")
        .arg(db)
        .arg("--officer")
        .arg(officer);
    c
}

/// Run to the end: (exit code, stdout, stderr).
pub fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Slow tests (many processes, big files, real terminals) run when `DISNAKER_SLOW_TESTS=1`,
/// which `.ci/run` sets; a plain `cargo test` says it skipped them.
pub fn slow(name: &str) -> bool {
    let on = std::env::var("DISNAKER_SLOW_TESTS").is_ok_and(|v| v == "1");
    if !on {
        eprintln!("{name}: skipped (set DISNAKER_SLOW_TESTS=1 to run it; .ci/run does)");
    }
    on
}

pub const CASE_HEADER: &str = "name,nik,sex,kecamatan,desa,country,category,reported_on,status";

/// A valid NIK for serial `n` (a woman from Ponggok born in 1990).
pub fn nik(n: u32) -> String {
    let birth = Date::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(u64::from(n % 9000));
    synthesise("3505", 12, birth, Sex::P, 1 + n % 9999)
}

/// One import line of a case named `name`.
pub fn case_line(name: &str, n: u32) -> String {
    format!(
        "{name},{},P,Ponggok,Bacem,Taiwan,sakit,2025-03-01,baru",
        nik(n)
    )
}

/// An import file of cases with these names.
pub fn case_file(names: &[String], first_serial: u32) -> String {
    let mut s = String::with_capacity(names.len() * 80 + 80);
    s.push_str(CASE_HEADER);
    s.push('\n');
    for (i, name) in names.iter().enumerate() {
        s.push_str(&case_line(name, first_serial + i as u32));
        s.push('\n');
    }
    s
}

pub fn read_only(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// What the invariant counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub cases: i64,
    pub imported: i64,
    pub typed: i64,
}

/// The store's promise after any crash or copy: every case is whole and its history is
/// complete and gap-free (a case at version v has history entries for exactly the versions
/// it went through), and every import is wholly there (its recorded id range holds exactly
/// the number of cases it added). A torn write or a torn copy breaks one of these.
pub fn consistent(db: &Path) -> Result<Counts, String> {
    let conn = read_only(db);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if ok != "ok" {
        return Err(format!("integrity_check: {ok}"));
    }
    let mut versions: BTreeMap<i64, Vec<(String, i64)>> = BTreeMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT record_id, action, version FROM audit WHERE entity = 'pmi_case' ORDER BY id")
            .unwrap();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            versions
                .entry(r.get(0).unwrap())
                .or_default()
                .push((r.get(1).unwrap(), r.get(2).unwrap()));
        }
    }
    let mut ranges = Vec::new();
    {
        let mut stmt = conn
            .prepare("SELECT changes FROM audit WHERE entity = 'pmi_case_import' ORDER BY id")
            .unwrap();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let changes: Vec<serde_json::Value> =
                serde_json::from_str(&r.get::<_, String>(0).unwrap()).unwrap();
            let get = |k: &str| -> i64 {
                changes
                    .iter()
                    .find(|c| c["field"] == k)
                    .and_then(|c| c["new"].as_str())
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(-1)
            };
            ranges.push((get("first_id"), get("last_id"), get("added")));
        }
    }
    let mut imported = 0;
    for (first, last, added) in &ranges {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM pmi_case WHERE id BETWEEN ?1 AND ?2",
                [first, last],
                |r| r.get(0),
            )
            .unwrap();
        if *added > 0 && (n != *added || last - first + 1 != *added) {
            return Err(format!(
                "import of {added} cases (ids {first}-{last}) holds {n}: an import is partly there"
            ));
        }
        imported += added;
    }
    let mut typed = 0;
    let mut cases = 0;
    let mut stmt = conn
        .prepare("SELECT id, version, name, sex, kecamatan, category, reported_on FROM pmi_case")
        .unwrap();
    let mut q = stmt.query([]).unwrap();
    while let Some(r) = q.next().unwrap() {
        cases += 1;
        let id: i64 = r.get(0).unwrap();
        let version: i64 = r.get(1).unwrap();
        for i in 2..7 {
            let v: String = r.get(i).unwrap();
            if v.is_empty() {
                return Err(format!("case #{id} has an empty column {i}: a half record"));
            }
        }
        let entries = versions.get(&id).cloned().unwrap_or_default();
        let created = entries.first().is_some_and(|(a, _)| a == "create");
        let from = if created {
            typed += 1;
            1
        } else {
            if !ranges.iter().any(|(f, l, _)| (*f..=*l).contains(&id)) {
                return Err(format!(
                    "case #{id} has neither a creation entry nor an import"
                ));
            }
            2
        };
        let got: Vec<i64> = entries.iter().map(|(_, v)| *v).collect();
        let want: Vec<i64> = (from..=version).collect();
        if got != want {
            return Err(format!(
                "case #{id} is at version {version} but its history has versions {got:?}"
            ));
        }
    }
    if cases != typed + imported {
        return Err(format!(
            "{cases} cases, but {typed} typed and {imported} imported"
        ));
    }
    Ok(Counts {
        cases,
        imported,
        typed,
    })
}

/// `disnaker check` on the store: exit 0 and `store OK`.
pub fn assert_check_ok(db: &Path) {
    let (code, out, err) = run(disnaker(db, "checker").arg("check"));
    assert_eq!(code, 0, "check failed: {err}");
    assert!(out.starts_with("store OK"), "{out}");
}
