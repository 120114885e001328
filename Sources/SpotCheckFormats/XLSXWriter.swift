import CXlsxWriter
import Foundation
import SpotCheckCore
import SpotCheckText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value to write into a cell.
public enum XLSXValue: Sendable, Equatable {
    case blank
    case text(String)
    case number(Double)
    case int(Int)
    case day(Day)
    case dateTime(LocalDateTime)
    case bool(Bool)
}

/// The cell styles SpotCheck's sheets use; each becomes one libxlsxwriter format.
public enum CellStyle: Int, CaseIterable, Sendable {
    /// Whether the style wraps text.
    var wraps: Bool {
        switch self {
        case .wrap, .header, .input, .note: return true
        default: return false
        }
    }

    /// Plain text, top-aligned.
    case plain
    /// Wrapped text, for scripts and long situations.
    case wrap
    /// The header row: bold on a light fill, wrapped, centred, bordered.
    case header
    /// A sheet title.
    case title
    /// Bold text.
    case bold
    /// `yyyy-mm-dd`.
    case date
    /// `yyyy-mm-dd hh:mm`.
    case dateTime
    /// `yyyy-mm-dd hh:mm:ss`.
    case dateTimeSeconds
    /// An integer.
    case integer
    /// An integer, left-aligned (a figure beside a label).
    case integerLeft
    /// Two decimals.
    case decimal
    /// A percentage with one decimal.
    case percent
    /// Seconds to the millisecond (`0.000`).
    case seconds
    /// A cell the caller fills in (light yellow, thin borders: it can be written in on paper too).
    case input
    /// A date and time the caller fills in (as ``input``).
    case inputDateTime
    /// A muted note (grey, wrapped).
    case note
    /// A highlighted figure (bold, larger).
    case figure
    /// Reserve rows: text on a grey fill.
    case reserve
    /// Text format (`@`): digits typed in stay text, so phone and order numbers keep every digit.
    case textFormat
}

/// Writes an XLSX workbook through libxlsxwriter (Debian `libxlsxwriter-dev`).
///
/// Adds what SpotCheck's sheets need on top: a fixed set of ``CellStyle``s, column widths
/// that fit Chinese text (a CJK character is two width units), drop-down validations,
/// live formulas with cached values and charts. The workbook's creation time can be fixed
/// so that the same data writes the same file.
public final class XLSXWriter {
    /// Where the workbook is written.
    public let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    /// Each style's format once made, by the style's number (a lookup per cell written).
    private var formats = [UnsafeMutablePointer<lxw_format>?](repeating: nil, count: CellStyle.allCases.count)
    private var sheets: [XLSXSheet] = []
    private var closed = false

    /// The most characters a worksheet cell holds (Excel counts UTF-16 units).
    public static let cellLimit = 32_767

    /// Cells whose text was longer than a cell holds and was cut, with the marker appended.
    public private(set) var truncated: [(sheet: String, row: Int, col: Int)] = []
    /// What a cut cell ends with, in the workbook's language.
    let truncationMarker: String
    /// Every printed page's footer, in the workbook's language: `&P` is the page, `&N` the pages.
    let pageFooter: String
    /// Where libxlsxwriter writes; renamed to `path` by ``close()``.
    private let temporaryPath: String

    /// Creates the workbook. `created` fixes the document's creation time (and the zip
    /// entries' times), so repeated exports of the same data are identical.
    ///
    /// Nothing is written at `path` until ``close()`` succeeds: the workbook goes to a
    /// temporary file beside it (readable by its owner only), which then replaces `path` in
    /// one rename, so an earlier file survives a kill, a crash or a full disk.
    public init(
        path: String, created: LocalDateTime? = nil, title: String? = nil,
        truncationMarker: String = Catalog.File.truncationMarker.zh, pageFooter: String = Catalog.File.pageFooter.zh
    ) throws {
        self.path = path
        self.truncationMarker = truncationMarker
        self.pageFooter = pageFooter
        temporaryPath = try OutputPath.temporary(beside: path)
        var options = lxw_workbook_options()
        options.constant_memory = 0
        options.use_zip64 = 0
        guard let wb = workbook_new_opt(temporaryPath, &options) else {
            unlink(temporaryPath)
            throw FileError(file: path, message: Catalog.File.cannotWrite(path, String(cString: strerror(errno))))
        }
        workbook = wb
        // The default format (the first, xf 0) is the Normal style: its font is every unstyled cell's.
        if let normal = wb.pointee.formats.pointee.stqh_first {
            XLSXWriter.setFont(normal)
            format_set_font_scheme(normal, "")
        }
        var properties = lxw_doc_properties()
        let author = strdup("SpotCheck")
        let titleC = title.map { strdup($0) } ?? nil
        defer { free(author); free(titleC) }
        properties.author = author
        properties.title = titleC
        if let created { properties.created = time_t(created.milliseconds / 1000) }
        workbook_set_properties(wb, &properties)
    }

