//! Pane 4, Pelatihan: the year's trainings with their participants counted, the year's
//! totals and IKU1 against its target, and the published schemes of table 3.13 beside them;
//! `Enter` opens a training's participants; follow-up (the keymap's `[trainings]` table) the
//! list of graduates whose employment is still unknown, where the mark-employed /
//! mark-self-employed / mark-not-working sequences record what a call found.
//! Every figure comes from the store or `report::trainings`; the pane only shows them.

mod follow_up;
mod list;
mod participants;

use super::keymap::{Action, Context};
use super::pane::{Pane, PaneCtx, PaneEffect, Selected};
use super::records::Kind;
use crate::domain::date::display_iso;
use crate::domain::training::{Employment, VerifiedHow};
use crate::i18n::Lang;
use crate::report::trainings::{employed_ratio, trainings_table};
use crate::store::{Store, StoreError, TrainingCounts};
use follow_up::FollowUp;
use list::TrainingList;
use participants::Participants;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::BTreeMap;

/// A participant chosen for the two-key action (when its first key was pressed: the row the
/// officer saw), waiting for its result key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marking {
    trainee_id: i64,
    version: i64,
    name: String,
}

#[derive(Debug, Default)]
pub struct TrainingsPane {
    list: TrainingList,
    /// A training's participants, over the list.
    participants: Option<Participants>,
    /// The follow-up list, over whichever view opened it.
    follow_up: Option<FollowUp>,
    /// The filter line of the list on screen has the keyboard.
    filter_editing: bool,
    /// A mark sequence was begun: the next key is the result.
    marking: Option<Marking>,
}

/// Which list has the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Trainings,
    Participants,
    FollowUp,
}

impl TrainingsPane {
    pub fn new() -> TrainingsPane {
        TrainingsPane::default()
    }

    fn view(&self) -> View {
        if self.follow_up.is_some() {
            View::FollowUp
        } else if self.participants.is_some() {
            View::Participants
        } else {
            View::Trainings
        }
    }

    /// Move the selection of the list on screen; false when `action` is not a move.
    fn move_selection(&mut self, action: Action) -> bool {
        match (&mut self.follow_up, &mut self.participants) {
            (Some(f), _) => f.list.apply(action),
            (None, Some(p)) => p.list.apply(action),
            (None, None) => self.list.list.apply(action),
        }
    }

    /// The participant under the selection, in the participants or follow-up list.
    fn selected_trainee(&self) -> Option<Marking> {
        match (&self.follow_up, &self.participants) {
            (Some(f), _) => f.list.selected_row().map(|r| Marking {
                trainee_id: r.trainee_id,
                version: r.version,
                name: r.name.clone(),
            }),
            (None, Some(p)) => p.list.selected_row().map(|r| Marking {
                trainee_id: r.id,
                version: r.version,
                name: r.name.clone(),
            }),
            (None, None) => None,
        }
    }

    /// A mark action: record the result of the call for the participant chosen when the
    /// sequence began (or the one selected now).
    fn mark(&mut self, employment: Employment, store: &mut Store, lang: Lang) -> PaneEffect {
        let Some(m) = self.marking.take().or_else(|| self.selected_trainee()) else {
            return PaneEffect::None;
        };
        // The officer is on the phone with the follow-up list; the form records any other way.
        match store.mark_employment(
            m.trainee_id,
            m.version,
            employment,
            "",
            None,
            VerifiedHow::Telepon,
        ) {
            Ok(_) => PaneEffect::Changed(format!(
                "{}: {} ({})",
                m.name,
                employment_label(Some(employment.as_str()), lang),
                lang.t("trainings.marked")
            )),
            Err(StoreError::Conflict { by, at, .. }) => PaneEffect::Error(format!(
                "{} ({}, {})",
                lang.t("trainings.mark_conflict"),
                by,
                display_iso(&at)
            )),
            Err(e) => PaneEffect::Error(e.to_string()),
        }
    }
}

/// The employment a mark action records.
fn marked(action: Action) -> Option<Employment> {
    match action {
        Action::MarkEmployed => Some(Employment::Bekerja),
        Action::MarkSelfEmployed => Some(Employment::Wirausaha),
        Action::MarkNotWorking => Some(Employment::TidakBekerja),
        _ => None,
    }
}

