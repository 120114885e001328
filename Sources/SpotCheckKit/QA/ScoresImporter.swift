import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// Reads back the audit workbook after the auditors scored it (`spotcheck qa scores import`).
///
/// Columns are found by their headers (either language, item names or ids), so rows may be
/// re-sorted or filtered and columns inserted. Like `results import`: every problem is named
/// by sheet, row and column and nothing is stored; the workbook is the record of the rows it
/// holds, so importing it again changes nothing and a row whose scores were cleared withdraws
/// that transcript's audit. Totals are computed here from the scores, never read.
public struct ScoresImporter {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    public struct Outcome: Sendable {
        /// Rows with scores.
        public var scored: Int
        /// Audits stored or changed.
        public var changed: Int
        /// Audits withdrawn (their row was cleared).
        public var withdrawn: Int
        /// What `replace` overwrote.
        public var replaced: [ConflictError.Conflict] = []
        public var unchanged: Bool { changed == 0 && withdrawn == 0 }
    }

    /// One row of the workbook.
    struct Entry {
        var row: Int
        var transcript: Int
        /// Nil: the row is not scored.
        var audit: QAData.Audit?
    }

    /// Imports the workbook. A score recorded since the workbook was exported (by another
    /// copy) that it would overwrite is a conflict: listed, nothing changed, unless `replace`.
    public func run(file: String, replace: Bool = false) throws -> Outcome {
        let ws = workspace
        let card = try ws.qa().scorecard
        let (sheet, rows, binding) = try read(file, card: card)
        let identity = try ws.identity()
        guard binding.kind == .audit else { throw FileError(file: file, message: Catalog.QA.notAnAuditWorkbook) }
        guard binding.workspace == identity else {
            throw FileError(file: file, message: Catalog.QA.otherWorkspace(binding.period))
        }
        return try ws.store().write { db in
            let knowledge =
                try Changes.copy(token: binding.token, db)?.knowledge
                ?? CopyKnowledge(token: binding.token, exportSeq: -1)
            let entries = try match(rows, sheet: sheet, file: file, db)
            let stored = try QAData.audits(db)
            let provenance = try Changes.auditProvenance(db)
            var conflicts: [ConflictError.Conflict] = []
            for e in entries {
                guard let old = stored[e.transcript], let p = provenance[e.transcript], !knowledge.knew(p),
                    old != e.audit
                else { continue }
                conflicts += ScoresImporter.differences(
                    old, e.audit, card: card, sheet: sheet, row: e.row, lang: ws.lang)
            }
            if !conflicts.isEmpty && !replace {
                throw ConflictError(file: file, conflicts: conflicts, workbook: .audit)
            }
            let (changed, withdrawn) = try save(entries, stored: stored, copy: knowledge.token, db)
            return Outcome(
                scored: entries.filter { $0.audit != nil }.count, changed: changed, withdrawn: withdrawn,
                replaced: conflicts)
        }
    }

    /// The rows read, matched to the sampled transcripts by their hidden key; a row that
    /// matches none, or one already matched, or whose transcript id disagrees, is a problem.
    private func match(_ rows: [ReadRow], sheet: String, file: String, _ db: Database) throws -> [Entry] {
        let sampled = try QAData.sampled(db)
        let external = try QAData.sampledExternalIDs(db)
        var problems: [ResultsError.Problem] = []
        var entries: [Entry] = []
        var seen: [Int: Int] = [:]
        for r in rows {
            func problem(_ reason: Message) {
                problems.append(.init(sheet: sheet, row: r.row, column: r.keyColumn, value: r.keyText, reason: reason))
            }
            // Rows are matched by their hidden key only (never by the visible transcript id).
            guard let t = r.key else { problem(Catalog.QA.noKey); continue }
            guard sampled.contains(t) else { problem(Catalog.QA.notSampled); continue }
            // The key and the transcript id must agree: a workbook of another workspace
            // (or an edited key) must not put scores on the wrong transcript.
            if let ext = r.externalID, let stored = external[t], stored.id != ext {
                problem(Catalog.QA.keyMismatch(ext, stored.id)); continue
            }
            if let other = seen[t] { problem(Catalog.QA.duplicateRow(other)); continue }
            seen[t] = r.row
            let audit = r.scores.map { QAData.Audit(transcript: t, auditor: r.auditor, comment: r.comment, scores: $0) }
            entries.append(Entry(row: r.row, transcript: t, audit: audit))
        }
        if !problems.isEmpty { throw ResultsError(file: file, problems: problems, workbook: .audit) }
        return entries
    }

