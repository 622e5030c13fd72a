//! `disnaker import domestic` and `export domestic`: domestic placements (AKL / AKAD), all or
//! nothing, every bad row listed by its file line (an unknown province named with the close
//! ones, a job fair not recorded); duplicates skipped and counted; the summary per kind ×
//! way × sex with its TOTAL row; the kecamatan lookup's domestic line.

mod cli_kinds;

use cli_kinds::{disnaker, refused, text, Office};
use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;

pub const HEADER: &str = "nik,name,sex,kecamatan,employer,employer_kabupaten,employer_province,\
occupation,sector,placed_on,how";

const WAYS: &[&str] = &[
    "job_fair",
    "karirhub",
    "front_desk",
    "training_institution",
    "other",
];

/// Placement `i` of 2024: a woman every third row, AKAD every seventh (Jawa Tengah), the
/// ways in turn (no job fair, which would need one recorded).
fn row(i: usize) -> String {
    let sex = if i % 3 == 0 { Sex::P } else { Sex::L };
    let birth = Date::from_ymd_opt(
        1990 + (i % 10) as i32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    )
    .unwrap();
    let nik = synthesise("3505", 1 + (i % 22) as u32, birth, sex, 1 + i as u32);
    let province = if i % 7 == 0 {
        "Jawa Tengah"
    } else {
        "Jawa Timur"
    };
    let on = format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
    format!(
        "{nik},Pencaker {i},{sex},Ponggok,PT Maju {},Kota Surabaya,{province},Operator,manufaktur,{on},{}",
        i % 9,
        WAYS[1 + i % 4]
    )
}

/// The published 2024 figure as a file: 588 placements, 84 of them AKAD.
pub fn file_588() -> String {
    let mut s = format!("{HEADER}\n");
    for i in 0..588 {
        s.push_str(&row(i));
        s.push('\n');
    }
    s
}

