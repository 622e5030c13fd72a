//! Issue 14, 6: a shared store locked by another officer's read. With the store at 644, a
//! `lookup` by another user leaves `-wal`/`-shm` files only that user can write, and the
//! owner's next save fails with SQLite's "attempt to write a readonly database". `check` and
//! the TUI at start name the file, its owner and mode, and README's group setup instead.
//!
//! Run as root (as in CI containers), the program is started as two other Unix users (uids
//! 65534 and 65533, no account needed): the real two-officer situation, then README's group
//! setup shown to hold. Run as an ordinary user, who can give no file away, the same messages
//! are reached with the modes alone (a journal file or a folder this user may not write).
#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The store's owner and the other officer, and the officers' group of README's setup.
const OWNER: u32 = 65534;
const OTHER: u32 = 65533;
const OFFICERS: u32 = 65530;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// How the test can make a file another officer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setup {
    /// Root that may give files to other uids and start the program as them.
    OtherUsers,
    /// An ordinary user: the modes alone (a mode the kernel holds this user to).
    Modes,
    /// Root in a place with no other uid (a user namespace mapping one): the program cannot
    /// run as another officer, so the diagnosis is asked on their behalf, by mode bits.
    RootAlone,
}

fn setup() -> Setup {
    if !is_root() {
        println!("not root: files are made unwritable by their mode, not by their owner");
        return Setup::Modes;
    }
    let probe = tempfile::NamedTempFile::new().unwrap();
    let chowned = std::os::unix::fs::chown(probe.path(), Some(OWNER), Some(OWNER));
    let ran = Command::new(assert_cmd::cargo::cargo_bin!("disnaker"))
        .arg("--version")
        .uid(OWNER)
        .gid(OWNER)
        .output();
    match (chowned, ran) {
        (Ok(()), Ok(out)) if out.status.success() => Setup::OtherUsers,
        (chowned, ran) => {
            println!(
                "root, but no other uid here (chown: {chowned:?}, run as {OWNER}: {:?}): \
                 the other officer's access is judged by mode bits and ownership",
                ran.map(|o| o.status)
            );
            Setup::RootAlone
        }
    }
}

/// Someone who is neither the owner (root) of the files nor in their group.
fn stranger() -> disnaker::store::access::Identity {
    disnaker::store::access::Identity {
        uid: 1,
        groups: vec![1],
    }
}

