//! The placement summaries (SPEC §5 `export kecamatan` / `export countries`, LKjIP tables
//! 3.17 and 3.16) from records, and the published figures shown beside them, never mixed.

use super::table::{Cell, Table};
use crate::domain::Kecamatan;
use crate::store::{self, SexSectorCounts, Store};
use std::collections::BTreeMap;

/// The columns after the group's name, as in the published tables.
pub const COUNT_COLUMNS: [&str; 5] = [
    "formal_male",
    "formal_female",
    "informal_male",
    "informal_female",
    "total",
];

/// The label of the last row.
pub const TOTAL: &str = "TOTAL";

/// Published figures and where they were published, for the label beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedTable {
    /// The report and its table, e.g. `LKjIP 2024, tabel 3.17`.
    pub source: &'static str,
    pub table: Table,
}

fn header(first: &str) -> Vec<String> {
    std::iter::once(first)
        .chain(COUNT_COLUMNS)
        .map(str::to_string)
        .collect()
}

fn row(c: &SexSectorCounts) -> Vec<Cell> {
    vec![
        Cell::Text(c.key.clone()),
        Cell::Int(c.formal_male),
        Cell::Int(c.formal_female),
        Cell::Int(c.informal_male),
        Cell::Int(c.informal_female),
        Cell::Int(c.total()),
    ]
}

/// The groups' rows, then `TOTAL`.
fn with_total(first: &str, groups: &[SexSectorCounts]) -> Table {
    let mut total = SexSectorCounts::new(TOTAL);
    let mut rows = Vec::with_capacity(groups.len() + 1);
    for g in groups {
        total.add_all(g);
        rows.push(row(g));
    }
    rows.push(row(&total));
    Table {
        header: header(first),
        rows,
    }
}

/// The 22 kecamatan in the office's order (see `Kecamatan::all`), which the export follows so
/// that it reproduces the published table 3.17 byte for byte.
pub fn kecamatan_order() -> Vec<Kecamatan> {
    Kecamatan::all()
}

/// All 22 kecamatan in the office's order, zeros where there are no placements.
fn all_kecamatan(counts: Vec<SexSectorCounts>) -> Vec<SexSectorCounts> {
    let mut by_name: BTreeMap<String, SexSectorCounts> =
        counts.into_iter().map(|c| (c.key.clone(), c)).collect();
    kecamatan_order()
        .into_iter()
        .map(|k| {
            by_name
                .remove(k.name())
                .unwrap_or_else(|| SexSectorCounts::new(k.name()))
        })
        .collect()
}

/// Largest total first; equal totals by name.
fn largest_first(mut counts: Vec<SexSectorCounts>) -> Vec<SexSectorCounts> {
    counts.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.key.cmp(&b.key)));
    counts
}

/// Placements departing in `year` by kecamatan, sector and sex: all 22 kecamatan in the
/// office's alphabetical order (`kecamatan_order`, zeros included), then `TOTAL`.
pub fn kecamatan_table(store: &Store, year: i32) -> store::Result<Table> {
    let counts = store.placement_counts_by_kecamatan(year)?;
    Ok(with_total("kecamatan", &all_kecamatan(counts)))
}

/// Placements departing in `year` by destination country, sector and sex: one row per
/// country with placements, largest total first (equal totals by name), then `TOTAL`.
pub fn countries_table(store: &Store, year: i32) -> store::Result<Table> {
    let counts = store.placement_counts_by_country(year)?;
    Ok(with_total("country", &largest_first(counts)))
}

/// A published sector × sex row; a cell that is not a whole number counts as 0.
fn published_counts(row: &BTreeMap<String, String>, key_column: &str) -> SexSectorCounts {
    let n = |k: &str| {
        row.get(k)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(0)
    };
    SexSectorCounts {
        key: row.get(key_column).cloned().unwrap_or_default(),
        formal_male: n("formal_male"),
        formal_female: n("formal_female"),
        informal_male: n("informal_male"),
        informal_female: n("informal_female"),
    }
}

