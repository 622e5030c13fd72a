//! The interface on a big store, drawn into ratatui's TestBackend: the first frame (open the
//! store, build the app, draw), a list frame with nothing changed, a frame after the data
//! changed, and moves in the list.

use super::report::{median_timing as median, timed, Timing};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::cases::CasesPane;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;

/// Timings at one screen size (medians unless said otherwise).
#[derive(Debug, Default)]
pub struct TuiTimes {
    /// Open the store, build the app, draw the first frame (median of 5 fresh starts).
    pub first_frame: Timing,
    /// The list drawn again, nothing changed.
    pub list_frame: Timing,
    /// The list drawn after its data changed (year switched: counts and window read again).
    pub changed_frame: Timing,
    /// `Down` and the frame after it, the selection moving inside the window.
    pub down_in_window: Timing,
    /// `Down` and the frame after it, the window scrolling by a row.
    pub down_scrolling: Timing,
    /// The slowest single `Down` step of all.
    pub down_worst: Timing,
    pub page_down: Timing,
    pub end: Timing,
    pub home: Timing,
    /// Pane 2 (placements by kecamatan) drawn after pressing `2`: the first visit reads the
    /// year's counts, later ones draw what was read.
    pub pane_2_first: Timing,
    pub pane_2: Timing,
}

pub fn app(store: Store, today: Date) -> App {
    App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme { color: true },
        "bench".into(),
        today,
    )
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Measure at `width` × `height` on the store at `db`, with `today` as the app's day.
pub fn measure(db: &Path, width: u16, height: u16, today: Date) -> TuiTimes {
    let mut out = TuiTimes::default();
    let mut term = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    let mut starts = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let mut held = None;
        starts.push(timed(|| {
            let store = Store::open(db, "bench").expect("open the bench store");
            let mut a = app(store, today);
            term.draw(|f| a.render(f)).expect("draw");
            held = Some(a);
        }));
        last = held;
    }
    out.first_frame = median(starts);
    let mut a = last.expect("an app");
    out.list_frame = median(
        (0..50)
            .map(|_| {
                timed(|| {
                    term.draw(|f| a.render(f)).expect("draw");
                })
            })
            .collect(),
    );
    let mut step = |a: &mut App, code: KeyCode| {
        timed(|| {
            a.handle_key(key(code));
            term.draw(|f| a.render(f)).expect("draw");
        })
    };
    out.changed_frame = median(
        (0..10)
            .map(|i| step(&mut a, KeyCode::Char(if i % 2 == 0 { '[' } else { ']' })))
            .collect(),
    );
    let (mut inside, mut scrolling, mut all) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..300 {
        let before = a.pane_of::<CasesPane>().unwrap().list.offset;
        let t = step(&mut a, KeyCode::Down);
        if a.pane_of::<CasesPane>().unwrap().list.offset == before {
            inside.push(t);
        } else {
            scrolling.push(t);
        }
        all.push(t);
    }
    out.down_in_window = median(inside);
    out.down_scrolling = median(scrolling);
    out.down_worst = all.iter().copied().max().unwrap_or_default();
    out.page_down = median((0..20).map(|_| step(&mut a, KeyCode::PageDown)).collect());
    let (mut ends, mut homes) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        ends.push(step(&mut a, KeyCode::End));
        homes.push(step(&mut a, KeyCode::Home));
    }
    out.end = median(ends);
    out.home = median(homes);
    let mut panes = Vec::new();
    for _ in 0..6 {
        panes.push(step(&mut a, KeyCode::Char('2')));
        step(&mut a, KeyCode::Char('1'));
    }
    out.pane_2_first = panes.remove(0);
    out.pane_2 = median(panes);
    out
}
