//! What the kit does for every pane (issue 13, point 5), at 80×24 through the event loop's
//! frame writer and a terminal emulator: what the officer sees is what the assertions read.

mod wire_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::case::CaseStatus;
use disnaker::domain::date::Date;
use disnaker::i18n::Lang;
use disnaker::store::Store;
use disnaker::tui::app::App;
use disnaker::tui::cases::CasesPane;
use disnaker::tui::keymap::Keymap;
use disnaker::tui::theme::Theme;
use std::path::Path;
use wire_support::Rig;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

/// A store file with `n` synthetic cases, newest last (case #n at the top of the list).
fn store_with_cases(path: &Path, n: usize) {
    let mut store = Store::open(path, "admin").unwrap();
    let mut cases = disnaker::domain::demo::cases(n, 7, today());
    for c in cases.iter_mut() {
        c.status = Some(CaseStatus::Baru);
        c.reported_on = Some(today());
    }
    store.insert_cases(&cases, |_| {}).unwrap();
}

fn officer(path: &Path, name: &str, label: &str) -> App {
    App::new(
        Store::open(path, name).unwrap(),
        Keymap::default_keymap(),
        Lang::Id,
        Theme::from_env(),
        label.into(),
        today(),
    )
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

/// The terminal's screen as text, one line per row.
fn shown(rig: &Rig) -> String {
    rig.vt.screen().contents()
}

/// The screen's text without line breaks or spaces: a message that wraps reads whole.
fn joined(rig: &Rig) -> String {
    squeeze(&rig.vt.screen().contents())
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn status_of(path: &Path, id: i64) -> String {
    let store = Store::open(path, "check").unwrap();
    store
        .get_case(id)
        .unwrap()
        .case
        .status
        .map(|s| s.as_str().to_string())
        .unwrap_or_default()
}

#[test]
fn a_stale_s_is_refused_and_the_case_moves_one_step_not_two() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 3);
    // Case #3 (the top row) stands at koordinasi on both screens.
    {
        let mut s = Store::open(&path, "admin").unwrap();
        let v = s.get_case(3).unwrap().version;
        s.move_case_status(3, v, CaseStatus::Koordinasi).unwrap();
    }
    let before = status_of(&path, 3);
    let mut budi = officer(&path, "Budi", "t.db");
    let mut ani = officer(&path, "Ani", "t.db");
    let (mut budi_rig, mut ani_rig) = (Rig::new(80, 24), Rig::new(80, 24));
    budi_rig.frame(&mut budi, "Budi's first frame");
    ani_rig.frame(&mut ani, "Ani's first frame");
    assert!(shown(&ani_rig).contains(&before), "{}", shown(&ani_rig));

    // Budi moves the case on (s, then the first of the two ways on); Ani's screen still
    // shows it where it was.
    press(&mut budi, KeyCode::Char('s'));
    budi_rig.frame(&mut budi, "Budi's s");
    press(&mut budi, KeyCode::Char('1'));
    // Pemulangan asks the planned return date (issue 16): a small form, with its cursor.
    budi_rig.forms = true;
    budi_rig.frame(&mut budi, "Budi's choice");
    typ(&mut budi, "10-12-2026");
    ctrl(&mut budi, 's');
    budi_rig.frame(&mut budi, "Budi's planned date");
    budi_rig.forms = false;
    let after_budi = status_of(&path, 3);
    assert_ne!(after_budi, before);
    assert!(shown(&ani_rig).contains(&before));

    // Ani presses s on what her screen shows: refused, nothing written.
    press(&mut ani, KeyCode::Char('s'));
    ani_rig.frame(&mut ani, "Ani's stale s");
    assert_eq!(status_of(&path, 3), after_budi, "one step on, not two");
    let text = joined(&ani_rig);
    assert!(
        text.contains(&squeeze("sudah diubah petugas lain")),
        "{text}"
    );
    assert!(text.contains("Budi"), "the refusal names who: {text}");
    // ... and when (the change's time, whole, not cut at the screen's edge).
    let changed_at = Store::open(&path, "check")
        .unwrap()
        .get_case(3)
        .unwrap()
        .changed_at;
    let changed_at = disnaker::domain::date::display_iso(&changed_at);
    assert!(
        text.contains(&squeeze(&changed_at)),
        "the refusal says when: {text}"
    );
    // The row is redrawn as it is now.
    assert!(shown(&ani_rig).contains(&after_budi), "{}", shown(&ani_rig));

    // Now that her screen is current, her s moves it on.
    press(&mut ani, KeyCode::Char('s'));
    // Tiba asks the arrival date and place (issue 16), here already on the case.
    ani_rig.forms = true;
    ani_rig.frame(&mut ani, "Ani's s on the fresh row");
    assert!(
        shown(&ani_rig).contains("Tanggal tiba"),
        "{}",
        shown(&ani_rig)
    );
    ctrl(&mut ani, 's');
    ani_rig.frame(&mut ani, "Ani's arrival");
    assert_ne!(status_of(&path, 3), after_budi);
}

