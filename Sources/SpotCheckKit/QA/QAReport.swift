import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// The QA sheets for the sales manager (`spotcheck qa report`): 质检汇总表 (per agent:
/// volume, audited, findings per rule per 100 transcripts, average score, pass rate; the
/// team's common problems as shares of audited transcripts; charts), 质检明细表 (one row per
/// audited transcript) and 问题明细 (one row per finding of the automatic checks).
public struct QAReport {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    public struct Result: Sendable {
        public var path: String
        public var transcripts: Int
        public var audited: Int
        public var findings: Int
        public var checkedFirst: Bool
        public var warnings: [Message] = []
    }

    /// Writes the period's QA workbook; `showPhones` leaves phone and ID numbers in free
    /// text unmasked.
    public func run(period: YearMonth, to path: String, showPhones: Bool = false) throws -> Result {
        let ws = workspace
        let lang = ws.lang
        let loaded = try QAFigures.load(period: period, in: ws)
        let (card, figures, findings) = (loaded.card, loaded.figures, loaded.findings)
        let byID = Dictionary(uniqueKeysWithValues: loaded.rows.map { ($0.id, $0) })
        let trend = try ws.store().read { db in
            try QAFigures.trend(through: period, current: figures.team, card: card, db)
        }

        typealias Q = Catalog.QA
        let book = try ws.workbook(at: path, created: ws.now, title: Q.summaryTitle(period.description).text(lang))
        let summary = book.addSheet(Q.summarySheet.text(lang))
        let detail = book.addSheet(Q.detailSheet.text(lang))
        let findingSheet = book.addSheet(Q.findingsSheet.text(lang))
        // Phone and ID numbers that customers typed into the conversation are masked.
        let privacy: (String) -> String = { showPhones ? $0 : PrivateText.mask($0) }
        let columns = writeDetail(
            detail, audited: figures.audited, findings: figures.findingsBy, card: card, privacy: privacy)
        writeFindings(findingSheet, findings: findings, byID: byID, sampled: loaded.sampled, privacy: privacy)
        let formulas = summaryFormulas(
            detail: (detail, columns, figures.audited.count), findings: (findingSheet, findings.count))
        writeSummary(
            summary, period: period, figures: figures, findings: findings.count, formulas: formulas, trend: trend,
            card: card)
        for sheet in [summary, detail, findingSheet] {
            sheet.printPage(
                header: Catalog.File.pageHeader(sheet.name, month: period.description).text(lang),
                repeatingRows: sheet === summary ? 0 : 1)
        }
        try book.close()
        return Result(
            path: path, transcripts: loaded.rows.count, audited: figures.audited.count, findings: findings.count,
            checkedFirst: loaded.checkedFirst, warnings: ws.warnings(of: book))
    }

    /// The summary's formulas over the detail sheet (`rows` audited transcripts) and the findings
    /// sheet (`rows` findings).
    private func summaryFormulas(
        detail: (sheet: XLSXSheet, columns: AuditedDetail.Columns, rows: Int), findings: (sheet: XLSXSheet, rows: Int)
    ) -> QAFigures.Formulas {
        func range(_ sheet: XLSXSheet, _ col: Int, _ rows: Int) -> String {
            String(XLSXSheet.chartRange(sheet.name, rows: 1...max(1, rows), col: col).dropFirst())
        }
        let lang = workspace.lang
        let c = detail.columns
        return QAFigures.Formulas(
            agents: range(detail.sheet, c.agent ?? 0, detail.rows), totals: range(detail.sheet, c.after, detail.rows),
            passed: range(detail.sheet, c.after + 1, detail.rows),
            findingRules: range(findings.sheet, FindingColumn.rule, findings.rows),
            findingAgents: range(findings.sheet, FindingColumn.agent, findings.rows),
            pass: Catalog.QA.pass(true).text(lang), notAvailable: Catalog.Report.notAvailable.text(lang))
    }

    /// The columns of 问题明细 that the summary's formulas read.
    enum FindingColumn {
        static let rule = 1
        static let agent = 2
        static let severity = 11
    }

    // MARK: 质检汇总表

    private func writeSummary(
        _ s: XLSXSheet, period: YearMonth, figures: QAFigures, findings: Int, formulas: QAFigures.Formulas,
        trend: [QAFigures.PeriodPoint], card: Scorecard
    ) {
        s.write(0, 0, .text(Catalog.QA.summaryTitle(period.description).text(workspace.lang)), .title)
        var row = 2
        let passMark = writeTotals(
            s, at: &row, period: period, team: figures.team, findings: findings, card: card, formulas: formulas)
        row += 1
        let table = writeAgents(s, at: &row, agents: figures.agents, team: figures.team, formulas: formulas)
        row += 2
        let audited = figures.audited.count
        let firstProblemRow = writeProblems(s, at: &row, problems: figures.problems, audited: audited)
        row += 2
        writeSeverityLegend(s, at: &row)
        writeCharts(s, table, problems: figures.problems.count, from: firstProblemRow, audited: audited)
        row += 2
        writeTrend(s, at: row, points: trend, period: period, passMark: (passMark, card.passMark))
    }

