//! Issue 16, items 3 and 4 in the TUI at 80×24: a "meninggal" case's detail with its
//! referrals (one answered on time, one answered late, one overdue, which stands out) and its
//! documents ticked with the keys of the detail; closing with documents missing asks a reason
//! that goes into the history.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use disnaker::domain::casework::Referral;
use disnaker::domain::date::Date;
use disnaker::domain::{CaseStatus, PmiCase};
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

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The day the officer works on (the records' year is its year).
const TODAY: &str = "2026-11-28";

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn draw(app: &mut App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t.backend().buffer().clone()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

fn screen(app: &mut App) -> String {
    rows(&draw(app)).join("\n")
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

/// A store holding one meninggal case and two referrals sent on 2026-11-02: BP3MI (due in
/// 5 working days, 2026-11-09) and KBRI Kuala Lumpur (10, 2026-11-16).
fn store() -> Store {
    let mut s = Store::open_in_memory("ani").unwrap();
    let v = map(&[
        ("name", "Sulastri"),
        ("sex", "P"),
        ("kecamatan", "Ponggok"),
        ("country", "Malaysia"),
        ("category", "meninggal"),
        ("reported_on", "2026-11-02"),
    ]);
    let (c, checked) = PmiCase::from_fields(&v, d(TODAY));
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let case = s.insert_case(&c.unwrap()).unwrap();
    let cal = s.working_days().unwrap();
    for agency in ["BP3MI Jawa Timur", "KBRI Kuala Lumpur"] {
        let v = map(&[
            ("case_id", &case.to_string()),
            ("agency", agency),
            ("asked", "bantuan pemulangan jenazah"),
            ("sent_on", "2026-11-02"),
        ]);
        let (r, checked) = Referral::from_fields(&v, d(TODAY), &cal);
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        s.insert_referral(&r.unwrap()).unwrap();
    }
    s
}

fn app(store: Store) -> App {
    App::new(
        store,
        Keymap::default_keymap(),
        Lang::Id,
        Theme::plain(),
        "test.db".into(),
        d(TODAY),
    )
}

/// On the case's detail: R a third referral, to the police, sent 2026-11-10 (5 working
/// days: due 11-17, never answered); J answers BP3MI on 2026-11-06 (on time) and KBRI today
/// (late); D records the death certificate and (→) the passport as received today.
fn refer_answer_and_tick(app: &mut App) {
    press(app, KeyCode::Char('R'));
    let form = screen(app);
    assert!(form.contains("Instansi"), "{form}");
    typ(app, "polres");
    press(app, KeyCode::Tab);
    typ(app, "laporan kepolisian");
    press(app, KeyCode::Tab);
    ctrl(app, 'u');
    typ(app, "10-11-2026");
    ctrl(app, 's');
    press(app, KeyCode::Char('J'));
    let answer = screen(app);
    assert!(answer.contains("Jawaban rujukan"), "{answer}");
    typ(app, "jenazah dijemput di bandara");
    press(app, KeyCode::Tab);
    ctrl(app, 'u');
    typ(app, "06-11-2026");
    ctrl(app, 's');
    press(app, KeyCode::Char('J'));
    typ(app, "akta kematian dikirim");
    ctrl(app, 's');
    press(app, KeyCode::Char('D'));
    ctrl(app, 's');
    press(app, KeyCode::Char('D'));
    press(app, KeyCode::Right);
    ctrl(app, 's');
}

#[test]
fn a_death_case_from_its_referrals_to_closing_with_a_reason() {
    let mut app = app(store());
    press(&mut app, KeyCode::Enter);
    let detail = screen(&mut app);
    assert!(detail.contains("Rujukan:"), "{detail}");
    assert!(detail.contains("[ ] Paspor (wajib)"), "{detail}");
    assert!(
        detail.contains("R rujukan baru"),
        "the keys are on the detail: {detail}"
    );

    // R, J, J, D, D (see the helper); then the family's statement (chosen with →).
    refer_answer_and_tick(&mut app);
    press(&mut app, KeyCode::Char('D'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    ctrl(&mut app, 's');

    let buf = draw(&mut app);
    let lines = rows(&buf);
    let all = lines.join("\n");
    for want in [
        "1. BP3MI Jawa Timur · Dikirim 02-11-2026 · jatuh tempo 09-11-2026",
        "dijawab tepat waktu 06-11-2026 · bantuan pemulangan jenazah",
        "2. KBRI Kuala Lumpur · Dikirim 02-11-2026 · jatuh tempo 16-11-2026",
        "dijawab terlambat 28-11-2026",
        "3. Polres · Dikirim 10-11-2026 · jatuh tempo 17-11-2026",
        "TERLAMBAT, belum dijawab · laporan kepolisian",
        "[x] Akta/surat kematian dari negara penempatan (wajib) · 28-11-2026 oleh ani",
        "[x] Paspor (wajib) · 28-11-2026 oleh ani",
        "[ ] Izin angkut jenazah (wajib)",
        "[x] Surat pernyataan keluarga (wajib)",
    ] {
        assert!(all.contains(want), "{want} not in\n{all}");
    }
    // The overdue answer stands out (bold); the answered ones do not.
    let bold_at = |needle: &str| {
        let y = lines.iter().position(|l| l.contains(needle)).unwrap();
        let x = lines[y].find(needle).unwrap();
        let x = lines[y][..x].chars().count() as u16;
        buf[(x, y as u16)].modifier.contains(Modifier::BOLD)
    };
    assert!(bold_at("3. Polres"));
    assert!(bold_at("TERLAMBAT, belum dijawab"));
    assert!(!bold_at("1. BP3MI"));
    assert!(!bold_at("dijawab terlambat"));

    // s: baru → koordinasi at once; s again, 2: ditutup asks the reason, naming what is missing.
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('2'));
    let ask = screen(&mut app);
    assert!(ask.contains("Alasan *"), "{ask}");
    assert!(
        ask.contains("Dokumen wajib belum ada: Izin angkut jenazah, Klaim BPJS"),
        "{ask}"
    );
    ctrl(&mut app, 's');
    assert!(
        screen(&mut app).contains("Alasan"),
        "an empty reason closes nothing"
    );
    typ(&mut app, "klaim BPJS diurus ahli waris");
    ctrl(&mut app, 's');
    let closed = screen(&mut app);
    assert!(closed.contains("ditutup"), "{closed}");

    let s = &app.store;
    let case = s.get_case(1).unwrap();
    assert_eq!(case.case.status, Some(CaseStatus::Ditutup));
    let last = s.case_history(1).unwrap().pop().unwrap();
    let noted: Vec<(&str, &str)> = last
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        noted,
        [
            ("status", "ditutup"),
            ("missing_documents", "izin_angkut_jenazah, klaim_bpjs"),
            ("reason", "klaim BPJS diurus ahli waris"),
        ]
    );
    let refs = s.case_referrals(1).unwrap();
    let answered: Vec<Option<Date>> = refs.iter().map(|r| r.referral.answered_on).collect();
    assert_eq!(answered, [Some(d("2026-11-06")), Some(d(TODAY)), None]);
    assert_eq!(refs[2].referral.due_on, d("2026-11-17"));
    assert_eq!(s.missing_case_documents(1).unwrap().len(), 2);

    // `h`: the case's history holds its referrals, answers and documents beside its moves,
    // worded for the officer.
    press(&mut app, KeyCode::Char('h'));
    let mut seen = String::new();
    for _ in 0..8 {
        seen.push_str(&screen(&mut app));
        press(&mut app, KeyCode::PageDown);
    }
    for want in [
        "rujukan dikirim",
        "jawaban rujukan dicatat",
        "dokumen diterima",
        "status",
    ] {
        assert!(seen.contains(want), "{want} not in the history:\n{seen}");
    }
}

/// The help lists the keys of a record's detail, each saying which record it is for: a
/// case's referrals and documents, a job seeker's six-monthly report.
#[test]
fn the_help_of_the_cases_pane_names_the_casework_keys() {
    let mut app = app(store());
    press(&mut app, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&mut app));
        press(&mut app, KeyCode::PageDown);
    }
    for want in [
        "Rincian data",
        "kasus PMI: rujukan ke instansi mitra",
        "kasus PMI: jawaban rujukan terdekat",
        "kasus PMI: dokumen diterima",
        "pencari kerja: lapor 6 bulan",
    ] {
        assert!(seen.contains(want), "{want} not in the help:\n{seen}");
    }
}

/// Issue 16, 6: `N` on a case's detail writes a dated note of its own; the detail's timeline
/// shows it first (newest first), above the referrals sent before it.
#[test]
fn a_note_is_an_entry_of_its_own_on_the_timeline() {
    let mut app = app(store());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('N'));
    let s = screen(&mut app);
    assert!(
        s.contains("Catatan baru") && s.contains("Tanggal catatan"),
        "{s}"
    );
    ctrl(&mut app, 's');
    assert!(
        app.store.case_notes(1).unwrap().is_empty(),
        "no text: nothing written"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    // What is typed first is the note itself; its day is today unless changed.
    press(&mut app, KeyCode::Char('N'));
    typ(&mut app, "keluarga minta jenazah dipulangkan");
    ctrl(&mut app, 's');
    let notes = app.store.case_notes(1).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note.noted_on, d(TODAY));
    assert_eq!(notes[0].changed_by, "ani");
    press(&mut app, KeyCode::Enter);
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&mut app));
        press(&mut app, KeyCode::PageDown);
    }
    let timeline: Vec<&str> = seen
        .lines()
        .skip_while(|l| !l.contains("Linimasa"))
        .skip(1)
        .take(3)
        .collect();
    assert!(
        timeline[0].contains("catatan ditulis keluarga minta"),
        "{seen}"
    );
    assert!(timeline[1].contains("rujukan dikirim"), "{seen}");
}

