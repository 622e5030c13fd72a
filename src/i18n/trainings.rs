//! Strings of pane 4 (Pelatihan): trainings, participants, the follow-up list, IKU1.

/// (key, Indonesian, English)
pub const CATALOG: &[(&str, &str, &str)] = &[
    // record kinds
    ("kind.training", "Pelatihan", "Training"),
    ("kind.trainee", "Peserta pelatihan", "Participant"),
    // training fields (scheme is shared with the case form)
    ("field.funding_source", "Sumber dana", "Funding source"),
    ("field.provider", "Penyelenggara", "Provider"),
    ("field.start_date", "Tanggal mulai", "Start date"),
    ("field.end_date", "Tanggal selesai", "End date"),
    ("field.quota", "Kuota peserta", "Quota"),
    ("field.budget", "Anggaran (Rp)", "Budget (IDR)"),
    // participant fields (name, nik, sex, kecamatan, employer are shared)
    ("field.training_id", "Pelatihan (no)", "Training (no)"),
    ("field.phone", "Telepon", "Phone"),
    ("field.graduated", "Lulus", "Graduated"),
    ("field.certified", "Bersertifikat", "Certified"),
    (
        "field.certificate_no",
        "Nomor sertifikat",
        "Certificate number",
    ),
    // The form's labels have 22 columns.
    ("field.employment", "Status pekerjaan", "Employment status"),
    ("field.employed_on", "Mulai bekerja", "Employed since"),
    ("field.verified_on", "Tanggal verifikasi", "Verified on"),
    ("field.verified_how", "Cara verifikasi", "Verified how"),
    (
        "history.action.employment",
        "hasil kerja dicatat",
        "employment recorded",
    ),
    // the trainings list
    ("trainings.trainings", "pelatihan", "trainings"),
    ("trainings.participants", "peserta", "trainees"),
    ("trainings.graduated", "lulus", "graduated"),
    ("trainings.certified", "sertifikat", "certified"),
    ("trainings.employed", "bekerja", "employed"),
    ("trainings.target", "target", "target"),
    ("trainings.capaian", "capaian", "achievement"),
    (
        "trainings.no_target",
        "belum ada target untuk tahun ini",
        "no target recorded for this year",
    ),
    ("trainings.no_value", "tanpa nilai", "no value"),
    (
        "trainings.no_value_reason",
        "belum ada peserta tercatat",
        "no participants recorded",
    ),
    ("trainings.by_year", "Catatan per tahun", "Records by year"),
    (
        "trainings.waiting",
        "lulusan menunggu dihubungi",
        "graduates waiting for a call",
    ),
    ("trainings.filter", "Cari", "Filter"),
    ("trainings.matches", "cocok", "match"),
    ("trainings.mark_result", "catat hasil", "record result"),
    ("trainings.months_word", "bulan", "months"),
    (
        "trainings.empty",
        "Belum ada pelatihan tahun ini. Tekan {new} untuk mencatat pelatihan.",
        "No trainings this year. Press {new} to record a training.",
    ),
    (
        "trainings.no_match",
        "Tidak ada yang cocok.",
        "Nothing matches.",
    ),
    ("trainings.published", "Terbit LKjIP", "Published LKjIP"),
    (
        "trainings.published_table",
        "tabel 3.13, bukan catatan",
        "table 3.13, not records",
    ),
    ("trainings.schemes", "skema", "schemes"),
    (
        "trainings.published_none",
        "tidak ada angka terbit",
        "no published figures",
    ),
    (
        "trainings.published_hint",
        "Tabel 3.13 LKjIP 2024 memuat skema 2022-2024.",
        "Table 3.13 of LKjIP 2024 lists the schemes of 2022-2024.",
    ),
    ("trainings.col.scheme", "Skema", "Scheme"),
    ("trainings.col.funding", "Dana", "Funds"),
    ("trainings.col.dates", "Tanggal", "Dates"),
    ("trainings.col.start", "Mulai", "Start"),
    ("trainings.col.participants", "Peserta", "Partic."),
    ("trainings.col.graduated", "Lulus", "Grad."),
    ("trainings.col.certified", "Sertif.", "Certif."),
    ("trainings.col.employed", "Bekerja", "Empl."),
    ("trainings.col.pct_employed", "% kerja", "% empl"),
    // participants
    ("trainings.participants_of", "Peserta", "Participants"),
    (
        "trainings.participants_empty",
        "Belum ada peserta. Tekan {new} untuk menambah peserta.",
        "No participants yet. Press {new} to add one.",
    ),
    ("trainings.col.no", "No", "No"),
    ("trainings.col.name", "Nama", "Name"),
    ("trainings.col.nik", "NIK", "NIK"),
    ("trainings.col.sex", "L/P", "Sex"),
    ("trainings.col.kecamatan", "Kecamatan", "Kecamatan"),
    ("trainings.col.employment", "Pekerjaan", "Employment"),
    ("trainings.yes", "ya", "yes"),
    ("trainings.no", "tidak", "no"),
    ("trainings.emp.bekerja", "bekerja", "wage job"),
    ("trainings.emp.wirausaha", "wirausaha", "own business"),
    (
        "trainings.emp.tidak_bekerja",
        "tidak bekerja",
        "not working",
    ),
    ("trainings.emp.unknown", "belum diketahui", "not known yet"),
    // the two-key action
    ("trainings.mark_for", "Hasil kerja", "Employment of"),
    (
        "trainings.marked",
        "dicatat, verifikasi telepon hari ini",
        "recorded, verified by phone today",
    ),
    (
        "trainings.mark_cancelled",
        "Hasil kerja tidak dicatat.",
        "Employment not recorded.",
    ),
    (
        "trainings.mark_conflict",
        "Tidak tersimpan: peserta ini sudah diubah petugas lain",
        "Not saved: another officer changed this participant",
    ),
    // follow-up
    ("trainings.follow_up", "Tindak lanjut", "Follow-up"),
    (
        "trainings.follow_up_who",
        "lulusan belum diketahui kerjanya",
        "graduates, employment unknown",
    ),
    (
        "trainings.follow_up_months",
        "bulan setelah pelatihan",
        "months after training",
    ),
    (
        "trainings.follow_up_empty",
        "Tidak ada lulusan yang perlu dihubungi untuk jangka ini.",
        "No graduate to call for this period.",
    ),
    ("trainings.col.phone", "Telepon", "Phone"),
    ("trainings.col.training", "Pelatihan", "Training"),
    ("trainings.col.ended", "Selesai", "Ended"),
    ("trainings.no_phone", "(tanpa nomor)", "(no number)"),
];

#[cfg(test)]
mod tests {
    use crate::domain::training::{TRAINEE_FIELDS, TRAINING_FIELDS};
    use crate::i18n::Lang;

    #[test]
    fn every_training_and_participant_field_has_a_label() {
        for f in TRAINING_FIELDS.iter().chain(TRAINEE_FIELDS) {
            let key = format!("field.{}", f.key);
            assert_ne!(Lang::Id.t(&key), key, "{key} has no Indonesian label");
            assert_ne!(Lang::En.t(&key), key, "{key} has no English label");
        }
        assert_eq!(Lang::Id.t("field.employment"), "Status pekerjaan");
    }
}
