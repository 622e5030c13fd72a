//! Strings shown to officers: one catalog per language (Indonesian default, English).

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
}
