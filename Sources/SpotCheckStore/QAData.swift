import GRDB
import GRDBSQLite
import SpotCheckCore

/// A transcript as stored.
public struct TranscriptRow: Sendable, Equatable {
    public var id: Int
    public var externalID: String
    public var channel: Channel
    public var agent: String
    public var customer: String?
    public var started: LocalDateTime
    public var period: String
    public var utteranceCount: Int
    /// The content fingerprint (orders transcripts independently of import order).
    public var fingerprint: Int64
}

/// Transcripts, their findings, the audit sample and the scores: the queries of QA.
public enum QAData {
    /// The stored transcripts with these external ids (per channel): id and fingerprint.
    public static func known(_ db: Database) throws -> [String: (id: Int, fingerprint: Int64)] {
        var out: [String: (Int, Int64)] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, channel, external_id, fingerprint FROM transcripts")
        while let r = try rows.next() { out[(r[1] as String) + "\u{1F}" + (r[2] as String)] = (r[0], r[3]) }
        return out
    }

    /// Records the import of one file and inserts its transcripts and their utterances,
    /// bound through SQLite's C API.
    public final class Writer {
        private let transcript: Statement
        private var utterances: SheetData.RowsStatement
        private let db: Database
        private let importID: Int64
        /// The utterances waiting to be written (``RowsStatement/perStatement`` to a statement), their texts in
        /// `text`: a statement per utterance spent most of the database thread in SQLite's per-statement work.
        private var pending: [Pending] = []
        private var text: [UInt8] = []

        private struct Pending {
            var transcript: Int64
            var seq: Int64
            var speaker: Speaker
            var start: Int64
            var end: Int64?
            var text: Range<Int>
        }

