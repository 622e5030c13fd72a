//! Archive then restore, for every kind through the one record mechanism: the version
//! moves on, the history has both entries, a stale restore is refused naming who changed
//! the record, the counts and tallies take the record back, and the archived list shows it
//! only while it is archived.

use super::*;
use crate::domain::case::{PmiCase, Sex};
use crate::domain::demo;
use crate::domain::dispute::Dispute;
use crate::domain::placement::Placement;
use crate::domain::training::{FundingSource, Trainee, Training};
use crate::domain::transmigrant::Registration;

/// The tallies and the follow-up index say what counting the rows says.
fn tallies_agree(s: &Store) {
    for (tally, rows) in [
        (
            "SELECT year, kecamatan, category, status, archived, n FROM case_tally WHERE n > 0",
            "SELECT CAST(substr(reported_on, 1, 4) AS INTEGER), kecamatan, category, status,
                    archived, count(*) FROM pmi_case GROUP BY 1, 2, 3, 4, 5",
        ),
        (
            "SELECT year, kecamatan, country, sector, sex, archived, n FROM placement_tally
             WHERE n > 0",
            "SELECT departure_year, kecamatan, country, sector, sex, archived, count(*)
             FROM placement GROUP BY 1, 2, 3, 4, 5, 6",
        ),
        (
            "SELECT day, n FROM followup_tally WHERE n > 0",
            "SELECT next_followup, count(*) FROM pmi_case WHERE archived = 0
             AND status <> 'ditutup' AND next_followup IS NOT NULL GROUP BY 1",
        ),
    ] {
        let read = |sql: &str| -> Vec<String> {
            let mut stmt = s.conn().prepare(sql).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            let mut out = Vec::new();
            while let Some(r) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                out.push(cells.join("|"));
            }
            out.sort();
            out
        };
        assert_eq!(read(tally), read(rows), "{tally}");
    }
}

/// Archive record `id` (at version 1) as Ani, check a stale restore by Budi is refused,
/// restore it as Ani; returns (version after archive, version after restore).
fn archive_then_restore<T: Kept>(ani: &mut Store, budi: &mut Store, id: i64) -> (i64, i64) {
    let archived = ani.archive::<T>(id, 1).unwrap();
    assert_eq!(archived, 2);
    assert!(ani.get::<T>(id).unwrap().archived);
    // Budi still has version 1 on screen.
    match budi.restore::<T>(id, 1) {
        Err(StoreError::Conflict { by, id: who, .. }) => {
            assert_eq!((by.as_str(), who), ("ani", id));
        }
        other => panic!("a stale restore must be refused: {other:?}"),
    }
    let restored = ani.restore::<T>(id, archived).unwrap();
    assert_eq!(restored, 3);
    let r = budi.get::<T>(id).unwrap();
    assert!(!r.archived);
    assert_eq!((r.version, r.changed_by.as_str()), (3, "ani"));
    let history = ani.history::<T>(id).unwrap();
    let actions: Vec<(&str, i64)> = history
        .iter()
        .map(|h| (h.action.as_str(), h.version))
        .collect();
    assert_eq!(
        &actions[actions.len() - 2..],
        &[("archive", 2), ("restore", 3)]
    );
    let last = &history[history.len() - 1].changes[0];
    assert_eq!(
        (last.field.as_str(), last.old.as_str(), last.new.as_str()),
        ("archived", "ya", "tidak")
    );
    // Restoring again changes nothing.
    assert_eq!(ani.restore::<T>(id, restored).unwrap(), restored);
    assert!(ani.check().unwrap().is_empty(), "{:?}", ani.check());
    tallies_agree(ani);
    (archived, restored)
}

