//! Loads the reference data embedded from `data/` into the store: on first open, and again
//! whenever a newer program ships different data (e.g. next year's holidays).

use super::iku::{put_indicator, IndicatorRow};
use super::Result;
use crate::domain::refdata::{self as data, simple_rows};
use rusqlite::{params, Connection, TransactionBehavior};

/// FNV-1a over every embedded file: cheap, stable across builds.
fn fingerprint() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(data::KECAMATAN_CSV);
    eat(data::COUNTRIES_CSV);
    eat(data::HOLIDAYS_CSV);
    eat(crate::domain::indicator::INDICATORS_TOML);
    for (name, csv) in data::PUBLISHED_TABLES {
        eat(name);
        eat(csv);
    }
    format!("{h:016x}")
}

pub fn load_if_changed(conn: &mut Connection) -> Result<()> {
    let fp = fingerprint();
    let stored: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'refdata'", [], |r| {
            r.get(0)
        })
        .ok();
    if stored.as_deref() == Some(fp.as_str()) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for k in data::single_column(data::KECAMATAN_CSV) {
        tx.execute("INSERT OR IGNORE INTO kecamatan(name) VALUES (?1)", [k])?;
    }
    for c in data::single_column(data::COUNTRIES_CSV) {
        tx.execute("INSERT OR IGNORE INTO country(name) VALUES (?1)", [c])?;
    }
    for row in simple_rows(data::HOLIDAYS_CSV).iter().skip(1) {
        if let [date, kind, name] = row.as_slice() {
            tx.execute(
                "INSERT OR REPLACE INTO holiday(date, kind, name) VALUES (?1, ?2, ?3)",
                params![date, kind, name],
            )?;
        }
    }
    tx.execute("DELETE FROM published", [])?;
    for (tbl, csv) in data::PUBLISHED_TABLES {
        let rows = simple_rows(csv);
        let Some((header, body)) = rows.split_first() else {
            continue;
        };
        for (i, row) in body.iter().enumerate() {
            let obj: serde_json::Map<String, serde_json::Value> = header
                .iter()
                .zip(row)
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            tx.execute(
                "INSERT INTO published(tbl, row_no, data) VALUES (?1, ?2, ?3)",
                params![
                    tbl,
                    i as i64 + 1,
                    serde_json::Value::Object(obj).to_string()
                ],
            )?;
        }
    }
    // Indicator definitions and their targets (the office may add later years' targets).
    let rows = simple_rows(data::IKU_CSV);
    if let Some((header, body)) = rows.split_first() {
        let col = |name: &str| header.iter().position(|h| h == name);
        for row in body {
            let get = |name: &str| {
                col(name)
                    .and_then(|i| row.get(i))
                    .cloned()
                    .unwrap_or_default()
            };
            put_indicator(
                &tx,
                &IndicatorRow {
                    code: &get("code"),
                    level: &get("level"),
                    name: &get("indicator"),
                    unit: &get("unit"),
                    polarity: &get("polarity"),
                    formula: &get("formula"),
                    source: &get("data_source"),
                },
            )?;
            for (column, year) in [("target_2024", 2024), ("renstra_target_2026", 2026)] {
                let t = get(column);
                if !t.is_empty() {
                    tx.execute(
                        "INSERT OR IGNORE INTO indicator_target(code, year, target) VALUES (?1, ?2, ?3)",
                        params![get("code"), year, t],
                    )?;
                }
            }
        }
    }
    // data/indicators.toml has the last word on definitions and targets.
    super::iku::load_definitions(&tx)?;
    tx.execute(
        "INSERT INTO meta(key, value) VALUES ('refdata', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [&fp],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn reference_data_is_loaded_on_first_open() {
        let s = Store::open_in_memory("t").unwrap();
        let c = s.conn();
        let n: i64 = c
            .query_row("SELECT count(*) FROM kecamatan", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 22);
        let total: i64 = c
            .query_row(
                "SELECT sum(json_extract(data, '$.total')) FROM published
                 WHERE tbl = 'pmi_placements_2024_by_kecamatan'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(total, 3727);
        let holiday: String = c
            .query_row(
                "SELECT name FROM holiday WHERE date = '2024-08-17'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(holiday.contains("Kemerdekaan"));
        let target: String = c
            .query_row(
                "SELECT target FROM indicator_target WHERE code = 'IKU1' AND year = 2024",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(target, "80");
    }
}
