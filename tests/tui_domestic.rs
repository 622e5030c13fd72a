//! Pane 2's domestic views at 80×24 through the event loop's frame writer and a terminal
//! emulator (what the officer sees is what the assertions read): a job fair and a placement
//! typed through their forms, the placement of a registered job seeker through the fair
//! closing the registration as `ditempatkan` and counting 1 for the fair; the published 588
//! imported and shown beside the published series.

mod wire_support;

use assert_cmd::cargo_bin_cmd;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::jobseeker::{Jobseeker, JobseekerStatus};
use disnaker::domain::nik::synthesise;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use std::collections::BTreeMap;
use std::path::Path;
use wire_support::Rig;

const NIK: &str = "3505124512950001";

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

fn open(path: &Path, lang: Lang) -> App {
    let mut a = App::new(
        Store::open(path, "ani").unwrap(),
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "test.db".into(),
        today(),
    );
    a.year = 2024;
    press(&mut a, KeyCode::Char('2'));
    a
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Type into the focused field (emptied first), then go to the next one.
fn field(app: &mut App, s: &str) {
    ctrl(app, 'u');
    typ(app, s);
    press(app, KeyCode::Tab);
}

/// Switch view `n` times (kecamatan → countries → remittances → domestic → job fairs).
fn views(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, KeyCode::Char('v'));
    }
}

fn shown(rig: &Rig) -> String {
    rig.vt.screen().contents()
}

/// Every line of the screen within 80 columns and nothing cut with `…` where a whole word
/// was expected is for the eye; here: the lines are the screen's own.
fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
}

