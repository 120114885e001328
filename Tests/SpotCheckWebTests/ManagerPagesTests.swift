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

/// The sales manager's page, through Hummingbird's test client, over the demo shop's months.
@Suite("The manager's page (主管)")
struct ManagerPagesTests {
    func run(_ body: @escaping @Sendable (RoleBench, any TestClientProtocol) async throws -> Void) async throws {
        let bench = try RoleBench()
        let app = Application(router: try bench.app(now: "2026-10-26 10:00").router())
        try await app.test(.router) { client in try await body(bench, client) }
    }

    /// The month's cases as the report loads them.
    func september(_ bench: RoleBench) throws -> (Workspace, MonthCases) {
        let ws = try bench.workspace()
        let month = try #require(YearMonth(parsing: "2026-09"))
        return (ws, try ws.store().read { db in try MonthCases.load(month: month, config: ws.config, db) })
    }

    @Test("The overview shows the report's satisfaction, distribution and breakdowns, QA by agent and the months")
    func overview() async throws {
        try await run { bench, client in
            let manager = try await RoleBrowser.signIn(client, as: "主管", home: "/manager")
            let (ws, m) = try september(bench)
            let f = m.figures
            let html = String(buffer: try await manager.get(client, "/manager?month=2026-09").body)
            let page = visibleText(html)
            let value = try #require(f.satisfaction.value)
            #expect(page.contains("满意度 \(String(format: "%.2f", value)) 目标 4.0"))
            #expect(page.contains("计入打分 \(f.counted)"))
            for score in 1...5 {
                #expect(html.contains(">\(Catalog.Report.scoreName(score).zh)</text>"))
                #expect(html.contains("dominant-baseline=\"middle\" fill=\"#1f2933\">\(f.count(score: score))</text>"))
            }
            let b = MonthBreakdowns(m, lang: .zh)
            for g in b.bySource + b.byHandler + b.byCaller {
                let v = g.figures.satisfaction.value.map { String(format: "%.2f", $0) } ?? "无数据"
                #expect(page.contains("\(g.name) \(g.figures.cases) \(g.figures.counted) \(v)"), "\(g.name)")
            }
            #expect(b.byHandler.count > 1 && b.byCaller.count > 1)
            let qa = try QAOverview.load(period: #require(YearMonth(parsing: "2026-09")), in: ws, teamName: "全组")
            #expect(qa.audited == 55)
            for a in qa.agents + [qa.team] {
                let avg = try #require(a.average)
                #expect(page.contains("\(a.name)"))
                #expect(page.contains("\(a.volume) \(a.sampled) \(a.scored)"), "\(a.name)")
                #expect(page.contains(String(format: "%.1f", avg)))
            }
            #expect(page.contains("2026-09 \(f.counted) \(String(format: "%.2f", value))"))
            #expect(page.contains("2026-08 0 无数据"))
            #expect(html.contains("<svg class=\"chart\""))
            #expect(!html.contains("style="))
            #expect(page.contains("组长尚未递交本月名单（截止 2026-09-27）"))
        }
    }

    @Test("Phones are masked wherever they appear on the manager's page and in the manager's report")
    func phonesMasked() async throws {
        try await run { bench, client in
            let manager = try await RoleBrowser.signIn(client, as: "主管", home: "/manager")
            let (_, m) = try september(bench)
            let html = String(buffer: try await manager.get(client, "/manager?month=2026-09").body)
            let attention = m.sample.filter { ($0.status.countedScore ?? 3) <= 2 || $0.escalation != nil }
            // Phones the sheets gave in full (some came masked already).
            let phones = attention.compactMap(\.context.phone).filter { $0.text != $0.masked }
            #expect(!phones.isEmpty)
            for p in phones {
                #expect(html.contains(p.masked))
                #expect(!html.contains(p.text))
            }
            for c in m.cases { if let p = c.context.phone, p.text != p.masked { #expect(!html.contains(p.text)) } }
            #expect(html.range(of: #"1[3-9][0-9]{9}"#, options: .regularExpression) == nil)

            let report = try await manager.get(client, "/manager/download/report?month=2026-09")
            #expect(report.status == .ok)
            let path = bench.dir + "/report.xlsx"
            try Data(buffer: report.body).write(to: URL(fileURLWithPath: path))
            let detail = try sheetRows(path, "服务抽查明细表")
            let column = try #require(detail.first?.firstIndex(of: "手机号"))
            let shown = detail.dropFirst().map { $0.count > column ? $0[column] : "" }.filter { !$0.isEmpty }
            #expect(!shown.isEmpty && shown.allSatisfy { $0.contains("****") })
        }
    }

    @Test("The QA report and the audit workbook download; their cells read back")
    func qaDownloads() async throws {
        try await run { bench, client in
            let manager = try await RoleBrowser.signIn(client, as: "主管", home: "/manager")
            let ws = try bench.workspace()
            let qa = try QAOverview.load(period: #require(YearMonth(parsing: "2026-09")), in: ws, teamName: "全组")
            let report = try await manager.get(client, "/manager/download/qa-report?month=2026-09")
            #expect(report.status == .ok)
            #expect(report.headers[.contentDisposition]?.contains("filename=\"qa-report-2026-09.xlsx\"") == true)
            let path = bench.dir + "/qa.xlsx"
            try Data(buffer: report.body).write(to: URL(fileURLWithPath: path))
            let summary = try sheetRows(path, "质检汇总表")
            let average = try #require(summary.first { $0.first == "平均分" })
            #expect(abs((Double(average[1]) ?? -1) - (qa.team.average ?? 0)) < 1e-6)
            let audit = try await manager.get(client, "/manager/download/audit?month=2026-09")
            #expect(audit.status == .ok)
            #expect(audit.body.readableBytes > 1000)
            let log = try AuditLog(workspace: ws).entries(actor: "主管").map(\.action)
            #expect(log.filter { $0 == "download" }.count == 2)
        }
    }

    @Test("Another role gets 403 and an anonymous visitor is sent to sign in")
    func access() async throws {
        try await run { bench, client in
            let anonymous = try await client.execute(uri: "/manager?month=2026-09", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login?next=/manager") == true)
            let lead = try await RoleBrowser.signIn(client, as: "组长", home: "/lead")
            #expect(try await lead.get(client, "/manager").status == .forbidden)
            #expect(try await lead.get(client, "/manager/download/report?month=2026-09").status == .forbidden)
            let auditor = try await RoleBrowser.signIn(client, as: "质检员", home: "/auditor")
            #expect(try await auditor.get(client, "/manager/download/qa-report?month=2026-09").status == .forbidden)
            let manager = try await RoleBrowser.signIn(client, as: "主管", home: "/manager")
            let noToken = try await manager.post(client, "/logout", [], csrf: false)
            #expect(noToken.status == .forbidden)
            #expect(try await manager.get(client, "/manager").status == .ok)
        }
    }
}
