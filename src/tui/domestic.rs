//! The domestic views of pane 2: the domestic placements (AKL / AKAD) of the year and the job
//! fairs of the year, each a filterable windowed list, under the published domestic series
//! (LKjIP table 3.14) and the same series counted from the records. Record actions (open,
//! edit, archive, restore, history) go to the app's overlays; the placements pane switches
//! to these views with its switch-view key and hands them its keys while they show.

use super::filter::{filter_line, nothing_listed};
use super::keymap::{Action, Context};
use super::pane::{PaneCtx, PaneEffect, Selected};
use super::records::Kind;
use super::table::{Column, DataTable};
use super::window::ListWindow;
use crate::domain::date::display_iso;
use crate::domain::domestic::How;
use crate::i18n::Lang;
use crate::report::domestic::{domestic_table, job_fairs_table};
use crate::store::{DomesticFilter, DomesticListRow, JobFairListRow, Store, StoreError};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Lines above the list: the published series, the records' series, the view's line.
const HEADER_LINES: u16 = 3;

/// Which of the two lists shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Placements,
    Fairs,
}

#[derive(Debug, Default)]
pub struct DomesticViews {
    pub filter: DomesticFilter,
    pub fair_filter: DomesticFilter,
    /// The filter line has the keyboard.
    pub editing: bool,
    pub list: ListWindow<DomesticListRow>,
    pub fairs: ListWindow<JobFairListRow>,
    /// Domestic placements counted from the records, per year (years with none left out).
    pub records_by_year: Vec<(i32, i64)>,
    /// The year's placements: AKL, AKAD.
    pub year_kinds: (i64, i64),
    stale: bool,
    read_for: Option<i32>,
}

impl DomesticViews {
    pub fn invalidate(&mut self) {
        self.list.invalidate();
        self.fairs.invalidate();
        self.stale = true;
    }

    pub fn needs_refresh(&self, which: Which) -> bool {
        match which {
            Which::Placements => self.list.stale,
            Which::Fairs => self.fairs.stale,
        }
    }

    pub fn refresh(&mut self, store: &Store, year: i32, which: Which) -> Result<(), StoreError> {
        if self.read_for != Some(year) {
            self.filter.year = Some(year);
            self.fair_filter.year = Some(year);
            self.list.reset();
            self.fairs.reset();
            self.stale = true;
            self.read_for = Some(year);
        }
        if self.stale {
            self.records_by_year = store.domestic_by_year()?;
            let counts = store.domestic_counts(year)?;
            let of = |kind| -> i64 {
                counts
                    .iter()
                    .filter(|c| c.kind == kind)
                    .map(|c| c.count)
                    .sum()
            };
            use crate::domain::domestic::DomesticKind;
            self.year_kinds = (of(DomesticKind::Akl), of(DomesticKind::Akad));
            self.stale = false;
        }
        match which {
            Which::Placements => {
                let filter = &self.filter;
                self.list.refresh(
                    || store.count_domestic(filter),
                    |offset, limit| store.list_domestic(filter, offset, limit),
                )
            }
            Which::Fairs => {
                let filter = &self.fair_filter;
                self.fairs.refresh(
                    || store.count_job_fairs(filter),
                    |offset, limit| store.list_job_fairs(filter, offset, limit),
                )
            }
        }
    }

    fn filter_of(&mut self, which: Which) -> &mut DomesticFilter {
        match which {
            Which::Placements => &mut self.filter,
            Which::Fairs => &mut self.fair_filter,
        }
    }

    /// The filter line of the list on screen.
    pub fn filter(&mut self, which: Which) -> (&mut String, &mut bool) {
        match which {
            Which::Placements => (&mut self.filter.text, &mut self.editing),
            Which::Fairs => (&mut self.fair_filter.text, &mut self.editing),
        }
    }

    pub fn filter_changed(&mut self, which: Which) {
        match which {
            Which::Placements => self.list.reset(),
            Which::Fairs => self.fairs.reset(),
        }
    }

    pub fn toggle_archived(&mut self, which: Which) {
        let f = self.filter_of(which);
        f.archived = !f.archived;
        self.filter_changed(which);
    }

    pub fn showing_archived(&self, which: Which) -> bool {
        match which {
            Which::Placements => self.filter.archived,
            Which::Fairs => self.fair_filter.archived,
        }
    }

