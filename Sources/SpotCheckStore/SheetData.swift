import GRDB
import GRDBSQLite
import SpotCheckCore

/// The context fields of a sheet row: who the customer is and what happened.
///
/// Stored packed in one column (``packed``): they are only ever read back whole, for the
/// customers on a list, and one column instead of fifteen halves the cost of a large import.
public struct RecordFields: Sendable, Equatable {
    public var buyerID: String?
    public var phone: String?
    public var name: String?
    public var orderNo: String?
    public var product: String?
    public var purchaseAt: String?
    public var situation: String?
    public var handler: String?
    public var handledAt: String?
    public var reviewLevel: String?
    public var refundStatus: String?
    public var courier: String?
    public var trackingNo: String?
    public var spent: String?
    public var lastPurchase: String?
    /// Further numbers of the phone cell (备用号码), joined by `、`.
    public var alternatePhones: String?
    /// The seller centre the sheet was exported from (a `Platform` raw value).
    public var platform: String?

    public init(
        buyerID: String? = nil, phone: String? = nil, name: String? = nil, orderNo: String? = nil,
        product: String? = nil,
        purchaseAt: String? = nil, situation: String? = nil, handler: String? = nil, handledAt: String? = nil,
        reviewLevel: String? = nil, refundStatus: String? = nil, courier: String? = nil, trackingNo: String? = nil,
        spent: String? = nil, lastPurchase: String? = nil, alternatePhones: String? = nil, platform: String? = nil
    ) {
        self.alternatePhones = alternatePhones
        self.platform = platform
        self.buyerID = buyerID
        self.phone = phone
        self.name = name
        self.orderNo = orderNo
        self.product = product
        self.purchaseAt = purchaseAt
        self.situation = situation
        self.handler = handler
        self.handledAt = handledAt
        self.reviewLevel = reviewLevel
        self.refundStatus = refundStatus
        self.courier = courier
        self.trackingNo = trackingNo
        self.spent = spent
        self.lastPurchase = lastPurchase
    }

    /// How the record's customer can be reached (``ContactRoute``).
    public var contactRoute: ContactRoute {
        // The stored phone is normalized: digits (and `-extension`), or masked with `*`.
        let full = phone.map(PhoneNumber.init(stored:))
        return ContactRoute.of(
            phone: full, orderNo: orderNo, platform: platform.flatMap(Platform.init(rawValue:)), buyerID: buyerID)
    }

    /// The column names the fields had, in packing order (for tools and tests).
    public static let names = [
        "buyer_id", "phone", "name", "order_no", "product", "purchase_at", "situation", "handler", "handled_at",
        "review_level", "refund_status", "courier", "tracking_no", "spent", "last_purchase", "alternate_phones",
        "platform",
    ]

    /// The fields in packing order.
    public var all: [String?] {
        [
            buyerID, phone, name, orderNo, product, purchaseAt, situation, handler, handledAt, reviewLevel,
            refundStatus, courier,
            trackingNo, spent, lastPurchase, alternatePhones, platform,
        ]
    }

    /// The fields joined by the unit separator (U+001F); a missing field is empty. A unit
    /// separator inside a field (never typed in a sheet) becomes a space. The alternates and
    /// the platform follow only when there are any, so records of hand-made sheets pack (and
    /// fingerprint) as they always did.
    public var packed: String {
        let base = packedBase
        guard alternatePhones != nil || platform != nil else { return base }
        func clean(_ s: String?) -> String { String((s ?? "").map { $0 == "\u{1F}" ? " " : $0 }) }
        return base + "\u{1F}" + clean(alternatePhones) + "\u{1F}" + clean(platform)
    }

