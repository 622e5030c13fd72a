//! IKU1 from the training records (over the training types `data/indicators.toml` names for
//! it) and the `export trainings` summary per scheme. No personal data.

use super::iku::{IndicatorValue, Polarity, Predicate, Ratio};
use super::table::{total_row, Cell, Table};
use crate::domain::indicator::Definitions;
use crate::domain::training::TrainingType;
use crate::store::{
    self, PublishedScheme, SchemeTotals, Store, StoreError, TrainingCounts, YearTotals,
};
use rust_decimal::Decimal;
use std::str::FromStr;

pub const TRAININGS_HEADER: [&str; 8] = [
    "scheme",
    "funding_source",
    "participants",
    "graduated",
    "certified",
    "employed",
    "percent_employed",
    "type",
];

/// The training types whose participants IKU1 counts (`training_types` of IKU1 in
/// `data/indicators.toml`: `pbk` and `pemagangan`).
pub fn iku1_types() -> store::Result<&'static [TrainingType]> {
    let defs = Definitions::embedded().map_err(|e| StoreError::Refused(e.into()))?;
    defs.get("IKU1")
        .map(|d| d.training_types.as_slice())
        .ok_or_else(|| StoreError::Refused("data/indicators.toml defines no IKU1".into()))
}

/// Whether IKU1 counts a training of this type.
pub fn counted_in_iku1(kind: TrainingType) -> store::Result<bool> {
    Ok(iku1_types()?.contains(&kind))
}

/// The participants IKU1 counts in `year`: those of the trainings of its types.
pub fn iku1_counts(store: &Store, year: i32) -> store::Result<TrainingCounts> {
    store.training_year_counts_of(year, iku1_types()?)
}

/// The participants of the year's entrepreneurship trainings (kewirausahaan), which the
/// report gives apart from IKU1.
pub fn entrepreneurship_counts(store: &Store, year: i32) -> store::Result<TrainingCounts> {
    store.training_year_counts_of(year, &[TrainingType::Kewirausahaan])
}

pub const PUBLISHED_HEADER: [&str; 3] = ["scheme", "funding_source", "participants"];

/// The ratio IKU1 counts: employed (wage job or own business) / all participants.
pub fn employed_ratio(c: &TrainingCounts) -> Ratio {
    Ratio::new(c.employed, c.participants)
}

/// IKU1 for `year`: participants of the trainings of IKU1's types (competency-based and
/// apprenticeship) held in year n who are employed (wage job or own business) / all their
/// participants × 100. Entrepreneurship trainings are not in it. No value for a year without
/// such participants.
pub fn iku1(store: &Store, year: i32) -> store::Result<IndicatorValue> {
    Ok(iku1_value(year, &iku1_counts(store, year)?))
}

/// IKU1's value from the participants of its types counted in `year`.
fn iku1_value(year: i32, counts: &TrainingCounts) -> IndicatorValue {
    IndicatorValue::from_ratio(
        employed_ratio(counts),
        format!("no training participants recorded for {year}"),
    )
}

/// IKU1 of a year beside the year's target, as the trainings pane's header shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iku1Figure {
    pub year: i32,
    pub value: IndicatorValue,
    /// The target agreed for the year; `None` when the store has none.
    pub target: Option<Decimal>,
    /// `None` without a value or without a target.
    pub capaian: Option<Decimal>,
    pub predicate: Option<Predicate>,
}

/// IKU1 for `year` with its achievement (capaian) and predicate against the year's target
/// in the store (`indicator_target`), when one is recorded.
pub fn iku1_against_target(store: &Store, year: i32) -> store::Result<Iku1Figure> {
    iku1_figure(store, year, &iku1_counts(store, year)?)
}

/// IKU1 of `year` from its participants already counted (`counts`: those of IKU1's types),
/// beside the year's target.
fn iku1_figure(store: &Store, year: i32, counts: &TrainingCounts) -> store::Result<Iku1Figure> {
    let value = iku1_value(year, counts);
    let target = match store.iku1_target(year)? {
        None => None,
        Some((t, polarity)) => {
            let target = Decimal::from_str(t.trim()).map_err(|_| {
                StoreError::Refused(
                    format!("the IKU1 target for {year} is not a number: '{t}'").into(),
                )
            })?;
            let polarity = Polarity::parse(&polarity).map_err(|e| StoreError::Refused(e.into()))?;
            Some((target, polarity))
        }
    };
    let capaian = target.and_then(|(t, p)| value.capaian(t, p));
    Ok(Iku1Figure {
        year,
        value,
        target: target.map(|(t, _)| t),
        capaian,
        predicate: capaian.map(Predicate::from_capaian),
    })
}

