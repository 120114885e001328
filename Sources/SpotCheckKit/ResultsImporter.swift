import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// A filled workbook (a call list, an audit workbook) that was refused: every cell that
/// could not be understood. Nothing was imported.
public struct ResultsFailure: Error, Sendable {
    public struct Problem: Sendable, Equatable {
        public var sheet: String
        public var row: Int
        public var column: String?
        public var value: String?
        public var reason: Message
    }
    /// Which workbook it was.
    public enum Workbook: Sendable { case callList, audit }
    public var file: String
    public var problems: [Problem]
    public var workbook: Workbook = .callList

    /// What the user reads first: nothing was imported.
    public var summary: Message {
        workbook == .audit ? Catalog.QA.scoresFailed(problems.count) : Catalog.Calls.listFailed(problems.count)
    }
}

/// Reads back the call list that `export call-list` wrote, after callers filled it in Excel,
/// WPS or LibreOffice (`spotcheck results import`).
///
/// Columns are found by their headers (Chinese or English), so rows may be re-sorted or
/// filtered and columns inserted. Cells may come back as numbers, dates, text or formulas.
/// The list is the record of the rows it fills in: importing it again changes nothing, and
/// an attempt removed from the list (a caller's correction) is withdrawn.
public struct ResultsImporter {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// What an import did.
    public struct Outcome: Sendable {
        public var month: YearMonth
        public var filledRows: Int
        public var added: Int
        public var removed: Int
        public var casesUpdated: Int
        public var outsideHours: Int
        /// Reserves brought into play by this import: row number and customer.
        public var newlyInPlay: [(item: Int, name: String)]
        public var unchanged: Bool { added == 0 && removed == 0 && casesUpdated == 0 }
    }

    /// One filled row of the list.
    struct Entry {
        var row: Int
        var item: Int
        var attempts: [(at: LocalDateTime, result: AttemptResult)]
        var score: Int?
        var praise: String?
        var note: String?
        var complaint: ComplaintHandling?
        var repliedAt: LocalDateTime?
        var imLeft: Bool
        var caller: String?
    }

    public func run(file: String) throws -> Outcome {
        let ws = workspace
        let (sheet, entries, drawID) = try read(file)
        return try ws.store().write { db in
            guard let draw = try DrawRow.fetchOne(db, key: drawID) else {
                throw ResultsFailure(file: file, problems: [.init(sheet: sheet, row: 1, column: nil, value: nil, reason: Catalog.Calls.drawUnknown(Int(drawID)))])
            }
            let month = YearMonth(parsing: draw.month)!
            if let by = draw.supersededBy {
                throw CallProblem(message: Catalog.Calls.drawReplaced(drawID, month: draw.month, by: by))
            }
            let before = try MonthCases.load(month: month, config: ws.config, db)
            var problems: [ResultsFailure.Problem] = []
            let known = Set(before.cases.map(\.item.itemNo))
            for e in entries where !known.contains(e.item) {
                problems.append(.init(sheet: sheet, row: e.row, column: CallListColumn.rank.header.text(ws.lang), value: String(e.item),
                                      reason: Catalog.Calls.itemNotFound(e.item, month: draw.month, last: before.cases.count)))
            }
            if !problems.isEmpty { throw ResultsFailure(file: file, problems: problems) }

            var added = 0, removed = 0, updated = 0, outside = 0
            for e in entries {
                let changesBefore = added + removed
                let view = before.cases.first { $0.item.itemNo == e.item }!
                var stored = view.attempts
                let wanted = Set(e.attempts.map { AttemptKey(at: String($0.at.description.prefix(19)), result: $0.result.rawValue) })
                for a in stored where a.source == "list" && !wanted.contains(AttemptKey(at: a.attemptAt, result: a.result)) {
                    _ = try a.delete(db)
                    removed += 1
                }
                stored.removeAll { $0.source == "list" && !wanted.contains(AttemptKey(at: $0.attemptAt, result: $0.result)) }
                let have = Set(stored.map { AttemptKey(at: $0.attemptAt, result: $0.result) })
                for a in e.attempts {
                    let key = AttemptKey(at: String(a.at.description.prefix(19)), result: a.result.rawValue)
                    if !ws.config.callingHours.allows(a.at, calendar: ws.config.calendar) { outside += 1 }
                    guard !have.contains(key) else { continue }
                    var row = AttemptRow(drawId: drawID, itemNo: e.item, attemptAt: key.at, result: key.result, caller: e.caller,
                                         source: "list", recordedAt: ws.stamp)
                    try row.insert(db)
                    added += 1
                }
                let blank = CaseRow(drawId: drawID, itemNo: e.item, updatedAt: ws.stamp)
                var caseRow = view.caseRow ?? blank
                let old = caseRow.recorded
                caseRow.score = e.score
                caseRow.praise = e.praise
                caseRow.note = e.note
                caseRow.complaint = e.complaint?.rawValue
                caseRow.repliedAt = e.repliedAt.map { String($0.description.prefix(19)) }
                caseRow.imLeft = e.imLeft
                caseRow.caller = e.caller
                if caseRow.recorded != old {
                    caseRow.updatedAt = ws.stamp
                    try caseRow.save(db)
                }
                if caseRow.recorded != old || added + removed != changesBefore { updated += 1 }
            }
            let after = try MonthCases.load(month: month, config: ws.config, db)
            try MonthCases.storeDerived(after, stamp: ws.stamp, db)
            return Outcome(month: month, filledRows: entries.count, added: added, removed: removed, casesUpdated: updated,
                           outsideHours: outside,
                           newlyInPlay: after.reservesInPlay.filter { !before.reservesInPlay.contains($0) }.map { item in
                               (item, after.cases.first { $0.item.itemNo == item }!.displayName)
                           })
        }
    }

