//! `disnaker lookup KECAMATAN [--year Y] [--format table|csv|json]`: "how many PMI from
//! Ponggok?" in one answer. The figures come from `report::lookup`; this layer resolves the
//! name the officer typed and lays the answer out.

use super::export::write_stdout;
use super::{open_existing_store, CliError, CliResult, ViewFormat};
use crate::domain::{Kecamatan, KecamatanMatch};
use crate::report::lookup::{lookup, LookupReport};
use crate::report::table::Format;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

pub fn run(db: &Path, officer: &str, input: &str, year: i32, format: ViewFormat) -> CliResult {
    let kecamatan = resolve(input)?;
    let store = open_existing_store(db, officer)?;
    let report = lookup(&store, kecamatan, year, crate::clock::today())?;
    match format {
        ViewFormat::Csv => write_stdout(&report.to_table(), Format::Csv),
        ViewFormat::Json => {
            let json = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::failed(format!("cannot write the lookup as JSON: {e}")))?;
            print(&format!("{json}\n"))
        }
        ViewFormat::Table => print(&render(&report)),
    }
}

/// The kecamatan an officer means: any case, a prefix is enough (`pong` → Ponggok). Several
/// names starting with it, or none, is a failure (exit 1) that says what to type.
pub fn resolve(input: &str) -> CliResult<Kecamatan> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(CliError::failed(
            "type a kecamatan name or its first letters (pong for Ponggok)",
        ));
    }
    let shown = crate::domain::quoted(typed);
    match Kecamatan::find(typed) {
        KecamatanMatch::One(k) => Ok(k),
        KecamatanMatch::Ambiguous(hits) => {
            // In the office's order, as every list shows them.
            let names: Vec<&str> = Kecamatan::all()
                .into_iter()
                .filter(|k| hits.contains(k))
                .map(|k| k.name())
                .collect();
            Err(CliError::failed(format!(
                "'{shown}' matches {}; type more letters",
                names.join(", ")
            )))
        }
        KecamatanMatch::Unknown { nearest: Some(k) } => Err(CliError::failed(format!(
            "unknown kecamatan '{shown}' (did you mean {k}?)"
        ))),
        KecamatanMatch::Unknown { nearest: None } => {
            let all: Vec<&str> = Kecamatan::all().iter().map(|k| k.name()).collect();
            Err(CliError::failed(format!(
                "unknown kecamatan '{shown}'; the kecamatan of Kabupaten Blitar are {}",
                all.join(", ")
            )))
        }
    }
}

/// Text on stdout; a reader that stops early (`| head`) is not an error.
fn print(text: &str) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::failed(format!(
            "cannot write the lookup to stdout: {e}"
        ))),
        _ => Ok(()),
    }
}

/// The plain-text layout for a terminal (fits 80 columns).
pub fn render(r: &LookupReport) -> String {
    let p = &r.placements;
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(s, "Kecamatan {}, {}", r.kecamatan, r.year);
    let _ = writeln!(s);
    let _ = writeln!(s, "PMI placements departing in {}: {}", r.year, p.total);
    let _ = writeln!(s, "  male (L) {}, female (P) {}", p.male, p.female);
    let _ = writeln!(s, "  formal {}, informal {}", p.formal, p.informal);
    let _ = writeln!(s);
    let _ = writeln!(s, "  {:<10}{:>7}{:>7}{:>7}", "", "L", "P", "total");
    for (label, m, f) in [
        ("formal", p.formal_male, p.formal_female),
        ("informal", p.informal_male, p.informal_female),
        ("total", p.male, p.female),
    ] {
        let _ = writeln!(s, "  {label:<10}{m:>7}{f:>7}{:>7}", m + f);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Top destination countries");
    if p.top_countries.is_empty() {
        let _ = writeln!(s, "  none");
    }
    let width = p
        .top_countries
        .iter()
        .map(|c| c.country.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    for c in &p.top_countries {
        let _ = writeln!(s, "  {:<width$}{:>7}", c.country, c.count);
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<22}{:>7}{:>8}",
        "PMI cases (all years)", "open", "closed"
    );
    for c in &r.cases.by_category {
        let _ = writeln!(s, "  {:<20}{:>7}{:>8}", c.category, c.open, c.closed);
    }
    let _ = writeln!(
        s,
        "  {:<20}{:>7}{:>8}",
        "total", r.cases.open, r.cases.closed
    );
    let _ = writeln!(s);
    let t = &r.trainees;
    let _ = writeln!(
        s,
        "Trainees in {}'s trainings: {}  (graduated {}, working {})",
        r.year, t.participants, t.graduated, t.employed
    );
    let f = &r.transmigrant_families;
    let _ = writeln!(
        s,
        "Transmigrant families in {}: {} registered, {} departed, {} waiting",
        r.year, f.registered, f.departed, f.waiting
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn names_resolve_by_prefix_and_refusals_say_what_to_type() {
        assert_eq!(resolve(" PONG ").unwrap().name(), "Ponggok");
        let e = resolve("selo").unwrap_err();
        assert_eq!(e.code, super::super::EXIT_FAILURE);
        assert_eq!(
            e.message.en(),
            "'selo' matches Selorejo, Selopuro; type more letters"
        );
        assert_eq!(
            resolve("Ponggk").unwrap_err().message.en(),
            "unknown kecamatan 'Ponggk' (did you mean Ponggok?)"
        );
        let e = resolve("Jakarta").unwrap_err().message.en();
        assert!(e.starts_with("unknown kecamatan 'Jakarta'; "), "{e}");
        assert!(e.contains("Bakung") && e.contains("Wonotirto"), "{e}");
        assert!(resolve("  ")
            .unwrap_err()
            .message
            .en()
            .contains("type a kecamatan"));
    }

    #[test]
    fn the_layout_of_an_empty_kecamatan_fits_80_columns() {
        let s = Store::open_in_memory("t").unwrap();
        let day = crate::domain::date::Date::from_ymd_opt(2024, 6, 1).unwrap();
        let r = lookup(&s, Kecamatan::parse("Wates").unwrap(), 2024, day).unwrap();
        let text = render(&r);
        assert!(text.starts_with("Kecamatan Wates, 2024\n"), "{text}");
        assert!(text.contains("PMI placements departing in 2024: 0\n"));
        assert!(text.contains("Top destination countries\n  none\n"));
        assert!(text.contains("Trainees in 2024's trainings: 0  (graduated 0, working 0)\n"));
        assert!(
            text.contains("Transmigrant families in 2024: 0 registered, 0 departed, 0 waiting\n")
        );
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    }
}
