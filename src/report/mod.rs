//! Figures and summaries: reads the store, knows no terminal.

pub mod iku;
pub mod table;
pub mod trainings;
