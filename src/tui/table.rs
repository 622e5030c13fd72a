//! The one table widget every list draws with. A column declares a minimum width, a
//! preferred width (what its content needs to be whole) and a priority; the widget shares
//! the width out: every column gets its minimum, then the extra goes by priority to the
//! columns whose content is cut (up to what they need), then to the columns that take the
//! rest (a list's Nama) up to twice what they prefer, then, on a wide screen, to measured
//! columns up to their widest cell, and what is left to the columns that take the rest. A
//! column that does not fit even at its minimum is left out, lowest priority first. A cell
//! wider than its column ends in '…'.
//!
//! Widths depend only on the columns' declarations and the area (and, for a column that asks
//! to be measured, on its cells), so that a scrolling list keeps its columns where they were:
//! the frame writer then sends only the rows that changed.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Span, Text};
use ratatui::widgets::{Cell, Row, Table, TableState};
use ratatui::Frame;

/// Blank columns between two table columns.
pub const SPACING: u16 = 1;

/// How a column wants its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header as written when there is room for it.
    pub header: String,
    /// The header when the column is narrower than `header` (`Tindak l.` for `Tindak lanjut`).
    pub short_header: Option<String>,
    pub min: u16,
    /// The width at which the column's content is whole (never less than its header's).
    pub pref: u16,
    /// Higher is served first, both for the extra width and for staying on screen.
    pub priority: u8,
    /// Takes the width left once every column has what it prefers.
    pub fill: bool,
    /// `pref` is the width of the widest cell (header included), between `min` and `pref`.
    pub measure: bool,
    /// Numbers stand right-aligned.
    pub right: bool,
    /// A measured column: its widest cell, which a wide screen gives it beyond `pref` before
    /// the fill columns take the rest (0: no more than `pref`).
    pub whole: u16,
}

impl Column {
    pub fn new(header: impl Into<String>, min: u16, pref: u16, priority: u8) -> Column {
        Column {
            header: header.into(),
            short_header: None,
            min,
            pref: pref.max(min),
            priority,
            fill: false,
            measure: false,
            right: false,
            whole: 0,
        }
    }

    /// A column exactly `width` wide when there is room.
    pub fn fixed(header: impl Into<String>, width: u16, priority: u8) -> Column {
        Column::new(header, width, width, priority)
    }

    pub fn short(mut self, header: impl Into<String>) -> Column {
        self.short_header = Some(header.into());
        self
    }

    pub fn fill(mut self) -> Column {
        self.fill = true;
        self
    }

    pub fn measure(mut self) -> Column {
        self.measure = true;
        self
    }

    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }

    /// What the column wants: its content, and its full header when there is room.
    fn wants(&self) -> u16 {
        self.pref.max(width_of(&self.header))
    }

    /// The narrowest header the column can show whole.
    fn header_floor(&self) -> u16 {
        let short = self.short_header.as_deref().unwrap_or(&self.header);
        width_of(short)
    }

    fn header_for(&self, width: u16) -> &str {
        match &self.short_header {
            Some(short) if width_of(&self.header) > width => short,
            _ => &self.header,
        }
    }
}

