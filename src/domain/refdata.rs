//! Reference data shipped in `data/`, embedded so the binary works from anywhere.

pub const KECAMATAN_CSV: &str = include_str!("../../data/kecamatan.csv");
pub const COUNTRIES_CSV: &str = include_str!("../../data/countries.csv");
pub const HOLIDAYS_CSV: &str = include_str!("../../data/holidays.csv");
pub const IKU_CSV: &str = include_str!("../../data/iku.csv");
pub const IKU1_OUTCOMES_CSV: &str = include_str!("../../data/iku1_training_outcomes.csv");
pub const PREDICATES_CSV: &str = include_str!("../../data/performance_predicates.csv");
pub const PLACEMENTS_BY_YEAR_CSV: &str = include_str!("../../data/placements_by_year.csv");
pub const PLACEMENTS_2024_BY_COUNTRY_CSV: &str =
    include_str!("../../data/pmi_placements_2024_by_country.csv");
pub const PLACEMENTS_2024_BY_KECAMATAN_CSV: &str =
    include_str!("../../data/pmi_placements_2024_by_kecamatan.csv");
pub const SAKIP_GRADES_CSV: &str = include_str!("../../data/sakip_grades.csv");
pub const SAKIP_COMPONENTS_2024_CSV: &str = include_str!("../../data/sakip_components_2024.csv");
pub const TRAINING_SCHEMES_CSV: &str = include_str!("../../data/training_schemes.csv");
pub const DISPUTES_BY_YEAR_CSV: &str = include_str!("../../data/disputes_by_year.csv");
pub const TRANSMIGRATION_BY_YEAR_CSV: &str = include_str!("../../data/transmigration_by_year.csv");
pub const TPT_BY_YEAR_CSV: &str = include_str!("../../data/tpt_by_year.csv");
pub const REMITTANCES_CSV: &str = include_str!("../../data/remittances.csv");

/// The published tables, by the name they are stored under.
pub const PUBLISHED_TABLES: &[(&str, &str)] = &[
    ("iku", IKU_CSV),
    ("iku1_training_outcomes", IKU1_OUTCOMES_CSV),
    ("performance_predicates", PREDICATES_CSV),
    ("placements_by_year", PLACEMENTS_BY_YEAR_CSV),
    (
        "pmi_placements_2024_by_country",
        PLACEMENTS_2024_BY_COUNTRY_CSV,
    ),
    (
        "pmi_placements_2024_by_kecamatan",
        PLACEMENTS_2024_BY_KECAMATAN_CSV,
    ),
    ("sakip_grades", SAKIP_GRADES_CSV),
    ("sakip_components_2024", SAKIP_COMPONENTS_2024_CSV),
    ("training_schemes", TRAINING_SCHEMES_CSV),
    ("disputes_by_year", DISPUTES_BY_YEAR_CSV),
    ("transmigration_by_year", TRANSMIGRATION_BY_YEAR_CSV),
    ("tpt_by_year", TPT_BY_YEAR_CSV),
    ("remittances", REMITTANCES_CSV),
];

/// Lines of a one-column CSV after its header (no quoting is used in these files).
pub fn single_column(csv: &str) -> impl Iterator<Item = &str> {
    csv.lines().skip(1).map(str::trim).filter(|l| !l.is_empty())
}

/// Split a simple CSV (fields may be double-quoted, no embedded newlines) into rows.
pub fn simple_rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .filter(|l| !l.trim().is_empty())
        .map(split_csv_line)
        .collect()
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2024_kecamatan_table_has_22_rows_summing_to_3727() {
        let rows = simple_rows(PLACEMENTS_2024_BY_KECAMATAN_CSV);
        assert_eq!(rows.len(), 23);
        let total: u32 = rows[1..].iter().map(|r| r[5].parse::<u32>().unwrap()).sum();
        assert_eq!(total, 3727);
    }

    #[test]
    fn quoted_fields_split_correctly() {
        assert_eq!(
            split_csv_line(r#"a,"b,c","d""e""#),
            vec!["a", "b,c", "d\"e"]
        );
    }
}
