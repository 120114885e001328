import Foundation
import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// What `vip derive` is asked.
public struct VIPDeriveRequest: Sendable {
    public var month: YearMonth
    public var rule: VIPDerivation

    public init(month: YearMonth, rule: VIPDerivation = VIPDerivation()) {
        self.month = month
        self.rule = rule
    }
}

/// What `vip derive` did.
public struct VIPDeriveReport: Sendable, Equatable {
    public var month: YearMonth
    /// The last day a VIP's last purchase may fall on.
    public var cutoff: Day
    /// Customers with purchases in the order lookup.
    public var buyers: Int
    /// Customers on the month's VIP list now.
    public var selected: Int
    /// Rows of an earlier derived list of the month that this one replaced.
    public var replaced: Int
}

/// A VIP list that cannot be derived: the message says why and what to do.
public struct VIPError: UserFacingError, Sendable, Equatable {
    public var message: Message
    public var messages: [Message] { [message] }
}

/// Derives a month's VIP list from the order lookup (seed 003, ``VIPDerivation``): the
/// customers whose purchases add up to the amount or more and whose last purchase lies that
/// many months before the month's window opens. The list joins the month's pool as the VIP
/// sheet does (a derived list replaces the month's earlier derived list; an imported VIP
/// sheet stays).
public struct VIPDeriver {
    let workspace: Workspace
    /// The file name the derived lists are stored under.
    static let source = "vip derive"

    public init(workspace: Workspace) { self.workspace = workspace }

    public func run(_ request: VIPDeriveRequest) throws -> VIPDeriveReport {
        let ws = workspace
        let month = request.month
        let windowStart = ws.config.settings.period.window(of: month).lowerBound
        let cutoff = request.rule.lastPurchaseCutoff(windowStart: windowStart)
        return try ws.store().write { db in
            if let draw = try DrawRow.current(month: month, db) {
                throw VIPError(message: Catalog.VIP.alreadyDrawn(month: month.description, drawnAt: draw.drawnAt))
            }
            let purchases = try OrderData.purchases(db)
            if purchases.isEmpty { throw VIPError(message: Catalog.VIP.noOrders) }
            let selected = purchases.filter {
                request.rule.qualifies(totalFen: $0.totalFen, lastPurchase: $0.lastDay, windowStart: windowStart)
            }
            let replaced = try SheetData.removeImports(kind: .vip, fileName: VIPDeriver.source, vipMonth: month, db)
            if !selected.isEmpty {
                var importRow = ImportRow(
                    kind: SourceKind.vip.rawValue, fileName: VIPDeriver.source, fileSize: 0, sheet: nil, encoding: nil,
                    vipMonth: month.description, importedAt: ws.stamp, rowsRead: selected.count,
                    rowsNew: selected.count,
                    rowsKnown: 0, rowsRejected: 0)
                try importRow.insert(db)
                let inserter = try SheetData.Inserter(importID: importRow.id!, db)
                let latest = try OrderData.latestFields(customers: selected.map(\.customer), db)
                for (i, p) in selected.enumerated() {
                    var fields = latest[p.customer] ?? RecordFields()
                    fields.spent = Money.yuanText(p.totalFen)
                    fields.lastPurchase = p.lastDay.description
                    fields.purchaseAt = nil
                    fields.refundStatus = nil
                    var record = NewRecord(
                        kind: .vip, customer: p.customer, vipMonth: month, sourceRow: i + 1, fields: fields)
                    record.fingerprint = RowParser.fingerprint(record)
                    try inserter.insert(record)
                }
                try inserter.finish()
            }
            return VIPDeriveReport(
                month: month, cutoff: cutoff, buyers: purchases.count, selected: selected.count, replaced: replaced)
        }
    }
}
