import Foundation
import Testing

@testable import SpotCheckFormats

@Suite("Rich text cells")
struct RichTextTests {
    /// The runs of `text` for `marks`, as (text, marked).
    func runs(_ text: String, _ marks: [Range<Int>]) -> [String] {
        let utf8 = Array(text.utf8)
        return MarkedText(text, marks: marks).runs.map {
            ($0.marked ? "*" : "") + String(decoding: utf8[$0.bytes], as: UTF8.self)
        }
    }

    @Test func marksAreSortedMergedAndNeverSplitACharacter() {
        // 没 办 法 are three bytes each: 4..<13 is 没办法 after "ab: ".
        let text = "ab: 没办法 cd"
        #expect(runs(text, []) == [text])
        #expect(runs(text, [4..<13]) == ["ab: ", "*没办法", " cd"])
        // Touching and overlapping marks merge; order does not matter.
        #expect(runs(text, [7..<13, 4..<7]) == ["ab: ", "*没办法", " cd"])
        #expect(runs(text, [4..<10, 7..<13, 0..<1]) == ["*a", "b: ", "*没办法", " cd"])
        // Empty, out of range, or inside a character: left unmarked.
        #expect(runs(text, [5..<13]) == [text])
        #expect(runs(text, [4..<4, 4..<99, -1..<2]) == [text])
        // A mark to the end, or the whole text.
        #expect(runs(text, [14..<16]) == ["ab: 没办法 ", "*cd"])
        #expect(runs(text, [0..<16]) == ["*" + text])
    }

    @Test func aMarkedCellIsWrittenAsRunsInTheSheetsFontAndReadBackAsItsText() throws {
        let dir = TempDir()
        let path = "\(dir.path)/rich.xlsx"
        let w = try XLSXWriter(path: path)
        let streamed = w.addSheet("streamed", inOrder: true)
        let shared = w.addSheet("shared")
        let talk = "10:00:40 客服：沒辦法，系統就是這樣\n10:01:00 客服：再见"
        let phrase = "沒辦法".utf8.count
        let start = "10:00:40 客服：".utf8.count
        for sheet in [streamed, shared] {
            sheet.setColumn(0, width: 30)
            sheet.write(0, 0, MarkedText(talk, marks: [start..<(start + phrase)]), .wrap)
            sheet.write(1, 0, MarkedText("plain", marks: []), .wrap)
            // One run only: libxlsxwriter writes rich text of two runs or more, so it is plain.
            sheet.write(2, 0, MarkedText("没办法", marks: [0..<9]))
            sheet.write(3, 0, MarkedText("a\0b 没办法", marks: [4..<13]))
            sheet.write(4, 0, .text(talk), .wrap)
        }
        try w.close()
        for (n, sheet) in ["streamed", "shared"].enumerated() {
            let read = try rows(path, sheet: sheet)
            #expect(read.map { $0.1[0].text } == [talk, "plain", "没办法", "a\u{FFFD}b 没办法", talk], "\(sheet)")
            let xml = try XLSXParts.text(path, n == 0 ? "xl/worksheets/sheet1.xml" : "xl/sharedStrings.xml")
            let runs = xml.matches(of: /<r><rPr>(.*?)<\/rPr><t[^>]*>(.*?)<\/t><\/r>/.dotMatchesNewlines()).map {
                (String($0.output.1), String($0.output.2))
            }
            #expect(runs.map(\.1) == ["10:00:40 客服：", "沒辦法", "，系統就是這樣\n10:01:00 客服：再见"], "\(sheet)")
            // Plain runs in the sheets' font (not Calibri), the marked one bold and red.
            #expect(runs.allSatisfy { $0.0.contains("<rFont val=\"等线\"/>") }, "\(runs)")
            #expect(runs.map { $0.0.contains("<b/>") } == [false, true, false])
            #expect(runs.map { $0.0.contains("<color rgb=\"FFFF0000\"/>") } == [false, true, false])
        }
        // The wrapped rich cell's row is as tall as its lines, as the same text's plain cell's.
        for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            let xml = try XLSXParts.text(path, part)
            let heights = Dictionary(
                uniqueKeysWithValues: xml.matches(of: /<row r="(\d+)"[^>]*? ht="([\d.]+)"/).map {
                    (Int($0.output.1)!, Double($0.output.2)!)
                })
            #expect(heights[1] != nil && heights[1] == heights[5], "\(part): \(heights)")
        }
    }
}
