import Testing

@testable import SpotCheckCore

private func t(_ s: String) -> LocalDateTime {
    // "2026-11-24 10:30"
    let parts = s.split(separator: " ")
    let d = parts[0].split(separator: "-").map { Int($0)! }
    let hm = parts[1].split(separator: ":").map { Int($0)! }
    return LocalDateTime(
        day: Day(year: d[0], month: d[1], day: d[2])!, hour: hm[0], minute: hm[1], second: hm.count > 2 ? hm[2] : 0)!
}

/// The 2026 calendar of SPEC.
let calendar2026: HolidayCalendar = {
    var holidays: [Day: String] = [:]
    func span(_ name: String, _ from: (Int, Int), _ to: (Int, Int)) {
        var d = Day(year: 2026, month: from.0, day: from.1)!
        while d <= Day(year: 2026, month: to.0, day: to.1)! { holidays[d] = name; d = d.adding(days: 1) }
    }
    span("元旦", (1, 1), (1, 3)); span("春节", (2, 15), (2, 23)); span("清明节", (4, 4), (4, 6)); span("劳动节", (5, 1), (5, 5))
    span("端午节", (6, 19), (6, 21)); span("中秋节", (9, 25), (9, 27)); span("国庆节", (10, 1), (10, 7))
    var work: [Day: String] = [:]
    for (m, d) in [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)] {
        work[Day(year: 2026, month: m, day: d)!] = "调休"
    }
    return HolidayCalendar(holidays: holidays, makeUpWorkdays: work, coveredYears: [2026])
}()

@Suite("Calling hours")
struct CallingHoursTests {
    let hours = CallingHours.standard

    @Test func workdayHoursWithTheLunchGap() {
        #expect(hours.allows(t("2026-11-24 09:00"), calendar: calendar2026))  // a Tuesday, 09:00 opens
        #expect(!hours.allows(t("2026-11-24 08:59"), calendar: calendar2026))
        #expect(hours.allows(t("2026-11-24 11:59"), calendar: calendar2026))
        #expect(!hours.allows(t("2026-11-24 12:00"), calendar: calendar2026))  // the lunch gap
        #expect(!hours.allows(t("2026-11-24 12:30"), calendar: calendar2026))
        #expect(hours.allows(t("2026-11-24 13:00"), calendar: calendar2026))
        #expect(hours.allows(t("2026-11-24 19:59"), calendar: calendar2026))
        #expect(!hours.allows(t("2026-11-24 20:00"), calendar: calendar2026))  // 20:00 sharp is outside
    }

    @Test func holidaysAndWeekendsStartAtTen() {
        #expect(!hours.allows(t("2026-10-02 09:30"), calendar: calendar2026))  // 国庆, a Friday
        #expect(hours.allows(t("2026-10-02 10:00"), calendar: calendar2026))
        #expect(!hours.allows(t("2026-11-28 09:30"), calendar: calendar2026))  // a Saturday
        #expect(hours.allows(t("2026-11-28 10:30"), calendar: calendar2026))
        #expect(calendar2026.kind(of: Day(year: 2026, month: 10, day: 2)!) == .holiday("国庆节"))
    }

    @Test func aMakeUpSaturdayIsAWorkday() {
        let saturday = Day(year: 2026, month: 10, day: 10)!
        #expect(saturday.isWeekend)
        #expect(calendar2026.kind(of: saturday) == .makeUpWorkday("调休"))
        #expect(hours.allows(t("2026-10-10 09:30"), calendar: calendar2026))
        #expect(hours.allows(t("2026-09-20 09:00"), calendar: calendar2026))  // a Sunday worked for 国庆
    }

    @Test func aYearOutsideTheCalendarFallsBackToWeekdays() {
        let newYear2027 = Day(year: 2027, month: 1, day: 1)!  // a Friday; not in the 2026 calendar
        #expect(!calendar2026.covers(newYear2027))
        #expect(calendar2026.kind(of: newYear2027) == .workday)
        #expect(hours.allows(t("2027-01-01 09:30"), calendar: calendar2026))
        #expect(!hours.allows(t("2027-01-02 09:30"), calendar: calendar2026))  // Saturday
    }

