//! A company's yearly compliance (PP/PKB, BPJS Ketenagakerjaan membership) for the overlays.

use super::{save_checked, Kind, Loaded, RecordOps, SaveOutcome};
use crate::domain::case::FieldDef;
use crate::domain::date::Date;
use crate::domain::dispute::{CompanyCompliance, COMPLIANCE_FIELDS};
use crate::store::{AuditEntry, Store, StoreError};
use chrono::Datelike;
use std::collections::BTreeMap;

pub struct ComplianceOps;

impl RecordOps for ComplianceOps {
    fn label(&self) -> &'static str {
        "kind.compliance"
    }
    fn fields(&self) -> &'static [FieldDef] {
        COMPLIANCE_FIELDS
    }
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        BTreeMap::from([("year".to_string(), today.year().to_string())])
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get_compliance(id)?;
        Ok(Loaded {
            kind: Kind::Compliance,
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
        let parsed = CompanyCompliance::from_fields(values, today);
        save_checked(
            parsed,
            record,
            warnings_seen,
            store,
            |s, c| s.insert_compliance(c),
            |s, id, version, c| s.update_compliance(id, version, c),
        )
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.compliance_history(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive_compliance(id, version)
    }
}
