/// A calendar day, counted in days since 1970-01-01 (proleptic Gregorian).
///
/// SpotCheck works in the shop's local wall-clock time throughout; there are no time zones
/// in the SOPs, so none here. `Day` is cheap to compare, hash and store (one integer).
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var ordinal: Int

    /// Creates a day from its ordinal (days since 1970-01-01).
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Creates a day from year, month and day of month, or returns nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// The year, month (1–12) and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The year.
    public var year: Int { components.year }
    /// The month, 1–12.
    public var month: Int { components.month }
    /// The day of the month.
    public var dayOfMonth: Int { components.day }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (ordinal + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// True on Saturday and Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// The month this day belongs to.
    public var yearMonth: YearMonth { let c = components; return YearMonth(year: c.year, month: c.month)! }

    /// The day `n` days later (or earlier, for negative `n`).
    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return "\(c.year)-\(pad2(c.month))-\(pad2(c.day))"
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Number of days in a month.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Gregorian leap year.
    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// A calendar month, such as 2026-11.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int

    /// Creates a month, or returns nil when `month` is outside 1–12.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (also `YYYY-M`, `YYYY/MM`, `YYYYMM`).
    public init?(parsing text: String) {
        let t = text.trimmingASCIIWhitespace()
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), (1...2).contains(parts[1].count),
            let m = Int(parts[1])
        {
            self.init(year: y, month: m)
        } else if t.count == 6, t.allSatisfy(\.isASCIIDigit), let y = Int(t.prefix(4)), let m = Int(t.suffix(2)) {
            self.init(year: y, month: m)
        } else {
            return nil
        }
    }

    /// A month index for arithmetic: year × 12 + (month − 1).
    public var index: Int { year * 12 + month - 1 }

    /// Creates a month from its `index`.
    public init(index: Int) {
        year = index / 12
        month = index % 12 + 1
    }

    /// The month `n` months later (or earlier).
    public func adding(months n: Int) -> YearMonth { YearMonth(index: index + n) }

    /// The previous month.
    public var previous: YearMonth { adding(months: -1) }

    /// Days in this month.
    public var dayCount: Int { Day.daysIn(year: year, month: month) }

    /// The given day of this month, clamped to the month's last day (so day 30 of February is its last day).
    public func day(clamping dayOfMonth: Int) -> Day {
        Day(year: year, month: month, day: min(max(1, dayOfMonth), dayCount))!
    }

    /// `YYYY-MM`.
    public var description: String { "\(year)-\(pad2(month))" }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
}

@inline(__always) func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
@inline(__always) func pad3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR, LF and ideographic spaces
    /// (U+3000). Works on the UTF-8 bytes; returns the text itself when there is nothing to trim.
    public func trimmingASCIIWhitespace() -> String {
        trimmedWhitespace(self as? String ?? String(self))
    }
}

private func trimmedWhitespace(_ text: String) -> String {
    let u = text.utf8
    var start = u.startIndex
    var end = u.endIndex
    @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
    while start < end {
        let b = u[start]
        if isSpace(b) { start = u.index(after: start); continue }
        if b == 0xE3, u.distance(from: start, to: end) >= 3 {
            let i1 = u.index(after: start), i2 = u.index(after: i1)
            if u[i1] == 0x80 && u[i2] == 0x80 { start = u.index(after: i2); continue }
        }
        break
    }
    while start < end {
        let last = u.index(before: end)
        let b = u[last]
        if isSpace(b) { end = last; continue }
        if b == 0x80, u.distance(from: start, to: end) >= 3 {
            let i1 = u.index(before: last), i0 = u.index(before: i1)
            if u[i1] == 0x80 && u[i0] == 0xE3 { end = i0; continue }
        }
        break
    }
    if start == u.startIndex && end == u.endIndex { return text }
    return String(text[start..<end])
}

extension YearMonth: Codable {
    /// Encoded as `YYYY-MM`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let m = YearMonth(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a month: \(s)")
        }
        self = m
    }
}
