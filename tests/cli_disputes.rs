//! `disnaker import disputes` and `export disputes`: all or nothing, every bad row listed by
//! its file line, the summary by type × outcome × on time.

mod cli_kinds;

use cli_kinds::{refused, text, Office};
use disnaker::store::{DisputeFilter, Store};

const HEADER: &str =
    "company,workers,type,bipartite_start,bipartite_end,recorded_on,outcome,outcome_on";

/// Five disputes recorded in 2024 and one in 2023, with an extra column (`mediator`) and
/// the date and word forms SPEC §5 allows. 2024: a PB in 12 working days (on time), a PB
/// signed 2024-07-15 for a file received 2024-05-02 (beyond 30 working days), one open, one
/// withdrawn, a PB in 15 working days.
const GOOD: &str = "\
company,workers,type,bipartite_start,bipartite_end,recorded_on,outcome,outcome_on,mediator
PT Sumber Rejeki,Serikat Pekerja Sumber Rejeki,phk,2024-02-01,2024-02-20,2024-03-04,pb,2024-03-20,Sri Wahyuni
CV Maju Jaya,Budi Santoso,hak,2024-04-01,2024-04-25,2024-05-02,pb,2024-07-15,Sri Wahyuni
PT Kali Jaya,Pekerja bagian produksi,kepentingan,2024-07-01,2024-07-20,2024-08-01,,,
UD Sinar,Ani,hak,01/08/2024,20/08/2024,02-09-2024,withdrawn,2024-09-10,
PT Lama,Tono,phk,2023-10-02,2023-10-20,2023-11-01,anjuran,2023-11-20,Sri Wahyuni
PT Sumber Rejeki,Wati,PHK,2024-05-06,2024-05-20,2024-06-03,PB,2024-06-25,Sri Wahyuni
";

const SUMMARY_2024: &str = "type,outcome,on_time,count\r\n\
hak,pb,tidak,1\r\n\
hak,withdrawn,,1\r\n\
kepentingan,open,,1\r\n\
phk,pb,ya,2\r\n\
TOTAL,,,5\r\n";

const EMPTY_2024: &str = "type,outcome,on_time,count\r\nTOTAL,,,0\r\n";

/// `n` good disputes (data lines 2..=n+1): every fourth still open, the others a PB on time;
/// `bad` replaces one line's type.
fn many(n: usize, bad: Option<(usize, &str)>) -> String {
    let types = ["hak", "kepentingan", "phk"];
    let mut s = format!("{HEADER}\n");
    for i in 0..n {
        let line = i + 2;
        let kind = match bad {
            Some((l, t)) if l == line => t,
            _ => types[i % 3],
        };
        let (outcome, on) = if i % 4 == 0 {
            ("", "")
        } else {
            ("pb", "2024-03-20")
        };
        s.push_str(&format!(
            "PT Nomor {i},Pekerja {i},{kind},2024-02-01,2024-02-20,2024-03-04,{outcome},{on}\n"
        ));
    }
    s
}

fn disputes(o: &Office) -> i64 {
    Store::open(&o.db, "test")
        .unwrap()
        .count_disputes(&DisputeFilter::default())
        .unwrap()
}

