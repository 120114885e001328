import Foundation
import Testing

@Suite("spotcheck from the command line")
struct CLITests {
    let samples = "\(repositoryRoot)/Samples"

    @Test func theMonthEndToEnd() throws {
        let s = try Scratch()
        let initRun = try s.run(["init"])
        #expect(initRun.status == 0)
        #expect(initRun.stdout.contains("已创建工作区：数据库 spotcheck.db"))
        #expect(FileManager.default.fileExists(atPath: "\(s.dir)/spotcheck-config/columns.json"))
        for (kind, file) in [
            ("after-sales", "售后问题处理表.xlsx"), ("courier", "快递件处理表.csv"), ("reviews", "评价收集表.xlsx"),
            ("vip", "VIP客户名单.csv"),
        ] {
            let r = try s.run(["import", "--kind", kind, "--month", "2026-09", "\(samples)/2026-09/\(file)"])
            #expect(r.status == 0, "\(kind): \(r.stderr)")
        }
        let again = try s.run(["import", "--kind", "courier", "\(samples)/2026-09/快递件处理表.csv"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("的内容此前已全部导入，数据库未改变"))

        let drawRun = try s.run(["sample", "--month", "2026-09", "--seed", "20261125", "--json"])
        #expect(drawRun.status == 0, "\(drawRun.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(drawRun.stdout.utf8)) as! [String: Any]
        #expect(summary["drawn"] as? Int == 50)
        #expect(summary["reserves"] as? Int == 10)
        #expect(summary["seed"] as? Int == 20261125)
        #expect(summary["days_left"] as? Int == 2)
        #expect(summary["deadline"] as? String == "2026-09-27")
        #expect(summary["drawn_by"] as? String == "组长")
        #expect(
            (summary["pool_by_source"] as? [String: Int])?.keys.sorted() == [
                "after-sales", "courier", "reviews", "vip",
            ])

        let export = try s.run(["export", "call-list", "--month", "2026-09", "-o", "名单.xlsx"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("回访名单已写入 名单.xlsx：正选 50 位，备选 10 位"))
        let book = try Book("\(s.dir)/名单.xlsx")
        #expect(book.reader.sheetNames == ["说明", "回访名单", "_spotcheck"])
        let list = try book.rows("回访名单")
        #expect(list.count == 61)
        #expect(list[1]?[0] == "序号" && list[1]?[15] == "回访话术" && list[1]?[5] == "联系方式")
        for row in 2...61 {
            let cells = list[row]!
            #expect(!cells[15].isEmpty && cells[15].contains("请您用五分制对我们的服务进行评价"))
            // Every customer has a route: a phone, the platform's privacy number, or a buyer ID.
            #expect(["手机", "平台隐私号", "旺旺"].contains(cells[5]))
            #expect(cells[5] != "手机" || !cells[3].isEmpty)
            #expect(cells[5] != "旺旺" || !cells[7].isEmpty)
        }
        let cover = try book.rows("说明")
        #expect(cover.values.contains { $0.first == "随机种子" && $0.last == "20261125" })
        #expect(cover.values.contains { $0.first == "递交销售主管截止日期" && $0.last == "2026-09-27（剩余 2 天）" })
        let xml = try book.part("xl/worksheets/sheet2.xml")
        #expect(xml.contains("<dataValidations count="))
        #expect(xml.contains("state=\"frozen\""))
    }

    @Test func theSameSeedWritesTheSameCellsTwice() throws {
        var lists: [[Int: [String]]] = []
        for _ in 0..<2 {
            let s = try Scratch()
            try s.run(["init"])
            try s.run(["import", "--kind", "after-sales", "\(samples)/2026-09/售后问题处理表.xlsx"])
            try s.run(["import", "--kind", "reviews", "\(samples)/2026-09/评价收集表.xlsx"])
            #expect(try s.run(["sample", "--month", "2026-09", "--seed", "5"]).status == 0)
            #expect(try s.run(["export", "call-list", "--month", "2026-09", "-o", "l.xlsx"]).status == 0)
            lists.append(try Book("\(s.dir)/l.xlsx").rows("回访名单"))
        }
        #expect(lists[0] == lists[1])
    }

    @Test func globalOptionsStandBeforeTheCommandAndEnglishWorks() throws {
        let s = try Scratch()
        #expect(try s.run(["--db", "shop.db", "init"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: "\(s.dir)/shop.db"))
        let r = try s.run([
            "--db", "shop.db", "--lang", "en", "import", "--kind", "reviews", "\(samples)/2026-08/评价收集表.csv",
        ])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("review sheet "))
        #expect(r.stdout.contains("read 50 rows, 50 new"))
        let env = try s.run(
            ["import", "--kind", "reviews", "\(samples)/2026-08/评价收集表.csv"], env: ["SPOTCHECK_DB": "shop.db"])
        #expect(env.status == 0 && env.stdout.contains("此前已全部导入"))
    }

