//! The figures behind the pictures (issue 18, 7): a year's placements per kecamatan for
//! pane 2's chart, with the LKjIP's figure of a published year beside each; a kecamatan's
//! last five years and its rank among the 22 for the lookup. And the one helper that draws a
//! bar as characters, used by the TUI and by `disnaker lookup` alike (text, not terminal
//! code: the CLI may not reach into the TUI).

use super::lookup::PUBLISHED_BY_KECAMATAN;
use super::placements::kecamatan_order;
use crate::domain::Kecamatan;
use crate::store::{self, Store};
use serde::Serialize;

/// The blocks that end a bar, an eighth of a cell each more.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The full cell of a bar.
pub const FULL: char = '█';

/// The cell of a second series drawn beside the first (whole cells only).
pub const SHADE: char = '▒';

/// How many eighths of a cell `value` takes when `max` fills `width` cells (rounded; a value
/// above zero takes at least one eighth, so it never looks like none).
fn eighths(value: i64, max: i64, width: usize) -> i64 {
    if value <= 0 || max <= 0 || width == 0 {
        return 0;
    }
    let cells = i64::try_from(width).unwrap_or(i64::MAX / 16);
    let e =
        (value.min(max) as i128 * i128::from(cells) * 8 + i128::from(max) / 2) / i128::from(max);
    (e as i64).max(1)
}

/// `value` as a bar of full blocks and a last partial one (`█████▌`), `max` filling
/// `width` cells. Zero (or nothing to scale by) is an empty string.
pub fn bar(value: i64, max: i64, width: usize) -> String {
    let e = eighths(value, max, width);
    let mut s: String = std::iter::repeat_n(FULL, (e / 8) as usize).collect();
    if e % 8 > 0 {
        s.push(EIGHTHS[(e % 8) as usize]);
    }
    s
}

/// `value` as a bar of whole shaded cells (`▒▒▒`), rounded, at least one cell above zero.
pub fn shaded_bar(value: i64, max: i64, width: usize) -> String {
    let e = eighths(value, max, width);
    let cells = ((e + 4) / 8).max(i64::from(e > 0)) as usize;
    std::iter::repeat_n(SHADE, cells).collect()
}

/// The cell (0-based) where a bar of `value` ends, for a mark placed on or after a bar of
/// the same scale; `None` for zero.
pub fn mark_cell(value: i64, max: i64, width: usize) -> Option<usize> {
    let e = eighths(value, max, width);
    (e > 0).then(|| (((e + 7) / 8) as usize).clamp(1, width) - 1)
}

/// One kecamatan's bars in pane 2's chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRow {
    pub kecamatan: String,
    /// Overseas placements (AKAN) departing in the year, from the records.
    pub overseas: i64,
    /// The LKjIP's figure for the kecamatan, for a year it published per kecamatan.
    pub lkjip: Option<i64>,
    /// Domestic placements (AKL and AKAD) of the year from the records, when the store
    /// holds them.
    pub domestic: Option<i64>,
}

/// A year's placements per kecamatan: all 22 in the office's order, zeros included.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KecamatanChart {
    pub year: i32,
    pub rows: Vec<ChartRow>,
    /// The year's LKjIP per-kecamatan table was published (the rows carry its figures).
    pub published: bool,
    /// The LKjIP's domestic placements (AKL and AKAD) of the year, for all kecamatan
    /// together (the report gives no per-kecamatan figure).
    pub domestic_lkjip: Option<i64>,
}

impl KecamatanChart {
    pub fn overseas_total(&self) -> i64 {
        self.rows.iter().map(|r| r.overseas).sum()
    }

    pub fn lkjip_total(&self) -> Option<i64> {
        self.published
            .then(|| self.rows.iter().filter_map(|r| r.lkjip).sum())
    }

    pub fn domestic_total(&self) -> Option<i64> {
        self.rows.iter().map(|r| r.domestic).sum()
    }

