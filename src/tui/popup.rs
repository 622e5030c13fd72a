//! Overlays drawn over the panes: detail, history, help, a yes/no question, a choice.

use super::records::{ExtraLine, Loaded};
use super::theme::Theme;
use crate::domain::case::FieldKind;
use crate::domain::date::{display_dates_in, display_iso};
use crate::domain::money::Money;
use crate::domain::nik::mask;
use crate::i18n::Lang;
use crate::store::AuditEntry;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// A rectangle of at most `w` × `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A scrolling text box: the common shape of detail, history and help.
pub fn text_box(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line>,
    scroll: &mut u16,
    footer: &str,
    theme: &Theme,
) {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_bottom(Line::styled(format!(" {footer} "), theme.dim()));
    let inner = block.inner(area);
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    // Long lines wrap: the last line is as far down as the wrapped text is long.
    let height = u16::try_from(text.line_count(inner.width)).unwrap_or(u16::MAX);
    *scroll = (*scroll).min(height.saturating_sub(inner.height));
    frame.render_widget(text.block(block).scroll((*scroll, 0)), area);
}

/// The detail view: status first, then the kind's extra lines (e.g. deadlines), then the
/// fields in form order.
pub fn detail_lines(
    rec: &Loaded,
    extra: &[ExtraLine],
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(status) = &rec.status {
        // in the officer's words, as the choice of `s` names it
        let status = rec.kind.ops().status_label(status, lang);
        lines.push(Line::from(vec![
            Span::styled(format!("{:<24}", lang.t("field.status")), theme.header()),
            Span::styled(status, theme.header()),
        ]));
    }
    for e in extra {
        let text = display_dates_in(&e.text);
        if e.urgent {
            lines.push(Line::styled(text, theme.overdue()));
        } else {
            lines.push(Line::raw(text));
        }
    }
    let fields = rec.kind.ops().detail_fields();
    for f in fields {
        let v = rec.values.get(f.key).cloned().unwrap_or_default();
        let v = match f.kind {
            FieldKind::Date => display_iso(&v),
            FieldKind::Money => money_text(&v, lang),
            // stored ya / tidak; read in the screen's language
            FieldKind::Bool => match v.as_str() {
                "ya" => lang.t("value.yes").to_string(),
                "tidak" => lang.t("value.no").to_string(),
                _ => v,
            },
            FieldKind::Choice(_) => match super::records::choice_label(lang, f.kind, f.key, &v) {
                Some(label) => format!("{label} ({v})"),
                None => v,
            },
            _ => super::records::display_value(fields, f.key, &v),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:<24}", lang.t(&format!("field.{}", f.key))),
                theme.header(),
            ),
            Span::raw(if v.is_empty() { "-".to_string() } else { v }),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} {} {} {} · {} {} {} {} · {} {}",
            lang.t("detail.created"),
            display_iso(&rec.created.1),
            lang.t("detail.by"),
            rec.created.0,
            lang.t("detail.changed"),
            display_iso(&rec.changed.1),
            lang.t("detail.by"),
            rec.changed.0,
            lang.t("detail.version"),
            rec.version
        ),
        theme.dim(),
    ));
    lines
}

/// An amount as the language writes it: `Rp 1.500.000,5` (Indonesian), `Rp 1,500,000.5`
/// (English); what is not an amount unchanged.
fn money_text(raw: &str, lang: Lang) -> String {
    match Money::parse(raw) {
        Ok(m) if !raw.trim().is_empty() => {
            format!("Rp {}", lang.decimal(m.0.round_dp(2).normalize()))
        }
        _ => raw.to_string(),
    }
}

pub fn history_lines(entries: &[AuditEntry], lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    if entries.is_empty() {
        return vec![Line::raw(lang.t("history.empty"))];
    }
    let mut lines = Vec::new();
    for e in entries {
        let action_key = format!("history.action.{}", e.action);
        let action = match lang.t(&action_key) {
            t if t == action_key => e.action.clone(),
            t => t.to_string(),
        };
        lines.push(Line::styled(
            format!(
                "{}  {}  {} (v{})",
                display_iso(&e.at),
                e.officer,
                action,
                e.version
            ),
            theme.header(),
        ));
        for c in &e.changes {
            // The history shows identity numbers (NIK, family card) masked, like the lists,
            // and dates as every screen shows them.
            let (old, new) = if matches!(c.field.as_str(), "nik" | "kk_no") {
                (mask(&c.old), mask(&c.new))
            } else {
                // a code in the officer's words where the catalog has them (a status
                // `ditempatkan` reads "placed" on an English screen)
                let shown = |v: &str| match lang.t_opt(&format!("choice.{}.{v}", c.field)) {
                    Some(word) if !v.is_empty() => word.to_string(),
                    _ => display_iso(v),
                };
                (shown(&c.old), shown(&c.new))
            };
            // A field the catalog does not name (a count of an import) shows as stored,
            // never as a catalog key.
            let key = format!("field.{}", c.field);
            let label = match lang.t(&key) {
                t if t == key => c.field.replace('_', " "),
                t => t.to_string(),
            };
            let line = if old.is_empty() {
                format!("   {label}: {new}")
            } else {
                format!("   {label}: {old} → {new}")
            };
            lines.push(Line::raw(line));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_the_detail_follow_the_language() {
        assert_eq!(money_text("1500000.5", Lang::Id), "Rp 1.500.000,5");
        assert_eq!(money_text("1500000.5", Lang::En), "Rp 1,500,000.5");
        assert_eq!(
            money_text("11421720600", Lang::Id),
            Money::parse("11421720600").unwrap().display_id()
        );
        assert_eq!(money_text("", Lang::En), "");
    }
}
