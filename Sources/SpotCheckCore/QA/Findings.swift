/// The automatic checks of a transcript (SPEC Part 2, "Automatic checks").
public enum QARule: String, Sendable, Codable, CaseIterable {
    /// A banned phrase (服务忌语) in an agent utterance.
    case bannedPhrase = "banned-phrase"
    /// Calls: more than 3 s of silence after the greeting and no repeated prompt.
    case silenceReprompt = "silence-reprompt"
    /// Calls: more than 3 s more of silence after the prompt and no apology-and-end.
    case silenceApology = "silence-apology"
    /// Calls: more than 3 s of silence where the agent owed the next words, no wait announced.
    case deadAir = "dead-air"
    /// Chat: the first reply came later than 15 s after the customer's first message.
    case firstResponse = "first-response"
    /// No greeting at the start.
    case noGreeting = "no-greeting"
    /// No closing at the end.
    case noClosing = "no-closing"
}

/// One finding of the automatic checks.
public struct Finding: Sendable, Equatable {
    public var rule: QARule
    /// The utterance it concerns (nil when it concerns none, e.g. a reply that never came).
    public var utterance: Int?
    /// When: the match's utterance, or the start of the silence or delay.
    public var at: LocalDateTime
    /// The original text matched (banned phrases), or the utterance concerned.
    public var matched: String
    /// The utterance around the match.
    public var excerpt: String
    /// The silence or the delay, in milliseconds (nil for a chat that got no reply at all).
    public var gapMs: Int?
    /// The banned phrase's pattern, category and severity.
    public var phrase: BannedPhrase?
    /// Where the match stands in its utterance: character (Unicode scalar) offsets, from 0.
    public var span: Range<Int>?

    public init(
        rule: QARule, utterance: Int?, at: LocalDateTime, matched: String, excerpt: String, gapMs: Int? = nil,
        phrase: BannedPhrase? = nil, span: Range<Int>? = nil
    ) {
        self.rule = rule
        self.utterance = utterance
        self.at = at
        self.matched = matched
        self.excerpt = excerpt
        self.gapMs = gapMs
        self.phrase = phrase
        self.span = span
    }
}
