import Foundation
import GRDB
import GRDBSQLite
import SpotCheckCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public var packed: String { String(decoding: packedUTF8, as: UTF8.self) }

    /// ``packed`` as UTF-8 bytes, which the import stores and fingerprints without ever making
    /// a String of them (making one checks the bytes again: a sixth of a large import's parsing).
    public var packedUTF8: [UInt8] {
        let parts = (
            buyerID, phone, name, orderNo, product, purchaseAt, situation, handler, handledAt, reviewLevel,
            refundStatus, courier, trackingNo, spent, lastPurchase, alternatePhones, platform
        )
        let extra = alternatePhones != nil || platform != nil
        var total = extra ? 16 : 14
        total += parts.0?.utf8.count ?? 0; total += parts.1?.utf8.count ?? 0; total += parts.2?.utf8.count ?? 0
        total += parts.3?.utf8.count ?? 0; total += parts.4?.utf8.count ?? 0; total += parts.5?.utf8.count ?? 0
        total += parts.6?.utf8.count ?? 0; total += parts.7?.utf8.count ?? 0; total += parts.8?.utf8.count ?? 0
        total += parts.9?.utf8.count ?? 0; total += parts.10?.utf8.count ?? 0; total += parts.11?.utf8.count ?? 0
        total += parts.12?.utf8.count ?? 0; total += parts.13?.utf8.count ?? 0; total += parts.14?.utf8.count ?? 0
        total += parts.15?.utf8.count ?? 0; total += parts.16?.utf8.count ?? 0
        return [UInt8](unsafeUninitializedCapacity: total) { buf, count in
            guard let base = buf.baseAddress else { return }
            var p = FieldPacker(base: base)
            p.put(parts.0); p.put(parts.1); p.put(parts.2); p.put(parts.3); p.put(parts.4); p.put(parts.5)
            p.put(parts.6); p.put(parts.7); p.put(parts.8); p.put(parts.9); p.put(parts.10); p.put(parts.11)
            p.put(parts.12); p.put(parts.13); p.put(parts.14, last: !extra)
            if extra { p.put(parts.15); p.put(parts.16, last: true) }
            count = p.at
        }
    }

    /// Unpacks ``packed``: split at the unit separators byte by byte (a control character is
    /// a grapheme of its own, so this splits where `split(separator:)` on characters did, at a
    /// fraction of the cost: every case page and list unpacks its customers' records).
    public init(packed: String) {
        var parts = [String?](repeating: nil, count: 17)
        var packed = packed
        packed.withUTF8 { bytes in
            var field = 0
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x1F {
                if i > start, field < 17 {
                    parts[field] = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                }
                field += 1
                start = i + 1
            }
        }
        self.init(
            buyerID: parts[0], phone: parts[1], name: parts[2], orderNo: parts[3], product: parts[4],
            purchaseAt: parts[5],
            situation: parts[6], handler: parts[7], handledAt: parts[8], reviewLevel: parts[9], refundStatus: parts[10],
            courier: parts[11], trackingNo: parts[12], spent: parts[13], lastPurchase: parts[14],
            alternatePhones: parts[15],
            platform: parts[16])
    }
}

/// Writes fields one after another into the bytes of ``RecordFields/packedUTF8``: each field's
/// bytes (a unit separator among them becoming a space), then a separator.
private struct FieldPacker {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var at = 0

    init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    @inline(__always)
    mutating func put(_ field: String?, last: Bool = false) {
        if let field {
            if field.utf8.withContiguousStorageIfAvailable({ copy($0) }) == nil { copy(Array(field.utf8)) }
        }
        if !last {
            base[at] = 0x1F
            at += 1
        }
    }

    private mutating func copy(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { copy($0) } }

    private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) { at += copyField(bytes, to: base + at) }
}

/// Copies a field's bytes into packed fields at `to`, a unit separator among them becoming a space;
/// returns how many it wrote. One pass, eight bytes a step while none of them is a separator (a
/// `memcpy` and a `memchr` a field were two calls each, for fields of a dozen bytes).
@inlinable @inline(__always)
func copyField(_ bytes: UnsafeBufferPointer<UInt8>, to: UnsafeMutablePointer<UInt8>) -> Int {
    guard let from = bytes.baseAddress else { return 0 }
    let n = bytes.count
    var k = 0
    let ones: UInt64 = 0x0101_0101_0101_0101
    while k + 8 <= n {
        let w = UnsafeRawPointer(from + k).loadUnaligned(as: UInt64.self)
        let v = w ^ (ones &* 0x1F)
        // A byte of `v` is zero where `w` has a separator: then byte by byte.
        guard (v &- ones) & ~v & (ones &* 0x80) == 0 else { break }
        UnsafeMutableRawPointer(to + k).storeBytes(of: w, as: UInt64.self)
        k += 8
    }
    while k < n {
        let c = from[k]
        to[k] = c == 0x1F ? 0x20 : c
        k += 1
    }
    return n
}

