import Testing

@testable import SpotCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// The fast scan (a table of the character pairs that begin a keyword, the automaton stepped only after
/// them) finds exactly what the plain scan finds, one automaton step per character: same phrases, same
/// byte and character offsets.
@Suite("Banned phrases: the fast scan")
struct PhraseScanTests {
    /// Both scans of a text, as (phrase, start byte, end byte, start, end).
    func bothScans(_ m: PhraseMatcher, _ text: String) -> (fast: [[Int]], reference: [[Int]]) {
        var text = text
        return text.withUTF8 { bytes in
            let row = { (p: PhraseMatch) in [p.phrase, p.startByte, p.endByte, p.start, p.end] }
            return (m.matches(utf8: bytes).map(row), m.referenceMatches(utf8: bytes).map(row))
        }
    }

    func expectSame(_ m: PhraseMatcher, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (fast, reference) = bothScans(m, text)
        #expect(fast == reference, "\(text)", sourceLocation: sourceLocation)
    }

    let matcher = PhraseMatcher(
        phrases: defaultPhrases + [
            BannedPhrase(pattern: "吗", category: "x", severity: 1),  // one character
            BannedPhrase(pattern: "不，知道", category: "x", severity: 1),  // a clause break inside
            BannedPhrase(pattern: "App不行", category: "x", severity: 1),
            BannedPhrase(pattern: "好*好", category: "x", severity: 1),
        ],
        exceptions: defaultExceptions, folder: TextFolder(simplified: smallT2S), maxGap: 6)

    /// The defaults and a phrase of one character: "，" is a clause break.
    let plainMatcher = PhraseMatcher(
        phrases: defaultPhrases + [BannedPhrase(pattern: "吗", category: "x", severity: 1)],
        exceptions: defaultExceptions, folder: TextFolder(simplified: smallT2S), maxGap: 6)

    @Test(arguments: [0, 1]) func theBoundariesOfThePairTable(_ which: Int) {
        let matcher = which == 0 ? matcher : plainMatcher
        for text in [
            "", "吗", "没", "没办", "没办法", "没办法吗", "吗没办法", "，没办法。", "没办法没办法", "不知道不清楚",
            "x没办法", "没办法x", "不，知道", "不，知道了", "你，不，知道", "没，办，法", "我也，不。清。楚", "我也不。清。楚",
            "没，，办，法", "好的，没！ 办！法", "没 办 法", "没-办-法", "沒辦法", "ＡＰＰ不行", "app 不行", "ab cdefgh没办法",
            "你到售后部门问问吧", "你到一二三四五六七部门问问", "你不是说明天到吗", "好好", "好一二三好", "如有不清楚的地方",
            "不知道您今天方便吗", "12345678没办法12345678", "没办法\n\n\n\n\n\n\n\n没，办，法", "😀没办法😀", "é没办法é",
            "没\u{3000}办法", "法没办", "没没办法", "不不知道", "吗吗吗", "，吗，", "\n吗\n",
            "没，不，知，道", "x，没，不，知，道", "没。不！知，道", "没 ，不 ，知 ，道", "没，\n，不，知道",
        ] {
            expectSame(matcher, text)
        }
    }

    /// A text of more than 2^24 characters (a transcript file scanned whole): a match near its end starts at the
    /// byte and the character where it starts, in both scans.
    @Test func positionsBeyondSixteenMillionCharacters() {
        let prefix = String(repeating: "好的。", count: 100) + String(repeating: "a", count: 17_000_000)
        let text = prefix + "没办法" + String(repeating: "b", count: 9)
        let bytes = prefix.utf8.count, chars = prefix.unicodeScalars.count
        #expect(chars > 1 << 24)
        let (fast, reference) = bothScans(plainMatcher, text)
        #expect(fast == [[10, bytes, bytes + 9, chars, chars + 3]])
        #expect(reference == fast)
        #expect(bothScans(matcher, text).fast.last.map { Array($0[1...]) } == [bytes, bytes + 9, chars, chars + 3])
    }

    /// A phrase longer than 256 characters (the scan remembered where the last 256 start) is found from its start.
    @Test func aPhraseOfThreeHundredCharacters() {
        let long = String(repeating: "没办法", count: 100)
        let m = PhraseMatcher(
            phrases: [BannedPhrase(pattern: long, category: "x", severity: 1)], exceptions: [],
            folder: TextFolder(simplified: smallT2S))
        let (fast, reference) = bothScans(m, "好的。" + long + "。")
        #expect(fast == [[0, 9, 9 + 900, 3, 303]])
        #expect(reference == fast)
    }

