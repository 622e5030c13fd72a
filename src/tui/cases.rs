//! Pane 1, Kasus PMI: the windowed list of cases with its filter line and year summary.
//! Only the rows on screen are read from the store, so a million cases scroll as fast as ten.

use super::filter::{filter_line, nothing_listed};
use super::keymap::{Action, Context};
use super::pane::{Pane, PaneCtx, PaneEffect, Selected};
use super::records::Kind;
use super::table::{Column, DataTable};
use super::window::{ListWindow, WindowRead};
use crate::domain::date::{display_iso, Date};
use crate::domain::CaseStatus;
use crate::i18n::Lang;
use crate::store::{
    CaseAnchor, CaseFilter, CaseListRow, CaseYearStats, DueRow, Store, StoreError, COUNT_CAP,
};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct CasesPane {
    pub filter: CaseFilter,
    /// The filter line has the keyboard.
    pub filter_editing: bool,
    pub list: ListWindow<CaseListRow>,
    pub stats: CaseYearStats,
    stale_stats: bool,
    /// The filter's count, being finished between keys.
    counting: Option<Counting>,
    /// Where the list's rows were drawn last (empty when no list was drawn).
    pub rows_area: Rect,
    /// The worklist (what is due today or overdue) instead of the case list.
    pub worklist: bool,
    /// The worklist's window, most overdue first.
    pub due: ListWindow<DueRow>,
    /// Items due today or overdue, of the officer filtered by (the header's count).
    pub due_count: i64,
}

/// A filter's count made in steps after the frame: the first frame shows the matches on
/// screen with a count of at most [`PROBE`] ("100+"); the rest is counted a range of ids at
/// a time while no key waits (a million cases hold tens of thousands of "siti": counting
/// them all before the frame took 80 ms and more).
#[derive(Debug, Clone, Copy)]
struct Counting {
    /// Ids below this are still to be counted.
    below: i64,
    counted: i64,
    /// Ids per step, grown or shrunk so that a step takes about `STEP`.
    ids: i64,
}

