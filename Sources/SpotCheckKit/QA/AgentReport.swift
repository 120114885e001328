import Foundation
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// A QA report for each agent (SPEC Part 2, "The sheets"; seed 002: 向客服个人输出质检报告;
/// `spotcheck qa report --per-agent`): one workbook per agent of the period, named after them,
/// with their volume, sampled, scored, average score, pass rate and findings per 100
/// transcripts against the team's, the scorecard items they lost points on most, and each of
/// their audited transcripts with its findings, item scores, total, pass/fail and the
/// auditor's comment: what a team lead hands the agent for coaching. The figures are
/// ``QAFigures``'; this only lays them out.
public struct AgentReport {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// One agent's workbook.
    public struct File: Sendable, Equatable {
        public var agent: String
        public var path: String
        /// Their audited (sampled and scored) transcripts.
        public var scored: Int
        /// Fewer than ``QAFigures/smallSample`` scored: the workbook says so.
        public var smallSample: Bool
    }

    public struct Result: Sendable {
        /// By agent name.
        public var files: [File]
        public var checkedFirst: Bool
        public var warnings: [Message] = []
    }

    /// Writes one workbook per agent of `period` into `directory` (made, owner-only, when
    /// missing). Refuses, before writing anything, when one of the files exists and `force`
    /// is not set. `showPhones` leaves phone and ID numbers in free text unmasked.
    public func run(
        period: YearMonth, to directory: String, force: Bool = false, showPhones: Bool = false
    ) throws
        -> Result
    {
        let ws = workspace
        let loaded = try QAFigures.load(period: period, in: ws)
        let agents = loaded.figures.agents.keys.sorted()
        var (paths, warnings) = fileNames(agents, period: period, in: directory)
        if !force, let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw FileError(file: existing, message: Catalog.QA.agentFileExists)
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileError(file: directory, message: Catalog.QA.notFolder(error.localizedDescription))
        }
        for path in paths { try ws.checkOutput(path) }
        let privacy: (String) -> String = { showPhones ? $0 : PrivateText.mask($0) }
        var files: [File] = []
        for (agent, path) in zip(agents, paths) {
            let mine = loaded.figures.agents[agent]!
            let title = Catalog.QA.agentTitle(period.description, agent: agent).text(ws.lang)
            let book = try ws.workbook(at: path, created: ws.now, title: title)
            let layout = Layout(lang: ws.lang, card: loaded.card, privacy: privacy)
            let summary = book.addSheet(Catalog.QA.agentSheet.text(ws.lang))
            let detail = book.addSheet(Catalog.QA.agentDetailSheet.text(ws.lang))
            layout.writeSummary(
                summary, title: title, period: period, agent: agent, mine: mine, team: loaded.figures.team, now: ws.now)
            let audited = loaded.figures.audited.filter { $0.row.agent == agent }
            layout.writeDetail(detail, audited: audited, findings: loaded.figures.findingsBy)
            // Printed as every workbook is: A4 landscape, one page wide, the title and month on top.
            for (sheet, repeating) in [(summary, 0), (detail, 1)] {
                let header = Catalog.QA.agentPageHeader(title, sheet: sheet.name).text(ws.lang)
                sheet.printPage(header: header, repeatingRows: repeating)
            }
            try book.close()
            warnings += ws.warnings(of: book)
            files.append(File(agent: agent, path: path, scored: mine.results.count, smallSample: mine.isSmallSample))
        }
        return Result(files: files, checkedFirst: loaded.checkedFirst, warnings: warnings)
    }

    /// Each agent's file in `directory`: the catalog's pattern with the name made safe; two
    /// names that come out the same are numbered (`王敏-2`), with a warning.
    func fileNames(_ agents: [String], period: YearMonth, in directory: String) -> ([String], [Message]) {
        var taken: [String: String] = [:]
        var warnings: [Message] = []
        let paths = agents.map { agent -> String in
            let base = FileName.safe(agent)
            var name = base, n = 1
            while let other = taken[name] {
                if n == 1 { warnings.append(Catalog.QA.sameFileName(other, agent)) }
                n += 1
                name = "\(base)-\(n)"
            }
            taken[name] = agent
            let file = Catalog.QA.agentFileName(period.description, agent: name).text(workspace.lang)
            return (directory as NSString).appendingPathComponent(file)
        }
        return (paths, warnings)
    }
}

/// How an agent's workbook is laid out.
private struct Layout {
    typealias Q = Catalog.QA
    let lang: Lang
    let card: Scorecard
    let privacy: (String) -> String

