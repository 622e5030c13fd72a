//! `disnaker import jobseekers FILE [--dry-run]` (SPEC §5): job seeker registrations. All or
//! nothing, every bad row listed as `baris N: kolom: alasan`; a row whose registration number
//! is already given, or whose NIK already holds an active registration (in the store or
//! earlier in the file), is skipped and counted as a duplicate.

use super::csv_input::{Columns, Parsed, RowCheck};
use super::csv_input::{LineError, MAX_LISTED_ROWS};
use super::import::not_imported;
use super::import_kinds::{check_file, refuse_unreadable, report_and_refuse, store_for, verdict};
use super::{say, tell, CliResult};
use crate::clock::today;
use crate::domain::jobseeker::{Jobseeker, JOBSEEKER_FIELDS};
use crate::domain::quoted;
use crate::domain::FieldError;
use crate::i18n::Lang;
use crate::msg;
use crate::store::JobseekerSkipped as Skipped;
use std::path::Path;

/// Columns every registration file must have (SPEC §5); `valid_until` (two years on when
/// left out) and `notes` may be added.
pub const JOBSEEKER_REQUIRED: &[&str] = &[
    "registration_no",
    "nik",
    "name",
    "sex",
    "kecamatan",
    "desa",
    "education",
    "field_of_study",
    "skills",
    "occupation_sought",
    "registered_on",
];

pub fn run(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    let columns = Columns::of_kind(JOBSEEKER_REQUIRED, JOBSEEKER_FIELDS, &[]);
    let today = today();
    let parsed: Parsed<Jobseeker> = check_file(file, &columns, lang, |v| {
        // A form starts the date at today; a file must say it.
        let empty_date = v.get("registered_on").is_none_or(|d| d.trim().is_empty());
        let mut check: RowCheck<Jobseeker> = Jobseeker::from_fields(v, today).into();
        if empty_date {
            check.value = None;
            check.errors.push(FieldError::new(
                "registered_on",
                msg!("v.registered_on.required"),
            ));
        }
        check
    })?;
    refuse_unreadable(file, &parsed, dry_run, lang)?;
    report_and_refuse(
        file,
        &verdict(&parsed, Vec::new(), Vec::new()),
        dry_run,
        lang,
    )?;

    let mut parsed = parsed;
    let (lines, rows): (Vec<u64>, Vec<Jobseeker>) =
        std::mem::take(&mut parsed.records).into_iter().unzip();
    let mut store = store_for(db, officer, dry_run)?;
    // Each row skipped is named with its line: the registration number already given, or a
    // person already registered (in the store or earlier in the file).
    let name_skipped = |skipped: &[(usize, Skipped)]| {
        for (i, why) in skipped.iter().take(MAX_LISTED_ROWS) {
            let (column, reason) = match why {
                Skipped::Number(no) => (
                    "registration_no",
                    msg!("cli.import.jobseeker_number_taken", quoted(no)),
                ),
                Skipped::Registered(no) => {
                    ("nik", msg!("cli.import.jobseeker_registered", quoted(no)))
                }
                Skipped::EarlierRow => ("nik", msg!("cli.import.jobseeker_earlier_row")),
            };
            let w = LineError::new(lines[*i], parsed.heading(column), reason);
            tell(&parsed.warning_text(&w, lang));
        }
        if skipped.len() > MAX_LISTED_ROWS {
            tell(&msg!("cli.import.more_warned", skipped.len() - MAX_LISTED_ROWS).text(lang));
        }
    };
    if dry_run {
        let would = store.check_jobseeker_import(&rows)?;
        name_skipped(&would.skipped_rows);
        say(&msg!("cli.import.jobseekers_would", would.added, would.skipped).text(lang));
        return Ok(());
    }
    let done = store.import_jobseekers(&rows).map_err(not_imported)?;
    name_skipped(&done.skipped_rows);
    say(&msg!("cli.import.jobseekers", done.added, done.skipped).text(lang));
    Ok(())
}
