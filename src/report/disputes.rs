//! IKU3 and the disputes summary, from the dispute records.
//!
//! IKU3 follows the formula of the yearly report (tables 2.1 and 3.3): disputes recorded in
//! year n that the office has followed up (ditindaklanjuti) / disputes recorded (dicatatkan)
//! in year n × 100. A dispute is followed up once its mediation ended with a PB or an anjuran,
//! or it was withdrawn after it was recorded, counted on the day of the figure.
//!
//! The indicator's name says more ("diselesaikan tepat waktu melalui PB"), so the stricter
//! share is kept beside it: "PB tepat waktu" = disputes recorded in year n that ended in a PB
//! signed within the mediation deadline (30 working days from receipt of the complete file)
//! / disputes recorded in year n × 100.
//!
//! With nothing recorded there is no value: not 0 %, not 100 %, and not the 98 % the 2024
//! report printed for a year with no dispute.

use super::table::{total_row, Cell, Table};
use crate::domain::calendar::WorkingDays;
use crate::domain::date::Date;
use crate::domain::dispute::{Dispute, Outcome};
use crate::store::{Store, StoreError};
use rust_decimal::{Decimal, RoundingStrategy};

/// An indicator computed from records, its parts kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub code: &'static str,
    pub year: i32,
    pub numerator: i64,
    pub denominator: i64,
    /// Percent with two decimals; `None` when it has no honest value.
    pub value: Option<Decimal>,
    /// Why there is no value, in a sentence for the officer.
    pub reason_if_none: Option<String>,
}

/// IKU3 of a year: the realisation by the report's formula and, beside it, the stricter
/// "PB tepat waktu" share. Both over the same disputes recorded in the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iku3 {
    /// Followed up / recorded (code `IKU3`): the realisation.
    pub followed_up: Indicator,
    /// PB signed within the mediation deadline / recorded (code `IKU3_PB`).
    pub pb_on_time: Indicator,
    /// The day the disputes were counted on.
    pub counted_on: Date,
}

/// `numerator / denominator × 100`, two decimals, halves away from zero; `None` for 0 / 0.
pub fn percent(numerator: i64, denominator: i64) -> Option<Decimal> {
    if denominator == 0 {
        return None;
    }
    let v = Decimal::from(numerator) * Decimal::ONE_HUNDRED / Decimal::from(denominator);
    let mut v = v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2); // always two decimals: 25.00, not 25
    Some(v)
}

/// Whether the office had followed up a recorded dispute by the end of `day`: its mediation
/// ended with an anjuran (whatever came after it) or a PB, or the dispute was withdrawn after
/// it was recorded. An outcome after an anjuran (a court claim) is followed up by the anjuran.
pub fn followed_up_by(d: &Dispute, day: Date) -> bool {
    let Some(received) = d.received_on() else {
        return false;
    };
    if d.anjuran_on.is_some_and(|a| a <= day) {
        return true;
    }
    let ended = d.outcome_on.filter(|on| *on <= day);
    match (d.outcome, ended) {
        (Some(Outcome::Pb | Outcome::Anjuran | Outcome::Court), Some(_)) => true,
        (Some(Outcome::Withdrawn), Some(on)) => on >= received,
        _ => false,
    }
}

/// IKU3 for `year`, counted today. Archived disputes do not count.
pub fn iku3(store: &Store, year: i32, calendar: &WorkingDays) -> Result<Iku3, StoreError> {
    iku3_on(store, year, Ok(calendar), crate::clock::today())
}

/// IKU3 for `year` as counted on `day` (the day of the figure, or the day a year is closed).
/// Without a working-day calendar (`Err` says why) the realisation still has its value and
/// "PB tepat waktu" has none.
pub fn iku3_on(
    store: &Store,
    year: i32,
    calendar: Result<&WorkingDays, String>,
    day: Date,
) -> Result<Iku3, StoreError> {
    let recorded = store.disputes_recorded_in(year)?;
    let followed = recorded
        .iter()
        .filter(|r| followed_up_by(&r.value, day))
        .count() as i64;
    let mut on_time = 0;
    let mut unjudged = None;
    match calendar {
        Err(why) => unjudged = Some(why),
        Ok(calendar) => {
            for rec in &recorded {
                // A PB dated after the day of the figure is not counted yet.
                if rec.value.outcome_on.is_some_and(|on| on > day) {
                    continue;
                }
                match rec.value.pb_on_time(calendar) {
                    Ok(Some(true)) => on_time += 1,
                    Ok(_) => {}
                    Err(e) => {
                        unjudged
                            .get_or_insert(format!("dispute #{} cannot be judged: {e}", rec.id));
                    }
                }
            }
        }
    }
    let denominator = recorded.len() as i64;
    let none_recorded = || Some(format!("no dispute was recorded in {year}"));
    let followed_up = Indicator {
        code: "IKU3",
        year,
        numerator: followed,
        denominator,
        value: percent(followed, denominator),
        reason_if_none: if denominator == 0 {
            none_recorded()
        } else {
            None
        },
    };
    let (value, reason_if_none) = match (denominator, unjudged) {
        (0, _) => (None, none_recorded()),
        (_, Some(reason)) => (None, Some(reason)),
        (d, None) => (percent(on_time, d), None),
    };
    Ok(Iku3 {
        followed_up,
        pb_on_time: Indicator {
            code: "IKU3_PB",
            year,
            numerator: on_time,
            denominator,
            value,
            reason_if_none,
        },
        counted_on: day,
    })
}