    deinit {
        // A workbook never closed (an error came first) leaves nothing behind.
        if !closed {
            closed = true
            XLSXWriter.closing.lock()
            workbook_close(workbook)
            XLSXWriter.closing.unlock()
            unlink(temporaryPath)
        }
    }

    /// Adds a worksheet. A sheet whose rows are written `inOrder` (each row after the one
    /// before, never back) is kept in constant memory: libxlsxwriter writes each row out when
    /// the next one starts. Such a sheet should fix the widths of its wrapped columns before
    /// writing rows, since a row's height is set when the row is done.
    public func addSheet(_ name: String, inOrder: Bool = false) -> XLSXSheet {
        // libxlsxwriter reads the option when a worksheet is added: only this sheet streams
        // (the others keep shared strings, charts' cached values and writes in any order).
        workbook.pointee.options.constant_memory = inOrder ? 1 : 0
        let ws = workbook_add_worksheet(workbook, name)!
        workbook.pointee.options.constant_memory = 0
        let sheet = XLSXSheet(name: name, worksheet: ws, writer: self, inOrder: inOrder)
        sheets.append(sheet)
        return sheet
    }

    /// Writes the file.
    public func close() throws {
        guard !closed else { return }
        closed = true
        for s in sheets { s.applyAutoWidths() }
        // libxlsxwriter dates the document and its zip entries through `gmtime`, whose one
        // result buffer all threads share: two workbooks closed at once could swap dates.
        XLSXWriter.closing.lock()
        let err = workbook_close(workbook)
        XLSXWriter.closing.unlock()
        if err != LXW_NO_ERROR {
            unlink(temporaryPath)
            throw FileError(file: path, message: Catalog.File.cannotWrite(path, String(cString: lxw_strerror(err))))
        }
        try OutputPath.commit(temporaryPath, to: path)
    }

    /// Held while a workbook closes (see ``close()``).
    private static let closing = NSLock()

    /// Notes a cell that was cut.
    func noteTruncated(sheet: String, row: Int, col: Int) { truncated.append((sheet, row, col)) }

    func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if let f = formats[style.rawValue] { return f }
        let f = workbook_add_format(workbook)!
        XLSXWriter.setFont(f)
        format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        switch style {
        case .plain: break
        case .wrap: format_set_text_wrap(f)
        case .header:
            format_set_bold(f)
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, 0xDDEBF7)
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
        case .title:
            format_set_bold(f)
            format_set_font_size(f, 14)
        case .bold: format_set_bold(f)
        case .date: format_set_num_format(f, "yyyy-mm-dd")
        case .dateTime: format_set_num_format(f, "yyyy-mm-dd hh:mm")
        case .dateTimeSeconds: format_set_num_format(f, "yyyy-mm-dd hh:mm:ss")
        case .integer: format_set_num_format(f, "0")
        case .integerLeft:
            format_set_num_format(f, "0")
            format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .decimal: format_set_num_format(f, "0.00")
        case .percent: format_set_num_format(f, "0.0%")
        case .seconds: format_set_num_format(f, "0.000")
        case .input:
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, 0xFFF9DB)
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f)
        case .inputDateTime:
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, 0xFFF9DB)
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_num_format(f, "yyyy-mm-dd hh:mm")
        case .note:
            format_set_font_color(f, 0x666666)
            format_set_text_wrap(f)
        case .figure:
            format_set_bold(f)
            format_set_font_size(f, 12)
            format_set_num_format(f, "0.00")
        case .reserve:
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, 0xEDEDED)
        case .textFormat: format_set_num_format(f, "@")
        }
        formats[style.rawValue] = f
        return f
    }

    /// The font of every format: 等线, Excel's and WPS's Chinese default, marked sans-serif
    /// (family 2), so that a program without it falls back to a sans-serif font of its own
    /// (微软雅黑, Noto Sans CJK); the GB2312 charset is set too, for a libxlsxwriter that writes it
    /// (1.1.4 writes the family only).
    static let fontName = "等线"

    static func setFont(_ f: UnsafeMutablePointer<lxw_format>) {
        format_set_font_name(f, fontName)
        format_set_font_family(f, 2)  // swiss: sans-serif
        format_set_font_charset(f, 134)  // GB2312
    }

    /// The formats of the conditional highlights, made once each.
    private var highlights: [Highlight: UnsafeMutablePointer<lxw_format>] = [:]
    /// The fonts of rich text runs (XLSXWriter+RichText.swift), made on first use.
    lazy var runFormats = RunFormats(workbook)

    func format(_ highlight: Highlight) -> UnsafeMutablePointer<lxw_format> {
        if let f = highlights[highlight] { return f }
        let f = workbook_add_format(workbook)!
        format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
        switch highlight {
        case .bad:
            format_set_bg_color(f, 0xFFC7CE)
            format_set_font_color(f, 0x9C0006)
        case .warning:
            format_set_bg_color(f, 0xFFEB9C)
            format_set_font_color(f, 0x9C5700)
        }
        highlights[highlight] = f
        return f
    }

    func addChart(_ type: Int) -> UnsafeMutablePointer<lxw_chart> { workbook_add_chart(workbook, UInt8(type))! }
}

