import Foundation
import GRDB
import GRDBSQLite
import SpotCheckCore

/// The month's pool is kept beside the records, in `pool_blocks`: for each import and each day
/// its records are dated, a blob of those records' customer, kind, fingerprint, route and id,
/// sorted (``PoolBlock``). It replaces an index on the records (`records_pool`, on
/// event_day, customer_id, kind, fingerprint and route) that a million-row import spent a
/// quarter of its time building: the import has the rows in memory and sorts them itself (about
/// 0.1 s), and a draw decodes the blocks instead of stepping through a million index entries.
extension SheetData {
    /// Calls `body` with each pool row of a month (every record dated in the window, plus the
    /// VIP lists of the month), without holding them: a day at a time from its blocks, in the
    /// order of day, customer, kind, fingerprint, route and record; then the VIP rows in the
    /// order they were stored.
    public static func forEachPoolRow(
        window: ClosedRange<Day>, month: YearMonth, _ db: Database,
        _ body: (_ customer: Int, _ kind: Int, _ fingerprint: Int64, _ route: ContactRoute) throws -> Void
    ) throws {
        try forEachPoolDay(window, db) { day in
            for e in day {
                try body(e.customer, Int(e.kind), e.fingerprint, ContactRoute(rawValue: Int(e.route)) ?? .none)
            }
        }
        let statement = try db.cachedStatement(
            sql: "SELECT customer_id, kind, fingerprint, route FROM records WHERE vip_month = ?")
        try statement.setArguments([month.description])
        // Step SQLite and read its columns (all NOT NULL) straight: no GRDB row per record.
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        try stepEach(s, db) { s in
            try body(
                Int(sqlite3_column_int64(s, 0)), Int(sqlite3_column_int64(s, 1)), sqlite3_column_int64(s, 2),
                ContactRoute(rawValue: Int(sqlite3_column_int64(s, 3))) ?? .none)
        }
    }

    /// Calls `body` with the pool rows of each day of `window` that has any, in order (a day's
    /// blocks from several imports merged).
    static func forEachPoolDay(
        _ window: ClosedRange<Day>, _ db: Database, _ body: ([PoolEntry]) throws -> Void
    )
        throws
    {
        let blocks = try Row.fetchCursor(
            db, sql: "SELECT id, day, entries FROM pool_blocks WHERE day BETWEEN ? AND ? ORDER BY day, id",
            arguments: [window.lowerBound.ordinal, window.upperBound.ordinal])
        var day: Int? = nil
        var runs: [[PoolEntry]] = []
        func flush() throws {
            if !runs.isEmpty { try body(PoolBlock.merge(runs)) }
            runs.removeAll()
        }
        while let row = try blocks.next() {
            let (id, d): (Int64, Int) = (row[0], row[1])
            if d != day { try flush() }
            day = d
            runs.append(try row.withUnsafeData(atIndex: 2) { try decodePoolBlock(id: id, day: d, $0 ?? Data(), db) })
        }
        try flush()
    }

    static func decodePoolBlock(id: Int64, day: Int, _ data: Data, _ db: Database) throws -> [PoolEntry] {
        var entries: [PoolEntry] = []
        let ok = data.withUnsafeBytes { PoolBlock.decode($0.bindMemory(to: UInt8.self), day: day, into: &entries) }
        guard ok else { throw StoreError.unusable(path: fileName(db), reason: "pool_blocks \(id)") }
        return entries
    }

    /// The ids of the records dated in `window` whose customer is one of `customers`.
    static func poolRecords(window: ClosedRange<Day>, customers: Set<Int>, _ db: Database) throws -> [Int64] {
        // A bit per customer number: a month's million rows are checked against it, not hashed.
        // Numbers past 2^26 (a damaged draw item's: none is handed out that far) are looked up
        // in a set instead, so that they cannot size the bits.
        let valid = customers.filter { KeyBlock.customers.contains($0) }
        let far = Set(valid.filter { $0 >= 1 << 26 })
        var bits = [UInt64](repeating: 0, count: (valid.filter { $0 < 1 << 26 }.max() ?? 0) / 64 + 1)
        for c in valid where c < 1 << 26 { bits[c / 64] |= 1 << UInt64(c % 64) }
        var ids: [Int64] = []
        var entries: [PoolEntry] = []
        let blocks = try Row.fetchCursor(
            db, sql: "SELECT id, day, entries FROM pool_blocks WHERE day BETWEEN ? AND ?",
            arguments: [window.lowerBound.ordinal, window.upperBound.ordinal])
        while let row = try blocks.next() {
            let id: Int64 = row[0]
            let day: Int = row[1]
            let ok = try row.withUnsafeData(atIndex: 2) { data in
                (data ?? Data()).withUnsafeBytes {
                    let b = $0.bindMemory(to: UInt8.self)
                    guard PoolBlock.records(b, of: bits, into: &ids) else { return false }
                    guard !far.isEmpty else { return true }
                    entries.removeAll(keepingCapacity: true)
                    guard PoolBlock.decode(b, day: day, into: &entries) else { return false }
                    for e in entries where far.contains(e.customer) { ids.append(e.record) }
                    return true
                }
            }
            guard ok else { throw StoreError.unusable(path: fileName(db), reason: "pool_blocks \(id)") }
        }
        return ids
    }

