//! IKU3 by the report's formula (issue 15): disputes recorded in a year and followed up /
//! recorded, with "PB tepat waktu" beside it, through the built binary (`iku --format
//! csv|json|table`), on pane 3 and pane 6 at 80×24 (with the report's contradictions in the
//! `Enter` explanation), and kept as closed until the year is reopened and closed again.

use assert_cmd::cargo_bin_cmd;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::domain::dispute::Dispute;
use disnaker::i18n::Lang;
use disnaker::report::iku::Ratio;
use disnaker::report::iku_year::{iku_year_on, Beside, Origin};
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The day the figures are looked at: after the last of the disputes ended.
fn today() -> Date {
    day(2025, 3, 1)
}

fn dispute(company: &str, recorded_on: &str, outcome: &str, outcome_on: &str) -> Dispute {
    let v: BTreeMap<String, String> = [
        ("company", company),
        ("workers", "Serikat Pekerja"),
        ("type", "phk"),
        ("recorded_on", recorded_on),
        ("outcome", outcome),
        ("outcome_on", outcome_on),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (x, checked) = Dispute::from_fields(&v, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    x.unwrap()
}

/// Five disputes recorded in 2024: four ended in a PB, one of them a working day past the
/// 30 working days of mediation (Fri 20 Dec 2024 + 30 working days ends Mon 10 Feb 2025),
/// and one in an anjuran.
fn five_disputes() -> Vec<Dispute> {
    vec![
        dispute("PT Satu", "2024-03-04", "pb", "2024-03-20"),
        dispute("PT Dua", "2024-06-03", "pb", "2024-07-17"),
        dispute("PT Tiga", "2024-11-04", "pb", "2024-11-29"),
        dispute("PT Empat", "2024-12-20", "pb", "2025-02-11"),
        dispute("PT Lima", "2024-05-06", "anjuran", "2024-05-27"),
    ]
}

fn office(db: &Path) -> Store {
    let mut s = Store::open(db, "ani").unwrap();
    s.insert_disputes(&five_disputes()).unwrap();
    s
}

fn disnaker(db: &Path, args: &[&str]) -> String {
    let out = cargo_bin_cmd!("disnaker")
        .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        .arg("--officer")
        .arg("ani")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn five_recorded_four_pb_one_late_and_one_anjuran_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office(&db));

    // CSV: the same columns as before, IKU3's realisation by the formula: 5 / 5 = 100.00,
    // capaian 100 / 98 × 100 = 102.04
    let csv = disnaker(&db, &["iku", "--year", "2024", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with(
            "code,indicator,target,realisation,numerator,denominator,capaian_percent,predicate"
        ),
        "{header}"
    );
    let iku3: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("IKU3,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(
        iku3[2..8],
        ["98.00", "100.00", "5", "5", "102.04", "Sangat Tinggi"],
        "{csv}"
    );
    assert_eq!(
        csv.lines().count(),
        6,
        "one row per indicator, no row added: {csv}"
    );

    // JSON: the realisation and, beside it, PB tepat waktu 3 / 5 = 60.00
    let json: serde_json::Value = serde_json::from_str(&disnaker(
        &db,
        &["iku", "--year", "2024", "--format", "json"],
    ))
    .unwrap();
    let iku3 = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "IKU3")
        .unwrap();
    assert_eq!(iku3["realisation"], serde_json::json!(100.0));
    assert_eq!(
        (&iku3["numerator"], &iku3["denominator"]),
        (&serde_json::json!(5), &serde_json::json!(5))
    );
    assert_eq!(iku3["origin"], "records");
    assert_eq!(
        iku3["pb_on_time"],
        serde_json::json!({"numerator": 3, "denominator": 5, "value": 60.0})
    );
    let iku1 = &json["indicators"][0];
    assert_eq!(iku1["pb_on_time"], serde_json::Value::Null);
    let contra = iku3["report_contradictions"].as_array().unwrap();
    assert!(
        contra
            .iter()
            .any(|c| c.as_str().unwrap().contains("IKU3 2022 dicantumkan 96%")),
        "{contra:?}"
    );

    // the table: the share beside it, in the officer's numbers
    let table = disnaker(&db, &["iku", "--year", "2024"]);
    assert!(
        table.contains("IKU3 PB tepat waktu: 3 / 5 = 60,00%"),
        "{table}"
    );
    let table_en = disnaker(&db, &["--lang", "en", "iku", "--year", "2024"]);
    assert!(
        table_en.contains("IKU3 PB on time: 3 / 5 = 60.00%"),
        "{table_en}"
    );
}

#[test]
fn followed_up_counts_on_the_day_of_the_figure_and_the_published_2024_figure_stays() {
    let dir = tempfile::tempdir().unwrap();
    let s = office(&dir.path().join("t.db"));
    let row = |on: Date| {
        iku_year_on(&s, 2024, on)
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.def.code == "IKU3")
            .unwrap()
    };
    let r = row(today());
    assert_eq!(r.shown.ratio, Some(Ratio::new(5, 5)));
    assert_eq!(r.shown.realisation, Some(dec("100.00")));
    assert_eq!(
        r.shown.beside,
        Some(Beside {
            ratio: Ratio::new(3, 5),
            value: Some(dec("60.00"))
        })
    );
    // the LKjIP's own 2024 figure, beside for comparison: 98% printed from 0 recorded is
    // still no value
    assert_eq!(r.published, Some((None, Some(Ratio::new(0, 0)))));
    // on 31 December 2024 the late PB (11 February 2025) was not signed yet
    let r = row(day(2024, 12, 31));
    assert_eq!(r.shown.ratio, Some(Ratio::new(4, 5)));
    assert_eq!(r.shown.realisation, Some(dec("80.00")));
    assert_eq!(r.shown.beside.unwrap().ratio, Ratio::new(3, 5));
    // a year without records keeps the published figures and no share beside them
    let r23 = iku_year_on(&s, 2023, today()).unwrap();
    let r23 = &r23.rows[2];
    assert_eq!(r23.shown.origin, Origin::Published);
    assert_eq!(r23.shown.realisation, Some(dec("97.00")));
    assert_eq!(r23.shown.beside, None);
}

