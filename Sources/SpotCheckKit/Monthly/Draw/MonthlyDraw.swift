import Foundation
import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// The figures of a draw, as printed, stored with the draw and written as `--json`.
public struct DrawSummary: Codable, Sendable, Equatable, JSONOutput {
    public struct Window: Codable, Sendable, Equatable { public var from: String; public var to: String }
    public var drawId: Int64
    public var month: String
    public var window: Window
    public var seed: UInt64
    public var size: Int
    public var minimum: Int
    public var reserveRatio: Double
    public var lookbackMonths: Int
    /// Distinct customers in the pool.
    public var poolCustomers: Int
    /// Customers per source (a customer in two sheets counts in both).
    public var poolBySource: [String: Int]
    /// Sheet rows per source in the window.
    public var rowsBySource: [String: Int]
    public var mergedAcrossSheets: Int
    public var excludedByHistory: Int
    public var eligible: Int
    public var strata: [String: Int]
    public var drawnByStratum: [String: Int]
    /// Main-list customers per source (a customer in two sheets counts in both).
    public var drawnBySource: [String: Int]
    public var drawn: Int
    public var reserves: Int
    public var belowMinimum: Bool
    public var deadline: String
    public var daysLeft: Int?
    public var daysLate: Int?
    public var drawnAt: String
    public var drawnBy: String
    /// The draw this one replaced (`--redraw`).
    public var replaces: Int64?
    /// Main-list customers per contact route (`phone`, `platform`, `im`).
    public var contactRoutes: [String: Int]?
    /// Pool customers no route reaches, left out of the draw.
    public var noContactRoute: Int?
    /// Call attempts and cases recorded on the replaced draw (`--discard-calls`).
    public var discardedAttempts: Int?
    public var discardedCases: Int?

    enum CodingKeys: String, CodingKey {
        case drawId = "draw_id", month, window, seed, size, minimum, reserveRatio = "reserve_ratio", lookbackMonths =
            "lookback_months"
        case poolCustomers = "pool_customers", poolBySource = "pool_by_source", rowsBySource = "rows_by_source"
        case mergedAcrossSheets = "merged_across_sheets", excludedByHistory = "excluded_by_history", eligible, strata
        case drawnByStratum = "drawn_by_stratum", drawnBySource = "drawn_by_source", drawn, reserves, belowMinimum =
            "below_minimum", deadline
        case daysLeft = "days_left", daysLate = "days_late", drawnAt = "drawn_at", drawnBy = "drawn_by", replaces
        case discardedAttempts = "discarded_attempts", discardedCases = "discarded_cases"
        case contactRoutes = "contact_routes", noContactRoute = "no_contact_route"
    }

    /// The summary as pretty, key-sorted JSON.
}

/// Why a draw was refused.
public enum DrawError: UserFacingError, Sendable, Equatable {
    /// The month was drawn already; `--redraw` replaces it.
    case alreadyDrawn(month: YearMonth, drawnAt: String, seed: UInt64)
    /// No sheet rows fall in the month's window.
    case emptyPool(month: YearMonth, window: ClosedRange<Day>)
    /// The options are not valid.
    case invalid(DrawViolation)
    /// The month has not been drawn.
    case notDrawn(month: YearMonth)
    /// A redraw would leave recorded calls behind; `--discard-calls` allows it.
    case callsRecorded(month: YearMonth, attempts: Int, cases: Int)

    public var messages: [Message] {
        switch self {
        case .alreadyDrawn(let m, let at, let seed):
            return [Catalog.Sample.alreadyDrawn(month: m.description, at: at, seed: seed)]
        case .emptyPool(let m, let w):
            return [Catalog.Sample.emptyPool(month: m.description, window: "\(w.lowerBound) – \(w.upperBound)")]
        case .notDrawn(let m): return [Catalog.Sample.notDrawn(m.description)]
        case .callsRecorded(let m, let a, let c):
            return [Catalog.Sample.callsRecorded(month: m.description, attempts: a, cases: c)]
        case .invalid(let p):
            switch p {
            case .sizeBelowMinimum(let s, let m): return [Catalog.Sample.sizeBelowMinimum(size: s, minimum: m)]
            case .minimumBelowOne(let n): return [Catalog.Sample.minimumBelowOne(n)]
            case .reserveRatioOutOfRange(let r): return [Catalog.Sample.badRatio(r)]
            }
        }
    }
}

/// Draws the monthly spot-check sample and records the draw.
public struct MonthlyDraw {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// How to draw; nil values take the configuration's.
    public struct Request: Sendable {
        public var month: YearMonth
        public var size: Int?
        public var reserveRatio: Double?
        public var seed: UInt64?
        public var redraw: Bool
        /// Redraw even though calls are recorded on the current draw.
        public var discardCalls: Bool
        public var drawnBy: String

