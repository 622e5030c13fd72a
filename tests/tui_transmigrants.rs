//! Pane 5, Transmigrasi, driven by key events on an 80×24 screen: a family registered
//! through the form and moved to departure, the quota counter, a duplicate refused, the
//! waiting list across a year boundary, masked numbers in the list and whole in the detail.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::domain::transmigrant::{Destination, Quota, Registration, Stage, StageMove};
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::BTreeMap;

const NIK: &str = "3505121203850007";
const KK: &str = "3505120101090003";

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).unwrap()
}

fn app_with(store: Store) -> App {
    let mut a = App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "test.db".into(),
        today(),
    );
    a.year = 2024;
    press(&mut a, KeyCode::Char('5'));
    a
}

fn app() -> App {
    app_with(Store::open_in_memory("ani").unwrap())
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

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Fill the registration form the way an officer does (it opens with today's date).
fn register(app: &mut App, name: &str, nik: &str, kk: &str, on: &str) {
    press(app, KeyCode::Char('n'));
    typ(app, name);
    press(app, KeyCode::Tab);
    typ(app, nik);
    press(app, KeyCode::Tab);
    typ(app, kk);
    press(app, KeyCode::Tab);
    typ(app, "4"); // members
    press(app, KeyCode::Tab);
    typ(app, "pong");
    press(app, KeyCode::Tab);
    typ(app, "Bacem");
    press(app, KeyCode::Tab); // phone left empty
    press(app, KeyCode::Tab);
    ctrl(app, 'u');
    typ(app, on);
    ctrl(app, 's');
}

/// `s` and pick `to` from the choice (or take the only next stage).
fn move_to(app: &mut App, to: &str) {
    // The choice and the messages say the stage in words, not as its code.
    let to = &to.replace('_', " ");
    press(app, KeyCode::Char('s'));
    let s = screen(app);
    if s.contains("Pindahkan ke status") {
        let options: Vec<&str> = s
            .lines()
            .filter_map(|l| {
                // the choice box's rows: `│1 berkas lengkap   │`
                let t = l.trim().strip_prefix('│')?.trim_end_matches([' ', '│']);
                let (n, rest) = t.split_once(' ')?;
                n.parse::<u32>().ok().map(|_| rest.trim())
            })
            .collect();
        let i = options
            .iter()
            .position(|o| *o == to)
            .unwrap_or_else(|| panic!("{to} not offered in {options:?}\n{s}"));
        typ(app, &(i + 1).to_string());
    }
}

fn registration(name: &str, nik: &str, kk: &str, on: Date) -> Registration {
    let values: BTreeMap<String, String> = [
        ("head_name", name),
        ("nik", nik),
        ("kk_no", kk),
        ("members", "3"),
        ("kecamatan", "Wates"),
        ("registered_on", &on.format("%Y-%m-%d").to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (r, checked) = Registration::from_fields(&values, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    r.unwrap()
}

/// The `n`-th valid NIK / KK pair of a synthetic family.
fn ids(n: u32) -> (String, String) {
    (
        format!("35051212038{:05}", 100 + n),
        format!("35051201010{:05}", 200 + n),
    )
}

/// Walk a stored registration to departure through the store.
fn depart(store: &mut Store, id: i64, on: Date) {
    for stage in [Stage::BerkasLengkap, Stage::Terseleksi, Stage::Dilatih] {
        let v = store.get_transmigrant(id).unwrap().version;
        store
            .move_transmigrant_stage(id, v, &StageMove::to(stage))
            .unwrap();
    }
    let v = store.get_transmigrant(id).unwrap().version;
    let dest = Destination::parse("UPT Torire, Kabupaten Poso, Sulawesi Tengah").unwrap();
    store
        .move_transmigrant_stage(id, v, &StageMove::depart(on, Some(dest)))
        .unwrap();
}

#[test]
fn a_family_is_registered_moved_to_departure_and_the_quota_counter_follows() {
    let mut a = app();
    let s = screen(&mut a);
    assert!(s.contains("Belum ada pendaftaran"), "{s}");
    assert!(
        s.contains("2024: 0 terdaftar · 0 berangkat · 0 menunggu · % ditempatkan: tidak ada nilai"),
        "0 / 0 has no value: {s}"
    );
    assert!(
        s.contains("Kuota provinsi 2024 (keluarga): belum diisi"),
        "{s}"
    );
    assert!(
        s.contains(
            "Angka LKjIP daftar/berangkat: 2020 13/0  2021 9/3  2022 9/6  2023 4/1  2024 5/1"
        ),
        "the published series, labelled: {s}"
    );

    // the province's quota: 1 family
    press(&mut a, KeyCode::Char('K'));
    let s = screen(&mut a);
    assert!(s.contains("Kuota provinsi baru"), "{s}");
    assert!(s.contains("Tahun kuota *           2024"), "{s}");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "1");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "UPT Torire");
    ctrl(&mut a, 's');
    let s = screen(&mut a);
    assert!(s.contains("Kuota provinsi tersimpan #2024"), "{s}");
    assert!(
        s.contains("Kuota provinsi 2024 (keluarga): 1 · terpakai 0 · sisa 1"),
        "{s}"
    );

    register(&mut a, "Sutrisno", NIK, KK, "2024-03-01");
    let s = screen(&mut a);
    assert!(s.contains("Pendaftaran tersimpan #1"), "{s}");
    let row = s.lines().find(|l| l.contains("Sutrisno")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        vec![
            "Sutrisno",
            "0007/0003",
            "Ponggok",
            "4",
            "01-03-2024",
            "terdaftar"
        ],
        "{s}"
    );
    assert!(s.contains("2024: 1 terdaftar · 0 berangkat · 1 menunggu · 0,00% ditempatkan"));

    for stage in ["berkas_lengkap", "terseleksi", "dilatih"] {
        move_to(&mut a, stage);
        let words = stage.replace('_', " ");
        assert!(screen(&mut a).contains(&format!("Pendaftaran #1: {words}")));
    }
    // the departure asks for its date and destination in a small form
    move_to(&mut a, "diberangkatkan");
    let s = screen(&mut a);
    assert!(s.contains("Pendaftaran #1 → diberangkatkan"), "{s}");
    assert!(s.contains("Tanggal berangkat *"), "{s}");
    assert!(s.contains("Tujuan: UPT *"), "{s}");
    ctrl(&mut a, 's');
    let s = screen(&mut a);
    // In the officer's language (issue 15, 3): the screen is Indonesian.
    assert!(s.contains("Tanggal berangkat wajib diisi"), "{s}");
    assert_eq!(
        a.store.get_transmigrant(1).unwrap().registration.stage,
        Stage::Dilatih,
        "nothing moved while the date is missing"
    );
    typ(&mut a, "06/12/2024");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "UPT Torire");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "Kabupaten Poso");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "Sulawesi Tengah");
    ctrl(&mut a, 's');
    let s = screen(&mut a);
    assert!(s.contains("Pendaftaran #1: diberangkatkan"), "{s}");
    assert!(
        s.contains("Kuota provinsi 2024 (keluarga): 1 · terpakai 1 · sisa 0"),
        "the quota counter follows: {s}"
    );
    assert!(s.contains("2024: 1 terdaftar · 1 berangkat · 0 menunggu · 100,00% ditempatkan"));
    let row = s.lines().find(|l| l.contains("Sutrisno")).unwrap();
    assert!(
        row.contains("berangkat") && row.contains("06-12-2024 Torire"),
        "{row}"
    );
    let r = a.store.get_transmigrant(1).unwrap().registration;
    assert_eq!(r.stage, Stage::Diberangkatkan);
    assert_eq!(r.departed_on, Some(d(2024, 12, 6)));
    assert_eq!(
        r.destination.to_string(),
        "UPT Torire, Kabupaten Poso, Sulawesi Tengah"
    );

    // nothing follows a departure
    press(&mut a, KeyCode::Char('s'));
    assert!(screen(&mut a).contains("tidak ada status berikutnya"));
}

