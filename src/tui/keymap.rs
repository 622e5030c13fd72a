//! Keymaps as data (SPEC §4): which key does what, per context, read from TOML.
//!
//! A keymap has one table per [`Context`]: `[global]` (every list screen), `[list]` (any list),
//! one per pane (`[cases]`, `[trainings]`, …: the keys only that pane knows) and one per overlay
//! (`[help]`, `[detail]`, `[history]`, `[lookup]`, `[confirm]`, `[choice]`) and `[form]`. The
//! screen asks [`Keymap::resolve`] with its stack of contexts, most particular first: a list
//! pane asks `[pane, list, global]`, so a pane key shadows a list key which shadows a global
//! one; a form asks `[form]` alone, so letters type into the fields. A binding is one key or a
//! sequence ("w b"): the first key of a sequence waits for the next ([`Resolved::Pending`]).
//!
//! The stacks a screen asks: a pane `[pane, List, Global]` (the pane's [`Pane::context`]);
//! help `[Help]`; a record's detail `[Detail]`; its history and a pane's text `[History]`; the
//! lookup `[Lookup]` (letters type the name); a yes/no question `[Confirm]`; the status choice
//! `[Choice]`; a form `[Form]`.
//!
//! [`Pane::context`]: super::pane::Pane::context
//!
//! `keymaps/default.toml` is the only source of the defaults: it is embedded and parsed, as is
//! `keymaps/vim.toml`; a user file may replace single entries. A bad file is refused with
//! `path:line: reason`, because the program will not start with it. Hints and the help screen
//! are built from the active bindings ([`Keymap::label`]), so they cannot lie.

mod file;
mod key;

use crossterm::event::KeyEvent;
pub use key::KeySeq;
use key::KeySpec;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// What a key asks the program to do. TOML names are kebab-case ([`Action::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    NextPane,
    PrevPane,
    /// Go to pane 1..=the number of panes ([`Context::PANES`]).
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
    /// Show the list's archived records instead of the live ones (and back).
    ShowArchived,
    /// Take the selected archived record back into the lists.
    Restore,
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
    /// Placements: the chart of the year's placements per kecamatan (again: the table).
    Chart,
    /// Trainings: the follow-up list of graduates whose employment is not known.
    FollowUp,
    /// Trainings: record the selected participant's employment found by a call.
    MarkEmployed,
    MarkSelfEmployed,
    MarkNotWorking,
    /// Trainings' follow-up list: one month more / less after the training.
    MoreMonths,
    FewerMonths,
    /// Transmigrants: the waiting list / all registrations.
    WaitingList,
    /// Transmigrants: the year's quota form.
    Quota,
    /// A case's detail: send a referral to a partner agency.
    AddReferral,
    /// A case's detail: record the answer to its earliest-due unanswered referral.
    AnswerReferral,
    /// A case's detail: record one of its category's documents as received.
    TickDocument,
    /// A case's detail: write a dated note.
    AddNote,
    /// A job seeker's detail: record a six-monthly report (wajib lapor).
    AddReport,
    /// Cases: the worklist of what is due today or overdue / the case list.
    Worklist,
    /// Cases: only the cases of the officer at the keyboard / every officer's.
    MyCases,
    /// Cases: the next officer's cases (then every officer's again).
    ByOfficer,
    /// Cases: make another officer responsible for the selected case.
    Assign,
    /// Lookup and choices: take the suggestion or the selected option.
    Accept,
    /// A yes/no question.
    Yes,
    No,
    /// A choice: take option 1..=9.
    Choose(u8),
}

