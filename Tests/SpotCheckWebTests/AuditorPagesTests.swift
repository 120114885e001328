import Foundation
import HTTPTypes
import HummingbirdTesting
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckWeb

@Suite("The auditor's pages: the audit queue, a transcript with its findings, and the scorecard")
struct AuditorPagesTests {
    /// The sampled transcripts of September as the queue has them.
    func queue(_ bench: RoleBench) throws -> AuditQueue.Queue {
        try AuditQueue(workspace: bench.workspace()).queue(period: RoleBench.month)
    }

    /// The first sampled transcript whose page has a finding of `rule` (and, for calls, a silence).
    func sampled(_ bench: RoleBench, with rule: QARule, silence: Bool = false) throws -> AuditQueue.Page {
        let q = AuditQueue(workspace: bench.workspace())
        for item in try queue(bench).agents.flatMap(\.items) {
            let page = try #require(try q.page(transcript: item.row.id))
            if page.findings.contains(where: { $0.rule == rule }) && (!silence || !page.silences.isEmpty) {
                return page
            }
        }
        throw PageNotFound()
    }

    struct PageNotFound: Error {}

    /// The form fields that give every scorecard item its top score, then `overrides`.
    func fields(_ card: Scorecard, _ overrides: [String: Int] = [:], basedOn: String) -> [String: String] {
        var f: [String: String] = ["basedOn": basedOn, "then": "stay"]
        for item in card.items { f["score." + item.id] = String(overrides[item.id] ?? item.top) }
        return f
    }

