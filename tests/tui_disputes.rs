//! Pane 3 (Perselisihan HI) driven by key events, asserting on the rendered 80×24 buffer:
//! a dispute typed in and moved through the process with its deadlines on screen at each
//! step, a refused move with its reason, the year's figures (IKU3 from the report), the
//! lighter lists, the filter and the export.
//!
//! Working days in 2024 used below (data/holidays.csv): 2024-02-08/09 Isra Mikraj and
//! Imlek leave, 02-14 election day, 03-11/12 Nyepi, 03-29 Good Friday, 04-08…04-15 Idul Fitri.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::date::Date;
use disnaker::domain::dispute::Dispute;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;
use std::collections::BTreeMap;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn app_on(today: Date, lang: Lang) -> App {
    let mut a = App::new(
        Store::open_in_memory("ani").unwrap(),
        Keymap::default_keymap(),
        lang,
        Theme::plain(),
        "t".into(),
        today,
    );
    a.handle_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    a
}

fn draw(app: &mut App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
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
    text(&draw(app))
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn tabs(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, KeyCode::Tab);
    }
}

fn save(app: &mut App) {
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

/// The screen line holding `needle`.
fn line_with<'a>(s: &'a str, needle: &str) -> &'a str {
    s.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{s}"))
}

/// A dispute typed into the form as an officer does: still in bipartite, minutes present.
fn type_dispute(app: &mut App) {
    press(app, KeyCode::Char('n'));
    typ(app, "PT Sumber Rejeki");
    press(app, KeyCode::Tab);
    typ(app, "SP Kimia");
    press(app, KeyCode::Tab);
    typ(app, "12");
    press(app, KeyCode::Tab);
    typ(app, "h"); // hak
    press(app, KeyCode::Tab);
    typ(app, "2024-02-05"); // bipartite start
    tabs(app, 3);
    typ(app, "y"); // minutes present
    save(app);
}

fn insert(store: &mut Store, pairs: &[(&str, &str)], today: Date) -> i64 {
    let values: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let (d, checked) = Dispute::from_fields(&values, today);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    store.insert_dispute(&d.unwrap()).unwrap()
}

