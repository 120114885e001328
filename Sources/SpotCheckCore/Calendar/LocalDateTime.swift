/// A wall-clock moment in the shop's local time, with millisecond precision.
///
/// Stored as milliseconds since 1970-01-01 00:00 local time. Transcript timings need
/// milliseconds (the 3-second silent-line rule); call attempts use minutes.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01 00:00 (local wall clock).
    public var milliseconds: Int64

    /// Creates a moment from milliseconds since 1970-01-01 00:00 local.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Creates a moment from a day and a time of day; nil when the time is out of range.
    public init?(day: Day, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            (0...999).contains(millisecond)
        else { return nil }
        milliseconds =
            Int64(day.ordinal) * 86_400_000
            + Int64(hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond)
    }

    /// The calendar day.
    public var day: Day {
        Day(ordinal: Int(milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000))
    }

    /// Milliseconds since midnight.
    public var millisecondOfDay: Int { Int(milliseconds - Int64(day.ordinal) * 86_400_000) }

    /// Minutes since midnight (0–1439).
    public var minuteOfDay: Int { millisecondOfDay / 60_000 }

    /// Hour, minute, second and millisecond of the day.
    public var time: (hour: Int, minute: Int, second: Int, millisecond: Int) {
        let ms = millisecondOfDay
        return (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    /// The moment `ms` milliseconds later.
    public func adding(milliseconds ms: Int64) -> LocalDateTime { LocalDateTime(milliseconds: milliseconds + ms) }

    /// The moment `n` minutes later.
    public func adding(minutes n: Int) -> LocalDateTime { adding(milliseconds: Int64(n) * 60_000) }

    /// `YYYY-MM-DD HH:MM:SS`, with `.mmm` when the milliseconds are not zero.
    public var description: String {
        let t = time
        let base = "\(day) \(pad2(t.hour)):\(pad2(t.minute)):\(pad2(t.second))"
        return t.millisecond == 0 ? base : base + "." + pad3(t.millisecond)
    }

    /// `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD` without the time), written byte by byte:
    /// imports format a million of these.
    public func isoText(withTime: Bool) -> String {
        let (y, mo, d) = day.components
        let ms = millisecondOfDay
        let h = ms / 3_600_000, mi = ms / 60_000 % 60, s = ms / 1000 % 60
        let count = withTime ? 19 : 10
        return String(unsafeUninitializedCapacity: count) { buf in
            @inline(__always) func put(_ i: Int, _ v: Int, _ width: Int) {
                var v = v
                for k in stride(from: i + width - 1, through: i, by: -1) { buf[k] = UInt8(48 + v % 10); v /= 10 }
            }
            put(0, y, 4); buf[4] = 0x2D; put(5, mo, 2); buf[7] = 0x2D; put(8, d, 2)
            if withTime { buf[10] = 0x20; put(11, h, 2); buf[13] = 0x3A; put(14, mi, 2); buf[16] = 0x3A; put(17, s, 2) }
            return count
        }
    }

    /// `YYYY-MM-DD HH:MM:SS`: how SpotCheck stores a moment (to the second).
    public var stamp: String { isoText(withTime: true) }

    /// The moment without its milliseconds (as it is stored).
    public var wholeSeconds: LocalDateTime {
        LocalDateTime(milliseconds: milliseconds - Int64(millisecondOfDay % 1000))
    }

    /// Reads ``stamp`` (`YYYY-MM-DD HH:MM:SS`, a `.mmm` after it allowed); nil for anything else.
    public init?(stamp s: String) {
        let b = Array(s.utf8)
        guard b.count == 19 || (b.count == 23 && b[19] == 0x2E), b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x20,
            b[13] == 0x3A,
            b[16] == 0x3A
        else { return nil }
        func num(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for i in from..<to {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 7), let d = num(8, 10), let h = num(11, 13), let mi = num(14, 16),
            let sec = num(17, 19),
            let ms = b.count == 23 ? num(20, 23) : 0, h < 24, mi < 60, sec < 60,
            let day = Day(year: y, month: mo, day: d)
        else {
            return nil
        }
        self.init(day: day, hour: h, minute: mi, second: sec, millisecond: ms)
    }

    /// `HH:MM:SS`, with `.mmm` when the milliseconds are not zero (times within a transcript).
    /// Written byte by byte: the audit workbook writes one or two per utterance.
    public var clockText: String {
        let ms = millisecondOfDay
        let fraction = ms % 1000
        return String(unsafeUninitializedCapacity: fraction == 0 ? 8 : 12) { buf in
            @inline(__always) func put(_ i: Int, _ v: Int, _ width: Int) {
                var v = v
                for k in stride(from: i + width - 1, through: i, by: -1) { buf[k] = UInt8(48 + v % 10); v /= 10 }
            }
            put(0, ms / 3_600_000, 2); buf[2] = 0x3A; put(3, ms / 60_000 % 60, 2); buf[5] = 0x3A;
            put(6, ms / 1000 % 60, 2)
            guard fraction != 0 else { return 8 }
            buf[8] = 0x2E
            put(9, fraction, 3)
            return 12
        }
    }

    /// `YYYY-MM-DD HH:MM`.
    public var minuteText: String {
        let t = time
        return "\(day) \(pad2(t.hour)):\(pad2(t.minute))"
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.milliseconds < b.milliseconds }
}

extension LocalDateTime: Codable {
    /// Encoded as `YYYY-MM-DD HH:MM:SS` (with `.mmm` when there are milliseconds).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let t = LocalDateTime(stamp: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date and time: \(s)")
        }
        self = t
    }
}
