//! `disnaker backup`, `check`, usage errors and commands not in this version.

use assert_cmd::cargo_bin_cmd;
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

/// A store of `records` demo records in a temporary folder (kept alive by the first value).
fn demo_store(records: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let out = disnaker(&db)
        .args(["demo", "--records", &records.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    (dir, db)
}

/// The program started on `db` with `args` in the background, its output thrown away (to be
/// killed midway).
fn spawn(db: &Path, args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin!("disnaker"))
        .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn backup_then_check_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let copy = dir.path().join("copy.db");
    assert!(disnaker(&db)
        .args(["demo", "--records", "50"])
        .output()
        .unwrap()
        .status
        .success());

    let out = disnaker(&db).arg("backup").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("backup written to {}\n", copy.display())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let out = disnaker(&copy).arg("check").output().unwrap();
    assert!(out.status.success());
    let said = text(&out.stdout);
    assert!(
        said.starts_with(&format!("store OK: {} (schema ", copy.display())),
        "{said}"
    );

    // The copy holds what the store holds: the year of the demo's own cases (never the
    // clock's, which from 2027 on would compare two empty summaries).
    let export = |db: &Path| {
        let y = disnaker::domain::demo::reference_day()
            .format("%Y")
            .to_string();
        disnaker(db)
            .args(["export", "cases", "--year", &y])
            .output()
            .unwrap()
            .stdout
    };
    let summary = export(&db);
    assert!(
        !text(&summary).contains("TOTAL,,0,0"),
        "the year compared holds cases: {}",
        text(&summary)
    );
    assert_eq!(summary, export(&copy));

    // Never over an existing file.
    let out = disnaker(&db).arg("backup").arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("disnaker: ") && err.contains("already exists"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn check_on_a_file_that_is_not_a_store_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(
        &db,
        "these are notes, not a database, and long enough to tell",
    )
    .unwrap();
    let out = disnaker(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("disnaker: ") && err.contains("not a disnaker store"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn check_on_a_missing_store_does_not_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = disnaker(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!db.exists());
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    for args in [
        &["frobnicate"][..],
        &["import", "cats", "f.csv"],
        &["export", "cases", "--format", "pdf"],
        &["export", "cases", "--year", "twenty"],
        &["demo", "--records", "0"],
        &["--demo", "check"],
    ] {
        let out = disnaker(&db).args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    assert!(!db.exists());
}

#[test]
fn a_broken_config_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "db = [\n").unwrap();
    let out = disnaker(&dir.path().join("x.db"))
        .env("DISNAKER_CONFIG", &cfg)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("config.toml"), "{err}");
}

/// A case typed into the store with sqlite3 is missing from the tallies and the search
/// index: `check` says so and how to fix it, `check --repair` counts them again.
#[test]
fn check_finds_summaries_out_of_step_and_repair_counts_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let out = disnaker(&db)
        .args(["demo", "--records", "300"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "INSERT INTO pmi_case (name, sex, kecamatan, desa, country, category, reported_on,
                 status, created_by, created_at, changed_by, changed_at)
             VALUES ('Lewat Sqlite', 'P', 'Talun', '', 'Taiwan', 'sakit', '2026-03-01',
                 'baru', 'x', 'x', 'x', 'x');",
        )
        .unwrap();
    let out = disnaker(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("the case tally in 1 place,")
            && err.contains("the case search index in 1 place:")
            && err.contains("run disnaker check --repair"),
        "{err}"
    );
    let out = disnaker(&db).args(["check", "--repair"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("counted again: the case tally (1 place differed)\n"),
        "{said}"
    );
    assert!(said.contains("store OK: "), "{said}");
    let out = disnaker(&db).arg("check").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The case is found now.
    let out = disnaker(&db)
        .args(["export", "cases", "--year", "2026"])
        .output()
        .unwrap();
    assert!(
        text(&out.stdout).contains("Talun,sakit,"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn check_refuses_a_store_of_a_newer_disnaker_like_every_command() {
    let (_dir, db) = demo_store(20);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 42")
        .unwrap();
    let out = disnaker(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains("schema version 42"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        text(&out.stdout).is_empty(),
        "no 'store OK': {}",
        text(&out.stdout)
    );
}

#[test]
fn a_version_not_yet_written_is_not_called_someone_elses_change() {
    let (_dir, db) = demo_store(20);
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT version FROM pmi_case WHERE id = 6", [], |r| {
            r.get(0)
        })
        .unwrap();
    let status: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT status FROM pmi_case WHERE id = 6", [], |r| r.get(0))
        .unwrap();
    let next = match status.as_str() {
        "baru" => "koordinasi",
        "koordinasi" => "pemulangan",
        "pemulangan" => "tiba",
        _ => "ditutup",
    };
    let ahead = (version + 1).to_string();
    let out = disnaker(&db)
        .args(["case", "status", "6", next, "--expect-version", &ahead])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "has no version {ahead} yet: it is at version {version}"
        )),
        "{err}"
    );
    assert!(!err.contains("was changed by"), "nobody changed it: {err}");
    // the case named once, as the officer's words name it
    assert!(
        err.starts_with(&format!("disnaker: Case #6 has no version {ahead}")),
        "{err}"
    );

    // moved with the right version, then the same command again: someone else's change,
    // its moment as dates are written
    let out = disnaker(&db)
        .args([
            "case",
            "status",
            "6",
            next,
            "--expect-version",
            &version.to_string(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    {
        let again = disnaker(&db)
            .args([
                "case",
                "status",
                "6",
                next,
                "--expect-version",
                &version.to_string(),
            ])
            .output()
            .unwrap();
        let err = text(&again.stderr);
        assert!(err.contains("Case #6 was changed by"), "{err}");
        let at = err.split(" at ").nth(1).unwrap_or("");
        assert!(
            at.as_bytes().get(2) == Some(&b'-') && at.as_bytes().get(5) == Some(&b'-'),
            "DD-MM-YYYY: {err}"
        );
    }
    let out = disnaker(&db)
        .args(["case", "status", "999999", "koordinasi"])
        .output()
        .unwrap();
    assert_eq!(text(&out.stderr), "disnaker: Case #999999 does not exist\n");
}

/// Issue 14, 1: opening never writes into a file that is not a disnaker store.
#[test]
fn no_command_turns_another_file_into_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
        .unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let placements = dir.path().join("p.csv");
    std::fs::write(
        &placements,
        "nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date\n\
         3505125505950001,Siti,P,Ponggok,,Taiwan,formal,,,2025-01-10\n",
    )
    .unwrap();
    for file in [&other, &empty] {
        let before = std::fs::read(file).unwrap();
        for args in [
            vec!["export", "kecamatan", "--year", "2025"],
            vec!["lookup", "ponggok"],
            vec!["iku", "--year", "2024"],
            vec!["import", "placements", placements.to_str().unwrap()],
            vec!["demo", "--records", "10"],
        ] {
            let out = disnaker(file).args(&args).output().unwrap();
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?} on {file:?}: {err}");
            assert!(err.contains("is not a disnaker store"), "{args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert_eq!(
                std::fs::read(file).unwrap(),
                before,
                "{args:?} changed {file:?}"
            );
        }
        let out = disnaker(file).arg("check").output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("not a disnaker store"),
            "{}",
            text(&out.stderr)
        );
    }
    // The invoices are as they were: no table of ours, no schema version.
    let conn = rusqlite::Connection::open(&other).unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!((tables, version), (1, 0));
}

/// Issue 14, 2: a backup cut short leaves nothing under the name asked for (and nothing that
/// stands in the way of the next one); one that finishes passes `check`.
#[test]
fn a_backup_killed_midway_leaves_no_file_under_its_name() {
    let (dir, db) = demo_store(20000);
    let mut cut_short = 0;
    for (i, ms) in [5u64, 20, 60, 150, 400].into_iter().enumerate() {
        let dest = dir.path().join(format!("bk{i}.db"));
        let mut child = spawn(&db, &["backup", dest.to_str().unwrap()]);
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if dest.exists() {
            assert!(status.success() || status.code().is_none());
            let out = disnaker(&dest).arg("check").output().unwrap();
            assert!(out.status.success(), "{ms} ms: {}", text(&out.stderr));
        } else {
            cut_short += 1;
            // Nothing is left in the way: the same name takes the next backup.
            let out = disnaker(&db).arg("backup").arg(&dest).output().unwrap();
            assert!(out.status.success(), "{ms} ms: {}", text(&out.stderr));
            assert!(disnaker(&dest)
                .arg("check")
                .output()
                .unwrap()
                .status
                .success());
        }
    }
    assert!(
        cut_short > 0,
        "no backup was cut short: the test proved nothing"
    );
    // The pieces of the cut-short copies are named apart and never pass for the backup.
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.ends_with("-journal") || name.starts_with('.'),
            "a journal under a backup's name: {name}"
        );
    }
}

