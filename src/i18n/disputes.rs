//! Strings of pane 3 (Perselisihan HI) and its record kinds: disputes, prevention
//! facilitations, company compliance. (key, Indonesian, English)

pub const CATALOG: &[(&str, &str, &str)] = &[
    // record kinds
    ("kind.dispute", "Perselisihan", "Dispute"),
    ("kind.facilitation", "Fasilitasi", "Facilitation"),
    ("kind.compliance", "Kepatuhan", "Compliance"),
    // dispute fields (DISPUTE_FIELDS)
    ("field.company", "Perusahaan", "Company"),
    ("field.workers", "Pekerja / serikat", "Worker(s) / union"),
    ("field.worker_count", "Jumlah pekerja", "Number of workers"),
    ("field.type", "Jenis perselisihan", "Type of dispute"),
    (
        "field.bipartite_start",
        "Bipartit mulai",
        "Bipartite started",
    ),
    ("field.bipartite_end", "Bipartit selesai", "Bipartite ended"),
    (
        "field.bipartite_result",
        "Hasil bipartit",
        "Bipartite result",
    ),
    (
        "field.minutes_present",
        "Risalah bipartit ada",
        "Bipartite minutes",
    ),
    ("field.recorded_on", "Tanggal dicatatkan", "Recorded on"),
    ("field.file_complete", "Berkas lengkap", "File complete"),
    (
        "field.returned_on",
        "Berkas dikembalikan",
        "File returned on",
    ),
    (
        "field.completed_on",
        "Berkas dilengkapi",
        "File completed on",
    ),
    ("field.mediator", "Mediator", "Mediator"),
    (
        "field.mediator_assigned_on",
        "Dilimpahkan ke mediator",
        "Mediator assigned on",
    ),
    (
        "field.mediation_sessions",
        "Sidang mediasi (kali)",
        "Mediation sessions",
    ),
    ("field.anjuran_on", "Tanggal anjuran", "Anjuran issued on"),
    ("field.workers_answer", "Jawaban pekerja", "Workers' answer"),
    (
        "field.workers_answered_on",
        "Tgl jawaban pekerja",
        "Workers answered on",
    ),
    (
        "field.employer_answer",
        "Jawaban pengusaha",
        "Employer's answer",
    ),
    (
        "field.employer_answered_on",
        "Tgl jawaban pengusaha",
        "Employer answered on",
    ),
    ("field.outcome", "Hasil akhir", "Outcome"),
    ("field.outcome_on", "Tanggal hasil akhir", "Outcome on"),
    // facilitation and compliance fields
    ("field.date", "Tanggal", "Date"),
    ("field.topic", "Topik", "Topic"),
    ("field.pp_pkb", "PP / PKB", "PP / PKB"),
    ("field.bpjs_member", "Peserta BPJS TK", "BPJS TK member"),
    // deadlines (domain::dispute::DeadlineKind)
    ("deadline.bipartit", "Bipartit", "Bipartite"),
    (
        "deadline.kelengkapan_berkas",
        "Kelengkapan berkas",
        "File completion",
    ),
    (
        "deadline.pelimpahan_mediator",
        "Pelimpahan mediator",
        "Hand-over to mediator",
    ),
    ("deadline.mediasi", "Mediasi", "Mediation"),
    (
        "deadline.jawaban_anjuran",
        "Jawaban anjuran",
        "Answers to anjuran",
    ),
    ("deadline.penyusunan_pb", "Penyusunan PB", "Drafting the PB"),
    ("disputes.short.bipartit", "bipartit", "bipartite"),
    ("disputes.short.kelengkapan_berkas", "berkas", "file"),
    ("disputes.short.pelimpahan_mediator", "mediator", "mediator"),
    ("disputes.short.mediasi", "mediasi", "mediation"),
    ("disputes.short.jawaban_anjuran", "jawaban", "answers"),
    ("disputes.short.penyusunan_pb", "PB", "PB draft"),
    // detail view
    ("disputes.deadlines", "Tenggat", "Deadlines"),
    (
        "disputes.as_of",
        "hk = hari kerja, per {}",
        "wd = working days, as of {}",
    ),
    (
        "disputes.no_deadline",
        "tidak ada yang berjalan",
        "none running",
    ),
    ("disputes.wd_short", "hk", "wd"),
    ("disputes.due", "s/d", "due"),
    ("disputes.done_on_time", "tepat waktu {}", "met on {}"),
    (
        "disputes.done_late",
        "terlambat, selesai {}",
        "late, done {}",
    ),
    (
        "disputes.late_by",
        "lewat {} hari kerja",
        "{} working days late",
    ),
    (
        "disputes.left",
        "sisa {} hari kerja",
        "{} working days left",
    ),
    (
        "disputes.uncounted",
        "tidak dapat dihitung: kalender libur belum mencakup tanggalnya",
        "cannot be counted: the holiday calendar does not reach it",
    ),
    // header figures
    (
        "disputes.recorded",
        "perselisihan tercatat",
        "disputes recorded",
    ),
    ("disputes.facilitations", "fasilitasi", "facilitations"),
    (
        "disputes.iku3_parts",
        "PB tepat waktu / tercatat",
        "PB on time / recorded",
    ),
    ("disputes.no_value", "tanpa nilai", "no value"),
    (
        "disputes.none_recorded",
        "tidak ada perselisihan tercatat pada {}",
        "no dispute was recorded in {}",
    ),
    // list switcher and keys
    ("disputes.list", "Perselisihan", "Disputes"),
    ("disputes.list_fac", "Fasilitasi", "Facilitations"),
    ("disputes.list_comp", "Kepatuhan", "Compliance"),
    ("disputes.all_years", "semua tahun", "all years"),
    // empty lists
    (
        "disputes.empty",
        "Belum ada perselisihan. Tekan {new} untuk mencatat.",
        "No disputes yet. Press {new} to record one.",
    ),
    (
        "disputes.no_match",
        "Tidak ada perselisihan yang cocok.",
        "No dispute matches.",
    ),
    (
        "disputes.empty_fac",
        "Belum ada fasilitasi pencegahan tahun ini. Tekan {new} untuk menambah.",
        "No prevention facilitation this year. Press {new} to add one.",
    ),
    (
        "disputes.empty_comp",
        "Belum ada data kepatuhan perusahaan tahun ini. Tekan {new} untuk menambah.",
        "No company compliance this year. Press {new} to add one.",
    ),
    // columns
    ("disputes.col.company", "Perusahaan", "Company"),
    ("disputes.col.workers", "Pekerja", "Workers"),
    ("disputes.col.type", "Jenis", "Type"),
    ("disputes.col.stage", "Tahap", "Stage"),
    ("disputes.col.deadline", "Tenggat", "Deadline"),
    ("disputes.col.due", "S/d", "Due"),
    ("disputes.col.left", "Sisa hk", "WD left"),
    ("disputes.col.date", "Tanggal", "Date"),
    ("disputes.col.topic", "Topik", "Topic"),
    ("disputes.col.pp_pkb", "PP/PKB", "PP/PKB"),
    ("disputes.col.bpjs", "BPJS", "BPJS"),
    ("disputes.late", "lewat", "late"),
    ("disputes.yes", "ya", "yes"),
    ("disputes.no", "tidak", "no"),
    // values
    ("disputes.type.hak", "hak", "rights"),
    ("disputes.type.kepentingan", "kepent.", "interest"),
    ("disputes.type.phk", "PHK", "dismiss."),
    ("disputes.type.antar_serikat", "antar SP", "unions"),
    ("disputes.stage.bipartit", "bipartit", "bipartite"),
    (
        "disputes.stage.berkas_dikembalikan",
        "dikembalikan",
        "file returned",
    ),
    ("disputes.stage.tercatat", "tercatat", "recorded"),
    ("disputes.stage.mediasi", "mediasi", "mediation"),
    ("disputes.stage.anjuran", "anjuran", "anjuran"),
    ("disputes.stage.selesai", "selesai", "finished"),
    ("disputes.outcome.pb", "PB", "PB"),
    ("disputes.outcome.anjuran", "anjuran", "anjuran"),
    ("disputes.outcome.court", "PHI", "court"),
    ("disputes.outcome.withdrawn", "dicabut", "withdrawn"),
    ("disputes.pp_pkb.tidak", "tidak ada", "none"),
    ("disputes.pp_pkb.pp", "PP", "PP"),
    ("disputes.pp_pkb.pkb", "PKB", "PKB"),
];

