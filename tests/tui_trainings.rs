//! Pane 4 (Pelatihan) driven by key events on an 80×24 screen: a training and its
//! participants typed in, results recorded with the two-key action, the % employed and
//! IKU1 following; the follow-up list; the published schemes labelled as published.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::training::{Employment, FundingSource, Trainee, Training, VerifiedHow};
use disnaker::i18n::Lang;
use disnaker::store::{Store, TraineeFilter};
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> Date {
    day(2026, 11, 28)
}

fn app_with(store: Store, lang: Lang) -> App {
    App::new(
        store,
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "test.db".into(),
        today(),
    )
}

fn screen(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    // What the event loop finishes after the frame (the follow-up count), then its frame.
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

fn ctrl_s(app: &mut App) {
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

fn nik(i: u32, sex: Sex) -> String {
    synthesise("3505", 1 + i, day(1998, 1 + i, 10 + i), sex, 100 + i)
}

/// The words of the screen line whose first words are those of `start`.
fn row(s: &str, start: &str) -> Vec<String> {
    let want: Vec<&str> = start.split_whitespace().collect();
    s.lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .find(|words| words.len() >= want.len() && words.iter().zip(&want).all(|(a, b)| a == b))
        .unwrap_or_else(|| panic!("no line starts with {start}:\n{s}"))
}

/// Type a training through the form: scheme, year (kept), funding, provider, dates.
fn add_training(app: &mut App, scheme: &str) {
    press(app, KeyCode::Char('n'));
    typ(app, scheme);
    press(app, KeyCode::Tab); // year: the pane's year is already there
    press(app, KeyCode::Tab);
    typ(app, "dau");
    press(app, KeyCode::Tab);
    typ(app, "LPK Kopi Blitar");
    press(app, KeyCode::Tab);
    typ(app, "01/07/2026");
    press(app, KeyCode::Tab);
    typ(app, "2026-07-12");
    ctrl_s(app);
}

/// Type a participant through the form: name, NIK, sex, kecamatan, phone, graduated.
fn add_participant(app: &mut App, name: &str, nik: &str, sex: &str, kec: &str, phone: &str) {
    press(app, KeyCode::Char('n'));
    typ(app, name);
    press(app, KeyCode::Tab);
    typ(app, nik);
    press(app, KeyCode::Tab);
    typ(app, sex);
    press(app, KeyCode::Tab);
    typ(app, kec);
    press(app, KeyCode::Tab);
    typ(app, phone);
    press(app, KeyCode::Tab);
    typ(app, "y"); // graduated: ya
    ctrl_s(app);
}

#[test]
fn a_training_and_its_participants_typed_in_then_two_found_employed() {
    let mut a = app_with(Store::open_in_memory("ani").unwrap(), Lang::Id);
    press(&mut a, KeyCode::Char('4'));
    let s = screen(&mut a);
    assert!(s.contains("Belum ada pelatihan tahun ini"), "{s}");
    assert!(
        s.contains("IKU1 2026: tanpa nilai (belum ada peserta tercatat) · target 90%"),
        "an empty year has no value, and says why: {s}"
    );

    add_training(&mut a, "Barista");
    let s = screen(&mut a);
    assert!(s.contains("Pelatihan tersimpan #1"), "{s}");
    assert_eq!(
        row(&s, "Barista"),
        [
            "Barista",
            "DAU",
            "PBK",
            "01-07-2026",
            "0",
            "0",
            "0",
            "0",
            "-"
        ]
    );

    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(
        s.contains("Peserta: #1 Barista · 2026 · DAU · 01-07-2026–12-07-2026"),
        "{s}"
    );
    assert!(s.contains("Belum ada peserta"), "{s}");
    add_participant(
        &mut a,
        "Dwi Lestari",
        &nik(1, Sex::P),
        "p",
        "pong",
        "0812-3456-7801",
    );
    add_participant(
        &mut a,
        "Eko Prasetyo",
        &nik(2, Sex::L),
        "l",
        "kade",
        "0812-3456-7802",
    );
    add_participant(
        &mut a,
        "Fitri Handayani",
        &nik(3, Sex::P),
        "p",
        "wlingi",
        "",
    );
    let s = screen(&mut a);
    assert!(s.contains("Peserta pelatihan tersimpan #3"), "{s}");
    assert!(
        s.contains("3 peserta · 3 lulus · 0 bekerja = 0,00% · 3 belum diketahui"),
        "{s}"
    );
    let dwi = row(&s, "1 Dwi");
    assert_eq!(
        dwi,
        [
            "1",
            "Dwi",
            "Lestari",
            &nik(1, Sex::P)[12..],
            "P",
            "Ponggok",
            "ya",
            "tidak",
            "belum",
            "diketahui"
        ]
    );
    assert!(
        !s.contains(&nik(1, Sex::P)),
        "the list shows only the NIK's last 4"
    );

    // Dwi (first by name): w then b; Eko: w then u.
    press(&mut a, KeyCode::Home);
    press(&mut a, KeyCode::Char('w'));
    let s = screen(&mut a);
    assert!(
        s.contains("Hasil kerja Dwi Lestari: b bekerja · u wirausaha · t tidak bekerja"),
        "the second key is asked for: {s}"
    );
    press(&mut a, KeyCode::Char('b'));
    let s = screen(&mut a);
    assert!(
        s.contains("Dwi Lestari: bekerja (dicatat, verifikasi telepon hari ini)"),
        "{s}"
    );
    assert!(s.contains("1 bekerja = 33,33% · 2 belum diketahui"), "{s}");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('w'));
    press(&mut a, KeyCode::Char('u'));
    let s = screen(&mut a);
    assert!(
        s.contains("3 peserta · 3 lulus · 2 bekerja (1 wirausaha) = 66,67% · 1 belum diketahui"),
        "{s}"
    );
    assert_eq!(row(&s, "2 Eko").last().unwrap(), "wirausaha");

    // Back in the list: the training's % and the year's IKU1 moved with the records.
    press(&mut a, KeyCode::Esc);
    let s = screen(&mut a);
    assert_eq!(
        row(&s, "Barista"),
        [
            "Barista",
            "DAU",
            "PBK",
            "01-07-2026",
            "3",
            "3",
            "0",
            "2",
            "66,67"
        ]
    );
    assert!(
        s.contains("2026: 1 pelatihan · 3 peserta · 3 lulus · 0 sertifikat · 2 bekerja"),
        "{s}"
    );
    assert!(
        s.contains("IKU1 2026: 2 / 3 = 66,67% · target 90% · capaian 74,08% · Sedang"),
        "{s}"
    );

    // The filter line narrows the list as the officer types; Esc clears it.
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "roti");
    let s = screen(&mut a);
    assert!(s.contains("Cari: roti█  (0 cocok)"), "{s}");
    assert!(s.contains("Tidak ada yang cocok."), "{s}");
    press(&mut a, KeyCode::Esc);
    assert_eq!(row(&screen(&mut a), "Barista")[4], "3");

    // The store holds what the keys said, verified by phone.
    let rows = a
        .store
        .list_trainees(1, &TraineeFilter::default(), 0, 10)
        .unwrap();
    let dwi = a.store.get_trainee(rows[0].id).unwrap().trainee;
    assert_eq!(dwi.employment, Some(Employment::Bekerja));
    assert_eq!(dwi.verified_how, Some(VerifiedHow::Telepon));
    assert!(dwi.verified_on.is_some());
    let eko = a.store.get_trainee(rows[1].id).unwrap().trainee;
    assert_eq!(eko.employment, Some(Employment::Wirausaha));
    assert_eq!(
        a.store.get_trainee(rows[2].id).unwrap().trainee.employment,
        None
    );
}

