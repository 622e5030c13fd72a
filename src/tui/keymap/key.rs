//! One key as a keymap file writes it ("ctrl-s", "shift-tab", "L") and as crossterm reports it.
//!
//! Both sides are brought to one normal form, [`KeySpec`], so that equal keys compare equal
//! however they were written or whichever terminal sent them:
//! - character keys ignore the SHIFT flag (terminals differ on whether they set it) and compare
//!   on the character itself, case-sensitively: `L` is the capital letter;
//! - with Ctrl a letter is compared case-insensitively (`ctrl-s` = `ctrl-S` = Ctrl+Shift+s);
//! - Shift+Tab is `BackTab` (crossterm's name for it), with or without the SHIFT flag.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key in normal form: what the keymap matches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct KeySpec {
    code: KeyCode,
    mods: KeyModifiers,
}

/// Named keys, as a keymap file may write them (lower case; matching ignores case).
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("page-up", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("page-down", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
];

const MODIFIERS: &[(&str, KeyModifiers)] = &[
    ("ctrl-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
];

impl KeySpec {
    /// Parses a key string. The error is the part of the reason after "bad key '…' for …: ".
    pub(crate) fn parse(text: &str) -> Result<KeySpec, String> {
        if text.is_empty() {
            return Err("empty key".to_string());
        }
        let mut rest = text;
        let mut mods = KeyModifiers::NONE;
        'prefixes: loop {
            for &(prefix, flag) in MODIFIERS {
                let Some(head) = rest.get(..prefix.len()) else {
                    continue;
                };
                if !head.eq_ignore_ascii_case(prefix) {
                    continue;
                }
                let after = &rest[prefix.len()..];
                if after.is_empty() {
                    return Err(format!("nothing after '{head}'"));
                }
                if mods.contains(flag) {
                    return Err(format!("'{head}' given twice"));
                }
                mods |= flag;
                rest = after;
                continue 'prefixes;
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => named_key(rest).ok_or_else(|| "unknown key name".to_string())?,
        };
        Self::normalize(code, mods)
    }

    /// Brings a written key to normal form, refusing combinations no terminal can tell apart.
    fn normalize(code: KeyCode, mut mods: KeyModifiers) -> Result<KeySpec, String> {
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
                if !c.is_ascii_alphabetic() {
                    return Err(format!(
                        "'shift-' goes only with letters and named keys; \
                         write the shifted character itself instead of 'shift-{c}'"
                    ));
                }
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            }
            KeyCode::Tab | KeyCode::BackTab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Ok(KeySpec { code, mods })
    }

    /// The normal form of a key event, or `None` for events no binding should see
    /// (key releases, Super/Hyper/Meta chords).
    pub(crate) fn from_event(event: &KeyEvent) -> Option<KeySpec> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let known = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        if !known.contains(event.modifiers) {
            return None;
        }
        let mut mods = event.modifiers;
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) => {
                // Some terminals report Shift+l as 'l' with SHIFT rather than 'L'.
                let c = if mods.contains(KeyModifiers::SHIFT) {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Some(KeySpec { code, mods })
    }

    /// The key as an officer reads it, the same in every language: "Ctrl-S", "Enter",
    /// "Shift-Tab", "PgDn", "Del", "↑", "?". A letter with Ctrl is written as a capital
    /// (Ctrl ignores case); a plain letter keeps its case ("L" is the capital letter).
    pub(crate) fn display(&self) -> String {
        let mut out = String::new();
        for (flag, label) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.mods.contains(flag) {
                out.push_str(label);
            }
        }
        let ctrl = self.mods.contains(KeyModifiers::CONTROL);
        match self.code {
            KeyCode::Char(' ') => out.push_str("Space"),
            KeyCode::Char(c) if ctrl => out.push(c.to_ascii_uppercase()),
            KeyCode::Char(c) => out.push(c),
            KeyCode::BackTab => out.push_str("Shift-Tab"),
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            KeyCode::Enter => out.push_str("Enter"),
            KeyCode::Esc => out.push_str("Esc"),
            KeyCode::Tab => out.push_str("Tab"),
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::Home => out.push_str("Home"),
            KeyCode::End => out.push_str("End"),
            KeyCode::Delete => out.push_str("Del"),
            KeyCode::Insert => out.push_str("Ins"),
            KeyCode::Backspace => out.push_str("Backspace"),
            other => out.push_str(&format!("{other:?}")),
        }
        out
    }
}

/// A key sequence: one key, or several pressed one after the other ("w b"). Written in a
/// keymap file as the keys separated by spaces; a lone space key is written "space".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct KeySeq(pub(crate) Vec<KeySpec>);

impl KeySeq {
    /// Parses "w b", "ctrl-s", "space". The error is the reason after "bad key '…' for …: ".
    pub(crate) fn parse(text: &str) -> Result<KeySeq, String> {
        if !text.is_empty() && text.trim().is_empty() {
            return KeySpec::parse(" ").map(|k| KeySeq(vec![k]));
        }
        let keys = text
            .split_whitespace()
            .map(KeySpec::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err("empty key".to_string());
        }
        Ok(KeySeq(keys))
    }

