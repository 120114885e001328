import SpotCheckText

/// The cells of a worksheet part, row by row as expat reads them. Completed rows wait in
/// ``rows`` until the reader hands them to its caller (after each inflated chunk).
///
/// Refused, with the cell named: a reference beyond Excel's grid or unreadable, a row number
/// beyond 1048576, a shared-string index that does not exist, text beyond 32767 characters.
final class SheetHandler: XMLPartHandler {
    /// Rows completed and not yet handed over: row number and cells from column A.
    var rows: [(Int, [Cell])] = []

    private enum Kind { case number, shared, inline, formulaText, bool, error, date }

    private let file: String
    private let sharedStrings: SharedStrings
    private let dateStyles: Set<Int>
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var cellColumn = 0
    private var nextColumn = 0
    private var kind = Kind.number
    private var cellStyle = 0
    private var value: [UInt8] = []
    private var formula: [UInt8] = []
    private var inFormula = false
    private var collecting = false
    private var inCell = false
    private var inInline = false
    /// Text bytes in the current row, bounded so one row of 16384 long cells cannot fill memory.
    private var rowBytes = 0
    static let maxRowBytes = 64 << 20

    /// Bytes of cell text beyond which the text has more than 32767 UTF-16 units whatever it is.
    private static let maxCellBytes = XLSXReader.maxCellCharacters * 3
    private static let tooLong = Catalog.File.cellTooLong(XLSXReader.maxCellCharacters)

    /// Shared strings made into Strings and kept (see ``sharedString(_:)``), and which were used.
    private var cache: [String?]
    private var used: [UInt64]

    init(file: String, sharedStrings: SharedStrings, dateStyles: Set<Int>) {
        self.file = file
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        cache = Array(repeating: nil, count: sharedStrings.count)
        used = Array(repeating: 0, count: (sharedStrings.count + 63) / 64)
    }

    /// A problem with the current cell, named by row and column letter.
    private func problem(_ message: Message) -> FileError {
        FileError(file: file, row: rowNumber, column: columnLetter(cellColumn), message: message)
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: Attributes) {
        if xmlNameIs(name, "c") {
            startCell(attributes)
        } else if xmlNameIs(name, "row") {
            if let r = attributes("r") {
                guard let n = SheetHandler.decimal(r), (1...XLSXReader.maxRows).contains(n) else {
                    return fail(FileError(file: file, message: Catalog.File.rowOutOfRange(SheetHandler.shown(r))))
                }
                // Rows come in order, each once (ECMA-376 §18.3.1.73): anything else is damage,
                // and would let a small file repeat one row without end.
                guard n > rowNumber else {
                    return fail(
                        FileError(
                            file: file, row: n,
                            message: Catalog.File.rowOutOfOrder(n, after: rowNumber)))
                }
                rowNumber = n
            } else {
                guard rowNumber < XLSXReader.maxRows else {
                    return fail(FileError(file: file, message: Catalog.File.rowOutOfRange(String(rowNumber + 1))))
                }
                rowNumber += 1
            }
            cells.removeAll(keepingCapacity: true)
            nextColumn = 0
            rowBytes = 0
        } else if xmlNameIs(name, "v") {
            if inCell { collecting = true }
        } else if xmlNameIs(name, "f") {
            if inCell { inFormula = true }
        } else if xmlNameIs(name, "is") {
            inInline = true
        } else if xmlNameIs(name, "t") {
            if inInline { collecting = true }
        }
    }