    private var packedBase: String {
        let parts = (
            buyerID, phone, name, orderNo, product, purchaseAt, situation, handler, handledAt, reviewLevel,
            refundStatus,
            courier, trackingNo, spent, lastPurchase
        )
        var total = 14
        total += parts.0?.utf8.count ?? 0; total += parts.1?.utf8.count ?? 0; total += parts.2?.utf8.count ?? 0
        total += parts.3?.utf8.count ?? 0; total += parts.4?.utf8.count ?? 0; total += parts.5?.utf8.count ?? 0
        total += parts.6?.utf8.count ?? 0; total += parts.7?.utf8.count ?? 0; total += parts.8?.utf8.count ?? 0
        total += parts.9?.utf8.count ?? 0; total += parts.10?.utf8.count ?? 0; total += parts.11?.utf8.count ?? 0
        total += parts.12?.utf8.count ?? 0; total += parts.13?.utf8.count ?? 0; total += parts.14?.utf8.count ?? 0
        return String(unsafeUninitializedCapacity: total) { buf in
            var at = 0
            func put(_ f: String?, last: Bool = false) {
                if var f {
                    f.withUTF8 { src in
                        for b in src {
                            buf[at] = b == 0x1F ? 0x20 : b
                            at += 1
                        }
                    }
                }
                if !last { buf[at] = 0x1F; at += 1 }
            }
            put(parts.0); put(parts.1); put(parts.2); put(parts.3); put(parts.4); put(parts.5); put(parts.6);
            put(parts.7)
            put(parts.8); put(parts.9); put(parts.10); put(parts.11); put(parts.12); put(parts.13);
            put(parts.14, last: true)
            return at
        }
    }

    /// Unpacks ``packed``.
    public init(packed: String) {
        var parts = packed.split(separator: "\u{1F}", omittingEmptySubsequences: false).map {
            $0.isEmpty ? nil : String($0)
        }
        if parts.count < 17 { parts += Array(repeating: nil, count: 17 - parts.count) }
        self.init(
            buyerID: parts[0], phone: parts[1], name: parts[2], orderNo: parts[3], product: parts[4],
            purchaseAt: parts[5],
            situation: parts[6], handler: parts[7], handledAt: parts[8], reviewLevel: parts[9], refundStatus: parts[10],
            courier: parts[11], trackingNo: parts[12], spent: parts[13], lastPurchase: parts[14],
            alternatePhones: parts[15],
            platform: parts[16])
    }
}

/// One sheet row to store.
public struct NewRecord: Sendable {
    public var kind: SourceKind
    public var customer: Int
    public var fingerprint: Int64
    public var eventDay: Day?
    public var vipMonth: YearMonth?
    public var sourceRow: Int
    /// ``RecordFields/packed``.
    public var packedFields: String
    /// How the record's customer can be reached.
    public var route: ContactRoute

    public init(
        kind: SourceKind, customer: Int = 0, fingerprint: Int64 = 0, eventDay: Day? = nil, vipMonth: YearMonth? = nil,
        sourceRow: Int, fields: RecordFields
    ) {
        self.kind = kind
        self.customer = customer
        self.fingerprint = fingerprint
        self.eventDay = eventDay
        self.vipMonth = vipMonth
        self.sourceRow = sourceRow
        packedFields = fields.packed
        route = fields.contactRoute
    }
}

