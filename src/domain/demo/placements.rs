//! Synthetic placements: one departure per record, from the same kecamatan and to the same
//! countries, sectors and sexes as the published 2024 figures, over the three years before
//! the reference day.

use super::{
    between, chance, days_before, person_name, pick, Mix, DESA, OCCUPATION_FORMAL,
    OCCUPATION_INFORMAL,
};
use crate::domain::case::{Scheme, Sector};
use crate::domain::date::Date;
use crate::domain::nik::{synthesise, BLITAR_REGION};
use crate::domain::rng::SplitMix64;
use crate::domain::{Nik, Placement};
use chrono::Datelike;

/// The endless stream of synthetic placements. NIKs do not repeat within the first 3.3
/// million (their serial and birth date carry the record's number), so every one is stored.
pub struct PlacementGenerator {
    rng: SplitMix64,
    today: Date,
    mix: Mix,
    made: u64,
}

impl PlacementGenerator {
    /// Placements departing in the three years before `today`; NIKs count from the `first`
    /// placement (a demo added to a store with placements starts after them).
    pub fn new(seed: u64, today: Date, first: u64) -> PlacementGenerator {
        PlacementGenerator {
            // A stream of its own: adding placements does not change the demo's cases.
            rng: SplitMix64::new(seed ^ 0x9A1C_E3E7_0000_0002),
            today,
            mix: Mix::new(),
            made: first,
        }
    }

    fn one(&mut self) -> Option<Placement> {
        let rng = &mut self.rng;
        let (country, sector, sex) = self.mix.destination(rng);
        let country = country.to_string();
        let (kecamatan, kec_code) = self.mix.kecamatan(rng);
        let departure = days_before(self.today, rng.below(3 * 365));
        let scheme = if sector == Sector::Formal
            && matches!(country.as_str(), "Korea Selatan" | "Jepang")
            && chance(rng, 60)
        {
            Some(Scheme::GtoG)
        } else {
            [
                Some(Scheme::PtoP),
                Some(Scheme::Mandiri),
                Some(Scheme::GtoP),
                None,
            ][rng.weighted(&[85, 8, 4, 3])]
        };
        let occupation = match sector {
            Sector::Informal => pick(rng, OCCUPATION_INFORMAL),
            Sector::Formal => pick(rng, OCCUPATION_FORMAL),
        };
        // Unique for the first 3.3 million records: the serial, the birth day and the birth
        // month carry the record's number (the birth year stays random).
        let n = self.made;
        self.made += 1;
        let serial = (n % 9999) as u32 + 1;
        let day = ((n / 9999) % 28) as u32 + 1;
        let month = ((n / (9999 * 28)) % 12) as u32 + 1;
        let year = departure.year() - between(rng, 19, 45) as i32;
        let born = Date::from_ymd_opt(year, month, day).unwrap_or(departure);
        let nik = synthesise(BLITAR_REGION, kec_code, born, sex, serial);
        let (nik, _) = Nik::parse(&nik, self.today).ok()?;
        Some(Placement {
            nik,
            name: person_name(rng, sex),
            sex,
            kecamatan,
            desa: if chance(rng, 90) {
                pick(rng, DESA).to_string()
            } else {
                String::new()
            },
            country,
            sector,
            scheme,
            occupation: if chance(rng, 95) {
                occupation.to_string()
            } else {
                String::new()
            },
            departure_date: departure,
        })
    }
}

impl Iterator for PlacementGenerator {
    type Item = Placement;

    /// Ends only on an impossible NIK, which the dates above never make.
    fn next(&mut self) -> Option<Placement> {
        self.one()
    }
}