#[test]
fn a_case_restored_counts_again_in_the_tallies_and_lists() {
    let (_dir, mut ani, mut budi) = two_officers();
    let day = demo::reference_day();
    let cases: Vec<PmiCase> = demo::cases(3, demo::SEED, day);
    let year = cases[0]
        .reported_on
        .map(|d| chrono::Datelike::year(&d))
        .unwrap();
    let id = ani.insert_case(&cases[0]).unwrap();
    ani.insert_case(&cases[1]).unwrap();
    let live = CaseFilter::default();
    let archived = CaseFilter {
        archived: true,
        ..CaseFilter::default()
    };
    let before = ani.case_year_stats(year, day).unwrap();
    ani.archive::<PmiCase>(id, 1).unwrap();
    assert_eq!(ani.count_cases(&live).unwrap(), 1);
    assert_eq!(ani.count_cases(&archived).unwrap(), 1);
    let listed = ani.list_cases(&archived, 0, 10).unwrap();
    assert_eq!(listed.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
    assert!(listed[0].archived);
    assert!(ani.check().unwrap().is_empty());
    tallies_agree(&ani);
    let reported = |s: &Store| s.case_year_stats(year, day).unwrap().reported;
    assert_eq!(reported(&ani), before.reported - 1);
    ani.restore::<PmiCase>(id, 2).unwrap();
    assert_eq!(ani.case_year_stats(year, day).unwrap(), before);
    let id2 = ani.insert_case(&cases[2]).unwrap();
    archive_then_restore::<PmiCase>(&mut ani, &mut budi, id2);
    assert_eq!(ani.count_cases(&live).unwrap(), 3);
    assert_eq!(ani.count_cases(&archived).unwrap(), 0);
    assert!(ani.list_cases(&archived, 0, 10).unwrap().is_empty());
    let name = &cases[0].name;
    let found = CaseFilter {
        text: name.clone(),
        ..CaseFilter::default()
    };
    assert!(ani
        .list_cases(&found, 0, 10)
        .unwrap()
        .iter()
        .any(|r| r.id == id));
    assert_eq!(
        ani.case_history(id).unwrap().last().unwrap().action,
        "restore"
    );
}

#[test]
fn a_placement_restored_counts_again_unless_its_place_is_taken() {
    let (_dir, mut ani, mut budi) = two_officers();
    let day = demo::reference_day();
    let rows: Vec<Placement> = demo::PlacementGenerator::new(demo::SEED, day, 0)
        .take(2)
        .collect();
    let year = rows[0].year();
    let id = ani.insert_placement(&rows[0]).unwrap();
    let total = |s: &Store| -> i64 {
        s.placement_counts_by_kecamatan(year)
            .unwrap()
            .iter()
            .map(|c| c.total())
            .sum()
    };
    let live = PlacementFilter::year(year);
    let archived = PlacementFilter {
        archived: true,
        ..PlacementFilter::year(year)
    };
    assert_eq!(total(&ani), 1);
    ani.archive::<Placement>(id, 1).unwrap();
    assert_eq!(total(&ani), 0);
    assert_eq!(ani.count_placements(&archived).unwrap(), 1);
    tallies_agree(&ani);
    assert_eq!(ani.list_placements(&archived, 0, 10).unwrap()[0].id, id);
    ani.restore::<Placement>(id, 2).unwrap();
    assert_eq!((total(&ani), ani.count_placements(&live).unwrap()), (1, 1));
    assert_eq!(ani.count_placements(&archived).unwrap(), 0);
    let other = ani.insert_placement(&rows[1]).unwrap();
    archive_then_restore::<Placement>(&mut ani, &mut budi, other);
    // While archived, the same person and departure may be typed in again; then the
    // archived one cannot come back beside it.
    ani.archive::<Placement>(other, 3).unwrap();
    let again = ani.insert_placement(&rows[1]).unwrap();
    let err = ani.restore::<Placement>(other, 4).unwrap_err().to_string();
    assert!(err.contains(&format!("#{again}")), "{err}");
    assert!(ani.get::<Placement>(other).unwrap().archived);
    assert!(ani.check().unwrap().is_empty());
}

#[test]
fn a_dispute_restored_is_listed_again() {
    let (_dir, mut ani, mut budi) = two_officers();
    let d: Vec<Dispute> = demo::disputes(2, demo::SEED, demo::reference_day());
    let id = ani.insert_dispute(&d[0]).unwrap();
    let archived = DisputeFilter {
        archived: true,
        ..DisputeFilter::default()
    };
    ani.archive::<Dispute>(id, 1).unwrap();
    assert_eq!(ani.count_disputes(&DisputeFilter::default()).unwrap(), 0);
    assert_eq!(ani.list_disputes(&archived, 0, 10).unwrap()[0].id, id);
    ani.restore::<Dispute>(id, 2).unwrap();
    assert_eq!(ani.count_disputes(&DisputeFilter::default()).unwrap(), 1);
    assert_eq!(ani.count_disputes(&archived).unwrap(), 0);
    let other = ani.insert_dispute(&d[1]).unwrap();
    archive_then_restore::<Dispute>(&mut ani, &mut budi, other);
    assert_eq!(ani.dispute_history(other).unwrap()[0].action, "create");
}

#[test]
fn a_participant_restored_counts_again_unless_the_nik_came_back() {
    let (_dir, mut ani, mut budi) = two_officers();
    let training = ani
        .insert_training(&Training::new("Barista", 2025, FundingSource::Apbn))
        .unwrap();
    let person = |nik: &str, name: &str| Trainee {
        training_id: training,
        nik: nik.into(),
        name: name.into(),
        sex: Sex::P,
        kecamatan: "Ponggok".into(),
        phone: String::new(),
        graduated: true,
        certified: false,
        certificate_no: String::new(),
        employment: None,
        employer: String::new(),
        employed_on: None,
        verified_on: None,
        verified_how: None,
    };
    let siti = person("3505124512950001", "Siti");
    let id = ani.insert_trainee(&siti).unwrap();
    ani.insert_trainee(&person("3505124512950002", "Rina"))
        .unwrap();
    let live = TraineeFilter::default();
    let archived = TraineeFilter {
        archived: true,
        ..TraineeFilter::default()
    };
    ani.archive::<Trainee>(id, 1).unwrap();
    assert_eq!(ani.training_counts(training).unwrap().participants, 1);
    assert_eq!(ani.count_trainees(training, &archived).unwrap(), 1);
    assert_eq!(
        ani.list_trainees(training, &archived, 0, 10).unwrap()[0].id,
        id
    );
    ani.restore::<Trainee>(id, 2).unwrap();
    assert_eq!(ani.training_counts(training).unwrap().participants, 2);
    assert_eq!(ani.count_trainees(training, &live).unwrap(), 2);
    assert_eq!(ani.count_trainees(training, &archived).unwrap(), 0);
    let other = ani
        .insert_trainee(&person("3505124512950003", "Wati"))
        .unwrap();
    archive_then_restore::<Trainee>(&mut ani, &mut budi, other);
    // Archived, then the same NIK entered again: the archived one stays archived.
    ani.archive::<Trainee>(id, 3).unwrap();
    ani.insert_trainee(&siti).unwrap();
    let err = ani.restore::<Trainee>(id, 4).unwrap_err().to_string();
    assert!(err.contains("already participant"), "{err}");
}

#[test]
fn a_registration_restored_is_listed_and_blocks_again() {
    let (_dir, mut ani, mut budi) = two_officers();
    let day = demo::reference_day();
    let families: Vec<Registration> = demo::families(2, demo::SEED, day, 0);
    let id = ani.insert_transmigrant(&families[0]).unwrap();
    let live = TransmigrantFilter::default();
    let archived = TransmigrantFilter {
        archived: true,
        ..TransmigrantFilter::default()
    };
    ani.archive::<Registration>(id, 1).unwrap();
    assert_eq!(ani.count_transmigrants(&live).unwrap(), 0);
    let listed = ani.list_transmigrants(&archived, 0, 10).unwrap();
    assert_eq!((listed[0].id, listed[0].archived), (id, true));
    ani.restore::<Registration>(id, 2).unwrap();
    assert_eq!(ani.count_transmigrants(&live).unwrap(), 1);
    assert_eq!(ani.count_transmigrants(&archived).unwrap(), 0);
    let other = ani.insert_transmigrant(&families[1]).unwrap();
    archive_then_restore::<Registration>(&mut ani, &mut budi, other);
    assert_eq!(
        ani.transmigrant_history(other)
            .unwrap()
            .last()
            .unwrap()
            .action,
        "restore"
    );
}

#[test]
fn every_other_kind_restores_through_the_same_mechanism() {
    use crate::domain::dispute::{CompanyCompliance, PpPkb, PreventionFacilitation};
    let (_dir, mut ani, mut budi) = two_officers();
    let t = ani
        .insert(&Training::new("Las", 2025, FundingSource::Apbd))
        .unwrap();
    archive_then_restore::<Training>(&mut ani, &mut budi, t);
    let f = ani
        .insert(&PreventionFacilitation {
            date: demo::reference_day(),
            company: "PT Sumber".into(),
            topic: "PKB".into(),
            notes: String::new(),
        })
        .unwrap();
    ani.archive::<PreventionFacilitation>(f, 1).unwrap();
    let year = chrono::Datelike::year(&demo::reference_day());
    assert_eq!(ani.facilitations_of(year, true, 0, 10).unwrap()[0].id, f);
    ani.restore::<PreventionFacilitation>(f, 2).unwrap();
    assert!(ani.facilitations_of(year, true, 0, 10).unwrap().is_empty());
    assert_eq!(ani.count_facilitations(year).unwrap(), 1);
    let c = ani
        .insert(&CompanyCompliance {
            company: "PT Sumber".into(),
            year: 2025,
            pp_pkb: PpPkb::Tidak,
            bpjs_member: true,
        })
        .unwrap();
    archive_then_restore::<CompanyCompliance>(&mut ani, &mut budi, c);
}

#[test]
fn an_indicator_value_restored_counts_again_unless_the_year_has_another() {
    use crate::domain::indicator::IkuEntry;
    let (_dir, mut ani, mut budi) = two_officers();
    let tpak = |value: &str| -> IkuEntry {
        let values: std::collections::BTreeMap<String, String> = [
            ("iku_code", "IKU2"),
            ("iku_year", "2024"),
            ("iku_value", value),
            ("iku_source", "BPS Kabupaten Blitar"),
            ("iku_source_date", "2024-11-05"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (e, c) = IkuEntry::from_fields(&values, demo::reference_day());
        assert!(c.errors.is_empty(), "{c:?}");
        e.unwrap()
    };
    let id = ani.insert_iku_entry(&tpak("72.50")).unwrap();
    archive_then_restore::<IkuEntry>(&mut ani, &mut budi, id);
    assert_eq!(ani.iku_entry_for("IKU2", 2024).unwrap().unwrap().id, id);
    ani.archive_iku_entry(id, 3).unwrap();
    assert!(ani.iku_entry_for("IKU2", 2024).unwrap().is_none());
    let archived = ani.iku_entries_of(2024, true).unwrap();
    assert_eq!(archived.iter().map(|e| e.id).collect::<Vec<_>>(), vec![id]);
    assert!(ani.iku_entries_of(2024, false).unwrap().is_empty());
    // Another value entered meanwhile: the archived one stays archived.
    let other = ani.insert_iku_entry(&tpak("73")).unwrap();
    let err = ani.restore_iku_entry(id, 4).unwrap_err().to_string();
    assert!(err.contains(&format!("#{other}")), "{err}");
    assert_eq!(ani.iku_entries_of(2024, false).unwrap()[0].id, other);
}
