//! Job seeker registrations (pane 7) in the store: the record kind (its number given when
//! left empty, one active registration per NIK), status moves, the six-monthly reports, the
//! list, the placement a domestic placement makes (`place_jobseeker`), the import and the
//! yearly figures.

mod figures;
mod import;

pub use figures::{active_day, JobseekerCounts, JobseekerSummaryRow};
pub use import::{JobseekerImport, Skipped};

use super::audit::{self, AuditEntry, Change};
use super::record::{
    self, all_rows, count_where, date, kind_methods, named_record, text, window, Kept, Table, Where,
};
use super::{Result, Store, StoreError};
use crate::domain::date::{iso, Date};
use crate::domain::jobseeker::{
    registration_number, Education, Jobseeker, JobseekerReport, JobseekerStatus, StatusMove,
    EXPIRED, NUMBER_PREFIX,
};
use crate::domain::nik::mask;
use crate::domain::Sex;
use crate::msg;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

named_record!(
    /// A registration with its identity and bookkeeping.
    JobseekerRecord,
    jobseeker: Jobseeker
);

named_record!(
    /// A six-monthly report with its identity and bookkeeping (`created_by` recorded it).
    JobseekerReportRecord,
    report: JobseekerReport
);

/// Which registration a placement closes: the one with this number, or the NIK's active one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobseekerRef<'a> {
    Number(&'a str),
    Nik(&'a str),
}

/// SQL of the status a registration shows on day `?N` (kedaluwarsa computed).
pub(crate) fn shown_status_sql(today_arg: usize) -> String {
    format!(
        "CASE WHEN status = 'aktif' AND valid_until < ?{today_arg} THEN '{EXPIRED}' \
         ELSE status END"
    )
}

/// What a list row shows; the NIK comes masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobseekerListRow {
    pub id: i64,
    /// The version on screen: a key that changes the registration carries it.
    pub version: i64,
    pub registration_no: String,
    pub nik_masked: String,
    pub name: String,
    pub sex: String,
    pub kecamatan: String,
    pub education: String,
    pub occupation_sought: String,
    pub registered_on: String,
    pub valid_until: String,
    /// As shown on the day asked: `kedaluwarsa` for an expired aktif registration.
    pub status: String,
    pub archived: bool,
}

/// The list's filter: words to find, a shown status (`kedaluwarsa` included), the year of
/// registration, live or archived records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobseekerFilter {
    pub text: String,
    pub status: Option<String>,
    pub year: Option<i32>,
    pub include_archived: bool,
    /// The archived records instead of the live ones.
    pub archived: bool,
}

/// The text the list's filter looks for its words in.
const SEARCHED: &str = "registration_no || ' ' || name || ' ' || nik || ' ' || kecamatan \
    || ' ' || desa || ' ' || education || ' ' || field_of_study || ' ' || skills \
    || ' ' || occupation_sought || ' #' || id";

/// The statuses a filter word may name, as shown (`kedaluwarsa` computed): the Indonesian
/// words and the English ones of the catalog.
const STATUS_WORDS: &[(&str, &str)] = &[
    ("aktif", "aktif"),
    ("active", "aktif"),
    ("ditempatkan", "ditempatkan"),
    ("placed", "ditempatkan"),
    ("dicabut", "dicabut"),
    ("withdrawn", "dicabut"),
    (EXPIRED, EXPIRED),
    ("expired", EXPIRED),
];

