import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// The sales manager's workbook (`spotcheck report`): 服务抽查汇总表 with the month's figures,
/// the breakdowns and charts, and 服务抽查明细表 with one row per case. The satisfaction cell is
/// a live formula over the detail sheet with its value cached.
public struct SpotCheckReport {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Columns of the detail sheet.
    enum Detail: Int, CaseIterable {
        case rank, type, customer, phone, buyerID, sources, order, product, purchaseDate, situation, handler
        case attempts, attemptCount, outsideHours, status, score, counted, praise, note, complaint, due, repliedAt,
            reply, caller

        var header: Message {
            typealias L = Catalog.CallList
            typealias R = Catalog.Report
            switch self {
            case .rank: return L.rank
            case .type: return L.type
            case .customer: return L.customer
            case .phone: return L.phone
            case .buyerID: return L.buyerID
            case .sources: return L.sources
            case .order: return L.order
            case .product: return L.product
            case .purchaseDate: return L.purchaseDate
            case .situation: return L.situation
            case .handler: return L.handler
            case .attempts: return R.attemptsLog
            case .attemptCount: return R.attemptCount
            case .outsideHours: return R.outsideHours
            case .status: return R.finalStatus
            case .score: return R.score
            case .counted: return R.counted
            case .praise: return L.praise
            case .note: return L.note
            case .complaint: return L.complaint
            case .due: return R.escalationDue
            case .repliedAt: return R.repliedAt
            case .reply: return R.replyStatus
            case .caller: return L.caller
            }
        }
    }

    /// What was written.
    public struct Result: Sendable {
        public var path: String
        public var cases: Int
        public var satisfaction: Satisfaction
        /// The people on the 服务质量对照 sheet (both handler and QA agent); 0 without the sheet.
        public var compared: Int = 0
        /// The month's QA transcripts were checked first (imported since the checks last ran).
        public var qaCheckedFirst = false
        public var warnings: [Message] = []
    }

    public func run(month: YearMonth, to path: String, showPhones: Bool) throws -> Result {
        let ws = workspace
        let lang = ws.lang
        let (m, trend) = try ws.store().read { db in
            let m = try MonthCases.load(month: month, config: ws.config, db)
            return (m, try MonthFigures.trend(through: month, current: m.figures, config: ws.config, db))
        }
        let comparison = try compare(m)
        let sample = m.sample
        let book = try ws.workbook(at: path, created: ws.now, title: Catalog.Report.title(month.description).text(lang))
        let summarySheet = book.addSheet(Catalog.Report.summarySheet.text(lang))
        let detail = book.addSheet(Catalog.Report.detailSheet.text(lang))
        var sheets = [summarySheet, detail]
        // 服务抽查明细表
        writeDetail(detail, cases: sample, showPhones: showPhones)
        // 服务抽查汇总表
        writeSummary(summarySheet, detail: detail, m: m, lastDetailRow: max(1, sample.count), trend: trend)
        // 服务质量对照
        if let c = comparison?.figures, !c.people.isEmpty {
            let sheet = book.addSheet(Catalog.People.sheet.text(lang))
            writeComparison(sheet, c, month: month)
            sheets.append(sheet)
        }
        for sheet in sheets {
            sheet.printPage(
                header: Catalog.File.pageHeader(sheet.name, month: month.description).text(lang),
                repeatingRows: sheet === detail ? 1 : 0)
        }
        try book.close()
        return Result(
            path: path, cases: sample.count, satisfaction: m.satisfaction,
            compared: comparison?.figures.people.count ?? 0, qaCheckedFirst: comparison?.checkedFirst ?? false,
            warnings: ws.warnings(of: book))
    }