    /// The longest overseas bar's scale: the largest count, records or LKjIP, so that every
    /// mark falls inside the chart.
    pub fn overseas_scale(&self) -> i64 {
        self.rows
            .iter()
            .map(|r| r.overseas.max(r.lkjip.unwrap_or(0)))
            .max()
            .unwrap_or(0)
    }

    pub fn domestic_scale(&self) -> i64 {
        self.rows
            .iter()
            .filter_map(|r| r.domestic)
            .max()
            .unwrap_or(0)
    }
}

/// The LKjIP's totals per kecamatan for `year`, when it published them.
fn published_totals(store: &Store, year: i32) -> store::Result<Option<Vec<(String, i64)>>> {
    let Some((_, table)) = PUBLISHED_BY_KECAMATAN.iter().find(|(y, _)| *y == year) else {
        return Ok(None);
    };
    Ok(Some(
        store
            .published_rows(table)?
            .iter()
            .filter_map(|r| {
                let name = r.get("kecamatan")?.trim().to_string();
                let n = r.get("total")?.trim().parse::<i64>().ok()?;
                Some((name, n))
            })
            .collect(),
    ))
}

/// Every kecamatan's placements departing in `year`, in the office's order, zeros included
/// (from the tally).
pub fn kecamatan_totals(store: &Store, year: i32) -> store::Result<Vec<(Kecamatan, i64)>> {
    let found = store.placement_totals_by_kecamatan(year)?;
    Ok(kecamatan_order()
        .into_iter()
        .map(|k| {
            let n = found
                .iter()
                .find(|(name, _)| name == k.name())
                .map_or(0, |(_, n)| *n);
            (k, n)
        })
        .collect())
}

/// The year's domestic placements per kecamatan (AKL and AKAD together), from the records.
fn domestic_by_kecamatan(store: &Store, year: i32) -> store::Result<Vec<(String, i64)>> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for c in store.domestic_counts(year)? {
        match out.iter_mut().find(|(k, _)| *k == c.kecamatan) {
            Some((_, n)) => *n += c.count,
            None => out.push((c.kecamatan, c.count)),
        }
    }
    Ok(out)
}

/// The LKjIP's domestic placements of `year` (tables 3.14–3.15), when it gives them.
fn published_domestic(store: &Store, year: i32) -> store::Result<Option<i64>> {
    Ok(store
        .published_rows("placements_by_year")?
        .iter()
        .find(|r| r.get("year").and_then(|y| y.trim().parse::<i32>().ok()) == Some(year))
        .and_then(|r| r.get("domestic_placements")?.trim().parse::<i64>().ok()))
}

/// Pane 2's chart of `year`: overseas placements per kecamatan from the records, the
/// LKjIP's figure beside each for a published year, and the domestic placements beside them.
pub fn kecamatan_chart(store: &Store, year: i32) -> store::Result<KecamatanChart> {
    let published = published_totals(store, year)?;
    let domestic = domestic_by_kecamatan(store, year)?;
    let rows = kecamatan_totals(store, year)?
        .into_iter()
        .map(|(k, overseas)| ChartRow {
            kecamatan: k.name().to_string(),
            overseas,
            lkjip: published.as_ref().map(|p| {
                p.iter()
                    .find(|(name, _)| name == k.name())
                    .map_or(0, |(_, n)| *n)
            }),
            domestic: Some(
                domestic
                    .iter()
                    .find(|(name, _)| name == k.name())
                    .map_or(0, |(_, n)| *n),
            ),
        })
        .collect();
    Ok(KecamatanChart {
        year,
        rows,
        published: published.is_some(),
        domestic_lkjip: published_domestic(store, year)?,
    })
}

/// A year and a kecamatan's placements in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCount {
    pub year: i32,
    pub count: i64,
}

/// A kecamatan's place among all of them by a year's placements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rank {
    /// 1 for the most placements; kecamatan with equal counts share a place (1, 2, 2, 4).
    /// None when the kecamatan has no placement in the year (last among equals is no rank).
    pub place: Option<i64>,
    /// How many kecamatan were ranked (the 22 of Kabupaten Blitar).
    pub of: i64,
}

