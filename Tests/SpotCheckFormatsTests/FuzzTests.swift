import Foundation
import SpotCheckText
import Testing

@testable import SpotCheckFormats

/// SplitMix64: a small seeded generator, so a failing mutation can be replayed.
struct Mix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reads a file the way the imports do; a `FileError` is a refusal, anything else a failure.
func readsOrRefuses(_ path: String, _ label: String) {
    do { try TabularFile(path: path).forEachRow { _, _ in } } catch is FileError {} catch {
        Issue.record("\(label): not a FileError: \(error)")
    }
}

@Suite("Fuzzed files: refused, never a crash")
struct FuzzTests {
    /// Every input saved in Tests/Fixtures/fuzz is refused with its expected message.
    @Test func regressionInputsAreRefusedWithTheirReason() throws {
        let dir = "\(fixtures)/fuzz"
        let table = try String(contentsOfFile: "\(dir)/expected.tsv", encoding: .utf8)
        var checked = 0
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2 else { continue }
            do {
                try TabularFile(path: "\(dir)/\(fields[0])").forEachRow { _, _ in }
                Issue.record("\(fields[0]) was read")
            } catch let e as FileError {
                #expect(e.message.en.hasPrefix(fields[1]), "\(fields[0]): \(e.message.en)")
            }
            checked += 1
        }
        #expect(checked >= 6)
        // Nothing saved without an expectation (JSON Lines are transcripts: the Kit's
        // DamagedInputTests import those).
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { !$0.hasSuffix(".py") && !$0.hasSuffix(".tsv") && !$0.hasSuffix(".jsonl") }
        #expect(files.count == checked)
    }

    /// A few hundred seeded mutations of a small workbook and a CSV, read in process.
    @Test func mutatedWorkbooksAndCSVAreReadOrRefused() throws {
        let dir = TempDir()
        var rng = Mix(state: 20_261_130)
        let strings = Package.strings(["序号", "买家", "手机号", "tb_李", "下单时间"])
        let rows = (2...40).map { r in
            #"<row r="\#(r)"><c r="A\#(r)"><v>\#(r)</v></c><c r="B\#(r)" t="s"><v>3</v></c><c r="C\#(r)" t="inlineStr"><is><t>1380000\#(1000 + r)</t></is></c>"#
                + #"<c r="D\#(r)" t="d"><v>2026-11-0\#(r % 9 + 1)</v></c><c r="E\#(r)" t="str"><f>"x"</f><v>x</v></c></row>"#
        }.joined()
        let sheet = Array(
            Package.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"# + rows).utf8)
        let base = "\(dir.path)/base.xlsx"
        try Package.write(base, sheet: sheet, strings: strings)
        let zipped = try Array(Data(contentsOf: URL(fileURLWithPath: base)))
        let inserts: [[UInt8]] = [
            [0xFF], [0xC3], [0], Array("1E+20".utf8), Array("NaN".utf8), Array("-1".utf8), Array("ZZZZZZ99999999".utf8),
            Array("<".utf8), Array("&#0;".utf8), Array("\"".utf8), Array("10000-01-01".utf8),
        ]
        for i in 0..<300 {
            let path = "\(dir.path)/m\(i).xlsx"
            var bytes: [UInt8]
            switch i % 4 {
            case 0:  // raw bytes of the package flipped
                bytes = zipped
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            case 1:  // the package cut short
                try Data(zipped.prefix(Int.random(in: 0..<zipped.count, using: &rng))).write(
                    to: URL(fileURLWithPath: path))
            case 2:  // the sheet's XML with something inserted, re-zipped
                bytes = sheet
                bytes.insert(
                    contentsOf: inserts.randomElement(using: &rng)!, at: Int.random(in: 0..<bytes.count, using: &rng))
                try Package.write(path, sheet: bytes, strings: strings)
            default:  // the sheet's XML cut short or flipped, re-zipped
                bytes = sheet
                if Bool.random(using: &rng) {
                    bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
                } else {
                    for _ in 0..<4 {
                        bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                    }
                }
                try Package.write(path, sheet: bytes, strings: strings)
            }
            readsOrRefuses(path, "mutation \(i)")
        }
        let csv =
            Array("订单号,买家,手机号,下单时间\n".utf8)
            + (1...40).flatMap { Array("\($0),tb_\($0),1380000\(1000 + $0),2026-11-0\($0 % 9 + 1) 10:00\n".utf8) }
        for i in 0..<200 {
            var bytes = csv
            if i % 2 == 0 {
                bytes.insert(
                    contentsOf: inserts.randomElement(using: &rng)!, at: Int.random(in: 0..<bytes.count, using: &rng))
            } else {
                bytes = Array(bytes.prefix(Int.random(in: 1..<bytes.count, using: &rng)))
            }
            readsOrRefuses(dir.file("m\(i).csv", bytes), "CSV mutation \(i)")
        }
    }
}
