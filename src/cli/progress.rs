//! Progress on stderr for long imports and demo fills, only when a person is watching (stderr
//! is a terminal): scripts and logs get no carriage-return noise.

use std::io::{IsTerminal, Write};

pub struct Progress {
    label: &'static str,
    total: usize,
    every: usize,
    shown: bool,
    enabled: bool,
}

impl Progress {
    /// Report every `every` items out of `total`, and only for jobs at least that big.
    pub fn new(label: &'static str, total: usize, every: usize) -> Progress {
        Progress {
            label,
            total,
            every: every.max(1),
            shown: false,
            enabled: total >= every && std::io::stderr().is_terminal(),
        }
    }

    /// `done` items are finished; prints when a multiple of `every` has been passed.
    pub fn update(&mut self, done: usize) {
        if self.enabled && done % self.every == 0 && done > 0 && done < self.total {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{} {done} / {}", self.label, self.total);
            let _ = err.flush();
            self.shown = true;
        }
    }

    /// Clear the progress line.
    pub fn finish(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:width$}\r", "", width = 60);
            let _ = err.flush();
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
