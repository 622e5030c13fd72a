//! Bad input everywhere: property tests throw random and hostile text (any Unicode, control
//! characters, digits, 3,000-character values, formula injection like `=cmd()`, broken
//! encodings) at every validator, every record kind's rules and the import reader, and real
//! hostile files at the program. Nothing panics, and every problem comes back as a clear
//! message: one line, short, no control characters, no whole identity number (UU 27/2022:
//! messages end up in terminals, mails and logs).
//! Exports: whatever text a cell holds, no CSV cell a spreadsheet reads can start a formula.

use crate::support::{case_file, disnaker, run, CASE_HEADER};
use disnaker::cli::csv_input::{self, Columns, Parsed, RowCheck};
use disnaker::cli::import::{check_cases, check_placements};
use disnaker::domain::case::{Checked, FieldDef, CASE_FIELDS};
use disnaker::domain::date::{parse_date, parse_past_date, Date};
use disnaker::domain::dispute::{
    CompanyCompliance, Dispute, PreventionFacilitation, StageMove, COMPLIANCE_FIELDS,
    DISPUTE_FIELDS, FACILITATION_FIELDS,
};
use disnaker::domain::placement::PLACEMENT_FIELDS;
use disnaker::domain::training::{
    Employment, FundingSource, Trainee, Training, VerifiedHow, TRAINEE_FIELDS,
};
use disnaker::domain::transmigrant::{
    parse_kk, parse_phone, Destination, Registration, TRANSMIGRANT_FIELDS,
};
use disnaker::domain::{CaseStatus, Kecamatan, Money, Nik, Placement, PmiCase, Sex};
use disnaker::i18n::{Lang, Msg};
use disnaker::report::table::{self, Cell, Format, Table};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 28).unwrap()
}

/// Text as officers, spreadsheets and attackers produce it.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[0-9]{0,20}",
        "[0-9 ./,:-]{0,14}",
        "[=+@-][a-zA-Z0-9(\",;) ]{0,20}",
        Just("3505124512950001".to_string()),
        Just("=cmd|' /C calc'!A0".to_string()),
        "[\\x00-\\x1f\\x7f ]{0,6}",
        (any::<char>(), 1usize..3000).prop_map(|(c, n)| c.to_string().repeat(n)),
        prop::collection::vec(any::<u8>(), 0..40)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// The longest run of ASCII digits in `s`.
