use super::*;
use crate::domain::case::Fields;
use crate::domain::testing::{assert_refused, calendar as cal, day as d, map as fields, today};

/// A bipartite under way since Mon 3 Feb 2025, its minutes in hand.
fn bipartite() -> Dispute {
    let (x, checked) = Dispute::from_fields(
        &fields(&[
            ("company", "PT Kertas Blitar"),
            ("workers", "SPSI PT Kertas Blitar"),
            ("worker_count", "12"),
            ("type", "phk"),
            ("bipartite_start", "2025-02-03"),
            ("minutes_present", "ya"),
        ]),
        today(),
    );
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    x.unwrap()
}

fn moved(x: &Dispute, mv: &str, on: Date) -> Dispute {
    x.apply_move(StageMove::parse(mv).unwrap(), on, today())
        .unwrap_or_else(|e| panic!("{mv}: {}", e.en()))
}

/// The deadline of kind `what` among `dl`.
fn of_kind(dl: &[Deadline], what: DeadlineKind) -> &Deadline {
    dl.iter().find(|l| l.what == what).unwrap()
}

fn labels(moves: &[StageMove]) -> Vec<String> {
    moves.iter().map(StageMove::as_str).collect()
}

#[test]
fn an_import_row_reads_its_stage_from_its_dates() {
    let row = fields(&[
        ("company", "PT Gula Manis"),
        ("workers", "Sutrisno"),
        ("type", "Hak"),
        ("bipartite_start", "02/09/2024"),
        ("bipartite_end", "2024-09-20"),
        ("recorded_on", "2024-09-23"),
        ("outcome", "PB"),
        ("outcome_on", "2024-10-15"),
    ]);
    let (x, checked) = Dispute::from_fields(&row, today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let x = x.unwrap();
    assert_eq!(x.stage, Stage::Selesai);
    assert_eq!(x.kind, Some(DisputeType::Hak));
    assert_eq!(x.file_complete, Some(true));
    assert_eq!(x.received_on(), Some(d(2024, 9, 23)));
    assert_eq!(x.to_fields()["bipartite_start"], "2024-09-02");
    let mut open = row.clone();
    open.remove("outcome");
    open.remove("outcome_on");
    assert_eq!(
        Dispute::from_fields(&open, today()).0.unwrap().stage,
        Stage::Tercatat
    );
}

#[test]
fn fields_round_trip() {
    let x = moved(
        &moved(&bipartite(), "tercatat", d(2025, 3, 24)),
        "selesai:withdrawn",
        d(2025, 4, 8),
    );
    let (back, checked) = Dispute::from_fields(&x.to_fields(), today());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    assert_eq!(back.unwrap(), x);
}

#[test]
fn every_problem_is_reported() {
    let row = fields(&[
        ("type", "mogok"),
        ("bipartite_start", "2024-05-10"),
        ("bipartite_end", "2024-05-01"),
        ("recorded_on", "2027-01-05"),
        ("worker_count", "-3"),
        ("outcome", "menang"),
    ]);
    assert_refused(
        Dispute::from_fields(&row, today()),
        &[
            "company",
            "workers",
            "type",
            "recorded_on",
            "worker_count",
            "outcome",
        ],
    );
}

#[test]
fn dates_must_follow_the_process() {
    let base = [
        ("company", "PT A"),
        ("workers", "B"),
        ("type", "kepentingan"),
    ];
    let check = |extra: &[(&str, &str)]| {
        let mut v = fields(&base);
        v.extend(fields(extra));
        let (_, c) = Dispute::from_fields(&v, today());
        c.errors.iter().map(|e| e.field).collect::<Vec<_>>()
    };
    assert_eq!(
        check(&[
            ("bipartite_start", "2024-05-10"),
            ("bipartite_end", "2024-05-01")
        ]),
        ["bipartite_end"]
    );
    assert_eq!(
        check(&[
            ("recorded_on", "2024-05-10"),
            ("outcome", "pb"),
            ("outcome_on", "2024-05-09")
        ]),
        ["outcome_on"]
    );
    assert_eq!(
        check(&[("recorded_on", "2024-05-10"), ("outcome", "pb")]),
        ["outcome_on"]
    );
    assert_eq!(
        check(&[("recorded_on", "2024-05-10"), ("outcome_on", "2024-06-01")]),
        ["outcome"]
    );
    assert_eq!(
        check(&[("outcome_on", "2026-12-01"), ("outcome", "pb")]),
        ["outcome_on"]
    );
    // an answer needs its anjuran and its date; silence has no date
    assert!(check(&[
        ("recorded_on", "2024-05-10"),
        ("mediator", "M"),
        ("anjuran_on", "2024-06-03"),
        ("workers_answer", "accepted"),
        ("employer_answer", "silent"),
        ("employer_answered_on", "2024-06-05"),
    ])
    .ends_with(&["workers_answered_on", "employer_answered_on"]));
    // a stage its fields do not support
    assert_eq!(
        check(&[("stage", "mediasi"), ("recorded_on", "2024-05-10")]),
        ["mediator"]
    );
    assert_eq!(check(&[("stage", "selesai")]), ["outcome"]);
}

#[test]
fn bipartite_offers_recording_only_with_the_minutes() {
    let with = bipartite();
    assert_eq!(
        labels(&with.next_stages()),
        ["tercatat", "selesai:pb", "selesai:withdrawn"]
    );
    let mut without = bipartite();
    without.minutes_present = Some(false);
    assert_eq!(
        labels(&without.next_stages()),
        ["berkas_dikembalikan", "selesai:pb", "selesai:withdrawn"]
    );
    let err = without
        .apply_move(StageMove::to(Stage::Tercatat), d(2025, 3, 24), today())
        .unwrap_err()
        .en();
    assert!(err.contains("risalah"), "{err}");
    let blocked: Vec<_> = without
        .possible_moves()
        .into_iter()
        .filter(|(_, r)| r.is_err())
        .map(|(m, _)| m.as_str())
        .collect();
    assert_eq!(blocked, ["tercatat"]);
}

#[test]
fn a_returned_file_comes_back_when_completed() {
    let mut x = bipartite();
    x.minutes_present = None;
    let x = moved(&x, "berkas_dikembalikan", d(2025, 3, 20));
    assert_eq!(x.stage, Stage::BerkasDikembalikan);
    assert_eq!(
        (x.recorded_on, x.returned_on),
        (Some(d(2025, 3, 20)), Some(d(2025, 3, 20)))
    );
    assert_eq!(x.file_complete, Some(false));
    assert_eq!(x.received_on(), None, "not recorded until completed");
    assert_eq!(labels(&x.next_stages()), ["selesai:withdrawn"]);
    let dl = deadlines(&x, &cal(), d(2025, 4, 7));
    let file = of_kind(&dl, DeadlineKind::FileCompletion);
    // 7 working days from Thu 20 Mar 2025 across Nyepi and Lebaran
    assert_eq!(file.due, Ok(d(2025, 4, 9)));
    assert_eq!(file.state, DeadlineState::Near);

    let mut x = x;
    x.minutes_present = Some(true);
    assert_eq!(labels(&x.next_stages()), ["tercatat", "selesai:withdrawn"]);
    assert_eq!(
        x.move_date_field(StageMove::to(Stage::Tercatat)),
        "completed_on"
    );
    let x = moved(&x, "tercatat", d(2025, 3, 24));
    assert_eq!(x.received_on(), Some(d(2025, 3, 24)));
    assert_eq!(x.file_complete, Some(true));
    let dl = deadlines(&x, &cal(), d(2025, 3, 25));
    let file = of_kind(&dl, DeadlineKind::FileCompletion);
    assert_eq!(file.state, DeadlineState::Met);
    let mediation = of_kind(&dl, DeadlineKind::Mediation);
    assert_eq!(
        mediation.from,
        d(2025, 3, 24),
        "the clock runs from completion"
    );
}

#[test]
fn every_stage_offers_exactly_its_moves() {
    let recorded = moved(&bipartite(), "tercatat", d(2025, 3, 24));
    assert_eq!(
        labels(&recorded.next_stages()),
        ["selesai:withdrawn"],
        "no mediator yet"
    );
    let mut recorded = recorded;
    recorded.mediator = "Budi Santoso".into();
    assert_eq!(
        labels(&recorded.next_stages()),
        ["mediasi", "selesai:withdrawn"]
    );
    let mediation = moved(&recorded, "mediasi", d(2025, 4, 8));
    assert_eq!(
        labels(&mediation.next_stages()),
        ["selesai:pb", "anjuran", "selesai:withdrawn"]
    );
    let anjuran = moved(&mediation, "anjuran", d(2025, 5, 2));
    assert!(
        anjuran.next_stages().is_empty(),
        "nothing until the parties answer"
    );
    let mut both_accept = anjuran.clone();
    both_accept.workers_answer = Some(AnjuranAnswer::Accepted);
    both_accept.workers_answered_on = Some(d(2025, 5, 9));
    both_accept.employer_answer = Some(AnjuranAnswer::Accepted);
    both_accept.employer_answered_on = Some(d(2025, 5, 16));
    assert_eq!(
        labels(&both_accept.next_stages()),
        ["selesai:pb", "selesai:anjuran"]
    );
    let mut one_silent = both_accept.clone();
    one_silent.employer_answer = Some(AnjuranAnswer::Silent);
    one_silent.employer_answered_on = None;
    assert_eq!(
        labels(&one_silent.next_stages()),
        ["selesai:court", "selesai:anjuran"]
    );
    let done = moved(&both_accept, "selesai:pb", d(2025, 5, 21));
    assert!(done.next_stages().is_empty());
    assert!(done.stage.moves().is_empty());
    assert_eq!(
        (done.outcome, done.outcome_on),
        (Some(Outcome::Pb), Some(d(2025, 5, 21)))
    );
}

#[test]
fn moves_the_process_forbids_are_refused() {
    let x = bipartite();
    for bad in ["mediasi", "anjuran", "selesai:court", "selesai:anjuran"] {
        let err = x
            .apply_move(StageMove::parse(bad).unwrap(), d(2025, 3, 24), today())
            .unwrap_err()
            .en();
        assert!(err.contains("cannot move from bipartit"), "{bad}: {err}");
    }
    assert!(StageMove::parse("selesai").is_err());
    assert!(StageMove::parse("tercatat:pb").is_err());
    let err = x
        .apply_move(StageMove::to(Stage::Tercatat), d(2026, 12, 1), today())
        .unwrap_err()
        .en();
    assert!(err.contains("future"), "{err}");
    // a move dated before what the record already holds
    let err = x
        .apply_move(StageMove::to(Stage::Tercatat), d(2025, 1, 31), today())
        .unwrap_err()
        .en();
    assert!(
        err.starts_with("Recorded on: cannot be before the bipartite start (03-02-2025)"),
        "{err}"
    );
    let closed = moved(&x, "selesai:withdrawn", d(2025, 2, 10));
    for s in Stage::ALL {
        for m in s.moves() {
            assert!(closed.apply_move(m, d(2025, 3, 1), today()).is_err());
        }
    }
}

#[test]
fn deadlines_follow_the_stages() {
    let c = cal();
    let x = bipartite();
    let dl = deadlines(&x, &c, d(2025, 3, 10));
    assert_eq!(dl.len(), 1);
    assert_eq!(dl[0].what, DeadlineKind::Bipartite);
    assert_eq!(dl[0].due, Ok(d(2025, 3, 17)));
    assert_eq!(dl[0].state, DeadlineState::Open);
    assert_eq!(dl[0].working_days_left, Some(5));
    assert_eq!(
        deadlines(&x, &c, d(2025, 3, 12))[0].state,
        DeadlineState::Near
    );
    let late = &deadlines(&x, &c, d(2025, 3, 19))[0];
    assert_eq!(
        (late.state, late.working_days_left),
        (DeadlineState::Overdue, Some(-2))
    );

    // recorded Mon 24 Mar 2025, just before Nyepi and Lebaran
    let mut x = moved(&x, "tercatat", d(2025, 3, 24));
    let dl = deadlines(&x, &c, d(2025, 3, 25));
    let what: Vec<_> = dl.iter().map(|l| l.what).collect();
    assert_eq!(
        what,
        [
            DeadlineKind::Bipartite,
            DeadlineKind::MediatorHandover,
            DeadlineKind::Mediation
        ]
    );
    assert_eq!(
        dl[0].state,
        DeadlineState::Missed,
        "bipartite ran past 17 Mar"
    );
    assert_eq!(dl[1].due, Ok(d(2025, 4, 11)));
    assert_eq!(dl[2].due, Ok(d(2025, 5, 20)));
    assert_eq!(
        most_urgent(&dl).map(|l| l.what),
        Some(DeadlineKind::MediatorHandover)
    );

    x.mediator = "Budi Santoso".into();
    let x = moved(&x, "mediasi", d(2025, 4, 8));
    let dl = deadlines(&x, &c, d(2025, 5, 14));
    assert_eq!(dl[1].state, DeadlineState::Met);
    // from here the mediation counts from the mediator's receipt (8 Apr), not the recording
    // (Waisak 12 May and its collective leave 13 May are not working days)
    assert_eq!(
        (dl[2].from, dl[2].due.clone()),
        (d(2025, 4, 8), Ok(d(2025, 5, 26)))
    );
    assert_eq!(
        (dl[2].state, dl[2].working_days_left),
        (DeadlineState::Open, Some(8))
    );
    assert_eq!(
        deadlines(&x, &c, d(2025, 5, 21))[2].state,
        DeadlineState::Near
    );
    assert_eq!(
        deadlines(&x, &c, d(2025, 5, 26))[2].working_days_left,
        Some(0)
    );

    let x = moved(&x, "anjuran", d(2025, 5, 2));
    let dl = deadlines(&x, &c, d(2025, 5, 6));
    let answers = dl.last().unwrap();
    assert_eq!(answers.what, DeadlineKind::AnjuranAnswers);
    assert_eq!(answers.due, Ok(d(2025, 5, 20)));
    assert_eq!(
        dl[2].state,
        DeadlineState::Met,
        "mediation ended by the anjuran"
    );
}

#[test]
fn an_accepted_anjuran_gives_three_days_for_the_pb() {
    let c = cal();
    let mut x = moved(&bipartite(), "tercatat", d(2025, 3, 24));
    x.mediator = "Budi".into();
    let mut x = moved(
        &moved(&x, "mediasi", d(2025, 4, 8)),
        "anjuran",
        d(2025, 5, 2),
    );
    x.workers_answer = Some(AnjuranAnswer::Accepted);
    x.workers_answered_on = Some(d(2025, 5, 9));
    x.employer_answer = Some(AnjuranAnswer::Accepted);
    x.employer_answered_on = Some(d(2025, 5, 16));
    let dl = deadlines(&x, &c, d(2025, 5, 19));
    let pb = of_kind(&dl, DeadlineKind::PbDrafting);
    assert_eq!(
        (pb.from, pb.due.clone()),
        (d(2025, 5, 16), Ok(d(2025, 5, 21)))
    );
    assert_eq!(pb.state, DeadlineState::Near);
    let answers = of_kind(&dl, DeadlineKind::AnjuranAnswers);
    assert_eq!(answers.state, DeadlineState::Met);
    let x = moved(&x, "selesai:pb", d(2025, 5, 22));
    let dl = deadlines(&x, &c, d(2025, 6, 1));
    let pb = of_kind(&dl, DeadlineKind::PbDrafting);
    assert_eq!(pb.state, DeadlineState::Missed);
    assert_eq!(
        x.pb_on_time(&c),
        Ok(Some(true)),
        "a PB on 22 May is within 30 working days of the mediator's receipt (8 Apr)"
    );
    let mut late = x.clone();
    late.outcome_on = Some(d(2025, 5, 27));
    assert_eq!(
        late.pb_on_time(&c),
        Ok(Some(false)),
        "PB after 26 May misses mediation's 30 days"
    );
    assert!(most_urgent(&dl).is_none());
}

#[test]
fn on_time_is_counted_in_working_days_from_receipt() {
    let c = cal();
    let mut x = bipartite();
    x.stage = Stage::Selesai;
    x.recorded_on = Some(d(2024, 12, 20));
    x.outcome = Some(Outcome::Pb);
    x.outcome_on = Some(d(2025, 2, 10));
    assert_eq!(x.pb_on_time(&c), Ok(Some(true)));
    x.outcome_on = Some(d(2025, 2, 11));
    assert_eq!(x.pb_on_time(&c), Ok(Some(false)));
    x.outcome = Some(Outcome::Withdrawn);
    assert_eq!(x.pb_on_time(&c), Ok(None));
    assert_eq!(x.on_time(&c), Ok(None));
}

#[test]
fn a_deadline_beyond_the_calendar_says_so() {
    let c = cal();
    let mut x = bipartite();
    x.bipartite_start = Some(d(2026, 11, 20));
    let dl = deadlines(&x, &c, d(2026, 11, 25));
    let err = dl[0].due.clone().unwrap_err().to_string();
    assert!(
        err.starts_with("2027 is beyond the holiday calendar"),
        "{err}"
    );
    // still open with its working days counted so far
    assert_eq!(dl[0].state, DeadlineState::Open);
    assert_eq!(dl[0].working_days_left, Some(27));
}

#[test]
fn lighter_records_validate() {
    let (f, c) = PreventionFacilitation::from_fields(
        &fields(&[
            ("date", "12/03/2024"),
            ("company", "PT A"),
            ("topic", "PKB"),
        ]),
        today(),
    );
    assert!(c.errors.is_empty());
    assert_eq!(f.unwrap().to_fields()["date"], "2024-03-12");
    let (f, c) = PreventionFacilitation::from_fields(&fields(&[("date", "2027-01-01")]), today());
    assert!(f.is_none());
    assert_eq!(c.errors.len(), 3);
    let (x, c) = CompanyCompliance::from_fields(
        &fields(&[
            ("company", "PT A"),
            ("year", "2024"),
            ("pp_pkb", "PKB"),
            ("bpjs_member", "ya"),
        ]),
        today(),
    );
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    let x = x.unwrap();
    assert!(x.has_pp_pkb() && x.bpjs_member);
    let (x, c) = CompanyCompliance::from_fields(&fields(&[("year", "2031")]), today());
    assert!(x.is_none());
    assert_eq!(c.errors.len(), 4);
}

#[test]
fn every_move_outside_a_stage_is_refused_whatever_the_record_holds() {
    let mut all: Vec<StageMove> = Stage::ALL
        .iter()
        .filter(|s| **s != Stage::Selesai)
        .map(|s| StageMove::to(*s))
        .collect();
    all.extend(Outcome::ALL.iter().map(|o| StageMove::finish(*o)));
    let mut x = bipartite();
    x.mediator = "Budi".into();
    for stage in Stage::ALL {
        x.stage = *stage;
        for mv in &all {
            let allowed = stage.moves().contains(mv);
            let err = x.check_move(*mv).err().map(|m| m.en()).unwrap_or_default();
            assert_eq!(
                !err.contains("cannot move"),
                allowed,
                "{stage} → {mv}: {err}"
            );
            assert_eq!(StageMove::parse(&mv.as_str()), Ok(*mv));
        }
    }
    let offered: usize = Stage::ALL.iter().map(|s| s.moves().len()).sum();
    assert_eq!(offered, 4 + 2 + 2 + 3 + 3);
}

#[test]
fn mediation_counts_from_the_mediators_receipt() {
    // Law 2/2004 art. 15: the mediator finishes within 30 working days of receiving the
    // dispute, not of the office recording it.
    let c = cal();
    let mut x = bipartite();
    x.stage = Stage::Selesai;
    x.recorded_on = Some(d(2024, 12, 20));
    x.outcome = Some(Outcome::Pb);
    x.outcome_on = Some(d(2025, 2, 11));
    assert_eq!(
        x.pb_on_time(&c),
        Ok(Some(false)),
        "31 working days after recording"
    );
    x.mediator_assigned_on = Some(d(2024, 12, 23));
    assert_eq!(x.mediation_from(), Some(d(2024, 12, 23)));
    assert_eq!(
        x.pb_on_time(&c),
        Ok(Some(true)),
        "within 30 of the mediator's receipt"
    );
    let dl = deadlines(&x, &c, d(2025, 2, 12));
    let m = of_kind(&dl, DeadlineKind::Mediation);
    assert_eq!(m.from, d(2024, 12, 23));
    assert_eq!(m.state, DeadlineState::Met);
}
