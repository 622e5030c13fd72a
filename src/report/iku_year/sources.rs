//! Realisations from the office's own data: the records of an indicator's kind (IKU1 from
//! training participants, IKU3 from disputes) or a value an officer entered (TPAK, SAKIP,
//! TPT). `None` when the year has neither, so the published figure is used.

use super::{components_with_note, Beside, EnteredBy, Note, Origin, Realisation};
use crate::domain::date::Date;
use crate::domain::indicator::{IndicatorDef, RecordKind, Source};
use crate::report::disputes::iku3_on;
use crate::report::iku::{IndicatorValue, Ratio};
use crate::report::trainings::iku1;
use crate::store::{self, Store};

fn from_records(value: IndicatorValue, notes: Vec<Note>) -> Realisation {
    Realisation {
        value,
        origin: Origin::Records,
        grade: None,
        entered: None,
        components: None,
        notes,
        comparisons: Vec::new(),
        beside: None,
    }
}

pub(super) fn from_records_or_entry(
    store: &Store,
    def: &IndicatorDef,
    year: i32,
    day: Date,
) -> store::Result<Option<Realisation>> {
    match def.source {
        Source::Records(RecordKind::Trainees) => {
            let v = iku1(store, year)?;
            // A year without participants has no records of the kind: published instead.
            if v.ratio.is_none_or(|r| r.denominator == 0) {
                return Ok(None);
            }
            Ok(Some(from_records(v, Vec::new())))
        }
        Source::Records(RecordKind::Disputes) => {
            if store.disputes_recorded_in(year)?.is_empty() {
                return Ok(None);
            }
            let calendar = store.working_days().map_err(|e| e.to_string());
            let i = iku3_on(store, year, calendar.as_ref().map_err(Clone::clone), day)?;
            let (f, pb) = (&i.followed_up, &i.pb_on_time);
            // The realisation has a value whatever the calendar says; the share beside it
            // says why it has none.
            let notes = match (&pb.value, &pb.reason_if_none) {
                (None, Some(reason)) if pb.denominator > 0 => {
                    vec![Note::new("iku.note.pb_no_value", &[reason])]
                }
                _ => Vec::new(),
            };
            let value = IndicatorValue {
                ratio: Some(Ratio::new(f.numerator, f.denominator)),
                value: f.value,
                reason_if_none: f.reason_if_none.clone(),
            };
            let mut r = from_records(value, notes);
            r.beside = Some(Beside {
                ratio: Ratio::new(pb.numerator, pb.denominator),
                value: pb.value,
            });
            Ok(Some(r))
        }
        Source::External(_) => {
            let Some(rec) = store.iku_entry_for(&def.code, year)? else {
                return Ok(None);
            };
            let e = &rec.entry;
            let mut notes = Vec::new();
            let components = e
                .components
                .map(|scores| components_with_note(scores, Some(e.value), &mut notes));
            Ok(Some(Realisation {
                value: IndicatorValue::entered(e.value),
                origin: Origin::Entered,
                grade: e.grade.clone(),
                entered: Some(EnteredBy {
                    id: rec.id,
                    source: e.source.clone(),
                    source_date: crate::domain::date::iso(e.source_date),
                    by: rec.changed_by.clone(),
                    at: rec.changed_at.clone(),
                    notes: e.notes.clone(),
                }),
                components,
                notes,
                comparisons: Vec::new(),
                beside: None,
            }))
        }
    }
}
