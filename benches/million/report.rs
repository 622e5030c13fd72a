//! One line per figure: what was measured, the figure, the SPEC §6 bar, PASS or FAIL.

use std::time::Duration;

/// A measured figure against its bar.
pub struct Figure {
    pub what: String,
    pub value: String,
    pub bar: String,
    /// `None`: for information, no bar applies.
    pub pass: Option<bool>,
}

impl Figure {
    pub fn new(what: impl Into<String>, value: impl Into<String>, bar: &str, pass: bool) -> Self {
        Figure {
            what: what.into(),
            value: value.into(),
            bar: bar.into(),
            pass: Some(pass),
        }
    }

    pub fn info(what: impl Into<String>, value: impl Into<String>) -> Self {
        Figure {
            what: what.into(),
            value: value.into(),
            bar: String::new(),
            pass: None,
        }
    }

    pub fn line(&self) -> String {
        let verdict = match self.pass {
            Some(true) => "PASS",
            Some(false) => "FAIL",
            None => "",
        };
        format!(
            "{:<48} {:>24}  {:<20} {}",
            self.what, self.value, self.bar, verdict
        )
        .trim_end()
        .to_string()
    }
}

/// CPU time this thread has used so far.
pub fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    if !ok {
        return Duration::ZERO;
    }
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// CPU time (user + system) of the finished children of this process.
pub fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is valid, and getrusage fills it through a valid pointer.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Wall time and this thread's CPU time of one run of `f`.
pub fn timed(f: impl FnOnce()) -> Timing {
    let (cpu, wall) = (thread_cpu(), std::time::Instant::now());
    f();
    Timing {
        wall: wall.elapsed(),
        cpu: thread_cpu().saturating_sub(cpu),
    }
}

/// How long something took, and how much of it the CPU spent on it (the rest was waiting:
/// for the disk, or for the CPU on a busy machine).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timing {
    pub cpu: Duration,
    pub wall: Duration,
}

impl Timing {
    /// A measurement that could not be taken: it reads "missing" and fails every bar (it is
    /// never taken for 0 ms).
    pub const MISSING: Timing = Timing {
        cpu: Duration::MAX,
        wall: Duration::MAX,
    };

    pub fn is_missing(&self) -> bool {
        self.wall == Duration::MAX
    }

    pub fn text(&self) -> String {
        if self.is_missing() {
            return "missing".into();
        }
        format!("{} wall (CPU {})", ms(self.wall), ms(self.cpu))
    }
}

/// The median by wall time; missing when there is nothing to take it of.
pub fn median_timing(mut v: Vec<Timing>) -> Timing {
    v.sort_by_key(|t| (t.wall, t.cpu));
    v.get(v.len() / 2).copied().unwrap_or(Timing::MISSING)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// Peak resident memory of this process (VmHWM), in MiB.
pub fn peak_memory_mib() -> f64 {
    status_kib("VmHWM:") as f64 / 1024.0
}

fn status_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
