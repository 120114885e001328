// SPEC Part 1, "Calling hours" and "Call outcomes and scoring" (attempts count only in different
// time periods); issue 12: a caller's cases "in the order to call them".

/// The order a caller works down their cases: open cases first; among them those a call now
/// would count for (now is within the calling hours and the case has no valid attempt in
/// now's time period yet); then those tried in fewer periods; then the list's order.
/// Ended cases come last, in the list's order.
///
/// "Valid" and "time period" are the rules' own: an attempt counts when ``CaseRules`` found it
/// within the calling hours and before the case ended, in its ``TimePeriod``.
public enum CallingOrder {
    /// Where a case stands in the order.
    public struct Key: Comparable, Sendable {
        /// The case is still open.
        public var open: Bool
        /// A call now would be a valid attempt in a period the case was not tried in yet.
        public var countsNow: Bool
        /// Distinct periods with a valid attempt.
        public var periodsTried: Int
        /// The case's number on the list.
        public var item: Int

        public static func < (a: Key, b: Key) -> Bool {
            if a.open != b.open { return a.open }
            if a.open {
                if a.countsNow != b.countsNow { return a.countsNow }
                if a.periodsTried != b.periodsTried { return a.periodsTried < b.periodsTried }
            }
            return a.item < b.item
        }
    }

    /// The periods a case has a valid attempt in (within the hours, before it ended).
    public static func periodsTried(_ e: CaseEvaluation) -> Set<TimePeriod> {
        Set(e.attempts.filter { $0.withinHours && !$0.afterEnd }.compactMap { TimePeriod($0.attempt.at) })
    }

    /// Whether a call at `now` would count for an open case: within the calling hours and in a
    /// period the case was not tried in yet.
    public static func countsNow(
        _ e: CaseEvaluation, now: LocalDateTime, hours: CallingHours, calendar: HolidayCalendar
    ) -> Bool {
        guard e.status == .open, hours.allows(now, calendar: calendar), let period = TimePeriod(now) else {
            return false
        }
        return !periodsTried(e).contains(period)
    }

    /// A case's key in the order at `now`.
    public static func key(
        item: Int, _ e: CaseEvaluation, now: LocalDateTime, hours: CallingHours, calendar: HolidayCalendar
    ) -> Key {
        Key(
            open: e.status == .open, countsNow: countsNow(e, now: now, hours: hours, calendar: calendar),
            periodsTried: periodsTried(e).count, item: item)
    }
}
