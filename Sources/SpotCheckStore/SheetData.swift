import GRDB
import SpotCheckCore

/// The fields of one sheet row to store.
public struct NewRecord: Sendable {
    public var kind: SourceKind
    public var customer: Int
    public var fingerprint: Int64
    public var eventDay: Day?
    public var vipMonth: YearMonth?
    public var sourceRow: Int
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

    public init(kind: SourceKind, customer: Int = 0, fingerprint: Int64 = 0, eventDay: Day? = nil, vipMonth: YearMonth? = nil,
                sourceRow: Int, buyerID: String? = nil, phone: String? = nil, name: String? = nil, orderNo: String? = nil,
                product: String? = nil, purchaseAt: String? = nil, situation: String? = nil, handler: String? = nil,
                handledAt: String? = nil, reviewLevel: String? = nil, refundStatus: String? = nil, courier: String? = nil,
                trackingNo: String? = nil, spent: String? = nil, lastPurchase: String? = nil) {
        self.kind = kind
        self.customer = customer
        self.fingerprint = fingerprint
        self.eventDay = eventDay
        self.vipMonth = vipMonth
        self.sourceRow = sourceRow
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
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('next_customer', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [String(n)])
    }

    /// Fingerprints of the rows already stored for a kind.
    public static func fingerprints(kind: SourceKind, _ db: Database) throws -> Set<Int64> {
        var set = Set<Int64>()
        let rows = try Int64.fetchCursor(db, sql: "SELECT fingerprint FROM records WHERE kind = ?", arguments: [kind.code])
        while let f = try rows.next() { set.insert(f) }
        return set
    }

    /// Writes identity keys (new ones, and ones whose customer changed).
    public static func saveKeys(_ keys: [(key: String, customer: Int)], _ db: Database) throws {
        let statement = try db.makeStatement(sql: "INSERT INTO customer_keys(key, customer_id) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET customer_id = excluded.customer_id")
        for (key, customer) in keys { try statement.execute(arguments: [key, customer]) }
    }

    /// Rewrites every reference to merged customers: merged number → surviving number.
    public static func applyMerges(_ merges: [Int: Int], _ db: Database) throws {
        guard !merges.isEmpty else { return }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS merge_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
        try db.execute(sql: "DELETE FROM merge_map")
        let insert = try db.makeStatement(sql: "INSERT INTO merge_map(old, new) VALUES (?, ?)")
        for (old, new) in merges { try insert.execute(arguments: [old, new]) }
        for table in ["records", "customer_keys", "draw_items"] {
            try db.execute(sql: """
                UPDATE \(table) SET customer_id = (SELECT new FROM merge_map WHERE old = \(table).customer_id)
                WHERE customer_id IN (SELECT old FROM merge_map)
                """)
        }
        try db.execute(sql: "DELETE FROM merge_map")
    }

    /// A prepared insert of sheet rows, bound column by column (the import's hot path).
    public final class Inserter {
        private let statement: Statement
        private let importID: Int64

        public init(importID: Int64, _ db: Database) throws {
            self.importID = importID
            statement = try db.makeStatement(sql: """
                INSERT INTO records(import_id, kind, customer_id, fingerprint, event_day, vip_month, source_row, buyer_id,
                    phone, name, order_no, product, purchase_at, situation, handler, handled_at, review_level, refund_status,
                    courier, tracking_no, spent, last_purchase)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// Inserts one row.
        public func insert(_ r: NewRecord) throws {
            statement.setUncheckedArguments([
                importID, r.kind.code, r.customer, r.fingerprint, r.eventDay?.ordinal, r.vipMonth?.description, r.sourceRow,
                r.buyerID, r.phone, r.name, r.orderNo, r.product, r.purchaseAt, r.situation, r.handler, r.handledAt,
                r.reviewLevel, r.refundStatus, r.courier, r.trackingNo, r.spent, r.lastPurchase,
            ])
            try statement.execute()
        }
    }

    /// The pool rows of a month: every record dated in the window, plus the VIP lists of the month.
    public static func poolRows(window: ClosedRange<Day>, month: YearMonth, _ db: Database) throws -> [(customer: Int, kind: Int, fingerprint: Int64)] {
        var out: [(Int, Int, Int64)] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT customer_id, kind, fingerprint FROM records WHERE event_day BETWEEN ? AND ?
            UNION ALL
            SELECT customer_id, kind, fingerprint FROM records WHERE vip_month = ?
            """, arguments: [window.lowerBound.ordinal, window.upperBound.ordinal, month.description])
        while let row = try rows.next() { out.append((row[0], row[1], row[2])) }
        return out
    }

    /// Records, in import order, of the customers on a draw, in that draw's month pool.
    public static func records(draw: Int64, window: ClosedRange<Day>, month: YearMonth, _ db: Database) throws -> [SheetRecord] {
        try SheetRecord.fetchAll(db, sql: """
            SELECT r.* FROM records r
            WHERE r.customer_id IN (SELECT customer_id FROM draw_items WHERE draw_id = ?)
              AND ((r.event_day BETWEEN ? AND ?) OR r.vip_month = ?)
            ORDER BY r.id
            """, arguments: [draw, window.lowerBound.ordinal, window.upperBound.ordinal, month.description])
    }

    /// Customers spot-checked in the current draws of `months`: the main lists (reserves
    /// join them once they are brought into play).
    public static func drawnCustomers(months: ClosedRange<YearMonth>, _ db: Database) throws -> Set<Int> {
        Set(try Int.fetchAll(db, sql: """
            SELECT DISTINCT i.customer_id FROM draw_items i JOIN draws d ON d.id = i.draw_id
            WHERE d.superseded_at IS NULL AND d.month BETWEEN ? AND ? AND i.is_reserve = 0
            """, arguments: [months.lowerBound.description, months.upperBound.description]))
    }
}
