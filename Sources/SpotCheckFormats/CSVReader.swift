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
    /// its fields as bytes, read in place: valid only during the call (copy what you keep).
    /// Every field is checked as UTF-8 (and for NUL bytes) before `body` sees its record.
    public func forEachRecord(_ body: (_ row: Int, _ fields: CSVFields) throws -> Void) throws {
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
        var spans: [CSVFields.Span] = []
        spans.reserveCapacity(32)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(4096)

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
            while start < buf.count {
                let next = try buf.withUnsafeBufferPointer { b -> Int? in
                    guard let next = try parseRecord(b, from: start, eof: eof, row: row, into: &spans, &scratch)
                    else { return nil }
                    try scratch.withUnsafeBufferPointer { s in
                        try spans.withUnsafeBufferPointer { f in
                            try body(row, CSVFields(buffer: b, scratch: s, spans: f))
                        }
                    }
                    return next
                }
                guard let next else { needMore = true; break }
                start = next
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

    /// Calls `body` with each record's row number (1-based, as Excel would number it) and
    /// its fields. The array is reused between calls: copy what you keep.
    public func forEachRow(_ body: (_ row: Int, _ fields: [String]) throws -> Void) throws {
        var fields: [String] = []
        fields.reserveCapacity(32)
        try forEachRecord { row, record in
            fields.removeAll(keepingCapacity: true)
            // Checked as UTF-8 already: decoding repairs nothing.
            for i in 0..<record.count { fields.append(record.string(i)) }
            try body(row, fields)
        }
    }

    // One function: the CSV import's per-byte inner loop over quoted and plain fields.
    /// Parses one record starting at `p`; returns the index after it, or nil when the buffer
    /// ends inside the record and more input may follow. Each field is checked (NUL, UTF-8)
    /// as soon as it is complete, in the order the fields stand.
    private func parseRecord(
        _ b: UnsafeBufferPointer<UInt8>, from p0: Int, eof: Bool, row: Int,
        into fields: inout [CSVFields.Span], _ scratch: inout [UInt8]
    ) throws -> Int? {
        fields.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        let n = b.count
        var p = p0
        let quote: UInt8 = 34, comma: UInt8 = 44, cr: UInt8 = 13, lf: UInt8 = 10
        while true {
            if p >= n {
                // End of buffer right after a delimiter (or an empty last line).
                if !eof { return nil }
                if p > p0 || !fields.isEmpty { fields.append(CSVFields.Span(start: p, end: p, inScratch: false)) }
                return p
            }
            if b[p] == quote {
                // Quoted field.
                var q = p + 1
                var hasEscapes = false
                var high: UInt64 = 0
                var nul = false
                let base = b.baseAddress!
                while true {
                    q = CSVReader.skipWords(base, from: q, to: n, &high) { CSVReader.stops($0, quote) }
                    if q >= n {
                        if eof {
                            throw FileError(file: path, row: row, message: Catalog.File.unclosedQuote(startRow: row))
                        }; return nil
                    }
                    let c = b[q]
                    high |= UInt64(c)
                    if c == 0 { nul = true }
                    if c == quote {
                        if q + 1 >= n && !eof { return nil }
                        if q + 1 < n && b[q + 1] == quote { hasEscapes = true; q += 2; continue }
                        break
                    }
                    q += 1
                }
                var span: CSVFields.Span
                if hasEscapes {
                    let at = scratch.count
                    var k = p + 1
                    while k < q {
                        scratch.append(b[k])
                        k += (b[k] == quote) ? 2 : 1
                    }
                    span = CSVFields.Span(start: at, end: scratch.count, inScratch: true)
                    if high & 0x8080_8080_8080_8080 != 0 {
                        try scratch.withUnsafeBufferPointer {
                            try check(UnsafeBufferPointer(rebasing: $0[at...]), row: row)
                        }
                    }
                } else {
                    span = CSVFields.Span(start: p + 1, end: q, inScratch: false)
                    if high & 0x8080_8080_8080_8080 != 0 {
                        try check(UnsafeBufferPointer(rebasing: b[(p + 1)..<q]), row: row)
                    }
                }
                if nul { throw nulProblem(row: row, column: fields.count) }
                p = q + 1
                // Text after the closing quote (malformed but common): keep it.
                if p < n, b[p] != comma, b[p] != cr, b[p] != lf {
                    var e = p
                    while e < n, b[e] != comma, b[e] != cr, b[e] != lf { e += 1 }
                    if e >= n && !eof { return nil }
                    if b[p..<e].contains(0) { throw nulProblem(row: row, column: fields.count) }
                    try check(UnsafeBufferPointer(rebasing: b[p..<e]), row: row)
                    if !span.inScratch {
                        let at = scratch.count
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[span.start..<span.end]))
                        span = CSVFields.Span(start: at, end: scratch.count, inScratch: true)
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[p..<e]))
                    span.end = scratch.count
                    p = e
                }
                fields.append(span)
            } else {
                var e = p
                var high: UInt64 = 0
                var nul = false
                e = CSVReader.skipWords(b.baseAddress!, from: e, to: n, &high) { CSVReader.stops($0, comma, lf, cr) }
                while e < n {
                    let c = b[e]
                    if c == comma || c == lf || c == cr { break }
                    high |= UInt64(c)
                    if c == 0 { nul = true }
                    e += 1
                }
                if e >= n && !eof { return nil }
                if nul { throw nulProblem(row: row, column: fields.count) }
                if high & 0x8080_8080_8080_8080 != 0 { try check(UnsafeBufferPointer(rebasing: b[p..<e]), row: row) }
                fields.append(CSVFields.Span(start: p, end: e, inScratch: false))
                p = e
            }
            // Delimiter.
            if p >= n { return p }
            let c = b[p]
            if c == comma {
                p += 1
                if p >= n {
                    if !eof { return nil }
                    fields.append(CSVFields.Span(start: p, end: p, inScratch: false))
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

    /// Passes over the bytes from `i` eight at a time up to the first that `stops` flags (``stops(_:_:)``),
    /// gathering the bytes passed into `high` (their top bits tell whether the UTF-8 check is needed); returns
    /// where that byte is, or where fewer than eight bytes are left, for the byte-at-a-time loop to go on from.
    @inline(__always)
    static func skipWords(
        _ base: UnsafePointer<UInt8>, from i: Int, to n: Int, _ high: inout UInt64, _ stops: (UInt64) -> UInt64
    ) -> Int {
        var i = i
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let stop = stops(w)
            if stop == 0 {
                high |= w
                i += 8
                continue
            }
            let k = stop.trailingZeroBitCount >> 3
            high |= k == 0 ? 0 : w & (UInt64.max >> (64 - 8 * k))
            return i + k
        }
        return i
    }

    /// The bytes of `w` (eight, the first lowest) that are NUL or `a`: each has its top bit set in the
    /// result. Exact up to the first set (a byte after it may be flagged wrongly, by the borrow), so only the first
    /// is to be read; the bytes before it are none of them.
    @inline(__always)
    static func stops(_ w: UInt64, _ a: UInt8) -> UInt64 { zeros(w) | zeros(w ^ spread(a)) }

    /// ``stops(_:_:)`` for three bytes.
    @inline(__always)
    static func stops(_ w: UInt64, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt64 {
        zeros(w) | zeros(w ^ spread(a)) | zeros(w ^ spread(b)) | zeros(w ^ spread(c))
    }

    /// The top bit of each zero byte of `v` (exact up to the first).
    @inline(__always)
    private static func zeros(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// `b` in each of eight bytes.
    @inline(__always)
    private static func spread(_ b: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(b) }

    /// A NUL byte in a field: no spreadsheet writes one, so the file is damaged there (issue 7).
    private func nulProblem(row: Int, column: Int) -> FileError {
        FileError(file: path, row: row, column: columnLetter(column), message: Catalog.File.nulCharacter)
    }

    /// Throws when `bytes` are not well-formed UTF-8 (as `String(validating:)` would refuse them).
    @inline(__always)
    private func check(_ bytes: UnsafeBufferPointer<UInt8>, row: Int) throws {
        guard UTF8Check.isValid(bytes) else {
            throw FileError(
                file: path, row: row, message: Catalog.File.badEncoding(encoding.rawValue, offset: bytesRead))
        }
    }
}

/// The fields of one CSV record as bytes, in the reader's buffer (or, for a quoted field with
/// doubled quotes, unescaped beside it): valid only during the call that hands them over.
public struct CSVFields {
    /// Where a field's bytes are.
    @usableFromInline struct Span {
        @usableFromInline var start: Int
        @usableFromInline var end: Int
        @usableFromInline var inScratch: Bool
    }

    @usableFromInline let buffer: UnsafeBufferPointer<UInt8>
    @usableFromInline let scratch: UnsafeBufferPointer<UInt8>
    @usableFromInline let spans: UnsafeBufferPointer<Span>

    /// The number of fields.
    @inlinable public var count: Int { spans.count }

    /// The bytes of field `i` (well-formed UTF-8, no NUL). Inlined into the import's row parser, which asks for
    /// every field of a million rows.
    @inlinable
    public subscript(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let s = spans[i]
        return UnsafeBufferPointer(rebasing: (s.inScratch ? scratch : buffer)[s.start..<s.end])
    }

    /// Field `i` as a String.
    public func string(_ i: Int) -> String {
        let b = self[i]
        return b.isEmpty ? "" : String(decoding: b, as: UTF8.self)
    }
}

/// The well-formedness check of UTF-8 (Unicode, Table 3-7): the rule `String(validating:)`
/// applies, without making a String.
enum UTF8Check {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return true }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            @inline(__always) func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
            // Most Chinese characters: a lead byte of E1–EC or EE–EF takes any two continuation bytes.
            if c >= 0xE1 && c != 0xED && c <= 0xEF && cont(i + 1) && cont(i + 2) {
                i += 3
                continue
            }
            switch c {
            case 0xC2...0xDF:
                guard cont(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard i + 1 < n else { return false }
                let c1 = b[i + 1]
                let lo: UInt8 = c == 0xE0 ? 0xA0 : 0x80, hi: UInt8 = c == 0xED ? 0x9F : 0xBF
                guard c1 >= lo, c1 <= hi, cont(i + 2) else { return false }
                i += 3
            case 0xF0...0xF4:
                guard i + 1 < n else { return false }
                let c1 = b[i + 1]
                let lo: UInt8 = c == 0xF0 ? 0x90 : 0x80, hi: UInt8 = c == 0xF4 ? 0x8F : 0xBF
                guard c1 >= lo, c1 <= hi, cont(i + 2), cont(i + 3) else { return false }
                i += 4
            default: return false
            }
        }
        return true
    }
}
