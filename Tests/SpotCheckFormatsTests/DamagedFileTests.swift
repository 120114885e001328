import Foundation
import SpotCheckText
import Testing
import ZIPFoundation

@testable import SpotCheckFormats

/// A minimal workbook built part by part, so a test can damage exactly one part.
enum Package {
    static let workbook =
        #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    static let rels =
        #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#

    static func sheet(_ rows: String) -> String {
        #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + rows + "</sheetData></worksheet>"
    }

    static func strings(_ items: [String]) -> String {
        #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + items.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
    }

    /// Writes a package; parts are bytes so a test can put anything in them.
    static func write(_ path: String, sheet: [UInt8], strings: String? = nil, compressed: Bool = true) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        var parts: [(String, [UInt8])] = [
            ("xl/workbook.xml", Array(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        if let strings { parts.append(("xl/sharedStrings.xml", Array(strings.utf8))) }
        for (name, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: compressed ? .deflate : .none
            ) { pos, size in
                data.subdata(in: Int(pos)..<min(data.count, Int(pos) + size))
            }
        }
    }

    static func write(_ path: String, sheet: String, strings: String? = nil) throws {
        try write(path, sheet: Array(sheet.utf8), strings: strings)
    }
}

/// The problem reading a workbook raises, or nil when it reads (with the rows it gave).
func problem(reading path: String) -> (FileError?, [(Int, [Cell])]) {
    var got: [(Int, [Cell])] = []
    do {
        try XLSXReader(path: path).forEachRow { got.append(($0, $1)) }
        return (nil, got)
    } catch let e as FileError {
        return (e, got)
    } catch {
        Issue.record("not a FileError: \(error)")
        return (nil, got)
    }
}

@Suite("Damaged workbooks are refused, never partly read")
struct DamagedWorkbookTests {
    let dir = TempDir()
    var path: String { "\(dir.path)/w.xlsx" }

    @Test func aSheetCutShortIsAnErrorNotTheRowsBeforeTheCut() throws {
        let rows = (1...90).map { #"<row r="\#($0)"><c r="A\#($0)" t="inlineStr"><is><t>客户\#($0)</t></is></c></row>"# }
            .joined()
        var sheet = Array(Package.sheet(rows).utf8)
        sheet.removeLast(sheet.count / 2)
        try Package.write(path, sheet: sheet)
        let (e, _) = problem(reading: path)
        #expect(e?.message.en.hasPrefix("the XLSX file is damaged: xl/worksheets/sheet1.xml, line 1: ") == true)
        #expect(e?.row == nil)
    }

    @Test func aSheetCutAtATagBoundarySaysNoElementFound() throws {
        try Package.write(
            path,
            sheet: Package.sheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#).replacingOccurrences(
                of: "</sheetData></worksheet>", with: ""))
        #expect(
            problem(reading: path).0
                == FileError(
                    file: path,
                    message: Catalog.File.corruptPart("xl/worksheets/sheet1.xml", line: 1, reason: "no element found")))
    }

    @Test func aPartWhoseBytesChangedFailsItsChecksum() throws {
        let sheet = Package.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>AAAA</t></is></c></row>"#)
        try Package.write(path, sheet: Array(sheet.utf8), strings: nil, compressed: false)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        // Change the stored text (AAAA → AAAB): still well-formed XML, but not what was zipped.
        let at = bytes.indices.first {
            bytes[$0] == 0x41 && bytes[$0 + 1] == 0x41 && bytes[$0 + 2] == 0x41 && bytes[$0 + 3] == 0x41
        }!
        bytes[at + 3] = 0x42
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(
            problem(reading: path).0
                == FileError(file: path, message: Catalog.File.checksumMismatch("xl/worksheets/sheet1.xml")))
    }

    @Test func aFileCutShortLosesItsZIPDirectory() throws {
        try Package.write(path, sheet: Package.sheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 30).write(to: URL(fileURLWithPath: path))
        #expect(problem(reading: path).0 == FileError(file: path, message: Catalog.File.truncatedZIP))
    }