#[test]
fn on_a_too_small_screen_no_key_acts_but_quit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 3);
    let before = status_of(&path, 3);
    let mut a = officer(&path, "Ani", "t.db");
    let mut rig = Rig::new(60, 20);
    rig.frame(&mut a, "first frame at 60×20");
    assert!(shown(&rig).contains("terlalu kecil"), "{}", shown(&rig));
    for k in ['s', '2', '3', 'n', ']'] {
        press(&mut a, KeyCode::Char(k));
        rig.frame(&mut a, &format!("{k} at 60×20"));
    }
    press(&mut a, KeyCode::Delete);
    press(&mut a, KeyCode::Char('y'));
    assert_eq!(
        status_of(&path, 3),
        before,
        "s moved a case nobody could see"
    );
    assert!(a.showing::<CasesPane>(), "a pane switched unseen");
    assert!(a.overlays.is_empty(), "a form or question opened unseen");
    assert_eq!(a.year, 2026, "the year changed unseen");
    assert!(
        !Store::open(&path, "x")
            .unwrap()
            .get_case(3)
            .unwrap()
            .archived
    );
    // Back to a proper size: everything as it was.
    rig.resize(80, 24, true);
    rig.frame(&mut a, "back at 80×24");
    assert!(shown(&rig).contains("Kasus PMI"));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit, "quit works on a small screen");
}

#[test]
fn a_refused_save_wraps_its_whole_reason_and_says_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 2);
    let mut a = officer(&path, "Ani", "t.db");
    let mut rig = Rig::new(80, 24);
    rig.forms = true;
    rig.frame(&mut a, "first frame");
    press(&mut a, KeyCode::Char('e'));
    rig.frame(&mut a, "the edit form");
    {
        let mut budi = Store::open(&path, "Budi Santoso dari Kantor Wlingi").unwrap();
        let v = budi.get_case(2).unwrap().version;
        let next = budi
            .get_case(2)
            .unwrap()
            .case
            .status
            .unwrap_or(CaseStatus::Baru)
            .next();
        budi.move_case_status(2, v, next[0]).unwrap();
    }
    typ(&mut a, " X");
    ctrl(&mut a, 's');
    rig.frame(&mut a, "the refused save");
    let changed_at = Store::open(&path, "x")
        .unwrap()
        .get_case(2)
        .unwrap()
        .changed_at;
    let changed_at = disnaker::domain::date::display_iso(&changed_at);
    let first = joined(&rig);
    assert!(
        first.contains(&squeeze(&changed_at)),
        "the time is cut: {first}"
    );
    assert!(
        first.contains(&squeeze("Budi Santoso dari Kantor Wlingi")),
        "{first}"
    );
    ctrl(&mut a, 's');
    rig.frame(&mut a, "the second Ctrl-s");
    let second = joined(&rig);
    assert!(
        second.contains(&squeeze("sudah diubah petugas lain"))
            && second.contains(&squeeze(&changed_at)),
        "a repeated refused save must repeat its reason: {second}"
    );
}

#[test]
fn the_status_bar_keeps_the_year_whatever_the_store_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 1);
    let long = "/home/petugas-lapangan/.local/share/disnaker-kabupaten-blitar/data/disnaker.db";
    let mut a = officer(&path, "Ani", long);
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut a, "first frame");
    let bar = rig.vt.screen().rows(0, 80).nth(23).unwrap();
    assert!(bar.contains("Tahun: 2026"), "{bar}");
    assert!(bar.contains("…/disnaker.db"), "{bar}");
    press(&mut a, KeyCode::Char(']'));
    rig.frame(&mut a, "next year");
    let bar = rig.vt.screen().rows(0, 80).nth(23).unwrap();
    assert!(bar.contains("Tahun: 2027"), "{bar}");
}

#[test]
fn the_lookups_suggestion_is_taken_with_enter_or_tab() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 1);
    for accept in [KeyCode::Enter, KeyCode::Tab] {
        let mut a = officer(&path, "Ani", "t.db");
        let mut rig = Rig::new(80, 24);
        rig.frame(&mut a, "first frame");
        press(&mut a, KeyCode::Char('L'));
        typ(&mut a, "ponggik");
        rig.frame(&mut a, "a mistyped kecamatan");
        assert!(shown(&rig).contains("Ponggok?"), "{}", shown(&rig));
        press(&mut a, accept);
        rig.frame(&mut a, "the suggestion taken");
        let s = shown(&rig);
        assert!(s.contains("Ponggok — Tahun"), "{accept:?}: {s}");
        assert!(!s.contains("Ponggok?"), "{s}");
    }
}

