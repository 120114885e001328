/// What kind of day a date is for calling purposes.
public enum DayKind: Sendable, Equatable {
    /// Monday–Friday, not a holiday.
    case workday
    /// A weekend day that is worked to make up for a holiday (调休上班).
    case makeUpWorkday(String)
    /// Saturday or Sunday.
    case weekend
    /// A statutory holiday (法定节假日).
    case holiday(String)

    /// True on workdays and make-up workdays.
    public var isWorkday: Bool {
        switch self {
        case .workday, .makeUpWorkday: return true
        case .weekend, .holiday: return false
        }
    }
}

/// Chinese statutory holidays and make-up workdays, from the calendar in `Templates/`.
/// A date in a year the calendar does not cover falls back to weekday/weekend, and the
/// caller is told so (SPEC Part 1, "Calling hours").
public struct HolidayCalendar: Sendable, Equatable {
    /// Holidays by day, with their names.
    public var holidays: [Day: String]
    /// Make-up workdays by day, with the holiday they make up for.
    public var makeUpWorkdays: [Day: String]
    /// The years the calendar covers.
    public var coveredYears: Set<Int>

    public init(holidays: [Day: String], makeUpWorkdays: [Day: String], coveredYears: Set<Int>) {
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        self.coveredYears = coveredYears
    }

    /// Whether the calendar covers `day`'s year.
    public func covers(_ day: Day) -> Bool { coveredYears.contains(day.year) }

    /// The kind of `day`.
    public func kind(of day: Day) -> DayKind {
        if let name = holidays[day] { return .holiday(name) }
        if let name = makeUpWorkdays[day] { return .makeUpWorkday(name) }
        return day.isWeekend ? .weekend : .workday
    }
}

/// A span of the day in minutes since midnight, start included and end excluded.
public struct MinuteSpan: Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` (also with `–` or `~`).
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "~" || $0 == "～" }).map {
            $0.trimmingASCIIWhitespace()
        }
        guard parts.count == 2, let a = MinuteSpan.minutes(parts[0]), let b = MinuteSpan.minutes(parts[1]), a < b else {
            return nil
        }
        start = a
        end = b
    }

    /// Whether a minute of the day falls in the span.
    public func contains(_ minute: Int) -> Bool { minute >= start && minute < end }

    /// `09:00–12:00`.
    public var text: String { "\(MinuteSpan.clock(start))–\(MinuteSpan.clock(end))" }

    static func minutes(_ s: String) -> Int? {
        let p = s.split(separator: ":")
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0...59).contains(m),
            h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    static func clock(_ m: Int) -> String { "\(pad2(m / 60)):\(pad2(m % 60))" }
}

/// When customers may be called (SPEC Part 1, "Calling hours"; seed 000 "避开客户休息时间"):
/// workdays 09:00–12:00 and 13:00–20:00, holidays and weekends 10:00–12:00 and 13:00–20:00.
/// A span includes its start and excludes its end: 12:00 and 20:00 sharp are outside.
public struct CallingHours: Sendable, Equatable {
    /// Spans on workdays (including make-up workdays).
    public var workday: [MinuteSpan]
    /// Spans on weekends and holidays.
    public var restDay: [MinuteSpan]

    public init(workday: [MinuteSpan], restDay: [MinuteSpan]) {
        self.workday = workday
        self.restDay = restDay
    }

    /// The SOP's hours.
    public static let standard = CallingHours(
        workday: [MinuteSpan(start: 9 * 60, end: 12 * 60), MinuteSpan(start: 13 * 60, end: 20 * 60)],
        restDay: [MinuteSpan(start: 10 * 60, end: 12 * 60), MinuteSpan(start: 13 * 60, end: 20 * 60)])

    /// The spans allowed on `day`.
    public func spans(on day: Day, calendar: HolidayCalendar) -> [MinuteSpan] {
        calendar.kind(of: day).isWorkday ? workday : restDay
    }

    /// Whether a call at `moment` is within the hours.
    public func allows(_ moment: LocalDateTime, calendar: HolidayCalendar) -> Bool {
        let minute = moment.minuteOfDay
        return spans(on: moment.day, calendar: calendar).contains { $0.contains(minute) }
    }
}
