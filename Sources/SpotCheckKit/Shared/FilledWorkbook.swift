import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// Reading back a workbook SpotCheck wrote after a person filled it in Excel, WPS or
/// LibreOffice (the call list, the audit workbook): where its table is, which header is which
/// column in either language, and the values as those programs store what was typed.
enum FilledWorkbook {
    /// The first sheet whose header row (among its first `within` rows) satisfies `isHeader`:
    /// the sheet, all its rows, and the header's index among them.
    static func locate(
        _ reader: XLSXReader, within: Int, isHeader: ([Cell]) -> Bool
    ) throws
        -> (sheet: String, rows: [(row: Int, cells: [Cell])], header: Int)?
    {
        for sheet in reader.sheetNames {
            var rows: [(row: Int, cells: [Cell])] = []
            try reader.forEachRow(sheet: sheet) { rows.append(($0, $1)) }
            if let header = rows.prefix(within).firstIndex(where: { isHeader($0.cells) }) {
                return (sheet, rows, header)
            }
        }
        return nil
    }

    /// Whether header text names a column, in Chinese or English (compared normalized).
    static func isHeader(_ text: String, _ name: Message) -> Bool {
        let t = HeaderText.normalize(text)
        return t == HeaderText.normalize(name.zh) || t == HeaderText.normalize(name.en)
    }

    /// A whole number from a cell: a number (or a date serial), or text.
    static func integer(_ cell: Cell) -> Int? {
        switch cell {
        case .number(let d), .date(let d): return Int(exactly: d)  // nil for 1E+20, NaN, 2.5
        case .text(let s): return Int(s.trimmingASCIIWhitespace())
        default: return nil
        }
    }

    /// A score as typed: 4, "4", "４", "4分".
    static func score(_ cell: Cell) -> Int? {
        switch cell {
        case .number(let d): return d.rounded() == d && abs(d) < 1e9 ? Int(d) : nil
        case .text(let s):
            var t = HeaderText.normalize(s)  // full-width digits and spaces folded
            if t.hasSuffix("分") { t.removeLast() }
            return Int(t)
        default: return nil
        }
    }

    /// Trimmed text, nil when blank.
    static func text(_ cell: Cell) -> String? {
        let t = cell.text.trimmingASCIIWhitespace()
        return t.isEmpty ? nil : t
    }
}

/// What a workbook exported for filling in belongs to, written into a hidden sheet of the
/// file: the workspace, the kind of workbook, the month (or QA period), the draw and its seed,
/// and the copy's token. Its import refuses a workbook of another workspace or draw.
struct WorkbookBinding: Equatable {
    var workspace: String
    var kind: WorkbookCopy.Kind
    var period: String
    var drawID: Int64?
    var seed: UInt64?
    var token: String

    /// The hidden sheet's name.
    static let sheetName = "_spotcheck"

    /// Writes the hidden sheet.
    func write(to book: XLSXWriter) {
        let sheet = book.addSheet(WorkbookBinding.sheetName)
        let pairs: [(String, String)] = [
            ("workspace", workspace), ("kind", kind.rawValue), ("period", period),
            ("draw", drawID.map(String.init) ?? ""), ("seed", seed.map(String.init) ?? ""), ("copy", token),
        ]
        for (i, (k, v)) in pairs.enumerated() {
            sheet.write(i, 0, .text(k))
            sheet.write(i, 1, .text(v))
        }
        sheet.hide()
    }

    /// Reads the hidden sheet; nil when the workbook has none (not exported by SpotCheck, or
    /// the sheet was deleted).
    static func read(_ reader: XLSXReader) throws -> WorkbookBinding? {
        guard reader.sheetNames.contains(sheetName) else { return nil }
        var values: [String: String] = [:]
        try reader.forEachRow(sheet: sheetName) { _, cells in
            if cells.count >= 2 { values[cells[0].text] = cells[1].text }
        }
        guard let workspace = values["workspace"], let kind = values["kind"].flatMap(WorkbookCopy.Kind.init(rawValue:)),
            let period = values["period"], let token = values["copy"]
        else { return nil }
        return WorkbookBinding(
            workspace: workspace, kind: kind, period: period, drawID: values["draw"].flatMap { Int64($0) },
            seed: values["seed"].flatMap { UInt64($0) }, token: token)
    }
}