    /// Collects the pool rows of one import's records as they are stored, and writes them in
    /// blocks, a day at a time, once the import's records are all in (``finish()``).
    final class PoolWriter {
        private let importID: Int64
        private var entries: [PoolEntry] = []

        init(importID: Int64) { self.importID = importID }

        /// Makes room for `count` more rows.
        func reserve(_ count: Int) { entries.reserveCapacity(entries.count + count) }

        func add(
            day: Int, customer: Int64, kind: Int64, fingerprint: Int64, route: Int64, record: Int64, _ db: Database
        )
            throws
        {
            // Customers count up from 1 within 32 bits (``KeyBlock/customers``): a number past
            // them comes from a damaged count of customers, and would not fit the block.
            guard KeyBlock.customers.contains(Int(customer)), PoolEntry.records.contains(record) else {
                throw StoreError.unusable(
                    path: SheetData.fileName(db), reason: "record \(record): customer \(customer)")
            }
            entries.append(
                PoolEntry(
                    day: day, customer: Int(customer), kind: UInt8(truncatingIfNeeded: kind), fingerprint: fingerprint,
                    route: UInt8(truncatingIfNeeded: route), record: record))
        }

        /// Sorts the rows and writes their blocks. The rows are parted by day in place, then
        /// each day is sorted and encoded on both cores (the import's other threads are done
        /// by now): one sort of a million rows took 0.2 s at the end of the import, alone.
        func finish(_ db: Database) throws {
            guard !entries.isEmpty else { return }
            let blocks = PoolBlock.sortAndEncode(&entries)
            entries = []
            try SheetData.insertPoolBlocks(blocks, importID: importID, db)
        }
    }

    /// Writes sorted pool rows of one import: a block per day, or several for a day of more
    /// than ``PoolBlock/rows`` rows.
    static func writePoolBlocks(_ entries: ArraySlice<PoolEntry>, importID: Int64, _ db: Database) throws {
        try insertPoolBlocks(PoolBlock.encodeSorted(entries), importID: importID, db)
    }

    /// Inserts an import's encoded blocks.
    private static func insertPoolBlocks(
        _ blocks: [(day: Int, bytes: [UInt8])], importID: Int64, _ db: Database
    ) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO pool_blocks(import_id, day, entries) VALUES (?, ?, ?)")
        for (day, bytes) in blocks { try insert.execute(arguments: [importID, day, Data(bytes)]) }
    }

    /// Rewrites the pool blocks that hold merged customers (`merges`: merged number →
    /// surviving number, flat), each sorted again. A block at a time: a workspace's blocks are
    /// not all held at once.
    static func mergePoolBlocks(_ merges: [Int: Int], _ db: Database) throws {
        let update = try db.makeStatement(sql: "UPDATE pool_blocks SET entries = ? WHERE id = ?")
        let blocks = try Row.fetchAll(db, sql: "SELECT id, day FROM pool_blocks ORDER BY id")
        for block in blocks {
            let (id, day): (Int64, Int) = (block[0], block[1])
            guard let data = try Data.fetchOne(db, sql: "SELECT entries FROM pool_blocks WHERE id = ?", arguments: [id])
            else { continue }
            var entries = try decodePoolBlock(id: id, day: day, data, db)
            var changed = false
            for i in entries.indices {
                if let new = merges[entries[i].customer] {
                    entries[i] = entries[i].moved(to: new)
                    changed = true
                }
            }
            guard changed else { continue }
            entries.sort(by: PoolEntry.precedes)
            try update.execute(arguments: [Data(PoolBlock.encode(entries[...])), id])
        }
    }

    /// Builds the pool blocks of the records stored (migration v11), an import at a time.
    static func buildPoolBlocks(_ db: Database) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT import_id, event_day, customer_id, kind, fingerprint, route, id FROM records
                WHERE \(inBlocks)
                ORDER BY import_id, event_day, customer_id, kind, fingerprint, route, id
                """)
        var importID: Int64? = nil
        var entries: [PoolEntry] = []
        let columns = ["import_id", "event_day", "customer_id", "kind", "fingerprint", "route", "id"]
        while let row = try rows.next() {
            // Each column as an integer (a damaged row may hold text), else the row is named.
            let values = try columns.indices.map { c in
                guard let v = Int64.fromDatabaseValue(row[c] as DatabaseValue) else {
                    throw StoreError.unusable(
                        path: fileName(db), reason: "records \(row[6] as DatabaseValue): \(columns[c])")
                }
                return v
            }
            if values[0] != importID, let previous = importID {
                try writePoolBlocks(entries[...], importID: previous, db)
                entries.removeAll(keepingCapacity: true)
            }
            importID = values[0]
            guard KeyBlock.customers.contains(Int(values[2])), PoolEntry.records.contains(values[6]) else {
                throw StoreError.unusable(path: fileName(db), reason: "records \(values[6]): customer_id \(values[2])")
            }
            // A kind or route a block cannot hold: a kind no sheet has (the draw refuses it, as
            // it refused the record's own), no route (as the draw read one it did not know).
            let kind = (0...15).contains(values[3]) ? UInt8(values[3]) : 15
            let route = (0...15).contains(values[5]) ? UInt8(values[5]) : UInt8(ContactRoute.none.rawValue)
            entries.append(
                PoolEntry(
                    day: Int(values[1]), customer: Int(values[2]), kind: kind, fingerprint: values[4], route: route,
                    record: values[6]))
        }
        if let last = importID { try writePoolBlocks(entries[...], importID: last, db) }
    }
}
