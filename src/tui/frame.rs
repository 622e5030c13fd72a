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

#[cfg(test)]
mod tests {
    use super::*;

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
