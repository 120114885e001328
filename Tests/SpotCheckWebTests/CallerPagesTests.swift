import Foundation
import HTTPTypes
import HummingbirdTesting
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckWeb

@Suite("The caller's pages: my cases, one case, and recording attempts through CallBook")
struct CallerPagesTests {
    /// The case page's path of an item of September.
    func casePath(_ item: Int) -> String { "/caller/case/\(item)?month=2026-09" }

    /// The version the case page shows in its forms.
    func version(_ html: String) -> String {
        guard let r = html.range(of: "name=\"basedOn\" value=\"") else { return "" }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test("My cases lists the caller's own customers, with names and tel: links, and nobody else's")
    func listShowsOwnCases() async throws {
        let bench = try RoleBench()
        let (wang, li) = try bench.assignCallers()
        let m = try bench.cases()
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            let page = try await b.get("/caller?month=2026-09")
            #expect(page.status == .ok)
            let html = page.bodyText
            for item in wang {
                #expect(html.contains("href=\"/caller/case/\(item)?month=2026-09\""))
                let view = m.cases.first { $0.item.itemNo == item }!
                #expect(html.contains(view.displayName))
                if let phone = view.context.phone, !phone.isMasked {
                    #expect(html.contains("href=\"tel:\(phone.text.replacingOccurrences(of: "-", with: ","))\""))
                }
            }
            for item in li { #expect(!html.contains("/caller/case/\(item)?")) }
            // Now (Monday 10:00) is within the hours and nobody was called: every case counts now.
            #expect(html.contains("现在是可拨打时段"))
            #expect(html.components(separatedBy: "现在拨打计为新时段</span>").count - 1 == wang.count)
        }
    }

    @Test("The list puts open cases a call now counts for first, ended cases last")
    func listOrder() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        let ws = bench.workspace()
        let book = CallBook(workspace: ws)
        // The first case: tried this morning already (a call now would not count), the second ended.
        _ = try book.record(.init(month: RoleBench.month, item: wang[0], at: "2026-09-28 09:10", result: .noAnswer))
        _ = try book.record(
            .init(month: RoleBench.month, item: wang[1], at: "2026-09-28 09:20", result: .scored, score: 5))
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            let html = try await b.get("/caller").bodyText  // September is the default month on 2026-09-28
            let order = wang.map { item in html.range(of: "/caller/case/\(item)?")!.lowerBound }
            #expect(order[2] < order[0])  // untried open case before the one tried this period
            #expect(order[0] < order[1])  // open before ended
            #expect(order[wang.count - 1] < order[1])
            #expect(html.contains("本时段已拨打"))
        }
    }

    @Test("Other roles get 403 on the caller's pages, and anonymous visitors are sent to sign in")
    func otherRoles() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        try await bench.test { client in
            for name in ["赵组长", "孙质检", "钱主管"] {
                let b = try await Browser.signIn(client, as: name)
                #expect(try await b.get("/caller").status == .forbidden)
                #expect(try await b.get(casePath(wang[0])).status == .forbidden)
                let post = try await b.post(
                    casePath(wang[0]), ["result": "no-answer", "at": "2026-09-28T10:00", "basedOn": "0.0"])
                #expect(post.status == .forbidden)
            }
            let anonymous = try await client.execute(uri: "/caller", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true)
        }
        #expect(try bench.cases().cases.allSatisfy { $0.attempts.isEmpty })
    }

    @Test("A caller cannot open or record another caller's case (403), and nothing is stored")
    func anotherCallersCase() async throws {
        let bench = try RoleBench()
        let (_, li) = try bench.assignCallers()
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            #expect(try await b.get(casePath(li[0])).status == .forbidden)
            let post = try await b.post(
                casePath(li[0]), ["result": "no-answer", "at": "2026-09-28T10:00", "basedOn": "0.0"])
            #expect(post.status == .forbidden)
            #expect(post.bodyText.contains(Catalog.Web.forbidden.zh))
            #expect(try await b.get(casePath(999)).status == .notFound)
        }
        #expect(try bench.cases().cases.first { $0.item.itemNo == li[0] }!.attempts.isEmpty)
    }

    @Test("A save without the CSRF token is refused (403) and records nothing")
    func postWithoutToken() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            let post = try await b.post(
                casePath(wang[0]), ["result": "no-answer", "at": "2026-09-28T10:00"], withToken: false)
            #expect(post.status == .forbidden)
            let wrong = try await b.post(
                casePath(wang[0]), ["result": "no-answer", "at": "2026-09-28T10:00", "_csrf": "forged"])
            #expect(wrong.status == .forbidden)
        }
        #expect(try bench.cases().cases.first { $0.item.itemNo == wang[0] }!.attempts.isEmpty)
    }

    @Test("The case page shows the customer, the tel: link, the script, route and platform as the call list has them")
    func casePage() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        let view = try bench.cases().cases.first { $0.item.itemNo == wang[0] }!
        let script = try CallerCases(workspace: bench.workspace()).script(view)
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            let page = try await b.get(casePath(wang[0]))
            #expect(page.status == .ok)
            let html = page.bodyText
            #expect(html.contains(view.displayName))
            #expect(html.contains(String(script.prefix(20))))
            if let phone = view.context.phone, !phone.isMasked { #expect(html.contains("href=\"tel:")) }
            #expect(html.contains(Catalog.Names.route(view.context.route).zh))
            #expect(html.contains("value=\"2026-09-28T10:00\""))  // the attempt time: now, editable
            for r in AttemptResult.allCases where r != .scored {
                #expect(html.contains("name=\"result\" value=\"\(r.rawValue)\""))
            }
            #expect(!html.contains("不在可拨打时段（"))
            #expect(version(html) == "0.0")
        }
    }

    @Test("Outside the calling hours the case page says so")
    func outsideHoursNotice() async throws {
        let bench = try RoleBench(now: "2026-09-28 12:30")
        let (wang, _) = try bench.assignCallers()
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            #expect(try await b.get(casePath(wang[0])).bodyText.contains("现在（2026-09-28 12:30）不在可拨打时段"))
            #expect(try await b.get("/caller").bodyText.contains("不在可拨打时段"))
        }
    }

    @Test(
        "Unreachable in three periods with an IM left ends the case, and the reserve comes in on the same caller's list"
    )
    func unreachableBringsReserve() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        let item = wang[0]
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            for at in ["2026-09-25T10:00", "2026-09-25T14:30", "2026-09-26T18:00"] {
                let v = version(try await b.get(casePath(item)).bodyText)
                let r = try await b.post(casePath(item), ["result": "no-answer", "at": at, "basedOn": v])
                #expect(r.status == .ok)
            }
            let v = version(try await b.get(casePath(item)).bodyText)
            let done = try await b.post(casePath(item), ["imLeft": "1", "basedOn": v])
            #expect(done.status == .ok)
            #expect(done.bodyText.contains("联系不上（不计入打分）"))
            #expect(done.bodyText.contains("启用备选"))
            let m = try bench.cases()
            let reserve = try #require(m.reservesInPlay.first)
            let list = try await b.get("/caller?month=2026-09").bodyText
            #expect(list.contains("/caller/case/\(reserve)?month=2026-09"))
            #expect(try await b.get(casePath(reserve)).status == .ok)
            let li = try await Browser.signIn(client, as: "李娜")
            #expect(try await li.get(casePath(reserve)).status == .forbidden)
        }
        let m = try bench.cases()
        let view = m.cases.first { $0.item.itemNo == item }!
        #expect(view.status == .unreachable)
        #expect(view.attempts.allSatisfy { $0.source == "web" && $0.caller == "王敏" })
        let log = try AuditLog(workspace: bench.workspace()).entries(actor: "王敏")
        #expect(log.filter { $0.action == "call" }.count == 4)
    }

    @Test("Refused after connecting ends the case counted as 3; rejected twice in two periods ends it uncounted")
    func refusalAndRejection() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            let r = try await b.post(
                casePath(wang[0]), ["result": "refused-after-connect", "at": "2026-09-28T10:00", "basedOn": "0.0"])
            #expect(r.status == .ok)
            #expect(r.bodyText.contains("接通后拒绝/未评分（记 3 分）"))
            for at in ["2026-09-25T10:00", "2026-09-25T15:00"] {
                let v = version(try await b.get(casePath(wang[1])).bodyText)
                _ = try await b.post(casePath(wang[1]), ["result": "rejected", "at": at, "basedOn": v])
            }
        }
        let m = try bench.cases()
        #expect(m.cases.first { $0.item.itemNo == wang[0] }!.status == .refused)
        #expect(m.cases.first { $0.item.itemNo == wang[1] }!.status == .rejected)
    }

    @Test("A scored call with an escalated complaint shows the reply due 30 minutes later; the reply is recorded")
    func escalation() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        let item = wang[0]
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            let r = try await b.post(
                casePath(item),
                [
                    "result": "scored", "at": "2026-09-28T09:50", "score": "2", "note": "退款太慢",
                    "complaint": "escalated", "basedOn": "0.0",
                ])
            #expect(r.status == .ok)
            #expect(r.bodyText.contains("须于 2026-09-28 10:20 前回复客户"))
            #expect(r.bodyText.contains("name=\"repliedAt\""))
            let replied = try await b.post(
                casePath(item), ["repliedAt": "2026-09-28T10:15", "basedOn": version(r.bodyText)])
            #expect(replied.status == .ok)
            #expect(replied.bodyText.contains("投诉已于 2026-09-28 10:15 回复（期限 2026-09-28 10:20，按时）"))
        }
        let view = try bench.cases().cases.first { $0.item.itemNo == item }!
        #expect(view.status == .scored(2))
        #expect(view.caseRow?.note == "退款太慢")
        #expect(view.caseRow?.complaint == .escalated)
        #expect(
            view.escalation
                == .onTime(due: RoleBench.moment("2026-09-28 10:20"), repliedAt: RoleBench.moment("2026-09-28 10:15")))
    }

    @Test("A score of 5 keeps the praise; a scored call without a score is refused by CallBook's check")
    func scoreFollowUp() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        try await bench.test { client in
            let b = try await Browser.signIn(client, as: "王敏")
            let missing = try await b.post(
                casePath(wang[0]), ["result": "scored", "at": "2026-09-28T10:00", "basedOn": "0.0"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.bodyText.contains(Catalog.Calls.check(.scoredAttemptWithoutScore).zh))
            let ok = try await b.post(
                casePath(wang[0]),
                ["result": "scored", "at": "2026-09-28T10:00", "score": "5", "praise": "表扬小刘", "basedOn": "0.0"])
            #expect(ok.status == .ok)
        }
        let view = try bench.cases().cases.first { $0.item.itemNo == wang[0] }!
        #expect(view.status == .scored(5))
        #expect(view.caseRow?.praise == "表扬小刘")
        #expect(view.caseRow?.caller == "王敏")
    }

    @Test(
        "Two saves based on the same version: the second is refused (409) with the current state, nothing overwritten")
    func raceIsRefused() async throws {
        let bench = try RoleBench()
        let (wang, _) = try bench.assignCallers()
        let item = wang[0]
        try await bench.test { client in
            let first = try await Browser.signIn(client, as: "王敏")
            let second = try await Browser.signIn(client, as: "王敏")  // the same caller on a second phone
            let seen = version(try await first.get(casePath(item)).bodyText)
            #expect(version(try await second.get(casePath(item)).bodyText) == seen)
            let a = try await first.post(
                casePath(item), ["result": "scored", "at": "2026-09-28T10:00", "score": "4", "basedOn": seen])
            #expect(a.status == .ok)
            let b = try await second.post(
                casePath(item), ["result": "scored", "at": "2026-09-28T09:59", "score": "1", "basedOn": seen])
            #expect(b.status == .conflict)
            #expect(b.bodyText.contains("你的这次保存没有写入"))
            #expect(b.bodyText.contains("已评分（4 分）"))  // the current state shown
            #expect(version(b.bodyText) != seen)
        }
        let view = try bench.cases().cases.first { $0.item.itemNo == item }!
        #expect(view.attempts.count == 1)
        #expect(view.status == .scored(4))
    }
}
