//! The benchmark's measuring code (benches/million) run on a small store, so that it cannot
//! rot between the runs that matter. Nothing here is timed: it checks that every measurement
//! runs, that the SQL the benchmark gives sqlite3 answers what disnaker answers, and the byte
//! bars, which do not depend on the machine.
#![allow(dead_code)] // each part of the benchmark is used by the bench binary

#[path = "../benches/million/process.rs"]
mod process;
#[path = "../benches/million/pty.rs"]
mod pty;
#[path = "../benches/million/report.rs"]
mod report;
#[path = "../benches/million/tui.rs"]
mod tui;
#[path = "../benches/million/wire.rs"]
mod wire;

use chrono::Datelike;
use disnaker::domain::demo::reference_day;
use std::path::Path;

const BIN: &str = env!("CARGO_BIN_EXE_disnaker");

fn demo_store(dir: &Path, n: usize) -> std::path::PathBuf {
    let db = dir.join("bench.db");
    let mut c = process::disnaker(Path::new(BIN), &db);
    c.args(["demo", "--records", &n.to_string()]);
    process::run(&mut c).unwrap();
    db
}

fn stdout(mut c: std::process::Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_benchmark_runs_on_a_small_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path(), 600);
    let day = reference_day();

    let t = tui::measure(&db, 80, 24, day);
    assert!(t.first_frame.wall > std::time::Duration::ZERO);
    assert!(t.pane_2_first.wall > std::time::Duration::ZERO);

    let b = wire::measure(&db, 80, 24, day);
    assert!(b.first_frame > 1000, "a whole screen: {}", b.first_frame);
    // SPEC §6: one row down sends at most 256 bytes, also when the list scrolls.
    assert!(b.down <= 256, "{}", b.down);
    assert!(b.down_scrolling <= 256, "{}", b.down_scrolling);
    assert!(
        b.down_largest <= 256,
        "{}: {}",
        b.down_largest,
        String::from_utf8_lossy(&b.down_largest_bytes).escape_debug()
    );
    assert!(b.pane_switch > b.down_scrolling);

    let file = process::placements_csv(dir.path(), 300, day).unwrap();
    let mut c = process::disnaker(Path::new(BIN), &db);
    c.arg("import").arg("placements").arg(&file);
    let said = stdout(c);
    assert!(said.contains("imported 300 placements"), "{said}");
}

/// The program on a pseudo-terminal answers every key of the benchmark's script with a
/// frame, at both sizes: no key of the measurement can go missing unnoticed.
#[test]
fn every_key_of_the_terminal_script_draws_a_frame() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path(), 600);
    for (w, h) in [(80, 24), (200, 60)] {
        let s = pty::run(Path::new(BIN), &db, w, h, &pty::script("siti pong", "pong"));
        assert!(s.broken.is_none(), "{:?}", s.broken);
        let (_, first) = s.first_frame.expect("a first frame");
        assert!(first > 1000, "a whole screen: {first}");
        assert_eq!(s.keys.len(), pty::script("siti pong", "pong").len());
        for k in &s.keys {
            assert!(
                k.worst_frame_ms().is_some(),
                "{} drew no frame at {w}×{h}",
                k.label
            );
        }
        let typed = s
            .keys
            .iter()
            .find(|k| k.label == "lookup: typed 'g'")
            .unwrap();
        assert!(typed.max_bytes() > 0);
        assert!(s.peak_kib.is_some_and(|k| k > 1000));
    }
}

