import GRDB
import SpotCheckCore

// The rules' types as the database stores them: a record read back is typed, and a value that
// does not read back fails the fetch (GRDB throws) instead of being dropped.

extension LocalDateTime: DatabaseValueConvertible {
    /// `YYYY-MM-DD HH:MM:SS`.
    public var databaseValue: DatabaseValue { stamp.databaseValue }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> LocalDateTime? {
        String.fromDatabaseValue(value).flatMap(LocalDateTime.init(stamp:))
    }
}

extension YearMonth: DatabaseValueConvertible {
    /// `YYYY-MM`.
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> YearMonth? {
        String.fromDatabaseValue(value).flatMap(YearMonth.init(parsing:))
    }
}

extension AttemptResult: DatabaseValueConvertible {}
extension ComplaintHandling: DatabaseValueConvertible {}
extension SourceKind: DatabaseValueConvertible {}
