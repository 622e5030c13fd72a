//! Published figures of the yearly report (LKjIP 2024) that the program shows beside the
//! records and never mixes with them: remittances per bank (table 3.18) and the prevention
//! figures of industrial relations (tables 3.19, 3.20 and the text around them). The
//! placement and transmigration series are read where their panes read the rest
//! (`report::placements`, `Store::published_transmigration`).

use super::table::{Cell, Table};
use crate::store::{self, Store};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// The columns of `export remittances`, as in `data/remittances.csv`.
pub const REMITTANCE_COLUMNS: [&str; 3] = ["year", "bank", "amount_idr"];

/// One bank's remittances of one year, in rupiah, exactly as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remittance {
    pub year: i32,
    pub bank: String,
    /// `None` where the report's cell does not read as an amount.
    pub amount: Option<Decimal>,
}

fn year_of(row: &BTreeMap<String, String>) -> Option<i32> {
    row.get("year")?.trim().parse().ok()
}

fn count_of(row: &BTreeMap<String, String>, column: &str) -> Option<i64> {
    row.get(column)?.trim().parse().ok()
}

/// The published remittances of every year up to and including `up_to`, oldest year first,
/// the banks of a year in the report's order.
pub fn remittances(store: &Store, up_to: i32) -> store::Result<Vec<Remittance>> {
    let mut out: Vec<Remittance> = store
        .published_rows("remittances")?
        .iter()
        .filter_map(|r| {
            Some(Remittance {
                year: year_of(r)?,
                bank: r.get("bank").map(|b| b.trim().to_string())?,
                amount: r
                    .get("amount_idr")
                    .and_then(|a| Decimal::from_str(a.trim()).ok()),
            })
        })
        .filter(|r| r.year <= up_to)
        .collect();
    // Stable: the report's order of the banks stays within a year.
    out.sort_by_key(|r| r.year);
    Ok(out)
}

/// `year,bank,amount_idr`: the published remittances up to `up_to` (see `remittances`),
/// the amounts with the decimals the report printed.
pub fn remittances_table(store: &Store, up_to: i32) -> store::Result<Table> {
    let rows = remittances(store, up_to)?
        .into_iter()
        .map(|r| {
            vec![
                Cell::Int(i64::from(r.year)),
                Cell::Text(r.bank),
                r.amount.map_or(Cell::Empty, Cell::Dec),
            ]
        })
        .collect();
    Ok(Table::new(&REMITTANCE_COLUMNS, rows))
}

/// A year's prevention figures as the report gives them; `None` where it gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PublishedPrevention {
    pub year: i32,
    /// Disputes prevented by facilitation.
    pub facilitations: Option<i64>,
    /// Companies with a company regulation (PP) or a collective agreement (PKB) ...
    pub companies_with_pp_pkb: Option<i64>,
    /// ... of the companies registered.
    pub companies_registered: Option<i64>,
    /// Companies whose workers are in the social security (Jamsostek / BPJS).
    pub companies_in_bpjs: Option<i64>,
}

impl PublishedPrevention {
    /// Whether the report gives any prevention figure for the year.
    pub fn any(&self) -> bool {
        self.facilitations.is_some()
            || self.companies_with_pp_pkb.is_some()
            || self.companies_in_bpjs.is_some()
    }
}

/// The prevention figures the report publishes for `year`, if it publishes any.
pub fn prevention(store: &Store, year: i32) -> store::Result<Option<PublishedPrevention>> {
    Ok(store
        .published_rows("disputes_by_year")?
        .iter()
        .find(|r| year_of(r) == Some(year))
        .map(|r| PublishedPrevention {
            year,
            facilitations: count_of(r, "prevention_facilitations"),
            companies_with_pp_pkb: count_of(r, "companies_with_pp_pkb"),
            companies_registered: count_of(r, "companies_registered"),
            companies_in_bpjs: count_of(r, "companies_in_jamsostek"),
        })
        .filter(PublishedPrevention::any))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::refdata::simple_rows;

    /// Copies of `reference/lkjip-2024/`, the transcription of the report, kept apart from
    /// `data/` (which the program ships).
    const REFERENCE_REMITTANCES: &str = include_str!("../../tests/fixtures/lkjip_remittances.csv");
    const REFERENCE_DISPUTES: &str =
        include_str!("../../tests/fixtures/lkjip_disputes_by_year.csv");

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_remittances_are_the_reference_figures_to_the_cent() {
        let s = Store::open_in_memory("t").unwrap();
        let table = remittances_table(&s, 2024).unwrap();
        let reference = simple_rows(REFERENCE_REMITTANCES);
        assert_eq!(reference[0], REMITTANCE_COLUMNS);
        assert_eq!(table.rows.len(), reference.len() - 1);
        for (row, want) in table.rows.iter().zip(&reference[1..]) {
            assert_eq!(
                row,
                &vec![
                    Cell::Int(want[0].parse().unwrap()),
                    Cell::Text(want[1].clone()),
                    Cell::Dec(dec(&want[2])),
                ]
            );
        }
        // The cents are kept as printed (18.819.805.489,84), and so are the zeros.
        let r = remittances(&s, 2024).unwrap();
        assert_eq!(r[7].amount.unwrap().to_string(), "18819805489.84");
        assert_eq!(r[1].amount.unwrap().to_string(), "0.00");
        let by_year = |y: i32| -> Decimal {
            r.iter()
                .filter(|x| x.year == y)
                .filter_map(|x| x.amount)
                .sum()
        };
        assert_eq!(by_year(2021), dec("39006394849.00"));
    }

    #[test]
    fn the_remittances_stop_at_the_year_asked_for() {
        let s = Store::open_in_memory("t").unwrap();
        let r = remittances(&s, 2021).unwrap();
        assert_eq!(
            r.iter()
                .map(|x| (x.year, x.bank.as_str()))
                .collect::<Vec<_>>(),
            vec![(2020, "BNI"), (2020, "BRI"), (2021, "BNI"), (2021, "BRI")]
        );
        assert!(remittances(&s, 2019).unwrap().is_empty());
        assert_eq!(remittances(&s, 2031).unwrap().len(), 10);
    }

    #[test]
    fn the_prevention_figures_are_the_reference_ones() {
        let s = Store::open_in_memory("t").unwrap();
        let reference = simple_rows(REFERENCE_DISPUTES);
        let col = |name: &str| reference[0].iter().position(|c| c == name).unwrap();
        let n = |row: &[String], name: &str| row[col(name)].parse::<i64>().ok();
        for row in &reference[1..] {
            let year: i32 = row[0].parse().unwrap();
            let got = prevention(&s, year).unwrap();
            let want = PublishedPrevention {
                year,
                facilitations: n(row, "prevention_facilitations"),
                companies_with_pp_pkb: n(row, "companies_with_pp_pkb"),
                companies_registered: n(row, "companies_registered"),
                companies_in_bpjs: n(row, "companies_in_jamsostek"),
            };
            assert_eq!(got, want.any().then_some(want), "{year}");
        }
        let y2024 = prevention(&s, 2024).unwrap().unwrap();
        assert_eq!(
            (
                y2024.facilitations,
                y2024.companies_with_pp_pkb,
                y2024.companies_registered,
                y2024.companies_in_bpjs
            ),
            (Some(79), Some(70), Some(133), Some(106))
        );
        assert_eq!(prevention(&s, 2021).unwrap(), None);
        assert_eq!(prevention(&s, 2031).unwrap(), None);
    }
}
