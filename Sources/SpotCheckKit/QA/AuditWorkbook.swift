import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// The columns of the audit workbook, shared by the export and the scores import (which
/// finds them by their headers, in either language).
enum AuditColumn: Hashable {
    case no, transcript, channel, agent, customer, started, conversation, findings
    /// A scorecard item, by its index.
    case item(Int)
    case total, passed, auditor, comment, key

    /// The columns in order for a scorecard of `items` items.
    static func all(items: Int) -> [AuditColumn] {
        [.no, .transcript, .channel, .agent, .customer, .started, .conversation, .findings]
            + (0..<items).map { .item($0) }
            + [.total, .passed, .auditor, .comment, .key]
    }

    /// The header of a fixed column (items are headed by their names).
    var header: Message? {
        typealias Q = Catalog.QA
        switch self {
        case .no: return Q.no
        case .transcript: return Q.transcriptID
        case .channel: return Q.channelHeader
        case .agent: return Q.agent
        case .customer: return Q.customer
        case .started: return Q.startedAt
        case .conversation: return Q.conversation
        case .findings: return Q.automatic
        case .item: return nil
        case .total: return Q.total
        case .passed: return Q.passed
        case .auditor: return Q.auditor
        case .comment: return Q.comment
        case .key: return Q.key
        }
    }
}

/// The auditor's workbook (`spotcheck qa export audit`): one row per sampled transcript with
/// the conversation and the automatic findings, one column per scorecard item with a
/// drop-down of its allowed scores, the total and pass/fail as live formulas, auditor and
/// comment; scores already imported are filled in. A second sheet explains the scorecard.
public struct AuditWorkbook {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// A cell holds at most 32,767 characters.
    static let cellLimit = 32_000

    public struct Result: Sendable {
        public var path: String
        public var transcripts: Int
        /// Whether the period's checks were run first (they had not been, or were stale).
        public var checkedFirst: Bool
        public var warnings: [Message] = []
    }

    /// Exports the period's sample; `showPhones` leaves phone and ID numbers in the
    /// conversations unmasked.
    public func export(period: YearMonth, to path: String, showPhones: Bool = false) throws -> Result {
        let ws = workspace
        let lang = ws.lang
        let qa = try ws.qa()
        let card = qa.scorecard
        let checkedFirst = try QAChecker(workspace: ws).ensureChecked(period: period)
        let (stored, audits) = try ws.store().read { db in
            (
                try QAData.sampledTranscripts(period: period.description, db),
                try QAData.audits(period: period.description, db)
            )
        }
        let rows = AuditWorkbook.byAgent(stored)
        guard !rows.isEmpty else { throw QAError(Catalog.QA.nothingSampled(period.description)) }
        let identity = try ws.identity()
        try ws.checkOutput(path)
        let copy = try ws.store().write { db in
            try Changes.recordCopy(kind: .audit, drawID: nil, period: period.description, exportedAt: ws.stamp, db)
        }

        typealias Q = Catalog.QA
        let book = try ws.workbook(at: path, created: ws.now, title: Q.auditTitle(period.description).text(lang))
        // One row per sampled transcript, written in order: the sheet is kept in constant memory.
        let sheet = book.addSheet(Q.auditSheet.text(lang), inOrder: true)
        let cardSheet = book.addSheet(Q.scorecardSheet.text(lang))
        let layout = RowLayout(card: card, lang: lang)
        let headerRow = 1
        writeHeading(sheet, period: period, headerRow: headerRow, layout)
        let first = headerRow + 1, last = headerRow + rows.count
        try writeRows(sheet, rows, audits: audits, from: first, store: try ws.store(), showPhones: showPhones, layout)
        finishAuditSheet(sheet, headerRow: headerRow, rows: first...last, layout)
        writeScorecard(cardSheet, card: card, period: period, lang: lang)
        for s in [sheet, cardSheet] {
            s.printPage(
                header: Catalog.File.pageHeader(s.name, month: period.description).text(lang),
                repeatingRows: s === sheet ? first : 1)
        }
        WorkbookBinding(
            workspace: identity, kind: .audit, period: period.description, drawID: nil, seed: nil,
            token: copy.token
        ).write(to: book)
        try book.close()
        return Result(path: path, transcripts: rows.count, checkedFirst: checkedFirst, warnings: ws.warnings(of: book))
    }

