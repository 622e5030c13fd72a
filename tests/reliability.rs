//! Many officers, one store, bad days: the promises of README's "Reliability and data
//! protection", each proved here against the real program.
//!
//! - `concurrency`: four processes adding and moving cases on one store at once.
//! - `crash`: SIGKILL in the middle of a large import and in the middle of saves.
//! - `hangup`: a dropped connection keeps the unsaved form as the officer's draft.
//! - `bad_input`: property tests over every validator, record kind and import reader.
//! - `privacy`: NIK and KK masked in lists, personal exports only on request and recorded,
//!   private files, no NIK in messages.
//! - `backup`: a consistent copy while others write; damage reported in one sentence.
//! - `upgrade`: a store of each released schema opens and upgrades intact.
//!
//! Slow tests run with `DISNAKER_SLOW_TESTS=1` (`.ci/run` sets it).

#[path = "reliability/support.rs"]
mod support;

#[path = "reliability/backup.rs"]
mod backup;
#[path = "reliability/bad_input.rs"]
mod bad_input;
#[path = "reliability/concurrency.rs"]
mod concurrency;
#[path = "reliability/crash.rs"]
mod crash;
#[path = "reliability/hangup.rs"]
mod hangup;
#[path = "reliability/privacy.rs"]
mod privacy;
#[path = "reliability/upgrade.rs"]
mod upgrade;
