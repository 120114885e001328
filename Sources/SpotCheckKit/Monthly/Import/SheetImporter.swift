import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// What to import.
public struct ImportRequest: Sendable {
    public var kind: SourceKind
    public var files: [String]
    public var sheet: String?
    /// The month a VIP list belongs to; for dated sheets, the month to check the rows against.
    public var month: YearMonth?
    public var skipBad: Bool
    /// The seller centre the files come from; nil: told by their headers.
    public var platform: Platform?

    public init(
        kind: SourceKind, files: [String], sheet: String? = nil, month: YearMonth? = nil, skipBad: Bool = false,
        platform: Platform? = nil
    ) {
        self.platform = platform
        self.kind = kind
        self.files = files
        self.sheet = sheet
        self.month = month
        self.skipBad = skipBad
    }
}

/// What an import did, file by file.
public struct ImportReport: Sendable {
    public struct FileReport: Sendable, Equatable {
        public var file: String
        public var format: String
        public var read: Int
        public var new: Int
        public var known: Int
        public var blank: Int
        public var rejected: Int
        public var rejectsFile: String?
        /// Totals rows (合计/总计/小计) skipped.
        public var totals = 0
        /// The seller centre, given or told by the headers.
        public var platform: Platform?
    }
    public var kind: SourceKind
    public var files: [FileReport]
    /// Distinct customers among the new rows.
    public var customers: Int
    /// Customer merges this import caused.
    public var merges: Int
    /// Records that joined two customers, by the kind of key they shared.
    public var mergesByKey: [IdentityResolver.MergeKey: Int] = [:]
    /// The month the VIP list was filed under.
    public var vipMonth: YearMonth?
    /// Notes for the user.
    public var notes: [Message]
    /// True when nothing at all was added.
    public var unchanged: Bool { files.allSatisfy { $0.new == 0 } }
}

/// Progress of a long import.
public struct ImportProgress: Sendable {
    public var rows: Int
    public var bytes: Int
    public var totalBytes: Int
}

/// Imports the month's sheets (售后 / 快递 / 评价 / VIP) into the store, atomically.
public struct SheetImporter {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Runs the import. On any bad row (without `skipBad`) nothing is stored.
    public func run(_ request: ImportRequest, progress: ((ImportProgress) -> Void)? = nil) throws -> ImportReport {
        var files = ImportedFiles(
            workspace: workspace, sheet: request.sheet, skipBad: request.skipBad,
            platform: request.platform, progress: progress)
        let store = try workspace.store()
        let stored = try store.read { try SheetData.recordCount($0) }
        let expected = SheetImporter.expectedRows(request.files)
        let bulk = SheetImporter.isBulk(expected: expected, stored: stored)
        let report = try store.write(bulk: bulk) { db in try run(request, files: &files, expected: expected, db) }
        try files.writeRejects()
        return report
    }