    @Test func invalidUTF8InATagNameIsAnXMLError() throws {
        var sheet = Array(Package.sheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#).utf8)
        let at = sheet.indices.first { sheet[$0] == UInt8(ascii: "<") && sheet[$0 + 1] == UInt8(ascii: "r") }!
        sheet.insert(0xFF, at: at + 2)
        try Package.write(path, sheet: sheet)
        #expect(
            problem(reading: path).0
                == FileError(
                    file: path,
                    message: Catalog.File.corruptPart(
                        "xl/worksheets/sheet1.xml", line: 1, reason: "not well-formed (invalid token)")))
    }

    @Test(arguments: ["-1", "1", "1000000000", "99999999999999999999", "x"])
    func aSharedStringThatDoesNotExistNamesTheCell(index: String) throws {
        try Package.write(
            path,
            sheet: Package.sheet(
                #"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>5</v></c><c r="B2" t="s"><v>\#(index)</v></c></row>"#
            ),
            strings: Package.strings(["序号"]))
        let (e, _) = problem(reading: path)
        #expect(e == FileError(file: path, row: 2, column: "B", message: Catalog.File.badSharedString(index, count: 1)))
    }

    @Test(arguments: [
        "XFE2", "ZZZZZZZ2", "ZZZZZZ99999999", "A99999999999", "A0", "a2", "2A", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA2",
    ])
    func aCellReferenceBeyondExcelsGridIsRefused(ref: String) throws {
        try Package.write(path, sheet: Package.sheet(#"<row r="2"><c r="\#(ref)"><v>1</v></c></row>"#))
        #expect(problem(reading: path).0 == FileError(file: path, row: 2, message: Catalog.File.badCellReference(ref)))
    }

    @Test func theLastColumnAndRowOfExcelAreRead() throws {
        try Package.write(path, sheet: Package.sheet(#"<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>"#))
        let (e, rows) = problem(reading: path)
        #expect(e == nil)
        #expect(rows.count == 1 && rows[0].0 == 1_048_576 && rows[0].1.count == 16_384 && rows[0].1.last == .number(7))
    }

    @Test(arguments: ["1048577", "99999999999", "0", "-1", "x"])
    func aRowNumberBeyondExcelsIsRefused(row: String) throws {
        try Package.write(path, sheet: Package.sheet(#"<row r="\#(row)"><c><v>1</v></c></row>"#))
        #expect(problem(reading: path).0 == FileError(file: path, message: Catalog.File.rowOutOfRange(row)))
    }

    @Test func rowsAndCellsOutOfOrderOrTwiceAreRefused() throws {
        try Package.write(
            path,
            sheet: Package.sheet(#"<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#))
        #expect(
            problem(reading: path).0 == FileError(file: path, row: 2, message: Catalog.File.rowOutOfOrder(2, after: 2)))
        try Package.write(
            path,
            sheet: Package.sheet(#"<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>"#))
        #expect(
            problem(reading: path).0 == FileError(file: path, row: 3, message: Catalog.File.rowOutOfOrder(3, after: 5)))
        try Package.write(path, sheet: Package.sheet(#"<row r="1"><c r="B1"><v>1</v></c><c r="B1"><v>2</v></c></row>"#))
        #expect(problem(reading: path).0 == FileError(file: path, row: 1, message: Catalog.File.cellOutOfOrder("B1")))
        // Rows and cells without references simply follow on.
        try Package.write(
            path,
            sheet: Package.sheet(
                #"<row><c><v>1</v></c><c><v>2</v></c></row><row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>"#
            ))
        let rows = problem(reading: path).1
        #expect(rows.map(\.0) == [1, 4, 5])
        #expect(rows.map(\.1) == [[.number(1), .number(2)], [.empty, .empty, .number(3), .number(4)], [.number(5)]])
    }

    @Test func aRowOfManyLongCellsIsRefusedBeforeItFillsMemory() throws {
        let long = String(repeating: "x", count: 30_000)
        let cells = String(repeating: #"<c t="s"><v>0</v></c>"#, count: 2_300)
        try Package.write(path, sheet: Package.sheet("<row>\(cells)</row>"), strings: Package.strings([long]))
        #expect(
            problem(reading: path).0 == FileError(file: path, row: 1, message: Catalog.File.rowTooLarge(limitMiB: 64)))
    }

    @Test func textUpToExcelsLimitIsReadAndBeyondItNamesTheCell() throws {
        let fits = String(repeating: "客", count: 32_767)
        try Package.write(
            path, sheet: Package.sheet(#"<row r="3"><c r="C3" t="inlineStr"><is><t>\#(fits)</t></is></c></row>"#))
        #expect(problem(reading: path).1.first?.1.last == .text(fits))
        try Package.write(
            path, sheet: Package.sheet(#"<row r="3"><c r="C3" t="inlineStr"><is><t>\#(fits)x</t></is></c></row>"#))
        #expect(
            problem(reading: path).0
                == FileError(file: path, row: 3, column: "C", message: Catalog.File.cellTooLong(32_767)))
        try Package.write(
            path, sheet: Package.sheet(#"<row r="4"><c r="D4" t="s"><v>0</v></c></row>"#),
            strings: Package.strings([fits + "x"]))
        #expect(
            problem(reading: path).0
                == FileError(file: path, row: 4, column: "D", message: Catalog.File.cellTooLong(32_767)))
    }

    @Test func aSharedStringOfAMegabyteIsRefusedWhileReadingTheTable() throws {
        try Package.write(
            path, sheet: Package.sheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#),
            strings: Package.strings(["ok", String(repeating: "y", count: (1 << 20) + 1)]))
        #expect(problem(reading: path).0 == FileError(file: path, message: Catalog.File.sharedStringTooLong(32_767)))
    }

    @Test func nonFiniteNumbersAndImpossibleDatesComeBackAsText() throws {
        try Package.write(
            path,
            sheet: Package.sheet(
                #"<row r="1"><c r="A1"><v>NaN</v></c><c r="B1"><v>inf</v></c><c r="C1"><v>1E+20</v></c><c r="D1" t="d"><v>10000-01-01</v></c></row>"#
            ))
        let (e, rows) = problem(reading: path)
        #expect(e == nil)
        #expect(rows.first?.1 == [.text("NaN"), .text("inf"), .number(1e20), .text("10000-01-01")])
        #expect(Cell.number(1e20).text == "1e+20")
        #expect(Cell.date(1e20).text == "1e+20" && Cell.date(.nan).text == "nan")
        #expect(throws: DateText.Problem.unrecognized) { try DateText.parse(Cell.date(3_000_000)) }
    }

    @Test func aDTDIsRefusedSoEntitiesCannotExplode() throws {
        let laughs =
            #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">"#
            + #"<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"#
        try Package.write(path, sheet: laughs)
        #expect(
            problem(reading: path).0
                == FileError(file: path, message: Catalog.File.doctypeRefused("xl/worksheets/sheet1.xml")))
    }
}

@Suite("Damaged CSV is refused with the cell named")
struct DamagedCSVTests {
    @Test func aNULInACellNamesRowAndColumn() throws {
        let dir = TempDir()
        let plain = dir.file("a.csv", Array("订单号,买家\n1,张三\n2,李\u{0}四\n".utf8))
        #expect(throws: FileError(file: plain, row: 3, column: "B", message: Catalog.File.nulCharacter)) {
            try csvRows(plain)
        }
        let quoted = dir.file("b.csv", Array("订单号,买家\n\"1\0\",张三\n".utf8))
        #expect(throws: FileError(file: quoted, row: 2, column: "A", message: Catalog.File.nulCharacter)) {
            try csvRows(quoted)
        }
        // Through TabularFile too: one NUL does not make a text file binary.
        #expect(throws: FileError(file: plain, row: 3, column: "B", message: Catalog.File.nulCharacter)) {
            try rows(plain)
        }
    }

    @Test func invalidUTF8IsAnErrorNotReplacementCharacters() throws {
        let dir = TempDir()
        let p = dir.file("u.csv", Array("订单号,买家\n1,张三\n".utf8) + [0x32, 0x2C, 0xE5, 0x28, 0x0A])
        #expect(throws: FileError.self) { try csvRows(p) }
        #expect(TextEncoding.firstInvalidUTF8(Array("张三".utf8) + [0xFF]) == 6)
        #expect(TextEncoding.firstInvalidUTF8(Array("张三".utf8)) == nil)
    }
}
