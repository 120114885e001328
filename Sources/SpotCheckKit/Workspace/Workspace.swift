import Foundation
import Logging
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// The parts of a workspace that a long-running server opens once and every request shares.
public struct SharedWorkspace: Sendable {
    public let dbPath: String
    public let lang: Lang
    public let logger: Logger
    let configSource: ConfigSource
    public let config: SpotCheckConfiguration
    public let store: Store
    public let qa: QAConfiguration
}

/// Everything a command works in: the database, the configuration, the language, the
/// current date and time (fixable for repeatable runs), and where notes and warnings go.
public final class Workspace {
    /// The database file.
    public let dbPath: String
    /// The configuration.
    public let config: SpotCheckConfiguration
    /// The language of everything shown.
    public let lang: Lang
    /// Today (fixed by `--today` or `SPOTCHECK_TODAY`, else the clock).
    public let now: LocalDateTime
    /// `now` was fixed by a date without a time (`--today 2026-11-24`): the time of day is not
    /// known, so no moment of that day is later than now.
    public let nowIsDayOnly: Bool
    /// Diagnostics (`--verbose`).
    public let logger: Logger

    /// Where the configuration was read from.
    public let configSource: ConfigSource
    /// Called once when the database is busy with another command and this one starts
    /// waiting for it (the CLI says so on a terminal).
    public let onBusy: (@Sendable () -> Void)?

    private var openedStore: Store?
    private var loadedQA: QAConfiguration?

    /// The folder name of a workspace's editable configuration, beside its database.
    public static let configFolderName = "spotcheck-config"

