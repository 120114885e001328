import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

/// What a sheet reader looks for in the header row and how it reads the rows under it: the
/// four sheets (``ParsedRow``) or an order export (``ParsedOrder``).
struct SheetLayout<Parsed: Sendable> {
    typealias Parse = (_ row: Int, _ cells: [Cell], _ issues: inout [RowIssue]) -> Parsed?
    /// The sheet's name, for errors.
    var name: Message
    /// The required fields a header mapping lacks; each entry lists alternatives.
    var missing: ([SheetField: Int]) -> [[SheetField]]
    /// The parser of the rows under a header row.
    var parser: (_ headers: [String], _ mapping: [SheetField: Int], _ platform: Platform?) -> Parse
}

extension SheetLayout where Parsed == ParsedRow {
    /// One of the four sheets.
    static func sheet(_ kind: SourceKind, columns: ColumnMap, vipMonth: YearMonth?) -> SheetLayout {
        SheetLayout(name: Catalog.Names.sheet(kind), missing: { columns.missing($0, kind: kind) }) {
            headers, mapping, platform in
            let p = RowParser(
                kind: kind, headers: headers, columns: mapping, dateFields: columns.dateFields[kind] ?? [],
                vipMonth: vipMonth, platform: platform)
            return { row, cells, issues in p.parse(row: row, cells: cells, issues: &issues) }
        }
    }
}

extension SheetLayout where Parsed == ParsedOrder {
    /// A platform's order export.
    static func orders(columns: ColumnMap) -> SheetLayout {
        SheetLayout(name: Catalog.Names.orders, missing: { columns.missingForOrders($0) }) {
            headers, mapping, platform in
            let p = OrderRowParser(
                headers: headers, columns: mapping, dateFields: columns.orderDateFields, platform: platform)
            return { row, cells, issues in p.parse(row: row, cells: cells, issues: &issues) }
        }
    }
}

/// Reads one sheet file on a worker thread: finds the header row, parses every row and
/// hands the good ones over in batches, while the database thread drops rows already
/// stored, resolves each customer and stores the rest. With two cores, the halves overlap.
final class SheetReader<Parsed: Sendable>: @unchecked Sendable {
    let file: TabularFile
    let path: String
    let layout: SheetLayout<Parsed>
    let columns: ColumnMap
    let skipBad: Bool
    /// The platform given; else told by the header row (see ``platform``).
    private(set) var platform: Platform?
    private let platformGiven: Bool
    let progress: ((ImportProgress) -> Void)?
    let channel = BatchChannel<Parsed>(capacity: BatchChannels.capacity)

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

    init(
        file: TabularFile, path: String, layout: SheetLayout<Parsed>, columns: ColumnMap, skipBad: Bool,
        platform: Platform? = nil, progress: ((ImportProgress) -> Void)?
    ) {
        self.platform = platform
        platformGiven = platform != nil
        self.file = file
        self.path = path
        self.layout = layout
        self.columns = columns
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
        var parser: SheetLayout<Parsed>.Parse? = nil
        var firstHeaders: [String]? = nil
        var headerTries = 0
        var batch: [Parsed] = []
        batch.reserveCapacity(BatchChannels.batchSize)
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
                if layout.missing(mapping).isEmpty {
                    if !platformGiven { platform = columns.platform(headers: headers) }
                    parser = layout.parser(headers, mapping, platform)
                    self.headers = headers
                } else if headerTries >= 10 {
                    throw missingColumns(firstHeaders!)
                }
                return
            }
            // A header row repeated inside the data (two exports pasted together).
            if case .text(let first)? = cells.first, first == headers.first,
                cells.map({ $0.text.trimmingASCIIWhitespace() }) == headers
            {
                return
            }
            // 合计/总计/小计 under the data: not a customer.
            if ColumnMap.isTotalsRow(cells) { totals += 1; return }
            read += 1
            var rowIssues: [RowIssue] = []
            if let parsed = p(row, cells, &rowIssues) {
                // Once a row is bad (without --skip-bad) nothing will be stored: only look for more problems.
                if rejected == 0 || skipBad {
                    batch.append(parsed)
                    if batch.count == BatchChannels.batchSize {
                        if !channel.send(batch) { stopped = true }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            } else {
                rejected += 1
                for i in rowIssues where issues.count < ImportError.listedIssues { issues.append(i) }
                if skipBad { rejects.append((row, cells, rowIssues)) }
            }
            if let progress, read % 65_536 == 0 {
                progress(ImportProgress(rows: read, bytes: file.bytesRead, totalBytes: file.fileSize))
            }
        }
        if !batch.isEmpty && !stopped { _ = channel.send(batch) }
        if parser == nil {
            if firstHeaders == nil { throw FileError(file: path, message: Catalog.File.empty) }
            throw missingColumns(firstHeaders!)
        }
        if read == 0 { throw FileError(file: path, message: Catalog.File.headerOnly) }
    }

    private func missingColumns(_ headers: [String]) -> FileError {
        let mapping = columns.map(headers: headers)
        let missing = layout.missing(mapping)
        var accepted: [String: [String]] = [:]
        for f in missing.flatMap({ $0 }) { accepted[f.rawValue] = columns.aliases[f] ?? [] }
        return FileError(
            file: path,
            message: Catalog.Import.missingColumns(
                sheet: layout.name, missing: missing.map { $0.map(\.rawValue) }, found: headers.filter { !$0.isEmpty },
                accepted: accepted))
    }
}

/// The sizes of the batch queues.
enum BatchChannels {
    static let batchSize = 2048
    static let capacity = 16
}