    @Test("The queue lists the period's sample agent by agent, scored and to score")
    func queuePage() async throws {
        let bench = try RoleBench()
        let q = try queue(bench)
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "孙质检")
            let page = try await b.get("/auditor")
            #expect(page.status == .ok)
            let html = page.bodyText
            #expect(html.contains("2026-09"))
            let sampled = q.agents.reduce(0) { $0 + $1.items.count }
            #expect(html.contains("本期抽检 \(sampled) 个会话，已评分 0 个"))
            for a in q.agents {
                #expect(html.contains(">\(a.agent)</a></td><td class=\"num\">\(a.items.count)</td>"))
            }
            // The first agent's transcripts, each to score.
            for item in q.agents[0].items { #expect(html.contains("/auditor/transcript/\(item.row.id)\">")) }
        }
    }

    @Test("Other roles get 403 on the auditor's pages; a POST without its CSRF token gets 403 and stores nothing")
    func refusals() async throws {
        let bench = try RoleBench()
        let id = try queue(bench).agents[0].items[0].row.id
        let card = try bench.workspace().qa().scorecard
        try await bench.test { client in
            for name in ["赵组长", "王敏", "钱主管"] {
                let b = try await Browser.signIn(client, as: name)
                #expect(try await b.get("/auditor").status == .forbidden)
                #expect(try await b.get("/auditor/transcript/\(id)").status == .forbidden)
                #expect(
                    try await b.post("/auditor/transcript/\(id)", fields(card, basedOn: "none")).status == .forbidden)
            }
            let auditor = try await Browser.signIn(client, as: "孙质检")
            let forged = try await auditor.post(
                "/auditor/transcript/\(id)", fields(card, basedOn: "none"), withToken: false)
            #expect(forged.status == .forbidden)
            #expect(try await auditor.get("/auditor/transcript/999999").status == .notFound)
        }
        let audits = try bench.workspace().store().read { db in try QAData.audits(db) }
        #expect(audits.isEmpty)
    }

    @Test("The transcript page marks each banned phrase where the matcher found it, with the findings beside it")
    func bannedPhrasesMarked() async throws {
        let bench = try RoleBench()
        let page = try sampled(bench, with: .bannedPhrase)
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "孙质检")
            let html = try await b.get("/auditor/transcript/\(page.row.id)").bodyText
            for f in page.findings where f.rule == .bannedPhrase {
                let u = page.utterances.first { $0.seq == f.utterance }!
                let scalars = Array(u.text.unicodeScalars)
                let marked = String(String.UnicodeScalarView(scalars[f.span!]))
                #expect(html.contains(">\(marked)</mark>"))
                let before = String(
                    String.UnicodeScalarView(scalars[max(0, f.span!.lowerBound - 2)..<f.span!.lowerBound]))
                #expect(html.contains(before + "<mark class=\"banned\""))
            }
            #expect(html.contains(Catalog.QA.rule(.bannedPhrase).zh))
            for u in page.utterances { #expect(html.contains(u.start.clockText)) }
            #expect(html.contains("class=\"utterance agent\""))
            #expect(html.contains("class=\"utterance customer\""))
        }
    }

    @Test("A call's silences longer than the threshold stand between the utterances with their length")
    func silencesShown() async throws {
        let bench = try RoleBench()
        let page = try sampled(bench, with: .deadAir, silence: true)
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "孙质检")
            let html = try await b.get("/auditor/transcript/\(page.row.id)").bodyText
            for s in page.silences {
                #expect(s.ms > 3000)
                let shown = "静音 \(Catalog.QA.gap(s.ms).zh)"
                let at = try #require(html.range(of: shown))
                // Between the utterance before and the one after.
                let after = page.utterances.first { $0.seq == s.before }!
                let next = try #require(html[at.upperBound...].range(of: "class=\"utterance "))
                #expect(html[next.upperBound...].contains(after.start.clockText))
            }
            #expect(html.components(separatedBy: "class=\"silence\"").count - 1 == page.silences.count)
        }
    }

    @Test("The scorecard page offers each item's allowed scores and marks the critical items")
    func scorecardForm() async throws {
        let bench = try RoleBench()
        let id = try queue(bench).agents[0].items[0].row.id
        let card = try bench.workspace().qa().scorecard
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "孙质检")
            let html = try await b.get("/auditor/transcript/\(id)").bodyText
            for item in card.items {
                for s in item.allowed { #expect(html.contains("name=\"score.\(item.id)\" value=\"\(s)\"")) }
                #expect(html.contains(item.name))
            }
            let critical = html.components(separatedBy: "data-critical>").count - 1
            #expect(critical == card.items.filter(\.critical).count)
            #expect(html.contains("data-pass-mark=\"\(AuditorPages.number(card.passMark))\""))
        }
    }

    @Test("A saved scorecard is stored as the workbook import stores it; total and pass are the scorecard rule's")
    func saveScores() async throws {
        let bench = try RoleBench()
        let q = try queue(bench)
        let first = q.agents[0].items[0].row, second = q.agents[0].items[1].row
        let card = q.card
        // One item short of its top: the rule's total, not the page's.
        let lower = card.items.first { $0.allowed.count > 1 && !$0.critical }!
        let scores = Dictionary(
            uniqueKeysWithValues: card.items.map { ($0.id, $0.id == lower.id ? lower.allowed[0] : $0.top) })
        let expected = try #require(card.score(scores))
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "孙质检")
            var f = fields(card, [lower.id: lower.allowed[0]], basedOn: "none")
            f["then"] = "next"
            f["comment"] = "开场白不规范"
            let r = try await b.post("/auditor/transcript/\(first.id)", f)
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/auditor/transcript/\(second.id)?saved=\(first.id)")
            let next = try await b.get(r.headers[.location]!).bodyText
            let verdict = Catalog.Web.scoredResult(total: AuditorPages.number(expected.total), passed: expected.passed)
            #expect(next.contains("已保存会话 \(first.externalID) 的评分：\(verdict.zh)"))
            let queuePage = try await b.get("/auditor").bodyText
            #expect(queuePage.contains(verdict.zh))
        }
        let stored = try bench.workspace().store().read { db in try QAData.audit(transcript: first.id, db) }
        #expect(stored == QAData.Audit(transcript: first.id, auditor: "孙质检", comment: "开场白不规范", scores: scores))
        let log = try AuditLog(workspace: bench.workspace()).entries(actor: "孙质检")
        #expect(log.first?.action == "score")
        #expect(log.first?.detail.contains(first.externalID) == true)
    }

    @Test("A critical item at its lowest score fails the transcript whatever the total")
    func criticalFails() async throws {
        let bench = try RoleBench()
        let card = try queue(bench).card
        let id = try queue(bench).agents[0].items[0].row.id
        let critical = try #require(card.items.first { $0.critical })
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "孙质检")
            let r = try await b.post(
                "/auditor/transcript/\(id)", fields(card, [critical.id: critical.allowed[0]], basedOn: "none"))
            #expect(r.status == .seeOther)
            let html = try await b.get(r.headers[.location]!).bodyText
            #expect(html.contains("不合格"))
        }
        let audit = try #require(try bench.workspace().store().read { db in try QAData.audit(transcript: id, db) })
        #expect(card.score(audit.scores)?.passed == false)
    }

    @Test("An incomplete or disallowed scorecard is refused (422) and nothing is stored")
    func incompleteRefused() async throws {
        let bench = try RoleBench()
        let card = try queue(bench).card
        let id = try queue(bench).agents[0].items[0].row.id
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "孙质检")
            var f = fields(card, basedOn: "none")
            f.removeValue(forKey: "score." + card.items[0].id)
            let r = try await b.post("/auditor/transcript/\(id)", f)
            #expect(r.status == .unprocessableContent)
            #expect(r.bodyText.contains("评分不完整"))
            let bad = try await b.post(
                "/auditor/transcript/\(id)", fields(card, [card.items[0].id: 99], basedOn: "none"))
            #expect(bad.status == .unprocessableContent)
        }
        #expect(try bench.workspace().store().read { db in try QAData.audit(transcript: id, db) } == nil)
    }

    @Test("Two auditors saving on the same version: the second is refused (409), the first's scores stay")
    func raceIsRefused() async throws {
        let bench = try RoleBench()
        let card = try queue(bench).card
        let id = try queue(bench).agents[0].items[0].row.id
        try await bench.test { client in
            let a = try await Browser.signIn(client, as: "孙质检")
            let b = try await Browser.signIn(client, as: "孙质检")
            #expect(try await a.post("/auditor/transcript/\(id)", fields(card, basedOn: "none")).status == .seeOther)
            let low = Dictionary(uniqueKeysWithValues: card.items.map { ($0.id, $0.allowed[0]) })
            let r = try await b.post("/auditor/transcript/\(id)", fields(card, low, basedOn: "none"))
            #expect(r.status == .conflict)
            #expect(r.bodyText.contains("你的这次保存没有写入"))
        }
        let audit = try #require(try bench.workspace().store().read { db in try QAData.audit(transcript: id, db) })
        #expect(audit.scores == Dictionary(uniqueKeysWithValues: card.items.map { ($0.id, $0.top) }))
    }
}
