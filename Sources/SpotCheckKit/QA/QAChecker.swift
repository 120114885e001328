import Dispatch
import Foundation
import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckSystem
import SpotCheckText

/// Runs every automatic check on every transcript of a period (`spotcheck qa check`) and
/// stores the findings, replacing the period's earlier ones: checking twice gives the same
/// findings. Reading and checking run on all cores; writing the findings stays on one thread.
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

    /// Checks the period and stores the findings. Every core reads a share of the period's
    /// transcripts, on a connection of its own, and checks them as they come.
    public func run(period: YearMonth) throws -> Summary {
        try run(period: period, threads: QAChecker.threads)
    }

    /// ``run(period:)`` on `threads` threads, each taking on at least `perThread` ids of the period.
    func run(period: YearMonth, threads: Int, perThread: Int = 2000) throws -> Summary {
        let ws = workspace
        let checks = try ws.qa().checks
        let store = try ws.store()
        let stamp = ws.stamp
        // Each thread tallies the runs it checked and keeps only their findings, so the checked transcripts are
        // counted and let go on every core. Near the end this thread stops checking and writes: it deletes the
        // period's old findings and stores each run's as the run is done, in the order of their transcripts' ids (a
        // transcript's own in the order found), while the others check the last runs.
        let summary = try QAChecker.checkRuns(
            period: period.description, with: checks, store: store, threads: threads, perThread: perThread,
            each: { run -> (Tally, [(transcript: Int, finding: Finding)]) in
                (Tally(run), run.flatMap { r, found in found.map { (r.id, $0) } })
            },
            finish: { results in
                try store.write { db in
                    var tally = Tally()
                    try QAData.replaceFindings(period: period.description, checkedAt: stamp, db) { insert in
                        while let (t, found) = try results.next() {
                            tally.add(t)
                            try insert(found)
                        }
                        // Nothing is stored for a period without transcripts (the write is undone).
                        guard tally.transcripts > 0 else {
                            throw QAError(Catalog.QA.noTranscripts(period.description))
                        }
                        return tally.transcripts
                    }
                    return tally.summary(period: period, checkedAt: stamp)
                }
            })
        guard let summary else { throw QAError(Catalog.QA.noTranscripts(period.description)) }
        return summary
    }

    /// Checks the period when it never was, or when transcripts were imported since; returns
    /// whether it did.
    @discardableResult
    public func ensureChecked(period: YearMonth) throws -> Bool {
        let stale = try workspace.store().read { try QAData.needsCheck(period: period.description, $0) }
        if stale { _ = try run(period: period) }
        return stale
    }

    /// Checks the period's runs of ids on `threads` threads, this one among them; what each run's transcripts and
    /// findings give (`each`, on the thread that checked them) is handed to `finish`, which this thread calls once it
    /// has taken its share: the runs left to the other threads take about as long as the writing. `finish` reads what
    /// the runs gave in id order, each waited for as it is needed. Nil when the period has no transcripts.
    static func checkRuns<R, T>(
        period: String, with checks: TranscriptChecks, store: Store, threads: Int = QAChecker.threads,
        perThread: Int = 2000, each: @escaping ([(TranscriptRow, [Finding])]) throws -> R,
        finish: (_ results: CheckRuns<R>) throws -> T
    ) throws -> T? {
        guard let span = try store.read({ try QAData.idSpan(period: period, $0) }) else { return nil }
        let threads = min(threads, max(1, span.count / perThread))
        let runs = QAChecker.runs(of: span, threads: threads)
        // With others checking, this thread leaves them the last eighth of the runs (short ones: a sixteenth of the
        // work on two threads, about what writing the findings takes). Only in WAL mode: with a rollback journal, a
        // writer that must spill its pages waits for the readers, and a reader not yet begun would wait for it.
        let overlap = try threads > 1 && store.isInWAL()
        let work = CheckRuns<R>(runs, leaving: overlap ? runs.count / 8 : 0)
        func checkRuns(_ db: Database, mine: Bool) throws {
            while let (k, run) = work.take(mine: mine) {
                let rows = try QAData.transcripts(period: period, in: run, db)
                var position: [Int: Int] = [:]
                for (i, r) in rows.enumerated() { position[r.id] = i }
                var found = [[Finding]?](repeating: nil, count: rows.count)
                try QAData.forEachTranscriptUtterances(in: run, where: { position[$0] != nil }, db) { id, utterances in
                    let i = position[id]!
                    found[i] = checks.check(
                        Transcript(channel: rows[i].channel, agent: rows[i].agent, utterances: utterances))
                }
                // A transcript without utterances is checked as one.
                work.done(
                    k,
                    try each(
                        zip(rows, found).map { r, f in
                            (r, f ?? checks.check(Transcript(channel: r.channel, agent: r.agent, utterances: [])))
                        }))
            }
        }
        let helpers = (1..<threads).map { _ in
            Helper {
                do { try store.readOnlyConnection().read { try checkRuns($0, mine: false) } } catch {
                    work.fail(error)
                    throw error
                }
            }
        }
        for h in helpers { h.start() }
        // Waits for the other threads (their errors reach `finish` through `work`).
        defer { for h in helpers { _ = h.join() } }
        do {
            try store.read { try checkRuns($0, mine: true) }
            if !overlap { try work.waitForAll() }
            return try finish(work)
        } catch {
            work.fail(error)
            throw error
        }
    }

    /// The runs of ids the threads take in turn: the first three quarters of the span in `threads * 8` runs, the
    /// last quarter in as many runs a third as long, so that the threads finish close together.
    static func runs(of span: ClosedRange<Int>, threads: Int) -> [ClosedRange<Int>] {
        let n = span.count, parts = threads * 8
        let big = (0..<parts).map { k in (n * 3 / 4) * k / parts }
        let small = (0..<parts).map { k in n * 3 / 4 + (n - n * 3 / 4) * k / parts }
        let starts = Array(Set(big + small)).sorted()
        return starts.indices.map { i in
            (span.lowerBound + starts[i])...(span.lowerBound + (i + 1 < starts.count ? starts[i + 1] : n) - 1)
        }
    }

    /// The threads the checks run on: the cores this process may use, at most eight.
    static var threads: Int { min(Processors.usable, 8) }

    /// The figures of checked transcripts, summed in any order (they are counts).
    struct Tally {
        var transcripts = 0, findings = 0
        var byRule: [String: Int] = [:]
        var agents: [String: Summary.Agent] = [:]

        init() {}

        init(_ checked: [(TranscriptRow, [Finding])]) {
            for (r, found) in checked {
                var a = agents[r.agent] ?? Summary.Agent(agent: r.agent, transcripts: 0, findings: 0, byRule: [:])
                a.transcripts += 1
                transcripts += 1
                for f in found {
                    byRule[f.rule.rawValue, default: 0] += 1
                    a.byRule[f.rule.rawValue, default: 0] += 1
                    a.findings += 1
                    findings += 1
                }
                agents[r.agent] = a
            }
        }

        mutating func add(_ other: Tally) {
            transcripts += other.transcripts
            findings += other.findings
            byRule.merge(other.byRule, uniquingKeysWith: +)
            agents.merge(other.agents) { a, b in
                Summary.Agent(
                    agent: a.agent, transcripts: a.transcripts + b.transcripts, findings: a.findings + b.findings,
                    byRule: a.byRule.merging(b.byRule, uniquingKeysWith: +))
            }
        }

        /// The summary of a period's check: every rule listed, zero included; the agents by name.
        func summary(period: YearMonth, checkedAt: String) -> Summary {
            Summary(
                period: period.description, transcripts: transcripts, findings: findings,
                byRule: byRule.merging(QARule.allCases.map { ($0.rawValue, 0) }, uniquingKeysWith: +),
                agents: agents.values.sorted { $0.agent < $1.agent }, checkedAt: checkedAt)
        }
    }
}

