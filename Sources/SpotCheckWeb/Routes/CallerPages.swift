import Foundation
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The caller's pages: their cases of the month in the order to call them (``CallerCases``),
/// and one case with the customer, the script, the attempts so far and a form per attempt
/// result. Every save goes through ``CallBook/record(_:)`` (the same as `spotcheck call`),
/// based on the case's version the page showed: a save that lost a race is refused and the
/// case shown as it now is.
struct CallerPages {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.page("/caller", [.caller], app: app) { request, context, user in
            do { return try listPage(request, context, user) } catch let e as BadQuery {
                return try app.pages.problem(e.message, status: .badRequest, context: context)
            }
        }
        router.page("/caller/case/:item", [.caller], app: app) { request, context, user in
            let ws = app.workspace()
            switch try lookup(request, context, user, ws) {
            case .refused(let response): return response
            case .found(let found):
                return try casePage(found, ws, context)
            }
        }
        router.action("/caller/case/:item", [.caller], app: app) { request, context, user in
            try save(request, context, user)
        }
    }

    var lang: Lang { app.pages.lang }

    // MARK: - My cases

    func listPage(_ request: Request, _ context: WebContext, _ user: WebUser) throws -> Response {
        let ws = app.workspace()
        let desk = CallerCases(workspace: ws)
        let months = try desk.months()
        let title = Catalog.Web.callerList["title"]!
        guard let month = try chosenMonth(request, desk) else {
            return try app.pages.page(
                "message", title: title, data: ["messages": [Catalog.Web.callerList["noDraw"]!.text(lang)]],
                context: context)
        }
        let mine = try desk.desk(month: month, caller: user.name)
        let open = mine.cases.filter(\.order.open)
        var data: [String: Any] = [
            "rows": CallerListRows(month: month, withinHours: mine.withinHours, lang: lang).html(mine.cases),
            "month": month.description, "hours": hoursLine(ws, within: mine.withinHours),
            "withinHours": mine.withinHours,
            "months": months.map { ["m": $0.description, "current": $0 == month] },
            "summary": Catalog.Web.callerSummary(
                total: mine.cases.count, open: open.count, countsNow: open.filter(\.order.countsNow).count
            ).text(lang),
        ]
        if mine.cases.isEmpty { data["empty"] = true }
        return try app.pages.page(
            "caller", title: title, strings: Catalog.Web.callerList, data: data, context: context)
    }

    /// The month asked for (`?month=YYYY-MM`), else the caller's default; nil when nothing was drawn.
    func chosenMonth(_ request: Request, _ desk: CallerCases) throws -> YearMonth? {
        if let text = request.uri.queryParameters["month"].map(String.init), !text.isEmpty {
            guard let m = YearMonth(parsing: text) else { throw BadQuery(message: Catalog.Web.badMonthParameter(text)) }
            return m
        }
        return try desk.defaultMonth()
    }

    /// Now against the calling hours, in words.
    func hoursLine(_ ws: Workspace, within: Bool) -> String {
        let hours = CallerCases(workspace: ws).hoursText
        return (within ? Catalog.Web.withinHoursNow(hours) : Catalog.Web.outsideHoursNow(ws.nowText, hours: hours))
            .text(lang)
    }

    /// The cells that name and reach a customer: number, name, phone (a `tel:` link unless masked).
    static func customerCells(_ view: CaseView, lang: Lang) -> [String: Any] {
        let phone = view.context.phone
        return [
            "item": view.item.itemNo, "name": listName(view), "reserve": view.item.isReserve,
            "phone": phone?.dialText ?? "", "tel": phone.map { $0.isMasked ? "" : Self.telTarget($0) } ?? "",
            "hasTel": phone.map { !$0.isMasked } ?? false,
            "route": view.context.route == .none ? "" : Catalog.Names.route(view.context.route).text(lang),
        ]
    }

    /// The customer as the list names them; one known by an order alone (reached through the
    /// platform's privacy number) is named by the order.
    static func listName(_ view: CaseView) -> String {
        view.displayName == "#\(view.item.itemNo)" ? view.context.orders.first ?? view.displayName : view.displayName
    }

    /// A `tel:` target: the digits, and a privacy number's extension after a pause (`,`).
    static func telTarget(_ phone: PhoneNumber) -> String {
        phone.text.split(separator: "-", maxSplits: 1).joined(separator: ",")
    }

    // MARK: - One case

    /// A case of the caller's, or the response that refuses it.
    enum Lookup {
        case found(Found)
        case refused(Response)
    }

    struct Found {
        var month: YearMonth
        var cases: MonthCases
        var view: CaseView
    }

    /// The case of the path's item in the month of `?month=`: 404 when the list has no such row
    /// in play, 403 when it is not the signed-in caller's.
    func lookup(_ request: Request, _ context: WebContext, _ user: WebUser, _ ws: Workspace) throws -> Lookup {
        let desk = CallerCases(workspace: ws)
        let month: YearMonth?
        do { month = try chosenMonth(request, desk) } catch let e as BadQuery {
            return .refused(try app.pages.problem(e.message, status: .badRequest, context: context))
        }
        guard let item = context.parameters.get("item", as: Int.self), let month,
            let (cases, view, caller) = try desk.find(month: month, item: item)
        else {
            return .refused(try app.pages.problem(Catalog.Web.noSuchCase, status: .notFound, context: context))
        }
        guard caller == user.name else {
            return .refused(try app.pages.problem(Catalog.Web.notYourCase, status: .forbidden, context: context))
        }
        return .found(Found(month: month, cases: cases, view: view))
    }

    /// The case page, with what the last save said (`notes`: done; `problems`: refused).
    func casePage(
        _ found: Found, _ ws: Workspace, _ context: WebContext, notes: [Message] = [], warnings: [Message] = [],
        problems: [Message] = [], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var data = try CaseSheet(view: found.view, month: found.month, ws: ws, lang: lang).data()
        data["notes"] = notes.map { $0.text(lang) }
        data["warnings"] = warnings.map { $0.text(lang) }
        data["problems"] = problems.map { $0.text(lang) }
        let title = Catalog.Web.caseTitle(item: found.view.item.itemNo, name: Self.listName(found.view))
        return try app.pages.page(
            "caller-case", title: title, strings: Catalog.Web.callerCase, data: data, context: context, status: status)
    }

    // MARK: - Saving

    /// Records what a form of the case page gives, through `CallBook` as the caller, based on
    /// the version the page showed.
    func save(_ request: Request, _ context: WebContext, _ user: WebUser) throws -> Response {
        let ws = app.workspace()
        let found: Found
        switch try lookup(request, context, user, ws) {
        case .refused(let response): return response
        case .found(let f): found = f
        }
        let item = found.view.item.itemNo
        do {
            let entry = try Self.entry(context, month: found.month, item: item, caller: user.name)
            let outcome = try CallBook(workspace: ws).record(entry)
            try app.log(.call, context, month: found.month, detail: Self.logDetail(entry, outcome))
            let now = try reload(found, ws)
            return try casePage(now, ws, context, notes: outcome.messages, warnings: outcome.warnings)
        } catch let error as any UserFacingError {
            // The case as it is now; a save based on an older version lost a race (409).
            let now = try reload(found, ws)
            let lost = context.field("basedOn").map { $0 != now.view.version } ?? false
            return try casePage(
                now, ws, context, problems: error.messages, status: lost ? .conflict : .unprocessableContent)
        }
    }

    func reload(_ found: Found, _ ws: Workspace) throws -> Found {
        guard
            let (cases, view, _) = try CallerCases(workspace: ws).find(month: found.month, item: found.view.item.itemNo)
        else { return found }
        return Found(month: found.month, cases: cases, view: view)
    }

    /// The entry a form gives: an attempt (`at` and `result`, with a score, praise, note and
    /// complaint when connected), or case details (complaint, reply time, IM left, praise, note).
    static func entry(_ context: WebContext, month: YearMonth, item: Int, caller: String) throws -> CallBook.Entry {
        var result: AttemptResult? = nil
        if let r = context.field("result") {
            guard let parsed = AttemptResult(rawValue: r) else { throw FormProblem(Catalog.Calls.unknownResult) }
            result = parsed
        }
        var score: Int? = nil
        if let s = context.field("score") {
            guard let n = Int(s) else { throw FormProblem(Catalog.Calls.scoreRange) }
            score = n
        }
        var complaint: ComplaintHandling? = nil
        if let c = context.field("complaint"), c != "none" {
            guard let parsed = ComplaintHandling(rawValue: c) else {
                throw FormProblem(Catalog.Calls.unknownComplaint)
            }
            complaint = parsed
        }
        var e = CallBook.Entry(
            month: month, item: item, at: result == nil ? nil : context.field("at"), result: result, score: score,
            praise: context.field("praise"), note: context.field("note"), complaint: complaint,
            repliedAt: context.field("repliedAt"), imLeft: context.field("imLeft") == "1", caller: caller)
        e.source = "web"
        e.basedOn = context.field("basedOn")
        return e
    }

    /// The audit log's line for a save: the row, the attempt, and what the case is now.
    static func logDetail(_ e: CallBook.Entry, _ outcome: CallBook.Outcome) -> String {
        var parts = ["#\(e.item)"]
        if let r = e.result, let at = e.at {
            parts.append("\(at.replacingOccurrences(of: "T", with: " ")) \(r.rawValue)")
        }
        if let s = e.score { parts.append("score \(s)") }
        if let c = e.complaint { parts.append("complaint \(c.rawValue)") }
        if let r = e.repliedAt { parts.append("replied \(r.replacingOccurrences(of: "T", with: " "))") }
        if e.imLeft { parts.append("im-left") }
        parts.append("→ \(outcome.status.code)")
        return parts.joined(separator: " ")
    }
}

/// A form value the page's own controls cannot give (a hand-made request): refused like a
/// problem `CallBook` finds.
struct FormProblem: UserFacingError {
    let messages: [Message]
    init(_ message: Message) { messages = [message] }
}
