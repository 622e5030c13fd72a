//! Excel workbooks (`.xlsx`) as import files: recognised by their content (a zip archive
//! holding an `xl/` workbook), not by their name; one sheet read as the same rows a CSV file
//! gives ([`super::csv_input`]), each with its row number, cell by cell as the sheet streams
//! in, so memory does not grow with the sheet.
//!
//! The workbook is read here (zip + quick-xml, as calamine reads it and deciding every cell
//! as calamine 0.35 does) rather than through calamine, because calamine holds the
//! workbook's whole table of shared strings (every distinct text: every NIK and name) in
//! memory. Here that table is streamed once into an unnamed temporary file with an index of
//! where each string lies, and a cell's string is read back from it (a small cache beside),
//! so memory stays the same whatever the size of the workbook. The parts that decide what a
//! cell is (number formats that show dates, rich text, Excel's `_x000D_` escapes) are ported
//! from calamine 0.35 (MIT); its `ExcelDateTime` still turns a serial into a day (1900 leap
//! day and 1904 system included).

use super::csv_input::{
    self, CellRef, Columns, IntoRows, LineError, Parsed, ReadProblem, RowCheck,
};
use super::import_columns::names;
use crate::domain::quoted;
use crate::i18n::Msg;
use crate::msg;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use zip::ZipArchive;

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

/// Why a workbook cannot be read: the detail shown in `cli.xlsx.broken`.
#[derive(Debug)]
struct Broken(String);

impl Broken {
    fn new(what: impl Into<String>) -> Broken {
        Broken(what.into())
    }

    fn msg(&self) -> Msg {
        msg!("cli.xlsx.broken", quoted(&self.0))
    }
}

macro_rules! broken_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Broken {
            fn from(e: $t) -> Broken {
                Broken(e.to_string())
            }
        }
    )*};
}
broken_from!(
    quick_xml::Error,
    quick_xml::encoding::EncodingError,
    quick_xml::events::attributes::AttrError,
    zip::result::ZipError,
    std::io::Error
);

/// An opening of the workbook went wrong: the workbook's fault, or the temporary file's.
enum OpenError {
    Broken(Broken),
    Temp(std::io::Error),
}

impl<E> From<E> for OpenError
where
    Broken: From<E>,
{
    fn from(e: E) -> OpenError {
        OpenError::Broken(Broken::from(e))
    }
}

impl OpenError {
    fn msg(&self) -> Msg {
        match self {
            OpenError::Broken(b) => b.msg(),
            OpenError::Temp(e) => msg!("cli.xlsx.temp", e),
        }
    }
}

type Xml<R> = quick_xml::Reader<R>;

/// An XML reader configured as calamine configures its own.
fn xml<R: BufRead>(inner: R) -> Xml<R> {
    let mut r = quick_xml::Reader::from_reader(inner);
    let config = r.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    r
}

/// The zip entry named `path`, as written or by its lowercase form with `/` (as calamine
/// finds parts).
fn entry_name<RS: Read + Seek>(zip: &ZipArchive<RS>, path: &str) -> Option<String> {
    if zip.index_for_name(path).is_some() {
        return Some(path.to_string());
    }
    let want = path.replace('\\', "/").to_ascii_lowercase();
    zip.file_names()
        .find(|n| n.replace('\\', "/").to_ascii_lowercase() == want)
        .map(str::to_string)
}

/// Read the part `path` of the workbook with `read`, or `None` if there is no such part.
fn with_part<'z, RS: Read + Seek, T>(
    zip: &'z mut ZipArchive<RS>,
    path: &str,
    read: impl FnOnce(&mut Xml<BufReader<zip::read::ZipFile<'z, RS>>>) -> Result<T, OpenError>,
) -> Result<Option<T>, OpenError> {
    let Some(name) = entry_name(zip, path) else {
        return Ok(None);
    };
    let file = zip.by_name(&name)?;
    let mut reader = xml(BufReader::with_capacity(64 * 1024, file));
    read(&mut reader).map(Some)
}

/// The value of attribute `key` of `e`, raw.
fn attr<'a>(
    e: &'a BytesStart<'a>,
    key: &[u8],
) -> Result<Option<std::borrow::Cow<'a, [u8]>>, Broken> {
    for a in e.attributes() {
        let a = a?;
        if a.key == QName(key) {
            return Ok(Some(a.value));
        }
    }
    Ok(None)
}

/// A cell's number format: a date, a duration or anything else (calamine's
/// `CellFormat`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum CellFormat {
    Other,
    DateTime,
    TimeDelta,
}

/// Whether a custom number format shows a date (calamine's `detect_custom_number_format`,
/// ported from openpyxl).
fn custom_format(format: &str) -> CellFormat {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return CellFormat::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return CellFormat::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return CellFormat::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return CellFormat::DateTime
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    CellFormat::Other
}

/// The built-in number formats that show a date or a duration.
fn builtin_format(id: &[u8]) -> CellFormat {
    match id {
        b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"47" => {
            CellFormat::DateTime
        }
        b"46" => CellFormat::TimeDelta,
        _ => CellFormat::Other,
    }
}