    private struct AttemptKey: Hashable {
        var at: String
        var result: String
    }

    // MARK: - Reading the workbook

    /// Finds the list sheet, maps its columns and reads every filled row.
    func read(_ file: String) throws -> (sheet: String, entries: [Entry], drawID: Int64) {
        let lang = workspace.lang
        let reader = try XLSXReader(path: file)
        if let (sheet, rows, headerIndex) = try FilledWorkbook.locate(reader, within: 5, isHeader: { cells in
            let columns = ResultsImporter.mapColumns(cells)
            return columns[.rank] != nil && columns[.attemptResult(1)] != nil
        }) {
            let (headerRow, headerCells) = rows[headerIndex]
            let columns = ResultsImporter.mapColumns(headerCells)
            func header(_ c: CallListColumn) -> String { c.header.text(lang) }
            guard columns[.drawID] != nil else {
                throw ResultsFailure(file: file, problems: [.init(sheet: sheet, row: headerRow, column: nil, value: nil, reason: Catalog.Calls.noDrawColumn)])
            }
            var problems: [ResultsFailure.Problem] = []
            var entries: [Entry] = []
            var drawIDs: [Int: Int] = [:]  // draw id → first row
            var seenItems: [Int: Int] = [:]
            // The month of a draw, to judge attempt times by its window; nil for a draw not in
            // the database (refused once the rows are read).
            var drawMonths: [Int: YearMonth?] = [:]
            func month(ofDraw id: Int) throws -> YearMonth? {
                if let known = drawMonths[id] { return known }
                let draw = try workspace.store().read { try DrawRow.fetchOne($0, key: Int64(id)) }
                let m = draw.flatMap { YearMonth(parsing: $0.month) }
                drawMonths[id] = m
                return m
            }
            for (rowNumber, cells) in rows[(headerIndex + 1)...] {
                func cell(_ c: CallListColumn) -> Cell {
                    guard let i = columns[c], i < cells.count else { return .empty }
                    return cells[i]
                }
                func problem(_ c: CallListColumn?, _ cell: Cell?, _ reason: Message) {
                    let name = c.map { columns[$0].map { headerCells[$0].text } ?? header($0) }
                    problems.append(.init(sheet: sheet, row: rowNumber, column: name, value: cell?.text, reason: reason))
                }
                let inputs = CallListColumn.all.filter(\.isInput)
                let filled = inputs.contains { !cell($0).isBlank }
                let rankCell = cell(.rank)
                if rankCell.isBlank && !filled { continue }
                guard let item = FilledWorkbook.integer(rankCell), item > 0 else { problem(.rank, rankCell, Catalog.Calls.badItem); continue }
                guard let draw = FilledWorkbook.integer(cell(.drawID)), draw > 0 else { problem(.drawID, cell(.drawID), Catalog.Calls.badDraw); continue }
                if let first = drawIDs.keys.first, first != draw { problem(.drawID, cell(.drawID), Catalog.Calls.otherDraw(first)) }
                if drawIDs[draw] == nil { drawIDs[draw] = rowNumber }
                guard filled else { continue }
                if seenItems[item] != nil { problem(.rank, rankCell, Catalog.Calls.duplicateItem(item)) }
                seenItems[item] = rowNumber
                var entry = Entry(row: rowNumber, item: item, attempts: [], imLeft: false)
                for n in 1...CallListColumn.attempts {
                    let tc = cell(.attemptTime(n)), rc = cell(.attemptResult(n))
                    if tc.isBlank && rc.isBlank { continue }
                    if rc.isBlank { problem(.attemptResult(n), rc, Catalog.Calls.atWithoutResult); continue }
                    if tc.isBlank { problem(.attemptTime(n), tc, Catalog.Calls.resultWithoutAt); continue }
                    guard let at = parseMoment(tc) else { problem(.attemptTime(n), tc, Catalog.Calls.needTime); continue }
                    if let m = try month(ofDraw: draw), let reason = workspace.attemptTimeProblem(at: at, month: m) {
                        problem(.attemptTime(n), tc, reason); continue
                    }
                    guard let result = ResultsImporter.result(rc) else { problem(.attemptResult(n), rc, Catalog.Calls.unknownResult); continue }
                    entry.attempts.append((at, result))
                }
                let sc = cell(.score)
                if !sc.isBlank {
                    if let s = ResultsImporter.score(sc) { entry.score = s } else { problem(.score, sc, Catalog.Calls.scoreRange) }
                }
                entry.praise = FilledWorkbook.text(cell(.praise))
                entry.note = FilledWorkbook.text(cell(.note))
                entry.caller = FilledWorkbook.text(cell(.caller))
                let im = cell(.imLeft)
                if !im.isBlank {
                    if let b = ResultsImporter.yesNo(im) { entry.imLeft = b } else { problem(.imLeft, im, Catalog.Calls.unknownYesNo) }
                }
                let cc = cell(.complaint)
                if !cc.isBlank {
                    if let c = ResultsImporter.complaint(cc) { entry.complaint = c } else { problem(.complaint, cc, Catalog.Calls.unknownComplaint) }
                }
                let rc = cell(.repliedAt)
                if !rc.isBlank {
                    if let r = parseMoment(rc) { entry.repliedAt = r } else { problem(.repliedAt, rc, Catalog.Calls.needTime) }
                }
                // The same rules as `spotcheck call`.
                let hasScored = entry.attempts.contains { $0.result == .scored }
                let connected = entry.attempts.filter { $0.result.connected }.map(\.at)
                if entry.score != nil && !hasScored { problem(.score, sc, Catalog.Calls.scoreNeedsScored) }
                if hasScored && sc.isBlank { problem(.score, sc, Catalog.Calls.scoredNeedsScore) }
                if entry.complaint != nil && connected.isEmpty { problem(.complaint, cc, Catalog.Calls.complaintNeedsConnection) }
                if entry.repliedAt != nil && entry.complaint != .escalated { problem(.repliedAt, rc, Catalog.Calls.repliedWithoutEscalation) }
                if let r = entry.repliedAt, let first = connected.min(), r < first { problem(.repliedAt, rc, Catalog.Calls.repliedBeforeCall) }
                entries.append(entry)
            }
            if !problems.isEmpty { throw ResultsFailure(file: file, problems: problems) }
            guard let draw = drawIDs.keys.first else {
                throw ResultsFailure(file: file, problems: [.init(sheet: sheet, row: headerRow, column: header(.drawID), value: nil, reason: Catalog.Calls.badDraw)])
            }
            return (sheet, entries, Int64(draw))
        }
        throw FileProblem(file: file, message: Catalog.Calls.noListSheet)
    }