#[test]
fn a_departure_beyond_the_quota_is_saved_with_the_warning() {
    let mut store = Store::open_in_memory("ani").unwrap();
    store
        .set_transmigration_quota(&Quota::new(2024, 1, "UPT Torire", "").unwrap())
        .unwrap();
    let (n1, k1) = ids(1);
    let (n2, k2) = ids(2);
    let first = store
        .insert_transmigrant(&registration("Darmaji", &n1, &k1, d(2024, 1, 10)))
        .unwrap();
    let second = store
        .insert_transmigrant(&registration("Karsono", &n2, &k2, d(2024, 2, 10)))
        .unwrap();
    depart(&mut store, first, d(2024, 12, 6));
    for stage in [Stage::BerkasLengkap, Stage::Terseleksi, Stage::Dilatih] {
        let v = store.get_transmigrant(second).unwrap().version;
        store
            .move_transmigrant_stage(second, v, &StageMove::to(stage))
            .unwrap();
    }
    let mut a = app_with(store);
    // the list is latest first: Karsono is selected
    assert!(screen(&mut a).contains("terpakai 1 · sisa 0"));
    move_to(&mut a, "diberangkatkan");
    typ(&mut a, "2024-12-20");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "UPT Torire");
    ctrl(&mut a, 's');
    let s = screen(&mut a);
    assert!(
        s.contains("! 2 keluarga diberangkatkan pada 2024, melebihi kuota provinsi 1"),
        "{s}"
    );
    assert!(
        s.contains("Kuota provinsi 2024 (keluarga): 1 · terpakai 2 · melebihi 1"),
        "{s}"
    );
    assert_eq!(
        a.store.get_transmigrant(second).unwrap().registration.stage,
        Stage::Diberangkatkan
    );
}

