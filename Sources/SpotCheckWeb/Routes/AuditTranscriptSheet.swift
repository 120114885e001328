import Foundation
import SpotCheckCore
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
        var spans: [Int: [(range: Range<Int>, title: String)]] = [:]
        for f in page.findings where f.rule == .bannedPhrase {
            guard let u = f.utterance, let span = f.span else { continue }
            let title = [f.phrase?.pattern, f.phrase?.category].compactMap { $0 }.filter { !$0.isEmpty }
            spans[u, default: []].append((span, title.joined(separator: " · ")))
        }
        return page.utterances.map { u -> [String: Any] in
            let time = page.row.channel == .call ? u.start.clockText + "–" + u.finish.clockText : u.start.clockText
            return [
                "role": u.speaker.rawValue, "speaker": Catalog.QA.speaker(u.speaker).text(lang), "time": time,
                "html": Self.marked(u.text, spans[u.seq] ?? []),
                "silence": silenceBefore[u.seq].map { Catalog.Web.silence(Catalog.QA.gap($0)).text(lang) } ?? "",
                "hasSilence": silenceBefore[u.seq] != nil,
            ]
        }
    }

    /// The text as HTML with each span in `<mark class="banned">`: spans are Unicode-scalar
    /// offsets into the text as stored (the matcher's); overlapping spans are marked as one.
    /// Phone and ID numbers are masked in each piece, as the audit workbook masks them.
    static func marked(_ text: String, _ spans: [(range: Range<Int>, title: String)]) -> String {
        let scalars = Array(text.unicodeScalars)
        func piece(_ r: Range<Int>) -> String {
            let clamped = r.clamped(to: 0..<scalars.count)
            return escape(PrivateText.mask(String(String.UnicodeScalarView(scalars[clamped]))))
        }
        var merged: [(range: Range<Int>, title: String)] = []
        for s in spans.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = merged.last, s.range.lowerBound < last.range.upperBound {
                let upper = max(last.range.upperBound, s.range.upperBound)
                merged[merged.count - 1] = (last.range.lowerBound..<upper, last.title + "; " + s.title)
            } else {
                merged.append(s)
            }
        }
        var out = ""
        var at = 0
        for m in merged {
            out += piece(at..<m.range.lowerBound)
            out += "<mark class=\"banned\" title=\"\(escape(m.title))\">" + piece(m.range) + "</mark>"
            at = m.range.upperBound
        }
        out += piece(at..<scalars.count)
        return out
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
                "id": item.id, "name": item.name, "category": item.category,
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
