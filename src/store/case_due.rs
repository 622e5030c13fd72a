//! Running a case (issue 16): its responsible officer, the status moves that ask for dates,
//! reopening a closed case, and the worklist of what is due.
//!
//! The worklist is one query over the *sources* of due items ([`DUE_SOURCES`]): each source
//! is a `SELECT` giving `(case_id, due_on, what)` rows for what is due on or before `?1`
//! (today), and the list is their `UNION ALL`, joined to the open, live cases: the case's own
//! follow-up date, and the answer due of each referral to a partner agency.

use super::audit::Change;
use super::record::{self, all_rows, window};
use super::{Result, Store, StoreError};
use crate::domain::case::{CaseStatus, PmiCase};
use crate::domain::case_flow::CaseMove;
use crate::domain::date::iso;
use crate::domain::date::Date;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

/// What is due: the open cases' follow-up dates that have come (`?1` is today, ISO; `?2`
/// an officer or NULL). Read from the index alone (`pmi_case_due`, which holds only open,
/// live cases).
pub const FOLLOWUP_DUE: &str = "SELECT id AS case_id, next_followup AS due_on, 'followup' AS what
    FROM pmi_case INDEXED BY pmi_case_due
    WHERE archived = 0 AND status <> 'ditutup' AND next_followup <= ?1
        AND (?2 IS NULL OR officer = ?2)";

/// What is due: the answers of referrals to partner agencies whose due day has come, of open,
/// live cases (of officer `?2`, or everyone's), read from the index of unanswered referrals
/// (`referral_open_due`).
pub const REFERRAL_DUE: &str = "SELECT r.case_id AS case_id, r.due_on AS due_on, 'referral' AS what
    FROM referral AS r INDEXED BY referral_open_due
    WHERE r.answered_on IS NULL AND r.archived = 0 AND r.due_on <= ?1
        AND r.case_id IN (SELECT id FROM pmi_case WHERE archived = 0 AND status <> 'ditutup'
                          AND (?2 IS NULL OR officer = ?2))";

/// Every source of due items, each a `SELECT case_id, due_on, what ... WHERE due_on <= ?1`
/// giving only items of open, live cases of officer `?2` (all officers' when NULL): the
/// header's count reads the sources alone. A case's follow-up, and each referral answer due.
pub const DUE_SOURCES: &[&str] = &[FOLLOWUP_DUE, REFERRAL_DUE];

/// The due items of every source with their case, closed and archived cases left out, most
/// overdue first; `?2` is an officer's name or NULL for everyone's.
fn due_sql(tail: &str) -> String {
    format!(
        "SELECT d.case_id, d.due_on, d.what, c.kecamatan, c.category, c.status, c.officer,
                c.name, ifnull(c.nik, ''), c.version
         FROM ({}) AS d JOIN pmi_case AS c ON c.id = d.case_id
         WHERE c.archived = 0 AND c.status <> 'ditutup' AND (?2 IS NULL OR c.officer = ?2)
         ORDER BY d.due_on, d.case_id, d.what {tail}",
        DUE_SOURCES.join(" UNION ALL ")
    )
}

/// One thing due on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub case_id: i64,
    /// The case's version when the list was read (a key that changes the case carries it).
    pub version: i64,
    /// ISO date.
    pub due_on: String,
    /// What is due: `followup` or `referral` (the source's code; the catalog names it
    /// `due.what.*`).
    pub what: String,
    pub kecamatan: String,
    pub category: String,
    pub status: String,
    pub officer: String,
    pub name: String,
    /// The NIK in full: only a list with personal data shows it.
    pub nik: String,
}

impl DueRow {
    /// Days since it was due (0: due today).
    pub fn days_overdue(&self, today: Date) -> i64 {
        Date::parse_from_str(&self.due_on, "%Y-%m-%d")
            .map(|d| crate::domain::case_flow::days_overdue(d, today))
            .unwrap_or(0)
    }
}

