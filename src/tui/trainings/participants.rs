//! One training's participants: a windowed list (masked NIK), the training's counts on top.

use super::{date_span, employment_label, percent_employed, yes_no};
use crate::store::{
    Store, StoreError, TraineeFilter, TraineeListRow, TrainingCounts, TrainingListRow,
};
use crate::tui::cases::fmt_thousands;
use crate::tui::pane::PaneCtx;
use crate::tui::window::ListWindow;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};
use ratatui::Frame;

const HEADER_ROWS: u16 = 3;

#[derive(Debug)]
pub struct Participants {
    pub training_id: i64,
    /// `Barista · 2024 · DAU · 01/07–12/07`, as the list showed it.
    title: String,
    pub filter: TraineeFilter,
    pub list: ListWindow<TraineeListRow>,
    counts: TrainingCounts,
    stale_counts: bool,
}

impl Participants {
    pub fn new(training: &TrainingListRow) -> Participants {
        Participants {
            training_id: training.id,
            title: format!(
                "#{} {} · {} · {} · {}",
                training.id,
                training.scheme,
                training.year,
                training.funding_source,
                date_span(
                    training.start_date.as_deref(),
                    training.end_date.as_deref(),
                    training.year
                )
            ),
            filter: TraineeFilter::default(),
            list: ListWindow::default(),
            counts: training.counts,
            stale_counts: true,
        }
    }

    pub fn invalidate(&mut self) {
        self.list.invalidate();
        self.stale_counts = true;
    }

    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.stale_counts {
            self.counts = store.training_counts(self.training_id)?;
            self.stale_counts = false;
        }
        let (id, filter) = (self.training_id, &self.filter);
        self.list.refresh(
            || store.count_trainees(id, filter),
            |offset, limit| store.list_trainees(id, filter, offset, limit),
        )
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        ctx: &PaneCtx,
        editing: bool,
        marking: Option<&str>,
    ) {
        if area.height < HEADER_ROWS + 3 {
            return;
        }
        let (lang, theme) = (ctx.lang, ctx.theme);
        self.list
            .set_page(i64::from(area.height.saturating_sub(HEADER_ROWS + 1)));
        let c = &self.counts;
        // Graduated and certified per person are in the rows; the line keeps to 80 columns.
        let mut counts = format!(
            "{} {} · {} {} · {} {}",
            fmt_thousands(c.participants),
            lang.t("trainings.participants"),
            fmt_thousands(c.graduated),
            lang.t("trainings.graduated"),
            fmt_thousands(c.employed),
            lang.t("trainings.employed"),
        );
        if c.own_business > 0 {
            counts.push_str(&format!(
                " ({} {})",
                fmt_thousands(c.own_business),
                lang.t("trainings.emp.wirausaha")
            ));
        }
        counts.push_str(&format!(
            " = {}% · {} {}",
            percent_employed(c),
            fmt_thousands(c.unknown),
            lang.t("trainings.emp.unknown")
        ));
        let third = if let Some(name) = marking {
            marking_line(name, ctx)
        } else if editing || !self.filter.text.is_empty() {
            let cursor = if editing { "█" } else { "" };
            Line::from(vec![
                Span::styled(format!("{}: ", lang.t("trainings.filter")), theme.header()),
                Span::raw(format!("{}{cursor}", self.filter.text)),
                Span::styled(
                    format!(
                        "  ({} {})",
                        fmt_thousands(self.list.total),
                        lang.t("trainings.matches")
                    ),
                    theme.dim(),
                ),
            ])
        } else {
            Line::styled(lang.t("trainings.participant_keys"), theme.dim())
        };
        let lines = vec![
            Line::styled(
                format!("{}: {}", lang.t("trainings.participants_of"), self.title),
                theme.header(),
            ),
            Line::raw(counts),
            third,
        ];
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(area.x, area.y, area.width, HEADER_ROWS),
        );
        let body = Rect::new(
            area.x,
            area.y + HEADER_ROWS,
            area.width,
            area.height - HEADER_ROWS,
        );
        if self.list.total == 0 {
            let msg = if self.filter.text.is_empty() {
                lang.t("trainings.participants_empty")
            } else {
                lang.t("trainings.no_match")
            };
            frame.render_widget(Paragraph::new(msg).style(theme.dim()), body);
            return;
        }
        let header = Row::new(vec![
            lang.t("trainings.col.no"),
            lang.t("trainings.col.name"),
            lang.t("trainings.col.nik"),
            lang.t("trainings.col.sex"),
            lang.t("trainings.col.kecamatan"),
            lang.t("trainings.col.graduated"),
            lang.t("trainings.col.certified"),
            lang.t("trainings.col.employment"),
        ])
        .style(theme.header());
        let rows: Vec<Row> = self
            .list
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let row = Row::new(vec![
                    r.id.to_string(),
                    r.name.clone(),
                    last4(&r.nik_masked),
                    r.sex.clone(),
                    r.kecamatan.clone(),
                    yes_no(r.graduated, lang).to_string(),
                    yes_no(r.certified, lang).to_string(),
                    employment_label(r.employment.as_deref(), lang).to_string(),
                ]);
                if self.list.offset + i as i64 == self.list.selected {
                    row.style(theme.selected())
                } else if r.employment.is_none() && r.graduated {
                    // still to find out: the officer's work
                    row.style(theme.warning())
                } else {
                    row
                }
            })
            .collect();
        let widths = [
            Constraint::Length(5),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(3),
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(15),
        ];
        frame.render_widget(
            Table::new(rows, widths).header(header).column_spacing(1),
            body,
        );
    }
}

/// The last four digits of a masked NIK.
pub fn last4(masked: &str) -> String {
    masked
        .chars()
        .skip(masked.chars().count().saturating_sub(4))
        .collect()
}

/// The second key of the two-key action, asked for in the hint line.
pub fn marking_line(name: &str, ctx: &PaneCtx) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{} {name}: ", ctx.lang.t("trainings.mark_for")),
            ctx.theme.warning(),
        ),
        Span::styled(ctx.lang.t("trainings.mark_keys"), ctx.theme.header()),
    ])
}
