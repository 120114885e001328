import Testing

@testable import SpotCheckCore

private func day(_ s: String) -> Day {
    let p = s.split(separator: "-").map { Int($0)! }
    return Day(year: p[0], month: p[1], day: p[2])!
}
private func month(_ s: String) -> YearMonth { YearMonth(parsing: s)! }

@Suite("Calendar days")
struct DayTests {
    @Test func roundTripsCivilDates() {
        #expect(day("1970-01-01").ordinal == 0)
        #expect(day("2026-11-23").description == "2026-11-23")
        #expect(day("2024-02-29").adding(days: 1).description == "2024-03-01")
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(day("2026-11-23").weekday == 1)  // a Monday
        #expect(day("2026-11-29").isWeekend)
        #expect(day("2000-02-29").description == "2000-02-29")
    }

    @Test func parsesMonths() {
        #expect(YearMonth(parsing: "2026-11")?.description == "2026-11")
        #expect(YearMonth(parsing: "2026/1")?.description == "2026-01")
        #expect(YearMonth(parsing: "202612")?.description == "2026-12")
        #expect(YearMonth(parsing: "2026-13") == nil)
        #expect(YearMonth(parsing: "26-11") == nil)
        #expect(month("2026-01").previous.description == "2025-12")
        #expect(month("2026-12").adding(months: 1).description == "2027-01")
    }

    @Test func localDateTimeParts() {
        let t = LocalDateTime(day: day("2026-11-03"), hour: 10, minute: 15, second: 2, millisecond: 250)!
        #expect(t.description == "2026-11-03 10:15:02.250")
        #expect(t.minuteText == "2026-11-03 10:15")
        #expect(t.day == day("2026-11-03"))
        #expect(t.minuteOfDay == 615)
        #expect(t.clockText == "10:15:02.250")
        #expect(LocalDateTime(day: day("2026-11-03"), hour: 0)!.clockText == "00:00:00")
        #expect(
            LocalDateTime(day: day("2026-11-03"), hour: 23, minute: 59, second: 59, millisecond: 9)!.clockText
                == "23:59:59.009")
    }
}

@Suite("Monthly window and deadline")
struct PeriodTests {
    let rules = PeriodRules()

    @Test func novemberWindowRunsFromOctober27ToNovember26() {
        let w = rules.window(of: month("2026-11"))
        #expect(w.lowerBound == day("2026-10-27"))
        #expect(w.upperBound == day("2026-11-26"))
        #expect(rules.month(containing: day("2026-11-26")) == month("2026-11"))
        #expect(rules.month(containing: day("2026-11-27")) == month("2026-12"))
        #expect(rules.month(containing: day("2026-10-27")) == month("2026-11"))
        #expect(rules.month(containing: day("2026-10-26")) == month("2026-10"))
    }

    @Test func windowCrossesTheYear() {
        let jan = rules.window(of: month("2027-01"))
        #expect(jan.lowerBound == day("2026-12-27"))
        #expect(jan.upperBound == day("2027-01-26"))
        #expect(rules.month(containing: day("2026-12-31")) == month("2027-01"))
        #expect(rules.month(containing: day("2026-12-26")) == month("2026-12"))
    }

    @Test func februaryAndShortMonthsLeaveNoGap() {
        let feb = rules.window(of: month("2026-02"))
        #expect(feb.lowerBound == day("2026-01-27"))
        #expect(feb.upperBound == day("2026-02-26"))
        let late = PeriodRules(cutoffDay: 30, deadlineDay: 31)
        let jan = late.window(of: month("2026-01"))
        let feb2 = late.window(of: month("2026-02"))
        let mar = late.window(of: month("2026-03"))
        #expect(jan.upperBound == day("2026-01-30"))
        #expect(feb2.lowerBound == day("2026-01-31"))
        #expect(feb2.upperBound == day("2026-02-28"))
        #expect(mar.lowerBound == day("2026-03-01"))
        #expect(mar.upperBound == day("2026-03-30"))
        #expect(late.deadline(of: month("2026-02")) == day("2026-02-28"))
        // Leap year February.
        #expect(late.window(of: month("2028-02")).upperBound == day("2028-02-29"))
        #expect(late.window(of: month("2028-03")).lowerBound == day("2028-03-01"))
    }

