//! The keymap layer against SPEC §4: shipped files, user overrides, key matching, and the
//! exact `path:line: reason` of every refusal.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use disnaker::i18n::Lang;
use disnaker::tui::help::{help_lines, hint_text, hints, pending_hints};
use disnaker::tui::keymap::{Action, Context, KeySeq, Keymap, KeymapError, Resolved};
use disnaker::tui::theme::Theme;
use std::path::{Path, PathBuf};

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c), NONE)
}

/// Writes `text` to a file in a fresh temporary directory.
fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn load_err(text: &str) -> (String, KeymapError) {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "bad.toml", text);
    let shown = path.display().to_string();
    let err = Keymap::load(Some(&shown), None).expect_err("should be refused");
    (shown, err)
}

fn assert_refused(text: &str, line: usize, reason: &str) {
    let (path, err) = load_err(text);
    assert_eq!(err.path, path);
    assert_eq!(err.line, line, "{err}");
    assert_eq!(err.reason, reason);
    assert_eq!(err.to_string(), format!("{path}:{line}: {reason}"));
}

#[test]
fn default_file_is_the_built_in_default() {
    let built_in = Keymap::default_keymap();
    assert_eq!(Keymap::load(Some("default"), None).unwrap(), built_in);
    assert_eq!(Keymap::load(None, None).unwrap(), built_in);
    assert_eq!(Keymap::default(), built_in);
    let on_disk = Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/default.toml");
    let on_disk = on_disk.display().to_string();
    assert_eq!(Keymap::load(Some(&on_disk), None).unwrap(), built_in);
}

#[test]
fn default_keys_are_the_spec_table() {
    let km = Keymap::default_keymap();
    let list = |e: KeyEvent| km.action(Context::List, &e);
    for n in 1..=7u8 {
        assert_eq!(list(ch((b'0' + n) as char)), Some(Action::Pane(n)));
    }
    assert_eq!(list(key(KeyCode::Tab, NONE)), Some(Action::NextPane));
    assert_eq!(list(key(KeyCode::BackTab, SHIFT)), Some(Action::PrevPane));
    assert_eq!(list(key(KeyCode::Up, NONE)), Some(Action::Up));
    assert_eq!(list(key(KeyCode::Down, NONE)), Some(Action::Down));
    assert_eq!(list(key(KeyCode::PageUp, NONE)), Some(Action::PageUp));
    assert_eq!(list(key(KeyCode::PageDown, NONE)), Some(Action::PageDown));
    assert_eq!(list(key(KeyCode::Home, NONE)), Some(Action::Home));
    assert_eq!(list(key(KeyCode::End, NONE)), Some(Action::End));
    assert_eq!(list(key(KeyCode::Enter, NONE)), Some(Action::Open));
    assert_eq!(list(ch('n')), Some(Action::New));
    assert_eq!(list(ch('e')), Some(Action::Edit));
    assert_eq!(list(ch('s')), Some(Action::Status));
    assert_eq!(list(key(KeyCode::Delete, NONE)), Some(Action::Archive));
    assert_eq!(list(ch('/')), Some(Action::Filter));
    assert_eq!(list(key(KeyCode::Esc, NONE)), Some(Action::Cancel));
    assert_eq!(list(ch('[')), Some(Action::PrevYear));
    assert_eq!(list(ch(']')), Some(Action::NextYear));
    assert_eq!(list(ch('L')), Some(Action::Lookup));
    assert_eq!(list(ch('x')), Some(Action::Export));
    assert_eq!(list(ch('h')), Some(Action::History));
    assert_eq!(list(ch('?')), Some(Action::Help));
    assert_eq!(list(ch('q')), Some(Action::Quit));
    assert_eq!(list(ch('z')), None);
    assert_eq!(list(ch('l')), None, "lookup is the capital L only");

    let form = |e: KeyEvent| km.action(Context::Form, &e);
    assert_eq!(form(key(KeyCode::Tab, NONE)), Some(Action::NextField));
    assert_eq!(form(key(KeyCode::Down, NONE)), Some(Action::NextField));
    assert_eq!(form(key(KeyCode::BackTab, SHIFT)), Some(Action::PrevField));
    assert_eq!(form(key(KeyCode::Up, NONE)), Some(Action::PrevField));
    assert_eq!(form(key(KeyCode::Char('s'), CTRL)), Some(Action::Save));
    assert_eq!(form(key(KeyCode::Esc, NONE)), Some(Action::Cancel));
    assert_eq!(form(key(KeyCode::Right, NONE)), Some(Action::ChoiceNext));
    assert_eq!(form(key(KeyCode::Left, NONE)), Some(Action::ChoicePrev));
}

#[test]
fn contexts_see_their_own_tables() {
    let km = Keymap::default_keymap();
    // In a form, letters type into fields: no global q, ?, L, digits.
    for c in ['q', '?', 'L', '1', 'n', 's', '[', 'x'] {
        assert_eq!(km.action(Context::Form, &ch(c)), None, "{c}");
    }
    assert_eq!(km.action(Context::Global, &ch('q')), Some(Action::Quit));
    // Global does not see list keys.
    assert_eq!(km.action(Context::Global, &ch('n')), None);
    assert_eq!(km.action(Context::Global, &key(KeyCode::Enter, NONE)), None);
}