/// The number format of each cell style (`xl/styles.xml`: `cellXfs`, through `numFmts`).
fn read_styles<R: BufRead>(xml: &mut Xml<R>) -> Result<Vec<CellFormat>, OpenError> {
    let mut formats = Vec::new();
    let mut number_formats: HashMap<Vec<u8>, String> = HashMap::new();
    let mut buf = Vec::with_capacity(1024);
    let mut inner = Vec::with_capacity(1024);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"numFmts" => loop {
                inner.clear();
                match xml.read_event_into(&mut inner)? {
                    Event::Start(e) if e.local_name().as_ref() == b"numFmt" => {
                        let mut id = Vec::new();
                        let mut format = String::new();
                        for a in e.attributes() {
                            let a = a?;
                            match a.key {
                                QName(b"numFmtId") => id.extend_from_slice(&a.value),
                                QName(b"formatCode") => {
                                    format = xml.decoder().decode(&a.value)?.into_owned()
                                }
                                _ => (),
                            }
                        }
                        if !format.is_empty() {
                            number_formats.insert(id, format);
                        }
                    }
                    Event::End(e) if e.local_name().as_ref() == b"numFmts" => break,
                    Event::Eof => return Err(Broken::new("unexpected end of numFmts").into()),
                    _ => (),
                }
            },
            Event::Start(e) if e.local_name().as_ref() == b"cellXfs" => loop {
                inner.clear();
                match xml.read_event_into(&mut inner)? {
                    Event::Start(e) if e.local_name().as_ref() == b"xf" => {
                        let format = e
                            .attributes()
                            .filter_map(|a| a.ok())
                            .find(|a| a.key == QName(b"numFmtId"))
                            .map_or(CellFormat::Other, |a| match number_formats.get(&*a.value) {
                                Some(f) => custom_format(f),
                                None => builtin_format(&a.value),
                            });
                        formats.push(format);
                    }
                    Event::End(e) if e.local_name().as_ref() == b"cellXfs" => break,
                    Event::Eof => return Err(Broken::new("unexpected end of cellXfs").into()),
                    _ => (),
                }
            },
            Event::End(e) if e.local_name().as_ref() == b"styleSheet" => break,
            Event::Eof => return Err(Broken::new("unexpected end of styleSheet").into()),
            _ => (),
        }
    }
    Ok(formats)
}

/// The workbook's relationships: id → target (`xl/_rels/workbook.xml.rels`).
fn read_relationships<R: BufRead>(xml: &mut Xml<R>) -> Result<HashMap<Vec<u8>, String>, OpenError> {
    let mut rels = HashMap::new();
    let mut buf = Vec::with_capacity(256);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                let mut id = Vec::new();
                let mut target = String::new();
                for a in e.attributes() {
                    let a = a?;
                    match a.key {
                        QName(b"Id") => id.extend_from_slice(&a.value),
                        QName(b"Target") => target = xml.decoder().decode(&a.value)?.into_owned(),
                        _ => (),
                    }
                }
                rels.insert(id, target);
            }
            Event::End(e) if e.local_name().as_ref() == b"Relationships" => break,
            Event::Eof => return Err(Broken::new("unexpected end of Relationships").into()),
            _ => (),
        }
    }
    Ok(rels)
}

/// The sheets of the workbook (name, part) in order, and whether it counts dates from 1904
/// (`xl/workbook.xml`).
fn read_workbook<R: BufRead>(
    xml: &mut Xml<R>,
    rels: &HashMap<Vec<u8>, String>,
) -> Result<(Vec<(String, String)>, bool), OpenError> {
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"sheet" => {
                let mut name = String::new();
                let mut path = String::new();
                for a in e.attributes() {
                    let a = a?;
                    if a.key == QName(b"name") {
                        name = a.decode_and_unescape_value(xml.decoder())?.into_owned();
                    } else if a.key.local_name().as_ref() == b"id" {
                        let r = rels
                            .get(&*a.value)
                            .ok_or_else(|| Broken::new("relationship not found"))?;
                        // The target may start with "/xl/" or "xl/".
                        path = if r.starts_with("/xl/") {
                            r[1..].to_string()
                        } else if r.starts_with("xl/") {
                            r.to_string()
                        } else {
                            format!("xl/{r}")
                        };
                    }
                }
                if !matches!(
                    path.split('/').nth(1),
                    Some("worksheets" | "chartsheets" | "dialogsheets")
                ) {
                    return Err(Broken::new(format!("unrecognized sheet type: {path}")).into());
                }
                sheets.push((name, path));
            }
            Event::Start(e) if e.name().as_ref() == b"workbookPr" => {
                is_1904 = match e.try_get_attribute("date1904")? {
                    Some(c) => ["1", "true"]
                        .contains(&c.decode_and_unescape_value(xml.decoder())?.as_ref()),
                    None => false,
                };
            }
            Event::End(e) if e.local_name().as_ref() == b"workbook" => break,
            Event::Eof => return Err(Broken::new("unexpected end of workbook").into()),
            _ => (),
        }
    }
    Ok((sheets, is_1904))
}

/// Excel's escape of a character it cannot write in XML: `_x000D_` is a CR (calamine's
/// `unescape_xml`).
fn push_unescaped(out: &mut String, text: &str) {
    if !text.contains("_x00") {
        out.push_str(text);
        return;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if i + 7 <= bytes.len() && bytes.get(i..i + 4) == Some(b"_x00") && bytes[i + 6] == b'_' {
            if let Some(v) = std::str::from_utf8(&bytes[i + 4..i + 6])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v as char);
                i += 7;
                continue;
            }
        }
        match text[i..].chars().next() {
            Some(c) => {
                out.push(c);
                i += c.len_utf8();
            }
            None => break,
        }
    }
}