fn args(today: Date, officer: Option<&str>) -> Vec<Value> {
    vec![
        Value::Text(iso(today)),
        officer.map_or(Value::Null, |o| Value::Text(o.to_string())),
    ]
}

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<DueRow> {
    Ok(DueRow {
        case_id: r.get(0)?,
        due_on: r.get(1)?,
        what: r.get(2)?,
        kecamatan: r.get(3)?,
        category: r.get(4)?,
        status: r.get(5)?,
        officer: r.get(6)?,
        name: r.get(7)?,
        nik: r.get(8)?,
        version: r.get(9)?,
    })
}

/// A domain refusal as the store says it: the reasons, joined.
fn refused(errors: Vec<crate::domain::FieldError>) -> StoreError {
    let reasons = errors.into_iter().map(|e| e.reason);
    let all = reasons.reduce(|a, b| crate::msg!("msg.semicolon").with(a).with(b));
    StoreError::Refused(all.unwrap_or_else(|| crate::msg!("msg.verbatim", "")))
}

impl Store {
    /// Every item due on or before `today`, most overdue first (`officer`: only that
    /// officer's cases).
    pub fn due_items(&self, today: Date, officer: Option<&str>) -> Result<Vec<DueRow>> {
        all_rows(
            &self.conn,
            &due_sql(""),
            params_from_iter(args(today, officer)),
            read_row,
        )
    }

    /// One window of the worklist (the rows on screen).
    pub fn due_window(
        &self,
        today: Date,
        officer: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<DueRow>> {
        window(
            &self.conn,
            &due_sql("{window}"),
            args(today, officer),
            offset,
            limit,
            read_row,
        )
    }

    /// How many items are due on or before `today` (pane 1's header): the sources alone,
    /// the follow-ups from their index without reading a case.
    pub fn count_due(&self, today: Date, officer: Option<&str>) -> Result<i64> {
        // Everyone's follow-ups come from their tally (open, live cases by follow-up day: a
        // few hundred days), not from every open case's index entry: on a million cases the
        // header's count was most of the first frame. One officer's, and the other sources,
        // are counted from their rows.
        let tallied = officer.is_none();
        let sources: Vec<&str> = DUE_SOURCES
            .iter()
            .copied()
            .filter(|s| !(tallied && *s == FOLLOWUP_DUE))
            .collect();
        let sql = format!("SELECT count(*) FROM ({})", sources.join(" UNION ALL "));
        let counted: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args(today, officer)), |r| r.get(0))?;
        if !tallied {
            return Ok(counted);
        }
        let followups: i64 = self
            .conn
            .prepare_cached("SELECT ifnull(sum(n), 0) FROM followup_tally WHERE day <= ?1")?
            .query_row([iso(today)], |r| r.get(0))?;
        Ok(followups + counted)
    }

    /// The officers responsible for live cases, by name (pane 1's officer filter).
    pub fn case_officers(&self) -> Result<Vec<String>> {
        all_rows(
            &self.conn,
            "SELECT DISTINCT officer FROM pmi_case WHERE archived = 0 AND officer <> ''
             ORDER BY officer",
            [],
            |r| r.get(0),
        )
    }

    /// Make `officer` responsible for case `id` (seen at `expected_version`): a versioned
    /// change, `assign` in the history with the old and new officer.
    pub fn assign_case(&mut self, id: i64, expected_version: i64, officer: &str) -> Result<i64> {
        let officer = officer.trim().to_string();
        self.change(id, expected_version, "assign", |_, old: &PmiCase| {
            if officer.is_empty() {
                return Err(StoreError::Refused(
                    crate::i18n::Lang::En.t("case_flow.needs.officer").into(),
                ));
            }
            let mut c = old.clone();
            c.officer = officer;
            Ok(c)
        })
    }

    /// Move case `id` to `to` with what the move asks (the planned return date, the arrival
    /// date and place, the hand-over date): refused when they are missing or wrong. A reason
    /// in `mv` is written into the history entry.
    pub fn move_case(
        &mut self,
        id: i64,
        expected_version: i64,
        to: CaseStatus,
        mv: &CaseMove,
    ) -> Result<i64> {
        // Closing with a required document missing needs the reason (issue 16, documents).
        self.write(|conn, officer| {
            record::change_noting(
                conn,
                id,
                expected_version,
                "status",
                officer,
                |conn, old: &PmiCase| {
                    let new = old.moved(to, mv).map_err(refused)?;
                    let noted = super::casework::closing_notes(conn, id, old, to, &mv.reason)?;
                    Ok((new, noted))
                },
            )
        })
    }

    /// Reopen closed case `id` with `reason` (in the history entry, `reopen`): back to tiba
    /// if the PMI came home, else koordinasi.
    pub fn reopen_case(&mut self, id: i64, expected_version: i64, reason: &str) -> Result<i64> {
        let note = reason_note(reason);
        self.change_noted(id, expected_version, "reopen", &note, |_, old: &PmiCase| {
            old.reopened(reason).map_err(|e| refused(vec![e]))
        })
    }
}

