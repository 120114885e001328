import Foundation
import SpotCheckText
import Testing
import ZIPFoundation

@testable import SpotCheckFormats

@Suite("Large sheets stream: checked, in order, stopped when the reader stops")
struct XLSXStreamingTests {
    let dir = TempDir()
    var path: String { "\(dir.path)/big.xlsx" }

    /// 20,000 rows (over a megabyte of XML: many inflated chunks), each with a string used once
    /// (its own), one used on every row and one used on every other row; `bad` breaks one row.
    func write(rows: Int = 20_000, bad: Int? = nil) throws {
        var strings = ["每行", "隔行"]
        var xml = ""
        for r in 1...rows {
            strings.append("单号\(r)")
            let own = strings.count - 1
            let second = r == bad ? "99999999" : (r % 2 == 0 ? "1" : "0")
            xml += #"<row r="\#(r)"><c r="A\#(r)" t="s"><v>\#(own)</v></c><c r="B\#(r)" t="s"><v>0</v></c>"#
            xml += #"<c r="C\#(r)" t="s"><v>\#(second)</v></c><c r="D\#(r)"><v>\#(r)</v></c></row>"#
        }
        try Package.write(path, sheet: Package.sheet(xml), strings: Package.strings(strings))
    }

    @Test func everyRowComesInOrderWithItsSharedStrings() throws {
        try write()
        let (problem, got) = SpotCheckFormatsTests.problem(reading: path)
        #expect(problem == nil)
        #expect(got.count == 20_000)
        #expect(got.map(\.0) == Array(1...20_000))
        for (r, cells) in got where r % 997 == 1 || r == 20_000 {
            #expect(cells == [.text("单号\(r)"), .text("每行"), .text(r % 2 == 0 ? "隔行" : "每行"), .number(Double(r))])
        }
    }

    @Test func aBadCellFarIntoTheSheetFailsAfterTheRowsBeforeIt() throws {
        try write(bad: 19_000)
        let (problem, got) = SpotCheckFormatsTests.problem(reading: path)
        #expect(
            problem
                == FileError(
                    file: path, row: 19_000, column: "C",
                    message: Catalog.File.badSharedString("99999999", count: 20_002)))
        #expect(got.count < 19_000)
        #expect(got.map(\.0) == Array(1...got.count))
    }

    @Test func theSheetStopsWhenTheCallerStops() throws {
        try write()
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try XLSXReader(path: path).forEachRow { _, _ in
                seen += 1
                if seen == 5 { throw Enough() }
            }
        }
        #expect(seen == 5)
        // The reader can read the same workbook again afterwards.
        #expect(SpotCheckFormatsTests.problem(reading: path).1.count == 20_000)
    }

    @Test func theChecksumIsZIPs() {
        let text = Array("123456789".utf8)
        #expect(text.withUnsafeBytes { CRC32Check.update(0, $0) } == 0xCBF4_3926)
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<10_007).map { _ in UInt8.random(in: 0...255, using: &g) }
        let whole = bytes.withUnsafeBytes { CRC32Check.update(0, $0) }
        #expect(whole == Data(bytes).crc32(checksum: 0))
        // In pieces of any length, as the chunks inflate.
        var c: UInt32 = 0
        for piece in [0..<3, 3..<4100, 4100..<4107, 4107..<10_007] {
            c = bytes[piece].withUnsafeBytes { CRC32Check.update(c, $0) }
        }
        #expect(c == whole)
    }
}
