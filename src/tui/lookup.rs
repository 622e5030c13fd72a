//! The kecamatan lookup (`L` from any pane): type the first letters of a kecamatan and the
//! answer appears at once: placements by sex and sector, top countries, cases by category,
//! trainees and transmigrant families. The figures come from `report::lookup`, the same
//! numbers `disnaker lookup` prints.

use super::chart::{bar_spans, Fill};
use super::popup::text_box;
use super::theme::Theme;
use crate::domain::date::Date;
use crate::domain::{Kecamatan, KecamatanMatch};
use crate::i18n::Lang;
use crate::report::lookup::{lookup, LookupReport};
use crate::store::Store;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

#[derive(Debug, Default)]
pub struct LookupView {
    pub input: String,
    pub year: i32,
    pub report: Option<LookupReport>,
    /// Why there is no answer: candidates of an ambiguous prefix, an unknown name.
    pub note: Option<String>,
    pub scroll: u16,
    /// The app's day: families still waiting in the current year are counted on it.
    pub today: Date,
    /// The kecamatan a mistyped name probably meant: `Enter` or `Tab` takes it.
    pub suggestion: Option<Kecamatan>,
}

impl LookupView {
    pub fn new(year: i32, today: Date) -> LookupView {
        LookupView {
            year,
            today,
            ..LookupView::default()
        }
    }

    /// Look again after the input or the year changed.
    pub fn update(&mut self, store: &Store, lang: Lang) {
        self.report = None;
        self.note = None;
        self.suggestion = None;
        if self.input.trim().is_empty() {
            return;
        }
        match Kecamatan::find(&self.input) {
            KecamatanMatch::One(k) => match lookup(store, k, self.year, self.today) {
                Ok(r) => self.report = Some(r),
                Err(e) => self.note = Some(e.text(lang)),
            },
            KecamatanMatch::Ambiguous(ks) => {
                self.note = Some(format!(
                    "{}: {}",
                    lang.t("lookup.ambiguous"),
                    ks.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
                ))
            }
            KecamatanMatch::Unknown { nearest } => {
                self.suggestion = nearest;
                self.note = Some(match nearest {
                    Some(k) => format!("{} {}?", lang.t("lookup.unknown_did_you_mean"), k.name()),
                    None => lang.t("lookup.unknown").to_string(),
                })
            }
        }
    }

    /// Take the suggested kecamatan (`Enter` / `Tab` on "Maksud Anda Ponggok?"). False when
    /// there is none.
    pub fn accept_suggestion(&mut self, store: &Store, lang: Lang) -> bool {
        let Some(k) = self.suggestion.take() else {
            return false;
        };
        self.input = k.name().to_string();
        self.scroll = 0;
        self.update(store, lang);
        true
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme, keys: &str) {
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{}: ", lang.t("field.kecamatan")), theme.header()),
                Span::raw(format!("{}█", self.input)),
                Span::styled(
                    format!("   {} {}  ([ ])", lang.t("bar.year"), self.year),
                    theme.dim(),
                ),
            ]),
            Line::raw(""),
        ];
        if let Some(n) = &self.note {
            lines.push(Line::styled(n.clone(), theme.warning()));
        } else if let Some(r) = &self.report {
            lines.extend(report_lines(r, lang, theme));
        } else {
            lines.push(Line::styled(lang.t("lookup.hint"), theme.dim()));
        }
        let mut scroll = self.scroll;
        text_box(
            frame,
            area,
            lang.t("lookup.title"),
            lines,
            &mut scroll,
            keys,
            theme,
        );
        self.scroll = scroll;
    }
}

