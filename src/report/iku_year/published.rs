//! The figures published in the yearly reports (LKjIP), as loaded from `data/`: the
//! realisations of `iku.csv`, with IKU1's counts (`iku1_training_outcomes.csv`), the disputes
//! recorded per year (`disputes_by_year.csv`), SAKIP grades and components, and series by
//! region (`tpt_by_year.csv`). Where the report contradicts itself, a note says so.

use super::{components_with_note, Note, Origin, Realisation};
use crate::domain::indicator::SAKIP_COMPONENTS;
use crate::domain::indicator::{Definitions, EntryKind, IndicatorDef, RecordKind, Source};
use crate::report::iku::{round2, IndicatorValue, Ratio};
use crate::store::{self, Store};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

type Row = BTreeMap<String, String>;

/// The office's own district in the series by region.
const DISTRICT: &str = "Kabupaten Blitar";

pub(super) struct Published {
    /// `iku.csv` by code.
    iku: BTreeMap<String, Row>,
    /// `iku1_training_outcomes.csv` by year.
    trainee_counts: BTreeMap<i32, Row>,
    /// `disputes_by_year.csv` by year.
    disputes: BTreeMap<i32, Row>,
    /// `sakip_grades.csv` by year.
    sakip: BTreeMap<i32, Row>,
    /// `<code>_by_year.csv` (year, region, <code>_percent) by code.
    series: BTreeMap<String, Vec<Row>>,
}

fn get<'r>(row: &'r Row, col: &str) -> Option<&'r str> {
    row.get(col).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn dec(row: &Row, col: &str) -> Option<Decimal> {
    get(row, col).and_then(|s| Decimal::from_str(s).ok())
}

fn int(row: &Row, col: &str) -> Option<i64> {
    get(row, col).and_then(|s| s.parse().ok())
}

fn by_year(rows: Vec<Row>) -> BTreeMap<i32, Row> {
    rows.into_iter()
        .filter_map(|r| Some((get(&r, "year")?.parse().ok()?, r)))
        .collect()
}

impl Published {
    pub(super) fn load(store: &Store, defs: &Definitions) -> store::Result<Published> {
        let iku = store
            .published_rows("iku")?
            .into_iter()
            .filter_map(|r| Some((get(&r, "code")?.to_string(), r)))
            .collect();
        let mut series = BTreeMap::new();
        for d in &defs.indicators {
            let rows = store.published_rows(&format!("{}_by_year", d.code.to_lowercase()))?;
            if !rows.is_empty() {
                series.insert(d.code.clone(), rows);
            }
        }
        Ok(Published {
            iku,
            trainee_counts: by_year(store.published_rows("iku1_training_outcomes")?),
            disputes: by_year(store.published_rows("disputes_by_year")?),
            sakip: by_year(store.published_rows("sakip_grades")?),
            series,
        })
    }

    /// The published realisation of `def` for `year`, `None` when nothing was published.
    pub(super) fn realisation(
        &self,
        store: &Store,
        def: &IndicatorDef,
        year: i32,
    ) -> store::Result<Option<Realisation>> {
        let mut notes = Vec::new();
        let printed = self
            .iku
            .get(&def.code)
            .and_then(|r| dec(r, &format!("realisation_{year}")));
        let column = format!("{}_percent", def.code.to_lowercase());
        let series = self.series.get(&def.code).map(Vec::as_slice).unwrap_or(&[]);
        let in_year = |r: &&Row| get(r, "year") == Some(year.to_string().as_str());
        let district = series
            .iter()
            .filter(in_year)
            .find(|r| get(r, "region") == Some(DISTRICT))
            .and_then(|r| dec(r, &column));
        let comparisons: Vec<(String, Decimal)> = series
            .iter()
            .filter(in_year)
            .filter(|r| get(r, "region") != Some(DISTRICT))
            .filter_map(|r| Some((get(r, "region")?.to_string(), dec(r, &column)?)))
            .collect();
        if let (Some(p), Some(s)) = (printed, district) {
            if p != s {
                notes.push(Note::new("iku.note.tables_differ", &[&p, &s]));
            }
        }
        let mut value = printed.or(district);
        let mut ratio = None;
        let mut grade = None;
        let mut components = None;
        match def.source {
            Source::Records(RecordKind::Trainees) => {
                if let Some(row) = self.trainee_counts.get(&year) {
                    if let (Some(d), Some(n)) = (int(row, "participants"), int(row, "employed")) {
                        let r = Ratio::new(n, d);
                        match (r.value(), value) {
                            (Some(v), Some(p)) if v != round2(p) => {
                                notes.push(Note::new("iku.note.ratio_differs", &[&r, &v, &p]))
                            }
                            (v, None) => value = v,
                            _ => {}
                        }
                        ratio = Some(r);
                    }
                    if let Some(text) = get(row, "source_note") {
                        notes.push(Note::new("iku.note.report_says", &[&text]));
                    }
                }
            }
            Source::Records(RecordKind::Disputes) => {
                let count = self
                    .disputes
                    .get(&year)
                    .and_then(|r| int(r, "disputes_reported_and_resolved"));
                match (count, value) {
                    (Some(0), printed) => {
                        // 0 / 0 has no value, whatever the report printed.
                        ratio = Some(Ratio::new(0, 0));
                        value = None;
                        notes.push(match printed {
                            Some(p) => Note::new("iku.note.printed_without_cases", &[&p, &year]),
                            None => Note::new("iku.note.no_disputes", &[&year]),
                        });
                    }
                    (Some(n), Some(p)) => notes.push(
                        super::contradictions::dispute_share(year, n, p).unwrap_or_else(|| {
                            Note::new("iku.note.dispute_counts", &[&n, &year, &p])
                        }),
                    ),
                    _ => {}
                }
            }
            Source::External(EntryKind::Sakip) => {
                if let Some(row) = self.sakip.get(&year) {
                    grade = get(row, "grade").map(str::to_string);
                    let score = dec(row, "score");
                    match (score, value) {
                        (Some(s), Some(p)) if s != p => {
                            notes.push(Note::new("iku.note.tables_differ", &[&p, &s]))
                        }
                        (s, None) => value = s,
                        _ => {}
                    }
                }
                let table = store.published_rows(&format!("sakip_components_{year}"))?;
                let scores: Vec<Decimal> = SAKIP_COMPONENTS
                    .iter()
                    .filter_map(|c| {
                        table
                            .iter()
                            .find(|r| get(r, "component") == Some(c.name_id))
                            .and_then(|r| dec(r, "score"))
                    })
                    .collect();
                if let Ok(scores) = <[Decimal; 4]>::try_from(scores) {
                    components = Some(components_with_note(scores, value, &mut notes));
                }
            }
            Source::External(EntryKind::Rate) => {}
        }
        if value.is_none() && ratio.is_none() && notes.is_empty() {
            return Ok(None);
        }
        let reason_if_none = value
            .is_none()
            .then(|| format!("no published value for {year}"));
        Ok(Some(Realisation {
            value: IndicatorValue {
                ratio,
                value: value.map(round2),
                reason_if_none,
            },
            origin: if value.is_some() || ratio.is_some() {
                Origin::Published
            } else {
                Origin::Nothing
            },
            grade,
            entered: None,
            components,
            notes,
            comparisons,
            beside: None,
        }))
    }
}