#[test]
fn shift_tab_and_backtab_are_one_key() {
    let km = Keymap::default_keymap();
    for ev in [
        key(KeyCode::BackTab, NONE),
        key(KeyCode::BackTab, SHIFT),
        key(KeyCode::Tab, SHIFT),
    ] {
        assert_eq!(km.action(Context::Global, &ev), Some(Action::PrevPane));
        assert_eq!(km.action(Context::Form, &ev), Some(Action::PrevField));
    }
    let dir = tempfile::tempdir().unwrap();
    let custom = file(&dir, "k.toml", "[global]\nprev-pane = \"backtab\"\n");
    let km = Keymap::load(Some(custom.to_str().unwrap()), None).unwrap();
    assert_eq!(
        km.action(Context::Global, &key(KeyCode::BackTab, SHIFT)),
        Some(Action::PrevPane)
    );
}

#[test]
fn capital_l_with_or_without_shift_flag() {
    let km = Keymap::default_keymap();
    assert_eq!(
        km.action(Context::List, &key(KeyCode::Char('L'), SHIFT)),
        Some(Action::Lookup)
    );
    assert_eq!(
        km.action(Context::List, &key(KeyCode::Char('L'), NONE)),
        Some(Action::Lookup)
    );
    // A shifted symbol still matches its character.
    assert_eq!(
        km.action(Context::List, &key(KeyCode::Char('?'), SHIFT)),
        Some(Action::Help)
    );
}

#[test]
fn ctrl_letters_ignore_case_and_plain_letters_do_not_match_ctrl() {
    let km = Keymap::default_keymap();
    assert_eq!(
        km.action(Context::Form, &key(KeyCode::Char('s'), CTRL)),
        Some(Action::Save)
    );
    assert_eq!(
        km.action(Context::Form, &key(KeyCode::Char('S'), CTRL)),
        Some(Action::Save)
    );
    assert_eq!(
        km.action(Context::Form, &key(KeyCode::Char('S'), CTRL | SHIFT)),
        Some(Action::Save)
    );
    assert_eq!(km.action(Context::Form, &ch('s')), None);
    assert_eq!(
        km.action(Context::List, &key(KeyCode::Char('s'), CTRL)),
        None
    );
    assert_eq!(
        km.action(Context::List, &key(KeyCode::Char('q'), KeyModifiers::ALT)),
        None
    );
}

#[test]
fn key_releases_do_nothing() {
    let km = Keymap::default_keymap();
    let release = KeyEvent::new_with_kind(KeyCode::Char('q'), NONE, KeyEventKind::Release);
    assert_eq!(km.action(Context::List, &release), None);
    let repeat = KeyEvent::new_with_kind(KeyCode::Down, NONE, KeyEventKind::Repeat);
    assert_eq!(km.action(Context::List, &repeat), Some(Action::Down));
}

#[test]
fn hints_and_help() {
    let km = Keymap::default_keymap();
    assert_eq!(
        km.key_for(Context::Form, Action::Save).as_deref(),
        Some("Ctrl-S")
    );
    assert_eq!(
        km.key_for(Context::List, Action::Open).as_deref(),
        Some("Enter")
    );
    assert_eq!(
        km.key_for(Context::Global, Action::Help).as_deref(),
        Some("?")
    );
    assert_eq!(
        km.key_for(Context::Global, Action::PrevPane).as_deref(),
        Some("Shift-Tab")
    );
    assert_eq!(
        km.key_for(Context::Form, Action::PrevField).as_deref(),
        Some("Shift-Tab")
    );
    assert_eq!(
        km.key_for(Context::List, Action::Archive).as_deref(),
        Some("Del")
    );
    assert_eq!(
        km.key_for(Context::List, Action::PageDown).as_deref(),
        Some("PgDn")
    );
    // List hints fall back to [global], as key lookup does.
    assert_eq!(
        km.key_for(Context::List, Action::Quit).as_deref(),
        Some("q")
    );
    assert_eq!(
        km.key_for(Context::List, Action::Lookup).as_deref(),
        Some("L")
    );
    assert_eq!(km.key_for(Context::Form, Action::Quit), None);
    assert_eq!(km.key_for(Context::Global, Action::Open), None);

    let form = km.bindings(Context::Form);
    assert_eq!(
        form,
        vec![
            (Action::Save, vec!["ctrl-s".to_string()]),
            (Action::Cancel, vec!["esc".to_string()]),
            (
                Action::NextField,
                vec!["tab".to_string(), "down".to_string()]
            ),
            (
                Action::PrevField,
                vec!["shift-tab".to_string(), "up".to_string()]
            ),
            (Action::ChoiceNext, vec!["right".to_string()]),
            (Action::ChoicePrev, vec!["left".to_string()]),
        ]
    );
    let global: Vec<Action> = km
        .bindings(Context::Global)
        .into_iter()
        .map(|b| b.0)
        .collect();
    let mut expected = vec![
        Action::Quit,
        Action::Help,
        Action::NextPane,
        Action::PrevPane,
    ];
    expected.extend((1..=7).map(Action::Pane));
    expected.extend([Action::PrevYear, Action::NextYear, Action::Lookup]);
    assert_eq!(global, expected);
    // Left, right and switch-view moved to the panes that use them.
    assert_eq!(km.bindings(Context::List).len(), 17);
}

