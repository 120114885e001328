import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// Imports chat and call transcripts (`spotcheck qa import`): CSV or XLSX with one row per
/// utterance, or JSON Lines with one transcript per line. Atomic like the sheet import: any
/// problem and nothing is stored, every problem named by file, row and column.
public struct TranscriptImporter {
    let workspace: Workspace
    let qa: QAConfiguration

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        self.qa = try workspace.qa()
    }

    /// What an import did, file by file.
    public struct Outcome: Sendable {
        public struct File: Sendable {
            public var path: String; public var new: Int; public var known: Int; public var utterances: Int
        }
        public var files: [File]
        public var unchanged: Bool { files.allSatisfy { $0.new == 0 } }
    }

    /// One transcript being read.
    struct Draft {
        var id: String
        var firstRow: Int
        var channel: Channel?
        var agent: String?
        var customer: String?
        var startedAt: LocalDateTime?
        /// The headers of the time columns (tables); nil for JSON Lines, whose fields are named
        /// by the utterance's index.
        var timeHeaders: (start: String, end: String)?
        /// Each utterance: its row (line, for JSON Lines) and its index in the JSON array.
        var rows: [(row: Int, index: Int, speaker: Speaker, start: Cell, end: Cell, text: String)] = []

        /// Where an utterance's start or end time stands, for messages.
        func label(_ r: Int, end: Bool) -> String {
            if let h = timeHeaders { return end ? h.end : h.start }
            return "utterances[\(rows[r].index)].\(end ? "end" : "start")"
        }
    }

    /// Imports the files in one transaction. Each transcript is written as soon as its rows
    /// are read, so only a few are held at a time (and the ids seen); one thread reads and
    /// checks while another writes. The first problem stops the writing (the rest is still read, so
    /// that every problem is named) and the transaction is rolled back.
    public func run(files: [String], channel: Channel?) throws -> Outcome {
        let ws = workspace
        let store = try ws.store()
        // A large load goes through a rollback journal (``Store/write(bulk:_:)``), by the rule of a sheet's: the
        // utterances the files hold about, against those stored.
        let stored = try store.read { try QAData.utteranceCount($0) }
        let bulk = SheetImporter.isBulk(expected: TranscriptImporter.expectedUtterances(files), stored: stored)
        return try store.write(bulk: bulk) { db in
            let session = Session(db: db, stamp: ws.stamp, known: try QAData.known(db))
            for path in files { try importFile(path, channel: channel, session) }
            if !session.problems.isEmpty {
                throw ImportError(
                    issues: Array(session.problems.prefix(ImportError.listedIssues)),
                    totalBadRows: session.problems.count,
                    canSkipBad: false)
            }
            if !session.conflicts.isEmpty {
                throw ImportError(
                    issues: Array(session.conflicts.prefix(ImportError.listedIssues)),
                    totalBadRows: session.conflicts.count,
                    canSkipBad: false)
            }
            return Outcome(files: session.files)
        }
    }

    /// About how many utterances files hold: a table's rows (``SheetImporter/expectedRows(_:)``); in JSON Lines, where a
    /// line is a whole transcript, the `"text"` keys of the first megabyte, scaled to the file's size.
    static func expectedUtterances(_ files: [String]) -> Int {
        files.reduce(0) { total, path in
            let lower = path.lowercased()
            guard lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") else {
                return total + SheetImporter.expectedRows(path)
            }
            // A file that cannot be read counts nothing here: reading it fails the import.
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int, size > 0,
                let handle = FileHandle(forReadingAtPath: path)
            else { return total }
            defer { try? handle.close() }
            guard let sample = try? handle.read(upToCount: 1 << 20), !sample.isEmpty else { return total }
            let key = Array(#""text""#.utf8)
            var texts = 0
            sample.withUnsafeBytes { b in
                for i in 0..<max(0, b.count - key.count + 1) where b[i] == 0x22 {
                    if b[i..<i + key.count].elementsEqual(key) { texts += 1 }
                }
            }
            return total + min(size / 16, Int(Double(texts) * Double(size) / Double(sample.count)))
        }
    }

    /// Imports one file. A table whose transcripts' rows come together is written transcript
    /// by transcript; one whose rows interleave (a transcript's rows again after another's)
    /// is read again whole, its writes so far undone.
    private func importFile(_ path: String, channel: Channel?, _ session: Session) throws {
        let lower = path.lowercased()
        let reading = FileReading(
            importer: self, path: path, defaultChannel: channel, anyBefore: !session.problems.isEmpty)
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            try session.transfer(reading) { report, emit in
                try readJSONLines(path, anyBefore: reading.anyBefore, report: report, emit: emit)
            }
            return
        }
        var interleaved = false
        try session.db.inSavepoint {
            do {
                try session.transfer(reading) { report, emit in
                    try readTable(path, whole: false, report: report, emit: emit)
                }
            } catch is Interleaved {
                interleaved = true
                session.abandon()
                return .rollback
            }
            return .commit
        }
        guard interleaved else { return }
        let again = FileReading(importer: self, path: path, defaultChannel: channel, anyBefore: reading.anyBefore)
        try session.transfer(again) { report, emit in try readTable(path, whole: true, report: report, emit: emit) }
    }

    /// A table's transcript whose rows came again after another transcript's.
    private struct Interleaved: Error {}

    /// A transcript read, checked and fingerprinted, ready to be written.
    private struct Built {
        var id: String
        var row: Int
        var customer: String?
        var transcript: Transcript
        var fingerprint: Int64
    }

    /// The reading side of a file's import: builds each transcript read and keeps the file's
    /// problems, in the order they are listed.
    private final class FileReading: @unchecked Sendable {
        let importer: TranscriptImporter
        let path: String
        let defaultChannel: Channel?
        /// Whether earlier files had problems.
        let anyBefore: Bool
        /// Problems of the file's rows, in row order; then the first transcript without a
        /// channel; then the problems of its transcripts, in the order they first appear.
        var readIssues: [(String, RowIssue)] = []
        var withoutChannel: Int?
        var buildIssues: [(String, RowIssue)] = []

        init(importer: TranscriptImporter, path: String, defaultChannel: Channel?, anyBefore: Bool) {
            self.importer = importer
            self.path = path
            self.defaultChannel = defaultChannel
            self.anyBefore = anyBefore
        }

        /// Whether a problem was found: nothing more needs writing, the import will fail.
        var failing: Bool { anyBefore || !readIssues.isEmpty || withoutChannel != nil || !buildIssues.isEmpty }

        func report(_ issue: (String, RowIssue)) { readIssues.append(issue) }

        /// The transcript of a draft read whole, or nil with its problems noted.
        func build(_ d: Draft) -> Built? {
            // A file without channels is one problem, not one per transcript.
            guard let channel = d.channel ?? defaultChannel else {
                if withoutChannel == nil { withoutChannel = d.firstRow }
                return nil
            }
            guard let t = importer.build(d, channel: channel, file: path, issues: &buildIssues), !failing else {
                return nil
            }
            return Built(
                id: d.id, row: d.firstRow, customer: d.customer, transcript: t,
                fingerprint: TranscriptImporter.fingerprint(t, customer: d.customer))
        }

        /// The file's problems in order.
        var problems: [(String, RowIssue)] {
            readIssues
                + (withoutChannel.map {
                    [(path, RowIssue(row: $0, column: nil, value: nil, reason: Catalog.QA.noChannel))]
                } ?? [])
                + buildIssues
        }
    }

    /// An import in progress, inside its transaction: the stored transcripts, what was
    /// written, the problems found.
    private final class Session {
        let db: Database
        let stamp: String
        /// Stored transcripts by channel and external id, those of this import included.
        var known: [String: (id: Int, fingerprint: Int64)]
        var problems: [(String, RowIssue)] = []
        var conflicts: [(String, RowIssue)] = []
        var files: [Outcome.File] = []
        /// What the file being written did: for ``abandon()``.
        private var added: [String] = []
        private var conflictsBefore = 0

        init(db: Database, stamp: String, known: [String: (id: Int, fingerprint: Int64)]) {
            self.db = db
            self.stamp = stamp
            self.known = known
        }

        /// Reads a file on another thread (`read` reports problems and hands over each draft)
        /// while this one writes its transcripts, then completes its record and problems.
        func transfer(
            _ reading: FileReading,
            read: @escaping (_ report: ((String, RowIssue)) -> Void, _ emit: (Draft) throws -> Void) throws -> Void
        ) throws {
            added = []
            conflictsBefore = conflicts.count
            let writer = try QAData.Writer(file: reading.path, importedAt: stamp, db)
            var file = Outcome.File(path: reading.path, new: 0, known: 0, utterances: 0)
            let handoff = Handoff<Built>.start { handoff in
                try read(reading.report) { d in if let b = reading.build(d) { try handoff.put(b) } }
            }
            do {
                while let batch = handoff.next() {
                    for b in batch { try write(b, writer, &file, path: reading.path) }
                }
            } catch {
                handoff.cancel()
                throw error
            }
            if let error = handoff.error { throw error }
            if !reading.failing { try writer.finish(new: file.new, known: file.known, utterances: file.utterances) }
            files.append(file)
            problems += reading.problems
        }

        private func write(_ b: Built, _ writer: QAData.Writer, _ file: inout Outcome.File, path: String) throws {
            let key = b.transcript.channel.rawValue + "\u{1F}" + b.id
            if let k = known[key] {
                if k.fingerprint == b.fingerprint {
                    file.known += 1
                } else {
                    conflicts.append(
                        (path, RowIssue(row: b.row, column: nil, value: b.id, reason: Catalog.QA.conflicting(b.id))))
                }
                return
            }
            let newID = try writer.insert(
                externalID: b.id, customer: b.customer, fingerprint: b.fingerprint, b.transcript)
            known[key] = (newID, b.fingerprint)
            added.append(key)
            file.new += 1
            file.utterances += b.transcript.utterances.count
        }

        /// Forgets what the file being written did (its writes are rolled back by the caller).
        func abandon() {
            for key in added { known[key] = nil }
            conflicts.removeSubrange(conflictsBefore...)
        }
    }

    // MARK: Reading

    /// Reads a table, handing each transcript to `emit` once its rows are read: as soon as
    /// another transcript's row comes when not `whole` (throwing ``Interleaved`` when a
    /// transcript's rows come again later), else after the last row.
    private func readTable(
        _ path: String, whole: Bool, report: ((String, RowIssue)) -> Void, emit: (Draft) throws -> Void
    ) throws {
        let file = try TabularFile(path: path)
        var mapping: [TranscriptColumns.Field: Int]? = nil
        var at = FieldColumns()
        var headers: [String] = []
        var firstHeaders: [String]? = nil
        var drafts = TableDrafts(whole: whole)
        var roles: [String: Speaker] = [:]
        var timeHeaders = (start: "", end: "")
        try file.forEachRow { row, cells in
            if cells.allSatisfy(\.isBlank) { return }
            guard let m = mapping else {
                let h = cells.map { $0.text.trimmingASCIIWhitespace() }
                if firstHeaders == nil { firstHeaders = h }
                let map = qa.columns.map(headers: h)
                if [.transcript, .agent, .role, .time, .text].allSatisfy({ map[$0] != nil }) {
                    mapping = map
                    at = FieldColumns(map)
                    headers = h
                    timeHeaders = (h[map[.time]!], map[.end].map { h[$0] } ?? TranscriptColumns.Field.end.rawValue)
                }
                return
            }
            func cell(_ c: Int) -> Cell { c >= 0 && c < cells.count ? cells[c] : .empty }
            func problem(_ f: TranscriptColumns.Field?, _ reason: Message) {
                report(
                    (
                        path,
                        RowIssue(
                            row: row, column: f.flatMap { m[$0] }.map { headers[$0] },
                            value: f.map { cell(m[$0] ?? -1).text }, reason: reason)
                    ))
            }
            guard let id = CellText.clean(cell(at.transcript).text) else {
                problem(.transcript, Catalog.QA.noTranscriptID); return
            }
            let k = try drafts.position(of: id, row: row, timeHeaders: timeHeaders, emit: emit)
            fillTranscriptFields(&drafts.list[k], at, cell: cell, problem: problem)
            guard let speaker = speaker(cell(at.role).text, known: &roles) else {
                problem(.role, Catalog.QA.unknownRole); return
            }
            guard let text = CellText.clean(cell(at.text).text) else { problem(.text, Catalog.QA.emptyText); return }
            drafts.list[k].rows.append((row, 0, speaker, cell(at.time), cell(at.end), text))
        }
        guard mapping != nil else { throw missingColumns(path, firstHeaders: firstHeaders) }
        if drafts.list.isEmpty && drafts.emitted.isEmpty {
            throw FileError(file: path, message: Catalog.File.headerOnly)
        }
        for d in drafts.list { try emit(d) }
    }

    /// A table's transcripts being read: in file order (only the last one when not `whole`);
    /// a transcript's rows usually come together, so the last one is looked at first. Drafts
    /// are changed in place (no copy of their rows per row).
    private struct TableDrafts {
        let whole: Bool
        var list: [Draft] = []
        /// Where each transcript's draft is (when `whole`).
        var index: [String: Int] = [:]
        /// The transcripts handed on (when not `whole`).
        var emitted: Set<String> = []

        init(whole: Bool) { self.whole = whole }

        /// The draft of transcript `id` in ``list``, begun at `row` if it is new. When not
        /// `whole`, a new transcript first hands on the one before it, and one handed on
        /// already throws ``Interleaved``.
        mutating func position(
            of id: String, row: Int, timeHeaders: (start: String, end: String),
            emit: (Draft) throws -> Void
        ) throws -> Int {
            if let last = list.indices.last, list[last].id == id { return last }
            if whole, let known = index[id] { return known }
            if !whole {
                if emitted.contains(id) { throw Interleaved() }
                if let done = list.popLast() {
                    emitted.insert(done.id)
                    try emit(done)
                }
            } else {
                index[id] = list.count
            }
            list.append(Draft(id: id, firstRow: row, timeHeaders: timeHeaders))
            return list.count - 1
        }
    }

    /// The transcript's own fields (agent, customer, channel, start) from the first of its
    /// rows that has each; a channel or start that cannot be read is a problem of the row.
    private func fillTranscriptFields(
        _ d: inout Draft, _ at: FieldColumns, cell: (Int) -> Cell,
        problem: (TranscriptColumns.Field?, Message) -> Void
    ) {
        if d.agent == nil { d.agent = CellText.clean(cell(at.agent).text).map(qa.columns.agentName) }
        if d.customer == nil { d.customer = CellText.clean(cell(at.customer).text) }
        if d.channel == nil, let c = CellText.clean(cell(at.channel).text) {
            if let ch = qa.columns.channels[HeaderText.normalize(c)] {
                d.channel = ch
            } else {
                problem(.channel, Catalog.QA.unknownChannel)
            }
        }
        if d.startedAt == nil, !cell(at.startedAt).isBlank {
            if let p = try? DateText.parse(cell(at.startedAt)) {
                d.startedAt = p.moment
            } else {
                problem(.startedAt, Catalog.QA.badTime)
            }
        }
    }

    /// The speaker a role names, looked up once per role text (`known` keeps those found);
    /// nil for a role not configured.
    private func speaker(_ roleText: String, known: inout [String: Speaker]) -> Speaker? {
        if let s = known[roleText] { return s }
        guard let s = qa.columns.roles[HeaderText.normalize(roleText)] else { return nil }
        known[roleText] = s
        return s
    }

    /// Why a table had no header row: it is empty, or which columns it lacks.
    private func missingColumns(_ path: String, firstHeaders: [String]?) -> FileError {
        guard let found = firstHeaders else { return FileError(file: path, message: Catalog.File.empty) }
        let accepted = TranscriptColumns.Field.allCases.map { f in
            Array((qa.columns.headers.aliases[f] ?? []).prefix(3))
        }
        let message = Catalog.QA.missingColumns(found: found.filter { !$0.isEmpty }, accepted: accepted)
        return FileError(file: path, message: message)
    }

    /// The column of each field in a table (-1: none), looked up once per file.
    private struct FieldColumns {
        var transcript = -1, agent = -1, customer = -1, channel = -1, startedAt = -1, role = -1, time = -1, end = -1,
            text = -1

        init() {}

        init(_ map: [TranscriptColumns.Field: Int]) {
            transcript = map[.transcript] ?? -1
            agent = map[.agent] ?? -1
            customer = map[.customer] ?? -1
            channel = map[.channel] ?? -1
            startedAt = map[.startedAt] ?? -1
            role = map[.role] ?? -1
            time = map[.time] ?? -1
            end = map[.end] ?? -1
            text = map[.text] ?? -1
        }
    }

    /// Reads JSON Lines, handing each line's transcript to `emit`. `anyBefore`: whether earlier
    /// files had problems (a file of no transcript is then not called empty).
    private func readJSONLines(
        _ path: String, anyBefore: Bool, report: ((String, RowIssue)) -> Void,
        emit: (Draft) throws -> Void
    ) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FileError(file: path, message: Catalog.File.notFound(path))
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard !data.isEmpty else { throw FileError(file: path, message: Catalog.File.empty) }
        // UTF-8 or GBK/GB18030, detected as a CSV's encoding is.
        let text = try TextFile.decode([UInt8](data), path: path).text
        var any = false, reported = 0
        // Lines end in \n or \r\n (a single Character in Swift).
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated()
        {
            let row = n + 1
            let trimmed = line.trimmingASCIIWhitespace()
            if trimmed.isEmpty { continue }
            func problem(_ field: String?, _ value: String?, _ reason: Message) {
                reported += 1
                report((path, RowIssue(row: row, column: field, value: value, reason: reason)))
            }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                problem(nil, String(trimmed.prefix(40)), Catalog.QA.badJSON); continue
            }
            guard let d = jsonDraft(object, row: row, problem: problem) else { continue }
            any = true
            try emit(d)
        }
        if !any && reported == 0 && !anyBefore { throw FileError(file: path, message: Catalog.File.empty) }
    }

    /// One JSON line's transcript, its problems reported; nil when it cannot be one.
    private func jsonDraft(_ object: [String: Any], row: Int, problem: (String?, String?, Message) -> Void) -> Draft? {
        func string(_ k: String) -> String? {
            if let s = object[k] as? String { return CellText.clean(s) }
            if let n = object[k] as? NSNumber { return n.stringValue }
            return nil
        }
        guard let id = string("id") ?? string("transcript_id") else {
            problem("id", nil, Catalog.QA.jsonField("id")); return nil
        }
        var d = Draft(
            id: id, firstRow: row, agent: string("agent").map(qa.columns.agentName), customer: string("customer"))
        if let c = string("channel") {
            if let ch = qa.columns.channels[HeaderText.normalize(c)] {
                d.channel = ch
            } else {
                problem("channel", c, Catalog.QA.unknownChannel)
            }
        }
        if let s = string("started_at") {
            if let p = try? DateText.parse(s) {
                d.startedAt = p.moment
            } else {
                problem("started_at", s, Catalog.QA.badTime)
            }
        }
        guard let utterances = object["utterances"] as? [[String: Any]] else {
            problem("utterances", nil, Catalog.QA.jsonField("utterances")); return nil
        }
        if utterances.isEmpty { problem("utterances", "[]", Catalog.QA.noUtterances); return nil }
        for (k, u) in utterances.enumerated() {
            let field = "utterances[\(k)]"
            let roleText = (u["role"] as? String) ?? (u["speaker"] as? String) ?? ""
            guard let speaker = qa.columns.roles[HeaderText.normalize(roleText)] else {
                problem("\(field).role", roleText, Catalog.QA.unknownRole); continue
            }
            guard let text = (u["text"] as? String).flatMap(CellText.clean) else {
                problem("\(field).text", nil, Catalog.QA.emptyText); continue
            }
            func cell(_ v: Any?) -> Cell {
                if let n = v as? NSNumber { return .text(n.stringValue) }
                if let s = v as? String { return .text(s) }
                return .empty
            }
            d.rows.append((row, k, speaker, cell(u["start"] ?? u["time"]), cell(u["end"]), text))
        }
        return d
    }

    /// A transcript from what was read, or nil with its problems appended.
    private func build(_ d: Draft, channel: Channel, file: String, issues: inout [(String, RowIssue)]) -> Transcript? {
        let before = issues.count
        func problem(_ row: Int, _ column: String?, _ value: String?, _ reason: Message) {
            issues.append((file, RowIssue(row: row, column: column, value: value, reason: reason)))
        }
        guard let agent = d.agent else { problem(d.firstRow, nil, d.id, Catalog.QA.noAgent); return nil }
        var utterances: [Utterance] = []
        var previous: LocalDateTime? = nil
        for (k, r) in d.rows.enumerated() {
            /// A problem with the utterance's start or end time (its column named only then).
            func timeProblem(end: Bool, _ value: String?, _ reason: Message) {
                problem(r.row, d.label(k, end: end), value, reason)
            }
            func time(_ c: Cell, end: Bool) -> LocalDateTime?? {
                if c.isBlank { return .some(nil) }
                // Seconds from the start when the transcript has a start time; otherwise an
                // absolute time (a bare number then can only be an Excel date serial).
                let text = c.text.trimmingASCIIWhitespace()
                var seconds: Double? = nil
                if case .number(let s) = c { seconds = s } else if case .text = c, let s = Double(text) { seconds = s }
                // A negative time is refused in every format alike (a number in XLSX, text in
                // CSV, a number or a string in JSON).
                if let s = seconds, s < 0 { timeProblem(end: end, c.text, Catalog.QA.negativeTime); return nil }
                if let s = seconds, d.startedAt != nil || s < 61 {
                    guard let start = d.startedAt else {
                        timeProblem(end: end, Cell.numberText(s), Catalog.QA.offsetNeedsStart); return nil
                    }
                    // NaN, inf or beyond a year of seconds cannot be an offset (and would trap).
                    guard s.isFinite, abs(s) < 31_622_400 else {
                        timeProblem(end: end, c.text, Catalog.QA.badTime); return nil
                    }
                    return .some(start.adding(milliseconds: Int64((s * 1000).rounded())))
                }
                guard let p = try? DateText.parse(c) else {
                    timeProblem(end: end, c.text, Catalog.QA.badTime); return nil
                }
                if let start = d.startedAt, p.moment < start {
                    timeProblem(end: end, c.text, Catalog.QA.beforeTranscriptStart(start.description)); return nil
                }
                return .some(p.moment)
            }
            guard let s = time(r.start, end: false), let e = time(r.end, end: true) else { continue }
            guard let start = s else { timeProblem(end: false, nil, Catalog.QA.noTime); continue }
            if let end = e, end < start { timeProblem(end: true, r.end.text, Catalog.QA.endBeforeStart) }
            if channel == .call && e == nil { timeProblem(end: true, nil, Catalog.QA.noEnd) }
            if let p = previous, start < p { timeProblem(end: false, r.start.text, Catalog.QA.outOfOrder) }
            previous = start
            utterances.append(Utterance(seq: k, speaker: r.speaker, start: start, end: e, text: r.text))
        }
        guard issues.count == before else { return nil }
        return Transcript(channel: channel, agent: agent, utterances: utterances)
    }

    /// The content fingerprint of a transcript.
    static func fingerprint(_ t: Transcript, customer: String?) -> Int64 {
        var f = Fingerprint()
        f.add(t.channel.rawValue)
        f.add(t.agent)
        f.add(customer ?? "")
        for u in t.utterances {
            f.add(u.speaker.rawValue)
            f.add(Int(u.start.milliseconds))
            if let e = u.end { f.add(Int(e.milliseconds)) } else { f.add("") }
            f.add(u.text)
        }
        return f.value
    }
}
