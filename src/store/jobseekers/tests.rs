use super::*;
use crate::domain::testing::{day, map};
use crate::store::two_officers;

const NIK: &str = "3505014501900002";
const OTHER_NIK: &str = "3505010101850003";

fn seeker(nik: &str, sex: &str, registered: &str) -> Jobseeker {
    let v = map(&[
        ("nik", nik),
        ("name", "Siti Aminah"),
        ("sex", sex),
        ("kecamatan", "Ponggok"),
        ("education", "SMK"),
        ("registered_on", registered),
    ]);
    let (js, checked) = Jobseeker::from_fields(&v, day(2026, 11, 28));
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    js.unwrap()
}

fn refusal_text(e: StoreError) -> String {
    match e {
        StoreError::Refused(m) => m.text(crate::i18n::Lang::En),
        other => panic!("not a refusal: {other}"),
    }
}

#[test]
fn numbers_are_given_per_year_and_unique() {
    let (_d, mut ani, _) = two_officers();
    let a = ani
        .insert_jobseeker(&seeker(NIK, "P", "2024-03-01"))
        .unwrap();
    let b = ani
        .insert_jobseeker(&seeker(OTHER_NIK, "L", "2024-05-01"))
        .unwrap();
    assert_eq!(
        ani.get_jobseeker(a).unwrap().jobseeker.registration_no,
        "AK1/2024/000001"
    );
    assert_eq!(
        ani.get_jobseeker(b).unwrap().jobseeker.registration_no,
        "AK1/2024/000002"
    );
    // A number typed by hand is kept; the same number again is refused, naming its holder.
    let mut typed = seeker(OTHER_NIK, "L", "2020-01-01");
    typed.registration_no = "AK1/2024/000001".into();
    let err = refusal_text(ani.insert_jobseeker(&typed).unwrap_err());
    assert!(err.contains("AK1/2024/000001 is already used"), "{err}");
    typed.registration_no = "AK1/2020/000777".into();
    let c = ani.insert_jobseeker(&typed).unwrap();
    let d = ani
        .insert_jobseeker(&seeker("3505016602000004", "P", "2020-02-01"))
        .unwrap();
    assert_eq!(
        ani.get_jobseeker(c).unwrap().jobseeker.registration_no,
        "AK1/2020/000777"
    );
    assert_eq!(
        ani.get_jobseeker(d).unwrap().jobseeker.registration_no,
        "AK1/2020/000778"
    );
}

#[test]
fn one_active_registration_per_nik() {
    let (_d, mut ani, _) = two_officers();
    let first = ani
        .insert_jobseeker(&seeker(NIK, "P", "2024-03-01"))
        .unwrap();
    let err = refusal_text(
        ani.insert_jobseeker(&seeker(NIK, "P", "2025-06-01"))
            .unwrap_err(),
    );
    assert!(
        err.contains("already has an active registration AK1/2024/000001"),
        "{err}"
    );
    // Once expired (valid until 2026-03-01), the person registers again.
    let again = ani
        .insert_jobseeker(&seeker(NIK, "P", "2026-03-02"))
        .unwrap();
    assert!(again > first);
    // Withdrawn: the next is taken; archived: it does not count either.
    let (_d2, mut s, _) = two_officers();
    let id = s.insert_jobseeker(&seeker(NIK, "P", "2025-01-01")).unwrap();
    s.move_jobseeker(
        id,
        1,
        &StatusMove {
            to: JobseekerStatus::Dicabut,
            on: day(2025, 2, 1),
            text: "pindah".into(),
            placement_id: None,
        },
    )
    .unwrap();
    let next = s.insert_jobseeker(&seeker(NIK, "P", "2025-03-01")).unwrap();
    s.archive_jobseeker(next, 1).unwrap();
    let third = s.insert_jobseeker(&seeker(NIK, "P", "2025-04-01")).unwrap();
    // Restoring the archived one beside the new active one is refused.
    let err = refusal_text(s.restore_jobseeker(next, 2).unwrap_err());
    assert!(err.contains("active registration"), "{err}");
    assert!(third > next);
}

