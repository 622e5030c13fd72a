//! Reading an import file into validated records with line-numbered errors; every importer
//! (cases now; placements, disputes, trainees, transmigrants later) goes through here.
//!
//! The file: UTF-8 (a BOM is allowed) CSV, or a workbook's sheet read into the same rows
//! ([`super::workbook`]). The header row is found below any title rows; columns in any
//! order, by their English or Indonesian names ([`super::import_columns`]), matched without
//! regard to capitals, spaces, `_` and `-`; a numbering column (`No`) is ignored. A file
//! saved by Excel in an Indonesian locale uses `;`: a first line with `;` and no `,` is read
//! that way. Blank rows are ignored. Line numbers are physical lines of a CSV file (the
//! first being 1), or a workbook's row numbers.

use super::import_columns::{names, Names};
use crate::domain::case::{Checked, FieldDef};
use crate::domain::{quoted, FieldError};
use crate::i18n::{Lang, Msg};
use crate::msg;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::Read;

/// How many bad rows are listed in full; the rest are only counted.
pub const MAX_LISTED_ROWS: usize = 200;

/// The columns an import kind takes.
#[derive(Debug, Clone)]
pub struct Columns<'a> {
    /// Must be in the header.
    pub required: &'a [&'a str],
    /// May be in the header.
    pub optional: Cow<'a, [&'a str]>,
}

impl<'a> Columns<'a> {
    /// The columns of a record kind's file: `required`, and as optional the kind's other
    /// fields and `extra` ones.
    pub fn of_kind(
        required: &'a [&'a str],
        fields: &[FieldDef],
        extra: &[&'static str],
    ) -> Columns<'a> {
        let optional = fields
            .iter()
            .map(|f| f.key)
            .chain(extra.iter().copied())
            .filter(|k| !required.contains(k))
            .collect();
        Columns {
            required,
            optional: Cow::Owned(optional),
        }
    }
}

/// One problem, located: `line N: column: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    pub column: String,
    pub reason: Msg,
}

impl LineError {
    pub fn new(line: u64, column: impl Into<String>, reason: impl Into<Msg>) -> LineError {
        LineError {
            line,
            column: column.into(),
            reason: reason.into(),
        }
    }
}

impl LineError {
    /// `line N: column: reason` in `lang` (`baris N: kolom: alasan`).
    pub fn text(&self, lang: Lang) -> String {
        msg!("cli.line", self.line, self.column_in(lang))
            .with(self.reason.clone())
            .text(lang)
    }

    /// `line N: column: warning: reason` in `lang`.
    pub fn as_warning(&self, lang: Lang) -> String {
        msg!("cli.line_warning", self.line, self.column_in(lang))
            .with(self.reason.clone())
            .text(lang)
    }

    /// The column as the line names it: the file's own heading, or in the officer's words
    /// what is not a column (`row`, `file`).
    fn column_in(&self, lang: Lang) -> String {
        match self.column.as_str() {
            "row" => lang.t("cli.col.row").to_string(),
            "file" => lang.t("cli.col.file").to_string(),
            c => c.to_string(),
        }
    }
}

/// In English (logs, tests); commands print [`LineError::text`].
impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// What a record kind's rules say about one row.
#[derive(Debug)]
pub struct RowCheck<T> {
    /// The record, when there are no errors.
    pub value: Option<T>,
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
}

