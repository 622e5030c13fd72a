//! Four officers on one store at the same moment, as the real program: `import cases` adds
//! records, `case status ID STATUS --expect-version V` edits them (the command-line form of the
//! `s` key: the same store call, the same optimistic version). Four processes race on the
//! same records: afterwards every write is there, no officer saw "database is locked", and of
//! four officers moving the same case from the same version exactly one succeeded while the
//! other three were told who changed it: nothing was silently overwritten.
//!
//! Why processes of the binary rather than TUIs in tmux: the binary's subcommands run the
//! same store code as the TUI's saves, start in milliseconds and report through exit codes,
//! so four of them can be made to collide on the same record hundreds of times in a test;
//! terminals would make the collisions rare and the test slow. The TUI's own conflict message
//! is tested in tests/tui_cases.rs.

use crate::support::{case_file, consistent, disnaker, run, slow};
use disnaker::domain::CaseStatus;
use disnaker::store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

const OFFICERS: [&str; 4] = ["Ani", "Budi", "Citra", "Dewi"];

/// Words that must never reach an officer.
fn says_locked(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("locked") || t.contains("busy")
}

/// Output of one command run by one officer.
struct Ran {
    officer: usize,
    what: String,
    code: i32,
    out: String,
    err: String,
}

fn import(db: &Path, dir: &Path, officer: usize, tag: &str, names: &[String], serial: u32) -> Ran {
    let file = dir.join(format!("{tag}.csv"));
    std::fs::write(&file, case_file(names, serial)).unwrap();
    let (code, out, err) = run(disnaker(db, OFFICERS[officer])
        .args(["import", "cases"])
        .arg(&file));
    Ran {
        officer,
        what: format!("import {tag}"),
        code,
        out,
        err,
    }
}

fn move_case(db: &Path, officer: usize, id: i64, to: &str, version: i64) -> Ran {
    let (code, out, err) = run(disnaker(db, OFFICERS[officer]).args([
        "case",
        "status",
        &id.to_string(),
        to,
        "--expect-version",
        &version.to_string(),
    ]));
    Ran {
        officer,
        what: format!("move #{id}"),
        code,
        out,
        err,
    }
}

#[test]
fn four_officers_create_a_new_store_at_the_same_moment() {
    for attempt in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db: PathBuf = dir.path().join("new.db");
        let start = Arc::new(Barrier::new(OFFICERS.len()));
        let handles: Vec<_> = (0..OFFICERS.len())
            .map(|i| {
                let (db, dir, start) = (db.clone(), dir.path().to_path_buf(), start.clone());
                std::thread::spawn(move || {
                    let names: Vec<String> =
                        (0..20).map(|k| format!("Baru {attempt}-{i}-{k}")).collect();
                    start.wait();
                    import(&db, &dir, i, &format!("first-{i}"), &names, 100 * i as u32)
                })
            })
            .collect();
        for h in handles {
            let r = h.join().unwrap();
            assert_eq!(r.code, 0, "{} {}: {}", OFFICERS[r.officer], r.what, r.err);
            assert!(!says_locked(&r.err), "{}", r.err);
        }
        let counts = consistent(&db).unwrap();
        assert_eq!(counts.cases, 80);
    }
}

