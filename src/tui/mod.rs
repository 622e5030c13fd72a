//! The terminal interface: terminal guard, event loop, app state and update, keymap, panes.

pub mod app;
pub mod cases;
pub mod chart;
pub mod disputes;
pub mod domestic;
pub mod drafts;
pub mod filter;
pub mod form;
pub mod frame;
pub mod help;
pub mod iku;
pub mod jobseekers;
pub mod keymap;
pub mod lookup;
pub mod pane;
pub mod placements;
pub mod placements_chart;
pub mod popup;
pub mod records;
pub mod table;
pub mod terminal;
pub mod theme;
pub mod trainings;
pub mod transmigrants;
pub mod window;

use crate::clock::today;
use crate::config;
use crate::i18n::Lang;
use crate::store::{AccessProblem, Store};
use app::App;
use color_eyre::eyre::{eyre, WrapErr};
use crossterm::event::{self, Event};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
    /// What of the store this officer cannot write, found before it was opened
    /// (`store::access::diagnose`): said in the message line at start.
    pub access: Option<AccessProblem>,
}

/// How often the store is asked whether another officer saved something.
const DATA_POLL: Duration = Duration::from_secs(2);

pub fn run(store: Store, opts: TuiOptions) -> color_eyre::Result<()> {
    // A bad keymap is refused before the screen is touched, with path, line and reason.
    let user_keys = config::config_dir().map(|d| d.join("keymap.toml"));
    let keymap = keymap::Keymap::load(opts.keymap.as_deref(), user_keys.as_deref())
        .map_err(|e| eyre!("keymap refused: {e}"))?;
    let label = opts
        .store_label
        .clone()
        .unwrap_or_else(|| opts.db_path.display().to_string());
    let mut app = App::new(
        store,
        keymap,
        opts.lang,
        theme::Theme::from_env(),
        label,
        today(),
    );
    // Forms left unsaved when the connection dropped last time come back first.
    app.restore_drafts();
    // Said last, over a draft that could not be taken back for the same reason.
    app.note_access(opts.access.as_ref());
    let hangup = terminal::hangup_flag().wrap_err("cannot watch for a dropped connection")?;
    let mut guard = terminal::TerminalGuard::enter().wrap_err("cannot open the terminal")?;
    let result = keeping_drafts(&mut app, |app| event_loop(app, &mut guard, &hangup));
    drop(guard);
    result
}

/// Run the officer's session `body` on `app`; however it ends without the officer's say-so
/// (the connection dropped, the terminal went away, an error, even a bug that panics), what
/// they typed in an open form is kept as a draft for next time.
pub fn keeping_drafts(
    app: &mut App,
    body: impl FnOnce(&mut App) -> color_eyre::Result<()>,
) -> color_eyre::Result<()> {
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(app))) {
        Ok(r) => r,
        // The panic hook has put the terminal back and reported where; a form's typed
        // values are plain text and still worth keeping.
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(eyre!("the program stopped on an internal error: {what}"))
        }
    };
    if !app.quit {
        if let Err(e) = app.save_drafts() {
            return Err(eyre!("the unsaved form could not be kept as a draft: {e}"));
        }
    }
    result
}

/// Draw and handle input until the officer quits, the connection drops (SIGHUP, SIGTERM) or
/// the terminal is gone.
fn event_loop(
    app: &mut App,
    guard: &mut terminal::TerminalGuard,
    hangup: &std::sync::atomic::AtomicBool,
) -> color_eyre::Result<()> {
    // A terminal that hangs up without a SIGHUP reaching us (the program started by a
    // wrapper that does not pass it on) stops being a terminal: leave then too, instead of
    // spinning on a dead one.
    let had_terminal = std::io::stdout().is_terminal();
    let mut dirty = true;
    let mut last_poll = Instant::now();
    let mut frames = frame::FrameWriter::new();
    loop {
        if terminal::raised(hangup) || (had_terminal && !std::io::stdout().is_terminal()) {
            return Ok(());
        }
        if dirty {
            frames.draw(&mut guard.terminal, app)?;
            dirty = false;
        }
        // Work left after the frame (a filter's count) goes on between keys: a key that
        // comes meanwhile is read first.
        let working = app.has_work();
        let wait = if working {
            Duration::ZERO
        } else {
            Duration::from_millis(250)
        };
        if event::poll(wait)? {
            match event::read()? {
                Event::Key(k) => {
                    app.handle_key(k);
                    dirty = true;
                }
                Event::Resize(_, _) => {
                    frames.forget();
                    dirty = true;
                }
                _ => {}
            }
        } else if working {
            dirty |= app.work();
        } else if last_poll.elapsed() >= DATA_POLL {
            last_poll = Instant::now();
            dirty |= app.poll_data_change();
        }
        if app.quit {
            return Ok(());
        }
    }
}