impl<T> RowCheck<T> {
    /// A row taken as it is: the rules are applied later (by the store).
    pub fn accepted(value: T) -> RowCheck<T> {
        RowCheck {
            value: Some(value),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// What a record kind's `from_fields` returns, as a row's verdict.
impl<T> From<(Option<T>, Checked)> for RowCheck<T> {
    fn from((value, checked): (Option<T>, Checked)) -> RowCheck<T> {
        RowCheck {
            value,
            errors: checked.errors,
            warnings: checked.warnings,
        }
    }
}

/// The whole file, checked.
#[derive(Debug)]
pub struct Parsed<T> {
    /// Good records with their line numbers, in file order; empty unless every row is good.
    pub records: Vec<(u64, T)>,
    /// When some rows are bad: the rows that are not, with their line numbers. Never to be
    /// written; an importer with checks beyond the row (the store's: a family registered
    /// twice) runs them on these, so that one run lists every bad row.
    pub passed: Vec<(u64, T)>,
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    /// Lines with at least one error (a problem with the file as a whole counts its lines).
    pub bad_rows: usize,
    /// The errors of the first [`MAX_LISTED_ROWS`] bad rows, in line order.
    pub errors: Vec<LineError>,
    /// Rows with warnings, and those of the first [`MAX_LISTED_ROWS`].
    pub warned_rows: usize,
    pub warnings: Vec<LineError>,
    /// The file could not be read as rows at all (encoding, header).
    pub file_problem: bool,
    /// The sheet the rows were read from, for a workbook: problems name it with the line.
    pub sheet: Option<String>,
    /// The file's heading (quoted for a message) of each column it has, by English name:
    /// problems name the column as the file does.
    pub headings: BTreeMap<String, String>,
}

impl<T> Parsed<T> {
    pub(crate) fn file_problem(mut errors: Vec<LineError>) -> Parsed<T> {
        let lines: BTreeSet<u64> = errors.iter().map(|e| e.line).collect();
        if let Some(last) = lines.iter().nth(MAX_LISTED_ROWS) {
            errors.retain(|e| e.line < *last);
        }
        Parsed {
            records: Vec::new(),
            passed: Vec::new(),
            rows: 0,
            bad_rows: lines.len(),
            errors,
            warned_rows: 0,
            warnings: Vec::new(),
            file_problem: true,
            sheet: None,
            headings: BTreeMap::new(),
        }
    }

    /// How the file names `column` (an English name), for a problem found beyond the file's
    /// own rules (the store's).
    pub fn heading(&self, column: &str) -> String {
        self.headings
            .get(column)
            .cloned()
            .unwrap_or_else(|| column.to_string())
    }

    /// A problem as the officer reads it: `line N: column: reason`, after the sheet's name
    /// for a workbook.
    pub fn line_text(&self, e: &LineError, lang: Lang) -> String {
        match &self.sheet {
            Some(sheet) => msg!("cli.sheet_line", quoted(sheet), e.line, e.column)
                .with(e.reason.clone())
                .text(lang),
            None => e.text(lang),
        }
    }

    /// A warning as the officer reads it (see [`Parsed::line_text`]).
    pub fn warning_text(&self, w: &LineError, lang: Lang) -> String {
        match &self.sheet {
            Some(sheet) => msg!("cli.sheet_line_warning", quoted(sheet), w.line, w.column)
                .with(w.reason.clone())
                .text(lang),
            None => w.as_warning(lang),
        }
    }

    /// Nothing is wrong: the records may be written.
    pub fn is_ok(&self) -> bool {
        self.bad_rows == 0
    }
}

/// A UTF-16 file (Excel's "Unicode text"): its byte order mark, or the zero byte every
/// ASCII character has beside it (a header of column names is ASCII).
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || head.iter().filter(|b| **b == 0).count() * 4 >= head.len().max(4)
}

/// A value holding a control character (an escape sequence that would act on an officer's
/// terminal, a zero byte): line ends and tabs inside a quoted cell are text.
fn has_control(v: &str) -> bool {
    v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Columns that name or identify a person: a line break inside one (a quoted cell spread over
/// two lines) is a mistake of the file, never the name.
const ONE_LINE: &[&str] = &[
    "name",
    "head_name",
    "nik",
    "kk_no",
    "registration_no",
    "phone",
];

/// The longest line an import file may hold. The longest sensible row (a case with every
/// field filled and long notes) is a few thousand bytes; a longer line is not a row of a CSV
/// file (a binary file, a device), and reading it whole would hold it all in memory.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// The import file as the CSV reader reads it: bytes pass through unchanged while the
/// physical line numbers are kept and a line over [`MAX_LINE_BYTES`] stops the reading.
/// Only the bytes handed to the reader and not yet placed on a line are held, so memory does
/// not grow with the file.
struct Source<R> {
    inner: R,
    /// Bytes handed on, from `pos` on, not yet counted into `line`.
    window: VecDeque<u8>,
    /// File offset of the window's first byte.
    pos: u64,
    /// The physical line of the byte at `pos` (the header being line 1).
    line: u64,
    /// Line ends handed on so far, and the length of the line being handed on.
    newlines: u64,
    line_len: usize,
    /// A line went over the limit: the line it is on, once it did.
    too_long: Option<u64>,
}

impl<R: Read> Source<R> {
    fn new(inner: R) -> Self {
        Source {
            inner,
            window: VecDeque::new(),
            pos: 0,
            line: 1,
            newlines: 0,
            line_len: 0,
            too_long: None,
        }
    }

    /// The line of the record starting at `byte` (records come in file order). The csv
    /// crate's own line count lags behind CRLF line ends and blank lines (it records a
    /// position before skipping them), so count from the byte offset: lines before it, plus
    /// any line ends the record start still has to skip.
    fn line_at(&mut self, byte: Option<u64>) -> u64 {
        let target = byte.unwrap_or(self.pos);
        while self.pos < target {
            match self.window.pop_front() {
                Some(b) => {
                    if b == b'\n' {
                        self.line += 1;
                    }
                    self.pos += 1;
                }
                None => break,
            }
        }
        while let Some(b @ (b'\r' | b'\n')) = self.window.front().copied() {
            if b == b'\n' {
                self.line += 1;
            }
            self.window.pop_front();
            self.pos += 1;
        }
        self.line
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(line) = self.too_long {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("line {line} is too long"),
            ));
        }
        let n = self.inner.read(buf)?;
        let mut handed = n;
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                self.newlines += 1;
                self.line_len = 0;
            } else {
                self.line_len += 1;
                if self.line_len > MAX_LINE_BYTES {
                    // Hand on what came before; the next read says the line is too long.
                    self.too_long = Some(self.newlines + 1);
                    handed = i;
                    break;
                }
            }
        }
        if handed == 0 && n > 0 {
            // Nothing before the limit in this piece: say so now (0 would read as the end).
            return self.read(buf);
        }
        self.window.extend(&buf[..handed]);
        Ok(handed)
    }
}

/// One cell of a row as the file holds it: CSV cells are text; a workbook's may be numbers,
/// dates, booleans or Excel's error values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellRef<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// A cell formatted as a date: the day it shows (Excel's own reckoning, its 1900 leap
    /// day included) and its serial.
    Date {
        ymd: (u16, u8, u8),
        serial: f64,
    },
    Bool(bool),
    /// `#N/A`, `#REF!`, ...
    Error(&'a str),
}

/// Where rows come from: a CSV file or a workbook's sheet. Rows come in file order, each
/// with its line (a workbook's row number); its cells are read until the next row.
pub(crate) trait RowSource {
    /// Move to the next row: its line, or `None` at the end.
    fn next_row(&mut self) -> Result<Option<u64>, ReadProblem>;
    /// How many cells the row has (a workbook row ends at its last filled cell).
    fn width(&self) -> usize;
    fn cell(&self, i: usize) -> CellRef<'_>;
    /// Every row must have as many cells as the header (CSV); a workbook's rows need not.
    fn fixed_width(&self) -> bool;
    /// The sheet the rows come from, for a workbook.
    fn sheet(&self) -> Option<&str>;
}

/// What [`parse`] and [`stream`] read: CSV bytes from anything that reads, or an opened
/// workbook ([`super::workbook::Workbook`]), or an import file opened by content
/// ([`super::import::Input`]).
pub trait IntoRows {
    /// Read and check every row (see [`stream`]).
    fn read_rows<T>(
        self,
        columns: &Columns,
        check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
        sink: impl FnMut(u64, T),
        progress: impl FnMut(usize),
    ) -> Parsed<T>;
}

impl<R: Read> IntoRows for R {
    fn read_rows<T>(
        self,
        columns: &Columns,
        check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
        sink: impl FnMut(u64, T),
        progress: impl FnMut(usize),
    ) -> Parsed<T> {
        match CsvRows::new(self) {
            Ok(mut rows) => read_rows(&mut rows, names(), columns, check, sink, progress),
            Err(problem) => Parsed::file_problem(vec![problem]),
        }
    }
}

