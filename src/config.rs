//! Where the store lives, who the officer is, which keymap and language: command line,
//! then environment, then `config.toml` in the platform config directory, then defaults.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub db: Option<PathBuf>,
    pub officer: Option<String>,
    pub keymap: Option<String>,
    pub lang: Option<String>,
    /// An office's own names of import columns: `[import_columns.KIND]`, `column = ["Name",
    /// ...]` (see `data/import_columns.toml`).
    #[serde(default)]
    pub import_columns: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("id.go.blitarkab", "Disnaker", "disnaker")
}

/// `config.toml` in the platform config directory (`DISNAKER_CONFIG` overrides, for tests).
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DISNAKER_CONFIG") {
        return Some(PathBuf::from(p));
    }
    dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The platform config directory, where a user keymap override may live.
pub fn config_dir() -> Option<PathBuf> {
    config_path().and_then(|p| p.parent().map(Path::to_path_buf))
}

/// Read config.toml if there is one; a broken file is an error naming the file.
pub fn load_config() -> Result<ConfigFile, String> {
    let Some(path) = config_path() else {
        return Ok(ConfigFile::default());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// `--db`, then `DISNAKER_DB`, then `db` in config.toml, then the platform data directory.
pub fn resolve_db(cli: Option<&Path>, cfg: &ConfigFile) -> PathBuf {
    if let Some(p) = cli {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("DISNAKER_DB").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    if let Some(p) = &cfg.db {
        return p.clone();
    }
    dirs()
        .map(|d| d.data_dir().join("disnaker.db"))
        .unwrap_or_else(|| PathBuf::from("disnaker.db"))
}

/// `--officer`, then `DISNAKER_OFFICER`, then `officer` in config.toml, then the login name.
pub fn resolve_officer(cli: Option<&str>, cfg: &ConfigFile) -> String {
    cli.map(str::to_string)
        .or_else(|| {
            std::env::var("DISNAKER_OFFICER")
                .ok()
                .filter(|v| !v.is_empty())
        })
        .or_else(|| cfg.officer.clone())
        .or_else(|| std::env::var("USER").ok().filter(|v| !v.is_empty()))
        .or_else(|| std::env::var("LOGNAME").ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "petugas".to_string())
}
