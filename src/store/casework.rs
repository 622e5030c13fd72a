//! A case's referrals to partner agencies and its documents in the store: record kinds of
//! their own (versioned, in the history, archived never erased), so an answer recorded by one
//! officer and an edit of the case by another are both saved. Also what closing a case
//! checks (the required documents), what the worklist joins (the referral answers due) and
//! the yearly count per agency (`export referrals`).

use super::audit::{self, AuditEntry, Change};
use super::record::{
    self, all_rows, date, kind_methods, named_record, text, year_bounds, Kept, Table,
};
use super::{Result, Store, StoreError};
use crate::domain::case::{CaseCategory, CaseStatus, PmiCase};
use crate::domain::casework::{self, CaseDocument, CaseNote, Referral};
use crate::domain::date::{iso, Date};
use crate::msg;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::BTreeMap;

named_record!(
    /// A referral with its identity and bookkeeping.
    ReferralRecord,
    referral: Referral
);

named_record!(
    /// A case document with its identity and bookkeeping (`changed_by` recorded it).
    CaseDocumentRecord,
    document: CaseDocument
);

/// Refuse a record of a case that is not in the store or is archived.
fn refuse_without_case(conn: &Connection, case_id: i64) -> Result<()> {
    let archived: Option<i64> = conn
        .prepare_cached("SELECT archived FROM pmi_case WHERE id = ?1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?;
    match archived {
        None => Err(StoreError::NotFound {
            entity: "case",
            id: case_id,
        }),
        Some(1) => Err(StoreError::Refused(msg!("s.case.archived_first", case_id))),
        Some(_) => Ok(()),
    }
}

impl Kept for Referral {
    const TABLE: Table = Table {
        table: "referral",
        label: "referral",
        columns: "case_id:int agency asked sent_on answer_days:int due_on answer answered_on:opt",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        Ok(Referral {
            case_id: r.get(0)?,
            agency: text(r, 1)?,
            asked: text(r, 2)?,
            sent_on: date(r, 3)?.unwrap_or_default(),
            answer_days: r.get::<_, i64>(4)?.try_into().unwrap_or(0),
            due_on: date(r, 5)?.unwrap_or_default(),
            answer: text(r, 6)?,
            answered_on: date(r, 7)?,
        })
    }

    fn refusal(&self, conn: &Connection, _except: Option<i64>) -> Result<()> {
        refuse_without_case(conn, self.case_id)
    }
}

impl Kept for CaseDocument {
    const TABLE: Table = Table {
        table: "case_document",
        label: "case document",
        columns: "case_id:int document received_on:opt",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        Ok(CaseDocument {
            case_id: r.get(0)?,
            document: text(r, 1)?,
            received_on: date(r, 2)?,
        })
    }

    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        refuse_without_case(conn, self.case_id)?;
        if !casework::every_document().contains(&self.document.as_str()) {
            return Err(StoreError::Refused(msg!(
                "s.doc.unknown",
                crate::domain::quoted(&self.document)
            )));
        }
        let other: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM case_document WHERE archived = 0 AND case_id = ?1
                 AND document = ?2 AND id IS NOT ?3",
            )?
            .query_row(params![self.case_id, self.document, except], |r| r.get(0))
            .optional()?;
        match other {
            Some(id) => Err(StoreError::Refused(msg!(
                "s.doc.already",
                self.case_id,
                self.document,
                id
            ))),
            None => Ok(()),
        }
    }
}

kind_methods! {
    Referral as ReferralRecord:
    insert_referral, get_referral, update_referral, archive_referral, restore_referral,
    referral_history
}

named_record!(
    /// A case note with its identity and bookkeeping (`created_by` wrote it).
    CaseNoteRecord,
    note: CaseNote
);

impl Kept for CaseNote {
    const TABLE: Table = Table {
        table: "case_note",
        label: "case note",
        columns: "case_id:int noted_on text",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        Ok(CaseNote {
            case_id: r.get(0)?,
            noted_on: date(r, 1)?.unwrap_or_default(),
            text: text(r, 2)?,
        })
    }

    fn refusal(&self, conn: &Connection, _except: Option<i64>) -> Result<()> {
        refuse_without_case(conn, self.case_id)
    }
}

kind_methods! {
    CaseNote as CaseNoteRecord:
    insert_case_note, get_case_note, update_case_note, archive_case_note, restore_case_note,
    case_note_history
}

kind_methods! {
    CaseDocument as CaseDocumentRecord:
    insert_case_document, get_case_document, update_case_document, archive_case_document,
    restore_case_document, case_document_history
}

