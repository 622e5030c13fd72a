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

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        if self.inner.is_empty() {
            return fill(lang.t(self.key), &self.args);
        }
        let mut args = self.args.clone();
        args.extend(self.inner.iter().map(|m| m.text(lang)));
        fill(lang.t(self.key), &args)
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
