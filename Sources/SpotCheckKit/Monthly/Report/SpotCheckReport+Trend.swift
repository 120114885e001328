import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

extension SpotCheckReport {
    /// The summary's months over time, titled at `row`: each month on record up to this one with
    /// its cases, counted cases and satisfaction, the target (live from its cell), and a line chart
    /// of the satisfaction against the target. A month without counted cases has its satisfaction
    /// left blank, a gap in the line; one below the target is highlighted.
    func writeTrend(
        _ s: XLSXSheet, at start: Int, points: [MonthPoint], month: YearMonth, target: (cell: String, value: Double)
    ) {
        let lang = workspace.lang
        typealias T = Catalog.Trends
        typealias R = Catalog.Report
        var row = start
        s.write(row, 0, .text(T.title.text(lang)), .title)
        row += 1
        s.merge(rows: row...row, cols: 0...4, T.note(MonthFigures.trendMonths).text(lang), .note)
        row += 1
        let headers = [T.month, R.satisfaction, R.countedCases, R.cases, R.target]
        for (i, h) in headers.enumerated() { s.write(row, i, .text(h.text(lang)), .header) }
        s.setRow(row, height: 30)
        let first = row + 1
        for p in points {
            row += 1
            let f = p.figures
            s.write(row, 0, .text(p.month.description), p.month == month ? .bold : .plain)
            s.write(row, 1, f.satisfaction.value.map { .number($0) } ?? .blank, .decimal)
            s.write(row, 2, .int(f.counted), .integer)
            s.write(row, 3, .int(f.cases), .integer)
            s.formula(row, 4, "=" + target.cell, cached: .number(target.value), .decimal)
        }
        guard row >= first else { return }
        let rows = first...row
        s.highlight(rows: rows, cols: 1...1, when: Highlights.below("B\(first + 1)", target: target.cell), .bad)
        s.lineChart(
            title: T.chartSatisfaction.text(lang), source: s, rows: rows, categories: 0,
            lines: [
                .init(name: R.satisfaction.text(lang), col: 1, labels: "0.00"),
                .init(name: R.target.text(lang), col: 4, isReference: true),
            ],
            at: (start, 6), size: (520, 300), valueRange: 1...5)
    }
}
