//! The IKU figures of a year through the store and the report, on real temporary store
//! files: records, entered values, published figures, closing a year and its guard.

mod iku_support;

use disnaker::domain::date::Date;
use disnaker::domain::dispute::Dispute;
use disnaker::domain::indicator::IkuEntry;
use disnaker::domain::training::Employment;
use disnaker::i18n::Lang;
use disnaker::report::iku::{Predicate, Ratio};
use disnaker::report::iku_year::explain::note_text;
use disnaker::report::iku_year::{iku_table, iku_year, IkuYear, Origin};
use disnaker::report::table::{write, Format};
use disnaker::store::{Store, StoreError, TraineeFilter, TrainingFilter};
use iku_support::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn csv(y: &IkuYear) -> String {
    let mut out = Vec::new();
    write(&iku_table(y), Format::Csv, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn notes(y: &IkuYear, code: &str) -> Vec<String> {
    let row = y.rows.iter().find(|r| r.def.code == code).unwrap();
    row.realisation
        .notes
        .iter()
        .map(|n| note_text(n, Lang::En))
        .collect()
}

fn entry(pairs: &[(&str, &str)]) -> IkuEntry {
    let values: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let (e, c) = IkuEntry::from_fields(&values, day(2025, 6, 30));
    assert!(c.errors.is_empty(), "{c:?}");
    e.unwrap()
}

fn tpak_2024(value: &str) -> IkuEntry {
    entry(&[
        ("iku_code", "IKU2"),
        ("iku_year", "2024"),
        ("iku_value", value),
        ("iku_source", "BPS Kabupaten Blitar, Sakernas Agustus 2024"),
        ("iku_source_date", "2024-11-05"),
    ])
}

/// The first 2024 participant who has no work yet, as a record to edit.
fn unemployed_2024_trainee(s: &Store) -> (i64, i64, disnaker::domain::training::Trainee) {
    let trainings = s
        .list_trainings(
            &TrainingFilter {
                year: Some(2024),
                ..TrainingFilter::default()
            },
            0,
            100,
        )
        .unwrap();
    for t in trainings {
        for p in s
            .list_trainees(t.id, &TraineeFilter::default(), 0, 1000)
            .unwrap()
        {
            if p.employment.as_deref() == Some("tidak bekerja") {
                let rec = s.get_trainee(p.id).unwrap();
                return (rec.id, rec.version, rec.trainee);
            }
        }
    }
    panic!("no participant without work");
}

#[test]
fn the_2024_figures_from_the_trainings_and_the_published_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with_2024_trainings(&dir.path().join("t.db"), "ani");
    let y = iku_year(&s, 2024).unwrap();
    let row = |code: &str| y.rows.iter().find(|r| r.def.code == code).unwrap();

    let iku1 = &row("IKU1").shown;
    assert_eq!(iku1.origin, Origin::Records);
    assert_eq!(iku1.ratio, Some(Ratio::new(284, 344)));
    assert_eq!(iku1.realisation.unwrap().to_string(), "82.56");
    assert_eq!(iku1.capaian.unwrap().to_string(), "103.20");
    assert_eq!(iku1.predicate, Some(Predicate::SangatTinggi));

    let iku2 = &row("IKU2").shown;
    assert_eq!(iku2.origin, Origin::Published);
    assert_eq!(iku2.realisation.unwrap().to_string(), "72.36");
    assert_eq!(iku2.capaian.unwrap().to_string(), "98.22");

    let iku4 = &row("IKU4").shown;
    assert_eq!(iku4.realisation.unwrap().to_string(), "72.70");
    assert_eq!(iku4.grade.as_deref(), Some("BB"));
    assert_eq!(iku4.target_grade.as_deref(), Some("A"));
    assert_eq!(iku4.capaian.unwrap().to_string(), "89.75");
    assert_eq!(iku4.predicate, Some(Predicate::Tinggi));
    let sakip = row("IKU4").realisation.components.unwrap();
    assert_eq!(sakip.sum, dec("72.20"));
    assert_eq!(
        notes(&y, "IKU4"),
        ["the SAKIP components add up to 72.20, not the score 72.70 (difference 0.50)"]
    );

    // No dispute recorded: no value, not 0, not 98, not 100; and the report's 98 % is named.
    let iku3 = &row("IKU3").shown;
    assert_eq!(iku3.realisation, None);
    assert_eq!(iku3.capaian, None);
    assert_eq!(iku3.predicate, None);
    assert_eq!(iku3.ratio, Some(Ratio::new(0, 0)));
    assert_eq!(
        notes(&y, "IKU3"),
        ["the report printed 98% although no dispute was recorded in 2024 (0 / 0): no value"]
    );

    let tpt = &row("TPT").shown;
    assert_eq!(tpt.realisation, Some(dec("4.77")));
    assert_eq!(
        (tpt.target, tpt.capaian),
        (None, None),
        "the report sets no target"
    );
    assert_eq!(
        row("TPT").realisation.comparisons[0],
        ("Provinsi Jawa Timur".into(), dec("4.19"))
    );

    assert_eq!(
        csv(&y),
        "code,indicator,target,realisation,numerator,denominator,capaian_percent,predicate,target_grade,grade\r\n\
         IKU1,Persentase lulusan pelatihan yang telah bekerja,80.00,82.56,284,344,103.20,Sangat Tinggi,,\r\n\
         IKU2,Tingkat partisipasi angkatan kerja (TPAK),73.67,72.36,,,98.22,Sangat Tinggi,,\r\n\
         IKU3,Persentase kasus perselisihan hubungan industrial yang diselesaikan tepat waktu melalui Perjanjian Bersama (PB),98.00,,0,0,,,,\r\n\
         IKU4,Nilai SAKIP perangkat daerah,81.00,72.70,,,89.75,Tinggi,A,BB\r\n\
         TPT,Tingkat Pengangguran Terbuka,,4.77,,,,,,\r\n"
    );
    // the two years before and the Renstra target
    let r1 = row("IKU1");
    assert_eq!(
        r1.previous,
        vec![(2022, Some(dec("70.83"))), (2023, Some(dec("76.47")))]
    );
    assert_eq!(r1.renstra, Some((2026, dec("90"))));
    assert_eq!(r1.trend.len(), 5);
}

#[test]
fn a_year_without_records_takes_the_published_figures_labelled_published() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let y = iku_year(&s, 2024).unwrap();
    let iku1 = &y.rows[0].shown;
    assert_eq!(iku1.origin, Origin::Published);
    assert_eq!(iku1.ratio, Some(Ratio::new(284, 344)));
    assert_eq!(iku1.capaian.unwrap().to_string(), "103.20");
    let y23 = iku_year(&s, 2023).unwrap();
    assert_eq!(y23.rows[0].shown.ratio, Some(Ratio::new(130, 170)));
    assert_eq!(y23.rows[0].shown.realisation, Some(dec("76.47")));
    assert_eq!(y23.rows[0].shown.capaian, None, "no 2023 target is known");
    let y22 = iku_year(&s, 2022).unwrap();
    assert_eq!(y22.rows[0].shown.realisation, Some(dec("70.83")));
    assert_eq!(y22.rows[0].shown.ratio, None);
    assert!(
        notes(&y22, "IKU1")[0].contains("73.33%"),
        "{:?}",
        notes(&y22, "IKU1")
    );
    // TPT 2021 is published only in its own series
    let y21 = iku_year(&s, 2021).unwrap();
    let tpt = y21.rows.iter().find(|r| r.def.code == "TPT").unwrap();
    assert_eq!(tpt.shown.realisation, Some(dec("3.66")));
    // a year nobody published and nobody recorded has nothing, and says so
    let y25 = iku_year(&s, 2025).unwrap();
    for r in &y25.rows {
        assert_eq!(
            (r.shown.realisation, r.shown.origin),
            (None, Origin::Nothing),
            "{}",
            r.def.code
        );
        assert!(!r.realisation.notes.is_empty());
    }
    assert_eq!(
        notes(&y25, "IKU3"),
        ["no dispute was recorded in 2025 (0 / 0): no value"]
    );
}

