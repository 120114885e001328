import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

/// Reads one sheet file on a worker thread: finds the header row, parses every row and
/// hands the good ones over in batches, while the database thread drops rows already
/// stored, resolves each customer and stores the rest. With two cores, the halves overlap.
final class SheetReader: @unchecked Sendable {
    let file: TabularFile
    let path: String
    let kind: SourceKind
    let columns: ColumnMap
    let vipMonth: YearMonth?
    let skipBad: Bool
    /// The platform given; else told by the header row (see ``platform``).
    private(set) var platform: Platform?
    private let platformGiven: Bool
    let progress: ((ImportProgress) -> Void)?
    let channel = BatchChannel()

    // Results, read after `wait()`.
    private(set) var read = 0
    private(set) var blank = 0
    private(set) var rejected = 0
    /// Totals rows skipped.
    private(set) var totals = 0
    private(set) var issues: [RowIssue] = []
    private(set) var rejects: [(Int, [Cell], [RowIssue])] = []
    private(set) var headers: [String] = []
    private(set) var error: Error?
    private let finished = DispatchSemaphore(value: 0)

    init(file: TabularFile, path: String, kind: SourceKind, columns: ColumnMap, vipMonth: YearMonth?, skipBad: Bool,
         platform: Platform? = nil, progress: ((ImportProgress) -> Void)?) {
        self.platform = platform
        platformGiven = platform != nil
        self.file = file
        self.path = path
        self.kind = kind
        self.columns = columns
        self.vipMonth = vipMonth
        self.skipBad = skipBad
        self.progress = progress
    }

    /// Starts reading on a new thread.
    func start() {
        let thread = Thread { [self] in
            do { try run() } catch { self.error = error }
            channel.close()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the reader to finish.
    func wait() { finished.wait() }

    private func run() throws {
        var parser: RowParser? = nil
        var firstHeaders: [String]? = nil
        var headerTries = 0
        var batch: [ParsedRow] = []
        batch.reserveCapacity(BatchChannel.batchSize)
        var stopped = false
        try file.forEachRow { row, cells in
            if stopped { return }
            if cells.allSatisfy(\.isBlank) { if parser != nil { blank += 1 }; return }
            guard let p = parser else {
                // Looking for the header row (a title row may stand above it).
                let headers = cells.map { $0.text.trimmingASCIIWhitespace() }
                if firstHeaders == nil { firstHeaders = headers }
                headerTries += 1
                let mapping = columns.map(headers: headers)
                if columns.missing(mapping, kind: kind).isEmpty {
                    if !platformGiven { platform = columns.platform(headers: headers) }
                    parser = RowParser(kind: kind, headers: headers, columns: mapping, dateFields: columns.dateFields[kind] ?? [],
                                       vipMonth: vipMonth, platform: platform)
                    self.headers = headers
                } else if headerTries >= 10 {
                    throw missingColumns(firstHeaders!)
                }
                return
            }
            // A header row repeated inside the data (two exports pasted together).
            if case .text(let first)? = cells.first, first == headers.first,
               cells.map({ $0.text.trimmingASCIIWhitespace() }) == headers { return }
            // 合计/总计/小计 under the data: not a customer.
            if ColumnMap.isTotalsRow(cells) { totals += 1; return }
            read += 1
            var rowIssues: [RowIssue] = []
            if let parsed = p.parse(row: row, cells: cells, issues: &rowIssues) {
                // Once a row is bad (without --skip-bad) nothing will be stored: only look for more problems.
                if rejected == 0 || skipBad {
                    batch.append(parsed)
                    if batch.count == BatchChannel.batchSize {
                        if !channel.send(batch) { stopped = true }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            } else {
                rejected += 1
                for i in rowIssues where issues.count < SheetImporter.listedIssues { issues.append(i) }
                if skipBad { rejects.append((row, cells, rowIssues)) }
            }
            if let progress, read % 65_536 == 0 {
                progress(ImportProgress(rows: read, bytes: file.bytesRead, totalBytes: file.fileSize))
            }
        }
        if !batch.isEmpty && !stopped { _ = channel.send(batch) }
        if parser == nil {
            if firstHeaders == nil { throw FileProblem(file: path, message: Catalog.File.empty) }
            throw missingColumns(firstHeaders!)
        }
        if read == 0 { throw FileProblem(file: path, message: Catalog.File.headerOnly) }
    }

    private func missingColumns(_ headers: [String]) -> FileProblem {
        let mapping = columns.map(headers: headers)
        let missing = columns.missing(mapping, kind: kind)
        var accepted: [String: [String]] = [:]
        for f in missing.flatMap({ $0 }) { accepted[f.rawValue] = columns.aliases[f] ?? [] }
        return FileProblem(file: path, message: Catalog.Import.missingColumns(
            kind: kind, missing: missing.map { $0.map(\.rawValue) }, found: headers.filter { !$0.isEmpty }, accepted: accepted))
    }
}

/// A bounded queue of row batches between the reader thread and the database thread.
final class BatchChannel: @unchecked Sendable {
    static let batchSize = 2048
    private static let capacity = 16
    private let condition = NSCondition()
    private var batches: [[ParsedRow]] = []
    private var closed = false
    private var cancelled = false

    /// Queues a batch, waiting while the queue is full; false once the receiver gave up.
    func send(_ batch: [ParsedRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= BatchChannel.capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// No more batches will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The receiver stops: pending and future batches are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil when the sender is done.
    func receive() -> [ParsedRow]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !closed && !cancelled { condition.wait() }
        if batches.isEmpty { return nil }
        let b = batches.removeFirst()
        condition.broadcast()
        return b
    }
}
