import Foundation
import GRDB
import SpotCheckCore
import Testing

@testable import SpotCheckKit
@testable import SpotCheckStore

/// The month's pool in blocks (``PoolBlock``) holds what the records hold, in the order of the
/// index it replaced, through imports of several sheets, merges, VIP lists and the migration.
@Suite("The pool in blocks")
struct PoolBlockTests {
    /// The pool as the index gave it: the records dated in the window by day, customer, kind,
    /// fingerprint, route and id; then the month's VIP rows by id.
    static func poolFromRecords(_ window: ClosedRange<Day>, _ month: YearMonth, _ db: Database) throws -> [String] {
        let dated = try Row.fetchAll(
            db,
            sql: """
                SELECT customer_id, kind, fingerprint, route FROM records WHERE event_day BETWEEN ? AND ?
                ORDER BY event_day, customer_id, kind, fingerprint, route, id
                """, arguments: [window.lowerBound.ordinal, window.upperBound.ordinal])
        let vip = try Row.fetchAll(
            db, sql: "SELECT customer_id, kind, fingerprint, route FROM records WHERE vip_month = ? ORDER BY id",
            arguments: [month.description])
        return (dated + vip).map { "\($0[0] as Int) \($0[1] as Int) \($0[2] as Int64) \($0[3] as Int)" }
    }

    static func pool(_ window: ClosedRange<Day>, _ month: YearMonth, _ db: Database) throws -> [String] {
        var rows: [String] = []
        try SheetData.forEachPoolRow(window: window, month: month, db) {
            rows.append("\($0) \($1) \($2) \($3.rawValue)")
        }
        return rows
    }

    static let month = YearMonth(parsing: "2026-11")!
    static let window = Day(year: 2026, month: 10, day: 27)!...Day(year: 2026, month: 11, day: 26)!