#[test]
fn a_good_file_is_imported_and_the_export_shows_it() {
    let o = Office::new();
    let f = o.file("disputes.csv", GOOD.as_bytes());
    let out = o.import("disputes", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 6 disputes\n");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(disputes(&o), 6);
    assert_eq!(o.export_csv("disputes", 2024), SUMMARY_2024);
    assert_eq!(
        o.export_csv("disputes", 2023),
        "type,outcome,on_time,count\r\nphk,anjuran,ya,1\r\nTOTAL,,,1\r\n"
    );
    assert_eq!(
        o.export_csv("disputes", 2022),
        "type,outcome,on_time,count\r\nTOTAL,,,0\r\n"
    );
}

#[test]
fn the_export_goes_to_a_file_and_to_excel() {
    let o = Office::new();
    let f = o.file("disputes.csv", GOOD.as_bytes());
    assert!(o.import("disputes", &f, &[]).status.success());
    let path = o.root.join("d.csv");
    let out = o.export(&[
        "disputes",
        "--year",
        "2024",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SUMMARY_2024);
    assert_eq!(
        text(&out.stdout),
        format!("exported disputes 2024 to {} (5 rows)\n", path.display())
    );
    let out = o.export(&["disputes", "--year", "2024", "--format", "csv-excel"]);
    assert_eq!(
        out.stdout,
        format!("\u{feff}{}", SUMMARY_2024.replace(',', ";")).as_bytes()
    );
    // Only the cases have a list with names (issue 14): a usage error for every other kind.
    let out = o.export(&["disputes", "--include-personal-data"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--include-personal-data goes with `export cases` only"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn one_bad_row_among_many_rejects_the_file_whole() {
    let o = Office::new();
    let f = o.file("bad.csv", many(400, Some((250, "mogok"))).as_bytes());
    let out = o.import("disputes", &f, &[]);
    let lines = refused(&out);
    assert_eq!(
        lines,
        [
            "line 250: type: 'mogok' is not one of: hak, kepentingan, phk, antar_serikat"
                .to_string(),
            format!(
                "disnaker: {}: 1 of 400 rows has errors; nothing was imported",
                f.display()
            ),
        ]
    );
    assert_eq!(disputes(&o), 0);
    assert_eq!(o.export_csv("disputes", 2024), EMPTY_2024);

    // Fixed, it goes in whole.
    let f = o.file("good.csv", many(400, None).as_bytes());
    let out = o.import("disputes", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 400 disputes\n");
    assert_eq!(
        o.export_csv("disputes", 2024),
        "type,outcome,on_time,count\r\n\
         hak,open,,34\r\nhak,pb,ya,100\r\n\
         kepentingan,open,,33\r\nkepentingan,pb,ya,100\r\n\
         phk,open,,33\r\nphk,pb,ya,100\r\n\
         TOTAL,,,400\r\n"
    );
}

#[test]
fn every_bad_row_is_listed_with_its_line() {
    let o = Office::new();
    let f = o.file(
        "bad.csv",
        format!(
            "{HEADER}\n\
             PT Baik,Serikat Pekerja,phk,2024-02-01,2024-02-20,2024-03-04,pb,2024-03-20\n\
             PT A,Budi,mogok,2024-04-01,2024-04-25,2024-05-02,pb,2024-07-15\n\
             \n\
             PT B,Ani,hak,2024-04-01,2024-04-25,31/02/2024,,\n\
             PT C,Ani,hak,2024-04-01,2024-04-25,2024-05-02,pb,\n\
             ,Ani,hak,2024-04-01,2024-03-25,2024-05-02,,\n"
        )
        .as_bytes(),
    );
    let out = o.import("disputes", &f, &[]);
    let lines = refused(&out);
    assert_eq!(
        lines[..lines.len() - 1],
        [
            "line 3: type: 'mogok' is not one of: hak, kepentingan, phk, antar_serikat",
            "line 5: recorded_on: not a valid date: 31/02/2024 (use YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY)",
            "line 6: outcome_on: the outcome needs its date",
            "line 7: company: company is required",
        ]
    );
    assert!(lines[4].ends_with("4 of 5 rows have errors; nothing was imported"));
    assert_eq!(disputes(&o), 0);
}

#[test]
fn a_wrong_column_count_is_reported() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        format!(
            "{HEADER}\n\
             PT A,Budi,hak,2024-04-01,2024-04-25,2024-05-02,,\n\
             PT B,Ani,hak,2024-04-01,2024-04-25,2024-05-02,pb,2024-06-01,extra\n\
             PT C,Ani,hak,2024-04-01\n"
        )
        .as_bytes(),
    );
    let lines = refused(&o.import("disputes", &f, &[]));
    assert_eq!(
        lines[..2],
        [
            "line 3: row: expected 8 columns, found 9",
            "line 4: row: expected 8 columns, found 4",
        ]
    );
    assert_eq!(lines.len(), 3);
    assert_eq!(disputes(&o), 0);
}

#[test]
fn a_file_that_is_not_utf8_names_the_line() {
    let o = Office::new();
    let mut bytes = GOOD.as_bytes().to_vec();
    // Latin-1 "é" in the company on line 3.
    let pos = bytes.windows(8).position(|w| w == b"CV Maju ").unwrap();
    bytes[pos + 1] = 0xE9;
    let f = o.file("latin1.csv", &bytes);
    let lines = refused(&o.import("disputes", &f, &[]));
    assert_eq!(
        lines[0],
        "line 3: file: not UTF-8 (save the file as \"CSV UTF-8\")"
    );
    assert!(
        lines[1].ends_with("the file cannot be read as it is (see above); nothing was imported")
    );
    assert_eq!(disputes(&o), 0);
}

#[test]
fn a_missing_column_is_named() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        b"company,workers,type,recorded_on,outcome,outcome_on,gaji\n",
    );
    let lines = refused(&o.import("disputes", &f, &[]));
    assert!(
        lines[0]
            .starts_with("line 1: gaji: unknown column (known columns: company, workers, type,"),
        "{lines:?}"
    );
    assert_eq!(lines[1], "line 1: bipartite_start: missing column");
    assert_eq!(lines[2], "line 1: bipartite_end: missing column");
    assert_eq!(lines.len(), 4);
}

#[test]
fn dry_run_checks_and_writes_nothing() {
    let o = Office::new();
    let f = o.file("disputes.csv", GOOD.as_bytes());
    let out = o.import("disputes", &f, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "would import 6 disputes\n");
    assert_eq!(disputes(&o), 0);
    assert_eq!(o.export_csv("disputes", 2024), EMPTY_2024);

    let bad = o.file("bad.csv", many(20, Some((7, "lainnya"))).as_bytes());
    let lines = refused(&o.import("disputes", &bad, &["--dry-run"]));
    assert!(lines[0].starts_with("line 7: type: 'lainnya' is not one of"));
    assert!(lines[1].ends_with("1 of 20 rows has errors; the file would be rejected"));

    // A dry run does not create a store that is not there.
    let none = Office::without_store();
    let f = none.file("disputes.csv", GOOD.as_bytes());
    assert!(none.import("disputes", &f, &["--dry-run"]).status.success());
    assert!(!none.db.exists());
}

#[test]
fn warnings_do_not_reject() {
    let o = Office::new();
    let f = o.file(
        "d.csv",
        format!(
            "{HEADER},minutes_present\n\
             PT A,Budi,hak,2024-04-01,2024-04-25,2024-05-02,,,tidak\n"
        )
        .as_bytes(),
    );
    let out = o.import("disputes", &f, &[]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stderr),
        "line 2: minutes_present: warning: recorded without the bipartite minutes (risalah)\n"
    );
    assert_eq!(text(&out.stdout), "imported 1 disputes\n");
    assert_eq!(disputes(&o), 1);
}

