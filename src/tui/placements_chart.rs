//! Pane 2's chart view (issue 18, 7): the year's placements per kecamatan as horizontal
//! bars, all 22 on one 80×24 screen. Overseas placements from the records as `█▌`, the
//! LKjIP's figure of a published year as `┃` on the same scale, domestic placements (when
//! the store holds them) as `▒` in a second column with its own scale. On a tall screen one
//! kecamatan a line; on a short one two columns of 11; on a small one the lines scroll with
//! the selection. The figures come from `report::chart`.

use super::chart::{bar_spans, Fill, MARK};
use super::keymap::{Action, Context};
use super::pane::PaneCtx;
use crate::i18n::{fill, Lang};
use crate::report::chart::{KecamatanChart, FULL, SHADE};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// What the chart view keeps between draws.
#[derive(Debug, Default)]
pub struct ChartState {
    pub data: KecamatanChart,
    /// The first row on screen when the rows scroll.
    pub top: usize,
}

/// The widths of one column of rows.
struct Widths {
    name: usize,
    overseas_bar: usize,
    overseas_figure: usize,
    /// The LKjIP figure written after the records' (0: the mark alone).
    lkjip_figure: usize,
    domestic_bar: usize,
    domestic_figure: usize,
}

fn widths(chart: &KecamatanChart, width: usize, lang: Lang) -> Widths {
    let chars = |s: String| s.chars().count();
    let name = chart
        .rows
        .iter()
        .map(|r| r.kecamatan.chars().count())
        .max()
        .unwrap_or(0);
    let overseas_figure = chart
        .rows
        .iter()
        .map(|r| chars(lang.count(r.overseas)))
        .max()
        .unwrap_or(1);
    let lkjip = chart
        .rows
        .iter()
        .filter_map(|r| r.lkjip)
        .map(|n| chars(lang.count(n)) + 1)
        .max()
        .unwrap_or(0);
    let domestic = chart.rows.iter().any(|r| r.domestic.is_some());
    let domestic_figure = if domestic {
        chart
            .rows
            .iter()
            .filter_map(|r| r.domestic)
            .map(|n| chars(lang.count(n)))
            .max()
            .unwrap_or(1)
    } else {
        0
    };
    // name, space, bar, space, figure; then two spaces, bar, space, figure
    let fixed = name + 2 + overseas_figure + if domestic { 3 + domestic_figure } else { 0 };
    let room = width.saturating_sub(fixed);
    // The published figure written out too where the bars keep 20 cells or more.
    let lkjip_figure = if lkjip > 0 && room >= lkjip + 1 + if domestic { 40 } else { 20 } {
        lkjip + 1
    } else {
        0
    };
    // Past 100 cells a bar only moves its figure away from it.
    let bars = room.saturating_sub(lkjip_figure).min(100);
    let (overseas_bar, domestic_bar) = if domestic {
        (bars - bars / 2, bars / 2)
    } else {
        (bars, 0)
    };
    Widths {
        name,
        overseas_bar,
        overseas_figure,
        lkjip_figure,
        domestic_bar,
        domestic_figure,
    }
}

/// Items laid on lines of `width`, each whole, two spaces apart.
fn pack(items: Vec<Span<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    let mut used = 0;
    for item in items {
        let w = item.content.chars().count();
        match lines.last_mut() {
            Some(line) if used + 2 + w <= width => {
                line.spans.push(Span::raw("  "));
                line.spans.push(item);
                used += 2 + w;
            }
            _ => {
                lines.push(Line::from(item));
                used = w;
            }
        }
    }
    lines
}

