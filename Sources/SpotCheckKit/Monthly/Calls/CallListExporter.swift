import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// Writes the call list a caller works from (`export call-list`): a cover sheet with the
/// month's figures and calling hours, and one row per drawn customer with the personalised
/// script, drop-downs for attempt results, the score and complaint handling.
public struct CallListExporter {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// What was written.
    public struct Result: Sendable {
        public var path: String
        public var main: Int
        public var reserves: Int
        public var warnings: [Message]
    }

    /// Exports the current draw of `month` to `path`.
    public func run(month: YearMonth, to path: String) throws -> Result {
        let ws = workspace
        let lang = ws.lang
        let script = try CallScript(
            template: ws.config.callScript, location: ws.config.source.location("call-script.mustache"))
        let identity = try ws.identity()
        try ws.checkOutput(path)
        // The export is recorded (a copy with its change number), so that its import knows
        // what the list showed.
        let (m, copy) = try ws.store().write { db in
            let m = try MonthCases.load(month: month, config: ws.config, db)
            let copy = try Changes.recordCopy(
                kind: .callList, drawID: m.draw.id!, period: month.description, exportedAt: ws.stamp, db)
            return (m, copy)
        }
        let (draw, summary) = (m.draw, m.summary)
        let hoursText = CallListExporter.hoursText(ws.config.callingHours).text(lang)

        let created = LocalDateTime(stamp: draw.drawnAt)  // the workbook's creation date: metadata only
        let book = try ws.workbook(
            at: path, created: created, title: Catalog.CallList.title(month.description).text(lang))
        var warnings: [Message] = []
        writeCover(book, draw: draw, summary: summary, warnings: &warnings)

        let sheet = book.addSheet(Catalog.CallList.listSheet.text(lang))
        for (i, c) in CallListColumn.all.enumerated() { sheet.write(0, i, .text(c.header.text(lang)), .header) }
        sheet.setRow(0, height: 32)
        for (n, view) in m.cases.enumerated() { writeRow(sheet, n + 1, view, script: script, hoursText: hoursText) }
        let items = m.cases.map(\.item)
        formatList(sheet, rows: items.count, month: month)
        WorkbookBinding(
            workspace: identity, kind: .callList, period: month.description, drawID: draw.id!,
            seed: UInt64(bitPattern: draw.seed), token: copy.token
        ).write(to: book)
        try book.close()
        warnings += ws.warnings(of: book)
        return Result(
            path: path, main: items.filter { !$0.isReserve }.count, reserves: items.filter(\.isReserve).count,
            warnings: warnings)
    }

    /// One drawn customer's row of the list: who they are, what happened, the script, and what is recorded so far.
    private func writeRow(_ sheet: XLSXSheet, _ row: Int, _ view: CaseView, script: CallScript, hoursText: String) {
        let ws = workspace
        let lang = ws.lang
        let item = view.item, context = view.context
        func put(_ c: CallListColumn, _ v: XLSXValue, _ style: CellStyle = .plain) {
            sheet.write(row, c.index, v, style)
        }
        let kindStyle: CellStyle = item.isReserve ? .reserve : .plain
        put(.rank, .int(item.itemNo), kindStyle)
        put(.type, .text((item.isReserve ? Catalog.CallList.reserve : Catalog.CallList.main).text(lang)), kindStyle)
        put(.customer, .text(context.name ?? ""))
        put(.phone, .text(context.phone?.dialText ?? ""))
        put(.alternates, .text(context.alternates.map(\.dialText).joined(separator: "、")), .wrap)
        put(.route, .text(context.route == .none ? "" : Catalog.Names.route(context.route).text(lang)))
        put(.platform, .text(context.platforms.map { Catalog.Names.platform($0).text(lang) }.joined(separator: "、")))
        put(.buyerID, .text(context.buyerID ?? ""))
        put(.sources, .text(context.sourcesText(lang)))
        put(.order, .text(context.orders.joined(separator: "\n")), .wrap)
        put(.product, .text(context.products.joined(separator: "\n")), .wrap)
        put(.purchaseDate, context.purchaseDate.map { .day($0) } ?? .blank)
        put(.situation, .text(context.situationText(lang)), .wrap)
        put(.handler, .text(Catalog.list(context.handlers).text(lang)))
        put(.hours, .text(hoursText), .wrap)
        put(.script, .text(script.render(context, shop: ws.config.settings.shopName, lang: lang)), .wrap)
        for (c, value) in CallListExporter.recorded(view, lang: lang) {
            let style: CellStyle
            if case .attemptTime = c {
                style = .inputDateTime
            } else if c == .repliedAt {
                style = .inputDateTime
            } else {
                style = .input
            }
            put(c, value, style)
        }
        put(.key, .int(item.customerId))
    }

