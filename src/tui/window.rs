//! A window onto a long list: only the rows on screen are held and read from the store, so a
//! million rows scroll as fast as ten.

use super::keymap::Action;
use crate::store::StoreError;

#[derive(Debug)]
pub struct ListWindow<T> {
    /// Rows matching the list's filter.
    pub total: i64,
    /// Index of the selected row among all rows.
    pub selected: i64,
    /// Index of the first row on screen.
    pub offset: i64,
    /// The rows on screen: `offset .. offset + rows.len()` once read (see `rows_offset`).
    pub rows: Vec<T>,
    /// Where `rows` start. The same as `offset` except between a move (or a smaller page)
    /// and the read after it: the rows then still stand where they were read.
    pub rows_offset: i64,
    /// Rows that fit on screen, learnt at the last draw.
    pub page: i64,
    /// The window must be read again before the next draw.
    pub stale: bool,
    /// The count must be read again.
    pub stale_count: bool,
    /// The widest record-number column drawn so far (see [`ListWindow::number_width`]).
    pub widest_number: u16,
}

impl<T> Default for ListWindow<T> {
    fn default() -> Self {
        ListWindow {
            total: 0,
            selected: 0,
            offset: 0,
            rows: Vec::new(),
            rows_offset: 0,
            page: 18,
            stale: true,
            stale_count: true,
            widest_number: 0,
        }
    }
}

impl<T> ListWindow<T> {
    pub fn selected_row(&self) -> Option<&T> {
        usize::try_from(self.selected - self.rows_offset)
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// Move the selection by `delta` rows (clamped), scrolling the window as needed.
    pub fn move_by(&mut self, delta: i64) {
        if self.total > 0 {
            self.select(self.selected.saturating_add(delta));
        }
    }

    /// A movement key (`Up`/`Down`/`PageUp`/`PageDown`/`Home`/`End`), the same in every list.
    /// False when `action` is not a movement (the caller handles it).
    pub fn apply(&mut self, action: Action) -> bool {
        let page = self.page.max(1);
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Home => self.select(0),
            Action::End => self.select(self.total - 1),
            _ => return false,
        }
        true
    }

    pub fn select(&mut self, index: i64) {
        let last = (self.total - 1).max(0);
        self.selected = index.clamp(0, last);
        let page = self.page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
            self.stale = true;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
            self.stale = true;
        }
    }

    /// Back to the first row (a new filter).
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
        self.invalidate();
    }

    /// Everything must be read again (filter changed, a save, another officer's change).
    pub fn invalidate(&mut self) {
        self.stale = true;
        self.stale_count = true;
    }

    /// The screen has room for `page` rows.
    pub fn set_page(&mut self, page: i64) {
        if page != self.page {
            self.page = page.max(1);
            self.select(self.selected);
            self.stale = true;
        }
    }

    /// Read what is stale: `count` gives the number of rows, `fetch(offset, limit)` a window.
    pub fn refresh(
        &mut self,
        count: impl FnOnce() -> Result<i64, StoreError>,
        fetch: impl FnOnce(i64, i64) -> Result<Vec<T>, StoreError>,
    ) -> Result<(), StoreError> {
        if self.stale_count {
            self.recount(count)?;
        }
        if self.stale {
            self.rows = fetch(self.offset, self.page.max(1))?;
            self.rows_offset = self.offset;
            self.stale = false;
        }
        Ok(())
    }

    /// The number of rows is now known to be `total` (a count finished after the frame):
    /// the selection and the window are kept inside it and the window read again.
    pub fn set_total(&mut self, total: i64) -> Result<(), StoreError> {
        self.recount(|| Ok(total))
    }

    /// Read the number of rows and keep the selection and the window inside it.
    fn recount(
        &mut self,
        count: impl FnOnce() -> Result<i64, StoreError>,
    ) -> Result<(), StoreError> {
        self.total = count()?;
        self.stale_count = false;
        let last = (self.total - 1).max(0);
        self.selected = self.selected.clamp(0, last);
        let page = self.page.max(1);
        if self.selected < self.offset || self.selected >= self.offset + page {
            self.offset = (self.selected + 1 - page).max(0);
        }
        self.offset = self.offset.clamp(0, last);
        self.stale = true;
        Ok(())
    }
}

/// A window to read, and the rows on screen before the move (empty when the store changed
/// since they were read), so the read can count from them instead of from the top.
#[derive(Debug)]
pub struct WindowRead<'a, T> {
    pub offset: i64,
    pub limit: i64,
    /// Rows matching the filter (may be a capped count).
    pub total: i64,
    /// Where `seen` starts.
    pub seen_offset: i64,
    pub seen: &'a [T],
}

