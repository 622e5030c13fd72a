//! Pictures where officers would rather look than read (issue 18, 7): pane 2's chart view of
//! the year's placements per kecamatan (overseas bars, the LKjIP figure marked, domestic bars
//! beside), the lookup's five years with the rank among the 22, and `disnaker lookup`'s
//! compact bars and JSON keys. Counts come from placements the tests insert; the screens are
//! drawn without colour (NO_COLOR), so the marks must read by their characters.

mod common;
mod wire_support;

use assert_cmd::cargo_bin_cmd;
use common::placement;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::case::{Sector, Sex};
use disnaker::domain::date::Date;
use disnaker::domain::domestic::DomesticPlacement;
use disnaker::domain::nik::synthesise;
use disnaker::domain::{Kecamatan, Placement};
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::pane::{Pane, PaneCtx};
use disnaker::tui::placements::PlacementsPane;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::BTreeMap;

fn today() -> Date {
    common::today()
}

/// `n` placements from `kecamatan` departing in `year`, serials from `first`.
fn placements(first: u32, kecamatan: &str, year: i32, n: u32) -> Vec<Placement> {
    (0..n)
        .map(|i| {
            let day = Date::from_ymd_opt(year, 1 + (i % 12), 1 + i % 28).unwrap();
            placement(
                first + i,
                kecamatan,
                "Hongkong",
                Sector::Informal,
                Sex::P,
                day,
            )
        })
        .collect()
}

