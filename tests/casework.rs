//! Issue 16, items 3 and 4 through the built binary: a "meninggal" case with three referrals
//! (one answered on time, one answered late, one never answered), documents ticked, closed
//! with documents missing only with a reason; `export referrals` counts it exactly.

use assert_cmd::cargo_bin_cmd;
use disnaker::domain::casework::{every_document, Referral};
use disnaker::domain::date::Date;
use disnaker::domain::{CaseStatus, PmiCase};
use disnaker::i18n::Lang;
use disnaker::store::Store;
use std::collections::BTreeMap;
use std::path::Path;

fn disnaker(db: &Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        .arg("--db")
        .arg(db);
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The day the records were typed on (their year is the export's).
const TYPED_ON: &str = "2025-06-30";

fn new_case(s: &mut Store, name: &str, category: &str) -> i64 {
    let v = map(&[
        ("name", name),
        ("sex", "P"),
        ("kecamatan", "Ponggok"),
        ("country", "Malaysia"),
        ("category", category),
        ("reported_on", "2025-03-01"),
    ]);
    let (c, checked) = PmiCase::from_fields(&v, d(TYPED_ON));
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    s.insert_case(&c.unwrap()).unwrap()
}

fn refer(s: &mut Store, case: i64, agency: &str, sent: &str) -> i64 {
    let v = map(&[
        ("case_id", &case.to_string()),
        ("agency", agency),
        ("asked", "mohon bantuan"),
        ("sent_on", sent),
    ]);
    let cal = s.working_days().unwrap();
    let (r, checked) = Referral::from_fields(&v, d(TYPED_ON), &cal);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    s.insert_referral(&r.unwrap()).unwrap()
}

/// Case #1 (meninggal): BP3MI (5 working days) sent Monday 2025-03-03, due 2025-03-10,
/// answered 03-07; KBRI Kuala Lumpur (10) due 2025-03-17, answered 03-25: late; Polres (5)
/// never answered. Three of its five required documents in. Case #2 (sakit): Dinas Sosial
/// answered on time, and Polres sent in 2024 (another year's export). Case #3 (kendala): a
/// referral to an agency not on the list, never answered, then the case archived: counted
/// nowhere.
fn store_with_a_death_case(db: &Path) {
    let mut s = Store::open(db, "ani").unwrap();
    let case = new_case(&mut s, "Sulastri", "meninggal");
    let bp3mi = refer(&mut s, case, "BP3MI Jawa Timur", "2025-03-03");
    let kbri = refer(&mut s, case, "KBRI Kuala Lumpur", "2025-03-03");
    refer(&mut s, case, "Polres", "2025-03-03");
    s.answer_referral(bp3mi, 1, "jenazah dijemput", d("2025-03-07"))
        .unwrap();
    s.answer_referral(kbri, 1, "akta kematian dikirim", d("2025-03-25"))
        .unwrap();
    for doc in ["akta_kematian", "paspor", "pernyataan_keluarga"] {
        s.record_case_document(case, doc, Some(d("2025-03-20")))
            .unwrap();
    }
    let sick = new_case(&mut s, "Wati", "sakit");
    let dinsos = refer(&mut s, sick, "dinas sosial", "2025-04-01");
    s.answer_referral(dinsos, 1, "ok", d("2025-04-02")).unwrap();
    refer(&mut s, sick, "Polres", "2024-12-02");
    let gone = new_case(&mut s, "Rina", "kendala");
    refer(&mut s, gone, "Kantor Imigrasi Blitar", "2025-05-05");
    s.archive_case(gone, 1).unwrap();
    s.move_case_status(case, 1, CaseStatus::Koordinasi).unwrap();
}

#[test]
fn closing_with_documents_missing_needs_a_reason_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    store_with_a_death_case(&db);

    let out = disnaker(&db)
        .args(["case", "status", "1", "ditutup"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert_eq!(
        text(&out.stderr),
        "disnaker: kasus #1 tidak dapat ditutup tanpa alasan: dokumen wajib belum ada (Izin \
         angkut jenazah, Klaim BPJS Ketenagakerjaan); ulangi dengan --reason TEKS\n"
    );
    let out = disnaker(&db)
        .args(["--lang", "en", "case", "status", "1", "ditutup"])
        .output()
        .unwrap();
    assert!(
        text(&out.stderr).contains("repeat with --reason TEXT"),
        "{}",
        text(&out.stderr)
    );
    let s = Store::open(&db, "t").unwrap();
    assert_eq!(
        s.get_case(1).unwrap().case.status,
        Some(CaseStatus::Koordinasi)
    );
    drop(s);

    let out = disnaker(&db)
        .args(["--officer", "budi", "case", "status", "1", "ditutup"])
        .args(["--reason", "klaim BPJS diurus ahli waris sendiri"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The officer's language: Indonesian unless told otherwise (issue 15).
    assert_eq!(
        text(&out.stdout),
        "kasus #1: koordinasi → ditutup (versi 3)\n"
    );
    let s = Store::open(&db, "t").unwrap();
    let last = s.case_history(1).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.officer.as_str()),
        ("status", "budi")
    );
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
            ("reason", "klaim BPJS diurus ahli waris sendiri"),
        ]
    );
}

#[test]
fn export_referrals_counts_per_agency_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    store_with_a_death_case(&db);
    let out = disnaker(&db)
        .args(["export", "referrals", "--year", "2025"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "agency,sent,answered,answered_on_time,overdue\r\n\
         BP3MI Jawa Timur,1,1,1,0\r\n\
         KBRI Kuala Lumpur,1,1,0,0\r\n\
         Dinas Sosial,1,1,1,0\r\n\
         Polres,1,0,0,1\r\n\
         TOTAL,4,3,2,1\r\n"
    );
    let out = disnaker(&db)
        .args(["export", "referrals", "--year", "2024"])
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stdout),
        "agency,sent,answered,answered_on_time,overdue\r\nPolres,1,0,0,1\r\nTOTAL,1,0,0,1\r\n"
    );
    let xlsx = dir.path().join("r.xlsx");
    let out = disnaker(&db)
        .args([
            "export",
            "referrals",
            "--year",
            "2025",
            "--format",
            "xlsx",
            "--out",
        ])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK", "a workbook");
    let out = disnaker(&db)
        .args(["export", "referrals", "--include-personal-data"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
}

/// Every document of `data/case_documents.toml` and every catalog key the casework shows
/// has its words in both languages.
#[test]
fn every_document_has_its_name_in_both_languages() {
    for doc in every_document() {
        for lang in [Lang::Id, Lang::En] {
            let key = format!("choice.document.{doc}");
            assert_ne!(lang.t(&key), key, "{key} is not in data/i18n/casework.toml");
        }
    }
}

/// The worklist's second source (issue 16): a referral's answer due and not given is on
/// `case due`, most overdue first, beside the follow-ups; answered ones and those of an
/// archived case are not.
#[test]
fn unanswered_referrals_are_on_the_worklist() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    store_with_a_death_case(&db);
    let due_of = |case: i64, agency: &str| {
        let s = Store::open(&db, "t").unwrap();
        let r = s.case_referrals(case).unwrap();
        let r = r.iter().find(|r| r.referral.agency == agency).unwrap();
        disnaker::domain::date::iso(r.referral.due_on)
    };
    let (polres_2, polres_1) = (due_of(2, "Polres"), due_of(1, "Polres"));
    let out = disnaker(&db)
        .args(["case", "due", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let rows: Vec<(String, String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].into(), c[3].into(), c[5].into())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2".to_string(), polres_2, "referral".to_string()),
            ("1".to_string(), polres_1, "referral".to_string()),
        ],
        "{csv}"
    );
    // On the table, in the officer's words.
    let out = disnaker(&db).args(["case", "due"]).output().unwrap();
    assert!(
        text(&out.stdout).contains("jawaban rujukan"),
        "{}",
        text(&out.stdout)
    );
}

