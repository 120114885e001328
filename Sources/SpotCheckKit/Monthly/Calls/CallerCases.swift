import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// A caller's cases of a month (the workbench's 我的回访): the cases of the month's current
/// draw that ``CaseAssignments`` gives them (a reserve in play follows the case it replaces),
/// in the order to call them (``CallingOrder``, at the workspace's now).
public struct CallerCases {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// One case of the caller's, with its place in the order.
    public struct Case: Sendable {
        public var view: CaseView
        public var order: CallingOrder.Key
    }

    /// The month as the caller sees it.
    public struct Desk: Sendable {
        public var month: MonthCases
        /// The caller's cases in the sample (main list and reserves in play), in calling order.
        public var cases: [Case]
        /// Whether now is within the calling hours.
        public var withinHours: Bool
    }

    /// The months with a current draw, latest first.
    public func months() throws -> [YearMonth] {
        try workspace.store().read { db in
            try DrawRow.filter(sql: "superseded_at IS NULL").fetchAll(db).map(\.month)
        }.sorted(by: >)
    }

    /// The month a caller works on unless they pick one: the latest drawn month that is not
    /// after the month whose window holds today; nil when nothing was drawn.
    public func defaultMonth() throws -> YearMonth? {
        let ws = workspace
        let current = ws.config.settings.period.month(containing: ws.today)
        let drawn = try months()
        return drawn.first { $0 <= current } ?? drawn.last
    }

    /// `caller`'s cases of `month`.
    public func desk(month: YearMonth, caller: String) throws -> Desk {
        let ws = workspace
        let m = try ws.store().read { db in try MonthCases.load(month: month, config: ws.config, db) }
        let callers = try CaseAssignments(workspace: ws).callers(of: m)
        let hours = ws.config.callingHours, calendar = ws.config.calendar
        let mine = m.sample.filter { callers[$0.item.itemNo] == caller }.map { view in
            Case(
                view: view,
                order: CallingOrder.key(
                    item: view.item.itemNo, view.evaluation, now: ws.now, hours: hours, calendar: calendar))
        }
        return Desk(
            month: m, cases: mine.sorted { $0.order < $1.order },
            withinHours: !ws.nowIsDayOnly && hours.allows(ws.now, calendar: calendar))
    }

    /// One case of `month` and who calls it (nil: nobody yet). A reserve not in play, or a
    /// row the list does not have, is nil.
    public func find(month: YearMonth, item: Int) throws -> (month: MonthCases, view: CaseView, caller: String?)? {
        let ws = workspace
        let m = try ws.store().read { db in try MonthCases.load(month: month, config: ws.config, db) }
        guard let view = m.sample.first(where: { $0.item.itemNo == item }) else { return nil }
        return (m, view, try CaseAssignments(workspace: ws).callers(of: m)[item])
    }

    /// The personalised call script of a case (the call list's, from `call-script.mustache`).
    public func script(_ view: CaseView) throws -> String {
        let ws = workspace
        let script = try CallScript(
            template: ws.config.callScript, location: ws.config.source.location("call-script.mustache"))
        return script.render(view.context, shop: ws.config.settings.shopName, lang: ws.lang)
    }

    /// The calling hours as one line (as the call list's cover states them).
    public var hoursText: Message { CallListExporter.hoursText(workspace.config.callingHours) }
}
