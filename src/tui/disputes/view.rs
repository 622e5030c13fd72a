//! Drawing pane 3: two header lines of figures, the list switcher (or the filter line), and
//! the list shown. Deadlines near (≤ 3 working days) or past are bold and marked with `!`,
//! so they stand out without colour.

use super::{DisputeRow, DisputesPane, Figures, View};
use crate::domain::date::{display, Date};
use crate::domain::dispute::DeadlineState;
use crate::i18n::Lang;
use crate::report::disputes::Indicator;
use crate::report::iku_year::explain::fill;
use crate::report::published::PublishedPrevention;
use crate::tui::filter::{filter_keys, filter_line, nothing_listed};
use crate::tui::keymap::{Action, Context};
use crate::tui::pane::PaneCtx;
use crate::tui::table::{Column, DataTable};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Lines above the table: figures, IKU3, the list switcher.
const TOP: u16 = 3;

pub(super) fn render(p: &mut DisputesPane, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
    if area.height < TOP + 3 {
        return;
    }
    let (lang, theme) = (ctx.lang, ctx.theme);
    let page = i64::from(area.height - TOP - 1);
    match p.view {
        View::Disputes => p.disputes.set_page(page),
        View::Facilitations => p.facilitations.set_page(page),
        View::Compliance => p.compliance.set_page(page),
    }
    let mut top = figure_lines(p.figures.as_ref(), ctx.year, lang, theme);
    top.push(switcher_line(p, ctx));
    frame.render_widget(
        Paragraph::new(top),
        Rect::new(area.x, area.y, area.width, TOP),
    );
    let body = Rect::new(area.x, area.y + TOP, area.width, area.height - TOP);
    match p.view {
        View::Disputes => disputes_table(p, frame, body, ctx),
        View::Facilitations => facilitations_table(p, frame, body, ctx),
        View::Compliance => compliance_table(p, frame, body, ctx),
    }
}

fn figure_lines(f: Option<&Figures>, year: i32, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let Some(f) = f else {
        return vec![Line::raw(""), Line::raw("")];
    };
    let s = &f.prevention;
    let recorded = format!(
        "{year}: {} {}",
        lang.count(f.iku3.followed_up.denominator),
        lang.t("disputes.recorded"),
    );
    let first = match &f.published {
        // No prevention record in the year: the report's figures, labelled, not zeros.
        Some(p) if s.facilitations == 0 && s.companies_registered == 0 => {
            format!("{recorded} · {}", published_prevention(p, lang))
        }
        _ => format!(
            "{recorded} · {} {} · PP/PKB {}/{} · BPJS {}/{}",
            lang.count(s.facilitations),
            lang.t("disputes.facilitations"),
            lang.count(s.companies_with_pp_pkb),
            lang.count(s.companies_registered),
            lang.count(s.companies_in_bpjs),
            lang.count(s.companies_registered),
        ),
    };
    let i = &f.iku3.followed_up;
    let second = match (&i.value, &i.reason_if_none) {
        (Some(v), _) => format!(
            "IKU3 {year}: {}/{} = {} {} · {}",
            lang.count(i.numerator),
            lang.count(i.denominator),
            lang.percent(*v),
            lang.t("disputes.iku3_parts"),
            pb_on_time_text(&f.iku3.pb_on_time, lang)
        ),
        (None, _) if i.denominator == 0 => format!(
            "IKU3 {year}: {} — {}",
            lang.t("disputes.no_value"),
            lang.t("disputes.none_recorded")
                .replace("{}", &year.to_string())
        ),
        (None, reason) => format!(
            "IKU3 {year}: {} — {}",
            lang.t("disputes.no_value"),
            reason.clone().unwrap_or_default()
        ),
    };
    vec![
        Line::styled(first, theme.header()),
        Line::styled(second, theme.header()),
    ]
}

/// `LKjIP: 79 fasilitasi · PP/PKB 70/133 · BPJS 106`: the figures the report gives for the
/// year, and only those (2023 has no facilitations, 2022 only the BPJS companies).
fn published_prevention(p: &PublishedPrevention, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(n) = p.facilitations {
        parts.push(format!(
            "{} {}",
            lang.count(n),
            lang.t("disputes.facilitations")
        ));
    }
    if let Some(n) = p.companies_with_pp_pkb {
        parts.push(match p.companies_registered {
            Some(d) => format!("PP/PKB {}/{}", lang.count(n), lang.count(d)),
            None => format!("PP/PKB {}", lang.count(n)),
        });
    }
    if let Some(n) = p.companies_in_bpjs {
        parts.push(format!("BPJS {}", lang.count(n)));
    }
    format!("{}: {}", lang.t("lkjip.prevention"), parts.join(" · "))
}

