//! `disnaker import transmigrants` and `export transmigrants`: family registrations, all or
//! nothing, every bad row listed by its file line (a family already registered included);
//! quota warnings; the summary per kecamatan with registered, departed and waiting.

mod cli_kinds;

use cli_kinds::{refused, text, Office};
use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::transmigrant::Quota;
use disnaker::domain::Kecamatan;
use disnaker::store::{Store, TransmigrantFilter};

const HEADER: &str =
    "head_name,nik,kk_no,members,kecamatan,desa,registered_on,stage,destination,departed_on";

const TORIRE: &str = "\"UPT Torire, Kabupaten Poso, Sulawesi Tengah\"";

/// The NIK of head of family `i` (a man), valid and different for every `i`.
fn nik(i: usize) -> String {
    let birth = Date::from_ymd_opt(
        1970 + (i % 20) as i32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    )
    .unwrap();
    synthesise("3505", 1 + (i % 22) as u32, birth, Sex::L, 1 + i as u32)
}

/// The family card of family `i`.
fn kk(i: usize) -> String {
    format!("3505{:02}{:010}", 1 + i % 22, 7_000_000 + i)
}

/// 2024 as the office recorded it: five families registered, one of them departed to UPT
/// Torire on 6 December 2024, the other four still waiting at various stages.
fn families_2024() -> String {
    format!(
        "{HEADER}\n\
         Suparman,{},{},4,Ponggok,Bacem,2024-02-05,diberangkatkan,{TORIRE},2024-12-06\n\
         Slamet,{},{},3,Doko,Sumberurip,11/03/2024,terdaftar,,\n\
         Sutrisno,{},{},5,wlingi,Beru,2024-05-20,berkas lengkap,,\n\
         Darmaji,{},{},2,Ponggok,Kawedusan,2024-08-01,Terseleksi,{TORIRE},\n\
         Karsono,{},{},3,KADEMANGAN,Plosorejo,14-10-2024,,,\n",
        nik(1),
        kk(1),
        nik(2),
        kk(2),
        nik(3),
        kk(3),
        nik(4),
        kk(4),
        nik(5),
        kk(5)
    )
}

const TABLE_HEADER: &str = "kecamatan,registered,members,terdaftar,berkas_lengkap,terseleksi,dilatih,diberangkatkan,batal,departed,waiting\r\n";

const SUMMARY_2024: &str = "kecamatan,registered,members,terdaftar,berkas_lengkap,terseleksi,dilatih,diberangkatkan,batal,departed,waiting\r\n\
Doko,1,3,1,0,0,0,0,0,0,1\r\n\
Kademangan,1,3,1,0,0,0,0,0,0,1\r\n\
Ponggok,2,6,0,0,1,0,1,0,1,1\r\n\
Wlingi,1,5,0,1,0,0,0,0,0,1\r\n\
TOTAL,5,17,2,1,1,0,1,0,1,4\r\n";

/// `n` families registered in 2024 (data lines 2..=n+1), all waiting; `bad` replaces one
/// line's KK number.
fn many(n: usize, bad: Option<(usize, &str)>) -> String {
    let mut s = format!("{HEADER}\n");
    for i in 0..n {
        let line = i + 2;
        let kk = match bad {
            Some((l, k)) if l == line => k.to_string(),
            _ => kk(100 + i),
        };
        let kec = Kecamatan::all()[i % 22].name();
        s.push_str(&format!(
            "Kepala {i},{},{kk},{},{kec},,2024-{:02}-{:02},,,\n",
            nik(100 + i),
            1 + i % 6,
            1 + i % 12,
            1 + i % 28
        ));
    }
    s
}

fn families(o: &Office) -> i64 {
    Store::open(&o.db, "test")
        .unwrap()
        .count_transmigrants(&TransmigrantFilter::default())
        .unwrap()
}