    @Test func thePlainScanAnswersForTheRecord() {
        #expect(bothScans(matcher, "吗没办法").reference.map { $0[0] } == [11, 10])
        // With a phrase holding "，" the comma is one of the phrases' characters, never a break seen through.
        #expect(bothScans(matcher, "没，办，法").reference.isEmpty)
        #expect(bothScans(plainMatcher, "没，办，法").reference == [[10, 0, 15, 0, 5]])
    }

    /// Random text over a small alphabet: the phrases' characters (simplified, traditional, full-width), clause
    /// breaks, skipped characters, ASCII, characters in no phrase, two- and four-byte characters.
    func randomText(_ rng: inout SeededGenerator, _ alphabet: [String], length: Int) -> String {
        var s = ""
        for _ in 0..<length { s += alphabet[rng.uniform(alphabet.count)] }
        return s
    }

    @Test(arguments: [0, 1]) func theFastScanFindsWhatThePlainScanFindsInDenseText(_ which: Int) {
        let matcher = which == 0 ? matcher : plainMatcher
        var rng = SeededGenerator(seed: 10 + UInt64(which))
        let chars = Array(Set(defaultPhrases.map(\.pattern).joined() + "吗好").subtracting(["*"])).map(String.init)
        let others = [
            "的", "了", "是", "，", "。", "！", ",", ".", "\n", " ", "-", "…", "a", "P", "Ｐ", "1", "沒", "辦",
            "說", "é", "😀", "\u{3000}", "\t",
        ]
        let alphabet = chars + chars + others
        for _ in 0..<300 {
            expectSame(matcher, randomText(&rng, alphabet, length: 1 + rng.uniform(60)))
        }
        // Phrases planted in noise, with breaks and skipped characters around and inside them.
        let planted =
            defaultPhrases.map { $0.pattern.split(separator: "*").joined(separator: "一二") } + [
                "没，办，法", "不 清 楚", "不。清。楚", "不，知道", "沒辦法", "如有不清楚的地方",
            ]
        for _ in 0..<200 {
            var s = ""
            for _ in 0..<(1 + rng.uniform(8)) {
                s += randomText(&rng, alphabet, length: rng.uniform(6)) + planted[rng.uniform(planted.count)]
            }
            expectSame(matcher, s)
        }
        // Phrases spelled out a character per clause, among clauses of one character that begin no phrase.
        let breaks = ["，", "。", "！", ",", "\n", " ，", "， "]
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<(1 + rng.uniform(3)) {
                let letters =
                    rng.uniform(2) == 0 ? planted[rng.uniform(planted.count)] : randomText(&rng, chars, length: 3)
                for c in randomText(&rng, chars + others, length: rng.uniform(3)) + letters {
                    s.append(c)
                    if rng.uniform(4) != 0 { s += breaks[rng.uniform(breaks.count)] }
                }
            }
            expectSame(matcher, s)
        }
    }

    @Test func manyPhrasesOverFewCharacters() {
        // A thousand phrases over twenty characters: most pairs begin some phrase, many phrases overlap.
        var rng = SeededGenerator(seed: 11)
        let letters = Array("没办法不知道清楚你到部门问这是规定我有什么").map(String.init)
        var phrases: [BannedPhrase] = []
        for k in 0..<1000 {
            var p = randomText(&rng, letters, length: 1 + rng.uniform(k % 10 == 0 ? 2 : 6))
            if k % 7 == 0 { p += "*" + randomText(&rng, letters, length: 1 + rng.uniform(3)) }
            phrases.append(BannedPhrase(pattern: p, category: "x", severity: 1))
        }
        let m = PhraseMatcher(
            phrases: phrases, exceptions: ["不知道您", "如有不清楚"], folder: TextFolder(simplified: smallT2S), maxGap: 3)
        let alphabet = letters + letters + ["，", "。", " ", "x", "的", "\n", "沒", "12345678"]
        let long = randomText(&rng, alphabet, length: 20_000)
        expectSame(m, long)
        for _ in 0..<100 { expectSame(m, randomText(&rng, alphabet, length: 1 + rng.uniform(40))) }
    }
}

