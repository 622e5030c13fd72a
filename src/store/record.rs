//! The one versioned-record mechanism every record kind of the store goes through: who
//! created and changed a record, its version, the audit history, archive and restore, and
//! windowed lists. Insert, update, status move, archive and restore read the record, check
//! the version the officer saw and write the audit entry here, in the caller's transaction.
//! A kind says how its columns map to its fields ([`Kept`]) and keeps what is its own (a
//! duplicate it refuses, the tallies and search index it feeds) in the trait's hooks.

use crate::domain::case::{diff_fields, Fields};
use crate::msg;
use crate::store::audit::{self, AuditEntry, Change};
use crate::store::{now_stamp, Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Params, Row};
use std::collections::BTreeMap;

/// How a column is stored.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Col {
    /// Text, '' when empty.
    Text,
    /// Text, NULL when empty (dates, optional words).
    Opt,
    /// Whole number, NULL when empty.
    Int,
    /// `ya`/`tidak` as 1/0, NULL when empty.
    Bool,
}

/// The table a record kind is kept in, and what the history and messages call it.
#[derive(Debug)]
pub struct Table {
    /// The table's name, which is also the audit history's name for the kind.
    pub table: &'static str,
    /// What messages call it ("dispute #3 was changed by ...").
    pub label: &'static str,
    /// Columns written from the record, in the order `Kept::values` gives them and
    /// `Kept::read` finds them, separated by spaces. A column is stored as `Col::Text`
    /// unless its name ends in `:opt`, `:int` or `:bool` (what `Kept::values` does with the
    /// field by default).
    pub columns: &'static str,
    /// The audit entity of the kind's bulk imports (one entry per import), if it has them:
    /// a record's history then starts with the import that wrote it.
    pub import_entity: Option<&'static str>,
}

impl Table {
    /// The columns and how each is stored, in order.
    pub fn columns(&self) -> impl Iterator<Item = (&'static str, Col)> {
        self.columns
            .split_whitespace()
            .map(|c| match c.split_once(':') {
                Some((name, "opt")) => (name, Col::Opt),
                Some((name, "int")) => (name, Col::Int),
                Some((name, "bool")) => (name, Col::Bool),
                _ => (c, Col::Text),
            })
    }

    /// How many columns the record has before its bookkeeping.
    pub fn width(&self) -> usize {
        self.columns().count()
    }
}

/// A record kind the store keeps with versions, history, archive and restore.
pub trait Kept: Sized + Clone + Fields {
    const TABLE: Table;
    /// Read the record from `row`, whose first columns are `TABLE.columns` in order.
    fn read(row: &Row) -> Result<Self>;
    fn fields(&self) -> BTreeMap<String, String> {
        self.to_fields()
    }
    /// The values of `TABLE.columns`, in order.
    fn values(&self) -> Vec<Value> {
        by_columns(&Self::TABLE, &self.fields())
    }
    /// The "create" entry of the history: the non-empty fields.
    fn creation_changes(&self) -> Vec<Change> {
        non_empty(self.fields(), self.fields().keys().map(String::as_str))
    }
    /// An edit form's value applied over the stored one `old` (e.g. keeping a stage that
    /// moves only by a status move), or why it cannot be.
    fn edited(&self, _old: &Self, _id: i64) -> Result<Self> {
        Ok(self.clone())
    }
    /// The record as the store writes it when new: what the store gives it itself (a
    /// registration number left empty), in the insert's transaction, before `refusal`.
    fn assigned(&self, _conn: &Connection) -> Result<Self> {
        Ok(self.clone())
    }
    /// Why the record cannot be active beside the others (a duplicate, a rule between
    /// fields): asked before an insert, an edit of an active record and a restore. `except`
    /// is the record's own id.
    fn refusal(&self, _conn: &Connection, _except: Option<i64>) -> Result<()> {
        Ok(())
    }
    /// Keep what the kind counts in step with the new rows `first..=last`, in the same
    /// transaction (tallies and search index a trigger per row would make slow).
    fn inserted(_conn: &Connection, _first: i64, _last: i64) -> Result<()> {
        Ok(())
    }
    /// What follows from the active record `id` edited from `old` to `new`, in the same
    /// transaction, by `officer` (a domestic placement that now names a registration, or
    /// another one, or another day, places it and hands back the one it placed before).
    fn changed(
        _conn: &Connection,
        _id: i64,
        _old: &Self,
        _new: &Self,
        _officer: &str,
    ) -> Result<()> {
        Ok(())
    }
    /// What follows from record `id` being archived (`true`) or restored, in the same
    /// transaction, by `officer` (a domestic placement archived hands its job seeker's
    /// registration back to `aktif`; restored, it places it again).
    fn archived_changed(
        _conn: &Connection,
        _id: i64,
        _archived: bool,
        _officer: &str,
    ) -> Result<()> {
        Ok(())
    }
    /// History entries of records that belong to record `id` (a case's referrals and
    /// documents), shown in its own history in time order. Their actions are prefixed with
    /// what they belong to (`referral.create`), and the first change names the record.
    fn related_history(_conn: &Connection, _id: i64) -> Result<Vec<(i64, AuditEntry)>> {
        Ok(Vec::new())
    }
}

