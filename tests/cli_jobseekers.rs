//! `disnaker import jobseekers` and `export jobseekers`: registrations all or nothing, every
//! bad row listed by its file line, duplicates (a number already given, an NIK already
//! active) skipped and counted, a dry run writing nothing; the summary's bytes.

mod cli_kinds;

use cli_kinds::{refused, text, Office};
use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::store::{JobseekerFilter, JobseekerRef, Store};

const HEADER: &str = "registration_no,nik,name,sex,kecamatan,desa,education,field_of_study,\
                      skills,occupation_sought,registered_on";

fn nik(i: u32, sex: Sex) -> String {
    let birth = Date::from_ymd_opt(1990 + i as i32, 1 + i, 1 + i).unwrap();
    synthesise("3505", 1 + i, birth, sex, i)
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).unwrap()
}

/// Registrations of 2019–2021 (all long expired or closed whatever today is): one of 2019
/// expiring in 2021, two registered in 2021, and two duplicates.
fn office_file() -> String {
    format!(
        "{HEADER}\n\
         AK1/2019/000001,{a},Siti Aminah,P,Ponggok,Ringinanyar,SMK,Tata busana,jahit,penjahit,2019-05-01\n\
         ,{b},Budi Santoso,L,ponggok,,smk,Teknik mesin,las,operator,01/02/2021\n\
         ,{c},Ani Rahayu,P,WLINGI,Beru,D4/S1,Akuntansi,,staf keuangan,01-03-2021\n\
         ,{a},Siti Aminah,P,Ponggok,,SMK,,,,2020-01-01\n\
         AK1/2019/000001,{e},Dewi,P,Talun,,SMA,,,,2021-04-01\n",
        a = nik(1, Sex::P),
        b = nik(2, Sex::L),
        c = nik(3, Sex::P),
        e = nik(4, Sex::P),
    )
}

fn count(office: &Office) -> i64 {
    let store = Store::open(&office.db, "test").unwrap();
    store
        .count_jobseekers(&JobseekerFilter::default(), d(2026, 1, 1))
        .unwrap()
}

#[test]
fn bad_rows_are_listed_and_nothing_is_written() {
    let office = Office::new();
    let file = office.file(
        "bad.csv",
        format!(
            "{HEADER}\n\
             ,{},Siti,L,Ponggok,,SMK,,,,2021-01-15\n\
             ,123,Budi,L,Atlantis,,S9,,,,\n\
             ,{},Ani,P,Talun,,SMA,,,,2021-01-15\n",
            nik(1, Sex::P),
            nik(3, Sex::P)
        )
        .as_bytes(),
    );
    let lines = refused(&office.import("jobseekers", &file, &[]));
    assert_eq!(
        lines[..5],
        [
            "line 2: nik: NIK birth day says sex P but the job seeker is L",
            "line 3: nik: NIK must have 16 digits, not 3",
            "line 3: kecamatan: unknown kecamatan 'Atlantis'",
            "line 3: education: 'S9' is not one of: SD, SMP, SMA, SMK, D1-D3, D4-S1, S2-S3",
            "line 3: registered_on: the registration date is required",
        ]
    );
    assert_eq!(count(&office), 0);
    // In Indonesian, the same lines as `baris N: kolom: alasan`.
    let out = assert_cmd::cargo_bin_cmd!("disnaker")
        .env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .arg("--db")
        .arg(&office.db)
        .args(["import", "jobseekers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).starts_with("baris 2: nik: Tanggal lahir di NIK"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_dry_run_counts_and_an_import_writes_skipping_duplicates() {
    let office = Office::new();
    let file = office.file("js.csv", office_file().as_bytes());
    let out = office.import("jobseekers", &file, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "would import 3 job seekers (2 duplicates skipped)\n"
    );
    assert_eq!(count(&office), 0);
    let out = office.import("jobseekers", &file, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "imported 3 job seekers (2 duplicates skipped)\n"
    );
    assert_eq!(count(&office), 3);
    // each row skipped is named with its line
    let err = text(&out.stderr);
    let named: Vec<&str> = err.lines().filter(|l| l.contains("skipped:")).collect();
    assert_eq!(named.len(), 2, "{err}");
    assert_eq!(
        named,
        [
            "line 5: nik: warning: skipped: this person is registered in an earlier row over the same time",
            "line 6: registration_no: warning: skipped: registration number 'AK1/2019/000001' is taken already",
        ],
        "{err}"
    );
    let store = Store::open(&office.db, "test").unwrap();
    let rows = store
        .list_jobseekers(&JobseekerFilter::default(), d(2026, 1, 1), 0, 10)
        .unwrap();
    let numbers: Vec<&str> = rows.iter().map(|r| r.registration_no.as_str()).collect();
    assert_eq!(
        numbers,
        ["AK1/2021/000002", "AK1/2021/000001", "AK1/2019/000001"]
    );
    // Again: every row is a duplicate now.
    let out = office.import("jobseekers", &file, &[]);
    assert_eq!(
        text(&out.stdout),
        "imported 0 job seekers (5 duplicates skipped)\n"
    );
    // the registration in the store is named
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "line 3: nik: warning: skipped: this person already has active registration 'AK1/2021/000001' over the same time"
        ),
        "{err}"
    );
}

#[test]
fn the_summary_counts_registered_placed_and_expired() {
    let office = Office::new();
    let file = office.file("js.csv", office_file().as_bytes());
    assert!(office.import("jobseekers", &file, &[]).status.success());
    // Ani is placed in 2021 by a domestic placement (the store's API the placements use).
    let mut store = Store::open(&office.db, "test").unwrap();
    let ani = nik(3, Sex::P);
    let closed = store
        .place_jobseeker(JobseekerRef::Nik(&ani), 17, d(2021, 6, 1))
        .unwrap();
    assert!(closed.is_some());
    drop(store);
    assert_eq!(
        office.export_csv("jobseekers", 2021),
        "kecamatan,sex,education,registered,placed,expired\r\n\
         Ponggok,L,SMK,1,0,0\r\n\
         Ponggok,P,SMK,0,0,1\r\n\
         Wlingi,P,D4-S1,1,1,0\r\n\
         TOTAL,,,2,1,1\r\n"
    );
    assert_eq!(
        office.export_csv("jobseekers", 2019),
        "kecamatan,sex,education,registered,placed,expired\r\n\
         Ponggok,P,SMK,1,0,0\r\n\
         TOTAL,,,1,0,0\r\n"
    );
    let out = office.export(&["jobseekers", "--include-personal-data"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
