//! Excel workbooks (`.xlsx`) as import files: recognised by their content (a zip archive
//! holding an `xl/` workbook), not by their name; one sheet read as the same rows a CSV file
//! gives ([`super::csv_input`]), each with its row number, cell by cell as the sheet streams
//! in (calamine's cell reader), so memory does not grow with the sheet. (The workbook's
//! table of shared strings is read whole first, as Excel keeps it apart from the sheet.)

use super::csv_input::{
    self, CellRef, Columns, IntoRows, LineError, Parsed, ReadProblem, RowCheck,
};
use super::import_columns::names;
use crate::domain::quoted;
use crate::i18n::Msg;
use crate::msg;
use calamine::{Cell, DataRef, Reader, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::io::{BufReader, Read, Seek};

/// What the first bytes of a file say it is, when not CSV text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip archive: an `.xlsx` workbook, or something else zipped.
    Zip,
    /// An OLE compound file: an `.xls` workbook of old, or a workbook with a password.
    Ole,
}

/// The kind of a file that is not text, by its first bytes.
pub fn kind_of(head: &[u8]) -> Option<Kind> {
    if head.starts_with(b"PK\x03\x04") {
        Some(Kind::Zip)
    } else if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some(Kind::Ole)
    } else {
        None
    }
}

/// Why a file whose start is `head` cannot be read as CSV, if it is a workbook or an
/// archive (read as text it would give a screenful of nonsense).
pub fn not_csv(head: &[u8]) -> Option<Msg> {
    match kind_of(head)? {
        Kind::Zip => Some(msg!("cli.xlsx.not_here")),
        Kind::Ole => Some(msg!("cli.xlsx.old")),
    }
}

/// A workbook opened for reading one of its sheets.
pub struct Workbook<RS: Read + Seek> {
    book: Xlsx<RS>,
    sheet: String,
    rows: usize,
}

impl<RS: Read + Seek> Workbook<RS> {
    /// Open the workbook in `source` at `sheet`, or its first sheet. A zip archive that is
    /// not a workbook, or a sheet it does not have (the sheets it has named), is refused.
    pub fn open(source: RS, sheet: Option<&str>) -> Result<Workbook<RS>, Msg> {
        let mut book: Xlsx<RS> =
            Xlsx::new(source).map_err(|e| msg!("cli.xlsx.broken", quoted(&e.to_string())))?;
        let sheets = book.sheet_names();
        let chosen = match sheet {
            None => sheets.first().cloned(),
            Some(want) => sheets
                .iter()
                .find(|s| s.as_str() == want)
                .or_else(|| {
                    let n = super::import_columns::norm(want);
                    sheets.iter().find(|s| super::import_columns::norm(s) == n)
                })
                .cloned(),
        };
        let Some(sheet_name) = chosen else {
            let listed: Vec<String> = sheets.iter().map(|s| quoted(s)).collect();
            return Err(match sheet {
                Some(want) => msg!("cli.xlsx.no_sheet", quoted(want), listed.join(", ")),
                None => msg!("cli.xlsx.no_sheets"),
            });
        };
        // How many rows the sheet says it spans (for progress), read from its start.
        let rows = book
            .worksheet_cells_reader(&sheet_name)
            .map(|r| r.dimensions().end.0 as usize + 1)
            .map_err(|e| msg!("cli.xlsx.broken", quoted(&e.to_string())))?;
        Ok(Workbook {
            book,
            sheet: sheet_name,
            rows,
        })
    }

    /// The sheet being read.
    pub fn sheet(&self) -> &str {
        &self.sheet
    }

    /// The rows the sheet spans, by its own account (blank ones included).
    pub fn rows(&self) -> usize {
        self.rows
    }
}

impl Workbook<BufReader<std::fs::File>> {
    /// A workbook file.
    pub fn open_file(
        file: std::fs::File,
        sheet: Option<&str>,
    ) -> Result<Workbook<BufReader<std::fs::File>>, Msg> {
        Workbook::open(BufReader::with_capacity(256 * 1024, file), sheet)
    }
}

impl<RS: Read + Seek> IntoRows for Workbook<RS> {
    fn read_rows<T>(
        mut self,
        columns: &Columns,
        check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
        sink: impl FnMut(u64, T),
        progress: impl FnMut(usize),
    ) -> Parsed<T> {
        let sheet = self.sheet.clone();
        let reader = match self.book.worksheet_cells_reader(&sheet) {
            Ok(r) => r,
            Err(e) => {
                let mut p: Parsed<T> = Parsed::file_problem(vec![LineError::new(
                    1,
                    "file",
                    msg!("cli.xlsx.broken", quoted(&e.to_string())),
                )]);
                p.sheet = Some(sheet);
                return p;
            }
        };
        let mut reader = reader;
        let mut rows = SheetRows {
            next_cell: move || reader.next_cell(),
            sheet,
            cells: Vec::new(),
            width: 0,
            line: 0,
            pending: None,
            done: false,
        };
        csv_input::read_rows(&mut rows, names(), columns, check, sink, progress)
    }
}