/// A record with its identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<T> {
    pub id: i64,
    pub value: T,
    pub version: i64,
    pub archived: bool,
    pub created_by: String,
    pub created_at: String,
    pub changed_by: String,
    pub changed_at: String,
}

/// A record type that names its value (`CaseRecord { case, .. }`), made from a `Record`.
macro_rules! named_record {
    ($(#[$doc:meta])* $name:ident, $field:ident: $t:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            pub id: i64,
            pub $field: $t,
            pub version: i64,
            pub archived: bool,
            pub created_by: String,
            pub created_at: String,
            pub changed_by: String,
            pub changed_at: String,
        }

        impl From<$crate::store::Record<$t>> for $name {
            fn from(r: $crate::store::Record<$t>) -> Self {
                $name {
                    id: r.id,
                    $field: r.value,
                    version: r.version,
                    archived: r.archived,
                    created_by: r.created_by,
                    created_at: r.created_at,
                    changed_by: r.changed_by,
                    changed_at: r.changed_at,
                }
            }
        }
    };
}
pub(crate) use named_record;

/// A kind's methods under its own names, for callers that name the kind: `insert_case`,
/// `get_case` (its named record), `update_case`, `archive_case`, `restore_case`,
/// `case_history` are `insert`, `get`, `update`, `archive`, `restore` and `history` of
/// `PmiCase`. What a kind refuses and keeps in step is its `Kept` impl.
macro_rules! kind_methods {
    ($t:ty as $rec:ty: $insert:ident, $get:ident, $update:ident, $archive:ident, $restore:ident, $history:ident) => {
        impl $crate::store::Store {
            /// Save a new record (refused as the kind's `Kept::refusal` says); its id.
            pub fn $insert(&mut self, item: &$t) -> $crate::store::Result<i64> {
                self.insert(item)
            }

            pub fn $get(&self, id: i64) -> $crate::store::Result<$rec> {
                self.get::<$t>(id).map(Into::into)
            }

            /// Save an edit made on `expected_version`; the new version.
            pub fn $update(
                &mut self,
                id: i64,
                expected_version: i64,
                item: &$t,
            ) -> $crate::store::Result<i64> {
                self.update(id, expected_version, item)
            }

            /// Archive (never erase) the record; the new version.
            pub fn $archive(
                &mut self,
                id: i64,
                expected_version: i64,
            ) -> $crate::store::Result<i64> {
                self.archive::<$t>(id, expected_version)
            }

            /// Bring the archived record back; the new version.
            pub fn $restore(
                &mut self,
                id: i64,
                expected_version: i64,
            ) -> $crate::store::Result<i64> {
                self.restore::<$t>(id, expected_version)
            }

            /// The record's history (its import first, if it came from one).
            pub fn $history(
                &self,
                id: i64,
            ) -> $crate::store::Result<Vec<$crate::store::AuditEntry>> {
                self.history::<$t>(id)
            }
        }
    };
}
pub(crate) use kind_methods;