/// The runs of transcript ids to check, taken in turn by the threads, and what each gave, read in id order.
final class CheckRuns<R>: @unchecked Sendable {
    private let condition = NSCondition()
    private let runs: [ClosedRange<Int>]
    /// The runs the thread that writes leaves to the others.
    private let leaving: Int
    private var taken = 0, read = 0
    private var found: [R?]
    private var failure: Error?

    init(_ runs: [ClosedRange<Int>], leaving: Int) {
        self.runs = runs
        self.leaving = leaving
        found = Array(repeating: nil, count: runs.count)
    }

    /// Takes the next run to check, with its number; the thread that writes (`mine`) stops before the last `leaving`.
    func take(mine: Bool) -> (Int, ClosedRange<Int>)? {
        condition.lock()
        defer { condition.unlock() }
        guard failure == nil, taken < runs.count - (mine ? leaving : 0) else { return nil }
        taken += 1
        return (taken - 1, runs[taken - 1])
    }

    /// What a run's transcripts gave.
    func done(_ k: Int, _ result: R) {
        condition.lock()
        found[k] = result
        condition.broadcast()
        condition.unlock()
    }

    /// A thread failed: no more runs are handed out, and the reader hears of it.
    func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every run is done; throws when a thread failed.
    func waitForAll() throws {
        condition.lock()
        defer { condition.unlock() }
        while found[read...].contains(where: { $0 == nil }) {
            if let failure { throw failure }
            condition.wait()
        }
    }

    /// What the next run in id order gave, once it is done (nil after the last); let go once read. Throws when a
    /// thread failed before that run was done.
    func next() throws -> R? {
        condition.lock()
        defer { condition.unlock() }
        guard read < runs.count else { return nil }
        while found[read] == nil {
            if let failure { throw failure }
            condition.wait()
        }
        defer { found[read] = nil; read += 1 }
        return found[read]
    }
}

/// A thread that runs a job and keeps its error until joined.
private final class Helper: @unchecked Sendable {
    private let job: () throws -> Void
    private let done = DispatchSemaphore(value: 0)
    private var error: Error?

    init(_ job: @escaping () throws -> Void) { self.job = job }

    func start() {
        Thread { [self] in
            do { try job() } catch { self.error = error }
            done.signal()
        }.start()
    }

    /// Waits for the job to end; its error, if any.
    func join() -> Error? {
        done.wait()
        return error
    }
}
