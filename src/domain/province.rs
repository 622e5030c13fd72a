//! Indonesia's 38 provinces (`data/provinces.csv`): a domestic placement's employer is in
//! one of them, and whether it is Jawa Timur decides AKL or AKAD. A province not on the list
//! is refused, naming the listed ones it comes close to.

use super::kecamatan::edit_distance;
use crate::i18n::Msg;
use crate::msg;

const PROVINCES_CSV: &str = include_str!("../../data/provinces.csv");

/// The province a placement within it is AKL (antar kerja lokal): Kabupaten Blitar's own.
pub const HOME_PROVINCE: &str = "Jawa Timur";

/// The listed provinces, in the file's order.
pub fn known() -> &'static [&'static str] {
    static KNOWN: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| super::refdata::single_column(PROVINCES_CSV).collect())
}

/// Common short or long forms officers and the ministry's exports use.
fn alias(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "jatim" | "jawa timur" | "east java" | "prov. jawa timur" => "Jawa Timur",
        "jateng" | "central java" => "Jawa Tengah",
        "jabar" | "west java" => "Jawa Barat",
        "jakarta" | "dki" | "dki jakarta" | "daerah khusus ibukota jakarta" => "DKI Jakarta",
        "yogyakarta" | "diy" | "jogja" | "daerah istimewa yogyakarta" | "d.i. yogyakarta" => {
            "DI Yogyakarta"
        }
        "ntb" => "Nusa Tenggara Barat",
        "ntt" => "Nusa Tenggara Timur",
        "babel" | "bangka belitung" => "Kepulauan Bangka Belitung",
        "kepri" => "Kepulauan Riau",
        "sumut" => "Sumatera Utara",
        "sumbar" => "Sumatera Barat",
        "sumsel" => "Sumatera Selatan",
        "kaltim" => "Kalimantan Timur",
        "kalbar" => "Kalimantan Barat",
        "kalsel" => "Kalimantan Selatan",
        "kalteng" => "Kalimantan Tengah",
        "kaltara" => "Kalimantan Utara",
        "sulsel" => "Sulawesi Selatan",
        "sulut" => "Sulawesi Utara",
        "sulteng" => "Sulawesi Tengah",
        "sultra" => "Sulawesi Tenggara",
        "sulbar" => "Sulawesi Barat",
        _ => return None,
    })
}

/// The listed spelling of `input` (any case, spaces tidied, a `Provinsi` in front dropped,
/// the common short forms), or why not: empty, or not a province, naming the close ones.
pub fn resolve(input: &str) -> Result<&'static str, Msg> {
    let tidy = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = tidy.to_lowercase();
    let lower = lower
        .strip_prefix("provinsi ")
        .or_else(|| lower.strip_prefix("prov. "))
        .or_else(|| lower.strip_prefix("prov "))
        .unwrap_or(&lower)
        .to_string();
    if let Some(p) = alias(&lower) {
        return Ok(p);
    }
    if let Some(p) = known().iter().find(|k| k.to_lowercase() == lower) {
        return Ok(p);
    }
    let close = close_to(&lower);
    let shown = crate::domain::quoted(&tidy);
    if close.is_empty() {
        Err(msg!("v.province.unknown", shown, known().len()))
    } else {
        Err(msg!("v.province.close", shown, close.join(", ")))
    }
}

/// Listed provinces that `lower` (lower case) could have meant: those it begins or is part
/// of, those sharing a word with it, or within a few typing slips of it.
pub fn close_to(lower: &str) -> Vec<&'static str> {
    if lower.is_empty() {
        return Vec::new();
    }
    let by = |keep: &dyn Fn(&str) -> bool| -> Vec<&'static str> {
        known()
            .iter()
            .copied()
            .filter(|k| keep(&k.to_lowercase()))
            .collect()
    };
    let part = by(&|k: &str| k.contains(lower));
    if !part.is_empty() {
        return part;
    }
    let near = by(&|k: &str| edit_distance(k, lower) <= 3);
    if !near.is_empty() {
        return near;
    }
    let words: Vec<&str> = lower.split(' ').filter(|w| w.len() >= 4).collect();
    by(&|k: &str| {
        k.split(' ')
            .any(|kw| words.iter().any(|w| edit_distance(kw, w) <= 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn thirty_eight_provinces_with_jawa_timur_among_them() {
        assert_eq!(known().len(), 38);
        assert!(known().contains(&HOME_PROVINCE));
    }

    #[test]
    fn spellings_resolve_and_unknown_ones_name_the_close_ones() {
        assert_eq!(resolve(" jawa  TIMUR "), Ok("Jawa Timur"));
        assert_eq!(resolve("Provinsi Jawa Timur"), Ok("Jawa Timur"));
        assert_eq!(resolve("jatim"), Ok("Jawa Timur"));
        assert_eq!(resolve("Jakarta"), Ok("DKI Jakarta"));
        assert_eq!(resolve("papua barat daya"), Ok("Papua Barat Daya"));
        let slip = resolve("Jawa Timr").unwrap_err().text(Lang::En);
        assert!(slip.contains("Jawa Timur"), "{slip}");
        let part = resolve("Kalimantan").unwrap_err().text(Lang::Id);
        assert!(
            part.contains("Kalimantan Barat") && part.contains("Kalimantan Utara"),
            "{part}"
        );
        let none = resolve("Narnia").unwrap_err().text(Lang::En);
        assert!(none.contains("'Narnia'") && none.contains("38"), "{none}");
    }
}