/// How a conditional format shows a cell that meets its rule (Excel's own 浅红填充/黄色填充 look).
public enum Highlight: Hashable, Sendable {
    /// Red fill, dark red text: something is wrong (a score of 1–2, 否, 不合格, overdue).
    case bad
    /// Amber fill, dark amber text: worth a look (a score of 3).
    case warning
}

/// The page a printed sheet is laid out on: A4 landscape, the margins in inches.
public enum PrintedPage {
    /// A4, landscape, in points.
    public static let size = (width: 842.0, height: 595.0)
    public static let margins = (left: 0.3, right: 0.3, top: 0.55, bottom: 0.55, header: 0.25, footer: 0.25)
    /// The height left for rows on a page, in points (before the sheet is scaled).
    public static var printableHeight: Double { size.height - (margins.top + margins.bottom) * 72 }
    /// The width left for columns, in points.
    public static var printableWidth: Double { size.width - (margins.left + margins.right) * 72 }
}

/// One worksheet of an ``XLSXWriter``. Rows and columns are 0-based.
public final class XLSXSheet {
    /// The sheet's name (its tab).
    public let name: String
    /// The worksheet and its workbook (for the charts of `XLSXWriter+Charts.swift`).
    let ws: UnsafeMutablePointer<lxw_worksheet>
    unowned let writer: XLSXWriter
    /// The widest line written in each column (0: none yet), by column; read where the width
    /// is not fixed (arrays, not dictionaries: they are looked at for every cell).
    private var widths: [Int] = []
    /// Whether each column's width is fixed (``setColumn(_:width:style:hidden:)``), by column.
    private var fixedWidths: [Bool] = []
    private var columnWidths: [Int: Double] = [:]
    /// The display width of each line of the wrapped text cells, by row (rows of fixed height
    /// left out), for the rows' heights.
    private var wrapped: [Int: [(col: Int, lines: [Int])]] = [:]
    private var fixedRows: Set<Int> = []
    private var autoWidthLimits: [Int: ClosedRange<Int>] = [:]
    /// Whether rows are written in order and kept in constant memory.
    private let inOrder: Bool
    /// The row being written, in a sheet written in order.
    private var openRow = -1
    /// Where the formulas of ``RowFormula``s are put together (XLSXWriter+RowFormula.swift).
    var formulaBuffer: [CChar] = []

    init(name: String, worksheet: UnsafeMutablePointer<lxw_worksheet>, writer: XLSXWriter, inOrder: Bool) {
        self.name = name
        self.ws = worksheet
        self.writer = writer
        self.inOrder = inOrder
    }

