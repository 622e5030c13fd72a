//! `disnaker case status ID STATUS [--expect-version V] [--reason TEXT]`: move one PMI case
//! on from a script or a shell, with the same rules as the `s` key (the workflow's next
//! statuses only, a history entry, a stale version refused, closing with a required document
//! missing only with a reason, which goes into the history).

use super::{open_existing_store, say, CliError, CliResult};
use crate::domain::CaseStatus;
use crate::i18n::Lang;
use crate::store::StoreError;
use std::path::Path;

/// Move case `id` to `to`. With `expect_version`, the move is refused unless the case is
/// still at that version (the officer saw it there); without it, the case as stored now.
/// Closing a case whose required documents are not all in needs `reason` (a usage error
/// without it, naming the documents).
pub fn status(
    db: &Path,
    officer: &str,
    id: i64,
    to: CaseStatus,
    expect_version: Option<i64>,
    reason: Option<&str>,
    lang: Lang,
) -> CliResult {
    let mut store = open_existing_store(db, officer)?;
    let current = store.get_case(id)?;
    let from = current.case.status.unwrap_or(CaseStatus::Baru);
    let version = expect_version.unwrap_or(current.version);
    let reason = reason.unwrap_or("").trim();
    let closing = to == CaseStatus::Ditutup && from.next().contains(&to);
    if closing && reason.is_empty() && version == current.version {
        let missing = store.missing_case_documents(id)?;
        if !missing.is_empty() {
            let docs: Vec<&str> = missing
                .iter()
                .map(|d| lang.t(&format!("doc.{d}")))
                .collect();
            return Err(CliError::usage(
                lang.t("casework.cli.close_needs_reason")
                    .replace("{id}", &id.to_string())
                    .replace("{docs}", &docs.join(", ")),
            ));
        }
    }
    match store.move_case_status_noting(id, version, to, reason) {
        Ok(v) => {
            say(&format!("case #{id}: {from} → {to} (version {v})"));
            Ok(())
        }
        Err(e @ StoreError::Conflict { .. }) => Err(CliError::failed(format!(
            "{e} (you expected version {version}; read the case again)"
        ))),
        Err(e) => Err(CliError::failed(format!("case #{id}: {e}"))),
    }
}
