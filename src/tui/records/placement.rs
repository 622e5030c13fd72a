//! PMI placements for the overlays.

use super::{save_checked, Kind, Loaded, RecordOps, SaveOutcome};
use crate::domain::case::FieldDef;
use crate::domain::date::Date;
use crate::domain::placement::{Placement, PLACEMENT_FIELDS};
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

pub struct PlacementOps;

impl RecordOps for PlacementOps {
    fn label(&self) -> &'static str {
        "kind.placement"
    }
    fn fields(&self) -> &'static [FieldDef] {
        PLACEMENT_FIELDS
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get_placement(id)?;
        Ok(Loaded {
            kind: Kind::Placement,
            id,
            version: r.version,
            name: r.placement.name.clone(),
            values: r.placement.to_fields(),
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
        let parsed = Placement::from_fields(values, today);
        save_checked(
            parsed,
            record,
            warnings_seen,
            store,
            |s, p| s.insert_placement(p),
            |s, id, version, p| s.update_placement(id, version, p),
        )
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.placement_history(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive_placement(id, version)
    }
}
