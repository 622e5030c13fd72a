//! The casework around a PMI case: referrals to partner agencies with their answers, and the
//! documents a case's category needs before it can be closed (SPEC §1, Kasus PMI).
//!
//! The agencies are `data/agencies.csv` (name, working days an answer is due in); an agency
//! not on the list is typed by name and gets [`DEFAULT_ANSWER_DAYS`]. The documents per
//! category are `data/case_documents.toml`.

use super::calendar::WorkingDays;
use super::case::{CaseCategory, Checked, FieldDef, FieldKind, FieldValues, Fields, Verdict};
use super::check::{self, field, text as get};
use super::date::{iso, parse_past_date, Date};
use super::FieldError;
use crate::msg;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const AGENCIES_CSV: &str = include_str!("../../data/agencies.csv");
pub const CASE_DOCUMENTS_TOML: &str = include_str!("../../data/case_documents.toml");

/// Working days an agency not on the list has to answer.
pub const DEFAULT_ANSWER_DAYS: u32 = 7;

/// One partner agency of `data/agencies.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub name: String,
    pub answer_days: u32,
}

/// The agencies of `data/agencies.csv`, in its order.
pub fn agencies() -> &'static [Agency] {
    static LIST: OnceLock<Vec<Agency>> = OnceLock::new();
    LIST.get_or_init(|| {
        super::refdata::simple_rows(AGENCIES_CSV)
            .into_iter()
            .skip(1)
            .filter_map(|row| {
                let name = row.first()?.trim().to_string();
                let answer_days = row.get(1)?.trim().parse().ok()?;
                (!name.is_empty()).then_some(Agency { name, answer_days })
            })
            .collect()
    })
}

/// The listed agency `name` stands for (any case, spaces at the ends aside).
pub fn listed_agency(name: &str) -> Option<&'static Agency> {
    let name = name.trim();
    agencies()
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
}

/// The working days `agency` has to answer.
pub fn answer_days(agency: &str) -> u32 {
    listed_agency(agency).map_or(DEFAULT_ANSWER_DAYS, |a| a.answer_days)
}

/// One document a category needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSpec {
    pub document: String,
    /// Needed for closing (without it closing asks a reason).
    pub required: bool,
}

/// Every category's documents as `data/case_documents.toml` lists them, or what is wrong
/// with the file.
pub fn parse_documents(text: &str) -> Result<BTreeMap<CaseCategory, Vec<DocumentSpec>>, String> {
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("data/case_documents.toml: {e}"))?;
    let mut out = BTreeMap::new();
    for (category, list) in table {
        let cat = CaseCategory::parse(&category)
            .map_err(|e| format!("data/case_documents.toml: {}", e.en()))?;
        let bad =
            || format!("data/case_documents.toml: [[{category}]] needs document and required");
        let items = list.as_array().ok_or_else(bad)?;
        let mut docs = Vec::new();
        for item in items {
            let document = item
                .get("document")
                .and_then(|v| v.as_str())
                .ok_or_else(bad)?;
            let required = item
                .get("required")
                .and_then(|v| v.as_bool())
                .ok_or_else(bad)?;
            docs.push(DocumentSpec {
                document: document.to_string(),
                required,
            });
        }
        out.insert(cat, docs);
    }
    Ok(out)
}

/// The documents `category` needs, in the file's order (none for a category it omits).
pub fn documents_for(category: CaseCategory) -> &'static [DocumentSpec] {
    static BY_CATEGORY: OnceLock<BTreeMap<CaseCategory, Vec<DocumentSpec>>> = OnceLock::new();
    BY_CATEGORY
        .get_or_init(|| match parse_documents(CASE_DOCUMENTS_TOML) {
            Ok(m) => m,
            // The shipped file is checked by the tests; should it break, say where.
            Err(e) => panic!("{e}"),
        })
        .get(&category)
        .map_or(&[], Vec::as_slice)
}