#[test]
fn vim_keymap_loads_and_keeps_every_default_binding() {
    let vim = Keymap::load(Some("vim"), None).unwrap();
    let default = Keymap::default_keymap();
    for ctx in Context::ALL {
        let vim_bindings = vim.bindings(ctx);
        for (action, keys) in default.bindings(ctx) {
            let (_, vim_keys) = vim_bindings
                .iter()
                .find(|(a, _)| *a == action)
                .unwrap_or_else(|| panic!("vim lacks {action} in [{}]", ctx.name()));
            for k in keys {
                assert!(vim_keys.contains(&k), "vim lacks {k} for {action}");
            }
        }
    }
    let list = |e: KeyEvent| vim.action(Context::List, &e);
    assert_eq!(list(ch('j')), Some(Action::Down));
    assert_eq!(list(ch('k')), Some(Action::Up));
    assert_eq!(list(ch('g')), Some(Action::Home));
    assert_eq!(list(ch('G')), Some(Action::End));
    assert_eq!(list(key(KeyCode::Char('G'), SHIFT)), Some(Action::End));
    assert_eq!(list(key(KeyCode::Char('d'), CTRL)), Some(Action::PageDown));
    assert_eq!(list(key(KeyCode::Char('u'), CTRL)), Some(Action::PageUp));
    assert_eq!(list(ch('q')), Some(Action::Quit));
    // Letters still type in a form.
    assert_eq!(vim.action(Context::Form, &ch('j')), None);
    assert_eq!(
        vim.action(Context::Form, &key(KeyCode::Char('n'), CTRL)),
        Some(Action::NextField)
    );
}

#[test]
fn user_override_replaces_one_binding() {
    let dir = tempfile::tempdir().unwrap();
    let over = file(&dir, "keymap.toml", "[global]\nquit = \"ctrl-q\"\n");
    let km = Keymap::load(None, Some(&over)).unwrap();
    assert_eq!(km.action(Context::List, &ch('q')), None);
    assert_eq!(km.action(Context::Global, &ch('q')), None);
    assert_eq!(
        km.action(Context::List, &key(KeyCode::Char('q'), CTRL)),
        Some(Action::Quit)
    );
    assert_eq!(
        km.key_for(Context::List, Action::Quit).as_deref(),
        Some("Ctrl-Q")
    );
    assert_eq!(
        km.bindings(Context::Global)[0],
        (Action::Quit, vec!["ctrl-q".to_string()])
    );
    // Everything else is unchanged.
    let default = Keymap::default_keymap();
    assert_eq!(km.bindings(Context::List), default.bindings(Context::List));
    assert_eq!(km.bindings(Context::Form), default.bindings(Context::Form));
    assert_eq!(
        km.bindings(Context::Global)[1..],
        default.bindings(Context::Global)[1..]
    );

    // The override applies on top of vim as well.
    let km = Keymap::load(Some("vim"), Some(&over)).unwrap();
    assert_eq!(km.action(Context::List, &ch('j')), Some(Action::Down));
    assert_eq!(km.action(Context::List, &ch('q')), None);
}

#[test]
fn user_override_may_free_a_key_and_reuse_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[list]\nexport = []\nhistory = [\"h\", \"x\"]\n";
    let over = file(&dir, "keymap.toml", text);
    let km = Keymap::load(None, Some(&over)).unwrap();
    assert_eq!(km.action(Context::List, &ch('x')), Some(Action::History));
    assert_eq!(km.key_for(Context::List, Action::Export), None);
    assert!(km
        .bindings(Context::List)
        .iter()
        .all(|(a, _)| *a != Action::Export));
}

#[test]
fn list_may_shadow_a_global_key() {
    let dir = tempfile::tempdir().unwrap();
    let over = file(&dir, "keymap.toml", "[list]\nexport = [\"x\", \"q\"]\n");
    let km = Keymap::load(None, Some(&over)).unwrap();
    assert_eq!(km.action(Context::List, &ch('q')), Some(Action::Export));
    assert_eq!(km.action(Context::Global, &ch('q')), Some(Action::Quit));
    // The hint does not offer a key that the list takes for something else.
    assert_eq!(km.key_for(Context::List, Action::Quit), None);
    assert_eq!(
        km.key_for(Context::Global, Action::Quit).as_deref(),
        Some("q")
    );
}

#[test]
fn missing_override_file_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let km = Keymap::load(None, Some(&dir.path().join("keymap.toml"))).unwrap();
    assert_eq!(km, Keymap::default_keymap());
}

#[test]
fn toml_syntax_error_has_its_line() {
    let (_, err) = load_err("[global]\nquit = \"q\"\nhelp = \"?\n[list]\n");
    assert_eq!(err.line, 3, "{err}");
    assert!(err.reason.starts_with("TOML syntax error: "), "{err}");
    assert!(!err.reason.contains('\n'));
    let (_, err) = load_err("[global]\nquit = \"q\"\n\n[list\nup = \"up\"\n");
    assert_eq!(err.line, 4, "{err}");
    let (_, err) = load_err("[global]\nquit = \"q\"\nquit = \"x\"\n");
    assert_eq!(err.line, 3, "{err}");
    assert_eq!(err.reason, "TOML syntax error: duplicate key 'quit'");
    let (_, err) = load_err("[global]\nhelp = \"?\"\n\n[global]\nquit = \"q\"\n");
    assert_eq!(err.line, 4, "{err}");
    assert_eq!(err.reason, "TOML syntax error: duplicate key 'global'");
}

#[test]
fn unknown_table() {
    assert_refused(
        "[global]\nquit = \"q\"\n\n[globl]\nhelp = \"?\"\n",
        4,
        "unknown table [globl] (did you mean [global]?)",
    );
    assert_refused(
        "[keys]\nquit = \"q\"\n",
        1,
        "unknown table [keys]; a keymap has only [global], [list], [form], one table per pane \
         ([cases], [placements], [disputes], [trainings], [transmigrants], [iku], [jobseekers]) and per \
         overlay ([help], [detail], [history], [lookup], [confirm], [choice])",
    );
    assert_refused(
        "quit = \"q\"\n",
        1,
        "'quit' is outside any table; put it under [global], [list] or [form]",
    );
}

