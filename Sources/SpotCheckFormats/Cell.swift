import SpotCheckCore

/// One cell of a sheet, as the file holds it. CSV cells are always text; XLSX cells keep
/// their type, and a number formatted as a date is a ``date(_:)`` carrying the Excel serial.
public enum Cell: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)
    /// An Excel date serial (days since 1899-12-30; the fraction is the time of day).
    case date(Double)
    case bool(Bool)
    /// An Excel error value such as `#N/A`.
    case error(String)

    /// The cell as text: what a person sees, with integral numbers written without `.0`
    /// and dates as `YYYY-MM-DD` (plus the time when there is one).
    public var text: String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .number(let d): return Cell.numberText(d)
        case .date(let serial):
            guard let t = ExcelDate.dateTime(serial: serial) else { return Cell.numberText(serial) }
            return t.millisecondOfDay == 0 ? t.day.description : t.description
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        }
    }

    /// True for an empty cell or one holding only spaces.
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let s):
            guard let first = s.utf8.first else { return true }
            if first != 0x20 && first != 0x09 && first != 0x0D && first != 0x0A && first != 0xE3 { return false }
            return s.trimmingASCIIWhitespace().isEmpty
        default: return false
        }
    }

    /// Integral numbers below 2^53 as integers (15, not 15.0), others in Swift's shortest form.
    public static func numberText(_ d: Double) -> String { ExcelFormula.number(d) }
}

/// Excel's date serials: day 1 is 1900-01-01 and day 60 is the 1900-02-29 that never was.
public enum ExcelDate {
    /// Serial of 1970-01-01.
    static let unixEpochSerial = 25_569.0

    /// The moment a serial stands for, rounded to the millisecond; nil before 1900-03-01
    /// or beyond year 9999.
    public static func dateTime(serial: Double) -> LocalDateTime? {
        guard serial.isFinite, serial >= 61, serial < 2_958_466 else { return nil }
        let ms = ((serial - unixEpochSerial) * 86_400_000).rounded()
        return LocalDateTime(milliseconds: Int64(ms))
    }

    /// The serial of a moment.
    public static func serial(of t: LocalDateTime) -> Double {
        Double(t.milliseconds) / 86_400_000 + unixEpochSerial
    }

    /// The serial of a day.
    public static func serial(of d: Day) -> Double { Double(d.ordinal) + unixEpochSerial }
}
