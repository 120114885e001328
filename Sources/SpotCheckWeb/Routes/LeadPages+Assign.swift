import Foundation
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// Giving the month's cases to the callers (分配): evenly in one click, or case by case,
/// through ``CaseAssignments`` (a reserve brought in goes to the caller of the case it
/// replaces unless the lead gives it to someone).
extension LeadPages {
    func addAssign(to router: Router<WebContext>) {
        router.page("/lead/assign", [.lead], app: app) { request, context, _ in
            let ws = app.workspace()
            var said = Said()
            if let n = request.uri.queryParameters["saved"].flatMap({ Int(String($0)) }) {
                said.notes = [Catalog.WebLead.assigned(n)]
            }
            return try assignPage(month: Self.month(request, ws), ws: ws, context: context, said: said)
        }
        router.action("/lead/assign", [.lead], app: app) { _, context, user in try assign(context, user) }
        router.action("/lead/assign/even", [.lead], app: app) { _, context, user in try assignEvenly(context, user) }
    }

    /// The active callers, by name.
    func callers(_ ws: Workspace) throws -> [String] {
        try UserDirectory(workspace: ws).list().filter { $0.role == .caller && !$0.disabled }.map(\.name)
    }

    /// The month's draw and who calls each case; nil when the month is not drawn.
    func assignments(_ month: YearMonth, _ ws: Workspace) throws -> (MonthCases, [Int: String])? {
        let m = try ws.store().read { db -> MonthCases? in
            guard try DrawRow.current(month: month, db) != nil else { return nil }
            return try MonthCases.load(month: month, config: ws.config, db)
        }
        guard let m else { return nil }
        return (m, try CaseAssignments(workspace: ws).callers(of: m))
    }

    func assignPage(
        month: YearMonth, ws: Workspace, context: WebContext, said: Said = Said(), status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let lang = ws.lang
        var data = said.data(lang)
        data["month"] = month.description
        let names = try callers(ws)
        data["noCallers"] = names.isEmpty
        if let (m, current) = try assignments(month, ws) {
            let inPlay = Set(m.reservesInPlay)
            data["cases"] = m.cases.map { c -> [String: Any] in
                let caller = current[c.item.itemNo]
                return [
                    "item": c.item.itemNo, "customer": c.displayName,
                    "type": Self.caseType(c, inPlay: inPlay).text(lang),
                    "status": Catalog.Calls.statusShort(c.status).text(lang), "attempts": c.attempts.count,
                    "caller": caller ?? "",
                    "options": names.map { ["name": $0, "selected": $0 == caller] },
                ]
            }
            var counts: [String: Int] = [:]
            for c in m.sample { if let who = current[c.item.itemNo] { counts[who, default: 0] += 1 } }
            data["load"] = names.map { ["name": $0, "count": counts[$0] ?? 0] }
            data["hasCases"] = !m.cases.isEmpty
            data["unassigned"] = m.sample.filter { current[$0.item.itemNo] == nil && !$0.status.isEnded }.count
        } else {
            data["notDrawn"] = Catalog.WebLead.notDrawn(month.description).text(lang)
        }
        return try app.pages.page(
            "lead-assign", title: Catalog.WebLead.assignTitle, strings: Catalog.WebLead.assign, data: data,
            context: context, status: status)
    }

    /// 正选, 备选 or 备选（已启用）.
    static func caseType(_ c: CaseView, inPlay: Set<Int>) -> Message {
        guard c.item.isReserve else { return Catalog.CallList.main }
        return inPlay.contains(c.item.itemNo) ? Catalog.WebLead.reserveInPlay : Catalog.CallList.reserve
    }

    /// Saves the callers chosen case by case (only the ones changed).
    func assign(_ context: WebContext, _ user: WebUser) throws -> Response {
        let ws = app.workspace()
        let month = Self.month(context, ws)
        let names = Set(try callers(ws))
        guard let (_, current) = try assignments(month, ws) else {
            return try assignPage(month: month, ws: ws, context: context, status: .unprocessableContent)
        }
        var given: [String: [Int]] = [:]
        for (field, values) in context.form where field.hasPrefix("caller_") {
            guard let item = Int(field.dropFirst("caller_".count)), let who = values.first, !who.isEmpty,
                current[item] != who
            else { continue }
            guard names.contains(who) else {
                return try assignPage(
                    month: month, ws: ws, context: context, said: Said(problems: [Catalog.WebLead.notACaller(who)]),
                    status: .unprocessableContent)
            }
            given[who, default: []].append(item)
        }
        let assignments = CaseAssignments(workspace: ws)
        for (who, items) in given.sorted(by: { $0.key < $1.key }) {
            do {
                try assignments.assign(month: month, items: items.sorted(), to: who, by: user.name)
            } catch let e as UserFacingError {
                return try assignPage(
                    month: month, ws: ws, context: context, said: Said(problems: e.messages),
                    status: .unprocessableContent)
            }
            try app.log(
                .assign, context, month: month,
                detail: "\(who): " + items.sorted().map(String.init).joined(separator: ","))
        }
        let n = given.values.reduce(0) { $0 + $1.count }
        return Pages.redirect("/lead/assign?month=\(month)&saved=\(n)")
    }

    /// Shares the open cases nobody has among the active callers.
    func assignEvenly(_ context: WebContext, _ user: WebUser) throws -> Response {
        let ws = app.workspace()
        let month = Self.month(context, ws)
        let names = try callers(ws)
        guard !names.isEmpty else {
            return try assignPage(
                month: month, ws: ws, context: context, said: Said(problems: [Catalog.WebLead.noCallers]),
                status: .unprocessableContent)
        }
        let given: [Int: String]
        do {
            given = try CaseAssignments(workspace: ws).assignEvenly(month: month, callers: names, by: user.name)
        } catch let e as UserFacingError {
            return try assignPage(
                month: month, ws: ws, context: context, said: Said(problems: e.messages), status: .unprocessableContent)
        }
        if !given.isEmpty {
            let detail = names.map { who in
                "\(who): " + given.filter { $0.value == who }.keys.sorted().map(String.init).joined(separator: ",")
            }
            try app.log(.assign, context, month: month, detail: detail.joined(separator: "; "))
        }
        return Pages.redirect("/lead/assign?month=\(month)&saved=\(given.count)")
    }
}
