import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// Several files of several kinds imported at once (the workbench's upload): each kind through
/// the same import as `spotcheck import --kind …`, the order exports first (the lookup), then
/// the four sheets, all in one transaction. A bad row or an unreadable file anywhere stores
/// nothing, and every file is read, so each one's problems are listed together (SPEC
/// "Everywhere": imports are atomic).
public struct ImportBatch {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// A file and the kind it is imported as.
    public struct File: Sendable, Equatable {
        public var path: String
        public var kind: ImportKind

        public init(path: String, kind: ImportKind) {
            self.path = path
            self.kind = kind
        }
    }

    /// What was imported, kind by kind.
    public struct Outcome: Sendable {
        public var orders: OrderImportReport?
        public var sheets: [ImportReport]
    }

    /// Imports `files`; `month` is the month a VIP list belongs to and the one the other sheets'
    /// rows are checked against (as `--month`).
    public func run(_ files: [File], month: YearMonth?) throws -> Outcome {
        let ws = workspace
        return try ws.store().write { db in
            var refused = ImportBatchError()
            var outcome = Outcome(orders: nil, sheets: [])
            let orders = files.filter { $0.kind == .orders }.map(\.path)
            if !orders.isEmpty {
                outcome.orders = try each(&refused, db) { files in
                    try OrderImporter(workspace: ws).run(OrderImportRequest(files: orders), files: &files, db)
                }
            }
            for kind in SourceKind.allCases {
                let paths = files.filter { $0.kind.sheet == kind }.map(\.path)
                guard !paths.isEmpty else { continue }
                let request = ImportRequest(kind: kind, files: paths, month: month)
                let report = try each(&refused, db) { files in
                    try SheetImporter(workspace: ws).run(request, files: &files, db)
                }
                if let report { outcome.sheets.append(report) }
            }
            if !refused.isEmpty { throw refused }
            return outcome
        }
    }

    /// One kind's import in a savepoint: when it is refused, what it wrote is undone at once (so
    /// the next kind reads the store as it was) and its problems are kept in `refused`.
    private func each<T>(
        _ refused: inout ImportBatchError, _ db: Database, _ body: (inout ImportedFiles) throws -> T
    ) throws -> T? {
        var result: T? = nil
        do {
            try db.inSavepoint {
                var files = ImportedFiles(
                    workspace: workspace, sheet: nil, skipBad: false, platform: nil, progress: nil)
                result = try body(&files)
                return .commit
            }
        } catch let e as ImportError {
            refused.rows.append(e)
        } catch let e as FileError {
            refused.files.append(e)
        }
        return result
    }
}

/// A batch that was refused: the files that could not be read as their kind, and the bad rows
/// (file, row, column, value, reason). The database was not changed.
public struct ImportBatchError: UserFacingError, Sendable {
    /// Files that could not be read (not a sheet, its columns missing…).
    public var files: [FileError] = []
    /// Each kind's bad rows.
    public var rows: [ImportError] = []

    public var isEmpty: Bool { files.isEmpty && rows.isEmpty }

    /// Every bad row listed, file by file.
    public var issues: [(file: String, issue: RowIssue)] { rows.flatMap(\.issues) }

    /// Bad rows in all, listed or not.
    public var totalBadRows: Int { rows.reduce(0) { $0 + $1.totalBadRows } }

    public var messages: [Message] {
        [Catalog.Import.batchRefused(badRows: totalBadRows, files: files.count)]
            + files.flatMap(\.messages) + rows.flatMap { $0.messages.dropFirst() }
    }
}
