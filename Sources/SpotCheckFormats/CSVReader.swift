import SpotCheckText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file as Excel writes it: comma-separated, fields optionally quoted with `"`
/// (a quote inside is doubled), quoted fields may hold commas and line breaks, lines end in
/// CRLF or LF, UTF-8 with or without BOM or GB18030/GBK (detected).
///
/// Streams the file in chunks, so memory stays flat whatever the file's size. Written by
/// hand: the CSV packages available here (SwiftCSV, CSV.swift) decode character by
/// character and took several times longer than `sqlite3 .import` on the benchmark file,
/// and neither reads GB18030.
public final class CSVReader {
    /// The file's path.
    public let path: String
    /// The detected encoding (known after the first chunk is read).
    public private(set) var encoding: TextEncoding = .utf8
    /// Bytes of the file read so far (for progress).
    public private(set) var bytesRead: Int = 0
    /// The file's size in bytes.
    public let fileSize: Int

    private let chunkSize: Int

    /// Opens nothing yet; checks that the file exists.
    public init(path: String, chunkSize: Int = 4 << 20) throws {
        self.path = path
        self.chunkSize = chunkSize
        var st = stat()
        guard stat(path, &st) == 0 else { throw FileError(file: path, message: Catalog.File.notFound(path)) }
        fileSize = Int(st.st_size)
    }

