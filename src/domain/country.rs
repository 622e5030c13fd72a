//! Destination countries: a list for completion; officers may type others.

use super::refdata;

pub fn known() -> &'static [&'static str] {
    static KNOWN: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| refdata::single_column(refdata::COUNTRIES_CSV).collect())
}

/// The listed spelling when the typed name matches one case-insensitively (or a common
/// alternative spelling), else the typed name trimmed.
pub fn normalise(input: &str) -> String {
    let t = input.trim();
    let alias = match t.to_lowercase().as_str() {
        "hong kong" | "hk" => Some("Hongkong"),
        "singapore" => Some("Singapura"),
        "brunei" => Some("Brunei Darussalam"),
        "korea" | "south korea" | "korsel" => Some("Korea Selatan"),
        "japan" => Some("Jepang"),
        "saudi arabia" | "saudi" => Some("Arab Saudi"),
        "poland" => Some("Polandia"),
        "turkey" | "turkiye" => Some("Turki"),
        _ => None,
    };
    if let Some(a) = alias {
        return a.to_string();
    }
    known()
        .iter()
        .find(|k| k.eq_ignore_ascii_case(t))
        .map(|k| k.to_string())
        .unwrap_or_else(|| t.to_string())
}

/// Listed countries starting with the prefix.
pub fn completions(prefix: &str) -> Vec<&'static str> {
    let q = prefix.trim().to_lowercase();
    known()
        .iter()
        .copied()
        .filter(|k| k.to_lowercase().starts_with(&q))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_normalised() {
        assert_eq!(normalise("hong kong"), "Hongkong");
        assert_eq!(normalise("TAIWAN"), "Taiwan");
        assert_eq!(normalise(" Kenya "), "Kenya");
        assert_eq!(completions("ta"), vec!["Taiwan"]);
    }
}
