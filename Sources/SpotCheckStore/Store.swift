import Foundation
import GRDB
import SpotCheckCore
import SpotCheckSystem
import SpotCheckText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SpotCheck database: one SQLite file holding every import, record, draw and result.
///
/// Opening a store runs the pending migrations. Every change a command makes happens in
/// one transaction, so a command that fails leaves the database as it was. The database is
/// in WAL mode, so reads go on while another command writes, and a command that finds the
/// database busy waits for the other one (up to `busyTimeout`) instead of failing at once.
/// The file and its journal are readable by their owner only.
public final class Store: Sendable {
    /// The database file's path.
    public let path: String
    /// The GRDB connection: one serial connection for a command; a pool (one writer, several
    /// concurrent readers) for the web workbench, whose requests read at the same time.
    let database: any DatabaseWriter

    /// How long a command waits for another one that holds the database (SPEC: commands wait).
    public static let defaultBusyTimeout: Double = 30

    /// Opens (or, with `create`, creates) the database at `path` and migrates it.
    /// `onWait` is called once when the database is busy and the command starts waiting.
    /// `concurrentReads` opens a pool of connections (WAL lets readers go on beside the writer).
    public init(
        path: String, create: Bool = false, busyTimeout: Double = Store.defaultBusyTimeout,
        onWait: (@Sendable () -> Void)? = nil, concurrentReads: Bool = false
    ) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !create && !exists { throw StoreError.missing(path: path) }
        if !exists { try Store.createOwnerOnly(path) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        let waited = Flag()
        let noWaiting = Flag()
        self.noWaiting = noWaiting
        config.busyMode = .callback { tries in
            // SQLite calls this each time it finds the database locked; sleep and try again.
            if noWaiting.isSet { return false }
            if tries == 0, !waited.isSet { waited.set(); onWait?() }
            let slept = Double(tries) * 0.05
            guard slept < busyTimeout else { return false }
            usleep(50_000)
            return true
        }
        config.prepareDatabase { db in try db.execute(sql: Store.connectionSettings) }
        do {
            if concurrentReads {
                // A pool sets WAL itself; it migrates through its writer.
                config.maximumReaderCount = Store.readerCount
                database = try DatabasePool(path: path, configuration: config)
            } else {
                database = try DatabaseQueue(path: path, configuration: config)
            }
            if try database.read({ try Store.migrator.hasCompletedMigrations($0) }) == false {
                try database.writeWithoutTransaction { db in
                    // WAL: readers never wait for a writer (persistent in the file).
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                try Store.migrator.migrate(database)
            } else if !concurrentReads {
                // A bulk load that ended without switching back (the process killed, or a reader
                // in the way) left a rollback journal: WAL again, if the database is free now
                // (else this command goes on in the rollback mode; a pool sets WAL itself).
                if let queue = database as? DatabaseQueue { try backToWAL(queue) }
            }
        } catch let error as DatabaseError {
            if error.isBusy { throw StoreError.busy(path: path, seconds: busyTimeout) }
            throw StoreError.unusable(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Each connection's settings: WAL needs no sync at each commit; a 64 MiB page cache; reads
    /// through a memory map.
    static let connectionSettings =
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824"

    /// Set while the connection tries something it does not wait for (``write(bulk:_:)``).
    private let noWaiting: Flag

    /// Reads in a transaction.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch let error as DatabaseError where error.isBusy {
            throw StoreError.busy(path: path, seconds: Store.defaultBusyTimeout)
        }
    }

    /// Writes in one transaction: all or nothing.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch let error as DatabaseError where error.isBusy {
            throw StoreError.busy(path: path, seconds: Store.defaultBusyTimeout)
        }
    }

    /// Writes in one transaction, like ``write(_:)``; with `bulk` (a load of many rows) through
    /// a rollback journal when this command has the database to itself. In WAL mode every
    /// page of a large load is written twice, to the WAL and then to the database, and read
    /// back from the WAL to build indexes: a million-row import wrote 520 MB for a 260 MB
    /// database. Leaving WAL needs the database to itself, so with any other connection open
    /// (the workbench, another command) the load stays in WAL mode. A connection that comes
    /// meanwhile waits for the load, as commands wait for each other, and gives up as busy
    /// after ``defaultBusyTimeout`` (in WAL mode it would have read the database as it was
    /// before the load). Afterwards the database is in WAL mode again, unless such a reader
    /// holds it; then the next open that finds it free sets WAL (see
    /// ``init(path:create:busyTimeout:onWait:concurrentReads:)``).
    public func write<T>(bulk: Bool, _ body: (Database) throws -> T) throws -> T {
        guard bulk, let queue = database as? DatabaseQueue, try leaveWAL(queue) else { return try write(body) }
        let result: T
        do { result = try write(body) } catch {
            try? backToWAL(queue)  // the load's own error is the one to report
            throw error
        }
        // The load is stored: a failure to switch back must not report it as failed.
        try? backToWAL(queue)
        return result
    }