impl JobseekerFilter {
    fn where_clause(&self, today: Date) -> (String, Vec<Value>) {
        // A word that is a status narrows to the status shown (so `kedaluwarsa` finds the
        // expired ones, which are stored as aktif); the other words are looked for as text.
        let mut status = self.status.clone();
        let mut words = Vec::new();
        for word in self.text.split_whitespace() {
            let lower = word.to_lowercase();
            // Typed as far as five letters is enough (`kedal`): the list narrows as it is typed.
            let names = |w: &&(&str, &str)| {
                w.0 == lower || (lower.chars().count() >= 5 && w.0.starts_with(&lower))
            };
            match STATUS_WORDS.iter().find(names) {
                Some((_, s)) if status.is_none() => status = Some(s.to_string()),
                _ => words.push(word),
            }
        }
        let w = Where::archived(self.archived, self.include_archived)
            .within("registered_on", self.year.map(record::year_bounds))
            .words(&words.join(" "), SEARCHED);
        let w = match &status {
            Some(s) => {
                let n = w.next_arg();
                w.and(
                    format!("{} = ?{}", shown_status_sql(n + 1), n),
                    vec![Value::Text(s.clone()), Value::Text(iso(today))],
                )
            }
            None => w,
        };
        w.sql()
    }
}

impl Kept for Jobseeker {
    const TABLE: Table = Table {
        table: "jobseeker",
        label: "job seeker registration",
        columns: "registration_no nik name sex kecamatan desa education field_of_study skills \
            occupation_sought registered_on valid_until status placement_id:int placement \
            placed_on:opt revoke_reason revoked_on:opt notes",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        Ok(Jobseeker {
            registration_no: r.get(0)?,
            nik: r.get(1)?,
            name: r.get(2)?,
            sex: Sex::parse(&r.get::<_, String>(3)?).unwrap_or(Sex::L),
            kecamatan: r.get(4)?,
            desa: text(r, 5)?,
            education: Education::parse(&r.get::<_, String>(6)?).unwrap_or(Education::Sd),
            field_of_study: text(r, 7)?,
            skills: text(r, 8)?,
            occupation_sought: text(r, 9)?,
            registered_on: date(r, 10)?.unwrap_or_default(),
            valid_until: date(r, 11)?.unwrap_or_default(),
            status: JobseekerStatus::parse(&r.get::<_, String>(12)?)
                .unwrap_or(JobseekerStatus::Aktif),
            placement_id: r.get(13)?,
            placement: text(r, 14)?,
            placed_on: date(r, 15)?,
            revoke_reason: text(r, 16)?,
            revoked_on: date(r, 17)?,
            notes: text(r, 18)?,
        })
    }

    /// The "create" entry in the form's order.
    fn creation_changes(&self) -> Vec<Change> {
        record::non_empty(
            self.fields(),
            crate::domain::jobseeker::JOBSEEKER_DETAIL_FIELDS
                .iter()
                .map(|f| f.key)
                .chain(["status"]),
        )
    }

    /// A number left empty: the next of the registration's year (`AK1/2024/000124`).
    fn assigned(&self, conn: &Connection) -> Result<Self> {
        let mut js = self.clone();
        if js.registration_no.is_empty() {
            js.registration_no = next_number(conn, js.year())?;
        }
        Ok(js)
    }

    /// The status moves only by a status move; the number stays when an edit empties it.
    fn edited(&self, old: &Self, _id: i64) -> Result<Self> {
        if old.status != self.status {
            return Err(StoreError::Refused(msg!(
                "s.jobseeker.status_by_edit",
                old.status.as_str(),
                self.status.as_str()
            )));
        }
        let mut new = self.clone();
        if new.registration_no.is_empty() {
            new.registration_no = old.registration_no.clone();
        }
        Ok(new)
    }

    /// Refused when inconsistent, when the number is taken, or (while aktif) when the NIK
    /// holds another active registration.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        if let Some(p) = self.problems().first() {
            return Err(StoreError::Refused(
                msg!("s.jobseeker.not_saved").with(p.msg()),
            ));
        }
        if let Some(reason) = blocking(conn, self, except)? {
            return Err(StoreError::Refused(reason));
        }
        Ok(())
    }

    /// The reports made on the registration, in the order they were written.
    fn related_history(conn: &Connection, id: i64) -> Result<Vec<(i64, AuditEntry)>> {
        let rows: Vec<i64> = all_rows(
            conn,
            "SELECT id FROM jobseeker_report WHERE jobseeker_id = ?1 ORDER BY id",
            [id],
            |r| r.get(0),
        )?;
        let mut out = Vec::new();
        for rid in rows {
            for (audit_id, mut e) in audit::history_with_ids(conn, "jobseeker_report", rid)? {
                e.action = format!("report.{}", e.action);
                e.changes.insert(
                    0,
                    Change {
                        field: "report".into(),
                        old: String::new(),
                        new: format!("#{rid}"),
                    },
                );
                out.push((audit_id, e));
            }
        }
        Ok(out)
    }
}