    @Test func sheetsMergesAndVIPListsReadAsTheRecordsHoldThem() throws {
        let w = try TestWorkspace()
        func day(_ i: Int) -> String {
            i % 3 == 0 ? "2026-10-\(20 + i % 12)" : "2026-11-\(String(format: "%02d", 1 + i % 26))"
        }
        // 300 after-sales rows over the window and the week before it.
        try w.importFiles(
            .afterSales,
            [
                w.csv(
                    "a.csv",
                    [afterSalesHeader]
                        + (1...300).map {
                            "客户\($0),138\(String(format: "%08d", $0)),buyer\($0),\(900_000 + $0),四件套,2026-10-01,问题\($0),小王,\(day($0))"
                        })
            ])
        // Reviews on the same days: the first 100 of the same buyers, then 50 new ones.
        try w.importFiles(
            .reviews,
            [w.csv("r.csv", ["评价时间,买家昵称,评价等级,评价内容"] + (1...150).map { "\(day($0 * 7)),buyer\($0),差评,慢\($0)" })])
        // A later sheet whose rows join customers that were apart (the phone of one, the buyer ID
        // of another), on the days the blocks above hold.
        let joins = (0..<20).map { k in
            let a = 10 + k * 7, b = 200 + k * 3
            return "合并\(k),138\(String(format: "%08d", a)),buyer\(b),\(950_000 + k),枕头,2026-10-01,换货,小李,\(day(k))"
        }
        // In two files of one command, on the same days.
        let report = try w.importFiles(
            .afterSales,
            [
                w.csv("b1.csv", [afterSalesHeader] + joins.prefix(10)),
                w.csv("b2.csv", [afterSalesHeader] + joins.suffix(10)),
            ])
        #expect(report.merges == 20)
        try w.importFiles(
            .vip, [w.csv("vip.csv", ["会员名,手机", "buyer5,13800000005", "newvip,13900000077"])], month: "2026-11")
        let (blocks, pool, expected) = try Store(path: w.db).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM pool_blocks")!,
                try PoolBlockTests.pool(PoolBlockTests.window, PoolBlockTests.month, db),
                try PoolBlockTests.poolFromRecords(PoolBlockTests.window, PoolBlockTests.month, db)
            )
        }
        #expect(blocks > 40)  // a block per import and day: several imports share a day
        #expect(pool.count == expected.count)
        #expect(pool == expected)
        // Every merged customer's rows moved: no row is left on a number merged away.
        let merged = try Store(path: w.db).read { try Set(Int.fetchAll($0, sql: "SELECT old FROM customer_merges")) }
        #expect(merged.count == 20)
        #expect(pool.allSatisfy { !merged.contains(Int($0.split(separator: " ")[0])!) })

        // The drawn customers' records, as the index found them.
        let s = try w.draw("2026-11", size: 60)
        try Store(path: w.db).read { db in
            let records = try SheetData.records(
                draw: s.drawId, window: PoolBlockTests.window, month: PoolBlockTests.month, db)
            let days = Array(PoolBlockTests.window.lowerBound.ordinal...PoolBlockTests.window.upperBound.ordinal)
            let marks = Array(repeating: "?", count: days.count).joined(separator: ",")
            let drawn = "SELECT customer_id FROM draw_items WHERE draw_id = ?"
            var arguments = StatementArguments(days)
            arguments += [s.drawId, "2026-11", s.drawId]
            let expected = try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM records WHERE (event_day IN (\(marks)) AND customer_id IN (\(drawn)))
                    OR (vip_month = ? AND customer_id IN (\(drawn))) ORDER BY id
                    """, arguments: arguments)
            #expect(records.count == expected.count && records.count > 60)
            #expect(records.map(\.id) == expected)
        }
        // The VIP list derived again replaces its rows; the blocks keep the sheets'.
        let removed = try Store(path: w.db).write { db in
            try SheetData.removeImports(kind: .vip, fileName: "vip.csv", vipMonth: PoolBlockTests.month, db)
        }
        #expect(removed == 0)  // an imported list is not a derived one
    }

    @Test func aBlockReadsBackAsWrittenAndDamageIsFound() {
        var g = SystemRandomNumberGenerator()
        var entries = (0..<5_000).map { _ in
            PoolEntry(
                day: 20_700, customer: Int.random(in: 1...Int(Int32.max), using: &g),
                kind: UInt8.random(in: 0...3, using: &g),
                fingerprint: Int64.random(in: .min ... .max, using: &g), route: UInt8.random(in: 0...3, using: &g),
                record: Int64.random(in: 1...10_000_000, using: &g))
        }
        entries.sort(by: PoolEntry.precedes)
        let bytes = PoolBlock.encode(entries[...])
        var decoded: [PoolEntry] = []
        #expect(bytes.withUnsafeBufferPointer { PoolBlock.decode($0, day: 20_700, into: &decoded) })
        #expect(decoded == entries)
        #expect(MemoryLayout<PoolEntry>.stride == 24)
        // The records of some customers, read without the rest of the rows.
        let some = Set(entries.prefix(40).map(\.customer) + [5])
        var bits = [UInt64](repeating: 0, count: some.max()! / 64 + 1)
        for c in some { bits[c / 64] |= 1 << UInt64(c % 64) }
        var ids: [Int64] = []
        #expect(bytes.withUnsafeBufferPointer { PoolBlock.records($0, of: bits, into: &ids) })
        #expect(ids == entries.filter { some.contains($0.customer) }.map(\.record))
        #expect(ids.count >= 40)
        #expect(!Array(bytes.dropLast()).withUnsafeBufferPointer { PoolBlock.records($0, of: bits, into: &ids) })
        #expect(
            decoded.first?.day == 20_700
                && PoolEntry(day: -3, customer: 7, kind: 0, fingerprint: 0, route: 0, record: 1).day == -3)
        // Cut short anywhere inside a row, it is damaged; a customer 0 too.
        for cut in [1, 5, 10] {
            var out: [PoolEntry] = []
            #expect(!Array(bytes.prefix(cut)).withUnsafeBufferPointer { PoolBlock.decode($0, day: 1, into: &out) })
        }
        var out: [PoolEntry] = []
        #expect(
            ![0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 0x02].withUnsafeBufferPointer {
                PoolBlock.decode($0, day: 1, into: &out)
            })
        // Sorted runs merge into the order of all of them sorted.
        let runs = (0..<5).map { r in Array(entries.enumerated().filter { $0.offset % 5 == r }.map(\.element)) }
        #expect(PoolBlock.merge(runs.shuffled()) == entries)
        // Days before 1970 keep their order.
        #expect(
            PoolEntry.precedes(
                PoolEntry(day: -1, customer: 9, kind: 0, fingerprint: 0, route: 0, record: 1),
                PoolEntry(day: 0, customer: 1, kind: 0, fingerprint: 0, route: 0, record: 1)))
    }

    @Test(arguments: [20_700, 40_000])
    func anImportsRowsAreSortedAndCutIntoBlocksOfADay(lastDay: Int) {
        var g = SystemRandomNumberGenerator()
        // 31 days of a few hundred rows, a day of more than a block holds, and a far day (40,000:
        // days spanning more than 65,536 are sorted in one piece instead).
        var days = Array(20_669...20_699).flatMap { Array(repeating: $0, count: Int.random(in: 1...400, using: &g)) }
        days += Array(repeating: 20_683, count: PoolBlock.rows + 10) + [lastDay]
        var entries = days.enumerated().map { i, day in
            PoolEntry(
                // Customers up to 5,000 (sorted in two radix passes), some up to 2^31 (three), and
                // one with thousands of rows a day (a customer's rows sorted as a run of their own).
                day: day,
                customer: i % 50 == 0
                    ? Int.random(in: 1...Int(Int32.max), using: &g)
                    : i % 7 == 0 ? 42 : Int.random(in: 1...5_000, using: &g),
                kind: UInt8.random(in: 0...2, using: &g),
                fingerprint: Int64.random(in: -3...3, using: &g), route: UInt8.random(in: 0...3, using: &g),
                record: Int64(i + 1))
        }
        entries.shuffle(using: &g)
        let sorted = entries.sorted(by: PoolEntry.precedes)
        let blocks = PoolBlock.sortAndEncode(&entries)
        #expect(entries == sorted)
        var decoded: [PoolEntry] = []
        for b in blocks {
            #expect(b.bytes.withUnsafeBufferPointer { PoolBlock.decode($0, day: b.day, into: &decoded) })
        }
        #expect(decoded == sorted)
        // A block a day, in order, and the large day in two.
        var expectedDays: [Int] = []
        for day in 20_669...20_699 { expectedDays += day == 20_683 ? [day, day] : [day] }
        expectedDays.append(lastDay)
        #expect(blocks.map(\.day) == expectedDays)
    }

    @Test func anImportRemovedTakesItsBlocks() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 30, day: "2026-11-10")])
        try w.importFiles(.afterSales, [afterSales(w, "b.csv", first: 100, count: 30, day: "2026-11-10")])
        try Store(path: w.db).write { db in
            // The second filed as a derived VIP list is (those are what removeImports replaces).
            try db.execute(
                sql:
                    "UPDATE imports SET kind = 'vip', file_name = 'derived', vip_month = '2026-11' WHERE id = (SELECT max(id) FROM imports)"
            )
            #expect(
                try SheetData.removeImports(kind: .vip, fileName: "derived", vipMonth: PoolBlockTests.month, db) == 30)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pool_blocks") == 1)
            let pool = try PoolBlockTests.pool(PoolBlockTests.window, PoolBlockTests.month, db)
            #expect(pool.count == 30)
            #expect(pool == (try PoolBlockTests.poolFromRecords(PoolBlockTests.window, PoolBlockTests.month, db)))
        }
    }

    @Test func theMigrationBuildsTheBlocksOfTheRecordsStored() throws {
        let database = try OldDatabase(upTo: "v10: identity keys in blocks")
        defer { withExtendedLifetime(database) {} }  // its folder goes with it
        let (old, path) = (database.queue, database.path)
        try old.write { db in
            for i in 1...2 {
                try db.execute(
                    sql: """
                        INSERT INTO imports(id, kind, file_name, file_size, imported_at, rows_read, rows_new, rows_known, rows_rejected)
                        VALUES (?, 'after-sales', 'a.csv', 1, '2026-11-25 09:00:00', 1, 1, 0, 0)
                        """, arguments: [i])
            }
            // Two imports, days inside and outside the window, a customer on both, a VIP row.
            let rows: [(Int, Int, Int, Int64, Int?, String?, Int)] = [
                (1, 0, 3, 77, 20_754, nil, 0), (1, 0, 1, -5, 20_754, nil, 1), (1, 1, 1, 12, 20_760, nil, 0),
                (2, 0, 1, 11, 20_754, nil, 2), (2, 2, 2, 4, 20_700, nil, 0), (2, 3, 4, 9, nil, "2026-11", 3),
                (2, 0, 2, 3, 20_777, nil, 0),
                // Damaged: a kind no sheet has, a route no one knows, a day beyond any window.
                (1, 17, 5, 1, 20_755, nil, 0), (1, 0, 7, 3, 20_756, nil, 40), (1, 0, 8, 4, 1 << 40, nil, 0),
            ]
            for (n, r) in rows.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO records(import_id, kind, customer_id, fingerprint, event_day, vip_month, source_row, fields, route)
                        VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)
                        """, arguments: [r.0, r.1, r.2, r.3, r.4, r.5, n + 2, r.6])
            }
        }
        try old.close()
        let store = try Store(path: path)
        let (pool, expected, index) = try store.read { db in
            (
                try PoolBlockTests.pool(PoolBlockTests.window, PoolBlockTests.month, db),
                try PoolBlockTests.poolFromRecords(PoolBlockTests.window, PoolBlockTests.month, db),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'records_pool'")
            )
        }
        // The kind no sheet has is kept as one (15: the draw refuses it), the unknown route as
        // none (3), as the draw read them; the day beyond any window is in none.
        #expect(pool == ["1 0 -5 1", "1 0 11 2", "3 0 77 0", "5 15 1 0", "7 0 3 3", "1 1 12 0", "2 0 3 0", "4 3 9 3"])
        #expect(
            expected == ["1 0 -5 1", "1 0 11 2", "3 0 77 0", "5 17 1 0", "7 0 3 40", "1 1 12 0", "2 0 3 0", "4 3 9 3"])
        #expect(index == 0)
        // A day stored as text (a hand-edited database) was in no window, and is in no block.
        try store.write { db in
            try db.execute(sql: "UPDATE records SET event_day = 'x' WHERE customer_id = 8")
            try db.execute(sql: "DELETE FROM pool_blocks")
            try SheetData.buildPoolBlocks(db)
            #expect(try PoolBlockTests.pool(PoolBlockTests.window, PoolBlockTests.month, db).count == 8)
        }
    }
}

