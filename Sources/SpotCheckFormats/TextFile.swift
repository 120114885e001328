import SpotCheckText

/// A whole text file read into a string, its encoding detected as a CSV's is (SPEC
/// "Everywhere": text exported in China is often GBK/GB18030): UTF-8 with or without BOM,
/// or GB18030. For files read whole, such as JSON Lines transcripts.
public enum TextFile {
    /// The text of `bytes` read from `path`, and the encoding it was in; bytes that are not
    /// GB18030 in a file detected as GB18030 are an error naming the byte.
    public static func decode(_ bytes: [UInt8], path: String) throws -> (text: String, encoding: TextEncoding) {
        try bytes.withUnsafeBufferPointer { all in
            let (encoding, bom) = TextEncoding.detect(UnsafeBufferPointer(rebasing: all[..<min(all.count, 1 << 16)]))
            let body = UnsafeBufferPointer(rebasing: all[bom...])
            if encoding == .utf8 {
                // A byte that is not UTF-8 further on is an error, never a silent U+FFFD.
                if let bad = TextEncoding.firstInvalidUTF8(body) {
                    throw FileError(
                        file: path, message: Catalog.File.badEncoding(TextEncoding.utf8.rawValue, offset: bom + bad))
                }
                return (String(decoding: body, as: UTF8.self), encoding)
            }
            var utf8: [UInt8] = []
            do {
                try GB18030Decoder().decode(body, final: true, into: &utf8)
            } catch let e as GB18030Decoder.InvalidBytes {
                throw FileError(
                    file: path, message: Catalog.File.badEncoding(TextEncoding.gb18030.rawValue, offset: e.offset))
            }
            return (String(decoding: utf8, as: UTF8.self), encoding)
        }
    }
}
