/// How the rules are written as live Excel formulas, so that a workbook's figures follow the
/// cells people edit. Each rule builds its formula beside its Swift form (``Satisfaction``,
/// ``Scorecard``), and the tests evaluate both on the same inputs.
public enum ExcelFormula {
    /// A number as a formula writes it: `3`, `0.25`.
    public static func number(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 9_007_199_254_740_992 { return String(Int64(d)) }
        return String(d)
    }

    /// A text constant: `"合格"` (quotes doubled inside).
    public static func text(_ s: String) -> String {
        "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A COUNTIFS/AVERAGEIFS criterion that matches exactly the text `s`: `"=王敏"`, with the
    /// criteria's wildcards (`*`, `?`) and their escape (`~`) escaped, so that a name such as
    /// `小*` matches itself only.
    public static func criterion(equalTo s: String) -> String {
        var escaped = ""
        for ch in s {
            if ch == "~" || ch == "*" || ch == "?" { escaped.append("~") }
            escaped.append(ch)
        }
        return text("=" + escaped)
    }
}

extension Satisfaction {
    /// ``value`` as a formula: `sum` and `count` are expressions of the counted scores' sum and
    /// number (a SUMIF and a COUNTIF over the detail sheet); `notAvailable` stands where no case
    /// counts.
    public static func excelFormula(sum: String, count: String, notAvailable: String) -> String {
        "=IF(\(count)=0,\(ExcelFormula.text(notAvailable)),\(sum)/\(count))"
    }

    /// ``meets(_:)`` as a formula over the satisfaction's cell and the target's cell.
    public static func meetsFormula(
        value: String, target: String, yes: String, no: String, notAvailable: String
    ) -> String {
        "=IF(ISNUMBER(\(value)),IF(\(value)>=\(target),\(ExcelFormula.text(yes)),\(ExcelFormula.text(no))),\(ExcelFormula.text(notAvailable)))"
    }
}

extension Scorecard {
    /// ``score(_:)``'s total as a formula over the item cells (in item order): blank until every
    /// item has a score, then the weighted sum rounded to two places.
    /// A score typed as text (WPS, pasted values) counts as the number it spells.
    public func totalFormula(itemCells cells: [String]) -> String {
        let weighted = items.indices.map { k in
            "(--\(cells[k]))*\(ExcelFormula.number(items[k].weight / Double(items[k].top)))"
        }
        let scored = cells.map { "(\($0)<>\"\")*ISNUMBER(--\($0))" }.joined(separator: "+")
        return "=IF(\(scored)<\(cells.count),\"\",ROUND(\(weighted.joined(separator: "+")),2))"
    }

    /// ``score(_:)``'s pass or fail as a formula: blank without a total; a pass when no critical
    /// item has its lowest score and the total reaches the pass mark.
    public func passFormula(totalCell: String, itemCells cells: [String], pass: String, fail: String) -> String {
        let criticalFails = items.indices.filter { items[$0].critical }.map {
            items[$0].lowestScoreFormula(cell: cells[$0])
        }
        let failed = criticalFails.isEmpty ? "FALSE" : "OR(\(criticalFails.joined(separator: ",")))"
        return "=IF(\(totalCell)=\"\",\"\",IF(AND(NOT(\(failed)),\(totalCell)>=\(ExcelFormula.number(passMark))),"
            + "\(ExcelFormula.text(pass)),\(ExcelFormula.text(fail))))"
    }
}

extension Scorecard.Item {
    /// Whether the cell holds this item's lowest score, a critical failure when the item is
    /// critical (as ``Scorecard/score(_:)`` counts it), as a formula: a score typed as text
    /// counts, a blank cell or other text does not.
    public func lowestScoreFormula(cell: String) -> String {
        "AND(\(cell)<>\"\",IFERROR(--\(cell),-1)=\(allowed.first ?? 0))"
    }
}