        /// Starts the record of a file's import.
        public init(file: String, importedAt: String, _ db: Database) throws {
            self.db = db
            try db.execute(
                sql:
                    "INSERT INTO qa_imports(file_name, imported_at, transcripts_new, transcripts_known, utterances) VALUES (?, ?, 0, 0, 0)",
                arguments: [file, importedAt])
            importID = db.lastInsertedRowID
            transcript = try db.makeStatement(
                sql: """
                    INSERT INTO transcripts(import_id, external_id, channel, agent, customer, started_ms, period, utterance_count, fingerprint)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            utterances = try SheetData.RowsStatement(
                table: "utterances(transcript_id, seq, speaker, start_ms, end_ms, text)", columns: 6, db)
            pending.reserveCapacity(SheetData.RowsStatement.perStatement)
        }

        /// Writes one transcript (its utterances may wait in the buffer until ``finish(new:known:utterances:)``, and
        /// are lost without it: a writer whose savepoint is rolled back is dropped, never finished); returns its id.
        public func insert(externalID: String, customer: String?, fingerprint: Int64, _ t: Transcript) throws -> Int {
            let s = transcript.sqliteStatement
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, importID)
            bindText(s, 2, externalID)
            bindText(s, 3, t.channel.rawValue)
            bindText(s, 4, t.agent)
            bindText(s, 5, customer)
            sqlite3_bind_int64(s, 6, t.started.milliseconds)
            bindText(s, 7, t.period.description)
            sqlite3_bind_int64(s, 8, Int64(t.utterances.count))
            sqlite3_bind_int64(s, 9, fingerprint)
            try stepDone(s, db)
            let id = db.lastInsertedRowID
            for x in t.utterances {
                let at = text.count
                var words = x.text
                words.withUTF8 { text.append(contentsOf: $0) }
                pending.append(
                    Pending(
                        transcript: id, seq: Int64(x.seq), speaker: x.speaker, start: x.start.milliseconds,
                        end: x.end?.milliseconds, text: at..<text.count))
                if pending.count == SheetData.RowsStatement.perStatement { try flush() }
            }
            return Int(id)
        }

        private func flush() throws {
            guard !pending.isEmpty else { return }
            // Read in place: a copy of the array would still be held when it is emptied, and emptying would
            // allocate it anew.
            try pending.withUnsafeBufferPointer { batch in
                try utterances.run(rows: batch.count, text: text) { s, p, i, buf in
                    let u = batch[i]
                    sqlite3_bind_int64(s, p + 1, u.transcript)
                    sqlite3_bind_int64(s, p + 2, u.seq)
                    bindText(s, p + 3, u.speaker.rawValue)
                    sqlite3_bind_int64(s, p + 4, u.start)
                    if let e = u.end { sqlite3_bind_int64(s, p + 5, e) } else { sqlite3_bind_null(s, p + 5) }
                    bindStaticText(s, p + 6, buf, u.text)
                }
            }
            pending.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
        }

        /// Writes the utterances still in the buffer and completes the record with the file's figures; a file that
        /// brought nothing new leaves no record.
        public func finish(new: Int, known: Int, utterances: Int) throws {
            try flush()
            if new == 0 {
                try db.execute(sql: "DELETE FROM qa_imports WHERE id = ?", arguments: [importID])
            } else {
                try db.execute(
                    sql:
                        "UPDATE qa_imports SET transcripts_new = ?, transcripts_known = ?, utterances = ? WHERE id = ?",
                    arguments: [new, known, utterances, importID])
            }
        }
    }

    /// How many utterances the imports stored (as their records count them).
    public static func utteranceCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(sum(utterances), 0) FROM qa_imports") ?? 0
    }

    /// The transcripts of a period, without utterances, in time order (read through SQLite's
    /// C API: a period holds a hundred thousand).
    public static func transcripts(period: String, _ db: Database) throws -> [TranscriptRow] {
        let statement = try db.makeStatement(
            sql: """
                SELECT id, external_id, channel, agent, customer, started_ms, period, utterance_count, fingerprint FROM transcripts
                WHERE period = ? ORDER BY started_ms, id
                """)
        statement.arguments = [period]
        return try transcripts(statement, db)
    }

    /// The transcripts of a period whose ids lie in `ids`, in id order: read by their ids (`+period` keeps SQLite
    /// off the period's index, which it preferred, walking every transcript of the period for each run of ids that
    /// ``QAChecker`` reads: 32 times the month on two cores).
    public static func transcripts(period: String, in ids: ClosedRange<Int>, _ db: Database) throws -> [TranscriptRow] {
        let statement = try db.makeStatement(
            sql: """
                SELECT id, external_id, channel, agent, customer, started_ms, period, utterance_count, fingerprint FROM transcripts
                WHERE id BETWEEN ? AND ? AND +period = ? ORDER BY id
                """)
        statement.arguments = [ids.lowerBound, ids.upperBound, period]
        return try transcripts(statement, db)
    }

    /// One transcript, without utterances; nil when there is none with that id.
    public static func transcript(id: Int, _ db: Database) throws -> TranscriptRow? {
        let statement = try db.makeStatement(
            sql: """
                SELECT id, external_id, channel, agent, customer, started_ms, period, utterance_count, fingerprint FROM transcripts
                WHERE id = ?
                """)
        statement.arguments = [id]
        return try transcripts(statement, db).first
    }

    /// The periods with an audit sample drawn, oldest first.
    public static func sampledPeriods(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT period FROM qa_draws ORDER BY period")
    }

    /// The periods that hold transcripts, with how many each, oldest first.
    public static func periods(_ db: Database) throws -> [(period: String, transcripts: Int)] {
        try Row.fetchAll(db, sql: "SELECT period, count(*) FROM transcripts GROUP BY period ORDER BY period").map {
            (period: $0[0], transcripts: $0[1])
        }
    }

    /// The lowest and highest id of a period's transcripts; nil when it has none.
    public static func idSpan(period: String, _ db: Database) throws -> ClosedRange<Int>? {
        guard
            let r = try Row.fetchOne(
                db, sql: "SELECT min(id), max(id) FROM transcripts WHERE period = ?", arguments: [period]),
            let low: Int = r[0], let high: Int = r[1]
        else { return nil }
        return low...high
    }

    private static func transcripts(_ statement: Statement, _ db: Database) throws -> [TranscriptRow] {
        let s = statement.sqliteStatement
        var out: [TranscriptRow] = []
        func text(_ i: Int32) -> String? { sqlite3_column_text(s, i).map { String(cString: $0) } }
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { return out }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            out.append(
                TranscriptRow(
                    id: Int(sqlite3_column_int64(s, 0)), externalID: text(1) ?? "",
                    channel: text(2).flatMap(Channel.init) ?? .chat,
                    agent: text(3) ?? "", customer: text(4),
                    started: LocalDateTime(milliseconds: sqlite3_column_int64(s, 5)),
                    period: text(6) ?? "", utteranceCount: Int(sqlite3_column_int64(s, 7)),
                    fingerprint: sqlite3_column_int64(s, 8)))
        }
    }

    /// The utterances of the transcripts of a period (or of given transcripts), grouped by
    /// transcript id, read in one pass.
    public static func utterances(period: String?, ids: [Int]? = nil, _ db: Database) throws -> [Int: [Utterance]] {
        var out: [Int: [Utterance]] = [:]
        let sql: String
        var arguments: StatementArguments = []
        if let ids {
            guard !ids.isEmpty else { return [:] }
            sql =
                "SELECT transcript_id, seq, speaker, start_ms, end_ms, text FROM utterances WHERE transcript_id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY transcript_id, seq"
        } else {
            sql = """
                SELECT u.transcript_id, u.seq, u.speaker, u.start_ms, u.end_ms, u.text FROM utterances u
                WHERE u.transcript_id IN (SELECT id FROM transcripts WHERE period = ?) ORDER BY u.transcript_id, u.seq
                """
            arguments = [period]
        }
        let statement = try db.makeStatement(sql: sql)
        statement.arguments = arguments
        try forEachTranscript(statement, include: { _ in true }, db) { out[$0] = $1 }
        return out
    }

    /// The utterances of the transcripts whose ids lie in `ids` and pass `include` (looked at
    /// before a row is decoded), handed over transcript by transcript in id order as they are
    /// read: only one transcript's are held. Connections reading ranges side by side read a
    /// period on several cores.
    public static func forEachTranscriptUtterances(
        in ids: ClosedRange<Int>, where include: (Int) -> Bool, _ db: Database,
        _ body: (_ transcript: Int, _ utterances: [Utterance]) throws -> Void
    ) throws {
        let statement = try db.makeStatement(
            sql: """
                SELECT transcript_id, seq, speaker, start_ms, end_ms, text FROM utterances WHERE transcript_id BETWEEN ? AND ?
                ORDER BY transcript_id, seq
                """)
        statement.arguments = [ids.lowerBound, ids.upperBound]
        try forEachTranscript(statement, include: include, db, body)
    }

    /// Steps a query of `transcript_id, seq, speaker, start_ms, end_ms, text` ordered by
    /// transcript, handing over each transcript's utterances.
    private static func forEachTranscript(
        _ statement: Statement, include: (Int) -> Bool, _ db: Database,
        _ body: (_ transcript: Int, _ utterances: [Utterance]) throws -> Void
    ) throws {
        let s = statement.sqliteStatement
        var current = -1
        var list: [Utterance] = []
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let tid = Int(sqlite3_column_int64(s, 0))
            if !include(tid) { continue }
            if tid != current {
                if current >= 0 { try body(current, list) }
                current = tid
                list = []
            }
            list.append(utterance(s))
        }
        if current >= 0 { try body(current, list) }
    }

    /// Reads transcripts' utterances one transcript at a time, through one prepared statement.
    public final class UtteranceReader {
        private let statement: Statement
        private let db: Database

        public init(_ db: Database) throws {
            self.db = db
            statement = try db.makeStatement(
                sql:
                    "SELECT transcript_id, seq, speaker, start_ms, end_ms, text FROM utterances WHERE transcript_id = ? ORDER BY seq"
            )
        }

        /// A transcript's utterances in order.
        public func utterances(of transcript: Int) throws -> [Utterance] {
            let s = statement.sqliteStatement
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, Int64(transcript))
            return try stepRows(s, db, QAData.utterance)
        }
    }

    /// The utterance of a row of `SELECT transcript_id, seq, speaker, start_ms, end_ms, text`.
    static func utterance(_ s: OpaquePointer) -> Utterance {
        let speaker: Speaker
        switch sqlite3_column_text(s, 2).map({ $0[0] }) ?? 0 {
        case 0x61: speaker = .agent
        case 0x63: speaker = .customer
        default: speaker = .system
        }
        let end: LocalDateTime? =
            sqlite3_column_type(s, 4) == SQLITE_NULL ? nil : LocalDateTime(milliseconds: sqlite3_column_int64(s, 4))
        let text = String(cString: sqlite3_column_text(s, 5))
        return Utterance(
            seq: Int(sqlite3_column_int64(s, 1)), speaker: speaker,
            start: LocalDateTime(milliseconds: sqlite3_column_int64(s, 3)),
            end: end, text: text)
    }

    /// Replaces the findings of a period's transcripts and records the check, in the transaction of `db`: the old
    /// findings are deleted, `write` stores the new ones through the function it is given (as many times as it
    /// likes, as they come) and returns how many transcripts were checked.
    public static func replaceFindings(
        period: String, checkedAt: String, _ db: Database,
        _ write: (_ insert: ([(transcript: Int, finding: Finding)]) throws -> Void) throws -> Int
    ) throws {
        try deleteFindings(period: period, db)
        // One statement of 64 findings for them all; what does not fill one waits for the next batch.
        var rows = try SheetData.RowsStatement(
            table: """
                findings(transcript_id, rule, seq, at_ms, matched, excerpt, gap_ms, pattern, category, severity,
                span_start, span_end)
                """,
            columns: 12, db)
        var waiting: [(transcript: Int, finding: Finding)] = []
        var findings = 0
        let transcripts = try write { batch in
            waiting += batch
            findings += batch.count
            let whole = waiting.count - waiting.count % SheetData.RowsStatement.perStatement
            try insertFindings(waiting[..<whole], &rows)
            waiting.removeFirst(whole)
        }
        try insertFindings(waiting[...], &rows)
        try db.execute(
            sql: """
                INSERT INTO qa_checks(period, checked_at, transcripts, findings) VALUES (?, ?, ?, ?)
                ON CONFLICT(period) DO UPDATE SET checked_at = excluded.checked_at, transcripts = excluded.transcripts, findings = excluded.findings
                """, arguments: [period, checkedAt, transcripts, findings])
    }

    /// The findings of a period's transcripts deleted (the first step of ``replaceFindings(period:checkedAt:_:_:)``).
    private static func deleteFindings(period: String, _ db: Database) throws {
        // The findings of the period's span of transcript ids, each checked for its transcript's period: SQLite did it
        // the other way round, seeking the findings of each of the period's transcripts (a month's 100,000 seeks
        // for its 20,000 findings, half the time of this write). A period whose ids spread across other periods'
        // (a month imported late, in pieces) reads their findings in the span too, at worst every finding once.
        try db.execute(
            sql: """
                DELETE FROM findings
                WHERE findings.transcript_id BETWEEN (SELECT min(id) FROM transcripts WHERE period = ?1)
                    AND (SELECT max(id) FROM transcripts WHERE period = ?1)
                AND (SELECT t.period FROM transcripts t WHERE t.id = findings.transcript_id) = ?1
                """,
            arguments: [period])
    }

    /// Stores findings of a period's transcripts (in ``replaceFindings(period:checkedAt:_:_:)``), 64 to a statement.
    private static func insertFindings(
        _ findings: ArraySlice<(transcript: Int, finding: Finding)>, _ rows: inout SheetData.RowsStatement
    ) throws {
        for first in stride(from: findings.startIndex, to: findings.endIndex, by: SheetData.RowsStatement.perStatement)
        {
            let batch = findings[first..<min(first + SheetData.RowsStatement.perStatement, findings.endIndex)]
            try rows.run(rows: batch.count) { s, p, i, _ in
                let (t, f) = batch[batch.startIndex + i]
                sqlite3_bind_int64(s, p + 1, Int64(t))
                bindText(s, p + 2, f.rule.rawValue)
                if let u = f.utterance { sqlite3_bind_int64(s, p + 3, Int64(u)) } else { sqlite3_bind_null(s, p + 3) }
                sqlite3_bind_int64(s, p + 4, f.at.milliseconds)
                bindText(s, p + 5, f.matched)
                bindText(s, p + 6, f.excerpt)
                if let g = f.gapMs { sqlite3_bind_int64(s, p + 7, Int64(g)) } else { sqlite3_bind_null(s, p + 7) }
                bindText(s, p + 8, f.phrase?.pattern)
                bindText(s, p + 9, f.phrase?.category)
                if let sev = f.phrase?.severity {
                    sqlite3_bind_int64(s, p + 10, Int64(sev))
                } else {
                    sqlite3_bind_null(s, p + 10)
                }
                if let span = f.span {
                    sqlite3_bind_int64(s, p + 11, Int64(span.lowerBound))
                    sqlite3_bind_int64(s, p + 12, Int64(span.upperBound))
                } else {
                    sqlite3_bind_null(s, p + 11)
                    sqlite3_bind_null(s, p + 12)
                }
            }
        }
    }

    /// A stored finding.
    public struct StoredFinding: Sendable, Equatable {
        public var transcript: Int
        public var finding: Finding
    }

    /// The findings of a period, in transcript and time order.
    public static func findings(period: String, _ db: Database) throws -> [StoredFinding] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT f.transcript_id, f.rule, f.seq, f.at_ms, f.matched, f.excerpt, f.gap_ms, f.pattern, f.category, f.severity,
                       f.span_start, f.span_end
                FROM findings f JOIN transcripts t ON t.id = f.transcript_id WHERE t.period = ? ORDER BY t.started_ms, f.transcript_id, f.at_ms, f.id
                """, arguments: [period]
        ).map(storedFinding)
    }