/// A 2026 training that ended on 15 September with three participants: a graduate nobody
/// has called (with a phone), a graduate already known employed, one who did not graduate.
fn store_with_a_september_training() -> Store {
    let mut store = Store::open_in_memory("budi").unwrap();
    let mut t = Training::new("Teknisi AC", 2026, FundingSource::Dbhcht);
    t.start_date = Some(day(2026, 9, 1));
    t.end_date = Some(day(2026, 9, 15));
    let id = store.insert_training(&t).unwrap();
    let people = [
        ("Agus Salim", Sex::L, "ya", "", "0813-1111-2222"),
        ("Budi Santoso", Sex::L, "ya", "bekerja", ""),
        ("Citra Dewi", Sex::P, "tidak", "", "0813-3333-4444"),
    ];
    for (i, (name, sex, graduated, employment, phone)) in people.into_iter().enumerate() {
        let values = [
            ("name", name.to_string()),
            ("nik", nik(i as u32 + 4, sex)),
            ("sex", sex.as_str().to_string()),
            ("kecamatan", "Srengat".to_string()),
            ("phone", phone.to_string()),
            ("graduated", graduated.to_string()),
            ("employment", employment.to_string()),
            (
                "employer",
                if employment.is_empty() {
                    ""
                } else {
                    "CV Dingin"
                }
                .to_string(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let (p, c) = Trainee::from_fields(&values, id, &t, today());
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        store.insert_trainee(&p.unwrap()).unwrap();
    }
    store
}

#[test]
fn the_follow_up_list_shows_a_graduate_only_n_months_after_the_training() {
    let mut a = app_with(store_with_a_september_training(), Lang::Id);
    press(&mut a, KeyCode::Char('4'));
    let s = screen(&mut a);
    assert!(
        s.contains("f tindak lanjut (0 lulusan menunggu dihubungi)"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('f'));
    let s = screen(&mut a);
    // 28 November is 2 months and 13 days after 15 September: not yet 3 months.
    assert!(
        s.contains("Tindak lanjut: 0 lulusan belum diketahui kerjanya ≥ 3 bulan setelah pelatihan"),
        "{s}"
    );
    assert!(!s.contains("Agus"), "{s}");
    assert!(
        s.contains("+/- bulan"),
        "the keys are in the hint line: {s}"
    );

    press(&mut a, KeyCode::Char('-'));
    let s = screen(&mut a);
    assert!(
        s.contains("Tindak lanjut: 1 lulusan belum diketahui kerjanya ≥ 2 bulan"),
        "{s}"
    );
    assert_eq!(
        row(&s, "Agus"),
        [
            "Agus",
            "Salim",
            &nik(4, Sex::L)[12..],
            "0813-1111-2222",
            "Srengat",
            "Teknisi",
            "AC",
            "15-09-2026"
        ]
    );
    assert!(
        !s.contains("Budi"),
        "known employment is not followed up: {s}"
    );
    assert!(!s.contains("Citra"), "only graduates are followed up: {s}");
    press(&mut a, KeyCode::Char('+'));
    assert!(!screen(&mut a).contains("Agus"));

    // Three months later by the calendar, Agus is on the default list.
    let mut a = app_with(store_with_a_september_training(), Lang::Id);
    a.today = day(2026, 12, 15);
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Char('f'));
    let s = screen(&mut a);
    assert!(
        s.contains("1 lulusan belum diketahui kerjanya ≥ 3 bulan"),
        "{s}"
    );
    assert!(s.contains("0813-1111-2222"), "the phone to call: {s}");

    // The call found he is not working: w then t; he leaves the list.
    press(&mut a, KeyCode::Char('w'));
    press(&mut a, KeyCode::Char('t'));
    let s = screen(&mut a);
    assert!(s.contains("Agus Salim: tidak bekerja (dicatat"), "{s}");
    assert!(s.contains("Tindak lanjut: 0 lulusan"), "{s}");
    assert!(s.contains("Tidak ada lulusan yang perlu dihubungi"), "{s}");
    let agus = a.store.get_trainee(1).unwrap().trainee;
    assert_eq!(agus.employment, Some(Employment::TidakBekerja));

    // A key other than b/u/t after w records nothing.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('w'));
    press(&mut a, KeyCode::Char('x'));
    assert!(screen(&mut a).contains("Hasil kerja tidak dicatat."));
    assert_eq!(a.store.get_trainee(3).unwrap().trainee.employment, None);
}

#[test]
fn published_schemes_are_shown_below_the_records_and_labelled_published() {
    let mut a = app_with(Store::open_in_memory("ani").unwrap(), Lang::Id);
    a.year = 2024;
    press(&mut a, KeyCode::Char('4'));
    let s = screen(&mut a);
    assert!(
        s.contains("Angka LKjIP 2024 (tabel 3.13, bukan catatan): 15 skema, 344 peserta"),
        "{s}"
    );
    assert!(
        s.contains("DBHCHT: Digital Marketing 20 · Make Up Artist 20"),
        "{s}"
    );
    assert!(s.contains("DAU: Potong Rambut 30 · Hair Styling 30"), "{s}");
    assert!(
        s.contains("Patisserie I dan II 40"),
        "the last scheme fits: {s}"
    );
    // The records of 2024 are empty: the published 82.56 % is not taken for IKU1.
    assert!(s.contains("IKU1 2024: tanpa nilai"), "{s}");
    assert!(s.contains("2024: 0 pelatihan · 0 peserta"), "{s}");

    press(&mut a, KeyCode::Char('['));
    let s = screen(&mut a);
    assert!(
        s.contains("Angka LKjIP 2023 (tabel 3.13, bukan catatan): 8 skema, 170 peserta"),
        "{s}"
    );
    assert!(
        s.contains("IKU1 2023: tanpa nilai (belum ada peserta tercatat) · belum ada target"),
        "{s}"
    );
    a.year = 2026;
    press(&mut a, KeyCode::Char('['));
    press(&mut a, KeyCode::Char(']'));
    let s = screen(&mut a);
    assert!(s.contains("Angka LKjIP 2026: tidak ada angka LKjIP"), "{s}");
}

#[test]
fn export_archive_history_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with(store_with_a_september_training(), Lang::Id);
    a.export_dir = dir.path().to_path_buf();
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Char('x'));
    let s = screen(&mut a);
    assert!(s.contains("Ringkasan ditulis ke"), "{s}");
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(file.to_string_lossy().contains("disnaker-pelatihan-2026"));
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(
        csv.starts_with(
            "scheme,funding_source,participants,graduated,certified,employed,percent_employed"
        ),
        "{csv}"
    );
    assert!(csv.contains("Teknisi AC,DBHCHT,3,2,0,1,33.33"), "{csv}");
    assert!(csv.contains("TOTAL,,3,2,0,1,33.33"), "{csv}");

    // Archive Citra from the participants list: the counts follow.
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Delete);
    assert!(screen(&mut a).contains("Citra Dewi: Arsipkan data ini? (y = ya, n = tidak)"));
    press(&mut a, KeyCode::Char('y'));
    let s = screen(&mut a);
    assert!(
        s.contains("2 peserta · 2 lulus · 1 bekerja = 50,00% · 1 belum diketahui"),
        "{s}"
    );
    assert!(!s.contains("Citra"), "{s}");

    // History of a participant whose result was recorded by the two-key action.
    press(&mut a, KeyCode::Home);
    press(&mut a, KeyCode::Char('w'));
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&mut a);
    assert!(s.contains("hasil kerja dicatat"), "{s}");
    assert!(s.contains("Status pekerjaan: wirausaha"), "{s}");
    press(&mut a, KeyCode::Esc);
    // Enter opens the participant's detail.
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Peserta pelatihan #1 — Agus Salim"), "{s}");
    assert!(s.contains("Cara verifikasi"), "{s}");
    press(&mut a, KeyCode::Esc);

    // Editing keeps the participant in its training (carried hidden by the form).
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('e'));
    for _ in 0..4 {
        press(&mut a, KeyCode::Tab);
    }
    typ(&mut a, "0813-9999-0000");
    ctrl_s(&mut a);
    let s = screen(&mut a);
    assert!(s.contains("Peserta pelatihan tersimpan #2"), "{s}");
    let budi = a.store.get_trainee(2).unwrap().trainee;
    assert_eq!(
        (budi.training_id, budi.phone.as_str()),
        (1, "0813-9999-0000")
    );

    let mut a = app_with(store_with_a_september_training(), Lang::En);
    press(&mut a, KeyCode::Char('4'));
    let s = screen(&mut a);
    assert!(
        s.contains("IKU1 2026: 1 / 3 = 33.33% · target 90% · achievement 37.03% · Very low"),
        "{s}"
    );
    assert!(
        s.contains("Published LKjIP 2026: no published figures"),
        "{s}"
    );
    assert!(
        s.contains("2026: 1 trainings · 3 trainees · 2 graduated · 0 certified · 1 employed"),
        "{s}"
    );
}

