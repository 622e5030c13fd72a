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

/// The command line's own words: its usage errors and its help, Indonesian by default,
/// English with `--lang en` (also when the line cannot be read), exit code 2 for a usage error.
#[test]
fn usage_errors_and_help_follow_the_language() {
    let (_dir, db, config) = empty_store();
    let err = |args: &[&str]| {
        let out = disnaker(&db, &config, args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
        text(&out.stderr)
    };
    let s = err(&["exprt"]);
    assert!(
        s.starts_with("disnaker: perintah 'exprt' tidak dikenal\nmungkin maksudnya: 'import', 'export'\nPenggunaan: disnaker [PILIHAN] [PERINTAH]\n"),
        "{s}"
    );
    let s = err(&["--lang", "en", "exprt"]);
    assert!(s.starts_with("disnaker: unknown command 'exprt'\ndid you mean: 'import', 'export'\nUsage: disnaker [OPTIONS] [COMMAND]\n"), "{s}");
    let s = err(&["export", "kecamatan", "--year", "20x4"]);
    assert_eq!(
        s,
        "disnaker: nilai '20x4' tidak sah untuk '--year <TAHUN>' (tahun ditulis empat angka, 1900–2200)\nLihat disnaker --help.\n"
    );
    let s = err(&["export", "cases", "--format", "pdf"]);
    assert!(s.contains("(pilihan: 'csv', 'csv-excel', 'xlsx')"), "{s}");
    let s = err(&["export"]);
    assert!(s.starts_with("disnaker: belum diberikan: <JENIS>\n"), "{s}");
    let s = err(&["iku", "--close", "--reopen"]);
    assert!(
        s.starts_with("disnaker: '--close' tidak dapat dipakai bersama '--reopen'\n"),
        "{s}"
    );
    let s = err(&["case", "status", "12", "selesai"]);
    assert!(
        s.contains("(baru, koordinasi, pemulangan, tiba atau ditutup)"),
        "{s}"
    );
    let s = err(&["--demo", "check"]);
    assert!(s.starts_with("disnaker: --demo membuka antarmuka"), "{s}");

    // the help: every word of it the officer's, the same through `help`
    let out = disnaker(&db, &config, &["export", "--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for want in [
        "Ekspor ringkasan (tanpa data pribadi)",
        "Penggunaan: disnaker export [PILIHAN] <JENIS>",
        "Argumen:",
        "Pilihan:",
        "Format berkas [bawaan: csv] [pilihan: csv, csv-excel, xlsx]",
        "Tampilkan bantuan ini",
    ] {
        assert!(help.contains(want), "{want:?} in\n{help}");
    }
    for english in [
        "Usage",
        "Options",
        "Arguments",
        "Print",
        "default:",
        "possible values",
    ] {
        assert!(!help.contains(english), "{english:?} in\n{help}");
    }
    let through_help = disnaker(&db, &config, &["help", "export"]);
    assert_eq!(text(&through_help.stdout), help);
    let out = disnaker(&db, &config, &["--lang", "en", "--help"]);
    let help = text(&out.stdout);
    assert!(
        help.contains("Usage: disnaker [OPTIONS] [COMMAND]"),
        "{help}"
    );
    assert!(
        help.contains("  export      Export a summary (no personal data)"),
        "{help}"
    );
    assert!(
        !help.contains("  help "),
        "no English-only help command listed: {help}"
    );

    // what the system says, in words: an empty file is not a store, a folder not found
    let zero = db.with_file_name("zero.db");
    std::fs::write(&zero, b"").unwrap();
    for args in [&["check"][..], &["lookup", "pong"]] {
        let out = cargo_bin_cmd!("disnaker")
            .env("DISNAKER_CONFIG", &config)
            .arg("--db")
            .arg(&zero)
            .args(args)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert!(
            err.contains("bukan data disnaker (berkas kosong)"),
            "{args:?}: {err}"
        );
    }
    let out = disnaker(
        &db,
        &config,
        &["export", "kecamatan", "--out", "/nonexistent-dir/k.csv"],
    );
    assert_eq!(
        text(&out.stderr),
        "disnaker: /nonexistent-dir/k.csv tidak dapat ditulis: berkas atau folder tidak ada\n"
    );
}
