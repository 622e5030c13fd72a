//! The published LKjIP figures the panes show beside the records, labelled as LKjIP figures:
//! pane 2's domestic series and its remittances view, pane 3's prevention figures for a year
//! without prevention records, pane 5's cooperation packages. The expected figures are read
//! from copies of `reference/lkjip-2024/` (tests/fixtures/lkjip_*.csv), not from `data/`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::pane::{Pane, PaneCtx};
use disnaker::tui::placements::PlacementsPane;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const REMITTANCES: &str = include_str!("fixtures/lkjip_remittances.csv");
const PLACEMENTS_BY_YEAR: &str = include_str!("fixtures/lkjip_placements_by_year.csv");
const TRANSMIGRATION: &str = include_str!("fixtures/lkjip_transmigration_by_year.csv");
const DISPUTES: &str = include_str!("fixtures/lkjip_disputes_by_year.csv");

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

/// The data rows of a reference file, split at commas (these files quote nothing).
fn rows(csv: &str) -> Vec<Vec<&str>> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect()
}

fn app(lang: Lang, year: i32) -> App {
    let mut a = App::new(
        Store::open_in_memory("ani").unwrap(),
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t".into(),
        today(),
    );
    a.year = year;
    a
}

fn screen_of(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    text(t.backend().buffer())
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

fn screen(app: &mut App) -> String {
    screen_of(app, 80, 24)
}

fn press(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn line_with<'a>(s: &'a str, needle: &str) -> &'a str {
    s.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{s}"))
}

/// An exact rupiah amount as the language writes it: `20.988.364.567,00` / `20,988,364,567.00`.
fn rupiah(plain: &str, lang: Lang) -> String {
    let (int, frac) = plain.split_once('.').unwrap();
    let (group, point) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    format!("{out}{point}{frac}")
}

#[test]
fn pane_2_shows_the_domestic_series_under_the_overseas_one() {
    let mut a = app(Lang::Id, 2024);
    press(&mut a, '2');
    let s = screen(&mut a);
    let domestic: Vec<String> = rows(PLACEMENTS_BY_YEAR)
        .iter()
        .filter(|r| !r[1].is_empty())
        .map(|r| format!("{} {}", r[0], r[1]))
        .collect();
    assert_eq!(
        domestic.join("  "),
        "2021 215  2022 476  2023 399  2024 588"
    );
    let line = format!("LKjIP dalam negeri (AKL/AKAD): {}", domestic.join("  "));
    let overseas = s
        .lines()
        .position(|l| l.contains("2024 3.727"))
        .expect("the overseas series");
    assert_eq!(s.lines().nth(overseas + 1).unwrap().trim_end(), line, "{s}");
    // the records' table is still there, below
    assert!(s.contains("Per kecamatan · 2024 · dari catatan: 0"), "{s}");
    assert!(line_with(&s, "Bakung").contains("118"), "{s}");

    let mut en = app(Lang::En, 2024);
    press(&mut en, '2');
    let s = screen(&mut en);
    assert!(
        s.contains("LKjIP domestic (AKL/AKAD): 2021 215  2022 476  2023 399  2024 588"),
        "{s}"
    );
}

#[test]
fn pane_2_third_view_lists_the_published_remittances_up_to_the_year() {
    for lang in [Lang::Id, Lang::En] {
        let mut a = app(lang, 2024);
        press(&mut a, '2');
        press(&mut a, 'v');
        assert!(screen(&mut a).contains(if lang == Lang::Id {
            "Per negara"
        } else {
            "By country"
        }));
        press(&mut a, 'v');
        let s = screen(&mut a);
        let head = match lang {
            Lang::Id => "Remiten PMI per bank · LKjIP 2024, tabel 3.18 · sampai 2024",
            Lang::En => "PMI remittances by bank · LKjIP 2024, table 3.18 · up to 2024",
        };
        assert!(s.contains(head), "{s}");
        let header = match lang {
            Lang::Id => line_with(&s, "Remiten LKjIP (Rp)"),
            Lang::En => line_with(&s, "LKjIP remittances (IDR)"),
        };
        assert!(header.contains("Bank"), "{s}");
        // every published row, to the cent, in the report's order
        let published = rows(REMITTANCES);
        assert_eq!(published.len(), 10);
        let shown: Vec<Vec<&str>> = s
            .lines()
            .filter(|l| l.starts_with("20"))
            .map(|l| l.split_whitespace().collect())
            .collect();
        let want: Vec<Vec<String>> = published
            .iter()
            .map(|r| vec![r[0].to_string(), r[1].to_string(), rupiah(r[2], lang)])
            .collect();
        assert_eq!(shown, want, "{s}");
        if lang == Lang::Id {
            assert!(s.contains("18.819.805.489,84"), "{s}");
        }
        // the counts of the records are not in this view, nor a count to open
        assert!(!s.contains("Formal L"), "{s}");
        let footer = s.lines().rev().nth(1).unwrap();
        assert!(footer.starts_with("v "), "{footer}");
        assert!(!footer.contains("Enter"), "{footer}");
        // then the domestic placements and the job fairs (issue 18), then the kecamatan
        press(&mut a, 'v');
        assert!(screen(&mut a).contains("AKL"));
        press(&mut a, 'v');
        press(&mut a, 'v');
        let s = screen(&mut a);
        assert!(s.contains("Formal L") && !s.contains("tabel 3.18"), "{s}");
    }
}

