//! `disnaker case status ID STATUS [--expect-version V] [--reason TEXT]`: move one PMI case
//! on from a script or a shell, with the same rules as the `s` key (the workflow's next
//! statuses only, a history entry, a stale version refused, closing with a required document
//! missing only with a reason, which goes into the history). `disnaker case due`: what is due
//! today or overdue (pane 1's worklist). `disnaker case reopen ID --reason TEXT`: a closed case
//! back to work.

use super::export::write_stdout;
use super::{open_existing_store, say, CliError, CliResult, ViewFormat};
use crate::domain::date::{display_iso, Date};
use crate::domain::CaseStatus;
use crate::i18n::Lang;
use crate::msg;
use crate::report::table::{Cell, Format, Table};
use crate::store::{DueRow, StoreError};
use std::path::Path;

/// Move case `id` to `to`. With `expect_version`, the move is refused unless the case is
/// still at that version (the officer saw it there); without it, the case as stored now.
/// Closing a case whose required documents are not all in needs `reason` (a usage error
/// without it, naming the documents).
pub fn status(
    db: &Path,
    officer: &str,
    id: i64,
    to: CaseStatus,
    expect_version: Option<i64>,
    reason: Option<&str>,
    lang: Lang,
) -> CliResult {
    let mut store = open_existing_store(db, officer)?;
    let current = store.get_case(id)?;
    let from = current.case.status.unwrap_or(CaseStatus::Baru);
    let version = expect_version.unwrap_or(current.version);
    let reason = reason.unwrap_or("").trim();
    let closing = to == CaseStatus::Ditutup && from.next().contains(&to);
    if closing && reason.is_empty() && version == current.version {
        let missing = store.missing_case_documents(id)?;
        if !missing.is_empty() {
            let docs: Vec<&str> = missing
                .iter()
                .map(|d| lang.t(&format!("choice.document.{d}")))
                .collect();
            return Err(CliError::usage(
                lang.t("casework.cli.close_needs_reason")
                    .replace("{id}", &id.to_string())
                    .replace("{docs}", &docs.join(", ")),
            ));
        }
    }
    match store.move_case_status_noting(id, version, to, reason) {
        Ok(v) => {
            say(&msg!("cli.case.moved", id, from, to, v).text(lang));
            Ok(())
        }
        Err(e @ StoreError::Conflict { .. }) => Err(CliError::failed(
            msg!("cli.case.conflict", version).with(e.msg()),
        )),
        // these name the case themselves
        Err(e @ StoreError::NotFound { .. }) => Err(CliError::failed(e.msg())),
        Err(StoreError::Refused(m)) if m.key == "s.no_such_version" => Err(CliError::failed(m)),
        Err(e) => Err(CliError::failed(msg!("cli.case.refused", id).with(e.msg()))),
    }
}

/// What `disnaker case due` is asked.
pub struct DueArgs {
    /// Only this officer's cases.
    pub officer: Option<String>,
    pub format: ViewFormat,
    /// Names and NIK in CSV and JSON (never without it).
    pub include_personal_data: bool,
    pub lang: Lang,
}

/// The columns of `case due --format csv|json`, then those only a list with personal data has.
const DUE_COLUMNS: &[&str] = &[
    "case_id",
    "kecamatan",
    "category",
    "due_on",
    "days_overdue",
    "what",
];
const DUE_PERSONAL: &[&str] = &["name", "nik", "officer"];

/// `disnaker case due [--officer NAME] [--format table|csv|json]`: what is due today or
/// overdue, most overdue first, closed cases never in it (the worklist of pane 1).
pub fn due(db: &Path, officer: &str, args: &DueArgs) -> CliResult {
    let mut store = open_existing_store(db, officer)?;
    let today = crate::clock::today();
    let rows = store.due_items(today, args.officer.as_deref())?;
    // Names and NIK leaving the store as a file are in the audit history, like the case list's
    // (UU 27/2022); recorded once the list is in hand, before it is written out.
    if args.include_personal_data && args.format != ViewFormat::Table {
        let scope = match &args.officer {
            Some(o) => format!("{} {o}", crate::domain::date::iso(today)),
            None => crate::domain::date::iso(today),
        };
        let format = if args.format == ViewFormat::Csv {
            "csv"
        } else {
            "json"
        };
        store.record_personal_data_export("case_due", &scope, rows.len(), format, "-")?;
    }
    match args.format {
        ViewFormat::Table => {
            for line in due_lines(&rows, today, args.lang) {
                say(&line);
            }
            Ok(())
        }
        ViewFormat::Csv => write_stdout(
            &due_table(&rows, today, args.include_personal_data),
            Format::Csv,
        ),
        ViewFormat::Json => {
            let table = due_table(&rows, today, args.include_personal_data);
            let items: Vec<serde_json::Value> = table
                .rows
                .iter()
                .map(|row| {
                    let fields = table.header.iter().zip(row).map(|(k, cell)| {
                        let v = match cell {
                            Cell::Int(n) => serde_json::Value::from(*n),
                            Cell::Text(t) | Cell::Id(t) => serde_json::Value::from(t.as_str()),
                            _ => serde_json::Value::Null,
                        };
                        (k.clone(), v)
                    });
                    serde_json::Value::Object(fields.collect())
                })
                .collect();
            let json = serde_json::to_string_pretty(&items)
                .map_err(|e| CliError::failed(format!("cannot write JSON: {e}")))?;
            say(&json);
            Ok(())
        }
    }
}

