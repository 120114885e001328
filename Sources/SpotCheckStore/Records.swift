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

    public init(
        id: Int64? = nil, kind: String, fileName: String, fileSize: Int64, sheet: String?, encoding: String?,
        vipMonth: String?, importedAt: String, rowsRead: Int, rowsNew: Int, rowsKnown: Int, rowsRejected: Int
    ) {
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
    public var month: YearMonth
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

    public init(
        id: Int64? = nil, month: YearMonth, seed: Int64, size: Int, minimum: Int, reserveRatio: Double,
        reserveCount: Int,
        lookbackMonths: Int, cutoffDay: Int, deadlineDay: Int, drawnAt: String, drawnBy: String, today: String,
        summary: String, supersededAt: String? = nil, supersededBy: Int64? = nil
    ) {
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
        try DrawRow.filter(sql: "month = ? AND superseded_at IS NULL", arguments: [month]).fetchOne(db)
    }

    /// The months up to `month` that have a current draw, at most the `limit` latest, oldest first.
    public static func months(through month: YearMonth, limit: Int, _ db: Database) throws -> [YearMonth] {
        try YearMonth.fetchAll(
            db,
            sql: """
                SELECT DISTINCT month FROM draws WHERE superseded_at IS NULL AND month <= ?
                ORDER BY month DESC LIMIT ?
                """, arguments: [month, limit]
        ).reversed()
    }

    /// Every draw of `month`, oldest first.
    public static func all(month: YearMonth, _ db: Database) throws -> [DrawRow] {
        try DrawRow.filter(sql: "month = ?", arguments: [month]).order(sql: "id").fetchAll(db)
    }
}

/// One customer on a draw's list.
public struct DrawItemRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "draw_items"
    public var drawId: Int64
    public var itemNo: Int
    public var customerId: Int
    public var isReserve: Bool
    public var stratum: SourceKind
    public var sources: Int
    /// A reserve brought into play (derived from the calls).
    public var inPlay: Bool

    public init(
        drawId: Int64, itemNo: Int, customerId: Int, isReserve: Bool, stratum: SourceKind, sources: Int,
        inPlay: Bool = false
    ) {
        self.drawId = drawId
        self.itemNo = itemNo
        self.customerId = customerId
        self.isReserve = isReserve
        self.stratum = stratum
        self.sources = sources
        self.inPlay = inPlay
    }

    /// Read by column (Codable's decoder, with its snake-case keys, cost a case list page a
    /// tenth of its time); a value that does not read back still fails the fetch.
    public init(row: Row) throws {
        drawId = try row.decode(forColumn: "draw_id")
        itemNo = try row.decode(forColumn: "item_no")
        customerId = try row.decode(forColumn: "customer_id")
        isReserve = try row.decode(forColumn: "is_reserve")
        stratum = try row.decode(forColumn: "stratum")
        sources = try row.decode(forColumn: "sources")
        inPlay = try row.decode(forColumn: "in_play")
    }

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

/// One call attempt as stored.
public struct AttemptRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "call_attempts"
    public var id: Int64?
    public var drawId: Int64
    public var itemNo: Int
    /// Stored to the second.
    public var attemptAt: LocalDateTime
    public var result: AttemptResult
    public var caller: String?
    /// `cli` (spotcheck call) or `list` (results import).
    public var source: String
    public var recordedAt: String
    /// The change that recorded it (see ``Changes``).
    public var seq: Int64 = 0
    /// The token of the workbook copy that recorded it; nil for `spotcheck call`.
    public var copy: String?

    public init(
        id: Int64? = nil, drawId: Int64, itemNo: Int, attemptAt: LocalDateTime, result: AttemptResult, caller: String?,
        source: String,
        recordedAt: String, seq: Int64 = 0, copy: String? = nil
    ) {
        self.seq = seq
        self.copy = copy
        self.id = id
        self.drawId = drawId
        self.itemNo = itemNo
        self.attemptAt = attemptAt.wholeSeconds
        self.result = result
        self.caller = caller
        self.source = source
        self.recordedAt = recordedAt
    }

    /// Read by column, as ``DrawItemRow/init(row:)``.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        drawId = try row.decode(forColumn: "draw_id")
        itemNo = try row.decode(forColumn: "item_no")
        attemptAt = try row.decode(forColumn: "attempt_at")
        result = try row.decode(forColumn: "result")
        caller = try row.decode(forColumn: "caller")
        source = try row.decode(forColumn: "source")
        recordedAt = try row.decode(forColumn: "recorded_at")
        seq = try row.decode(forColumn: "seq")
        copy = try row.decode(forColumn: "copy")
    }

    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Whether this attempt (to the second) is already recorded.
    public static func exists(
        draw: Int64, item: Int, at: LocalDateTime, result: AttemptResult, _ db: Database
    ) throws -> Bool {
        try AttemptRow.filter(
            sql: "draw_id = ? AND item_no = ? AND attempt_at = ? AND result = ?",
            arguments: [draw, item, at.wholeSeconds, result]
        ).fetchCount(db) > 0
    }

    /// How many attempts a draw has.
    public static func count(draw: Int64, _ db: Database) throws -> Int {
        try AttemptRow.filter(sql: "draw_id = ?", arguments: [draw]).fetchCount(db)
    }

    /// The attempts of a draw, in time order.
    public static func of(draw: Int64, _ db: Database) throws -> [AttemptRow] {
        try AttemptRow.filter(sql: "draw_id = ?", arguments: [draw]).order(sql: "item_no, attempt_at, id").fetchAll(db)
    }
}

