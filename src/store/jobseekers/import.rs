//! The import of registrations: rows checked by the domain, duplicates (a registration
//! number already given, or an NIK already active over the same time, in the store or earlier
//! in the file) skipped and counted, the rest written in one transaction or none.

use super::super::record::{self, Kept};
use super::super::{now_stamp, Result, Store};
use super::active_of;
use crate::domain::jobseeker::Jobseeker;
use rusqlite::{Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};

/// What an import wrote (or, dry, would write): rows added, duplicates skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobseekerImport {
    pub added: usize,
    pub skipped: usize,
    /// The rows skipped (their index in the rows given) and why, in order: the command names
    /// them.
    pub skipped_rows: Vec<(usize, Skipped)>,
}

/// Why an imported row was skipped as a duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// Its registration number is given already (in the store or an earlier row).
    Number(String),
    /// The person has an active registration over the same time: in the store (its number)…
    Registered(String),
    /// …or in an earlier row of the file.
    EarlierRow,
}

/// For each row, why it is a duplicate (None: it is not), in file order.
fn duplicates(conn: &Connection, rows: &[Jobseeker]) -> Result<Vec<Option<Skipped>>> {
    let mut numbers: HashSet<&str> = HashSet::new();
    let mut active: HashMap<&str, Vec<&Jobseeker>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut taken = conn.prepare_cached("SELECT 1 FROM jobseeker WHERE registration_no = ?1")?;
    for r in rows {
        let no = r.registration_no.as_str();
        let number_dup = !no.is_empty()
            && (numbers.contains(no) || taken.query_row([no], |_| Ok(())).optional()?.is_some());
        let overlaps =
            |o: &&Jobseeker| o.registered_on <= r.valid_until && o.valid_until >= r.registered_on;
        let dup = if number_dup {
            Some(Skipped::Number(no.to_string()))
        } else if active
            .get(r.nik.as_str())
            .is_some_and(|v| v.iter().any(overlaps))
        {
            Some(Skipped::EarlierRow)
        } else {
            active_of(conn, &r.nik, r.registered_on, Some(r.valid_until), -1)?
                .map(|a| Skipped::Registered(a.number))
        };
        if dup.is_none() {
            if !no.is_empty() {
                numbers.insert(no);
            }
            active.entry(r.nik.as_str()).or_default().push(r);
        }
        out.push(dup);
    }
    Ok(out)
}

impl Store {
    /// What importing `rows` would do: how many would be added and skipped as duplicates.
    pub fn check_jobseeker_import(&self, rows: &[Jobseeker]) -> Result<JobseekerImport> {
        let dups = duplicates(&self.conn, rows)?;
        let skipped_rows: Vec<(usize, Skipped)> = dups
            .into_iter()
            .enumerate()
            .filter_map(|(i, d)| d.map(|d| (i, d)))
            .collect();
        let skipped = skipped_rows.len();
        Ok(JobseekerImport {
            added: rows.len() - skipped,
            skipped,
            skipped_rows,
        })
    }

    /// Write the rows that are not duplicates, in file order (a number left empty given in
    /// that order), each with its history entry `import`: all or none.
    pub fn import_jobseekers(&mut self, rows: &[Jobseeker]) -> Result<JobseekerImport> {
        self.write(|conn, officer| {
            let dups = duplicates(conn, rows)?;
            let now = now_stamp();
            let mut done = JobseekerImport::default();
            for (i, (r, dup)) in rows.iter().zip(dups).enumerate() {
                if let Some(why) = dup {
                    done.skipped += 1;
                    done.skipped_rows.push((i, why));
                    continue;
                }
                let r = r.assigned(conn)?;
                record::insert(conn, &r, "import", officer, &now)?;
                done.added += 1;
            }
            Ok(done)
        })
    }
}
