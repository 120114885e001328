import CXlsxWriter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text with stretches to mark: written as a rich text cell whose marked runs are bold and red
/// (the banned phrases inside an audit workbook's conversation), the rest in the cell's font.
public struct MarkedText: Sendable, Equatable {
    public var text: String
    /// The marked stretches, as UTF-8 byte offsets into `text`. They may come in any order,
    /// overlap or touch (they are merged); a stretch that does not start and end between two
    /// characters is left unmarked.
    public var marks: [Range<Int>]

    public init(_ text: String, marks: [Range<Int>] = []) {
        self.text = text
        self.marks = marks
    }

    /// The marks' colour (red, as 标红 means), RGB.
    public static let color = 0xFF0000
}

/// Text measured where it was made: the display width of each of its lines (``lineWidths(_:)``),
/// so that the thread writing the cell does not measure it again (an audit workbook's
/// conversations are made and measured on another thread than the one writing the rows).
public struct MeasuredText: Sendable, Equatable {
    public var text: MarkedText
    public var lines: [Int]

    public init(_ text: MarkedText) {
        self.text = text
        lines = lineWidths(text.text)
    }
}

/// The fonts of a rich text cell's runs, made once per workbook (``XLSXWriter/runFormats``):
/// the sheets' font for the plain runs (a run without a font of its own would be Calibri in
/// Excel) and the same in bold red for the marked ones.
final class RunFormats {
    let plain: UnsafeMutablePointer<lxw_format>
    let marked: UnsafeMutablePointer<lxw_format>

    init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
        plain = workbook_add_format(workbook)!
        XLSXWriter.setFont(plain)
        marked = workbook_add_format(workbook)!
        XLSXWriter.setFont(marked)
        format_set_bold(marked)
        format_set_font_color(marked, lxw_color_t(MarkedText.color))
    }
}

extension XLSXSheet {
    /// Writes text with its marked stretches bold and red (a rich text cell). Text without
    /// marks, or that a cell cannot hold as it is (a NUL in it, or too long: it is cut), is
    /// written as plain text. Widens the column and heightens the row as ``write(_:_:_:_:)`` does.
    public func write(_ row: Int, _ col: Int, _ marked: MarkedText, _ style: CellStyle = .plain) {
        write(row, col, marked, style, lines: nil)
    }

    /// Writes text measured where it was made (as ``write(_:_:_:_:)-(_,_,MarkedText,_)`` writes
    /// its text), without measuring it again.
    public func write(_ row: Int, _ col: Int, _ measured: MeasuredText, _ style: CellStyle = .plain) {
        write(row, col, measured.text, style, lines: measured.lines)
    }

    /// Writes marked text whose lines' widths are `lines`, if measured already.
    private func write(_ row: Int, _ col: Int, _ marked: MarkedText, _ style: CellStyle, lines: [Int]?) {
        var text = marked.text
        let runs = marked.marks.isEmpty ? [] : text.withUTF8 { MarkedText.runs(marked.marks, in: $0) }
        // Text a cell holds as it is: no NUL, within the length (``fitted(_:row:col:)`` would change the rest).
        let holds =
            text.withUTF8 { b in b.baseAddress.map { memchr($0, 0, b.count) == nil } ?? true }
            && (text.utf8.count <= XLSXWriter.cellLimit || text.utf16.count <= XLSXWriter.cellLimit)
        guard runs.contains(where: \.marked), holds else {
            writeText(row, col, marked.text, style, lines: lines)
            return
        }
        advance(to: row)
        let formats = writer.runFormats
        let written = text.withUTF8 { bytes in
            // Every run's bytes in one buffer, each followed by the NUL that ends its C string.
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + runs.count)
            let tuples = UnsafeMutablePointer<lxw_rich_string_tuple>.allocate(capacity: runs.count)
            defer {
                buffer.deallocate()
                tuples.deallocate()
            }
            var pointers: [UnsafeMutablePointer<lxw_rich_string_tuple>?] = []
            pointers.reserveCapacity(runs.count + 1)
            var at = 0
            for (n, run) in runs.enumerated() {
                let start = buffer + at
                bytes.baseAddress.map { base in
                    UnsafeMutableRawPointer(start).copyMemory(
                        from: base + run.bytes.lowerBound, byteCount: run.bytes.count)
                }
                start[run.bytes.count] = 0
                at += run.bytes.count + 1
                tuples[n] = lxw_rich_string_tuple(format: run.marked ? formats.marked : formats.plain, string: start)
                pointers.append(tuples + n)
            }
            pointers.append(nil)
            return worksheet_write_rich_string(ws, lxw_row_t(row), lxw_col_t(col), &pointers, writer.format(style))
        }
        guard written == LXW_NO_ERROR else {
            writeText(row, col, marked.text, style, lines: lines)
            return
        }
        measure(text, row: row, col: col, style, lines: lines)
    }
}

extension XLSXSheet {
    /// Merges a range and writes text with its marked stretches into it (as ``write(_:_:_:_:)``).
    public func merge(rows: ClosedRange<Int>, cols: ClosedRange<Int>, _ marked: MarkedText, _ style: CellStyle = .plain)
    {
        merge(rows: rows, cols: cols, "", style)
        write(rows.lowerBound, cols.lowerBound, marked, style)
    }
}

extension MarkedText {
    /// The text's runs: plain and marked stretches in turn (UTF-8 byte offsets), as the cell shows them.
    public var runs: [(bytes: Range<Int>, marked: Bool)] {
        var text = text
        return text.withUTF8 { MarkedText.runs(marks, in: $0) }
    }

    /// The runs of a rich text cell over `bytes` (UTF-8): plain and marked in turn, none empty,
    /// the marks sorted and merged, those that would split a character left out.
    static func runs(_ marks: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> [(bytes: Range<Int>, marked: Bool)]
    {
        let n = bytes.count
        func boundary(_ i: Int) -> Bool { i == n || (i >= 0 && i < n && bytes[i] & 0xC0 != 0x80) }
        var merged: [Range<Int>] = []
        for m in marks.sorted(by: { $0.lowerBound < $1.lowerBound })
        where !m.isEmpty && m.lowerBound >= 0 && m.upperBound <= n && boundary(m.lowerBound) && boundary(m.upperBound) {
            if let last = merged.last, m.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, m.upperBound)
            } else {
                merged.append(m)
            }
        }
        var out: [(bytes: Range<Int>, marked: Bool)] = []
        var at = 0
        for m in merged {
            if m.lowerBound > at { out.append((at..<m.lowerBound, false)) }
            out.append((m, true))
            at = m.upperBound
        }
        if at < n { out.append((at..<n, false)) }
        return out
    }
}
