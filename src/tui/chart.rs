//! Bars on screen: the one place the TUI turns a count into a bar of characters with a mark
//! on it (pane 2's chart, the lookup's five years). The characters come from
//! `report::chart` (shared with `disnaker lookup`); here they get their cells and styles.
//! Without colour the picture still reads: `█▌` for the records, `▒` for a second series,
//! `┃` for a published figure, so nothing depends on colour alone. (Pane 6's trend is
//! ratatui's `BarChart` widget with its labels; it has no bar helper of its own to share.)

use crate::report::chart::{bar, mark_cell, shaded_bar};
use ratatui::style::Style;
use ratatui::text::Span;

/// The mark of a published figure on or after a bar.
pub const MARK: char = '┃';

/// How a bar is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Full blocks and an eighth-block end (`████▌`): the records.
    Solid,
    /// Whole shaded cells (`▒▒▒`): a second series beside the first.
    Shade,
}

/// A bar of `value` exactly `width` cells wide (`max` fills it), with `mark` — a figure on
/// the same scale — drawn as `┃` in the cell where a bar of it would end.
pub fn bar_spans(
    value: i64,
    max: i64,
    width: usize,
    fill: Fill,
    mark: Option<i64>,
    (bar_style, mark_style): (Style, Style),
) -> Vec<Span<'static>> {
    let drawn = match fill {
        Fill::Solid => bar(value, max, width),
        Fill::Shade => shaded_bar(value, max, width),
    };
    let mut cells: Vec<char> = drawn.chars().collect();
    cells.resize(width, ' ');
    let at = mark.and_then(|m| mark_cell(m, max, width));
    let Some(at) = at else {
        return vec![Span::styled(
            cells.into_iter().collect::<String>(),
            bar_style,
        )];
    };
    let before: String = cells[..at].iter().collect();
    let after: String = cells[at + 1..].iter().collect();
    vec![
        Span::styled(before, bar_style),
        Span::styled(MARK.to_string(), mark_style),
        Span::styled(after, bar_style),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_bar_fills_its_cells_and_the_mark_sits_where_its_figure_ends() {
        let plain = (Style::default(), Style::default());
        assert_eq!(
            text(&bar_spans(5, 10, 6, Fill::Solid, None, plain)),
            "███   "
        );
        // the published figure past the bar's end, and inside it
        assert_eq!(
            text(&bar_spans(5, 10, 6, Fill::Solid, Some(10), plain)),
            "███  ┃"
        );
        assert_eq!(
            text(&bar_spans(10, 10, 6, Fill::Solid, Some(5), plain)),
            "██┃███"
        );
        assert_eq!(text(&bar_spans(2, 4, 4, Fill::Shade, None, plain)), "▒▒  ");
        assert_eq!(
            text(&bar_spans(0, 0, 3, Fill::Solid, Some(0), plain)),
            "   "
        );
    }
}
