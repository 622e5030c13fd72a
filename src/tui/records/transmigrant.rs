//! Transmigrant family registrations for the overlays. A stage move to diberangkatkan asks
//! for the departure date and the destination, a move to batal for the reason and the date,
//! in a small form of just those fields (`move_fields`); the other moves go ahead at once.

use super::{
    own_values, FormSpec, FromForm, Kind, KindBehaviour, Loaded, MoveOutcome, RecordSpec, Start,
    StoredKind,
};
use crate::domain::case::{FieldDef, FieldKind};
use crate::domain::check::{field, required, text};
use crate::domain::date::{iso, parse_date, Date};
use crate::domain::transmigrant::{
    Destination, Registration, Stage, StageMove, REGISTRATION_DETAIL_FIELDS, STAGE_MOVE_FIELDS,
    TRANSMIGRANT_FIELDS,
};
use crate::domain::FieldError;
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct TransmigrantOps;

/// What a departure needs: its date and where the family goes.
const DEPART_FIELDS: &[FieldDef] = &[
    field("departed_on", FieldKind::Date, true),
    field("destination_upt", FieldKind::Text, true),
    field("destination_kabupaten", FieldKind::Text, false),
    field("destination_province", FieldKind::Text, false),
];

/// What a withdrawal needs: why, and when (today unless changed).
const CANCEL_FIELDS: &[FieldDef] = &[
    field("cancel_reason", FieldKind::Text, true),
    field("cancelled_on", FieldKind::Date, true),
];

fn stage_of(record: &Loaded) -> Stage {
    record
        .status
        .as_deref()
        .and_then(|s| Stage::parse(s).ok())
        .unwrap_or(Stage::Terdaftar)
}

/// A date the small form asked for, or the problem with it (on its field).
fn date_field(
    values: &BTreeMap<String, String>,
    key: &'static str,
    missing: Msg,
    errors: &mut Vec<FieldError>,
) -> Option<Date> {
    required(errors, key, &text(values, key), missing, parse_date)
}

/// The move the small form describes, or what is missing or wrong in it.
fn stage_move(to: Stage, values: &BTreeMap<String, String>) -> Result<StageMove, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mv = match to {
        Stage::Diberangkatkan => {
            let on = date_field(
                values,
                "departed_on",
                msg!("v.departed_on.required"),
                &mut errors,
            );
            let destination = Destination {
                upt: text(values, "destination_upt"),
                kabupaten: text(values, "destination_kabupaten"),
                province: text(values, "destination_province"),
            };
            if destination.upt.is_empty() {
                errors.push(FieldError::new(
                    "destination_upt",
                    "the settlement unit (UPT) the family goes to is required",
                ));
            }
            on.map(|on| StageMove::depart(on, Some(destination)))
        }
        Stage::Batal => {
            let reason = text(values, "cancel_reason");
            if reason.is_empty() {
                errors.push(FieldError::new(
                    "cancel_reason",
                    msg!("v.cancel_reason.required"),
                ));
            }
            let on = date_field(
                values,
                "cancelled_on",
                msg!("v.cancelled_on.required"),
                &mut errors,
            );
            on.map(|on| StageMove::cancel(Some(on), &reason))
        }
        other => Some(StageMove::to(other)),
    };
    match mv {
        Some(mv) if errors.is_empty() => Ok(mv),
        _ => Err(errors),
    }
}

const FORM: FormSpec = FormSpec {
    kind: Kind::Transmigrant,
    label: "kind.transmigrant",
    fields: TRANSMIGRANT_FIELDS,
    start: Start::Today("registered_on"),
    hidden_on_edit: STAGE_MOVE_FIELDS,
    has_status: true,
};

const RECORD: RecordSpec<Registration> = RecordSpec {
    name: |registration| registration.head_name.clone(),
    status: |registration, _| Some(registration.stage.as_str().to_string()),
    from_form: FromForm::Values(Registration::from_fields),
};

impl KindBehaviour for TransmigrantOps {
    /// The stage's own words (`berkas_lengkap` → "berkas lengkap"); in English the
    /// catalog's.
    fn status_label(&self, status: &str, lang: Lang) -> String {
        let key = format!("transmigrants.stage.{status}");
        match lang.t(&key) {
            t if t == key || lang == Lang::Id => status.replace('_', " "),
            t => t.to_string(),
        }
    }
    fn form(&self) -> &FormSpec {
        &FORM
    }
    fn detail_fields(&self) -> &'static [FieldDef] {
        REGISTRATION_DETAIL_FIELDS
    }
    fn next_statuses(&self, record: &Loaded) -> Vec<String> {
        stage_of(record)
            .next_stages()
            .iter()
            .map(|s| s.as_str().to_string())
            .collect()
    }
    fn move_fields(&self, to: &str) -> &'static [FieldDef] {
        match Stage::parse(to) {
            Ok(Stage::Diberangkatkan) => DEPART_FIELDS,
            Ok(Stage::Batal) => CANCEL_FIELDS,
            _ => &[],
        }
    }
    fn move_defaults(&self, record: &Loaded, to: &str, today: Date) -> BTreeMap<String, String> {
        let mut values = own_values(record, self.move_fields(to));
        // A withdrawal is usually recorded the day the family says so; a departure date is
        // left for the officer to type, since it decides which year's quota it uses.
        if to == Stage::Batal.as_str() {
            values.insert("cancelled_on".into(), iso(today));
        }
        values
    }
    fn move_status_with(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        values: &BTreeMap<String, String>,
        _today: Date,
    ) -> MoveOutcome {
        let to = match Stage::parse(to) {
            Ok(s) => s,
            Err(e) => return MoveOutcome::Failed(StoreError::Refused(e)),
        };
        let mv = match stage_move(to, values) {
            Ok(mv) => mv,
            Err(errors) => return MoveOutcome::Invalid(errors),
        };
        match store.move_transmigrant_stage(record.id, record.version, &mv) {
            Ok(moved) => MoveOutcome::Moved(moved.warning.map(|w| w.msg())),
            Err(e) => MoveOutcome::Failed(e),
        }
    }
}

impl StoredKind for TransmigrantOps {
    type Value = Registration;
    fn record(&self) -> &RecordSpec<Registration> {
        &RECORD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_detail_shows_the_form_then_what_moves_set() {
        let keys: Vec<&str> = TransmigrantOps
            .detail_fields()
            .iter()
            .map(|f| f.key)
            .collect();
        let form: Vec<&str> = TRANSMIGRANT_FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(&keys[..form.len()], &form[..]);
        for k in ["departed_on", "cancel_reason", "cancelled_on"] {
            assert!(keys.contains(&k), "{k}");
        }
    }

    #[test]
    fn a_departure_without_date_or_destination_names_both() {
        let errors = stage_move(Stage::Diberangkatkan, &BTreeMap::new()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["departed_on", "destination_upt"]);
        let errors = stage_move(Stage::Batal, &BTreeMap::new()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["cancel_reason", "cancelled_on"]);
        assert_eq!(
            stage_move(Stage::Dilatih, &BTreeMap::new()).unwrap(),
            StageMove::to(Stage::Dilatih)
        );
    }
}
