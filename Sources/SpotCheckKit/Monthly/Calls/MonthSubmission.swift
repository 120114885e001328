import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// Hands a month in to the sales manager (`spotcheck submit`; SPEC Part 1, "Period and
/// deadline": the list goes to the sales manager by the deadline day): records when and by
/// whom, and whether it was late. From then on `status` says it was handed in instead of
/// counting down or warning.
public struct MonthSubmission {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// What was recorded, and what is still short (the lead may hand in a month that is).
    public struct Outcome: Sendable, Equatable {
        public var submission: SubmissionRow
        public var deadline: Day
        /// Counted cases still short of the minimum.
        public var shortOfMinimum: Int
        /// Cases of the sample still open.
        public var openCases: Int
    }

    /// Records the submission of `month`'s current draw.
    public func submit(month: YearMonth, by: String) throws -> Outcome {
        let ws = workspace
        return try ws.store().write { db in
            let m = try MonthCases.load(month: month, config: ws.config, db)
            let period = PeriodRules(cutoffDay: m.draw.cutoffDay, deadlineDay: m.draw.deadlineDay)
            let status = period.deadlineStatus(of: month, today: ws.today)
            let daysLate: Int
            switch status {
            case .onTime: daysLate = 0
            case .late(_, let n): daysLate = n
            }
            var row = SubmissionRow(
                month: month, drawId: m.draw.id!, submittedAt: ws.now, submittedBy: by, daysLate: daysLate)
            try row.insert(db)
            let f = m.figures
            return Outcome(
                submission: row, deadline: status.deadline, shortOfMinimum: max(0, m.summary.minimum - f.counted),
                openCases: f.open)
        }
    }
}