fn report_lines(r: &LookupReport, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let p = &r.placements;
    let n = |v: i64| lang.count(v);
    let mut lines = vec![
        Line::styled(
            format!("{} — {} {}", r.kecamatan, lang.t("bar.year"), r.year),
            theme.header(),
        ),
        Line::from(vec![
            Span::styled(
                format!("{}: {}", lang.t("lookup.placements"), n(p.total)),
                theme.header(),
            ),
            Span::raw(format!(
                "   L {} · P {}   formal {} · informal {}",
                n(p.male),
                n(p.female),
                n(p.formal),
                n(p.informal)
            )),
        ]),
        Line::raw(format!("   {:>10} {:>10}", "formal", "informal")),
        Line::raw(format!(
            "   L {:>8} {:>10}",
            n(p.formal_male),
            n(p.informal_male)
        )),
        Line::raw(format!(
            "   P {:>8} {:>10}",
            n(p.formal_female),
            n(p.informal_female)
        )),
    ];
    // The last five years as bars beside the sex × sector table (issue 18, 7).
    put_beside(&mut lines, 2, five_year_lines(r, lang, theme));
    if let Some(l) = &p.lkjip {
        // The published figure beside the records' (issue 15, 5).
        let said = crate::msg!("cli.lookup.lkjip", r.year, n(l.total), n(p.total));
        lines.push(Line::raw(said.text(lang)));
    }
    let top: Vec<String> = p
        .top_countries
        .iter()
        .map(|c| format!("{} {}", c.country, n(c.count)))
        .collect();
    lines.push(Line::raw(format!(
        "{}: {}",
        lang.t("lookup.top_countries"),
        if top.is_empty() {
            "-".to_string()
        } else {
            top.join(" · ")
        }
    )));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{}: {} {} · {} {}",
            lang.t("lookup.cases"),
            n(r.cases.open),
            lang.t("cases.open"),
            n(r.cases.closed),
            lang.t("lookup.closed")
        ),
        theme.header(),
    ));
    for c in &r.cases.by_category {
        lines.push(Line::raw(format!(
            "   {:<10} {:>6} {} · {:>6} {}",
            c.category,
            n(c.open),
            lang.t("cases.open"),
            n(c.closed),
            lang.t("lookup.closed")
        )));
    }
    lines.push(Line::raw(""));
    let t = &r.trainees;
    lines.push(Line::raw(format!(
        "{} {}: {} · {} {} · {} {}",
        lang.t("lookup.trainees"),
        r.year,
        n(t.participants),
        lang.t("lookup.graduated"),
        n(t.graduated),
        lang.t("lookup.employed"),
        n(t.employed)
    )));
    let f = &r.transmigrant_families;
    lines.push(Line::raw(format!(
        "{} {}: {} {} · {} {} · {} {}",
        lang.t("lookup.transmigrants"),
        r.year,
        n(f.registered),
        lang.t("lookup.registered"),
        n(f.departed),
        lang.t("lookup.departed"),
        n(f.waiting),
        lang.t("lookup.waiting")
    )));
    let j = &r.jobseekers;
    lines.push(Line::raw(format!(
        "{} {}: {} {} · {} {}",
        lang.t("lookup.jobseekers"),
        r.year,
        n(j.active),
        lang.t("jobseekers.active"),
        n(j.placed),
        lang.t("jobseekers.placed")
    )));
    let d = &r.domestic;
    let said = crate::msg!(
        "cli.lookup.domestic",
        r.year,
        n(d.total),
        n(d.akl),
        n(d.akad)
    );
    lines.push(Line::raw(said.text(lang)));
    lines
}

/// Where the five years start on their lines: past the sex × sector table.
const BESIDE_AT: usize = 30;

/// The kecamatan's placements of the last five years as small bars, under its rank among
/// the 22 in the year.
fn five_year_lines(r: &LookupReport, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    const BAR: usize = 20;
    let p = &r.placements;
    let (Some(first), Some(last)) = (p.last_five_years.first(), p.last_five_years.last()) else {
        return Vec::new();
    };
    let max = p.last_five_years.iter().map(|y| y.count).max().unwrap_or(0);
    let mut out = vec![Line::from(Span::styled(
        format!(
            "{}–{} · {}",
            first.year,
            last.year,
            match p.rank.place {
                Some(place) => crate::i18n::fill(
                    lang.t("chart.rank"),
                    &[place.to_string(), p.rank.of.to_string()]
                ),
                None => lang.t("chart.unranked").to_string(),
            }
        ),
        theme.header(),
    ))];
    for y in &p.last_five_years {
        let mut spans = vec![Span::raw(format!("{} ", y.year))];
        spans.extend(bar_spans(
            y.count,
            max,
            BAR,
            Fill::Solid,
            None,
            (ratatui::style::Style::default(), theme.warning()),
        ));
        spans.push(Span::raw(format!(" {:>6}", lang.count(y.count))));
        out.push(Line::from(spans));
    }
    out
}

/// `right` beside `lines` from line `at` on, starting at column `BESIDE_AT`; where `right`
/// is longer, its lines are added at the end.
fn put_beside(lines: &mut Vec<Line<'static>>, at: usize, right: Vec<Line<'static>>) {
    for (k, r) in right.into_iter().enumerate() {
        let i = at + k;
        if i >= lines.len() {
            lines.push(Line::raw(""));
        }
        let Some(line) = lines.get_mut(i) else {
            break;
        };
        let used = line.width();
        line.spans
            .push(Span::raw(" ".repeat(BESIDE_AT.saturating_sub(used).max(1))));
        line.spans.extend(r.spans);
    }
}