/// An entity reference (`&amp;`, `&#xA0;`) added to `out`.
fn push_entity(out: &mut String, e: &BytesRef<'_>) -> Result<(), Broken> {
    let name = e.decode()?;
    if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
        out.push_str(s);
    } else if let Some(c) = e.resolve_char_ref()? {
        out.push(c);
    } else {
        return Err(Broken::new(format!("unrecognized entity &{name};")));
    }
    Ok(())
}

/// The text of a string item (`<si>` or an inline `<is>`) up to the end of `closing` (its
/// local name): its `<t>`, or its rich-text runs' `<t>` joined, phonetic runs left out
/// (calamine's `read_string`). `out` is cleared first.
fn read_string<R: BufRead>(
    xml: &mut Xml<R>,
    closing: &[u8],
    buf: &mut Vec<u8>,
    inner: &mut Vec<u8>,
    out: &mut String,
) -> Result<(), Broken> {
    out.clear();
    let mut phonetic = false;
    loop {
        buf.clear();
        match xml.read_event_into(buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"rPh" => phonetic = true,
            Event::End(e) if e.local_name().as_ref() == b"rPh" => phonetic = false,
            Event::End(e) if e.local_name().as_ref() == closing => return Ok(()),
            Event::Start(e) if e.local_name().as_ref() == b"t" && !phonetic => loop {
                inner.clear();
                match xml.read_event_into(inner)? {
                    Event::Text(t) => push_unescaped(out, &t.xml10_content()?),
                    Event::CData(t) => out.push_str(&t.xml10_content()?),
                    Event::GeneralRef(r) => push_entity(out, &r)?,
                    Event::End(x) if x.local_name().as_ref() == b"t" => break,
                    Event::Eof => return Err(Broken::new("unexpected end of t")),
                    _ => (),
                }
            },
            Event::Eof => return Err(Broken::new("unexpected end of string")),
            _ => (),
        }
    }
}

/// How many index entries, and how many bytes of strings, are read from the temporary files
/// at a time.
const INDEX_BLOCK: usize = 1024;
const DATA_BLOCK: usize = 16 * 1024;
/// Strings kept by their number (those a sheet repeats: a sex, a country).
const RECENT: usize = 1024;
/// Only strings this short are kept in `recent`, so it stays small.
const RECENT_LEN: usize = 256;

/// The workbook's shared strings in two unnamed temporary files: the strings one after the
/// other, and for each its start and length (12 bytes) so the n-th is found by seeking.
struct SharedStrings {
    files: Option<(File, File)>,
    count: usize,
    /// Index entries `index_first..` (start, length).
    index: Vec<(u64, u32)>,
    index_first: usize,
    /// String bytes from `data_first`.
    data: Vec<u8>,
    data_first: u64,
    recent: Vec<Option<(usize, String)>>,
    /// The last string too long for `recent`.
    long: String,
}

impl SharedStrings {
    fn none() -> SharedStrings {
        SharedStrings {
            files: None,
            count: 0,
            index: Vec::new(),
            index_first: 0,
            data: Vec::new(),
            data_first: 0,
            recent: Vec::new(),
            long: String::new(),
        }
    }

