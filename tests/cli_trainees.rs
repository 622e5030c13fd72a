//! `disnaker import trainees` and `export trainings`: participants with their training, a
//! training created when the file names it first (of the type its optional `training_type`
//! says, `pbk` without it); all or nothing, every bad row listed by its file line; the summary
//! per scheme with its type, a TOTAL row, and the IKU1 row over the types IKU1 counts.

mod cli_kinds;

use cli_kinds::{refused, text, Office};
use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::Kecamatan;
use disnaker::store::{Store, TrainingFilter};

const HEADER: &str = "training,year,funding_source,name,nik,sex,kecamatan,graduated,employed,employment_type,employer,employed_on";

/// The 2024 schemes of the yearly report (LKjIP 2024 table 3.13): 344 participants.
const SCHEMES_2024: &str = include_str!("fixtures/training_schemes_2024.csv");

const TRAININGS_HEADER: &str =
    "scheme,funding_source,participants,graduated,certified,employed,percent_employed,type\r\n";

/// A valid NIK of Kabupaten Blitar, different for every `i`, whose sex is `sex`.
fn nik(i: usize, sex: Sex) -> String {
    let birth = Date::from_ymd_opt(
        1985 + (i % 20) as i32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    )
    .unwrap();
    synthesise("3505", 1 + (i % 22) as u32, birth, sex, 1 + i as u32)
}

fn sex_of(i: usize) -> (Sex, &'static str) {
    if i % 3 == 0 {
        (Sex::L, "L")
    } else {
        (Sex::P, "P")
    }
}

/// Five participants of three trainings (two of 2024, one of 2023), in the forms SPEC §5
/// allows (any case, `ya`/`tidak`, `yes`/`no`, `1`/`0`, DD/MM/YYYY).
fn small_file() -> String {
    format!(
        "{HEADER}\n\
         Barista,2024,DAU,Siti Aminah,{},P,Ponggok,ya,ya,bekerja,Kafe Kopi,2024-11-15\n\
         Barista,2024,DAU,Budi Santoso,{},L,doko,ya,tidak,,,\n\
         Barber,2024,DAU,Tono,{},L,WLINGI,yes,yes,wirausaha,,01/12/2024\n\
         Barber,2024,dau,Ani,{},P,Kademangan,0,,,,\n\
         Pastry,2023,DBHCHT,Wati,{},P,Doko,1,1,bekerja,Toko Roti,2023-12-10\n",
        nik(1, Sex::P),
        nik(2, Sex::L),
        nik(3, Sex::L),
        nik(4, Sex::P),
        nik(5, Sex::P),
    )
}

const SMALL_2024: &str =
    "scheme,funding_source,participants,graduated,certified,employed,percent_employed,type\r\n\
Barber,DAU,2,1,0,1,50.00,pbk\r\n\
Barista,DAU,2,2,0,1,50.00,pbk\r\n\
TOTAL,,4,3,0,2,50.00,\r\n\
IKU1,,4,3,0,2,50.00,pbk+pemagangan\r\n";

const EMPTY: &str =
    "scheme,funding_source,participants,graduated,certified,employed,percent_employed,type\r\n\
TOTAL,,0,0,0,0,,\r\n\
IKU1,,0,0,0,0,,pbk+pemagangan\r\n";

/// The published 2024 schemes' participants, each a row; the first `employed` in file order
/// found work (every fifth an own business); of the others, half are known not to work and
/// half not followed up yet. Every third employed participant is certified. `bad` replaces
/// one data line's kecamatan.
fn file_2024(employed: usize, bad: Option<(usize, &str)>) -> String {
    let mut s = format!("{HEADER},certificate_no\n");
    let mut i = 0;
    for line in SCHEMES_2024.lines().skip(1) {
        let f: Vec<&str> = line.trim_end().split(',').collect();
        let (funding, scheme, n) = (f[1], f[2], f[3].parse::<usize>().unwrap());
        for _ in 0..n {
            let (sex, who) = sex_of(i);
            let kec = match bad {
                Some((l, k)) if l == i + 2 => k,
                _ => Kecamatan::all()[i % 22].name(),
            };
            let (emp, kind, employer, on, cert) = if i < employed {
                let cert = if i % 3 == 0 {
                    format!("LSP-2024-{i:04}")
                } else {
                    String::new()
                };
                if i % 5 == 0 {
                    ("ya", "wirausaha", "", "2024-12-01", cert)
                } else {
                    ("ya", "bekerja", "CV Maju", "15/11/2024", cert)
                }
            } else if i % 2 == 0 {
                ("tidak", "", "", "", String::new())
            } else {
                ("", "", "", "", String::new())
            };
            s.push_str(&format!(
                "{scheme},2024,{funding},Peserta {i},{},{who},{kec},ya,{emp},{kind},{employer},{on},{cert}\n",
                nik(i, sex)
            ));
            i += 1;
        }
    }
    s
}