    /// The list's drop-downs and prompts over its `rows` rows (at least one), column widths, frozen header, filter,
    /// the scores' highlights and the print setup.
    private func formatList(_ sheet: XLSXSheet, rows count: Int, month: YearMonth) {
        let lang = workspace.lang
        let last = max(1, count)
        let results = AttemptResult.allCases.map { Catalog.Call.result($0).text(lang) }
        let (rp, re) = (Catalog.CallList.resultPrompt, Catalog.CallList.resultError)
        let tp = Catalog.CallList.timePrompt
        for n in 1...CallListColumn.attempts {
            sheet.listValidation(
                rows: 1...last, col: CallListColumn.attemptResult(n).index, values: results,
                prompt: (rp.0.text(lang), rp.1.text(lang)), error: (re.0.text(lang), re.1.text(lang)))
            sheet.prompt(
                rows: 1...last, col: CallListColumn.attemptTime(n).index, title: tp.0.text(lang),
                text: tp.1.text(lang))
            sheet.setColumn(CallListColumn.attemptTime(n).index, width: 17)
        }
        let (sp, se) = (Catalog.CallList.scorePrompt, Catalog.CallList.scoreError)
        sheet.listValidation(
            rows: 1...last, col: CallListColumn.score.index, values: ["5", "4", "3", "2", "1"],
            prompt: (sp.0.text(lang), sp.1.text(lang)), error: (se.0.text(lang), se.1.text(lang)))
        sheet.listValidation(
            rows: 1...last, col: CallListColumn.imLeft.index,
            values: [Catalog.Call.yes.text(lang), Catalog.Call.no.text(lang)])
        sheet.listValidation(
            rows: 1...last, col: CallListColumn.complaint.index,
            values: ComplaintHandling.allCases.map { Catalog.Call.complaint($0).text(lang) })
        // Widths for one A4 page wide as well as for the screen: wrapped text rather than wide
        // columns, headers over two lines; the same hours on every row wrap narrow.
        sheet.setColumn(CallListColumn.script.index, width: 50)
        sheet.setColumn(CallListColumn.situation.index, width: 28)
        sheet.setColumn(CallListColumn.hours.index, width: 16)
        sheet.setColumn(CallListColumn.repliedAt.index, width: 17)
        sheet.setColumn(CallListColumn.note.index, width: 24)
        sheet.setColumn(CallListColumn.praise.index, width: 16)
        sheet.setColumn(CallListColumn.imLeft.index, width: 9)
        sheet.setColumn(CallListColumn.score.index, width: 7)
        sheet.setColumn(CallListColumn.key.index, width: 8, hidden: true)
        sheet.autoWidth(CallListColumn.product.index, limits: 10...16)
        sheet.autoWidth(CallListColumn.order.index, limits: 10...16)
        sheet.autoWidth(CallListColumn.alternates.index, limits: 8...20)
        sheet.autoWidth(CallListColumn.phone.index, limits: 8...20)
        for c in [CallListColumn.route, .platform, .sources] { sheet.autoWidth(c.index, limits: 6...10) }
        sheet.freeze(rows: 1, cols: 3)
        Highlights.scores(sheet, rows: 1...last, col: CallListColumn.score.index)
        sheet.printPage(
            header: Catalog.File.pageHeader(sheet.name, month: month.description).text(lang), repeatingRows: 1)
        sheet.autofilter(row: 0, lastRow: count, cols: 0...(CallListColumn.all.count - 1))
    }

    /// What is recorded for a row, in the list's input columns (blank where nothing is), so
    /// that a list exported again shows every attempt and detail recorded so far.
    static func recorded(_ view: CaseView, lang: Lang) -> [(CallListColumn, XLSXValue)] {
        var out: [(CallListColumn, XLSXValue)] = []
        let shown = view.attempts.prefix(CallListColumn.attempts)
        for n in 1...CallListColumn.attempts {
            let a = n <= shown.count ? shown[shown.startIndex + n - 1] : nil
            out.append((.attemptTime(n), a.map { .dateTime($0.attemptAt) } ?? .blank))
            out.append((.attemptResult(n), a.map { .text(Catalog.Call.result($0.result).text(lang)) } ?? .blank))
        }
        let c = view.caseRow
        func text(_ s: String?) -> XLSXValue { s.map { .text($0) } ?? .blank }
        out.append((.imLeft, c?.imLeft == true ? .text(Catalog.Call.yes.text(lang)) : .blank))
        out.append((.score, c?.score.map { .int($0) } ?? .blank))
        out.append((.praise, text(c?.praise)))
        out.append((.note, text(c?.note)))
        out.append((.complaint, text(c?.complaint.map { Catalog.Call.complaint($0).text(lang) })))
        out.append((.repliedAt, c?.repliedAt.map { .dateTime($0) } ?? .blank))
        out.append((.caller, text(c?.caller)))
        return out
    }

    /// The calling hours as one line.
    static func hoursText(_ hours: CallingHours) -> Message {
        Catalog.CallList.hoursText(
            Catalog.CallList.spans(hours.workday.map(\.text)), Catalog.CallList.spans(hours.restDay.map(\.text)))
    }

