//! Personal data (names, NIK, KK numbers: UU 27/2022) stay where they belong: lists and the
//! history show identity numbers masked to their last four digits and only a record's detail
//! shows them whole; lists with names and NIK leave the store only with
//! `--include-personal-data`, and each such export is in the audit history; the store, its
//! journal files, backups and personal exports are readable by their owner only; messages
//! never carry a whole NIK; and no exported cell can start a spreadsheet formula.

use crate::support::{case_file, disnaker, nik, run, CASE_HEADER};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::cli::export_personal::case_list_header;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::training::{FundingSource, Trainee, Training};
use disnaker::domain::transmigrant::Registration;
use disnaker::domain::{Placement, PmiCase, Sex};
use disnaker::i18n::Lang;
use disnaker::store::{AuditEntry, Change, Store};
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::popup::history_lines;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::BTreeMap;
use std::path::Path;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn screen(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..24 {
        for x in 0..80 {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Identity numbers a screen must not show whole: neither all 16 digits nor the first 12.
fn assert_masked(what: &str, screen: &str, numbers: &[String]) {
    for n in numbers {
        assert!(
            !screen.contains(&n[..12]),
            "{what} shows identity number {n}:\n{screen}"
        );
    }
}

/// A store with a record of every kind that holds an identity number.
fn office(db: &Path) -> (Store, Vec<String>) {
    let mut s = Store::open(db, "Ani").unwrap();
    let mut numbers = Vec::new();
    for (i, name) in ["Siti Aminah", "Sri Wahyuni"].iter().enumerate() {
        let n = nik(i as u32 + 1);
        let (c, checked) = PmiCase::from_fields(
            &map(&[
                ("name", name),
                ("nik", &n),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("country", "Taiwan"),
                ("category", "sakit"),
                ("reported_on", "2026-03-01"),
            ]),
            today(),
        );
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        s.insert_case(&c.unwrap()).unwrap();
        numbers.push(n);
    }
    let pn = synthesise(
        "3505",
        7,
        Date::from_ymd_opt(1995, 7, 2).unwrap(),
        Sex::P,
        77,
    );
    let (p, checked) = Placement::from_fields(
        &map(&[
            ("nik", &pn),
            ("name", "Dewi Lestari"),
            ("sex", "P"),
            ("kecamatan", "Kademangan"),
            ("country", "Hongkong"),
            ("sector", "informal"),
            ("departure_date", "2026-05-02"),
        ]),
        today(),
    );
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    s.insert_placement(&p.unwrap()).unwrap();
    numbers.push(pn);

    let mut t = Training::new("Barista", 2026, FundingSource::Dbhcht);
    t.start_date = Date::from_ymd_opt(2026, 7, 1);
    t.end_date = Date::from_ymd_opt(2026, 7, 12);
    let tid = s.insert_training(&t).unwrap();
    let tn = synthesise(
        "3505",
        3,
        Date::from_ymd_opt(2001, 1, 9).unwrap(),
        Sex::L,
        5,
    );
    let (p, checked) = Trainee::from_fields(
        &map(&[
            ("name", "Budi Peserta"),
            ("nik", &tn),
            ("sex", "L"),
            ("kecamatan", "Wlingi"),
        ]),
        tid,
        &t,
        today(),
    );
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    s.insert_trainee(&p.unwrap()).unwrap();
    numbers.push(tn);

    let hn = synthesise(
        "3505",
        12,
        Date::from_ymd_opt(1980, 8, 12).unwrap(),
        Sex::L,
        9,
    );
    let kk = "3505120000000009".to_string();
    let (r, checked) = Registration::from_fields(
        &map(&[
            ("head_name", "Kepala Keluarga"),
            ("nik", &hn),
            ("kk_no", &kk),
            ("members", "4"),
            ("kecamatan", "Talun"),
            ("registered_on", "2026-02-01"),
        ]),
        today(),
    );
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    s.insert_transmigrant(&r.unwrap()).unwrap();
    numbers.push(hn);
    numbers.push(kk);
    (s, numbers)
}

#[test]
fn lists_and_history_mask_identity_numbers_and_the_detail_shows_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (store, numbers) = office(&dir.path().join("s.db"));
    let mut app = App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "s.db".into(),
        today(),
    );
    // Every pane's list.
    for pane in 1..=7u8 {
        press(&mut app, KeyCode::Char(char::from(b'0' + pane)));
        let s = screen(&mut app);
        assert_masked(&format!("pane {pane}"), &s, &numbers);
    }
    // The case list shows the last four digits; the detail shows the whole NIK; the
    // history shows it masked again.
    press(&mut app, KeyCode::Char('1'));
    let s = screen(&mut app);
    assert!(
        s.contains("Sri Wahyuni") && s.contains(&numbers[1][12..]),
        "{s}"
    );
    press(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(
        s.contains(&numbers[1]),
        "the detail shows the NIK whole:\n{s}"
    );
    press(&mut app, KeyCode::Char('h'));
    let s = screen(&mut app);
    assert!(
        s.contains(&format!("************{}", &numbers[1][12..])),
        "{s}"
    );
    assert_masked("the case history", &s, &numbers);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);

    // The placements drill-down list (all of the year), then its detail.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::End);
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("Dewi Lestari"), "the drill-down list:\n{s}");
    assert_masked("the placement list", &s, &numbers);
    press(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains(&numbers[2]), "the placement detail:\n{s}");
}

