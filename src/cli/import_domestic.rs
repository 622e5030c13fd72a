//! `disnaker import domestic FILE [--dry-run]` (SPEC §5): domestic placements (AKL / AKAD).
//! All or nothing: every bad row listed as `line N: column: reason` (a job fair the store
//! does not have among them); a row with the NIK and date of a placement already recorded,
//! or of one earlier in the file, is skipped and counted.

use super::csv_input::{Columns, LineError, Parsed};
use super::import::not_imported;
use super::import_kinds::{
    check_file, refuse_unreadable, report_and_refuse, rows_to_judge, store_for, verdict,
};
use super::{say, CliResult};
use crate::clock::today;
use crate::domain::domestic::{DomesticPlacement, DOMESTIC_FIELDS};
use crate::i18n::Lang;
use crate::msg;
use std::path::Path;

/// Columns every domestic placement file must have (SPEC §5); `job_fair` (the fair's name)
/// and `registration_no` may be added.
pub const DOMESTIC_REQUIRED: &[&str] = &[
    "nik",
    "name",
    "sex",
    "kecamatan",
    "employer",
    "employer_kabupaten",
    "employer_province",
    "occupation",
    "sector",
    "placed_on",
    "how",
];

pub fn run(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    let columns = Columns::of_kind(DOMESTIC_REQUIRED, DOMESTIC_FIELDS, &[]);
    let today = today();
    let parsed: Parsed<DomesticPlacement> = check_file(file, &columns, lang, |v| {
        DomesticPlacement::from_fields(v, today).into()
    })?;
    refuse_unreadable(file, &parsed, dry_run, lang)?;

    // What the store refuses: a job fair it does not have.
    let (lines, rows): (Vec<u64>, Vec<DomesticPlacement>) =
        rows_to_judge(&parsed).iter().cloned().unzip();
    let mut store = store_for(db, officer, dry_run)?;
    let refused: Vec<LineError> = store
        .check_domestic_import(&rows)?
        .into_iter()
        .map(|(i, e)| LineError::new(lines[i], e.field, e.reason))
        .collect();
    report_and_refuse(file, &verdict(&parsed, refused, Vec::new()), dry_run, lang)?;

    let done = store
        .import_domestic(&rows, dry_run)
        .map_err(not_imported)?;
    let said = if dry_run {
        msg!("cli.import.domestic_would", done.added, done.duplicates)
    } else {
        msg!("cli.import.domestic", done.added, done.duplicates)
    };
    say(&said.text(lang));
    Ok(())
}