/// Field values stored as `columns` say.
pub fn by_columns(of: &Table, fields: &BTreeMap<String, String>) -> Vec<Value> {
    of.columns()
        .map(|(c, kind)| {
            let v = fields.get(c).map(String::as_str).unwrap_or_default();
            match (kind, v) {
                (Col::Text, _) => Value::Text(v.to_string()),
                (_, "") => Value::Null,
                (Col::Int, _) => v.parse::<i64>().map(Value::Integer).unwrap_or(Value::Null),
                (Col::Bool, _) => {
                    Value::Integer(i64::from(crate::domain::parse_bool(v).unwrap_or(false)))
                }
                (Col::Opt, _) => Value::Text(v.to_string()),
            }
        })
        .collect()
}

/// The non-empty `fields` as creation changes, in the order of `keys` (a form's order),
/// then any field `keys` does not name.
pub fn non_empty<'a>(
    fields: BTreeMap<String, String>,
    keys: impl Iterator<Item = &'a str>,
) -> Vec<Change> {
    let keys: Vec<&str> = keys.collect();
    let rest = fields.keys().filter(|k| !keys.contains(&k.as_str()));
    keys.iter()
        .copied()
        .chain(rest.map(String::as_str))
        .filter_map(|k| {
            let v = fields.get(k)?;
            (!v.is_empty()).then(|| Change {
                field: k.to_string(),
                old: String::new(),
                new: v.clone(),
            })
        })
        .collect()
}

fn column_names<T: Kept>() -> String {
    let cols: Vec<&str> = T::TABLE.columns().map(|(c, _)| c).collect();
    cols.join(", ")
}

fn select<T: Kept>() -> String {
    format!(
        "SELECT {}, id, version, archived, created_by, created_at, changed_by, changed_at FROM {}",
        column_names::<T>(),
        T::TABLE.table
    )
}

fn record_from_row<T: Kept>(row: &Row) -> Result<Record<T>> {
    let n = T::TABLE.width();
    Ok(Record {
        value: T::read(row)?,
        id: row.get(n)?,
        version: row.get(n + 1)?,
        archived: row.get::<_, i64>(n + 2)? != 0,
        created_by: row.get(n + 3)?,
        created_at: row.get(n + 4)?,
        changed_by: row.get(n + 5)?,
        changed_at: row.get(n + 6)?,
    })
}

/// The INSERT of one row of `T` (values, then created/changed by/at), for `insert` and the
/// bulk paths that prepare it once.
pub fn insert_sql<T: Kept>() -> String {
    let cols = column_names::<T>();
    let n = cols.split(", ").count();
    let marks: Vec<String> = (1..=n + 4).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {} ({cols}, created_by, created_at, changed_by, changed_at) VALUES ({})",
        T::TABLE.table,
        marks.join(", ")
    )
}

/// Write a new record with its "create" (or `action`) history entry; returns its id. The
/// caller has asked `Kept::refusal` (an import checks its rows together first).
pub fn insert<T: Kept>(
    conn: &Connection,
    item: &T,
    action: &str,
    officer: &str,
    now: &str,
) -> Result<i64> {
    let mut vals = item.values();
    vals.extend([
        Value::Text(officer.into()),
        Value::Text(now.into()),
        Value::Text(officer.into()),
        Value::Text(now.into()),
    ]);
    conn.prepare_cached(&insert_sql::<T>())?
        .execute(params_from_iter(vals))?;
    let id = conn.last_insert_rowid();
    T::inserted(conn, id, id)?;
    audit::record(
        conn,
        T::TABLE.table,
        id,
        1,
        action,
        officer,
        &item.creation_changes(),
    )?;
    Ok(id)
}

