//! Domestic placements (AKL / AKAD) summed for `export domestic`, the pane's `x` and the
//! lookup: per kind × way × sex, every combination listed (zeros included), then `TOTAL`.

use super::table::{total_row, Cell, Table};
use crate::domain::case::Sex;
use crate::domain::domestic::{DomesticKind, How};
use crate::store::{self, DomesticCount, Store};

/// `kind,how,male,female,total`: AKL then AKAD, each with every way in the list's order,
/// then `TOTAL` (SPEC §5). Counts the live placements placed in `year`.
pub fn domestic_table(store: &Store, year: i32) -> store::Result<Table> {
    Ok(table_of(&store.domestic_counts(year)?))
}

/// The summary of counts already read.
pub fn table_of(counts: &[DomesticCount]) -> Table {
    let sum = |keep: &dyn Fn(&DomesticCount) -> bool| -> i64 {
        counts.iter().filter(|c| keep(c)).map(|c| c.count).sum()
    };
    let mut rows = Vec::new();
    for kind in DomesticKind::ALL {
        for how in How::ALL {
            let of = |sex: Sex| sum(&|c| c.kind == *kind && c.how == *how && c.sex == sex);
            let (male, female) = (of(Sex::L), of(Sex::P));
            rows.push(vec![
                Cell::Text(kind.as_str().to_string()),
                Cell::Text(how.as_str().to_string()),
                Cell::Int(male),
                Cell::Int(female),
                Cell::Int(male + female),
            ]);
        }
    }
    let (male, female) = (sum(&|c| c.sex == Sex::L), sum(&|c| c.sex == Sex::P));
    rows.push(total_row(
        1,
        [Cell::Int(male), Cell::Int(female), Cell::Int(male + female)],
    ));
    Table::new(&["kind", "how", "male", "female", "total"], rows)
}

/// `job_fair,held_on,placements`: the job fairs held in `year` with the placements made
/// through each, then `TOTAL`.
pub fn job_fairs_table(store: &Store, year: i32) -> store::Result<Table> {
    let fairs = store.job_fair_placements(year)?;
    let mut rows: Vec<Vec<Cell>> = fairs
        .iter()
        .map(|f| {
            vec![
                Cell::Text(f.name.clone()),
                Cell::Text(f.held_on.clone()),
                Cell::Int(f.placements),
            ]
        })
        .collect();
    rows.push(total_row(
        1,
        [Cell::Int(fairs.iter().map(|f| f.placements).sum())],
    ));
    Ok(Table::new(&["job_fair", "held_on", "placements"], rows))
}

/// A kecamatan's domestic placements of the year: (AKL, AKAD).
pub fn of_kecamatan(counts: &[DomesticCount], kecamatan: &str) -> (i64, i64) {
    let of = |kind: DomesticKind| -> i64 {
        counts
            .iter()
            .filter(|c| c.kind == kind && c.kecamatan == kecamatan)
            .map(|c| c.count)
            .sum()
    };
    (of(DomesticKind::Akl), of(DomesticKind::Akad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_way_then_the_total() {
        let c = |kecamatan: &str, kind, sex, how, count| DomesticCount {
            kecamatan: kecamatan.into(),
            kind,
            sex,
            how,
            count,
        };
        let counts = [
            c("Ponggok", DomesticKind::Akl, Sex::P, How::JobFair, 3),
            c("Ponggok", DomesticKind::Akad, Sex::L, How::Karirhub, 2),
            c("Kanigoro", DomesticKind::Akl, Sex::L, How::JobFair, 1),
        ];
        let t = table_of(&counts);
        assert_eq!(t.rows.len(), 11);
        assert_eq!(
            t.rows[0],
            [
                Cell::Text("AKL".into()),
                Cell::Text("job_fair".into()),
                Cell::Int(1),
                Cell::Int(3),
                Cell::Int(4)
            ]
        );
        assert_eq!(
            t.rows[10],
            [
                Cell::Text("TOTAL".into()),
                Cell::Empty,
                Cell::Int(3),
                Cell::Int(3),
                Cell::Int(6)
            ]
        );
        assert_eq!(of_kecamatan(&counts, "Ponggok"), (3, 2));
    }
}
