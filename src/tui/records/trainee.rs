//! Participants of a training (peserta pelatihan) for the overlays. The training a
//! participant belongs to travels with the form as the hidden value `training_id`.

use super::{FormSpec, FromForm, Kind, KindBehaviour, RecordSpec, Start, StoredKind};
use crate::domain::case::Checked;
use crate::domain::date::Date;
use crate::domain::training::{Trainee, TRAINEE_FIELDS};
use crate::msg;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct TraineeOps;

/// The hidden value that names the participant's training.
pub const TRAINING_ID: &str = "training_id";

const FORM: FormSpec = FormSpec {
    hidden_on_edit: &[TRAINING_ID],
    ..FormSpec::plain(Kind::Trainee, "kind.trainee", TRAINEE_FIELDS, Start::Empty)
};

/// The participant's rules need the training (results count from its end).
const RECORD: RecordSpec<Trainee> = RecordSpec::without_status(
    |trainee| trainee.name.clone(),
    FromForm::WithStore(with_training),
);

impl KindBehaviour for TraineeOps {
    fn form(&self) -> &FormSpec {
        &FORM
    }
}

impl StoredKind for TraineeOps {
    type Value = Trainee;
    fn record(&self) -> &RecordSpec<Trainee> {
        &RECORD
    }
}

/// The participant checked against the training the form names.
fn with_training(
    store: &Store,
    values: &BTreeMap<String, String>,
    today: Date,
) -> Result<(Option<Trainee>, Checked), StoreError> {
    let Some(training_id) = values
        .get(TRAINING_ID)
        .and_then(|v| v.trim().parse::<i64>().ok())
    else {
        return Err(StoreError::Refused(msg!("s.trainee.from_list")));
    };
    let training = store.get_training(training_id)?.training;
    Ok(Trainee::from_fields(values, training_id, &training, today))
}
