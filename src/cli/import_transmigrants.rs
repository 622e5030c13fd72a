//! `disnaker import transmigrants FILE [--dry-run]` (SPEC §5): family registrations. All or
//! nothing, every bad row listed as `line N: column: reason`, including a family that
//! already has an open registration; departures beyond (or without) the year's provincial
//! quota are warned about, not refused: the province decides, the office records.

use super::csv_input::{Columns, LineError, Parsed};
use super::import::not_imported;
use super::import_kinds::{
    check_file, refuse_unreadable, report_and_refuse, rows_to_judge, store_for, verdict,
};
use super::{say, tell, CliResult};
use crate::clock::today;
use crate::domain::transmigrant::{QuotaWarning, Registration, TRANSMIGRANT_FIELDS};
use crate::i18n::Lang;
use crate::msg;
use crate::store::Store;
use chrono::Datelike;
use std::collections::BTreeSet;
use std::path::Path;

/// Columns every registration file must have (SPEC §5). `destination` is one text:
/// `UPT Torire, Kabupaten Poso, Sulawesi Tengah`; an empty `stage` is terdaftar.
pub const TRANSMIGRANT_REQUIRED: &[&str] = &[
    "head_name",
    "nik",
    "kk_no",
    "members",
    "kecamatan",
    "desa",
    "registered_on",
    "stage",
    "destination",
    "departed_on",
];

pub fn run(db: &Path, officer: &str, file: &Path, dry_run: bool, lang: Lang) -> CliResult {
    // A withdrawn (batal) row needs `cancel_reason` and `cancelled_on`; any other
    // registration field may be added by its name.
    let columns = Columns::of_kind(
        TRANSMIGRANT_REQUIRED,
        TRANSMIGRANT_FIELDS,
        &["cancel_reason", "cancelled_on"],
    );
    let today = today();
    let parsed: Parsed<Registration> = check_file(file, &columns, lang, |v| {
        Registration::from_fields(v, today).into()
    })?;
    refuse_unreadable(file, &parsed, dry_run, lang)?;

    // What the store refuses: a family registered while an earlier registration is open
    // (in the store or earlier in the file).
    let (lines, rows): (Vec<u64>, Vec<Registration>) =
        rows_to_judge(&parsed).iter().cloned().unzip();
    let mut store = store_for(db, officer, dry_run)?;
    let refused: Vec<LineError> = store
        .check_transmigrant_import(&rows)?
        .into_iter()
        .map(|(i, e)| LineError::new(lines[i], e.field, e.reason))
        .collect();
    report_and_refuse(file, &verdict(&parsed, refused, Vec::new()), dry_run, lang)?;

    let mut warnings = quota_warnings(&store, &rows)?;
    if dry_run {
        for w in &warnings {
            tell(&msg!("cli.import.warning").with(w.msg()).text(lang));
        }
        say(&msg!("cli.import.transmigrants_would", rows.len()).text(lang));
        return Ok(());
    }
    let done = store.import_transmigrants(&rows).map_err(not_imported)?;
    // The store's own count of departures beyond the quota, now that they are written.
    warnings.retain(|w| matches!(w, QuotaWarning::NoQuota { .. }));
    warnings.extend(done.warnings);
    for w in &warnings {
        tell(&msg!("cli.import.warning").with(w.msg()).text(lang));
    }
    say(&msg!("cli.import.transmigrants", done.added).text(lang));
    Ok(())
}

/// For each year with departures in `rows`: no quota entered for it, or the year's
/// departures (those already stored and these) beyond it.
fn quota_warnings(store: &Store, rows: &[Registration]) -> CliResult<Vec<QuotaWarning>> {
    let years: BTreeSet<i32> = rows
        .iter()
        .filter_map(|r| r.departed_on.map(|d| d.year()))
        .collect();
    let mut out = Vec::new();
    for year in years {
        let status = store.transmigration_quota_status(year)?;
        let more = rows
            .iter()
            .filter(|r| r.departed_on.is_some_and(|d| d.year() == year))
            .count() as i64;
        match status.quota {
            None => out.push(QuotaWarning::NoQuota { year }),
            Some(quota) if status.used + more > quota => out.push(QuotaWarning::Exceeded {
                year,
                quota,
                departed: status.used + more,
            }),
            Some(_) => {}
        }
    }
    Ok(out)
}
