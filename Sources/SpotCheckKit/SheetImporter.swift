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

    public init(kind: SourceKind, files: [String], sheet: String? = nil, month: YearMonth? = nil, skipBad: Bool = false) {
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
    }
    public var kind: SourceKind
    public var files: [FileReport]
    /// Distinct customers among the new rows.
    public var customers: Int
    /// Customer merges this import caused.
    public var merges: Int
    /// The month the VIP list was filed under.
    public var vipMonth: YearMonth?
    /// Notes for the user.
    public var notes: [Message]
    /// True when nothing at all was added.
    public var unchanged: Bool { files.allSatisfy { $0.new == 0 } }
}

/// An import that was refused: the problems found, every one of them counted, the first
/// ones listed. The database was not changed.
public struct ImportFailure: Error, Sendable {
    public var issues: [(file: String, issue: RowIssue)]
    public var totalBadRows: Int
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
    /// Problems listed in an error before the rest are only counted.
    public static let listedIssues = 30

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Runs the import. On any bad row (without `skipBad`) nothing is stored.
    public func run(_ request: ImportRequest, progress: ((ImportProgress) -> Void)? = nil) throws -> ImportReport {
        let ws = workspace
        let store = try ws.store()
        let period = ws.config.settings.period
        let vipMonth = request.kind == .vip ? (request.month ?? period.month(containing: ws.today)) : nil
        let checkWindow = request.kind == .vip ? nil : request.month.map { period.window(of: $0) }
        var rejects: [(path: String, headers: [String], rows: [(Int, [Cell], [RowIssue])])] = []

        let report: ImportReport = try store.write { db in
            var resolver = IdentityResolver(known: try SheetData.identityKeys(db), nextCustomer: try SheetData.nextCustomer(db))
            var known = try SheetData.fingerprints(kind: request.kind, db)
            var issues: [(String, RowIssue)] = []
            var badRows = 0
            var files: [ImportReport.FileReport] = []
            var newCustomers: [Int] = []
            var outside = 0
            for path in request.files {
                let file = try TabularFile(path: path, sheet: request.sheet)
                var importRow = ImportRow(
                    kind: request.kind.rawValue, fileName: path, fileSize: Int64(file.fileSize), sheet: nil, encoding: nil,
                    vipMonth: vipMonth?.description, importedAt: ws.stamp, rowsRead: 0, rowsNew: 0, rowsKnown: 0, rowsRejected: 0)
                try importRow.insert(db)
                let inserter = try SheetData.Inserter(importID: importRow.id!, db)
                var parser: RowParser? = nil
                var firstHeaders: [String]? = nil
                var headerTries = 0
                var report = ImportReport.FileReport(file: path, format: "", read: 0, new: 0, known: 0, blank: 0, rejected: 0)
                var fileRejects: [(Int, [Cell], [RowIssue])] = []
                var headerCells: [String] = []
                try file.forEachRow { row, cells in
                    if cells.allSatisfy(\.isBlank) { if parser != nil { report.blank += 1 }; return }
                    guard let p = parser else {
                        // Looking for the header row (a title row may stand above it).
                        let headers = cells.map { $0.text.trimmingASCIIWhitespace() }
                        if firstHeaders == nil { firstHeaders = headers }
                        headerTries += 1
                        let mapping = ws.config.columns.map(headers: headers)
                        if ws.config.columns.missing(mapping, kind: request.kind).isEmpty {
                            parser = RowParser(kind: request.kind, headers: headers, columns: mapping,
                                               dateFields: ws.config.columns.dateFields[request.kind] ?? [], vipMonth: vipMonth)
                            headerCells = headers
                        } else if headerTries >= 10 {
                            throw missingColumns(path: path, headers: firstHeaders!, kind: request.kind)
                        }
                        return
                    }
                    if cells.map({ $0.text.trimmingASCIIWhitespace() }) == headerCells { return }  // a repeated header
                    report.read += 1
                    var rowIssues: [RowIssue] = []
                    guard let parsed = p.parse(row: row, cells: cells, issues: &rowIssues) else {
                        badRows += 1
                        report.rejected += 1
                        for i in rowIssues where issues.count < SheetImporter.listedIssues { issues.append((path, i)) }
                        if request.skipBad { fileRejects.append((row, cells, rowIssues)) }
                        return
                    }
                    if badRows > 0 && !request.skipBad { return }  // the import will fail: only look for more problems
                    var record = parsed.record
                    if !known.insert(record.fingerprint).inserted { report.known += 1; return }
                    record.customer = resolver.resolve(parsed.keys)
                    newCustomers.append(record.customer)
                    if let w = checkWindow, let d = record.eventDay, !w.contains(d) { outside += 1 }
                    try inserter.insert(record)
                    report.new += 1
                    if let progress, report.read % 65_536 == 0 {
                        progress(ImportProgress(rows: report.read, bytes: file.bytesRead, totalBytes: file.fileSize))
                    }
                }
                if parser == nil {
                    if firstHeaders == nil { throw FileProblem(file: path, message: Catalog.File.empty) }
                    throw missingColumns(path: path, headers: firstHeaders!, kind: request.kind)
                }
                if report.read == 0 { throw FileProblem(file: path, message: Catalog.File.headerOnly) }
                switch file.format {
                case .csv(let enc): report.format = "CSV \(enc.rawValue)"; importRow.encoding = enc.rawValue
                case .xlsx(let sheet): report.format = "XLSX「\(sheet)」"; importRow.sheet = sheet
                }
                importRow.rowsRead = report.read
                importRow.rowsNew = report.new
                importRow.rowsKnown = report.known
                importRow.rowsRejected = report.rejected
                if report.new == 0 { try importRow.delete(db) } else { try importRow.update(db) }
                if !fileRejects.isEmpty {
                    report.rejectsFile = SheetImporter.rejectsPath(for: path)
                    rejects.append((report.rejectsFile!, headerCells, fileRejects))
                }
                files.append(report)
            }
            if badRows > 0 && !request.skipBad {
                throw ImportFailure(issues: issues, totalBadRows: badRows)
            }
            let merges = resolver.merges()
            try SheetData.applyMerges(merges, db)
            try SheetData.saveKeys(resolver.changedKeys(), db)
            try SheetData.setNextCustomer(resolver.nextCustomer, db)
            var touched = Set<Int>()
            for c in newCustomers { touched.insert(resolver.find(c)) }
            var notes: [Message] = []
            if let m = vipMonth {
                let w = period.window(of: m)
                notes.append(Catalog.Import.vipMonth(m.description, window: "\(w.lowerBound) – \(w.upperBound)"))
            }
            if outside > 0, let m = request.month, let w = checkWindow {
                notes.append(Catalog.Import.outsideMonth(count: outside, month: m.description, window: "\(w.lowerBound) – \(w.upperBound)"))
            }
            return ImportReport(kind: request.kind, files: files, customers: touched.count, merges: merges.count,
                                vipMonth: vipMonth, notes: notes)
        }
        for r in rejects { try writeRejects(r.path, headers: r.headers, rows: r.rows) }
        return report
    }

