//! Pane 2, Penempatan PMI: placements of the chosen year by kecamatan (or by country) ×
//! sector × sex, counted from the records, with the published LKjIP figures beside them and
//! clearly labelled; `Enter` on a count opens the windowed list of the placements behind it.
//! Above them the published overseas and domestic series (tables 3.14–3.15); a third view
//! lists the published remittances per bank (table 3.18) up to the chosen year; `c` draws
//! the year's placements per kecamatan as bars (`placements_chart`).

use super::domestic::{DomesticViews, Which};
use super::keymap::{Action, Context};
use super::pane::{Pane, PaneCtx, PaneEffect, Selected};
use super::placements_chart::{render_chart, ChartState};
use super::records::Kind;
use super::table::{Column, DataTable};
use super::window::ListWindow;
use crate::domain::date::display_iso;
use crate::domain::{Kecamatan, Sector, Sex};
use crate::i18n::Lang;
use crate::report::chart::kecamatan_chart;
use crate::report::placements::{
    countries_table, kecamatan_table, published_2024_countries, published_2024_kecamatan,
    published_totals_by_year,
};
use crate::report::published::{remittances, remittances_table, Remittance};
use crate::report::table::{Cell, Table};
use crate::store::{PlacementFilter, PlacementListRow, Store, StoreError};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, TableState};
use ratatui::Frame;
use std::collections::BTreeMap;

/// The count columns of the summary: formal L, formal P, informal L, informal P, total.
const COUNT_COLUMNS: usize = 5;

/// Lines above the table: the published overseas and domestic series, the view's line.
const HEADER_LINES: u16 = 3;

#[derive(Debug)]
pub struct Drill {
    pub filter: PlacementFilter,
    pub title: String,
    pub list: ListWindow<PlacementListRow>,
}

/// What the pane shows; the switch-view key goes through them in this order (the chart, last,
/// only by its own key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Kecamatan,
    Country,
    /// The published remittances per bank and year (LKjIP table 3.18).
    Remittances,
    /// Domestic placements (AKL / AKAD) of the year, from the records.
    Domestic,
    /// The job fairs of the year, each with the placements made through it.
    JobFairs,
    /// The year's placements per kecamatan as bars, the LKjIP figure marked (issue 18, 7).
    Chart,
}

impl View {
    fn next(self) -> View {
        match self {
            View::Kecamatan => View::Country,
            View::Country => View::Remittances,
            View::Remittances => View::Domestic,
            View::Domestic => View::JobFairs,
            View::JobFairs => View::Kecamatan,
            // The chart is reached with its own key (`c`): six views are too many to cycle.
            View::Chart => View::Kecamatan,
        }
    }

