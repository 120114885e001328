import Foundation
import SpotCheckCore
import Testing

@testable import SpotCheckFormats

/// The shortcuts of a sheet written row by row (an audit workbook's): text measured where it
/// was made, formulas that differ only in their row number. Each must write the very file the
/// plain way writes.
@Suite("Measured text and row formulas")
struct MeasuredCellsTests {
    /// Writes the same rows to a streamed and a kept sheet, the plain way or through the
    /// shortcuts; the workbook's parts.
    func workbook(shortcuts: Bool) throws -> [String: String] {
        let dir = TempDir()
        let path = "\(dir.path)/w.xlsx"
        let book = try XLSXWriter(
            path: path, created: LocalDateTime(day: Day(year: 2026, month: 11, day: 25)!, hour: 9)!)
        let formula = RowFormula(pieces: ["IF(A", "=\"\",\"\",A", "*2+B", ")"])
        let texts = [
            MarkedText("10:00:40 客服：沒辦法，系統就是這樣\n10:01:00 客服：再见", marks: [18..<27]),
            MarkedText("no marks, two\nlines of ASCII and 全角"),
            MarkedText("with a NUL \0 inside", marks: [0..<4]),
            MarkedText(""),
            MarkedText(String(repeating: "长", count: 33_000), marks: [0..<3]),
        ]
        for sheet in [book.addSheet("streamed", inOrder: true), book.addSheet("kept")] {
            sheet.setColumn(1, width: 20)
            for (r, text) in texts.enumerated() {
                sheet.write(r, 0, .int(r * 1_000_003))
                if shortcuts {
                    sheet.write(r, 1, MeasuredText(text), .wrap)
                    sheet.write(r, 2, MeasuredText(text), .plain)
                    sheet.formula(r, 3, formula, cached: .text(""))
                } else {
                    sheet.write(r, 1, text, .wrap)
                    sheet.write(r, 2, text, .plain)
                    sheet.formula(r, 3, formula.text(row: r), cached: .text(""))
                }
                sheet.write(r, 4, .dateTime(LocalDateTime(day: Day(year: 2026, month: 11, day: 3)!, hour: 10)!))
                sheet.write(r, 5, .day(Day(year: 2026, month: 11, day: 3)!))
                sheet.write(r, 6, .int(-r))
            }
        }
        try book.close()
        var parts: [String: String] = [:]
        for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/sharedStrings.xml"] {
            parts[part] = try XLSXParts.text(path, part)
        }
        return parts
    }

    @Test func theShortcutsWriteWhatThePlainWayWrites() throws {
        let plain = try workbook(shortcuts: false), shortcuts = try workbook(shortcuts: true)
        #expect(plain == shortcuts)
        // What was compared: the row numbers in the formulas, the rows' heights, the columns' widths.
        let streamed = plain["xl/worksheets/sheet1.xml"] ?? ""
        #expect(streamed.contains("<f>IF(A5=\"\",\"\",A5*2+B5)</f>"))
        #expect(streamed.contains("customHeight=\"1\""))
        #expect(streamed.contains("<col min=\"1\" max=\"1\""))
    }

    @Test func aRowFormulaPutsTheRowNumberBetweenItsPieces() {
        let f = RowFormula(pieces: ["SUM(A", ":C", ")"])
        #expect(f.text(row: 0) == "SUM(A1:C1)")
        #expect(f.text(row: 9) == "SUM(A10:C10)")
        #expect(f.text(row: 1_048_575) == "SUM(A1048576:C1048576)")
        #expect(RowFormula(pieces: ["TRUE"]).text(row: 41) == "TRUE")
        #expect(RowFormula(pieces: ["「", "」"]).text(row: 2) == "「3」")
        // A buffer reused from a longer formula ends where this one does.
        var buffer: [CChar] = []
        RowFormula(pieces: ["A", "+B", "+C", ""]).fill(&buffer, row: 99_999)
        f.fill(&buffer, row: 0)
        #expect(String(cString: buffer) == "SUM(A1:C1)")
    }

    @Test func anIntegersWidthIsItsCharacters() {
        for i in [0, 7, 9, 10, 99, 100, -1, -10, 1_000_003, Int.max, Int.min] {
            #expect(XLSXSheet.digits(i) == String(i).count)
        }
    }
}
