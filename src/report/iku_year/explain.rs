//! Where an indicator's number comes from, in sentences: the formula with its numbers, the
//! entered source, or the published report; the target, achievement and predicate; what the
//! report got wrong; and, for a closed year, what was reported and what changed since.

use super::table::{capaian_text, predicate_text, realisation_text};
use super::{component_names, IkuRow, Note, Origin, YearClosing};
use crate::domain::indicator::SAKIP_COMPONENTS;
use crate::i18n::Lang;
use crate::report::iku::{round2, Polarity};

/// A catalog template with `{0}`, `{1}`, ... filled in (one for the whole program).
pub use crate::i18n::fill;

pub fn note_text(note: &Note, lang: Lang) -> String {
    fill(lang.t(note.key), &note.args)
}

/// The explanation of one row, line by line.
pub fn explain(row: &IkuRow, closing: Option<&YearClosing>, lang: Lang) -> Vec<String> {
    let en = lang == Lang::En;
    let t = |k: &str| lang.t(k);
    let f = |k: &str, args: &[String]| fill(lang.t(k), args);
    let s = |x: &dyn std::fmt::Display| x.to_string();
    let def = &row.def;
    let r = &row.realisation;
    let live = &row.live;
    let year = row.year;
    let mut out = vec![format!("{} · {} · {year}", def.code, def.name(en))];
    if let Some(c) = closing {
        if let Some(rep) = &row.reported {
            let key = if c.closed {
                "iku.x.closed"
            } else {
                "iku.x.reopened"
            };
            let (by, at) = if c.closed {
                (&c.closed_by, &c.closed_at)
            } else {
                (&c.changed_by, &c.changed_at)
            };
            out.push(f(
                key,
                &[
                    by.clone(),
                    at.clone(),
                    realisation_text(rep),
                    capaian_text(rep),
                ],
            ));
            if let Some(b) = &rep.beside {
                out.push(format!("  {}", super::table::beside_text(b, lang)));
            }
            if row.drift() {
                out.push(f(
                    "iku.x.drift",
                    &[realisation_text(live), capaian_text(live)],
                ));
            }
        }
    }
    out.push(f("iku.x.formula", &[def.formula(en).to_string()]));
    if let Some(ratio) = r.value.ratio {
        let (n, d) = (ratio.numerator, ratio.denominator);
        match r.value.value {
            Some(v) => out.push(f("iku.x.computed", &[s(&n), s(&d), s(&v)])),
            None => out.push(f("iku.x.no_value_ratio", &[s(&n), s(&d)])),
        }
        if let Some(label) = &def.numerator {
            out.push(format!("  {}: {n}", if en { &label.1 } else { &label.0 }));
        }
        if let Some(label) = &def.denominator {
            out.push(format!("  {}: {d}", if en { &label.1 } else { &label.0 }));
        }
    }
    if let Some(b) = &live.beside {
        // The stricter share the indicator's name describes, with its own formula.
        out.push(super::table::beside_text(b, lang));
        if let Some(formula) = def.beside_formula(en) {
            out.push(format!("  {formula}"));
        }
    }
    match r.origin {
        Origin::Records => out.push(f(
            "iku.x.from_records",
            &[def.source_text(en).to_string(), s(&year)],
        )),
        Origin::Entered => {
            if let Some(e) = &r.entered {
                out.push(f(
                    "iku.x.entered",
                    &[
                        realisation_text(live),
                        e.by.clone(),
                        e.at.clone(),
                        e.source.clone(),
                        e.source_date.clone(),
                    ],
                ));
                if !e.notes.is_empty() {
                    out.push(format!("  {}", e.notes));
                }
            }
        }
        Origin::Published => out.push(f("iku.x.published", &[realisation_text(live), s(&year)])),
        Origin::Nothing => out.push(f("iku.x.nothing", &[s(&year)])),
    }
    if let Some((v, ratio)) = &row.published {
        let mut text = super::table::value_text(None, *v);
        if let Some(x) = ratio {
            text.push_str(&format!(" ({x})"));
        }
        out.push(f("iku.x.published_beside", &[s(&year), text]));
    }
    if let Some(c) = &r.components {
        let names = component_names(en);
        out.push(t("iku.x.components").to_string());
        for ((name, score), comp) in names.iter().zip(c.scores).zip(SAKIP_COMPONENTS) {
            out.push(format!("  {name}: {} / {}", round2(score), comp.weight));
        }
        out.push(f("iku.x.components_sum", &[s(&round2(c.sum))]));
    }
    match (live.target, live.realisation, live.capaian) {
        (Some(tg), Some(v), Some(c)) => {
            let key = match row.polarity() {
                Polarity::Positive => "iku.x.capaian",
                Polarity::Negative => "iku.x.capaian_negative",
            };
            out.push(f(key, &[s(&year), s(&round2(tg)), s(&v), s(&c)]));
            out.push(f("iku.x.predicate", &[predicate_text(live, lang)]));
        }
        (Some(tg), _, _) => out.push(f("iku.x.target_no_value", &[s(&year), s(&round2(tg))])),
        (None, _, _) => out.push(f("iku.x.no_target", &[s(&year)])),
    }
    if !r.comparisons.is_empty() {
        let list: Vec<String> = r
            .comparisons
            .iter()
            .map(|(region, v)| format!("{region} {}", round2(*v)))
            .collect();
        out.push(f("iku.x.comparisons", &[s(&year), list.join(", ")]));
    }
    if let Some((y, tg)) = row.renstra {
        out.push(f("iku.x.renstra", &[s(&y), s(&round2(tg))]));
    }
    for n in &r.notes {
        out.push(format!("{} {}", t("iku.x.note"), note_text(n, lang)));
    }
    // The report's contradictions about the indicator in any year, but not twice.
    let others: Vec<&Note> = row
        .contradictions
        .iter()
        .filter(|c| !r.notes.contains(c))
        .collect();
    if !others.is_empty() {
        out.push(t("iku.x.contradictions").to_string());
        for c in others {
            out.push(format!("- {}", note_text(c, lang)));
        }
    }
    out
}