    /// The domestic list this view shows, if it is one of them.
    fn domestic(self) -> Option<Which> {
        match self {
            View::Domestic => Some(Which::Placements),
            View::JobFairs => Some(Which::Fairs),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct PlacementsPane {
    pub view: View,
    /// The summary from the records (last row TOTAL).
    pub table: Table,
    /// Published 2024 totals by kecamatan or country.
    pub published: BTreeMap<String, i64>,
    /// Published overseas placements by year.
    pub series: Vec<(i64, i64)>,
    /// Published domestic placements (AKL and AKAD) by year.
    pub domestic: Vec<(i64, i64)>,
    /// Published remittances up to the chosen year, oldest first.
    pub remittances: Vec<Remittance>,
    pub row: usize,
    /// 0..5: formal L, formal P, informal L, informal P, total.
    pub col: usize,
    pub stale: bool,
    pub drill: Option<Drill>,
    /// The domestic placements and job fairs views.
    pub domestic_views: DomesticViews,
    state: TableState,
    /// The chart view's figures and scroll.
    pub chart: ChartState,
    /// The view `c` left for the chart, where `c` goes back to.
    before_chart: View,
}

impl Default for PlacementsPane {
    fn default() -> Self {
        PlacementsPane {
            view: View::Kecamatan,
            table: Table::default(),
            published: BTreeMap::new(),
            series: Vec::new(),
            domestic: Vec::new(),
            remittances: Vec::new(),
            row: 0,
            col: COUNT_COLUMNS - 1,
            stale: true,
            drill: None,
            domestic_views: DomesticViews::default(),
            state: TableState::default(),
            before_chart: View::Kecamatan,
            chart: ChartState::default(),
        }
    }
}

fn int(c: Option<&Cell>) -> i64 {
    match c {
        Some(Cell::Int(n)) => *n,
        _ => 0,
    }
}

fn text(c: Option<&Cell>) -> String {
    match c {
        Some(Cell::Text(s)) => s.clone(),
        _ => String::new(),
    }
}

impl PlacementsPane {
    pub fn invalidate(&mut self) {
        self.stale = true;
        self.domestic_views.invalidate();
        if let Some(d) = &mut self.drill {
            d.list.invalidate();
        }
    }

    fn read(&mut self, store: &Store, year: i32) -> Result<(), StoreError> {
        if let Some(d) = &mut self.drill {
            if d.filter.year != year {
                // `[` / `]` take the drill-down to the same cell of the other year.
                d.filter.year = year;
                d.list.reset();
            }
        }
        if self.stale {
            self.table = if self.by_country() {
                countries_table(store, year)?
            } else {
                kecamatan_table(store, year)?
            };
            let published = if self.by_country() {
                published_2024_countries(store)?
            } else {
                published_2024_kecamatan(store)?
            };
            self.published = published
                .table
                .rows
                .iter()
                .map(|r| (text(r.first()), int(r.last())))
                .collect();
            let by_year = published_totals_by_year(store)?.table;
            let column = |c: usize| -> Vec<(i64, i64)> {
                by_year
                    .rows
                    .iter()
                    .filter_map(|r| match (r.first(), r.get(c)) {
                        (Some(Cell::Int(y)), Some(Cell::Int(n))) => Some((*y, *n)),
                        _ => None,
                    })
                    .collect()
            };
            self.series = column(2);
            self.domestic = column(1);
            self.remittances = remittances(store, year)?;
            if self.view == View::Chart {
                self.chart.data = kecamatan_chart(store, year)?;
            }
            self.row = self.row.min(self.rows().saturating_sub(1));
            self.stale = false;
        }
        if let Some(which) = self.view.domestic() {
            self.domestic_views.refresh(store, year, which)?;
        }
        if let Some(d) = &mut self.drill {
            let filter = &d.filter;
            d.list.refresh(
                || store.count_placements(filter),
                |offset, limit| store.list_placements(filter, offset, limit),
            )?;
        }
        Ok(())
    }

    /// The next view: by kecamatan, by country, the published remittances, and round again.
    pub fn toggle_view(&mut self) {
        self.view = self.view.next();
        self.row = 0;
        self.stale = true;
    }

    /// Straight to the chart view, and from it back to the view it was reached from.
    pub fn toggle_chart(&mut self) {
        self.view = if self.view == View::Chart {
            self.before_chart
        } else {
            self.before_chart = self.view;
            View::Chart
        };
        self.row = 0;
        self.stale = true;
    }

    pub fn by_country(&self) -> bool {
        self.view == View::Country
    }

    /// The rows of the table on screen.
    fn rows(&self) -> usize {
        match self.view {
            View::Remittances => self.remittances.len(),
            View::Chart => self.chart.data.rows.len(),
            View::Kecamatan | View::Country => self.table.rows.len(),
            View::Domestic | View::JobFairs => 0,
        }
    }

    pub fn move_row(&mut self, delta: i64) {
        let last = self.rows().saturating_sub(1) as i64;
        self.row = (self.row as i64 + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn move_col(&mut self, delta: i64) {
        self.col = (self.col as i64 + delta).clamp(0, COUNT_COLUMNS as i64 - 1) as usize;
    }

    /// Open the placements behind the selected count.
    pub fn drill_down(&mut self, year: i32, lang: Lang) {
        if matches!(
            self.view,
            View::Remittances | View::Domestic | View::JobFairs
        ) {
            return;
        }
        let Some(row) = self.table.rows.get(self.row) else {
            return;
        };
        let key = text(row.first());
        let mut filter = PlacementFilter::year(year);
        let is_total = key == "TOTAL";
        if !is_total {
            if self.by_country() {
                filter.country = Some(key.clone());
            } else {
                filter.kecamatan = Kecamatan::parse(&key).ok();
            }
        }
        // The chart's bars are the kecamatan's totals.
        let col = if self.view == View::Chart {
            COUNT_COLUMNS - 1
        } else {
            self.col
        };
        let (sector, sex) = match col {
            0 => (Some(Sector::Formal), Some(Sex::L)),
            1 => (Some(Sector::Formal), Some(Sex::P)),
            2 => (Some(Sector::Informal), Some(Sex::L)),
            3 => (Some(Sector::Informal), Some(Sex::P)),
            _ => (None, None),
        };
        filter.sector = sector;
        filter.sex = sex;
        let mut parts = vec![if is_total {
            lang.t("placements.all").to_string()
        } else {
            key
        }];
        if let Some(s) = sector {
            parts.push(s.as_str().to_string());
        }
        if let Some(s) = sex {
            parts.push(s.as_str().to_string());
        }
        parts.push(year.to_string());
        self.drill = Some(Drill {
            filter,
            title: parts.join(" · "),
            list: ListWindow::default(),
        });
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let (lang, theme, year) = (ctx.lang, ctx.theme, ctx.year);
        if area.height < 6 {
            return;
        }
        if let Some(d) = &mut self.drill {
            render_drill(d, frame, area, ctx);
            return;
        }
        if self.view == View::Chart {
            render_chart(&mut self.chart, frame, area, self.row, ctx);
            return;
        }
        if let Some(which) = self.view.domestic() {
            let published = &self.domestic;
            self.domestic_views
                .render(frame, area, ctx, published, which);
            return;
        }
        let series = |s: &[(i64, i64)]| -> String {
            s.iter()
                .map(|(y, n)| format!("{y} {}", lang.count(*n)))
                .collect::<Vec<_>>()
                .join("  ")
        };
        let total = self.table.rows.last().map(|r| int(r.last())).unwrap_or(0);
        let mut lines = vec![
            Line::styled(
                format!(
                    "{}: {}",
                    lang.t("placements.published_series"),
                    series(&self.series)
                ),
                theme.dim(),
            ),
            Line::styled(
                format!(
                    "{}: {}",
                    lang.t("lkjip.domestic_series"),
                    series(&self.domestic)
                ),
                theme.dim(),
            ),
        ];
        if self.view == View::Remittances {
            lines.push(Line::styled(
                format!(
                    "{} · {} · {}",
                    lang.t("lkjip.remittances"),
                    lang.t("lkjip.remittances_source"),
                    lang.t("lkjip.up_to").replace("{year}", &year.to_string())
                ),
                theme.header(),
            ));
            frame.render_widget(
                Paragraph::new(lines),
                Rect::new(area.x, area.y, area.width, HEADER_LINES),
            );
            let body = Rect::new(
                area.x,
                area.y + HEADER_LINES,
                area.width,
                area.height - HEADER_LINES,
            );
            self.draw_remittances(frame, body, ctx);
            return;
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} · {year} · {}: {}",
                    lang.t(if self.by_country() {
                        "placements.by_country"
                    } else {
                        "placements.by_kecamatan"
                    }),
                    lang.t("placements.from_records"),
                    lang.count(total)
                ),
                theme.header(),
            ),
            Span::styled(
                format!(
                    "   {}/{} {}  {}",
                    ctx.key(Context::PLACEMENTS, Action::Left),
                    ctx.key(Context::PLACEMENTS, Action::Right),
                    lang.t("placements.column"),
                    ctx.keys(Context::PLACEMENTS, &[Action::Open])
                ),
                theme.dim(),
            ),
        ]));
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(area.x, area.y, area.width, HEADER_LINES),
        );
        let body = Rect::new(
            area.x,
            area.y + HEADER_LINES,
            area.width,
            area.height - HEADER_LINES,
        );
        let first = if self.by_country() {
            lang.t("col.country")
        } else {
            lang.t("col.kecamatan")
        };
        // The numbers as wide as they are, the key column as its longest name (Brunei
        // Darussalam, Panggungrejo): the summary is short, its cells do not scroll away.
        let mut table = DataTable::new(vec![
            Column::new(first, 10, 18, 9).measure(),
            Column::new("Formal L", 5, 8, 5).measure().right(),
            Column::new("Formal P", 5, 8, 5).measure().right(),
            Column::new("Inform. L", 5, 9, 5).measure().right(),
            Column::new("Inform. P", 5, 9, 5).measure().right(),
            Column::new(lang.t("placements.total"), 5, 8, 6)
                .measure()
                .right(),
            Column::new(lang.t("placements.published_2024"), 5, 12, 4)
                .measure()
                .right(),
        ])
        .header_style(theme.header());
        for r in &self.table.rows {
            let key = text(r.first());
            // The published table has its own TOTAL row: the report's total, never a
            // sum of it with its own rows.
            let published = self.published.get(&key).copied().unwrap_or(0);
            // The CSV's `TOTAL` row, in the officer's words on screen.
            let label = if key == "TOTAL" {
                lang.t("placements.total").to_string()
            } else {
                key.clone()
            };
            let mut cells = vec![label];
            cells.extend(r.iter().skip(1).map(|c| lang.count(int(Some(c)))));
            cells.push(lang.count(published));
            let style = if key == "TOTAL" {
                theme.header()
            } else {
                Style::default()
            };
            table.row(cells, style);
        }
        self.state.select(Some(self.row));
        self.state.select_column(Some(self.col + 1));
        table.render_stateful(
            frame,
            body,
            &mut self.state,
            theme.header(),
            theme.selected(),
        );
    }
}

