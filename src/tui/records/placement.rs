//! PMI placements for the overlays.

use super::{Kind, KindBehaviour, StoredKind};
use crate::domain::case::{Checked, FieldDef};
use crate::domain::date::Date;
use crate::domain::placement::{Placement, PLACEMENT_FIELDS};
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct PlacementOps;

impl KindBehaviour for PlacementOps {
    fn label(&self) -> &'static str {
        "kind.placement"
    }
    fn fields(&self) -> &'static [FieldDef] {
        PLACEMENT_FIELDS
    }
}

impl StoredKind for PlacementOps {
    type Value = Placement;
    const KIND: Kind = Kind::Placement;
    fn name(&self, value: &Placement) -> String {
        value.name.clone()
    }
    fn parse(
        &self,
        _store: &Store,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> Result<(Option<Placement>, Checked), StoreError> {
        Ok(Placement::from_fields(values, today))
    }
}
