import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SpotCheckCore
import SpotCheckFormats
import SpotCheckKit
import SpotCheckStore
import SpotCheckText
import SpotCheckWeb
import Testing

/// The lead's and manager's route tests' workspace: the demo shop's 2026-08 and 2026-09 drawn
/// as the demo draws them, 2026-09's filled call list and scored audit workbook imported, and a
/// user of each role (password ``password``). It is made once and copied for each test.
final class RoleBench: @unchecked Sendable {
    static let password = "password-123"
    static let users: [(String, WebRole)] = [
        ("组长", .lead), ("回访员甲", .caller), ("回访员乙", .caller), ("质检员", .auditor), ("主管", .manager),
    ]
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let samples = repositoryRoot + "/Samples"
    /// Cheap hashes: the tests sign in many times.
    static let hasher = PasswordHasher(iterations: 1, memoryKiB: 8)

    let dir: String
    var db: String { dir + "/spotcheck.db" }

    /// A copy of the prepared workspace.
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-web-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let template = try Self.template.get()
        for name in try FileManager.default.contentsOfDirectory(atPath: template) {
            try FileManager.default.copyItem(atPath: template + "/" + name, toPath: dir + "/" + name)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// The prepared workspace's folder, made on first use.
    nonisolated(unsafe) static let template: Result<String, Error> = Result { try prepare() }

    /// A workspace at `day` (09:00, the day only known), as the demo runs its steps.
    static func workspace(_ db: String, _ day: String) throws -> Workspace {
        let d = try #require(try DateText.parse(day)).day
        return try Workspace(
            dbPath: db, configDirectory: nil, lang: .zh, now: try #require(LocalDateTime(day: d, hour: 9)),
            nowIsDayOnly: true)
    }

    private static func prepare() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-web-template-\(getpid())")
            .path
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = dir + "/spotcheck.db"
        _ = try Workspace.initialize(dbPath: db, identity: Workspace.demoIdentity)
        let months: [(String, String, UInt64, [(SourceKind, String)])] = [
            (
                "2026-08", "2026-08-26", 20_260_826,
                [
                    (.afterSales, "售后问题处理表.csv"), (.courier, "快递件处理表.xlsx"), (.reviews, "评价收集表.csv"),
                    (.vip, "VIP客户名单.xlsx"),
                ]
            ),
            (
                "2026-09", "2026-09-25", 20_260_925,
                [
                    (.afterSales, "售后问题处理表.xlsx"), (.courier, "快递件处理表.csv"), (.reviews, "评价收集表.xlsx"),
                    (.vip, "VIP客户名单.csv"),
                ]
            ),
        ]
        for (m, today, seed, files) in months {
            let ws = try workspace(db, today)
            let month = try #require(YearMonth(parsing: m))
            for (kind, file) in files {
                _ = try SheetImporter(workspace: ws).run(
                    ImportRequest(kind: kind, files: ["\(samples)/\(m)/\(file)"], month: month))
            }
            _ = try MonthlyDraw(workspace: ws).run(.init(month: month, seed: seed, drawnBy: "demo"))
        }
        _ = try ResultsImporter(workspace: try workspace(db, "2026-10-08")).run(
            file: "\(samples)/2026-09/回访名单-已填写.xlsx")
        let qa = try workspace(db, "2026-10-08")
        let period = try #require(YearMonth(parsing: "2026-09"))
        for (file, channel) in [("聊天记录.csv", Channel.chat), ("通话转写.jsonl", .call), ("通话录音补录.xlsx", .call)] {
            _ = try TranscriptImporter(workspace: qa).run(files: ["\(samples)/2026-09/\(file)"], channel: channel)
        }
        _ = try QAChecker(workspace: qa).run(period: period)
        _ = try AuditSample(workspace: qa).run(period: period, rate: nil, seed: 20_261_008, drawnBy: "demo")
        _ = try AuditWorkbook(workspace: qa).export(period: period, to: dir + "/audit.xlsx")
        try FileManager.default.removeItem(atPath: dir + "/audit.xlsx")
        _ = try ScoresImporter(workspace: try workspace(db, "2026-10-15")).run(
            file: "\(samples)/2026-09/抽检评分表-已评分.xlsx")
        let users = UserDirectory(workspace: qa, hasher: hasher)
        for (name, role) in RoleBench.users { try users.add(name: name, role: role, password: password) }
        return dir
    }