#[test]
fn five_registered_in_2024_one_departed_four_waiting() {
    let o = Office::new();
    let f = o.file("families.csv", families_2024().as_bytes());
    let out = o.import("transmigrants", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 5 transmigrant families\n");
    // The departure is recorded; the province's quota for it is not entered yet.
    assert_eq!(
        text(&out.stderr),
        "warning: no provincial quota is entered for 2024\n"
    );
    assert_eq!(families(&o), 5);
    assert_eq!(o.export_csv("transmigrants", 2024), SUMMARY_2024);
    // The four still waiting are carried into 2025 (registered and departed 0 there).
    assert_eq!(
        o.export_csv("transmigrants", 2025),
        format!(
            "{TABLE_HEADER}\
             Doko,0,0,0,0,0,0,0,0,0,1\r\n\
             Kademangan,0,0,0,0,0,0,0,0,0,1\r\n\
             Ponggok,0,0,0,0,0,0,0,0,0,1\r\n\
             Wlingi,0,0,0,0,0,0,0,0,0,1\r\n\
             TOTAL,0,0,0,0,0,0,0,0,0,4\r\n"
        )
    );
    assert_eq!(
        o.export_csv("transmigrants", 2023),
        format!("{TABLE_HEADER}TOTAL,0,0,0,0,0,0,0,0,0,0\r\n")
    );
}

#[test]
fn a_family_already_registered_is_refused_by_line() {
    let o = Office::new();
    let f = o.file("families.csv", families_2024().as_bytes());
    assert!(o.import("transmigrants", &f, &[]).status.success());
    // Slamet again (still open), and a new family: the whole file is refused.
    let again = o.file(
        "again.csv",
        format!(
            "{HEADER}\n\
             Paijo,{},{},2,Talun,,2025-01-06,,,\n\
             Slamet,{},{},3,Doko,Sumberurip,2025-01-06,,,\n",
            nik(9),
            kk(9),
            nik(2),
            kk(2)
        )
        .as_bytes(),
    );
    let lines = refused(&o.import("transmigrants", &again, &[]));
    assert_eq!(
        lines,
        [
            "line 3: kk_no: the family (same KK number) already has an open registration #2 \
             (Slamet, registered 11-03-2024, stage terdaftar); move it on or withdraw it \
             (batal) first"
                .to_string(),
            format!(
                "disnaker: {}: 1 of 2 rows has errors; nothing was imported",
                again.display()
            ),
        ]
    );
    assert_eq!(families(&o), 5);
    assert_eq!(o.export_csv("transmigrants", 2024), SUMMARY_2024);
}

#[test]
fn bad_fields_and_a_family_registered_twice_are_listed_together() {
    let o = Office::new();
    let f = o.file(
        "twice.csv",
        format!(
            "{HEADER}\n\
             Slamet,{slamet},{kk2},3,Doko,Sumberurip,2024-03-11,terdaftar,,\n\
             Sutrisno,{},12345,25,Wlingi,Beru,2024-05-20,dilatih,,2024-06-01\n\
             Slamet,{slamet},{kk2},3,Doko,Sumberurip,2024-06-11,terdaftar,,\n",
            nik(3),
            slamet = nik(2),
            kk2 = kk(2)
        )
        .as_bytes(),
    );
    let lines = refused(&o.import("transmigrants", &f, &[]));
    assert_eq!(
        lines[..3],
        [
            "line 3: kk_no: KK number must have 16 digits, not 5",
            "line 3: members: a family has 1 to 20 members, not 25",
            "line 4: kk_no: the family already has an open registration in this file \
             (Slamet, registered 11-03-2024, stage terdaftar)",
        ]
    );
    assert!(lines[3].ends_with("2 of 3 rows have errors; nothing was imported"));
    assert_eq!(lines.len(), 4);
    assert_eq!(families(&o), 0);
}

#[test]
fn withdrawn_rows_need_their_reason_and_date() {
    let o = Office::new();
    let f = o.file(
        "batal.csv",
        format!(
            "{HEADER},cancel_reason,cancelled_on\n\
             Paijo,{},{},2,Talun,,2024-01-08,batal,,,pindah domisili,2024-04-01\n\
             Marno,{},{},3,Doko,,2024-01-09,batal,,,,\n\
             Jumadi,{},{},3,Doko,,2024-01-10,terdaftar,,2024-05-01,,\n\
             Sarip,{},{},3,Doko,,2024-01-11,diberangkatkan,,2024-05-01,,\n",
            nik(11),
            kk(11),
            nik(12),
            kk(12),
            nik(13),
            kk(13),
            nik(14),
            kk(14)
        )
        .as_bytes(),
    );
    let lines = refused(&o.import("transmigrants", &f, &[]));
    assert_eq!(
        lines[..lines.len() - 1],
        [
            "line 3: cancel_reason: a withdrawn registration (batal) needs its reason",
            "line 3: cancelled_on: a withdrawn registration (batal) needs the date of withdrawal",
            "line 4: departed_on: a departure date belongs only to a departed family, not to stage terdaftar",
            "line 5: destination: a departed family needs its destination (settlement unit, kabupaten, province)",
        ]
    );
    assert!(lines[4].ends_with("3 of 4 rows have errors; nothing was imported"));
    assert_eq!(families(&o), 0);

    // The withdrawn family alone goes in: counted in its stage, not waiting.
    let f = o.file(
        "ok.csv",
        format!(
            "{HEADER},cancel_reason,cancelled_on\n\
             Paijo,{},{},2,Talun,,2024-01-08,batal,,,pindah domisili,2024-04-01\n",
            nik(11),
            kk(11)
        )
        .as_bytes(),
    );
    let out = o.import("transmigrants", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(
        o.export_csv("transmigrants", 2024),
        format!("{TABLE_HEADER}Talun,1,2,0,0,0,0,0,1,0,0\r\nTOTAL,1,2,0,0,0,0,0,1,0,0\r\n")
    );
}

#[test]
fn departures_beyond_the_quota_are_warned_about() {
    let o = Office::new();
    {
        let mut s = Store::open(&o.db, "test").unwrap();
        let q = Quota::new(2024, 1, "UPT Torire", "surat Disnakertrans Jatim").unwrap();
        s.set_transmigration_quota(&q).unwrap();
    }
    let f = o.file("families.csv", families_2024().as_bytes());
    let out = o.import("transmigrants", &f, &[]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "within the quota: {}",
        text(&out.stderr)
    );

    let more = o.file(
        "more.csv",
        format!(
            "{HEADER}\n\
             Paijo,{},{},2,Talun,,2024-01-08,diberangkatkan,{TORIRE},2024-12-06\n",
            nik(20),
            kk(20)
        )
        .as_bytes(),
    );
    let warning = "warning: 2 families departed in 2024, beyond the provincial quota of 1\n";
    let out = o.import("transmigrants", &more, &["--dry-run"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), warning);
    assert_eq!(text(&out.stdout), "would import 1 transmigrant families\n");
    assert_eq!(families(&o), 5);
    let out = o.import("transmigrants", &more, &[]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), warning);
    assert_eq!(text(&out.stdout), "imported 1 transmigrant families\n");
    assert!(o
        .export_csv("transmigrants", 2024)
        .ends_with("\r\nTOTAL,6,19,2,1,1,0,2,0,2,4\r\n"));
}

#[test]
fn one_bad_row_among_many_rejects_the_file_whole() {
    let o = Office::new();
    let f = o.file("bad.csv", many(300, Some((150, "3505123"))).as_bytes());
    let lines = refused(&o.import("transmigrants", &f, &[]));
    assert_eq!(
        lines,
        [
            "line 150: kk_no: KK number must have 16 digits, not 7".to_string(),
            format!(
                "disnaker: {}: 1 of 300 rows has errors; nothing was imported",
                f.display()
            ),
        ]
    );
    assert_eq!(families(&o), 0);
    assert_eq!(
        o.export_csv("transmigrants", 2024),
        format!("{TABLE_HEADER}TOTAL,0,0,0,0,0,0,0,0,0,0\r\n")
    );

    let f = o.file("good.csv", many(300, None).as_bytes());
    let out = o.import("transmigrants", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "imported 300 transmigrant families\n");
    assert_eq!(families(&o), 300);
    // members 1..=6 in turn: 50 × 21 = 1050.
    assert!(o
        .export_csv("transmigrants", 2024)
        .ends_with("\r\nTOTAL,300,1050,300,0,0,0,0,0,0,300\r\n"));
}

#[test]
fn a_wrong_column_count_is_reported() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        format!(
            "{HEADER}\n\
             Paijo,{},{},2,Talun,,2024-01-08,,,\n\
             Marno,{},{},3,Doko,,2024-01-09,,UPT Torire, Kabupaten Poso,\n",
            nik(1),
            kk(1),
            nik(2),
            kk(2)
        )
        .as_bytes(),
    );
    let lines = refused(&o.import("transmigrants", &f, &[]));
    assert_eq!(lines[0], "line 3: row: expected 10 columns, found 11");
    assert_eq!(lines.len(), 2);
    assert_eq!(families(&o), 0);
}

