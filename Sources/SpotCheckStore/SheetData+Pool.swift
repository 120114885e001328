import GRDB
import SpotCheckCore

extension SheetData {
    /// Calls `body` with each pool row of a month (every record dated in the window, plus the
    /// VIP lists of the month) as SQLite steps through them, without holding them: a month of
    /// a million rows is 32 MB that the draw only folds into its customers.
    public static func forEachPoolRow(
        window: ClosedRange<Day>, month: YearMonth, _ db: Database,
        _ body: (_ customer: Int, _ kind: Int, _ fingerprint: Int64, _ route: ContactRoute) throws -> Void
    ) throws {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT customer_id, kind, fingerprint, route FROM records WHERE event_day BETWEEN ? AND ?
                    UNION ALL
                    SELECT customer_id, kind, fingerprint, route FROM records WHERE vip_month = ?
                    """), arguments: [window.lowerBound.ordinal, window.upperBound.ordinal, month.description])
        while let row = try rows.next() {
            try body(row[0], row[1], row[2], ContactRoute(rawValue: row[3]) ?? .none)
        }
    }
}