    /// Runs the import inside the open write transaction `db` (a batch runs several kinds in
    /// one); `files` reads the files and keeps what is to be written once it is stored. `expected`:
    /// the rows the files hold (``expectedRows(_:)-([String])``), when the caller counted them already.
    func run(
        _ request: ImportRequest, files: inout ImportedFiles, expected: Int? = nil, _ db: Database
    ) throws -> ImportReport {
        let ws = workspace
        let period = ws.config.settings.period
        let vipMonth = request.kind == .vip ? (request.month ?? period.month(containing: ws.today)) : nil
        let checkWindow = request.kind == .vip ? nil : request.month.map { period.window(of: $0) }
        let started = Date()
        var known = FingerprintSet()
        try SheetData.fingerprints(kind: request.kind, db) { _ = known.insert($0) }
        var resolver = IdentityResolver(nextCustomer: try SheetData.nextCustomer(db))
        try SheetData.loadIdentityKeys(into: &resolver, db)
        let loaded = Date()
        let stage = NewRows(known: known, checkWindow: checkWindow, resolver: resolver)
        let expectedRows = expected ?? SheetImporter.expectedRows(request.files)
        let bulk = try SheetImporter.prepare(expected: expectedRows, stage: stage, db)
        let layout = SheetLayout.sheet(request.kind, columns: ws.config.columns, vipMonth: vipMonth)
        for path in request.files {
            // Read before the file's reader starts (on its thread, `stage` counts the rows already stored).
            let knownBefore = stage.knownRows
            try files.importFile(
                path, kind: request.kind.rawValue, vipMonth: vipMonth, layout: layout, prepare: stage.take, db
            ) { importID, nextBatch, report in
                let inserter = try SheetData.Inserter(importID: importID, expected: expectedRows, writeBack: bulk, db)
                let keyWriter = try SheetData.KeyWriter(db)
                while var batch = nextBatch() {
                    // The rows come resolved (``NewRows``, on the reader's preparing worker): this thread stores.
                    try batch.withUnsafeMutableBufferPointer { rows in
                        // Each row's record and keys are swapped out of the batch, not copied (a copy
                        // retained and released their arrays and strings); declared here, not captured.
                        var record = NewRecord(
                            kind: request.kind, eventDay: nil, vipMonth: nil, sourceRow: 0, packedFields: [],
                            route: .none)
                        var keys = KeyPair()
                        for i in rows.indices {
                            swap(&record, &rows[i].record)
                            swap(&keys, &rows[i].newKeys)
                            try keyWriter.write(keys, customer: record.customer)
                            try inserter.insert(record)
                        }
                    }
                    report.new += batch.count
                }
                // The reader is done once the channel is: its counts are final.
                report.known += stage.knownRows - knownBefore
                try keyWriter.finish()
                try inserter.finish()
            }
        }
        try files.checkBadRows()
        let rowsDone = Date()
        // Every file's reader is done: the stage's resolver and counts are final.
        let merges = stage.resolver.merges()
        try SheetData.applyMerges(merges, db)
        try SheetData.setNextCustomer(stage.resolver.nextCustomer, db)
        if bulk { try SheetData.endBulkLoad(db) }
        ws.logger.debug(
            """
            import: \(bulk ? "bulk" : "incremental"), stored keys and fingerprints \(loaded.timeIntervalSince(started)) s, \
            rows and pool \(rowsDone.timeIntervalSince(loaded)) s, merges \(Date().timeIntervalSince(rowsDone)) s
            """)
        return ImportReport(
            kind: request.kind, files: files.reports,
            customers: SheetImporter.distinct(stage.newCustomers, &stage.resolver),
            merges: merges.count, mergesByKey: stage.mergesByKey, vipMonth: vipMonth,
            notes: notes(vipMonth: vipMonth, outside: stage.outside, of: request.month))
    }

    /// Makes room in `known` and `resolver` for the fingerprints and keys of the `expected` new rows. A bulk load
    /// (``isBulk(expected:stored:)``) keeps a smaller page cache (``SheetData/beginBulkLoad(_:)``): returns whether
    /// it is one.
    private static func prepare(expected: Int, stage: NewRows, _ db: Database) throws -> Bool {
        stage.reserve(expected)
        let bulk = isBulk(expected: expected, stored: try SheetData.recordCount(db))
        if bulk { try SheetData.beginBulkLoad(db) }
        return bulk
    }

    /// About how many rows the files hold (see ``expectedRows(_:)-(String)``).
    static func expectedRows(_ files: [String]) -> Int { files.reduce(0) { $0 + expectedRows($1) } }

    /// About how many rows a file holds: a CSV as many as its size over the bytes per line of its
    /// first megabyte (exports differ: 150 to 400 bytes a row, and one row per 100 bytes sized the
    /// import's tables for half as many rows again as a million-row file held); a workbook one per
    /// 100 bytes. A file that cannot be read counts nothing here: reading it fails the import.
    static func expectedRows(_ path: String) -> Int {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int, size > 0,
            let handle = FileHandle(forReadingAtPath: path)
        else { return 0 }
        defer { try? handle.close() }
        guard let sample = try? handle.read(upToCount: 1 << 20), !sample.starts(with: [0x50, 0x4B, 0x03, 0x04])
        else { return size / 100 }
        // Line feeds, one of them the header's (in UTF-16, a character with a 0x0A byte counts too:
        // the estimate runs high); at most one row per 16 bytes, whatever the sample holds.
        let lines = sample.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        guard lines >= 2 else { return size / 100 }
        if sample.count == size { return lines - 1 }
        return min(size / 16, max(0, Int(Double(size) * Double(lines) / Double(sample.count)) - 1))
    }

