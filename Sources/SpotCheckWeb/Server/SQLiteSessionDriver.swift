import Foundation
import GRDB
import Hummingbird
import SpotCheckStore

/// Keeps hummingbird-auth's sessions in the workspace's database (table `web_sessions`), so
/// they are server-side, survive a restart and expire there.
public struct SQLiteSessionDriver: PersistDriver {
    let store: Store

    public init(store: Store) { self.store = store }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let row = try Self.row(key: key, value: value, expires: expires)
        try store.write { db in
            guard try WebSessionRow.fetchOne(db, key: key) == nil else { throw PersistError.duplicate }
            try row.insert(db)
        }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let row = try Self.row(key: key, value: value, expires: expires)
        try store.write { db in
            // An update without an expiry keeps the one stored.
            if expires == nil, let old = try WebSessionRow.fetchOne(db, key: key) {
                try WebSessionRow(id: key, value: row.value, expiresAt: old.expiresAt).save(db)
            } else {
                try row.save(db)
            }
        }
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(
        key: String, as: Object.Type
    ) async throws -> (object: Object, ttl: Duration?)? {
        let now = Date().timeIntervalSince1970
        guard let row = try store.read({ db in try WebSessionRow.withID(key, db) }) else { return nil }
        if let e = row.expiresAt, e <= now {
            try await remove(key: key)
            return nil
        }
        do {
            let object = try JSONDecoder().decode(Object.self, from: row.value)
            return (object, row.expiresAt.map { .seconds($0 - now) })
        } catch {
            throw PersistError.invalidConversion
        }
    }

    public func remove(key: String) async throws {
        _ = try store.write { db in try WebSessionRow.deleteOne(db, key: key) }
    }

    /// Deletes expired sessions (at start-up).
    public func sweep() throws {
        let now = Date().timeIntervalSince1970
        try store.write { db in
            try db.execute(
                sql: "DELETE FROM web_sessions WHERE expires_at IS NOT NULL AND expires_at <= ?", arguments: [now])
        }
    }

    static func row<Object: Encodable>(key: String, value: Object, expires: Duration?) throws -> WebSessionRow {
        let expiresAt = expires.map { Date().timeIntervalSince1970 + Double($0.components.seconds) }
        return WebSessionRow(id: key, value: try JSONEncoder().encode(value), expiresAt: expiresAt)
    }
}
