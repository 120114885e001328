#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encodings a CSV arrives in: UTF-8 (with or without BOM) or GB18030, the superset of
/// GBK that Excel in China saves "CSV" as. Detected without being told: the first
/// non-ASCII bytes decide.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"

    /// Detects the encoding from the first bytes of a file (`prefix` should be the whole
    /// header row or more). Returns the encoding and the length of a byte-order mark to skip.
    public static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> (TextEncoding, bomLength: Int) {
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return (.utf8, 3) }
        // Up to 16 non-ASCII sequences must be valid UTF-8 (GBK pairs can look like one UTF-8
        // sequence); a sequence cut at the end of the prefix is taken for UTF-8.
        let n = prefix.count
        var j = 0, checked = 0
        while j < n, checked < 16 {
            let c = prefix[j]
            if c < 0x80 { j += 1; continue }
            let len: Int
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return (.gb18030, 0)
            }
            if j + len > n { break }
            for k in 1..<len where prefix[j + k] & 0xC0 != 0x80 { return (.gb18030, 0) }
            j += len
            checked += 1
        }
        return (.utf8, 0)
    }
}

/// Converts GB18030 bytes to UTF-8 in chunks through the C library's iconv (glibc), carrying
/// an incomplete character over to the next chunk.
final class GB18030Decoder {
    private let cd: iconv_t
    private var pending: [UInt8] = []

    /// Why bytes could not be converted.
    struct InvalidBytes: Error {
        /// Offset of the first bad byte in the whole input.
        let offset: Int
    }

    private var consumed = 0

    init() {
        cd = iconv_open("UTF-8", "GB18030")
        precondition(cd != iconv_t(bitPattern: -1), "iconv has no GB18030 converter")
    }

    deinit { iconv_close(cd) }

    /// Converts `bytes` (plus what was left over) and appends the UTF-8 to `output`.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8]) throws {
        var input = pending
        input.append(contentsOf: bytes)
        pending.removeAll(keepingCapacity: true)
        if input.isEmpty { return }
        var out = [UInt8](repeating: 0, count: input.count * 2 + 16)
        try input.withUnsafeMutableBufferPointer { inBuf in
            try out.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                let written = outBuf.count - outLeft
                output.append(contentsOf: UnsafeBufferPointer(start: outBuf.baseAddress, count: written))
                if r == -1 {
                    let e = errno
                    let done = inBuf.count - inLeft
                    if e == EINVAL && !final {
                        pending.append(contentsOf: UnsafeBufferPointer(start: inBuf.baseAddress! + done, count: inLeft))
                    } else {
                        throw InvalidBytes(offset: consumed + done)
                    }
                }
                consumed += inBuf.count - inLeft
            }
        }
    }
}

extension TextEncoding {
    /// Encodes text as GB18030 (as Excel in China saves CSV), through iconv.
    public static func gb18030Bytes(_ text: String) -> [UInt8] {
        let cd = iconv_open("GB18030", "UTF-8")
        precondition(cd != iconv_t(bitPattern: -1), "iconv has no GB18030 converter")
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return outBuf.count - outLeft
            }
        }
        return Array(output[0..<written])
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is.
    public static func firstInvalidUTF8<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var it = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let e): offset += e.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
