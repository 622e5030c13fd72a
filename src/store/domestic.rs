//! Domestic placements (AKL / AKAD) and job fairs in the store: insert (a placement with the
//! NIK and date of a live one is a duplicate), optimistic updates, archive, restore and
//! history through `store::record`; windowed lists; the all-or-nothing import, duplicates
//! skipped and counted; and the counts the reports, the indicators (III.1, III.2) and the
//! charts read: per kecamatan × kind × sex × how for a year, and per job fair.

use super::jobseekers::{place_jobseeker, unplace_jobseeker, JobseekerRef};
use super::record::{self, count_where, kind_methods, window, year_bounds, Kept, Table, Where};
use super::{now_stamp, ImportOutcome, Result, Store, StoreError};
use crate::domain::case::Sex;
use crate::domain::date::{self, iso};
use crate::domain::domestic::{DomesticKind, DomesticPlacement, How, JobFair};
use crate::domain::nik::mask;
use crate::domain::FieldError;
use crate::msg;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::{BTreeMap, HashSet};

record::named_record!(
    /// A domestic placement with its identity and bookkeeping.
    DomesticRecord,
    placement: DomesticPlacement
);

record::named_record!(
    /// A job fair with its identity and bookkeeping.
    JobFairRecord,
    fair: JobFair
);

impl Kept for DomesticPlacement {
    const TABLE: Table = Table {
        table: "domestic_placement",
        label: "domestic placement",
        columns: "nik name sex kecamatan employer employer_kabupaten employer_province kind \
            occupation sector placed_on how job_fair registration_no",
        import_entity: None,
    };

    fn read(row: &Row) -> Result<Self> {
        let mut fields = BTreeMap::new();
        for (i, (k, _)) in Self::TABLE.columns().enumerate() {
            fields.insert(k.to_string(), record::text(row, i)?);
        }
        let id: i64 = row.get(Self::TABLE.width())?;
        // A stored date is in the past unless the clock was set back: never refuse a stored
        // record for that.
        let placed =
            date::parse_date(&fields["placed_on"]).unwrap_or_else(|_| crate::clock::today());
        let today = crate::clock::today().max(placed);
        let (placement, checked) = DomesticPlacement::from_fields(&fields, today);
        placement.ok_or_else(|| {
            let reasons: Vec<String> = checked.errors.iter().map(|e| e.to_string()).collect();
            StoreError::Refused(msg!("s.domestic.broken", id, reasons.join("; ")))
        })
    }

    /// The job fair as the store spells it (`job fair blitar 2024` → `Job Fair Blitar 2024`),
    /// so its placements count under one name.
    fn assigned(&self, conn: &Connection) -> Result<Self> {
        let mut p = self.clone();
        if !p.job_fair.is_empty() {
            let own: Option<String> = conn
                .prepare_cached(
                    "SELECT fair_name FROM job_fair
                     WHERE archived = 0 AND fair_name = ?1 COLLATE NOCASE LIMIT 1",
                )?
                .query_row([p.job_fair.trim()], |r| r.get(0))
                .optional()?;
            if let Some(own) = own {
                p.job_fair = own;
            }
        }
        Ok(p)
    }

