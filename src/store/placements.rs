//! PMI placements in the store: typed-in records with versions and audit, bulk import in one
//! transaction, windowed drill-down lists and the yearly counts by kecamatan and country.

use super::audit;
use super::record::{named_record, text, window, Kept, Table, Where};
use super::{now_stamp, Result, Store, StoreError};
use crate::domain::case::{Sector, Sex};
use crate::domain::date::{self, iso};
use crate::domain::nik::mask;
use crate::domain::{Kecamatan, Placement};
use crate::msg;
use crate::store::record::kind_methods;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Statement};
use std::collections::{BTreeMap, HashMap};

/// Audit entries of bulk imports: one per import, not one per row.
const IMPORT_ENTITY: &str = "placement_import";

named_record!(
    /// A placement with its identity and bookkeeping.
    PlacementRecord,
    placement: Placement
);

/// What a drill-down list row shows; the NIK comes masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementListRow {
    pub id: i64,
    /// The version on screen: a key that changes the placement carries it.
    pub version: i64,
    pub name: String,
    pub nik_masked: String,
    pub sex: String,
    pub kecamatan: String,
    pub desa: String,
    pub country: String,
    pub sector: String,
    pub scheme: String,
    pub occupation: String,
    pub departure_date: String,
}

/// Which placements a list or count covers: one year (by departure date), optionally one
/// kecamatan, country, sector and sex (a cell of the summary), and words that must all
/// appear in the row. The live placements, or (`archived`) the archived ones instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementFilter {
    pub year: i32,
    pub kecamatan: Option<Kecamatan>,
    pub country: Option<String>,
    pub sector: Option<Sector>,
    pub sex: Option<Sex>,
    pub text: String,
    pub archived: bool,
}

impl PlacementFilter {
    /// Every placement departing in `year`.
    pub fn year(year: i32) -> Self {
        PlacementFilter {
            year,
            kecamatan: None,
            country: None,
            sector: None,
            sex: None,
            text: String::new(),
            archived: false,
        }
    }

    /// The index that serves this filter, and the WHERE clause with its arguments. The
    /// index is named because without statistics SQLite may prefer an index that saves a
    /// sort but reads the table for every row of the year.
    fn plan(&self) -> (&'static str, String, Vec<Value>) {
        let (clause, args) = self
            .cell("departure_year")
            .words(
                &self.text,
                "name || ' ' || nik || ' ' || kecamatan || ' ' || desa || ' ' || country \
                 || ' ' || occupation || ' #' || id",
            )
            .conditions();
        let index = if self.kecamatan.is_some() {
            "placement_by_kecamatan"
        } else if self.country.is_some() {
            "placement_by_country"
        } else if self.sector.is_some() || self.sex.is_some() {
            "placement_by_kecamatan"
        } else {
            "placement_by_year"
        };
        (index, clause, args)
    }

    /// The clauses that pick the filter's cell (year, active, kecamatan, country, sector,
    /// sex) and their arguments, `?1` being the year. The table and the tally share the
    /// column names but the year's: `year_column` names it.
    fn cell(&self, year_column: &str) -> Where {
        let text = |v: &str| Some(Value::Text(v.into()));
        Where::archived(self.archived, false)
            .eq(year_column, Some(Value::Integer(self.year.into())))
            .eq("kecamatan", self.kecamatan.and_then(|k| text(k.name())))
            .eq("country", self.country.as_deref().and_then(text))
            .eq("sector", self.sector.and_then(|s| text(s.as_str())))
            .eq("sex", self.sex.and_then(|s| text(s.as_str())))
    }

    /// No words to match: the count is a sum of tally cells.
    fn has_words(&self) -> bool {
        self.text.split_whitespace().next().is_some()
    }

    /// The count of a filter without words: the sum of its tally cells (a few dozen, not
    /// the year's placements), with its arguments.
    fn tally_count(&self) -> (String, Vec<Value>) {
        let (clause, args) = self.cell("year").sql();
        (
            format!("SELECT ifnull(sum(n), 0) FROM placement_tally {clause}"),
            args,
        )
    }
}

/// What an import did: rows written, and rows skipped because their key (a placement's NIK
/// and departure date; a case's, see `Store::insert_cases`) was already in the store or came
/// earlier in the same file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOutcome {
    pub added: usize,
    pub duplicates: usize,
}

