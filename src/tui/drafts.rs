//! Unsaved forms survive a dropped connection: when the program must stop without the officer
//! choosing to (SIGHUP from a dropped SSH session, the terminal gone, an error), every form
//! with unsaved typing is kept in the store as a draft of that officer; the next time the same
//! officer opens the program the forms come back, as they were, with a message. Saving works
//! as always (an edit opened at an older version is refused if someone saved since); `Esc`
//! then `y` throws a draft away. Other officers never see it.

use super::app::{App, MessageKind, Overlay, RecordForm};
use super::form::Form;
use super::help;
use super::keymap::Context;
use super::records::Kind;
use crate::domain::date::display_iso;
use crate::store::{Draft, StoreError};

impl App {
    /// Keep every form with unsaved typing as a draft of this officer; how many were kept.
    pub fn save_drafts(&mut self) -> Result<usize, StoreError> {
        let drafts: Vec<Draft> = self
            .overlays
            .iter()
            .filter_map(|o| match o {
                Overlay::Form(rf) if rf.form.is_changed() => Some(Draft {
                    id: 0,
                    kind: rf.kind.name().to_string(),
                    record: rf.form.record,
                    values: rf
                        .form
                        .fields
                        .iter()
                        .map(|f| (f.key.to_string(), f.value.clone()))
                        .collect(),
                    hidden: rf.form.hidden.clone(),
                    saved_at: String::new(),
                }),
                _ => None,
            })
            .collect();
        if drafts.is_empty() {
            return Ok(0);
        }
        self.store.save_drafts(&drafts)
    }

    /// Reopen this officer's drafts as forms (the oldest underneath) and say so. The drafts
    /// leave the store as they are reopened: a form closed without saving is gone, as any
    /// form is; one left open when the connection drops again is kept again.
    pub fn restore_drafts(&mut self) {
        let lang = self.lang;
        let drafts = match self.store.take_drafts() {
            Ok(d) => d,
            Err(e) => {
                self.message = Some((
                    format!("{}: {e}", lang.t("draft.unreadable")),
                    MessageKind::Error,
                ));
                return;
            }
        };
        let mut unknown = Vec::new();
        let mut latest = None;
        for d in drafts {
            let Some(kind) = Kind::from_name(&d.kind) else {
                // Written by another version of the program: keep it for that version.
                unknown.push(d);
                continue;
            };
            let ops = kind.ops();
            let label = lang.t(ops.label());
            let (title, start) = match d.record {
                None => (
                    lang.t("record.new").replace("{kind}", label),
                    ops.defaults(self.today),
                ),
                Some((id, _)) => (
                    format!("{label} #{id}: {}", lang.t("record.edit")),
                    // What the record holds now, so the form knows what the draft changed.
                    ops.load(&self.store, id)
                        .map(|r| r.values)
                        .unwrap_or_default(),
                ),
            };
            let at: String = d.saved_at.chars().take(16).collect();
            let title = format!("{title} — {} {}", lang.t("draft.title"), display_iso(&at));
            let mut form = Form::new(title, ops.fields(), &start, d.record);
            form.hidden = d.hidden;
            for f in form.fields.iter_mut() {
                if let Some(v) = d.values.get(f.key) {
                    f.value = v.clone();
                    f.cursor = v.chars().count();
                }
            }
            self.overlays.push(Overlay::Form(Box::new(RecordForm {
                kind,
                form,
                moving: None,
            })));
            latest = Some(at);
        }
        if !unknown.is_empty() {
            let _ = self.store.save_drafts(&unknown);
        }
        if let Some(at) = latest {
            let text = lang.t("draft.restored").replace("{at}", &display_iso(&at));
            // `{yes}` answers the question that the form's `{cancel}` asks.
            let stack = [Context::Form, Context::Confirm];
            let text = help::with_keys(&text, &self.keymap, &stack, lang);
            self.message = Some((text, MessageKind::Info));
        }
    }
}
