//! `disnaker`: the TUI, or one of the subcommands of SPEC §5. Parses the command line,
//! resolves the store and the officer, and hands over to `cli::` or `tui::`.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use disnaker::cli::{self, CliError, CliResult, ExportFormat, ExportKind, ImportKind, ViewFormat};
use disnaker::config::{self, ConfigFile};
use disnaker::domain::CaseStatus;
use disnaker::i18n::Lang;
use disnaker::msg;
use disnaker::tui::{self, TuiOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Keyboard-driven records and figures for Disnaker Kabupaten Blitar. Without a subcommand,
/// opens the terminal interface.
#[derive(Debug, Parser)]
#[command(name = "disnaker", version)]
struct Cli {
    /// The store file (else DISNAKER_DB, db in config.toml, the platform data directory)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Who is working (else DISNAKER_OFFICER, officer in config.toml, the login name)
    #[arg(long, global = true, value_name = "NAME")]
    officer: Option<String>,
    /// Keymap: a name from keymaps/ (default, vim) or a file
    #[arg(long, value_name = "NAME|PATH")]
    keymap: Option<String>,
    /// Language of the interface (else lang in config.toml, else id)
    #[arg(long, global = true, value_name = "id|en", value_parser = Lang::parse)]
    lang: Option<Lang>,
    /// Open the interface on a throw-away store filled with synthetic records
    #[arg(long)]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a CSV file or an Excel workbook: all or nothing, every bad row listed (exit code 3)
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        /// CSV file (UTF-8) or Excel workbook (.xlsx), with a header row below any title rows
        file: PathBuf,
        /// The workbook's sheet to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Check the file and report, writing nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a summary (no personal data) as CSV, CSV for Excel or XLSX
    Export {
        #[arg(value_enum)]
        kind: ExportKind,
        /// The year to summarise (default: the current year)
        #[arg(long, value_parser = year_parser())]
        year: Option<i32>,
        /// Output file; `-` or none writes to stdout
        #[arg(long, value_name = "FILE|-")]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// With `export cases` only: the list of cases with names and NIK (personal data under
        /// UU 27/2022) instead of the summary
        #[arg(long)]
        include_personal_data: bool,
    },
    /// How many PMI, cases, trainees and transmigrants from one kecamatan
    Lookup {
        /// A kecamatan name or its beginning (pong → Ponggok)
        kecamatan: String,
        #[arg(long, value_parser = year_parser())]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = ViewFormat::Table)]
        format: ViewFormat,
    },
    /// The indicators (IKU) for a year
    Iku {
        #[arg(long, value_parser = year_parser())]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = ViewFormat::Table)]
        format: ViewFormat,
        /// Keep the year's figures as reported; changes to its records then need --reopen
        #[arg(long, conflicts_with = "reopen")]
        close: bool,
        /// Let a closed year's records change again (recorded in the year's history)
        #[arg(long)]
        reopen: bool,
        /// Why the year is reopened (kept in the history)
        #[arg(long, requires = "reopen", value_name = "TEXT")]
        reason: Option<String>,
    },
    /// The programme and activity indicators of LKjIP table 3.23 for a year
    Indicators {
        #[arg(long, value_parser = year_parser())]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = ViewFormat::Table)]
        format: ViewFormat,
    },
    /// Fill an empty store with synthetic records
    Demo {
        /// How many cases
        #[arg(long, default_value_t = cli::demo::DEFAULT_RECORDS as u64,
              value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        records: u64,
        /// Add to a store that already holds records
        #[arg(long)]
        force: bool,
    },
    /// A consistent copy of the store while others keep working
    Backup {
        /// The new file (an existing file is never overwritten)
        file: PathBuf,
    },
    /// Check the store's integrity (read-only)
    Check {
        /// Count the store's summaries (tallies, search index) again from its records where
        /// a check finds them out of step (rows written by hand with sqlite3)
        #[arg(long)]
        repair: bool,
    },
    /// Work on one PMI case from a script
    Case {
        #[command(subcommand)]
        action: CaseCommand,
    },
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// Move a case to its next status (refused if another officer changed it since
    /// --expect-version)
    Status {
        /// The case number (#12 in the interface)
        id: i64,
        /// baru, koordinasi, pemulangan, tiba or ditutup
        #[arg(value_parser = |s: &str| CaseStatus::parse(s).map_err(|m| m.en()))]
        status: CaseStatus,
        /// The version the case had when you looked at it
        #[arg(long, value_name = "V")]
        expect_version: Option<i64>,
        /// Why the case is closed with a required document missing (kept in its history)
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// What is due today or overdue (follow-ups), most overdue first; closed cases never
    /// (`--officer NAME`: only the cases that officer is responsible for)
    Due {
        #[arg(long, value_enum, default_value_t = ViewFormat::Table)]
        format: ViewFormat,
        /// Names and NIK in CSV and JSON too (personal data: only when you must)
        #[arg(long)]
        include_personal_data: bool,
    },
    /// Reopen a closed case; the reason goes into its history
    Reopen {
        /// The case number (#12 in the interface)
        id: i64,
        /// Why the case is reopened
        #[arg(long)]
        reason: String,
    },
}

fn year_parser() -> clap::builder::RangedI64ValueParser<i32> {
    clap::value_parser!(i32).range(1900..=2200)
}

/// The command line read with every word of clap's in `lang` (help, usage errors), or the
/// exit code after the help, the version or a usage error was printed.
fn parse_args(lang: Lang) -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let words: Vec<String> = argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let Some(i) = cli::usage::help_command_at(&words) {
        argv.remove(i);
        argv.push("--help".into());
    }
    let usage_error = |text: String| {
        for (i, line) in text.lines().enumerate() {
            let line = disnaker::domain::masked_line(line);
            if i == 0 {
                eprintln!("disnaker: {line}");
            } else {
                eprintln!("{line}");
            }
        }
        ExitCode::from(2)
    };
    let matches = cli::usage::localize(Cli::command(), lang).try_get_matches_from(argv);
    let parsed = matches.and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(args) if args.demo && args.command.is_some() => {
            Err(usage_error(msg!("cli.usage.demo_command").text(lang)))
        }
        Ok(args) => Ok(args),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                print!("{}", cli::usage::help_text(&e, lang));
                Err(ExitCode::SUCCESS)
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                eprint!("{}", cli::usage::help_text(&e, lang));
                Err(ExitCode::from(2))
            }
            _ => Err(usage_error(cli::usage::error_text(&e, lang))),
        },
    }
}