impl Pane for TrainingsPane {
    fn title(&self) -> &'static str {
        "pane.trainings"
    }

    fn refresh(&mut self, store: &Store, ctx: &PaneCtx) -> Result<(), StoreError> {
        match self.view() {
            View::Trainings => self.list.refresh(store, ctx),
            View::Participants => match &mut self.participants {
                Some(p) => p.refresh(store),
                None => Ok(()),
            },
            View::FollowUp => match &mut self.follow_up {
                Some(f) => f.refresh(store, ctx.today),
                None => Ok(()),
            },
        }
    }

    fn needs_refresh(&self) -> bool {
        match (&self.follow_up, &self.participants) {
            (Some(f), _) => f.list.stale,
            (None, Some(p)) => p.list.stale,
            (None, None) => self.list.list.stale,
        }
    }

    fn has_work(&self) -> bool {
        self.list.has_work()
    }

    fn work(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.list.work(store)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let prompt = self.marking.as_ref().map(|m| m.name.as_str());
        let editing = self.filter_editing;
        match (&mut self.follow_up, &mut self.participants) {
            (Some(f), _) => f.render(frame, area, ctx, prompt),
            (None, Some(p)) => p.render(frame, area, ctx, editing, prompt),
            (None, None) => self.list.render(frame, area, ctx, editing),
        }
    }

    fn context(&self) -> Context {
        Context::TRAININGS
    }

    fn sequence(&mut self, next: Option<&[Action]>, store: &Store, ctx: &PaneCtx) -> PaneEffect {
        match next {
            Some(next) if next.iter().any(|a| marked(*a).is_some()) => {
                if self.view() == View::Trainings {
                    return PaneEffect::None;
                }
                // Act on what the officer sees.
                if let Err(e) = self.refresh(store, ctx) {
                    return PaneEffect::Error(e.to_string());
                }
                self.marking = self.selected_trainee();
                PaneEffect::None
            }
            Some(_) => PaneEffect::None,
            None => match self.marking.take() {
                Some(_) => PaneEffect::Info(ctx.lang.t("trainings.mark_cancelled").to_string()),
                None => PaneEffect::None,
            },
        }
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        if let Some(employment) = marked(action) {
            if self.view() == View::Trainings {
                return PaneEffect::None;
            }
            return self.mark(employment, store, ctx.lang);
        }
        self.marking = None;
        if self.move_selection(action) {
            return PaneEffect::None;
        }
        match action {
            Action::FollowUp if self.follow_up.is_none() => {
                self.follow_up = Some(FollowUp::default());
                self.filter_editing = false;
                return PaneEffect::None;
            }
            Action::MoreMonths | Action::FewerMonths => {
                if let Some(f) = &mut self.follow_up {
                    f.change_months(if action == Action::MoreMonths { 1 } else { -1 });
                }
                return PaneEffect::None;
            }
            _ => {}
        }
        if action == Action::Export {
            return PaneEffect::Export("pelatihan", trainings_table(store, ctx.year));
        }
        match self.view() {
            View::FollowUp => match action {
                Action::Cancel => {
                    self.follow_up = None;
                    PaneEffect::None
                }
                Action::Open
                | Action::Edit
                | Action::Archive
                | Action::Restore
                | Action::History => PaneEffect::on(
                    self.selected_trainee()
                        .map(|t| Selected::seen(Kind::Trainee, t.trainee_id, t.version)),
                    action,
                ),
                _ => PaneEffect::None,
            },
            View::Participants => {
                let Some(p) = &mut self.participants else {
                    return PaneEffect::None;
                };
                match action {
                    Action::Cancel => {
                        self.participants = None;
                        PaneEffect::None
                    }
                    Action::New => PaneEffect::New {
                        kind: Kind::Trainee,
                        values: BTreeMap::new(),
                        hidden: BTreeMap::from([(
                            "training_id".to_string(),
                            p.training_id.to_string(),
                        )]),
                    },
                    Action::Open
                    | Action::Edit
                    | Action::Archive
                    | Action::Restore
                    | Action::History => PaneEffect::on(
                        p.list
                            .selected_row()
                            .map(|r| Selected::seen(Kind::Trainee, r.id, r.version)),
                        action,
                    ),
                    _ => PaneEffect::None,
                }
            }
            View::Trainings => match action {
                Action::New => PaneEffect::New {
                    kind: Kind::Training,
                    values: BTreeMap::from([
                        ("year".to_string(), ctx.year.to_string()),
                        ("training_type".to_string(), "pbk".to_string()),
                    ]),
                    hidden: BTreeMap::new(),
                },
                Action::Open => {
                    if let Some(r) = self.list.list.selected_row() {
                        self.participants = Some(Participants::new(r));
                        self.filter_editing = false;
                    }
                    PaneEffect::None
                }
                Action::Edit | Action::Archive | Action::Restore | Action::History => {
                    PaneEffect::on(
                        self.list
                            .list
                            .selected_row()
                            .map(|r| Selected::seen(Kind::Training, r.id, r.version)),
                        action,
                    )
                }
                _ => PaneEffect::None,
            },
        }
    }

    fn filter(&mut self) -> Option<(&mut String, &mut bool)> {
        // The follow-up list (graduates to call) has no filter line.
        let text = match (&mut self.follow_up, &mut self.participants) {
            (Some(_), _) => return None,
            (None, Some(p)) => &mut p.filter.text,
            (None, None) => &mut self.list.filter.text,
        };
        Some((text, &mut self.filter_editing))
    }

    fn filter_changed(&mut self) {
        match &mut self.participants {
            Some(p) if self.follow_up.is_none() => p.list.reset(),
            _ => self.list.list.reset(),
        }
    }

    fn invalidate(&mut self) {
        self.list.invalidate();
        if let Some(p) = &mut self.participants {
            p.invalidate();
        }
        if let Some(f) = &mut self.follow_up {
            f.list.invalidate();
        }
    }

    fn toggle_archived(&mut self) -> bool {
        // The list on screen: the trainings, or one training's participants; the follow-up
        // list (live graduates to call) has no archive.
        match (&self.follow_up, &mut self.participants) {
            (Some(_), _) => return false,
            (None, Some(p)) => {
                p.filter.archived = !p.filter.archived;
                p.list.reset();
            }
            (None, None) => {
                self.list.filter.archived = !self.list.filter.archived;
                self.list.list.reset();
            }
        }
        true
    }

    fn showing_archived(&self) -> bool {
        match (&self.follow_up, &self.participants) {
            (Some(_), _) => false,
            (None, Some(p)) => p.filter.archived,
            (None, None) => self.list.filter.archived,
        }
    }

    fn footer(&self) -> Vec<Action> {
        match self.view() {
            View::Trainings => vec![
                Action::Open,
                Action::New,
                Action::Edit,
                Action::History,
                Action::Filter,
                Action::Export,
                Action::Help,
                Action::Quit,
            ],
            View::Participants => vec![
                Action::Open,
                Action::New,
                Action::Edit,
                Action::Archive,
                Action::History,
                Action::Filter,
                Action::Cancel,
            ],
            View::FollowUp => vec![
                Action::Open,
                Action::Edit,
                Action::History,
                Action::Export,
                Action::Cancel,
                Action::Help,
            ],
        }
    }
}

/// How the lists name an employment result; `None` is not known yet.
fn employment_label(employment: Option<&str>, lang: Lang) -> &'static str {
    match employment {
        Some("bekerja") => lang.t("trainings.emp.bekerja"),
        Some("wirausaha") => lang.t("trainings.emp.wirausaha"),
        Some("tidak bekerja") => lang.t("trainings.emp.tidak_bekerja"),
        _ => lang.t("trainings.emp.unknown"),
    }
}

/// The share employed as the report computes it, for display: `66,67` (`66.67` in
/// English), or `-` without participants.
fn percent_employed(c: &TrainingCounts, lang: Lang) -> String {
    employed_ratio(c)
        .value()
        .map(|v| lang.decimal(v))
        .unwrap_or_else(|| "-".to_string())
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    lang.t(if b { "trainings.yes" } else { "trainings.no" })
}

/// A training's dates: `01-07-2024–12-07-2024`, as every screen writes dates.
fn date_span(start: Option<&str>, end: Option<&str>) -> String {
    let part = |d: Option<&str>| d.map_or("?".to_string(), display_iso);
    if start.is_none() && end.is_none() {
        return "-".to_string();
    }
    format!("{}–{}", part(start), part(end))
}
