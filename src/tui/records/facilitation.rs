//! Prevention facilitations (visits, sosialisasi, guidance at a company) for the overlays.

use super::{save_checked, Kind, Loaded, RecordOps, SaveOutcome};
use crate::domain::case::FieldDef;
use crate::domain::date::{iso, Date};
use crate::domain::dispute::{PreventionFacilitation, FACILITATION_FIELDS};
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

pub struct FacilitationOps;

impl RecordOps for FacilitationOps {
    fn label(&self) -> &'static str {
        "kind.facilitation"
    }
    fn fields(&self) -> &'static [FieldDef] {
        FACILITATION_FIELDS
    }
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        BTreeMap::from([("date".to_string(), iso(today))])
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get_facilitation(id)?;
        Ok(Loaded {
            kind: Kind::Facilitation,
            id,
            version: r.version,
            name: r.value.company.clone(),
            values: r.value.to_fields(),
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
        let parsed = PreventionFacilitation::from_fields(values, today);
        save_checked(
            parsed,
            record,
            warnings_seen,
            store,
            |s, f| s.insert_facilitation(f),
            |s, id, version, f| s.update_facilitation(id, version, f),
        )
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.facilitation_history(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive_facilitation(id, version)
    }
}
