import Foundation
import Testing

@Suite("Transcript QA from the command line")
struct QACLITests {
    let samples = "\(repositoryRoot)/Samples"

    /// The demo month's transcripts imported and checked.
    func imported() throws -> Scratch {
        let s = try Scratch()
        try s.run(["init", "--demo"])
        for (channel, file) in [("chat", "聊天记录.csv"), ("call", "通话转写.jsonl"), ("call", "通话录音补录.xlsx")] {
            let r = try s.run(
                ["qa", "import", "--channel", channel, "\(samples)/2026-09/\(file)"], today: "2026-10-08")
            #expect(r.status == 0, "\(r.stderr)")
        }
        return s
    }

    @Test func importCheckSampleExportScoresAndReport() throws {
        let s = try imported()
        let again = try s.run(
            ["qa", "import", "--channel", "chat", "\(samples)/2026-09/聊天记录.csv"], today: "2026-10-08")
        #expect(again.stdout.contains("的会话此前已全部导入，数据库未改变"))

        let check = try s.run(["qa", "check", "--period", "2026-09", "--json"], today: "2026-10-08")
        #expect(check.status == 0, "\(check.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as! [String: Any]
        #expect(json["transcripts"] as? Int == 278)
        let byRule = json["by_rule"] as! [String: Int]
        #expect(byRule.values.reduce(0, +) == json["findings"] as? Int)
        #expect(
            QARuleNames.all.allSatisfy { (byRule[$0] ?? 0) > 0 }, "every rule has hits in the demo month: \(byRule)")
        let text = try s.run(["qa", "check", "--period", "2026-09"], today: "2026-10-08")
        #expect(text.stdout.contains("2026-09 自动质检：检查会话 278 个"))
        #expect(text.stdout.contains("  赵琳：会话 4 个"))

