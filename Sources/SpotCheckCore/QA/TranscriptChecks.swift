// SPEC Part 2, "Automatic checks" (seed 002): the silent-line rule of calls (more than 3 s), the
// chat's first reply (within 15 s), banned phrases, greeting and closing — thresholds from qa.json.

/// The phrase lists and limits of the checks (`Templates/qa.json`).
public struct QARules: Sendable {
    /// Silence longer than this is a violation; exactly this is not (default 3,000 ms).
    public var silenceMs: Int
    /// The first chat reply must come within this (default 15,000 ms; exactly this is fine).
    public var responseMs: Int
    public var greetings: [String]
    public var closings: [String]
    /// The standard prompt after silence (您好，您的电话已接通，请讲).
    public var prompts: [String]
    /// The apology that ends a silent call (对不起，听不到您的声音，请您再拨一次好吗).
    public var apologies: [String]
    /// Announcing a wait (请稍等 / 麻烦您稍等).
    public var waits: [String]

    public init(
        silenceMs: Int = 3000, responseMs: Int = 15000, greetings: [String], closings: [String], prompts: [String],
        apologies: [String], waits: [String]
    ) {
        self.silenceMs = silenceMs
        self.responseMs = responseMs
        self.greetings = greetings
        self.closings = closings
        self.prompts = prompts
        self.apologies = apologies
        self.waits = waits
    }
}

/// Runs every automatic check on a transcript, each rule in its own function.
public struct TranscriptChecks: Sendable {
    public let rules: QARules
    public let phrases: PhraseMatcher
    private let folder: TextFolder
    private let greetings, closings, prompts, apologies, waits: [[UInt32]]

    public init(rules: QARules, phrases: PhraseMatcher, folder: TextFolder) {
        self.rules = rules
        self.phrases = phrases
        self.folder = folder
        func fold(_ l: [String]) -> [[UInt32]] { l.map { folder.fold($0) }.filter { !$0.isEmpty } }
        greetings = fold(rules.greetings)
        closings = fold(rules.closings)
        prompts = fold(rules.prompts)
        apologies = fold(rules.apologies)
        waits = fold(rules.waits)
    }

    /// Every finding of a transcript, in time order.
    public func check(_ t: Transcript) -> [Finding] {
        var out = bannedPhrases(t)
        out += wording(t)
        switch t.channel {
        case .call: out += silence(t)
        case .chat: out += firstResponse(t)
        }
        return out.sorted {
            ($0.at, $0.utterance ?? -1, $0.rule.rawValue) < ($1.at, $1.utterance ?? -1, $1.rule.rawValue)
        }
    }

    // MARK: Banned phrases (agent utterances only)

    public func bannedPhrases(_ t: Transcript) -> [Finding] {
        var out: [Finding] = []
        for u in t.utterances where u.speaker == .agent {
            for m in phrases.matches(in: u.text) {
                out.append(
                    Finding(
                        rule: .bannedPhrase, utterance: u.seq, at: u.start, matched: m.text(in: u.text),
                        excerpt: TranscriptChecks.excerpt(u.text, m.start, m.end), phrase: phrases.phrases[m.phrase],
                        span: m.start..<m.end))
            }
        }
        return out
    }

    // MARK: The 3-second silent-line rule (calls)

    /// SPEC "The 3-second silent-line rule", seed 001 (听不到客户声音).
    /// After the greeting: more than the threshold of silence owes the standard prompt. Once the
    /// prompt is given — at any moment, also before the threshold elapsed — more than the
    /// threshold of silence after it owes the apology that ends the call. Apart from
    /// that, any silence longer than the threshold after a customer utterance is dead air,
    /// unless the agent announced a wait and has not spoken since.
    public func silence(_ t: Transcript) -> [Finding] {
        let spoken = t.utterances.filter { $0.speaker != .system }
        guard let callEnd = t.utterances.map(\.finish).max() else { return [] }
        var out: [Finding] = []
        let limit = rules.silenceMs
        func gap(_ from: LocalDateTime, _ to: LocalDateTime) -> Int { Int(to.milliseconds - from.milliseconds) }
        // The greeting phase: the agent speaks first and the customer has not spoken yet.
        if let g = spoken.firstIndex(where: { $0.speaker == .agent }),
            !spoken[..<g].contains(where: { $0.speaker == .customer })
        {
            let greeting = spoken[g]
            let next = spoken.indices.contains(g + 1) ? spoken[g + 1] : nil
            let silent1 = gap(greeting.finish, next?.start ?? callEnd)
            if let n = next, n.speaker == .agent, contains(n.text, any: prompts) {
                // The prompt was given, whether the threshold had elapsed or not (an agent may
                // prompt early): from then on a silence longer than the threshold owes the apology.
                let after = spoken.indices.contains(g + 2) ? spoken[g + 2] : nil
                let silent2 = gap(n.finish, after?.start ?? callEnd)
                if silent2 > limit && !(after?.speaker == .agent && contains(after!.text, any: apologies)) {
                    out.append(
                        Finding(
                            rule: .silenceApology, utterance: n.seq, at: n.finish, matched: n.text,
                            excerpt: TranscriptChecks.excerpt(n.text, 0, 0), gapMs: silent2))
                }
            } else if silent1 > limit {
                out.append(
                    Finding(
                        rule: .silenceReprompt, utterance: greeting.seq, at: greeting.finish, matched: greeting.text,
                        excerpt: TranscriptChecks.excerpt(greeting.text, 0, 0), gapMs: silent1))
            }
        }
        // Dead air: after each customer utterance, until the next words.
        var waitAnnounced = false
        for (k, u) in spoken.enumerated() {
            if u.speaker == .agent { waitAnnounced = contains(u.text, any: waits); continue }
            guard let next = spoken[(k + 1)...].first(where: { $0.start >= u.start }) else { continue }
            let silent = gap(u.finish, next.start)
            if silent > limit && !waitAnnounced {
                out.append(
                    Finding(
                        rule: .deadAir, utterance: u.seq, at: u.finish, matched: u.text,
                        excerpt: TranscriptChecks.excerpt(u.text, 0, 0), gapMs: silent))
            }
        }
        return out
    }

