//! Drawing pane 5: five header lines (the year's figures, the quota, the published series of
//! registrations and departures, the published cooperation packages, the view's own line with
//! its keys), then the registrations or the waiting list.

use super::{Figures, TransmigrantsPane};
use crate::domain::date::{display, display_iso, Date};
use crate::i18n::Lang;
use crate::store::{PublishedTransmigration, TransmigrantListRow, WaitingRow};
use crate::tui::filter::nothing_listed;
use crate::tui::keymap::{Action, Context};
use crate::tui::pane::PaneCtx;
use crate::tui::table::{Column, DataTable};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const HEADER_LINES: u16 = 5;

pub(super) fn render(pane: &mut TransmigrantsPane, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
    if area.height < HEADER_LINES + 3 {
        return;
    }
    let (lang, theme) = (ctx.lang, ctx.theme);
    let mut lines = match &pane.figures {
        Some(f) => vec![
            figures_line(f, lang, theme),
            quota_line(f, lang, theme),
            published_line(&pane.published, lang, theme),
            packages_line(&pane.published, lang, theme),
        ],
        None => vec![Line::raw(""); 4],
    };
    lines.push(view_line(pane, ctx));
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
    // One line of the body is the table's header.
    let page = i64::from(body.height.saturating_sub(1));
    if pane.show_waiting {
        pane.waiting.set_page(page);
        render_waiting(pane, frame, body, lang, theme);
    } else {
        pane.list.set_page(page);
        render_list(pane, frame, body, ctx);
    }
}

/// `2024: 5 terdaftar · 1 berangkat · 4 menunggu · 20,00% ditempatkan`.
fn figures_line(f: &Figures, lang: Lang, theme: &Theme) -> Line<'static> {
    let y = &f.year;
    let placed = match y.placed_percent() {
        Some(p) => format!("{}% {}", lang.decimal(p), lang.t("transmigrants.placed")),
        None => format!(
            "% {}: {}",
            lang.t("transmigrants.placed"),
            lang.t("transmigrants.no_value")
        ),
    };
    Line::styled(
        format!(
            "{}: {} {} · {} {} · {} {} · {placed}",
            y.year,
            lang.count(y.registered),
            lang.t("transmigrants.registered"),
            lang.count(y.departed),
            lang.t("transmigrants.departed"),
            lang.count(y.waiting),
            lang.t("transmigrants.waiting"),
        ),
        theme.header(),
    )
}

/// `Kuota provinsi 2024 (keluarga): 1 · terpakai 1 · sisa 0`, or "belum diisi"; a departure
/// beyond the quota shows how far beyond, in the warning style (and in words, for NO_COLOR).
fn quota_line(f: &Figures, lang: Lang, theme: &Theme) -> Line<'static> {
    let q = &f.quota;
    let head = format!(
        "{} {} ({}): ",
        lang.t("transmigrants.quota"),
        q.year,
        lang.t("transmigrants.families")
    );
    let Some(quota) = q.quota else {
        return Line::from(vec![
            Span::raw(head),
            Span::styled(lang.t("transmigrants.no_quota"), theme.warning()),
        ]);
    };
    let mut spans = vec![Span::raw(format!(
        "{head}{} · {} {}",
        lang.count(quota),
        lang.t("transmigrants.quota_used"),
        lang.count(q.used),
    ))];
    if q.over() > 0 {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!(
                "{} {}",
                lang.t("transmigrants.quota_over"),
                lang.count(q.over())
            ),
            theme.warning(),
        ));
    } else if let Some(left) = q.left() {
        spans.push(Span::raw(format!(
            " · {} {}",
            lang.t("transmigrants.quota_left"),
            lang.count(left)
        )));
    }
    Line::from(spans)
}

/// `Angka LKjIP daftar/berangkat: 2020 13/0  2021 9/3 …`: the published figures, never
/// mixed with the records'.
fn published_line(
    published: &[PublishedTransmigration],
    lang: Lang,
    theme: &Theme,
) -> Line<'static> {
    let years: Vec<String> = published
        .iter()
        .map(|p| {
            format!(
                "{} {}/{}",
                p.year,
                lang.count(p.registered),
                lang.count(p.departed)
            )
        })
        .collect();
    Line::styled(
        format!(
            "{}: {}",
            lang.t("transmigrants.published"),
            years.join("  ")
        ),
        theme.dim(),
    )
}

