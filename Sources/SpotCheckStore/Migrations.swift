import GRDB

extension Store {
    /// The schema, as a sequence of migrations. Never edit a migration that has shipped;
    /// add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: sheets, customers, draws") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    -- One row per imported file (or per import of it).
                    CREATE TABLE imports (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        file_name TEXT NOT NULL,
                        file_size INTEGER NOT NULL,
                        sheet TEXT,
                        encoding TEXT,
                        vip_month TEXT,
                        imported_at TEXT NOT NULL,
                        rows_read INTEGER NOT NULL,
                        rows_new INTEGER NOT NULL,
                        rows_known INTEGER NOT NULL,
                        rows_rejected INTEGER NOT NULL
                    );
                    -- Identity keys (b: buyer ID, p: phone, o: order number) and their customer.
                    -- Imports load the whole map into memory and append new keys (each key is
                    -- written once), so the table needs no index: appends stay cheap at any size.
                    CREATE TABLE customer_keys (
                        key TEXT NOT NULL,
                        customer_id INTEGER NOT NULL
                    );
                    -- One row per sheet row: the customer's context for the month.
                    CREATE TABLE records (
                        id INTEGER PRIMARY KEY,
                        import_id INTEGER NOT NULL REFERENCES imports(id),
                        kind INTEGER NOT NULL,
                        customer_id INTEGER NOT NULL,
                        fingerprint INTEGER NOT NULL,
                        event_day INTEGER,
                        vip_month TEXT,
                        source_row INTEGER NOT NULL,
                        -- buyer ID, phone, name, order, product, purchase date, situation, handler,
                        -- handled date, review rating, refund status, courier, tracking number,
                        -- spent, last purchase: joined by U+001F (see RecordFields in SpotCheckStore)
                        fields TEXT NOT NULL
                    );
                    """)
            try db.execute(
                sql: "CREATE INDEX IF NOT EXISTS records_pool ON records(event_day, customer_id, kind, fingerprint)")
            try db.execute(
                sql: """
                    CREATE INDEX records_vip_month ON records(vip_month) WHERE vip_month IS NOT NULL;
                    -- Every draw of a month; a redraw supersedes the earlier one, which stays on record.
                    CREATE TABLE draws (
                        id INTEGER PRIMARY KEY,
                        month TEXT NOT NULL,
                        seed INTEGER NOT NULL,
                        size INTEGER NOT NULL,
                        minimum INTEGER NOT NULL,
                        reserve_ratio REAL NOT NULL,
                        reserve_count INTEGER NOT NULL,
                        lookback_months INTEGER NOT NULL,
                        cutoff_day INTEGER NOT NULL,
                        deadline_day INTEGER NOT NULL,
                        drawn_at TEXT NOT NULL,
                        drawn_by TEXT NOT NULL,
                        today TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        superseded_at TEXT,
                        superseded_by INTEGER REFERENCES draws(id)
                    );
                    CREATE UNIQUE INDEX draws_current ON draws(month) WHERE superseded_at IS NULL;
                    CREATE TABLE draw_items (
                        draw_id INTEGER NOT NULL REFERENCES draws(id),
                        item_no INTEGER NOT NULL,
                        customer_id INTEGER NOT NULL,
                        is_reserve INTEGER NOT NULL,
                        stratum TEXT NOT NULL,
                        sources INTEGER NOT NULL,
                        PRIMARY KEY (draw_id, item_no)
                    ) WITHOUT ROWID;
                    CREATE INDEX draw_items_customer ON draw_items(customer_id);
                    """)
        }
        m.registerMigration("v2: call attempts and cases") { db in
            try db.execute(
                sql: """
                    -- One row per call attempt on a list row (item_no is the row's 序号).
                    CREATE TABLE call_attempts (
                        id INTEGER PRIMARY KEY,
                        draw_id INTEGER NOT NULL REFERENCES draws(id),
                        item_no INTEGER NOT NULL,
                        attempt_at TEXT NOT NULL,
                        result TEXT NOT NULL,
                        caller TEXT,
                        source TEXT NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX call_attempts_once ON call_attempts(draw_id, item_no, attempt_at, result);
                    -- What was recorded about each case, and its status as the rules see it
                    -- (status is derived: recomputed after every change).
                    CREATE TABLE call_cases (
                        draw_id INTEGER NOT NULL REFERENCES draws(id),
                        item_no INTEGER NOT NULL,
                        score INTEGER,
                        praise TEXT,
                        note TEXT,
                        complaint TEXT,
                        replied_at TEXT,
                        im_left INTEGER NOT NULL DEFAULT 0,
                        caller TEXT,
                        status TEXT NOT NULL DEFAULT 'open',
                        updated_at TEXT NOT NULL,
                        PRIMARY KEY (draw_id, item_no)
                    ) WITHOUT ROWID;
                    -- Reserves brought into play by cases that ended uncounted (derived).
                    ALTER TABLE draw_items ADD COLUMN in_play INTEGER NOT NULL DEFAULT 0;
                    """)
        }
        m.registerMigration("v3: transcripts, findings, audit sample and scores") { db in
            try db.execute(
                sql: """
                    CREATE TABLE qa_imports (
                        id INTEGER PRIMARY KEY,
                        file_name TEXT NOT NULL,
                        imported_at TEXT NOT NULL,
                        transcripts_new INTEGER NOT NULL,
                        transcripts_known INTEGER NOT NULL,
                        utterances INTEGER NOT NULL
                    );
                    -- A chat session or a call. Times are milliseconds since 1970-01-01 00:00 local.
                    CREATE TABLE transcripts (
                        id INTEGER PRIMARY KEY,
                        import_id INTEGER NOT NULL REFERENCES qa_imports(id),
                        external_id TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        agent TEXT NOT NULL,
                        customer TEXT,
                        started_ms INTEGER NOT NULL,
                        period TEXT NOT NULL,
                        utterance_count INTEGER NOT NULL,
                        fingerprint INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX transcripts_external ON transcripts(channel, external_id);
                    CREATE INDEX transcripts_period ON transcripts(period, agent);
                    CREATE TABLE utterances (
                        transcript_id INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        speaker TEXT NOT NULL,
                        start_ms INTEGER NOT NULL,
                        end_ms INTEGER,
                        text TEXT NOT NULL,
                        PRIMARY KEY (transcript_id, seq)
                    ) WITHOUT ROWID;
                    -- The automatic checks' findings (replaced whole by each check of a period).
                    CREATE TABLE findings (
                        id INTEGER PRIMARY KEY,
                        transcript_id INTEGER NOT NULL,
                        rule TEXT NOT NULL,
                        seq INTEGER,
                        at_ms INTEGER NOT NULL,
                        matched TEXT NOT NULL,
                        excerpt TEXT NOT NULL,
                        gap_ms INTEGER,
                        pattern TEXT,
                        category TEXT,
                        severity INTEGER,
                        span_start INTEGER,
                        span_end INTEGER
                    );
                    CREATE INDEX findings_transcript ON findings(transcript_id);
                    CREATE TABLE qa_checks (
                        period TEXT PRIMARY KEY,
                        checked_at TEXT NOT NULL,
                        transcripts INTEGER NOT NULL,
                        findings INTEGER NOT NULL
                    );
                    -- The audit sample: every draw, and each transcript drawn (once, ever).
                    CREATE TABLE qa_draws (
                        id INTEGER PRIMARY KEY,
                        period TEXT NOT NULL,
                        seed INTEGER NOT NULL,
                        rate REAL NOT NULL,
                        drawn_at TEXT NOT NULL,
                        drawn_by TEXT NOT NULL,
                        drawn INTEGER NOT NULL
                    );
                    CREATE TABLE qa_items (
                        transcript_id INTEGER PRIMARY KEY,
                        draw_id INTEGER NOT NULL REFERENCES qa_draws(id)
                    );
                    -- The auditors' scorecards.
                    CREATE TABLE audits (
                        transcript_id INTEGER PRIMARY KEY,
                        auditor TEXT,
                        comment TEXT,
                        scored_at TEXT NOT NULL
                    );
                    CREATE TABLE audit_scores (
                        transcript_id INTEGER NOT NULL,
                        item TEXT NOT NULL,
                        score INTEGER NOT NULL,
                        PRIMARY KEY (transcript_id, item)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v4: workspace identity") { db in
            // A random id that every exported workbook carries, hidden, so a workbook from
            // another workspace is refused on import.
            try db.execute(
                sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('workspace_id', lower(hex(randomblob(16))))")
        }
        m.registerMigration("v5: workbook copies and the provenance of recorded values") { db in
            try db.execute(
                sql: """
                    -- Every workbook exported for people to fill (call lists, audit workbooks). Its
                    -- token is carried, hidden, by the file; seq is the change sequence at export,
                    -- so an import knows which recorded values the copy showed.
                    CREATE TABLE workbook_copies (
                        token TEXT PRIMARY KEY,
                        kind TEXT NOT NULL,
                        draw_id INTEGER,
                        period TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        exported_at TEXT NOT NULL
                    );
                    -- Each change a command makes takes the next number of the sequence; a value
                    -- records the number of its change and the workbook copy that made it (NULL:
                    -- recorded with `spotcheck call`).
                    INSERT OR IGNORE INTO meta(key, value) VALUES ('change_seq', '0');
                    ALTER TABLE call_attempts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE call_attempts ADD COLUMN copy TEXT;
                    ALTER TABLE call_cases ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE call_cases ADD COLUMN copy TEXT;
                    ALTER TABLE audits ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE audits ADD COLUMN copy TEXT;
                    """)
        }
        m.registerMigration("v6: each record's contact route") { db in
            // 0 手机, 1 平台隐私号, 2 旺旺, 3 none (ContactRoute); computed for the records
            // already stored from their fields, as the import computes it for new ones.
            try db.execute(sql: "ALTER TABLE records ADD COLUMN route INTEGER NOT NULL DEFAULT 0")
            let rows = try Row.fetchAll(db, sql: "SELECT id, fields FROM records")
            let update = try db.makeStatement(sql: "UPDATE records SET route = ? WHERE id = ?")
            for row in rows {
                let f = RecordFields(packed: row[1])
                let route = f.contactRoute
                if route != .phone { try update.execute(arguments: [route.rawValue, row[0] as Int64]) }
            }
            try db.execute(sql: "DROP INDEX IF EXISTS records_pool")
            try db.execute(sql: SheetData.poolIndexSQL)
        }
        m.registerMigration("v7: the platforms' order exports, a lookup of who bought what") { db in
            // One row per order row of an order export: not a sampling source, but the buyer
            // ID, name and phone that other sheets' order numbers lead to, and the purchases
            // the VIP list is derived from (seed 003).
            try db.execute(
                sql: """
                    CREATE TABLE orders (
                        id INTEGER PRIMARY KEY,
                        import_id INTEGER NOT NULL REFERENCES imports(id),
                        customer_id INTEGER NOT NULL,
                        fingerprint INTEGER NOT NULL,
                        source_row INTEGER NOT NULL,
                        -- the day paid (or ordered) as a day ordinal; NULL when the export has none
                        paid_day INTEGER,
                        -- what the buyer paid, in fen; NULL when the export has no amount
                        amount_fen INTEGER,
                        -- 1 when the order is a purchase: dated and neither closed nor cancelled
                        purchase INTEGER NOT NULL,
                        -- ContactRoute of the order's own fields
                        route INTEGER NOT NULL,
                        -- packed RecordFields (see SpotCheckStore)
                        fields TEXT NOT NULL
                    );
                    CREATE INDEX orders_customer ON orders(customer_id, route);
                    """)
        }
        m.registerMigration("v8: a month handed in to the sales manager") { db in
            // Each time a month's list and report went to the sales manager (the latest counts).
            try db.execute(
                sql: """
                    CREATE TABLE submissions (
                        id INTEGER PRIMARY KEY,
                        month TEXT NOT NULL,
                        draw_id INTEGER NOT NULL REFERENCES draws(id),
                        submitted_at TEXT NOT NULL,
                        submitted_by TEXT NOT NULL,
                        -- days after the deadline (0: on time)
                        days_late INTEGER NOT NULL
                    );
                    CREATE INDEX submissions_month ON submissions(month);
                    """)
        }
        m.registerMigration("v9: the web workbench's people, sessions, assignments and audit log") { db in
            try db.execute(
                sql: """
                    -- The people who sign in to the workbench; passwords only as argon2id hashes.
                    CREATE TABLE users (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL,
                        password_hash TEXT NOT NULL,
                        disabled INTEGER NOT NULL DEFAULT 0,
                        created_at TEXT NOT NULL
                    );
                    -- Failed sign-ins by name (known or not), to slow guessing.
                    CREATE TABLE login_failures (
                        name TEXT PRIMARY KEY,
                        failures INTEGER NOT NULL,
                        last_at REAL NOT NULL
                    );
                    -- Server-side sessions: the cookie holds only the random id.
                    CREATE TABLE web_sessions (
                        id TEXT PRIMARY KEY,
                        value BLOB NOT NULL,
                        expires_at REAL
                    );
                    -- Which caller calls which case of a draw.
                    CREATE TABLE case_assignments (
                        draw_id INTEGER NOT NULL REFERENCES draws(id),
                        item INTEGER NOT NULL,
                        caller TEXT NOT NULL,
                        assigned_at TEXT NOT NULL,
                        assigned_by TEXT NOT NULL,
                        PRIMARY KEY (draw_id, item)
                    );
                    -- Who imported, drew, recorded, scored and submitted what, and when.
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        via TEXT NOT NULL,
                        action TEXT NOT NULL,
                        month TEXT,
                        detail TEXT NOT NULL
                    );
                    """)
        }
        m.registerMigration("v10: identity keys in blocks") { db in
            try db.execute(
                sql: """
                    -- Identity keys, a blob of many keys a row (see KeyBlock in SpotCheckStore).
                    CREATE TABLE customer_key_blocks (
                        id INTEGER PRIMARY KEY,
                        keys BLOB NOT NULL
                    );
                    -- Customers merged into another one: merged number → surviving number (flat).
                    CREATE TABLE customer_merges (
                        old INTEGER PRIMARY KEY,
                        new INTEGER NOT NULL
                    );
                    """)
            try SheetData.moveKeysIntoBlocks(db)
            try db.execute(sql: "DROP TABLE customer_keys")
        }
        m.registerMigration("v11: the month's pool in blocks") { db in
            try db.execute(
                sql: """
                    -- For each import and day, its records' customer, kind, fingerprint, route and id,
                    -- sorted, in a blob (see PoolBlock in SpotCheckStore): what the draw reads.
                    CREATE TABLE pool_blocks (
                        id INTEGER PRIMARY KEY,
                        import_id INTEGER NOT NULL REFERENCES imports(id),
                        day INTEGER NOT NULL,
                        entries BLOB NOT NULL
                    );
                    CREATE INDEX pool_blocks_day ON pool_blocks(day);
                    """)
            try SheetData.buildPoolBlocks(db)
            try db.execute(sql: "DROP INDEX IF EXISTS records_pool")
        }
        // An index breaks no foreign key: no check of the whole database after it (GRDB's deferred checks read it all).
        m.registerMigration("v12: the undated records' fingerprints", foreignKeyChecks: .immediate) { db in
            // An import refuses the rows already stored by their fingerprints: those of the dated records are
            // in the pool blocks; this partial index holds the others' (VIP lists, rows without a date), so that
            // no import reads the whole records table for them.
            try db.execute(sql: SheetData.undatedIndexSQL)
        }
        return m
    }
}
