/// The audit scorecard (SPEC Part 2, "Audit scorecard"; `Templates/scorecard.json`): items
/// with a category, a weight and the scores allowed; critical items fail a transcript that
/// gets their lowest score, whatever the rest; a pass mark on the total.
public struct Scorecard: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var id: String
        public var name: String
        public var category: String
        /// Share of the 100-point total.
        public var weight: Double
        /// The scores an auditor may give, lowest first.
        public var allowed: [Int]
        public var critical: Bool
        /// The automatic checks whose findings are this item's failings (``QARule/bannedPhrase``
        /// for 未使用服务忌语): the team's common problems count the two as one problem.
        public var checks: [QARule]
        /// The name and the category in English, when the scorecard gives them (`name_en`,
        /// `category_en`): what English sheets show instead of `name` and `category`.
        public var englishName: String?
        public var englishCategory: String?

        public init(
            id: String, name: String, category: String, weight: Double, allowed: [Int], critical: Bool,
            checks: [QARule] = [], englishName: String? = nil, englishCategory: String? = nil
        ) {
            self.id = id
            self.name = name
            self.category = category
            self.weight = weight
            self.allowed = allowed.sorted()
            self.critical = critical
            self.checks = checks
            self.englishName = englishName
            self.englishCategory = englishCategory
        }

        /// The highest score allowed.
        public var top: Int { allowed.last ?? 0 }
    }

    public var items: [Item]
    /// The total needed to pass, out of 100.
    public var passMark: Double

    public init(items: [Item], passMark: Double) {
        self.items = items
        self.passMark = passMark
    }

    /// What can be wrong with a scorecard.
    public enum Problem: Sendable, Equatable {
        /// The weights do not add up to 100.
        case weightsAddUpTo(Double)
        /// An item allows no score above 0.
        case noPositiveScore(item: String)
        /// Two items have the same id.
        case repeatedID(String)
        /// The pass mark is not within 0–100.
        case passMarkOutOfRange(Double)
    }

    /// Problems with the scorecard (empty when it is usable).
    public func problems() -> [Problem] {
        var out: [Problem] = []
        let sum = items.reduce(0) { $0 + $1.weight }
        if abs(sum - 100) > 1e-6 { out.append(.weightsAddUpTo(sum)) }
        for i in items where i.allowed.isEmpty || i.top <= 0 { out.append(.noPositiveScore(item: i.id)) }
        var seen = Set<String>()
        for i in items where !seen.insert(i.id).inserted { out.append(.repeatedID(i.id)) }
        if !(0...100).contains(passMark) { out.append(.passMarkOutOfRange(passMark)) }
        return out
    }

    /// What is wrong with an auditor's scores for one transcript.
    public enum ScoreProblem: Sendable, Equatable {
        /// A score its item does not allow.
        case notAllowed(item: String, score: Int)
        /// A score for an item the scorecard does not have.
        case unknownItem(String)
        /// Items left unscored while others were scored.
        case missing([String])
    }

    /// The problems of one transcript's scores, in the scorecard's order: each score is one its
    /// item allows, and once any item is scored, every item is. No problems (and at least one
    /// score) means ``score(_:)`` totals them. The audit workbook's import and the workbench's
    /// scorecard page both check with this.
    public func problems(of scores: [String: Int]) -> [ScoreProblem] {
        var out: [ScoreProblem] = []
        for item in items {
            if let s = scores[item.id], !item.allowed.contains(s) { out.append(.notAllowed(item: item.id, score: s)) }
        }
        let known = Set(items.map(\.id))
        for id in scores.keys.sorted() where !known.contains(id) { out.append(.unknownItem(id)) }
        let missing = items.filter { scores[$0.id] == nil }.map(\.id)
        if !scores.isEmpty && !missing.isEmpty { out.append(.missing(missing)) }
        return out
    }

    /// A scored transcript.
    public struct Result: Sendable, Equatable {
        /// Out of 100.
        public var total: Double
        public var passed: Bool
        /// Critical items given their lowest score.
        public var failedCritical: [String]
        /// Items below their top score.
        public var lostPoints: [String]
    }

    /// Scores a transcript: the weighted total, and pass or fail. Every item must be scored
    /// with an allowed score.
    public func score(_ scores: [String: Int]) -> Result? {
        var total = 0.0
        var failed: [String] = [], lost: [String] = []
        for item in items {
            guard let s = scores[item.id], item.allowed.contains(s) else { return nil }
            total += item.weight * Double(s) / Double(item.top)
            if item.critical && s == item.allowed.first { failed.append(item.id) }
            if s < item.top { lost.append(item.id) }
        }
        let rounded = (total * 100).rounded() / 100
        return Result(
            total: rounded, passed: failed.isEmpty && rounded >= passMark - 1e-9, failedCritical: failed,
            lostPoints: lost)
    }
}
