//! `disnaker lookup KECAMATAN [--year Y] [--format table|csv|json]`: "how many PMI from
//! Ponggok?" in one answer. The figures come from `report::lookup`; this layer resolves the
//! name the officer typed and lays the answer out.

use super::export::write_stdout;
use super::{open_existing_store, CliError, CliResult, ViewFormat};
use crate::domain::{Kecamatan, KecamatanMatch};
use crate::i18n::Lang;
use crate::msg;
use crate::report::lookup::{lookup, LookupReport};
use crate::report::table::Format;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// The table's words and every error line in `lang`; CSV and JSON keep their English keys.
pub fn run(
    db: &Path,
    officer: &str,
    input: &str,
    year: i32,
    format: ViewFormat,
    lang: Lang,
) -> CliResult {
    let kecamatan = resolve(input)?;
    let store = open_existing_store(db, officer)?;
    let report = lookup(&store, kecamatan, year, crate::clock::today())?;
    match format {
        ViewFormat::Csv => write_stdout(&report.to_table(), Format::Csv),
        ViewFormat::Json => {
            let json = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::failed(msg!("cli.lookup.json", e)))?;
            print(&format!("{json}\n"))
        }
        ViewFormat::Table => print(&render(&report, lang)),
    }
}

/// The kecamatan an officer means: any case, a prefix is enough (`pong` → Ponggok). Several
/// names starting with it, or none, is a failure (exit 1) that says what to type.
pub fn resolve(input: &str) -> CliResult<Kecamatan> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(CliError::failed(msg!("cli.lookup.type_one")));
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
            Err(CliError::failed(msg!(
                "cli.lookup.ambiguous",
                shown,
                names.join(", ")
            )))
        }
        KecamatanMatch::Unknown { nearest: Some(k) } => {
            Err(CliError::failed(msg!("cli.lookup.unknown_near", shown, k)))
        }
        KecamatanMatch::Unknown { nearest: None } => {
            let all: Vec<&str> = Kecamatan::all().iter().map(|k| k.name()).collect();
            Err(CliError::failed(msg!(
                "cli.lookup.unknown",
                shown,
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
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::failed(msg!("cli.lookup.stdout", e)))
        }
        _ => Ok(()),
    }
}