#[test]
fn a_dispute_moves_through_the_process_with_its_deadlines_on_screen() {
    let mut a = app_on(day(2024, 3, 1), Lang::Id);
    let s = screen(&mut a);
    assert!(s.contains("Belum ada perselisihan"), "{s}");
    assert!(
        s.contains("IKU3 2024: tanpa nilai — tidak ada perselisihan tercatat pada 2024"),
        "{s}"
    );

    // 1. typed in, in bipartite: 30 working days from 2024-02-05 end on 2024-03-25
    //    (the election day and the Nyepi leave do not count); 16 used by 2024-03-01.
    type_dispute(&mut a);
    let s = screen(&mut a);
    assert!(s.contains("Perselisihan tersimpan #1"), "{s}");
    let row = line_with(&s, "PT Sumber");
    assert!(row.contains("SP Kimia"), "{row}");
    assert!(row.contains("hak") && row.contains("bipartit"), "{row}");
    assert!(row.contains("25-03-2024") && row.contains("14 hk"), "{row}");
    assert!(
        !row.contains('!'),
        "14 working days left is not near: {row}"
    );
    let stored = a.store.get_dispute(1).unwrap().value;
    assert_eq!(stored.company, "PT Sumber Rejeki");
    assert_eq!(stored.worker_count, Some(12));
    assert_eq!(stored.minutes_present, Some(true));

    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Perselisihan #1 — PT Sumber Rejeki"), "{s}");
    assert!(
        s.contains("Tenggat (hk = hari kerja, per 01-03-2024)"),
        "{s}"
    );
    assert!(
        line_with(&s, "Bipartit   ").contains("25-03-2024 (30 hk) · sisa 14 hari kerja"),
        "{s}"
    );

    // 2. recorded today: the bipartite deadline is met, the hand-over to a mediator
    //    (7 working days) and the mediation (30, over the Idul Fitri leave) start.
    press(&mut a, KeyCode::Char('s'));
    let s = screen(&mut a);
    for o in [
        "1 tercatat",
        "2 dikembalikan",
        "3 selesai: PB",
        "4 selesai: dicabut",
    ] {
        assert!(s.contains(o), "{o} in\n{s}");
    }
    press(&mut a, KeyCode::Char('1'));
    // the move asks its day, today to start with
    let s = screen(&mut a);
    assert!(
        line_with(&s, "Tanggal dicatatkan").contains("01-03-2024"),
        "{s}"
    );
    save(&mut a);
    let s = screen(&mut a);
    assert!(s.contains("tercatat"), "{s}");
    assert!(
        line_with(&s, "Bipartit   ").contains("tepat waktu 01-03-2024"),
        "{s}"
    );
    assert!(
        line_with(&s, "Pelimpahan mediator").contains("14-03-2024 (7 hk) · sisa 7 hari kerja"),
        "{s}"
    );
    assert!(
        line_with(&s, "Mediasi   ").contains("25-04-2024 (30 hk) · sisa 30 hari kerja"),
        "{s}"
    );
    assert_eq!(
        a.store.get_dispute(1).unwrap().value.recorded_on,
        Some(day(2024, 3, 1))
    );

    // 3. twelve days on, one working day is left to hand it over: it stands out; the
    //    move to mediation is refused until a mediator is named, with the reason.
    a.today = day(2024, 3, 13);
    let s = screen(&mut a);
    let l = line_with(&s, "Pelimpahan mediator");
    assert!(
        l.starts_with("│! ") && l.contains("sisa 1 hari kerja"),
        "{l}"
    );
    press(&mut a, KeyCode::Char('s'));
    let s = screen(&mut a);
    assert!(
        s.contains("1 mediasi") && s.contains("2 selesai: dicabut"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('1'));
    save(&mut a);
    let s = screen(&mut a);
    assert!(s.contains("Isi nama mediator dahulu"), "{s}");
    assert_eq!(
        a.store.get_dispute(1).unwrap().value.stage.as_str(),
        "tercatat"
    );
    press(&mut a, KeyCode::Esc); // the move's small form, nothing to do there

    press(&mut a, KeyCode::Char('e'));
    tabs(&mut a, 12); // mediator
    typ(&mut a, "Budi Santoso");
    save(&mut a);
    press(&mut a, KeyCode::Char('s'));
    press(&mut a, KeyCode::Char('1'));
    save(&mut a);
    let s = screen(&mut a);
    assert!(s.contains("Perselisihan #1: mediasi"), "{s}");
    assert!(
        line_with(&s, "Pelimpahan mediator").contains("tepat waktu 13-03-2024"),
        "{s}"
    );
    // mediation counts from the mediator's receipt (13-03), not the recording (01-03):
    // all 30 working days are left, ending 06-05 (Nyepi, Lebaran and its leave not counted)
    assert!(
        line_with(&s, "Mediasi   ").contains("06-05-2024 (30 hk) · sisa 30 hari kerja"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    let row = line_with(&screen(&mut a), "PT Sumber").to_string();
    assert!(
        row.contains("mediasi") && row.contains("06-05-2024") && row.contains("30 hk"),
        "{row}"
    );

    // 4. a PB signed on 2024-04-22, within the mediation deadline: the dispute ends, IKU3
    //    counts it (1 of 1 recorded in 2024).
    a.today = day(2024, 4, 22);
    press(&mut a, KeyCode::Char('s'));
    let s = screen(&mut a);
    assert!(
        s.contains("1 selesai: PB") && s.contains("2 anjuran") && s.contains("3 selesai: dicabut"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('1'));
    save(&mut a);
    let s = screen(&mut a);
    assert!(
        s.contains("IKU3 2024: 1/1 = 100,00% ditindaklanjuti · PB tepat waktu: 1 / 1 = 100,00%"),
        "{s}"
    );
    assert!(s.contains("2024: 1 perselisihan tercatat"), "{s}");
    let row = line_with(&s, "PT Sumber");
    assert!(
        row.contains("selesai") && row.contains("PB") && row.contains("22-04-2024"),
        "{row}"
    );
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("selesai: PB"), "{s}");
    assert!(
        line_with(&s, "Mediasi   ").contains("tepat waktu 22-04-2024"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('s'));
    assert!(screen(&mut a).contains("tidak ada status berikutnya"));

    // the history holds every step
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&mut a);
    assert!(s.contains("Riwayat Perselisihan #1"), "{s}");
    assert!(s.contains("Tahap: bipartit → tercatat"), "{s}");
    press(&mut a, KeyCode::End);
    for _ in 0..40 {
        press(&mut a, KeyCode::Down);
    }
    let s = screen(&mut a);
    assert!(s.contains("Tahap: mediasi → selesai"), "{s}");
    assert!(s.contains("Hasil akhir: pb"), "{s}");
}

#[test]
fn deadlines_near_or_past_stand_out_without_colour() {
    let today = day(2024, 3, 20);
    let mut a = app_on(today, Lang::Id);
    let recorded = [
        ("company", "PT Lama"),
        ("workers", "Sutrisno"),
        ("type", "phk"),
        ("minutes_present", "ya"),
        ("recorded_on", "2024-03-01"),
    ];
    insert(&mut a.store, &recorded, today);
    let fresh = [
        ("company", "PT Baru"),
        ("workers", "SPSI"),
        ("type", "kepentingan"),
        ("minutes_present", "ya"),
        ("recorded_on", "2024-03-19"),
    ];
    insert(&mut a.store, &fresh, today);
    let buf = draw(&mut a);
    let s = text(&buf);
    // hand-over due 2024-03-14; 2024-03-20 is 4 working days later
    let late = line_with(&s, "PT Lama");
    assert!(
        late.contains("mediator") && late.contains("14-03-2024"),
        "{late}"
    );
    assert!(late.contains("!lewat 4"), "{late}");
    let fine = line_with(&s, "PT Baru");
    assert!(!fine.contains('!') && fine.contains("6 hk"), "{fine}");
    // bold carries the emphasis where there is no colour
    let y_late = s.lines().position(|l| l.contains("PT Lama")).unwrap() as u16;
    let y_fine = s.lines().position(|l| l.contains("PT Baru")).unwrap() as u16;
    assert!(buf[(10, y_late)].modifier.contains(Modifier::BOLD));
    assert!(!buf[(10, y_fine)].modifier.contains(Modifier::BOLD));

    // the detail says by how much
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(s.contains("Perselisihan #1 — PT Lama"), "{s}");
    assert!(
        line_with(&s, "Pelimpahan mediator").contains("14-03-2024 (7 hk) · lewat 4 hari kerja"),
        "{s}"
    );
}

#[test]
fn iku3_has_no_value_without_recorded_disputes_in_english_too() {
    let mut a = app_on(day(2024, 6, 3), Lang::En);
    let s = screen(&mut a);
    assert!(
        s.contains("IKU3 2024: no value — no dispute was recorded in 2024"),
        "{s}"
    );
    // no prevention record in 2024: the LKjIP's figures, labelled, instead of zeros
    assert!(
        s.contains(
            "2024: 0 disputes recorded · LKjIP: 79 facilitations · PP/PKB 70/133 · BPJS 106"
        ),
        "{s}"
    );
    // a dispute still in bipartite is listed but not recorded: still no value
    insert(
        &mut a.store,
        &[
            ("company", "PT A"),
            ("workers", "B"),
            ("type", "hak"),
            ("bipartite_start", "2024-05-20"),
        ],
        day(2024, 6, 3),
    );
    a.handle_key(KeyEvent::new(KeyCode::Char('['), KeyModifiers::NONE));
    a.handle_key(KeyEvent::new(KeyCode::Char(']'), KeyModifiers::NONE));
    let s = screen(&mut a);
    assert!(s.contains("PT A"), "{s}");
    assert!(s.contains("IKU3 2024: no value"), "{s}");
    // an earlier year has its own figures; the list keeps every year
    a.handle_key(KeyEvent::new(KeyCode::Char('['), KeyModifiers::NONE));
    let s = screen(&mut a);
    assert!(
        s.contains("IKU3 2023: no value — no dispute was recorded in 2023"),
        "{s}"
    );
    assert!(s.contains("PT A"), "{s}");
}

#[test]
fn facilitations_and_compliance_are_kept_beside_the_disputes() {
    let mut a = app_on(day(2024, 7, 1), Lang::Id);
    let s = screen(&mut a);
    assert!(s.contains("[Perselisihan semua tahun: 0]"), "{s}");
    assert!(s.contains("v ganti"), "the hint line names the key: {s}");

    press(&mut a, KeyCode::Char('v'));
    let s = screen(&mut a);
    assert!(s.contains("[Fasilitasi 2024: 0]"), "{s}");
    assert!(s.contains("Belum ada fasilitasi pencegahan"), "{s}");
    press(&mut a, KeyCode::Char('n'));
    let s = screen(&mut a);
    assert!(s.contains("Fasilitasi baru"), "{s}");
    assert!(s.contains("01-07-2024"), "the date starts at today: {s}");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "PT Gudang Garam");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "Sosialisasi PKB");
    save(&mut a);
    let s = screen(&mut a);
    assert!(
        s.contains("2024: 0 perselisihan tercatat · 1 fasilitasi"),
        "{s}"
    );
    let row = line_with(&s, "PT Gudang Garam");
    assert!(
        row.contains("01-07-2024") && row.contains("Sosialisasi PKB"),
        "{row}"
    );

    // edit it, then look at its history
    press(&mut a, KeyCode::Char('e'));
    tabs(&mut a, 2);
    typ(&mut a, " dan THR");
    save(&mut a);
    assert_eq!(
        a.store.get_facilitation(1).unwrap().value.topic,
        "Sosialisasi PKB dan THR"
    );
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&mut a);
    assert!(s.contains("Riwayat Fasilitasi #1"), "{s}");
    assert!(
        s.contains("Topik: Sosialisasi PKB → Sosialisasi PKB dan THR"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);

    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('n'));
    typ(&mut a, "PT Gudang Garam");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab); // the year on screen is filled in
    typ(&mut a, "pk"); // letters narrow: p → pp, pk → pkb
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "y");
    save(&mut a);
    let s = screen(&mut a);
    assert!(s.contains("[Kepatuhan 2024: 1]"), "{s}");
    assert!(s.contains("PP/PKB 1/1 · BPJS 1/1"), "{s}");
    let row = line_with(&s, "PT Gudang Garam");
    assert!(row.contains("PKB") && row.contains("ya"), "{row}");
    let c = a.store.get_compliance(1).unwrap().value;
    assert_eq!(
        (c.year, c.pp_pkb.as_str(), c.bpjs_member),
        (2024, "pkb", true)
    );

    // a second standing of the same company in the same year is refused in the form
    press(&mut a, KeyCode::Char('n'));
    typ(&mut a, "pt gudang garam");
    tabs(&mut a, 2);
    typ(&mut a, "t");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "t");
    save(&mut a);
    let s = screen(&mut a);
    assert!(
        s.contains("sudah punya catatan kepatuhan untuk 2024"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('y'));

    // archive from the list
    press(&mut a, KeyCode::Delete);
    press(&mut a, KeyCode::Char('y'));
    let s = screen(&mut a);
    assert!(s.contains("Kepatuhan #1 diarsipkan"), "{s}");
    assert!(s.contains("PP/PKB 0/0"), "{s}");

    // the next year has its own lists
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('v'));
    assert!(screen(&mut a).contains("[Fasilitasi 2024: 1]"));
    press(&mut a, KeyCode::Char(']'));
    let s = screen(&mut a);
    assert!(s.contains("[Fasilitasi 2025: 0]"), "{s}");
    assert!(
        s.contains("2025: 0 perselisihan tercatat · 0 fasilitasi"),
        "{s}"
    );
}

