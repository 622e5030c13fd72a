//! Synthetic job seekers (pane 7), the job fairs the office held and the domestic placements
//! (AKL / AKAD) made from the registrations: most registrations still active, some expired,
//! a few withdrawn, about a third placed at home, through a fair, Karirhub, the front desk or
//! a training institution. The placements name the job seeker's NIK, so writing them closes
//! the registration as `ditempatkan`, as an officer's placement does.

use super::{between, chance, days_after_until, days_before, person_name, pick, Mix, DESA};
use crate::domain::case::Sex;
use crate::domain::date::Date;
use crate::domain::domestic::{DomesticPlacement, How, JobFair};
use crate::domain::jobseeker::{default_valid_until, Education, Jobseeker, JobseekerStatus};
use crate::domain::nik::{synthesise, BLITAR_REGION};
use crate::domain::rng::SplitMix64;
use crate::domain::Nik;
use chrono::Datelike;

const FIELDS: &[(&str, &str)] = &[
    ("Teknik Mesin", "Operator produksi"),
    ("Teknik Kendaraan Ringan", "Mekanik"),
    ("Akuntansi", "Staf administrasi"),
    ("Tata Boga", "Juru masak"),
    ("Tata Busana", "Penjahit"),
    ("Teknik Komputer dan Jaringan", "Teknisi komputer"),
    ("Pemasaran", "Tenaga penjual"),
    ("Keperawatan", "Perawat"),
    ("Agribisnis", "Pekerja perkebunan"),
    ("Umum", "Pramuniaga"),
];
const SKILLS: &[&str] = &[
    "mengemudi (SIM A)",
    "Microsoft Office",
    "las listrik",
    "menjahit",
    "barista",
    "bahasa Inggris",
    "servis AC",
    "",
];
const WITHDRAWN: &[&str] = &[
    "bekerja ke luar negeri",
    "melanjutkan pendidikan",
    "permintaan sendiri",
];
/// Employers at home: name, kabupaten/kota, province (Jawa Timur makes an AKL placement).
const EMPLOYERS: &[(&str, &str, &str)] = &[
    ("PT Gudang Garam Tbk", "Kota Kediri", "Jawa Timur"),
    ("PT Greenfields Indonesia", "Kabupaten Blitar", "Jawa Timur"),
    ("CV Sumber Makmur", "Kota Blitar", "Jawa Timur"),
    ("PT Pakerin", "Kabupaten Mojokerto", "Jawa Timur"),
    ("PT Maspion", "Kabupaten Sidoarjo", "Jawa Timur"),
    ("RS Mardi Waluyo", "Kota Blitar", "Jawa Timur"),
    ("PT Indomarco Prismatama", "Kota Malang", "Jawa Timur"),
    ("PT Sinar Sosro", "Kabupaten Pasuruan", "Jawa Timur"),
    ("PT Astra Honda Motor", "Kota Jakarta Utara", "DKI Jakarta"),
    ("PT Pan Brothers", "Kabupaten Boyolali", "Jawa Tengah"),
    ("PT Hotel Bali Indah", "Kabupaten Badung", "Bali"),
    (
        "PT Kaltim Prima Coal",
        "Kabupaten Kutai Timur",
        "Kalimantan Timur",
    ),
];
const SECTORS: &[&str] = &[
    "manufaktur",
    "perdagangan",
    "jasa",
    "kesehatan",
    "pertanian",
];

/// The job fairs of the three years up to `today`: two a year (a smaller one in the first
/// half, the district's own in the second), those already held.
pub fn job_fairs(seed: u64, today: Date) -> Vec<JobFair> {
    let mut rng = SplitMix64::new(seed ^ 0x70BF_A125_0000_0007);
    let mut out = Vec::new();
    for year in today.year() - 2..=today.year() {
        for (half, (name, place, month)) in [
            ("Mini Job Fair", "Kantor Dinas Tenaga Kerja, Kanigoro", 5),
            ("Bursa Kerja Kabupaten Blitar", "GOR Kanigoro", 10),
        ]
        .into_iter()
        .enumerate()
        {
            let Some(held_on) = Date::from_ymd_opt(year, month, between(&mut rng, 5, 25) as u32)
            else {
                continue;
            };
            if held_on > today {
                continue;
            }
            let companies = between(&mut rng, 12, 20) as u32 * (half as u32 + 1);
            out.push(JobFair {
                name: format!("{name} {year}"),
                held_on,
                place: place.to_string(),
                companies: Some(companies),
                vacancies: Some(companies * between(&mut rng, 15, 30) as u32),
                visitors: Some(companies * between(&mut rng, 40, 80) as u32),
            });
        }
    }
    out
}

