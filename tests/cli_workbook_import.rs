//! Import of what officers receive (issue 19): Excel workbooks recognised by their content,
//! title rows above the header, Indonesian headings and values, Excel dates, identity numbers
//! that went through Excel; through the built binary, the workbooks made here with
//! rust_xlsxwriter.

mod cli_kinds;
mod common;

use cli_kinds::{disnaker, refused, text, Office};
use common::{placement_file, records_2024};
use disnaker::domain::case::{Fields, Sex};
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::Placement;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use std::process::Output;

/// How a placement's NIK is written into the workbook.
#[derive(Clone, Copy, PartialEq)]
enum NikAs {
    /// A cell formatted as text (`@`), as the ministry's systems export it.
    Text,
    /// A number, as Excel keeps a NIK typed into a General cell.
    Number,
}

fn ymd(d: Date) -> ExcelDateTime {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap()
}

/// Three title rows, a blank row, then the header with a `No` column.
fn recap_titles(ws: &mut Worksheet, title: &str) {
    ws.write_string(0, 0, title).unwrap();
    ws.write_string(1, 0, "KABUPATEN BLITAR TAHUN 2024")
        .unwrap();
    ws.write_string(2, 0, "Sumber: SiskoP2MI, BP3MI Jawa Timur")
        .unwrap();
}

/// The ministry's recap of `rows`: title rows, `No`, Indonesian headings and values
/// (`Laki-laki`/`Perempuan`, `Formal`/`Informal`), departure dates as Excel dates. The header
/// is on row 5, the first placement on row 6.
fn placements_recap(rows: &[Placement], nik_as: NikAs) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Lembar1").unwrap();
    recap_titles(ws, "REKAPITULASI PENEMPATAN PEKERJA MIGRAN INDONESIA");
    let headings = [
        "No",
        "NIK",
        "Nama PMI",
        "Jenis Kelamin",
        "Kecamatan",
        "Desa/Kelurahan",
        "Negara Penempatan",
        "Sektor",
        "Skema",
        "Jabatan",
        "Tanggal Keberangkatan",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string(4, c as u16, *h).unwrap();
    }
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (i, p) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        let f = p.to_fields();
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        match nik_as {
            NikAs::Text => ws.write_string_with_format(r, 1, &f["nik"], &text).unwrap(),
            NikAs::Number => ws
                .write_number(r, 1, f["nik"].parse::<f64>().unwrap())
                .unwrap(),
        };
        ws.write_string(r, 2, &f["name"]).unwrap();
        let sex = if p.sex == Sex::L {
            "Laki-laki"
        } else {
            "Perempuan"
        };
        ws.write_string(r, 3, sex).unwrap();
        ws.write_string(r, 4, &f["kecamatan"]).unwrap();
        if !p.desa.is_empty() {
            ws.write_string(r, 5, &p.desa).unwrap();
        }
        ws.write_string(r, 6, &f["country"]).unwrap();
        let sector = if f["sector"] == "formal" {
            "Formal"
        } else {
            "Informal"
        };
        ws.write_string(r, 7, sector).unwrap();
        ws.write_string(r, 8, &f["scheme"]).unwrap();
        ws.write_datetime_with_format(r, 10, ymd(p.departure_date), &date)
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn exports(o: &Office) -> (String, String) {
    (
        o.export_csv("kecamatan", 2024),
        o.export_csv("countries", 2024),
    )
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn the_ministrys_recap_gives_the_same_tables_as_the_same_rows_in_csv() {
    let rows = records_2024();
    let by_csv = Office::new();
    let f = by_csv.file("placements.csv", placement_file(&rows).as_bytes());
    assert_eq!(
        ok(&by_csv.import("placements", &f, &[])),
        "imported 3727 placements (0 duplicates skipped)\n"
    );

    let by_book = Office::new();
    // Recognised by its content: the name says nothing.
    let f = by_book.file(
        "rekap-penempatan.dat",
        &placements_recap(&rows, NikAs::Text),
    );
    let out = by_book.import("placements", &f, &["--dry-run"]);
    assert_eq!(
        ok(&out),
        "would import 3727 placements (0 duplicates skipped)\n"
    );
    assert_eq!(by_book.records(), 0);
    let out = by_book.import("placements", &f, &[]);
    assert_eq!(
        ok(&out),
        "imported 3727 placements (0 duplicates skipped)\n"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let (kecamatan, countries) = exports(&by_book);
    assert_eq!(kecamatan, by_csv.export_csv("kecamatan", 2024));
    assert_eq!(countries, by_csv.export_csv("countries", 2024));
    assert!(
        kecamatan.ends_with("TOTAL,1004,85,9,2629,3727\r\n"),
        "{kecamatan}"
    );

    // Again: every row a duplicate, nothing added.
    let out = by_book.import("placements", &f, &[]);
    assert_eq!(
        ok(&out),
        "imported 0 placements (3727 duplicates skipped)\n"
    );
    assert_eq!(exports(&by_book).0, kecamatan);
}

/// A valid NIK of Kabupaten Blitar whose last four digits are `serial`.
fn nik(serial: u32, sex: Sex) -> String {
    synthesise(
        "3505",
        1 + serial % 22,
        Date::from_ymd_opt(1990, 3, 1 + serial % 28).unwrap(),
        sex,
        serial,
    )
}

fn five_placements() -> Vec<Placement> {
    let serials = [11, 12, 20, 13, 14];
    serials
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let sex = if i % 2 == 0 { Sex::P } else { Sex::L };
            let mut p = common::placement(
                *s,
                "Ponggok",
                "Taiwan",
                disnaker::domain::case::Sector::Informal,
                sex,
                Date::from_ymd_opt(2024, 5, 1 + i as u32).unwrap(),
            );
            p.nik = disnaker::domain::Nik::parse(&nik(*s, sex), common::today())
                .unwrap()
                .0;
            p
        })
        .collect()
}

