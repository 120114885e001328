import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

@Suite("Callback satisfaction beside QA results")
struct ServiceComparisonTests {
    func writePeople(_ w: TestWorkspace, _ json: String) throws {
        try json.write(toFile: "\(w.dir)/spotcheck-config/people.json", atomically: true, encoding: .utf8)
    }

    /// September of both sides. QA: the fixture (王敏 Q1 90 不合格 and Q2 100, 3 findings; 刘洋 C1 92.5 of three
    /// calls, 4 findings) and 赵强, an agent only. Callbacks: six customers handled by 王敏 (scored 2, and one not
    /// called), by liuyang (5, 4) and 店铺：刘洋 (3), both 刘洋 by people.json, and by 张婷, a handler only (5).
    func bothSides() throws -> TestWorkspace {
        let w = try QAFixture.imported()
        let extra = [
            QAFixture.chatHeader, "Z1,赵强,tb_z,买家,2026-09-08 09:00:00,在吗", "Z1,赵强,tb_z,客服,2026-09-08 09:00:05,您好",
        ]
        try importTranscripts(w, [w.csv("zhao.csv", extra)], channel: .chat)
        try AuditSample(workspace: try w.on("2026-10-08")).run(period: september, rate: 1, seed: 1, drawnBy: "孙悦")
        let audit = "\(w.dir)/audit.xlsx", scored = "\(w.dir)/scored.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-08")).export(period: september, to: audit)
        try python(scoreScript, [audit, scored])
        _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: scored)

        try setMinimum(w, 6)
        let handlers = ["王敏", "王敏", "liuyang", "liuyang", "店铺：刘洋", "张婷"]
        let rows = handlers.enumerated().map { i, h in
            "客户\(i),139\(String(format: "%08d", i)),buyer\(i),\(700 + i),羽绒被,2026-08-01,起球,\(h),2026-09-0\(i + 1)"
        }
        try w.importFiles(.afterSales, [w.csv("a.csv", [afterSalesHeader] + rows)])
        try w.draw("2026-09", seed: 1)
        let ws = try w.on("2026-10-15")
        let m = try ws.store().read { try MonthCases.load(month: september, config: ws.config, $0) }
        func items(_ handler: String) -> [Int] {
            m.cases.filter { $0.context.handlers == [handler] }.map(\.item.itemNo)
        }
        let scores = [("王敏", [2]), ("liuyang", [5, 4]), ("店铺：刘洋", [3]), ("张婷", [5])]
        for (handler, list) in scores {
            for (item, score) in zip(items(handler), list) {
                try scoreCall(w, "2026-09", item: item, at: "2026-09-21 10:30", score)
            }
        }
        try writePeople(w, #"{"_about": "x", "刘洋": ["liuyang", "店铺:刘洋"]}"#)
        return w
    }

    @Test func aPersonWhoIsBothUnderAnAliasGetsTheirFiguresAndOneSidedPeopleAreLeftOut() throws {
        let w = try bothSides()
        let path = "\(w.dir)/report.xlsx"
        let r = try SpotCheckReport(workspace: try w.on("2026-10-15")).run(
            month: september, to: path, showPhones: false)
        #expect(r.compared == 2 && !r.qaCheckedFirst)
        let book = try Workbook(path)
        #expect(book.sheets == ["服务抽查汇总表", "服务抽查明细表", "服务质量对照"])
        let s = try book.rows("服务质量对照")
        #expect(s[1] == ["2026-09 服务质量对照：回访满意度与质检结果"])
        #expect(
            s[4] == [
                "人员", "回访中的名字", "质检中的名字", "抽查数", "计入打分的回访数", "服务满意度", "服务量", "已评分", "平均分", "合格率",
                "问题数（每百会话）", "备注",
            ])
        let people = s.filter { $0.key > 4 }.sorted { $0.key < $1.key }.map(\.value)
        #expect(people.map(\.first) == ["刘洋", "王敏"])  // not 张婷 (handler only), not 赵强 (agent only)
        let liu = people[0], wang = people[1]
        #expect(Array(liu[1...7]) == ["liuyang、店铺：刘洋", "刘洋", "3", "3", "4", "3", "1"])
        #expect(liu[8] == "92.5" && liu[9] == "1")
        #expect(close(liu[10], 4.0 * 100 / 3))  // C1's and C2's findings over three calls
        #expect(liu[11] == "已评分少于 5 个，平均分和合格率仅供参考")
        #expect(Array(wang[1...9]) == ["王敏", "王敏", "2", "1", "2", "2", "2", "95", "0.5"])
        #expect(wang[10] == "150")
        // The same figures as the month's QA summary and the handler breakdown show.
        let qa = try QAFigures.load(period: september, in: try w.on("2026-10-15")).figures
        #expect(close(liu[8], qa.agents["刘洋"]!.average!) && close(wang[10], qa.agents["王敏"]!.allPer100))
        // The scatter: a point per person at satisfaction (F) and average (I), named by the person's cell.
        let xml = try #require(try chart(book, "scatterChart"))
        for row in [5, 6] {
            #expect(xml.contains("<c:tx><c:strRef><c:f>'服务质量对照'!$A$\(row)</c:f>"))
            #expect(xml.contains("<c:xVal><c:numRef><c:f>'服务质量对照'!$F$\(row):$F$\(row)</c:f>"))
            #expect(xml.contains("<c:yVal><c:numRef><c:f>'服务质量对照'!$I$\(row):$I$\(row)</c:f>"))
        }
        #expect(xml.contains("<c:showSerName val=\"1\"/>") && xml.contains("回访满意度与质检平均分"))
    }

    @Test func withoutPeopleJSONOnlyTheSameSpellingMatches() throws {
        let w = try bothSides()
        try writePeople(w, "{}")
        let path = "\(w.dir)/report.xlsx"
        let r = try SpotCheckReport(workspace: try w.on("2026-10-15")).run(
            month: september, to: path, showPhones: false)
        #expect(r.compared == 1)
        #expect(try Workbook(path).rows("服务质量对照")[5]?.first == "王敏")
    }

    @Test func aMonthWithoutQAHasNoComparisonSheet() throws {
        let w = try drawnWorkspace()
        let path = "\(w.dir)/report.xlsx"
        let r = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
            month: YearMonth(parsing: "2026-11")!, to: path, showPhones: false)
        #expect(r.compared == 0 && !r.qaCheckedFirst)
        #expect(try Workbook(path).sheets == ["服务抽查汇总表", "服务抽查明细表"])
    }

    @Test func aBadPeopleJSONSaysWhichFileWhichKeyAndWhy() throws {
        let w = try drawnWorkspace()
        let file = "\(w.dir)/spotcheck-config/people.json"
        func error(_ json: String) throws -> String? {
            try writePeople(w, json)
            do {
                _ = try SpotCheckReport(workspace: try w.on("2026-11-30")).run(
                    month: YearMonth(parsing: "2026-11")!, to: "\(w.dir)/r.xlsx", showPhones: false)
                return nil
            } catch let e as ConfigError {
                return e.message.zh
            }
        }
        #expect(try error(#"{"李娜": "lina"}"#) == "配置文件 \(file) 中「李娜」的值有误：应为这个人的其他写法组成的列表，如 [\"lina\", \"店铺:李娜\"]")
        #expect(
            try error(#"{"李娜": ["lina"], "林娜": ["ＬＩＮＡ"]}"#)
                == "配置文件 \(file) 中「林娜」的值有误：「ＬＩＮＡ」已属于「李娜」：一个写法只能属于一个人")
        #expect(try error(#"{"李娜": ["lina", " "]}"#) == "配置文件 \(file) 中「李娜」的值有误：别名不能为空")
        #expect(try error(#"["李娜"]"#)?.hasPrefix("配置文件 \(file) 格式有误") == true)
        #expect(!FileManager.default.fileExists(atPath: "\(w.dir)/r.xlsx"))
    }

    @Test func initCopiesAPeopleFileThatListsNoOne() throws {
        let w = try TestWorkspace()
        let copy = "\(w.dir)/spotcheck-config/people.json"
        #expect(FileManager.default.fileExists(atPath: copy))
        let people = try ConfigSource(directory: "\(w.dir)/spotcheck-config").people()
        #expect(people == .none)
    }
}
