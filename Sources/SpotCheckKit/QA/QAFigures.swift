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
        /// Per scorecard item, how many of the audited transcripts lost points on it.
        var lost: [String: Int] = [:]

        var average: Double? { results.isEmpty ? nil : results.reduce(0) { $0 + $1.total } / Double(results.count) }
        var passRate: Double? { results.isEmpty ? nil : Double(results.filter(\.passed).count) / Double(results.count) }
        func per100(_ r: QARule) -> Double { volume == 0 ? 0 : Double(findings[r] ?? 0) * 100 / Double(volume) }
        /// Findings of every rule per 100 transcripts.
        var allPer100: Double { volume == 0 ? 0 : Double(findings.values.reduce(0, +)) * 100 / Double(volume) }
        /// Too few audited transcripts for the average and the pass rate to say much
        /// (fewer than ``QAFigures/smallSample``).
        var isSmallSample: Bool { results.count < QAFigures.smallSample }

        mutating func add(_ result: Scorecard.Result) {
            results.append(result)
            for id in result.lostPoints { lost[id, default: 0] += 1 }
        }

        /// Adds another's figures: one person's under several names, as one.
        mutating func add(_ other: Figures) {
            volume += other.volume
            sampled += other.sampled
            for (rule, n) in other.findings { findings[rule, default: 0] += n }
            for r in other.results { add(r) }
        }
    }

    /// Below this many audited transcripts an agent's average and pass rate get a note (issue 9).
    static let smallSample = 5

    /// A scorecard item and how many audited transcripts lost points on it.
    struct LostItem {
        var item: Scorecard.Item
        var count: Int
    }

    /// The items `figures`' audited transcripts lost points on, most first; ties keep the
    /// scorecard's order.
    static func lostMost(_ figures: Figures, card: Scorecard) -> [LostItem] {
        card.items.enumerated().map {
            (offset: $0.offset, lost: LostItem(item: $0.element, count: figures.lost[$0.element.id] ?? 0))
        }
        .filter { $0.lost.count > 0 }
        .sorted { ($1.lost.count, $0.offset) < ($0.lost.count, $1.offset) }.map(\.lost)
    }

    /// A common problem of the team: what, and how many audited transcripts had it. A scorecard
    /// item and the automatic checks it covers (未使用服务忌语 and 服务忌语) are one problem: a
    /// transcript has it when it lost points on the item or the checks found it, and the two
    /// counts are kept.
    struct Problem {
        var what: Message
        var count: Int
        /// Audited transcripts in which the checks found the problem; nil when no check covers it.
        var found: Int?
        /// Audited transcripts that lost points on the problem's item; nil when it is no item's.
        var lost: Int?
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
            QAFigures.audited(r.id, sampled: sampledIDs, audits: audits, card: card).map { (r, $0.audit, $0.result) }
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
        for a in audited { agents[a.row.agent]!.add(a.result); team.add(a.result) }
        self.audited = audited
        self.findingsBy = findingsBy
        self.agents = agents
        self.team = team
        self.problems = QAFigures.problems(audited: audited, findings: findingsBy, card: card, limits: limits)
    }

    /// A transcript's audit and its result when it counts as audited: sampled, and scored on
    /// every item with an allowed score.
    static func audited(
        _ id: Int, sampled: Set<Int>, audits: [Int: QAData.Audit], card: Scorecard
    ) -> (audit: QAData.Audit, result: Scorecard.Result)? {
        guard sampled.contains(id), let a = audits[id], let result = card.score(a.scores) else { return nil }
        return (a, result)
    }

    /// The team's common problems, as counts of the audited transcripts: each scorecard item with
    /// the checks it covers, then each check no item covers; largest first, ties in the
    /// scorecard's order, then the rules'.
    static func problems(
        audited: [(row: TranscriptRow, audit: QAData.Audit, result: Scorecard.Result)], findings: [Int: [Finding]],
        card: Scorecard, limits: QARules
    ) -> [Problem] {
        /// The audited transcripts in which the checks found one of `rules`.
        func found(_ rules: Set<QARule>) -> Set<Int> {
            Set(audited.map(\.row.id).filter { id in (findings[id] ?? []).contains { rules.contains($0.rule) } })
        }
        var problems: [Problem] = []
        var covered: Set<QARule> = []
        for item in card.items {
            let lost = Set(audited.filter { $0.result.lostPoints.contains(item.id) }.map(\.row.id))
            let rules = Set(item.checks)
            covered.formUnion(rules)
            let hits = rules.isEmpty ? [] : found(rules)
            let what =
                item.checks.count == 1
                ? Catalog.QA.ruleProblem(item.checks[0], limits: limits)
                : Catalog.QA.itemProblem(Catalog.QA.itemName(item))
            problems.append(
                Problem(
                    what: what, count: lost.union(hits).count, found: rules.isEmpty ? nil : hits.count,
                    lost: lost.count))
        }
        for rule in QARule.allCases where !covered.contains(rule) {
            let n = found([rule]).count
            problems.append(Problem(what: Catalog.QA.ruleProblem(rule, limits: limits), count: n, found: n, lost: nil))
        }
        return problems.enumerated().filter { $0.element.count > 0 }
            .sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
    }
}
