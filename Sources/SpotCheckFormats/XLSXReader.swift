import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SpotCheckText
import ZIPFoundation

/// Reads the cells of an XLSX workbook (Office Open XML), as written by Excel, WPS,
/// LibreOffice or openpyxl.
///
/// No XLSX-reading package is available here, so this is ZIPFoundation for the archive and
/// Foundation's streaming `XMLParser` for the parts (on Linux `XMLParser(data:)` fails on
/// large parts; `XMLParser(stream:)` does not). Numbers whose cell style is a date format
/// come back as ``Cell/date(_:)``; formulas come back as their cached values.
public final class XLSXReader {
    /// The file's path.
    public let path: String
    /// The workbook's sheets, in tab order.
    public let sheetNames: [String]

    private let archive: Archive
    private let sheetParts: [String: String]
    private let sharedStrings: [String]
    private let dateStyles: Set<Int>

    /// Opens a workbook and reads its sheet list, shared strings and styles.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw FileProblem(file: path, message: Catalog.File.notFound(path)) }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw FileProblem(file: path, message: Catalog.File.notXLSX((path as NSString).pathExtension))
        }
        let part = { [archive] (name: String) in try XLSXReader.part(name, of: archive, file: path) }
        guard let workbook = try part("xl/workbook.xml") else {
            throw FileProblem(file: path, message: Catalog.File.corruptXLSX("xl/workbook.xml"))
        }
        let sheets = try XLSXReader.parse(workbook, file: path, with: WorkbookHandler())
        let rels = try part("xl/_rels/workbook.xml.rels").map { try XLSXReader.parse($0, file: path, with: RelationshipsHandler()) } ?? [:]
        var parts: [String: String] = [:]
        var names: [String] = []
        for (name, rid) in sheets {
            guard var target = rels[rid] else { continue }
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            parts[name] = target
            names.append(name)
        }
        sheetNames = names
        sheetParts = parts
        sharedStrings = try part("xl/sharedStrings.xml").map { try XLSXReader.parse($0, file: path, with: SharedStringsHandler()) } ?? []
        dateStyles = try part("xl/styles.xml").map { try XLSXReader.parse($0, file: path, with: StylesHandler()) } ?? []
    }

    /// Calls `body` with each non-empty row of a sheet (the first when `sheet` is nil): the
    /// row number as Excel shows it, and the cells from column A on.
    public func forEachRow(sheet: String? = nil, _ body: (_ row: Int, _ cells: [Cell]) throws -> Void) throws {
        let name: String
        if let sheet {
            guard sheetParts[sheet] != nil else {
                throw FileProblem(file: path, message: Catalog.File.sheetNotFound(sheet, available: sheetNames))
            }
            name = sheet
        } else {
            guard let firstName = sheetNames.first else { throw FileProblem(file: path, message: Catalog.File.noSheets) }
            name = firstName
        }
        guard let data = try XLSXReader.part(sheetParts[name]!, of: archive, file: path) else {
            throw FileProblem(file: path, message: Catalog.File.corruptXLSX(sheetParts[name]!))
        }
        let rows = try XLSXReader.parse(data, file: path, with: SheetHandler(sharedStrings: sharedStrings, dateStyles: dateStyles))
        for (number, cells) in rows { try body(number, cells) }
    }

    /// The name of the first sheet, or the sheet that is asked for.
    public func resolveSheet(_ sheet: String?) -> String? { sheet ?? sheetNames.first }

    // MARK: - XML plumbing

    /// A part of the package, uncompressed; nil when the package has no such part.
    private static func part(_ name: String, of archive: Archive, file: String) throws -> Data? {
        guard let entry = archive[name] else { return nil }
        var data = Data()
        do { _ = try archive.extract(entry, skipCRC32: true) { data.append($0) } } catch {
            throw FileProblem(file: file, message: Catalog.File.corruptXLSX("\(name): \(error)"))
        }
        return data
    }

    fileprivate static func parse<H: PartHandler>(_ data: Data, file: String, with handler: H) throws -> H.Result {
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.delegate = handler
        guard parser.parse() else {
            let detail = parser.parserError.map { "\($0)" } ?? "XML"
            throw FileProblem(file: file, message: Catalog.File.corruptXLSX(detail))
        }
        return handler.result
    }
}

