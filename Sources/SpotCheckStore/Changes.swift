import GRDB
import SpotCheckCore

/// The change sequence and the workbook copies exported for people to fill.
///
/// Each command that records something takes the next number of the sequence; every value
/// it records keeps that number and the copy that made it. An exported workbook remembers the
/// number at its export, so its import can tell the values the copy showed from the values
/// recorded since by someone else (SPEC "Everywhere": nothing is overwritten silently).
public enum Changes {
    /// The next number of the change sequence (in the caller's transaction).
    public static func next(_ db: Database) throws -> Int64 {
        try db.execute(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'")
        return try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'") ?? 0
    }

    /// A change number taken on first use, so that a command that ends up changing nothing
    /// leaves the sequence as it was.
    public final class Pending {
        private let db: Database
        private var taken: Int64?
        public init(_ db: Database) { self.db = db }
        public func seq() throws -> Int64 {
            if let taken { return taken }
            let n = try Changes.next(db)
            taken = n
            return n
        }
    }

    /// Records a new copy of a workbook; its token is made of what it is and the change
    /// number, so the same steps on the same data give the same token (the demo relies on it).
    public static func recordCopy(
        kind: WorkbookCopy.Kind, drawID: Int64?, period: String, exportedAt: String, _ db: Database
    ) throws
        -> WorkbookCopy
    {
        let seq = try next(db)
        let token = "\(kind.rawValue)-\(drawID.map { "\($0)-" } ?? "")\(seq)"
        try db.execute(
            sql:
                "INSERT INTO workbook_copies(token, kind, draw_id, period, seq, exported_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [token, kind.rawValue, drawID, period, seq, exportedAt])
        return WorkbookCopy(token: token, kind: kind, drawID: drawID, period: period, seq: seq, exportedAt: exportedAt)
    }

    /// A copy by its token, if this workspace exported it.
    public static func copy(token: String, _ db: Database) throws -> WorkbookCopy? {
        guard
            let r = try Row.fetchOne(
                db, sql: "SELECT kind, draw_id, period, seq, exported_at FROM workbook_copies WHERE token = ?",
                arguments: [token]),
            let kind = WorkbookCopy.Kind(rawValue: r[0])
        else { return nil }
        return WorkbookCopy(token: token, kind: kind, drawID: r[1], period: r[2], seq: r[3], exportedAt: r[4])
    }

    /// Where an audit's scores came from.
    public static func auditProvenance(_ db: Database) throws -> [Int: Provenance] {
        var out: [Int: Provenance] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT transcript_id, seq, copy FROM audits") {
            out[r[0]] = Provenance(seq: r[1], copy: r[2])
        }
        return out
    }

    /// Where one transcript's audit came from; nil when it has none.
    public static func auditProvenance(transcript: Int, _ db: Database) throws -> Provenance? {
        try Row.fetchOne(db, sql: "SELECT seq, copy FROM audits WHERE transcript_id = ?", arguments: [transcript]).map {
            Provenance(seq: $0[0], copy: $0[1])
        }
    }

    /// Marks an audit as recorded by a change of a copy.
    public static func markAudit(_ transcript: Int, seq: Int64, copy: String?, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE audits SET seq = ?, copy = ? WHERE transcript_id = ?", arguments: [seq, copy, transcript])
    }
}

/// A workbook exported for people to fill in and import back.
public struct WorkbookCopy: Sendable, Equatable {
    public enum Kind: String, Sendable { case callList = "list", audit = "audit" }
    public var token: String
    public var kind: Kind
    public var drawID: Int64?
    public var period: String
    /// The change number at export: values recorded up to it were shown in the copy.
    public var seq: Int64
    public var exportedAt: String

    /// What the copy knew of a recorded value.
    public var knowledge: CopyKnowledge { CopyKnowledge(token: token, exportSeq: seq) }
}
