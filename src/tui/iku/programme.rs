//! Pane 6's second view: the programme and activity indicators of LKjIP table 3.23 for the
//! chosen year (`[` / `]`), with unit, target, realisation, capaian and where the number
//! comes from. `Enter` shows an indicator's detail (for a published year, the records'
//! number beside the report's where they differ), `n` / `e` enter the value of an indicator
//! the records do not hold, with its source. The figures come from `report::indicators`, as
//! on the command line (`disnaker indicators`).

use crate::i18n::Lang;
use crate::report::indicators::{
    capaian_screen, detail_lines, indicators_table, programme_year_on, screen_value, ProgrammeRow,
    ProgrammeYear,
};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::pane::{PaneCtx, PaneEffect, Selected};
use crate::tui::records::Kind;
use crate::tui::table::{Column, DataTable};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

/// The lines under the table: the selected indicator's whole name (two lines) and where
/// its number comes from.
const BELOW: u16 = 3;

#[derive(Debug, Default)]
pub struct ProgrammeView {
    figures: Option<ProgrammeYear>,
    stale: bool,
    selected: usize,
    /// The first row on screen.
    offset: usize,
    /// Rows the table showed last time (for paging).
    visible: usize,
}

impl ProgrammeView {
    pub fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        let year_moved = self.figures.as_ref().is_some_and(|f| f.year != ctx.year);
        if self.stale || self.figures.is_none() || year_moved {
            self.figures = Some(programme_year_on(store, ctx.year, ctx.today)?);
            self.stale = false;
            self.move_to(self.selected as i64);
        }
        Ok(())
    }

    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    fn len(&self) -> usize {
        self.figures.as_ref().map_or(0, |f| f.rows.len())
    }

    fn row(&self) -> Option<&ProgrammeRow> {
        self.figures.as_ref()?.rows.get(self.selected)
    }

    fn move_to(&mut self, i: i64) {
        let n = self.len() as i64;
        self.selected = i.clamp(0, (n - 1).max(0)) as usize;
    }

    /// `n` / `e`: the value of an entered indicator, new or to correct.
    fn enter_value(&self, store: &Store, ctx: &PaneCtx) -> PaneEffect {
        let Some(row) = self.row() else {
            return PaneEffect::None;
        };
        let entered = row.def.is_entered().then_some(Kind::ProgrammeEntry);
        super::entry_effect(store, ctx, &row.def.key, entered, "ind.from_records_only")
    }

    /// History, archive or restore of the selected indicator's entered value.
    fn on_entry(&self, store: &Store, ctx: &PaneCtx, action: Action, archived: bool) -> PaneEffect {
        let Some(row) = self.row() else {
            return PaneEffect::None;
        };
        let entry = if archived {
            store
                .iku_entries_of(ctx.year, true)
                .map(|es| es.into_iter().rev().find(|e| e.entry.code == row.def.key))
        } else {
            store.iku_entry_for(&row.def.key, ctx.year)
        };
        match entry {
            Ok(Some(e)) => PaneEffect::Record(
                Selected::seen(Kind::ProgrammeEntry, e.id, e.version),
                action,
            ),
            Ok(None) => PaneEffect::Info(crate::i18n::fill(
                ctx.lang.t("ind.no_entry"),
                &[row.def.key.clone(), ctx.year.to_string()],
            )),
            Err(e) => PaneEffect::Error(e.to_string()),
        }
    }

    pub fn handle(
        &mut self,
        action: Action,
        store: &mut Store,
        ctx: &PaneCtx,
        archived: bool,
    ) -> PaneEffect {
        let last = self.len() as i64 - 1;
        let page = self.visible.max(1) as i64;
        match action {
            Action::Up => self.move_to(self.selected as i64 - 1),
            Action::Down => self.move_to(self.selected as i64 + 1),
            Action::PageUp => self.move_to(self.selected as i64 - page),
            Action::PageDown => self.move_to(self.selected as i64 + page),
            Action::Home => self.move_to(0),
            Action::End => self.move_to(last),
            Action::Open => {
                if let (Some(f), Some(row)) = (&self.figures, self.row()) {
                    return PaneEffect::Text {
                        title: format!(
                            "{} · {} {}",
                            ctx.lang.t("ind.detail_title"),
                            row.def.key,
                            f.year
                        ),
                        lines: detail_lines(row, f.year, ctx.lang),
                    };
                }
            }
            Action::New | Action::Edit => return self.enter_value(store, ctx),
            Action::History | Action::Archive | Action::Restore => {
                return self.on_entry(store, ctx, action, archived)
            }
            Action::Export => {
                return PaneEffect::Export(
                    "indicators",
                    programme_year_on(store, ctx.year, ctx.today).map(|y| indicators_table(&y)),
                )
            }
            _ => {}
        }
        PaneEffect::None
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let Some(fig) = &self.figures else {
            return;
        };
        let (lang, theme) = (ctx.lang, ctx.theme);
        let [top, table_area, below] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(BELOW),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    format!("{} {}", lang.t("ind.title"), fig.year),
                    theme.header(),
                ),
                Span::styled(
                    format!(
                        "  {}  {}",
                        ctx.year_keys(Context::IKU),
                        ctx.keys(Context::IKU, &[Action::Export])
                    ),
                    theme.dim(),
                ),
            ])),
            top,
        );
        // The window follows the selection.
        let visible = usize::from(table_area.height.saturating_sub(1)).max(1);
        self.visible = visible;
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(fig.rows.len().saturating_sub(visible));
        let columns = || {
            vec![
                Column::new(lang.t("ind.col.key"), 6, 7, 9).measure(),
                Column::new(lang.t("ind.col.unit"), 6, 12, 5).measure(),
                Column::new(lang.t("ind.col.target"), 6, 7, 8)
                    .measure()
                    .right(),
                Column::new(lang.t("ind.col.realisation"), 7, 9, 8)
                    .measure()
                    .right(),
                Column::new(lang.t("ind.col.capaian"), 6, 7, 7)
                    .measure()
                    .right(),
                Column::new(lang.t("ind.col.source"), 6, 7, 6).measure(),
                Column::new(lang.t("ind.col.indicator"), 10, 10, 4).fill(),
            ]
        };
        // Every row's cells, so the columns keep their widths while the window scrolls.
        let rows: Vec<(Vec<String>, Style)> = fig
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let style = if i == self.selected {
                    theme.selected()
                } else {
                    Style::default()
                };
                let key = if r.disagrees() {
                    format!("{}!", r.def.key)
                } else {
                    r.def.key.clone()
                };
                let cells = vec![
                    key,
                    lang.t(&r.def.unit_key()).to_string(),
                    screen_value(&r.def, r.target, lang),
                    screen_value(&r.def, r.realisation, lang),
                    capaian_screen(r.capaian, lang),
                    lang.t(r.source_label_key()).to_string(),
                    r.def.name(lang == Lang::En).to_string(),
                ];
                (cells, style)
            })
            .collect();
        // The names as wide as their column leaves them, a cut one ending in '…' (the
        // selected one is whole under the table).
        let mut measuring = DataTable::new(columns());
        for (cells, style) in &rows {
            measuring.row(cells.clone(), *style);
        }
        let widths = measuring.widths(table_area.width);
        let name_width = usize::from(*widths.last().unwrap_or(&0));
        // Drawn with the widths every row needs, not only the rows on screen.
        let fixed: Vec<Column> = columns()
            .into_iter()
            .zip(&widths)
            .map(|(c, w)| {
                if c.measure {
                    Column {
                        measure: false,
                        min: (*w).max(1),
                        pref: (*w).max(1),
                        ..c
                    }
                } else {
                    c
                }
            })
            .collect();
        let mut table = DataTable::new(fixed).header_style(theme.header());
        for (mut cells, style) in rows.into_iter().skip(self.offset).take(visible) {
            if let Some(name) = cells.last_mut() {
                *name = cut(name, name_width);
            }
            table.row(cells, style);
        }
        table.render(frame, table_area);
        let Some(row) = fig.rows.get(self.selected) else {
            return;
        };
        let [name, source] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).areas(below);
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{} · {}", row.def.key, row.def.name(lang == Lang::En)),
                theme.header(),
            ))
            .wrap(Wrap { trim: true }),
            name,
        );
        let (text, style) = if row.disagrees() {
            (
                format!(
                    "! {}",
                    crate::report::indicators::disagreement_text(row, lang)
                ),
                theme.warning(),
            )
        } else {
            (ctx.say(Context::IKU, "ind.more"), theme.dim())
        };
        frame.render_widget(Paragraph::new(Line::styled(text, style)), source);
    }
}

/// `text` in at most `width` characters, a cut one ending in '…'.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut t: String = text.chars().take(width.saturating_sub(1)).collect();
    t.push('…');
    t
}