/// The totals the trainings pane shows for a year, added up from one read of that year's
/// trainings in the tally per type ([`Store::training_totals_by_year_and_type`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSummary {
    /// The year's trainings of every type.
    pub trainings: i64,
    /// The year's participants, every type.
    pub counts: TrainingCounts,
    pub iku1: Iku1Figure,
    /// The year's entrepreneurship trainings (kewirausahaan), given apart from IKU1.
    pub entrepreneurship: TrainingCounts,
    /// The year's other trainings (lainnya), in neither.
    pub other: TrainingCounts,
}

/// The trainings pane's totals for `year`: the same figures as
/// [`Store::training_year_counts`], [`iku1_against_target`], [`entrepreneurship_counts`],
/// from one read of the year's trainings.
pub fn year_summary(store: &Store, year: i32) -> store::Result<YearSummary> {
    let rows = store.training_totals_by_year_and_type(Some(year))?;
    let of_types = |types: &[TrainingType]| {
        rows.iter()
            .filter(|(t, _)| types.contains(t))
            .fold(TrainingCounts::default(), |c, (_, y)| c.plus(y.counts))
    };
    Ok(YearSummary {
        trainings: rows.iter().map(|(_, y)| y.trainings).sum(),
        counts: of_types(&TrainingType::ALL),
        iku1: iku1_figure(store, year, &of_types(iku1_types()?))?,
        entrepreneurship: of_types(&[TrainingType::Kewirausahaan]),
        other: of_types(&[TrainingType::Lainnya]),
    })
}

/// Every training per year, and the trainings IKU1 counts per year with any, newest first:
/// [`Store::training_totals_by_year`] and [`Store::training_totals_by_year_of`] IKU1's
/// types, from one read of the tally.
pub fn year_series(store: &Store) -> store::Result<(Vec<YearTotals>, Vec<YearTotals>)> {
    let iku1_types = iku1_types()?;
    let add = |into: &mut Vec<YearTotals>, y: &YearTotals| match into.last_mut() {
        Some(last) if last.year == y.year => {
            last.trainings += y.trainings;
            last.counts = last.counts.plus(y.counts);
        }
        _ => into.push(y.clone()),
    };
    let (mut all, mut iku1) = (Vec::new(), Vec::new());
    // Newest year first, as read.
    for (t, y) in &store.training_totals_by_year_and_type(None)? {
        add(&mut all, y);
        if iku1_types.contains(t) {
            add(&mut iku1, y);
        }
    }
    Ok((all, iku1))
}

fn percent_cell(r: Ratio) -> Cell {
    r.value().map(Cell::Dec).unwrap_or(Cell::Empty)
}

fn counts_cells(c: &TrainingCounts) -> [Cell; 5] {
    [
        Cell::Int(c.participants),
        Cell::Int(c.graduated),
        Cell::Int(c.certified),
        Cell::Int(c.employed),
        percent_cell(employed_ratio(c)),
    ]
}

/// The summary per scheme of `year` (`export trainings`, the pane's export):
/// `scheme,funding_source,participants,graduated,certified,employed,percent_employed,type`,
/// one row per scheme, funding source and type; then a `TOTAL` row of every row, and an
/// `IKU1` row of the trainings IKU1 counts (its `type` names them, `pbk+pemagangan`), whose
/// percentage is IKU1. An empty percentage means no participants.
pub fn trainings_table(store: &Store, year: i32) -> store::Result<Table> {
    Ok(trainings_table_from(
        &store.training_totals_by_scheme(year)?,
        iku1_types()?,
    ))
}

/// The same table from totals already read; `iku1` the types IKU1 counts.
pub fn trainings_table_from(schemes: &[SchemeTotals], iku1: &[TrainingType]) -> Table {
    let mut total = TrainingCounts::default();
    let mut counted = TrainingCounts::default();
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(schemes.len() + 2);
    for s in schemes {
        let c = &s.counts;
        total = total.plus(*c);
        if iku1.contains(&s.training_type) {
            counted = counted.plus(*c);
        }
        let mut row = vec![
            Cell::Text(s.scheme.clone()),
            Cell::Text(s.funding_source.clone()),
        ];
        row.extend(counts_cells(c));
        row.push(Cell::Text(s.training_type.as_str().to_string()));
        rows.push(row);
    }
    let mut last = total_row(1, counts_cells(&total));
    last.push(Cell::Empty);
    rows.push(last);
    let words: Vec<&str> = iku1.iter().map(|t| t.as_str()).collect();
    let mut row = vec![Cell::Text("IKU1".into()), Cell::Empty];
    row.extend(counts_cells(&counted));
    row.push(Cell::Text(words.join("+")));
    rows.push(row);
    Table::new(&TRAININGS_HEADER, rows)
}

/// The published schemes of `year` (table 3.13 of the yearly report), to show beside the
/// records: `scheme,funding_source,participants` and a `TOTAL` row; only the `TOTAL` row
/// when the report has nothing for that year.
pub fn published_schemes(store: &Store, year: i32) -> store::Result<Table> {
    Ok(published_table_from(
        store
            .published_training_schemes()?
            .into_iter()
            .filter(|p| p.year == year),
    ))
}

