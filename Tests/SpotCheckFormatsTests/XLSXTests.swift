import Foundation
import SpotCheckCore
import Testing

@testable import SpotCheckFormats

@Suite("XLSX read and write")
struct XLSXTests {
    @Test func readsAWorkbookWrittenByOpenpyxl() throws {
        let path = "\(fixtures)/openpyxl-after-sales.xlsx"
        let reader = try XLSXReader(path: path)
        #expect(reader.sheetNames == ["售后登记", "汇总"])
        let all = try rows(path)
        #expect(all.map(\.0) == [1, 3, 4, 5, 6, 8])  // row 2 and row 7 are empty
        #expect(all[0].1 == [.text("2026年11月售后问题处理表")])
        #expect(all[1].1.map(\.text) == ["客户", "手机号", "旺旺号", "订单编号", "商品", "购买日期", "问题描述", "处理人", "处理日期"])
        let zhang = all[2].1
        #expect(zhang[0] == .text("张丽"))
        #expect(zhang[1] == .number(13812345678))
        #expect(zhang[1].text == "13812345678")
        #expect(zhang[5].text == "2026-10-20")  // a date-formatted number
        #expect(zhang[8].text == "2026-11-03 14:30:00")
        if case .date = zhang[5] {} else { Issue.record("purchase date should be a date cell, got \(zhang[5])") }
        #expect(all[3].1[8] == .text("2026年11月5日"))
        #expect(all[4].1[2] == .empty)
        #expect(all[4].1[8].text == "2026-11-10")  // custom 年月日 format is a date
        #expect(all[5].1[3] == .text("3612345678901234570"))  // a ="…" formula without a cached value
        #expect(all[5].1[8] == .number(46332))  // General format: a plain number
        let summary = try rows(path, sheet: "汇总")
        #expect(summary.count == 1)
        #expect(summary[0].1[0] == .text("合计"))
        #expect(summary[0].1[2] == .bool(true))
        #expect(summary[0].1[3] == .number(3.25))
    }

    @Test func aMissingSheetNamesTheOnesThereAre() throws {
        do { _ = try rows("\(fixtures)/openpyxl-after-sales.xlsx", sheet: "十一月"); Issue.record("no error") } catch let e
            as FileError
        {
            #expect(e.message.zh == "工作簿中没有名为「十一月」的工作表；现有工作表：售后登记、汇总")
        }
    }