    @Test func badInputExitsNonZeroNamesTheProblemAndLeavesTheDatabaseAsItWas() throws {
        let s = try Scratch()
        try s.run(["init"])
        try s.run(["import", "--kind", "after-sales", "\(samples)/2026-08/售后问题处理表.csv"])
        let before = s.bytes("spotcheck.db")
        let cases: [([String], String)] = [
            (
                ["import", "--kind", "complaints", "x.csv"],
                "无法识别「complaints」。您是否要输入「courier」？可用：after-sales、courier、reviews、vip、orders"
            ),
            (
                ["import", "--kind", "after-sales", s.write("missing.csv", "客户,商品\n张丽,被子\n")],
                "missing.csv：找不到必需的列：买家ID（旺旺号）/手机号/订单号 其中之一；处理日期/登记/申请日期 其中之一（售后问题处理表）。文件中的表头：客户、商品。"
            ),
            (
                [
                    "import", "--kind", "after-sales",
                    s.write("baddate.csv", "客户,手机号,处理日期\n张丽,13812345678,2026-11-31\n"),
                ],
                "baddate.csv 第 2 行，列「处理日期」，值「2026-11-31」：日期不存在"
            ),
            (["import", "--kind", "after-sales", s.write("empty.csv", "")], "empty.csv：文件是空的"),
            (["import", "--kind", "after-sales", s.write("header.csv", "客户,手机号,处理日期\n")], "header.csv：文件只有表头，没有数据行"),
            (
                ["import", "--kind", "after-sales", s.write("fake.xlsx", "客户,手机号,处理日期\n张丽,13812345678,2026-11-03\n")],
                "但内容不是 XLSX 工作簿"
            ),
            (["import", "--kind", "after-sales", "nothere.csv"], "错误：nothere.csv：找不到文件"),
            (["sample", "--month", "2026-09", "--size", "10"], "错误：抽查数量 10 低于最低要求 50"),
            (["sample", "--month", "2026-13"], "错误：无法识别的月份「2026-13」"),
            (["export", "call-list", "--month", "2026-12", "-o", "x.xlsx"], "错误：2026-12 还没有抽样"),
            (
                [
                    "call", "--month", "2026-08", "--item", "1", "--at", "2026-08-28 10:00", "--result", "scored",
                    "--score", "5",
                ], "错误：2026-08 还没有抽样"
            ),
            (
                ["call", "--month", "2026-08", "--item", "1", "--at", "2026-08-28 10:00", "--result", "scored"],
                "错误：结果是“已接通并评分”，但没有填写评分（1–5）"
            ),
            (
                ["call", "--month", "2026-08", "--item", "1", "--at", "2026-08-28 10:00", "--result", "answered"],
                "错误：命令行参数有误（说明见下方）；运行 spotcheck --help 或 spotcheck <命令> --help 查看用法\nError: The value 'answered' is invalid for '--result <result>'"
            ),
            (["results", "import", "nothere.xlsx"], "找不到文件"),
            (["status", "--month", "2026-08"], "错误：2026-08 还没有抽样"),
            (["report", "--month", "2026-08", "-o", "r.xlsx"], "错误：2026-08 还没有抽样"),
        ]
        for (args, expected) in cases {
            let r = try s.run(args)
            #expect(r.status != 0, "\(args) should fail")
            #expect(r.stderr.contains(expected), "\(args): \(r.stderr)")
            #expect(s.bytes("spotcheck.db") == before, "\(args) changed the database")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(s.dir)/x.xlsx"))
    }

    @Test func withoutAWorkspaceTheToolSaysToRunInit() throws {
        let s = try Scratch()
        let r = try s.run(["sample", "--month", "2026-09"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("数据库 spotcheck.db 不存在。请先运行 `spotcheck init`"))
        #expect(!FileManager.default.fileExists(atPath: "\(s.dir)/spotcheck.db"))
    }

    @Test func lateDrawsAreSaidPlainly() throws {
        let s = try Scratch()
        try s.run(["init"])
        try s.run(["import", "--kind", "after-sales", "\(samples)/2026-08/售后问题处理表.csv"])
        let r = try s.run(["sample", "--month", "2026-08", "--seed", "1"], today: "2026-09-02")
        #expect(r.status == 0)
        #expect(r.stderr.contains("警告：已逾期：本月名单应于 2026-08-27 递交销售主管，现已晚 6 天"))
    }

    @Test func theDemoRunsBothMonthsAndShowsTheHistoryExclusion() throws {
        let s = try Scratch()
        let r = try s.run(["demo", "--out", "out"], today: nil)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(s.dir)/out/回访名单-2026-08.xlsx"))
        #expect(FileManager.default.fileExists(atPath: "\(s.dir)/out/服务抽查报表-2026-09.xlsx"))
        let cover = try Book("\(s.dir)/out/回访名单-2026-09.xlsx").rows("说明")
        let excluded = cover.values.first { $0.first == "近 12 个月已回访而排除" }?.last
        #expect(Int(excluded ?? "0")! > 0)
        #expect(r.stdout.contains("近 12 个月已回访、本次排除"))
        #expect(!FileManager.default.fileExists(atPath: "\(s.dir)/spotcheck.db"))  // a throw-away workspace
        // Transcript QA of September, end to end.
        #expect(r.stdout.contains("== 2026-09 客服质检"))
        #expect(FileManager.default.fileExists(atPath: "\(s.dir)/out/抽检评分表-2026-09.xlsx"))
        let qa = try Book("\(s.dir)/out/质检报表-2026-09.xlsx")
        #expect(try qa.rows("质检明细表").count == 56)  // the header and the 55 scored transcripts
        #expect(try qa.rows("问题明细").count == 132)
    }
}

@Suite("Calls, results, status and report from the command line")
struct CLICallsTests {
    let samples = "\(repositoryRoot)/Samples"

    /// The demo's two months drawn as the demo draws them, in a workspace made as the demo's
    /// (`init --demo`), to which the filled workbooks in Samples/ belong.
    func drawn(demo: Bool = true) throws -> Scratch {
        let s = try Scratch()
        try s.run(demo ? ["init", "--demo"] : ["init"])
        for (month, today, seed, files) in [
            (
                "2026-08", "2026-08-26", "20260826",
                [
                    ("after-sales", "售后问题处理表.csv"), ("courier", "快递件处理表.xlsx"), ("reviews", "评价收集表.csv"),
                    ("vip", "VIP客户名单.xlsx"),
                ]
            ),
            (
                "2026-09", "2026-09-25", "20260925",
                [
                    ("after-sales", "售后问题处理表.xlsx"), ("courier", "快递件处理表.csv"), ("reviews", "评价收集表.xlsx"),
                    ("vip", "VIP客户名单.csv"),
                ]
            ),
        ] {
            for (kind, file) in files {
                #expect(
                    try s.run(
                        ["import", "--kind", kind, "--month", month, "\(samples)/\(month)/\(file)"], today: today
                    ).status == 0)
            }
            #expect(try s.run(["sample", "--month", month, "--seed", seed], today: today).status == 0)
        }
        return s
    }

    @Test func theCallersFilledListStatusAndReport() throws {
        let s = try drawn()
        let filled = "\(samples)/2026-09/回访名单-已填写.xlsx"
        let r = try s.run(["results", "import", filled], today: "2026-10-08")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("读取 57 行已填写的记录；新增拨打 81 次，撤销 0 次，更新个案 57 个"))
        #expect(r.stderr.contains("时段外拨打：2 次"))
        let again = try s.run(["results", "import", filled], today: "2026-10-09")
        #expect(again.stdout.contains("的内容此前已全部导入，数据库未改变"))

        let status = try s.run(["status", "--month", "2026-09", "--json"], today: "2026-10-08")
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        #expect(json["counted"] as? Int == 47)
        #expect(json["rows"] as? Int == 57)
        #expect(json["unreachable"] as? Int == 4 && json["rejected"] as? Int == 3 && json["open"] as? Int == 3)
        #expect((json["reserves_in_play"] as? [Int]) == [51, 52, 53, 54, 55, 56, 57])
        #expect(json["attempts_outside_hours"] as? Int == 2)
        #expect(json["days_late"] as? Int == 11)
        let text = try s.run(["status", "--month", "2026-09"], today: "2026-10-08")
        #expect(text.stdout.contains("计入打分：47 / 最低要求 50"))
        #expect(text.stdout.contains("已启用备选：7 / 10（序号 51、52、53、54、55、56、57）"))

        let report = try s.run(["report", "--month", "2026-09", "-o", "报表.xlsx"], today: "2026-10-08")
        #expect(report.status == 0)
        #expect(report.stdout.contains("服务抽查报表已写入 报表.xlsx：57 个个案（手机号已隐藏中间四位）"))
        let book = try Book("\(s.dir)/报表.xlsx")
        let summary = try book.rows("服务抽查汇总表")
        let figures = Dictionary(
            summary.values.filter { $0.count >= 2 }.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        #expect(figures["计入打分的回访数"] == "47")
        #expect(figures["已启用备选"] == "7")
        let satisfaction = Double(figures["服务满意度"] ?? "")!
        let sum = Double(figures["客户打分总和"] ?? "")!
        #expect(abs(satisfaction - sum / 47) < 1e-9)
        let detail = try book.rows("服务抽查明细表")
        #expect(detail.count == 58)
        #expect(detail.values.filter { $0.count > 3 && $0[3].count == 11 }.allSatisfy { $0[3].contains("****") })
    }

    @Test func callsFromTheCommandLine() throws {
        let s = try drawn()
        let a = try s.run(
            [
                "call", "--month", "2026-09", "--item", "1", "--at", "2026-09-26 09:30", "--result", "no-answer",
                "--caller", "李娜",
            ], today: "2026-09-26")
        #expect(a.status == 0)
        #expect(a.stdout.contains("第 1 号"))
        #expect(a.stderr.contains("2026-09-26 09:30 不在可拨打时段内"))  // 中秋: rest-day hours start at 10:00
        let b = try s.run(
            [
                "call", "--month", "2026-09", "--item", "1", "--at", "2026-09-28 10:15", "--result", "scored",
                "--score", "4",
                "--note", "发货再快点",
            ], today: "2026-09-28")
        #expect(b.status == 0)
        #expect(b.stdout.contains("第 1 号个案状态：已评分（4 分）"))
        let st = try s.run(["status", "--month", "2026-09", "--json"], today: "2026-09-28")
        let json = try JSONSerialization.jsonObject(with: Data(st.stdout.utf8)) as! [String: Any]
        #expect(json["counted"] as? Int == 1 && json["satisfaction"] as? Double == 4)
        #expect(json["attempts_outside_hours"] as? Int == 1)
    }
}