impl<T> ListWindow<T> {
    /// Like `refresh`, but the read is told what was on screen (see [`WindowRead`]).
    pub fn refresh_near(
        &mut self,
        count: impl FnOnce() -> Result<i64, StoreError>,
        fetch: impl FnOnce(&WindowRead<'_, T>) -> Result<Vec<T>, StoreError>,
    ) -> Result<(), StoreError> {
        // After a change in the store the rows on screen may have moved: count afresh.
        let trusted = !self.stale_count;
        // Where the rows held were read, not where the window moved to since: counted from
        // the window, rows read before a move or before the page shrank would be taken for
        // the rows of another place, and the window read next to them would be the wrong one.
        let seen_offset = self.rows_offset;
        if self.stale_count {
            self.recount(count)?;
        }
        if self.stale {
            let read = WindowRead {
                offset: self.offset,
                limit: self.page.max(1),
                total: self.total,
                seen_offset,
                seen: if trusted { &self.rows } else { &[] },
            };
            let rows = fetch(&read)?;
            self.rows = rows;
            self.rows_offset = self.offset;
            self.stale = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_selection() {
        let mut w: ListWindow<i64> = ListWindow {
            page: 10,
            ..ListWindow::default()
        };
        let fetch = |o: i64, l: i64| Ok((o..(o + l).min(1000)).collect());
        w.refresh(|| Ok(1000), fetch).unwrap();
        assert_eq!(w.rows.len(), 10);
        w.move_by(15);
        assert_eq!((w.selected, w.offset), (15, 6));
        w.refresh(|| Ok(1000), fetch).unwrap();
        assert_eq!(w.selected_row(), Some(&15));
        w.select(5000);
        w.refresh(|| Ok(1000), fetch).unwrap();
        assert_eq!(w.selected_row(), Some(&999));
        assert_eq!(w.offset, 990);
    }

    /// `refresh_near` is told where the rows it holds were read: after one row down past
    /// the bottom, and after the page shrank (a smaller terminal) with the selection low.
    #[test]
    fn a_read_is_told_where_the_rows_held_were_read() {
        let mut w: ListWindow<i64> = ListWindow {
            page: 10,
            ..ListWindow::default()
        };
        let mut told = Vec::new();
        let mut refresh = |w: &mut ListWindow<i64>| {
            w.refresh_near(
                || Ok(1000),
                |read| {
                    told.push((read.seen_offset, read.seen.first().copied(), read.offset));
                    // The rows of the window asked for, whatever it was told.
                    Ok((read.offset..read.offset + read.limit).collect())
                },
            )
            .unwrap();
        };
        refresh(&mut w);
        w.move_by(10); // row 10: the window starts at 1
        refresh(&mut w);
        assert_eq!(w.rows.first(), Some(&1));
        w.move_by(8); // row 18, at the bottom of the window 9..19
        refresh(&mut w);
        w.set_page(4); // the window 15..19
        refresh(&mut w);
        assert_eq!(
            told,
            [
                (0, None, 0),
                (0, Some(0), 1),
                (1, Some(1), 9),
                (9, Some(9), 15)
            ]
        );
        assert_eq!((w.rows_offset, w.rows.clone()), (15, vec![15, 16, 17, 18]));
    }
}

impl<T> ListWindow<T> {
    /// Width of the record-number column for the numbers on screen: as [`id_column_width`],
    /// but never narrower than it has been, so that scrolling past the millionth record does
    /// not shift every column (and resend the whole list down a slow link).
    pub fn number_width(&mut self, ids: impl Iterator<Item = i64>, min: u16) -> u16 {
        self.widest_number = self.widest_number.max(id_column_width(ids, min));
        self.widest_number
    }
}

/// Width of a list's record-number column: `min` (what the layout was drawn for), or more
/// when the numbers on screen are longer — a store of a million records has seven-digit
/// numbers, and a number cut short points at another record.
pub fn id_column_width(ids: impl Iterator<Item = i64>, min: u16) -> u16 {
    ids.map(|id| id.to_string().len() as u16)
        .max()
        .unwrap_or(0)
        .max(min)
}

#[cfg(test)]
mod id_width_tests {
    use super::id_column_width;

    #[test]
    fn the_number_column_grows_with_the_longest_number_on_screen() {
        assert_eq!(id_column_width([1, 20, 300].into_iter(), 6), 6);
        assert_eq!(id_column_width([1_000_000, 999_999].into_iter(), 6), 7);
        assert_eq!(id_column_width(std::iter::empty(), 6), 6);
    }

    #[test]
    fn the_number_column_does_not_narrow_again_while_scrolling() {
        let mut w: super::ListWindow<()> = super::ListWindow::default();
        assert_eq!(w.number_width([1_000_000, 999_999].into_iter(), 6), 7);
        assert_eq!(w.number_width([999_998, 999_997].into_iter(), 6), 7);
    }
}
