//! Pane 6, IKU: every indicator of the chosen year (`[` / `]`) with its target,
//! realisation, n / d, capaian, predicate, the two years before and the Renstra target; the
//! selected indicator's trend as a bar chart beside where its number comes from. `Enter`
//! explains the number, `n` / `e` enter TPAK, SAKIP or TPT with their source, `x` writes
//! the year's table. The figures come from `report::iku_year`, as on the command line.
//! The switch-view key shows the programme indicators of table 3.23 instead ([`programme`]).

mod programme;

use super::keymap::{Action, Context};
use super::pane::{Pane, PaneCtx, PaneEffect, Selected};
use super::records::Kind;
use super::table::{Column, DataTable};
use super::theme::Theme;
use crate::domain::date::display_dates_in;
use crate::i18n::Lang;
use crate::report::iku::round2;
use crate::report::iku_year::explain::note_text;
use crate::report::iku_year::table::{
    beside_text, capaian_text, legend, origin_mark, predicate_text, ratio_text, realisation_text,
    target_text, value_text,
};
use crate::report::iku_year::{explain, iku_table, iku_year_on, IkuRow, IkuYear, Origin};
use crate::store::{Store, StoreError};
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Wrap};
use ratatui::Frame;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct IkuPane {
    figures: Option<IkuYear>,
    stale: bool,
    selected: usize,
    /// `a`: the keys act on the indicators' archived entered values (`r` takes one back).
    archived: bool,
    /// The switch-view key: the programme indicators of table 3.23 instead of the IKU.
    programme: Option<programme::ProgrammeView>,
}

impl IkuPane {
    fn row(&self) -> Option<&IkuRow> {
        self.figures.as_ref()?.rows.get(self.selected)
    }

    fn move_to(&mut self, i: i64) {
        let n = self.figures.as_ref().map_or(0, |f| f.rows.len()) as i64;
        self.selected = i.clamp(0, (n - 1).max(0)) as usize;
    }

    /// `n` / `e`: the value of an entered indicator, new or to correct.
    fn enter_value(&self, store: &Store, ctx: &PaneCtx) -> PaneEffect {
        let Some(row) = self.row() else {
            return PaneEffect::None;
        };
        let entered = row.def.is_entered().then_some(Kind::IkuEntry);
        entry_effect(store, ctx, &row.def.code, entered, "iku.from_records_only")
    }

    /// History or archive of the selected indicator's entered value, when it has one.
    fn on_entry(&self, store: &Store, ctx: &PaneCtx, action: Action) -> PaneEffect {
        let Some(row) = self.row() else {
            return PaneEffect::None;
        };
        let entry = if self.archived {
            // The newest archived value of the indicator in the year.
            store
                .iku_entries_of(ctx.year, true)
                .map(|es| es.into_iter().rev().find(|e| e.entry.code == row.def.code))
        } else {
            store.iku_entry_for(&row.def.code, ctx.year)
        };
        match entry {
            Ok(Some(e)) => {
                PaneEffect::Record(Selected::seen(Kind::IkuEntry, e.id, e.version), action)
            }
            Ok(None) => PaneEffect::Info(crate::report::iku_year::explain::fill(
                ctx.lang.t("iku.no_entry"),
                &[
                    row.def.code.clone(),
                    ctx.year.to_string(),
                    ctx.lang
                        .t(&format!("iku.origin.{}", row.live.origin.as_str()))
                        .to_string(),
                ],
            )),
            Err(e) => PaneEffect::Error(e.to_string()),
        }
    }
}

