//! `disnaker export remittances`: the published remittances per bank (LKjIP table 3.18) up to
//! `--year`, exactly as the reference transcription of the report has them, in every format.

mod cli_kinds;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use cli_kinds::{text, Office};

/// A copy of `reference/lkjip-2024/remittances.csv`.
const REFERENCE: &str = include_str!("fixtures/lkjip_remittances.csv");

/// The reference file with the export's CRLF line ends (RFC 4180).
fn crlf(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

fn reference_lines() -> Vec<&'static str> {
    REFERENCE.lines().collect()
}

#[test]
fn the_csv_is_the_reference_table_byte_for_byte() {
    let o = Office::new();
    let lines = reference_lines();
    assert_eq!(lines[0], "year,bank,amount_idr");
    assert_eq!(lines.len(), 11);
    let out = o.export(&["remittances", "--year", "2024"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), crlf(&lines));
    // the cents the report printed stay as they are
    assert!(text(&out.stdout).contains("\r\n2023,BRI,18819805489.84\r\n"));

    // up to the year asked for: 2020 and 2021 only
    let out = o.export(&["remittances", "--year", "2021"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        out.stdout,
        b"year,bank,amount_idr\r\n\
2020,BNI,20988364567.00\r\n\
2020,BRI,0.00\r\n\
2021,BNI,18396254993.00\r\n\
2021,BRI,20610139856.00\r\n"
    );
    // before the first published year: the header alone
    assert_eq!(
        o.export(&["remittances", "--year", "2019"]).stdout,
        b"year,bank,amount_idr\r\n"
    );
}

#[test]
fn excel_gets_the_decimal_comma_and_the_workbook_the_same_cells() {
    let o = Office::new();
    let out = o.export(&["remittances", "--year", "2024", "--format", "csv-excel"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let want: Vec<String> = reference_lines()
        .iter()
        .enumerate()
        .map(|(i, l)| match i {
            0 => l.replace(',', ";"),
            _ => {
                let f: Vec<&str> = l.split(',').collect();
                format!("{};{};{}", f[0], f[1], f[2].replace('.', ","))
            }
        })
        .collect();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(crlf(&want.iter().map(String::as_str).collect::<Vec<_>>()).into_bytes());
    assert_eq!(text(&out.stdout), text(&bytes));
    assert!(text(&out.stdout).contains("2024;BRI;9715578191,07\r\n"));

    let file = o.root.join("remiten.xlsx");
    let out = o.export(&[
        "remittances",
        "--year",
        "2024",
        "--format",
        "xlsx",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "exported remittances 2024 to {} (10 rows)\n",
            file.display()
        )
    );
    let mut book: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(std::fs::read(&file).unwrap())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 11);
    for (row, line) in rows.iter().zip(reference_lines()).skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(row[0], Data::Float(f[0].parse().unwrap()), "{line}");
        assert_eq!(row[1], Data::String(f[1].into()), "{line}");
        assert_eq!(row[2], Data::Float(f[2].parse().unwrap()), "{line}");
    }
}

#[test]
fn a_format_the_export_does_not_have_is_refused() {
    let o = Office::new();
    for format in ["json", "pdf"] {
        let out = o.export(&["remittances", "--year", "2024", "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty());
        assert!(
            text(&out.stderr).contains(&format!("invalid value '{format}' for '--format")),
            "{}",
            text(&out.stderr)
        );
    }
    // the figures are published ones: there is no personal list behind them
    let out = o.export(&["remittances", "--include-personal-data"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    // and the kind is spelt as the command line lists it
    let out = o.export(&["remitances"]);
    assert_eq!(out.status.code(), Some(2));
}
