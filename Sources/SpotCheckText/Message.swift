import SpotCheckCore

/// The language of everything a user reads: Simplified Chinese by default, English on request.
public enum Lang: String, Sendable, CaseIterable {
    case zh, en
}

/// One piece of user-facing text in both languages. Every sheet header, CLI message and
/// error SpotCheck shows is a `Message` made by the ``Catalog``; nothing else builds them.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// Simplified Chinese.
    public let zh: String
    /// English.
    public let en: String

    init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `lang`.
    public func text(_ lang: Lang) -> String { lang == .zh ? zh : en }

    /// The Chinese text (for logs and debugging).
    public var description: String { zh }
}

/// The catalog of user-facing text. Areas live in extensions, one file per area.
public enum Catalog {}

extension Catalog {
    /// How each language separates the items of a list (王敏、张婷 / Wang Min, Zhang Ting).
    static let listSeparator = Message("、", ", ")

    /// Data items (names, scores, headers) as a list in each language.
    public static func list(_ items: [String]) -> Message {
        Message(items.joined(separator: listSeparator.zh), items.joined(separator: listSeparator.en))
    }

    /// A label and what follows it: `回访名单.xlsx：…` / `list.xlsx: …`.
    public static func labelled(_ label: String, _ text: Message) -> Message {
        Message("\(label)：\(text.zh)", "\(label): \(text.en)")
    }
}

extension Array where Element == Message {
    /// Joins messages with the list separator of `lang`.
    public func joined(_ lang: Lang) -> String {
        map { $0.text(lang) }.joined(separator: Catalog.listSeparator.text(lang))
    }
}

/// Formats an integer with thousands separators (1,234,567).
public func grouped(_ n: Int) -> String {
    let s = String(n.magnitude)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}
