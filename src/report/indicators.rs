//! The programme and activity indicators of LKjIP table 3.23 for a year, as pane 6's second
//! view and `disnaker indicators` show them.
//!
//! Where a realisation comes from, in order: for an indicator the records compute, the
//! office's records when they hold the year (a `pbk` training with participants, a placement
//! departing that year, ...); for an entered one, the value an officer entered with its
//! source; else the figure the yearly report published (LKjIP); else, for a computed one, the
//! records' count (0 is a count), and for an entered one nothing yet. Where the records'
//! number and the published one differ, both are kept so the officer sees the two.

use crate::domain::date::Date;
use crate::domain::indicator::{ProgrammeDef, ProgrammeDefinitions, ProgrammeRecords};
use crate::domain::training::TrainingType;
use crate::i18n::{fill, Lang};
use crate::report::disputes::followed_up_by;
use crate::report::iku::{capaian, round2, Polarity, Ratio};
use crate::report::table::{Cell, Table};
use crate::store::{self, PlacementFilter, Store, StoreError};
use rust_decimal::Decimal;
use serde_json::{json, Value};

pub const INDICATORS_HEADER: [&str; 7] = [
    "program_code",
    "indicator",
    "unit",
    "target",
    "realisation",
    "capaian_percent",
    "source",
];

/// Where a row's realisation comes from (the CSV's `source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSource {
    Records,
    Entered,
    Lkjip,
}

impl RowSource {
    pub fn as_str(self) -> &'static str {
        match self {
            RowSource::Records => "records",
            RowSource::Entered => "entered",
            RowSource::Lkjip => "lkjip",
        }
    }

    /// The catalog key of its name on screen.
    pub fn label_key(self) -> &'static str {
        match self {
            RowSource::Records => "ind.source.records",
            RowSource::Entered => "ind.source.entered",
            RowSource::Lkjip => "ind.source.lkjip",
        }
    }
}

/// Who entered a value, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entered {
    pub id: i64,
    pub value: Decimal,
    pub source: String,
    pub source_date: String,
    pub by: String,
    pub at: String,
    pub notes: String,
}

/// What the records say for an indicator they compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// `None`: 0 / 0, no value.
    pub value: Option<Decimal>,
    /// For a share: its numerator and denominator.
    pub ratio: Option<Ratio>,
    /// The records hold the year (something of the kind was recorded for it).
    pub held: bool,
}

/// One indicator of the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeRow {
    pub def: ProgrammeDef,
    pub target: Option<Decimal>,
    pub realisation: Option<Decimal>,
    pub capaian: Option<Decimal>,
    pub source: RowSource,
    /// For an indicator the records compute: what they say (also when the row shows the
    /// published figure because they hold nothing for the year).
    pub counted: Option<Counted>,
    pub entered: Option<Entered>,
    /// The realisation the yearly report published for the year, if it did.
    pub lkjip: Option<Decimal>,
}

impl ProgrammeRow {
    /// Where the row's number comes from, as a screen or table names it: an indicator to be
    /// entered that nobody has entered yet says so (the CSV keeps `entered`, SPEC §5).
    pub fn source_label_key(&self) -> &'static str {
        if self.source == RowSource::Entered && self.realisation.is_none() {
            "ind.source.missing"
        } else {
            self.source.label_key()
        }
    }

    /// The records' number and the published one for the same year differ.
    pub fn disagrees(&self) -> bool {
        self.source == RowSource::Records
            && self
                .lkjip
                .is_some_and(|p| self.realisation != Some(p) && self.realisation.is_some())
    }
}

/// Every indicator of table 3.23 for a year, in the table's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeYear {
    pub year: i32,
    pub rows: Vec<ProgrammeRow>,
}

/// The year's indicators, counted today.
pub fn programme_year(store: &Store, year: i32) -> store::Result<ProgrammeYear> {
    programme_year_on(store, year, crate::clock::today())
}

/// The year's indicators as counted on `day` (disputes followed up by then, families
/// waiting then).
pub fn programme_year_on(store: &Store, year: i32, day: Date) -> store::Result<ProgrammeYear> {
    let defs = ProgrammeDefinitions::embedded().map_err(|e| StoreError::Refused(e.into()))?;
    let mut rows = Vec::with_capacity(defs.indicators.len());
    for def in &defs.indicators {
        rows.push(row(store, def, year, day)?);
    }
    Ok(ProgrammeYear { year, rows })
}

