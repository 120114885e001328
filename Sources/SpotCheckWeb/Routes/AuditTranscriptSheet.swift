import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// What the auditor's transcript page shows, as its template's data: the conversation line by
/// line (speaker, time), each silence longer than the threshold between the lines it
/// separates, each banned phrase marked where the phrase matcher found it, the findings
/// beside it, and the scorecard with the scores chosen.
struct AuditTranscriptSheet {
    let page: AuditQueue.Page
    let lang: Lang

    /// The template's data; `chosen` are the scores to show checked (the stored audit's unless
    /// a refused form's are given back).
    func data(chosen: [String: Int]? = nil, comment: String? = nil) -> [String: Any] {
        let row = page.row
        let scores = chosen ?? page.audit?.scores ?? [:]
        let result = page.card.score(scores)
        var d: [String: Any] = [
            "id": row.id, "externalID": row.externalID, "agent": row.agent,
            "customer": PrivateText.mask(row.customer ?? ""),
            "channel": Catalog.QA.channel(row.channel).text(lang), "started": row.started.minuteText,
            "period": row.period, "version": page.version, "lines": lines(),
            "findings": findings(), "hasFindings": !page.findings.isEmpty,
            "items": items(scores), "passMark": AuditorPages.number(page.card.passMark),
            "comment": comment ?? page.audit?.comment ?? "", "auditor": page.audit?.auditor ?? "",
            "hasAuditor": page.audit?.auditor != nil,
            "total": result.map { AuditorPages.number($0.total) } ?? "—",
        ]
        if let result {
            d["passed"] = (result.passed ? Catalog.Web.auditTranscript["pass"]! : Catalog.Web.auditTranscript["fail"]!)
                .text(lang)
            d["passClass"] = result.passed ? "good" : "bad"
        } else {
            d["passed"] = Catalog.Web.auditTranscript["incomplete"]!.text(lang)
            d["passClass"] = "muted"
        }
        return d
    }

    /// The utterances, each preceded by the silence before it (if longer than the threshold),
    /// as HTML (see ``HTML`` for why in code): the speaker's role as the line's class, the
    /// speaker and time above the text, the banned phrases marked.
    func lines() -> String {
        var silenceBefore: [Int: Int] = [:]
        for s in page.silences { silenceBefore[s.before] = s.ms }
        let title = HTML.escape(Catalog.QA.rule(.bannedPhrase).text(lang))
        var h = HTML(capacity: page.utterances.count * 300)
        for u in page.utterances {
            if let ms = silenceBefore[u.seq] {
                h.raw("<p class=\"silence\">⋯ ")
                h.text(Catalog.Web.silence(Catalog.QA.gap(ms)).text(lang))
                h.raw(" ⋯</p>\n")
            }
            let time = page.row.channel == .call ? u.start.clockText + "–" + u.finish.clockText : u.start.clockText
            h.raw("<div class=\"utterance \(u.speaker.rawValue)\"><div class=\"meta\">")
            h.text(Catalog.QA.speaker(u.speaker).text(lang) + " " + time)
            h.raw("</div><div class=\"text\">")
            h.raw(Self.html(page.text(of: u), markTitle: title))
            h.raw("</div></div>\n")
        }
        return h.text
    }

    /// Marked text as HTML: each marked run in `<mark class="banned">`, everything escaped.
    static func html(_ t: MarkedText, markTitle: String) -> String {
        let utf8 = Array(t.text.utf8)
        var h = HTML(capacity: utf8.count + 64)
        for run in t.runs {
            if run.marked { h.raw("<mark class=\"banned\" title=\"\(markTitle)\">") }
            h.text(String(decoding: utf8[run.bytes], as: UTF8.self))
            if run.marked { h.raw("</mark>") }
        }
        return h.text
    }

    /// The findings beside the conversation, in time order.
    func findings() -> [[String: Any]] {
        page.findings.map { f -> [String: Any] in
            [
                "time": f.at.clockText, "rule": Catalog.QA.rule(f.rule).text(lang),
                "detail": PrivateText.mask(Catalog.QA.detail(f).text(lang)),
                "serious": f.rule == .bannedPhrase || f.rule == .silenceApology,
            ]
        }
    }

    /// The scorecard's items with their allowed scores, `scores` checked, as HTML (see
    /// ``HTML``): each item a fieldset whose data attributes the page's script reads for the
    /// live total, critical items marked.
    func items(_ scores: [String: Int]) -> String {
        let label = HTML.labels(Catalog.Web.auditTranscript, lang)
        let weightLabel = label("weight")
        let criticalTag = " <span class=\"tag bad\">\(label("critical"))</span>"
        var h = HTML(capacity: page.card.items.count * 600)
        for item in page.card.items {
            h.raw("<fieldset class=\"item\(item.critical ? " critical" : "")\" data-item data-weight=\"")
            h.text(String(item.weight))
            h.raw("\" data-top=\"\(item.top)\" data-lowest=\"\(item.allowed.first ?? 0)\"")
            h.raw(item.critical ? " data-critical>\n<legend>" : ">\n<legend>")
            h.text(Catalog.QA.itemName(item).text(lang))
            h.raw(" <span class=\"muted\">")
            h.text(Catalog.QA.itemCategory(item).text(lang))
            h.raw(" · \(weightLabel) ")
            h.text(AuditorPages.number(item.weight))
            h.raw("</span>")
            if item.critical { h.raw(criticalTag) }
            h.raw("</legend>\n")
            for s in item.allowed {
                h.raw("<label class=\"choice\"><input type=\"radio\" name=\"score.")
                h.text(item.id)
                h.raw("\" value=\"\(s)\"\(scores[item.id] == s ? " checked" : "")> \(s)</label>")
            }
            h.raw("\n</fieldset>\n")
        }
        return h.text
    }
}