/// Issue 15: the training form has the type (pbk unless the officer picks another; a letter
/// picks it), the list shows it, and the header gives the year's entrepreneurship
/// participants beside IKU1, not in it.
#[test]
fn the_form_takes_a_training_s_type_and_the_list_shows_it() {
    let mut a = app_with(Store::open_in_memory("ani").unwrap(), Lang::Id);
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Char('n'));
    typ(&mut a, "Olahan Pangan");
    let s = screen(&mut a);
    assert!(s.contains("Jenis pelatihan"), "the form has the type: {s}");
    assert!(s.contains("pbk"), "a new training is pbk: {s}");
    // Up from the first field is the last one: the type.
    press(&mut a, KeyCode::Up);
    typ(&mut a, "k");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "apbd");
    ctrl_s(&mut a);
    add_training(&mut a, "Barista");
    let s = screen(&mut a);
    assert_eq!(
        row(&s, "Olahan")[..4],
        ["Olahan", "Pangan", "APBD", "KWU"],
        "{s}"
    );
    assert_eq!(row(&s, "Barista")[..3], ["Barista", "DAU", "PBK"], "{s}");
    assert!(
        s.contains("Kewirausahaan 2026 (di luar IKU1): 0 peserta · 0 bekerja"),
        "{s}"
    );
    let t = a.store.get_training(1).unwrap().training;
    assert_eq!(
        t.training_type,
        disnaker::domain::training::TrainingType::Kewirausahaan
    );

    // Its participants are beside IKU1, not in it.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    add_participant(
        &mut a,
        "Dwi Lestari",
        &nik(1, Sex::P),
        "P",
        "Wlingi",
        "0812 1111 2222",
    );
    press(&mut a, KeyCode::Esc);
    let s = screen(&mut a);
    assert_eq!(row(&s, "Olahan")[5], "1", "{s}");
    assert!(
        s.contains("Kewirausahaan 2026 (di luar IKU1): 1 peserta · 0 bekerja"),
        "{s}"
    );
    assert!(s.contains("IKU1 2026: tanpa nilai"), "{s}");
    assert!(s.contains("2026: 2 pelatihan · 1 peserta"), "{s}");
}

/// Pane 4's first frame waits neither for the per-year series nor for the follow-up count
/// (each reads every training): the frame shows `…` in their places, they come after it,
/// between keys.
#[test]
fn the_follow_up_count_is_drawn_after_the_first_frame() {
    let mut a = app_with(store_with_a_september_training(), Lang::Id);
    press(&mut a, KeyCode::Char('4'));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| a.render(f)).unwrap();
    let first = format!("{:?}", t.backend().buffer());
    assert!(first.contains("(… lulusan menunggu dihubungi)"), "{first}");
    assert!(first.contains("Catatan per tahun: …"), "{first}");
    assert!(
        a.has_work(),
        "the series and count are left for after the frame"
    );
    assert!(a.work(), "the series asks for a frame");
    assert!(a.work(), "the count asks for a frame");
    assert!(!a.has_work());
    t.draw(|f| a.render(f)).unwrap();
    let then = format!("{:?}", t.backend().buffer());
    assert!(then.contains("(0 lulusan menunggu dihubungi)"), "{then}");
    assert!(!then.contains("Catatan per tahun: …"), "{then}");
}
