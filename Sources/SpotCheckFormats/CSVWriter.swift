import Foundation
import SpotCheckText

/// Writes a small CSV as Excel reads it: UTF-8 with a byte-order mark (so Excel and WPS
/// show Chinese right), CRLF line ends, fields quoted when they need it.
public struct CSVWriter {
    private var text = "\u{FEFF}"
    private let lineEnd: String

    /// A writer; `lineEnd` is CRLF as Excel writes, or LF.
    public init(lineEnd: String = "\r\n") { self.lineEnd = lineEnd }

    /// Appends a row.
    public mutating func row(_ fields: [String]) {
        text += fields.map(CSVWriter.quote).joined(separator: ",") + lineEnd
    }

    /// The text written so far (with the byte-order mark).
    public var content: String { text }

    /// Writes the file as GB18030 (no byte-order mark), as Excel in China saves "CSV".
    public func writeGB18030(to path: String) throws {
        let bytes = TextEncoding.gb18030Bytes(String(text.dropFirst()))
        do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch {
            throw FileProblem(file: path, message: Catalog.File.cannotWrite(path, error.localizedDescription))
        }
    }

    /// Writes the file as UTF-8 without the byte-order mark.
    public func writeWithoutBOM(to path: String) throws {
        do { try String(text.dropFirst()).write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw FileProblem(file: path, message: Catalog.File.cannotWrite(path, error.localizedDescription))
        }
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