    /// Writes a value. Text and numbers widen the column's automatic width.
    public func write(_ row: Int, _ col: Int, _ value: XLSXValue, _ style: CellStyle = .plain) {
        advance(to: row)
        let r = lxw_row_t(row), c = lxw_col_t(col)
        let f = writer.format(style)
        switch value {
        case .blank: worksheet_write_blank(ws, r, c, f)
        case .text(let raw): writeText(row, col, raw, style)
        case .number(let d): worksheet_write_number(ws, r, c, d, f); note(col, Cell.numberText(d))
        case .int(let i): worksheet_write_number(ws, r, c, Double(i), f); widen(col, XLSXSheet.digits(i))
        case .day(let d):
            worksheet_write_number(ws, r, c, ExcelDate.serial(of: d), writer.format(style == .plain ? .date : style))
            widen(col, 10)  // 2026-11-03
        case .dateTime(let t):
            worksheet_write_number(
                ws, r, c, ExcelDate.serial(of: t), writer.format(style == .plain ? .dateTime : style))
            widen(col, 16)  // 2026-11-03 10:15
        case .bool(let b): worksheet_write_boolean(ws, r, c, b ? 1 : 0, f)
        }
    }

    /// Writes text (as ``write(_:_:_:_:)`` does); `lines` are its lines' widths, if measured already.
    func writeText(_ row: Int, _ col: Int, _ raw: String, _ style: CellStyle, lines: [Int]? = nil) {
        advance(to: row)
        let r = lxw_row_t(row), c = lxw_col_t(col), f = writer.format(style)
        let s = fitted(raw, row: row, col: col)
        if s.isEmpty { worksheet_write_blank(ws, r, c, f) } else { worksheet_write_string(ws, r, c, s, f) }
        // Lines measured before are the text's as it came.
        measure(s, row: row, col: col, style, lines: s == raw ? lines : nil)
    }

    /// Measures a written cell's text once, for its column's width and its row's height: the
    /// widths of its lines, unless they were measured already (`lines`, ``lineWidths(_:)`` of
    /// `s`, worked out where the text was made). Empty text changes neither.
    func measure(_ s: String, row: Int, col: Int, _ style: CellStyle, lines measured: [Int]? = nil) {
        guard !s.isEmpty else { return }
        let widen = !isFixed(col), wraps = style.wraps && !fixedRows.contains(row)
        guard widen || wraps else { return }
        let lines = measured ?? lineWidths(s)
        if widen, let longest = lines.max() { self.widen(col, longest) }
        if wraps { wrapped[row, default: []].append((col, lines)) }
    }

    /// Whether a column's width is fixed.
    private func isFixed(_ col: Int) -> Bool { col < fixedWidths.count && fixedWidths[col] }

    /// Widens a column's automatic width to `width`, unless the column's width is fixed.
    private func widen(_ col: Int, _ width: Int) {
        guard !isFixed(col) else { return }
        if col >= widths.count { widths += repeatElement(0, count: col + 1 - widths.count) }
        if width > widths[col] { widths[col] = width }
    }

    /// The characters of an integer written out (its digits and a minus sign).
    static func digits(_ i: Int) -> Int {
        var n = i < 0 ? 2 : 1
        var rest = i.magnitude
        while rest >= 10 {
            rest /= 10
            n += 1
        }
        return n
    }

    /// Text as a cell can hold it: a NUL (which would end the C string) becomes U+FFFD, and
    /// text longer than a cell holds is cut with a visible marker and noted.
    func fitted(_ text: String, row: Int, col: Int) -> String {
        var s = text
        if s.withUTF8({ $0.count > 0 && memchr($0.baseAddress!, 0, $0.count) != nil }) {
            var scalars = String.UnicodeScalarView()
            for u in text.unicodeScalars { scalars.append(u == "\0" ? "\u{FFFD}" : u) }
            s = String(scalars)
        }
        // A UTF-16 unit takes at least one UTF-8 byte: short text needs no counting.
        guard s.utf8.count > XLSXWriter.cellLimit, s.utf16.count > XLSXWriter.cellLimit else { return s }
        let marker = writer.truncationMarker
        let room = XLSXWriter.cellLimit - marker.utf16.count
        var kept = 0
        var end = s.startIndex
        for ch in s {
            let n = ch.utf16.count
            if kept + n > room { break }
            kept += n
            end = s.index(after: end)
        }
        s = String(s[..<end]) + marker
        writer.noteTruncated(sheet: name, row: row, col: col)
        return s
    }

    /// A formula's value, cached in the file.
    public enum FormulaValue: Sendable, Equatable {
        case number(Double)
        case text(String)
    }