    /// A live placement of the same NIK on the same day is the same placement entered
    /// twice; a job fair named must be a live one.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        if let Some(id) = duplicate_of(conn, self, except)? {
            return Err(StoreError::Refused(msg!(
                "s.domestic.duplicate",
                id,
                iso(self.placed_on)
            )));
        }
        if let Some(e) = fair_problem(conn, self)? {
            return Err(StoreError::Refused(e.reason));
        }
        if let Some(e) = registration_problem(conn, self, except)? {
            return Err(StoreError::Refused(e.reason));
        }
        Ok(())
    }

    /// Placing a registered job seeker closes the registration as `ditempatkan`, in the
    /// same transaction: the one its number names, else the NIK's active one (if any), by
    /// the officer who wrote the placement.
    fn inserted(conn: &Connection, first: i64, last: i64) -> Result<()> {
        let rows = record::all_rows(
            conn,
            "SELECT id, registration_no, nik, placed_on, created_by FROM domestic_placement
             WHERE id BETWEEN ?1 AND ?2",
            params![first, last],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )?;
        for (id, number, nik, on, officer) in rows {
            place_registration(conn, id, &number, &nik, &on, &officer)?;
        }
        Ok(())
    }

    /// Edited so that it names another registration (or one where it named none), another
    /// person or another day, or another employer: the registration it placed goes back to
    /// `aktif` and the one it now names is placed (each with its history entry).
    fn changed(conn: &Connection, id: i64, old: &Self, new: &Self, officer: &str) -> Result<()> {
        let key = |p: &Self| {
            (
                p.registration_no.trim().to_string(),
                p.nik.as_str().to_string(),
                p.placed_on,
                p.employer.clone(),
                p.employer_kabupaten.clone(),
            )
        };
        if key(old) == key(new) {
            return Ok(());
        }
        unplace_jobseeker(conn, id, officer)?;
        place_registration(
            conn,
            id,
            new.registration_no.trim(),
            new.nik.as_str(),
            &iso(new.placed_on),
            officer,
        )
    }

    /// Archived, the placement no longer places anybody: the registration it closed goes back
    /// to `aktif` (with a history entry). Restored, it places the registration again.
    fn archived_changed(conn: &Connection, id: i64, archived: bool, officer: &str) -> Result<()> {
        if archived {
            return unplace_jobseeker(conn, id, officer);
        }
        let (number, nik, on): (String, String, String) = conn.query_row(
            "SELECT registration_no, nik, placed_on FROM domestic_placement WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        place_registration(conn, id, &number, &nik, &on, officer)
    }
}

/// A store refusal of an imported row as the field it is about: `field: reason` as its
/// field, anything else as the registration the row names (or its NIK).
fn refusal_of_row(p: &DomesticPlacement, m: crate::i18n::Msg) -> FieldError {
    if m.key == "v.field_reason" && m.inner.len() == 1 {
        if let Some(field) = crate::domain::domestic::DOMESTIC_FIELDS
            .iter()
            .find(|f| m.args.first().is_some_and(|a| a == f.key))
        {
            return FieldError::new(field.key, m.inner[0].clone());
        }
    }
    let field = if p.registration_no.is_empty() {
        "nik"
    } else {
        "registration_no"
    };
    FieldError::new(field, m)
}

/// Close the registration placement `id` places: the one `number` names (refused when none
/// is active), else the NIK's active one if any.
fn place_registration(
    conn: &Connection,
    id: i64,
    number: &str,
    nik: &str,
    on: &str,
    officer: &str,
) -> Result<()> {
    let on = date::parse_date(on).map_err(StoreError::Refused)?;
    let by = if number.is_empty() {
        JobseekerRef::Nik(nik)
    } else {
        JobseekerRef::Number(number)
    };
    let closed = place_jobseeker(conn, by, id, on, officer)?;
    if closed.is_none() && !number.is_empty() {
        return Err(StoreError::Refused(msg!(
            "s.domestic.no_registration",
            crate::domain::quoted(number)
        )));
    }
    Ok(())
}

/// A job seeker registration number given by `p` that names no active registration, or the
/// registration of another person (NIK).
/// (`except`: the placement's own id, whose registration it has placed already.)
fn registration_problem(
    conn: &Connection,
    p: &DomesticPlacement,
    except: Option<i64>,
) -> Result<Option<FieldError>> {
    if p.registration_no.is_empty() {
        return Ok(None);
    }
    let found: Option<String> = conn
        .prepare_cached(
            "SELECT nik FROM jobseeker
             WHERE registration_no = ?1 AND archived = 0
                AND (status = 'aktif' OR (status = 'ditempatkan' AND placement_id = ?2))
             LIMIT 1",
        )?
        .query_row(
            params![p.registration_no.trim(), except.unwrap_or(-1)],
            |r| r.get(0),
        )
        .optional()?;
    let number = crate::domain::quoted(&p.registration_no);
    Ok(match found {
        None => Some(msg!("s.domestic.no_registration", number)),
        Some(nik) if nik != p.nik.as_str() => Some(msg!("s.domestic.other_person", number)),
        Some(_) => None,
    }
    .map(|m| FieldError::new("registration_no", m)))
}

/// The live placement `p` repeats (same NIK, same day), if any.
fn duplicate_of(
    conn: &Connection,
    p: &DomesticPlacement,
    except: Option<i64>,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM domestic_placement
             WHERE archived = 0 AND nik = ?1 AND placed_on = ?2 AND id <> ?3 LIMIT 1",
        )?
        .query_row(
            params![p.nik.as_str(), iso(p.placed_on), except.unwrap_or(-1)],
            |r| r.get(0),
        )
        .optional()?)
}

