//! Strings of the IKU pane, `disnaker iku` and the explanations of the figures.
//! `{0}`, `{1}`, ... are filled in by `report::iku_year::explain::fill`.

/// (key, Indonesian, English)
pub const CATALOG: &[(&str, &str, &str)] = &[
    // where a realisation comes from
    ("iku.origin.records", "catatan", "records"),
    ("iku.origin.entered", "isian", "entered"),
    ("iku.origin.published", "terbit", "published"),
    ("iku.origin.none", "tidak ada", "none"),
    // the year's table
    ("iku.title", "IKU", "IKU"),
    (
        "iku.office",
        "Dinas Tenaga Kerja Kabupaten Blitar",
        "Dinas Tenaga Kerja Kabupaten Blitar",
    ),
    (
        "iku.closed_by",
        "Ditutup, angka seperti dilaporkan; oleh",
        "Closed, figures as reported; by",
    ),
    (
        "iku.reopened_by",
        "Dibuka kembali setelah ditutup; oleh",
        "Reopened after closing; by",
    ),
    ("iku.col.code", "Kode", "Code"),
    ("iku.col.target", "Target", "Target"),
    ("iku.col.realisation", "Realisasi", "Actual"),
    ("iku.col.capaian", "Capaian", "Achieved"),
    ("iku.col.predicate", "Predikat", "Predicate"),
    ("iku.drift", "berubah sejak ditutup, sekarang", "changed since closing, now"),
    ("iku.notes", "Catatan", "Notes"),
    // notes on a realisation
    (
        "iku.note.no_trainees",
        "tidak ada peserta pelatihan tercatat untuk {0} dan tidak ada angka terbit",
        "no training participants recorded for {0} and no published figure",
    ),
    (
        "iku.note.no_disputes",
        "tidak ada perselisihan tercatat pada {0} (0 / 0): tidak ada nilai",
        "no dispute was recorded in {0} (0 / 0): no value",
    ),
    (
        "iku.note.not_entered",
        "belum diisi untuk {0} dan tidak ada angka terbit",
        "not entered for {0} and no published figure",
    ),
    ("iku.note.reason", "tidak ada nilai: {0}", "no value: {0}"),
    (
        "iku.note.tables_differ",
        "laporan memuat {0} di satu tabel dan {1} di tabel lain",
        "the report gives {0} in one table and {1} in another",
    ),
    (
        "iku.note.ratio_differs",
        "{0} menghasilkan {1}, tetapi laporan mencetak {2}",
        "{0} gives {1}, but the report printed {2}",
    ),
    ("iku.note.report_says", "sumber: {0}", "source: {0}"),
    (
        "iku.note.printed_without_cases",
        "laporan mencetak {0}% padahal tidak ada perselisihan tercatat pada {1} (0 / 0): tidak ada nilai",
        "the report printed {0}% although no dispute was recorded in {1} (0 / 0): no value",
    ),
    (
        "iku.note.dispute_counts",
        "tabel 3.19 mencatat {0} perselisihan dilaporkan dan selesai pada {1}; laporan tidak memuat hitungan di balik {2}%",
        "table 3.19 lists {0} disputes reported and resolved in {1}; the report gives no counts behind {2}%",
    ),
    (
        "iku.note.sakip_mismatch",
        "komponen SAKIP berjumlah {0}, bukan nilai {1} (selisih {2})",
        "the SAKIP components add up to {0}, not the score {1} (difference {2})",
    ),
    // explanations (Enter in the pane)
    (
        "iku.x.closed",
        "Ditutup oleh {0} ({1}); tampil angka seperti dilaporkan: {2}, capaian {3}",
        "Closed by {0} ({1}); shown as reported: {2}, achieved {3}",
    ),
    (
        "iku.x.reopened",
        "Dibuka kembali oleh {0} ({1}); dilaporkan saat ditutup: {2}, capaian {3}",
        "Reopened by {0} ({1}); reported at closing: {2}, achieved {3}",
    ),
    (
        "iku.x.drift",
        "Berubah sejak ditutup: sekarang {0}, capaian {1}",
        "Changed since closing: now {0}, achieved {1}",
    ),
    ("iku.x.formula", "Rumus: {0}", "Formula: {0}"),
    ("iku.x.computed", "  = {0} / {1} × 100 = {2}", "  = {0} / {1} × 100 = {2}"),
    (
        "iku.x.no_value_ratio",
        "  = {0} / {1}: tidak ada nilai (bukan 0, bukan 100)",
        "  = {0} / {1}: no value (not 0, not 100)",
    ),
    (
        "iku.x.from_records",
        "Dihitung dari {0}, tahun {1} (yang diarsipkan tidak dihitung)",
        "Computed from {0}, year {1} (archived records not counted)",
    ),
    (
        "iku.x.entered",
        "Realisasi {0} diisi oleh {1} ({2}); sumber: {3}, tanggal {4}",
        "Actual {0} entered by {1} ({2}); source: {3}, dated {4}",
    ),
    (
        "iku.x.published",
        "Realisasi {0}: angka terbit laporan kinerja (LKjIP); belum ada catatan atau isian untuk {1}",
        "Actual {0}: published in the performance report (LKjIP); no records or entry for {1} yet",
    ),
    (
        "iku.x.nothing",
        "Tidak ada catatan, isian, maupun angka terbit untuk {0}",
        "No records, entry or published figure for {0}",
    ),
    (
        "iku.x.published_beside",
        "Angka terbit LKjIP {0} (pembanding): {1}",
        "Published in the LKjIP for {0} (to compare): {1}",
    ),
    ("iku.x.components", "Komponen SAKIP:", "SAKIP components:"),
    ("iku.x.components_sum", "  Jumlah: {0}", "  Sum: {0}"),
    (
        "iku.x.capaian",
        "Target {0}: {1}; capaian = {2} / {1} × 100 = {3}",
        "Target {0}: {1}; achieved = {2} / {1} × 100 = {3}",
    ),
    (
        "iku.x.capaian_negative",
        "Target {0}: {1} (makin rendah makin baik); capaian = (2 − {2} / {1}) × 100 = {3}",
        "Target {0}: {1} (lower is better); achieved = (2 − {2} / {1}) × 100 = {3}",
    ),
    (
        "iku.x.predicate",
        "Predikat: {0} (tabel 3.1 tanpa celah: ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah; di atas 100 tetap Sangat Tinggi)",
        "Predicate: {0} (table 3.1 without gaps: ≥ 91 very high, ≥ 76 high, ≥ 66 medium, ≥ 51 low; above 100 still very high)",
    ),
    (
        "iku.x.target_no_value",
        "Target {0}: {1}; tanpa realisasi, capaian tidak dihitung",
        "Target {0}: {1}; without an actual value, no achievement",
    ),
    (
        "iku.x.no_target",
        "Tidak ada target untuk {0}: capaian tidak dihitung",
        "No target for {0}: no achievement",
    ),
    ("iku.x.comparisons", "Pembanding {0}: {1}", "Compared in {0}: {1}"),
    ("iku.x.renstra", "Target Renstra {0}: {1}", "Renstra {0} target: {1}"),
    ("iku.x.note", "Catatan:", "Note:"),
    // the entry form (TPAK, SAKIP, TPT)
    ("kind.iku_entry", "Nilai IKU", "Indicator value"),
    ("field.iku_code", "Indikator", "Indicator"),
    ("field.iku_year", "Tahun", "Year"),
    ("field.iku_value", "Nilai", "Value"),
    ("field.sakip_grade", "Predikat SAKIP", "SAKIP grade"),
    ("field.sakip_planning", "SAKIP perencanaan /30", "SAKIP planning /30"),
    ("field.sakip_measurement", "SAKIP pengukuran /30", "SAKIP measurement /30"),
    ("field.sakip_reporting", "SAKIP pelaporan /15", "SAKIP reporting /15"),
    ("field.sakip_evaluation", "SAKIP evaluasi /25", "SAKIP evaluation /25"),
    ("field.iku_source", "Sumber", "Source"),
    ("field.iku_source_date", "Tanggal sumber", "Source date"),
    ("field.iku_notes", "Keterangan", "Remarks"),
    // the pane
    ("iku.col.renstra", "Renstra", "Renstra"),
    ("iku.legend", "sumber:", "source:"),
    ("iku.trend", "Tren", "Trend"),
    ("iku.explain_title", "Asal angka", "Where the number comes from"),
    (
        "iku.from_records_only",
        "dihitung dari catatan; tidak diisi tangan",
        "computed from records; not entered by hand",
    ),
    ("iku.closed_short", "DITUTUP", "CLOSED"),
    ("iku.detail.records", "Dari catatan: {0}", "From records: {0}"),
    (
        "iku.detail.drift",
        "! dilaporkan {0}, sekarang {1}",
        "! reported {0}, now {1}",
    ),
    (
        "iku.detail.published",
        "Angka terbit laporan kinerja (LKjIP); belum ada catatan atau isian",
        "Published in the performance report (LKjIP); no records or entry yet",
    ),
    (
        "iku.detail.entered",
        "Diisi {0} dari {1} ({2})",
        "Entered by {0} from {1} ({2})",
    ),
    (
        "iku.detail.nothing",
        "Tidak ada catatan, isian, maupun angka terbit",
        "No records, entry or published figure",
    ),
    (
        "iku.detail.more",
        "{open}: asal angka selengkapnya",
        "{open}: where the number comes from",
    ),
    ("iku.reopened_short", "dibuka kembali", "reopened"),
    ("iku.changed", "berubah", "changed"),
    ("iku.flagged", "periksa", "check"),
    (
        "iku.no_entry",
        "{0} {1}: tidak ada nilai yang diisi; sumbernya {2}",
        "{0} {1}: no entered value; its source is {2}",
    ),
];
