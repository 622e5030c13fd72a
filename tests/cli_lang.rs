//! Issue 15, 3 and 5: the command line answers in the officer's language, Indonesian by
//! default (`--lang en` or `lang = "en"` in config.toml for English), and the kecamatan
//! lookup shows the LKjIP figure beside the records' for a published year. CSV and JSON keep
//! their English keys.

use assert_cmd::cargo::cargo_bin_cmd;
use std::path::Path;
use std::process::Output;

/// The binary with no language asked for: no config file, no `--lang`.
fn disnaker(db: &Path, config: &Path, args: &[&str]) -> Output {
    cargo_bin_cmd!("disnaker")
        .env("DISNAKER_CONFIG", config)
        .env_remove("DISNAKER_DB")
        .env_remove("DISNAKER_OFFICER")
        .env_remove("RUST_BACKTRACE")
        .arg("--officer")
        .arg("ani")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// An empty store (reference data only) and a path for a config file not written yet.
fn empty_store() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(disnaker::store::Store::open(&db, "ani").unwrap());
    let config = dir.path().join("config.toml");
    (dir, db, config)
}

#[test]
fn lookup_pong_2024_on_an_empty_store_speaks_indonesian_with_the_lkjip_figure() {
    let (_dir, db, config) = empty_store();
    let out = disnaker(&db, &config, &["lookup", "pong", "--year", "2024"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    println!("{s}");
    assert!(s.starts_with("Kecamatan Ponggok, 2024\n"), "{s}");
    // data/pmi_placements_2024_by_kecamatan.csv: Ponggok,103,7,3,257,370; nothing recorded
    for line in [
        "Penempatan PMI yang berangkat pada 2024: 0",
        "  laki-laki (L) 0, perempuan (P) 0",
        "  angka LKjIP 2024: 370 · tercatat: 0",
        "  LKjIP 2024    106    264    370",
        "Negara tujuan terbanyak",
        "  tidak ada",
        "Peserta pelatihan tahun 2024: 0  (lulus 0, bekerja 0)",
    ] {
        assert!(s.lines().any(|l| l == line), "{line:?} in\n{s}");
    }
    assert!(!s.contains("placements departing"), "no English: {s}");
    assert!(s.lines().all(|l| l.chars().count() <= 80), "{s}");

    // English on request, the same figures
    let en = text(
        &disnaker(
            &db,
            &config,
            &["lookup", "pong", "--year", "2024", "--lang", "en"],
        )
        .stdout,
    );
    assert!(
        en.lines()
            .any(|l| l == "  LKjIP 2024 figure: 370 · recorded: 0"),
        "{en}"
    );
    assert!(
        en.lines()
            .any(|l| l == "PMI placements departing in 2024: 0"),
        "{en}"
    );

    // A year the LKjIP did not publish: no LKjIP figure
    let s = text(&disnaker(&db, &config, &["lookup", "pong", "--year", "2023"]).stdout);
    assert!(!s.contains("LKjIP"), "{s}");

    // JSON and CSV keep their English keys, and carry the published figure
    let json = text(
        &disnaker(
            &db,
            &config,
            &["lookup", "pong", "--year", "2024", "--format", "json"],
        )
        .stdout,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["placements"]["total"], 0);
    assert_eq!(v["placements"]["lkjip"]["total"], 370);
    let csv = text(
        &disnaker(
            &db,
            &config,
            &["lookup", "pong", "--year", "2024", "--format", "csv"],
        )
        .stdout,
    );
    assert!(
        csv.starts_with("section,item,count,note\r\nplacements,total,0,\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("placements_lkjip,total,370,LKjIP 2024\r\n"),
        "{csv}"
    );
}

#[test]
fn an_import_with_a_bad_nik_is_refused_in_indonesian() {
    let (dir, db, config) = empty_store();
    let file = dir.path().join("cases.csv");
    std::fs::write(
        &file,
        "name,nik,sex,kecamatan,desa,country,category,reported_on,status\n\
         Siti,350512451295001,P,Ponggok,Bacem,Taiwan,sakit,2024-03-01,baru\n",
    )
    .unwrap();
    let out = disnaker(&db, &config, &["import", "cases", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.lines()
            .any(|l| l == "baris 2: nik: NIK harus 16 angka, bukan 15"),
        "{err}"
    );
    assert!(
        err.contains("1 dari 1 baris berisi kesalahan; tidak ada yang diimpor"),
        "{err}"
    );
    assert!(!err.contains("must have"), "{err}");

    // lang in config.toml switches it to English
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    let out = disnaker(&db, &config, &["import", "cases", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.lines()
            .any(|l| l == "line 2: nik: NIK must have 16 digits, not 15"),
        "{err}"
    );
}

#[test]
fn error_lines_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let config = dir.path().join("config.toml");
    let out = disnaker(&db, &config, &["lookup", "pong"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("disnaker: tidak ada data di "),
        "{}",
        text(&out.stderr)
    );
    let out = disnaker(&db, &config, &["lookup", "selo", "--lang", "en"]);
    assert_eq!(
        text(&out.stderr),
        "disnaker: 'selo' matches Selorejo, Selopuro; type more letters\n"
    );
    let out = disnaker(&db, &config, &["lookup", "selo"]);
    assert_eq!(
        text(&out.stderr),
        "disnaker: 'selo' cocok dengan Selorejo, Selopuro; ketik lebih banyak huruf\n"
    );
}
