//! `disnaker iku` and `disnaker export iku` on a store holding the 2024 trainings.

mod iku_support;

use assert_cmd::cargo_bin_cmd;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use iku_support::*;
use std::path::{Path, PathBuf};
use std::process::Output;

fn disnaker(db: &Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        .arg("--officer")
        .arg("ani")
        .arg("--db")
        .arg(db);
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    disnaker(db).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A store file with the reference data and the 2024 trainings (284 of 344 employed).
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(store_with_2024_trainings(&db, "ani"));
    (dir, db)
}

const CSV_2024: &str = "code,indicator,target,realisation,numerator,denominator,capaian_percent,predicate,target_grade,grade\r\n\
IKU1,Persentase lulusan pelatihan yang telah bekerja,80.00,82.56,284,344,103.20,Sangat Tinggi,,\r\n\
IKU2,Tingkat partisipasi angkatan kerja (TPAK),73.67,72.36,,,98.22,Sangat Tinggi,,\r\n\
IKU3,Persentase kasus perselisihan hubungan industrial yang diselesaikan tepat waktu melalui Perjanjian Bersama (PB),98.00,,0,0,,,,\r\n\
IKU4,Nilai SAKIP perangkat daerah,81.00,72.70,,,89.75,Tinggi,A,BB\r\n\
TPT,Tingkat Pengangguran Terbuka,,4.77,,,,,,\r\n";