#[test]
fn unknown_action() {
    assert_refused(
        "[global]\nhelp = \"?\"\nquitt = \"q\"\n",
        3,
        "unknown action 'quitt' in [global] (did you mean 'quit'?)",
    );
    assert_refused(
        "[list]\nup = \"up\"\n\n\nfrobnicate = \"f\"\n",
        5,
        "unknown action 'frobnicate' in [list]",
    );
    assert_refused(
        "[global]\npane-8 = \"8\"\n",
        2,
        "unknown action 'pane-8' in [global] (did you mean 'pane-1'?)",
    );
}

#[test]
fn bad_key_strings() {
    assert_refused(
        "[list]\nup = \"up\"\npage-down = \"pgdwn\"\n",
        3,
        "bad key 'pgdwn' for action 'page-down': unknown key name",
    );
    assert_refused(
        "[form]\ncancel = \"esc\"\nsave = \"ctrl-\"\n",
        3,
        "bad key 'ctrl-' for action 'save': nothing after 'ctrl-'",
    );
    // In a list spread over lines, the line of the bad key itself.
    assert_refused(
        "[form]\nnext-field = [\n  \"tab\",\n  \"dwn\",\n]\n",
        4,
        "bad key 'dwn' for action 'next-field': unknown key name",
    );
    assert_refused(
        "[global]\nquit = \"\"\n",
        2,
        "bad key '' for action 'quit': empty key",
    );
}

#[test]
fn wrong_value_types() {
    assert_refused(
        "[global]\nhelp = \"?\"\nquit = 5\n",
        3,
        "action 'quit' in [global]: expected a key string or a list of key strings, found integer",
    );
    assert_refused(
        "[global]\npane-1 = [\"1\", 1]\n",
        2,
        "action 'pane-1' in [global]: expected a key string or a list of key strings, found integer in the list",
    );
    assert_refused(
        "[global]\nquit = true\n",
        2,
        "action 'quit' in [global]: expected a key string or a list of key strings, found boolean",
    );
    assert_refused(
        "[global.quit]\nkey = \"q\"\n",
        1,
        "action 'quit' in [global]: expected a key string or a list of key strings, found table",
    );
}

#[test]
fn one_key_two_actions_in_one_context() {
    assert_refused(
        "[global]\nquit = \"q\"\nhelp = [\"?\", \"q\"]\n",
        3,
        "key 'q' is bound to both 'quit' (line 2) and 'help' in [global]",
    );
    // Different spellings of one key are one key.
    assert_refused(
        "[form]\nprev-field = \"shift-tab\"\n\nchoice-prev = \"backtab\"\n",
        4,
        "key 'backtab' is bound to both 'prev-field' (line 2) and 'choice-prev' in [form]",
    );
    // The same key in two contexts is fine (that is what contexts are for).
    let dir = tempfile::tempdir().unwrap();
    let ok = file(
        &dir,
        "ok.toml",
        "[global]\nquit = \"esc\"\n[form]\ncancel = \"esc\"\n",
    );
    assert!(Keymap::load(Some(ok.to_str().unwrap()), None).is_ok());
}

#[test]
fn override_clashing_with_the_base_keymap_names_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let over = file(&dir, "keymap.toml", "[list]\n\nnew = \"e\"\n");
    let err = Keymap::load(None, Some(&over)).unwrap_err();
    assert_eq!(err.path, over.display().to_string());
    assert_eq!(err.line, 3);
    let default_toml = include_str!("../keymaps/default.toml");
    let edit_line = 1 + default_toml
        .lines()
        .position(|l| l.starts_with("edit ="))
        .unwrap();
    assert_eq!(
        err.reason,
        format!(
            "key 'e' is bound to both 'edit' (keymaps/default.toml:{edit_line}) and 'new' in [list]"
        )
    );
}

#[test]
fn errors_in_the_override_file_point_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let over = file(
        &dir,
        "keymap.toml",
        "[global]\nquit = \"ctrl-q\"\nhelp = 1\n",
    );
    let err = Keymap::load(Some("vim"), Some(&over)).unwrap_err();
    assert_eq!(err.path, over.display().to_string());
    assert_eq!(err.line, 3);
}

#[test]
fn unreadable_files() {
    let err = Keymap::load(Some("emacs"), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "emacs: no such keymap file (the built-in keymaps are 'default' and 'vim')"
    );
    assert_eq!(err.line, 0);
    // An override that exists but cannot be read is refused, not skipped.
    let dir = tempfile::tempdir().unwrap();
    let err = Keymap::load(None, Some(dir.path())).unwrap_err();
    assert_eq!(err.line, 0);
    assert_eq!(err.path, dir.path().display().to_string());
    assert!(err
        .to_string()
        .starts_with(&format!("{}: cannot read", dir.path().display())));
}

const TRAININGS: [Context; 3] = [Context::TRAININGS, Context::List, Context::Global];
const TRANSMIGRANTS: [Context; 3] = [Context::TRANSMIGRANTS, Context::List, Context::Global];

/// Presses keys one after the other in a stack, keeping the pending sequence between them.
fn presses(km: &Keymap, stack: &[Context], keys: &[KeyEvent]) -> Vec<Resolved> {
    let mut pending = None;
    keys.iter()
        .map(|k| km.resolve(stack, &mut pending, k))
        .collect()
}