    /// Stream `xl/sharedStrings.xml` into temporary files.
    fn spool<R: BufRead>(xml: &mut Xml<R>) -> Result<SharedStrings, OpenError> {
        let mut buf = Vec::with_capacity(1024);
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == b"sst" => break,
                Event::Eof => return Err(Broken::new("unexpected end of sst").into()),
                _ => (),
            }
        }
        let data_file = tempfile::tempfile().map_err(OpenError::Temp)?;
        let index_file = tempfile::tempfile().map_err(OpenError::Temp)?;
        let mut data = BufWriter::with_capacity(64 * 1024, data_file);
        let mut index = BufWriter::with_capacity(16 * 1024, index_file);
        let (mut inner, mut text_buf, mut text) = (Vec::new(), Vec::new(), String::new());
        let mut at = 0u64;
        let mut count = 0usize;
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == b"si" => {
                    read_string(xml, b"si", &mut inner, &mut text_buf, &mut text)?;
                    data.write_all(text.as_bytes()).map_err(OpenError::Temp)?;
                    index
                        .write_all(&at.to_le_bytes())
                        .and_then(|_| index.write_all(&(text.len() as u32).to_le_bytes()))
                        .map_err(OpenError::Temp)?;
                    at += text.len() as u64;
                    count += 1;
                }
                Event::End(e) if e.local_name().as_ref() == b"sst" => break,
                Event::Eof => return Err(Broken::new("unexpected end of sst").into()),
                _ => (),
            }
        }
        let data = data
            .into_inner()
            .map_err(|e| OpenError::Temp(e.into_error()))?;
        let index = index
            .into_inner()
            .map_err(|e| OpenError::Temp(e.into_error()))?;
        Ok(SharedStrings {
            files: Some((data, index)),
            count,
            recent: vec![None; RECENT],
            ..SharedStrings::none()
        })
    }

    /// The string numbered `i`.
    fn get(&mut self, i: usize) -> Result<&str, Broken> {
        if i >= self.count {
            return Err(Broken::new(
                "Cell string index not found in shared strings table",
            ));
        }
        let slot = i % RECENT;
        let kept = matches!(&self.recent[slot], Some((n, _)) if *n == i);
        if !kept {
            // The slot's old string gives its buffer.
            let mut text = self.recent[slot].take().map(|(_, s)| s).unwrap_or_default();
            self.fetch(i, &mut text)?;
            if text.len() > RECENT_LEN {
                self.long = text;
                return Ok(&self.long);
            }
            self.recent[slot] = Some((i, text));
        }
        Ok(self.recent[slot].as_ref().map_or("", |(_, s)| s.as_str()))
    }

    /// The string numbered `i` read from the files (through the blocks read last) into `out`.
    fn fetch(&mut self, i: usize, out: &mut String) -> Result<(), Broken> {
        let Some((data_file, index_file)) = self.files.as_mut() else {
            return Err(Broken::new("no shared strings"));
        };
        if !(self.index_first..self.index_first + self.index.len()).contains(&i) {
            let first = i - i % INDEX_BLOCK;
            let n = INDEX_BLOCK.min(self.count - first);
            let mut raw = vec![0u8; n * 12];
            index_file.seek(SeekFrom::Start(first as u64 * 12))?;
            index_file.read_exact(&mut raw)?;
            self.index.clear();
            self.index.extend(raw.chunks_exact(12).map(|c| {
                let (s, l) = c.split_at(8);
                (
                    u64::from_le_bytes(s.try_into().unwrap_or_default()),
                    u32::from_le_bytes(l.try_into().unwrap_or_default()),
                )
            }));
            self.index_first = first;
        }
        let (start, len) = self.index[i - self.index_first];
        let end = start + u64::from(len);
        let held = self.data_first..=self.data_first + self.data.len() as u64;
        if !(held.contains(&start) && held.contains(&end)) {
            self.data.clear();
            data_file.seek(SeekFrom::Start(start))?;
            let want = DATA_BLOCK.max(len as usize) as u64;
            Read::by_ref(data_file)
                .take(want)
                .read_to_end(&mut self.data)?;
            if self.data.capacity() > 4 * DATA_BLOCK && (len as usize) <= DATA_BLOCK {
                self.data.shrink_to(DATA_BLOCK);
            }
            self.data_first = start;
        }
        let from = (start - self.data_first) as usize;
        let bytes = self
            .data
            .get(from..from + len as usize)
            .ok_or_else(|| Broken::new("shared strings cut short"))?;
        let s = std::str::from_utf8(bytes).map_err(|e| Broken::new(e.to_string()))?;
        out.clear();
        out.push_str(s);
        Ok(())
    }
}

/// The row and column (from 0) of a cell reference such as `B12` (calamine's
/// `get_row_and_optional_column`).
fn position(r: &[u8]) -> Result<(u32, Option<u32>), Broken> {
    let mut col: u32 = 0;
    let mut row: u32 = 0;
    let mut i = 0;
    while i < r.len() {
        match r[i] {
            c @ b'A'..=b'Z' => {
                col = col
                    .saturating_mul(26)
                    .saturating_add(u32::from(c - b'A') + 1)
            }
            c @ b'a'..=b'z' => {
                col = col
                    .saturating_mul(26)
                    .saturating_add(u32::from(c - b'a') + 1)
            }
            c @ b'0'..=b'9' => {
                row = u32::from(c - b'0');
                i += 1;
                break;
            }
            c => {
                return Err(Broken::new(format!(
                    "unexpected character in a cell reference: {}",
                    c as char
                )))
            }
        }
        i += 1;
    }
    while i < r.len() {
        match r[i] {
            c @ b'0'..=b'9' => row = row.saturating_mul(10).saturating_add(u32::from(c - b'0')),
            c => {
                return Err(Broken::new(format!(
                    "unexpected character in a cell reference: {}",
                    c as char
                )))
            }
        }
        i += 1;
    }
    let row = row
        .checked_sub(1)
        .ok_or_else(|| Broken::new("a cell reference without a row"))?;
    Ok((row, col.checked_sub(1)))
}

/// Up to `<sheetData>`: the last row (from 0) the sheet's `<dimension>` spans, 0 without.
fn sheet_start<R: BufRead>(xml: &mut Xml<R>) -> Result<u32, Broken> {
    let mut buf = Vec::with_capacity(1024);
    let mut last_row = 0;
    let mut other = None;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"dimension" => {
                    let r = attr(&e, b"ref")?
                        .ok_or_else(|| Broken::new("unexpected node: dimension"))?;
                    let parts = r.split(|c| *c == b':').collect::<Vec<_>>();
                    if parts.is_empty() || parts.len() > 2 {
                        return Err(Broken::new("a dimension of more than two cells"));
                    }
                    let last = position(parts[parts.len() - 1])?;
                    if last.1.is_none() {
                        return Err(Broken::new("a range without a column"));
                    }
                    last_row = last.0;
                }
                b"sheetData" => return Ok(last_row),
                typ => {
                    if other.is_none() {
                        other = Some(String::from_utf8_lossy(typ).into_owned());
                    }
                }
            },
            Event::Eof => {
                return Err(Broken::new(match other {
                    Some(t) => format!("not a worksheet: {t}"),
                    None => "unexpected end of worksheet".to_string(),
                }))
            }
            _ => (),
        }
    }
}