        public init(
            month: YearMonth, size: Int? = nil, reserveRatio: Double? = nil, seed: UInt64? = nil, redraw: Bool = false,
            discardCalls: Bool = false, drawnBy: String
        ) {
            self.discardCalls = discardCalls
            self.month = month
            self.size = size
            self.reserveRatio = reserveRatio
            self.seed = seed
            self.redraw = redraw
            self.drawnBy = drawnBy
        }
    }

    /// A fresh seed that is easy to type back (nine digits).
    public static func newSeed() -> UInt64 { UInt64.random(in: 100_000_000...999_999_999) }

    /// Draws the month, records it, and returns its figures.
    public func run(_ request: Request) throws -> DrawSummary {
        let ws = workspace
        let settings = ws.config.settings
        let month = request.month
        let period = settings.period
        let window = period.window(of: month)
        let options = DrawOptions(
            size: request.size ?? settings.minimum, minimum: settings.minimum,
            reserveRatio: request.reserveRatio ?? settings.reserveRatio,
            seed: request.seed ?? MonthlyDraw.newSeed())
        if let problem = options.validate().first { throw DrawError.invalid(problem) }
        return try ws.store().write { db in
            let previous = try DrawRow.current(month: month, db)
            if let previous, !request.redraw {
                throw DrawError.alreadyDrawn(
                    month: month, drawnAt: previous.drawnAt,
                    seed: UInt64(bitPattern: previous.seed))
            }
            let discarded = try discardedCalls(on: previous, request: request, db)
            let (pool, rowsBySource) = try Self.pool(window: window, month: month, store: ws.dbPath, db)
            let lookback = settings.lookbackMonths
            let history =
                try History.months(before: month, lookback: lookback).map {
                    History.excluded(try SheetData.drawnCustomers(months: $0, db))
                } ?? []
            let result: DrawResult
            do {
                result = try SampleDraw.draw(pool: pool, excluded: history, options: options)
            } catch let problem as DrawViolation {
                throw DrawError.invalid(problem)
            }
            let status = period.deadlineStatus(of: month, today: ws.today)
            var draw = DrawRow(
                month: month, seed: Int64(bitPattern: options.seed), size: options.size, minimum: options.minimum,
                reserveRatio: options.reserveRatio, reserveCount: result.reserves.count, lookbackMonths: lookback,
                cutoffDay: period.cutoffDay, deadlineDay: period.deadlineDay, drawnAt: ws.stamp,
                drawnBy: request.drawnBy, today: ws.today.description, summary: "")
            try record(&draw, replacing: previous, items: result.main + result.reserves, db)
            let summary = DrawSummary(
                draw: draw, window: window, options: options, result: result, rowsBySource: rowsBySource,
                status: status, replaces: previous?.id, discarded: discarded)
            draw.summary = summary.json()
            try draw.update(db)
            return summary
        }
    }

    /// The calls recorded on the draw a redraw replaces, which would stay behind with it: nil when there are none;
    /// an error unless the request allows discarding them.
    private func discardedCalls(
        on previous: DrawRow?, request: Request, _ db: Database
    ) throws
        -> (attempts: Int, cases: Int)?
    {
        guard let previous else { return nil }
        let attempts = try AttemptRow.count(draw: previous.id!, db)
        let cases = try CaseRow.of(draw: previous.id!, db).filter { $0.recorded.contains { $0 != nil && $0 != "0" } }
            .count
        guard attempts + cases > 0 else { return nil }
        if !request.discardCalls {
            throw DrawError.callsRecorded(month: request.month, attempts: attempts, cases: cases)
        }
        return (attempts, cases)
    }

