//! Trainings and their participants, end to end through the store and the report, on real
//! temporary store files: the published 2024 and 2023 IKU1 figures come out of records.

use disnaker::clock::today as clock_today;
use disnaker::domain::case::Sex;
use disnaker::domain::date::Date;
use disnaker::domain::nik::synthesise;
use disnaker::domain::training::{Employment, FundingSource, Trainee, Training, VerifiedHow};
use disnaker::domain::Kecamatan;
use disnaker::report::iku::{capaian, Polarity, Predicate, Ratio};
use disnaker::report::table::Cell;
use disnaker::report::trainings::{iku1, trainings_table};
use disnaker::store::{Store, StoreError, TraineeFilter, TrainingFilter};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

/// The day the imports are checked against.
fn import_day() -> Date {
    day(2025, 6, 30)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn temp_store(officer: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("t.db"), officer).unwrap();
    (dir, s)
}

/// A valid NIK, different for every `i`, whose sex is `sex`.
fn nik(i: usize, sex: Sex) -> String {
    let birth = day(
        1985 + (i % 20) as i32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    );
    synthesise("3505", 1 + (i % 22) as u32, birth, sex, 1 + i as u32)
}

fn sex_of(i: usize) -> Sex {
    if i % 3 == 0 {
        Sex::L
    } else {
        Sex::P
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// One import row in the SPEC §5 columns. `employed`: Some(kind) or None for "tidak";
/// `known`: false leaves employment empty (not yet followed up).
fn row(
    training: &str,
    year: i32,
    funding: &str,
    i: usize,
    employed: Option<Employment>,
    known: bool,
) -> BTreeMap<String, String> {
    let sex = sex_of(i);
    let kec = Kecamatan::all()[i % 22].name();
    let year_s = year.to_string();
    let nik = nik(i, sex);
    let name = format!("Peserta {i}");
    let (emp, kind, employer, on) = match (known, employed) {
        (false, _) => ("", "", "", String::new()),
        (true, None) => ("tidak", "", "", String::new()),
        (true, Some(Employment::Wirausaha)) => {
            ("ya", "wirausaha", "Usaha sendiri", format!("{year}-12-01"))
        }
        (true, Some(_)) => ("ya", "bekerja", "CV Maju", format!("15/11/{year}")),
    };
    map(&[
        ("training", training),
        ("year", &year_s),
        ("funding_source", funding),
        ("name", &name),
        ("nik", &nik),
        ("sex", sex.as_str()),
        ("kecamatan", kec),
        ("graduated", "ya"),
        ("employed", emp),
        ("employment_type", kind),
        ("employer", employer),
        ("employed_on", &on),
    ])
}

/// Rows for every published scheme of `year` with exactly its published participants, of
/// whom `employed` found work (every fifth of them an own business); of the others, half are
/// known not to work and half are not followed up yet.
fn published_year_rows(
    store: &Store,
    year: i32,
    employed: usize,
    first: usize,
) -> Vec<(u64, BTreeMap<String, String>)> {
    let schemes: Vec<_> = store
        .published_training_schemes()
        .unwrap()
        .into_iter()
        .filter(|p| p.year == year)
        .collect();
    let mut rows = Vec::new();
    let mut i = first;
    for s in &schemes {
        for _ in 0..s.participants {
            let n = i - first;
            let (emp, known) = if n < employed {
                let kind = if n % 5 == 0 {
                    Employment::Wirausaha
                } else {
                    Employment::Bekerja
                };
                (Some(kind), true)
            } else {
                (None, n % 2 == 0)
            };
            rows.push((
                rows.len() as u64 + 2,
                row(&s.scheme, year, &s.funding_source, i, emp, known),
            ));
            i += 1;
        }
    }
    rows
}

#[test]
fn the_2024_trainings_give_iku1_82_56_capaian_103_20_sangat_tinggi() {
    let (_dir, mut s) = temp_store("ani");
    let rows = published_year_rows(&s, 2024, 284, 0);
    assert_eq!(rows.len(), 344);
    let out = s.import_trainees(&rows, import_day(), false).unwrap();
    assert!(out.is_ok(), "{:?}", &out.errors[..out.errors.len().min(5)]);
    assert!(out.written);
    assert_eq!((out.rows, out.added, out.trainings_created), (344, 344, 15));

    // Every published scheme has exactly its published participants.
    let published: Vec<(String, String, i64)> = s
        .published_training_schemes()
        .unwrap()
        .into_iter()
        .filter(|p| p.year == 2024)
        .map(|p| (p.scheme, p.funding_source, p.participants))
        .collect();
    let mut recorded: Vec<(String, String, i64)> = s
        .training_totals_by_scheme(2024)
        .unwrap()
        .into_iter()
        .map(|t| (t.scheme, t.funding_source, t.counts.participants))
        .collect();
    let mut expected = published.clone();
    expected.sort();
    recorded.sort();
    assert_eq!(recorded, expected);

    let v = iku1(&s, 2024).unwrap();
    assert_eq!(v.ratio, Some(Ratio::new(284, 344)));
    let value = v.value.unwrap();
    assert_eq!(value.to_string(), "82.56");
    assert_eq!(v.reason_if_none, None);
    // target 80 (data/iku.csv, target_2024)
    let c = capaian(value, dec("80"), Polarity::Positive).unwrap();
    assert_eq!(c.to_string(), "103.20");
    assert_eq!(Predicate::from_capaian(c), Predicate::SangatTinggi);
    assert_eq!(Predicate::from_capaian(c).name_id(), "Sangat Tinggi");

    let t = trainings_table(&s, 2024).unwrap();
    assert_eq!(
        t.header,
        [
            "scheme",
            "funding_source",
            "participants",
            "graduated",
            "certified",
            "employed",
            "percent_employed",
            "type"
        ]
    );
    // 15 schemes, TOTAL, and IKU1 (the same here: every training is a pbk one).
    assert_eq!(t.rows.len(), 17);
    let last = |first: &str, kind: Cell| {
        vec![
            Cell::Text(first.into()),
            Cell::Empty,
            Cell::Int(344),
            Cell::Int(344),
            Cell::Int(0),
            Cell::Int(284),
            Cell::Dec(dec("82.56")),
            kind,
        ]
    };
    assert_eq!(t.rows[15], last("TOTAL", Cell::Empty));
    assert_eq!(
        t.rows[16],
        last("IKU1", Cell::Text("pbk+pemagangan".into()))
    );
    // `export trainings` writes it with two decimals and the percentage empty where none.
    let mut csv = Vec::new();
    disnaker::report::table::write(&t, disnaker::report::table::Format::Csv, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with(
            "scheme,funding_source,participants,graduated,certified,employed,percent_employed,type\r\n"
        ),
        "{csv}"
    );
    assert!(
        csv.ends_with(
            "\r\nTOTAL,,344,344,0,284,82.56,\r\nIKU1,,344,344,0,284,82.56,pbk+pemagangan\r\n"
        ),
        "{csv}"
    );
    // The scheme rows add up to the total.
    let sum: i64 = t.rows[..15]
        .iter()
        .map(|r| match r[5] {
            Cell::Int(n) => n,
            _ => 0,
        })
        .sum();
    assert_eq!(sum, 284);

    let years = s.training_totals_by_year().unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!(years[0].trainings, 15);
    let c = years[0].counts;
    assert_eq!((c.participants, c.graduated, c.employed), (344, 344, 284));
    assert_eq!(c.own_business, 57, "every fifth of the employed");
    assert_eq!(c.not_employed + c.unknown, 60);
}

#[test]
fn the_2023_trainings_give_76_47_and_years_stay_apart() {
    let (_dir, mut s) = temp_store("ani");
    let rows = published_year_rows(&s, 2023, 130, 1000);
    assert_eq!(rows.len(), 170);
    let out = s.import_trainees(&rows, import_day(), false).unwrap();
    assert!(out.is_ok(), "{:?}", out.errors.first());
    assert_eq!(out.trainings_created, 8);
    let v = iku1(&s, 2023).unwrap();
    assert_eq!(v.ratio, Some(Ratio::new(130, 170)));
    assert_eq!(v.value.unwrap().to_string(), "76.47");

    // 2024 on top: each year counts only its own trainings.
    let rows = published_year_rows(&s, 2024, 284, 0);
    assert!(s
        .import_trainees(&rows, import_day(), false)
        .unwrap()
        .is_ok());
    assert_eq!(iku1(&s, 2023).unwrap().value, Some(dec("76.47")));
    assert_eq!(iku1(&s, 2024).unwrap().value, Some(dec("82.56")));
    let years: Vec<(i32, i64, i64)> = s
        .training_totals_by_year()
        .unwrap()
        .into_iter()
        .map(|y| (y.year, y.counts.participants, y.counts.employed))
        .collect();
    assert_eq!(years, [(2024, 344, 284), (2023, 170, 130)]);
    // the kecamatan lookup's count adds up over the 22
    let per_kec: i64 = Kecamatan::all()
        .iter()
        .map(|k| {
            s.trainee_counts_for_kecamatan(k.name(), 2023)
                .unwrap()
                .participants
        })
        .sum();
    assert_eq!(per_kec, 170);
}

/// LKjIP 2024: IKU1 is counted over the competency-based trainings and apprenticeships (344
/// participants, 284 employed); the 445 participants of the entrepreneurship trainings are
/// reported apart. Imported with them (typed `kewirausahaan`, most of them running a business
/// afterwards), IKU1 stays 284 / 344 = 82.56 and the year's totals and export hold both.
#[test]
fn the_2024_trainings_with_445_entrepreneurship_participants_keep_iku1_at_82_56() {
    let (_dir, mut s) = temp_store("ani");
    let mut rows = published_year_rows(&s, 2024, 284, 0);
    for (n, i) in (344..344 + 445).enumerate() {
        let employed = (n < 400).then_some(Employment::Wirausaha);
        let scheme = if n % 2 == 0 {
            "Kewirausahaan Olahan Pangan"
        } else {
            "Kewirausahaan Menjahit"
        };
        let mut r = row(scheme, 2024, "APBD", i, employed, true);
        r.insert("training_type".into(), "kewirausahaan".into());
        rows.push((rows.len() as u64 + 2, r));
    }
    let out = s.import_trainees(&rows, import_day(), false).unwrap();
    assert!(out.is_ok(), "{:?}", &out.errors[..out.errors.len().min(5)]);
    assert_eq!((out.added, out.trainings_created), (789, 17));

    let v = iku1(&s, 2024).unwrap();
    assert_eq!(v.ratio, Some(Ratio::new(284, 344)));
    assert_eq!(v.value.unwrap().to_string(), "82.56");
    // The IKU pane's and `iku`'s figure is the same.
    let year = disnaker::report::iku_year::iku_year(&s, 2024).unwrap();
    let table = disnaker::report::iku_year::iku_table(&year);
    let row1 = table
        .rows
        .iter()
        .find(|r| r[0] == Cell::Text("IKU1".into()))
        .unwrap();
    assert_eq!(row1[3], Cell::Dec(dec("82.56")));
    assert_eq!((&row1[4], &row1[5]), (&Cell::Int(284), &Cell::Int(344)));

    // Apart, not in it.
    let apart = disnaker::report::trainings::entrepreneurship_counts(&s, 2024).unwrap();
    assert_eq!((apart.participants, apart.employed), (445, 400));
    assert_eq!(s.training_year_counts(2024).unwrap().participants, 789);

    let mut csv = Vec::new();
    let t = trainings_table(&s, 2024).unwrap();
    disnaker::report::table::write(&t, disnaker::report::table::Format::Csv, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains("\r\nKewirausahaan Menjahit,APBD,222,222,0,200,90.09,kewirausahaan\r\n"),
        "{csv}"
    );
    assert!(
        csv.ends_with(
            "\r\nTOTAL,,789,789,0,684,86.69,\r\nIKU1,,344,344,0,284,82.56,pbk+pemagangan\r\n"
        ),
        "{csv}"
    );

    // A row that names the training with another type is refused on its line; a type
    // that is none of the four too, with the four named.
    let mut wrong = row("Kewirausahaan Menjahit", 2024, "APBD", 900, None, false);
    wrong.insert("training_type".into(), "pbk".into());
    let mut unknown = row("Barista", 2025, "DAU", 901, None, false);
    unknown.insert("training_type".into(), "magang".into());
    let out = s
        .import_trainees(&[(2, wrong), (3, unknown)], import_day(), false)
        .unwrap();
    let said: Vec<String> = out.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        said,
        [
            "line 2: training_type: training 'Kewirausahaan Menjahit' of 2024 is kewirausahaan, not pbk",
            "line 3: training_type: 'magang' is not a training type (pbk, pemagangan, kewirausahaan, lainnya)"
        ]
    );
    assert!(!out.written);
    assert_eq!(s.training_year_counts(2024).unwrap().participants, 789);
}

#[test]
fn an_empty_year_has_no_value_and_says_why() {
    let (_dir, mut s) = temp_store("ani");
    let v = iku1(&s, 2022).unwrap();
    assert_eq!(v.ratio, Some(Ratio::new(0, 0)));
    assert_eq!(v.value, None);
    assert!(v
        .reason_if_none
        .unwrap()
        .contains("no training participants"));
    let t = trainings_table(&s, 2022).unwrap();
    assert_eq!(t.rows.len(), 2, "TOTAL and IKU1");
    assert_eq!(t.rows[0][6], Cell::Empty);

    // A training without participants yet: a row of zeros, still no percentage.
    s.insert_training(&Training::new("Barista", 2022, FundingSource::Dau))
        .unwrap();
    assert_eq!(iku1(&s, 2022).unwrap().value, None);
    let t = trainings_table(&s, 2022).unwrap();
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[0][2], Cell::Int(0));
    assert_eq!(t.rows[0][6], Cell::Empty);
}

