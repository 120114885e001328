import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// Writes the workspace's `spotcheck.json` with a smaller minimum, for months of a few customers.
func setMinimum(_ w: TestWorkspace, _ n: Int) throws {
    try #"{"shop_name": "棉语家纺", "sample": {"minimum": \#(n)}}"#.write(
        toFile: "\(w.dir)/spotcheck-config/spotcheck.json", atomically: true, encoding: .utf8)
}

/// Records a scored call on `month`'s list.
func scoreCall(_ w: TestWorkspace, _ month: String, item: Int, at: String, _ score: Int) throws {
    _ = try CallBook(workspace: try w.on("2026-11-30")).record(
        .init(month: YearMonth(parsing: month)!, item: item, at: at, result: .scored, score: score, caller: "周敏"))
}

/// The rows of a sheet from the one whose first cell is `title` down to the first blank row.
func table(_ rows: [Int: [String]], after header: String) -> (header: Int, rows: [[String]]) {
    let start = rows.keys.sorted().first { rows[$0]?.first == header }!
    var out: [[String]] = []
    var r = start + 1
    while let row = rows[r], row.first.map({ !$0.isEmpty }) == true {
        out.append(row)
        r += 1
    }
    return (start, out)
}

/// The chart of a workbook that is a line chart (or, with `kind`, another), as XML.
func chart(_ book: Workbook, _ kind: String = "lineChart") throws -> String? {
    for n in 1...9 {
        let xml = try book.part("xl/charts/chart\(n).xml")
        if xml.contains("<c:\(kind)>") { return xml }
    }
    return nil
}

@Suite("The months over time")
struct TrendTests {
    /// Three months of six after-sales customers each, a minimum of 5, each month drawn; September
    /// scored 5, 5, 4, October not called, November scored 5, 4, 4, 3.
    func threeMonths() throws -> TestWorkspace {
        let w = try TestWorkspace()
        try setMinimum(w, 5)
        let months = [("2026-09", "2026-09-05"), ("2026-10", "2026-10-05"), ("2026-11", "2026-11-05")]
        let rows = months.enumerated().flatMap { m, month in
            (1...6).map { i in
                let n = m * 10 + i
                return "客户\(n),139\(String(format: "%08d", n)),buyer\(n),\(900 + n),羽绒被,2026-08-01,起球,李娜,\(month.1)"
            }
        }
        try w.importFiles(.afterSales, [w.csv("a.csv", [afterSalesHeader] + rows)])
        for (m, _) in months { try w.draw(m, seed: 1) }
        for (item, score) in [5, 5, 4].enumerated() {
            try scoreCall(w, "2026-09", item: item + 1, at: "2026-09-21 10:30", score)
        }
        for (item, score) in [5, 4, 4, 3].enumerated() {
            try scoreCall(w, "2026-11", item: item + 1, at: "2026-11-24 10:30", score)
        }
        return w
    }