    /// Writes a formula with its value cached, so it reads right before recalculation
    /// (in WPS, LibreOffice and viewers that do not recalculate).
    public func formula(_ row: Int, _ col: Int, _ formula: String, cached: FormulaValue, _ style: CellStyle = .plain) {
        formula.withCString { self.formula(row, col, cString: $0, cached: cached, style) }
    }

    /// Writes a formula given as a C string (``formula(_:_:_:cached:_:)-(_,_,String,_,_)``).
    func formula(
        _ row: Int, _ col: Int, cString formula: UnsafePointer<CChar>, cached: FormulaValue, _ style: CellStyle
    ) {
        advance(to: row)
        switch cached {
        case .number(let d):
            worksheet_write_formula_num(ws, lxw_row_t(row), lxw_col_t(col), formula, writer.format(style), d)
            note(col, Cell.numberText(d))
        case .text(let t):
            worksheet_write_formula_str(ws, lxw_row_t(row), lxw_col_t(col), formula, writer.format(style), t)
            note(col, t)
        }
    }

    /// Hides the sheet (its tab is not shown; Excel's 取消隐藏 shows it again).
    public func hide() { worksheet_hide(ws) }

    /// Fixes a column's width (in Excel's character units) and, optionally, its default style.
    public func setColumn(_ col: Int, width: Double, style: CellStyle? = nil, hidden: Bool = false) {
        if col >= fixedWidths.count { fixedWidths += repeatElement(false, count: col + 1 - fixedWidths.count) }
        fixedWidths[col] = true
        columnWidths[col] = width
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        worksheet_set_column_opt(
            ws, lxw_col_t(col), lxw_col_t(col), width, style.flatMap { writer.format($0) }, &options)
    }

    /// Lets a column take the width of its widest text, within `limits`.
    public func autoWidth(_ col: Int, limits: ClosedRange<Int>) { autoWidthLimits[col] = limits }

    /// Sets a row's height in points.
    public func setRow(_ row: Int, height: Double) {
        advance(to: row)
        fixedRows.insert(row)
        wrapped[row] = nil
        worksheet_set_row(ws, lxw_row_t(row), height, nil)
    }

