//! `disnaker backup` while another officer keeps saving gives a consistent, private,
//! self-contained copy; `disnaker check` reports a damaged store in one sentence and never
//! changes the file it checks.

use crate::crash::spawn_saver;
use crate::support::{assert_check_ok, case_file, consistent, disnaker, read_only, run};
use std::path::Path;
use std::time::Duration;

#[test]
fn a_backup_while_an_officer_saves_is_a_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let (mut saver, rx) = spawn_saver(&db);
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the saver saves");
    let mut copies = Vec::new();
    for n in 0..3 {
        let copy = dir.path().join(format!("copy-{n}.db"));
        let (code, out, err) = run(disnaker(&db, "Budi").arg("backup").arg(&copy));
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, format!("backup written to {}\n", copy.display()));
        copies.push(copy);
        std::thread::sleep(Duration::from_millis(150));
    }
    saver.kill().unwrap();
    saver.wait().unwrap();
    let saved = rx.try_iter().count();
    assert!(saved > 0, "the saver kept saving during the backups");

    let mut last = 0;
    for copy in &copies {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", copy.display());
        }
        // One file, nothing beside it needed.
        let mut wal = copy.as_os_str().to_owned();
        wal.push("-wal");
        assert!(!Path::new(&wal).exists());
        assert_check_ok(copy);
        let counts = consistent(copy).unwrap_or_else(|e| panic!("{}: {e}", copy.display()));
        assert!(counts.cases >= last, "copies go forward in time");
        last = counts.cases;
    }
    let now = consistent(&db).unwrap().cases;
    assert!(
        now > consistent(&copies[0]).unwrap().cases,
        "the store grew while the copies were taken"
    );
}

/// A damaged copy of `good`: `damage` changes its bytes.
fn damaged(good: &Path, name: &str, damage: impl FnOnce(&mut Vec<u8>)) -> std::path::PathBuf {
    let mut bytes = std::fs::read(good).unwrap();
    damage(&mut bytes);
    let p = good.with_file_name(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn check_reports_a_damaged_store_in_one_sentence_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let names: Vec<String> = (0..400).map(|k| format!("Kasus {k}")).collect();
    std::fs::write(dir.path().join("c.csv"), case_file(&names, 1)).unwrap();
    let (code, _, err) = run(disnaker(&db, "Ani")
        .args(["import", "cases"])
        .arg(dir.path().join("c.csv")));
    assert_eq!(code, 0, "{err}");
    let good = dir.path().join("good.db");
    let (code, _, err) = run(disnaker(&db, "Ani").arg("backup").arg(&good));
    assert_eq!(code, 0, "{err}");
    assert_check_ok(&good);

    let len = std::fs::metadata(&good).unwrap().len() as usize;
    let page = 4096;
    let pages = len / page;
    let mut bad = Vec::new();
    for (i, at) in [pages / 3, pages / 2, 2 * pages / 3, pages - 1]
        .into_iter()
        .enumerate()
    {
        bad.push(damaged(&good, &format!("page-{i}.db"), |b| {
            b[at * page..(at + 1) * page].fill(0xA5)
        }));
    }
    // a few bytes of one page of the case table (not of a text or an index blob, which
    // may hold any bytes): integrity_check lists the damage cell by cell
    let leaf: usize = read_only(&good)
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'pmi_case' AND pagetype = 'leaf' \
             ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat \
             WHERE name = 'pmi_case' AND pagetype = 'leaf')",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    bad.push(damaged(&good, "cells.db", |b| {
        let at = (leaf - 1) * page + 8;
        b[at..at + 24].fill(0xFF)
    }));
    bad.push(damaged(&good, "half.db", |b| b.truncate(len / 2)));
    bad.push(damaged(&good, "header.db", |b| b[..100].fill(0)));

    for p in &bad {
        let before = std::fs::read(p).unwrap();
        let (code, out, err) = run(disnaker(p, "Ani").arg("check"));
        assert_eq!(code, 1, "{}: {out}{err}", p.display());
        assert!(out.is_empty(), "{out}");
        assert_eq!(err.lines().count(), 1, "one sentence: {err}");
        assert!(
            err.starts_with("disnaker: ") && err.ends_with('\n'),
            "{err}"
        );
        assert!(
            err.contains(&p.display().to_string()),
            "names the file: {err}"
        );
        assert!(
            err.contains("damaged") || err.contains("not a disnaker store"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            std::fs::read(p).unwrap(),
            before,
            "check changed {}",
            p.display()
        );
    }
    // The damaged page copies say what to do.
    let (_, _, err) = run(disnaker(&bad[1], "Ani").arg("check"));
    assert!(
        err.trim_end()
            .ends_with("restore it from the latest backup"),
        "{err}"
    );
}