/// The published 2024 kecamatan table (LKjIP 2024, table 3.17) laid out exactly like
/// `kecamatan_table`, so the two can stand side by side.
pub fn published_2024_kecamatan(store: &Store) -> store::Result<PublishedTable> {
    published_2024(
        store,
        ("pmi_placements_2024_by_kecamatan", "kecamatan"),
        "LKjIP 2024, tabel 3.17",
        all_kecamatan,
    )
}

/// The published 2024 country table (LKjIP 2024, table 3.16) laid out like
/// `countries_table` (largest first, then `TOTAL`).
pub fn published_2024_countries(store: &Store) -> store::Result<PublishedTable> {
    published_2024(
        store,
        ("pmi_placements_2024_by_country", "country"),
        "LKjIP 2024, tabel 3.16",
        largest_first,
    )
}

/// A published table of counts by sex and sector (`table` in the store, its rows named by
/// `column`), in the order `arrange` gives, with its `TOTAL`.
fn published_2024(
    store: &Store,
    (table, column): (&str, &str),
    source: &'static str,
    arrange: fn(Vec<SexSectorCounts>) -> Vec<SexSectorCounts>,
) -> store::Result<PublishedTable> {
    let counts = store
        .published_rows(table)?
        .iter()
        .map(|r| published_counts(r, column))
        .collect();
    Ok(PublishedTable {
        source,
        table: with_total(column, &arrange(counts)),
    })
}

/// Published placements per year (LKjIP 2024, tables 3.14 and 3.15): domestic and
/// overseas, oldest year first; a figure the report does not give is an empty cell.
pub fn published_totals_by_year(store: &Store) -> store::Result<PublishedTable> {
    const COLUMNS: [&str; 3] = ["year", "domestic_placements", "overseas_placements"];
    let mut rows: Vec<Vec<Cell>> = store
        .published_rows("placements_by_year")?
        .iter()
        .map(|r| {
            COLUMNS
                .iter()
                .map(|c| {
                    let v = r.get(*c).map(|s| s.trim()).unwrap_or("");
                    match v.parse::<i64>() {
                        Ok(n) => Cell::Int(n),
                        Err(_) if v.is_empty() => Cell::Empty,
                        Err(_) => Cell::Text(v.to_string()),
                    }
                })
                .collect()
        })
        .collect();
    rows.sort_by_key(|r| match r.first() {
        Some(Cell::Int(y)) => *y,
        _ => i64::MAX,
    });
    Ok(PublishedTable {
        source: "LKjIP 2024, tabel 3.14-3.15",
        table: Table::new(&COLUMNS, rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_year_still_lists_all_22_kecamatan_and_no_country() {
        let s = Store::open_in_memory("t").unwrap();
        let k = kecamatan_table(&s, 2031).unwrap();
        assert_eq!(k.header, header("kecamatan"));
        assert_eq!(k.rows.len(), 23);
        assert_eq!(k.rows[0][0], Cell::Text("Bakung".into()));
        assert_eq!(k.rows[22][0], Cell::Text(TOTAL.into()));
        assert_eq!(k.rows[12][0], Cell::Text("Selorejo".into()));
        assert!(k.rows.iter().all(|r| r[5] == Cell::Int(0)));
        let c = countries_table(&s, 2031).unwrap();
        assert_eq!(c.rows, vec![row(&SexSectorCounts::new(TOTAL))]);
    }

    #[test]
    fn published_figures_are_read_from_the_store() {
        let s = Store::open_in_memory("t").unwrap();
        let k = published_2024_kecamatan(&s).unwrap();
        assert_eq!(k.table.rows.len(), 23);
        assert_eq!(k.table.rows[22][5], Cell::Int(3727));
        let c = published_2024_countries(&s).unwrap();
        assert_eq!(c.table.rows[0][0], Cell::Text("Hongkong".into()));
        assert_eq!(c.table.rows.last().unwrap()[5], Cell::Int(3727));
        let y = published_totals_by_year(&s).unwrap();
        assert_eq!(y.table.rows.len(), 5);
        assert_eq!(
            y.table.rows[0],
            vec![Cell::Int(2020), Cell::Empty, Cell::Int(1105)]
        );
        assert_eq!(
            y.table.rows[4],
            vec![Cell::Int(2024), Cell::Int(588), Cell::Int(3727)]
        );
    }
}