/// Every document key of every category, each once (a form's choice).
pub fn every_document() -> &'static [&'static str] {
    static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static str> = Vec::new();
        for cat in CaseCategory::ALL {
            for d in documents_for(*cat) {
                if !all.contains(&d.document.as_str()) {
                    all.push(d.document.as_str());
                }
            }
        }
        all
    })
}

/// The required documents of `category` not among `received`, in the file's order.
pub fn missing_required<'a>(
    category: CaseCategory,
    received: impl IntoIterator<Item = &'a str> + Clone,
) -> Vec<&'static str> {
    documents_for(category)
        .iter()
        .filter(|d| d.required && !received.clone().into_iter().any(|r| r == d.document))
        .map(|d| d.document.as_str())
        .collect()
}

/// A referral of a case to a partner agency: what was asked, when, by when the answer is due
/// (`answer_days` working days after sending, on the holiday calendar) and the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub case_id: i64,
    pub agency: String,
    pub asked: String,
    pub sent_on: Date,
    pub answer_days: u32,
    /// The `answer_days`-th working day after `sent_on`.
    pub due_on: Date,
    pub answer: String,
    pub answered_on: Option<Date>,
}

/// Where a referral stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralState {
    /// No answer yet, the due day not passed.
    Waiting,
    /// No answer and the due day passed.
    Overdue,
    AnsweredOnTime,
    AnsweredLate,
}

impl ReferralState {
    /// The catalog key of the state's name.
    pub fn key(self) -> &'static str {
        match self {
            ReferralState::Waiting => "referral.waiting",
            ReferralState::Overdue => "referral.overdue",
            ReferralState::AnsweredOnTime => "referral.on_time",
            ReferralState::AnsweredLate => "referral.late",
        }
    }
}

impl Referral {
    pub fn state(&self, today: Date) -> ReferralState {
        match self.answered_on {
            Some(d) if d <= self.due_on => ReferralState::AnsweredOnTime,
            Some(_) => ReferralState::AnsweredLate,
            None if today > self.due_on => ReferralState::Overdue,
            None => ReferralState::Waiting,
        }
    }

    /// Check typed values: `case_id`, `agency` (listed or any name), `asked`, `sent_on`
    /// (not in the future), `answer_days` (empty: the agency's), `answer` and `answered_on`
    /// (both or neither; not before sending, not in the future). The due day is counted on
    /// `calendar`.
    pub fn from_fields(v: &FieldValues, today: Date, calendar: &WorkingDays) -> Verdict<Referral> {
        let mut e: Vec<FieldError> = Vec::new();
        let case_id = get(v, "case_id").parse::<i64>().ok();
        if case_id.is_none() {
            e.push(FieldError::new("case_id", msg!("v.referral.case_required")));
        }
        let typed = get(v, "agency");
        let agency = listed_agency(&typed).map_or(typed.clone(), |a| a.name.clone());
        check::bounded(
            &mut e,
            "agency",
            &agency,
            200,
            msg!("v.referral.agency_required"),
            msg!("v.too_long_200"),
        );
        let asked = get(v, "asked");
        check::bounded(
            &mut e,
            "asked",
            &asked,
            1000,
            msg!("v.referral.asked_required"),
            msg!("v.too_long_1000"),
        );
        let sent_on = check::required(
            &mut e,
            "sent_on",
            &get(v, "sent_on"),
            msg!("v.referral.sent_required"),
            |s| parse_past_date(s, today),
        );
        let days_text = get(v, "answer_days");
        let answer_days = if days_text.is_empty() {
            Some(answer_days(&agency))
        } else {
            match days_text.parse::<u32>() {
                Ok(n) if (1..=90).contains(&n) => Some(n),
                _ => {
                    e.push(FieldError::new(
                        "answer_days",
                        msg!("v.referral.answer_days"),
                    ));
                    None
                }
            }
        };
        let answer = get(v, "answer");
        if answer.chars().count() > 1000 {
            e.push(FieldError::new("answer", msg!("v.too_long_1000")));
        }
        let answered_on = check::optional(&mut e, "answered_on", &get(v, "answered_on"), |s| {
            parse_past_date(s, today)
        });
        match (answer.is_empty(), get(v, "answered_on").is_empty()) {
            (false, true) => e.push(FieldError::new(
                "answered_on",
                msg!("v.referral.answered_on_required"),
            )),
            (true, false) => e.push(FieldError::new(
                "answer",
                msg!("v.referral.answer_required"),
            )),
            _ => {}
        }
        if let (Some(s), Some(a)) = (sent_on, answered_on) {
            if a < s {
                e.push(FieldError::new(
                    "answered_on",
                    msg!("v.referral.answer_before_sent"),
                ));
            }
        }
        let due_on = match (sent_on, answer_days) {
            (Some(s), Some(n)) => match calendar.add_working_days(s, n) {
                Ok(d) => Some(d),
                Err(err) => {
                    e.push(FieldError::new("sent_on", err.to_string()));
                    None
                }
            },
            _ => None,
        };
        let value = match (case_id, sent_on, answer_days, due_on) {
            (Some(case_id), Some(sent_on), Some(answer_days), Some(due_on)) if e.is_empty() => {
                Some(Referral {
                    case_id,
                    agency,
                    asked,
                    sent_on,
                    answer_days,
                    due_on,
                    answer,
                    answered_on,
                })
            }
            _ => None,
        };
        (
            value,
            Checked {
                errors: e,
                warnings: Vec::new(),
            },
        )
    }
}

