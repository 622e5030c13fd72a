//! The terminal interface.

use crate::i18n::Lang;
use std::path::PathBuf;

/// What the command line decided for the TUI.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    pub db_path: PathBuf,
    pub officer: String,
    /// `--keymap NAME|PATH` or `keymap` in config.toml.
    pub keymap: Option<String>,
    pub lang: Lang,
    /// Shown in the status bar instead of the path (e.g. "demo").
    pub store_label: Option<String>,
}

// replaced by the lead's TUI
pub fn run(_store: crate::store::Store, _opts: TuiOptions) -> color_eyre::Result<()> {
    Ok(())
}