fn longest_digit_run(s: &str) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        cur = if c.is_ascii_digit() { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// A message an officer can read: something, on one line, short, with no control characters
/// and no whole identity number (16 digits) in it.
fn assert_clear(what: &str, msg: &str, max: usize) {
    assert!(!msg.trim().is_empty(), "{what}: empty message");
    assert!(
        !msg.chars().any(char::is_control),
        "{what}: control characters in {msg:?}"
    );
    assert!(
        msg.chars().count() <= max,
        "{what}: a message of {} characters: {}…",
        msg.chars().count(),
        msg.chars().take(120).collect::<String>()
    );
    assert!(
        longest_digit_run(msg) < 16,
        "{what}: a whole identity number in {msg:?}"
    );
}

/// Clear in both languages the officer may work in.
fn assert_result<T, E: Into<Msg>>(what: &str, r: Result<T, E>) {
    if let Err(e) = r {
        let m: Msg = e.into();
        assert_clear(what, &m.text(Lang::Id), 200);
        assert_clear(what, &m.text(Lang::En), 200);
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A kind's rules applied to a row: (a record came out, errors and warnings).
type Rules = Box<dyn Fn(&BTreeMap<String, String>) -> (bool, Checked)>;

/// A record kind: its fields, a valid row, and its rules applied to a row.
struct RecordKind {
    name: &'static str,
    fields: &'static [FieldDef],
    valid: BTreeMap<String, String>,
    check: Rules,
}

fn barista() -> Training {
    let mut t = Training::new("Barista", 2024, FundingSource::Dbhcht);
    t.start_date = Date::from_ymd_opt(2024, 7, 1);
    t.end_date = Date::from_ymd_opt(2024, 7, 12);
    t
}

fn kinds() -> Vec<RecordKind> {
    fn erase<T>(r: (Option<T>, Checked)) -> (bool, Checked) {
        (r.0.is_some(), r.1)
    }
    let nik = "3505124512950001";
    vec![
        RecordKind {
            name: "case",
            fields: CASE_FIELDS,
            valid: map(&[
                ("name", "Siti"),
                ("nik", nik),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("country", "Taiwan"),
                ("category", "sakit"),
                ("reported_on", "2025-03-01"),
            ]),
            check: Box::new(|v| erase(PmiCase::from_fields(v, today()))),
        },
        RecordKind {
            name: "placement",
            fields: PLACEMENT_FIELDS,
            valid: map(&[
                ("nik", nik),
                ("name", "Siti"),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("country", "Hongkong"),
                ("sector", "informal"),
                ("departure_date", "2024-05-02"),
            ]),
            check: Box::new(|v| erase(Placement::from_fields(v, today()))),
        },
        RecordKind {
            name: "dispute",
            fields: DISPUTE_FIELDS,
            valid: map(&[
                ("company", "PT Kertas"),
                ("workers", "Serikat"),
                ("type", "phk"),
                ("recorded_on", "2024-11-04"),
                ("outcome", "pb"),
                ("outcome_on", "2024-11-20"),
            ]),
            check: Box::new(|v| erase(Dispute::from_fields(v, today()))),
        },
        RecordKind {
            name: "facilitation",
            fields: FACILITATION_FIELDS,
            valid: map(&[
                ("date", "2024-08-15"),
                ("company", "PT Gula"),
                ("topic", "THR"),
            ]),
            check: Box::new(|v| erase(PreventionFacilitation::from_fields(v, today()))),
        },
        RecordKind {
            name: "compliance",
            fields: COMPLIANCE_FIELDS,
            valid: map(&[
                ("company", "PT Gula"),
                ("year", "2024"),
                ("pp_pkb", "pp"),
                ("bpjs_member", "ya"),
            ]),
            check: Box::new(|v| erase(CompanyCompliance::from_fields(v, today()))),
        },
        RecordKind {
            name: "training",
            fields: disnaker::domain::training::TRAINING_FIELDS,
            valid: map(&[
                ("scheme", "Barista"),
                ("year", "2024"),
                ("funding_source", "DBHCHT"),
            ]),
            check: Box::new(|v| erase(Training::from_fields(v, today()))),
        },
        RecordKind {
            name: "trainee",
            fields: TRAINEE_FIELDS,
            valid: map(&[
                ("name", "Peserta"),
                ("nik", nik),
                ("sex", "P"),
                ("kecamatan", "Wlingi"),
                ("graduated", "ya"),
            ]),
            check: Box::new(|v| erase(Trainee::from_fields(v, 1, &barista(), today()))),
        },
        RecordKind {
            name: "transmigrant",
            fields: TRANSMIGRANT_FIELDS,
            valid: map(&[
                ("head_name", "Kepala"),
                ("nik", "3505121208800001"),
                ("kk_no", "3505120000000001"),
                ("members", "4"),
                ("kecamatan", "Talun"),
                ("registered_on", "2024-02-01"),
            ]),
            check: Box::new(|v| erase(Registration::from_fields(v, today()))),
        },
        RecordKind {
            name: "jobseeker",
            fields: disnaker::domain::jobseeker::JOBSEEKER_FIELDS,
            valid: map(&[
                ("nik", "3505014501900002"),
                ("name", "Siti Aminah"),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("education", "SMK"),
                ("registered_on", "2024-02-01"),
            ]),
            check: Box::new(|v| {
                erase(disnaker::domain::jobseeker::Jobseeker::from_fields(
                    v,
                    today(),
                ))
            }),
        },
    ]
}

/// The rules' verdict on one row is sound: a record exactly when there is no error, and
/// every message clear.
fn assert_verdict(kind: &str, v: &BTreeMap<String, String>, (made, checked): (bool, Checked)) {
    for e in checked.errors.iter().chain(&checked.warnings) {
        for lang in [Lang::Id, Lang::En] {
            assert_clear(&format!("{kind}.{}", e.field), &e.reason.text(lang), 300);
        }
    }
    assert_eq!(
        made,
        checked.errors.is_empty(),
        "{kind}: a record {} with errors {:?} from {v:?}",
        if made { "came out" } else { "was refused" },
        checked.errors
    );
}

#[test]
fn every_valid_base_row_is_accepted() {
    for k in kinds() {
        let (made, checked) = (k.check)(&k.valid);
        assert!(made, "{}: {:?}", k.name, checked.errors);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn validators_never_panic_and_explain_themselves(s in nasty()) {
        assert_result("nik", Nik::parse(&s, today()).map(|_| ()));
        assert_result("date", parse_date(&s).map(|_| ()));
        assert_result("past date", parse_past_date(&s, today()).map(|_| ()));
        assert_result("money", Money::parse(&s).map(|_| ()));
        assert_result("kecamatan", Kecamatan::parse(&s).map(|_| ()));
        assert_result("kk", parse_kk(&s).map(|_| ()));
        assert_result("phone", parse_phone(&s).map(|_| ()));
        assert_result("destination", Destination::parse(&s).map(|_| ()));
        assert_result("sex", Sex::parse(&s).map(|_| ()));
        assert_result("status", CaseStatus::parse(&s).map(|_| ()));
        assert_result("funding", FundingSource::parse(&s).map(|_| ()));
        assert_result("employment", Employment::from_input(&s).map(|_| ()));
        assert_result("verified", VerifiedHow::from_input(&s).map(|_| ()));
        assert_result("dispute move", StageMove::parse(&s).map(|_| ()));
        assert_result(
            "training year",
            disnaker::domain::training::parse_year(&s, today()).map(|_| ()),
        );
    }

    /// Any field of any kind set to anything, the rest valid: the deep rules run too.
    #[test]
    fn one_hostile_field_in_a_valid_row(field in 0usize..40, value in nasty()) {
        for k in kinds() {
            let mut v = k.valid.clone();
            let key = k.fields[field % k.fields.len()].key;
            v.insert(key.to_string(), value.clone());
            let verdict = (k.check)(&v);
            assert_verdict(k.name, &v, verdict);
        }
    }

    /// Rows made of random fields with random values.
    #[test]
    fn random_rows_of_every_kind(
        picks in prop::collection::vec((0usize..40, nasty()), 0..12),
    ) {
        for k in kinds() {
            let v: BTreeMap<String, String> = picks
                .iter()
                .map(|(i, s)| (k.fields[i % k.fields.len()].key.to_string(), s.clone()))
                .collect();
            let verdict = (k.check)(&v);
            assert_verdict(k.name, &v, verdict);
        }
    }

    /// The import reader with random bytes, and with CSV built of hostile cells, for every
    /// kind's columns and rules, and the real case and placement importers.
    #[test]
    fn import_files_of_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        assert_import_sound("cases", &bytes, &check_cases(bytes.as_slice(), today(), |_| {}));
        assert_import_sound("placements", &bytes, &check_placements(bytes.as_slice(), today(), |_| {}));
    }

    #[test]
    fn import_files_of_hostile_cells(
        header in prop::collection::vec(0usize..40, 0..10),
        junk_column in prop::option::of("[a-z_ ]{1,12}"),
        rows in prop::collection::vec(prop::collection::vec(nasty(), 0..12), 0..6),
        separator in prop::sample::select(vec![",", ";"]),
        line_end in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        for k in kinds() {
            let mut names: Vec<String> = header
                .iter()
                .map(|i| k.fields[i % k.fields.len()].key.to_string())
                .collect();
            names.extend(junk_column.clone());
            let mut text = names.join(separator);
            for row in &rows {
                text.push_str(line_end);
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                    .collect();
                text.push_str(&cells.join(separator));
            }
            let bytes = text.into_bytes();
            let parsed = read_as(&k, &bytes);
            assert_import_sound(k.name, &bytes, &parsed);
        }
        let all: Vec<&str> = CASE_HEADER.split(',').collect();
        let mut text = all.join(separator);
        for row in &rows {
            text.push_str(line_end);
            text.push_str(&row.join(separator));
        }
        let bytes = text.into_bytes();
        assert_import_sound("cases", &bytes, &check_cases(bytes.as_slice(), today(), |_| {}));
    }

    /// Whatever text a table holds, no CSV cell starts a formula when a spreadsheet opens it.
    #[test]
    fn exported_csv_cells_never_start_a_formula(
        header in prop::collection::vec(nasty(), 1..4),
        cells in prop::collection::vec(nasty(), 0..12),
    ) {
        let width = header.len();
        let table = Table {
            header: header.clone(),
            rows: cells
                .chunks(width)
                .map(|c| c.iter().map(|s| Cell::Text(s.clone())).collect())
                .collect(),
        };
        for (format, sep) in [(Format::Csv, b','), (Format::CsvExcel, b';')] {
            let mut out = Vec::new();
            table::write(&table, format, &mut out).unwrap();
            let text = out.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&out);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(sep)
                .from_reader(text);
            let mut n = 0;
            for rec in reader.records() {
                let rec = rec.unwrap();
                for cell in rec.iter() {
                    prop_assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{format:?}: a cell starts a formula: {cell:?}"
                    );
                }
                n += 1;
            }
            prop_assert_eq!(n, 1 + table.rows.len());
        }
    }
}

/// Read `bytes` as an import of `k`'s columns with `k`'s rules (what each importer does).
fn read_as(k: &RecordKind, bytes: &[u8]) -> Parsed<()> {
    let required: Vec<&str> = k
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    let optional: Vec<&str> = k
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| f.key)
        .collect();
    let columns = Columns {
        required: &required,
        optional: optional.into(),
    };
    csv_input::parse(
        bytes,
        &columns,
        |v| {
            let (made, checked) = (k.check)(v);
            RowCheck {
                value: made.then_some(()),
                errors: checked.errors,
                warnings: checked.warnings,
            }
        },
        |_| {},
    )
}

