//! Pane 7, Pencari Kerja: the year's job seeker registrations (latest first, filterable)
//! under the year's figures (registered, placed, expired, active). Record actions (open,
//! edit, status move, archive, restore, history, the six-monthly report from the detail)
//! go to the app's overlays. The keymap's `[jobseekers]` table has no keys of its own yet.

use super::filter::{filter_line, nothing_listed};
use super::keymap::{Action, Context};
use super::pane::{Pane, PaneCtx, PaneEffect, Selected};
use super::records::Kind;
use super::table::{Column, DataTable};
use super::window::ListWindow;
use crate::domain::date::display_iso;
use crate::domain::jobseeker::EXPIRED;
use crate::i18n::Lang;
use crate::report::jobseekers::jobseekers_table_on;
use crate::store::{JobseekerCounts, JobseekerFilter, JobseekerListRow, Store, StoreError};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::collections::BTreeMap;

const HEADER_LINES: u16 = 2;

#[derive(Debug, Default)]
pub struct JobseekersPane {
    pub filter: JobseekerFilter,
    /// The filter line has the keyboard.
    pub filter_editing: bool,
    pub list: ListWindow<JobseekerListRow>,
    pub counts: Option<JobseekerCounts>,
}

impl Pane for JobseekersPane {
    fn title(&self) -> &'static str {
        "pane.jobseekers"
    }

    fn context(&self) -> Context {
        Context::JOBSEEKERS
    }

    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        if self.filter.year != Some(ctx.year) {
            self.filter.year = Some(ctx.year);
            self.list.reset();
            self.counts = None;
        }
        if self.counts.is_none() {
            self.counts = Some(store.jobseeker_counts(ctx.year, ctx.today, None)?);
        }
        let (filter, today) = (&self.filter, ctx.today);
        self.list.refresh(
            || store.count_jobseekers(filter, today),
            |offset, limit| store.list_jobseekers(filter, today, offset, limit),
        )
    }

    fn needs_refresh(&self) -> bool {
        self.list.stale
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        if area.height < HEADER_LINES + 3 {
            return;
        }
        let lines = vec![self.figures_line(ctx), self.view_line(ctx)];
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
        self.list.set_page(i64::from(body.height.saturating_sub(1)));
        self.render_list(frame, body, ctx);
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        if self.list.apply(action) {
            return PaneEffect::None;
        }
        match action {
            Action::Filter => {
                self.filter_editing = true;
                PaneEffect::None
            }
            Action::New => PaneEffect::New {
                kind: Kind::Jobseeker,
                values: BTreeMap::new(),
                hidden: BTreeMap::new(),
            },
            Action::Export => PaneEffect::Export(
                "pencari_kerja",
                jobseekers_table_on(store, ctx.year, ctx.today),
            ),
            Action::Open
            | Action::Edit
            | Action::Status
            | Action::Archive
            | Action::Restore
            | Action::History => PaneEffect::on(
                self.list
                    .selected_row()
                    .map(|r| Selected::seen(Kind::Jobseeker, r.id, r.version)),
                action,
            ),
            _ => PaneEffect::None,
        }
    }

    fn filter(&mut self) -> Option<(&mut String, &mut bool)> {
        Some((&mut self.filter.text, &mut self.filter_editing))
    }

    fn filter_changed(&mut self) {
        self.list.reset();
    }

    fn invalidate(&mut self) {
        self.list.invalidate();
        self.counts = None;
    }

    fn toggle_archived(&mut self) -> bool {
        self.filter.archived = !self.filter.archived;
        self.list.reset();
        true
    }

    fn showing_archived(&self) -> bool {
        self.filter.archived
    }
}

/// A status in the officer's words (`kedaluwarsa` → "expired" in English).
pub fn status_label(status: &str, lang: Lang) -> String {
    let key = format!("jobseekers.status.{status}");
    match lang.t(&key) {
        t if t == key => status.to_string(),
        t => t.to_string(),
    }
}

impl JobseekersPane {
    /// `2024: 12 terdaftar · 3 ditempatkan · 1 kedaluwarsa · 8 aktif`.
    fn figures_line(&self, ctx: &PaneCtx) -> Line<'static> {
        let lang = ctx.lang;
        let Some(c) = self.counts else {
            return Line::raw("");
        };
        Line::styled(
            format!(
                "{}: {} {} · {} {} · {} {} · {} {}",
                self.filter.year.unwrap_or(ctx.year),
                lang.count(c.registered),
                lang.t("jobseekers.registered"),
                lang.count(c.placed),
                lang.t("jobseekers.placed"),
                lang.count(c.expired),
                lang.t("jobseekers.expired"),
                lang.count(c.active),
                lang.t("jobseekers.active"),
            ),
            ctx.theme.header(),
        )
    }

    /// The filter line while words are typed, else what the list holds and the year keys.
    fn view_line(&self, ctx: &PaneCtx) -> Line<'static> {
        let lang = ctx.lang;
        if self.filter_editing || !self.filter.text.is_empty() {
            return filter_line(
                ctx,
                &self.filter.text,
                self.filter_editing,
                lang.count(self.list.total),
            );
        }
        let key = if self.filter.archived {
            "jobseekers.archived"
        } else {
            "jobseekers.all"
        };
        Line::from(vec![
            Span::styled(
                format!(
                    "{} {}: {}",
                    lang.t(key),
                    self.filter.year.unwrap_or(ctx.year),
                    lang.count(self.list.total)
                ),
                ctx.theme.header(),
            ),
            Span::styled(
                format!("   {}", ctx.year_keys(Context::JOBSEEKERS)),
                ctx.theme.dim(),
            ),
        ])
    }

    fn render_list(&self, frame: &mut Frame, body: Rect, ctx: &PaneCtx) {
        let (lang, theme) = (ctx.lang, ctx.theme);
        if self.list.total == 0 {
            let filtered = !self.filter.text.is_empty();
            let words = ("jobseekers.empty", "jobseekers.no_match");
            return nothing_listed(frame, body, ctx, Context::JOBSEEKERS, filtered, words);
        }
        let mut table = DataTable::new(vec![
            Column::fixed(lang.t("jobseekers.col.number"), 15, 6),
            Column::new(lang.t("col.name"), 10, 20, 9).fill(),
            Column::fixed(lang.t("col.sex"), 3, 5),
            Column::new(lang.t("col.kecamatan"), 9, 12, 7).measure(),
            Column::new(lang.t("jobseekers.col.education"), 5, 6, 4).measure(),
            Column::fixed(lang.t("jobseekers.col.registered"), 10, 3),
            Column::new(lang.t("col.status"), 6, 11, 8).measure(),
        ])
        .header_style(theme.header());
        for (i, r) in self.list.rows.iter().enumerate() {
            let selected = self.list.offset + i as i64 == self.list.selected;
            let style = match r.status.as_str() {
                "ditempatkan" | "dicabut" => theme.closed(),
                EXPIRED => theme.warning(),
                _ => ratatui::style::Style::default(),
            };
            let style = if selected {
                style.patch(theme.selected())
            } else {
                style
            };
            table.row(
                vec![
                    r.registration_no.clone(),
                    r.name.clone(),
                    r.sex.clone(),
                    r.kecamatan.clone(),
                    r.education.clone(),
                    display_iso(&r.registered_on),
                    status_label(&r.status, lang),
                ],
                style,
            );
        }
        table.render(frame, body);
    }
}
