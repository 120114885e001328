import SpotCheckCore
import SpotCheckFormats

/// The conditional formats the workbooks share, as live formulas for a range's top-left
/// cell (``XLSXSheet/highlight(rows:cols:when:_:)``): a reader sees at a glance what is wrong,
/// and the highlight follows what is typed. Scores typed as text (WPS, pasted values) count.
enum Highlights {
    /// A 1–5 score of 1 or 2: red.
    static func lowScore(_ cell: String) -> String {
        "AND(\(cell)<>\"\",IFERROR(--\(cell),0)>=1,IFERROR(--\(cell),0)<=2)"
    }

    /// A 1–5 score of 3: amber.
    static func middleScore(_ cell: String) -> String { "AND(\(cell)<>\"\",IFERROR(--\(cell),0)=3)" }

    /// The cell reads `text` (否, 不合格).
    static func equals(_ cell: String, _ text: String) -> String { "\(cell)=\(ExcelFormula.text(text))" }

    /// The cell is not blank.
    static func filled(_ cell: String) -> String { "LEN(\(cell))>0" }

    /// A figure below its target (a figure that is not a number, such as 无, is not).
    static func below(_ cell: String, target: String) -> String { "AND(ISNUMBER(\(cell)),\(cell)<\(target))" }

    /// An escalation overdue: due at `due`, and not replied (`replied` blank) by now, or replied after it.
    static func overdue(due: String, replied: String) -> String {
        "AND(ISNUMBER(\(due)),OR(AND(\(replied)=\"\",\(due)<NOW()),AND(ISNUMBER(\(replied)),\(replied)>\(due))))"
    }

    /// Highlights a 1–5 score column, rows `rows`: 1–2 red, 3 amber.
    static func scores(_ sheet: XLSXSheet, rows: ClosedRange<Int>, col: Int) {
        let cell = columnLetter(col) + String(rows.lowerBound + 1)
        sheet.highlight(rows: rows, cols: col...col, when: lowScore(cell), .bad)
        sheet.highlight(rows: rows, cols: col...col, when: middleScore(cell), .warning)
    }
}
