import Foundation
import GRDB
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
    /// The case page of an item of October.
    func casePath(_ item: Int) -> String { "/caller/case/\(item)?month=2026-10" }

    @Test("My cases lists the caller's own customers, with names and tel: links, and nobody else's")
    func listShowsOwnCases() async throws {
        let bench = try DeskBench()
        let (li, zhang) = try bench.assignCallers()
        let m = try bench.cases()
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: "/caller")
            let page = try await b.get(client, "/caller?month=2026-10")
            #expect(page.status == .ok)
            let html = page.text
            for item in li {
                #expect(html.contains("href=\"/caller/case/\(item)?month=2026-10\""))
                let view = m.cases.first { $0.item.itemNo == item }!
                #expect(html.contains(CallerPages.listName(view)))
                if let phone = view.context.phone, !phone.isMasked {
                    #expect(html.contains("href=\"tel:\(phone.text.replacingOccurrences(of: "-", with: ","))\""))
                }
            }
            for item in zhang { #expect(!html.contains("/caller/case/\(item)?")) }
            // Now (Tuesday 10:00) is within the hours and nobody was called: every case counts now.
            #expect(html.contains("现在是可拨打时段"))
            #expect(html.components(separatedBy: "现在拨打计为新时段</span>").count - 1 == li.count)
        }
    }

    @Test("A name with markup in it shows as text on the list and the case page, never as markup")
    func namesEscaped() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        let view = try bench.view(li[0])
        let hostile = "<i>王&\"'</i>"
        try bench.workspace().store().write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, fields FROM records WHERE customer_id = ?", arguments: [view.item.customerId])
            for row in rows {
                var fields = RecordFields(packed: row["fields"])
                fields.name = hostile
                try db.execute(
                    sql: "UPDATE records SET fields = ? WHERE id = ?", arguments: [fields.packed, row["id"] as Int64])
            }
        }
        #expect(try bench.view(li[0]).context.name == hostile)
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: "/caller")
            for path in ["/caller?month=2026-10", casePath(li[0])] {
                let html = try await b.get(client, path).text
                #expect(html.contains("&lt;i&gt;王&amp;&quot;&#39;&lt;/i&gt;"), "\(path)")
                #expect(!html.contains("<i>王"), "\(path)")
            }
        }
    }

    @Test("The list puts open cases a call now counts for first, ended cases last")
    func listOrder() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        let book = CallBook(workspace: bench.workspace())
        // The first case was tried this morning already (a call now would not count); the second ended.
        _ = try book.record(.init(month: DeskBench.month, item: li[0], at: "2026-10-27 09:10", result: .noAnswer))
        _ = try book.record(
            .init(month: DeskBench.month, item: li[1], at: "2026-10-27 09:20", result: .scored, score: 5))
        try await bench.test { client in
            // October is the default month on 2026-10-27.
            let b = try await Browser.signedIn(client, "李娜", at: "/caller")
            let html = b.lastBody
            let place = li.map { item in html.range(of: "/caller/case/\(item)?")!.lowerBound }
            #expect(place[2] < place[0])  // an untried open case before the one tried this period
            #expect(place[li.count - 1] < place[0])
            #expect(place[0] < place[1])  // open before ended
            #expect(html.contains("本时段已拨打"))
        }
    }

    @Test("Other roles get 403 on the caller's pages, and anonymous visitors are sent to sign in")
    func otherRoles() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        try await bench.test { client in
            for (name, home) in [("王组长", "/lead"), ("陈静", "/auditor"), ("刘总", "/manager")] {
                var b = try await Browser.signedIn(client, name, at: home)
                #expect(try await b.get(client, "/caller").status == .forbidden)
                #expect(try await b.get(client, casePath(li[0])).status == .forbidden)
                let post = try await b.post(
                    client, casePath(li[0]), [("result", "no-answer"), ("at", "2026-10-27T10:00"), ("basedOn", "0.0")])
                #expect(post.status == .forbidden)
                #expect(post.text.contains(Catalog.Web.forbidden.zh))
            }
            var anonymous = Browser()
            let r = try await anonymous.get(client, "/caller")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location]?.hasPrefix("/login") == true)
        }
        #expect(try bench.cases().cases.allSatisfy { $0.attempts.isEmpty })
    }

    @Test("A caller cannot open or record another caller's case (403), and nothing is stored")
    func anotherCallersCase() async throws {
        let bench = try DeskBench()
        let (_, zhang) = try bench.assignCallers()
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: "/caller")
            #expect(try await b.get(client, casePath(zhang[0])).status == .forbidden)
            let post = try await b.post(
                client, casePath(zhang[0]), [("result", "no-answer"), ("at", "2026-10-27T10:00"), ("basedOn", "0.0")])
            #expect(post.status == .forbidden)
            #expect(post.text.contains(Catalog.Web.notYourCase.zh))
            #expect(try await b.get(client, casePath(999)).status == .notFound)
            #expect(try await b.get(client, "/caller?month=2026-13").status == .badRequest)
        }
        #expect(try bench.view(zhang[0]).attempts.isEmpty)
    }

    @Test("A save without the CSRF token, or with a forged one, is refused (403) and records nothing")
    func postWithoutToken() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: casePath(li[0]))
            let fields = [("result", "no-answer"), ("at", "2026-10-27T10:00"), ("basedOn", b.basedOn)]
            #expect(try await b.post(client, casePath(li[0]), fields, withToken: false).status == .forbidden)
            let forged = try await b.post(client, casePath(li[0]), fields + [("_csrf", "forged")], withToken: false)
            #expect(forged.status == .forbidden)
        }
        #expect(try bench.view(li[0]).attempts.isEmpty)
    }

    @Test("The case page shows the customer, the tel: link, the script, route and platform as the call list has them")
    func casePage() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        let view = try bench.view(li[0])
        let script = try CallerCases(workspace: bench.workspace()).script(view)
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: "/caller")
            let page = try await b.get(client, casePath(li[0]))
            #expect(page.status == .ok)
            let html = page.text
            // The name as the call list has it (none, for a customer known by an order alone).
            #expect(html.contains("<dt>客户</dt><dd>\(view.context.name ?? "")</dd>"))
            #expect(html.contains("<h1>第 \(li[0]) 号 \(CallerPages.listName(view))</h1>"))
            #expect(html.contains(String(script.prefix(20))))
            if let phone = view.context.phone, !phone.isMasked { #expect(html.contains("href=\"tel:")) }
            #expect(html.contains(Catalog.Names.route(view.context.route).zh))
            for p in view.context.platforms { #expect(html.contains(Catalog.Names.platform(p).zh)) }
            #expect(html.contains("value=\"2026-10-27T10:00\""))  // the attempt time: now, editable
            for r in AttemptResult.allCases where r != .scored {
                #expect(html.contains("name=\"result\" value=\"\(r.rawValue)\""))
            }
            #expect(!html.contains("不在可拨打时段（"))
            #expect(b.basedOn == view.version)
        }
    }

    @Test("Outside the calling hours the pages say so")
    func outsideHoursNotice() async throws {
        let bench = try DeskBench(now: "2026-10-27 12:30")
        let (li, _) = try bench.assignCallers()
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: "/caller")
            #expect(b.lastBody.contains("现在（2026-10-27 12:30）不在可拨打时段"))
            #expect(try await b.get(client, casePath(li[0])).text.contains("现在（2026-10-27 12:30）不在可拨打时段"))
        }
    }

    @Test("Unreachable in three periods with an IM left ends the case; its reserve comes in on the same caller's list")
    func unreachableBringsReserve() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        let item = li[0]
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: casePath(item))
            for at in ["2026-10-26T10:00", "2026-10-26T14:30", "2026-10-26T18:00"] {
                let r = try await b.post(
                    client, casePath(item), [("result", "no-answer"), ("at", at), ("basedOn", b.basedOn)])
                #expect(r.status == .ok)
            }
            #expect(b.lastBody.contains("3 个时段未接通"))
            let done = try await b.post(client, casePath(item), [("imLeft", "1"), ("basedOn", b.basedOn)])
            #expect(done.status == .ok)
            #expect(done.text.contains("联系不上（不计入打分）"))
            #expect(done.text.contains("启用备选"))
            let reserve = try #require(try bench.cases().reservesInPlay.first)
            let list = try await b.get(client, "/caller?month=2026-10").text
            #expect(list.contains("/caller/case/\(reserve)?month=2026-10"))
            #expect(try await b.get(client, casePath(reserve)).status == .ok)
            let other = try await Browser.signedIn(client, "张伟", at: "/caller")
            #expect(!other.lastBody.contains("/caller/case/\(reserve)?"))
        }
        let view = try bench.view(item)
        #expect(view.status == .unreachable)
        #expect(view.attempts.allSatisfy { $0.source == "web" && $0.caller == "李娜" })
        let log = try AuditLog(workspace: bench.workspace()).entries(actor: "李娜")
        #expect(log.filter { $0.action == "call" }.count == 4)
        #expect(log.first?.detail.hasPrefix("#\(item)") == true)
    }

    @Test("Refused after connecting ends the case counted as 3; rejected in two periods ends it uncounted")
    func refusalAndRejection() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: casePath(li[0]))
            let r = try await b.post(
                client, casePath(li[0]),
                [("result", "refused-after-connect"), ("at", "2026-10-27T10:00"), ("basedOn", b.basedOn)])
            #expect(r.status == .ok)
            #expect(r.text.contains("接通后拒绝/未评分（记 3 分）"))
            try await b.get(client, casePath(li[1]))
            for at in ["2026-10-26T10:00", "2026-10-26T15:00"] {
                _ = try await b.post(
                    client, casePath(li[1]), [("result", "rejected"), ("at", at), ("basedOn", b.basedOn)])
            }
            #expect(b.lastBody.contains("拒接（不计入打分）"))
        }
        #expect(try bench.view(li[0]).status == .refused)
        #expect(try bench.view(li[1]).status == .rejected)
    }

    @Test(
        "A scored call with an escalated complaint shows the reply due 30 minutes later; the reply is recorded on time")
    func escalation() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        let item = li[0]
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: casePath(item))
            let r = try await b.post(
                client, casePath(item),
                [
                    ("result", "scored"), ("at", "2026-10-27T09:50"), ("score", "2"), ("note", "退款太慢"),
                    ("complaint", "escalated"), ("basedOn", b.basedOn),
                ])
            #expect(r.status == .ok)
            #expect(r.text.contains("投诉已升级，须于 2026-10-27 10:20 前回复客户"))
            #expect(r.text.contains("name=\"repliedAt\""))
            let replied = try await b.post(
                client, casePath(item), [("repliedAt", "2026-10-27T10:15"), ("basedOn", b.basedOn)])
            #expect(replied.status == .ok)
            #expect(replied.text.contains("投诉已于 2026-10-27 10:15 回复（期限 2026-10-27 10:20，按时）"))
        }
        let view = try bench.view(item)
        #expect(view.status == .scored(2))
        #expect(view.caseRow?.note == "退款太慢")
        #expect(view.caseRow?.complaint == .escalated)
        #expect(
            view.escalation
                == .onTime(due: DeskBench.moment("2026-10-27 10:20"), repliedAt: DeskBench.moment("2026-10-27 10:15")))
    }

    @Test("A score of 5 keeps the praise; a scored call without a score is refused by CallBook's check (422)")
    func scoreFollowUp() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        try await bench.test { client in
            var b = try await Browser.signedIn(client, "李娜", at: casePath(li[0]))
            let seen = b.basedOn
            let missing = try await b.post(
                client, casePath(li[0]), [("result", "scored"), ("at", "2026-10-27T10:00"), ("basedOn", seen)])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains(Catalog.Calls.check(.scoredAttemptWithoutScore).zh))
            let ok = try await b.post(
                client, casePath(li[0]),
                [
                    ("result", "scored"), ("at", "2026-10-27T10:00"), ("score", "5"), ("praise", "表扬小刘"),
                    ("basedOn", seen),
                ])
            #expect(ok.status == .ok)
        }
        let view = try bench.view(li[0])
        #expect(view.status == .scored(5))
        #expect(view.caseRow?.praise == "表扬小刘")
        #expect(view.caseRow?.caller == "李娜")
    }

    @Test(
        "Two saves based on the same version: the second is refused (409) with the current state, nothing overwritten")
    func raceIsRefused() async throws {
        let bench = try DeskBench()
        let (li, _) = try bench.assignCallers()
        let item = li[0]
        try await bench.test { client in
            // The same case open on two phones.
            var first = try await Browser.signedIn(client, "李娜", at: casePath(item))
            var second = try await Browser.signedIn(client, "李娜", at: casePath(item))
            let seen = first.basedOn
            #expect(second.basedOn == seen)
            let a = try await first.post(
                client, casePath(item),
                [("result", "scored"), ("at", "2026-10-27T10:00"), ("score", "4"), ("basedOn", seen)])
            #expect(a.status == .ok)
            let b = try await second.post(
                client, casePath(item),
                [("result", "scored"), ("at", "2026-10-27T09:59"), ("score", "1"), ("basedOn", seen)])
            #expect(b.status == .conflict)
            #expect(b.text.contains("你的这次保存没有写入"))
            #expect(b.text.contains("已评分（4 分）"))  // the current state shown
            #expect(second.basedOn != seen)
        }
        let view = try bench.view(item)
        #expect(view.attempts.count == 1)
        #expect(view.status == .scored(4))
    }
}