fn count(n: i64, held: bool) -> Counted {
    Counted {
        value: Some(Decimal::from(n)),
        ratio: None,
        held,
    }
}

/// What the records say for `what` in `year`.
pub fn counted(
    store: &Store,
    what: ProgrammeRecords,
    year: i32,
    day: Date,
) -> store::Result<Counted> {
    Ok(match what {
        ProgrammeRecords::PbkCertified => {
            let c = store.training_year_counts_of(year, &[TrainingType::Pbk])?;
            let ratio = Ratio::new(c.certified, c.graduated);
            Counted {
                value: ratio.value(),
                ratio: Some(ratio),
                held: c.participants > 0,
            }
        }
        ProgrammeRecords::PbkTrained => {
            let c = store.training_year_counts_of(year, &[TrainingType::Pbk])?;
            count(c.participants, c.participants > 0)
        }
        ProgrammeRecords::Domestic => {
            let n: i64 = store.domestic_counts(year)?.iter().map(|c| c.count).sum();
            count(n, n > 0)
        }
        ProgrammeRecords::JobFair => {
            let fairs = store.job_fair_placements(year)?;
            let n: i64 = fairs.iter().map(|f| f.placements).sum();
            count(n, !fairs.is_empty())
        }
        ProgrammeRecords::Overseas => {
            let n = store.count_placements(&PlacementFilter::year(year))?;
            count(n, n > 0)
        }
        ProgrammeRecords::PpPkb => {
            let s = store.prevention_stats(year)?;
            count(s.companies_with_pp_pkb, s.companies_registered > 0)
        }
        ProgrammeRecords::Facilitations => {
            let n = store.count_facilitations(year)?;
            count(n, n > 0)
        }
        ProgrammeRecords::DisputesResolved => {
            let recorded = store.disputes_recorded_in(year)?;
            let resolved = recorded
                .iter()
                .filter(|r| followed_up_by(&r.value, day))
                .count() as i64;
            count(resolved, !recorded.is_empty())
        }
        ProgrammeRecords::TransmigrantsDeparted => {
            let c = store.transmigration_counts(year, day)?;
            count(c.departed, c.registered > 0 || c.departed > 0)
        }
    })
}

fn row(store: &Store, def: &ProgrammeDef, year: i32, day: Date) -> store::Result<ProgrammeRow> {
    let target = def.targets.get(&year).copied();
    let lkjip = def.lkjip.get(&year).copied();
    let mut entered = None;
    let mut counted_now = None;
    let (realisation, source) = match def.records {
        Some(what) => {
            let c = counted(store, what, year, day)?;
            counted_now = Some(c);
            match lkjip {
                Some(p) if !c.held => (Some(p), RowSource::Lkjip),
                _ => (c.value, RowSource::Records),
            }
        }
        None => {
            if let Some(rec) = store.iku_entry_for(&def.key, year)? {
                let e = &rec.entry;
                entered = Some(Entered {
                    id: rec.id,
                    value: e.value,
                    source: e.source.clone(),
                    source_date: crate::domain::date::iso(e.source_date),
                    by: rec.changed_by.clone(),
                    at: rec.changed_at.clone(),
                    notes: e.notes.clone(),
                });
                (Some(e.value), RowSource::Entered)
            } else if let Some(p) = lkjip {
                (Some(p), RowSource::Lkjip)
            } else {
                (None, RowSource::Entered)
            }
        }
    };
    let capaian = match (realisation, target) {
        (Some(r), Some(t)) => capaian(r, t, Polarity::Positive),
        _ => None,
    };
    Ok(ProgrammeRow {
        def: def.clone(),
        target,
        realisation,
        capaian,
        source,
        counted: counted_now,
        entered,
        lkjip,
    })
}

/// A value as the indicator's unit writes it, with `.` decimals: a percentage with two
/// decimals (`80.00`), a count whole (`344`); `-` for none.
pub fn value_text(def: &ProgrammeDef, v: Option<Decimal>) -> String {
    match v {
        None => "-".into(),
        Some(v) if def.is_percent() => round2(v).to_string(),
        Some(v) => v.normalize().to_string(),
    }
}

/// The same as the screen writes it: `80,00`, `3.727` in Indonesian.
pub fn screen_value(def: &ProgrammeDef, v: Option<Decimal>, lang: Lang) -> String {
    match v {
        None => "-".into(),
        Some(v) if def.is_percent() => lang.decimal(round2(v)),
        Some(v) => match i64::try_from(v.trunc()) {
            Ok(n) if v.fract().is_zero() => lang.count(n),
            _ => lang.decimal(v.normalize()),
        },
    }
}

