//! The trainings of the year on screen: totals, IKU1 and beside it (not in it) the
//! entrepreneurship trainings on top, the windowed list of trainings with their type, and the
//! published schemes of table 3.13 below, labelled as published.

use super::percent_employed;
use crate::domain::date::{display_iso, Date};
use crate::i18n::Lang;
use crate::report::iku::Ratio;
use crate::report::trainings::{employed_ratio, year_series, year_summary, Iku1Figure};
use crate::store::{
    PublishedScheme, Store, StoreError, TrainingCounts, TrainingFilter, TrainingListRow, YearTotals,
};
use crate::tui::filter::{filter_line, nothing_listed};
use crate::tui::keymap::{Action, Context};
use crate::tui::pane::PaneCtx;
use crate::tui::table::{Column, DataTable};
use crate::tui::window::ListWindow;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// Rows above the list: totals, IKU1, the trainings outside IKU1, the years, the keys.
const HEADER_ROWS: u16 = 5;

#[derive(Debug, Default)]
pub struct TrainingList {
    pub filter: TrainingFilter,
    pub list: ListWindow<TrainingListRow>,
    /// The year the summary and list were read for.
    year: Option<i32>,
    stale_summary: bool,
    year_counts: TrainingCounts,
    iku1: Option<Iku1Figure>,
    /// The year's entrepreneurship trainings (kewirausahaan), given apart from IKU1.
    entrepreneurship: TrainingCounts,
    /// The year's other trainings (lainnya), in neither.
    other: TrainingCounts,
    /// The year's trainings, every type.
    trainings: i64,
    /// The trainings IKU1 counts, per year (the series of IKU1's ratio); read after the
    /// frame (it reads every year's trainings), `None` until then.
    iku1_by_year: Option<Vec<YearTotals>>,
    /// The series is to be read (again) after the frame.
    series_stale: bool,
    published: Vec<PublishedScheme>,
    /// Graduates waiting for a follow-up call (3 months); `None` until first counted.
    waiting: Option<i64>,
    /// The count is to be made (again) after the frame, for this day.
    waiting_for: Option<Date>,
}

impl TrainingList {
    pub fn invalidate(&mut self) {
        self.list.invalidate();
        self.stale_summary = true;
    }

    /// The per-year series or the follow-up count is still to be read (after the frame).
    pub fn has_work(&self) -> bool {
        self.series_stale || self.waiting_for.is_some()
    }

    /// One of them read (each reads every training once, a few milliseconds on thousands);
    /// true when the header must be drawn again.
    pub fn work(&mut self, store: &Store) -> Result<bool, StoreError> {
        if self.series_stale {
            self.series_stale = false;
            self.iku1_by_year = Some(year_series(store)?.1);
            return Ok(true);
        }
        let Some(today) = self.waiting_for.take() else {
            return Ok(false);
        };
        self.waiting = Some(store.count_follow_up(today, super::follow_up::DEFAULT_MONTHS)?);
        Ok(true)
    }