    private func missingColumns(path: String, headers: [String], kind: SourceKind) -> FileProblem {
        let columns = workspace.config.columns
        let mapping = columns.map(headers: headers)
        let missing = columns.missing(mapping, kind: kind)
        var accepted: [String: [String]] = [:]
        for f in missing.flatMap({ $0 }) { accepted[f.rawValue] = columns.aliases[f] ?? [] }
        return FileProblem(file: path, message: Catalog.Import.missingColumns(
            kind: kind, missing: missing.map { $0.map(\.rawValue) }, found: headers.filter { !$0.isEmpty }, accepted: accepted))
    }

    /// `售后.csv` → `售后.rejects.csv`, beside the input.
    static func rejectsPath(for input: String) -> String {
        let base = (input as NSString).deletingPathExtension
        return base + ".rejects.csv"
    }

    private func writeRejects(_ path: String, headers: [String], rows: [(Int, [Cell], [RowIssue])]) throws {
        let lang = workspace.lang
        var csv = CSVWriter()
        csv.row([Catalog.Import.rejectsRowHeader.text(lang)] + headers + [Catalog.Import.rejectsReasonHeader.text(lang)])
        for (row, cells, issues) in rows {
            var fields = cells.map(\.text)
            if fields.count < headers.count { fields += Array(repeating: "", count: headers.count - fields.count) }
            let reasons = issues.map { i in
                (i.column.map { "「\($0)」" } ?? "") + i.reason.text(lang)
            }.joined(separator: lang == .zh ? ";" : "; ")
            csv.row([String(row)] + fields + [reasons])
        }
        try csv.write(to: path)
    }
}