/// The text of a cell as a heading, or as a value outside the columns with rules.
fn cell_text(cell: CellRef<'_>) -> Cow<'_, str> {
    match cell {
        CellRef::Empty => Cow::Borrowed(""),
        CellRef::Text(s) | CellRef::Error(s) => Cow::Borrowed(s),
        CellRef::Number(n) => Cow::Owned(number_text(n)),
        CellRef::Date { ymd, .. } => Cow::Owned(ymd_text(ymd)),
        CellRef::Bool(b) => Cow::Borrowed(if b { "ya" } else { "tidak" }),
    }
}

/// A number as its shortest decimal text (whole numbers without `.0`).
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn ymd_text((y, m, d): (u16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day an Excel date serial of the 1900 system stands for, as Excel counts: day 1 is
/// 1 January 1900 and day 60 the 29 February 1900 that never was (Lotus's leap-year bug,
/// kept by Excel), so serials from 61 on are a day ahead of a plain count.
pub fn excel_serial_day(serial: f64) -> Option<(u16, u8, u8)> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    if days == 60 {
        return Some((1900, 2, 29));
    }
    let base = crate::domain::date::Date::from_ymd_opt(1899, 12, if days < 60 { 31 } else { 30 })?;
    let day = base.checked_add_days(chrono::Days::new(days as u64))?;
    use chrono::Datelike;
    Some((day.year() as u16, day.month() as u8, day.day() as u8))
}

/// Columns holding a 16-digit identity number (NIK, family card).
const SIXTEEN_DIGITS: &[&str] = &["nik", "kk_no"];

fn is_phone(column: &str) -> bool {
    column == "phone" || column.ends_with("_phone")
}

/// What taking a cell found worth a warning.
#[derive(Debug, PartialEq)]
enum Taken {
    Plain,
    /// An identity number stored as a number, read as its digits; whether its last digit
    /// is 0 (what Excel leaves of a 16th digit it cut).
    IdNumber {
        ends_in_zero: bool,
    },
}

/// Text in exponent form (`3.50512E+15`): what a CSV saved by Excel holds of a long number.
fn exponent_form(s: &str) -> bool {
    let s = s.trim();
    let Some((mantissa, exp)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    !mantissa.is_empty()
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && mantissa.starts_with(|c: char| c.is_ascii_digit())
        && !exp.is_empty()
        && exp.chars().all(|c| c.is_ascii_digit())
}

/// Put the value of `cell` under `column` into `out`, as the record kind's rules read it:
/// dates as ISO dates, identity numbers stored as numbers as their digits (when exact),
/// values written another way as the value they stand for.
fn take_cell(
    names: &Names,
    column: &str,
    cell: CellRef<'_>,
    out: &mut String,
) -> Result<Taken, Msg> {
    out.clear();
    let sixteen = SIXTEEN_DIGITS.contains(&column);
    let identity = sixteen || is_phone(column);
    match cell {
        CellRef::Empty => {}
        CellRef::Text(s) => {
            if identity && exponent_form(s) {
                return Err(msg!("cli.cell.exponent", quoted(s)));
            }
            out.push_str(names.value(column, s).unwrap_or(s));
        }
        CellRef::Error(e) => return Err(msg!("cli.cell.error", quoted(e))),
        CellRef::Bool(b) => out.push_str(if b { "ya" } else { "tidak" }),
        CellRef::Number(n) | CellRef::Date { serial: n, .. } if identity => {
            // Exact only as a whole number below 2^53 (a double's every integer).
            if !n.is_finite() || n < 0.0 || n.fract() != 0.0 {
                return Err(msg!("cli.cell.id_not_whole"));
            }
            if n >= 9_007_199_254_740_992.0 {
                return Err(msg!("cli.cell.id_not_exact"));
            }
            let digits = format!("{}", n as u64);
            if sixteen {
                if digits.len() != 16 {
                    return Err(msg!("cli.cell.id_digits", digits.len()));
                }
                out.push_str(&digits);
                return Ok(Taken::IdNumber {
                    ends_in_zero: digits.ends_with('0'),
                });
            }
            // A mobile number (08…) whose 0 Excel dropped: 8 and 8 to 11 more digits.
            if digits.starts_with('8') && (9..=12).contains(&digits.len()) {
                out.push('0');
            }
            out.push_str(&digits);
            return Ok(Taken::IdNumber {
                ends_in_zero: false,
            });
        }
        CellRef::Date { ymd, .. } => out.push_str(&ymd_text(ymd)),
        CellRef::Number(n) if names.is_date(column) => match excel_serial_day(n) {
            Some(ymd) => out.push_str(&ymd_text(ymd)),
            None => return Err(msg!("cli.cell.not_a_date", number_text(n))),
        },
        CellRef::Number(n) => out.push_str(&number_text(n)),
    }
    Ok(Taken::Plain)
}

/// What a header cell is.
#[derive(Debug, Clone)]
enum Slot {
    /// A column of the kind: its English name, and the heading as the file writes it.
    Column { key: String, heading: String },
    /// The numbering column (`No`): its values are ignored.
    Numbering,
    /// A heading no column goes by (refused), or no heading (its cells must be empty).
    Other { heading: String },
}

/// What the cells of a row name, as a header.
fn header_slots(cells: &[String], names: &Names, known: &[&str]) -> Vec<Slot> {
    cells
        .iter()
        .map(|h| {
            if h.is_empty() {
                Slot::Other {
                    heading: String::new(),
                }
            } else if let Some(key) = names.column(h, known) {
                Slot::Column {
                    key: key.to_string(),
                    heading: h.clone(),
                }
            } else if names.is_numbering(h) {
                Slot::Numbering
            } else {
                Slot::Other { heading: h.clone() }
            }
        })
        .collect()
}

/// Check the header: every heading known, no column twice, every required one there.
fn check_header(slots: &[Slot], columns: &Columns, line: u64) -> Vec<LineError> {
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    let mut listed = false;
    for slot in slots {
        match slot {
            Slot::Column { key, heading } if !seen.insert(key.as_str()) => {
                errors.push(LineError::new(line, quoted(heading), msg!("cli.csv.twice")));
            }
            Slot::Other { heading } if !heading.is_empty() => {
                // The known names once, with the first unknown one.
                let reason = if listed {
                    msg!("cli.csv.unknown")
                } else {
                    let all: Vec<&str> = columns
                        .required
                        .iter()
                        .chain(columns.optional.iter())
                        .copied()
                        .collect();
                    msg!("cli.csv.unknown_known", all.join(", "))
                };
                listed = true;
                errors.push(LineError::new(line, quoted(heading), reason));
            }
            _ => {}
        }
    }
    for r in columns.required {
        if !seen.contains(r) {
            errors.push(LineError::new(line, *r, msg!("cli.csv.missing")));
        }
    }
    errors
}

/// How many rows with something in them are looked at for the header (title rows and a
/// source line above it are skipped).
const HEADER_SEARCH_ROWS: usize = 30;

/// The header found: its line and what its cells name.
struct Header {
    line: u64,
    slots: Vec<Slot>,
}

/// Find the header: the first row whose cells name every required column, within the
/// first [`HEADER_SEARCH_ROWS`] rows that are not blank. When none does, the problems of the
/// row that names the most columns (or of the first row) are the file's.
fn find_header(
    rows: &mut impl RowSource,
    names: &Names,
    columns: &Columns,
) -> Result<Header, Vec<LineError>> {
    let known: Vec<&str> = columns
        .required
        .iter()
        .chain(columns.optional.iter())
        .copied()
        .collect();
    let mut best: Option<(usize, Header)> = None;
    let mut looked = 0;
    let mut cells = Vec::new();
    loop {
        let line = match rows.next_row() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(ReadProblem::Row(p, _) | ReadProblem::Stop(p)) => {
                let p = if p.column == "row" {
                    LineError::new(p.line, "header", p.reason)
                } else {
                    p
                };
                return Err(vec![p]);
            }
        };
        cells.clear();
        cells.extend((0..rows.width()).map(|i| cell_text(rows.cell(i)).trim().to_string()));
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let slots = header_slots(&cells, names, &known);
        let named: BTreeSet<&str> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Column { key, .. } => Some(key.as_str()),
                _ => None,
            })
            .collect();
        if columns.required.iter().all(|r| named.contains(r)) {
            return Ok(Header { line, slots });
        }
        let score = named.len();
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, Header { line, slots }));
        }
        looked += 1;
        if looked >= HEADER_SEARCH_ROWS {
            break;
        }
    }
    match best {
        Some((_, h)) => Err(check_header(&h.slots, columns, h.line)),
        None => Err(vec![LineError::new(1, "file", msg!("cli.csv.empty"))]),
    }
}