/// `n` registrations over the three years before `today`, NIKs counted from the `first`
/// (a demo added to a store with job seekers starts after them), and the domestic placements
/// of about a third of them (through `fairs` where the fair was held after the registration).
/// The registrations are all `aktif` or `dicabut`: a placement written after them places them.
pub fn jobseekers(
    n: usize,
    seed: u64,
    today: Date,
    first: u64,
    fairs: &[JobFair],
) -> (Vec<Jobseeker>, Vec<DomesticPlacement>) {
    let mut rng = SplitMix64::new(seed ^ 0x70B5_EE4E_0000_0006);
    let mix = Mix::new();
    let mut backs: Vec<u64> = (0..n).map(|_| rng.below(3 * 365)).collect();
    backs.sort_unstable_by(|a, b| b.cmp(a));
    let mut seekers = Vec::with_capacity(n);
    let mut placed = Vec::new();
    for (i, back) in backs.into_iter().enumerate() {
        let k = first + i as u64;
        let registered = days_before(today, back);
        let (kecamatan, code) = mix.kecamatan(&mut rng);
        let sex = if chance(&mut rng, 55) { Sex::L } else { Sex::P };
        let born = Date::from_ymd_opt(
            registered.year() - between(&mut rng, 18, 35) as i32,
            ((k / (9999 * 28)) % 12) as u32 + 1,
            ((k / 9999) % 28) as u32 + 1,
        )
        .unwrap_or(registered);
        let nik = synthesise(BLITAR_REGION, code, born, sex, (k % 9999) as u32 + 1);
        let education = [
            Education::Sd,
            Education::Smp,
            Education::Sma,
            Education::Smk,
            Education::D1D3,
            Education::D4S1,
            Education::S2S3,
        ][rng.weighted(&[4, 14, 30, 32, 7, 12, 1])];
        let (field, occupation) = FIELDS[rng.below(FIELDS.len() as u64) as usize];
        let name = person_name(&mut rng, sex);
        let mut seeker = Jobseeker {
            registration_no: String::new(),
            nik: nik.clone(),
            name: name.clone(),
            sex,
            kecamatan: kecamatan.name().to_string(),
            desa: pick(&mut rng, DESA).to_string(),
            education,
            field_of_study: if matches!(education, Education::Sd | Education::Smp) {
                String::new()
            } else {
                field.to_string()
            },
            skills: pick(&mut rng, SKILLS).to_string(),
            occupation_sought: occupation.to_string(),
            registered_on: registered,
            valid_until: default_valid_until(registered),
            status: JobseekerStatus::Aktif,
            placement_id: None,
            placement: String::new(),
            placed_on: None,
            revoke_reason: String::new(),
            revoked_on: None,
            notes: String::new(),
        };
        let roll = rng.below(100);
        if roll < 6 {
            seeker.status = JobseekerStatus::Dicabut;
            seeker.revoke_reason = pick(&mut rng, WITHDRAWN).to_string();
            seeker.revoked_on = Some(days_after_until(
                registered,
                between(&mut rng, 30, 300),
                today,
            ));
        } else if roll < 40 && registered < today {
            // Placed within its validity, never after today.
            let fair = fairs
                .iter()
                .filter(|f| {
                    f.held_on >= registered
                        && f.held_on <= today
                        && f.held_on <= default_valid_until(registered)
                })
                .nth(rng.below(2) as usize);
            let how = match fair {
                Some(_) if chance(&mut rng, 55) => How::JobFair,
                _ => [
                    How::Karirhub,
                    How::FrontDesk,
                    How::TrainingInstitution,
                    How::Other,
                ][rng.weighted(&[35, 40, 20, 5])],
            };
            let from = match (how, fair) {
                (How::JobFair, Some(f)) => f.held_on,
                _ => registered,
            };
            let placed_on = days_after_until(from, between(&mut rng, 1, 60), today)
                .min(default_valid_until(registered));
            let (employer, kabupaten, province) =
                EMPLOYERS[rng.weighted(&[14, 12, 12, 8, 10, 6, 10, 8, 6, 5, 5, 4])];
            if let Ok((nik, _)) = Nik::parse(&nik, today) {
                placed.push(DomesticPlacement {
                    nik,
                    name,
                    sex,
                    kecamatan,
                    employer: employer.to_string(),
                    employer_kabupaten: kabupaten.to_string(),
                    employer_province: province.to_string(),
                    occupation: occupation.to_string(),
                    sector: pick(&mut rng, SECTORS).to_string(),
                    placed_on,
                    how,
                    job_fair: match (how, fair) {
                        (How::JobFair, Some(f)) => f.name.clone(),
                        _ => String::new(),
                    },
                    registration_no: String::new(),
                });
            }
        }
        seekers.push(seeker);
    }
    (seekers, placed)
}
