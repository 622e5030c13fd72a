//! Pane 7, Pencari Kerja, at 80×24 through the event loop's frame writer and a terminal
//! emulator: a job seeker registered through the form (the number given), a second
//! registration of the same NIK refused naming the first, the detail with a six-monthly
//! report recorded by its key, placed with `s`, the history holding every step; an aktif
//! registration past its validity shows kedaluwarsa; the English screen.

mod wire_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::domain::jobseeker::JobseekerStatus;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use std::path::Path;
use wire_support::Rig;

const NIK: &str = "3505014501900002";

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

fn officer(path: &Path, lang: Lang) -> App {
    let mut app = App::new(
        Store::open(path, "Ani").unwrap(),
        Keymap::default_keymap(),
        lang,
        Theme::from_env(),
        "t.db".into(),
        today(),
    );
    app.year = 2024;
    press(&mut app, KeyCode::Char('7'));
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn shown(rig: &Rig) -> String {
    rig.vt.screen().contents()
}

fn joined(rig: &Rig) -> String {
    squeeze(&shown(rig))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The registration form filled as an officer does: the number left empty, the date typed
/// over today's.
fn register(app: &mut App, rig: &mut Rig, name: &str, on: &str) {
    press(app, KeyCode::Char('n'));
    rig.forms = true;
    rig.frame(app, "the form");
    press(app, KeyCode::Tab); // the number: given by the store
    typ(app, NIK);
    press(app, KeyCode::Tab);
    typ(app, name);
    press(app, KeyCode::Tab);
    typ(app, "P");
    press(app, KeyCode::Tab);
    typ(app, "pong");
    press(app, KeyCode::Tab);
    typ(app, "Ringinanyar");
    press(app, KeyCode::Tab);
    typ(app, "SMK");
    press(app, KeyCode::Tab);
    typ(app, "Teknik mesin");
    press(app, KeyCode::Tab);
    typ(app, "las");
    press(app, KeyCode::Tab);
    typ(app, "operator");
    press(app, KeyCode::Tab);
    ctrl(app, 'u');
    typ(app, on);
    rig.frame(app, "the form filled");
    ctrl(app, 's');
}

#[test]
fn a_job_seeker_registered_reported_placed_and_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut app = officer(&path, Lang::Id);
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut app, "pane 7, empty");
    let s = shown(&rig);
    assert!(s.contains("7 Pencari Kerja"), "the tab, whole:\n{s}");
    assert!(s.contains("Belum ada pencari kerja"), "{s}");

    register(&mut app, &mut rig, "Siti Aminah", "01-10-2025");
    rig.forms = false;
    // Registered in 2025: the list shows 2024's; ] shows 2025's.
    press(&mut app, KeyCode::Char(']'));
    rig.frame(&mut app, "the list of 2025");
    let s = shown(&rig);
    assert!(s.contains("AK1/2025/000001"), "{s}");
    assert!(s.contains("Siti Aminah"), "{s}");
    assert!(s.contains("aktif"), "{s}");
    assert!(s.contains("2025: 1 terdaftar"), "{s}");

    // The same NIK again while the first is active: refused, naming the first.
    register(&mut app, &mut rig, "Siti A.", "02-10-2025");
    rig.frame(&mut app, "the second registration");
    let text = joined(&rig);
    assert!(
        text.contains(&squeeze("sudah punya pendaftaran aktif AK1/2025/000001")),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    rig.frame(&mut app, "the form left");
    press(&mut app, KeyCode::Char('y'));
    rig.forms = false;
    rig.frame(&mut app, "back to the list");

    // The detail, a report recorded with its key.
    press(&mut app, KeyCode::Enter);
    rig.frame(&mut app, "the detail");
    let s = shown(&rig);
    assert!(s.contains("Lapor 6 bulan (0)"), "{s}");
    assert!(
        s.contains("W lapor 6 bulan"),
        "the report key is named:\n{s}"
    );
    press(&mut app, KeyCode::Char('W'));
    rig.forms = true;
    rig.frame(&mut app, "the report form");
    ctrl(&mut app, 'u');
    typ(&mut app, "01-04-2026");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "masih mencari");
    ctrl(&mut app, 's');
    rig.forms = false;
    rig.frame(&mut app, "the report saved");
    let s = shown(&rig);
    assert!(s.contains("Lapor 6 bulan (1)"), "{s}");
    assert!(s.contains("01-04-2026  Ani: masih mencari"), "{s}");

    // Placed with s: where and when.
    press(&mut app, KeyCode::Char('s'));
    rig.frame(&mut app, "the choice");
    assert!(shown(&rig).contains("1 ditempatkan"), "{}", shown(&rig));
    press(&mut app, KeyCode::Char('1'));
    rig.forms = true;
    rig.frame(&mut app, "the placement form");
    ctrl(&mut app, 'u');
    typ(&mut app, "15-05-2026");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "PT Sumber Rejeki, operator");
    ctrl(&mut app, 's');
    rig.forms = false;
    rig.frame(&mut app, "placed");
    let placed = Store::open(&path, "check")
        .unwrap()
        .get_jobseeker(1)
        .unwrap();
    assert_eq!(placed.jobseeker.status, JobseekerStatus::Ditempatkan);
    assert_eq!(placed.jobseeker.placement, "PT Sumber Rejeki, operator");

    press(&mut app, KeyCode::Char('h'));
    rig.frame(&mut app, "the history");
    let s = shown(&rig);
    assert!(s.contains("dibuat"), "{s}");
    assert!(s.contains("lapor 6 bulan dicatat"), "{s}");
    assert!(s.contains("ditempatkan (v2)"), "{s}");
    assert!(s.contains("************0002"), "the NIK masked: {s}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    rig.frame(&mut app, "the list again");
    assert!(shown(&rig).contains("ditempatkan"), "{}", shown(&rig));
    assert!(s.contains("Status: aktif"), "{s}");

    // in English the history names the statuses as the English list does
    let mut app = officer(&path, Lang::En);
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut app, "the English list");
    press(&mut app, KeyCode::Char(']'));
    rig.frame(&mut app, "2025");
    press(&mut app, KeyCode::Char('h'));
    rig.frame(&mut app, "the English history");
    let s = shown(&rig);
    assert!(s.contains("Status: active"), "{s}");
    assert!(s.contains("  placed (v2)"), "{s}");
    assert!(!s.contains("aktif") && !s.contains("ditempatkan"), "{s}");
}

