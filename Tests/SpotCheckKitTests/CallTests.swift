import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// A workspace with 60 after-sales customers drawn for 2026-11 (50 + 10 reserves), seed 3.
func drawnWorkspace() throws -> TestWorkspace {
    let w = try TestWorkspace()
    try w.importFiles(
        .afterSales,
        [
            w.csv(
                "a.csv",
                [afterSalesHeader]
                    + (1...60).map {
                        "客户\($0),139\(String(format: "%08d", $0)),buyer\($0),\(800 + $0),羽绒被,2026-10-01,起球,\($0 % 2 == 0 ? "王敏" : "张婷"),2026-11-05"
                    })
        ])
    try w.draw("2026-11", seed: 3)
    return w
}

func call(
    _ w: TestWorkspace, _ item: Int, _ at: String? = nil, _ result: AttemptResult? = nil, score: Int? = nil,
    complaint: ComplaintHandling? = nil,
    repliedAt: String? = nil, imLeft: Bool = false, praise: String? = nil, caller: String? = "李娜",
    today: String = "2026-11-30"
) throws -> CallBook.Outcome {
    try CallBook(workspace: try w.on(today)).record(
        .init(
            month: YearMonth(parsing: "2026-11")!, item: item, at: at, result: result, score: score, praise: praise,
            complaint: complaint,
            repliedAt: repliedAt, imLeft: imLeft, caller: caller))
}

func month(_ w: TestWorkspace, today: String = "2026-11-30") throws -> MonthCases {
    let ws = try w.on(today)
    return try ws.store().read { try MonthCases.load(month: YearMonth(parsing: "2026-11")!, config: ws.config, $0) }
}

@Suite("Recording calls")
struct CallBookTests {
    @Test func aScoredCallEndsTheCase() throws {
        let w = try drawnWorkspace()
        let o = try call(w, 1, "2026-11-24 10:30", .scored, score: 5, praise: "态度很好")
        #expect(o.status == .scored(5))
        #expect(o.messages.map(\.zh).contains("第 1 号个案状态：已评分（5 分）"))
        let m = try month(w)
        #expect(m.cases[0].caseRow?.praise == "态度很好")
        #expect(m.satisfaction == Satisfaction(scores: [5]))
    }

