//! The names an import file's columns go by: the English name of SPEC §5 and the Indonesian
//! ones of `data/import_columns.toml`, with an office's own from `config.toml`
//! (`[import_columns.KIND]`); the numbering column (`No`) that is ignored, the columns that
//! hold dates, and values written another way (`Laki-laki` for `L`).
//!
//! The reader needs no import kind to use them: a heading names the column of the file's
//! kind that lists it, whichever kind's table lists it (one heading never names two columns
//! of one kind), so an importer added later gets its Indonesian headings from the table
//! without code.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The names as shipped.
const SHIPPED: &str = include_str!("../../data/import_columns.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    numbering: Vec<String>,
    dates: Vec<String>,
    values: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    columns: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

/// An office's own headings (`[import_columns.KIND]` in config.toml): column → names.
pub type OfficeNames = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Every name the columns go by, ready for matching.
#[derive(Debug)]
pub struct Names {
    /// Normalised heading → the columns (English names) it names, of any kind.
    headings: BTreeMap<String, BTreeSet<String>>,
    numbering: BTreeSet<String>,
    dates: BTreeSet<String>,
    /// Column → normalised value → the value it stands for.
    values: BTreeMap<String, BTreeMap<String, String>>,
    /// Kind → its columns (English names), as the table lists them.
    kinds: BTreeMap<String, BTreeSet<String>>,
}

/// A heading or value as it is matched: lower case, without spaces, `_` or `-`.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A value as it is matched: as [`norm`], `.` ignored too.
fn norm_value(s: &str) -> String {
    norm(s).replace('.', "")
}

impl Names {
    /// The shipped names with `office`'s added. An office name for a kind or a column the
    /// table does not have is refused (a typo would silently never match).
    pub fn with_office(office: &OfficeNames) -> Result<Names, String> {
        let file: File = toml::from_str(SHIPPED).map_err(|e| e.to_string())?;
        let mut names = Names {
            headings: BTreeMap::new(),
            numbering: file.numbering.iter().map(|n| norm(n)).collect(),
            dates: file.dates.into_iter().collect(),
            values: BTreeMap::new(),
            kinds: BTreeMap::new(),
        };
        for (column, by_value) in file.values {
            let table = names.values.entry(column).or_default();
            for (value, spellings) in by_value {
                for s in spellings.iter().chain(std::iter::once(&value)) {
                    table.insert(norm_value(s), value.clone());
                }
            }
        }
        for (kind, columns) in &file.columns {
            for (column, headings) in columns {
                names.add(kind, column, headings);
            }
        }
        for (kind, columns) in office {
            let Some(known) = names.kinds.get(kind) else {
                let kinds: Vec<&str> = names.kinds.keys().map(String::as_str).collect();
                return Err(format!(
                    "[import_columns.{kind}]: no such import ({})",
                    kinds.join(", ")
                ));
            };
            for column in columns.keys() {
                if !known.contains(column) {
                    let all: Vec<&str> = known.iter().map(String::as_str).collect();
                    return Err(format!(
                        "[import_columns.{kind}] {column}: no such column ({})",
                        all.join(", ")
                    ));
                }
            }
            for (column, headings) in columns {
                names.add(kind, column, headings);
            }
        }
        Ok(names)
    }

    fn add(&mut self, kind: &str, column: &str, headings: &[String]) {
        self.kinds
            .entry(kind.to_string())
            .or_default()
            .insert(column.to_string());
        for h in headings.iter().map(String::as_str).chain([column]) {
            self.headings
                .entry(norm(h))
                .or_default()
                .insert(column.to_string());
        }
    }

    /// The column `heading` names among `known` (the columns of the file's kind), if one.
    pub fn column<'k>(&self, heading: &str, known: &[&'k str]) -> Option<&'k str> {
        let n = norm(heading);
        if let Some(k) = known.iter().find(|k| norm(k) == n) {
            return Some(k);
        }
        let named = self.headings.get(&n)?;
        known.iter().copied().find(|k| named.contains(*k))
    }

    /// A heading of the numbering column (`No`, `No.`).
    pub fn is_numbering(&self, heading: &str) -> bool {
        self.numbering.contains(&norm(heading))
    }

    /// A column holding dates.
    pub fn is_date(&self, column: &str) -> bool {
        column.ends_with("_on") || column.ends_with("_date") || self.dates.contains(column)
    }

    /// The value `value` of `column` stands for (`Laki-laki` → `L`), when written another
    /// way.
    pub fn value(&self, column: &str, value: &str) -> Option<&str> {
        self.values
            .get(column)?
            .get(&norm_value(value))
            .map(String::as_str)
    }

    /// The columns of each kind as the table lists them.
    pub fn kinds(&self) -> &BTreeMap<String, BTreeSet<String>> {
        &self.kinds
    }
}