    pub fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        if self.year != Some(ctx.year) {
            self.year = Some(ctx.year);
            self.filter.year = Some(ctx.year);
            self.list.reset();
            self.stale_summary = true;
        }
        if self.stale_summary || self.iku1.is_none() {
            let sum = year_summary(store, ctx.year)?;
            self.year_counts = sum.counts;
            self.iku1 = Some(sum.iku1);
            self.entrepreneurship = sum.entrepreneurship;
            self.other = sum.other;
            self.trainings = sum.trainings;
            // Every year's trainings and the follow-up count (every training's end): read
            // after the frame (`work`), so the pane's first frame waits for neither.
            self.series_stale = true;
            self.published = store
                .published_training_schemes()?
                .into_iter()
                .filter(|p| p.year == ctx.year)
                .collect();
            self.waiting_for = Some(ctx.today);
            self.stale_summary = false;
        }
        let filter = &self.filter;
        self.list.refresh(
            || store.count_trainings(filter),
            |offset, limit| store.list_trainings(filter, offset, limit),
        )
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx, editing: bool) {
        if area.height < HEADER_ROWS + 4 {
            return;
        }
        let (lang, theme) = (ctx.lang, ctx.theme);
        let header = self.header_lines(ctx, editing, usize::from(area.width));
        frame.render_widget(
            Paragraph::new(header),
            Rect::new(area.x, area.y, area.width, HEADER_ROWS),
        );
        let rest = area.height - HEADER_ROWS;
        // The published schemes take what they need, up to half of what is left.
        let published = self.published_lines(lang, area.width);
        let published_height = (published.len() as u16 + 1).min(rest / 2).max(2);
        let table_height = rest - published_height;
        let table_area = Rect::new(area.x, area.y + HEADER_ROWS, area.width, table_height);
        self.list
            .set_page(i64::from(table_height.saturating_sub(1)));
        if self.list.total == 0 {
            let filtered = !self.filter.text.is_empty();
            let words = ("trainings.empty", "trainings.no_match");
            nothing_listed(frame, table_area, ctx, Context::TRAININGS, filtered, words);
        } else {
            self.render_table(frame, table_area, ctx);
        }
        let pub_area = Rect::new(
            area.x,
            area.y + HEADER_ROWS + table_height,
            area.width,
            published_height,
        );
        let total: i64 = self.published.iter().map(|p| p.participants).sum();
        let title = if self.published.is_empty() {
            format!(
                " {} {}: {} ",
                lang.t("trainings.published"),
                ctx.year,
                lang.t("trainings.published_none")
            )
        } else {
            format!(
                " {} {} ({}): {} {}, {} {} ",
                lang.t("trainings.published"),
                ctx.year,
                lang.t("trainings.published_table"),
                lang.count(self.published.len() as i64),
                lang.t("trainings.schemes"),
                lang.count(total),
                lang.t("trainings.participants"),
            )
        };
        frame.render_widget(
            Paragraph::new(published).block(
                Block::default()
                    .borders(Borders::TOP)
                    .title(Span::styled(title, theme.header())),
            ),
            pub_area,
        );
    }

    fn header_lines(&self, ctx: &PaneCtx, editing: bool, width: usize) -> Vec<Line<'static>> {
        let (lang, theme, year) = (ctx.lang, ctx.theme, ctx.year);
        let c = &self.year_counts;
        let trainings = self.trainings;
        let part = |n: i64, key: &str| format!("{} {}", lang.count(n), lang.t(key));
        let mut parts = vec![
            part(trainings, "trainings.trainings"),
            part(c.participants, "trainings.participants"),
            part(c.graduated, "trainings.graduated"),
            part(c.certified, "trainings.certified"),
            part(c.employed, "trainings.employed"),
        ];
        let mut totals = format!("{year}: {}", parts.join(" · "));
        if totals.chars().count() > width {
            // Big counts: the certified count (also in the table's column) gives way, so
            // the employed count IKU1 rests on stays in sight.
            parts.remove(3);
            totals = format!("{year}: {}", parts.join(" · "));
        }
        let by_year = format!("{}: ", lang.t("trainings.by_year"));
        // Read after the frame: `…` until then.
        let mut series = String::from(if self.iku1_by_year.is_none() {
            "…"
        } else {
            ""
        });
        for y in self.iku1_by_year.iter().flatten().take(3) {
            let r = employed_ratio(&y.counts);
            let one = match r.value() {
                Some(v) => format!(
                    "{} {}/{} {}%",
                    y.year,
                    lang.count(r.numerator),
                    lang.count(r.denominator),
                    lang.decimal(v)
                ),
                None => format!("{} -", y.year),
            };
            let next = if series.is_empty() {
                one
            } else {
                format!("{series} · {one}")
            };
            // Whole years only: a year cut in the middle reads as another figure.
            if !series.is_empty() && by_year.chars().count() + next.chars().count() > width {
                break;
            }
            series = next;
        }
        let keys = if editing || !self.filter.text.is_empty() {
            filter_line(ctx, &self.filter.text, editing, lang.count(self.list.total))
        } else {
            Line::styled(
                format!(
                    "{} ({} {})",
                    ctx.keys(Context::TRAININGS, &[Action::Open, Action::FollowUp]),
                    self.waiting.map_or("…".to_string(), |n| lang.count(n)),
                    lang.t("trainings.waiting")
                ),
                theme.dim(),
            )
        };
        vec![
            Line::styled(totals, theme.header()),
            self.iku1_line(ctx),
            self.apart_line(ctx),
            Line::styled(format!("{by_year}{series}"), theme.dim()),
            keys,
        ]
    }

    /// Beside IKU1, not in it: `Kewirausahaan 2024 (di luar IKU1): 445 peserta · 400 bekerja`,
    /// and the other trainings of the year when there are any.
    fn apart_line(&self, ctx: &PaneCtx) -> Line<'static> {
        let (lang, theme, year) = (ctx.lang, ctx.theme, ctx.year);
        let e = &self.entrepreneurship;
        let mut text = format!(
            "{} {year} ({}): {} {} · {} {}",
            lang.t("trainings.type.kewirausahaan"),
            lang.t("trainings.not_in_iku1"),
            lang.count(e.participants),
            lang.t("trainings.participants"),
            lang.count(e.employed),
            lang.t("trainings.employed"),
        );
        if self.other.participants > 0 {
            // Short, so the line fits 80 columns in both languages.
            text.push_str(&format!(
                " · {}: {}",
                lang.t("trainings.type.lainnya").to_lowercase(),
                lang.count(self.other.participants),
            ));
        }
        Line::styled(text, theme.dim())
    }

    /// `IKU1 2024: 284 / 344 = 82.56% · target 80% · capaian 103.20% · Sangat Tinggi`.
    fn iku1_line(&self, ctx: &PaneCtx) -> Line<'static> {
        let (lang, theme, year) = (ctx.lang, ctx.theme, ctx.year);
        let Some(f) = &self.iku1 else {
            return Line::raw("");
        };
        let ratio = f.value.ratio.unwrap_or(Ratio::new(0, 0));
        let mut spans = vec![Span::styled(format!("IKU1 {year}: "), theme.header())];
        match f.value.value {
            Some(v) => spans.push(Span::styled(
                format!(
                    "{} / {} = {}%",
                    lang.count(ratio.numerator),
                    lang.count(ratio.denominator),
                    lang.decimal(v)
                ),
                theme.header(),
            )),
            None => spans.push(Span::styled(
                format!(
                    "{} ({})",
                    lang.t("trainings.no_value"),
                    lang.t("trainings.no_value_reason")
                ),
                theme.warning(),
            )),
        }
        match f.target {
            Some(t) => {
                spans.push(Span::raw(format!(
                    " · {} {}%",
                    lang.t("trainings.target"),
                    lang.decimal(t)
                )));
                if let (Some(c), Some(p)) = (f.capaian, f.predicate) {
                    let name = match lang {
                        Lang::Id => p.name_id(),
                        Lang::En => p.name_en(),
                    };
                    spans.push(Span::raw(format!(
                        " · {} {}% · ",
                        lang.t("trainings.capaian"),
                        lang.decimal(c)
                    )));
                    spans.push(Span::styled(name.to_string(), theme.header()));
                }
            }
            None => spans.push(Span::styled(
                format!(" · {}", lang.t("trainings.no_target")),
                theme.dim(),
            )),
        }
        Line::from(spans)
    }

    /// The published schemes, one funding source after the other, packed into lines.
    fn published_lines(&self, lang: Lang, width: u16) -> Vec<Line<'static>> {
        let width = usize::from(width).max(20);
        let mut lines = Vec::new();
        let mut sources: Vec<&str> = Vec::new();
        for p in &self.published {
            if !sources.contains(&p.funding_source.as_str()) {
                sources.push(&p.funding_source);
            }
        }
        for source in sources {
            let mut line = format!("{source}:");
            for p in self.published.iter().filter(|p| p.funding_source == source) {
                let item = format!("{} {}", p.scheme, lang.count(p.participants));
                let sep = if line.ends_with(':') { " " } else { " · " };
                if line.chars().count() + sep.chars().count() + item.chars().count() > width {
                    lines.push(Line::raw(std::mem::take(&mut line)));
                    line = format!("  {item}");
                } else {
                    line.push_str(sep);
                    line.push_str(&item);
                }
            }
            lines.push(Line::raw(line));
        }
        if lines.is_empty() {
            lines.push(Line::raw(lang.t("trainings.published_hint")));
        }
        lines
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let (lang, theme) = (ctx.lang, ctx.theme);
        // Both dates whole before the scheme's name grows; at 80 columns every column but the
        // end date fits at its minimum (the type, which says whether IKU1 counts the
        // training, stays; the end date is in the form and the follow-up list).
        let mut table = DataTable::new(vec![
            Column::new(lang.t("trainings.col.scheme"), 12, 30, 4).fill(),
            Column::new(lang.t("trainings.col.funding"), 6, 7, 5),
            Column::new(lang.t("trainings.col.type"), 6, 7, 4),
            Column::fixed(lang.t("trainings.col.start"), 10, 6),
            Column::fixed(lang.t("trainings.col.ended"), 10, 3),
            Column::new(lang.t("trainings.col.participants"), 7, 7, 7).right(),
            Column::new(lang.t("trainings.col.graduated"), 5, 5, 7).right(),
            Column::new(lang.t("trainings.col.certified"), 7, 7, 7).right(),
            Column::new(lang.t("trainings.col.employed"), 7, 7, 7).right(),
            Column::new(lang.t("trainings.col.pct_employed"), 7, 7, 7).right(),
        ])
        .header_style(theme.header());
        for (i, r) in self.list.rows.iter().enumerate() {
            let c = &r.counts;
            let style = if self.list.offset + i as i64 == self.list.selected {
                theme.selected()
            } else {
                Style::default()
            };
            let date = |d: &Option<String>| d.as_deref().map_or("-".to_string(), display_iso);
            table.row(
                vec![
                    r.scheme.clone(),
                    r.funding_source.clone(),
                    lang.t(r.training_type.short_key()).to_string(),
                    date(&r.start_date),
                    date(&r.end_date),
                    lang.count(c.participants),
                    lang.count(c.graduated),
                    lang.count(c.certified),
                    lang.count(c.employed),
                    percent_employed(c, lang),
                ],
                style,
            );
        }
        table.render(frame, area);
    }
}
