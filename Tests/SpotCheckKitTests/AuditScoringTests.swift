import Foundation
import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

@Suite("Scores recorded one transcript at a time (the workbench) and by workbook share one path")
struct AuditScoringTests {
    /// The fixture checked, all five transcripts sampled, the audit workbook exported; the ids by external id.
    func sampled() throws -> (TestWorkspace, workbook: String, ids: [String: Int]) {
        let w = try QAFixture.imported()
        _ = try AuditSample(workspace: try w.on("2026-10-08")).run(period: september, rate: 1, seed: 1, drawnBy: "孙悦")
        let path = "\(w.dir)/audit.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-08")).export(period: september, to: path)
        let ids = try Store(path: w.db).read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT external_id, id FROM transcripts").map {
                    (String($0[0] as String), Int($0[1] as Int64))
                })
        }
        return (w, path, ids)
    }

    func zeros(_ card: Scorecard) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: card.items.map { ($0.id, $0.allowed[0]) })
    }

    @Test func theScorecardsRuleTotalsWhatIsRecordedAndTheAuditIsStoredAsTheImportStoresIt() throws {
        let (w, _, ids) = try sampled()
        let ws = try w.on("2026-10-09 10:00")
        let card = try ws.qa().scorecard
        var scores = Dictionary(uniqueKeysWithValues: card.items.map { ($0.id, $0.top) })
        scores["response"] = 5
        let q2 = try #require(ids["Q2"])
        let r = try AuditScoring(workspace: ws).record(
            .init(transcript: q2, scores: scores, auditor: "陈静", comment: "响应稍慢", basedOn: "none"))
        #expect(r.changed)
        #expect(r.result == card.score(scores))
        #expect(r.result.total == 92.5 && r.result.passed)
        let stored = try Store(path: w.db).read { db in try QAData.audit(transcript: q2, db) }
        #expect(stored == QAData.Audit(transcript: q2, auditor: "陈静", comment: "响应稍慢", scores: scores))
        // The same again changes nothing; based on what it saw before, it is refused.
        let version = try Store(path: w.db).read { db in try AuditScoring.version(of: q2, db) }
        let same = try AuditScoring(workspace: ws).record(
            .init(transcript: q2, scores: scores, auditor: "陈静", comment: "响应稍慢", basedOn: version))
        #expect(!same.changed)
        #expect(throws: QAError(Catalog.QA.auditChangedMeanwhile(by: "陈静"))) {
            try AuditScoring(workspace: ws).record(
                .init(transcript: q2, scores: zeros(card), auditor: "何磊", comment: nil, basedOn: "none"))
        }
    }

    @Test func scoresTheScorecardRefusesAreNotStored() throws {
        let (w, _, ids) = try sampled()
        let ws = try w.on("2026-10-09 10:00")
        let card = try ws.qa().scorecard
        let q1 = try #require(ids["Q1"])
        var bad = zeros(card)
        bad["response"] = 7
        #expect(throws: QAError(Catalog.QA.itemNotAllowed(card.items[0]))) {
            try AuditScoring(workspace: ws).record(.init(transcript: q1, scores: bad, auditor: "陈静", comment: nil))
        }
        var partial = zeros(card)
        partial.removeValue(forKey: card.items[1].id)
        #expect(throws: QAError(Catalog.QA.itemsMissing([card.items[1]]))) {
            try AuditScoring(workspace: ws).record(.init(transcript: q1, scores: partial, auditor: "陈静", comment: nil))
        }
        #expect(throws: QAError(Catalog.QA.noScores)) {
            try AuditScoring(workspace: ws).record(.init(transcript: q1, scores: [:], auditor: "陈静", comment: nil))
        }
        #expect(throws: QAError(Catalog.QA.notSampled)) {
            try AuditScoring(workspace: ws).record(
                .init(transcript: 999_999, scores: zeros(card), auditor: "陈静", comment: nil))
        }
        #expect(try w.count("audits") == 0)
    }

    @Test func aWorkbookExportedBeforeAScoreWasRecordedOnThePageDoesNotOverwriteIt() throws {
        let (w, workbook, ids) = try sampled()
        let ws = try w.on("2026-10-09 10:00")
        let card = try ws.qa().scorecard
        let q2 = try #require(ids["Q2"])
        // On the page: Q2 all zeros. The workbook (exported before) scores Q2 100.
        _ = try AuditScoring(workspace: ws).record(
            .init(transcript: q2, scores: zeros(card), auditor: "陈静", comment: nil))
        let scored = "\(w.dir)/scored.xlsx"
        try python(scoreScript, [workbook, scored])
        let before = try w.snapshot()
        do {
            _ = try ScoresImporter(workspace: try w.on("2026-10-15")).run(file: scored)
            Issue.record("imported over the page's scores")
        } catch let e as ConflictError {
            #expect(e.workbook == .audit)
            #expect(e.conflicts.contains { $0.recorded == "陈静" && $0.listed == "孙悦" })
        }
        #expect(try w.snapshot() == before)
        // A workbook exported after it shows the page's scores, and importing it changes nothing.
        let again = "\(w.dir)/again.xlsx"
        _ = try AuditWorkbook(workspace: try w.on("2026-10-16")).export(period: september, to: again)
        #expect(try ScoresImporter(workspace: try w.on("2026-10-16")).run(file: again).unchanged)
    }
}
