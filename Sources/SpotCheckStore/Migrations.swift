import GRDB

extension Store {
    /// The schema, as a sequence of migrations. Never edit a migration that has shipped;
    /// add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: sheets, customers, draws") { db in
            try db.execute(sql: """
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
            try db.execute(sql: SheetData.poolIndexSQL)
            try db.execute(sql: """
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
            try db.execute(sql: """
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
        return m
    }
}