impl Pane for IkuPane {
    fn title(&self) -> &'static str {
        "pane.iku"
    }

    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        if let Some(p) = &mut self.programme {
            return p.refresh(store, ctx);
        }
        let year_moved = self.figures.as_ref().is_some_and(|f| f.year != ctx.year);
        if self.stale || self.figures.is_none() || year_moved {
            // Keep the old figures on screen if reading fails; the app shows the error.
            self.figures = Some(iku_year_on(store, ctx.year, ctx.today)?);
            self.stale = false;
            self.move_to(self.selected as i64);
        }
        Ok(())
    }

    fn invalidate(&mut self) {
        self.stale = true;
        if let Some(p) = &mut self.programme {
            p.invalidate();
        }
    }

    fn context(&self) -> Context {
        Context::IKU
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        if action == Action::SwitchView {
            self.programme = match self.programme {
                Some(_) => {
                    self.stale = true;
                    None
                }
                None => Some(programme::ProgrammeView::default()),
            };
            return PaneEffect::None;
        }
        if let Some(p) = &mut self.programme {
            return p.handle(action, store, ctx, self.archived);
        }
        let last = self.figures.as_ref().map_or(0, |f| f.rows.len()) as i64 - 1;
        match action {
            Action::Up => self.move_to(self.selected as i64 - 1),
            Action::Down => self.move_to(self.selected as i64 + 1),
            Action::Home | Action::PageUp => self.move_to(0),
            Action::End | Action::PageDown => self.move_to(last),
            Action::Open => {
                if let (Some(f), Some(row)) = (&self.figures, self.row()) {
                    return PaneEffect::Text {
                        title: format!(
                            "{} · {} {}",
                            ctx.lang.t("iku.explain_title"),
                            row.def.code,
                            f.year
                        ),
                        // The report's words, in the screen's dates and numbers.
                        lines: explain(row, f.closing.as_ref(), ctx.lang)
                            .iter()
                            .map(|l| screen_numbers(&display_dates_in(l), ctx.lang))
                            .collect(),
                    };
                }
            }
            Action::New | Action::Edit => return self.enter_value(store, ctx),
            Action::History | Action::Archive | Action::Restore => {
                return self.on_entry(store, ctx, action)
            }
            Action::Export => {
                return PaneEffect::Export(
                    "iku",
                    iku_year_on(store, ctx.year, ctx.today).map(|y| iku_table(&y)),
                )
            }
            _ => {}
        }
        PaneEffect::None
    }

    fn toggle_archived(&mut self) -> bool {
        self.archived = !self.archived;
        true
    }

    fn showing_archived(&self) -> bool {
        self.archived
    }

    /// Export stands in the pane's own header; the view switch takes its place here, so
    /// help and quit still fit at 80 columns.
    fn footer(&self) -> Vec<Action> {
        vec![
            Action::Open,
            Action::SwitchView,
            Action::New,
            Action::Lookup,
            Action::Help,
            Action::Quit,
        ]
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        if area.height < 12 {
            return;
        }
        if let Some(p) = &mut self.programme {
            return p.render(frame, area, ctx);
        }
        let Some(fig) = &self.figures else {
            return;
        };
        let (lang, theme) = (ctx.lang, ctx.theme);
        let n = fig.rows.len() as u16;
        // IKU3's "PB tepat waktu" under the table, whichever row is selected.
        let beside = beside_lines(fig, lang, theme);
        let [top, table_area, legend, beside_area, name, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(n + 1),
            Constraint::Length(1),
            Constraint::Length(beside.len() as u16),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    format!("{} {}", lang.t("iku.title"), fig.year),
                    theme.header(),
                ),
                Span::styled(
                    format!(
                        "   {}",
                        ctx.keys(
                            Context::IKU,
                            &[
                                Action::PrevYear,
                                Action::NextYear,
                                Action::Open,
                                Action::New,
                                Action::Export
                            ]
                        )
                    ),
                    theme.dim(),
                ),
            ])),
            top,
        );
        render_table(frame, table_area, fig, self.selected, lang, theme);
        frame.render_widget(Paragraph::new(legend_line(fig, lang, theme)), legend);
        frame.render_widget(Paragraph::new(beside), beside_area);
        let Some(row) = fig.rows.get(self.selected) else {
            return;
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{} · {}", row.def.code, row.def.name(lang == Lang::En)),
                theme.header(),
            )),
            name,
        );
        let [chart, details] = Layout::horizontal([Constraint::Length(44), Constraint::Fill(1)])
            .spacing(1)
            .areas(bottom);
        render_trend(frame, chart, row, lang, theme);
        frame.render_widget(
            Paragraph::new(detail_lines(fig, row, ctx)).wrap(Wrap { trim: true }),
            details,
        );
    }
}

