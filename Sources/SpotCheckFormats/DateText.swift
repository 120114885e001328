import SpotCheckCore

/// Dates and times as the shop's exports write them (issue: "Dates as these exports write
/// them"): `2026-11-03`, `2026/11/3`, `2026.11.3`, `2026年11月3日`, `20261103`, each with or
/// without a time (`10:15`, `10:15:02`, `10:15:02.250`, `10时15分`), and Excel date serials.
public enum DateText {
    /// A parsed date, and whether it carried a time of day.
    public struct Parsed: Equatable, Sendable {
        public var moment: LocalDateTime
        public var hasTime: Bool
        public var day: Day { moment.day }
    }

    /// Why a date could not be read.
    public enum Problem: Error, Equatable, Sendable {
        /// Not in any accepted form.
        case unrecognized
        /// In an accepted form, but the date does not exist (2026-02-30).
        case noSuchDate
        /// The time part is out of range (25:00).
        case badTime
    }

    /// Parses a cell: a date serial is taken as is; text is parsed. Returns nil for blank.
    public static func parse(_ cell: Cell) throws(Problem) -> Parsed? {
        switch cell {
        case .empty: return nil
        case .date(let serial), .number(let serial):
            guard let t = ExcelDate.dateTime(serial: serial) else { throw .unrecognized }
            return Parsed(moment: t, hasTime: t.millisecondOfDay != 0)
        case .text(let s): return try parse(s)
        case .bool, .error: throw .unrecognized
        }
    }

