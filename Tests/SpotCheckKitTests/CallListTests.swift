import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

@Suite("Call list workbook")
struct CallListTests {
    /// 58 after-sales customers, one of them (张丽) also in the courier and review sheets.
    func workspace() throws -> TestWorkspace {
        let w = try TestWorkspace()
        try w.importFiles(
            .afterSales,
            [
                w.csv(
                    "a.csv",
                    [
                        afterSalesHeader,
                        "张丽,138 1234 5678,tb_lily,3612345678901234567,纯棉四件套,2026/10/20,尺码不符退换,王敏,2026-11-03",
                    ]
                        + (1...57).map {
                            "客户\($0),139\(String(format: "%08d", $0)),buyer\($0),\(800 + $0),羽绒被,2026-10-01,起球,张婷,2026-11-05"
                        })
            ])
        try w.importFiles(
            .courier,
            [
                w.csv(
                    "c.csv",
                    [
                        "登记日期,买家旺旺,收货人,联系电话,订单号,快递公司,运单号,异常类型,处理人",
                        "2026-11-06,tb_lily,张丽,138****5678,3612345678901234599,中通快递,75123,丢件,刘洋",
                    ])
            ])
        try w.importFiles(.reviews, [w.csv("r.csv", ["评价时间,买家昵称,评价等级,评价内容", "2026-11-07 20:00,tb_lily,差评,物流太慢"])])
        return w
    }

