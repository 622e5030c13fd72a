//! Keymaps as data (SPEC §4): which key does what, per context, read from TOML.
//!
//! A keymap has three tables: `[global]` (every list screen), `[list]` (the list in the current
//! pane; looked up before `[global]`, so it may shadow a global key) and `[form]` (inside a form,
//! the only table consulted, so letters type into fields). The shipped keymaps live in
//! `keymaps/` and are embedded; a user file may replace single entries. Any action may be bound
//! in any table; the screen decides what an action means where it arrives.
//!
//! A bad file is refused with `path:line: reason`, because the program will not start with it.

mod defaults;
mod file;
mod key;

use crossterm::event::KeyEvent;
use key::KeySpec;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// What a key asks the program to do. TOML names are kebab-case ([`Action::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    NextPane,
    PrevPane,
    /// Go to pane 1..=6.
    Pane(u8),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    New,
    Edit,
    Status,
    Archive,
    Filter,
    PrevYear,
    NextYear,
    Lookup,
    Export,
    History,
    Save,
    Cancel,
    NextField,
    PrevField,
    ChoiceNext,
    ChoicePrev,
    /// Move across the columns of a summary table (to drill into one cell).
    Left,
    Right,
    /// Switch a summary between its views (placements: by kecamatan / by country).
    SwitchView,
}

impl Action {
    /// The kebab-case name used in keymap files, e.g. "next-pane", "pane-3".
    pub fn name(&self) -> String {
        let name = match self {
            Action::Pane(n) => return format!("pane-{n}"),
            Action::Quit => "quit",
            Action::Help => "help",
            Action::NextPane => "next-pane",
            Action::PrevPane => "prev-pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Home => "home",
            Action::End => "end",
            Action::Open => "open",
            Action::New => "new",
            Action::Edit => "edit",
            Action::Status => "status",
            Action::Archive => "archive",
            Action::Filter => "filter",
            Action::PrevYear => "prev-year",
            Action::NextYear => "next-year",
            Action::Lookup => "lookup",
            Action::Export => "export",
            Action::History => "history",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::NextField => "next-field",
            Action::PrevField => "prev-field",
            Action::ChoiceNext => "choice-next",
            Action::ChoicePrev => "choice-prev",
            Action::Left => "left",
            Action::Right => "right",
            Action::SwitchView => "switch-view",
        };
        name.to_string()
    }

    /// The action with this kebab-case name ("pane-1".."pane-6" for panes).
    pub fn parse(s: &str) -> Option<Action> {
        Action::all().into_iter().find(|a| a.name() == s)
    }

    /// Every action, in declaration order (the order of the help screen).
    pub fn all() -> Vec<Action> {
        use Action::*;
        let mut all = vec![Quit, Help, NextPane, PrevPane];
        all.extend((1..=6).map(Pane));
        all.extend([
            Up, Down, PageUp, PageDown, Home, End, Open, New, Edit, Status, Archive, Filter,
            PrevYear, NextYear, Lookup, Export, History, Save, Cancel, NextField, PrevField,
            ChoiceNext, ChoicePrev, Left, Right, SwitchView,
        ]);
        all
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

/// Where a key arrives; each is one TOML table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Form,
}

impl Context {
    pub const ALL: [Context; 3] = [Context::Global, Context::List, Context::Form];

    /// The TOML table name: "global", "list", "form".
    pub fn name(&self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Form => "form",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A keymap file that cannot be used: `path:line: reason` (line 0 when there is no line).
#[derive(Debug)]
pub struct KeymapError {
    pub path: String,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for KeymapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.reason)
        } else {
            write!(f, "{}:{}: {}", self.path, self.line, self.reason)
        }
    }
}

impl std::error::Error for KeymapError {}

const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");
const VIM_TOML: &str = include_str!("../../keymaps/vim.toml");

/// The active keys: one table per [`Context`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: [Table; 3],
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Table {
    /// Keys per action, in the order written; actions in [`Action`] order.
    by_action: BTreeMap<Action, Vec<Binding>>,
    by_key: HashMap<KeySpec, Action>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    key: KeySpec,
    /// As written in the file, for the help screen.
    text: String,
}

impl Table {
    fn bind(&mut self, action: Action, key: KeySpec, text: &str) {
        // The same key twice for one action (e.g. "shift-tab" and "backtab") is harmless.
        if self.by_key.insert(key, action) == Some(action) {
            return;
        }
        self.by_action.entry(action).or_default().push(Binding {
            key,
            text: text.to_string(),
        });
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::default_keymap()
    }
}

impl Keymap {
    /// Built-in default keymap (identical to keymaps/default.toml; a test checks they agree).
    pub fn default_keymap() -> Keymap {
        let mut tables: [Table; 3] = Default::default();
        for &(ctx, action, keys) in defaults::DEFAULT {
            for &text in keys {
                // Built-in strings are valid; the test against default.toml proves it.
                if let Ok(key) = KeySpec::parse(text) {
                    tables[ctx.index()].bind(action, key, text);
                }
            }
        }
        Keymap { tables }
    }

