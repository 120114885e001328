import Testing

@testable import SpotCheckCore

/// "2026-11-24 10:30"
private func moment(_ s: String) -> LocalDateTime {
    let n = s.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
    return LocalDateTime(day: Day(year: n[0], month: n[1], day: n[2])!, hour: n[3], minute: n[4])!
}

@Suite("The order a caller works down their cases")
struct CallingOrderTests {
    let hours = CallingHours.standard

    func evaluate(_ attempts: [(String, AttemptResult)], score: Int? = nil, imLeft: Bool = false) -> CaseEvaluation {
        CaseRules.evaluate(
            CallRecord(
                attempts: attempts.map { CallAttempt(at: moment($0.0), result: $0.1) }, score: score, imLeft: imLeft),
            hours: hours, calendar: calendar2026)
    }

    @Test func aCallNowCountsOnlyWithinTheHoursAndInAPeriodNotYetTried() {
        let triedThisMorning = evaluate([("2026-11-24 09:10", .noAnswer)])
        let now = moment("2026-11-24 10:00")  // Tuesday morning
        #expect(!CallingOrder.countsNow(triedThisMorning, now: now, hours: hours, calendar: calendar2026))
        // The afternoon is another period.
        #expect(
            CallingOrder.countsNow(
                triedThisMorning, now: moment("2026-11-24 13:00"), hours: hours, calendar: calendar2026))
        // The lunch gap and the night are outside the hours: nothing counts then.
        let untried = evaluate([])
        #expect(CallingOrder.countsNow(untried, now: now, hours: hours, calendar: calendar2026))
        #expect(!CallingOrder.countsNow(untried, now: moment("2026-11-24 12:00"), hours: hours, calendar: calendar2026))
        #expect(!CallingOrder.countsNow(untried, now: moment("2026-11-24 20:00"), hours: hours, calendar: calendar2026))
        // An attempt outside the hours this morning (08:30) did not count: a call now still does.
        let tooEarly = evaluate([("2026-11-24 08:30", .noAnswer)])
        #expect(CallingOrder.periodsTried(tooEarly).isEmpty)
        #expect(CallingOrder.countsNow(tooEarly, now: now, hours: hours, calendar: calendar2026))
    }

    @Test func openFirstThenCountingNowThenFewestPeriodsThenListOrder() {
        let now = moment("2026-11-24 10:00")
        func key(_ item: Int, _ e: CaseEvaluation) -> CallingOrder.Key {
            CallingOrder.key(item: item, e, now: now, hours: hours, calendar: calendar2026)
        }
        let ended = key(1, evaluate([("2026-11-23 10:00", .scored)], score: 5))
        let triedNow = key(2, evaluate([("2026-11-24 09:30", .busy)]))
        let twoPeriods = key(3, evaluate([("2026-11-23 10:00", .busy), ("2026-11-23 14:00", .busy)]))
        let onePeriod = key(4, evaluate([("2026-11-23 10:00", .busy)]))
        let fresh = key(5, evaluate([]))
        let order = [ended, triedNow, twoPeriods, onePeriod, fresh].sorted().map(\.item)
        #expect(order == [5, 4, 3, 2, 1])
        // Ended cases keep the list's order among themselves.
        let ended2 = key(0, evaluate([("2026-11-23 10:00", .refusedAfterConnect)]))
        #expect([ended, ended2].sorted().map(\.item) == [0, 1])
    }
}

@Suite("What the transcript page shows and the scorecard checks")
struct WorkbenchQARulesTests {
    let card = Scorecard(
        items: [
            .init(id: "respond", name: "及时响应", category: "流程合规性", weight: 30, allowed: [0, 5, 10], critical: false),
            .init(id: "wording", name: "未使用服务忌语", category: "话术规范性", weight: 70, allowed: [0, 10], critical: true),
        ], passMark: 80)

    @Test func scoresAreCheckedItemByItemAndAsAWhole() {
        #expect(card.problems(of: ["respond": 10, "wording": 10]).isEmpty)
        #expect(card.problems(of: [:]).isEmpty)  // nothing scored: not an audit, not a problem
        #expect(card.problems(of: ["respond": 7, "wording": 10]) == [.notAllowed(item: "respond", score: 7)])
        #expect(card.problems(of: ["wording": 10]) == [.missing(["respond"])])
        #expect(
            card.problems(of: ["respond": 5, "wording": 10, "extra": 1]) == [.unknownItem("extra")])
        // What the scorecard totals has no problems, and the other way round.
        for scores in [["respond": 5, "wording": 0], ["respond": 10, "wording": 10]] {
            #expect(card.problems(of: scores).isEmpty && card.score(scores) != nil)
        }
        #expect(card.score(["respond": 7, "wording": 10]) == nil)
    }

    @Test func silencesLongerThanTheThresholdBetweenSpokenUtterances() {
        let t0 = moment("2026-11-03 10:00")
        func at(_ s: Double) -> LocalDateTime { t0.adding(milliseconds: Int64(s * 1000)) }
        let call = Transcript(
            channel: .call, agent: "王敏",
            utterances: [
                Utterance(seq: 0, speaker: .agent, start: at(0), end: at(2), text: "您好"),
                Utterance(seq: 1, speaker: .customer, start: at(5), end: at(6), text: "你好"),  // exactly 3 s: none
                Utterance(seq: 2, speaker: .system, start: at(7), end: at(8), text: "请稍候"),  // the system is not talk
                Utterance(seq: 3, speaker: .agent, start: at(9.5), end: at(10), text: "请问有什么可以帮您"),
            ])
        let checks = TranscriptChecks(
            rules: qaRules, phrases: PhraseMatcher(phrases: [], exceptions: [], folder: .plain), folder: .plain)
        #expect(checks.silences(call) == [.init(after: 1, before: 3, ms: 3500)])
        let chat = Transcript(channel: .chat, agent: "王敏", utterances: call.utterances)
        #expect(checks.silences(chat).isEmpty)
    }
}
