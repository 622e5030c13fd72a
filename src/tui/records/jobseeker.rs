//! Job seeker registrations for the overlays. `s` offers ditempatkan (asking where and when)
//! and dicabut (asking why and when); the detail's report key records a six-monthly report
//! (wajib lapor) in a small form of its own. The detail shows the registration's reports and
//! says when an aktif registration is past its validity (kedaluwarsa, computed).

use super::{
    own_values, ExtraLine, FormSpec, FromForm, Kind, KindBehaviour, Loaded, MoveOutcome,
    RecordSpec, Start, StoredKind,
};
use crate::domain::case::{FieldDef, FieldKind};
use crate::domain::check::{field, text};
use crate::domain::date::{display_iso, iso, parse_past_date, Date};
use crate::domain::jobseeker::{
    Jobseeker, JobseekerReport, JobseekerStatus, StatusMove, EXPIRED, JOBSEEKER_DETAIL_FIELDS,
    JOBSEEKER_FIELDS, STATUS_MOVE_FIELDS,
};
use crate::domain::FieldError;
use crate::i18n::Lang;
use crate::msg;
use crate::store::{Store, StoreError};
use crate::tui::keymap::Action;
use std::collections::BTreeMap;

pub struct JobseekerOps;

/// The detail's report key: a six-monthly report, recorded like a move that asks its day.
pub const ADD_REPORT: &str = "add-report";

const PLACE_FIELDS: &[FieldDef] = &[
    field("placed_on", FieldKind::Date, true),
    field("placement", FieldKind::Text, true),
];

const REVOKE_FIELDS: &[FieldDef] = &[
    field("revoke_reason", FieldKind::Text, true),
    field("revoked_on", FieldKind::Date, true),
];

const FORM: FormSpec = FormSpec {
    kind: Kind::Jobseeker,
    label: "kind.jobseeker",
    fields: JOBSEEKER_FIELDS,
    start: Start::Today("registered_on"),
    hidden_on_edit: STATUS_MOVE_FIELDS,
    has_status: true,
};

const RECORD: RecordSpec<Jobseeker> = RecordSpec {
    name: |js| format!("{} {}", js.registration_no, js.name),
    status: |js, _| Some(js.status.as_str().to_string()),
    from_form: FromForm::Values(Jobseeker::from_fields),
};

fn status_of(record: &Loaded) -> JobseekerStatus {
    record
        .status
        .as_deref()
        .and_then(|s| JobseekerStatus::parse(s).ok())
        .unwrap_or(JobseekerStatus::Aktif)
}

/// The move the small form describes, or what is missing or wrong in it.
fn status_move(
    to: JobseekerStatus,
    values: &BTreeMap<String, String>,
    today: Date,
) -> Result<StatusMove, Vec<FieldError>> {
    let mut errors = Vec::new();
    let (date_key, text_key, missing) = match to {
        JobseekerStatus::Ditempatkan => (
            "placed_on",
            "placement",
            msg!("v.jobseeker.placed_needs_placement"),
        ),
        _ => (
            "revoked_on",
            "revoke_reason",
            msg!("v.jobseeker.revoke_needs_reason"),
        ),
    };
    let said = text(values, text_key);
    if said.is_empty() {
        errors.push(FieldError::new(text_key, missing));
    }
    let day = text(values, date_key);
    let on = if day.is_empty() {
        Some(today)
    } else {
        crate::domain::check::optional(&mut errors, date_key, &day, |s| parse_past_date(s, today))
    };
    match on {
        Some(on) if errors.is_empty() => Ok(StatusMove {
            to,
            on,
            text: said,
            placement_id: None,
        }),
        _ => Err(errors),
    }
}

