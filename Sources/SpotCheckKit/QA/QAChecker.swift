import Dispatch
import Foundation
import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// Runs every automatic check on every transcript of a period (`spotcheck qa check`) and
/// stores the findings, replacing the period's earlier ones: checking twice gives the same
/// findings. The checks run on all cores; reading and writing the store stay on one thread.
public struct QAChecker {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// The figures of a check.
    public struct Summary: Codable, Sendable, Equatable, JSONOutput {
        public struct Agent: Codable, Sendable, Equatable {
            public var agent: String
            public var transcripts: Int
            public var findings: Int
            public var byRule: [String: Int]
        }
        public var period: String
        public var transcripts: Int
        public var findings: Int
        /// Findings per rule (every rule listed, zero included).
        public var byRule: [String: Int]
        public var agents: [Agent]
        public var checkedAt: String
    }

    /// Checks the period and stores the findings.
    public func run(period: YearMonth) throws -> Summary {
        let ws = workspace
        let checks = try ws.qa().checks
        let store = try ws.store()
        let (rows, utterances) = try store.read { db in
            (try QAData.transcripts(period: period.description, db), try QAData.utterances(period: period.description, db))
        }
        guard !rows.isEmpty else { throw QAError(Catalog.QA.noTranscripts(period.description)) }
        let transcripts = rows.map { Transcript(channel: $0.channel, agent: $0.agent, utterances: utterances[$0.id] ?? []) }
        let found = QAChecker.check(transcripts, with: checks)
        var stored: [(transcript: Int, finding: Finding)] = []
        stored.reserveCapacity(found.reduce(0) { $0 + $1.count })
        for (i, list) in found.enumerated() { for f in list { stored.append((rows[i].id, f)) } }
        try store.write { db in
            try QAData.replaceFindings(period: period.description, stored, checkedAt: ws.stamp, transcripts: rows.count, db)
        }
        return QAChecker.summarize(period: period, rows: rows, findings: found, checkedAt: ws.stamp)
    }

    /// Checks the period when it never was, or when transcripts were imported since; returns
    /// whether it did.
    @discardableResult
    public func ensureChecked(period: YearMonth) throws -> Bool {
        let stale = try workspace.store().read { try QAData.needsCheck(period: period.description, $0) }
        if stale { _ = try run(period: period) }
        return stale
    }

    /// Runs the checks over transcripts in parallel, keeping their order.
    public static func check(_ transcripts: [Transcript], with checks: TranscriptChecks) -> [[Finding]] {
        let results = ResultSlots(count: transcripts.count)
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        // More chunks than threads, so that a slow chunk does not hold the others up.
        let chunks = min(transcripts.count, threads * 8)
        guard chunks > 0 else { return [] }
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = transcripts.count * c / chunks, upper = transcripts.count * (c + 1) / chunks
            for i in lower..<upper { results.set(i, checks.check(transcripts[i])) }
        }
        return results.values
    }

    static func summarize(period: YearMonth, rows: [TranscriptRow], findings: [[Finding]], checkedAt: String) -> Summary {
        var byRule = Dictionary(uniqueKeysWithValues: QARule.allCases.map { ($0.rawValue, 0) })
        var agents: [String: Summary.Agent] = [:]
        for (i, r) in rows.enumerated() {
            var a = agents[r.agent] ?? Summary.Agent(agent: r.agent, transcripts: 0, findings: 0, byRule: [:])
            a.transcripts += 1
            for f in findings[i] {
                byRule[f.rule.rawValue, default: 0] += 1
                a.byRule[f.rule.rawValue, default: 0] += 1
                a.findings += 1
            }
            agents[r.agent] = a
        }
        return Summary(period: period.description, transcripts: rows.count, findings: findings.reduce(0) { $0 + $1.count }, byRule: byRule,
                       agents: agents.values.sorted { $0.agent < $1.agent }, checkedAt: checkedAt)
    }
}

/// One slot per transcript, each written by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[Finding]>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ v: [Finding]) { slots[i] = v }
    var values: [[Finding]] { Array(slots) }
}