/// The chart of `state.data` in `area`, row `selected` (0..22) shown selected.
pub fn render_chart(
    state: &mut ChartState,
    frame: &mut Frame,
    area: Rect,
    selected: usize,
    ctx: &PaneCtx,
) {
    let (lang, theme) = (ctx.lang, ctx.theme);
    let chart = &state.data;
    let width = usize::from(area.width);
    let n = chart.rows.len();
    // The title, with the keys when they fit.
    let title = format!("{} · {}", lang.t("chart.title"), chart.year);
    let keys = format!(
        "   {}  {}",
        ctx.year_keys(Context::PLACEMENTS),
        ctx.keys(Context::PLACEMENTS, &[Action::Open, Action::SwitchView])
    );
    let mut head = vec![Span::styled(title.clone(), theme.header())];
    if title.chars().count() + keys.chars().count() <= width {
        head.push(Span::styled(keys, theme.dim()));
    }
    // What the bars and the mark are.
    let mut legend = vec![Span::styled(
        format!(
            "{FULL} {} {}: {}",
            lang.t("chart.overseas"),
            lang.t("placements.from_records"),
            lang.count(chart.overseas_total())
        ),
        Style::default(),
    )];
    if let Some(total) = chart.lkjip_total() {
        legend.push(Span::styled(
            format!(
                "{MARK} {}: {}",
                fill(lang.t("chart.lkjip_mark"), &[chart.year.to_string()]),
                lang.count(total)
            ),
            theme.warning(),
        ));
    }
    if let Some(total) = chart.domestic_total() {
        // the LKjIP's domestic total of the year with it, in one piece
        let published = chart.domestic_lkjip.map_or(String::new(), |n| {
            format!(
                " ({}: {})",
                fill(lang.t("chart.lkjip_domestic"), &[chart.year.to_string()]),
                lang.count(n)
            )
        });
        legend.push(Span::raw(format!(
            "{SHADE} {}: {}{published}",
            lang.t("chart.domestic"),
            lang.count(total)
        )));
    }
    let mut lines = vec![Line::from(head)];
    lines.extend(pack(legend, width));
    let rows_area = usize::from(area.height).saturating_sub(lines.len());
    if rows_area == 0 || n == 0 {
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // One column when all rows fit, two when half of them do and the screen is wide,
    // else one column that follows the selection.
    let halves = rows_area < n && width >= 80 && rows_area >= n.div_ceil(2);
    let per_column = if halves { n.div_ceil(2) } else { n };
    let (first, shown) = if per_column <= rows_area {
        (0, per_column)
    } else {
        // The line saying which rows are on screen takes one of them.
        let window = rows_area.saturating_sub(1).max(1);
        if selected < state.top {
            state.top = selected;
        } else if selected >= state.top + window {
            state.top = selected + 1 - window;
        }
        state.top = state.top.min(n.saturating_sub(window));
        lines.push(Line::styled(
            fill(
                lang.t("chart.rows_shown"),
                &[
                    (state.top + 1).to_string(),
                    (state.top + window).min(n).to_string(),
                    n.to_string(),
                ],
            ),
            theme.dim(),
        ));
        (state.top, window)
    };
    let column_width = if halves { (width - 2) / 2 } else { width };
    let w = widths(chart, column_width, lang);
    // Column heads where the rows leave a line for them and each head fits its column.
    if per_column < rows_area {
        if let Some(head) = column_heads(&w, chart, lang, theme) {
            let mut spans = head.clone();
            if halves {
                let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
                spans.push(Span::raw(
                    " ".repeat(column_width + 2 - used.min(column_width)),
                ));
                spans.extend(head);
            }
            lines.push(Line::from(spans));
        }
    }
    let overseas_max = chart.overseas_scale();
    let domestic_max = chart.domestic_scale();
    let row_spans = |i: usize| -> Vec<Span<'static>> {
        let r = &chart.rows[i];
        let name_style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        let mut spans = vec![
            Span::styled(format!("{:<1$}", r.kecamatan, w.name), name_style),
            Span::raw(" "),
        ];
        spans.extend(bar_spans(
            r.overseas,
            overseas_max,
            w.overseas_bar,
            Fill::Solid,
            r.lkjip,
            (Style::default(), theme.warning()),
        ));
        spans.push(Span::raw(format!(
            " {:>1$}",
            lang.count(r.overseas),
            w.overseas_figure
        )));
        if w.lkjip_figure > 0 {
            let published = r.lkjip.map_or(String::new(), |n| lang.count(n));
            spans.push(Span::styled(
                format!(" {MARK}{:>1$}", published, w.lkjip_figure - 2),
                theme.warning(),
            ));
        }
        if let Some(d) = r.domestic {
            spans.push(Span::raw("  "));
            spans.extend(bar_spans(
                d,
                domestic_max,
                w.domestic_bar,
                Fill::Shade,
                None,
                (Style::default(), Style::default()),
            ));
            spans.push(Span::raw(format!(
                " {:>1$}",
                lang.count(d),
                w.domestic_figure
            )));
        }
        spans
    };
    for k in 0..shown {
        let i = first + k;
        if i >= n {
            break;
        }
        let mut spans = row_spans(i);
        if halves {
            if let Some(j) = Some(i + per_column).filter(|j| *j < n) {
                let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
                spans.push(Span::raw(
                    " ".repeat(column_width + 2 - used.min(column_width)),
                ));
                spans.extend(row_spans(j));
            }
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "Kecamatan  luar negeri  dalam negeri" over one column of rows; `None` when a head is
/// longer than the room under it.
fn column_heads(
    w: &Widths,
    chart: &KecamatanChart,
    lang: Lang,
    theme: &super::theme::Theme,
) -> Option<Vec<Span<'static>>> {
    let fits = |text: &str, room: usize| text.chars().count() <= room;
    let name = lang.t("col.kecamatan");
    let overseas = lang.t("chart.overseas");
    let overseas_room = w.overseas_bar + 1 + w.overseas_figure + w.lkjip_figure;
    if !fits(name, w.name) || !fits(overseas, overseas_room) {
        return None;
    }
    let mut text = format!("{name:<0$} {overseas:<1$}", w.name, overseas_room);
    if chart.rows.iter().any(|r| r.domestic.is_some()) {
        let domestic = lang.t("chart.domestic");
        // ending over the figures, the gap before the bars included
        let room = 2 + w.domestic_bar + 1 + w.domestic_figure;
        if !fits(domestic, room) {
            return None;
        }
        text.push_str(&format!("{domestic:>room$}"));
    }
    Some(vec![Span::styled(text, theme.header())])
}
