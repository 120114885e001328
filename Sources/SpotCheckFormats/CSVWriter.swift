import Foundation
import SpotCheckText

/// Writes a small CSV as Excel reads it: UTF-8 with a byte-order mark (so Excel and WPS
/// show Chinese right), CRLF line ends, fields quoted when they need it.
public struct CSVWriter {
    private var text = "\u{FEFF}"

    public init() {}

    /// Appends a row.
    public mutating func row(_ fields: [String]) {
        text += fields.map(CSVWriter.quote).joined(separator: ",") + "\r\n"
    }

    /// Writes the file.
    public func write(to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw FileProblem(file: path, message: Catalog.File.cannotWrite(path, error.localizedDescription))
        }
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