#[test]
fn the_published_588_imported_give_588_in_the_export_with_akad_apart() {
    let office = Office::new();
    let file = office.file("domestic.csv", file_588().as_bytes());
    let out = office.import("domestic", &file, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "would import 588 domestic placements (0 duplicates skipped)"
    );
    let out = office.import("domestic", &file, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "imported 588 domestic placements (0 duplicates skipped)"
    );
    // The same file again: every row a duplicate, nothing added.
    let out = office.import("domestic", &file, &[]);
    assert_eq!(
        text(&out.stdout).trim(),
        "imported 0 domestic placements (588 duplicates skipped)"
    );
    let csv = office.export_csv("domestic", 2024);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "kind,how,male,female,total");
    assert_eq!(lines.len(), 12, "{csv}");
    let women = (0..588).filter(|i| i % 3 == 0).count();
    assert_eq!(
        *lines.last().unwrap(),
        format!("TOTAL,,{},{women},588", 588 - women)
    );
    let akad: i64 = lines[6..11]
        .iter()
        .map(|l| {
            assert!(l.starts_with("AKAD,"), "{l}");
            l.rsplit(',').next().unwrap().parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(akad, (0..588).filter(|i| i % 7 == 0).count() as i64);
    assert!(lines[1].starts_with("AKL,job_fair,0,0,0"), "{csv}");
    // Another year has none.
    assert!(office
        .export_csv("domestic", 2023)
        .ends_with("TOTAL,,0,0,0\r\n"));
    // The lookup names the kecamatan's domestic placements.
    let out = disnaker(&office.db)
        .args(["lookup", "ponggok", "--year", "2024", "--format", "csv"])
        .output()
        .unwrap();
    let csv = text(&out.stdout);
    assert!(csv.contains("domestic,total,588,"), "{csv}");
    assert!(csv.contains(&format!("domestic,akad,{akad},")), "{csv}");
}

/// The row with another way into the job.
fn with_how(row: &str, how: &str) -> String {
    let (rest, _) = row.rsplit_once(',').unwrap();
    format!("{rest},{how}")
}

#[test]
fn bad_rows_are_listed_by_line_and_nothing_is_written() {
    let office = Office::new();
    let body = format!(
        "{HEADER},job_fair\n{},\n{},\n{},Bursa Kerja Blitar 2024\n{}\n",
        row(1).replace("Jawa Timur", "Jawa Timr"),
        with_how(&row(2), "walk-in"),
        with_how(&row(3), "job_fair"),
        row(4),
    );
    let file = office.file("bad.csv", body.as_bytes());
    let lines = refused(&office.import("domestic", &file, &[]));
    let all = lines.join("\n");
    assert!(
        all.contains(
            "line 2: employer_province: unknown province 'Jawa Timr'; did you mean: Jawa Timur"
        ),
        "{all}"
    );
    assert!(
        all.contains("line 3: how: 'walk-in' is not one of: job fair, Karirhub, front desk"),
        "{all}"
    );
    assert!(
        all.contains("line 5: row: expected 12 columns, found 11"),
        "{all}"
    );
    assert!(
        all.contains("line 4: job_fair: job fair 'Bursa Kerja Blitar 2024' is not recorded"),
        "{all}"
    );
    assert!(office
        .export_csv("domestic", 2024)
        .ends_with("TOTAL,,0,0,0\r\n"));
}

#[test]
fn an_imported_placement_closes_the_registration_it_names() {
    use disnaker::domain::jobseeker::{Jobseeker, JobseekerStatus};
    use disnaker::store::Store;
    let office = Office::new();
    let mut store = Store::open(&office.db, "admin").unwrap();
    let mut register = |nik: &str| {
        let v = [
            ("nik", nik),
            ("name", "Siti"),
            ("sex", "P"),
            ("kecamatan", "Ponggok"),
            ("education", "SMA"),
            ("registered_on", "2024-02-01"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let today = Date::from_ymd_opt(2026, 11, 28).unwrap();
        let id = store
            .insert_jobseeker(&Jobseeker::from_fields(&v, today).0.unwrap())
            .unwrap();
        (
            id,
            store.get_jobseeker(id).unwrap().jobseeker.registration_no,
        )
    };
    let (by_number, number) = register("3505124512950001");
    let (by_nik, _) = register("3505125003960002");
    drop(store);
    let good = format!(
        "{HEADER},registration_no\n\
         3505124512950001,Siti,P,Ponggok,PT A,Kota Kediri,Jawa Timur,,,2024-06-03,front_desk,{number}\n\
         3505125003960002,Sri,P,Ponggok,PT B,Kota Bandung,jawa barat,,,2024-06-04,karirhub,\n"
    );
    // A number of another person, then one that names no registration: refused by line.
    let bad = good
        .replace(",front_desk,", ",front_desk,XX")
        .replace(",karirhub,\n", &format!(",karirhub,{number}\n"));
    let lines = refused(&office.import("domestic", &office.file("bad.csv", bad.as_bytes()), &[]));
    let all = lines.join("\n");
    assert!(
        all.contains("line 2: registration_no: no active job seeker registration has number 'XX"),
        "{all}"
    );
    assert!(
        all.contains("line 3: registration_no: registration '")
            && all.contains("belongs to another NIK"),
        "{all}"
    );
    // What only writing the rows finds (a placement before the registration day, a second
    // row closing the same registration) is found by the dry run too, by line.
    let early = format!(
        "{HEADER},registration_no\n\
         3505124512950001,Siti,P,Ponggok,PT A,Kota Kediri,Jawa Timur,,,2024-01-15,front_desk,{number}\n\
         3505124512950001,Siti,P,Ponggok,PT C,Kota Kediri,Jawa Timur,,,2024-07-01,front_desk,{number}\n\
         3505124512950001,Siti,P,Ponggok,PT D,Kota Kediri,Jawa Timur,,,2024-08-01,front_desk,{number}\n"
    );
    let early = office.file("early.csv", early.as_bytes());
    for extra in [&["--dry-run"][..], &[]] {
        let lines = refused(&office.import("domestic", &early, extra));
        let all = lines.join("\n");
        assert!(
            all.contains(
                "line 2: placed_on: placement date 15-01-2024 is before the registration date 01-02-2024"
            ),
            "{extra:?}: {all}"
        );
        // line 3 closes the registration; line 4 finds it closed
        assert!(!all.contains("line 3:"), "{all}");
        assert!(
            all.contains("line 4: registration_no: no active job seeker registration has number"),
            "{extra:?}: {all}"
        );
    }
    let out = office.import("domestic", &office.file("good.csv", good.as_bytes()), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let store = Store::open(&office.db, "check").unwrap();
    for (id, placement) in [(by_number, 1), (by_nik, 2)] {
        let js = store.get_jobseeker(id).unwrap().jobseeker;
        assert_eq!(
            (js.status, js.placement_id),
            (JobseekerStatus::Ditempatkan, Some(placement))
        );
    }
    assert!(office
        .export_csv("domestic", 2024)
        .contains("AKAD,karirhub,0,1,1\r\n"));
}