    /// Agent by agent, each in time order: auditors go through one agent at a time. `stored`
    /// comes in time order (``QAData/sampledTranscripts(period:_:)``), so each agent's rows keep
    /// it and only the agents' names are sorted: comparing Chinese names is slow, and sorting
    /// every row by (agent, start, id) was a tenth of the export's start.
    static func byAgent(_ stored: [TranscriptRow]) -> [TranscriptRow] {
        var groups: [String: [Int]] = [:]
        for (i, t) in stored.enumerated() { groups[t.agent, default: []].append(i) }
        var out: [TranscriptRow] = []
        out.reserveCapacity(stored.count)
        for (_, rows) in groups.sorted(by: { $0.key < $1.key }) { out += rows.lazy.map { stored[$0] } }
        return out
    }

    /// The audit sheet's column widths, title and header row: all before the first
    /// transcript's row (widths first: each row's height is set from them as it is written).
    private func writeHeading(_ sheet: XLSXSheet, period: YearMonth, headerRow: Int, _ layout: RowLayout) {
        typealias Q = Catalog.QA
        let card = layout.card, lang = layout.lang
        sheet.setColumn(layout.conversation, width: 60)
        sheet.setColumn(layout.findings, width: 36)
        sheet.setColumn(layout.started, width: 17)
        sheet.setColumn(layout.total, width: 8)
        sheet.setColumn(layout.passed, width: 9)
        sheet.setColumn(layout.auditor, width: 10)
        sheet.setColumn(layout.comment, width: 30)
        sheet.setColumn(layout.key, width: 10, hidden: true)
        for k in card.items.indices { sheet.setColumn(layout.itemCols[k], width: 11) }

        sheet.merge(
            rows: 0...0, cols: 0...layout.findings,
            Q.auditTitle(period.description).text(lang) + "　"
                + Q.auditHint(passMark: card.passMark).text(lang), .bold)
        writeLegend(sheet, row: 0, from: layout.itemCols[0], to: layout.comment, lang: lang)
        for (i, c) in layout.columns.enumerated() {
            if case .item(let k) = c {
                let item = card.items[k]
                sheet.write(headerRow, i, .text(Q.itemHeader(item).text(lang)), .header)
            } else {
                sheet.write(headerRow, i, .text(c.header!.text(lang)), .header)
            }
        }
        sheet.setRow(headerRow, height: 58)
    }

    /// Writes a row per transcript from row `first` on, in order. Another thread reads each
    /// transcript's utterances and findings and makes its row's texts while this one writes
    /// the rows before it: only a few rows' are held at a time.
    private func writeRows(
        _ sheet: XLSXSheet, _ rows: [TranscriptRow], audits: [Int: QAData.Audit], from first: Int,
        store: Store, showPhones: Bool, _ layout: RowLayout
    ) throws {
        typealias Q = Catalog.QA
        let lang = layout.lang
        let privacy: (String) -> String = { showPhones ? $0 : PrivateText.mask($0) }
        let texts = Handoff<(conversation: MeasuredText, findings: MeasuredText)>.start(batchSize: 64) { texts in
            try store.read { db in
                let utterances = try QAData.UtteranceReader(db), findings = try QAData.FindingReader(db)
                for t in rows {
                    let found = try findings.findings(of: t.id)
                    let talk = AuditWorkbook.conversation(
                        try utterances.utterances(of: t.id), channel: t.channel, lang: lang,
                        marks: AuditWorkbook.bannedPhraseSpans(found))
                    // Measured here, for the rows' heights, off the thread writing them.
                    try texts.put(
                        (
                            MeasuredText(showPhones ? talk : AuditWorkbook.masked(talk)),
                            MeasuredText(MarkedText(privacy(Q.findingsText(found).text(lang))))
                        ))
                }
            }
        }
        var n = 0
        while let batch = texts.next() {
            for (talk, found) in batch {
                let t = rows[n]
                layout.write(
                    first + n, number: n + 1, t, conversation: talk, findings: found, audit: audits[t.id], sheet)
                n += 1
            }
        }
        if let error = texts.error { throw error }
    }

