//! One date format, one number format per language and one table widget, seen on the
//! rendered buffer of the case list and pane 2 at 80×24 and at 200×60.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::case::PmiCase;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::placement::Placement;
use disnaker::domain::Sex;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::BTreeMap;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn line_with<'a>(s: &'a str, needle: &str) -> &'a str {
    s.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{s}"))
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn case(name: &str, kec: &str, country: &str, followup: &str) -> PmiCase {
    let v = fields(&[
        ("name", name),
        ("sex", "P"),
        ("kecamatan", kec),
        ("country", country),
        ("category", "deportasi"),
        ("reported_on", "2026-11-01"),
        ("next_followup", followup),
    ]);
    let (c, checked) = PmiCase::from_fields(&v, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    c.unwrap()
}

/// 1,204 cases: four to look at, then enough for the counts to need grouping.
fn case_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory("ani").unwrap();
    // (names of their own: an import skips a case it has already)
    let mut cases: Vec<PmiCase> = (0..1200)
        .map(|i| case(&format!("Sri {i}"), "Wates", "Taiwan", ""))
        .collect();
    cases.push(case(
        "Siti Aminah",
        "Panggungrejo",
        "Brunei Darussalam",
        "2026-12-10",
    ));
    cases.push(case("Dewi", "Ponggok", "Korea Selatan", "2026-11-20"));
    store.insert_cases(&cases, |_| {}).unwrap();
    App::new(
        store,
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t.db".into(),
        today(),
    )
}

#[test]
fn case_list_at_80x24_dates_whole_counts_grouped() {
    let mut a = case_app(Lang::Id);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("2026: 1.202 kasus dilaporkan · 1.202 dalam proses · 1 jatuh tempo"),
        "{s}"
    );
    // The header names the short follow-up column; every column fits.
    let header = line_with(&s, "Kecamatan");
    assert!(header.contains("Tindak l."), "{s}");
    // Newest first: Dewi's follow-up passed, Siti's is coming; four-digit years.
    let dewi = line_with(&s, "Dewi");
    assert!(dewi.trim_end().ends_with("!20-11-2026"), "{dewi}");
    let siti = line_with(&s, "Siti Aminah");
    assert!(siti.trim_end().ends_with("10-12-2026"), "{siti}");
    // At 80 columns Negara is cut before Nama is (Nama keeps its 12).
    assert!(siti.contains("Siti Aminah"), "{siti}");
    assert!(!siti.contains("Brunei Darussalam"), "{siti}");
    assert!(siti.contains("Brunei D…"), "cut, and seen to be: {siti}");

    let mut en = case_app(Lang::En);
    let s = screen(&mut en, 80, 24);
    assert!(s.contains("2026: 1,202 "), "{s}");
    assert!(line_with(&s, "Dewi").contains("!20-11-2026"), "{s}");
}

#[test]
fn case_list_at_200x60_gives_the_cut_columns_their_width_first() {
    let mut a = case_app(Lang::Id);
    let s = screen(&mut a, 200, 60);
    let header = line_with(&s, "Kecamatan");
    assert!(header.contains("Tindak lanjut"), "{header}");
    let siti = line_with(&s, "Siti Aminah");
    assert!(siti.contains("Brunei Darussalam"), "{siti}");
    assert!(siti.contains("Panggungrejo"), "{siti}");
    assert!(siti.trim_end().ends_with("10-12-2026"), "{siti}");
    // Nama takes the rest only after them: it starts where it did and is the widest.
    let nama = header.find("Nama").unwrap();
    let nik = header.find("NIK").unwrap();
    assert!(nik - nama > 100, "{header}");
    // Columns do not move between rows.
    let dewi = line_with(&s, "Dewi");
    assert_eq!(
        dewi.find("Korea Selatan"),
        siti.find("Brunei Darussalam"),
        "{s}"
    );
}

fn placement(i: u32, kec: &str, sex: Sex, sector: &str, country: &str) -> Placement {
    let birth = Date::from_ymd_opt(1995, 3, 1 + i % 27).unwrap();
    let nik = synthesise("3505", 1, birth, sex, i + 1);
    let name = format!("PMI {i}");
    let v = fields(&[
        ("nik", &nik),
        ("name", &name),
        ("sex", sex.as_str()),
        ("kecamatan", kec),
        ("country", country),
        ("sector", sector),
        ("departure_date", "2024-03-05"),
    ]);
    let (p, checked) = Placement::from_fields(&v, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    p.unwrap()
}

fn placement_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory("ani").unwrap();
    let mut rows: Vec<Placement> = (0..1100)
        .map(|i| placement(i, "Panggungrejo", Sex::P, "informal", "Hongkong"))
        .collect();
    rows.push(placement(
        1100,
        "Bakung",
        Sex::L,
        "formal",
        "Brunei Darussalam",
    ));
    store.import_placements(&rows, |_| {}).unwrap();
    let mut a = App::new(
        store,
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t.db".into(),
        today(),
    );
    a.year = 2024;
    a
}

