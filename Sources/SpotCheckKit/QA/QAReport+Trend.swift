import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

extension QAReport {
    /// The QA summary's months over time, titled at `row`: each period on record up to this one
    /// with its volume, sample, audited count, average score and pass rate, the pass mark (live
    /// from its cell), and a line chart of the average against the pass mark. A figure
    /// without a value is left blank, a gap in the line.
    func writeTrend(
        _ s: XLSXSheet, at start: Int, points: [QAFigures.PeriodPoint], period: YearMonth,
        passMark: (cell: String, value: Double)
    ) {
        let lang = workspace.lang
        typealias T = Catalog.Trends
        typealias Q = Catalog.QA
        var row = start
        s.write(row, 0, .text(T.title.text(lang)), .title)
        row += 1
        s.merge(rows: row...row, cols: 0...6, T.note(MonthFigures.trendMonths).text(lang), .note)
        row += 1
        let headers = [T.month, Q.volume, Q.audited, Q.scored, Q.average, Q.passRate, Q.passMarkLabel]
        for (i, h) in headers.enumerated() { s.write(row, i, .text(h.text(lang)), .header) }
        s.setRow(row, height: 30)
        let first = row + 1
        for p in points {
            row += 1
            let f = p.figures
            s.write(row, 0, .text(p.period), p.period == period.description ? .bold : .plain)
            s.write(row, 1, .int(f.volume), .integer)
            s.write(row, 2, .int(f.sampled), .integer)
            s.write(row, 3, .int(f.results.count), .integer)
            s.write(row, 4, f.average.map { .number($0) } ?? .blank, .decimal)
            s.write(row, 5, f.passRate.map { .number($0) } ?? .blank, .percent)
            s.formula(row, 6, "=" + passMark.cell, cached: .number(passMark.value), .decimal)
        }
        guard row >= first else { return }
        let rows = first...row
        s.highlight(
            rows: rows, cols: 4...4, when: Highlights.below("E\(first + 1)", target: passMark.cell), .bad)
        s.lineChart(
            title: T.chartQA.text(lang), source: s, rows: rows, categories: 0,
            lines: [
                .init(name: Q.average.text(lang), col: 4, labels: "0.0"),
                .init(name: Q.passMarkLabel.text(lang), col: 6, isReference: true),
            ],
            at: (start, 8), size: (520, 300), valueRange: 0...100)
    }
}
