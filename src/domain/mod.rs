//! Records and their rules. Pure: no SQL, no terminal.

pub mod calendar;
pub mod case;
pub mod case_flow;
pub mod casework;
pub mod check;
pub mod country;
pub mod date;
pub mod demo;
pub mod dispute;
pub mod domestic;
pub mod indicator;
pub mod jobseeker;
pub mod kecamatan;
pub mod money;
pub mod nik;
pub mod placement;
pub mod province;
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

use crate::i18n::{Lang, Msg};

/// One problem with one field of a record, in words an officer understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's snake_case name (also the CSV column name).
    pub field: &'static str,
    /// What is wrong, as a catalog key and its values: the screen or command words it.
    pub reason: Msg,
}

impl FieldError {
    pub fn new(field: &'static str, reason: impl Into<Msg>) -> Self {
        FieldError {
            field,
            reason: reason.into(),
        }
    }
}

impl FieldError {
    /// `field: reason` in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.msg().text(lang)
    }

    /// `field: reason` as one message.
    pub fn msg(&self) -> Msg {
        crate::msg!("v.field_reason", self.field).with(self.reason.clone())
    }

    /// Every error as one message, `a: x; b: y`.
    pub fn all(errors: &[FieldError]) -> Msg {
        let mut it = errors.iter().map(FieldError::msg);
        let first = it.next().unwrap_or_else(|| crate::msg!("msg.verbatim", ""));
        it.fold(first, |acc, m| {
            crate::msg!("msg.semicolon").with(acc).with(m)
        })
    }
}

/// In English (logs, tests); screens and commands use [`FieldError::text`].
impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A typed value as a message may quote it: at most 40 characters, control characters shown
/// as `?`, and a long run of digits (an identity number in the wrong column) masked but for
/// its last four. Messages reach terminals, mails and logs; they must stay one short line and
/// carry no one's NIK (UU 27/2022).
pub fn quoted(input: &str) -> String {
    const MAX: usize = 40;
    let s = masked_line(input.trim());
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

/// A whole message made safe to print: control characters shown as `?`, and an identity
/// number — sixteen digits, written whole or in groups with spaces, dots or dashes between
/// them (`3505 1245 1295 0001`) — masked but for its last four digits. Nothing is cut: this is
/// the net under every line the program prints about the officer's input.
pub fn masked_line(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        // A number: digit groups joined by one separator each.
        let mut j = i;
        let mut digits = Vec::new();
        while j < chars.len() && chars[j].is_ascii_digit() {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            digits.extend(start..j);
            let joined = j + 1 < chars.len()
                && matches!(chars[j], ' ' | '.' | '-')
                && chars[j + 1].is_ascii_digit();
            if !joined {
                break;
            }
            j += 1;
        }
        if digits.len() >= 16 {
            let keep = digits.len() - 4;
            for (k, c) in chars[i..j].iter().enumerate() {
                let at = i + k;
                let pos = digits.iter().position(|&d| d == at);
                out.push(match pos {
                    Some(p) if p < keep => '*',
                    _ => *c,
                });
            }
            i = j.max(i + 1);
            continue;
        }
        let c = chars[i];
        out.push(if c.is_control() { '?' } else { c });
        i += 1;
    }
    out.into_iter().collect()
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
        assert_eq!(quoted("3505 1245 1295 0001"), "**** **** **** 0001");
        assert_eq!(quoted("3505.1245.1295.0001"), "****.****.****.0001");
        assert_eq!(
            super::masked_line("case 3505-1245-1295-0001 at 2026-12-04, \u{1b}]0;x\u{7}"),
            "case ****-****-****-0001 at 2026-12-04, ?]0;x?"
        );
        assert_eq!(quoted("Rp 1500000"), "Rp 1500000");
        assert_eq!(quoted(&"x".repeat(100)).chars().count(), 40);
        assert!(quoted(&"x".repeat(100)).ends_with('…'));
        assert_eq!(quoted(&"7".repeat(5000)).chars().count(), 40);
    }
}
