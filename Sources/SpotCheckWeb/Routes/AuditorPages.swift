import Foundation
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The auditor's pages: the period's audit queue agent by agent (``AuditQueue``), and a
/// sampled transcript with its conversation, findings and scorecard. Scores are saved through
/// ``AuditScoring`` (the same rules and store as `spotcheck qa scores import`); the total and
/// pass/fail the page shows as you choose are recomputed there by the scorecard's rule.
struct AuditorPages {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.page("/auditor", [.auditor], app: app) { request, context, _ in
            do { return try queuePage(request, context) } catch let e as BadQuery {
                return try app.pages.problem(e.message, status: .badRequest, context: context)
            }
        }
        router.page("/auditor/transcript/:id", [.auditor], app: app) { request, context, _ in
            let ws = app.workspace()
            guard let id = context.parameters.get("id", as: Int.self),
                let page = try AuditQueue(workspace: ws).page(transcript: id)
            else { return try app.pages.refusal(.notFound, context: context) }
            let saved = try savedNotice(request, ws)
            return try transcriptPage(page, context, notes: saved.map { [$0] } ?? [])
        }
        router.action("/auditor/transcript/:id", [.auditor], app: app) { _, context, user in
            try save(context, user)
        }
    }

    var lang: Lang { app.pages.lang }

    // MARK: - The queue

    func queuePage(_ request: Request, _ context: WebContext) throws -> Response {
        let ws = app.workspace()
        let queue = AuditQueue(workspace: ws)
        let title = Catalog.Web.auditQueue["title"]!
        let periods = try queue.periods()
        // `month` is the same as `period` (as on the command line).
        let asked = (request.uri.queryParameters["period"] ?? request.uri.queryParameters["month"]).map(String.init)
        guard let period = try asked.map(Self.month) ?? queue.defaultPeriod() else {
            return try app.pages.page(
                "message", title: title, data: ["messages": [Catalog.Web.auditQueue["none"]!.text(lang)]],
                context: context)
        }
        let q = try queue.queue(period: period)
        let askedAgent = request.uri.queryParameters["agent"].map(String.init)
        let shown =
            q.agents.first { $0.agent == askedAgent } ?? q.agents.first { $0.toScore > 0 } ?? q.agents.first
        let agents = q.agents.map { a -> [String: Any] in
            [
                "agent": a.agent, "agentQuery": Self.queryValue(a.agent), "sampled": a.items.count, "scored": a.scored,
                "toScore": a.toScore,
                "next": a.items.first { !$0.isScored }?.row.id ?? 0, "hasNext": a.toScore > 0,
                "current": a.agent == shown?.agent,
            ]
        }
        let sampled = q.agents.reduce(0) { $0 + $1.items.count }, scored = q.agents.reduce(0) { $0 + $1.scored }
        var data: [String: Any] = [
            "period": period.description, "agents": agents,
            "periods": periods.map { ["p": $0.description, "current": $0 == period] },
            "summary": Catalog.Web.auditSummary(sampled: sampled, scored: scored).text(lang),
        ]
        var notes = try savedNotice(request, ws).map { [$0] } ?? []
        if sampled > 0 && scored == sampled { notes.append(Catalog.Web.allScored) }
        data["notes"] = notes.map { $0.text(lang) }
        if let shown {
            data["shown"] = ["agent": shown.agent, "rows": rows(shown)]
        }
        return try app.pages.page(
            "auditor", title: title, strings: Catalog.Web.auditQueue, data: data, context: context)
    }

    /// One agent's sampled transcripts in time order, scored or to score, as HTML (see
    /// ``HTML``: an agent can have thousands in a month of 100,000 transcripts).
    func rows(_ agent: AuditQueue.Agent) -> String {
        let label = HTML.labels(Catalog.Web.auditQueue, lang)
        let (no, transcript, channel, started, state) = (
            label("no"), label("transcript"), label("channel"), label("started"), label("state")
        )
        let toScore = label("toScore")
        var h = HTML(capacity: agent.items.count * 500)
        for (n, item) in agent.items.enumerated() {
            let link = "<a href=\"/auditor/transcript/\(item.row.id)\">"
            h.raw("<tr><td data-label=\"\(no)\">\(n + 1)</td><td data-label=\"\(transcript)\">\(link)")
            h.text(item.row.externalID)
            h.raw("</a></td><td data-label=\"\(channel)\">")
            h.text(Catalog.QA.channel(item.row.channel).text(lang))
            h.raw("</td><td data-label=\"\(started)\">")
            h.text(item.row.started.minuteText)
            h.raw("</td><td data-label=\"\(state)\">")
            if let r = item.result {
                h.raw("<span class=\"tag \(r.passed ? "good" : "bad")\">")
                h.text(Catalog.Web.scoredResult(total: Self.number(r.total), passed: r.passed).text(lang))
                h.raw("</span>")
            } else {
                h.raw("\(link)\(toScore)</a>")
            }
            h.raw("</td></tr>")
        }
        return h.text
    }

    /// `?saved=ID` after a save: what the scorecard's rule made of the scores stored.
    func savedNotice(_ request: Request, _ ws: Workspace) throws -> Message? {
        guard let id = request.uri.queryParameters["saved"].flatMap({ Int(String($0)) }),
            let page = try AuditQueue(workspace: ws).page(transcript: id), let audit = page.audit,
            let result = page.card.score(audit.scores)
        else { return nil }
        return Catalog.Web.savedScore(page.row.externalID, total: Self.number(result.total), passed: result.passed)
    }

    // MARK: - A transcript

    func transcriptPage(
        _ page: AuditQueue.Page, _ context: WebContext, notes: [Message] = [], problems: [Message] = [],
        chosen: [String: Int]? = nil, comment: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var data = AuditTranscriptSheet(page: page, lang: lang).data(chosen: chosen, comment: comment)
        data["notes"] = notes.map { $0.text(lang) }
        data["problems"] = problems.map { $0.text(lang) }
        return try app.pages.page(
            "auditor-transcript", title: Catalog.Web.transcriptTitle(page.row.externalID, agent: page.row.agent),
            strings: Catalog.Web.auditTranscript, data: data, context: context, status: status)
    }

    /// Saves the scorecard through ``AuditScoring`` as the signed-in auditor, based on the
    /// audit's version the page showed; then the next transcript to score, or the page again.
    func save(_ context: WebContext, _ user: WebUser) throws -> Response {
        let ws = app.workspace()
        let queue = AuditQueue(workspace: ws)
        guard let id = context.parameters.get("id", as: Int.self), let page = try queue.page(transcript: id) else {
            return try app.pages.refusal(.notFound, context: context)
        }
        var scores: [String: Int] = [:]
        for item in page.card.items {
            if let v = context.field("score." + item.id) { scores[item.id] = Int(v) ?? Int.min }
        }
        let entry = AuditScoring.Entry(
            transcript: id, scores: scores, auditor: user.name, comment: context.field("comment"),
            basedOn: context.field("basedOn"))
        let outcome: AuditScoring.Outcome
        do {
            outcome = try AuditScoring(workspace: ws).record(entry)
        } catch let error as QAError {
            // Lost a race (409): the stored scores as they are now; else the form's, to correct (422).
            guard let now = try queue.page(transcript: id) else { throw error }
            let lost = entry.basedOn.map { $0 != now.version } ?? false
            return try transcriptPage(
                now, context, problems: error.messages, chosen: lost ? nil : scores,
                comment: lost ? nil : entry.comment, status: lost ? .conflict : .unprocessableContent)
        }
        let period = YearMonth(parsing: page.row.period)
        let r = outcome.result
        try app.log(
            .score, context, month: period,
            detail: "\(page.row.externalID) \(page.row.agent) \(Self.number(r.total)) \(r.passed ? "pass" : "fail")")
        if context.field("then") == "next" {
            guard let period, let next = try queue.next(after: id, period: period) else {
                return Pages.redirect("/auditor?period=\(page.row.period)&saved=\(id)")
            }
            return Pages.redirect("/auditor/transcript/\(next)?saved=\(id)")
        }
        return Pages.redirect("/auditor/transcript/\(id)?saved=\(id)")
    }

    /// A value for a link's query string, percent-encoded.
    static func queryValue(_ s: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `YYYY-MM` from a query; a malformed one is a bad request.
    static func month(_ text: String) throws -> YearMonth {
        guard let m = YearMonth(parsing: text) else { throw BadQuery(message: Catalog.Web.badMonthParameter(text)) }
        return m
    }

    /// A total or weight as a person reads it: up to two decimals, no trailing zeros (92.5).
    static func number(_ x: Double) -> String {
        var s = String(format: "%.2f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