/// Builds ``RecordFields/packedUTF8`` from the fields' bytes in packing order, without making a
/// String of any (the CSV import's path): add the first fifteen fields, and the alternates and
/// the platform only when either is there, as ``RecordFields/packedUTF8`` does. The bytes are
/// written straight into the record's array (``build(capacity:_:)``).
public struct PackedFieldsBuilder {
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    @usableFromInline var count = 0
    @usableFromInline var fields = 0
    /// False once a field did not fit in the capacity.
    @usableFromInline var fits = true

    private init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// The packed fields `body` adds, in an array made once with room for `capacity` bytes; nil when
    /// `body` returns false or they take more room than that (the caller then packs them another way).
    public static func build(capacity: Int, _ body: (inout PackedFieldsBuilder) -> Bool) -> [UInt8]? {
        var built = false
        let bytes = [UInt8](unsafeUninitializedCapacity: max(capacity, 16)) { buffer, count in
            var b = PackedFieldsBuilder(base: buffer.baseAddress!, capacity: buffer.count)
            built = body(&b) && b.fits
            count = built ? b.count : 0
        }
        return built ? bytes : nil
    }

    /// Adds the next field (nil or empty: a missing field); a unit separator inside becomes a space.
    @inlinable
    public mutating func add(_ field: UnsafeBufferPointer<UInt8>?) {
        guard count + (field?.count ?? 0) + 1 <= capacity else { fits = false; return }
        if fields > 0 {
            base[count] = 0x1F
            count += 1
        }
        fields += 1
        if let field { count += copyField(field, to: base + count) }
    }

    /// Appends bytes to the field last added (a field made of pieces, such as a date).
    @inlinable
    public mutating func extend(_ piece: UnsafeBufferPointer<UInt8>) {
        guard count + piece.count <= capacity else { fits = false; return }
        count += copyField(piece, to: base + count)
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
    /// ``RecordFields/packedUTF8``.
    public var packedFields: [UInt8]
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
        packedFields = fields.packedUTF8
        route = fields.contactRoute
    }

    /// A row whose fields are packed already (``PackedFieldsBuilder``) and whose route is known.
    public init(
        kind: SourceKind, eventDay: Day?, vipMonth: YearMonth?, sourceRow: Int, packedFields: [UInt8],
        route: ContactRoute
    ) {
        self.kind = kind
        customer = 0
        fingerprint = 0
        self.eventDay = eventDay
        self.vipMonth = vipMonth
        self.sourceRow = sourceRow
        self.packedFields = packedFields
        self.route = route
    }
}

/// Sheet rows, customers and their identity keys: the queries of import and draw.
public enum SheetData {
    /// The next free customer number.
    public static func nextCustomer(_ db: Database) throws -> Int {
        let n = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'next_customer'") ?? 1
        // Past the numbers the key blocks hold (only a damaged database gives one), every new customer would be one
        // the key tables cannot keep: stop, naming it.
        guard (1...KeyBlock.customers.upperBound + 1).contains(n) else {
            throw StoreError.unusable(path: fileName(db), reason: "meta next_customer = \(n)")
        }
        return n
    }

    /// Stores the next free customer number.
    public static func setNextCustomer(_ n: Int, _ db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO meta(key, value) VALUES ('next_customer', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [String(n)])
    }

    /// Calls `body` with the fingerprint of each row already stored for a kind: the dated records' from the pool
    /// blocks (a tenth of the records' bytes), a block at a time, then the others' through their index. The
    /// records table itself is not read: at a few million rows stored that read most of a gigabyte, all of it in
    /// the import's memory map.
    public static func fingerprints(kind: SourceKind, _ db: Database, _ body: (Int64) -> Void) throws {
        let code = UInt8(kind.code)
        let blocks = try Row.fetchCursor(db, sql: "SELECT id, day, entries FROM pool_blocks")
        while let row = try blocks.next() {
            let (id, day): (Int64, Int) = (row[0], row[1])
            let entries = try row.withUnsafeData(atIndex: 2) { try decodePoolBlock(id: id, day: day, $0 ?? Data(), db) }
            for e in entries where e.kind == code { body(e.fingerprint) }
        }
        let rows = try Int64.fetchCursor(
            db, sql: "SELECT fingerprint FROM records WHERE kind = ? AND \(notInBlocks)", arguments: [kind.code])
        while let f = try rows.next() { body(f) }
    }