    /// Whether a load is a bulk load: more than 50,000 rows, and at least half as many as the
    /// database holds. A bulk load goes through a rollback journal (``Store/write(bulk:_:)``:
    /// WAL mode writes every new page twice) with a smaller page cache (``SheetData/beginBulkLoad(_:)``).
    static func isBulk(expected: Int, stored: Int) -> Bool { expected > bulkRows && expected * 2 >= stored }

    /// The fewest rows of a bulk load.
    static let bulkRows = 50_000

    /// How many distinct customers `customers` are once merges are followed: a bit per customer
    /// number (they count up from 1) instead of a set of a million numbers.
    static func distinct(_ customers: [Int], _ resolver: inout IdentityResolver) -> Int {
        var seen = [UInt64](repeating: 0, count: max(resolver.nextCustomer, 0) / 64 + 1)
        var others = Set<Int>()  // numbers outside that range, should a database hold any
        var count = 0
        for c in customers {
            let root = resolver.find(c)
            guard root >= 0, root / 64 < seen.count else {
                if others.insert(root).inserted { count += 1 }
                continue
            }
            let bit = UInt64(1) << UInt64(root % 64)
            if seen[root / 64] & bit == 0 {
                seen[root / 64] |= bit
                count += 1
            }
        }
        return count
    }

    /// The notes an import adds: the month a VIP list was filed under; rows outside the month checked against.
    private func notes(vipMonth: YearMonth?, outside: Int, of month: YearMonth?) -> [Message] {
        let period = workspace.config.settings.period
        var notes: [Message] = []
        if let m = vipMonth {
            let w = period.window(of: m)
            notes.append(Catalog.Import.vipMonth(m.description, window: "\(w.lowerBound) – \(w.upperBound)"))
        }
        if outside > 0, let m = month {
            let w = period.window(of: m)
            notes.append(
                Catalog.Import.outsideMonth(
                    count: outside, month: m.description,
                    window: "\(w.lowerBound) – \(w.upperBound)"))
        }
        return notes
    }

    /// Completes a file's report and its `imports` row from what the reader found (an import
    /// row that added nothing is removed).
    static func finish<P>(
        _ report: inout ImportReport.FileReport, importRow: inout ImportRow, file: TabularFile,
        reader: SheetReader<P>, _ db: Database
    ) throws {
        report.read = reader.read
        report.blank = reader.blank
        report.rejected = reader.rejected
        report.totals = reader.totals
        report.platform = reader.platform
        switch file.format {
        case .csv(let enc): report.format = "CSV \(enc.rawValue)"; importRow.encoding = enc.rawValue
        case .xlsx(let sheet): report.format = "XLSX「\(sheet)」"; importRow.sheet = sheet
        }
        importRow.rowsRead = report.read
        importRow.rowsNew = report.new
        importRow.rowsKnown = report.known
        importRow.rowsRejected = report.rejected
        if report.new == 0 { try importRow.delete(db) } else { try importRow.update(db) }
        if !reader.rejects.isEmpty { report.rejectsFile = SheetImporter.rejectsPath(for: report.file) }
    }

    /// `售后.csv` → `售后.rejects.csv`, beside the input.
    static func rejectsPath(for input: String) -> String {
        let base = (input as NSString).deletingPathExtension
        return base + ".rejects.csv"
    }

    func writeRejects(_ path: String, headers: [String], rows: [(Int, [Cell], [RowIssue])]) throws {
        let lang = workspace.lang
        // What others typed is written as text: Excel must not run =HYPERLINK(…) from it.
        var csv = CSVWriter(neutralizingFormulas: true)
        csv.row(
            [Catalog.Import.rejectsRowHeader.text(lang)] + headers + [Catalog.Import.rejectsReasonHeader.text(lang)])
        for (row, cells, issues) in rows {
            var fields = cells.map(\.text)
            if fields.count < headers.count { fields += Array(repeating: "", count: headers.count - fields.count) }
            let reasons = Catalog.Import.rejectReasons(issues.map { ($0.column, $0.reason) }).text(lang)
            csv.row([String(row)] + fields + [reasons])
        }
        try csv.write(to: path)
    }
}

