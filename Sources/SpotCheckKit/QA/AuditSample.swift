import Foundation
import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// Draws the period's audit sample (`spotcheck qa sample`): per agent, the rate of their
/// transcripts, rounded up, at least one (``AuditSampling``). Seeded and recorded like the
/// monthly draw. A transcript drawn once is never drawn again, so drawing a period again only
/// tops agents up to their share (after more transcripts were imported, or at a higher rate).
public struct AuditSample {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// What was drawn.
    public struct Summary: Codable, Sendable, Equatable, JSONOutput {
        public struct Agent: Codable, Sendable, Equatable {
            public var agent: String
            /// The agent's transcripts in the period.
            public var volume: Int
            /// Their share at the rate.
            public var share: Int
            /// Drawn by this draw.
            public var drawn: Int
            /// In the sample now, this draw included.
            public var sampled: Int
            /// External ids of the transcripts drawn now.
            public var transcripts: [String]
        }
        public var period: String
        /// The draw's record (nil when nothing was owed and nothing was recorded).
        public var drawId: Int64?
        public var seed: UInt64
        public var rate: Double
        public var drawn: Int
        public var agents: [Agent]
        public var drawnAt: String
        public var drawnBy: String
    }

    /// Draws and records the period's sample.
    public func run(period: YearMonth, rate: Double?, seed: UInt64?, drawnBy: String) throws -> Summary {
        let ws = workspace
        let rate = try rate ?? ws.qa().sampleRate
        guard rate > 0 && rate <= 1 else { throw QAError(Catalog.QA.badRate) }
        let seed = seed ?? MonthlyDraw.newSeed()
        return try ws.store().write { db in
            let rows = try QAData.transcripts(period: period.description, db)
            guard !rows.isEmpty else { throw QAError(Catalog.QA.noTranscripts(period.description)) }
            let already = try QAData.sampled(db)
            // Transcripts are ordered by their content, so the same seed draws the same
            // transcripts whatever order the files were imported in.
            let chosen = AuditSampling.draw(
                transcripts: rows.map { ($0.id, $0.agent, $0.fingerprint) }, sampled: already, rate: rate,
                seed: seed)
            let ids = chosen.keys.sorted().flatMap { chosen[$0]! }
            let drawID: Int64? =
                ids.isEmpty
                ? nil
                : try QAData.recordDraw(
                    period: period.description, seed: seed, rate: rate, drawnAt: ws.stamp, drawnBy: drawnBy,
                    transcripts: ids, db)
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
            var agents: [String: Summary.Agent] = [:]
            for r in rows {
                var a =
                    agents[r.agent]
                    ?? Summary.Agent(agent: r.agent, volume: 0, share: 0, drawn: 0, sampled: 0, transcripts: [])
                a.volume += 1
                if already.contains(r.id) { a.sampled += 1 }
                agents[r.agent] = a
            }
            for (agent, list) in chosen {
                agents[agent]!.drawn = list.count
                agents[agent]!.sampled += list.count
                agents[agent]!.transcripts = list.map { byID[$0]!.externalID }
            }
            for k in agents.keys { agents[k]!.share = AuditSampling.share(of: agents[k]!.volume, rate: rate) }
            return Summary(
                period: period.description, drawId: drawID, seed: seed, rate: rate, drawn: ids.count,
                agents: agents.values.sorted { $0.agent < $1.agent }, drawnAt: ws.stamp, drawnBy: drawnBy)
        }
    }
}
