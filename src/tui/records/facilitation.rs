//! Prevention facilitations (visits, sosialisasi, guidance at a company) for the overlays.

use super::{Kind, KindBehaviour, StoredKind};
use crate::domain::case::{Checked, FieldDef};
use crate::domain::date::{iso, Date};
use crate::domain::dispute::{PreventionFacilitation, FACILITATION_FIELDS};
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct FacilitationOps;

impl KindBehaviour for FacilitationOps {
    fn label(&self) -> &'static str {
        "kind.facilitation"
    }
    fn fields(&self) -> &'static [FieldDef] {
        FACILITATION_FIELDS
    }
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        BTreeMap::from([("date".to_string(), iso(today))])
    }
}

impl StoredKind for FacilitationOps {
    type Value = PreventionFacilitation;
    const KIND: Kind = Kind::Facilitation;
    fn name(&self, value: &PreventionFacilitation) -> String {
        value.company.clone()
    }
    fn parse(
        &self,
        _store: &Store,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> Result<(Option<PreventionFacilitation>, Checked), StoreError> {
        Ok(PreventionFacilitation::from_fields(values, today))
    }
}