fn main() -> ExitCode {
    // The language of every line for the officer, errors included: `--lang`, else `lang`
    // in config.toml, else Indonesian (a configuration that cannot be read says so in it).
    let configured = config::load_config()
        .ok()
        .and_then(|cfg| cfg.lang.and_then(|l| Lang::parse(&l).ok()));
    let words: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = cli::usage::early_lang(&words, configured);
    let args = match parse_args(lang) {
        Ok(args) => args,
        Err(code) => return code,
    };
    match run(args, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Whatever a message quotes of the officer's input, it reaches the terminal with
            // no identity number and no control character.
            let said = disnaker::domain::masked_line(&e.text(lang));
            eprintln!("disnaker: {said}");
            ExitCode::from(e.code)
        }
    }
}

fn run(args: Cli, lang: Lang) -> CliResult {
    let cfg = config::load_config().map_err(|e| CliError::failed(msg!("cli.main.config", e)))?;
    if args.db.is_none() && std::env::var_os("DISNAKER_DB").is_some_and(|v| v.is_empty()) {
        // Set but empty is a mistake in a script, not a wish for the default store.
        return Err(CliError::usage(msg!("cli.main.db_empty")));
    }
    let db = config::resolve_db(args.db.as_deref(), &cfg);
    let officer = config::resolve_officer(args.officer.as_deref(), &cfg);
    let year = |y: Option<i32>| y.unwrap_or_else(disnaker::clock::current_year);
    let Some(command) = args.command else {
        let opts = TuiOptions {
            db_path: db,
            officer,
            keymap: args.keymap.or_else(|| cfg.keymap.clone()),
            lang: resolve_lang(args.lang, &cfg)?,
            store_label: None,
            access: None,
        };
        return if args.demo {
            run_demo_tui(opts)
        } else {
            run_tui(opts)
        };
    };
    match command {
        Command::Import {
            kind,
            file,
            sheet,
            dry_run,
        } => {
            // The office's own column names (config.toml) join the shipped ones.
            cli::import_columns::use_office_names(&cfg.import_columns)
                .map_err(|e| CliError::failed(msg!("cli.main.config", e)))?;
            cli::import::run(&db, &officer, kind, &file, sheet.as_deref(), dry_run, lang)
        }
        Command::Export {
            kind,
            year: y,
            out,
            format,
            include_personal_data,
        } => cli::export::run(
            &db,
            &officer,
            &cli::export::ExportArgs {
                kind,
                year: year(y),
                out,
                format,
                include_personal_data,
                lang,
            },
        ),
        Command::Lookup {
            kecamatan,
            year: y,
            format,
        } => cli::lookup::run(&db, &officer, &kecamatan, year(y), format, lang),
        Command::Iku {
            year: y,
            format,
            close,
            reopen,
            reason,
        } => cli::iku::run(
            &db,
            &officer,
            &cli::iku::IkuArgs {
                year: year(y),
                format,
                close,
                reopen,
                reason,
                lang: resolve_lang(args.lang, &cfg)?,
            },
        ),
        Command::Indicators { year: y, format } => cli::indicators::run(
            &db,
            &officer,
            year(y),
            format,
            resolve_lang(args.lang, &cfg)?,
        ),
        Command::Demo { records, force } => {
            let records = usize::try_from(records)
                .map_err(|_| CliError::failed(msg!("cli.main.too_many")))?;
            cli::demo::run(&db, &officer, records, force, lang)
        }
        Command::Backup { file } => cli::admin::backup(&db, &officer, &file, lang),
        Command::Check { repair } => {
            cli::admin::check(&db, &officer, repair, resolve_lang(args.lang, &cfg)?)
        }
        Command::Case {
            action:
                CaseCommand::Status {
                    id,
                    status,
                    expect_version,
                    reason,
                },
        } => cli::case::status(
            &db,
            &officer,
            id,
            status,
            expect_version,
            reason.as_deref(),
            lang,
        ),
        Command::Case {
            action:
                CaseCommand::Due {
                    format,
                    include_personal_data,
                },
        } => cli::case::due(
            &db,
            &officer,
            &cli::case::DueArgs {
                // Given on the command line: that officer's cases; else everyone's.
                officer: args.officer.clone(),
                format,
                include_personal_data,
                lang,
            },
        ),
        Command::Case {
            action: CaseCommand::Reopen { id, reason },
        } => cli::case::reopen(&db, &officer, id, &reason, lang),
    }
}

