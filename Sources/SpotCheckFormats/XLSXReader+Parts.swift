import SpotCheckText

// The handlers of the parts an XLSX reader reads whole: the workbook (sheet names), its
// relationships (which part each sheet is), the shared strings and the styles (which cell
// styles are dates).

final class WorkbookHandler: XMLPartHandler {
    /// Sheet name and relationship id, in tab order.
    var sheets: [(String, String)] = []
    override func start(_ name: UnsafePointer<CChar>, _ attributes: Attributes) {
        guard xmlNameIs(name, "sheet"), let sheet = attributes.string("name") else { return }
        // `r:id` (any prefix), not `sheetId`: the local name is exactly "id".
        if let rid = attributes.string("id") { sheets.append((sheet, rid)) }
    }
}

final class RelationshipsHandler: XMLPartHandler {
    var targets: [String: String] = [:]
    override func start(_ name: UnsafePointer<CChar>, _ attributes: Attributes) {
        if xmlNameIs(name, "Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") {
            targets[id] = target
        }
    }
}

/// The workbook's shared strings, kept compact: their UTF-8 bytes end to end and where each
/// one ends (a million short strings cost their bytes and four bytes each, not a `String`).
struct SharedStrings: Sendable {
    fileprivate(set) var bytes: [UInt8] = []
    fileprivate(set) var ends: [UInt32] = []

    var count: Int { ends.count }

    /// The UTF-8 bytes of string `i` (0 ≤ i < count).
    func withBytes<T>(_ i: Int, _ body: (ArraySlice<UInt8>) -> T) -> T {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return body(bytes[start..<Int(ends[i])])
    }
}

final class SharedStringsHandler: XMLPartHandler {
    private(set) var strings = SharedStrings()
    private let file: String
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    init(file: String) { self.file = file }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: Attributes) {
        if xmlNameIs(name, "si") {
            inItem = true
        } else if xmlNameIs(name, "t") {
            inText = inItem && phoneticDepth == 0
        } else if xmlNameIs(name, "rPh") {
            phoneticDepth += 1
        }
    }
    override func end(_ name: UnsafePointer<CChar>) {
        if xmlNameIs(name, "si") {
            inItem = false
            guard strings.ends.count < XLSXReader.maxSharedStrings else {
                let limit = XLSXReader.maxSharedStrings
                return fail(FileError(file: file, message: Catalog.File.tooManySharedStrings(limit)))
            }
            strings.ends.append(UInt32(strings.bytes.count))  // the part's size bounds the bytes below 4 GiB
        } else if xmlNameIs(name, "t") {
            inText = false
        } else if xmlNameIs(name, "rPh") {
            phoneticDepth -= 1
        }
    }
    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inText else { return }
        strings.bytes.append(contentsOf: bytes)
        // One string far beyond what a cell can hold, or more text than any real workbook has,
        // is refused as it grows (a zip bomb would otherwise fill memory here). A string just
        // over Excel's limit is left for the cell that uses it to name.
        let start = strings.ends.last.map(Int.init) ?? 0
        if strings.bytes.count - start > 1 << 20 {
            fail(FileError(file: file, message: Catalog.File.sharedStringTooLong(XLSXReader.maxCellCharacters)))
        } else if strings.bytes.count > XLSXReader.maxSharedStringsText {
            let limit = XLSXReader.maxSharedStringsText >> 20
            fail(FileError(file: file, message: Catalog.File.partTooLarge("xl/sharedStrings.xml", limitMiB: limit)))
        }
    }
}

/// Finds which cell styles (`cellXfs` indexes) show numbers as dates or times.
final class StylesHandler: XMLPartHandler {
    private(set) var dateStyles: Set<Int> = []
    private var customFormats: [Int: String] = [:]
    private var inCellXfs = false
    private var xfIndex = 0

    override func start(_ name: UnsafePointer<CChar>, _ attributes: Attributes) {
        if xmlNameIs(name, "numFmt") {
            if let id = attributes.string("numFmtId").flatMap(Int.init), let code = attributes.string("formatCode") {
                customFormats[id] = code
            }
        } else if xmlNameIs(name, "cellXfs") {
            inCellXfs = true
            xfIndex = 0
        } else if inCellXfs, xmlNameIs(name, "xf") {
            let id = attributes.string("numFmtId").flatMap(Int.init) ?? 0
            if StylesHandler.isDateFormat(id: id, code: customFormats[id]) { dateStyles.insert(xfIndex) }
            xfIndex += 1
        }
    }
    override func end(_ name: UnsafePointer<CChar>) {
        if xmlNameIs(name, "cellXfs") { inCellXfs = false }
    }

    /// Built-in date formats (including the Chinese-locale ids 27–36 and 50–58), or a custom
    /// code with date or time letters outside quotes and brackets.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) {
            return true
        }
        guard let code else { return false }
        var inQuote = false, inBracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[": if !inQuote { inBracket = true }
            case "]": if !inQuote { inBracket = false }
            default:
                if !inQuote && !inBracket && "ymdhsYMDHS年月日时".contains(ch) { return true }
            }
        }
        return false
    }
}