#[cfg(test)]
mod tests {
    use super::CATALOG;
    use crate::domain::dispute::{
        DeadlineKind, DisputeType, Outcome, PpPkb, Stage, COMPLIANCE_FIELDS, DISPUTE_FIELDS,
        FACILITATION_FIELDS,
    };
    use crate::i18n::Lang;

    fn has(key: &str) -> bool {
        Lang::Id.t(key) != key && Lang::En.t(key) != key
    }

    #[test]
    fn every_field_and_value_the_pane_shows_has_a_label() {
        for f in DISPUTE_FIELDS
            .iter()
            .chain(FACILITATION_FIELDS)
            .chain(COMPLIANCE_FIELDS)
        {
            assert!(has(&format!("field.{}", f.key)), "field.{}", f.key);
        }
        for k in DeadlineKind::ALL {
            assert!(has(&format!("deadline.{k}")) && has(&format!("disputes.short.{k}")));
        }
        for t in DisputeType::ALL {
            assert!(has(&format!("disputes.type.{t}")), "{t}");
        }
        for s in Stage::ALL {
            assert!(has(&format!("disputes.stage.{s}")), "{s}");
        }
        for o in Outcome::ALL {
            assert!(has(&format!("disputes.outcome.{o}")), "{o}");
        }
        for p in PpPkb::ALL {
            assert!(has(&format!("disputes.pp_pkb.{p}")), "{p}");
        }
        for k in ["field.stage", "history.action.stage", "field.year"] {
            assert!(has(k), "{k}");
        }
        assert!(CATALOG.len() > 50);
    }
}
