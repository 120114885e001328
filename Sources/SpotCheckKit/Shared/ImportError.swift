import SpotCheckText

/// A problem with one cell or row of an input file.
public struct RowIssue: Sendable, Equatable {
    /// The row as Excel numbers it.
    public var row: Int
    /// The column's header.
    public var column: String?
    /// The cell's text.
    public var value: String?
    /// What is wrong.
    public var reason: Message
}

/// An import that was refused: the problems found, every one of them counted, the first
/// ones listed. The database was not changed.
public struct ImportError: UserFacingError, Sendable {
    /// Problems listed before the rest are only counted.
    public static let listedIssues = 30
    public var issues: [(file: String, issue: RowIssue)]
    public var totalBadRows: Int
    /// Whether `--skip-bad` could import the good rows (not for transcripts: a transcript
    /// with a bad utterance cannot be half imported).
    public var canSkipBad: Bool = true

    /// What the user reads first: nothing was imported, and what to do.
    public var summary: Message {
        canSkipBad ? Catalog.Import.rejectedAll(badRows: totalBadRows) : Catalog.QA.rejected(totalBadRows)
    }

    public var messages: [Message] {
        let listedRows = Set(issues.map { "\($0.file)#\($0.issue.row)" }).count
        return [summary]
            + issues.map {
                Catalog.Import.rowProblem(
                    file: $0.file, row: $0.issue.row, column: $0.issue.column, value: $0.issue.value,
                    reason: $0.issue.reason)
            }
            + (totalBadRows > listedRows ? [Catalog.Import.moreProblems(totalBadRows - listedRows)] : [])
    }
}