    /// The period's totals, a label and a value per row from `row` on (left after the last): the
    /// audited count, the findings, the average and the pass rate live over the detail sheets.
    /// Returns the pass mark's cell (absolute).
    private func writeTotals(
        _ s: XLSXSheet, at row: inout Int, period: YearMonth, team: QAFigures.Figures, findings: Int, card: Scorecard,
        formulas: QAFigures.Formulas
    ) -> String {
        let lang = workspace.lang
        typealias Q = Catalog.QA
        typealias R = Catalog.Report
        let na = R.notAvailable.text(lang)
        func line(_ label: Message, _ value: XLSXValue, _ style: CellStyle = .integerLeft) {
            s.write(row, 0, .text(label.text(lang)), .bold)
            s.write(row, 1, value, style)
            row += 1
        }
        func live(_ label: Message, _ formula: String, _ cached: Double?, _ style: CellStyle) {
            s.write(row, 0, .text(label.text(lang)), .bold)
            s.formula(row, 1, formula, cached: cached.map { .number($0) } ?? .text(na), style)
            row += 1
        }
        line(R.month, .text(period.description), .plain)
        line(R.generatedAt, .text(workspace.now.minuteText), .plain)
        line(Q.volume, .int(team.volume))
        line(Q.audited, .int(team.sampled))
        let scored = "B\(row + 1)"
        live(Q.scored, formulas.scored(agent: nil), Double(team.results.count), .integerLeft)
        live(Q.findingsCount, "=COUNTA(\(formulas.findingRules))", Double(findings), .integerLeft)
        live(Q.average, formulas.average(agent: nil, scoredCell: scored), team.average, .decimal)
        live(Q.passRate, formulas.passRate(agent: nil, scoredCell: scored), team.passRate, .percent)
        line(Q.passMarkLabel, .number(card.passMark), .decimal)
        return "$B$\(row)"
    }

    /// Where the per-agent table stands: for the charts beside it.
    private struct AgentTable {
        /// The rows of the agents (the team's follows), and how many.
        var firstRow: Int, lastRow: Int, agents: Int
        var columns: Int
        /// The column of the average score.
        var averageColumn: Int
    }

    /// The figures per agent and of the team, titled at `row` (left at the team's row): the
    /// audited count, findings per 100, average and pass rate live over the detail sheets, and a
    /// note beside fewer than ``QAFigures/smallSample`` audited.
    private func writeAgents(
        _ s: XLSXSheet, at row: inout Int, agents: [String: QAFigures.Figures], team: QAFigures.Figures,
        formulas: QAFigures.Formulas
    ) -> AgentTable {
        let lang = workspace.lang
        typealias Q = Catalog.QA
        s.write(row, 0, .text(Q.byAgentTitle.text(lang)), .title)
        row += 1
        let rules = QARule.allCases
        let headers: [Message] =
            [Q.agent, Q.volume, Q.audited, Q.scored] + rules.map { Q.per100($0) }
            + [Q.average, Q.passRate, Catalog.Trends.note]
        for (i, h) in headers.enumerated() { s.write(row, i, .text(h.text(lang)), .header) }
        s.setRow(row, height: 45)
        let firstAgentRow = row + 1
        let names = agents.keys.sorted()
        for name in names {
            row += 1
            writeAgentRow(s, row: row, name: name, agents[name]!, formulas: formulas)
        }
        let lastAgentRow = row
        row += 1
        writeAgentRow(s, row: row, name: nil, team, formulas: formulas)
        s.setColumn(0, width: 16)
        for c in 1..<(headers.count - 1) { s.setColumn(c, width: c < 4 ? 8 : 11) }
        s.setColumn(headers.count - 1, width: 24)
        return AgentTable(
            firstRow: firstAgentRow, lastRow: lastAgentRow, agents: names.count, columns: headers.count,
            averageColumn: 4 + rules.count)
    }