/// The plain-text layout for a terminal (fits 80 columns), in `lang`. For a year the
/// LKjIP published, its figure stands beside the records' count.
pub fn render(r: &LookupReport, lang: Lang) -> String {
    let t = |k: &str| lang.t(k);
    let n = |x: i64| lang.count(x);
    let p = &r.placements;
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(s, "Kecamatan {}, {}", r.kecamatan, r.year);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{}",
        msg!("cli.lookup.placements", r.year, n(p.total)).text(lang)
    );
    let _ = writeln!(
        s,
        "{}",
        msg!("cli.lookup.by_sex", n(p.male), n(p.female)).text(lang)
    );
    let _ = writeln!(
        s,
        "{}",
        msg!("cli.lookup.by_sector", n(p.formal), n(p.informal)).text(lang)
    );
    if let Some(l) = &p.lkjip {
        let _ = writeln!(
            s,
            "{}",
            msg!("cli.lookup.lkjip", r.year, n(l.total), n(p.total)).text(lang)
        );
    }
    let _ = writeln!(s);
    let total = t("cli.lookup.total");
    let _ = writeln!(s, "  {:<10}{:>7}{:>7}{:>7}", "", "L", "P", total);
    for (label, m, f) in [
        ("formal", p.formal_male, p.formal_female),
        ("informal", p.informal_male, p.informal_female),
        (total, p.male, p.female),
    ] {
        let _ = writeln!(s, "  {label:<10}{:>7}{:>7}{:>7}", n(m), n(f), n(m + f));
    }
    if let Some(l) = &p.lkjip {
        let label = format!("LKjIP {}", r.year);
        let (m, f) = (
            l.formal_male + l.informal_male,
            l.formal_female + l.informal_female,
        );
        let _ = writeln!(s, "  {label:<10}{:>7}{:>7}{:>7}", n(m), n(f), n(l.total));
    }
    s.push_str(&five_years(r, lang));
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", t("cli.lookup.top_countries"));
    if p.top_countries.is_empty() {
        let _ = writeln!(s, "  {}", t("cli.lookup.none"));
    }
    let width = p
        .top_countries
        .iter()
        .map(|c| c.country.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    for c in &p.top_countries {
        let _ = writeln!(s, "  {:<width$}{:>7}", c.country, n(c.count));
    }
    let _ = writeln!(s);
    let cases = t("cli.lookup.cases");
    let (open, closed) = (t("cli.lookup.open"), t("cli.lookup.closed"));
    let w = cases.chars().count().max(21) + 1;
    let wo = open.chars().count().max(6) + 1;
    let wc = closed.chars().count().max(6) + 2;
    let _ = writeln!(s, "{cases:<w$}{open:>wo$}{closed:>wc$}");
    let w2 = w - 2;
    for (label, o, c) in r
        .cases
        .by_category
        .iter()
        .map(|c| (c.category.as_str(), c.open, c.closed))
        .chain([(total, r.cases.open, r.cases.closed)])
    {
        let _ = writeln!(s, "  {label:<w2$}{:>wo$}{:>wc$}", n(o), n(c));
    }
    let _ = writeln!(s);
    let tr = &r.trainees;
    let _ = writeln!(
        s,
        "{}",
        msg!(
            "cli.lookup.trainees",
            r.year,
            n(tr.participants),
            n(tr.graduated),
            n(tr.employed)
        )
        .text(lang)
    );
    let f = &r.transmigrant_families;
    let _ = writeln!(
        s,
        "{}",
        msg!(
            "cli.lookup.families",
            r.year,
            n(f.registered),
            n(f.departed),
            n(f.waiting)
        )
        .text(lang)
    );
    let j = &r.jobseekers;
    let _ = writeln!(
        s,
        "{}",
        msg!("cli.lookup.jobseekers", r.year, n(j.active), n(j.placed)).text(lang)
    );
    let d = &r.domestic;
    let said = msg!(
        "cli.lookup.domestic",
        r.year,
        n(d.total),
        n(d.akl),
        n(d.akad)
    );
    let _ = writeln!(s, "{}", said.text(lang));
    s
}

/// The kecamatan's last five years, one line each with a bar of characters, under a line
/// with its rank among the 22 in the year (issue 18, 7).
fn five_years(r: &LookupReport, lang: Lang) -> String {
    const BAR: usize = 30;
    let p = &r.placements;
    let (Some(first), Some(last)) = (p.last_five_years.first(), p.last_five_years.last()) else {
        return String::new();
    };
    let max = p.last_five_years.iter().map(|y| y.count).max().unwrap_or(0);
    let mut s = String::from("\n");
    let heading = match p.rank.place {
        Some(place) => crate::i18n::fill(
            lang.t("chart.five_years"),
            &[
                first.year.to_string(),
                last.year.to_string(),
                place.to_string(),
                p.rank.of.to_string(),
            ],
        ),
        None => crate::i18n::fill(
            lang.t("chart.five_years_unranked"),
            &[first.year.to_string(), last.year.to_string()],
        ),
    };
    let _ = writeln!(s, "{heading}");
    for y in &p.last_five_years {
        let bar = crate::report::chart::bar(y.count, max, BAR);
        let _ = writeln!(s, "  {} {bar:<BAR$}{:>8}", y.year, lang.count(y.count));
    }
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
        let text = render(&r, Lang::En);
        assert!(text.starts_with("Kecamatan Wates, 2024\n"), "{text}");
        assert!(text.contains("PMI placements departing in 2024: 0\n"));
        assert!(text.contains("Top destination countries\n  none\n"));
        assert!(text.contains("Trainees in 2024's trainings: 0  (graduated 0, working 0)\n"));
        assert!(
            text.contains("Transmigrant families in 2024: 0 registered, 0 departed, 0 waiting\n")
        );
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        // Indonesian (the default), and a year the LKjIP did not publish: no LKjIP line.
        let r = lookup(&s, Kecamatan::parse("Wates").unwrap(), 2023, day).unwrap();
        let text = render(&r, Lang::Id);
        assert!(
            text.contains("Penempatan PMI yang berangkat pada 2023: 0\n"),
            "{text}"
        );
        assert!(!text.contains("LKjIP"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    }
}
