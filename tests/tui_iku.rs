//! Pane 6 driven by key events on a store with the 2024 trainings, read off the rendered
//! 80×24 buffer.

mod iku_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::i18n::Lang;
use disnaker::report::iku_year::iku_year;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use iku_support::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    // What the event loop finishes after the frame (pane 4's series), then its frame.
    while app.has_work() {
        app.work();
        t.draw(|f| app.render(f)).unwrap();
    }
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

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn app_on(store: Store, lang: Lang) -> App {
    let mut a = App::new(
        store,
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t".into(),
        day(2025, 3, 1),
    );
    a.year = 2024;
    press(&mut a, KeyCode::Char('6'));
    a
}

fn words(s: &str, code: &str) -> Vec<String> {
    s.lines()
        .find(|l| l.starts_with(code))
        .unwrap_or_else(|| panic!("no {code} row in\n{s}"))
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn pane_6_shows_the_2024_rows_and_explains_iku1() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_on(
        store_with_2024_trainings(&dir.path().join("t.db"), "ani"),
        Lang::Id,
    );
    let s = screen(&mut a);
    println!("{s}");
    assert!(s.contains("IKU 2024"), "{s}");
    assert!(
        s.contains("Kode   Target Realisasi n/d     Capaian Predikat        2022   2023 R.2026"),
        "{s}"
    );
    assert_eq!(
        words(&s, "IKU1"),
        [
            "IKU1", "80,00", "82,56", "284/344", "103,20", "Sangat", "Tinggi", "70,83", "76,47",
            "90,00"
        ]
    );
    assert_eq!(
        words(&s, "IKU2"),
        ["IKU2", "73,67", "72,36*", "98,22", "Sangat", "Tinggi", "72,79", "73,50", "72,93"]
    );
    assert_eq!(
        words(&s, "IKU3"),
        ["IKU3", "98,00", "-*", "0/0", "-", "-", "96,00", "97,00", "100,00"],
        "no value: not 0, not 98, not 100"
    );
    assert_eq!(
        words(&s, "IKU4"),
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
    // the selected indicator's trend, target and Renstra target
    assert!(
        s.contains("IKU1 · Persentase lulusan pelatihan yang telah bekerja"),
        "{s}"
    );
    assert!(s.contains("2024    82,56 ███"), "{s}");
    assert!(s.contains("2021        -"), "{s}");
    assert!(s.contains("Target  80,00 ███"), "{s}");
    assert!(s.contains("R.2026  90,00 ███"), "{s}");
    assert!(s.contains("Dari catatan: catatan pelatihan"), "{s}");

    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    println!("{s}");
    assert!(s.contains("Asal angka · IKU1 2024"), "{s}");
    assert!(s.contains("= 284 / 344 × 100 = 82,56"), "{s}");
    assert!(s.contains("capaian = 82,56 / 80,00 × 100 = 103,20"), "{s}");
    assert!(s.contains("Predikat: Sangat Tinggi"), "{s}");
    assert!(
        s.contains("Angka LKjIP 2024 (pembanding): 82,56 (284 / 344)"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    assert!(!screen(&mut a).contains("Asal angka ·"));

    // h on a figure from records: nothing entered to show
    press(&mut a, KeyCode::Char('h'));
    assert!(screen(&mut a).contains("IKU1 2024: tidak ada nilai yang diisi; sumbernya catatan"));

    // IKU3 and IKU4 say what the report got wrong
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    let s = screen(&mut a);
    assert!(s.contains("laporan mencantumkan 98%"), "{s}");
    press(&mut a, KeyCode::Down);
    let s = screen(&mut a);
    assert!(s.contains("komponen SAKIP berjumlah"), "{s}");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Jumlah: 72,20"), "{s}");
    assert!(
        s.contains("Capaian") || s.contains("capaian = 72,70 / 81,00 × 100 = 89,75"),
        "{s}"
    );
}

#[test]
fn the_year_keys_move_to_2023_with_its_published_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_on(
        store_with_2024_trainings(&dir.path().join("t.db"), "ani"),
        Lang::En,
    );
    press(&mut a, KeyCode::Char('['));
    let s = screen(&mut a);
    assert!(s.contains("IKU 2023"), "{s}");
    assert_eq!(
        words(&s, "IKU1"),
        ["IKU1", "-", "76.47*", "130/170", "-", "-", "-", "70.83", "90.00"],
        "2023 is published, with no target known"
    );
    assert!(s.contains("Published in the performance report"), "{s}");
}

#[test]
fn tpak_entered_in_the_pane_with_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_on(
        store_with_2024_trainings(&dir.path().join("t.db"), "ani"),
        Lang::Id,
    );
    screen(&mut a);
    // IKU1 comes from records: nothing to enter
    press(&mut a, KeyCode::Char('n'));
    assert!(screen(&mut a).contains("IKU1: dihitung dari catatan; tidak diisi tangan"));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('n'));
    let s = screen(&mut a);
    assert!(s.contains("Nilai IKU baru"), "{s}");
    assert!(s.contains("‹ IKU2 ›"), "{s}");
    press(&mut a, KeyCode::Tab); // year, filled in
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "72,50");
    for _ in 0..6 {
        press(&mut a, KeyCode::Tab);
    }
    typ(&mut a, "BPS Kabupaten Blitar, Sakernas Agustus 2024");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "05/11/2024");
    a.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let s = screen(&mut a);
    println!("{s}");
    assert!(
        s.contains("Nilai IKU disimpan #1") || s.contains("#1"),
        "{s}"
    );
    assert_eq!(
        words(&s, "IKU2"),
        ["IKU2", "73,67", "72,50+", "98,41", "Sangat", "Tinggi", "72,79", "73,50", "72,93"]
    );
    assert!(s.contains("Diisi ani dari BPS Kabupaten"), "{s}");
    assert!(s.contains("(05-11-2024)"), "{s}");
    // e opens the same value to correct it; h shows its history
    press(&mut a, KeyCode::Char('e'));
    assert!(screen(&mut a).contains("Nilai IKU #1"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&mut a);
    assert!(s.contains("72.50"), "{s}");
    press(&mut a, KeyCode::Esc);
    // Archived, the value leaves the table; `a` then `r` on the indicator takes it back.
    press(&mut a, KeyCode::Delete);
    press(&mut a, KeyCode::Char('y'));
    let s = screen(&mut a);
    assert!(!words(&s, "IKU2").iter().any(|w| w == "72,50+"), "{s}");
    press(&mut a, KeyCode::Char('a'));
    assert!(screen(&mut a).contains("[arsip]"));
    press(&mut a, KeyCode::Char('r'));
    let s = screen(&mut a);
    assert!(s.contains("dipulihkan"), "{s}");
    assert_eq!(words(&s, "IKU2")[2], "72,50+", "{s}");
    assert!(!a.store.get_iku_entry(1).unwrap().archived);
}

