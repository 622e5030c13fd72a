//! Drafts: a form's unsaved values, kept when the program had to stop without the officer
//! choosing to (a dropped connection, the terminal gone), and offered back to the same officer
//! the next time they open the program. A draft belongs to the officer who typed it: the
//! store never hands it to anyone else.

use super::record::all_rows;
use super::{now_stamp, Result, Store};
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

/// One unsaved form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Set by the store; ignored when saving.
    pub id: i64,
    /// The record kind, as the interface names it (e.g. `case`).
    pub kind: String,
    /// (id, version) of the record being edited; None for a new record. The version is the
    /// one the officer opened, so a save after someone else changed the record is refused.
    pub record: Option<(i64, i64)>,
    /// The form's fields as typed.
    pub values: BTreeMap<String, String>,
    /// Values the form carried without showing them.
    pub hidden: BTreeMap<String, String>,
    /// When the draft was kept (set by the store).
    pub saved_at: String,
}

fn to_json(m: &BTreeMap<String, String>) -> String {
    serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
}

fn from_json(s: &str) -> BTreeMap<String, String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn read(conn: &Connection, officer: &str) -> Result<Vec<Draft>> {
    all_rows(
        conn,
        "SELECT id, kind, record_id, record_version, field_values, hidden, saved_at
         FROM draft WHERE officer = ?1 ORDER BY id",
        [officer],
        |r| {
            let record = match (r.get::<_, Option<i64>>(2)?, r.get::<_, Option<i64>>(3)?) {
                (Some(id), Some(v)) => Some((id, v)),
                _ => None,
            };
            Ok(Draft {
                id: r.get(0)?,
                kind: r.get(1)?,
                record,
                values: from_json(&r.get::<_, String>(4)?),
                hidden: from_json(&r.get::<_, String>(5)?),
                saved_at: r.get(6)?,
            })
        },
    )
}

impl Store {
    /// Keep these forms as drafts of the current officer, all in one transaction.
    pub fn save_drafts(&mut self, drafts: &[Draft]) -> Result<usize> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        for d in drafts {
            tx.execute(
                "INSERT INTO draft (officer, kind, record_id, record_version, field_values,
                                    hidden, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    officer,
                    d.kind,
                    d.record.map(|r| r.0),
                    d.record.map(|r| r.1),
                    to_json(&d.values),
                    to_json(&d.hidden),
                    now
                ],
            )?;
        }
        tx.commit()?;
        Ok(drafts.len())
    }

    /// The current officer's drafts, oldest first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        read(&self.conn, &self.officer)
    }

    /// Throw one of the current officer's drafts away; false if there is no such draft of
    /// theirs (another officer's draft is never touched).
    pub fn discard_draft(&mut self, id: i64) -> Result<bool> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let n = tx.execute(
            "DELETE FROM draft WHERE id = ?1 AND officer = ?2",
            params![id, officer],
        )?;
        tx.commit()?;
        Ok(n == 1)
    }

    /// Hand the current officer's drafts back and remove them from the store in one
    /// transaction, so two sessions of the same officer never both reopen one.
    pub fn take_drafts(&mut self) -> Result<Vec<Draft>> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let drafts = read(&tx, &officer)?;
        tx.execute("DELETE FROM draft WHERE officer = ?1", [&officer])?;
        tx.commit()?;
        Ok(drafts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> Draft {
        Draft {
            id: 0,
            kind: "case".into(),
            record: Some((7, 3)),
            values: BTreeMap::from([("name".to_string(), name.to_string())]),
            hidden: BTreeMap::from([("status".to_string(), "baru".to_string())]),
            saved_at: String::new(),
        }
    }

    #[test]
    fn drafts_are_the_officers_own() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        ani.save_drafts(&[draft("Siti"), draft("Sri")]).unwrap();
        budi.save_drafts(&[draft("Budi's")]).unwrap();

        let mine = ani.drafts().unwrap();
        assert_eq!(mine.len(), 2);
        assert_eq!(mine[0].values["name"], "Siti");
        assert_eq!(mine[0].record, Some((7, 3)));
        assert_eq!(mine[0].hidden["status"], "baru");
        assert!(!mine[0].saved_at.is_empty());

        // budi cannot discard ani's draft
        assert!(!budi.discard_draft(mine[0].id).unwrap());
        assert!(ani.discard_draft(mine[0].id).unwrap());
        assert_eq!(ani.drafts().unwrap().len(), 1);

        let taken = ani.take_drafts().unwrap();
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].values["name"], "Sri");
        assert!(ani.drafts().unwrap().is_empty());
        assert!(ani.take_drafts().unwrap().is_empty());
        assert_eq!(budi.drafts().unwrap()[0].values["name"], "Budi's");
    }
}