#[test]
fn entered_values_replace_the_published_ones_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let id = s.insert_iku_entry(&tpak_2024("72.50")).unwrap();
    let y = iku_year(&s, 2024).unwrap();
    let iku2 = &y.rows[1];
    assert_eq!(iku2.shown.origin, Origin::Entered);
    assert_eq!(iku2.shown.realisation, Some(dec("72.50")));
    assert_eq!(iku2.shown.capaian.unwrap().to_string(), "98.41");
    let by = iku2.realisation.entered.as_ref().unwrap();
    assert_eq!(
        (by.by.as_str(), by.source_date.as_str()),
        ("ani", "2024-11-05")
    );

    // one value per indicator and year
    let err = s
        .insert_iku_entry(&tpak_2024("73"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("IKU2 2024 is already entered (#1"), "{err}");
    // versions: a stale edit is refused
    let v2 = s.update_iku_entry(id, 1, &tpak_2024("72.40")).unwrap();
    assert_eq!(v2, 2);
    let stale = s.update_iku_entry(id, 1, &tpak_2024("72.30")).unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { .. }), "{stale}");
    let h = s.iku_entry_history(id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[1].changes[0].field, "iku_value");
    assert_eq!(
        (h[1].changes[0].old.as_str(), h[1].changes[0].new.as_str()),
        ("72.50", "72.40")
    );
    // archived: the published figure is back
    s.archive_iku_entry(id, 2).unwrap();
    assert_eq!(
        iku_year(&s, 2024).unwrap().rows[1].shown.origin,
        Origin::Published
    );

    // SAKIP entered with components that do not add up: kept, and flagged
    let sakip = entry(&[
        ("iku_code", "IKU4"),
        ("iku_year", "2024"),
        ("iku_value", "72.70"),
        ("sakip_grade", "BB"),
        ("sakip_planning", "21.60"),
        ("sakip_measurement", "20.10"),
        ("sakip_reporting", "11.25"),
        ("sakip_evaluation", "19.25"),
        ("iku_source", "LHE SAKIP 2024"),
        ("iku_source_date", "2025-02-14"),
    ]);
    s.insert_iku_entry(&sakip).unwrap();
    let y = iku_year(&s, 2024).unwrap();
    assert_eq!(y.rows[3].shown.origin, Origin::Entered);
    assert_eq!(y.rows[3].shown.grade.as_deref(), Some("BB"));
    assert_eq!(y.rows[3].shown.capaian.unwrap().to_string(), "89.75");
    assert_eq!(notes(&y, "IKU4").len(), 1);
    assert!(notes(&y, "IKU4")[0].contains("72.20"));
}