fn counts(o: &Office) -> (i64, i64) {
    let s = Store::open(&o.db, "test").unwrap();
    let trainings = s.count_trainings(&TrainingFilter::default()).unwrap();
    let participants = s
        .training_totals_by_year()
        .unwrap()
        .iter()
        .map(|y| y.counts.participants)
        .sum();
    (trainings, participants)
}

#[test]
fn a_good_file_is_imported_and_the_export_shows_it() {
    let o = Office::new();
    let f = o.file("trainees.csv", small_file().as_bytes());
    let out = o.import("trainees", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "imported 5 trainees (3 trainings created)\n"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(counts(&o), (3, 5));
    assert_eq!(o.export_csv("trainings", 2024), SMALL_2024);
    assert_eq!(
        o.export_csv("trainings", 2023),
        format!(
            "{TRAININGS_HEADER}Pastry,DBHCHT,1,1,0,1,100.00,pbk\r\nTOTAL,,1,1,0,1,100.00,\r\n\
             IKU1,,1,1,0,1,100.00,pbk+pemagangan\r\n"
        )
    );
    assert_eq!(o.export_csv("trainings", 2022), EMPTY);

    // More participants of a training already there: no training created.
    let f = o.file(
        "more.csv",
        format!(
            "{HEADER}\nBarista,2024,DAU,Rina,{},P,Sanankulon,ya,tidak,,,\n",
            nik(6, Sex::P)
        )
        .as_bytes(),
    );
    let out = o.import("trainees", &f, &[]);
    assert_eq!(
        text(&out.stdout),
        "imported 1 trainees (0 trainings created)\n"
    );
    assert_eq!(counts(&o), (3, 6));
}

#[test]
fn the_2024_schemes_give_344_participants_284_employed_82_56_percent() {
    let o = Office::new();
    let file = file_2024(284, None);
    assert_eq!(file.lines().count(), 345);
    let f = o.file("trainees-2024.csv", file.as_bytes());
    let out = o.import("trainees", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "imported 344 trainees (15 trainings created)\n"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));

    let csv = o.export_csv("trainings", 2024);
    assert!(csv.starts_with(TRAININGS_HEADER), "{csv}");
    // 95 of the employed are certified (every third of 0..284).
    assert!(
        csv.ends_with(
            "\r\nTOTAL,,344,344,95,284,82.56,\r\nIKU1,,344,344,95,284,82.56,pbk+pemagangan\r\n"
        ),
        "{csv}"
    );
    // One row per published scheme with its published participants, then TOTAL and IKU1.
    let mut recorded: Vec<(String, String, String)> = csv
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("TOTAL,") && !l.starts_with("IKU1,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].into(), f[1].into(), f[2].into())
        })
        .collect();
    let mut published: Vec<(String, String, String)> = SCHEMES_2024
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.trim_end().split(',').collect();
            (f[2].into(), f[1].into(), f[3].into())
        })
        .collect();
    recorded.sort();
    published.sort();
    assert_eq!(recorded, published);
    assert_eq!(recorded.len(), 15);
    // The first scheme in the file, Digital Marketing (DBHCHT), is all employed.
    assert!(
        csv.contains("\r\nDigital Marketing,DBHCHT,20,20,7,20,100.00,pbk\r\n"),
        "{csv}"
    );
}

#[test]
fn one_bad_row_among_many_rejects_the_file_whole() {
    let o = Office::new();
    let f = o.file("bad.csv", file_2024(284, Some((200, "Jakarta"))).as_bytes());
    let lines = refused(&o.import("trainees", &f, &[]));
    assert_eq!(
        lines,
        [
            "line 200: kecamatan: unknown kecamatan 'Jakarta'".to_string(),
            format!(
                "disnaker: {}: 1 of 344 rows has errors; nothing was imported",
                f.display()
            ),
        ]
    );
    // Neither participants nor the trainings the file named were written.
    assert_eq!(counts(&o), (0, 0));
    assert_eq!(o.export_csv("trainings", 2024), EMPTY);
}

