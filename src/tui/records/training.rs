//! Training programs (pelatihan) for the overlays.

use super::{Kind, KindBehaviour, StoredKind};
use crate::domain::case::{Checked, FieldDef};
use crate::domain::date::Date;
use crate::domain::training::{Training, TRAINING_FIELDS};
use crate::store::{Store, StoreError};
use chrono::Datelike;
use std::collections::BTreeMap;

pub struct TrainingOps;

impl KindBehaviour for TrainingOps {
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
}

impl StoredKind for TrainingOps {
    type Value = Training;
    const KIND: Kind = Kind::Training;
    fn name(&self, value: &Training) -> String {
        format!("{} {}", value.scheme, value.year)
    }
    fn parse(
        &self,
        _store: &Store,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> Result<(Option<Training>, Checked), StoreError> {
        Ok(Training::from_fields(values, today))
    }
}
