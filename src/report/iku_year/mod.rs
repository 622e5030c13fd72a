//! The IKU figures of a year, as the pane, `disnaker iku` and `export iku` show them.
//!
//! Where a realisation comes from, in order: the office's records of the indicator's kind
//! for that year (IKU1: training participants, IKU3: disputes), or the value an officer
//! entered (TPAK, SAKIP, TPT); else the figure published in the yearly report (LKjIP),
//! labelled published, with its numerator and denominator where the report gives them; else
//! nothing. A year closed as reported shows the figures it was closed with, and the live
//! ones beside them when they have drifted.
//!
//! Never a made-up number: 0 / 0 has no value (the 2024 report printed 98 % for IKU3 with no
//! dispute recorded), and the places where the report contradicts itself become notes.

mod contradictions;
pub mod explain;
mod published;
mod sources;
pub mod table;

pub use explain::explain;
pub use table::{iku_table, json, text_lines, IKU_HEADER};

use super::iku::{round2, IndicatorValue, Polarity, Predicate, Ratio};
use crate::domain::date::Date;
use crate::domain::indicator::{
    Definitions, EntryKind, IndicatorDef, RecordKind, Source, SAKIP_COMPONENTS,
};
use crate::store::{self, ReportedFigure, ReportedShare, Store, StoreError, YearClosing};
use published::Published;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// How many years the trend chart shows, the chosen one last.
pub const TREND_YEARS: i32 = 5;

/// Where a realisation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Computed from the office's records.
    Records,
    /// Entered by an officer with its source.
    Entered,
    /// Published in a yearly report (LKjIP).
    Published,
    /// Neither records, an entered value nor a published figure.
    Nothing,
}

impl Origin {
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Records => "records",
            Origin::Entered => "entered",
            Origin::Published => "published",
            Origin::Nothing => "none",
        }
    }

    pub fn parse(s: &str) -> Origin {
        match s {
            "records" => Origin::Records,
            "entered" => Origin::Entered,
            "published" => Origin::Published,
            _ => Origin::Nothing,
        }
    }
}

/// A remark for the officer: a catalog key (`iku.note.*`) and the values it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub key: &'static str,
    pub args: Vec<String>,
}

impl Note {
    pub fn new(key: &'static str, args: &[&dyn std::fmt::Display]) -> Note {
        Note {
            key,
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }
}

/// Who entered a value, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnteredBy {
    pub id: i64,
    pub source: String,
    pub source_date: String,
    pub by: String,
    pub at: String,
    pub notes: String,
}

/// The SAKIP component scores, in the order of [`SAKIP_COMPONENTS`], and their sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Components {
    pub scores: [Decimal; 4],
    pub sum: Decimal,
}

impl Components {
    pub fn new(scores: [Decimal; 4]) -> Components {
        Components {
            scores,
            sum: scores.iter().copied().sum(),
        }
    }
}

/// A stricter share shown beside a realisation, over the same denominator (IKU3: "PB tepat
/// waktu", PB signed within the mediation deadline / recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Beside {
    pub ratio: Ratio,
    /// `None` when it has no value (0 / 0, or a date the holiday calendar cannot judge).
    pub value: Option<Decimal>,
}

/// A realisation and everything about where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Realisation {
    pub value: IndicatorValue,
    pub origin: Origin,
    pub grade: Option<String>,
    pub entered: Option<EnteredBy>,
    pub components: Option<Components>,
    /// Contradictions of the published report, reasons for no value.
    pub notes: Vec<Note>,
    /// The same figure for other regions in the same year (TPT: province, nation).
    pub comparisons: Vec<(String, Decimal)>,
    /// The stricter share beside it (IKU3 from records: PB tepat waktu).
    pub beside: Option<Beside>,
}

impl Realisation {
    pub(crate) fn nothing(notes: Vec<Note>) -> Realisation {
        Realisation {
            value: IndicatorValue {
                ratio: None,
                value: None,
                reason_if_none: None,
            },
            origin: Origin::Nothing,
            grade: None,
            entered: None,
            components: None,
            notes,
            comparisons: Vec::new(),
            beside: None,
        }
    }
}

/// What a row shows: target, realisation, n / d, capaian, predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub target: Option<Decimal>,
    pub target_grade: Option<String>,
    pub realisation: Option<Decimal>,
    pub grade: Option<String>,
    pub ratio: Option<Ratio>,
    pub capaian: Option<Decimal>,
    pub predicate: Option<Predicate>,
    pub origin: Origin,
    /// IKU3: "PB tepat waktu" beside the realisation.
    pub beside: Option<Beside>,
}

fn dec_text(d: Option<Decimal>) -> Option<String> {
    d.map(|d| round2(d).to_string())
}

fn text_dec(s: &Option<String>) -> Option<Decimal> {
    s.as_deref().and_then(|s| Decimal::from_str(s).ok())
}