#[test]
fn every_bad_row_is_listed_with_its_line() {
    let o = Office::new();
    let f = o.file(
        "bad.csv",
        format!(
            "{HEADER}\n\
             Barista,2024,DAU,Siti,{siti},P,Ponggok,ya,ya,bekerja,Kafe Kopi,2024-11-15\n\
             Barista,2024,DAU,Siti lagi,{siti},P,Ponggok,ya,,,,\n\
             \n\
             Barber,2024,,Tono,{tono},L,Wlingi,ya,ya,,,\n\
             ,20x4,DAU,Ani,{ani},L,Doko,ya,,,,\n\
             Pastry,2024,DAU,Wati,{wati},P,Doko,ya,tidak,,CV Maju,\n\
             Barista,2024,DAU,Rina,{rina},P,Doko,ya,ya,bekerja,,2024-11-15\n",
            siti = nik(1, Sex::P),
            tono = nik(2, Sex::L),
            ani = nik(3, Sex::P),
            wati = nik(4, Sex::P),
            rina = nik(5, Sex::P),
        )
        .as_bytes(),
    );
    let out = o.import("trainees", &f, &[]);
    let lines = refused(&out);
    assert_eq!(
        lines[..lines.len() - 1],
        [
            "line 8: employer: warning: employer not known".to_string(),
            format!(
                "line 3: nik: NIK {} appears again for the same training (first on line 2)",
                disnaker::domain::nik::mask(&nik(1, Sex::P))
            ),
            "line 5: funding_source: 'Barber' of 2024 is a new training: its funding source is needed".to_string(),
            "line 5: employment_type: employed = ya needs bekerja (wage job) or wirausaha (own business)".to_string(),
            "line 6: training: training name is required".to_string(),
            "line 6: year: '20x4' is not a year (e.g. 2024)".to_string(),
            "line 6: nik: NIK birth day says sex P but the participant is L".to_string(),
            "line 7: employer: an employer is given but the participant is not employed".to_string(),
        ]
    );
    assert!(
        lines
            .last()
            .unwrap()
            .ends_with("4 of 6 rows have errors; nothing was imported"),
        "{lines:?}"
    );
    assert_eq!(counts(&o), (0, 0));
}

#[test]
fn a_wrong_column_count_is_reported_with_the_other_bad_rows() {
    let o = Office::new();
    let f = o.file(
        "c.csv",
        format!(
            "{HEADER}\n\
             Barista,2024,DAU,Siti,{siti},P,Ponggok,ya,tidak,,,\n\
             Barista,2024,DAU,Budi,{budi},L,Ponggok,ya,tidak,,\n\
             Barista,2024,DAU,Siti,{siti},P,Ponggok,ya,tidak,,,\n",
            siti = nik(1, Sex::P),
            budi = nik(2, Sex::L)
        )
        .as_bytes(),
    );
    let lines = refused(&o.import("trainees", &f, &[]));
    assert_eq!(
        lines[..2],
        [
            "line 3: row: expected 12 columns, found 11".to_string(),
            format!(
                "line 4: nik: NIK {} appears again for the same training (first on line 2)",
                disnaker::domain::nik::mask(&nik(1, Sex::P))
            ),
        ]
    );
    assert!(lines[2].ends_with("2 of 3 rows have errors; nothing was imported"));
    assert_eq!(lines.len(), 3);
    assert_eq!(counts(&o), (0, 0));
}

#[test]
fn a_file_that_is_not_utf8_names_the_line() {
    let o = Office::new();
    let mut bytes = small_file().into_bytes();
    // Latin-1 "é" in a name on line 4.
    let pos = bytes.windows(5).position(|w| w == b"Tono,").unwrap();
    bytes[pos + 1] = 0xE9;
    let f = o.file("latin1.csv", &bytes);
    let lines = refused(&o.import("trainees", &f, &[]));
    assert_eq!(
        lines[0],
        "line 4: file: not UTF-8 (save the file as \"CSV UTF-8\")"
    );
    assert_eq!(lines.len(), 2);
    assert_eq!(counts(&o), (0, 0));
}