pub fn capaian_screen(c: Option<Decimal>, lang: Lang) -> String {
    c.map_or("-".into(), |c| lang.decimal(round2(c)))
}

fn value_cell(def: &ProgrammeDef, v: Option<Decimal>) -> Cell {
    match v {
        None => Cell::Empty,
        Some(v) if def.is_percent() => Cell::Dec(round2(v)),
        Some(v) => match i64::try_from(v.trunc()) {
            Ok(n) if v.fract().is_zero() => Cell::Int(n),
            _ => Cell::Dec(v.normalize()),
        },
    }
}

/// The SPEC §5 table: one row per indicator in the table's order; realisation and capaian
/// empty where there is no value.
pub fn indicators_table(year: &ProgrammeYear) -> Table {
    let rows = year
        .rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.def.program_code.clone()),
                Cell::Text(r.def.name_id.clone()),
                Cell::Text(r.def.unit.clone()),
                value_cell(&r.def, r.target),
                value_cell(&r.def, r.realisation),
                r.capaian.map_or(Cell::Empty, |c| Cell::Dec(round2(c))),
                Cell::Text(r.source.as_str().into()),
            ]
        })
        .collect();
    Table::new(&INDICATORS_HEADER, rows)
}

fn num(def: &ProgrammeDef, v: Option<Decimal>) -> Value {
    match value_cell(def, v) {
        Cell::Int(n) => json!(n),
        Cell::Dec(d) => d
            .to_string()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        _ => Value::Null,
    }
}

/// The year as JSON: one object per indicator (keys English and stable).
pub fn indicators_json(year: &ProgrammeYear) -> Value {
    let rows: Vec<Value> = year
        .rows
        .iter()
        .map(|r| {
            let capaian = r
                .capaian
                .and_then(|c| round2(c).to_string().parse::<f64>().ok())
                .and_then(serde_json::Number::from_f64)
                .map_or(Value::Null, Value::Number);
            json!({
                "key": r.def.key,
                "program_code": r.def.program_code,
                "indicator": r.def.name_id,
                "indicator_en": r.def.name_en,
                "unit": r.def.unit,
                "target": num(&r.def, r.target),
                "realisation": num(&r.def, r.realisation),
                "capaian_percent": capaian,
                "source": r.source.as_str(),
                "records": r.counted.map_or(Value::Null, |c| json!({
                    "value": num(&r.def, c.value),
                    "numerator": c.ratio.map(|x| x.numerator),
                    "denominator": c.ratio.map(|x| x.denominator),
                    "held": c.held,
                })),
                "lkjip": num(&r.def, r.lkjip),
                "disagrees_with_lkjip": r.disagrees(),
                "entered": r.entered.as_ref().map_or(Value::Null, |e| json!({
                    "source": e.source,
                    "source_date": e.source_date,
                    "by": e.by,
                    "notes": e.notes,
                })),
            })
        })
        .collect();
    json!({ "year": year.year, "indicators": rows })
}

fn pad(s: &str, w: usize) -> String {
    format!("{s:<w$}")
}

fn rpad(s: &str, w: usize) -> String {
    format!("{s:>w$}")
}

/// The year as aligned text for the terminal, in the officer's language and numbers.
pub fn text_lines(year: &ProgrammeYear, lang: Lang) -> Vec<String> {
    let t = |k: &str| lang.t(k);
    let en = lang == Lang::En;
    let mut out = vec![
        format!("{} {} · {}", t("ind.title"), year.year, t("iku.office")),
        format!(
            "{} {} {} {} {} {} {}",
            pad(t("ind.col.key"), 7),
            pad(t("ind.col.unit"), 10),
            rpad(t("ind.col.target"), 8),
            rpad(t("ind.col.realisation"), 10),
            rpad(t("ind.col.capaian"), 8),
            pad(t("ind.col.source"), 8),
            t("ind.col.indicator"),
        ),
    ];
    for r in &year.rows {
        let key = format!("{}{}", r.def.key, if r.disagrees() { "!" } else { "" });
        out.push(format!(
            "{} {} {} {} {} {} {}",
            pad(&key, 7),
            pad(t(&r.def.unit_key()), 10),
            rpad(&screen_value(&r.def, r.target, lang), 8),
            rpad(&screen_value(&r.def, r.realisation, lang), 10),
            rpad(&capaian_screen(r.capaian, lang), 8),
            pad(t(r.source_label_key()), 8),
            r.def.name(en),
        ));
    }
    let notes: Vec<String> = year
        .rows
        .iter()
        .filter(|r| r.disagrees())
        .map(|r| format!("{}: {}", r.def.key, disagreement_text(r, lang)))
        .collect();
    if !notes.is_empty() {
        out.push(String::new());
        out.push(format!("{}:", t("iku.notes")));
        out.extend(notes);
    }
    out
}

