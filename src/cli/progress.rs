//! Progress on stderr for long imports and demo fills, only when a person is watching (stderr
//! is a terminal): scripts and logs get no carriage-return noise.

use std::io::{IsTerminal, Write};

pub struct Progress {
    label: &'static str,
    total: usize,
    /// For a file read as a stream: its size in bytes (the rows are not known until read).
    bytes: Option<u64>,
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
            bytes: None,
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

    /// Report rows as they are read from a file of `size` bytes, every `every` rows, for files
    /// big enough to hold that many rows.
    pub fn of_bytes(label: &'static str, size: u64, every: usize) -> Progress {
        // A row is at least a few dozen bytes.
        let mut p = Progress::new(label, (size / 32) as usize, every);
        p.total = usize::MAX;
        p.bytes = Some(size.max(1));
        p
    }

    /// `done` rows are read, `read` bytes of the file: prints the rows and the share of the
    /// file read when a multiple of `every` rows has been passed.
    pub fn update_share(&mut self, done: usize, read: u64) {
        let Some(size) = self.bytes else {
            return self.update(done);
        };
        if self.enabled && done % self.every == 0 && done > 0 {
            let pct = (read.min(size) * 100 / size).min(99);
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{} {done} ({pct}%)", self.label);
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