/// The program on `db`, with no configuration of the machine's; as `user` (uid, primary
/// group) when given (only root can start it so).
fn disnaker(db: &Path, user: Option<(u32, u32)>, args: &[&str]) -> Output {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("disnaker"));
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env("HOME", "/nonexistent")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null());
    if let Some((uid, gid)) = user {
        c.uid(uid).gid(gid);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// A small demo store `office.db` in a new folder of mode `dir_mode`.
fn demo_store(dir_mode: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let out = disnaker(&db, None, &["demo", "--records", "40"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    chmod(dir.path(), dir_mode);
    (dir, db)
}

/// `check` failed with one line on stderr naming `file`, `mode` and README's fix.
fn assert_names(out: &Output, file: &Path, mode: &str, step: &str) -> String {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{step}: {err}");
    assert!(out.stdout.is_empty(), "{step}: {}", text(&out.stdout));
    assert_eq!(err.lines().count(), 1, "{step}: {err}");
    assert!(err.starts_with("disnaker: "), "{step}: {err}");
    assert!(err.contains(&file.display().to_string()), "{step}: {err}");
    assert!(err.contains(&format!("mode {mode}")), "{step}: {err}");
    assert!(
        err.contains("chmod g+rw") && err.contains("Several officers, one store"),
        "{step}: {err}"
    );
    assert!(!err.contains("readonly database"), "{step}: {err}");
    err
}

#[test]
fn check_names_a_journal_file_another_officer_left_and_the_fix() {
    let how = setup();
    if how == Setup::RootAlone {
        let (_dir, db) = demo_store(0o777);
        chmod(&db, 0o666);
        let wal = with_suffix(&db, "-wal");
        std::fs::write(&wal, b"").unwrap();
        chmod(&wal, 0o644);
        let found = disnaker::store::access::diagnose_for(&db, &stranger()).expect("the -wal");
        assert_eq!((found.path.clone(), found.mode), (wal, 0o644));
        let said = found.message(disnaker::i18n::Lang::En);
        assert!(
            said.contains("mode 0644") && said.contains("chmod g+rw"),
            "{said}"
        );
        // Root itself may write them: its check has nothing to say about access.
        let out = disnaker(&db, None, &["check"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        return;
    }
    if how == Setup::Modes {
        let (_dir, db) = demo_store(0o700);
        let wal = with_suffix(&db, "-wal");
        std::fs::write(&wal, b"").unwrap();
        chmod(&wal, 0o444);
        let out = disnaker(&db, None, &["--lang", "en", "check"]);
        assert_names(&out, &wal, "0444", "a -wal at 0444");
        // Indonesian by default.
        let out = disnaker(&db, None, &["check"]);
        let err = text(&out.stderr);
        assert!(err.contains("tidak dapat ditulis oleh Anda"), "{err}");
        chmod(&wal, 0o644);
        let out = disnaker(&db, None, &["check"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        return;
    }
    // The issue as it was seen: the owner's store at 644 in a folder both may write.
    let (_dir, db) = demo_store(0o777);
    std::os::unix::fs::chown(&db, Some(OWNER), Some(OWNER)).unwrap();
    chmod(&db, 0o644);
    let owner = Some((OWNER, OWNER));
    let other = Some((OTHER, OTHER));
    let out = disnaker(&db, other, &["lookup", "pong"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let wal = with_suffix(&db, "-wal");
    let m = std::fs::metadata(&wal).expect("the other officer's read leaves a -wal");
    assert_eq!((m.uid(), m.mode() & 0o777), (OTHER, 0o644));

    // Before: the owner's import failed with SQLite's words and check said "store OK".
    let out = disnaker(&db, owner, &["--lang", "en", "check"]);
    let err = assert_names(&out, &wal, "0644", "the owner's check");
    assert!(
        err.contains(&format!("owner {OTHER},")),
        "the owner named: {err}"
    );
    let out = disnaker(&db, owner, &["check"]);
    let err = text(&out.stderr);
    assert!(
        err.contains("tidak dapat ditulis oleh Anda") && err.contains("office.db-wal"),
        "{err}"
    );
    // The other officer cannot write the store itself: told so too.
    let out = disnaker(&db, other, &["--lang", "en", "check"]);
    assert_names(&out, &db, "0644", "the other officer's check");
    // The TUI of the owner opens (it can read) but would start with the same line; without a
    // terminal it stops at the terminal, after the store opened: no raw SQLite message.
    let out = disnaker(&db, owner, &["--lang", "en"]);
    assert!(
        !text(&out.stderr).contains("readonly database"),
        "{}",
        text(&out.stderr)
    );

    // README's setup: the group on the store and its journal files, group-writable, the
    // folder setgid to the group. The officers' group is their primary group here.
    let dir = db.parent().unwrap();
    std::os::unix::fs::chown(dir, Some(0), Some(OFFICERS)).unwrap();
    chmod(dir, 0o2770);
    for p in [db.clone(), wal.clone(), with_suffix(&db, "-shm")] {
        std::os::unix::fs::chown(&p, None, Some(OFFICERS)).unwrap();
        chmod(&p, 0o660);
    }
    let owner = Some((OWNER, OFFICERS));
    let out = disnaker(&db, owner, &["--lang", "en", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The other officer at work (a long demo fill, killed midway so that its journal files
    // stay behind as they were): SQLite makes them with the store's mode, the setgid folder
    // gives them the group, and the owner saves over them.
    for p in [wal.clone(), with_suffix(&db, "-shm")] {
        let _ = std::fs::remove_file(p);
    }
    let mut busy = Command::new(assert_cmd::cargo::cargo_bin!("disnaker"));
    busy.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env("HOME", "/nonexistent")
        .env_remove("DISNAKER_DB")
        .arg("--db")
        .arg(&db)
        .args(["demo", "--records", "300000", "--force"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .uid(OTHER)
        .gid(OFFICERS);
    let mut busy = busy.spawn().unwrap();
    let started = std::time::Instant::now();
    while std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) && started.elapsed().as_secs() < 30
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    busy.kill().unwrap();
    busy.wait().unwrap();
    for p in [wal.clone(), with_suffix(&db, "-shm")] {
        let m = std::fs::metadata(&p).expect("journal files of the other officer");
        assert_eq!(
            (m.uid(), m.gid(), m.mode() & 0o777),
            (OTHER, OFFICERS, 0o660),
            "{}",
            p.display()
        );
    }
    let csv = dir.join("p.csv");
    std::fs::write(
        &csv,
        "nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date\n\
         3505124512950001,Ani,P,Ponggok,,Taiwan,informal,,,2025-01-02\n",
    )
    .unwrap();
    chmod(&csv, 0o644);
    let out = disnaker(&db, owner, &["import", "placements", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // check has nothing to say about access (only that the other's demo was cut short).
    let out = disnaker(&db, owner, &["--lang", "en", "check"]);
    let err = text(&out.stderr);
    assert!(!err.contains("cannot be written"), "{err}");
}

#[test]
fn a_folder_where_the_journal_files_cannot_be_made_is_named_and_the_tui_refuses_with_it() {
    // A store in a folder this officer may not write, with no journal files: SQLite cannot
    // make them, so the store cannot even be read.
    let (dir, db) = demo_store(0o755);
    let how = setup();
    if how == Setup::RootAlone {
        chmod(&db, 0o666);
        let found = disnaker::store::access::diagnose_for(&db, &stranger()).expect("the folder");
        assert!(found.folder && found.path == dir.path() && found.mode == 0o755);
        let said = found.message(disnaker::i18n::Lang::En);
        assert!(
            said.starts_with("The folder ") && said.contains("umask 002"),
            "{said}"
        );
        return;
    }
    let user = if how == Setup::OtherUsers {
        std::os::unix::fs::chown(&db, Some(OWNER), Some(OWNER)).unwrap();
        Some((OWNER, OWNER))
    } else {
        chmod(dir.path(), 0o555);
        None
    };
    let mode = if user.is_some() { "0755" } else { "0555" };
    let out = disnaker(&db, user, &["--lang", "en", "check"]);
    let err = assert_names(&out, dir.path(), mode, "check");
    assert!(err.contains("The folder "), "{err}");
    // The TUI refuses to start with the same line (before any terminal is needed).
    let out = disnaker(&db, user, &["--lang", "en"]);
    assert_names(&out, dir.path(), mode, "the TUI");
    // A command that only reads says the same (it said "a copy cut short" before).
    let out = disnaker(&db, user, &["lookup", "pong"]);
    let err = assert_names(&out, dir.path(), mode, "lookup");
    assert!(!err.contains("cut short"), "{err}");
    // And nothing was made or changed by either.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("office.db")]);
    chmod(dir.path(), 0o700);
}

/// The screen's text without spaces or line breaks: a wrapped message reads whole.
fn screen_text(app: &mut disnaker::tui::app::App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let buf = t.backend().buffer().clone();
    buf.content()
        .iter()
        .map(|c| c.symbol())
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_tui_starts_with_the_same_line_in_its_message_line() {
    use disnaker::store::access::{self, Identity};
    let (_dir, db) = demo_store(0o777);
    let wal = with_suffix(&db, "-wal");
    // What the TUI's start finds (`store::access::diagnose`, before it opens the store).
    let how = setup();
    let problem = if how == Setup::RootAlone {
        chmod(&db, 0o666);
        std::fs::write(&wal, b"").unwrap();
        chmod(&wal, 0o644);
        access::diagnose_for(&db, &stranger())
    } else if how == Setup::OtherUsers {
        // The situation, then judged for the owner by mode bits and ownership: the
        // kernel lets this root process write anything.
        std::os::unix::fs::chown(&db, Some(OWNER), Some(OWNER)).unwrap();
        chmod(&db, 0o644);
        let out = disnaker(&db, Some((OTHER, OTHER)), &["lookup", "pong"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        println!("root: the owner's access judged by mode bits (uid {OWNER})");
        access::diagnose_for(
            &db,
            &Identity {
                uid: OWNER,
                groups: vec![OWNER],
            },
        )
    } else {
        std::fs::write(&wal, b"").unwrap();
        chmod(&wal, 0o444);
        access::diagnose(&db)
    };
    let problem = problem.expect("the -wal is named");
    assert_eq!(problem.path, wal);
    for (lang, says) in [
        (disnaker::i18n::Lang::En, "cannotbewrittenbyyou"),
        (disnaker::i18n::Lang::Id, "tidakdapatditulisolehAnda"),
    ] {
        let mut app = disnaker::tui::app::App::new(
            disnaker::store::Store::open(&db, "ani").unwrap(),
            disnaker::tui::keymap::Keymap::default_keymap(),
            lang,
            disnaker::tui::theme::Theme::from_env(),
            "office.db".into(),
            disnaker::domain::demo::reference_day(),
        );
        assert!(!screen_text(&mut app).contains(says));
        app.note_access(Some(&problem));
        let shown = screen_text(&mut app);
        let squeezed: String = wal
            .display()
            .to_string()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(shown.contains(&squeezed), "{shown}");
        assert!(
            shown.contains(says) && shown.contains("chmodg+rw") && shown.contains("umask002"),
            "{shown}"
        );
    }
}