    /// A row of `SELECT transcript_id, rule, seq, at_ms, matched, excerpt, gap_ms, pattern,
    /// category, severity, span_start, span_end FROM findings`.
    private static func storedFinding(_ r: Row) -> StoredFinding {
        var phrase: BannedPhrase? = nil
        if let p: String = r[7] { phrase = BannedPhrase(pattern: p, category: r[8] ?? "", severity: r[9] ?? 1) }
        return StoredFinding(
            transcript: r[0],
            finding: Finding(
                rule: QARule(rawValue: r[1]) ?? .bannedPhrase, utterance: r[2],
                at: LocalDateTime(milliseconds: r[3]), matched: r[4], excerpt: r[5],
                gapMs: r[6], phrase: phrase,
                span: (r[10] as Int?).flatMap { a in (r[11] as Int?).map { a..<$0 } }))
    }

    /// Reads transcripts' findings one transcript at a time, through one prepared statement
    /// stepped directly (an export reads every sampled transcript's: GRDB's rows cost as much
    /// as the reading).
    public final class FindingReader {
        private let statement: Statement
        private let db: Database

        public init(_ db: Database) throws {
            self.db = db
            statement = try db.makeStatement(
                sql: """
                    SELECT transcript_id, rule, seq, at_ms, matched, excerpt, gap_ms, pattern, category, severity, span_start, span_end
                    FROM findings WHERE transcript_id = ? ORDER BY at_ms, id
                    """)
        }

