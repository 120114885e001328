import Dispatch
import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
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
        let ws = workspace
        let checks = try ws.qa().checks
        let store = try ws.store()
        let checked = try QAChecker.checkRuns(period: period.description, with: checks, store: store)
        let transcripts = checked.reduce(0) { $0 + $1.count }
        guard transcripts > 0 else { throw QAError(Catalog.QA.noTranscripts(period.description)) }
        // The findings are written in the order of their transcripts' ids (a transcript's own in the order found);
        // the figures, which need no order, are summed on another core meanwhile, which then lets the checked
        // transcripts go: nothing waits for them to be put in time order or freed.
        var stored: [(transcript: Int, finding: Finding)] = []
        stored.reserveCapacity(checked.reduce(0) { $0 + $1.reduce(0) { $0 + $1.1.count } })
        for run in checked { for (r, list) in run { for f in list { stored.append((r.id, f)) } } }
        let stamp = ws.stamp
        let handed = Handed(consume checked)
        var summary: Summary? = nil
        let summing = Helper {
            summary = QAChecker.summarize(period: period, handed.take(), checkedAt: stamp)
        }
        summing.start()
        let written = Result {
            try store.write { db in
                try QAData.replaceFindings(
                    period: period.description, stored, checkedAt: stamp, transcripts: transcripts, db)
            }
        }
        _ = summing.join()
        try written.get()
        return summary!
    }

    /// Checks the period when it never was, or when transcripts were imported since; returns
    /// whether it did.
    @discardableResult
    public func ensureChecked(period: YearMonth) throws -> Bool {
        let stale = try workspace.store().read { try QAData.needsCheck(period: period.description, $0) }
        if stale { _ = try run(period: period) }
        return stale
    }

    /// Reads and checks a period's stored transcripts on every core. The period's ids are cut
    /// into runs that threads take in turn, each reading its runs' transcripts and utterances
    /// on a connection of its own (this thread on the store's) and checking them. The
    /// transcripts in time order (as ``QAData/transcripts(period:_:)`` gives them), with their
    /// findings: how the stored findings read back. (``run(period:)`` needs no order and takes
    /// ``checkRuns(period:with:store:threads:perThread:)``'s runs as they are.)
    /// A thread takes on at least `perThread` ids of the period.
    static func check(
        period: String, with checks: TranscriptChecks, store: Store, threads: Int = QAChecker.threads,
        perThread: Int = 2000
    ) throws -> (rows: [TranscriptRow], findings: [[Finding]]) {
        let checked = try checkRuns(period: period, with: checks, store: store, threads: threads, perThread: perThread)
        // In time order: the keys are sorted and the rows then taken once (sorting the rows themselves moved their
        // texts and findings at every merge).
        var keys: [(started: Int64, id: Int, run: Int32, at: Int32)] = []
        keys.reserveCapacity(checked.reduce(0) { $0 + $1.count })
        for (k, run) in checked.enumerated() {
            for (i, r) in run.enumerated() { keys.append((r.0.started.milliseconds, r.0.id, Int32(k), Int32(i))) }
        }
        keys.sort { ($0.started, $0.id) < ($1.started, $1.id) }
        return (keys.map { checked[Int($0.run)][Int($0.at)].0 }, keys.map { checked[Int($0.run)][Int($0.at)].1 })
    }

    /// ``check(period:with:store:threads:perThread:)``'s transcripts and findings as its runs of ids gave them, each
    /// run in id order.
    static func checkRuns(
        period: String, with checks: TranscriptChecks, store: Store, threads: Int = QAChecker.threads,
        perThread: Int = 2000
    ) throws -> [[(TranscriptRow, [Finding])]] {
        guard let span = try store.read({ try QAData.idSpan(period: period, $0) }) else { return [] }
        let threads = min(threads, max(1, span.count / perThread))
        let parts = min(span.count, threads * 16)
        let runs = (0..<parts).map { k in
            (span.lowerBound + span.count * k / parts)...(span.lowerBound + span.count * (k + 1) / parts - 1)
        }
        let work = CheckRuns(runs)
        func checkRuns(_ db: Database) throws {
            while let (k, run) = work.next() {
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
                    zip(rows, found).map { r, f in
                        (r, f ?? checks.check(Transcript(channel: r.channel, agent: r.agent, utterances: [])))
                    })
            }
        }
        let helpers = (1..<threads).map { _ in Helper { try store.readOnlyConnection().read(checkRuns) } }
        for h in helpers { h.start() }
        var failure: Error? = nil
        do { try store.read(checkRuns) } catch {
            work.stop()
            failure = error
        }
        for h in helpers {
            if let e = h.join(), failure == nil { failure = e }
        }
        if let failure { throw failure }
        return work.results
    }

    /// The threads the checks run on: the cores this process may use, at most eight.
    static var threads: Int { min(Processors.usable, 8) }

    /// The figures of the checked transcripts (in any order: they are counts).
    static func summarize(period: YearMonth, _ checked: [[(TranscriptRow, [Finding])]], checkedAt: String) -> Summary {
        var byRule = Dictionary(uniqueKeysWithValues: QARule.allCases.map { ($0.rawValue, 0) })
        var agents: [String: Summary.Agent] = [:]
        var transcripts = 0, findings = 0
        for run in checked {
            for (r, found) in run {
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
        return Summary(
            period: period.description, transcripts: transcripts, findings: findings, byRule: byRule,
            agents: agents.values.sorted { $0.agent < $1.agent }, checkedAt: checkedAt)
    }
}

/// The runs of transcript ids to check, taken in turn by the threads, and what each found.
private final class CheckRuns: @unchecked Sendable {
    private let lock = NSLock()
    private let runs: [ClosedRange<Int>]
    private var taken = 0
    private var found: [[(TranscriptRow, [Finding])]]

    init(_ runs: [ClosedRange<Int>]) {
        self.runs = runs
        found = Array(repeating: [], count: runs.count)
    }

    /// The next run to check, with its number.
    func next() -> (Int, ClosedRange<Int>)? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < runs.count else { return nil }
        taken += 1
        return (taken - 1, runs[taken - 1])
    }

    /// What a run's transcripts gave.
    func done(_ k: Int, _ results: [(TranscriptRow, [Finding])]) {
        lock.lock()
        found[k] = results
        lock.unlock()
    }

    /// Each run's transcripts with their findings, in id order.
    var results: [[(TranscriptRow, [Finding])]] {
        lock.lock()
        defer { lock.unlock() }
        return found
    }

    /// No more runs are handed out (a thread failed).
    func stop() {
        lock.lock()
        taken = runs.count
        lock.unlock()
    }
}

/// A value handed to another thread, which takes it out once (and only that thread): the last reference is then
/// that thread's, and so is the work of freeing it.
private final class Handed<T>: @unchecked Sendable {
    private var value: T?
    init(_ value: consuming T) { self.value = value }
    func take() -> T {
        defer { value = nil }
        return value!
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