#[test]
fn a_file_that_is_not_utf8_names_the_line() {
    let o = Office::new();
    let mut bytes = families_2024().into_bytes();
    // Latin-1 "é" in a desa on line 4.
    let pos = bytes.windows(5).position(|w| w == b"Beru,").unwrap();
    bytes[pos + 1] = 0xE9;
    let f = o.file("latin1.csv", &bytes);
    let lines = refused(&o.import("transmigrants", &f, &[]));
    assert_eq!(
        lines[0],
        "line 4: file: not UTF-8 (save the file as \"CSV UTF-8\")"
    );
    assert_eq!(lines.len(), 2);
    assert_eq!(families(&o), 0);
}

#[test]
fn dry_run_checks_and_writes_nothing() {
    let o = Office::new();
    let f = o.file("families.csv", families_2024().as_bytes());
    let out = o.import("transmigrants", &f, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "would import 5 transmigrant families\n");
    assert_eq!(
        text(&out.stderr),
        "warning: no provincial quota is entered for 2024\n"
    );
    assert_eq!(families(&o), 0);
    assert_eq!(
        o.export_csv("transmigrants", 2024),
        format!("{TABLE_HEADER}TOTAL,0,0,0,0,0,0,0,0,0,0\r\n")
    );

    let bad = o.file("bad.csv", many(40, Some((9, "x"))).as_bytes());
    let lines = refused(&o.import("transmigrants", &bad, &["--dry-run"]));
    assert_eq!(
        lines[0],
        "line 9: kk_no: KK number must contain digits only"
    );
    assert!(lines[1].ends_with("1 of 40 rows has errors; the file would be rejected"));
    assert_eq!(families(&o), 0);

    // A dry run does not create a store that is not there, and still finds a family
    // registered twice in the file.
    let none = Office::without_store();
    let twice = format!(
        "{}Slamet,{},{},3,Doko,Sumberurip,2024-06-05,,,\n",
        families_2024(),
        nik(2),
        kk(2)
    );
    let f = none.file("twice.csv", twice.as_bytes());
    let lines = refused(&none.import("transmigrants", &f, &["--dry-run"]));
    assert!(
        lines[0]
            .starts_with("line 7: kk_no: the family already has an open registration in this file"),
        "{lines:?}"
    );
    assert!(!none.db.exists());
}