/// A workbook opened for reading one of its sheets.
pub struct Workbook<RS: Read + Seek> {
    zip: ZipArchive<RS>,
    sheet: String,
    /// The sheet's part in the archive.
    part: String,
    rows: usize,
    strings: SharedStrings,
    formats: Vec<CellFormat>,
    is_1904: bool,
}

impl<RS: Read + Seek> Workbook<RS> {
    /// Open the workbook in `source` at `sheet`, or its first sheet. A zip archive that is
    /// not a workbook, or a sheet it does not have (the sheets it has named), is refused.
    pub fn open(source: RS, sheet: Option<&str>) -> Result<Workbook<RS>, Msg> {
        let mut zip = ZipArchive::new(source).map_err(|e| Broken::from(e).msg())?;
        let rels = with_part(&mut zip, "xl/_rels/workbook.xml.rels", read_relationships)
            .map_err(|e| e.msg())?
            .ok_or_else(|| Broken::new("file not found: xl/_rels/workbook.xml.rels").msg())?;
        let (sheets, is_1904) = with_part(&mut zip, "xl/workbook.xml", |x| read_workbook(x, &rels))
            .map_err(|e| e.msg())?
            .unwrap_or_default();
        let chosen = match sheet {
            None => sheets.first().cloned(),
            Some(want) => sheets
                .iter()
                .find(|s| s.0 == want)
                .or_else(|| {
                    let n = super::import_columns::norm(want);
                    sheets
                        .iter()
                        .find(|s| super::import_columns::norm(&s.0) == n)
                })
                .cloned(),
        };
        let Some((sheet_name, part)) = chosen else {
            let listed: Vec<String> = sheets.iter().map(|s| quoted(&s.0)).collect();
            return Err(match sheet {
                Some(want) => msg!("cli.xlsx.no_sheet", quoted(want), listed.join(", ")),
                None => msg!("cli.xlsx.no_sheets"),
            });
        };
        let formats = with_part(&mut zip, "xl/styles.xml", read_styles)
            .map_err(|e| e.msg())?
            .unwrap_or_default();
        // How many rows the sheet says it spans (for progress), read from its start.
        let missing = || Broken::new(format!("worksheet not found: {sheet_name}"));
        let last_row = with_part(&mut zip, &part, |x| Ok(sheet_start(x)?))
            .map_err(|e| e.msg())?
            .ok_or_else(|| missing().msg())?;
        let strings = with_part(&mut zip, "xl/sharedStrings.xml", SharedStrings::spool)
            .map_err(|e| e.msg())?
            .unwrap_or_else(SharedStrings::none);
        let part = entry_name(&zip, &part).ok_or_else(|| missing().msg())?;
        Ok(Workbook {
            zip,
            sheet: sheet_name,
            part,
            rows: last_row as usize + 1,
            strings,
            formats,
            is_1904,
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
        self,
        columns: &Columns,
        check: impl FnMut(&BTreeMap<String, String>) -> RowCheck<T>,
        sink: impl FnMut(u64, T),
        progress: impl FnMut(usize),
    ) -> Parsed<T> {
        let Workbook {
            mut zip,
            sheet,
            part,
            mut strings,
            formats,
            is_1904,
            ..
        } = self;
        let opened = zip.by_name(&part).map_err(Broken::from).and_then(|f| {
            let mut x = xml(BufReader::with_capacity(64 * 1024, f));
            sheet_start(&mut x).map(|_| x)
        });
        let xml = match opened {
            Ok(x) => x,
            Err(e) => {
                let mut p: Parsed<T> =
                    Parsed::file_problem(vec![LineError::new(1, "file", e.msg())]);
                p.sheet = Some(sheet);
                return p;
            }
        };
        let mut rows = SheetRows {
            cells: Cells {
                xml,
                strings: &mut strings,
                formats: &formats,
                is_1904,
                row_index: 0,
                col_index: 0,
                buf: Vec::with_capacity(1024),
                cell_buf: Vec::with_capacity(1024),
                inner: Vec::with_capacity(1024),
                text_buf: Vec::with_capacity(1024),
                name: Vec::new(),
                text: String::new(),
            },
            sheet,
            held: Vec::new(),
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

/// What a cell holds, its text (for a text or an error) left in [`Cells::text`].
enum Got {
    Empty,
    Text,
    Number(f64),
    Date { ymd: (u16, u8, u8), serial: f64 },
    Bool(bool),
    Error,
}

/// A cell's row and column, from 0.
type Position = (u32, u32);

/// A cell's type (its `t`).
#[derive(Clone, Copy, PartialEq)]
enum Type {
    Number,
    Shared,
    Bool,
    Date,
    Error,
    Str,
    Inline,
}

/// The cells of a sheet as they stream in (calamine's cell reader, shared strings read from
/// [`SharedStrings`]).
struct Cells<'s, R> {
    xml: Xml<R>,
    strings: &'s mut SharedStrings,
    formats: &'s [CellFormat],
    is_1904: bool,
    row_index: u32,
    col_index: u32,
    buf: Vec<u8>,
    cell_buf: Vec<u8>,
    inner: Vec<u8>,
    text_buf: Vec<u8>,
    /// The name of the element being read in a cell.
    name: Vec<u8>,
    /// The text of the cell read last.
    text: String,
}

impl<R: BufRead> Cells<'_, R> {
    /// The next cell: its position and what it holds; `None` at the sheet's end.
    fn next_cell(&mut self) -> Result<Option<(Position, Got)>, Broken> {
        loop {
            self.buf.clear();
            match self.xml.read_event_into(&mut self.buf)? {
                Event::Start(e) if e.local_name().as_ref() == b"row" => {
                    if let Some(r) = attr(&e, b"r")? {
                        self.row_index = position(&r)?.0;
                    }
                }
                Event::End(e) if e.local_name().as_ref() == b"row" => {
                    self.row_index = self.row_index.saturating_add(1);
                    self.col_index = 0;
                }
                Event::Start(e) if e.local_name().as_ref() == b"c" => {
                    let mut pos = (self.row_index, self.col_index);
                    // calamine: without `s` the format is General; a style it does not
                    // know has none.
                    let mut format = Some(CellFormat::Other);
                    let mut typ = None;
                    for a in e.attributes() {
                        let a = a?;
                        match a.key {
                            QName(b"r") => {
                                let (row, col) = position(&a.value)?;
                                let col = col.ok_or_else(|| {
                                    Broken::new("a cell reference without a column")
                                })?;
                                self.col_index = col;
                                pos = (row, col);
                            }
                            QName(b"s") => {
                                let id = std::str::from_utf8(&a.value)
                                    .ok()
                                    .and_then(|s| s.parse::<usize>().ok())
                                    .unwrap_or(0);
                                format = self.formats.get(id).copied();
                            }
                            QName(b"t") => {
                                typ = Some(match &*a.value {
                                    b"n" => Type::Number,
                                    b"s" => Type::Shared,
                                    b"b" => Type::Bool,
                                    b"d" => Type::Date,
                                    b"e" => Type::Error,
                                    b"str" => Type::Str,
                                    b"inlineStr" | b"is" => Type::Inline,
                                    t => {
                                        return Err(Broken::new(format!(
                                            "unsupported cell t attribute: {}",
                                            String::from_utf8_lossy(t)
                                        )))
                                    }
                                });
                            }
                            _ => (),
                        }
                    }
                    let mut got = Got::Empty;
                    loop {
                        self.cell_buf.clear();
                        match self.xml.read_event_into(&mut self.cell_buf)? {
                            Event::Start(v) => {
                                let mut name = std::mem::take(&mut self.name);
                                name.clear();
                                name.extend_from_slice(v.name().as_ref());
                                got = match v.local_name().as_ref() {
                                    b"is" => {
                                        read_string(
                                            &mut self.xml,
                                            b"is",
                                            &mut self.inner,
                                            &mut self.text_buf,
                                            &mut self.text,
                                        )?;
                                        Got::Text
                                    }
                                    b"v" if typ == Some(Type::Inline) => {
                                        self.skip(&name)?;
                                        Got::Empty
                                    }
                                    b"v" => {
                                        self.read_v_text(&name)?;
                                        self.value(typ, format)?
                                    }
                                    b"f" => {
                                        self.skip(&name)?;
                                        Got::Empty
                                    }
                                    _ => return Err(Broken::new("unexpected node: v, f, or is")),
                                };
                                self.name = name;
                            }
                            Event::End(c) if c.local_name().as_ref() == b"c" => break,
                            Event::Eof => return Err(Broken::new("unexpected end of c")),
                            _ => (),
                        }
                    }
                    self.col_index = self.col_index.saturating_add(1);
                    return Ok(Some((pos, got)));
                }
                Event::End(e) if e.local_name().as_ref() == b"sheetData" => return Ok(None),
                Event::Eof => return Err(Broken::new("unexpected end of sheetData")),
                _ => (),
            }
        }
    }

    /// Past the end of the element `name`.
    fn skip(&mut self, name: &[u8]) -> Result<(), Broken> {
        self.inner.clear();
        self.xml.read_to_end_into(QName(name), &mut self.inner)?;
        Ok(())
    }

    /// The text of a `<v>` into `text`.
    fn read_v_text(&mut self, name: &[u8]) -> Result<(), Broken> {
        self.text.clear();
        loop {
            self.inner.clear();
            match self.xml.read_event_into(&mut self.inner)? {
                Event::Text(t) => self.text.push_str(&t.xml10_content()?),
                Event::GeneralRef(r) => push_entity(&mut self.text, &r)?,
                Event::End(e) if e.name().as_ref() == name => return Ok(()),
                Event::Eof => return Err(Broken::new("unexpected end of v")),
                _ => (),
            }
        }
    }

    /// What a `<v>` holding `text` stands for (calamine's `read_v`).
    fn value(&mut self, typ: Option<Type>, format: Option<CellFormat>) -> Result<Got, Broken> {
        let v = self.text.as_str();
        Ok(match typ {
            Some(Type::Shared) => {
                if v.is_empty() {
                    return Ok(Got::Empty);
                }
                let i = v.parse::<usize>().unwrap_or(0);
                let s = self.strings.get(i)?;
                self.text.clear();
                self.text.push_str(s);
                Got::Text
            }
            Some(Type::Bool) => Got::Bool(v != "0"),
            // An ISO date and time (`2024-03-05T00:00:00`): the day.
            Some(Type::Date) => {
                if let Some((day, _)) = v.split_once('T').filter(|(d, _)| d.len() == 10) {
                    let day = day.len();
                    self.text.truncate(day);
                }
                Got::Text
            }
            Some(Type::Error) => {
                let e: calamine::CellErrorType = v
                    .parse()
                    .map_err(|e: calamine::XlsxError| Broken::new(e.to_string()))?;
                self.text.clear();
                self.text.push_str(&e.to_string());
                Got::Error
            }
            Some(Type::Str) | Some(Type::Inline) => Got::Text,
            Some(Type::Number) | None => {
                if v.is_empty() {
                    return Ok(Got::Empty);
                }
                match v.parse::<f64>() {
                    Ok(n) => match format {
                        Some(CellFormat::DateTime) => {
                            let d = calamine::ExcelDateTime::new(
                                n,
                                calamine::ExcelDateTimeType::DateTime,
                                self.is_1904,
                            );
                            let (y, m, day, ..) = d.to_ymd_hms_milli();
                            Got::Date {
                                ymd: (y, m, day),
                                serial: n,
                            }
                        }
                        _ => Got::Number(n),
                    },
                    Err(_) if typ.is_none() => Got::Text,
                    Err(e) => return Err(Broken::new(e.to_string())),
                }
            }
        })
    }
}

/// The rows of a sheet as its cells stream in.
struct SheetRows<'s, R> {
    cells: Cells<'s, R>,
    sheet: String,
    /// The cells of the current row, by column; only the first `width` are of this row.
    held: Vec<Held>,
    width: usize,
    /// The current row's number (1 for the first).
    line: u64,
    /// The first cell of the next row, read while looking for the current row's end.
    pending: Option<((u32, u32), Held)>,
    done: bool,
}

/// A cell's value as it is held; `reuse` is a held text whose buffer may be used again.
fn held(got: Got, got_text: &str, reuse: Held) -> Held {
    let text = |s: &str| {
        let mut b = match reuse {
            Held::Text(b) | Held::Error(b) => b,
            _ => String::new(),
        };
        b.clear();
        b.push_str(s);
        b
    };
    match got {
        Got::Empty => Held::Empty,
        Got::Text => Held::Text(text(got_text)),
        Got::Number(n) => Held::Number(n),
        Got::Date { ymd, serial } => Held::Date { ymd, serial },
        Got::Bool(b) => Held::Bool(b),
        Got::Error => Held::Error(text(got_text)),
    }
}

impl<R> SheetRows<'_, R> {
    fn place(&mut self, col: u32, value: Held) {
        let col = col as usize;
        // Columns far beyond any sheet's (XFD is 16,384) are not held as cells.
        if col >= 16_384 {
            return;
        }
        while self.held.len() <= col {
            self.held.push(Held::Empty);
        }
        for c in self.held.iter_mut().take(col).skip(self.width) {
            *c = Held::Empty;
        }
        self.held[col] = value;
        self.width = self.width.max(col + 1);
    }
}

impl<R: BufRead> csv_input::RowSource for SheetRows<'_, R> {
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
            match self.cells.next_cell() {
                Ok(Some(((row, col), got))) => {
                    let line = row as u64 + 1;
                    if self.width > 0 && line != self.line {
                        let value = held(got, &self.cells.text, Held::Empty);
                        self.pending = Some(((row, col), value));
                        return Ok(Some(self.line));
                    }
                    // The cells of a row come left to right: the one at `col` is stale.
                    let reuse = self
                        .held
                        .get_mut(col as usize)
                        .map(std::mem::take)
                        .unwrap_or_default();
                    self.line = line;
                    let value = held(got, &self.cells.text, reuse);
                    self.place(col, value);
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
                        e.msg(),
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
        match &self.held[i] {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn spooled(sst: &str) -> SharedStrings {
        match SharedStrings::spool(&mut xml(Cursor::new(sst.as_bytes()))) {
            Ok(s) => s,
            Err(e) => panic!("{:?}", e.msg()),
        }
    }

    #[test]
    fn shared_strings_are_read_back_from_disk_whatever_their_number_and_length() {
        let long = "panjang ".repeat(5000); // 40,000 bytes: more than a block
        let mut sst =
            String::from(r#"<?xml version="1.0"?><sst xmlns="x" count="5000" uniqueCount="5000">"#);
        for i in 0..5000 {
            match i {
                7 => sst.push_str(&format!("<si><t>{long}</t></si>")),
                8 => sst.push_str("<si><r><rPr><b/></rPr><t>Sit</t></r><r><t xml:space=\"preserve\">i &amp; Ani</t></r><rPh><t>PH</t></rPh></si>"),
                9 => sst.push_str("<si><t>a_x000D_b &#xA0;c&lt;</t></si>"),
                10 => sst.push_str("<si><t/></si>"),
                _ => sst.push_str(&format!("<si><t>NIK {i:05}</t></si>")),
            }
        }
        sst.push_str("</sst>");
        let mut s = spooled(&sst);
        assert_eq!(s.count, 5000);
        // Forward, backward, across index and data blocks, and repeated.
        for i in (0..5000)
            .chain((0..5000).rev())
            .chain([3, 4999, 3, 1024, 1023])
        {
            let got = s.get(i).unwrap().to_string();
            match i {
                7 => assert_eq!(got, long),
                8 => assert_eq!(got, "Siti & Ani"),
                9 => assert_eq!(got, "a\rb \u{A0}c<"),
                10 => assert_eq!(got, ""),
                _ => assert_eq!(got, format!("NIK {i:05}")),
            }
        }
        assert!(s.get(5000).is_err());
        // What is held in memory stays small: a few blocks, not the strings.
        assert!(s.data.capacity() <= 64 * 1024, "{}", s.data.capacity());
        assert!(s.index.len() <= INDEX_BLOCK);
    }

    /// The cells of `sheet_data` (the inside of `<sheetData>`) with the given cell formats,
    /// as (position, what it holds as text).
    fn cells(sheet_data: &str, sst: &str, formats: &[CellFormat], is_1904: bool) -> Vec<String> {
        let sheet = format!(
            r#"<worksheet><dimension ref="A1:C9"/><sheetData>{sheet_data}</sheetData></worksheet>"#
        );
        let mut strings = spooled(sst);
        let mut x = xml(Cursor::new(sheet.into_bytes()));
        assert_eq!(sheet_start(&mut x).unwrap(), 8);
        let mut c = Cells {
            xml: x,
            strings: &mut strings,
            formats,
            is_1904,
            row_index: 0,
            col_index: 0,
            buf: Vec::new(),
            cell_buf: Vec::new(),
            inner: Vec::new(),
            text_buf: Vec::new(),
            name: Vec::new(),
            text: String::new(),
        };
        let mut out = Vec::new();
        loop {
            match c.next_cell() {
                Ok(Some(((r, col), got))) => out.push(format!(
                    "{r},{col} {}",
                    match got {
                        Got::Empty => "empty".to_string(),
                        Got::Text => format!("text {}", c.text),
                        Got::Number(n) => format!("number {n}"),
                        Got::Date { ymd, serial } => format!("date {ymd:?} {serial}"),
                        Got::Bool(b) => format!("bool {b}"),
                        Got::Error => format!("error {}", c.text),
                    }
                )),
                Ok(None) => return out,
                Err(e) => {
                    out.push(format!("broken: {}", e.0));
                    return out;
                }
            }
        }
    }

    #[test]
    fn cells_are_read_as_calamine_reads_them() {
        let sst = r#"<sst><si><t>3505010101900001</t></si><si><t>Siti</t></si></sst>"#;
        // Style 0 General, 1 a date (built-in 14), 2 a custom date, 3 a duration.
        let formats = [
            CellFormat::Other,
            CellFormat::DateTime,
            CellFormat::DateTime,
            CellFormat::TimeDelta,
        ];
        let data = r#"<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>
            <row r="3"><c r="A3" s="1"><v>45413.75</v></c><c s="1"><v>60</v></c><c s="3"><v>1.5</v></c></row>
            <row r="4"><c r="A4"><v>3505010101900001</v></c><c r="B4" t="inlineStr"><is><t>Budi &amp; co</t></is></c>
              <c r="C4" t="str"><f>A1</f><v>hasil</v></c></row>
            <row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5" t="d"><v>2024-03-05T00:00:00</v></c></row>
            <row r="6"><c r="A6" s="9"><v>45413</v></c><c r="B6"/><c r="C6"><v>abc</v></c></row>
            <row><c><v>1</v></c></row>"#;
        assert_eq!(
            cells(data, sst, &formats, false),
            [
                "1,0 text 3505010101900001",
                "1,2 text Siti",
                "2,0 date (2024, 5, 1) 45413.75",
                "2,1 date (1900, 2, 29) 60",
                "2,2 number 1.5",
                "3,0 number 3505010101900001",
                "3,1 text Budi & co",
                "3,2 text hasil",
                "4,0 bool true",
                "4,1 error #N/A",
                "4,2 text 2024-03-05",
                // A style the workbook does not have: a plain number.
                "5,0 number 45413",
                "5,1 empty",
                "5,2 text abc",
                "6,0 number 1",
            ]
        );
        // The 1904 date system.
        assert_eq!(
            cells(
                r#"<row r="1"><c r="A1" s="2"><v>0</v></c></row>"#,
                sst,
                &formats,
                true
            ),
            ["0,0 date (1904, 1, 1) 0"]
        );
        // A shared string the table does not have, and a number that is none.
        assert_eq!(
            cells(
                r#"<row r="1"><c r="A1" t="s"><v>2</v></c></row>"#,
                sst,
                &formats,
                false
            ),
            ["broken: Cell string index not found in shared strings table"]
        );
        assert_eq!(
            cells(
                r#"<row r="1"><c r="A1" t="n"><v>x1</v></c></row>"#,
                sst,
                &formats,
                false
            ),
            ["broken: invalid float literal"]
        );
    }

    #[test]
    fn number_formats_that_show_dates_are_found_as_calamine_finds_them() {
        let styles = r#"<styleSheet><numFmts count="3">
            <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
            <numFmt numFmtId="165" formatCode="0000000000000000"/>
            <numFmt numFmtId="166" formatCode="[h]:mm:ss"/></numFmts>
            <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>
            <xf numFmtId="165"/><xf numFmtId="166"/><xf/></cellXfs></styleSheet>"#;
        let formats = match read_styles(&mut xml(Cursor::new(styles.as_bytes()))) {
            Ok(f) => f,
            Err(e) => panic!("{:?}", e.msg()),
        };
        assert_eq!(
            formats,
            [
                CellFormat::Other,
                CellFormat::DateTime,
                CellFormat::DateTime,
                CellFormat::Other,
                CellFormat::TimeDelta,
                CellFormat::Other,
            ]
        );
        assert_eq!(custom_format("\"Y: \"0.00\"m\""), CellFormat::Other);
        assert_eq!(custom_format("[$-421]d mmmm yyyy"), CellFormat::DateTime);
    }
}
