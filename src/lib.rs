//! disnaker: the office's records and figures, in layers that never point upward:
//! `domain` (rules) ← `store` (SQLite) ← `report` (figures, CSV) ← `cli` / `tui`.

pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod report;
pub mod store;
pub mod tui;
