//! Lists with personal data (names, NIK) leave the store only on an officer's explicit request
//! (`export cases --include-personal-data`), and every such export is in the audit history:
//! who, when, what, how many rows, in which format, to where. Personal data are protected by
//! UU 27/2022; the history lets the office answer "who took these out, and when".

use super::audit::{self, AuditEntry, Change};
use super::record;
use super::{CaseRecord, Result, Store, StoreError};
use crate::domain::case::PmiCase;
use rusqlite::types::Value;

/// The audit history's name for exports of personal data.
const ENTITY: &str = "personal_data_export";

/// One export of personal data in the audit history, inside the caller's transaction.
fn record_export(tx: &rusqlite::Transaction, officer: &str, what: &[(&str, String)]) -> Result<()> {
    let changes: Vec<Change> = what
        .iter()
        .map(|(field, value)| Change {
            field: (*field).into(),
            old: String::new(),
            new: value.clone(),
        })
        .collect();
    audit::record(tx, ENTITY, 0, 1, "export", officer, &changes)?;
    Ok(())
}

impl Store {
    /// The cases reported in `year` (archived ones left out), whole, in case-number order,
    /// handed to `write` as they are read (never all held: an `Err` item is a read that
    /// failed, and `write` must then fail too); the export is recorded in the audit history in
    /// the same transaction, so the count recorded is the count handed out. `format` and
    /// `destination` are recorded as given.
    pub fn export_cases_with_personal_data(
        &mut self,
        year: i32,
        format: &str,
        destination: &str,
        write: impl FnOnce(
            &mut dyn Iterator<Item = Result<CaseRecord>>,
        ) -> std::result::Result<(), crate::i18n::Msg>,
    ) -> Result<usize> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let (from, to) = record::year_bounds(year);
        let mut count = 0usize;
        // The list is written first; the history records only an export that happened (a
        // failed write rolls the transaction back with nothing recorded).
        record::stream::<PmiCase, _>(
            &tx,
            "WHERE archived = 0 AND reported_on >= ?1 AND reported_on < ?2",
            vec![Value::Text(from), Value::Text(to)],
            "id",
            |rows| {
                let mut counted = rows.map(|r| {
                    count += usize::from(r.is_ok());
                    r.map(CaseRecord::from)
                });
                write(&mut counted)
            },
        )?
        .map_err(StoreError::Refused)?;
        record_export(
            &tx,
            &officer,
            &[
                ("what", "cases".into()),
                ("year", year.to_string()),
                ("rows", count.to_string()),
                ("format", format.into()),
                ("to", destination.into()),
            ],
        )?;
        tx.commit()?;
        Ok(count)
    }

    /// Record that a list with personal data read outside [`Self::export_cases_with_personal_data`]
    /// left the store (e.g. `case due --include-personal-data`): `what` it was, its `scope`
    /// (a day, an officer), how many rows, in which format, to where.
    pub fn record_personal_data_export(
        &mut self,
        what: &str,
        scope: &str,
        rows: usize,
        format: &str,
        destination: &str,
    ) -> Result<()> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        record_export(
            &tx,
            &officer,
            &[
                ("what", what.into()),
                ("scope", scope.into()),
                ("rows", rows.to_string()),
                ("format", format.into()),
                ("to", destination.into()),
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every export of personal data, oldest first.
    pub fn personal_data_exports(&self) -> Result<Vec<AuditEntry>> {
        audit::history(&self.conn, ENTITY, 0)
    }
}