fn published_table_from(rows: impl Iterator<Item = PublishedScheme>) -> Table {
    let mut total = 0;
    let mut out: Vec<Vec<Cell>> = rows
        .map(|p| {
            total += p.participants;
            vec![
                Cell::Text(p.scheme),
                Cell::Text(p.funding_source),
                Cell::Int(p.participants),
            ]
        })
        .collect();
    out.push(total_row(1, [Cell::Int(total)]));
    Table::new(&PUBLISHED_HEADER, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    const IKU1: &[TrainingType] = &[TrainingType::Pbk, TrainingType::Pemagangan];

    fn totals(scheme: &str, participants: i64, employed: i64) -> SchemeTotals {
        SchemeTotals {
            scheme: scheme.into(),
            funding_source: "DAU".into(),
            training_type: TrainingType::Pbk,
            trainings: 1,
            counts: TrainingCounts {
                participants,
                graduated: participants,
                certified: 0,
                employed,
                ..TrainingCounts::default()
            },
        }
    }

    #[test]
    fn a_scheme_without_participants_has_no_percentage() {
        let t = trainings_table_from(&[totals("Barber", 0, 0), totals("Barista", 3, 2)], IKU1);
        assert_eq!(t.rows[0][6], Cell::Empty);
        assert_eq!(t.rows[1][6], Cell::Dec(Decimal::new(6667, 2)));
        assert_eq!(t.rows[1][7], Cell::Text("pbk".into()));
        assert_eq!(t.rows[2][0], Cell::Text("TOTAL".into()));
        assert_eq!(t.rows[2][2], Cell::Int(3));
        assert_eq!(t.rows[2][6], Cell::Dec(Decimal::new(6667, 2)));
        assert_eq!(t.rows[3][0], Cell::Text("IKU1".into()));
        assert_eq!(t.rows[3][6], Cell::Dec(Decimal::new(6667, 2)));
    }

    #[test]
    fn an_entrepreneurship_training_is_in_the_total_but_not_in_iku1() {
        let mut kwu = totals("Olahan Pangan", 445, 400);
        kwu.training_type = TrainingType::Kewirausahaan;
        let t = trainings_table_from(&[totals("Barista", 4, 3), kwu], IKU1);
        assert_eq!(t.rows[1][7], Cell::Text("kewirausahaan".into()));
        assert_eq!(
            t.rows[2][..3],
            [Cell::Text("TOTAL".into()), Cell::Empty, Cell::Int(449)]
        );
        assert_eq!(t.rows[2][5], Cell::Int(403));
        assert_eq!(t.rows[2][7], Cell::Empty);
        assert_eq!(
            t.rows[3],
            vec![
                Cell::Text("IKU1".into()),
                Cell::Empty,
                Cell::Int(4),
                Cell::Int(4),
                Cell::Int(0),
                Cell::Int(3),
                Cell::Dec(Decimal::new(7500, 2)),
                Cell::Text("pbk+pemagangan".into()),
            ]
        );
    }

    #[test]
    fn an_empty_year_is_a_total_of_zeros_without_a_percentage() {
        let t = trainings_table_from(&[], IKU1);
        assert_eq!(t.header.len(), 8);
        let zeros = |first: &str, last: Cell| {
            vec![
                Cell::Text(first.into()),
                Cell::Empty,
                Cell::Int(0),
                Cell::Int(0),
                Cell::Int(0),
                Cell::Int(0),
                Cell::Empty,
                last,
            ]
        };
        assert_eq!(
            t.rows,
            vec![
                zeros("TOTAL", Cell::Empty),
                zeros("IKU1", Cell::Text("pbk+pemagangan".into()))
            ]
        );
    }

    #[test]
    fn iku1_is_set_against_the_target_of_its_year_when_there_is_one() {
        let s = Store::open_in_memory("t").unwrap();
        let f = iku1_against_target(&s, 2024).unwrap();
        assert_eq!(f.target, Some(Decimal::from(80)));
        assert_eq!(f.value.value, None, "no participants: no value");
        assert_eq!((f.capaian, f.predicate), (None, None));
        let f = iku1_against_target(&s, 2025).unwrap();
        assert_eq!(f.target, None, "no target recorded for 2025");
        assert_eq!(
            iku1_against_target(&s, 2026).unwrap().target,
            Some(Decimal::from(90)),
            "the Renstra 2026 target"
        );
    }

    #[test]
    fn the_published_2024_schemes_add_up_to_344() {
        let s = Store::open_in_memory("t").unwrap();
        let t = published_schemes(&s, 2024).unwrap();
        assert_eq!(t.rows.len(), 16);
        assert_eq!(t.rows[15][2], Cell::Int(344));
        assert_eq!(
            published_schemes(&s, 2023).unwrap().rows[8][2],
            Cell::Int(170)
        );
        assert_eq!(published_schemes(&s, 2019).unwrap().rows.len(), 1);
    }
}