#[test]
fn x_writes_the_years_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_on(
        store_with_2024_trainings(&dir.path().join("t.db"), "ani"),
        Lang::Id,
    );
    let out = tempfile::tempdir().unwrap();
    a.export_dir = out.path().to_path_buf();
    screen(&mut a);
    press(&mut a, KeyCode::Char('x'));
    let s = screen(&mut a);
    let files: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{s}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("disnaker-iku-2024-"), "{name}");
    assert!(s.contains(&name[..20]), "the path is shown: {s}");
    let written = std::fs::read_to_string(&files[0]).unwrap();
    assert!(written.starts_with(
        "code,indicator,target,realisation,numerator,denominator,capaian_percent,predicate,target_grade,grade\r\n"
    ));
    assert!(written.contains("\r\nIKU1,Persentase lulusan pelatihan yang telah bekerja,80.00,82.56,284,344,103.20,Sangat Tinggi,,\r\n"));
}

#[test]
fn a_closed_year_says_so_and_shows_drift_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut s = store_with_2024_trainings(&path, "ani");
    let figures = iku_year(&s, 2024).unwrap().figures_to_report();
    s.close_iku_year(2024, &figures).unwrap();
    let mut a = app_on(s, Lang::Id);
    let screen_text = screen(&mut a);
    assert!(screen_text.contains("DITUTUP (ani, "), "{screen_text}");
    // another officer reopens and records one more participant at work
    let mut budi = Store::open(&path, "budi").unwrap();
    budi.reopen_iku_year(2024, "koreksi").unwrap();
    let mut t = budi.get_trainee(300).unwrap();
    assert!(!t.trainee.is_employed());
    t.trainee.employment = Some(disnaker::domain::training::Employment::Bekerja);
    t.trainee.employer = "CV Sejahtera".into();
    budi.update_trainee(300, t.version, &t.trainee).unwrap();
    assert!(a.poll_data_change());
    let s = screen(&mut a);
    println!("{s}");
    assert!(s.contains("dibuka kembali (budi, "), "{s}");
    assert_eq!(words(&s, "IKU1!")[2], "82,85");
    assert!(s.contains("! dilaporkan 82,56, sekarang 82,85"), "{s}");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Dibuka kembali oleh budi"), "{s}");
    assert!(s.contains("82,56, capaian 103,20"), "{s}");
    assert!(
        s.contains("Berubah sejak ditutup: sekarang 82,85, capaian 103,56"),
        "{s}"
    );
}