/// "PB tepat waktu: 3 / 5 = 60,00%", or without a value when the calendar cannot judge.
fn pb_on_time_text(pb: &Indicator, lang: Lang) -> String {
    let (n, d) = (lang.count(pb.numerator), lang.count(pb.denominator));
    match pb.value {
        Some(v) => fill(lang.t("iku.pb_on_time"), &[n, d, lang.percent(v)]),
        None => fill(lang.t("iku.pb_on_time_none"), &[n, d]),
    }
}

fn switcher_line(p: &DisputesPane, ctx: &PaneCtx) -> Line<'static> {
    let (year, lang, theme) = (ctx.year, ctx.lang, ctx.theme);
    if p.view == View::Disputes && (p.filter_editing || !p.filter.text.is_empty()) {
        let mut line = filter_line(
            ctx,
            &p.filter.text,
            p.filter_editing,
            lang.count(p.disputes.total),
        );
        line.push_span(Span::styled(
            format!("   {}", filter_keys(lang)),
            theme.dim(),
        ));
        return line;
    }
    let mut spans = Vec::new();
    for v in [View::Disputes, View::Facilitations, View::Compliance] {
        let (name, count, scope) = match v {
            View::Disputes => (
                "disputes.list",
                p.disputes.total,
                lang.t("disputes.all_years").to_string(),
            ),
            View::Facilitations => ("disputes.list_fac", p.facilitations.total, year.to_string()),
            View::Compliance => ("disputes.list_comp", p.compliance.total, year.to_string()),
        };
        if v == p.view {
            // brackets as well as reverse video: the current list is plain without colour
            spans.push(Span::styled(
                format!("[{} {scope}: {}]", lang.t(name), lang.count(count)),
                theme.selected(),
            ));
        } else {
            spans.push(Span::raw(format!(" {} ", lang.t(name))));
        }
        spans.push(Span::raw(" "));
    }
    // The filter is in the footer; the year keys matter where the list follows the year.
    let mut keys = ctx.keys(Context::DISPUTES, &[Action::SwitchView]);
    if p.view != View::Disputes {
        keys = format!("{keys}  {}", ctx.year_keys(Context::DISPUTES));
    }
    spans.push(Span::styled(format!("  {keys}"), theme.dim()));
    Line::from(spans)
}

fn empty(frame: &mut Frame, area: Rect, msg: String, theme: &Theme) {
    frame.render_widget(Paragraph::new(msg).style(theme.dim()), area);
}

/// `2024-03-15` → `15-03-2024`, as every screen shows dates.
fn short(d: Date) -> String {
    display(d)
}

fn disputes_table(p: &DisputesPane, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
    let (lang, theme) = (ctx.lang, ctx.theme);
    if p.disputes.total == 0 {
        let filtered = !p.filter.text.is_empty();
        let words = ("disputes.empty", "disputes.no_match");
        return nothing_listed(frame, area, ctx, Context::DISPUTES, filtered, words);
    }
    // the number of workers is in the detail: the names need the room here
    let number_width = crate::tui::window::id_column_width(p.disputes.rows.iter().map(|r| r.id), 3);
    let mut table = DataTable::new(vec![
        Column::fixed(lang.t("col.id"), number_width, 9),
        Column::new(lang.t("disputes.col.company"), 12, 30, 5).fill(),
        Column::new(lang.t("disputes.col.workers"), 8, 20, 2).fill(),
        Column::new(lang.t("disputes.col.type"), 8, 8, 6),
        Column::new(lang.t("disputes.col.stage"), 9, 12, 4),
        Column::new(lang.t("disputes.col.deadline"), 8, 9, 6),
        Column::fixed(lang.t("disputes.col.due"), 10, 8),
        Column::new(lang.t("disputes.col.left"), 9, 11, 7),
    ])
    .header_style(theme.header());
    for (i, r) in p.disputes.rows.iter().enumerate() {
        let (cells, urgent) = dispute_cells(r, lang);
        let mut style = if urgent {
            theme.overdue()
        } else if r.outcome.is_some() {
            theme.closed()
        } else {
            Style::default()
        };
        if p.disputes.offset + i as i64 == p.disputes.selected {
            style = style.patch(theme.selected());
        }
        table.row(cells, style);
    }
    table.render(frame, area);
}