    @Test func theManagersSummaryShowsEachMonthOnRecordWithALineChart() throws {
        let w = try threeMonths()
        let path = "\(w.dir)/report.xlsx"
        _ = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-11")!, to: path, showPhones: false)
        let book = try Workbook(path)
        let (header, rows) = table(try book.rows("服务抽查汇总表"), after: "月份")
        #expect(try book.rows("服务抽查汇总表")[header] == ["月份", "服务满意度", "计入打分的回访数", "抽查数", "目标"])
        #expect(
            rows.map { [$0[0]] + $0[2...4] } == [
                ["2026-09", "3", "5", "4"], ["2026-10", "0", "5", "4"], ["2026-11", "4", "5", "4"],
            ])
        #expect(close(rows[0][1], 14.0 / 3.0))
        #expect(rows[1][1] == "")  // no counted case: a gap in the line, not 0
        #expect(rows[2][1] == "4")
        // The line chart reads the table: the months, the satisfaction and the target.
        let xml = try #require(try chart(book))
        let (first, last) = (header + 1, header + 3)
        #expect(xml.contains("<c:f>'服务抽查汇总表'!$A$\(first):$A$\(last)</c:f>"))
        #expect(xml.contains("<c:f>'服务抽查汇总表'!$B$\(first):$B$\(last)</c:f>"))
        #expect(xml.contains("<c:f>'服务抽查汇总表'!$E$\(first):$E$\(last)</c:f>"))
        #expect(xml.contains("服务满意度走势") && !xml.contains("<c:dispBlanksAs val=\"zero\"/>"))
        // The target follows the summary's own target cell.
        let sheet = try book.part("xl/worksheets/sheet1.xml")
        #expect(formula(sheet, "E\(first)") == "$B$11")
    }

    @Test func aMonthsReportShowsNoLaterMonth() throws {
        let w = try threeMonths()
        let path = "\(w.dir)/october.xlsx"
        _ = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-10")!, to: path, showPhones: false)
        let (_, rows) = table(try Workbook(path).rows("服务抽查汇总表"), after: "月份")
        #expect(rows.map(\.first) == ["2026-09", "2026-10"])
    }

    /// Two chat transcripts of 王敏 in each of August, September and October, all sampled;
    /// August scored 100 and 65 (不合格), September one of two scored 92.5, October none.
    func threePeriods() throws -> TestWorkspace {
        let w = try TestWorkspace()
        let days = ["2026-08-10", "2026-08-11", "2026-09-10", "2026-09-11", "2026-10-10", "2026-10-11"]
        let lines = days.enumerated().flatMap { n, day in
            [
                "T\(n + 1),王敏,tb_\(n),买家,\(day) 10:00:00,在吗",
                "T\(n + 1),王敏,tb_\(n),客服,\(day) 10:00:05,您好，请问有什么可以帮您",
                "T\(n + 1),王敏,tb_\(n),客服,\(day) 10:01:00,感谢您的耐心，再见",
            ]
        }
        try importTranscripts(w, [w.csv("chat.csv", [QAFixture.chatHeader] + lines)], channel: .chat)
        for p in ["2026-08", "2026-09", "2026-10"] {
            try AuditSample(workspace: try w.on("2026-10-30")).run(
                period: YearMonth(parsing: p)!, rate: 1, seed: 1, drawnBy: "孙悦")
        }
        let items = [
            "response", "confirm", "closing_process", "greeting", "no_banned", "solved", "accurate", "attitude",
        ]
        let full = Dictionary(uniqueKeysWithValues: items.map { ($0, 10) })
        let scores = [
            "T1": full, "T2": full.merging(["solved": 0, "confirm": 0]) { $1 },
            "T3": full.merging(["confirm": 5]) { $1 },
        ]
        try Store(path: w.db).write { db in
            for p in ["2026-08", "2026-09"] {
                for t in try QAData.transcripts(period: p, db) {
                    guard let s = scores[t.externalID] else { continue }
                    _ = try QAData.saveAudit(
                        .init(transcript: t.id, auditor: "孙悦", comment: nil, scores: s),
                        scoredAt: "2026-10-30 10:00:00",
                        db)
                }
            }
        }
        return w
    }

    @Test func theQASummaryShowsEachPeriodOnRecordWithALineChart() throws {
        let w = try threePeriods()
        let path = "\(w.dir)/qa.xlsx"
        _ = try QAReport(workspace: try w.on("2026-10-30")).run(period: YearMonth(parsing: "2026-10")!, to: path)
        let book = try Workbook(path)
        let (header, rows) = table(try book.rows("质检汇总表"), after: "月份")
        #expect(try book.rows("质检汇总表")[header] == ["月份", "服务量", "已抽检", "已评分", "平均分", "合格率", "合格线"])
        #expect(
            rows == [
                ["2026-08", "2", "2", "2", "82.5", "0.5", "80"], ["2026-09", "2", "2", "1", "92.5", "1", "80"],
                ["2026-10", "2", "2", "0", "", "", "80"],
            ])
        let xml = try #require(try chart(book))
        let (first, last) = (header + 1, header + 3)
        #expect(xml.contains("<c:f>'质检汇总表'!$A$\(first):$A$\(last)</c:f>"))
        #expect(xml.contains("<c:f>'质检汇总表'!$E$\(first):$E$\(last)</c:f>"))
        #expect(xml.contains("<c:f>'质检汇总表'!$G$\(first):$G$\(last)</c:f>"))
        #expect(xml.contains("质检平均分走势"))
        // September's own report: its month beside August's, the figures its summary shows.
        let september = "\(w.dir)/qa-09.xlsx"
        _ = try QAReport(workspace: try w.on("2026-10-30")).run(period: YearMonth(parsing: "2026-09")!, to: september)
        let s = try Workbook(september).rows("质检汇总表")
        #expect(table(s, after: "月份").rows.map(\.first) == ["2026-08", "2026-09"])
        #expect(s.values.first { $0.first == "平均分" }?[1] == "92.5")
    }
}