/// Every action that is one word in keymap files, with its kebab-case name, in declaration
/// order (the order of the help screen). The numbered ones, "pane-1".."pane-N" after
/// "prev-pane" and "choose-1".."choose-9" at the end, are made by [`Action::all`].
const NAMED: &[(Action, &str)] = &[
    (Action::Quit, "quit"),
    (Action::Help, "help"),
    (Action::NextPane, "next-pane"),
    (Action::PrevPane, "prev-pane"),
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::PageUp, "page-up"),
    (Action::PageDown, "page-down"),
    (Action::Home, "home"),
    (Action::End, "end"),
    (Action::Open, "open"),
    (Action::New, "new"),
    (Action::Edit, "edit"),
    (Action::Status, "status"),
    (Action::Archive, "archive"),
    (Action::ShowArchived, "show-archived"),
    (Action::Restore, "restore"),
    (Action::Filter, "filter"),
    (Action::PrevYear, "prev-year"),
    (Action::NextYear, "next-year"),
    (Action::Lookup, "lookup"),
    (Action::Export, "export"),
    (Action::History, "history"),
    (Action::Save, "save"),
    (Action::Cancel, "cancel"),
    (Action::NextField, "next-field"),
    (Action::PrevField, "prev-field"),
    (Action::ChoiceNext, "choice-next"),
    (Action::ChoicePrev, "choice-prev"),
    (Action::Left, "left"),
    (Action::Right, "right"),
    (Action::SwitchView, "switch-view"),
    (Action::Chart, "chart"),
    (Action::FollowUp, "follow-up"),
    (Action::MarkEmployed, "mark-employed"),
    (Action::MarkSelfEmployed, "mark-self-employed"),
    (Action::MarkNotWorking, "mark-not-working"),
    (Action::MoreMonths, "more-months"),
    (Action::FewerMonths, "fewer-months"),
    (Action::WaitingList, "waiting-list"),
    (Action::Quota, "quota"),
    (Action::AddReferral, "add-referral"),
    (Action::AnswerReferral, "answer-referral"),
    (Action::TickDocument, "tick-document"),
    (Action::AddNote, "add-note"),
    (Action::AddReport, "add-report"),
    (Action::Worklist, "worklist"),
    (Action::MyCases, "my-cases"),
    (Action::ByOfficer, "by-officer"),
    (Action::Assign, "assign"),
    (Action::Accept, "accept"),
    (Action::Yes, "yes"),
    (Action::No, "no"),
];

/// How many of [`NAMED`] come before the pane actions (quit, help, next-pane, prev-pane).
const BEFORE_PANES: usize = 4;

impl Action {
    /// The kebab-case name used in keymap files, e.g. "next-pane", "pane-3".
    pub fn name(&self) -> String {
        match self {
            Action::Pane(n) => format!("pane-{n}"),
            Action::Choose(n) => format!("choose-{n}"),
            _ => NAMED
                .iter()
                .find(|(action, _)| action == self)
                .map(|(_, name)| name.to_string())
                .expect("every one-word action is in NAMED"),
        }
    }

    /// The action with this kebab-case name ("pane-1".."pane-6" for panes, "choose-1"..
    /// "choose-9" for options).
    pub fn parse(s: &str) -> Option<Action> {
        Action::all().into_iter().find(|a| a.name() == s)
    }