/// `--lang`, then `lang` in config.toml, then Indonesian.
fn resolve_lang(arg: Option<Lang>, cfg: &ConfigFile) -> CliResult<Lang> {
    match (arg, &cfg.lang) {
        (Some(l), _) => Ok(l),
        (None, Some(s)) => {
            Lang::parse(s).map_err(|e| CliError::failed(msg!("cli.main.config_lang", e)))
        }
        (None, None) => Ok(Lang::Id),
    }
}

fn run_tui(mut opts: TuiOptions) -> CliResult {
    // Asked before the store is opened (the test opens its files, and closing them would drop
    // the new connection's locks). A store that cannot be opened at all is refused with that
    // one line; one that opens but cannot be saved to starts with it in the message line.
    opts.access = disnaker::store::access::diagnose(&opts.db_path);
    let store = match cli::open_store(&opts.db_path, &opts.officer) {
        Ok(store) => store,
        Err(e) => {
            return Err(match &opts.access {
                Some(problem) => CliError::failed(problem.message(opts.lang)),
                None => e,
            })
        }
    };
    tui::run(store, opts).map_err(|e| CliError::failed(report_text(&e)))
}

/// `--demo`: a store in the temp directory, filled, shown, then removed.
fn run_demo_tui(mut opts: TuiOptions) -> CliResult {
    let temp = TempStore::new();
    let mut store = cli::open_store(&temp.path, &opts.officer)?;
    // Counted back from today, not from the demo's reference day: a throw-away office looks
    // alive (follow-ups due this week, cases this year) whenever it is opened.
    // Too small a fill for a progress line: nothing is shown before the interface opens.
    disnaker::store::demo::fill(
        &mut store,
        cli::demo::DEFAULT_RECORDS,
        disnaker::clock::today(),
        |_| {},
    )
    .map_err(|e| CliError::failed(e.to_string()))?;
    opts.db_path = temp.path.clone();
    opts.store_label = Some("demo".into());
    tui::run(store, opts).map_err(|e| CliError::failed(report_text(&e)))
}

