//! `disnaker case status ID STATUS [--expect-version V]`: move one PMI case on from a script
//! or a shell, with the same rules as the `s` key (the workflow's next statuses only, a history
//! entry, a stale version refused).

use super::{open_existing_store, say, CliError, CliResult};
use crate::domain::CaseStatus;
use crate::i18n::Lang;
use crate::msg;
use crate::store::StoreError;
use std::path::Path;

/// Move case `id` to `to`. With `expect_version`, the move is refused unless the case is
/// still at that version (the officer saw it there); without it, the case as stored now.
pub fn status(
    db: &Path,
    officer: &str,
    id: i64,
    to: CaseStatus,
    expect_version: Option<i64>,
    lang: Lang,
) -> CliResult {
    let mut store = open_existing_store(db, officer)?;
    let current = store.get_case(id)?;
    let from = current.case.status.unwrap_or(CaseStatus::Baru);
    let version = expect_version.unwrap_or(current.version);
    match store.move_case_status(id, version, to) {
        Ok(v) => {
            say(&msg!("cli.case.moved", id, from, to, v).text(lang));
            Ok(())
        }
        Err(e @ StoreError::Conflict { .. }) => Err(CliError::failed(
            msg!("cli.case.conflict", version).with(e.msg()),
        )),
        Err(e) => Err(CliError::failed(msg!("cli.case.refused", id).with(e.msg()))),
    }
}
