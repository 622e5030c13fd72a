//! Published tables of the yearly reports (LKjIP), as loaded from `data/`: kept apart from
//! the records, read only to be shown beside them.

use super::{Result, Store};
use std::collections::BTreeMap;

impl Store {
    /// The rows of one published table in the report's order, each as column → text.
    /// An unknown table has no rows.
    pub fn published_rows(&self, tbl: &str) -> Result<Vec<BTreeMap<String, String>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT data FROM published WHERE tbl = ?1 ORDER BY row_no")?;
        let rows = stmt.query_map([tbl], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for data in rows {
            let value: serde_json::Value = serde_json::from_str(&data?).unwrap_or_default();
            let row = value
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| {
                            let text = match v {
                                serde_json::Value::String(s) => s.clone(),
                                serde_json::Value::Null => String::new(),
                                other => other.to_string(),
                            };
                            (k.clone(), text)
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push(row);
        }
        Ok(out)
    }
}