/// The run of letters (the scan passing over three-byte characters by their bytes, two table reads and a hash
/// each) finds what the plain scan finds: with and without keywords of one character (whose blocks it leaves to the
/// slow way), with a clause break inside a keyword or in none, over traditional and full-width characters, skipped
/// ones in the same blocks as letters (the hexagrams after CJK Extension A), four-byte characters and bytes that
/// are no UTF-8 at all.
@Suite("Banned phrases: the run of letters")
struct RunOfLettersTests {
    static let folder = TextFolder(simplified: smallT2S.merging(["發": "发", "髮": "发", "嗎": "吗"]) { a, _ in a })
    /// No keyword of one character, no break in a keyword: every letter block is passed over.
    static let letters = PhraseMatcher(
        phrases: defaultPhrases.filter { !$0.pattern.contains("*") } + [
            BannedPhrase(pattern: "发什么", category: "x", severity: 1),
            BannedPhrase(pattern: "什么意思", category: "x", severity: 1),
            BannedPhrase(pattern: "我说了", category: "x", severity: 1),
            // Inside a longer phrase and ending before it: found first, ordered after it.
            BannedPhrase(pattern: "这个也", category: "x", severity: 1),
        ], exceptions: defaultExceptions, folder: folder, maxGap: 6)
    /// A break inside a keyword (so "，" is a keyword's character) and a keyword of one character.
    static let mixed = PhraseMatcher(
        phrases: defaultPhrases + [
            BannedPhrase(pattern: "不，知道", category: "x", severity: 1),
            BannedPhrase(pattern: "发", category: "x", severity: 1),
            BannedPhrase(pattern: "你到*问问", category: "x", severity: 1),
        ], exceptions: defaultExceptions + ["没办法的"], folder: folder, maxGap: 3)

    /// The fast and the plain scan of raw bytes, as (phrase, start byte, end byte, start, end).
    func expectSame(_ m: PhraseMatcher, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        bytes.withUnsafeBufferPointer { b in
            let row = { (p: PhraseMatch) in [p.phrase, p.startByte, p.endByte, p.start, p.end] }
            let fast = m.matches(utf8: b).map(row), reference = m.referenceMatches(utf8: b).map(row)
            #expect(fast == reference, "\(bytes)", sourceLocation: sourceLocation)
            // In order of start, then end, then phrase.
            let key = { (r: [Int]) in (r[1], r[2], r[0]) }
            #expect(zip(fast, fast.dropFirst()).allSatisfy { key($0) <= key($1) }, sourceLocation: sourceLocation)
        }
    }

    static let alphabet: [String] = {
        let phraseChars = Set(defaultPhrases.map(\.pattern).joined() + "发什么意思我说了").subtracting(["*"])
        let chars = phraseChars.map(String.init)
        // Traditional and full-width forms, neighbours of the phrases' characters in their blocks, class-0 letters,
        // clause breaks (three-byte and ASCII), skipped characters (in letter blocks too: ䷀ after Extension A),
        // compatibility ideographs, two- and four-byte characters, line ends.
        let others = [
            "沒", "辦", "說", "門", "問", "這", "規", "發", "髮", "嗎", "吗", "吃", "各", "的", "了", "是", "人", "一", "，",
            "。", "、", "！", "？", "；", "：", ",", ".", "\n", "\r\n", " ", "\u{3000}", "…", "“", "”", "-", "䷀", "䷿", "㐀",
            "﨑", "Ａ", "ａ", "a", "Z", "1", "é", "😀", "𠀀", "\t",
        ]
        return chars + chars + chars + others
    }()

    func randomText(_ rng: inout SeededGenerator, length: Int) -> String {
        var s = ""
        for _ in 0..<length { s += Self.alphabet[rng.uniform(Self.alphabet.count)] }
        return s
    }

