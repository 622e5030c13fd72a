//! A message for the officer as data: a catalog key and the values it names, worded in the
//! language of the screen or command that shows it. Validation, store refusals and the
//! command line's human text return these; CSV and JSON never carry them.
//!
//! Build one with [`msg!`](crate::msg) (`msg!("v.nik.len", 15)`): every key the program
//! uses is then a literal after `msg!(` that the catalog test finds and renders in both
//! languages.

use super::Lang;

/// A catalog key (`data/i18n/messages.toml`, `cli.toml`) and the values for its `{0}`,
/// `{1}`, ...; `inner` are messages worded in the same language that fill the places after
/// `args` (a field's reason inside "field: reason").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<String>,
    pub inner: Vec<Msg>,
}

impl Msg {
    pub fn new(key: &'static str, args: Vec<String>) -> Msg {
        Msg {
            key,
            args,
            inner: Vec::new(),
        }
    }

    /// This message with `m` (worded in the same language) as its next value.
    pub fn with(mut self, m: Msg) -> Msg {
        self.inner.push(m);
        self
    }

    /// The message in `lang`. A value that is a date (`2026-01-05`, as the store keeps it)
    /// is written as the officer reads and types dates (`05-01-2026`), on the screen and on
    /// the command line alike.
    pub fn text(&self, lang: Lang) -> String {
        let mut args: Vec<String> = self.args.iter().map(|a| shown_date(a)).collect();
        // `field: reason` names the field as the form labels it (`placed_on` → "Placed on")
        if self.key == "v.field_reason" {
            if let Some(field) = args.first_mut() {
                let key = format!("field.{field}");
                let label = lang.t(&key);
                if label != key {
                    *field = label.to_string();
                }
            }
        }
        args.extend(self.inner.iter().map(|m| m.text(lang)));
        fill(lang.t(self.key), &args)
    }

    /// Why a file could not be read or written, in the officer's words where the system's
    /// reason is a common one (no such file, no permission, disk full); else as the system
    /// says it.
    pub fn io(e: &std::io::Error) -> Msg {
        use std::io::ErrorKind as K;
        let key = match e.kind() {
            K::NotFound => "msg.io.not_found",
            K::PermissionDenied => "msg.io.permission",
            K::AlreadyExists => "msg.io.exists",
            K::IsADirectory => "msg.io.folder",
            K::StorageFull => "msg.io.full",
            K::ReadOnlyFilesystem => "msg.io.read_only",
            _ => return Msg::from(e.to_string()),
        };
        Msg::new(key, Vec::new())
    }

    /// The English text, for logs and the tests that read the English wording.
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }
}

/// A text that has no catalog entry (an error from a library, a file's own words): shown as
/// it is in both languages.
impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::new("msg.verbatim", vec![text])
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::from(text.to_string())
    }
}

/// `value` as the officer reads it: an ISO date (`YYYY-MM-DD`), alone or with its time
/// after a space (`2026-12-05 02:22:57`, a saving's moment), as `DD-MM-YYYY`; anything else
/// as it is.
fn shown_date(value: &str) -> String {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let time_after = b.len() == 19
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':'
        && digits(11..13)
        && digits(14..16)
        && digits(17..19);
    // a real day only: what an officer typed wrong (2026-13-01) is quoted as typed
    if (b.len() == 10 || time_after)
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && chrono::NaiveDate::parse_from_str(&value[..10], "%Y-%m-%d").is_ok()
    {
        format!(
            "{}-{}-{}{}",
            &value[8..10],
            &value[5..7],
            &value[0..4],
            &value[10..]
        )
    } else {
        value.to_string()
    }
}

/// A catalog template with `{0}`, `{1}`, ... filled in.
pub fn fill(template: &str, args: &[String]) -> String {
    let mut out = template.to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

/// `msg!("key", a, b)`: a [`Msg`] with the values' `to_string()`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $arg:expr)* $(,)?) => {
        $crate::i18n::Msg::new($key, vec![$($arg.to_string()),*])
    };
}
