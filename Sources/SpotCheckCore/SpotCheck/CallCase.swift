/// Part of a calling day, for telling attempts "in different time periods" apart (SPEC Part 1,
/// "Call outcomes and scoring"): morning before 12:00, afternoon 13:00–17:00, evening 17:00–20:00.
public enum DayPart: Int, Sendable, Comparable, CaseIterable {
    case morning, afternoon, evening

    /// The part of the day a minute falls in; nil in the lunch gap and outside 00:00–20:00.
    public static func of(minute: Int) -> DayPart? {
        switch minute {
        case ..<(12 * 60): return .morning
        case (13 * 60)..<(17 * 60): return .afternoon
        case (17 * 60)..<(20 * 60): return .evening
        default: return nil
        }
    }

    public static func < (a: DayPart, b: DayPart) -> Bool { a.rawValue < b.rawValue }
}

/// A time period: a day and a part of it. Two attempts are "in different time periods" when
/// their periods differ: on different days, or in different parts of the same day.
public struct TimePeriod: Hashable, Sendable, Comparable {
    public var day: Day
    public var part: DayPart

    /// The period of a moment; nil when the moment belongs to no part (lunch gap, night).
    public init?(_ t: LocalDateTime) {
        guard let part = DayPart.of(minute: t.minuteOfDay) else { return nil }
        day = t.day
        self.part = part
    }

    public static func < (a: TimePeriod, b: TimePeriod) -> Bool { (a.day, a.part) < (b.day, b.part) }
}

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

    public init(attempts: [CallAttempt] = [], score: Int? = nil, imLeft: Bool = false, complaint: ComplaintHandling? = nil,
                repliedAt: LocalDateTime? = nil) {
        self.attempts = attempts
        self.score = score
        self.imLeft = imLeft
        self.complaint = complaint
        self.repliedAt = repliedAt
    }
}

/// Where a case stands (SPEC Part 1: "A customer case ends in one of: scored,
/// scored-3-by-refusal, excluded-unreachable, excluded-rejected. Open cases are listed as such").
public enum CaseStatus: Sendable, Equatable, Hashable {
    /// Not ended yet.
    case open
    /// Connected and scored 1–5.
    case scored(Int)
    /// Connected, then refused or hung up, or gave no score: recorded as 3 and counted.
    case refused
    /// Unreachable after three valid attempts in three periods and an unanswered IM/SMS: not counted.
    case unreachable
    /// Rejected without answering in two valid attempts in two periods: not counted.
    case rejected

    /// The score that counts: the score, 3 for a refusal, nil otherwise.
    public var countedScore: Int? {
        switch self {
        case .scored(let s): return s
        case .refused: return 3
        default: return nil
        }
    }

    /// True for an ended case that is not counted (it brings a reserve into play).
    public var isExcluded: Bool { self == .unreachable || self == .rejected }

    /// True once the case has ended.
    public var isEnded: Bool { self != .open }

    /// A stable name for storage and JSON.
    public var code: String {
        switch self {
        case .open: return "open"
        case .scored: return "scored"
        case .refused: return "refused"
        case .unreachable: return "unreachable"
        case .rejected: return "rejected"
        }
    }
}

/// An attempt as the rules see it.
public struct AttemptReview: Sendable, Equatable {
    public var attempt: CallAttempt
    /// Within the calling hours of its day.
    public var withinHours: Bool
    /// Made after the case had already ended.
    public var afterEnd: Bool
}

/// A case evaluated: its status, the attempt that ended it, and each attempt's review.
public struct CaseEvaluation: Sendable, Equatable {
    public var status: CaseStatus
    /// When the case ended (the deciding attempt).
    public var endedAt: LocalDateTime?
    /// The attempt on which the customer was reached (scored or refused).
    public var connectedAt: LocalDateTime?
    public var attempts: [AttemptReview]
    /// Distinct periods with valid not-connected attempts, and with valid rejections.
    public var unreachablePeriods: Int
    public var rejectedPeriods: Int

    /// Attempts outside the calling hours.
    public var outsideHours: Int { attempts.filter { !$0.withinHours }.count }
}