    private func startCell(_ attributes: Attributes) {
        inCell = true
        // One pass over the attributes (the first of each name counts, as a lookup by name would).
        var r: UnsafePointer<CChar>? = nil, t: UnsafePointer<CChar>? = nil, style: UnsafePointer<CChar>? = nil
        var i = 0
        while let key = attributes.base[i] {
            let value = attributes.base[i + 1]
            if xmlNameIs(key, "r") {
                if r == nil { r = value }
            } else if xmlNameIs(key, "t") {
                if t == nil { t = value }
            } else if xmlNameIs(key, "s") {
                if style == nil { style = value }
            }
            i += 2
        }
        if let r {
            guard let col = SheetHandler.column(ofReference: r) else {
                let shown = SheetHandler.shown(r)
                return fail(FileError(file: file, row: rowNumber, message: Catalog.File.badCellReference(shown)))
            }
            guard col >= nextColumn else {
                let shown = SheetHandler.shown(r)
                return fail(FileError(file: file, row: rowNumber, message: Catalog.File.cellOutOfOrder(shown)))
            }
            cellColumn = col
        } else {
            guard nextColumn < XLSXReader.maxColumns else {
                return fail(FileError(file: file, row: rowNumber, message: Catalog.File.tooManyColumns))
            }
            cellColumn = nextColumn
        }
        kind = t.map(SheetHandler.kind(of:)) ?? .number
        cellStyle = style.flatMap { SheetHandler.decimal($0) } ?? 0
        value.removeAll(keepingCapacity: true)
        formula.removeAll(keepingCapacity: true)
    }

    override func end(_ name: UnsafePointer<CChar>) {
        if xmlNameIs(name, "c") {
            inCell = false
            endCell()
        } else if xmlNameIs(name, "row") {
            while let last = cells.last, last == .empty { cells.removeLast() }
            if !cells.isEmpty { rows.append((rowNumber, cells)) }
        } else if xmlNameIs(name, "v") || xmlNameIs(name, "t") {
            collecting = false
        } else if xmlNameIs(name, "f") {
            inFormula = false
        } else if xmlNameIs(name, "is") {
            inInline = false
        }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collecting {
            value.append(contentsOf: bytes)
            if value.count > SheetHandler.maxCellBytes { fail(problem(SheetHandler.tooLong)) }
        } else if inFormula {
            formula.append(contentsOf: bytes)
            if formula.count > SheetHandler.maxCellBytes { fail(problem(SheetHandler.tooLong)) }
        }
    }

    /// A cell's type attribute (`t`), read from its bytes.
    private static func kind(of t: UnsafePointer<CChar>) -> Kind {
        func `is`(_ name: StaticString) -> Bool {
            name.withUTF8Buffer { e in
                var i = 0
                while i < e.count {
                    if UInt8(bitPattern: t[i]) != e[i] { return false }
                    i += 1
                }
                return t[i] == 0
            }
        }
        if `is`("s") { return .shared }
        if `is`("inlineStr") { return .inline }
        if `is`("str") { return .formulaText }
        if `is`("b") { return .bool }
        if `is`("e") { return .error }
        if `is`("d") { return .date }
        return .number
    }

    private func endCell() {
        guard addToRow(value.count + formula.count) else { return }
        // Most cells of an export: a shared string by its index, read from the bytes.
        if kind == .shared, let i = SheetHandler.index(value) {
            guard i < sharedStrings.count else {
                let shown = SheetHandler.shown(String(decoding: value, as: UTF8.self))
                return fail(problem(Catalog.File.badSharedString(shown, count: sharedStrings.count)))
            }
            let s = sharedString(i)
            guard checkLength(s), addToRow(s.utf8.count) else { return }
            return place(s.isEmpty ? .empty : .text(s))
        }
        var text = String(decoding: value, as: UTF8.self)
        // A formula saved without its result (openpyxl does this) that is only a text
        // literal, like ="3612…" guarding an order number: take the literal.
        if text.isEmpty, formula.count >= 2, formula.first == 0x22, formula.last == 0x22,
            !formula.dropFirst().dropLast().contains(0x22)
        {
            text = String(decoding: formula.dropFirst().dropLast(), as: UTF8.self)
            kind = .formulaText
        }
        let cell: Cell
        switch kind {
        case .shared:
            guard let i = Int(text.trimmingASCIIWhitespace()), i >= 0, i < sharedStrings.count else {
                return fail(problem(Catalog.File.badSharedString(SheetHandler.shown(text), count: sharedStrings.count)))
            }
            let s = sharedString(i)
            guard checkLength(s), addToRow(s.utf8.count) else { return }
            cell = s.isEmpty ? .empty : .text(s)
        case .inline, .formulaText:
            guard checkLength(text) else { return }
            cell = text.isEmpty ? .empty : .text(text)
        case .bool: cell = .bool(text == "1")
        case .error: cell = .error(text)
        case .date:
            // An ISO date (t="d"); one that cannot be read stays text, for the importer to name.
            if let parsed = (try? DateText.parse(text)).flatMap({ $0 }) {
                cell = .date(ExcelDate.serial(of: parsed.moment))
            } else {
                cell = text.isEmpty ? .empty : .text(text)
            }
        case .number:
            if text.isEmpty {
                cell = .empty
            } else if let d = Double(text), d.isFinite {
                cell = dateStyles.contains(cellStyle) ? .date(d) : .number(d)
            } else {
                // Not a finite number (NaN, inf, garbage): what the file says, as text.
                guard checkLength(text) else { return }
                cell = .text(text)
            }
        }
        place(cell)
    }

