// SPEC Part 1, "Call outcomes and scoring"; seed 000 (抽查需注意事项): how a case ends.

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

    public static func evaluate(_ record: CallRecord, hours: CallingHours, calendar: HolidayCalendar) -> CaseEvaluation
    {
        let ordered = record.attempts.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
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
        return CaseEvaluation(
            status: status, endedAt: endedAt, connectedAt: connectedAt, attempts: reviews,
            unreachablePeriods: notConnected.count, rejectedPeriods: rejections.count)
    }
}
