//! Pane 6's second view, the programme indicators of LKjIP table 3.23, at 80×24 through the
//! event loop's frame writer and a terminal emulator, on a store with the 2024 trainings
//! (344 participants of `pbk` trainings, none certified).

mod iku_support;
mod wire_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::i18n::Lang;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use iku_support::*;
use wire_support::Rig;

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The programme view of 2024 on a fresh store, drawn once.
fn programme_view(dir: &tempfile::TempDir, lang: Lang) -> (App, Rig) {
    let store = store_with_2024_trainings(&dir.path().join("t.db"), "ani");
    let mut a = App::new(
        store,
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t".into(),
        day(2025, 3, 1),
    );
    a.year = 2024;
    press(&mut a, KeyCode::Char('6'));
    press(&mut a, KeyCode::Char('v'));
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut a, "v");
    (a, rig)
}

fn shown(rig: &Rig) -> String {
    rig.vt.screen().contents()
}

fn words(s: &str, key: &str) -> Vec<String> {
    s.lines()
        .find(|l| l.split_whitespace().next() == Some(key))
        .unwrap_or_else(|| panic!("no {key} row in\n{s}"))
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_programme_view_in_indonesian_counts_the_trainees_and_shows_both_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut rig) = programme_view(&dir, Lang::Id);
    let s = shown(&rig);
    println!("{s}");
    assert!(s.contains("Indikator program (tabel 3.23) 2024"), "{s}");
    assert!(
        s.contains("Kode   Satuan     Target Realisasi Capaian Sumber  Indikator"),
        "{s}"
    );
    assert_eq!(
        words(&s, "II.1b")[..6],
        ["II.1b", "orang", "240", "344", "143,33", "catatan"]
    );
    // The records count none certified of 344 graduates; the report printed 100.
    assert_eq!(
        words(&s, "II.1a!")[..6],
        ["II.1a!", "%", "80,00", "0,00", "0,00", "catatan"]
    );
    assert_eq!(
        words(&s, "III.2a")[..6],
        ["III.2a", "orang", "4.000", "5.321", "133,03", "LKjIP"]
    );
    assert!(s.contains("Jumlah pencari dan pemberi k…"), "{s}");
    // Every line within the screen, the footer offers the view switch.
    assert!(
        s.contains("Enter buka  v ganti tampilan  n baru  L cari kecamatan  ? bantuan  q keluar"),
        "{s}"
    );
    assert!(s.contains("[/] tahun  x ekspor"), "{s}");

    // Enter on II.1a: the records' number beside the published one.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    rig.frame(&mut a, "down");
    assert!(
        shown(&rig).contains("! catatan 0,00, LKjIP 100,00"),
        "{}",
        shown(&rig)
    );
    press(&mut a, KeyCode::Enter);
    rig.frame(&mut a, "enter");
    let s = shown(&rig);
    println!("{s}");
    assert!(s.contains("Indikator program · II.1a 2024"), "{s}");
    assert!(s.contains("Dari catatan kantor"), "{s}");
    assert!(s.contains("0 / 344 = 0,00"), "{s}");
    assert!(
        s.contains("Menurut catatan kantor 0,00, menurut LKjIP 100,00: berbeda"),
        "{s}"
    );
    assert!(
        s.contains("Capaian menurut catatan 0,00, menurut LKjIP 125,00"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);

    // The Karirhub users are entered with their source.
    for _ in 0..8 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char('n'));
    rig.forms = true;
    rig.frame(&mut a, "n");
    assert!(shown(&rig).contains("‹ III.2a ›"), "{}", shown(&rig));
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "5000");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "Laporan Karirhub Kemnaker 2024");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "10-01-2025");
    a.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    rig.forms = false;
    rig.frame(&mut a, "save");
    let s = shown(&rig);
    println!("{s}");
    assert_eq!(
        words(&s, "III.2a")[..6],
        ["III.2a", "orang", "4.000", "5.000", "125,00", "isian"]
    );
    press(&mut a, KeyCode::Enter);
    rig.frame(&mut a, "enter entered");
    let s = shown(&rig);
    assert!(
        s.contains("Diisi ani dari Laporan Karirhub Kemnaker 2024 (10-01-2025)"),
        "{s}"
    );
    assert!(s.contains("Angka LKjIP: 5.321"), "{s}");
    press(&mut a, KeyCode::Esc);

    // The end of the table scrolls into view; v goes back to the IKU.
    press(&mut a, KeyCode::End);
    rig.frame(&mut a, "end");
    let s = shown(&rig);
    assert!(
        s.contains("V.1c · Jumlah transmigran yang dipindahkan"),
        "{s}"
    );
    assert_eq!(
        words(&s, "V.1c")[..6],
        ["V.1c", "KK", "1", "1", "100,00", "LKjIP"]
    );
    press(&mut a, KeyCode::Char('v'));
    rig.frame(&mut a, "v again");
    assert!(shown(&rig).contains("IKU 2024"), "{}", shown(&rig));
}

#[test]
fn the_programme_view_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut rig) = programme_view(&dir, Lang::En);
    let s = shown(&rig);
    println!("{s}");
    assert!(s.contains("Programme indicators (table 3.23) 2024"), "{s}");
    assert!(
        s.contains("Code   Unit         Target  Actual Achieved Source  Indicator"),
        "{s}"
    );
    assert_eq!(
        words(&s, "II.1b")[..6],
        ["II.1b", "people", "240", "344", "143.33", "records"]
    );
    assert_eq!(
        words(&s, "III.3a")[..6],
        ["III.3a", "people", "2,300", "3,727", "162.04", "LKjIP"]
    );
    assert!(
        s.contains("Enter open  v switch view  n new  L kecamatan lookup  ? help  q quit"),
        "{s}"
    );
    for word in ["Jumlah", "orang", "catatan", "isian", "Kode"] {
        assert!(
            !s.split_whitespace().any(|w| w == word),
            "'{word}' on an English screen:\n{s}"
        );
    }
    // II.1b agrees with the report.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    rig.frame(&mut a, "enter");
    let s = shown(&rig);
    println!("{s}");
    assert!(
        s.contains("II.1b · Workers given competency-based training"),
        "{s}"
    );
    assert!(s.contains("Target 240, actual 344, achieved 143.33"), "{s}");
    assert!(s.contains("Same as the published figure (344)"), "{s}");
}