fn render_table(
    frame: &mut Frame,
    area: Rect,
    fig: &IkuYear,
    selected: usize,
    lang: Lang,
    theme: &Theme,
) {
    let renstra = fig
        .rows
        .iter()
        .find_map(|r| r.renstra.map(|(y, _)| y))
        .map_or(lang.t("iku.col.renstra").to_string(), |y| format!("R.{y}"));
    let d = |text: String| lang.decimals_in(&text);
    // n/d as wide as its longest value (a big office's 20466/33222); every column's
    // content whole before the predicate's second word.
    let mut table = DataTable::new(vec![
        Column::new(lang.t("iku.col.code"), 5, 5, 9).measure(),
        Column::new(lang.t("iku.col.target"), 6, 7, 8)
            .measure()
            .right(),
        Column::new(lang.t("iku.col.realisation"), 7, 9, 8).measure(),
        Column::new("n/d", 7, 13, 6).measure(),
        Column::new(lang.t("iku.col.capaian"), 6, 7, 7)
            .measure()
            .right(),
        Column::new(lang.t("iku.col.predicate"), 6, 13, 5).measure(),
        Column::new((fig.year - 2).to_string(), 6, 6, 4)
            .measure()
            .right(),
        Column::new((fig.year - 1).to_string(), 6, 6, 4)
            .measure()
            .right(),
        Column::new(renstra, 6, 7, 3).measure().right(),
    ])
    .header_style(theme.header());
    for (i, r) in fig.rows.iter().enumerate() {
        let f = &r.shown;
        let prev = |k: usize| {
            r.previous
                .get(k)
                .map_or("-".to_string(), |(_, v)| d(value_text(None, *v)))
        };
        let code = if r.drift() {
            format!("{}!", r.def.code)
        } else {
            r.def.code.clone()
        };
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        table.row(
            vec![
                code,
                d(target_text(f)),
                d(format!("{}{}", realisation_text(f), origin_mark(f.origin))),
                ratio_text(f.ratio),
                d(capaian_text(f)),
                predicate_text(f, lang),
                prev(0),
                prev(1),
                r.renstra
                    .map_or("-".to_string(), |(_, t)| lang.decimal(round2(t))),
            ],
            style,
        );
    }
    table.render(frame, area);
}

/// What the marks mean, and whether the year is closed.
/// A line of the report's explanation with its decimals as the language writes them, but a
/// table's number ("tabel 3.1", "table 3.23") as the report names it.
fn screen_numbers(line: &str, lang: Lang) -> String {
    let mut out: Vec<String> = Vec::new();
    for word in line.split(' ') {
        let after_table = out
            .last()
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
            .is_some_and(|w| w == "tabel" || w == "table");
        out.push(if after_table {
            word.to_string()
        } else {
            lang.decimals_in(word)
        });
    }
    out.join(" ")
}

fn legend_line(fig: &IkuYear, lang: Lang, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    if let Some(c) = &fig.closing {
        let (word, by, at) = if c.closed {
            (lang.t("iku.closed_short"), &c.closed_by, &c.closed_at)
        } else {
            (lang.t("iku.reopened_short"), &c.changed_by, &c.changed_at)
        };
        let day = crate::domain::date::display_iso(&at.chars().take(10).collect::<String>());
        spans.push(Span::styled(
            format!("{word} ({by}, {day})  "),
            theme.warning(),
        ));
    }
    spans.push(Span::styled(legend(fig, lang), theme.dim()));
    Line::from(spans)
}

/// "IKU3 PB tepat waktu: 3 / 5 = 60,00%" for each row that has a share beside it.
fn beside_lines(fig: &IkuYear, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    fig.rows
        .iter()
        .filter_map(|r| {
            let b = r.shown.beside.as_ref()?;
            Some(Line::styled(
                format!("{} {}", r.def.code, beside_text(b, lang)),
                theme.header(),
            ))
        })
        .collect()
}

/// Hundredths of the value, for the bar's length (no value draws no bar).
fn ticks(v: Option<Decimal>) -> u64 {
    v.and_then(|v| (v * Decimal::ONE_HUNDRED).to_u64())
        .unwrap_or(0)
}

/// The last years' realisations and this year's target as horizontal bars, the numbers
/// written in the labels (a year without a value shows `-` and no bar).
fn render_trend(frame: &mut Frame, area: Rect, row: &IkuRow, lang: Lang, theme: &Theme) {
    let label = |name: String, v: Option<Decimal>| {
        format!("{name:<6} {:>6}", lang.decimals_in(&value_text(None, v)))
    };
    let mut bars: Vec<Bar> = row
        .trend
        .iter()
        .map(|(y, v)| {
            Bar::default()
                .value(ticks(*v))
                .label(Line::raw(label(y.to_string(), *v)))
                .text_value(String::new())
        })
        .collect();
    let targets = [
        (lang.t("iku.col.target").to_string(), row.shown.target),
        (
            row.renstra.map_or(String::new(), |(y, _)| format!("R.{y}")),
            row.renstra.map(|(_, t)| t),
        ),
    ];
    for (name, t) in targets {
        if let Some(t) = t {
            bars.push(
                Bar::default()
                    .value(ticks(Some(t)))
                    .label(Line::raw(label(name, Some(t))))
                    .text_value(String::new())
                    .style(theme.dim()),
            );
        }
    }
    let title = Line::styled(lang.t("iku.trend").to_string(), theme.header());
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(title), head);
    frame.render_widget(
        BarChart::default()
            .direction(Direction::Horizontal)
            .data(BarGroup::default().bars(&bars))
            .bar_width(1)
            .bar_gap(0)
            .bar_style(Style::default()),
        body,
    );
}

