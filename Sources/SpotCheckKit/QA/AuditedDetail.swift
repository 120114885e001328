import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// The audited transcripts as a sheet, one row each: findings, item scores, total, pass or fail,
/// critical failures and the auditor's comment. The QA report's 质检明细表 (with the agent) and
/// each agent's 抽检会话明细 (without) are both this sheet.
struct AuditedDetail {
    let card: Scorecard
    let lang: Lang
    let privacy: (String) -> String
    /// Whether the sheet has the agent's column (the team's report) or not (an agent's own).
    let withAgent: Bool

    /// The agent's column (when the sheet has one), the first item column and the column after
    /// the items (the total; pass or fail follows it).
    struct Columns {
        var agent: Int?
        var itemStart: Int
        var after: Int
        var count: Int
    }

    /// Writes the header and the rows, the column widths, freeze and filter.
    @discardableResult
    func write(
        _ s: XLSXSheet, audited: [(row: TranscriptRow, audit: QAData.Audit, result: Scorecard.Result)],
        findings: [Int: [Finding]], commentWidth: Double
    ) -> Columns {
        typealias Q = Catalog.QA
        let fixed: [Message] =
            [Q.no, Q.transcriptID, Q.channelHeader] + (withAgent ? [Q.agent] : []) + [
                Q.startedAt, Q.auditor, Q.automatic,
            ]
        var headers = fixed.map { $0.text(lang) } + card.items.map { Q.itemHeader($0).text(lang) }
        headers += [Q.total, Q.passed, Q.failedCritical, Q.comment].map { $0.text(lang) }
        for (i, h) in headers.enumerated() { s.write(0, i, .text(h), .header) }
        s.setRow(0, height: 58)
        let itemStart = fixed.count, after = fixed.count + card.items.count
        let shift = withAgent ? 1 : 0
        let names = Dictionary(uniqueKeysWithValues: card.items.map { ($0.id, Q.itemName($0).text(lang)) })
        for (n, a) in audited.enumerated() {
            let r = n + 1
            s.write(r, 0, .int(r))
            s.write(r, 1, .text(a.row.externalID))
            s.write(r, 2, .text(Q.channel(a.row.channel).text(lang)))
            if withAgent { s.write(r, 3, .text(a.row.agent)) }
            s.write(r, 3 + shift, .dateTime(a.row.started))
            s.write(r, 4 + shift, .text(a.audit.auditor ?? ""))
            s.write(r, 5 + shift, .text(privacy(Q.findingsText(findings[a.row.id] ?? []).text(lang))), .wrap)
            for (k, item) in card.items.enumerated() { s.write(r, itemStart + k, .int(a.audit.scores[item.id] ?? 0)) }
            s.write(r, after, .number(a.result.total), .decimal)
            s.write(r, after + 1, .text(Q.pass(a.result.passed).text(lang)))
            let critical = Catalog.list(a.result.failedCritical.map { names[$0] ?? $0 }).text(lang)
            s.write(r, after + 2, .text(critical), .wrap)
            s.write(r, after + 3, .text(privacy(a.audit.comment ?? "")), .wrap)
        }
        s.setColumn(3 + shift, width: 17)
        s.setColumn(5 + shift, width: 40)
        for k in card.items.indices { s.setColumn(itemStart + k, width: 11) }
        s.setColumn(after + 2, width: 18)
        s.setColumn(after + 3, width: commentWidth)
        s.freeze(rows: 1, cols: 2)
        s.autofilter(row: 0, lastRow: max(1, audited.count), cols: 0...(headers.count - 1))
        return Columns(agent: withAgent ? 3 : nil, itemStart: itemStart, after: after, count: headers.count)
    }
}
