/// How banned-phrase matching sees text (SPEC Part 2, "Banned phrases"): full-width letters
/// and digits as half-width, capitals as lower case, traditional characters as simplified
/// (沒辦法 as 没办法), and spaces, punctuation and symbols inserted inside a phrase
/// (不 清 楚, 没-办-法) as nothing at all — except the marks that end a clause (，。！？；：、),
/// which break a phrase: "不，知道了" is not "不知道". A clause break between two clauses of one
/// character each is inserted punctuation after all: a phrase spelled out a character per clause
/// (没，办，法 / 不。清。楚) is still the phrase (``joinsSingleCharacters(before:after:)``).
///
/// Built once into a table over the Basic Multilingual Plane, so folding a character is one
/// array read; characters beyond it fold to themselves.
public struct TextFolder: Sendable {
    /// The marker for a character that is skipped.
    public static let skip: UInt32 = 0

    /// Folded code point by code point (`skip` for skipped characters).
    let table: [UInt32]

    /// Builds the table; `simplified` maps traditional characters to simplified ones.
    public init(simplified: [Unicode.Scalar: Unicode.Scalar]) {
        var t = [UInt32](repeating: 0, count: 0x10000)
        for v in 0..<0x10000 {
            // Blocks of letters fold to themselves without asking for each one's category (most of the
            // start-up of a scan otherwise).
            if TextFolder.lettersOnly.contains(where: { $0.contains(v) }) { t[v] = UInt32(v); continue }
            guard let u = Unicode.Scalar(UInt32(v)) else { t[v] = TextFolder.skip; continue }  // surrogates
            t[v] = TextFolder.foldBase(u)
        }
        for (trad, simp) in simplified where trad.value < 0x10000 {
            t[Int(trad.value)] = TextFolder.foldBase(simp)
        }
        table = t
    }

    /// Blocks whose code points are all letters or unassigned, which ``foldBase(_:)`` keeps as they are: CJK
    /// Unified Ideographs and Extension A, Yi syllables, Hangul syllables, the private use area.
    static let lettersOnly: [ClosedRange<Int>] = [
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA48F, 0xAC00...0xD7AF,
        0xE000...0xF8FF,
    ]

    /// Marks that end a clause (half-width forms of the full-width ones fold to these).
    static let clauseBreaks: Set<UInt32> = [
        0x0A, 0x0D, 0x2C, 0x2E, 0x21, 0x3F, 0x3B, 0x3A, 0x3001, 0x3002, 0xFF61, 0xFF64,
    ]

    /// A folder without traditional → simplified pairs.
    public static let plain = TextFolder(simplified: [:])

    static func foldBase(_ u: Unicode.Scalar) -> UInt32 {
        var v = u.value
        if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }  // full-width ASCII
        if v == 0x3000 { return skip }  // ideographic space
        if clauseBreaks.contains(v) { return v }
        if v >= 65 && v <= 90 { return v + 32 }  // A–Z
        guard let s = Unicode.Scalar(v) else { return skip }
        switch s.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return skip
        default:
            return v
        }
    }

    /// The folded form of one character (`skip` when it is skipped).
    @inline(__always)
    public func fold(_ u: Unicode.Scalar) -> UInt32 {
        u.value < 0x10000 ? table[Int(u.value)] : u.value
    }

    /// The folded form of a text, skipped characters dropped, and clause breaks between
    /// single-character clauses dropped too (没，办，法 folds as 没办法).
    public func fold(_ text: String) -> [UInt32] {
        let folded = text.unicodeScalars.compactMap { u in
            let f = fold(u)
            return f == TextFolder.skip ? nil : f
        }
        guard folded.contains(where: TextFolder.isClauseBreak) else { return folded }
        var out: [UInt32] = []
        out.reserveCapacity(folded.count)
        for (i, c) in folded.enumerated() {
            if TextFolder.isClauseBreak(c),
                TextFolder.joinsSingleCharacters(before: folded[..<i].reversed(), after: folded[(i + 1)...])
            {
                continue
            }
            out.append(c)
        }
        return out
    }

    /// Whether a folded character ends a clause.
    @inline(__always)
    public static func isClauseBreak(_ c: UInt32) -> Bool {
        // The members of `clauseBreaks`, without hashing: the scan asks at every break.
        switch c {
        case 0x0A, 0x0D, 0x2C, 0x2E, 0x21, 0x3F, 0x3B, 0x3A, 0x3001, 0x3002, 0xFF61, 0xFF64: return true
        default: return false
        }
    }

    /// Whether a clause break is seen through (SPEC Part 2, "Banned phrases": matching sees
    /// through inserted punctuation): the clause before it and the clause after it hold exactly
    /// one character each, so 没，办，法 and 不。清。楚 are the phrase while 不，知道了 (a clause of
    /// three characters after the break) is not 不知道. Each break is judged on the clauses
    /// either side of it as written. `before` walks back from the break, `after` forward from
    /// it, both as folded characters (skipped ones allowed and ignored).
    public static func joinsSingleCharacters(before: some Sequence<UInt32>, after: some Sequence<UInt32>) -> Bool {
        clauseLength(before) == 1 && clauseLength(after) == 1
    }

    /// The characters of a clause up to the next break, counted up to two.
    private static func clauseLength(_ folded: some Sequence<UInt32>) -> Int {
        var n = 0
        for c in folded where c != skip {
            if isClauseBreak(c) { break }
            n += 1
            if n == 2 { break }
        }
        return n
    }
}
