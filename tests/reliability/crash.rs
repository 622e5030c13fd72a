//! A process killed outright (SIGKILL: no clean-up, no destructors) in the middle of writing:
//! the store passes `disnaker check`, every record is whole with its full history, a killed
//! import is wholly absent, and every save that was reported done is still there.
//!
//! The saves come from `saver_child`, this test binary run again as a child process: it opens
//! the store like the TUI does and saves cases (new ones, and edits of earlier ones) through
//! the same store calls as the TUI's form, as fast as it can, printing each save it finished.
//! Killing it at varying moments lands in the middle of a save's transaction.

use crate::support::{assert_check_ok, case_file, consistent, disnaker, run, slow};
use disnaker::domain::date::Date;
use disnaker::domain::PmiCase;
use disnaker::store::Store;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Notes long enough that a save writes several pages.
fn notes(i: u64) -> String {
    format!("catatan {i} ")
        .repeat(120)
        .chars()
        .take(1900)
        .collect()
}

/// The body of the child process other tests start and kill (see the top): it does nothing
/// unless `DISNAKER_SAVER_DB` names the store to save into.
#[test]
fn saver_child() {
    let Some(db) = std::env::var_os("DISNAKER_SAVER_DB") else {
        return;
    };
    let today = Date::from_ymd_opt(2026, 11, 28).unwrap();
    let mut store = Store::open(Path::new(&db), "Saver").unwrap();
    let mut out = std::io::stdout().lock();
    let base: BTreeMap<String, String> = [
        ("sex", "L"),
        ("kecamatan", "Wlingi"),
        ("country", "Malaysia"),
        ("category", "deportasi"),
        ("reported_on", "2026-01-05"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for i in 1u64.. {
        let mut v = base.clone();
        v.insert("name".into(), format!("Simpan {i}"));
        v.insert("notes".into(), notes(i));
        let (case, checked) = PmiCase::from_fields(&v, today);
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let id = store.insert_case(&case.unwrap()).unwrap();
        writeln!(out, "SAVED {id} 1").unwrap();
        out.flush().unwrap();
        // an edit of an earlier case, as a form save does it
        let target = 1 + (i as i64 * 7919) % id;
        let rec = store.get_case(target).unwrap();
        let mut edited = rec.case.clone();
        edited.notes = notes(i + 1_000_000);
        let v = store.update_case(target, rec.version, &edited).unwrap();
        writeln!(out, "SAVED {target} {v}").unwrap();
        out.flush().unwrap();
    }
}

/// The saver on `db`, and the saves it reports as done.
pub fn spawn_saver(db: &Path) -> (Child, Receiver<(i64, i64)>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash::saver_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DISNAKER_SAVER_DB", db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let mut w = line.split_whitespace();
            if w.next() == Some("SAVED") {
                let id = w.next().and_then(|s| s.parse().ok());
                let v = w.next().and_then(|s| s.parse().ok());
                if let (Some(id), Some(v)) = (id, v) {
                    if tx.send((id, v)).is_err() {
                        break;
                    }
                }
            }
        }
    });
    (child, rx)
}

#[test]
fn killed_in_the_middle_of_saves_the_store_stays_whole() {
    let kills: u64 = if slow("killed_in_the_middle_of_saves (long form)") {
        12
    } else {
        4
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let mut acked: BTreeMap<i64, i64> = BTreeMap::new();
    for k in 0..kills {
        let (mut child, rx) = spawn_saver(&db);
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the saver saves");
        acked.insert(first.0, first.1);
        std::thread::sleep(Duration::from_millis(15 + k * 37 % 180));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success());
        // The saves it reported before it died.
        while let Ok((id, v)) = rx.recv_timeout(Duration::from_secs(5)) {
            let e = acked.entry(id).or_insert(0);
            *e = (*e).max(v);
        }

        let counts = consistent(&db).unwrap_or_else(|e| panic!("after kill {k}: {e}"));
        assert!(counts.cases >= acked.len() as i64);
        let store = Store::open(&db, "auditor").unwrap();
        for (id, v) in &acked {
            let rec = store.get_case(*id).unwrap();
            assert!(
                rec.version >= *v,
                "case #{id}: the save of version {v} was reported done but the store has {}",
                rec.version
            );
        }
    }
    assert_check_ok(&db);
    assert!(acked.len() > kills as usize, "the saver got some work done");
}

#[test]
fn killed_in_the_middle_of_a_large_import_nothing_of_it_is_there() {
    if !slow("killed_in_the_middle_of_a_large_import") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let first: Vec<String> = (0..10).map(|k| format!("Awal {k}")).collect();
    std::fs::write(dir.path().join("first.csv"), case_file(&first, 1)).unwrap();
    let (code, _, err) = run(disnaker(&db, "Ani")
        .args(["import", "cases"])
        .arg(dir.path().join("first.csv")));
    assert_eq!(code, 0, "{err}");

    const BIG: usize = 30_000;
    let names: Vec<String> = (0..BIG).map(|k| format!("Besar {k}")).collect();
    let big = dir.path().join("big.csv");
    std::fs::write(&big, case_file(&names, 100)).unwrap();
    let wal = dir.path().join("office.db-wal");

    let mut child = disnaker(&db, "Ani")
        .args(["import", "cases"])
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The rows are checked first (nothing written), then written in one transaction that
    // spills into the WAL file as it grows: kill once a few MB of it are written.
    let start = Instant::now();
    loop {
        let written = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if written > 3 << 20 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the import never started writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("imported"));

    assert_check_ok(&db);
    let counts = consistent(&db).unwrap();
    assert_eq!(
        counts.cases, 10,
        "nothing of the killed import is in the store"
    );
    assert_eq!(counts.imported, 10);

    // The store works on: the same file imports whole.
    let (code, said, err) = run(disnaker(&db, "Ani").args(["import", "cases"]).arg(&big));
    assert_eq!(code, 0, "{err}");
    assert_eq!(said.trim(), format!("imported {BIG} cases (0 skipped)"));
    assert_eq!(consistent(&db).unwrap().cases, 10 + BIG as i64);
}