/// An import knows the rows already stored by their fingerprints, read from the pool blocks for the dated records
/// and from an index for the rest, not from the records table: the same fingerprints, kind by kind.
@Suite("The fingerprints of the rows stored")
struct StoredFingerprintTests {
    static func fromRecords(_ kind: SourceKind, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT fingerprint FROM records WHERE kind = ? ORDER BY 1", arguments: [kind.code])
    }

    static func fromStore(_ kind: SourceKind, _ db: Database) throws -> [Int64] {
        var found: [Int64] = []
        try SheetData.fingerprints(kind: kind, db) { found.append($0) }
        return found.sorted()
    }

    @Test func theBlocksAndTheIndexHoldEveryStoredRowsFingerprint() throws {
        let w = try TestWorkspace()
        let afterSales = w.csv(
            "a.csv",
            [afterSalesHeader]
                + (1...40).map {
                    "客户\($0),138\(String(format: "%08d", $0)),buyer\($0),\(900_000 + $0),四件套,2026-10-01,问题\($0),小王,2026-11-\(String(format: "%02d", 1 + $0 % 26))"
                })
        try w.importFiles(.afterSales, [afterSales])
        try w.importFiles(
            .reviews,
            [w.csv("r.csv", ["评价时间,买家昵称,评价等级,评价内容"] + (1...15).map { "2026-11-0\(1 + $0 % 9),buyer\($0),差评,慢\($0)" })])
        try w.importFiles(
            .courier,
            [
                w.csv(
                    "c.csv",
                    ["登记日期,买家旺旺,收货人,联系电话,订单号,异常类型"]
                        + (1...12).map {
                            "2026-11-0\(1 + $0 % 9),buyer\($0 + 30),客户,13900000\(100 + $0),\(800_000 + $0),丢件"
                        })
            ])
        // A sheet whose rows join customers that were apart (a phone of one, the buyer ID of another): the blocks
        // of their rows are rewritten.
        let joins = try w.importFiles(
            .afterSales,
            [
                w.csv(
                    "j.csv",
                    [afterSalesHeader]
                        + (1...5).map {
                            "合并\($0),138\(String(format: "%08d", $0)),buyer\($0 + 20),\(950_000 + $0),枕头,2026-10-01,换货,小李,2026-11-10"
                        })
            ])
        #expect(joins.merges == 5)
        // A VIP list: rows without a day, in no block.
        let vip = w.csv("vip.csv", ["会员名,手机", "buyer5,13800000005", "newvip,13900000077"])
        try w.importFiles(.vip, [vip], month: "2026-11")
        let store = try Store(path: w.db)
        try store.write { db in
            // Rows of a damaged database that no block holds: a day as text, a day past 32 bits.
            try db.execute(
                sql: """
                    INSERT INTO records(import_id, kind, customer_id, fingerprint, event_day, vip_month, source_row, fields, route)
                    VALUES (1, 0, 1, 4242, 'x', NULL, 99, '', 0), (1, 0, 1, 4343, 5000000000, NULL, 100, '', 0)
                    """)
        }
        try store.read { db in
            for kind in [SourceKind.afterSales, .reviews, .vip, .courier] {
                let expected = try StoredFingerprintTests.fromRecords(kind, db)
                #expect(try StoredFingerprintTests.fromStore(kind, db) == expected, "\(kind)")
            }
            #expect(try StoredFingerprintTests.fromRecords(.afterSales, db).count == 47)
            #expect(try StoredFingerprintTests.fromRecords(.courier, db).count == 12)
            #expect(try StoredFingerprintTests.fromRecords(.vip, db).count == 2)
            // The rows no block holds are read through their index, not by a scan of the records.
            let plan = try Row.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN SELECT fingerprint FROM records WHERE kind = ? AND \(SheetData.notInBlocks)",
                arguments: [0]
            ).map { $0["detail"] as String }.joined(separator: "; ")
            #expect(plan.contains("records_undated"), "\(plan)")
        }
        // Each file again: every row known, none new.
        let again = try w.importFiles(.afterSales, [afterSales])
        #expect(again.files[0].known == 40 && again.files[0].new == 0)
        let vipAgain = try w.importFiles(.vip, [vip], month: "2026-11")
        #expect(vipAgain.files[0].known == 2 && vipAgain.files[0].new == 0)
    }

    /// A workspace of an earlier release gets the index when it opens.
    @Test func theMigrationMakesTheIndex() throws {
        let old = try OldDatabase(upTo: "v11: the month's pool in blocks")
        let count = { (db: Database) in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'records_undated'")
        }
        #expect(try old.queue.read(count) == 0)
        try old.queue.close()
        #expect(try Store(path: old.path).read(count) == 1)
    }
}

/// A database migrated only up to `migration`, as an earlier release left it, in a folder of its
/// own that goes with the value: the migrations after it run when a ``Store`` opens it.
final class OldDatabase {
    let dir: String
    let path: String
    let queue: DatabaseQueue

    init(upTo migration: String) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("old-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = "\(dir)/spotcheck.db"
        queue = try DatabaseQueue(path: path)
        try Store.migrator.migrate(queue, upTo: migration)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }
}