/// One line for an error from the interface; the whole report with `RUST_BACKTRACE` set.
fn report_text(e: &color_eyre::Report) -> String {
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        format!("{e:?}")
    } else {
        format!("{e:#}")
    }
}

/// A throw-away store file, removed (with its WAL files) when dropped, also on a panic.
struct TempStore {
    path: PathBuf,
}

impl TempStore {
    fn new() -> TempStore {
        let dir = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let mut n = 0u32;
        loop {
            let path = dir.join(format!(
                "disnaker-demo-{}-{nanos}-{n}.db",
                std::process::id()
            ));
            if !path.exists() {
                return TempStore { path };
            }
            n += 1;
        }
    }

    fn remove(path: &Path) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        TempStore::remove(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn spec_command_lines_parse() {
        for line in [
            "disnaker",
            "disnaker --db x.db --officer ani --keymap vim --lang en",
            "disnaker --demo",
            "disnaker import cases f.csv --dry-run",
            "disnaker import placements f.csv",
            "disnaker export kecamatan --year 2024 --out - --format csv-excel",
            "disnaker export cases --format xlsx --out a.xlsx --include-personal-data",
            "disnaker export remittances --year 2024 --format xlsx --out r.xlsx",
            "disnaker lookup pong --year 2024 --format json",
            "disnaker iku --format csv",
            "disnaker iku --year 2024 --close",
            "disnaker iku --year 2024 --reopen --reason koreksi",
            "disnaker demo --records 10 --force",
            "disnaker backup b.db --db a.db",
            "disnaker check --db a.db",
            "disnaker case status 12 koordinasi --expect-version 3",
            "disnaker case status 12 ditutup --db a.db",
            "disnaker case status 12 ditutup --reason dokumen_menyusul",
            "disnaker export referrals --year 2025 --format xlsx --out r.xlsx",
        ] {
            let r = Cli::try_parse_from(line.split_whitespace());
            assert!(r.is_ok(), "{line}: {:?}", r.err());
        }
        for line in [
            "disnaker frobnicate",
            "disnaker import cats f.csv",
            "disnaker export cases --format pdf",
            "disnaker export remittances --format json",
            "disnaker --lang fr",
            "disnaker demo --records 0",
            "disnaker export cases --year 20x4",
            "disnaker iku --close --reopen",
            "disnaker iku --reason x",
            "disnaker case status 12 selesai",
            "disnaker case status x baru",
        ] {
            assert!(
                Cli::try_parse_from(line.split_whitespace()).is_err(),
                "{line}"
            );
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let keys = cli::usage::keys(&Cli::command());
        assert!(keys.len() > 40, "{keys:?}");
        assert_eq!(cli::usage::missing_keys(&keys), Vec::<String>::new());
        for lang in [Lang::Id, Lang::En] {
            // clap's own consistency checks, over the worded command
            cli::usage::localize(Cli::command(), lang).debug_assert();
        }
    }

    #[test]
    fn the_worded_command_reads_what_the_plain_one_reads() {
        let worded = |line: &str| {
            cli::usage::localize(Cli::command(), Lang::Id)
                .try_get_matches_from(line.split_whitespace())
                .and_then(|m| Cli::from_arg_matches(&m))
                .map(|c| format!("{c:?}"))
                .map_err(|e| e.kind())
        };
        for line in [
            "disnaker --lang en export kecamatan --year 2024 --format csv-excel",
            "disnaker case status 12 ditutup --reason dokumen_menyusul --db a.db",
            "disnaker demo --records 10 --force",
            "disnaker export kecamatan --year 2024 --year 2025",
            "disnaker exprt",
        ] {
            let plain = Cli::try_parse_from(line.split_whitespace())
                .map(|c| format!("{c:?}"))
                .map_err(|e| e.kind());
            assert_eq!(worded(line), plain, "{line}");
        }
    }

    #[test]
    fn a_temp_store_is_removed() {
        let t = TempStore::new();
        let p = t.path.clone();
        std::fs::write(&p, b"x").unwrap();
        drop(t);
        assert!(!p.exists());
    }
}