pub fn load<T: Kept>(conn: &Connection, id: i64) -> Result<Record<T>> {
    let mut stmt = conn.prepare_cached(&format!("{} WHERE id = ?1", select::<T>()))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(row) => record_from_row::<T>(row),
        None => Err(StoreError::NotFound {
            entity: T::TABLE.label,
            id,
        }),
    }
}

/// Refuse a change when the stored version moved on since the officer read it, naming who
/// changed it and when.
pub fn check_version<T>(current: &Record<T>, label: &'static str, expected: i64) -> Result<()> {
    if expected > current.version {
        // Nobody changed it: the version asked for was never written (a script's guess).
        return Err(StoreError::Refused(
            msg!("s.no_such_version", current.id, expected, current.version)
                .with(super::entity_msg(label)),
        ));
    }
    if current.version != expected {
        return Err(conflict(current, label));
    }
    Ok(())
}

fn conflict<T>(current: &Record<T>, label: &'static str) -> StoreError {
    StoreError::Conflict {
        entity: label,
        id: current.id,
        by: current.changed_by.clone(),
        at: current.changed_at.clone(),
    }
}

/// Save `edit`'s result over version `expected` of record `id`, or refuse: a newer version
/// (conflict), the edit's own reason, or the kind's refusal of the new value. Returns the
/// new version (the same when nothing changed).
pub fn change<T: Kept>(
    conn: &Connection,
    id: i64,
    expected: i64,
    action: &str,
    officer: &str,
    edit: impl FnOnce(&Connection, &T) -> Result<T>,
) -> Result<i64> {
    change_noting(conn, id, expected, action, officer, |conn, old| {
        Ok((edit(conn, old)?, Vec::new()))
    })
}

/// `change`, with `note` (e.g. the reason a closed case is reopened) added to the history
/// entry after the fields that changed. Nothing changed: nothing written, note or not.
pub fn change_noted<T: Kept>(
    conn: &Connection,
    id: i64,
    expected: i64,
    action: &str,
    officer: &str,
    note: &[Change],
    edit: impl FnOnce(&Connection, &T) -> Result<T>,
) -> Result<i64> {
    change_noting(conn, id, expected, action, officer, |conn, old| {
        Ok((edit(conn, old)?, note.to_vec()))
    })
}

/// `change`, where the edit may also give lines for the history entry beyond the changed
/// fields (a reason asked at the move, e.g. for closing a case with documents missing).
/// Nothing changed: nothing written, note or not.
pub fn change_noting<T: Kept>(
    conn: &Connection,
    id: i64,
    expected: i64,
    action: &str,
    officer: &str,
    edit: impl FnOnce(&Connection, &T) -> Result<(T, Vec<Change>)>,
) -> Result<i64> {
    let kind = &T::TABLE;
    let current = load::<T>(conn, id)?;
    check_version(&current, kind.label, expected)?;
    let (new, noted) = edit(conn, &current.value)?;
    let mut changes: Vec<Change> = diff_fields(&current.value.fields(), &new.fields())
        .into_iter()
        .map(|(field, old, new)| Change { field, old, new })
        .collect();
    if changes.is_empty() {
        return Ok(current.version);
    }
    if !current.archived {
        new.refusal(conn, Some(id))?;
    }
    let version = current.version + 1;
    let mut vals = new.values();
    let n = vals.len();
    let sets: Vec<String> = kind
        .columns()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
        .collect();
    vals.extend([
        Value::Integer(version),
        Value::Text(officer.into()),
        Value::Text(now_stamp()),
        Value::Integer(id),
        Value::Integer(expected),
    ]);
    let sql = format!(
        "UPDATE {} SET {}, version = ?{}, changed_by = ?{}, changed_at = ?{}
         WHERE id = ?{} AND version = ?{}",
        kind.table,
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 4,
        n + 5
    );
    if conn.prepare_cached(&sql)?.execute(params_from_iter(vals))? != 1 {
        // Cannot happen under the write lock, but never write blind.
        return Err(conflict(&current, kind.label));
    }
    changes.extend(noted);
    audit::record(conn, kind.table, id, version, action, officer, &changes)?;
    if !current.archived {
        T::changed(conn, id, &current.value, &new, officer)?;
    }
    Ok(version)
}