/// The file's column heading for a problem's column (a field's English name), quoted for a
/// message; other columns (`row`, `file`) as they are.
fn heading_of(slots: &[Slot], column: &str) -> String {
    slots
        .iter()
        .find_map(|s| match s {
            Slot::Column { key, heading } if key == column => Some(quoted(heading)),
            _ => None,
        })
        .unwrap_or_else(|| column.to_string())
}

/// The column a problem in cell `i` is named by: its heading, or its place.
fn place_of(slots: &[Slot], i: usize) -> String {
    match slots.get(i) {
        Some(Slot::Column { heading, .. }) => quoted(heading),
        Some(Slot::Other { heading }) if !heading.is_empty() => quoted(heading),
        _ => format!("column {}", i + 1),
    }
}

/// One data row: the cell count, values under unnamed columns, the cells taken as values,
/// then the kind's rules. `values` holds one entry per named column and is refilled in
/// place, so a row costs no new keys or value buffers. Identity numbers read from numbers
/// are counted per column in `numeric`.
#[allow(clippy::too_many_arguments)]
fn check_row<T>(
    rows: &impl RowSource,
    header: &Header,
    names: &Names,
    values: &mut BTreeMap<String, String>,
    numeric: &mut BTreeMap<String, usize>,
    line: u64,
    check: &mut impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
) -> (Option<T>, Vec<LineError>, Vec<LineError>) {
    let slots = &header.slots;
    if rows.fixed_width() && rows.width() != slots.len() {
        let e = LineError::new(
            line,
            "row",
            msg!("cli.csv.count", slots.len(), rows.width()),
        );
        return (None, vec![e], vec![]);
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut refused = BTreeSet::new();
    for i in 0..rows.width().max(slots.len()) {
        let cell = if i < rows.width() {
            rows.cell(i)
        } else {
            CellRef::Empty
        };
        let text = match cell {
            CellRef::Text(v) => v,
            _ => "",
        };
        if has_control(text) {
            errors.push(LineError::new(
                line,
                place_of(slots, i),
                msg!("cli.csv.control"),
            ));
        }
        match slots.get(i) {
            Some(Slot::Column { key, heading }) => {
                if ONE_LINE.contains(&key.as_str()) && text.contains(['\n', '\r']) {
                    errors.push(LineError::new(
                        line,
                        quoted(heading),
                        msg!("cli.csv.one_line"),
                    ));
                }
                let Some(slot) = values.get_mut(key) else {
                    continue;
                };
                match take_cell(names, key, cell, slot) {
                    Ok(Taken::Plain) => {}
                    Ok(Taken::IdNumber { ends_in_zero }) => {
                        *numeric.entry(key.clone()).or_default() += 1;
                        if ends_in_zero {
                            warnings.push(LineError::new(
                                line,
                                quoted(heading),
                                msg!("cli.cell.id_ends_in_zero"),
                            ));
                        }
                    }
                    Err(reason) => {
                        slot.clear();
                        refused.insert(quoted(heading));
                        errors.push(LineError::new(line, quoted(heading), reason));
                    }
                }
            }
            Some(Slot::Numbering) => {}
            _ => {
                if !cell_text(cell).trim().is_empty() {
                    errors.push(LineError::new(
                        line,
                        format!("column {}", i + 1),
                        msg!("cli.csv.unnamed"),
                    ));
                }
            }
        }
    }
    let checked = check(values);
    let at = |e: FieldError| LineError::new(line, heading_of(slots, e.field), e.reason);
    // A cell already refused is not refused again by the rules (it reached them empty).
    errors.extend(
        checked
            .errors
            .into_iter()
            .map(at)
            .filter(|e| !refused.contains(&e.column)),
    );
    warnings.extend(checked.warnings.into_iter().map(at));
    if checked.value.is_none() && errors.is_empty() {
        errors.push(LineError::new(line, "row", msg!("cli.csv.refused")));
    }
    let value = checked.value.filter(|_| errors.is_empty());
    (value, errors, warnings)
}

/// How much of the file's start is looked at for its encoding and separator.
const HEAD_BYTES: u64 = 64 * 1024;

/// What went wrong reading at a record: the located problem, and whether reading stops
/// (the file can be read no further) or goes on with the next record.
pub(crate) enum ReadProblem {
    /// A row that could not be split into cells, or a line not in UTF-8: the row is bad.
    Row(LineError, bool),
    /// The reading stops here.
    Stop(LineError),
}

fn read_problem<R: Read>(e: &csv::Error, source: &mut Source<R>) -> ReadProblem {
    if let Some(line) = source.too_long {
        return ReadProblem::Stop(LineError::new(
            line,
            "file",
            msg!("cli.csv.long_line", MAX_LINE_BYTES),
        ));
    }
    let line = source.line_at(e.position().map(|p| p.byte()));
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            ReadProblem::Row(LineError::new(line, "file", msg!("cli.csv.not_utf8")), true)
        }
        csv::ErrorKind::Io(io) => ReadProblem::Stop(LineError::new(
            line,
            "file",
            msg!("cli.csv.unreadable").with(crate::i18n::Msg::io(io)),
        )),
        _ => ReadProblem::Row(LineError::new(line, "row", e.to_string()), false),
    }
}