#[test]
fn pane_2_at_80x24_counts_by_language() {
    let mut a = placement_app(Lang::Id);
    press(&mut a, KeyCode::Char('2'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Per kecamatan · 2024 · dari catatan: 1.101"),
        "{s}"
    );
    assert!(s.contains("2024 3.727"), "{s}");
    let row = line_with(&s, "Panggungrejo");
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>()[..6],
        ["Panggungrejo", "0", "0", "0", "1.100", "1.100"],
        "{s}"
    );
    // The counts stand right-aligned under their headers.
    let header = line_with(&s, "Formal L");
    let end = header.find("Inform. P").unwrap() + "Inform. P".len();
    assert_eq!(&row[end - 5..end], "1.100", "{s}");

    let mut en = placement_app(Lang::En);
    press(&mut en, KeyCode::Char('2'));
    let s = screen(&mut en, 80, 24);
    assert!(s.contains("2024 3,727"), "{s}");
    assert!(line_with(&s, "Panggungrejo").contains(" 1,100"), "{s}");
}

#[test]
fn pane_2_at_200x60_by_country_and_its_drill_down() {
    let mut a = placement_app(Lang::Id);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('v'));
    let s = screen(&mut a, 200, 60);
    let brunei = line_with(&s, "Brunei");
    assert!(brunei.starts_with("Brunei Darussalam "), "{s}");
    assert_eq!(
        brunei.split_whitespace().collect::<Vec<_>>()[2..7],
        ["1", "0", "0", "0", "1"],
        "{s}"
    );
    // Enter on Brunei's total: the placements behind it, dates DD-MM-YYYY.
    let title = "Brunei Darussalam · 2024: 1 penempatan";
    for _ in 0..40 {
        press(&mut a, KeyCode::Enter);
        if screen(&mut a, 200, 60).contains(title) {
            break;
        }
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Down);
    }
    let s = screen(&mut a, 200, 60);
    assert!(s.contains(title), "{s}");
    let row = line_with(&s, "PMI 1100");
    assert!(row.contains("Brunei Darussalam"), "{row}");
    assert!(row.contains("05-03-2024"), "{row}");
    assert!(row.contains(" Bakung "), "{row}");
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

#[test]
fn detail_form_and_history_show_dates_one_way_and_the_store_keeps_iso() {
    let mut store = Store::open_in_memory("ani").unwrap();
    store
        .insert_case(&case("Siti Aminah", "Ponggok", "Taiwan", "2026-12-10"))
        .unwrap();
    let mut a = App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "t.db".into(),
        today(),
    );
    // 60 lines: the whole detail on screen.
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 60);
    assert!(line_with(&s, "Tanggal lapor").contains("01-11-2026"), "{s}");
    assert!(
        line_with(&s, "Jadwal tindak lanjut").contains("10-12-2026"),
        "{s}"
    );
    assert!(!s.contains("2026-1"), "no ISO date on screen: {s}");

    // The form shows the same format, and takes DD/MM/YYYY typed.
    press(&mut a, KeyCode::Char('e'));
    let s = screen(&mut a, 80, 60);
    assert!(line_with(&s, "Tanggal lapor").contains("01-11-2026"), "{s}");
    for _ in 0..40 {
        if line_with(&screen(&mut a, 80, 60), "Jadwal tindak lanjut").contains(">Jadwal") {
            break;
        }
        press(&mut a, KeyCode::Tab);
    }
    assert!(
        screen(&mut a, 80, 60).contains(
            "tanggal HH-BB-TTTT (04-12-2026, 04/12/2026, 2026-12-04); ketik untuk mengganti"
        ),
        "the form says how to write a date"
    );
    for _ in 0.."10-12-2026".len() {
        press(&mut a, KeyCode::Backspace);
    }
    for c in "15/12/2026".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    ctrl(&mut a, 's');
    let rec = a.store.get_case(1).unwrap();
    assert_eq!(
        rec.case.next_followup,
        Date::from_ymd_opt(2026, 12, 15),
        "stored as a date"
    );
    press(&mut a, KeyCode::Esc);
    let s = screen(&mut a, 80, 60);
    assert!(line_with(&s, "Siti Aminah").contains("15-12-2026"), "{s}");

    // The history: the change's dates, and when it was made, as the screen writes dates.
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&mut a, 80, 60);
    assert!(
        s.contains("Jadwal tindak lanjut: 10-12-2026 → 15-12-2026"),
        "{s}"
    );
    let stamp = line_with(&s, "ani");
    let when: String = stamp
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take(10)
        .collect();
    assert!(
        disnaker::domain::date::Date::parse_from_str(&when, "%d-%m-%Y").is_ok(),
        "{stamp}"
    );
}
