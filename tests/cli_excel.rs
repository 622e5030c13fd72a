//! Identity numbers survive a spreadsheet (issue 15, point 10): the personal case list in
//! `csv-excel`, read back the way Excel parses a CSV file, keeps every NIK and phone number
//! whole; the same reading of the plain `csv` loses them (so the reader can tell); the
//! workbook stores them as text.

use assert_cmd::cargo_bin_cmd;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::Sex;
use std::path::{Path, PathBuf};

fn disnaker(db: &Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        // The English text these tests read (the default is Indonesian).
        .args(["--lang", "en"])
        .arg("--officer")
        .arg("ani")
        .arg("--db")
        .arg(db);
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// What a spreadsheet makes of a CSV cell.
#[derive(Debug, Clone, PartialEq)]
enum Sheet {
    Text(String),
    Number(f64),
    /// A formula other than the program's own `="…"`: what the export must never hold.
    Formula(String),
    Empty,
}

impl Sheet {
    /// What the cell shows, digits in full (General format, no exponent).
    fn shown(&self) -> String {
        match self {
            Sheet::Text(s) | Sheet::Formula(s) => s.clone(),
            Sheet::Number(n) => format!("{n}"),
            Sheet::Empty => String::new(),
        }
    }
}

/// Excel keeps 15 significant digits of a number: 3505176207957063 becomes 3505176207957060.
fn excel_number(x: f64) -> f64 {
    format!("{x:.14e}").parse().unwrap()
}

/// One field as Excel reads it: `="…"` is the text inside; a bare number (optional sign,
/// digits, the locale's decimal mark) is a number of 15 significant digits, so a leading 0 and
/// a 16th digit are lost; any other `=…` is a formula; the rest is text as written.
fn excel_cell(field: &str, decimal_mark: char) -> Sheet {
    if field.is_empty() {
        return Sheet::Empty;
    }
    if let Some(inner) = field
        .strip_prefix("=\"")
        .and_then(|s| s.strip_suffix('"'))
        .filter(|s| !s.replace("\"\"", "").contains('"'))
    {
        return Sheet::Text(inner.replace("\"\"", "\""));
    }
    if field.starts_with('=') {
        return Sheet::Formula(field.to_string());
    }
    let digits = field.strip_prefix('-').unwrap_or(field);
    let numeric = !digits.is_empty()
        && digits.chars().filter(|c| *c == decimal_mark).count() <= 1
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == decimal_mark)
        && digits.chars().any(|c| c.is_ascii_digit());
    if numeric {
        let n: f64 = field.replace(decimal_mark, ".").parse().unwrap();
        return Sheet::Number(excel_number(n));
    }
    Sheet::Text(field.to_string())
}

/// A whole CSV file as a spreadsheet shows it: header row, then the cells.
fn open_like_excel(bytes: &[u8], delimiter: u8, decimal_mark: char) -> Vec<Vec<Sheet>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    r.records()
        .map(|rec| {
            rec.unwrap()
                .iter()
                .map(|f| excel_cell(f, decimal_mark))
                .collect()
        })
        .collect()
}

#[test]
fn the_reader_reads_like_excel() {
    assert_eq!(
        excel_cell("3505176207957063", ','),
        Sheet::Number(3505176207957060.0)
    );
    assert_eq!(
        excel_cell("3505176207957063", ',').shown(),
        "3505176207957060"
    );
    assert_eq!(excel_cell("081234567890", ',').shown(), "81234567890");
    assert_eq!(excel_cell("82,56", ','), Sheet::Number(82.56));
    assert_eq!(
        excel_cell("=\"081234567890\"", ','),
        Sheet::Text("081234567890".into())
    );
    assert_eq!(excel_cell("=1+1", ','), Sheet::Formula("=1+1".into()));
    assert_eq!(
        excel_cell("=\"a\"&cmd()&\"b\"", ','),
        Sheet::Formula("=\"a\"&cmd()&\"b\"".into())
    );
    assert_eq!(excel_cell("'=1+1", ','), Sheet::Text("'=1+1".into()));
    assert_eq!(excel_cell("Ponggok", ','), Sheet::Text("Ponggok".into()));
}

/// A woman from Ponggok born in 1990 with this serial: the 16th digit is the serial's last.
fn nik(serial: u32) -> String {
    let birth = Date::from_ymd_opt(1990, 3, 1).unwrap() + chrono::Days::new(u64::from(serial));
    synthesise("3505", 12, birth, Sex::P, serial)
}

const YEAR: &str = "2025";

/// The cases of the list: name, NIK, family contact (a phone number, a name, or a formula
/// typed into the form).
fn cases() -> Vec<(String, String, String)> {
    vec![
        ("Siti Aminah".into(), nik(1), "081234567890".into()),
        ("Sri Wahyuni".into(), nik(2), "0857-3344-1201".into()),
        ("Dewi Lestari".into(), nik(3), "Bu Sumi (ibu)".into()),
        ("=cmd()".into(), nik(7), "=1+1".into()),
        ("Rina".into(), String::new(), "+62 812 5555 0001".into()),
    ]
}