    /// The month's handlers beside its QA agents (`people.json` joins their names); nil when the
    /// month has no transcripts.
    private func compare(_ m: MonthCases) throws -> (figures: ServiceComparison, checkedFirst: Bool)? {
        let ws = workspace
        let aliases = try ws.configSource.people()
        let hasQA = try ws.store().read { db in try QAData.idSpan(period: m.month.description, db) } != nil
        guard hasQA else { return nil }
        let qa = try QAFigures.load(period: m.month, in: ws)
        return (ServiceComparison(cases: m.sample, agents: qa.figures.agents, aliases: aliases), qa.checkedFirst)
    }

    /// 服务抽查明细表: the header, one row per case, and the sheet's layout.
    private func writeDetail(_ detail: XLSXSheet, cases sample: [CaseView], showPhones: Bool) {
        let lang = workspace.lang
        for c in Detail.allCases { detail.write(0, c.rawValue, .text(c.header.text(lang)), .header) }
        detail.setRow(0, height: 32)
        for (i, c) in sample.enumerated() { writeDetailRow(detail, i + 1, c, showPhones: showPhones) }
        detail.freeze(rows: 1, cols: 3)
        highlightDetail(detail, rows: 1...max(1, sample.count))
        detail.autofilter(row: 0, lastRow: sample.count, cols: 0...(Detail.allCases.count - 1))
        detail.setColumn(Detail.situation.rawValue, width: 34)
        detail.setColumn(Detail.attempts.rawValue, width: 30)
        detail.setColumn(Detail.note.rawValue, width: 28)
        detail.setColumn(Detail.due.rawValue, width: 17)
        detail.setColumn(Detail.repliedAt.rawValue, width: 17)
        detail.autoWidth(Detail.product.rawValue, limits: 10...30)
    }

    /// 明细表's highlights: scores of 1–2 and 3, and escalations overdue (not replied in time, or
    /// not yet and past due), live.
    private func highlightDetail(_ detail: XLSXSheet, rows: ClosedRange<Int>) {
        Highlights.scores(detail, rows: rows, col: Detail.score.rawValue)
        let first = String(rows.lowerBound + 1)
        let due = "$" + columnLetter(Detail.due.rawValue) + first
        let replied = "$" + columnLetter(Detail.repliedAt.rawValue) + first
        detail.highlight(
            rows: rows, cols: Detail.due.rawValue...Detail.reply.rawValue,
            when: Highlights.overdue(due: due, replied: replied), .bad)
    }

    /// One case's row of the detail sheet.
    private func writeDetailRow(_ detail: XLSXSheet, _ r: Int, _ c: CaseView, showPhones: Bool) {
        let ws = workspace
        let lang = ws.lang
        let yes = Catalog.Report.yesNo(true).text(lang), no = Catalog.Report.yesNo(false).text(lang)
        // Phone and ID numbers typed into free text are masked like the phone column.
        let privacy: (String) -> String = { showPhones ? $0 : PrivateText.mask($0) }
        func put(_ d: Detail, _ v: XLSXValue, _ style: CellStyle = .plain) { detail.write(r, d.rawValue, v, style) }
        put(.rank, .int(c.item.itemNo))
        put(.type, .text((c.item.isReserve ? Catalog.CallList.reserve : Catalog.CallList.main).text(lang)))
        put(.customer, .text(c.context.name ?? ""))
        put(.phone, .text(c.context.phone.map { showPhones ? $0.text : $0.masked } ?? ""))
        put(.buyerID, .text(c.context.buyerID ?? ""))
        put(.sources, .text(c.context.sourcesText(lang)))
        put(.order, .text(c.context.orders.joined(separator: "\n")), .wrap)
        put(.product, .text(c.context.products.joined(separator: "\n")), .wrap)
        put(.purchaseDate, c.context.purchaseDate.map { .day($0) } ?? .blank)
        put(.situation, .text(privacy(c.context.situationText(lang))), .wrap)
        put(.handler, .text(Catalog.list(c.context.handlers).text(lang)))
        let log = c.evaluation.attempts.map { a in
            Catalog.Report.attemptLine(
                a.attempt.at.minuteText, Catalog.Call.result(a.attempt.result),
                outside: !a.withinHours
            ).text(lang)
        }
        put(.attempts, .text(log.joined(separator: "\n")), .wrap)
        put(.attemptCount, .int(c.attempts.count))
        put(.outsideHours, .int(c.evaluation.outsideHours))
        put(.status, .text(Catalog.Calls.statusShort(c.status).text(lang)))
        if let s = c.status.countedScore { put(.score, .int(s)) }
        put(.counted, .text(c.status.countedScore != nil ? yes : no))
        put(.praise, .text(privacy(c.caseRow?.praise ?? "")), .wrap)
        put(.note, .text(privacy(c.caseRow?.note ?? "")), .wrap)
        if let h = c.caseRow?.complaint { put(.complaint, .text(Catalog.Call.complaint(h).text(lang))) }
        if let e = c.escalation {
            put(.due, .dateTime(e.due))
            switch e {
            case .onTime(_, let at), .late(_, let at): put(.repliedAt, .dateTime(at))
            case .open: break
            }
            put(.reply, .text(Catalog.Report.reply(e, now: ws.now).text(lang)))
        }
        put(.caller, .text(c.caller ?? ""))
    }