#[test]
fn the_embedded_defaults_parse_and_bind_every_action() {
    let text = include_str!("../keymaps/default.toml");
    let dir = tempfile::tempdir().unwrap();
    let copy = file(&dir, "default.toml", text);
    assert_eq!(
        Keymap::load(Some(copy.to_str().unwrap()), None).unwrap(),
        Keymap::default_keymap(),
        "the program's defaults are the file, nothing else"
    );
    for name in ["default", "vim"] {
        let km = Keymap::load(Some(name), None).unwrap();
        for action in Action::all() {
            assert!(
                Context::ALL
                    .iter()
                    .any(|&ctx| km.label(&ctx.stack(), action).is_some()),
                "{name}: no key reaches {action}"
            );
        }
        // Every pane and overlay has its table, even when it is empty.
        for ctx in Context::ALL {
            let header = format!("[{}]", ctx.name());
            let text = if name == "vim" {
                include_str!("../keymaps/vim.toml")
            } else {
                text
            };
            assert!(
                text.lines().any(|l| l.starts_with(&header)),
                "{name}: {header}"
            );
        }
    }
    assert!(
        !Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/tui/keymap/defaults.rs")
            .exists(),
        "no second copy of the defaults in Rust"
    );
}

#[test]
fn two_key_sequences_wait_for_their_second_key() {
    let km = Keymap::default_keymap();
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('w'), ch('b')]),
        [Resolved::Pending, Resolved::Action(Action::MarkEmployed)]
    );
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('w'), ch('u')])[1],
        Resolved::Action(Action::MarkSelfEmployed)
    );
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('w'), ch('t')])[1],
        Resolved::Action(Action::MarkNotWorking)
    );
    // A key that ends no sequence drops it with itself; the next key starts afresh.
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('w'), ch('x'), ch('x')]),
        [
            Resolved::Pending,
            Resolved::Unbound,
            Resolved::Action(Action::Export)
        ]
    );
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('w'), key(KeyCode::Esc, NONE)])[1],
        Resolved::Unbound
    );
    // The caller's pending state: set while waiting, cleared after; a key release keeps it.
    let mut pending = None;
    assert_eq!(
        km.resolve(&TRAININGS, &mut pending, &ch('w')),
        Resolved::Pending
    );
    assert_eq!(pending.as_ref().map(KeySeq::label).as_deref(), Some("w"));
    let release = KeyEvent::new_with_kind(KeyCode::Char('b'), NONE, KeyEventKind::Release);
    assert_eq!(
        km.resolve(&TRAININGS, &mut pending, &release),
        Resolved::Unbound
    );
    assert!(pending.is_some());
    assert_eq!(
        km.resolve(&TRAININGS, &mut pending, &ch('b')),
        Resolved::Action(Action::MarkEmployed)
    );
    assert_eq!(pending, None);
    // The single-key call does not start sequences.
    assert_eq!(km.action(Context::TRAININGS, &ch('w')), None);
    assert_eq!(
        km.action(Context::TRAININGS, &ch('f')),
        Some(Action::FollowUp)
    );
}

#[test]
fn pane_tables_come_before_list_and_global() {
    let km = Keymap::default_keymap();
    // w: a sequence in trainings, a single key in transmigrants, nothing in a bare list.
    assert_eq!(
        presses(&km, &TRANSMIGRANTS, &[ch('w')]),
        [Resolved::Action(Action::WaitingList)]
    );
    assert_eq!(
        presses(&km, &[Context::List, Context::Global], &[ch('w')]),
        [Resolved::Unbound]
    );
    for (stack, c, action) in [
        (&TRANSMIGRANTS, 'K', Action::Quota),
        (&TRANSMIGRANTS, 'v', Action::SwitchView),
        (&TRAININGS, 'f', Action::FollowUp),
        (&TRAININGS, '+', Action::MoreMonths),
        (&TRAININGS, '-', Action::FewerMonths),
        (&TRAININGS, 'n', Action::New),
        (&TRAININGS, 'q', Action::Quit),
    ] {
        assert_eq!(
            presses(&km, stack, &[ch(c)]),
            [Resolved::Action(action)],
            "{c}"
        );
    }
    let placements = [Context::PLACEMENTS, Context::List, Context::Global];
    assert_eq!(
        presses(&km, &placements, &[key(KeyCode::Right, NONE)]),
        [Resolved::Action(Action::Right)]
    );
    assert_eq!(
        presses(
            &km,
            &[Context::CASES, Context::List, Context::Global],
            &[ch('v')]
        ),
        [Resolved::Unbound],
        "v switches views only where there are views"
    );

    // A pane's key shadows the list's: the hint follows.
    let dir = tempfile::tempdir().unwrap();
    let over = file(
        &dir,
        "keymap.toml",
        "[trainings]
quota = \"n\"\n",
    );
    let km = Keymap::load(None, Some(&over)).unwrap();
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('n')]),
        [Resolved::Action(Action::Quota)]
    );
    assert_eq!(
        presses(&km, &TRANSMIGRANTS, &[ch('n')]),
        [Resolved::Action(Action::New)]
    );
    assert_eq!(km.label(&TRAININGS, Action::New), None);
    assert_eq!(km.label(&TRANSMIGRANTS, Action::New).as_deref(), Some("n"));

    // A sequence's first key shadows a single key of a table below it, and the hint knows.
    let custom = file(
        &dir,
        "k.toml",
        "[trainings]\nmark-employed = \"g b\"\n[list]\nhome = \"g\"\n",
    );
    let km = Keymap::load(Some(custom.to_str().unwrap()), None).unwrap();
    let stack = [Context::TRAININGS, Context::List];
    assert_eq!(presses(&km, &stack, &[ch('g')]), [Resolved::Pending]);
    assert_eq!(
        presses(&km, &[Context::List], &[ch('g')]),
        [Resolved::Action(Action::Home)]
    );
    assert_eq!(km.label(&stack, Action::Home), None);
    assert_eq!(
        km.label(&stack, Action::MarkEmployed).as_deref(),
        Some("g b")
    );
}

