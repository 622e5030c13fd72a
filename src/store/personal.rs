//! Lists with personal data (names, NIK) leave the store only on an officer's explicit request
//! (`export cases --include-personal-data`), and every such export is in the audit history:
//! who, when, what, how many rows, in which format, to where. Personal data are protected by
//! UU 27/2022; the history lets the office answer "who took these out, and when".

use super::audit::{self, AuditEntry, Change};
use super::record;
use super::{Result, Store, StoreError};
use crate::domain::case::CASE_FIELDS;
use crate::i18n::Msg;

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

/// The case list's columns after the case number: every case field by its import name, then
/// the status (what `export cases --include-personal-data` writes).
pub fn case_list_keys() -> impl Iterator<Item = &'static str> {
    CASE_FIELDS
        .iter()
        .map(|f| f.key)
        .chain(std::iter::once("status"))
}

/// Each case field's text as `PmiCase::field_text` writes it, read straight from its column
/// (the store keeps every field as that text: words, ISO dates, plain amounts), `procedural`
/// as `ya`/`tidak`, an empty field as empty.
fn list_column(key: &str) -> String {
    match key {
        "procedural" => {
            "CASE procedural WHEN 1 THEN 'ya' WHEN 0 THEN 'tidak' ELSE '' END".to_string()
        }
        k => format!("ifnull({k}, '')"),
    }
}

/// Where the personal case list's rows go: each case's number and its fields as text in
/// [`case_list_keys`] order (borrowed from the row being read: nothing is kept).
pub type CaseRowSink<'a> = dyn FnMut(i64, &[&str]) -> std::result::Result<(), Msg> + 'a;

impl Store {
    /// The cases reported in `year` (archived ones left out), whole, in case-number order,
    /// each handed to the sink `write` is given as it is read (never all held: each row's
    /// fields as text straight from its columns, no record made of it); the export is
    /// recorded in the audit history in the same transaction, so the count recorded is the
    /// count handed out. `format` and `destination` are recorded as given.
    pub fn export_cases_with_personal_data(
        &mut self,
        year: i32,
        format: &str,
        destination: &str,
        write: impl FnOnce(
            &mut dyn FnMut(&mut CaseRowSink) -> std::result::Result<(), Msg>,
        ) -> std::result::Result<(), Msg>,
    ) -> Result<usize> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let (from, to) = record::year_bounds(year);
        let columns: Vec<String> = case_list_keys().map(list_column).collect();
        let mut stmt = tx.prepare(&format!(
            "SELECT id, {} FROM pmi_case
             WHERE archived = 0 AND reported_on >= ?1 AND reported_on < ?2 ORDER BY id",
            columns.join(", ")
        ))?;
        let mut count = 0usize;
        // The list is written first; the history records only an export that happened (a
        // failed write rolls the transaction back with nothing recorded).
        let read_msg = |e: rusqlite::Error| StoreError::from(e).msg();
        write(&mut |sink| {
            let mut rows = stmt.query([&from, &to]).map_err(read_msg)?;
            while let Some(row) = rows.next().map_err(read_msg)? {
                let id: i64 = row.get(0).map_err(read_msg)?;
                let fields = (1..=columns.len())
                    .map(|i| row.get_ref(i).and_then(|v| v.as_str().map_err(Into::into)))
                    .collect::<rusqlite::Result<Vec<&str>>>()
                    .map_err(read_msg)?;
                sink(id, &fields)?;
                count += 1;
            }
            Ok(())
        })
        .map_err(StoreError::Refused)?;
        drop(stmt);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::PmiCase;
    use crate::domain::demo::reference_day;
    use crate::store::record::Record;

    /// The list read straight from the columns says, field for field, what each case read
    /// as a record says (`PmiCase::field_text`), on a demo store with every kind of field.
    #[test]
    fn the_list_s_fields_are_the_cases_own() {
        let mut s = Store::open_in_memory("ani").unwrap();
        crate::store::demo::fill(&mut s, 3000, reference_day(), |_| {}).unwrap();
        let year: i32 = s
            .conn
            .query_row(
                "SELECT CAST(substr(max(reported_on), 1, 4) AS INTEGER) FROM pmi_case",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mut listed: Vec<(i64, Vec<String>)> = Vec::new();
        let n = s
            .export_cases_with_personal_data(year, "csv", "test", |each| {
                each(&mut |id, fields| {
                    listed.push((id, fields.iter().map(|f| f.to_string()).collect()));
                    Ok(())
                })
            })
            .unwrap();
        assert!(n > 100, "{n}");
        assert_eq!(listed.len(), n);
        let keys: Vec<&str> = case_list_keys().collect();
        let mut costs = 0;
        for (id, fields) in &listed {
            let r: Record<PmiCase> = s.get(*id).unwrap();
            let want: Vec<String> = keys
                .iter()
                .map(|k| r.value.field_text(k).unwrap().into_owned())
                .collect();
            assert_eq!(fields, &want, "case #{id}");
            costs +=
                usize::from(!fields[keys.iter().position(|k| *k == "costs").unwrap()].is_empty());
        }
        assert!(costs > 0, "some cases with costs");
    }
}