/// An unanswered referral of an open case whose answer is due by a day: what the worklist
/// joins to the follow-ups due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralDue {
    pub case_id: i64,
    pub referral_id: i64,
    pub due_on: Date,
    pub agency: String,
    /// The catalog key of what is due ("Jawaban rujukan" / "Referral answer").
    pub what: &'static str,
}

/// The catalog key `ReferralDue::what` carries.
pub const REFERRAL_ANSWER_DUE: &str = "due.referral_answer";

/// One agency's referrals sent in a year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReferralAgencyCount {
    pub agency: String,
    pub sent: i64,
    pub answered: i64,
    pub answered_on_time: i64,
    /// No answer and the due day passed (as of the day asked).
    pub overdue: i64,
}

/// The received documents of case `case_id` (live rows with a day).
fn received(conn: &Connection, case_id: i64) -> Result<Vec<String>> {
    all_rows(
        conn,
        "SELECT document FROM case_document
         WHERE case_id = ?1 AND archived = 0 AND received_on IS NOT NULL",
        [case_id],
        |r| r.get(0),
    )
}

/// What the history entry of moving case `id` (now `old`) to `to` notes beyond the changed
/// fields: closing with a required document missing names them and needs `reason` (else the
/// move is refused); a reason given is always noted.
pub(crate) fn closing_notes(
    conn: &Connection,
    id: i64,
    old: &PmiCase,
    to: CaseStatus,
    reason: &str,
) -> Result<Vec<Change>> {
    let reason = reason.trim();
    let mut noted = Vec::new();
    if to == CaseStatus::Ditutup {
        let missing = missing_of(conn, id, old)?;
        if !missing.is_empty() {
            if reason.is_empty() {
                return Err(StoreError::Refused(msg!(
                    "s.case.close_needs_reason",
                    id,
                    missing.join(", ")
                )));
            }
            noted.push(Change {
                field: "missing_documents".into(),
                old: String::new(),
                new: missing.join(", "),
            });
        }
    }
    if !reason.is_empty() {
        noted.push(Change {
            field: "reason".into(),
            old: String::new(),
            new: reason.into(),
        });
    }
    Ok(noted)
}

/// The required documents of `case` not received, as `data/case_documents.toml` lists them.
fn missing_of(conn: &Connection, id: i64, case: &PmiCase) -> Result<Vec<&'static str>> {
    let Some(category) = case.category else {
        return Ok(Vec::new());
    };
    let got = received(conn, id)?;
    Ok(casework::missing_required(
        category,
        got.iter().map(String::as_str),
    ))
}

