//! The year's figures as the SPEC §5 table (`disnaker iku --format csv` and `export iku`
//! write it byte for byte alike), as JSON, and as text lines for the terminal.

use super::explain::fill;
use super::explain::note_text;
use super::{Beside, Figure, IkuRow, IkuYear, Origin};
use crate::i18n::Lang;
use crate::report::iku::{round2, Ratio};
use crate::report::table::{Cell, Table};
use rust_decimal::Decimal;
use serde_json::{json, Value};

pub const IKU_HEADER: [&str; 10] = [
    "code",
    "indicator",
    "target",
    "realisation",
    "numerator",
    "denominator",
    "capaian_percent",
    "predicate",
    "target_grade",
    "grade",
];

fn dec_cell(d: Option<Decimal>) -> Cell {
    d.map(|d| Cell::Dec(round2(d))).unwrap_or(Cell::Empty)
}

/// A SAKIP grade letter, or an empty cell for an indicator without grades.
fn grade_cell(grade: &Option<String>) -> Cell {
    grade.clone().map_or(Cell::Empty, Cell::Text)
}

/// One row per indicator; realisation and capaian empty where there is no value; the SAKIP
/// grades of target and realisation where the indicator has them.
pub fn iku_table(year: &IkuYear) -> Table {
    let rows = year
        .rows
        .iter()
        .map(|r| {
            let f = &r.shown;
            vec![
                Cell::Text(r.def.code.clone()),
                Cell::Text(r.def.name_id.clone()),
                dec_cell(f.target),
                dec_cell(f.realisation),
                f.ratio.map_or(Cell::Empty, |x| Cell::Int(x.numerator)),
                f.ratio.map_or(Cell::Empty, |x| Cell::Int(x.denominator)),
                dec_cell(f.capaian),
                f.predicate
                    .map_or(Cell::Empty, |p| Cell::Text(p.name_id().to_string())),
                grade_cell(&f.target_grade),
                grade_cell(&f.grade),
            ]
        })
        .collect();
    Table::new(&IKU_HEADER, rows)
}

/// `BB/72.70`, `82.56`, or `-` for no value.
pub fn value_text(grade: Option<&str>, value: Option<Decimal>) -> String {
    match (grade, value) {
        (_, None) => "-".into(),
        (Some(g), Some(v)) => format!("{g}/{}", round2(v)),
        (None, Some(v)) => round2(v).to_string(),
    }
}

/// `284/344`, or empty when the figure is not a ratio.
pub fn ratio_text(r: Option<Ratio>) -> String {
    r.map(|r| format!("{}/{}", r.numerator, r.denominator))
        .unwrap_or_default()
}

/// "PB tepat waktu: 3 / 5 = 60,00%" in the language's numbers (no value: says so).
pub fn beside_text(b: &Beside, lang: Lang) -> String {
    let (n, d) = (
        lang.count(b.ratio.numerator),
        lang.count(b.ratio.denominator),
    );
    match b.value {
        Some(v) => fill(lang.t("iku.pb_on_time"), &[n, d, lang.percent(v)]),
        None => fill(lang.t("iku.pb_on_time_none"), &[n, d]),
    }
}

pub fn target_text(f: &Figure) -> String {
    value_text(f.target_grade.as_deref(), f.target)
}

pub fn realisation_text(f: &Figure) -> String {
    value_text(f.grade.as_deref(), f.realisation)
}

pub fn capaian_text(f: &Figure) -> String {
    value_text(None, f.capaian)
}

pub fn predicate_text(f: &Figure, lang: Lang) -> String {
    match (f.predicate, lang) {
        (None, _) => "-".into(),
        (Some(p), Lang::Id) => p.name_id().into(),
        (Some(p), Lang::En) => p.name_en().into(),
    }
}

/// The mark after a realisation that did not come from the records: `*` published, `+`
/// entered (the legend line says so).
pub fn origin_mark(o: Origin) -> &'static str {
    match o {
        Origin::Records | Origin::Nothing => "",
        Origin::Published => "*",
        Origin::Entered => "+",
    }
}

/// What the marks mean: `sumber: * LKjIP  + input petugas  ! berubah`.
pub fn legend(year: &IkuYear, lang: Lang) -> String {
    let mut s = format!(
        "{} * {}  + {}",
        lang.t("iku.legend"),
        lang.t("iku.origin.published"),
        lang.t("iku.origin.entered")
    );
    if year.rows.iter().any(IkuRow::drift) {
        s.push_str(&format!("  ! {}", lang.t("iku.changed")));
    }
    s
}