    @Test func writerRoundTripsValuesAndStructure() throws {
        let dir = TempDir()
        let path = "\(dir.path)/w.xlsx"
        let book = try XLSXWriter(
            path: path, created: LocalDateTime(day: Day(year: 2026, month: 11, day: 25)!, hour: 9)!)
        let s = book.addSheet("回访名单")
        s.write(0, 0, .text("序号"), .header)
        s.write(0, 1, .text("购买日期"), .header)
        s.write(1, 0, .int(1))
        s.write(1, 1, .day(Day(year: 2026, month: 11, day: 3)!))
        s.write(1, 2, .dateTime(LocalDateTime(day: Day(year: 2026, month: 11, day: 3)!, hour: 10, minute: 30)!))
        s.write(1, 3, .text("13812345678"))
        s.formula(1, 4, "=A2*2", cached: .number(2))
        s.listValidation(rows: 1...5, col: 5, values: ["无人接听", "已接通并评分"])
        s.freeze(rows: 1)
        s.autofilter(row: 0, lastRow: 1, cols: 0...5)
        try book.close()
        let got = try rows(path)
        #expect(got[0].1 == [.text("序号"), .text("购买日期")])
        #expect(got[1].1[0] == .number(1))
        #expect(got[1].1[1] == .date(46329))
        #expect(got[1].1[2].text == "2026-11-03 10:30:00")
        #expect(got[1].1[3] == .text("13812345678"))
        #expect(got[1].1[4] == .number(2))
        let xml = try XLSXParts.text(path, "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<autoFilter ref=\"A1:F2\"/>"))
        #expect(xml.contains("<formula1>\"无人接听,已接通并评分\"</formula1>"))
        #expect(xml.contains("<f>A2*2</f><v>2</v>"))
    }

    /// Excel fits 23 Chinese characters (等线 11, 15 pixels each) on a line of a column 50 wide
    /// (350 pixels less the padding): 94 of them take five lines, though 188 width units at 49 a
    /// line would be four. The row's height leaves a tenth of the width spare, so it is five.
    @Test func aWrappedRowIsTallEnoughForItsLastLine() throws {
        let dir = TempDir()
        let path = "\(dir.path)/w.xlsx"
        let book = try XLSXWriter(path: path)
        let s = book.addSheet("名单")
        s.setColumn(0, width: 50)
        s.write(0, 0, .text(String(repeating: "请您打分", count: 23) + "好的"), .wrap)
        s.write(1, 0, .text("短"), .wrap)
        try book.close()
        let xml = try XLSXParts.text(path, "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<row r=\"1\" spans=\"1:1\" ht=\"75.5\" customHeight=\"1\">"))  // 5 × 14.5 + 3
        #expect(xml.contains("<row r=\"2\" spans=\"1:1\">"))
    }

    @Test func printSetupAndHighlightsAreWrittenAsExcelReadsThem() throws {
        let dir = TempDir()
        let path = "\(dir.path)/w.xlsx"
        let book = try XLSXWriter(path: path, pageFooter: "第 &P 页，共 &N 页")
        let s = book.addSheet("R&D")
        s.write(0, 0, .text("评分"), .header)
        s.write(1, 0, .blank, .input)
        s.printPage(header: "R&D　2026-10", repeatingRows: 1)
        s.highlight(rows: 1...9, cols: 0...0, when: "A2=1", .bad)
        s.highlight(rows: 1...9, cols: 0...0, when: "=A2=3", .warning)
        try book.close()
        let xml = try XLSXParts.text(path, "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
        #expect(xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"))
        #expect(
            xml.contains(
                "<pageMargins left=\"0.3\" right=\"0.3\" top=\"0.55\" bottom=\"0.55\" header=\"0.25\" footer=\"0.25\"/>"
            ))
        // An & in the title is doubled, so that it prints as itself rather than starting a code.
        #expect(
            xml.contains(
                "<headerFooter><oddHeader>&amp;CR&amp;&amp;D　2026-10</oddHeader>"
                    + "<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"))
        #expect(
            xml.contains(
                "<conditionalFormatting sqref=\"A2:A10\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"1\">"
                    + "<formula>A2=1</formula></cfRule><cfRule type=\"expression\" dxfId=\"1\" priority=\"2\">"
                    + "<formula>A2=3</formula></cfRule></conditionalFormatting>"))
        let workbook = try XLSXParts.text(path, "xl/workbook.xml")
        #expect(
            workbook.contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'R&amp;D'!$1:$1</definedName>"))
        let styles = try XLSXParts.text(path, "xl/styles.xml")
        #expect(
            styles.contains("<dxf><font><color rgb=\"FF9C5700\"/></font><fill><patternFill><bgColor rgb=\"FFFFEB9C\"/>")
        )
        #expect(!styles.contains("Calibri"))
        #expect(PrintedPage.printableHeight == 515.8 && PrintedPage.printableWidth == 798.8)
    }

    @Test func theSameContentWritesTheSameFile() throws {
        let dir = TempDir()
        func write(_ p: String) throws {
            let book = try XLSXWriter(
                path: p, created: LocalDateTime(day: Day(year: 2026, month: 11, day: 25)!, hour: 9)!)
            book.addSheet("名单").write(0, 0, .text("张丽"))
            try book.close()
        }
        try write("\(dir.path)/a.xlsx")
        try write("\(dir.path)/b.xlsx")
        #expect(
            FileManager.default.contents(atPath: "\(dir.path)/a.xlsx")
                == FileManager.default.contents(atPath: "\(dir.path)/b.xlsx"))
    }

    /// libxlsxwriter dates a workbook through `gmtime`, whose one result buffer every thread
    /// shares: workbooks closed at once on several threads (the web workbench's exports, the
    /// parallel tests) must each keep their own date.
    @Test func workbooksClosedAtOnceKeepTheirOwnDates() throws {
        let dir = TempDir()
        let count = 48
        let folder = dir.path
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let created = LocalDateTime(day: Day(year: 2026, month: 1 + i % 12, day: 1 + i % 28)!, hour: i % 24)!
            guard let book = try? XLSXWriter(path: "\(folder)/\(i).xlsx", created: created) else { return }
            for r in 0..<20 { book.addSheet("名单\(r)").write(0, 0, .text("张丽")) }
            try? book.close()
        }
        for i in 0..<count {
            let core = try XLSXParts.text("\(dir.path)/\(i).xlsx", "docProps/core.xml")
            let month = 1 + i % 12, day = 1 + i % 28, hour = i % 24
            let stamp = String(format: "2026-%02d-%02dT%02d:00:00Z", month, day, hour)
            #expect(
                core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:created>"),
                "workbook \(i)")
        }
    }

    @Test func chineseTextCountsDoubleWidth() {
        #expect(displayWidth("abc") == 3)
        #expect(displayWidth("回访名单") == 8)
        #expect(displayWidth("138****5678") == 11)
        #expect(
            columnLetter(0) == "A" && columnLetter(25) == "Z" && columnLetter(26) == "AA" && columnLetter(29) == "AD")
        #expect(columnIndex("AD") == 29)
    }
}

