//! Checking a store file without changing it: `disnaker check` must be safe on a damaged
//! store and on a backup (opening a store normally would migrate it and reload reference
//! data, i.e. write to it).

use super::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The schema version the file holds.
    pub schema: i64,
    /// One line per problem (at most a hundred of each sort); empty when the store is sound.
    pub problems: Vec<String>,
    /// Summaries out of step with their records (rows written by hand with sqlite3), and in
    /// how many places: sound data, but figures that `check --repair` must count again.
    pub out_of_step: Vec<(&'static str, i64)>,
    /// A demo fill that began here and never ended.
    pub demo_cut_short: Option<super::demo::CutShort>,
}

/// One line: SQLite's integrity messages may span several.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Check the store file at `path`, read-only. Damage SQLite meets while reading is reported
/// as a problem found, like the damage `integrity_check` lists.
pub fn check_file(path: &Path) -> Result<CheckReport> {
    match check_conn(path) {
        Err(StoreError::Db(e)) if is_corrupt(&e) => Ok(CheckReport {
            schema: -1,
            problems: vec!["SQLite finds the database file malformed".into()],
            out_of_step: Vec::new(),
            demo_cut_short: None,
        }),
        other => other,
    }
}

fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(err, _)
        if err.code == rusqlite::ErrorCode::DatabaseCorrupt)
}

fn check_conn(path: &Path) -> Result<CheckReport> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let is_ours: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
        [],
        |r| r.get(0),
    )?;
    if schema == 0 || !is_ours {
        let empty = std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
        let why = if empty {
            crate::msg!("s.foreign.empty")
        } else {
            crate::msg!("s.foreign.other_program")
        };
        return Err(StoreError::Refused(
            crate::msg!("s.foreign", path.display()).with(why),
        ));
    }
    // A store written by a newer disnaker is not judged by this one's rules: refused like
    // every other command refuses it.
    if schema > super::migrations::LATEST {
        return Err(StoreError::NewerSchema {
            found: schema,
            supported: super::migrations::LATEST,
        });
    }
    let problems = problems(&conn)?;
    // Summaries are worth comparing only in a sound file.
    let out_of_step = if problems.is_empty() {
        super::summaries::differences(&conn, schema)?
    } else {
        Vec::new()
    };
    Ok(CheckReport {
        schema,
        problems,
        out_of_step,
        demo_cut_short: super::demo::cut_short(&conn)?,
    })
}

/// Integrity and foreign-key problems of an open connection, one line each.
pub(crate) fn problems(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if rows != ["ok"] {
        // One problem a line; a row may hold several, under a "*** in database main ***".
        out.extend(
            rows.iter()
                .flat_map(|r| r.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("*** "))
                .take(100)
                .map(one_line),
        );
    }
    if !out.is_empty() {
        // Damaged pages first; references are worth checking only in a sound file.
        return Ok(out);
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let fk: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {} refers to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<std::result::Result<_, _>>()?;
    out.extend(fk.into_iter().take(100));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_sound_store_has_no_problems_and_is_not_changed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.db");
        drop(Store::open(&p, "ani").unwrap());
        let before = std::fs::read(&p).unwrap();
        let r = check_file(&p).unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.schema, super::super::migrations::LATEST);
        assert_eq!(std::fs::read(&p).unwrap(), before);
    }

    #[test]
    fn multi_line_messages_become_one() {
        assert_eq!(
            one_line("*** in database main ***\nPage 5: never used\r\n"),
            "*** in database main ***; Page 5: never used"
        );
    }

    #[test]
    fn an_sqlite_file_of_something_else_is_not_a_store() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("other.db");
        Connection::open(&p)
            .unwrap()
            .execute_batch("CREATE TABLE t(x);")
            .unwrap();
        let e = check_file(&p).unwrap_err().to_string();
        assert!(e.contains("not a disnaker store"), "{e}");
    }
}
