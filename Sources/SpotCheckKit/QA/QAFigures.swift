import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// A QA period's figures, counted once (SPEC Part 2, "The sheets"): per agent and for the team,
/// volume, sampled, findings per rule and the audited transcripts' results; and the team's common
/// problems. The QA report only lays them out.
struct QAFigures {
    /// The figures of one agent, or of the team.
    struct Figures {
        var volume = 0
        var sampled = 0
        var findings: [QARule: Int] = [:]
        var results: [Scorecard.Result] = []

        var average: Double? { results.isEmpty ? nil : results.reduce(0) { $0 + $1.total } / Double(results.count) }
        var passRate: Double? { results.isEmpty ? nil : Double(results.filter(\.passed).count) / Double(results.count) }
        func per100(_ r: QARule) -> Double { volume == 0 ? 0 : Double(findings[r] ?? 0) * 100 / Double(volume) }
    }

    /// A common problem of the team: what, and how many audited transcripts had it.
    struct Problem {
        var what: Message
        var count: Int
    }

    /// Per agent, and the team.
    var agents: [String: Figures] = [:]
    var team = Figures()
    /// The audited transcripts: sampled and scored on every item.
    var audited: [(row: TranscriptRow, audit: QAData.Audit, result: Scorecard.Result)]
    /// Each transcript's findings.
    var findingsBy: [Int: [Finding]]
    /// The team's common problems, largest first.
    var problems: [Problem] = []

    init(
        rows: [TranscriptRow], findings: [QAData.StoredFinding], sampled sampledIDs: Set<Int>,
        audits: [Int: QAData.Audit], card: Scorecard, limits: QARules
    ) {
        let findingsBy = Dictionary(grouping: findings, by: \.transcript).mapValues { $0.map(\.finding) }
        // Audited: sampled and scored with every item.
        let audited: [(row: TranscriptRow, audit: QAData.Audit, result: Scorecard.Result)] = rows.compactMap { r in
            guard sampledIDs.contains(r.id), let a = audits[r.id], let result = card.score(a.scores) else { return nil }
            return (r, a, result)
        }

        var agents: [String: Figures] = [:]
        var team = Figures()
        for r in rows {
            var f = agents[r.agent] ?? Figures()
            f.volume += 1
            team.volume += 1
            if sampledIDs.contains(r.id) { f.sampled += 1; team.sampled += 1 }
            for x in findingsBy[r.id] ?? [] {
                f.findings[x.rule, default: 0] += 1; team.findings[x.rule, default: 0] += 1
            }
            agents[r.agent] = f
        }
        for a in audited { agents[a.row.agent]!.results.append(a.result); team.results.append(a.result) }

        // The team's common problems, as shares of the audited transcripts.
        var problems: [Problem] = []
        for item in card.items {
            let n = audited.filter { ($0.audit.scores[item.id] ?? item.top) < item.top }.count
            problems.append(Problem(what: Catalog.QA.itemProblem(item.name), count: n))
        }
        for rule in QARule.allCases {
            let n = audited.filter { a in (findingsBy[a.row.id] ?? []).contains { $0.rule == rule } }.count
            problems.append(Problem(what: Catalog.QA.ruleProblem(rule, limits: limits), count: n))
        }
        // Largest first; ties keep the scorecard's order, then the rules'.
        problems = problems.enumerated().filter { $0.element.count > 0 }
            .sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
        self.audited = audited
        self.findingsBy = findingsBy
        self.agents = agents
        self.team = team
        self.problems = problems
    }
}