@Suite("Files that are not what their names say")
struct TabularFileTests {
    @Test func emptyFile() throws {
        let dir = TempDir()
        let p = dir.file("empty.csv", [])
        do { _ = try TabularFile(path: p); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh == "文件是空的")
        }
    }

    @Test func aCSVRenamedXLSX() throws {
        let dir = TempDir()
        let p = dir.file("fake.xlsx", "客户,手机号\n张丽,138\n")
        do { _ = try TabularFile(path: p); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh.hasPrefix("文件扩展名是 .xlsx，但内容不是 XLSX 工作簿"))
        }
    }

    @Test func anXLSXRenamedCSV() throws {
        let dir = TempDir()
        let bytes = [UInt8](FileManager.default.contents(atPath: "\(fixtures)/openpyxl-after-sales.xlsx")!)
        let p = dir.file("real.csv", bytes)
        do { _ = try TabularFile(path: p); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh.hasPrefix("文件扩展名是 .csv，但内容是 XLSX 工作簿"))
        }
    }

    @Test func oldXLSAndEncryptedWorkbooks() throws {
        let dir = TempDir()
        let p = dir.file("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        do { _ = try TabularFile(path: p); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh.hasPrefix("这是旧版 Excel 97-2003（.xls）文件或加密的工作簿"))
        }
        let q = dir.file("enc.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        #expect(throws: FileError.self) { try TabularFile(path: q) }
    }

    @Test func binaryNamedCSVAndUnknownExtensions() throws {
        let dir = TempDir()
        let p = dir.file("bin.csv", [0x01, 0x00, 0x02, 0x03])
        do { _ = try TabularFile(path: p); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh == "文件内容不是文本，不像 CSV")
        }
        let q = dir.file("list.docx", "x")
        do { _ = try TabularFile(path: q); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh == "不支持的文件类型 .docx：请使用 .csv 或 .xlsx")
        }
        do { _ = try TabularFile(path: "\(dir.path)/nope.csv"); Issue.record("no error") } catch let e as FileError {
            #expect(e.message.zh.hasPrefix("找不到文件"))
        }
    }
}