/// A store holding the cases above, all reported in `YEAR`.
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let mut file = String::from(
        "name,nik,sex,kecamatan,desa,country,category,reported_on,status,family_contact\n",
    );
    for (name, nik, contact) in cases() {
        file.push_str(&format!(
            "\"{name}\",{nik},P,Ponggok,Bacem,Taiwan,sakit,{YEAR}-03-01,baru,\"{contact}\"\n"
        ));
    }
    let f = dir.path().join("cases.csv");
    std::fs::write(&f, file).unwrap();
    let out = disnaker(&db)
        .args(["import", "cases"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    (dir, db)
}

fn personal_list(db: &Path, format: &str) -> Vec<u8> {
    let out = disnaker(db)
        .args(["export", "cases", "--year", YEAR, "--include-personal-data"])
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    out.stdout
}

/// The column called `name` of a sheet read back, shown as text, one entry per case row.
fn column(sheet: &[Vec<Sheet>], name: &str) -> Vec<String> {
    let i = sheet[0]
        .iter()
        .position(|h| h.shown() == name)
        .unwrap_or_else(|| panic!("no column {name}: {:?}", sheet[0]));
    sheet[1..]
        .iter()
        .map(|r| r.get(i).map(Sheet::shown).unwrap_or_default())
        .collect()
}

#[test]
fn a_spreadsheet_keeps_every_nik_and_phone_of_the_csv_for_excel() {
    let (_dir, db) = office();
    let sheet = open_like_excel(&personal_list(&db, "csv-excel"), b';', ',');
    let want_nik: Vec<String> = cases().into_iter().map(|c| c.1).collect();
    let want_contact: Vec<String> = cases().into_iter().map(|c| c.2).collect();
    assert_eq!(sheet.len(), 1 + want_nik.len());
    assert_eq!(column(&sheet, "nik"), want_nik, "every NIK whole");
    let nik_col = sheet[0].iter().position(|h| h.shown() == "nik").unwrap();
    assert!(
        sheet[1..4]
            .iter()
            .all(|r| matches!(&r[nik_col], Sheet::Text(_))),
        "a NIK is a text cell: {sheet:?}"
    );
    // Phone numbers keep their 0 and their separators; a name stays a name; a formula typed
    // into the form is shown, never run.
    let mut contact = want_contact.clone();
    contact[3] = "'=1+1".into();
    assert_eq!(column(&sheet, "family_contact"), contact);
    assert_eq!(column(&sheet, "name")[3], "'=cmd()");
    for row in &sheet {
        for cell in row {
            assert!(!matches!(cell, Sheet::Formula(_)), "{cell:?} would run");
        }
    }
}

#[test]
fn the_same_reading_of_the_plain_csv_loses_them() {
    let (_dir, db) = office();
    let plain = personal_list(&db, "csv");
    let sheet = open_like_excel(&plain, b',', '.');
    let niks = column(&sheet, "nik");
    for (got, want) in niks.iter().zip(cases().iter().map(|c| &c.1)) {
        if !want.is_empty() {
            assert_ne!(got, want, "a bare 16-digit NIK loses its last digit");
            let (g, w): (i64, i64) = (got.parse().unwrap(), want.parse().unwrap());
            assert!(got.ends_with('0') && (g - w).abs() < 10, "{niks:?}");
        }
    }
    assert_eq!(column(&sheet, "family_contact")[0], "81234567890");
    // and the plain CSV itself is unchanged: bare digits, as every program but Excel wants
    let csv = text(&plain);
    assert!(
        csv.contains(&format!(",{},", nik(1))) && csv.contains(",081234567890,"),
        "{csv}"
    );
    assert!(!csv.contains("=\""), "{csv}");
}

#[test]
fn the_workbook_stores_identity_numbers_as_text() {
    let (dir, db) = office();
    let file = dir.path().join("list.xlsx");
    let out = disnaker(&db)
        .args(["export", "cases", "--year", YEAR, "--include-personal-data"])
        .args(["--format", "xlsx", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&file).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let col = |name: &str| {
        let i = rows[0]
            .iter()
            .position(|h| *h == Data::String(name.into()))
            .unwrap();
        rows[1..]
            .iter()
            .map(|r| r.get(i).cloned().unwrap_or(Data::Empty))
            .collect::<Vec<_>>()
    };
    let want: Vec<Data> = cases()
        .into_iter()
        .map(|c| {
            if c.1.is_empty() {
                Data::Empty
            } else {
                Data::String(c.1)
            }
        })
        .collect();
    assert_eq!(col("nik"), want);
    assert_eq!(
        col("family_contact")[0],
        Data::String("081234567890".into())
    );
}