#[test]
fn iku_csv_and_export_iku_are_the_same_bytes() {
    let (_dir, db) = office();
    let iku = run(&db, &["iku", "--year", "2024", "--format", "csv"]);
    assert!(iku.status.success(), "{}", text(&iku.stderr));
    let export = run(&db, &["export", "iku", "--year", "2024"]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert_eq!(text(&iku.stdout), CSV_2024);
    assert_eq!(iku.stdout, export.stdout);
    // --out - is stdout as well
    let dash = run(&db, &["export", "iku", "--year", "2024", "--out", "-"]);
    assert_eq!(dash.stdout, iku.stdout);
}

#[test]
fn csv_for_excel_has_a_bom_semicolons_and_decimal_commas() {
    let (_dir, db) = office();
    let out = run(
        &db,
        &["export", "iku", "--year", "2024", "--format", "csv-excel"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(&out.stdout[..3], b"\xEF\xBB\xBF");
    let body = text(&out.stdout[3..]);
    assert!(
        body.contains("\r\nIKU1;Persentase lulusan pelatihan yang telah bekerja;80,00;82,56;284;344;103,20;Sangat Tinggi;;\r\n"),
        "{body}"
    );
    assert!(
        body.contains("\r\nTPT;Tingkat Pengangguran Terbuka;;4,77;;;;;;\r\n"),
        "{body}"
    );
}

/// The value a CSV field becomes in the workbook: numbers as numbers, text as text.
fn expected_cell(field: &str) -> Data {
    if field.is_empty() {
        Data::Empty
    } else if let Ok(n) = field.parse::<f64>() {
        Data::Float(n)
    } else {
        Data::String(field.to_string())
    }
}

#[test]
fn the_workbook_has_the_same_cells() {
    let (dir, db) = office();
    let file = dir.path().join("iku-2024.xlsx");
    let out = disnaker(&db)
        .args([
            "export", "iku", "--year", "2024", "--format", "xlsx", "--out",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("mengekspor iku 2024 ke "),
        "{}",
        text(&out.stdout)
    );
    let bytes = std::fs::read(&file).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let expected: Vec<Vec<Data>> = CSV_2024
        .trim_end()
        .split("\r\n")
        .enumerate()
        .map(|(i, line)| {
            line.split(',')
                .map(|f| {
                    if i == 0 {
                        Data::String(f.to_string())
                    } else {
                        expected_cell(f)
                    }
                })
                .collect()
        })
        .collect();
    assert_eq!(cells.len(), 6);
    for (got, want) in cells.iter().zip(&expected) {
        // trailing empty cells of a row are not stored
        let mut want = want.clone();
        while want.last() == Some(&Data::Empty) && want.len() > got.len() {
            want.pop();
        }
        assert_eq!(got, &want);
    }
    assert_eq!(cells[1][3], Data::Float(82.56));
    assert_eq!(cells[3][3], Data::Empty, "IKU3 has no value");
}

#[test]
fn the_table_for_the_terminal() {
    let (_dir, db) = office();
    let out = run(&db, &["iku", "--year", "2024"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    println!("{s}");
    let line = |code: &str| {
        s.lines()
            .find(|l| l.starts_with(code))
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    // Indonesian (the default): decimal commas, as on pane 6 (issue 15).
    assert_eq!(
        line("IKU1"),
        [
            "IKU1", "80,00", "82,56", "284/344", "103,20", "Sangat", "Tinggi", "70,83", "76,47",
            "90,00"
        ]
    );
    assert_eq!(
        line("IKU2"),
        ["IKU2", "73,67", "72,36*", "98,22", "Sangat", "Tinggi", "72,79", "73,50", "72,93"]
    );
    assert_eq!(
        line("IKU3"),
        ["IKU3", "98,00", "-*", "0/0", "-", "-", "96,00", "97,00", "100,00"]
    );
    assert_eq!(
        line("IKU4"),
        [
            "IKU4",
            "A/81,00",
            "BB/72,70*",
            "89,75",
            "Tinggi",
            "71,79",
            "66,61",
            "81,00"
        ]
    );
    assert!(s.contains("sumber: * LKjIP  + input petugas"), "{s}");
    let table: Vec<&str> = s.lines().take_while(|l| !l.is_empty()).collect();
    assert!(
        table.iter().all(|l| l.chars().count() <= 80),
        "fits 80 columns: {s}"
    );
    assert!(s.contains(
        "IKU3: laporan mencantumkan 98% padahal tidak ada perselisihan tercatat pada 2024"
    ));
    assert!(s.contains("IKU4: komponen SAKIP berjumlah 72,20, bukan nilai 72,70"));
    let en = disnaker(&db)
        .args(["--lang", "en", "iku", "--year", "2024"])
        .output()
        .unwrap();
    assert!(text(&en.stdout)
        .contains("the report printed 98% although no dispute was recorded in 2024"));
}

#[test]
fn json_keeps_the_parts() {
    let (_dir, db) = office();
    let out = run(&db, &["iku", "--year", "2024", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["year"], 2024);
    assert_eq!(v["closed"], false);
    let iku1 = &v["indicators"][0];
    assert_eq!(iku1["code"], "IKU1");
    assert_eq!(
        (iku1["numerator"].as_i64(), iku1["denominator"].as_i64()),
        (Some(284), Some(344))
    );
    assert_eq!(iku1["realisation"].as_f64(), Some(82.56));
    assert_eq!(iku1["origin"], "records");
    let iku3 = &v["indicators"][2];
    assert!(iku3["realisation"].is_null() && iku3["capaian_percent"].is_null());
    assert_eq!(iku3["origin"], "published");
}

#[test]
fn close_then_reopen_from_the_command_line() {
    let (_dir, db) = office();
    let out = run(
        &db,
        &["iku", "--year", "2024", "--close", "--format", "csv"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), CSV_2024, "stdout stays the table");
    assert!(
        text(&out.stderr).starts_with("tahun 2024 ditutup: "),
        "{}",
        text(&out.stderr)
    );
    let table = text(&run(&db, &["iku", "--year", "2024"]).stdout);
    assert!(
        table.contains("Ditutup, angka seperti dilaporkan; oleh ani"),
        "{table}"
    );

    let again = run(&db, &["iku", "--year", "2024", "--close"]);
    assert_eq!(again.status.code(), Some(1));
    let err = text(&again.stderr);
    assert!(
        err.starts_with("disnaker: tahun 2024 sudah ditutup (oleh ani pada "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);

    let out = run(
        &db,
        &[
            "iku",
            "--year",
            "2024",
            "--reopen",
            "--reason",
            "koreksi BPS",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).starts_with("tahun 2024 dibuka kembali: "));
    let s = disnaker::store::Store::open(&db, "t").unwrap();
    let h = s.iku_year_history(2024).unwrap();
    assert_eq!(
        h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["close", "reopen"]
    );
    assert_eq!(h[1].officer, "ani");
    assert_eq!(h[1].changes[1].new, "koreksi BPS");

    let bad = run(&db, &["iku", "--year", "2023", "--reopen"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(text(&bad.stderr), "disnaker: tahun 2023 belum ditutup\n");
    let usage = run(&db, &["iku", "--close", "--reopen"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn no_store_no_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let out = run(&db, &["iku", "--year", "2024"]);
    assert_eq!(out.status.code(), Some(1));
    // Every error line in the officer's language, Indonesian by default (issue 15, 3).
    assert!(
        text(&out.stderr).starts_with("disnaker: tidak ada data di "),
        "{}",
        text(&out.stderr)
    );
    assert!(!db.exists());
}

/// The cell of `code`'s row in the column called `column` of an `iku --format csv` output.
fn csv_cell(csv: &str, code: &str, column: &str) -> String {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let i = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap();
    r.records()
        .map(|x| x.unwrap())
        .find(|x| &x[0] == code)
        .map(|x| x[i].to_string())
        .unwrap()
}

#[test]
fn the_sakip_grades_in_every_format() {
    let (_dir, db) = office();
    // 2024 as published: target A (81), realisation BB (72.70); percentages have no grade.
    let csv = text(&run(&db, &["iku", "--year", "2024", "--format", "csv"]).stdout);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",capaian_percent,predicate,target_grade,grade"),
        "{header}"
    );
    assert_eq!(csv_cell(&csv, "IKU4", "target_grade"), "A");
    assert_eq!(csv_cell(&csv, "IKU4", "grade"), "BB");
    for code in ["IKU1", "IKU2", "IKU3", "TPT"] {
        assert_eq!(csv_cell(&csv, code, "target_grade"), "", "{code}");
        assert_eq!(csv_cell(&csv, code, "grade"), "", "{code}");
    }
    let excel = run(
        &db,
        &["export", "iku", "--year", "2024", "--format", "csv-excel"],
    );
    assert!(
        text(&excel.stdout).contains(";89,75;Tinggi;A;BB\r\n"),
        "{}",
        text(&excel.stdout)
    );

    // The Renstra year: its target 81 has no published letter, so it gets the letter the
    // score earns; an evaluation entered with its own grade keeps it.
    let defs = disnaker::domain::indicator::Definitions::embedded().unwrap();
    let year = defs.renstra_year;
    let mut store = disnaker::store::Store::open(&db, "ani").unwrap();
    let values: std::collections::BTreeMap<String, String> = [
        ("iku_code", "IKU4"),
        ("iku_year", &year.to_string()),
        ("iku_value", "91.50"),
        ("sakip_grade", "AA"),
        ("iku_source", "LHE SAKIP"),
        ("iku_source_date", &format!("{year}-02-14")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (entry, checked) =
        disnaker::domain::indicator::IkuEntry::from_fields(&values, day(year, 6, 30));
    assert!(checked.errors.is_empty(), "{checked:?}");
    store.insert_iku_entry(&entry.unwrap()).unwrap();
    drop(store);
    let y = year.to_string();
    let csv = text(&run(&db, &["iku", "--year", &y, "--format", "csv"]).stdout);
    assert_eq!(csv_cell(&csv, "IKU4", "target"), "81.00");
    assert_eq!(csv_cell(&csv, "IKU4", "target_grade"), "A");
    assert_eq!(csv_cell(&csv, "IKU4", "grade"), "AA");
    let export = run(&db, &["export", "iku", "--year", &y]);
    assert_eq!(text(&export.stdout), csv, "the same bytes");
    let json = run(&db, &["iku", "--year", &y, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let iku4 = &v["indicators"][3];
    assert_eq!(iku4["code"], "IKU4");
    assert_eq!(
        (&iku4["target_grade"], &iku4["grade"]),
        (&"A".into(), &"AA".into())
    );
    assert!(v["indicators"][0]["grade"].is_null());
}
