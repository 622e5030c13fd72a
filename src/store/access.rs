//! Whether this user can write the store: the store file, its journal files (`-wal`, `-shm`,
//! `-journal`) and, where SQLite must create a journal file, its folder. A store left at 644
//! lets another officer's read leave journal files only they can write, and the owner's next
//! save fails with SQLite's "attempt to write a readonly database"; this names the file, its
//! owner and mode, and the fix (README: "Several officers, one store") before SQLite is asked.
//!
//! Nothing is created or changed: an existing file is opened for appending (never created,
//! never written) to learn whether this user may write it; a folder, which cannot be tried
//! without creating something in it, is judged by its owner, group and mode bits against this
//! process's user and groups (read from `/proc/self/status`).
//!
//! Call it before this process opens the store: closing the file opened for the test would
//! drop the locks an open SQLite connection of this process holds on the same file.

use crate::i18n::Lang;
use std::path::{Path, PathBuf};

/// The journal files SQLite keeps beside the store, in the order they are looked at.
const JOURNALS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// A file or folder the store needs to write and this user cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessProblem {
    /// The file (the store or one of its journal files) or the folder.
    pub path: PathBuf,
    pub folder: bool,
    pub owner: u32,
    pub group: u32,
    /// Permission bits (`0o644`).
    pub mode: u32,
}

/// A process's user and groups: what the mode bits of a file are compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub uid: u32,
    /// The primary group and the supplementary groups.
    pub groups: Vec<u32>,
}

impl Identity {
    /// This process's effective user and its groups; `None` where `/proc` does not say.
    pub fn current() -> Option<Identity> {
        Identity::from_status(&std::fs::read_to_string("/proc/self/status").ok()?)
    }

    /// Read from the text of `/proc/<pid>/status` (`Uid:`, `Gid:`, `Groups:` lines).
    fn from_status(status: &str) -> Option<Identity> {
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|rest| {
                    rest.split_whitespace()
                        .filter_map(|n| n.parse::<u32>().ok())
                        .collect::<Vec<_>>()
                })
        };
        // Real, effective, saved, filesystem: the effective ids decide.
        let uid = *field("Uid:")?.get(1)?;
        let gid = *field("Gid:")?.get(1)?;
        let mut groups = vec![gid];
        groups.extend(field("Groups:").unwrap_or_default());
        Some(Identity { uid, groups })
    }

    /// May this user write a file (or, with `folder`, create and remove files in a folder)
    /// of this owner, group and mode? By the permission bits alone, as the kernel decides
    /// without access control lists: the owner's bits for the owner, the group's for a
    /// member, the others' for everyone else; root may always.
    pub fn may_write(&self, owner: u32, group: u32, mode: u32, folder: bool) -> bool {
        if self.uid == 0 {
            return true;
        }
        let bits = if self.uid == owner {
            mode >> 6
        } else if self.groups.contains(&group) {
            mode >> 3
        } else {
            mode
        };
        // A folder must also be searchable to create a file in it.
        let needed = if folder { 0o3 } else { 0o2 };
        bits & needed == needed
    }
}

/// The first file or folder of the store at `store` that this user cannot write, if any
/// (the store, then its journal files, then its folder where a journal file is missing). A
/// missing store is no problem here: opening it says so.
pub fn diagnose(store: &Path) -> Option<AccessProblem> {
    let who = Identity::current();
    diagnose_with(store, who.as_ref(), |path, meta| {
        // Only a regular file is tried (opening a pipe for writing would wait for a reader);
        // anything else is judged by its mode bits.
        if !meta.regular {
            return who
                .as_ref()
                .is_none_or(|w| w.may_write(meta.owner, meta.group, meta.mode, false));
        }
        // Tried, as the kernel decides (access control lists included); opened for
        // appending, never created, nothing written.
        match std::fs::OpenOptions::new().append(true).open(path) {
            Err(e) => e.kind() != std::io::ErrorKind::PermissionDenied,
            Ok(_) => true,
        }
    })
}

/// What [`diagnose`] finds for another user than this process's: every file judged by its
/// mode bits and owner (a process running as root may write anything, so tests of the
/// shared setup ask this on behalf of the officer).
pub fn diagnose_for(store: &Path, who: &Identity) -> Option<AccessProblem> {
    diagnose_with(store, Some(who), |_, meta| {
        who.may_write(meta.owner, meta.group, meta.mode, false)
    })
}

/// Owner, group and mode of a file.
#[derive(Debug, Clone, Copy)]
struct Meta {
    owner: u32,
    group: u32,
    mode: u32,
    regular: bool,
}

