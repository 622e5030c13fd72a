//! The event loop's frame writer behind a terminal emulator (`vt100`): what a terminal
//! SHOWS after the bytes the app sends, compared cell by cell with the app drawn afresh.
//! Shared by the tests that drive the app at a real screen's size (tests/tui_wire.rs,
//! tests/tui_kit.rs).
#![allow(dead_code)] // each test crate uses its own part

use disnaker::tui::app::App;
use disnaker::tui::cases::CasesPane;
use disnaker::tui::frame::FrameWriter;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;

/// The terminal's side of the link: everything written, until the emulator takes it.
#[derive(Clone, Default)]
pub struct Wire(pub Rc<RefCell<Vec<u8>>>);

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

/// Whatever the emulator did not act on. Only the synchronized-update markers (the emulator
/// draws every byte at once anyway) and the underline colour's reset may be here; anything else would mean the comparison
/// trusts bytes the emulator silently dropped.
#[derive(Default)]
pub struct Ignored(pub Vec<String>);

impl vt100::Callbacks for Ignored {
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.0.push(format!("char {c:?}"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.0.push(format!("control {b:#x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.0.push(format!("ESC {i1:?} {i2:?} {:?}", b as char));
    }
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let sync = i1 == Some(b'?') && i2.is_none() && params == [[2026]] && "hl".contains(c);
        // ratatui resets the underline colour after each frame; the emulator keeps none (and
        // the app never sets one: `58;…` would land here).
        let underline_colour_reset = i1.is_none() && params == [[59]] && c == 'm';
        if !sync && !underline_colour_reset {
            self.0.push(format!("CSI {i1:?} {i2:?} {params:?} {c:?}"));
        }
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.0.push(format!("OSC {params:?}"));
    }
}

/// A terminal of `width` × `height` behind the event loop's frame writer.
pub struct Rig {
    pub wire: Wire,
    pub term: Terminal<CrosstermBackend<disnaker::tui::frame::Compact<Wire>>>,
    pub frames: FrameWriter,
    pub vt: vt100::Parser<Ignored>,
    pub width: u16,
    pub height: u16,
    /// Frames that moved a region's lines up (`CSI n M`) and down (`CSI n L`).
    pub scrolled_up: usize,
    pub scrolled_down: usize,
    /// Frames that scrolled a region by more than one line.
    pub scrolled_several: usize,
    /// A form may be open (its cursor shows).
    pub forms: bool,
}

pub fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

impl Rig {
    pub fn new(width: u16, height: u16) -> Rig {
        let wire = Wire::default();
        // A fixed viewport: the writer is not a tty whose size crossterm could ask.
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let term = Terminal::with_options(
            CrosstermBackend::new(disnaker::tui::frame::Compact::new(wire.clone())),
            TerminalOptions { viewport },
        )
        .unwrap();
        Rig {
            wire,
            term,
            frames: FrameWriter::new(),
            vt: vt100::Parser::new_with_callbacks(nz(height), nz(width), 0, Ignored::default()),
            width,
            height,
            scrolled_up: 0,
            scrolled_down: 0,
            scrolled_several: 0,
            forms: false,
        }
    }

    /// Draw the app as the event loop does, hand the bytes to the terminal and check what it
    /// shows; the number of bytes sent.
    pub fn frame(&mut self, app: &mut App, step: &str) -> usize {
        self.frames.draw(&mut self.term, app).unwrap();
        let bytes = self.wire.take();
        self.feed(&bytes, step);
        let drawn = drawn(app, self.width, self.height);
        let diff = differences(self.vt.screen(), &drawn);
        assert!(
            diff.is_empty(),
            "after {step} at {}×{}, the terminal shows something else than the app drew:\n{}",
            self.width,
            self.height,
            diff.join("\n")
        );
        check_list(app, self.vt.screen(), step);
        // No form is open: no cursor, not even where the region's reset left it (home).
        assert!(
            self.forms || self.vt.screen().hide_cursor(),
            "after {step}: a cursor shows at {:?}",
            self.vt.screen().cursor_position()
        );
        bytes.len()
    }

    /// The bytes of one frame into the emulator. Where a scroll region starts, the pen must
    /// be plain: most terminals fill the lines a scroll brings in with the current
    /// background (back-colour erase), and the frame writer counts on blank default lines.
    pub fn feed(&mut self, bytes: &[u8], step: &str) {
        let (before, after) = match scroll_region(bytes) {
            Some((at, up, lines)) => {
                if lines > 1 {
                    self.scrolled_several += 1;
                }
                if up {
                    self.scrolled_up += 1;
                } else {
                    self.scrolled_down += 1;
                }
                bytes.split_at(at)
            }
            None => (bytes, &[][..]),
        };
        self.vt.process(before);
        if !after.is_empty() {
            let s = self.vt.screen();
            assert!(
                s.bgcolor() == vt100::Color::Default && !s.inverse(),
                "after {step}: a region is scrolled with a coloured pen (bg {:?}, inverse {}), \
                 the lines it brings in would not be blank",
                s.bgcolor(),
                s.inverse()
            );
            self.vt.process(after);
        }
        let ignored = &self.vt.callbacks().0;
        assert!(
            ignored.is_empty(),
            "after {step}: the emulator ignored {ignored:?}"
        );
    }

    /// The terminal window changes size: the emulator first (the window), then the event
    /// loop's answer to the resize event (the frame writer forgets if `told`, ratatui
    /// clears).
    pub fn resize(&mut self, width: u16, height: u16, told: bool) {
        self.vt.screen_mut().set_size(nz(height), nz(width));
        if told {
            self.frames.forget();
        }
        self.term.resize(Rect::new(0, 0, width, height)).unwrap();
        self.width = width;
        self.height = height;
        let bytes = self.wire.take();
        self.feed(&bytes, "resize");
    }
}

/// On the case list, what the officer sees against the store itself: the rows on the
/// terminal are the cases the store has at the window's place, in order, and the one row in
/// reverse video is the selected case, where the app thinks it is.
pub fn check_list(app: &App, screen: &vt100::Screen, step: &str) {
    let Some((area, offset)) = app.scrolling_list() else {
        return;
    };
    let list = &app.pane_of::<CasesPane>().unwrap().list;
    assert_eq!(offset, list.offset);
    let want: Vec<i64> = app
        .store
        .list_cases(
            &app.pane_of::<CasesPane>().unwrap().filter,
            offset,
            i64::from(area.height),
        )
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    let mut shown = Vec::new();
    for y in area.top()..area.bottom() {
        let text = screen.contents_between(y, 0, y, area.width);
        let Some(id) = text.split_whitespace().next() else {
            continue;
        };
        let cell = screen.cell(y, 0).unwrap();
        let selected = offset + i64::from(y - area.top()) == list.selected;
        assert_eq!(
            cell.inverse(),
            selected,
            "after {step}: row {y} ({text:?}) {} in reverse video; the selection is row {} \
             of the list, the window starts at {offset}",
            if cell.inverse() { "is" } else { "is not" },
            list.selected
        );
        shown.push(id.parse::<i64>().unwrap());
    }
    assert_eq!(
        shown, want,
        "after {step}: the terminal shows other cases than the store has at row {offset}"
    );
}

/// Where in `bytes` a scroll region is set (`CSI top;bottom r`), whether its lines then move
/// up (`CSI top;1 H`, `CSI n M`: delete lines at its top) rather than down (`CSI n L`:
/// insert lines), and by how many lines.
pub fn scroll_region(bytes: &[u8]) -> Option<(usize, bool, u16)> {
    (0..bytes.len()).find_map(|at| {
        let rest = bytes[at..].strip_prefix(b"\x1b[")?;
        let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
        let top = digits(rest);
        let region_top = &rest[..top];
        let rest = rest[top..].strip_prefix(b";")?;
        let bottom = digits(rest);
        let rest = rest[bottom..].strip_prefix(b"r\x1b[")?;
        if top == 0 || bottom == 0 {
            return None;
        }
        // The cursor goes to the region's top line, first column.
        let rest = rest.strip_prefix(region_top)?.strip_prefix(b";1H\x1b[")?;
        let n = digits(rest);
        let lines = std::str::from_utf8(&rest[..n]).ok()?.parse().ok()?;
        match rest.get(n) {
            Some(b'M') => Some((at, true, lines)),
            Some(b'L') => Some((at, false, lines)),
            _ => None,
        }
    })
}

/// The app drawn afresh on a screen of its own: what the officer must see.
pub fn drawn(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(width, height)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t.backend().buffer().clone()
}

/// How a cell looks, as far as the emulator can tell.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct Look {
    fg: vt100::Color,
    bg: vt100::Color,
    inverse: bool,
    bold: bool,
    dim: bool,
    underline: bool,
    italic: bool,
}

impl Look {
    pub fn of_terminal(c: &vt100::Cell) -> Look {
        Look {
            fg: c.fgcolor(),
            bg: c.bgcolor(),
            inverse: c.inverse(),
            bold: c.bold(),
            dim: c.dim(),
            underline: c.underline(),
            italic: c.italic(),
        }
    }

