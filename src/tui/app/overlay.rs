//! Keys while an overlay is open: forms, questions, the status choice, and the texts that
//! scroll (detail, history, help, a pane's text, the lookup). Every text scrolls with the same
//! movement keys as the lists and reaches its last line.

use super::{App, MessageKind, Overlay, Pending};
use crate::tui::form::FormOutcome;
use crate::tui::keymap::{Action, Context};
use crate::tui::pane::Selected;
use crate::tui::records::{MoveOutcome, SaveOutcome};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Move a scrolling text by a movement action; false when `action` is not one. `End` asks
/// for the last line: the drawing clamps the scroll to what the text and the box allow.
pub fn scroll_by(scroll: &mut u16, action: Action, page: u16) -> bool {
    let page = page.max(1);
    *scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => scroll.saturating_add(page),
        Action::Home => 0,
        Action::End => u16::MAX,
        _ => return false,
    };
    true
}

impl App {
    /// Lines a text box shows at once on this screen (its borders and the app's bars off).
    fn text_page(&self) -> u16 {
        self.screen.map_or(18, |(_, h)| h.saturating_sub(6))
    }

    /// The keymap table of the overlay on top.
    fn overlay_context(overlay: &Overlay) -> Context {
        match overlay {
            Overlay::Form(_) => Context::Form,
            Overlay::Detail { .. } => Context::Detail,
            Overlay::History { .. } | Overlay::Text { .. } => Context::History,
            Overlay::Help { .. } => Context::Help,
            Overlay::Lookup(_) => Context::Lookup,
            Overlay::Confirm { .. } => Context::Confirm,
            Overlay::StatusChoice { .. } => Context::Choice,
        }
    }

    pub(super) fn handle_overlay_key(&mut self, key: KeyEvent) {
        let page = self.text_page();
        let Some(top) = self.overlays.last_mut() else {
            return;
        };
        let action = self.keymap.action(Self::overlay_context(top), &key);
        match top {
            Overlay::Form(rf) => match rf.form.handle_in(action, key, Some(self.lang)) {
                FormOutcome::Stay => {
                    // A mark the officer has mended elsewhere goes (the NIK's, once the sex
                    // agrees with it); none is added while typing.
                    if !rf.form.errors.is_empty() && rf.moving.is_none() {
                        if let Some(now) =
                            rf.kind
                                .ops()
                                .recheck(&self.store, &rf.form.values(), self.today)
                        {
                            rf.form.keep_errors_still_found(&now);
                        }
                    }
                }
                FormOutcome::Save => self.save_form(),
                FormOutcome::Cancel => {
                    if rf.form.is_changed() {
                        let q = self.ask("form.discard_q");
                        self.overlays.push(Overlay::Confirm {
                            question: q,
                            pending: Pending::DiscardForm,
                        });
                    } else {
                        self.overlays.pop();
                    }
                }
            },
            Overlay::Confirm { pending, .. } => {
                let pending = pending.clone();
                match action {
                    Some(Action::Yes) => {
                        self.overlays.pop();
                        self.confirmed(pending);
                    }
                    Some(Action::No | Action::Cancel) => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
            }
            Overlay::StatusChoice {
                record,
                options,
                selected,
            } => {
                let chosen = match action {
                    Some(Action::Up) => {
                        *selected = selected.saturating_sub(1);
                        None
                    }
                    Some(Action::Down) => {
                        *selected = (*selected + 1).min(options.len() - 1);
                        None
                    }
                    Some(Action::Choose(n)) => options.get(usize::from(n).wrapping_sub(1)).cloned(),
                    Some(Action::Accept) => options.get(*selected).cloned(),
                    Some(Action::Cancel) => {
                        self.overlays.pop();
                        return;
                    }
                    _ => None,
                };
                if let Some(to) = chosen {
                    let record = record.clone();
                    self.overlays.pop();
                    self.move_status(&record, &to);
                }
            }
            Overlay::Help { scroll }
            | Overlay::History { scroll, .. }
            | Overlay::Text { scroll, .. } => match action {
                Some(Action::Cancel) => {
                    self.overlays.pop();
                }
                Some(a) => {
                    scroll_by(scroll, a, page);
                }
                None => {}
            },
            Overlay::Lookup(view) => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match (action, key.code) {
                    (Some(Action::Cancel), _) => {
                        self.overlays.pop();
                        return;
                    }
                    (Some(Action::Accept), _) => {
                        view.accept_suggestion(&self.store, self.lang);
                        return;
                    }
                    (Some(Action::PrevYear), _) => view.year -= 1,
                    (Some(Action::NextYear), _) => view.year += 1,
                    (Some(a), _) => {
                        // Movement keys scroll the answer.
                        scroll_by(&mut view.scroll, a, page);
                        return;
                    }
                    (None, KeyCode::Backspace) => {
                        view.input.pop();
                    }
                    (None, KeyCode::Char('u')) if ctrl => view.input.clear(),
                    (None, KeyCode::Char(c)) if !ctrl && view.input.chars().count() < 40 => {
                        view.input.push(c)
                    }
                    _ => return,
                }
                view.scroll = 0;
                view.update(&self.store, self.lang);
            }
            Overlay::Detail { record, scroll } => {
                let selected = Selected::seen(record.kind, record.id, record.version);
                match action {
                    Some(Action::Cancel) => {
                        self.overlays.pop();
                    }
                    Some(Action::Help) => self.overlays.push(Overlay::Help { scroll: 0 }),
                    Some(a) if scroll_by(scroll, a, page) => {}
                    Some(a) => self.record_action(selected, a),
                    None => {}
                }
            }
        }
    }

