//! Pane 1, Kasus PMI: the windowed list of cases with its filter line and year summary.
//! Only the rows on screen are read from the store, so a million cases scroll as fast as ten.

use super::theme::Theme;
use super::window::ListWindow;
use crate::domain::date::Date;
use crate::i18n::Lang;
use crate::store::{CaseFilter, CaseListRow, CaseYearStats, Store, StoreError};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};
use ratatui::Frame;

#[derive(Debug, Default)]
pub struct CasesPane {
    pub filter: CaseFilter,
    /// The filter line has the keyboard.
    pub filter_editing: bool,
    pub list: ListWindow<CaseListRow>,
    pub stats: CaseYearStats,
    stale_stats: bool,
}

impl CasesPane {
    pub fn new() -> CasesPane {
        CasesPane {
            stale_stats: true,
            ..CasesPane::default()
        }
    }

    pub fn selected_row(&self) -> Option<&CaseListRow> {
        self.list.selected_row()
    }

    /// Everything must be read again (filter changed, a save, another officer's change).
    pub fn invalidate(&mut self) {
        self.list.invalidate();
        self.stale_stats = true;
    }

    /// Read what is stale from the store.
    pub fn refresh(&mut self, store: &Store, year: i32, today: Date) -> Result<(), StoreError> {
        if self.stale_stats {
            self.stats = store.case_year_stats(year, today)?;
            self.stale_stats = false;
        }
        let filter = &self.filter;
        self.list.refresh(
            || store.count_cases(filter),
            |offset, limit| store.list_cases(filter, offset, limit),
        )
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        lang: Lang,
        theme: &Theme,
        year: i32,
        today: Date,
    ) {
        if area.height < 4 {
            return;
        }
        self.list.set_page(i64::from(area.height.saturating_sub(2)));
        let top = Rect::new(area.x, area.y, area.width, 1);
        let line = if self.filter_editing || !self.filter.text.is_empty() {
            let cursor = if self.filter_editing { "█" } else { "" };
            Line::from(vec![
                Span::styled(format!("{}: ", lang.t("cases.filter")), theme.header()),
                Span::raw(format!("{}{cursor}", self.filter.text)),
                Span::styled(
                    format!(
                        "  ({} {})",
                        count_label(self.list.total),
                        lang.t("cases.matches")
                    ),
                    theme.dim(),
                ),
            ])
        } else {
            let mut spans = vec![Span::styled(
                format!(
                    "{year}: {} {} · {} {}",
                    fmt_thousands(self.stats.reported),
                    lang.t("cases.year_summary"),
                    fmt_thousands(self.stats.open),
                    lang.t("cases.open"),
                ),
                theme.header(),
            )];
            if self.stats.overdue > 0 {
                spans.push(Span::raw(" · "));
                spans.push(Span::styled(
                    format!(
                        "{} {}",
                        fmt_thousands(self.stats.overdue),
                        lang.t("cases.overdue")
                    ),
                    theme.overdue(),
                ));
            }
            Line::from(spans)
        };
        frame.render_widget(Paragraph::new(line), top);

        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
        if self.list.total == 0 {
            let msg = if self.filter.text.is_empty() {
                lang.t("cases.empty")
            } else {
                lang.t("cases.no_match")
            };
            frame.render_widget(Paragraph::new(msg).style(theme.dim()), body);
            return;
        }
        let header = Row::new(vec![
            lang.t("col.id"),
            lang.t("col.name"),
            lang.t("col.nik"),
            lang.t("col.kecamatan"),
            lang.t("col.country"),
            lang.t("col.category"),
            lang.t("col.status"),
            lang.t("col.followup"),
        ])
        .style(theme.header());
        let rows: Vec<Row> = self
            .list
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let overdue = r.is_overdue(today);
                let nik_tail: String = r
                    .nik_masked
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let followup = match (&r.next_followup, overdue) {
                    (Some(d), true) => format!("!{}", short_date(d)),
                    (Some(d), false) => short_date(d),
                    (None, _) => String::new(),
                };
                let mut style = if overdue {
                    theme.overdue()
                } else if r.status == "ditutup" {
                    theme.closed()
                } else {
                    Style::default()
                };
                if self.list.offset + i as i64 == self.list.selected {
                    style = style.patch(theme.selected());
                }
                Row::new(vec![
                    r.id.to_string(),
                    r.name.clone(),
                    nik_tail,
                    r.kecamatan.clone(),
                    r.country.clone(),
                    r.category.clone(),
                    r.status.clone(),
                    followup,
                ])
                .style(style)
            })
            .collect();
        let widths = [
            Constraint::Length(6),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(12),
            Constraint::Length(10),
            Constraint::Length(9),
            Constraint::Length(10),
            Constraint::Length(9),
        ];
        frame.render_widget(
            Table::new(rows, widths).header(header).column_spacing(1),
            body,
        );
    }
}

/// `2026-11-05` → `05-11-26`: short enough for the list, unambiguous to an officer.
fn short_date(iso: &str) -> String {
    match Date::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d-%m-%y").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// A count that may have stopped at the cap: `10.000+`.
fn count_label(n: i64) -> String {
    if n > crate::store::COUNT_CAP {
        format!("{}+", fmt_thousands(crate::store::COUNT_CAP))
    } else {
        fmt_thousands(n)
    }
}

/// `1234567` → `1.234.567` (Indonesian grouping).
pub fn fmt_thousands(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}