#[test]
fn detail_and_history_scroll_to_their_last_line_with_every_movement_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 1);
    {
        // A history longer than a screen: the case moved on and back many times.
        let mut s = Store::open(&path, "Budi").unwrap();
        for _ in 0..6 {
            let c = s.get_case(1).unwrap();
            let mut case = c.case.clone();
            case.notes = format!("{} catatan", case.notes);
            s.update_case(1, c.version, &case).unwrap();
        }
    }
    let mut a = officer(&path, "Ani", "t.db");
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut a, "first frame");
    press(&mut a, KeyCode::Enter);
    rig.frame(&mut a, "the detail");
    let version = Store::open(&path, "x")
        .unwrap()
        .get_case(1)
        .unwrap()
        .version;
    let last = format!("Versi {version}");
    assert!(!shown(&rig).contains(&last), "the detail fits 80×24?");
    press(&mut a, KeyCode::End);
    rig.frame(&mut a, "End in the detail");
    assert!(shown(&rig).contains(&last), "End: {}", shown(&rig));
    press(&mut a, KeyCode::Home);
    rig.frame(&mut a, "Home in the detail");
    assert!(!shown(&rig).contains(&last));
    for _ in 0..3 {
        press(&mut a, KeyCode::PageDown);
    }
    rig.frame(&mut a, "PageDown in the detail");
    assert!(shown(&rig).contains(&last), "PageDown: {}", shown(&rig));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('h'));
    rig.frame(&mut a, "the history");
    press(&mut a, KeyCode::End);
    rig.frame(&mut a, "End in the history");
    assert!(
        shown(&rig).contains(&format!("(v{version})")),
        "the last change is reachable: {}",
        shown(&rig)
    );
}

#[test]
fn the_year_keys_filter_the_case_list_to_the_chosen_year() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut store = Store::open(&path, "admin").unwrap();
        let mut cases = disnaker::domain::demo::cases(2, 7, today());
        cases[0].name = "Sri Tahun Lalu".into();
        cases[0].reported_on = Date::from_ymd_opt(2025, 3, 3);
        cases[1].name = "Dewi Tahun Ini".into();
        cases[1].reported_on = Date::from_ymd_opt(2026, 3, 3);
        store.insert_cases(&cases, |_| {}).unwrap();
    }
    let mut a = officer(&path, "Ani", "t.db");
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut a, "2026");
    assert!(shown(&rig).contains("Dewi Tahun"), "{}", shown(&rig));
    assert!(!shown(&rig).contains("Sri Tahun"), "{}", shown(&rig));
    press(&mut a, KeyCode::Char('['));
    rig.frame(&mut a, "2025");
    assert!(shown(&rig).contains("Sri Tahun"), "{}", shown(&rig));
    assert!(!shown(&rig).contains("Dewi Tahun"));
    // The filter searches the chosen year too.
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "dewi");
    rig.frame(&mut a, "dewi in 2025");
    assert!(!shown(&rig).contains("Dewi Tahun"));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char(']'));
    rig.frame(&mut a, "dewi in 2026");
    assert!(shown(&rig).contains("Dewi Tahun"), "{}", shown(&rig));
}

/// What the selected row of the pane on screen is, read from the pane the officer sees.
fn selected_id(a: &App) -> i64 {
    use disnaker::tui::disputes::DisputesPane;
    use disnaker::tui::transmigrants::TransmigrantsPane;
    if a.showing::<CasesPane>() {
        a.pane_of::<CasesPane>().unwrap().selected_row().unwrap().id
    } else if a.showing::<DisputesPane>() {
        let p = a.pane_of::<DisputesPane>().unwrap();
        p.disputes.selected_row().unwrap().id
    } else {
        let p = a.pane_of::<TransmigrantsPane>().unwrap();
        p.list.selected_row().unwrap().id
    }
}

fn archived_in_store(path: &Path, pane: char, id: i64) -> bool {
    let s = Store::open(path, "check").unwrap();
    match pane {
        '1' => s.get_case(id).unwrap().archived,
        '3' => s.get_dispute(id).unwrap().archived,
        _ => s.get_transmigrant(id).unwrap().archived,
    }
}

