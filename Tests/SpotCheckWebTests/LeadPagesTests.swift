import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText
import SpotCheckWeb
import Testing

/// The lead's pages, through Hummingbird's test client, over the demo shop's months.
@Suite("The lead's pages (组长)")
struct LeadPagesTests {
    /// The demo's month 2026-10 is drawn on 26 October: its window holds that day.
    static let now = "2026-10-26 10:00"

    func run(_ body: @escaping @Sendable (RoleBench, any TestClientProtocol) async throws -> Void) async throws {
        let bench = try RoleBench()
        let app = Application(router: try bench.app(now: Self.now).router())
        try await app.test(.router) { client in try await body(bench, client) }
    }

    @Test("The month page shows the window, the deadline and the draw's figures from the Kit")
    func monthPage() async throws {
        try await run { bench, client in
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let page = visibleText(String(buffer: try await lead.get(client, "/lead?month=2026-09").body))
            let summary = try bench.workspace().store().read { db in
                try MonthlyDraw.current(month: #require(YearMonth(parsing: "2026-09")), db).1
            }
            #expect(page.contains("2026-08-27 – 2026-09-26"))
            #expect(page.contains("已逾期：本月名单应于 2026-09-27 递交销售主管，现已晚 29 天"))
            #expect(page.contains("随机种子 20260925"))
            #expect(page.contains("候选客户 \(summary.poolCustomers)"))
            #expect(page.contains("正选 / 最低要求 50 \(summary.drawn)"))
            let routes = try #require(summary.contactRoutes)
            #expect(page.contains("手机 \(routes["phone"] ?? -1) 平台隐私号 \(routes["platform"] ?? -1)"))
            #expect(page.contains("售后问题处理表 \(summary.rowsBySource["after-sales"] ?? -1)"))
            // The default month is the one whose window holds today: 2026-10, due tomorrow, not drawn.
            let october = visibleText(String(buffer: try await lead.get(client, "/lead").body))
            #expect(october.contains("2026-10 服务回访抽查"))
            #expect(october.contains("递交销售主管截止：2026-10-27（还剩 1 天）"))
            #expect(october.contains("本月还没有抽样"))
        }
    }

    @Test("Another role gets 403, an anonymous visitor is sent to sign in, a POST without its token is refused")
    func access() async throws {
        try await run { bench, client in
            let anonymous = try await client.execute(uri: "/lead/progress?month=2026-09", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login?next=/lead/progress") == true)
            let caller = try await RoleBrowser.signIn(client, as: "回访员甲", home: "/caller")
            for path in ["/lead", "/lead/upload", "/lead/assign", "/lead/progress", "/lead/download/report"] {
                #expect(try await caller.get(client, path).status == .forbidden, "\(path)")
            }
            let manager = try await RoleBrowser.signIn(client, as: "主管", home: "/manager")
            #expect(try await manager.get(client, "/lead/upload").status == .forbidden)
            let byManager = try await manager.post(client, "/lead/draw", [("month", "2026-10")])
            #expect(byManager.status == .forbidden)

            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let draws = try bench.count("draws")
            let noToken = try await lead.post(client, "/lead/draw", [("month", "2026-10")], csrf: false)
            #expect(noToken.status == .forbidden)
            let wrong = RoleBrowser(cookie: lead.cookie, csrf: "not-the-token")
            #expect(try await wrong.post(client, "/lead/submit", [("month", "2026-09")]).status == .forbidden)
            #expect(
                try await wrong.upload(client, file: "\(RoleBench.samples)/2026-10/淘宝-退款导出.csv").status == .forbidden)
            #expect(try bench.count("draws") == draws)
            #expect(try bench.count("submissions") == 0)
            #expect(try await lead.get(client, "/lead/upload").body.readableBytes > 0)
            #expect(!String(buffer: try await lead.get(client, "/lead/upload").body).contains("淘宝-退款导出.csv"))
        }
    }

    @Test("An upload with a bad row imports nothing of any file and names the file, row, column and value")
    func badUpload() async throws {
        try await run { bench, client in
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let bad = bench.dir + "/售后-十月补录.csv"
            try [
                "客户,手机号,旺旺号,订单编号,商品,购买日期,问题描述,处理人,处理日期",
                "张三,13800138000,zs001,4001,枕头,2026-10-01,漏发,王敏,2026-10-03",
                "李四,13900139000,ls002,4002,被子,2026-10-02,破损,王敏,2026-10-45",
            ].joined(separator: "\r\n").write(toFile: bad, atomically: true, encoding: .utf8)
            let records = try bench.count("records"), orders = try bench.count("orders")
            let imports = try bench.count("imports")
            let staged = try await lead.upload(client, file: bad)
            #expect(staged.status == .created)
            let guess = try JSONSerialization.jsonObject(with: Data(buffer: staged.body)) as? [String: Any]
            #expect(guess?["guess"] as? String == "after-sales")
            let good = try await lead.upload(
                client, file: "\(RoleBench.samples)/2026-10/淘宝-ExportOrderList202610251000.csv")
            #expect(good.status == .created)

            let form = String(buffer: try await lead.get(client, "/lead/upload?month=2026-10").body)
            #expect(form.contains("<option value=\"after-sales\" selected>售后问题处理表</option>"))
            #expect(form.contains("<option value=\"orders\" selected>订单导出</option>"))
            let refused = try await lead.post(
                client, "/lead/upload/import", [("month", "2026-10"), ("kind_1", "after-sales"), ("kind_2", "orders")])
            #expect(refused.status == .unprocessableContent)
            let page = visibleText(String(buffer: refused.body))
            #expect(page.contains("1 行数据有误：所有文件都未导入（数据库未改变）"))
            #expect(page.contains("售后-十月补录.csv 3 处理日期 2026-10-45"))
            #expect(try bench.count("records") == records)
            #expect(try bench.count("orders") == orders)
            #expect(try bench.count("imports") == imports)
            // The files stay for another try.
            #expect(page.contains("售后-十月补录.csv") && page.contains("淘宝-ExportOrderList202610251000.csv"))
        }
    }

    @Test("A damaged workbook and an empty file upload without a crash, say why, and import nothing")
    func damagedUpload() async throws {
        try await run { bench, client in
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let broken = bench.dir + "/售后-损坏.xlsx"
            try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(
                to: URL(fileURLWithPath: broken))
            let empty = bench.dir + "/空白.csv"
            try Data().write(to: URL(fileURLWithPath: empty))
            let records = try bench.count("records"), imports = try bench.count("imports")
            for file in [broken, empty] {
                let staged = try await lead.upload(client, file: file)
                #expect(staged.status == .created)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: staged.body)) as? [String: Any]
                #expect(json?["guess"] == nil, "no kind guessed for \(file)")
                #expect((json?["problem"] as? [String])?.isEmpty == false, "a reason is given for \(file)")
            }
            let form = visibleText(String(buffer: try await lead.get(client, "/lead/upload?month=2026-10").body))
            #expect(form.contains("售后-损坏.xlsx") && form.contains("空白.csv"))
            let refused = try await lead.post(
                client, "/lead/upload/import", [("month", "2026-10"), ("kind_1", "after-sales"), ("kind_2", "courier")])
            #expect(refused.status == .unprocessableContent)
            #expect(try bench.count("records") == records)
            #expect(try bench.count("imports") == imports)
        }
    }

    @Test("The month's exports upload with their kinds told by the headers, import, draw, redraw and assign")
    func uploadDrawAssign() async throws {
        try await run { bench, client in
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let october = try #require(YearMonth(parsing: "2026-10"))
            let files: [(String, String)] = [
                ("orders", "淘宝-ExportOrderList202610251000.csv"), ("orders", "京东-订单导出.xlsx"),
                ("orders", "拼多多-订单导出.csv"), ("orders", "抖店-订单导出.csv"), ("after-sales", "淘宝-退款导出.csv"),
                ("after-sales", "京东-售后服务单.xlsx"), ("after-sales", "拼多多-售后导出.csv"),
                ("after-sales", "抖店-售后导出.xlsx"), ("courier", "快递异常登记表.xlsx"), ("reviews", "淘宝-评价导出.xlsx"),
            ]
            var kinds: [(String, String)] = [("month", "2026-10")]
            for (i, (kind, file)) in files.enumerated() {
                let r = try await lead.upload(client, file: "\(RoleBench.samples)/2026-10/\(file)")
                let json = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                #expect(json?["guess"] as? String == kind, "\(file)")
                kinds.append(("kind_\(i + 1)", kind))
            }
            let records = try bench.count("records")
            let imported = try await lead.post(client, "/lead/upload/import", kinds)
            #expect(imported.status == .ok)
            let said = visibleText(String(buffer: imported.body))
            #expect(said.contains("已导入"))
            #expect(said.contains("淘宝-退款导出.csv：淘宝/天猫导出"))
            #expect(try bench.count("records") > records)
            #expect(!said.contains("待导入的文件"))

            let drawn = try await lead.post(client, "/lead/draw", [("month", "2026-10"), ("seed", "20261026")])
            #expect(drawn.status == .ok)
            let summary = try bench.workspace().store().read { db in try MonthlyDraw.current(month: october, db).1 }
            #expect(summary.seed == 20_261_026 && summary.drawnBy == "组长")
            let page = visibleText(String(buffer: drawn.body))
            #expect(page.contains("已抽取正选 \(summary.drawn) 位、备选 \(summary.reserves) 位（随机种子 20261026）"))

            let unconfirmed = try await lead.post(client, "/lead/draw", [("month", "2026-10"), ("redraw", "1")])
            #expect(unconfirmed.status == .unprocessableContent)
            let again = try await lead.post(client, "/lead/draw", [("month", "2026-10"), ("seed", "7")])
            #expect(visibleText(String(buffer: again.body)).contains("2026-10 已于"))
            let redrawn = try await lead.post(
                client, "/lead/draw", [("month", "2026-10"), ("redraw", "1"), ("confirm", "yes"), ("seed", "7")])
            #expect(redrawn.status == .ok)
            #expect(visibleText(String(buffer: redrawn.body)).contains("原抽样（编号 \(summary.drawId)）保留在记录中"))
            let second = try bench.workspace().store().read { db in try MonthlyDraw.current(month: october, db).1 }
            #expect(second.seed == 7 && second.replaces == summary.drawId)

            let even = try await lead.post(client, "/lead/assign/even", [("month", "2026-10")])
            #expect(even.status == .seeOther)
            let ws = try bench.workspace()
            let m = try ws.store().read { db in try MonthCases.load(month: october, config: ws.config, db) }
            var callers = try CaseAssignments(workspace: ws).callers(of: m)
            #expect(m.sample.allSatisfy { callers[$0.item.itemNo] != nil })
            let counts = Dictionary(grouping: m.sample, by: { callers[$0.item.itemNo] ?? "" }).mapValues(\.count)
            #expect(counts["回访员甲"] == (m.sample.count + 1) / 2 && counts["回访员乙"] == m.sample.count / 2)
            let first = try #require(m.sample.first(where: { callers[$0.item.itemNo] == "回访员甲" })).item.itemNo
            let one = try await lead.post(client, "/lead/assign", [("month", "2026-10"), ("caller_\(first)", "回访员乙")])
            #expect(one.headers[.location] == "/lead/assign?month=2026-10&saved=1")
            callers = try CaseAssignments(workspace: ws).callers(of: m)
            #expect(callers[first] == "回访员乙")
            let assignPage = visibleText(
                String(buffer: try await lead.get(client, "/lead/assign?month=2026-10&saved=1").body))
            #expect(assignPage.contains("已分配 1 个个案"))
            #expect(assignPage.contains("回访员乙 \(counts["回访员乙", default: 0] + 1)"))

            let log = try AuditLog(workspace: ws).entries(month: october).map(\.action)
            #expect(log.filter { $0 == "draw" }.count == 2)
            #expect(log.filter { $0 == "import" }.count == 1 && log.filter { $0 == "assign" }.count == 2)
        }
    }

    @Test("A redraw over recorded calls is refused as the CLI refuses it, unless the calls are given up")
    func redrawOverCalls() async throws {
        try await run { bench, client in
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let september = try #require(YearMonth(parsing: "2026-09"))
            let before = try bench.workspace().store().read { db in try MonthlyDraw.current(month: september, db).1 }
            let form = String(buffer: try await lead.get(client, "/lead?month=2026-09").body)
            #expect(form.contains("name=\"discardCalls\""))
            let refused = try await lead.post(
                client, "/lead/draw", [("month", "2026-09"), ("redraw", "1"), ("confirm", "yes")])
            #expect(refused.status == .unprocessableContent)
            #expect(visibleText(String(buffer: refused.body)).contains("确认请勾选放弃这些记录"))
            let same = try bench.workspace().store().read { db in try MonthlyDraw.current(month: september, db).1 }
            #expect(same.drawId == before.drawId)
            let redrawn = try await lead.post(
                client, "/lead/draw",
                [("month", "2026-09"), ("redraw", "1"), ("confirm", "yes"), ("discardCalls", "yes"), ("seed", "5")])
            #expect(redrawn.status == .ok)
            #expect(visibleText(String(buffer: redrawn.body)).contains("留在被替代的抽样（编号 \(before.drawId)）上"))
            let after = try bench.workspace().store().read { db in try MonthlyDraw.current(month: september, db).1 }
            #expect(after.replaces == before.drawId && after.seed == 5)
        }
    }

    @Test("The progress page shows the month's states, reserves and escalations; submitting records it")
    func progressAndSubmit() async throws {
        try await run { bench, client in
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let ws = try bench.workspace()
            let september = try #require(YearMonth(parsing: "2026-09"))
            let status = try MonthStatus.load(month: september, in: ws)
            let html = String(buffer: try await lead.get(client, "/lead/progress?month=2026-09").body)
            let page = visibleText(html)
            #expect(page.contains("计入打分 / 最低要求 47 / 50 还差 3"))
            #expect(page.contains("已启用备选 7 / 10"))
            #expect(page.contains("联系不上 4 拒接 3 进行中 3"))
            #expect(page.contains("服务满意度 \(String(format: "%.2f", status.satisfaction ?? 0))"))
            for r in status.reservesInPlay { #expect(page.contains("\(r) ")) }
            #expect(
                html.components(separatedBy: "data-due=").count - 1
                    == status.escalations.filter { $0.state == "open" || $0.state == "overdue" }.count)
            #expect(html.contains("data-now=\"2026-10-26T10:00:"))

            let submitted = try await lead.post(client, "/lead/submit", [("month", "2026-09")])
            #expect(submitted.status == .ok)
            let after = visibleText(String(buffer: submitted.body))
            #expect(after.contains("由 组长 递交销售主管（截止 2026-09-27，逾期 29 天）"))
            #expect(after.contains("递交时计入打分的个案还差 3 个达到最低要求，仍有 3 个个案未结束"))
            #expect(try MonthStatus.load(month: september, in: ws).submitted?.by == "组长")
            let month = visibleText(String(buffer: try await lead.get(client, "/lead?month=2026-09").body))
            #expect(month.contains("已于 2026-10-26 10:00 由 组长 递交销售主管"))
            #expect(try AuditLog(workspace: ws).entries(month: september).first?.action == "submit")
        }
    }

    @Test("The report and the call list download as the CLI writes them, the cells read back")
    func downloads() async throws {
        try await run { bench, client in
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            let ws = try bench.workspace()
            let september = try #require(YearMonth(parsing: "2026-09"))
            let m = try ws.store().read { db in try MonthCases.load(month: september, config: ws.config, db) }

            let report = try await lead.get(client, "/lead/download/report?month=2026-09")
            #expect(report.status == .ok)
            #expect(report.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let disposition = try #require(report.headers[.contentDisposition])
            #expect(disposition.contains("filename=\"spot-check-report-2026-09.xlsx\""))
            #expect(
                disposition.contains(
                    "filename*=UTF-8''%E6%9C%8D%E5%8A%A1%E6%8A%BD%E6%9F%A5%E6%8A%A5%E8%A1%A8-2026-09.xlsx"))
            let path = bench.dir + "/report.xlsx"
            try Data(buffer: report.body).write(to: URL(fileURLWithPath: path))
            let summary = try sheetRows(path, "服务抽查汇总表")
            let satisfaction = try #require(summary.first { $0.first == "服务满意度" })
            let value = try #require(Double(satisfaction[1]))
            #expect(abs(value - (m.figures.satisfaction.value ?? 0)) < 1e-9)
            #expect(summary.first { $0.first == "计入打分的回访数" }?[1] == "\(m.figures.counted)")
            let detail = try sheetRows(path, "服务抽查明细表")
            #expect(detail.count == m.sample.count + 1)

            let list = try await lead.get(client, "/lead/download/call-list?month=2026-09")
            #expect(list.status == .ok)
            let listPath = bench.dir + "/list.xlsx"
            try Data(buffer: list.body).write(to: URL(fileURLWithPath: listPath))
            let rows = try sheetRows(listPath, "回访名单")
            #expect(rows.count == m.cases.count + 1)

            let notDrawn = try await lead.get(client, "/lead/download/report?month=2026-12")
            #expect(notDrawn.status == .unprocessableContent)
            #expect(visibleText(String(buffer: notDrawn.body)).contains("2026-12 还没有抽样"))
        }
    }
}
