//! Pane 4's totals read the trainings' tally (migration 12), kept by triggers: after
//! employment marked, participants archived and deleted, its figures are still those counted
//! from the participants' rows (the kecamatan counts read the rows themselves).

use disnaker::domain::demo::reference_day;
use disnaker::domain::kecamatan::Kecamatan;
use disnaker::domain::training::{Employment, Trainee, VerifiedHow};
use disnaker::store::{Store, TrainingCounts};

/// The year's counts added up over every kecamatan, from the participants' rows.
fn from_rows(s: &Store, year: i32) -> TrainingCounts {
    Kecamatan::all()
        .iter()
        .map(|k| s.trainee_counts_for_kecamatan(k.name(), year).unwrap())
        .fold(TrainingCounts::default(), TrainingCounts::plus)
}

#[test]
fn the_tally_counts_what_the_rows_hold_after_every_kind_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let day = reference_day();
    disnaker::store::demo::fill(&mut s, 3000, day, |_| {}).unwrap();
    let years: Vec<i32> = s
        .training_totals_by_year()
        .unwrap()
        .iter()
        .map(|y| y.year)
        .collect();
    assert!(!years.is_empty());
    let check = |s: &Store, when: &str| {
        for &y in &years {
            assert_eq!(
                s.training_year_counts(y).unwrap(),
                from_rows(s, y),
                "{when} {y}"
            );
        }
        let by_year: i64 = s
            .training_totals_by_year()
            .unwrap()
            .iter()
            .map(|y| y.counts.participants)
            .sum();
        let rows: i64 = years.iter().map(|&y| from_rows(s, y).participants).sum();
        assert_eq!(by_year, rows, "{when}");
    };
    check(&s, "after the demo");

    // Employment marked for some graduates waiting for it: they leave the follow-up count.
    let waiting = s.count_follow_up(day, 6).unwrap();
    let rows = s.follow_up_list(day, 6, 0, 40).unwrap();
    assert!(rows.len() >= 10, "{}", rows.len());
    for (i, r) in rows.iter().take(10).enumerate() {
        let e = [
            Employment::Bekerja,
            Employment::Wirausaha,
            Employment::TidakBekerja,
        ][i % 3];
        let (employer, on) = if e.is_employed() {
            ("PT Contoh", Some(day))
        } else {
            ("", None)
        };
        s.mark_employment(
            r.trainee_id,
            r.version,
            e,
            employer,
            on,
            VerifiedHow::Telepon,
        )
        .unwrap();
    }
    assert_eq!(s.count_follow_up(day, 6).unwrap(), waiting - 10);
    check(&s, "after employment marked");

    // Archived: out of every count.
    for r in rows.iter().skip(10).take(5) {
        let v = s.follow_up_list(day, 6, 0, 100).unwrap();
        let now = v.iter().find(|x| x.trainee_id == r.trainee_id).unwrap();
        s.archive::<Trainee>(now.trainee_id, now.version).unwrap();
    }
    assert_eq!(s.count_follow_up(day, 6).unwrap(), waiting - 15);
    check(&s, "after archiving");
}

/// Pane 4 reads its totals from one read of the year's trainings in the tally per type
/// (`report::trainings::year_summary`) and its per-year series from one read of every year's
/// (`year_series`): every figure is the one the separate reads give, archived trainings left
/// out of both.
#[test]
fn the_panes_year_summary_is_what_the_separate_reads_say() {
    use disnaker::domain::training::{Training, TrainingType};
    use disnaker::report::trainings::{
        entrepreneurship_counts, iku1_against_target, iku1_types, year_series, year_summary,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), "ani").unwrap();
    let day = reference_day();
    disnaker::store::demo::fill(&mut s, 3000, day, |_| {}).unwrap();
    // One training archived: out of every total.
    let first = s.list_trainings(&Default::default(), 0, 1).unwrap()[0].clone();
    s.archive::<Training>(first.id, first.version).unwrap();
    let years: Vec<i32> = s
        .training_totals_by_year()
        .unwrap()
        .iter()
        .map(|y| y.year)
        .collect();
    assert!(years.len() >= 2, "{years:?}");
    for year in years.iter().copied().chain([years[0] + 1]) {
        let sum = year_summary(&s, year).unwrap();
        assert_eq!(sum.counts, s.training_year_counts(year).unwrap(), "{year}");
        assert_eq!(sum.iku1, iku1_against_target(&s, year).unwrap(), "{year}");
        assert_eq!(
            sum.entrepreneurship,
            entrepreneurship_counts(&s, year).unwrap(),
            "{year}"
        );
        assert_eq!(
            sum.other,
            s.training_year_counts_of(year, &[TrainingType::Lainnya])
                .unwrap(),
            "{year}"
        );
        let trainings = s
            .training_totals_by_year()
            .unwrap()
            .iter()
            .find(|y| y.year == year)
            .map_or(0, |y| y.trainings);
        assert_eq!(sum.trainings, trainings, "{year}");
    }
    assert!(year_summary(&s, years[0]).unwrap().counts.participants > 0);
    let (all, iku1) = year_series(&s).unwrap();
    assert_eq!(all, s.training_totals_by_year().unwrap());
    assert_eq!(
        iku1,
        s.training_totals_by_year_of(iku1_types().unwrap()).unwrap()
    );
}
