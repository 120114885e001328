import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckText
import Testing

@testable import SpotCheckKit

@Suite("A QA report for each agent")
struct AgentReportTests {
    /// The fixture, all five transcripts sampled, three scored as the QA report's test scores them
    /// (王敏's Q1 90 fail with a phone number in the comment, Q2 100; 刘洋's C1 92.5).
    func scored() throws -> TestWorkspace {
        let w = try QAFixture.imported()
        try AuditSample(workspace: try w.on("2026-10-08")).run(period: september, rate: 1, seed: 1, drawnBy: "孙悦")
        let audit = "\(w.dir)/audit.xlsx", scored = "\(w.dir)/scored.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-08")).export(period: september, to: audit)
        let script = scoreScript.replacingOccurrences(of: #""用了服务忌语""#, with: #""用了服务忌语，顾客留了电话13812345678""#)
        try python(script, [audit, scored])
        _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: scored)
        return w
    }

    @Test func eachAgentsFiguresAgainstTheTeamsItemsLostAndTranscripts() throws {
        let w = try scored()
        let dir = "\(w.dir)/个人报告"
        let r = try AgentReport(workspace: try w.on("2026-10-15")).run(period: september, to: dir)
        #expect(r.files.map(\.agent) == ["刘洋", "王敏"])
        #expect(r.files.map(\.path) == ["\(dir)/质检报告-2026-09-刘洋.xlsx", "\(dir)/质检报告-2026-09-王敏.xlsx"])
        #expect(r.files.map(\.scored) == [1, 2] && r.files.allSatisfy(\.smallSample))
        let mode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                == r.files.map { ($0.path as NSString).lastPathComponent }.sorted())

        let book = try Workbook(r.files[1].path)
        #expect(book.sheets == ["个人质检报告", "抽检会话明细"])
        let s = try book.rows("个人质检报告")
        func row(_ label: String) -> [String]? { s.values.first { $0.first == label } }
        #expect(s[1]?.first == "2026-09 客服质检报告：王敏")
        #expect(row("客服")?[1] == "王敏")
        #expect(row("合格线")?[1] == "80")
        #expect(row("指标") == ["指标", "本人", "团队"])
        #expect(row("服务量") == ["服务量", "2", "5"])
        #expect(row("已抽检") == ["已抽检", "2", "5"])
        #expect(row("已评分") == ["已评分", "2", "3"])
        #expect(row("平均分")?[1] == "95")
        #expect(close(row("平均分")?[2], (90 + 100 + 92.5) / 3))
        #expect(row("合格率")?[1] == "0.5")
        #expect(close(row("合格率")?[2], 2.0 / 3.0))
        // 王敏: a banned phrase, a slow first response, no closing in two chats; the team: 7 in 5.
        #expect(row("问题总数（每百会话）") == ["问题总数（每百会话）", "150", "140"])
        #expect(row("服务忌语（每百会话）") == ["服务忌语（每百会话）", "50", "20"])
        #expect(row("首次响应超时（每百会话）") == ["首次响应超时（每百会话）", "50", "20"])
        #expect(row("静音未重复提示（每百会话）") == ["静音未重复提示（每百会话）", "0", "20"])
        #expect(row("样本较少：本期仅 2 个已评分会话（少于 5 个），平均分和合格率仅供参考") != nil)
        // The items lost most: 王敏 lost points on one item in one of two scored transcripts.
        #expect(row("评分项") == ["评分项", "类别", "失分会话数", "占本人已评分", "团队占比"])
        let lost = row("未使用服务忌语")!
        #expect(Array(lost[0...3]) == ["未使用服务忌语", "话术规范性", "1", "0.5"])
        #expect(close(lost[4], 1.0 / 3.0))
        #expect(row("及时响应（15秒内，含自动回复）") == nil)

        let d = try book.rows("抽检会话明细")
        #expect(d.count == 3)
        #expect(Array(d[1]![0...5]) == ["序号", "会话编号", "渠道", "开始时间", "审核人", "自动检查结果"])
        #expect(Array(d[1]![14...17]) == ["总分", "是否合格", "否决项", "评语"])
        #expect(d[2]!.prefix(6) == ["1", "Q1", "聊天", "2026-09-03 10:00:00", "孙悦", "10:00:40 服务忌语：「沒辦法」（推诿）"])
        #expect(
            Array(d[2]![6...17]) == [
                "10", "10", "10", "10", "0", "10", "10", "10", "90", "不合格", "未使用服务忌语", "用了服务忌语，顾客留了电话138****5678",
            ])
        #expect(d[3]!.prefix(2) == ["2", "Q2"] && d[3]![14...15] == ["100", "合格"])

        // 刘洋's items lost: 及时响应 in his one scored transcript.
        let liu = try Workbook(r.files[0].path).rows("个人质检报告")
        let response = liu.values.first { $0.first == "及时响应（15秒内，含自动回复）" }!
        #expect(response[1...3] == ["流程合规性", "1", "1"])
        #expect(liu.values.first { $0.first == "平均分" }?[1] == "92.5")
        #expect(try Workbook(r.files[0].path).rows("抽检会话明细").count == 2)
    }

    @Test func phonesShownOnRequestFilesRefusedUnlessForced() throws {
        let w = try scored()
        let dir = "\(w.dir)/out"
        let ws = try w.on("2026-10-15")
        _ = try AgentReport(workspace: ws).run(period: september, to: dir)
        do {
            _ = try AgentReport(workspace: ws).run(period: september, to: dir, showPhones: true)
            Issue.record("no error")
        } catch let e as FileError {
            #expect(e.file == "\(dir)/质检报告-2026-09-刘洋.xlsx" && e.message == Catalog.QA.agentFileExists)
        }
        let r = try AgentReport(workspace: ws).run(period: september, to: dir, force: true, showPhones: true)
        let d = try Workbook(r.files[1].path).rows("抽检会话明细")
        #expect(d[2]![17] == "用了服务忌语，顾客留了电话13812345678")
    }

    @Test func anAgentWithFiveScoredHasNoSmallSampleNoteAndNamesAreMadeSafe() throws {
        let w = try scored()
        let ws = try w.on("2026-10-15", lang: .en)
        let names = AgentReport(workspace: ws).fileNames(["a/b", "a:b", " .王敏* "], period: september, in: "d")
        #expect(
            names.0 == [
                "d/qa-report-2026-09-a_b.xlsx", "d/qa-report-2026-09-a_b-2.xlsx", "d/qa-report-2026-09-_王敏_.xlsx",
            ])
        #expect(names.1 == [Catalog.QA.sameFileName("a/b", "a:b")])
        #expect(FileName.safe("店铺:客服\n") == "店铺_客服" && FileName.safe("..") == "_." && FileName.safe("") == "_")
        #expect(FileName.safe(String(repeating: "王", count: 80)).utf8.count == 150)

        let r = try AgentReport(workspace: ws).run(period: september, to: "\(w.dir)/en")
        let book = try Workbook(r.files[0].path)
        #expect(book.sheets == ["QA report", "Audited transcripts"])
        #expect(
            try book.rows("QA report").values.contains { $0.first?.hasPrefix("small sample: only 1 scored") == true })

        let card = try ws.qa().scorecard
        let top = card.score(Dictionary(uniqueKeysWithValues: card.items.map { ($0.id, $0.top) }))!
        var figures = QAFigures.Figures()
        for _ in 0..<5 { figures.add(top) }
        #expect(!figures.isSmallSample)
        figures.results.removeLast()
        #expect(figures.isSmallSample)
    }

    @Test func beforeAnyScoresEachAgentsReportSaysSo() throws {
        let w = try QAFixture.imported()
        let r = try AgentReport(workspace: try w.on("2026-10-15")).run(period: september, to: "\(w.dir)/none")
        #expect(r.checkedFirst && r.files.map(\.scored) == [0, 0])
        let book = try Workbook(r.files[1].path)
        let s = try book.rows("个人质检报告")
        #expect(s.values.first { $0.first == "平均分" } == ["平均分", "无数据", "无数据"])
        #expect(s.values.first { $0.first == "问题总数（每百会话）" } == ["问题总数（每百会话）", "150", "140"])
        #expect(s.values.contains { $0.first == "样本较少：本期仅 0 个已评分会话（少于 5 个），平均分和合格率仅供参考" })
        #expect(s.values.contains { $0.first == "本期还没有已评分的抽检会话" })
        #expect(try book.rows("抽检会话明细")[2] == ["本期还没有已评分的抽检会话"])
    }
}