    /// 服务抽查汇总表: the month's figures, the score distribution and the breakdowns.
    private func writeSummary(
        _ s: XLSXSheet, detail: XLSXSheet, m: MonthCases, lastDetailRow: Int, trend: [MonthPoint]
    ) {
        let quoted = "'" + detail.name.replacingOccurrences(of: "'", with: "''") + "'"
        let range = { (d: Detail) -> String in
            let c = columnLetter(d.rawValue)
            return "\(quoted)!$\(c)$2:$\(c)$\(lastDetailRow + 1)"
        }
        s.setColumn(0, width: 30)
        s.setColumn(1, width: 14)
        s.setColumn(2, width: 14)
        s.write(0, 0, .text(Catalog.Report.title(m.month.description).text(workspace.lang)), .title)
        let (next, target) = writeFigures(s, at: 2, m: m, range: range)
        let row = writeDistribution(s, at: next, figures: m.figures, range: range)
        let end = writeBreakdowns(s, at: row, sample: m.sample, target: target)
        writeTrend(s, at: end, points: trend, month: m.month, target: (target, workspace.config.settings.target))
    }

    /// The month's figures, the satisfaction and its parts as live formulas over the detail sheet (`range` gives a
    /// column's cells there) with their values cached; a satisfaction below target and 是否达标 否 are highlighted.
    /// Returns the next free row and the target's cell (absolute).
    private func writeFigures(
        _ s: XLSXSheet, at start: Int, m: MonthCases, range: (Detail) -> String
    ) -> (next: Int, target: String) {
        let ws = workspace
        let lang = ws.lang
        typealias R = Catalog.Report
        let yes = R.yesNo(true).text(lang)
        let notAvailable = R.notAvailable.text(lang)
        let figures = m.figures
        let satisfaction = figures.satisfaction
        var row = start
        func line(_ label: Message, _ value: XLSXValue, _ style: CellStyle = .plain) {
            s.write(row, 0, .text(label.text(lang)), .bold)
            s.write(row, 1, value, style)
            row += 1
        }
        line(R.month, .text(m.month.description))
        line(R.drawID, .int(Int(m.draw.id!)))
        line(R.generatedAt, .text(ws.now.minuteText))
        line(R.sampleSize, .int(m.cases.filter { !$0.item.isReserve }.count))
        line(R.reservesUsed, .int(m.reservesInPlay.count))
        // The metric: live formulas over the detail sheet, values cached.
        let countedFormula = "COUNTIF(\(range(.counted)),\"\(yes)\")"
        let sumFormula = "SUMIF(\(range(.counted)),\"\(yes)\",\(range(.score)))"
        s.write(row, 0, .text(R.satisfaction.text(lang)), .bold)
        let satisfactionFormula = Satisfaction.excelFormula(
            sum: sumFormula, count: countedFormula, notAvailable: notAvailable)
        s.formula(
            row, 1, satisfactionFormula, cached: satisfaction.value.map { .number($0) } ?? .text(notAvailable),
            .figure)
        let satisfactionRow = row
        row += 1
        s.write(row, 0, .text(R.scoreSum.text(lang)), .bold)
        s.formula(row, 1, "=" + sumFormula, cached: .number(Double(satisfaction.total)))
        row += 1
        s.write(row, 0, .text(R.countedCases.text(lang)), .bold)
        s.formula(row, 1, "=" + countedFormula, cached: .number(Double(satisfaction.count)))
        row += 1
        line(R.target, .number(ws.config.settings.target), .decimal)
        let meets = satisfaction.meets(ws.config.settings.target)
        s.write(row, 0, .text(R.meetsTarget.text(lang)), .bold)
        let meetsFormula = Satisfaction.meetsFormula(
            value: "B\(satisfactionRow + 1)", target: "B\(row)", yes: yes,
            no: R.yesNo(false).text(lang), notAvailable: notAvailable)
        s.formula(row, 1, meetsFormula, cached: .text(meets.map { R.yesNo($0).text(lang) } ?? notAvailable))
        let target = "$B$\(row)"
        s.highlight(
            rows: satisfactionRow...satisfactionRow, cols: 1...1,
            when: Highlights.below("B\(satisfactionRow + 1)", target: target), .bad)
        s.highlight(
            rows: row...row, cols: 1...1, when: Highlights.equals("B\(row + 1)", R.yesNo(false).text(lang)), .bad)
        row += 1
        line(R.excludedUnreachable, .int(figures.unreachable))
        line(R.excludedRejected, .int(figures.rejected))
        line(R.openCases, .int(figures.open))
        line(R.praise, .int(figures.praise))
        line(R.resolvedOnSpot, .int(figures.resolvedOnSpot))
        line(R.escalatedOnTime, .int(figures.escalatedOnTime))
        line(R.escalatedLate, .int(figures.escalatedLate))
        line(R.escalatedOpen, .int(figures.escalatedOpen))
        line(R.attemptsOutside, .int(MonthFigures(m.cases).attemptsOutsideHours))
        // How the satisfaction is computed, in words.
        s.merge(rows: row...row, cols: 0...2, R.formulaText.text(lang), .note)
        s.setRow(row, height: 30)
        return (row + 2, target)
    }