impl Fields for Referral {
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("case_id", self.case_id.to_string()),
            ("agency", self.agency.clone()),
            ("asked", self.asked.clone()),
            ("sent_on", iso(self.sent_on)),
            ("answer_days", self.answer_days.to_string()),
            ("due_on", iso(self.due_on)),
            ("answer", self.answer.clone()),
            ("answered_on", check::date_text(self.answered_on)),
        ])
    }
}

/// The referral form: a new one asks the first four; the answer is typed later.
pub const REFERRAL_FIELDS: &[FieldDef] = &[
    field("agency", FieldKind::Text, true),
    field("asked", FieldKind::Text, true),
    field("sent_on", FieldKind::Date, true),
    field("answer_days", FieldKind::Text, false),
    field("answer", FieldKind::Text, false),
    field("answered_on", FieldKind::Date, false),
];

/// The answer's small form.
pub const ANSWER_FIELDS: &[FieldDef] = &[
    field("answer", FieldKind::Text, true),
    field("answered_on", FieldKind::Date, true),
];

/// One document of a case: received (on a day) or not. Who recorded it is the record's
/// `changed_by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDocument {
    pub case_id: i64,
    pub document: String,
    pub received_on: Option<Date>,
}

impl Fields for CaseDocument {
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("case_id", self.case_id.to_string()),
            ("document", self.document.clone()),
            ("received_on", check::date_text(self.received_on)),
        ])
    }
}

/// A dated note on a case by the officer who wrote it (the record's `created_by`): a case's
/// notes are entries of their own, each kept with its day, not one growing text (issue 16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNote {
    pub case_id: i64,
    pub noted_on: Date,
    pub text: String,
}

impl Fields for CaseNote {
    fn to_fields(&self) -> BTreeMap<String, String> {
        check::field_map([
            ("case_id", self.case_id.to_string()),
            ("noted_on", crate::domain::date::iso(self.noted_on)),
            ("text", self.text.clone()),
        ])
    }
}