#[test]
fn labels_are_what_an_officer_reads() {
    let km = Keymap::default_keymap();
    let list = [Context::List, Context::Global];
    for (action, label) in [
        (Action::PageDown, "PgDn"),
        (Action::PageUp, "PgUp"),
        (Action::Open, "Enter"),
        (Action::Cancel, "Esc"),
        (Action::Archive, "Del"),
        (Action::NextPane, "Tab"),
        (Action::PrevPane, "Shift-Tab"),
        (Action::Up, "↑"),
        (Action::Down, "↓"),
        (Action::Lookup, "L"),
        (Action::Help, "?"),
    ] {
        assert_eq!(km.label(&list, action).as_deref(), Some(label), "{action}");
    }
    assert_eq!(
        km.label(&[Context::Form], Action::Save).as_deref(),
        Some("Ctrl-S")
    );
    assert_eq!(
        km.label(&TRAININGS, Action::MarkEmployed).as_deref(),
        Some("w b")
    );
    assert_eq!(
        km.label(&TRAININGS, Action::Quota),
        None,
        "not in this pane"
    );
    assert_eq!(
        km.labels(&[Context::Confirm], Action::No),
        ["n", "N", "Esc"]
    );
    assert_eq!(
        km.labels(&[Context::Lookup], Action::Accept),
        ["Enter", "Tab"]
    );

    // While w waits: what may follow, and footer hints in both languages.
    let mut pending = None;
    km.resolve(&TRAININGS, &mut pending, &ch('w'));
    let w = pending.unwrap();
    assert_eq!(
        km.continuations(&TRAININGS, &w),
        [
            ("b".to_string(), Action::MarkEmployed),
            ("u".to_string(), Action::MarkSelfEmployed),
            ("t".to_string(), Action::MarkNotWorking),
        ]
    );
    assert_eq!(
        hint_text(&pending_hints(&km, &TRAININGS, &w, Lang::Id)),
        "b bekerja  u wirausaha  t tidak bekerja"
    );
    let footer = [
        Action::FollowUp,
        Action::Open,
        Action::Quota,
        Action::Help,
        Action::Quit,
    ];
    assert_eq!(
        hint_text(&hints(&km, &TRAININGS, &footer, Lang::Id)),
        "f tindak lanjut  Enter buka  ? bantuan  q keluar"
    );
    assert_eq!(
        hints(
            &km,
            &TRANSMIGRANTS,
            &[Action::Quota, Action::WaitingList],
            Lang::En
        ),
        [
            ("K".to_string(), "quota".to_string()),
            ("w".to_string(), "waiting list".to_string())
        ]
    );
    // An override moves the hint with the key.
    let dir = tempfile::tempdir().unwrap();
    let over = file(
        &dir,
        "keymap.toml",
        "[trainings]\nmark-employed = \"m pagedown\"\n",
    );
    let km = Keymap::load(None, Some(&over)).unwrap();
    assert_eq!(
        km.label(&TRAININGS, Action::MarkEmployed).as_deref(),
        Some("m PgDn")
    );
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('m'), key(KeyCode::PageDown, NONE)])[1],
        Resolved::Action(Action::MarkEmployed)
    );
}

#[test]
fn sequences_in_files_are_checked() {
    assert_refused(
        "[trainings]\nwaiting-list = \"w\"\nmark-employed = \"w b\"\n",
        3,
        "'w b' for 'mark-employed' and 'w' for 'waiting-list' (line 2) in [trainings]: a key \
         cannot both act and start a sequence",
    );
    assert_refused(
        "[trainings]\nmark-employed = \"w b\"\nfollow-up = \"w\"\n",
        3,
        "'w' for 'follow-up' and 'w b' for 'mark-employed' (line 2) in [trainings]: a key \
         cannot both act and start a sequence",
    );
    assert_refused(
        "[trainings]\nmark-employed = \"w bb\"\n",
        2,
        "bad key 'w bb' for action 'mark-employed': unknown key name",
    );
    assert_refused(
        "[trainings]\nmark-employed = \"w b\"\nmark-self-employed = \"w  b\"\n",
        3,
        "key 'w  b' is bound to both 'mark-employed' (line 2) and 'mark-self-employed' in [trainings]",
    );
    // The same key as a sequence start in one table and a single key in another is fine.
    let dir = tempfile::tempdir().unwrap();
    let ok = file(
        &dir,
        "ok.toml",
        "[trainings]\nmark-employed = \"w b\"\n[transmigrants]\nwaiting-list = \"w\"\n",
    );
    assert!(Keymap::load(Some(ok.to_str().unwrap()), None).is_ok());
    // An override may unbind a sequence.
    let over = file(&dir, "keymap.toml", "[trainings]\nmark-employed = []\n");
    let km = Keymap::load(None, Some(&over)).unwrap();
    assert_eq!(
        presses(&km, &TRAININGS, &[ch('w'), ch('b')]),
        [Resolved::Pending, Resolved::Unbound]
    );
}

