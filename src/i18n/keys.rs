//! Strings of the keymap: what each pane-local or overlay action does (the footer and the help
//! screen put the active key beside it) and the help screen's headings. No key is written
//! here: the key an officer presses comes from the keymap (`Keymap::label`).

/// (key, Indonesian, English)
pub const CATALOG: &[(&str, &str, &str)] = &[
    // actions of one pane or one overlay (the shared ones are in the core catalog)
    ("action.follow-up", "tindak lanjut", "follow-up"),
    ("action.mark-employed", "bekerja", "wage job"),
    ("action.mark-self-employed", "wirausaha", "own business"),
    ("action.mark-not-working", "tidak bekerja", "not working"),
    ("action.more-months", "bulan +1", "one month more"),
    ("action.fewer-months", "bulan −1", "one month less"),
    ("action.waiting-list", "daftar tunggu", "waiting list"),
    ("action.quota", "kuota", "quota"),
    ("action.show-archived", "lihat arsip", "show archived"),
    ("action.close", "tutup", "close"),
    ("action.restore", "pulihkan", "restore"),
    ("action.accept", "pilih", "take"),
    ("action.yes", "ya", "yes"),
    ("action.no", "tidak", "no"),
    ("action.choose-1", "pilihan 1", "option 1"),
    ("action.choose-2", "pilihan 2", "option 2"),
    ("action.choose-3", "pilihan 3", "option 3"),
    ("action.choose-4", "pilihan 4", "option 4"),
    ("action.choose-5", "pilihan 5", "option 5"),
    ("action.choose-6", "pilihan 6", "option 6"),
    ("action.choose-7", "pilihan 7", "option 7"),
    ("action.choose-8", "pilihan 8", "option 8"),
    ("action.choose-9", "pilihan 9", "option 9"),
    // the keymap's tables, as the help screen names them
    ("keys.ctx.global", "Di semua panel", "Everywhere"),
    ("keys.ctx.list", "Di setiap daftar", "In every list"),
    ("keys.ctx.form", "Di formulir", "In a form"),
    ("keys.ctx.cases", "Kasus PMI", "PMI cases"),
    ("keys.ctx.placements", "Penempatan", "Placements"),
    ("keys.ctx.disputes", "Perselisihan", "Disputes"),
    ("keys.ctx.trainings", "Pelatihan", "Trainings"),
    ("keys.ctx.transmigrants", "Transmigrasi", "Transmigration"),
    ("keys.ctx.iku", "IKU", "IKU"),
    ("keys.ctx.help", "Bantuan", "Help"),
    ("keys.ctx.detail", "Rincian data", "Record detail"),
    ("keys.ctx.history", "Riwayat", "History"),
    ("keys.ctx.lookup", "Cari kecamatan", "Kecamatan lookup"),
    ("keys.ctx.confirm", "Pertanyaan ya/tidak", "Yes/no question"),
    ("keys.ctx.choice", "Pilihan", "Choice"),
    // "{pane}" is the pane's name above
    ("keys.help.pane", "Panel {pane}", "{pane} pane"),
    (
        "keys.help.pane_none",
        "tidak ada tombol khusus panel ini",
        "no keys of its own",
    ),
];
