//! Strings shown to officers: one catalog per language (Indonesian default, English).
//! Every entry carries both languages, so a label can never be missing in one of them.
//! The entries are data the program ships (`data/i18n/*.toml`, read by `catalog`).

mod catalog;
mod msg;
#[cfg(test)]
mod msg_catalog_tests;
mod numbers;
#[cfg(test)]
mod tests;

pub use msg::{fill, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Result<Lang, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "indonesia" | "in" => Ok(Lang::Id),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (use id or en)")),
        }
    }

    /// The catalog entry for `key`; the key itself if the catalog lacks it (a test keeps
    /// the catalog complete for every key the program uses).
    pub fn t(self, key: &str) -> &'static str {
        match catalog::entries().get(key) {
            Some(entry) => match self {
                Lang::Id => &entry.id,
                Lang::En => &entry.en,
            },
            None => leak_missing(key),
        }
    }

    /// The catalog entry for `key`, or `None` where the catalog has none (for an optional,
    /// more particular text with a general one to fall back on).
    pub fn t_opt(self, key: &str) -> Option<&'static str> {
        catalog::entries().get(key).map(|entry| match self {
            Lang::Id => entry.id.as_str(),
            Lang::En => entry.en.as_str(),
        })
    }
}

/// The catalog's own `'static` copy of `key` (for a message whose key is put together, e.g.
/// `case_flow.needs.{field}`); None when the catalog lacks it.
pub fn static_key(key: &str) -> Option<&'static str> {
    catalog::entries()
        .get_key_value(key)
        .map(|(k, _)| k.as_str())
}

fn leak_missing(key: &str) -> &'static str {
    // Only reachable through a programming error; keep the key visible rather than panic.
    Box::leak(key.to_string().into_boxed_str())
}