    /// Switches `queue` to a rollback journal unless another connection has the database open
    /// (without waiting for it): whether it did. The journal is synced as SQLite's own shell
    /// does (FULL) and pages are not memory-mapped (the mapped pages of a large load would
    /// count as the process's memory).
    private func leaveWAL(_ queue: DatabaseQueue) throws -> Bool {
        do {
            return try queue.writeWithoutTransaction { db in
                noWaiting.set()
                defer { noWaiting.clear() }
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else { return false }
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA mmap_size = 0")
                return true
            }
        } catch let error as DatabaseError where error.isBusy {
            return false
        }
    }

    /// Back to WAL and the usual settings after ``leaveWAL(_:)``, without waiting: with another
    /// connection reading in the rollback mode, the database stays in it until the next open
    /// that finds it free (``init(path:create:busyTimeout:onWait:concurrentReads:)``).
    private func backToWAL(_ queue: DatabaseQueue) throws {
        do {
            try queue.writeWithoutTransaction { db in
                guard try !Store.isInWAL(db) else { return }
                noWaiting.set()
                defer { noWaiting.clear() }
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: Store.connectionSettings)
            }
        } catch let error as DatabaseError where error.isBusy {
            return
        }
    }

    /// Whether the database is in WAL mode, where a writer and readers on other connections do not wait for each
    /// other (not after a bulk load that could not switch back: ``write(bulk:_:)``).
    public func isInWAL() throws -> Bool { try read(Store.isInWAL) }

    private static func isInWAL(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal"
    }

    /// A read-only connection of its own to the database, for reading on another thread
    /// beside this store's connection (in WAL mode readers do not wait for each other).
    public func readOnlyConnection() throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(Store.defaultBusyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824")
        }
        do { return try DatabaseQueue(path: path, configuration: config) } catch let error as DatabaseError {
            if error.isBusy { throw StoreError.busy(path: path, seconds: Store.defaultBusyTimeout) }
            throw StoreError.unusable(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// The workspace's identity: a random id made when the database was created, carried
    /// (hidden) by every workbook exported from it, so a workbook from another workspace is
    /// recognised and refused.
    public func identity() throws -> String {
        try read { db in
            guard let id = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'workspace_id'") else {
                throw StoreError.unusable(path: path, reason: "workspace_id")
            }
            return id
        }
    }

    /// Sets the workspace's identity (the demo's workspace has a fixed one, so that the
    /// filled workbooks in Samples/ belong to it).
    public func setIdentity(_ id: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'workspace_id'", arguments: [id])
        }
    }

    /// Creates an empty file readable and writable by its owner only; SQLite gives its
    /// journal and WAL files the same permissions.
    static func createOwnerOnly(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw StoreError.unusable(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
    }
}

/// A flag set once, shared with SQLite's busy callback.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
    func clear() { lock.lock(); value = false; lock.unlock() }
}

extension DatabaseError {
    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds the database.
    var isBusy: Bool { resultCode == .SQLITE_BUSY || resultCode == .SQLITE_LOCKED }
}

/// Why the database cannot be used.
extension Store {
    /// How many connections read side by side when reads are concurrent (two per core this process may use: a
    /// container given two cores of a large machine keeps four, not two per core of the machine).
    public static let readerCount = max(2, Processors.usable * 2)
}

public enum StoreError: UserFacingError, Equatable, Sendable {
    /// There is no database at `path` (the workspace was not created).
    case missing(path: String)
    /// The file is not a SpotCheck database, or is damaged.
    case unusable(path: String, reason: String)
    /// Another command held the database longer than the command would wait.
    case busy(path: String, seconds: Double)

    public var messages: [Message] {
        switch self {
        case .missing(let path): return [Catalog.Config.noWorkspace(path)]
        case .unusable(let path, let reason): return [Catalog.Config.unusableDatabase(path, reason)]
        case .busy(let path, let seconds): return [Catalog.Config.databaseBusy(path, seconds: Int(seconds))]
        }
    }
}
