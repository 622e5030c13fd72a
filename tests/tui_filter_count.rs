//! Filter as you type in pane 1: the first frame shows the matches on screen with a count of
//! at most PROBE ("100+"); the rest is counted in steps between keys (`App::work`), and the
//! count it ends with is the store's own full count. The steps (`count_cases_in` over ranges
//! of ids) add up to the whole for every kind of filter.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::i18n::Lang;
use disnaker::store::{CaseFilter, Store};
use disnaker::tui::app::App;
use disnaker::tui::cases::{CasesPane, PROBE};
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

/// 3,000 cases of this year; two in three are named "Siti …", some of them from Ponggok.
fn store() -> Store {
    let mut store = Store::open_in_memory("ani").unwrap();
    let mut cases = disnaker::domain::demo::cases(3000, 7, today());
    for (i, c) in cases.iter_mut().enumerate() {
        c.reported_on = Some(today());
        if i % 3 != 2 {
            c.name = format!("Siti Rahayu {i}");
        }
    }
    store.insert_cases(&cases, |_| {}).unwrap();
    store
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

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Finish the work left after the frame, as the event loop does while no key waits.
fn finish(app: &mut App) -> usize {
    let mut steps = 0;
    while app.has_work() {
        app.work();
        steps += 1;
        assert!(steps < 10_000, "the count never ends");
    }
    steps
}

fn full_count(app: &App, text: &str) -> i64 {
    app.store
        .count_cases(&CaseFilter {
            text: text.into(),
            year: Some(app.year),
            ..CaseFilter::default()
        })
        .unwrap()
}

#[test]
fn the_filters_first_frame_comes_before_its_count_and_the_count_is_finished_after() {
    let mut app = App::new(
        store(),
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "test.db".into(),
        today(),
    );
    screen(&mut app);
    typ(&mut app, "/siti");
    let first = screen(&mut app);
    assert!(first.contains(&format!("{}+", PROBE)), "{first}");
    assert!(
        first
            .lines()
            .nth(3)
            .unwrap()
            .starts_with("2999   Siti Rahayu"),
        "the newest match on top: {first}"
    );
    assert!(app.has_work(), "the count is left for after the frame");
    let expected = full_count(&app, "siti");
    assert!(expected > 1000, "{expected}");
    assert!(finish(&mut app) > 0);
    let done = screen(&mut app);
    let shown = Lang::Id.count(expected);
    assert!(
        done.contains(&shown) && !done.contains(&format!("{}+", PROBE)),
        "{shown}: {done}"
    );
    assert_eq!(app.pane_of::<CasesPane>().unwrap().list.total, expected);

    // End now reaches the oldest match.
    app.handle_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
    let end = screen(&mut app);
    assert!(
        end.lines().any(|l| l.starts_with("1      Siti Rahayu")),
        "{end}"
    );

    // A key typed before the count is finished starts the next one; the old one is dropped.
    typ(&mut app, " 1");
    screen(&mut app);
    app.work();
    typ(&mut app, "23");
    screen(&mut app);
    finish(&mut app);
    let narrowed = screen(&mut app);
    let expected = full_count(&app, "siti 123");
    assert!(expected > 0 && expected < PROBE, "{expected}");
    assert!(
        narrowed.contains(&format!("({expected} cocok)")),
        "{narrowed}"
    );
    assert_eq!(app.pane_of::<CasesPane>().unwrap().list.total, expected);
}

#[test]
fn the_steps_of_a_count_add_up_to_the_whole() {
    let mut s = store();
    let end = s.case_id_end().unwrap();
    assert_eq!(end, 3001);
    // One case archived, to count the archived list too.
    let row = s.list_cases(&CaseFilter::default(), 0, 1).unwrap()[0].clone();
    s.archive::<disnaker::domain::case::PmiCase>(row.id, row.version)
        .unwrap();
    for text in [
        "siti",
        "siti rah",
        "si",
        "rahayu 12",
        "nothing-like-it",
        "s 2",
    ] {
        for archived in [false, true] {
            let f = CaseFilter {
                text: text.into(),
                archived,
                year: Some(2026),
                ..CaseFilter::default()
            };
            let whole = s.count_cases(&f).unwrap();
            let mut sum = 0;
            let mut hi = end;
            while hi > 0 {
                let lo = (hi - 97).max(0);
                sum += s.count_cases_in(&f, lo, hi).unwrap();
                hi = lo;
            }
            assert_eq!(sum, whole, "{text:?} archived={archived}");
            // In time: the same count; out of time: given up, not a wrong count.
            let long = std::time::Duration::from_secs(60);
            assert_eq!(
                s.count_cases_in_time(&f, 0, end, long).unwrap(),
                Some(whole)
            );
            let none = std::time::Duration::ZERO;
            let given_up = s.count_cases_in_time(&f, 0, end, none).unwrap();
            if archived || whole == 0 {
                // Little to read: done before the first look at the clock, or given up.
                assert!(given_up.is_none() || given_up == Some(whole), "{text:?}");
            } else {
                assert_eq!(given_up, None, "{text:?}");
            }
            // The store is usable after it gave up.
            assert_eq!(s.count_cases_in(&f, 0, end).unwrap(), whole);
            assert_eq!(
                s.count_cases_upto(&f, 200).unwrap(),
                whole.min(200),
                "{text:?}"
            );
        }
    }
}