/// `LKjIP paket kerja sama transmigrasi: 2020 0  2021 1 …`: the report's packages of
/// cooperation with the transmigration areas (table 3.22), under its registrations.
fn packages_line(
    published: &[PublishedTransmigration],
    lang: Lang,
    theme: &Theme,
) -> Line<'static> {
    let years: Vec<String> = published
        .iter()
        .map(|p| format!("{} {}", p.year, lang.count(p.cooperation_packages)))
        .collect();
    Line::styled(
        format!(
            "{}: {}",
            lang.t("lkjip.transmigration_packages"),
            years.join("  ")
        ),
        theme.dim(),
    )
}

/// The line above the table: which list this is (or the filter being typed), and the
/// pane's own keys.
fn view_line(pane: &TransmigrantsPane, ctx: &PaneCtx) -> Line<'static> {
    let (lang, theme) = (ctx.lang, ctx.theme);
    let quota = ctx.keys(Context::TRANSMIGRANTS, &[Action::Quota]);
    let waiting = ctx.key(Context::TRANSMIGRANTS, Action::WaitingList);
    let (what, keys) = if pane.show_waiting {
        let on = pane
            .figures
            .map(|f| long_date(f.waiting_on))
            .unwrap_or_default();
        (
            Span::styled(
                format!(
                    "{} {on}: {}",
                    lang.t("transmigrants.waiting_title"),
                    lang.count(pane.waiting.total)
                ),
                theme.header(),
            ),
            format!(
                "{waiting} {} · {quota}",
                lang.t("transmigrants.waiting_all")
            ),
        )
    } else if pane.filter_editing || !pane.filter.text.is_empty() {
        let cursor = if pane.filter_editing { "█" } else { "" };
        (
            Span::raw(format!(
                "{}: {}{cursor}  ({} {})",
                lang.t("cases.filter"),
                pane.filter.text,
                lang.count(pane.list.total),
                lang.t("cases.matches")
            )),
            ctx.keys(
                Context::TRANSMIGRANTS,
                &[Action::WaitingList, Action::Quota],
            ),
        )
    } else {
        (
            Span::styled(
                format!(
                    "{}: {}",
                    lang.t("transmigrants.all"),
                    lang.count(pane.list.total)
                ),
                theme.header(),
            ),
            ctx.keys(
                Context::TRANSMIGRANTS,
                &[Action::WaitingList, Action::Quota],
            ),
        )
    };
    Line::from(vec![what, Span::styled(format!("   {keys}"), theme.dim())])
}

fn stage_label(stage: &str, lang: Lang) -> String {
    let key = format!("transmigrants.stage.{stage}");
    let label = lang.t(&key);
    if label == key {
        stage.to_string()
    } else {
        label.to_string()
    }
}

fn row_style(stage: &str, selected: bool, theme: &Theme) -> Style {
    let style = if matches!(stage, "diberangkatkan" | "batal") {
        theme.closed()
    } else {
        Style::default()
    };
    if selected {
        style.patch(theme.selected())
    } else {
        style
    }
}

fn render_list(pane: &TransmigrantsPane, frame: &mut Frame, body: Rect, ctx: &PaneCtx) {
    let (lang, theme) = (ctx.lang, ctx.theme);
    if pane.list.total == 0 {
        let filtered = !pane.filter.text.is_empty();
        let words = ("transmigrants.empty", "transmigrants.no_match");
        return nothing_listed(frame, body, ctx, Context::TRANSMIGRANTS, filtered, words);
    }
    // No record number here: 80 columns hold the name or the number, and the officer
    // needs the name (the detail's title and every message carry the number).
    let mut table = DataTable::new(vec![
        Column::new(lang.t("transmigrants.col.head"), 12, 26, 3).fill(),
        Column::fixed(lang.t("transmigrants.col.ids"), 9, 8),
        Column::new(lang.t("col.kecamatan"), 9, 12, 8),
        Column::fixed(lang.t("transmigrants.col.members"), 3, 8),
        Column::fixed(lang.t("transmigrants.col.registered"), 10, 7),
        // before the departure's UPT when a row needs it: "berkas lengkap" is read whole at
        // 80 columns
        Column::new(lang.t("transmigrants.col.stage"), 10, 14, 6).measure(),
        Column::new(lang.t("transmigrants.col.departure"), 10, 24, 5),
    ])
    .header_style(theme.header());
    for (i, r) in pane.list.rows.iter().enumerate() {
        let selected = pane.list.offset + i as i64 == pane.list.selected;
        table.row(list_row(r, lang), row_style(&r.stage, selected, theme));
    }
    table.render(frame, body);
}