/// A big office's figures are shown whole at 80 columns: IKU1's ratio in pane 6's n/d, and
/// pane 4's year line with its employed count (the certified count gives way) and the
/// years before, whole years only.
#[test]
fn a_big_office_s_figures_are_shown_whole() {
    let mut s = Store::open_in_memory("ani").unwrap();
    let demo_day = disnaker::domain::demo::reference_day();
    disnaker::store::demo::fill(&mut s, 50_000, demo_day, |_| {}).unwrap();
    let year = (2022..=2026)
        .max_by_key(|y| s.training_year_counts(*y).unwrap().participants)
        .unwrap();
    let t = s.training_year_counts(year).unwrap();
    // IKU1 counts the competency-based trainings and apprenticeships of the year only.
    let i = disnaker::report::trainings::iku1_counts(&s, year).unwrap();
    assert!(
        i.participants < t.participants,
        "the demo has other types too"
    );
    let ratio = format!("{}/{}", i.employed, i.participants);
    assert!(
        ratio.len() > 7,
        "a ratio longer than the old column: {ratio}"
    );
    let mut a = app_on(s, Lang::Id);
    a.year = year;
    press(&mut a, KeyCode::Char('6'));
    let sc = screen(&mut a);
    assert!(words(&sc, "IKU1").contains(&ratio), "{ratio} in\n{sc}");
    press(&mut a, KeyCode::Char('4'));
    let sc = screen(&mut a);
    let employed = format!(" · {} bekerja", Lang::Id.count(t.employed));
    let totals = sc
        .lines()
        .find(|l| l.starts_with(&format!("{year}: ")))
        .unwrap();
    assert!(
        totals.trim_end().ends_with(&employed),
        "{employed} in\n{sc}"
    );
    let series = sc
        .lines()
        .find(|l| l.starts_with("Catatan per tahun: "))
        .unwrap();
    assert!(series.trim_end().ends_with('%'), "{sc}");
}