    /// One row of the per-agent table: an agent's (`name`), or the team's (nil).
    private func writeAgentRow(
        _ s: XLSXSheet, row: Int, name: String?, _ f: QAFigures.Figures, formulas: QAFigures.Formulas
    ) {
        let lang = workspace.lang
        typealias Q = Catalog.QA
        let na = Catalog.Report.notAvailable.text(lang)
        let rules = QARule.allCases
        let volume = "$B\(row + 1)", scored = "$D\(row + 1)"
        let style: CellStyle = name == nil ? .bold : .plain
        s.write(row, 0, .text(name ?? Q.team.text(lang)), style)
        s.write(row, 1, .int(f.volume))
        s.write(row, 2, .int(f.sampled))
        s.formula(row, 3, formulas.scored(agent: name), cached: .number(Double(f.results.count)), .integer)
        for (k, r) in rules.enumerated() {
            s.formula(
                row, 4 + k, formulas.per100(rule: Q.rule(r).text(lang), agent: name, volumeCell: volume),
                cached: .number(f.per100(r)), .decimal)
        }
        s.formula(
            row, 4 + rules.count, formulas.average(agent: name, scoredCell: scored),
            cached: f.average.map { .number($0) } ?? .text(na), .decimal)
        s.formula(
            row, 5 + rules.count, formulas.passRate(agent: name, scoredCell: scored),
            cached: f.passRate.map { .number($0) } ?? .text(na), .percent)
        let note = Catalog.Trends.smallSample(QAFigures.smallSample).text(lang)
        s.formula(
            row, 6 + rules.count, formulas.smallSampleNote(scoredCell: scored, note: note),
            cached: .text(f.isSmallSample ? note : ""), .note)
    }

    /// The team's common problems, titled at `row` (left at the last): a scorecard item and the
    /// checks it covers on one line, with both counts; returns the first problem's row.
    private func writeProblems(_ s: XLSXSheet, at row: inout Int, problems: [QAFigures.Problem], audited: Int) -> Int {
        let lang = workspace.lang
        typealias Q = Catalog.QA
        typealias T = Catalog.Trends
        s.write(row, 0, .text(Q.commonProblems.text(lang)), .title)
        row += 1
        let headers = [Q.problem, Q.share, Q.transcriptsWith, T.foundByChecks, T.lostOnItem, Q.inWords]
        for (i, h) in headers.enumerated() { s.write(row, i, .text(h.text(lang)), .header) }
        s.setRow(row, height: 30)
        let firstProblemRow = row + 1
        for p in problems {
            row += 1
            let share = audited == 0 ? 0 : Double(p.count) / Double(audited)
            s.write(row, 0, .text(p.what.text(lang)), .wrap)
            s.write(row, 1, .number(share), .percent)
            s.write(row, 2, .int(p.count))
            s.write(row, 3, p.found.map { .int($0) } ?? .blank)
            s.write(row, 4, p.lost.map { .int($0) } ?? .blank)
            s.write(row, 5, .text(Q.problemLine(QAReport.percentText(share), p.what).text(lang)))
        }
        if problems.isEmpty {
            row += 1
            s.write(row, 0, .text((audited == 0 ? Q.noneScored : Q.noProblems).text(lang)), .note)
        }
        row += 1
        s.merge(rows: row...row, cols: 0...5, T.problemsNote.text(lang), .note)
        s.setRow(row, height: 30)
        s.setColumn(0, width: 30)
        return firstProblemRow
    }

    /// What the severities of banned phrases (问题明细's 严重程度) mean, titled at `row` (left at
    /// the last level).
    private func writeSeverityLegend(_ s: XLSXSheet, at row: inout Int) {
        let lang = workspace.lang
        typealias T = Catalog.Trends
        s.write(row, 0, .text(T.severityTitle.text(lang)), .title)
        row += 1
        s.write(row, 0, .text(T.level.text(lang)), .header)
        s.merge(rows: row...row, cols: 1...5, T.meaning.text(lang), .header)
        for level in 1...3 {
            row += 1
            s.write(row, 0, .int(level), .integerLeft)
            s.merge(rows: row...row, cols: 1...5, T.severity(level).text(lang), .wrap)
        }
    }

    /// Charts beside the tables: average score by agent (0–100), and the common problems
    /// (`problems` of them, from row `firstProblemRow`).
    private func writeCharts(
        _ s: XLSXSheet, _ table: AgentTable, problems: Int, from firstProblemRow: Int,
        audited: Int
    ) {
        let lang = workspace.lang
        typealias Q = Catalog.QA
        let chartCol = table.columns + 1
        if table.agents > 0 && audited > 0 {
            let agentRows = table.firstRow...table.lastRow
            s.chart(
                .bar, title: Q.chartScores.text(lang), source: s, categories: (agentRows, 0),
                values: (agentRows, table.averageColumn), seriesName: Q.average.text(lang), at: (2, chartCol),
                size: (480, max(240, 36 * table.agents + 90)), valueRange: 0...100)
        }
        if problems > 0 {
            let problemRows = firstProblemRow...(firstProblemRow + problems - 1)
            s.chart(
                .bar, title: Q.chartProblems.text(lang), source: s, categories: (problemRows, 0),
                values: (problemRows, 1), seriesName: Q.share.text(lang),
                at: (max(20, table.firstRow + table.agents + 4), chartCol),
                size: (560, max(240, 30 * problems + 90)), valueRange: 0...1, valueFormat: "0%")
        }
    }

