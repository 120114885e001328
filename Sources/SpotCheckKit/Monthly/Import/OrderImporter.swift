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
    public func run(
        _ request: OrderImportRequest, progress: ((ImportProgress) -> Void)? = nil
    ) throws
        -> OrderImportReport
    {
        var files = ImportedFiles(
            workspace: workspace, sheet: request.sheet, skipBad: request.skipBad,
            platform: request.platform, progress: progress)
        let report = try workspace.store().write { db in try run(request, files: &files, db) }
        try files.writeRejects()
        return report
    }

    /// Runs the import inside the open write transaction `db` (a batch runs several kinds in
    /// one); `files` reads the files and keeps what is to be written once it is stored.
    func run(_ request: OrderImportRequest, files: inout ImportedFiles, _ db: Database) throws -> OrderImportReport {
        let ws = workspace
        var resolver = IdentityResolver(nextCustomer: try SheetData.nextCustomer(db))
        try SheetData.loadIdentityKeys(into: &resolver, db)
        var known = try OrderData.fingerprints(db)
        var customers: [Int] = []
        var mergesByKey: [IdentityResolver.MergeKey: Int] = [:]
        var matched = 0, withPhone = 0
        var ordersSeen = Set<String>()
        let layout = SheetLayout.orders(columns: ws.config.columns)
        for path in request.files {
            try files.importFile(path, kind: "orders", vipMonth: nil, layout: layout, db) {
                importID, nextBatch, report in
                let inserter = try OrderData.Inserter(importID: importID, db)
                let keyWriter = try SheetData.KeyWriter(db)
                while let batch = nextBatch() {
                    for var parsed in batch {
                        if !known.insert(parsed.order.fingerprint).inserted { report.known += 1; continue }
                        let resolution = resolver.resolveRecord(parsed.keys)
                        for k in resolution.mergedOn { mergesByKey[k, default: 0] += 1 }
                        // An order number met for the first time in this import, yet already known: a record
                        // had it.
                        if let o = parsed.keys.order, ordersSeen.insert(o).inserted,
                            resolution.newKeys.order == nil
                        {
                            matched += 1
                        }
                        if parsed.order.fields.contactRoute == .phone { withPhone += 1 }
                        try keyWriter.write(resolution.newKeys, customer: resolution.customer)
                        parsed.order.customer = resolution.customer
                        customers.append(resolution.customer)
                        try inserter.insert(parsed.order)
                        report.new += 1
                    }
                }
                try keyWriter.finish()
            }
        }
        try files.checkBadRows()
        let merges = resolver.merges()
        try SheetData.applyMerges(merges, db)
        try SheetData.setNextCustomer(resolver.nextCustomer, db)
        var touched = Set<Int>()
        for c in customers { touched.insert(resolver.find(c)) }
        return OrderImportReport(
            files: files.reports, customers: touched.count, merges: merges.count,
            mergesByKey: mergesByKey, matched: matched, withPhone: withPhone)
    }
}
