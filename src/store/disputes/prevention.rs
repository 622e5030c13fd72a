//! Prevention facilitations and company compliance in the store, and the yearly figures the
//! pane shows beside the disputes ("79 facilitations; 70 of 133 companies with PP/PKB").

use crate::domain::dispute::{CompanyCompliance, PpPkb, PreventionFacilitation};
use crate::msg;
use crate::store::record::kind_methods;
use crate::store::record::{self, date, text, year_bounds, Kept, Record, Table};
use crate::store::{Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, Connection, Row};

pub type FacilitationRecord = Record<PreventionFacilitation>;
pub type ComplianceRecord = Record<CompanyCompliance>;

impl Kept for PreventionFacilitation {
    const TABLE: Table = Table {
        table: "prevention_facilitation",
        label: "facilitation",
        columns: "date company topic notes",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        Ok(PreventionFacilitation {
            date: date(r, 0)?.unwrap_or_default(),
            company: text(r, 1)?,
            topic: text(r, 2)?,
            notes: text(r, 3)?,
        })
    }
}

impl Kept for CompanyCompliance {
    const TABLE: Table = Table {
        table: "company_compliance",
        label: "company compliance",
        columns: "company year:int pp_pkb bpjs_member:bool",
        import_entity: None,
    };

    fn read(r: &Row) -> Result<Self> {
        Ok(CompanyCompliance {
            company: text(r, 0)?,
            year: r.get(1)?,
            pp_pkb: PpPkb::parse(&text(r, 2)?).unwrap_or(PpPkb::Tidak),
            bpjs_member: r.get::<_, i64>(3)? != 0,
        })
    }

    fn refusal(&self, conn: &Connection, except: Option<i64>) -> Result<()> {
        refuse_duplicate(conn, self, except)
    }
}

/// A year's prevention work and the compliance of the companies registered that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PreventionStats {
    pub facilitations: i64,
    /// Companies with a compliance record for the year.
    pub companies_registered: i64,
    /// Of those, with a company regulation (PP) or a collective agreement (PKB).
    pub companies_with_pp_pkb: i64,
    pub companies_with_pkb: i64,
    pub companies_in_bpjs: i64,
}

/// Refuse a second standing of the same company in the same year, naming the first.
fn refuse_duplicate(conn: &Connection, c: &CompanyCompliance, except: Option<i64>) -> Result<()> {
    let other: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM company_compliance WHERE archived = 0 AND year = ?1
             AND company = ?2 COLLATE NOCASE AND id IS NOT ?3",
        )?
        .query_row(params![c.year, c.company, except], |r| r.get(0))
        .ok();
    match other {
        Some(id) => Err(StoreError::Refused(msg!(
            "s.compliance.twice",
            c.company,
            c.year,
            id
        ))),
        None => Ok(()),
    }
}

/// A prevention register kept by year: which of its records a year holds (the live or the
/// archived ones), as a clause and its arguments, and the order a list shows them in.
trait ByYear: Kept {
    const ORDER: &'static str;
    fn of_year(year: i32, archived: bool) -> (String, Vec<Value>);
}

impl ByYear for PreventionFacilitation {
    /// Newest first.
    const ORDER: &'static str = "date DESC, id DESC";
    /// The facilitations held in `year`.
    fn of_year(year: i32, archived: bool) -> (String, Vec<Value>) {
        let (from, to) = year_bounds(year);
        (
            format!(
                "WHERE archived = {} AND date >= ?1 AND date < ?2",
                i64::from(archived)
            ),
            vec![Value::Text(from), Value::Text(to)],
        )
    }
}

impl ByYear for CompanyCompliance {
    /// By company name.
    const ORDER: &'static str = "company COLLATE NOCASE, id";
    /// The compliance records of companies registered in `year`.
    fn of_year(year: i32, archived: bool) -> (String, Vec<Value>) {
        (
            format!("WHERE archived = {} AND year = ?1", i64::from(archived)),
            vec![Value::Integer(i64::from(year))],
        )
    }
}

/// One window of the year's live records of a register, or (`archived`) its archived ones.
fn of_year<T: ByYear>(
    conn: &Connection,
    year: i32,
    archived: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<Record<T>>> {
    let (clause, args) = T::of_year(year, archived);
    record::list(conn, &clause, args, T::ORDER, offset, limit)
}

/// How many records `of_year` lists.
fn count_of_year<T: ByYear>(conn: &Connection, year: i32, archived: bool) -> Result<i64> {
    let (clause, args) = T::of_year(year, archived);
    record::count::<T>(conn, &clause, args)
}

kind_methods! {
    PreventionFacilitation as FacilitationRecord:
    insert_facilitation, get_facilitation, update_facilitation, archive_facilitation, restore_facilitation, facilitation_history
}
kind_methods! {
    CompanyCompliance as ComplianceRecord:
    insert_compliance, get_compliance, update_compliance, archive_compliance, restore_compliance, compliance_history
}

impl Store {
    /// The year's facilitations (archived left out), newest first, one window of them.
    pub fn list_facilitations(
        &self,
        year: i32,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<FacilitationRecord>> {
        self.facilitations_of(year, false, offset, limit)
    }

    /// The year's live facilitations, or (`archived`) the archived ones, newest first.
    pub fn facilitations_of(
        &self,
        year: i32,
        archived: bool,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<FacilitationRecord>> {
        of_year(&self.conn, year, archived, offset, limit)
    }

    pub fn count_facilitations(&self, year: i32) -> Result<i64> {
        self.count_facilitations_of(year, false)
    }

    /// How many facilitations `facilitations_of` lists.
    pub fn count_facilitations_of(&self, year: i32, archived: bool) -> Result<i64> {
        count_of_year::<PreventionFacilitation>(&self.conn, year, archived)
    }

    /// How many compliance records `compliance_of` lists.
    pub fn count_compliance_of(&self, year: i32, archived: bool) -> Result<i64> {
        count_of_year::<CompanyCompliance>(&self.conn, year, archived)
    }

    /// The companies registered in `year`, by name, one window of them.
    pub fn list_compliance(
        &self,
        year: i32,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<ComplianceRecord>> {
        self.compliance_of(year, false, offset, limit)
    }

    /// The year's live compliance records, or (`archived`) the archived ones, by name.
    pub fn compliance_of(
        &self,
        year: i32,
        archived: bool,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<ComplianceRecord>> {
        of_year(&self.conn, year, archived, offset, limit)
    }

    /// Facilitations held in `year` and the standing of the companies registered that year.
    pub fn prevention_stats(&self, year: i32) -> Result<PreventionStats> {
        let facilitations = self.count_facilitations(year)?;
        let (registered, pp_pkb, pkb, bpjs) = self
            .conn
            .prepare_cached(
                "SELECT count(*), ifnull(sum(pp_pkb <> 'tidak'), 0), ifnull(sum(pp_pkb = 'pkb'), 0),
                        ifnull(sum(bpjs_member), 0)
                 FROM company_compliance WHERE archived = 0 AND year = ?1",
            )?
            .query_row([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(PreventionStats {
            facilitations,
            companies_registered: registered,
            companies_with_pp_pkb: pp_pkb,
            companies_with_pkb: pkb,
            companies_in_bpjs: bpjs,
        })
    }
}