        /// A transcript's findings in time order (as ``QAData/findings(period:_:)`` lists them).
        public func findings(of transcript: Int) throws -> [Finding] {
            let s = statement.sqliteStatement
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, Int64(transcript))
            return try stepRows(s, db, QAData.finding)
        }
    }

    /// The finding of a row of `SELECT transcript_id, rule, seq, at_ms, matched, excerpt,
    /// gap_ms, pattern, category, severity, span_start, span_end FROM findings`, as
    /// ``storedFinding(_:)`` reads it from GRDB's row.
    static func finding(_ s: OpaquePointer) -> Finding {
        func text(_ i: Int32) -> String? { sqlite3_column_text(s, i).map { String(cString: $0) } }
        func int(_ i: Int32) -> Int? {
            sqlite3_column_type(s, i) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(s, i))
        }
        let phrase = text(7).map { BannedPhrase(pattern: $0, category: text(8) ?? "", severity: int(9) ?? 1) }
        return Finding(
            rule: text(1).flatMap(QARule.init(rawValue:)) ?? .bannedPhrase, utterance: int(2),
            at: LocalDateTime(milliseconds: sqlite3_column_int64(s, 3)), matched: text(4) ?? "", excerpt: text(5) ?? "",
            gapMs: int(6), phrase: phrase, span: int(10).flatMap { a in int(11).map { a..<$0 } })
    }

    /// Whether a period has transcripts its last check did not see (or was never checked).
    public static func needsCheck(period: String, _ db: Database) throws -> Bool {
        let count =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM transcripts WHERE period = ?", arguments: [period]) ?? 0
        guard count > 0 else { return false }
        return try Int.fetchOne(db, sql: "SELECT transcripts FROM qa_checks WHERE period = ?", arguments: [period])
            != count
    }

    /// The external id and channel of every transcript drawn for audit, by id.
    public static func sampledExternalIDs(_ db: Database) throws -> [Int: (id: String, channel: Channel)] {
        var out: [Int: (String, Channel)] = [:]
        for r in try Row.fetchAll(
            db,
            sql: "SELECT t.id, t.external_id, t.channel FROM transcripts t JOIN qa_items i ON i.transcript_id = t.id")
        {
            out[r[0]] = (r[1], Channel(rawValue: r[2]) ?? .chat)
        }
        return out
    }

    /// Transcripts already drawn for audit (ever).
    public static func sampled(_ db: Database) throws -> Set<Int> {
        Set(try Int.fetchAll(db, sql: "SELECT transcript_id FROM qa_items"))
    }

    /// Whether a transcript was drawn for audit.
    public static func isSampled(_ transcript: Int, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM qa_items WHERE transcript_id = ?)", arguments: [transcript]) ?? false
    }

    /// The transcripts of a period drawn for audit, without utterances, in time order.
    public static func sampledTranscripts(period: String, _ db: Database) throws -> [TranscriptRow] {
        // From the drawn ones to their transcripts (CROSS JOIN keeps that order): SQLite would
        // otherwise walk every transcript of the period and look each up among the drawn, five
        // times the lookups for a 20% sample (0.13 s of an export's start at 100,000).
        let statement = try db.makeStatement(
            sql: """
                SELECT t.id, t.external_id, t.channel, t.agent, t.customer, t.started_ms, t.period, t.utterance_count, t.fingerprint
                FROM qa_items i CROSS JOIN transcripts t ON t.id = i.transcript_id WHERE t.period = ?
                ORDER BY t.started_ms, t.id
                """)
        statement.arguments = [period]
        return try transcripts(statement, db)
    }

    /// The sampled transcripts of a period.
    public static func sampled(period: String, _ db: Database) throws -> [Int] {
        try Int.fetchAll(
            db,
            sql: """
                SELECT i.transcript_id FROM qa_items i JOIN transcripts t ON t.id = i.transcript_id WHERE t.period = ? ORDER BY t.started_ms, t.id
                """, arguments: [period])
    }

    /// Records a draw.
    public static func recordDraw(
        period: String, seed: UInt64, rate: Double, drawnAt: String, drawnBy: String, transcripts: [Int],
        _ db: Database
    ) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO qa_draws(period, seed, rate, drawn_at, drawn_by, drawn) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [period, Int64(bitPattern: seed), rate, drawnAt, drawnBy, transcripts.count])
        let id = db.lastInsertedRowID
        for t in transcripts {
            try db.execute(sql: "INSERT INTO qa_items(transcript_id, draw_id) VALUES (?, ?)", arguments: [t, id])
        }
        return id
    }

    /// An auditor's scorecard for a transcript.
    public struct Audit: Sendable, Equatable {
        public var transcript: Int
        public var auditor: String?
        public var comment: String?
        public var scores: [String: Int]

        public init(transcript: Int, auditor: String?, comment: String?, scores: [String: Int]) {
            self.transcript = transcript
            self.auditor = auditor
            self.comment = comment
            self.scores = scores
        }
    }

    /// The audits of a period's transcripts (of every period when nil), by transcript.
    public static func audits(period: String? = nil, _ db: Database) throws -> [Int: Audit] {
        // A period's: each audit's transcript looked up (audits are a sample of the period's
        // transcripts; listing all of those first cost 0.08 s a table at 100,000).
        let of = period == nil ? " a" : " a CROSS JOIN transcripts t ON t.id = a.transcript_id WHERE t.period = ?"
        let arguments: StatementArguments = period.map { [$0] } ?? []
        var out: [Int: Audit] = [:]
        for r in try Row.fetchAll(
            db, sql: "SELECT a.transcript_id, a.auditor, a.comment FROM audits" + of, arguments: arguments)
        {
            out[r[0]] = Audit(transcript: r[0], auditor: r[1], comment: r[2], scores: [:])
        }
        for r in try Row.fetchAll(
            db, sql: "SELECT a.transcript_id, a.item, a.score FROM audit_scores" + of, arguments: arguments)
        {
            out[r[0]]?.scores[r[1]] = r[2]
        }
        return out
    }

    /// The audit of one transcript.
    public static func audit(transcript: Int, _ db: Database) throws -> Audit? {
        guard
            let r = try Row.fetchOne(
                db, sql: "SELECT auditor, comment FROM audits WHERE transcript_id = ?", arguments: [transcript])
        else { return nil }
        var a = Audit(transcript: transcript, auditor: r[0], comment: r[1], scores: [:])
        for s in try Row.fetchAll(
            db, sql: "SELECT item, score FROM audit_scores WHERE transcript_id = ?", arguments: [transcript])
        { a.scores[s[0]] = s[1] }
        return a
    }

    /// Withdraws an audit.
    public static func deleteAudit(transcript: Int, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM audit_scores WHERE transcript_id = ?", arguments: [transcript])
        try db.execute(sql: "DELETE FROM audits WHERE transcript_id = ?", arguments: [transcript])
    }

    /// Stores an audit; returns whether anything changed.
    public static func saveAudit(_ a: Audit, scoredAt: String, _ db: Database) throws -> Bool {
        if try audit(transcript: a.transcript, db) == a { return false }
        try db.execute(
            sql: """
                INSERT INTO audits(transcript_id, auditor, comment, scored_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(transcript_id) DO UPDATE SET auditor = excluded.auditor, comment = excluded.comment, scored_at = excluded.scored_at
                """, arguments: [a.transcript, a.auditor, a.comment, scoredAt])
        try db.execute(sql: "DELETE FROM audit_scores WHERE transcript_id = ?", arguments: [a.transcript])
        for (item, score) in a.scores.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                sql: "INSERT INTO audit_scores(transcript_id, item, score) VALUES (?, ?, ?)",
                arguments: [a.transcript, item, score])
        }
        return true
    }
}