    /// The score distribution as COUNTIFS over the detail sheet, with a chart. Returns the next free row.
    private func writeDistribution(
        _ s: XLSXSheet, at start: Int, figures: MonthFigures,
        range: (Detail) -> String
    ) -> Int {
        let lang = workspace.lang
        typealias R = Catalog.Report
        let yes = R.yesNo(true).text(lang)
        var row = start
        s.write(row, 0, .text(R.distribution.text(lang)), .title)
        row += 1
        s.write(row, 0, .text(R.scoreLabel.text(lang)), .header)
        s.write(row, 1, .text(R.people.text(lang)), .header)
        let firstDist = row + 1
        for score in stride(from: 5, through: 1, by: -1) {
            row += 1
            s.write(row, 0, .text(R.scoreName(score).text(lang)))
            let n = figures.count(score: score)
            s.formula(
                row, 1, "=COUNTIFS(\(range(.counted)),\"\(yes)\",\(range(.score)),\(score))",
                cached: .number(Double(n)), .integer)
        }
        s.chart(
            .column, title: R.chartDistribution.text(lang), source: s, categories: (firstDist...row, 0),
            values: (firstDist...row, 1), seriesName: R.people.text(lang), at: (2, 4))
        return row + 2
    }

    /// The breakdowns by source sheet, by handler (with a chart) and by caller; a satisfaction below `target` (a cell)
    /// is highlighted. Returns the next free row.
    private func writeBreakdowns(_ s: XLSXSheet, at start: Int, sample: [CaseView], target: String) -> Int {
        let lang = workspace.lang
        typealias R = Catalog.Report
        var row = start
        let bySource = SourceKind.allCases.map { k in
            (Catalog.Names.sheet(k).text(lang), sample.filter { $0.context.sources.contains(k) })
        }.filter { !$0.1.isEmpty }
        row = breakdown(s, at: row, title: R.bySource, groups: bySource, target: target)
        var handlers: [String: [CaseView]] = [:]
        for c in sample {
            let names = c.context.handlers.isEmpty ? [R.unknownHandler.text(lang)] : c.context.handlers
            for h in names { handlers[h, default: []].append(c) }
        }
        let handlerGroups = handlers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let handlerTop = row + 1
        row = breakdown(s, at: row, title: R.byHandler, groups: handlerGroups, target: target)
        if !handlerGroups.isEmpty {
            let rows = (handlerTop + 1)...(handlerTop + handlerGroups.count)
            s.chart(
                .bar, title: R.chartHandlers.text(lang), source: s, categories: (rows, 0),
                values: (rows, 3), seriesName: R.satisfaction.text(lang),
                at: (2, 12), size: (480, max(240, 40 * handlerGroups.count + 80)), valueRange: 0...5)
        }
        var callers: [String: [CaseView]] = [:]
        for c in sample where !c.attempts.isEmpty {
            callers[c.caller ?? R.unknownHandler.text(lang), default: []].append(c)
        }
        let callerGroups = callers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return breakdown(s, at: row, title: R.byCaller, groups: callerGroups, target: target)
    }

