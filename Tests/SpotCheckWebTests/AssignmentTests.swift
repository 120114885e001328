import Foundation
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import Testing

@Suite("Cases are shared among callers, and a reserve goes to the caller of the case it replaces")
struct AssignmentTests {
    @Test("Evenly in turn; a case already given keeps its caller; a refusal's reserve follows the refused case")
    func sharedAndFollowed() throws {
        let w = try WebWorkspace()
        let ws = try w.on("2026-10-27 10:00")
        let a = CaseAssignments(workspace: ws)
        try a.assign(month: WebWorkspace.october, items: [2], to: "张伟", by: "王组长")
        let given = try a.assignEvenly(month: WebWorkspace.october, callers: ["李娜", "张伟"], by: "王组长")
        #expect(given.count == 49)
        #expect(given[1] == "李娜" && given[3] == "张伟" && given[4] == "李娜")
        #expect(given[2] == nil)
        var m = try ws.store().read { db in try MonthCases.load(month: WebWorkspace.october, config: ws.config, db) }
        let callers = try a.callers(of: m)
        #expect(callers.filter { $0.value == "李娜" }.count == 25)
        #expect(callers.filter { $0.value == "张伟" }.count == 25)
        #expect(m.reservesInPlay.isEmpty)

        // Declined in two periods: the case ends excluded (拒接) and the first reserve comes in.
        for at in ["2026-10-26 14:30", "2026-10-27 09:30"] {
            _ = try CallBook(workspace: ws).record(
                .init(month: WebWorkspace.october, item: 4, at: at, result: .rejected, caller: "李娜"))
        }
        m = try ws.store().read { db in try MonthCases.load(month: WebWorkspace.october, config: ws.config, db) }
        let reserve = try #require(m.reservesInPlay.first)
        #expect(reserve == 51)
        #expect(try a.callers(of: m)[reserve] == "李娜")
        // 张伟's case 3 (a lower number) ends later: the second reserve is his, the first stays 李娜's.
        for at in ["2026-10-26 15:00", "2026-10-27 09:50"] {
            _ = try CallBook(workspace: ws).record(
                .init(month: WebWorkspace.october, item: 3, at: at, result: .rejected, caller: "张伟"))
        }
        m = try ws.store().read { db in try MonthCases.load(month: WebWorkspace.october, config: ws.config, db) }
        #expect(m.reservesInPlay == [51, 52])
        let now = try a.callers(of: m)
        #expect(now[51] == "李娜" && now[52] == "张伟")
        let rows = try AuditLog(workspace: ws).entries()
        #expect(rows.isEmpty, "the workflow itself does not log: its front end does")
    }

    @Test("A save based on what the page showed before another caller's save is refused, and nothing is overwritten")
    func lostRaceIsRefused() throws {
        let w = try WebWorkspace()
        let ws = try w.on("2026-10-27 10:00")
        let month = WebWorkspace.october
        let seen = try ws.store().read { db in try MonthCases.load(month: month, config: ws.config, db) }
            .cases[0].version
        let book = CallBook(workspace: ws)
        var first = CallBook.Entry(
            month: month, item: 1, at: "2026-10-27 09:40", result: .scored, score: 5, caller: "李娜")
        first.basedOn = seen
        first.source = "web"
        _ = try book.record(first)
        var second = CallBook.Entry(month: month, item: 1, at: "2026-10-27 09:41", result: .rejected, caller: "张伟")
        second.basedOn = seen
        #expect(throws: CallError.self) { try book.record(second) }
        do { _ = try book.record(second) } catch let e as CallError {
            #expect(e.message.zh.contains("第 1 号个案刚刚被他人（李娜）更新"))
        }
        let after = try ws.store().read { db in try MonthCases.load(month: month, config: ws.config, db) }.cases[0]
        #expect(after.attempts.count == 1)
        #expect(after.attempts[0].source == "web")
        #expect(after.caseRow?.score == 5)
    }
}
