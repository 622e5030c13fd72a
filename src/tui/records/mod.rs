//! The record kinds the TUI edits, behind one interface ([`RecordOps`]): the form's fields,
//! loading, saving with validation, history, archive, restore and status moves. The overlays
//! (form, detail, history, archive question, status choice) work for every kind through it.
//! Loading, saving, history, archive and restore are written once ([`StoredKind`]); a kind's
//! file says only what differs: its form and its records as data ([`FormSpec`]: its name,
//! fields, start and hidden values; [`RecordSpec`]: what names a record and how the form's
//! values become its domain value), and its status moves ([`KindBehaviour`]). A new kind is
//! a variant of [`Kind`], one line in [`Kind::ops`] and its own file here.

mod case;
pub use case::{ASSIGN, REOPEN};
mod dispute;
mod domestic;
mod jobseeker;
mod plain;
mod referral;
mod trainee;
mod transmigrant;
mod transmigration_quota;

pub use case::{ADD_NOTE, TICK_DOCUMENT};
pub use referral::ANSWER;

use crate::domain::case::{Checked, FieldDef, FieldKind};
use crate::domain::date::{iso, Date};
use crate::domain::{FieldError, Money};
use crate::i18n::Lang;
use crate::store::{AuditEntry, Kept, Store, StoreError};
use chrono::Datelike;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Case,
    Placement,
    Dispute,
    Facilitation,
    Compliance,
    Training,
    Trainee,
    Transmigrant,
    TransmigrationQuota,
    IkuEntry,
    /// A programme indicator's value (table 3.23), kept beside the IKU's entered values.
    ProgrammeEntry,
    Referral,
    Domestic,
    JobFair,
    Jobseeker,
}

impl Kind {
    /// Every kind, for finding one by its name (add a new kind here and in `name`).
    pub const ALL: &'static [Kind] = &[
        Kind::Case,
        Kind::Placement,
        Kind::Dispute,
        Kind::Facilitation,
        Kind::Compliance,
        Kind::Training,
        Kind::Trainee,
        Kind::Transmigrant,
        Kind::TransmigrationQuota,
        Kind::IkuEntry,
        Kind::ProgrammeEntry,
        Kind::Referral,
        Kind::Domestic,
        Kind::JobFair,
        Kind::Jobseeker,
    ];

    /// A stable name, kept in stored drafts.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Case => "case",
            Kind::Placement => "placement",
            Kind::Dispute => "dispute",
            Kind::Facilitation => "facilitation",
            Kind::Compliance => "compliance",
            Kind::Training => "training",
            Kind::Trainee => "trainee",
            Kind::Transmigrant => "transmigrant",
            Kind::TransmigrationQuota => "transmigration_quota",
            Kind::IkuEntry => "iku_entry",
            Kind::ProgrammeEntry => "programme_entry",
            Kind::Referral => "referral",
            Kind::Domestic => "domestic",
            Kind::JobFair => "job_fair",
            Kind::Jobseeker => "jobseeker",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }

    pub fn ops(self) -> &'static dyn RecordOps {
        match self {
            Kind::Case => &case::CaseOps,
            Kind::Placement => &plain::PLACEMENT,
            Kind::Dispute => &dispute::DisputeOps,
            Kind::Facilitation => &plain::FACILITATION,
            Kind::Compliance => &plain::COMPLIANCE,
            Kind::Training => &plain::TRAINING,
            Kind::Trainee => &trainee::TraineeOps,
            Kind::Transmigrant => &transmigrant::TransmigrantOps,
            Kind::TransmigrationQuota => &transmigration_quota::QuotaOps,
            Kind::IkuEntry => &plain::IKU_ENTRY,
            Kind::ProgrammeEntry => &plain::PROGRAMME_ENTRY,
            Kind::Referral => &referral::ReferralOps,
            Kind::Domestic => &domestic::DomesticOps,
            Kind::JobFair => &domestic::JobFairOps,
            Kind::Jobseeker => &jobseeker::JobseekerOps,
        }
    }
}

/// A record as the overlays show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub kind: Kind,
    pub id: i64,
    pub version: i64,
    /// The person or company the record is about.
    pub name: String,
    pub values: BTreeMap<String, String>,
    pub status: Option<String>,
    pub archived: bool,
    pub created: (String, String),
    pub changed: (String, String),
}

/// A line the detail view shows above the fields, worked out when it is drawn (e.g. a
/// dispute's deadlines as of today). `urgent` lines are drawn bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraLine {
    pub text: String,
    pub urgent: bool,
}

