//! Numbered schema migrations, applied at open. Each runs once, in order, inside one
//! write transaction taken up-front, so officers opening a new store at the same moment
//! cannot both migrate it. (A hand-written runner rather than rusqlite_migration for that
//! reason: its transaction is deferred.)

use super::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

const MIGRATIONS: &[&str] = &[
    // 1: reference data, PMI cases, audit history
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE kecamatan (name TEXT PRIMARY KEY);
    CREATE TABLE country (name TEXT PRIMARY KEY);
    CREATE TABLE holiday (date TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL);
    -- published tables of the yearly reports, one JSON object per row, never mixed with records
    CREATE TABLE published (
        tbl TEXT NOT NULL, row_no INTEGER NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (tbl, row_no)
    );
    CREATE TABLE indicator (
        code TEXT PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL,
        polarity TEXT NOT NULL, formula TEXT NOT NULL, source TEXT NOT NULL
    );
    CREATE TABLE indicator_target (
        code TEXT NOT NULL REFERENCES indicator(code), year INTEGER NOT NULL,
        target TEXT NOT NULL, PRIMARY KEY (code, year)
    );
    CREATE TABLE pmi_case (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        nik TEXT,
        sex TEXT NOT NULL CHECK (sex IN ('L','P')),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        desa TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('meninggal','sakit','deportasi','kendala')),
        reported_on TEXT NOT NULL,
        sector TEXT, scheme TEXT, procedural INTEGER,
        occupation TEXT NOT NULL DEFAULT '', employer TEXT NOT NULL DEFAULT '',
        report_source TEXT NOT NULL DEFAULT '', family_contact TEXT NOT NULL DEFAULT '',
        partner_agencies TEXT NOT NULL DEFAULT '',
        arrival_date TEXT, arrival_place TEXT NOT NULL DEFAULT '', handover_date TEXT,
        costs TEXT, notes TEXT NOT NULL DEFAULT '', next_followup TEXT,
        status TEXT NOT NULL DEFAULT 'baru'
            CHECK (status IN ('baru','koordinasi','pemulangan','tiba','ditutup')),
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX pmi_case_list ON pmi_case (archived, id);
    CREATE INDEX pmi_case_year ON pmi_case (reported_on, kecamatan, category, status);
    CREATE INDEX pmi_case_kecamatan ON pmi_case (kecamatan, category, status);
    CREATE INDEX pmi_case_followup ON pmi_case (next_followup)
        WHERE archived = 0 AND status <> 'ditutup';
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL, record_id INTEGER NOT NULL, version INTEGER NOT NULL,
        action TEXT NOT NULL, officer TEXT NOT NULL, at TEXT NOT NULL,
        changes TEXT NOT NULL
    );
    CREATE INDEX audit_record ON audit (entity, record_id, id);
    "#,
    // 2: PMI placements, and the index the kecamatan lookup needs on cases
    r#"
    CREATE TABLE placement (
        id INTEGER PRIMARY KEY,
        nik TEXT NOT NULL CHECK (length(nik) = 16),
        name TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('L','P')),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        desa TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL,
        sector TEXT NOT NULL CHECK (sector IN ('formal','informal')),
        scheme TEXT,
        occupation TEXT NOT NULL DEFAULT '',
        departure_date TEXT NOT NULL,
        -- The year the departure counts in, kept as a plain column so the summary indexes
        -- below cover their queries (SQLite before 3.41, like the office's sqlite3 3.40,
        -- never covers a query with an index on an expression or a generated column).
        departure_year INTEGER NOT NULL
            CHECK (departure_year = CAST(substr(departure_date, 1, 4) AS INTEGER)),
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    -- One departure per person and day; an archived record no longer blocks a new one.
    CREATE UNIQUE INDEX placement_departure ON placement (nik, departure_date) WHERE archived = 0;
    -- Counts by year x kecamatan x sector x sex (GROUP BY walks the index in order), the
    -- lookup's sex x sector and countries for one kecamatan, drill-down by kecamatan.
    -- `archived` leads instead of a partial index: SQLite 3.40 cannot cover a query with a
    -- partial index when the query names the column of its WHERE.
    CREATE INDEX placement_by_kecamatan
        ON placement (archived, departure_year, kecamatan, sector, sex, country);
    -- Counts by year x country x sector x sex, drill-down by country.
    CREATE INDEX placement_by_country
        ON placement (archived, departure_year, country, sector, sex);
    -- Drill-down to a whole year: the ids come in order, so a window reads only its rows.
    CREATE INDEX placement_by_year ON placement (archived, departure_year);
    -- The lookup's open / closed cases by category for one kecamatan, without the table.
    CREATE INDEX pmi_case_lookup ON pmi_case (kecamatan, archived, category, status);
    "#,
    // 3: industrial disputes, prevention facilitations, company compliance (IF NOT EXISTS:
    // tests that rebuild an older store by dropping a later migration's objects keep these)
    r#"
    CREATE TABLE IF NOT EXISTS dispute (
        id INTEGER PRIMARY KEY,
        company TEXT NOT NULL,
        workers TEXT NOT NULL,
        worker_count INTEGER,
        type TEXT NOT NULL CHECK (type IN ('hak','kepentingan','phk','antar_serikat')),
        bipartite_start TEXT, bipartite_end TEXT,
        bipartite_result TEXT NOT NULL DEFAULT '',
        minutes_present INTEGER,
        recorded_on TEXT, file_complete INTEGER, returned_on TEXT, completed_on TEXT,
        mediator TEXT NOT NULL DEFAULT '', mediator_assigned_on TEXT, mediation_sessions INTEGER,
        anjuran_on TEXT,
        workers_answer TEXT CHECK (workers_answer IN ('accepted','rejected','silent')),
        workers_answered_on TEXT,
        employer_answer TEXT CHECK (employer_answer IN ('accepted','rejected','silent')),
        employer_answered_on TEXT,
        outcome TEXT CHECK (outcome IN ('pb','anjuran','court','withdrawn')),
        outcome_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL DEFAULT 'bipartit' CHECK (stage IN
            ('bipartit','berkas_dikembalikan','tercatat','mediasi','anjuran','selesai')),
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS dispute_list ON dispute (archived, id);
    CREATE INDEX IF NOT EXISTS dispute_recorded ON dispute (recorded_on);
    CREATE TABLE IF NOT EXISTS prevention_facilitation (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        company TEXT NOT NULL,
        topic TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS prevention_facilitation_date ON prevention_facilitation (date, archived);
    CREATE TABLE IF NOT EXISTS company_compliance (
        id INTEGER PRIMARY KEY,
        company TEXT NOT NULL,
        year INTEGER NOT NULL,
        pp_pkb TEXT NOT NULL CHECK (pp_pkb IN ('tidak','pp','pkb')),
        bpjs_member INTEGER NOT NULL CHECK (bpjs_member IN (0, 1)),
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    -- one standing per company and year (the registered companies of that year)
    CREATE UNIQUE INDEX IF NOT EXISTS company_compliance_once
        ON company_compliance (year, company COLLATE NOCASE) WHERE archived = 0;
    "#,
    // 4: trainings
    // trainings (Pelatihan) and their participants. IF NOT EXISTS: harmless here, and a
    // store rewound to an earlier schema (as upgrade tests do) re-runs it cleanly.
    r#"
    CREATE TABLE IF NOT EXISTS training (
        id INTEGER PRIMARY KEY,
        scheme TEXT NOT NULL,
        year INTEGER NOT NULL,
        funding_source TEXT NOT NULL,
        provider TEXT NOT NULL DEFAULT '',
        start_date TEXT, end_date TEXT,
        quota INTEGER, budget TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL,
        CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
    );
    -- an import finds a training by its name, year and funding source
    CREATE UNIQUE INDEX IF NOT EXISTS training_identity ON training (lower(scheme), year, funding_source)
        WHERE archived = 0;
    CREATE INDEX IF NOT EXISTS training_year ON training (year, archived);
    CREATE TABLE IF NOT EXISTS trainee (
        id INTEGER PRIMARY KEY,
        training_id INTEGER NOT NULL REFERENCES training(id),
        nik TEXT NOT NULL,
        name TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('L','P')),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        phone TEXT NOT NULL DEFAULT '',
        graduated INTEGER NOT NULL DEFAULT 0 CHECK (graduated IN (0, 1)),
        certified INTEGER NOT NULL DEFAULT 0 CHECK (certified IN (0, 1)),
        certificate_no TEXT NOT NULL DEFAULT '',
        employment TEXT CHECK (employment IN ('tidak bekerja', 'bekerja', 'wirausaha')),
        employer TEXT NOT NULL DEFAULT '',
        employed_on TEXT, verified_on TEXT, verified_how TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    -- an NIK once per training (an archived participant may be entered again)
    CREATE UNIQUE INDEX IF NOT EXISTS trainee_nik_once ON trainee (training_id, nik) WHERE archived = 0;
    CREATE INDEX IF NOT EXISTS trainee_training ON trainee (training_id, archived);
    CREATE INDEX IF NOT EXISTS trainee_followup ON trainee (training_id)
        WHERE archived = 0 AND graduated = 1 AND employment IS NULL;
    CREATE INDEX IF NOT EXISTS trainee_kecamatan ON trainee (kecamatan);
    "#,
    // 5: transmigrant family registrations and the province's yearly quota
    r#"
    CREATE TABLE transmigrant (
        id INTEGER PRIMARY KEY,
        head_name TEXT NOT NULL,
        nik TEXT NOT NULL CHECK (length(nik) = 16),
        kk_no TEXT NOT NULL CHECK (length(kk_no) = 16),
        members INTEGER NOT NULL CHECK (members BETWEEN 1 AND 20),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        desa TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        registered_on TEXT NOT NULL,
        stage TEXT NOT NULL DEFAULT 'terdaftar' CHECK (stage IN
            ('terdaftar','berkas_lengkap','terseleksi','dilatih','diberangkatkan','batal')),
        destination_upt TEXT NOT NULL DEFAULT '',
        destination_kabupaten TEXT NOT NULL DEFAULT '',
        destination_province TEXT NOT NULL DEFAULT '',
        departed_on TEXT,
        cancel_reason TEXT NOT NULL DEFAULT '',
        cancelled_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL,
        -- a departure date exactly when departed, a withdrawal date and reason exactly when
        -- withdrawn: the yearly figures count on it
        CHECK ((stage = 'diberangkatkan') = (departed_on IS NOT NULL)),
        CHECK ((stage = 'batal') = (cancelled_on IS NOT NULL)),
        CHECK ((stage = 'batal') = (cancel_reason <> ''))
    );
    -- A family (by family card, and by head of family) has at most one open registration.
    CREATE UNIQUE INDEX transmigrant_open_kk ON transmigrant (kk_no)
        WHERE archived = 0 AND stage NOT IN ('diberangkatkan','batal');
    CREATE UNIQUE INDEX transmigrant_open_nik ON transmigrant (nik)
        WHERE archived = 0 AND stage NOT IN ('diberangkatkan','batal');
    CREATE INDEX transmigrant_kk ON transmigrant (kk_no, registered_on);
    CREATE INDEX transmigrant_nik ON transmigrant (nik, registered_on);
    -- the list, a year's registrations, the waiting list in registration order
    CREATE INDEX transmigrant_registered ON transmigrant (archived, registered_on, id);
    CREATE INDEX transmigrant_departed ON transmigrant (archived, departed_on);
    CREATE TABLE transmigration_quota (
        year INTEGER PRIMARY KEY,
        families INTEGER NOT NULL CHECK (families >= 0),
        destinations TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        entered_by TEXT NOT NULL, entered_at TEXT NOT NULL
    );
    "#,
    // 6: a trigram index of the text cases are found by, so filtering a million cases as
    // the officer types stays fast; triggers keep it in step with pmi_case.
    r#"
    CREATE VIRTUAL TABLE pmi_case_search USING fts5(body, tokenize = 'trigram');
    INSERT INTO pmi_case_search (rowid, body)
        SELECT id, name || ' ' || ifnull(nik, '') || ' ' || kecamatan || ' ' || desa || ' '
            || country || ' ' || category || ' ' || status || ' #' || id FROM pmi_case;
    CREATE TRIGGER pmi_case_search_insert AFTER INSERT ON pmi_case BEGIN
        INSERT INTO pmi_case_search (rowid, body) VALUES (new.id, new.name || ' '
            || ifnull(new.nik, '') || ' ' || new.kecamatan || ' ' || new.desa || ' '
            || new.country || ' ' || new.category || ' ' || new.status || ' #' || new.id);
    END;
    CREATE TRIGGER pmi_case_search_update AFTER UPDATE ON pmi_case BEGIN
        UPDATE pmi_case_search SET body = new.name || ' ' || ifnull(new.nik, '') || ' '
            || new.kecamatan || ' ' || new.desa || ' ' || new.country || ' ' || new.category
            || ' ' || new.status || ' #' || new.id
        WHERE rowid = new.id;
    END;
    "#,
    // 7: IKU: values entered from outside the records (TPAK, SAKIP, TPT) with their source,
    // and the years whose figures were closed as reported. (IF NOT EXISTS: upgrade tests
    // rebuild older stores by dropping later tables.)
    r#"
    CREATE TABLE IF NOT EXISTS iku_entry (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL,
        year INTEGER NOT NULL,
        -- exact decimals as text, never REAL
        value TEXT NOT NULL,
        grade TEXT NOT NULL DEFAULT '',
        sakip_planning TEXT, sakip_measurement TEXT, sakip_reporting TEXT, sakip_evaluation TEXT,
        source TEXT NOT NULL,
        source_date TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    -- one value per indicator and year (an archived one may be entered again)
    CREATE UNIQUE INDEX IF NOT EXISTS iku_entry_once ON iku_entry (code, year) WHERE archived = 0;
    CREATE TABLE IF NOT EXISTS iku_year (
        year INTEGER PRIMARY KEY,
        closed INTEGER NOT NULL CHECK (closed IN (0, 1)),
        -- the figures as reported when the year was last closed (JSON)
        figures TEXT NOT NULL,
        closed_by TEXT NOT NULL, closed_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    "#,
    // 8: drafts: a form's unsaved values kept when the program had to stop (a dropped
    // connection), offered back to the same officer at the next start
    r#"
    CREATE TABLE IF NOT EXISTS draft (
        id INTEGER PRIMARY KEY,
        officer TEXT NOT NULL,
        kind TEXT NOT NULL,
        record_id INTEGER,
        record_version INTEGER,
        field_values TEXT NOT NULL,
        hidden TEXT NOT NULL DEFAULT '{}',
        saved_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS draft_officer ON draft (officer, id);
    "#,
    // 9: speed on a million records. (Written to run again harmlessly: upgrade tests rebuild
    // older stores by dropping later objects.)
    // - The store feeds the trigram index itself, one statement per batch: an FTS5 write from
    //   a trigger flushes its buffer at every row, which made 100,000 cases take 12 s of CPU
    //   instead of 2.
    // - case_tally counts cases by year, kecamatan, category, status and archived, and
    //   followup_tally counts the open cases by follow-up day, kept in the same transaction
    //   as every write: the case list's header (reported, open, overdue), its row count and
    //   the case summary read a few hundred rows instead of a million. The store adds new
    //   cases to both itself, one statement per batch like the search index (a trigger per
    //   row cost a third of a big import); triggers follow edits, archives and deletes. The
    //   tally replaces the two indexes those queries scanned.
    // - The follow-up index holds the columns of its own WHERE, so listing the overdue
    //   cases reads it alone.
    // - The trigram index buffers up to 64 MB before writing a segment (FTS5's default is
    //   1 MB): a big import makes a few large segments instead of merging hundreds of small
    //   ones, half the work. Only a big transaction ever fills it.
    // - The trigram index keeps no per-row token counts (columnsize=0: they serve only
    //   ranking, which the filter does not use): one b-tree write less per case.
    // - placement_tally does for placements what case_tally does for cases: placements by
    //   departure year, archived, kecamatan, sector, sex and country, so pane 2's summaries,
    //   the exports by kecamatan and country and the lookup read a few thousand rows instead
    //   of grouping a year's placements (34 ms of pane 2's first frame on a million). The
    //   store counts new placements itself as it writes them, only the rows an import really
    //   inserted (duplicates are skipped), and adds them with one upsert per cell; triggers
    //   follow edits, archives and deletes. The key puts `archived` second so a summary
    //   seeks straight to the year's active cells, already in kecamatan × sector × sex order.
    r#"
    DROP TRIGGER IF EXISTS pmi_case_search_insert;
    DROP TABLE IF EXISTS pmi_case_search;
    CREATE VIRTUAL TABLE pmi_case_search USING fts5(body, tokenize = 'trigram', columnsize = 0);
    INSERT INTO pmi_case_search (pmi_case_search, rank) VALUES ('hashsize', 67108864);
    INSERT INTO pmi_case_search (rowid, body)
        SELECT id, name || ' ' || ifnull(nik, '') || ' ' || kecamatan || ' ' || desa || ' '
            || country || ' ' || category || ' ' || status || ' #' || id FROM pmi_case;
    DROP INDEX IF EXISTS pmi_case_year;
    DROP INDEX IF EXISTS pmi_case_kecamatan;
    -- Overdue follow-ups are counted from this index alone (the columns of its WHERE are in
    -- it, so no row of the table is read).
    DROP INDEX IF EXISTS pmi_case_followup;
    CREATE INDEX pmi_case_followup ON pmi_case (next_followup, archived, status)
        WHERE archived = 0 AND status <> 'ditutup';
    CREATE TABLE IF NOT EXISTS case_tally (
        year INTEGER NOT NULL,
        kecamatan TEXT NOT NULL,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        archived INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (year, kecamatan, category, status, archived)
    ) WITHOUT ROWID;
    DELETE FROM case_tally;
    INSERT INTO case_tally (year, kecamatan, category, status, archived, n)
        SELECT CAST(substr(reported_on, 1, 4) AS INTEGER), kecamatan, category, status,
               archived, count(*)
        FROM pmi_case GROUP BY 1, 2, 3, 4, 5;
    CREATE TRIGGER IF NOT EXISTS pmi_case_tally_update
    AFTER UPDATE OF reported_on, kecamatan, category, status, archived ON pmi_case
    WHEN substr(old.reported_on, 1, 4) IS NOT substr(new.reported_on, 1, 4)
        OR old.kecamatan IS NOT new.kecamatan OR old.category IS NOT new.category
        OR old.status IS NOT new.status OR old.archived IS NOT new.archived
    BEGIN
        UPDATE case_tally SET n = n - 1
        WHERE year = CAST(substr(old.reported_on, 1, 4) AS INTEGER)
            AND kecamatan = old.kecamatan AND category = old.category
            AND status = old.status AND archived = old.archived;
        INSERT INTO case_tally (year, kecamatan, category, status, archived, n)
        VALUES (CAST(substr(new.reported_on, 1, 4) AS INTEGER), new.kecamatan, new.category,
                new.status, new.archived, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS pmi_case_tally_delete AFTER DELETE ON pmi_case BEGIN
        UPDATE case_tally SET n = n - 1
        WHERE year = CAST(substr(old.reported_on, 1, 4) AS INTEGER)
            AND kecamatan = old.kecamatan AND category = old.category
            AND status = old.status AND archived = old.archived;
    END;
    -- The kecamatan lookup's trainees read this index alone (with the trainings of the year):
    -- a kecamatan's few thousand participants, not their rows.
    DROP INDEX IF EXISTS trainee_kecamatan;
    CREATE INDEX IF NOT EXISTS trainee_by_kecamatan
        ON trainee (kecamatan, archived, training_id, graduated, certified, employment);
    CREATE TABLE IF NOT EXISTS followup_tally (
        day TEXT PRIMARY KEY,
        n INTEGER NOT NULL
    ) WITHOUT ROWID;
    DELETE FROM followup_tally;
    INSERT INTO followup_tally (day, n)
        SELECT next_followup, count(*) FROM pmi_case
        WHERE archived = 0 AND status <> 'ditutup' AND next_followup IS NOT NULL
        GROUP BY 1;
    CREATE TRIGGER IF NOT EXISTS pmi_case_followup_update
    AFTER UPDATE OF next_followup, status, archived ON pmi_case
    WHEN old.next_followup IS NOT new.next_followup OR old.status IS NOT new.status
        OR old.archived IS NOT new.archived
    BEGIN
        UPDATE followup_tally SET n = n - 1
        WHERE day = old.next_followup AND old.archived = 0 AND old.status <> 'ditutup';
        INSERT INTO followup_tally (day, n)
        SELECT new.next_followup, 1
        WHERE new.archived = 0 AND new.status <> 'ditutup' AND new.next_followup IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS pmi_case_followup_delete AFTER DELETE ON pmi_case BEGIN
        UPDATE followup_tally SET n = n - 1
        WHERE day = old.next_followup AND old.archived = 0 AND old.status <> 'ditutup';
    END;
    CREATE TABLE IF NOT EXISTS placement_tally (
        year INTEGER NOT NULL,
        kecamatan TEXT NOT NULL,
        country TEXT NOT NULL,
        sector TEXT NOT NULL,
        sex TEXT NOT NULL,
        archived INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (year, archived, kecamatan, sector, sex, country)
    ) WITHOUT ROWID;
    DELETE FROM placement_tally;
    INSERT INTO placement_tally (year, kecamatan, country, sector, sex, archived, n)
        SELECT departure_year, kecamatan, country, sector, sex, archived, count(*)
        FROM placement GROUP BY 1, 2, 3, 4, 5, 6;
    CREATE TRIGGER IF NOT EXISTS placement_tally_update
    AFTER UPDATE OF departure_year, kecamatan, country, sector, sex, archived ON placement
    WHEN old.departure_year IS NOT new.departure_year OR old.kecamatan IS NOT new.kecamatan
        OR old.country IS NOT new.country OR old.sector IS NOT new.sector
        OR old.sex IS NOT new.sex OR old.archived IS NOT new.archived
    BEGIN
        UPDATE placement_tally SET n = n - 1
        WHERE year = old.departure_year AND archived = old.archived
            AND kecamatan = old.kecamatan AND sector = old.sector AND sex = old.sex
            AND country = old.country;
        INSERT INTO placement_tally (year, kecamatan, country, sector, sex, archived, n)
        VALUES (new.departure_year, new.kecamatan, new.country, new.sector, new.sex,
                new.archived, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS placement_tally_delete AFTER DELETE ON placement BEGIN
        UPDATE placement_tally SET n = n - 1
        WHERE year = old.departure_year AND archived = old.archived
            AND kecamatan = old.kecamatan AND sector = old.sector AND sex = old.sex
            AND country = old.country;
    END;
    "#,
    // 10: the keys a case import knows a case already in the store by (SPEC §5): the same
    // NIK, category and report date, or, for a case without a NIK, the same name (trimmed of
    // spaces, any case), kecamatan, category and report date. One lookup per imported row,
    // never a scan. Not UNIQUE: a store may hold such repeats already (a file imported twice
    // before this release), and an upgrade never refuses a store for them. Archived cases are
    // in both (a re-import must not bring back a copy of an archived case); each case is in
    // exactly one of the two, so a new case costs one index entry more, not two.
    r#"
    CREATE INDEX IF NOT EXISTS pmi_case_same_nik
        ON pmi_case (nik, category, reported_on) WHERE nik IS NOT NULL;
    CREATE INDEX IF NOT EXISTS pmi_case_same_name
        ON pmi_case (lower(trim(name)), kecamatan, category, reported_on) WHERE nik IS NULL;
    "#,
    // 11: a training's type. IKU1 counts the participants of competency-based trainings (pbk)
    // and domestic apprenticeships (pemagangan) only; the entrepreneurship trainings
    // (kewirausahaan) are reported apart. Every training recorded before there were types
    // was a competency-based one: they become pbk. The year's counts read it beside the year
    // (training_year_type); the old index on the year alone gives way to it.
    r#"
    ALTER TABLE training ADD COLUMN training_type TEXT NOT NULL DEFAULT 'pbk'
        CHECK (training_type IN ('pbk','pemagangan','kewirausahaan','lainnya'));
    DROP INDEX IF EXISTS training_year;
    CREATE INDEX IF NOT EXISTS training_year_type ON training (year, archived, training_type);
    "#,
    // 12: a case's referrals to partner agencies (what was asked, sent on, the answer due in
    // working days and the answer) and the documents its category needs, each received or not
    // (SPEC §1, Kasus PMI). Both are versioned records of their own, so an answer recorded by
    // one officer and an edit of the case by another are both saved. One live row per case
    // and document. The worklist reads the unanswered referrals by due day.
    r#"
    CREATE TABLE IF NOT EXISTS referral (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES pmi_case(id),
        agency TEXT NOT NULL,
        asked TEXT NOT NULL DEFAULT '',
        sent_on TEXT NOT NULL,
        answer_days INTEGER NOT NULL CHECK (answer_days > 0),
        due_on TEXT NOT NULL,
        answer TEXT NOT NULL DEFAULT '',
        answered_on TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS referral_case ON referral (case_id, archived);
    CREATE INDEX IF NOT EXISTS referral_sent ON referral (sent_on, archived);
    CREATE INDEX IF NOT EXISTS referral_open_due ON referral (due_on)
        WHERE answered_on IS NULL AND archived = 0;
    CREATE TABLE IF NOT EXISTS case_document (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES pmi_case(id),
        document TEXT NOT NULL,
        received_on TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS case_document_once
        ON case_document (case_id, document) WHERE archived = 0;
    "#,
    // 13: a case's responsible officer and its planned return date. Every case had
    // the officer who recorded it (or imported it) as its officer: they keep that one. Pane 1
    // lists an officer's cases newest first (pmi_case_officer); the worklist's follow-ups are
    // the open cases by follow-up day with their officer, read from this index alone
    // (pmi_case_due).
    r#"
    ALTER TABLE pmi_case ADD COLUMN officer TEXT NOT NULL DEFAULT '';
    ALTER TABLE pmi_case ADD COLUMN planned_return TEXT;
    UPDATE pmi_case SET officer = created_by;
    CREATE INDEX IF NOT EXISTS pmi_case_officer ON pmi_case (officer, archived, id);
    CREATE INDEX IF NOT EXISTS pmi_case_due
        ON pmi_case (next_followup, officer, archived, status)
        WHERE archived = 0 AND status <> 'ditutup';
    "#,
    // 14: trainee_tally holds each training's participants (not archived) counted: all,
    // graduated, certified, employed (wage job or own business), own business, not employed,
    // employment unknown, and graduates whose employment is unknown (the follow-up list),
    // kept by triggers in the same transaction as the change. Pane 4's totals (the year's,
    // per scheme, per year, the follow-up count) and IKU1 read one row per training instead
    // of every participant: on a store of 100,000 participants its first visit took
    // 135-571 ms.
    r#"
    CREATE TABLE IF NOT EXISTS trainee_tally (
        training_id INTEGER PRIMARY KEY,
        participants INTEGER NOT NULL,
        graduated INTEGER NOT NULL,
        certified INTEGER NOT NULL,
        employed INTEGER NOT NULL,
        own_business INTEGER NOT NULL,
        not_employed INTEGER NOT NULL,
        unknown INTEGER NOT NULL,
        waiting INTEGER NOT NULL
    );
    DELETE FROM trainee_tally;
    INSERT INTO trainee_tally
        SELECT training_id, count(*), sum(graduated), sum(certified),
               sum(ifnull(employment IN ('bekerja', 'wirausaha'), 0)),
               sum(ifnull(employment = 'wirausaha', 0)),
               sum(ifnull(employment = 'tidak bekerja', 0)),
               sum(employment IS NULL), sum(graduated = 1 AND employment IS NULL)
        FROM trainee WHERE archived = 0 GROUP BY training_id;
    CREATE TRIGGER IF NOT EXISTS trainee_tally_insert AFTER INSERT ON trainee
    WHEN new.archived = 0 BEGIN
        INSERT INTO trainee_tally VALUES (new.training_id, 1, new.graduated, new.certified,
            ifnull(new.employment IN ('bekerja', 'wirausaha'), 0),
            ifnull(new.employment = 'wirausaha', 0),
            ifnull(new.employment = 'tidak bekerja', 0),
            new.employment IS NULL, new.graduated = 1 AND new.employment IS NULL)
        ON CONFLICT (training_id) DO UPDATE SET
            participants = participants + 1,
            graduated = graduated + excluded.graduated,
            certified = certified + excluded.certified,
            employed = employed + excluded.employed,
            own_business = own_business + excluded.own_business,
            not_employed = not_employed + excluded.not_employed,
            unknown = unknown + excluded.unknown,
            waiting = waiting + excluded.waiting;
    END;
    CREATE TRIGGER IF NOT EXISTS trainee_tally_update
    AFTER UPDATE OF training_id, graduated, certified, employment, archived ON trainee
    WHEN old.training_id IS NOT new.training_id OR old.graduated IS NOT new.graduated
        OR old.certified IS NOT new.certified OR old.employment IS NOT new.employment
        OR old.archived IS NOT new.archived
    BEGIN
        UPDATE trainee_tally SET
            participants = participants - 1,
            graduated = graduated - old.graduated,
            certified = certified - old.certified,
            employed = employed - ifnull(old.employment IN ('bekerja', 'wirausaha'), 0),
            own_business = own_business - ifnull(old.employment = 'wirausaha', 0),
            not_employed = not_employed - ifnull(old.employment = 'tidak bekerja', 0),
            unknown = unknown - (old.employment IS NULL),
            waiting = waiting - (old.graduated = 1 AND old.employment IS NULL)
        WHERE old.archived = 0 AND training_id = old.training_id;
        INSERT INTO trainee_tally SELECT new.training_id, 1, new.graduated, new.certified,
            ifnull(new.employment IN ('bekerja', 'wirausaha'), 0),
            ifnull(new.employment = 'wirausaha', 0),
            ifnull(new.employment = 'tidak bekerja', 0),
            new.employment IS NULL, new.graduated = 1 AND new.employment IS NULL
        WHERE new.archived = 0
        ON CONFLICT (training_id) DO UPDATE SET
            participants = participants + 1,
            graduated = graduated + excluded.graduated,
            certified = certified + excluded.certified,
            employed = employed + excluded.employed,
            own_business = own_business + excluded.own_business,
            not_employed = not_employed + excluded.not_employed,
            unknown = unknown + excluded.unknown,
            waiting = waiting + excluded.waiting;
    END;
    CREATE TRIGGER IF NOT EXISTS trainee_tally_delete AFTER DELETE ON trainee
    WHEN old.archived = 0 BEGIN
        UPDATE trainee_tally SET
            participants = participants - 1,
            graduated = graduated - old.graduated,
            certified = certified - old.certified,
            employed = employed - ifnull(old.employment IN ('bekerja', 'wirausaha'), 0),
            own_business = own_business - ifnull(old.employment = 'wirausaha', 0),
            not_employed = not_employed - ifnull(old.employment = 'tidak bekerja', 0),
            unknown = unknown - (old.employment IS NULL),
            waiting = waiting - (old.graduated = 1 AND old.employment IS NULL)
        WHERE training_id = old.training_id;
    END;
    "#,
    // 15: a case's notes as entries of their own, each with its day and the officer who wrote
    // it (issue 16). The one notes text a case had becomes its first note, dated the day the
    // case was reported and written by the officer who last changed it; the case keeps the
    // text too (an import may still bring it).
    r#"
    CREATE TABLE IF NOT EXISTS case_note (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES pmi_case(id),
        noted_on TEXT NOT NULL,
        text TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS case_note_case ON case_note (case_id, archived, noted_on);
    INSERT INTO case_note (case_id, noted_on, text, created_by, created_at, changed_by, changed_at)
        SELECT id, ifnull(reported_on, substr(created_at, 1, 10)), trim(notes),
               changed_by, changed_at, changed_by, changed_at
        FROM pmi_case
        WHERE trim(notes) <> ''
            AND NOT EXISTS (SELECT 1 FROM case_note n WHERE n.case_id = pmi_case.id);
    "#,
    // 16: job seeker registrations (pane 7, AK/1) and their six-monthly reports (issue 18).
    // One active registration per NIK is the store's rule (it depends on the validity dates,
    // which an index cannot say); the registration number is unique.
    r#"
    CREATE TABLE IF NOT EXISTS jobseeker (
        id INTEGER PRIMARY KEY,
        registration_no TEXT NOT NULL,
        nik TEXT NOT NULL CHECK (length(nik) = 16),
        name TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('L','P')),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        desa TEXT NOT NULL DEFAULT '',
        education TEXT NOT NULL
            CHECK (education IN ('SD','SMP','SMA','SMK','D1-D3','D4-S1','S2-S3')),
        field_of_study TEXT NOT NULL DEFAULT '',
        skills TEXT NOT NULL DEFAULT '',
        occupation_sought TEXT NOT NULL DEFAULT '',
        registered_on TEXT NOT NULL,
        valid_until TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif','ditempatkan','dicabut')),
        placement_id INTEGER,
        placement TEXT NOT NULL DEFAULT '',
        placed_on TEXT,
        revoke_reason TEXT NOT NULL DEFAULT '',
        revoked_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL,
        CHECK ((status = 'ditempatkan') = (placed_on IS NOT NULL)),
        CHECK ((status = 'dicabut') = (revoked_on IS NOT NULL))
    );
    CREATE UNIQUE INDEX IF NOT EXISTS jobseeker_number ON jobseeker (registration_no);
    CREATE INDEX IF NOT EXISTS jobseeker_nik ON jobseeker (nik, status);
    CREATE INDEX IF NOT EXISTS jobseeker_registered ON jobseeker (archived, registered_on);
    CREATE INDEX IF NOT EXISTS jobseeker_placement ON jobseeker (placement_id);
    CREATE TABLE IF NOT EXISTS jobseeker_report (
        id INTEGER PRIMARY KEY,
        jobseeker_id INTEGER NOT NULL REFERENCES jobseeker(id),
        reported_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS jobseeker_report_of
        ON jobseeker_report (jobseeker_id, archived, reported_on);
    "#,
    // 17: domestic placements (AKL / AKAD) and job fairs (issue 18). `kind` follows from the
    // employer's province and is kept for counting; `job_fair` names a job fair by its name.
    r#"
    CREATE TABLE IF NOT EXISTS job_fair (
        id INTEGER PRIMARY KEY,
        fair_name TEXT NOT NULL,
        held_on TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        companies INTEGER, vacancies INTEGER, visitors INTEGER,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS job_fair_held ON job_fair (archived, held_on);
    CREATE TABLE IF NOT EXISTS domestic_placement (
        id INTEGER PRIMARY KEY,
        nik TEXT NOT NULL,
        name TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('L','P')),
        kecamatan TEXT NOT NULL REFERENCES kecamatan(name),
        employer TEXT NOT NULL,
        employer_kabupaten TEXT NOT NULL,
        employer_province TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('AKL','AKAD')),
        occupation TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '',
        placed_on TEXT NOT NULL,
        how TEXT NOT NULL CHECK (how IN
            ('job_fair','karirhub','front_desk','training_institution','other')),
        job_fair TEXT NOT NULL DEFAULT '',
        registration_no TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS domestic_placed ON domestic_placement (archived, placed_on);
    CREATE INDEX IF NOT EXISTS domestic_nik ON domestic_placement (nik, placed_on);
    CREATE INDEX IF NOT EXISTS domestic_fair ON domestic_placement (job_fair COLLATE NOCASE);
    "#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub fn apply(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: LATEST,
        });
    }
    if current == LATEST {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another officer may have migrated meanwhile.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
    }
    tx.commit()?;
    Ok(())
}