#[test]
fn dry_run_checks_and_writes_nothing() {
    let o = Office::new();
    let f = o.file("trainees.csv", small_file().as_bytes());
    let out = o.import("trainees", &f, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "would import 5 trainees (3 trainings would be created)\n"
    );
    assert_eq!(counts(&o), (0, 0));
    assert_eq!(o.export_csv("trainings", 2024), EMPTY);

    let bad = o.file("bad.csv", file_2024(284, Some((30, "Atlantis"))).as_bytes());
    let lines = refused(&o.import("trainees", &bad, &["--dry-run"]));
    assert_eq!(lines[0], "line 30: kecamatan: unknown kecamatan 'Atlantis'");
    assert!(lines[1].ends_with("1 of 344 rows has errors; the file would be rejected"));
    assert_eq!(counts(&o), (0, 0));

    // A dry run does not create a store that is not there.
    let none = Office::without_store();
    let f = none.file("trainees.csv", small_file().as_bytes());
    let out = none.import("trainees", &f, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!none.db.exists());
}

/// Issue 15: a file may say each training's type (`training_type`); IKU1 counts the pbk and
/// pemagangan trainings, the kewirausahaan ones are in the export with their type and the
/// TOTAL, not in the IKU1 row. A type that is none of the four refuses the file on its line.
#[test]
fn a_training_type_column_types_the_trainings_and_iku1_counts_its_own() {
    let o = Office::new();
    let f = o.file(
        "typed.csv",
        format!(
            "{HEADER},training_type\n\
             Barista,2024,DAU,Siti Aminah,{},P,Ponggok,ya,ya,bekerja,Kafe Kopi,2024-11-15,\n\
             Magang Pabrik Gula,2024,APBN,Budi Santoso,{},L,Doko,ya,tidak,,,,Pemagangan\n\
             Olahan Pangan,2024,APBD,Tono,{},L,Wlingi,ya,ya,wirausaha,,01/12/2024,kewirausahaan\n\
             Olahan Pangan,2024,APBD,Ani,{},P,Kademangan,ya,ya,wirausaha,,01/12/2024,kewirausahaan\n\
             Bahasa Jepang,2024,APBD,Wati,{},P,Doko,ya,,,,,lainnya\n",
            nik(1, Sex::P),
            nik(2, Sex::L),
            nik(3, Sex::L),
            nik(4, Sex::P),
            nik(5, Sex::P),
        )
        .as_bytes(),
    );
    let out = o.import("trainees", &f, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "imported 5 trainees (4 trainings created)\n"
    );
    assert_eq!(
        o.export_csv("trainings", 2024),
        format!(
            "{TRAININGS_HEADER}\
             Bahasa Jepang,APBD,1,1,0,0,0.00,lainnya\r\n\
             Barista,DAU,1,1,0,1,100.00,pbk\r\n\
             Magang Pabrik Gula,APBN,1,1,0,0,0.00,pemagangan\r\n\
             Olahan Pangan,APBD,2,2,0,2,100.00,kewirausahaan\r\n\
             TOTAL,,5,5,0,3,60.00,\r\n\
             IKU1,,2,2,0,1,50.00,pbk+pemagangan\r\n"
        )
    );
    let iku = o.export(&["iku", "--year", "2024"]);
    assert!(iku.status.success(), "{}", text(&iku.stderr));
    let iku = text(&iku.stdout);
    let iku1 = iku.lines().find(|l| l.starts_with("IKU1,")).unwrap();
    assert!(iku1.contains(",50.00,1,2,"), "{iku1}");

    // A type that is none of the four, and a row that gives a training another type than
    // the one it has: both refused on their lines, nothing written.
    let f = o.file(
        "bad.csv",
        format!(
            "{HEADER},training_type\n\
             Barista,2024,DAU,Rina,{},P,Ponggok,ya,,,,,magang\n\
             Olahan Pangan,2024,APBD,Dewi,{},P,Ponggok,ya,,,,,pbk\n",
            nik(6, Sex::P),
            nik(7, Sex::P),
        )
        .as_bytes(),
    );
    let lines = refused(&o.import("trainees", &f, &[]));
    assert_eq!(
        lines[..2],
        [
            "line 2: training_type: 'magang' is not a training type (pbk, pemagangan, \
             kewirausahaan, lainnya)"
                .to_string(),
            "line 3: training_type: training 'Olahan Pangan' of 2024 is kewirausahaan, not pbk"
                .to_string(),
        ]
    );
    assert_eq!(counts(&o), (4, 5));
}
