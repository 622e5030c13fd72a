//! One frame to the terminal, as cheap on the wire as it can be: inside synchronized-update
//! markers (the terminal shows it whole), and when only the case list scrolled, the
//! terminal itself (a scroll region, lines deleted or inserted at its top) moves the rows
//! already on screen, so that
//! ratatui's diff sends the new rows and the highlight instead of the whole list again.

use super::app::App;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::QueueableCommand;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::io::Write;

/// What the last frame left on the screen.
#[derive(Default)]
pub struct FrameWriter {
    /// The screen as last drawn.
    shown: Option<Buffer>,
    /// The scrolling list on it: its rows and the index of its first row.
    list: Option<(Rect, i64)>,
}

impl FrameWriter {
    pub fn new() -> FrameWriter {
        FrameWriter::default()
    }

    /// The screen was resized (and will be cleared): scroll nothing next time.
    pub fn forget(&mut self) {
        self.shown = None;
        self.list = None;
    }

    /// Draw the app's next frame.
    pub fn draw<W: Write>(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<W>>,
        app: &mut App,
    ) -> std::io::Result<()> {
        terminal.backend_mut().queue(BeginSynchronizedUpdate)?;
        self.scroll_ahead(terminal, app.scrolling_list())?;
        let completed = terminal.draw(|f| app.render(f))?;
        self.shown = Some(completed.buffer.clone());
        self.list = app.scrolling_list();
        terminal.backend_mut().queue(EndSynchronizedUpdate)?;
        terminal.backend_mut().flush()
    }

    /// If the list moved by fewer rows than it shows, scroll them on the terminal and make
    /// ratatui's idea of the screen match. A wrong guess (the frame turns out different)
    /// costs bytes, never correctness: the diff is taken against what the screen now shows.
    fn scroll_ahead<W: Write>(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<W>>,
        now: Option<(Rect, i64)>,
    ) -> std::io::Result<()> {
        let (Some(shown), Some((area, before)), Some((area_now, offset))) =
            (&self.shown, self.list, now)
        else {
            return Ok(());
        };
        let delta = offset - before;
        let screen = terminal.get_frame().area();
        // Whole lines only (a scroll region spans the width), on an unchanged screen.
        if area != area_now
            || delta == 0
            || delta.unsigned_abs() >= u64::from(area.height)
            || shown.area != screen
            || area.x != screen.x
            || area.width != screen.width
            || area.bottom() > screen.bottom()
        {
            return Ok(());
        }
        let n = delta.unsigned_abs() as u16;
        let (top, bottom) = (area.top() + 1, area.bottom());
        let moved = shifted(shown, area, delta);
        let out = terminal.backend_mut();
        // DECSTBM sets the region (1-based, inclusive); at its top line, deleting n lines (DL)
        // moves the rest up and brings blank lines in at its bottom, inserting n (IL) moves
        // them down; then the region is the whole screen again. (DL and IL rather than the
        // scroll commands SU and SD: the Linux console knows only the former.)
        if delta > 0 {
            write!(out, "\x1b[{top};{bottom}r\x1b[{top};1H\x1b[{n}M\x1b[r")?;
        } else {
            write!(out, "\x1b[{top};{bottom}r\x1b[{top};1H\x1b[{n}L\x1b[r")?;
        }
        *terminal.current_buffer_mut() = moved;
        // The shifted screen becomes "what is shown"; the next draw diffs against it.
        terminal.swap_buffers();
        Ok(())
    }
}

/// `shown` with the lines of `area` moved up by `delta` (down when negative), the lines
/// scrolled in left blank: what the terminal shows after scrolling the region.
fn shifted(shown: &Buffer, area: Rect, delta: i64) -> Buffer {
    let mut out = shown.clone();
    let blank = ratatui::buffer::Cell::default();
    for y in area.top()..area.bottom() {
        let from = i64::from(y) + delta;
        for x in area.left()..area.right() {
            let cell = if from >= i64::from(area.top()) && from < i64::from(area.bottom()) {
                shown[(x, from as u16)].clone()
            } else {
                blank.clone()
            };
            out[(x, y)] = cell;
        }
    }
    out
}

/// The terminal's writer, holding a frame's bytes until it is flushed and sending them
/// shorter: neighbouring colour and attribute sequences (SGR) said as one (`ESC[1m ESC[7m`
/// as `ESC[1;7m`), settings followed by a reset left out (ratatui ends every frame with
/// `ESC[39m ESC[49m ESC[59m ESC[0m`: `ESC[0m` alone says it), and the cursor hidden again
/// while it is hidden left out. What the terminal shows is the same; one `Down` in an 80×24
/// list costs about 30 bytes less (SPEC §6: at most 256).
pub struct Compact<W: Write> {
    inner: W,
    frame: Vec<u8>,
    cursor_hidden: bool,
}

