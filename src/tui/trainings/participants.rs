//! One training's participants: a windowed list (masked NIK), the training's counts on top.

use super::{date_span, employment_label, percent_employed, yes_no};
use crate::store::{
    Store, StoreError, TraineeFilter, TraineeListRow, TrainingCounts, TrainingListRow,
};
use crate::tui::filter::{filter_line, nothing_listed};
use crate::tui::keymap::{Action, Context};
use crate::tui::pane::PaneCtx;
use crate::tui::table::{Column, DataTable};
use crate::tui::window::ListWindow;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
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
                date_span(training.start_date.as_deref(), training.end_date.as_deref())
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
            lang.count(c.participants),
            lang.t("trainings.participants"),
            lang.count(c.graduated),
            lang.t("trainings.graduated"),
            lang.count(c.employed),
            lang.t("trainings.employed"),
        );
        if c.own_business > 0 {
            counts.push_str(&format!(
                " ({} {})",
                lang.count(c.own_business),
                lang.t("trainings.emp.wirausaha")
            ));
        }
        counts.push_str(&format!(
            " = {}% · {} {}",
            percent_employed(c, lang),
            lang.count(c.unknown),
            lang.t("trainings.emp.unknown")
        ));
        let third = if let Some(name) = marking {
            marking_line(name, ctx)
        } else if editing || !self.filter.text.is_empty() {
            filter_line(ctx, &self.filter.text, editing, lang.count(self.list.total))
        } else {
            Line::styled(
                ctx.keys(
                    Context::TRAININGS,
                    &[
                        Action::Open,
                        Action::MarkEmployed,
                        Action::FollowUp,
                        Action::Filter,
                        Action::Cancel,
                    ],
                ),
                theme.dim(),
            )
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
            let filtered = !self.filter.text.is_empty();
            let words = ("trainings.participants_empty", "trainings.no_match");
            return nothing_listed(frame, body, ctx, Context::TRAININGS, filtered, words);
        }
        let number_width =
            crate::tui::window::id_column_width(self.list.rows.iter().map(|r| r.id), 5);
        let mut table = DataTable::new(vec![
            Column::fixed(lang.t("trainings.col.no"), number_width, 9),
            Column::new(lang.t("trainings.col.name"), 12, 26, 4).fill(),
            Column::fixed(lang.t("trainings.col.nik"), 4, 8),
            Column::fixed(lang.t("trainings.col.sex"), 3, 8),
            Column::new(lang.t("trainings.col.kecamatan"), 9, 12, 8),
            Column::new(lang.t("trainings.col.graduated"), 5, 5, 7),
            Column::new(lang.t("trainings.col.certified"), 7, 7, 7),
            Column::new(lang.t("trainings.col.employment"), 12, 15, 6),
        ])
        .header_style(theme.header());
        for (i, r) in self.list.rows.iter().enumerate() {
            let style = if self.list.offset + i as i64 == self.list.selected {
                theme.selected()
            } else if r.employment.is_none() && r.graduated {
                // still to find out: the officer's work
                theme.warning()
            } else {
                Style::default()
            };
            table.row(
                vec![
                    r.id.to_string(),
                    r.name.clone(),
                    last4(&r.nik_masked),
                    r.sex.clone(),
                    r.kecamatan.clone(),
                    yes_no(r.graduated, lang).to_string(),
                    yes_no(r.certified, lang).to_string(),
                    employment_label(r.employment.as_deref(), lang).to_string(),
                ],
                style,
            );
        }
        table.render(frame, body);
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
        Span::styled(second_keys(ctx), ctx.theme.header()),
    ])
}

/// The employment marks: the keys that follow the one already pressed, with what each
/// records ("b bekerja · u wirausaha · t tidak bekerja").
fn second_keys(ctx: &PaneCtx) -> String {
    MARKS
        .iter()
        .map(|&a| {
            let key = ctx.key(Context::TRAININGS, a);
            let second = key.rsplit(' ').next().unwrap_or_default().to_string();
            format!("{second} {}", crate::tui::help::describe(a, ctx.lang))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The three ways a call's result is recorded.
const MARKS: [Action; 3] = [
    Action::MarkEmployed,
    Action::MarkSelfEmployed,
    Action::MarkNotWorking,
];

/// The marks and the months in one short hint for the follow-up list:
/// "w b/u/t catat hasil · +/- bulan".
pub fn follow_up_keys(ctx: &PaneCtx) -> String {
    let labels: Vec<String> = MARKS
        .iter()
        .map(|&a| ctx.key(Context::TRAININGS, a))
        .collect();
    let firsts: Vec<&str> = labels
        .iter()
        .map(|l| l.split(' ').next().unwrap_or_default())
        .collect();
    let marks = if labels.iter().all(|l| l.contains(' ')) && firsts.iter().all(|f| *f == firsts[0])
    {
        let seconds: Vec<&str> = labels
            .iter()
            .map(|l| l.rsplit(' ').next().unwrap_or_default())
            .collect();
        format!("{} {}", firsts[0], seconds.join("/"))
    } else {
        labels.join("/")
    };
    let more = ctx.key(Context::TRAININGS, Action::MoreMonths);
    let fewer = ctx.key(Context::TRAININGS, Action::FewerMonths);
    format!(
        "{marks} {} · {more}/{fewer} {} · {}",
        ctx.lang.t("trainings.mark_result"),
        ctx.lang.t("trainings.months_word"),
        ctx.keys(Context::TRAININGS, &[Action::Open, Action::Cancel])
    )
}