    /// A stretch of silence on a call: from the end of one utterance to the start of the next.
    public struct Silence: Sendable, Equatable {
        /// The utterance before it and the one after it (their `seq`).
        public var after: Int
        public var before: Int
        public var ms: Int
    }

    /// Every silence of a call longer than the threshold, between one spoken (not system)
    /// utterance and the next, as the silent-line rule measures it (end to next start); a chat
    /// has none. What a person reading the call sees; the findings say which ones break a rule.
    public func silences(_ t: Transcript) -> [Silence] {
        guard t.channel == .call else { return [] }
        let spoken = t.utterances.filter { $0.speaker != .system }
        return zip(spoken, spoken.dropFirst()).compactMap { a, b in
            let ms = Int(b.start.milliseconds - a.finish.milliseconds)
            return ms > rules.silenceMs ? Silence(after: a.seq, before: b.seq, ms: ms) : nil
        }
    }

    // MARK: Chat response time

    /// The first reply (the agent's, or an auto-reply) within the limit of the customer's
    /// first message.
    public func firstResponse(_ t: Transcript) -> [Finding] {
        guard let first = t.utterances.first(where: { $0.speaker == .customer }) else { return [] }
        let reply = t.utterances.first { $0.speaker != .customer && $0.start >= first.start }
        let delay = reply.map { Int($0.start.milliseconds - first.start.milliseconds) } ?? 0
        guard delay > rules.responseMs || reply == nil else { return [] }
        // No reply at all: no delay to state.
        return [
            Finding(
                rule: .firstResponse, utterance: first.seq, at: first.start, matched: first.text,
                excerpt: TranscriptChecks.excerpt(first.text, 0, 0), gapMs: reply == nil ? nil : delay)
        ]
    }

    // MARK: Greeting and closing

    /// A greeting in the first words the shop says, a closing in its last.
    public func wording(_ t: Transcript) -> [Finding] {
        let shop = t.utterances.filter { t.channel == .chat ? $0.speaker != .customer : $0.speaker == .agent }
        guard let first = shop.first, let last = shop.last else { return [] }
        var out: [Finding] = []
        if !contains(first.text, any: greetings) {
            out.append(
                Finding(
                    rule: .noGreeting, utterance: first.seq, at: first.start, matched: first.text,
                    excerpt: TranscriptChecks.excerpt(first.text, 0, 0)))
        }
        if !contains(last.text, any: closings) {
            out.append(
                Finding(
                    rule: .noClosing, utterance: last.seq, at: last.start, matched: last.text,
                    excerpt: TranscriptChecks.excerpt(last.text, 0, 0)))
        }
        return out
    }

    /// Whether folded `text` contains any of the folded phrases.
    func contains(_ text: String, any list: [[UInt32]]) -> Bool {
        let f = folder.fold(text)
        return list.contains { p in
            guard p.count <= f.count else { return false }
            return (0...(f.count - p.count)).contains { i in f[i..<(i + p.count)].elementsEqual(p) }
        }
    }

    /// Up to ten characters either side of a span, with … where text was cut.
    public static func excerpt(_ text: String, _ start: Int, _ end: Int, context: Int = 10) -> String {
        let scalars = Array(text.unicodeScalars)
        if start == 0 && end == 0 {
            return scalars.count <= 2 * context + 10
                ? text : String(String.UnicodeScalarView(scalars[..<(2 * context + 10)])) + "…"
        }
        let a = max(0, start - context), b = min(scalars.count, end + context)
        return (a > 0 ? "…" : "") + String(String.UnicodeScalarView(scalars[a..<b])) + (b < scalars.count ? "…" : "")
    }
}
