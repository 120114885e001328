/// A customer phone number as it stands in a sheet (SPEC Part 1, "Sources" and "Everywhere").
///
/// Normalization strips spaces, dashes, dots and brackets, turns full-width digits into ASCII
/// and drops the +86 / 0086 country prefix. A masked number such as `138****5678` is kept for
/// display but never identifies anyone on its own.
public enum PhoneNumber: Hashable, Sendable {
    /// A complete number, digits only (11-digit mobile, or a landline with its area code).
    case full(String)
    /// A masked number, normalized (digits and `*`), e.g. `138****5678`.
    case masked(String)

    /// Why a phone cell could not be understood.
    public enum Problem: Error, Hashable, Sendable {
        /// Excel showed the number in scientific notation (`1.38123E+10`) and its digits are lost.
        case scientificNotation
        /// Not a phone number: wrong length or characters.
        case notAPhoneNumber
    }

    // One function: it runs on every phone cell of an import, with its fast path first.
    /// Parses a phone cell. Returns nil for an empty cell.
    public static func parse(_ raw: String) throws(Problem) -> PhoneNumber? {
        // Fast path: eleven ASCII digits (or digits and *) starting with 1, as most cells are.
        let u = raw.utf8
        if u.count == 11, u.first == 0x31 {
            var digits = true, masked = false
            for b in u {
                if b >= 0x30 && b <= 0x39 { continue }
                if b == 0x2A { masked = true; continue }
                digits = false
                break
            }
            if digits { return masked ? .masked(raw) : .full(raw) }
        }
        var chars: [Character] = []
        chars.reserveCapacity(raw.count)
        var sawExponent = false
        for ch in raw {
            switch ch {
            case " ", "\t", "\u{3000}", "-", "－", "—", "–", "(", ")", "（", "）", ".", "\u{00A0}":
                if ch == "." { chars.append(".") }  // kept to recognise 1.38E+10
                continue
            case "０"..."９":
                let v = ch.unicodeScalars.first!.value - 0xFF10
                chars.append(Character(Unicode.Scalar(48 + v)!))
            case "*", "＊", "●", "•", "x", "X", "×":
                chars.append("*")
            case "E", "e":
                sawExponent = true
                chars.append("E")
            case "+", "＋":
                chars.append("+")
            default:
                chars.append(ch)
            }
        }
        if chars.isEmpty { return nil }
        if sawExponent || (chars.contains(".") && chars.contains("E")) { throw .scientificNotation }
        // A number that went through a numeric cell may come back as 13812345678.0.
        if let dot = chars.firstIndex(of: ".") {
            if chars[(dot + 1)...].allSatisfy({ $0 == "0" }) {
                chars.removeSubrange(dot...)
            } else {
                throw .notAPhoneNumber
            }
        }
        var s = String(chars)
        if s.hasPrefix("+86") {
            s.removeFirst(3)
        } else if s.hasPrefix("0086") {
            s.removeFirst(4)
        } else if s.hasPrefix("86"), s.count == 13, s.dropFirst(2).first == "1" {
            s.removeFirst(2)
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCIIDigit || $0 == "*" }) else { throw .notAPhoneNumber }
        if s.contains("*") {
            guard s.count >= 7, s.count <= 13, s.contains(where: \.isASCIIDigit) else { throw .notAPhoneNumber }
            return .masked(s)
        }
        switch s.count {
        case 11 where s.first == "1": return .full(s)
        case 10...12 where s.first == "0": return .full(s)  // landline with area code
        case 7...8 where s.first != "0" && s.first != "1": return .full(s)  // local landline
        default: throw .notAPhoneNumber
        }
    }

    /// A phone cell as the platforms write it (issue 8, "Phones as the platforms write them"):
    /// a privacy number with its extension (`18735643633-7298`, `18791378848转7245`) is one
    /// callable number, kept as `trunk-extension`; a cell with several numbers (split at `/`,
    /// `、`, `，`, `;` or between whole numbers separated by spaces) gives the first full number
    /// as the phone and the others as alternates. Nil phone for an empty cell.
    public static func parseCell(_ raw: String) throws(Problem) -> (phone: PhoneNumber?, alternates: [PhoneNumber]) {
        // Fast path (the import's usual cell): ASCII without separators or extension marks.
        if !raw.utf8.contains(where: {
            $0 >= 0x80 || $0 == 0x2F || $0 == 0x2C || $0 == 0x3B || $0 == 0x7C || $0 == 0x0A
                || $0 == 0x20 || $0 == 0x2D || $0 == 0x23 || $0 == 0x65 || $0 == 0x45
        }) {
            return (try parse(raw), [])
        }
        var numbers: [PhoneNumber] = []
        for part in parts(of: raw) {
            if let n = try parseWithExtension(part) { numbers.append(n) }
        }
        guard let primary = numbers.first(where: { !$0.isMasked }) ?? numbers.first else { return (nil, []) }
        var seen: Set<String> = [primary.text]
        var alternates: [PhoneNumber] = []
        for n in numbers where !n.isMasked && seen.insert(n.text).inserted { alternates.append(n) }
        return (primary, alternates)
    }

    /// The numbers of a cell: split at list separators, or at spaces when every piece is a
    /// whole number on its own (`13096713058 18794965824`, but not `138 1234 5678`).
    static func parts(of raw: String) -> [String] {
        let listSeparators: Set<Character> = ["/", "、", "，", ",", ";", "；", "|", "\n"]
        if raw.contains(where: { listSeparators.contains($0) }) {
            return raw.split(whereSeparator: { listSeparators.contains($0) }).map(String.init)
        }
        let pieces = raw.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        if pieces.count > 1,
            pieces.allSatisfy({ p in
                guard let n = try? parseWithExtension(p), !n.isMasked else { return false }
                return n.text.count >= 11
            })
        {
            return pieces
        }
        return [raw]
    }

    /// One number, possibly with a privacy-number extension after `转`, `-`, `#` or `分机`.
    static func parseWithExtension(_ raw: String) throws(Problem) -> PhoneNumber? {
        let t = raw.trimmingASCIIWhitespace()
        for marker in ["转", "分机", "ext", "EXT", "#", "-", "－"] {
            guard let r = PhoneNumber.find(marker, in: t) else { continue }
            let trunkText = String(t[..<r.lowerBound]), extText = String(t[r.upperBound...]).trimmingASCIIWhitespace()
            guard !extText.isEmpty, extText.count <= 6, extText.allSatisfy(\.isASCIIDigit) else { continue }
            // `-` also separates a landline's area code: only a mobile trunk takes an extension.
            guard let trunk = try? parse(trunkText), case .full(let digits) = trunk,
                digits.count == 11, digits.first == "1" || marker == "转" || marker == "分机"
            else { continue }
            return .full(digits + "-" + extText)
        }
        return try parse(t)
    }

    /// The first place `needle` stands in `text` (the core has no Foundation).
    static func find(_ needle: String, in text: String) -> Range<String.Index>? {
        let n = Array(needle)
        var i = text.startIndex
        while i < text.endIndex {
            var j = i
            var k = 0
            while k < n.count, j < text.endIndex, text[j] == n[k] { j = text.index(after: j); k += 1 }
            if k == n.count { return i..<j }
            i = text.index(after: i)
        }
        return nil
    }

    /// A number as SpotCheck stores it (normalized digits, `-extension`, or masked with `*`).
    public init(stored: String) {
        self = Masking.isMasked(stored) ? .masked(stored) : .full(stored)
    }

    /// The number as a caller dials it: `18735643633 转 7298` for a privacy number.
    public var dialText: String {
        guard case .full(let s) = self, let dash = s.firstIndex(of: "-") else { return text }
        return String(s[..<dash]) + " 转 " + String(s[s.index(after: dash)...])
    }

    /// The number as stored and shown when phones are not masked.
    public var text: String {
        switch self {
        case .full(let s), .masked(let s): return s
        }
    }

    /// True for a masked number.
    public var isMasked: Bool { if case .masked = self { return true } else { return false } }

    /// The number masked for sheets that leave the after-sales team: `138****5678`.
    public var masked: String {
        switch self {
        case .masked(let s): return s
        case .full(let s):
            guard let dash = s.firstIndex(of: "-") else { return PhoneNumber.mask(s) }
            return PhoneNumber.mask(String(s[..<dash])) + " 转 " + String(s[s.index(after: dash)...])
        }
    }

    /// Masks a digit string: keeps the first three and last four digits of a long number.
    public static func mask(_ digits: String) -> String {
        let chars = Array(digits)
        guard chars.count >= 8 else {
            return String(repeating: "*", count: max(0, chars.count - 2)) + String(chars.suffix(2))
        }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }
}