/// Issue 16: a case's history holds every step of its casework — the referrals sent and
/// answered and the documents received — beside its own changes, in the order they happened.
#[test]
fn the_case_history_holds_its_referrals_and_documents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    store_with_a_death_case(&db);
    let s = Store::open(&db, "t").unwrap();
    let h = s.case_history(1).unwrap();
    let steps: Vec<String> = h
        .iter()
        .map(|e| match e.changes.first() {
            Some(c) if e.action.contains('.') => format!("{} {}", e.action, c.new),
            _ => e.action.clone(),
        })
        .collect();
    assert_eq!(
        steps,
        [
            "create",
            "referral.create #1 BP3MI Jawa Timur",
            "referral.create #2 KBRI Kuala Lumpur",
            "referral.create #3 Polres",
            "referral.answer #1 BP3MI Jawa Timur",
            "referral.answer #2 KBRI Kuala Lumpur",
            "document.create #1 akta_kematian",
            "document.create #2 paspor",
            "document.create #3 pernyataan_keluarga",
            "status",
        ]
    );
    // Another case's casework stays out of it.
    assert!(s
        .case_history(2)
        .unwrap()
        .iter()
        .all(|e| !e.changes.iter().any(|c| c.new.contains("BP3MI"))));
}

/// Issue 16, 6: on upgrade, the one notes text a case had becomes its first note, dated the
/// day the case was reported; a case without notes gets none.
#[test]
fn an_upgraded_case_keeps_its_notes_as_its_first_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        let mut s = Store::open(&db, "ani").unwrap();
        let id = new_case(&mut s, "Sulastri", "meninggal");
        let mut c = s.get_case(id).unwrap().case;
        c.notes = "  keluarga sudah dihubungi  ".into();
        s.update_case(id, 1, &c).unwrap();
        new_case(&mut s, "Wati", "sakit");
    }
    // As a store of schema 14 had it: no notes of their own yet.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TABLE case_note; PRAGMA user_version = 14;")
        .unwrap();
    let s = Store::open(&db, "budi").unwrap();
    let notes = s.case_notes(1).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note.text, "keluarga sudah dihubungi");
    assert_eq!(notes[0].note.noted_on, d("2025-03-01"));
    assert_eq!(notes[0].changed_by, "ani");
    assert!(s.case_notes(2).unwrap().is_empty());
}