/// Sheet rows, customers and their identity keys: the queries of import and draw.
public enum SheetData {
    /// Every identity key and its customer.
    public static func identityKeys(_ db: Database) throws -> [String: Int] {
        var map: [String: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT key, customer_id FROM customer_keys")
        while let row = try rows.next() { map[row[0]] = row[1] }
        return map
    }

    /// The next free customer number.
    public static func nextCustomer(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'next_customer'") ?? 1
    }

    /// Stores the next free customer number.
    public static func setNextCustomer(_ n: Int, _ db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO meta(key, value) VALUES ('next_customer', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [String(n)])
    }

    /// Fingerprints of the rows already stored for a kind.
    public static func fingerprints(kind: SourceKind, _ db: Database) throws -> Set<Int64> {
        var set = Set<Int64>()
        let rows = try Int64.fetchCursor(
            db, sql: "SELECT fingerprint FROM records WHERE kind = ?", arguments: [kind.code])
        while let f = try rows.next() { set.insert(f) }
        return set
    }

    /// Appends identity keys seen for the first time, bound from a reused buffer.
    public final class KeyWriter {
        private let statement: Statement
        private let db: Database
        private var scratch: [UInt8] = []

        public init(_ db: Database) throws {
            self.db = db
            statement = try db.makeStatement(sql: "INSERT INTO customer_keys(key, customer_id) VALUES (?, ?)")
            scratch.reserveCapacity(256)
        }

        /// Writes the new keys of one record.
        public func write(_ keys: KeyPair, customer: Int) throws {
            if let b = keys.buyer { try write(prefix: 0x62, b, customer) }
            if let p = keys.phone { try write(prefix: 0x70, p, customer) }
            for p in keys.more { try write(prefix: 0x70, p, customer) }
            if let o = keys.order { try write(prefix: 0x6F, o, customer) }
        }

        private func write(prefix: UInt8, _ value: String, _ customer: Int) throws {
            let s = statement.sqliteStatement
            sqlite3_reset(s)
            scratch.removeAll(keepingCapacity: true)
            scratch.append(prefix)
            scratch.append(0x3A)  // ":"
            scratch.append(contentsOf: value.utf8)
            try scratch.withUnsafeBufferPointer { buf in
                sqlite3_bind_text(
                    s, 1, UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buf.count), nil)
                sqlite3_bind_int64(s, 2, Int64(customer))
                try stepDone(s, db)
            }
        }
    }

    /// Rewrites every reference to merged customers: merged number → surviving number.
    public static func applyMerges(_ merges: [Int: Int], _ db: Database) throws {
        guard !merges.isEmpty else { return }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS merge_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
        try db.execute(sql: "DELETE FROM merge_map")
        let insert = try db.makeStatement(sql: "INSERT INTO merge_map(old, new) VALUES (?, ?)")
        for (old, new) in merges { try insert.execute(arguments: [old, new]) }
        for table in ["records", "customer_keys", "draw_items", "orders"] {
            try db.execute(
                sql: """
                    UPDATE \(table) SET customer_id = (SELECT new FROM merge_map WHERE old = \(table).customer_id)
                    WHERE customer_id IN (SELECT old FROM merge_map)
                    """)
        }
        try db.execute(sql: "DELETE FROM merge_map")
    }

    /// A prepared insert of sheet rows, bound through SQLite's C API: the import's hot path,
    /// where GRDB's argument arrays cost more than the insert itself.
    public final class Inserter {
        private let statement: Statement
        private let db: Database
        private let importID: Int64