#[test]
fn the_history_masks_nik_and_family_card_numbers() {
    let entry = AuditEntry {
        version: 2,
        action: "update".into(),
        officer: "Ani".into(),
        at: "2026-11-28 10:00:00".into(),
        changes: vec![
            Change {
                field: "kk_no".into(),
                old: "3505120000000001".into(),
                new: "3505120000000002".into(),
            },
            Change {
                field: "nik".into(),
                old: String::new(),
                new: "3505124512950001".into(),
            },
        ],
    };
    let text: String = history_lines(&[entry], Lang::En, &Theme::plain())
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(!text.contains("350512"), "{text}");
    assert!(
        text.contains("************0001 → ************0002"),
        "{text}"
    );
    assert!(text.contains("************0001\n"), "{text}");
}

/// Import cases whose names a spreadsheet would run as formulas.
fn hostile_office(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("s.db");
    let names: Vec<String> = ["=cmd()", "@SUM(1)", "+628123", "-Siti", "Sri Wahyuni"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let file = dir.join("c.csv");
    std::fs::write(&file, case_file(&names, 1)).unwrap();
    let (code, _, err) = run(disnaker(&db, "Ani").args(["import", "cases"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    db
}

fn longest_digit_run(s: &str) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        cur = if c.is_ascii_digit() { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

#[test]
fn the_case_list_leaves_only_on_request_neutralised_private_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_office(dir.path());
    let export = |args: &[&str]| {
        run(disnaker(&db, "Ani")
            .args(["export", "cases", "--year", "2025"])
            .args(args))
    };

    // The summary carries no names and no NIK.
    let (code, out, err) = export(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Sri") && !out.contains("cmd"), "{out}");
    assert!(longest_digit_run(&out) < 16, "{out}");

    // The list, on request, to a file: private, whole, neutralised.
    let list = dir.path().join("list.csv");
    std::fs::write(&list, "older file\n").unwrap();
    std::fs::set_permissions(&list, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let (code, out, err) = export(&["--include-personal-data", "--out", list.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("with personal data") && out.contains("5 rows"),
        "{out}"
    );
    assert_eq!(mode(&list), 0o600, "a personal export is its owner's only");
    let mut r = csv::Reader::from_path(&list).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, case_list_header());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let names: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(
        names,
        ["'=cmd()", "'@SUM(1)", "'+628123", "'-Siti", "Sri Wahyuni"]
    );
    let niks: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(
        niks,
        (1..=5).map(nik).collect::<Vec<_>>(),
        "whole NIK in the list"
    );

    // The other formats, and stdout.
    let (code, out, _) = export(&["--include-personal-data", "--format", "csv-excel"]);
    assert_eq!(code, 0);
    assert!(out.contains("'=cmd()") && out.contains(&nik(5)), "{out}");
    let book = dir.path().join("list.xlsx");
    let (code, _, err) = export(&[
        "--include-personal-data",
        "--format",
        "xlsx",
        "--out",
        book.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&book), 0o600);
    assert_eq!(&std::fs::read(&book).unwrap()[..2], b"PK");

    // Each export of personal data is in the history: who, what, how many, where.
    let store = Store::open(&db, "Citra").unwrap();
    let log = store.personal_data_exports().unwrap();
    assert_eq!(log.len(), 3, "the summary export is not personal: {log:?}");
    let field = |e: &AuditEntry, k: &str| {
        e.changes
            .iter()
            .find(|c| c.field == k)
            .map(|c| c.new.clone())
            .unwrap_or_default()
    };
    for e in &log {
        assert_eq!(e.officer, "Ani");
        assert_eq!(e.action, "export");
        assert!(!e.at.is_empty());
        assert_eq!(field(e, "what"), "cases");
        assert_eq!(field(e, "year"), "2025");
        assert_eq!(field(e, "rows"), "5");
    }
    let to: Vec<String> = log.iter().map(|e| field(e, "to")).collect();
    assert_eq!(
        to,
        [
            list.display().to_string(),
            "stdout".to_string(),
            book.display().to_string()
        ]
    );
    let formats: Vec<String> = log.iter().map(|e| field(e, "format")).collect();
    assert_eq!(formats, ["csv", "csv-excel", "xlsx"]);
}

#[test]
fn every_export_neutralises_formula_cells() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    // A country typed as a formula (countries outside the list may be typed).
    let line = "3505124512950001,Siti,P,Ponggok,,=cmd(),informal,,,2026-05-02";
    let file = dir.path().join("p.csv");
    std::fs::write(
        &file,
        format!(
            "nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date\n{line}\n"
        ),
    )
    .unwrap();
    let (code, _, err) = run(disnaker(&db, "Ani")
        .args(["import", "placements"])
        .arg(&file));
    assert_eq!(code, 0, "{err}");
    for format in ["csv", "csv-excel"] {
        let (code, out, err) = run(disnaker(&db, "Ani").args([
            "export",
            "countries",
            "--year",
            "2026",
            "--format",
            format,
        ]));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("'=cmd()"), "{format}: {out}");
        assert!(!out.contains(",=cmd") && !out.contains(";=cmd"), "{out}");
    }

    // The TUI's `x` writes the same way.
    let store = Store::open(&db, "Ani").unwrap();
    let mut app = App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "s.db".into(),
        today(),
    );
    app.export_dir = dir.path().to_path_buf();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('v')); // by country
    press(&mut app, KeyCode::Char('x'));
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains("disnaker-negara-"))
        .collect();
    assert_eq!(written.len(), 1, "{}", screen(&mut app));
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        text.contains("'=cmd()") && !text.contains(",=cmd"),
        "{text}"
    );
}

