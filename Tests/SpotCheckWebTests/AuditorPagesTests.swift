import Foundation
import GRDB
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
    /// September's sample as the queue has it.
    func queue(_ bench: DeskBench) throws -> AuditQueue.Queue {
        try AuditQueue(workspace: bench.workspace()).queue(period: WebWorkspace.september)
    }

    /// The first sampled transcript whose page has a finding of `rule` (and, if asked, a silence).
    func sampled(_ bench: DeskBench, with rule: QARule, silence: Bool = false) throws -> AuditQueue.Page {
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

    /// The form's fields: every scorecard item at its top score unless `overrides` says otherwise.
    func fields(
        _ card: Scorecard, _ overrides: [String: Int] = [:], basedOn: String, then: String = "stay"
    )
        -> [(String, String)]
    {
        card.items.map { ("score." + $0.id, String(overrides[$0.id] ?? $0.top)) } + [
            ("basedOn", basedOn), ("then", then),
        ]
    }

    /// The audit stored for a transcript.
    func stored(_ bench: DeskBench, _ id: Int) throws -> QAData.Audit? {
        try bench.workspace().store().read { db in try QAData.audit(transcript: id, db) }
    }

    @Test("The queue lists the period's sample agent by agent, scored and to score")
    func queuePage() async throws {
        let bench = try DeskBench(qa: true)
        let q = try queue(bench)
        try await bench.test { client in
            let b = try await Browser.signedIn(client, "陈静", at: "/auditor")
            let html = b.lastBody
            #expect(html.contains("aria-current=\"page\" class=\"current\">2026-09</a>"))
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
        let bench = try DeskBench(qa: true)
        let id = try queue(bench).agents[0].items[0].row.id
        let card = try bench.workspace().qa().scorecard
        try await bench.test { client in
            for (name, home) in [("王组长", "/lead"), ("李娜", "/caller"), ("刘总", "/manager")] {
                var b = try await Browser.signedIn(client, name, at: home)
                #expect(try await b.get(client, "/auditor").status == .forbidden)
                #expect(try await b.get(client, "/auditor/transcript/\(id)").status == .forbidden)
                let post = try await b.post(client, "/auditor/transcript/\(id)", fields(card, basedOn: "none"))
                #expect(post.status == .forbidden)
            }
            var auditor = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(id)")
            let forged = try await auditor.post(
                client, "/auditor/transcript/\(id)", fields(card, basedOn: auditor.basedOn), withToken: false)
            #expect(forged.status == .forbidden)
            #expect(try await auditor.get(client, "/auditor/transcript/999999").status == .notFound)
        }
        #expect(try bench.workspace().store().read { db in try QAData.audits(db) }.isEmpty)
    }

    @Test("Markup typed into a conversation shows as text on the transcript page, never as markup")
    func conversationEscaped() async throws {
        let bench = try DeskBench(qa: true)
        let page = try sampled(bench, with: .bannedPhrase)
        let marked = Set(page.findings.compactMap(\.utterance))
        let u = try #require(page.utterances.first { !marked.contains($0.seq) })
        try bench.workspace().store().write { db in
            try db.execute(
                sql: "UPDATE utterances SET text = ? WHERE transcript_id = ? AND seq = ?",
                arguments: ["<script>alert('x')</script> & \"好的\"", page.row.id, u.seq])
        }
        try await bench.test { client in
            let b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(page.row.id)")
            #expect(b.lastBody.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;好的&quot;"))
            #expect(!b.lastBody.contains("<script>alert"))
        }
    }

    @Test("The transcript page marks each banned phrase where the matcher found it, with the findings beside it")
    func bannedPhrasesMarked() async throws {
        let bench = try DeskBench(qa: true)
        let page = try sampled(bench, with: .bannedPhrase)
        try await bench.test { client in
            let b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(page.row.id)")
            let html = b.lastBody
            for f in page.findings where f.rule == .bannedPhrase {
                let u = page.utterances.first { $0.seq == f.utterance }!
                let scalars = Array(u.text.unicodeScalars)
                let span = try #require(f.span)
                let marked = String(String.UnicodeScalarView(scalars[span]))
                #expect(html.contains(">\(marked)</mark>"))
                let before = String(String.UnicodeScalarView(scalars[max(0, span.lowerBound - 2)..<span.lowerBound]))
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
        let bench = try DeskBench(qa: true)
        let page = try sampled(bench, with: .deadAir, silence: true)
        try await bench.test { client in
            let b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(page.row.id)")
            let html = b.lastBody
            for s in page.silences {
                #expect(s.ms > 3000)
                let at = try #require(html.range(of: "静音 \(Catalog.QA.gap(s.ms).zh)"))
                // Just before the utterance after it.
                let after = page.utterances.first { $0.seq == s.before }!
                let next = try #require(html[at.upperBound...].range(of: "<div class=\"meta\">"))
                #expect(
                    html[next.upperBound...].hasPrefix(
                        Catalog.QA.speaker(after.speaker).zh + " " + after.start.clockText))
            }
            #expect(html.components(separatedBy: "class=\"silence\"").count - 1 == page.silences.count)
        }
    }

    @Test("The scorecard offers each item's allowed scores and marks the critical items")
    func scorecardForm() async throws {
        let bench = try DeskBench(qa: true)
        let id = try queue(bench).agents[0].items[0].row.id
        let card = try bench.workspace().qa().scorecard
        try await bench.test { client in
            let b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(id)")
            let html = b.lastBody
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
        let bench = try DeskBench(qa: true)
        let q = try queue(bench)
        let first = q.agents[0].items[0].row, second = q.agents[0].items[1].row
        let card = q.card
        // One item below its top: the rule's total and verdict.
        let lower = try #require(card.items.first { $0.allowed.count > 2 && !$0.critical })
        var scores: [String: Int] = [:]
        for item in card.items { scores[item.id] = item.id == lower.id ? lower.allowed[1] : item.top }
        let expected = try #require(card.score(scores))
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(first.id)")
            let r = try await b.post(
                client, "/auditor/transcript/\(first.id)",
                fields(card, [lower.id: lower.allowed[1]], basedOn: b.basedOn, then: "next") + [("comment", "开场白不规范")])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/auditor/transcript/\(second.id)?saved=\(first.id)")
            let next = try await b.get(client, r.headers[.location]!).text
            let verdict = Catalog.Web.scoredResult(total: AuditorPages.number(expected.total), passed: expected.passed)
            #expect(next.contains("已保存会话 \(first.externalID) 的评分：\(verdict.zh)"))
            #expect(try await b.get(client, "/auditor").text.contains(verdict.zh))
        }
        #expect(
            try stored(bench, first.id)
                == QAData.Audit(transcript: first.id, auditor: "陈静", comment: "开场白不规范", scores: scores))
        let log = try AuditLog(workspace: bench.workspace()).entries(actor: "陈静")
        #expect(log.first?.action == "score")
        #expect(log.first?.detail.contains(first.externalID) == true)
    }

    @Test("A critical item at its lowest score fails the transcript whatever the total")
    func criticalFails() async throws {
        let bench = try DeskBench(qa: true)
        let card = try queue(bench).card
        let id = try queue(bench).agents[0].items[0].row.id
        let critical = try #require(card.items.first { $0.critical })
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(id)")
            let r = try await b.post(
                client, "/auditor/transcript/\(id)",
                fields(card, [critical.id: critical.allowed[0]], basedOn: b.basedOn))
            #expect(r.status == .seeOther)
            #expect(try await b.get(client, r.headers[.location]!).text.contains("分 不合格"))
        }
        let audit = try #require(try stored(bench, id))
        #expect(card.score(audit.scores)?.passed == false)
    }

    @Test("An incomplete or disallowed scorecard is refused (422), the choices kept, nothing stored")
    func incompleteRefused() async throws {
        let bench = try DeskBench(qa: true)
        let card = try queue(bench).card
        let id = try queue(bench).agents[0].items[0].row.id
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(id)")
            let seen = b.basedOn
            let partial = fields(card, basedOn: seen).filter { $0.0 != "score." + card.items[0].id }
            let r = try await b.post(client, "/auditor/transcript/\(id)", partial)
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains("评分不完整"))
            let kept = "name=\"score.\(card.items[1].id)\" value=\"\(card.items[1].top)\" checked"
            #expect(r.text.contains(kept))
            let bad = try await b.post(
                client, "/auditor/transcript/\(id)", fields(card, [card.items[0].id: 99], basedOn: seen))
            #expect(bad.status == .unprocessableContent)
        }
        #expect(try stored(bench, id) == nil)
    }

    @Test("Two saves on the same version: the second is refused (409) and the first's scores stay")
    func raceIsRefused() async throws {
        let bench = try DeskBench(qa: true)
        let card = try queue(bench).card
        let id = try queue(bench).agents[0].items[0].row.id
        try await bench.test { client in
            var a = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(id)")
            var b = try await Browser.signedIn(client, "陈静", at: "/auditor/transcript/\(id)")
            let seen = a.basedOn
            #expect(
                try await a.post(client, "/auditor/transcript/\(id)", fields(card, basedOn: seen)).status == .seeOther)
            var low: [String: Int] = [:]
            for item in card.items { low[item.id] = item.allowed[0] }
            let r = try await b.post(client, "/auditor/transcript/\(id)", fields(card, low, basedOn: seen))
            #expect(r.status == .conflict)
            #expect(r.text.contains("你的这次保存没有写入"))
        }
        var top: [String: Int] = [:]
        for item in card.items { top[item.id] = item.top }
        #expect(try stored(bench, id)?.scores == top)
    }
}
