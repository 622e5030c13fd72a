//! Records and their rules. Pure: no SQL, no terminal.

pub mod calendar;
pub mod case;
pub mod country;
pub mod date;
pub mod demo;
pub mod dispute;
pub mod indicator;
pub mod kecamatan;
pub mod money;
pub mod nik;
pub mod placement;
pub mod refdata;
pub mod rng;
pub mod training;
pub mod transmigrant;

pub use case::{CaseCategory, CaseStatus, PmiCase, Scheme, Sector, Sex};
pub use kecamatan::{Kecamatan, KecamatanMatch};
pub use money::Money;
pub use nik::Nik;
pub use placement::Placement;

/// One problem with one field of a record, in words an officer understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's snake_case name (also the CSV column name).
    pub field: &'static str,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        FieldError {
            field,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// Parse a yes/no value as the import formats allow.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "ya" | "yes" | "y" | "1" | "true" => Some(true),
        "tidak" | "no" | "n" | "0" | "false" | "t" => Some(false),
        _ => None,
    }
}
