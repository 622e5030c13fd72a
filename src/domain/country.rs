//! Destination countries: the known list (`data/countries.csv`) for completion and checks. A
//! country outside it is kept only when typed whole and confirmed (a warning, not an error);
//! a beginning that fits several known countries (`mal`: Malaysia, Maladewa) is refused.

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

/// What a typed country is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// A known country (its listed spelling), typed whole or by a common other spelling.
    Known(String),
    /// The beginning of one or more known countries, not a whole name.
    Beginning(Vec<&'static str>),
    /// Not on the list at all: kept as typed, after the officer confirms.
    Unknown(String),
}

/// What `input` names.
pub fn resolve(input: &str) -> Typed {
    let name = normalise(input);
    if known().contains(&name.as_str()) {
        return Typed::Known(name);
    }
    match completions(&name).as_slice() {
        [] => Typed::Unknown(name),
        several => Typed::Beginning(several.to_vec()),
    }
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

    #[test]
    fn a_beginning_is_not_a_country() {
        assert_eq!(resolve("malaysia"), Typed::Known("Malaysia".into()));
        assert_eq!(resolve("HK"), Typed::Known("Hongkong".into()));
        assert_eq!(
            resolve("mal"),
            Typed::Beginning(vec!["Malaysia", "Maladewa"])
        );
        assert_eq!(resolve("taiw"), Typed::Beginning(vec!["Taiwan"]));
        assert_eq!(resolve(" Kenya "), Typed::Unknown("Kenya".into()));
    }
}
