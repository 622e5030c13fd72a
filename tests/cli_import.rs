//! `disnaker import cases`: all or nothing, every bad row listed, exit code 3.

use assert_cmd::cargo_bin_cmd;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::Sex;
use disnaker::store::Store;
use std::path::{Path, PathBuf};
use std::process::Output;

const HEADER: &str = "name,nik,sex,kecamatan,desa,country,category,reported_on,status";

fn disnaker(db: &Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        // The English text these tests read (the default is Indonesian).
        .args(["--lang", "en"])
        .arg("--db")
        .arg(db);
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A case file of `n` good rows (data lines 2..=n+1); `kecamatan` may replace one line's.
fn case_file(n: usize, bad: Option<(usize, &str)>) -> String {
    let kec = ["Ponggok", "kademangan", "GANDUSARI", "Doko", "Wlingi"];
    let cat = ["meninggal", "sakit", "deportasi", "kendala"];
    let mut s = format!("{HEADER}\n");
    for i in 0..n {
        let line = i + 2;
        let (sex, who) = if i % 4 == 0 {
            (Sex::L, "L")
        } else {
            (Sex::P, "P")
        };
        let birth = Date::from_ymd_opt(
            1980 + (i % 20) as i32,
            1 + (i % 12) as u32,
            1 + (i % 28) as u32,
        )
        .unwrap();
        let nik = if i % 10 == 9 {
            String::new()
        } else {
            synthesise("3505", 1 + (i % 22) as u32, birth, sex, i as u32 + 1)
        };
        let k = match bad {
            Some((l, v)) if l == line => v,
            _ => kec[i % kec.len()],
        };
        let status = if i % 3 == 0 { "ditutup" } else { "baru" };
        s.push_str(&format!(
            "Pekerja {i},{nik},{who},{k},Desa {i},Hongkong,{},2025-0{}-15,{status}\n",
            cat[i % 4],
            1 + i % 9
        ));
    }
    s
}

struct Office {
    _dir: tempfile::TempDir,
    db: PathBuf,
    root: PathBuf,
}

impl Office {
    /// A temporary directory with an empty store.
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.db");
        Store::open(&db, "test").unwrap();
        Office {
            root: dir.path().to_path_buf(),
            db,
            _dir: dir,
        }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.root.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn import(&self, file: &Path, extra: &[&str]) -> Output {
        disnaker(&self.db)
            .args(["import", "cases"])
            .arg(file)
            .args(extra)
            .output()
            .unwrap()
    }

    fn records(&self) -> i64 {
        Store::open(&self.db, "test")
            .unwrap()
            .record_count()
            .unwrap()
    }

    fn export_2025(&self) -> String {
        let out = disnaker(&self.db)
            .args(["export", "cases", "--year", "2025"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    }
}

#[test]
fn one_bad_row_in_a_thousand_rejects_the_file_and_writes_nothing() {
    let o = Office::new();
    let bad = o.file(
        "bad.csv",
        case_file(1000, Some((500, "Jakarta"))).as_bytes(),
    );
    let out = o.import(&bad, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.contains("line 500: kecamatan: unknown kecamatan 'Jakarta'"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.lines().last().unwrap().starts_with("disnaker: ")
            && err.contains("1 of 1000 rows has errors; nothing was imported"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(o.records(), 0);
    assert_eq!(
        o.export_2025(),
        "kecamatan,category,open,closed,total\r\nTOTAL,,0,0,0\r\n"
    );

    // The same file, fixed, goes in whole.
    let good = o.file("good.csv", case_file(1000, None).as_bytes());
    let out = o.import(&good, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 1000 cases (0 skipped)\n");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(o.records(), 1000);
    assert!(o.export_2025().ends_with("TOTAL,,666,334,1000\r\n"));
}

#[test]
fn dry_run_checks_and_writes_nothing() {
    let o = Office::new();
    let good = o.file("good.csv", case_file(50, None).as_bytes());
    let out = o.import(&good, &["--dry-run"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "would import 50 cases (0 skipped)\n");
    assert_eq!(o.records(), 0);

    let bad = o.file("bad.csv", case_file(50, Some((7, "Atlantis"))).as_bytes());
    let out = o.import(&bad, &["--dry-run"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("line 7: kecamatan:"));
    assert!(text(&out.stderr).contains("the file would be rejected"));
    assert_eq!(o.records(), 0);
}

/// Issue 14 (10): running the same file again (say after an import whose end the officer
/// never saw) adds nothing: every case is recognised and counted as a duplicate.
#[test]
fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    let o = Office::new();
    let f = o.file("cases.csv", case_file(30, None).as_bytes());
    let out = o.import(&f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 30 cases (0 skipped)\n");
    let exported = o.export_2025();
    assert!(exported.ends_with("TOTAL,,20,10,30\r\n"), "{exported}");

    let out = o.import(&f, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "would import 0 cases (30 skipped)\n");
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 0 cases (30 skipped)\n");
    assert!(
        text(&out.stderr).contains("30 skipped as duplicates: a case with the same NIK"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(o.records(), 30);
    assert_eq!(o.export_2025(), exported);

    // A later file: a case already in (its NIK, category and date, under another name), one
    // without a NIK written with other capitals and spaces, one new case given twice, and
    // the first case under a category of its own (a new case).
    let first = case_file(30, None);
    let lines: Vec<&str> = first.lines().collect();
    let with_nik = lines[1].replacen("Pekerja 0,", "Pekerja Nol,", 1);
    assert!(lines[10].starts_with("Pekerja 9,,"), "{}", lines[10]);
    let without_nik = lines[10].replacen("Pekerja 9,", "  PEKERJA 9 ,", 1);
    let new = "Pekerja Baru,,P,Talun,,Taiwan,sakit,2025-07-07,baru";
    let other_category = lines[1].replacen(",meninggal,", ",kendala,", 1);
    let later = [HEADER, &with_nik, &without_nik, new, new, &other_category].join("\n");
    let f = o.file("later.csv", later.as_bytes());
    let out = o.import(&f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 2 cases (3 skipped)\n");
    assert_eq!(o.records(), 32);
}

#[test]
fn a_dry_run_counts_the_repeats_of_the_file_and_creates_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let f = dir.path().join("c.csv");
    let file = case_file(3, None);
    let twice = format!(
        "{file}{}",
        file.lines().skip(1).collect::<Vec<_>>().join("\n")
    );
    std::fs::write(&f, twice).unwrap();
    let out = disnaker(&db)
        .args(["import", "cases", "--dry-run"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "would import 3 cases (3 skipped)\n");
    assert!(!db.exists());
}

#[test]
fn a_dry_run_does_not_create_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let f = dir.path().join("c.csv");
    std::fs::write(&f, case_file(3, None)).unwrap();
    let out = disnaker(&db)
        .args(["import", "cases", "--dry-run"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!db.exists());
}

#[test]
fn a_file_that_is_not_utf8_names_the_line() {
    let o = Office::new();
    let mut bytes = case_file(5, None).into_bytes();
    // Latin-1 "é" in the name on line 4.
    let pos = bytes.windows(10).position(|w| w == b"Pekerja 2,").unwrap();
    bytes[pos + 1] = 0xE9;
    let f = o.file("latin1.csv", &bytes);
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(err.starts_with("line 4: file: not UTF-8"), "{err}");
    assert_eq!(o.records(), 0);
}

#[test]
fn a_missing_column_is_named() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        b"name,nik,sex,kecamatan,desa,country,category,status\nSiti,,P,Doko,,Taiwan,sakit,baru\n",
    );
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("line 1: reported_on: missing column\n"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2);
}

#[test]
fn unknown_columns_are_named_and_case_fields_are_welcome() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        format!("{HEADER},Costs,Next_Followup,gaji\nSiti,,P,Doko,,Taiwan,sakit,2025-01-02,baru,1.500.000,2025-02-01,9\n")
            .as_bytes(),
    );
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(err.starts_with("line 1: gaji: unknown column"), "{err}");
    assert_eq!(err.lines().count(), 2, "case fields are allowed: {err}");
}

#[test]
fn a_wrong_column_count_is_reported() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        format!("{HEADER}\nSiti,,P,Doko,,Taiwan,sakit,2025-01-02,baru\nAni,,P,Doko,,Taiwan,sakit,2025-01-02\n")
            .as_bytes(),
    );
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).starts_with("line 3: row: expected 9 columns, found 8\n"));
    assert_eq!(o.records(), 0);
}

#[test]
fn every_bad_row_is_listed() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        format!(
            "{HEADER}\n\
             Siti,,P,Doko,,Taiwan,sakit,2025-01-02,baru\n\
             ,,P,Doko,,Taiwan,sakit,2025-01-02,baru\n\
             Ani,3505124512950001,L,Doko,,Taiwan,sakit,31/02/2025,baru\n\
             Wati,,P,Doko,,Taiwan,hilang,2025-01-02,selesai\n\
             Tini,3578014512950001,P,Doko,,Taiwan,sakit,2025-01-02,baru\n"
        )
        .as_bytes(),
    );
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..6],
        [
            "line 6: nik: warning: NIK region 3578 is outside Kabupaten Blitar (3505)",
            "line 3: name: name is required",
            "line 4: nik: NIK birth day says sex P but the case says L",
            "line 4: reported_on: not a valid date: 31/02/2025 (use YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY)",
            "line 5: category: 'hilang' is not one of: meninggal, sakit, deportasi, kendala",
            "line 5: status: 'selesai' is not one of: baru, koordinasi, pemulangan, tiba, ditutup",
        ]
    );
    assert_eq!(lines.len(), 7, "{err}");
    assert!(lines[6].contains("3 of 5 rows have errors"), "{err}");
}

#[test]
fn warnings_do_not_reject() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        format!("{HEADER}\nTini,3578014512950001,P,Doko,,Taiwan,sakit,2025-01-02,baru\n")
            .as_bytes(),
    );
    let out = o.import(&f, &[]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stderr),
        "line 2: nik: warning: NIK region 3578 is outside Kabupaten Blitar (3505)\n"
    );
    assert_eq!(o.records(), 1);
}

#[test]
fn a_missing_file_is_one_line() {
    let o = Office::new();
    let out = o.import(&o.root.join("nope.csv"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.starts_with("disnaker: cannot read "), "{err}");
    assert_eq!(err.lines().count(), 1);
}