impl KindBehaviour for JobseekerOps {
    fn form(&self) -> &FormSpec {
        &FORM
    }
    fn detail_fields(&self) -> &'static [FieldDef] {
        JOBSEEKER_DETAIL_FIELDS
    }
    fn status_label(&self, status: &str, lang: Lang) -> String {
        let key = format!("jobseekers.status.{status}");
        match lang.t(&key) {
            t if t == key => status.to_string(),
            t => t.to_string(),
        }
    }
    fn detail_actions(&self) -> &'static [Action] {
        &[Action::AddReport]
    }
    fn detail_move(&self, action: Action) -> Option<&'static str> {
        (action == Action::AddReport).then_some(ADD_REPORT)
    }
    fn detail_extra(
        &self,
        store: &Store,
        record: &Loaded,
        today: Date,
        lang: Lang,
    ) -> Vec<ExtraLine> {
        let mut lines = Vec::new();
        let valid_until = record
            .values
            .get("valid_until")
            .cloned()
            .unwrap_or_default();
        if status_of(record) == JobseekerStatus::Aktif && valid_until < iso(today) {
            lines.push(ExtraLine {
                text: format!(
                    "{}: {} {}",
                    lang.t("field.status"),
                    self.status_label(EXPIRED, lang),
                    lang.t("jobseekers.expired_since")
                        .replace("{0}", &display_iso(&valid_until))
                ),
                urgent: true,
            });
        }
        match store.jobseeker_reports(record.id) {
            Ok(reports) => {
                lines.push(ExtraLine {
                    text: format!(
                        "{} ({})",
                        lang.t("jobseekers.reports"),
                        lang.count(reports.len() as i64)
                    ),
                    urgent: false,
                });
                for r in reports {
                    let note = &r.report.note;
                    lines.push(ExtraLine {
                        text: format!(
                            "  {}  {}{}",
                            crate::domain::date::display(r.report.reported_on),
                            r.created_by,
                            if note.is_empty() {
                                String::new()
                            } else {
                                format!(": {note}")
                            }
                        ),
                        urgent: false,
                    });
                }
            }
            Err(e) => lines.push(ExtraLine {
                text: e.to_string(),
                urgent: true,
            }),
        }
        lines
    }
    fn next_statuses(&self, record: &Loaded) -> Vec<String> {
        status_of(record)
            .next()
            .iter()
            .map(|s| s.as_str().to_string())
            .collect()
    }
    fn move_fields(&self, to: &str) -> &'static [FieldDef] {
        match to {
            ADD_REPORT => crate::domain::jobseeker::REPORT_FIELDS,
            _ => match JobseekerStatus::parse(to) {
                Ok(JobseekerStatus::Ditempatkan) => PLACE_FIELDS,
                Ok(JobseekerStatus::Dicabut) => REVOKE_FIELDS,
                _ => &[],
            },
        }
    }
    fn move_defaults(&self, record: &Loaded, to: &str, today: Date) -> BTreeMap<String, String> {
        let mut values = own_values(record, self.move_fields(to));
        let day = match to {
            ADD_REPORT => "reported_on",
            _ if to == JobseekerStatus::Ditempatkan.as_str() => "placed_on",
            _ => "revoked_on",
        };
        values.insert(day.to_string(), iso(today));
        values
    }
    fn move_status_with(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> MoveOutcome {
        if to == ADD_REPORT {
            let mut v = values.clone();
            v.insert("jobseeker_id".to_string(), record.id.to_string());
            return match JobseekerReport::from_fields(&v, today) {
                (Some(report), _) => match store.insert_jobseeker_report(&report) {
                    Ok(_) => MoveOutcome::Moved(None),
                    Err(e) => MoveOutcome::Failed(e),
                },
                (None, checked) => MoveOutcome::Invalid(checked.errors),
            };
        }
        let to = match JobseekerStatus::parse(to) {
            Ok(s) => s,
            Err(e) => return MoveOutcome::Failed(StoreError::Refused(e)),
        };
        let mv = match status_move(to, values, today) {
            Ok(mv) => mv,
            Err(errors) => return MoveOutcome::Invalid(errors),
        };
        match store.move_jobseeker(record.id, record.version, &mv) {
            Ok(_) => MoveOutcome::Moved(None),
            Err(e) => MoveOutcome::Failed(e),
        }
    }
}

impl StoredKind for JobseekerOps {
    type Value = Jobseeker;
    fn record(&self) -> &RecordSpec<Jobseeker> {
        &RECORD
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{day, map};

    #[test]
    fn a_move_names_what_it_misses() {
        let today = day(2026, 11, 28);
        let errors = status_move(JobseekerStatus::Dicabut, &BTreeMap::new(), today).unwrap_err();
        assert_eq!(errors[0].field, "revoke_reason");
        let mv = status_move(
            JobseekerStatus::Ditempatkan,
            &map(&[("placement", "PT Gudang Garam, operator")]),
            today,
        )
        .unwrap();
        assert_eq!(
            (mv.on, mv.text.as_str()),
            (today, "PT Gudang Garam, operator")
        );
    }
}
