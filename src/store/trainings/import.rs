//! `import trainees` (SPEC §5): participants with their training's name, year and funding
//! source; a training is created the first time the file names it. One transaction: any bad
//! row and nothing is written.

use super::{trainee, training};
use crate::domain::date::Date;
use crate::domain::nik::mask;
use crate::domain::training::{FundingSource, Trainee, Training, TrainingType};
use crate::domain::FieldError;
use crate::i18n::{Lang, Msg};
use crate::store::record;
use crate::store::{now_stamp, Result, Store};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

/// One problem with one row: `line N: column: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub line: u64,
    pub column: String,
    pub reason: Msg,
}

impl ImportProblem {
    fn new(line: u64, e: FieldError) -> ImportProblem {
        ImportProblem {
            line,
            column: e.field.to_string(),
            reason: e.reason,
        }
    }
}

impl ImportProblem {
    /// `line N: column: reason` in `lang` (`baris N: kolom: alasan`).
    pub fn text(&self, lang: Lang) -> String {
        crate::msg!("cli.line", self.line, self.column)
            .with(self.reason.clone())
            .text(lang)
    }
}

/// In English (logs, tests); commands use [`ImportProblem::text`].
impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraineeImport {
    /// Rows read.
    pub rows: usize,
    /// Participants added (or that would be, on a dry run or a refused file).
    pub added: usize,
    /// Trainings the file named for the first time.
    pub trainings_created: usize,
    /// Every problem, in line order; any error means nothing was written.
    pub errors: Vec<ImportProblem>,
    pub warnings: Vec<ImportProblem>,
    /// The participants are in the store.
    pub written: bool,
}

