//! The catalogs as data the program ships: `data/i18n/*.toml`, one file per pane or piece of
//! work (so panes do not edit each other's strings), each entry `key = ["Indonesian", "English"]`.
//! They are embedded in the binary and read once, on the first lookup.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Every catalog file: its name (for messages) and its text.
pub const FILES: &[(&str, &str)] = &[
    ("core", include_str!("../../data/i18n/core.toml")),
    ("disputes", include_str!("../../data/i18n/disputes.toml")),
    ("iku", include_str!("../../data/i18n/iku.toml")),
    (
        "indicators",
        include_str!("../../data/i18n/indicators.toml"),
    ),
    ("trainings", include_str!("../../data/i18n/trainings.toml")),
    (
        "transmigrants",
        include_str!("../../data/i18n/transmigrants.toml"),
    ),
    (
        "reliability",
        include_str!("../../data/i18n/reliability.toml"),
    ),
    ("keys", include_str!("../../data/i18n/keys.toml")),
    ("lkjip", include_str!("../../data/i18n/lkjip.toml")),
    ("casework", include_str!("../../data/i18n/casework.toml")),
    (
        "jobseekers",
        include_str!("../../data/i18n/jobseekers.toml"),
    ),
    ("messages", include_str!("../../data/i18n/messages.toml")),
    ("cli", include_str!("../../data/i18n/cli.toml")),
    ("help", include_str!("../../data/i18n/help.toml")),
    ("charts", include_str!("../../data/i18n/charts.toml")),
    ("domestic", include_str!("../../data/i18n/domestic.toml")),
];

/// One string in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub id: String,
    pub en: String,
}

/// The entries of one catalog file; an error names the file and the key that is not
/// `key = ["Indonesian", "English"]` with both filled.
pub fn parse(name: &str, text: &str) -> Result<Vec<Entry>, String> {
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("data/i18n/{name}.toml: {e}"))?;
    table
        .into_iter()
        .map(|(key, value)| {
            let pair = value.as_array().and_then(|a| match a.as_slice() {
                [id, en] => Some((id.as_str()?, en.as_str()?)),
                _ => None,
            });
            match pair {
                Some((id, en)) if !id.is_empty() && !en.is_empty() => Ok(Entry {
                    id: id.to_string(),
                    en: en.to_string(),
                    key,
                }),
                _ => Err(format!(
                    "data/i18n/{name}.toml: {key} is not [\"Indonesian\", \"English\"]"
                )),
            }
        })
        .collect()
}

/// Every file's entries, or the first error (a key twice, in one file or across files, is one).
pub fn parse_all(files: &[(&str, &str)]) -> Result<Vec<Entry>, String> {
    let mut all: Vec<Entry> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (name, text) in files {
        for entry in parse(name, text)? {
            if !seen.insert(entry.key.clone()) {
                return Err(format!("data/i18n/{name}.toml: {} again", entry.key));
            }
            all.push(entry);
        }
    }
    Ok(all)
}

/// The embedded catalogs by key, read on first use. The files are checked by the tests, so a
/// broken one never ships; should it, the program stops with the file and key named.
pub fn entries() -> &'static HashMap<String, Entry> {
    static BY_KEY: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    BY_KEY.get_or_init(|| match parse_all(FILES) {
        Ok(all) => all.into_iter().map(|e| (e.key.clone(), e)).collect(),
        Err(e) => panic!("{e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses() {
        for (name, text) in FILES {
            let entries = parse(name, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!entries.is_empty(), "{name} is empty");
        }
        let all = parse_all(FILES).unwrap();
        assert_eq!(all.len(), entries().len());
        let e = &entries()["pane.cases"];
        assert_eq!((e.id.as_str(), e.en.as_str()), ("Kasus PMI", "PMI cases"));
    }

    #[test]
    fn a_malformed_entry_is_named() {
        let one = |text: &str| parse("x", text);
        assert_eq!(
            one("\"a.b\" = [\"Satu\", \"One\"]\n# note\n").unwrap(),
            vec![Entry {
                key: "a.b".into(),
                id: "Satu".into(),
                en: "One".into()
            }]
        );
        for bad in [
            "k = [\"Satu\"]",
            "k = [\"Satu\", \"One\", \"Uno\"]",
            "k = [\"Satu\", 1]",
            "k = [\"\", \"One\"]",
            "k = \"Satu\"",
        ] {
            let err = one(bad).unwrap_err();
            assert!(err.contains("data/i18n/x.toml: k is not"), "{bad}: {err}");
        }
        assert!(one("k = [").unwrap_err().starts_with("data/i18n/x.toml:"));
        assert!(one("k = [\"a\", \"b\"]\nk = [\"c\", \"d\"]").is_err());
    }

    #[test]
    fn a_key_in_two_files_is_refused() {
        let err = parse_all(&[("a", "k = [\"x\", \"y\"]"), ("b", "k = [\"x\", \"y\"]")]);
        assert_eq!(err.unwrap_err(), "data/i18n/b.toml: k again");
    }
}