    /// Sets the sheet up for printing: A4 landscape, scaled to one page wide (as many pages
    /// tall as it takes), the first `repeatingRows` rows (the title and header) on every page,
    /// `header` centred at the top of each page and the workbook's page footer (page N of M)
    /// at the bottom. An `&` in the header is printed as itself. Every setting is kept apart
    /// from the rows, so a sheet written in order may call this at any time.
    public func printPage(header: String, repeatingRows: Int = 0) {
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9)  // A4
        worksheet_fit_to_pages(ws, 1, 0)
        let m = PrintedPage.margins
        worksheet_set_margins(ws, m.left, m.right, m.top, m.bottom)
        if repeatingRows > 0 { worksheet_repeat_rows(ws, 0, lxw_row_t(repeatingRows - 1)) }
        // A header or footer holds at most 255 characters, its codes included.
        let title = String(header.replacingOccurrences(of: "&", with: "&&").prefix(200))
        var headerOptions = lxw_header_footer_options()
        headerOptions.margin = m.header
        worksheet_set_header_opt(ws, "&C" + title, &headerOptions)
        var footerOptions = lxw_header_footer_options()
        footerOptions.margin = m.footer
        worksheet_set_footer_opt(ws, "&C" + writer.pageFooter, &footerOptions)
    }

    /// Highlights the cells of `rows` × `cols` for which `formula` is true. The formula is
    /// written for the range's top-left cell (relative references follow each cell), and is
    /// live: the highlight follows what is typed into the sheet.
    public func highlight(
        rows: ClosedRange<Int>, cols: ClosedRange<Int>, when formula: String, _ highlight: Highlight
    ) {
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        let value = strdup(formula.hasPrefix("=") ? formula : "=" + formula)
        defer { free(value) }
        cf.value_string = value
        cf.format = writer.format(highlight)
        worksheet_conditional_format_range(
            ws, lxw_row_t(rows.lowerBound), lxw_col_t(cols.lowerBound), lxw_row_t(rows.upperBound),
            lxw_col_t(cols.upperBound), &cf)
    }

    /// Freezes the top `rows` rows and the left `cols` columns.
    public func freeze(rows: Int, cols: Int = 0) {
        worksheet_freeze_panes(ws, lxw_row_t(rows), lxw_col_t(cols))
    }

    /// Turns on filter buttons on the header row `row` over columns `cols`, down to `lastRow`.
    public func autofilter(row: Int, lastRow: Int, cols: ClosedRange<Int>) {
        worksheet_autofilter(
            ws, lxw_row_t(row), lxw_col_t(cols.lowerBound), lxw_row_t(max(row, lastRow)), lxw_col_t(cols.upperBound))
    }

    /// Merges a range and writes text into it.
    public func merge(rows: ClosedRange<Int>, cols: ClosedRange<Int>, _ text: String, _ style: CellStyle = .plain) {
        advance(to: rows.lowerBound)
        worksheet_merge_range(
            ws, lxw_row_t(rows.lowerBound), lxw_col_t(cols.lowerBound), lxw_row_t(rows.upperBound),
            lxw_col_t(cols.upperBound), text, writer.format(style))
    }

    /// A drop-down list on a range: `values` (at most 255 characters together).
    public func listValidation(
        rows: ClosedRange<Int>, col: Int, values: [String], prompt: (title: String, text: String)? = nil,
        error: (title: String, text: String)? = nil
    ) {
        var v = lxw_data_validation()
        v.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        let cValues = values.map { strdup($0) } + [nil]
        var list = cValues
        var owned: [UnsafeMutablePointer<CChar>?] = []
        defer { cValues.forEach { free($0) }; owned.forEach { free($0) } }
        func dup(_ s: String) -> UnsafeMutablePointer<CChar>? { let p = strdup(s); owned.append(p); return p }
        if let prompt {
            v.input_title = dup(String(prompt.title.prefix(32))); v.input_message = dup(String(prompt.text.prefix(255)))
        }
        if let error {
            v.error_title = dup(String(error.title.prefix(32)))
            v.error_message = dup(String(error.text.prefix(255)))
        }
        v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        list.withUnsafeMutableBufferPointer { buf in
            v.value_list = buf.baseAddress
            worksheet_data_validation_range(
                ws, lxw_row_t(rows.lowerBound), lxw_col_t(col), lxw_row_t(rows.upperBound), lxw_col_t(col), &v)
        }
    }

    /// An input message shown when a cell of the range is selected (no restriction).
    public func prompt(rows: ClosedRange<Int>, col: Int, title: String, text: String) {
        var v = lxw_data_validation()
        v.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        let t = strdup(String(title.prefix(32))), m = strdup(String(text.prefix(255)))
        defer { free(t); free(m) }
        v.input_title = t
        v.input_message = m
        worksheet_data_validation_range(
            ws, lxw_row_t(rows.lowerBound), lxw_col_t(col), lxw_row_t(rows.upperBound), lxw_col_t(col), &v)
    }

    /// Kinds of chart.
    public enum ChartKind: Sendable {
        case column, bar
    }

    /// Inserts a chart of one series whose categories and values are ranges of `source`.
    public func chart(
        _ kind: ChartKind, title: String, source: XLSXSheet, categories: (rows: ClosedRange<Int>, col: Int),
        values: (rows: ClosedRange<Int>, col: Int), seriesName: String? = nil, at: (row: Int, col: Int),
        size: (width: Int, height: Int) = (480, 288), valueRange: ClosedRange<Double>? = nil, valueFormat: String? = nil
    ) {
        let type: Int
        switch kind {
        case .column: type = Int(LXW_CHART_COLUMN.rawValue)
        case .bar: type = Int(LXW_CHART_BAR.rawValue)
        }
        let chart = writer.addChart(type)
        let quoted = "'" + source.name.replacingOccurrences(of: "'", with: "''") + "'"
        func range(_ rows: ClosedRange<Int>, _ col: Int) -> String {
            let c = columnLetter(col)
            return "=\(quoted)!$\(c)$\(rows.lowerBound + 1):$\(c)$\(rows.upperBound + 1)"
        }
        let series = chart_add_series(chart, range(categories.rows, categories.col), range(values.rows, values.col))
        if let seriesName { chart_series_set_name(series, seriesName) }
        chart_series_set_labels(series)
        chart_title_set_name(chart, title)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        let axes = [chart.pointee.x_axis, chart.pointee.y_axis]
        if kind == .bar {
            // Bars read top-down in the order of the table's rows, the value axis below them.
            for axis in axes where axis?.pointee.is_category == 1 {
                chart_axis_set_reverse(axis)
                chart_axis_set_crossing_max(axis)
            }
        }
        if let valueFormat {
            for axis in axes where axis?.pointee.is_value == 1 { chart_axis_set_num_format(axis, valueFormat) }
        }
        if let r = valueRange {
            // Min and max apply to the value axis only (which of x and y that is depends on the chart).
            for axis in axes where axis?.pointee.is_value == 1 {
                chart_axis_set_min(axis, r.lowerBound)
                chart_axis_set_max(axis, r.upperBound)
            }
        }
        var options = lxw_chart_options()
        options.x_scale = Double(size.width) / 480
        options.y_scale = Double(size.height) / 288
        worksheet_insert_chart_opt(ws, lxw_row_t(at.row), lxw_col_t(at.col), chart, &options)
    }

    /// Widens a column's automatic width to a short text's (a number or a date), made only
    /// when the column's width is not fixed.
    private func note(_ col: Int, _ text: @autoclosure () -> String) {
        guard !isFixed(col) else { return }
        let s = text()
        if !s.isEmpty, let longest = lineWidths(s).max() { widen(col, longest) }
    }

    /// In a sheet written in order, finishes the rows before `row`: their heights are set now,
    /// before libxlsxwriter writes them out.
    func advance(to row: Int) {
        guard inOrder else { return }
        precondition(row >= openRow, "sheet \(name): row \(row) written after row \(openRow)")
        guard row > openRow else { return }
        if let cells = wrapped.removeValue(forKey: openRow) { setHeight(openRow, cells) }
        openRow = row
    }

    /// Gives a row with wrapped text the height its lines need: not every spreadsheet program
    /// grows such rows by itself when it opens the file.
    private func setHeight(_ row: Int, _ cells: [(col: Int, lines: [Int])]) {
        var lines = 1
        for (col, widths) in cells {
            // A Chinese character is a little wider than two digits (等线 11: 15 pixels, a digit
            // 7), and a line breaks before it fills up: a tenth of the width is left spare, so
            // that the last line (「…请您打分」) is never clipped.
            let width = max(4, ((columnWidths[col] ?? 8.43) - 1) * 0.9)
            var n = 0
            for w in widths { n += max(1, Int((Double(w) / width).rounded(.up))) }
            lines = max(lines, n)
        }
        if lines > 1 { worksheet_set_row(ws, lxw_row_t(row), min(409, Double(lines) * 14.5 + 3), nil) }
    }

    func applyAutoWidths() {
        for (col, w) in widths.enumerated() where w > 0 && !isFixed(col) {
            let limits = autoWidthLimits[col] ?? 6...40
            let width = min(max(w + 2, limits.lowerBound), limits.upperBound)
            columnWidths[col] = Double(width)
            worksheet_set_column(ws, lxw_col_t(col), lxw_col_t(col), Double(width), nil)
        }
        for (row, cells) in wrapped where !fixedRows.contains(row) { setHeight(row, cells) }
    }
}

/// The display width (``displayWidth(_:)``) of each line of `text`, in one pass over its
/// UTF-8 bytes. Lines end at a line feed, as splitting at the character "\n" ends them: a
/// CR LF pair is one character and does not end a line.
func lineWidths(_ text: String) -> [Int] {
    var text = text
    return text.withUTF8 { bytes in
        var out: [Int] = []
        var w = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) {
                    out.append(w)
                    w = 0
                } else {
                    w += 1
                }
                i += 1
            } else if b < 0xE0 {
                w += 1  // two bytes: below U+0800, narrow
                i += 2
            } else if b < 0xF0 {
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                w += isWide(v) ? 2 : 1
                i += 3
            } else {
                let v = (UInt32(b & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                w += v >= 0x20000 ? 2 : 1
                i += 4
            }
        }
        out.append(w)
        return out
    }
}

/// Whether a code point is East Asian wide (two width units).
@inline(__always)
private func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || v >= 0x20000
}

/// Width of text in Excel character units: East Asian wide characters count two.
public func displayWidth<S: StringProtocol>(_ s: S) -> Int {
    var w = 0
    for u in s.unicodeScalars { w += isWide(u.value) ? 2 : 1 }
    return w
}
