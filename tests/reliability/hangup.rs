//! A dropped connection while a form holds unsaved typing: the store stays intact, the
//! terminal is restored, and the form comes back, as it was, the next time the same officer
//! opens the program (a draft: the officer's own, and discarded with `Esc` then `y`).
//!
//! In the App (the function the hangup path calls) and end to end: the real program in tmux,
//! where `tmux kill-session` hangs the terminal up like sshd does when a connection drops.

use crate::support::{consistent, slow};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::domain::PmiCase;
use disnaker::i18n::Lang;
use disnaker::store::{CaseFilter, Store};
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

fn app(db: &Path, officer: &str) -> App {
    App::new(
        Store::open(db, officer).unwrap(),
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "s.db".into(),
        today(),
    )
}

fn screen(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..24 {
        for x in 0..80 {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn ctrl_s(app: &mut App) {
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

fn cases(db: &Path) -> i64 {
    Store::open(db, "x")
        .unwrap()
        .count_cases(&CaseFilter::default())
        .unwrap()
}

#[test]
fn an_unsaved_new_case_comes_back_as_the_officers_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut ani = app(&db, "Ani");
    press(&mut ani, KeyCode::Char('n'));
    typ(&mut ani, "Siti Terputus");
    press(&mut ani, KeyCode::Tab);
    press(&mut ani, KeyCode::Tab);
    typ(&mut ani, "p"); // sex
    press(&mut ani, KeyCode::Tab);
    typ(&mut ani, "pong");
    press(&mut ani, KeyCode::Tab); // completes to Ponggok
    assert!(ani.has_unsaved_form());
    // The connection drops: the run loop calls this before leaving.
    assert_eq!(ani.save_drafts().unwrap(), 1);
    drop(ani);
    assert_eq!(cases(&db), 0, "nothing half-saved");

    // Another officer opening the program sees nothing of it.
    let mut budi = app(&db, "Budi");
    budi.restore_drafts();
    let s = screen(&mut budi);
    assert!(!s.contains("Siti Terputus"), "{s}");
    assert!(budi.overlays.is_empty());
    drop(budi);

    // Ani gets the form back, as it was, with a word about it.
    let mut ani = app(&db, "Ani");
    ani.restore_drafts();
    let s = screen(&mut ani);
    assert!(
        s.contains("Kasus baru — draf ") && s.contains("-2026 "),
        "{s}"
    );
    assert!(s.contains("Siti Terputus"), "{s}");
    assert!(s.contains("Ponggok"), "{s}");
    assert!(
        s.contains("dipulihkan: Ctrl-S simpan, Esc lalu y buang"),
        "{s}"
    );
    assert!(ani.has_unsaved_form());
    // ...and finishes it (the form opens at its first field): country, category, save.
    for _ in 0..5 {
        press(&mut ani, KeyCode::Tab);
    }
    typ(&mut ani, "taiw");
    press(&mut ani, KeyCode::Tab);
    typ(&mut ani, "s");
    ctrl_s(&mut ani);
    let s = screen(&mut ani);
    assert!(ani.overlays.is_empty(), "saved:\n{s}");
    assert_eq!(cases(&db), 1);
    let rec = Store::open(&db, "x").unwrap().get_case(1).unwrap();
    assert_eq!(rec.case.name, "Siti Terputus");
    assert_eq!(rec.created_by, "Ani");
    // The draft is gone: a new start opens nothing.
    drop(ani);
    let mut ani = app(&db, "Ani");
    ani.restore_drafts();
    assert!(ani.overlays.is_empty());
}

/// Even a bug that panics in the middle of the session keeps the open form as a draft.
#[test]
fn a_form_open_when_the_program_panics_comes_back_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut ani = app(&db, "Ani");
    // (The test's default panic hook prints the message; the run's hook would also put
    // the terminal back.)
    let result = disnaker::tui::keeping_drafts(&mut ani, |a| {
        press(a, KeyCode::Char('n'));
        typ(a, "Siti Sebelum Galat");
        panic!("a bug in a pane");
    });
    let e = result.unwrap_err().to_string();
    assert!(e.contains("internal error: a bug in a pane"), "{e}");
    drop(ani);
    assert_eq!(cases(&db), 0);
    let mut ani = app(&db, "Ani");
    ani.restore_drafts();
    let s = screen(&mut ani);
    assert!(s.contains("Siti Sebelum Galat"), "{s}");
    // Quitting on purpose keeps nothing.
    let mut budi = app(&db, "Budi");
    let r = disnaker::tui::keeping_drafts(&mut budi, |a| {
        press(a, KeyCode::Char('n'));
        typ(a, "Dibuang");
        a.quit = true;
        Ok(())
    });
    assert!(r.is_ok());
    drop(budi);
    let mut budi = app(&db, "Budi");
    budi.restore_drafts();
    assert!(budi.overlays.is_empty());
}

#[test]
fn a_draft_is_discarded_with_esc_then_y() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut ani = app(&db, "Ani");
    press(&mut ani, KeyCode::Char('n'));
    typ(&mut ani, "Dibuang");
    ani.save_drafts().unwrap();
    drop(ani);
    let mut ani = app(&db, "Ani");
    ani.restore_drafts();
    assert!(screen(&mut ani).contains("Dibuang"));
    press(&mut ani, KeyCode::Esc);
    let s = screen(&mut ani);
    assert!(s.contains("y/n") || s.contains("(y"), "asks first:\n{s}");
    press(&mut ani, KeyCode::Char('y'));
    assert!(ani.overlays.is_empty());
    assert!(ani.store.drafts().unwrap().is_empty());
    drop(ani);
    let mut ani = app(&db, "Ani");
    ani.restore_drafts();
    assert!(ani.overlays.is_empty());
    assert_eq!(cases(&db), 0);
}

#[test]
fn an_edit_kept_as_a_draft_is_refused_if_the_case_changed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let v: BTreeMap<String, String> = [
        ("name", "Sri Wahyuni"),
        ("sex", "P"),
        ("kecamatan", "Talun"),
        ("country", "Taiwan"),
        ("category", "sakit"),
        ("reported_on", "2026-03-01"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (c, _) = PmiCase::from_fields(&v, today());
    let id = Store::open(&db, "Ani")
        .unwrap()
        .insert_case(&c.unwrap())
        .unwrap();

    let mut ani = app(&db, "Ani");
    press(&mut ani, KeyCode::Char('e'));
    for _ in 0..4 {
        press(&mut ani, KeyCode::Tab);
    }
    typ(&mut ani, "Bacem"); // desa
    ani.save_drafts().unwrap();
    drop(ani);

    // Budi saves the same case meanwhile.
    let mut budi = Store::open(&db, "Budi").unwrap();
    let mut edited = budi.get_case(id).unwrap().case;
    edited.notes = "dihubungi keluarga".into();
    budi.update_case(id, 1, &edited).unwrap();

    let mut ani = app(&db, "Ani");
    ani.restore_drafts();
    let s = screen(&mut ani);
    assert!(s.contains(&format!("Kasus #{id}: ubah — draf")), "{s}");
    assert!(s.contains("Bacem"), "{s}");
    ctrl_s(&mut ani);
    let s = screen(&mut ani);
    assert!(s.contains("Budi"), "the refusal names who saved:\n{s}");
    assert!(ani.has_unsaved_form(), "the form stays open");
    let rec = Store::open(&db, "x").unwrap().get_case(id).unwrap();
    assert_eq!((rec.version, rec.case.desa.as_str()), (2, ""));
    assert_eq!(
        rec.case.notes, "dihubungi keluarga",
        "nothing of Budi's overwritten"
    );
}

// ------------------------------------------------------------------ the real program, tmux

/// A private tmux server, removed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new() -> Tmux {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "tmux is needed for this test (.ci/run installs it)");
        Tmux {
            socket: format!("disnaker-test-{}", std::process::id()),
        }
    }

    fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A session of 80×24 running `command` through the shell.
    fn start(&self, name: &str, command: &str) {
        self.cmd(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "80",
            "-y",
            "24",
            command,
        ]);
    }

    fn screen(&self, name: &str) -> String {
        self.cmd(&["capture-pane", "-p", "-t", name])
    }

    fn wait_for(&self, name: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen(name);
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "waited for {text:?}; the screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend(keys);
        self.cmd(&args);
    }

    fn text(&self, name: &str, text: &str) {
        self.cmd(&["send-keys", "-t", name, "-l", text]);
    }

    fn pane_pid(&self, name: &str) -> u32 {
        self.cmd(&["display-message", "-p", "-t", name, "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// The process's parent and state from /proc.
fn proc_stat(pid: u32) -> Option<(u32, char)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let mut f = rest.split_whitespace();
    let state = f.next()?.chars().next()?;
    let ppid = f.next()?.parse().ok()?;
    Some((ppid, state))
}

/// The disnaker process under `parent` (itself, or its child).
fn program_under(parent: u32) -> u32 {
    let exe = |pid: u32| {
        std::fs::read_link(format!("/proc/{pid}/exe"))
            .map(|p| p.file_name().is_some_and(|n| n == "disnaker"))
            .unwrap_or(false)
    };
    if exe(parent) {
        return parent;
    }
    let start = Instant::now();
    loop {
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|s| s.parse().ok()) else {
                continue;
            };
            if proc_stat(pid).is_some_and(|(pp, _)| pp == parent) && exe(pid) {
                return pid;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no program under {parent}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Wait until `pid` has ended (gone, or a zombie nobody reaped).
fn wait_gone(pid: u32, what: &str) {
    let start = Instant::now();
    while proc_stat(pid).is_some_and(|(_, state)| state != 'Z') {
        if start.elapsed() > Duration::from_secs(20) {
            // Do not leave it spinning on the machine.
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("{what}: the program is still running after the terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn drafts_of(db: &Path, officer: &str) -> Vec<String> {
    Store::open(db, officer)
        .unwrap()
        .drafts()
        .unwrap()
        .iter()
        .map(|d| d.values.get("name").cloned().unwrap_or_default())
        .collect()
}

#[test]
fn a_dropped_terminal_keeps_the_form_restores_the_screen_and_offers_it_back() {
    if !slow("a_dropped_terminal (tmux)") {
        return;
    }
    let tmux = Tmux::new();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(Store::open(&db, "setup").unwrap());
    let program = format!(
        "env DISNAKER_CONFIG=/nonexistent/config.toml {} --db {} --officer Ani",
        crate::support::bin().display(),
        db.display()
    );

    // 1. The program is the session (exec): `kill-session` hangs up its terminal and it
    //    receives SIGHUP, as when sshd loses the connection.
    tmux.start("a", &format!("exec {program}"));
    tmux.wait_for("a", "Kasus PMI");
    let pid = program_under(tmux.pane_pid("a"));
    tmux.keys("a", &["n"]);
    tmux.text("a", "Siti Terputus");
    tmux.wait_for("a", "Siti Terputus");
    tmux.cmd(&["kill-session", "-t", "a"]);
    wait_gone(pid, "SIGHUP");
    assert_eq!(drafts_of(&db, "Ani"), ["Siti Terputus"]);

    // 2. The program under a shell that does not pass SIGHUP on: the terminal simply
    //    disappears. It must notice, keep the form and leave (not spin on a dead terminal).
    tmux.start("b", &format!("{program}; true"));
    tmux.wait_for("b", "dipulihkan");
    let pid = program_under(tmux.pane_pid("b"));
    // The restored draft is discarded (a pause after Esc, or the terminal reads Alt-y)...
    tmux.keys("b", &["Escape"]);
    tmux.wait_for("b", "(y = ya, n = tidak)");
    tmux.keys("b", &["y"]);
    std::thread::sleep(Duration::from_millis(300));
    tmux.keys("b", &["n"]); // ...and a new form typed
    tmux.text("b", "Sri Terputus");
    tmux.wait_for("b", "Sri Terputus");
    tmux.cmd(&["kill-session", "-t", "b"]);
    wait_gone(pid, "terminal gone without SIGHUP");
    assert_eq!(drafts_of(&db, "Ani"), ["Sri Terputus"]);

    // 3. In an interactive shell: the draft is offered back; SIGHUP to the program leaves
    //    the terminal as it was (main screen, cooked mode), the form kept again.
    tmux.start("c", "sh");
    tmux.text("c", &format!("{program}; echo EXIT=$?"));
    tmux.keys("c", &["Enter"]);
    let s = tmux.wait_for("c", "dipulihkan");
    assert!(s.contains("Sri Terputus") && s.contains("draf"), "{s}");
    let pid = program_under(tmux.pane_pid("c"));
    let killed = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    tmux.wait_for("c", "EXIT=0");
    wait_gone(pid, "SIGHUP in a shell");
    let alternate = tmux.cmd(&["display-message", "-p", "-t", "c", "#{alternate_on}"]);
    assert_eq!(alternate.trim(), "0", "the main screen is back");
    // The terminal's modes, one a line, marked (the command line itself must not match).
    tmux.text(
        "c",
        "stty -a | tr ' ' '\\n' | grep -x -e '-*i[c]anon' -e '-*ec[h]o' | sed 's/^/MODE:/'",
    );
    tmux.keys("c", &["Enter"]);
    let s = tmux.wait_for("c", "MODE:");
    std::thread::sleep(Duration::from_millis(300));
    let s = tmux.screen("c") + &s;
    assert!(s.contains("MODE:icanon") && s.contains("MODE:echo"), "{s}");
    assert!(!s.contains("MODE:-"), "raw mode left on:\n{s}");
    assert_eq!(drafts_of(&db, "Ani"), ["Sri Terputus"]);

    // Nothing else changed in the store.
    assert_eq!(consistent(&db).unwrap().cases, 0);
    crate::support::assert_check_ok(&db);
}
