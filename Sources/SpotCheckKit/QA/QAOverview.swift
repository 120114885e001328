import SpotCheckCore
import SpotCheckText

/// A QA period's figures as a page shows them (the manager's QA by agent): the same
/// ``QAFigures`` the QA report lays out, agent by agent and for the team, and the team's
/// common problems.
public struct QAOverview: Sendable {
    /// One agent's figures, or the team's.
    public struct Row: Sendable {
        public var name: String
        /// Transcripts of the period.
        public var volume: Int
        /// Drawn for audit.
        public var sampled: Int
        /// Audited: scored on every item.
        public var scored: Int
        /// Findings of the automatic checks, every rule, per 100 transcripts.
        public var findingsPer100: Double
        public var average: Double?
        public var passRate: Double?
        /// Too few audited for the average and pass rate to say much.
        public var isSmallSample: Bool
    }

    /// A common problem of the team, and how many audited transcripts had it.
    public struct Problem: Sendable {
        public var what: Message
        public var count: Int
    }

    public var period: YearMonth
    /// By agent, by name.
    public var agents: [Row]
    public var team: Row
    /// Largest first.
    public var problems: [Problem]
    /// Audited transcripts of the period.
    public var audited: Int
    /// The scorecard's pass mark.
    public var passMark: Double

    /// The period's figures (the automatic checks run first when transcripts came in since);
    /// a period without transcripts is a ``QAError``.
    public static func load(period: YearMonth, in ws: Workspace, teamName: String) throws -> QAOverview {
        let loaded = try QAFigures.load(period: period, in: ws)
        let f = loaded.figures
        func row(_ name: String, _ x: QAFigures.Figures) -> Row {
            Row(
                name: name, volume: x.volume, sampled: x.sampled, scored: x.results.count, findingsPer100: x.allPer100,
                average: x.average, passRate: x.passRate, isSmallSample: x.isSmallSample)
        }
        return QAOverview(
            period: period, agents: f.agents.sorted { $0.key < $1.key }.map { row($0.key, $0.value) },
            team: row(teamName, f.team), problems: f.problems.map { Problem(what: $0.what, count: $0.count) },
            audited: f.audited.count, passMark: loaded.card.passMark)
    }
}