/// The due list as CSV and JSON give it: no name or NIK unless asked.
fn due_table(rows: &[DueRow], today: Date, personal: bool) -> Table {
    let mut header: Vec<&str> = DUE_COLUMNS.to_vec();
    if personal {
        header.extend(DUE_PERSONAL);
    }
    let rows = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::Int(r.case_id),
                Cell::Text(r.kecamatan.clone()),
                Cell::Text(r.category.clone()),
                Cell::Text(r.due_on.clone()),
                Cell::Int(r.days_overdue(today)),
                Cell::Text(r.what.clone()),
            ];
            if personal {
                cells.extend([
                    Cell::Text(r.name.clone()),
                    Cell::Id(r.nik.clone()),
                    Cell::Text(r.officer.clone()),
                ]);
            }
            cells
        })
        .collect();
    Table::new(&header, rows)
}

/// The due list for a terminal, in the officer's language: one line per item (fits 80
/// columns), then how many.
fn due_lines(rows: &[DueRow], today: Date, lang: Lang) -> Vec<String> {
    if rows.is_empty() {
        return vec![lang.t("cli.due.none").to_string()];
    }
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut out = vec![format!(
        "{:>6}  {:<11} {:>4}  {:<16} {:<12} {:<9} {}",
        cut(lang.t("col.id"), 6),
        cut(lang.t("col.due_on"), 11),
        cut(lang.t("col.days_overdue"), 4),
        cut(lang.t("col.what"), 16),
        cut(lang.t("col.kecamatan"), 12),
        cut(lang.t("col.category"), 9),
        lang.t("col.officer"),
    )];
    for r in rows {
        out.push(format!(
            "{:>6}  {:<11} {:>4}  {:<16} {:<12} {:<9} {}",
            format!("#{}", r.case_id),
            display_iso(&r.due_on),
            lang.count(r.days_overdue(today)),
            cut(lang.t(&format!("due.what.{}", r.what)), 16),
            cut(&r.kecamatan, 12),
            r.category,
            cut(&r.officer, 12),
        ));
    }
    let n = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    out.push(lang.t("cli.due.count").replace("{n}", &lang.count(n)));
    out
}

/// `disnaker case reopen ID --reason TEXT`: a closed case back to work, the reason in its
/// history.
pub fn reopen(db: &Path, officer: &str, id: i64, reason: &str, lang: Lang) -> CliResult {
    let mut store = open_existing_store(db, officer)?;
    let current = store.get_case(id)?;
    // The domain's refusals, in the officer's language.
    if let Err(e) = current.case.reopened(reason) {
        let key = match e.field {
            "reason" => "case_flow.needs.reason",
            _ => "case_flow.not_closed",
        };
        return Err(CliError::failed(format!("#{id}: {}", lang.t(key))));
    }
    match store.reopen_case(id, current.version, reason) {
        Ok(v) => {
            let now = store.get_case(id)?;
            let status = now.case.status.map(|s| s.as_str()).unwrap_or_default();
            say(&lang
                .t("cli.reopened")
                .replace("{id}", &id.to_string())
                .replace("{status}", status)
                .replace("{version}", &v.to_string()));
            Ok(())
        }
        Err(e @ StoreError::Conflict { .. }) => Err(CliError::failed(format!(
            "{e} ({})",
            lang.t("cli.reopen_conflict")
        ))),
        Err(e) => Err(CliError::failed(format!("#{id}: {e}"))),
    }
}