/// The SQL the benchmark hands sqlite3 gives the figures disnaker prints.
#[test]
fn the_sql_given_to_sqlite3_is_what_disnaker_answers() {
    if !process::have_sqlite3() {
        eprintln!("sqlite3 is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path(), 3000);
    let year = reference_day().year() - 1;

    let mut c = process::disnaker(Path::new(BIN), &db);
    c.args(["export", "kecamatan", "--year", &year.to_string()]);
    let export = stdout(c);
    // sqlite3 lists kecamatan|sector|sex|count; fold into the export's columns.
    let rows = stdout(process::sqlite3(&db, &process::export_sql(year)));
    let mut from_sql = std::collections::BTreeMap::<String, [i64; 4]>::new();
    for line in rows.lines() {
        let f: Vec<&str> = line.split('|').collect();
        let col = match (f[1], f[2]) {
            ("formal", "L") => 0,
            ("formal", _) => 1,
            (_, "L") => 2,
            _ => 3,
        };
        from_sql.entry(f[0].to_string()).or_default()[col] = f[3].parse().unwrap();
    }
    let mut checked = 0;
    for line in export.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[0] == "TOTAL" {
            continue;
        }
        let ours: Vec<i64> = f[1..5].iter().map(|v| v.parse().unwrap()).collect();
        let theirs = from_sql.get(f[0]).copied().unwrap_or_default();
        assert_eq!(ours, theirs.to_vec(), "{}", f[0]);
        checked += ours.iter().sum::<i64>();
    }
    assert!(checked > 500, "the year has placements: {checked}");

    let mut c = process::disnaker(Path::new(BIN), &db);
    c.args([
        "lookup",
        "Ponggok",
        "--year",
        &year.to_string(),
        "--format",
        "csv",
    ]);
    let lookup = stdout(c);
    let sql = stdout(process::sqlite3(&db, &process::lookup_sql("Ponggok", year)));
    // Every row sqlite3 gives is a line of the lookup: placements by sector and sex, the
    // top countries in their order (and no other), open and closed cases by category.
    let mut countries = Vec::new();
    let mut totals: Vec<(String, i64)> = Vec::new();
    let mut checked_rows = 0;
    for l in sql.lines() {
        let f: Vec<&str> = l.split('|').collect();
        let lines = match f.len() {
            3 if f[0] == "formal" || f[0] == "informal" => {
                let sex = if f[1] == "L" { "male" } else { "female" };
                vec![format!("placements,{}_{sex},{},", f[0], f[2])]
            }
            3 if ["meninggal", "sakit", "deportasi", "kendala"].contains(&f[0]) => vec![
                format!("cases_open,{},{},", f[0], f[1]),
                format!("cases_closed,{},{},", f[0], f[2]),
            ],
            // the kecamatan's five years, every kecamatan's total (for the rank)
            2 if f[0].parse::<i32>().is_ok() => {
                vec![format!("placements_by_year,{},{},", f[0], f[1])]
            }
            2 if disnaker::domain::Kecamatan::parse(f[0]).is_ok() => {
                totals.push((f[0].to_string(), f[1].parse::<i64>().unwrap()));
                vec![]
            }
            2 => {
                countries.push(format!("top_countries,{},{},", f[0], f[1]));
                vec![]
            }
            _ => vec![],
        };
        for want in lines {
            assert!(lookup.lines().any(|l| l == want), "{want}: {lookup}\n{sql}");
            checked_rows += 1;
        }
    }
    let listed: Vec<&str> = lookup
        .lines()
        .filter(|l| l.starts_with("top_countries,"))
        .collect();
    assert!(!countries.is_empty(), "{sql}");
    assert_eq!(listed, countries, "{lookup}\n{sql}");
    assert!(checked_rows >= 6, "{checked_rows}: {sql}");
    // The rank among the 22: one more than the kecamatan with more placements.
    let mine = totals
        .iter()
        .find(|(k, _)| k == "Ponggok")
        .map_or(0, |(_, n)| *n);
    let place = 1 + totals.iter().filter(|(_, n)| *n > mine).count();
    assert!(
        lookup.contains(&format!("placements_rank,{year},{place},of 22\r\n")),
        "{place}: {lookup}\n{sql}"
    );
    // The trainees (the only line of seven numbers) and the families (the last line).
    let trainees: Vec<&str> = sql
        .lines()
        .find(|l| l.split('|').count() == 7)
        .expect("the trainees' counts")
        .split('|')
        .collect();
    for (item, v) in [
        ("participants", trainees[0]),
        ("graduated", trainees[1]),
        ("employed", trainees[3]),
    ] {
        assert!(
            lookup.contains(&format!("trainees,{item},{v},\r\n")),
            "{item} {v}: {lookup}\n{sql}"
        );
    }
    let families: Vec<&str> = sql.lines().last().unwrap().split('|').collect();
    for (item, v) in [
        ("registered", families[0]),
        ("departed", families[1]),
        ("waiting", families[2]),
    ] {
        assert!(
            lookup.contains(&format!("transmigrant_families,{item},{v},\r\n")),
            "{item} {v}: {lookup}\n{sql}"
        );
    }
}