/// The files of one import (sheets or orders), read one by one into the open write transaction: each file's
/// `imports` row and report, the bad rows and the problems listed, and the rejects files to write once it is stored.
struct ImportedFiles {
    let workspace: Workspace
    let sheet: String?
    let skipBad: Bool
    let platform: Platform?
    let progress: ((ImportProgress) -> Void)?
    /// One report per file, in the order given.
    private(set) var reports: [ImportReport.FileReport] = []
    private var issues: [(String, RowIssue)] = []
    private var badRows = 0
    private var rejects: [(path: String, headers: [String], rows: [(Int, [Cell], [RowIssue])])] = []

    init(
        workspace: Workspace, sheet: String?, skipBad: Bool, platform: Platform?,
        progress: ((ImportProgress) -> Void)?
    ) {
        self.workspace = workspace
        self.sheet = sheet
        self.skipBad = skipBad
        self.platform = platform
        self.progress = progress
    }

    /// Imports one file: records its `imports` row, reads the file on a worker thread and hands `store` the row's
    /// id, the reader's batches (nil when done) and the file's report, in which `store` counts the rows it adds
    /// (`new`) and the ones already stored (`known`); then completes the report from what the reader found.
    mutating func importFile<Parsed>(
        _ path: String, kind: String, vipMonth: YearMonth?, layout: SheetLayout<Parsed>,
        prepare: ((inout [Parsed]) -> Void)? = nil, _ db: Database,
        store: (_ importID: Int64, _ nextBatch: () -> [Parsed]?, _ report: inout ImportReport.FileReport) throws
            -> Void
    ) throws {
        let ws = workspace
        let file = try TabularFile(path: path, sheet: sheet)
        var importRow = ImportRow(
            kind: kind, fileName: path, fileSize: Int64(file.fileSize), sheet: nil, encoding: nil,
            vipMonth: vipMonth?.description, importedAt: ws.stamp, rowsRead: 0, rowsNew: 0, rowsKnown: 0,
            rowsRejected: 0)
        try importRow.insert(db)
        var report = ImportReport.FileReport(file: path, format: "", read: 0, new: 0, known: 0, blank: 0, rejected: 0)
        let reader = SheetReader(
            file: file, path: path, layout: layout, columns: ws.config.columns, skipBad: skipBad,
            platform: platform, progress: progress, prepare: prepare)
        reader.start()
        do {
            try store(importRow.id!, { reader.channel.receive() }, &report)
        } catch {
            reader.channel.cancel()
            reader.wait()
            throw error
        }
        reader.wait()
        if let error = reader.error { throw error }
        badRows += reader.rejected
        for i in reader.issues where issues.count < ImportError.listedIssues { issues.append((path, i)) }
        try SheetImporter.finish(&report, importRow: &importRow, file: file, reader: reader, db)
        if let r = report.rejectsFile { rejects.append((r, reader.headers, reader.rejects)) }
        reports.append(report)
    }

    /// Without `skipBad`, any bad row in any file fails the import: nothing is stored.
    func checkBadRows() throws {
        if badRows > 0 && !skipBad { throw ImportError(issues: issues, totalBadRows: badRows) }
    }

    /// Writes each file's rejected rows beside it (with `skipBad`), after the import is stored.
    func writeRejects() throws {
        let importer = SheetImporter(workspace: workspace)
        for r in rejects { try importer.writeRejects(r.path, headers: r.headers, rows: r.rows) }
    }
}

/// The part of a sheet import that must see the rows in order but needs no database: it drops
/// the rows already stored (by fingerprint), counts the new ones dated outside the month checked
/// against, and resolves each new row's customer from its identity keys (the keys stored before
/// the import are loaded into ``resolver`` first). It runs on the reader's preparing worker
/// (``SheetReader/prepare``), between the thread that parses the rows and the database thread
/// that stores them; the database thread reads its counts and the resolver once the reader is done.
final class NewRows: @unchecked Sendable {
    /// Everything in one value, changed through one access per row (each stored property of a
    /// class is checked for exclusive access at every use).
    private var state: State

    private struct State {
        var known: FingerprintSet
        let checkWindow: ClosedRange<Day>?
        var resolver: IdentityResolver
        var knownRows = 0
        var outside = 0
        var newCustomers: [Int] = []
        var mergesByKey: [IdentityResolver.MergeKey: Int] = [:]

        /// What the warming reads add up to, kept so that the reads are made.
        var warmth: UInt64 = 0