/// Issue 16's must-show at 80×24, in one walk: a meninggal case with three referrals (one
/// answered on time, one late, one overdue), documents ticked, the worklist showing the
/// overdue referral, reassigned, moved through every status with the dates each move asks,
/// closed with documents missing and a reason, reopened with a reason — and its history
/// holding every step.
#[test]
fn a_death_case_from_the_first_call_to_closing_and_back_at_80x24() {
    let mut app = app(store());
    press(&mut app, KeyCode::Enter);
    refer_answer_and_tick(&mut app);
    press(&mut app, KeyCode::Esc);

    // The worklist (d) shows the case with its overdue referral answer.
    press(&mut app, KeyCode::Char('d'));
    let s = screen(&mut app);
    let row = s.lines().find(|l| l.contains("jawaban rujukan")).expect(&s);
    assert!(
        row.contains("17-11-2026") && row.contains("meninggal"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('d'));

    // Reassigned to budi.
    press(&mut app, KeyCode::Char('A'));
    typ(&mut app, "budi");
    ctrl(&mut app, 's');
    assert_eq!(app.store.get_case(1).unwrap().case.officer, "budi");

    // baru → koordinasi → pemulangan (planned date) → tiba (arrival date and place).
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('1'));
    let s = screen(&mut app);
    assert!(s.contains("Rencana pemulangan"), "{s}");
    typ(&mut app, "05-12-2026");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('s'));
    let s = screen(&mut app);
    assert!(
        s.contains("Tanggal tiba") && s.contains("Tempat tiba"),
        "{s}"
    );
    typ(&mut app, "27-11-2026");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "Bandara Juanda");
    ctrl(&mut app, 's');
    assert_eq!(
        app.store.get_case(1).unwrap().case.status,
        Some(CaseStatus::Tiba)
    );
    // → ditutup: the hand-over date, and the reason, since documents are missing.
    press(&mut app, KeyCode::Char('s'));
    let s = screen(&mut app);
    assert!(
        s.contains("Tanggal serah terima") && s.contains("Alasan"),
        "{s}"
    );
    assert!(s.contains("Dokumen wajib belum ada"), "{s}");
    typ(&mut app, "28-11-2026");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "izin angkut menyusul dari KBRI");
    ctrl(&mut app, 's');
    assert_eq!(
        app.store.get_case(1).unwrap().case.status,
        Some(CaseStatus::Ditutup)
    );
    // s on the closed case: reopened with a reason.
    press(&mut app, KeyCode::Char('s'));
    typ(&mut app, "keluarga minta klaim BPJS dibantu");
    ctrl(&mut app, 's');
    assert_eq!(
        app.store.get_case(1).unwrap().case.status,
        Some(CaseStatus::Tiba)
    );

    // The history holds every step, in order.
    let steps: Vec<String> = app
        .store
        .case_history(1)
        .unwrap()
        .iter()
        .map(|e| e.action.clone())
        .collect();
    assert_eq!(
        steps,
        [
            "create",
            "referral.create",
            "referral.create",
            "referral.create",
            "referral.answer",
            "referral.answer",
            "document.create",
            "document.create",
            "assign",
            "status",
            "status",
            "status",
            "status",
            "reopen",
        ]
    );
    press(&mut app, KeyCode::Char('h'));
    let mut seen = String::new();
    for _ in 0..10 {
        seen.push_str(&screen(&mut app));
        press(&mut app, KeyCode::PageDown);
    }
    for want in [
        "rujukan dikirim",
        "jawaban rujukan dicatat",
        "dokumen diterima",
        "dialihkan",
        "dibuka kembali",
        "izin angkut menyusul dari KBRI",
    ] {
        assert!(seen.contains(want), "{want} not in the history:\n{seen}");
    }

    // The detail's timeline: each move from what status to what (not the follow-up day or
    // the hand-over date the move wrote too), the reopening, the reassignment.
    press(&mut app, KeyCode::Esc);
    if !screen(&mut app).contains("Kasus #1 —") {
        press(&mut app, KeyCode::Enter);
    }
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&mut app));
        press(&mut app, KeyCode::PageDown);
    }
    // (the detail's pages, the timeline at their end)
    let joined: String = seen
        .lines()
        .filter(|l| l.contains(" · "))
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "dibuka kembali ditutup → tiba",
        "status tiba → ditutup",
        "status pemulangan → tiba",
        "status koordinasi → pemulangan",
    ] {
        assert!(
            joined.contains(want),
            "{want} not in the timeline:\n{joined}"
        );
    }
}
