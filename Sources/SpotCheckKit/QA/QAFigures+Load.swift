import SpotCheckCore
import SpotCheckStore
import SpotCheckText

extension QAFigures {
    /// A period's QA records as the store holds them, with their figures counted once: what the
    /// QA workbooks lay out.
    struct Loaded {
        var rows: [TranscriptRow]
        var findings: [QAData.StoredFinding]
        var sampled: Set<Int>
        var card: Scorecard
        var figures: QAFigures
        /// The automatic checks ran first (transcripts were imported since they last ran).
        var checkedFirst: Bool
    }

    /// Reads `period` from the workspace, running the automatic checks first when transcripts
    /// were imported since; a period without transcripts is an error.
    static func load(period: YearMonth, in ws: Workspace) throws -> Loaded {
        let qa = try ws.qa()
        let checkedFirst = try QAChecker(workspace: ws).ensureChecked(period: period)
        let (rows, findings, sampled, audits) = try ws.store().read { db in
            (
                try QAData.transcripts(period: period.description, db),
                try QAData.findings(period: period.description, db),
                Set(try QAData.sampled(period: period.description, db)),
                try QAData.audits(period: period.description, db)
            )
        }
        guard !rows.isEmpty else { throw QAError(Catalog.QA.noTranscripts(period.description)) }
        let figures = QAFigures(
            rows: rows, findings: findings, sampled: sampled, audits: audits, card: qa.scorecard,
            limits: qa.checks.rules)
        return Loaded(
            rows: rows, findings: findings, sampled: sampled, card: qa.scorecard, figures: figures,
            checkedFirst: checkedFirst)
    }
}