    /// The records a pool block holds (``buildPoolBlocks(_:)``; an import writes a block entry for each dated row):
    /// those with a day that is a 32-bit integer.
    static let inBlocks = "typeof(event_day) = 'integer' AND event_day BETWEEN -2147483648 AND 2147483647"

    /// The records no pool block holds: no day, or one a damaged database holds as something else than a 32-bit
    /// integer. The query must spell it as the index does, for SQLite to use it.
    static let notInBlocks = "NOT (\(inBlocks))"

    /// The index of the fingerprints of the records no pool block holds (migration v12); never change it.
    static let undatedIndexSQL =
        "CREATE INDEX IF NOT EXISTS records_undated ON records(kind, fingerprint) WHERE \(notInBlocks)"

    /// Rewrites every reference to merged customers: merged number → surviving number.
    public static func applyMerges(_ merges: [Int: Int], _ db: Database) throws {
        guard !merges.isEmpty else { return }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS merge_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
        try db.execute(sql: "DELETE FROM merge_map")
        let insert = try db.makeStatement(sql: "INSERT INTO merge_map(old, new) VALUES (?, ?)")
        for (old, new) in merges { try insert.execute(arguments: [old, new]) }
        try recordMerges(db)
        try mergePoolBlocks(merges, db)
        for table in ["records", "draw_items", "orders"] {
            try db.execute(
                sql: """
                    UPDATE \(table) SET customer_id = (SELECT new FROM merge_map WHERE old = \(table).customer_id)
                    WHERE customer_id IN (SELECT old FROM merge_map)
                    """)
        }
        try db.execute(sql: "DELETE FROM merge_map")
    }

    /// A prepared insert of sheet rows, bound through SQLite's C API, 64 rows to a statement:
    /// the import's hot path, where GRDB's argument arrays and a statement per row cost more
    /// than the insert itself. Call ``finish()`` after the last row: until then the last rows
    /// may wait in the buffer.
    public final class Inserter {
        private let db: Database
        private let importID: Int64
        private var rows: RowsStatement
        /// The rows waiting in the buffer: their numbers, and where their texts are in `text`.
        private var pending: [Pending] = []
        private var text: [UInt8] = []
        /// The pool rows of the records stored, written in blocks by ``finish()``.
        private let pool: PoolWriter
        private let writeback: Writeback?
        private var statements = 0

        private struct Pending {
            var kind: Int64
            var customer: Int64
            var fingerprint: Int64
            var eventDay: Int64?
            var month: Range<Int>?
            var sourceRow: Int64
            var fields: Range<Int>
            var route: Int64
        }

        /// `expected`: about how many records will be inserted, to make room for their pool rows.
        /// With `writeBack` (a bulk load), the pages written so far are handed to the disk every
        /// 100,000 rows or so (``Writeback``).
        public init(importID: Int64, expected: Int = 0, writeBack: Bool = false, _ db: Database) throws {
            self.importID = importID
            self.db = db
            writeback = writeBack ? Writeback(fileName(db)) : nil
            // Record ids are taken as consecutive from SQLite's last insert (``flush()``): past
            // the largest id a table can hold, SQLite would pick ids at random.
            if let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM records"),
                last >= PoolEntry.records.upperBound
            {
                throw StoreError.unusable(path: fileName(db), reason: "records.id = \(last)")
            }
            pool = PoolWriter(importID: importID)
            pool.reserve(min(max(expected, 0), 1 << 21))
            rows = try RowsStatement(
                table:
                    "records(import_id, kind, customer_id, fingerprint, event_day, vip_month, source_row, fields, route)",
                columns: 9, db)
            pending.reserveCapacity(RowsStatement.perStatement)
            text.reserveCapacity(256 * RowsStatement.perStatement)
        }