/// The rows of a CSV file, one record buffer for the whole file.
struct CsvRows<R: Read> {
    reader: csv::Reader<Source<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>>,
    rec: csv::StringRecord,
}

impl<R: Read> CsvRows<R> {
    /// The file's encoding and separator judged from its start.
    fn new(mut source: R) -> Result<CsvRows<R>, LineError> {
        let mut head = Vec::new();
        if let Err(e) = (&mut source).take(HEAD_BYTES).read_to_end(&mut head) {
            return Err(LineError::new(
                1,
                "file",
                msg!("cli.csv.unreadable").with(crate::i18n::Msg::io(&e)),
            ));
        }
        if head.starts_with(b"\xEF\xBB\xBF") {
            head.drain(..3);
        }
        if let Some(what) = super::workbook::not_csv(&head) {
            return Err(LineError::new(1, "file", what));
        }
        if looks_utf16(&head) {
            return Err(LineError::new(1, "file", msg!("cli.csv.utf16")));
        }
        // The separator: `;` when the first line with `;` or `,` in it (the header, or a
        // title row above it) has `;` and no `,`.
        let first_line = head
            .split(|b| *b == b'\n')
            .find(|l| l.contains(&b';') || l.contains(&b','))
            .unwrap_or(b"");
        let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
            b';'
        } else {
            b','
        };
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Source::new(std::io::Cursor::new(head).chain(source)));
        Ok(CsvRows {
            reader,
            rec: csv::StringRecord::new(),
        })
    }
}

impl<R: Read> RowSource for CsvRows<R> {
    fn next_row(&mut self) -> Result<Option<u64>, ReadProblem> {
        match self.reader.read_record(&mut self.rec) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let byte = self.rec.position().map(|p| p.byte());
                Ok(Some(self.reader.get_mut().line_at(byte)))
            }
            Err(e) => {
                self.rec.clear();
                Err(read_problem(&e, self.reader.get_mut()))
            }
        }
    }

    fn width(&self) -> usize {
        self.rec.len()
    }

    fn cell(&self, i: usize) -> CellRef<'_> {
        self.rec.get(i).map_or(CellRef::Empty, CellRef::Text)
    }

    fn fixed_width(&self) -> bool {
        true
    }

    fn sheet(&self) -> Option<&str> {
        None
    }
}

/// Read and check a whole import file as it streams in: only the current row, the verdicts
/// and the good records are held, never the file. `check` applies the record kind's rules to
/// one row (column name → value, only the file's columns); `progress` hears the rows read so
/// far.
pub fn parse<T>(
    source: impl IntoRows,
    columns: &Columns,
    check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
    progress: impl FnMut(usize),
) -> Parsed<T> {
    let mut records = Vec::new();
    let mut out = stream(
        source,
        columns,
        check,
        |line, v| records.push((line, v)),
        progress,
    );
    if out.is_ok() {
        out.records = records;
    } else {
        // All or nothing: do not hand back a partial set as records.
        out.passed = records;
    }
    out
}

/// As [`parse`], but each good record is handed to `sink` (with its line) as it is read and
/// none is kept: memory does not grow with the file. `records` and `passed` of the result are
/// empty; whether the records handed on may be written is for `is_ok` to say, at the end.
///
/// The source is a CSV file (UTF-8, `,` or `;`) or a workbook's sheet; either way the header
/// is found below any title rows, its headings matched by their English or Indonesian names
/// ([`super::import_columns`]), a numbering column ignored.
pub fn stream<T>(
    source: impl IntoRows,
    columns: &Columns,
    check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
    sink: impl FnMut(u64, T),
    progress: impl FnMut(usize),
) -> Parsed<T> {
    source.read_rows(columns, check, sink, progress)
}

