//! The case summary for `export cases`: counts by kecamatan × category, open and closed.
//! No personal data.

use super::table::{total_row, Cell, Table};
use crate::domain::CaseCategory;
use crate::store::{self, CaseSummaryRow, Store};

pub const CASE_SUMMARY_HEADER: [&str; 5] = ["kecamatan", "category", "open", "closed", "total"];

/// Cases reported in `year` (archived ones left out), one row per kecamatan × category that
/// has any, then a `TOTAL` row.
pub fn case_summary(store: &Store, year: i32) -> store::Result<Table> {
    Ok(case_summary_table(store.case_summary(year)?))
}

/// Where a category goes in the table: the report's order (meninggal, sakit, deportasi,
/// kendala); an unknown word (not written by this program) last.
fn category_rank(word: &str) -> usize {
    CaseCategory::ALL
        .iter()
        .position(|c| c.as_str() == word)
        .unwrap_or(CaseCategory::ALL.len())
}

/// Build the table from the store's groups, sorted by kecamatan then category order.
pub fn case_summary_table(mut rows: Vec<CaseSummaryRow>) -> Table {
    rows.sort_by(|a, b| {
        a.kecamatan
            .cmp(&b.kecamatan)
            .then_with(|| category_rank(&a.category).cmp(&category_rank(&b.category)))
            .then_with(|| a.category.cmp(&b.category))
    });
    let (mut open, mut closed) = (0i64, 0i64);
    let mut out: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|r| {
            open += r.open;
            closed += r.closed;
            vec![
                Cell::Text(r.kecamatan),
                Cell::Text(r.category),
                Cell::Int(r.open),
                Cell::Int(r.closed),
                Cell::Int(r.open + r.closed),
            ]
        })
        .collect();
    out.push(total_row(1, [open, closed, open + closed].map(Cell::Int)));
    Table::new(&CASE_SUMMARY_HEADER, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(k: &str, c: &str, open: i64, closed: i64) -> CaseSummaryRow {
        CaseSummaryRow {
            kecamatan: k.into(),
            category: c.into(),
            open,
            closed,
        }
    }

    #[test]
    fn sorted_by_kecamatan_then_the_reports_category_order_with_a_total() {
        let t = case_summary_table(vec![
            row("Ponggok", "kendala", 1, 0),
            row("Ponggok", "meninggal", 0, 2),
            row("Doko", "sakit", 1, 1),
            row("Ponggok", "deportasi", 3, 0),
        ]);
        let mut out = Vec::new();
        super::super::table::write(&t, super::super::table::Format::Csv, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "kecamatan,category,open,closed,total\r\n\
             Doko,sakit,1,1,2\r\n\
             Ponggok,meninggal,0,2,2\r\n\
             Ponggok,deportasi,3,0,3\r\n\
             Ponggok,kendala,1,0,1\r\n\
             TOTAL,,5,3,8\r\n"
        );
    }

    #[test]
    fn no_cases_is_only_the_total() {
        let t = case_summary_table(vec![]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0][4], Cell::Int(0));
    }
}
