//! Training programs (pelatihan) for the overlays.

use super::{save_checked, Kind, Loaded, RecordOps, SaveOutcome};
use crate::domain::case::FieldDef;
use crate::domain::date::Date;
use crate::domain::training::{Training, TRAINING_FIELDS};
use crate::store::{AuditEntry, Store, StoreError};
use chrono::Datelike;
use std::collections::BTreeMap;

pub struct TrainingOps;

impl RecordOps for TrainingOps {
    fn label(&self) -> &'static str {
        "kind.training"
    }
    fn fields(&self) -> &'static [FieldDef] {
        TRAINING_FIELDS
    }
    /// The pane passes the year on screen; this is the fallback.
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        BTreeMap::from([("year".to_string(), today.year().to_string())])
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get_training(id)?;
        Ok(Loaded {
            kind: Kind::Training,
            id,
            version: r.version,
            name: format!("{} {}", r.training.scheme, r.training.year),
            values: r.training.to_fields(),
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
        let parsed = Training::from_fields(values, today);
        save_checked(
            parsed,
            record,
            warnings_seen,
            store,
            |s, t| s.insert_training(t),
            |s, id, version, t| s.update_training(id, version, t),
        )
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.training_history(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive_training(id, version)
    }
}
