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
        try statement.setArguments([window.lowerBound.ordinal, window.upperBound.ordinal, month.description])
        // Step SQLite and read its columns (all NOT NULL) straight: a million rows are not
        // boxed into GRDB rows, nor retained and released through its cursor.
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        try stepEach(s, db) { s in
            try body(
                Int(sqlite3_column_int64(s, 0)), Int(sqlite3_column_int64(s, 1)), sqlite3_column_int64(s, 2),
                ContactRoute(rawValue: Int(sqlite3_column_int64(s, 3))) ?? .none)
        }
    }
}
