//! A summary table and its writers: CSV (RFC 4180), CSV for Excel in an Indonesian locale
//! (UTF-8 BOM, `;` separator, decimal comma) and XLSX.
//!
//! Text cells are neutralised against formula injection: a spreadsheet would run a cell that
//! starts with `=`, `+`, `-` or `@` (or a tab / carriage return) as a formula, so CSV
//! outputs prefix it with `'`; the workbook stores every text cell as a string, never a
//! formula.
//!
//! Identity numbers (NIK, KK, registration and phone numbers) are [`Cell::Id`]: Excel would
//! read a bare 16-digit NIK as a number and keep 15 significant digits, and drop the leading
//! 0 of a phone number. CSV for Excel writes them as the program's own formula `="…"`, which
//! Excel shows as the text inside; plain CSV writes them as any text cell, byte for byte.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::io::{self, Write};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// An identity number (NIK, KK, registration or phone number): text that a spreadsheet
    /// must keep as text, digit for digit.
    Id(String),
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

impl Table {
    /// A table with these column names and rows.
    pub fn new(header: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }
}

/// The last row of a summary: `TOTAL`, an empty cell for each of the `blanks` columns a total
/// has no value in, then the totals.
pub fn total_row(blanks: usize, totals: impl IntoIterator<Item = Cell>) -> Vec<Cell> {
    std::iter::once(Cell::Text("TOTAL".into()))
        .chain(std::iter::repeat_n(Cell::Empty, blanks))
        .chain(totals)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Csv,
    CsvExcel,
    Xlsx,
}

impl Format {
    /// The file name extension that goes with the format.
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Csv | Format::CsvExcel => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Binary formats must not be written to a terminal.
    pub fn is_binary(&self) -> bool {
        *self == Format::Xlsx
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Write the table in the given format.
pub fn write(table: &Table, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Csv => write_csv(table, out, b',', format),
        Format::CsvExcel => {
            out.write_all(UTF8_BOM)?;
            write_csv(table, out, b';', format)
        }
        Format::Xlsx => out.write_all(&xlsx_bytes(table)?),
    }
}

/// The text a spreadsheet shows for a text cell, made safe from formula injection.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Characters an identity number may hold to be written as `="…"` for Excel: digits and the
/// separators people type in phone numbers. Anything else (a name, a quote) is written as an
/// ordinary text cell, so no typed text ever reaches Excel as a formula. (Excel takes a text
/// of at most 255 characters in a formula.)
fn excel_text_guard(id: &str) -> Option<String> {
    let plain = |c: char| c.is_ascii_digit() || " +-()./".contains(c);
    (!id.is_empty() && id.len() <= 255 && id.chars().all(plain)).then(|| format!("=\"{id}\""))
}

fn cell_text(cell: &Cell, format: Format) -> String {
    match cell {
        Cell::Text(s) => neutralise(s).into_owned(),
        Cell::Id(s) if format == Format::CsvExcel => {
            excel_text_guard(s).unwrap_or_else(|| neutralise(s).into_owned())
        }
        Cell::Id(s) => neutralise(s).into_owned(),
        Cell::Int(i) => i.to_string(),
        // The decimal comma of an Indonesian locale for Excel, the point elsewhere.
        Cell::Dec(d) if format == Format::CsvExcel => d.to_string().replace('.', ","),
        Cell::Dec(d) => d.to_string(),
        Cell::Empty => String::new(),
    }
}

fn write_csv(table: &Table, out: &mut dyn Write, delimiter: u8, format: Format) -> io::Result<()> {
    let mut w = csv_writer(out, delimiter);
    w.write_record(table.header.iter().map(|h| neutralise(h).into_owned()))?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| cell_text(c, format)))?;
    }
    w.flush()
}

fn csv_writer<W: Write>(out: W, delimiter: u8) -> csv::Writer<W> {
    // RFC 4180 and Excel on Windows alike: CRLF line ends.
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out)
}

/// A table written a row at a time, for lists of any length: only the current row is held.
/// CSV comes out byte for byte as [`write`] writes it; XLSX goes through the workbook's
/// constant-memory mode (each row to a temporary file; text cells inline rather than in a
/// shared table, columns as wide as their longest value), the same cells as [`write`]'s.
pub struct RowWriter<W: Write + Send> {
    inner: Rows<W>,
}

