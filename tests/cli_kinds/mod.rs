//! What the command-line tests of disputes, trainees and transmigrants share: a temporary
//! office with an empty store, files in it, and the binary run against it with no config
//! file and no environment overrides.
#![allow(dead_code)] // each test crate uses its own part

use assert_cmd::cargo_bin_cmd;
use disnaker::store::Store;
use std::path::{Path, PathBuf};
use std::process::Output;

pub fn disnaker(db: &Path) -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("disnaker");
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-test/config.toml")
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        // The English text these tests read (the default is Indonesian).
        .args(["--lang", "en"])
        .arg("--db")
        .arg(db);
    c
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub struct Office {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub root: PathBuf,
}

impl Office {
    /// A temporary directory with an empty store.
    pub fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.db");
        Store::open(&db, "test").unwrap();
        Office {
            root: dir.path().to_path_buf(),
            db,
            _dir: dir,
        }
    }

    /// A temporary directory with no store at all.
    pub fn without_store() -> Office {
        let dir = tempfile::tempdir().unwrap();
        Office {
            root: dir.path().to_path_buf(),
            db: dir.path().join("office.db"),
            _dir: dir,
        }
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.root.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// `disnaker import <kind> FILE [extra..]`.
    pub fn import(&self, kind: &str, file: &Path, extra: &[&str]) -> Output {
        disnaker(&self.db)
            .args(["import", kind])
            .arg(file)
            .args(extra)
            .output()
            .unwrap()
    }

    /// `disnaker export <args..>`.
    pub fn export(&self, args: &[&str]) -> Output {
        disnaker(&self.db)
            .arg("export")
            .args(args)
            .output()
            .unwrap()
    }

    /// `export <kind> --year <year>` as text, which must succeed.
    pub fn export_csv(&self, kind: &str, year: i32) -> String {
        let out = self.export(&[kind, "--year", &year.to_string()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    }

    pub fn records(&self) -> i64 {
        Store::open(&self.db, "test")
            .unwrap()
            .record_count()
            .unwrap()
    }
}

/// An import refused with exit code 3: its stderr lines, the last one the closing
/// `disnaker: FILE: ...` sentence; nothing on stdout.
pub fn refused(out: &Output) -> Vec<String> {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let lines: Vec<String> = err.lines().map(String::from).collect();
    assert!(
        lines.last().is_some_and(|l| l.starts_with("disnaker: ")),
        "{err}"
    );
    lines
}