/// The count a filter's first frame makes: a few screens (each match counted is a row read,
/// and on a cold cache a row read can be a disk read).
pub const PROBE: i64 = 100;
/// About how long one step of a count may keep a key waiting.
const STEP: Duration = Duration::from_millis(4);
/// Ids a count's first step reads, and the most a step reads: a step grown where matches
/// are few must not meet a crowded (or uncached) range at full size.
const FIRST_STEP_IDS: i64 = 4096;
const MOST_STEP_IDS: i64 = 32_768;
const LEAST_STEP_IDS: i64 = 64;

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

    /// The case selected on screen (in the case list or the worklist), with the version
    /// shown.
    fn selected_case(&self) -> Option<Selected> {
        if self.worklist {
            let r = self.due.selected_row()?;
            Some(Selected::seen(Kind::Case, r.case_id, r.version))
        } else {
            let r = self.list.selected_row()?;
            Some(Selected::seen(Kind::Case, r.id, r.version))
        }
    }

    /// Everything must be read again (filter changed, a save, another officer's change).
    pub fn invalidate(&mut self) {
        self.list.invalidate();
        self.due.invalidate();
        self.stale_stats = true;
    }

    /// The list shows only `officer`'s cases (None: everyone's), and so does the worklist.
    fn filter_officer(&mut self, officer: Option<String>) {
        self.filter.officer = officer;
        self.list.reset();
        self.due.reset();
        self.stale_stats = true;
    }

    /// Read what is stale from the store.
    fn read(&mut self, store: &Store, year: i32, today: Date) -> Result<(), StoreError> {
        if self.filter.year != Some(year) {
            // `[` / `]`: the list shows the cases reported in the chosen year.
            self.filter.year = Some(year);
            self.list.reset();
        }
        if self.stale_stats {
            self.stats = store.case_year_stats(year, today)?;
            self.due_count = store.count_due(today, self.filter.officer.as_deref())?;
            self.stale_stats = false;
        }
        if self.worklist {
            let officer = self.filter.officer.as_deref();
            return self.due.refresh(
                || store.count_due(today, officer),
                |offset, limit| store.due_window(today, officer, offset, limit),
            );
        }
        let filter = &self.filter;
        let words = filter.text.split_whitespace().next().is_some();
        if self.list.stale_count {
            self.counting = None;
        }
        let probed = std::cell::Cell::new(false);
        let counting = self.counting.is_some();
        self.list.refresh_near(
            || {
                if words {
                    // The rest is counted after the frame (`work`).
                    probed.set(true);
                    store.count_cases_upto(filter, PROBE)
                } else {
                    store.count_cases(filter)
                }
            },
            |read| {
                // A capped or unfinished count does not say where the bottom is.
                let exact =
                    !counting && !probed.get() && (read.total <= COUNT_CAP || !filter.needs_cap());
                let (anchor, skip) = plan_read(read, exact);
                store.list_cases_from(filter, anchor, skip, read.limit)
            },
        )?;
        if probed.get() && self.list.total >= PROBE {
            self.counting = Some(Counting {
                below: store.case_id_end()?,
                counted: 0,
                ids: FIRST_STEP_IDS,
            });
        }
        Ok(())
    }

    /// One step of the filter's count; true when it is finished (the count on screen
    /// changes).
    fn count_step(&mut self, store: &Store) -> Result<bool, StoreError> {
        let Some(mut c) = self.counting else {
            return Ok(false);
        };
        let lo = (c.below - c.ids).max(0);
        let started = Instant::now();
        // The smallest step runs to its end, so the count always moves on.
        let step = if c.ids <= LEAST_STEP_IDS {
            Some(store.count_cases_in(&self.filter, lo, c.below)?)
        } else {
            store.count_cases_in_time(&self.filter, lo, c.below, STEP * 2)?
        };
        let Some(n) = step else {
            // Given up: a smaller range next time.
            c.ids = (c.ids / 8).max(LEAST_STEP_IDS);
            self.counting = Some(c);
            return Ok(false);
        };
        let took = started.elapsed();
        c.counted += n;
        c.below = lo;
        if took < STEP / 2 {
            c.ids = (c.ids * 2).min(MOST_STEP_IDS);
        } else if took > STEP * 2 {
            c.ids = (c.ids / 4).max(LEAST_STEP_IDS);
        }
        // A short word is matched by scanning: its count stops at the cap, as before.
        let capped = self.filter.needs_cap() && c.counted > COUNT_CAP;
        if lo == 0 || capped {
            self.counting = None;
            self.list
                .set_total(if capped { COUNT_CAP + 1 } else { c.counted })?;
            return Ok(true);
        }
        // Rows already counted can be moved to before the count is finished.
        self.list.total = self.list.total.max(c.counted);
        self.counting = Some(c);
        Ok(false)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let (lang, theme, year, today) = (ctx.lang, ctx.theme, ctx.year, ctx.today);
        if area.height < 4 {
            return;
        }
        self.list.set_page(i64::from(area.height.saturating_sub(2)));
        self.due.set_page(i64::from(area.height.saturating_sub(2)));
        let top = Rect::new(area.x, area.y, area.width, 1);
        if self.worklist {
            return self.draw_worklist(frame, area, ctx);
        }
        let line = if self.filter_editing || !self.filter.text.is_empty() {
            let matches = if self.counting.is_some() {
                format!("{}+", lang.count(self.list.total))
            } else {
                count_label(self.list.total, lang)
            };
            filter_line(ctx, &self.filter.text, self.filter_editing, matches)
        } else {
            let mut spans = vec![Span::styled(
                format!(
                    "{year}: {} {} · {} {}",
                    lang.count(self.stats.reported),
                    lang.t("cases.year_summary"),
                    lang.count(self.stats.open),
                    lang.t("cases.open"),
                ),
                theme.header(),
            )];
            if self.due_count > 0 {
                // What is due today or overdue: the worklist's count.
                spans.push(Span::raw(" · "));
                spans.push(Span::styled(
                    format!("{} {}", lang.count(self.due_count), lang.t("cases.due")),
                    theme.overdue(),
                ));
            }
            spans.extend(self.officer_span(lang));
            Line::from(spans)
        };
        frame.render_widget(Paragraph::new(line), top);

        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
        self.rows_area = Rect::default();
        if self.list.total == 0 {
            let filtered = !self.filter.text.is_empty() || self.filter.officer.is_some();
            let words = ("cases.empty", "cases.no_match");
            return nothing_listed(frame, body, ctx, Context::CASES, filtered, words);
        }
        let ids = self.list.rows.iter().map(|r| r.id).collect::<Vec<_>>();
        let mut table = DataTable::new(case_columns(
            lang,
            self.list.number_width(ids.into_iter(), 6),
        ))
        .header_style(theme.header());
        for (i, r) in self.list.rows.iter().enumerate() {
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
            // A closed case has nothing left to follow up: its old date is not shown.
            let closed = r.status == CaseStatus::Ditutup.as_str();
            let followup = match (&r.next_followup, overdue) {
                (Some(_), _) if closed => String::new(),
                (Some(d), true) => format!("!{}", display_iso(d)),
                (Some(d), false) => display_iso(d),
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
            table.row(
                vec![
                    r.id.to_string(),
                    r.name.clone(),
                    nik_tail,
                    r.kecamatan.clone(),
                    r.country.clone(),
                    r.category.clone(),
                    r.status.clone(),
                    followup,
                ],
                style,
            );
        }
        table.render(frame, body);
        // Below the header row.
        self.rows_area = Rect::new(body.x, body.y + 1, body.width, body.height - 1);
    }
}