/// A job fair named by `p` that is not a live job fair of the store.
fn fair_problem(conn: &Connection, p: &DomesticPlacement) -> Result<Option<FieldError>> {
    if p.job_fair.is_empty() {
        return Ok(None);
    }
    let found: Option<String> = conn
        .prepare_cached(
            "SELECT held_on FROM job_fair
             WHERE archived = 0 AND fair_name = ?1 COLLATE NOCASE LIMIT 1",
        )?
        .query_row([&p.job_fair], |r| r.get(0))
        .optional()?;
    Ok(match found {
        None => Some(FieldError::new(
            "job_fair",
            match fairs_like(conn, &p.job_fair)? {
                near if near.is_empty() => {
                    msg!("s.domestic.no_fair", crate::domain::quoted(&p.job_fair))
                }
                near => msg!(
                    "s.domestic.no_fair_near",
                    crate::domain::quoted(&p.job_fair),
                    near.join("', '")
                ),
            },
        )),
        // hired at the fair or after it, never before it was held
        Some(held) if iso(p.placed_on) < held => Some(FieldError::new(
            "placed_on",
            msg!(
                "s.domestic.before_fair",
                iso(p.placed_on),
                crate::domain::quoted(&p.job_fair),
                held
            ),
        )),
        Some(_) => None,
    })
}

/// The live fairs an officer typing `typed` may have meant: names that hold it, or are a
/// few letters from it (at most three, the nearest first).
fn fairs_like(conn: &Connection, typed: &str) -> Result<Vec<String>> {
    let typed = typed.trim().to_lowercase();
    let names: Vec<String> = record::all_rows(
        conn,
        "SELECT fair_name FROM job_fair WHERE archived = 0 ORDER BY held_on DESC LIMIT 500",
        [],
        |r| r.get(0),
    )?;
    let mut near: Vec<(usize, String)> = names
        .into_iter()
        .filter_map(|n| {
            let lower = n.to_lowercase();
            let d = crate::domain::kecamatan::edit_distance(&typed, &lower);
            (lower.contains(&typed) || d <= 3).then_some((d, n))
        })
        .collect();
    near.sort();
    Ok(near.into_iter().take(3).map(|(_, n)| n).collect())
}

/// The first day a live placement through the job fair named `name` was made, if any.
fn first_placement_through(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT min(placed_on) FROM domestic_placement
             WHERE archived = 0 AND job_fair = ?1 COLLATE NOCASE",
        )?
        .query_row([name], |r| r.get(0))?)
}

/// The live placements that name the job fair `name`.
fn job_fair_placement_count(conn: &Connection, name: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM domestic_placement
             WHERE archived = 0 AND job_fair = ?1 COLLATE NOCASE",
        )?
        .query_row([name], |r| r.get(0))?)
}

impl Kept for JobFair {
    const TABLE: Table = Table {
        table: "job_fair",
        label: "job fair",
        columns: "fair_name held_on place companies:int vacancies:int visitors:int",
        import_entity: None,
    };

    fn read(row: &Row) -> Result<Self> {
        Ok(JobFair {
            name: row.get(0)?,
            held_on: record::date(row, 1)?.unwrap_or_default(),
            place: record::text(row, 2)?,
            companies: record::number(row, 3)?,
            vacancies: record::number(row, 4)?,
            visitors: record::number(row, 5)?,
        })
    }

    /// Renamed (a typo mended): the placements that name it, archived ones too, name it as
    /// it is now spelt, each with its history entry, so they still count for it.
    fn changed(conn: &Connection, _id: i64, old: &Self, new: &Self, officer: &str) -> Result<()> {
        if old.name == new.name {
            return Ok(());
        }
        let ids: Vec<(i64, i64)> = record::all_rows(
            conn,
            "SELECT id, version FROM domestic_placement WHERE job_fair = ?1 COLLATE NOCASE",
            params![old.name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (id, version) in ids {
            record::change(
                conn,
                id,
                version,
                "update",
                officer,
                |_, p: &DomesticPlacement| {
                    let mut p = p.clone();
                    p.job_fair = new.name.clone();
                    Ok(p)
                },
            )?;
        }
        Ok(())
    }

    /// Placements name their fair: two live fairs may not share a name.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        let same: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM job_fair WHERE archived = 0 AND fair_name = ?1 COLLATE NOCASE
                 AND id <> ?2 LIMIT 1",
            )?
            .query_row(params![self.name, except.unwrap_or(-1)], |r| r.get(0))
            .optional()?;
        // A fair is not moved after the placements made through it.
        if let Some(id) = except {
            let old: String =
                conn.query_row("SELECT fair_name FROM job_fair WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            if let Some(first) = first_placement_through(conn, &old)? {
                if iso(self.held_on) > first {
                    return Err(StoreError::Refused(msg!(
                        "s.job_fair.after_placements",
                        iso(self.held_on),
                        first
                    )));
                }
            }
        }
        match same {
            Some(id) => Err(StoreError::Refused(msg!(
                "s.job_fair.same_name",
                id,
                crate::domain::quoted(&self.name)
            ))),
            None => Ok(()),
        }
    }
}