pub enum SaveOutcome {
    Saved(i64),
    /// Nothing written: errors to fix, or warnings the officer has not seen yet.
    Invalid {
        errors: Vec<FieldError>,
        warnings: Vec<FieldError>,
    },
    Failed(StoreError),
}

/// What came of a status move made with the values its small form asked for.
pub enum MoveOutcome {
    /// Moved; with a note the officer must read (e.g. a departure beyond the quota).
    Moved(Option<crate::i18n::Msg>),
    /// Nothing written: the values asked for have problems.
    Invalid(Vec<FieldError>),
    Failed(StoreError),
}

/// What differs from one record kind to another in the overlays: its name, its fields and
/// its status moves. The defaults are what a kind without a status wants.
pub trait KindBehaviour: Sync {
    /// The kind's form as data: its name, fields, start, hidden values ([`FormSpec`]).
    fn form(&self) -> &FormSpec;
    /// The catalog key of the kind's name ("Kasus", "Penempatan").
    fn label(&self) -> &'static str {
        self.form().label
    }
    fn fields(&self) -> &'static [FieldDef] {
        self.form().fields
    }
    /// The fields the detail view shows: the form's, plus any only a status move sets.
    fn detail_fields(&self) -> &'static [FieldDef] {
        self.fields()
    }
    /// A status (or a move to one) in the officer's words: the choice of `s` and its message
    /// show this, never the stored code.
    fn status_label(&self, status: &str, _lang: Lang) -> String {
        status.to_string()
    }
    /// Values a new record's form starts with.
    fn defaults(&self, today: Date) -> BTreeMap<String, String> {
        self.form().start.values(today)
    }
    /// Fields an edit form does not show but must carry back (they change by other moves).
    fn hidden_on_edit(&self) -> &'static [&'static str] {
        self.form().hidden_on_edit
    }
    /// Lines the detail view shows between the status and the fields, as of `today`: what
    /// depends on the day rather than on the record alone (a dispute's deadlines). None by
    /// default.
    fn detail_extra(
        &self,
        _store: &Store,
        _record: &Loaded,
        _today: Date,
        _lang: Lang,
    ) -> Vec<ExtraLine> {
        Vec::new()
    }
    /// Keys the detail view offers beyond the common ones (a case's referrals and
    /// documents); shown on a line of the detail with the keys that reach them.
    fn detail_actions(&self) -> &'static [crate::tui::keymap::Action] {
        &[]
    }
    /// The named move (handled by `move_status_with`, its small form by `move_fields`) a
    /// detail key of `detail_actions` makes: a child record written from the detail (a job
    /// seeker's six-monthly report) needs nothing from the app.
    fn detail_move(&self, _action: crate::tui::keymap::Action) -> Option<&'static str> {
        None
    }
    /// Whether `s` moves the record on (cases, disputes, registrations).
    fn has_status(&self) -> bool {
        self.form().has_status
    }
    /// Where the record may move next (empty: nowhere).
    fn next_statuses(&self, _record: &Loaded) -> Vec<String> {
        Vec::new()
    }
    /// Make a move that asks nothing more. A kind whose moves may ask (see `move_fields`)
    /// makes its moves in `move_status_with` instead.
    fn move_status(
        &self,
        _store: &mut Store,
        _record: &Loaded,
        _to: &str,
        _today: Date,
    ) -> Result<i64, StoreError> {
        Err(StoreError::Refused(crate::msg!("s.no_status")))
    }
    /// What a move to `to` must ask the officer first (a departure date, a reason for
    /// withdrawing); the app shows them as a small form. Empty: the move goes ahead at once.
    fn move_fields(&self, _to: &str) -> &'static [FieldDef] {
        &[]
    }
    /// What a move to `to` of this record asks, as `move_fields` but knowing the record and
    /// the store (a case's hand-over date only where not yet given; closing a case asks a
    /// reason too while a required document is missing), and a line the small form shows
    /// under its fields, in the officer's language.
    fn move_asks(
        &self,
        _store: &Store,
        _record: &Loaded,
        to: &str,
        _lang: Lang,
    ) -> (&'static [FieldDef], Option<String>) {
        (self.move_fields(to), None)
    }
    /// What that small form starts with: the record's own values of those fields.
    fn move_defaults(&self, record: &Loaded, to: &str, _today: Date) -> BTreeMap<String, String> {
        own_values(record, self.move_fields(to))
    }
    /// The move with the values the small form collected (empty when it asked nothing).
    fn move_status_with(
        &self,
        store: &mut Store,
        record: &Loaded,
        to: &str,
        _values: &BTreeMap<String, String>,
        today: Date,
    ) -> MoveOutcome {
        match self.move_status(store, record, to, today) {
            Ok(_) => MoveOutcome::Moved(None),
            Err(e) => MoveOutcome::Failed(e),
        }
    }
}

