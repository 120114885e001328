import GRDB
import GRDBSQLite
import SpotCheckCore

/// One order row to store (an order export's row).
public struct NewOrder: Sendable {
    public var customer: Int = 0
    public var fingerprint: Int64 = 0
    public var sourceRow: Int
    /// The day the order was paid (or placed), when the export has one.
    public var paidDay: Day?
    /// What the buyer paid, in fen.
    public var amountFen: Int64?
    /// Whether the order counts as a purchase (dated, neither closed nor cancelled).
    public var isPurchase: Bool
    public var fields: RecordFields

    public init(sourceRow: Int, paidDay: Day?, amountFen: Int64?, isPurchase: Bool, fields: RecordFields) {
        self.sourceRow = sourceRow
        self.paidDay = paidDay
        self.amountFen = amountFen
        self.isPurchase = isPurchase
        self.fields = fields
    }
}

/// A customer's purchases, summed over their orders: what the VIP list is derived from.
public struct CustomerPurchases: Sendable, Equatable {
    public var customer: Int
    /// The sum of what they paid, in fen.
    public var totalFen: Int64
    /// The day of their last purchase.
    public var lastDay: Day
    /// Their orders that count as purchases.
    public var orders: Int
}

/// The order lookup: order exports' rows, by customer.
public enum OrderData {
    /// Fingerprints of the order rows already stored.
    public static func fingerprints(_ db: Database) throws -> Set<Int64> {
        var set = Set<Int64>()
        let rows = try Int64.fetchCursor(db, sql: "SELECT fingerprint FROM orders")
        while let f = try rows.next() { set.insert(f) }
        return set
    }

    /// A prepared insert of order rows.
    public final class Inserter {
        private let statement: Statement
        private let importID: Int64

        public init(importID: Int64, _ db: Database) throws {
            self.importID = importID
            statement = try db.makeStatement(
                sql: """
                    INSERT INTO orders(import_id, customer_id, fingerprint, source_row, paid_day, amount_fen, purchase, route, fields)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
        }

        /// Inserts one order row.
        public func insert(_ o: NewOrder) throws {
            try statement.execute(arguments: [
                importID, o.customer, o.fingerprint, o.sourceRow, o.paidDay?.ordinal, o.amountFen, o.isPurchase,
                o.fields.contactRoute.rawValue, o.fields.packed,
            ])
        }
    }

    /// The best contact route each customer's orders give (only customers with orders).
    public static func routes(_ db: Database) throws -> [Int: ContactRoute] {
        var out: [Int: ContactRoute] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT customer_id, min(route) FROM orders GROUP BY customer_id")
        while let row = try rows.next() { out[row[0]] = ContactRoute(rawValue: row[1]) ?? ContactRoute.none }
        return out
    }

    /// The orders of the customers on a draw, in import order: their fields, by customer.
    public static func fields(draw: Int64, _ db: Database) throws -> [Int: [RecordFields]] {
        var out: [Int: [RecordFields]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT customer_id, fields FROM orders
                WHERE customer_id IN (SELECT customer_id FROM draw_items WHERE draw_id = ?)
                ORDER BY id
                """, arguments: [draw])
        while let row = try rows.next() { out[row[0], default: []].append(RecordFields(packed: row[1])) }
        return out
    }

    /// Every customer's purchases: total paid and last purchase day, over the orders that
    /// count as purchases and carry a day.
    public static func purchases(_ db: Database) throws -> [CustomerPurchases] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT customer_id, sum(coalesce(amount_fen, 0)), max(paid_day), count(*) FROM orders
                WHERE purchase = 1 AND paid_day IS NOT NULL
                GROUP BY customer_id ORDER BY customer_id
                """
        ).map { CustomerPurchases(customer: $0[0], totalFen: $0[1], lastDay: Day(ordinal: $0[2]), orders: $0[3]) }
    }

    /// The fields of each customer's latest purchase (for the derived VIP list's rows).
    public static func latestFields(customers: [Int], _ db: Database) throws -> [Int: RecordFields] {
        var out: [Int: RecordFields] = [:]
        for chunk in stride(from: 0, to: customers.count, by: 500).map({
            Array(customers[$0..<min($0 + 500, customers.count)])
        }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT customer_id, fields FROM orders WHERE customer_id IN (\(marks)) AND purchase = 1
                    ORDER BY paid_day, id
                    """, arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                let c: Int = row[0]
                let f = RecordFields(packed: row[1])
                // Later purchases win; a field they lack keeps an earlier order's value.
                if let old = out[c] { out[c] = f.filled(from: old) } else { out[c] = f }
            }
        }
        return out
    }
}

extension RecordFields {
    /// These fields, with the customer fields they lack (buyer ID, phone, name, alternates,
    /// platform) taken from `other`.
    public func filled(from other: RecordFields) -> RecordFields {
        var f = self
        if f.buyerID == nil || f.buyerID.map(Masking.isMasked) == true, let b = other.buyerID, !Masking.isMasked(b) {
            f.buyerID = b
        }
        if f.phone == nil || f.phone.map({ PhoneNumber(stored: $0).isMasked }) == true, let p = other.phone {
            f.phone = p
        }
        if f.name == nil || f.name.map(Masking.isMasked) == true, let n = other.name { f.name = n }
        if f.alternatePhones == nil { f.alternatePhones = other.alternatePhones }
        if f.platform == nil { f.platform = other.platform }
        return f
    }
}