    /// The workbench over this workspace, its clock standing at `now` (`YYYY-MM-DD HH:MM`):
    /// its real clock does not run, so a slow run on a busy machine still sees the minute the
    /// test expects.
    func app(now: String) throws -> WebApp {
        let start = try #require(try DateText.parse(now)).moment
        let ws = try Workspace(dbPath: db, configDirectory: nil, lang: .zh, now: start)
        let standing = Date().timeIntervalSince1970
        return try WebApp(
            shared: try ws.shared(), settings: WebSettings(fixedStart: (start, false)), hasher: Self.hasher,
            realClock: { standing }, wallClock: { start })
    }

    /// A workspace handle on this copy (to look at the database).
    func workspace(_ day: String = "2026-10-26") throws -> Workspace { try Self.workspace(db, day) }

    /// Counts the rows of a table.
    func count(_ table: String) throws -> Int {
        try workspace().store().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }
}

/// A signed-in browser: its session cookie and the session's CSRF token.
struct RoleBrowser {
    var cookie: String
    var csrf: String

    /// Signs `name` in through the sign-in form, as a browser does.
    static func signIn(_ client: some TestClientProtocol, as name: String, home: String) async throws -> RoleBrowser {
        let login = try await client.execute(uri: "/login", method: .get)
        let anonymous = try #require(sessionCookie(login.headers))
        let token = try #require(csrf(in: String(buffer: login.body)))
        let form = "name=\(encode(name))&password=\(encode(RoleBench.password))&_csrf=\(encode(token))"
        let signed = try await client.execute(
            uri: "/login", method: .post, headers: formHeaders(cookie: anonymous), body: ByteBuffer(string: form))
        #expect(signed.status == .seeOther)
        let cookie = try #require(sessionCookie(signed.headers))
        let page = try await client.execute(uri: home, method: .get, headers: [.cookie: cookie])
        #expect(page.status == .ok, "\(home): \(page.status)")
        return RoleBrowser(cookie: cookie, csrf: try #require(csrf(in: String(buffer: page.body))))
    }

    /// A GET with the session.
    func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    /// A form POST with the session; the CSRF token unless `csrf` is false.
    func post(
        _ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)], csrf withToken: Bool = true
    ) async throws -> TestResponse {
        let all = fields + (withToken ? [("_csrf", csrf)] : [])
        let body = all.map { "\(RoleBrowser.encode($0.0))=\(RoleBrowser.encode($0.1))" }.joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post, headers: RoleBrowser.formHeaders(cookie: cookie), body: ByteBuffer(string: body))
    }

    /// An upload as the page's script sends it: the file as it is, its name percent-encoded.
    func upload(_ client: some TestClientProtocol, file path: String) async throws -> TestResponse {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let name = (path as NSString).lastPathComponent
        var headers: HTTPFields = [.cookie: cookie, .contentType: "application/octet-stream"]
        headers[try #require(HTTPField.Name("X-CSRF-Token"))] = csrf
        headers[try #require(HTTPField.Name("X-File-Name"))] = RoleBrowser.encode(name)
        return try await client.execute(
            uri: "/lead/upload/file", method: .post, headers: headers, body: ByteBuffer(bytes: data))
    }

    static func formHeaders(cookie: String) -> HTTPFields {
        [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    /// `spotcheck_session=…` from a response's Set-Cookie.
    static func sessionCookie(_ headers: HTTPFields) -> String? {
        headers[values: .setCookie].compactMap { $0.split(separator: ";").first.map(String.init) }
            .first { $0.hasPrefix("spotcheck_session=") }
    }

    /// The CSRF token of the first form of a page.
    static func csrf(in html: String) -> String? {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}

/// A page's text without its tags (what a person reads), spaces collapsed.
func visibleText(_ html: String) -> String {
    var out = ""
    var inTag = false
    for ch in html {
        if ch == "<" { inTag = true; out.append(" "); continue }
        if ch == ">" { inTag = false; continue }
        if !inTag { out.append(ch) }
    }
    return out.replacingOccurrences(of: "&amp;", with: "&").split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// The rows of a workbook's sheet as the cells' text.
func sheetRows(_ path: String, _ sheet: String) throws -> [[String]] {
    var rows: [[String]] = []
    try XLSXReader(path: path).forEachRow(sheet: sheet) { _, cells in rows.append(cells.map(\.text)) }
    return rows
}
