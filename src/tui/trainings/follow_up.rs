//! The follow-up list: graduates whose employment is still unknown N months after their
//! training ended, with their phone numbers, the longest waiting first.

use super::participants::{follow_up_keys, last4, marking_line};
use crate::domain::date::{display_iso, Date};
use crate::store::{FollowUpRow, Store, StoreError};
use crate::tui::pane::PaneCtx;
use crate::tui::table::{Column, DataTable};
use crate::tui::window::ListWindow;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Months after the training before a graduate is called.
pub const DEFAULT_MONTHS: u32 = 3;
const MAX_MONTHS: u32 = 36;
const HEADER_ROWS: u16 = 2;

#[derive(Debug)]
pub struct FollowUp {
    pub months: u32,
    pub list: ListWindow<FollowUpRow>,
}

impl Default for FollowUp {
    fn default() -> Self {
        FollowUp {
            months: DEFAULT_MONTHS,
            list: ListWindow::default(),
        }
    }
}

impl FollowUp {
    pub fn change_months(&mut self, delta: i32) {
        let m = i64::from(self.months) + i64::from(delta);
        self.months = m.clamp(0, i64::from(MAX_MONTHS)) as u32;
        self.list.reset();
    }

    pub fn refresh(&mut self, store: &Store, today: Date) -> Result<(), StoreError> {
        let months = self.months;
        self.list.refresh(
            || store.count_follow_up(today, months),
            |offset, limit| store.follow_up_list(today, months, offset, limit),
        )
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx, marking: Option<&str>) {
        if area.height < HEADER_ROWS + 3 {
            return;
        }
        let (lang, theme) = (ctx.lang, ctx.theme);
        self.list
            .set_page(i64::from(area.height.saturating_sub(HEADER_ROWS + 1)));
        let title = format!(
            "{}: {} {} ≥ {} {}",
            lang.t("trainings.follow_up"),
            lang.count(self.list.total),
            lang.t("trainings.follow_up_who"),
            self.months,
            lang.t("trainings.follow_up_months"),
        );
        let second = match marking {
            Some(name) => marking_line(name, ctx),
            None => Line::styled(follow_up_keys(ctx), theme.dim()),
        };
        frame.render_widget(
            Paragraph::new(vec![Line::styled(title, theme.header()), second]),
            Rect::new(area.x, area.y, area.width, HEADER_ROWS),
        );
        let body = Rect::new(
            area.x,
            area.y + HEADER_ROWS,
            area.width,
            area.height - HEADER_ROWS,
        );
        if self.list.total == 0 {
            frame.render_widget(
                Paragraph::new(lang.t("trainings.follow_up_empty")).style(theme.dim()),
                body,
            );
            return;
        }
        let mut table = DataTable::new(vec![
            Column::new(lang.t("trainings.col.name"), 12, 26, 4).fill(),
            Column::fixed(lang.t("trainings.col.nik"), 4, 8),
            Column::new(lang.t("trainings.col.phone"), 14, 15, 9),
            Column::new(lang.t("trainings.col.kecamatan"), 9, 12, 8),
            Column::new(lang.t("trainings.col.training"), 10, 24, 3),
            Column::fixed(lang.t("trainings.col.ended"), 10, 8),
        ])
        .header_style(theme.header());
        for (i, r) in self.list.rows.iter().enumerate() {
            // Without a recorded end the training counts from 31 December: say only the year.
            let ended = if r.end_known {
                display_iso(&r.training_end)
            } else {
                r.year.to_string()
            };
            let phone = if r.phone.is_empty() {
                lang.t("trainings.no_phone").to_string()
            } else {
                r.phone.clone()
            };
            let style = if self.list.offset + i as i64 == self.list.selected {
                theme.selected()
            } else {
                Style::default()
            };
            table.row(
                vec![
                    r.name.clone(),
                    last4(&r.nik_masked),
                    phone,
                    r.kecamatan.clone(),
                    r.scheme.clone(),
                    ended,
                ],
                style,
            );
        }
        table.render(frame, body);
    }
}