#[test]
fn a_withdrawal_asks_for_its_reason() {
    let mut a = app();
    register(&mut a, "Sutrisno", NIK, KK, "2024-03-01");
    move_to(&mut a, "batal");
    let s = screen(&mut a);
    assert!(s.contains("Alasan batal *"), "{s}");
    assert!(
        s.contains("Tanggal batal *         28-11-2026"),
        "today by default: {s}"
    );
    ctrl(&mut a, 's');
    assert!(screen(&mut a).contains("Alasan keluarga membatalkan wajib diisi"));
    typ(&mut a, "pindah kerja");
    press(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'u');
    typ(&mut a, "2024-05-02");
    ctrl(&mut a, 's');
    let s = screen(&mut a);
    assert!(s.contains("Pendaftaran #1: batal"), "{s}");
    let r = a.store.get_transmigrant(1).unwrap().registration;
    assert_eq!(
        (r.stage, r.cancel_reason.as_str(), r.cancelled_on),
        (Stage::Batal, "pindah kerja", Some(d(2024, 5, 2)))
    );
}

#[test]
fn a_family_with_an_open_registration_is_refused_with_the_stores_reason() {
    let mut a = app();
    register(&mut a, "Sutrisno", NIK, KK, "2024-03-01");
    // the same family card again, another head NIK
    register(&mut a, "Sutrisno W", "3505121203850008", KK, "2024-09-01");
    let s = screen(&mut a);
    assert!(
        s.contains("Keluarga ini (nomor KK sama) sudah punya pendaftaran terbuka #1"),
        "{s}"
    );
    assert!(
        s.contains("lanjutkan atau batalkan (batal) dahulu"),
        "the whole reason is readable: {s}"
    );
    assert_eq!(a.store.count_transmigrants(&Default::default()).unwrap(), 1);
}

