//! Bytes sent to the terminal: the app drawn by the event loop's own frame writer
//! (`tui::frame`) through ratatui's crossterm backend into a buffer. The first draw fills the
//! screen; what the draw after a key writes is what crosses the SSH link.

use super::tui::{app, key};
use crossterm::event::KeyCode;
use disnaker::domain::date::Date;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::cases::CasesPane;
use disnaker::tui::frame::{Compact, FrameWriter};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;

/// Bytes written for one key at one screen size.
#[derive(Debug, Default)]
pub struct WireBytes {
    pub first_frame: usize,
    /// `Down` with the selection moving inside the window.
    pub down: usize,
    /// `Down` at the bottom row: the window scrolls by one.
    pub down_scrolling: usize,
    pub page_down: usize,
    /// The largest `Down` of 300 from the top of the list (moving and scrolling).
    pub down_largest: usize,
    /// What that largest `Down` wrote.
    pub down_largest_bytes: Vec<u8>,
    /// `2`: from the case list to the placements pane.
    pub pane_switch: usize,
    /// A frame with nothing changed (the loop never draws one, but if it did).
    pub idle_frame: usize,
}

/// The terminal's side of the link: everything written, kept for counting.
#[derive(Clone, Default)]
pub struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Wire {
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

pub struct Screen {
    pub wire: Wire,
    /// The program's own writer in front of the wire: what it sends is what is counted.
    pub term: Terminal<CrosstermBackend<Compact<Wire>>>,
    pub frames: FrameWriter,
}

impl Screen {
    pub fn new(width: u16, height: u16) -> Screen {
        let wire = Wire::default();
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let term = Terminal::with_options(
            CrosstermBackend::new(Compact::new(wire.clone())),
            TerminalOptions { viewport },
        )
        .expect("terminal");
        Screen {
            wire,
            term,
            frames: FrameWriter::new(),
        }
    }

    /// Draw a frame as the event loop does; the bytes it wrote.
    pub fn frame(&mut self, app: &mut App) -> Vec<u8> {
        self.wire.take();
        self.frames.draw(&mut self.term, app).expect("draw");
        self.wire.take()
    }

    /// A key, then the frame after it.
    pub fn after(&mut self, app: &mut App, code: KeyCode) -> Vec<u8> {
        app.handle_key(key(code));
        self.frame(app)
    }
}

pub fn measure(db: &Path, width: u16, height: u16, today: Date) -> WireBytes {
    let store = Store::open(db, "bench").expect("open the bench store");
    let mut a = app(store, today);
    let mut s = Screen::new(width, height);
    let mut out = WireBytes {
        first_frame: s.frame(&mut a).len(),
        ..WireBytes::default()
    };
    out.idle_frame = s.frame(&mut a).len();
    out.down = s.after(&mut a, KeyCode::Down).len();
    // Walk to the bottom row of the window; the next Down scrolls.
    while a.pane_of::<CasesPane>().unwrap().list.selected + 1
        < a.pane_of::<CasesPane>().unwrap().list.offset
            + a.pane_of::<CasesPane>().unwrap().list.page
    {
        s.after(&mut a, KeyCode::Down);
    }
    out.down_scrolling = s.after(&mut a, KeyCode::Down).len();
    out.page_down = s.after(&mut a, KeyCode::PageDown).len();
    s.after(&mut a, KeyCode::Home);
    for _ in 0..300 {
        let b = s.after(&mut a, KeyCode::Down);
        if b.len() > out.down_largest {
            out.down_largest = b.len();
            out.down_largest_bytes = b;
        }
    }
    out.pane_switch = s.after(&mut a, KeyCode::Char('2')).len();
    out
}
