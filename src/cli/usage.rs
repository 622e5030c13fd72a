//! The command line's own words in the officer's language (SPEC §5: "the command line's
//! human text included"): the help of every command and option from `data/i18n/help.toml`,
//! and clap's usage errors (an unknown command, a missing argument, a value it cannot read)
//! worded from what clap found, not from its English sentence.
//!
//! The command's shape (names, flags, parsers) stays in `main.rs`'s derive; this module only
//! replaces its texts: `localize` before parsing, `error_text` / `help_text` after.

use crate::i18n::Lang;
use crate::msg;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The language to word the command line in, read before clap parses it: `--lang X` or
/// `--lang=X` among `args` when X is a language, else `configured`.
pub fn early_lang<S: AsRef<str>>(args: &[S], configured: Option<Lang>) -> Lang {
    let mut it = args.iter().map(AsRef::as_ref);
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next()
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(l) = value.and_then(|v| Lang::parse(v).ok()) {
            return l;
        }
    }
    configured.unwrap_or_default()
}

/// Where `disnaker help [COMMAND…]` has its `help` (to be read as `disnaker [COMMAND…]
/// --help`: clap's own `help` command would speak English). `VALUED`: the options before a
/// command that take a value.
pub fn help_command_at<S: AsRef<str>>(args: &[S]) -> Option<usize> {
    const VALUED: [&str; 4] = ["--db", "--officer", "--keymap", "--lang"];
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_ref();
        if VALUED.contains(&a) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            return (a == "help").then_some(i);
        }
        i += 1;
    }
    None
}

/// The catalog key of a command's about (`help.export.about`) or of one of its arguments
/// (`help.export.year`); `path` is the commands from the top (`["disnaker", "case", "due"]`).
pub fn key(path: &[&str], what: &str) -> String {
    let mut k = String::from("help");
    for p in path.iter().skip(1) {
        k.push('.');
        k.push_str(p);
    }
    if path.len() == 1 {
        k.push_str(".disnaker");
    }
    k.push('.');
    k.push_str(what);
    k
}

/// Every key `localize` reads for `cmd` and its subcommands, with where it is used: for the
/// test that keeps `help.toml` complete.
pub fn keys(cmd: &Command) -> Vec<String> {
    let mut out = Vec::new();
    walk_keys(cmd, &mut vec![cmd.get_name().to_string()], &mut out);
    out
}

fn walk_keys(cmd: &Command, path: &mut Vec<String>, out: &mut Vec<String>) {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    out.push(key(&p, "about"));
    for a in cmd.get_arguments() {
        out.push(key(&p, a.get_id().as_str()));
    }
    for s in cmd.get_subcommands() {
        path.push(s.get_name().to_string());
        walk_keys(s, path, out);
        path.pop();
    }
}

/// `cmd` with every text in `lang`: abouts and argument helps from the catalog, clap's own
/// help and version flags replaced by ones worded the same way, default and possible values
/// written into the help in words (clap's `[default: …]` is English).
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let name = cmd.get_name().to_string();
    let cmd = cmd
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text(lang, "help.flag.version")),
        );
    walk(cmd, &mut vec![name], lang)
}

fn walk(mut cmd: Command, path: &mut Vec<String>, lang: Lang) -> Command {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let about = text(lang, &key(&p, "about"));
    cmd = cmd
        .about(about.clone())
        .long_about(about)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text(lang, "help.flag.help")),
        )
        .subcommand_value_name(lang.t("help.value.command"));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        let k = key(&p, &id);
        cmd = cmd.mut_arg(id, |a| {
            let mut help = text(lang, &k);
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && a.get_action().takes_values() {
                help.push_str(&msg!("cli.help.default", defaults.join(", ")).text(lang));
            }
            let possible: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !possible.is_empty() && a.get_action().takes_values() {
                help.push_str(&msg!("cli.help.possible", possible.join(", ")).text(lang));
            }
            // `<YEAR>` as `<TAHUN>` where the catalog has the word (`help.value.year`)
            let names: Vec<String> = a
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|n| {
                    let k = format!("help.value.{}", n.as_str().to_lowercase());
                    match lang.t(&k) {
                        w if w == k => n.to_string(),
                        w => w.to_string(),
                    }
                })
                .collect();
            let takes = a.get_action().takes_values();
            let a = a
                .help(help)
                .long_help(None::<&str>)
                .hide_default_value(takes)
                .hide_possible_values(takes);
            if names.is_empty() {
                a
            } else {
                a.value_names(names)
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        path.push(s.clone());
        cmd = cmd.mut_subcommand(s, |sub| walk(sub, path, lang));
        path.pop();
    }
    cmd
}

fn text(lang: Lang, key: &str) -> String {
    lang.t(key).to_string()
}