fn num(d: Option<Decimal>) -> Value {
    d.and_then(|d| round2(d).to_string().parse::<f64>().ok())
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn figure_json(f: &Figure) -> Value {
    json!({
        "target": num(f.target),
        "target_grade": f.target_grade,
        "realisation": num(f.realisation),
        "grade": f.grade,
        "numerator": f.ratio.map(|r| r.numerator),
        "denominator": f.ratio.map(|r| r.denominator),
        "capaian_percent": num(f.capaian),
        "predicate": f.predicate.map(|p| p.name_id()),
        "origin": f.origin.as_str(),
        "pb_on_time": f.beside.map_or(Value::Null, |b| json!({
            "numerator": b.ratio.numerator,
            "denominator": b.ratio.denominator,
            "value": num(b.value),
        })),
    })
}

fn row_json(r: &IkuRow, lang: Lang) -> Value {
    let mut v = figure_json(&r.shown);
    if let Value::Object(m) = &mut v {
        m.insert("code".into(), json!(r.def.code));
        m.insert("indicator".into(), json!(r.def.name_id));
        m.insert("indicator_en".into(), json!(r.def.name_en));
        let previous: serde_json::Map<String, Value> = r
            .previous
            .iter()
            .map(|(y, v)| (y.to_string(), num(*v)))
            .collect();
        m.insert("previous".into(), Value::Object(previous));
        m.insert(
            "renstra_target".into(),
            r.renstra.map_or(
                Value::Null,
                |(y, t)| json!({"year": y, "target": num(Some(t))}),
            ),
        );
        m.insert(
            "reported".into(),
            r.reported.as_ref().map_or(Value::Null, figure_json),
        );
        m.insert("drift".into(), json!(r.drift()));
        let notes: Vec<String> = r
            .realisation
            .notes
            .iter()
            .map(|n| note_text(n, lang))
            .collect();
        m.insert("notes".into(), json!(notes));
        let contradictions: Vec<String> = r
            .contradictions
            .iter()
            .map(|n| note_text(n, lang))
            .collect();
        m.insert("report_contradictions".into(), json!(contradictions));
    }
    v
}

/// The year as JSON: its closing, then one object per indicator.
pub fn json(year: &IkuYear, lang: Lang) -> Value {
    json!({
        "year": year.year,
        "closed": year.closed(),
        "closed_by": year.closing.as_ref().map(|c| c.closed_by.clone()),
        "closed_at": year.closing.as_ref().map(|c| c.closed_at.clone()),
        "indicators": year.rows.iter().map(|r| row_json(r, lang)).collect::<Vec<_>>(),
    })
}

fn pad(s: &str, w: usize) -> String {
    format!("{s:<w$}")
}

fn rpad(s: &str, w: usize) -> String {
    format!("{s:>w$}")
}

/// The year as aligned text for the terminal: a line per indicator, then the notes.
pub fn text_lines(year: &IkuYear, lang: Lang) -> Vec<String> {
    let t = |k: &str| lang.t(k);
    let mut out = vec![format!(
        "{} {} · {}",
        t("iku.title"),
        year.year,
        t("iku.office")
    )];
    if let Some(c) = &year.closing {
        out.push(if c.closed {
            format!("{} {} ({})", t("iku.closed_by"), c.closed_by, c.closed_at)
        } else {
            format!(
                "{} {} ({})",
                t("iku.reopened_by"),
                c.changed_by,
                c.changed_at
            )
        });
    }
    let y1 = year.year - 2;
    let y2 = year.year - 1;
    let renstra = year
        .rows
        .iter()
        .find_map(|r| r.renstra.map(|(y, _)| y))
        .map_or(t("iku.col.renstra").to_string(), |y| format!("R.{y}"));
    out.push(format!(
        "{} {} {} {} {} {} {} {} {}",
        pad(t("iku.col.code"), 5),
        rpad(t("iku.col.target"), 7),
        rpad(t("iku.col.realisation"), 10),
        rpad("n/d", 8),
        rpad(t("iku.col.capaian"), 8),
        pad(t("iku.col.predicate"), 13),
        rpad(&y1.to_string(), 6),
        rpad(&y2.to_string(), 6),
        rpad(&renstra, 7),
    ));
    for r in &year.rows {
        let f = &r.shown;
        let prev = |y: i32| {
            r.previous
                .iter()
                .find(|(py, _)| *py == y)
                .map_or("-".to_string(), |(_, v)| value_text(None, *v))
        };
        let code = format!("{}{}", r.def.code, if r.drift() { "!" } else { "" });
        out.push(format!(
            "{} {} {} {} {} {} {} {} {}",
            pad(&code, 5),
            rpad(&target_text(f), 7),
            rpad(
                &format!("{}{}", realisation_text(f), origin_mark(f.origin)),
                10
            ),
            rpad(&ratio_text(f.ratio), 8),
            rpad(&capaian_text(f), 8),
            pad(&predicate_text(f, lang), 13),
            rpad(&prev(y1), 6),
            rpad(&prev(y2), 6),
            rpad(
                &r.renstra.map_or("-".into(), |(_, t)| round2(t).to_string()),
                7
            ),
        ));
    }
    for r in &year.rows {
        if let Some(b) = &r.shown.beside {
            out.push(format!("{} {}", r.def.code, beside_text(b, lang)));
        }
    }
    out.push(legend(year, lang));
    let mut notes = Vec::new();
    for r in &year.rows {
        if r.drift() {
            let live = &r.live;
            notes.push(format!(
                "{}: {} {} ({} {})",
                r.def.code,
                t("iku.drift"),
                realisation_text(live),
                t("iku.col.capaian"),
                capaian_text(live)
            ));
        }
        for n in &r.realisation.notes {
            notes.push(format!("{}: {}", r.def.code, note_text(n, lang)));
        }
    }
    if !notes.is_empty() {
        out.push(String::new());
        out.push(format!("{}:", t("iku.notes")));
        out.extend(notes);
    }
    out
}
