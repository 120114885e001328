import Foundation
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The sales manager's page (主管): the month's satisfaction against the target, the score
/// distribution, the breakdowns by source, handler and caller (the report's figures:
/// ``MonthFigures``, ``MonthBreakdowns``), QA by agent (``QAOverview``), the months over time,
/// and every workbook to download. Phones are masked wherever they appear, as in the
/// manager's sheets.
struct ManagerPages {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.page("/manager", [.manager], app: app) { request, context, _ in
            let ws = app.workspace()
            return try overview(month: LeadPages.month(request, ws), ws: ws, context: context)
        }
        addDownloads(to: router)
    }

    func overview(month: YearMonth, ws: Workspace, context: WebContext) throws -> Response {
        let lang = ws.lang
        var data: [String: Any] = ["month": month.description]
        let m = try ws.store().read { db -> MonthCases? in
            guard try DrawRow.current(month: month, db) != nil else { return nil }
            return try MonthCases.load(month: month, config: ws.config, db)
        }
        if let m {
            data.merge(monthData(m, ws: ws)) { $1 }
            let s = try MonthStatus.load(month: month, in: ws)
            if let sub = s.submitted {
                data["submitted"] =
                    Catalog.Status.submitted(at: sub.at, by: sub.by, deadline: s.deadline, daysLate: sub.daysLate)
                    .text(lang)
            } else {
                data["notSubmitted"] = Catalog.WebManager.notSubmitted(s.deadline).text(lang)
            }
        } else {
            data["notDrawn"] = Catalog.WebLead.notDrawn(month.description).text(lang)
        }
        do {
            data["qa"] = qaData(
                try QAOverview.load(period: month, in: ws, teamName: Catalog.WebManager.team.text(lang)))
        } catch let e as QAError {
            data["noQA"] = e.message.text(lang)
        }
        let history = try MonthPoint.trend(through: month, in: ws)
        data["history"] = history.reversed().map { h -> [String: Any] in
            [
                "month": h.month.description, "counted": h.figures.counted,
                "satisfaction": Self.decimal(h.figures.satisfaction.value, lang),
            ]
        }
        data["trend"] = SVGChart.line(
            points: history.map { ($0.month.description, $0.figures.satisfaction.value) },
            target: ws.config.settings.target, label: Catalog.WebManager.trendLabel.text(lang))
        return try app.pages.page(
            "manager", title: Catalog.WebManager.title(month.description), strings: Catalog.WebManager.page,
            data: data, context: context)
    }

    /// A figure with two decimals, or the catalog's 无.
    static func decimal(_ v: Double?, _ lang: Lang) -> String {
        v.map { String(format: "%.2f", $0) } ?? Catalog.Report.notAvailable.text(lang)
    }

    /// The month's figures, breakdowns and the cases the manager should look at.
    func monthData(_ m: MonthCases, ws: Workspace) -> [String: Any] {
        let lang = ws.lang
        let f = m.figures
        let target = ws.config.settings.target
        let b = MonthBreakdowns(m, lang: lang)
        func groups(_ gs: [MonthBreakdowns.Group]) -> [[String: Any]] {
            gs.map { g in
                var row = figureRow(g.figures, target: target, lang: lang)
                row["name"] = g.name
                return row
            }
        }
        var data = figureRow(f, target: target, lang: lang)
        data["target"] = String(format: "%.1f", target)
        data["meets"] = f.satisfaction.meets(target) == true
        data["sampleSize"] = m.cases.filter { !$0.item.isReserve }.count
        data["reservesUsed"] = m.reservesInPlay.count
        data["distribution"] = SVGChart.bars(
            (1...5).reversed().map { (Catalog.Report.scoreName($0).text(lang), f.count(score: $0)) },
            label: Catalog.Report.chartDistribution.text(lang))
        data["hasMonth"] = true
        data["breakdowns"] = [
            ["id": "by-source", "title": Catalog.Report.bySource.text(lang), "groups": groups(b.bySource)],
            ["id": "by-handler", "title": Catalog.Report.byHandler.text(lang), "groups": groups(b.byHandler)],
            ["id": "by-caller", "title": Catalog.Report.byCaller.text(lang), "groups": groups(b.byCaller)],
        ]
        data["attention"] = attention(m, lang: lang)
        return data
    }

    /// One row of figures: counts, satisfaction (below target marked) and the distribution.
    func figureRow(_ f: MonthFigures, target: Double, lang: Lang) -> [String: Any] {
        [
            "cases": f.cases, "counted": f.counted, "satisfaction": Self.decimal(f.satisfaction.value, lang),
            "below": f.satisfaction.meets(target) == false, "s5": f.count(score: 5), "s4": f.count(score: 4),
            "s3": f.count(score: 3), "s2": f.count(score: 2), "s1": f.count(score: 1), "unreachable": f.unreachable,
            "rejected": f.rejected, "open": f.open, "praise": f.praise, "resolved": f.resolvedOnSpot,
            "onTime": f.escalatedOnTime, "late": f.escalatedLate, "escalatedOpen": f.escalatedOpen,
        ]
    }

    /// The cases scored 1–2 or escalated: customer, masked phone, handler, what was said
    /// (phone and ID numbers in it masked, as in the report).
    func attention(_ m: MonthCases, lang: Lang) -> [[String: Any]] {
        m.sample.filter { c in (c.status.countedScore ?? 3) <= 2 || c.escalation != nil }.map { c in
            [
                "item": c.item.itemNo, "customer": c.context.name ?? c.context.buyerID ?? "",
                "phone": c.context.phone?.masked ?? "", "handler": Catalog.list(c.context.handlers).text(lang),
                "score": c.status.countedScore.map(String.init) ?? "",
                "complaint": c.caseRow?.complaint.map { Catalog.Call.complaint($0).text(lang) } ?? "",
                "note": PrivateText.mask(c.caseRow?.note ?? ""), "caller": c.caller ?? "",
            ]
        }
    }

    /// QA by agent, and the team's common problems.
    func qaData(_ q: QAOverview) -> [String: Any] {
        let lang = app.pages.lang
        func row(_ r: QAOverview.Row) -> [String: Any] {
            [
                "name": r.name, "volume": r.volume, "sampled": r.sampled, "scored": r.scored,
                "findings": String(format: "%.1f", r.findingsPer100),
                "average": r.average.map { String(format: "%.1f", $0) } ?? "–",
                "passRate": r.passRate.map { String(format: "%.0f%%", $0 * 100) } ?? "–",
                "small": r.isSmallSample, "failing": (r.average ?? q.passMark) < q.passMark,
            ]
        }
        return [
            "agents": q.agents.map(row), "team": row(q.team), "audited": q.audited,
            "passMark": String(format: "%.0f", q.passMark),
            "problems": q.problems.prefix(5).map { p -> [String: Any] in
                let share = q.audited == 0 ? 0 : Double(p.count) * 100 / Double(q.audited)
                return ["what": p.what.text(lang), "count": p.count, "share": String(format: "%.0f%%", share)]
            },
        ]
    }

    // MARK: Downloads

    /// Every workbook the CLI writes for the manager, phones masked: the report, the QA report
    /// and the audit workbook.
    func addDownloads(to router: Router<WebContext>) {
        router.page("/manager/download/report", [.manager], app: app) { request, context, _ in
            try WorkbookDownload.report(request, context, app)
        }
        router.page("/manager/download/qa-report", [.manager], app: app) { request, context, _ in
            let ws = app.workspace()
            let month = LeadPages.month(request, ws)
            return try WorkbookDownload.respond(
                name: Catalog.CLI.demoFileName(.qaReport, month.description), app: app, context: context
            ) { path in
                let r = try QAReport(workspace: ws).run(period: month, to: path, showPhones: false)
                try app.log(.download, context, month: month, detail: "qa report: \(r.audited) audited")
            }
        }
        router.page("/manager/download/audit", [.manager], app: app) { request, context, _ in
            let ws = app.workspace()
            let month = LeadPages.month(request, ws)
            return try WorkbookDownload.respond(
                name: Catalog.CLI.demoFileName(.audit, month.description), app: app, context: context
            ) { path in
                let r = try AuditWorkbook(workspace: ws).export(period: month, to: path, showPhones: false)
                try app.log(.download, context, month: month, detail: "audit workbook: \(r.transcripts) transcripts")
            }
        }
    }
}
