import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SpotCheckKit
import SpotCheckStore
import SpotCheckWeb
import Testing

@Suite("The workbench lets in only who may come, and only what they sent themselves")
struct WebSecurityTests {
    static let startPages: [(path: String, role: WebRole)] = [
        ("/lead", .lead), ("/caller", .caller), ("/auditor", .auditor), ("/manager", .manager),
    ]

    @Test("An anonymous visitor is sent to sign in, and comes back to the page asked for")
    func anonymousGoesToSignIn() async throws {
        let w = try WebWorkspace(drawn: false)
        let app = Application(router: try w.app().router())
        try await app.test(.router) { client in
            for page in Self.startPages.map(\.path) + ["/log", "/"] {
                var b = Browser()
                let r = try await b.get(client, page)
                #expect(r.status == .seeOther)
                let location = r.headers[.location] ?? ""
                #expect(location.hasPrefix("/login"), "\(page) → \(location)")
            }
            var b = Browser()
            try await b.get(client, "/login?next=/manager")
            let r = try await b.post(
                client, "/login", [("name", "刘总"), ("password", WebWorkspace.password), ("next", "/manager")])
            #expect(r.headers[.location] == "/manager")
        }
    }

    @Test("Every start page opens for its role and is refused (403) to every other role")
    func rolesSeeOnlyTheirPages() async throws {
        let w = try WebWorkspace(drawn: false)
        let app = Application(router: try w.app().router())
        try await app.test(.router) { client in
            for user in WebWorkspace.users {
                var b = Browser()
                let signIn = try await b.signIn(client, user.name)
                #expect(signIn.status == .seeOther)
                let home = try await b.get(client, "/")
                #expect(home.headers[.location] == "/\(user.role.rawValue)")
                for page in Self.startPages {
                    let r = try await b.get(client, page.path)
                    #expect(r.status == (page.role == user.role ? .ok : .forbidden), "\(user.name) \(page.path)")
                    if page.role != user.role { #expect(r.text.contains("你的角色不能打开这个页面")) }
                }
                let log = try await b.get(client, "/log")
                #expect(log.status == ([.lead, .manager].contains(user.role) ? .ok : .forbidden))
            }
        }
    }

    @Test("A form sent without its CSRF token, or with another session's, is refused (403) and changes nothing")
    func formsNeedTheirToken() async throws {
        let w = try WebWorkspace(drawn: false)
        let app = Application(router: try w.app().router())
        try await app.test(.router) { client in
            // Signing in without the token: refused, no session is signed in.
            var anonymous = Browser()
            try await anonymous.get(client, "/login")
            let noToken = try await anonymous.post(
                client, "/login", [("name", "王组长"), ("password", WebWorkspace.password)], withToken: false)
            #expect(noToken.status == .forbidden)
            #expect(noToken.text.contains("缺少安全令牌"))
            #expect(try await anonymous.get(client, "/lead").status == .seeOther)

            var lead = Browser()
            try await lead.signIn(client, "王组长")
            try await lead.get(client, "/lead")
            // Signing out without the token, then with another browser's token: both refused.
            #expect(try await lead.post(client, "/logout", withToken: false).status == .forbidden)
            var other = Browser()
            try await other.signIn(client, "李娜")
            try await other.get(client, "/caller")
            var forged = lead
            forged.csrf = other.csrf
            #expect(try await forged.post(client, "/logout").status == .forbidden)
            #expect(try await lead.get(client, "/lead").status == .ok)
            // With its own token it works.
            #expect(try await lead.post(client, "/logout").status == .seeOther)
            #expect(try await lead.get(client, "/lead").status == .seeOther)
        }
    }

    @Test(
        "Wrong passwords are refused alike for unknown names, then slowed: the sixth try waits, even with the right password"
    )
    func wrongPasswordsAreSlowed() async throws {
        let w = try WebWorkspace(drawn: false)
        let clock = ManualClock()
        let app = Application(router: try w.app(realClock: clock.now).router())
        try await app.test(.router) { client in
            var b = Browser()
            let unknown = try await b.signIn(client, "没有这个人", password: "whatever-123")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("用户名或密码不正确"))
            for _ in 0..<SignInThrottle.freeFailures {
                let r = try await b.signIn(client, "李娜", password: "wrong-password")
                #expect(r.status == .unauthorized)
                #expect(r.text.contains("用户名或密码不正确"))
            }
            let slowed = try await b.signIn(client, "李娜")
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.headers[.retryAfter] == "15")
            #expect(slowed.text.contains("请 15 秒后再试"))
            #expect(try await b.get(client, "/caller").status == .seeOther)
            clock.advance(16)
            #expect(try await b.signIn(client, "李娜").status == .seeOther)
            #expect(try await b.get(client, "/caller").status == .ok)
        }
    }

    @Test("The session id changes at sign-in and the anonymous one is gone; the cookie is HttpOnly and SameSite=Strict")
    func newSessionAtSignIn() async throws {
        let w = try WebWorkspace(drawn: false)
        let app = Application(router: try w.app().router())
        try await app.test(.router) { client in
            var b = Browser()
            let form = try await b.get(client, "/login")
            let before = try #require(b.cookie)
            let setCookie = form.headers[.setCookie] ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(!setCookie.contains("Secure"))
            try await b.post(client, "/login", [("name", "陈静"), ("password", WebWorkspace.password)])
            let after = try #require(b.cookie)
            #expect(after != before)
            let ids = try Store(path: w.db).read { try String.fetchAll($0, sql: "SELECT id FROM web_sessions") }
            #expect(!ids.contains("s." + before))
            #expect(ids.contains("s." + after))
            // The old id is worth nothing now.
            var stale = Browser(cookie: before)
            #expect(try await stale.get(client, "/auditor").status == .seeOther)
        }
    }

    @Test("Under TLS the session cookie is Secure")
    func secureCookieUnderTLS() async throws {
        let w = try WebWorkspace(drawn: false)
        let base = try w.app()
        var settings = base.settings
        settings.tlsCertificate = "/unused/cert.pem"
        settings.tlsKey = "/unused/key.pem"
        let tlsApp = try WebApp(
            shared: base.shared, settings: settings, hasher: WebWorkspace.testHasher, realClock: base.realClock,
            wallClock: { base.workspace().now })
        try await Application(router: try tlsApp.router()).test(.router) { client in
            let r = try await client.execute(uri: "/login", method: .get)
            #expect(r.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test("A session unused for the idle time ends; a disabled user is out at the next click")
    func idleAndDisabledSessionsEnd() async throws {
        let w = try WebWorkspace(drawn: false)
        let clock = ManualClock()
        let app = Application(router: try w.app(idleTimeout: 30 * 60, realClock: clock.now).router())
        try await app.test(.router) { client in
            var b = Browser()
            try await b.signIn(client, "刘总")
            clock.advance(29 * 60)
            #expect(try await b.get(client, "/manager").status == .ok)
            clock.advance(29 * 60)  // used a minute ago: the idle time counts from the last use
            #expect(try await b.get(client, "/manager").status == .ok)
            clock.advance(31 * 60)
            #expect(try await b.get(client, "/manager").status == .seeOther)

            var caller = Browser()
            try await caller.signIn(client, "张伟")
            #expect(try await caller.get(client, "/caller").status == .ok)
            try UserDirectory(workspace: try w.on("2026-10-27")).disable(name: "张伟")
            #expect(try await caller.get(client, "/caller").status == .seeOther)
            #expect(try await caller.signIn(client, "张伟").status == .unauthorized)
        }
    }

    @Test("Passwords are stored only as salted argon2id hashes")
    func passwordsAreHashed() throws {
        let w = try WebWorkspace(drawn: false)
        let hashes = try Store(path: w.db).read { try String.fetchAll($0, sql: "SELECT password_hash FROM users") }
        #expect(hashes.count == WebWorkspace.users.count)
        #expect(hashes.allSatisfy { $0.hasPrefix("$argon2id$v=19$") && !$0.contains(WebWorkspace.password) })
        #expect(Set(hashes).count == hashes.count, "same password, different salts")
        let standard = try PasswordHasher.standard.hash("another password")
        #expect(standard.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(PasswordHasher.verify("another password", against: standard))
        #expect(!PasswordHasher.verify("another passwore", against: standard))
    }

    @Test("Pages carry the security headers and load nothing from elsewhere")
    func securityHeaders() async throws {
        let w = try WebWorkspace(drawn: false)
        let app = Application(router: try w.app().router())
        try await app.test(.router) { client in
            var b = Browser()
            let r = try await b.get(client, "/login")
            let csp = r.headers[.contentSecurityPolicy] ?? ""
            #expect(csp.contains("default-src 'self'"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(r.headers[.cacheControl] == "no-store")
            #expect(!r.text.contains("http://") && !r.text.contains("https://"))
            let css = try await client.execute(uri: "/assets/style.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.execute(uri: "/assets/nothing.js", method: .get).status == .notFound)
        }
    }

    @Test("The audit log records sign-ins and user changes, and spotcheck log's rows are the page's")
    func auditLogPage() async throws {
        let w = try WebWorkspace(drawn: false)
        let app = Application(router: try w.app().router())
        try await app.test(.router) { client in
            var b = Browser()
            try await b.signIn(client, "王组长")
            let page = try await b.get(client, "/log")
            #expect(page.status == .ok)
            #expect(page.text.contains("<td>王组长</td><td>web</td><td>登录</td>"))
        }
        let rows = try AuditLog(workspace: try w.on("2026-10-27")).entries()
        #expect(rows.first?.action == "sign-in")
        #expect(rows.first?.actor == "王组长")
    }
}
