//! Records and their rules. Pure: no SQL, no terminal.

pub mod calendar;
pub mod case;
pub mod check;
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
#[cfg(test)]
pub(crate) mod testing;
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

/// A typed value as a message may quote it: at most 40 characters, control characters shown
/// as `?`, and a long run of digits (an identity number in the wrong column) masked but for
/// its last four. Messages reach terminals, mails and logs; they must stay one short line and
/// carry no one's NIK (UU 27/2022).
pub fn quoted(input: &str) -> String {
    const MAX: usize = 40;
    let s = input.trim();
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() && out.chars().count() < MAX {
        if chars[i].is_ascii_digit() {
            let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            for (k, c) in chars[i..i + run].iter().enumerate() {
                out.push(if run >= 8 && k < run - 4 { '*' } else { *c });
            }
            i += run;
        } else {
            out.push(if chars[i].is_control() { '?' } else { chars[i] });
            i += 1;
        }
    }
    if out.chars().count() > MAX || i < chars.len() {
        out = out.chars().take(MAX - 1).collect();
        out.push('…');
    }
    out
}

/// Parse a yes/no value as the import formats allow.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "ya" | "yes" | "y" | "1" | "true" => Some(true),
        "tidak" | "no" | "n" | "0" | "false" | "t" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_values_are_short_single_lines_without_identity_numbers() {
        assert_eq!(quoted(" Ponggok "), "Ponggok");
        assert_eq!(quoted("a\nb\u{1b}[31m"), "a?b?[31m");
        assert_eq!(quoted("3505124512950001"), "************0001");
        assert_eq!(quoted("Rp 1500000"), "Rp 1500000");
        assert_eq!(quoted(&"x".repeat(100)).chars().count(), 40);
        assert!(quoted(&"x".repeat(100)).ends_with('…'));
        assert_eq!(quoted(&"7".repeat(5000)).chars().count(), 40);
    }
}