/// Placements of one group (a kecamatan or a country) by sector and sex.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SexSectorCounts {
    pub key: String,
    pub formal_male: i64,
    pub formal_female: i64,
    pub informal_male: i64,
    pub informal_female: i64,
}

impl SexSectorCounts {
    pub fn new(key: impl Into<String>) -> Self {
        SexSectorCounts {
            key: key.into(),
            ..Default::default()
        }
    }

    pub fn total(&self) -> i64 {
        self.formal_male + self.formal_female + self.informal_male + self.informal_female
    }

    pub fn male(&self) -> i64 {
        self.formal_male + self.informal_male
    }

    pub fn female(&self) -> i64 {
        self.formal_female + self.informal_female
    }

    pub fn formal(&self) -> i64 {
        self.formal_male + self.formal_female
    }

    pub fn informal(&self) -> i64 {
        self.informal_male + self.informal_female
    }

    /// Add `n` to the cell named by the stored words (`formal`/`informal`, `L`/`P`).
    pub(crate) fn add(&mut self, sector: &str, sex: &str, n: i64) {
        match (sector, sex) {
            ("formal", "L") => self.formal_male += n,
            ("formal", _) => self.formal_female += n,
            (_, "L") => self.informal_male += n,
            _ => self.informal_female += n,
        }
    }

    /// Add every cell of another group.
    pub fn add_all(&mut self, other: &SexSectorCounts) {
        self.formal_male += other.formal_male;
        self.formal_female += other.formal_female;
        self.informal_male += other.informal_male;
        self.informal_female += other.informal_female;
    }
}

/// The write of one row; `ON CONFLICT DO NOTHING` turns a repeated NIK + departure date
/// (the partial unique index) into zero rows changed, while every other constraint still
/// aborts the statement.
const INSERT: &str = "INSERT INTO placement (nik, name, sex, kecamatan, desa, country, sector,
        scheme, occupation, departure_date, departure_year,
        created_by, created_at, changed_by, changed_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)
     ON CONFLICT DO NOTHING";

/// Run the prepared `INSERT` for one row; `None` when an active placement has the same
/// NIK and departure date. The counted columns are bound from the row's `TallyCell`, so the
/// tally counts a new row under exactly the values the row holds.
fn insert_row(
    stmt: &mut Statement,
    conn: &Connection,
    p: &Placement,
    officer: &str,
    now: &str,
) -> Result<Option<i64>> {
    let cell = TallyCell::of(p);
    let changed = stmt.execute(params![
        p.nik.as_str(),
        p.name,
        cell.sex,
        cell.kecamatan,
        p.desa,
        cell.country,
        cell.sector,
        p.scheme.map(|s| s.as_str()),
        p.occupation,
        iso(p.departure_date),
        cell.year,
        officer,
        now,
    ])?;
    Ok((changed == 1).then(|| conn.last_insert_rowid()))
}

/// The columns a placement is counted by in `placement_tally` (migration 9), as stored. A
/// new placement is never archived, so its cell is always an active one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TallyCell<'a> {
    year: i32,
    kecamatan: &'static str,
    country: &'a str,
    sector: &'static str,
    sex: &'static str,
}

impl<'a> TallyCell<'a> {
    fn of(p: &'a Placement) -> Self {
        TallyCell {
            year: p.year(),
            kecamatan: p.kecamatan.name(),
            country: &p.country,
            sector: p.sector.as_str(),
            sex: p.sex.as_str(),
        }
    }
}

/// New placements by tally cell, counted as the transaction writes them: a row is added
/// only when its INSERT wrote it, so skipped duplicates are never counted. The store counts
/// new rows itself (triggers follow edits, archives and deletes): a hash per row here,
/// where a trigger per row, or grouping the written rows again with one `INSERT … SELECT …
/// GROUP BY`, cost about 0.2 s per 100,000 rows, a fifth of an import. Keyed by country
/// (owned: the rows are not kept), then by the other columns of the cell.
#[derive(Default)]
struct NewPlacements(HashMap<String, HashMap<CellOfCountry, i64>>);