/// Archive (`archived`) or restore record `id` if nobody saved it since `expected`: a
/// versioned change with its history entry. Restoring asks the kind's refusal first (an
/// active duplicate). Already so: nothing written, the version stays.
pub fn set_archived<T: Kept>(
    conn: &Connection,
    id: i64,
    expected: i64,
    archived: bool,
    officer: &str,
) -> Result<i64> {
    let kind = &T::TABLE;
    let current = load::<T>(conn, id)?;
    check_version(&current, kind.label, expected)?;
    if current.archived == archived {
        return Ok(current.version);
    }
    if !archived {
        current.value.refusal(conn, Some(id))?;
    }
    let version = current.version + 1;
    conn.prepare_cached(&format!(
        "UPDATE {} SET archived = ?1, version = ?2, changed_by = ?3, changed_at = ?4
         WHERE id = ?5 AND version = ?6",
        kind.table
    ))?
    .execute(params![
        i64::from(archived),
        version,
        officer,
        now_stamp(),
        id,
        expected
    ])?;
    let yes_no = |b: bool| if b { "ya" } else { "tidak" }.to_string();
    audit::record(
        conn,
        kind.table,
        id,
        version,
        if archived { "archive" } else { "restore" },
        officer,
        &[Change {
            field: "archived".into(),
            old: yes_no(!archived),
            new: yes_no(archived),
        }],
    )?;
    T::archived_changed(conn, id, archived, officer)?;
    Ok(version)
}

/// The record's history: its import (if it came from one) and every change since.
pub fn history<T: Kept>(conn: &Connection, id: i64) -> Result<Vec<AuditEntry>> {
    let mut out: Vec<AuditEntry> = match T::TABLE.import_entity {
        Some(entity) => audit::import_entry(conn, entity, id)?.into_iter().collect(),
        None => Vec::new(),
    };
    let related = T::related_history(conn, id)?;
    if related.is_empty() {
        out.extend(audit::history(conn, T::TABLE.table, id)?);
        return Ok(out);
    }
    // The record's own entries and its related ones, in the order they were written.
    let mut all = audit::history_with_ids(conn, T::TABLE.table, id)?;
    all.extend(related);
    all.sort_by_key(|(audit_id, _)| *audit_id);
    out.extend(all.into_iter().map(|(_, e)| e));
    Ok(out)
}

/// Records matching `clause` (e.g. `WHERE archived = 0`, numbered arguments from ?1) in
/// `order`, one window of them.
pub fn list<T: Kept>(
    conn: &Connection,
    clause: &str,
    args: Vec<Value>,
    order: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<Record<T>>> {
    let sql = format!("{} {clause} ORDER BY {order} {{window}}", select::<T>());
    let rows = window(conn, &sql, args, offset, limit, |row| {
        Ok(record_from_row::<T>(row))
    })?;
    rows.into_iter().collect()
}

pub fn count<T: Kept>(conn: &Connection, clause: &str, args: Vec<Value>) -> Result<i64> {
    count_where(conn, T::TABLE.table, (clause.to_string(), args))
}

/// How many rows of `table` a list's `WHERE` clause (with its arguments) keeps.
pub fn count_where(conn: &Connection, table: &str, filter: (String, Vec<Value>)) -> Result<i64> {
    let (clause, args) = filter;
    Ok(conn
        .prepare_cached(&format!("SELECT count(*) FROM {table} {clause}"))?
        .query_row(params_from_iter(args), |r| r.get(0))?)
}

/// One window of a list: `sql` says `{window}` where its `LIMIT … OFFSET …` goes (numbered
/// after `args`), and `read` makes each row: only the rows on screen are read.
pub fn window<R>(
    conn: &Connection,
    sql: &str,
    mut args: Vec<Value>,
    offset: i64,
    limit: i64,
    read: impl FnMut(&Row) -> rusqlite::Result<R>,
) -> Result<Vec<R>> {
    args.push(Value::Integer(limit));
    args.push(Value::Integer(offset));
    let n = args.len();
    let sql = sql.replace("{window}", &format!("LIMIT ?{} OFFSET ?{n}", n - 1));
    all_rows(conn, &sql, params_from_iter(args), read)
}

/// Every row `sql` gives for `args` (a statement prepared once and cached), each made by
/// `read`.
pub fn all_rows<R>(
    conn: &Connection,
    sql: &str,
    args: impl Params,
    read: impl FnMut(&Row) -> rusqlite::Result<R>,
) -> Result<Vec<R>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, read)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The SQL condition a list puts first: the live records, or (`archived`) the archived ones
/// instead, or (`include_archived`) both.
pub fn archived_clause(archived: bool, include_archived: bool) -> Option<&'static str> {
    match (archived, include_archived) {
        (true, _) => Some("archived = 1"),
        (false, true) => None,
        (false, false) => Some("archived = 0"),
    }
}

