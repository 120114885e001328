import Foundation
import Hummingbird
import HummingbirdAuth
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// Signing in and out. A new session id at sign-in (the anonymous one is deleted), so an id
/// seen before signing in is worth nothing after; repeated failures slow further attempts.
struct SignInRoutes {
    let app: WebApp
    let driver: SQLiteSessionDriver

    func add(to router: Router<WebContext>) {
        router.get("/login") { request, context in
            if context.identity != nil { return Pages.redirect("/") }
            return try signInPage(context: context, next: request.uri.queryParameters["next"].map(String.init))
        }
        router.post("/login") { request, context in try await signIn(request, context) }
        router.post("/logout") { _, context in
            context.sessions.clearSession()
            return Pages.redirect("/login")
        }
    }

    func signInPage(
        context: WebContext, next: String?, name: String = "", problem: Message? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var data: [String: Any] = ["name": name]
        if let next = Self.safeNext(next) { data["next"] = next }
        if let problem { data["problem"] = problem.text(app.pages.lang) }
        return try app.pages.page(
            "login", title: Catalog.Web.signIn["title"]!, strings: Catalog.Web.signIn, data: data, context: context,
            status: status)
    }

    func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        let name = context.field("name") ?? ""
        let password = context.form["password"]?.first ?? ""
        let next = context.field("next")
        let user: UserRow
        do {
            user = try app.users().signIn(name: name, password: password, clock: app.realClock())
        } catch let e as AccountError {
            var response = try signInPage(
                context: context, next: next, name: name, problem: e.message,
                status: e.retryAfter == nil ? .unauthorized : .tooManyRequests)
            if let wait = e.retryAfter { response.headers[.retryAfter] = String(wait) }
            return response
        }
        if let old = request.cookies["spotcheck_session"]?.value { try await driver.remove(key: "s." + old) }
        context.sessions.createSession(
            WebSession(userID: user.id, lastSeen: app.realClock()), expiresIn: .seconds(Int64(app.settings.idleTimeout))
        )
        try app.log(.signIn, WebContext.signedIn(context, user), detail: user.role.rawValue)
        return Pages.redirect(Self.safeNext(next) ?? "/")
    }

    /// Only a path of this site (never `//elsewhere` or a full address).
    static func safeNext(_ next: String?) -> String? {
        guard let n = next, n.hasPrefix("/"), !n.hasPrefix("//"), !n.contains("\\") else { return nil }
        return n
    }
}

extension WebContext {
    /// The context as it is once `user` signed in (for the log line of the sign-in itself).
    static func signedIn(_ context: WebContext, _ user: UserRow) -> WebContext {
        var c = context
        c.identity = WebUser(id: user.id ?? 0, name: user.name, role: user.role)
        return c
    }
}
