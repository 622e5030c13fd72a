//! `disnaker import holidays FILE [--dry-run]`: the national holidays and collective leave of a
//! year the program does not ship yet (the SKB 3 Menteri), in `data/holidays.csv`'s columns
//! `date,kind,name`. Deadlines in working days (disputes, referral answers) cannot be counted
//! into a year the calendar lacks; this lets the office add the year as soon as the decree is
//! out, for every officer of the store at once. All or nothing, every bad row listed.

use super::csv_input::Columns;
use super::import::{good_records, not_imported};
use super::import_kinds::check_file;
use super::{open_store, say, tell, CliResult};
use crate::domain::calendar::{Holiday, FEW_HOLIDAYS, HOLIDAY_COLUMNS};
use crate::i18n::Lang;
use crate::msg;
use chrono::Datelike;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    let columns = Columns {
        required: HOLIDAY_COLUMNS,
        optional: Cow::Borrowed(&[]),
    };
    let parsed = check_file(file, &columns, lang, |v| Holiday::from_fields(v).into())?;
    let holidays = good_records(file, parsed, dry_run, lang)?;
    // A year with only a few holidays is probably a decree typed in part: said, not refused.
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for h in &holidays {
        *per_year.entry(h.date.year()).or_default() += 1;
    }
    for (year, n) in &per_year {
        if *n < FEW_HOLIDAYS {
            tell(
                &msg!("cli.import.warning")
                    .with(msg!("cli.holidays.few", year, n))
                    .text(lang),
            );
        }
    }
    let years = per_year
        .keys()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if dry_run {
        say(&msg!("cli.import.holidays_would", holidays.len(), years).text(lang));
        return Ok(());
    }
    let mut store = open_store(db, officer)?;
    let (added, replaced) = store.add_holidays(&holidays).map_err(not_imported)?;
    say(&msg!("cli.import.holidays", added, replaced, years).text(lang));
    Ok(())
}