impl PlacementsPane {
    /// The published remittances: year, bank, amount in rupiah with the report's decimals,
    /// each column as wide as its longest cell, so the bank's name stays whole.
    fn draw_remittances(&mut self, frame: &mut Frame, body: Rect, ctx: &PaneCtx) {
        let (lang, theme, year) = (ctx.lang, ctx.theme, ctx.year);
        if self.remittances.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    lang.t("lkjip.remittances_none")
                        .replace("{year}", &year.to_string()),
                    theme.dim(),
                )),
                body,
            );
            return;
        }
        let mut table = DataTable::new(vec![
            Column::fixed(lang.t("field.year"), 5, 9),
            Column::new(lang.t("lkjip.col.bank"), 4, 30, 8).measure(),
            Column::new(lang.t("lkjip.col.remittances"), 12, 24, 9)
                .measure()
                .right(),
        ])
        .header_style(theme.header());
        for r in &self.remittances {
            table.row(
                vec![
                    r.year.to_string(),
                    r.bank.clone(),
                    r.amount.map(|a| lang.decimal(a)).unwrap_or_default(),
                ],
                Style::default(),
            );
        }
        self.state.select(Some(self.row));
        self.state.select_column(None);
        table.render_stateful(
            frame,
            body,
            &mut self.state,
            theme.header(),
            theme.selected(),
        );
    }
}