fn training(scheme: &str, end: Option<Date>) -> Training {
    let mut t = Training::new(scheme, 2024, FundingSource::Dbhcht);
    if let Some(e) = end {
        t.start_date = Some(e - chrono::Days::new(10));
        t.end_date = Some(e);
    }
    t
}

fn participant(training_id: i64, t: &Training, i: usize, graduated: bool) -> Trainee {
    let sex = sex_of(i);
    let v = map(&[
        ("name", &format!("Peserta {i}")),
        ("nik", &nik(i, sex)),
        ("sex", sex.as_str()),
        ("kecamatan", "Ponggok"),
        ("phone", "0812 3456 7890"),
        ("graduated", if graduated { "ya" } else { "tidak" }),
    ]);
    let (p, c) = Trainee::from_fields(&v, training_id, t, import_day());
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    p.unwrap()
}

#[test]
fn the_follow_up_list_holds_graduates_still_unknown_months_after_the_end() {
    let (_dir, mut s) = temp_store("ani");
    let early = training("Barista", Some(day(2024, 3, 31)));
    let later = training("Barber", Some(day(2024, 7, 31)));
    let undated = training("Make Up Artist", None);
    let early_id = s.insert_training(&early).unwrap();
    let later_id = s.insert_training(&later).unwrap();
    let undated_id = s.insert_training(&undated).unwrap();

    let a = s
        .insert_trainee(&participant(early_id, &early, 1, true))
        .unwrap();
    let b = s
        .insert_trainee(&participant(early_id, &early, 2, true))
        .unwrap();
    s.insert_trainee(&participant(early_id, &early, 3, false))
        .unwrap(); // not graduated
    let gone = s
        .insert_trainee(&participant(early_id, &early, 4, true))
        .unwrap();
    s.archive_trainee(gone, 1).unwrap();
    let mut known = participant(early_id, &early, 5, true);
    known.employment = Some(Employment::TidakBekerja);
    known.verified_on = Some(day(2024, 5, 1));
    known.verified_how = Some(VerifiedHow::Telepon);
    s.insert_trainee(&known).unwrap();
    let c = s
        .insert_trainee(&participant(later_id, &later, 6, true))
        .unwrap();
    let d = s
        .insert_trainee(&participant(undated_id, &undated, 7, true))
        .unwrap();

    fn ids(s: &Store, today: Date, months: u32) -> Vec<i64> {
        s.follow_up_list(today, months, 0, 100)
            .unwrap()
            .into_iter()
            .map(|r| r.trainee_id)
            .collect()
    }
    // six full months after 31 March: on 30 September it is not yet (30 March + 6 months)
    assert_eq!(ids(&s, day(2024, 9, 30), 6), Vec::<i64>::new());
    assert_eq!(ids(&s, day(2024, 10, 1), 6), [a, b]);
    // three months: both dated trainings, the longest waiting first
    assert_eq!(ids(&s, day(2024, 12, 1), 3), [a, b, c]);
    // a training without an end date counts from 31 December
    assert_eq!(ids(&s, day(2025, 3, 31), 3), [a, b, c, d]);
    assert_eq!(s.count_follow_up(day(2025, 3, 31), 3).unwrap(), 4);

    let rows = s.follow_up_list(day(2025, 3, 31), 3, 1, 2).unwrap();
    assert_eq!(rows.len(), 2, "a window");
    assert_eq!(rows[0].trainee_id, b);
    assert_eq!(rows[0].nik_masked.len(), 16);
    assert!(rows[0].nik_masked.starts_with("************"));
    assert_eq!(rows[0].phone, "0812 3456 7890");
    assert_eq!(rows[0].training_end, "2024-03-31");
    let last = &s.follow_up_list(day(2025, 3, 31), 3, 3, 10).unwrap()[0];
    assert_eq!(
        (last.training_end.as_str(), last.end_known),
        ("2024-12-31", false)
    );

    // a result takes the graduate off the list
    let v = rows[0].version;
    s.mark_employment(
        b,
        v,
        Employment::Bekerja,
        "Kafe Kita",
        Some(day(2024, 6, 1)),
        VerifiedHow::Telepon,
    )
    .unwrap();
    assert_eq!(ids(&s, day(2025, 3, 31), 3), [a, c, d]);
    let rec = s.get_trainee(b).unwrap();
    assert_eq!(rec.trainee.employment, Some(Employment::Bekerja));
    assert_eq!(rec.trainee.verified_on, Some(clock_today()));
    assert_eq!(rec.trainee.employer, "Kafe Kita");
}

