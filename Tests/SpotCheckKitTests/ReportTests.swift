import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

@Suite("The sales manager's report")
struct ReportTests {
    /// Row 1 scored 5 with praise, row 2 unreachable (reserve 51 comes in, scored 4), row 3
    /// scored 2 with an escalation replied late, row 4 refused (3), row 5 one attempt at 20:30.
    func called() throws -> TestWorkspace {
        let w = try drawnWorkspace()
        try call(w, 1, "2026-11-24 10:30", .scored, score: 5, praise: "态度好")
        try call(w, 2, "2026-11-24 09:10", .noAnswer)
        try call(w, 2, "2026-11-24 14:00", .busy)
        try call(w, 2, "2026-11-25 18:30", .outOfService, imLeft: true)
        try call(w, 3, "2026-11-24 10:00", .scored, score: 2, complaint: .escalated, caller: "周敏")
        try call(w, 3, repliedAt: "2026-11-24 10:45", caller: nil)
        try call(w, 4, "2026-11-24 11:00", .refusedAfterConnect)
        try call(w, 5, "2026-11-24 20:30", .noAnswer)
        try call(w, 51, "2026-11-26 10:00", .scored, score: 4)
        return w
    }

    func cells(_ book: Workbook, _ sheet: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try book.rows(sheet).values where row.count >= 2 { out[row[0]] = row[1] }
        return out
    }

