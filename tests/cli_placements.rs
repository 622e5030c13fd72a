//! Placements through the built binary: `import placements`, `export kecamatan|countries`
//! and `lookup`, on a store filled from a file of 3,727 rows built to match the published
//! 2024 tables (LKjIP 2024 tables 3.17 and 3.16).

mod common;

use assert_cmd::cargo_bin_cmd;
use common::{
    placement, placement_file, placement_line, records_2024, COUNTRY_CSV, KECAMATAN_CSV,
    PLACEMENT_HEADER,
};
use disnaker::domain::case::{Sector, Sex};
use disnaker::domain::date::Date;
use disnaker::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

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

/// Table 3.17 as `export kecamatan --year 2024` must write it: the reference rows, then TOTAL.
fn kecamatan_2024() -> String {
    format!("{KECAMATAN_CSV}TOTAL,1004,85,9,2629,3727\r\n")
}

/// The kecamatan export of a year without placements: all 22 with zeros, then TOTAL.
fn kecamatan_zeros() -> String {
    let mut s = String::new();
    for (i, line) in KECAMATAN_CSV.split_terminator("\r\n").enumerate() {
        if i == 0 {
            s.push_str(line);
        } else {
            let name = line.split(',').next().unwrap();
            s.push_str(&format!("{name},0,0,0,0,0"));
        }
        s.push_str("\r\n");
    }
    s.push_str("TOTAL,0,0,0,0,0\r\n");
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

    /// The 3,727 rows of 2024 as an import file.
    fn file_2024(&self) -> PathBuf {
        self.file(
            "penempatan_2024.csv",
            placement_file(&records_2024()).as_bytes(),
        )
    }

    fn run(&self, args: &[&str]) -> Output {
        disnaker(&self.db).args(args).output().unwrap()
    }

    fn import(&self, file: &Path, extra: &[&str]) -> Output {
        disnaker(&self.db)
            .args(["import", "placements"])
            .arg(file)
            .args(extra)
            .output()
            .unwrap()
    }

    /// stdout of a command that must succeed without a word on stderr.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    }

    fn export_kecamatan_2024(&self) -> String {
        self.ok(&["export", "kecamatan", "--year", "2024"])
    }
}

