//! Figures and summaries: reads the store, knows no terminal.

pub mod cases;
pub mod chart;
pub mod disputes;
pub mod domestic;
pub mod iku;
pub mod iku_year;
pub mod indicators;
pub mod jobseekers;
pub mod lookup;
pub mod placements;
pub mod published;
pub mod referrals;
pub mod table;
pub mod trainings;
pub mod transmigrants;
