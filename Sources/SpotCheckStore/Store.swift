import Foundation
import GRDB
import SpotCheckCore

/// The SpotCheck database: one SQLite file holding every import, record, draw and result.
///
/// Opening a store runs the pending migrations. Every change a command makes happens in
/// one transaction, so a command that fails leaves the database as it was.
public final class Store: Sendable {
    /// The database file's path.
    public let path: String
    /// The GRDB connection.
    public let dbQueue: DatabaseQueue

    /// Opens (or, with `create`, creates) the database at `path` and migrates it.
    public init(path: String, create: Bool = false) throws {
        self.path = path
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError.missing(path: path)
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824")
        }
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: config)
            try Store.migrator.migrate(dbQueue)
        } catch let error as DatabaseError {
            throw StoreError.unusable(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Reads in a transaction.
    public func read<T>(_ body: (Database) throws -> T) throws -> T { try dbQueue.read(body) }

    /// Writes in one transaction: all or nothing.
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try dbQueue.write(body) }
}

/// Why the database cannot be used.
public enum StoreError: Error, Equatable, Sendable {
    /// There is no database at `path` (the workspace was not created).
    case missing(path: String)
    /// The file is not a SpotCheck database, or is damaged.
    case unusable(path: String, reason: String)
}
