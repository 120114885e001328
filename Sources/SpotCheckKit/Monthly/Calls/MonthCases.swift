import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// One row of a month's list with everything known about it.
public struct CaseView: Sendable {
    public var item: DrawItemRow
    public var context: CustomerContext
    public var attempts: [AttemptRow]
    public var caseRow: CaseRow?
    public var evaluation: CaseEvaluation
    /// The escalated complaint, if any.
    public var escalation: Escalation?
    /// On the main list, or a reserve brought into play.
    public var inSample: Bool

    public var status: CaseStatus { evaluation.status }
    /// The caller: the case's, else the last attempt's.
    public var caller: String? { caseRow?.caller ?? attempts.last(where: { $0.caller != nil })?.caller }
    /// Changes whenever an attempt or the case's details are stored: what a page saw, so a
    /// save based on an older state can be refused.
    public var version: String { "\(attempts.count).\(caseRow?.seq ?? 0)" }
    /// The customer as named on the list.
    public var displayName: String { context.name ?? context.buyerID ?? context.phone?.masked ?? "#\(item.itemNo)" }
}

/// A month's current draw with every case evaluated by the rules.
public struct MonthCases: Sendable {
    public var month: YearMonth
    public var draw: DrawRow
    public var summary: DrawSummary
    /// Every row of the list, in list order.
    public var cases: [CaseView]
    /// Reserves in play, by item number.
    public var reservesInPlay: [Int]

    /// The cases that count toward the sample: the main list and the reserves in play.
    public var sample: [CaseView] { cases.filter(\.inSample) }

    /// Loads and evaluates the current draw of `month`.
    public static func load(month: YearMonth, config: SpotCheckConfiguration, _ db: Database) throws -> MonthCases {
        let (draw, summary) = try MonthlyDraw.current(month: month, db)
        return try load(draw: draw, summary: summary, config: config, db)
    }

    /// Loads and evaluates a given draw.
    public static func load(
        draw: DrawRow, summary: DrawSummary, config: SpotCheckConfiguration, _ db: Database
    ) throws -> MonthCases {
        let month = draw.month
        let items = try DrawItemRow.of(draw: draw.id!, db)
        let period = PeriodRules(cutoffDay: draw.cutoffDay, deadlineDay: draw.deadlineDay)
        let records = try SheetData.records(draw: draw.id!, window: period.window(of: month), month: month, db)
        var byCustomer: [Int: [SheetRecord]] = [:]
        for r in records { byCustomer[r.customerId, default: []].append(r) }
        let orders = try OrderData.fields(draw: draw.id!, db)
        var attemptsByItem: [Int: [AttemptRow]] = [:]
        for a in try AttemptRow.of(draw: draw.id!, db) { attemptsByItem[a.itemNo, default: []].append(a) }
        var casesByItem: [Int: CaseRow] = [:]
        for c in try CaseRow.of(draw: draw.id!, db) { casesByItem[c.itemNo] = c }

        var views: [CaseView] = items.map { item in
            let attempts = attemptsByItem[item.itemNo] ?? []
            let caseRow = casesByItem[item.itemNo]
            let record = MonthCases.callRecord(attempts: attempts, caseRow: caseRow)
            let evaluation = CaseRules.evaluate(record, hours: config.callingHours, calendar: config.calendar)
            var escalation: Escalation? = nil
            if record.complaint == .escalated, let callAt = evaluation.connectedAt ?? record.attempts.map(\.at).max() {
                escalation = Escalation(callAt: callAt, repliedAt: record.repliedAt)
            }
            return CaseView(
                item: item,
                context: CustomerContext(
                    records: byCustomer[item.customerId] ?? [], orders: orders[item.customerId] ?? [],
                    stratum: item.stratum),
                attempts: attempts, caseRow: caseRow, evaluation: evaluation, escalation: escalation,
                inSample: !item.isReserve)
        }
        let main = views.filter { !$0.item.isReserve }.map(\.status)
        let reserves = views.filter(\.item.isReserve)
        let inPlay = Reserves.inPlay(main: main, reserves: reserves.map(\.status))
        let inPlayItems = reserves.prefix(inPlay).map(\.item.itemNo)
        for i in views.indices where inPlayItems.contains(views[i].item.itemNo) { views[i].inSample = true }
        return MonthCases(month: month, draw: draw, summary: summary, cases: views, reservesInPlay: inPlayItems)
    }

    /// The rules' view of what was stored (typed by the store: a value that does not read back
    /// fails the fetch, never a call silently left out).
    static func callRecord(attempts: [AttemptRow], caseRow: CaseRow?) -> CallRecord {
        CallRecord(
            attempts: attempts.map { CallAttempt(at: $0.attemptAt, result: $0.result) }, score: caseRow?.score,
            imLeft: caseRow?.imLeft ?? false, complaint: caseRow?.complaint, repliedAt: caseRow?.repliedAt)
    }

    /// Satisfaction over the sample.
    public var satisfaction: Satisfaction { figures.satisfaction }

    /// Stores the derived state: every case's status and which reserves are in play.
    static func storeDerived(_ m: MonthCases, stamp: String, _ db: Database) throws {
        for c in m.cases {
            if var row = c.caseRow {
                if row.status != c.status.code { row.status = c.status.code; try row.update(db) }
            } else if !c.attempts.isEmpty {
                try CaseRow(drawId: m.draw.id!, itemNo: c.item.itemNo, status: c.status.code, updatedAt: stamp).insert(
                    db)
            }
            let inPlay = c.item.isReserve && m.reservesInPlay.contains(c.item.itemNo)
            if inPlay != c.item.inPlay {
                var item = c.item
                item.inPlay = inPlay
                try item.update(db)
            }
        }
    }
}