#[test]
fn every_register_shows_its_archive_and_takes_a_record_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut store = Store::open(&path, "admin").unwrap();
        disnaker::store::demo::fill(&mut store, 60, today(), |_| {}).unwrap();
    }
    let mut a = officer(&path, "Ani", "t.db");
    let mut rig = Rig::new(80, 24);
    rig.frame(&mut a, "first frame");
    for pane in ['1', '3', '5'] {
        press(&mut a, KeyCode::Char(pane));
        rig.frame(&mut a, &format!("pane {pane}"));
        let id = selected_id(&a);
        press(&mut a, KeyCode::Delete);
        press(&mut a, KeyCode::Char('y'));
        rig.frame(&mut a, &format!("pane {pane}: archived"));
        assert!(archived_in_store(&path, pane, id), "pane {pane} #{id}");
        assert_ne!(
            selected_id(&a),
            id,
            "pane {pane}: the archived record left the list"
        );

        // `a`: the archive, said in the tab; the record is there and `r` takes it back.
        press(&mut a, KeyCode::Char('a'));
        rig.frame(&mut a, &format!("pane {pane}: the archive"));
        let s = shown(&rig);
        assert!(s.contains("[arsip]"), "pane {pane}: {s}");
        assert!(
            s.contains("memulihkan"),
            "the message names the restore key: {s}"
        );
        assert_eq!(selected_id(&a), id, "pane {pane}: the archive lists it");
        press(&mut a, KeyCode::Char('r'));
        rig.frame(&mut a, &format!("pane {pane}: restored"));
        assert!(
            !archived_in_store(&path, pane, id),
            "pane {pane} #{id} restored"
        );
        assert!(shown(&rig).contains("dipulihkan"), "{}", shown(&rig));
        press(&mut a, KeyCode::Char('a'));
        rig.frame(&mut a, &format!("pane {pane}: back to the live records"));
        assert!(!shown(&rig).contains("[arsip]"));
    }
    // The restore is a change in the history like any other, with its officer.
    let history = Store::open(&path, "x")
        .unwrap()
        .case_history(selected_case(&path))
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.officer.as_str()),
        ("restore", "Ani")
    );
}

/// The case the walk above archived and restored: the newest of the year.
fn selected_case(path: &Path) -> i64 {
    let s = Store::open(path, "x").unwrap();
    let f = disnaker::store::CaseFilter {
        year: Some(2026),
        ..Default::default()
    };
    s.list_cases(&f, 0, 1).unwrap()[0].id
}

#[test]
fn a_stale_restore_is_refused_like_any_stale_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 2);
    {
        let mut s = Store::open(&path, "Budi").unwrap();
        let v = s.get_case(2).unwrap().version;
        s.archive_case(2, v).unwrap();
    }
    let mut a = officer(&path, "Ani", "t.db");
    let mut rig = Rig::new(80, 24);
    press(&mut a, KeyCode::Char('a'));
    rig.frame(&mut a, "the archive");
    // Budi restores it and archives it again while Ani's screen shows the old version.
    {
        let mut s = Store::open(&path, "Budi").unwrap();
        let v = s.get_case(2).unwrap().version;
        let v = s.restore_case(2, v).unwrap();
        s.archive_case(2, v).unwrap();
    }
    let before = Store::open(&path, "x")
        .unwrap()
        .get_case(2)
        .unwrap()
        .version;
    press(&mut a, KeyCode::Char('r'));
    rig.frame(&mut a, "stale r");
    assert!(
        joined(&rig).contains(&squeeze("sudah diubah petugas lain")),
        "{}",
        shown(&rig)
    );
    let after = Store::open(&path, "x").unwrap().get_case(2).unwrap();
    assert!(after.archived);
    assert_eq!(after.version, before);
}

#[test]
fn on_a_too_small_screen_quitting_with_an_unsaved_form_asks_where_it_can_be_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    store_with_cases(&path, 1);
    let mut a = officer(&path, "Ani", "t.db");
    let mut rig = Rig::new(80, 24);
    rig.forms = true;
    rig.frame(&mut a, "first frame");
    press(&mut a, KeyCode::Char('n'));
    typ(&mut a, "Siti");
    rig.frame(&mut a, "a form with typing");
    rig.resize(60, 20, true);
    rig.frame(&mut a, "60×20");
    assert!(shown(&rig).contains("q keluar"), "{}", shown(&rig));
    press(&mut a, KeyCode::Char('q'));
    rig.frame(&mut a, "q at 60×20");
    assert!(!a.quit);
    assert!(
        joined(&rig).contains(&squeeze("Keluar tanpa menyimpan?")),
        "the question shows on the small screen: {}",
        shown(&rig)
    );
    press(&mut a, KeyCode::Char('y'));
    assert!(a.quit, "y answers it");
}
