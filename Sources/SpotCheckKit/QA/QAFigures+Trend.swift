import GRDB
import SpotCheckCore
import SpotCheckStore

extension QAFigures {
    /// One QA period of the record and the team's figures in it: a point of the months over time.
    /// Its figures hold the volume, the sample and the audited results (not the findings).
    struct PeriodPoint {
        var period: String
        var figures: Figures
    }

    /// The periods on record up to `period` (those with transcripts, at most
    /// ``MonthFigures/trendMonths``, oldest first), each with the team's figures; `period` itself
    /// is `current`, already counted in full. The others read only their sample and its audits.
    static func trend(
        through period: YearMonth, current: Figures, card: Scorecard, _ db: Database
    ) throws -> [PeriodPoint] {
        let last = period.description
        let periods = try QAData.periods(db).filter { $0.period <= last }.suffix(MonthFigures.trendMonths)
        return try periods.map { p in
            if p.period == last { return PeriodPoint(period: p.period, figures: current) }
            let sampled = Set(try QAData.sampled(period: p.period, db))
            let audits = try QAData.audits(period: p.period, db)
            var f = Figures()
            f.volume = p.transcripts
            f.sampled = sampled.count
            for id in sampled.sorted() {
                if let a = audited(id, sampled: sampled, audits: audits, card: card) { f.add(a.result) }
            }
            return PeriodPoint(period: p.period, figures: f)
        }
    }
}
