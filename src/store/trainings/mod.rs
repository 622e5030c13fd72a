//! Trainings and their participants in the store: records with versions and history,
//! windowed lists, the follow-up list, the all-or-nothing import, and the counts the pane,
//! the summaries and IKU1 need.

mod import;
mod lists;
mod totals;
mod trainee;
mod training;

pub use import::{ImportProblem, TraineeImport};

use crate::domain::training::{Trainee, Training, TrainingType};
use crate::store::record::named_record;

named_record!(
    /// A training with its identity and bookkeeping.
    TrainingRecord,
    training: Training
);

named_record!(
    /// A participant with its identity and bookkeeping.
    TraineeRecord,
    trainee: Trainee
);

/// Participants of some trainings, counted. Archived participants and archived trainings
/// are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrainingCounts {
    pub participants: i64,
    pub graduated: i64,
    pub certified: i64,
    /// Wage job or own business: what IKU1 counts.
    pub employed: i64,
    /// Of `employed`, those with an own business (wirausaha).
    pub own_business: i64,
    /// Known not to be working.
    pub not_employed: i64,
    /// Nobody has found out yet.
    pub unknown: i64,
}

/// The totals of one scheme (and funding source and type) in a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeTotals {
    pub scheme: String,
    pub funding_source: String,
    pub training_type: TrainingType,
    pub trainings: i64,
    pub counts: TrainingCounts,
}

/// The totals of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearTotals {
    pub year: i32,
    pub trainings: i64,
    pub counts: TrainingCounts,
}

/// A row of the published table 3.13 (`data/training_schemes.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedScheme {
    pub year: i32,
    pub funding_source: String,
    pub scheme: String,
    pub participants: i64,
}

/// The training list's filter: a year (or all), and words that must all appear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingFilter {
    pub year: Option<i32>,
    pub text: String,
    pub include_archived: bool,
    /// The archived ones instead of the live ones.
    pub archived: bool,
}

/// What a row of the training list shows, with its participants counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingListRow {
    pub id: i64,
    pub version: i64,
    pub scheme: String,
    pub year: i32,
    pub funding_source: String,
    pub training_type: TrainingType,
    pub provider: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub quota: Option<i64>,
    pub counts: TrainingCounts,
    pub archived: bool,
}

/// The participant list's filter: words that must all appear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraineeFilter {
    pub text: String,
    pub include_archived: bool,
    /// The archived ones instead of the live ones.
    pub archived: bool,
}

/// What a row of a training's participant list shows; the NIK comes masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeListRow {
    pub id: i64,
    pub version: i64,
    pub training_id: i64,
    pub name: String,
    pub nik_masked: String,
    pub sex: String,
    pub kecamatan: String,
    pub graduated: bool,
    pub certified: bool,
    /// `None` while unknown; else `tidak bekerja`, `bekerja` or `wirausaha`.
    pub employment: Option<String>,
    pub employer: String,
    pub employed_on: Option<String>,
    pub archived: bool,
}

/// A graduate to call: employment still unknown some months after the training ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRow {
    pub trainee_id: i64,
    /// For `mark_employment`.
    pub version: i64,
    pub name: String,
    pub nik_masked: String,
    pub phone: String,
    pub kecamatan: String,
    pub training_id: i64,
    pub scheme: String,
    pub year: i32,
    /// The training's end date; 31 December of its year when the end is not recorded.
    pub training_end: String,
    pub end_known: bool,
}
