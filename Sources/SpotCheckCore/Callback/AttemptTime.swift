/// When a call attempt can have been made (SPEC Part 1, "Period and deadline" and "Call
/// outcomes and scoring"; seed 000: the list is drawn at the end of the month, then called).
///
/// An attempt records a call that happened: one dated after now is a typing error (a wrong
/// month or year), and one dated before the month's window opens is a call made before any
/// record of that month existed, so before its customers could be drawn. Both are refused,
/// by `spotcheck call` and by `results import` alike. The window's end is no bound: callers
/// go on calling after the cut-off and after the deadline.
public enum AttemptTimeViolation: Sendable, Equatable {
    /// Dated after `now`.
    case afterNow(now: LocalDateTime)
    /// Dated before the first day of the month's window.
    case beforeWindow(ClosedRange<Day>)
}

extension PeriodRules {
    /// Why an attempt at `at` on `month`'s list cannot be true, or nil when it can.
    ///
    /// `now` is the latest moment that may have passed: exactly `now` is fine, a millisecond
    /// later is not. The window's first day is fine from 00:00; the day before is not.
    public func attemptProblem(at: LocalDateTime, month: YearMonth, now: LocalDateTime) -> AttemptTimeViolation? {
        if at > now { return .afterNow(now: now) }
        let window = window(of: month)
        if at.day < window.lowerBound { return .beforeWindow(window) }
        return nil
    }
}
