/// The monthly spot-check calendar: which records belong to which month's sample, and when
/// the list is due (SPEC Part 1, "Period and deadline").
///
/// The pool for month M holds the records dated after the previous month's cut-off, up to
/// and including M's cut-off, so that no record falls between two samples. A cut-off or
/// deadline day past the end of a short month means that month's last day.
public struct PeriodRules: Sendable, Equatable {
    /// Day of the month on which the month's pool closes (default 26).
    public var cutoffDay: Int
    /// Day of the month on which the list is submitted to the sales manager (default 27).
    public var deadlineDay: Int

    /// Creates the rules; see ``validate()`` for the allowed values.
    public init(cutoffDay: Int = 26, deadlineDay: Int = 27) {
        self.cutoffDay = cutoffDay
        self.deadlineDay = deadlineDay
    }

    /// Problems with the values, if any (empty when valid).
    public func validate() -> [PeriodRulesViolation] {
        var problems: [PeriodRulesViolation] = []
        if !(1...31).contains(cutoffDay) { problems.append(.cutoffOutOfRange(cutoffDay)) }
        if !(1...31).contains(deadlineDay) { problems.append(.deadlineOutOfRange(deadlineDay)) }
        if deadlineDay < cutoffDay { problems.append(.deadlineBeforeCutoff(cutoff: cutoffDay, deadline: deadlineDay)) }
        return problems
    }

    /// The last day of `month`'s pool.
    public func cutoff(of month: YearMonth) -> Day { month.day(clamping: cutoffDay) }

    /// The day the list for `month` is due.
    public func deadline(of month: YearMonth) -> Day { month.day(clamping: deadlineDay) }

    /// The days whose records belong to `month`'s pool.
    public func window(of month: YearMonth) -> ClosedRange<Day> {
        cutoff(of: month.previous).adding(days: 1)...cutoff(of: month)
    }

    /// The month whose pool holds `day`.
    public func month(containing day: Day) -> YearMonth {
        let own = day.yearMonth
        return day <= cutoff(of: own) ? own : own.adding(months: 1)
    }

    /// Where `today` stands against `month`'s deadline.
    public func deadlineStatus(of month: YearMonth, today: Day) -> DeadlineStatus {
        let due = deadline(of: month)
        let left = due.ordinal - today.ordinal
        return left >= 0 ? .onTime(deadline: due, daysLeft: left) : .late(deadline: due, daysLate: -left)
    }
}

/// Why a set of period rules is not usable.
public enum PeriodRulesViolation: Sendable, Equatable {
    case cutoffOutOfRange(Int)
    case deadlineOutOfRange(Int)
    case deadlineBeforeCutoff(cutoff: Int, deadline: Int)
}

/// The deadline of a month's list as seen on a given day.
public enum DeadlineStatus: Sendable, Equatable {
    /// Due on `deadline`, `daysLeft` days from today (0: due today).
    case onTime(deadline: Day, daysLeft: Int)
    /// Was due on `deadline`, `daysLate` days ago.
    case late(deadline: Day, daysLate: Int)

    /// The deadline day.
    public var deadline: Day {
        switch self {
        case .onTime(let d, _), .late(let d, _): return d
        }
    }

    /// True once the deadline has passed.
    public var isLate: Bool { if case .late = self { return true } else { return false } }
}
