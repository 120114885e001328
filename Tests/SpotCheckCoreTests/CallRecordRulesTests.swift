import Testing

@testable import SpotCheckCore

@Suite("What a recorded case must agree with, and who counts as spot-checked")
struct CallRecordRulesTests {
    func at(_ h: Int, _ m: Int) -> LocalDateTime {
        LocalDateTime(day: Day(year: 2026, month: 11, day: 24)!, hour: h, minute: m)!
    }

    @Test func aScoreGoesWithAScoredCallAndAReplyWithAnEscalationAfterTheCall() {
        let scored = [CallAttempt(at: at(10, 0), result: .scored)]
        let missed = [CallAttempt(at: at(10, 0), result: .noAnswer)]
        #expect(CallRecordCheck.problems(attempts: scored, score: 4, complaint: nil, repliedAt: nil).isEmpty)
        #expect(
            CallRecordCheck.problems(attempts: scored, score: 6, complaint: nil, repliedAt: nil) == [.scoreOutOfRange])
        #expect(
            CallRecordCheck.problems(attempts: missed, score: 4, complaint: nil, repliedAt: nil) == [
                .scoreWithoutScoredAttempt
            ])
        #expect(
            CallRecordCheck.problems(attempts: scored, score: nil, complaint: nil, repliedAt: nil) == [
                .scoredAttemptWithoutScore
            ])
        #expect(
            CallRecordCheck.problems(attempts: missed, score: nil, complaint: .resolved, repliedAt: nil) == [
                .complaintWithoutConnection
            ])
        #expect(
            CallRecordCheck.problems(attempts: scored, score: 2, complaint: .resolved, repliedAt: at(10, 20)) == [
                .replyWithoutEscalation
            ])
        #expect(
            CallRecordCheck.problems(attempts: scored, score: 2, complaint: .escalated, repliedAt: at(9, 59)) == [
                .replyBeforeCall
            ])
        // A reply at the very minute of the call is not before it.
        #expect(
            CallRecordCheck.problems(attempts: scored, score: 2, complaint: .escalated, repliedAt: at(10, 0)).isEmpty)
        #expect(CallRecordCheck.replyBeforeCall.field == .repliedAt)
    }

    @Test func theLookBackCountsMainListsAndReservesInPlayOnly() {
        let nov = YearMonth(year: 2026, month: 11)!
        #expect(History.months(before: nov, lookback: 0) == nil)
        #expect(
            History.months(before: nov, lookback: 12) == YearMonth(year: 2025, month: 11)!...YearMonth(
                year: 2026, month: 10)!)
        let drawn = [
            History.DrawnCustomer(customer: 1, isReserve: false, inPlay: false),
            History.DrawnCustomer(customer: 2, isReserve: true, inPlay: true),
            History.DrawnCustomer(customer: 3, isReserve: true, inPlay: false),
        ]
        #expect(History.excluded(drawn) == [1, 2])
    }
}