        mutating func warm(_ rows: UnsafeBufferPointer<ParsedRow>) {
            var sum: UInt64 = 0
            for i in rows.indices {
                sum &+= UInt64(bitPattern: known.touch(rows[i].record.fingerprint))
                sum &+= resolver.touch(rows[i].keys)
            }
            warmth &+= sum
        }

        mutating func take(_ row: inout ParsedRow) -> Bool {
            if !known.insert(row.record.fingerprint) {
                knownRows += 1
                return false
            }
            if let w = checkWindow, let d = row.record.eventDay, !w.contains(d) { outside += 1 }
            let resolution = resolver.resolveRecord(row.keys)
            for k in resolution.mergedOn { mergesByKey[k, default: 0] += 1 }
            row.record.customer = resolution.customer
            row.newKeys = resolution.newKeys
            newCustomers.append(resolution.customer)
            return true
        }
    }

    init(known: FingerprintSet, checkWindow: ClosedRange<Day>?, resolver: IdentityResolver) {
        state = State(known: known, checkWindow: checkWindow, resolver: resolver)
    }

    /// The customers so far, with the keys stored before and those of the rows taken.
    var resolver: IdentityResolver {
        get { state.resolver }
        set { state.resolver = newValue }
    }
    /// Rows dropped as already stored.
    var knownRows: Int { state.knownRows }
    /// New rows dated outside the month checked against.
    var outside: Int { state.outside }
    /// The customer of each new row, in order.
    var newCustomers: [Int] { state.newCustomers }
    /// Rows that joined two customers, by the kind of key they shared.
    var mergesByKey: [IdentityResolver.MergeKey: Int] { state.mergesByKey }

    /// Makes room for `count` more rows (at most two million ahead: the rest as they come, so
    /// that an estimate far too high never holds memory before the first row). The room is
    /// made when the first batch comes, on the preparing worker: a million rows' tables take
    /// 50 ms to clear, which the reader spends reading the first rows meanwhile.
    func reserve(_ count: Int) { pendingRoom = min(count, 1 << 21) }

    /// Rows to make room for before the first batch (``reserve(_:)``).
    private var pendingRoom = 0

    /// Makes the room ``reserve(_:)`` asked for, for rows like those of the first batch (``orderRoom(rows:like:)``).
    private func makeRoom(like batch: [ParsedRow]) {
        let ahead = pendingRoom
        pendingRoom = 0
        let numeric = batch.reduce(0) { $0 + ($1.keys.hasNumericOrder ? 1 : 0) }
        state.known.reserveCapacity(state.known.count + ahead)
        state.resolver.reserve(rows: ahead, numericOrders: NewRows.orderRoom(rows: ahead, like: (numeric, batch.count)))
        state.newCustomers.reserveCapacity(state.newCustomers.count + ahead)
    }

    /// How many all-digit order numbers `rows` rows bring, from a first batch of which `sample.numeric` rows of
    /// `sample.rows` had one (an after-sales row is one order's case); half the rows at least, as for the buyer IDs
    /// and phones, since a later file of the same import may have them where the first had none.
    static func orderRoom(rows: Int, like sample: (numeric: Int, rows: Int)) -> Int {
        let seen = sample.rows > 0 ? Int((Double(rows) * Double(sample.numeric) / Double(sample.rows)).rounded(.up)) : 0
        return max(rows / 2, min(seen, rows))
    }

    /// Fingerprints the rows of a batch (the reader leaves that to this worker); drops those
    /// already stored; resolves each new one's customer and notes which of its keys are new
    /// (``ParsedRow/newKeys``).
    func take(_ batch: inout [ParsedRow]) {
        if pendingRoom > 0 { makeRoom(like: batch) }
        var kept = 0
        // In place: a row is completed or dropped without copying the batch.
        batch.withUnsafeMutableBufferPointer { rows in
            RowParser.fingerprints(rows)
            // Each row's places in the tables are read first, all of them: their cache misses overlap
            // instead of coming one after another in the rows' loop, which finds them in the cache.
            state.warm(UnsafeBufferPointer(rows))
            for i in rows.indices where state.take(&rows[i]) {
                if kept != i { rows.swapAt(kept, i) }
                kept += 1
            }
        }
        batch.removeLast(batch.count - kept)
    }
}
