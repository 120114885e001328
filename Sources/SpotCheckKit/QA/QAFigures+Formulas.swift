import SpotCheckCore

extension QAFigures {
    /// ``Figures``' audited count, average score, pass rate and findings per 100 as live Excel
    /// formulas over the QA report's 质检明细表 (one row per audited transcript: agent, total,
    /// 合格/不合格) and 问题明细 (one row per finding: rule, agent), for the summary's cells: they
    /// follow the detail when a row is edited or removed. Each mirrors the Swift figure of the same
    /// name, and the report caches that figure as the formula's value.
    struct Formulas {
        /// The detail sheet's columns of agents, totals and pass or fail (absolute ranges).
        var agents: String
        var totals: String
        var passed: String
        /// The findings sheet's columns of rules and agents.
        var findingRules: String
        var findingAgents: String
        /// The words of the sheets: a pass (合格), and the text of a figure that has no value (无数据).
        var pass: String
        var notAvailable: String

        /// The criteria that pick an agent's rows (none: the team's, every row).
        private func agentCriteria(_ agent: String?, _ range: String) -> String {
            agent.map { ",\(range),\(ExcelFormula.criterion(equalTo: $0))" } ?? ""
        }

        /// ``Figures/results``' count: the audited transcripts (of `agent`, or all).
        func scored(agent: String?) -> String {
            guard let agent else { return "=COUNT(\(totals))" }
            return "=COUNTIFS(\(agents),\(ExcelFormula.criterion(equalTo: agent)))"
        }

        /// ``Figures/average``, over the audited count in `scoredCell`.
        func average(agent: String?, scoredCell: String) -> String {
            let mean =
                agent.map { "AVERAGEIFS(\(totals),\(agents),\(ExcelFormula.criterion(equalTo: $0)))" }
                ?? "AVERAGE(\(totals))"
            return "=IF(\(scoredCell)=0,\(ExcelFormula.text(notAvailable)),\(mean))"
        }

        /// ``Figures/passRate``, over the audited count in `scoredCell`.
        func passRate(agent: String?, scoredCell: String) -> String {
            let passes =
                "COUNTIFS(\(passed),\(ExcelFormula.criterion(equalTo: pass))\(agentCriteria(agent, agents)))"
            return "=IF(\(scoredCell)=0,\(ExcelFormula.text(notAvailable)),\(passes)/\(scoredCell))"
        }

        /// ``Figures/per100(_:)``: findings of a rule (its name as 问题明细 writes it) per 100 of
        /// the transcripts in `volumeCell`.
        func per100(rule: String, agent: String?, volumeCell: String) -> String {
            let n =
                "COUNTIFS(\(findingRules),\(ExcelFormula.criterion(equalTo: rule))"
                + "\(agentCriteria(agent, findingAgents)))"
            return "=IF(\(volumeCell)=0,0,\(n)*100/\(volumeCell))"
        }

        /// ``Figures/isSmallSample``: `note` beside fewer than ``QAFigures/smallSample`` audited.
        func smallSampleNote(scoredCell: String, note: String) -> String {
            "=IF(\(scoredCell)<\(QAFigures.smallSample),\(ExcelFormula.text(note)),\"\")"
        }
    }
}