#[test]
fn mark_employment_refuses_a_stale_version_and_a_bad_result() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    let t = training("Barista", Some(day(2024, 3, 31)));
    let tid = ani.insert_training(&t).unwrap();
    let id = ani.insert_trainee(&participant(tid, &t, 1, true)).unwrap();

    let a = ani.get_trainee(id).unwrap();
    let b = budi.get_trainee(id).unwrap();
    assert_eq!((a.version, b.version), (1, 1));
    let v = ani
        .mark_employment(
            id,
            a.version,
            Employment::Wirausaha,
            "",
            None,
            VerifiedHow::Kunjungan,
        )
        .unwrap();
    assert_eq!(v, 2);
    let err = budi
        .mark_employment(
            id,
            b.version,
            Employment::TidakBekerja,
            "",
            None,
            VerifiedHow::Telepon,
        )
        .unwrap_err();
    match &err {
        StoreError::Conflict { by, .. } => assert_eq!(by, "ani"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(err.to_string().contains("changed by ani"), "{err}");
    let now = budi.get_trainee(id).unwrap();
    assert_eq!(now.trainee.employment, Some(Employment::Wirausaha));
    assert_eq!(now.version, 2);

    // A result the rules refuse writes nothing.
    let err = budi
        .mark_employment(
            id,
            2,
            Employment::TidakBekerja,
            "PT Salah",
            None,
            VerifiedHow::Telepon,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    assert!(err.to_string().contains("employer"), "{err}");
    let err = budi
        .mark_employment(
            id,
            2,
            Employment::Bekerja,
            "PT Awal",
            Some(day(2024, 3, 1)),
            VerifiedHow::Telepon,
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("before the training ended"),
        "{err}"
    );
    assert_eq!(budi.get_trainee(id).unwrap().version, 2);

    // The history tells who found out what, and when.
    let h = budi.trainee_history(id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[0].action.as_str(), h[1].action.as_str()),
        ("create", "employment")
    );
    assert_eq!(h[1].officer, "ani");
    // the creation lists the values in form order, then the training they belong to
    let created: Vec<&str> = h[0].changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        created,
        [
            "name",
            "nik",
            "sex",
            "kecamatan",
            "phone",
            "graduated",
            "certified",
            "employment",
            "training_id"
        ]
        .iter()
        .filter(|f| **f != "employment")
        .copied()
        .collect::<Vec<_>>()
    );
    let change = |f: &str| h[1].changes.iter().find(|c| c.field == f).unwrap().clone();
    assert_eq!(change("employment").old, "");
    assert_eq!(change("employment").new, "wirausaha");
    assert_eq!(change("verified_how").new, "kunjungan");
}

