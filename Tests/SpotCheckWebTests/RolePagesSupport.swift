import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText
import SpotCheckWeb

/// A workspace holding the demo shop's September (Samples/2026-09): its four sheets imported
/// and drawn with the demo's seed, its transcripts imported, checked and sampled; with a
/// lead, two callers, an auditor and a manager; and the workbench over it at a fixed now.
///
/// The data is made once and copied for each bench, so every test has a database of its own.
final class RoleBench: @unchecked Sendable {
    let dir: String
    var db: String { "\(dir)/spotcheck.db" }
    let now: LocalDateTime
    let app: WebApp

    static let month = YearMonth(parsing: "2026-09")!
    static let password = "correct horse battery"
    /// Quick hashes: the tests are about pages, not argon2's cost.
    static let hasher = PasswordHasher(iterations: 1, memoryKiB: 64)

    /// The workbench at `now` (a Monday morning within the calling hours by default).
    init(now: String = "2026-09-28 10:00") throws {
        let template = try Self.template.get()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-web-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: template, toPath: dir)
        self.now = Self.moment(now)
        let fixed = self.now
        let ws = try Workspace(dbPath: "\(dir)/spotcheck.db", configDirectory: nil, lang: .zh, now: fixed)
        app = try WebApp(
            shared: try ws.shared(), settings: WebSettings(fixedStart: (fixed, false)), hasher: Self.hasher,
            realClock: { 1_800_000_000 }, wallClock: { fixed })
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// A workspace handle at the bench's now.
    func workspace() -> Workspace { app.workspace() }

    /// The month's cases as the rules see them now.
    func cases() throws -> MonthCases {
        let ws = workspace()
        return try ws.store().read { db in try MonthCases.load(month: Self.month, config: ws.config, db) }
    }

    /// The callers' share of the main list: 王敏 the odd rows, 李娜 the even ones.
    func assignCallers() throws -> (wang: [Int], li: [Int]) {
        let main = try cases().cases.filter { !$0.item.isReserve }.map(\.item.itemNo)
        let wang = main.filter { $0 % 2 == 1 }, li = main.filter { $0 % 2 == 0 }
        let assignments = CaseAssignments(workspace: workspace())
        try assignments.assign(month: Self.month, items: wang, to: "王敏", by: "赵组长")
        try assignments.assign(month: Self.month, items: li, to: "李娜", by: "赵组长")
        return (wang, li)
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

    // MARK: - The data, made once

    static let template: Result<String, Error> = Result { try makeTemplate() }

    private static func makeTemplate() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-web-template-\(getpid())")
            .path
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = "\(dir)/spotcheck.db"
        _ = try Workspace.initialize(dbPath: db, identity: Workspace.demoIdentity)
        func on(_ day: String) throws -> Workspace {
            try Workspace(dbPath: db, configDirectory: nil, lang: .zh, now: moment(day + " 09:00"), nowIsDayOnly: true)
        }
        let september = try on("2026-09-25")
        let sheets: [(SourceKind, String)] = [
            (.afterSales, "售后问题处理表.xlsx"), (.courier, "快递件处理表.csv"), (.reviews, "评价收集表.xlsx"),
            (.vip, "VIP客户名单.csv"),
        ]
        for (kind, file) in sheets {
            _ = try SheetImporter(workspace: september).run(
                ImportRequest(kind: kind, files: ["\(samplesFolder)/2026-09/\(file)"], month: month))
        }
        _ = try MonthlyDraw(workspace: september).run(.init(month: month, seed: 20_260_925, drawnBy: "赵组长"))
        let october = try on("2026-10-08")
        _ = try TranscriptImporter(workspace: october).run(
            files: ["\(samplesFolder)/2026-09/聊天记录.csv"], channel: .chat)
        _ = try TranscriptImporter(workspace: october).run(
            files: ["\(samplesFolder)/2026-09/通话转写.jsonl", "\(samplesFolder)/2026-09/通话录音补录.xlsx"], channel: .call)
        _ = try QAChecker(workspace: october).run(period: month)
        _ = try AuditSample(workspace: october).run(period: month, rate: nil, seed: 20_261_008, drawnBy: "质检")
        let users = UserDirectory(workspace: october, hasher: hasher)
        for (name, role) in [
            ("赵组长", WebRole.lead), ("王敏", .caller), ("李娜", .caller), ("孙质检", .auditor), ("钱主管", .manager),
        ] {
            _ = try users.add(name: name, role: role, password: password)
        }
        return dir
    }
}

/// The repository's Samples/ folder.
let samplesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples").path

/// A signed-in browser: its session cookie and the CSRF token of its forms.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookie: String
    var csrf: String

    /// Signs `name` in through the sign-in form.
    static func signIn(_ client: any TestClientProtocol, as name: String) async throws -> Browser {
        let form = try await client.execute(uri: "/login", method: .get)
        var b = Browser(client: client, cookie: Self.cookie(form) ?? "", csrf: Self.csrf(in: form.bodyText) ?? "")
        let done = try await b.post(
            "/login", ["name": name, "password": RoleBench.password, "_csrf": b.csrf], withToken: false)
        guard done.status == .seeOther, let cookie = Self.cookie(done) else {
            throw BrowserError.signInFailed(name, done.status.code)
        }
        b.cookie = cookie
        let home = try await b.get("/log")  // any page: its frame carries the sign-out form's token
        b.csrf = Self.csrf(in: home.bodyText) ?? ""
        return b
    }

    func get(_ uri: String) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.cookie] = cookie
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// A url-encoded form posted with the session's cookie, and its CSRF token unless `withToken` is false.
    func post(_ uri: String, _ fields: [String: String], withToken: Bool = true) async throws -> TestResponse {
        var fields = fields
        if withToken && fields["_csrf"] == nil { fields["_csrf"] = csrf }
        var headers = HTTPFields()
        headers[.cookie] = cookie
        headers[.contentType] = "application/x-www-form-urlencoded"
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.sorted { $0.key < $1.key }.map { k, v in
            "\(k.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(v.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func cookie(_ r: TestResponse) -> String? {
        r.headers[values: .setCookie].first { $0.hasPrefix("spotcheck_session=") }
            .map { String($0.prefix { $0 != ";" }) }
    }

    static func csrf(in html: String) -> String? {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}

enum BrowserError: Error { case signInFailed(String, Int) }

extension TestResponse {
    var bodyText: String { String(buffer: body) }
}
