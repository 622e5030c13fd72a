//! Pane 6 driven by key events on a store with the 2024 trainings, at 80×24.

mod iku_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::i18n::Lang;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use iku_support::*;
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

#[test]
fn show() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with_2024_trainings(&dir.path().join("t.db"), "ani");
    let mut a = App::new(
        s,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "t".into(),
        day(2025, 3, 1),
    );
    a.year = 2024;
    press(&mut a, KeyCode::Char('6'));
    println!("{}", screen(&mut a));
    press(&mut a, KeyCode::Enter);
    println!("{}", screen(&mut a));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    println!("{}", screen(&mut a));
    press(&mut a, KeyCode::Char('n'));
    println!("{}", screen(&mut a));
}