#[test]
fn an_import_creates_each_training_once() {
    let (_dir, mut s) = temp_store("ani");
    let rows: Vec<(u64, BTreeMap<String, String>)> = vec![
        (2, row("Barista", 2024, "DAU", 1, None, false)),
        (3, row(" barista ", 2024, "dau", 2, None, false)),
        (
            4,
            row("BARISTA", 2024, "DAU", 3, Some(Employment::Bekerja), true),
        ),
        (5, row("Barista", 2024, "DBHCHT", 4, None, false)),
        (6, row("Barber", 2024, "DAU", 5, None, false)),
        (7, row("Barista", 2023, "DAU", 6, None, false)),
    ];
    let out = s.import_trainees(&rows, import_day(), false).unwrap();
    assert!(out.is_ok(), "{:?}", out.errors);
    assert_eq!((out.added, out.trainings_created), (6, 4));
    let f = TrainingFilter {
        year: Some(2024),
        ..TrainingFilter::default()
    };
    assert_eq!(s.count_trainings(&f).unwrap(), 3);
    let list = s.list_trainings(&f, 0, 10).unwrap();
    let names: Vec<(String, String, i64)> = list
        .iter()
        .map(|t| {
            (
                t.scheme.clone(),
                t.funding_source.clone(),
                t.counts.participants,
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Barber".to_string(), "DAU".to_string(), 1),
            ("Barista".to_string(), "DAU".to_string(), 3),
            ("Barista".to_string(), "DBHCHT".to_string(), 1),
        ]
    );
    assert_eq!(list[1].counts.employed, 1);
    let created = s.training_history(list[1].id).unwrap();
    assert_eq!(created[0].action, "import");

    // A later file finds them again, with or without the funding source when that is unique.
    let mut later = row("barber", 2024, "", 7, None, false);
    later.insert("funding_source".into(), String::new());
    let out = s
        .import_trainees(
            &[(2, later), (3, row("Barista", 2024, "DAU", 8, None, false))],
            import_day(),
            false,
        )
        .unwrap();
    assert!(out.is_ok(), "{:?}", out.errors);
    assert_eq!((out.added, out.trainings_created), (2, 0));
    assert_eq!(s.count_trainings(&f).unwrap(), 3);

    // Two Barista trainings in 2024: a row must say which.
    let mut ambiguous = row("Barista", 2024, "", 9, None, false);
    ambiguous.insert("funding_source".into(), String::new());
    let out = s
        .import_trainees(&[(2, ambiguous)], import_day(), false)
        .unwrap();
    assert_eq!(out.errors.len(), 1);
    assert_eq!(out.errors[0].column, "funding_source");
    assert!(
        out.errors[0].reason.en().contains("DAU, DBHCHT"),
        "{}",
        out.errors[0]
    );
    // and a new training needs its funding source
    let mut new = row("Pastry", 2024, "", 10, None, false);
    new.insert("funding_source".into(), String::new());
    let out = s.import_trainees(&[(2, new)], import_day(), false).unwrap();
    assert_eq!(out.errors[0].column, "funding_source");
}

#[test]
fn an_import_is_all_or_nothing_and_lists_every_bad_row() {
    let (_dir, mut s) = temp_store("ani");
    let mut bad_nik = row("Pastry", 2024, "DBHCHT", 3, None, false);
    bad_nik.insert("nik".into(), "35051234".into());
    let mut bad_kec = row("Pastry", 2024, "DBHCHT", 4, None, false);
    bad_kec.insert("kecamatan".into(), "Ponggk".into());
    bad_kec.insert("employed_on".into(), "31/02/2024".into());
    let mut bad_year = row("Pastry", 2024, "DBHCHT", 5, None, false);
    bad_year.insert("year".into(), "dua ribu".into());
    let rows = vec![
        (
            2,
            row("Pastry", 2024, "DBHCHT", 1, Some(Employment::Bekerja), true),
        ),
        (3, row("Digital Marketing", 2024, "DBHCHT", 2, None, false)),
        (4, bad_nik),
        (5, bad_kec),
        (6, bad_year),
    ];
    let out = s.import_trainees(&rows, import_day(), false).unwrap();
    assert!(!out.is_ok());
    assert!(!out.written);
    let listed: Vec<String> = out
        .errors
        .iter()
        .map(|e| format!("{}:{}", e.line, e.column))
        .collect();
    assert_eq!(listed, ["4:nik", "5:kecamatan", "5:employed_on", "6:year"]);
    assert!(
        out.errors[1]
            .to_string()
            .starts_with("line 5: kecamatan: unknown kecamatan 'Ponggk' (did you mean Ponggok?)"),
        "{}",
        out.errors[1]
    );
    // nothing was written: neither the good rows nor the trainings they named
    assert_eq!(s.count_trainings(&TrainingFilter::default()).unwrap(), 0);
    assert!(s.training_totals_by_year().unwrap().is_empty());

    // A dry run of a good file reports what it would do and writes nothing.
    let good: Vec<_> = rows[..2].to_vec();
    let dry = s.import_trainees(&good, import_day(), true).unwrap();
    assert!(dry.is_ok() && !dry.written);
    assert_eq!((dry.added, dry.trainings_created), (2, 2));
    assert_eq!(s.count_trainings(&TrainingFilter::default()).unwrap(), 0);
    let real = s.import_trainees(&good, import_day(), false).unwrap();
    assert!(real.written);
    assert_eq!(s.count_trainings(&TrainingFilter::default()).unwrap(), 2);
}

#[test]
fn an_nik_appears_once_per_training() {
    let (_dir, mut s) = temp_store("ani");
    // twice in one file for the same training
    let first = row("Barista", 2024, "DAU", 1, None, false);
    let mut again = row("Barista", 2024, "DAU", 2, None, false);
    again.insert("nik".into(), first["nik"].clone());
    again.insert("sex".into(), first["sex"].clone());
    let out = s
        .import_trainees(
            &[(2, first.clone()), (3, again.clone())],
            import_day(),
            false,
        )
        .unwrap();
    assert_eq!(out.errors.len(), 1);
    assert_eq!(
        (out.errors[0].line, out.errors[0].column.as_str()),
        (3, "nik")
    );
    assert!(out.errors[0].reason.en().contains("first on line 2"));
    assert_eq!(s.count_trainings(&TrainingFilter::default()).unwrap(), 0);

    // the same person in another training is fine
    let mut other = again.clone();
    other.insert("training".into(), "Barber".into());
    let out = s
        .import_trainees(&[(2, first.clone()), (3, other)], import_day(), false)
        .unwrap();
    assert!(out.is_ok(), "{:?}", out.errors);

    // already in the store: refused by a later file and by the form
    let out = s
        .import_trainees(&[(2, again)], import_day(), false)
        .unwrap();
    assert_eq!(out.errors[0].column, "nik");
    assert!(
        out.errors[0].reason.en().contains("already participant"),
        "{}",
        out.errors[0]
    );
    let barista = s
        .list_trainings(
            &TrainingFilter {
                text: "barista".into(),
                ..TrainingFilter::default()
            },
            0,
            1,
        )
        .unwrap()[0]
        .clone();
    let t = s.get_training(barista.id).unwrap().training;
    let dup = participant(barista.id, &t, 1, true);
    let err = s.insert_trainee(&dup).unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    assert!(err.to_string().contains("already participant"), "{err}");

    // an archived participant may be entered again
    let existing = s
        .list_trainees(barista.id, &TraineeFilter::default(), 0, 10)
        .unwrap();
    assert_eq!(existing.len(), 1);
    s.archive_trainee(existing[0].id, existing[0].version)
        .unwrap();
    let id = s.insert_trainee(&dup).unwrap();
    assert_eq!(
        s.count_trainees(barista.id, &TraineeFilter::default())
            .unwrap(),
        1
    );
    let all = TraineeFilter {
        include_archived: true,
        ..TraineeFilter::default()
    };
    assert_eq!(s.count_trainees(barista.id, &all).unwrap(), 2);
    // and an edit cannot make two of them share an NIK
    let mut edited = participant(barista.id, &t, 1, true);
    edited.nik = nik(50, sex_of(1));
    let v = s.update_trainee(id, 1, &edited).unwrap();
    assert_eq!(v, 2);
    let other = s
        .insert_trainee(&participant(barista.id, &t, 1, true))
        .unwrap();
    let err = s.update_trainee(other, 1, &edited).unwrap_err();
    assert!(err.to_string().contains("already participant"), "{err}");
}

#[test]
fn trainings_keep_versions_history_and_identity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    let (t, c) = Training::from_fields(
        &map(&[
            ("scheme", "Teknisi AC Residential"),
            ("year", "2024"),
            ("funding_source", "DBHCHT"),
            ("provider", "BLK Blitar"),
            ("start_date", "2024-05-06"),
            ("end_date", "2024-05-24"),
            ("quota", "24"),
            ("budget", "Rp 120.450.000,75"),
        ]),
        import_day(),
    );
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    let t = t.unwrap();
    let id = ani.insert_training(&t).unwrap();
    let back = budi.get_training(id).unwrap();
    assert_eq!(back.training, t);
    assert_eq!(back.training.budget.unwrap().plain(), "120450000.75");
    assert_eq!(back.created_by, "ani");

    // the same scheme, year and source again is refused, any case
    let mut twin = t.clone();
    twin.scheme = "teknisi ac residential".into();
    assert!(matches!(
        ani.insert_training(&twin),
        Err(StoreError::Refused(_))
    ));
    twin.funding_source = FundingSource::Dau;
    ani.insert_training(&twin).unwrap();

    let mut edit = t.clone();
    edit.quota = Some(30);
    assert_eq!(ani.update_training(id, 1, &edit).unwrap(), 2);
    let mut stale = t.clone();
    stale.provider = "LPK Lain".into();
    let err = budi.update_training(id, 1, &stale).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    let h = budi.training_history(id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[1].changes.len(), 1);
    assert_eq!(
        (h[1].changes[0].old.as_str(), h[1].changes[0].new.as_str()),
        ("24", "30")
    );

    // an edit into another training's identity is refused
    let mut clash = edit.clone();
    clash.funding_source = FundingSource::Dau;
    assert!(matches!(
        ani.update_training(id, 2, &clash),
        Err(StoreError::Refused(_))
    ));

    // archived: gone from the lists, the totals and IKU1, kept in the store
    let p = ani
        .insert_trainee(&participant(id, &edit, 1, true))
        .unwrap();
    ani.mark_employment(
        p,
        1,
        Employment::Bekerja,
        "PT Dingin",
        None,
        VerifiedHow::Dokumen,
    )
    .unwrap();
    assert_eq!(iku1(&ani, 2024).unwrap().value, Some(dec("100")));
    ani.archive_training(id, 2).unwrap();
    assert_eq!(iku1(&ani, 2024).unwrap().value, None);
    let f = TrainingFilter {
        year: Some(2024),
        ..TrainingFilter::default()
    };
    assert_eq!(ani.count_trainings(&f).unwrap(), 1);
    assert!(ani.get_training(id).unwrap().archived);
    let p = participant(id, &edit, 2, true);
    assert!(ani
        .insert_trainee(&p)
        .unwrap_err()
        .to_string()
        .contains("archived"));
}

