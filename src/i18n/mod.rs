//! Strings shown to officers: one catalog per language (Indonesian default, English).
//! Every entry carries both languages, so a label can never be missing in one of them.

mod disputes;
mod iku;
mod keys;
mod numbers;
mod reliability;
mod trainings;
mod transmigrants;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Result<Lang, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "indonesia" | "in" => Ok(Lang::Id),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (use id or en)")),
        }
    }

    /// The catalog entry for `key`; the key itself if the catalog lacks it (a test keeps
    /// the catalog complete for every key the program uses).
    pub fn t(self, key: &str) -> &'static str {
        match CATALOGS
            .iter()
            .flat_map(|c| c.iter())
            .find(|(k, _, _)| *k == key)
        {
            Some((_, id, en)) => match self {
                Lang::Id => id,
                Lang::En => en,
            },
            None => leak_missing(key),
        }
    }
}

fn leak_missing(key: &str) -> &'static str {
    // Only reachable through a programming error; keep the key visible rather than panic.
    Box::leak(key.to_string().into_boxed_str())
}

/// Every catalog: the core one here, and one per pane that later issues added (each in its
/// own file, so panes do not edit each other's strings).
pub const CATALOGS: &[&[(&str, &str, &str)]] = &[
    CATALOG,
    disputes::CATALOG,
    iku::CATALOG,
    trainings::CATALOG,
    transmigrants::CATALOG,
    reliability::CATALOG,
    keys::CATALOG,
];