    /// A breakdown table: one row per group with its figures, a satisfaction below `target` highlighted. Returns the
    /// next free row.
    private func breakdown(
        _ s: XLSXSheet, at start: Int, title: Message, groups: [(String, [CaseView])], target: String
    ) -> Int {
        let lang = workspace.lang
        typealias R = Catalog.Report
        var row = start
        s.write(row, 0, .text(title.text(lang)), .title)
        row += 1
        let headers: [Message] = [
            R.name, R.cases, R.countedCases, R.satisfaction, R.scoreName(5), R.scoreName(4), R.scoreName(3),
            R.scoreName(2), R.scoreName(1), R.excludedUnreachable, R.excludedRejected, R.openCases, R.praise,
            R.resolvedOnSpot, R.escalatedOnTime, R.escalatedLate,
        ]
        for (i, h) in headers.enumerated() { s.write(row, i, .text(h.text(lang)), .header) }
        for (name, cases) in groups {
            row += 1
            let f = MonthFigures(cases)
            s.write(row, 0, .text(name))
            s.write(row, 1, .int(f.cases))
            s.write(row, 2, .int(f.counted))
            if let v = f.satisfaction.value {
                s.write(row, 3, .number(v), .decimal)
            } else {
                s.write(row, 3, .text(R.notAvailable.text(lang)))
            }
            for (k, score) in [5, 4, 3, 2, 1].enumerated() { s.write(row, 4 + k, .int(f.count(score: score))) }
            s.write(row, 9, .int(f.unreachable))
            s.write(row, 10, .int(f.rejected))
            s.write(row, 11, .int(f.open))
            s.write(row, 12, .int(f.praise))
            s.write(row, 13, .int(f.resolvedOnSpot))
            s.write(row, 14, .int(f.escalatedOnTime))
            s.write(row, 15, .int(f.escalatedLate))
        }
        if !groups.isEmpty {
            let first = row - groups.count + 1
            s.highlight(rows: first...row, cols: 3...3, when: Highlights.below("D\(first + 1)", target: target), .bad)
        }
        return row + 2
    }
}
