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
        public struct File: Sendable { public var path: String; public var new: Int; public var known: Int; public var utterances: Int }
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

    public func run(files: [String], channel: Channel?) throws -> Outcome {
        var problems: [(String, RowIssue)] = []
        var parsed: [(path: String, transcripts: [(id: String, row: Int, customer: String?, transcript: Transcript)])] = []
        for path in files {
            let drafts: [Draft]
            let lower = path.lowercased()
            if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
                drafts = try readJSONLines(path, issues: &problems)
            } else {
                drafts = try readTable(path, issues: &problems)
            }
            var transcripts: [(String, Int, String?, Transcript)] = []
            // A file without channels is one problem, not one per transcript.
            if channel == nil, let first = drafts.first(where: { $0.channel == nil }) {
                problems.append((path, RowIssue(row: first.firstRow, column: nil, value: nil, reason: Catalog.QA.noChannel)))
            }
            for d in drafts where d.channel != nil || channel != nil {
                if let t = build(d, defaultChannel: channel, file: path, issues: &problems) { transcripts.append((d.id, d.firstRow, d.customer, t)) }
            }
            parsed.append((path, transcripts))
        }
        if !problems.isEmpty { throw ImportError(issues: Array(problems.prefix(SheetImporter.listedIssues)), totalBadRows: problems.count, canSkipBad: false) }

        let ws = workspace
        return try ws.store().write { db in
            var known = try QAData.known(db)
            var files: [Outcome.File] = []
            var conflicts: [(String, RowIssue)] = []
            for (path, transcripts) in parsed {
                let writer = try QAData.Writer(file: path, importedAt: ws.stamp, db)
                var file = Outcome.File(path: path, new: 0, known: 0, utterances: 0)
                for (id, row, customer, t) in transcripts {
                    let fp = TranscriptImporter.fingerprint(t, customer: customer)
                    let key = t.channel.rawValue + "\u{1F}" + id
                    if let k = known[key] {
                        if k.fingerprint == fp { file.known += 1 } else {
                            conflicts.append((path, RowIssue(row: row, column: nil, value: id, reason: Catalog.QA.conflicting(id))))
                        }
                        continue
                    }
                    let newID = try writer.insert(externalID: id, customer: customer, fingerprint: fp, t)
                    known[key] = (newID, fp)
                    file.new += 1
                    file.utterances += t.utterances.count
                }
                try writer.finish(new: file.new, known: file.known, utterances: file.utterances)
                files.append(file)
            }
            if !conflicts.isEmpty { throw ImportError(issues: Array(conflicts.prefix(SheetImporter.listedIssues)), totalBadRows: conflicts.count, canSkipBad: false) }
            return Outcome(files: files)
        }
    }

    // MARK: Reading

    private func readTable(_ path: String, issues: inout [(String, RowIssue)]) throws -> [Draft] {
        let file = try TabularFile(path: path)
        var mapping: [TranscriptColumns.Field: Int]? = nil
        var headers: [String] = []
        var firstHeaders: [String]? = nil
        // Drafts in file order; a transcript's rows usually come together, so the last one
        // is looked at first. Drafts are changed in place (no copy of their rows per row).
        var drafts: [Draft] = []
        var index: [String: Int] = [:]
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
                    headers = h
                    timeHeaders = (h[map[.time]!], map[.end].map { h[$0] } ?? TranscriptColumns.Field.end.rawValue)
                }
                return
            }
            func cell(_ f: TranscriptColumns.Field) -> Cell { m[f].flatMap { $0 < cells.count ? cells[$0] : nil } ?? .empty }
            func problem(_ f: TranscriptColumns.Field?, _ reason: Message) {
                issues.append((path, RowIssue(row: row, column: f.flatMap { m[$0] }.map { headers[$0] }, value: f.map { cell($0).text }, reason: reason)))
            }
            guard let id = RowParser.clean(cell(.transcript).text) else { problem(.transcript, Catalog.QA.noTranscriptID); return }
            let k: Int
            if let last = drafts.indices.last, drafts[last].id == id { k = last } else if let known = index[id] { k = known } else {
                k = drafts.count
                index[id] = k
                drafts.append(Draft(id: id, firstRow: row, timeHeaders: timeHeaders))
            }
            if drafts[k].agent == nil { drafts[k].agent = RowParser.clean(cell(.agent).text).map(qa.columns.agentName) }
            if drafts[k].customer == nil { drafts[k].customer = RowParser.clean(cell(.customer).text) }
            if drafts[k].channel == nil, let c = RowParser.clean(cell(.channel).text) {
                if let ch = qa.columns.channels[ColumnMap.normalize(c)] { drafts[k].channel = ch } else { problem(.channel, Catalog.QA.unknownChannel) }
            }
            if drafts[k].startedAt == nil, !cell(.startedAt).isBlank {
                if let p = try? DateText.parse(cell(.startedAt)) { drafts[k].startedAt = p.moment } else { problem(.startedAt, Catalog.QA.badTime) }
            }
            let roleText = cell(.role).text
            let speaker: Speaker
            if let known = roles[roleText] { speaker = known } else {
                guard let s = qa.columns.roles[ColumnMap.normalize(roleText)] else { problem(.role, Catalog.QA.unknownRole); return }
                roles[roleText] = s
                speaker = s
            }
            guard let text = RowParser.clean(cell(.text).text) else { problem(.text, Catalog.QA.emptyText); return }
            drafts[k].rows.append((row, 0, speaker, cell(.time), cell(.end), text))
        }
        guard mapping != nil else {
            if firstHeaders == nil { throw FileError(file: path, message: Catalog.File.empty) }
            let accepted = TranscriptColumns.Field.allCases.map { f in Array((qa.columns.headers.aliases[f] ?? []).prefix(3)) }
            throw FileError(file: path, message: Catalog.QA.missingColumns(found: firstHeaders!.filter { !$0.isEmpty }, accepted: accepted))
        }
        if drafts.isEmpty { throw FileError(file: path, message: Catalog.File.headerOnly) }
        return drafts
    }

    private func readJSONLines(_ path: String, issues: inout [(String, RowIssue)]) throws -> [Draft] {
        guard FileManager.default.fileExists(atPath: path) else { throw FileError(file: path, message: Catalog.File.notFound(path)) }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard !data.isEmpty else { throw FileError(file: path, message: Catalog.File.empty) }
        // UTF-8 or GBK/GB18030, detected as a CSV's encoding is.
        let text = try TextFile.decode([UInt8](data), path: path).text
        var drafts: [Draft] = []
        // Lines end in \n or \r\n (a single Character in Swift).
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let row = n + 1
            let trimmed = line.trimmingASCIIWhitespace()
            if trimmed.isEmpty { continue }
            func problem(_ field: String?, _ value: String?, _ reason: Message) {
                issues.append((path, RowIssue(row: row, column: field, value: value, reason: reason)))
            }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                problem(nil, String(trimmed.prefix(40)), Catalog.QA.badJSON); continue
            }
            func string(_ k: String) -> String? {
                if let s = object[k] as? String { return RowParser.clean(s) }
                if let n = object[k] as? NSNumber { return n.stringValue }
                return nil
            }
            guard let id = string("id") ?? string("transcript_id") else { problem("id", nil, Catalog.QA.jsonField("id")); continue }
            var d = Draft(id: id, firstRow: row, agent: string("agent").map(qa.columns.agentName), customer: string("customer"))
            if let c = string("channel") {
                if let ch = qa.columns.channels[ColumnMap.normalize(c)] { d.channel = ch } else { problem("channel", c, Catalog.QA.unknownChannel) }
            }
            if let s = string("started_at") {
                if let p = try? DateText.parse(s) { d.startedAt = p.moment } else { problem("started_at", s, Catalog.QA.badTime) }
            }
            guard let utterances = object["utterances"] as? [[String: Any]] else { problem("utterances", nil, Catalog.QA.jsonField("utterances")); continue }
            if utterances.isEmpty { problem("utterances", "[]", Catalog.QA.noUtterances); continue }
            for (k, u) in utterances.enumerated() {
                let field = "utterances[\(k)]"
                let roleText = (u["role"] as? String) ?? (u["speaker"] as? String) ?? ""
                guard let speaker = qa.columns.roles[ColumnMap.normalize(roleText)] else { problem("\(field).role", roleText, Catalog.QA.unknownRole); continue }
                guard let text = (u["text"] as? String).flatMap(RowParser.clean) else { problem("\(field).text", nil, Catalog.QA.emptyText); continue }
                func cell(_ v: Any?) -> Cell {
                    if let n = v as? NSNumber { return .text(n.stringValue) }
                    if let s = v as? String { return .text(s) }
                    return .empty
                }
                d.rows.append((row, k, speaker, cell(u["start"] ?? u["time"]), cell(u["end"]), text))
            }
            drafts.append(d)
        }
        if drafts.isEmpty && issues.isEmpty { throw FileError(file: path, message: Catalog.File.empty) }
        return drafts
    }

    /// A transcript from what was read, or nil with its problems appended.
    private func build(_ d: Draft, defaultChannel: Channel?, file: String, issues: inout [(String, RowIssue)]) -> Transcript? {
        let before = issues.count
        func problem(_ row: Int, _ column: String?, _ value: String?, _ reason: Message) {
            issues.append((file, RowIssue(row: row, column: column, value: value, reason: reason)))
        }
        guard let channel = d.channel ?? defaultChannel else { return nil }
        guard let agent = d.agent else { problem(d.firstRow, nil, d.id, Catalog.QA.noAgent); return nil }
        var utterances: [Utterance] = []
        var previous: LocalDateTime? = nil
        for (k, r) in d.rows.enumerated() {
            /// A problem with the utterance's start or end time (its column named only then).
            func timeProblem(end: Bool, _ value: String?, _ reason: Message) { problem(r.row, d.label(k, end: end), value, reason) }
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
                    guard let start = d.startedAt else { timeProblem(end: end, Cell.numberText(s), Catalog.QA.offsetNeedsStart); return nil }
                    // NaN, inf or beyond a year of seconds cannot be an offset (and would trap).
                    guard s.isFinite, abs(s) < 31_622_400 else { timeProblem(end: end, c.text, Catalog.QA.badTime); return nil }
                    return .some(start.adding(milliseconds: Int64((s * 1000).rounded())))
                }
                guard let p = try? DateText.parse(c) else { timeProblem(end: end, c.text, Catalog.QA.badTime); return nil }
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
