//! The program as an officer meets it: `disnaker` run as a child process on a real
//! pseudo-terminal, keys written to it one at a time, each timed from the key written to the
//! last byte of the frame it draws (the program then stays quiet for `QUIET`), with the
//! bytes it sent. Nothing is measured inside the program: what the terminal sees is what
//! counts, so a key whose frame comes late is late however the program spends its time.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// After the last byte of a frame, this long without output ends the key (long enough for
/// a count finished between keys to arrive with the key it belongs to).
const QUIET: Duration = Duration::from_millis(150);
/// A key with no output at all within this long has drawn nothing (a miss).
const NO_FRAME: Duration = Duration::from_secs(5);

/// One key (or the same key pressed `count` times) and what it cost.
#[derive(Debug, Clone)]
pub struct KeyTimes {
    pub label: String,
    /// Milliseconds from the key written to the frame's last byte, one per press; `None`
    /// where no frame came (the key was not answered, or the program died).
    pub ms: Vec<Option<f64>>,
    /// Milliseconds to the end of the first frame drawn after the key (its synchronized
    /// update closed): what the officer sees; later frames (a count finished between keys)
    /// come on top of it and end at `ms`.
    pub frame_ms: Vec<Option<f64>>,
    pub bytes: Vec<usize>,
}

impl KeyTimes {
    /// The slowest press to its first frame, or None when any press drew no frame.
    pub fn worst_frame_ms(&self) -> Option<f64> {
        worst(&self.frame_ms)
    }

    /// The slowest press to its last byte (counts finished after the frame included).
    pub fn worst_ms(&self) -> Option<f64> {
        worst(&self.ms)
    }

    pub fn median_frame_ms(&self) -> Option<f64> {
        let mut v: Vec<f64> = self.frame_ms.iter().copied().collect::<Option<Vec<_>>>()?;
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    }

    pub fn max_bytes(&self) -> usize {
        self.bytes.iter().copied().max().unwrap_or(0)
    }
}

fn worst(v: &[Option<f64>]) -> Option<f64> {
    v.iter()
        .try_fold(0.0_f64, |w, m| m.map(|m| w.max(m)))
        .filter(|_| !v.is_empty())
}

/// The whole session at one screen size.
#[derive(Debug)]
pub struct Session {
    /// The first frame after `exec`: None when none came.
    pub first_frame: Option<(f64, usize)>,
    pub keys: Vec<KeyTimes>,
    /// Peak resident memory of the program (VmHWM), KiB.
    pub peak_kib: Option<u64>,
    /// Why the session stopped early, if it did.
    pub broken: Option<String>,
}

/// A step of the script: a label, the bytes of the key, how many presses.
pub struct Step {
    pub label: String,
    pub key: Vec<u8>,
    pub count: usize,
}

impl Step {
    pub fn new(label: impl Into<String>, key: &[u8], count: usize) -> Step {
        Step {
            label: label.into(),
            key: key.to_vec(),
            count,
        }
    }
}

pub const DOWN: &[u8] = b"\x1b[B";
pub const PAGE_DOWN: &[u8] = b"\x1b[6~";
pub const END: &[u8] = b"\x1b[F";
pub const HOME: &[u8] = b"\x1b[H";
pub const ESC: &[u8] = b"\x1b";

/// The officer's session: every pane's first and later visit, Down / PageDown / End in
/// every list, a filter typed key by key in pane 1, the kecamatan lookup typed key by key.
pub fn script(filter: &str, lookup: &str) -> Vec<Step> {
    let mut s = Vec::new();
    let panes = ['2', '3', '4', '5', '6', '7', '1'];
    for p in panes {
        s.push(Step::new(
            format!("pane {p}, first visit"),
            p.to_string().as_bytes(),
            1,
        ));
    }
    for p in panes {
        s.push(Step::new(
            format!("pane {p}, later visit"),
            p.to_string().as_bytes(),
            1,
        ));
        s.push(Step::new(format!("pane {p}: Down"), DOWN, 30));
        s.push(Step::new(format!("pane {p}: PageDown"), PAGE_DOWN, 3));
        s.push(Step::new(format!("pane {p}: End"), END, 1));
        s.push(Step::new(format!("pane {p}: Home"), HOME, 1));
    }
    s.push(Step::new("pane 1: /", b"/", 1));
    for c in filter.chars() {
        s.push(Step::new(
            format!("pane 1: filter typed '{c}'"),
            c.to_string().as_bytes(),
            1,
        ));
    }
    s.push(Step::new("pane 1: Down in the filtered list", DOWN, 10));
    s.push(Step::new("pane 1: Esc (filter cleared)", ESC, 1));
    s.push(Step::new("lookup: L", b"L", 1));
    for c in lookup.chars() {
        s.push(Step::new(
            format!("lookup: typed '{c}'"),
            c.to_string().as_bytes(),
            1,
        ));
    }
    s.push(Step::new("lookup: Esc", ESC, 1));
    s
}