    /// `spec` = None → default; "default" / "vim" → the shipped files (embedded);
    /// anything else is a path to a complete keymap file. `user_override`: an optional file
    /// whose entries replace single entries (all keys of that action in that table) of the
    /// chosen keymap; a missing override file is fine, an empty list unbinds the action.
    pub fn load(spec: Option<&str>, user_override: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut layers = vec![base_entries(spec)?];
        if let Some(path) = user_override {
            let shown = path.display().to_string();
            match std::fs::read_to_string(path) {
                Ok(text) => layers.push(file::parse(&shown, &text)?),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(KeymapError {
                        path: shown,
                        line: 0,
                        reason: format!("cannot read this keymap file: {e}"),
                    })
                }
            }
        }
        build(layers)
    }

    /// The action for a key in a context. Form: only [form] bindings (so letters type into
    /// fields). List: [list] first, then [global]. Global: [global] only.
    pub fn action(&self, ctx: Context, key: &KeyEvent) -> Option<Action> {
        self.action_for_spec(ctx, &KeySpec::from_event(key)?)
    }

    /// The entries of one table, for the help screen: (action, key strings as written), in
    /// [`Action`] order. Only this table: a help screen shows [global] on its own.
    pub fn bindings(&self, ctx: Context) -> Vec<(Action, Vec<String>)> {
        self.table(ctx)
            .by_action
            .iter()
            .map(|(&action, keys)| (action, keys.iter().map(|b| b.text.clone()).collect()))
            .collect()
    }

    /// The first key that triggers an action in a context, formatted for display ("Ctrl-s",
    /// "Enter", "?"), for hints. In List this follows [`Keymap::action`]: a [global] key is
    /// offered when [list] has none for the action and does not shadow that key.
    pub fn key_for(&self, ctx: Context, action: Action) -> Option<String> {
        let first = |table: &Table| -> Option<KeySpec> {
            let keys = table.by_action.get(&action)?;
            keys.iter()
                .map(|b| b.key)
                .find(|k| self.action_for_spec(ctx, k) == Some(action))
        };
        let own = first(self.table(ctx));
        let key = match ctx {
            Context::List => own.or_else(|| first(self.table(Context::Global))),
            Context::Global | Context::Form => own,
        };
        key.map(|k| k.display())
    }

    fn action_for_spec(&self, ctx: Context, key: &KeySpec) -> Option<Action> {
        let own = self.table(ctx).by_key.get(key).copied();
        match ctx {
            Context::List => own.or_else(|| self.table(Context::Global).by_key.get(key).copied()),
            Context::Global | Context::Form => own,
        }
    }

    fn table(&self, ctx: Context) -> &Table {
        &self.tables[ctx.index()]
    }
}

/// The entries of the chosen keymap, before any user override.
fn base_entries(spec: Option<&str>) -> Result<Vec<file::Entry>, KeymapError> {
    match spec {
        None | Some("default") => file::parse("keymaps/default.toml", DEFAULT_TOML),
        Some("vim") => file::parse("keymaps/vim.toml", VIM_TOML),
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => file::parse(path, &text),
            Err(e) => {
                let reason = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such keymap file (the built-in keymaps are 'default' and 'vim')".to_string()
                } else {
                    format!("cannot read this keymap file: {e}")
                };
                Err(KeymapError {
                    path: path.to_string(),
                    line: 0,
                    reason,
                })
            }
        },
    }
}

/// Layers the files (a later file replaces whole entries of an earlier one) and refuses a key
/// bound to two actions in one table, naming both and pointing at the later binding.
fn build(layers: Vec<Vec<file::Entry>>) -> Result<Keymap, KeymapError> {
    let mut merged: [BTreeMap<Action, (usize, file::Entry)>; 3] = Default::default();
    for (layer, entries) in layers.into_iter().enumerate() {
        for entry in entries {
            merged[entry.ctx.index()].insert(entry.action, (layer, entry));
        }
    }
    let mut tables: [Table; 3] = Default::default();
    for ctx in Context::ALL {
        let mut entries: Vec<&(usize, file::Entry)> = merged[ctx.index()].values().collect();
        entries.sort_by_key(|(layer, e)| (*layer, e.line));
        let mut seen: HashMap<KeySpec, (&file::Entry, usize)> = HashMap::new();
        for (_, entry) in entries {
            for (key, text, line) in &entry.keys {
                match seen.get(key) {
                    Some((other, other_line)) if other.action != entry.action => {
                        let where_ = if other.path == entry.path {
                            format!("line {other_line}")
                        } else {
                            format!("{}:{other_line}", other.path)
                        };
                        return Err(KeymapError {
                            path: entry.path.clone(),
                            line: *line,
                            reason: format!(
                                "key '{text}' is bound to both '{}' ({where_}) and '{}' in [{}]",
                                other.action,
                                entry.action,
                                ctx.name()
                            ),
                        });
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(*key, (entry, *line));
                    }
                }
                tables[ctx.index()].bind(entry.action, *key, text);
            }
        }
    }
    Ok(Keymap { tables })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_round_trip() {
        let all = Action::all();
        assert_eq!(all.len(), 36);
        for a in &all {
            assert_eq!(Action::parse(&a.name()), Some(*a), "{a:?}");
        }
        assert_eq!(Action::Pane(3).name(), "pane-3");
        assert_eq!(Action::parse("pane-7"), None);
        assert_eq!(Action::parse("Quit"), None);
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(sorted, all, "all() is in Ord order");
    }

    #[test]
    fn context_names() {
        for c in Context::ALL {
            assert_eq!(Context::from_name(c.name()), Some(c));
        }
    }

    #[test]
    fn error_display() {
        let e = KeymapError {
            path: "k.toml".into(),
            line: 3,
            reason: "bad".into(),
        };
        assert_eq!(e.to_string(), "k.toml:3: bad");
        let e = KeymapError {
            path: "k.toml".into(),
            line: 0,
            reason: "cannot read".into(),
        };
        assert_eq!(e.to_string(), "k.toml: cannot read");
    }
}