    @Test func listRowsScriptsAndReservesReadBackFromTheFile() throws {
        let w = try workspace()
        let s = try w.draw("2026-11", seed: 3)
        #expect(s.drawn == 50 && s.reserves == 8)
        let path = "\(w.dir)/回访名单.xlsx"
        let result = try CallListExporter(workspace: try w.on("2026-11-25")).run(
            month: YearMonth(parsing: "2026-11")!, to: path)
        #expect((result.main, result.reserves) == (50, 8))
        let book = try Workbook(path)
        #expect(book.sheets == ["说明", "回访名单", "_spotcheck"])
        let list = try book.rows("回访名单")
        #expect(list[1] == CallListColumn.all.map { $0.header.zh })
        #expect(
            list[1]?.prefix(16) == [
                "序号", "类型", "客户", "手机号", "备用号码", "联系方式", "平台", "买家ID（旺旺）", "来源", "订单号", "商品",
                "购买日期", "情况", "处理人", "可拨打时段", "回访话术",
            ])
        #expect(list.count == 59)
        #expect((2...51).map { list[$0]![1] } == Array(repeating: "正选", count: 50))
        #expect((52...59).map { list[$0]![1] } == Array(repeating: "备选", count: 8))
        #expect((2...59).map { list[$0]![0] } == (1...58).map(String.init))
        // 张丽's row, wherever the draw put her. She is drawn from the rarest of her sheets
        // (courier), so the script is about the lost parcel.
        guard let lily = list.values.first(where: { $0.count > 2 && $0[2] == "张丽" }) else {
            Issue.record("张丽 is not on the list"); return
        }
        func at(_ c: CallListColumn) -> String { c.index < lily.count ? lily[c.index] : "" }
        #expect(at(.phone) == "13812345678")
        #expect(at(.alternates) == "")
        #expect(at(.route) == "手机")
        #expect(at(.platform) == "")
        #expect(at(.buyerID) == "tb_lily")
        #expect(at(.sources) == "售后、快递、评价")
        #expect(at(.order) == "3612345678901234567\n3612345678901234599")
        #expect(at(.product) == "纯棉四件套")
        #expect(at(.purchaseDate) == "2026-10-20")
        #expect(at(.situation) == "【售后】尺码不符退换\n【快递】丢件（快递：中通快递 75123）\n【评价】差评：物流太慢")
        #expect(at(.handler) == "王敏、刘洋")
        #expect(at(.hours) == "工作日 09:00–12:00、13:00–20:00；节假日/周末 10:00–12:00、13:00–20:00")
        #expect(
            at(.script) == """
                您好，我是淘宝网唯尚唯美的客服人员。请问是张丽吗？请问能耽误您一点时间做一个简单的服务质量回访吗？
                （顾客同意后）您于10月20日在我们店铺购买的纯棉四件套，因为丢件，由我们售后人员帮您协调处理，请您用五分制对我们的服务进行评价，其中5分为非常满意、4分为满意、3分为一般、2分为不满意、1分为非常不满意，请您打分。
                """)
        // The purchase date is a real date cell, the phone is text.
        let cells = try book.cells("回访名单")
        let lilyRow = cells.first { $0.value.count > 2 && $0.value[2] == .text("张丽") }!.value
        let date = CallListColumn.purchaseDate.index
        if case .date(let serial) = lilyRow[date] {
            #expect(serial == 46315)
        } else {
            Issue.record("not a date cell: \(lilyRow[date])")
        }
        #expect(lilyRow[CallListColumn.phone.index] == .text("13812345678"))

        let xml = try book.part("xl/worksheets/sheet2.xml")
        #expect(
            xml.contains(
                "<pane xSplit=\"3\" ySplit=\"1\" topLeftCell=\"D2\" activePane=\"bottomRight\" state=\"frozen\"/>"))
        #expect(xml.contains("<autoFilter ref=\"A1:AH59\"/>"))
        #expect(xml.contains("<formula1>\"无人接听,占线/通话中,关机,停机/空号,拒接（未接通）,接通后拒绝/挂机,已接通并评分\"</formula1>"))
        #expect(xml.contains("<formula1>\"5,4,3,2,1\"</formula1>"))
        #expect(xml.contains("<formula1>\"当场解决,升级处理（30分钟内回复）\"</formula1>"))
        #expect(xml.contains("sqref=\"R2:R59\""))  // attempt 1 result, every row
        #expect(xml.contains("sqref=\"AB2:AB59\""))  // score
        #expect(xml.contains("<col min=\"34\" max=\"34\" width=\"8.7109375\" hidden=\"1\" customWidth=\"1\"/>"))
        // Scores of 1–2 red and 3 amber, live: a score typed as text counts.
        #expect(
            xml.contains(
                "<conditionalFormatting sqref=\"AB2:AB59\"><cfRule type=\"expression\" dxfId=\"0\" priority=\"1\">"
                    + "<formula>AND(AB2&lt;&gt;\"\",IFERROR(--AB2,0)&gt;=1,IFERROR(--AB2,0)&lt;=2)</formula></cfRule>"
                    + "<cfRule type=\"expression\" dxfId=\"1\" priority=\"2\">"
                    + "<formula>AND(AB2&lt;&gt;\"\",IFERROR(--AB2,0)=3)</formula></cfRule></conditionalFormatting>"))
        let styles = try book.part("xl/styles.xml")
        #expect(
            styles.contains("<dxf><font><color rgb=\"FF9C0006\"/></font><fill><patternFill><bgColor rgb=\"FFFFC7CE\"/>")
        )
        // The cells a caller fills in have borders (to write in on paper); the others do not.
        for c in [CallListColumn.attemptTime(1), .attemptResult(5), .score, .note, .caller] {
            #expect(try book.hasThinBorders("xl/worksheets/sheet2.xml", columnLetter(c.index) + "2"), "\(c)")
        }
        #expect(try !book.hasThinBorders("xl/worksheets/sheet2.xml", columnLetter(CallListColumn.script.index) + "2"))
        // Every format is in 等线, the default (Normal) one too.
        #expect(styles.contains("<fonts count=") && !styles.contains("Calibri"))
        #expect(
            styles.contains("<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"等线\"/><family val=\"2\"/></font>"))
        // The script's row is tall enough for its lines at the column's width.
        let scriptRow = xml.firstMatch(of: /<row r="3" spans="1:34" ht="([\d.]+)"/).map { Double($0.output.1)! } ?? 0
        #expect(scriptRow >= 7 * 14.5)
    }

    @Test func coverSheetHasTheMonthSeedPoolAndDeadline() throws {
        let w = try workspace()
        try w.draw("2026-11", seed: 3)
        let path = "\(w.dir)/list.xlsx"
        _ = try CallListExporter(workspace: try w.on("2026-11-25")).run(month: YearMonth(parsing: "2026-11")!, to: path)
        let cover = try Workbook(path).rows("说明")
        var figures: [String: String] = [:]
        for row in cover.values where row.count >= 2 { figures[row[0]] = row[1] }
        #expect(cover[1]?.first == "2026-11 服务回访抽查名单")
        #expect(figures["抽查月份"] == "2026-11")
        #expect(figures["抽查区间"] == "2026-10-27 – 2026-11-26")
        #expect(figures["随机种子"] == "3")
        #expect(figures["抽查数量（正选）"] == "50")
        #expect(figures["最低要求"] == "50")
        #expect(figures["备选数量"] == "8")
        #expect(figures["候选客户（去重后）"] == "58")
        #expect(figures["  其中来自售后问题处理表"] == "58")
        #expect(figures["  其中来自快递件处理表"] == "1")
        #expect(figures["多表合并的客户"] == "1")
        #expect(figures["近 12 个月已回访而排除"] == "0")
        #expect(figures["递交销售主管截止日期"] == "2026-11-27（剩余 2 天）")
        let days = cover.values.compactMap { $0.count >= 2 && $0[0].isEmpty ? $0[1] : nil }.filter {
            $0.hasPrefix("2026-")
        }.sorted()
        #expect(
            days == [
                "2026-11-25 周三 工作日：09:00–12:00、13:00–20:00", "2026-11-26 周四 工作日：09:00–12:00、13:00–20:00",
                "2026-11-27 周五 工作日：09:00–12:00、13:00–20:00",
            ])
    }

    @Test func englishListsHaveEnglishHeaders() throws {
        let w = try workspace()
        try w.draw("2026-11", seed: 3)
        let path = "\(w.dir)/list-en.xlsx"
        _ = try CallListExporter(workspace: try w.on("2026-11-25", lang: .en)).run(
            month: YearMonth(parsing: "2026-11")!, to: path)
        let book = try Workbook(path)
        #expect(book.sheets == ["Cover", "Call list", "_spotcheck"])
        #expect(try book.rows("Call list")[1]?.prefix(4) == ["No.", "Type", "Customer", "Phone"])
    }

    @Test func exportingAMonthThatWasNotDrawnIsAnError() throws {
        let w = try TestWorkspace()
        #expect(throws: DrawError.notDrawn(month: YearMonth(parsing: "2026-11")!)) {
            try CallListExporter(workspace: try w.on("2026-11-25")).run(
                month: YearMonth(parsing: "2026-11")!, to: "\(w.dir)/x.xlsx")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(w.dir)/x.xlsx"))
    }
}
