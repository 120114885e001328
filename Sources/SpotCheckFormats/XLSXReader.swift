import Foundation
import SpotCheckText
import ZIPFoundation

/// Reads the cells of an XLSX workbook (Office Open XML), as written by Excel, WPS,
/// LibreOffice or openpyxl.
///
/// No XLSX-reading package is available here, so this is ZIPFoundation for the archive and
/// expat for the parts. A sheet is streamed (issue 7, "any file, no crash, no partial import,
/// bounded memory"): each inflated chunk goes to expat and the rows it completes go to the
/// caller before the next chunk is inflated, so neither the sheet's XML nor its rows are
/// ever held whole. Every part's checksum is checked and its XML must end properly: a file
/// cut short or altered is an error, never a partial read. Excel's own limits bound what is
/// accepted (16384 columns, 1048576 rows, 32767 characters a cell), and the parts read whole
/// (workbook, relationships, styles, shared strings) have a bound on their inflated size.
///
/// Numbers whose cell style is a date format come back as ``Cell/date(_:)``; formulas come
/// back as their cached values.
public final class XLSXReader {
    /// Excel's limits (Excel specifications and limits).
    public static let maxColumns = 16_384
    public static let maxRows = 1_048_576
    public static let maxCellCharacters = 32_767
    /// The inflated size accepted for the shared strings, and for the other parts read whole.
    static let maxSharedStringsBytes = 512 << 20
    static let maxSmallPartBytes = 64 << 20
    /// The text of all shared strings together (a million-row export has about 60 MiB).
    static let maxSharedStringsText = 256 << 20
    /// Shared strings accepted (each costs its offset in memory even when empty).
    static let maxSharedStrings = 1 << 24

    /// The file's path.
    public let path: String
    /// The workbook's sheets, in tab order.
    public let sheetNames: [String]

    private let archive: Archive
    private let sheetParts: [String: String]
    private let sharedStrings: SharedStrings
    private let dateStyles: Set<Int>

