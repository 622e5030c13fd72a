//! The kecamatan lookup: "how many PMI from Ponggok?" in one answer, for the TUI's `L`,
//! `disnaker lookup` (table, csv, json) and the tests alike.

use super::chart::{five_years_and_rank, Rank, YearCount};
use super::table::{Cell, Table};
use super::transmigrants::waiting_day;
use crate::domain::date::Date;
use crate::domain::{CaseCategory, Kecamatan};
use crate::store::{self, Store};
use serde::Serialize;

/// How many countries the lookup names.
pub const TOP_COUNTRIES: usize = 5;

/// The years whose placements per kecamatan the LKjIP published, and the table they are
/// stored under (`data/pmi_placements_2024_by_kecamatan.csv`).
pub const PUBLISHED_BY_KECAMATAN: &[(i32, &str)] = &[(2024, "pmi_placements_2024_by_kecamatan")];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookupReport {
    pub kecamatan: String,
    pub year: i32,
    pub placements: PlacementLookup,
    pub domestic: DomesticLookup,
    pub cases: CaseLookup,
    pub trainees: TraineeLookup,
    pub transmigrant_families: FamilyLookup,
    pub jobseekers: JobseekerLookup,
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
    /// For a year the LKjIP published: its figures for the kecamatan, shown beside the
    /// records' (`null` for any other year).
    pub lkjip: Option<PublishedPlacements>,
    /// The kecamatan's placements in each of the five years ending at the year, oldest
    /// first, zeros included (issue 18, 7).
    pub last_five_years: Vec<YearCount>,
    /// Its place among the 22 kecamatan by the year's placements (1 = the most).
    pub rank: Rank,
}

/// The placements of one kecamatan as the LKjIP printed them (table of placements per
/// kecamatan), not counted from the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedPlacements {
    pub total: i64,
    pub formal_male: i64,
    pub formal_female: i64,
    pub informal_male: i64,
    pub informal_female: i64,
}

/// The LKjIP's placements for `kecamatan` in `year`, when that year was published.
fn published_placements(
    store: &Store,
    kecamatan: Kecamatan,
    year: i32,
) -> store::Result<Option<PublishedPlacements>> {
    let Some((_, table)) = PUBLISHED_BY_KECAMATAN.iter().find(|(y, _)| *y == year) else {
        return Ok(None);
    };
    let rows = store.published_rows(table)?;
    let row = rows
        .iter()
        .find(|r| r.get("kecamatan").is_some_and(|k| k == kecamatan.name()));
    Ok(row.map(|r| {
        let n = |k: &str| {
            r.get(k)
                .and_then(|v| v.trim().parse::<i64>().ok())
                .unwrap_or(0)
        };
        PublishedPlacements {
            total: n("total"),
            formal_male: n("formal_male"),
            formal_female: n("formal_female"),
            informal_male: n("informal_male"),
            informal_female: n("informal_female"),
        }
    }))
}

/// Domestic placements of job seekers from the kecamatan placed in the year (archived ones
/// left out): AKL within Jawa Timur, AKAD to another province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomesticLookup {
    pub akl: i64,
    pub akad: i64,
    pub total: i64,
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

/// Participants from the kecamatan in the trainings held in the year (archived ones left
/// out): how many, how many graduated, how many work now (a wage job or their own business,
/// as IKU1 counts them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraineeLookup {
    pub participants: i64,
    pub graduated: i64,
    pub employed: i64,
}

/// Transmigrant families from the kecamatan: registered in the year, departed in the year,
/// and waiting at the end of the year (today, for the current year), like pane 5 counts them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilyLookup {
    pub registered: i64,
    pub departed: i64,
    pub waiting: i64,
}

/// Job seekers from the kecamatan: registrations active at the end of the year (today, for
/// the current year) and placed in the year, like pane 7 counts them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobseekerLookup {
    pub active: i64,
    pub placed: i64,
}

