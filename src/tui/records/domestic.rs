//! Domestic placements (AKL / AKAD) and job fairs for the overlays. Both are plain stored
//! kinds; what they add is a line of the detail: the placement's kind (AKL or AKAD, from the
//! employer's province) and its way in the officer's words, the fair's placements counted
//! from the placements that name it.

use super::{
    ExtraLine, FormSpec, FromForm, Kind, KindBehaviour, Loaded, RecordSpec, Start, StoredKind,
};
use crate::domain::date::Date;
use crate::domain::domestic::{
    DomesticKind, DomesticPlacement, JobFair, DOMESTIC_FIELDS, JOB_FAIR_FIELDS,
};
use crate::i18n::Lang;
use crate::store::Store;

pub struct DomesticOps;
pub struct JobFairOps;

static DOMESTIC_FORM: FormSpec = FormSpec::plain(
    Kind::Domestic,
    "kind.domestic",
    DOMESTIC_FIELDS,
    Start::Today("placed_on"),
);
static DOMESTIC_RECORD: RecordSpec<DomesticPlacement> = RecordSpec::without_status(
    |p| format!("{} ({})", p.name, p.kind()),
    FromForm::Values(DomesticPlacement::from_fields),
);

static FAIR_FORM: FormSpec = FormSpec::plain(
    Kind::JobFair,
    "kind.job_fair",
    JOB_FAIR_FIELDS,
    Start::Today("held_on"),
);
static FAIR_RECORD: RecordSpec<JobFair> =
    RecordSpec::without_status(|f| f.name.clone(), FromForm::Values(JobFair::from_fields));

impl KindBehaviour for DomesticOps {
    fn form(&self) -> &FormSpec {
        &DOMESTIC_FORM
    }

    /// `Jenis (AKL/AKAD): AKL (Jawa Timur)`: what the employer's province makes of it.
    fn detail_extra(
        &self,
        _store: &Store,
        record: &Loaded,
        _today: Date,
        lang: Lang,
    ) -> Vec<ExtraLine> {
        let v = |k: &str| record.values.get(k).cloned().unwrap_or_default();
        let province = v("employer_province");
        let kind = DomesticKind::of_province(&province);
        vec![ExtraLine {
            text: format!("{}: {} ({province})", lang.t("field.kind"), kind.as_str()),
            urgent: false,
        }]
    }
}

impl StoredKind for DomesticOps {
    type Value = DomesticPlacement;
    fn record(&self) -> &RecordSpec<DomesticPlacement> {
        &DOMESTIC_RECORD
    }
}

impl KindBehaviour for JobFairOps {
    fn form(&self) -> &FormSpec {
        &FAIR_FORM
    }

    /// `Penempatan melalui bursa ini: 1`, counted from the placements.
    fn detail_extra(
        &self,
        store: &Store,
        record: &Loaded,
        _today: Date,
        lang: Lang,
    ) -> Vec<ExtraLine> {
        let text = match store.job_fair_placement_count(&record.name) {
            Ok(n) => format!("{}: {}", lang.t("domestic.fair_placements"), lang.count(n)),
            Err(e) => e.text(lang),
        };
        vec![ExtraLine {
            text,
            urgent: false,
        }]
    }
}

impl StoredKind for JobFairOps {
    type Value = JobFair;
    fn record(&self) -> &RecordSpec<JobFair> {
        &FAIR_RECORD
    }
}