    /// What the audit sheet gets once its rows are written: each item's drop-down of allowed
    /// scores, the frozen panes, the filter, and the highlights (不合格, a critical item at its lowest score).
    private func finishAuditSheet(_ sheet: XLSXSheet, headerRow: Int, rows: ClosedRange<Int>, _ layout: RowLayout) {
        typealias Q = Catalog.QA
        let lang = layout.lang
        for (k, item) in layout.card.items.enumerated() {
            let allowed = item.allowed.map(String.init)
            let prompt = Q.itemPrompt(item.allowed, weight: item.weight, critical: item.critical).text(lang)
            sheet.listValidation(
                rows: rows, col: layout.itemCols[k], values: allowed,
                prompt: (String(Q.itemName(item).text(lang).prefix(30)), prompt),
                error: (Q.notAllowedTitle.text(lang), Q.notAllowed(item.allowed).text(lang)))
        }
        sheet.freeze(rows: rows.lowerBound, cols: 2)
        sheet.autofilter(row: headerRow, lastRow: rows.upperBound, cols: 0...(layout.columns.count - 2))
        let first = String(rows.lowerBound + 1)
        sheet.highlight(
            rows: rows, cols: layout.passed...layout.passed,
            when: Highlights.equals(columnLetter(layout.passed) + first, layout.failText), .bad)
        for (k, item) in layout.card.items.enumerated() where item.critical {
            let col = layout.itemCols[k]
            sheet.highlight(
                rows: rows, cols: col...col, when: item.lowestScoreFormula(cell: columnLetter(col) + first), .bad)
        }
        // The legend's sample beside the title (``writeLegend(_:row:from:to:lang:)``).
        let sample = layout.itemCols[0]
        sheet.highlight(rows: 0...0, cols: sample...sample, when: "TRUE", .bad)
    }

    /// The audit sheet's legend, beside its title (printed on every page with it): a cell
    /// highlighted as 不合格 and a critical item at its lowest score are (its highlight is added
    /// with the sheet's, ``finishAuditSheet(_:headerRow:rows:_:)``), then what the red fill and
    /// the red bold text of a conversation mean.
    private func writeLegend(_ sheet: XLSXSheet, row: Int, from: Int, to: Int, lang: Lang) {
        typealias Q = Catalog.QA
        sheet.write(row, from, .text(Q.pass(false).text(lang)))
        let fill = Q.auditLegendFill.text(lang), marked = Q.auditLegendMarked.text(lang)
        let start = fill.utf8.count
        sheet.merge(
            rows: row...row, cols: (from + 1)...to,
            MarkedText(fill + marked + Q.auditLegendText.text(lang), marks: [start..<(start + marked.utf8.count)]))
    }

    /// 评分标准: the scorecard explained, printable: an item per row (its name, category,
    /// weight, allowed scores, and whether it is critical), the weights' total, the pass mark
    /// and how the total is computed, then the legend of the audit sheet's markings.
    private func writeScorecard(_ sheet: XLSXSheet, card: Scorecard, period: YearMonth, lang: Lang) {
        typealias Q = Catalog.QA
        for (col, width) in AuditWorkbook.scorecardWidths.enumerated() { sheet.setColumn(col, width: width) }
        sheet.merge(rows: 0...0, cols: 0...4, Q.scorecardTitle(period.description).text(lang), .title)
        sheet.setRow(0, height: 24)
        for (i, h) in [Q.itemName, Q.category, Q.weight, Q.allowed, Q.critical].enumerated() {
            sheet.write(1, i, .text(h.text(lang)), .header)
        }
        var r = 2
        for item in card.items {
            sheet.write(r, 0, .text(Q.itemName(item).text(lang)), .wrap)
            sheet.write(r, 1, .text(Q.itemCategory(item).text(lang)), .wrap)
            // Left-aligned, away from the scores beside it (a weight such as 12.5 as it is).
            sheet.write(r, 2, .number(item.weight), item.weight == item.weight.rounded() ? .integerLeft : .plain)
            sheet.write(r, 3, .text(Catalog.list(item.allowed.map(String.init)).text(lang)))
            sheet.write(r, 4, .text(item.critical ? Q.criticalMark.text(lang) : ""))
            r += 1
        }
        sheet.write(r, 0, .text(Q.weightTotal.text(lang)), .bold)
        sheet.formula(r, 2, "SUM(C3:C\(r))", cached: .number(card.items.reduce(0) { $0 + $1.weight }), .integerLeft)
        sheet.write(r + 2, 0, .text(Q.passMark(card.passMark).text(lang)), .bold)
        let explained = Q.totalExplained.text(lang)
        sheet.merge(rows: (r + 3)...(r + 3), cols: 0...4, explained, .note)
        sheet.setRow(
            r + 3, height: AuditWorkbook.height(of: explained, width: AuditWorkbook.scorecardWidths.reduce(0, +)))
        writeScorecardLegend(sheet, from: r + 5, card: card, lang: lang)
    }

