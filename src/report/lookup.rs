//! The kecamatan lookup: "how many PMI from Ponggok?" in one answer, for the TUI's `L`,
//! `disnaker lookup` (table, csv, json) and the tests alike.

use super::table::{Cell, Table};
use crate::domain::{CaseCategory, Kecamatan};
use crate::store::{self, Store};
use serde::Serialize;

/// How many countries the lookup names.
pub const TOP_COUNTRIES: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookupReport {
    pub kecamatan: String,
    pub year: i32,
    pub placements: PlacementLookup,
    pub cases: CaseLookup,
    pub trainees: NotYetRecorded,
    pub transmigrant_families: NotYetRecorded,
}

/// Placements from the kecamatan departing in the year (archived ones left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementLookup {
    pub total: i64,
    pub male: i64,
    pub female: i64,
    pub formal: i64,
    pub informal: i64,
    pub formal_male: i64,
    pub formal_female: i64,
    pub informal_male: i64,
    pub informal_female: i64,
    /// Largest first, equal counts by name; at most `TOP_COUNTRIES`.
    pub top_countries: Vec<CountryCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryCount {
    pub country: String,
    pub count: i64,
}

/// PMI cases from the kecamatan, all years (an open case matters whenever it was
/// reported), archived ones left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseLookup {
    pub open: i64,
    pub closed: i64,
    /// Every category, in the workflow's order, zeros included.
    pub by_category: Vec<CategoryCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    pub category: String,
    pub open: i64,
    pub closed: i64,
}

/// A figure whose records the program does not keep yet: always 0, and says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotYetRecorded {
    pub count: i64,
    /// False until the record kind exists; the count is then a real zero or more.
    pub recorded: bool,
    pub note: String,
}

impl NotYetRecorded {
    fn new(what: &str) -> Self {
        NotYetRecorded {
            count: 0,
            recorded: false,
            note: format!("{what} records do not exist yet"),
        }
    }
}

/// Everything the lookup shows for `kecamatan`: placements in `year`, cases of all years.
pub fn lookup(store: &Store, kecamatan: Kecamatan, year: i32) -> store::Result<LookupReport> {
    let c = store.placement_counts_in_kecamatan(kecamatan, year)?;
    let top_countries = store
        .top_countries_in_kecamatan(kecamatan, year, TOP_COUNTRIES)?
        .into_iter()
        .map(|(country, count)| CountryCount { country, count })
        .collect();
    let stored = store.case_counts_in_kecamatan(kecamatan)?;
    let by_category: Vec<CategoryCount> = CaseCategory::ALL
        .iter()
        .map(|cat| {
            let found = stored.iter().find(|s| s.category == cat.as_str());
            CategoryCount {
                category: cat.as_str().to_string(),
                open: found.map_or(0, |s| s.open),
                closed: found.map_or(0, |s| s.closed),
            }
        })
        .collect();
    Ok(LookupReport {
        kecamatan: kecamatan.name().to_string(),
        year,
        placements: PlacementLookup {
            total: c.total(),
            male: c.male(),
            female: c.female(),
            formal: c.formal(),
            informal: c.informal(),
            formal_male: c.formal_male,
            formal_female: c.formal_female,
            informal_male: c.informal_male,
            informal_female: c.informal_female,
            top_countries,
        },
        cases: CaseLookup {
            open: by_category.iter().map(|b| b.open).sum(),
            closed: by_category.iter().map(|b| b.closed).sum(),
            by_category,
        },
        trainees: NotYetRecorded::new("trainee"),
        transmigrant_families: NotYetRecorded::new("transmigrant family"),
    })
}

impl LookupReport {
    /// One figure per row: `section,item,count,note` (for `--format table|csv`).
    pub fn to_table(&self) -> Table {
        let mut rows = Vec::new();
        let mut put = |section: &str, item: &str, count: i64, note: &str| {
            rows.push(vec![
                Cell::Text(section.into()),
                Cell::Text(item.into()),
                Cell::Int(count),
                if note.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(note.into())
                },
            ]);
        };
        let p = &self.placements;
        for (item, n) in [
            ("total", p.total),
            ("male", p.male),
            ("female", p.female),
            ("formal", p.formal),
            ("informal", p.informal),
            ("formal_male", p.formal_male),
            ("formal_female", p.formal_female),
            ("informal_male", p.informal_male),
            ("informal_female", p.informal_female),
        ] {
            put("placements", item, n, "");
        }
        for c in &p.top_countries {
            put("top_countries", &c.country, c.count, "");
        }
        for b in &self.cases.by_category {
            put("cases_open", &b.category, b.open, "");
        }
        put("cases_open", "total", self.cases.open, "");
        for b in &self.cases.by_category {
            put("cases_closed", &b.category, b.closed, "");
        }
        put("cases_closed", "total", self.cases.closed, "");
        for (section, n) in [
            ("trainees", &self.trainees),
            ("transmigrant_families", &self.transmigrant_families),
        ] {
            put(section, "total", n.count, &n.note);
        }
        Table {
            header: ["section", "item", "count", "note"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_store_answers_with_zeros_and_says_what_is_not_recorded() {
        let s = Store::open_in_memory("t").unwrap();
        let k = Kecamatan::parse("Wates").unwrap();
        let r = lookup(&s, k, 2024).unwrap();
        assert_eq!(r.placements.total, 0);
        assert!(r.placements.top_countries.is_empty());
        assert_eq!(r.cases.by_category.len(), 4);
        assert!(!r.trainees.recorded);
        let t = r.to_table();
        assert_eq!(t.header, vec!["section", "item", "count", "note"]);
        let last = t.rows.last().unwrap();
        assert_eq!(last[0], Cell::Text("transmigrant_families".into()));
        assert!(matches!(&last[3], Cell::Text(n) if n.contains("do not exist yet")));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["placements"]["total"], 0);
        assert_eq!(json["trainees"]["recorded"], false);
    }
}