/// "catatan 344, LKjIP 300": the records' number beside the published one.
pub fn disagreement_text(r: &ProgrammeRow, lang: Lang) -> String {
    fill(
        lang.t("ind.disagrees"),
        &[
            screen_value(&r.def, r.realisation, lang),
            screen_value(&r.def, r.lkjip, lang),
        ],
    )
}

/// Everything about one indicator, line by line: what it counts, its target, realisation
/// and capaian, where the number comes from, and for a published year the records' number
/// beside the report's.
pub fn detail_lines(r: &ProgrammeRow, year: i32, lang: Lang) -> Vec<String> {
    let en = lang == Lang::En;
    let t = |k: &str| lang.t(k);
    let f = |k: &str, args: &[String]| fill(lang.t(k), args);
    let def = &r.def;
    let v = |x: Option<Decimal>| screen_value(def, x, lang);
    let mut out = vec![
        format!("{} · {} · {year}", def.key, def.name(en)),
        f(
            "ind.x.program",
            &[def.program_code.clone(), t(&def.unit_key()).to_string()],
        ),
        f("ind.x.how", &[def.how(en).to_string()]),
        f(
            "ind.x.figures",
            &[
                v(r.target),
                v(r.realisation),
                capaian_screen(r.capaian, lang),
            ],
        ),
    ];
    match (r.source, &r.entered, r.counted) {
        (RowSource::Entered, Some(e), _) => out.push(f(
            "ind.x.entered",
            &[
                e.by.clone(),
                e.source.clone(),
                crate::domain::date::display_iso(&e.source_date),
            ],
        )),
        (RowSource::Entered, None, _) => out.push(f("ind.x.not_entered", &[year.to_string()])),
        (RowSource::Lkjip, _, Some(c)) => {
            out.push(t("ind.x.lkjip").to_string());
            out.push(f(
                "ind.x.records_hold_nothing",
                &[year.to_string(), v(c.value)],
            ));
        }
        (RowSource::Lkjip, _, None) => out.push(t("ind.x.lkjip").to_string()),
        (RowSource::Records, _, c) => {
            out.push(t("ind.x.records").to_string());
            if let Some(ratio) = c.and_then(|c| c.ratio) {
                out.push(f(
                    "ind.x.ratio",
                    &[
                        lang.count(ratio.numerator),
                        lang.count(ratio.denominator),
                        capaian_screen(ratio.value(), lang),
                    ],
                ));
            }
        }
    }
    if let Some(p) = r.lkjip.filter(|_| r.source != RowSource::Lkjip) {
        if r.realisation == Some(p) {
            out.push(f("ind.x.same_as_lkjip", &[v(Some(p))]));
        } else if r.disagrees() {
            out.push(f("ind.x.both", &[v(r.realisation), v(Some(p))]));
            out.push(f(
                "ind.x.both_capaian",
                &[
                    capaian_screen(r.capaian, lang),
                    capaian_screen(
                        r.target.and_then(|t| capaian(p, t, Polarity::Positive)),
                        lang,
                    ),
                ],
            ));
        } else {
            out.push(f("ind.x.lkjip_was", &[v(Some(p))]));
        }
    }
    if let Some(e) = r.entered.as_ref().filter(|e| !e.notes.is_empty()) {
        out.push(format!("{}: {}", t("iku.notes"), e.notes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dispute::{CompanyCompliance, PreventionFacilitation};
    use crate::domain::indicator::IkuEntry;
    use crate::domain::testing::{dec as d, map as vals};

    fn day() -> Date {
        Date::from_ymd_opt(2025, 3, 1).unwrap()
    }

    fn get<'a>(y: &'a ProgrammeYear, key: &str) -> &'a ProgrammeRow {
        y.rows.iter().find(|r| r.def.key == key).unwrap()
    }

    #[test]
    fn records_replace_the_published_figure_and_both_are_kept() {
        let mut s = Store::open_in_memory("ani").unwrap();
        // Nothing recorded: the published 2024 figures, marked as such.
        let y = programme_year_on(&s, 2024, day()).unwrap();
        assert_eq!(y.rows.len(), 26);
        let prevented = get(&y, "IV.2b");
        assert_eq!(
            (prevented.realisation, prevented.source),
            (Some(d("79")), RowSource::Lkjip)
        );
        assert_eq!(prevented.counted.unwrap().value, Some(d("0")));
        assert!(!prevented.disagrees());
        for (date, company) in [
            ("2024-02-01", "PT A"),
            ("2024-05-01", "PT B"),
            ("2024-09-01", "PT C"),
        ] {
            let (f, c) = PreventionFacilitation::from_fields(
                &vals(&[("date", date), ("company", company), ("topic", "PKB")]),
                day(),
            );
            assert!(c.errors.is_empty(), "{c:?}");
            s.insert_facilitation(&f.unwrap()).unwrap();
        }
        for (company, pp) in [("PT A", "pp"), ("PT B", "tidak")] {
            let (f, c) = CompanyCompliance::from_fields(
                &vals(&[
                    ("company", company),
                    ("year", "2024"),
                    ("pp_pkb", pp),
                    ("bpjs_member", "ya"),
                ]),
                day(),
            );
            assert!(c.errors.is_empty(), "{c:?}");
            s.insert_compliance(&f.unwrap()).unwrap();
        }
        let y = programme_year_on(&s, 2024, day()).unwrap();
        let prevented = get(&y, "IV.2b");
        assert_eq!(
            (prevented.realisation, prevented.source, prevented.capaian),
            (Some(d("3")), RowSource::Records, Some(d("3.80")))
        );
        assert!(prevented.disagrees());
        let lines = detail_lines(prevented, 2024, Lang::En);
        assert!(
            lines.contains(&"By the records 3, by LKjIP 79: they differ".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"Achieved by the records 3.80, by LKjIP 100.00".to_string()),
            "{lines:?}"
        );
        let pp = get(&y, "IV.1a");
        assert_eq!(
            (pp.realisation, pp.source),
            (Some(d("1")), RowSource::Records)
        );
        // A year without targets or published figures: the records' count, no capaian.
        let later = programme_year_on(&s, 2025, day()).unwrap();
        let prevented = get(&later, "IV.2b");
        assert_eq!(
            (prevented.target, prevented.realisation, prevented.capaian),
            (None, Some(d("0")), None)
        );
        assert_eq!(get(&later, "V.1b").realisation, None);
        assert_eq!(get(&later, "V.1b").source, RowSource::Entered);
    }

    #[test]
    fn an_entered_value_wins_over_the_published_one_until_it_is_archived() {
        let mut s = Store::open_in_memory("ani").unwrap();
        let (e, c) = IkuEntry::from_programme_fields(
            &vals(&[
                ("iku_code", "V.1b"),
                ("iku_year", "2024"),
                ("iku_value", "2"),
                ("iku_source", "Arsip laporan koordinasi 2024"),
                ("iku_source_date", "2024-12-20"),
                ("iku_notes", "satu laporan belum diterima"),
            ]),
            day(),
        );
        assert!(c.errors.is_empty(), "{c:?}");
        let id = s.insert_iku_entry(&e.unwrap()).unwrap();
        let y = programme_year_on(&s, 2024, day()).unwrap();
        let reports = get(&y, "V.1b");
        assert_eq!(
            (reports.realisation, reports.source, reports.capaian),
            (Some(d("2")), RowSource::Entered, Some(d("100.00")))
        );
        let lines = detail_lines(reports, 2024, Lang::Id);
        assert!(
            lines.contains(&"Diisi ani dari Arsip laporan koordinasi 2024 (20-12-2024)".into()),
            "{lines:?}"
        );
        assert!(lines.contains(&"Angka LKjIP: 3".into()), "{lines:?}");
        assert!(lines.contains(&"Catatan: satu laporan belum diterima".into()));
        let csv = indicators_table(&y);
        let row = &csv.rows[24];
        assert_eq!(row[4], Cell::Int(2));
        assert_eq!(row[6], Cell::Text("entered".into()));
        s.archive_iku_entry(id, 1).unwrap();
        let y = programme_year_on(&s, 2024, day()).unwrap();
        assert_eq!(get(&y, "V.1b").source, RowSource::Lkjip);
        assert_eq!(get(&y, "V.1b").realisation, Some(d("3")));
    }
}