    pub fn of_app(c: &Cell) -> Look {
        let m = c.modifier;
        Look {
            fg: vt_color(c.fg),
            bg: vt_color(c.bg),
            inverse: m.contains(Modifier::REVERSED),
            bold: m.contains(Modifier::BOLD),
            dim: m.contains(Modifier::DIM),
            underline: m.contains(Modifier::UNDERLINED),
            italic: m.contains(Modifier::ITALIC),
        }
    }

    /// The emulator keeps one intensity (bold or dim, the last set); a terminal may show
    /// both. A cell the app made bold and dim matches either.
    pub fn matches(&self, shown: &Look) -> bool {
        if self.bold && self.dim {
            let intensity = shown.bold || shown.dim;
            let (mut a, mut b) = (*self, *shown);
            (a.bold, a.dim, b.bold, b.dim) = (false, false, false, false);
            intensity && a == b
        } else {
            self == shown
        }
    }
}

/// The colour a ratatui colour becomes on the wire (crossterm writes the named colours as
/// 256-colour indexes: ratatui's `Red` is crossterm's `DarkRed`, `38;5;1`).
pub fn vt_color(c: Color) -> vt100::Color {
    let idx = match c {
        Color::Reset => return vt100::Color::Default,
        Color::Rgb(r, g, b) => return vt100::Color::Rgb(r, g, b),
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    vt100::Color::Idx(idx)
}

/// Every row where the terminal's screen and the app's drawing differ, in text or in look,
/// said so that the failing row can be read.
pub fn differences(screen: &vt100::Screen, drawn: &Buffer) -> Vec<String> {
    let (rows, cols) = screen.size();
    let area = drawn.area;
    if (rows.get(), cols.get()) != (area.height, area.width) {
        return vec![format!(
            "the terminal is {}×{}, the app drew {}×{}",
            cols, rows, area.width, area.height
        )];
    }
    let mut out = Vec::new();
    for y in 0..area.height {
        let (mut want, mut got) = (String::new(), String::new());
        let mut first_look = None;
        for x in 0..area.width {
            let app = &drawn[(x, y)];
            let Some(term) = screen.cell(y, x) else {
                got.push('?');
                continue;
            };
            if term.is_wide_continuation() {
                continue; // the right half of a wide character drawn at x - 1
            }
            want.push_str(app.symbol());
            got.push_str(if term.has_contents() {
                term.contents()
            } else {
                " "
            });
            let (a, t) = (Look::of_app(app), Look::of_terminal(term));
            if first_look.is_none() && !a.matches(&t) {
                first_look = Some((x, a, t));
            }
        }
        if want != got {
            out.push(format!(
                "row {y:2}: app      {want:?}\n        terminal {got:?}"
            ));
        } else if let Some((x, a, t)) = first_look {
            out.push(format!(
                "row {y:2} col {x}: text {want:?}\n        app      {a:?}\n        terminal {t:?}"
            ));
        }
    }
    out
}
