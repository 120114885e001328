import SpotCheckCore

/// Accepted headers per field, and how a header row maps to fields: headers are compared
/// normalized (``ColumnMap/normalize(_:)``), a note in brackets after a header is ignored
/// (`开始时间(秒)`), and when several headers fit a field its most preferred alias wins.
/// Shared by the sheets (`columns.json`) and the transcripts (`qa-columns.json`).
public struct HeaderAliases<Field: Hashable & CaseIterable & Sendable>: Sendable {
    /// Accepted headers per field, in order of preference.
    public let aliases: [Field: [String]]
    private var lookup: [String: (field: Field, rank: Int)] = [:]

    public init(_ aliases: [Field: [String]]) {
        self.aliases = aliases
        // Fields in declaration order, so that an alias given to two fields goes to the first.
        for field in Field.allCases {
            for (rank, name) in (aliases[field] ?? []).enumerated() {
                let key = HeaderText.normalize(name)
                if lookup[key] == nil { lookup[key] = (field, rank) }
            }
        }
    }

    /// Maps a header row to fields: for each field, the column of its best alias.
    public func map(headers: [String]) -> [Field: Int] {
        var best: [Field: (col: Int, rank: Int)] = [:]
        for (col, header) in headers.enumerated() {
            var key = HeaderText.normalize(header)
            var hit = lookup[key]
            if hit == nil, let open = key.firstIndex(where: { $0 == "(" || $0 == "（" }) {
                key = String(key[..<open])
                hit = lookup[key]
            }
            guard let (field, rank) = hit else { continue }
            if let b = best[field], b.rank <= rank { continue }
            best[field] = (col, rank)
        }
        return best.mapValues(\.col)
    }
}

/// Headers as compared: the same text however a spreadsheet spaced or widened it.
public enum HeaderText {
    /// Header text as compared: no spaces, full-width folded, lower case, no trailing colon
    /// or leading asterisk.
    public static func normalize(_ header: String) -> String {
        var out = String.UnicodeScalarView()
        for u in header.unicodeScalars {
            var v = u.value
            if v == 0x3000 || v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 || v == 0xFEFF { continue }
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            if v >= 65 && v <= 90 { v += 32 }
            out.append(Unicode.Scalar(v)!)
        }
        var s = String(out)
        while s.hasPrefix("*") { s.removeFirst() }
        while s.hasSuffix(":") { s.removeLast() }
        return s
    }
}