    /// Header → column, matching either language.
    static func mapColumns(_ cells: [Cell]) -> [CallListColumn: Int] {
        var out: [CallListColumn: Int] = [:]
        for (i, cell) in cells.enumerated() {
            if let c = CallListColumn.all.first(where: { FilledWorkbook.isHeader(cell.text, $0.header) }), out[c] == nil { out[c] = i }
        }
        return out
    }

    /// A date and time from a cell: an Excel date-time, or text with a year, or text such as
    /// `11-24 10:30` whose year is taken from the list's month.
    func parseMoment(_ cell: Cell) -> LocalDateTime? {
        if let p = try? DateText.parse(cell), p.hasTime { return p.moment }
        guard case .text(let raw) = cell else { return nil }
        // Month-day without a year: the year of the list.
        let s = raw.trimmingASCIIWhitespace().replacingOccurrences(of: "月", with: "-").replacingOccurrences(of: "日", with: " ")
            .replacingOccurrences(of: "/", with: "-")
        let year = workspace.today.year
        guard let p = try? DateText.parse("\(year)-\(s)"), p.hasTime else { return nil }
        // A January call on a December list belongs to the next year, and vice versa.
        if p.moment.day.ordinal - workspace.today.ordinal > 183 { return (try? DateText.parse("\(year - 1)-\(s)"))?.moment }
        if workspace.today.ordinal - p.moment.day.ordinal > 183 { return (try? DateText.parse("\(year + 1)-\(s)"))?.moment }
        return p.moment
    }