/// Issue 14, 4: whatever a message quotes, no identity number and no control character
/// reaches the terminal, and a long argument comes back short.
#[test]
fn messages_never_echo_a_nik_an_escape_or_a_long_argument() {
    let (_dir, db) = demo_store(20);
    let long = "x".repeat(5000);
    for arg in [
        "3505124512950001",
        "3505 1245 1295 0001",
        "3505.1245.1295.0001",
        "\u{1b}[2J\u{1b}]0;pwned\u{7}",
        long.as_str(),
    ] {
        let out = disnaker(&db).args(["lookup", arg]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(
            !err.contains("3505124512950001") && !err.contains("1245"),
            "{err}"
        );
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        assert!(err.len() < 1200, "{} bytes", err.len());
    }
    let out = disnaker(&db)
        .args(["case", "status", "3505124512950001", "koordinasi"])
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("350512451295"), "{err}");
    assert!(err.contains("0001"), "the last four say which: {err}");
}

/// Issue 14, 10: the smaller holes.
#[test]
fn smaller_holes_are_closed() {
    let (dir, db) = demo_store(20);
    let history = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    };
    // A header-only file: said so, exit 3, no history entry.
    let header = dir.path().join("h.csv");
    std::fs::write(
        &header,
        "nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date\n",
    )
    .unwrap();
    let before = history(&db);
    let out = disnaker(&db)
        .args(["import", "placements"])
        .arg(&header)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains("the file has no rows"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(history(&db), before, "no import entry for an empty file");
    // --include-personal-data on a summary is a usage error.
    let out = disnaker(&db)
        .args(["export", "iku", "--include-personal-data"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("export cases"),
        "{}",
        text(&out.stderr)
    );
    // DISNAKER_DB set but empty is a usage error, not the default store.
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("disnaker");
    let out = c
        .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env("DISNAKER_DB", "")
        .args(["lookup", "pong"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("DISNAKER_DB"),
        "{}",
        text(&out.stderr)
    );
    // --db naming a folder says so.
    let out = disnaker(dir.path())
        .args(["lookup", "pong"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("folder"),
        "{}",
        text(&out.stderr)
    );
}

/// Issue 14, 5: the personal list is written (under a temporary name, then renamed) before
/// the history records it; a failed attempt records nothing, and a device is never touched.
#[test]
fn a_failed_personal_export_is_not_recorded_and_touches_no_device() {
    let (dir, db) = demo_store(200);
    let exports = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM audit WHERE action = 'export'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let year = disnaker::domain::demo::reference_day()
        .format("%Y")
        .to_string();
    let personal = |out: &Path| {
        disnaker(&db)
            .args([
                "export",
                "cases",
                "--include-personal-data",
                "--year",
                &year,
                "--out",
            ])
            .arg(out)
            .output()
            .unwrap()
    };
    #[cfg(unix)]
    let mode = |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).unwrap().permissions().mode()
    };
    #[cfg(unix)]
    let full_before = mode(Path::new("/dev/full"));
    for bad in [
        dir.path().join("no-such-folder").join("list.csv"),
        std::path::PathBuf::from("/dev/full"),
        dir.path().to_path_buf(),
    ] {
        let out = personal(&bad);
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
        assert_eq!(
            exports(&db),
            0,
            "{bad:?}: a failed export is not in the history"
        );
    }
    #[cfg(unix)]
    assert_eq!(
        mode(Path::new("/dev/full")),
        full_before,
        "/dev/full's mode changed"
    );

    let good = dir.path().join("list.csv");
    let out = personal(&good);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(exports(&db), 1);
    let to: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT changes FROM audit WHERE action = 'export'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        to.contains(&good.display().to_string()),
        "the absolute path: {to}"
    );
    #[cfg(unix)]
    assert_eq!(mode(&good) & 0o777, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".part-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Issue 14, 10: a line break inside a quoted name or NIK is refused where it is.
#[test]
fn a_line_break_inside_a_name_or_nik_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let f = dir.path().join("p.csv");
    std::fs::write(
        &f,
        "nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date\n\
         3505125505950001,\"Siti\nAminah\",P,Ponggok,,Taiwan,formal,,,2025-01-10\n",
    )
    .unwrap();
    let out = disnaker(&db)
        .args(["import", "placements"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("name: one line only"), "{err}");
}

/// Issue 14, 7: a demo fill killed midway is recognisable: `check` says so and `demo` says
/// exactly what `--force` would do instead of adding a second set unasked.
#[test]
fn a_demo_killed_midway_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut child = spawn(&db, &["demo", "--records", "300000"]);
    // Until the first chunk of cases is in (or a few seconds have passed).
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let cases: i64 = rusqlite::Connection::open(&db)
            .ok()
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM pmi_case", [], |r| r.get(0))
                    .ok()
            })
            .unwrap_or(0);
        if cases > 0 || started.elapsed().as_secs() > 20 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let out = disnaker(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("a demo fill of 300000 records was cut short"),
        "{err}"
    );
    let out = disnaker(&db)
        .args(["demo", "--records", "300000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("--force would add a whole new set of 300000"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Issue 14, 3: only a regular file is read, and a line longer than any row stops the
/// reading at once: `/dev/zero` no longer grows without limit.
#[test]
fn an_import_reads_only_regular_files_and_refuses_endless_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let fifo = dir.path().join("pipe.csv");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for (file, said) in [
        (Path::new("/dev/zero"), "not a regular file"),
        (fifo.as_path(), "not a regular file"),
        (dir.path(), "it is a folder"),
    ] {
        let out = disnaker(&db)
            .args(["import", "placements"])
            .arg(file)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            file.display(),
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains(said), "{}", text(&out.stderr));
        assert!(!db.exists(), "nothing created for {}", file.display());
    }
    // A regular file whose second line never ends (a binary file, a runaway export).
    let f = dir.path().join("long.csv");
    let mut bytes =
        b"nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 50 * 1024 * 1024));
    std::fs::write(&f, &bytes).unwrap();
    let out = disnaker(&db)
        .args(["import", "placements"])
        .arg(&f)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("line 2: file: a line longer than 65536 bytes"),
        "{err}"
    );
    assert!(!db.exists(), "a refused file creates no store");
}