    // One function: it runs on every date cell of an import, each form tried in place.
    /// Parses text. Returns nil for blank text.
    public static func parse(_ text: String) throws(Problem) -> Parsed? {
        if let fast = try isoFast(text) { return fast }
        var s = Array(text.trimmingASCIIWhitespace().unicodeScalars)
        if s.isEmpty { return nil }
        // Full-width digits and separators, as some sheets have them.
        for i in s.indices where s[i].value >= 0xFF01 && s[i].value <= 0xFF5E {
            s[i] = Unicode.Scalar(s[i].value - 0xFEE0)!
        }
        var p = Scanner(s)
        // A bare number: yyyymmdd or an Excel serial (as a CSV saved from a "General" column has it).
        if s.allSatisfy({ isDigit($0) || $0 == "." }), s.filter({ $0 == "." }).count <= 1 {
            if s.count == 8, !s.contains(".") {
                let y = p.number(4)!, m = p.number(2)!, d = p.number(2)!
                guard let day = Day(year: y, month: m, day: d) else { throw .noSuchDate }
                return Parsed(moment: LocalDateTime(day: day)!, hasTime: false)
            }
            if let serial = Double(String(String.UnicodeScalarView(s))), serial >= 61, serial < 2_958_466,
                s.prefix(while: isDigit).count == 5
            {
                return try parse(Cell.date(serial))
            }
            throw .unrecognized
        }
        guard let y = p.number(4, minimum: 4) else { throw .unrecognized }
        guard p.separator(["-", "/", ".", "年"]) else { throw .unrecognized }
        guard let m = p.number(2) else { throw .unrecognized }
        guard p.separator(["-", "/", ".", "月"]) else { throw .unrecognized }
        guard let d = p.number(2) else { throw .unrecognized }
        _ = p.literal("日") || p.literal("号")
        guard (1...12).contains(m), (1...31).contains(d) else { throw .noSuchDate }
        guard let day = Day(year: y, month: m, day: d) else { throw .noSuchDate }
        p.skipSpaces()
        if p.atEnd { return Parsed(moment: LocalDateTime(day: day)!, hasTime: false) }
        if p.literal("T") { p.skipSpaces() }
        // Optional 上午/下午 as some Chinese exports write.
        var pm = false
        if p.literal("下午") || p.literal("晚上") { pm = true } else { _ = p.literal("上午") || p.literal("早上") }
        guard var hour = p.number(2) else { throw .unrecognized }
        guard p.separator([":", "时", "點", "点"]) else { throw .unrecognized }
        guard let minute = p.number(2) else { throw .unrecognized }
        var second = 0, ms = 0
        if p.separator([":", "分"]) {
            if let sec = p.number(2) {
                second = sec
                _ = p.literal("秒")
                if p.literal(".") || p.literal(",") {
                    let digits = p.digits(max: 9)
                    guard !digits.isEmpty else { throw .unrecognized }
                    let first3 = digits.prefix(3) + Array(repeating: 0, count: max(0, 3 - digits.count))
                    ms = first3.reduce(0) { $0 * 10 + $1 }
                }
            }
        }
        p.skipSpaces()
        guard p.atEnd else { throw .unrecognized }
        if pm && hour < 12 { hour += 12 }
        guard let t = LocalDateTime(day: day, hour: hour, minute: minute, second: second, millisecond: ms) else {
            throw .badTime
        }
        return Parsed(moment: t, hasTime: true)
    }

    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS` read straight from the
    /// bytes (what most exports write); nil for any other form.
    private static func isoFast(_ text: String) throws(Problem) -> Parsed? {
        var text = text
        let outcome = text.withUTF8 { b in Result { () throws(Problem) in try parseISO(b) } }
        return try outcome.get()
    }

    /// The `YYYY-MM-DD[ HH:MM[:SS[.fff]]]` forms ``parse(_:)-(String)`` reads first, from the text's UTF-8 bytes:
    /// nil for any other form (which ``parse(_:)-(String)`` may still read).
    public static func parseISO(_ b: UnsafeBufferPointer<UInt8>) throws(Problem) -> Parsed? {
        let outcome: Result<Parsed, Problem>? = {
            let n = b.count
            // yyyy-mm-dd, with hh:mm, hh:mm:ss or hh:mm:ss.f to .fff (transcripts have milliseconds).
            guard n == 10 || n == 16 || (19...23).contains(n) && n != 20, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            @inline(__always) func num(_ i: Int, _ len: Int) -> Int? {
                var v = 0
                for k in i..<(i + len) {
                    let x = Int(b[k]) - 48
                    guard x >= 0 && x <= 9 else { return nil }
                    v = v * 10 + x
                }
                return v
            }
            guard let y = num(0, 4), let m = num(5, 2), let dd = num(8, 2) else { return nil }
            guard (1...12).contains(m), (1...31).contains(dd), let day = Day(year: y, month: m, day: dd) else {
                return .failure(.noSuchDate)
            }
            if n == 10 { return .success(Parsed(moment: LocalDateTime(day: day)!, hasTime: false)) }
            guard b[10] == 0x20 || b[10] == 0x54, b[13] == 0x3A, let h = num(11, 2), let mi = num(14, 2) else {
                return nil
            }
            var sec = 0, ms = 0
            if n >= 19 {
                guard b[16] == 0x3A, let s = num(17, 2) else { return nil }
                sec = s
            }
            if n > 19 {
                guard b[19] == 0x2E, let f = num(20, n - 20) else { return nil }
                ms = n == 21 ? f * 100 : n == 22 ? f * 10 : f
            }
            guard let t = LocalDateTime(day: day, hour: h, minute: mi, second: sec, millisecond: ms) else {
                return .failure(.badTime)
            }
            return .success(Parsed(moment: t, hasTime: true))
        }()
        switch outcome {
        case nil: return nil
        case .success(let p)?: return p
        case .failure(let e)?: throw e
        }
    }

    private static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 48 && u.value <= 57 }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }
        var atEnd: Bool { i >= s.count }
        mutating func number(_ maxDigits: Int, minimum: Int = 1) -> Int? {
            let d = digits(max: maxDigits)
            guard d.count >= minimum else { i -= d.count; return nil }
            return d.reduce(0) { $0 * 10 + $1 }
        }
        mutating func digits(max: Int) -> [Int] {
            var out: [Int] = []
            while i < s.count, out.count < max, s[i].value >= 48, s[i].value <= 57 {
                out.append(Int(s[i].value - 48))
                i += 1
            }
            return out
        }
        mutating func literal(_ text: String) -> Bool {
            let u = Array(text.unicodeScalars)
            guard i + u.count <= s.count, Array(s[i..<(i + u.count)]) == u else { return false }
            i += u.count
            return true
        }
        mutating func separator(_ options: [String]) -> Bool {
            skipSpaces()
            for o in options where literal(o) { skipSpaces(); return true }
            return false
        }
        mutating func skipSpaces() { while i < s.count, s[i] == " " || s[i] == "\u{3000}" { i += 1 } }
    }
}