        public init(importID: Int64, _ db: Database) throws {
            self.importID = importID
            self.db = db
            statement = try db.makeStatement(
                sql: """
                    INSERT INTO records(import_id, kind, customer_id, fingerprint, event_day, vip_month, source_row, fields, route)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
        }

        /// Inserts one row.
        public func insert(_ r: NewRecord) throws {
            let s = statement.sqliteStatement
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, importID)
            sqlite3_bind_int64(s, 2, Int64(r.kind.code))
            sqlite3_bind_int64(s, 3, Int64(r.customer))
            sqlite3_bind_int64(s, 4, r.fingerprint)
            if let d = r.eventDay { sqlite3_bind_int64(s, 5, Int64(d.ordinal)) } else { sqlite3_bind_null(s, 5) }
            bindText(s, 6, r.vipMonth?.description)
            sqlite3_bind_int64(s, 7, Int64(r.sourceRow))
            bindText(s, 8, r.packedFields)
            sqlite3_bind_int64(s, 9, Int64(r.route.rawValue))
            try stepDone(s, db)
        }
    }

    /// The index the month's pool is read through: it covers the pool query, so a draw reads
    /// the narrow index and never the wide rows. The v1 migration creates it from this text:
    /// never change it; add a migration instead.
    static let poolIndexSQL =
        "CREATE INDEX IF NOT EXISTS records_pool ON records(event_day, customer_id, kind, fingerprint, route)"

    /// Drops the pool index before a bulk load that adds many rows: building it once
    /// afterwards (``restorePoolIndex(_:)``, in the same transaction) costs less than
    /// maintaining it row by row.
    public static func suspendPoolIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX IF EXISTS records_pool")
    }

    /// Builds the pool index again: SQLite sorts the entries with a helper thread and a
    /// small page cache (measured faster here than a large one).
    public static func restorePoolIndex(_ db: Database) throws {
        try db.execute(sql: "PRAGMA threads = 2; PRAGMA cache_size = -2000")
        try db.execute(sql: poolIndexSQL)
        try db.execute(sql: "PRAGMA threads = 0; PRAGMA cache_size = -65536")
    }

    /// Removes the imports of a kind, file name and VIP month, with their records (a derived VIP
    /// list being replaced); returns how many records went.
    public static func removeImports(
        kind: SourceKind, fileName: String, vipMonth: YearMonth, _ db: Database
    ) throws -> Int {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM imports WHERE kind = ? AND file_name = ? AND vip_month = ?",
            arguments: [kind.rawValue, fileName, vipMonth.description])
        var removed = 0
        for id in ids {
            try db.execute(sql: "DELETE FROM records WHERE import_id = ?", arguments: [id])
            removed += db.changesCount
            try db.execute(sql: "DELETE FROM imports WHERE id = ?", arguments: [id])
        }
        return removed
    }

    /// Number of sheet rows stored.
    public static func recordCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT max(id) FROM records") ?? 0
    }

    /// The pool rows of a month: every record dated in the window, plus the VIP lists of the month.
    public static func poolRows(
        window: ClosedRange<Day>, month: YearMonth, _ db: Database
    ) throws
        -> [(customer: Int, kind: Int, fingerprint: Int64, route: ContactRoute)]
    {
        var out: [(Int, Int, Int64, ContactRoute)] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT customer_id, kind, fingerprint, route FROM records WHERE event_day BETWEEN ? AND ?
                UNION ALL
                SELECT customer_id, kind, fingerprint, route FROM records WHERE vip_month = ?
                """, arguments: [window.lowerBound.ordinal, window.upperBound.ordinal, month.description])
        while let row = try rows.next() {
            out.append((row[0], row[1], row[2], ContactRoute(rawValue: row[3]) ?? .none))
        }
        return out
    }

    /// Records, in import order, of the customers on a draw, in that draw's month pool.
    public static func records(
        draw: Int64, window: ClosedRange<Day>, month: YearMonth, _ db: Database
    ) throws -> [SheetRecord] {
        try SheetRecord.fetchAll(
            db,
            sql: """
                SELECT r.* FROM records r
                WHERE r.customer_id IN (SELECT customer_id FROM draw_items WHERE draw_id = ?)
                  AND ((r.event_day BETWEEN ? AND ?) OR r.vip_month = ?)
                ORDER BY r.id
                """, arguments: [draw, window.lowerBound.ordinal, window.upperBound.ordinal, month.description])
    }

    /// The customers of the current draws of `months`, main lists and reserves (``History``
    /// decides who counts as spot-checked).
    public static func drawnCustomers(months: ClosedRange<YearMonth>, _ db: Database) throws -> [History.DrawnCustomer]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT i.customer_id, i.is_reserve, i.in_play FROM draw_items i JOIN draws d ON d.id = i.draw_id
                WHERE d.superseded_at IS NULL AND d.month BETWEEN ? AND ?
                """, arguments: [months.lowerBound.description, months.upperBound.description]
        ).map {
            History.DrawnCustomer(customer: $0[0], isReserve: $0[1], inPlay: $0[2])
        }
    }
}
