import Foundation
import GRDB
import SpotCheckCore

/// What a person may do in the web workbench (issue 12): each role sees its own pages.
public enum WebRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// 组长: imports, draws, assigns and submits the month.
    case lead
    /// 回访员: calls the customers assigned to them.
    case caller
    /// 质检员: scores the transcripts drawn for audit.
    case auditor
    /// 主管: reads the figures and downloads the workbooks (phones masked).
    case manager
}

/// A person who signs in to the workbench.
public struct UserRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "users"
    public var id: Int64?
    public var name: String
    public var role: WebRole
    /// The argon2id hash in its encoded form (`$argon2id$v=19$m=…$salt$hash`); never the password.
    public var passwordHash: String
    public var disabled: Bool
    public var createdAt: LocalDateTime

    public init(name: String, role: WebRole, passwordHash: String, createdAt: LocalDateTime) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.disabled = false
        self.createdAt = createdAt.wholeSeconds
    }

    /// Read by column: every page reads its user (see ``DrawItemRow/init(row:)``).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        role = try row.decode(forColumn: "role")
        passwordHash = try row.decode(forColumn: "password_hash")
        disabled = try row.decode(forColumn: "disabled")
        createdAt = try row.decode(forColumn: "created_at")
    }

    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The user with `id`, if any (a statement prepared once per connection: every page asks).
    public static func withID(_ id: Int64, _ db: Database) throws -> UserRow? {
        try UserRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id])
    }

    /// The user called `name`, if any.
    public static func named(_ name: String, _ db: Database) throws -> UserRow? {
        try UserRow.filter(sql: "name = ?", arguments: [name]).fetchOne(db)
    }
}

/// Failed sign-ins under one name, to slow down guessing.
public struct LoginFailureRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "login_failures"
    public var name: String
    public var failures: Int
    /// Seconds since 1970 of the latest failure (the real clock: throttling is about real time).
    public var lastAt: Double

    public init(name: String, failures: Int, lastAt: Double) {
        self.name = name
        self.failures = failures
        self.lastAt = lastAt
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A server-side session: the cookie carries only `id`.
public struct WebSessionRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "web_sessions"
    public var id: String
    /// The session's data as JSON.
    public var value: Data
    /// Seconds since 1970 after which the session is gone; nil: no expiry.
    public var expiresAt: Double?

    public init(id: String, value: Data, expiresAt: Double?) {
        self.id = id
        self.value = value
        self.expiresAt = expiresAt
    }

    /// Read by column: every request reads its session (see ``DrawItemRow/init(row:)``).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        value = try row.decode(forColumn: "value")
        expiresAt = try row.decode(forColumn: "expires_at")
    }

    /// The session with `id`, if any (a statement prepared once per connection).
    public static func withID(_ id: String, _ db: Database) throws -> WebSessionRow? {
        try WebSessionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM web_sessions WHERE id = ?"), arguments: [id])
    }
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// One case of a draw given to a caller.
public struct AssignmentRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "case_assignments"
    public var drawId: Int64
    public var item: Int
    public var caller: String
    public var assignedAt: LocalDateTime
    public var assignedBy: String

    public init(drawId: Int64, item: Int, caller: String, assignedAt: LocalDateTime, assignedBy: String) {
        self.drawId = drawId
        self.item = item
        self.caller = caller
        self.assignedAt = assignedAt.wholeSeconds
        self.assignedBy = assignedBy
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The callers of a draw's cases, by item number.
    public static func callers(draw: Int64, _ db: Database) throws -> [Int: String] {
        var callers: [Int: String] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT item, caller FROM case_assignments WHERE draw_id = ?"), arguments: [draw])
        while let row = try rows.next() { callers[try row.decode(atIndex: 0)] = try row.decode(atIndex: 1) }
        return callers
    }
}

/// How an action reached SpotCheck.
public enum AuditChannel: String, Codable, Sendable, DatabaseValueConvertible {
    case cli
    case web
}

/// One line of the audit log: who did what, and when.
public struct AuditLogRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "audit_log"
    public var id: Int64?
    public var at: LocalDateTime
    public var actor: String
    public var via: AuditChannel
    /// What was done, a stable code (`import`, `draw`, `call`, `score`, `submit`, …).
    public var action: String
    public var month: YearMonth?
    /// What it was done to, as the person did it (files, item, transcript…).
    public var detail: String

    public init(at: LocalDateTime, actor: String, via: AuditChannel, action: String, month: YearMonth?, detail: String)
    {
        self.at = at.wholeSeconds
        self.actor = actor
        self.via = via
        self.action = action
        self.month = month
        self.detail = detail
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