/// Why `js` cannot stand beside the live registrations: its number used by another, or
/// (while aktif) another aktif registration of the NIK still valid on its registration day.
pub(crate) fn blocking(
    conn: &Connection,
    js: &Jobseeker,
    except: Option<i64>,
) -> Result<Option<crate::i18n::Msg>> {
    let except = except.unwrap_or(-1);
    let taken: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT name, nik FROM jobseeker WHERE registration_no = ?1 AND id <> ?2 LIMIT 1",
        )?
        .query_row(params![js.registration_no, except], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((name, nik)) = taken {
        return Ok(Some(msg!(
            "s.jobseeker.number_taken",
            js.registration_no,
            name,
            mask(&nik)
        )));
    }
    if js.status != JobseekerStatus::Aktif {
        return Ok(None);
    }
    let (from, until) = (js.registered_on, js.valid_until);
    Ok(active_of(conn, &js.nik, from, Some(until), except)?.map(|a| a.refusal()))
}

/// An aktif, live registration of an NIK.
pub(crate) struct Active {
    pub id: i64,
    pub number: String,
    pub name: String,
    pub registered_on: String,
    pub valid_until: String,
}

impl Active {
    pub fn refusal(&self) -> crate::i18n::Msg {
        msg!(
            "s.jobseeker.active_nik",
            self.number,
            self.name,
            self.registered_on,
            self.valid_until
        )
    }
}

/// The NIK's live aktif registration (the latest) other than `except` whose validity reaches
/// `from` and, with `until`, begins by `until`: one that overlaps a registration from `from`
/// to `until`, or (without `until`) one still valid on `from`.
pub(crate) fn active_of(
    conn: &Connection,
    nik: &str,
    from: Date,
    until: Option<Date>,
    except: i64,
) -> Result<Option<Active>> {
    let until = until.map(iso).unwrap_or_else(|| "9999-12-31".into());
    Ok(conn
        .prepare_cached(
            "SELECT id, registration_no, name, registered_on, valid_until FROM jobseeker
             WHERE nik = ?1 AND status = 'aktif' AND archived = 0 AND valid_until >= ?2
               AND registered_on <= ?4 AND id <> ?3
             ORDER BY registered_on DESC, id DESC LIMIT 1",
        )?
        .query_row(params![nik, iso(from), except, until], |r| {
            Ok(Active {
                id: r.get(0)?,
                number: r.get(1)?,
                name: r.get(2)?,
                registered_on: r.get(3)?,
                valid_until: r.get(4)?,
            })
        })
        .optional()?)
}

/// The next free number of `year`: one past the highest `AK1/<year>/NNNNNN` given.
pub(crate) fn next_number(conn: &Connection, year: i32) -> Result<String> {
    let prefix = format!("{NUMBER_PREFIX}/{year:04}/");
    let highest: Option<i64> = conn
        .prepare_cached(
            "SELECT max(CAST(substr(registration_no, ?2) AS INTEGER)) FROM jobseeker
             WHERE registration_no LIKE ?1 || '%' AND length(registration_no) = ?3",
        )?
        .query_row(
            params![prefix, prefix.len() as i64 + 1, prefix.len() as i64 + 6],
            |r| r.get(0),
        )?;
    Ok(registration_number(year, highest.unwrap_or(0) + 1))
}