/// A tally cell without its country: year, kecamatan, sector, sex.
type CellOfCountry = (i32, &'static str, &'static str, &'static str);

impl NewPlacements {
    fn add(&mut self, p: &Placement) {
        let c = TallyCell::of(p);
        let key = (c.year, c.kecamatan, c.sector, c.sex);
        match self.0.get_mut(c.country) {
            Some(cells) => *cells.entry(key).or_default() += 1,
            None => {
                self.0
                    .insert(c.country.to_string(), HashMap::from([(key, 1)]));
            }
        }
    }

    /// Add the counts to the tally in the caller's transaction: one upsert per cell, a few
    /// hundred at most whatever the number of rows.
    fn write(&self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO placement_tally (year, kecamatan, country, sector, sex, archived, n)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)
             ON CONFLICT DO UPDATE SET n = n + excluded.n",
        )?;
        for (country, cells) in &self.0 {
            for ((year, kecamatan, sector, sex), n) in cells {
                stmt.execute(params![year, kecamatan, country, sector, sex, n])?;
            }
        }
        Ok(())
    }
}

/// The page cache an import borrows, in KiB: enough for the index pages a big import keeps
/// touching, small enough that the import's peak memory stays under 40 MB whatever the
/// file's length.
const IMPORT_CACHE_KIB: i64 = 16 * 1024;

/// A placement import being written (see [`Store::begin_placement_import`]): rows go in one
/// at a time inside ONE transaction; [`PlacementImport::finish`] counts them in the tally,
/// records the audit entry and commits. Dropped unfinished, nothing is written.
pub struct PlacementImport<'s> {
    /// `None` once finished.
    tx: Option<rusqlite::Transaction<'s>>,
    officer: String,
    now: String,
    outcome: ImportOutcome,
    first_last: Option<(i64, i64)>,
    new: NewPlacements,
    /// The page cache to give back.
    previous_cache: i64,
}

impl PlacementImport<'_> {
    /// Write one row, or count it as a duplicate when an active placement (in the store or
    /// earlier in this import) has its NIK and departure date.
    pub fn add(&mut self, p: &Placement) -> Result<()> {
        let tx = self
            .tx
            .as_ref()
            .expect("an import is used only until it is finished");
        let mut stmt = tx.prepare_cached(INSERT)?;
        match insert_row(&mut stmt, tx, p, &self.officer, &self.now)? {
            Some(id) => {
                self.first_last = Some((self.first_last.map_or(id, |(f, _)| f), id));
                self.new.add(p);
                self.outcome.added += 1;
            }
            None => self.outcome.duplicates += 1,
        }
        Ok(())
    }

    /// What was written and skipped so far.
    pub fn outcome(&self) -> ImportOutcome {
        self.outcome
    }

    /// Count the new rows in the tally, record the import in the audit history, commit.
    pub fn finish(mut self) -> Result<ImportOutcome> {
        let tx = self.tx.take().expect("finished once");
        self.new.write(&tx)?;
        audit::record_import(
            &tx,
            IMPORT_ENTITY,
            self.first_last,
            &self.officer,
            &[
                ("added", self.outcome.added),
                ("duplicates", self.outcome.duplicates),
            ],
        )?;
        tx.execute_batch(&format!("PRAGMA cache_size = {}", self.previous_cache))?;
        tx.commit()?;
        Ok(self.outcome)
    }
}

impl Drop for PlacementImport<'_> {
    /// Unfinished: the transaction rolls back; the page cache is given back either way.
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.execute_batch(&format!("PRAGMA cache_size = {}", self.previous_cache));
            drop(tx);
        }
    }
}

/// The keys an import preview has seen, in a temporary table of the connection kept on disk
/// (never in memory: a preview of a file of any length stays small). Dropped with it.
pub(crate) struct SeenKeys<'c> {
    conn: &'c Connection,
}

impl<'c> SeenKeys<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<SeenKeys<'c>> {
        // A file, not memory, for the temporary table (the bundled SQLite keeps temporary
        // tables in memory by default).
        conn.execute_batch(
            "PRAGMA temp_store = FILE;
             DROP TABLE IF EXISTS temp.import_seen;
             CREATE TEMP TABLE import_seen (k TEXT PRIMARY KEY) WITHOUT ROWID;",
        )?;
        Ok(SeenKeys { conn })
    }

    /// Whether `key` is new (and now seen).
    pub(crate) fn first_time(&self, key: &str) -> Result<bool> {
        let n = self
            .conn
            .prepare_cached("INSERT INTO temp.import_seen (k) VALUES (?1) ON CONFLICT DO NOTHING")?
            .execute([key])?;
        Ok(n == 1)
    }

    pub(crate) fn conn(&self) -> &'c Connection {
        self.conn
    }
}