/// Binds text (or NULL) to a parameter of a prepared statement (SQLite copies it).
@inline(__always)
func bindText(_ s: OpaquePointer, _ index: Int32, _ text: String?) {
    guard var text else { sqlite3_bind_null(s, index); return }
    text.withUTF8 { buf in
        _ = sqlite3_bind_text(
            s, index,
            UnsafeRawPointer(buf.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
            Int32(buf.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
}

/// Binds bytes of `buffer` as text that SQLite reads in place (SQLITE_STATIC): the buffer must
/// stay unchanged until the statement has run.
@inline(__always)
func bindStaticText(_ s: OpaquePointer, _ index: Int32, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
    _ = sqlite3_bind_text(
        s, index, (base + range.lowerBound).assumingMemoryBound(to: CChar.self), Int32(range.count), nil)
}

/// Steps a bound statement through its rows, making a value of each; a failure becomes GRDB's error.
func stepRows<T>(_ s: OpaquePointer, _ db: Database, _ value: (OpaquePointer) -> T) throws -> [T] {
    var out: [T] = []
    try stepEach(s, db) { out.append(value($0)) }
    return out
}

/// Steps a bound statement through its rows, calling `body` on each (the statement positioned
/// on the row), turning a failure into GRDB's error.
@inline(__always)
func stepEach(_ s: OpaquePointer, _ db: Database, _ body: (OpaquePointer) throws -> Void) throws {
    while true {
        let code = sqlite3_step(s)
        if code == SQLITE_DONE { return }
        guard code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        try body(s)
    }
}

/// Runs a bound statement that returns no rows, turning a failure into GRDB's error.
@inline(__always)
func stepDone(_ s: OpaquePointer, _ db: Database) throws {
    let code = sqlite3_step(s)
    guard code == SQLITE_DONE else {
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
