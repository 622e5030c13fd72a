//! `disnaker import trainees FILE [--dry-run]` (SPEC §5): training participants, each with
//! the name, year and funding source of their training (and optionally its type); a training
//! is created the first time the file names it. All or nothing, every bad row listed as `line N: column: reason`.

use super::csv_input::{Columns, LineError, Parsed, RowCheck};
use super::import::not_imported;
use super::import_kinds::{
    check_file, refuse_unreadable, report_and_refuse, rows_to_judge, store_for, verdict,
};
use super::{say, CliError, CliResult};
use crate::clock::today;
use crate::domain::training::TRAINEE_FIELDS;
use crate::i18n::Lang;
use crate::msg;
use crate::store::ImportProblem;
use std::collections::BTreeMap;
use std::path::Path;

/// Columns every trainee file must have (SPEC §5). `employed` is yes/no; `employment_type`
/// says which: `bekerja` (a wage job) or `wirausaha` (own business).
pub const TRAINEE_REQUIRED: &[&str] = &[
    "training",
    "year",
    "funding_source",
    "name",
    "nik",
    "sex",
    "kecamatan",
    "graduated",
    "employed",
    "employment_type",
    "employer",
    "employed_on",
];

fn located(p: ImportProblem) -> LineError {
    LineError::new(p.line, p.column, p.reason)
}

pub fn run(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    // Any other participant field may be added by its name (phone, certified,
    // certificate_no, verified_on, ...), and the training's type (`training_type`: pbk,
    // pemagangan, kewirausahaan or lainnya; a new training is pbk without it).
    let columns = Columns::of_kind(TRAINEE_REQUIRED, TRAINEE_FIELDS, &["training_type"]);
    // The file's shape first (encoding, header, column counts); the rows' rules need the
    // store, which knows the trainings already there.
    let parsed: Parsed<BTreeMap<String, String>> = check_file(file, &columns, lang, |values| {
        RowCheck::accepted(values.clone())
    })?;
    refuse_unreadable(file, &parsed, dry_run, lang)?;

    let mut store = store_for(db, officer, dry_run)?;
    // Nothing is written when the file already has bad rows: the store only names the others.
    let check_only = dry_run || !parsed.is_ok();
    let outcome = store
        .import_trainees(rows_to_judge(&parsed), today(), check_only)
        .map_err(not_imported)?;
    let verdict = verdict(
        &parsed,
        outcome.errors.into_iter().map(located).collect(),
        outcome.warnings.into_iter().map(located).collect(),
    );
    report_and_refuse(file, &verdict, dry_run, lang)?;
    let created = outcome.trainings_created;
    if dry_run {
        say(&msg!("cli.import.trainees_would", outcome.added, created).text(lang));
    } else if outcome.written {
        say(&msg!("cli.import.trainees", outcome.added, created).text(lang));
    } else {
        return Err(CliError::failed(msg!("cli.import.not_saved")));
    }
    Ok(())
}