    /// Every action, in declaration order (the order of the help screen).
    pub fn all() -> Vec<Action> {
        let (before, after) = NAMED.split_at(BEFORE_PANES);
        let words =
            |named: &[(Action, &str)]| named.iter().map(|(action, _)| *action).collect::<Vec<_>>();
        let mut all = words(before);
        all.extend((1..=Context::PANES.len() as u8).map(Action::Pane));
        all.extend(words(after));
        all.extend((1..=9).map(Action::Choose));
        all
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

/// Where a key arrives; each is one TOML table (see the module documentation for the stacks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Form,
    /// The keys of one pane, named as its table: one of [`Context::PANES`].
    Pane(&'static str),
    Help,
    Detail,
    History,
    Lookup,
    /// A yes/no question.
    Confirm,
    /// A choice among options (the next status).
    Choice,
}

impl Context {
    /// The panes' tables, in the order of the panes. A new register adds its name here and a
    /// table in the keymap files: its number key (`pane-N`) and its place in [`Context::ALL`]
    /// follow.
    pub const PANES: [&'static str; 7] = [
        "cases",
        "placements",
        "disputes",
        "trainings",
        "transmigrants",
        "iku",
        "jobseekers",
    ];
    pub const CASES: Context = Context::Pane("cases");
    pub const PLACEMENTS: Context = Context::Pane("placements");
    pub const DISPUTES: Context = Context::Pane("disputes");
    pub const TRAININGS: Context = Context::Pane("trainings");
    pub const TRANSMIGRANTS: Context = Context::Pane("transmigrants");
    pub const IKU: Context = Context::Pane("iku");
    pub const JOBSEEKERS: Context = Context::Pane("jobseekers");

    /// The tables before the panes' ([global], [list], [form]) and after them (the overlays).
    const BEFORE: [Context; 3] = [Context::Global, Context::List, Context::Form];
    const OVERLAYS: [Context; 6] = [
        Context::Help,
        Context::Detail,
        Context::History,
        Context::Lookup,
        Context::Confirm,
        Context::Choice,
    ];

    /// Every table a keymap file may have, in the order the help screen and errors name them:
    /// [`Context::BEFORE`], one per pane ([`Context::PANES`]), the overlays.
    pub const ALL: [Context; 3 + Context::PANES.len() + 6] = {
        let mut all = [Context::Global; 3 + Context::PANES.len() + 6];
        let mut i = 0;
        while i < all.len() {
            all[i] = if i < 3 {
                Context::BEFORE[i]
            } else if i < 3 + Context::PANES.len() {
                Context::Pane(Context::PANES[i - 3])
            } else {
                Context::OVERLAYS[i - 3 - Context::PANES.len()]
            };
            i += 1;
        }
        all
    };

    /// The TOML table name: "global", "list", "form", "trainings", "help", ….
    pub fn name(&self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Form => "form",
            Context::Pane(name) => name,
            Context::Help => "help",
            Context::Detail => "detail",
            Context::History => "history",
            Context::Lookup => "lookup",
            Context::Confirm => "confirm",
            Context::Choice => "choice",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The stack a single context stands for in the one-context calls ([`Keymap::action`],
    /// [`Keymap::key_for`]): a pane falls back to `[list]` and `[global]`, `[list]` to
    /// `[global]`; every other context is looked up alone.
    pub fn stack(self) -> Vec<Context> {
        match self {
            Context::Pane(_) => vec![self, Context::List, Context::Global],
            Context::List => vec![Context::List, Context::Global],
            _ => vec![self],
        }
    }

    /// For an unknown table: which tables there are.
    fn tables_sentence() -> String {
        let names = |cs: &[Context]| {
            cs.iter()
                .map(|c| format!("[{}]", c.name()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "a keymap has only [global], [list], [form], one table per pane ({}) and per overlay ({})",
            names(&Context::ALL[3..3 + Context::PANES.len()]),
            names(&Context::ALL[3 + Context::PANES.len()..])
        )
    }
}

/// What one key press comes to, in [`Keymap::resolve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// The key (or the sequence it ends) is bound to this action.
    Action(Action),
    /// The key starts (or continues) a sequence: the next key decides.
    Pending,
    /// Nothing is bound to it; a sequence waiting for this key is dropped with it.
    Unbound,
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
    tables: HashMap<Context, Table>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Table {
    /// Keys per action, in the order written; actions in [`Action`] order.
    by_action: BTreeMap<Action, Vec<Binding>>,
    by_seq: HashMap<KeySeq, Action>,
    /// Every shorter start of a bound sequence ("w" of "w b").
    prefixes: HashSet<KeySeq>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    seq: KeySeq,
    /// As written in the file.
    text: String,
}

impl Table {
    fn bind(&mut self, action: Action, seq: KeySeq, text: &str) {
        // The same key twice for one action (e.g. "shift-tab" and "backtab") is harmless.
        if self.by_seq.insert(seq.clone(), action) == Some(action) {
            return;
        }
        for n in 1..seq.len() {
            self.prefixes.insert(KeySeq(seq.0[..n].to_vec()));
        }
        self.by_action.entry(action).or_default().push(Binding {
            seq,
            text: text.to_string(),
        });
    }
}

/// What a sequence is in a stack of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Action(Action),
    Prefix,
    Nothing,
}

static EMPTY: std::sync::OnceLock<Table> = std::sync::OnceLock::new();

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::default_keymap()
    }
}

impl Keymap {
    /// The default keymap: `keymaps/default.toml`, embedded in the program.
    pub fn default_keymap() -> Keymap {
        // The embedded file is part of the program; a test proves it parses and binds every
        // action, so a failure here is a build that was never tested.
        file::parse("keymaps/default.toml", DEFAULT_TOML)
            .and_then(|entries| build(vec![entries]))
            .unwrap_or_else(|e| panic!("the embedded default keymap is broken: {e}"))
    }

    /// `spec` = None → default; "default" / "vim" → the shipped files (embedded);
    /// anything else is a path to a complete keymap file. `user_override`: an optional file
    /// whose entries replace single entries (all keys of that action in that table) of the
    /// chosen keymap; a missing override file is fine, an empty list unbinds the action.
    pub fn load(spec: Option<&str>, user_override: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut layers = vec![base_entries(spec)?];
        if !matches!(spec, None | Some("default") | Some("vim")) {
            // A keymap file of the officer's own changes what it names; every key it does not
            // name keeps its default, so a short file never leaves the lists without keys.
            // Its own mistakes are named first, by its own lines.
            build(layers.clone())?;
            layers.insert(0, base_entries(None)?);
        }
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

    /// One key press in a stack of contexts, most particular first (a pane:
    /// `[Context::TRAININGS, Context::List, Context::Global]`). `pending` holds the keys of a
    /// sequence begun by earlier presses; the caller keeps it between presses and never needs
    /// to look inside: it is set on [`Resolved::Pending`] and cleared otherwise. The first
    /// table (in stack order) that binds the keys pressed so far, or a longer sequence that
    /// starts with them, decides.
    pub fn resolve(
        &self,
        contexts: &[Context],
        pending: &mut Option<KeySeq>,
        key: &KeyEvent,
    ) -> Resolved {
        let Some(spec) = KeySpec::from_event(key) else {
            return Resolved::Unbound; // a key release: the sequence still waits
        };
        let seq = match pending.take() {
            Some(p) => p.then(spec),
            None => KeySeq(vec![spec]),
        };
        match self.find(contexts, &seq) {
            Found::Action(a) => Resolved::Action(a),
            Found::Prefix => {
                *pending = Some(seq);
                Resolved::Pending
            }
            Found::Nothing => Resolved::Unbound,
        }
    }

    /// The action for a single key in a context, looked up in [`Context::stack`]: `[form]`
    /// alone (so letters type into fields), `[list]` then `[global]`, a pane then `[list]`
    /// then `[global]`. A key that only starts a sequence gives `None`.
    pub fn action(&self, ctx: Context, key: &KeyEvent) -> Option<Action> {
        let mut pending = None;
        match self.resolve(&ctx.stack(), &mut pending, key) {
            Resolved::Action(a) => Some(a),
            Resolved::Pending | Resolved::Unbound => None,
        }
    }

    /// The key that triggers `action` in this stack, as an officer reads it ("PgDn", "Enter",
    /// "Ctrl-S", "w b"): the first binding, in stack order then file order, that a press
    /// really reaches (not shadowed by a table above it). `None` when no key reaches it.
    pub fn label(&self, contexts: &[Context], action: Action) -> Option<String> {
        self.labels(contexts, action).into_iter().next()
    }

    /// Every key that reaches `action` in this stack, as [`Keymap::label`] writes them.
    pub fn labels(&self, contexts: &[Context], action: Action) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for ctx in contexts {
            for b in self
                .table(*ctx)
                .by_action
                .get(&action)
                .into_iter()
                .flatten()
            {
                let label = b.seq.label();
                if self.reaches(contexts, &b.seq) == Some(action) && !out.contains(&label) {
                    out.push(label);
                }
            }
        }
        out
    }

    /// The first key for an action in one context's [`Context::stack`], for hints.
    pub fn key_for(&self, ctx: Context, action: Action) -> Option<String> {
        self.label(&ctx.stack(), action)
    }

    /// While a sequence waits: the keys that may follow and the action each ends in, in
    /// [`Action`] order (for a prompt such as "b bekerja · u wirausaha").
    pub fn continuations(&self, contexts: &[Context], pending: &KeySeq) -> Vec<(String, Action)> {
        let mut out: Vec<(String, Action)> = Vec::new();
        for ctx in contexts {
            for (action, bindings) in &self.table(*ctx).by_action {
                for b in bindings {
                    if !pending.is_proper_prefix_of(&b.seq)
                        || self.reaches(contexts, &b.seq) != Some(*action)
                    {
                        continue;
                    }
                    let rest = KeySeq(b.seq.0[pending.len()..].to_vec()).label();
                    if !out.iter().any(|(k, _)| *k == rest) {
                        out.push((rest, *action));
                    }
                }
            }
        }
        out
    }

    /// The actions of one table with the keys that reach them through `contexts` (for the
    /// help screen: a key shadowed by a table above is left out, an action with no key left
    /// is left out), in [`Action`] order.
    pub fn reachable(&self, contexts: &[Context], table: Context) -> Vec<(Action, Vec<String>)> {
        self.table(table)
            .by_action
            .iter()
            .filter_map(|(&action, bindings)| {
                let mut keys: Vec<String> = Vec::new();
                for b in bindings {
                    let label = b.seq.label();
                    if self.reaches(contexts, &b.seq) == Some(action) && !keys.contains(&label) {
                        keys.push(label);
                    }
                }
                (!keys.is_empty()).then_some((action, keys))
            })
            .collect()
    }

    /// The entries of one table as written in the file: (action, key strings), in
    /// [`Action`] order. Only this table.
    pub fn bindings(&self, ctx: Context) -> Vec<(Action, Vec<String>)> {
        self.table(ctx)
            .by_action
            .iter()
            .map(|(&action, keys)| (action, keys.iter().map(|b| b.text.clone()).collect()))
            .collect()
    }

    /// Where pressing the keys of `seq` one by one in this stack ends: its action, or `None`
    /// when a table above takes one of its keys first.
    fn reaches(&self, contexts: &[Context], seq: &KeySeq) -> Option<Action> {
        for n in 1..seq.len() {
            if self.find(contexts, &KeySeq(seq.0[..n].to_vec())) != Found::Prefix {
                return None;
            }
        }
        match self.find(contexts, seq) {
            Found::Action(a) => Some(a),
            Found::Prefix | Found::Nothing => None,
        }
    }

    fn find(&self, contexts: &[Context], seq: &KeySeq) -> Found {
        for ctx in contexts {
            let table = self.table(*ctx);
            if let Some(a) = table.by_seq.get(seq) {
                return Found::Action(*a);
            }
            if table.prefixes.contains(seq) {
                return Found::Prefix;
            }
        }
        Found::Nothing
    }

    fn table(&self, ctx: Context) -> &Table {
        self.tables
            .get(&ctx)
            .unwrap_or_else(|| EMPTY.get_or_init(Table::default))
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

/// Layers the files (a later file replaces whole entries of an earlier one) and refuses, in
/// one table, a key bound to two actions (naming both and pointing at the later binding) and
/// a key that both acts and starts a sequence.
fn build(layers: Vec<Vec<file::Entry>>) -> Result<Keymap, KeymapError> {
    let mut merged: HashMap<Context, BTreeMap<Action, (usize, file::Entry)>> = HashMap::new();
    for (layer, entries) in layers.into_iter().enumerate() {
        for entry in entries {
            merged
                .entry(entry.ctx)
                .or_default()
                .insert(entry.action, (layer, entry));
        }
    }
    let mut tables: HashMap<Context, Table> = HashMap::new();
    for ctx in Context::ALL {
        let Some(actions) = merged.get(&ctx) else {
            continue;
        };
        let mut entries: Vec<&(usize, file::Entry)> = actions.values().collect();
        entries.sort_by_key(|(layer, e)| (*layer, e.line));
        let mut seen: Vec<(&KeySeq, &str, &file::Entry, usize)> = Vec::new();
        let table = tables.entry(ctx).or_default();
        for (_, entry) in entries {
            for (seq, text, line) in &entry.keys {
                for &(other_seq, other_text, other, other_line) in &seen {
                    let where_ = || {
                        if other.path == entry.path {
                            format!("line {other_line}")
                        } else {
                            format!("{}:{other_line}", other.path)
                        }
                    };
                    let err = |reason: String| KeymapError {
                        path: entry.path.clone(),
                        line: *line,
                        reason,
                    };
                    if other_seq == seq && other.action != entry.action {
                        return Err(err(format!(
                            "key '{text}' is bound to both '{}' ({}) and '{}' in [{}]",
                            other.action,
                            where_(),
                            entry.action,
                            ctx.name()
                        )));
                    }
                    if other_seq.is_proper_prefix_of(seq) || seq.is_proper_prefix_of(other_seq) {
                        return Err(err(format!(
                            "'{text}' for '{}' and '{other_text}' for '{}' ({}) in [{}]: a key \
                             cannot both act and start a sequence",
                            entry.action,
                            other.action,
                            where_(),
                            ctx.name()
                        )));
                    }
                }
                seen.push((seq, text, entry, *line));
                table.bind(entry.action, seq.clone(), text);
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
        assert_eq!(all.len(), 69);
        for a in &all {
            assert_eq!(Action::parse(&a.name()), Some(*a), "{a:?}");
        }
        assert_eq!(Action::Pane(3).name(), "pane-3");
        assert_eq!(Action::parse("pane-8"), None);
        assert_eq!(Action::Choose(9).name(), "choose-9");
        assert_eq!(Action::parse("choose-0"), None);
        assert_eq!(Action::parse("mark-employed"), Some(Action::MarkEmployed));
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
        for p in Context::PANES {
            assert_eq!(Context::from_name(p), Some(Context::Pane(p)));
        }
        assert_eq!(Context::from_name("nowhere"), None);
        assert_eq!(
            Context::TRAININGS.stack(),
            [Context::TRAININGS, Context::List, Context::Global]
        );
        assert_eq!(Context::Form.stack(), [Context::Form]);
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
