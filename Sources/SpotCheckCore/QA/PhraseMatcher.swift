/// One banned phrase (服务忌语) of the configuration.
public struct BannedPhrase: Sendable, Equatable {
    /// The phrase as written; `*` is a bounded wildcard (the seeds' "XX": 你到*部门问问).
    public var pattern: String
    /// 推诿 brush-off, 指责 blame, 讽刺 sarcasm, 质问 interrogation…
    public var category: String
    /// 1 (minor) to 3 (serious).
    public var severity: Int

    public init(pattern: String, category: String, severity: Int) {
        self.pattern = pattern
        self.category = category
        self.severity = severity
    }
}

/// A banned phrase found in a text.
public struct PhraseMatch: Sendable, Equatable {
    /// Index of the phrase in the matcher's list.
    public var phrase: Int
    /// Where the match starts and ends in the original text, as UTF-8 byte offsets.
    public var startByte: Int
    public var endByte: Int
    /// Where it starts and ends as character (Unicode scalar) offsets in the original text.
    public var start: Int
    public var end: Int

    /// The original text matched (with whatever was skipped inside it).
    public func text(in original: String) -> String {
        let u = original.utf8
        return String(
            decoding: u[u.index(u.startIndex, offsetBy: startByte)..<u.index(u.startIndex, offsetBy: endByte)],
            as: UTF8.self)
    }
}

/// Finds every banned phrase in a text in one pass: an Aho–Corasick automaton over folded
/// characters (``TextFolder``), with wildcard phrases matched piece by piece and exception
/// phrases (如有不清楚的地方) that suppress the matches they contain.
///
/// The automaton runs over character classes: every character that occurs in some phrase has
/// a class, every other character is class 0 and sends the automaton back to its root. The
/// root's transitions are a dense array; the others sit in one open-addressing hash table.
public final class PhraseMatcher: @unchecked Sendable {
    /// The phrases, in the order given.
    public let phrases: [BannedPhrase]
    /// Characters a wildcard may stand for, at most. (A run of eight or more ASCII
    /// characters always breaks a phrase, wildcard or not.)
    public let maxGap: Int

    private let folder: TextFolder
    /// Class of each folded BMP code point (0: in no phrase; `skipClass`: skipped).
    private let classOf: [UInt16]
    private let classOfOther: [UInt32: UInt16]
    /// The class of a skipped character: the first after the keywords' (`classCount`).
    private let skipClass: UInt16
    /// The class of a clause break that is in no phrase (the next one): it ends a phrase unless it stands
    /// between single-character clauses (``TextFolder/joinsSingleCharacters(before:after:)``).
    private let breakClass: UInt16

    /// Keywords: the literal pieces of the phrases, and the exceptions.
    private let keywordLength: [Int32]
    /// The scan remembers where the last `ringMask + 1` characters start (a power of two, longer than any keyword).
    private let ringMask: Int
    /// What a keyword is: (phrase, piece index) or an exception (phrase -1).
    private let keywordPhrase: [Int32]
    private let keywordPiece: [Int32]
    private let pieceCount: [Int32]

    // The automaton's tables, immutable after init, kept as raw memory for the scan loop.
    private let rootNext: UnsafeMutableBufferPointer<Int32>
    private let edgeKeys: UnsafeMutableBufferPointer<UInt64>
    private let edgeValues: UnsafeMutableBufferPointer<Int32>
    private let edgeMask: Int
    private let failure: UnsafeMutableBufferPointer<Int32>
    private let outputStart: UnsafeMutableBufferPointer<Int32>
    private let outputs: [Int32]
    private let classTable: UnsafeMutableBufferPointer<UInt16>
    /// One bit per BMP code point: set when its class is not 0 (in a phrase, or skipped).
    /// 8 KB, so the test for the characters that matter stays in the first-level cache.
    private let relevant: UnsafeMutableBufferPointer<UInt64>
    private let lengths: UnsafeMutableBufferPointer<Int32>
    /// The automaton as a full table (state × class → state) when it is small enough: one
    /// load per character, no failure links to follow. Nil for very large phrase lists, which
    /// use the edge table and failure links instead.
    private let dfa: UnsafeMutableBufferPointer<UInt16>?
    private let classCount: Int
    /// One byte per pair (a, b) of the last character counted and the next, indexed `a << pairShift | b` (masked
    /// to 64 KB: more classes share entries, which only costs time). `a` is that character's class with
    /// `clauseBit` set when the character before it (skipped ones aside) ended a clause or there was none; `b` is
    /// the next character's class. Not 0 when the pair may do more than lead to the root's entry for `b`: some
    /// keyword begins with a then b, or b is a keyword of one character, or b is a clause break after a lone
    /// character of a clause that begins some keyword (a break that may be seen through). So 0 proves that from
    /// the state of a lone `a` (or the root) the character `b` leads where it leads from the root and ends no
    /// keyword.
    private let startPairs: UnsafeMutableBufferPointer<UInt8>
    private let pairShift: Int
    private let pairMask: Int
    /// The bit of `a` in ``startPairs`` that says the character before it ended a clause (`1 << pairShift`).
    private let clauseBit: Int
    /// The classes from this one up to `classCount` are clause breaks (in keywords); so is `breakClass`.
    private let breakStart: Int
    /// For each `a` of ``startPairs``: 1 when the root's entry for its class is the root.
    private let rootless: UnsafeMutableBufferPointer<UInt8>
    /// The states of depth one or less (the root and its children) are `0...lastShallow`.
    private let lastShallow: Int
    /// No ASCII character is in a phrase and none is skipped but space, tab and dash: ASCII
    /// runs can be passed over in blocks.
    private let asciiInert: Bool
    /// The characters ``runOfLetters`` passes over by their bytes: three-byte characters that are counted (not
    /// skipped), in no keyword of one character, and either in no clause break or a clause break in no keyword.
    /// A block number for each first two bytes (`b0 | b1 << 8`, 64 KB; 0: none of the block's 64 characters).
    private let letterBlock: UnsafeMutableBufferPointer<UInt8>
    /// Then for each block number one bit per third byte (its low six bits) of the letters, and from `letterBreaks`
    /// on of the clause breaks among them (in no keyword): a break after a character that begins a keyword is
    /// passed when that character is not alone in its clause.
    private let letterMask: UnsafeMutableBufferPointer<UInt64>
    /// Where ``letterMask`` holds the breaks' masks, and the mask of the skipped ASCII characters below 64.
    private static let letterBreaks = 256, skippedASCII = 512
    /// The line end is a clause break in no keyword and the pairs before it are in ``letterPairs`` (as the bytes
    /// `E0 80 0A`, the third with its top bits cleared): ``runOfLetters`` passes over it.
    private let newlineIsLetter: Bool
    /// One bit per hash of two such characters' bytes (``pairHash``), 32 KB: set for each pair (a, b) that begins a
    /// keyword or where `b` is a clause break and `a` begins a keyword, so a clear bit proves the pair leads from
    /// the state of a lone `a` to the root's entry for `b` and ends no keyword.
    private let letterPairs: UnsafeMutableBufferPointer<UInt64>
    static let letterPairBits = 18
    /// The automaton's steps after a pair that may begin a keyword (``stepExactly``): the states two characters
    /// deep or less (`0...lastDense`) read their rows of the full table, which stay in the cache; a deeper state
    /// reads its own edges (`edgeClass`/`edgeTarget` from `edgeStart[s]`, targets marked as in the full table)
    /// and follows its failure link when none matches, instead of a row of its own that is seldom read twice.
    private let lastDense: Int
    private let edgeStart: UnsafeMutableBufferPointer<Int32>
    private let edgeClass: UnsafeMutableBufferPointer<UInt16>
    private let edgeTarget: UnsafeMutableBufferPointer<UInt16>
    /// Largest full table, in entries (16 MB of UInt16).
    static let dfaLimit = 8 << 20