/// The office adds a year's holidays (SKB 3 Menteri) the program does not ship: working-day
/// deadlines can then be counted into that year, for every officer of the store; a bad row
/// rejects the whole file with its line, and a year typed in part is warned about.
#[test]
fn the_office_adds_next_years_holidays() {
    use chrono::NaiveDate;
    let o = Office::new();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let cal = |o: &Office| Store::open(&o.db, "test").unwrap().working_days().unwrap();
    let before = cal(&o);
    assert!(!before.covers(d(2027, 1, 4)));
    assert!(before.add_working_days(d(2026, 12, 28), 5).is_err());

    let bad = o.file(
        "bad.csv",
        b"date,kind,name\n2027-01-01,libur,Tahun Baru 2027 Masehi\n2027-02-06,holiday,Imlek\n,libur,\n",
    );
    let lines = refused(&o.import("holidays", &bad, &[]));
    assert!(
        lines.iter().any(|l| l.starts_with("line 3: kind: ")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("line 4: date: ")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("line 4: name: ")),
        "{lines:?}"
    );
    assert!(!cal(&o).covers(d(2027, 1, 4)), "nothing written");

    let good = o.file(
        "libur2027.csv",
        "date,kind,name\n2027-01-01,libur,Tahun Baru 2027 Masehi\n01/01/2027,libur,Tahun Baru 2027 Masehi\n2027-12-25,libur,Hari Raya Natal\n".as_bytes(),
    );
    let out = o.import("holidays", &good, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("added 2 holidays, 1 updated (2027)"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("2027 lists only 3 holidays"),
        "{}",
        text(&out.stderr)
    );
    let after = cal(&o);
    assert!(after.covers(d(2027, 1, 4)));
    // Mon 28 Dec 2026 + 5 working days: 29, 30, 31 Dec, (1 Jan holiday), 4, 5 Jan
    assert_eq!(
        after.add_working_days(d(2026, 12, 28), 5),
        Ok(d(2027, 1, 5))
    );
    // Indonesian by default, and a store reopened by the program keeps the added year
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_disnaker"))
        .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .arg("--db")
        .arg(&o.db)
        .args(["import", "holidays"])
        .arg(&good)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert!(
        text(&out.stdout).contains("akan menambahkan 3 hari libur (2027)"),
        "{}",
        text(&out.stdout)
    );
}
