//! Strings of the reliability work: drafts kept over a dropped connection.

/// (key, Indonesian, English)
pub const CATALOG: &[(&str, &str, &str)] = &[
    ("draft.title", "draf", "draft"),
    (
        "draft.restored",
        "Draf {at} dipulihkan: {save} simpan, {cancel} lalu {yes} buang",
        "Draft of {at} restored: {save} saves, {cancel} then {yes} discards",
    ),
    (
        "draft.unreadable",
        "Draf tidak dapat dibaca",
        "The drafts cannot be read",
    ),
];
