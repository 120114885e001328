import Testing

@testable import SpotCheckCore

/// The defaults of SPEC, as the configuration writes them.
let defaultPhrases: [BannedPhrase] = [
    BannedPhrase(pattern: "你不是说*吗", category: "质问", severity: 2),
    BannedPhrase(pattern: "不是告诉你了", category: "指责", severity: 2),
    BannedPhrase(pattern: "大点声", category: "指责", severity: 2),
    BannedPhrase(pattern: "听不见", category: "指责", severity: 1),
    BannedPhrase(pattern: "不知道", category: "推诿", severity: 2),
    BannedPhrase(pattern: "不清楚", category: "推诿", severity: 2),
    BannedPhrase(pattern: "你到*部门问问", category: "推诿", severity: 3),
    BannedPhrase(pattern: "你怎么连这个也不懂", category: "讽刺", severity: 3),
    BannedPhrase(pattern: "这是规定", category: "推诿", severity: 2),
    BannedPhrase(pattern: "我有什么办法", category: "推诿", severity: 3),
    BannedPhrase(pattern: "没办法", category: "推诿", severity: 2),
]
let defaultExceptions = ["如有不清楚的地方", "不知道您", "不知道我刚才是否"]
let smallT2S: [Unicode.Scalar: Unicode.Scalar] = [
    "沒": "没", "辦": "办", "説": "说", "說": "说", "門": "门", "問": "问", "楚": "楚", "這": "这", "規": "规",
]

@Suite("Banned phrases")
struct PhraseMatcherTests {
    let matcher = PhraseMatcher(
        phrases: defaultPhrases, exceptions: defaultExceptions, folder: TextFolder(simplified: smallT2S), maxGap: 6)

    func found(_ text: String) -> [(String, String, Int, Int)] {
        matcher.matches(in: text).map { (matcher.phrases[$0.phrase].pattern, $0.text(in: text), $0.start, $0.end) }
    }

    @Test func plainMatchesWithTheirPositions() {
        let m = found("亲，这个我也没办法呢")
        #expect(m.count == 1)
        #expect(m[0] == ("没办法", "没办法", 6, 9))
        #expect(found("您好，请问有什么可以帮您？").isEmpty)
        #expect(found("这是规定，我有什么办法").map(\.0) == ["这是规定", "我有什么办法"])
    }

    @Test func seesThroughTraditionalCharacters() {
        #expect(found("這是規定，沒辦法").map { [$0.0, $0.1] } == [["这是规定", "這是規定"], ["没办法", "沒辦法"]])
    }

    @Test func seesThroughSpacesAndPunctuationInside() {
        #expect(found("我 不 清 楚").map { [$0.0, $0.1] } == [["不清楚", "不 清 楚"]])
        #expect(found("这个没-办-法处理").map { [$0.0, $0.1] } == [["没办法", "没-办-法"]])
        #expect(found("没…办…法").map(\.1) == ["没…办…法"])
        #expect(found("没·办·法").map(\.1) == ["没·办·法"])
        // A mark that ends a clause is not inserted punctuation: "No, I know" is no brush-off.
        #expect(found("不，知道了，马上处理").isEmpty)
        #expect(found("不。清楚").isEmpty)
        // The match starts and ends at the phrase's own characters, not at what surrounds it.
        #expect(found("，没办法。").map { [$0.2, $0.3] } == [[1, 4]])
    }

    @Test func aPhraseSpelledOutOneCharacterPerClauseIsStillThePhrase() {
        #expect(found("没，办，法").map { [$0.0, $0.1] } == [["没办法", "没，办，法"]])
        #expect(found("我也，不。清。楚").map { [$0.0, $0.1, "\($0.2)", "\($0.3)"] } == [["不清楚", "不。清。楚", "3", "8"]])
        // Each clause is judged as written: 我也不 is one clause of three characters.
        #expect(found("我也不。清。楚").isEmpty)
        #expect(found("没,办,法").map(\.1) == ["没,办,法"])  // half-width commas
        #expect(found("好的，没！ 办！法").map(\.1) == ["没！ 办！法"])  // a longer clause before does not matter
        #expect(found("沒，辦，法").map(\.0) == ["没办法"])  // traditional too
        // A clause of more than one character on either side is a real clause break.
        #expect(found("不，知道了，马上处理").isEmpty)
        #expect(found("没，办法").isEmpty)
        #expect(found("没办，法子").isEmpty)
        #expect(found("没，，办，法").isEmpty)  // an empty clause is no single character
    }

    @Test func thePhraseKeepsWhatItMatchedBefore() {
        #expect(found("這是規定，沒辦法").map(\.1) == ["這是規定", "沒辦法"])
        #expect(found("我 不 清 楚").map(\.1) == ["不 清 楚"])
        let m = PhraseMatcher(
            phrases: [BannedPhrase(pattern: "没办法", category: "推诿", severity: 2)], exceptions: [], folder: .plain)
        #expect(m.matches(in: "ｏｋ，没办法").map { $0.text(in: "ｏｋ，没办法") } == ["没办法"])
    }

    @Test func seesThroughFullWidthAndCase() {
        let m = PhraseMatcher(
            phrases: [BannedPhrase(pattern: "App不行", category: "x", severity: 1)], exceptions: [], folder: .plain)
        #expect(m.matches(in: "这个ＡＰＰ不行").map { $0.text(in: "这个ＡＰＰ不行") } == ["ＡＰＰ不行"])
        #expect(m.matches(in: "这个app 不行").map { $0.text(in: "这个app 不行") } == ["app 不行"])
    }

    @Test func boundedWildcardAtAndPastItsBound() {
        #expect(found("你到售后部门问问吧").map { [$0.0, $0.1] } == [["你到*部门问问", "你到售后部门问问"]])
        #expect(found("你到部门问问").map(\.0) == ["你到*部门问问"])  // zero characters
        #expect(found("你到一二三四五六部门问问").map(\.1) == ["你到一二三四五六部门问问"])  // six: at the bound
        #expect(found("你到一二三四五六七部门问问").isEmpty)  // seven: past it
        #expect(found("你不是说明天到吗").map { [$0.0, $0.1] } == [["你不是说*吗", "你不是说明天到吗"]])
    }

    @Test func exceptionsSuppressWhatTheyContain() {
        #expect(found("如有不清楚的地方，随时联系我们").isEmpty)
        #expect(found("不知道您今天方便吗").isEmpty)
        #expect(found("不知道我刚才是否将您的问题解释清楚了").isEmpty)
        // The exception does not cover a second, real brush-off.
        #expect(found("如有不清楚的地方再说，反正我也不清楚").map(\.2) == [15])
    }

    @Test func everyOccurrence() {
        #expect(found("没办法没办法").map(\.2) == [0, 3])
        #expect(found("不知道不清楚").map(\.0) == ["不知道", "不清楚"])
    }

    @Test func textFolding() {
        let f = TextFolder(simplified: smallT2S)
        #expect(f.fold("沒 辦-法") == "没办法".unicodeScalars.map(\.value))
        #expect(f.fold("ＡＢｃ１") == "abc1".unicodeScalars.map(\.value))
        #expect(f.fold("“”（）…—～·") == [])
        #expect(f.fold("，。！？、；：") == [0x2C, 0x3002, 0x21, 0x3F, 0x3001, 0x3B, 0x3A])
        #expect(f.fold("没，办，法") == "没办法".unicodeScalars.map(\.value))
        #expect(f.fold("不，知道") == "不,知道".unicodeScalars.map(\.value))
    }
}