    @Test func everyDayOfTwoYearsBelongsToExactlyOneWindow() {
        for rules in [
            PeriodRules(), PeriodRules(cutoffDay: 30, deadlineDay: 30), PeriodRules(cutoffDay: 1, deadlineDay: 3),
        ] {
            var d = day("2025-12-01")
            while d <= day("2027-12-31") {
                let m = rules.month(containing: d)
                #expect(rules.window(of: m).contains(d))
                #expect(!rules.window(of: m.previous).contains(d))
                #expect(!rules.window(of: m.adding(months: 1)).contains(d))
                d = d.adding(days: 1)
            }
        }
    }

    @Test func deadlineAndDaysLeft() {
        let m = month("2026-11")
        #expect(rules.deadline(of: m) == day("2026-11-27"))
        #expect(
            rules.deadlineStatus(of: m, today: day("2026-11-23")) == .onTime(deadline: day("2026-11-27"), daysLeft: 4))
        #expect(
            rules.deadlineStatus(of: m, today: day("2026-11-27")) == .onTime(deadline: day("2026-11-27"), daysLeft: 0))
        #expect(
            rules.deadlineStatus(of: m, today: day("2026-11-30")) == .late(deadline: day("2026-11-27"), daysLate: 3))
    }

    @Test func validatesRules() {
        #expect(PeriodRules().validate().isEmpty)
        #expect(PeriodRules(cutoffDay: 0, deadlineDay: 27).validate() == [.cutoffOutOfRange(0)])
        #expect(
            PeriodRules(cutoffDay: 26, deadlineDay: 20).validate() == [.deadlineBeforeCutoff(cutoff: 26, deadline: 20)])
    }
}

@Suite("When a call attempt can have been made")
struct AttemptTimeTests {
    let rules = PeriodRules()
    let november = YearMonth(parsing: "2026-11")!
    func moment(_ d: Int, _ m: Int, _ day: Int, _ h: Int, _ min: Int, ms: Int = 0) -> LocalDateTime {
        LocalDateTime(day: Day(year: d, month: m, day: day)!, hour: h, minute: min, millisecond: ms)!
    }

    @Test func notAfterNowExactlyNowIsFine() {
        let now = moment(2026, 11, 24, 10, 30)
        #expect(rules.attemptProblem(at: now, month: november, now: now) == nil)
        #expect(
            rules.attemptProblem(at: moment(2026, 11, 24, 10, 30, ms: 1), month: november, now: now)
                == .afterNow(now: now))
        #expect(rules.attemptProblem(at: moment(2027, 11, 24, 10, 0), month: november, now: now) == .afterNow(now: now))
    }

    @Test func notBeforeTheWindowOpensItsFirstDayIsFine() {
        let now = moment(2026, 12, 5, 9, 0)
        let window = Day(year: 2026, month: 10, day: 27)!...Day(year: 2026, month: 11, day: 26)!
        #expect(rules.attemptProblem(at: moment(2026, 10, 27, 0, 0), month: november, now: now) == nil)
        #expect(
            rules.attemptProblem(at: moment(2026, 10, 26, 23, 59), month: november, now: now) == .beforeWindow(window))
        // After the cut-off and past the deadline: callers go on calling.
        #expect(rules.attemptProblem(at: moment(2026, 12, 2, 10, 0), month: november, now: now) == nil)
    }
}

@Suite("A transcript's QA period")
struct TranscriptPeriodTests {
    @Test func aTranscriptBelongsToTheMonthItsConversationBegan() {
        func at(_ m: Int, _ d: Int, _ h: Int, _ mi: Int) -> LocalDateTime {
            LocalDateTime(day: Day(year: 2026, month: m, day: d)!, hour: h, minute: mi)!
        }
        let late = Transcript(
            channel: .chat, agent: "小王",
            utterances: [
                Utterance(seq: 0, speaker: .customer, start: at(9, 30, 23, 59), end: nil, text: "在吗"),
                Utterance(seq: 1, speaker: .agent, start: at(10, 1, 0, 1), end: nil, text: "您好"),
            ])
        #expect(late.period == YearMonth(year: 2026, month: 9)!)
        #expect(late.started == at(9, 30, 23, 59))
    }
}