/// Beside the chart: where the selected number comes from, drift, the report's problems.
fn detail_lines(fig: &IkuYear, row: &IkuRow, ctx: &PaneCtx) -> Vec<Line<'static>> {
    let (lang, theme) = (ctx.lang, ctx.theme);
    let mut out = Vec::new();
    let live = &row.live;
    let fill = |k: &str, args: &[String]| crate::report::iku_year::explain::fill(lang.t(k), args);
    let source = match (&row.realisation.entered, live.origin) {
        (Some(e), _) => fill(
            "iku.detail.entered",
            &[
                e.by.clone(),
                e.source.clone(),
                crate::domain::date::display_iso(&e.source_date),
            ],
        ),
        (None, Origin::Records) => fill(
            "iku.detail.records",
            &[row.def.source_text(lang == Lang::En).to_string()],
        ),
        (None, Origin::Published) => lang.t("iku.detail.published").to_string(),
        (None, _) => lang.t("iku.detail.nothing").to_string(),
    };
    out.push(Line::styled(source, theme.header()));
    if let Some(reported) = row.reported.as_ref().filter(|_| row.drift()) {
        out.push(Line::styled(
            fill(
                "iku.detail.drift",
                &[
                    lang.decimals_in(&realisation_text(reported)),
                    lang.decimals_in(&realisation_text(live)),
                ],
            ),
            theme.warning(),
        ));
    }
    for n in &row.realisation.notes {
        out.push(Line::styled(
            format!("{}: {}", lang.t("iku.flagged"), note_text(n, lang)),
            theme.warning(),
        ));
    }
    if !row.realisation.comparisons.is_empty() {
        let list: Vec<String> = row
            .realisation
            .comparisons
            .iter()
            .map(|(region, v)| format!("{region} {}", lang.decimal(round2(*v))))
            .collect();
        out.push(Line::raw(fill(
            "iku.x.comparisons",
            &[fig.year.to_string(), list.join(", ")],
        )));
    }
    out.push(Line::styled(
        ctx.say(Context::IKU, "iku.detail.more"),
        theme.dim(),
    ));
    out
}

/// `n` / `e` on an indicator (an IKU or a programme indicator) whose value is entered
/// (`entered`: the kind of its entry): the form of this year's value, new or to correct; an
/// indicator counted from the records says so (`records_only`, a catalog key).
fn entry_effect(
    store: &Store,
    ctx: &PaneCtx,
    code: &str,
    entered: Option<Kind>,
    records_only: &str,
) -> PaneEffect {
    let Some(kind) = entered else {
        return PaneEffect::Info(format!("{code}: {}", ctx.lang.t(records_only)));
    };
    match store.iku_entry_for(code, ctx.year) {
        Ok(Some(e)) => PaneEffect::Record(Selected::seen(kind, e.id, e.version), Action::Edit),
        Ok(None) => PaneEffect::New {
            kind,
            values: BTreeMap::from([
                ("iku_code".to_string(), code.to_string()),
                ("iku_year".to_string(), ctx.year.to_string()),
            ]),
            hidden: BTreeMap::new(),
        },
        Err(e) => PaneEffect::Error(e.to_string()),
    }
}

#[cfg(test)]
mod screen_number_tests {
    use super::*;

    #[test]
    fn decimals_follow_the_language_but_table_numbers_stay() {
        let line = "capaian = 82.56 / 80.00 × 100 = 103.20 (tabel 3.1)";
        assert_eq!(
            screen_numbers(line, Lang::Id),
            "capaian = 82,56 / 80,00 × 100 = 103,20 (tabel 3.1)"
        );
        assert_eq!(screen_numbers(line, Lang::En), line);
    }
}