#[test]
fn the_remittances_follow_the_year_keys() {
    let mut a = app(Lang::Id, 2021);
    press(&mut a, '2');
    press(&mut a, 'v');
    press(&mut a, 'v');
    let s = screen(&mut a);
    assert!(s.contains("sampai 2021"), "{s}");
    let years: Vec<&str> = s
        .lines()
        .filter(|l| l.starts_with("20"))
        .map(|l| &l[..4])
        .collect();
    assert_eq!(years, ["2020", "2020", "2021", "2021"], "{s}");
    press(&mut a, '[');
    press(&mut a, '[');
    let s = screen(&mut a);
    assert!(
        s.contains("Tidak ada angka LKjIP remiten sampai tahun 2019."),
        "{s}"
    );
    press(&mut a, ']');
    let s = screen(&mut a);
    assert_eq!(s.lines().filter(|l| l.starts_with("2020 ")).count(), 2);
}

#[test]
fn the_remittances_at_60x20_keep_bank_names_and_amounts_whole() {
    let store = Store::open_in_memory("ani").unwrap();
    let (keymap, theme) = (Keymap::default_keymap(), Theme::plain());
    let ctx = PaneCtx {
        lang: Lang::Id,
        theme: &theme,
        year: 2024,
        today: today(),
        keymap: &keymap,
        archived: false,
    };
    let mut pane = PlacementsPane::default();
    pane.toggle_view();
    pane.toggle_view();
    pane.refresh(&store, &ctx).unwrap();
    let mut t = Terminal::new(TestBackend::new(60, 20)).unwrap();
    t.draw(|f| pane.render(f, f.area(), &ctx)).unwrap();
    let s = text(t.backend().buffer());
    let header = line_with(&s, "Tahun");
    assert!(header.contains("Bank"), "{s}");
    assert!(header.trim_end().ends_with("Remiten LKjIP (Rp)"), "{s}");
    for r in rows(REMITTANCES) {
        let amount = rupiah(r[2], Lang::Id);
        let line = s
            .lines()
            .find(|l| l.split_whitespace().collect::<Vec<_>>() == [r[0], r[1], amount.as_str()])
            .unwrap_or_else(|| panic!("{r:?} whole in\n{s}"));
        assert!(line.trim_end().ends_with(&amount), "{line}");
    }
    // the amounts stand right-aligned under their header
    let end = header.trim_end().chars().count();
    let first = line_with(&s, "20.988.364.567,00");
    assert_eq!(first.trim_end().chars().count(), end, "{s}");
}

#[test]
fn the_help_names_the_views_of_pane_2() {
    let mut a = app(Lang::Id, 2024);
    press(&mut a, '2');
    press(&mut a, '?');
    let s = screen(&mut a);
    let words = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    // (the label of the five views takes two lines of the help)
    let at = s
        .lines()
        .position(|l| l.contains("ganti tampilan"))
        .unwrap();
    let both: Vec<&str> = s.lines().skip(at).take(2).collect();
    assert_eq!(
        words(&both.join(" ")),
        "│ v ganti tampilan: kecamatan / negara / remiten LKjIP / dalam │ │negeri / bursa kerja │",
        "{s}"
    );
    let mut en = app(Lang::En, 2024);
    press(&mut en, '3');
    press(&mut en, '?');
    let s = screen(&mut en);
    // another pane keeps the shared description
    assert_eq!(
        words(line_with(&s, "switch view")),
        "│ v switch view │",
        "{s}"
    );
}

