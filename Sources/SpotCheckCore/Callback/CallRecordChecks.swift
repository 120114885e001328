/// What a customer's recorded calls must agree with (SPEC Part 1, "Call outcomes and scoring";
/// seed 000, 抽查规范用语): a score 1–5 is given on a connected call that was scored, and a
/// scored call has one; a complaint is raised on a connected call; a reply time belongs to an
/// escalated complaint and comes after the call. `spotcheck call` and `results import` both
/// check a case with these rules before anything is stored.
public enum CallRecordCheck: Sendable, Equatable, CaseIterable {
    /// A score outside 1–5.
    case scoreOutOfRange
    /// A score, but no attempt ended 已接通并评分.
    case scoreWithoutScoredAttempt
    /// An attempt ended 已接通并评分, but no score.
    case scoredAttemptWithoutScore
    /// Complaint handling, but no call connected.
    case complaintWithoutConnection
    /// A reply time, but the complaint was not escalated.
    case replyWithoutEscalation
    /// A reply time before the first connected call.
    case replyBeforeCall

    /// The field of the case a problem is about.
    public enum Field: Sendable { case score, complaint, repliedAt }

    public var field: Field {
        switch self {
        case .scoreOutOfRange, .scoreWithoutScoredAttempt, .scoredAttemptWithoutScore: return .score
        case .complaintWithoutConnection: return .complaint
        case .replyWithoutEscalation, .replyBeforeCall: return .repliedAt
        }
    }

    /// The problems of a case as it would be stored, in the order above.
    public static func problems(
        attempts: [CallAttempt], score: Int?, complaint: ComplaintHandling?, repliedAt: LocalDateTime?
    )
        -> [CallRecordCheck]
    {
        var out: [CallRecordCheck] = []
        let scored = attempts.contains { $0.result == .scored }
        let firstConnected = attempts.filter { $0.result.connected }.map(\.at).min()
        if let s = score, !(1...5).contains(s) { out.append(.scoreOutOfRange) }
        if score != nil && !scored { out.append(.scoreWithoutScoredAttempt) }
        if scored && score == nil { out.append(.scoredAttemptWithoutScore) }
        if complaint != nil && firstConnected == nil { out.append(.complaintWithoutConnection) }
        if repliedAt != nil && complaint != .escalated { out.append(.replyWithoutEscalation) }
        if let r = repliedAt, let first = firstConnected, r < first { out.append(.replyBeforeCall) }
        return out
    }
}
