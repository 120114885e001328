import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// The auditor's queue (the workbench's 质检队列): a period's audit sample agent by agent,
/// each transcript scored or still to score, as the audit workbook lists them (agent by
/// agent, each in time order); and one sampled transcript with what its page shows: the
/// conversation, its silences, the automatic findings (the same checks as `qa check`, run on
/// it) and its audit.
public struct AuditQueue {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// A sampled transcript in the queue.
    public struct Item: Sendable {
        public var row: TranscriptRow
        public var audit: QAData.Audit?
        /// The scorecard's result; nil while not every item is scored.
        public var result: Scorecard.Result?
        public var isScored: Bool { result != nil }
    }

    /// One agent's sampled transcripts.
    public struct Agent: Sendable {
        public var agent: String
        public var items: [Item]
        public var scored: Int { items.filter(\.isScored).count }
        public var toScore: Int { items.count - scored }
    }

    /// A period's queue.
    public struct Queue: Sendable {
        public var period: YearMonth
        /// By agent name.
        public var agents: [Agent]
        public var card: Scorecard
    }

    /// The periods with an audit sample, latest first.
    public func periods() throws -> [YearMonth] {
        try workspace.store().read { db in try QAData.sampledPeriods(db) }.compactMap(YearMonth.init(parsing:))
            .sorted(by: >)
    }

    /// The period an auditor works on unless they pick one: the latest sampled period not after
    /// this month; nil when nothing was sampled.
    public func defaultPeriod() throws -> YearMonth? {
        let sampled = try periods()
        return sampled.first { $0 <= workspace.today.yearMonth } ?? sampled.last
    }

    /// The queue of `period`.
    public func queue(period: YearMonth) throws -> Queue {
        let card = try workspace.qa().scorecard
        let (rows, audits) = try workspace.store().read { db in
            (
                try QAData.sampledTranscripts(period: period.description, db),
                try QAData.audits(period: period.description, db)
            )
        }
        var byAgent: [String: [Item]] = [:]
        for r in rows {
            let audit = audits[r.id]
            byAgent[r.agent, default: []].append(
                Item(row: r, audit: audit, result: audit.flatMap { card.score($0.scores) }))
        }
        let agents = byAgent.keys.sorted().map { Agent(agent: $0, items: byAgent[$0]!) }
        return Queue(period: period, agents: agents, card: card)
    }

    /// One sampled transcript as its page shows it.
    public struct Page: Sendable {
        public var row: TranscriptRow
        public var utterances: [Utterance]
        /// The automatic checks' findings, in time order.
        public var findings: [Finding]
        /// Silences longer than the threshold (calls).
        public var silences: [TranscriptChecks.Silence]
        public var audit: QAData.Audit?
        /// What the page saw of the audit (see ``AuditScoring/Entry/basedOn``).
        public var version: String
        public var card: Scorecard
        public var silenceMs: Int

        /// An utterance's text as the audit workbook's conversation has it: each banned phrase
        /// the checks found marked where the phrase matcher found it, phone and ID numbers masked
        /// with the marks kept (``AuditWorkbook/masked(_:)``).
        public func text(of u: Utterance) -> MarkedText {
            let spans = AuditWorkbook.bannedPhraseSpans(findings)[u.seq] ?? []
            return AuditWorkbook.masked(MarkedText(u.text, marks: AuditWorkbook.byteRanges(of: spans, in: u.text)))
        }
    }

    /// A sampled transcript; nil when there is none with that id or it is not in the sample.
    public func page(transcript id: Int) throws -> Page? {
        let qa = try workspace.qa()
        let found = try workspace.store().read { db -> (TranscriptRow, [Utterance], QAData.Audit?, String)? in
            guard let row = try QAData.transcript(id: id, db), try QAData.isSampled(id, db) else { return nil }
            return (
                row, try QAData.UtteranceReader(db).utterances(of: id), try QAData.audit(transcript: id, db),
                try AuditScoring.version(of: id, db)
            )
        }
        guard let (row, utterances, audit, version) = found else { return nil }
        let transcript = Transcript(channel: row.channel, agent: row.agent, utterances: utterances)
        return Page(
            row: row, utterances: utterances, findings: qa.checks.check(transcript),
            silences: qa.checks.silences(transcript), audit: audit, version: version, card: qa.scorecard,
            silenceMs: qa.checks.rules.silenceMs)
    }

    /// The transcript to score after `id`: the next unscored one of the same agent (in the
    /// queue's order), else the first unscored one of the period; nil when all are scored.
    public func next(after id: Int, period: YearMonth) throws -> Int? {
        let q = try queue(period: period)
        let items = q.agents.flatMap(\.items)
        guard let at = items.firstIndex(where: { $0.row.id == id }) else {
            return items.first { !$0.isScored }?.row.id
        }
        let agent = items[at].row.agent
        let later = items[(at + 1)...].first { !$0.isScored && $0.row.agent == agent }
        return (later ?? items.first { !$0.isScored && $0.row.id != id })?.row.id
    }
}
