// SPEC Part 1, "Call outcomes and scoring"; seed 000 (抽查需注意事项): attempts count only
// "in different time periods".

/// Part of a calling day, for telling attempts "in different time periods" apart (SPEC Part 1,
/// "Call outcomes and scoring"): morning before 12:00, afternoon 13:00–17:00, evening 17:00–20:00.
public enum DayPart: Int, Sendable, Comparable, CaseIterable {
    case morning, afternoon, evening

    /// The part of the day a minute falls in; nil in the lunch gap and outside 00:00–20:00.
    public static func of(minute: Int) -> DayPart? {
        switch minute {
        case ..<(12 * 60): return .morning
        case (13 * 60)..<(17 * 60): return .afternoon
        case (17 * 60)..<(20 * 60): return .evening
        default: return nil
        }
    }

    public static func < (a: DayPart, b: DayPart) -> Bool { a.rawValue < b.rawValue }
}

/// A time period: a day and a part of it. Two attempts are "in different time periods" when
/// their periods differ: on different days, or in different parts of the same day.
public struct TimePeriod: Hashable, Sendable, Comparable {
    public var day: Day
    public var part: DayPart

    /// The period of a moment; nil when the moment belongs to no part (lunch gap, night).
    public init?(_ t: LocalDateTime) {
        guard let part = DayPart.of(minute: t.minuteOfDay) else { return nil }
        day = t.day
        self.part = part
    }

    public static func < (a: TimePeriod, b: TimePeriod) -> Bool { (a.day, a.part) < (b.day, b.part) }
}
