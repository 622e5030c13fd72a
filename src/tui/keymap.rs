//! TEMPORARY stand-in with the agreed API; replaced by the keymap branch.
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    NextPane,
    PrevPane,
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
}
impl Action {
    pub fn name(&self) -> String {
        format!("{self:?}").to_lowercase()
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Form,
}
pub struct Keymap;
#[derive(Debug)]
pub struct KeymapError {
    pub path: String,
    pub line: usize,
    pub reason: String,
}
impl std::fmt::Display for KeymapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.reason)
    }
}
impl std::error::Error for KeymapError {}
impl Keymap {
    pub fn default_keymap() -> Keymap {
        Keymap
    }
    pub fn load(_s: Option<&str>, _o: Option<&std::path::Path>) -> Result<Keymap, KeymapError> {
        Ok(Keymap)
    }
    pub fn action(&self, ctx: Context, key: &KeyEvent) -> Option<Action> {
        use Action::*;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let form = match key.code {
            KeyCode::Char('s') if ctrl => Some(Save),
            KeyCode::Esc => Some(Cancel),
            KeyCode::Tab | KeyCode::Down => Some(NextField),
            KeyCode::BackTab | KeyCode::Up => Some(PrevField),
            KeyCode::Right => Some(ChoiceNext),
            KeyCode::Left => Some(ChoicePrev),
            _ => None,
        };
        if ctx == Context::Form {
            return form;
        }
        let list = match key.code {
            KeyCode::Up => Some(Up),
            KeyCode::Down => Some(Down),
            KeyCode::PageUp => Some(PageUp),
            KeyCode::PageDown => Some(PageDown),
            KeyCode::Home => Some(Home),
            KeyCode::End => Some(End),
            KeyCode::Enter => Some(Open),
            KeyCode::Char('n') => Some(New),
            KeyCode::Char('e') => Some(Edit),
            KeyCode::Char('s') if !ctrl => Some(Status),
            KeyCode::Delete => Some(Archive),
            KeyCode::Char('/') => Some(Filter),
            KeyCode::Char('x') => Some(Export),
            KeyCode::Char('h') => Some(History),
            _ => None,
        };
        let global = match key.code {
            KeyCode::Char('q') => Some(Quit),
            KeyCode::Char('?') => Some(Help),
            KeyCode::Tab => Some(NextPane),
            KeyCode::BackTab => Some(PrevPane),
            KeyCode::Char(c @ '1'..='6') => Some(Pane(c as u8 - b'0')),
            KeyCode::Char('[') => Some(PrevYear),
            KeyCode::Char(']') => Some(NextYear),
            KeyCode::Char('L') => Some(Lookup),
            _ => None,
        };
        if ctx == Context::List {
            list.or(global)
        } else {
            global
        }
    }
    pub fn bindings(&self, _ctx: Context) -> Vec<(Action, Vec<String>)> {
        vec![(Action::Quit, vec!["q".into()])]
    }
    pub fn key_for(&self, _ctx: Context, a: Action) -> Option<String> {
        Some(a.name())
    }
}
