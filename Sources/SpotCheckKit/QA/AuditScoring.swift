import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// Records an auditor's scorecard for one sampled transcript (the workbench's scorecard page).
///
/// The same rules and the same store as the audit workbook's import (`spotcheck qa scores
/// import`, ``ScoresImporter``): the scores are checked by ``Scorecard/problems(of:)``, the
/// total and pass/fail are the scorecard's (``Scorecard/score(_:)``), never taken from the
/// page, and the audit is stored through ``AuditScoring/store(_:copy:change:stamp:_:)`` with
/// its change number, so a workbook exported before it knows it did not show it.
public struct AuditScoring {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// One transcript's scorecard as a person filled it in.
    public struct Entry: Sendable {
        public var transcript: Int
        /// Score by scorecard item id.
        public var scores: [String: Int]
        public var auditor: String?
        public var comment: String?
        /// The audit's ``AuditScoring/version(of:_:)`` the person saw; when it changed since
        /// (another auditor saved first), the entry is refused instead of overwriting theirs.
        public var basedOn: String?

        public init(
            transcript: Int, scores: [String: Int], auditor: String?, comment: String?, basedOn: String? = nil
        ) {
            self.transcript = transcript
            self.scores = scores
            self.auditor = auditor
            self.comment = comment
            self.basedOn = basedOn
        }
    }

    /// What recording did: the scorecard's result, and whether anything changed.
    public struct Outcome: Sendable {
        public var result: Scorecard.Result
        public var changed: Bool
    }

    /// Checks and stores an entry.
    public func record(_ e: Entry) throws -> Outcome {
        let ws = workspace
        let card = try ws.qa().scorecard
        if let problem = card.problems(of: e.scores).first { throw QAError(Self.message(problem, card: card)) }
        guard let result = card.score(e.scores) else { throw QAError(Catalog.QA.noScores) }
        return try ws.store().write { db in
            guard try QAData.transcript(id: e.transcript, db) != nil, try QAData.isSampled(e.transcript, db)
            else { throw QAError(Catalog.QA.notSampled) }
            if let seen = e.basedOn, seen != (try Self.version(of: e.transcript, db)) {
                let by = try QAData.audit(transcript: e.transcript, db)?.auditor ?? "?"
                throw QAError(Catalog.QA.auditChangedMeanwhile(by: by))
            }
            let audit = QAData.Audit(transcript: e.transcript, auditor: e.auditor, comment: e.comment, scores: e.scores)
            let changed = try Self.store(audit, copy: nil, change: Changes.Pending(db), stamp: ws.stamp, db)
            return Outcome(result: result, changed: changed)
        }
    }

    /// Stores (or replaces) an audit and marks it with the change number and the workbook copy
    /// that recorded it (nil: not a workbook); whether anything changed. The one way an audit
    /// is written, for the workbook's import and the workbench alike.
    static func store(
        _ a: QAData.Audit, copy: String?, change: Changes.Pending, stamp: String, _ db: Database
    ) throws -> Bool {
        guard try QAData.saveAudit(a, scoredAt: stamp, db) else { return false }
        try Changes.markAudit(a.transcript, seq: try change.seq(), copy: copy, db)
        return true
    }

    /// Changes whenever the transcript's audit is stored or withdrawn: what a page saw.
    public static func version(of transcript: Int, _ db: Database) throws -> String {
        try Changes.auditProvenance(transcript: transcript, db).map { String($0.seq) } ?? "none"
    }

    /// A scorecard problem in words.
    static func message(_ p: Scorecard.ScoreProblem, card: Scorecard) -> Message {
        switch p {
        case .notAllowed(let id, _):
            guard let item = card.items.first(where: { $0.id == id }) else { return Catalog.QA.unknownItem(id) }
            return Catalog.QA.itemNotAllowed(item)
        case .unknownItem(let id): return Catalog.QA.unknownItem(id)
        case .missing(let ids): return Catalog.QA.itemsMissing(card.items.filter { ids.contains($0.id) })
        }
    }
}
