import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpotCheckCore
import SpotCheckFormats
import SpotCheckKit
import SpotCheckStore
import SpotCheckText
import SpotCheckWeb

/// The demo shop's Samples/ folder.
let samplesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples").path

/// A workspace for the workbench's tests: the demo shop's October imported from the seller
/// centres' exports (and drawn, unless asked not to), September's transcripts checked and
/// drawn for audit when asked, and one user per role (two callers).
final class WebWorkspace: @unchecked Sendable {
    let dir: String
    var db: String { "\(dir)/spotcheck.db" }

    static let password = "correct horse battery"
    static let users: [(name: String, role: WebRole)] = [
        ("王组长", .lead), ("李娜", .caller), ("张伟", .caller), ("陈静", .auditor), ("刘总", .manager),
    ]
    /// Cheap hashes for tests (the parameters travel in the hash; sign-in verifies any).
    static let testHasher = PasswordHasher(iterations: 1, memoryKiB: 64)
    static let october = YearMonth(parsing: "2026-10")!
    static let september = YearMonth(parsing: "2026-09")!

    init(drawn: Bool = true, qa: Bool = false) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-web-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try Workspace.initialize(dbPath: db, identity: Workspace.demoIdentity)
        let ws = try on("2026-10-26")
        let s = "\(samplesDir)/2026-10"
        try OrderImporter(workspace: ws).run(
            OrderImportRequest(files: [
                "\(s)/淘宝-ExportOrderList202610251000.csv", "\(s)/京东-订单导出.xlsx", "\(s)/拼多多-订单导出.csv",
                "\(s)/抖店-订单导出.csv",
            ]))
        let sheets: [(SourceKind, [String])] = [
            (.afterSales, ["淘宝-退款导出.csv", "京东-售后服务单.xlsx", "拼多多-售后导出.csv", "抖店-售后导出.xlsx"]),
            (.courier, ["快递异常登记表.xlsx"]), (.reviews, ["淘宝-评价导出.xlsx"]),
        ]
        for (kind, files) in sheets {
            _ = try SheetImporter(workspace: ws).run(
                ImportRequest(kind: kind, files: files.map { "\(s)/\($0)" }, month: Self.october))
        }
        _ = try VIPDeriver(workspace: ws).run(VIPDeriveRequest(month: Self.october))
        if drawn {
            _ = try MonthlyDraw(workspace: ws).run(.init(month: Self.october, seed: 20_261_026, drawnBy: "王组长"))
        }
        if qa { try addQA() }
        let users = UserDirectory(workspace: ws, hasher: Self.testHasher)
        for u in Self.users { try users.add(name: u.name, role: u.role, password: Self.password) }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// September's transcripts imported, checked and drawn for audit.
    func addQA() throws {
        let ws = try on("2026-10-08")
        let s = "\(samplesDir)/2026-09"
        _ = try TranscriptImporter(workspace: ws).run(files: ["\(s)/聊天记录.csv"], channel: .chat)
        _ = try TranscriptImporter(workspace: ws).run(files: ["\(s)/通话转写.jsonl"], channel: .call)
        _ = try QAChecker(workspace: ws).run(period: Self.september)
        _ = try AuditSample(workspace: ws).run(period: Self.september, rate: nil, seed: 20_261_008, drawnBy: "陈静")
    }

    /// A workspace handle at a moment (`2026-10-27 10:00`) or on a day.
    func on(_ text: String) throws -> Workspace {
        let d = try DateText.parse(text)!
        return try Workspace(
            dbPath: db, configDirectory: nil, lang: .zh, now: d.moment, nowIsDayOnly: !d.hasTime)
    }

    /// The workbench over this workspace, its clock starting at `now` and running on with
    /// `realClock` (tests move it by hand).
    func app(
        now: String = "2026-10-27 10:00", lang: Lang = .zh, idleTimeout: Double = 30 * 60,
        realClock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) throws -> WebApp {
        let d = try DateText.parse(now)!
        let ws = try Workspace(dbPath: db, configDirectory: nil, lang: lang, now: d.moment)
        return try WebApp(
            shared: try ws.shared(),
            settings: WebSettings(idleTimeout: idleTimeout, fixedStart: (d.moment, !d.hasTime)),
            hasher: Self.testHasher, realClock: realClock, wallClock: { d.moment })
    }

    /// Counts rows of a table.
    func count(_ table: String) throws -> Int {
        try Store(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }
}

/// A test clock that moves only when told.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 1_800_000_000
    func now() -> Double { lock.withLock { seconds } }
    func advance(_ s: Double) { lock.withLock { seconds += s } }
}

/// What a browser keeps between requests: its session cookie and the CSRF token of the last
/// page it loaded.
struct Browser {
    var cookie: String?
    var csrf: String?
    var lastBody = ""

    /// GETs a page, keeping the cookie and the page's CSRF token.
    @discardableResult
    mutating func get(_ client: some TestClientProtocol, _ path: String) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = "spotcheck_session=\(cookie)" }
        let r = try await client.execute(uri: path, method: .get, headers: headers)
        absorb(r)
        return r
    }

    /// POSTs a url-encoded form, with the CSRF token unless `withToken` is false.
    @discardableResult
    mutating func post(
        _ client: some TestClientProtocol, _ path: String, _ fields: [(String, String)] = [], withToken: Bool = true
    ) async throws -> TestResponse {
        var all = fields
        if withToken, let csrf { all.append(("_csrf", csrf)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[.cookie] = "spotcheck_session=\(cookie)" }
        let r = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        absorb(r)
        return r
    }

    /// Signs in through the form, as a person does.
    @discardableResult
    mutating func signIn(
        _ client: some TestClientProtocol, _ name: String, password: String = WebWorkspace.password
    ) async throws -> TestResponse {
        try await get(client, "/login")
        return try await post(client, "/login", [("name", name), ("password", password)])
    }

    mutating func absorb(_ r: TestResponse) {
        for c in r.headers[values: .setCookie] where c.hasPrefix("spotcheck_session=") {
            let value = String(c.dropFirst("spotcheck_session=".count).prefix { $0 != ";" })
            let expired = c.contains("Max-Age=0") || c.contains("Expires=Thu, 01 Jan 1970")
            cookie = value.isEmpty || expired ? nil : value
        }
        lastBody = String(buffer: r.body)
        if let range = lastBody.range(of: #"name="_csrf" value=""#) {
            csrf = String(lastBody[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}