/// A dispute recorded on `recorded_on`, ended by a PB on `pb_on`.
fn pb_dispute(company: &str, recorded_on: &str, pb_on: &str) -> Dispute {
    let v: BTreeMap<String, String> = [
        ("company", company),
        ("workers", "Serikat Pekerja"),
        ("type", "phk"),
        ("recorded_on", recorded_on),
        ("outcome", "pb"),
        ("outcome_on", pb_on),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (x, checked) = Dispute::from_fields(&v, Date::from_ymd_opt(2026, 11, 28).unwrap());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    x.unwrap()
}

#[test]
fn disputes_recorded_in_a_year_give_iku3_from_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    s.insert_disputes(&[
        pb_dispute("PT A", "2024-11-04", "2024-11-29"),
        pb_dispute("PT C", "2024-12-20", "2025-02-11"), // one working day late
    ])
    .unwrap();
    let y = iku_year(&s, 2024).unwrap();
    let iku3 = &y.rows[2].shown;
    assert_eq!(iku3.origin, Origin::Records);
    // the report's formula: both ended in a PB, so both were followed up
    assert_eq!(iku3.ratio, Some(Ratio::new(2, 2)));
    assert_eq!(iku3.realisation, Some(dec("100.00")));
    assert_eq!(iku3.capaian.unwrap().to_string(), "102.04");
    assert_eq!(iku3.predicate, Some(Predicate::SangatTinggi));
    // beside it, the stricter share the name describes: one PB was a working day late
    let pb = iku3.beside.unwrap();
    assert_eq!(pb.ratio, Ratio::new(1, 2));
    assert_eq!(pb.value, Some(dec("50.00")));
    assert!(y.rows[2].realisation.notes.is_empty());
}

