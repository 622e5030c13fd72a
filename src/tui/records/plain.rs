//! The record kinds that differ by their data alone, one line each: the kind, its domain
//! value, its name in the catalog, its form, where a new form starts and what names a record.
//! Loading, saving, history, archive and restore are `StoredKind`'s, written once.

use super::{FormSpec, FromForm, Kind, Plain, RecordSpec, Start};
use crate::domain::dispute::{
    CompanyCompliance, PreventionFacilitation, COMPLIANCE_FIELDS, FACILITATION_FIELDS,
};
use crate::domain::indicator::{IkuEntry, ENTRY_FIELDS, PROGRAMME_ENTRY_FIELDS};
use crate::domain::placement::{Placement, PLACEMENT_FIELDS};
use crate::domain::training::{Training, TRAINING_FIELDS};

/// `NAME: Value, Kind, "catalog key", FIELDS, Start, |record| its name`.
macro_rules! plain {
    ($name:ident: $v:ty, $kind:ident, $label:literal, $fields:expr, $start:expr, |$x:ident| $who:expr) => {
        pub static $name: Plain<$v> = Plain {
            form: FormSpec::plain(Kind::$kind, $label, $fields, $start),
            record: RecordSpec::without_status(|$x| $who, FromForm::Values(<$v>::from_fields)),
        };
    };
}

plain! { PLACEMENT: Placement, Placement, "kind.placement", PLACEMENT_FIELDS,
Start::Empty, |p| p.name.clone() }
plain! { FACILITATION: PreventionFacilitation, Facilitation, "kind.facilitation", FACILITATION_FIELDS,
Start::Today("date"), |f| f.company.clone() }
plain! { COMPLIANCE: CompanyCompliance, Compliance, "kind.compliance", COMPLIANCE_FIELDS,
Start::ThisYear("year"), |c| c.company.clone() }
// The training pane passes the year on screen; this year is the fallback.
plain! { TRAINING: Training, Training, "kind.training", TRAINING_FIELDS,
Start::ThisYear("year"), |t| format!("{} {}", t.scheme, t.year) }
plain! { IKU_ENTRY: IkuEntry, IkuEntry, "kind.iku_entry", ENTRY_FIELDS,
Start::Empty, |e| format!("{} {}", e.code, e.year) }
// A programme indicator's value (table 3.23): the IKU entry's record, its own form.
pub static PROGRAMME_ENTRY: Plain<IkuEntry> = Plain {
    form: FormSpec::plain(
        Kind::ProgrammeEntry,
        "kind.programme_entry",
        PROGRAMME_ENTRY_FIELDS,
        Start::Empty,
    ),
    record: RecordSpec::without_status(
        |e| format!("{} {}", e.code, e.year),
        FromForm::Values(IkuEntry::from_programme_fields),
    ),
};
