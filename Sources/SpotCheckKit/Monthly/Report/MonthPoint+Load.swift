import GRDB
import SpotCheckCore
import SpotCheckStore

extension MonthPoint {
    /// The months over time up to `month`, as the report's summary shows them
    /// (``MonthFigures/trend(through:current:config:_:)``): the months with a current draw, at
    /// most a year, oldest first. For a page that shows them without writing a workbook.
    public static func trend(through month: YearMonth, in ws: Workspace) throws -> [MonthPoint] {
        try ws.store().read { db in
            let current =
                try DrawRow.current(month: month, db) == nil
                ? MonthFigures([]) : try MonthCases.load(month: month, config: ws.config, db).figures
            return try MonthFigures.trend(through: month, current: current, config: ws.config, db)
        }
    }
}