impl TraineeImport {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// How a row's training resolved: its id and record, or why not.
type Resolved = std::result::Result<(i64, Training), FieldError>;

/// Find the training a row names, creating it (of `kind`) when its name, year and funding
/// source are new. Two trainings may share a name in a year under different funding sources (2022 had
/// a Barista under DBHCHT and another under DAU), so a given source picks one of them; a
/// row without one is accepted when the name and year name exactly one training.
fn resolve(
    conn: &Connection,
    name: &str,
    year: i32,
    funding: Option<&FundingSource>,
    kind: TrainingType,
    (officer, now): (&str, &str),
    created: &mut usize,
) -> Result<Resolved> {
    let same = training::same_name(conn, name, year)?;
    let found = match funding {
        Some(f) => same
            .iter()
            .find(|(_, s)| s == f.as_str())
            .map(|(id, _)| *id),
        None => match same.as_slice() {
            [(id, _)] => Some(*id),
            [] => {
                return Ok(Err(FieldError::new(
                    "funding_source",
                    crate::msg!("s.import.new_training", name, year),
                )))
            }
            several => {
                let sources: Vec<&str> = several.iter().map(|(_, s)| s.as_str()).collect();
                return Ok(Err(FieldError::new(
                    "funding_source",
                    crate::msg!("s.import.several_trainings", name, year, sources.join(", ")),
                )));
            }
        },
    };
    if let Some(id) = found {
        return Ok(Ok((id, training::load(conn, id)?.training)));
    }
    let Some(f) = funding else {
        // unreachable: a missing source returned above
        return Ok(Err(FieldError::new(
            "funding_source",
            crate::msg!("v.funding.required"),
        )));
    };
    let mut t = Training::new(name, year, f.clone());
    t.training_type = kind;
    let id = training::insert(conn, &t, "import", officer, now)?;
    *created += 1;
    Ok(Ok((id, t)))
}

impl Store {
    /// Check and add participants, one row each: `(line, column → value)` with the SPEC §5
    /// columns (`training, year, funding_source, name, nik, sex, kecamatan, graduated,
    /// employed, employment_type, employer, employed_on`), the optional `training_type` (a
    /// new training is `pbk` without it; given, it must be the type of the training the row
    /// names) and any other participant field.
    /// All in one transaction: when any row has an error, or on a dry run, nothing stays
    /// written and the result lists every problem by line.
    pub fn import_trainees(
        &mut self,
        rows: &[(u64, BTreeMap<String, String>)],
        today: Date,
        dry_run: bool,
    ) -> Result<TraineeImport> {
        let officer = self.officer.clone();
        let now = now_stamp();
        let tx = self.write_tx()?;
        let mut out = TraineeImport {
            rows: rows.len(),
            ..TraineeImport::default()
        };
        let mut trainings: HashMap<(String, i32, Option<FundingSource>), Resolved> = HashMap::new();
        // (training id, NIK) → first line, for NIKs repeated within the file
        let mut seen: HashMap<(i64, String), u64> = HashMap::new();
        for (line, raw) in rows {
            let line = *line;
            let on_line = |found: Vec<FieldError>| {
                found.into_iter().map(move |e| ImportProblem::new(line, e))
            };
            let values: BTreeMap<String, String> = raw
                .iter()
                .map(|(k, v)| (k.trim().to_lowercase(), v.clone()))
                .collect();
            let (key, key_errors) = Training::key_from_fields(&values, today);
            out.errors.extend(on_line(key_errors));
            // The type the row names, if it names one.
            let typed = match values.get("training_type").map(|t| t.trim()) {
                None | Some("") => None,
                Some(t) => match TrainingType::parse(t) {
                    Ok(kind) => Some(kind),
                    Err(e) => {
                        out.errors.push(ImportProblem::new(
                            line,
                            FieldError::new("training_type", e),
                        ));
                        None
                    }
                },
            };
            let resolved = match key {
                Some((name, year, funding)) => {
                    let k = (name.to_lowercase(), year, funding.clone());
                    if !trainings.contains_key(&k) {
                        let r = resolve(
                            &tx,
                            &name,
                            year,
                            funding.as_ref(),
                            typed.unwrap_or_default(),
                            (&officer, &now),
                            &mut out.trainings_created,
                        )?;
                        trainings.insert(k.clone(), r);
                    }
                    trainings.get(&k).cloned()
                }
                None => None,
            };
            let (training_id, training) = match resolved {
                Some(Ok((id, t))) => {
                    if let Some(kind) = typed.filter(|k| *k != t.training_type) {
                        out.errors.push(ImportProblem::new(
                            line,
                            FieldError::new(
                                "training_type",
                                format!(
                                    "training '{}' of {} is {}, not {kind}",
                                    t.scheme, t.year, t.training_type
                                ),
                            ),
                        ));
                    }
                    (id, t)
                }
                // The key's own errors are listed; still check the participant's fields.
                unresolved => {
                    if let Some(Err(e)) = unresolved {
                        out.errors.push(ImportProblem::new(line, e));
                    }
                    let year = today_year(&values, today);
                    (
                        0,
                        Training::new("", year, FundingSource::Other(String::new())),
                    )
                }
            };
            let (participant, checked) =
                Trainee::from_fields(&values, training_id, &training, today);
            out.errors.extend(on_line(checked.errors));
            out.warnings.extend(on_line(checked.warnings));
            let Some(p) = participant.filter(|_| training_id != 0) else {
                continue;
            };
            if let Some(first) = seen.get(&(training_id, p.nik.clone())) {
                out.errors.push(ImportProblem::new(
                    line,
                    FieldError::new(
                        "nik",
                        crate::msg!("s.import.trainee_again", mask(&p.nik), first),
                    ),
                ));
                continue;
            }
            seen.insert((training_id, p.nik.clone()), line);
            if let Some(reason) = trainee::refusal(&tx, &p, None)? {
                out.errors
                    .push(ImportProblem::new(line, FieldError::new("nik", reason)));
                continue;
            }
            record::insert(&tx, &p, "import", &officer, &now)?;
            out.added += 1;
        }
        out.errors.sort_by_key(|e| e.line);
        if out.is_ok() && !dry_run {
            tx.commit()?;
            out.written = true;
        }
        // Otherwise the transaction is dropped: rolled back, trainings it created included.
        Ok(out)
    }
}

/// The row's year if it reads as one, for checking the other fields of a row whose
/// training could not be found.
fn today_year(values: &BTreeMap<String, String>, today: Date) -> i32 {
    use chrono::Datelike;
    values
        .get("year")
        .and_then(|y| y.trim().parse().ok())
        .unwrap_or(today.year())
}