    // MARK: 质检明细表

    private func writeDetail(
        _ s: XLSXSheet, audited: [(row: TranscriptRow, audit: QAData.Audit, result: Scorecard.Result)],
        findings: [Int: [Finding]], card: Scorecard, privacy: @escaping (String) -> String
    ) -> AuditedDetail.Columns {
        let detail = AuditedDetail(card: card, lang: workspace.lang, privacy: privacy, withAgent: true)
        let columns = detail.write(s, audited: audited, findings: findings, commentWidth: 30)
        highlightDetail(
            s, rows: 1...max(1, audited.count), card: card, itemStart: columns.itemStart, after: columns.after)
        return columns
    }

    /// 质检明细表's highlights: 不合格, a critical item at its lowest score, and the critical failures' column.
    private func highlightDetail(_ s: XLSXSheet, rows: ClosedRange<Int>, card: Scorecard, itemStart: Int, after: Int) {
        let first = String(rows.lowerBound + 1)
        let fail = Catalog.QA.pass(false).text(workspace.lang)
        s.highlight(
            rows: rows, cols: (after + 1)...(after + 1),
            when: Highlights.equals("\(columnLetter(after + 1))\(first)", fail), .bad)
        s.highlight(
            rows: rows, cols: (after + 2)...(after + 2), when: Highlights.filled("\(columnLetter(after + 2))\(first)"),
            .bad)
        for (k, item) in card.items.enumerated() where item.critical {
            let col = itemStart + k
            s.highlight(
                rows: rows, cols: col...col, when: item.lowestScoreFormula(cell: columnLetter(col) + first), .bad)
        }
    }

    // MARK: 问题明细

    private func writeFindings(
        _ s: XLSXSheet, findings: [QAData.StoredFinding], byID: [Int: TranscriptRow], sampled: Set<Int>,
        privacy: (String) -> String
    ) {
        let lang = workspace.lang
        typealias Q = Catalog.QA
        let headers: [Message] = [
            Q.no, Q.rule, Q.agent, Q.transcriptID, Q.channelHeader, Q.time, Q.matched, Q.position, Q.excerpt,
            Q.gapHeader,
            Q.category, Q.severity, Q.inSample,
        ]
        for (i, h) in headers.enumerated() { s.write(0, i, .text(h.text(lang)), .header) }
        for (n, sf) in findings.enumerated() {
            let r = n + 1, f = sf.finding, t = byID[sf.transcript]!
            s.write(r, 0, .int(r))
            s.write(r, 1, .text(Q.rule(f.rule).text(lang)))
            s.write(r, 2, .text(t.agent))
            s.write(r, 3, .text(t.externalID))
            s.write(r, 4, .text(Q.channel(t.channel).text(lang)))
            s.write(r, 5, .dateTime(f.at), .dateTimeSeconds)
            s.write(r, 6, .text(privacy(f.rule == .bannedPhrase ? f.matched : Q.detail(f).text(lang))))
            if let u = f.utterance { s.write(r, 7, .text(Q.position(utterance: u, span: f.span).text(lang))) }
            s.write(r, 8, .text(privacy(f.excerpt)), .wrap)
            if let g = f.gapMs { s.write(r, 9, .number(Double(g) / 1000), .seconds) }
            s.write(r, 10, .text(f.phrase?.category ?? ""))
            if let sev = f.phrase?.severity { s.write(r, 11, .int(sev)) }
            s.write(r, 12, .text(sampled.contains(sf.transcript) ? Q.yes.text(lang) : ""))
        }
        s.setColumn(5, width: 19)
        s.setColumn(8, width: 40)
        // What a severity means, where it is read.
        s.prompt(
            rows: 1...max(1, findings.count), col: FindingColumn.severity, title: Q.severity.text(lang),
            text: Catalog.Trends.severityPrompt.text(lang))
        s.freeze(rows: 1, cols: 0)
        s.autofilter(row: 0, lastRow: max(1, findings.count), cols: 0...(headers.count - 1))
    }

    /// 30% (or 12.5%): a share for a sentence.
    static func percentText(_ share: Double) -> String {
        let p = (share * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
