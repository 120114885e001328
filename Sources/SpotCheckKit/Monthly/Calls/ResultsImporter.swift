import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// Reads back the call list that `export call-list` wrote, after callers filled it in Excel,
/// WPS or LibreOffice (`spotcheck results import`).
///
/// The list belongs to one workspace and one draw (a hidden sheet says which) and each row to
/// one customer (a hidden key): a list of another workspace or draw is refused, rows are
/// matched by their key (never by position or 序号), and a row whose visible customer no
/// longer matches its key is refused. Columns are found by their headers, so rows may be
/// re-sorted or filtered and columns inserted. The list is the record of the rows it fills
/// in: importing it again changes nothing, and an attempt removed from the list (a caller's
/// correction) is withdrawn. A value recorded since the list was exported that the list
/// would overwrite is a conflict: listed, nothing changed, unless `replace`.
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
        /// What `replace` overwrote.
        public var replaced: [ConflictError.Conflict] = []
        public var unchanged: Bool { added == 0 && removed == 0 && casesUpdated == 0 }
    }

    /// One filled row of the list.
    struct Entry {
        var row: Int
        /// The customer of the row's hidden key.
        var customer: Int
        var attempts: [(at: LocalDateTime, result: AttemptResult)]
        var score: Int?
        var praise: String?
        var note: String?
        var complaint: ComplaintHandling?
        var repliedAt: LocalDateTime?
        var imLeft: Bool
        var caller: String?
        /// The row's visible customer: name, phone and buyer ID as the cells hold them.
        var visible: [CallListColumn: String]
    }

    /// The list as read: its sheet, binding, column headers and filled rows.
    struct Filled {
        var sheet: String
        var binding: WorkbookBinding
        var headers: [CallListColumn: String]
        var entries: [Entry]
    }

    public func run(file: String, replace: Bool = false) throws -> Outcome {
        let ws = workspace
        let list = try read(file)
        let identity = try ws.identity()
        return try ws.store().write { db in
            let draw = try checkBinding(list.binding, identity: identity, file: file, db)
            let month = draw.month
            let summary = try JSONDecoder().decode(DrawSummary.self, from: Data(draw.summary.utf8))
            let before = try MonthCases.load(draw: draw, summary: summary, config: ws.config, db)
            let knowledge =
                try Changes.copy(token: list.binding.token, db)?.knowledge
                ?? CopyKnowledge(token: list.binding.token, exportSeq: -1)
            let views = try match(list, to: before, file: file)
            var plan = Plan()
            for (e, view) in zip(list.entries, views) {
                plan.add(e, view: view, knowledge: knowledge, list: list, lang: ws.lang)
            }
            if !plan.conflicts.isEmpty && !replace { throw ConflictError(file: file, conflicts: plan.conflicts) }

            let change = Changes.Pending(db)
            let withdrawing = replace ? plan.withdrawn.union(plan.contested) : plan.withdrawn
            var added = 0, removed = 0, updated = 0, outside = 0
            for (e, view) in zip(list.entries, views) {
                let done = try store(
                    e, view: view, draw: draw, withdrawing: withdrawing, knowledge: knowledge,
                    change: change, db)
                added += done.added
                removed += done.removed
                outside += done.outside
                if done.caseChanged || done.added + done.removed > 0 { updated += 1 }
            }
            let after = try MonthCases.load(month: month, config: ws.config, db)
            try MonthCases.storeDerived(after, stamp: ws.stamp, db)
            return Outcome(
                month: month, filledRows: list.entries.count, added: added, removed: removed, casesUpdated: updated,
                outsideHours: outside,
                newlyInPlay: after.reservesInPlay.filter { !before.reservesInPlay.contains($0) }.map { item in
                    (item, after.cases.first { $0.item.itemNo == item }!.displayName)
                },
                replaced: plan.conflicts)
        }
    }

    /// Stores one filled row: withdraws its attempts in `withdrawing`, adds the list's attempts not yet recorded
    /// and takes the row's case details. Returns the attempts added and removed, whether the case details changed,
    /// and how many of the list's attempts fall outside calling hours.
    private func store(
        _ e: Entry, view: CaseView, draw: DrawRow, withdrawing: Set<Int64>, knowledge: CopyKnowledge,
        change: Changes.Pending, _ db: Database
    ) throws
        -> (added: Int, removed: Int, caseChanged: Bool, outside: Int)
    {
        let ws = workspace
        var added = 0, removed = 0, outside = 0
        for a in view.attempts where withdrawing.contains(a.id!) {
            _ = try a.delete(db)
            removed += 1
        }
        let have = Set(view.attempts.map { AttemptKey(at: $0.attemptAt, result: $0.result) })
        for a in e.attempts {
            let key = AttemptKey(at: a.at.wholeSeconds, result: a.result)
            if !ws.config.callingHours.allows(a.at, calendar: ws.config.calendar) { outside += 1 }
            guard !have.contains(key) else { continue }
            var row = AttemptRow(
                drawId: draw.id!, itemNo: view.item.itemNo, attemptAt: key.at, result: key.result,
                caller: e.caller, source: "list", recordedAt: ws.stamp, seq: try change.seq(),
                copy: knowledge.token)
            try row.insert(db)
            added += 1
        }
        var caseRow = view.caseRow ?? CaseRow(drawId: draw.id!, itemNo: view.item.itemNo, updatedAt: ws.stamp)
        let old = caseRow.recorded
        caseRow.score = e.score
        caseRow.praise = e.praise
        caseRow.note = e.note
        caseRow.complaint = e.complaint
        caseRow.repliedAt = e.repliedAt?.wholeSeconds
        caseRow.imLeft = e.imLeft
        caseRow.caller = e.caller
        let caseChanged = caseRow.recorded != old
        if caseChanged {
            caseRow.updatedAt = ws.stamp
            caseRow.seq = try change.seq()
            caseRow.copy = knowledge.token
            try caseRow.save(db)
        }
        return (added, removed, caseChanged, outside)
    }

    /// The list's draw, when the list belongs to this workspace and to the month's current draw.
    private func checkBinding(_ b: WorkbookBinding, identity: String, file: String, _ db: Database) throws -> DrawRow {
        let seed = b.seed.map(String.init) ?? "?"
        guard b.kind == .callList else { throw FileError(file: file, message: Catalog.Calls.notACallList) }
        guard b.workspace == identity else {
            throw FileError(file: file, message: Catalog.Calls.otherWorkspace(month: b.period, seed: seed))
        }
        guard let id = b.drawID, let draw = try DrawRow.fetchOne(db, key: id), draw.month.description == b.period,
            b.seed == UInt64(bitPattern: draw.seed)
        else {
            throw FileError(file: file, message: Catalog.Calls.drawNotHere(month: b.period, seed: seed))
        }
        if let by = draw.supersededBy {
            throw FileError(
                file: file, message: Catalog.Calls.drawReplaced(id, month: draw.month.description, seed: seed, by: by))
        }
        return draw
    }

    /// Each entry's case, by its hidden key; a key of no customer of the draw, a key on two
    /// rows, or a row whose visible customer is not its key's is refused.
    private func match(_ list: Filled, to m: MonthCases, file: String) throws -> [CaseView] {
        let byCustomer = Dictionary(m.cases.map { ($0.item.customerId, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [ResultsError.Problem] = []
        var seen: [Int: Int] = [:]
        var views: [CaseView] = []
        let keyHeader = list.headers[.key] ?? CallListColumn.key.header.text(workspace.lang)
        for e in list.entries {
            guard let view = byCustomer[e.customer] else {
                problems.append(
                    .init(
                        sheet: list.sheet, row: e.row, column: keyHeader, value: String(e.customer),
                        reason: Catalog.Calls.keyNotInDraw(month: list.binding.period)))
                continue
            }
            if let other = seen[e.customer] {
                problems.append(
                    .init(
                        sheet: list.sheet, row: e.row, column: keyHeader, value: String(e.customer),
                        reason: Catalog.Calls.keyTwice(other)))
                continue
            }
            seen[e.customer] = e.row
            let expected = ResultsImporter.visibleCustomer(view.context)
            for c in [CallListColumn.customer, .phone, .buyerID]
            where HeaderText.normalize(e.visible[c] ?? "") != HeaderText.normalize(expected[c] ?? "") {
                problems.append(
                    .init(
                        sheet: list.sheet, row: e.row, column: list.headers[c] ?? c.header.text(workspace.lang),
                        value: e.visible[c],
                        reason: Catalog.Calls.rowMoved(expected: expected[c] ?? "", item: view.item.itemNo)))
                break
            }
            views.append(view)
        }
        if !problems.isEmpty { throw ResultsError(file: file, problems: problems) }
        return views
    }

    /// The customer as the exported list shows them.
    static func visibleCustomer(_ c: CustomerContext) -> [CallListColumn: String] {
        [.customer: c.name ?? "", .phone: c.phone?.dialText ?? "", .buyerID: c.buyerID ?? ""]
    }

    /// What an import would change, and what it would overwrite that its copy never showed.
    struct Plan {
        var withdrawn: Set<Int64> = []
        /// Attempts recorded since the export that the list does not have (withdrawn only
        /// when the list replaces what was recorded).
        var contested: Set<Int64> = []
        var conflicts: [ConflictError.Conflict] = []

        mutating func add(_ e: Entry, view: CaseView, knowledge: CopyKnowledge, list: Filled, lang: Lang) {
            func header(_ c: CallListColumn) -> String { list.headers[c] ?? c.header.text(lang) }
            func conflict(_ c: String, _ recorded: String, _ listed: String) {
                conflicts.append(.init(sheet: list.sheet, row: e.row, column: c, recorded: recorded, listed: listed))
            }
            // Attempts the list no longer has: the caller's correction when the copy showed
            // them, a conflict when they were recorded since.
            let wanted = Set(e.attempts.map { AttemptKey(at: $0.at.wholeSeconds, result: $0.result) })
            // A list has room for the first few attempts only; one it could not show stays.
            let shown = Set(view.attempts.prefix(CallListColumn.attempts).compactMap(\.id))
            for a in view.attempts where !wanted.contains(AttemptKey(at: a.attemptAt, result: a.result)) {
                let provenance = Provenance(seq: a.seq, copy: a.copy)
                if knowledge.knew(provenance) && !shown.contains(a.id!) && provenance.copy != knowledge.token {
                    continue
                }
                if knowledge.knew(provenance) {
                    withdrawn.insert(a.id!)
                } else {
                    contested.insert(a.id!)
                    let result = Catalog.Call.result(a.result).text(lang)
                    conflict(
                        Catalog.Calls.attemptsColumn.text(lang), "\(a.attemptAt.minuteText) \(result)",
                        Catalog.Calls.notInList.text(lang))
                }
            }
            let recorded = view.caseRow
            let provenance = Provenance(seq: recorded?.seq ?? 0, copy: recorded?.copy)
            let yes = Catalog.Call.yes.text(lang), no = Catalog.Call.no.text(lang)
            let fields: [(CallListColumn, String?, String?)] = [
                (.score, recorded?.score.map(String.init), e.score.map(String.init)),
                (.praise, recorded?.praise, e.praise),
                (.note, recorded?.note, e.note),
                (
                    .complaint, recorded?.complaint.map { Catalog.Call.complaint($0).text(lang) },
                    e.complaint.map { Catalog.Call.complaint($0).text(lang) }
                ),
                (.repliedAt, recorded?.repliedAt.map(\.minuteText), e.repliedAt.map(\.minuteText)),
                (.imLeft, recorded?.imLeft == true ? yes : nil, e.imLeft ? yes : no),
                (.caller, recorded?.caller, e.caller),
            ]
            for (column, old, new) in fields
            where knowledge.conflicts(recorded: old, listed: new, provenance: provenance) {
                conflict(header(column), old ?? "", new ?? Catalog.Calls.blankInList.text(lang))
            }
        }
    }

    private struct AttemptKey: Hashable {
        var at: LocalDateTime
        var result: AttemptResult
    }

    // MARK: - Reading the workbook

    /// Finds the list sheet, maps its columns and reads every filled row.
    func read(_ file: String) throws -> Filled {
        let lang = workspace.lang
        let reader = try XLSXReader(path: file)
        guard let binding = try WorkbookBinding.read(reader) else {
            throw FileError(file: file, message: Catalog.Calls.noBinding)
        }
        guard
            let (sheet, rows, headerIndex) = try FilledWorkbook.locate(
                reader, within: 5,
                isHeader: { cells in
                    let columns = ResultsImporter.mapColumns(cells)
                    return columns[.rank] != nil && columns[.attemptResult(1)] != nil
                })
        else { throw FileError(file: file, message: Catalog.Calls.noListSheet) }
        let (headerRow, headerCells) = rows[headerIndex]
        let columns = ResultsImporter.mapColumns(headerCells)
        guard columns[.key] != nil else {
            throw ResultsError(
                file: file,
                problems: [
                    .init(
                        sheet: sheet, row: headerRow, column: nil, value: nil,
                        reason: Catalog.Calls.noKeyColumn)
                ])
        }
        var problems: [ResultsError.Problem] = []
        var entries: [Entry] = []
        for (rowNumber, cells) in rows[(headerIndex + 1)...] {
            var row = ListRow(
                number: rowNumber, cells: cells, columns: columns, headerCells: headerCells, sheet: sheet,
                lang: lang)
            if let entry = readEntry(&row, period: binding.period) { entries.append(entry) }
            problems += row.problems
        }
        if !problems.isEmpty { throw ResultsError(file: file, problems: problems) }
        var headers: [CallListColumn: String] = [:]
        for (c, i) in columns { headers[c] = headerCells[i].text }
        return Filled(sheet: sheet, binding: binding, headers: headers, entries: entries)
    }

    /// One row under the list's header as it is read: its cells by column, and the problems found in it.
    private struct ListRow {
        let number: Int
        let cells: [Cell]
        let columns: [CallListColumn: Int]
        let headerCells: [Cell]
        let sheet: String
        let lang: Lang
        var problems: [ResultsError.Problem] = []

        /// The row's cell in a column (empty when the list lacks the column or the row is short).
        func cell(_ c: CallListColumn) -> Cell {
            guard let i = columns[c], i < cells.count else { return .empty }
            return cells[i]
        }

        /// A problem in a cell, named by the list's own header (or the column's, when the list lacks it).
        mutating func problem(_ c: CallListColumn?, _ cell: Cell?, _ reason: Message) {
            let name = c.map { columns[$0].map { headerCells[$0].text } ?? $0.header.text(lang) }
            problems.append(.init(sheet: sheet, row: number, column: name, value: cell?.text, reason: reason))
        }

        /// A filled-in cell read by `parse`; nil when blank, or (with a problem) when it does not read.
        mutating func read<T>(_ c: CallListColumn, _ parse: (Cell) -> T?, else reason: Message) -> T? {
            let cell = cell(c)
            guard !cell.isBlank else { return nil }
            guard let value = parse(cell) else {
                problem(c, cell, reason)
                return nil
            }
            return value
        }
    }

    /// A filled row's entry; nil for a row with no input filled in, or (with a problem) one whose hidden key is not
    /// a customer number. Each unreadable cell and each break of the SOP's rules is a problem of the row.
    private func readEntry(_ row: inout ListRow, period: String) -> Entry? {
        let inputs = CallListColumn.all.filter(\.isInput)
        guard inputs.contains(where: { !row.cell($0).isBlank }) else { return nil }
        let keyCell = row.cell(.key)
        guard let customer = FilledWorkbook.integer(keyCell), customer > 0 else {
            row.problem(.key, keyCell, Catalog.Calls.badKey)
            return nil
        }
        var entry = Entry(
            row: row.number, customer: customer, attempts: [], imLeft: false,
            visible: [
                .customer: row.cell(.customer).text, .phone: row.cell(.phone).text,
                .buyerID: row.cell(.buyerID).text,
            ])
        entry.attempts = readAttempts(&row, period: period)
        let sc = row.cell(.score), cc = row.cell(.complaint), rc = row.cell(.repliedAt)
        entry.score = row.read(.score, ResultsImporter.score, else: Catalog.Calls.scoreRange)
        entry.praise = FilledWorkbook.text(row.cell(.praise))
        entry.note = FilledWorkbook.text(row.cell(.note))
        entry.caller = FilledWorkbook.text(row.cell(.caller))
        entry.imLeft = row.read(.imLeft, ResultsImporter.yesNo, else: Catalog.Calls.unknownYesNo) ?? false
        entry.complaint = row.read(.complaint, ResultsImporter.complaint, else: Catalog.Calls.unknownComplaint)
        entry.repliedAt = row.read(.repliedAt, parseMoment, else: Catalog.Calls.needTime)
        let recorded = entry.attempts.map { CallAttempt(at: $0.0, result: $0.1) }
        // An unreadable score was named above.
        for check in CallRecordCheck.problems(
            attempts: recorded, score: entry.score, complaint: entry.complaint,
            repliedAt: entry.repliedAt)
        where check != .scoreOutOfRange && !(check == .scoredAttemptWithoutScore && !sc.isBlank) {
            switch check.field {
            case .score: row.problem(.score, sc, Catalog.Calls.check(check))
            case .complaint: row.problem(.complaint, cc, Catalog.Calls.check(check))
            case .repliedAt: row.problem(.repliedAt, rc, Catalog.Calls.check(check))
            }
        }
        return entry
    }

    /// The row's attempts, time and result side by side; an attempt with either missing or unreadable, or a time
    /// outside the list's month (`period`), is a problem and left out.
    private func readAttempts(_ row: inout ListRow, period: String) -> [(at: LocalDateTime, result: AttemptResult)] {
        var attempts: [(at: LocalDateTime, result: AttemptResult)] = []
        for n in 1...CallListColumn.attempts {
            let tc = row.cell(.attemptTime(n)), rc = row.cell(.attemptResult(n))
            if tc.isBlank && rc.isBlank { continue }
            if rc.isBlank { row.problem(.attemptResult(n), rc, Catalog.Calls.atWithoutResult); continue }
            if tc.isBlank { row.problem(.attemptTime(n), tc, Catalog.Calls.resultWithoutAt); continue }
            guard let at = parseMoment(tc) else { row.problem(.attemptTime(n), tc, Catalog.Calls.needTime); continue }
            if let m = YearMonth(parsing: period), let reason = workspace.attemptTimeProblem(at: at, month: m) {
                row.problem(.attemptTime(n), tc, reason); continue
            }
            guard let result = ResultsImporter.result(rc) else {
                row.problem(.attemptResult(n), rc, Catalog.Calls.unknownResult); continue
            }
            attempts.append((at, result))
        }
        return attempts
    }

    /// Header → column, matching either language.
    static func mapColumns(_ cells: [Cell]) -> [CallListColumn: Int] {
        var out: [CallListColumn: Int] = [:]
        for (i, cell) in cells.enumerated() {
            if let c = CallListColumn.all.first(where: { FilledWorkbook.isHeader(cell.text, $0.header) }), out[c] == nil
            {
                out[c] = i
            }
        }
        return out
    }

    /// A date and time from a cell: an Excel date-time, or text with a year, or text such as
    /// `11-24 10:30` whose year is taken from the list's month.
    func parseMoment(_ cell: Cell) -> LocalDateTime? {
        if let p = try? DateText.parse(cell), p.hasTime { return p.moment }
        guard case .text(let raw) = cell else { return nil }
        // Month-day without a year: the year of the list.
        let s = raw.trimmingASCIIWhitespace().replacingOccurrences(of: "月", with: "-").replacingOccurrences(
            of: "日", with: " "
        )
        .replacingOccurrences(of: "/", with: "-")
        let year = workspace.today.year
        guard let p = try? DateText.parse("\(year)-\(s)"), p.hasTime else { return nil }
        // A January call on a December list belongs to the next year, and vice versa.
        if p.moment.day.ordinal - workspace.today.ordinal > 183 {
            return (try? DateText.parse("\(year - 1)-\(s)"))?.moment
        }
        if workspace.today.ordinal - p.moment.day.ordinal > 183 {
            return (try? DateText.parse("\(year + 1)-\(s)"))?.moment
        }
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
            switch HeaderText.normalize(s) {
            case "是", "yes", "y", "true", "1", "√", "✓", "✔", "已留言", "已发": return true
            case "否", "no", "n", "false", "0", "×", "未留言": return false
            default: return nil
            }
        default: return nil
        }
    }

    static func result(_ cell: Cell) -> AttemptResult? {
        let t = HeaderText.normalize(cell.text)
        for r in AttemptResult.allCases {
            let r1 = Catalog.Call.result(r)
            if t == HeaderText.normalize(r1.zh) || t == HeaderText.normalize(r1.en) || t == r.rawValue { return r }
        }
        let synonyms: [String: AttemptResult] = [
            "无人接听": .noAnswer, "未接听": .noAnswer, "没人接": .noAnswer, "占线": .busy, "通话中": .busy, "关机": .poweredOff,
            "停机": .outOfService, "空号": .outOfService, "拒接": .rejected, "挂断": .refusedAfterConnect,
            "接通后拒绝": .refusedAfterConnect,
            "拒绝评分": .refusedAfterConnect, "已评分": .scored, "已接通": .scored, "评分": .scored,
        ]
        return synonyms[t]
    }

    static func complaint(_ cell: Cell) -> ComplaintHandling? {
        let t = HeaderText.normalize(cell.text)
        for c in ComplaintHandling.allCases {
            let m = Catalog.Call.complaint(c)
            if t == HeaderText.normalize(m.zh) || t == HeaderText.normalize(m.en) || t == c.rawValue { return c }
        }
        if t.hasPrefix("当场") { return .resolved }
        if t.hasPrefix("升级") { return .escalated }
        return nil
    }
}
