import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// Which caller calls which case of a month's current draw (the workbench's 分配).
///
/// A reserve that comes into play takes over from a case of the main list that ended
/// excluded (SPEC Part 1, "Reserves"), so it goes to that case's caller unless the lead gave
/// it to someone: the k-th reserve in play follows the k-th case to end excluded.
public struct CaseAssignments {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Gives `items` of `month`'s current draw to `caller` (replacing an earlier assignment).
    public func assign(month: YearMonth, items: [Int], to caller: String, by lead: String) throws {
        let ws = workspace
        try ws.store().write { db in
            let (draw, _) = try MonthlyDraw.current(month: month, db)
            let known = try DrawItemRow.of(draw: draw.id!, db).map(\.itemNo)
            for item in items {
                guard known.contains(item) else {
                    throw CallError(
                        message: Catalog.Calls.itemNotFound(item, month: month.description, last: known.max() ?? 0))
                }
                try AssignmentRow(drawId: draw.id!, item: item, caller: caller, assignedAt: ws.now, assignedBy: lead)
                    .save(db)
            }
        }
    }

    /// Shares the open cases of the main list that nobody has yet among `callers`, in turn.
    @discardableResult
    public func assignEvenly(month: YearMonth, callers: [String], by lead: String) throws -> [Int: String] {
        guard !callers.isEmpty else { return [:] }
        let m = try workspace.store().read { db in try MonthCases.load(month: month, config: workspace.config, db) }
        let current = try self.callers(of: m)
        let open = m.sample.filter { current[$0.item.itemNo] == nil && !$0.status.isEnded }.map(\.item.itemNo)
        var given: [Int: String] = [:]
        for (i, item) in open.enumerated() { given[item] = callers[i % callers.count] }
        for caller in callers {
            let items = given.filter { $0.value == caller }.map(\.key).sorted()
            if !items.isEmpty { try assign(month: month, items: items, to: caller, by: lead) }
        }
        return given
    }

    /// The caller of every case that has one, reserves in play following the case they replace.
    public func callers(of m: MonthCases) throws -> [Int: String] {
        var callers = try workspace.store().read { db in try AssignmentRow.callers(draw: m.draw.id!, db) }
        // The excluded cases in the order they ended (their last attempt's change number): the
        // first to end brings the first reserve in, so a reserve keeps its caller when a case
        // of a lower number ends later.
        let ended = m.cases.filter { c in
            c.status.isExcluded && (!c.item.isReserve || m.reservesInPlay.contains(c.item.itemNo))
        }
        let excluded = ended.sorted { a, b in
            (a.attempts.map(\.seq).max() ?? 0, a.item.itemNo) < (b.attempts.map(\.seq).max() ?? 0, b.item.itemNo)
        }.map(\.item.itemNo)
        for (reserve, replaced) in zip(m.reservesInPlay, excluded) where callers[reserve] == nil {
            if let c = callers[replaced] { callers[reserve] = c }
        }
        return callers
    }
}
