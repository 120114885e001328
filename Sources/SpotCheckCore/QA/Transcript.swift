/// Who speaks an utterance.
public enum Speaker: String, Sendable, Codable, CaseIterable {
    /// The agent (客服).
    case agent
    /// The customer (顾客).
    case customer
    /// The system or a robot: auto-replies, announcements (系统/机器人).
    case system
}

/// Chat (旺旺/千牛) or phone call.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case chat, call
}

/// One utterance of a transcript.
public struct Utterance: Sendable, Equatable {
    /// Position in the transcript, from 0.
    public var seq: Int
    public var speaker: Speaker
    public var start: LocalDateTime
    /// When it ended (calls); nil for chat messages.
    public var end: LocalDateTime?
    public var text: String

    public init(seq: Int, speaker: Speaker, start: LocalDateTime, end: LocalDateTime?, text: String) {
        self.seq = seq
        self.speaker = speaker
        self.start = start
        self.end = end
        self.text = text
    }

    /// When it ended, or when it started for a chat message.
    public var finish: LocalDateTime { end ?? start }
}

/// A chat session or a call.
public struct Transcript: Sendable, Equatable {
    public var channel: Channel
    public var agent: String
    public var utterances: [Utterance]

    public init(channel: Channel, agent: String, utterances: [Utterance]) {
        self.channel = channel
        self.agent = agent
        self.utterances = utterances
    }

    /// When the conversation began: its first utterance.
    public var started: LocalDateTime { utterances.first?.start ?? LocalDateTime(milliseconds: 0) }

    /// The QA period the transcript belongs to (SPEC Part 2, "Sampling": 20% per agent per
    /// period): the calendar month in which the conversation began.
    public var period: YearMonth { started.day.yearMonth }
}