impl Drop for SeenKeys<'_> {
    fn drop(&mut self) {
        let _ = self
            .conn
            .execute_batch("DROP TABLE IF EXISTS temp.import_seen; PRAGMA temp_store = DEFAULT;");
    }
}

/// An import preview (see [`Store::begin_placement_preview`]).
pub struct PlacementPreview<'c> {
    seen: SeenKeys<'c>,
    outcome: ImportOutcome,
}

impl PlacementPreview<'_> {
    /// Count one row as new or as a duplicate (in the store or earlier in the file).
    pub fn add(&mut self, p: &Placement) -> Result<()> {
        let date = iso(p.departure_date);
        let fresh = self
            .seen
            .first_time(&format!("{}\u{1f}{date}", p.nik.as_str()))?
            && !self
                .seen
                .conn()
                .prepare_cached(
                    "SELECT 1 FROM placement
                     WHERE nik = ?1 AND departure_date = ?2 AND archived = 0",
                )?
                .exists(params![p.nik.as_str(), date])?;
        if fresh {
            self.outcome.added += 1;
        } else {
            self.outcome.duplicates += 1;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<ImportOutcome> {
        Ok(self.outcome)
    }
}

/// The active placement with this NIK and departure date, other than `except`.
fn existing(conn: &Connection, p: &Placement, except: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM placement
             WHERE nik = ?1 AND departure_date = ?2 AND archived = 0 AND id <> ?3",
        )?
        .query_row(
            params![p.nik.as_str(), iso(p.departure_date), except],
            |r| r.get(0),
        )
        .optional()?)
}

fn duplicate_refusal(p: &Placement, id: i64) -> StoreError {
    StoreError::Refused(msg!(
        "s.placement.twice",
        id,
        p.nik.masked(),
        iso(p.departure_date)
    ))
}

impl Kept for Placement {
    const TABLE: Table = Table {
        table: "placement",
        label: "placement",
        columns: "nik name sex kecamatan desa country sector scheme:opt occupation \
            departure_date departure_year:int",
        import_entity: Some(IMPORT_ENTITY),
    };

    /// A stored row goes back through the domain's own checks, so a record read is always
    /// one the rules accept.
    fn read(row: &Row) -> Result<Self> {
        let mut fields = BTreeMap::new();
        for (i, (k, _)) in Self::TABLE.columns().enumerate().take(10) {
            fields.insert(k.to_string(), text(row, i)?);
        }
        let id: i64 = row.get(Self::TABLE.width())?;
        // A departure date read back is in the past unless the clock was set back; never
        // refuse a stored record for that.
        let departed =
            date::parse_date(&fields["departure_date"]).unwrap_or_else(|_| crate::clock::today());
        let today = crate::clock::today().max(departed);
        let (placement, checked) = Placement::from_fields(&fields, today);
        placement.ok_or_else(|| {
            let reasons: Vec<String> = checked.errors.iter().map(|e| e.to_string()).collect();
            StoreError::Refused(format!(
                "placement #{id} in the store breaks the rules ({}); repair it with the sqlite3 tool or ask the administrator",
                reasons.join("; ")
            ).into())
        })
    }

    /// The counted columns as `TallyCell` has them, so the tally and the row agree.
    fn values(&self) -> Vec<Value> {
        let cell = TallyCell::of(self);
        let t = |s: &str| Value::Text(s.to_string());
        vec![
            t(self.nik.as_str()),
            t(&self.name),
            t(cell.sex),
            t(cell.kecamatan),
            t(&self.desa),
            t(cell.country),
            t(cell.sector),
            self.scheme.map_or(Value::Null, |s| t(s.as_str())),
            t(&self.occupation),
            Value::Text(iso(self.departure_date)),
            Value::Integer(cell.year.into()),
        ]
    }

    /// A second active placement with the same NIK and departure date.
    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        match existing(conn, self, except.unwrap_or(0))? {
            Some(other) => Err(duplicate_refusal(self, other)),
            None => Ok(()),
        }
    }

    fn inserted(conn: &Connection, first: i64, last: i64) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO placement_tally (year, kecamatan, country, sector, sex, archived, n)
             SELECT departure_year, kecamatan, country, sector, sex, archived, count(*)
             FROM placement WHERE id BETWEEN ?1 AND ?2
             GROUP BY 1, 2, 3, 4, 5, 6
             ON CONFLICT DO UPDATE SET n = n + excluded.n",
        )?
        .execute([first, last])?;
        Ok(())
    }
}

