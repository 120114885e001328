import SpotCheckText

/// A problem with an input or output file, located as precisely as it can be: file, sheet
/// row (as Excel numbers it) and column.
public struct FileError: UserFacingError, Sendable, Equatable {
    /// The file's path as the user gave it.
    public var file: String
    /// The row, numbered as in Excel (the header is usually row 1).
    public var row: Int?
    /// The column: its header, or its letter.
    public var column: String?
    /// What is wrong.
    public var message: Message

    public init(file: String, row: Int? = nil, column: String? = nil, message: Message) {
        self.file = file
        self.row = row
        self.column = column
        self.message = message
    }

    public var messages: [Message] { [Catalog.CLI.located(file: file, row: row, column: column, message)] }
}

/// The spreadsheet column letter of a 0-based index: 0 → A, 25 → Z, 26 → AA.
public func columnLetter(_ index: Int) -> String {
    var n = index + 1
    var s = ""
    while n > 0 {
        let r = (n - 1) % 26
        s = String(UnicodeScalar(UInt8(65 + r))) + s
        n = (n - 1) / 26
    }
    return s
}

/// The 0-based index of a column letter (A → 0), or nil (also beyond Excel's XFD).
public func columnIndex(_ letters: Substring) -> Int? {
    var n = 0
    for u in letters.utf8 {
        guard u >= 65 && u <= 90, n <= 16_384 else { return nil }
        n = n * 26 + Int(u - 64)
    }
    return n > 0 && n <= 16_384 ? n - 1 : nil
}
