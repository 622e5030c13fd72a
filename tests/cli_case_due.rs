//! Issue 16 on the command line: `disnaker case due` (what is due today or overdue, most
//! overdue first, closed cases never; no name or NIK without `--include-personal-data`) and
//! `disnaker case reopen ID --reason TEXT` (the reason in the history).
//!
//! Due-ness is counted from the office's clock, which the binary reads: the cases are dated
//! from the same clock (`disnaker::clock::today`), and a run that crosses midnight is redone.

use assert_cmd::cargo_bin_cmd;
use chrono::Duration;
use disnaker::domain::case::FieldValues;
use disnaker::domain::date::{iso, Date};
use disnaker::domain::PmiCase;
use disnaker::store::Store;
use std::path::{Path, PathBuf};

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

fn case(name: &str, nik: &str, kecamatan: &str, category: &str, today: Date) -> PmiCase {
    let v: FieldValues = [
        ("name", name),
        ("nik", nik),
        ("sex", "P"),
        ("kecamatan", kecamatan),
        ("country", "Taiwan"),
        ("category", category),
        ("reported_on", &iso(today - Duration::days(30))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (c, checked) = PmiCase::from_fields(&v, today);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    c.unwrap()
}

/// Cases due today (#1, ani's), tomorrow (#2), a closed case three days overdue (#3) and one
/// due yesterday (#4, reassigned to budi): numbered so that the list's order is its own.
fn store_of(today: Date) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let mut s = Store::open(&db, "ani").unwrap();
    let day = |n: i64| Some(today + Duration::days(n));
    let mut put = |name: &str, nik: &str, kec: &str, cat: &str, due: Option<Date>| {
        let mut c = case(name, nik, kec, cat, today);
        c.next_followup = due;
        s.insert_case(&c).unwrap()
    };
    put(
        "Siti Aminah",
        "3505124512950001",
        "Talun",
        "meninggal",
        day(0),
    );
    put("Rina Wati", "3505125001900002", "Wlingi", "sakit", day(1));
    let closed = put("Dewi", "3505124512950003", "Bakung", "kendala", day(-3));
    put("Sri Utami", "3505124512950004", "Ponggok", "sakit", day(-1));
    for to in ["koordinasi", "ditutup"] {
        let v = s.get_case(closed).unwrap().version;
        let to = disnaker::domain::CaseStatus::parse(to).unwrap();
        // Its documents are not in: closing needs a reason.
        s.move_case_status_noting(closed, v, to, "diselesaikan di luar negeri")
            .unwrap();
    }
    s.assign_case(4, 1, "budi").unwrap();
    (dir, db)
}

/// Run `f` with today's date, again if the day changed meanwhile; its complaint fails the
/// test when the day did not change.
fn on_one_day(f: impl Fn(Date) -> Result<(), String>) {
    for _ in 0..2 {
        let today = disnaker::clock::today();
        match f(today) {
            Ok(()) => return,
            Err(e) if disnaker::clock::today() == today => panic!("{e}"),
            Err(_) => {}
        }
    }
}

#[test]
fn case_due_lists_what_is_due_most_overdue_first_and_never_a_closed_case() {
    on_one_day(|today| {
        let (_dir, db) = store_of(today);
        let out = disnaker(&db)
            .args(["case", "due", "--format", "csv"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let want = format!(
            "case_id,kecamatan,category,due_on,days_overdue,what\r\n\
             4,Ponggok,sakit,{},1,followup\r\n\
             1,Talun,meninggal,{},0,followup\r\n",
            iso(today - Duration::days(1)),
            iso(today)
        );
        let got = text(&out.stdout);
        if got != want {
            return Err(format!("want:\n{want}\ngot:\n{got}"));
        }
        // No name, no NIK without asking.
        assert!(!got.contains("Sri") && !got.contains("3505"), "{got}");

        // JSON: the same items, the same keys, numbers as numbers.
        let out = disnaker(&db)
            .args(["case", "due", "--format", "json"])
            .output()
            .unwrap();
        let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(items.as_array().unwrap().len(), 2);
        assert_eq!(items[0]["case_id"], 4);
        assert_eq!(items[0]["days_overdue"], 1);
        assert_eq!(items[1]["what"], "followup");
        assert!(items[0].get("name").is_none(), "{items}");
        let exports = |db: &Path| {
            Store::open(db, "t")
                .unwrap()
                .personal_data_exports()
                .unwrap()
        };
        assert!(
            exports(&db).is_empty(),
            "no personal data left the store yet"
        );

        // With personal data: the name, the NIK and the officer.
        let out = disnaker(&db)
            .args(["case", "due", "--format", "csv", "--include-personal-data"])
            .output()
            .unwrap();
        let got = text(&out.stdout);
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(
            lines[0],
            "case_id,kecamatan,category,due_on,days_overdue,what,name,nik,officer"
        );
        assert!(
            lines[1].ends_with(",Sri Utami,3505124512950004,budi"),
            "{got}"
        );
        // ... and that list is in the audit history: what, the day, how many rows, the format.
        let log = exports(&db);
        assert_eq!(log.len(), 1);
        let said: Vec<(String, String)> = log[0]
            .changes
            .iter()
            .map(|c| (c.field.clone(), c.new.clone()))
            .collect();
        assert_eq!(
            said,
            [
                ("what".to_string(), "case_due".to_string()),
                ("scope".into(), iso(today)),
                ("rows".into(), "2".into()),
                ("format".into(), "csv".into()),
                ("to".into(), "-".into()),
            ]
        );

        // One officer's: --officer NAME.
        let out = disnaker(&db)
            .args(["--officer", "ani", "case", "due", "--format", "csv"])
            .output()
            .unwrap();
        let got = text(&out.stdout);
        assert_eq!(got.lines().count(), 2, "{got}");
        assert!(got.contains("\n1,Talun,meninggal,"), "{got}");

        // The table for a terminal, in the officer's language.
        let out = disnaker(&db).args(["case", "due"]).output().unwrap();
        let got = text(&out.stdout);
        assert!(got.contains("#4") && got.contains("tindak lanjut"), "{got}");
        assert!(
            got.contains("2 jatuh tempo hari ini atau terlewat"),
            "{got}"
        );
        let out = disnaker(&db)
            .args(["--lang", "en", "case", "due"])
            .output()
            .unwrap();
        assert!(text(&out.stdout).contains("2 due today or overdue"));
        Ok(())
    });
}

#[test]
fn case_reopen_puts_a_closed_case_back_with_its_reason_in_the_history() {
    let today = disnaker::clock::today();
    let (_dir, db) = store_of(today);
    // An open case is not reopened.
    let out = disnaker(&db)
        .args(["case", "reopen", "1", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "disnaker: #1: hanya kasus yang sudah ditutup yang dapat dibuka kembali"
    );
    let out = disnaker(&db)
        .args(["--lang", "en", "case", "reopen", "1", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stderr).trim(),
        "disnaker: #1: only a closed case can be reopened"
    );
    let out = disnaker(&db)
        .args(["--officer", "budi", "case", "reopen", "3"])
        .args(["--reason", "keluarga melapor lagi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "kasus #3 dibuka kembali: status koordinasi (versi 4)"
    );
    let s = Store::open(&db, "x").unwrap();
    let h = s.case_history(3).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.officer.as_str()),
        ("reopen", "budi")
    );
    let fields: Vec<(&str, &str, &str)> = last
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("status", "ditutup", "koordinasi"),
            ("reason", "", "keluarga melapor lagi")
        ]
    );
    // Open again, and overdue: it is in the list once more.
    let out = disnaker(&db)
        .args(["case", "due", "--format", "csv"])
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("\n3,Bakung,kendala,"));
    // A reason is required; nothing is written without one.
    {
        let mut s = Store::open(&db, "x").unwrap();
        for to in ["koordinasi", "ditutup"] {
            let v = s.get_case(2).unwrap().version;
            let to = disnaker::domain::CaseStatus::parse(to).unwrap();
            s.move_case_status_noting(2, v, to, "dokumen menyusul")
                .unwrap();
        }
    }
    let out = disnaker(&db)
        .args(["case", "reopen", "2", "--reason", " "])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("alasan wajib diisi"));
    assert_eq!(
        Store::open(&db, "x").unwrap().get_case(2).unwrap().version,
        3
    );
}