    /// Sets up a workspace. `configDirectory` nil means: the `spotcheck-config/` folder beside
    /// the database if there is one, else the built-in defaults.
    public init(
        dbPath: String, configDirectory: String?, lang: Lang, now: LocalDateTime, nowIsDayOnly: Bool = false,
        logger: Logger = Logger(label: "spotcheck"), onBusy: (@Sendable () -> Void)? = nil
    ) throws {
        self.dbPath = dbPath
        self.onBusy = onBusy
        self.lang = lang
        self.now = now
        self.nowIsDayOnly = nowIsDayOnly
        self.logger = logger
        var dir = configDirectory
        if let d = dir {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: d, isDirectory: &isDir), isDir.boolValue else {
                throw ConfigError(message: Catalog.Config.missingDirectory(d))
            }
        } else {
            let beside = Workspace.configFolder(forDatabase: dbPath)
            if FileManager.default.fileExists(atPath: beside) { dir = beside }
        }
        configSource = ConfigSource(directory: dir)
        config = try SpotCheckConfiguration.load(configSource)
    }

    /// A workspace over an open store and a loaded configuration, with its own `now`: one per
    /// request of the web workbench, which keeps the database open and the configuration read.
    public init(
        shared: SharedWorkspace, now: LocalDateTime, nowIsDayOnly: Bool = false, lang: Lang? = nil
    ) {
        self.dbPath = shared.dbPath
        self.onBusy = nil
        self.lang = lang ?? shared.lang
        self.now = now
        self.nowIsDayOnly = nowIsDayOnly
        self.logger = shared.logger
        self.configSource = shared.configSource
        self.config = shared.config
        self.openedStore = shared.store
        self.loadedQA = shared.qa
    }

    /// What requests share: opened once when the server starts, the database as a pool of
    /// connections so that requests read at the same time.
    public func shared() throws -> SharedWorkspace {
        SharedWorkspace(
            dbPath: dbPath, lang: lang, logger: logger, configSource: configSource, config: config,
            store: try Store(path: dbPath, create: false, concurrentReads: true), qa: try qa())
    }

    /// The configuration of transcript QA, loaded on first use (only QA commands need it).
    public func qa() throws -> QAConfiguration {
        if let q = loadedQA { return q }
        let q = try QAConfiguration.load(configSource)
        loadedQA = q
        return q
    }

    /// Today.
    public var today: Day { now.day }

    /// The latest moment that may have passed: `now`, or the end of today when only the day is
    /// known.
    public var latestMoment: LocalDateTime {
        nowIsDayOnly ? LocalDateTime(day: today, hour: 23, minute: 59, second: 59, millisecond: 999)! : now
    }

    /// Now as a person reads it: the day alone when only the day is known.
    public var nowText: String { nowIsDayOnly ? today.description : now.minuteText }

    /// Why an attempt at `at` on `month`'s list cannot have been made (the rule is
    /// ``PeriodRules/attemptProblem(at:month:now:)``), in words; nil when it can.
    public func attemptTimeProblem(at: LocalDateTime, month: YearMonth) -> Message? {
        config.settings.period.attemptProblem(at: at, month: month, now: latestMoment).map {
            Catalog.Calls.attemptTime(at: at.minuteText, month: month.description, now: nowText, $0)
        }
    }

    /// The workspace's configuration folder for a database path.
    public static func configFolder(forDatabase db: String) -> String {
        let parent = (db as NSString).deletingLastPathComponent
        return ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(configFolderName)
    }

    /// The store, opened on first use (an error when the workspace was not created).
    public func store() throws -> Store {
        if let s = openedStore { return s }
        let s = try Store(path: dbPath, create: false, onWait: onBusy)
        openedStore = s
        return s
    }

    /// Creates the database and an editable copy of the configuration beside it.
    /// `identity` fixes the workspace's identity (the demo's); nil makes a random one.
    public static func initialize(
        dbPath: String, identity: String? = nil
    ) throws -> (created: Bool, configFolder: String, keptExisting: Bool) {
        let existed = FileManager.default.fileExists(atPath: dbPath)
        let store = try Store(path: dbPath, create: true)
        if !existed, let identity { try store.setIdentity(identity) }
        let folder = configFolder(forDatabase: dbPath)
        let keep = FileManager.default.fileExists(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in ConfigSource.defaults.sorted(by: { $0.key < $1.key }) {
            let path = (folder as NSString).appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: path) {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        return (!existed, folder, keep)
    }

    /// The identity of the demo's workspace: the filled workbooks in Samples/ belong to it.
    public static let demoIdentity = "spotcheck-demo-shop"

    /// The workspace's identity, carried hidden by every workbook it exports.
    public func identity() throws -> String { try store().identity() }

    /// Opens a workbook to write at `path`, refusing a path that is the database (or its
    /// journal or WAL), the configuration, or one of `inputs`. The workbook is written to a
    /// temporary file beside `path` and renamed into place when closed, so a kill, a crash or
    /// a full disk leaves an earlier file at `path` as it was.
    public func workbook(
        at path: String, inputs: [String] = [], created: LocalDateTime? = nil, title: String? = nil
    ) throws -> XLSXWriter {
        try checkOutput(path, inputs: inputs)
        return try XLSXWriter(
            path: path, created: created, title: title, truncationMarker: Catalog.File.truncationMarker.text(lang),
            pageFooter: Catalog.File.pageFooter.text(lang))
    }

    /// Refuses an output path that is the database (or its journal or WAL), inside the
    /// configuration folder, or one of `inputs`; exports check first, before they record anything.
    public func checkOutput(_ path: String, inputs: [String] = []) throws {
        let protected = ["", "-wal", "-shm", "-journal"].map { dbPath + $0 } + inputs
        let target = OutputPath.resolved(path)
        if let hit = protected.first(where: { OutputPath.resolved($0) == target }) {
            throw FileError(file: path, message: Catalog.File.outputIsInput(hit))
        }
        if let dir = configSource.directory, target.hasPrefix(OutputPath.resolved(dir) + "/") {
            throw FileError(file: path, message: Catalog.File.outputIsInput(dir))
        }
    }

    /// The warnings a closed workbook leaves: cells cut to fit.
    public func warnings(of book: XLSXWriter) -> [Message] {
        guard let first = book.truncated.first else { return [] }
        let at = "\(first.sheet)!\(columnLetter(first.col))\(first.row + 1)"
        return [Catalog.File.truncatedCells(book.truncated.count, first: at)]
    }

    /// A timestamp for records: `YYYY-MM-DD HH:MM:SS`.
    public var stamp: String { String(now.description.prefix(19)) }
}