/// What every record kind offers the overlays: its behaviour, and reading, saving, the
/// history, archive and restore. A kind the store keeps with its one record mechanism gets
/// these from [`StoredKind`]; only a kind kept otherwise (the yearly quota) writes them.
pub trait RecordOps: KindBehaviour {
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError>;
    /// Check the typed values and save them: a new record when `record` is None, else the
    /// edit of (id, version the officer opened).
    fn save(
        &self,
        store: &mut Store,
        record: Option<(i64, i64)>,
        values: &BTreeMap<String, String>,
        today: Date,
        warnings_seen: bool,
    ) -> SaveOutcome;
    /// The problems of the typed values now, without saving (None: the kind cannot tell
    /// before saving). The form uses it to take back a mark the officer has since mended.
    fn recheck(
        &self,
        _store: &Store,
        _values: &BTreeMap<String, String>,
        _today: Date,
    ) -> Option<Vec<FieldError>> {
        None
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError>;
    /// Archive version `version` of record `id`; returns the new version.
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError>;
    /// Bring archived record `id` back if it is still at `version`; returns the new version.
    fn restore(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError>;
}

/// A record kind the store keeps with versions, history, archive and restore ([`Kept`]):
/// it names the domain value and says, as data ([`RecordSpec`]), what names a record and
/// how the form's values become one; loading, saving, the history, archive and restore are
/// written once, below.
pub trait StoredKind: KindBehaviour {
    type Value: Kept + 'static;
    fn record(&self) -> &RecordSpec<Self::Value>;
}

/// What a kind's form is: which kind, the catalog key of its name ("Kasus", "Penempatan"),
/// its fields, what a new record's form starts with, the fields an edit form does not show
/// but must carry back (they change by other moves), and whether `s` moves the record on.
pub struct FormSpec {
    pub kind: Kind,
    pub label: &'static str,
    pub fields: &'static [FieldDef],
    pub start: Start,
    pub hidden_on_edit: &'static [&'static str],
    pub has_status: bool,
}

impl FormSpec {
    /// The form of a kind without hidden values or status moves.
    pub const fn plain(
        kind: Kind,
        label: &'static str,
        fields: &'static [FieldDef],
        start: Start,
    ) -> FormSpec {
        FormSpec {
            kind,
            label,
            fields,
            start,
            hidden_on_edit: &[],
            has_status: false,
        }
    }
}

/// What a stored kind's records are: the person or company one is about, where it stands
/// (shown beside its name; `values` are its fields) and how the form's values are checked and
/// made into the domain value.
pub struct RecordSpec<V: 'static> {
    pub name: fn(&V) -> String,
    pub status: fn(&V, &BTreeMap<String, String>) -> Option<String>,
    pub from_form: FromForm<V>,
}

impl<V> RecordSpec<V> {
    /// A kind whose records have no status.
    pub const fn without_status(name: fn(&V) -> String, from_form: FromForm<V>) -> Self {
        RecordSpec {
            name,
            status: |_, _| None,
            from_form,
        }
    }
}

/// The record's own values of `fields` (what a small form for them starts with).
pub fn own_values(record: &Loaded, fields: &[FieldDef]) -> BTreeMap<String, String> {
    fields
        .iter()
        .filter_map(|f| Some((f.key.to_string(), record.values.get(f.key)?.clone())))
        .collect()
}

/// How a kind's form values become its domain value.
pub enum FromForm<V> {
    /// From the values alone (the domain's `from_fields`).
    Values(Parse<V>),
    /// With what the store knows too (a participant's rules need its training).
    WithStore(ParseWithStore<V>),
}

/// How a kind's form values become its domain value (the domain's `from_fields`).
pub type Parse<V> = fn(&BTreeMap<String, String>, Date) -> (Option<V>, Checked);

/// The same, for rules that need the store.
pub type ParseWithStore<V> =
    fn(&Store, &BTreeMap<String, String>, Date) -> Result<(Option<V>, Checked), StoreError>;

