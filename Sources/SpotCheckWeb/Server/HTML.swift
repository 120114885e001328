import SpotCheckText

/// HTML written in code, for the long repeated parts of the busiest pages: the rows of the
/// caller's list, the lines of a conversation and the scorecard's choices. The page around
/// them stays a Mustache template, which takes the fragment whole (`{{{rows}}}`).
///
/// Why: swift-mustache finds every `{{value}}` by dynamic casts of `Any` (five to ten of them,
/// then `String(describing:)` and a character-by-character escape), about 3 µs a value. A list
/// of 50 cases has some 1,400 values, and rendering them was 40% of the list page's time and
/// half of the transcript page's (perf, `Scripts/bench-serve`). Written here, they cost a
/// byte scan and an append each.
struct HTML {
    private(set) var text = ""

    init(capacity: Int = 0) { text.reserveCapacity(capacity) }

    /// Markup the code wrote itself (never anything from a person or a file).
    mutating func raw(_ s: String) { text += s }

    /// Text, escaped for an element's content or a quoted attribute value.
    mutating func text(_ s: String) { HTML.escape(s, into: &text) }

    /// `&`, `<`, `>`, `"` and `'` escaped, as Mustache's `{{…}}` does; text without any of them
    /// (most text) is appended whole.
    static func escape(_ s: String, into out: inout String) {
        var plain = true
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 {
            plain = false
            break
        }
        if plain {
            out += s
            return
        }
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
    }

    /// A page's strings from the catalog, escaped once for the rows that repeat them (a
    /// missing one is empty, as Mustache showed it).
    static func labels(_ table: [String: Message], _ lang: Lang) -> (String) -> String {
        let t = Catalog.Web.strings(table, lang)
        return { key in escape(t[key] ?? "") }
    }

    /// `s` escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        escape(s, into: &out)
        return out
    }
}
