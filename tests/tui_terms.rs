//! The words a civil servant would write (issue 15, point 4): every pane of a demo store, its
//! views, a record's detail, a new record's form and the help screen, drawn at 80×24 in
//! Indonesian, carry none of the words the office does not use.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

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

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

/// A demo store as `disnaker demo` fills it, seen on its reference day.
fn demo_app(day: Date) -> App {
    let mut store = Store::open_in_memory("ani").unwrap();
    disnaker::store::demo::fill(&mut store, 300, day, |_| {}).unwrap();
    App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::from_env(),
        "demo.db".into(),
        day,
    )
}

/// Every screen of the walk: (where, what it showed).
fn walk(app: &mut App, year: i32) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    let mut look = |app: &mut App, at: String| {
        let s = screen(app);
        seen.push((at, s));
    };
    look(app, "start".into());
    key(app, '?');
    look(app, "help".into());
    press(app, KeyCode::PageDown);
    look(app, "help, page 2".into());
    press(app, KeyCode::Esc);
    // the kecamatan lookup: its figures, in this year and in a published one
    key(app, 'L');
    for c in "pong".chars() {
        key(app, c);
    }
    look(app, "lookup".into());
    for _ in 2024..year {
        key(app, '[');
    }
    look(app, "lookup, 2024".into());
    press(app, KeyCode::Esc);
    for pane in ['1', '2', '3', '4', '5', '6'] {
        key(app, pane);
        // this year, and the years before it (the demo spreads its records over them;
        // the published years carry the LKjIP figures)
        for back in 0..=(year - 2022) {
            look(app, format!("pane {pane}, {back} year(s) back"));
            key(app, '[');
        }
        for _ in 0..=(year - 2022) {
            key(app, ']');
        }
        // the pane's other views
        for v in 0..3 {
            key(app, 'v');
            look(app, format!("pane {pane}, view {}", v + 1));
        }
        if pane == '4' {
            key(app, 'f');
            look(app, "pane 4, follow-up".into());
            press(app, KeyCode::Esc);
        }
        if pane == '5' {
            key(app, 'w');
            look(app, "pane 5, waiting list".into());
            key(app, 'w');
        }
        // the selected record's detail, scrolled down to its last fields
        press(app, KeyCode::Enter);
        look(app, format!("pane {pane}, detail"));
        for page in 0..3 {
            press(app, KeyCode::PageDown);
            look(app, format!("pane {pane}, detail page {}", page + 2));
        }
        press(app, KeyCode::Esc);
        // the moves the selected record has, and its history
        key(app, 's');
        look(app, format!("pane {pane}, status choice"));
        press(app, KeyCode::Esc);
        key(app, 'h');
        look(app, format!("pane {pane}, history"));
        press(app, KeyCode::Esc);
        // a new record's form, field after field
        key(app, 'n');
        look(app, format!("pane {pane}, new form"));
        for field in 0..30 {
            press(app, KeyCode::Tab);
            look(app, format!("pane {pane}, new form, field {}", field + 2));
        }
        press(app, KeyCode::Esc);
        key(app, 'y');
        press(app, KeyCode::Esc);
    }
    seen
}

/// The words replaced; a word is found only where it stands alone ("sebelum" in
/// "sebelumnya" is not the old word).
const OLD_WORDS: &[&str] = &[
    "Galat",
    "terbit",
    "Terbit",
    "Majikan",
    "Agt",
    "berkas lkp",
    "S/d",
    "s/d",
    "Registrasi",
    "registrasi",
    "Bipartit mulai",
    "Risalah bipartit ada",
    "terbuka",
    "sebelum",
    "berikut",
];

fn stands_alone(s: &str, word: &str) -> bool {
    s.match_indices(word).any(|(at, _)| {
        let before = s[..at].chars().next_back();
        let after = s[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn no_pane_at_80x24_uses_the_words_the_office_does_not_write() {
    let day = disnaker::domain::demo::reference_day();
    let year = chrono::Datelike::year(&day);
    let mut app = demo_app(day);
    let seen = walk(&mut app, year);
    assert!(seen.len() > 100, "the walk saw {} screens", seen.len());
    // TERMS_DUMP=file writes every screen of the walk there, to read them all at once
    if let Ok(f) = std::env::var("TERMS_DUMP") {
        let all: Vec<String> = seen.iter().map(|(a, s)| format!("== {a}\n{s}")).collect();
        std::fs::write(f, all.join("")).unwrap();
    }
    let mut found = Vec::new();
    for (at, s) in &seen {
        for word in OLD_WORDS {
            if stands_alone(s, word) {
                found.push(format!("{word:?} on {at}:\n{s}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The walk went where the new words are: they are on screen.
    let all: String = seen.iter().map(|(_, s)| s.as_str()).collect();
    for word in [
        "berikutnya",
        "LKjIP",
        "Desa/Kelurahan",
        "Pemberi kerja / P3MI",
        "Jiwa",
        "Batas waktu",
        "Ada risalah bipartit",
        "dalam proses",
        "berkas lengkap",
        "DAU dan DBHCHT adalah bagian dari APBD",
    ] {
        assert!(all.contains(word), "{word} is nowhere on the walk");
    }
}

#[test]
fn the_check_finds_a_word_only_where_it_stands_alone() {
    assert!(stands_alone("panel sebelum ", "sebelum"));
    assert!(!stands_alone("panel sebelumnya", "sebelum"));
    assert!(stands_alone("│S/d       │", "S/d"));
    assert!(!stands_alone("Pendaftaran", "Agt"));
}

/// A dispute the workers took to the industrial relations court: its outcome is "Gugatan ke
/// PHI" where there is room (the detail's status) and "ke PHI" in the list's narrow column,
/// never the court's bare name.
#[test]
fn a_dispute_taken_to_court_says_gugatan_ke_phi() {
    let today = Date::from_ymd_opt(2024, 12, 2).unwrap();
    let values: std::collections::BTreeMap<String, String> = [
        ("company", "PT Sumber Rejeki"),
        ("workers", "SP Kimia"),
        ("worker_count", "12"),
        ("type", "hak"),
        ("bipartite_start", "2024-08-01"),
        ("bipartite_end", "2024-08-20"),
        ("minutes_present", "ya"),
        ("recorded_on", "2024-08-22"),
        ("file_complete", "ya"),
        ("mediator", "Budi Santoso"),
        ("mediator_assigned_on", "2024-08-26"),
        ("anjuran_on", "2024-09-30"),
        ("stage", "selesai"),
        ("outcome", "court"),
        ("outcome_on", "2024-11-04"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (d, checked) = disnaker::domain::dispute::Dispute::from_fields(&values, today);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let mut store = Store::open_in_memory("ani").unwrap();
    store.insert_dispute(&d.unwrap()).unwrap();
    let mut app = App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "t".into(),
        today,
    );
    key(&mut app, '3');
    let s = screen(&mut app);
    let row = s
        .lines()
        .find(|l| l.contains("PT Sumber"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("selesai   ke PHI    04-11-2024"), "{s}");
    press(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("selesai: Gugatan ke PHI"), "{s}");
    assert!(!stands_alone(&s.replace("ke PHI", ""), "PHI"), "{s}");
}