    private static func raw<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
        let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, a.count))
        _ = p.initialize(from: a)
        return p
    }

    deinit {
        rootNext.deallocate(); edgeKeys.deallocate(); edgeValues.deallocate(); failure.deallocate()
        outputStart.deallocate(); classTable.deallocate(); lengths.deallocate(); dfa?.deallocate();
        relevant.deallocate(); startPairs.deallocate(); rootless.deallocate()
        letterBlock.deallocate(); letterMask.deallocate(); letterPairs.deallocate()
        edgeStart.deallocate(); edgeClass.deallocate(); edgeTarget.deallocate()
    }

    /// Compiles the phrases and exceptions: keywords, character classes, the trie with its failure links, then the
    /// tables the scan reads.
    public init(phrases: [BannedPhrase], exceptions: [String], folder: TextFolder, maxGap: Int = 6) {
        self.phrases = phrases
        self.maxGap = maxGap
        self.folder = folder
        let keywords = Keywords(phrases: phrases, exceptions: exceptions, folder: folder)
        let (classOf, classOfOther, classByFolded) = PhraseMatcher.characterClasses(of: keywords.words, folder: folder)
        let classes = classByFolded.count + 1
        skipClass = UInt16(classes)
        breakClass = UInt16(classes + 1)
        let trie = Trie(keywords.words, classes: classByFolded)
        var root = [Int32](repeating: 0, count: classes)
        for (cls, n) in trie.children[0] { root[Int(cls)] = n }
        let (keys, values) = PhraseMatcher.edgeTable(trie.children)
        // The keywords each state ends, one run per state in one array.
        var start = [Int32](repeating: 0, count: trie.states + 1)
        var flat: [Int32] = []
        for s in 0..<trie.states {
            start[s] = Int32(flat.count)
            flat += trie.outputs[s]
        }
        start[trie.states] = Int32(flat.count)

        self.classOf = classOf
        self.classOfOther = classOfOther
        keywordLength = keywords.words.map { Int32($0.count) }
        var ring = 256
        while ring <= keywordLength.max() ?? 0 { ring *= 2 }
        ringMask = ring - 1
        keywordPhrase = keywords.phrase
        keywordPiece = keywords.piece
        pieceCount = keywords.pieceCount
        rootNext = PhraseMatcher.raw(root)
        edgeKeys = PhraseMatcher.raw(keys)
        edgeValues = PhraseMatcher.raw(values)
        edgeMask = keys.count - 1
        failure = PhraseMatcher.raw(trie.fail)
        outputStart = PhraseMatcher.raw(start)
        outputs = flat
        classTable = PhraseMatcher.raw(classOf)
        var bits = [UInt64](repeating: 0, count: 1024)
        for v in 0..<0x10000 where classOf[v] != 0 { bits[v >> 6] |= 1 << UInt64(v & 63) }
        relevant = PhraseMatcher.raw(bits)
        lengths = PhraseMatcher.raw(keywordLength)
        classCount = classes
        // A clause break in a block of inert ASCII passed over at the root changes nothing: the
        // automaton stays at the root either way.
        let inert: Set<UInt16> = [0, skipClass, breakClass]
        asciiInert = (0..<128).allSatisfy { inert.contains(classOf[$0]) }
        dfa = PhraseMatcher.fullTable(trie, root: root, outputStart: start, classes: classes)
        lastDense = trie.rootChildren + trie.children[1..<trie.rootChildren + 1].reduce(0) { $0 + $1.count }
        var edgeStart = [Int32](repeating: 0, count: trie.states + 1)
        var edgeClass: [UInt16] = [], edgeTarget: [UInt16] = []
        for s in 0..<trie.states {
            edgeStart[s] = Int32(edgeClass.count)
            for (cls, n) in trie.children[s].sorted(by: { $0.key < $1.key }) {
                edgeClass.append(cls)
                edgeTarget.append(UInt16(truncatingIfNeeded: n) | (start[Int(n)] < start[Int(n) + 1] ? 0x8000 : 0))
            }
        }
        edgeStart[trie.states] = Int32(edgeClass.count)
        self.edgeStart = PhraseMatcher.raw(edgeStart)
        self.edgeClass = PhraseMatcher.raw(edgeClass)
        self.edgeTarget = PhraseMatcher.raw(edgeTarget)
        (startPairs, pairShift, pairMask) = PhraseMatcher.pairTable(trie, outputStart: start, classes: classes)
        lastShallow = trie.rootChildren
        clauseBit = 1 << pairShift
        breakStart = classes - classByFolded.keys.filter(TextFolder.isClauseBreak).count
        let classMask = (1 << pairShift) - 1
        rootless = PhraseMatcher.raw(
            (0..<2 << pairShift).map { a in a & classMask < classes && root[a & classMask] != 0 ? 0 : 1 })
        let letters = PhraseMatcher.letterTables(
            trie, classOf: classOf, breakStart: breakStart, breakClass: Int(breakClass), skipClass: skipClass)
        (letterBlock, letterMask, letterPairs) = (letters.blocks, letters.masks, letters.pairs)
        let newline = UInt64(PhraseMatcher.encoded(0x0A))
        newlineIsLetter =
            classOf[0x0A] == breakClass
            && letters.masks[PhraseMatcher.letterBreaks + Int(letters.blocks[Int(newline & 0xFFFF)])] >> (newline >> 16)
                & 1 != 0
    }

    /// The tables of ``runOfLetters``: the characters it passes over, by their UTF-8 bytes, and the pairs of them
    /// that may do more than lead to the root's entry for the second.
    private static func letterTables(
        _ trie: Trie, classOf: [UInt16], breakStart: Int, breakClass: Int, skipClass: UInt16
    ) -> (
        blocks: UnsafeMutableBufferPointer<UInt8>, masks: UnsafeMutableBufferPointer<UInt64>,
        pairs: UnsafeMutableBufferPointer<UInt64>
    ) {
        // A keyword of one character is none of them: every pair before it would begin a keyword.
        var single = Set<Int>()
        for (cls, s) in trie.children[0] where !trie.outputs[Int(s)].isEmpty { single.insert(Int(cls)) }
        var blockOf = [UInt8](repeating: 0, count: 0x10000)
        var masks: [UInt64] = [0], breaks: [UInt64] = [0]
        var members = [Int: [Int]]()  // code points by class
        var blockNumber: [[UInt64]: UInt8] = [[0, 0]: 0]  // by the block's letters and breaks
        for block in stride(from: 0, to: 0x10000, by: 64) {
            var mask: UInt64 = 0, breakMask: UInt64 = 0
            for cp in block..<block + 64 {
                let c = Int(classOf[cp])
                if (c < breakStart && !single.contains(c)) || c == breakClass { mask |= 1 << UInt64(cp & 63) }
                if c == breakClass { breakMask |= 1 << UInt64(cp & 63) }
            }
            guard mask != 0 else { continue }
            if blockNumber[[mask, breakMask]] == nil {
                guard masks.count < 256 else { continue }  // more kinds of blocks than numbers: left to the slow way
                blockNumber[[mask, breakMask]] = UInt8(masks.count)
                masks.append(mask)
                breaks.append(breakMask)
            }
            blockOf[encoded(block) & 0xFFFF] = blockNumber[[mask, breakMask]] ?? 0
            for cp in block..<block + 64 where mask & 1 << UInt64(cp & 63) != 0 && classOf[cp] != 0 {
                members[Int(classOf[cp]), default: []].append(cp)
            }
        }
        var pairs = [UInt64](repeating: 0, count: 1 << (letterPairBits - 6))
        func set(_ a: Int, _ b: Int) {
            for x in members[a] ?? [] {
                for y in members[b] ?? [] {
                    let h = pairHash(UInt64(encoded(x)) | UInt64(encoded(y)) << 24)
                    pairs[h >> 6] |= 1 << UInt64(h & 63)
                }
            }
        }
        for (a, first) in trie.children[0] {
            for (b, _) in trie.children[Int(first)] { set(Int(a), Int(b)) }
            set(Int(a), breakClass)  // a break after it may be seen through
        }
        let padding = [UInt64](repeating: 0, count: letterBreaks - masks.count)
        var skippedASCII: UInt64 = 0
        for b in 0..<64 where classOf[b] == skipClass { skippedASCII |= 1 << UInt64(b) }
        return (raw(blockOf), raw(masks + padding + breaks + padding + [skippedASCII]), raw(pairs))
    }

    /// The three UTF-8 bytes of a BMP code point, the first in the lowest byte, the last one's top bits cleared
    /// (the scan's decoding ignores them).
    private static func encoded(_ cp: Int) -> Int {
        (0xE0 | cp >> 12) | (0x80 | (cp >> 6) & 0x3F) << 8 | (cp & 0x3F) << 16
    }

    /// The bit of ``letterPairs`` for two three-byte characters (six bytes, the third and sixth with their top
    /// bits cleared).
    @inline(__always)
    private static func pairHash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - letterPairBits))
    }

    /// The table of the class pairs that may do more than lead to the root's entry (``startPairs``).
    private static func pairTable(
        _ trie: Trie, outputStart start: [Int32], classes: Int
    )
        -> (UnsafeMutableBufferPointer<UInt8>, shift: Int, mask: Int)
    {
        let width = classes + 2  // the keywords' classes, then the skipped and the breaks
        var shift = 1
        while 1 << shift < width { shift += 1 }
        let size = 1 << min(2 * shift + 1, 16)
        var table = [UInt8](repeating: 0, count: size)
        func set(_ a: Int, _ b: Int) {
            for a in [a, a | 1 << shift] { table[(a << shift | b) & (size - 1)] = 1 }
        }
        for (a, first) in trie.children[0] {
            for (b, _) in trie.children[Int(first)] { set(Int(a), Int(b)) }
            // A break after a lone character of its clause: only with the clause bit.
            table[((Int(a) | 1 << shift) << shift | (classes + 1)) & (size - 1)] = 1
            if start[Int(first)] < start[Int(first) + 1] {
                for x in 0..<width { set(x, Int(a)) }
            }
        }
        return (PhraseMatcher.raw(table), shift, size - 1)
    }

    /// The keywords: the literal pieces of the phrases (folded), then the exceptions.
    private struct Keywords {
        var words: [[UInt32]] = []
        /// Each word's phrase (-1: an exception) and piece index.
        var phrase: [Int32] = [], piece: [Int32] = []
        /// Pieces per phrase.
        var pieceCount: [Int32] = []

        init(phrases: [BannedPhrase], exceptions: [String], folder: TextFolder) {
            for (i, p) in phrases.enumerated() {
                let parts = PhraseMatcher.pieces(of: p.pattern).map { folder.fold($0) }.filter { !$0.isEmpty }
                pieceCount.append(Int32(parts.count))
                for (j, part) in parts.enumerated() {
                    words.append(part)
                    phrase.append(Int32(i))
                    piece.append(Int32(j))
                }
            }
            for e in exceptions {
                let f = folder.fold(e)
                guard !f.isEmpty else { continue }
                words.append(f)
                phrase.append(-1)
                piece.append(0)
            }
        }
    }

    /// Character classes: one per folded character of the keywords (numbered from 1 in the order met, the clause
    /// breaks among them last), for each
    /// BMP code point (`skipClass` for the skipped, `breakClass` for a clause break in no keyword, else 0) and
    /// for the folded characters beyond the BMP. The skipped and the breaks are numbered after the keywords'
    /// classes, so a table indexed by class needs two more rows, not 65,536.
    private static func characterClasses(
        of keywords: [[UInt32]], folder: TextFolder
    )
        -> (ofBMP: [UInt16], ofOther: [UInt32: UInt16], ofFolded: [UInt32: UInt16])
    {
        var classByFolded: [UInt32: UInt16] = [:]
        var classOfOther: [UInt32: UInt16] = [:]
        // The clause breaks among the keywords' characters are numbered last (see `breakStart`).
        var met: [UInt32] = []
        var seen: Set<UInt32> = []
        for k in keywords {
            for c in k where seen.insert(c).inserted { met.append(c) }
        }
        for c in met.filter({ !TextFolder.isClauseBreak($0) }) + met.filter(TextFolder.isClauseBreak) {
            classByFolded[c] = UInt16(classByFolded.count + 1)
        }
        let skipClass = UInt16(classByFolded.count + 1), breakClass = skipClass + 1
        var classOf = [UInt16](repeating: 0, count: 0x10000)
        for v in 0..<0x10000 where folder.table[v] == TextFolder.skip { classOf[v] = skipClass }
        // The class of each folded BMP character, in a flat table: one read per code point, not a hash lookup.
        var classOfFolded = [UInt16](repeating: 0, count: 0x10000)
        for (folded, c) in classByFolded where folded < 0x10000 { classOfFolded[Int(folded)] = c }
        for v in 0..<0x10000 where classOf[v] != skipClass {
            let folded = folder.table[v]
            let c = folded < 0x10000 ? classOfFolded[Int(folded)] : classByFolded[folded] ?? 0
            if c != 0 { classOf[v] = c }
        }
        for v in 0..<0x10000 where classOf[v] == 0 && TextFolder.isClauseBreak(folder.table[v]) {
            classOf[v] = breakClass
        }
        for (folded, c) in classByFolded where folded >= 0x10000 { classOfOther[folded] = c }
        return (classOf, classOfOther, classByFolded)
    }

    /// The keywords' trie over character classes, with its failure links and the keywords each state ends.
    private struct Trie {
        /// Each state's transitions; state 0 is the root.
        var children: [[UInt16: Int32]] = [[:]]
        var fail: [Int32]
        /// The keywords each state ends, merged along the failure links.
        var outputs: [[Int32]]
        /// The states below the root, breadth first.
        var order: [Int] = []
        var states: Int { children.count }

        init(_ keywords: [[UInt32]], classes classByFolded: [UInt32: UInt16]) {
            var depthOut: [[Int32]] = [[]]
            for (k, word) in keywords.enumerated() {
                var s = 0
                for c in word {
                    let cls = classByFolded[c]!
                    if let n = children[s][cls] {
                        s = Int(n)
                    } else {
                        children.append([:])
                        depthOut.append([])
                        children[s][cls] = Int32(children.count - 1)
                        s = children.count - 1
                    }
                }
                depthOut[s].append(Int32(k))
            }
            fail = [Int32](repeating: 0, count: children.count)
            outputs = depthOut
            linkFailures()
            numberBreadthFirst()
        }

        /// Renumbers the states in breadth-first order (the root, then its children, then
        /// theirs…), so that the states of depth one or less are exactly `0...rootChildren`.
        private mutating func numberBreadthFirst() {
            var new = [Int32](repeating: 0, count: children.count)
            for (k, s) in order.enumerated() { new[s] = Int32(k + 1) }
            var c = [[UInt16: Int32]](repeating: [:], count: children.count)
            var f = [Int32](repeating: 0, count: children.count)
            var o = [[Int32]](repeating: [], count: children.count)
            for s in 0..<children.count {
                c[Int(new[s])] = children[s].mapValues { new[Int($0)] }
                f[Int(new[s])] = new[Int(fail[s])]
                o[Int(new[s])] = outputs[s]
            }
            children = c
            fail = f
            outputs = o
            order = Array(1..<children.count)
        }

        /// The number of states of depth one (the root's children); in breadth-first order
        /// they are the states `1...rootChildren`.
        var rootChildren: Int { children[0].count }

        /// Failure links, breadth first; outputs merged along them.
        private mutating func linkFailures() {
            var queue: [Int] = []
            for (_, n) in children[0] { queue.append(Int(n)) }
            var head = 0
            while head < queue.count {
                let s = queue[head]
                head += 1
                for (cls, n) in children[s].sorted(by: { $0.key < $1.key }) {
                    var f = Int(fail[s])
                    while f != 0 && children[f][cls] == nil { f = Int(fail[f]) }
                    let target = children[f][cls].map(Int.init) ?? 0
                    fail[Int(n)] = Int32(target == Int(n) ? 0 : target)
                    outputs[Int(n)] += outputs[Int(fail[Int(n)])]
                    queue.append(Int(n))
                }
            }
            order = queue
        }
    }

    /// The edges of the states below the root in one open-addressing hash table (key: state << 16 | class;
    /// empty slots `.max`), at most half full; its size is a power of two.
    private static func edgeTable(_ children: [[UInt16: Int32]]) -> (keys: [UInt64], values: [Int32]) {
        var edgeCount = 0
        for s in 1..<children.count { edgeCount += children[s].count }
        var size = 16
        while size < edgeCount * 2 { size <<= 1 }
        var keys = [UInt64](repeating: .max, count: size)
        var values = [Int32](repeating: 0, count: size)
        for s in 1..<children.count {
            for (cls, n) in children[s] {
                let key = UInt64(s) << 16 | UInt64(cls)
                var i = PhraseMatcher.slot(key, size - 1)
                while keys[i] != .max { i = (i + 1) & (size - 1) }
                keys[i] = key
                values[i] = n
            }
        }
        return (keys, values)
    }

    /// The automaton as a full table (state × class → state), or nil when it would be too large.
    private static func fullTable(
        _ trie: Trie, root: [Int32], outputStart start: [Int32], classes: Int
    )
        -> UnsafeMutableBufferPointer<UInt16>?
    {
        let states = trie.states
        guard states < 0x8000, states * classes <= PhraseMatcher.dfaLimit else { return nil }
        // Rows in breadth-first order: a state's failure row is always complete before it.
        // An entry's top bit says the target state ends a keyword, so the scan reads the
        // output table only then.
        let table = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: states * classes)
        table.initialize(repeating: 0)
        func entry(_ n: Int32) -> UInt16 { UInt16(n) | (start[Int(n)] < start[Int(n) + 1] ? 0x8000 : 0) }
        for c in 0..<classes { table[c] = entry(root[c]) }
        for s in trie.order {
            let f = Int(trie.fail[s])
            for c in 0..<classes { table[s * classes + c] = table[f * classes + c] }
            for (cls, n) in trie.children[s] { table[s * classes + Int(cls)] = entry(n) }
        }
        return table
    }

    /// The literal pieces of a pattern, split at its wildcards.
    static func pieces(of pattern: String) -> [String] {
        pattern.split(separator: "*", omittingEmptySubsequences: true).map(String.init)
    }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// A keyword found: which, and where in folded characters and original bytes.
    private struct Hit {
        var keyword: Int32
        var startPos: Int
        var endPos: Int
        var startByte: Int
        var endByte: Int
        var startChar: Int
        var endChar: Int
    }

    /// Every banned phrase in a text, in order of position.
    public func matches(in text: String) -> [PhraseMatch] {
        var text = text
        return text.withUTF8 { matches(utf8: $0) }
    }

    /// Every banned phrase in UTF-8 text, in order of position.
    public func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [PhraseMatch] {
        var hits: [Hit] = []
        scan(bytes, into: &hits, reference: false)
        return hits.isEmpty ? [] : resolve(hits, in: bytes)
    }

    /// The same matches found the plain way, one automaton step per character with no
    /// shortcut (``scanEveryStep``): the reference the tests hold the fast scan to.
    func referenceMatches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [PhraseMatch] {
        var hits: [Hit] = []
        scan(bytes, into: &hits, reference: true)
        return hits.isEmpty ? [] : resolve(hits, in: bytes)
    }

    /// The scan: decodes UTF-8, folds, and runs the automaton. Only keyword hits leave it.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, into hits: inout [Hit], reference: Bool) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // A long text: room for a hit per 128 bytes at first, so that one full of phrases grows the array less often
        // (each growth copies it, and the kernel zeroes every page of the new one; 100 MB of dense text has more hits
        // than one per 256 bytes); the pages not written stay unmapped. An utterance reserves nothing: most have no
        // hit.
        if bytes.count >= 1 << 16 { hits.reserveCapacity(bytes.count >> 7) }
        // For each of the last folded characters (at least 256, more than the longest keyword has): its start byte and
        // its character index, side by side (``remember(_:_:_:_:)``).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: (ringMask + 1) * 2) { ring in
            if let dfa = dfa?.baseAddress {
                if reference {
                    scanEveryStep(base, bytes.count, dfa, ring.baseAddress!, &hits)
                } else {
                    scanTable(base, bytes.count, dfa, ring.baseAddress!, &hits)
                }
            } else {
                scanEdges(base, bytes.count, ring.baseAddress!, &hits)
            }
        }
    }

    /// Decodes the UTF-8 character at `i` (advancing `i`).
    @inline(__always)
    private static func decode(_ base: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> UInt32 {
        let b0 = base[i]
        if b0 < 0x80 { i &+= 1; return UInt32(b0) }
        if b0 < 0xE0 {
            defer { i &+= 2 }
            return i + 1 < n ? (UInt32(b0 & 0x1F) << 6) | UInt32(base[i + 1] & 0x3F) : 0xFFFD
        }
        if b0 < 0xF0 {
            defer { i &+= 3 }
            return i + 2 < n
                ? (UInt32(b0 & 0x0F) << 12) | (UInt32(base[i + 1] & 0x3F) << 6) | UInt32(base[i + 2] & 0x3F) : 0xFFFD
        }
        defer { i &+= 4 }
        return i + 3 < n
            ? (UInt32(b0 & 0x07) << 18) | (UInt32(base[i + 1] & 0x3F) << 12) | (UInt32(base[i + 2] & 0x3F) << 6)
                | UInt32(base[i + 3] & 0x3F)
            : 0xFFFD
    }

    /// Where the scan is: the next byte, the folded position and character index it is at; the last character
    /// counted (`a` of ``startPairs``: its class, 0 after a reset, with `clauseBit`; and where it starts); and
    /// `open` (`clauseBit` or 0): the last character not skipped ended a clause, or there was none.
    private struct Cursor {
        var i = 0, pos = 0, char = 0
        var prev = 0, prevStart = 0, prevChar = 0
        var open = 0
    }

    // One function: the fast scan's per-character loop and its runs, the cursor's fields in registers.
    /// The scan over the full transition table, without waiting on the automaton where it can. While the
    /// automaton is at the root or one character deep, its state is the root's entry for the last character
    /// counted (class `prev`), and the next character leads to the root's entry for it unless the pair (prev,
    /// next) says otherwise (``startPairs``: a keyword begins with the pair, the next is a keyword of one
    /// character, skipped, or a break that may be seen through). So a Chinese character costs a class lookup and
    /// one table test, with no load that waits for the previous step's. Dense text has most characters in some
    /// phrase but few pairs that begin one. Anything else (another width, a pair that says otherwise) goes to
    /// ``stepExactly``, which steps the automaton until it is that shallow again.
    private func scanTable(
        _ base: UnsafePointer<UInt8>, _ n: Int, _ dfa: UnsafePointer<UInt16>, _ ring: UnsafeMutablePointer<Int>,
        _ hits: inout [Hit]
    ) {
        let classOf = classTable.baseAddress!, pairs = startPairs.baseAddress!
        let shift = pairShift, mask = pairMask
        let skip = Int(skipClass), rootless = rootless.baseAddress!, asciiInert = asciiInert
        let breakStart = breakStart, clauseBit = clauseBit
        // The cursor's fields in locals (registers), stored only around the exact steps.
        var i = 0, pos = 0, char = 0, prev = 0, prevStart = 0, prevChar = 0, open = clauseBit
        @inline(__always) func exactly() {
            var c = Cursor(i: i, pos: pos, char: char, prev: prev, prevStart: prevStart, prevChar: prevChar, open: open)
            stepExactly(&c, base, n, dfa, ring, &hits)
            (i, pos, char, prev, prevStart, prevChar, open) = (
                c.i, c.pos, c.char, c.prev, c.prevStart, c.prevChar, c.open
            )
        }
        while i < n {
            let b0 = base[i]
            let cp: UInt32, length: Int
            if b0 & 0xF0 == 0xE0 && i &+ 4 <= n {
                // Three bytes: almost every Chinese character.
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self)
                cp = (w & 0x0F) &<< 12 | (w & 0x3F00) &>> 2 | (w & 0x3F_0000) &>> 16
                length = 3
            } else if b0 < 0x80 {
                // At the root, a run of ASCII that holds no phrase character is passed over eight bytes
                // at a time (it can only keep the automaton at the root).
                if asciiInert && rootless[prev] != 0 && i &+ 8 <= n
                    && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    i &+= 8
                    pos &+= 8
                    char &+= 8
                    prev = 0
                    open = clauseBit  // it may have ended in a clause break
                    continue
                }
                cp = UInt32(b0)
                length = 1
            } else {
                exactly()
                continue
            }
            let cls = Int(classOf[Int(cp)])
            if cls == skip {
                i &+= length
                char &+= 1
                continue
            }
            if pairs[(prev &<< shift | cls) & mask] != 0 {
                exactly()
                continue
            }
            prev = cls | open
            open = cls >= breakStart ? clauseBit : 0
            prevStart = i
            prevChar = char
            i &+= length
            char &+= 1
            pos &+= 1
            // A run of letters (and breaks, line ends and skipped ASCII among them) after one: passed over by their
            // bytes alone.
            if length == 3 {
                let (end, ascii, skipped, afterASCII) = runOfLetters(base, n, i, lone: prev & clauseBit != 0)
                if end > i {
                    let k = (end &- i &- ascii) / 3 &+ ascii
                    i = end
                    char &+= k
                    pos &+= k &- skipped
                    prevStart = end &- 3
                    prevChar = char &- 1
                    // The character before the last (skipped ones aside): when the run passed an ASCII character
                    // just before it, a line end or three bytes before a skipped one; else three bytes. (Not told
                    // by the byte at end - 4: a three-byte character without its last byte's top bit is read as one.)
                    var at = afterASCII ? end &- 7 : end &- 6
                    let before =
                        afterASCII && base[end &- 4] == 0x0A
                        ? breakStart : Int(classOf[Int(PhraseMatcher.decode(base, n, &at))])
                    at = end &- 3
                    let last = Int(classOf[Int(PhraseMatcher.decode(base, n, &at))])
                    prev = last | (before >= breakStart ? clauseBit : 0)
                    open = last >= breakStart ? clauseBit : 0
                }
            }
        }
    }

    /// Where a run of three-byte characters that need no automaton ends, from the one that ends at `i` (passed,
    /// so the automaton is at most one character deep), and how many ASCII characters it passed, of them skipped:
    /// each next one of ``letterBlock`` whose pair with the one before has a clear bit in ``letterPairs`` leads to
    /// the root's entry for it and ends no keyword (a clause break that is in no keyword, after a character that
    /// begins none, finds the automaton at the root). A set bit with a clause break for the next character only
    /// asks whether the break may be seen through: it may not when the character before it is not alone in its
    /// clause (the one before that is no break), and the run goes on. `lone`: the character before the one at
    /// `i - 3` ended a clause, or there was none. A line end is passed the same way when a letter follows it
    /// (``newlineIsLetter``), and so is a skipped ASCII character (a space, a tab), which the pair around it sees
    /// through; `afterASCII`: the last character passed came right after such a one. Each character costs one
    /// eight-byte load, two table reads, a hash and no decoding.
    @inline(__always)
    private func runOfLetters(
        _ base: UnsafePointer<UInt8>, _ n: Int, _ i: Int, lone: Bool
    ) -> (end: Int, ascii: Int, skipped: Int, afterASCII: Bool) {
        guard i >= 3, i &+ 5 <= n else { return (i, 0, 0, false) }
        let (end, ascii, skipped, from) = PhraseMatcher.runOfLetters(
            from: base + i, last: base + (n &- 5), (lone ? 1 : 0) | (newlineIsLetter ? 2 : 0), letterBlock.baseAddress!,
            letterMask.baseAddress!, letterPairs.baseAddress!)
        return (end - base, ascii, skipped, ascii > 0 && from == end)
    }

    // One function of its own with six arguments (all in registers), so that the tables' addresses stay in
    // registers through the loop. `flags`: 1 lone, 2 ``newlineIsLetter``. `masks`: ``letterMask``, the blocks'
    // letters, from `letterBreaks` on their breaks, at `skippedASCII` the skipped ASCII characters below 64.
    // Returns also where the characters after the last ASCII one passed start (`start` when none was).
    @inline(never)
    private static func runOfLetters(
        from start: UnsafePointer<UInt8>, last: UnsafePointer<UInt8>, _ flags: Int, _ blocks: UnsafePointer<UInt8>,
        _ masks: UnsafePointer<UInt64>, _ pairs: UnsafePointer<UInt64>
    ) -> (end: UnsafePointer<UInt8>, ascii: Int, skipped: Int, from: UnsafePointer<UInt8>) {
        @inline(__always) func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
            UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        }
        // w: the character's three bytes, the first lowest
        @inline(__always) func isLetter(_ w: UInt64) -> Bool {
            masks[Int(blocks[Int(truncatingIfNeeded: w) & 0xFFFF])] &>> (w &>> 16) & 1 != 0
        }
        @inline(__always) func isBreak(_ w: UInt64) -> Bool {
            masks[letterBreaks &+ Int(blocks[Int(truncatingIfNeeded: w) & 0xFFFF])] &>> (w &>> 16) & 1 != 0
        }
        // Two characters' six bytes, the third and sixth with their top bits cleared.
        @inline(__always) func mayBegin(_ pair: UInt64) -> Bool {
            let h = PhraseMatcher.pairHash(pair)
            return pairs[h &>> 6] & (1 &<< UInt64(h & 63)) != 0
        }
        // p: the next character; the one before it starts at p - 3. `last`: the last p whose eight bytes from
        // p - 3 are in the text.
        var p = start, ascii = 0, skipped = 0
        // The character before must be one of them too: its bytes are as the tables have them.
        guard isLetter(load(p - 3)) else { return (p, 0, 0, p) }
        // Where the run's characters start after its last ASCII character: from the second of them on, the
        // character before the one at `p - 3` is known by its bytes.
        var from = p, lone = flags & 1 != 0
        @inline(__always) func alone() -> Bool { p == from ? lone : isBreak(load(p - 6)) }
        // A letter whose pair with the one before has a clear bit.
        @inline(__always) func passes(_ w: UInt64) -> Bool { isLetter(w &>> 24) && !mayBegin(w & 0x3F_FFFF_3F_FFFF) }
        while true {
            // Two characters a step while both pass; then one with the whole test.
            while p + 3 <= last {
                let w = load(p - 3), v = load(p)
                guard passes(w) else { break }
                guard passes(v) else { p += 3; break }
                p += 6
            }
            guard p <= last else { break }
            let w = load(p - 3)
            if isLetter(w &>> 24) {
                if mayBegin(w & 0x3F_FFFF_3F_FFFF) && (!isBreak(w &>> 24) || alone()) {
                    return (p, ascii, skipped, from)
                }
                p += 3
                continue
            }
            // An ASCII character below 64 and a three-byte lead after it, in one test; then a letter.
            guard p + 4 <= last else { break }
            let x = UInt16(truncatingIfNeeded: load(p))
            guard x & 0xF0C0 == 0xE000, isLetter(load(p + 1)) else { break }
            if x & 0xFF == 0x0A {
                // A line end: a clause break in no keyword, which leaves the automaton at the root.
                guard flags & 2 != 0, !(mayBegin(load(p - 3) & 0x3F_FFFF | UInt64(0x0A_80E0) << 24) && alone())
                else { break }
                lone = true
            } else {
                // A skipped one: the pair is the letters either side of it.
                guard masks[skippedASCII] &>> UInt64(x & 0x3F) & 1 != 0 else { break }
                let next = load(p + 1)
                if mayBegin(load(p - 3) & 0x3F_FFFF | (next & 0x3F_FFFF) &<< 24) && (!isBreak(next) || alone()) {
                    break
                }
                lone = isBreak(load(p - 3))
                skipped &+= 1
            }
            p += 4
            ascii &+= 1
            from = p
        }
        return (p, ascii, skipped, from)
    }

    // One function: the exact per-character step of the scan, every table pointer in a local.
    /// The automaton's own steps from the character at the cursor, as ``scanEveryStep`` takes them, from the
    /// state of the last character counted (the root's entry for it) until the automaton is at most one
    /// character deep again.
    @inline(never)
    private func stepExactly(
        _ c: inout Cursor, _ base: UnsafePointer<UInt8>, _ n: Int, _ dfa: UnsafePointer<UInt16>,
        _ ring: UnsafeMutablePointer<Int>, _ hits: inout [Hit]
    ) {
        let classOf = classTable.baseAddress!
        let classes = classCount, lastShallow = lastShallow, classMask = clauseBit - 1, clauseBit = clauseBit
        let skip = Int(skipClass), brk = Int(breakClass), breakStart = breakStart
        let last = c.prev & classMask
        var state = last < classes ? Int(dfa[last] & 0x7FFF) : 0
        var first = true
        while c.i < n {
            let start = c.i
            // At the root, a run of ASCII that holds no phrase character is passed over eight bytes at a time
            // (it can only keep the automaton at the root).
            if state == 0 && asciiInert && base[start] < 0x80 && start &+ 8 <= n {
                let w = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 {
                    c.i &+= 8
                    c.pos &+= 8
                    c.char &+= 8
                    c.prev = 0
                    c.open = clauseBit
                    return
                }
            }
            let cp = PhraseMatcher.decode(base, n, &c.i)
            c.char &+= 1
            let cls = cp < 0x10000 ? Int(classOf[Int(cp)]) : Int(classOfOther[cp] ?? 0)
            if cls == 0 { c.prev = 0; c.open = 0; c.pos &+= 1; return }
            if cls == skip {
                if state <= lastShallow { return }
                continue
            }
            if cls == brk {
                c.open = clauseBit
                if state != 0 && joinsSingleCharacters(base, n, start, c.i) {
                    if state <= lastShallow { return }
                    continue
                }
                c.prev = brk; c.pos &+= 1; return
            }
            // A keyword may begin at the previous character: the ring needs where it starts.
            if first { remember(ring, c.pos &- 1, c.prevStart, c.prevChar) }
            first = false
            remember(ring, c.pos, start, c.char &- 1)
            let e = step(state, cls, dfa)
            state = Int(e & 0x7FFF)
            if e & 0x8000 != 0 { emit(state, c.pos, c.i, c.char, ring, &hits) }
            c.prev = cls | c.open
            c.open = cls >= breakStart ? clauseBit : 0
            c.prevStart = start
            c.prevChar = c.char &- 1
            c.pos &+= 1
            if state <= lastShallow { return }
        }
    }

    /// The automaton's step from `state` on class `cls`, as the full table has it (the target, its top bit set
    /// when it ends a keyword): the table's row for a state at most two characters deep, else the state's own edges
    /// and then its failure link's step.
    @inline(__always)
    private func step(_ state: Int, _ cls: Int, _ dfa: UnsafePointer<UInt16>) -> UInt16 {
        let classes = classCount, lastDense = lastDense, fail = failure.baseAddress!
        let start = edgeStart.baseAddress!, edgeClass = edgeClass.baseAddress!, target = edgeTarget.baseAddress!
        var s = state
        while s > lastDense {
            var k = Int(start[s])
            let end = Int(start[s &+ 1])
            while k < end {
                if Int(edgeClass[k]) == cls { return target[k] }
                k &+= 1
            }
            s = Int(fail[s])
        }
        return dfa[s &* classes &+ cls]
    }

    /// Keeps where the character at folded position `pos` starts, in bytes and in characters, in the ring of the
    /// last characters.
    @inline(__always)
    private func remember(_ ring: UnsafeMutablePointer<Int>, _ pos: Int, _ start: Int, _ char: Int) {
        let r = (pos & ringMask) &<< 1
        ring[r] = start
        ring[r &+ 1] = char
    }

    /// The keywords that end in `state` at folded position `pos`, which ends at byte `end` and character `char`.
    @inline(__always)
    private func emit(
        _ state: Int, _ pos: Int, _ end: Int, _ char: Int, _ ring: UnsafeMutablePointer<Int>,
        _ hits: inout [Hit]
    ) {
        let outStart = outputStart.baseAddress!, lengths = lengths.baseAddress!
        for o in Int(outStart[state])..<Int(outStart[state + 1]) {
            let k = outputs[o]
            let p = pos - Int(lengths[Int(k)]) + 1
            let r = (p & ringMask) &<< 1
            hits.append(
                Hit(
                    keyword: k, startPos: p, endPos: pos, startByte: ring[r], endByte: end, startChar: ring[r &+ 1],
                    endChar: char))
        }
    }

    // One function: the reference scan's per-character loop, with every table pointer in a local.
    /// The scan over the full transition table, one automaton step per character. The common characters cost
    /// little: one that is in no phrase resets the automaton without touching the table, and from the root the
    /// next row is always the root's, so the CPU need not wait for the previous step.
    private func scanEveryStep(
        _ base: UnsafePointer<UInt8>, _ n: Int, _ dfa: UnsafePointer<UInt16>, _ ring: UnsafeMutablePointer<Int>,
        _ hits: inout [Hit]
    ) {
        let classOf = classTable.baseAddress!
        let relevant = relevant.baseAddress!
        let classes = classCount
        let skip = skipClass, brk = breakClass
        var i = 0
        var state = 0
        var pos = 0
        var char = 0
        let asciiInert = self.asciiInert
        while i < n {
            let start = i
            let b0 = base[i]
            var cp: UInt32
            if b0 < 0x80 {
                // At the root, a run of ASCII that holds no phrase character is passed over
                // eight bytes at a time (it can only keep the automaton at the root).
                if state == 0 && asciiInert && i &+ 8 <= n {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if w & 0x8080_8080_8080_8080 == 0 {
                        i &+= 8
                        pos &+= 8
                        char &+= 8
                        continue
                    }
                }
                cp = UInt32(b0)
                i &+= 1
            } else if b0 >= 0xE0 && b0 < 0xF0 && i &+ 2 < n {
                // Three bytes: almost every Chinese character.
                cp = (UInt32(b0 & 0x0F) << 12) | (UInt32(base[i &+ 1] & 0x3F) << 6) | UInt32(base[i &+ 2] & 0x3F)
                i &+= 3
            } else {
                cp = PhraseMatcher.decode(base, n, &i)
            }
            char &+= 1
            let cls: UInt16
            if cp < 0x10000 {
                if relevant[Int(cp >> 6)] & (1 << UInt64(cp & 63)) == 0 { state = 0; pos &+= 1; continue }
                cls = classOf[Int(cp)]
            } else {
                cls = classOfOther[cp] ?? 0
                if cls == 0 { state = 0; pos &+= 1; continue }
            }
            if cls == skip { continue }
            if cls == brk {
                // At the root a seen-through break and a phrase-ending one both leave it there.
                if state != 0 && joinsSingleCharacters(base, n, start, i) { continue }
                state = 0; pos &+= 1; continue
            }
            remember(ring, pos, start, char - 1)
            let e: UInt16
            if state == 0 { e = dfa[Int(cls)] } else { e = dfa[state &* classes &+ Int(cls)] }
            state = Int(e & 0x7FFF)
            if e & 0x8000 != 0 { emit(state, pos, i, char, ring, &hits) }
            pos &+= 1
        }
    }

    /// The scan with the edge table and failure links (phrase lists too large for a full table).
    private func scanEdges(
        _ base: UnsafePointer<UInt8>, _ n: Int, _ ring: UnsafeMutablePointer<Int>, _ hits: inout [Hit]
    ) {
        let classOf = classTable.baseAddress!, root = rootNext.baseAddress!, keys = edgeKeys.baseAddress!
        let values = edgeValues.baseAddress!, fail = failure.baseAddress!, outStart = outputStart.baseAddress!
        let lengths = lengths.baseAddress!
        let mask = edgeMask
        let skip = skipClass, brk = breakClass
        var i = 0
        var state: Int32 = 0
        var pos = 0
        var char = 0
        while i < n {
            let start = i
            let cp = PhraseMatcher.decode(base, n, &i)
            char &+= 1
            let cls: UInt16 = cp < 0x10000 ? classOf[Int(cp)] : (classOfOther[cp] ?? 0)
            if cls == 0 { state = 0; pos &+= 1; continue }
            if cls == skip { continue }
            if cls == brk {
                if state != 0 && joinsSingleCharacters(base, n, start, i) { continue }
                state = 0; pos &+= 1; continue
            }
            remember(ring, pos, start, char - 1)
            // The automaton's step: the edge if there is one, else the failure link.
            var s = state
            while true {
                if s == 0 { s = root[Int(cls)]; break }
                let key = UInt64(s) << 16 | UInt64(cls)
                var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                var found: Int32 = -1
                while true {
                    let k = keys[h]
                    if k == key { found = values[h]; break }
                    if k == .max { break }
                    h = (h + 1) & mask
                }
                if found >= 0 { s = found; break }
                s = fail[Int(s)]
            }
            state = s
            for o in Int(outStart[Int(s)])..<Int(outStart[Int(s) + 1]) {
                let k = outputs[o]
                let p = pos - Int(lengths[Int(k)]) + 1
                let r = (p & ringMask) << 1
                hits.append(
                    Hit(
                        keyword: k, startPos: p, endPos: pos, startByte: ring[r], endByte: i, startChar: ring[r + 1],
                        endChar: char))
            }
            pos &+= 1
        }
    }

    /// Whether the clause break at bytes `start..<end` stands between single-character clauses
    /// (the rule is ``TextFolder/joinsSingleCharacters(before:after:)``; this only walks the bytes).
    private func joinsSingleCharacters(_ base: UnsafePointer<UInt8>, _ n: Int, _ start: Int, _ end: Int) -> Bool {
        // ``TextFolder/joinsSingleCharacters(before:after:)`` walked over the bytes in place:
        // the scan asks at every break inside a partial match, so nothing is allocated.
        folder.table.withUnsafeBufferPointer { table in
            @inline(__always) func folded(_ cp: UInt32) -> UInt32 { cp < 0x10000 ? table[Int(cp)] : cp }
            // The clause before the break, walking back: exactly one character.
            var count = 0
            var back = start
            while back > 0 {
                var j = back - 1
                while j > 0 && base[j] & 0xC0 == 0x80 { j -= 1 }
                back = j
                let c = folded(PhraseMatcher.decode(base, n, &j))
                if c == TextFolder.skip { continue }
                if TextFolder.isClauseBreak(c) { break }
                count += 1
                if count == 2 { return false }
            }
            guard count == 1 else { return false }
            // The clause after it: exactly one character too.
            count = 0
            var forward = end
            while forward < n {
                let c = folded(PhraseMatcher.decode(base, n, &forward))
                if c == TextFolder.skip { continue }
                if TextFolder.isClauseBreak(c) { break }
                count += 1
                if count == 2 { return false }
            }
            return count == 1
        }
    }

    /// Orders matches by position. Hits arrive in order of their ends, so a match is out of order only behind the
    /// few that end inside it: each is moved back by insertion, and a full sort takes over if that moves many.
    private static func sortByPosition(_ m: inout [PhraseMatch]) {
        func before(_ a: PhraseMatch, _ b: PhraseMatch) -> Bool {
            (a.startByte, a.endByte, a.phrase) < (b.startByte, b.endByte, b.phrase)
        }
        var moves = 0
        for i in m.indices.dropFirst() where before(m[i], m[i - 1]) {
            let x = m[i]
            var j = i
            while j > 0 && before(x, m[j - 1]) {
                m[j] = m[j - 1]
                j -= 1
            }
            m[j] = x
            moves += i - j
            if moves > m.count {
                m.sort(by: before)
                return
            }
        }
    }

    /// Turns keyword hits into phrase matches: chains wildcard pieces within the gap and
    /// drops matches inside an exception.
    private func resolve(_ hits: [Hit], in utf8: UnsafeBufferPointer<UInt8>) -> [PhraseMatch] {
        // The common case: plain phrases and no exception.
        if hits.allSatisfy({
            keywordPhrase[Int($0.keyword)] >= 0 && pieceCount[Int(keywordPhrase[Int($0.keyword)])] == 1
        }) {
            var out = hits.map { h in
                PhraseMatch(
                    phrase: Int(keywordPhrase[Int(h.keyword)]), startByte: h.startByte, endByte: h.endByte,
                    start: h.startChar, end: h.endChar)
            }
            PhraseMatcher.sortByPosition(&out)
            return out
        }
        var exceptions: [(start: Int, end: Int)] = []
        var found: [PhraseMatch] = []
        found.reserveCapacity(hits.count)  // a match per hit at most: no copy as it grows
        // Open chains per phrase: piece reached, the first piece's hit, where the last piece
        // ended. Chains that can no longer continue (past the gap) are dropped as the scan moves.
        // (An array by phrase, not a dictionary: in dense text most hits are later pieces with no chain open.)
        var chains = [[(piece: Int, first: Hit, endPos: Int)]](repeating: [], count: phrases.count)
        for h in hits {
            let phrase = Int(keywordPhrase[Int(h.keyword)])
            if phrase < 0 { exceptions.append((h.startByte, h.endByte)); continue }
            let piece = Int(keywordPiece[Int(h.keyword)])
            let last = Int(pieceCount[phrase]) - 1
            if piece == 0 {
                if last == 0 {
                    found.append(
                        PhraseMatch(
                            phrase: phrase, startByte: h.startByte, endByte: h.endByte, start: h.startChar,
                            end: h.endChar))
                } else {
                    chains[phrase].append((0, h, h.endPos))
                }
                continue
            }
            // A later piece continues a chain whose previous piece ended within the gap; of
            // several, the one that started last (the shortest match).
            if chains[phrase].isEmpty { continue }
            chains[phrase].removeAll { h.startPos - $0.endPos - 1 > maxGap }
            var best: Hit? = nil
            for c in chains[phrase] where c.piece == piece - 1 {
                let gap = h.startPos - c.endPos - 1
                guard gap >= 0 && gap <= maxGap else { continue }
                if best == nil || c.first.startPos > best!.startPos { best = c.first }
            }
            guard let first = best else { continue }
            if piece == last {
                found.append(
                    PhraseMatch(
                        phrase: phrase, startByte: first.startByte, endByte: h.endByte, start: first.startChar,
                        end: h.endChar))
            } else {
                chains[phrase].append((piece, first, h.endPos))
            }
        }
        PhraseMatcher.sortByPosition(&found)
        guard !exceptions.isEmpty else { return found }
        return PhraseMatcher.dropContained(found, in: exceptions)
    }

    /// The matches (in order of position) that no exception contains: one sweep over both, in order of start.
    private static func dropContained(
        _ found: [PhraseMatch], in exceptions: [(start: Int, end: Int)]
    )
        -> [PhraseMatch]
    {
        var exceptions = exceptions
        exceptions.sort { $0.start < $1.start }
        var kept: [PhraseMatch] = []
        var e = 0
        var reach = -1  // the furthest end among exceptions starting at or before the match
        for f in found {
            while e < exceptions.count && exceptions[e].start <= f.startByte {
                reach = max(reach, exceptions[e].end)
                e += 1
            }
            // Containment needs an exception that starts at or before and ends at or after.
            if reach >= f.endByte && exceptions[..<e].contains(where: { $0.end >= f.endByte }) { continue }
            kept.append(f)
        }
        return kept
    }
}