fn domestic(serial: u32, kecamatan: &str, on: &str) -> DomesticPlacement {
    let birth = Date::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(u64::from(serial));
    let nik = synthesise("3505", 7, birth, Sex::L, serial);
    let v: BTreeMap<String, String> = [
        ("nik", nik.as_str()),
        ("name", "Budi"),
        ("sex", "L"),
        ("kecamatan", kecamatan),
        ("employer", "PT Maju"),
        ("employer_kabupaten", "Kota Surabaya"),
        ("employer_province", "Jawa Timur"),
        ("placed_on", on),
        ("how", "karirhub"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (p, c) = DomesticPlacement::from_fields(&v, today());
    p.unwrap_or_else(|| panic!("{:?}", c.errors))
}

/// 2023: Ponggok 16, Bakung 8, Wates 4 abroad; Wates 6 and Doko 3 at home. 2024: Ponggok
/// 37 (a tenth of the LKjIP's 370), Talun 5. Ponggok also 2, 4 and 6 in 2020–2022.
fn filled() -> Store {
    let mut s = Store::open_in_memory("ani").unwrap();
    let mut rows = Vec::new();
    for (kec, year, n) in [
        ("Ponggok", 2023, 16),
        ("Bakung", 2023, 8),
        ("Wates", 2023, 4),
        ("Ponggok", 2024, 37),
        ("Talun", 2024, 5),
        ("Ponggok", 2020, 2),
        ("Ponggok", 2021, 4),
        ("Ponggok", 2022, 6),
    ] {
        let first = rows.len() as u32 + 1;
        rows.extend(placements(first, kec, year, n));
    }
    s.import_placements(&rows, |_| {}).unwrap();
    let mut serial = 1;
    for (kec, n) in [("Wates", 6), ("Doko", 3)] {
        for i in 0..n {
            let on = format!("2023-0{}-1{i}", 1 + i % 9);
            s.insert_domestic(&domestic(serial, kec, &on)).unwrap();
            serial += 1;
        }
    }
    s
}

fn app(lang: Lang, year: i32) -> App {
    let mut a = App::new(
        filled(),
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t".into(),
        today(),
    );
    a.year = year;
    a
}

fn text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    text(t.backend().buffer())
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

/// Pane 2's chart view (its own key, `c`).
fn chart_view(app: &mut App) {
    key(app, '2');
    key(app, 'c');
}

/// A bar's length in eighths of a cell: the run of block characters after `at`.
fn eighths(s: &str) -> i64 {
    let mut n = 0;
    for c in s.chars() {
        n += match c {
            '█' => 8,
            '▉' => 7,
            '▊' => 6,
            '▋' => 5,
            '▌' => 4,
            '▍' => 3,
            '▎' => 2,
            '▏' => 1,
            _ => break,
        };
    }
    n
}

/// What follows `name`'s column (12 wide, then a space) on its line, up to the next
/// kecamatan's name on the same line.
fn after_name(s: &str, name: &str) -> String {
    let line = s
        .lines()
        .find(|l| l.starts_with(&format!("{name} ")) || l.contains(&format!("  {name} ")))
        .unwrap_or_else(|| panic!("{name} not on\n{s}"));
    let at = line[..line.find(&format!("{name} ")).unwrap()]
        .chars()
        .count();
    let rest: String = line.chars().skip(at + 13).collect();
    let end = Kecamatan::all()
        .iter()
        .filter_map(|k| rest.find(k.name()))
        .min()
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

#[test]
fn the_chart_at_80x24_shows_all_22_kecamatan_with_bars_in_proportion() {
    let mut a = app(Lang::Id, 2023);
    chart_view(&mut a);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Grafik per kecamatan · 2023"), "{s}");
    for k in Kecamatan::all() {
        assert!(
            s.lines().any(|l| l.starts_with(&format!("{} ", k.name()))
                || l.contains(&format!("  {} ", k.name()))),
            "{} missing:\n{s}",
            k.name()
        );
    }
    // Ponggok 16, Bakung 8, Wates 4: each half as long as the one before
    let (p, b, w) = (
        eighths(&after_name(&s, "Ponggok")),
        eighths(&after_name(&s, "Bakung")),
        eighths(&after_name(&s, "Wates")),
    );
    assert!(p >= 8 * 10, "the longest bar fills its room: {p}\n{s}");
    assert!(
        (p - 2 * b).abs() <= 1 && (b - 2 * w).abs() <= 1,
        "{p} {b} {w}\n{s}"
    );
    assert_eq!(eighths(&after_name(&s, "Doko")), 0, "{s}");
    // the figures beside the bars
    assert!(after_name(&s, "Ponggok").contains(" 16 "), "{s}");
    // the domestic placements beside them, ▒, each with its own scale: Wates 6, Doko 3
    assert!(s.contains("▒ dalam negeri: 9"), "{s}");
    assert!(s.contains("(LKjIP 2023: 399)"), "{s}");
    let shade = |name: &str| after_name(&s, name).chars().filter(|c| *c == '▒').count();
    // (whole cells: within one of twice as long)
    let (wates, doko) = (shade("Wates"), shade("Doko"));
    assert!(
        wates >= 4 && wates.abs_diff(2 * doko) <= 1,
        "{wates} {doko}\n{s}"
    );
    assert_eq!(shade("Ponggok"), 0, "{s}");
    // 2023 has no per-kecamatan LKjIP table: no mark
    assert!(!s.contains('┃'), "{s}");
    // Enter opens the selected kecamatan's placements
    for _ in 0..10 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Ponggok · 2023: 16 penempatan"), "{s}");
}

#[test]
fn a_published_year_marks_the_lkjip_figure_on_every_bar() {
    let mut a = app(Lang::Id, 2024);
    chart_view(&mut a);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("┃ angka LKjIP 2024: 3.727"), "{s}");
    // one mark for each of the 22 kecamatan
    assert_eq!(s.matches('┃').count(), 22 + 1, "{s}");
    // Ponggok's LKjIP 370 is the largest figure: its mark ends the bars' room, and its 37
    // records are a tenth of it
    let ponggok = after_name(&s, "Ponggok");
    let room = ponggok
        .find('┃')
        .map(|i| ponggok[..i].chars().count())
        .unwrap()
        + 1;
    let bar = eighths(&ponggok);
    assert!(
        (bar - (room as i64 * 8) / 10).abs() <= 1,
        "{bar} of {room}\n{s}"
    );
    // Talun: 5 records, 198 in the LKjIP — a short bar, its mark further right
    let talun = after_name(&s, "Talun");
    let mark = talun.find('┃').map(|i| talun[..i].chars().count()).unwrap();
    assert!(
        eighths(&talun) > 0 && eighths(&talun) < mark as i64 * 8,
        "{s}"
    );
    // In English
    let mut en = app(Lang::En, 2024);
    chart_view(&mut en);
    let s = screen(&mut en, 80, 24);
    assert!(s.contains("Chart by kecamatan · 2024"), "{s}");
    assert!(s.contains("█ overseas from records: 42"), "{s}");
    assert!(s.contains("┃ LKjIP 2024 figure: 3,727"), "{s}");
    assert!(s.contains("▒ domestic: 0"), "{s}");
    assert!(
        !s.contains("luar negeri") && !s.contains("dalam negeri"),
        "{s}"
    );
}

#[test]
fn the_year_keys_move_the_chart() {
    let mut a = app(Lang::Id, 2024);
    chart_view(&mut a);
    key(&mut a, '[');
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Grafik per kecamatan · 2023"), "{s}");
    assert!(after_name(&s, "Ponggok").contains(" 16 "), "{s}");
    key(&mut a, ']');
    let s = screen(&mut a, 80, 24);
    assert!(after_name(&s, "Ponggok").contains(" 37 "), "{s}");
}

#[test]
fn at_200x60_one_kecamatan_a_line_with_the_lkjip_figure_written_out() {
    let mut a = app(Lang::Id, 2024);
    chart_view(&mut a);
    let s = screen(&mut a, 200, 60);
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| Kecamatan::all().iter().any(|k| l.starts_with(k.name())))
        .collect();
    assert_eq!(rows.len(), 22, "{s}");
    assert!(rows[10].starts_with("Ponggok "), "{s}");
    assert!(rows[10].contains(" 37 ┃370"), "{}", rows[10]);
    assert!(rows[0].contains(" ┃118"), "{}", rows[0]);
}

fn ctx<'a>(keymap: &'a Keymap, theme: &'a Theme, lang: Lang, year: i32) -> PaneCtx<'a> {
    PaneCtx {
        lang,
        theme,
        year,
        today: today(),
        keymap,
        archived: false,
    }
}

#[test]
fn at_60x20_the_rows_scroll_with_the_selection_and_nothing_is_cut() {
    let store = filled();
    let (keymap, theme) = (Keymap::default_keymap(), Theme::plain());
    for lang in [Lang::Id, Lang::En] {
        let c = ctx(&keymap, &theme, lang, 2024);
        let mut pane = PlacementsPane::default();
        pane.toggle_chart();
        pane.refresh(&store, &c).unwrap();
        let mut t = Terminal::new(TestBackend::new(60, 20)).unwrap();
        t.draw(|f| pane.render(f, f.area(), &c)).unwrap();
        let s = text(t.backend().buffer());
        // the title whole; the keys left out where they do not fit
        let title = s.lines().next().unwrap().trim_end();
        assert_eq!(
            title,
            match lang {
                Lang::Id => "Grafik per kecamatan · 2024",
                Lang::En => "Chart by kecamatan · 2024",
            },
            "{s}"
        );
        // the legend's items whole, on as many lines as they need
        assert!(
            s.contains(match lang {
                Lang::Id => "┃ angka LKjIP 2024: 3.727",
                Lang::En => "┃ LKjIP 2024 figure: 3,727",
            }),
            "{s}"
        );
        assert!(s.contains("Bakung "), "{s}");
        assert!(!s.contains("Wonotirto"), "{s}");
        // End: the last kecamatan comes into view, the first goes
        pane.handle(
            disnaker::tui::keymap::Action::End,
            &mut Store::open_in_memory("x").unwrap(),
            &c,
        );
        t.draw(|f| pane.render(f, f.area(), &c)).unwrap();
        let s = text(t.backend().buffer());
        assert!(s.contains("Wonotirto "), "{s}");
        assert!(!s.contains("Bakung "), "{s}");
        assert!(
            s.contains(match lang {
                Lang::Id => "dari 22",
                Lang::En => "of 22",
            }),
            "{s}"
        );
        // every row begins with a whole name
        for l in s.lines().filter(|l| l.contains('┃') && !l.contains(':')) {
            assert!(
                Kecamatan::all().iter().any(|k| l.starts_with(k.name())),
                "{l}\n{s}"
            );
        }
    }
}

#[test]
fn the_lookup_shows_five_years_and_the_rank_among_the_22() {
    for (lang, rank_1, rank_2) in [
        (
            Lang::Id,
            "2020–2024 · peringkat 1 dari 22",
            "peringkat 2 dari 22",
        ),
        (Lang::En, "2020–2024 · rank 1 of 22", "rank 2 of 22"),
    ] {
        let mut a = app(lang, 2024);
        key(&mut a, 'L');
        for c in "pong".chars() {
            key(&mut a, c);
        }
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(rank_1), "{s}");
        // 2, 4, 6, 16, 37: the longest bar is 2024's, 2023's under half of it
        // the bars stand beside the sex × sector table, from the box's 31st column
        let bar_of = |year: &str| {
            let line = s
                .lines()
                .find(|l| l.chars().skip(31).take(5).collect::<String>() == format!("{year} "))
                .unwrap_or_else(|| panic!("{year} not in\n{s}"));
            let bar: String = line.chars().skip(36).collect();
            (eighths(&bar), line.to_string())
        };
        let (b24, l24) = bar_of("2024");
        let (b23, _) = bar_of("2023");
        let (b20, l20) = bar_of("2020");
        assert_eq!(b24, 20 * 8, "{s}");
        assert!((b23 - 20 * 8 * 16 / 37).abs() <= 1, "{b23}\n{s}");
        assert!((b20 - 20 * 8 * 2 / 37).abs() <= 1, "{b20}\n{s}");
        assert!(
            l24.trim_end()
                .trim_end_matches('│')
                .trim_end()
                .ends_with(" 37"),
            "{l24}"
        );
        assert!(
            l20.trim_end()
                .trim_end_matches('│')
                .trim_end()
                .ends_with(" 2"),
            "{l20}"
        );
        // Talun's 5 are second of the year
        for _ in 0..4 {
            press(&mut a, KeyCode::Backspace);
        }
        for c in "talun".chars() {
            key(&mut a, c);
        }
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(rank_2), "{s}");
    }
}

