//! The default keymap in code, entry for entry the same as `keymaps/default.toml` (a test
//! compares them), so the program has keys even without reading any file.

use super::{Action, Context};

use Action::*;
use Context::{Form, Global, List};

pub(super) const DEFAULT: &[(Context, Action, &[&str])] = &[
    (Global, Quit, &["q"]),
    (Global, Help, &["?"]),
    (Global, NextPane, &["tab"]),
    (Global, PrevPane, &["shift-tab"]),
    (Global, Pane(1), &["1"]),
    (Global, Pane(2), &["2"]),
    (Global, Pane(3), &["3"]),
    (Global, Pane(4), &["4"]),
    (Global, Pane(5), &["5"]),
    (Global, Pane(6), &["6"]),
    (Global, PrevYear, &["["]),
    (Global, NextYear, &["]"]),
    (Global, Lookup, &["L"]),
    (List, Up, &["up"]),
    (List, Down, &["down"]),
    (List, PageUp, &["pageup"]),
    (List, PageDown, &["pagedown"]),
    (List, Home, &["home"]),
    (List, End, &["end"]),
    (List, Open, &["enter"]),
    (List, New, &["n"]),
    (List, Edit, &["e"]),
    (List, Status, &["s"]),
    (List, Archive, &["delete"]),
    (List, Filter, &["/"]),
    (List, Cancel, &["esc"]),
    (List, Export, &["x"]),
    (List, History, &["h"]),
    (List, Left, &["left"]),
    (List, Right, &["right"]),
    (List, SwitchView, &["v"]),
    (Form, Save, &["ctrl-s"]),
    (Form, Cancel, &["esc"]),
    (Form, NextField, &["tab", "down"]),
    (Form, PrevField, &["shift-tab", "up"]),
    (Form, ChoiceNext, &["right"]),
    (Form, ChoicePrev, &["left"]),
];
