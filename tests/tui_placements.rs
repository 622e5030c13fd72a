//! Pane 2 driven by key events: counts from records beside the published figures, drill-down.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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

fn placement(i: u32, kec: &str, sex: Sex, sector: &str, country: &str) -> Placement {
    let birth = Date::from_ymd_opt(1995, 3, 1 + i % 27).unwrap();
    let values: BTreeMap<String, String> = [
        ("nik", synthesise("3505", 1, birth, sex, i + 1)),
        ("name", format!("PMI {i}")),
        ("sex", sex.as_str().to_string()),
        ("kecamatan", kec.to_string()),
        ("country", country.to_string()),
        ("sector", sector.to_string()),
        ("departure_date", "2024-03-05".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let (p, checked) = Placement::from_fields(&values, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    p.unwrap()
}

fn app() -> App {
    let mut store = Store::open_in_memory("ani").unwrap();
    let mut rows = Vec::new();
    for i in 0..7 {
        rows.push(placement(i, "Ponggok", Sex::P, "informal", "Hongkong"));
    }
    for i in 7..10 {
        rows.push(placement(i, "Ponggok", Sex::L, "formal", "Taiwan"));
    }
    rows.push(placement(10, "Bakung", Sex::L, "formal", "Malaysia"));
    store.import_placements(&rows, |_| {}).unwrap();
    let mut a = App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "t".into(),
        today(),
    );
    a.year = 2024;
    a
}

#[test]
fn counts_from_records_beside_published_figures() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    let s = screen(&mut a);
    // The overseas series, labelled apart from the domestic one under it.
    let line = s
        .lines()
        .find(|l| l.starts_with("LKjIP luar negeri: "))
        .expect(&s);
    assert!(
        line.contains("2024 3.727"),
        "the published series is labelled: {s}"
    );
    assert!(s.contains("Per kecamatan · 2024 · dari catatan: 11"), "{s}");
    let bakung = s.lines().find(|l| l.starts_with("Bakung")).unwrap();
    assert_eq!(
        bakung.split_whitespace().collect::<Vec<_>>(),
        vec!["Bakung", "1", "0", "0", "0", "1", "118"],
        "records 1 formal man; published 118"
    );
    // The TOTAL row (scrolled to) carries the report's own total, 3,727 (table 3.17).
    for _ in 0..30 {
        press(&mut a, KeyCode::Down);
    }
    let s = screen(&mut a);
    // (the CSV's TOTAL row, in the officer's words on an Indonesian screen)
    let total = s.lines().find(|l| l.starts_with("Jumlah")).unwrap();
    assert_eq!(
        total.split_whitespace().collect::<Vec<_>>(),
        vec!["Jumlah", "4", "0", "0", "7", "11", "3.727"],
        "{s}"
    );
    press(&mut a, KeyCode::Char('v'));
    let s = screen(&mut a);
    assert!(s.contains("Per negara"), "{s}");
    for _ in 0..60 {
        press(&mut a, KeyCode::Down);
    }
    let s = screen(&mut a);
    let total = s.lines().find(|l| l.starts_with("Jumlah")).unwrap();
    assert!(total.trim_end().ends_with(" 3.727"), "{s}");
    for _ in 0..60 {
        press(&mut a, KeyCode::Up);
    }
    let first = s.lines().find(|l| l.starts_with("Hongkong")).unwrap();
    assert_eq!(
        first.split_whitespace().collect::<Vec<_>>(),
        vec!["Hongkong", "0", "0", "0", "7", "7", "1.700"]
    );
}

#[test]
fn enter_on_a_count_lists_its_placements() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    screen(&mut a);
    // Ponggok is the 11th kecamatan; its informal-women cell is the 4th count column
    for _ in 0..10 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Left);
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(
        s.contains("Ponggok · informal · P · 2024: 7 penempatan"),
        "{s}"
    );
    assert_eq!(s.matches("Hongkong").count(), 7);
    assert!(!s.contains("Taiwan"));
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Penempatan #7"), "{s}");
    assert!(s.contains("Tanggal berangkat"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Esc);
    assert!(screen(&mut a).contains("Per kecamatan"));
}