enum Rows<W: Write + Send> {
    Csv(Box<csv::Writer<W>>, Format),
    Xlsx {
        book: Box<rust_xlsxwriter::Workbook>,
        out: W,
        /// The next row to write (the header is row 0).
        next: u32,
        /// The longest value of each column so far, in characters.
        widths: Vec<usize>,
    },
}

impl<W: Write + Send> RowWriter<W> {
    /// Start the table with its header.
    pub fn new(header: &[String], format: Format, mut out: W) -> io::Result<RowWriter<W>> {
        let inner = match format {
            Format::Csv | Format::CsvExcel => {
                let delimiter = if format == Format::CsvExcel {
                    out.write_all(UTF8_BOM)?;
                    b';'
                } else {
                    b','
                };
                let mut w = csv_writer(out, delimiter);
                w.write_record(header.iter().map(|h| neutralise(h).into_owned()))?;
                Rows::Csv(Box::new(w), format)
            }
            Format::Xlsx => {
                let mut book = Box::new(rust_xlsxwriter::Workbook::new());
                let bold = rust_xlsxwriter::Format::new().set_bold();
                let sheet = book
                    .add_worksheet_with_constant_memory()
                    .map_err(xlsx_error)?;
                for (c, h) in header.iter().enumerate() {
                    sheet
                        .write_string_with_format(0, column(c)?, h.as_str(), &bold)
                        .map_err(xlsx_error)?;
                }
                Rows::Xlsx {
                    book,
                    out,
                    next: 1,
                    widths: header.iter().map(|h| h.chars().count()).collect(),
                }
            }
        };
        Ok(RowWriter { inner })
    }

    /// Write one row.
    pub fn row(&mut self, row: &[Cell]) -> io::Result<()> {
        match &mut self.inner {
            Rows::Csv(w, format) => {
                for c in row {
                    match c {
                        // Text as it is (or with its `'`), without a copy.
                        Cell::Text(s) => w.write_field(neutralise(s).as_bytes())?,
                        Cell::Id(s) if *format != Format::CsvExcel => {
                            w.write_field(neutralise(s).as_bytes())?
                        }
                        c => w.write_field(cell_text(c, *format))?,
                    }
                }
                Ok(w.write_record(None::<&[u8]>)?)
            }
            Rows::Xlsx {
                book, next, widths, ..
            } => {
                let sheet = book.worksheet_from_index(0).map_err(xlsx_error)?;
                for (c, cell) in row.iter().enumerate() {
                    let shown = xlsx_cell(sheet, *next, column(c)?, cell)?;
                    if c >= widths.len() {
                        widths.resize(c + 1, 0);
                    }
                    widths[c] = widths[c].max(shown);
                }
                *next = next
                    .checked_add(1)
                    .ok_or_else(|| io::Error::other("the table is too large for a worksheet"))?;
                Ok(())
            }
        }
    }

