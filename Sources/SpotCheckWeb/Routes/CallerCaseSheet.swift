import Foundation
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// What the caller's case page shows of one case, as its template's data: the customer as the
/// call list has them, the script, the attempts with the rules' flags, where the case stands,
/// and what each form needs (the version the page shows, now as the attempt's time).
struct CaseSheet {
    let view: CaseView
    let month: YearMonth
    let ws: Workspace
    let lang: Lang

    func data() throws -> [String: Any] {
        let c = view.context
        var d = CallerPages.customerCells(view, lang: lang)
        d["month"] = month.description
        d["customerName"] = c.name ?? ""
        d["version"] = view.version
        d["nowInput"] = Self.inputTime(ws.now)
        d["alternates"] = c.alternates.map { p -> [String: Any] in
            // Every key set: a missing one would be looked up in the page's data (the main phone).
            ["phone": p.dialText, "tel": p.isMasked ? "" : CallerPages.telTarget(p), "hasTel": !p.isMasked]
        }
        d["platforms"] = Catalog.list(c.platforms.map { Catalog.Names.platform($0).text(lang) }).text(lang)
        d["buyerID"] = c.buyerID ?? ""
        d["sources"] = c.sourcesText(lang)
        d["orders"] = Catalog.list(c.orders).text(lang)
        d["products"] = Catalog.list(c.products).text(lang)
        d["purchaseDate"] = c.purchaseDate?.description ?? ""
        d["situations"] = c.situations.map { $0.text(lang) }
        d["handler"] = Catalog.list(c.handlers).text(lang)
        d["script"] = try CallerCases(workspace: ws).script(view)
        d["attempts"] = attemptRows()
        d["hasAttempts"] = !view.attempts.isEmpty
        d["hasAlternates"] = !c.alternates.isEmpty
        let hours = CallerCases(workspace: ws).hoursText
        if ws.nowIsDayOnly || !ws.config.callingHours.allows(ws.now, calendar: ws.config.calendar) {
            d["outside"] = Catalog.Web.outsideHoursNow(ws.nowText, hours: hours).text(lang)
        }
        state(into: &d)
        forms(into: &d)
        return d
    }

    /// Where the case stands: its status, progress while open, the escalation and its due time.
    private func state(into d: inout [String: Any]) {
        d["status"] = Catalog.Calls.status(view.status).text(lang)
        d["ended"] = view.status.isEnded
        if view.status == .open {
            d["progress"] = Catalog.Calls.progress(
                unreachable: view.evaluation.unreachablePeriods, rejected: view.evaluation.rejectedPeriods,
                imLeft: view.caseRow?.imLeft ?? false
            ).text(lang)
        }
        switch view.escalation {
        case .open(let due)?:
            d["escalation"] = Catalog.Web.escalationOpen(due: due.minuteText).text(lang)
            d["escalationOpen"] = true
            d["overdue"] = view.escalation?.isOverdue(at: ws.now) ?? false
        case .onTime(let due, let replied)?:
            d["escalation"] = Catalog.Web.escalationDone(
                due: due.minuteText, replied: replied.minuteText, onTime: true
            ).text(lang)
        case .late(let due, let replied)?:
            d["escalation"] = Catalog.Web.escalationDone(
                due: due.minuteText, replied: replied.minuteText, onTime: false
            ).text(lang)
            d["escalationLate"] = true
        case nil: break
        }
    }

    /// What the forms offer: a button per result that does not connect, the scored call's
    /// score (the SOP's five), its follow-up fields and complaint handling; and the details a
    /// case gets later (complaint, reply time, IM left, praise and notes).
    private func forms(into d: inout [String: Any]) {
        let caseRow = view.caseRow
        d["results"] = AttemptResult.allCases.filter { $0 != .scored }.map {
            ["value": $0.rawValue, "label": Catalog.Call.result($0).text(lang)]
        }
        d["scores"] = (1...5).reversed().map { s -> [String: Any] in
            ["value": s, "label": Catalog.Web.scoreChoice(s).text(lang), "checked": caseRow?.score == s]
        }
        d["complaints"] = ComplaintHandling.allCases.map { h -> [String: Any] in
            ["value": h.rawValue, "label": Catalog.Call.complaint(h).text(lang), "selected": caseRow?.complaint == h]
        }
        let connected = view.evaluation.connectedAt != nil
        d["connected"] = connected
        d["imLeft"] = caseRow?.imLeft ?? false
        d["canLeaveIM"] = !connected && !(caseRow?.imLeft ?? false)
        if case .scored = view.status {
            d["scoredCase"] = true
            d["praise"] = caseRow?.praise ?? ""
            d["note"] = caseRow?.note ?? ""
        }
    }

    /// The attempts in time order, each with its result, caller and the rules' flags (outside
    /// the calling hours; after the case ended).
    private func attemptRows() -> [[String: Any]] {
        var reviews = view.evaluation.attempts
        return view.attempts.sorted { $0.attemptAt < $1.attemptAt }.map { a -> [String: Any] in
            var row: [String: Any] = [
                "at": a.attemptAt.minuteText, "result": Catalog.Call.result(a.result).text(lang),
                "caller": a.caller ?? "", "outside": false, "afterEnd": false,
            ]
            if let k = reviews.firstIndex(where: { $0.attempt.at == a.attemptAt && $0.attempt.result == a.result }) {
                row["outside"] = !reviews[k].withinHours
                row["afterEnd"] = reviews[k].afterEnd
                reviews.remove(at: k)
            }
            return row
        }
    }

    /// A moment as a `datetime-local` input holds it: `2026-10-27T10:05`.
    static func inputTime(_ t: LocalDateTime) -> String {
        t.minuteText.replacingOccurrences(of: " ", with: "T")
    }
}