#[test]
fn filter_narrows_the_disputes_as_you_type() {
    let today = day(2024, 3, 20);
    let mut a = app_on(today, Lang::Id);
    for (company, workers) in [("PT Lama", "Sutrisno"), ("CV Maju", "SPSI Maju")] {
        insert(
            &mut a.store,
            &[
                ("company", company),
                ("workers", workers),
                ("type", "hak"),
                ("bipartite_start", "2024-03-04"),
            ],
            today,
        );
    }
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "maju");
    let s = screen(&mut a);
    assert!(s.contains("Cari: maju"), "{s}");
    assert!(s.contains("(1 cocok)"), "{s}");
    assert!(s.contains("CV Maju") && !s.contains("PT Lama"), "{s}");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter); // opens the one shown
    assert!(screen(&mut a).contains("Perselisihan #2 — CV Maju"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Esc); // clears the filter
    let s = screen(&mut a);
    assert!(s.contains("CV Maju") && s.contains("PT Lama"), "{s}");
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "zzz");
    assert!(screen(&mut a).contains("Tidak ada perselisihan yang cocok"));
}

#[test]
fn bad_input_in_the_form_is_shown_and_nothing_saved() {
    let mut a = app_on(day(2024, 3, 1), Lang::Id);
    press(&mut a, KeyCode::Char('n'));
    typ(&mut a, "PT X");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "SPSI");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "banyak"); // worker count
    save(&mut a);
    let s = screen(&mut a);
    // In the officer's language (issue 15, 3): the screen is Indonesian.
    assert!(s.contains("'banyak' bukan bilangan bulat"), "{s}");
    assert_eq!(a.store.count_disputes(&Default::default()).unwrap(), 0);
}