/// Owner, group and mode of a file; `None` where it is missing (or, off Unix, always: there
/// is no group setup to diagnose).
fn meta_of(path: &Path) -> Option<Meta> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(Meta {
            owner: m.uid(),
            group: m.gid(),
            mode: m.mode() & 0o7777,
            regular: m.is_file(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

fn diagnose_with(
    store: &Path,
    who: Option<&Identity>,
    writable: impl Fn(&Path, &Meta) -> bool,
) -> Option<AccessProblem> {
    let problem = |path: PathBuf, meta: Meta, folder: bool| AccessProblem {
        path,
        folder,
        owner: meta.owner,
        group: meta.group,
        mode: meta.mode,
    };
    if !std::fs::metadata(store).ok()?.is_file() {
        // A folder or a device named as the store is refused when it is opened.
        return None;
    }
    let mut missing_journal = false;
    let journals = JOURNALS.iter().map(|suffix| {
        let mut p = store.as_os_str().to_owned();
        p.push(suffix);
        (PathBuf::from(p), *suffix != "-journal")
    });
    for (path, needed) in std::iter::once((store.to_path_buf(), true)).chain(journals) {
        match meta_of(&path) {
            Some(meta) => {
                if !writable(&path, &meta) {
                    return Some(problem(path, meta, false));
                }
            }
            None => missing_journal |= needed,
        }
    }
    // SQLite creates the -wal and -shm files beside the store when it opens it.
    if missing_journal {
        let dir = match store.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let (Some(meta), Some(who)) = (meta_of(&dir), who) {
            if !who.may_write(meta.owner, meta.group, meta.mode, true) {
                return Some(problem(dir, meta, true));
            }
        }
    }
    None
}

impl AccessProblem {
    /// One line for the officer: the file or folder, its owner, group and mode, why it
    /// matters, and what to ask the administrator for.
    pub fn message(&self, lang: Lang) -> String {
        let what = lang
            .t(if self.folder {
                "access.folder"
            } else {
                "access.file"
            })
            .replace("{file}", &self.path.display().to_string())
            .replace("{owner}", &user_name(self.owner))
            .replace("{group}", &group_name(self.group))
            .replace("{mode}", &format!("{:04o}", self.mode & 0o7777));
        crate::domain::masked_line(&format!("{what} {}", lang.t("access.fix")))
    }
}

/// `budi`, or the number of a user the system does not name.
fn user_name(uid: u32) -> String {
    named("/etc/passwd", uid)
}

fn group_name(gid: u32) -> String {
    named("/etc/group", gid)
}

/// The name of the id in a `name:x:id:...` file (`/etc/passwd`, `/etc/group`), else the id.
fn named(file: &str, id: u32) -> String {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| {
            text.lines().find_map(|l| {
                let mut f = l.split(':');
                let name = f.next()?;
                let n: u32 = f.nth(1)?.parse().ok()?;
                (n == id && !name.is_empty()).then(|| name.to_string())
            })
        })
        .unwrap_or_else(|| id.to_string())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn chmod(p: &Path, mode: u32) {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    fn officer(uid: u32, groups: &[u32]) -> Identity {
        Identity {
            uid,
            groups: groups.to_vec(),
        }
    }

    #[test]
    fn the_mode_bits_decide_by_owner_then_group_then_others() {
        let ani = officer(1001, &[1001, 500]);
        // Her own file at 644 and 444.
        assert!(ani.may_write(1001, 1001, 0o644, false));
        assert!(!ani.may_write(1001, 1001, 0o444, false));
        // Another officer's journal at 644: the trap of the issue; at 664 in the group, fine.
        assert!(!ani.may_write(1002, 1002, 0o644, false));
        assert!(!ani.may_write(1002, 500, 0o644, false));
        assert!(ani.may_write(1002, 500, 0o664, false));
        // Group bits do not help the owner, others' bits do not help a member.
        assert!(!ani.may_write(1001, 500, 0o464, false));
        assert!(!ani.may_write(1002, 500, 0o646, false));
        assert!(ani.may_write(1002, 1002, 0o646, false));
        // A folder needs write and search.
        assert!(ani.may_write(0, 500, 0o2770, true));
        assert!(!ani.may_write(0, 500, 0o2750, true));
        assert!(!ani.may_write(0, 500, 0o2760, true));
        assert!(!ani.may_write(0, 0, 0o755, true));
        // Root may.
        assert!(officer(0, &[0]).may_write(1002, 1002, 0o400, false));
    }

    #[test]
    fn the_identity_is_read_from_the_status_text() {
        let status = "Name:\tdisnaker\nUid:\t1001\t1003\t1003\t1003\nGid:\t100\t500\t500\t500\n\
                      Groups:\t24 27 500 \n";
        assert_eq!(
            Identity::from_status(status),
            Some(officer(1003, &[500, 24, 27, 500]))
        );
        assert_eq!(
            Identity::from_status("Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t \n"),
            Some(officer(0, &[0]))
        );
        assert_eq!(Identity::from_status("Name: x\n"), None);
        // This process's, as the kernel says.
        let me = Identity::current().expect("/proc/self/status");
        let uid = std::fs::metadata("/proc/self").map(|m| {
            use std::os::unix::fs::MetadataExt;
            m.uid()
        });
        assert_eq!(Some(me.uid), uid.ok());
    }

    /// A store file and its journal files in a folder of mode `dir_mode`.
    fn shared(dir_mode: u32, files: &[(&str, u32)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("disnaker.db");
        for (suffix, mode) in files {
            let p = dir.path().join(format!("disnaker.db{suffix}"));
            std::fs::write(&p, b"x").unwrap();
            chmod(&p, *mode);
        }
        chmod(dir.path(), dir_mode);
        (dir, store)
    }

    fn owner_of(p: &Path) -> u32 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).unwrap().uid()
    }

    #[test]
    fn a_journal_file_nobody_but_its_owner_may_write_is_named() {
        let (dir, store) = shared(0o2770, &[("", 0o660), ("-wal", 0o644), ("-shm", 0o664)]);
        let me = owner_of(&store);
        // Another officer of the files' group: the -wal is the first file they cannot write.
        let other = officer(
            me.wrapping_add(1),
            &[std::fs::metadata(&store)
                .map(|m| {
                    use std::os::unix::fs::MetadataExt;
                    m.gid()
                })
                .unwrap()],
        );
        let found = diagnose_for(&store, &other).expect("the -wal at 644");
        assert_eq!(found.path, dir.path().join("disnaker.db-wal"));
        assert_eq!((found.owner, found.mode, found.folder), (me, 0o644, false));
        let said = found.message(Lang::En);
        assert!(
            said.contains("disnaker.db-wal") && said.contains("mode 0644"),
            "{said}"
        );
        assert!(
            said.contains("chmod g+rw") && said.contains("Several officers, one store"),
            "{said}"
        );
        assert!(!said.contains('\n'), "{said}");
        let dikatakan = found.message(Lang::Id);
        assert!(dikatakan.contains("tidak dapat ditulis"), "{dikatakan}");
        assert!(dikatakan.contains("disnaker.db-wal"), "{dikatakan}");
        // The owner of every file may write them all: nothing to say.
        assert_eq!(diagnose_for(&store, &officer(me, &[])), None);
        // The group setup of README: every file group-writable.
        chmod(&dir.path().join("disnaker.db-wal"), 0o660);
        assert_eq!(diagnose_for(&store, &other), None);
        // The store itself comes first.
        chmod(&store, 0o644);
        assert_eq!(diagnose_for(&store, &other).unwrap().path, store);
    }

    #[test]
    fn a_folder_where_the_journal_files_cannot_be_made_is_named_only_when_they_are_missing() {
        let (dir, store) = shared(0o755, &[("", 0o666)]);
        let me = owner_of(&store);
        let other = officer(me.wrapping_add(1), &[]);
        let found = diagnose_for(&store, &other).expect("a folder at 755");
        assert_eq!(found.path, dir.path());
        assert!(found.folder);
        assert_eq!(found.mode, 0o755);
        let said = found.message(Lang::En);
        assert!(
            said.starts_with("The folder ") && said.contains("-wal"),
            "{said}"
        );
        // Once the journal files are there (and writable), the folder does not matter.
        for suffix in ["-wal", "-shm"] {
            let p = dir.path().join(format!("disnaker.db{suffix}"));
            std::fs::write(&p, b"").unwrap();
            chmod(&p, 0o666);
        }
        chmod(dir.path(), 0o755);
        assert_eq!(diagnose_for(&store, &other), None);
    }

    #[test]
    fn the_test_by_trying_creates_and_changes_nothing() {
        let (dir, store) = shared(0o700, &[("", 0o600)]);
        let before = std::fs::read(&store).unwrap();
        assert_eq!(diagnose(&store), None);
        assert_eq!(std::fs::read(&store).unwrap(), before);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no journal file made");
        // A missing store: nothing to say here (opening it says so).
        assert_eq!(diagnose(&dir.path().join("none.db")), None);
        // A pipe under a journal file's name is judged, not opened (that would wait for a
        // reader forever).
        let fifo = dir.path().join("disnaker.db-shm");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        chmod(&fifo, 0o644);
        let (tx, rx) = std::sync::mpsc::channel();
        let s = store.clone();
        std::thread::spawn(move || tx.send(diagnose(&s)).unwrap());
        let found = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("diagnose returns on a pipe");
        assert_eq!(found, None, "the owner may write a 0644 pipe");
        std::fs::remove_file(&fifo).unwrap();
        // A read-only journal file is found by trying, unless the process is root, whom
        // the kernel lets write anything (then the mode bits speak for another officer).
        let wal = dir.path().join("disnaker.db-wal");
        std::fs::write(&wal, b"").unwrap();
        chmod(&wal, 0o444);
        if Identity::current().is_some_and(|me| me.uid == 0) {
            println!(
                "running as root: the kernel lets root write a 0444 file, so the files are \
                 given to uid 65534 and judged by mode bits for that user"
            );
            for p in [&store, &wal] {
                std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
            }
            assert_eq!(diagnose(&store), None, "root may write");
            let found = diagnose_for(&store, &officer(65534, &[65534])).unwrap();
            assert_eq!((found.path, found.mode), (wal.clone(), 0o444));
            assert_eq!(found.owner, 65534);
        } else {
            let found = diagnose(&store).expect("a 0444 -wal");
            assert_eq!((found.path, found.mode), (wal.clone(), 0o444));
        }
        assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
    }
}