static OFFICE: OnceLock<Names> = OnceLock::new();

/// Use the office's names from now on (the command line sets them once, before an import).
pub fn use_office_names(office: &OfficeNames) -> Result<(), String> {
    let names = Names::with_office(office)?;
    let _ = OFFICE.set(names);
    Ok(())
}

/// The names in use: the office's when set, else the shipped ones.
pub fn names() -> &'static Names {
    static SHIPPED_NAMES: OnceLock<Names> = OnceLock::new();
    OFFICE.get().unwrap_or_else(|| {
        SHIPPED_NAMES.get_or_init(|| {
            Names::with_office(&OfficeNames::new()).expect("data/import_columns.toml is valid")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Names {
        Names::with_office(&OfficeNames::new()).unwrap()
    }

    #[test]
    fn headings_match_without_regard_to_case_and_spaces() {
        let n = shipped();
        let known = ["nik", "name", "sex", "desa", "departure_date", "country"];
        assert_eq!(
            n.column("  tanggal   BERANGKAT ", &known),
            Some("departure_date")
        );
        assert_eq!(n.column("Tgl. Berangkat", &known), Some("departure_date"));
        assert_eq!(n.column("Departure-Date", &known), Some("departure_date"));
        assert_eq!(n.column("Desa / Kelurahan", &known), Some("desa"));
        assert_eq!(n.column("L/P", &known), Some("sex"));
        assert_eq!(n.column("Nama CPMI", &known), Some("name"));
        assert_eq!(n.column("Negara Tujuan", &known), Some("country"));
        // A heading of another kind's column only: not this kind's.
        assert_eq!(n.column("No KK", &known), None);
        assert!(n.is_numbering("No.") && n.is_numbering(" NO "));
        assert!(n.is_date("placed_on") && n.is_date("valid_until") && !n.is_date("nik"));
        assert_eq!(n.value("sex", "Laki-Laki"), Some("L"));
        assert_eq!(n.value("sex", "pr."), Some("P"));
        assert_eq!(n.value("sex", "x"), None);
    }

    /// One heading never names two columns of the same kind, whichever kind's table it
    /// comes from (the reader matches against every table).
    #[test]
    fn no_heading_names_two_columns_of_one_kind() {
        let n = shipped();
        for (kind, columns) in n.kinds() {
            for (heading, named) in &n.headings {
                let here: Vec<&String> = named.iter().filter(|c| columns.contains(*c)).collect();
                assert!(here.len() <= 1, "{kind}: '{heading}' names {here:?}");
            }
        }
        // Every kind the command line imports has its table, the two being added too.
        for kind in [
            "placements",
            "cases",
            "disputes",
            "trainees",
            "transmigrants",
            "jobseekers",
            "domestic",
        ] {
            assert!(n.kinds().contains_key(kind), "{kind}");
        }
    }

    #[test]
    fn an_office_adds_its_own_names_and_a_typo_is_named() {
        let mut office = OfficeNames::new();
        office.insert(
            "placements".into(),
            [("name".to_string(), vec!["Nama TKI".to_string()])].into(),
        );
        let n = Names::with_office(&office).unwrap();
        assert_eq!(n.column("nama tki", &["name", "nik"]), Some("name"));
        office.insert(
            "placement".into(),
            [("name".to_string(), vec!["x".to_string()])].into(),
        );
        let e = Names::with_office(&office).unwrap_err();
        assert!(
            e.starts_with("[import_columns.placement]: no such import"),
            "{e}"
        );
        let mut office = OfficeNames::new();
        office.insert(
            "trainees".into(),
            [("nama".to_string(), vec!["x".to_string()])].into(),
        );
        let e = Names::with_office(&office).unwrap_err();
        assert!(
            e.starts_with("[import_columns.trainees] nama: no such column"),
            "{e}"
        );
    }
}
