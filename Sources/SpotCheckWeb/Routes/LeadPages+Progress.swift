import Foundation
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The month's progress (`spotcheck status`): cases by state, reserves brought in,
/// escalations with their reply due counting down; the submission to the sales manager
/// (`spotcheck submit`); and the workbooks the CLI writes.
extension LeadPages {
    func addProgress(to router: Router<WebContext>) {
        router.page("/lead/progress", [.lead], app: app) { request, context, _ in
            let ws = app.workspace()
            return try progressPage(month: Self.month(request, ws), ws: ws, context: context)
        }
        router.action("/lead/submit", [.lead], app: app) { _, context, user in try submit(context, user) }
    }

    func progressPage(
        month: YearMonth, ws: Workspace, context: WebContext, said: Said = Said(), status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let lang = ws.lang
        var data = said.data(lang)
        data["month"] = month.description
        data["now"] = Self.isoMinute(ws.now.minuteText, seconds: ws.now.description)
        if let (m, callers) = try assignments(month, ws) {
            let s = try MonthStatus.load(month: month, in: ws)
            data.merge(statusData(s, lang: lang)) { $1 }
            data.merge(deadlineData(s, lang: lang)) { $1 }
            let inPlay = Set(m.reservesInPlay)
            data["cases"] = m.sample.map { c -> [String: Any] in
                [
                    "item": c.item.itemNo, "customer": c.displayName,
                    "type": Self.caseType(c, inPlay: inPlay).text(lang),
                    "status": Catalog.Calls.statusShort(c.status).text(lang), "attempts": c.attempts.count,
                    "caller": callers[c.item.itemNo] ?? c.caller ?? "",
                ]
            }
            data["reservesInPlay"] = m.cases.filter { inPlay.contains($0.item.itemNo) }.map { c -> [String: Any] in
                var row: [String: Any] = ["item": c.item.itemNo, "customer": c.displayName]
                if let who = callers[c.item.itemNo] ?? c.caller { row["caller"] = who }
                return row
            }
        } else {
            data["notDrawn"] = Catalog.WebLead.notDrawn(month.description).text(lang)
        }
        return try app.pages.page(
            "lead-progress", title: Catalog.WebLead.progressTitle(month.description), strings: Catalog.WebLead.progress,
            data: data, context: context, status: status)
    }

    /// The figures of `spotcheck status`.
    func statusData(_ s: MonthStatus, lang: Lang) -> [String: Any] {
        typealias W = Catalog.WebLead
        let states: [(Message, Int)] = [
            (Catalog.Calls.statusShort(.scored(5)), s.scored), (Catalog.Calls.statusShort(.refused), s.refused),
            (Catalog.Calls.statusShort(.unreachable), s.unreachable),
            (Catalog.Calls.statusShort(.rejected), s.rejected), (Catalog.Calls.statusShort(.open), s.open),
        ]
        var data: [String: Any] = [
            "drawn": true, "rows": s.rows, "called": s.called, "counted": s.counted, "minimum": s.minimum,
            "reserves": s.reserves, "inPlay": s.reservesInPlay.count,
            "satisfaction": s.satisfaction.map { String(format: "%.2f", $0) } ?? Catalog.Report.notAvailable.text(lang),
            "target": String(format: "%.1f", s.target), "below": s.satisfaction.map { $0 < s.target } ?? false,
            "outsideHours": s.attemptsOutsideHours,
            "states": states.map { ["name": $0.0.text(lang), "count": $0.1] },
            "escalations": s.escalations.map { e -> [String: Any] in
                let open = e.state == "open" || e.state == "overdue"
                return [
                    "item": e.item, "customer": e.customer, "due": e.due, "dueISO": Self.isoMinute(e.due), "open": open,
                    "repliedAt": e.repliedAt ?? "", "state": W.escalationState(e.state).text(lang),
                    "bad": e.state == "overdue" || e.state == "late",
                ]
            },
        ]
        if s.counted < s.minimum { data["short"] = s.minimum - s.counted }
        return data
    }

    /// `YYYY-MM-DD HH:MM` as `YYYY-MM-DDTHH:MM:00`: a moment of the server's local time that the
    /// page's script reads in the browser's (the shop's) time zone, as it reads the page's now.
    static func isoMinute(_ minute: String, seconds: String? = nil) -> String {
        let text = seconds.map { String($0.prefix(19)) } ?? minute + ":00"
        return text.replacingOccurrences(of: " ", with: "T")
    }

    /// Hands the month in to the sales manager (`spotcheck submit`).
    func submit(_ context: WebContext, _ user: WebUser) throws -> Response {
        let ws = app.workspace()
        let month = Self.month(context, ws)
        var said = Said()
        let o: MonthSubmission.Outcome
        do {
            o = try MonthSubmission(workspace: ws).submit(month: month, by: user.name)
        } catch let e as UserFacingError {
            said.problems = e.messages
            return try progressPage(month: month, ws: ws, context: context, said: said, status: .unprocessableContent)
        }
        let sub = o.submission
        try app.log(
            .submit, context, month: month, detail: "draw \(sub.drawId) days late \(sub.daysLate)")
        said.notes = [
            Catalog.Status.submitted(
                at: sub.submittedAt.minuteText, by: sub.submittedBy, deadline: o.deadline.description,
                daysLate: sub.daysLate)
        ]
        if o.shortOfMinimum > 0 || o.openCases > 0 {
            said.warnings = [Catalog.Status.submittedShort(short: o.shortOfMinimum, open: o.openCases)]
        }
        return try progressPage(month: month, ws: ws, context: context, said: said)
    }
}

/// The lead's downloads: the call list and the report, as `spotcheck export call-list` and
/// `spotcheck report` write them.
extension LeadPages {
    func addDownloads(to router: Router<WebContext>) {
        router.page("/lead/download/call-list", [.lead], app: app) { request, context, _ in
            let ws = app.workspace()
            let month = Self.month(request, ws)
            return try WorkbookDownload.respond(
                name: Catalog.CLI.demoFileName(.callList, month.description), app: app, context: context
            ) { path in
                let r = try CallListExporter(workspace: ws).run(month: month, to: path)
                try app.log(
                    .download, context, month: month, detail: "call list: \(r.main) main, \(r.reserves) reserves")
            }
        }
        router.page("/lead/download/report", [.lead], app: app) { request, context, _ in
            try WorkbookDownload.report(request, context, app)
        }
    }
}
