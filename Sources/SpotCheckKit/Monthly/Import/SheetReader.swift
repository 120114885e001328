import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

/// What a sheet reader looks for in the header row and how it reads the rows under it: the
/// four sheets (``ParsedRow``) or an order export (``ParsedOrder``).
struct SheetLayout<Parsed: Sendable> {
    typealias Parse = (_ row: Int, _ cells: [Cell], _ issues: inout [RowIssue]) -> Parsed?
    /// A CSV row read from its bytes; nil when the row needs ``Parse`` (which names its problems).
    typealias BytesParse = (_ row: Int, _ fields: CSVFields) -> Parsed?
    /// The sheet's name, for errors.
    var name: Message
    /// The required fields a header mapping lacks; each entry lists alternatives.
    var missing: ([SheetField: Int]) -> [[SheetField]]
    /// The parsers of the rows under a header row: of their cells, and (when there is one) of a
    /// CSV record's bytes.
    var parser: (_ headers: [String], _ mapping: [SheetField: Int], _ platform: Platform?) -> (Parse, BytesParse?)
}

extension SheetLayout where Parsed == ParsedRow {
    /// One of the four sheets. Its rows come without their fingerprints: the import's
    /// preparing worker computes a batch's at once (``RowParser/fingerprints(_:)``).
    static func sheet(_ kind: SourceKind, columns: ColumnMap, vipMonth: YearMonth?) -> SheetLayout {
        SheetLayout(name: Catalog.Names.sheet(kind), missing: { columns.missing($0, kind: kind) }) {
            headers, mapping, platform in
            let p = RowParser(
                kind: kind, headers: headers, columns: mapping, dateFields: columns.dateFields[kind] ?? [],
                vipMonth: vipMonth, platform: platform, fingerprints: false)
            return ({ row, cells, issues in p.parse(row: row, cells: cells, issues: &issues) }, p.parse(row:fields:))
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
            return ({ row, cells, issues in p.parse(row: row, cells: cells, issues: &issues) }, nil)
        }
    }
}