#[test]
fn an_expired_registration_shows_kedaluwarsa_and_english_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut app = officer(&path, Lang::Id);
        let mut rig = Rig::new(80, 24);
        register(&mut app, &mut rig, "Siti Aminah", "01-03-2024");
    }
    // Valid until 01-03-2026, shown on 28-11-2026.
    let mut app = officer(&path, Lang::Id);
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut app, "the list of 2024");
    let s = shown(&rig);
    assert!(s.contains("AK1/2024/000001"), "{s}");
    assert!(s.contains("kedaluwarsa"), "{s}");
    press(&mut app, KeyCode::Enter);
    rig.frame(&mut app, "the detail");
    assert!(
        joined(&rig).contains(&squeeze("kedaluwarsa (berlaku sampai 01-03-2026)")),
        "{}",
        shown(&rig)
    );

    let mut app = officer(&path, Lang::En);
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut app, "the English list");
    let s = shown(&rig);
    assert!(s.contains("7 Job seekers"), "{s}");
    assert!(s.contains("expired"), "{s}");
    assert!(s.contains("Registrations 2024: 1"), "{s}");
    assert!(!s.contains("terdaftar"), "{s}");
    // nothing archived: the archive says so and how to go back, not "no job seekers yet"
    press(&mut app, KeyCode::Char('a'));
    rig.frame(&mut app, "the empty archive");
    let s = shown(&rig);
    assert!(
        s.contains("The archive is empty: nothing here has been archived. Press a to go back"),
        "{s}"
    );
    assert!(!s.contains("No job seekers registered"), "{s}");
    assert!(
        s.lines().any(|l| l.trim() == "list."),
        "whole, wrapped: {s}"
    );
    // once the note about the archive is gone, the footer says what a does now
    press(&mut app, KeyCode::Down);
    rig.frame(&mut app, "the archive's footer");
    let s = shown(&rig);
    assert!(
        s.contains("a back to the list"),
        "the footer says a goes back: {s}"
    );
    assert!(!s.contains("show archived"), "{s}");
}
