//! Values entered in the IKU pane (TPAK, SAKIP with its components, TPT) for the overlays.

use super::{Kind, KindBehaviour, StoredKind};
use crate::domain::case::{Checked, FieldDef};
use crate::domain::date::Date;
use crate::domain::indicator::{IkuEntry, ENTRY_FIELDS};
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

pub struct IkuEntryOps;

impl KindBehaviour for IkuEntryOps {
    fn label(&self) -> &'static str {
        "kind.iku_entry"
    }
    fn fields(&self) -> &'static [FieldDef] {
        ENTRY_FIELDS
    }
}

impl StoredKind for IkuEntryOps {
    type Value = IkuEntry;
    const KIND: Kind = Kind::IkuEntry;
    fn name(&self, value: &IkuEntry) -> String {
        format!("{} {}", value.code, value.year)
    }
    fn parse(
        &self,
        _store: &Store,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> Result<(Option<IkuEntry>, Checked), StoreError> {
        Ok(IkuEntry::from_fields(values, today))
    }
}