    fn confirmed(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => self.quit = true,
            Pending::DiscardForm => {
                if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
                    self.overlays.pop();
                }
            }
            Pending::Archive { kind, id, version } => {
                match kind.ops().archive(&mut self.store, id, version) {
                    Ok(_) => {
                        // The archived record leaves the lists; close its detail view.
                        self.overlays.retain(|o| {
                            !matches!(o, Overlay::Detail { record, .. } if record.kind == kind && record.id == id)
                        });
                        self.after_change(kind, id);
                        self.info(format!(
                            "{} #{id} {}",
                            self.t(kind.ops().label()),
                            self.t("record.archived")
                        ));
                    }
                    Err(e) => self.refused(kind, id, &e),
                }
            }
        }
    }

    pub(super) fn save_form(&mut self) {
        let today = self.today;
        let Some(Overlay::Form(rf)) = self.overlays.last_mut() else {
            return;
        };
        rf.form.message = None;
        let kind = rf.kind;
        if let Some((rec, to)) = rf.moving.clone() {
            let values = rf.form.values();
            match kind
                .ops()
                .move_status_with(&mut self.store, &rec, &to, &values, today)
            {
                MoveOutcome::Moved(note) => {
                    self.overlays.pop();
                    self.moved(kind, rec.id, &to, note);
                }
                MoveOutcome::Invalid(errors) => rf.form.show_problems(errors, Vec::new()),
                MoveOutcome::Failed(e) => self.form_refused(&e),
            }
            return;
        }
        let outcome = kind.ops().save(
            &mut self.store,
            rf.form.record,
            &rf.form.values(),
            today,
            rf.form.warnings_seen,
        );
        match outcome {
            SaveOutcome::Invalid { errors, warnings } => rf.form.show_problems(errors, warnings),
            SaveOutcome::Failed(e) => self.form_refused(&e),
            SaveOutcome::Saved(id) => {
                let was_new = rf.form.record.is_none();
                self.overlays.pop();
                self.after_change(kind, id);
                for p in self.panes.iter_mut() {
                    p.saved(kind, id, was_new);
                }
                self.info(format!(
                    "{} {} #{id}",
                    self.t(kind.ops().label()),
                    self.t("record.saved")
                ));
            }
        }
    }

    /// The store refused the form's save: the reason stays in the form (and again on every
    /// later try) and in the message line, where it wraps rather than being cut.
    fn form_refused(&mut self, e: &crate::store::StoreError) {
        let msg = self.store_error(e);
        if let Some(Overlay::Form(rf)) = self.overlays.last_mut() {
            rf.form.message = Some(msg.clone());
        }
        self.message = Some((msg, MessageKind::Error));
    }
}
