import SpotCheckCore
import SpotCheckFormats
import SpotCheckText

extension SpotCheckReport {
    /// Columns of 服务质量对照.
    enum Comparison: Int, CaseIterable {
        case person, handlerNames, agentNames, cases, counted, satisfaction, volume, scored, average, passRate
        case per100, note

        var header: Message {
            typealias P = Catalog.People
            typealias R = Catalog.Report
            typealias Q = Catalog.QA
            switch self {
            case .person: return P.person
            case .handlerNames: return P.handlerNames
            case .agentNames: return P.agentNames
            case .cases: return R.cases
            case .counted: return R.countedCases
            case .satisfaction: return R.satisfaction
            case .volume: return Q.volume
            case .scored: return Q.scored
            case .average: return Q.average
            case .passRate: return Q.passRate
            case .per100: return P.allPer100
            case .note: return Catalog.Trends.note
            }
        }
    }

    /// 服务质量对照: per person who is both a handler of the month's callbacks and a QA agent,
    /// the callback figures beside the QA figures, and a scatter chart of satisfaction against
    /// the average score. A figure without a value is blank (and said so in the note), so that
    /// the chart leaves the person out instead of drawing them at 0.
    func writeComparison(_ s: XLSXSheet, _ c: ServiceComparison, month: YearMonth) {
        let lang = workspace.lang
        typealias P = Catalog.People
        let last = Comparison.allCases.count - 1
        s.write(0, 0, .text(P.title(month.description).text(lang)), .title)
        s.merge(rows: 1...1, cols: 0...last, P.explanation.text(lang), .note)
        s.setRow(1, height: 30)
        for col in Comparison.allCases { s.write(3, col.rawValue, .text(col.header.text(lang)), .header) }
        s.setRow(3, height: 32)
        for (i, p) in c.people.enumerated() { writeComparisonRow(s, 4 + i, p) }
        let rows = 4...(3 + max(1, c.people.count))
        s.freeze(rows: 4, cols: 1)
        s.autofilter(row: 3, lastRow: rows.upperBound, cols: 0...last)
        s.setColumn(Comparison.person.rawValue, width: 12)
        s.setColumn(Comparison.handlerNames.rawValue, width: 20)
        s.setColumn(Comparison.agentNames.rawValue, width: 20)
        s.setColumn(Comparison.note.rawValue, width: 30)
        let target = workspace.config.settings.target
        let satisfaction = columnLetter(Comparison.satisfaction.rawValue) + String(rows.lowerBound + 1)
        s.highlight(
            rows: rows, cols: Comparison.satisfaction.rawValue...Comparison.satisfaction.rawValue,
            when: Highlights.below(satisfaction, target: ExcelFormula.number(target)), .bad)
        guard !c.people.isEmpty else { return }
        // The axes start a step below the lowest point, so that people close together stand apart.
        let lowest = (
            satisfaction: c.people.compactMap(\.callback.satisfaction.value).min() ?? 1,
            average: c.people.compactMap(\.qa.average).min() ?? 0
        )
        let x = max(1, (lowest.satisfaction * 2).rounded(.down) / 2 - 0.5)
        let y = max(0, (lowest.average / 10).rounded(.down) * 10 - 10)
        s.scatterChart(
            title: P.chart.text(lang), source: s, rows: rows,
            x: .init(
                col: Comparison.satisfaction.rawValue, title: Catalog.Report.satisfaction.text(lang), range: x...5),
            y: .init(col: Comparison.average.rawValue, title: Catalog.QA.average.text(lang), range: y...100),
            labels: Comparison.person.rawValue, at: (rows.upperBound + 3, 0))
    }

    /// One person's row of 服务质量对照.
    private func writeComparisonRow(_ s: XLSXSheet, _ r: Int, _ p: ServiceComparison.Person) {
        let lang = workspace.lang
        func put(_ c: Comparison, _ v: XLSXValue, _ style: CellStyle = .plain) { s.write(r, c.rawValue, v, style) }
        put(.person, .text(p.person.name), .bold)
        put(.handlerNames, .text(Catalog.list(p.handlerNames).text(lang)), .wrap)
        put(.agentNames, .text(Catalog.list(p.agentNames).text(lang)), .wrap)
        put(.cases, .int(p.callback.cases), .integer)
        put(.counted, .int(p.callback.counted), .integer)
        put(.satisfaction, p.callback.satisfaction.value.map { .number($0) } ?? .blank, .decimal)
        put(.volume, .int(p.qa.volume), .integer)
        put(.scored, .int(p.qa.results.count), .integer)
        put(.average, p.qa.average.map { .number($0) } ?? .blank, .decimal)
        put(.passRate, p.qa.passRate.map { .number($0) } ?? .blank, .percent)
        put(.per100, .number(p.qa.allPer100), .decimal)
        var notes: [Message] = []
        if p.callback.satisfaction.value == nil { notes.append(Catalog.People.noSatisfaction) }
        if p.qa.results.isEmpty {
            notes.append(Catalog.People.noScored)
        } else if p.qa.isSmallSample {
            notes.append(Catalog.Trends.smallSample(QAFigures.smallSample))
        }
        put(.note, .text(notes.joined(lang)), .wrap)
    }
}