impl<W: Write> Compact<W> {
    pub fn new(inner: W) -> Compact<W> {
        Compact {
            inner,
            frame: Vec::new(),
            cursor_hidden: false,
        }
    }
}

impl<W: Write> Write for Compact<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.frame.is_empty() {
            let out = compact(&self.frame, &mut self.cursor_hidden);
            self.frame.clear();
            self.inner.write_all(&out)?;
        }
        self.inner.flush()
    }
}

/// `bytes` with the SGR sequences merged and the repeated cursor hide left out (see
/// [`Compact`]); `hidden` says whether the cursor is hidden, before and after.
pub fn compact(bytes: &[u8], hidden: &mut bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    // The SGR parameters waiting to be written as one sequence.
    let mut sgr: Vec<&[u8]> = Vec::new();
    let flush_sgr = |sgr: &mut Vec<&[u8]>, out: &mut Vec<u8>| {
        if sgr.is_empty() {
            return;
        }
        // A reset makes the settings before it moot.
        let from = sgr
            .iter()
            .rposition(|p| p.is_empty() || *p == b"0")
            .unwrap_or(0);
        out.extend_from_slice(b"\x1b[");
        for (i, p) in sgr[from..].iter().enumerate() {
            if i > 0 {
                out.push(b';');
            }
            out.extend_from_slice(if p.is_empty() { b"0" } else { p });
        }
        out.push(b'm');
        sgr.clear();
    };
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            // A control sequence: parameters, then one final byte in 0x40..=0x7e.
            let start = i + 2;
            let Some(end) = bytes[start..]
                .iter()
                .position(|b| (0x40..=0x7e).contains(b))
                .map(|e| start + e)
            else {
                break;
            };
            let (params, last) = (&bytes[start..end], bytes[end]);
            let plain = params.iter().all(|b| b.is_ascii_digit() || *b == b';');
            if last == b'm' && plain {
                sgr.push(params);
            } else {
                flush_sgr(&mut sgr, &mut out);
                let seq = &bytes[i..=end];
                match (params, last) {
                    (b"?25", b'l') if *hidden => {}
                    (b"?25", b'l') => {
                        *hidden = true;
                        out.extend_from_slice(seq);
                    }
                    (b"?25", b'h') => {
                        *hidden = false;
                        out.extend_from_slice(seq);
                    }
                    _ => out.extend_from_slice(seq),
                }
            }
            i = end + 1;
        } else {
            flush_sgr(&mut sgr, &mut out);
            out.push(bytes[i]);
            i += 1;
        }
    }
    flush_sgr(&mut sgr, &mut out);
    out.extend_from_slice(&bytes[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_sequences_are_merged_and_a_reset_drops_what_it_undoes() {
        let mut hidden = false;
        let frame = b"\x1b[1m\x1b[38;5;1;49mAb\x1b[22m\x1b[2m\x1b[7m\x1b[39;49mC \
            \x1b[39m\x1b[49m\x1b[59m\x1b[0m\x1b[?25l\x1b[?2026l";
        let out = compact(frame, &mut hidden);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\x1b[1;38;5;1;49mAb\x1b[22;2;7;39;49mC \x1b[0m\x1b[?25l\x1b[?2026l"
        );
        assert!(hidden);
        // The cursor is hidden already: not again; shown, then hidden: both said.
        let again = compact(b"x\x1b[?25l\x1b[m", &mut hidden);
        assert_eq!(again, b"x\x1b[0m");
        let shown = compact(b"\x1b[?25h\x1b[?25l\x1b[2;3H", &mut hidden);
        assert_eq!(shown, b"\x1b[?25h\x1b[?25l\x1b[2;3H");
        // A sequence cut at the end is passed on as it came.
        assert_eq!(compact(b"a\x1b[3", &mut hidden), b"a\x1b[3");
    }

    fn lines(b: &Buffer) -> Vec<String> {
        (0..b.area.height)
            .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn a_region_moves_up_and_down_with_blanks_scrolled_in() {
        let mut b = Buffer::empty(Rect::new(0, 0, 3, 5));
        for (y, s) in ["hdr", "aaa", "bbb", "ccc", "ftr"].iter().enumerate() {
            b.set_string(0, y as u16, s, ratatui::style::Style::default());
        }
        let region = Rect::new(0, 1, 3, 3);
        assert_eq!(
            lines(&shifted(&b, region, 1)),
            ["hdr", "bbb", "ccc", "   ", "ftr"]
        );
        assert_eq!(
            lines(&shifted(&b, region, -2)),
            ["hdr", "   ", "   ", "aaa", "ftr"]
        );
    }
}