/// `%word%` for LIKE with the officer's `%`, `_` and `\` taken literally (use `ESCAPE '\'`).
pub fn like_word(word: &str) -> Value {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Value::Text(format!("%{escaped}%"))
}

/// The WHERE clause of a register's list, condition by condition, with its numbered
/// arguments: the live records (or the archived ones), then what the filter narrows by.
#[derive(Debug, Default)]
pub struct Where {
    clauses: Vec<String>,
    args: Vec<Value>,
}

impl Where {
    /// The live records, or (`archived`) the archived ones instead, or (`include_archived`)
    /// both.
    pub fn archived(archived: bool, include_archived: bool) -> Where {
        let mut w = Where::default();
        w.clauses
            .extend(archived_clause(archived, include_archived).map(String::from));
        w
    }

    /// `expr = value` when there is a value.
    pub fn eq(mut self, expr: &str, value: Option<Value>) -> Where {
        if let Some(v) = value {
            self.args.push(v);
            self.clauses.push(format!("{expr} = ?{}", self.args.len()));
        }
        self
    }

    /// `from <= expr < to` when there is a range (e.g. a year's `year_bounds`).
    pub fn within(mut self, expr: &str, range: Option<(String, String)>) -> Where {
        if let Some((from, to)) = range {
            self.args.push(Value::Text(from));
            self.args.push(Value::Text(to));
            let n = self.args.len();
            self.clauses
                .push(format!("{expr} >= ?{} AND {expr} < ?{n}", n - 1));
        }
        self
    }

    /// Every word of `text` (at most eight) must appear in `haystack`, an SQL expression;
    /// LIKE wildcards an officer types are literal.
    pub fn words(mut self, text: &str, haystack: &str) -> Where {
        for word in text.split_whitespace().take(8) {
            self.args.push(like_word(word));
            self.clauses.push(format!(
                "({haystack}) LIKE ?{} ESCAPE '\\'",
                self.args.len()
            ));
        }
        self
    }

    /// A condition of the caller's own, with its arguments numbered after those before it.
    pub fn and(mut self, clause: String, args: Vec<Value>) -> Where {
        self.clauses.push(clause);
        self.args.extend(args);
        self
    }

    /// The number the next argument will have.
    pub fn next_arg(&self) -> usize {
        self.args.len() + 1
    }

    /// `WHERE a AND b` (or nothing) and the arguments.
    pub fn sql(self) -> (String, Vec<Value>) {
        if self.clauses.is_empty() {
            (String::new(), self.args)
        } else {
            (format!("WHERE {}", self.clauses.join(" AND ")), self.args)
        }
    }

    /// The conditions joined by AND, without the `WHERE`, and the arguments.
    pub fn conditions(self) -> (String, Vec<Value>) {
        (self.clauses.join(" AND "), self.args)
    }
}

/// Read helpers for `Kept::read`.
pub fn text(row: &Row, i: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default())
}

