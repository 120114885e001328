import Foundation
import SpotCheckCore
import SpotCheckText
import Testing

@testable import SpotCheckFormats

@Suite("Writing output files safely")
struct OutputTests {
    @Test func aCellLongerThanExcelHoldsIsCutWithAVisibleMarkerAndNoted() throws {
        let dir = TempDir()
        let path = "\(dir.path)/long.xlsx"
        let book = try XLSXWriter(path: path, truncationMarker: Catalog.File.truncationMarker.zh)
        let sheet = book.addSheet("表")
        sheet.write(0, 0, .text(String(repeating: "长", count: 40_000)))
        sheet.write(1, 0, .text("短\u{0}文本"))
        try book.close()
        #expect(book.truncated.map { "\($0.sheet)!\($0.row),\($0.col)" } == ["表!0,0"])
        let cells = try rows(path)
        let long = cells[0].1[0].text
        #expect(long.utf16.count == XLSXWriter.cellLimit)
        #expect(long.hasSuffix("长…（已截断）"))
        #expect(cells[1].1[0] == .text("短\u{FFFD}文本"))
    }

    @Test func aWorkbookNeverClosedLeavesTheEarlierFileAsItWasAndNoTemporaryFile() throws {
        let dir = TempDir()
        let path = dir.file("报表.xlsx", "the good file")
        do {
            let book = try XLSXWriter(path: path)
            book.addSheet("表").write(0, 0, .text("new"))
            // An error comes before close(): the writer goes away.
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the good file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["报表.xlsx"])
    }

    @Test func aClosedWorkbookReplacesTheEarlierFileAndIsTheOwnersOnly() throws {
        let dir = TempDir()
        let path = dir.file("报表.xlsx", "the old file")
        let book = try XLSXWriter(path: path)
        book.addSheet("表").write(0, 0, .text("new"))
        try book.close()
        #expect(try rows(path)[0].1 == [.text("new")])
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["报表.xlsx"])
    }

    @Test func aWorkbookThatCannotBeWrittenSaysWhere() throws {
        #expect(throws: FileError.self) { try XLSXWriter(path: "/nonexistent-folder/x.xlsx") }
    }

    @Test(arguments: [
        ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1+1", "'+1+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("张三", "张三"), ("a=b", "a=b"),
    ])
    func fieldsExcelWouldRunAreNeutralised(_ field: String, _ written: String) {
        #expect(CSVWriter.neutralized(field) == written)
    }
}