        /// Inserts one row (it may wait in the buffer until ``finish()``): its texts are copied
        /// once, into the buffer SQLite reads them from in place.
        public func insert(_ r: borrowing NewRecord) throws {
            var month: Range<Int>? = nil
            if let m = r.vipMonth {
                let at = text.count
                text.append(contentsOf: m.description.utf8)
                month = at..<text.count
            }
            let at = text.count
            // The fields' bytes read in place (a copy of the record retained them, on every row).
            r.packedFields.withUnsafeBufferPointer { text.append(contentsOf: $0) }
            var day: Int64? = nil
            if let d = r.eventDay { day = Int64(d.ordinal) }
            pending.append(
                Pending(
                    kind: Int64(r.kind.code), customer: Int64(r.customer), fingerprint: r.fingerprint,
                    eventDay: day, month: month, sourceRow: Int64(r.sourceRow),
                    fields: at..<text.count, route: Int64(r.route.rawValue)))
            if pending.count == RowsStatement.perStatement { try flush() }
        }

        /// Writes the rows still in the buffer, then the pool blocks of all the rows inserted.
        public func finish() throws {
            try flush()
            try pool.finish(db)
        }

        private func flush() throws {
            guard !pending.isEmpty else { return }
            let importID = importID
            // Read in place: a copy of the array would still be held when it is emptied, and emptying would
            // allocate it anew.
            try pending.withUnsafeBufferPointer { batch in
                try rows.run(rows: batch.count, text: text) { s, p, i, buf in
                    let r = batch[i]
                    sqlite3_bind_int64(s, p + 1, importID)
                    sqlite3_bind_int64(s, p + 2, r.kind)
                    sqlite3_bind_int64(s, p + 3, r.customer)
                    sqlite3_bind_int64(s, p + 4, r.fingerprint)
                    if let d = r.eventDay { sqlite3_bind_int64(s, p + 5, d) } else { sqlite3_bind_null(s, p + 5) }
                    if let m = r.month { bindStaticText(s, p + 6, buf, m) } else { sqlite3_bind_null(s, p + 6) }
                    sqlite3_bind_int64(s, p + 7, r.sourceRow)
                    bindStaticText(s, p + 8, buf, r.fields)
                    sqlite3_bind_int64(s, p + 9, r.route)
                }
            }
            // The statement's rows took consecutive ids, the last one SQLite's last insert.
            let last = sqlite3_last_insert_rowid(db.sqliteConnection)
            for (i, r) in pending.enumerated() {
                guard let day = r.eventDay else { continue }
                try pool.add(
                    day: Int(day), customer: r.customer, kind: r.kind, fingerprint: r.fingerprint, route: r.route,
                    record: last - Int64(pending.count - 1 - i), db)
            }
            pending.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
            statements += 1
            if statements % 2048 == 0 { writeback?.start() }
        }
    }

    /// Starts the disk writing the database's pages written so far, without waiting for it.
    /// A bulk load writes its pages to the system's cache, which holds them (a million rows
    /// are 240 MB) until the commit syncs the file: that sync took 0.22 s of the load's end,
    /// waiting for the disk. Started as the load goes, the writing overlaps the rest of the
    /// load, and the commit's sync finds little left. The commit's sync is unchanged: a load is
    /// as durable as before.
    ///
    /// The file is opened once per process and never closed: closing any descriptor of a file
    /// drops every POSIX lock the process holds on it, SQLite's included (SQLite's "How To
    /// Corrupt An SQLite Database File", 2.2), which would let another process read or roll
    /// back the load under way.
    final class Writeback {
        private let path: String

        init(_ path: String) { self.path = path }

        func start() {
            guard let f = Writeback.syncFileRange, let fd = Writeback.descriptor(path) else { return }
            _ = f(fd, 0, 0, Writeback.write)
        }

        /// The process's descriptor of the file at `path` (opened for reading when first asked,
        /// and again should the file at the path be another one by then), never closed.
        private static func descriptor(_ path: String) -> Int32? {
            guard !path.isEmpty else { return nil }
            var now = stat()
            guard stat(path, &now) == 0 else { return nil }
            lock.lock()
            defer { lock.unlock() }
            let (device, inode) = (UInt64(now.st_dev), UInt64(now.st_ino))
            if let known = opened[path], known.device == device, known.inode == inode { return known.fd }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            opened[path] = (fd, device, inode)
            return fd
        }

        private static let lock = NSLock()
        nonisolated(unsafe) private static var opened: [String: (fd: Int32, device: UInt64, inode: UInt64)] = [:]