pub fn date(row: &Row, i: usize) -> rusqlite::Result<Option<crate::domain::date::Date>> {
    let s: Option<String> = row.get(i)?;
    Ok(s.and_then(|s| crate::domain::date::Date::parse_from_str(&s, "%Y-%m-%d").ok()))
}

pub fn word<T, E>(
    row: &Row,
    i: usize,
    parse: fn(&str) -> std::result::Result<T, E>,
) -> rusqlite::Result<Option<T>> {
    Ok(row
        .get::<_, Option<String>>(i)?
        .and_then(|s| parse(&s).ok()))
}

pub fn flag(row: &Row, i: usize) -> rusqlite::Result<Option<bool>> {
    Ok(row.get::<_, Option<i64>>(i)?.map(|v| v != 0))
}

pub fn number(row: &Row, i: usize) -> rusqlite::Result<Option<u32>> {
    Ok(row
        .get::<_, Option<i64>>(i)?
        .and_then(|v| u32::try_from(v).ok()))
}

/// Year bounds as stored dates: `[year-01-01, year+1-01-01)`.
pub fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1))
}

/// Every record kind, the same way: read, insert, edit, archive, restore, history. The
/// kinds' own methods (`insert_case`, `archive_dispute`, ...) are these under a name.
impl Store {
    /// Run `f` in one write transaction with the officer's name: all or nothing.
    pub(crate) fn write<R>(&mut self, f: impl FnOnce(&Connection, &str) -> Result<R>) -> Result<R> {
        let officer = self.officer.clone();
        let tx = self.write_tx()?;
        let r = f(&tx, &officer)?;
        tx.commit()?;
        Ok(r)
    }

    pub fn get<T: Kept>(&self, id: i64) -> Result<Record<T>> {
        load(&self.conn, id)
    }

    /// Save a new record; returns its id.
    pub fn insert<T: Kept>(&mut self, item: &T) -> Result<i64> {
        self.write(|conn, officer| {
            let item = item.assigned(conn)?;
            item.refusal(conn, None)?;
            insert(conn, &item, "create", officer, &now_stamp())
        })
    }

    /// Save an edited record if nobody saved it since `expected_version`; returns the new
    /// version (the same when nothing changed).
    pub fn update<T: Kept>(&mut self, id: i64, expected_version: i64, item: &T) -> Result<i64> {
        self.change(id, expected_version, "update", |_, old| {
            item.edited(old, id)
        })
    }

    /// Read, check the version, edit (`action` names it in the history), write: one
    /// transaction.
    pub(crate) fn change<T: Kept>(
        &mut self,
        id: i64,
        expected_version: i64,
        action: &str,
        edit: impl FnOnce(&Connection, &T) -> Result<T>,
    ) -> Result<i64> {
        self.write(|conn, officer| change(conn, id, expected_version, action, officer, edit))
    }

    /// `change` with a note for the history entry (see `change_noted`).
    pub(crate) fn change_noted<T: Kept>(
        &mut self,
        id: i64,
        expected_version: i64,
        action: &str,
        note: &[Change],
        edit: impl FnOnce(&Connection, &T) -> Result<T>,
    ) -> Result<i64> {
        self.write(|conn, officer| {
            change_noted(conn, id, expected_version, action, officer, note, edit)
        })
    }

    /// Archive (never erase) a record: it leaves the lists and counts.
    pub fn archive<T: Kept>(&mut self, id: i64, expected_version: i64) -> Result<i64> {
        self.write(|conn, officer| set_archived::<T>(conn, id, expected_version, true, officer))
    }

    /// Bring an archived record back into the lists and counts: a versioned change in the
    /// history like archive, refused when stale or when an active record now holds its place.
    pub fn restore<T: Kept>(&mut self, id: i64, expected_version: i64) -> Result<i64> {
        self.write(|conn, officer| set_archived::<T>(conn, id, expected_version, false, officer))
    }

    pub fn history<T: Kept>(&self, id: i64) -> Result<Vec<AuditEntry>> {
        history::<T>(&self.conn, id)
    }
}