#[test]
fn a_closed_year_keeps_its_figures_and_closing_again_recomputes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = office(&dir.path().join("t.db"));
    let figures = iku_year_on(&s, 2024, today()).unwrap().figures_to_report();
    s.close_iku_year(2024, &figures).unwrap();
    let iku3 = |s: &Store| iku_year_on(s, 2024, today()).unwrap().rows[2].clone();
    let closed = iku3(&s);
    assert_eq!(closed.shown, closed.live);
    assert!(!closed.drift());
    let kept = closed.reported.unwrap();
    assert_eq!(kept.realisation, Some(dec("100.00")));
    assert_eq!(kept.beside.unwrap().ratio, Ratio::new(3, 5));
    let history = s.iku_year_history(2024).unwrap();
    let change = history[0]
        .changes
        .iter()
        .find(|c| c.field == "IKU3")
        .unwrap();
    assert!(
        change.new.contains("PB tepat waktu 60.00 (3/5)"),
        "{}",
        change.new
    );

    // reopened, a sixth dispute recorded in 2024 and still open: the live figures move, the
    // reported ones stay
    s.reopen_iku_year(2024, "satu perselisihan terlambat dicatat")
        .unwrap();
    s.insert_dispute(&dispute("PT Enam", "2024-12-02", "", ""))
        .unwrap();
    let open = iku3(&s);
    assert!(open.drift());
    assert_eq!(open.live.ratio, Some(Ratio::new(5, 6)));
    assert_eq!(open.live.realisation, Some(dec("83.33")));
    assert_eq!(open.live.beside.unwrap().value, Some(dec("50.00")));
    assert_eq!(
        open.reported.as_ref().unwrap().realisation,
        Some(dec("100.00"))
    );

    // closed again: recomputed
    let figures = iku_year_on(&s, 2024, today()).unwrap().figures_to_report();
    s.close_iku_year(2024, &figures).unwrap();
    let again = iku3(&s);
    assert!(!again.drift());
    assert_eq!(again.shown.realisation, Some(dec("83.33")));
    assert_eq!(
        again.shown.beside,
        Some(Beside {
            ratio: Ratio::new(3, 6),
            value: Some(dec("50.00"))
        })
    );
}