    /// The keys pressed so far.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// As an officer reads it: the keys' labels separated by a space ("w b", "Ctrl-S").
    pub fn label(&self) -> String {
        self.0
            .iter()
            .map(KeySpec::display)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// This sequence followed by one more key.
    pub(crate) fn then(&self, key: KeySpec) -> KeySeq {
        let mut keys = self.0.clone();
        keys.push(key);
        KeySeq(keys)
    }

    /// True when `self` is a shorter start of `other`.
    pub(crate) fn is_proper_prefix_of(&self, other: &KeySeq) -> bool {
        self.0.len() < other.0.len() && other.0.starts_with(&self.0)
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
        return Some(code);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str) -> KeySpec {
        KeySpec::parse(s).unwrap()
    }

    fn event(code: KeyCode, mods: KeyModifiers) -> KeySpec {
        KeySpec::from_event(&KeyEvent::new(code, mods)).unwrap()
    }

    #[test]
    fn spellings_of_the_same_key_agree() {
        assert_eq!(spec("shift-tab"), spec("backtab"));
        assert_eq!(spec("Shift-Tab"), spec("BACKTAB"));
        assert_eq!(spec("pageup"), spec("page-up"));
        assert_eq!(spec("pagedown"), spec("PageDown"));
        assert_eq!(spec("ctrl-s"), spec("ctrl-S"));
        assert_eq!(spec("ctrl-s"), spec("ctrl-shift-s"));
        assert_eq!(spec("shift-l"), spec("L"));
        assert_eq!(spec("space"), spec(" "));
        assert_eq!(spec("ctrl-alt-x"), spec("alt-ctrl-x"));
        assert_ne!(spec("l"), spec("L"));
        assert_ne!(spec("tab"), spec("backtab"));
    }

    #[test]
    fn bad_key_strings_say_why() {
        assert_eq!(
            KeySpec::parse("ctrl-").unwrap_err(),
            "nothing after 'ctrl-'"
        );
        assert_eq!(KeySpec::parse("pgdwn").unwrap_err(), "unknown key name");
        assert_eq!(KeySpec::parse("f13").unwrap_err(), "unknown key name");
        assert_eq!(KeySpec::parse("").unwrap_err(), "empty key");
        assert_eq!(
            KeySpec::parse("ctrl-ctrl-x").unwrap_err(),
            "'ctrl-' given twice"
        );
        assert!(KeySpec::parse("shift-1")
            .unwrap_err()
            .contains("shifted character"));
    }

    #[test]
    fn a_dash_is_a_key_too() {
        assert_eq!(spec("-"), event(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(spec("alt--"), event(KeyCode::Char('-'), KeyModifiers::ALT));
    }

    #[test]
    fn events_are_normalised() {
        let shift = KeyModifiers::SHIFT;
        let none = KeyModifiers::NONE;
        assert_eq!(event(KeyCode::BackTab, shift), spec("shift-tab"));
        assert_eq!(event(KeyCode::BackTab, none), spec("shift-tab"));
        assert_eq!(event(KeyCode::Tab, shift), spec("backtab"));
        assert_eq!(event(KeyCode::Char('L'), shift), spec("L"));
        assert_eq!(event(KeyCode::Char('L'), none), spec("L"));
        assert_eq!(event(KeyCode::Char('l'), shift), spec("L"));
        assert_eq!(event(KeyCode::Char('?'), shift), spec("?"));
        assert_eq!(
            event(KeyCode::Char('S'), KeyModifiers::CONTROL | shift),
            spec("ctrl-s")
        );
        assert_eq!(event(KeyCode::F(5), none), spec("F5"));
        let release = KeyEvent::new_with_kind(KeyCode::Char('q'), none, KeyEventKind::Release);
        assert_eq!(KeySpec::from_event(&release), None);
        let sup = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::SUPER);
        assert_eq!(KeySpec::from_event(&sup), None);
    }

    #[test]
    fn display_for_hints() {
        assert_eq!(spec("ctrl-s").display(), "Ctrl-S");
        assert_eq!(spec("enter").display(), "Enter");
        assert_eq!(spec("esc").display(), "Esc");
        assert_eq!(spec("tab").display(), "Tab");
        assert_eq!(spec("shift-tab").display(), "Shift-Tab");
        assert_eq!(spec("page-down").display(), "PgDn");
        assert_eq!(spec("pageup").display(), "PgUp");
        assert_eq!(spec("delete").display(), "Del");
        assert_eq!(spec("up").display(), "↑");
        assert_eq!(spec("down").display(), "↓");
        assert_eq!(spec("?").display(), "?");
        assert_eq!(spec("shift-l").display(), "L");
        assert_eq!(spec("space").display(), "Space");
        assert_eq!(spec("ctrl-alt-x").display(), "Ctrl-Alt-X");
        assert_eq!(spec("alt-x").display(), "Alt-x");
        assert_eq!(spec("shift-up").display(), "Shift-↑");
    }

    #[test]
    fn sequences() {
        let wb = KeySeq::parse("w b").unwrap();
        assert_eq!(wb.len(), 2);
        assert_eq!(wb.label(), "w b");
        assert_eq!(KeySeq::parse("  w   b ").unwrap(), wb);
        assert_eq!(KeySeq::parse("ctrl-s").unwrap().label(), "Ctrl-S");
        assert_eq!(KeySeq::parse(" ").unwrap(), KeySeq::parse("space").unwrap());
        assert_eq!(KeySeq::parse("").unwrap_err(), "empty key");
        assert_eq!(KeySeq::parse("w bb").unwrap_err(), "unknown key name");
        let w = KeySeq::parse("w").unwrap();
        assert!(w.is_proper_prefix_of(&wb));
        assert!(!wb.is_proper_prefix_of(&wb));
        assert!(!KeySeq::parse("b").unwrap().is_proper_prefix_of(&wb));
        assert_eq!(w.then(spec("b")), wb);
    }
}
