// SPEC Part 1, "Call outcomes and scoring": what is recorded of one customer's calls.

/// One call attempt.
public struct CallAttempt: Hashable, Sendable {
    public var at: LocalDateTime
    public var result: AttemptResult

    public init(at: LocalDateTime, result: AttemptResult) {
        self.at = at
        self.result = result
    }
}

/// Everything recorded about one customer on the list.
public struct CallRecord: Sendable, Equatable {
    public var attempts: [CallAttempt]
    /// The score the customer gave (with a `scored` attempt).
    public var score: Int?
    /// An IM (旺旺) message or SMS was left and not answered.
    public var imLeft: Bool
    /// How a complaint raised in the call was handled.
    public var complaint: ComplaintHandling?
    /// When the escalated complaint was answered.
    public var repliedAt: LocalDateTime?

    public init(
        attempts: [CallAttempt] = [], score: Int? = nil, imLeft: Bool = false, complaint: ComplaintHandling? = nil,
        repliedAt: LocalDateTime? = nil
    ) {
        self.attempts = attempts
        self.score = score
        self.imLeft = imLeft
        self.complaint = complaint
        self.repliedAt = repliedAt
    }
}
