//! The terminal guard: raw mode and the alternate screen on entry, restored on every way
//! out: normal exit, error, panic, Ctrl-C (a key in raw mode), SIGHUP/SIGTERM (a dropped SSH
//! connection).

use crossterm::{cursor, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Frames leave through [`super::frame::Compact`], made shorter on the way.
pub type Term = Terminal<CrosstermBackend<super::frame::Compact<Stdout>>>;

pub struct TerminalGuard {
    pub terminal: Term,
}

/// Undo everything `enter` did. Safe to call more than once.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        let mut out = io::stdout();
        if let Err(e) = execute!(out, terminal::EnterAlternateScreen, cursor::Hide) {
            restore();
            return Err(e);
        }
        let terminal = Terminal::new(CrosstermBackend::new(super::frame::Compact::new(out)))
            .inspect_err(|_| restore())?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Set when the connection dropped (SIGHUP) or the process was asked to stop (SIGTERM,
/// SIGINT from outside): the loop then leaves cleanly and the guard restores the screen.
pub fn hangup_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&flag))?;
    }
    Ok(flag)
}

pub fn raised(flag: &AtomicBool) -> bool {
    flag.load(Ordering::Relaxed)
}
