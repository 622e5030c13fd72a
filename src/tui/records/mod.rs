//! The record kinds the TUI edits, behind one interface ([`RecordOps`]): the form's fields,
//! loading, saving with validation, history, archive and status moves. The overlays (form,
//! detail, history, archive question, status choice) work for every kind through it. A new
//! kind is a variant of [`Kind`], one line in [`Kind::ops`] and its own file here.

mod case;
mod compliance;
mod dispute;
mod facilitation;
mod placement;

use crate::domain::case::{Checked, FieldDef, FieldKind};
use crate::domain::date::Date;
use crate::domain::{FieldError, Money};
use crate::i18n::Lang;
use crate::store::{AuditEntry, Store, StoreError};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Case,
    Placement,
    Dispute,
    Facilitation,
    Compliance,
}

impl Kind {
    /// Every kind, for finding one by its name (add a new kind here and in `name`).
    pub const ALL: &'static [Kind] = &[
        Kind::Case,
        Kind::Placement,
        Kind::Dispute,
        Kind::Facilitation,
        Kind::Compliance,
    ];

    /// A stable name, kept in stored drafts.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Case => "case",
            Kind::Placement => "placement",
            Kind::Dispute => "dispute",
            Kind::Facilitation => "facilitation",
            Kind::Compliance => "compliance",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }

    pub fn ops(self) -> &'static dyn RecordOps {
        match self {
            Kind::Case => &case::CaseOps,
            Kind::Placement => &placement::PlacementOps,
            Kind::Dispute => &dispute::DisputeOps,
            Kind::Facilitation => &facilitation::FacilitationOps,
            Kind::Compliance => &compliance::ComplianceOps,
        }
    }
}

/// A record as the overlays show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub kind: Kind,
    pub id: i64,
    pub version: i64,
    /// The person or company the record is about.
    pub name: String,
    pub values: BTreeMap<String, String>,
    pub status: Option<String>,
    pub archived: bool,
    pub created: (String, String),
    pub changed: (String, String),
}

/// A line the detail view shows above the fields, worked out when it is drawn (e.g. a
/// dispute's deadlines as of today). `urgent` lines are drawn bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraLine {
    pub text: String,
    pub urgent: bool,
}

pub enum SaveOutcome {
    Saved(i64),
    /// Nothing written: errors to fix, or warnings the officer has not seen yet.
    Invalid {
        errors: Vec<FieldError>,
        warnings: Vec<FieldError>,
    },
    Failed(StoreError),
}

/// What every record kind offers the overlays.
pub trait RecordOps: Sync {
    /// The catalog key of the kind's name ("Kasus", "Penempatan").
    fn label(&self) -> &'static str;
    fn fields(&self) -> &'static [FieldDef];
    /// Values a new record's form starts with.
    fn defaults(&self, _today: Date) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
    /// Fields an edit form does not show but must carry back (they change by other moves).
    fn hidden_on_edit(&self) -> &'static [&'static str] {
        &[]
    }
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError>;
    /// Check the typed values and save them: a new record when `record` is None, else the
    /// edit of (id, version the officer opened).
    fn save(
        &self,
        store: &mut Store,
        record: Option<(i64, i64)>,
        values: &BTreeMap<String, String>,
        today: Date,
        warnings_seen: bool,
    ) -> SaveOutcome;
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError>;
    /// Lines the detail view shows between the status and the fields, as of `today`: what
    /// depends on the day rather than on the record alone (a dispute's deadlines). None by
    /// default.
    fn detail_extra(
        &self,
        _store: &Store,
        _record: &Loaded,
        _today: Date,
        _lang: Lang,
    ) -> Vec<ExtraLine> {
        Vec::new()
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError>;
    /// Whether `s` moves the record on (cases, disputes, registrations).
    fn has_status(&self) -> bool {
        false
    }
    /// Where the record may move next (empty: nowhere).
    fn next_statuses(&self, _record: &Loaded) -> Vec<String> {
        Vec::new()
    }
    fn move_status(
        &self,
        _store: &mut Store,
        _record: &Loaded,
        _to: &str,
        _today: Date,
    ) -> Result<i64, StoreError> {
        Err(StoreError::Refused("this record has no status".into()))
    }
}

/// The common shape of `save`: refuse on errors (or unseen warnings), else insert or update.
pub fn save_checked<T>(
    parsed: (Option<T>, Checked),
    record: Option<(i64, i64)>,
    warnings_seen: bool,
    insert: impl FnOnce(&T) -> Result<i64, StoreError>,
    update: impl FnOnce(i64, i64, &T) -> Result<i64, StoreError>,
) -> SaveOutcome {
    let (value, checked) = parsed;
    let unseen = !checked.warnings.is_empty() && !warnings_seen;
    let value = match value {
        Some(v) if checked.errors.is_empty() && !unseen => v,
        _ => {
            return SaveOutcome::Invalid {
                errors: checked.errors,
                warnings: checked.warnings,
            }
        }
    };
    let result = match record {
        None => insert(&value),
        Some((id, version)) => update(id, version, &value).map(|_| id),
    };
    match result {
        Ok(id) => SaveOutcome::Saved(id),
        Err(e) => SaveOutcome::Failed(e),
    }
}

/// A value as the detail view shows it (rupiah with Indonesian grouping).
pub fn display_value(fields: &[FieldDef], key: &str, value: &str) -> String {
    let money = fields
        .iter()
        .any(|f| f.key == key && f.kind == FieldKind::Money);
    if money {
        if let Ok(m) = Money::parse(value) {
            return m.display_id();
        }
    }
    value.to_string()
}
