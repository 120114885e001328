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

    /// The utterances, each preceded by the silence before it (if longer than the threshold).
    func lines() -> [[String: Any]] {
        var silenceBefore: [Int: Int] = [:]
        for s in page.silences { silenceBefore[s.before] = s.ms }
        let title = Self.escape(Catalog.QA.rule(.bannedPhrase).text(lang))
        return page.utterances.map { u -> [String: Any] in
            let time = page.row.channel == .call ? u.start.clockText + "–" + u.finish.clockText : u.start.clockText
            return [
                "role": u.speaker.rawValue, "speaker": Catalog.QA.speaker(u.speaker).text(lang), "time": time,
                "html": Self.html(page.text(of: u), markTitle: title),
                "silence": silenceBefore[u.seq].map { Catalog.Web.silence(Catalog.QA.gap($0)).text(lang) } ?? "",
                "hasSilence": silenceBefore[u.seq] != nil,
            ]
        }
    }

    /// Marked text as HTML: each marked run in `<mark class="banned">`, everything escaped.
    static func html(_ t: MarkedText, markTitle: String) -> String {
        let utf8 = Array(t.text.utf8)
        return t.runs.map { run in
            let piece = escape(String(decoding: utf8[run.bytes], as: UTF8.self))
            return run.marked ? "<mark class=\"banned\" title=\"\(markTitle)\">" + piece + "</mark>" : piece
        }.joined()
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

    /// The scorecard's items with their allowed scores, `scores` checked.
    func items(_ scores: [String: Int]) -> [[String: Any]] {
        page.card.items.map { item -> [String: Any] in
            [
                "id": item.id, "name": Catalog.QA.itemName(item).text(lang),
                "category": Catalog.QA.itemCategory(item).text(lang),
                "weight": AuditorPages.number(item.weight), "weightExact": String(item.weight),
                "critical": item.critical, "top": item.top,
                "lowest": item.allowed.first ?? 0,
                "scores": item.allowed.map { s -> [String: Any] in
                    ["value": s, "checked": scores[item.id] == s]
                },
            ]
        }
    }

    /// Text for HTML: `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