#[test]
fn a_closed_year_refuses_changes_until_reopened_and_both_are_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_2024_trainings(&dir.path().join("t.db"), "ani");
    let figures = iku_year(&s, 2024).unwrap().figures_to_report();
    assert_eq!(s.close_iku_year(2024, &figures).unwrap(), 1);
    let closed = iku_year(&s, 2024).unwrap();
    assert!(closed.closed());
    assert_eq!(closed.rows[0].shown, closed.rows[0].live, "nothing drifted");
    assert!(!closed.rows.iter().any(|r| r.drift()));

    // a participant of 2024 who found work after all: refused while 2024 is closed
    let (id, version, trainee) = unemployed_2024_trainee(&s);
    let mut found_work = trainee.clone();
    found_work.employment = Some(Employment::Bekerja);
    found_work.employer = "CV Sejahtera".into();
    let err = s.update_trainee(id, version, &found_work).unwrap_err();
    let StoreError::Refused(msg) = &err else {
        panic!("not a refusal: {err:?}");
    };
    let msg = msg.en();
    assert!(msg.contains("IKU figures of 2024 are closed"), "{msg}");
    assert!(msg.contains("disnaker iku --year 2024 --reopen"), "{msg}");
    assert_eq!(
        s.get_trainee(id).unwrap().version,
        version,
        "nothing written"
    );
    // archiving one, importing one more, entering a value: refused as well
    assert!(matches!(
        s.archive_trainee(id, version),
        Err(StoreError::Refused(_))
    ));
    let err = s.insert_iku_entry(&tpak_2024("72.50")).unwrap_err();
    assert!(err.to_string().contains("2024 are closed"), "{err}");
    // so is an import that would add a participant to a 2024 training
    let mut one_more = trainee_rows_2024(&s).remove(0);
    one_more.1.insert("nik".into(), "3505010101900999".into());
    one_more.1.insert("name".into(), "Peserta baru".into());
    let err = s
        .import_trainees(&[one_more], day(2025, 6, 30), false)
        .unwrap_err();
    assert!(err.to_string().contains("2024 are closed"), "{err}");
    // a change that does not touch the figures (a phone number) is fine
    let mut phone = trainee.clone();
    phone.phone = "081234567890".into();
    let version = s.update_trainee(id, version, &phone).unwrap();
    // closing twice is refused
    let again = s.close_iku_year(2024, &figures).unwrap_err().to_string();
    assert!(again.contains("already closed"), "{again}");

    s.reopen_iku_year(2024, "peserta terlambat dilaporkan")
        .unwrap();
    found_work.phone = phone.phone.clone();
    s.update_trainee(id, version, &found_work).unwrap();
    let reopened = iku_year(&s, 2024).unwrap();
    assert!(!reopened.closed());
    let iku1 = &reopened.rows[0];
    assert_eq!(
        iku1.shown.ratio,
        Some(Ratio::new(285, 344)),
        "now the live figure"
    );
    assert_eq!(
        iku1.reported.as_ref().unwrap().ratio,
        Some(Ratio::new(284, 344))
    );
    assert!(iku1.drift());

    let h = s.iku_year_history(2024).unwrap();
    let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["close", "reopen"]);
    assert_eq!(h[0].changes[0].field, "IKU1");
    assert_eq!(
        h[0].changes[0].new,
        "82.56 (284/344), capaian 103.20 Sangat Tinggi"
    );
    assert_eq!(h[1].changes[1].new, "peserta terlambat dilaporkan");
    let th = s.trainee_history(id).unwrap();
    assert_eq!(
        th.last()
            .unwrap()
            .changes
            .iter()
            .find(|c| c.field == "employment")
            .unwrap()
            .new,
        "bekerja"
    );

    // closed again: the new figures are kept, the old ones are in the history
    let figures = reopened.figures_to_report();
    assert_eq!(s.close_iku_year(2024, &figures).unwrap(), 3);
    let h = s.iku_year_history(2024).unwrap();
    assert_eq!(
        h[2].changes[0].old,
        "82.56 (284/344), capaian 103.20 Sangat Tinggi"
    );
    assert!(
        h[2].changes[0].new.starts_with("82.85 (285/344)"),
        "{}",
        h[2].changes[0].new
    );
    // other years are not guarded
    s.insert_iku_entry(&entry(&[
        ("iku_code", "TPT"),
        ("iku_year", "2023"),
        ("iku_value", "4.91"),
        ("iku_source", "BPS"),
        ("iku_source_date", "2023-11-06"),
    ]))
    .unwrap();
}