#[test]
fn x_writes_the_dispute_summary() {
    let dir = tempfile::tempdir().unwrap();
    let today = day(2024, 5, 2);
    let mut a = app_on(today, Lang::Id);
    a.export_dir = dir.path().to_path_buf();
    insert(
        &mut a.store,
        &[
            ("company", "PT A"),
            ("workers", "B"),
            ("type", "phk"),
            ("minutes_present", "ya"),
            ("recorded_on", "2024-03-01"),
            ("mediator", "Budi"),
            ("outcome", "pb"),
            ("outcome_on", "2024-04-22"),
        ],
        today,
    );
    press(&mut a, KeyCode::Char('v')); // from any of the three lists
    press(&mut a, KeyCode::Char('x'));
    let s = screen(&mut a);
    assert!(s.contains("Ringkasan ditulis ke"), "{s}");
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert!(files[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("disnaker-perselisihan-2024-"));
    assert_eq!(
        std::fs::read_to_string(&files[0]).unwrap(),
        "type,outcome,on_time,count\r\nphk,pb,ya,1\r\nTOTAL,,,1\r\n"
    );
}

#[test]
fn the_footer_offers_the_pane_keys() {
    let mut a = app_on(day(2024, 3, 1), Lang::Id);
    let s = screen(&mut a);
    let footer = s.lines().nth(22).unwrap();
    for k in ["n baru", "s status", "h riwayat", "x ekspor"] {
        assert!(footer.contains(k), "{k} in {footer}");
    }
}

#[test]
fn a_deadline_beyond_the_holiday_file_says_so() {
    // data/holidays.csv ends with 2026: 30 working days from 2026-11-20 end in 2027
    let today = day(2026, 11, 27);
    let mut a = app_on(today, Lang::Id);
    insert(
        &mut a.store,
        &[
            ("company", "PT Akhir Tahun"),
            ("workers", "SPSI"),
            ("type", "hak"),
            ("minutes_present", "ya"),
            ("recorded_on", "2026-11-20"),
            ("mediator", "Budi"),
            ("mediator_assigned_on", "2026-11-23"),
        ],
        today,
    );
    let row = line_with(&screen(&mut a), "PT Akhir").to_string();
    assert!(row.contains("mediasi") && row.contains(" ? "), "{row}");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(
        line_with(&s, "Mediasi   ").contains("? (30 hk) · sisa 26 hari kerja"),
        "{s}"
    );
    assert!(
        s.contains("hari libur 2027 belum ada di kalender libur"),
        "{s}"
    );
}

/// A move asks its day: the mediator's receipt typed into the form before is kept (it was
/// overwritten with the day of the move), and a PB signed days ago is recorded on its day.
#[test]
fn a_move_keeps_the_day_entered_and_takes_a_past_one() {
    let today = day(2024, 3, 20);
    let mut a = app_on(today, Lang::Id);
    let recorded = [
        ("company", "PT Lama"),
        ("workers", "Sutrisno"),
        ("type", "phk"),
        ("minutes_present", "ya"),
        ("stage", "tercatat"),
        ("recorded_on", "2024-03-01"),
        ("mediator", "Bu Rina"),
        ("mediator_assigned_on", "2024-03-05"),
    ];
    let id = insert(&mut a.store, &recorded, today);
    screen(&mut a);
    press(&mut a, KeyCode::Char('s'));
    press(&mut a, KeyCode::Char('1')); // mediasi
    let s = screen(&mut a);
    assert!(
        line_with(&s, "Dilimpahkan ke mediato").contains("05-03-2024"),
        "the day entered, not today: {s}"
    );
    save(&mut a);
    let d = a.store.get_dispute(id).unwrap().value;
    assert_eq!(d.stage.as_str(), "mediasi");
    assert_eq!(d.mediator_assigned_on, Some(day(2024, 3, 5)));

    // the PB was signed on 18-03, two days before it is recorded here
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('s'));
    press(&mut a, KeyCode::Char('1')); // selesai: PB
    let s = screen(&mut a);
    assert!(
        line_with(&s, "Tanggal hasil akhir").contains("20-03-2024"),
        "{s}"
    );
    typ(&mut a, "18-03-2024");
    save(&mut a);
    let d = a.store.get_dispute(id).unwrap().value;
    assert_eq!(
        (d.stage.as_str(), d.outcome_on),
        ("selesai", Some(day(2024, 3, 18)))
    );
}

/// A yes/no field in the detail reads in the screen's language (stored `ya` / `tidak`).
#[test]
fn yes_and_no_in_the_detail_follow_the_language() {
    let today = day(2024, 3, 20);
    let mut a = app_on(today, Lang::En);
    let recorded = [
        ("company", "PT Lama"),
        ("workers", "Sutrisno"),
        ("type", "phk"),
        ("minutes_present", "ya"),
        ("recorded_on", "2024-03-01"),
    ];
    insert(&mut a.store, &recorded, today);
    screen(&mut a);
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    let line = line_with(&s, "Bipartite minutes");
    assert!(line.contains(" yes"), "{line}");
    assert!(!line.contains(" ya"), "{line}");
}