impl<K: StoredKind> RecordOps for K {
    fn load(&self, store: &Store, id: i64) -> Result<Loaded, StoreError> {
        let r = store.get::<K::Value>(id)?;
        let values = r.value.fields();
        let spec = self.record();
        Ok(Loaded {
            kind: self.form().kind,
            id,
            version: r.version,
            name: (spec.name)(&r.value),
            status: (spec.status)(&r.value, &values),
            values,
            archived: r.archived,
            created: (r.created_by, r.created_at),
            changed: (r.changed_by, r.changed_at),
        })
    }
    fn save(
        &self,
        store: &mut Store,
        record: Option<(i64, i64)>,
        values: &BTreeMap<String, String>,
        today: Date,
        warnings_seen: bool,
    ) -> SaveOutcome {
        let parsed = match &self.record().from_form {
            FromForm::Values(parse) => Ok(parse(values, today)),
            FromForm::WithStore(parse) => parse(store, values, today),
        };
        match parsed {
            Ok(parsed) => save_checked(
                parsed,
                record,
                warnings_seen,
                store,
                |s, v| s.insert(v),
                |s, id, version, v| s.update(id, version, v),
            ),
            Err(e) => SaveOutcome::Failed(e),
        }
    }
    fn recheck(
        &self,
        store: &Store,
        values: &BTreeMap<String, String>,
        today: Date,
    ) -> Option<Vec<FieldError>> {
        let checked = match &self.record().from_form {
            FromForm::Values(parse) => parse(values, today).1,
            FromForm::WithStore(parse) => parse(store, values, today).ok()?.1,
        };
        Some(checked.errors)
    }
    fn history(&self, store: &Store, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        store.history::<K::Value>(id)
    }
    fn archive(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.archive::<K::Value>(id, version)
    }
    fn restore(&self, store: &mut Store, id: i64, version: i64) -> Result<i64, StoreError> {
        store.restore::<K::Value>(id, version)
    }
}

/// What a new record's form starts with.
#[derive(Debug, Clone, Copy)]
pub enum Start {
    Empty,
    /// Today's date in this field.
    Today(&'static str),
    /// This year in this field (a pane may pass the year on screen instead).
    ThisYear(&'static str),
}

impl Start {
    pub fn values(self, today: Date) -> BTreeMap<String, String> {
        match self {
            Start::Empty => BTreeMap::new(),
            Start::Today(key) => BTreeMap::from([(key.to_string(), iso(today))]),
            Start::ThisYear(key) => BTreeMap::from([(key.to_string(), today.year().to_string())]),
        }
    }
}

/// A kind that differs from the others by its data alone: its form and its records (see
/// `plain.rs`). Kinds with status moves or more have a file of their own.
pub struct Plain<V: 'static> {
    pub form: FormSpec,
    pub record: RecordSpec<V>,
}

impl<V: Kept + Sync> KindBehaviour for Plain<V> {
    fn form(&self) -> &FormSpec {
        &self.form
    }
}

impl<V: Kept + Sync> StoredKind for Plain<V> {
    type Value = V;
    fn record(&self) -> &RecordSpec<V> {
        &self.record
    }
}

/// The common shape of `save`: refuse on errors (or unseen warnings), else insert or update.
pub fn save_checked<T>(
    parsed: (Option<T>, Checked),
    record: Option<(i64, i64)>,
    warnings_seen: bool,
    store: &mut Store,
    insert: impl FnOnce(&mut Store, &T) -> Result<i64, StoreError>,
    update: impl FnOnce(&mut Store, i64, i64, &T) -> Result<i64, StoreError>,
) -> SaveOutcome {
    let (value, checked) = parsed;
    let unseen = !checked.warnings.is_empty() && !warnings_seen;
    let value = match value {
        Some(v) if checked.errors.is_empty() && !unseen => v,
        _ => {
            return SaveOutcome::Invalid {
                errors: checked.errors,
                warnings: checked.warnings,
            }
        }
    };
    let result = match record {
        None => insert(store, &value),
        Some((id, version)) => update(store, id, version, &value).map(|_| id),
    };
    match result {
        Ok(id) => SaveOutcome::Saved(id),
        Err(e) => SaveOutcome::Failed(e),
    }
}

/// A choice's value in the officer's words where the catalog has them (`choice.<field>.<value>`,
/// e.g. `choice.how.job_fair` "Bursa kerja"); the stored code stays what forms and files take.
pub fn choice_label(lang: Lang, kind: FieldKind, key: &str, value: &str) -> Option<&'static str> {
    match kind {
        FieldKind::Choice(_) if !value.is_empty() => lang.t_opt(&format!("choice.{key}.{value}")),
        _ => None,
    }
}