    /// A score of 1–5.
    static func score(_ cell: Cell) -> Int? {
        guard let s = FilledWorkbook.score(cell), (1...5).contains(s) else { return nil }
        return s
    }

    static func yesNo(_ cell: Cell) -> Bool? {
        switch cell {
        case .bool(let b): return b
        case .number(let d): return d == 1 ? true : d == 0 ? false : nil
        case .text(let s):
            switch ColumnMap.normalize(s) {
            case "是", "yes", "y", "true", "1", "√", "✓", "✔", "已留言", "已发": return true
            case "否", "no", "n", "false", "0", "×", "未留言": return false
            default: return nil
            }
        default: return nil
        }
    }

    static func result(_ cell: Cell) -> AttemptResult? {
        let t = ColumnMap.normalize(cell.text)
        for r in AttemptResult.allCases {
            let r1 = Catalog.Call.result(r)
            if t == ColumnMap.normalize(r1.zh) || t == ColumnMap.normalize(r1.en) || t == r.rawValue { return r }
        }
        let synonyms: [String: AttemptResult] = [
            "无人接听": .noAnswer, "未接听": .noAnswer, "没人接": .noAnswer, "占线": .busy, "通话中": .busy, "关机": .poweredOff,
            "停机": .outOfService, "空号": .outOfService, "拒接": .rejected, "挂断": .refusedAfterConnect, "接通后拒绝": .refusedAfterConnect,
            "拒绝评分": .refusedAfterConnect, "已评分": .scored, "已接通": .scored, "评分": .scored,
        ]
        return synonyms[t]
    }

    static func complaint(_ cell: Cell) -> ComplaintHandling? {
        let t = ColumnMap.normalize(cell.text)
        for c in ComplaintHandling.allCases {
            let m = Catalog.Call.complaint(c)
            if t == ColumnMap.normalize(m.zh) || t == ColumnMap.normalize(m.en) || t == c.rawValue { return c }
        }
        if t.hasPrefix("当场") { return .resolved }
        if t.hasPrefix("升级") { return .escalated }
        return nil
    }
}