/// The place of `kecamatan` among `totals` (every kecamatan with its count).
pub fn rank_in(totals: &[(Kecamatan, i64)], kecamatan: Kecamatan) -> Rank {
    let mine = totals
        .iter()
        .find(|(k, _)| *k == kecamatan)
        .map_or(0, |(_, n)| *n);
    Rank {
        place: (mine > 0).then(|| 1 + totals.iter().filter(|(_, n)| *n > mine).count() as i64),
        of: totals.len() as i64,
    }
}

/// The placements from `kecamatan` in the five years ending at `year` (oldest first) and
/// its rank among the 22 in `year`.
pub fn five_years_and_rank(
    store: &Store,
    kecamatan: Kecamatan,
    year: i32,
) -> store::Result<(Vec<YearCount>, Rank)> {
    let years = store
        .placement_years_in_kecamatan(kecamatan, year)?
        .into_iter()
        .map(|(year, count)| YearCount { year, count })
        .collect();
    let rank = rank_in(&kecamatan_totals(store, year)?, kecamatan);
    Ok((years, rank))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_long_as_their_share_of_the_largest() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(3, 8, 4), "█▌");
        assert_eq!(bar(0, 10, 4), "");
        assert_eq!(bar(5, 0, 4), "");
        // the least above zero still shows
        assert_eq!(bar(1, 10_000, 4), "▏");
        assert_eq!(shaded_bar(5, 10, 4), "▒▒");
        assert_eq!(shaded_bar(1, 10_000, 4), "▒");
        assert_eq!(shaded_bar(0, 10, 4), "");
        assert_eq!(mark_cell(10, 10, 4), Some(3));
        assert_eq!(mark_cell(3, 8, 4), Some(1));
        assert_eq!(mark_cell(1, 10_000, 4), Some(0));
        assert_eq!(mark_cell(0, 10, 4), None);
    }

    #[test]
    fn equal_counts_share_a_place_and_the_most_is_first() {
        let all = kecamatan_order();
        let totals: Vec<(Kecamatan, i64)> = all
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, [5, 9, 9, 1][i % 4]))
            .collect();
        assert_eq!(
            rank_in(&totals, all[1]),
            Rank {
                place: Some(1),
                of: 22
            }
        );
        assert_eq!(
            rank_in(&totals, all[2]),
            Rank {
                place: Some(1),
                of: 22
            }
        );
        // 11 kecamatan have 9 (i % 4 in 1, 2): the 5s come after them
        assert_eq!(rank_in(&totals, all[0]).place, Some(12));
        assert_eq!(rank_in(&totals, all[3]).place, Some(18));
        // none at all: no rank (not "1 of 22" among 22 zeros)
        let zeros: Vec<(Kecamatan, i64)> = all.iter().map(|k| (*k, 0)).collect();
        assert_eq!(
            rank_in(&zeros, all[0]),
            Rank {
                place: None,
                of: 22
            }
        );
    }

    #[test]
    fn the_chart_of_a_published_year_carries_the_lkjip_figures() {
        let s = Store::open_in_memory("t").unwrap();
        let c = kecamatan_chart(&s, 2024).unwrap();
        assert_eq!(c.rows.len(), 22);
        assert!(c.published);
        assert_eq!(c.lkjip_total(), Some(3727));
        let ponggok = c.rows.iter().find(|r| r.kecamatan == "Ponggok").unwrap();
        assert_eq!((ponggok.overseas, ponggok.lkjip), (0, Some(370)));
        assert_eq!(c.overseas_scale(), 370);
        // the domestic placements beside them: none recorded, the LKjIP's 588 for the year
        assert_eq!(c.domestic_total(), Some(0));
        assert_eq!(c.domestic_lkjip, Some(588));
        let c = kecamatan_chart(&s, 2023).unwrap();
        assert!(!c.published && c.rows.iter().all(|r| r.lkjip.is_none()));
        assert_eq!(c.lkjip_total(), None);
        assert_eq!(c.domestic_lkjip, Some(399));
        assert_eq!(kecamatan_chart(&s, 2019).unwrap().domestic_lkjip, None);
    }
}
