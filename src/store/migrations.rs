//! Numbered schema migrations, applied at open. Each runs once, in order, inside one
//! write transaction taken up-front, so officers opening a new store at the same moment
//! cannot both migrate it. (A hand-written runner rather than rusqlite_migration for that
//! reason: its transaction is deferred.)

use super::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

const MIGRATIONS: &[&str] = &[
    // 1: reference data, PMI cases, audit history
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE kecamatan (name TEXT PRIMARY KEY);
    CREATE TABLE country (name TEXT PRIMARY KEY);
    CREATE TABLE holiday (date TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL);
    -- published tables of the yearly reports, one JSON object per row, never mixed with records
    CREATE TABLE published (
        tbl TEXT NOT NULL, row_no INTEGER NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (tbl, row_no)
    );
    CREATE TABLE indicator (
        code TEXT PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL,
        polarity TEXT NOT NULL, formula TEXT NOT NULL, source TEXT NOT NULL
    );
    CREATE TABLE indicator_target (
        code TEXT NOT NULL REFERENCES indicator(code), year INTEGER NOT NULL,
        target TEXT NOT NULL, PRIMARY KEY (code, year)
    );
    CREATE TABLE pmi_case (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        nik TEXT,
        sex TEXT NOT NULL CHECK (sex IN ('L','P')),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        desa TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('meninggal','sakit','deportasi','kendala')),
        reported_on TEXT NOT NULL,
        sector TEXT, scheme TEXT, procedural INTEGER,
        occupation TEXT NOT NULL DEFAULT '', employer TEXT NOT NULL DEFAULT '',
        report_source TEXT NOT NULL DEFAULT '', family_contact TEXT NOT NULL DEFAULT '',
        partner_agencies TEXT NOT NULL DEFAULT '',
        arrival_date TEXT, arrival_place TEXT NOT NULL DEFAULT '', handover_date TEXT,
        costs TEXT, notes TEXT NOT NULL DEFAULT '', next_followup TEXT,
        status TEXT NOT NULL DEFAULT 'baru'
            CHECK (status IN ('baru','koordinasi','pemulangan','tiba','ditutup')),
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX pmi_case_list ON pmi_case (archived, id);
    CREATE INDEX pmi_case_year ON pmi_case (reported_on, kecamatan, category, status);
    CREATE INDEX pmi_case_kecamatan ON pmi_case (kecamatan, category, status);
    CREATE INDEX pmi_case_followup ON pmi_case (next_followup)
        WHERE archived = 0 AND status <> 'ditutup';
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL, record_id INTEGER NOT NULL, version INTEGER NOT NULL,
        action TEXT NOT NULL, officer TEXT NOT NULL, at TEXT NOT NULL,
        changes TEXT NOT NULL
    );
    CREATE INDEX audit_record ON audit (entity, record_id, id);
    "#,
    // transmigrant family registrations and the province's yearly quota
    r#"
    CREATE TABLE transmigrant (
        id INTEGER PRIMARY KEY,
        head_name TEXT NOT NULL,
        nik TEXT NOT NULL CHECK (length(nik) = 16),
        kk_no TEXT NOT NULL CHECK (length(kk_no) = 16),
        members INTEGER NOT NULL CHECK (members BETWEEN 1 AND 20),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        desa TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        registered_on TEXT NOT NULL,
        stage TEXT NOT NULL DEFAULT 'terdaftar' CHECK (stage IN
            ('terdaftar','berkas_lengkap','terseleksi','dilatih','diberangkatkan','batal')),
        destination_upt TEXT NOT NULL DEFAULT '',
        destination_kabupaten TEXT NOT NULL DEFAULT '',
        destination_province TEXT NOT NULL DEFAULT '',
        departed_on TEXT,
        cancel_reason TEXT NOT NULL DEFAULT '',
        cancelled_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL,
        -- a departure date exactly when departed, a withdrawal date and reason exactly when
        -- withdrawn: the yearly figures count on it
        CHECK ((stage = 'diberangkatkan') = (departed_on IS NOT NULL)),
        CHECK ((stage = 'batal') = (cancelled_on IS NOT NULL)),
        CHECK ((stage = 'batal') = (cancel_reason <> ''))
    );
    -- A family (by family card, and by head of family) has at most one open registration.
    CREATE UNIQUE INDEX transmigrant_open_kk ON transmigrant (kk_no)
        WHERE archived = 0 AND stage NOT IN ('diberangkatkan','batal');
    CREATE UNIQUE INDEX transmigrant_open_nik ON transmigrant (nik)
        WHERE archived = 0 AND stage NOT IN ('diberangkatkan','batal');
    CREATE INDEX transmigrant_kk ON transmigrant (kk_no, registered_on);
    CREATE INDEX transmigrant_nik ON transmigrant (nik, registered_on);
    -- the list, a year's registrations, the waiting list in registration order
    CREATE INDEX transmigrant_registered ON transmigrant (archived, registered_on, id);
    CREATE INDEX transmigrant_departed ON transmigrant (archived, departed_on);
    CREATE TABLE transmigration_quota (
        year INTEGER PRIMARY KEY,
        families INTEGER NOT NULL CHECK (families >= 0),
        destinations TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        entered_by TEXT NOT NULL, entered_at TEXT NOT NULL
    );
    "#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub fn apply(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: LATEST,
        });
    }
    if current == LATEST {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another officer may have migrated meanwhile.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
    }
    tx.commit()?;
    Ok(())
}
