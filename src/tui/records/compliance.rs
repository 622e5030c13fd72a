//! A company's yearly compliance (PP/PKB, BPJS Ketenagakerjaan membership) for the overlays.

use super::{Kind, KindBehaviour, StoredKind};
use crate::domain::case::{Checked, FieldDef};
use crate::domain::date::Date;
use crate::domain::dispute::{CompanyCompliance, COMPLIANCE_FIELDS};
use crate::store::{Store, StoreError};
use chrono::Datelike;
use std::collections::BTreeMap;

pub struct ComplianceOps;

impl KindBehaviour for ComplianceOps {
    fn label(&self) -> &'static str {
        "kind.compliance"
    }
    fn fields(&self) -> &'static [FieldDef] {
        COMPLIANCE_FIELDS
    }
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        BTreeMap::from([("year".to_string(), today.year().to_string())])
    }
}

impl StoredKind for ComplianceOps {
    type Value = CompanyCompliance;
    const KIND: Kind = Kind::Compliance;
    fn name(&self, value: &CompanyCompliance) -> String {
        value.company.clone()
    }
    fn parse(
        &self,
        _store: &Store,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> Result<(Option<CompanyCompliance>, Checked), StoreError> {
        Ok(CompanyCompliance::from_fields(values, today))
    }
}