    /// The pool: one entry per customer, with the sheets they stand in and their best contact route; and the
    /// sheet rows per source. An empty window is an error.
    private static func pool(
        window: ClosedRange<Day>, month: YearMonth, store: String, _ db: Database
    ) throws
        -> (customers: [PoolCustomer], rowsBySource: [String: Int])
    {
        // Customers are numbered densely from 1 (``SheetData/nextCustomer(_:)``): a customer's
        // place in `folds` is found by its number, with no hashing (a month of a million
        // rows spent a third of its draw in a dictionary). A number past the one the database
        // keeps (a database that did not keep to it) is looked up in `beyond` instead.
        // The rows land on their customers in no order, so each customer's fold is kept in 16
        // bytes (`ids` beside it is only appended to): fewer of those visits miss the cache.
        var folds: [PoolFold] = []
        var ids: [Int] = []
        var place = [Int32](repeating: -1, count: min(max(try SheetData.nextCustomer(db), 0), 1 << 26) + 1)
        var beyond: [Int: Int] = [:]
        func index(of customer: Int) -> Int? {
            guard customer < place.count else { return beyond[customer] }
            return place[customer] >= 0 ? Int(place[customer]) : nil
        }
        var rowsByKind = [Int](repeating: 0, count: SourceKind.allCases.count)
        try SheetData.forEachPoolRow(window: window, month: month, db) { customer, code, fingerprint, route in
            guard let kind = SourceKind(code: code) else {
                throw StoreError.unusable(path: store, reason: "records.kind = \(code)")
            }
            guard customer >= 0 else {
                throw StoreError.unusable(path: store, reason: "records.customer_id = \(customer)")
            }
            rowsByKind[kind.code] += 1
            if let at = index(of: customer) {
                folds[at].sources |= UInt8(1 << kind.code)
                folds[at].sortKey = min(folds[at].sortKey, fingerprint)
                folds[at].route = ContactRoute.best(folds[at].route, route)
            } else {
                if customer < place.count {
                    place[customer] = Int32(folds.count)
                } else {
                    beyond[customer] = folds.count
                }
                folds.append(PoolFold(sortKey: fingerprint, sources: UInt8(1 << kind.code), route: route))
                ids.append(customer)
            }
        }
        if folds.isEmpty { throw DrawError.emptyPool(month: month, window: window) }
        // The order lookup: a customer's orders may give the phone or buyer ID their sheets lack.
        for (customer, route) in try OrderData.routes(db) where route < .none && customer >= 0 {
            if let at = index(of: customer), route < folds[at].route { folds[at].route = route }
        }
        let customers = zip(ids, folds).map { id, f in
            PoolCustomer(id: id, sources: SourceSet(rawValue: Int(f.sources)), sortKey: f.sortKey, route: f.route)
        }
        var rowsBySource: [String: Int] = [:]
        for kind in SourceKind.allCases where rowsByKind[kind.code] > 0 {
            rowsBySource[kind.rawValue] = rowsByKind[kind.code]
        }
        return (customers, rowsBySource)
    }

    /// Inserts the draw and its items; a replaced draw is marked superseded by it.
    private func record(
        _ draw: inout DrawRow, replacing previous: DrawRow?, items: [DrawnCustomer],
        _ db: Database
    ) throws {
        var replaced = previous
        if replaced != nil {
            // Free the month's "current" slot, then point the old draw at the new one.
            replaced!.supersededAt = draw.drawnAt
            try replaced!.update(db)
        }
        try draw.insert(db)
        if replaced != nil {
            replaced!.supersededBy = draw.id
            try replaced!.update(db)
        }
        for item in items {
            try DrawItemRow(
                drawId: draw.id!, itemNo: item.rank, customerId: item.customer, isReserve: item.isReserve,
                stratum: item.stratum, sources: item.sources.rawValue
            ).insert(db)
        }
    }

    /// The current draw of a month and its summary.
    public static func current(month: YearMonth, _ db: Database) throws -> (DrawRow, DrawSummary) {
        guard let row = try DrawRow.current(month: month, db) else { throw DrawError.notDrawn(month: month) }
        let summary = try JSONDecoder().decode(DrawSummary.self, from: Data(row.summary.utf8))
        return (row, summary)
    }
}

/// What the pool keeps of a customer while the month's rows are folded into it: the smallest
/// fingerprint, the sheets (one bit per ``SourceKind/code``) and the best route, in 16 bytes.
private struct PoolFold {
    var sortKey: Int64
    var sources: UInt8
    var route: ContactRoute
}

extension DrawSummary {
    /// The figures of a recorded draw.
    init(
        draw: DrawRow, window: ClosedRange<Day>, options: DrawOptions, result: DrawResult,
        rowsBySource: [String: Int], status: DeadlineStatus, replaces: Int64?,
        discarded: (attempts: Int, cases: Int)?
    ) {
        func named(_ d: [SourceKind: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: d.map { ($0.key.rawValue, $0.value) })
        }
        var daysLeft: Int? = nil, daysLate: Int? = nil
        switch status {
        case .onTime(_, let left): daysLeft = left
        case .late(_, let late): daysLate = late
        }
        let routes = [ContactRoute.phone, .platform, .im].map { ($0.key, result.contactRoutes[$0] ?? 0) }
        self.init(
            drawId: draw.id!, month: draw.month.description,
            window: .init(from: window.lowerBound.description, to: window.upperBound.description),
            seed: options.seed, size: options.size, minimum: options.minimum, reserveRatio: options.reserveRatio,
            lookbackMonths: draw.lookbackMonths, poolCustomers: result.poolCustomers,
            poolBySource: named(result.poolBySource), rowsBySource: rowsBySource,
            mergedAcrossSheets: result.mergedAcrossSheets, excludedByHistory: result.excludedByHistory,
            eligible: result.eligible, strata: named(result.strata), drawnByStratum: named(result.drawnByStratum),
            drawnBySource: named(result.drawnBySource),
            drawn: result.main.count, reserves: result.reserves.count, belowMinimum: result.belowMinimum,
            deadline: status.deadline.description, daysLeft: daysLeft, daysLate: daysLate, drawnAt: draw.drawnAt,
            drawnBy: draw.drawnBy, replaces: replaces, contactRoutes: Dictionary(uniqueKeysWithValues: routes),
            noContactRoute: result.noContactRoute, discardedAttempts: discarded?.attempts,
            discardedCases: discarded?.cases)
    }
}