#[test]
fn the_vim_keymap_moves_in_help_history_detail_and_lookup() {
    let vim = Keymap::load(Some("vim"), None).unwrap();
    for ctx in [Context::Help, Context::History, Context::Detail] {
        let one = |e: KeyEvent| presses(&vim, &[ctx], &[e])[0];
        assert_eq!(one(ch('j')), Resolved::Action(Action::Down), "{ctx:?}");
        assert_eq!(one(ch('k')), Resolved::Action(Action::Up), "{ctx:?}");
        assert_eq!(one(ch('g')), Resolved::Action(Action::Home), "{ctx:?}");
        assert_eq!(one(ch('G')), Resolved::Action(Action::End), "{ctx:?}");
        assert_eq!(
            one(key(KeyCode::Char('d'), CTRL)),
            Resolved::Action(Action::PageDown),
            "{ctx:?}"
        );
        assert_eq!(
            one(key(KeyCode::PageDown, NONE)),
            Resolved::Action(Action::PageDown)
        );
        assert_eq!(one(ch('q')), Resolved::Action(Action::Cancel));
    }
    // The default keymap scrolls them with the named keys only.
    let km = Keymap::default_keymap();
    assert_eq!(
        presses(&km, &[Context::Help], &[ch('j')]),
        [Resolved::Unbound]
    );
    assert_eq!(
        presses(&km, &[Context::Help], &[key(KeyCode::End, NONE)]),
        [Resolved::Action(Action::End)]
    );
    // The lookup types letters ("Ponggok"): vim moves there with Ctrl keys.
    let lookup = |e: KeyEvent| presses(&vim, &[Context::Lookup], &[e])[0];
    assert_eq!(lookup(ch('k')), Resolved::Unbound);
    assert_eq!(
        lookup(key(KeyCode::Char('n'), CTRL)),
        Resolved::Action(Action::Down)
    );
    assert_eq!(
        lookup(key(KeyCode::Tab, NONE)),
        Resolved::Action(Action::Accept)
    );
    // A yes/no question and a choice.
    assert_eq!(
        presses(&vim, &[Context::Confirm], &[ch('Y')]),
        [Resolved::Action(Action::Yes)]
    );
    assert_eq!(
        presses(&vim, &[Context::Choice], &[ch('2')]),
        [Resolved::Action(Action::Choose(2))]
    );
}

fn help_text(km: &Keymap, ctx: Context, lang: Lang) -> Vec<String> {
    let lines = help_lines(km, ctx, lang, &Theme::plain());
    for l in &lines {
        assert!(l.width() <= 78, "wider than an 80-column box: {l:?}");
    }
    lines.iter().map(|l| l.to_string()).collect()
}

fn position(lines: &[String], text: &str) -> usize {
    lines
        .iter()
        .position(|l| l.trim_start().starts_with(text))
        .unwrap_or_else(|| panic!("no line starts with {text:?}:\n{}", lines.join("\n")))
}