    /// Stores each scored row's audit and withdraws the recorded audit of each cleared one;
    /// how many of each changed.
    private func save(
        _ entries: [Entry], stored: [Int: QAData.Audit], copy token: String, _ db: Database
    ) throws
        -> (changed: Int, withdrawn: Int)
    {
        let change = Changes.Pending(db)
        var changed = 0, withdrawn = 0
        for e in entries {
            if let a = e.audit {
                if try AuditScoring.store(a, copy: token, change: change, stamp: workspace.stamp, db) { changed += 1 }
            } else if stored[e.transcript] != nil {
                try QAData.deleteAudit(transcript: e.transcript, db)
                withdrawn += 1
            }
        }
        return (changed, withdrawn)
    }

    /// Each value of a recorded audit that the workbook's row would change.
    static func differences(
        _ old: QAData.Audit, _ new: QAData.Audit?, card: Scorecard, sheet: String, row: Int, lang: Lang
    )
        -> [ConflictError.Conflict]
    {
        let blank = Catalog.Calls.blankInList.text(lang)
        var out: [ConflictError.Conflict] = []
        for item in card.items where old.scores[item.id] != new?.scores[item.id] {
            out.append(
                .init(
                    sheet: sheet, row: row, column: Catalog.QA.itemName(item).text(lang),
                    recorded: old.scores[item.id].map(String.init) ?? blank,
                    listed: new?.scores[item.id].map(String.init) ?? blank))
        }
        if old.auditor != new?.auditor {
            out.append(
                .init(
                    sheet: sheet, row: row, column: Catalog.QA.auditor.text(lang), recorded: old.auditor ?? blank,
                    listed: new?.auditor ?? blank))
        }
        if old.comment != new?.comment {
            out.append(
                .init(
                    sheet: sheet, row: row, column: Catalog.QA.comment.text(lang), recorded: old.comment ?? blank,
                    listed: new?.comment ?? blank))
        }
        return out
    }

    // MARK: - Reading the workbook

    /// A row as read, before it is matched to the sample.
    struct ReadRow {
        var row: Int
        var key: Int?
        var externalID: String?
        var keyColumn: String
        var keyText: String
        var scores: [String: Int]?
        var auditor: String?
        var comment: String?
    }

    /// Finds the audit sheet, maps its columns and reads every row that names a transcript.
    func read(_ file: String, card: Scorecard) throws -> (sheet: String, rows: [ReadRow], binding: WorkbookBinding) {
        let reader = try XLSXReader(path: file)
        guard let binding = try WorkbookBinding.read(reader) else {
            throw FileError(file: file, message: Catalog.QA.noBinding)
        }
        let isHeader: ([Cell]) -> Bool = { ScoresImporter.map($0, card: card).isUsable(card) }
        guard let (sheet, rows, headerIndex) = try FilledWorkbook.locate(reader, within: 6, isHeader: isHeader) else {
            let first = reader.sheetNames.first ?? ""
            throw ResultsError(
                file: file,
                problems: [
                    .init(
                        sheet: first, row: 1, column: nil, value: nil,
                        reason: Catalog.QA.noAuditSheet)
                ], workbook: .audit)
        }
        let headerCells = rows[headerIndex].cells
        let sheetRows = SheetRows(
            sheet: sheet, card: card, headerCells: headerCells,
            columns: ScoresImporter.map(headerCells, card: card), lang: lang)
        var problems: [ResultsError.Problem] = []
        var out: [ReadRow] = []
        for (rowNumber, cells) in rows[(headerIndex + 1)...] {
            if let r = sheetRows.read(rowNumber, cells, problems: &problems) { out.append(r) }
        }
        if !problems.isEmpty { throw ResultsError(file: file, problems: problems, workbook: .audit) }
        return (sheet, out, binding)
    }

    /// The rows of the audit sheet, once its header is found.
    private struct SheetRows {
        let sheet: String
        let card: Scorecard
        let headerCells: [Cell]
        let columns: Columns
        let lang: Lang

