//! The IKU figures of a year from the store: records, entered values, published figures.

mod iku_support;

use disnaker::i18n::Lang;
use disnaker::report::iku_year::{iku_year, text_lines};
use iku_support::*;

#[test]
fn print_2024() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with_2024_trainings(&dir.path().join("t.db"), "ani");
    let y = iku_year(&s, 2024).unwrap();
    for l in text_lines(&y, Lang::Id) {
        println!("{l}");
    }
    for r in &y.rows {
        for l in disnaker::report::iku_year::explain(r, y.closing.as_ref(), Lang::Id) {
            println!("  {l}");
        }
    }
}