    // One function: the CSV import's per-record loop, whose chunk reader shares the buffer and decoder with it.
    /// Calls `body` with each record's row number (1-based, as Excel would number it) and
    /// its fields. The array is reused between calls: copy what you keep.
    public func forEachRow(_ body: (_ row: Int, _ fields: [String]) throws -> Void) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw FileError(file: path, message: Catalog.File.unreadable(path, String(cString: strerror(errno))))
        }
        defer { close(fd) }

        var raw = [UInt8](repeating: 0, count: chunkSize)
        var buf: [UInt8] = []
        buf.reserveCapacity(chunkSize * 2)
        var decoder: GB18030Decoder? = nil
        var first = true
        var eof = false
        var row = 1
        var fields: [String] = []
        fields.reserveCapacity(32)

        func readChunk() throws {
            let n = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            guard n >= 0 else {
                throw FileError(file: path, message: Catalog.File.unreadable(path, String(cString: strerror(errno))))
            }
            bytesRead += n
            if n == 0 { eof = true }
            try raw.withUnsafeBufferPointer { all in
                var chunk = UnsafeBufferPointer(rebasing: all[0..<n])
                if first && n > 0 {
                    first = false
                    let (enc, bom) = TextEncoding.detect(chunk)
                    encoding = enc
                    chunk = UnsafeBufferPointer(rebasing: chunk[bom...])
                    if enc == .gb18030 { decoder = GB18030Decoder() }
                }
                if let d = decoder {
                    do { try d.decode(chunk, final: eof, into: &buf) } catch let e as GB18030Decoder.InvalidBytes {
                        throw FileError(
                            file: path,
                            message: Catalog.File.badEncoding(TextEncoding.gb18030.rawValue, offset: e.offset))
                    }
                } else {
                    buf.append(contentsOf: chunk)
                }
            }
        }

        try readChunk()
        var start = 0
        while true {
            // Parse every complete record in buf[start...].
            var needMore = false
            while start < buf.count || (eof && start < buf.count) {
                let outcome = try buf.withUnsafeBufferPointer { b in
                    try parseRecord(b, from: start, eof: eof, row: row, into: &fields)
                }
                guard let next = outcome else { needMore = true; break }
                start = next
                try body(row, fields)
                row += 1
            }
            if eof && !needMore { break }
            if eof && needMore {
                throw FileError(file: path, row: row, message: Catalog.File.unclosedQuote(startRow: row))
            }
            // Keep the unparsed tail and read on.
            if start > 0 {
                buf.removeSubrange(0..<start)
                start = 0
            }
            try readChunk()
        }
    }

    // One function: the CSV import's per-byte inner loop over quoted and plain fields.
    /// Parses one record starting at `p`; returns the index after it, or nil when the buffer
    /// ends inside the record and more input may follow.
    private func parseRecord(
        _ b: UnsafeBufferPointer<UInt8>, from p0: Int, eof: Bool, row: Int,
        into fields: inout [String]
    ) throws -> Int? {
        fields.removeAll(keepingCapacity: true)
        let n = b.count
        var p = p0
        let quote: UInt8 = 34, comma: UInt8 = 44, cr: UInt8 = 13, lf: UInt8 = 10
        var scratch: [UInt8] = []
        while true {
            if p >= n {
                // End of buffer right after a delimiter (or an empty last line).
                if !eof { return nil }
                if p > p0 || !fields.isEmpty { fields.append("") }
                return p
            }
            if b[p] == quote {
                // Quoted field.
                var q = p + 1
                var hasEscapes = false
                var high: UInt8 = 0
                var nul = false
                while true {
                    if q >= n {
                        if eof {
                            throw FileError(file: path, row: row, message: Catalog.File.unclosedQuote(startRow: row))
                        }; return nil
                    }
                    let c = b[q]
                    high |= c
                    if c == 0 { nul = true }
                    if c == quote {
                        if q + 1 >= n && !eof { return nil }
                        if q + 1 < n && b[q + 1] == quote { hasEscapes = true; q += 2; continue }
                        break
                    }
                    q += 1
                }
                var value: String
                if hasEscapes {
                    scratch.removeAll(keepingCapacity: true)
                    var k = p + 1
                    while k < q {
                        scratch.append(b[k])
                        k += (b[k] == quote) ? 2 : 1
                    }
                    value = try makeString(
                        UnsafeBufferPointer(start: nil, count: 0), bytes: scratch, high: high, row: row)
                } else {
                    value = try makeString(
                        UnsafeBufferPointer(rebasing: b[(p + 1)..<q]), bytes: nil, high: high, row: row)
                }
                if nul { throw nulProblem(row: row, column: fields.count) }
                p = q + 1
                // Text after the closing quote (malformed but common): keep it.
                if p < n, b[p] != comma, b[p] != cr, b[p] != lf {
                    var e = p
                    while e < n, b[e] != comma, b[e] != cr, b[e] != lf { e += 1 }
                    if e >= n && !eof { return nil }
                    if b[p..<e].contains(0) { throw nulProblem(row: row, column: fields.count) }
                    value += try makeString(UnsafeBufferPointer(rebasing: b[p..<e]), bytes: nil, high: 0x80, row: row)
                    p = e
                }
                fields.append(value)
            } else {
                var e = p
                var high: UInt8 = 0
                var nul = false
                while e < n {
                    let c = b[e]
                    if c == comma || c == lf || c == cr { break }
                    high |= c
                    if c == 0 { nul = true }
                    e += 1
                }
                if e >= n && !eof { return nil }
                if nul { throw nulProblem(row: row, column: fields.count) }
                fields.append(try makeString(UnsafeBufferPointer(rebasing: b[p..<e]), bytes: nil, high: high, row: row))
                p = e
            }
            // Delimiter.
            if p >= n { return p }
            let c = b[p]
            if c == comma {
                p += 1
                if p >= n {
                    if !eof { return nil }
                    fields.append("")
                    return p
                }
                continue
            }
            if c == cr {
                if p + 1 >= n && !eof { return nil }
                return (p + 1 < n && b[p + 1] == lf) ? p + 2 : p + 1
            }
            return p + 1  // LF
        }
    }

    /// A NUL byte in a field: no spreadsheet writes one, so the file is damaged there (issue 7).
    private func nulProblem(row: Int, column: Int) -> FileError {
        FileError(file: path, row: row, column: columnLetter(column), message: Catalog.File.nulCharacter)
    }

    @inline(__always)
    private func makeString(
        _ slice: UnsafeBufferPointer<UInt8>, bytes: [UInt8]?, high: UInt8, row: Int
    ) throws -> String {
        if let bytes {
            if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw FileError(
                    file: path, row: row, message: Catalog.File.badEncoding(encoding.rawValue, offset: bytesRead))
            }
            return s
        }
        if slice.isEmpty { return "" }
        if high < 0x80 { return String(decoding: slice, as: UTF8.self) }
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw FileError(
                file: path, row: row, message: Catalog.File.badEncoding(encoding.rawValue, offset: bytesRead))
        }
        return s
    }
}