        /// A row that names a transcript; nil for a blank row, or one with problems (appended).
        func read(_ rowNumber: Int, _ cells: [Cell], problems: inout [ResultsError.Problem]) -> ReadRow? {
            func cell(_ i: Int?) -> Cell { i.flatMap { $0 < cells.count ? cells[$0] : nil } ?? .empty }
            func header(_ i: Int) -> String { ScoresImporter.firstLine(headerCells[i]) }
            func keyHeader() -> String { header(columns.key ?? columns.transcript!) }
            let keyCell = cell(columns.key), idCell = cell(columns.transcript)
            let itemCells = card.items.map { cell(columns.items[$0.id]) }
            let auditor = FilledWorkbook.text(cell(columns.auditor))
            let comment = FilledWorkbook.text(cell(columns.comment))
            if keyCell.isBlank && idCell.isBlank {
                if itemCells.contains(where: { !$0.isBlank }) {
                    problems.append(
                        .init(
                            sheet: sheet, row: rowNumber, column: keyHeader(), value: nil,
                            reason: Catalog.QA.noKey))
                }
                return nil
            }
            var r = ReadRow(
                row: rowNumber, keyColumn: keyHeader(),
                keyText: (columns.key != nil ? keyCell : idCell).text, auditor: auditor, comment: comment)
            if let k = columns.key {
                guard let key = FilledWorkbook.integer(keyCell), key > 0 else {
                    problems.append(
                        .init(
                            sheet: sheet, row: rowNumber, column: header(k), value: keyCell.text,
                            reason: Catalog.QA.badKey))
                    return nil
                }
                r.key = key
            }
            r.externalID = FilledWorkbook.text(idCell)
            guard let scores = itemScores(itemCells, rowNumber, header: header, problems: &problems) else { return nil }
            if scores.isEmpty {
                // Not scored (yet). An auditor or comment alone is a half-done row.
                if auditor != nil || comment != nil {
                    problems.append(
                        .init(
                            sheet: sheet, row: rowNumber, column: nil, value: nil,
                            reason: Catalog.QA.incomplete))
                    return nil
                }
            } else {
                r.scores = scores
            }
            return r
        }

        /// The row's scores by item (those left blank absent), checked by the scorecard's rule
        /// (``Scorecard/problems(of:)``, as the workbench's page is); nil when a cell is not an
        /// allowed score, or when some items are scored and others not (each a problem, appended).
        private func itemScores(
            _ itemCells: [Cell], _ rowNumber: Int, header: (Int) -> String,
            problems: inout [ResultsError.Problem]
        ) -> [String: Int]? {
            var scores: [String: Int] = [:]
            var bad = false
            func notAllowed(_ item: Scorecard.Item, _ c: Cell) {
                problems.append(
                    .init(
                        sheet: sheet, row: rowNumber, column: header(columns.items[item.id]!),
                        value: c.text, reason: Catalog.QA.notAllowed(item.allowed)))
                bad = true
            }
            for (k, item) in card.items.enumerated() where !itemCells[k].isBlank {
                guard let s = FilledWorkbook.score(itemCells[k]) else { notAllowed(item, itemCells[k]); continue }
                scores[item.id] = s
            }
            var missing: [String] = []
            for p in card.problems(of: scores) {
                switch p {
                case .notAllowed(let id, _):
                    let k = card.items.firstIndex { $0.id == id }!
                    notAllowed(card.items[k], itemCells[k])
                case .missing(let ids): missing = ids
                case .unknownItem: break  // the scores are read by the scorecard's items only
                }
            }
            if bad { return nil }
            if !missing.isEmpty {
                let headers = missing.map { header(columns.items[$0]!) }
                problems.append(
                    .init(
                        sheet: sheet, row: rowNumber, column: Catalog.list(headers).text(lang),
                        value: nil, reason: Catalog.QA.incomplete))
                return nil
            }
            return scores
        }
    }

    private var lang: Lang { workspace.lang }

    /// Where the columns are.
    struct Columns {
        var key: Int?
        var transcript: Int?
        var channel: Int?
        var auditor: Int?
        var comment: Int?
        var items: [String: Int] = [:]

        func isUsable(_ card: Scorecard) -> Bool {
            (key != nil || transcript != nil) && items.count == card.items.count
        }
    }

    /// Maps headers to columns. A header's first line counts (item headers carry the weight
    /// on a second line); items are found by name (either language) or by id.
    static func map(_ cells: [Cell], card: Scorecard) -> Columns {
        var c = Columns()
        typealias Q = Catalog.QA
        for (i, cell) in cells.enumerated() {
            let text = firstLine(cell)
            if text.isEmpty { continue }
            func isHeader(_ m: Message) -> Bool { FilledWorkbook.isHeader(text, m) }
            if isHeader(Q.key) {
                c.key = i
            } else if isHeader(Q.transcriptID) {
                c.transcript = i
            } else if isHeader(Q.channelHeader) {
                c.channel = i
            } else if isHeader(Q.auditor) {
                c.auditor = i
            } else if isHeader(Q.comment) {
                c.comment = i
            } else if let item = card.items.first(where: { item in
                [item.name, item.englishName].contains { $0.map(HeaderText.normalize) == HeaderText.normalize(text) }
                    || item.id == text
            }), c.items[item.id] == nil {
                c.items[item.id] = i
            }
        }
        return c
    }

    /// The first line of a header cell.
    static func firstLine(_ cell: Cell) -> String {
        (cell.text.split(separator: "\n").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
    }
}