#[test]
fn archive_restore_and_a_stale_version_refused() {
    let (_d, mut ani, mut budi) = two_officers();
    let id = ani
        .insert_jobseeker(&seeker(NIK, "P", "2024-03-01"))
        .unwrap();
    let archived = ani.archive_jobseeker(id, 1).unwrap();
    assert!(ani.get_jobseeker(id).unwrap().archived);
    match budi.restore_jobseeker(id, 1) {
        Err(StoreError::Conflict { by, .. }) => assert_eq!(by, "ani"),
        other => panic!("{other:?}"),
    }
    let restored = budi.restore_jobseeker(id, archived).unwrap();
    assert_eq!(restored, 3);
    // An edit on the old version is refused too; the status never moves by an edit.
    let mut edit = ani.get_jobseeker(id).unwrap().jobseeker;
    edit.skills = "las".into();
    assert!(matches!(
        ani.update_jobseeker(id, 1, &edit),
        Err(StoreError::Conflict { .. })
    ));
    ani.update_jobseeker(id, 3, &edit).unwrap();
    edit.status = JobseekerStatus::Dicabut;
    assert!(ani.update_jobseeker(id, 4, &edit).is_err());
    let actions: Vec<String> = ani
        .jobseeker_history(id)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["create", "archive", "restore", "update"]);
}

#[test]
fn kedaluwarsa_is_computed_on_the_day_asked() {
    let (_d, mut ani, _) = two_officers();
    ani.insert_jobseeker(&seeker(NIK, "P", "2024-03-01"))
        .unwrap();
    let f = JobseekerFilter::default();
    let on = |d: Date| ani.list_jobseekers(&f, d, 0, 10).unwrap()[0].status.clone();
    assert_eq!(on(day(2026, 3, 1)), "aktif");
    assert_eq!(on(day(2026, 3, 2)), "kedaluwarsa");
    let expired = JobseekerFilter {
        status: Some("kedaluwarsa".into()),
        ..JobseekerFilter::default()
    };
    assert_eq!(ani.count_jobseekers(&expired, day(2026, 3, 1)).unwrap(), 0);
    assert_eq!(ani.count_jobseekers(&expired, day(2026, 3, 2)).unwrap(), 1);
    // The word typed in the filter does the same, in either language.
    for (word, on, n) in [
        ("kedaluwarsa", day(2026, 3, 2), 1),
        ("kedal", day(2026, 3, 2), 1),
        ("Expired siti", day(2026, 3, 2), 1),
        ("kedaluwarsa", day(2026, 3, 1), 0),
        ("aktif", day(2026, 3, 1), 1),
        ("aktif", day(2026, 3, 2), 0),
    ] {
        let typed = JobseekerFilter {
            text: word.into(),
            ..JobseekerFilter::default()
        };
        assert_eq!(
            ani.count_jobseekers(&typed, on).unwrap(),
            n,
            "{word} on {on}"
        );
    }
    // Never stored: the row still says aktif.
    let stored: String = ani
        .conn()
        .query_row("SELECT status FROM jobseeker", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "aktif");
}