impl Pane for PlacementsPane {
    fn title(&self) -> &'static str {
        "pane.placements"
    }

    fn context(&self) -> Context {
        Context::PLACEMENTS
    }

    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        self.read(store, ctx.year)
    }

    fn needs_refresh(&self) -> bool {
        if let Some(which) = self.view.domestic().filter(|_| self.drill.is_none()) {
            return self.domestic_views.needs_refresh(which);
        }
        self.drill.as_ref().is_some_and(|d| d.list.stale)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        self.draw(frame, area, ctx);
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        let new = || PaneEffect::New {
            kind: Kind::Placement,
            values: Default::default(),
            hidden: Default::default(),
        };
        if let Some(d) = &mut self.drill {
            if d.list.apply(action) {
                return PaneEffect::None;
            }
            return match action {
                Action::Cancel => {
                    self.drill = None;
                    PaneEffect::None
                }
                Action::New => new(),
                _ => PaneEffect::on(
                    d.list
                        .selected_row()
                        .map(|r| Selected::seen(Kind::Placement, r.id, r.version)),
                    action,
                ),
            };
        }
        if let Some(which) = self.view.domestic() {
            let year = ctx.year;
            if let Some(effect) = self.domestic_views.handle(action, store, year, which) {
                return effect;
            }
        }
        match action {
            Action::Up => self.move_row(-1),
            Action::Down => self.move_row(1),
            Action::PageUp => self.move_row(-10),
            Action::PageDown => self.move_row(10),
            Action::Home => self.move_row(-1000),
            Action::End => self.move_row(1000),
            Action::Left => self.move_col(-1),
            Action::Right => self.move_col(1),
            Action::SwitchView => self.toggle_view(),
            Action::Chart => self.toggle_chart(),
            Action::Open => self.drill_down(ctx.year, ctx.lang),
            Action::New => return new(),
            Action::Export => {
                return match self.view {
                    View::Country => PaneEffect::Export("negara", countries_table(store, ctx.year)),
                    View::Kecamatan | View::Chart => {
                        PaneEffect::Export("kecamatan", kecamatan_table(store, ctx.year))
                    }
                    View::Remittances => {
                        PaneEffect::Export("remiten", remittances_table(store, ctx.year))
                    }
                    View::Domestic | View::JobFairs => PaneEffect::None,
                }
            }
            _ => {}
        }
        PaneEffect::None
    }

    fn invalidate(&mut self) {
        PlacementsPane::invalidate(self);
    }

    /// The summary counts the live placements; the archived ones are listed in a count's
    /// drill-down.
    fn toggle_archived(&mut self) -> bool {
        if let Some(which) = self.view.domestic().filter(|_| self.drill.is_none()) {
            self.domestic_views.toggle_archived(which);
            return true;
        }
        let Some(d) = &mut self.drill else {
            return false;
        };
        d.filter.archived = !d.filter.archived;
        d.list.reset();
        true
    }

    fn showing_archived(&self) -> bool {
        if let Some(which) = self.view.domestic().filter(|_| self.drill.is_none()) {
            return self.domestic_views.showing_archived(which);
        }
        self.drill.as_ref().is_some_and(|d| d.filter.archived)
    }

    fn filter(&mut self) -> Option<(&mut String, &mut bool)> {
        let which = self.view.domestic().filter(|_| self.drill.is_none())?;
        Some(self.domestic_views.filter(which))
    }

    fn filter_changed(&mut self) {
        if let Some(which) = self.view.domestic() {
            self.domestic_views.filter_changed(which);
        }
    }

    fn footer(&self) -> Vec<Action> {
        if self.drill.is_none() && self.view.domestic().is_some() {
            return DomesticViews::footer();
        }
        if self.drill.is_some() {
            vec![
                Action::Open,
                Action::Edit,
                Action::History,
                Action::Cancel,
                Action::Help,
            ]
        } else {
            // The published remittances have no placements behind them to open.
            let open = (self.view != View::Remittances).then_some(Action::Open);
            open.into_iter()
                .chain([
                    Action::SwitchView,
                    Action::Chart,
                    Action::New,
                    Action::Export,
                    Action::Help,
                    Action::Quit,
                ])
                .collect()
        }
    }
}

