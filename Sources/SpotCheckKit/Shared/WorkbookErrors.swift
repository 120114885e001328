import SpotCheckText

/// A filled workbook (a call list, an audit workbook) that was refused: every cell that
/// could not be understood. Nothing was imported.
public struct ResultsError: UserFacingError, Sendable {
    public struct Problem: Sendable, Equatable {
        public var sheet: String
        public var row: Int
        public var column: String?
        public var value: String?
        public var reason: Message
    }
    /// Which workbook it was.
    public enum Workbook: Sendable { case callList, audit }
    public var file: String
    public var problems: [Problem]
    public var workbook: Workbook = .callList

    /// What the user reads first: nothing was imported.
    public var summary: Message {
        workbook == .audit ? Catalog.QA.scoresFailed(problems.count) : Catalog.Calls.listFailed(problems.count)
    }

    public var messages: [Message] {
        [Catalog.labelled(file, summary)]
            + problems.prefix(ImportError.listedIssues).map {
                Catalog.Calls.listProblem(
                    sheet: $0.sheet, row: $0.row, column: $0.column, value: $0.value, reason: $0.reason)
            }
            + (problems.count > ImportError.listedIssues
                ? [Catalog.Import.moreProblems(problems.count - ImportError.listedIssues)] : [])
    }
}

/// What a filled workbook would overwrite that its copy never showed: a value recorded since
/// the copy was exported, by `spotcheck call` or by another copy. Nothing was imported.
public struct ConflictError: UserFacingError, Sendable {
    public struct Conflict: Sendable, Equatable {
        public var sheet: String
        public var row: Int
        public var column: String
        public var recorded: String
        public var listed: String
    }
    public var file: String
    public var conflicts: [Conflict]
    public var workbook: ResultsError.Workbook = .callList

    public var messages: [Message] {
        let summary =
            workbook == .audit ? Catalog.QA.conflicts(conflicts.count) : Catalog.Calls.conflicts(conflicts.count)
        return [Catalog.labelled(file, summary)]
            + conflicts.prefix(ImportError.listedIssues).map {
                Catalog.Calls.conflictLine(
                    sheet: $0.sheet, row: $0.row, column: $0.column, recorded: $0.recorded, listed: $0.listed)
            }
            + (conflicts.count > ImportError.listedIssues
                ? [Catalog.Import.moreProblems(conflicts.count - ImportError.listedIssues)] : [])
    }
}