/// Reads one sheet file on a worker thread: finds the header row, parses every row and
/// hands the good ones over in batches. With a `prepare` step (the sheet import's: drop rows
/// already stored, resolve each customer), a second worker applies it to the batches in order,
/// while the database thread stores the rows: the three stages overlap on the machine's cores.
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
    /// Called on the preparing worker's thread with each batch of good rows, in order, before it is
    /// handed over: may complete its rows in place, and drop some.
    let prepare: ((inout [Parsed]) -> Void)?
    /// The batches for the database thread.
    let channel = BatchChannel<Parsed>(capacity: BatchChannels.capacity)
    /// The parsed batches for the preparing worker, when there is a `prepare` step.
    private let parsedBatches: BatchChannel<Parsed>?

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
        platform: Platform? = nil, progress: ((ImportProgress) -> Void)?, prepare: ((inout [Parsed]) -> Void)? = nil
    ) {
        self.prepare = prepare
        parsedBatches = prepare == nil ? nil : BatchChannel(capacity: BatchChannels.preparing)
        self.platform = platform
        platformGiven = platform != nil
        self.file = file
        self.path = path
        self.layout = layout
        self.columns = columns
        self.skipBad = skipBad
        self.progress = progress
    }

    /// Starts reading on a new thread (and preparing on another).
    func start() {
        let reader = Thread { [self] in
            do { try run() } catch { self.error = error }
            (parsedBatches ?? channel).close()
            finished.signal()
        }
        reader.stackSize = 8 << 20
        reader.start()
        guard parsedBatches != nil else { return }
        let preparer = Thread { [self] in
            if let parsedBatches, let prepare { SheetReader.prepare(from: parsedBatches, to: channel, prepare) }
            channel.close()
            finished.signal()
        }
        preparer.start()
    }

    /// Applies `prepare` to each batch from `input`, in order, and hands on the rows it keeps;
    /// once `output`'s receiver gives up, so does this worker's sender.
    private static func prepare(
        from input: BatchChannel<Parsed>, to output: BatchChannel<Parsed>, _ prepare: (inout [Parsed]) -> Void
    ) {
        while var batch = input.receive() {
            // Rows already stored leave nothing to send: ask, so that a failed store stops the reading.
            if output.isCancelled {
                input.cancel()
                return
            }
            prepare(&batch)
            if !batch.isEmpty && !output.send(batch) {
                input.cancel()
                return
            }
        }
    }

    /// Waits for the reader (and the preparing worker) to finish.
    func wait() {
        finished.wait()
        if parsedBatches != nil { finished.wait() }
    }

    // Over 60 lines: the rows' loop, whose two ways in (a CSV record's bytes, a row's cells) share its state.
    private func run() throws {
        var parser: SheetLayout<Parsed>.Parse? = nil
        var bytesParser: SheetLayout<Parsed>.BytesParse? = nil
        var firstHeaders: [String]? = nil
        var headerTries = 0
        var batch: [Parsed] = []
        batch.reserveCapacity(BatchChannels.batchSize)
        var stopped = false
        let out = parsedBatches ?? channel
        // Consuming: the row moves into the batch; borrowed, it was copied (every array and string retained).
        func good(_ parsed: consuming Parsed) {
            // Once a row is bad (without --skip-bad) nothing will be stored: only look for more problems.
            guard rejected == 0 || skipBad else { return }
            batch.append(parsed)
            if batch.count == BatchChannels.batchSize {
                // Handed over with no reference kept here: the receiver changes it in place.
                var full: [Parsed] = []
                full.reserveCapacity(BatchChannels.batchSize)
                swap(&full, &batch)
                if !out.send(full) { stopped = true }
            }
        }
        func reportProgress() {
            if let progress, read % 65_536 == 0 {
                progress(ImportProgress(rows: read, bytes: file.bytesRead, totalBytes: file.fileSize))
            }
        }
        var firstHeader: [UInt8] = []
        try file.forEachRow(bytes: { row, fields in
            if stopped { return true }
            guard let bytesParser, !SheetReader.mayBeSpecial(fields, firstHeader: firstHeader),
                let parsed = bytesParser(row, fields)
            else { return false }
            read += 1
            good(consume parsed)
            reportProgress()
            return true
        }) { row, cells in
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
                    (parser, bytesParser) = layout.parser(headers, mapping, platform)
                    self.headers = headers
                    firstHeader = Array((headers.first ?? "").utf8)
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
                good(consume parsed)
            } else {
                rejected += 1
                for i in rowIssues where issues.count < ImportError.listedIssues { issues.append(i) }
                if skipBad { rejects.append((row, cells, rowIssues)) }
            }
            reportProgress()
        }
        if !batch.isEmpty && !stopped { _ = out.send(batch) }
        if parser == nil {
            if firstHeaders == nil { throw FileError(file: path, message: Catalog.File.empty) }
            throw missingColumns(firstHeaders!)
        }
        if read == 0 { throw FileError(file: path, message: Catalog.File.headerOnly) }
    }

    /// Whether a CSV record may be one the rows' loop treats apart — blank, the header row
    /// repeated, a totals row — judged from its first field's bytes; such a record takes the
    /// cells' way, which tells.
    static func mayBeSpecial(_ fields: CSVFields, firstHeader: [UInt8]) -> Bool {
        guard fields.count > 0 else { return true }
        let f = fields[0]
        // Blank or starting with a space (blank rows, totals rows after spaces), `*`, U+00A0, U+3000, U+FEFF or U+FF0A.
        guard let b0 = f.first, b0 > 0x20, b0 != 0x2A, b0 != 0xC2, b0 != 0xE3, b0 != 0xEF else { return true }
        // The header's first cell again (compared as Strings when not ASCII: equal text may differ in bytes).
        if f.count == firstHeader.count && f.elementsEqual(firstHeader) { return true }
        if b0 >= 0x80 || firstHeader.contains(where: { $0 >= 0x80 }),
            !SheetReader.differInTheirFirstIdeograph(f, firstHeader),
            String(decoding: f, as: UTF8.self) == String(decoding: firstHeader, as: UTF8.self)
        {
            return true
        }
        // 合 (E5 90 88), 总 (E6 80 BB), 小 (E5 B0 8F) may begin a totals row.
        if f.count >= 3 {
            let (b1, b2) = (f[1], f[2])
            if (b0 == 0xE5 && b1 == 0x90 && b2 == 0x88) || (b0 == 0xE6 && b1 == 0x80 && b2 == 0xBB)
                || (b0 == 0xE5 && b1 == 0xB0 && b2 == 0x8F)
            {
                return true
            }
        }
        return false
    }

    /// Whether two texts both begin with a character of U+4000–U+9FFF (lead bytes E4–E9: CJK
    /// ideographs, none of which decomposes or combines) and not the same one: then no
    /// normalization makes them equal, and the rows' loop need not compare them as Strings (a
    /// sheet whose first column is 客户 did so on every row).
    static func differInTheirFirstIdeograph(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count >= 3, b.count >= 3, (0xE4...0xE9).contains(a[0]), (0xE4...0xE9).contains(b[0]) else {
            return false
        }
        return a[0] != b[0] || a[1] != b[1] || a[2] != b[2]
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
    /// Between the reader and its preparing worker, which keeps up with it: a few batches (each
    /// batch in a queue is about 600 KB at a million rows' peak).
    static let preparing = 4
}