#[test]
fn a_closed_year_guards_disputes_and_another_connection_sees_the_guard() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ani = Store::open(&path, "ani").unwrap();
    let mut budi = Store::open(&path, "budi").unwrap();
    let figures = iku_year(&ani, 2024).unwrap().figures_to_report();
    ani.close_iku_year(2024, &figures).unwrap();
    let err = budi
        .insert_dispute(&pb_dispute("PT A", "2024-11-04", "2024-11-29"))
        .unwrap_err();
    assert!(err.to_string().contains("2024 are closed"), "{err}");
    // a dispute of 2025 is not a 2024 figure
    let id = budi
        .insert_dispute(&pb_dispute("PT B", "2025-01-06", "2025-01-20"))
        .unwrap();
    // moving it into 2024 would change 2024's figure
    let mut moved = budi.get_dispute(id).unwrap().value;
    moved.recorded_on = Some(day(2024, 12, 2));
    let err = budi.update_dispute(id, 1, &moved).unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    budi.reopen_iku_year(2024, "").unwrap();
    budi.update_dispute(id, 1, &moved).unwrap();
    let iku3 = &iku_year(&ani, 2024).unwrap().rows[2].shown;
    assert_eq!(iku3.origin, Origin::Records);
    assert_eq!(iku3.ratio.map(|r| r.denominator), Some(1));
}

#[test]
fn every_note_and_label_has_both_languages() {
    use disnaker::domain::indicator::ENTRY_FIELDS;
    for f in ENTRY_FIELDS {
        let key = format!("field.{}", f.key);
        assert_ne!(Lang::Id.t(&key), key);
        assert_ne!(Lang::En.t(&key), key);
    }
    for key in [
        "iku.note.no_trainees",
        "iku.note.no_disputes",
        "iku.note.not_entered",
        "iku.note.reason",
        "iku.note.tables_differ",
        "iku.note.ratio_differs",
        "iku.note.report_says",
        "iku.note.printed_without_cases",
        "iku.note.dispute_counts",
        "iku.note.sakip_mismatch",
        "iku.origin.records",
        "iku.origin.entered",
        "iku.origin.published",
        "iku.origin.none",
        "kind.iku_entry",
    ] {
        assert_ne!(Lang::En.t(key), key);
    }
}

#[test]
fn a_closed_year_shows_what_was_reported_even_when_the_live_figure_differs() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_2024_trainings(&dir.path().join("t.db"), "ani");
    let mut figures = iku_year(&s, 2024).unwrap().figures_to_report();
    // as an older program version might have reported it
    figures[0].realisation = Some("82.00".into());
    figures[0].capaian = Some("102.50".into());
    s.close_iku_year(2024, &figures).unwrap();
    let y = iku_year(&s, 2024).unwrap();
    let iku1 = &y.rows[0];
    assert_eq!(iku1.shown.realisation, Some(dec("82.00")), "as reported");
    assert_eq!(
        iku1.live.realisation,
        Some(dec("82.56")),
        "as the records say"
    );
    assert!(iku1.drift());
    assert!(!y.rows[1].drift());
    assert!(csv(&y).contains("\r\nIKU1,Persentase lulusan pelatihan yang telah bekerja,80.00,82.00,284,344,102.50,Sangat Tinggi,,\r\n"));
    // the years after show the reported figure among their years before
    let next = iku_year(&s, 2025).unwrap();
    assert_eq!(next.rows[0].previous[1], (2024, Some(dec("82.00"))));
}