/// `export disputes`: disputes recorded in `year` by type × outcome × on time, then a TOTAL
/// row. Counts only, no names. An open dispute's outcome is `open`; `on_time` is empty where
/// it does not apply (open, withdrawn). "PB tepat waktu" is the rows `pb,ya` over TOTAL.
pub fn summary_table(
    store: &Store,
    year: i32,
    calendar: &WorkingDays,
) -> Result<Table, StoreError> {
    let rows = store.dispute_summary(year, calendar)?;
    let total: i64 = rows.iter().map(|r| r.count).sum();
    let mut table = Table::new(&["type", "outcome", "on_time", "count"], Vec::new());
    for r in rows {
        table.rows.push(vec![
            Cell::Text(r.kind.as_str().into()),
            Cell::Text(r.outcome.map_or("open", |o| o.as_str()).into()),
            match r.on_time {
                Some(true) => Cell::Text("ya".into()),
                Some(false) => Cell::Text("tidak".into()),
                None => Cell::Empty,
            },
            Cell::Int(r.count),
        ]);
    }
    table.rows.push(total_row(2, [Cell::Int(total)]));
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dispute::Stage;

    fn on(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn followed_up_means_mediation_ended_or_withdrawn_after_recording() {
        let recorded = Dispute {
            recorded_on: Some(on(2024, 3, 4)),
            stage: Stage::Mediasi,
            ..Dispute::default()
        };
        let day = on(2024, 12, 31);
        assert!(!followed_up_by(&recorded, day), "still in mediation");
        // an anjuran ends the mediation, whatever the parties answer after it
        let anjuran = Dispute {
            anjuran_on: Some(on(2024, 4, 1)),
            stage: Stage::Anjuran,
            ..recorded.clone()
        };
        assert!(followed_up_by(&anjuran, day));
        assert!(!followed_up_by(&anjuran, on(2024, 3, 29)), "not yet then");
        let court = Dispute {
            outcome: Some(Outcome::Court),
            outcome_on: Some(on(2024, 5, 2)),
            stage: Stage::Selesai,
            ..anjuran.clone()
        };
        assert!(followed_up_by(&court, day));
        let pb = Dispute {
            outcome: Some(Outcome::Pb),
            outcome_on: Some(on(2024, 3, 20)),
            stage: Stage::Selesai,
            ..recorded.clone()
        };
        assert!(followed_up_by(&pb, day));
        assert!(!followed_up_by(&pb, on(2024, 3, 19)));
        let withdrawn = Dispute {
            outcome: Some(Outcome::Withdrawn),
            outcome_on: Some(on(2024, 3, 6)),
            stage: Stage::Selesai,
            ..recorded.clone()
        };
        assert!(followed_up_by(&withdrawn, day));
        // withdrawn before it was recorded, or a returned file never completed: not recorded
        let early = Dispute {
            outcome_on: Some(on(2024, 3, 1)),
            ..withdrawn.clone()
        };
        assert!(!followed_up_by(&early, day));
        let returned = Dispute {
            returned_on: Some(on(2024, 3, 4)),
            ..withdrawn
        };
        assert!(!followed_up_by(&returned, day));
    }

    #[test]
    fn percentages_round_half_away_from_zero() {
        assert_eq!(percent(2, 3), Some(Decimal::new(6667, 2)));
        assert_eq!(percent(1, 8), Some(Decimal::new(1250, 2)));
        assert_eq!(percent(1, 3), Some(Decimal::new(3333, 2)));
        assert_eq!(percent(0, 5), Some(Decimal::ZERO));
        assert_eq!(percent(0, 0), None);
        // 284 / 344 (IKU1 2024) = 82.558… → 82.56
        assert_eq!(percent(284, 344), Some(Decimal::new(8256, 2)));
        // a half: 1 / 16 = 6.25 exactly; 1 / 32 = 3.125 → 3.13 (banker's would give 3.12)
        assert_eq!(percent(1, 32), Some(Decimal::new(313, 2)));
        assert_eq!(percent(1, 4).unwrap().to_string(), "25.00");
        assert_eq!(percent(3, 3).unwrap().to_string(), "100.00");
    }
}
