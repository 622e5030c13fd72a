//! Whole processes: `disnaker lookup` and `disnaker export kecamatan` against the sqlite3
//! command line running the same SQL on the same file, and `disnaker import placements` of a
//! file of new placements.

use disnaker::domain::date::{iso, Date};
use disnaker::domain::demo::PlacementGenerator;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run a command to the end, its output thrown away; how long it took, or why it failed.
pub fn run(cmd: &mut Command) -> Result<Duration, String> {
    let t = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    let took = t.elapsed();
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(took)
}

pub fn disnaker(bin: &Path, db: &Path) -> Command {
    let mut c = Command::new(bin);
    c.env("DISNAKER_CONFIG", "/nonexistent/disnaker-bench/config.toml")
        .env_remove("DISNAKER_DB")
        // The bench reads the English summaries.
        .args(["--lang", "en"])
        .arg("--db")
        .arg(db);
    c
}

pub fn sqlite3(db: &Path, sql: &str) -> Command {
    let mut c = Command::new("sqlite3");
    c.arg(db).arg(sql);
    c
}

/// Is the sqlite3 command line there?
pub fn have_sqlite3() -> bool {
    Command::new("sqlite3")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The SQL `disnaker lookup K --year Y` runs (src/store/lookup.rs, the trainees' counts in
/// src/store/trainings/totals.rs, the families' in src/store/transmigrants/figures.rs): the
/// placements and the cases from their tallies, the trainees from their covering index, the
/// families counted on the last day of the year (today while it runs).
pub fn lookup_sql(kecamatan: &str, year: i32) -> String {
    let end = Date::from_ymd_opt(year, 12, 31).map_or(disnaker::clock::today(), |d| {
        d.min(disnaker::clock::today())
    });
    let waiting_on = iso(end);
    format!(
        "SELECT sector, sex, sum(n) FROM placement_tally
         WHERE year = {year} AND archived = 0 AND kecamatan = '{kecamatan}'
         GROUP BY sector, sex HAVING sum(n) > 0;
         SELECT country, sum(n) AS placed FROM placement_tally
         WHERE year = {year} AND archived = 0 AND kecamatan = '{kecamatan}'
         GROUP BY country HAVING sum(n) > 0
         ORDER BY placed DESC, country LIMIT 5;
         SELECT category, sum(CASE WHEN status <> 'ditutup' THEN n ELSE 0 END),
                sum(CASE WHEN status = 'ditutup' THEN n ELSE 0 END)
         FROM case_tally WHERE kecamatan = '{kecamatan}' AND archived = 0
         GROUP BY category HAVING sum(n) > 0 ORDER BY category;
         SELECT count(p.id), ifnull(sum(p.graduated), 0), ifnull(sum(p.certified), 0),
                ifnull(sum(p.employment IN ('bekerja', 'wirausaha')), 0),
                ifnull(sum(p.employment = 'wirausaha'), 0),
                ifnull(sum(p.employment = 'tidak bekerja'), 0),
                ifnull(sum(p.id IS NOT NULL AND p.employment IS NULL), 0)
         FROM trainee p JOIN training tr ON tr.id = p.training_id
         WHERE p.archived = 0 AND tr.archived = 0 AND p.kecamatan = '{kecamatan}'
             AND tr.year = {year};
         SELECT count(CASE WHEN registered_on BETWEEN '{year}-01-01' AND '{year}-12-31' THEN 1 END),
                count(CASE WHEN departed_on BETWEEN '{year}-01-01' AND '{year}-12-31' THEN 1 END),
                count(CASE WHEN registered_on <= '{waiting_on}'
                           AND NOT ifnull(departed_on <= '{waiting_on}', 0)
                           AND NOT ifnull(cancelled_on <= '{waiting_on}', 0) THEN 1 END)
         FROM transmigrant WHERE archived = 0 AND ('{kecamatan}' IS NULL OR kecamatan = '{kecamatan}');"
    )
}

/// The SQL `disnaker export kecamatan --year Y` runs (see src/store/placements.rs): the
/// year's cells of the placement tally.
pub fn export_sql(year: i32) -> String {
    format!(
        "SELECT kecamatan, sector, sex, sum(n) FROM placement_tally
         WHERE year = {year} AND archived = 0
         GROUP BY kecamatan, sector, sex HAVING sum(n) > 0
         ORDER BY kecamatan, sector, sex;"
    )
}

/// Two commands compared: the best wall time of each, and the mean CPU time per run.
pub struct Compared {
    pub ours: Duration,
    pub theirs: Duration,
    pub ours_cpu: Duration,
    pub theirs_cpu: Duration,
}

/// `runs` runs of each command, in turns so both meet the same machine.
pub fn best_of(
    runs: usize,
    a: &mut dyn FnMut() -> Command,
    b: &mut dyn FnMut() -> Command,
) -> Result<Compared, String> {
    let mut c = Compared {
        ours: Duration::MAX,
        theirs: Duration::MAX,
        ours_cpu: Duration::ZERO,
        theirs_cpu: Duration::ZERO,
    };
    // One of each first to warm the file cache.
    run(&mut a())?;
    run(&mut b())?;
    for _ in 0..runs {
        let cpu = super::report::children_cpu();
        c.ours = c.ours.min(run(&mut a())?);
        let mid = super::report::children_cpu();
        c.theirs = c.theirs.min(run(&mut b())?);
        c.ours_cpu += mid.saturating_sub(cpu);
        c.theirs_cpu += super::report::children_cpu().saturating_sub(mid);
    }
    let n = runs.max(1) as u32;
    c.ours_cpu /= n;
    c.theirs_cpu /= n;
    Ok(c)
}

/// A placements import file of `n` new placements (NIKs the demo store does not hold),
/// departing up to `day`.
pub fn placements_csv(dir: &Path, n: usize, day: Date) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let path = dir.join(format!("placements-{n}.csv"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(
        f,
        "nik,name,sex,kecamatan,desa,country,sector,scheme,occupation,departure_date"
    )?;
    let quote = |s: &str| {
        if s.contains([',', '"']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    // Counted from 2,000,000: after any demo of up to two million placements.
    for p in PlacementGenerator::new(0xB17A_2026, day, 2_000_000).take(n) {
        writeln!(
            f,
            "{},{},{},{},{},{},{},{},{},{}",
            p.nik.as_str(),
            quote(&p.name),
            p.sex.as_str(),
            p.kecamatan.name(),
            quote(&p.desa),
            quote(&p.country),
            p.sector.as_str(),
            p.scheme.map(|s| s.as_str()).unwrap_or_default(),
            quote(&p.occupation),
            iso(p.departure_date)
        )?;
    }
    f.flush()?;
    Ok(path)
}
