import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// What to import as the order lookup (`import --kind orders`).
public struct OrderImportRequest: Sendable {
    public var files: [String]
    public var sheet: String?
    public var skipBad: Bool
    /// The seller centre the files come from; nil: told by their headers.
    public var platform: Platform?

    public init(files: [String], sheet: String? = nil, skipBad: Bool = false, platform: Platform? = nil) {
        self.files = files
        self.sheet = sheet
        self.skipBad = skipBad
        self.platform = platform
    }
}

/// What an order import did.
public struct OrderImportReport: Sendable {
    public var files: [ImportReport.FileReport]
    /// Distinct customers among the new orders.
    public var customers: Int
    /// Customer merges this import caused, and by the kind of key.
    public var merges: Int
    public var mergesByKey: [IdentityResolver.MergeKey: Int]
    /// New orders whose number was already known from a record imported before.
    public var matched: Int
    /// New orders that carry a full phone number.
    public var withPhone: Int
    /// True when nothing at all was added.
    public var unchanged: Bool { files.allSatisfy { $0.new == 0 } }
}

/// Imports the platforms' order exports as a lookup: every order's buyer ID, name and phone
/// join its order number's customer (the VLOOKUP leads do by hand), so a refund sheet
/// without them still reaches its buyer; the orders are also what `vip derive` reads.
/// Orders are no sampling source: they never enter a month's pool themselves.
public struct OrderImporter {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Runs the import. On any bad row (without `skipBad`) nothing is stored.
    public func run(_ request: OrderImportRequest, progress: ((ImportProgress) -> Void)? = nil) throws -> OrderImportReport {
        let ws = workspace
        var rejects: [(path: String, headers: [String], rows: [(Int, [Cell], [RowIssue])])] = []
        let report: OrderImportReport = try ws.store().write { db in
            var resolver = IdentityResolver(known: try SheetData.identityKeys(db), nextCustomer: try SheetData.nextCustomer(db))
            var known = try OrderData.fingerprints(db)
            var issues: [(String, RowIssue)] = []
            var badRows = 0
            var files: [ImportReport.FileReport] = []
            var customers: [Int] = []
            var mergesByKey: [IdentityResolver.MergeKey: Int] = [:]
            var matched = 0, withPhone = 0
            var ordersSeen = Set<String>()
            for path in request.files {
                let file = try TabularFile(path: path, sheet: request.sheet)
                var importRow = ImportRow(
                    kind: "orders", fileName: path, fileSize: Int64(file.fileSize), sheet: nil, encoding: nil, vipMonth: nil,
                    importedAt: ws.stamp, rowsRead: 0, rowsNew: 0, rowsKnown: 0, rowsRejected: 0)
                try importRow.insert(db)
                let inserter = try OrderData.Inserter(importID: importRow.id!, db)
                let keyWriter = try SheetData.KeyWriter(db)
                var report = ImportReport.FileReport(file: path, format: "", read: 0, new: 0, known: 0, blank: 0, rejected: 0)
                let reader = SheetReader(file: file, path: path, layout: .orders(columns: ws.config.columns), columns: ws.config.columns,
                                         skipBad: request.skipBad, platform: request.platform, progress: progress)
                reader.start()
                do {
                    while let batch = reader.channel.receive() {
                        for var parsed in batch {
                            if !known.insert(parsed.order.fingerprint).inserted { report.known += 1; continue }
                            let resolution = resolver.resolveRecord(parsed.keys)
                            for k in resolution.mergedOn { mergesByKey[k, default: 0] += 1 }
                            // An order number met for the first time in this import, yet already known: a record had it.
                            if let o = parsed.keys.order, ordersSeen.insert(o).inserted, resolution.newKeys.order == nil { matched += 1 }
                            if parsed.order.fields.contactRoute == .phone { withPhone += 1 }
                            try keyWriter.write(resolution.newKeys, customer: resolution.customer)
                            parsed.order.customer = resolution.customer
                            customers.append(resolution.customer)
                            try inserter.insert(parsed.order)
                            report.new += 1
                        }
                    }
                } catch {
                    reader.channel.cancel()
                    reader.wait()
                    throw error
                }
                reader.wait()
                if let error = reader.error { throw error }
                badRows += reader.rejected
                for i in reader.issues where issues.count < SheetImporter.listedIssues { issues.append((path, i)) }
                try SheetImporter.finish(&report, importRow: &importRow, file: file, reader: reader, db)
                if let r = report.rejectsFile { rejects.append((r, reader.headers, reader.rejects)) }
                files.append(report)
            }
            if badRows > 0 && !request.skipBad { throw ImportError(issues: issues, totalBadRows: badRows) }
            let merges = resolver.merges()
            try SheetData.applyMerges(merges, db)
            try SheetData.setNextCustomer(resolver.nextCustomer, db)
            var touched = Set<Int>()
            for c in customers { touched.insert(resolver.find(c)) }
            return OrderImportReport(files: files, customers: touched.count, merges: merges.count, mergesByKey: mergesByKey,
                                     matched: matched, withPhone: withPhone)
        }
        let importer = SheetImporter(workspace: ws)
        for r in rejects { try importer.writeRejects(r.path, headers: r.headers, rows: r.rows) }
        return report
    }
}