impl CaseNote {
    /// Check typed values: the case, the note's day (not in the future; empty: today) and
    /// its text (required, at most 2000 characters).
    pub fn from_fields(v: &FieldValues, today: Date) -> Verdict<CaseNote> {
        let mut e: Vec<FieldError> = Vec::new();
        let case_id = get(v, "case_id").parse::<i64>().ok();
        if case_id.is_none() {
            e.push(FieldError::new("case_id", msg!("v.referral.case_required")));
        }
        let day = get(v, "noted_on");
        let noted_on = if day.is_empty() {
            Some(today)
        } else {
            check::optional(&mut e, "noted_on", &day, |s| parse_past_date(s, today))
        };
        let text = get(v, "text");
        check::bounded(
            &mut e,
            "text",
            &text,
            2000,
            msg!("v.note.required"),
            msg!("v.too_long_2000"),
        );
        let value = match (case_id, noted_on) {
            (Some(case_id), Some(noted_on)) if e.is_empty() => Some(CaseNote {
                case_id,
                noted_on,
                text,
            }),
            _ => None,
        };
        (
            value,
            Checked {
                errors: e,
                warnings: Vec::new(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{calendar, day, map};

    #[test]
    fn the_shipped_lists_read() {
        assert!(agencies().len() >= 10);
        assert_eq!(answer_days("bp3mi jawa timur"), 5);
        assert_eq!(answer_days("Kantor Imigrasi Blitar"), DEFAULT_ANSWER_DAYS);
        let docs = parse_documents(CASE_DOCUMENTS_TOML).unwrap();
        assert_eq!(
            docs.len(),
            CaseCategory::ALL.len(),
            "every category has its documents"
        );
        let dead: Vec<&str> = documents_for(CaseCategory::Meninggal)
            .iter()
            .filter(|d| d.required)
            .map(|d| d.document.as_str())
            .collect();
        assert_eq!(
            dead,
            [
                "akta_kematian",
                "paspor",
                "izin_angkut_jenazah",
                "pernyataan_keluarga",
                "klaim_bpjs"
            ]
        );
        assert_eq!(
            missing_required(
                CaseCategory::Meninggal,
                ["paspor", "visum", "akta_kematian"]
            ),
            ["izin_angkut_jenazah", "pernyataan_keluarga", "klaim_bpjs"]
        );
        assert!(parse_documents("[[hilang]]\ndocument = \"x\"\nrequired = true").is_err());
        assert!(parse_documents("[[sakit]]\ndocument = \"x\"").is_err());
    }

    #[test]
    fn a_referral_is_due_in_working_days_and_judged_by_its_answer() {
        let cal = calendar();
        let today = day(2026, 11, 28);
        let (r, checked) = Referral::from_fields(
            &map(&[
                ("case_id", "4"),
                ("agency", "bp3mi jawa timur"),
                ("asked", "jemput jenazah"),
                // Friday 2026-11-20: five working days on is Friday 27.
                ("sent_on", "2026-11-20"),
            ]),
            today,
            &cal,
        );
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let r = r.unwrap();
        assert_eq!((r.agency.as_str(), r.answer_days), ("BP3MI Jawa Timur", 5));
        assert_eq!(r.due_on, day(2026, 11, 27));
        assert_eq!(r.state(day(2026, 11, 27)), ReferralState::Waiting);
        assert_eq!(r.state(today), ReferralState::Overdue);
        let on_time = Referral {
            answered_on: Some(day(2026, 11, 27)),
            ..r.clone()
        };
        assert_eq!(on_time.state(today), ReferralState::AnsweredOnTime);
        let late = Referral {
            answered_on: Some(day(2026, 11, 28)),
            ..r
        };
        assert_eq!(late.state(today), ReferralState::AnsweredLate);
    }

    #[test]
    fn an_answer_needs_its_day_and_comes_after_sending() {
        let cal = calendar();
        let today = day(2026, 11, 28);
        let base = [
            ("case_id", "1"),
            ("agency", "Polres"),
            ("asked", "x"),
            ("sent_on", "2026-11-20"),
        ];
        let with = |extra: &[(&str, &str)]| {
            let mut v = map(&base);
            v.extend(map(extra));
            Referral::from_fields(&v, today, &cal)
        };
        let fields = |extra: &[(&str, &str)]| -> Vec<&'static str> {
            with(extra).1.errors.iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(&[("answer", "sudah")]), ["answered_on"]);
        assert_eq!(fields(&[("answered_on", "2026-11-21")]), ["answer"]);
        assert_eq!(
            fields(&[("answer", "ok"), ("answered_on", "2026-11-19")]),
            ["answered_on"]
        );
        assert_eq!(fields(&[("answer_days", "0")]), ["answer_days"]);
        assert!(with(&[("answer", "ok"), ("answered_on", "2026-11-21")])
            .0
            .is_some());
    }
}
