//! The indicators (IKU) in the store: their definitions and targets from
//! `data/indicators.toml` (loaded with the other reference data), the values officers enter
//! from outside the records (TPAK, SAKIP, TPT), and the years whose figures were closed as
//! reported, which the store then guards against changes.

mod closing;
mod entry;

pub use closing::{ReportedFigure, ReportedShare, YearClosing};
pub use entry::IkuEntryRecord;

use super::{Result, Store, StoreError};
use crate::domain::indicator::{Definitions, Source};
use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Write the definitions and targets of `data/indicators.toml` over the `indicator` and
/// `indicator_target` rows: the file is the authority, so a target the office removed from
/// it goes away here too. Called by the reference-data loader, inside its transaction.
pub(crate) fn load_definitions(conn: &Connection) -> Result<()> {
    let defs = Definitions::embedded().map_err(|e| StoreError::Refused(e.into()))?;
    for d in &defs.indicators {
        let source = match d.source {
            Source::Records(_) => "records",
            Source::External(_) => "external",
        };
        let unit = match d.unit {
            crate::domain::indicator::Unit::Percent => "percent",
            crate::domain::indicator::Unit::Score => "score",
        };
        let polarity = if d.higher_is_better {
            "positive"
        } else {
            "negative"
        };
        put_indicator(
            conn,
            &IndicatorRow {
                code: &d.code,
                level: &d.level,
                name: &d.name_id,
                unit,
                polarity,
                formula: &d.formula_id,
                source: &format!("{source}: {}", d.source_id),
            },
        )?;
        conn.execute("DELETE FROM indicator_target WHERE code = ?1", [&d.code])?;
        for (year, target) in &d.targets {
            conn.execute(
                "INSERT INTO indicator_target(code, year, target) VALUES (?1, ?2, ?3)",
                params![d.code, year, target.to_string()],
            )?;
        }
    }
    Ok(())
}

/// An indicator's definition as the `indicator` table keeps it.
pub(crate) struct IndicatorRow<'a> {
    pub code: &'a str,
    pub level: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    pub polarity: &'a str,
    pub formula: &'a str,
    pub source: &'a str,
}

/// Write an indicator's definition over any earlier one of the same code.
pub(crate) fn put_indicator(conn: &Connection, row: &IndicatorRow) -> Result<()> {
    conn.execute(
        "INSERT INTO indicator(code, level, name, unit, polarity, formula, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(code) DO UPDATE SET level = excluded.level, name = excluded.name,
           unit = excluded.unit, polarity = excluded.polarity, formula = excluded.formula,
           source = excluded.source",
        params![
            row.code,
            row.level,
            row.name,
            row.unit,
            row.polarity,
            row.formula,
            row.source
        ],
    )?;
    Ok(())
}

impl Store {
    /// Every target of an indicator, by year (the Renstra end target among them).
    pub fn indicator_targets(&self, code: &str) -> Result<BTreeMap<i32, Decimal>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT year, target FROM indicator_target WHERE code = ?1")?;
        let rows = stmt.query_map([code], |r| {
            Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (year, text) = row?;
            let target = Decimal::from_str(&text).map_err(|_| {
                StoreError::Refused(
                    format!("the {code} target for {year} is not a number: {text}").into(),
                )
            })?;
            out.insert(year, target);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use rust_decimal::Decimal;

    #[test]
    fn targets_come_from_the_definitions_file() {
        let s = Store::open_in_memory("t").unwrap();
        let t = s.indicator_targets("IKU2").unwrap();
        assert_eq!(t[&2024], Decimal::new(7367, 2));
        assert_eq!(t[&2026], Decimal::new(7293, 2));
        assert!(s.indicator_targets("TPT").unwrap().is_empty());
        let (name, source): (String, String) = s
            .conn()
            .query_row(
                "SELECT name, source FROM indicator WHERE code = 'IKU1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(name, "Persentase lulusan pelatihan yang telah bekerja");
        assert!(source.starts_with("records: "), "{source}");
    }
}