    /// The widths of 评分标准's five columns (item, category, weight, allowed scores, critical).
    static let scorecardWidths: [Double] = [48, 22, 8, 14, 18]

    /// The legend on 评分标准: each marking of the audit sheet, where it is, a sample and its meaning.
    private func writeScorecardLegend(_ sheet: XLSXSheet, from row: Int, card: Scorecard, lang: Lang) {
        typealias Q = Catalog.QA
        sheet.write(row, 0, .text(Q.legend.text(lang)), .bold)
        for (i, h) in [Q.legendWhere, Q.legendSample].enumerated() {
            sheet.write(row + 1, i, .text(h.text(lang)), .header)
        }
        sheet.merge(rows: (row + 1)...(row + 1), cols: 2...4, Q.legendMeaning.text(lang), .header)
        let speaker = Q.legendPhraseSpeaker.text(lang), phrase = Q.legendPhraseSample.text(lang)
        let phraseMark = speaker.utf8.count..<(speaker.utf8.count + phrase.utf8.count)
        // A critical item of this scorecard, for the samples of its header and its lowest score.
        let critical = card.items.first(where: \.critical)
        var samples: [(Message, MarkedText, Message, highlighted: Bool)] = [
            (Q.legendFailWhere, MarkedText(Q.pass(false).text(lang)), Q.legendFail, true)
        ]
        if let critical {
            samples += [
                (Q.legendCriticalWhere, MarkedText(String(critical.allowed.first ?? 0)), Q.legendCritical, true),
                (
                    Q.legendCriticalHeaderWhere, MarkedText(Q.itemWeight(critical.weight, critical: true).text(lang)),
                    Q.legendCriticalHeader, false
                ),
            ]
        }
        samples.append((Q.legendPhraseWhere, MarkedText(speaker + phrase, marks: [phraseMark]), Q.legendPhrase, false))
        for (k, (place, sample, meaning, highlighted)) in samples.enumerated() {
            let r = row + 2 + k
            sheet.write(r, 0, .text(place.text(lang)), .wrap)
            sheet.write(r, 1, sample, .wrap)
            if highlighted { sheet.highlight(rows: r...r, cols: 1...1, when: "TRUE", .bad) }
            let text = meaning.text(lang)
            sheet.merge(rows: r...r, cols: 2...4, text, .wrap)
            sheet.setRow(
                r, height: AuditWorkbook.height(of: text, width: AuditWorkbook.scorecardWidths[2...].reduce(0, +)))
        }
    }

    /// The height of a row whose wrapped text fills a merged cell `width` characters wide (90%
    /// of it used, as the rows of wrapped text in ``XLSXSheet`` are measured).
    static func height(of text: String, width: Double) -> Double {
        Double(max(1, Int((Double(displayWidth(text)) / (width * 0.9)).rounded(.up)))) * 14.5 + 3
    }

    /// What every row of the audit sheet shares, worked out once: columns, the pieces of the
    /// live formulas, the texts of channels and of pass and fail.
    struct RowLayout {
        let card: Scorecard
        let lang: Lang
        let columns: [AuditColumn]
        let itemCols: [Int]
        let no: Int, transcript: Int, channel: Int, agent: Int, customer: Int, started: Int, conversation: Int,
            findings: Int
        let total: Int, passed: Int, auditor: Int, comment: Int, key: Int
        /// Each item's column letter.
        let letters: [String]
        let totalLetter: String
        let channelText: [Channel: String]
        let passText: String, failText: String
        /// The total's and the pass mark's formulas around their row numbers, made once: the
        /// rule's formulas built row by row were a tenth of the export's own work.
        let totalFormula: RowFormula, passedFormula: RowFormula