/// The rows of any source read and checked (see [`stream`]).
pub(crate) fn read_rows<T>(
    rows: &mut impl RowSource,
    names: &Names,
    columns: &Columns,
    mut check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
    mut sink: impl FnMut(u64, T),
    mut progress: impl FnMut(usize),
) -> Parsed<T> {
    let sheet = rows.sheet().map(str::to_string);
    let header = match find_header(rows, names, columns) {
        Ok(h) => h,
        Err(errors) => {
            let mut p = Parsed::file_problem(errors);
            p.sheet = sheet;
            return p;
        }
    };
    let header_errors = check_header(&header.slots, columns, header.line);
    if !header_errors.is_empty() {
        let mut p = Parsed::file_problem(header_errors);
        p.sheet = sheet;
        return p;
    }

    let mut out = Parsed {
        records: Vec::new(),
        passed: Vec::new(),
        rows: 0,
        bad_rows: 0,
        errors: Vec::new(),
        warned_rows: 0,
        warnings: Vec::new(),
        file_problem: false,
        sheet,
        headings: header
            .slots
            .iter()
            .filter_map(|s| match s {
                Slot::Column { key, heading } => Some((key.clone(), quoted(heading))),
                _ => None,
            })
            .collect(),
    };
    // The named columns (the header has no column twice), refilled for every row.
    let mut values: BTreeMap<String, String> = out
        .headings
        .keys()
        .map(|k| (k.clone(), String::new()))
        .collect();
    let mut numeric = BTreeMap::new();
    loop {
        let mut stop = false;
        let (row_errors, row_warnings) = match rows.next_row() {
            Ok(None) => break,
            Err(ReadProblem::Row(problem, of_file)) => {
                out.rows += 1;
                out.file_problem |= of_file;
                (vec![problem], vec![])
            }
            Err(ReadProblem::Stop(problem)) => {
                out.file_problem = true;
                stop = true;
                (vec![problem], vec![])
            }
            Ok(Some(line)) => {
                if (0..rows.width()).all(|i| cell_text(rows.cell(i)).trim().is_empty()) {
                    continue;
                }
                out.rows += 1;
                progress(out.rows);
                let (value, errors, warnings) = check_row(
                    rows,
                    &header,
                    names,
                    &mut values,
                    &mut numeric,
                    line,
                    &mut check,
                );
                if let Some(v) = value {
                    sink(line, v);
                }
                (errors, warnings)
            }
        };
        if !row_errors.is_empty() {
            out.bad_rows += 1;
            if out.bad_rows <= MAX_LISTED_ROWS {
                out.errors.extend(row_errors);
            } else if stop {
                // Why the reading stopped is said even past the cap.
                out.errors.extend(row_errors);
            }
        }
        if !row_warnings.is_empty() {
            out.warned_rows += 1;
            if out.warned_rows <= MAX_LISTED_ROWS {
                out.warnings.extend(row_warnings);
            }
        }
        if stop {
            break;
        }
    }
    // A column of identity numbers stored as numbers is named once, at the header, first.
    let said: Vec<LineError> = numeric
        .iter()
        .map(|(key, n)| {
            LineError::new(
                header.line,
                heading_of(&header.slots, key),
                msg!("cli.cell.id_numbers", n),
            )
        })
        .collect();
    out.warnings.splice(0..0, said);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: Columns = Columns {
        required: &["name", "age"],
        optional: Cow::Borrowed(&["note"]),
    };

    /// A tiny record kind: name required, age a number, age over 99 a warning.
    fn rule(v: &BTreeMap<String, String>) -> RowCheck<(String, u32)> {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let name = v
            .get("name")
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        if name.is_empty() {
            errors.push(FieldError::new("name", "name is required"));
        }
        let age = match v.get("age").map(|s| s.trim().parse::<u32>()) {
            Some(Ok(a)) => a,
            _ => {
                errors.push(FieldError::new("age", "not a number"));
                0
            }
        };
        if age > 99 {
            warnings.push(FieldError::new("age", "very old"));
        }
        RowCheck {
            value: errors.is_empty().then_some((name, age)),
            errors,
            warnings,
        }
    }

    fn run(text: &[u8]) -> Parsed<(String, u32)> {
        parse(text, &COLUMNS, rule, |_| {})
    }

    fn lines(p: &Parsed<(String, u32)>) -> Vec<String> {
        p.errors.iter().map(|e| e.to_string()).collect()
    }

    /// A file of `rows` rows made as it is read (never whole in memory): `name,age` rows,
    /// the rows at the lines of `bad` with an age that is not a number.
    struct NumberedRows {
        next_line: u64,
        last_line: u64,
        bad: &'static [u64],
        pending: Vec<u8>,
    }

    impl Read for NumberedRows {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            while self.pending.len() < buf.len() && self.next_line <= self.last_line {
                let line = self.next_line;
                if line == 1 {
                    self.pending.extend_from_slice(b"name,age\n");
                } else if self.bad.contains(&line) {
                    self.pending
                        .extend_from_slice(format!("Siti {line},x\n").as_bytes());
                } else {
                    self.pending
                        .extend_from_slice(format!("Siti {line},30\n").as_bytes());
                }
                self.next_line += 1;
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            Ok(n)
        }
    }

    #[test]
    fn streaming_hands_rows_on_and_names_bad_ones_past_the_millionth_line() {
        const BAD: &[u64] = &[3, 1_000_001, 1_000_040];
        let source = NumberedRows {
            next_line: 1,
            last_line: 1_000_051,
            bad: BAD,
            pending: Vec::new(),
        };
        let mut handed = 0usize;
        let mut last_good = 0;
        let p = stream(
            source,
            &COLUMNS,
            rule,
            |line, _| {
                handed += 1;
                last_good = line;
            },
            |_| {},
        );
        // Every bad row named with its line, the file not good as a whole, no row kept.
        assert_eq!(
            lines(&p),
            [
                "line 3: age: not a number",
                "line 1000001: age: not a number",
                "line 1000040: age: not a number",
            ]
        );
        assert_eq!((p.rows, p.bad_rows), (1_000_050, 3));
        assert!(!p.is_ok());
        assert!(p.records.is_empty() && p.passed.is_empty());
        assert_eq!((handed, last_good), (1_000_047, 1_000_051));
    }

    #[test]
    fn the_header_is_found_below_title_rows_and_a_numbering_column_is_ignored() {
        let p = run(b"REKAP PESERTA 2024\nSumber: dinas\n\n,,\nNo.,Nama,Age,note\n1,Siti,30,\n2,Budi,41,x\n");
        assert!(p.is_ok(), "{:?}", p.errors);
        assert_eq!(
            p.records,
            vec![(6, ("Siti".into(), 30)), (7, ("Budi".into(), 41))]
        );
        // A bad row names the column as the file does.
        let p = run(b"Title\nNama,AGE\nSiti,x\n");
        assert_eq!(lines(&p), ["line 3: AGE: not a number"]);
        // No row names the required columns: the problems of the one naming the most.
        let p = run(b"Title\nNama,umur\nSiti,3\n");
        assert_eq!(
            lines(&p),
            [
                "line 2: umur: unknown column (known columns: name, age, note)",
                "line 2: age: missing column",
            ]
        );
    }

    #[test]
    fn excel_serials_count_the_leap_day_of_1900_that_never_was() {
        assert_eq!(excel_serial_day(1.0), Some((1900, 1, 1)));
        assert_eq!(excel_serial_day(59.0), Some((1900, 2, 28)));
        assert_eq!(excel_serial_day(60.0), Some((1900, 2, 29)));
        assert_eq!(excel_serial_day(61.0), Some((1900, 3, 1)));
        assert_eq!(excel_serial_day(45413.75), Some((2024, 5, 1)));
        assert_eq!(excel_serial_day(0.0), None);
        assert_eq!(excel_serial_day(-3.0), None);
        // The leap day that never was is refused as a date by the rules.
        let n = names();
        let mut out = String::new();
        take_cell(n, "departure_date", CellRef::Number(60.0), &mut out).unwrap();
        assert!(crate::domain::date::parse_date(&out).is_err(), "{out}");
        take_cell(n, "departure_date", CellRef::Number(45413.0), &mut out).unwrap();
        assert_eq!(out, "2024-05-01");
        // Only a date column: a number elsewhere is its digits.
        take_cell(n, "members", CellRef::Number(4.0), &mut out).unwrap();
        assert_eq!(out, "4");
    }

    #[test]
    fn identity_numbers_stored_as_numbers_are_taken_only_when_exact() {
        let n = names();
        let mut out = String::new();
        let nik = CellRef::Number(3505124512950001.0);
        assert!(
            take_cell(n, "nik", nik, &mut out)
                == Ok(Taken::IdNumber {
                    ends_in_zero: false
                })
        );
        assert_eq!(out, "3505124512950001");
        let cut = CellRef::Number(3505124512950000.0);
        assert!(take_cell(n, "kk_no", cut, &mut out) == Ok(Taken::IdNumber { ends_in_zero: true }));
        let refused = |column: &str, cell| {
            let mut out = String::new();
            take_cell(n, column, cell, &mut out).unwrap_err().en()
        };
        assert!(refused("nik", CellRef::Number(350512451295000.0)).contains("15 digits"));
        assert!(refused("nik", CellRef::Number(3505124512950001.5)).contains("not whole"));
        assert!(refused("nik", CellRef::Number(3.5e20)).contains("too large"));
        assert!(refused("nik", CellRef::Text(" 3,50512E+15")).contains("exponent form"));
        assert!(refused("phone", CellRef::Text("8.12346E+10")).contains("exponent form"));
        // A mobile number gets its 0 back; another number stays as it is.
        take_cell(n, "phone", CellRef::Number(81234567890.0), &mut out).unwrap();
        assert_eq!(out, "081234567890");
        take_cell(n, "phone", CellRef::Number(6281234567890.0), &mut out).unwrap();
        assert_eq!(out, "6281234567890");
        take_cell(n, "phone", CellRef::Number(342801234.0), &mut out).unwrap();
        assert_eq!(out, "342801234");
        // Text is taken as it is; a value written the Indonesian way as the value it means.
        take_cell(n, "nik", CellRef::Text("3505124512950001"), &mut out).unwrap();
        assert_eq!(out, "3505124512950001");
        take_cell(n, "sex", CellRef::Text(" Laki-laki "), &mut out).unwrap();
        assert_eq!(out, "L");
        assert!(refused("name", CellRef::Error("#N/A")).contains("#N/A"));
    }

    #[test]
    fn columns_in_any_order_and_case_with_a_bom() {
        let p = run(b"\xEF\xBB\xBF AGE ,Name\r\n30,Siti\r\n\r\n41,Budi\r\n");
        assert!(p.is_ok(), "{:?}", p.errors);
        assert_eq!(
            p.records,
            vec![(2, ("Siti".into(), 30)), (4, ("Budi".into(), 41))]
        );
        assert_eq!(p.rows, 2);
    }

    #[test]
    fn semicolons_from_excel() {
        let p = run(b"name;age\nSiti;30\n");
        assert!(p.is_ok());
        assert_eq!(p.records[0].1, ("Siti".into(), 30));
    }

    #[test]
    fn every_bad_row_is_listed_with_its_line() {
        let p = run(b"name,age\nSiti,x\n,30\nBudi,40,extra\n\"Ani\nWati\",7\nTono,bad\n");
        assert_eq!(
            lines(&p),
            vec![
                "line 2: age: not a number",
                "line 3: name: name is required",
                "line 4: row: expected 2 columns, found 3",
                // A name spread over two lines is refused (issue 14); the lines after it
                // still count right.
                "line 5: name: one line only",
                "line 7: age: not a number",
            ]
        );
        assert_eq!(p.bad_rows, 5);
        assert!(p.records.is_empty(), "all or nothing");
        assert!(p.passed.is_empty());
        // The same with CRLF line ends and blank lines.
        let p = run(b"\r\nname,age\r\n\r\nSiti,x\r\n,30\r\n\r\n\r\nBudi,40,extra\r\n\"Ani\r\nWati\",7\r\nTono,bad");
        assert_eq!(
            lines(&p),
            vec![
                "line 4: age: not a number",
                "line 5: name: name is required",
                "line 8: row: expected 2 columns, found 3",
                "line 9: name: one line only",
                "line 11: age: not a number",
            ]
        );
    }

    #[test]
    fn header_problems() {
        let p = run(b"name,colour,name\nSiti,red,x\n");
        assert_eq!(
            lines(&p),
            vec![
                "line 1: colour: unknown column (known columns: name, age, note)",
                "line 1: name: column appears twice",
                "line 1: age: missing column",
            ]
        );
        assert!(p.file_problem);
        assert_eq!(p.bad_rows, 1);
        let p = run(b"");
        assert!(lines(&p)[0].starts_with("line 1: file: the file is empty"));
    }

    #[test]
    fn not_utf8_names_the_line() {
        let p = run(b"name,age\nSiti,30\nB\xE9a,20\n");
        assert_eq!(p.errors.len(), 1);
        assert!(lines(&p)[0].starts_with("line 3: file: not UTF-8"));
    }

    #[test]
    fn many_lines_not_utf8_are_listed_up_to_the_cap() {
        let mut text = b"name,age\n".to_vec();
        for _ in 0..(MAX_LISTED_ROWS + 3) {
            text.extend_from_slice(b"B\xE9a,20\n");
        }
        let p = run(&text);
        assert_eq!(p.bad_rows, MAX_LISTED_ROWS + 3);
        assert_eq!(p.errors.len(), MAX_LISTED_ROWS);
    }

    #[test]
    fn the_good_rows_of_a_bad_file_are_kept_apart() {
        let p = run(b"name,age\nSiti,30\nBudi,x\nAni,7,8\nTono,41\n");
        assert!(!p.is_ok());
        assert!(p.records.is_empty());
        assert_eq!(
            p.passed,
            vec![(2, ("Siti".into(), 30)), (5, ("Tono".into(), 41))]
        );
        assert!(run(b"name,age\nSiti,30\n").passed.is_empty());
    }

    #[test]
    fn warnings_do_not_reject() {
        let p = run(b"name,age,note\nSiti,120,\n");
        assert!(p.is_ok());
        assert_eq!(
            p.warnings[0].as_warning(Lang::En),
            "line 2: age: warning: very old"
        );
    }

    #[test]
    fn an_unnamed_column_may_stay_empty() {
        let p = run(b"name,age,\nSiti,30,\nBudi,31,x\n");
        assert_eq!(
            lines(&p),
            vec!["line 3: column 3: a value in a column without a name in the header"]
        );
    }

    #[test]
    fn only_the_first_bad_rows_are_listed() {
        let mut text = String::from("name,age\n");
        for _ in 0..(MAX_LISTED_ROWS + 5) {
            text.push_str("Siti,x\n");
        }
        let p = run(text.as_bytes());
        assert_eq!(p.bad_rows, MAX_LISTED_ROWS + 5);
        assert_eq!(p.errors.len(), MAX_LISTED_ROWS);
    }

    /// A reader handing the bytes over `piece` at a time, as a slow disk or a pipe would.
    struct Trickle<'a> {
        bytes: &'a [u8],
        piece: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.piece.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_are_counted_the_same_however_the_file_arrives() {
        let text: &[u8] =
            b"\r\nname,age\r\n\r\nSiti,x\r\n,30\r\n\r\n\r\nBudi,40,extra\r\n\"Ani\r\nWati\",7\r\nTono,bad\r\nB\xE9a,9\nEka,8";
        let whole = run(text);
        for piece in [1, 2, 3, 7, 64] {
            let p = parse(Trickle { bytes: text, piece }, &COLUMNS, rule, |_| {});
            assert_eq!(lines(&p), lines(&whole), "read {piece} bytes at a time");
            assert_eq!((p.rows, p.bad_rows), (whole.rows, whole.bad_rows));
        }
        assert_eq!(
            lines(&whole).last().unwrap(),
            "line 12: file: not UTF-8 (save the file as \"CSV UTF-8\")"
        );
        assert!(whole.file_problem);
    }

    #[test]
    fn a_line_longer_than_any_row_stops_the_reading() {
        let mut text = b"name,age\nSiti,x\nBudi,40\n".to_vec();
        text.extend(std::iter::repeat_n(b'a', MAX_LINE_BYTES + 10));
        text.extend_from_slice(b",1\nTono,bad\n");
        let p = run(&text);
        assert_eq!(
            lines(&p),
            vec![
                "line 2: age: not a number".to_string(),
                format!(
                    "line 4: file: a line longer than {MAX_LINE_BYTES} bytes is not a row of a CSV \
                     file (is it the right file?); nothing after it was read"
                ),
            ]
        );
        assert!(p.file_problem);
        assert!(p.records.is_empty());
        // A line just under the limit is a row like any other.
        let mut text = b"name,age\n".to_vec();
        text.extend(std::iter::repeat_n(b'a', MAX_LINE_BYTES - 3));
        text.extend_from_slice(b",1\n");
        assert!(run(&text).is_ok());
    }

    /// Rows made as they are read, never held as a file.
    struct Generated {
        rows: usize,
        bad_at: usize,
        next: usize,
        pending: Vec<u8>,
    }

    impl Read for Generated {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            while self.pending.len() < buf.len() && self.next <= self.rows {
                if self.next == 0 {
                    self.pending.extend_from_slice(b"name,age\n");
                } else if self.next == self.bad_at {
                    self.pending.extend_from_slice(b"Tono,bad\n");
                } else {
                    self.pending.extend_from_slice(b"Siti,30\n");
                }
                self.next += 1;
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            Ok(n)
        }
    }

    #[test]
    fn a_bad_row_after_the_millionth_line_is_reported() {
        let source = Generated {
            rows: 1_000_005,
            bad_at: 1_000_003,
            next: 0,
            pending: Vec::new(),
        };
        let mut seen = 0;
        let p = parse(
            source,
            &COLUMNS,
            |v| RowCheck {
                value: v.get("age").and_then(|a| a.parse::<u32>().ok()).map(|_| ()),
                errors: match v.get("age").map(|a| a.parse::<u32>()) {
                    Some(Ok(_)) => vec![],
                    _ => vec![FieldError::new("age", "not a number")],
                },
                warnings: vec![],
            },
            |n| seen = n,
        );
        assert_eq!(p.rows, 1_000_005);
        assert_eq!(seen, 1_000_005);
        assert_eq!(p.bad_rows, 1);
        let listed: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(listed, vec!["line 1000004: age: not a number"]);
        assert!(p.records.is_empty(), "all or nothing");
    }
}
