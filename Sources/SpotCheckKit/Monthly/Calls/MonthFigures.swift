import SpotCheckCore

/// The figures of a set of cases (a month's sample, or one source, handler or caller of it),
/// counted once: `status`, the report's summary and its breakdowns only lay them out.
public struct MonthFigures: Sendable, Equatable {
    public var cases: Int
    /// Cases with at least one attempt.
    public var called: Int
    public var scored: Int
    public var refused: Int
    public var unreachable: Int
    public var rejected: Int
    public var open: Int
    /// Counted cases per score 1–5 (a refusal counts as 3), index 0 for score 1.
    public var byScore: [Int]
    public var satisfaction: Satisfaction
    /// Cases with praise recorded.
    public var praise: Int
    public var resolvedOnSpot: Int
    public var escalatedOnTime: Int
    public var escalatedLate: Int
    public var escalatedOpen: Int
    public var attempts: Int
    public var attemptsOutsideHours: Int

    /// The cases counted whose scores count (scored or refused).
    public var counted: Int { satisfaction.count }

    /// Counted cases with a score.
    public func count(score: Int) -> Int { (1...5).contains(score) ? byScore[score - 1] : 0 }

    public init<S: Sequence>(_ cases: S) where S.Element == CaseView {
        var f = MonthFigures.zero
        var scores: [Int] = []
        for c in cases {
            f.cases += 1
            if !c.attempts.isEmpty { f.called += 1 }
            switch c.status {
            case .scored: f.scored += 1
            case .refused: f.refused += 1
            case .unreachable: f.unreachable += 1
            case .rejected: f.rejected += 1
            case .open: f.open += 1
            }
            if let s = c.status.countedScore {
                scores.append(s)
                f.byScore[s - 1] += 1
            }
            if c.caseRow?.praise != nil { f.praise += 1 }
            if c.caseRow?.complaint == .resolved { f.resolvedOnSpot += 1 }
            switch c.escalation {
            case .onTime?: f.escalatedOnTime += 1
            case .late?: f.escalatedLate += 1
            case .open?: f.escalatedOpen += 1
            case nil: break
            }
            f.attempts += c.attempts.count
            f.attemptsOutsideHours += c.evaluation.outsideHours
        }
        f.satisfaction = Satisfaction(scores: scores)
        self = f
    }

    private static let zero = MonthFigures(
        cases: 0, called: 0, scored: 0, refused: 0, unreachable: 0, rejected: 0, open: 0, byScore: [0, 0, 0, 0, 0],
        satisfaction: Satisfaction(scores: []), praise: 0, resolvedOnSpot: 0, escalatedOnTime: 0, escalatedLate: 0,
        escalatedOpen: 0,
        attempts: 0, attemptsOutsideHours: 0)

    private init(
        cases: Int, called: Int, scored: Int, refused: Int, unreachable: Int, rejected: Int, open: Int, byScore: [Int],
        satisfaction: Satisfaction, praise: Int, resolvedOnSpot: Int, escalatedOnTime: Int, escalatedLate: Int,
        escalatedOpen: Int, attempts: Int, attemptsOutsideHours: Int
    ) {
        self.cases = cases
        self.called = called
        self.scored = scored
        self.refused = refused
        self.unreachable = unreachable
        self.rejected = rejected
        self.open = open
        self.byScore = byScore
        self.satisfaction = satisfaction
        self.praise = praise
        self.resolvedOnSpot = resolvedOnSpot
        self.escalatedOnTime = escalatedOnTime
        self.escalatedLate = escalatedLate
        self.escalatedOpen = escalatedOpen
        self.attempts = attempts
        self.attemptsOutsideHours = attemptsOutsideHours
    }
}

extension MonthCases {
    /// The figures of the sample (main list and reserves in play).
    public var figures: MonthFigures { MonthFigures(sample) }
}
