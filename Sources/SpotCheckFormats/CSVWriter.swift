import Foundation
import SpotCheckText

/// Writes a small CSV as Excel reads it: UTF-8 with a byte-order mark (so Excel and WPS
/// show Chinese right), CRLF line ends, fields quoted when they need it. Files are written
/// atomically and readable by their owner only.
public struct CSVWriter {
    private var text = "\u{FEFF}"
    private let lineEnd: String
    private let neutralizing: Bool

    /// A writer; `lineEnd` is CRLF as Excel writes, or LF. `neutralizingFormulas` puts an
    /// apostrophe before a field that Excel would run as a formula (one starting with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return): for files that carry what others typed.
    public init(lineEnd: String = "\r\n", neutralizingFormulas: Bool = false) {
        self.lineEnd = lineEnd
        neutralizing = neutralizingFormulas
    }

    /// Appends a row.
    public mutating func row(_ fields: [String]) {
        let safe = neutralizing ? fields.map(CSVWriter.neutralized) : fields
        text += safe.map(CSVWriter.quote).joined(separator: ",") + lineEnd
    }

    /// The field with a leading apostrophe when Excel would take it for a formula.
    static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return field
        }
        return "'" + field
    }

    /// The text written so far (with the byte-order mark).
    public var content: String { text }

    /// Writes the file as GB18030 (no byte-order mark), as Excel in China saves "CSV".
    public func writeGB18030(to path: String) throws {
        try OutputPath.write(TextEncoding.gb18030Bytes(String(text.dropFirst())), to: path)
    }

    /// Writes the file as UTF-8 without the byte-order mark.
    public func writeWithoutBOM(to path: String) throws {
        try OutputPath.write(Array(text.dropFirst().utf8), to: path)
    }

    /// Writes the file.
    public func write(to path: String) throws {
        try OutputPath.write(Array(text.utf8), to: path)
    }

    static func quote(_ s: String) -> String {
        guard
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ")
                || s.hasSuffix(" ")
        else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