impl Figure {
    /// As kept when the year is closed.
    pub fn to_reported(&self, code: &str) -> ReportedFigure {
        ReportedFigure {
            code: code.to_string(),
            target: dec_text(self.target),
            target_grade: self.target_grade.clone(),
            realisation: dec_text(self.realisation),
            grade: self.grade.clone(),
            numerator: self.ratio.map(|r| r.numerator),
            denominator: self.ratio.map(|r| r.denominator),
            capaian: dec_text(self.capaian),
            predicate: self.predicate.map(|p| p.name_id().to_string()),
            origin: self.origin.as_str().to_string(),
            beside: self.beside.map(|b| ReportedShare {
                numerator: b.ratio.numerator,
                denominator: b.ratio.denominator,
                value: dec_text(b.value),
            }),
        }
    }

    pub fn from_reported(r: &ReportedFigure) -> Figure {
        Figure {
            target: text_dec(&r.target),
            target_grade: r.target_grade.clone(),
            realisation: text_dec(&r.realisation),
            grade: r.grade.clone(),
            ratio: match (r.numerator, r.denominator) {
                (Some(n), Some(d)) => Some(Ratio::new(n, d)),
                _ => None,
            },
            capaian: text_dec(&r.capaian),
            predicate: r
                .predicate
                .as_deref()
                .and_then(|p| Predicate::ALL.iter().copied().find(|x| x.name_id() == p)),
            origin: Origin::parse(&r.origin),
            beside: r.beside.as_ref().map(|b| Beside {
                ratio: Ratio::new(b.numerator, b.denominator),
                value: text_dec(&b.value),
            }),
        }
    }

    /// The same numbers as printed (two decimals), so a reported figure read back compares
    /// equal to the live one it was made from.
    fn printed(&self) -> Figure {
        let mut f = self.clone();
        f.target = f.target.map(round2);
        f.realisation = f.realisation.map(round2);
        f.capaian = f.capaian.map(round2);
        if let Some(b) = &mut f.beside {
            b.value = b.value.map(round2);
        }
        f
    }
}

/// One indicator in the chosen year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IkuRow {
    pub def: IndicatorDef,
    pub year: i32,
    /// What the row shows: the reported figure while the year is closed, else the live one.
    pub shown: Figure,
    /// From records, entered or published values now.
    pub live: Figure,
    pub realisation: Realisation,
    /// As reported when the year was last closed.
    pub reported: Option<Figure>,
    /// The two years before, oldest first.
    pub previous: Vec<(i32, Option<Decimal>)>,
    /// The figure the yearly report published for this year, when the row's own comes from
    /// records or an entry (to compare): realisation and n / d.
    pub published: Option<(Option<Decimal>, Option<Ratio>)>,
    /// The Renstra end year and its target.
    pub renstra: Option<(i32, Decimal)>,
    /// The last [`TREND_YEARS`] years' realisations, oldest first.
    pub trend: Vec<(i32, Option<Decimal>)>,
    /// Where the published report contradicts itself about this indicator, any year.
    pub contradictions: Vec<Note>,
}

impl IkuRow {
    /// The live figure differs from the one reported when the year was closed.
    pub fn drift(&self) -> bool {
        self.reported.as_ref().is_some_and(|r| {
            // A year closed before the share beside was kept compares without it.
            let mut live = self.live.clone();
            if r.beside.is_none() {
                live.beside = None;
            }
            *r != live
        })
    }

    pub fn polarity(&self) -> Polarity {
        polarity(&self.def)
    }
}

/// Every indicator of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IkuYear {
    pub year: i32,
    pub closing: Option<YearClosing>,
    pub rows: Vec<IkuRow>,
}

impl IkuYear {
    pub fn closed(&self) -> bool {
        self.closing.as_ref().is_some_and(|c| c.closed)
    }

    /// The live figures, as `--close` keeps them.
    pub fn figures_to_report(&self) -> Vec<ReportedFigure> {
        self.rows
            .iter()
            .map(|r| r.live.to_reported(&r.def.code))
            .collect()
    }
}

pub fn polarity(def: &IndicatorDef) -> Polarity {
    if def.higher_is_better {
        Polarity::Positive
    } else {
        Polarity::Negative
    }
}

/// Reads what the figures of several years need, once.
struct Reader<'a> {
    store: &'a Store,
    defs: &'a Definitions,
    published: Published,
    targets: BTreeMap<String, BTreeMap<i32, Decimal>>,
    closings: BTreeMap<i32, Option<YearClosing>>,
    /// The day the figures are counted on (IKU3: disputes followed up by then).
    day: Date,
}

