import GRDB
import SpotCheckCore

/// One import of one file.
public struct ImportRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "imports"
    public var id: Int64?
    public var kind: String
    public var fileName: String
    public var fileSize: Int64
    public var sheet: String?
    public var encoding: String?
    public var vipMonth: String?
    public var importedAt: String
    public var rowsRead: Int
    public var rowsNew: Int
    public var rowsKnown: Int
    public var rowsRejected: Int

    public init(id: Int64? = nil, kind: String, fileName: String, fileSize: Int64, sheet: String?, encoding: String?,
                vipMonth: String?, importedAt: String, rowsRead: Int, rowsNew: Int, rowsKnown: Int, rowsRejected: Int) {
        self.id = id
        self.kind = kind
        self.fileName = fileName
        self.fileSize = fileSize
        self.sheet = sheet
        self.encoding = encoding
        self.vipMonth = vipMonth
        self.importedAt = importedAt
        self.rowsRead = rowsRead
        self.rowsNew = rowsNew
        self.rowsKnown = rowsKnown
        self.rowsRejected = rowsRejected
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A draw of a month's sample. The current draw of a month has no `supersededAt`.
public struct DrawRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "draws"
    public var id: Int64?
    public var month: String
    public var seed: Int64
    public var size: Int
    public var minimum: Int
    public var reserveRatio: Double
    public var reserveCount: Int
    public var lookbackMonths: Int
    public var cutoffDay: Int
    public var deadlineDay: Int
    public var drawnAt: String
    public var drawnBy: String
    public var today: String
    /// The figures shown at the draw, as JSON (see `DrawSummary` in SpotCheckKit).
    public var summary: String
    public var supersededAt: String?
    public var supersededBy: Int64?

    public init(id: Int64? = nil, month: String, seed: Int64, size: Int, minimum: Int, reserveRatio: Double, reserveCount: Int,
                lookbackMonths: Int, cutoffDay: Int, deadlineDay: Int, drawnAt: String, drawnBy: String, today: String,
                summary: String, supersededAt: String? = nil, supersededBy: Int64? = nil) {
        self.id = id
        self.month = month
        self.seed = seed
        self.size = size
        self.minimum = minimum
        self.reserveRatio = reserveRatio
        self.reserveCount = reserveCount
        self.lookbackMonths = lookbackMonths
        self.cutoffDay = cutoffDay
        self.deadlineDay = deadlineDay
        self.drawnAt = drawnAt
        self.drawnBy = drawnBy
        self.today = today
        self.summary = summary
        self.supersededAt = supersededAt
        self.supersededBy = supersededBy
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The current draw of `month`, if any.
    public static func current(month: YearMonth, _ db: Database) throws -> DrawRow? {
        try DrawRow.filter(sql: "month = ? AND superseded_at IS NULL", arguments: [month.description]).fetchOne(db)
    }

    /// Every draw of `month`, oldest first.
    public static func all(month: YearMonth, _ db: Database) throws -> [DrawRow] {
        try DrawRow.filter(sql: "month = ?", arguments: [month.description]).order(sql: "id").fetchAll(db)
    }
}

/// One customer on a draw's list.
public struct DrawItemRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "draw_items"
    public var drawId: Int64
    public var itemNo: Int
    public var customerId: Int
    public var isReserve: Bool
    public var stratum: String
    public var sources: Int

    public init(drawId: Int64, itemNo: Int, customerId: Int, isReserve: Bool, stratum: String, sources: Int) {
        self.drawId = drawId
        self.itemNo = itemNo
        self.customerId = customerId
        self.isReserve = isReserve
        self.stratum = stratum
        self.sources = sources
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The items of a draw, by item number.
    public static func of(draw: Int64, _ db: Database) throws -> [DrawItemRow] {
        try DrawItemRow.filter(sql: "draw_id = ?", arguments: [draw]).order(sql: "item_no").fetchAll(db)
    }
}

/// A sheet row as stored: the customer's context for one source.
public struct SheetRecord: FetchableRecord, Sendable, Equatable {
    public var id: Int64
    public var importId: Int64
    public var kind: Int
    public var customerId: Int
    public var fingerprint: Int64
    public var eventDay: Int?
    public var vipMonth: String?
    public var sourceRow: Int
    public var fields: RecordFields

    public init(row: Row) throws {
        id = row["id"]
        importId = row["import_id"]
        kind = row["kind"]
        customerId = row["customer_id"]
        fingerprint = row["fingerprint"]
        eventDay = row["event_day"]
        vipMonth = row["vip_month"]
        sourceRow = row["source_row"]
        fields = RecordFields(packed: row["fields"])
    }

    /// The source kind.
    public var sourceKind: SourceKind { SourceKind(code: kind)! }

    public var buyerId: String? { fields.buyerID }
    public var phone: String? { fields.phone }
    public var name: String? { fields.name }
    public var orderNo: String? { fields.orderNo }
    public var product: String? { fields.product }
    public var purchaseAt: String? { fields.purchaseAt }
    public var situation: String? { fields.situation }
    public var handler: String? { fields.handler }
    public var handledAt: String? { fields.handledAt }
    public var reviewLevel: String? { fields.reviewLevel }
    public var refundStatus: String? { fields.refundStatus }
    public var courier: String? { fields.courier }
    public var trackingNo: String? { fields.trackingNo }
    public var spent: String? { fields.spent }
    public var lastPurchase: String? { fields.lastPurchase }
}
