//! A summary table and its writers: CSV (RFC 4180), CSV for Excel in an Indonesian locale
//! (UTF-8 BOM, `;` separator, decimal comma) and XLSX.

use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// An exact decimal (percentages, rupiah); written with `.` or, for Excel, `,`.
    Dec(Decimal),
    /// No value (e.g. 0 / 0): an empty cell, never 0.
    Empty,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Csv,
    CsvExcel,
    Xlsx,
}
