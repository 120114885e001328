import Foundation
import SpotCheckFormats
import Testing

@Suite("Workbooks as they print")
struct PrintCLITests {
    /// The visible sheets of a workbook: name, sheet XML, and the rows its print titles repeat.
    func sheets(_ path: String) throws -> [(name: String, xml: String, repeated: Int)] {
        let book = try Book(path)
        let workbook = try book.part("xl/workbook.xml")
        var out: [(String, String, Int)] = []
        for (i, m) in workbook.matches(of: /<sheet name="([^"]+)" sheetId="\d+"( state="hidden")?/).enumerated()
        where m.output.2 == nil {
            let name = String(m.output.1)
            let titles = workbook.matches(of: /_xlnm\.Print_Titles" localSheetId="(\d+)">[^<]*!\$1:\$(\d+)</)
            let repeated = titles.first { Int($0.output.1) == i }.flatMap { Int($0.output.2) } ?? 0
            out.append((name, try book.part("xl/worksheets/sheet\(i + 1).xml"), repeated))
        }
        return out
    }

    /// Every sheet prints A4 landscape, one page wide, with the title and month above and the
    /// page of pages below.
    func expectPrintSetup(_ path: String, month: String, file: String) throws {
        for (name, xml, _) in try sheets(path) {
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(file) \(name)")
            #expect(
                xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"),
                "\(file) \(name)")
            #expect(!xml.contains("fitToWidth="), "\(file) \(name): one page wide is the default, so not written")
            #expect(xml.contains("<oddHeader>&amp;C\(name)　\(month)</oddHeader>"), "\(file) \(name)")
            #expect(xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"), "\(file) \(name)")
        }
    }

    @Test func theDemosWorkbooksPrintOnePageWideWithinTheirPageBudgets() throws {
        let s = try Scratch()
        let r = try s.run(["demo", "--out", "out"], today: nil)
        #expect(r.status == 0, "\(r.stderr)")
        let out = "\(s.dir)/out"
        for (file, month) in [
            ("回访名单-2026-08", "2026-08"), ("回访名单-2026-09", "2026-09"), ("回访名单-2026-10", "2026-10"),
            ("服务抽查报表-2026-09", "2026-09"), ("抽检评分表-2026-09", "2026-09"), ("质检报表-2026-09", "2026-09"),
        ] {
            try expectPrintSetup("\(out)/\(file).xlsx", month: month, file: file)
        }
        // The lists' header row, the audit sheet's title and header are repeated on every page.
        let list = try sheets("\(out)/回访名单-2026-10.xlsx")
        #expect(list.map(\.name) == ["说明", "回访名单"])
        #expect(list[1].repeated == 1)
        let audit = try sheets("\(out)/抽检评分表-2026-09.xlsx")
        #expect(audit.map(\.repeated) == [2, 1])

        // Page budgets (issue 9): a 60-row call list on at most 15 pages, the audit workbook on at most 30.
        for month in ["2026-08", "2026-09", "2026-10"] {
            let list = try sheets("\(out)/回访名单-\(month).xlsx")[1]
            let rows = list.xml.matches(of: /<row r=/).count
            let pages = PrintedPages(sheetXML: list.xml, repeated: list.repeated)
            #expect(rows >= 51 && pages.across == 1 && pages.pages <= 15, "\(month): \(rows) rows, \(pages)")
        }
        let auditPages = audit.map { PrintedPages(sheetXML: $0.xml, repeated: $0.repeated) }
        #expect(auditPages.reduce(0) { $0 + $1.pages } <= 30, "\(auditPages)")
        for file in ["服务抽查报表-2026-09", "质检报表-2026-09"] {
            for sheet in try sheets("\(out)/\(file).xlsx") {
                #expect(
                    PrintedPages(sheetXML: sheet.xml, repeated: sheet.repeated).across == 1, "\(file) \(sheet.name)")
            }
        }
    }

    @Test func blankTemplatesPrintWithAMonthToWriteIn() throws {
        let s = try Scratch()
        let r = try s.run(["templates", "-o", "tpl"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(s.dir)/tpl").filter { $0.hasSuffix(".xlsx") }
        #expect(files.count == 4)
        for file in files { try expectPrintSetup("\(s.dir)/tpl/\(file)", month: "月份：________", file: file) }
    }
}