        init(card: Scorecard, lang: Lang) {
            self.card = card
            self.lang = lang
            let columns = AuditColumn.all(items: card.items.count)
            self.columns = columns
            func col(_ c: AuditColumn) -> Int { columns.firstIndex(of: c)! }
            itemCols = card.items.indices.map { col(.item($0)) }
            (no, transcript, channel, agent) = (col(.no), col(.transcript), col(.channel), col(.agent))
            (customer, started, conversation, findings) = (
                col(.customer), col(.started), col(.conversation), col(.findings)
            )
            (total, passed, auditor, comment, key) = (
                col(.total), col(.passed), col(.auditor), col(.comment), col(.key)
            )
            let letters = itemCols.map(columnLetter)
            self.letters = letters
            totalLetter = columnLetter(col(.total))
            channelText = Dictionary(
                uniqueKeysWithValues: Channel.allCases.map { ($0, Catalog.QA.channel($0).text(lang)) })
            (passText, failText) = (Catalog.QA.pass(true).text(lang), Catalog.QA.pass(false).text(lang))
            // The formulas with a mark where the row number goes (U+0001: in no column letter,
            // catalog text or number), cut at the marks.
            let mark = "\u{1}"
            let cut = { (formula: String) in
                formula.split(separator: mark, omittingEmptySubsequences: false).map(String.init)
            }
            totalFormula = RowFormula(pieces: cut(card.totalFormula(itemCells: letters.map { $0 + mark })))
            passedFormula = RowFormula(
                pieces: cut(
                    card.passFormula(
                        totalCell: totalLetter + mark, itemCells: letters.map { $0 + mark }, pass: passText,
                        fail: failText)))
        }

        func col(_ c: AuditColumn) -> Int { columns.firstIndex(of: c)! }

        /// The total of row `r` (0-based), live: the scorecard's rule as a formula (``Scorecard/totalFormula(itemCells:)``).
        func totalFormula(_ r: Int) -> String { totalFormula.text(row: r) }

        /// Pass or fail of row `r`, live (``Scorecard/passFormula(totalCell:itemCells:pass:fail:)``).
        func passedFormula(_ r: Int) -> String { passedFormula.text(row: r) }

        /// Writes a transcript's row.
        func write(
            _ r: Int, number: Int, _ t: TranscriptRow, conversation talk: MeasuredText, findings found: MeasuredText,
            audit: QAData.Audit?,
            _ sheet: XLSXSheet
        ) {
            sheet.write(r, no, .int(number))
            sheet.write(r, transcript, .text(t.externalID))
            sheet.write(r, channel, .text(channelText[t.channel]!))
            sheet.write(r, agent, .text(t.agent))
            sheet.write(r, customer, .text(t.customer ?? ""))
            sheet.write(r, started, .dateTime(t.started))
            sheet.write(r, conversation, talk, .wrap)
            sheet.write(r, findings, found, .wrap)
            for (k, item) in card.items.enumerated() {
                if let s = audit?.scores[item.id] {
                    sheet.write(r, itemCols[k], .int(s), .input)
                } else {
                    sheet.write(r, itemCols[k], .blank, .input)
                }
            }
            // The total and pass/fail, live: they follow the auditor's scores as they are typed.
            let result = audit.flatMap { card.score($0.scores) }
            sheet.formula(r, total, totalFormula, cached: result.map { .number($0.total) } ?? .text(""), .decimal)
            sheet.formula(r, passed, passedFormula, cached: .text(result.map { $0.passed ? passText : failText } ?? ""))
            sheet.write(r, auditor, .text(audit?.auditor ?? ""), .input)
            sheet.write(r, comment, .text(audit?.comment ?? ""), .input)
            sheet.write(r, key, .int(t.id))
        }
    }

    /// The conversation in one cell: a line per utterance with its time and speaker
    /// (``Catalog/QA/utteranceLine(_:_:_:)``), built in place as UTF-8 bytes: an export writes
    /// thousands. `marks` are the stretches to mark in each utterance (by its `seq`), as Unicode
    /// scalar offsets into its text: the banned phrases the checks found (``bannedPhraseSpans(_:)``).
    static func conversation(
        _ utterances: [Utterance], channel: Channel, lang: Lang, marks: [Int: [Range<Int>]] = [:]
    ) -> MarkedText {
        let labels = lang == .en ? speakerLabels.en : speakerLabels.zh
        var out: [UInt8] = []
        var marked: [Range<Int>] = []
        out.reserveCapacity(utterances.reduce(0) { $0 + $1.text.utf8.count + 40 })
        // The length of `out` as Excel counts it (UTF-16 units), bounded by its UTF-8 bytes
        // (a unit takes at least one byte): counted only once the bytes near the cell's limit.
        var length = 0, counted = false
        for (n, u) in utterances.enumerated() {
            let label = labels[u.speaker.index]
            let start = u.start.clockText, finish = channel == .call ? u.finish.clockText : ""
            // The times are ASCII, the dash between them three bytes and one unit.
            let timeBytes = start.utf8.count + (channel == .call ? 3 + finish.utf8.count : 0)
            let bytes = timeBytes + 1 + label.text.utf8.count + u.text.utf8.count + (n == 0 ? 0 : 1)
            if !counted && length + bytes > cellLimit {
                counted = true
                length = utf16Count(out)
            }
            let added =
                counted
                ? timeBytes - (channel == .call ? 2 : 0) + 1 + label.utf16Count + utf16Count(u.text) + (n == 0 ? 0 : 1)
                : bytes
            if length + added > cellLimit {
                out += "\n".utf8
                out += Catalog.QA.truncated(utterances.count - n).text(lang).utf8
                break
            }
            if n > 0 { out.append(0x0A) }
            out += start.utf8
            if channel == .call {
                out += "–".utf8
                out += finish.utf8
            }
            out.append(0x20)
            out += label.text.utf8
            if let spans = marks[u.seq] {
                let base = out.count
                marked += byteRanges(of: spans, in: u.text).map { (base + $0.lowerBound)..<(base + $0.upperBound) }
            }
            out += u.text.utf8
            length += added
        }
        return MarkedText(String(decoding: out, as: UTF8.self), marks: marked)
    }