fileprivate protocol PartHandler: XMLParserDelegate {
    associatedtype Result
    var result: Result { get }
}

/// Strips a namespace prefix (`x:row` → `row`).
@inline(__always) private func local(_ name: String) -> Substring {
    if let i = name.lastIndex(of: ":") { return name[name.index(after: i)...] }
    return Substring(name)
}

private final class WorkbookHandler: NSObject, PartHandler {
    var result: [(String, String)] = []
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        guard local(elementName) == "sheet" else { return }
        let rid = attributes.first { local($0.key) == "id" && $0.key != "sheetId" }?.value
        if let name = attributes["name"], let rid { result.append((name, rid)) }
    }
}

private final class RelationshipsHandler: NSObject, PartHandler {
    var result: [String: String] = [:]
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if local(elementName) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            result[id] = target
        }
    }
}

private final class SharedStringsHandler: NSObject, PartHandler {
    var result: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch local(elementName) {
        case "si": current = ""
        case "t": inText = phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch local(elementName) {
        case "si": result.append(current)
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
}

/// Finds which cell styles (`cellXfs` indexes) show numbers as dates or times.
private final class StylesHandler: NSObject, PartHandler {
    var result: Set<Int> = []
    private var customFormats: [Int: String] = [:]
    private var inCellXfs = false
    private var xfIndex = 0
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch local(elementName) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true; xfIndex = 0
        case "xf" where inCellXfs:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            if StylesHandler.isDateFormat(id: id, code: customFormats[id]) { result.insert(xfIndex) }
            xfIndex += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if local(elementName) == "cellXfs" { inCellXfs = false }
    }

    /// Built-in date formats (including the Chinese-locale ids 27–36 and 50–58), or a custom
    /// code with date or time letters outside quotes and brackets.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
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

private final class SheetHandler: NSObject, PartHandler {
    var result: [(Int, [Cell])] = []
    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var cellColumn = 0
    private var nextColumn = 0
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var formula = ""
    private var inFormula = false
    private var collecting = false
    private var inCell = false
    private var inInline = false

    init(sharedStrings: [String], dateStyles: Set<Int>) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch local(elementName) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            nextColumn = 0
        case "c":
            inCell = true
            if let r = attributes["r"], let col = columnIndex(r.prefix { $0.isLetter }) { cellColumn = col } else { cellColumn = nextColumn }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            formula = ""
        case "v": if inCell { collecting = true }
        case "f": if inCell { inFormula = true }
        case "is": inInline = true
        case "t": if inInline { collecting = true }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch local(elementName) {
        case "v", "t": collecting = false
        case "f": inFormula = false
        case "is": inInline = false
        case "c":
            inCell = false
            // A formula saved without its result (openpyxl does this) that is only a text
            // literal, like ="3612…" guarding an order number: take the literal.
            if value.isEmpty, formula.count >= 2, formula.hasPrefix("\""), formula.hasSuffix("\""),
               !formula.dropFirst().dropLast().contains("\"") {
                value = String(formula.dropFirst().dropLast())
                cellType = "str"
            }
            let cell: Cell
            switch cellType {
            case "s": cell = Int(value).flatMap { $0 < sharedStrings.count ? Cell.text(sharedStrings[$0]) : nil } ?? .empty
            case "inlineStr", "str": cell = value.isEmpty ? .empty : .text(value)
            case "b": cell = .bool(value == "1")
            case "e": cell = .error(value)
            case "d": cell = (try? DateText.parse(value)).flatMap { $0 }.map { .date(ExcelDate.serial(of: $0.moment)) } ?? .text(value)
            default:
                if value.isEmpty { cell = .empty } else if let d = Double(value) {
                    cell = dateStyles.contains(cellStyle) ? .date(d) : .number(d)
                } else {
                    cell = .text(value)
                }
            }
            if cellColumn >= cells.count { cells.append(contentsOf: repeatElement(.empty, count: cellColumn - cells.count + 1)) }
            cells[cellColumn] = cell
            nextColumn = cellColumn + 1
        case "row":
            while let last = cells.last, last == .empty { cells.removeLast() }
            if !cells.isEmpty { result.append((rowNumber, cells)) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string } else if inFormula { formula += string }
    }
}
