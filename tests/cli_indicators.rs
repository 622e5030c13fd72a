//! `disnaker indicators`: the programme and activity indicators of LKjIP table 3.23 on a
//! store holding the 2024 trainings (344 participants of `pbk` trainings, none certified)
//! and one value entered with its source.

mod iku_support;

use assert_cmd::cargo_bin_cmd;
use disnaker::domain::indicator::IkuEntry;
use iku_support::*;
use std::collections::BTreeMap;
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

/// The 2024 trainings, and the Karirhub users of 2024 entered from the ministry's report.
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let mut store = store_with_2024_trainings(&db, "ani");
    let values: BTreeMap<String, String> = [
        ("iku_code", "III.2a"),
        ("iku_year", "2024"),
        ("iku_value", "5000"),
        ("iku_source", "Laporan Karirhub Kemnaker, Desember 2024"),
        ("iku_source_date", "2025-01-10"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (entry, checked) = IkuEntry::from_programme_fields(&values, day(2025, 3, 1));
    assert!(checked.errors.is_empty(), "{checked:?}");
    store.insert_iku_entry(&entry.unwrap()).unwrap();
    drop(store);
    (dir, db)
}

const CSV_2024: &str = "program_code,indicator,unit,target,realisation,capaian_percent,source\r\n\
I,Rata-rata tingkat capaian kinerja kegiatan pada program penunjang,%,100.00,100.00,100.00,lkjip\r\n\
II,Persentase angkatan kerja yang mendapatkan pelatihan kompetensi,%,0.02,0.04,200.00,lkjip\r\n\
II.1,Persentase lulusan bersertifikat pelatihan,%,80.00,0.00,0.00,records\r\n\
II.1,Jumlah tenaga kerja yang mendapatkan pelatihan berbasis kompetensi pada tahun n,orang,240,344,143.33,records\r\n\
II.2,Jumlah LPKS yang memiliki perizinan / dibina,lembaga,34,46,135.29,lkjip\r\n\
III,Persentase pencari kerja yang telah ditempatkan,%,90.00,81.09,90.10,lkjip\r\n\
III.1,Jumlah pencari kerja dalam negeri yang ditempatkan (AKL dan AKAD),orang,500,588,117.60,lkjip\r\n\
III.1,Jumlah pencari kerja yang mendapatkan penyuluhan dan bimbingan jabatan,orang,75,75,100.00,lkjip\r\n\
III.1,Jumlah tenaga kerja disabilitas yang mendapatkan fasilitasi layanan ULD,orang,15,15,100.00,lkjip\r\n\
III.1,Jumlah tenaga kerja yang diberdayakan melalui perluasan kesempatan kerja,orang,600,840,140.00,lkjip\r\n\
III.2,Jumlah pencari dan pemberi kerja terdaftar di pasar kerja online (Karirhub),orang,4000,5000,125.00,entered\r\n\
III.2,Jumlah pencari kerja yang mendapatkan pekerjaan melalui job fair,orang,250,227,90.80,lkjip\r\n\
III.3,Jumlah pencari kerja luar negeri yang ditempatkan,orang,2300,3727,162.04,lkjip\r\n\
III.3,Jumlah CPMI/PMI yang dilindungi dan ditingkatkan kompetensinya,orang,50,100,200.00,lkjip\r\n\
III.3,Jumlah CPMI terlayani sesuai prosedur dalam LTSA dan PMI bermasalah yang ditangani,orang,2300,3727,162.04,lkjip\r\n\
III.3,Jumlah PMI purna yang diberdayakan,orang,100,100,100.00,lkjip\r\n\
IV,Persentase perusahaan yang menerapkan tata kelola kerja yang layak,%,40.00,52.63,131.58,lkjip\r\n\
IV.1,Jumlah perusahaan yang telah memiliki PP dan PKB,perusahaan,70,70,100.00,lkjip\r\n\
IV.1,Jumlah perusahaan yang melaksanakan pengesahan PP dan terdaftar di WLKP online,perusahaan,21,21,100.00,lkjip\r\n\
IV.2,Jumlah perselisihan hubungan industrial yang terselesaikan,perkara,22,0,0.00,lkjip\r\n\
IV.2,Jumlah perselisihan yang dicegah,perkara,79,79,100.00,lkjip\r\n\
IV.2,Jumlah peserta program jaminan sosial tenaga kerja (AJI TANI),orang,6340,6046,95.36,lkjip\r\n\
V,Persentase transmigran yang ditempatkan,%,16.67,16.67,100.00,lkjip\r\n\
V.1,Jumlah transmigran yang mendaftar terseleksi dilatih dan diberangkatkan,KK,1,1,100.00,lkjip\r\n\
V.1,Jumlah laporan koordinasi dan sinkronisasi kerjasama pembangunan transmigrasi,laporan,2,3,150.00,lkjip\r\n\
V.1,Jumlah transmigran yang dipindahkan dan ditempatkan,KK,1,1,100.00,lkjip\r\n";

#[test]
fn the_2024_csv_counts_the_pbk_trainees_and_keeps_the_entered_value() {
    let (_dir, db) = office();
    let out = run(&db, &["indicators", "--year", "2024", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), CSV_2024);
}

#[test]
fn a_year_without_published_figures_counts_the_records_and_awaits_the_entries() {
    let (_dir, db) = office();
    let out = run(&db, &["indicators", "--year", "2023", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 27, "{csv}");
    // No 2023 target in table 3.23, no trainings in 2023: the records count 0, 0 / 0 has
    // no value, and an entered indicator waits for its value.
    assert_eq!(
        lines[4],
        "II.1,Jumlah tenaga kerja yang mendapatkan pelatihan berbasis kompetensi pada tahun n,orang,,0,,records"
    );
    assert_eq!(
        lines[3],
        "II.1,Persentase lulusan bersertifikat pelatihan,%,,,,records"
    );
    assert_eq!(
        lines[11],
        "III.2,Jumlah pencari dan pemberi kerja terdaftar di pasar kerja online (Karirhub),orang,,,,entered"
    );
}

#[test]
fn json_names_the_entered_source_and_the_records_beside_lkjip() {
    let (_dir, db) = office();
    let out = run(&db, &["indicators", "--year", "2024", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["year"], 2024);
    let rows = v["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), 26);
    let karirhub = rows.iter().find(|r| r["key"] == "III.2a").unwrap();
    assert_eq!(karirhub["realisation"], 5000);
    assert_eq!(karirhub["source"], "entered");
    assert_eq!(
        karirhub["entered"]["source"],
        "Laporan Karirhub Kemnaker, Desember 2024"
    );
    assert_eq!(karirhub["entered"]["source_date"], "2025-01-10");
    assert_eq!(karirhub["lkjip"], 5321);
    let certified = rows.iter().find(|r| r["key"] == "II.1a").unwrap();
    assert_eq!(certified["records"]["numerator"], 0);
    assert_eq!(certified["records"]["denominator"], 344);
    assert_eq!(certified["lkjip"], 100.0);
    assert_eq!(certified["disagrees_with_lkjip"], true);
    let trained = rows.iter().find(|r| r["key"] == "II.1b").unwrap();
    assert_eq!(trained["disagrees_with_lkjip"], false);
}

#[test]
fn the_table_is_in_the_officers_language() {
    let (_dir, db) = office();
    let id = text(&run(&db, &["indicators", "--year", "2024"]).stdout);
    assert!(
        id.starts_with("Indikator program (tabel 3.23) 2024"),
        "{id}"
    );
    let line = id.lines().find(|l| l.starts_with("III.2a")).unwrap();
    let words: Vec<&str> = line.split_whitespace().take(6).collect();
    assert_eq!(
        words,
        ["III.2a", "orang", "4.000", "5.000", "125,00", "isian"]
    );
    assert!(id.contains("II.1a: catatan 0,00, LKjIP 100,00"), "{id}");
    let en = text(&run(&db, &["--lang", "en", "indicators", "--year", "2024"]).stdout);
    let line = en.lines().find(|l| l.starts_with("III.2a")).unwrap();
    let words: Vec<&str> = line.split_whitespace().take(6).collect();
    assert_eq!(
        words,
        ["III.2a", "people", "4,000", "5,000", "125.00", "entered"]
    );
    assert!(en.contains("Job seekers and employers registered"), "{en}");
    assert!(en.contains("II.1a: records 0.00, LKjIP 100.00"), "{en}");
    // a year nobody entered Karirhub's figure for: the table says it is not there yet
    let id = text(&run(&db, &["indicators", "--year", "2023"]).stdout);
    let line = id.lines().find(|l| l.starts_with("III.2a")).unwrap();
    let words: Vec<&str> = line.split_whitespace().take(6).collect();
    assert_eq!(words, ["III.2a", "orang", "-", "-", "-", "belum"], "{id}");
}

#[test]
fn exit_codes_are_those_of_iku() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let out = run(&missing, &["indicators", "--year", "2024"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("disnaker: "),
        "{}",
        text(&out.stderr)
    );
    assert!(!missing.exists(), "a missing store is not created");
    let (_dir, db) = office();
    let out = run(&db, &["indicators", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&db, &["indicators", "--year", "20x4"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The published 2024 domestic placements as an import file: 588, of which 61 with an
/// employer outside Jawa Timur (AKAD), and 227 of them through the office's job fair.
fn domestic_2024_csv() -> String {
    use disnaker::domain::case::Sex;
    use disnaker::domain::nik::synthesise;
    let mut out = String::from(
        "nik,name,sex,kecamatan,employer,employer_kabupaten,employer_province,occupation,sector,placed_on,how,job_fair\n",
    );
    for i in 0..588u32 {
        let sex = if i % 2 == 0 { Sex::L } else { Sex::P };
        let nik = synthesise(
            "3505",
            1 + i % 22,
            day(1995, 1 + i % 12, 1 + i % 28),
            sex,
            i + 1,
        );
        let (kab, prov) = if i < 61 {
            ("Kota Semarang", "Jawa Tengah")
        } else {
            ("Kota Surabaya", "Jawa Timur")
        };
        let (how, fair) = if i < 227 {
            ("job_fair", "Job Fair Blitar 2024")
        } else {
            ("front_desk", "")
        };
        let kec = disnaker::domain::Kecamatan::all()[(i % 22) as usize].name();
        out.push_str(&format!(
            "{nik},Pencari {i},{},{kec},PT Maju {},{kab},{prov},operator,manufaktur,2024-{:02}-15,{how},{fair}\n",
            sex.as_str(),
            i % 7,
            1 + i % 12,
        ));
    }
    out
}

#[test]
fn imported_domestic_placements_give_iii_1_and_the_job_fair_iii_2() {
    let (dir, db) = office();
    let mut store = disnaker::store::Store::open(&db, "ani").unwrap();
    store
        .insert_job_fair(&disnaker::domain::domestic::JobFair {
            name: "Job Fair Blitar 2024".into(),
            held_on: day(2024, 1, 10),
            place: "Kabupaten Blitar".into(),
            companies: Some(30),
            vacancies: Some(900),
            visitors: Some(2500),
        })
        .unwrap();
    drop(store);
    let file = dir.path().join("domestic.csv");
    std::fs::write(&file, domestic_2024_csv()).unwrap();
    let import = run(&db, &["import", "domestic", file.to_str().unwrap()]);
    assert!(import.status.success(), "{}", text(&import.stderr));
    let out = run(&db, &["indicators", "--year", "2024", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[7],
        "III.1,Jumlah pencari kerja dalam negeri yang ditempatkan (AKL dan AKAD),orang,500,588,117.60,records"
    );
    assert_eq!(
        lines[12],
        "III.2,Jumlah pencari kerja yang mendapatkan pekerjaan melalui job fair,orang,250,227,90.80,records"
    );
    // The records agree with the published figures: no '!' on the table.
    let table = text(&run(&db, &["indicators", "--year", "2024"]).stdout);
    let row = |key: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .unwrap_or_else(|| panic!("no {key} in\n{table}"))
            .to_string()
    };
    assert!(row("III.1a").contains("catatan"), "{table}");
    assert!(row("III.2b").contains("catatan"), "{table}");
}