    @Test(arguments: [0, 1]) func randomTextOverThePhrasesCharacters(_ which: Int) {
        let m = which == 0 ? Self.letters : Self.mixed
        var rng = SeededGenerator(seed: 20 + UInt64(which))
        for _ in 0..<400 { expectSame(m, Array(randomText(&rng, length: 1 + rng.uniform(80)).utf8)) }
        // Long runs of letters with phrases (plain, traditional, spaced, one character per clause) planted in them.
        let planted = [
            "没办法", "沒辦法", "不 清 楚", "不，知道", "不。清。楚", "没，办，法", "如有不清楚的地方", "发什么意思", "髮什麼",
            "我說了", "这是规定", "這是規定", "你到售后问问", "没办法的", "你怎么连这个也不懂",
        ]
        let fill = Array("的了是人一吃各门问这规说什么意思发我").map(String.init)
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<(1 + rng.uniform(10)) {
                for _ in 0..<rng.uniform(12) { s += fill[rng.uniform(fill.count)] }
                s += rng.uniform(3) == 0 ? randomText(&rng, length: rng.uniform(4)) : ""
                s += planted[rng.uniform(planted.count)]
            }
            expectSame(m, Array(s.utf8))
        }
    }

    /// The run goes on over a line end or a skipped ASCII character (a tab, a space) with a letter after it, and over
    /// a clause break after a character that begins a keyword but is not alone in its clause; it stops where the
    /// break may be seen through (没，办，法 and 没\n办\n法: a line end ends a clause too) or the letters either side
    /// of a tab begin a keyword (没\t办法). Each text is long enough that the run is well under way at that point.
    @Test func runsPassLineEndsTabsAndBreaksThatCannotBeSeenThrough() {
        let m = Self.letters
        let pad = String(repeating: "的了是人一吃各", count: 3)
        let cases: [(text: String, found: [String])] = [
            (pad + "没\n办\n法" + pad, []),  // 各没 is one clause, 法的了… another
            (pad + "。没\n办\n法。" + pad, ["没办法"]),
            (pad + "人没\n办\n法" + pad, []),  // 人没 is a clause of two characters
            (pad + "\n没办法\n" + pad + "\n" + pad, ["没办法"]),
            (pad + "没\t办法" + pad, ["没办法"]),
            (pad + "没\t办\t法\t" + pad, ["没办法"]),
            (pad + "\t人\t没\t，\t办\t，\t法" + pad, []),  // the tabs are skipped: 人没 is one clause
            (pad + "。\t没\t，\t办\t，\t法。" + pad, ["没办法"]),
            (pad + "人没，办，法" + pad, []),
            (pad + "人，没，办，法。" + pad, ["没办法"]),
            (pad + "我说，了" + pad + "我说了" + pad, ["我说了"]),
            (pad + "\n说，我，说，了\n" + pad, ["我说了"]),
            (pad + "人\n没\n办\n法。" + pad, ["没办法"]),  // after a line end its next character is alone
        ]
        for (text, expected) in cases {
            let found = m.matches(in: text).map { m.phrases[$0.phrase].pattern }
            #expect(found == expected, "\(text.debugDescription)")
            expectSame(m, Array(text.utf8))
        }
    }

    /// Where a run ends, the character before its last is the one the run passed before it: three bytes back,
    /// not wherever the byte four back says. A break without its last byte's top bit (EF BC 0C, read as ，) before
    /// 没，办，法 ends a clause, so 没 is alone and the phrase is found; and a letter of that kind at the very start
    /// of the text sends no read before it (the text begins right after a page that may not be read).
    @Test func aRunAfterAThreeByteCharacterWithoutItsLastTopBit() throws {
        let m = Self.letters
        let bytes: [UInt8] = [0x78, 0xEF, 0xBC, 0x0C] + Array("没，办，法。".utf8)
        expectSame(m, bytes)
        let found = bytes.withUnsafeBufferPointer { m.matches(utf8: $0) }
        #expect(found.map { [m.phrases[$0.phrase].pattern] } == [["没办法"]])
        #expect(found.map { [$0.startByte, $0.endByte, $0.start, $0.end] } == [[4, 19, 2, 7]])
        // 没 without its top bit, 的, é, abc: the run passes 的 and ends at é.
        let edge: [UInt8] = [0xE6, 0xB2, 0x21] + Array("的éabc".utf8)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let map = try #require(
            mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0).flatMap {
                $0 == MAP_FAILED ? nil : $0
            })
        defer { munmap(map, 2 * page) }
        #expect(mprotect(map, page, PROT_NONE) == 0)
        let text = (map + page).assumingMemoryBound(to: UInt8.self)
        text.initialize(from: edge, count: edge.count)
        let buffer = UnsafeBufferPointer(start: UnsafePointer(text), count: edge.count)
        #expect(m.matches(utf8: buffer) == m.referenceMatches(utf8: buffer))
    }

    /// A line end inside a keyword is no letter (``newlineIsLetter`` is false): the run stops before it.
    @Test func aLineEndInAKeywordStopsTheRun() {
        let m = PhraseMatcher(
            phrases: [BannedPhrase(pattern: "们\n没有", category: "x", severity: 1)], exceptions: [],
            folder: Self.folder, maxGap: 6)
        for text in ["人们\n没有", "的了是人们\n没有的了", "人们没有\n人们\n没有\n"] {
            #expect(m.matches(in: text).count == 1, "\(text.debugDescription)")
            expectSame(m, Array(text.utf8))
        }
    }

    @Test(arguments: [0, 1]) func bytesThatAreNoUTF8(_ which: Int) {
        let m = which == 0 ? Self.letters : Self.mixed
        var rng = SeededGenerator(seed: 30 + UInt64(which))
        // Pieces of valid text and of broken sequences: a lead byte without its last byte(s), a lone continuation
        // byte, a third byte without its top bit (E4 B8 0D is read as 不 E4 B8 8D), a second byte without it (E4 37
        // 80 reads as a hexagram), bytes F8-FF.
        let pieces: [[UInt8]] =
            Self.alphabet.map { Array($0.utf8) } + [
                [0xE4, 0xB8], [0xE4], [0x80], [0xBF, 0xBF], [0xE4, 0xB8, 0x0D], [0xE6, 0xB2, 0x21], [0xE5, 0x8A, 0x1E],
                [0xE4, 0x37, 0x80], [0xE6, 0x32, 0xA1], [0xF0, 0x9F], [0xF8], [0xFF, 0xFE], [0xC3], [0xE0, 0x80, 0x80],
                [0xED, 0xA0, 0x80],
                // Clause breaks without their last byte's top bit (，、。): read as breaks.
                [0xEF, 0xBC, 0x0C], [0xE3, 0x80, 0x01], [0xE3, 0x80, 0x02],
            ]
        for _ in 0..<600 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + rng.uniform(40)) { bytes += pieces[rng.uniform(pieces.count)] }
            expectSame(m, bytes)
        }
    }
}

