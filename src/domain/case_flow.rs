//! The case workflow as officers live it (issue 16): what a status move asks (the planned
//! return date for pemulangan, the arrival date and place for tiba, the hand-over date for
//! ditutup where not yet given), reopening a closed case with a reason, and what is due.
//!
//! Problems are [`FieldError`]s whose reasons are catalog sentences (`case_flow.*` in
//! `data/i18n/core.toml`), given here in English like every other field reason.

use super::case::{CaseStatus, FieldDef, FieldKind, FieldValues, PmiCase};
use super::check::{self, field, text};
use super::date::{parse_date, parse_past_date, Date};
use super::FieldError;
use crate::i18n::Lang;

/// A field reason from the catalog.
fn reason(key: &str) -> crate::i18n::Msg {
    match crate::i18n::static_key(key) {
        Some(k) => crate::i18n::Msg::new(k, Vec::new()),
        None => Lang::En.t(key).into(),
    }
}

/// Pemulangan: when the PMI is planned to come home.
pub const PLANNED_FIELDS: &[FieldDef] = &[field("planned_return", FieldKind::Date, true)];
/// Tiba: when and where the PMI arrived.
pub const ARRIVAL_FIELDS: &[FieldDef] = &[
    field("arrival_date", FieldKind::Date, true),
    field("arrival_place", FieldKind::Text, true),
];
/// Ditutup after an arrival: when the PMI (or the body) was handed over to the family.
pub const HANDOVER_FIELDS: &[FieldDef] = &[field("handover_date", FieldKind::Date, true)];
/// Ditutup without an arrival (a case settled abroad): a hand-over date only if there was one.
pub const CLOSE_FIELDS: &[FieldDef] = &[field("handover_date", FieldKind::Date, false)];
/// Reopening a closed case: why.
pub const REOPEN_FIELDS: &[FieldDef] = &[field("reason", FieldKind::Text, true)];

/// What moving `case` to `to` asks the officer first (empty: nothing).
pub fn move_asks(case: &PmiCase, to: CaseStatus) -> &'static [FieldDef] {
    match to {
        CaseStatus::Pemulangan => PLANNED_FIELDS,
        CaseStatus::Tiba => ARRIVAL_FIELDS,
        CaseStatus::Ditutup if case.handover_date.is_some() => &[],
        CaseStatus::Ditutup if case.arrival_date.is_some() => HANDOVER_FIELDS,
        CaseStatus::Ditutup => CLOSE_FIELDS,
        _ => &[],
    }
}

/// What a status move brings besides the new status: the values it asked for, and a reason
/// (recorded in the history, not on the case).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseMove {
    pub planned_return: Option<Date>,
    pub arrival_date: Option<Date>,
    pub arrival_place: String,
    pub handover_date: Option<Date>,
    pub reason: String,
}

impl CaseMove {
    /// The values a move's small form (or the command line) gave, checked one by one: an
    /// arrival and a hand-over are days that have happened; a planned return may be ahead.
    pub fn from_values(values: &FieldValues, today: Date) -> (CaseMove, Vec<FieldError>) {
        let mut e = Vec::new();
        let get = |k: &str| text(values, k);
        let mv = CaseMove {
            planned_return: check::optional(
                &mut e,
                "planned_return",
                &get("planned_return"),
                parse_date,
            ),
            arrival_date: check::optional(&mut e, "arrival_date", &get("arrival_date"), |d| {
                parse_past_date(d, today)
            }),
            arrival_place: get("arrival_place"),
            handover_date: check::optional(&mut e, "handover_date", &get("handover_date"), |d| {
                parse_past_date(d, today)
            }),
            reason: get("reason"),
        };
        (mv, e)
    }
}