/// An import's verdict is sound: all or nothing, and each problem located and clear.
fn assert_import_sound<T>(kind: &str, bytes: &[u8], p: &Parsed<T>) {
    let lines = bytes
        .iter()
        .filter(|b| **b == b'\n' || **b == b'\r')
        .count() as u64
        + 1;
    if !p.is_ok() {
        assert!(
            p.records.is_empty(),
            "{kind}: records handed out with errors"
        );
        assert!(!p.errors.is_empty(), "{kind}: rejected without a reason");
    }
    for e in p.errors.iter().chain(&p.warnings) {
        assert!(
            e.line >= 1 && e.line <= lines,
            "{kind}: {e} (file of {lines} lines)"
        );
        assert_clear(&format!("{kind} column"), &e.column, 80);
        // The unknown-column message lists the known columns once.
        for lang in [Lang::Id, Lang::En] {
            assert_clear(
                &format!("{kind} line {}", e.line),
                &e.reason.text(lang),
                700,
            );
        }
    }
}

// ------------------------------------------------------------ hostile files, real program

/// `disnaker import KIND FILE` on hostile bytes: refused (exit 3) with located, clear lines on
/// stderr; never a panic; nothing written.
fn assert_refused(kind: &str, name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let (code, out, err) = run(disnaker(&db, "Ani").args(["import", kind]).arg(&file));
    assert_eq!(
        code,
        3,
        "{kind} {name}: {out}{}",
        &err[..err.len().min(500)]
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.is_empty());
    for line in err.lines() {
        assert!(
            line.starts_with("line ")
                || line.starts_with("disnaker: ")
                || line.starts_with("… and"),
            "{kind} {name}: {line}"
        );
        assert_clear(&format!("{kind} {name}"), line, 1000);
    }
    assert!(!db.exists(), "a refused import creates no store");
}