    /// The cover sheet: the draw's figures and deadline, the calling hours, the calendar until the deadline and
    /// the calling rules. A day the calendar does not cover adds a warning.
    private func writeCover(_ book: XLSXWriter, draw: DrawRow, summary: DrawSummary, warnings: inout [Message]) {
        let ws = workspace
        let lang = ws.lang
        typealias L = Catalog.CallList
        let cover = book.addSheet(L.coverSheet.text(lang))
        cover.setColumn(0, width: 34)
        cover.setColumn(1, width: 60)
        cover.printPage(header: Catalog.File.pageHeader(cover.name, month: summary.month).text(lang))
        cover.write(0, 0, .text(L.title(summary.month).text(lang)), .title)
        let month = YearMonth(parsing: summary.month)!
        let status = PeriodRules(cutoffDay: draw.cutoffDay, deadlineDay: draw.deadlineDay)
            .deadlineStatus(of: month, today: ws.today)
        var row = writeFigures(cover, at: 2, summary: summary, status: status)
        row += 1
        let hours = ws.config.callingHours
        cover.write(row, 0, .text(L.hoursTitle.text(lang)), .bold)
        cover.write(row, 1, .text(CallListExporter.hoursText(hours).text(lang)))
        row += 2
        cover.write(row, 0, .text(L.calendarTitle.text(lang)), .bold)
        row += 1
        row = writeCalendar(cover, at: row, status: status, warnings: &warnings)
        row += 1
        cover.write(row, 0, .text(L.rulesTitle.text(lang)), .bold)
        for (i, rule) in L.rules.enumerated() {
            cover.write(row, 1, .text("\(i + 1). " + rule.text(lang)), .wrap)
            row += 1
        }
    }

    /// The draw's figures, one per line from `start`, ending with the deadline. Returns the next free row.
    private func writeFigures(_ cover: XLSXSheet, at start: Int, summary: DrawSummary, status: DeadlineStatus) -> Int {
        let lang = workspace.lang
        typealias L = Catalog.CallList
        var row = start
        func line(_ label: Message, _ value: XLSXValue) {
            cover.write(row, 0, .text(label.text(lang)), .bold)
            if case .int = value { cover.write(row, 1, value, .integerLeft) } else { cover.write(row, 1, value) }
            row += 1
        }
        line(L.month, .text(summary.month))
        line(L.window, .text("\(summary.window.from) – \(summary.window.to)"))
        line(L.drawID, .int(Int(summary.drawId)))
        line(L.seed, .text(String(summary.seed)))
        line(L.drawnAt, .text(summary.drawnAt))
        line(L.drawnBy, .text(summary.drawnBy))
        line(L.sampleSize, .int(summary.drawn))
        line(L.minimum, .int(summary.minimum))
        line(L.reserves, .int(summary.reserves))
        if summary.belowMinimum { line(L.notes, .text(L.belowMinimum.text(lang))) }
        line(L.poolCustomers, .int(summary.poolCustomers))
        for kind in SourceKind.allCases { line(L.poolOf(kind), .int(summary.poolBySource[kind.rawValue] ?? 0)) }
        line(L.merged, .int(summary.mergedAcrossSheets))
        line(L.excluded(summary.lookbackMonths), .int(summary.excludedByHistory))
        line(L.eligible, .int(summary.eligible))
        if let routes = summary.contactRoutes {
            for r in [ContactRoute.phone, .platform, .im] {
                line(L.drawnByRoute(Catalog.Names.route(r)), .int(routes[r.key] ?? 0))
            }
        }
        if let none = summary.noContactRoute { line(L.noContactRoute, .int(none)) }
        for kind in SourceKind.allCases { line(L.drawnFrom(kind), .int(summary.drawnByStratum[kind.rawValue] ?? 0)) }
        for kind in SourceKind.allCases { line(L.drawnOf(kind), .int(summary.drawnBySource[kind.rawValue] ?? 0)) }
        let left: Message
        switch status {
        case .onTime(_, let n): left = L.daysLeft(n)
        case .late(_, let n): left = L.late(n)
        }
        line(L.deadline, .text(L.deadlineWith(status.deadline.description, left).text(lang)))
        return row
    }

    /// Day by day from today until the deadline (a week when already late): each day's kind and calling hours.
    /// A day the calendar does not cover is marked and adds a warning. Returns the next free row.
    private func writeCalendar(
        _ cover: XLSXSheet, at start: Int, status: DeadlineStatus,
        warnings: inout [Message]
    ) -> Int {
        let ws = workspace
        let lang = ws.lang
        typealias L = Catalog.CallList
        let hours = ws.config.callingHours
        var row = start
        var day = ws.today
        let end = status.isLate ? ws.today.adding(days: 6) : status.deadline
        var uncovered = false
        while day <= end {
            let kind = ws.config.calendar.kind(of: day)
            let spans = L.spans(hours.spans(on: day, calendar: ws.config.calendar).map(\.text)).text(lang)
            var text = L.dayLine(day.description, L.weekday(day.weekday), L.dayKind(kind), spans).text(lang)
            if !ws.config.calendar.covers(day) { text += L.uncovered.text(lang); uncovered = true }
            cover.write(row, 1, .text(text))
            row += 1
            day = day.adding(days: 1)
        }
        if uncovered { warnings.append(Catalog.Config.calendarNotCovering(end.description)) }
        return row
    }
}