    /// Opens a workbook and reads its sheet list, shared strings and styles.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw FileError(file: path, message: Catalog.File.notFound(path))
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            // A package that starts like a ZIP but has no readable directory was cut short.
            if XLSXReader.startsLikeZIP(path) { throw FileError(file: path, message: Catalog.File.truncatedZIP) }
            throw FileError(file: path, message: Catalog.File.notXLSX((path as NSString).pathExtension))
        }
        let workbook = WorkbookHandler()
        let small = XLSXReader.maxSmallPartBytes
        guard try XLSXReader.parse("xl/workbook.xml", of: archive, file: path, limit: small, with: workbook) else {
            throw FileError(file: path, message: Catalog.File.corruptXLSX("xl/workbook.xml"))
        }
        let rels = RelationshipsHandler()
        _ = try XLSXReader.parse("xl/_rels/workbook.xml.rels", of: archive, file: path, limit: small, with: rels)
        var parts: [String: String] = [:]
        var names: [String] = []
        for (name, rid) in workbook.sheets {
            guard var target = rels.targets[rid] else { continue }
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            parts[name] = target
            names.append(name)
        }
        sheetNames = names
        sheetParts = parts
        let strings = SharedStringsHandler(file: path)
        let stringsLimit = XLSXReader.maxSharedStringsBytes
        _ = try XLSXReader.parse("xl/sharedStrings.xml", of: archive, file: path, limit: stringsLimit, with: strings)
        sharedStrings = strings.strings
        let styles = StylesHandler()
        _ = try XLSXReader.parse("xl/styles.xml", of: archive, file: path, limit: small, with: styles)
        dateStyles = styles.dateStyles
    }

    /// Calls `body` with each non-empty row of a sheet (the first when `sheet` is nil): the
    /// row number as Excel shows it, and the cells from column A on.
    ///
    /// Rows are handed over as the sheet streams in: when the sheet turns out to be damaged
    /// further on, this throws after some rows were delivered (callers import atomically).
    public func forEachRow(sheet: String? = nil, _ body: (_ row: Int, _ cells: [Cell]) throws -> Void) throws {
        let name: String
        if let sheet {
            guard sheetParts[sheet] != nil else {
                throw FileError(file: path, message: Catalog.File.sheetNotFound(sheet, available: sheetNames))
            }
            name = sheet
        } else {
            guard let firstName = sheetNames.first else {
                throw FileError(file: path, message: Catalog.File.noSheets)
            }
            name = firstName
        }
        let part = sheetParts[name]!
        let handler = SheetHandler(file: path, sharedStrings: sharedStrings, dateStyles: dateStyles)
        // The sheet inflates and parses on a thread of its own (``SheetStream``), a few chunks
        // ahead of the rows handed to `body` here: reading the XML is most of reading a sheet.
        let stream = SheetStream(reader: self, part: part, handler: handler)
        stream.start()
        do {
            while let batch = stream.channel.receive() {
                for (number, cells) in batch { try body(number, cells) }
            }
        } catch {
            stream.channel.cancel()
            stream.wait()
            throw error
        }
        stream.wait()
        if let error = stream.error { throw error }
        guard stream.found else { throw FileError(file: path, message: Catalog.File.corruptXLSX(part)) }
    }

    /// A sheet part inflated and parsed on its own thread, its rows sent on in batches (one per
    /// inflated chunk) through a short queue, so memory stays bounded.
    private final class SheetStream: @unchecked Sendable {
        let reader: XLSXReader
        let part: String
        let handler: SheetHandler
        let channel = BatchChannel<(Int, [Cell])>(capacity: 8)
        /// Results, read after ``wait()``.
        private(set) var found = false
        private(set) var error: Error?
        private let finished = DispatchSemaphore(value: 0)

        /// The reader stopped taking rows.
        struct Stopped: Error {}

        init(reader: XLSXReader, part: String, handler: SheetHandler) {
            self.reader = reader
            self.part = part
            self.handler = handler
        }

        func start() {
            let thread = Thread { [self] in
                do {
                    found = try XLSXReader.parse(
                        part, of: reader.archive, file: reader.path, limit: nil, with: handler
                    ) { [self] in
                        guard !handler.rows.isEmpty else { return }
                        if !channel.send(handler.rows) { throw Stopped() }
                        handler.rows = []
                    }
                } catch {
                    self.error = error
                }
                channel.close()
                finished.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// Waits for the thread to finish.
        func wait() { finished.wait() }
    }

    /// The name of the first sheet, or the sheet that is asked for.
    public func resolveSheet(_ sheet: String?) -> String? { sheet ?? sheetNames.first }

    // MARK: - Streaming a part

    /// Inflates a part chunk by chunk into expat, calling `drain` after each chunk; false when
    /// the package has no such part. `limit` bounds the inflated size (nil: any length).
    private static func parse(
        _ name: String, of archive: Archive, file: String, limit: Int?,
        with handler: XMLPartHandler, drain: () throws -> Void = {}
    ) throws -> Bool {
        guard let entry = archive[name] else { return false }
        let parser = try ExpatParser(part: name, file: file, handler: handler)
        var inflated = 0
        var stopped: Error? = nil
        var checksum: CRC32 = 0
        do {
            // The checksum is computed here, eight bytes a step (``CRC32Check``), not by ZIPFoundation.
            _ = try archive.extract(entry, bufferSize: 256 << 10, skipCRC32: true) { chunk in
                do {
                    inflated += chunk.count
                    if let limit, inflated > limit {
                        throw FileError(file: file, message: Catalog.File.partTooLarge(name, limitMiB: limit >> 20))
                    }
                    try chunk.withUnsafeBytes {
                        checksum = CRC32Check.update(checksum, $0)
                        try parser.feed($0, final: false)
                    }
                    try drain()
                } catch {
                    stopped = error
                    throw error
                }
            }
        } catch {
            // The reader's and the caller's own errors as they are; ZIPFoundation's (a damaged
            // deflate stream, an unreadable entry) as a damaged part.
            if let stopped { throw stopped }
            throw FileError(file: file, message: Catalog.File.corruptXLSX("\(name): \(error)"))
        }
        guard checksum == entry.checksum else {
            throw FileError(file: file, message: Catalog.File.checksumMismatch(name))
        }
        // The end of the part: expat says whether the XML ended where it should.
        try parser.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        try drain()
        return true
    }

    private static func startsLikeZIP(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).map { Array($0) == [0x50, 0x4B, 0x03, 0x04] } ?? false
    }
}
