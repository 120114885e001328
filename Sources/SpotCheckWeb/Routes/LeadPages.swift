import Foundation
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The lead's pages (组长): the month (window, deadline, the draw and its pool figures), the
/// upload of the month's sheets, the assignment of the list to the callers, and the progress
/// with the submission to the sales manager. Each calls the Kit workflow the CLI calls and
/// logs what changed.
struct LeadPages {
    let app: WebApp
    /// Files uploaded and not yet imported, per session.
    let staging: UploadStaging

    init(app: WebApp) {
        self.app = app
        self.staging = UploadStaging()
    }

    func add(to router: Router<WebContext>) {
        router.page("/lead", [.lead], app: app) { request, context, _ in
            let ws = app.workspace()
            return try monthPage(month: Self.month(request, ws), ws: ws, context: context)
        }
        router.action("/lead/draw", [.lead], app: app) { _, context, user in try draw(context, user) }
        addUpload(to: router)
        addAssign(to: router)
        addProgress(to: router)
        addDownloads(to: router)
    }

    /// The month asked for (`?month=YYYY-MM`), else the month whose window holds today (as
    /// the CLI's default).
    static func month(_ request: Request, _ ws: Workspace) -> YearMonth {
        request.uri.queryParameters["month"].flatMap { YearMonth(parsing: String($0)) } ?? defaultMonth(ws)
    }

    /// The month a form names, else the default.
    static func month(_ context: WebContext, _ ws: Workspace) -> YearMonth {
        context.field("month").flatMap { YearMonth(parsing: $0) } ?? defaultMonth(ws)
    }

    static func defaultMonth(_ ws: Workspace) -> YearMonth {
        ws.config.settings.period.month(containing: ws.today)
    }

    /// What the lead reads about a month's outcome: notes, warnings and problems.
    struct Said {
        var notes: [Message] = []
        var warnings: [Message] = []
        var problems: [Message] = []

        func data(_ lang: Lang) -> [String: Any] {
            [
                "notes": notes.map { $0.text(lang) }, "warnings": warnings.map { $0.text(lang) },
                "problems": problems.map { $0.text(lang) },
            ]
        }
    }

    // MARK: The month

    /// The month: its window and deadline (or when it was handed in), its draw with the pool
    /// figures and contact routes, and the draw or redraw form.
    func monthPage(
        month: YearMonth, ws: Workspace, context: WebContext, said: Said = Said(), status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let lang = ws.lang
        let period = ws.config.settings.period
        let window = period.window(of: month)
        var data = said.data(lang)
        data["month"] = month.description
        data["from"] = window.lowerBound.description
        data["to"] = window.upperBound.description
        let summary = try ws.store().read { db in
            try DrawRow.current(month: month, db).map { _ in try MonthlyDraw.current(month: month, db).1 }
        }
        if let summary {
            let status = try MonthStatus.load(month: month, in: ws)
            data["draw"] = drawData(summary, status: status, lang: lang)
            data.merge(deadlineData(status, lang: lang)) { $1 }
        } else {
            data.merge(deadlineData(period.deadlineStatus(of: month, today: ws.today), lang: lang)) { $1 }
            data["minimum"] = ws.config.settings.minimum
        }
        return try app.pages.page(
            "lead-month", title: Catalog.WebLead.monthTitle(month.description), strings: Catalog.WebLead.month,
            data: data, context: context, status: status)
    }

    /// The deadline of a drawn month (`spotcheck status`): when it was handed in, else the
    /// days left or how late it is.
    func deadlineData(_ s: MonthStatus, lang: Lang) -> [String: Any] {
        var data: [String: Any] = ["deadline": s.deadline]
        if let sub = s.submitted {
            data["submitted"] =
                Catalog.Status.submitted(at: sub.at, by: sub.by, deadline: s.deadline, daysLate: sub.daysLate).text(
                    lang)
        } else if let late = s.daysLate {
            data["late"] = Catalog.Sample.late(s.deadline, daysLate: late).text(lang)
        } else if let left = s.daysLeft {
            data["countdown"] = Catalog.Sample.deadline(s.deadline, daysLeft: left).text(lang)
        }
        return data
    }

    /// The deadline of a month not drawn yet.
    func deadlineData(_ d: DeadlineStatus, lang: Lang) -> [String: Any] {
        let day = d.deadline.description
        switch d {
        case .onTime(_, let left):
            return ["deadline": day, "countdown": Catalog.Sample.deadline(day, daysLeft: left).text(lang)]
        case .late(_, let late):
            return ["deadline": day, "late": Catalog.Sample.late(day, daysLate: late).text(lang)]
        }
    }

