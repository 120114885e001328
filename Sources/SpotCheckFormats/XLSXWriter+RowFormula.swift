import CXlsxWriter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A formula that differs from row to row only in the row's number: the pieces between the
/// places of the number, made once and written for each row straight into a C string, with no
/// string built per row (an audit sheet writes two a row; building them as strings was a tenth
/// of its own work).
public struct RowFormula: Sendable, Equatable {
    /// The pieces' UTF-8 bytes, one after another.
    let bytes: [UInt8]
    /// Where each piece ends in `bytes`.
    let ends: [Int]

    /// The formula `pieces` joined by a row's number (1-based).
    public init(pieces: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for piece in pieces {
            bytes += piece.utf8
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    /// The formula of row `row` (0-based).
    public func text(row: Int) -> String {
        var buffer: [CChar] = []
        fill(&buffer, row: row)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Puts the formula of row `row` (0-based) into `buffer` as a C string (the buffer grows as
    /// it needs to).
    func fill(_ buffer: inout [CChar], row: Int) {
        let number = row + 1
        let width = XLSXSheet.digits(number)
        let count = bytes.count + max(0, ends.count - 1) * width + 1
        if buffer.count < count { buffer = [CChar](repeating: 0, count: count) }
        buffer.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { source in
                var at = 0, from = 0
                for (k, end) in ends.enumerated() {
                    if k > 0 {
                        var n = number
                        for i in stride(from: at + width - 1, through: at, by: -1) {
                            out[i] = CChar(48 + n % 10)
                            n /= 10
                        }
                        at += width
                    }
                    for j in from..<end { out[at + j - from] = CChar(bitPattern: source[j]) }
                    at += end - from
                    from = end
                }
                out[at] = 0
            }
        }
    }
}

extension XLSXSheet {
    /// Writes row `row`'s formula of `formula` (``formula(_:_:_:cached:_:)-(_,_,String,_,_)``).
    public func formula(
        _ row: Int, _ col: Int, _ formula: RowFormula, cached: FormulaValue, _ style: CellStyle = .plain
    ) {
        formula.fill(&formulaBuffer, row: row)
        formulaBuffer.withUnsafeBufferPointer { text in
            if let text = text.baseAddress { self.formula(row, col, cString: text, cached: cached, style) }
        }
    }
}