        /// Linux's `sync_file_range` (Swift's Glibc module leaves out the GNU extensions), if the
        /// C library has it; with `SYNC_FILE_RANGE_WRITE` it starts writing and does not wait.
        static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
            guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "sync_file_range") else {
                return nil
            }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
        }()
        private static let write: UInt32 = 2  // SYNC_FILE_RANGE_WRITE
    }

    /// An `INSERT … VALUES (…), (…), …` of up to ``perStatement`` rows: the full statement is
    /// prepared once, a shorter one for the last rows when needed.
    struct RowsStatement {
        static let perStatement = 64
        let table: String
        let columns: Int
        let db: Database
        private let full: Statement
        private var short: (rows: Int, statement: Statement)?

        init(table: String, columns: Int, _ db: Database) throws {
            self.table = table
            self.columns = columns
            self.db = db
            full = try db.makeStatement(
                sql: RowsStatement.sql(table, columns: columns, rows: RowsStatement.perStatement))
        }

        private static func sql(_ table: String, columns: Int, rows: Int) -> String {
            let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
            return "INSERT INTO \(table) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
        }

        /// The statement for `rows` rows, reset and ready to bind.
        private mutating func statement(rows: Int) throws -> OpaquePointer {
            let statement: Statement
            if rows == RowsStatement.perStatement {
                statement = full
            } else if let s = short, s.rows == rows {
                statement = s.statement
            } else {
                statement = try db.makeStatement(sql: RowsStatement.sql(table, columns: columns, rows: rows))
                short = (rows, statement)
            }
            let s = statement.sqliteStatement
            sqlite3_reset(s)
            return s
        }

        /// Binds and runs the statement for `rows` rows: `bind(statement, p, row, text)` binds row `row`'s columns
        /// from parameter `p + 1` on, its texts read in place from `text` (``bindStaticText(_:_:_:_:)``), which
        /// stays unchanged until the statement has run.
        @inline(__always)
        mutating func run(
            rows: Int, text: [UInt8] = [], _ bind: (OpaquePointer, Int32, Int, UnsafeBufferPointer<UInt8>) -> Void
        ) throws {
            let s = try statement(rows: rows)
            let (db, columns) = (db, columns)
            try text.withUnsafeBufferPointer { buf in
                for i in 0..<rows { bind(s, Int32(columns * i), i, buf) }
                try stepDone(s, db)
            }
        }
    }

    /// The index the month's pool was read through before the pool blocks (v11 drops it):
    /// the v1 and v6 migrations create it from this text; never change it.
    static let poolIndexSQL =
        "CREATE INDEX IF NOT EXISTS records_pool ON records(event_day, customer_id, kind, fingerprint, route)"

    /// Before a bulk load: the load only appends, so it keeps a smaller page cache (16 MiB: the
    /// import stays under 250 MiB at a million rows). ``endBulkLoad(_:)`` restores it.
    public static func beginBulkLoad(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -16384")
    }

    /// After a bulk load: the page cache the connection opened with.
    public static func endBulkLoad(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -65536")
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
            try db.execute(sql: "DELETE FROM pool_blocks WHERE import_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM imports WHERE id = ?", arguments: [id])
        }
        return removed
    }

    /// Number of sheet rows stored.
    public static func recordCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT max(id) FROM records") ?? 0
    }

    /// Records, in import order, of the customers on a draw, in that draw's month pool.
    ///
    /// The records dated in the window are found in the pool blocks (a month of a million rows
    /// decodes in a few milliseconds), the VIP rows through their index; then each record by its id.
    public static func records(
        draw: Int64, window: ClosedRange<Day>, month: YearMonth, _ db: Database
    ) throws -> [SheetRecord] {
        let drawn = Set(
            try Int.fetchAll(db, sql: "SELECT customer_id FROM draw_items WHERE draw_id = ?", arguments: [draw]))
        guard !drawn.isEmpty else { return [] }
        var ids = Set(try poolRecords(window: window, customers: drawn, db))
        let vip = try Row.fetchCursor(
            db, sql: "SELECT id, customer_id FROM records WHERE vip_month = ?", arguments: [month.description])
        while let row = try vip.next() {
            if drawn.contains(row[1]) { ids.insert(row[0]) }
        }
        let sorted = ids.sorted()
        var records: [SheetRecord] = []
        records.reserveCapacity(sorted.count)
        // A few hundred ids to a statement (SQLite binds up to 32,766).
        var at = 0
        while at < sorted.count {
            let chunk = sorted[at..<min(at + 500, sorted.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            records += try SheetRecord.fetchAll(
                db, sql: "SELECT * FROM records WHERE id IN (\(marks)) ORDER BY id",
                arguments: StatementArguments(chunk))
            at += chunk.count
        }
        return records
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