/// `text` in `width` columns of screen: whole when it fits, else cut with '…' as its last.
pub fn fit(text: String, width: u16) -> String {
    if width_of(&text) <= width || width == 0 {
        return text;
    }
    let mut out = String::new();
    let mut used = 0u16;
    for c in text.chars() {
        let w = width_of(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn width_of(s: &str) -> u16 {
    u16::try_from(Span::raw(s).width()).unwrap_or(u16::MAX)
}

/// The widths of `columns` in `width` columns of screen (`0`: left out). See the module
/// documentation for the order in which the width is shared.
pub fn distribute(columns: &[Column], width: u16) -> Vec<u16> {
    let n = columns.len();
    let mut shown = vec![true; n];
    // Leave out the least important columns until the minimums fit.
    let mut order: Vec<usize> = (0..n).collect();
    // Lowest priority first; among equals the rightmost first.
    order.sort_by_key(|&i| (columns[i].priority, std::cmp::Reverse(i)));
    let needed = |shown: &[bool]| -> u32 {
        let count = shown.iter().filter(|s| **s).count() as u32;
        let mins: u32 = (0..n)
            .filter(|&i| shown[i])
            .map(|i| u32::from(columns[i].min))
            .sum();
        mins + count.saturating_sub(1) * u32::from(SPACING)
    };
    for &i in &order {
        if needed(&shown) <= u32::from(width) {
            break;
        }
        shown[i] = false;
    }
    let count = shown.iter().filter(|s| **s).count() as u16;
    let mut widths: Vec<u16> = (0..n)
        .map(|i| if shown[i] { columns[i].min } else { 0 })
        .collect();
    let used: u16 = widths.iter().sum::<u16>() + count.saturating_sub(1) * SPACING;
    let mut extra = width.saturating_sub(used);
    // The cut columns, most important first: round by round one column more each, so that
    // columns of one priority share what there is.
    let mut levels: Vec<u8> = (0..n)
        .filter(|&i| shown[i])
        .map(|i| columns[i].priority)
        .collect();
    levels.sort_unstable_by(|a, b| b.cmp(a));
    levels.dedup();
    let levels_served = levels.clone();
    for level in levels {
        let members: Vec<usize> = (0..n)
            .filter(|&i| shown[i] && columns[i].priority == level)
            .collect();
        extra = share(&mut widths, &members, extra, |i| columns[i].wants());
    }
    // Then the columns that take the rest, up to twice what they prefer (a name keeps its room
    // at 80 columns); on a wider screen the measured columns up to their widest cell (a long
    // employer whole at 200 columns), most important first; what is left, to the columns
    // that take it.
    let fillers: Vec<usize> = (0..n).filter(|&i| shown[i] && columns[i].fill).collect();
    extra = share(&mut widths, &fillers, extra, |i| {
        columns[i].wants().saturating_mul(2)
    });
    for level in levels_served {
        let members: Vec<usize> = (0..n)
            .filter(|&i| shown[i] && columns[i].priority == level)
            .collect();
        extra = share(&mut widths, &members, extra, |i| {
            columns[i].whole.max(columns[i].wants())
        });
    }
    share(&mut widths, &fillers, extra, |_| u16::MAX);
    widths
}

/// Hands `extra` to `members` one column at a time, each up to `cap(i)`; what is left.
fn share(widths: &mut [u16], members: &[usize], mut extra: u16, cap: impl Fn(usize) -> u16) -> u16 {
    if members.is_empty() {
        return extra;
    }
    loop {
        let wanting: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| widths[i] < cap(i))
            .collect();
        if wanting.is_empty() || extra == 0 {
            return extra;
        }
        // Even shares; the first ones get the remainder.
        let each = (extra / wanting.len() as u16).max(1);
        for i in wanting {
            if extra == 0 {
                break;
            }
            let give = each.min(cap(i) - widths[i]).min(extra);
            widths[i] += give;
            extra -= give;
        }
    }
}

/// A table being filled: its columns, then its rows of text cells.
#[derive(Debug, Clone)]
pub struct DataTable {
    columns: Vec<Column>,
    rows: Vec<(Vec<String>, Style)>,
    header_style: Style,
}

impl DataTable {
    pub fn new(columns: Vec<Column>) -> DataTable {
        DataTable {
            columns,
            rows: Vec::new(),
            header_style: Style::default(),
        }
    }

    pub fn header_style(mut self, style: Style) -> DataTable {
        self.header_style = style;
        self
    }

    pub fn row(&mut self, cells: Vec<String>, style: Style) {
        self.rows.push((cells, style));
    }

    /// The columns' widths in `width` (measured columns read their cells).
    pub fn widths(&self, width: u16) -> Vec<u16> {
        let columns: Vec<Column> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if !c.measure {
                    return c.clone();
                }
                let widest = self
                    .rows
                    .iter()
                    .filter_map(|(cells, _)| cells.get(i))
                    .map(|s| width_of(s))
                    .chain([c.header_floor()])
                    .max()
                    .unwrap_or(0);
                Column {
                    pref: widest.clamp(c.min, c.pref),
                    whole: widest,
                    ..c.clone()
                }
            })
            .collect();
        distribute(&columns, width)
    }

    /// Where column `col` went among the columns drawn (`None`: left out).
    pub fn shown_index(&self, col: usize, width: u16) -> Option<usize> {
        let widths = self.widths(width);
        if widths.get(col).copied().unwrap_or(0) == 0 {
            return None;
        }
        Some(widths[..col].iter().filter(|w| **w > 0).count())
    }

    fn build(self, width: u16) -> Table<'static> {
        let widths = self.widths(width);
        let shown: Vec<usize> = (0..widths.len()).filter(|&i| widths[i] > 0).collect();
        let cell = |text: String, i: usize| -> Cell<'static> {
            // a value wider than its column says it is cut: its last column an '…'
            let text = fit(text, widths[i]);
            if self.columns[i].right {
                let pad = widths[i].saturating_sub(width_of(&text));
                Cell::from(Text::raw(format!("{}{text}", " ".repeat(usize::from(pad)))))
            } else {
                Cell::from(text)
            }
        };
        let header = Row::new(
            shown
                .iter()
                .map(|&i| cell(self.columns[i].header_for(widths[i]).to_string(), i))
                .collect::<Vec<_>>(),
        )
        .style(self.header_style);
        let rows: Vec<Row<'static>> = self
            .rows
            .iter()
            .map(|(cells, style)| {
                Row::new(
                    shown
                        .iter()
                        .map(|&i| cell(cells.get(i).cloned().unwrap_or_default(), i))
                        .collect::<Vec<_>>(),
                )
                .style(*style)
            })
            .collect();
        let constraints: Vec<Constraint> = shown
            .iter()
            .map(|&i| Constraint::Length(widths[i]))
            .collect();
        Table::new(rows, constraints)
            .header(header)
            .column_spacing(SPACING)
    }

    pub fn render(self, frame: &mut Frame, area: Rect) {
        let table = self.build(area.width);
        frame.render_widget(table, area);
    }

    /// Drawn with a selection (`state`'s column is an index into the declared columns).
    pub fn render_stateful(
        self,
        frame: &mut Frame,
        area: Rect,
        state: &mut TableState,
        row_style: Style,
        cell_style: Style,
    ) {
        let column = state
            .selected_column()
            .and_then(|c| self.shown_index(c, area.width));
        let table = self
            .build(area.width)
            .row_highlight_style(row_style)
            .cell_highlight_style(cell_style);
        let mut drawn = (*state).with_selected_column(column);
        frame.render_stateful_widget(table, area, &mut drawn);
        *state.offset_mut() = drawn.offset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn case_like() -> Vec<Column> {
        vec![
            Column::fixed("No", 4, 9),
            Column::new("Nama", 10, 20, 4).fill(),
            Column::new("Negara", 8, 17, 6),
            Column::new("Tindak lanjut", 10, 11, 3).short("Tindak l."),
        ]
    }

    #[test]
    fn every_column_gets_its_minimum_first() {
        // 4 + 10 + 8 + 10 and three gaps.
        assert_eq!(distribute(&case_like(), 35), vec![4, 10, 8, 10]);
    }

    #[test]
    fn cut_columns_get_the_extra_before_the_rest() {
        // 9 extra: all of it to Negara (priority 6, cut at 8 of 17), not to Nama.
        assert_eq!(distribute(&case_like(), 44), vec![4, 10, 17, 10]);
        // Then Nama (cut, priority 4) up to 20, then Tindak lanjut's full header (13).
        assert_eq!(distribute(&case_like(), 55), vec![4, 20, 17, 11]);
        assert_eq!(distribute(&case_like(), 60), vec![4, 23, 17, 13]);
        // Only what is left after that goes to the column that takes the rest.
        assert_eq!(distribute(&case_like(), 200), vec![4, 163, 17, 13]);
    }

    #[test]
    fn columns_of_one_priority_share() {
        let cols = vec![Column::new("a", 2, 10, 1), Column::new("b", 2, 10, 1)];
        assert_eq!(distribute(&cols, 10), vec![5, 4]);
        assert_eq!(distribute(&cols, 30), vec![10, 10]);
    }

    #[test]
    fn the_least_important_column_is_left_out_when_minimums_do_not_fit() {
        assert_eq!(distribute(&case_like(), 30), vec![4, 10, 14, 0]);
        assert_eq!(distribute(&case_like(), 3), vec![0, 0, 0, 0]);
    }

    #[test]
    fn measured_columns_want_their_widest_cell() {
        let mut t = DataTable::new(vec![
            Column::new("K", 3, 20, 5).measure(),
            Column::new("Nama", 4, 30, 1).fill(),
        ]);
        t.row(vec!["Ponggok".into(), "x".into()], Style::default());
        assert_eq!(t.widths(40), vec![7, 32]);
    }

    #[test]
    fn a_wide_screen_gives_a_measured_column_its_whole_cell_before_the_fill_takes_the_rest() {
        let mut t = DataTable::new(vec![
            Column::new("Nama", 10, 14, 9).fill(),
            Column::new("Pemberi kerja", 10, 14, 6).measure(),
        ]);
        let long = "PT Indomarco Prismatama Cabang Kediri";
        t.row(vec!["Siti".into(), long.into()], Style::default());
        // 40: each what it prefers, the name the rest (as before there was a wide screen)
        assert_eq!(t.widths(40), vec![25, 14]);
        // 80: the name up to twice what it prefers, then the employer up to its cell
        assert_eq!(t.widths(80), vec![42, 37]);
        // 200: the employer whole, the name everything else
        assert_eq!(t.widths(200), vec![162, 37]);
    }

    fn draw(t: DataTable, width: u16) -> Vec<String> {
        let mut term = Terminal::new(TestBackend::new(width, 3)).unwrap();
        term.draw(|f| t.render(f, f.area())).unwrap();
        let b = term.backend().buffer().clone();
        (0..b.area.height)
            .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn rendered_with_short_or_full_headers_and_right_aligned_numbers() {
        let table = || {
            let mut t = DataTable::new(vec![
                Column::fixed("No", 3, 9).right(),
                Column::new("Nama", 4, 10, 1).fill(),
                Column::new("Negara", 6, 17, 6),
                Column::new("Tindak lanjut", 10, 10, 3).short("Tindak l."),
            ]);
            t.row(
                vec![
                    "7".into(),
                    "Siti".into(),
                    "Brunei Darussalam".into(),
                    "04-12-2026".into(),
                ],
                Style::default(),
            );
            t
        };
        let wide = draw(table(), 60);
        assert_eq!(
            wide[1].trim_end(),
            "  7 Siti                     Brunei Darussalam 04-12-2026"
        );
        assert!(wide[0].contains("Tindak lanjut"), "{wide:?}");
        let narrow = draw(table(), 34);
        assert_eq!(narrow[0].trim_end(), " No Nama Negara         Tindak l.");
        assert_eq!(narrow[1].trim_end(), "  7 Siti Brunei Daruss… 04-12-2026");
    }
}
