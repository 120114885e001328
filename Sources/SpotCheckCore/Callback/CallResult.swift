/// The result of one call attempt (SPEC Part 1, "Call outcomes and scoring").
public enum AttemptResult: String, CaseIterable, Sendable, Codable {
    /// Rang out, nobody answered (无人接听).
    case noAnswer = "no-answer"
    /// Line busy (占线/通话中).
    case busy
    /// Phone switched off (关机).
    case poweredOff = "powered-off"
    /// Number out of service or not in use (停机/空号).
    case outOfService = "out-of-service"
    /// The customer rejected the call without answering (拒接).
    case rejected
    /// Connected, then the customer refused or hung up, or would not give a score.
    case refusedAfterConnect = "refused-after-connect"
    /// Connected and the customer gave a score.
    case scored

    /// True when the customer was on the line.
    public var connected: Bool { self == .refusedAfterConnect || self == .scored }
}

/// How a complaint raised during the call was handled.
public enum ComplaintHandling: String, CaseIterable, Sendable, Codable {
    /// Resolved on the spot, and the customer accepted it (当场解决).
    case resolved
    /// Passed into the after-sales process with a reply promised within 30 minutes (升级处理).
    case escalated
}