/// A cell held until its row is read whole.
#[derive(Debug, Clone, PartialEq, Default)]
enum Held {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Date {
        ymd: (u16, u8, u8),
        serial: f64,
    },
    Bool(bool),
    Error(String),
}

/// The next cell of a sheet (calamine's cell reader, whose type is not named outside it).
trait NextCell<'a>: FnMut() -> Result<Option<Cell<DataRef<'a>>>, XlsxError> {}
impl<'a, F: FnMut() -> Result<Option<Cell<DataRef<'a>>>, XlsxError>> NextCell<'a> for F {}

/// The rows of a sheet as its cells stream in.
struct SheetRows<F> {
    next_cell: F,
    sheet: String,
    /// The cells of the current row, by column; only the first `width` are of this row.
    cells: Vec<Held>,
    width: usize,
    /// The current row's number (1 for the first).
    line: u64,
    /// The first cell of the next row, read while looking for the current row's end.
    pending: Option<((u32, u32), Held)>,
    done: bool,
}

/// A cell's value as it is held; `reuse` is a held text whose buffer may be used again.
fn held(value: &DataRef<'_>, reuse: Held) -> Held {
    let text = |s: &str| {
        let mut b = match reuse {
            Held::Text(b) | Held::Error(b) => b,
            _ => String::new(),
        };
        b.clear();
        b.push_str(s);
        b
    };
    match value {
        DataRef::Empty => Held::Empty,
        DataRef::String(s) => Held::Text(text(s)),
        DataRef::SharedString(s) => Held::Text(text(s)),
        DataRef::Int(i) => Held::Number(*i as f64),
        DataRef::Float(f) => Held::Number(*f),
        DataRef::Bool(b) => Held::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            Held::Date {
                ymd: (y, m, day),
                serial: d.as_f64(),
            }
        }
        DataRef::DateTime(d) => Held::Number(d.as_f64()),
        // An ISO date and time (`2024-03-05T00:00:00`): the day.
        DataRef::DateTimeIso(s) => match s.split_once('T') {
            Some((day, _)) if day.len() == 10 => Held::Text(text(day)),
            _ => Held::Text(text(s)),
        },
        DataRef::DurationIso(s) => Held::Text(text(s)),
        DataRef::Error(e) => Held::Error(text(&e.to_string())),
    }
}

impl<F> SheetRows<F> {
    fn place(&mut self, col: u32, value: Held) {
        let col = col as usize;
        // Columns far beyond any sheet's (XFD is 16,384) are not held as cells.
        if col >= 16_384 {
            return;
        }
        while self.cells.len() <= col {
            self.cells.push(Held::Empty);
        }
        for c in self.cells.iter_mut().take(col).skip(self.width) {
            *c = Held::Empty;
        }
        self.cells[col] = value;
        self.width = self.width.max(col + 1);
    }
}

impl<'a, F: NextCell<'a>> csv_input::RowSource for SheetRows<F> {
    fn next_row(&mut self) -> Result<Option<u64>, ReadProblem> {
        if self.done {
            return Ok(None);
        }
        self.width = 0;
        if let Some(((row, col), value)) = self.pending.take() {
            self.line = row as u64 + 1;
            self.place(col, value);
        }
        loop {
            match (self.next_cell)() {
                Ok(Some(cell)) => {
                    let (row, col) = cell.get_position();
                    let line = row as u64 + 1;
                    if self.width > 0 && line != self.line {
                        self.pending = Some(((row, col), held(cell.get_value(), Held::Empty)));
                        return Ok(Some(self.line));
                    }
                    // The cells of a row come left to right: the one at `col` is stale.
                    let reuse = self
                        .cells
                        .get_mut(col as usize)
                        .map(std::mem::take)
                        .unwrap_or_default();
                    self.line = line;
                    self.place(col, held(cell.get_value(), reuse));
                }
                Ok(None) => {
                    self.done = true;
                    return Ok((self.width > 0).then_some(self.line));
                }
                Err(e) => {
                    self.done = true;
                    return Err(ReadProblem::Stop(LineError::new(
                        self.line.max(1),
                        "file",
                        msg!("cli.xlsx.broken", quoted(&e.to_string())),
                    )));
                }
            }
        }
    }

    fn width(&self) -> usize {
        self.width
    }

    fn cell(&self, i: usize) -> CellRef<'_> {
        if i >= self.width {
            return CellRef::Empty;
        }
        match &self.cells[i] {
            Held::Empty => CellRef::Empty,
            Held::Text(s) => CellRef::Text(s),
            Held::Number(n) => CellRef::Number(*n),
            Held::Date { ymd, serial } => CellRef::Date {
                ymd: *ymd,
                serial: *serial,
            },
            Held::Bool(b) => CellRef::Bool(*b),
            Held::Error(e) => CellRef::Error(e),
        }
    }

    fn fixed_width(&self) -> bool {
        false
    }

    fn sheet(&self) -> Option<&str> {
        Some(&self.sheet)
    }
}