    /// A list action while the view shows; `None` when it is the pane's own (switch view).
    pub fn handle(
        &mut self,
        action: Action,
        store: &Store,
        year: i32,
        which: Which,
    ) -> Option<PaneEffect> {
        let moved = match which {
            Which::Placements => self.list.apply(action),
            Which::Fairs => self.fairs.apply(action),
        };
        if moved {
            return Some(PaneEffect::None);
        }
        let kind = match which {
            Which::Placements => Kind::Domestic,
            Which::Fairs => Kind::JobFair,
        };
        let selected = match which {
            Which::Placements => self
                .list
                .selected_row()
                .map(|r| Selected::seen(kind, r.id, r.version)),
            Which::Fairs => self
                .fairs
                .selected_row()
                .map(|r| Selected::seen(kind, r.id, r.version)),
        };
        Some(match action {
            Action::Filter => {
                self.editing = true;
                PaneEffect::None
            }
            Action::New => PaneEffect::New {
                kind,
                values: Default::default(),
                hidden: Default::default(),
            },
            Action::Export => match which {
                Which::Placements => {
                    PaneEffect::Export("dalam_negeri", domestic_table(store, year))
                }
                Which::Fairs => PaneEffect::Export("bursa_kerja", job_fairs_table(store, year)),
            },
            Action::Open | Action::Edit | Action::Archive | Action::Restore | Action::History => {
                PaneEffect::on(selected, action)
            }
            _ => return None,
        })
    }

    pub fn footer() -> Vec<Action> {
        vec![
            Action::New,
            Action::Open,
            Action::Filter,
            Action::SwitchView,
            Action::History,
            Action::Export,
            Action::Help,
            Action::Quit,
        ]
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        ctx: &PaneCtx,
        published: &[(i64, i64)],
        which: Which,
    ) {
        if area.height < HEADER_LINES + 3 {
            return;
        }
        let (lang, theme) = (ctx.lang, ctx.theme);
        let series = |s: &mut dyn Iterator<Item = (i64, i64)>| -> String {
            s.map(|(y, n)| format!("{y} {}", lang.count(n)))
                .collect::<Vec<_>>()
                .join("  ")
        };
        let lines = vec![
            Line::styled(
                format!(
                    "{}: {}",
                    lang.t("lkjip.domestic_series"),
                    series(&mut published.iter().copied())
                ),
                theme.dim(),
            ),
            Line::raw(format!(
                "{}: {}",
                lang.t("domestic.records_series"),
                series(&mut self.records_series(published, ctx.year).into_iter())
            )),
            self.view_line(ctx, which),
        ];
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
        let page = i64::from(body.height.saturating_sub(1));
        match which {
            Which::Placements => {
                self.list.set_page(page);
                self.render_placements(frame, body, ctx);
            }
            Which::Fairs => {
                self.fairs.set_page(page);
                self.render_fairs(frame, body, ctx);
            }
        }
    }

    /// The records' count for the published years and the years since, up to the one on
    /// screen (at most six), zeros included.
    fn records_series(&self, published: &[(i64, i64)], year: i32) -> Vec<(i64, i64)> {
        let first = published
            .first()
            .map(|(y, _)| *y)
            .unwrap_or(i64::from(year));
        let last = i64::from(year).max(published.last().map(|(y, _)| *y).unwrap_or(first));
        let first = first.max(last - 5);
        (first..=last)
            .map(|y| {
                let n = self
                    .records_by_year
                    .iter()
                    .find(|(ry, _)| i64::from(*ry) == y)
                    .map(|(_, n)| *n)
                    .unwrap_or(0);
                (y, n)
            })
            .collect()
    }