/// The SOP's rules for ending a spot-check case (seed 000, 抽查需注意事项), in one place.
///
/// - Attempts are taken in time order. An attempt outside the calling hours is kept and
///   flagged, and never counts toward the attempts that end a case as unreachable or
///   rejected. A customer who answered out of hours did answer: their score (or refusal)
///   stands, and the attempt stays flagged.
/// - Scored: connected and a score 1–5 given. Refused after connecting, or no score given:
///   recorded as 3 and counted.
/// - Unreachable (no answer, busy, powered off, out of service — and rejections, which do not
///   connect either): three or more valid attempts in three different periods, and an IM/SMS
///   left unanswered. Not counted.
/// - Rejected (拒接): two or more valid rejections in two different periods. Not counted.
/// - Anything short of that stays open. Attempts after the end are kept and flagged.
public enum CaseRules {
    /// Valid attempts in distinct periods that end a case as unreachable.
    public static let unreachableAttempts = 3
    /// Valid rejections in distinct periods that end a case as rejected.
    public static let rejectedAttempts = 2

    public static func evaluate(_ record: CallRecord, hours: CallingHours, calendar: HolidayCalendar) -> CaseEvaluation {
        let ordered = record.attempts.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        var status = CaseStatus.open
        var endedAt: LocalDateTime? = nil
        var connectedAt: LocalDateTime? = nil
        var notConnected = Set<TimePeriod>()
        var rejections = Set<TimePeriod>()
        var reviews: [AttemptReview] = []
        for a in ordered {
            let within = hours.allows(a.at, calendar: calendar)
            let afterEnd = status.isEnded
            reviews.append(AttemptReview(attempt: a, withinHours: within, afterEnd: afterEnd))
            if afterEnd { continue }
            switch a.result {
            case .scored:
                connectedAt = a.at
                status = record.score.map { (1...5).contains($0) ? .scored($0) : .refused } ?? .refused
            case .refusedAfterConnect:
                connectedAt = a.at
                status = .refused
            case .noAnswer, .busy, .poweredOff, .outOfService, .rejected:
                guard within, let period = TimePeriod(a.at) else { continue }
                notConnected.insert(period)
                if a.result == .rejected { rejections.insert(period) }
                if rejections.count >= rejectedAttempts {
                    status = .rejected
                } else if notConnected.count >= unreachableAttempts && record.imLeft {
                    status = .unreachable
                }
            }
            if status.isEnded { endedAt = a.at }
        }
        // An IM/SMS left after the third attempt ends the case then.
        if status == .open && record.imLeft && notConnected.count >= unreachableAttempts {
            status = .unreachable
            endedAt = ordered.last?.at
        }
        return CaseEvaluation(status: status, endedAt: endedAt, connectedAt: connectedAt, attempts: reviews,
                              unreachablePeriods: notConnected.count, rejectedPeriods: rejections.count)
    }
}

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

/// Which reserves are in play: each case that ends excluded brings the next reserve, by rank,
/// into the list; a reserve that ends excluded brings the next one in turn.
public enum Reserves {
    /// How many reserves (taken in rank order) are in play, given the statuses of the main
    /// list and of the reserves in rank order.
    public static func inPlay(main: [CaseStatus], reserves: [CaseStatus]) -> Int {
        var n = 0
        while n < reserves.count {
            let excluded = main.filter(\.isExcluded).count + reserves.prefix(n).filter(\.isExcluded).count
            if excluded > n { n += 1 } else { break }
        }
        return n
    }
}

/// 服务满意度 = 客户打分总和 / 抽查回访总和 (SPEC Part 1, "The metric"): the sum of the counted
/// scores over the number of counted cases. Not available (nil) with no counted case.
public struct Satisfaction: Sendable, Equatable {
    public var total: Int
    public var count: Int

    public init<S: Sequence>(scores: S) where S.Element == Int {
        var t = 0, c = 0
        for s in scores { t += s; c += 1 }
        total = t
        count = c
    }

    /// The satisfaction, or nil when no case counts.
    public var value: Double? { count == 0 ? nil : Double(total) / Double(count) }

    /// Whether the value meets the target; nil when there is no value.
    public func meets(_ target: Double) -> Bool? { value.map { $0 >= target - 1e-9 } }
}