    @Test func spansParse() {
        #expect(MinuteSpan(parsing: "09:00-12:00") == MinuteSpan(start: 540, end: 720))
        #expect(MinuteSpan(parsing: "13:00–20:00")?.text == "13:00–20:00")
        #expect(MinuteSpan(parsing: "12:00-09:00") == nil)
        #expect(MinuteSpan(parsing: "nine to five") == nil)
    }
}

@Suite("Time periods")
struct PeriodTests2 {
    @Test func partsOfTheDay() {
        #expect(TimePeriod(t("2026-11-24 09:10"))?.part == .morning)
        #expect(TimePeriod(t("2026-11-24 11:59"))?.part == .morning)
        #expect(TimePeriod(t("2026-11-24 12:30")) == nil)
        #expect(TimePeriod(t("2026-11-24 13:00"))?.part == .afternoon)
        #expect(TimePeriod(t("2026-11-24 16:59"))?.part == .afternoon)
        #expect(TimePeriod(t("2026-11-24 17:00"))?.part == .evening)
        #expect(TimePeriod(t("2026-11-24 19:59"))?.part == .evening)
        #expect(TimePeriod(t("2026-11-24 20:00")) == nil)
        #expect(TimePeriod(t("2026-11-24 09:10")) != TimePeriod(t("2026-11-25 09:10")))
        #expect(TimePeriod(t("2026-11-24 09:10")) == TimePeriod(t("2026-11-24 11:40")))
    }
}

@Suite("Ending a case")
struct CaseRulesTests {
    func evaluate(_ attempts: [(String, AttemptResult)], score: Int? = nil, imLeft: Bool = false) -> CaseEvaluation {
        CaseRules.evaluate(
            CallRecord(attempts: attempts.map { CallAttempt(at: t($0.0), result: $0.1) }, score: score, imLeft: imLeft),
            hours: .standard, calendar: calendar2026)
    }

    @Test func scoredAndRefused() {
        #expect(evaluate([("2026-11-24 10:00", .scored)], score: 5).status == .scored(5))
        #expect(
            evaluate([("2026-11-24 10:00", .noAnswer), ("2026-11-24 15:00", .scored)], score: 2).status == .scored(2))
        let refused = evaluate([("2026-11-24 10:00", .refusedAfterConnect)])
        #expect(refused.status == .refused)
        #expect(refused.status.countedScore == 3)
        #expect(evaluate([("2026-11-24 10:00", .scored)], score: nil).status == .refused)  // no score given
    }

    @Test func threeAttemptsInTheSamePeriodDoNotEndACase() {
        let e = evaluate(
            [("2026-11-24 09:10", .noAnswer), ("2026-11-24 10:20", .busy), ("2026-11-24 11:30", .poweredOff)],
            imLeft: true)
        #expect(e.status == .open)
        #expect(e.unreachablePeriods == 1)
    }

    @Test func unreachableNeedsThreePeriodsAndAnIMLeft() {
        let three = [
            ("2026-11-24 09:10", AttemptResult.noAnswer), ("2026-11-24 14:00", .busy),
            ("2026-11-25 18:30", .outOfService),
        ]
        #expect(evaluate(three, imLeft: false).status == .open)
        let e = evaluate(three, imLeft: true)
        #expect(e.status == .unreachable)
        #expect(e.endedAt == t("2026-11-25 18:30"))
        #expect(e.status.countedScore == nil && e.status.isExcluded)
        // Two days, same part of the day: different periods.
        #expect(
            evaluate(
                [("2026-11-24 09:10", .noAnswer), ("2026-11-25 09:10", .noAnswer), ("2026-11-26 09:10", .noAnswer)],
                imLeft: true
            ).status == .unreachable)
    }

    @Test func rejectedNeedsTwoPeriods() {
        #expect(evaluate([("2026-11-24 09:10", .rejected), ("2026-11-24 10:10", .rejected)]).status == .open)
        let e = evaluate([("2026-11-24 09:10", .rejected), ("2026-11-24 17:10", .rejected)])
        #expect(e.status == .rejected)
        #expect(e.endedAt == t("2026-11-24 17:10"))
    }

    @Test func outOfHoursAttemptsAreFlaggedAndDoNotCount() {
        let e = evaluate([
            ("2026-11-24 08:30", .rejected), ("2026-11-24 20:00", .rejected), ("2026-11-24 12:10", .rejected),
        ])
        #expect(e.status == .open)
        #expect(e.outsideHours == 3)
        #expect(e.attempts.map(\.withinHours) == [false, false, false])
        // A customer reached out of hours did answer: the score stands, the attempt stays flagged.
        let late = evaluate([("2026-11-24 20:30", .scored)], score: 4)
        #expect(late.status == .scored(4))
        #expect(late.outsideHours == 1)
    }

    @Test func attemptsAfterTheEndAreKeptAndFlagged() {
        let e = evaluate([("2026-11-24 10:00", .scored), ("2026-11-25 10:00", .noAnswer)], score: 5)
        #expect(e.status == .scored(5))
        #expect(e.attempts.map(\.afterEnd) == [false, true])
    }

    @Test func anIMLeftLaterEndsTheCase() {
        let e = evaluate(
            [("2026-11-24 09:10", .noAnswer), ("2026-11-24 14:00", .noAnswer), ("2026-11-24 18:00", .noAnswer)],
            imLeft: true)
        #expect(e.status == .unreachable)
    }
}