fn list_row(r: &TransmigrantListRow, lang: Lang) -> Vec<String> {
    // Only the last four digits of NIK and KK in a list: the whole numbers are in the detail.
    let ids = format!("{}/{}", last4(&r.nik_masked), last4(&r.kk_masked));
    let place = settlement(&r.destination);
    let departure = match (&r.departed_on, place.is_empty()) {
        (Some(d), _) => format!("{} {place}", display_iso(d)),
        (None, false) => format!("({place})"),
        (None, true) => String::new(),
    };
    vec![
        r.head_name.clone(),
        ids,
        r.kecamatan.clone(),
        lang.count(r.members),
        display_iso(&r.registered_on),
        stage_label(&r.stage, lang),
        departure.trim_end().to_string(),
    ]
}

fn render_waiting(
    pane: &TransmigrantsPane,
    frame: &mut Frame,
    body: Rect,
    lang: Lang,
    theme: &Theme,
) {
    if pane.waiting.total == 0 {
        frame.render_widget(
            Paragraph::new(lang.t("transmigrants.waiting_empty")).style(theme.dim()),
            body,
        );
        return;
    }
    let mut table = DataTable::new(vec![
        Column::new(lang.t("transmigrants.col.position"), 4, 5, 9)
            .measure()
            .right(),
        Column::new(lang.t("col.id"), 4, 7, 9).measure().right(),
        Column::new(lang.t("transmigrants.col.head"), 12, 26, 4).fill(),
        Column::new(lang.t("col.kecamatan"), 9, 12, 8),
        Column::fixed(lang.t("transmigrants.col.members"), 3, 8),
        Column::new(lang.t("field.registered_on"), 10, 14, 7)
            .short(lang.t("transmigrants.col.registered")),
        Column::new(lang.t("transmigrants.col.stage"), 10, 14, 6),
    ])
    .header_style(theme.header());
    for (i, r) in pane.waiting.rows.iter().enumerate() {
        let selected = pane.waiting.offset + i as i64 == pane.waiting.selected;
        table.row(waiting_row(r, lang), row_style(&r.stage, selected, theme));
    }
    table.render(frame, body);
}

fn waiting_row(r: &WaitingRow, lang: Lang) -> Vec<String> {
    vec![
        lang.count(r.position),
        r.id.to_string(),
        r.head_name.clone(),
        r.kecamatan.clone(),
        lang.count(r.members),
        // the whole date: a family waiting since an earlier year shows it at once
        display_iso(&r.registered_on),
        stage_label(&r.stage, lang),
    ]
}

fn last4(masked: &str) -> String {
    let n = masked.chars().count();
    masked.chars().skip(n.saturating_sub(4)).collect()
}

/// The settlement unit of `UPT Torire, Kabupaten Poso, Sulawesi Tengah`: `Torire`.
fn settlement(destination: &str) -> String {
    let upt = destination.split(',').next().unwrap_or("").trim();
    upt.strip_prefix("UPT ").unwrap_or(upt).trim().to_string()
}

fn long_date(d: Date) -> String {
    display(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells() {
        assert_eq!(last4("************1234"), "1234");
        assert_eq!(
            settlement("UPT Torire, Kabupaten Poso, Sulawesi Tengah"),
            "Torire"
        );
        assert_eq!(settlement(""), "");
        assert_eq!(display_iso("2024-12-06"), "06-12-2024");
    }
}