#[test]
fn a_nik_column_of_numbers_is_read_with_a_warning_naming_the_column_and_the_rows_ending_in_0() {
    let rows = five_placements();
    let o = Office::new();
    let f = o.file("numbers.xlsx", &placements_recap(&rows, NikAs::Number));
    let out = o.import("placements", &f, &[]);
    assert_eq!(ok(&out), "imported 5 placements (0 duplicates skipped)\n");
    // The third placement (serial 20, row 8) ends in 0.
    assert_eq!(
        text(&out.stderr),
        "Lembar1 line 5: NIK: warning: the column stores numbers as numbers, not text (5 rows); \
         they were read from their digits; format the column as Text so that Excel does not cut \
         them\n\
         Lembar1 line 8: NIK: warning: stored as a number ending in 0: Excel keeps only 15 \
         digits and may have replaced the 16th with 0; check it against the card\n"
    );
    // The same rows from CSV: the same tables.
    let by_csv = Office::new();
    let f = by_csv.file("p.csv", placement_file(&rows).as_bytes());
    ok(&by_csv.import("placements", &f, &[]));
    assert_eq!(exports(&o), exports(&by_csv));

    // In Indonesian.
    let f = o.file(
        "numbers-again.xlsx",
        &placements_recap(&rows, NikAs::Number),
    );
    let out = assert_cmd::cargo_bin_cmd!("disnaker")
        .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .arg("--db")
        .arg(&o.db)
        .args(["import", "placements"])
        .arg(&f)
        .arg("--dry-run")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(
        err.starts_with(
            "Lembar1 baris 5: NIK: peringatan: kolom ini menyimpan nomor sebagai angka, bukan \
             teks (5 baris)"
        ),
        "{err}"
    );
}