impl PmiCase {
    /// The case moved on to `to` with what the move asked for, or every problem: a move the
    /// workflow does not allow, a value the move needs and lacks, a hand-over before the
    /// arrival.
    pub fn moved(&self, to: CaseStatus, mv: &CaseMove) -> Result<PmiCase, Vec<FieldError>> {
        let from = self.status.unwrap_or(CaseStatus::Baru);
        if !from.next().contains(&to) {
            return Err(vec![FieldError::new(
                "status",
                crate::msg!("s.case.move", from, to),
            )]);
        }
        let mut errors = Vec::new();
        for f in move_asks(self, to).iter().filter(|f| f.required) {
            let missing = match f.key {
                "planned_return" => mv.planned_return.is_none(),
                "arrival_date" => mv.arrival_date.is_none(),
                "arrival_place" => mv.arrival_place.trim().is_empty(),
                "handover_date" => mv.handover_date.is_none(),
                _ => false,
            };
            if missing {
                let key = format!("case_flow.needs.{}", f.key);
                errors.push(FieldError::new(f.key, reason(&key)));
            }
        }
        let mut c = self.clone();
        c.status = Some(to);
        match to {
            CaseStatus::Pemulangan => c.planned_return = mv.planned_return.or(c.planned_return),
            CaseStatus::Tiba => {
                c.arrival_date = mv.arrival_date.or(c.arrival_date);
                if !mv.arrival_place.trim().is_empty() {
                    c.arrival_place = mv.arrival_place.trim().to_string();
                }
            }
            CaseStatus::Ditutup => c.handover_date = c.handover_date.or(mv.handover_date),
            _ => {}
        }
        if let (Some(a), Some(h)) = (c.arrival_date, c.handover_date) {
            if h < a && errors.is_empty() {
                errors.push(FieldError::new(
                    "handover_date",
                    reason("case_flow.handover_before_arrival"),
                ));
            }
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }

    /// Where a closed case goes back to when reopened: tiba if the PMI came home, else
    /// koordinasi (the only statuses a case is closed from).
    pub fn reopen_status(&self) -> CaseStatus {
        if self.arrival_date.is_some() {
            CaseStatus::Tiba
        } else {
            CaseStatus::Koordinasi
        }
    }

    /// The closed case reopened (the reason goes into the history), or why it cannot be.
    pub fn reopened(&self, why: &str) -> Result<PmiCase, FieldError> {
        if self.status != Some(CaseStatus::Ditutup) {
            return Err(FieldError::new("status", reason("case_flow.not_closed")));
        }
        if why.trim().is_empty() {
            return Err(FieldError::new("reason", reason("case_flow.needs.reason")));
        }
        let mut c = self.clone();
        c.status = Some(self.reopen_status());
        Ok(c)
    }
}

/// How many days past `due` is `today` (0: due today; negative: not yet due).
pub fn days_overdue(due: Date, today: Date) -> i64 {
    (today - due).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::map;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn at(status: CaseStatus) -> PmiCase {
        PmiCase {
            status: Some(status),
            ..PmiCase::default()
        }
    }

    #[test]
    fn each_move_asks_what_officers_need() {
        let keys = |c: &PmiCase, to| {
            move_asks(c, to)
                .iter()
                .map(|f| (f.key, f.required))
                .collect::<Vec<_>>()
        };
        let case = at(CaseStatus::Koordinasi);
        assert_eq!(
            keys(&case, CaseStatus::Pemulangan),
            [("planned_return", true)]
        );
        assert_eq!(
            keys(&case, CaseStatus::Tiba),
            [("arrival_date", true), ("arrival_place", true)]
        );
        assert_eq!(keys(&case, CaseStatus::Ditutup), [("handover_date", false)]);
        let mut arrived = at(CaseStatus::Tiba);
        arrived.arrival_date = Some(d("2026-11-02"));
        assert_eq!(
            keys(&arrived, CaseStatus::Ditutup),
            [("handover_date", true)]
        );
        arrived.handover_date = Some(d("2026-11-03"));
        assert!(keys(&arrived, CaseStatus::Ditutup).is_empty(), "given");
        assert!(keys(&case, CaseStatus::Koordinasi).is_empty());
    }

    #[test]
    fn a_move_without_what_it_asks_names_each_field() {
        let today = d("2026-11-28");
        let errors = at(CaseStatus::Pemulangan)
            .moved(CaseStatus::Tiba, &CaseMove::default())
            .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["arrival_date", "arrival_place"]);
        let (mv, e) = CaseMove::from_values(
            &map(&[
                ("arrival_date", "27-11-2026"),
                ("arrival_place", " Juanda "),
            ]),
            today,
        );
        assert!(e.is_empty(), "{e:?}");
        let c = at(CaseStatus::Pemulangan)
            .moved(CaseStatus::Tiba, &mv)
            .unwrap();
        assert_eq!(c.arrival_date, Some(d("2026-11-27")));
        assert_eq!(c.arrival_place, "Juanda");
        // A hand-over before the arrival is refused; the workflow's order is kept.
        let (mv, _) = CaseMove::from_values(&map(&[("handover_date", "2026-11-26")]), today);
        let errors = c.moved(CaseStatus::Ditutup, &mv).unwrap_err();
        assert_eq!(errors[0].field, "handover_date");
        let errors = c.moved(CaseStatus::Baru, &mv).unwrap_err();
        assert_eq!(errors[0].field, "status");
        // An arrival tomorrow has not happened.
        let (_, e) = CaseMove::from_values(&map(&[("arrival_date", "2026-11-29")]), today);
        assert_eq!(e[0].field, "arrival_date");
    }

    #[test]
    fn a_closed_case_reopens_where_it_was_closed_from() {
        let mut c = at(CaseStatus::Ditutup);
        assert_eq!(c.reopened("  ").unwrap_err().field, "reason");
        assert_eq!(
            c.reopened("keluarga lapor lagi").unwrap().status,
            Some(CaseStatus::Koordinasi)
        );
        c.arrival_date = Some(d("2026-11-02"));
        assert_eq!(
            c.reopened("klaim BPJS").unwrap().status,
            Some(CaseStatus::Tiba)
        );
        assert_eq!(
            at(CaseStatus::Tiba).reopened("x").unwrap_err().field,
            "status"
        );
        assert_eq!(days_overdue(d("2026-11-27"), d("2026-11-28")), 1);
        assert_eq!(days_overdue(d("2026-11-28"), d("2026-11-28")), 0);
    }
}