    /// The draw's figures as `spotcheck sample --json` gives them.
    func drawData(_ s: DrawSummary, status: MonthStatus, lang: Lang) -> [String: Any] {
        let sources = SourceKind.allCases.compactMap { k -> [String: Any]? in
            let pool = s.poolBySource[k.rawValue] ?? 0, rows = s.rowsBySource[k.rawValue] ?? 0
            guard pool + rows > 0 else { return nil }
            return [
                "name": Catalog.Names.sheet(k).text(lang), "pool": pool, "rows": rows,
                "drawn": s.drawnBySource[k.rawValue] ?? 0,
            ]
        }
        let routes = s.contactRoutes ?? [:]
        var data: [String: Any] = [
            "id": s.drawId, "seed": String(s.seed), "drawnAt": s.drawnAt, "drawnBy": s.drawnBy, "size": s.size,
            "minimum": s.minimum, "pool": s.poolCustomers, "eligible": s.eligible, "merged": s.mergedAcrossSheets,
            "excluded": s.excludedByHistory, "lookback": s.lookbackMonths, "main": s.drawn, "reserves": s.reserves,
            "noRoute": s.noContactRoute ?? 0, "sources": sources, "phone": routes["phone"] ?? 0,
            "platform": routes["platform"] ?? 0, "im": routes["im"] ?? 0, "called": status.called > 0,
            "header": Catalog.Sample.header(
                month: s.month, window: "\(s.window.from) – \(s.window.to)", drawID: s.drawId, seed: s.seed
            ).text(lang),
        ]
        if s.belowMinimum {
            data["belowMinimum"] = Catalog.Sample.belowMinimum(eligible: s.eligible, minimum: s.minimum).text(lang)
        }
        return data
    }

    // MARK: The draw

    /// Draws the month (or draws it again: only with the redraw form's confirmation, and under
    /// the CLI's rules: `MonthlyDraw` refuses a redraw over recorded calls unless they are
    /// given up) and shows the month with what the CLI would print.
    func draw(_ context: WebContext, _ user: WebUser) throws -> Response {
        let ws = app.workspace()
        let month = Self.month(context, ws)
        let redraw = context.field("redraw") == "1"
        var said = Said()
        if redraw && context.field("confirm") != "yes" {
            said.problems = [Catalog.WebLead.confirmRedraw]
            return try monthPage(month: month, ws: ws, context: context, said: said, status: .unprocessableContent)
        }
        var seed: UInt64? = nil
        var size: Int? = nil
        if let text = context.field("seed") {
            guard let s = UInt64(text) else {
                said.problems = [Catalog.WebLead.badNumber(text)]
                return try monthPage(month: month, ws: ws, context: context, said: said, status: .unprocessableContent)
            }
            seed = s
        }
        if let text = context.field("size") {
            guard let n = Int(text) else {
                said.problems = [Catalog.WebLead.badNumber(text)]
                return try monthPage(month: month, ws: ws, context: context, said: said, status: .unprocessableContent)
            }
            size = n
        }
        let request = MonthlyDraw.Request(
            month: month, size: size, seed: seed, redraw: redraw, discardCalls: context.field("discardCalls") == "yes",
            drawnBy: user.name)
        let s: DrawSummary
        do {
            s = try MonthlyDraw(workspace: ws).run(request)
        } catch let e as DrawError {
            said.problems = Self.onTheWeb(e)
            return try monthPage(month: month, ws: ws, context: context, said: said, status: .unprocessableContent)
        }
        try app.log(
            .draw, context, month: month,
            detail: "draw \(s.drawId) seed \(s.seed) main \(s.drawn) reserves \(s.reserves)"
                + (s.replaces.map { " replaces \($0)" } ?? ""))
        said.notes = [Catalog.WebLead.drawn(main: s.drawn, reserves: s.reserves, seed: s.seed)]
        if let old = s.replaces { said.notes.append(Catalog.Sample.replaced(old)) }
        if let old = s.replaces, let a = s.discardedAttempts, let c = s.discardedCases {
            said.warnings.append(Catalog.Sample.callsDiscarded(attempts: a, cases: c, draw: old))
        }
        if let late = s.daysLate { said.warnings.append(Catalog.Sample.late(s.deadline, daysLate: late)) }
        if let n = s.noContactRoute, n > 0 { said.warnings.append(Catalog.Sample.noContactRoute(n)) }
        return try monthPage(month: month, ws: ws, context: context, said: said)
    }

    /// A refused draw in the words of the page (its redraw form, not the CLI's flags).
    static func onTheWeb(_ e: DrawError) -> [Message] {
        switch e {
        case .alreadyDrawn(let month, let at, let seed):
            return [Catalog.WebLead.alreadyDrawn(month: month.description, at: at, seed: seed)]
        case .callsRecorded(let month, let attempts, let cases):
            return [Catalog.WebLead.callsRecorded(month: month.description, attempts: attempts, cases: cases)]
        default: return e.messages
        }
    }
}