/// A workbook whose NIK cells hold `values` as numbers (the rest as a recap of valid rows).
fn with_nik_numbers(values: &[f64]) -> Vec<u8> {
    let rows = five_placements();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Data PMI").unwrap();
    let headings = [
        "NIK",
        "Nama",
        "L/P",
        "Kecamatan",
        "Negara Tujuan",
        "Sektor",
        "Tgl Berangkat",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, v) in values.iter().enumerate() {
        let p = &rows[i % rows.len()];
        let r = 1 + i as u32;
        ws.write_number(r, 0, *v).unwrap();
        ws.write_string(r, 1, &p.name).unwrap();
        ws.write_string(r, 2, if p.sex == Sex::L { "LK" } else { "PR" })
            .unwrap();
        ws.write_string(r, 3, "Ponggok").unwrap();
        ws.write_string(r, 4, "Taiwan").unwrap();
        ws.write_string(r, 5, "informal").unwrap();
        // A date serial whose format was lost: 45413 is 2024-05-01.
        ws.write_number(r, 6, 45413.0 + i as f64).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn nik_numbers_excel_changed_are_refused_saying_the_column_must_be_text() {
    let good: f64 = nik(11, Sex::P).parse().unwrap();
    let o = Office::new();
    let f = o.file(
        "cut.xlsx",
        &with_nik_numbers(&[good, 350512345678901.0, good + 0.5, 3.5e17]),
    );
    let lines = refused(&o.import("placements", &f, &[]));
    assert!(lines[0].starts_with("Data PMI line 1: NIK: warning: the column stores numbers"));
    assert_eq!(
        lines[1..4],
        [
            "Data PMI line 3: NIK: stored as a number of 15 digits, not 16 (Excel changed it); \
             format the column as Text and type the numbers again",
            "Data PMI line 4: NIK: stored as a number that is not whole; format the column as \
             Text and type the numbers again",
            "Data PMI line 5: NIK: stored as a number too large to be exact; format the column \
             as Text and type the numbers again",
        ],
        "{lines:?}"
    );
    assert_eq!(o.records(), 0);

    // A CSV saved by Excel keeps what Excel showed: the exponent form.
    let f = o.file(
        "exp.csv",
        b"NIK,Nama,JK,Kecamatan,Negara,Sektor,Tanggal Berangkat\n\
          3.50512E+15,Siti,P,Ponggok,Taiwan,informal,01/05/2024\n",
    );
    let lines = refused(&o.import("placements", &f, &[]));
    assert_eq!(
        lines[0],
        "line 2: NIK: a number Excel wrote in exponent form (3.50512E+15), its digits lost; \
         format the column as Text and type the numbers again"
    );
}

#[test]
fn plain_numbers_in_a_date_column_are_excel_dates() {
    let good: f64 = nik(11, Sex::P).parse().unwrap();
    let o = Office::new();
    let f = o.file("serials.xlsx", &with_nik_numbers(&[good]));
    ok(&o.import("placements", &f, &[]));
    // 45413 is 1 May 2024 (Excel counts the 29 February 1900 that never was).
    let (kecamatan, _) = exports(&o);
    assert!(kecamatan.ends_with("TOTAL,0,0,0,1,1\r\n"), "{kecamatan}");
    assert!(o
        .export_csv("kecamatan", 2023)
        .ends_with("TOTAL,0,0,0,0,0\r\n"));
}

#[test]
fn a_bad_row_is_named_by_the_sheet_and_its_row_number_and_the_files_heading() {
    let rows = five_placements();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Rekap").unwrap();
    recap_titles(ws, "REKAP");
    for (c, h) in [
        "No.",
        "NIK",
        "Nama",
        "JK",
        "Kecamatan",
        "Negara",
        "Sektor",
        "Tgl Berangkat",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for (i, p) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, p.nik.as_str()).unwrap();
        ws.write_string(r, 2, &p.name).unwrap();
        ws.write_string(r, 3, if i == 2 { "X" } else { p.sex.as_str() })
            .unwrap();
        ws.write_string(r, 4, if i == 3 { "Atlantis" } else { "Ponggok" })
            .unwrap();
        ws.write_string(r, 5, "Taiwan").unwrap();
        ws.write_string(r, 6, "Informal").unwrap();
        ws.write_datetime_with_format(r, 7, ymd(p.departure_date), &date)
            .unwrap();
    }
    let o = Office::new();
    let f = o.file("rekap.xlsx", &wb.save_to_buffer().unwrap());
    let lines = refused(&o.import("placements", &f, &[]));
    assert!(lines[0].starts_with("Rekap line 7: JK: "), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Rekap line 8: Kecamatan: ")),
        "{lines:?}"
    );
    assert_eq!(o.records(), 0);
}

#[test]
fn a_sheet_is_chosen_by_name_and_a_missing_one_is_named_with_those_there_are() {
    let rows = five_placements();
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Catatan").unwrap();
    let ws = book.add_worksheet();
    ws.set_name("Data").unwrap();
    for (c, h) in [
        "NIK",
        "Nama",
        "Jenis Kelamin",
        "Kecamatan",
        "Negara",
        "Sektor",
        "Tanggal Berangkat",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, p) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        let f = p.to_fields();
        ws.write_string(r, 0, &f["nik"]).unwrap();
        ws.write_string(r, 1, &f["name"]).unwrap();
        ws.write_string(r, 2, &f["sex"]).unwrap();
        ws.write_string(r, 3, &f["kecamatan"]).unwrap();
        ws.write_string(r, 4, &f["country"]).unwrap();
        ws.write_string(r, 5, &f["sector"]).unwrap();
        // Text in an accepted format.
        ws.write_string(r, 6, p.departure_date.format("%d/%m/%Y").to_string())
            .unwrap();
    }
    let o = Office::new();
    let f = o.file("two-sheets.xlsx", &book.save_to_buffer().unwrap());
    // The first sheet holds no header.
    let lines = refused(&o.import("placements", &f, &[]));
    assert_eq!(
        lines[0],
        "Catatan line 1: file: the file is empty; a header row with the column names is expected"
    );
    let out = o.import("placements", &f, &["--sheet", "Lembar9"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr),
        format!(
            "disnaker: {}: the workbook has no sheet Lembar9; its sheets: Catatan, Data; \
             nothing was imported\n",
            f.display()
        )
    );
    let out = o.import("placements", &f, &["--sheet", "Data"]);
    assert_eq!(ok(&out), "imported 5 placements (0 duplicates skipped)\n");
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused_not_read_as_csv() {
    let o = Office::new();
    let f = o.file(
        "broken.xlsx",
        b"PK\x03\x04\x14\x00\x00\x00 not really a zip at all",
    );
    let out = o.import("placements", &f, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "disnaker: {}: the file is a zip archive but not an Excel workbook (.xlsx) that can be read",
            f.display()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // An old .xls.
    let f = o.file("old.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more");
    let out = o.import("trainees", &f, &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("an old Excel workbook (.xls)"));
}

/// A workbook's shared texts go to a temporary file: where none can be written the workbook is
/// refused whole, saying so in the officer's language, and nothing is stored.
#[test]
fn a_workbook_is_refused_whole_when_its_temporary_file_cannot_be_written() {
    let o = Office::new();
    let f = o.file(
        "recap.xlsx",
        &placements_recap(&five_placements(), NikAs::Text),
    );
    let import = |lang: &[&str]| {
        assert_cmd::cargo_bin_cmd!("disnaker")
            .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
            .env("TMPDIR", "/nonexistent/disnaker-tmp")
            .args(lang)
            .arg("--db")
            .arg(&o.db)
            .args(["import", "placements"])
            .arg(&f)
            .output()
            .unwrap()
    };
    let out = import(&[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "disnaker: {}: berkas sementara untuk membaca buku kerja tidak dapat ditulis (",
            f.display()
        )),
        "{err}"
    );
    assert!(err.ends_with("; tidak ada yang diimpor\n"), "{err}");
    let out = import(&["--lang", "en"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains("the temporary file for reading the workbook cannot be written"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(o.records(), 0);
    // With a temporary directory, the same file is read.
    assert_eq!(
        ok(&o.import("placements", &f, &[])),
        "imported 5 placements (0 duplicates skipped)\n"
    );
}

#[test]
fn csv_with_title_rows_a_numbering_column_and_indonesian_headings_is_read() {
    let rows = five_placements();
    let mut csv = String::from(
        "REKAP PENEMPATAN PMI 2024\nSumber: SiskoP2MI\n\n\
         No.,NIK,Nama CPMI,L/P,Kecamatan,Desa,Negara Tujuan,Sektor,Skema,Pekerjaan,Tgl Keberangkatan\n",
    );
    for (i, p) in rows.iter().enumerate() {
        let f = p.to_fields();
        csv.push_str(&format!(
            "{},{},{},{},{},,{},{},,,{}\n",
            i + 1,
            f["nik"],
            f["name"],
            if p.sex == Sex::L {
                "Laki-laki"
            } else {
                "Perempuan"
            },
            f["kecamatan"],
            f["country"],
            f["sector"].to_uppercase(),
            p.departure_date.format("%d-%m-%Y"),
        ));
    }
    let o = Office::new();
    let f = o.file("rekap.csv", csv.as_bytes());
    assert_eq!(
        ok(&o.import("placements", &f, &[])),
        "imported 5 placements (0 duplicates skipped)\n"
    );
    let by_csv = Office::new();
    let f = by_csv.file("p.csv", placement_file(&rows).as_bytes());
    ok(&by_csv.import("placements", &f, &[]));
    assert_eq!(exports(&o), exports(&by_csv));

    // A bad row is named by its physical line (title rows counted) and the file's heading.
    let bad = csv.replace("Laki-laki", "Lelaki");
    let f = o.file("bad.csv", bad.as_bytes());
    let lines = refused(&o.import("placements", &f, &[]));
    assert!(lines[0].starts_with("line 6: L/P: "), "{lines:?}");
}

/// Five participants as a partner's list: title rows, `No`, Indonesian headings, `Laki-laki`,
/// `Ya`/`Tidak`, dates as Excel dates, NIK as numbers.
fn trainees_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Peserta").unwrap();
    recap_titles(ws, "DAFTAR PESERTA PELATIHAN BERBASIS KOMPETENSI");
    let headings = [
        "No",
        "Nama Pelatihan",
        "Tahun",
        "Sumber Dana",
        "Nama Peserta",
        "NIK",
        "Jenis Kelamin",
        "Kecamatan",
        "No HP",
        "Lulus",
        "Bekerja",
        "Bekerja/Wirausaha",
        "Tempat Kerja",
        "Tanggal Bekerja",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string(4, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("d mmmm yyyy");
    for (i, t) in TRAINEES.iter().enumerate() {
        let r = 5 + i as u32;
        let (training, name, sex, kec, graduated, employed, kind, employer, on) = *t;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, training).unwrap();
        ws.write_number(r, 2, 2024.0).unwrap();
        ws.write_string(r, 3, "DAU").unwrap();
        ws.write_string(r, 4, name).unwrap();
        let s = if sex == "L" { Sex::L } else { Sex::P };
        ws.write_number(r, 5, nik(31 + i as u32, s).parse::<f64>().unwrap())
            .unwrap();
        ws.write_string(r, 6, if sex == "L" { "Laki-laki" } else { "Perempuan" })
            .unwrap();
        ws.write_string(r, 7, kec).unwrap();
        // A mobile number whose leading 0 Excel dropped.
        ws.write_number(r, 8, 81234567000.0 + i as f64).unwrap();
        ws.write_string(r, 9, graduated).unwrap();
        ws.write_string(r, 10, employed).unwrap();
        ws.write_string(r, 11, kind).unwrap();
        ws.write_string(r, 12, employer).unwrap();
        if let Some((y, m, d)) = on {
            ws.write_datetime_with_format(r, 13, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date)
                .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

type Trainee = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(u16, u8, u8)>,
);

const TRAINEES: [Trainee; 5] = [
    (
        "Barista",
        "Siti Aminah",
        "P",
        "Ponggok",
        "Ya",
        "Ya",
        "bekerja",
        "Kafe Kopi",
        Some((2024, 11, 15)),
    ),
    (
        "Barista",
        "Budi Santoso",
        "L",
        "Doko",
        "Ya",
        "Tidak",
        "",
        "",
        None,
    ),
    (
        "Barber",
        "Tono",
        "L",
        "Wlingi",
        "Ya",
        "Ya",
        "wirausaha",
        "",
        Some((2024, 12, 1)),
    ),
    (
        "Barber",
        "Ani",
        "P",
        "Kademangan",
        "Tidak",
        "",
        "",
        "",
        None,
    ),
    (
        "Barber",
        "Wati",
        "P",
        "Doko",
        "Ya",
        "Ya",
        "bekerja",
        "Toko Roti",
        Some((2024, 12, 10)),
    ),
];

/// The same participants as CSV with the English names.
fn trainees_csv() -> String {
    let mut s = String::from(
        "training,year,funding_source,name,nik,sex,kecamatan,phone,graduated,employed,employment_type,employer,employed_on\n",
    );
    for (i, t) in TRAINEES.iter().enumerate() {
        let (training, name, sex, kec, graduated, employed, kind, employer, on) = *t;
        let s_ = if sex == "L" { Sex::L } else { Sex::P };
        let on = on.map_or(String::new(), |(y, m, d)| format!("{y}-{m:02}-{d:02}"));
        s.push_str(&format!(
            "{training},2024,DAU,{name},{},{sex},{kec},0{},{graduated},{employed},{kind},{employer},{on}\n",
            nik(31 + i as u32, s_),
            81234567000u64 + i as u64,
        ));
    }
    s
}

#[test]
fn a_trainee_list_with_indonesian_headings_gives_the_same_summary_as_csv() {
    let by_csv = Office::new();
    let f = by_csv.file("trainees.csv", trainees_csv().as_bytes());
    assert_eq!(
        ok(&by_csv.import("trainees", &f, &[])),
        "imported 5 trainees (2 trainings created)\n"
    );
    let o = Office::new();
    let f = o.file("peserta.xlsx", &trainees_workbook());
    let out = o.import("trainees", &f, &[]);
    assert_eq!(ok(&out), "imported 5 trainees (2 trainings created)\n");
    // The NIK column of numbers is named; the phone numbers are not worth a warning each.
    let err = text(&out.stderr);
    assert!(
        err.starts_with(
            "Peserta line 5: NIK: warning: the column stores numbers as numbers, not text (5 rows)"
        ),
        "{err}"
    );
    assert!(
        err.contains("Peserta line 5: No HP: warning: the column stores numbers as numbers"),
        "{err}"
    );
    assert_eq!(
        o.export_csv("trainings", 2024),
        by_csv.export_csv("trainings", 2024)
    );
    // The phone numbers got their 0 back: the stored participants are the CSV's.
    let phones = |o: &Office| -> Vec<(String, String, String)> {
        let c = rusqlite::Connection::open(&o.db).unwrap();
        let mut q = c
            .prepare("SELECT name, nik, phone FROM trainee ORDER BY name")
            .unwrap();
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let stored = phones(&o);
    assert_eq!(stored, phones(&by_csv));
    assert_eq!(stored[0].2, "081234567003", "{stored:?}");
}

#[test]
fn an_office_adds_its_own_headings_in_config_toml() {
    let o = Office::new();
    let cfg = o.file(
        "config.toml",
        b"[import_columns.placements]\nname = [\"Nama Pekerja Luar Negeri\"]\n",
    );
    let rows = five_placements();
    let csv = placement_file(&rows).replacen(",name,", ",Nama Pekerja Luar Negeri,", 1);
    let f = o.file("p.csv", csv.as_bytes());
    let run = |cfg: &std::path::Path| {
        disnaker(&o.db)
            .env("DISNAKER_CONFIG", cfg)
            .args(["import", "placements"])
            .arg(&f)
            .output()
            .unwrap()
    };
    assert_eq!(
        ok(&run(&cfg)),
        "imported 5 placements (0 duplicates skipped)\n"
    );
    // A kind the table does not have is named, nothing imported.
    let typo = o.file("typo.toml", b"[import_columns.placement]\nname = [\"x\"]\n");
    let out = run(&typo);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("[import_columns.placement]: no such import"),
        "{}",
        text(&out.stderr)
    );
}

/// For measuring by hand (README, Performance): `EXCEL_BENCH_DIR=/tmp/x cargo test --test
/// cli_workbook_import write_100k` writes `placements.csv` and `placements.xlsx`, the same
/// 100,000 placements (as the ministry's recap, NIK as text), to time `import` on each.
/// Without the variable it does nothing.
#[test]
fn write_100k_placements_as_csv_and_workbook() {
    let Some(dir) = std::env::var_os("EXCEL_BENCH_DIR").map(std::path::PathBuf::from) else {
        return;
    };
    let kec = disnaker::domain::Kecamatan::all();
    let rows: Vec<Placement> = (0..100_000u32)
        .map(|i| {
            let sex = if i % 3 == 0 { Sex::L } else { Sex::P };
            let sector = if i % 4 == 0 {
                disnaker::domain::case::Sector::Formal
            } else {
                disnaker::domain::case::Sector::Informal
            };
            let mut p = common::placement(
                i % 9000 + 1,
                kec[(i % 22) as usize].name(),
                ["Taiwan", "Hongkong", "Malaysia", "Singapura"][(i % 4) as usize],
                sector,
                sex,
                Date::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(u64::from(i % 366)),
            );
            let birth = Date::from_ymd_opt(1970, 1, 1).unwrap()
                + chrono::Days::new(u64::from(i / 9000 * 400 + i % 9000 % 300));
            let n = synthesise("3505", 1 + i % 22, birth, sex, 1 + i % 9000);
            p.nik = disnaker::domain::Nik::parse(&n, common::today()).unwrap().0;
            p.name = format!("Pekerja Migran {i:06}");
            p
        })
        .collect();
    std::fs::write(dir.join("placements.csv"), placement_file(&rows)).unwrap();
    std::fs::write(
        dir.join("placements.xlsx"),
        placements_recap(&rows, NikAs::Text),
    )
    .unwrap();
}

/// Five families as the office's register: a title row, `No.`, Indonesian headings, NIK and
/// KK as text, members as numbers, registration dates as Excel dates, on the sheet `Daftar`.
#[test]
fn a_family_register_with_indonesian_headings_gives_the_same_table_as_csv() {
    let kk = |i: u32| format!("3505{:02}{:010}", 1 + i % 22, 7_000_000 + i);
    let head = |i: u32| {
        synthesise(
            "3505",
            1 + i % 22,
            Date::from_ymd_opt(1970 + i as i32, 1 + i, 1 + i).unwrap(),
            Sex::L,
            i,
        )
    };
    let families = [
        (
            "Suparman",
            4.0,
            "Ponggok",
            "Bacem",
            (2024, 2, 5),
            "diberangkatkan",
            (2024, 12, 6),
        ),
        (
            "Slamet",
            3.0,
            "Doko",
            "Sumberurip",
            (2024, 3, 11),
            "terdaftar",
            (0, 0, 0),
        ),
        (
            "Sutrisno",
            5.0,
            "Wlingi",
            "Beru",
            (2024, 5, 20),
            "berkas lengkap",
            (0, 0, 0),
        ),
    ];
    let torire = "UPT Torire, Kabupaten Poso, Sulawesi Tengah";
    let mut csv = String::from(
        "head_name,nik,kk_no,members,kecamatan,desa,registered_on,stage,destination,departed_on\n",
    );
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Daftar").unwrap();
    ws.write_string(0, 0, "DAFTAR CALON TRANSMIGRAN 2024")
        .unwrap();
    let headings = [
        "No.",
        "Nama Kepala Keluarga",
        "NIK",
        "No KK",
        "Jumlah Jiwa",
        "Kecamatan",
        "Desa/Kelurahan",
        "Tanggal Daftar",
        "Tahap",
        "Tujuan",
        "Tanggal Berangkat",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (i, (name, members, kec, desa, (y, m, d), stage, departed)) in families.iter().enumerate() {
        let i = i as u32 + 1;
        let r = 2 + i;
        ws.write_number(r, 0, i as f64).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, head(i)).unwrap();
        ws.write_string(r, 3, kk(i)).unwrap();
        ws.write_number(r, 4, *members).unwrap();
        ws.write_string(r, 5, *kec).unwrap();
        ws.write_string(r, 6, *desa).unwrap();
        ws.write_datetime_with_format(r, 7, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
            .unwrap();
        ws.write_string(r, 8, *stage).unwrap();
        let (dest, dep) = if departed.0 > 0 {
            ws.write_string(r, 9, torire).unwrap();
            let (y, m, d) = *departed;
            ws.write_datetime_with_format(r, 10, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date)
                .unwrap();
            (format!("\"{torire}\""), format!("{y}-{m:02}-{d:02}"))
        } else {
            (String::new(), String::new())
        };
        csv.push_str(&format!(
            "{name},{},{},{members},{kec},{desa},{y}-{m:02}-{d:02},{stage},{dest},{dep}\n",
            head(i),
            kk(i)
        ));
    }
    let by_csv = Office::new();
    let f = by_csv.file("families.csv", csv.as_bytes());
    let csv_out = ok(&by_csv.import("transmigrants", &f, &[]));
    let o = Office::new();
    let f = o.file("daftar.xlsx", &book.save_to_buffer().unwrap());
    assert_eq!(ok(&o.import("transmigrants", &f, &[])), csv_out);
    assert_eq!(
        o.export_csv("transmigrants", 2024),
        by_csv.export_csv("transmigrants", 2024)
    );
    assert!(o.export_csv("transmigrants", 2024).contains("Ponggok,1,4,"));
}