/// What was recorded about one case (besides its attempts), and its derived status.
public struct CaseRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "call_cases"
    public var drawId: Int64
    public var itemNo: Int
    public var score: Int?
    public var praise: String?
    public var note: String?
    public var complaint: ComplaintHandling?
    public var repliedAt: LocalDateTime?
    public var imLeft: Bool
    public var caller: String?
    /// A `CaseStatus` code (derived).
    public var status: String
    public var updatedAt: String
    /// The change that last recorded a field (see ``Changes``).
    public var seq: Int64 = 0
    /// The token of the workbook copy that made that change; nil for `spotcheck call`.
    public var copy: String?

    public init(
        drawId: Int64, itemNo: Int, score: Int? = nil, praise: String? = nil, note: String? = nil,
        complaint: ComplaintHandling? = nil, repliedAt: LocalDateTime? = nil, imLeft: Bool = false,
        caller: String? = nil, status: String = "open", updatedAt: String
    ) {
        self.drawId = drawId
        self.itemNo = itemNo
        self.score = score
        self.praise = praise
        self.note = note
        self.complaint = complaint
        self.repliedAt = repliedAt
        self.imLeft = imLeft
        self.caller = caller
        self.status = status
        self.updatedAt = updatedAt
    }

    /// Read by column, as ``DrawItemRow/init(row:)``.
    public init(row: Row) throws {
        drawId = try row.decode(forColumn: "draw_id")
        itemNo = try row.decode(forColumn: "item_no")
        score = try row.decode(forColumn: "score")
        praise = try row.decode(forColumn: "praise")
        note = try row.decode(forColumn: "note")
        complaint = try row.decode(forColumn: "complaint")
        repliedAt = try row.decode(forColumn: "replied_at")
        imLeft = try row.decode(forColumn: "im_left")
        caller = try row.decode(forColumn: "caller")
        status = try row.decode(forColumn: "status")
        updatedAt = try row.decode(forColumn: "updated_at")
        seq = try row.decode(forColumn: "seq")
        copy = try row.decode(forColumn: "copy")
    }

    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The cases of a draw.
    public static func of(draw: Int64, _ db: Database) throws -> [CaseRow] {
        try CaseRow.filter(sql: "draw_id = ?", arguments: [draw]).order(sql: "item_no").fetchAll(db)
    }

    /// The fields a person records, ignoring the derived status and the time of the change.
    public var recorded: [String?] {
        [score.map(String.init), praise, note, complaint?.rawValue, repliedAt?.stamp, imLeft ? "1" : "0", caller]
    }
}

/// A month handed in to the sales manager (`spotcheck submit`).
public struct SubmissionRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "submissions"
    public var id: Int64?
    public var month: YearMonth
    public var drawId: Int64
    public var submittedAt: LocalDateTime
    public var submittedBy: String
    /// Days after the deadline; 0 when on time.
    public var daysLate: Int

    public init(month: YearMonth, drawId: Int64, submittedAt: LocalDateTime, submittedBy: String, daysLate: Int) {
        self.month = month
        self.drawId = drawId
        self.submittedAt = submittedAt.wholeSeconds
        self.submittedBy = submittedBy
        self.daysLate = daysLate
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The latest submission of a month's current draw, if any.
    public static func latest(month: YearMonth, draw: Int64, _ db: Database) throws -> SubmissionRow? {
        try SubmissionRow.filter(sql: "month = ? AND draw_id = ?", arguments: [month, draw]).order(sql: "id DESC")
            .fetchOne(db)
    }
}