/// Run `bin --db db` on a `w`×`h` pseudo-terminal through `steps`.
pub fn run(bin: &Path, db: &Path, w: u16, h: u16, steps: &[Step]) -> Session {
    let mut session = Session {
        first_frame: None,
        keys: Vec::new(),
        peak_kib: None,
        broken: None,
    };
    let (master, mut child) = match spawn(bin, db, w, h) {
        Ok(x) => x,
        Err(e) => {
            session.broken = Some(e);
            return session;
        }
    };
    let fd = master.as_raw_fd();
    let d = drain(fd, Duration::from_millis(400), Duration::from_secs(15));
    session.first_frame = (d.bytes > 0).then_some((ms(d.frame), d.bytes));
    for step in steps {
        let mut k = KeyTimes {
            label: step.label.clone(),
            ms: Vec::new(),
            frame_ms: Vec::new(),
            bytes: Vec::new(),
        };
        for _ in 0..step.count {
            if session.broken.is_none() && !write_all(fd, &step.key) {
                session.broken = Some(format!("the program stopped reading keys at {}", k.label));
            }
            if session.broken.is_some() {
                k.ms.push(None);
                k.frame_ms.push(None);
                continue;
            }
            let d = drain(fd, QUIET, NO_FRAME);
            k.bytes.push(d.bytes);
            k.ms.push((d.bytes > 0).then_some(ms(d.last)));
            k.frame_ms.push((d.bytes > 0).then_some(ms(d.frame)));
        }
        session.keys.push(k);
    }
    session.peak_kib = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        });
    let _ = write_all(fd, b"q");
    let _ = drain(fd, Duration::from_millis(200), Duration::from_secs(2));
    if child.try_wait().ok().flatten().is_none() {
        let _ = child.kill();
    }
    let _ = child.wait();
    session
}

fn spawn(bin: &Path, db: &Path, w: u16, h: u16) -> Result<(OwnedFd, Child), String> {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: h,
        ws_col: w,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors through valid pointers; the name is not asked.
    let ok = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    } == 0;
    if !ok {
        return Err(format!("openpty: {}", std::io::Error::last_os_error()));
    }
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let io = |fd: &OwnedFd| -> Result<Stdio, String> {
        fd.try_clone().map(Stdio::from).map_err(|e| e.to_string())
    };
    let mut cmd = super::process::disnaker(bin, db);
    cmd.env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .stdin(io(&slave)?)
        .stdout(io(&slave)?)
        .stderr(io(&slave)?);
    // SAFETY: between fork and exec only async-signal-safe calls: setsid and ioctl.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().map_err(|e| format!("{bin:?}: {e}"))?;
    drop(slave);
    Ok((master, child))
}

fn write_all(fd: i32, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        // SAFETY: writes from a valid slice to an open descriptor.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            return false;
        }
        bytes = &bytes[n as usize..];
    }
    true
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// What came after a key.
struct Drained {
    bytes: usize,
    /// From the key to the end of the first frame (the last byte when no frame closed).
    frame: Duration,
    /// From the key to the last byte.
    last: Duration,
}

/// The end of a frame: the program's frame writer closes a synchronized update.
const FRAME_END: &[u8] = b"\x1b[?2026l";

/// Read until the program has been quiet for `quiet` after its last byte (or for `limit`
/// without any byte). Answers the terminal queries a real terminal would (cursor position,
/// device attributes).
fn drain(fd: i32, quiet: Duration, limit: Duration) -> Drained {
    let start = Instant::now();
    let mut last = start;
    let mut frame = None;
    let mut n = 0;
    let mut buf = vec![0u8; 65536];
    loop {
        let wait = if n > 0 {
            quiet.saturating_sub(last.elapsed())
        } else {
            limit.saturating_sub(start.elapsed())
        };
        if wait.is_zero() {
            break;
        }
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let r = unsafe { libc::poll(&mut p, 1, wait.as_millis().max(1) as i32) };
        if r <= 0 {
            continue;
        }
        // SAFETY: reads into a valid buffer of its length.
        let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if got <= 0 {
            break;
        }
        let d = &buf[..got as usize];
        n += d.len();
        last = Instant::now();
        if frame.is_none() && contains(d, FRAME_END) {
            frame = Some(last - start);
        }
        if contains(d, b"\x1b[6n") {
            write_all(fd, b"\x1b[1;1R");
        }
        if contains(d, b"\x1b[c") {
            write_all(fd, b"\x1b[?62;c");
        }
    }
    Drained {
        bytes: n,
        frame: frame.unwrap_or(last - start),
        last: last - start,
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
