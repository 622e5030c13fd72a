//! Where the published report (LKjIP 2024) contradicts itself, indicator by indicator,
//! whatever year is chosen: the list `Enter` shows in pane 6 and README repeats. Each is
//! checked against the published tables the program carries, so a corrected table drops it.
//!
//! - IKU3: its name ("diselesaikan tepat waktu melalui PB") and its formula (followed up /
//!   recorded, tables 2.1 and 3.3) disagree;
//! - IKU3: a printed percentage no share of the disputes recorded that year can give (2022:
//!   96% of 3, 2023: 97% of 1, all resolved), or one printed for a year with none (2024: 98%);
//! - IKU1 2022: 73.33% in the text is 55 / 75 participants (table 3.13), while the 70.83% of
//!   table 3.8 is no whole share of 75;
//! - IKU2's objective (placements and job opportunities): the job-fair placement target is
//!   227 in the text and 250 in tables 3.23 and 3.24 (227 is the realisation there).

use super::Note;
use crate::report::iku::{round2, Ratio};
use crate::store::{self, Store};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

type Row = BTreeMap<String, String>;

/// IKU1 2022 as the report's text gives it ("sebesar 73,33%", below table 3.8); the table's
/// figure is in `iku.csv`.
const IKU1_2022_IN_TEXT: &str = "73.33";

/// The job-fair placements of programme III.2: the target the text names and the one of
/// tables 3.23 and 3.24 (`reference/lkjip-2024/output_indicators_2024.csv`).
const JOB_FAIR_TARGET_IN_TEXT: i64 = 227;
const JOB_FAIR_TARGET_IN_TABLES: i64 = 250;

fn get<'r>(row: &'r Row, col: &str) -> Option<&'r str> {
    row.get(col).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn dec(row: &Row, col: &str) -> Option<Decimal> {
    get(row, col).and_then(|s| Decimal::from_str(s).ok())
}

/// The whole number of `of` that gives `printed` percent at the precision it was printed
/// with (96 → whole percents, 73.33 → hundredths), if there is one.
pub(super) fn whole_share(printed: Decimal, of: i64) -> Option<i64> {
    let places = printed.scale().min(2);
    (0..=of).find(|k| {
        Ratio::new(*k, of).value().is_some_and(|v| {
            v.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                == printed.round_dp(places)
        })
    })
}

/// The note for IKU3 of `year` as printed (`printed` %) over `recorded` disputes that the
/// report says were all followed up, when the two cannot both be true.
pub(super) fn dispute_share(year: i32, recorded: i64, printed: Decimal) -> Option<Note> {
    if recorded == 0 {
        return Some(Note::new(
            "iku.note.printed_without_cases",
            &[&printed, &year],
        ));
    }
    let all = Ratio::new(recorded, recorded);
    whole_share(printed, recorded).is_none().then(|| {
        Note::new(
            "iku.contra.share_impossible",
            &[
                &year,
                &printed,
                &recorded,
                &all,
                &all.value().unwrap_or_default(),
            ],
        )
    })
}

/// The report's contradictions about indicator `code`, oldest year first.
pub(super) fn contradictions(store: &Store, code: &str) -> store::Result<Vec<Note>> {
    let mut out = Vec::new();
    let iku: Option<Row> = store
        .published_rows("iku")?
        .into_iter()
        .find(|r| get(r, "code") == Some(code));
    let printed = |year: i32| {
        iku.as_ref()
            .and_then(|r| dec(r, &format!("realisation_{year}")))
    };
    match code {
        "IKU3" => {
            out.push(Note::new("iku.contra.iku3_name_formula", &[]));
            for row in store.published_rows("disputes_by_year")? {
                let year = get(&row, "year").and_then(|y| y.parse::<i32>().ok());
                let count =
                    get(&row, "disputes_reported_and_resolved").and_then(|n| n.parse().ok());
                if let (Some(year), Some(n)) = (year, count) {
                    if let Some(p) = printed(year) {
                        out.extend(dispute_share(year, n, p));
                    }
                }
            }
        }
        "IKU1" => {
            let participants: i64 = store
                .published_rows("training_schemes")?
                .iter()
                .filter(|r| get(r, "year") == Some("2022"))
                .filter_map(|r| get(r, "participants")?.parse::<i64>().ok())
                .sum();
            let text = Decimal::from_str(IKU1_2022_IN_TEXT).unwrap_or_default();
            if let (Some(table), true) = (printed(2022), participants > 0) {
                if let (Some(k), None) = (
                    whole_share(text, participants),
                    whole_share(table, participants),
                ) {
                    out.push(Note::new(
                        "iku.contra.iku1_2022",
                        &[
                            &round2(text),
                            &k,
                            &participants,
                            &round2(table),
                            &round2(table * Decimal::from(participants) / Decimal::ONE_HUNDRED),
                        ],
                    ));
                }
            }
        }
        "IKU2" => out.push(Note::new(
            "iku.contra.job_fair",
            &[&JOB_FAIR_TARGET_IN_TEXT, &JOB_FAIR_TARGET_IN_TABLES],
        )),
        _ => {}
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::dec as d;

    #[test]
    fn a_printed_share_is_whole_only_when_some_count_gives_it() {
        assert_eq!(whole_share(d("73.33"), 75), Some(55));
        assert_eq!(whole_share(d("70.83"), 75), None);
        assert_eq!(whole_share(d("96"), 3), None);
        assert_eq!(whole_share(d("97"), 1), None);
        assert_eq!(whole_share(d("67"), 3), Some(2));
        assert_eq!(whole_share(d("100"), 1), Some(1));
        assert_eq!(whole_share(d("82.56"), 344), Some(284));
    }

    #[test]
    fn the_shipped_report_contradicts_itself_where_issue_15_says() {
        let s = Store::open_in_memory("t").unwrap();
        let keys = |code: &str| -> Vec<(String, Vec<String>)> {
            contradictions(&s, code)
                .unwrap()
                .into_iter()
                .map(|n| (n.key.to_string(), n.args))
                .collect()
        };
        let iku3 = keys("IKU3");
        assert_eq!(iku3[0].0, "iku.contra.iku3_name_formula");
        let shares: Vec<&Vec<String>> = iku3
            .iter()
            .filter(|(k, _)| k == "iku.contra.share_impossible")
            .map(|(_, a)| a)
            .collect();
        assert_eq!(
            shares,
            [
                &vec!["2022", "96", "3", "3 / 3", "100.00"],
                &vec!["2023", "97", "1", "1 / 1", "100.00"]
            ]
        );
        assert!(iku3
            .iter()
            .any(|(k, a)| k == "iku.note.printed_without_cases" && a == &["98", "2024"]));
        // 2020 and 2021 have counts but no printed IKU3: nothing to contradict
        assert_eq!(iku3.len(), 4, "{iku3:?}");
        assert_eq!(
            keys("IKU1"),
            [(
                "iku.contra.iku1_2022".to_string(),
                vec!["73.33", "55", "75", "70.83", "53.12"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )]
        );
        assert_eq!(keys("IKU2")[0].1, ["227", "250"]);
        assert!(keys("TPT").is_empty());
    }
}
