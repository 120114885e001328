/// Names from the data (an agent, a 千牛 sub-account `店铺:客服`) made into file names that
/// every file system and program takes: what Windows, macOS or a shell would read as a path
/// or refuse (`/ \ : * ? " < > |`, control characters) becomes `_`, as does a leading dot;
/// Chinese and other letters stay; the name is cut to fit the usual 255-byte limit with room
/// for a prefix and an extension.
public enum FileName {
    /// The characters replaced besides the control characters.
    static let unsafe: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
    /// The most UTF-8 bytes kept of a name (a Chinese character takes three).
    public static let maxBytes = 150

    /// `name` safe to use as (part of) a file name; never empty.
    public static func safe(_ name: String) -> String {
        var out = ""
        for ch in name.trimmingWhitespace() {
            let control = ch.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            let next = unsafe.contains(ch) || control ? "_" : String(ch)
            if out.utf8.count + next.utf8.count > maxBytes { break }
            out += next
        }
        if out.hasPrefix(".") { out = "_" + out.dropFirst() }
        return out.isEmpty ? "_" : out
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        let s = drop { $0.isWhitespace }
        return s.prefix(s.count - s.reversed().prefix { $0.isWhitespace }.count)
    }
}
