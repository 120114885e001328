import GRDB
import GRDBSQLite
import SpotCheckCore

extension SheetData {
    /// Calls `body` with each pool row of a month (every record dated in the window, plus the
    /// VIP lists of the month) as SQLite steps through them, without holding them: a month of
    /// a million rows is 32 MB that the draw only folds into its customers.
    public static func forEachPoolRow(
        window: ClosedRange<Day>, month: YearMonth, _ db: Database,
        _ body: (_ customer: Int, _ kind: Int, _ fingerprint: Int64, _ route: ContactRoute) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(
            sql: """
                SELECT customer_id, kind, fingerprint, route FROM records WHERE event_day BETWEEN ? AND ?
                UNION ALL
                SELECT customer_id, kind, fingerprint, route FROM records WHERE vip_month = ?
                """)
        statement.arguments = [window.lowerBound.ordinal, window.upperBound.ordinal, month.description]
        // Read straight from SQLite's columns (all NOT NULL): a million rows are not boxed
        // into GRDB rows.
        let rows = try Row.fetchCursor(statement)
        let s = statement.sqliteStatement
        while try rows.next() != nil {
            try body(
                Int(sqlite3_column_int64(s, 0)), Int(sqlite3_column_int64(s, 1)), sqlite3_column_int64(s, 2),
                ContactRoute(rawValue: Int(sqlite3_column_int64(s, 3))) ?? .none)
        }
    }
}
