//! `disnaker export disputes|trainings|transmigrants|referrals [--year Y] [--out FILE|-] [--format ..]`:
//! the yearly summaries of `report` (counts only, no personal data, the TOTAL row as the
//! report computes it), written like `export cases`.

use super::export::{export_table, ExportArgs};
use super::{CliError, CliResult};
use crate::msg;
use crate::report::table::Table;
use crate::report::{disputes, jobseekers, referrals, trainings, transmigrants};
use crate::store::Store;
use std::path::Path;

/// The summaries this module writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Summary {
    /// Disputes recorded in the year by type × outcome × on time.
    Disputes,
    /// Per training scheme of the year: participants, graduated, certified, employed, %,
    /// type; then TOTAL and the IKU1 row (the types IKU1 counts).
    Trainings,
    /// Per kecamatan: the year's registrations by stage, departures, families waiting.
    Transmigrants,
    /// Per partner agency: the year's referrals sent, answered, on time, overdue.
    Referrals,
    /// Job seekers registered, placed and expired by kecamatan × sex × education.
    Jobseekers,
}

impl Summary {
    /// The kind as typed on the command line.
    fn name(self) -> &'static str {
        match self {
            Summary::Disputes => "disputes",
            Summary::Trainings => "trainings",
            Summary::Transmigrants => "transmigrants",
            Summary::Referrals => "referrals",
            Summary::Jobseekers => "jobseekers",
        }
    }

    /// The list with names and NIKs behind the summary.
    fn personal_list(self) -> crate::i18n::Msg {
        match self {
            Summary::Disputes => msg!("cli.export.list.disputes"),
            Summary::Trainings => msg!("cli.export.list.trainings"),
            Summary::Transmigrants => msg!("cli.export.list.transmigrants"),
            Summary::Referrals => msg!("cli.export.list.referrals"),
            Summary::Jobseekers => msg!("cli.export.list.jobseekers"),
        }
    }

    fn table(self, store: &Store, year: i32) -> CliResult<Table> {
        Ok(match self {
            Summary::Disputes => {
                let calendar = store.working_days()?;
                disputes::summary_table(store, year, &calendar)?
            }
            Summary::Trainings => trainings::trainings_table(store, year)?,
            Summary::Transmigrants => transmigrants::transmigrants_table(store, year)?,
            Summary::Referrals => referrals::referrals_table(store, year)?,
            Summary::Jobseekers => {
                jobseekers::jobseekers_table_on(store, year, crate::clock::today())?
            }
        })
    }
}

/// `export disputes`.
pub fn disputes(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    run(db, officer, args, Summary::Disputes)
}

/// `export trainings`.
pub fn trainings(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    run(db, officer, args, Summary::Trainings)
}

/// `export transmigrants`.
pub fn transmigrants(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    run(db, officer, args, Summary::Transmigrants)
}

/// `export referrals`.
pub fn referrals(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    run(db, officer, args, Summary::Referrals)
}

/// `export jobseekers`.
pub fn jobseekers(db: &Path, officer: &str, args: &ExportArgs) -> CliResult {
    run(db, officer, args, Summary::Jobseekers)
}

fn run(db: &Path, officer: &str, args: &ExportArgs, summary: Summary) -> CliResult {
    if args.include_personal_data {
        return Err(CliError::failed(
            msg!("cli.export.personal_not_available").with(summary.personal_list()),
        ));
    }
    export_table(db, officer, args, summary.name(), |store| {
        summary.table(store, args.year)
    })
}