fn render_drill(d: &mut Drill, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
    let (lang, theme) = (ctx.lang, ctx.theme);
    d.list.set_page(i64::from(area.height.saturating_sub(2)));
    let top = Line::from(vec![
        Span::styled(
            format!(
                "{}: {} {}",
                d.title,
                lang.count(d.list.total),
                lang.t("placements.rows")
            ),
            theme.header(),
        ),
        Span::styled(
            format!(
                "   {}",
                ctx.keys(Context::PLACEMENTS, &[Action::Open, Action::Cancel])
            ),
            theme.dim(),
        ),
    ]);
    frame.render_widget(
        Paragraph::new(top),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let ids = d.list.rows.iter().map(|r| r.id).collect::<Vec<_>>();
    let number_width = d.list.number_width(ids.into_iter(), 7);
    let mut table = DataTable::new(vec![
        Column::fixed(lang.t("col.id"), number_width, 9),
        Column::new(lang.t("col.name"), 12, 22, 4).fill(),
        Column::fixed(lang.t("col.nik"), 4, 8),
        Column::new(lang.t("col.kecamatan"), 9, 12, 8),
        Column::new(lang.t("col.country"), 9, 17, 6),
        Column::fixed(lang.t("col.sector"), 8, 7),
        Column::fixed(lang.t("col.sex"), 3, 7),
        Column::fixed(lang.t("col.departure"), 10, 8),
    ])
    .header_style(theme.header());
    for (i, r) in d.list.rows.iter().enumerate() {
        let tail: String = r
            .nik_masked
            .chars()
            .skip(r.nik_masked.chars().count().saturating_sub(4))
            .collect();
        let style = if d.list.offset + i as i64 == d.list.selected {
            theme.selected()
        } else {
            Style::default()
        };
        table.row(
            vec![
                r.id.to_string(),
                r.name.clone(),
                tail,
                r.kecamatan.clone(),
                r.country.clone(),
                r.sector.clone(),
                r.sex.clone(),
                display_iso(&r.departure_date),
            ],
            style,
        );
    }
    table.render(frame, body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_goes_back_to_the_view_it_was_reached_from() {
        let mut pane = PlacementsPane::default();
        for _ in 0..3 {
            pane.toggle_view();
        }
        assert_eq!(pane.view, View::Domestic);
        pane.toggle_chart();
        assert_eq!(pane.view, View::Chart);
        pane.toggle_chart();
        assert_eq!(pane.view, View::Domestic, "back to the domestic placements");
        pane.toggle_view();
        pane.toggle_chart();
        pane.toggle_chart();
        assert_eq!(pane.view, View::JobFairs);
    }
}