/// clap's words in a help screen or usage line that no setting replaces: its usage heading
/// and the `[OPTIONS]` placeholder.
fn words(s: &str, lang: Lang) -> String {
    let mut out = s
        .replace("Usage:", lang.t("help.heading.usage"))
        .replace("[OPTIONS]", lang.t("help.value.options"));
    // the headings, each a line of its own
    for (en, key) in [
        ("Commands:", "help.heading.commands"),
        ("Arguments:", "help.heading.arguments"),
        ("Options:", "help.heading.options"),
    ] {
        out = out
            .lines()
            .map(|l| if l == en { lang.t(key) } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        if s.ends_with('\n') && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The help or version screen clap made (`--help`, `-V`), in `lang`.
pub fn help_text(e: &clap::Error, lang: Lang) -> String {
    let mut out = words(&e.render().to_string(), lang);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A usage error in `lang`: what is wrong, a near name when clap found one, the usage line
/// and where to read more; each line for `disnaker: ` to lead.
pub fn error_text(e: &clap::Error, lang: Lang) -> String {
    let s = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(v)) => Some(v.to_string()),
        _ => None,
    };
    let quoted = |v: String| format!("'{v}'");
    let list = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.iter().map(|x| quoted(x.clone())).collect(),
        Some(ContextValue::String(v)) => vec![quoted(v.clone())],
        _ => Vec::new(),
    };
    let arg = s(ContextKind::InvalidArg).unwrap_or_default();
    let value = s(ContextKind::InvalidValue).unwrap_or_default();
    let main = match e.kind() {
        ErrorKind::InvalidSubcommand => msg!(
            "cli.usage.unknown_command",
            quoted(s(ContextKind::InvalidSubcommand).unwrap_or_default())
        ),
        ErrorKind::UnknownArgument => msg!("cli.usage.unknown_argument", quoted(arg)),
        ErrorKind::MissingRequiredArgument => msg!("cli.usage.missing", arg),
        ErrorKind::MissingSubcommand => msg!(
            "cli.usage.missing_command",
            quoted(s(ContextKind::InvalidSubcommand).unwrap_or_default()),
            s(ContextKind::ValidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            msg!("cli.usage.no_value", quoted(arg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = msg!("cli.usage.bad_value", quoted(value), quoted(arg.clone()));
            let valid = list(ContextKind::ValidValue);
            let hint = if !valid.is_empty() {
                Some(msg!("cli.usage.one_of", valid.join(", ")))
            } else if arg.starts_with("--year") {
                Some(msg!("cli.usage.year"))
            } else if arg.starts_with("--records") {
                Some(msg!("cli.usage.records"))
            } else if arg.starts_with("--lang") {
                Some(msg!("cli.usage.lang"))
            } else if arg.starts_with("<STATUS>") {
                Some(msg!("cli.usage.status"))
            } else if arg.starts_with("<ID>") || arg.starts_with("--expect-version") {
                Some(msg!("cli.usage.number"))
            } else {
                None
            };
            if let Some(h) = hint {
                m = msg!("cli.usage.with_hint", m.text(lang), h.text(lang));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            let prior = s(ContextKind::PriorArg).unwrap_or_default();
            if prior.is_empty() || prior == arg {
                msg!("cli.usage.twice", quoted(arg))
            } else {
                msg!("cli.usage.conflict", quoted(arg), quoted(prior))
            }
        }
        ErrorKind::TooManyValues => msg!("cli.usage.too_many", quoted(value), quoted(arg)),
        _ => {
            // what clap says of the rest (rare forms), as it says it
            let first = e.render().to_string();
            let first = first
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            msg!("cli.usage.other", first)
        }
    };
    let mut out = vec![main.text(lang)];
    let similar: Vec<String> = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(list)
    .filter(|v| v != "'help'")
    .collect();
    if !similar.is_empty() {
        out.push(msg!("cli.usage.similar", similar.join(", ")).text(lang));
    }
    if let Some(usage) = s(ContextKind::Usage) {
        out.push(words(usage.trim(), lang));
    }
    out.push(msg!("cli.usage.more").text(lang));
    out.join("\n")
}

/// Whether every key `keys` lists is in the catalog (for the test in `main.rs`, where the
/// command is defined): the keys missing.
pub fn missing_keys(keys: &[String]) -> Vec<String> {
    keys.iter()
        .filter(|k| [Lang::Id, Lang::En].iter().any(|l| l.t(k) == k.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_before_parsing() {
        let l = |a: &[&str]| early_lang(a, None);
        assert_eq!(l(&["disnaker", "--lang", "en", "exprt"]), Lang::En);
        assert_eq!(l(&["disnaker", "export", "--lang=en"]), Lang::En);
        assert_eq!(l(&["disnaker", "--lang", "fr"]), Lang::Id);
        assert_eq!(l(&["disnaker", "--", "--lang", "en"]), Lang::Id);
        assert_eq!(early_lang(&["disnaker"], Some(Lang::En)), Lang::En);
    }

    #[test]
    fn help_as_a_command_is_found_after_the_options() {
        assert_eq!(
            help_command_at(&["disnaker", "--lang", "en", "help", "export"]),
            Some(3)
        );
        assert_eq!(help_command_at(&["disnaker", "help"]), Some(1));
        assert_eq!(help_command_at(&["disnaker", "--demo", "help"]), Some(2));
        // an import file named help is not the help command
        assert_eq!(
            help_command_at(&["disnaker", "import", "cases", "help"]),
            None
        );
        assert_eq!(help_command_at(&["disnaker", "--db", "help"]), None);
    }

    #[test]
    fn keys_name_the_command_path() {
        assert_eq!(key(&["disnaker"], "about"), "help.disnaker.about");
        assert_eq!(
            key(&["disnaker", "case", "due"], "format"),
            "help.case.due.format"
        );
    }
}