/// A value as the detail view shows it (rupiah with Indonesian grouping).
pub fn display_value(fields: &[FieldDef], key: &str, value: &str) -> String {
    let money = fields
        .iter()
        .any(|f| f.key == key && f.kind == FieldKind::Money);
    if money {
        if let Ok(m) = Money::parse(value) {
            return m.display_id();
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo;

    /// A new record of `kind` typed into its form, saved, archived and restored through the
    /// one adapter: versions move on, a stale restore names who changed it, and the history
    /// ends with both.
    fn round_trip(store: &mut Store, other: &mut Store, kind: Kind, values: &[(&str, &str)]) {
        let ops = kind.ops();
        let today = demo::reference_day();
        let mut form = ops.defaults(today);
        form.extend(values.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let id = match ops.save(store, None, &form, today, true) {
            SaveOutcome::Saved(id) => id,
            SaveOutcome::Invalid { errors, .. } => panic!("{kind:?}: {errors:?}"),
            SaveOutcome::Failed(e) => panic!("{kind:?}: {e}"),
        };
        let loaded = ops.load(store, id).unwrap();
        assert_eq!(
            (loaded.kind, loaded.version, loaded.archived),
            (kind, 1, false)
        );
        let archived = ops.archive(store, id, loaded.version).unwrap();
        assert!(ops.load(other, id).unwrap().archived);
        let stale = ops.restore(other, id, loaded.version).unwrap_err();
        assert!(
            matches!(&stale, StoreError::Conflict { by, .. } if by == "ani"),
            "{kind:?}: {stale}"
        );
        let restored = ops.restore(other, id, archived).unwrap();
        let back = ops.load(store, id).unwrap();
        assert_eq!((back.version, back.archived), (restored, false));
        assert_eq!(back.changed.0, "budi");
        let actions: Vec<String> = ops
            .history(store, id)
            .unwrap()
            .into_iter()
            .map(|h| h.action)
            .collect();
        assert_eq!(actions, ["create", "archive", "restore"], "{kind:?}");
    }

    #[test]
    fn every_stored_kind_saves_archives_and_restores_through_one_adapter() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        round_trip(
            &mut ani,
            &mut budi,
            Kind::Case,
            &[
                ("name", "Siti"),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("country", "Malaysia"),
                ("category", "sakit"),
            ],
        );
        round_trip(
            &mut ani,
            &mut budi,
            Kind::Facilitation,
            &[("company", "PT Sumber"), ("topic", "PKB")],
        );
        round_trip(
            &mut ani,
            &mut budi,
            Kind::Compliance,
            &[
                ("company", "PT Sumber"),
                ("pp_pkb", "pp"),
                ("bpjs_member", "ya"),
            ],
        );
        round_trip(
            &mut ani,
            &mut budi,
            Kind::Training,
            &[("scheme", "Barista"), ("funding_source", "APBN")],
        );
        // A referral of the case above (its number carried as the detail's form carries it).
        round_trip(
            &mut ani,
            &mut budi,
            Kind::Referral,
            &[("case_id", "1"), ("agency", "polres"), ("asked", "laporan")],
        );
        round_trip(
            &mut ani,
            &mut budi,
            Kind::Jobseeker,
            &[
                ("nik", "3505014501900002"),
                ("name", "Siti Aminah"),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("education", "SMK"),
            ],
        );
        round_trip(
            &mut ani,
            &mut budi,
            Kind::JobFair,
            &[
                ("fair_name", "Job Fair Blitar 2024"),
                ("held_on", "2024-10-02"),
            ],
        );
        round_trip(
            &mut ani,
            &mut budi,
            Kind::Domestic,
            &[
                ("nik", "3505124512950001"),
                ("name", "Siti"),
                ("sex", "P"),
                ("kecamatan", "Ponggok"),
                ("employer", "PT Maju"),
                ("employer_kabupaten", "Kota Bandung"),
                ("employer_province", "Jawa Barat"),
                ("placed_on", "2024-10-02"),
                ("how", "karirhub"),
            ],
        );
        // A quota is kept by year and never archived: restore says so.
        let quota = Kind::TransmigrationQuota.ops();
        assert!(matches!(
            quota.restore(&mut ani, 2024, 1),
            Err(StoreError::Refused(_))
        ));
    }
}
