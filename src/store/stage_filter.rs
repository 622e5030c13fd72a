//! The list filter of the kinds whose records move through stages (disputes, transmigrant
//! registrations): words to find, a stage, a year, and live or archived records. What a
//! record's year is and where its words are looked for, each kind says.

use super::record::{year_bounds, Where};
use rusqlite::types::Value;
use std::fmt::Display;

/// The list's filter: every word must appear in one of the searchable columns; `stage` and
/// `year` narrow it further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageFilter<S> {
    pub text: String,
    pub stage: Option<S>,
    pub year: Option<i32>,
    pub include_archived: bool,
    /// The archived records instead of the live ones.
    pub archived: bool,
}

impl<S> Default for StageFilter<S> {
    fn default() -> Self {
        StageFilter {
            text: String::new(),
            stage: None,
            year: None,
            include_archived: false,
            archived: false,
        }
    }
}

impl<S: Display> StageFilter<S> {
    /// The WHERE clause and its arguments: `year_of` is the date a record's year is of,
    /// `searched` the text its words must appear in.
    pub(super) fn where_clause(&self, year_of: &str, searched: &str) -> (String, Vec<Value>) {
        Where::archived(self.archived, self.include_archived)
            .eq(
                "stage",
                self.stage.as_ref().map(|s| Value::Text(s.to_string())),
            )
            .within(year_of, self.year.map(year_bounds))
            .words(&self.text, searched)
            .sql()
    }
}