fn disnaker(db: &std::path::Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .arg("--db")
        .arg(db);
    c
}

#[test]
fn disnaker_lookup_gives_the_five_years_and_the_rank_in_json_and_as_bars() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    {
        let mut s = Store::open(&db, "test").unwrap();
        let mut rows = placements(1, "Wates", 2024, 9);
        rows.extend(placements(100, "Wates", 2022, 3));
        rows.extend(placements(200, "Ponggok", 2024, 12));
        s.import_placements(&rows, |_| {}).unwrap();
    }
    let out = disnaker(&db)
        .args(["lookup", "wates", "--year", "2024", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["placements"];
    // the keys there were stay
    assert_eq!(p["total"], 9);
    assert!(p["lkjip"].is_object());
    assert_eq!(
        p["last_five_years"],
        serde_json::json!([
            {"year": 2020, "count": 0},
            {"year": 2021, "count": 0},
            {"year": 2022, "count": 3},
            {"year": 2023, "count": 0},
            {"year": 2024, "count": 9}
        ])
    );
    assert_eq!(p["rank"], serde_json::json!({"place": 2, "of": 22}));

    let out = disnaker(&db)
        .args(["lookup", "wates", "--year", "2024"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("\nPenempatan PMI 2020–2024 · peringkat 2 dari 22 pada 2024\n"),
        "{table}"
    );
    let bars: Vec<&str> = table.lines().filter(|l| l.starts_with("  202")).collect();
    assert_eq!(bars.len(), 5, "{table}");
    assert_eq!(eighths(&bars[4][7..]), 30 * 8, "{table}");
    assert_eq!(eighths(&bars[2][7..]), 10 * 8, "{table}");
    assert!(
        bars[2].ends_with(" 3") && bars[4].ends_with(" 9"),
        "{table}"
    );
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");

    let out = disnaker(&db)
        .args(["--lang", "en", "lookup", "pong", "--year", "2024"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("\nPMI placements 2020–2024 · rank 1 of 22 in 2024\n"),
        "{table}"
    );

    let out = disnaker(&db)
        .args(["lookup", "wates", "--year", "2024", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("placements_by_year,2022,3,\r\n"), "{csv}");
    assert!(csv.contains("placements_rank,2024,2,of 22\r\n"), "{csv}");
}

#[test]
fn c_goes_straight_to_the_chart_and_back_to_the_table() {
    for (lang, title, hint) in [
        (Lang::Id, "Grafik per kecamatan · 2023", "c grafik"),
        (Lang::En, "Chart by kecamatan · 2023", "c chart"),
    ] {
        let mut a = app(lang, 2023);
        key(&mut a, '2');
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(hint), "the footer names the key: {s}");
        key(&mut a, 'c');
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(title), "{s}");
        key(&mut a, 'c');
        let s = screen(&mut a, 80, 24);
        assert!(s.contains("Formal L") && !s.contains(title), "{s}");
        // from another view too; v leaves it for the kecamatan table
        key(&mut a, 'v');
        key(&mut a, 'c');
        assert!(screen(&mut a, 80, 24).contains(title));
        key(&mut a, 'v');
        let s = screen(&mut a, 80, 24);
        assert!(s.contains("Formal L") && !s.contains(title), "{s}");
    }
}

/// The chart redraws only what moved: one row down changes two names' reverse video, a few
/// dozen bytes over SSH, and the terminal shows exactly what the app drew (NO_COLOR).
#[test]
fn moving_in_the_chart_sends_few_bytes() {
    let mut a = app(Lang::Id, 2024);
    let mut rig = wire_support::Rig::new(80, 24);
    key(&mut a, '2');
    key(&mut a, 'c');
    let first = rig.frame(&mut a, "the chart");
    assert!(first > 1000, "the whole chart: {first}");
    for i in 0..21 {
        press(&mut a, KeyCode::Down);
        let n = rig.frame(&mut a, &format!("down {i}"));
        assert!(n <= 256, "down {i}: {n} bytes");
    }
    // nothing changed: only the frame's own brackets
    let idle = rig.frame(&mut a, "again");
    assert!(idle <= 32, "{idle}");
}
