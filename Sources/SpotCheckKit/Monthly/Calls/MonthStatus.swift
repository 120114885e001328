import Foundation
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// Where a month's spot-check stands (`spotcheck status`).
public struct MonthStatus: Codable, Sendable, Equatable, JSONOutput {
    public struct Escalation: Codable, Sendable, Equatable {
        public var item: Int
        public var customer: String
        public var due: String
        public var repliedAt: String?
        public var state: String
        enum CodingKeys: String, CodingKey { case item, customer, due, repliedAt = "replied_at", state }
    }
    /// When the month was handed in to the sales manager.
    public struct Submitted: Codable, Sendable, Equatable {
        public var at: String
        public var by: String
        public var daysLate: Int
        enum CodingKeys: String, CodingKey { case at, by, daysLate = "days_late" }
    }
    public var month: String
    public var drawId: Int64
    public var submitted: Submitted?
    public var deadline: String
    public var daysLeft: Int?
    public var daysLate: Int?
    /// Rows of the sample (main list and reserves in play).
    public var rows: Int
    /// Rows with at least one attempt.
    public var called: Int
    public var counted: Int
    public var minimum: Int
    public var scored: Int
    public var refused: Int
    public var unreachable: Int
    public var rejected: Int
    public var open: Int
    public var reservesInPlay: [Int]
    public var reserves: Int
    public var satisfaction: Double?
    public var target: Double
    public var escalations: [Escalation]
    public var attempts: Int
    public var attemptsOutsideHours: Int

    enum CodingKeys: String, CodingKey {
        case month, drawId = "draw_id", submitted, deadline, daysLeft = "days_left", daysLate = "days_late", rows,
            called, counted, minimum
        case scored, refused, unreachable, rejected, open, reservesInPlay = "reserves_in_play", reserves, satisfaction,
            target
        case escalations, attempts, attemptsOutsideHours = "attempts_outside_hours"
    }

    /// Where `month`'s current draw stands, now.
    public static func load(month: YearMonth, in ws: Workspace) throws -> MonthStatus {
        try ws.store().read { db in
            let m = try MonthCases.load(month: month, config: ws.config, db)
            return MonthStatus(
                m, settings: ws.config.settings, now: ws.now,
                submission: try SubmissionRow.latest(month: month, draw: m.draw.id!, db))
        }
    }

    /// The figures of a month.
    public init(_ m: MonthCases, settings: SpotCheckSettings, now: LocalDateTime, submission: SubmissionRow? = nil) {
        submitted = submission.map {
            Submitted(at: $0.submittedAt.minuteText, by: $0.submittedBy, daysLate: $0.daysLate)
        }
        let sample = m.sample
        month = m.month.description
        drawId = m.draw.id!
        let status = PeriodRules(cutoffDay: m.draw.cutoffDay, deadlineDay: m.draw.deadlineDay).deadlineStatus(
            of: m.month, today: now.day)
        deadline = status.deadline.description
        switch status {
        case .onTime(_, let n): daysLeft = n; daysLate = nil
        case .late(_, let n): daysLeft = nil; daysLate = n
        }
        let f = MonthFigures(sample)
        rows = f.cases
        called = f.called
        counted = f.counted
        minimum = m.summary.minimum
        scored = f.scored
        refused = f.refused
        unreachable = f.unreachable
        rejected = f.rejected
        open = f.open
        reservesInPlay = m.reservesInPlay
        reserves = m.cases.filter(\.item.isReserve).count
        satisfaction = f.satisfaction.value
        target = settings.target
        escalations = sample.compactMap { c in
            guard let e = c.escalation else { return nil }
            var replied: String? = nil
            let state: String
            switch e {
            case .open: state = e.isOverdue(at: now) ? "overdue" : "open"
            case .onTime(_, let r): state = "on-time"; replied = r.minuteText
            case .late(_, let r): state = "late"; replied = r.minuteText
            }
            return Escalation(
                item: c.item.itemNo, customer: c.displayName, due: e.due.minuteText, repliedAt: replied, state: state)
        }
        attempts = m.cases.reduce(0) { $0 + $1.attempts.count }
        attemptsOutsideHours = m.cases.reduce(0) { $0 + $1.evaluation.outsideHours }
    }

    /// The figures as JSON.
}