        let sample = try s.run(
            ["qa", "sample", "--period", "2026-09", "--seed", "20261008", "--json"], today: "2026-10-08")
        let drawn = try JSONSerialization.jsonObject(with: Data(sample.stdout.utf8)) as! [String: Any]
        let agents = drawn["agents"] as! [[String: Any]]
        #expect(
            agents.map { "\($0["agent"]!):\($0["volume"]!):\($0["drawn"]!)" } == [
                "刘洋:66:14", "张婷:78:16", "王敏:92:19", "赵琳:4:1", "陈静:38:8",
            ])
        let none = try s.run(["qa", "sample", "--period", "2026-09"], today: "2026-10-09")
        #expect(none.stdout.contains("每位客服都已抽够应抽数量，本次未抽取（数据库未改变）"))

        let export = try s.run(
            ["qa", "export", "audit", "--period", "2026-09", "-o", "audit.xlsx"], today: "2026-10-08")
        #expect(export.stdout.contains("抽检评分表已写入 audit.xlsx：58 个会话"), "\(export.stdout)\(export.stderr)")
        // The demo's scored workbook is this draw's (same files, same seed).
        let scores = try s.run(["qa", "scores", "import", "\(samples)/2026-09/抽检评分表-已评分.xlsx"], today: "2026-10-15")
        #expect(scores.stdout.contains("读取已评分会话 55 个，更新 55 个"), "\(scores.stdout)\(scores.stderr)")
        let report = try s.run(["qa", "report", "--period", "2026-09", "-o", "qa.xlsx"], today: "2026-10-15")
        #expect(report.status == 0)
        #expect(report.stdout.contains("质检报表已写入 qa.xlsx：已评分会话 55 个"))
        let summary = try Book("\(s.dir)/qa.xlsx").rows("质检汇总表")
        #expect(summary.values.first { $0.first == "已评分" }?[1] == "55")
        #expect(summary.values.first { $0.first == "赵琳" }?[1...3] == ["4", "1", "1"])
    }

    @Test func aReportForEachAgentOfTheDemoMonth() throws {
        let s = try imported()
        try s.run(["qa", "sample", "--period", "2026-09", "--seed", "20261008"], today: "2026-10-08")
        try s.run(["qa", "scores", "import", "\(samples)/2026-09/抽检评分表-已评分.xlsx"], today: "2026-10-15")
        let r = try s.run(["qa", "report", "--month", "2026-09", "--per-agent", "-o", "个人报告"], today: "2026-10-15")
        #expect(r.status == 0, "\(r.stderr)")
        let agents = ["刘洋", "张婷", "王敏", "赵琳", "陈静"]
        let files = agents.map { "质检报告-2026-09-\($0).xlsx" }
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(s.dir)/个人报告").sorted() == files.sorted())
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[3] == "赵琳：质检报告已写入 个人报告/质检报告-2026-09-赵琳.xlsx（已评分会话 1 个，样本较少）")
        let zhao = try Book("\(s.dir)/个人报告/\(files[3])").rows("个人质检报告")
        #expect(zhao.values.contains { $0.first?.hasPrefix("样本较少：本期仅 1 个已评分会话") == true })
        #expect(zhao.values.first { $0.first == "已评分" }?[1...2] == ["1", "55"])
        let wang = try Book("\(s.dir)/个人报告/\(files[2])").rows("个人质检报告")
        #expect(wang.values.first { $0.first == "服务量" }?[1...2] == ["92", "278"])
        #expect(!wang.values.contains { $0.first?.hasPrefix("样本较少") == true })

        let again = try s.run(["qa", "report", "--month", "2026-09", "--per-agent", "-o", "个人报告"], today: "2026-10-15")
        #expect(again.status == 1 && again.stderr.contains("文件已存在，未写入任何报告；要覆盖请加 --force"))
        let forced = try s.run(
            ["qa", "report", "--period", "2026-09", "--per-agent", "--force", "-o", "个人报告"], today: "2026-10-15")
        #expect(forced.status == 0 && forced.stdout.split(separator: "\n").count == 5)
    }

    @Test func aBadTranscriptFileExitsNonZeroAndChangesNothing() throws {
        let s = try imported()
        let before = s.bytes("spotcheck.db")
        let bad = s.write(
            "bad.csv", "会话ID,客服,发送方,发送时间,消息内容\nZ1,王敏,买家,2026-09-03 10:00:10,在吗\nZ1,王敏,客服,2026-09-03 10:00:05,您好\n")
        let r = try s.run(["qa", "import", "--channel", "chat", bad], today: "2026-10-08")
        #expect(r.status == 1)
        #expect(r.stderr.contains("错误：有 1 处数据有误，未导入任何会话（数据库未改变）"))
        #expect(r.stderr.contains("bad.csv 第 3 行，列「发送时间」，值「2026-09-03 10:00:05」：发言顺序颠倒：开始时间早于上一句"), "\(r.stderr)")
        #expect(s.bytes("spotcheck.db") == before)
        let en = try s.run(["--lang", "en", "qa", "import", bad], today: "2026-10-08")
        #expect(en.status == 1)
        #expect(
            en.stderr.contains("the file has no channel column: give --channel chat or --channel call"), "\(en.stderr)")
        let period = try s.run(["qa", "report", "--period", "2026-07", "-o", "x.xlsx"], today: "2026-10-08")
        #expect(period.status == 1)
        #expect(period.stderr.contains("2026-07 没有任何会话记录。请先用 spotcheck qa import 导入"))
        let unsampled = try s.run(
            ["qa", "export", "audit", "--period", "2026-09", "-o", "a.xlsx"], today: "2026-10-08")
        #expect(unsampled.status == 1)
        #expect(unsampled.stderr.contains("2026-09 还没有抽检。请先运行 spotcheck qa sample --period 2026-09"))
        let rate = try s.run(["qa", "sample", "--period", "2026-09", "--rate", "0"], today: "2026-10-08")
        #expect(rate.status == 1 && rate.stderr.contains("抽检比例必须大于 0、不超过 1"))
    }
}

/// The rules' names in the JSON output.
enum QARuleNames {
    static let all = [
        "banned-phrase", "silence-reprompt", "silence-apology", "dead-air", "first-response", "no-greeting",
        "no-closing",
    ]
}