impl CasesPane {
    /// " · [budi]" while the lists show one officer's cases (short, like the bar's
    /// "[arsip]": the header line must keep its counts whole at 80 columns).
    fn officer_span(&self, _lang: Lang) -> Option<Span<'static>> {
        let officer = self.filter.officer.as_deref()?;
        Some(Span::raw(format!(" · [{officer}]")))
    }

    /// The worklist: what is due today or overdue, most overdue first.
    fn draw_worklist(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let (lang, theme, today) = (ctx.lang, ctx.theme, ctx.today);
        let top = Rect::new(area.x, area.y, area.width, 1);
        let mut spans = vec![Span::styled(
            format!(
                "{}: {}",
                lang.t("cases.worklist"),
                lang.count(self.due.total)
            ),
            theme.header(),
        )];
        spans.extend(self.officer_span(lang));
        frame.render_widget(Paragraph::new(Line::from(spans)), top);
        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
        self.rows_area = Rect::default();
        if self.due.total == 0 {
            let words = ("cases.worklist_empty", "cases.worklist_empty");
            return nothing_listed(frame, body, ctx, Context::CASES, false, words);
        }
        let ids = self.due.rows.iter().map(|r| r.case_id).collect::<Vec<_>>();
        let number = self.due.number_width(ids.into_iter(), 6);
        let mut table = DataTable::new(vec![
            Column::fixed(lang.t("col.id"), number, 9),
            Column::fixed(lang.t("col.due_on"), 10, 9),
            Column::new(lang.t("col.days_overdue"), 4, 4, 8).right(),
            Column::new(lang.t("col.what"), 7, 16, 8),
            Column::new(lang.t("col.kecamatan"), 9, 12, 6),
            Column::new(lang.t("col.category"), 9, 9, 5),
            Column::new(lang.t("col.officer"), 7, 12, 7),
            Column::new(lang.t("col.name"), 8, 22, 4).fill(),
        ])
        .header_style(theme.header());
        for (i, r) in self.due.rows.iter().enumerate() {
            let overdue = r.days_overdue(today);
            let mut style = if overdue > 0 {
                theme.overdue()
            } else {
                Style::default()
            };
            if self.due.offset + i as i64 == self.due.selected {
                style = style.patch(theme.selected());
            }
            table.row(
                vec![
                    r.case_id.to_string(),
                    display_iso(&r.due_on),
                    lang.count(overdue),
                    lang.t(&format!("due.what.{}", r.what)).to_string(),
                    r.kecamatan.clone(),
                    r.category.clone(),
                    r.officer.clone(),
                    r.name.clone(),
                ],
                style,
            );
        }
        table.render(frame, body);
    }
}

