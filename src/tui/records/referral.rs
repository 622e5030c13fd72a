//! A PMI case's referrals to partner agencies for the overlays: the form of a new referral
//! (opened from the case's detail, the case's number carried hidden) and the answer, asked
//! in a small form of its own and saved as the referral's `answer` change.

use super::{
    FormSpec, FromForm, Kind, KindBehaviour, Loaded, MoveOutcome, RecordSpec, Start, StoredKind,
};
use crate::domain::case::{Checked, FieldDef, FieldKind};
use crate::domain::casework::{Referral, ANSWER_FIELDS, REFERRAL_FIELDS};
use crate::domain::check::field;
use crate::domain::date::{iso, parse_past_date, Date};
use crate::domain::FieldError;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct ReferralOps;

/// The move that records the answer (not a status: the answer's small form).
pub const ANSWER: &str = "answer";

const FORM: FormSpec = FormSpec {
    kind: Kind::Referral,
    label: "kind.referral",
    fields: REFERRAL_FIELDS,
    start: Start::Today("sent_on"),
    hidden_on_edit: &["case_id"],
    has_status: false,
};

/// What the detail view of a referral shows: its case and due day too.
const DETAIL_FIELDS: &[FieldDef] = &[
    field("case_id", FieldKind::Text, true),
    field("agency", FieldKind::Text, true),
    field("asked", FieldKind::Text, true),
    field("sent_on", FieldKind::Date, true),
    field("answer_days", FieldKind::Text, true),
    field("due_on", FieldKind::Date, true),
    field("answer", FieldKind::Text, false),
    field("answered_on", FieldKind::Date, false),
];

/// The due day is counted on the store's holiday calendar.
fn parse(
    store: &Store,
    values: &BTreeMap<String, String>,
    today: Date,
) -> Result<(Option<Referral>, Checked), StoreError> {
    let calendar = store.working_days()?;
    Ok(Referral::from_fields(values, today, &calendar))
}

const RECORD: RecordSpec<Referral> =
    RecordSpec::without_status(|r| r.agency.clone(), FromForm::WithStore(parse));

impl KindBehaviour for ReferralOps {
    fn form(&self) -> &FormSpec {
        &FORM
    }
    fn detail_fields(&self) -> &'static [FieldDef] {
        DETAIL_FIELDS
    }
    fn status_label(&self, status: &str, lang: Lang) -> String {
        match status {
            ANSWER => lang.t("casework.answer_title").to_string(),
            other => other.to_string(),
        }
    }
    fn move_fields(&self, to: &str) -> &'static [FieldDef] {
        match to {
            ANSWER => ANSWER_FIELDS,
            _ => &[],
        }
    }
    fn move_defaults(&self, record: &Loaded, _to: &str, today: Date) -> BTreeMap<String, String> {
        let mut v = BTreeMap::new();
        v.insert(
            "answer".to_string(),
            record.values.get("answer").cloned().unwrap_or_default(),
        );
        v.insert("answered_on".to_string(), iso(today));
        v
    }
    fn move_status_with(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> MoveOutcome {
        if to != ANSWER {
            return MoveOutcome::Failed(StoreError::Refused("a referral has no status".into()));
        }
        let answer = values.get("answer").map(|s| s.trim()).unwrap_or_default();
        let mut errors = Vec::new();
        if answer.is_empty() {
            errors.push(FieldError::new(
                "answer",
                crate::msg!("v.referral.answer_required"),
            ));
        }
        let on = values.get("answered_on").map(String::as_str).unwrap_or("");
        let day = match parse_past_date(on, today) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(FieldError::new("answered_on", e));
                None
            }
        };
        match day {
            Some(day) if errors.is_empty() => {
                match store.answer_referral(record.id, record.version, answer, day) {
                    Ok(_) => MoveOutcome::Moved(None),
                    Err(e) => MoveOutcome::Failed(e),
                }
            }
            _ => MoveOutcome::Invalid(errors),
        }
    }
}

impl StoredKind for ReferralOps {
    type Value = Referral;
    fn record(&self) -> &RecordSpec<Referral> {
        &RECORD
    }
}