/// The reason of a move as the history keeps it.
fn reason_note(reason: &str) -> Vec<Change> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Vec::new();
    }
    vec![Change {
        field: "reason".into(),
        old: String::new(),
        new: reason.into(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::FieldValues;
    use crate::domain::demo;

    fn case(name: &str, followup: Option<String>) -> PmiCase {
        let mut v: FieldValues = [
            ("name", name),
            ("sex", "P"),
            ("kecamatan", "Ponggok"),
            ("country", "Taiwan"),
            ("category", "sakit"),
            ("reported_on", "2026-10-01"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        if let Some(f) = followup {
            v.insert("next_followup".into(), f);
        }
        PmiCase::from_fields(&v, demo::reference_day()).0.unwrap()
    }

    /// The worklist reads the follow-up index, an officer's by officer and day.
    #[test]
    fn the_worklist_reads_an_index() {
        let s = Store::open_in_memory("t").unwrap();
        for officer in ["NULL", "'ani'"] {
            let sql = due_sql("")
                .replace("?1", "'2026-11-28'")
                .replace("?2", officer);
            let mut stmt = s
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            let plan = plan.join(" | ");
            assert!(
                plan.contains("INDEX pmi_case_due (next_followup<?)"),
                "{plan}"
            );
            let count = format!("SELECT count(*) FROM ({FOLLOWUP_DUE})")
                .replace("?1", "'2026-11-28'")
                .replace("?2", officer);
            let mut stmt = s
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {count}"))
                .unwrap();
            let plan: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            assert_eq!(
                plan,
                ["SEARCH pmi_case USING COVERING INDEX pmi_case_due (next_followup<?)"]
            );
        }
    }

    /// Everyone's count (follow-ups from their tally) and one officer's (from the index) are
    /// the worklist's length: a case closed, archived, due later or without a date is not due.
    #[test]
    fn the_count_is_the_worklists_length() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        let today = demo::reference_day();
        let day = |n: i64| Some(iso(today + chrono::Duration::days(n)));
        for (name, followup) in [("A", day(-3)), ("B", day(0)), ("C", day(4)), ("D", None)] {
            ani.insert_case(&case(name, followup)).unwrap();
        }
        budi.insert_case(&case("E", day(-1))).unwrap();
        let f = budi.insert_case(&case("F", day(-2))).unwrap();
        let closed = ani.insert_case(&case("G", day(-5))).unwrap();
        let v = ani.get_case(closed).unwrap().version;
        let mut c = ani.get_case(closed).unwrap().case;
        c.status = Some(CaseStatus::Ditutup);
        c.next_followup = None;
        ani.update_case(closed, v, &c).unwrap();
        budi.archive_case(f, 1).unwrap();
        for officer in [None, Some("ani"), Some("budi")] {
            let items = ani.due_items(today, officer).unwrap();
            assert_eq!(
                ani.count_due(today, officer).unwrap(),
                items.len() as i64,
                "{officer:?}: {items:?}"
            );
        }
        assert_eq!(ani.count_due(today, None).unwrap(), 3);
        assert_eq!(ani.count_due(today, Some("budi")).unwrap(), 1);
    }

    #[test]
    fn a_new_case_is_its_recorders_and_a_reassignment_is_in_its_history() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        let today = demo::reference_day();
        let id = ani.insert_case(&case("Siti", Some(iso(today)))).unwrap();
        assert_eq!(ani.get_case(id).unwrap().case.officer, "ani");
        let v = budi.assign_case(id, 1, " budi ").unwrap();
        assert_eq!(v, 2);
        // An edit made on what ani saw is refused; one made now keeps budi.
        let mut c = ani.get_case(id).unwrap().case;
        assert!(matches!(
            ani.assign_case(id, 1, "ani"),
            Err(StoreError::Conflict { .. })
        ));
        c.notes = "telepon keluarga".into();
        c.officer = "someone else".into();
        ani.update_case(id, v, &c).unwrap();
        assert_eq!(ani.get_case(id).unwrap().case.officer, "budi");
        let h = ani.case_history(id).unwrap();
        let assign = h.iter().find(|e| e.action == "assign").unwrap();
        assert_eq!(assign.officer, "budi");
        assert_eq!(
            (
                assign.changes[0].field.as_str(),
                assign.changes[0].old.as_str()
            ),
            ("officer", "ani")
        );
        assert_eq!(assign.changes[0].new, "budi");
        assert_eq!(ani.due_items(today, Some("budi")).unwrap().len(), 1);
        assert!(ani.due_items(today, Some("ani")).unwrap().is_empty());
        assert_eq!(ani.case_officers().unwrap(), ["budi"]);
    }

    /// A move without what it asks writes nothing; a reopen on a version another officer
    /// has moved past is refused, and the other officer's change stays.
    #[test]
    fn moves_and_reopening_keep_to_the_version_seen() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        let id = ani.insert_case(&case("Siti", None)).unwrap();
        let v = ani
            .move_case(id, 1, CaseStatus::Koordinasi, &CaseMove::default())
            .unwrap();
        let e = ani
            .move_case(id, v, CaseStatus::Pemulangan, &CaseMove::default())
            .unwrap_err();
        assert!(e.to_string().contains("planned return date"), "{e}");
        assert_eq!(ani.get_case(id).unwrap().version, v, "nothing written");
        // Its documents are not in: closing needs a reason (the casework rule).
        let reason = CaseMove {
            reason: "dokumen menyusul".into(),
            ..CaseMove::default()
        };
        assert!(ani
            .move_case(id, v, CaseStatus::Ditutup, &CaseMove::default())
            .is_err());
        let closed = ani.move_case(id, v, CaseStatus::Ditutup, &reason).unwrap();
        let mut c = budi.get_case(id).unwrap().case;
        c.notes = "klaim BPJS".into();
        budi.update_case(id, closed, &c).unwrap();
        assert!(matches!(
            ani.reopen_case(id, closed, "keluarga lapor lagi"),
            Err(StoreError::Conflict { .. })
        ));
        let now = ani.get_case(id).unwrap();
        assert_eq!(now.case.status, Some(CaseStatus::Ditutup));
        assert_eq!(now.case.notes, "klaim BPJS");
        ani.reopen_case(id, now.version, "keluarga lapor lagi")
            .unwrap();
        let last = ani.case_history(id).unwrap().pop().unwrap();
        assert_eq!(last.action, "reopen");
        assert_eq!(last.changes.last().unwrap().new, "keluarga lapor lagi");
    }
}