fn seeker(store: &mut Store) -> (i64, String) {
    let v: BTreeMap<String, String> = [
        ("nik", NIK),
        ("name", "Siti Aminah"),
        ("sex", "P"),
        ("kecamatan", "Ponggok"),
        ("education", "SMK"),
        ("registered_on", "2024-03-01"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (js, checked) = Jobseeker::from_fields(&v, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let id = store.insert_jobseeker(&js.unwrap()).unwrap();
    let no = store.get_jobseeker(id).unwrap().jobseeker.registration_no;
    (id, no)
}

#[test]
fn a_registered_job_seeker_placed_through_a_job_fair() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let (seeker_id, number) = seeker(&mut Store::open(&db, "admin").unwrap());
    let mut app = open(&db, Lang::Id);
    let mut rig = Rig::new(80, 24);

    // The job fairs of 2024: none yet, and how to record one.
    views(&mut app, 4);
    rig.frame(&mut app, "the job fairs view");
    let s = shown(&rig);
    assert!(s.contains("Bursa kerja 2024: 0"), "{s}");
    assert!(
        s.contains("Belum ada bursa kerja tahun ini. Tekan n untuk mencatat."),
        "{s}"
    );

    press(&mut app, KeyCode::Char('n'));
    rig.forms = true;
    rig.frame(&mut app, "the job fair form");
    let s = shown(&rig);
    for label in [
        "Bursa kerja baru",
        "Nama bursa kerja *",
        "Tanggal pelaksanaan *",
        "Lowongan ditawarkan",
        "Jumlah pengunjung",
    ] {
        assert!(s.contains(label), "{label}:\n{s}");
    }
    for v in [
        "Job Fair Blitar 2024",
        "02-10-2024",
        "GOR Blitar",
        "35",
        "1.200",
        "5000",
    ] {
        field(&mut app, v);
    }
    ctrl(&mut app, 's');
    rig.forms = false;
    rig.frame(&mut app, "the fair saved");
    let s = shown(&rig);
    let row = line_with(&s, "Job Fair Blitar 2024");
    assert!(
        row.contains("02-10-2024") && row.contains("GOR Blitar"),
        "{s}"
    );
    assert!(row.trim_end().ends_with(" 0"), "no placement yet: {row}");

    // The domestic placements view: the seeker placed through the fair by the form.
    views(&mut app, 4);
    rig.frame(&mut app, "the domestic view");
    let s = shown(&rig);
    assert!(
        s.contains("LKjIP dalam negeri (AKL/AKAD): 2021 215  2022 476  2023 399  2024 588"),
        "{s}"
    );
    assert!(
        s.contains("Penempatan dalam negeri 2024: 0 · AKL 0 · AKAD 0"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('n'));
    rig.forms = true;
    rig.frame(&mut app, "the domestic placement form");
    let s = shown(&rig);
    for label in [
        "Penempatan dalam negeri baru",
        "Kab/kota perusahaan *",
        "Provinsi perusahaan *",
        "Tanggal ditempatkan *",
        "Melalui *",
        "No. pendaftaran",
    ] {
        assert!(s.contains(label), "{label}:\n{s}");
    }
    for v in [
        NIK,
        "Siti Aminah",
        "P",
        "Ponggok",
        "PT Sumber Rejeki",
        "Kota Surabaya",
        "Jawa Timr",
        "Operator",
        "manufaktur",
        "02-10-2024",
        "job",
        "Job Fair Blitar 2024",
        &number,
    ] {
        field(&mut app, v);
    }
    ctrl(&mut app, 's');
    rig.frame(&mut app, "a mistyped province");
    assert!(
        line_with(&shown(&rig), "Melalui *").contains("Bursa kerja (job_fair)"),
        "{}",
        shown(&rig)
    );
    let s = shown(&rig);
    assert!(
        s.contains("Provinsi 'Jawa Timr' tidak dikenal; mungkin maksudnya: Jawa Timur"),
        "{s}"
    );
    // the refused save put the cursor on the province: mended there
    assert!(
        line_with(&s, ">Provinsi perusahaan").contains("Jawa Timr"),
        "{s}"
    );
    field(&mut app, "jatim");
    ctrl(&mut app, 's');
    rig.forms = false;
    rig.frame(&mut app, "the placement saved");
    let s = shown(&rig);
    assert!(
        s.contains("Penempatan dalam negeri 2024: 1 · AKL 1 · AKAD 0"),
        "{s}"
    );
    assert!(
        s.contains("Catatan AKL/AKAD: 2021 0  2022 0  2023 0  2024 1"),
        "{s}"
    );
    let row = line_with(&s, "Siti Aminah");
    for cell in [
        "0001",
        "Ponggok",
        "PT Sumber Rejeki",
        "AKL",
        "Bursa kerja",
        "02-10-2024",
    ] {
        assert!(row.contains(cell), "{cell}: {row}");
    }

    press(&mut app, KeyCode::Enter);
    rig.frame(&mut app, "the placement's detail");
    let s = shown(&rig);
    assert!(
        s.contains("Penempatan dalam negeri #1 — Siti Aminah (AKL)"),
        "{s}"
    );
    assert!(s.contains("Jenis (AKL/AKAD): AKL (Jawa Timur)"), "{s}");
    assert!(
        line_with(&s, "Melalui").contains("Bursa kerja (job_fair)"),
        "{s}"
    );
    assert!(
        line_with(&s, "Provinsi perusahaan").contains("Jawa Timur"),
        "{s}"
    );
    press(&mut app, KeyCode::Esc);

    // The fair counts the placement made through it, in its list and its detail.
    views(&mut app, 1);
    rig.frame(&mut app, "the fairs again");
    let s = shown(&rig);
    assert!(
        line_with(&s, "Job Fair Blitar 2024")
            .trim_end()
            .ends_with(" 1"),
        "{s}"
    );
    press(&mut app, KeyCode::Enter);
    rig.frame(&mut app, "the fair's detail");
    let s = shown(&rig);
    assert!(s.contains("Penempatan melalui bursa ini: 1"), "{s}");
    press(&mut app, KeyCode::Esc);

    // The registration is closed by the placement, in the same save.
    let store = Store::open(&db, "check").unwrap();
    let js = store.get_jobseeker(seeker_id).unwrap().jobseeker;
    assert_eq!(js.status, JobseekerStatus::Ditempatkan);
    assert_eq!(js.placement_id, Some(1));
    assert_eq!(store.job_fair_placements(2024).unwrap()[0].placements, 1);
}

/// Placement `i` of 2024 as a CSV row: AKAD every seventh.
fn row(i: usize) -> String {
    let sex = if i % 3 == 0 { Sex::P } else { Sex::L };
    let birth = Date::from_ymd_opt(
        1990 + (i % 10) as i32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    )
    .unwrap();
    let nik = synthesise("3505", 1 + (i % 22) as u32, birth, sex, 1 + i as u32);
    let province = if i % 7 == 0 {
        "Jawa Barat"
    } else {
        "Jawa Timur"
    };
    format!(
        "{nik},Pencaker {i},{sex},Wlingi,PT Maju,Kota Malang,{province},,,2024-{:02}-{:02},karirhub",
        1 + i % 12,
        1 + i % 28
    )
}

#[test]
fn the_published_588_imported_show_in_pane_2_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let mut csv = String::from(
        "nik,name,sex,kecamatan,employer,employer_kabupaten,employer_province,occupation,sector,placed_on,how\n",
    );
    for i in 0..588 {
        csv.push_str(&row(i));
        csv.push('\n');
    }
    let file = dir.path().join("domestic.csv");
    std::fs::write(&file, csv).unwrap();
    let out = cargo_bin_cmd!("disnaker")
        .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .args(["--db"])
        .arg(&db)
        .args(["import", "domestic"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let akad = (0..588).filter(|i| i % 7 == 0).count();

    let mut app = open(&db, Lang::Id);
    let mut rig = Rig::new(80, 24);
    views(&mut app, 3);
    rig.frame(&mut app, "the domestic view");
    let s = shown(&rig);
    assert!(
        s.contains(&format!(
            "Penempatan dalam negeri 2024: 588 · AKL {} · AKAD {akad}",
            588 - akad
        )),
        "{s}"
    );
    assert!(
        s.contains("Catatan AKL/AKAD: 2021 0  2022 0  2023 0  2024 588"),
        "{s}"
    );
    assert!(
        s.contains("LKjIP dalam negeri (AKL/AKAD): 2021 215  2022 476  2023 399  2024 588"),
        "{s}"
    );
    assert!(line_with(&s, "Pencaker").contains("Karirhub"), "{s}");

    let mut app = open(&db, Lang::En);
    let mut rig = Rig::new(80, 24);
    views(&mut app, 3);
    rig.frame(&mut app, "the domestic view in English");
    let s = shown(&rig);
    assert!(s.contains("Domestic placements 2024: 588"), "{s}");
    assert!(
        s.contains("Records, domestic (AKL/AKAD): 2021 0  2022 0  2023 0  2024 588"),
        "{s}"
    );
    assert!(line_with(&s, "Name").contains("Employer"), "{s}");
    // A year without records shows none, and the published series stays.
    press(&mut app, KeyCode::Char('['));
    rig.frame(&mut app, "2023");
    let s = shown(&rig);
    assert!(s.contains("Domestic placements 2023: 0"), "{s}");
}
