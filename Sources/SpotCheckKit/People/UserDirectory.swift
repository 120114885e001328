import Foundation
import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// Something wrong with a user or a sign-in, in the catalog's words.
public struct AccountError: UserFacingError, Sendable, Equatable {
    public var message: Message
    public var messages: [Message] { [message] }
    /// Seconds to wait before the next sign-in is taken (slowed after repeated failures).
    public var retryAfter: Int?

    public init(message: Message, retryAfter: Int? = nil) {
        self.message = message
        self.retryAfter = retryAfter
    }
}

/// The people who sign in to the web workbench (`spotcheck user …`), and signing in.
public struct UserDirectory {
    let workspace: Workspace
    let hasher: PasswordHasher

    /// Shortest password taken.
    public static let minimumPasswordLength = 8

    public init(workspace: Workspace, hasher: PasswordHasher = .standard) {
        self.workspace = workspace
        self.hasher = hasher
    }

    /// Adds a user; the password is kept only as its argon2id hash.
    @discardableResult
    public func add(name raw: String, role: WebRole, password: String) throws -> UserRow {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw AccountError(message: Catalog.Users.emptyName) }
        guard !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            throw AccountError(message: Catalog.Users.badName(name))
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw AccountError(message: Catalog.Users.shortPassword(Self.minimumPasswordLength))
        }
        let hash = try hasher.hash(password)
        return try workspace.store().write { db in
            guard try UserRow.named(name, db) == nil else { throw AccountError(message: Catalog.Users.exists(name)) }
            var row = UserRow(name: name, role: role, passwordHash: hash, createdAt: workspace.now)
            try row.insert(db)
            return row
        }
    }

    /// Every user, by name.
    public func list() throws -> [UserRow] {
        try workspace.store().read { db in try UserRow.order(sql: "name").fetchAll(db) }
    }

    /// Stops a user from signing in; the workbench checks on every request, so open sessions end.
    public func disable(name: String) throws {
        try workspace.store().write { db in
            guard var row = try UserRow.named(name, db) else {
                throw AccountError(message: Catalog.Users.unknown(name))
            }
            row.disabled = true
            try row.update(db)
        }
    }

    /// The active user with `id`, nil when there is none or they were disabled.
    public func activeUser(id: Int64) throws -> UserRow? {
        try workspace.store().read { db in
            try UserRow.withID(id, db).flatMap { $0.disabled ? nil : $0 }
        }
    }

    /// Checks a sign-in. `clock` is the real time in seconds since 1970 (throttling is about
    /// real seconds, whatever day the workspace is fixed at). After
    /// ``SignInThrottle/freeFailures`` failures under a name, further attempts wait (see
    /// ``SignInThrottle``); a wrong name and a wrong password read the same.
    public func signIn(name: String, password: String, clock: Double) throws -> UserRow {
        let (user, failure) = try workspace.store().read { db in
            (try UserRow.named(name, db), try LoginFailureRow.fetchOne(db, key: name))
        }
        if let f = failure, let wait = SignInThrottle.wait(failures: f.failures, lastAt: f.lastAt, now: clock) {
            throw AccountError(message: Catalog.Users.slowedDown(seconds: wait), retryAfter: wait)
        }
        // Verify even for an unknown name, so both take the same time.
        let hash = user?.passwordHash ?? Self.unknownUserHash
        let ok = PasswordHasher.verify(password, against: hash) && user.map { !$0.disabled } == true
        // The failure is counted in its own committed transaction, then refused.
        let accepted: UserRow? = try workspace.store().write { db in
            guard ok, let user else {
                let n = (try LoginFailureRow.fetchOne(db, key: name)?.failures ?? 0) + 1
                try LoginFailureRow(name: name, failures: n, lastAt: clock).save(db)
                return nil
            }
            try LoginFailureRow.deleteOne(db, key: name)
            return user
        }
        guard let accepted else { throw AccountError(message: Catalog.Users.wrongPassword) }
        return accepted
    }

    /// The hash of a random password nobody has, verified for names that do not exist.
    static let unknownUserHash: String = {
        do { return try PasswordHasher.standard.hash(UUID().uuidString) } catch { return "" }  // "" never verifies
    }()
}

/// How sign-ins slow down after failures: the first ``freeFailures`` are free; then each
/// further attempt waits 15 s, doubling with every failure, at most 15 minutes, counted from
/// the latest failure. A success clears the count.
public enum SignInThrottle {
    public static let freeFailures = 5
    public static let firstWait = 15
    public static let longestWait = 15 * 60

    /// Whole seconds still to wait, nil when an attempt is taken now.
    public static func wait(failures: Int, lastAt: Double, now: Double) -> Int? {
        guard failures >= freeFailures else { return nil }
        let doubling = min(failures - freeFailures, 10)
        let wait = min(Double(firstWait) * Double(1 << doubling), Double(longestWait))
        let left = lastAt + wait - now
        return left > 0 ? Int(left.rounded(.up)) : nil
    }
}
