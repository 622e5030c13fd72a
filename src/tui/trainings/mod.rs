//! Pane 4, Pelatihan: the year's trainings with their participants counted, the year's
//! totals and IKU1 against its target, and the published schemes of table 3.13 beside them;
//! `Enter` opens a training's participants; `f` the follow-up list of graduates whose
//! employment is still unknown, where `w` then `b` / `u` / `t` records what a call found.
//! Every figure comes from the store or `report::trainings`; the pane only shows them.

mod follow_up;
mod list;
mod participants;

use super::keymap::Action;
use super::pane::{Pane, PaneCtx, PaneEffect};
use super::records::Kind;
use super::window::ListWindow;
use crate::domain::date::display_iso;
use crate::domain::training::{Employment, VerifiedHow};
use crate::i18n::Lang;
use crate::report::trainings::{employed_ratio, trainings_table};
use crate::store::{Store, StoreError, TrainingCounts};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use follow_up::FollowUp;
use list::TrainingList;
use participants::Participants;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::BTreeMap;

/// A participant chosen for the two-key action, waiting for its result key.
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
    /// `w` was pressed: the next key is the result.
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
        fn go<T>(w: &mut ListWindow<T>, action: Action) -> bool {
            let page = w.page.max(1);
            match action {
                Action::Up => w.move_by(-1),
                Action::Down => w.move_by(1),
                Action::PageUp => w.move_by(-page),
                Action::PageDown => w.move_by(page),
                Action::Home => w.select(0),
                Action::End => w.select(w.total - 1),
                _ => return false,
            }
            true
        }
        match (&mut self.follow_up, &mut self.participants) {
            (Some(f), _) => go(&mut f.list, action),
            (None, Some(p)) => go(&mut p.list, action),
            (None, None) => go(&mut self.list.list, action),
        }
    }

    /// The filter text of the list on screen (the follow-up list has none).
    fn filter_text(&mut self) -> Option<&mut String> {
        match self.view() {
            View::Trainings => Some(&mut self.list.filter.text),
            View::Participants => self.participants.as_mut().map(|p| &mut p.filter.text),
            View::FollowUp => None,
        }
    }

    fn filter_changed(&mut self) {
        match self.view() {
            View::Trainings => self.list.list.reset(),
            View::Participants => {
                if let Some(p) = &mut self.participants {
                    p.list.reset();
                }
            }
            View::FollowUp => {}
        }
    }

    /// Keys while the filter line is typed; None hands the key on (arrows, Enter on a row).
    fn filter_key(&mut self, key: KeyEvent) -> Option<PaneEffect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let text = self.filter_text()?;
        match key.code {
            KeyCode::Esc => {
                text.clear();
                self.filter_editing = false;
            }
            KeyCode::Enter => {
                self.filter_editing = false;
                return Some(PaneEffect::None);
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char('u') if ctrl => text.clear(),
            KeyCode::Char(c) if !ctrl => {
                if text.chars().count() < 100 {
                    text.push(c);
                }
            }
            _ => return None,
        }
        self.filter_changed();
        Some(PaneEffect::None)
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

    /// The second key of `w`: record the result of the call, or let it go.
    fn finish_marking(
        &mut self,
        m: Marking,
        key: KeyEvent,
        store: &mut Store,
        lang: Lang,
    ) -> PaneEffect {
        let employment = match key.code {
            KeyCode::Char('b') => Employment::Bekerja,
            KeyCode::Char('u') => Employment::Wirausaha,
            KeyCode::Char('t') => Employment::TidakBekerja,
            _ => return PaneEffect::Info(lang.t("trainings.mark_cancelled").to_string()),
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
                at
            )),
            Err(e) => PaneEffect::Error(e.to_string()),
        }
    }
}

impl Pane for TrainingsPane {
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

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &PaneCtx) {
        let prompt = self.marking.as_ref().map(|m| m.name.as_str());
        let editing = self.filter_editing;
        match (&mut self.follow_up, &mut self.participants) {
            (Some(f), _) => f.render(frame, area, ctx, prompt),
            (None, Some(p)) => p.render(frame, area, ctx, editing, prompt),
            (None, None) => self.list.render(frame, area, ctx, editing),
        }
    }

    fn handle(&mut self, action: Action, store: &mut Store, ctx: &PaneCtx) -> PaneEffect {
        if self.move_selection(action) {
            return PaneEffect::None;
        }
        if action == Action::Export {
            return PaneEffect::Export("pelatihan", trainings_table(store, ctx.year));
        }
        if action == Action::Filter {
            self.filter_editing = self.view() != View::FollowUp;
            return PaneEffect::None;
        }
        match self.view() {
            View::FollowUp => match action {
                Action::Cancel => {
                    self.follow_up = None;
                    PaneEffect::None
                }
                Action::Open | Action::Edit | Action::Archive | Action::History => self
                    .selected_trainee()
                    .map(|t| PaneEffect::Record(Kind::Trainee, t.trainee_id, action))
                    .unwrap_or(PaneEffect::None),
                _ => PaneEffect::None,
            },
            View::Participants => {
                let Some(p) = &mut self.participants else {
                    return PaneEffect::None;
                };
                match action {
                    Action::Cancel if !p.filter.text.is_empty() => {
                        p.filter.text.clear();
                        p.list.reset();
                        PaneEffect::None
                    }
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
                    Action::Open | Action::Edit | Action::Archive | Action::History => p
                        .list
                        .selected_row()
                        .map(|r| PaneEffect::Record(Kind::Trainee, r.id, action))
                        .unwrap_or(PaneEffect::None),
                    _ => PaneEffect::None,
                }
            }
            View::Trainings => match action {
                Action::Cancel if !self.list.filter.text.is_empty() => {
                    self.list.filter.text.clear();
                    self.list.list.reset();
                    PaneEffect::None
                }
                Action::New => PaneEffect::New {
                    kind: Kind::Training,
                    values: BTreeMap::from([("year".to_string(), ctx.year.to_string())]),
                    hidden: BTreeMap::new(),
                },
                Action::Open => {
                    if let Some(r) = self.list.list.selected_row() {
                        self.participants = Some(Participants::new(r));
                        self.filter_editing = false;
                    }
                    PaneEffect::None
                }
                Action::Edit | Action::Archive | Action::History => self
                    .list
                    .list
                    .selected_row()
                    .map(|r| PaneEffect::Record(Kind::Training, r.id, action))
                    .unwrap_or(PaneEffect::None),
                _ => PaneEffect::None,
            },
        }
    }

    fn handle_key(
        &mut self,
        key: KeyEvent,
        store: &mut Store,
        ctx: &PaneCtx,
    ) -> Option<PaneEffect> {
        if let Some(m) = self.marking.take() {
            return Some(self.finish_marking(m, key, store, ctx.lang));
        }
        if self.filter_editing {
            return self.filter_key(key);
        }
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        match key.code {
            KeyCode::Char('f') if self.follow_up.is_none() => {
                self.follow_up = Some(FollowUp::default());
                Some(PaneEffect::None)
            }
            KeyCode::Char('w') if self.view() != View::Trainings => {
                // Act on what the officer sees.
                if let Err(e) = self.refresh(store, ctx) {
                    return Some(PaneEffect::Error(e.to_string()));
                }
                self.marking = self.selected_trainee();
                Some(PaneEffect::None)
            }
            KeyCode::Char(c @ ('+' | '-')) => {
                let f = self.follow_up.as_mut()?;
                f.change_months(if c == '+' { 1 } else { -1 });
                Some(PaneEffect::None)
            }
            _ => None,
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