#[test]
fn the_published_2024_tables_come_back_from_an_imported_file() {
    let o = Office::new();
    let file = o.file_2024();
    let out = o.import(&file, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "imported 3727 placements (0 duplicates skipped)\n"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));

    // Table 3.17, byte for byte, with the TOTAL row.
    assert_eq!(o.export_kecamatan_2024(), kecamatan_2024());

    // Table 3.16: the same rows, largest total first, then TOTAL.
    let countries = o.ok(&["export", "countries", "--year", "2024"]);
    let mut lines: Vec<&str> = countries.split_terminator("\r\n").collect();
    assert!(!countries.contains('\n') || countries.ends_with("\r\n"));
    assert_eq!(
        lines.remove(0),
        "country,formal_male,formal_female,informal_male,informal_female,total"
    );
    assert_eq!(lines.pop(), Some("TOTAL,1004,85,9,2629,3727"));
    let want: BTreeSet<&str> = COUNTRY_CSV.lines().skip(1).map(str::trim_end).collect();
    assert_eq!(lines.iter().copied().collect::<BTreeSet<_>>(), want);
    assert_eq!(lines.len(), want.len());
    let totals: Vec<i64> = lines
        .iter()
        .map(|l| l.rsplit(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    assert!(lines[0].starts_with("Hongkong,") && lines[1].starts_with("Taiwan,"));

    // Other years have no placements: all 22 kecamatan with zeros, no country.
    assert_eq!(
        o.ok(&["export", "kecamatan", "--year", "2023"]),
        kecamatan_zeros()
    );
    assert_eq!(
        o.ok(&["export", "countries", "--year", "2023"]),
        "country,formal_male,formal_female,informal_male,informal_female,total\r\n\
         TOTAL,0,0,0,0,0\r\n"
    );

    // "How many PMI from Ponggok?"
    let table = o.ok(&["lookup", "pong", "--year", "2024"]);
    assert!(table.starts_with("Kecamatan Ponggok, 2024\n"), "{table}");
    for line in [
        "PMI placements departing in 2024: 370",
        "  male (L) 106, female (P) 264",
        "  formal 110, informal 260",
        "  formal        103      7    110",
        "  informal        3    257    260",
        "  total         106    264    370",
        "Top destination countries",
        "  meninggal                 0       0",
    ] {
        assert!(table.lines().any(|l| l == line), "{line:?} in\n{table}");
    }
    assert!(
        table.contains("Trainees in 2024's trainings: 0  (graduated 0, working 0)\n"),
        "{table}"
    );
    assert!(table.lines().all(|l| l.chars().count() <= 80));

    let json = o.ok(&["lookup", "PONGGOK", "--year", "2024", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["kecamatan"], "Ponggok");
    assert_eq!(v["year"], 2024);
    let p = &v["placements"];
    assert_eq!(
        [
            &p["total"],
            &p["male"],
            &p["female"],
            &p["formal"],
            &p["informal"]
        ],
        [370, 106, 264, 110, 260]
    );
    assert_eq!(
        [
            &p["formal_male"],
            &p["formal_female"],
            &p["informal_male"],
            &p["informal_female"]
        ],
        [103, 7, 3, 257]
    );
    assert!(json.contains("\n  \"placements\": {\n"), "pretty: {json}");

    let csv = o.ok(&["lookup", "pong", "--year", "2024", "--format", "csv"]);
    assert!(csv.starts_with("section,item,count,note\r\nplacements,total,370,\r\n"));
    assert!(csv.contains("placements,male,106,\r\nplacements,female,264,\r\n"));

    // The same file again: every row is a duplicate, nothing changes.
    let out = o.import(&file, &["--dry-run"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "would import 0 placements (3727 duplicates skipped)\n"
    );
    let out = o.import(&file, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "imported 0 placements (3727 duplicates skipped)\n"
    );
    assert_eq!(o.export_kecamatan_2024(), kecamatan_2024());
}

#[test]
fn the_exports_come_in_every_format() {
    let o = Office::new();
    let small: Vec<_> = records_2024().into_iter().take(40).collect();
    let f = o.file("p.csv", placement_file(&small).as_bytes());
    assert!(o.import(&f, &[]).status.success());

    let excel = o.ok(&[
        "export",
        "kecamatan",
        "--year",
        "2024",
        "--format",
        "csv-excel",
    ]);
    assert!(excel.starts_with(
        "\u{feff}kecamatan;formal_male;formal_female;informal_male;informal_female;total\r\n"
    ));
    assert!(excel.ends_with("TOTAL;40;0;0;0;40\r\n"), "{excel}");
    assert_eq!(excel.lines().count(), 24);

    let xlsx = o.root.join("negara.xlsx");
    let said = o.ok(&[
        "export",
        "countries",
        "--year",
        "2024",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert!(said.starts_with("exported countries 2024 to "), "{said}");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    let out_csv = o.root.join("kec.csv");
    o.ok(&[
        "export",
        "kecamatan",
        "--year",
        "2024",
        "--out",
        out_csv.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&out_csv).unwrap();
    assert_eq!(written, o.ok(&["export", "kecamatan", "--year", "2024"]));

    // No store, no export (a mistyped --db), and none is created.
    let typo = o.root.join("typo.db");
    let out = disnaker(&typo)
        .args(["export", "countries", "--year", "2024"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!typo.exists());
}

/// The first `n` rows of 2024 as import lines (line 2 is the first row).
fn lines_2024(n: usize) -> Vec<String> {
    records_2024().iter().take(n).map(placement_line).collect()
}

fn join(lines: &[String]) -> String {
    let mut s = format!("{PLACEMENT_HEADER}\n");
    for l in lines {
        s.push_str(l);
        s.push('\n');
    }
    s
}

/// Replace field `i` of an import line.
fn with_field(line: &str, i: usize, value: &str) -> String {
    let mut f: Vec<&str> = line.split(',').collect();
    f[i] = value;
    f.join(",")
}

#[test]
fn a_bad_file_is_rejected_whole_with_every_bad_line_named() {
    let o = Office::new();
    let mut lines = lines_2024(300);
    // File line N is lines[N - 2].
    lines[3] = with_field(&lines[3], 3, "Jakarta"); // line 5
    lines[7] = with_field(&lines[7], 0, "35051234"); // line 9
    lines[12] = with_field(&lines[12], 9, "31/02/2024"); // line 14
    let short = lines[18].rsplit_once(',').unwrap().0.to_string();
    lines[18] = short; // line 20
    lines[250] = with_field(&with_field(&lines[250], 3, "Ponggk"), 2, "X"); // line 252
    let f = o.file("bad.csv", join(&lines).as_bytes());
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    let got: Vec<&str> = err.lines().collect();
    assert_eq!(
        got,
        [
            "line 5: kecamatan: unknown kecamatan 'Jakarta'",
            "line 9: nik: NIK must have 16 digits, not 8",
            "line 14: departure_date: not a valid date: 31/02/2024 \
             (use YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY)",
            "line 20: row: expected 10 columns, found 9",
            "line 252: sex: 'X' is not L or P",
            "line 252: kecamatan: unknown kecamatan 'Ponggk' (did you mean Ponggok?)",
            &format!(
                "disnaker: {}: 5 of 300 rows have errors; nothing was imported",
                f.display()
            ),
        ],
        "{err}"
    );
    assert_eq!(o.export_kecamatan_2024(), kecamatan_zeros());

    // A dry run says the same and that the file would be rejected.
    let out = o.import(&f, &["--dry-run"]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(err.starts_with("line 5: kecamatan: unknown kecamatan 'Jakarta'\n"));
    assert!(err.ends_with("5 of 300 rows have errors; the file would be rejected\n"));
}

#[test]
fn a_bad_file_leaves_a_filled_store_as_it_was() {
    let o = Office::new();
    assert!(o.import(&o.file_2024(), &[]).status.success());
    // New rows for 2024, one of them with a departure in the future.
    let d = Date::from_ymd_opt(2024, 6, 1).unwrap();
    let fresh: Vec<String> = (0..20)
        .map(|i| {
            placement_line(&placement(
                9000 + i,
                "Wates",
                "Taiwan",
                Sector::Formal,
                Sex::L,
                d,
            ))
        })
        .collect();
    let mut lines = fresh.clone();
    lines[10] = with_field(&lines[10], 9, "2099-01-01");
    let out = o.import(&o.file("later.csv", join(&lines).as_bytes()), &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).starts_with("line 12: departure_date: 01-01-2099 is in the future\n"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(o.export_kecamatan_2024(), kecamatan_2024());
    // Fixed, the same rows go in.
    let out = o.import(&o.file("fixed.csv", join(&fresh).as_bytes()), &[]);
    assert_eq!(
        text(&out.stdout),
        "imported 20 placements (0 duplicates skipped)\n"
    );
    assert!(o
        .export_kecamatan_2024()
        .ends_with("TOTAL,1024,85,9,2629,3747\r\n"));
}

#[test]
fn a_file_that_is_not_utf8_names_its_lines() {
    let o = Office::new();
    let mut bytes = join(&lines_2024(10)).into_bytes();
    // Latin-1 "é" in the names on lines 4 and 8 ("Pekerja 0003", "Pekerja 0007").
    for who in [&b"Pekerja 0003"[..], b"Pekerja 0007"] {
        let pos = bytes.windows(who.len()).position(|w| w == who).unwrap();
        bytes[pos + 1] = 0xE9;
    }
    let out = o.import(&o.file("latin1.csv", &bytes), &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    let got: Vec<&str> = err.lines().collect();
    assert_eq!(got.len(), 3, "{err}");
    assert_eq!(
        got[0],
        "line 4: file: not UTF-8 (save the file as \"CSV UTF-8\")"
    );
    assert!(got[1].starts_with("line 8: file: not UTF-8"));
    assert!(got[2].ends_with("the file cannot be read as it is (see above); nothing was imported"));
    assert_eq!(o.export_kecamatan_2024(), kecamatan_zeros());
}

#[test]
fn a_header_without_a_required_column_is_refused() {
    let o = Office::new();
    let f = o.file(
        "p.csv",
        b"nik,name,sex,kecamatan,country,sector\n3505124512950001,Siti,P,Doko,Taiwan,formal\n",
    );
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).starts_with("line 1: departure_date: missing column\n"));
}

#[test]
fn a_file_from_excel_is_read_as_the_officer_saved_it() {
    let o = Office::new();
    // BOM, CRLF, columns in another order and case, Indonesian dates, no desa, scheme or
    // occupation columns, a repeated row, a NIK from outside Blitar (a warning only).
    let bytes = "\u{feff}Departure_Date;Kecamatan;NIK;Name;Sex;Country;Sector\r\n\
        05/03/2024;ponggok;3505124512950001;Siti;P;hong kong;Informal\r\n\
        \r\n\
        06-03-2024;KADEMANGAN;3505120101900002;Budi;L;Taiwan;formal\r\n\
        05/03/2024;Ponggok;3505124512950001;Siti;P;Hongkong;informal\r\n\
        2024-07-01;Wates;3578014512950003;Tini;P;Malaysia;informal\r\n";
    let f = o.file("excel.csv", bytes.as_bytes());
    let out = o.import(&f, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "would import 3 placements (1 duplicates skipped)\n"
    );
    assert_eq!(o.export_kecamatan_2024(), kecamatan_zeros());
    let out = o.import(&f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "imported 3 placements (1 duplicates skipped)\n"
    );
    // The column as the file names it (SPEC §5).
    assert_eq!(
        text(&out.stderr),
        "line 6: NIK: warning: NIK region 3578 is outside Kabupaten Blitar (3505)\n"
    );
    let countries = o.ok(&["export", "countries", "--year", "2024"]);
    assert!(
        countries.contains("\r\nHongkong,0,0,0,1,1\r\n"),
        "{countries}"
    );
}

#[test]
fn a_dry_run_writes_nothing_and_creates_no_store() {
    let o = Office::new();
    let file = o.file_2024();
    let out = o.import(&file, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "would import 3727 placements (0 duplicates skipped)\n"
    );
    assert_eq!(o.export_kecamatan_2024(), kecamatan_zeros());
    assert_eq!(Store::open(&o.db, "t").unwrap().record_count().unwrap(), 0);

    let none = o.root.join("none.db");
    let out = disnaker(&none)
        .args(["import", "placements", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "would import 3727 placements (0 duplicates skipped)\n"
    );
    assert!(!none.exists());
}

#[test]
fn ambiguous_and_unknown_names_fail_with_what_to_type() {
    let o = Office::new();
    for (name, said) in [
        (
            "selo",
            "'selo' matches Selorejo, Selopuro; type more letters",
        ),
        (
            "Ponggk",
            "unknown kecamatan 'Ponggk' (did you mean Ponggok?)",
        ),
    ] {
        let out = o.run(&["lookup", name, "--year", "2024"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(out.stdout.is_empty());
        assert_eq!(text(&out.stderr), format!("disnaker: {said}\n"));
    }
    let out = o.run(&["lookup", "Jakarta"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("disnaker: unknown kecamatan 'Jakarta'; "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);

    // An empty store answers with zeros; a missing one is named.
    let json = o.ok(&["lookup", "wates", "--year", "2024", "--format", "json"]);
    assert!(json.contains("\"total\": 0"), "{json}");
    let missing = o.root.join("typo.db");
    let out = disnaker(&missing)
        .args(["lookup", "wates"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("disnaker: there is no store at "));
    assert!(!missing.exists());
}

/// The streaming import keeps no row, yet still names every bad row and refuses the file
/// whole, its last rows included (a file past the millionth line: `csv_input`'s
/// `a_bad_row_after_the_millionth_line_is_named`).
#[test]
fn a_long_file_with_bad_rows_at_both_ends_is_refused_whole() {
    let o = Office::new();
    let good = lines_2024(3727);
    const ROWS: usize = 20_050;
    // File line N is row N - 2; the bad ones:
    let bad_at = |line: usize| match line {
        4 => Some(with_field(&good[2], 3, "Jakarta")),
        20_011 => Some(with_field(&good[20_009 % good.len()], 2, "X")),
        20_049 => Some(with_field(&good[20_047 % good.len()], 0, "35051234")),
        _ => None,
    };
    let mut s = String::with_capacity(ROWS * 100);
    s.push_str(PLACEMENT_HEADER);
    s.push('\n');
    for row in 0..ROWS {
        match bad_at(row + 2) {
            Some(l) => s.push_str(&l),
            None => s.push_str(&good[row % good.len()]),
        }
        s.push('\n');
    }
    let f = o.file("big.csv", s.as_bytes());
    drop(s);
    let out = o.import(&f, &[]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    let got: Vec<&str> = err.lines().collect();
    assert_eq!(
        got,
        [
            "line 4: kecamatan: unknown kecamatan 'Jakarta'",
            "line 20011: sex: 'X' is not L or P",
            "line 20049: nik: NIK must have 16 digits, not 8",
            &format!(
                "disnaker: {}: 3 of 20050 rows have errors; nothing was imported",
                f.display()
            ),
        ],
        "{err}"
    );
    // Nothing of it was written.
    assert_eq!(o.export_kecamatan_2024(), kecamatan_zeros());

    // Fixed, the file goes in whole in the second pass, its repeats skipped and counted.
    let mut fixed = format!("{PLACEMENT_HEADER}\n");
    for row in 0..ROWS {
        fixed.push_str(&good[row % good.len()]);
        fixed.push('\n');
    }
    let out = o.import(&o.file("fixed.csv", fixed.as_bytes()), &["--dry-run"]);
    assert_eq!(
        text(&out.stdout),
        "would import 3727 placements (16323 duplicates skipped)\n",
        "{}",
        text(&out.stderr)
    );
    let out = o.import(&o.file("fixed.csv", fixed.as_bytes()), &[]);
    assert_eq!(
        text(&out.stdout),
        "imported 3727 placements (16323 duplicates skipped)\n",
        "{}",
        text(&out.stderr)
    );
    assert_eq!(o.export_kecamatan_2024(), kecamatan_2024());
}

/// The import checks and writes in one pass; into a store that is not there yet it writes a
/// new store under a hidden name that takes the store's name only when the file went in
/// whole: a file refused at its last row leaves no store and no file of its making, and the
/// good file makes the store.
#[test]
fn a_refused_import_into_a_missing_store_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let good = lines_2024(3727);
    let mut s = format!("{PLACEMENT_HEADER}\n");
    for l in &good {
        s.push_str(l);
        s.push('\n');
    }
    let fixed = dir.path().join("fixed.csv");
    std::fs::write(&fixed, &s).unwrap();
    s.push_str(&with_field(&good[0], 3, "Jakarta"));
    s.push('\n');
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, &s).unwrap();
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let out = disnaker(&db)
        .args(["import", "placements"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("line 3729: kecamatan: unknown kecamatan 'Jakarta'\n"),
        "{err}"
    );
    assert_eq!(
        files(),
        ["bad.csv", "fixed.csv"],
        "no store, nothing hidden"
    );

    let out = disnaker(&db)
        .args(["import", "placements"])
        .arg(&fixed)
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stdout),
        "imported 3727 placements (0 duplicates skipped)\n",
        "{}",
        text(&out.stderr)
    );
    assert_eq!(files(), ["bad.csv", "fixed.csv", "new.db"]);
    let out = disnaker(&db)
        .args(["export", "kecamatan", "--year", "2024"])
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), kecamatan_2024());
}