fn words(lines: &[String], text: &str) -> Vec<String> {
    lines[position(lines, text)]
        .split("  ")
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn help_shows_the_panes_keys_first_in_the_officers_language() {
    let km = Keymap::default_keymap();
    let id = help_text(&km, Context::TRAININGS, Lang::Id);
    assert_eq!(id[0], "Panel Pelatihan");
    assert_eq!(words(&id, "f "), ["f", "tindak lanjut"]);
    assert_eq!(words(&id, "w b"), ["w b", "bekerja"]);
    assert_eq!(words(&id, "w u"), ["w u", "wirausaha"]);
    assert_eq!(words(&id, "w t"), ["w t", "tidak bekerja"]);
    assert_eq!(words(&id, "+"), ["+", "bulan +1"]);
    assert_eq!(words(&id, "PgDn"), ["PgDn", "halaman turun"]);
    assert_eq!(words(&id, "Del"), ["Del", "arsipkan"]);
    assert_eq!(words(&id, "Ctrl-S"), ["Ctrl-S", "simpan"]);
    assert_eq!(words(&id, "Tab, ↓"), ["Tab, ↓", "isian berikutnya"]);
    let (pane, list, global, form) = (
        position(&id, "Panel Pelatihan"),
        position(&id, "Di setiap daftar"),
        position(&id, "Di semua panel"),
        position(&id, "Di formulir"),
    );
    assert!(pane < position(&id, "w b") && position(&id, "w b") < list);
    assert!(list < position(&id, "PgDn") && position(&id, "PgDn") < global);
    assert!(global < position(&id, "q ") && position(&id, "q ") < form);
    assert!(form < position(&id, "Ctrl-S"));
    let all = id.join("\n");
    assert!(
        !all.contains("pagedown") && !all.contains("ctrl-s"),
        "{all}"
    );
    assert!(
        !all.contains("switch-view"),
        "descriptions, not action names"
    );

    let en = help_text(&km, Context::TRAININGS, Lang::En);
    assert_eq!(en[0], "Trainings pane");
    assert_eq!(words(&en, "w b"), ["w b", "wage job"]);
    assert_eq!(words(&en, "PgUp"), ["PgUp", "page up"]);
    assert!(en.iter().any(|l| l == "In every list"), "{en:?}");
    assert!(en.iter().any(|l| l == "Everywhere"), "{en:?}");

    // Another pane: its own keys, and none of the trainings'.
    let tr = help_text(&km, Context::TRANSMIGRANTS, Lang::Id);
    assert_eq!(tr[0], "Panel Transmigrasi");
    assert_eq!(words(&tr, "K"), ["K", "kuota"]);
    assert_eq!(words(&tr, "w"), ["w", "daftar tunggu"]);
    assert!(!tr.iter().any(|l| l.contains("w b")), "{tr:?}");
    // A pane without keys of its own says so.
    let iku = help_text(&km, Context::IKU, Lang::Id);
    assert_eq!(
        iku[..2],
        ["Panel IKU", "  tidak ada tombol khusus panel ini"]
    );

    // The vim keymap: every key of an action on its line, still within 80 columns.
    let vim = Keymap::load(Some("vim"), None).unwrap();
    let v = help_text(&vim, Context::TRAININGS, Lang::Id);
    assert_eq!(words(&v, "↓, j"), ["↓, j, Ctrl-N", "turun"]);
    assert_eq!(words(&v, "PgDn"), ["PgDn, Ctrl-D, Ctrl-F", "halaman turun"]);

    // A shadowed key is not offered: the override's n in [trainings] hides the list's new.
    let dir = tempfile::tempdir().unwrap();
    let over = file(&dir, "keymap.toml", "[trainings]\nquota = \"n\"\n");
    let km = Keymap::load(None, Some(&over)).unwrap();
    let h = help_text(&km, Context::TRAININGS, Lang::Id);
    assert_eq!(words(&h, "n "), ["n", "kuota"]);
    assert!(!h.iter().any(|l| l.ends_with(" baru")), "{h:?}");
}

fn screen(app: &mut disnaker::tui::app::App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..24 {
        for x in 0..80 {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn panes_take_their_keys_from_the_keymap() {
    let dir = tempfile::tempdir().unwrap();
    let over = file(
        &dir,
        "keymap.toml",
        "[trainings]\nfollow-up = \"F\"\n[transmigrants]\nquota = \"Q\"\n",
    );
    let km = Keymap::load(None, Some(&over)).unwrap();
    let mut a = disnaker::tui::app::App::new(
        disnaker::store::Store::open_in_memory("ani").unwrap(),
        km,
        Lang::Id,
        Theme::plain(),
        "test.db".into(),
        disnaker::domain::date::Date::from_ymd_opt(2026, 11, 28).unwrap(),
    );
    let press = |a: &mut disnaker::tui::app::App, c: char| a.handle_key(ch(c));
    press(&mut a, '4');
    press(&mut a, 'f');
    assert!(
        !screen(&mut a).contains("Tindak lanjut:"),
        "f is no longer bound"
    );
    press(&mut a, 'F');
    let s = screen(&mut a);
    assert!(s.contains("Tindak lanjut:"), "{s}");
    press(&mut a, '5');
    press(&mut a, 'K');
    assert!(!screen(&mut a).contains("Kuota provinsi baru"));
    press(&mut a, 'Q');
    let s = screen(&mut a);
    assert!(s.contains("Kuota provinsi baru"), "{s}");
}

#[test]
fn a_rebound_sequence_records_employment_and_the_old_one_does_not() {
    use disnaker::domain::case::Sex;
    use disnaker::domain::date::Date;
    use disnaker::domain::training::{Employment, FundingSource, Trainee, Training};
    let day = |y, m, d| Date::from_ymd_opt(y, m, d).unwrap();
    let mut store = disnaker::store::Store::open_in_memory("budi").unwrap();
    let mut t = Training::new("Teknisi AC", 2026, FundingSource::Dbhcht);
    t.start_date = Some(day(2026, 9, 1));
    t.end_date = Some(day(2026, 9, 15));
    let id = store.insert_training(&t).unwrap();
    let values = [
        ("name", "Agus Salim".to_string()),
        (
            "nik",
            disnaker::domain::nik::synthesise("3505", 5, day(1998, 5, 14), Sex::L, 104),
        ),
        ("sex", "L".to_string()),
        ("kecamatan", "Srengat".to_string()),
        ("phone", "0813-1111-2222".to_string()),
        ("graduated", "ya".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let (p, c) = Trainee::from_fields(&values, id, &t, day(2026, 12, 15));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    store.insert_trainee(&p.unwrap()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let over = file(
        &dir,
        "keymap.toml",
        "[trainings]\nmark-employed = \"m e\"\n",
    );
    let mut a = disnaker::tui::app::App::new(
        store,
        Keymap::load(None, Some(&over)).unwrap(),
        Lang::Id,
        Theme::plain(),
        "test.db".into(),
        day(2026, 12, 15),
    );
    for c in ['4', 'f'] {
        a.handle_key(ch(c));
    }
    assert!(
        screen(&mut a).contains("0813-1111-2222"),
        "Agus is to be called"
    );
    // w b no longer records (w still starts w u / w t, so b drops the sequence).
    a.handle_key(ch('w'));
    a.handle_key(ch('b'));
    assert!(screen(&mut a).contains("Hasil kerja tidak dicatat."));
    assert_eq!(a.store.get_trainee(1).unwrap().trainee.employment, None);
    // m e does.
    a.handle_key(ch('m'));
    let s = screen(&mut a);
    assert!(
        s.contains("Hasil kerja Agus Salim:"),
        "the prompt names whom: {s}"
    );
    a.handle_key(ch('e'));
    let s = screen(&mut a);
    assert!(s.contains("Agus Salim: bekerja (dicatat"), "{s}");
    assert_eq!(
        a.store.get_trainee(1).unwrap().trainee.employment,
        Some(Employment::Bekerja)
    );
}

#[test]
fn a_short_keymap_file_given_by_path_keeps_every_other_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "[global]\nquit = \"ctrl-q\"\n").unwrap();
    let km = Keymap::load(path.to_str(), None).unwrap();
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(km.action(Context::List, &down), Some(Action::Down));
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(
        km.action(Context::Global, &q),
        None,
        "its own binding replaces the default"
    );
    let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(km.action(Context::Global, &ctrl_q), Some(Action::Quit));
}