#[test]
fn stores_journals_and_backups_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let names = vec!["Siti".to_string()];
    std::fs::write(dir.path().join("c.csv"), case_file(&names, 1)).unwrap();
    let (code, _, err) = run(disnaker(&db, "Ani")
        .args(["import", "cases"])
        .arg(dir.path().join("c.csv")));
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&db), 0o600);
    // The journal files exist while a connection is open: they hold the same data.
    let open = Store::open(&db, "Ani").unwrap();
    for suffix in ["-wal", "-shm"] {
        let p = dir.path().join(format!("new.db{suffix}"));
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    drop(open);
    let copy = dir.path().join("copy.db");
    let (code, _, err) = run(disnaker(&db, "Ani").arg("backup").arg(&copy));
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&copy), 0o600);
}

#[test]
fn messages_never_carry_a_whole_nik() {
    // Import errors about NIKs (a woman's NIK on a man, a NIK twice in a training file, a
    // bad kecamatan beside a good NIK) name the row, never the number.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let file = dir.path().join("bad.csv");
    let rows = [
        format!("Siti,{},L,Ponggok,,Taiwan,sakit,2025-03-01,baru", nik(1)),
        format!("Sri,{},P,Atlantis,,Taiwan,sakit,2025-03-01,baru", nik(2)),
        format!("Ani,{}9,P,Ponggok,,Taiwan,sakit,2025-03-01,baru", nik(3)),
    ];
    std::fs::write(&file, format!("{CASE_HEADER}\n{}\n", rows.join("\n"))).unwrap();
    let (code, _, err) = run(disnaker(&db, "Ani").args(["import", "cases"]).arg(&file));
    assert_eq!(code, 3);
    assert_eq!(
        err.lines().filter(|l| l.starts_with("line ")).count(),
        3,
        "{err}"
    );
    assert!(longest_digit_run(&err) < 16, "{err}");

    // The store's refusals too: a participant entered twice.
    let mut s = Store::open(&db, "Ani").unwrap();
    let t = Training::new("Barista", 2026, FundingSource::Dbhcht);
    let tid = s.insert_training(&t).unwrap();
    let tn = nik(7);
    let (p, _) = Trainee::from_fields(
        &map(&[
            ("name", "Budi"),
            ("nik", &tn),
            ("sex", "P"),
            ("kecamatan", "Wlingi"),
        ]),
        tid,
        &t,
        today(),
    );
    let p = p.unwrap();
    s.insert_trainee(&p).unwrap();
    let e = s.insert_trainee(&p).unwrap_err().to_string();
    assert!(e.contains("already participant"), "{e}");
    assert!(!e.contains(&tn) && longest_digit_run(&e) < 16, "{e}");
}
