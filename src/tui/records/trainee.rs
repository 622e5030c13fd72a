//! Participants of a training (peserta pelatihan) for the overlays. The training a
//! participant belongs to travels with the form as the hidden value `training_id`.

use super::{save_checked, Kind, Loaded, RecordOps, SaveOutcome};
use crate::domain::case::FieldDef;
use crate::domain::date::Date;
use crate::domain::training::{Trainee, TRAINEE_FIELDS};
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

pub struct TraineeOps;

/// The hidden value that names the participant's training.
pub const TRAINING_ID: &str = "training_id";

impl RecordOps for TraineeOps {
    fn label(&self) -> &'static str {
        "kind.trainee"
    }
    fn fields(&self) -> &'static [FieldDef] {
        TRAINEE_FIELDS
    }
    fn hidden_on_edit(&self) -> &'static [&'static str] {
        &[TRAINING_ID]
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get_trainee(id)?;
        Ok(Loaded {
            kind: Kind::Trainee,
            id,
            version: r.version,
            name: r.trainee.name.clone(),
            values: r.trainee.to_fields(),
            status: None,
            archived: r.archived,
            created: (r.created_by, r.created_at),
            changed: (r.changed_by, r.changed_at),
        })
    }
    fn save(
        &self,
        store: &mut Store,
        record: Option<(i64, i64)>,
        values: &BTreeMap<String, String>,
        today: Date,
        warnings_seen: bool,
    ) -> SaveOutcome {
        // The participant's rules need the training (results count from its end).
        let Some(training_id) = values
            .get(TRAINING_ID)
            .and_then(|v| v.trim().parse::<i64>().ok())
        else {
            return SaveOutcome::Failed(StoreError::Refused(
                "a participant must be added from a training's participant list".into(),
            ));
        };
        let training = match store.get_training(training_id) {
            Ok(t) => t.training,
            Err(e) => return SaveOutcome::Failed(e),
        };
        let parsed = Trainee::from_fields(values, training_id, &training, today);
        save_checked(
            parsed,
            record,
            warnings_seen,
            store,
            |s, t| s.insert_trainee(t),
            |s, id, version, t| s.update_trainee(id, version, t),
        )
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.trainee_history(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive_trainee(id, version)
    }
}