impl<'a> Reader<'a> {
    fn new(store: &'a Store, day: Date) -> store::Result<Reader<'a>> {
        let defs = Definitions::embedded().map_err(|e| StoreError::Refused(e.into()))?;
        let mut targets = BTreeMap::new();
        for d in &defs.indicators {
            targets.insert(d.code.clone(), store.indicator_targets(&d.code)?);
        }
        Ok(Reader {
            store,
            defs,
            published: Published::load(store, defs)?,
            targets,
            closings: BTreeMap::new(),
            day,
        })
    }

    fn closing(&mut self, year: i32) -> store::Result<Option<YearClosing>> {
        if let Some(c) = self.closings.get(&year) {
            return Ok(c.clone());
        }
        let c = self.store.iku_year_closing(year)?;
        self.closings.insert(year, c.clone());
        Ok(c)
    }

    /// The realisation from records or an entered value, else published, else nothing.
    fn realisation(&self, def: &IndicatorDef, year: i32) -> store::Result<Realisation> {
        if let Some(r) = sources::from_records_or_entry(self.store, def, year, self.day)? {
            return Ok(r);
        }
        Ok(self
            .published
            .realisation(self.store, def, year)?
            .unwrap_or_else(|| {
                Realisation::nothing(vec![Note::new(
                    match def.source {
                        Source::Records(RecordKind::Trainees) => "iku.note.no_trainees",
                        Source::Records(RecordKind::Disputes) => "iku.note.no_disputes",
                        Source::External(EntryKind::Rate | EntryKind::Sakip) => {
                            "iku.note.not_entered"
                        }
                    },
                    &[&year],
                )])
            }))
    }

    fn figure(&self, def: &IndicatorDef, year: i32, r: &Realisation) -> Figure {
        let target = self
            .targets
            .get(&def.code)
            .and_then(|t| t.get(&year))
            .copied();
        let capaian = target.and_then(|t| r.value.capaian(t, polarity(def)));
        Figure {
            target,
            target_grade: def.target_grade(year, target),
            realisation: r.value.value,
            grade: def.grade(r.grade.as_deref(), r.value.value),
            ratio: r.value.ratio,
            capaian,
            predicate: capaian.map(Predicate::from_capaian),
            origin: r.origin,
            beside: r.beside,
        }
        .printed()
    }

    /// The realisation a year shows: as reported while it is closed, else live.
    fn shown_value(&mut self, def: &IndicatorDef, year: i32) -> store::Result<Option<Decimal>> {
        if let Some(c) = self.closing(year)?.filter(|c| c.closed) {
            if let Some(f) = c.figures.iter().find(|f| f.code == def.code) {
                return Ok(text_dec(&f.realisation));
            }
        }
        Ok(self.realisation(def, year)?.value.value)
    }

    fn row(&mut self, def: &IndicatorDef, year: i32) -> store::Result<IkuRow> {
        let realisation = self.realisation(def, year)?;
        let live = self.figure(def, year, &realisation);
        let closing = self.closing(year)?;
        let reported = closing
            .as_ref()
            .and_then(|c| c.figures.iter().find(|f| f.code == def.code))
            .map(Figure::from_reported);
        let shown = match (&closing, &reported) {
            (Some(c), Some(r)) if c.closed => r.clone(),
            _ => live.clone(),
        };
        let mut trend = Vec::new();
        for y in (year - TREND_YEARS + 1)..year {
            trend.push((y, self.shown_value(def, y)?));
        }
        trend.push((year, shown.realisation));
        let previous = trend[trend.len().saturating_sub(3)..trend.len() - 1].to_vec();
        let published = match realisation.origin {
            Origin::Records | Origin::Entered => self
                .published
                .realisation(self.store, def, year)?
                .filter(|p| p.origin == Origin::Published)
                .map(|p| (p.value.value, p.value.ratio)),
            Origin::Published | Origin::Nothing => None,
        };
        let renstra_year = self.defs.renstra_year;
        let renstra = self
            .targets
            .get(&def.code)
            .and_then(|t| t.get(&renstra_year))
            .map(|t| (renstra_year, *t));
        Ok(IkuRow {
            def: def.clone(),
            year,
            shown,
            live,
            realisation,
            reported,
            previous,
            published,
            renstra,
            trend,
            contradictions: contradictions::contradictions(self.store, &def.code)?,
        })
    }
}

/// Every indicator's figures for `year`, in the order of `data/indicators.toml`, counted today.
pub fn iku_year(store: &Store, year: i32) -> store::Result<IkuYear> {
    iku_year_on(store, year, crate::clock::today())
}

/// `iku_year` as counted on `day` (the screen's today, or a test's).
pub fn iku_year_on(store: &Store, year: i32, day: Date) -> store::Result<IkuYear> {
    let mut reader = Reader::new(store, day)?;
    let defs = reader.defs;
    let mut rows = Vec::with_capacity(defs.indicators.len());
    for def in &defs.indicators {
        rows.push(reader.row(def, year)?);
    }
    Ok(IkuYear {
        year,
        closing: reader.closing(year)?,
        rows,
    })
}

/// The SAKIP components of an entry or a published table, with a note when they do not add
/// up to the score.
pub(crate) fn components_with_note(
    scores: [Decimal; 4],
    score: Option<Decimal>,
    notes: &mut Vec<Note>,
) -> Components {
    let c = Components::new(scores);
    if let Some(score) = score.filter(|s| *s != c.sum) {
        notes.push(Note::new(
            "iku.note.sakip_mismatch",
            &[
                &round2(c.sum),
                &round2(score),
                &round2((score - c.sum).abs()),
            ],
        ));
    }
    c
}

/// The component names in order, for explanations.
pub fn component_names(english: bool) -> [&'static str; 4] {
    SAKIP_COMPONENTS.map(|c| if english { c.name_en } else { c.name_id })
}