fn app(store: Store, lang: Lang, pane: char) -> App {
    let mut a = App::new(
        store,
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t".into(),
        today(),
    );
    a.year = 2024;
    press(&mut a, KeyCode::Char(pane));
    a
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
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

#[test]
fn pane_3_shows_iku3_and_pb_tepat_waktu_in_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(office(&dir.path().join("t.db")), Lang::Id, '3');
    let s = screen(&mut a);
    assert!(s.contains("2024: 5 perselisihan tercatat"), "{s}");
    assert!(
        s.contains("IKU3 2024: 5/5 = 100,00% ditindaklanjuti · PB tepat waktu: 3 / 5 = 60,00%"),
        "{s}"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(office(&dir.path().join("t.db")), Lang::En, '3');
    let s = screen(&mut a);
    assert!(
        s.contains("IKU3 2024: 5/5 = 100.00% followed up · PB on time: 3 / 5 = 60.00%"),
        "{s}"
    );
}

#[test]
fn pane_6_shows_pb_tepat_waktu_and_enter_lists_the_report_contradictions() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(office(&dir.path().join("t.db")), Lang::Id, '6');
    let s = screen(&mut a);
    let row: Vec<&str> = s
        .lines()
        .find(|l| l.starts_with("IKU3"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        row,
        [
            "IKU3", "98,00", "100,00", "5/5", "102,04", "Sangat", "Tinggi", "96,00", "97,00",
            "100,00"
        ],
        "{s}"
    );
    // under the table, whichever row is selected
    assert!(s.contains("IKU3 PB tepat waktu: 3 / 5 = 60,00%"), "{s}");

    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Asal angka · IKU3 2024"), "{s}");
    assert!(s.contains("= 5 / 5 × 100 = 100,00"), "{s}");
    assert!(s.contains("PB tepat waktu: 3 / 5 = 60,00%"), "{s}");
    let all = explanation(&mut a);
    for wanted in [
        "Rumus: perselisihan yang ditindaklanjuti / perselisihan yang dicatatkan tahun n × 100",
        "Kontradiksi dalam laporan kinerja (LKjIP 2024):",
        "nama IKU3 menyebut",
        "IKU3 2022 dicantumkan 96% dari 3 perselisihan",
        "IKU3 2023 dicantumkan 97% dari 1 perselisihan",
        "laporan mencantumkan 98% padahal tidak ada perselisihan tercatat pada 2024",
    ] {
        assert!(all.contains(wanted), "{wanted} not in\n{all}");
    }
    press(&mut a, KeyCode::Esc);

    // IKU1's and IKU2's explanations carry theirs
    press(&mut a, KeyCode::Home);
    press(&mut a, KeyCode::Enter);
    let all = explanation(&mut a);
    assert!(
        all.contains("IKU1 2022: 73,33% di teks = 55 / 75 peserta"),
        "{all}"
    );
    assert!(
        all.contains("70,83% di tabel 3.8 bukan bagian utuh dari 75"),
        "{all}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let all = explanation(&mut a);
    assert!(all.contains("job fair"), "{all}");
    assert!(
        all.contains("227 orang di teks, 250 orang di tabel 3.23"),
        "{all}"
    );
}

/// Every screen of the open explanation, scrolled through with Page Down, joined line by
/// line with the frame's borders taken off (a long line wraps onto the next).
fn explanation(a: &mut App) -> String {
    let mut seen = String::new();
    for _ in 0..8 {
        let s = screen(a);
        for l in s.lines() {
            let inner = l.trim_matches(|c: char| c == '│' || c.is_whitespace());
            if !inner.is_empty() && !seen.contains(inner) {
                seen.push_str(inner);
                seen.push(' ');
            }
        }
        press(a, KeyCode::PageDown);
    }
    seen
}