/// The cells of one dispute and whether its deadline is near or past.
fn dispute_cells(r: &DisputeRow, lang: Lang) -> (Vec<String>, bool) {
    let kind = r
        .kind
        .map(|k| lang.t(&format!("disputes.type.{k}")).to_string())
        .unwrap_or_default();
    let stage = lang.t(&format!("disputes.stage.{}", r.stage)).to_string();
    let mut urgent = false;
    let (what, due, left) = match (&r.urgent, r.outcome) {
        (Some(d), _) => {
            urgent = matches!(d.state, DeadlineState::Near | DeadlineState::Overdue);
            let due = d.due.as_ref().map(|x| short(*x)).unwrap_or("?".into());
            let left = match (d.state, d.working_days_left) {
                (DeadlineState::Overdue, Some(n)) => {
                    format!("!{} {}", lang.t("disputes.late"), lang.count(-n))
                }
                (DeadlineState::Near, Some(n)) => {
                    format!("!{} {}", lang.count(n), lang.t("disputes.wd_short"))
                }
                (_, Some(n)) => format!("{} {}", lang.count(n), lang.t("disputes.wd_short")),
                _ => "?".to_string(),
            };
            (
                lang.t(&format!("disputes.short.{}", d.what)).to_string(),
                due,
                left,
            )
        }
        // a finished dispute: how and when it ended, in the column's short words
        (None, Some(o)) => (
            lang.t(&format!("disputes.short_outcome.{o}")).to_string(),
            r.outcome_on.map(short).unwrap_or_default(),
            String::new(),
        ),
        (None, None) => (String::new(), String::new(), String::new()),
    };
    (
        vec![
            r.id.to_string(),
            r.company.clone(),
            r.workers.clone(),
            kind,
            stage,
            what,
            due,
            left,
        ],
        urgent,
    )
}

fn facilitations_table(p: &DisputesPane, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
    let (lang, theme) = (ctx.lang, ctx.theme);
    if p.facilitations.total == 0 {
        return empty(
            frame,
            area,
            ctx.say(Context::DISPUTES, "disputes.empty_fac"),
            theme,
        );
    }
    let number_width =
        crate::tui::window::id_column_width(p.facilitations.rows.iter().map(|r| r.id), 4);
    let mut table = DataTable::new(vec![
        Column::fixed(lang.t("col.id"), number_width, 9),
        Column::fixed(lang.t("disputes.col.date"), 10, 8),
        Column::new(lang.t("disputes.col.company"), 10, 30, 5).fill(),
        Column::new(lang.t("disputes.col.topic"), 10, 40, 4).fill(),
    ])
    .header_style(theme.header());
    for (i, r) in p.facilitations.rows.iter().enumerate() {
        let style = if p.facilitations.offset + i as i64 == p.facilitations.selected {
            theme.selected()
        } else {
            Style::default()
        };
        table.row(
            vec![
                r.id.to_string(),
                short(r.value.date),
                r.value.company.clone(),
                r.value.topic.clone(),
            ],
            style,
        );
    }
    table.render(frame, area);
}

fn compliance_table(p: &DisputesPane, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
    let (lang, theme) = (ctx.lang, ctx.theme);
    if p.compliance.total == 0 {
        return empty(
            frame,
            area,
            ctx.say(Context::DISPUTES, "disputes.empty_comp"),
            theme,
        );
    }
    let yes_no = |b: bool| lang.t(if b { "disputes.yes" } else { "disputes.no" });
    let number_width =
        crate::tui::window::id_column_width(p.compliance.rows.iter().map(|r| r.id), 4);
    let mut table = DataTable::new(vec![
        Column::fixed(lang.t("col.id"), number_width, 9),
        Column::new(lang.t("disputes.col.company"), 10, 40, 5).fill(),
        Column::new(lang.t("disputes.col.pp_pkb"), 6, 10, 7),
        Column::new(lang.t("disputes.col.bpjs"), 4, 6, 7),
    ])
    .header_style(theme.header());
    for (i, r) in p.compliance.rows.iter().enumerate() {
        let style = if p.compliance.offset + i as i64 == p.compliance.selected {
            theme.selected()
        } else {
            Style::default()
        };
        table.row(
            vec![
                r.id.to_string(),
                r.value.company.clone(),
                lang.t(&format!("disputes.pp_pkb.{}", r.value.pp_pkb))
                    .to_string(),
                yes_no(r.value.bpjs_member).to_string(),
            ],
            style,
        );
    }
    table.render(frame, area);
}