kind_methods! {
    Placement as PlacementRecord:
    insert_placement, get_placement, update_placement, archive_placement, restore_placement, placement_history
}

impl Store {
    /// Save checked placements in ONE transaction: all or nothing. Rows whose NIK and
    /// departure date are already in the store, or came earlier in `rows`, are skipped and
    /// counted. One audit entry records the import (officer, counts, the ids written).
    /// `progress` hears the number of rows done every 1,000 rows and at the end.
    pub fn import_placements(
        &mut self,
        rows: &[Placement],
        mut progress: impl FnMut(usize),
    ) -> Result<ImportOutcome> {
        let mut import = self.begin_placement_import()?;
        for (i, p) in rows.iter().enumerate() {
            import.add(p)?;
            if (i + 1) % 1000 == 0 {
                progress(i + 1);
            }
        }
        let outcome = import.finish()?;
        progress(rows.len());
        Ok(outcome)
    }

    /// Start an import written a row at a time ([`PlacementImport::add`]) inside ONE
    /// transaction, so that a file of any length is written holding one row at a time.
    pub fn begin_placement_import(&mut self) -> Result<PlacementImport<'_>> {
        // Four indexes take a row in a different place each; with the default 2 MB page
        // cache a big import spends most of its time re-reading index pages. Lend the
        // import `IMPORT_CACHE_KIB` (only what it touches is allocated), then give it back.
        let previous: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        // (A bulk fill may have lent more already: keep that.)
        let lent = previous.min(-IMPORT_CACHE_KIB);
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let mut import = PlacementImport {
            tx: None,
            officer,
            now: now_stamp(),
            outcome: ImportOutcome::default(),
            first_last: None,
            new: NewPlacements::default(),
            previous_cache: previous,
        };
        tx.execute_batch(&format!("PRAGMA cache_size = {lent}"))?;
        // From here on a failure gives the cache back (see `Drop`).
        import.tx = Some(tx);
        Ok(import)
    }

    /// What `import_placements` would do, without writing (for `--dry-run`).
    pub fn preview_placement_import(&self, rows: &[Placement]) -> Result<ImportOutcome> {
        let mut preview = self.begin_placement_preview()?;
        for p in rows {
            preview.add(p)?;
        }
        preview.finish()
    }

    /// Start counting what an import would do, a row at a time ([`PlacementPreview::add`]),
    /// without writing to the store: the keys seen so far are kept in a temporary table on
    /// disk, so a file of any length is previewed in bounded memory.
    pub fn begin_placement_preview(&self) -> Result<PlacementPreview<'_>> {
        Ok(PlacementPreview {
            seen: SeenKeys::new(&self.conn)?,
            outcome: ImportOutcome::default(),
        })
    }

    /// Placements the filter covers. Without words to match, a sum of tally cells (a few
    /// dozen rows, not the year's placements); with words, the rows themselves.
    pub fn count_placements(&self, filter: &PlacementFilter) -> Result<i64> {
        if !filter.has_words() {
            let (sql, args) = filter.tally_count();
            return Ok(self
                .conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(args), |r| r.get(0))?);
        }
        let (index, clause, args) = filter.plan();
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM placement INDEXED BY {index} WHERE {clause}"
            ))?
            .query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// One window of the drill-down list, last entered first. The window's ids come from
    /// the covering index alone; only the rows on screen are read from the table.
    pub fn list_placements(
        &self,
        filter: &PlacementFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<PlacementListRow>> {
        let (index, clause, args) = filter.plan();
        let sql = format!(
            "SELECT id, name, nik, sex, kecamatan, desa, country, sector, ifnull(scheme, ''),
                    occupation, departure_date, version
             FROM placement
             WHERE id IN (SELECT id FROM placement INDEXED BY {index} WHERE {clause}
                          ORDER BY id DESC {{window}})
             ORDER BY id DESC"
        );
        window(&self.conn, &sql, args, offset.max(0), limit.max(0), |r| {
            Ok(PlacementListRow {
                id: r.get(0)?,
                name: r.get(1)?,
                nik_masked: mask(&r.get::<_, String>(2)?),
                sex: r.get(3)?,
                kecamatan: r.get(4)?,
                desa: r.get(5)?,
                country: r.get(6)?,
                sector: r.get(7)?,
                scheme: r.get(8)?,
                occupation: r.get(9)?,
                departure_date: r.get(10)?,
                version: r.get(11)?,
            })
        })
    }

    /// Placements departing in `year` by kecamatan × sector × sex: only kecamatan that have
    /// any, in alphabetical order. Read from the tally (migration 9).
    pub fn placement_counts_by_kecamatan(&self, year: i32) -> Result<Vec<SexSectorCounts>> {
        grouped_counts(&self.conn, BY_KECAMATAN, year)
    }

    /// Placements departing in `year` by country × sector × sex: only countries that have
    /// any, in order of name. Read from the tally (migration 9).
    pub fn placement_counts_by_country(&self, year: i32) -> Result<Vec<SexSectorCounts>> {
        grouped_counts(&self.conn, BY_COUNTRY, year)
    }
}