    @Test func anAttemptAfterNowOrBeforeTheWindowIsRefused() throws {
        let w = try drawnWorkspace()
        let before = try w.snapshot()
        func refusal(_ at: String, today: String) -> String? {
            do { _ = try call(w, 1, at, .noAnswer, today: today); return nil } catch let e as CallError {
                return e.message.zh
            } catch { return "\(error)" }
        }
        #expect(
            refusal("2026-11-24 10:31", today: "2026-11-24 10:30")
                == "拨打时间 2026-11-24 10:31 晚于现在（2026-11-24 10:30）：还没有发生的拨打不能记录；请检查日期")
        // --today with a date only: the whole of that day may have passed, the next day not.
        #expect(
            refusal("2026-11-25 00:00", today: "2026-11-24")
                == "拨打时间 2026-11-25 00:00 晚于现在（2026-11-24）：还没有发生的拨打不能记录；请检查日期")
        #expect(
            refusal("2026-10-26 23:59", today: "2026-11-24")
                == "拨打时间 2026-10-26 23:59 早于 2026-11 抽查窗口（2026-10-27 至 2026-11-26）的开始：那时本月的客户还没有抽出；请检查日期")
        #expect(try w.snapshot() == before)
        // At the bounds: exactly now, the last minute of a date-only today, the window's first day.
        #expect(refusal("2026-11-24 10:30", today: "2026-11-24 10:30") == nil)
        #expect(refusal("2026-11-24 23:59", today: "2026-11-24") == nil)
        #expect(refusal("2026-10-27 00:00", today: "2026-11-24") == nil)
        #expect(try month(w).cases[0].attempts.count == 3)
    }

    @Test func unreachableAfterThreePeriodsBringsTheNextReserveIn() throws {
        let w = try drawnWorkspace()
        try call(w, 2, "2026-11-24 09:10", .noAnswer)
        try call(w, 2, "2026-11-24 14:00", .busy)
        let third = try call(w, 2, "2026-11-25 18:30", .poweredOff)
        #expect(third.status == .open)  // no IM/SMS left yet
        #expect(third.messages.last?.zh == "有效拨打：3 个时段未接通（结束需 3 个时段且已留言，尚未旺旺/短信留言），0 个时段拒接（结束需 2 个时段）")
        let im = try call(w, 2, imLeft: true)
        #expect(im.status == .unreachable)
        #expect(im.messages.contains { $0.zh.hasPrefix("启用备选：第 51 号") })
        let m = try month(w)
        #expect(m.reservesInPlay == [51])
        #expect(m.sample.count == 51)
        // Stored: the reserve is in play for the history of later months.
        let inPlay = try Store(path: w.db).read {
            try Int.fetchAll($0, sql: "SELECT item_no FROM draw_items WHERE in_play = 1")
        }
        #expect(inPlay == [51])
    }

    @Test func aDayTheCalendarDoesNotCoverFallsBackToTheWeekdayWithAWarning() throws {
        let w = try drawnWorkspace()
        // 2027-01-01 is a Friday; the shipped calendar holds 2026 only, so it counts as a workday.
        let a = try call(w, 4, "2027-01-01 09:30", .noAnswer, today: "2027-01-01")
        #expect(a.warnings == [Catalog.Config.calendarNotCovering("2027-01-01")])
        #expect(try month(w).cases[3].evaluation.outsideHours == 0)
        let b = try call(w, 4, "2027-01-02 09:30", .noAnswer, today: "2027-01-02")  // a Saturday: rest-day hours
        #expect(b.warnings.count == 2 && b.warnings.last == Catalog.Config.calendarNotCovering("2027-01-02"))
        #expect(try month(w).cases[3].evaluation.outsideHours == 1)
    }

    @Test func outOfHoursAttemptsAreKeptFlaggedAndDoNotEndACase() throws {
        let w = try drawnWorkspace()
        let a = try call(w, 3, "2026-11-28 09:30", .rejected)  // a Saturday: rest day hours start at 10:00
        #expect(
            a.warnings.map(\.zh) == [
                "2026-11-28 09:30 不在可拨打时段内（工作日 09:00–12:00、13:00–20:00；节假日/周末 10:00–12:00、13:00–20:00）：已记录并标记，不计为有效拨打"
            ])
        try call(w, 3, "2026-11-28 20:00", .rejected)
        let m = try month(w)
        #expect(m.cases[2].status == .open)
        #expect(m.cases[2].attempts.count == 2)
        #expect(m.cases[2].evaluation.outsideHours == 2)
        try call(w, 3, "2026-11-30 10:00", .rejected)
        #expect(try call(w, 3, "2026-11-30 17:00", .rejected).status == .rejected)
    }

    @Test func escalationsAreTrackedAgainstThirtyMinutes() throws {
        let w = try drawnWorkspace()
        let o = try call(w, 4, "2026-11-24 10:00", .scored, score: 2, complaint: .escalated)
        #expect(o.messages.contains { $0.zh == "已升级处理，须于 2026-11-24 10:30 前回复客户" })
        var s = MonthStatus(
            try month(w), settings: try w.on("2026-11-24 10:20").config.settings,
            now: try DateText.parse("2026-11-24 10:31")!.moment)
        #expect(
            s.escalations == [
                .init(
                    item: 4, customer: try month(w).cases[3].displayName, due: "2026-11-24 10:30", repliedAt: nil,
                    state: "overdue")
            ])
        try call(w, 4, repliedAt: "2026-11-24 10:30")
        s = MonthStatus(
            try month(w), settings: try w.on("2026-11-30").config.settings,
            now: try DateText.parse("2026-11-30 09:00")!.moment)
        #expect(s.escalations.map(\.state) == ["on-time"])
    }

    @Test func refusedCountsAsThree() throws {
        let w = try drawnWorkspace()
        try call(w, 5, "2026-11-24 10:00", .refusedAfterConnect)
        try call(w, 6, "2026-11-24 10:10", .scored, score: 4)
        try call(w, 7, "2026-11-24 10:20", .noAnswer)
        #expect(try month(w).satisfaction == Satisfaction(scores: [3, 4]))
    }

    @Test func badEntriesAreRefusedAndChangeNothing() throws {
        let w = try drawnWorkspace()
        let before = try w.snapshot()
        func refused(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as CallError { return e.message.zh } catch { return "\(error)" }
        }
        #expect(refused { _ = try call(w, 1, "2026-11-24 10:00", .noAnswer, score: 5) } == "评分只能和“已接通并评分”的结果一起填写")
        #expect(refused { _ = try call(w, 1, "2026-11-24 10:00", .scored) } == "结果是“已接通并评分”，但没有填写评分（1–5）")
        #expect(refused { _ = try call(w, 1, "2026-11-24 10:00", .scored, score: 6) } == "评分必须是 1 到 5 的整数")
        #expect(refused { _ = try call(w, 1, "2026-11-24", .noAnswer) } == "需要日期和时间，例如 2026-11-24 10:30")
        #expect(refused { _ = try call(w, 99, "2026-11-24 10:00", .noAnswer) } == "2026-11 的名单上没有序号 99（序号为 1–60）")
        #expect(
            refused { _ = try call(w, 1, "2026-11-24 10:00", .noAnswer, complaint: .resolved) } == "投诉处理只能和已接通的拨打一起填写")
        #expect(refused { _ = try call(w, 1, repliedAt: "2026-11-24 10:20") } == "填写了升级回复时间，但投诉处理不是“升级处理”")
        #expect(refused { _ = try call(w, 1, caller: nil) } == "没有要记录的内容：请给出 --at 和 --result，或要更新的字段")
        #expect(
            refused {
                _ = try call(
                    w, 1, "2026-11-24 10:00", .scored, score: 2, complaint: .escalated, repliedAt: "2026-11-24 09:00")
            } == "升级回复时间早于接通的那次拨打")
        #expect(try w.snapshot() == before)
    }

    @Test func theSameAttemptTwiceIsRecordedOnce() throws {
        let w = try drawnWorkspace()
        try call(w, 1, "2026-11-24 10:00", .noAnswer)
        let again = try call(w, 1, "2026-11-24 10:00", .noAnswer)
        #expect(again.messages.first?.zh == "第 1 号在 2026-11-24 10:00 的这次拨打此前已记录，未重复记录")
        #expect(try w.count("call_attempts") == 1)
    }

    @Test func reservesInPlayAreExcludedFromLaterDrawsUnusedOnesAreNot() throws {
        let w = try drawnWorkspace()
        // Row 1 ends rejected: reserve 51 comes into play; reserves 52–60 stay unused.
        try call(w, 1, "2026-11-24 09:10", .rejected)
        try call(w, 1, "2026-11-24 17:10", .rejected)
        let m = try month(w)
        let reserve51 = m.cases.first { $0.item.itemNo == 51 }!.item.customerId
        let reserve52 = m.cases.first { $0.item.itemNo == 52 }!.item.customerId
        let drawn = try Store(path: w.db).read {
            try SheetData.drawnCustomers(months: YearMonth(parsing: "2026-11")!...YearMonth(parsing: "2026-11")!, $0)
        }
        let excluded = History.excluded(drawn)
        #expect(excluded.contains(reserve51))
        #expect(!excluded.contains(reserve52))
        #expect(excluded.count == 51)
    }
}
