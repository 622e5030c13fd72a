//! Strings of pane 5, Transmigrasi: registration and quota form labels, list columns, the
//! header figures, the waiting list.

/// (key, Indonesian, English)
pub const CATALOG: &[(&str, &str, &str)] = &[
    // record kinds
    ("kind.transmigrant", "Registrasi", "Registration"),
    (
        "kind.transmigration_quota",
        "Kuota provinsi",
        "Provincial quota",
    ),
    // registration fields (form order), then the ones only a stage move sets
    ("field.head_name", "Kepala keluarga", "Head of family"),
    ("field.kk_no", "Nomor KK", "Family card (KK) no."),
    ("field.members", "Jumlah anggota", "Family members"),
    ("field.registered_on", "Tanggal daftar", "Registered on"),
    ("field.destination_upt", "Tujuan: UPT", "Destination: UPT"),
    (
        "field.destination_kabupaten",
        "Tujuan: kabupaten",
        "Destination: kabupaten",
    ),
    (
        "field.destination_province",
        "Tujuan: provinsi",
        "Destination: province",
    ),
    ("field.destination", "Tujuan", "Destination"),
    ("field.departed_on", "Tanggal berangkat", "Departed on"),
    ("field.cancel_reason", "Alasan batal", "Reason withdrawn"),
    ("field.cancelled_on", "Tanggal batal", "Withdrawn on"),
    // quota form
    ("field.quota_year", "Tahun kuota", "Quota year"),
    (
        "field.quota_families",
        "Kuota (keluarga)",
        "Quota (families)",
    ),
    (
        "field.quota_destinations",
        "Lokasi tujuan",
        "Destinations offered",
    ),
    (
        "field.quota_source",
        "Sumber (surat, rapat)",
        "Source (letter)",
    ),
    // list columns
    (
        "transmigrants.col.head",
        "Kepala keluarga",
        "Head of family",
    ),
    ("transmigrants.col.ids", "NIK/KK", "NIK/KK"),
    ("transmigrants.col.members", "Agt", "Mem"),
    ("transmigrants.col.registered", "Daftar", "Reg."),
    ("transmigrants.col.stage", "Tahap", "Stage"),
    (
        "transmigrants.col.departure",
        "Berangkat/UPT",
        "Departed/UPT",
    ),
    ("transmigrants.col.position", "Urut", "Pos."),
    // stages, short enough for the list
    ("transmigrants.stage.terdaftar", "terdaftar", "registered"),
    (
        "transmigrants.stage.berkas_lengkap",
        "berkas lkp",
        "docs done",
    ),
    ("transmigrants.stage.terseleksi", "terseleksi", "selected"),
    ("transmigrants.stage.dilatih", "dilatih", "trained"),
    (
        "transmigrants.stage.diberangkatkan",
        "berangkat",
        "departed",
    ),
    ("transmigrants.stage.batal", "batal", "withdrawn"),
    // header: the year's figures from the records
    ("transmigrants.registered", "terdaftar", "registered"),
    ("transmigrants.departed", "berangkat", "departed"),
    ("transmigrants.waiting", "menunggu", "waiting"),
    ("transmigrants.placed", "ditempatkan", "placed"),
    ("transmigrants.no_value", "tidak ada nilai", "no value"),
    ("transmigrants.quota", "Kuota provinsi", "Provincial quota"),
    ("transmigrants.quota_used", "terpakai", "used"),
    ("transmigrants.quota_left", "sisa", "left"),
    ("transmigrants.quota_over", "melebihi", "over"),
    ("transmigrants.no_quota", "belum diisi", "no quota entered"),
    ("transmigrants.families", "keluarga", "families"),
    (
        "transmigrants.published",
        "Terbit LKjIP daftar/berangkat",
        "Published LKjIP reg./departed",
    ),
    (
        "transmigrants.all",
        "Semua registrasi, terbaru dulu",
        "All registrations, latest first",
    ),
    // the list and the waiting list
    ("transmigrants.waiting_all", "semua", "all"),
    (
        "transmigrants.empty",
        "Belum ada registrasi. Tekan {new} untuk mendaftarkan keluarga.",
        "No registrations yet. Press {new} to register a family.",
    ),
    (
        "transmigrants.no_match",
        "Tidak ada registrasi yang cocok.",
        "No registration matches.",
    ),
    (
        "transmigrants.waiting_title",
        "Antrean urut tanggal daftar, per",
        "Waiting in order of registration, as of",
    ),
    (
        "transmigrants.waiting_empty",
        "Tidak ada keluarga yang menunggu.",
        "No family is waiting.",
    ),
];

#[cfg(test)]
mod tests {
    use super::CATALOG;
    use crate::domain::transmigrant::{Stage, STAGE_MOVE_FIELDS, TRANSMIGRANT_FIELDS};
    use crate::i18n::Lang;

    #[test]
    fn every_registration_field_and_stage_has_a_label() {
        let keys = TRANSMIGRANT_FIELDS
            .iter()
            .map(|f| f.key)
            .chain(STAGE_MOVE_FIELDS.iter().copied());
        for key in keys {
            let key = format!("field.{key}");
            assert_ne!(Lang::Id.t(&key), key, "{key}");
        }
        for s in Stage::ALL {
            let key = format!("transmigrants.stage.{}", s.as_str());
            assert!(CATALOG.iter().any(|(k, _, _)| *k == key), "{key}");
        }
    }
}