/// Mark a registration `ditempatkan` by the domestic placement `placement_id` made on `on`,
/// inside the caller's transaction (`&tx` of a `rusqlite::Transaction`, or the connection
/// `Store::write` hands over), with its audit history entry (action `place`) by `officer`.
/// `by` names the registration: its number, or the NIK's live aktif registration still valid
/// on `on`. Returns the id of the registration it closed; None when there is none to close
/// (no such number, or not aktif; no active registration of the NIK).
pub fn place_jobseeker(
    conn: &Connection,
    by: JobseekerRef<'_>,
    placement_id: i64,
    on: Date,
    officer: &str,
) -> Result<Option<i64>> {
    let found: Option<(i64, i64)> = match by {
        JobseekerRef::Number(no) => conn
            .prepare_cached(
                "SELECT id, version FROM jobseeker
                 WHERE registration_no = ?1 AND status = 'aktif' AND archived = 0",
            )?
            .query_row([no.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        JobseekerRef::Nik(nik) => match active_of(conn, nik.trim(), on, None, -1)? {
            Some(a) => Some((
                a.id,
                conn.query_row("SELECT version FROM jobseeker WHERE id = ?1", [a.id], |r| {
                    r.get(0)
                })?,
            )),
            None => None,
        },
    };
    let Some((id, version)) = found else {
        return Ok(None);
    };
    // where, in words, for the registration's detail: the placement's employer and town
    let text: String = conn
        .prepare_cached(
            "SELECT employer || ', ' || employer_kabupaten FROM domestic_placement WHERE id = ?1",
        )?
        .query_row([placement_id], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let mv = StatusMove {
        to: JobseekerStatus::Ditempatkan,
        on,
        text,
        placement_id: Some(placement_id),
    };
    record::change(conn, id, version, "place", officer, |_, old: &Jobseeker| {
        old.moved(&mv).map_err(StoreError::Refused)
    })?;
    Ok(Some(id))
}

/// The registration domestic placement `placement_id` placed, back to `aktif` (the
/// placement was archived), with its history entry; nothing when it placed none.
pub fn unplace_jobseeker(conn: &Connection, placement_id: i64, officer: &str) -> Result<()> {
    let found: Option<(i64, i64)> = conn
        .prepare_cached(
            "SELECT id, version FROM jobseeker
             WHERE placement_id = ?1 AND status = 'ditempatkan' AND archived = 0",
        )?
        .query_row([placement_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, version)) = found {
        record::change(
            conn,
            id,
            version,
            "unplace",
            officer,
            |_, old: &Jobseeker| Ok(old.unplaced()),
        )?;
    }
    Ok(())
}

impl Kept for JobseekerReport {
    const TABLE: Table = Table {
        table: "jobseeker_report",
        label: "job seeker report",
        columns: "jobseeker_id:int reported_on note",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        Ok(JobseekerReport {
            jobseeker_id: r.get(0)?,
            reported_on: date(r, 1)?.unwrap_or_default(),
            note: text(r, 2)?,
        })
    }

    /// The "create" entry: the day and what was said (the registration is the record's own).
    fn creation_changes(&self) -> Vec<Change> {
        record::non_empty(self.fields(), ["reported_on", "note"].into_iter())
            .into_iter()
            .filter(|c| c.field != "jobseeker_id")
            .collect()
    }

    /// A report belongs to a registration that exists, on or after its registration day,
    /// and not after the registration was closed (placed or withdrawn: nothing to report);
    /// one report a day (a second is the same report entered twice).
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        let same_day: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM jobseeker_report
                 WHERE jobseeker_id = ?1 AND reported_on = ?2 AND archived = 0 AND id <> ?3
                 LIMIT 1",
            )?
            .query_row(
                params![
                    self.jobseeker_id,
                    iso(self.reported_on),
                    except.unwrap_or(-1)
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = same_day {
            return Err(StoreError::Refused(msg!(
                "s.jobseeker.report_twice",
                iso(self.reported_on),
                id
            )));
        }
        let row: Option<(String, Option<String>)> = conn
            .prepare_cached(
                "SELECT registered_on, coalesce(placed_on, revoked_on) FROM jobseeker WHERE id = ?1",
            )?
            .query_row([self.jobseeker_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((_, Some(closed))) = &row {
            if iso(self.reported_on) > *closed {
                return Err(StoreError::Refused(msg!(
                    "s.jobseeker.report_after_closed",
                    iso(self.reported_on),
                    closed
                )));
            }
        }
        let registered = row.map(|(on, _)| on);
        match registered {
            None => Err(StoreError::Refused(msg!(
                "s.jobseeker.no_registration",
                self.jobseeker_id
            ))),
            Some(on) if iso(self.reported_on) < on => Err(StoreError::Refused(msg!(
                "s.jobseeker.report_before",
                iso(self.reported_on),
                on
            ))),
            Some(_) => Ok(()),
        }
    }
}

kind_methods! {
    Jobseeker as JobseekerRecord:
    insert_jobseeker, get_jobseeker, update_jobseeker, archive_jobseeker, restore_jobseeker,
    jobseeker_history
}

kind_methods! {
    JobseekerReport as JobseekerReportRecord:
    insert_jobseeker_report, get_jobseeker_report, update_jobseeker_report,
    archive_jobseeker_report, restore_jobseeker_report, jobseeker_report_history
}

impl Store {
    /// Move a registration to ditempatkan (placed by hand: where, in words) or dicabut
    /// (with its reason); the new version.
    pub fn move_jobseeker(
        &mut self,
        id: i64,
        expected_version: i64,
        mv: &StatusMove,
    ) -> Result<i64> {
        let action = match mv.to {
            JobseekerStatus::Ditempatkan => "place",
            JobseekerStatus::Dicabut => "revoke",
            JobseekerStatus::Aktif => "status",
        };
        self.change(id, expected_version, action, |_, old: &Jobseeker| {
            old.moved(mv).map_err(StoreError::Refused)
        })
    }

    /// `place_jobseeker` in a transaction of its own, as this store's officer.
    pub fn place_jobseeker(
        &mut self,
        by: JobseekerRef<'_>,
        placement_id: i64,
        on: Date,
    ) -> Result<Option<i64>> {
        self.write(|conn, officer| place_jobseeker(conn, by, placement_id, on, officer))
    }

    /// The live reports of registration `id`, newest first.
    pub fn jobseeker_reports(&self, id: i64) -> Result<Vec<JobseekerReportRecord>> {
        let rows = record::list::<JobseekerReport>(
            &self.conn,
            "WHERE jobseeker_id = ?1 AND archived = 0",
            vec![Value::Integer(id)],
            "reported_on DESC, id DESC",
            0,
            i64::MAX,
        )?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub fn count_jobseekers(&self, filter: &JobseekerFilter, today: Date) -> Result<i64> {
        count_where(&self.conn, "jobseeker", filter.where_clause(today))
    }

    /// One window of the list, latest registration first, statuses as shown on `today`.
    pub fn list_jobseekers(
        &self,
        filter: &JobseekerFilter,
        today: Date,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<JobseekerListRow>> {
        let (clause, mut args) = filter.where_clause(today);
        args.push(Value::Text(iso(today)));
        let shown = shown_status_sql(args.len());
        let sql = format!(
            "SELECT id, version, registration_no, nik, name, sex, kecamatan, education,
                    occupation_sought, registered_on, valid_until, {shown}, archived
             FROM jobseeker {clause}
             ORDER BY registered_on DESC, id DESC {{window}}"
        );
        window(&self.conn, &sql, args, offset, limit, |r| {
            Ok(JobseekerListRow {
                id: r.get(0)?,
                version: r.get(1)?,
                registration_no: r.get(2)?,
                nik_masked: mask(&r.get::<_, String>(3)?),
                name: r.get(4)?,
                sex: r.get(5)?,
                kecamatan: r.get(6)?,
                education: r.get(7)?,
                occupation_sought: r.get(8)?,
                registered_on: r.get(9)?,
                valid_until: r.get(10)?,
                status: r.get(11)?,
                archived: r.get::<_, i64>(12)? != 0,
            })
        })
    }
}

#[cfg(test)]
mod tests;