/// Everything the lookup shows for `kecamatan`: placements, trainees and families in `year`,
/// cases of all years; `today` is the day families still waiting are counted on in the
/// current year.
pub fn lookup(
    store: &Store,
    kecamatan: Kecamatan,
    year: i32,
    today: Date,
) -> store::Result<LookupReport> {
    let c = store.placement_counts_in_kecamatan(kecamatan, year)?;
    let top_countries = store
        .top_countries_in_kecamatan(kecamatan, year, TOP_COUNTRIES)?
        .into_iter()
        .map(|(country, count)| CountryCount { country, count })
        .collect();
    let lkjip = published_placements(store, kecamatan, year)?;
    let (last_five_years, rank) = five_years_and_rank(store, kecamatan, year)?;
    let (akl, akad) =
        super::domestic::of_kecamatan(&store.domestic_counts(year)?, kecamatan.name());
    let stored = store.case_counts_in_kecamatan(kecamatan)?;
    let trained = store.trainee_counts_for_kecamatan(kecamatan.name(), year)?;
    let f = store.transmigration_counts_in_kecamatan(
        kecamatan.name(),
        year,
        waiting_day(year, today),
    )?;
    let families = FamilyLookup {
        registered: f.registered,
        departed: f.departed,
        waiting: f.waiting,
    };
    let j = store.jobseeker_counts(year, today, Some(kecamatan.name()))?;
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
            lkjip,
            last_five_years,
            rank,
        },
        domestic: DomesticLookup {
            akl,
            akad,
            total: akl + akad,
        },
        cases: CaseLookup {
            open: by_category.iter().map(|b| b.open).sum(),
            closed: by_category.iter().map(|b| b.closed).sum(),
            by_category,
        },
        trainees: TraineeLookup {
            participants: trained.participants,
            graduated: trained.graduated,
            employed: trained.employed,
        },
        transmigrant_families: families,
        jobseekers: JobseekerLookup {
            active: j.active,
            placed: j.placed,
        },
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
        if let Some(l) = &p.lkjip {
            let note = format!("LKjIP {}", self.year);
            for (item, n) in [
                ("total", l.total),
                ("formal_male", l.formal_male),
                ("formal_female", l.formal_female),
                ("informal_male", l.informal_male),
                ("informal_female", l.informal_female),
            ] {
                put("placements_lkjip", item, n, &note);
            }
        }
        for c in &p.top_countries {
            put("top_countries", &c.country, c.count, "");
        }
        for y in &p.last_five_years {
            put("placements_by_year", &y.year.to_string(), y.count, "");
        }
        if let Some(place) = p.rank.place {
            let of = format!("of {}", p.rank.of);
            put("placements_rank", &self.year.to_string(), place, &of);
        }
        let d = &self.domestic;
        for (item, n) in [("akl", d.akl), ("akad", d.akad), ("total", d.total)] {
            put("domestic", item, n, "");
        }
        for b in &self.cases.by_category {
            put("cases_open", &b.category, b.open, "");
        }
        put("cases_open", "total", self.cases.open, "");
        for b in &self.cases.by_category {
            put("cases_closed", &b.category, b.closed, "");
        }
        put("cases_closed", "total", self.cases.closed, "");
        let (t, f) = (&self.trainees, &self.transmigrant_families);
        for (section, item, n) in [
            ("trainees", "participants", t.participants),
            ("trainees", "graduated", t.graduated),
            ("trainees", "employed", t.employed),
            ("transmigrant_families", "registered", f.registered),
            ("transmigrant_families", "departed", f.departed),
            ("transmigrant_families", "waiting", f.waiting),
            ("jobseekers", "active", self.jobseekers.active),
            ("jobseekers", "placed", self.jobseekers.placed),
        ] {
            put(section, item, n, "");
        }
        Table::new(&["section", "item", "count", "note"], rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_store_answers_with_zeros() {
        let s = Store::open_in_memory("t").unwrap();
        let k = Kecamatan::parse("Wates").unwrap();
        let day = Date::from_ymd_opt(2024, 6, 1).unwrap();
        let r = lookup(&s, k, 2024, day).unwrap();
        assert_eq!(r.placements.total, 0);
        assert!(r.placements.top_countries.is_empty());
        assert_eq!(r.cases.by_category.len(), 4);
        assert_eq!(r.trainees.participants, 0);
        assert_eq!(r.transmigrant_families.waiting, 0);
        let t = r.to_table();
        assert_eq!(t.header, vec!["section", "item", "count", "note"]);
        let last = t.rows.last().unwrap();
        assert_eq!(last[0], Cell::Text("jobseekers".into()));
        assert_eq!(last[1], Cell::Text("placed".into()));
        assert!(t
            .rows
            .iter()
            .any(|row| row[0] == Cell::Text("transmigrant_families".into())
                && row[1] == Cell::Text("waiting".into())));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["placements"]["total"], 0);
        assert_eq!(json["trainees"]["participants"], 0);
        // 2024 is a published year, but Wates' row is not the point here: a year the LKjIP
        // did not publish has no published figure at all.
        let r = lookup(&s, k, 2023, day).unwrap();
        assert_eq!(r.placements.lkjip, None);
        assert!(!r
            .to_table()
            .rows
            .iter()
            .any(|row| row[0] == Cell::Text("placements_lkjip".into())));
    }

    #[test]
    fn a_published_year_carries_the_lkjip_figure_beside_the_records() {
        let s = Store::open_in_memory("t").unwrap();
        let k = Kecamatan::parse("Ponggok").unwrap();
        let day = Date::from_ymd_opt(2024, 6, 1).unwrap();
        let r = lookup(&s, k, 2024, day).unwrap();
        assert_eq!(r.placements.total, 0, "no records");
        // data/pmi_placements_2024_by_kecamatan.csv: Ponggok,103,7,3,257,370
        assert_eq!(
            r.placements.lkjip,
            Some(PublishedPlacements {
                total: 370,
                formal_male: 103,
                formal_female: 7,
                informal_male: 3,
                informal_female: 257,
            })
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["placements"]["lkjip"]["total"], 370);
        let t = r.to_table();
        let row = t
            .rows
            .iter()
            .find(|row| row[0] == Cell::Text("placements_lkjip".into()))
            .unwrap();
        assert_eq!(
            row,
            &vec![
                Cell::Text("placements_lkjip".into()),
                Cell::Text("total".into()),
                Cell::Int(370),
                Cell::Text("LKjIP 2024".into())
            ]
        );
    }
}