    // MARK: 个人质检报告

    func writeSummary(
        _ s: XLSXSheet, title: String, period: YearMonth, agent: String, mine: QAFigures.Figures,
        team: QAFigures.Figures, now: LocalDateTime
    ) {
        s.write(0, 0, .text(title), .title)
        var row = 2
        let passMark = Q.passMarkLabel.text(lang)
        let lines: [(String, XLSXValue)] = [
            (Catalog.Report.month.text(lang), .text(period.description)), (Q.agent.text(lang), .text(agent)),
            (Catalog.Report.generatedAt.text(lang), .text(now.minuteText)), (passMark, .number(card.passMark)),
        ]
        for (label, value) in lines {
            s.write(row, 0, .text(label), .bold)
            s.write(row, 1, value, .integerLeft)
            row += 1
        }
        if mine.isSmallSample {
            s.write(row, 0, .text(Q.smallSample(mine.results.count, QAFigures.smallSample).text(lang)), .note)
            row += 1
        }
        row += 1
        writeAgainst(s, at: &row, mine: mine, team: team)
        row += 2
        writeLostMost(s, at: &row, mine: mine, team: team)
        s.setColumn(0, width: 36)
        for c in 1...4 { s.setColumn(c, width: 14) }
    }

    /// The agent's figures beside the team's, titled at `row` (left at the last).
    private func writeAgainst(_ s: XLSXSheet, at row: inout Int, mine: QAFigures.Figures, team: QAFigures.Figures) {
        let na = XLSXValue.text(Catalog.Report.notAvailable.text(lang))
        s.write(row, 0, .text(Q.against.text(lang)), .title)
        row += 1
        for (i, h) in [Q.measure, Q.mine, Q.team].enumerated() { s.write(row, i, .text(h.text(lang)), .header) }
        func line(_ label: Message, _ style: CellStyle, _ value: (QAFigures.Figures) -> XLSXValue) {
            row += 1
            s.write(row, 0, .text(label.text(lang)))
            s.write(row, 1, value(mine), style)
            s.write(row, 2, value(team), style)
        }
        line(Q.volume, .integer) { .int($0.volume) }
        line(Q.audited, .integer) { .int($0.sampled) }
        line(Q.scored, .integer) { .int($0.results.count) }
        line(Q.average, .decimal) { f in f.average.map { .number($0) } ?? na }
        line(Q.passRate, .percent) { f in f.passRate.map { .number($0) } ?? na }
        line(Q.allPer100, .decimal) { .number($0.allPer100) }
        for rule in QARule.allCases { line(Q.per100(rule), .decimal) { .number($0.per100(rule)) } }
    }

    /// The items the agent lost points on most, with the team's share beside, titled at `row`.
    private func writeLostMost(_ s: XLSXSheet, at row: inout Int, mine: QAFigures.Figures, team: QAFigures.Figures) {
        s.write(row, 0, .text(Q.lostMostTitle.text(lang)), .title)
        row += 1
        for (i, h) in [Q.itemName, Q.category, Q.lostCount, Q.lostShare, Q.teamShare].enumerated() {
            s.write(row, i, .text(h.text(lang)), .header)
        }
        let lost = QAFigures.lostMost(mine, card: card)
        for l in lost {
            row += 1
            s.write(row, 0, .text(Catalog.QA.itemName(l.item).text(lang)), .wrap)
            s.write(row, 1, .text(Catalog.QA.itemCategory(l.item).text(lang)))
            s.write(row, 2, .int(l.count))
            s.write(row, 3, .number(Double(l.count) / Double(mine.results.count)), .percent)
            let teamLost = team.lost[l.item.id] ?? 0
            s.write(row, 4, .number(Double(teamLost) / Double(max(1, team.results.count))), .percent)
        }
        if lost.isEmpty {
            row += 1
            s.write(row, 0, .text((mine.results.isEmpty ? Q.noneScored : Q.noLostPoints).text(lang)), .note)
        }
    }

    // MARK: 抽检会话明细

    func writeDetail(
        _ s: XLSXSheet, audited: [(row: TranscriptRow, audit: QAData.Audit, result: Scorecard.Result)],
        findings: [Int: [Finding]]
    ) {
        let detail = AuditedDetail(card: card, lang: lang, privacy: privacy, withAgent: false)
        detail.write(s, audited: audited, findings: findings, commentWidth: 36)
        if audited.isEmpty { s.write(1, 0, .text(Q.noneScored.text(lang)), .note) }
    }
}
