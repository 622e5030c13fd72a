//! Figures and summaries: reads the store, knows no terminal.

pub mod table;
pub mod transmigrants;