kind_methods! {
    DomesticPlacement as DomesticRecord:
    insert_domestic, get_domestic, update_domestic, archive_domestic, restore_domestic, domestic_history
}

kind_methods! {
    JobFair as JobFairRecord:
    insert_job_fair, get_job_fair, update_job_fair, archive_job_fair, restore_job_fair, job_fair_history
}

/// One cell of the year's domestic placements: a kecamatan, a kind, a sex, a way, and how
/// many live placements it holds (cells with none are left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomesticCount {
    pub kecamatan: String,
    pub kind: DomesticKind,
    pub sex: Sex,
    pub how: How,
    pub count: i64,
}

/// A job fair and the live placements made through it (of any year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFairCount {
    pub id: i64,
    pub name: String,
    pub held_on: String,
    pub placements: i64,
}

/// What a row of the domestic placements list shows; the NIK comes masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomesticListRow {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub nik_masked: String,
    pub sex: String,
    pub kecamatan: String,
    pub employer: String,
    pub employer_kabupaten: String,
    pub kind: String,
    pub how: String,
    pub placed_on: String,
    pub archived: bool,
}

/// What a row of the job fairs list shows, with the placements made through the fair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFairListRow {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub held_on: String,
    pub place: String,
    pub companies: Option<i64>,
    pub vacancies: Option<i64>,
    pub visitors: Option<i64>,
    pub placements: i64,
    pub archived: bool,
}

/// The filter of both lists: the year (placed on / held on), the officer's words, live or
/// archived records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomesticFilter {
    pub year: Option<i32>,
    pub text: String,
    pub archived: bool,
}

const DOMESTIC_SEARCHED: &str = "name || ' ' || nik || ' ' || kecamatan || ' ' || employer \
    || ' ' || employer_kabupaten || ' ' || employer_province || ' ' || kind || ' ' || how \
    || ' ' || job_fair || ' ' || occupation || ' #' || id";
const FAIR_SEARCHED: &str = "fair_name || ' ' || place || ' #' || id";

impl DomesticFilter {
    pub fn year(year: i32) -> DomesticFilter {
        DomesticFilter {
            year: Some(year),
            ..DomesticFilter::default()
        }
    }

    fn clause(&self, year_of: &str, searched: &str) -> (String, Vec<Value>) {
        Where::archived(self.archived, false)
            .within(year_of, self.year.map(year_bounds))
            .words(&self.text, searched)
            .sql()
    }
}