#[test]
fn pane_3_shows_the_lkjip_prevention_figures_for_a_year_without_records() {
    let published = rows(DISPUTES);
    let y2024 = published.iter().find(|r| r[0] == "2024").unwrap();
    assert_eq!(&y2024[2..], ["79", "70", "133", "106"]);
    let mut a = app(Lang::Id, 2024);
    press(&mut a, '3');
    let s = screen(&mut a);
    let first = line_with(&s, "2024: 0 perselisihan tercatat");
    assert_eq!(
        first.trim_end(),
        format!(
            "2024: 0 perselisihan tercatat · LKjIP: {} fasilitasi · PP/PKB {}/{} · BPJS {}",
            y2024[2], y2024[3], y2024[4], y2024[5]
        ),
        "{s}"
    );
    assert!(!s.contains("0 fasilitasi"), "{s}");
    assert!(!s.contains("PP/PKB 0/0"), "{s}");

    // 2023: the report gives the companies, not the facilitations
    press(&mut a, '[');
    let s = screen(&mut a);
    assert!(
        line_with(&s, "2023: 0 perselisihan tercatat")
            .trim_end()
            .ends_with("· LKjIP: PP/PKB 48/133 · BPJS 106"),
        "{s}"
    );
    // 2021: the report gives nothing; the records' zeros stay
    press(&mut a, '[');
    press(&mut a, '[');
    let s = screen(&mut a);
    assert!(
        s.contains("2021: 0 perselisihan tercatat · 0 fasilitasi · PP/PKB 0/0 · BPJS 0/0"),
        "{s}"
    );
    assert!(!line_with(&s, "2021: 0").contains("LKjIP"), "{s}");

    let mut en = app(Lang::En, 2024);
    press(&mut en, '3');
    let s = screen(&mut en);
    assert!(
        s.contains(
            "2024: 0 disputes recorded · LKjIP: 79 facilitations · PP/PKB 70/133 · BPJS 106"
        ),
        "{s}"
    );
}

#[test]
fn pane_3_shows_the_records_once_the_year_has_a_prevention_record() {
    // the form's date starts at today: a day of 2024
    let mut a = App::new(
        Store::open_in_memory("ani").unwrap(),
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "t".into(),
        Date::from_ymd_opt(2024, 7, 1).unwrap(),
    );
    a.year = 2024;
    press(&mut a, '3');
    assert!(screen(&mut a).contains("· LKjIP: 79 fasilitasi"));
    press(&mut a, 'v'); // the facilitations
    press(&mut a, 'n');
    assert!(screen(&mut a).contains("Fasilitasi baru"));
    a.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    for c in "PT Maju".chars() {
        press(&mut a, c);
    }
    a.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    for c in "Sosialisasi".chars() {
        press(&mut a, c);
    }
    a.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let s = screen(&mut a);
    assert!(s.contains("[Fasilitasi 2024: 1]"), "{s}");
    assert_eq!(
        line_with(&s, "2024: 0 perselisihan tercatat").trim_end(),
        "2024: 0 perselisihan tercatat · 1 fasilitasi · PP/PKB 0/0 · BPJS 0/0",
        "{s}"
    );
}

#[test]
fn pane_5_shows_the_lkjip_cooperation_packages_under_the_registrations() {
    let packages: Vec<String> = rows(TRANSMIGRATION)
        .iter()
        .map(|r| format!("{} {}", r[0], r[2]))
        .collect();
    assert_eq!(
        packages.join("  "),
        "2020 0  2021 1  2022 2  2023 1  2024 1"
    );
    for (lang, label) in [
        (Lang::Id, "LKjIP paket kerja sama transmigrasi"),
        (Lang::En, "LKjIP cooperation packages"),
    ] {
        let mut a = app(lang, 2024);
        press(&mut a, '5');
        let s = screen(&mut a);
        let line = format!("{label}: {}", packages.join("  "));
        let at = s
            .lines()
            .position(|l| l.trim_end() == line)
            .unwrap_or_else(|| panic!("{line:?} in\n{s}"));
        // right under the published registrations and departures
        assert!(s.lines().nth(at - 1).unwrap().contains("2024 5/1"), "{s}");
    }
}

#[test]
fn the_export_key_in_the_remittances_view_writes_the_remittances() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::Id, 2022);
    a.export_dir = dir.path().to_path_buf();
    press(&mut a, '2');
    press(&mut a, 'v');
    press(&mut a, 'v');
    press(&mut a, 'x');
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("disnaker-remiten-2022-"), "{name}");
    let want: String = REMITTANCES
        .lines()
        .take(7)
        .map(|l| format!("{l}\r\n"))
        .collect();
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), want);
}