#[test]
fn a_placement_closes_the_registration_in_the_callers_transaction() {
    let (_d, mut ani, _) = two_officers();
    let id = ani
        .insert_jobseeker(&seeker(NIK, "P", "2024-03-01"))
        .unwrap();
    let other = ani
        .insert_jobseeker(&seeker(OTHER_NIK, "L", "2024-03-01"))
        .unwrap();
    // Rolled back with the caller's transaction: nothing changes.
    {
        let tx = ani.conn.unchecked_transaction().unwrap();
        let closed =
            place_jobseeker(&tx, JobseekerRef::Nik(NIK), 41, day(2024, 9, 1), "ani").unwrap();
        assert_eq!(closed, Some(id));
        tx.rollback().unwrap();
    }
    assert_eq!(
        ani.get_jobseeker(id).unwrap().jobseeker.status,
        JobseekerStatus::Aktif
    );
    {
        let tx = ani.conn.unchecked_transaction().unwrap();
        assert_eq!(
            place_jobseeker(&tx, JobseekerRef::Nik(NIK), 41, day(2024, 9, 1), "ani").unwrap(),
            Some(id)
        );
        // Already placed: nothing left to close.
        assert_eq!(
            place_jobseeker(&tx, JobseekerRef::Nik(NIK), 42, day(2024, 9, 2), "ani").unwrap(),
            None
        );
        tx.commit().unwrap();
    }
    let placed = ani.get_jobseeker(id).unwrap();
    assert_eq!(placed.jobseeker.status, JobseekerStatus::Ditempatkan);
    assert_eq!(placed.jobseeker.placement_id, Some(41));
    assert_eq!(placed.jobseeker.placed_on, Some(day(2024, 9, 1)));
    assert_eq!(placed.version, 2);
    let last = ani.jobseeker_history(id).unwrap().pop().unwrap();
    assert_eq!(last.action, "place");
    assert!(last
        .changes
        .iter()
        .any(|c| c.field == "placement_id" && c.new == "41"));
    // By number; an unknown number or one past its validity by NIK: None.
    assert_eq!(
        ani.place_jobseeker(JobseekerRef::Number("AK1/2024/999999"), 5, day(2024, 9, 1))
            .unwrap(),
        None
    );
    assert_eq!(
        ani.place_jobseeker(JobseekerRef::Nik(OTHER_NIK), 5, day(2026, 3, 2))
            .unwrap(),
        None
    );
    assert_eq!(
        ani.place_jobseeker(JobseekerRef::Number("AK1/2024/000002"), 5, day(2024, 10, 1))
            .unwrap(),
        Some(other)
    );
}

#[test]
fn reports_are_entries_of_their_own_in_the_history() {
    let (_d, mut ani, _) = two_officers();
    let id = ani
        .insert_jobseeker(&seeker(NIK, "P", "2024-03-01"))
        .unwrap();
    for on in ["2024-09-01", "2025-03-01"] {
        let v = map(&[
            ("jobseeker_id", &id.to_string()),
            ("reported_on", on),
            ("note", "masih mencari"),
        ]);
        let r = JobseekerReport::from_fields(&v, day(2026, 1, 1)).0.unwrap();
        ani.insert_jobseeker_report(&r).unwrap();
    }
    let early = JobseekerReport {
        jobseeker_id: id,
        reported_on: day(2024, 1, 1),
        note: String::new(),
    };
    assert!(ani.insert_jobseeker_report(&early).is_err());
    // the same day's report again: entered twice, refused naming the first
    let twice = JobseekerReport {
        reported_on: day(2025, 3, 1),
        ..early.clone()
    };
    let e = ani.insert_jobseeker_report(&twice).unwrap_err();
    assert!(
        e.text(crate::i18n::Lang::En)
            .starts_with("a report dated 01-03-2025 is already recorded (report #"),
        "{e}"
    );
    let missing = JobseekerReport {
        jobseeker_id: 99,
        ..early
    };
    assert!(ani.insert_jobseeker_report(&missing).is_err());
    // placed on 2025-06-01: a report after it is refused, one dated before it is kept
    ani.place_jobseeker(JobseekerRef::Nik(NIK), 7, day(2025, 6, 1))
        .unwrap()
        .unwrap();
    let late = JobseekerReport {
        jobseeker_id: id,
        reported_on: day(2025, 9, 1),
        note: String::new(),
    };
    let e = ani.insert_jobseeker_report(&late).unwrap_err();
    assert!(
        e.text(crate::i18n::Lang::En)
            .contains("after the registration was closed"),
        "{e}"
    );
    let reports = ani.jobseeker_reports(id).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].report.reported_on, day(2025, 3, 1));
    let actions: Vec<String> = ani
        .jobseeker_history(id)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["create", "report.create", "report.create", "place"]
    );
}