impl Pane for CasesPane {
    fn title(&self) -> &'static str {
        "pane.cases"
    }

    fn context(&self) -> Context {
        Context::CASES
    }

    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        self.read(store, ctx.year, ctx.today)
    }

    fn needs_refresh(&self) -> bool {
        if self.worklist {
            self.due.stale
        } else {
            self.list.stale
        }
    }

    fn has_work(&self) -> bool {
        self.counting.is_some()
    }

    fn work(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.count_step(store)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        self.draw(frame, area, ctx);
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        let moved = if self.worklist {
            self.due.apply(action)
        } else {
            self.list.apply(action)
        };
        if moved {
            return PaneEffect::None;
        }
        match action {
            Action::Worklist => {
                self.worklist = !self.worklist;
                self.due.reset();
                return PaneEffect::None;
            }
            Action::MyCases => {
                let me = store.officer().to_string();
                let mine = self.filter.officer.as_deref() == Some(me.as_str());
                self.filter_officer((!mine).then_some(me));
                return PaneEffect::None;
            }
            Action::ByOfficer => {
                // The next officer holding cases after the one shown, then everyone's again.
                let officers = match store.case_officers() {
                    Ok(o) => o,
                    Err(e) => return PaneEffect::Error(e.to_string()),
                };
                let next = match &self.filter.officer {
                    None => officers.first().cloned(),
                    Some(now) => officers.iter().find(|o| *o > now).cloned(),
                };
                self.filter_officer(next);
                return PaneEffect::None;
            }
            _ => {}
        }
        match action {
            Action::New => PaneEffect::New {
                kind: Kind::Case,
                values: Default::default(),
                hidden: Default::default(),
            },
            Action::Export => PaneEffect::Export(
                "kasus-pmi",
                crate::report::cases::case_summary(store, ctx.year),
            ),
            _ => PaneEffect::on(self.selected_case(), action),
        }
    }

    fn filter(&mut self) -> Option<(&mut String, &mut bool)> {
        if self.worklist {
            return None;
        }
        Some((&mut self.filter.text, &mut self.filter_editing))
    }

    fn footer(&self) -> Vec<Action> {
        vec![
            Action::New,
            Action::Open,
            Action::Status,
            Action::Worklist,
            Action::Filter,
            Action::History,
            Action::Help,
            Action::Quit,
        ]
    }

    fn filter_changed(&mut self) {
        self.list.reset();
    }

    fn invalidate(&mut self) {
        CasesPane::invalidate(self);
    }

    fn scrolling_rows(&self) -> Option<(Rect, i64)> {
        (!self.rows_area.is_empty() && !self.worklist).then_some((self.rows_area, self.list.offset))
    }

    fn toggle_archived(&mut self) -> bool {
        self.filter.archived = !self.filter.archived;
        self.list.reset();
        true
    }

    fn showing_archived(&self) -> bool {
        self.filter.archived
    }

    fn saved(&mut self, kind: Kind, _id: i64, new: bool) {
        if new && kind == Kind::Case && self.filter.text.is_empty() {
            // a new case is the newest: show it selected at the top
            self.list.reset();
        }
    }
}

