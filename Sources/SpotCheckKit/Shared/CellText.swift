import SpotCheckCore

/// Cell text as the imports read it, shared by the sheets, the order lookup and the transcripts.
enum CellText {
    /// Cell text without surrounding spaces and the guards exports put around numbers kept as
    /// text (`="3612…"`, a leading apostrophe or tab). Nil when nothing is left.
    static func clean(_ s: String) -> String? {
        // 抖店 writes `-` for an empty cell.
        if s.utf8.count == 1 && s.utf8.first == 0x2D { return nil }
        // Fast path: nothing to strip.
        if let first = s.utf8.first, let last = s.utf8.last,
            first > 0x27 || (first != 0x20 && first != 0x09 && first != 0x27 && first > 0x0D),
            first != 0x3D, first != 0xE3, last != 0x20, last != 0x09, last != 0x0D, last != 0x0A, last != 0x80
        {
            return s
        }
        var t = s.trimmingASCIIWhitespace()
        if t.hasPrefix("=\""), t.hasSuffix("\""), t.count >= 3 { t = String(t.dropFirst(2).dropLast()) }
        if t.hasPrefix("'") { t.removeFirst() }
        t = t.trimmingASCIIWhitespace()
        return t.isEmpty ? nil : t
    }

    /// `3.61234E+18` and the like: a long number Excel has rounded.
    static func looksScientific(_ s: String) -> Bool {
        guard s.utf8.contains(where: { $0 == 0x45 || $0 == 0x65 }),
            let e = s.firstIndex(where: { $0 == "E" || $0 == "e" })
        else { return false }
        let mantissa = s[..<e], exponent = s[s.index(after: e)...]
        return !mantissa.isEmpty && mantissa.allSatisfy { $0.isNumber || $0 == "." }
            && exponent.drop(while: { $0 == "+" }).allSatisfy(\.isNumber) && !exponent.isEmpty
    }
}
