//! Figures and summaries: reads the store, knows no terminal.

pub mod cases;
pub mod table;