/// (key, Indonesian, English)
pub const CATALOG: &[(&str, &str, &str)] = &[
    // panes
    ("pane.cases", "Kasus PMI", "PMI cases"),
    ("pane.placements", "Penempatan", "Placements"),
    ("pane.disputes", "Perselisihan", "Disputes"),
    ("pane.trainings", "Pelatihan", "Trainings"),
    ("pane.transmigrants", "Transmigrasi", "Transmigration"),
    ("pane.iku", "IKU", "IKU"),
    // status bar
    ("bar.officer", "Petugas", "Officer"),
    ("bar.store", "Data", "Store"),
    ("bar.year", "Tahun", "Year"),
    // case fields
    ("field.name", "Nama", "Name"),
    ("field.nik", "NIK", "NIK"),
    ("field.sex", "Jenis kelamin", "Sex"),
    ("field.kecamatan", "Kecamatan", "Kecamatan"),
    ("field.desa", "Desa", "Village"),
    ("field.country", "Negara penempatan", "Country"),
    ("field.category", "Kategori", "Category"),
    ("field.reported_on", "Tanggal lapor", "Reported on"),
    ("field.sector", "Sektor", "Sector"),
    ("field.scheme", "Skema", "Scheme"),
    ("field.procedural", "Prosedural", "Procedural"),
    ("field.occupation", "Jabatan", "Occupation"),
    (
        "field.employer",
        "Majikan / perusahaan",
        "Employer / company",
    ),
    ("field.report_source", "Sumber laporan", "Report source"),
    ("field.family_contact", "Kontak keluarga", "Family contact"),
    (
        "field.partner_agencies",
        "Instansi mitra",
        "Partner agencies",
    ),
    ("field.arrival_date", "Tanggal tiba", "Arrival date"),
    ("field.arrival_place", "Tempat tiba", "Arrival place"),
    (
        "field.handover_date",
        "Tanggal serah terima",
        "Hand-over date",
    ),
    (
        "field.costs",
        "Biaya / manfaat (Rp)",
        "Costs / benefits (IDR)",
    ),
    ("field.notes", "Catatan", "Notes"),
    (
        "field.next_followup",
        "Tindak lanjut berikut",
        "Next follow-up",
    ),
    ("field.status", "Status", "Status"),
    // shared by several record kinds (disputes and transmigrants move by stage; trainings and
    // company compliance have a year)
    ("field.stage", "Tahap", "Stage"),
    ("field.year", "Tahun", "Year"),
    ("field.archived", "Diarsipkan", "Archived"),
    // list columns
    ("col.id", "No", "No"),
    ("col.name", "Nama", "Name"),
    ("col.nik", "NIK", "NIK"),
    ("col.kecamatan", "Kecamatan", "Kecamatan"),
    ("col.country", "Negara", "Country"),
    ("col.category", "Kategori", "Category"),
    ("col.status", "Status", "Status"),
    ("col.followup", "Tindak l.", "Follow-up"),
    ("col.followup_long", "Tindak lanjut", "Follow-up"),
    // cases pane
    (
        "cases.empty",
        "Belum ada kasus. Tekan {new} untuk mencatat kasus baru.",
        "No cases yet. Press {new} to record a new case.",
    ),
    (
        "cases.no_match",
        "Tidak ada kasus yang cocok.",
        "No case matches.",
    ),
    ("cases.filter", "Cari", "Filter"),
    ("cases.matches", "cocok", "match"),
    ("cases.year_summary", "kasus dilaporkan", "cases reported"),
    ("cases.open", "terbuka", "open"),
    ("cases.overdue", "lewat tindak lanjut", "follow-up overdue"),
    (
        "cases.archive_q",
        "Arsipkan kasus ini? ({yes}/{no})",
        "Archive this case? ({yes}/{no})",
    ),
    (
        "cases.exported",
        "Ringkasan ditulis ke",
        "Summary written to",
    ),
    // any record kind
    ("kind.case", "Kasus", "Case"),
    ("kind.placement", "Penempatan", "Placement"),
    ("record.new", "baru", "new"),
    ("record.edit", "ubah", "edit"),
    ("record.saved", "tersimpan", "saved"),
    ("record.archived", "diarsipkan", "archived"),
    ("record.restored", "dipulihkan", "restored"),
    ("archive.tab", "arsip", "archive"),
    (
        "archive.showing",
        "Menampilkan data yang diarsipkan: {restore} memulihkan, {show-archived} kembali.",
        "Showing archived records: {restore} restores one, {show-archived} goes back.",
    ),
    (
        "archive.live",
        "Menampilkan data aktif.",
        "Showing the live records.",
    ),
    (
        "archive.none_here",
        "Tampilan ini tidak punya arsip.",
        "This view has no archive.",
    ),
    (
        "archive.not_archived",
        "tidak diarsipkan: tidak ada yang dipulihkan.",
        "is not archived: nothing to restore.",
    ),
    (
        "record.archive_q",
        "Arsipkan data ini? ({yes}/{no})",
        "Archive this record? ({yes}/{no})",
    ),
    (
        "record.no_next_status",
        "Sudah di status terakhir; tidak ada status berikutnya.",
        "Already at the last status; there is no next one.",
    ),
    (
        "record.choose_status",
        "Pindahkan ke status:",
        "Move to status:",
    ),
    ("history.title", "Riwayat", "History of"),
    // placements pane
    ("placements.published_series", "Terbit LKjIP", "Published"),
    ("placements.by_kecamatan", "Per kecamatan", "By kecamatan"),
    ("placements.by_country", "Per negara", "By country"),
    ("placements.from_records", "dari catatan", "from records"),
    ("placements.total", "Jumlah", "Total"),
    ("placements.published_2024", "Terbit 2024", "Publ. 2024"),
    ("placements.all", "Semua", "All"),
    ("placements.rows", "penempatan", "placements"),
    (
        "field.departure_date",
        "Tanggal berangkat",
        "Departure date",
    ),
    ("col.sector", "Sektor", "Sector"),
    ("col.departure", "Berangkat", "Departed"),
    // form
    ("form.errors", "Periksa isian", "Check the fields"),
    (
        "form.warning_confirm",
        "Tekan {save} lagi untuk tetap menyimpan.",
        "Press {save} again to save anyway.",
    ),
    (
        "form.discard_q",
        "Ada perubahan yang belum disimpan. Buang? ({yes}/{no})",
        "There are unsaved changes. Discard them? ({yes}/{no})",
    ),
    ("form.required", "wajib", "required"),
    (
        "form.conflict",
        "Tidak tersimpan: data ini sudah diubah petugas lain",
        "Not saved: another officer changed this record",
    ),
    ("form.candidates", "pilihan", "choices"),
    (
        "form.date_hint",
        "tanggal: HH-BB-TTTT, mis. 04-12-2026 (juga 04/12/2026 atau 2026-12-04)",
        "date: DD-MM-YYYY, e.g. 04-12-2026 (also 04/12/2026 or 2026-12-04)",
    ),
    // detail / history
    ("detail.created", "Dibuat", "Created"),
    ("detail.changed", "Diubah", "Changed"),
    ("detail.version", "Versi", "Version"),
    ("detail.by", "oleh", "by"),
    ("history.empty", "Belum ada riwayat.", "No history yet."),
    ("history.action.create", "dibuat", "created"),
    ("history.action.update", "diubah", "edited"),
    ("history.action.status", "status", "status"),
    ("history.action.stage", "tahap", "stage"),
    ("history.action.archive", "diarsipkan", "archived"),
    ("history.action.import", "diimpor", "imported"),
    // kecamatan lookup
    ("lookup.title", "Cari kecamatan", "Kecamatan lookup"),
    ("filter.done", "selesai", "done"),
    ("placements.column", "kolom", "column"),
    ("filter.clear", "hapus", "clear"),
    (
        "lookup.hint",
        "Ketik awal nama kecamatan, mis. pong untuk Ponggok.",
        "Type the start of a kecamatan name, e.g. pong for Ponggok.",
    ),
    (
        "lookup.ambiguous",
        "Lebih dari satu kecamatan cocok",
        "Several kecamatan match",
    ),
    (
        "lookup.unknown_did_you_mean",
        "Kecamatan tidak dikenal. Maksud Anda",
        "Unknown kecamatan. Did you mean",
    ),
    (
        "lookup.unknown",
        "Kecamatan tidak dikenal.",
        "Unknown kecamatan.",
    ),
    ("lookup.placements", "Penempatan PMI", "PMI placements"),
    ("lookup.top_countries", "Negara terbanyak", "Top countries"),
    (
        "lookup.cases",
        "Kasus PMI (semua tahun)",
        "PMI cases (all years)",
    ),
    ("lookup.closed", "ditutup", "closed"),
    ("lookup.trainees", "Peserta pelatihan", "Trainees"),
    (
        "lookup.transmigrants",
        "Keluarga transmigran",
        "Transmigrant families",
    ),
    ("lookup.graduated", "lulus", "graduated"),
    ("lookup.employed", "bekerja", "working"),
    ("lookup.registered", "terdaftar", "registered"),
    ("lookup.departed", "berangkat", "departed"),
    ("lookup.waiting", "menunggu", "waiting"),
    // general
    (
        "quit_q",
        "Ada isian yang belum disimpan. Keluar tanpa menyimpan? ({yes}/{no})",
        "A form has unsaved changes. Quit without saving? ({yes}/{no})",
    ),
    ("help.title", "Bantuan: tombol aktif", "Help: active keys"),
    ("help.global", "Umum", "Everywhere"),
    ("help.list", "Daftar", "Lists"),
    ("help.form", "Formulir", "Forms"),
    (
        "too_small",
        "Layar terlalu kecil: perlu setidaknya 80×24, sekarang",
        "Terminal too small: needs at least 80×24, now",
    ),
    ("error", "Galat", "Error"),
    ("yes_no", "({yes}/{no})", "({yes}/{no})"),
    (
        "data_changed",
        "Data diperbarui oleh petugas lain",
        "Data updated by another officer",
    ),
    // actions (help screen and footer)
    ("action.quit", "keluar", "quit"),
    ("action.help", "bantuan", "help"),
    ("action.next-pane", "panel berikut", "next pane"),
    ("action.prev-pane", "panel sebelum", "previous pane"),
    ("action.pane-1", "panel Kasus PMI", "PMI cases pane"),
    ("action.pane-2", "panel Penempatan", "Placements pane"),
    ("action.pane-3", "panel Perselisihan", "Disputes pane"),
    ("action.pane-4", "panel Pelatihan", "Trainings pane"),
    ("action.pane-5", "panel Transmigrasi", "Transmigration pane"),
    ("action.pane-6", "panel IKU", "Indicators pane"),
    ("action.up", "naik", "up"),
    ("action.down", "turun", "down"),
    ("action.page-up", "halaman naik", "page up"),
    ("action.page-down", "halaman turun", "page down"),
    ("action.home", "awal", "first"),
    ("action.end", "akhir", "last"),
    ("action.open", "buka", "open"),
    ("action.new", "baru", "new"),
    ("action.edit", "ubah", "edit"),
    ("action.status", "status", "status"),
    ("action.archive", "arsipkan", "archive"),
    ("action.filter", "cari", "filter"),
    ("action.prev-year", "tahun sebelum", "previous year"),
    ("action.next-year", "tahun berikut", "next year"),
    ("action.lookup", "cari kecamatan", "kecamatan lookup"),
    ("action.export", "ekspor", "export"),
    ("action.history", "riwayat", "history"),
    ("action.save", "simpan", "save"),
    ("action.cancel", "batal", "cancel"),
    ("action.next-field", "isian berikut", "next field"),
    ("action.prev-field", "isian sebelum", "previous field"),
    ("action.choice-next", "pilihan berikut", "next choice"),
    ("action.choice-prev", "pilihan sebelum", "previous choice"),
    ("action.left", "kolom kiri", "column left"),
    ("action.right", "kolom kanan", "column right"),
    ("action.switch-view", "ganti tampilan", "switch view"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CASE_FIELDS;

    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        let mut seen = std::collections::HashSet::new();
        for (k, id, en) in CATALOGS.iter().flat_map(|c| c.iter()) {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!id.is_empty() && !en.is_empty(), "{k} lacks a language");
        }
    }

    #[test]
    fn every_case_field_has_a_label() {
        for f in CASE_FIELDS {
            let key = format!("field.{}", f.key);
            assert!(CATALOG.iter().any(|(k, _, _)| *k == key), "{key}");
        }
        assert_eq!(Lang::En.t("field.reported_on"), "Reported on");
        assert_eq!(Lang::Id.t("field.reported_on"), "Tanggal lapor");
    }
}
