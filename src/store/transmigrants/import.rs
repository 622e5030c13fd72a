//! The all-or-nothing import of registrations: every row the store would refuse is
//! named, and one refused row refuses the file.

use super::{blocking_registration, figures};
use crate::domain::date::{iso, Date};
use crate::domain::transmigrant::{QuotaWarning, Registration};
use crate::domain::FieldError;
use crate::msg;
use crate::store::record;
use crate::store::{now_stamp, Result, Store, StoreError};
use chrono::Datelike;
use rusqlite::Connection;
use std::collections::{BTreeSet, HashMap};

/// What an import wrote: rows added, and the years whose departures now exceed the quota.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransmigrantImport {
    pub added: usize,
    pub warnings: Vec<QuotaWarning>,
}

/// Every reason the store refuses rows of an import, as (index in `rows`, problem). Rows
/// are taken in registration order, so a family's earlier registration in the same file
/// counts as earlier.
fn import_problems(conn: &Connection, rows: &[Registration]) -> Result<Vec<(usize, FieldError)>> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| rows[i].registered_on);
    // family key -> the open registration of this file holding it
    let mut open: HashMap<(&str, &str), usize> = HashMap::new();
    let mut dates: BTreeSet<(&str, &str, Date)> = BTreeSet::new();
    let mut out = Vec::new();
    for i in order {
        let r = &rows[i];
        if let Some(p) = r.problems().into_iter().next() {
            out.push((i, p));
            continue;
        }
        if let Some(p) = blocking_registration(conn, r, None, true)? {
            out.push((i, p));
            continue;
        }
        let keys = [("kk_no", r.kk_no.as_str()), ("nik", r.nik.as_str())];
        if let Some((field, j)) = keys.iter().find_map(|k| open.get(k).map(|j| (k.0, *j))) {
            let o = &rows[j];
            out.push((
                i,
                FieldError::new(
                    field,
                    msg!(
                        "s.reg.open_in_file",
                        o.head_name,
                        iso(o.registered_on),
                        o.stage
                    ),
                ),
            ));
            continue;
        }
        if keys
            .iter()
            .any(|(f, v)| !dates.insert((*f, *v, r.registered_on)))
        {
            out.push((
                i,
                FieldError::new("registered_on", msg!("s.reg.twice_in_file")),
            ));
            continue;
        }
        if r.is_open() {
            for k in keys {
                open.insert(k, i);
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    Ok(out)
}

impl Store {
    /// Why the store would refuse rows of an import, as (index in `rows`, problem); empty
    /// when `import_transmigrants` would write them all. For `--dry-run` and for naming the
    /// file's lines.
    pub fn check_transmigrant_import(
        &self,
        rows: &[Registration],
    ) -> Result<Vec<(usize, FieldError)>> {
        import_problems(&self.conn, rows)
    }

    /// Save checked registrations in ONE transaction: all or nothing. Any row the store
    /// refuses (an open registration of the family in the store or earlier in the file, the
    /// same family twice on one day) refuses the whole import and writes nothing. Rows are
    /// written in registration order, so the waiting list keeps it.
    pub fn import_transmigrants(&mut self, rows: &[Registration]) -> Result<TransmigrantImport> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        let problems = import_problems(&tx, rows)?;
        if !problems.is_empty() {
            let rows = problems
                .iter()
                .map(|(i, p)| msg!("s.import.row", i + 1).with(p.msg()));
            let listed = rows
                .reduce(|acc, m| msg!("msg.semicolon").with(acc).with(m))
                .unwrap_or_else(|| msg!("msg.verbatim", ""));
            return Err(StoreError::Refused(msg!("s.import.refused").with(listed)));
        }
        let mut order: Vec<&Registration> = rows.iter().collect();
        order.sort_by_key(|r| r.registered_on);
        let mut years = BTreeSet::new();
        for r in order {
            record::insert(&tx, r, "create", &officer, &now)?;
            if let Some(on) = r.departed_on {
                years.insert(on.year());
            }
        }
        let mut warnings = Vec::new();
        for year in years {
            let status = figures::quota_status(&tx, year)?;
            if let (Some(quota), over) = (status.quota, status.over()) {
                if over > 0 {
                    warnings.push(QuotaWarning::Exceeded {
                        year,
                        quota,
                        departed: status.used,
                    });
                }
            }
        }
        tx.commit()?;
        Ok(TransmigrantImport {
            added: rows.len(),
            warnings,
        })
    }
}