    @Test func summaryFiguresFormulaChartAndMaskedPhones() throws {
        let w = try called()
        let path = "\(w.dir)/report.xlsx"
        let r = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-11")!, to: path, showPhones: false)
        #expect(r.cases == 51)
        #expect(r.satisfaction == Satisfaction(scores: [5, 2, 3, 4]))
        let book = try Workbook(path)
        #expect(book.sheets == ["服务抽查汇总表", "服务抽查明细表"])
        let s = try cells(book, "服务抽查汇总表")
        #expect(s["抽查数量（正选）"] == "50")
        #expect(s["已启用备选"] == "1")
        #expect(s["服务满意度"] == "3.5")
        #expect(s["客户打分总和"] == "14")
        #expect(s["计入打分的回访数"] == "4")
        #expect(s["目标"] == "4")
        #expect(s["是否达标"] == "否")
        #expect(s["不计入：联系不上"] == "1")
        #expect(s["不计入：拒接"] == "0")
        #expect(s["进行中"] == "46")
        #expect(s["表扬"] == "1")
        #expect(s["升级投诉超时回复"] == "1")
        #expect(s["升级投诉按时回复"] == "0")
        #expect(s["时段外拨打次数"] == "1")
        #expect(s["5分 非常满意"] == "1")
        #expect(s["4分 满意"] == "1")
        #expect(s["3分 一般"] == "1")
        #expect(s["2分 不满意"] == "1")
        #expect(s["1分 非常不满意"] == "0")
        // The satisfaction cell is a live formula over the detail sheet, its value cached.
        let xml = try book.part("xl/worksheets/sheet1.xml")
        #expect(
            xml.contains(
                "<f>IF(COUNTIF('服务抽查明细表'!$Q$2:$Q$52,\"是\")=0,\"无数据\",SUMIF('服务抽查明细表'!$Q$2:$Q$52,\"是\",'服务抽查明细表'!$P$2:$P$52)/COUNTIF('服务抽查明细表'!$Q$2:$Q$52,\"是\"))</f><v>3.5</v>"
            ))
        // Highlighted, live: the satisfaction below the target, 是否达标 否, and each breakdown's satisfaction below it.
        #expect(
            xml.contains(
                "<conditionalFormatting sqref=\"B8\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"1\"><formula>AND(ISNUMBER(B8),B8&lt;$B$11)</formula>"
            ))
        #expect(
            xml.contains(
                "<conditionalFormatting sqref=\"B12\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"2\"><formula>B12=\"否\"</formula>"
            ))
        #expect(xml.matches(of: /<formula>AND\(ISNUMBER\(D\d+\),D\d+&lt;\$B\$11\)<\/formula>/).count == 3)
        // The detail sheet: scores 1–2 and 3 over the score column; escalations overdue (late, or open past due)
        // over due time, reply time and reply status.
        let detailXML = try book.part("xl/worksheets/sheet2.xml")
        #expect(detailXML.contains("<conditionalFormatting sqref=\"P2:P52\">"))
        #expect(detailXML.contains("<formula>AND(P2&lt;&gt;\"\",IFERROR(--P2,0)=3)</formula>"))
        #expect(
            detailXML.contains(
                "<conditionalFormatting sqref=\"U2:W52\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"3\">"
                    + "<formula>AND(ISNUMBER($U2),OR(AND($V2=\"\",$U2&lt;NOW()),AND(ISNUMBER($V2),$V2&gt;$U2)))</formula>"
            ))
        #expect(
            try book.part("xl/workbook.xml").contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'服务抽查明细表'!$1:$1</definedName>"))
        // Two charts: the distribution and the handlers.
        #expect(try book.part("xl/charts/chart1.xml").contains("<c:barChart>"))
        #expect(try book.part("xl/charts/chart2.xml").contains("<c:barDir val=\"bar\"/>"))
        #expect(try book.part("xl/drawings/drawing1.xml").contains("chart"))
        // Handler breakdown: 王敏 handled the even customers, 张婷 the odd ones.
        let summaryRows = try book.rows("服务抽查汇总表").values
        let byHandler = Dictionary(
            summaryRows.filter { ["王敏", "张婷"].contains($0.first ?? "") }.map { ($0[0], Array($0.dropFirst())) },
            uniquingKeysWith: { a, _ in a })
        #expect(byHandler.count == 2)

        // Detail: one row per case, phones masked.
        let detail = try book.rows("服务抽查明细表")
        #expect(detail.count == 52)
        #expect(detail[1]?[15] == "评分" && detail[1]?[16] == "是否计入")
        let phones = detail.values.compactMap { $0.count > 3 ? $0[3] : nil }.filter { $0.hasPrefix("139") }
        #expect(phones.count == 51)
        #expect(phones.allSatisfy { $0.contains("****") })
        let row2 = detail.values.first { $0.first == "2" }!
        #expect(row2[11] == "2026-11-24 09:10 无人接听\n2026-11-24 14:00 占线/通话中\n2026-11-25 18:30 停机/空号")
        #expect(row2[14] == "联系不上" && row2[16] == "否")
        let row3 = detail.values.first { $0.first == "3" }!
        #expect(row3[15] == "2" && row3[19] == "升级处理（30分钟内回复）" && row3[22] == "超时回复" && row3[23] == "周敏")
        let row4 = detail.values.first { $0.first == "4" }!
        #expect(row4[14] == "拒绝评分记3分" && row4[15] == "3" && row4[16] == "是")
        let row5 = detail.values.first { $0.first == "5" }!
        #expect(row5[11] == "2026-11-24 20:30 无人接听（时段外）")
        let row51 = detail.values.first { $0.first == "51" }!
        #expect(row51[1] == "备选" && row51[15] == "4")
    }

    @Test func showPhonesWritesThemInFull() throws {
        let w = try called()
        let path = "\(w.dir)/full.xlsx"
        _ = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-11")!, to: path, showPhones: true)
        let detail = try Workbook(path).rows("服务抽查明细表")
        #expect(detail.values.first { $0.first == "1" }?[3].contains("****") == false)
    }

    @Test func noCountedCaseIsNotAvailableNeverZero() throws {
        let w = try drawnWorkspace()
        try call(w, 1, "2026-11-24 09:10", .rejected)
        let path = "\(w.dir)/empty.xlsx"
        let r = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-11")!, to: path, showPhones: false)
        #expect(r.satisfaction.value == nil)
        let book = try Workbook(path)
        let s = try cells(book, "服务抽查汇总表")
        #expect(s["服务满意度"] == "无数据")
        #expect(s["是否达标"] == "无数据")
        #expect(try book.part("xl/worksheets/sheet1.xml").contains("t=\"str\"><f>IF(COUNTIF("))
    }

    @Test func statusSaysWhereTheMonthStands() throws {
        let w = try called()
        let m = try month(w)
        let s = MonthStatus(
            m, settings: try w.on("2026-11-30").config.settings, now: try DateText.parse("2026-11-30 09:00")!.moment)
        #expect(s.daysLate == 3 && s.daysLeft == nil)
        #expect((s.rows, s.called, s.counted, s.minimum) == (51, 6, 4, 50))
        #expect((s.scored, s.refused, s.unreachable, s.rejected, s.open) == (3, 1, 1, 0, 46))
        #expect(s.reservesInPlay == [51] && s.reserves == 10)
        #expect(s.satisfaction == 3.5)
        #expect(s.escalations.map(\.state) == ["late"])
        #expect((s.attempts, s.attemptsOutsideHours) == (8, 1))
        #expect(s.json().contains("\"attempts_outside_hours\" : 1"))
    }
}