    /// The banned phrases among a transcript's findings, by utterance: where the phrase matcher
    /// of the checks (``PhraseMatcher``, through ``TranscriptChecks``) found them.
    static func bannedPhraseSpans(_ findings: [Finding]) -> [Int: [Range<Int>]] {
        var out: [Int: [Range<Int>]] = [:]
        for f in findings where f.rule == .bannedPhrase {
            if let u = f.utterance, let span = f.span { out[u, default: []].append(span) }
        }
        return out
    }

    /// Unicode scalar offsets into `text` as UTF-8 byte offsets (those beyond its end left out).
    static func byteRanges(of spans: [Range<Int>], in text: String) -> [Range<Int>] {
        var offsets: [Int] = [0]  // the byte offset of each scalar, and of the end
        for scalar in text.unicodeScalars { offsets.append(offsets[offsets.count - 1] + scalar.utf8.count) }
        return spans.compactMap { s in
            s.lowerBound >= 0 && s.upperBound < offsets.count ? offsets[s.lowerBound]..<offsets[s.upperBound] : nil
        }
    }

    /// A conversation with its phone and ID numbers masked (``PrivateText/mask(_:)``) and its
    /// marks kept in place: each stretch between mark boundaries is masked by itself. Should that
    /// differ from masking the whole (a number running into a mark), the marks are dropped: the
    /// text is always what masking the whole gives.
    static func masked(_ talk: MarkedText) -> MarkedText {
        let whole = PrivateText.mask(talk.text)
        if talk.marks.isEmpty { return MarkedText(whole) }
        if whole == talk.text { return talk }
        var out = "", marks: [Range<Int>] = []
        let utf8 = talk.text.utf8
        for run in talk.runs {
            let from = utf8.index(utf8.startIndex, offsetBy: run.bytes.lowerBound)
            let piece = PrivateText.mask(String(talk.text[from..<utf8.index(from, offsetBy: run.bytes.count)]))
            if run.marked { marks.append(out.utf8.count..<(out.utf8.count + piece.utf8.count)) }
            out += piece
        }
        return MarkedText(whole, marks: out == whole ? marks : [])
    }

    /// Each speaker as the lines of a conversation show it, in each language, in the order of
    /// ``Speaker/allCases`` (``Speaker/index``).
    private static let speakerLabels: (zh: [(text: String, utf16Count: Int)], en: [(text: String, utf16Count: Int)]) = {
        func labels(_ lang: Lang) -> [(text: String, utf16Count: Int)] {
            Speaker.allCases.map { s in
                let text = Catalog.QA.utteranceSpeaker(Catalog.QA.speaker(s)).text(lang)
                return (text, text.utf16.count)
            }
        }
        return (labels(.zh), labels(.en))
    }()
}

extension Speaker {
    /// The speaker's place in ``allCases``.
    fileprivate var index: Int {
        switch self {
        case .agent: return 0
        case .customer: return 1
        case .system: return 2
        }
    }
}

/// The length of text in UTF-16 units (as Excel counts), from its UTF-8 bytes: one unit per
/// scalar, two for a scalar beyond the BMP (four bytes).
func utf16Count(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { utf16Count($0) }
}

/// The length in UTF-16 units of text given as its UTF-8 bytes.
func utf16Count<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
    var n = 0
    for b in bytes where b & 0xC0 != 0x80 { n += b >= 0xF0 ? 2 : 1 }
    return n
}
