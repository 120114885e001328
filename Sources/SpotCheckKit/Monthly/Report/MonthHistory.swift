import GRDB
import SpotCheckCore
import SpotCheckStore

/// The months drawn so far with their figures, oldest first: the manager's months over time.
/// Each month's figures are its current draw's, as its report gives them.
public struct MonthHistory {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// A month and the figures of its sample.
    public struct Entry: Sendable {
        public var month: YearMonth
        public var figures: MonthFigures
    }

    /// Every month with a current draw, oldest first; `last` keeps the latest ones.
    public func load(last: Int = 24) throws -> [Entry] {
        let ws = workspace
        return try ws.store().read { db in
            let months = try DrawRow.filter(sql: "superseded_at IS NULL").order(sql: "month").fetchAll(db).map(\.month)
            return try months.suffix(last).map { month in
                Entry(month: month, figures: try MonthCases.load(month: month, config: ws.config, db).figures)
            }
        }
    }
}