#[test]
fn hostile_files_are_refused_with_clear_lines() {
    // random bytes (a fixed, reproducible stream)
    let mut x: u64 = 0x3505_2026;
    let noise: Vec<u8> = (0..4000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let good = case_file(&["Siti Aminah".to_string(), "Sri".to_string()], 1);
    // UTF-16 as Excel's "Unicode text" saves it, with and without its BOM
    let utf16: Vec<u8> = good.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let mut utf16_bom = vec![0xFF, 0xFE];
    utf16_bom.extend(&utf16);
    // Latin-1 (Windows-1252): "José" saved by an old spreadsheet
    let latin1 = good.replace("Sri", "Jos\u{e9}").replace('\u{e9}', "\u{1}");
    let latin1: Vec<u8> = latin1
        .bytes()
        .map(|b| if b == 1 { 0xE9 } else { b })
        .collect();
    // a 3 MB name and a 3 MB NIK
    let huge_name = format!(
        "{CASE_HEADER}\n{}\n",
        crate::support::case_line(&"A".repeat(3 << 20), 1)
    );
    let huge_nik = format!(
        "{CASE_HEADER}\n{}\n",
        crate::support::case_line("Siti", 1).replacen(
            &crate::support::nik(1),
            &"3".repeat(3 << 20),
            1
        )
    );
    // a row with a bad NIK among good ones: the NIK is not repeated on stderr
    let bad_nik = good.replacen(&crate::support::nik(2), "3505124512950000", 1);

    for kind in ["cases", "placements"] {
        assert_refused(kind, "noise.csv", &noise);
        assert_refused(kind, "utf16.csv", &utf16);
        assert_refused(kind, "utf16-bom.csv", &utf16_bom);
        assert_refused(kind, "empty.csv", b"");
    }
    assert_refused("cases", "latin1.csv", &latin1);
    assert_refused("cases", "huge-name.csv", huge_name.as_bytes());
    assert_refused("cases", "huge-nik.csv", huge_nik.as_bytes());
    assert_refused("cases", "bad-nik.csv", bad_nik.as_bytes());
}

#[test]
fn utf16_files_are_named_as_such() {
    let good = case_file(&["Siti".to_string()], 1);
    for bom in [&[0xFF, 0xFE][..], &[]] {
        let mut bytes = bom.to_vec();
        bytes.extend(good.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let p = check_cases(bytes.as_slice(), today(), |_| {});
        assert!(p.file_problem);
        let all: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(all[0].starts_with("line 1: file: "), "{all:?}");
        assert!(all[0].contains("UTF-16"), "{all:?}");
    }
}