@Suite("Escalations, reserves and the metric")
struct MetricTests {
    @Test func replyWithinThirtyMinutes() {
        let call = t("2026-11-24 10:00")
        #expect(
            Escalation(callAt: call, repliedAt: t("2026-11-24 10:30"))
                == .onTime(due: t("2026-11-24 10:30"), repliedAt: t("2026-11-24 10:30")))
        #expect(
            Escalation(callAt: call, repliedAt: t("2026-11-24 10:31"))
                == .late(due: t("2026-11-24 10:30"), repliedAt: t("2026-11-24 10:31")))
        let open = Escalation(callAt: call, repliedAt: nil)
        #expect(open == .open(due: t("2026-11-24 10:30")))
        #expect(!open.isOverdue(at: t("2026-11-24 10:30")))
        #expect(open.isOverdue(at: t("2026-11-24 10:31")))
    }

    @Test func reservesMoveInForExcludedCases() {
        let scored = CaseStatus.scored(5)
        #expect(Reserves.inPlay(main: [scored, .open, .refused], reserves: [.open, .open]) == 0)
        #expect(Reserves.inPlay(main: [scored, .unreachable, .rejected], reserves: [.open, .open, .open]) == 2)
        // The first reserve in play is itself unreachable: the next one comes in.
        #expect(Reserves.inPlay(main: [.unreachable, scored], reserves: [.unreachable, .open, .open]) == 2)
        // No more reserves than there are.
        #expect(Reserves.inPlay(main: [.unreachable, .rejected, .unreachable], reserves: [.open]) == 1)
        // A refusal counts (as 3): no reserve.
        #expect(Reserves.inPlay(main: [.refused], reserves: [.open]) == 0)
    }

    @Test func satisfactionIsTheMeanOfCountedScores() {
        let statuses: [CaseStatus] = [.scored(5), .scored(4), .refused, .unreachable, .rejected, .open, .scored(2)]
        let s = Satisfaction(scores: statuses.compactMap(\.countedScore))
        #expect(s.total == 14 && s.count == 4)
        #expect(s.value == 3.5)
        #expect(s.meets(4.0) == false)
        #expect(Satisfaction(scores: [4, 4]).meets(4.0) == true)
    }

    @Test func noCountedCaseMeansNotAvailable() {
        let s = Satisfaction(scores: [CaseStatus.unreachable, .open].compactMap(\.countedScore))
        #expect(s.count == 0)
        #expect(s.value == nil)
        #expect(s.meets(4.0) == nil)
    }
}