    fn view_line(&self, ctx: &PaneCtx, which: Which) -> Line<'static> {
        let (lang, theme) = (ctx.lang, ctx.theme);
        let (text, total) = match which {
            Which::Placements => (&self.filter.text, self.list.total),
            Which::Fairs => (&self.fair_filter.text, self.fairs.total),
        };
        if self.editing || !text.is_empty() {
            return filter_line(ctx, text, self.editing, lang.count(total));
        }
        let archived = if self.showing_archived(which) {
            format!(" ({})", lang.t("domestic.archived"))
        } else {
            String::new()
        };
        let what = match which {
            // The archived ones are listed without the year's live figures.
            Which::Placements if self.showing_archived(which) => format!(
                "{} {}{archived}: {}",
                lang.t("domestic.title"),
                ctx.year,
                lang.count(total)
            ),
            Which::Placements => format!(
                "{} {}{archived}: {} · AKL {} · AKAD {}",
                lang.t("domestic.title"),
                ctx.year,
                lang.count(total),
                lang.count(self.year_kinds.0),
                lang.count(self.year_kinds.1)
            ),
            Which::Fairs => format!(
                "{} {}{archived}: {}",
                lang.t("domestic.fairs_title"),
                ctx.year,
                lang.count(total)
            ),
        };
        Line::from(vec![
            Span::styled(what, theme.header()),
            Span::styled(
                format!(
                    "   {}",
                    ctx.keys(Context::PLACEMENTS, &[Action::SwitchView])
                ),
                theme.dim(),
            ),
        ])
    }

    fn render_placements(&self, frame: &mut Frame, body: Rect, ctx: &PaneCtx) {
        let (lang, theme) = (ctx.lang, ctx.theme);
        if self.list.total == 0 {
            let filtered = !self.filter.text.is_empty();
            let words = ("domestic.empty", "domestic.no_match");
            return nothing_listed(frame, body, ctx, Context::PLACEMENTS, filtered, words);
        }
        let mut table = DataTable::new(vec![
            Column::new(lang.t("col.name"), 14, 14, 9).fill(),
            Column::fixed(lang.t("col.nik"), 4, 3),
            Column::fixed(lang.t("col.sex"), 3, 6),
            Column::new(lang.t("col.kecamatan"), 9, 12, 8).measure(),
            Column::new(lang.t("domestic.col.employer"), 10, 20, 6).measure(),
            Column::fixed(lang.t("domestic.col.kind"), 5, 8),
            Column::new(lang.t("field.how"), 8, 11, 7).measure(),
            Column::fixed(lang.t("domestic.col.date"), 10, 8),
        ])
        .header_style(theme.header());
        for (i, r) in self.list.rows.iter().enumerate() {
            let style = if self.list.offset + i as i64 == self.list.selected {
                theme.selected()
            } else {
                Style::default()
            };
            table.row(placement_row(r, lang), style);
        }
        table.render(frame, body);
    }

    fn render_fairs(&self, frame: &mut Frame, body: Rect, ctx: &PaneCtx) {
        let (lang, theme) = (ctx.lang, ctx.theme);
        if self.fairs.total == 0 {
            let filtered = !self.fair_filter.text.is_empty();
            let words = ("domestic.fairs_empty", "domestic.no_match");
            return nothing_listed(frame, body, ctx, Context::PLACEMENTS, filtered, words);
        }
        let n = |v: Option<i64>| v.map(|v| lang.count(v)).unwrap_or_default();
        let mut table = DataTable::new(vec![
            Column::new(lang.t("field.fair_name"), 14, 20, 9).fill(),
            Column::fixed(lang.t("domestic.col.date"), 10, 8),
            Column::new(lang.t("field.place"), 6, 20, 6).measure(),
            Column::new(lang.t("domestic.col.companies"), 4, 10, 5)
                .short(lang.t("domestic.col.companies_short"))
                .measure()
                .right(),
            Column::new(lang.t("domestic.col.vacancies"), 6, 10, 5)
                .short(lang.t("domestic.col.vacancies_short"))
                .measure()
                .right(),
            Column::new(lang.t("domestic.col.visitors"), 7, 10, 4)
                .short(lang.t("domestic.col.visitors_short"))
                .measure()
                .right(),
            Column::new(lang.t("domestic.col.placed"), 6, 11, 7)
                .short(lang.t("domestic.col.placed_short"))
                .measure()
                .right(),
        ])
        .header_style(theme.header());
        for (i, r) in self.fairs.rows.iter().enumerate() {
            let style = if self.fairs.offset + i as i64 == self.fairs.selected {
                theme.selected()
            } else {
                Style::default()
            };
            table.row(
                vec![
                    r.name.clone(),
                    display_iso(&r.held_on),
                    r.place.clone(),
                    n(r.companies),
                    n(r.vacancies),
                    n(r.visitors),
                    lang.count(r.placements),
                ],
                style,
            );
        }
        table.render(frame, body);
    }
}

fn placement_row(r: &DomesticListRow, lang: Lang) -> Vec<String> {
    let n = r.nik_masked.chars().count();
    let tail: String = r.nik_masked.chars().skip(n.saturating_sub(4)).collect();
    let how = How::parse(&r.how)
        .map(|h| h.label(lang).to_string())
        .unwrap_or_else(|_| r.how.clone());
    vec![
        r.name.clone(),
        tail,
        r.sex.clone(),
        r.kecamatan.clone(),
        r.employer.clone(),
        r.kind.clone(),
        how,
        display_iso(&r.placed_on),
    ]
}
