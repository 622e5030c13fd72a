//! Values entered in the IKU pane (TPAK, SAKIP with its components, TPT) for the overlays.

use super::{save_checked, Kind, Loaded, RecordOps, SaveOutcome};
use crate::domain::case::FieldDef;
use crate::domain::date::Date;
use crate::domain::indicator::{IkuEntry, ENTRY_FIELDS};
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

pub struct IkuEntryOps;

impl RecordOps for IkuEntryOps {
    fn label(&self) -> &'static str {
        "kind.iku_entry"
    }
    fn fields(&self) -> &'static [FieldDef] {
        ENTRY_FIELDS
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get_iku_entry(id)?;
        Ok(Loaded {
            kind: Kind::IkuEntry,
            id,
            version: r.version,
            name: format!("{} {}", r.entry.code, r.entry.year),
            values: r.entry.to_fields(),
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
        let parsed = IkuEntry::from_fields(values, today);
        save_checked(
            parsed,
            record,
            warnings_seen,
            store,
            |s, e| s.insert_iku_entry(e),
            |s, id, version, e| s.update_iku_entry(id, version, e),
        )
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.iku_entry_history(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive_iku_entry(id, version)
    }
}