#[test]
fn the_waiting_list_keeps_registration_order_across_years() {
    let mut store = Store::open_in_memory("ani").unwrap();
    let regs = [
        ("Bambang", d(2024, 2, 1)),
        ("Agus", d(2023, 5, 10)),
        ("Cahyo", d(2024, 1, 15)),
        ("Dedi", d(2023, 8, 1)),
        ("Eko", d(2024, 3, 1)),
        ("Fajar", d(2025, 1, 6)),
    ];
    let mut id = BTreeMap::new();
    for (i, (name, on)) in regs.iter().enumerate() {
        let (n, k) = ids(i as u32 + 1);
        id.insert(
            *name,
            store
                .insert_transmigrant(&registration(name, &n, &k, *on))
                .unwrap(),
        );
    }
    depart(&mut store, id["Dedi"], d(2024, 6, 1));
    let v = store.get_transmigrant(id["Eko"]).unwrap().version;
    store
        .move_transmigrant_stage(
            id["Eko"],
            v,
            &StageMove::cancel(Some(d(2024, 4, 1)), "sakit"),
        )
        .unwrap();
    let mut a = app_with(store);
    press(&mut a, KeyCode::Char('w'));
    let s = screen(&mut a);
    assert!(
        s.contains("Antrean urut tanggal daftar, per 31-12-2024: 3"),
        "{s}"
    );
    let order: Vec<Vec<&str>> = s
        .lines()
        .filter(|l| l.contains("Wates"))
        .map(|l| l.split_whitespace().take(3).collect())
        .collect();
    assert_eq!(
        order,
        vec![
            vec!["1", &id["Agus"].to_string()[..], "Agus"],
            vec!["2", &id["Cahyo"].to_string()[..], "Cahyo"],
            vec!["3", &id["Bambang"].to_string()[..], "Bambang"],
        ],
        "registered 2023 first, then 2024 by date; departed and withdrawn left out: {s}"
    );
    assert!(s.contains("10-05-2023"), "{s}");
    // the next year: the same families still wait at the head, the new one behind them
    press(&mut a, KeyCode::Char(']'));
    let s = screen(&mut a);
    assert!(s.contains("per 31-12-2025: 4"), "{s}");
    let names: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("Wates"))
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert_eq!(names, vec!["Agus", "Cahyo", "Bambang", "Fajar"], "{s}");
    // Enter opens the family at the selected position; w goes back to all registrations
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a).contains(&format!("Pendaftaran #{} — Cahyo", id["Cahyo"])));
    press(&mut a, KeyCode::Esc);
    a.lang = Lang::En;
    let s = screen(&mut a);
    assert!(
        s.contains("Waiting in order of registration, as of 31-12-2025: 4   w all · K quota"),
        "{s}"
    );
    assert!(
        s.contains("2025: 1 registered · 0 departed · 4 waiting · 0.00% placed"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('w'));
    assert!(screen(&mut a).contains("All registrations, latest first: 6"));
}

#[test]
fn numbers_are_masked_in_the_list_and_whole_in_the_detail() {
    let mut a = app();
    register(&mut a, "Sutrisno", NIK, KK, "2024-03-01");
    let s = screen(&mut a);
    assert!(s.contains("0007/0003"), "{s}");
    assert!(!s.contains(NIK) && !s.contains(KK), "{s}");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Pendaftaran #1 — Sutrisno"), "{s}");
    assert!(s.contains(NIK), "{s}");
    assert!(s.contains(KK), "{s}");
    assert!(s.contains("Tanggal berangkat"), "{s}");
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&mut a);
    assert!(s.contains("Nomor KK: ************0003"), "{s}");
    assert!(!s.contains(KK), "history masks the KK too: {s}");
}

#[test]
fn filter_edit_archive_and_export() {
    let mut a = app();
    register(&mut a, "Sutrisno", NIK, KK, "2024-03-01");
    let (n, k) = ids(9);
    register(&mut a, "Marni", &n, &k, "2024-04-01");
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "sutr");
    let s = screen(&mut a);
    assert!(s.contains("Cari: sutr█  (1 cocok)"), "{s}");
    assert!(!s.contains("Marni"), "{s}");
    press(&mut a, KeyCode::Enter);
    // edit keeps the stage: the form does not show it, the record still has it
    press(&mut a, KeyCode::Char('e'));
    for _ in 0..5 {
        press(&mut a, KeyCode::Tab);
    }
    typ(&mut a, "Sumberjo");
    ctrl(&mut a, 's');
    let r = a.store.get_transmigrant(1).unwrap().registration;
    assert_eq!(
        (r.desa.as_str(), r.stage),
        ("BacemSumberjo", Stage::Terdaftar)
    );
    press(&mut a, KeyCode::Esc);
    assert!(screen(&mut a).contains("Semua pendaftaran, terbaru dulu: 2"));

    let dir = tempfile::tempdir().unwrap();
    a.export_dir = dir.path().to_path_buf();
    press(&mut a, KeyCode::Char('x'));
    let s = screen(&mut a);
    assert!(s.contains("Ringkasan ditulis ke"), "{s}");
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(file
        .to_string_lossy()
        .contains("disnaker-transmigrasi-2024-"));
    let csv = std::fs::read_to_string(file).unwrap();
    assert!(csv.starts_with("kecamatan,registered,members,"), "{csv}");
    assert!(csv.contains("Ponggok,2,8,2,0,0,0,0,0,0,2"), "{csv}");
    assert!(!csv.contains("Sutrisno"), "a summary has no personal data");

    // archive: asks, then the family leaves the list
    press(&mut a, KeyCode::Delete);
    press(&mut a, KeyCode::Char('y'));
    let s = screen(&mut a);
    assert!(s.contains("Semua pendaftaran, terbaru dulu: 1"), "{s}");
}
