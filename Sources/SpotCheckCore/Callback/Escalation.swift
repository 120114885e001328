// SPEC Part 1, "Call outcomes and scoring" (a complaint escalated with a reply promised within 30 minutes);

/// An escalated complaint: a reply is promised within 30 minutes of the call (seed 000,
/// "半小时内给您回复").
public enum Escalation: Sendable, Equatable {
    /// Not replied yet; due at `due`.
    case open(due: LocalDateTime)
    /// Replied at or before the due time.
    case onTime(due: LocalDateTime, repliedAt: LocalDateTime)
    /// Replied after the due time.
    case late(due: LocalDateTime, repliedAt: LocalDateTime)

    /// Minutes allowed for the reply.
    public static let replyMinutes = 30

    /// The escalation of a call made at `callAt`.
    public init(callAt: LocalDateTime, repliedAt: LocalDateTime?) {
        let due = callAt.adding(minutes: Escalation.replyMinutes)
        guard let r = repliedAt else { self = .open(due: due); return }
        self = r <= due ? .onTime(due: due, repliedAt: r) : .late(due: due, repliedAt: r)
    }

    /// The reply's due time.
    public var due: LocalDateTime {
        switch self {
        case .open(let d), .onTime(let d, _), .late(let d, _): return d
        }
    }

    /// True when still open at `now` and past due.
    public func isOverdue(at now: LocalDateTime) -> Bool {
        if case .open(let d) = self { return now > d }
        return false
    }
}
