// SPEC Part 2, "The sheets", last point: where the after-sales handler of the callback spot-check and
// the QA agent are the same person, the manager sees callback satisfaction and QA results side by side.

/// Who a name on a sheet is: one person goes by several spellings and sub-accounts (李娜, lina,
/// 店铺:李娜, 李娜-售后), listed in the workspace's `people.json` as a person's name and their aliases.
///
/// Two spellings are the same person when they fold to the same text (``fold(_:)``: spaces
/// dropped, full-width letters, digits and marks as half-width, capitals as lower case), or when
/// both are the name or an alias of one listed person. A name not listed is a person of its own.
public struct PersonAliases: Sendable, Equatable {
    /// A person as the sheets name them: the key two spellings of the same person share, and
    /// the listed name (or, when not listed, the spelling met). Two persons are equal when their
    /// keys are.
    public struct Person: Sendable, Hashable, Comparable {
        public var key: String
        public var name: String

        public static func == (a: Person, b: Person) -> Bool { a.key == b.key }
        public func hash(into hasher: inout Hasher) { hasher.combine(key) }
        public static func < (a: Person, b: Person) -> Bool { (a.name, a.key) < (b.name, b.key) }
    }

    /// What can be wrong with the list.
    public enum Problem: Sendable, Equatable {
        /// A person's name is blank.
        case blankName
        /// A blank alias of `person`.
        case blankAlias(person: String)
        /// One spelling belongs to two people (`spelling` as `first` and `second` list it).
        case sharedSpelling(String, first: String, second: String)
    }

    /// Folded spelling → the listed person's name.
    private let names: [String: String]

    /// No one listed: spellings match when they fold alike.
    public static let none = PersonAliases(names: [:])

    private init(names: [String: String]) { self.names = names }

    /// The list as `people.json` gives it: each person's name with their aliases, in file order.
    /// A list with ``problems(_:)`` is not meant to be used: a spelling two people claim stays
    /// the first one's, blank spellings are left out.
    public init(_ people: [(name: String, aliases: [String])]) {
        var names: [String: String] = [:]
        for p in people {
            let name = PersonAliases.trimmed(p.name)
            guard !PersonAliases.fold(name).isEmpty else { continue }
            for spelling in [p.name] + p.aliases {
                let key = PersonAliases.fold(spelling)
                if !key.isEmpty && names[key] == nil { names[key] = name }
            }
        }
        self.names = names
    }

    /// The list's problems, in file order: blank names and aliases, and spellings that two
    /// people claim (a person may list the same spelling twice).
    public static func problems(_ people: [(name: String, aliases: [String])]) -> [Problem] {
        var out: [Problem] = []
        var owner: [String: String] = [:]
        for p in people {
            let name = trimmed(p.name)
            if fold(name).isEmpty {
                out.append(.blankName)
                continue
            }
            for spelling in [p.name] + p.aliases {
                let key = fold(spelling)
                if key.isEmpty {
                    out.append(.blankAlias(person: name))
                } else if let other = owner[key], other != name {
                    out.append(.sharedSpelling(trimmed(spelling), first: other, second: name))
                } else {
                    owner[key] = name
                }
            }
        }
        return out
    }

    /// The person a spelling names.
    public func person(_ spelling: String) -> Person {
        let key = PersonAliases.fold(spelling)
        if let name = names[key] { return Person(key: PersonAliases.fold(name), name: name) }
        return Person(key: key, name: PersonAliases.trimmed(spelling))
    }

    /// A spelling as it is compared: spaces dropped, full-width forms as half-width (ＬＩＮＡ,
    /// 店铺：李娜), ASCII capitals as lower case.
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            var v = u.value
            if v == 0x3000 { continue }  // ideographic space
            if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
            if (0x41...0x5A).contains(v) { v += 0x20 }
            if v == 0x20 || (0x09...0x0D).contains(v) || v == 0xA0 { continue }
            if let folded = Unicode.Scalar(v) { out.append(folded) }
        }
        return String(out)
    }

    /// A name without the spaces around it.
    static func trimmed(_ s: String) -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = s.firstIndex(where: { !isSpace($0) }), let end = s.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(s[start...end])
    }
}
