//! The 22 kecamatan of Kabupaten Blitar and how officers name them.

use super::refdata;
use crate::i18n::Msg;
use crate::msg;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kecamatan(&'static str);

/// The result of matching what an officer typed against the 22 names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KecamatanMatch {
    One(Kecamatan),
    /// Several names start with the prefix.
    Ambiguous(Vec<Kecamatan>),
    /// Nothing matches; the nearest name by spelling, if any is close.
    Unknown {
        nearest: Option<Kecamatan>,
    },
}

fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| refdata::single_column(refdata::KECAMATAN_CSV).collect())
}

impl Kecamatan {
    /// All 22 in the office's order (`data/kecamatan.csv`, the order of the published
    /// table 3.17): alphabetical as the office writes it, which puts Selorejo before Selopuro.
    /// Every list and export uses this one order.
    pub fn all() -> Vec<Kecamatan> {
        names().iter().map(|n| Kecamatan(n)).collect()
    }

    pub fn name(&self) -> &'static str {
        self.0
    }

    /// Exact name, any case (the form imports and stored records use).
    pub fn parse(input: &str) -> Result<Kecamatan, Msg> {
        let t = input.trim();
        // The report's spelling of Kanigoro.
        let t = if t.eq_ignore_ascii_case("kaniogoro") {
            "Kanigoro"
        } else {
            t
        };
        names()
            .iter()
            .find(|n| n.eq_ignore_ascii_case(t))
            .map(|n| Kecamatan(n))
            .ok_or_else(|| match Self::find(t) {
                KecamatanMatch::Unknown {
                    nearest: Some(near),
                }
                | KecamatanMatch::One(near) => msg!(
                    "v.kecamatan.unknown_near",
                    crate::domain::quoted(t),
                    near.name()
                ),
                // the beginning of several: name them
                KecamatanMatch::Ambiguous(hits) if !t.is_empty() && hits.len() <= 6 => msg!(
                    "v.kecamatan.ambiguous",
                    crate::domain::quoted(t),
                    hits.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
                ),
                _ => msg!("v.kecamatan.unknown", crate::domain::quoted(t)),
            })
    }

    /// Case-insensitive prefix match: `pong` → Ponggok; an exact name wins over longer ones.
    pub fn find(input: &str) -> KecamatanMatch {
        let q = input.trim().to_lowercase();
        if q.is_empty() {
            return KecamatanMatch::Ambiguous(Self::all());
        }
        if let Some(n) = names().iter().find(|n| n.to_lowercase() == q) {
            return KecamatanMatch::One(Kecamatan(n));
        }
        let hits: Vec<Kecamatan> = names()
            .iter()
            .filter(|n| n.to_lowercase().starts_with(&q))
            .map(|n| Kecamatan(n))
            .collect();
        match hits.len() {
            1 => KecamatanMatch::One(hits[0]),
            0 => KecamatanMatch::Unknown {
                nearest: Self::nearest(&q),
            },
            _ => KecamatanMatch::Ambiguous(hits),
        }
    }

    /// Names starting with the prefix (for completion in forms).
    pub fn completions(prefix: &str) -> Vec<Kecamatan> {
        let q = prefix.trim().to_lowercase();
        Self::all()
            .into_iter()
            .filter(|k| k.0.to_lowercase().starts_with(&q))
            .collect()
    }

    fn nearest(q: &str) -> Option<Kecamatan> {
        // A name this long is no kecamatan misspelt (and the distance costs its length).
        if q.chars().count() > 40 {
            return None;
        }
        names()
            .iter()
            .map(|n| (edit_distance(q, &n.to_lowercase()), *n))
            .filter(|(d, n)| *d <= (n.len() / 2).max(2))
            .min()
            .map(|(_, n)| Kecamatan(n))
    }
}

impl std::fmt::Display for Kecamatan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Levenshtein distance, for "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_22_in_order() {
        let all = Kecamatan::all();
        assert_eq!(all.len(), 22);
        assert_eq!(all[0].name(), "Bakung");
        assert_eq!(all[21].name(), "Wonotirto");
    }

    #[test]
    fn prefix_and_case() {
        assert_eq!(
            Kecamatan::find("pong"),
            KecamatanMatch::One(Kecamatan::parse("Ponggok").unwrap())
        );
        assert_eq!(Kecamatan::parse("PONGGOK").unwrap().name(), "Ponggok");
        match Kecamatan::find("wo") {
            KecamatanMatch::Ambiguous(v) => {
                let n: Vec<_> = v.iter().map(|k| k.name()).collect();
                assert_eq!(n, vec!["Wonodadi", "Wonotirto"]); // the office's order
            }
            other => panic!("{other:?}"),
        }
        // "Selo" is a prefix of Selorejo and Selopuro
        assert!(matches!(
            Kecamatan::find("selo"),
            KecamatanMatch::Ambiguous(_)
        ));
        // a record needs the whole name: the beginning of several names them, of one names it
        assert_eq!(
            Kecamatan::parse("sel").unwrap_err().en(),
            "kecamatan 'sel' is not clear: it matches Selorejo, Selopuro; type more letters"
        );
        assert_eq!(
            Kecamatan::parse("pong").unwrap_err().en(),
            "unknown kecamatan 'pong' (did you mean Ponggok?)"
        );
    }

    #[test]
    fn unknown_suggests_nearest() {
        assert_eq!(
            Kecamatan::find("Ponggk"),
            KecamatanMatch::Unknown {
                nearest: Some(Kecamatan::parse("Ponggok").unwrap())
            }
        );
        assert_eq!(
            Kecamatan::find("Jakarta"),
            KecamatanMatch::Unknown { nearest: None }
        );
        assert!(Kecamatan::parse("Ponggk")
            .unwrap_err()
            .en()
            .contains("Ponggok"));
        assert_eq!(Kecamatan::parse("Kaniogoro").unwrap().name(), "Kanigoro");
    }
}