impl Store {
    /// The live referrals of case `case_id`, in the order they were sent.
    pub fn case_referrals(&self, case_id: i64) -> Result<Vec<ReferralRecord>> {
        let rows = record::list::<Referral>(
            &self.conn,
            "WHERE case_id = ?1 AND archived = 0",
            vec![Value::Integer(case_id)],
            "sent_on, id",
            0,
            i64::MAX,
        )?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Record the answer to referral `id` (seen at `expected_version`): its text and day.
    /// A change of the referral alone: the case's version does not move.
    pub fn answer_referral(
        &mut self,
        id: i64,
        expected_version: i64,
        answer: &str,
        answered_on: Date,
    ) -> Result<i64> {
        let answer = answer.trim().to_string();
        self.change(id, expected_version, "answer", |_, old: &Referral| {
            if answer.is_empty() {
                return Err(StoreError::Refused(msg!("v.referral.answer_required")));
            }
            if answered_on < old.sent_on {
                return Err(StoreError::Refused(msg!(
                    "s.referral.answer_before_sent",
                    iso(old.sent_on)
                )));
            }
            Ok(Referral {
                answer,
                answered_on: Some(answered_on),
                ..old.clone()
            })
        })
    }

    /// The live document rows of case `case_id`.
    /// The notes of case `case_id`, newest first.
    pub fn case_notes(&self, case_id: i64) -> Result<Vec<CaseNoteRecord>> {
        let rows = record::list::<CaseNote>(
            &self.conn,
            "WHERE case_id = ?1 AND archived = 0",
            vec![Value::Integer(case_id)],
            "noted_on DESC, id DESC",
            0,
            i64::MAX,
        )?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub fn case_documents(&self, case_id: i64) -> Result<Vec<CaseDocumentRecord>> {
        let rows = record::list::<CaseDocument>(
            &self.conn,
            "WHERE case_id = ?1 AND archived = 0",
            vec![Value::Integer(case_id)],
            "id",
            0,
            i64::MAX,
        )?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Record document `document` of case `case_id` as received on a day (`None`: not
    /// received after all): the case's row of that document is written, or made. Returns
    /// the document row's id.
    pub fn record_case_document(
        &mut self,
        case_id: i64,
        document: &str,
        received_on: Option<Date>,
    ) -> Result<i64> {
        let value = CaseDocument {
            case_id,
            document: document.to_string(),
            received_on,
        };
        self.write(|conn, officer| {
            let live: Option<(i64, i64)> = conn
                .prepare_cached(
                    "SELECT id, version FROM case_document
                     WHERE case_id = ?1 AND document = ?2 AND archived = 0",
                )?
                .query_row(params![case_id, document], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match live {
                Some((id, version)) => {
                    record::change(conn, id, version, "update", officer, |_, _| {
                        Ok(value.clone())
                    })?;
                    Ok(id)
                }
                None => {
                    value.refusal(conn, None)?;
                    record::insert(conn, &value, "create", officer, &super::now_stamp())
                }
            }
        })
    }

    /// The required documents of case `id` not received yet.
    pub fn missing_case_documents(&self, id: i64) -> Result<Vec<&'static str>> {
        let case = self.get_case(id)?;
        missing_of(&self.conn, id, &case.case)
    }

    /// Move a case to a status its current status allows. Closing (`ditutup`) with a
    /// required document missing needs a `reason`: it goes into the history entry of the
    /// move with the documents missing.
    pub fn move_case_status_noting(
        &mut self,
        id: i64,
        expected_version: i64,
        to: CaseStatus,
        reason: &str,
    ) -> Result<i64> {
        let reason = reason.trim().to_string();
        self.write(|conn, officer| {
            record::change_noting(
                conn,
                id,
                expected_version,
                "status",
                officer,
                |conn, old: &PmiCase| {
                    let from = old.status.unwrap_or(CaseStatus::Baru);
                    if !from.next().contains(&to) {
                        return Err(StoreError::Refused(msg!("s.case.move", from, to)));
                    }
                    let noted = closing_notes(conn, id, old, to, &reason)?;
                    let mut c = old.clone();
                    c.status = Some(to);
                    Ok((c, noted))
                },
            )
        })
    }

    /// For the worklist: the unanswered live referrals of open, live cases whose answer is
    /// due on `through` or before, earliest first (the most overdue first).
    pub fn referral_answers_due(&self, through: Date) -> Result<Vec<ReferralDue>> {
        all_rows(
            &self.conn,
            "SELECT r.case_id, r.id, r.due_on, r.agency FROM referral r
             JOIN pmi_case c ON c.id = r.case_id
             WHERE r.answered_on IS NULL AND r.archived = 0 AND r.due_on <= ?1
                 AND c.archived = 0 AND c.status <> 'ditutup'
             ORDER BY r.due_on, r.case_id, r.id",
            [iso(through)],
            |r| {
                let due: String = r.get(2)?;
                Ok(ReferralDue {
                    case_id: r.get(0)?,
                    referral_id: r.get(1)?,
                    due_on: Date::parse_from_str(&due, "%Y-%m-%d").unwrap_or_default(),
                    agency: r.get(3)?,
                    what: REFERRAL_ANSWER_DUE,
                })
            },
        )
    }

    /// The live referrals (of live cases) sent in `year`, per agency: the listed agencies
    /// in `data/agencies.csv`'s order, then the others by name. Overdue as of `today`.
    pub fn referral_summary(&self, year: i32, today: Date) -> Result<Vec<ReferralAgencyCount>> {
        let (from, to) = year_bounds(year);
        let rows: Vec<ReferralAgencyCount> = all_rows(
            &self.conn,
            "SELECT r.agency, count(*),
                    sum(r.answered_on IS NOT NULL),
                    sum(r.answered_on IS NOT NULL AND r.answered_on <= r.due_on),
                    sum(r.answered_on IS NULL AND r.due_on < ?3)
             FROM referral r JOIN pmi_case c ON c.id = r.case_id
             WHERE r.archived = 0 AND c.archived = 0 AND r.sent_on >= ?1 AND r.sent_on < ?2
             GROUP BY r.agency",
            params![from, to, iso(today)],
            |r| {
                Ok(ReferralAgencyCount {
                    agency: r.get(0)?,
                    sent: r.get(1)?,
                    answered: r.get(2)?,
                    answered_on_time: r.get(3)?,
                    overdue: r.get(4)?,
                })
            },
        )?;
        let place = |name: &str| {
            casework::agencies()
                .iter()
                .position(|a| a.name == name)
                .unwrap_or(usize::MAX)
        };
        let mut by: BTreeMap<(usize, String), ReferralAgencyCount> = BTreeMap::new();
        for r in rows {
            by.insert((place(&r.agency), r.agency.clone()), r);
        }
        Ok(by.into_values().collect())
    }
}

/// What `CaseCategory` a case id has (for the TUI's document choice).
impl Store {
    pub fn case_category(&self, id: i64) -> Result<Option<CaseCategory>> {
        Ok(self.get_case(id)?.case.category)
    }
}

/// The history entries of case `case_id`'s referrals and documents (archived ones too), each
/// with its audit id: the action says what it belongs to (`referral.answer`,
/// `document.create`) and the first change names the record (`#3 Polres`).
pub(crate) fn related_history(conn: &Connection, case_id: i64) -> Result<Vec<(i64, AuditEntry)>> {
    let mut out = Vec::new();
    for (table, kind, name) in [
        ("referral", "referral", "agency"),
        ("case_document", "document", "document"),
        ("case_note", "note", "text"),
    ] {
        let rows: Vec<(i64, String)> = all_rows(
            conn,
            &format!("SELECT id, {name} FROM {table} WHERE case_id = ?1 ORDER BY id"),
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (id, named) in rows {
            for (audit_id, mut e) in audit::history_with_ids(conn, table, id)? {
                e.action = format!("{kind}.{}", e.action);
                e.changes.insert(
                    0,
                    Change {
                        field: kind.into(),
                        old: String::new(),
                        new: format!("#{id} {}", crate::domain::quoted(&named)),
                    },
                );
                out.push((audit_id, e));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{calendar, day, map};

    fn a_case(s: &mut Store, category: &str) -> i64 {
        let v = map(&[
            ("name", "Siti"),
            ("sex", "P"),
            ("kecamatan", "Ponggok"),
            ("country", "Malaysia"),
            ("category", category),
            ("reported_on", "2026-11-02"),
        ]);
        let (c, checked) = PmiCase::from_fields(&v, day(2026, 11, 28));
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        s.insert_case(&c.unwrap()).unwrap()
    }

    fn referral(case_id: i64, agency: &str, sent: &str) -> Referral {
        let v = map(&[
            ("case_id", &case_id.to_string()),
            ("agency", agency),
            ("asked", "dokumen"),
            ("sent_on", sent),
        ]);
        let (r, checked) = Referral::from_fields(&v, day(2026, 11, 28), &calendar());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        r.unwrap()
    }

    /// An answer recorded by one officer while another edits the case: both saved, each
    /// record at its own next version, each change in its own history.
    #[test]
    fn an_answer_and_an_edit_of_the_case_by_two_officers_are_both_saved() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        let case = a_case(&mut ani, "meninggal");
        let r = ani
            .insert_referral(&referral(case, "KBRI Kuala Lumpur", "2026-11-03"))
            .unwrap();
        // Both read what they change at version 1.
        let seen_case = budi.get_case(case).unwrap();
        let v = ani
            .answer_referral(r, 1, "akta dikirim", day(2026, 11, 10))
            .unwrap();
        let mut edited = seen_case.case.clone();
        edited.family_contact = "0812 3456".into();
        let cv = budi.update_case(case, seen_case.version, &edited).unwrap();
        assert_eq!((v, cv), (2, 2));
        let back = budi.get_referral(r).unwrap();
        assert_eq!(back.referral.answer, "akta dikirim");
        assert_eq!(back.changed_by, "ani");
        assert_eq!(ani.get_case(case).unwrap().case.family_contact, "0812 3456");
        let h = ani.referral_history(r).unwrap();
        assert_eq!(
            h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["create", "answer"]
        );
        // A second answer on the stale version is refused, naming ani.
        let stale = budi
            .answer_referral(r, 1, "lain", day(2026, 11, 11))
            .unwrap_err();
        assert!(
            matches!(stale, StoreError::Conflict { ref by, .. } if by == "ani"),
            "{stale}"
        );
    }

    #[test]
    fn closing_with_a_required_document_missing_needs_a_reason_kept_in_the_history() {
        let (_dir, mut ani, _budi) = crate::store::two_officers();
        let case = a_case(&mut ani, "deportasi");
        let mut v = 1;
        v = ani
            .move_case_status(case, v, CaseStatus::Koordinasi)
            .unwrap();
        ani.record_case_document(case, "surat_deportasi", Some(day(2026, 11, 5)))
            .unwrap();
        assert_eq!(ani.missing_case_documents(case).unwrap(), ["splp"]);
        let refused = ani
            .move_case_status_noting(case, v, CaseStatus::Ditutup, "  ")
            .unwrap_err();
        assert!(refused.to_string().contains("splp"), "{refused}");
        assert_eq!(ani.get_case(case).unwrap().version, v, "nothing written");
        ani.move_case_status_noting(case, v, CaseStatus::Ditutup, "SPLP hilang di bandara")
            .unwrap();
        let last = ani.case_history(case).unwrap().pop().unwrap();
        let got: Vec<(String, String)> = last
            .changes
            .iter()
            .map(|c| (c.field.clone(), c.new.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("status".to_string(), "ditutup".to_string()),
                ("missing_documents".into(), "splp".into()),
                ("reason".into(), "SPLP hilang di bandara".into()),
            ]
        );
    }

    #[test]
    fn a_document_is_ticked_and_unticked_on_one_row_with_who_recorded_it() {
        let (_dir, mut ani, mut budi) = crate::store::two_officers();
        let case = a_case(&mut ani, "meninggal");
        let id = ani
            .record_case_document(case, "paspor", Some(day(2026, 11, 4)))
            .unwrap();
        let again = budi.record_case_document(case, "paspor", None).unwrap();
        assert_eq!(id, again, "one row per case and document");
        let rows = ani.case_documents(case).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].version, rows[0].changed_by.as_str()), (2, "budi"));
        assert_eq!(rows[0].document.received_on, None);
        assert!(ani.record_case_document(case, "ktp_palsu", None).is_err());
        assert!(ani.record_case_document(999, "paspor", None).is_err());
    }

    #[test]
    fn the_answers_due_and_the_yearly_counts_per_agency() {
        let (_dir, mut ani, _budi) = crate::store::two_officers();
        let open = a_case(&mut ani, "meninggal");
        let closed = a_case(&mut ani, "kendala");
        // BP3MI 5 working days: 2026-11-02 (Mon) → due 2026-11-09.
        let answered = ani
            .insert_referral(&referral(open, "BP3MI Jawa Timur", "2026-11-02"))
            .unwrap();
        let late = ani
            .insert_referral(&referral(open, "KBRI Kuala Lumpur", "2026-11-02"))
            .unwrap();
        let overdue = ani
            .insert_referral(&referral(open, "Polres", "2026-11-02"))
            .unwrap();
        ani.insert_referral(&referral(open, "Kantor Imigrasi", "2026-11-20"))
            .unwrap();
        ani.insert_referral(&referral(closed, "Polres", "2026-11-02"))
            .unwrap();
        ani.answer_referral(answered, 1, "ok", day(2026, 11, 9))
            .unwrap();
        ani.answer_referral(late, 1, "ok", day(2026, 11, 20))
            .unwrap();
        let mut v = ani
            .move_case_status(closed, 1, CaseStatus::Koordinasi)
            .unwrap();
        ani.record_case_document(closed, "surat_pengaduan", Some(day(2026, 11, 3)))
            .unwrap();
        v = ani
            .move_case_status(closed, v, CaseStatus::Ditutup)
            .unwrap();
        assert_eq!(v, 3);

        let due = ani.referral_answers_due(day(2026, 11, 28)).unwrap();
        assert_eq!(
            due.iter()
                .map(|d| (d.case_id, d.referral_id, iso(d.due_on)))
                .collect::<Vec<_>>(),
            [(open, overdue, "2026-11-09".to_string())],
            "the closed case's overdue referral is not due; Kantor Imigrasi is due 2026-12-01"
        );
        assert_eq!(due[0].what, REFERRAL_ANSWER_DUE);
        assert_eq!(ani.referral_answers_due(day(2026, 12, 1)).unwrap().len(), 2);

        let counts = ani.referral_summary(2026, day(2026, 11, 28)).unwrap();
        let got: Vec<(&str, i64, i64, i64, i64)> = counts
            .iter()
            .map(|c| {
                (
                    c.agency.as_str(),
                    c.sent,
                    c.answered,
                    c.answered_on_time,
                    c.overdue,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("BP3MI Jawa Timur", 1, 1, 1, 0),
                ("KBRI Kuala Lumpur", 1, 1, 0, 0),
                ("Polres", 2, 0, 0, 2),
                ("Kantor Imigrasi", 1, 0, 0, 0),
            ]
        );
        assert!(ani
            .referral_summary(2025, day(2026, 11, 28))
            .unwrap()
            .is_empty());
    }
}