/// Where to count a window from so that the store walks the fewest index entries: the top,
/// the bottom (when the count is exact) or the nearest row that was on screen.
pub fn plan_read(read: &WindowRead<'_, CaseListRow>, exact_total: bool) -> (CaseAnchor, i64) {
    let (offset, end) = (read.offset, read.offset + read.limit);
    let mut best = (CaseAnchor::Top, offset);
    let mut consider = |anchor: CaseAnchor, skip: i64| {
        if skip >= 0 && skip < best.1 {
            best = (anchor, skip);
        }
    };
    if exact_total {
        consider(CaseAnchor::Bottom, read.total - end);
    }
    for (i, row) in read.seen.iter().enumerate() {
        let at = read.seen_offset + i as i64;
        if at < offset {
            consider(CaseAnchor::After(row.id), offset - at - 1);
        } else if at >= end {
            consider(CaseAnchor::Before(row.id), at - end);
        }
    }
    best
}

/// The case list's columns: at 80 columns every one at its minimum and Nama what is left;
/// wider, the cut ones (Negara, Kecamatan, the full "Tindak lanjut") are whole before Nama
/// grows. The widths hold while the list scrolls (nothing is measured from the rows).
fn case_columns(lang: Lang, number_width: u16) -> Vec<Column> {
    vec![
        Column::fixed(lang.t("col.id"), number_width, 9),
        Column::new(lang.t("col.name"), 12, 22, 4).fill(),
        Column::fixed(lang.t("col.nik"), 4, 8),
        Column::new(lang.t("col.kecamatan"), 9, 12, 8),
        Column::new(lang.t("col.country"), 9, 17, 6),
        Column::new(lang.t("col.category"), 9, 9, 7),
        Column::new(lang.t("col.status"), 10, 10, 7),
        // `!` and a date.
        Column::new(lang.t("col.followup_long"), 11, 11, 3).short(lang.t("col.followup")),
    ]
}

/// A count that may have stopped at the cap: `10.000+`.
fn count_label(n: i64, lang: Lang) -> String {
    if n > crate::store::COUNT_CAP {
        format!("{}+", lang.count(crate::store::COUNT_CAP))
    } else {
        lang.count(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> CaseListRow {
        CaseListRow {
            id,
            version: 1,
            name: String::new(),
            nik_masked: String::new(),
            sex: String::new(),
            kecamatan: String::new(),
            country: String::new(),
            category: String::new(),
            status: String::new(),
            reported_on: String::new(),
            next_followup: None,
            archived: false,
        }
    }

    #[test]
    fn a_window_is_read_from_the_nearest_known_row() {
        // Rows 100..120 on screen, ids 900 down to 881.
        let seen: Vec<CaseListRow> = (0..20).map(|i| row(900 - i)).collect();
        let read = |offset| WindowRead {
            offset,
            limit: 20,
            total: 1_000_000,
            seen_offset: 100,
            seen: &seen,
        };
        // One row down: right after the first row on screen.
        assert_eq!(plan_read(&read(101), true), (CaseAnchor::After(900), 0));
        // A page down: after the last row on screen.
        assert_eq!(plan_read(&read(120), true), (CaseAnchor::After(881), 0));
        // One row up: ends just above the last row on screen.
        assert_eq!(plan_read(&read(99), true), (CaseAnchor::Before(881), 0));
        // Home and End: the top and the bottom.
        assert_eq!(plan_read(&read(0), true), (CaseAnchor::Top, 0));
        assert_eq!(plan_read(&read(999_980), true), (CaseAnchor::Bottom, 0));
        // Without an exact count the bottom is unknown.
        assert_eq!(
            plan_read(&read(999_980), false),
            (CaseAnchor::After(881), 999_980 - 120)
        );
        // Nothing on screen to count from.
        let empty = WindowRead {
            offset: 40,
            limit: 20,
            total: 1_000_000,
            seen_offset: 0,
            seen: &[],
        };
        assert_eq!(plan_read(&empty, true), (CaseAnchor::Top, 40));
    }
}