    /// Finish the table (the workbook is put together and written out) and flush it.
    pub fn finish(self) -> io::Result<W> {
        match self.inner {
            Rows::Csv(w, _) => w.into_inner().map_err(|e| e.into_error()),
            Rows::Xlsx {
                mut book,
                mut out,
                widths,
                ..
            } => {
                let sheet = book.worksheet_from_index(0).map_err(xlsx_error)?;
                for (c, w) in widths.iter().enumerate() {
                    if *w > 0 {
                        // About a character's width each, a little margin, Excel's limit.
                        let width = (*w as f64 * 1.1 + 1.0).min(255.0);
                        sheet
                            .set_column_width(column(c)?, width)
                            .map_err(xlsx_error)?;
                    }
                }
                book.save_to_writer(&mut out).map_err(xlsx_error)?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}

fn column(c: usize) -> io::Result<u16> {
    u16::try_from(c).map_err(|_| io::Error::other("the table is too large for a worksheet"))
}

/// Write one cell into the worksheet; how many characters it shows.
fn xlsx_cell(
    sheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
) -> io::Result<usize> {
    let shown = match cell {
        // Identity numbers too: a string cell keeps every digit and a leading 0.
        Cell::Text(s) | Cell::Id(s) => {
            sheet.write_string(r, c, s.as_str()).map_err(xlsx_error)?;
            s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        }
        // Counts of records fit an IEEE double exactly.
        Cell::Int(i) => {
            sheet.write_number(r, c, *i as f64).map_err(xlsx_error)?;
            i.to_string().len()
        }
        // A workbook holds numbers as doubles; the CSV outputs keep the exact value.
        Cell::Dec(d) => {
            match d.to_f64() {
                Some(f) => sheet.write_number(r, c, f).map(|_| ()),
                None => sheet.write_string(r, c, d.to_string()).map(|_| ()),
            }
            .map_err(xlsx_error)?;
            d.to_string().len()
        }
        Cell::Empty => 0,
    };
    Ok(shown)
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> io::Error {
    io::Error::other(format!("cannot build the workbook: {e}"))
}

/// The table as an XLSX workbook: bold header, numbers as numbers, text as strings.
pub fn xlsx_bytes(table: &Table) -> io::Result<Vec<u8>> {
    let too_big = || io::Error::other("the table is too large for a worksheet");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    for (c, h) in table.header.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| too_big())?;
        sheet
            .write_string_with_format(0, c, h.as_str(), &bold)
            .map_err(xlsx_error)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| too_big())?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| too_big())?;
            match cell {
                // Identity numbers too: a string cell keeps every digit and a leading 0.
                Cell::Text(s) | Cell::Id(s) => sheet.write_string(r, c, s.as_str()).map(|_| ()),
                // Counts of records fit an IEEE double exactly.
                Cell::Int(i) => sheet.write_number(r, c, *i as f64).map(|_| ()),
                // A workbook holds numbers as doubles; the CSV outputs keep the exact value.
                Cell::Dec(d) => match d.to_f64() {
                    Some(f) => sheet.write_number(r, c, f).map(|_| ()),
                    None => sheet.write_string(r, c, d.to_string()).map(|_| ()),
                },
                Cell::Empty => Ok(()),
            }
            .map_err(xlsx_error)?;
        }
    }
    sheet.autofit();
    workbook.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_total_row_leaves_the_label_columns_empty() {
        let t = Table::new(&["a", "b", "n"], vec![total_row(1, [Cell::Int(7)])]);
        assert_eq!(t.header, ["a", "b", "n"]);
        assert_eq!(
            t.rows[0],
            [Cell::Text("TOTAL".into()), Cell::Empty, Cell::Int(7)]
        );
        assert_eq!(total_row(0, []), [Cell::Text("TOTAL".into())]);
    }

    fn sample() -> Table {
        Table {
            header: vec!["kecamatan".into(), "capaian".into(), "total".into()],
            rows: vec![
                vec![
                    Cell::Text("Ponggok".into()),
                    Cell::Dec(Decimal::from_str("82.56").unwrap()),
                    Cell::Int(225),
                ],
                vec![
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Empty,
                    Cell::Int(0),
                ],
                vec![Cell::Text("a;b, c".into()), Cell::Empty, Cell::Int(-3)],
                vec![Cell::Text("TOTAL".into()), Cell::Empty, Cell::Int(222)],
            ],
        }
    }

    fn bytes(format: Format) -> Vec<u8> {
        let mut out = Vec::new();
        write(&sample(), format, &mut out).unwrap();
        out
    }

    #[test]
    fn csv_is_rfc4180_with_a_decimal_point() {
        assert_eq!(
            String::from_utf8(bytes(Format::Csv)).unwrap(),
            "kecamatan,capaian,total\r\n\
             Ponggok,82.56,225\r\n\
             \"'=HYPERLINK(\"\"x\"\")\",,0\r\n\
             \"a;b, c\",,-3\r\n\
             TOTAL,,222\r\n"
        );
    }

    #[test]
    fn csv_for_excel_has_a_bom_semicolons_and_a_decimal_comma() {
        let b = bytes(Format::CsvExcel);
        assert_eq!(&b[..3], b"\xEF\xBB\xBF");
        assert_eq!(
            String::from_utf8(b[3..].to_vec()).unwrap(),
            "kecamatan;capaian;total\r\n\
             Ponggok;82,56;225\r\n\
             \"'=HYPERLINK(\"\"x\"\")\";;0\r\n\
             \"a;b, c\";;-3\r\n\
             TOTAL;;222\r\n"
        );
    }

    #[test]
    fn formula_starts_are_neutralised() {
        for s in ["=1+1", "+62812", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["Ponggok", "", "5-3", "a=b"] {
            assert_eq!(neutralise(s), s);
        }
    }

    fn ids() -> Table {
        let id = |s: &str| Cell::Id(s.into());
        Table::new(
            &["nik", "phone"],
            vec![
                vec![id("3505176207957063"), id("081234567890")],
                vec![id("+62 812-3456"), id("")],
                vec![id("=1+1"), id("\"&cmd()&\"")],
                vec![id("Bu Sumi (ibu)"), id(&"1".repeat(256))],
            ],
        )
    }

    #[test]
    fn identity_numbers_stay_text_for_excel_and_plain_in_csv() {
        let mut excel = Vec::new();
        write(&ids(), Format::CsvExcel, &mut excel).unwrap();
        let long = "1".repeat(256);
        assert_eq!(
            String::from_utf8(excel[3..].to_vec()).unwrap(),
            format!(
                "nik;phone\r\n\
                 \"=\"\"3505176207957063\"\"\";\"=\"\"081234567890\"\"\"\r\n\
                 \"=\"\"+62 812-3456\"\"\";\r\n\
                 '=1+1;\"\"\"&cmd()&\"\"\"\r\n\
                 Bu Sumi (ibu);{long}\r\n"
            ),
            "only digits and phone separators become the program's own formula"
        );
        // Plain CSV: an identity number is written as any text cell.
        let as_text = Table {
            header: ids().header,
            rows: ids()
                .rows
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|c| match c {
                            Cell::Id(s) => Cell::Text(s),
                            c => c,
                        })
                        .collect()
                })
                .collect(),
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write(&ids(), Format::Csv, &mut a).unwrap();
        write(&as_text, Format::Csv, &mut b).unwrap();
        assert_eq!(a, b);
        assert!(String::from_utf8(a)
            .unwrap()
            .starts_with("nik,phone\r\n3505176207957063,081234567890\r\n'+62 812-3456,\r\n"));
    }

    proptest::proptest! {
        /// Whatever an identity cell holds, the only formula CSV for Excel writes is the
        /// program's own `="…"` around digits and phone separators: nothing typed can run.
        #[test]
        fn an_identity_cell_never_runs_what_was_typed(s in "[=+@\"&0-9a-z() .;/-]{0,20}") {
            let cell = cell_text(&Cell::Id(s.clone()), Format::CsvExcel);
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                proptest::prop_assert_eq!(&cell, &format!("=\"{s}\""));
                proptest::prop_assert!(
                    s.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c)),
                    "{cell}"
                );
            }
        }
    }

    fn streamed(t: &Table, format: Format) -> Vec<u8> {
        let mut w = RowWriter::new(&t.header, format, Vec::new()).unwrap();
        for row in &t.rows {
            w.row(row).unwrap();
        }
        w.finish().unwrap()
    }

    fn cells(xlsx: Vec<u8>) -> Vec<Vec<calamine::Data>> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        range.rows().map(|r| r.to_vec()).collect()
    }

    #[test]
    fn a_table_written_row_by_row_is_the_same_table() {
        for t in [sample(), ids(), Table::new(&["a", "b"], vec![])] {
            for format in [Format::Csv, Format::CsvExcel] {
                let mut whole = Vec::new();
                write(&t, format, &mut whole).unwrap();
                assert_eq!(streamed(&t, format), whole, "{format:?}");
            }
            // The workbook: other bytes (inline strings), the same cells.
            let row_by_row = streamed(&t, Format::Xlsx);
            assert_eq!(&row_by_row[..4], b"PK\x03\x04");
            assert_eq!(cells(row_by_row), cells(xlsx_bytes(&t).unwrap()));
        }
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let b = bytes(Format::Xlsx);
        assert_eq!(&b[..4], b"PK\x03\x04");
        assert!(b.len() > 1000);
    }

    #[test]
    fn an_empty_table_is_just_its_header() {
        let t = Table {
            header: vec!["a".into(), "b".into()],
            rows: vec![],
        };
        let mut out = Vec::new();
        write(&t, Format::Csv, &mut out).unwrap();
        assert_eq!(out, b"a,b\r\n");
    }
}
