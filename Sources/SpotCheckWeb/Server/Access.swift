import Foundation
import Hummingbird
import NIOPosix
import SpotCheckStore

/// A route's check of who is asking: signed in, and in one of the roles the page is for.
enum Access {
    /// Who may open a page; an anonymous visitor is sent to sign in, another role gets 403.
    enum Outcome {
        case allowed(WebUser)
        case refused(Response)
    }

    static func check(_ roles: Set<WebRole>, _ request: Request, _ context: WebContext, _ app: WebApp) throws -> Outcome
    {
        guard let user = context.identity else {
            if request.method == .get {
                let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
                return .refused(Pages.redirect("/login?next=\(next)"))
            }
            return .refused(Pages.redirect("/login"))
        }
        guard roles.contains(user.role) else { return .refused(try app.pages.refusal(.forbidden, context: context)) }
        return .allowed(user)
    }
}

extension Router where Context == WebContext {
    /// A GET page for `roles`: the handler runs only for them, off the cooperative pool
    /// (``Access/blocking(_:)``).
    @discardableResult
    func page(
        _ path: RouterPath, _ roles: Set<WebRole>, app: WebApp,
        _ handler: @escaping @Sendable (Request, WebContext, WebUser) throws -> Response
    ) -> Self {
        get(path, use: Self.guarded(roles, app, handler))
        return self
    }

    /// A POST action for `roles` (its CSRF token was checked by the guard), run as ``page``.
    @discardableResult
    func action(
        _ path: RouterPath, _ roles: Set<WebRole>, app: WebApp,
        _ handler: @escaping @Sendable (Request, WebContext, WebUser) throws -> Response
    ) -> Self {
        post(path, use: Self.guarded(roles, app, handler))
        return self
    }

    /// `handler` behind the role check, on the blocking pool.
    private static func guarded(
        _ roles: Set<WebRole>, _ app: WebApp,
        _ handler: @escaping @Sendable (Request, WebContext, WebUser) throws -> Response
    ) -> @Sendable (Request, WebContext) async throws -> Response {
        { request, context in
            try await Access.blocking {
                switch try Access.check(roles, request, context, app) {
                case .refused(let r): return r
                case .allowed(let user): return try handler(request, context, user)
                }
            }
        }
    }

    /// A POST action that reads a streamed body (an upload): it awaits the body itself.
    @discardableResult
    func streamingAction(
        _ path: RouterPath, _ roles: Set<WebRole>, app: WebApp,
        _ handler: @escaping @Sendable (Request, WebContext, WebUser) async throws -> Response
    ) -> Self {
        post(path) { request, context in
            switch try Access.check(roles, request, context, app) {
            case .refused(let r): return r
            case .allowed(let user): return try await handler(request, context, user)
            }
        }
        return self
    }
}

extension Access {
    /// Runs a page's synchronous work (SQLite, the rules, rendering) on the workbench's own
    /// pool of threads, in the order the requests came, instead of on Swift's cooperative
    /// threads (one per core), which the work would hold for its whole length. Measured with
    /// `Scripts/bench-serve`: on the cooperative threads, 20 connections on the caller's list
    /// saw a median of 12 ms and a p99 of 1.4 s — some requests waited while others were
    /// served again and again. The pool is its own (not NIO's shared one, which serves files)
    /// and has as many threads as the database has readers, so one long download does not
    /// hold every page.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(work)
    }

    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: Store.readerCount)
        pool.start()
        return pool
    }()
}