/// Issue 15: the 2024 trainings plus 445 participants of entrepreneurship trainings. IKU1 stays
/// 284 / 344 = 82,56 on pane 6 and on pane 4, whose header gives the entrepreneurship
/// participants on their own line beside it; the list shows each training's type, at 80×24.
#[test]
fn entrepreneurship_trainings_are_shown_beside_iku1_not_in_it() {
    use disnaker::domain::case::Sex;
    use disnaker::domain::nik::synthesise;
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_2024_trainings(&dir.path().join("t.db"), "ani");
    let rows: Vec<(u64, std::collections::BTreeMap<String, String>)> = (0..445)
        .map(|n| {
            let nik = synthesise("3505", 7, day(1990, 5, 17), Sex::P, 2000 + n as u32);
            let employed = if n < 400 { "ya" } else { "tidak" };
            let kind = if n < 400 { "wirausaha" } else { "" };
            let on = if n < 400 { "2024-12-01" } else { "" };
            let pairs = [
                ("training", "Kewirausahaan Menjahit"),
                ("training_type", "kewirausahaan"),
                ("year", "2024"),
                ("funding_source", "APBD"),
                ("name", "Peserta Wirausaha"),
                ("nik", &nik),
                ("sex", "P"),
                ("kecamatan", "Wlingi"),
                ("graduated", "ya"),
                ("employed", employed),
                ("employment_type", kind),
                ("employer", ""),
                ("employed_on", on),
            ];
            let map = pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (n as u64 + 2, map)
        })
        .collect();
    let out = s.import_trainees(&rows, day(2025, 6, 30), false).unwrap();
    assert!(out.is_ok() && out.written, "{:?}", out.errors.first());
    let mut a = app_on(s, Lang::Id);
    let sc = screen(&mut a);
    assert_eq!(words(&sc, "IKU1")[2..4], ["82,56", "284/344"], "{sc}");

    press(&mut a, KeyCode::Char('4'));
    let sc = screen(&mut a);
    assert!(
        sc.contains("IKU1 2024: 284 / 344 = 82,56% · target 80% · capaian 103,20% · Sangat Tinggi"),
        "{sc}"
    );
    assert!(
        sc.contains("Kewirausahaan 2024 (di luar IKU1): 445 peserta · 400 bekerja"),
        "{sc}"
    );
    let iku1 = sc.lines().position(|l| l.starts_with("IKU1 2024")).unwrap();
    let apart = sc
        .lines()
        .position(|l| l.starts_with("Kewirausahaan 2024"))
        .unwrap();
    assert_eq!(apart, iku1 + 1, "beside IKU1, on a line of its own: {sc}");
    assert!(sc.contains("Jenis"), "the list has a type column: {sc}");
    let first = sc.lines().find(|l| l.starts_with("Barista")).unwrap();
    assert!(first.contains(" PBK "), "{sc}");

    // The filter finds a training by its type.
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "kewirausahaan");
    let sc = screen(&mut a);
    // (the scheme's name is cut to its column at 80 columns, and says so)
    let row = words(&sc, "Kewirausahaan …");
    assert_eq!(
        row[2..6],
        ["APBD", "KWU", "-", "445"].map(String::from),
        "{sc}"
    );
}

/// Issue 15 (9): a demo spreads its trainings, disputes and entered values over the three
/// years up to the day it is made, so pane 6 of that year has figures: IKU1 from the records,
/// TPAK and TPT entered (`+`), never the empty year a newcomer used to see.
#[test]
fn the_demo_s_iku_pane_of_its_own_year_has_figures() {
    use chrono::Datelike;
    for today in [day(2026, 11, 28), day(2027, 9, 15)] {
        let mut s = Store::open_in_memory("ani").unwrap();
        disnaker::store::demo::fill(&mut s, 2_000, today, |_| {}).unwrap();
        let mut a = App::new(
            s,
            Keymap::default_keymap(),
            Lang::Id,
            Theme::plain(),
            "t".into(),
            today,
        );
        a.year = today.year();
        press(&mut a, KeyCode::Char('6'));
        let sc = screen(&mut a);
        assert!(sc.contains(&format!("IKU {}", today.year())), "{sc}");
        let iku1 = words(&sc, "IKU1");
        assert!(
            iku1[2].chars().next().unwrap().is_ascii_digit() && !iku1[2].ends_with('*'),
            "IKU1 from the records: {sc}"
        );
        let (employed, participants) = iku1[3].split_once('/').unwrap();
        assert!(employed != "0" && participants != "0", "{sc}");
        for code in ["IKU2", "TPT"] {
            let row = words(&sc, code);
            assert!(row[2].ends_with('+'), "{code} entered: {sc}");
        }
    }
}

/// Pane 4's line beside IKU1 (entrepreneurship, and the other trainings) fits 80 columns in
/// both languages on a demo store, which has trainings of every type.
#[test]
fn the_line_beside_iku1_is_whole_at_80_columns() {
    use chrono::Datelike;
    let today = day(2026, 11, 28);
    for (lang, starts, other) in [
        (Lang::Id, "Kewirausahaan 2026", "lainnya: "),
        (Lang::En, "Entrepreneurship 2026", "other: "),
    ] {
        let mut s = Store::open_in_memory("ani").unwrap();
        disnaker::store::demo::fill(&mut s, 2_000, today, |_| {}).unwrap();
        let mut a = App::new(
            s,
            Keymap::default_keymap(),
            lang,
            Theme::plain(),
            "t".into(),
            today,
        );
        a.year = today.year();
        press(&mut a, KeyCode::Char('4'));
        let sc = screen(&mut a);
        let line = sc.lines().find(|l| l.starts_with(starts)).unwrap();
        let (_, n) = line.trim_end().rsplit_once(other).expect(&sc);
        assert!(
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'),
            "the count of other trainings ends the line, whole: {sc}"
        );
    }
}