#[test]
fn four_officers_adding_and_moving_cases_at_once_lose_nothing() {
    let rounds = if slow("four_officers_adding_and_moving_cases_at_once (long form)") {
        6
    } else {
        2
    };
    const SHARED_PER_ROUND: i64 = 6;
    const OWN_PER_ROUND: usize = 5;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    // The cases all four will fight over.
    let shared: Vec<String> = (0..SHARED_PER_ROUND * rounds as i64)
        .map(|k| format!("Bersama {k}"))
        .collect();
    let r = import(&db, dir.path(), 0, "shared", &shared, 5000);
    assert_eq!(r.code, 0, "{}", r.err);

    let start = Arc::new(Barrier::new(OFFICERS.len()));
    let handles: Vec<_> = (0..OFFICERS.len())
        .map(|i| {
            let (db, dir, start) = (db.clone(), dir.path().to_path_buf(), start.clone());
            std::thread::spawn(move || {
                let mut ran = Vec::new();
                for round in 0..rounds {
                    start.wait();
                    // Each officer adds cases of their own...
                    let names: Vec<String> = (0..OWN_PER_ROUND)
                        .map(|k| format!("{} r{round} k{k}", OFFICERS[i]))
                        .collect();
                    let serial = 100 * (i as u32 + 1) + 10 * round as u32;
                    ran.push(import(
                        &db,
                        &dir,
                        i,
                        &format!("{i}-{round}"),
                        &names,
                        serial,
                    ));
                    // ...and all four try to move the same shared cases from version 1.
                    start.wait();
                    for k in 0..SHARED_PER_ROUND {
                        let id = 1 + round as i64 * SHARED_PER_ROUND + k;
                        ran.push(move_case(&db, i, id, "koordinasi", 1));
                    }
                }
                ran
            })
        })
        .collect();
    let ran: Vec<Ran> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();

    // No officer was shown the store's locking.
    for r in &ran {
        assert!(
            !says_locked(&r.err) && !says_locked(&r.out),
            "{} {}: {}",
            OFFICERS[r.officer],
            r.what,
            r.err
        );
    }
    // Every import went in whole.
    for r in ran.iter().filter(|r| r.what.starts_with("import")) {
        assert_eq!(r.code, 0, "{}: {}", r.what, r.err);
        assert_eq!(
            r.out.trim(),
            format!("imported {OWN_PER_ROUND} cases (0 skipped)")
        );
    }
    let store = Store::open(&db, "auditor").unwrap();
    let total = shared.len() + OFFICERS.len() * rounds * OWN_PER_ROUND;
    assert_eq!(consistent(&db).unwrap().cases, total as i64);
    for (i, officer) in OFFICERS.iter().enumerate() {
        for round in 0..rounds {
            let n = store
                .count_cases(&disnaker::store::CaseFilter {
                    text: format!("{officer} r{round}"),
                    include_archived: false,
                    archived: false,
                    year: None,
                    officer: None,
                })
                .unwrap();
            assert_eq!(n, OWN_PER_ROUND as i64, "{officer} round {round} ({i})");
        }
    }

    // Each shared case: exactly one move won, the others were refused naming the winner.
    for id in 1..=shared.len() as i64 {
        let tries: Vec<&Ran> = ran
            .iter()
            .filter(|r| r.what == format!("move #{id}"))
            .collect();
        assert_eq!(tries.len(), 4);
        let won: Vec<&&Ran> = tries.iter().filter(|r| r.code == 0).collect();
        assert_eq!(won.len(), 1, "case #{id}: {} moves succeeded", won.len());
        let winner = OFFICERS[won[0].officer];
        assert_eq!(
            won[0].out.trim(),
            format!("case #{id}: baru → koordinasi (version 2)")
        );
        for lost in tries.iter().filter(|r| r.code != 0) {
            assert_eq!(lost.code, 1);
            assert!(
                lost.err
                    .starts_with(&format!("disnaker: Case #{id} was changed by {winner} at "))
                    && lost.err.contains("your changes were not saved")
                    && lost.err.lines().count() == 1,
                "{}",
                lost.err
            );
        }
        let rec = store.get_case(id).unwrap();
        assert_eq!(rec.version, 2);
        assert_eq!(rec.case.status, Some(CaseStatus::Koordinasi));
        assert_eq!(rec.changed_by, winner);
        let h = store.case_history(id).unwrap();
        let moves: Vec<&str> = h
            .iter()
            .filter(|e| e.action == "status")
            .map(|e| e.officer.as_str())
            .collect();
        assert_eq!(moves, [winner], "case #{id}: one move in the history");
    }
}
