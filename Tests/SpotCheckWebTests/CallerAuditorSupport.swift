import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText
import SpotCheckWeb

/// The caller's and auditor's pages over the test workspace (``WebWorkspace``: October drawn,
/// September's transcripts sampled when asked), with the workbench's clock standing at `now`.
final class DeskBench: @unchecked Sendable {
    let w: WebWorkspace
    let app: WebApp
    static let month = WebWorkspace.october

    /// The workbench at `now` (a Tuesday morning within the calling hours by default).
    init(now: String = "2026-10-27 10:00", qa: Bool = false) throws {
        w = try WebWorkspace(qa: qa)
        app = try w.app(now: now, realClock: { 1_800_000_000 })
    }

    /// A workspace handle at the workbench's now.
    func workspace() -> Workspace { app.workspace() }

    /// The month's cases as the rules see them now.
    func cases() throws -> MonthCases {
        let ws = workspace()
        return try ws.store().read { db in try MonthCases.load(month: Self.month, config: ws.config, db) }
    }

    /// One case of the month as the rules see it now.
    func view(_ item: Int) throws -> CaseView { try cases().cases.first { $0.item.itemNo == item }! }

    /// The callers' shares of the main list: 李娜 the odd rows, 张伟 the even ones.
    func assignCallers() throws -> (li: [Int], zhang: [Int]) {
        let main = try cases().cases.filter { !$0.item.isReserve }.map(\.item.itemNo)
        let li = main.filter { $0 % 2 == 1 }, zhang = main.filter { $0 % 2 == 0 }
        let assignments = CaseAssignments(workspace: workspace())
        try assignments.assign(month: Self.month, items: li, to: "李娜", by: "王组长")
        try assignments.assign(month: Self.month, items: zhang, to: "张伟", by: "王组长")
        return (li, zhang)
    }

    /// Runs `test` with a client of the workbench's router.
    func test<Value: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let application = Application(router: try app.router())
        return try await application.test(.router) { client in try await test(client) }
    }

    /// `YYYY-MM-DD HH:MM`.
    static func moment(_ text: String) -> LocalDateTime {
        let n = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
        return LocalDateTime(day: Day(year: n[0], month: n[1], day: n[2])!, hour: n[3], minute: n[4])!
    }
}

extension Browser {
    /// Signed in as `name` with `page` loaded: the browser holds its new session's token.
    static func signedIn(_ client: some TestClientProtocol, _ name: String, at page: String) async throws -> Browser {
        var b = Browser()
        try await b.signIn(client, name)
        try await b.get(client, page)
        return b
    }

    /// The case's or the audit's version the last page's forms are based on.
    var basedOn: String {
        guard let r = lastBody.range(of: "name=\"basedOn\" value=\"") else { return "" }
        return String(lastBody[r.upperBound...].prefix { $0 != "\"" })
    }
}