@Suite("Text folding: the blocks of letters")
struct TextFolderBlockTests {
    @Test func theBlocksTakenAsLettersFoldToThemselvesAsTheirCategoriesSay() {
        for block in TextFolder.lettersOnly {
            for v in block {
                guard let u = Unicode.Scalar(UInt32(v)) else {
                    Issue.record("U+\(String(v, radix: 16)) is no scalar")
                    continue
                }
                #expect(TextFolder.plain.fold(u) == UInt32(v))
                #expect(TextFolder.foldBase(u) == UInt32(v))
            }
        }
    }
}

@Suite("Banned phrases: lists too large for a full table")
struct LargePhraseListTests {
    /// 4,000 phrases of ten characters over forty: more states than the full table holds; and 没办法.
    static let phrases: [BannedPhrase] = {
        var rng = SeededGenerator(seed: 12)
        let letters = Array("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月山川田")
        return (0..<4000).map { _ in
            BannedPhrase(
                pattern: String((0..<10).map { _ in letters[rng.uniform(letters.count)] }), category: "x", severity: 1)
        } + [
            BannedPhrase(pattern: "没办法", category: "推诿", severity: 2),
            BannedPhrase(pattern: String(repeating: "不知道", count: 100), category: "x", severity: 1),
        ]
    }()
    static let matcher = PhraseMatcher(phrases: phrases, exceptions: [], folder: TextFolder(simplified: smallT2S))

    @Test func aListOfMoreThan32768StatesIsScannedWithTheEdgeTableAndFindsTheSame() {
        let m = LargePhraseListTests.matcher, phrases = LargePhraseListTests.phrases
        let text = "好的，沒 辦-法。没，办，法。" + phrases[7].pattern + "，没，办，法" + phrases[7].pattern
        let found = m.matches(in: text).map { [$0.phrase, $0.start, $0.end] }
        // The last 没，办，法 is no phrase: the clause after its second comma is 法 and ten more characters.
        #expect(found == [[4000, 3, 8], [4000, 9, 14], [7, 15, 25], [7, 31, 41]])
    }

    /// A phrase of 300 characters is found from its start through the edge table too.
    @Test func aPhraseOfThreeHundredCharacters() {
        let found = LargePhraseListTests.matcher.matches(in: "好的。" + String(repeating: "不知道", count: 100) + "。")
        #expect(found.map { [$0.phrase, $0.startByte, $0.endByte, $0.start, $0.end] } == [[4001, 9, 909, 3, 303]])
    }

    /// Beyond 2^24 characters a match starts where it starts, through the edge table too.
    @Test func positionsBeyondSixteenMillionCharacters() {
        let prefix = String(repeating: "好的。", count: 100) + String(repeating: "a", count: 17_000_000)
        let bytes = prefix.utf8.count, chars = prefix.unicodeScalars.count
        let found = LargePhraseListTests.matcher.matches(in: prefix + "没办法" + "bbb")
        #expect(
            found.map { [$0.phrase, $0.startByte, $0.endByte, $0.start, $0.end] } == [
                [4000, bytes, bytes + 9, chars, chars + 3]
            ])
    }
}