    /// Puts the current cell in its column of the row.
    private func place(_ cell: Cell) {
        if cellColumn >= cells.count {
            cells.append(contentsOf: repeatElement(.empty, count: cellColumn - cells.count + 1))
        }
        cells[cellColumn] = cell
        nextColumn = cellColumn + 1
    }

    /// Shared string `i` as a String. One used a second time is kept: an export repeats its
    /// products, situations and handlers on many rows, and making a String checks its UTF-8
    /// each time; one used once (an order number) is not, so memory stays near the shared
    /// strings' own bytes (16 bytes a string for the table, a bit each for the first use).
    private func sharedString(_ i: Int) -> String {
        if let s = cache[i] { return s }
        let s = sharedStrings.withBytes(i) { String(decoding: $0, as: UTF8.self) }
        let (word, bit) = (i >> 6, UInt64(1) << UInt64(i & 63))
        if used[word] & bit != 0 { cache[i] = s } else { used[word] |= bit }
        return s
    }

    /// A shared-string index written as 1–9 plain digits, or nil (then read as text, as before).
    private static func index(_ v: [UInt8]) -> Int? {
        guard !v.isEmpty, v.count <= 9 else { return nil }
        var n = 0
        for b in v {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int(b &- 0x30)
        }
        return n
    }

    /// False (and the parse stopped) when the row's text grows beyond ``maxRowBytes``.
    private func addToRow(_ bytes: Int) -> Bool {
        rowBytes += bytes
        guard rowBytes > SheetHandler.maxRowBytes else { return true }
        let limit = SheetHandler.maxRowBytes >> 20
        fail(FileError(file: file, row: rowNumber, message: Catalog.File.rowTooLarge(limitMiB: limit)))
        return false
    }

    /// False (and the parse stopped) when text is longer than Excel allows in a cell.
    private func checkLength(_ s: String) -> Bool {
        let limit = XLSXReader.maxCellCharacters
        guard s.utf8.count > limit, s.utf16.count > limit else { return true }
        fail(problem(SheetHandler.tooLong))
        return false
    }

    // MARK: - Numbers and references read from attribute bytes

    /// A non-negative decimal of at most 9 digits (larger is out of any range here), or nil.
    static func decimal(_ s: UnsafePointer<CChar>) -> Int? {
        var n = 0, i = 0
        while s[i] != 0 {
            let d = Int(s[i]) - 48
            guard d >= 0, d <= 9, i < 9 else { return nil }
            n = n * 10 + d
            i += 1
        }
        return i > 0 ? n : nil
    }

    /// The 0-based column of a reference like `B12` (or `B`): 1–3 capital letters up to XFD,
    /// then optionally a row number within Excel's; nil otherwise.
    static func column(ofReference s: UnsafePointer<CChar>) -> Int? {
        var i = 0, col = 0
        while s[i] >= 65 && s[i] <= 90 {
            guard i < 3 else { return nil }
            col = col * 26 + Int(s[i] - 64)
            i += 1
        }
        guard i > 0, col <= XLSXReader.maxColumns else { return nil }
        if s[i] != 0 {
            guard let row = decimal(s + i), (1...XLSXReader.maxRows).contains(row) else { return nil }
        }
        return col - 1
    }

    /// At most 40 characters of a value, for a message.
    static func shown(_ s: UnsafePointer<CChar>) -> String { shown(String(cString: s)) }
    static func shown(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }
}