impl Store {
    /// The year's live domestic placements counted per kecamatan × kind × sex × how (cells
    /// with none left out), in that order. III.1 is their sum; the charts and the lookup
    /// read them per kecamatan.
    pub fn domestic_counts(&self, year: i32) -> Result<Vec<DomesticCount>> {
        let (from, to) = year_bounds(year);
        let rows = record::all_rows(
            &self.conn,
            "SELECT kecamatan, kind, sex, how, count(*) FROM domestic_placement
             WHERE archived = 0 AND placed_on >= ?1 AND placed_on < ?2
             GROUP BY kecamatan, kind, sex, how ORDER BY kecamatan, kind DESC, sex, how",
            params![from, to],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            },
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(kecamatan, kind, sex, how, count)| {
                Some(DomesticCount {
                    kecamatan,
                    kind: DomesticKind::parse(&kind).ok()?,
                    sex: Sex::parse(&sex).ok()?,
                    how: How::parse(&how).ok()?,
                    count,
                })
            })
            .collect())
    }

    /// The live job fairs held in `year`, by date, each with the live placements made
    /// through it (counted from the placements that name it, whatever their date). III.2's
    /// realisation is the sum.
    pub fn job_fair_placements(&self, year: i32) -> Result<Vec<JobFairCount>> {
        let (from, to) = year_bounds(year);
        record::all_rows(
            &self.conn,
            "SELECT f.id, f.fair_name, f.held_on,
                    (SELECT count(*) FROM domestic_placement d
                     WHERE d.archived = 0 AND d.job_fair = f.fair_name COLLATE NOCASE)
             FROM job_fair f
             WHERE f.archived = 0 AND f.held_on >= ?1 AND f.held_on < ?2
             ORDER BY f.held_on, f.id",
            params![from, to],
            |r| {
                Ok(JobFairCount {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    held_on: r.get(2)?,
                    placements: r.get(3)?,
                })
            },
        )
    }

    /// The live placements made through the job fair named `name` (any year).
    pub fn job_fair_placement_count(&self, name: &str) -> Result<i64> {
        job_fair_placement_count(&self.conn, name)
    }

    /// Live domestic placements per year (years with none left out), oldest first.
    pub fn domestic_by_year(&self) -> Result<Vec<(i32, i64)>> {
        record::all_rows(
            &self.conn,
            "SELECT CAST(substr(placed_on, 1, 4) AS INTEGER) AS y, count(*)
             FROM domestic_placement WHERE archived = 0 GROUP BY y ORDER BY y",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    pub fn count_domestic(&self, filter: &DomesticFilter) -> Result<i64> {
        count_where(
            &self.conn,
            "domestic_placement",
            filter.clause("placed_on", DOMESTIC_SEARCHED),
        )
    }

    /// One window of the domestic placements list, latest first.
    pub fn list_domestic(
        &self,
        filter: &DomesticFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<DomesticListRow>> {
        let (clause, args) = filter.clause("placed_on", DOMESTIC_SEARCHED);
        let sql = format!(
            "SELECT id, version, name, nik, sex, kecamatan, employer, employer_kabupaten, kind,
                    how, placed_on, archived
             FROM domestic_placement {clause}
             ORDER BY placed_on DESC, id DESC {{window}}"
        );
        window(&self.conn, &sql, args, offset, limit, |r| {
            Ok(DomesticListRow {
                id: r.get(0)?,
                version: r.get(1)?,
                name: r.get(2)?,
                nik_masked: mask(&r.get::<_, String>(3)?),
                sex: r.get(4)?,
                kecamatan: r.get(5)?,
                employer: r.get(6)?,
                employer_kabupaten: r.get(7)?,
                kind: r.get(8)?,
                how: r.get(9)?,
                placed_on: r.get(10)?,
                archived: r.get::<_, i64>(11)? != 0,
            })
        })
    }

    pub fn count_job_fairs(&self, filter: &DomesticFilter) -> Result<i64> {
        count_where(
            &self.conn,
            "job_fair",
            filter.clause("held_on", FAIR_SEARCHED),
        )
    }

    /// One window of the job fairs list, latest first, each with its placements.
    pub fn list_job_fairs(
        &self,
        filter: &DomesticFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<JobFairListRow>> {
        let (clause, args) = filter.clause("held_on", FAIR_SEARCHED);
        let sql = format!(
            "SELECT id, version, fair_name, held_on, place, companies, vacancies, visitors,
                    (SELECT count(*) FROM domestic_placement d
                     WHERE d.archived = 0 AND d.job_fair = job_fair.fair_name COLLATE NOCASE),
                    archived
             FROM job_fair {clause}
             ORDER BY held_on DESC, id DESC {{window}}"
        );
        window(&self.conn, &sql, args, offset, limit, |r| {
            Ok(JobFairListRow {
                id: r.get(0)?,
                version: r.get(1)?,
                name: r.get(2)?,
                held_on: r.get(3)?,
                place: r.get(4)?,
                companies: r.get(5)?,
                vacancies: r.get(6)?,
                visitors: r.get(7)?,
                placements: r.get(8)?,
                archived: r.get::<_, i64>(9)? != 0,
            })
        })
    }

    /// The rows of an import the store refuses, by their index in `rows`: a job fair that
    /// is not in the store, a registration number that names no active job seeker, and
    /// whatever writing the rows in order would refuse (a placement dated before the
    /// registration it closes, two rows closing one registration): each row is written in
    /// a transaction that is rolled back at the end, so a dry run finds what the import
    /// would. (Duplicates are not refused: the import skips them.)
    pub fn check_domestic_import(
        &mut self,
        rows: &[DomesticPlacement],
    ) -> Result<Vec<(usize, FieldError)>> {
        let officer = self.officer.clone();
        let mut tx = self.write_tx()?;
        let now = now_stamp();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut out = Vec::new();
        for (i, p) in rows.iter().enumerate() {
            let found = [fair_problem(&tx, p)?, registration_problem(&tx, p, None)?];
            if found.iter().any(Option::is_some) {
                out.extend(found.into_iter().flatten().map(|e| (i, e)));
                continue;
            }
            let key = (p.nik.as_str().to_string(), iso(p.placed_on));
            if !seen.insert(key) || duplicate_of(&tx, p, None)?.is_some() {
                continue;
            }
            let sp = tx.savepoint()?;
            let written = p
                .assigned(&sp)
                .and_then(|p| record::insert(&sp, &p, "import", &officer, &now));
            match written {
                Ok(_) => sp.commit()?,
                Err(StoreError::Refused(m)) => out.push((i, refusal_of_row(p, m))),
                Err(e) => return Err(e),
            }
        }
        // `tx` is dropped here: nothing of the check stays
        Ok(out)
    }

    /// Write `rows` in one transaction: all or nothing. A row with the NIK and date of a
    /// live placement (in the store or earlier in the file) is skipped and counted.
    /// `dry_run`: nothing is written, the counts are the same.
    pub fn import_domestic(
        &mut self,
        rows: &[DomesticPlacement],
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let now = now_stamp();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut outcome = ImportOutcome {
            added: 0,
            duplicates: 0,
        };
        for p in rows {
            let key = (p.nik.as_str().to_string(), iso(p.placed_on));
            if !seen.insert(key) || duplicate_of(&tx, p, None)?.is_some() {
                outcome.duplicates += 1;
                continue;
            }
            if let Some(e) = fair_problem(&tx, p)? {
                return Err(StoreError::Refused(e.reason));
            }
            if !dry_run {
                record::insert(&tx, &p.assigned(&tx)?, "import", &officer, &now)?;
            }
            outcome.added += 1;
        }
        if !dry_run {
            tx.commit()?;
        }
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{map, today};

    pub(crate) fn placement(
        nik: &str,
        sex: &str,
        province: &str,
        on: &str,
        how: &str,
        fair: &str,
    ) -> DomesticPlacement {
        let v = map(&[
            ("nik", nik),
            ("name", "Siti"),
            ("sex", sex),
            ("kecamatan", "Ponggok"),
            ("employer", "PT Maju"),
            ("employer_kabupaten", "Kota Surabaya"),
            ("employer_province", province),
            ("placed_on", on),
            ("how", how),
            ("job_fair", fair),
        ]);
        let (p, c) = DomesticPlacement::from_fields(&v, today());
        p.unwrap_or_else(|| panic!("{:?}", c.errors))
    }

    /// Siti registered as a job seeker on 01-03-2024, by `store`'s officer: her id.
    fn register(store: &mut Store, nik: &str) -> i64 {
        use crate::domain::jobseeker::Jobseeker;
        let (js, c) = Jobseeker::from_fields(
            &map(&[
                ("nik", nik),
                ("name", "Siti"),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("education", "SMK"),
                ("registered_on", "2024-03-01"),
            ]),
            today(),
        );
        store
            .insert_jobseeker(&js.unwrap_or_else(|| panic!("{c:?}")))
            .unwrap()
    }

    fn fair(name: &str, on: &str) -> JobFair {
        JobFair::from_fields(&map(&[("fair_name", name), ("held_on", on)]), today())
            .0
            .unwrap()
    }

    /// A placement that placed a registration can be edited; archived, the registration is
    /// active again (and another placement may place it); restored, it is placed again.
    #[test]
    fn a_placement_keeps_its_registration_through_edits_archive_and_restore() {
        use crate::domain::jobseeker::JobseekerStatus;
        let (_dir, mut ani, _budi) = crate::store::two_officers();
        let nik = "3505124512950001";
        let js_id = register(&mut ani, nik);
        let number = ani.get_jobseeker(js_id).unwrap().jobseeker.registration_no;
        let mut p = placement(nik, "P", "Jawa Timur", "2024-10-02", "front_desk", "");
        p.registration_no = number.clone();
        let id = ani.insert_domestic(&p).unwrap();
        let status = |s: &Store| s.get_jobseeker(js_id).unwrap().jobseeker.status;
        assert_eq!(status(&ani), JobseekerStatus::Ditempatkan);

        // an edit of the placement that placed it is not refused for its own registration
        let r = ani.get_domestic(id).unwrap();
        let mut edited = r.placement.clone();
        edited.occupation = "Admin senior".into();
        let v = ani.update_domestic(id, r.version, &edited).unwrap();

        // archived: the registration is active again, with a history entry
        let v = ani.archive_domestic(id, v).unwrap();
        let js = ani.get_jobseeker(js_id).unwrap().jobseeker;
        assert_eq!(
            (js.status, js.placement_id, js.placed_on),
            (JobseekerStatus::Aktif, None, None)
        );
        let history = ani.jobseeker_history(js_id).unwrap();
        assert_eq!(history.last().unwrap().action, "unplace");

        // restored: placed again by the same placement
        ani.restore_domestic(id, v).unwrap();
        let js = ani.get_jobseeker(js_id).unwrap().jobseeker;
        assert_eq!(
            (js.status, js.placement_id),
            (JobseekerStatus::Ditempatkan, Some(id))
        );
    }

    #[test]
    fn an_edit_naming_the_registration_places_it_and_hands_back_the_one_before() {
        use crate::domain::jobseeker::JobseekerStatus;
        let (_dir, mut ani, _budi) = crate::store::two_officers();
        let nik = "3505124512950001";
        // the placement first, before anybody registered the job seeker
        let p = placement(nik, "P", "Jawa Timur", "2024-10-02", "front_desk", "");
        let id = ani.insert_domestic(&p).unwrap();
        let js_id = register(&mut ani, nik);
        let js_of = |s: &Store| s.get_jobseeker(js_id).unwrap().jobseeker;
        assert_eq!(js_of(&ani).status, JobseekerStatus::Aktif);

        // the officer adds the registration number to the placement: it is closed
        let r = ani.get_domestic(id).unwrap();
        let mut edited = r.placement.clone();
        edited.registration_no = js_of(&ani).registration_no;
        let v = ani.update_domestic(id, r.version, &edited).unwrap();
        let js = js_of(&ani);
        assert_eq!(
            (js.status, js.placement_id, js.placed_on),
            (
                JobseekerStatus::Ditempatkan,
                Some(id),
                Some(date::parse_date("2024-10-02").unwrap())
            )
        );
        assert_eq!(
            ani.jobseeker_history(js_id).unwrap().last().unwrap().action,
            "place"
        );

        // another day: the registration follows it
        let r = ani.get_domestic(id).unwrap();
        let mut edited = r.placement.clone();
        edited.placed_on = date::parse_date("2024-11-04").unwrap();
        let v2 = ani.update_domestic(id, v, &edited).unwrap();
        let js = js_of(&ani);
        assert_eq!(
            (js.status, js.placed_on),
            (
                JobseekerStatus::Ditempatkan,
                Some(date::parse_date("2024-11-04").unwrap())
            )
        );

        // an edit that changes nothing the registration depends on writes nothing to it
        let before = ani.jobseeker_history(js_id).unwrap().len();
        let r = ani.get_domestic(id).unwrap();
        let mut edited = r.placement.clone();
        edited.occupation = "Admin senior".into();
        ani.update_domestic(id, v2, &edited).unwrap();
        assert_eq!(ani.jobseeker_history(js_id).unwrap().len(), before);
    }

    #[test]
    fn counts_per_cell_and_per_fair_and_duplicates() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        let f = ani
            .insert_job_fair(&fair("Job Fair Blitar 2024", "2024-10-02"))
            .unwrap();
        let a = placement(
            "3505124512950001",
            "P",
            "Jawa Timur",
            "2024-10-02",
            "job_fair",
            "job fair blitar 2024",
        );
        let b = placement(
            "3505120101900001",
            "L",
            "Jawa Barat",
            "2024-11-05",
            "karirhub",
            "",
        );
        let id_a = ani.insert_domestic(&a).unwrap();
        // stored as the fair spells itself
        assert_eq!(
            ani.get_domestic(id_a).unwrap().placement.job_fair,
            "Job Fair Blitar 2024"
        );
        let id_b = ani.insert_domestic(&b).unwrap();
        // the same NIK on the same day again: refused by a form, skipped by an import
        assert!(matches!(
            ani.insert_domestic(&a),
            Err(StoreError::Refused(_))
        ));
        let c = placement(
            "3505120101900001",
            "L",
            "Jawa Barat",
            "2024-12-01",
            "other",
            "",
        );
        let out = ani
            .import_domestic(&[a.clone(), c.clone(), c.clone()], false)
            .unwrap();
        assert_eq!((out.added, out.duplicates), (1, 2));
        let counts = ani.domestic_counts(2024).unwrap();
        let total: i64 = counts.iter().map(|c| c.count).sum();
        assert_eq!(total, 3);
        let akad: i64 = counts
            .iter()
            .filter(|c| c.kind == DomesticKind::Akad)
            .map(|c| c.count)
            .sum();
        assert_eq!(akad, 2);
        assert!(ani.domestic_counts(2023).unwrap().is_empty());
        let fairs = ani.job_fair_placements(2024).unwrap();
        assert_eq!((fairs.len(), fairs[0].id, fairs[0].placements), (1, f, 1));
        // a fair that is not in the store is refused
        let g = placement(
            "3505120101900001",
            "L",
            "Jawa Barat",
            "2024-12-02",
            "job_fair",
            "Nowhere Fair",
        );
        assert!(matches!(
            ani.insert_domestic(&g),
            Err(StoreError::Refused(_))
        ));
        assert_eq!(ani.check_domestic_import(&[b.clone(), g]).unwrap().len(), 1);
        // hired through the fair before it was held: refused, naming the fair's day
        let early = placement(
            "3505120101900001",
            "L",
            "Jawa Timur",
            "2024-09-30",
            "job_fair",
            "Job Fair Blitar 2024",
        );
        match ani.insert_domestic(&early) {
            Err(StoreError::Refused(m)) => assert_eq!(
                m.en(),
                "placement date 30-09-2024 is before job fair 'Job Fair Blitar 2024' was held (02-10-2024)"
            ),
            other => panic!("{other:?}"),
        }
        // the fair moved after the placement made through it: refused; on its day: kept
        let r = ani.get_job_fair(f).unwrap();
        let later = fair("Job Fair Blitar 2024", "2024-10-03");
        match ani.update_job_fair(f, r.version, &later) {
            Err(StoreError::Refused(m)) => assert_eq!(
                m.en(),
                "fair date 03-10-2024 is after the first placement made through it (02-10-2024)"
            ),
            other => panic!("{other:?}"),
        }
        let mut same_day = fair("Job Fair Blitar 2024", "2024-10-02");
        same_day.visitors = Some(1530);
        ani.update_job_fair(f, r.version, &same_day).unwrap();
        // archive, a stale restore refused, restore
        let r = budi.get_domestic(id_b).unwrap();
        let v = budi.archive_domestic(id_b, r.version).unwrap();
        assert!(matches!(
            ani.restore_domestic(id_b, r.version),
            Err(StoreError::Conflict { .. })
        ));
        ani.restore_domestic(id_b, v).unwrap();
        assert_eq!(ani.domestic_by_year().unwrap(), vec![(2024, 3)]);
        let list = ani
            .list_domestic(&DomesticFilter::year(2024), 0, 10)
            .unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(ani.count_job_fairs(&DomesticFilter::year(2024)).unwrap(), 1);
        // renamed (a typo mended): its placement names it anew, with a history entry, and
        // it still counts for the fair
        let v = ani.get_job_fair(f).unwrap().version;
        let renamed = fair("Bursa Kerja Blitar", "2024-10-02");
        ani.update_job_fair(f, v, &renamed).unwrap();
        assert_eq!(
            ani.get_domestic(id_a).unwrap().placement.job_fair,
            "Bursa Kerja Blitar"
        );
        let h = ani.domestic_history(id_a).unwrap();
        let last = h.last().unwrap();
        assert_eq!(
            (last.action.as_str(), last.changes[0].new.as_str()),
            ("update", "Bursa Kerja Blitar")
        );
        let fairs = ani
            .list_job_fairs(&DomesticFilter::year(2024), 0, 5)
            .unwrap();
        assert_eq!(
            (fairs[0].name.as_str(), fairs[0].placements),
            ("Bursa Kerja Blitar", 1)
        );
        // a fair typed in part: not taken, but named
        let partial = placement(
            "3505120101900001",
            "L",
            "Jawa Timur",
            "2024-12-20",
            "job_fair",
            "bursa kerja",
        );
        match ani.insert_domestic(&partial) {
            Err(StoreError::Refused(m)) => assert_eq!(
                m.en(),
                "job fair 'bursa kerja' is not recorded; did you mean: 'Bursa Kerja Blitar'"
            ),
            other => panic!("{other:?}"),
        }
    }
}
