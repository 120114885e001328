import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import Testing

@testable import SpotCheckKit
@testable import SpotCheckStore

/// Loads of more than ``SheetImporter/bulkRows`` rows: the rows go through a rollback journal when the command has the database to itself, and the
/// customers are resolved on a worker of their own.
@Suite("Large imports")
struct BulkImportTests {
    /// `count` after-sales rows (about 105 bytes each): rows 2k and 2k+1 share a phone, so each
    /// pair is one customer; every row has its own buyer ID and order number.
    static func rows(_ count: Int, lastRow: String? = nil) -> [String] {
        var lines = [afterSalesHeader]
        lines.reserveCapacity(count + 1)
        for i in 0..<count {
            lines.append(
                "客户\(i),139\(String(format: "%08d", i / 2)),buyer\(i),3612\(String(format: "%015d", i)),"
                    + "纯棉四件套 1.8米床,2026-10-20,做工开线,小王,2026-11-\(String(format: "%02d", i % 20 + 1))")
        }
        if let lastRow { lines[lines.count - 1] = lastRow }
        return lines
    }

    static func journalMode(_ path: String) throws -> String {
        try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }

    @Test func aLoadIsBulkFromFiftyThousandRowsAndHalfWhatTheDatabaseHolds() {
        #expect(SheetImporter.isBulk(expected: 60_000, stored: 0))
        #expect(!SheetImporter.isBulk(expected: 50_000, stored: 0))
        // A later month of as many rows as the first, or half as many, rebuilds the index.
        #expect(SheetImporter.isBulk(expected: 1_000_000, stored: 1_160_000))
        #expect(SheetImporter.isBulk(expected: 1_000_000, stored: 2_000_000))
        #expect(!SheetImporter.isBulk(expected: 1_000_000, stored: 2_000_001))
    }

    @Test func roomIsMadeForTheOrderNumbersTheFirstRowsShow() {
        // Every row of an after-sales export with its own all-digit order number: a number per row.
        #expect(NewRows.orderRoom(rows: 1_000_000, like: (numeric: 2048, rows: 2048)) == 1_000_000)
        #expect(NewRows.orderRoom(rows: 1_000_000, like: (numeric: 1536, rows: 2048)) == 750_000)
        // None, or a first batch with none (text order numbers, or a small first file): half the rows, as before.
        #expect(NewRows.orderRoom(rows: 1_000_000, like: (numeric: 0, rows: 2048)) == 500_000)
        #expect(NewRows.orderRoom(rows: 1_000_000, like: (numeric: 0, rows: 0)) == 500_000)
        #expect(NewRows.orderRoom(rows: 0, like: (numeric: 5, rows: 5)) == 0)
    }