#[test]
fn participant_lists_are_windows_with_masked_niks() {
    let (_dir, mut s) = temp_store("ani");
    let rows: Vec<_> = (0..30)
        .map(|i| {
            (
                i as u64 + 2,
                row("Barista", 2024, "DAU", i, None, i % 2 == 0),
            )
        })
        .collect();
    assert!(s
        .import_trainees(&rows, import_day(), false)
        .unwrap()
        .is_ok());
    let tid = s.list_trainings(&TrainingFilter::default(), 0, 1).unwrap()[0].id;
    let f = TraineeFilter::default();
    assert_eq!(s.count_trainees(tid, &f).unwrap(), 30);
    let w = s.list_trainees(tid, &f, 5, 10).unwrap();
    assert_eq!(w.len(), 10);
    let mut names: Vec<String> = (0..30).map(|i| format!("Peserta {i}")).collect();
    names.sort_by_key(|n| n.to_lowercase());
    assert_eq!(
        w.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
        names[5..15]
    );
    assert!(w.iter().all(|r| r.nik_masked.starts_with("************")));
    // every word must appear: "tidak bekerja" is the even half
    let f = TraineeFilter {
        text: "TIDAK bekerja".into(),
        ..TraineeFilter::default()
    };
    assert_eq!(s.count_trainees(tid, &f).unwrap(), 15);
    let f = TraineeFilter {
        text: "tidak ponggok".into(),
        ..TraineeFilter::default()
    };
    // Ponggok is the kecamatan of i % 22 == its index; only even i count
    let ponggok = Kecamatan::all()
        .iter()
        .position(|k| k.name() == "Ponggok")
        .unwrap();
    let expected = (0..30).filter(|i| i % 2 == 0 && i % 22 == ponggok).count() as i64;
    assert_eq!(s.count_trainees(tid, &f).unwrap(), expected);
    let f = TraineeFilter {
        text: "%".into(),
        ..TraineeFilter::default()
    };
    assert_eq!(s.count_trainees(tid, &f).unwrap(), 0);
}