/// A year's active placements by kecamatan × sector × sex, from the tally: the key walks
/// the year's active cells in this order, so no sort. Cells emptied by edits and archives
/// stay in the tally at 0; `HAVING` leaves them out as the rows' GROUP BY would.
const BY_KECAMATAN: &str = "SELECT kecamatan, sector, sex, sum(n) FROM placement_tally
     WHERE year = ?1 AND archived = 0
     GROUP BY kecamatan, sector, sex HAVING sum(n) > 0
     ORDER BY kecamatan, sector, sex";

/// A year's active placements by country × sector × sex, from the tally (a sort of a few
/// hundred cells).
const BY_COUNTRY: &str = "SELECT country, sector, sex, sum(n) FROM placement_tally
     WHERE year = ?1 AND archived = 0
     GROUP BY country, sector, sex HAVING sum(n) > 0
     ORDER BY country, sector, sex";

/// Fold `key, sector, sex, n` rows (ordered by key) into one `SexSectorCounts` per key.
fn grouped_counts(conn: &Connection, sql: &str, year: i32) -> Result<Vec<SexSectorCounts>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([year])?;
    let mut out: Vec<SexSectorCounts> = Vec::new();
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        let sector: String = r.get(1)?;
        let sex: String = r.get(2)?;
        let n: i64 = r.get(3)?;
        match out.last_mut() {
            Some(last) if last.key == key => last.add(&sector, &sex, n),
            _ => {
                let mut c = SexSectorCounts::new(key);
                c.add(&sector, &sex, n);
                out.push(c);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::nik::synthesise;

    fn placement(kec: &str, country: &str, sex: Sex, serial: u32) -> Placement {
        let birth = Date::from_ymd_opt(1995, 12, 5).unwrap();
        let nik = synthesise("3505", 12, birth, sex, serial);
        let v: BTreeMap<String, String> = [
            ("nik", nik.as_str()),
            ("name", "Siti"),
            ("sex", sex.as_str()),
            ("kecamatan", kec),
            ("country", country),
            ("sector", "informal"),
            ("departure_date", "2024-03-05"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (p, c) = Placement::from_fields(&v, Date::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        p.unwrap()
    }

    /// The plan of `sql` with every parameter bound to NULL (the plan does not depend on
    /// the values): one line per step.
    fn plan_of(s: &Store, sql: &str) -> String {
        let mut stmt = s
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let nulls = vec![Value::Null; stmt.parameter_count()];
        let rows = stmt
            .query_map(params_from_iter(nulls), |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect::<Vec<_>>();
        rows.join(" | ")
    }

    /// Pane 2's summaries, the exports, the lookup's placements and the drill-down count
    /// read the year's active cells of the tally by its key, never the placements.
    #[test]
    fn the_summaries_read_the_tally_not_the_placements() {
        let s = Store::open_in_memory("t").unwrap();
        let year_cells = "SEARCH placement_tally USING PRIMARY KEY (year=? AND archived=?";
        let kec_cells = "PRIMARY KEY (year=? AND archived=? AND kecamatan=?)";
        let (year_count, _) = PlacementFilter::year(2024).tally_count();
        let mut one_cell = PlacementFilter::year(2024);
        one_cell.kecamatan = Kecamatan::parse("Ponggok").ok();
        one_cell.sector = Some(Sector::Informal);
        one_cell.sex = Some(Sex::P);
        let (cell_count, _) = one_cell.tally_count();
        let cell = "PRIMARY KEY (year=? AND archived=? AND kecamatan=? AND sector=? AND sex=?)";
        for (sql, want, sorts) in [
            (BY_KECAMATAN, year_cells, false),
            (BY_COUNTRY, year_cells, true),
            (super::super::lookup::IN_KECAMATAN, kec_cells, false),
            (super::super::lookup::TOP_COUNTRIES, kec_cells, true),
            (year_count.as_str(), year_cells, false),
            (cell_count.as_str(), cell, false),
        ] {
            let plan = plan_of(&s, sql);
            assert!(plan.contains(want), "{plan}\n{sql}");
            // Only the tally is read: no step names the table or one of its indexes.
            assert!(
                !plan.contains("placement ") && !plan.contains("placement_by"),
                "{plan}"
            );
            // The kecamatan summary and the lookup's sectors come in key order; the others
            // sort a few hundred cells at most.
            assert_eq!(plan.contains("TEMP B-TREE"), sorts, "{plan}");
        }
    }

    /// The drill-down windows read only an index, in id order; the lookup's cases a
    /// covering index.
    #[test]
    fn drill_down_windows_use_covering_indexes() {
        let s = Store::open_in_memory("t").unwrap();
        let (index, clause, _) = PlacementFilter::year(2024).plan();
        let window = plan_of(
            &s,
            &format!(
                "SELECT id FROM placement INDEXED BY {index} WHERE {} ORDER BY id DESC LIMIT 5",
                clause.replace("?1", "2024")
            ),
        );
        assert!(
            window.contains("COVERING INDEX placement_by_year") && !window.contains("TEMP"),
            "{window}"
        );
        let mut hk = PlacementFilter::year(2024);
        hk.country = Some("Hongkong".into());
        let (index, clause, _) = hk.plan();
        let drill = plan_of(
            &s,
            &format!(
                "SELECT id FROM placement INDEXED BY {index} WHERE {} ORDER BY id DESC LIMIT 5",
                clause.replace("?1", "2024").replace("?2", "'Hongkong'")
            ),
        );
        assert!(
            drill.contains("COVERING INDEX placement_by_country"),
            "{drill}"
        );
        let lookup = plan_of(
            &s,
            "SELECT category, sum(status <> 'ditutup'), sum(status = 'ditutup') FROM pmi_case
             WHERE kecamatan = 'Ponggok' AND archived = 0 GROUP BY category",
        );
        assert!(
            lookup.contains("COVERING INDEX pmi_case_lookup"),
            "{lookup}"
        );
    }

    #[test]
    fn counts_fold_by_key_and_skip_archived() {
        let mut s = Store::open_in_memory("t").unwrap();
        let a = s
            .insert_placement(&placement("Ponggok", "Taiwan", Sex::P, 1))
            .unwrap();
        s.insert_placement(&placement("Ponggok", "Hongkong", Sex::L, 2))
            .unwrap();
        s.insert_placement(&placement("Bakung", "Taiwan", Sex::P, 3))
            .unwrap();
        let k = s.placement_counts_by_kecamatan(2024).unwrap();
        assert_eq!(k.len(), 2);
        assert_eq!(k[0].key, "Bakung");
        assert_eq!((k[1].informal_female, k[1].informal_male), (1, 1));
        s.archive_placement(a, 1).unwrap();
        let c = s.placement_counts_by_country(2024).unwrap();
        assert_eq!(c.iter().map(|c| c.total()).sum::<i64>(), 2);
        assert!(s.placement_counts_by_kecamatan(2023).unwrap().is_empty());
    }

    #[test]
    fn a_duplicate_typed_in_is_refused_until_the_first_is_archived() {
        let mut s = Store::open_in_memory("t").unwrap();
        let p = placement("Ponggok", "Taiwan", Sex::P, 1);
        let id = s.insert_placement(&p).unwrap();
        let err = s.insert_placement(&p).unwrap_err().to_string();
        assert!(
            err.contains(&format!("#{id}")) && err.contains("0001"),
            "{err}"
        );
        s.archive_placement(id, 1).unwrap();
        assert!(s.insert_placement(&p).is_ok());
    }
}
