import SpotCheckText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sheet of rows from a CSV or XLSX file, chosen by the file's extension and checked
/// against its content: a workbook renamed `.csv`, a CSV renamed `.xlsx`, an old `.xls`
/// or an empty file each get their own clear error.
public final class TabularFile {
    /// What the file turned out to be.
    public enum Format: Sendable, Equatable {
        case csv(TextEncoding)
        case xlsx(sheet: String)
    }

    /// The path as given.
    public let path: String
    /// The file's format (the encoding of a CSV is known once reading starts).
    public var format: Format {
        switch backing {
        case .csv(let r): return .csv(r.encoding)
        case .xlsx(_, let sheet): return .xlsx(sheet: sheet)
        }
    }
    /// The file's size in bytes.
    public let fileSize: Int

    private enum Backing {
        case csv(CSVReader)
        case xlsx(XLSXReader, String)
    }
    private let backing: Backing

    /// Opens `path`; `sheet` picks a worksheet of a workbook (default: the first).
    public init(path: String, sheet: String? = nil) throws {
        self.path = path
        var st = stat()
        guard stat(path, &st) == 0 else { throw FileError(file: path, message: Catalog.File.notFound(path)) }
        fileSize = Int(st.st_size)
        if fileSize == 0 { throw FileError(file: path, message: Catalog.File.empty) }
        let magic = TabularFile.sniff(path)
        let ext =
            path.split(separator: "/").last.flatMap { name -> String? in
                guard let dot = name.lastIndex(of: ".") else { return nil }
                return String(name[name.index(after: dot)...]).lowercased()
            } ?? ""
        switch ext {
        case "csv", "txt":
            switch magic {
            case .zip: throw FileError(file: path, message: Catalog.File.xlsxNamedCSV)
            case .ole: throw FileError(file: path, message: Catalog.File.legacyXLS)
            case .binary: throw FileError(file: path, message: Catalog.File.binaryNotCSV)
            case .text: backing = .csv(try CSVReader(path: path))
            }
        case "xlsx", "xlsm":
            switch magic {
            case .zip:
                let reader = try XLSXReader(path: path)
                guard let name = reader.resolveSheet(sheet) else {
                    throw FileError(file: path, message: Catalog.File.noSheets)
                }
                if !reader.sheetNames.contains(name) {
                    throw FileError(file: path, message: Catalog.File.sheetNotFound(name, available: reader.sheetNames))
                }
                backing = .xlsx(reader, name)
            case .ole: throw FileError(file: path, message: Catalog.File.legacyXLS)
            case .text, .binary: throw FileError(file: path, message: Catalog.File.notXLSX(ext))
            }
        case "xls", "et":
            if magic == .zip { throw FileError(file: path, message: Catalog.File.xlsxNamed(ext)) }
            throw FileError(file: path, message: Catalog.File.legacyXLS)
        default:
            throw FileError(file: path, message: Catalog.File.unsupportedExtension(ext))
        }
    }

    /// Bytes read so far (CSV), for progress.
    public var bytesRead: Int {
        if case .csv(let r) = backing { return r.bytesRead }
        return 0
    }

    /// Calls `body` with every row: its number as Excel shows it, and its cells.
    public func forEachRow(_ body: (_ row: Int, _ cells: [Cell]) throws -> Void) throws {
        switch backing {
        case .csv(let reader):
            var cells: [Cell] = []
            try reader.forEachRow { row, fields in
                cells.removeAll(keepingCapacity: true)
                for f in fields { cells.append(f.isEmpty ? .empty : .text(f)) }
                try body(row, cells)
            }
        case .xlsx(let reader, let sheet):
            try reader.forEachRow(sheet: sheet, body)
        }
    }

    /// Like ``forEachRow(_:)``, offering each CSV record first to `bytes` as its fields' bytes read
    /// in place (no String, no cell): a record `bytes` takes (returns true for) is not passed to
    /// `body`. A workbook's rows all go to `body`.
    public func forEachRow(
        bytes: (_ row: Int, _ fields: CSVFields) throws -> Bool, _ body: (_ row: Int, _ cells: [Cell]) throws -> Void
    ) throws {
        guard case .csv(let reader) = backing else { return try forEachRow(body) }
        var cells: [Cell] = []
        try reader.forEachRecord { row, fields in
            if try bytes(row, fields) { return }
            cells.removeAll(keepingCapacity: true)
            for i in 0..<fields.count {
                let f = fields[i]
                cells.append(f.isEmpty ? .empty : .text(String(decoding: f, as: UTF8.self)))
            }
            try body(row, cells)
        }
    }

    private enum Magic { case zip, ole, text, binary }

    private static func sniff(_ path: String) -> Magic {
        guard let f = fopen(path, "rb") else { return .binary }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: 4096)
        let n = fread(&head, 1, head.count, f)
        if n >= 4, head[0] == 0x50, head[1] == 0x4B, head[2] == 0x03, head[3] == 0x04 { return .zip }
        if n >= 4, head[0] == 0xD0, head[1] == 0xCF, head[2] == 0x11, head[3] == 0xE0 { return .ole }
        // Binary (or UTF-16) has NUL bytes everywhere; a stray NUL in a cell of a text file is
        // left for the CSV reader to name by row and column.
        if head[0..<n].lazy.filter({ $0 == 0 }).count * 16 > n { return .binary }
        return .text
    }
}