    @Test func theRowsExpectedAreCountedFromAFilesFirstMegabyte() throws {
        let w = try TestWorkspace()
        // A file within the sample: its lines less the header.
        #expect(SheetImporter.expectedRows(w.csv("small.csv", BulkImportTests.rows(3_000))) == 3_000)
        // A larger one (about 4 MB): extrapolated from its first megabyte, within 5%.
        let large = w.csv("large.csv", BulkImportTests.rows(40_000))
        #expect(abs(SheetImporter.expectedRows(large) - 40_000) < 2_000)
        #expect(SheetImporter.expectedRows([large, large]) == 2 * SheetImporter.expectedRows(large))
        // UTF-16 (Excel's 'Unicode text'): its line feeds count the same.
        let utf16 = "\(w.dir)/utf16.csv"
        let text = BulkImportTests.rows(500).joined(separator: "\r\n") + "\r\n"
        try Data([0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: URL(fileURLWithPath: utf16))
        #expect(SheetImporter.expectedRows(utf16) == 500)
        // A workbook (a zip): one row per 100 bytes; a missing file nothing.
        let book = "\(w.dir)/book.xlsx"
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 49_996)).write(to: URL(fileURLWithPath: book))
        #expect(SheetImporter.expectedRows(book) == 500)
        #expect(SheetImporter.expectedRows("\(w.dir)/missing.csv") == 0)
    }

    @Test func aLargeImportStoresEveryRowResolvesEveryCustomerAndLeavesTheDatabaseInWAL() throws {
        let w = try TestWorkspace()
        let file = w.csv("large.csv", BulkImportTests.rows(60_000))
        #expect(SheetImporter.expectedRows([file]) > SheetImporter.bulkRows)
        let report = try w.importFiles(.afterSales, [file])
        #expect(report.files.map(\.new) == [60_000])
        #expect(report.customers == 30_000)
        #expect(try w.count("records") == 60_000)
        // A buyer ID, an order number and (every other row) a phone: 150,000 keys.
        #expect(try w.keyCount() == 150_000)
        let pairs = try Store(path: w.db).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source_row, customer_id FROM records WHERE source_row IN (2, 3, 4, 60000, 60001)
                    ORDER BY source_row
                    """
            ).map { [$0[0], $0[1]] as [Int] }
        }
        #expect(pairs == [[2, 1], [3, 1], [4, 2], [60_000, 30_000], [60_001, 30_000]])
        #expect(try BulkImportTests.journalMode(w.db) == "wal")
        // The pool is in blocks, a day each (20 days of 3,000 rows), and no index is left to build.
        let blocks = try Store(path: w.db).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM pool_blocks"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'records_pool'")
            )
        }
        #expect(blocks.0 == 20 && blocks.1 == 0)
        // 3,000 rows a day (sorted in radix passes): the rows the records hold, in the index's order.
        let window = Day(year: 2026, month: 10, day: 27)!...Day(year: 2026, month: 11, day: 26)!
        let month = YearMonth(parsing: "2026-11")!
        try Store(path: w.db).read { db in
            let pool = try PoolBlockTests.pool(window, month, db)
            #expect(pool.count == 60_000)
            #expect(pool == (try PoolBlockTests.poolFromRecords(window, month, db)))
        }
        // The same file again adds nothing; the draw reads the month from the blocks.
        #expect(try w.importFiles(.afterSales, [file]).files.map(\.known) == [60_000])
        #expect(try w.draw("2026-11", size: 50).drawn == 50)
    }

    @Test func aBadRowAtTheEndOfALargeFileChangesNothingAndTheDatabaseStaysInWAL() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [w.csv("small.csv", [afterSalesHeader] + BulkImportTests.rows(3).dropFirst())])
        let before = try w.snapshot()
        let lines = BulkImportTests.rows(60_000, lastRow: "周杰,13500001111,zj,5,枕头,2026-10-20,换货,小王,2026-13-04")
        do {
            try w.importFiles(.afterSales, [w.csv("large.csv", lines)])
            Issue.record("the import should fail")
        } catch let e as ImportError {
            #expect(e.totalBadRows == 1)
            #expect(e.issues.map(\.issue.row) == [60_001])
        }
        #expect(try w.snapshot() == before)
        #expect(try BulkImportTests.journalMode(w.db) == "wal")
    }

    @Test func aBulkWriteBesideAnotherConnectionStaysInWALWithoutWaiting() throws {
        let w = try TestWorkspace()
        let waited = Waited()
        let store = try Store(path: w.db, onWait: { waited.set() })
        #expect(try store.write(bulk: true) { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        #expect(try BulkImportTests.journalMode(w.db) == "wal")
        // The workbench's pool holds its connections open: the load stays in WAL mode, at once.
        let pool = try Store(path: w.db, concurrentReads: true)
        #expect(try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM records") } == 0)
        #expect(try store.write(bulk: true) { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(!waited.isSet)
        #expect(try store.write(bulk: false) { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func keysOfTheFormerTableMoveIntoBlocksAndMergesAreFollowed() throws {
        // A database at v9, keys a row each (one customer merged into another already).
        let database = try OldDatabase(upTo: "v9: the web workbench's people, sessions, assignments and audit log")
        defer { withExtendedLifetime(database) {} }  // its folder goes with it
        let (old, path) = (database.queue, database.path)
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO customer_keys(key, customer_id) VALUES
                      ('b:lily', 1), ('p:13812345678', 1), ('o:3612000000000000001', 2), ('b:王芳', 2),
                      ('p:18735643633-7298', 3)
                    """)
        }
        try old.close()
        let store = try Store(path: path)
        let keys = try store.read { db in
            var keys: [String] = []
            try SheetData.forEachIdentityKey(db) { keys.append("\($0)=\($1)") }
            return keys
        }
        #expect(keys == ["b:lily=1", "p:13812345678=1", "o:3612000000000000001=2", "b:王芳=2", "p:18735643633-7298=3"])
        #expect(try store.read { try $0.tableExists("customer_keys") } == false)
        // A merge of 3 into 2, then of 2 into 1: the keys follow both.
        try store.write { db in
            try SheetData.applyMerges([3: 2], db)
            try SheetData.applyMerges([2: 1], db)
        }
        #expect(
            try store.read { try Row.fetchAll($0, sql: "SELECT old, new FROM customer_merges ORDER BY old") }
                .map { [$0[0], $0[1]] as [Int] } == [[2, 1], [3, 1]])
        #expect(try store.read { try Set(SheetData.identityKeys($0).values) } == [1])
    }

    @Test(arguments: [
        "62FF",  // cut short in a length
        "7801610A",  // an unknown kind
        "620561",  // a key longer than the block
        "620161FEFFFFFFFFFFFFFFFF01",  // customer Int.max: the next customer's number would overflow
        "62016100",  // customer 0
        "62016101",  // customer -1
    ])
    func aDamagedKeyBlockStopsTheImportWithoutACrash(block: String) throws {
        let w = try TestWorkspace()
        try Store(path: w.db).write { db in
            try db.execute(sql: "INSERT INTO customer_key_blocks(keys) VALUES (x'\(block)')")
        }
        let file = w.csv("a.csv", BulkImportTests.rows(2))
        #expect(throws: StoreError.self) { try w.importFiles(.afterSales, [file]) }
        #expect(try w.count("records") == 0)
    }

    /// A merge or a next customer number past what the key blocks hold (a hand-edited database) would hand out
    /// customers the resolver's tables cannot keep, so rows of one customer would come out apart: the import stops,
    /// naming the row, and stores nothing.
    @Test(arguments: [
        "INSERT INTO customer_merges(old, new) VALUES (3, 5000000000)",
        "INSERT INTO customer_merges(old, new) VALUES (0, 3)",
        "INSERT INTO meta(key, value) VALUES ('next_customer', '5000000000') ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ])
    func aCustomerNumberPastTheKeyBlocksStopsTheImport(damage: String) throws {
        let w = try TestWorkspace()
        try Store(path: w.db).write { db in try db.execute(sql: damage) }
        let file = w.csv("a.csv", BulkImportTests.rows(2))
        let error = #expect(throws: StoreError.self) { try w.importFiles(.afterSales, [file]) }
        let text = "\(error.map { $0 } as Any)"
        #expect(text.contains("customer_merges") || text.contains("next_customer"), "\(text)")
        #expect(try w.count("records") == 0)
    }

    @Test func aDatabaseLeftInARollbackJournalIsInWALOnceOpened() throws {
        // As a bulk load killed before it switched back would leave it.
        let w = try TestWorkspace()
        _ = try DatabaseQueue(path: w.db).writeWithoutTransaction {
            try String.fetchOne($0, sql: "PRAGMA journal_mode = DELETE")
        }
        #expect(try BulkImportTests.journalMode(w.db) == "delete")
        _ = try Store(path: w.db)
        #expect(try BulkImportTests.journalMode(w.db) == "wal")
    }

    /// What another process finds when it asks for the database's write lock at once (no waiting), through
    /// Python's sqlite3: "locked" or "free". Locks belong to processes, so only another process can tell.
    static func lockSeenFromAnotherProcess(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [
            "-c",
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
            try:
                c.execute("BEGIN EXCLUSIVE")
                c.execute("ROLLBACK")
                print("free")
            except sqlite3.OperationalError as e:
                print("locked" if "locked" in str(e) else e)
            """,
            path,
        ]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The bulk load hands its pages to the disk as it goes (``SheetData/Writeback``) through a descriptor of its own.
    /// Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included: then another
    /// process could read the load half written, or take its journal for a crashed one's and roll it back. So the
    /// descriptor is never closed, and the load's lock holds after the writeback, as it holds before.
    @Test func theWritebackKeepsTheLoadsLockOnTheDatabase() throws {
        // Without sync_file_range the writeback opens nothing, and this test would check nothing.
        try #require(SheetData.Writeback.syncFileRange != nil)
        let w = try TestWorkspace()
        // The control: a read transaction's lock, which another process's exclusive lock waits for, is gone once a
        // descriptor of the file is opened and closed (so the question below can tell a kept lock from a lost one).
        // In a rollback journal, as a bulk load has it (in WAL a reader takes no lock another's write waits for).
        let mode = try DatabaseQueue(path: w.db).writeWithoutTransaction { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        }
        #expect(mode == "delete")
        try DatabaseQueue(path: w.db).read { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM records")
            #expect(try BulkImportTests.lockSeenFromAnotherProcess(w.db) == "locked")
            let fd = open(w.db, O_RDONLY)
            #expect(fd >= 0)
            close(fd)
            #expect(try BulkImportTests.lockSeenFromAnotherProcess(w.db) == "free")
        }
        // A bulk load under way (a rollback journal, the workspace to itself): locked before the writeback, after it,
        // and after the next one (which finds the descriptor already open).
        let store = try Store(path: w.db)
        try store.write(bulk: true) { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "delete")
            try db.execute(sql: "CREATE TABLE lock_probe(x); INSERT INTO lock_probe VALUES (1)")
            #expect(try BulkImportTests.lockSeenFromAnotherProcess(w.db) == "locked")
            SheetData.Writeback(w.db).start()
            #expect(try BulkImportTests.lockSeenFromAnotherProcess(w.db) == "locked")
            SheetData.Writeback(w.db).start()
            #expect(try BulkImportTests.lockSeenFromAnotherProcess(w.db) == "locked")
        }
        #expect(try BulkImportTests.lockSeenFromAnotherProcess(w.db) == "free")
    }
}

/// Set once by a store's busy callback.
private final class Waited: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
