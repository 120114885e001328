import GRDB
import SpotCheckCore
import SpotCheckStore

/// One month of the spot-check's record and its figures: a point of the months over time.
public struct MonthPoint: Sendable, Equatable {
    public var month: YearMonth
    public var figures: MonthFigures
}

extension MonthFigures {
    /// How many months the summaries show over time: this one and the eleven before it on record.
    static let trendMonths = 12

    /// The months on record up to `month` (those with a current draw, at most ``trendMonths``,
    /// oldest first), each with the figures of its sample; `month` itself is `current`, already
    /// counted.
    static func trend(
        through month: YearMonth, current: MonthFigures, config: SpotCheckConfiguration, _ db: Database
    ) throws -> [MonthPoint] {
        try DrawRow.months(through: month, limit: trendMonths, db).map { m in
            if m == month { return MonthPoint(month: m, figures: current) }
            return MonthPoint(month: m, figures: try MonthCases.load(month: m, config: config, db).figures)
        }
    }
}
