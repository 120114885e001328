import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import SpotCheckKit
import SpotCheckStore

/// Runs before every page: ends idle sessions, gives every visitor a session with a CSRF
/// token, loads the signed-in user (a disabled user is signed out at once), and refuses any
/// POST whose CSRF token is missing or wrong (403).
struct WebGuard: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    func handle(
        _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
    )
        async throws -> Response
    {
        if request.uri.path.hasPrefix("/assets/") { return try await next(request, context) }
        var context = context
        let now = app.realClock()
        var session = context.sessions.session
        if let s = session, now - s.lastSeen > app.settings.idleTimeout {
            context.sessions.clearSession()
            session = nil
        }
        if session == nil {
            let fresh = WebSession(userID: nil, lastSeen: now)
            context.sessions.createSession(fresh, expiresIn: .seconds(Int64(app.settings.idleTimeout)))
            session = fresh
        } else if let s = session, now - s.lastSeen > 60 {
            // Slide the idle expiry (at most one write a minute per session).
            context.sessions.withLockedSession {
                $0?.lastSeen = now
                $0?.expiresIn = .seconds(Int64(app.settings.idleTimeout))
            }
        }
        guard let s = session else { return try await next(request, context) }
        context.csrf = s.csrf
        if let id = s.userID {
            if let user = try app.users().activeUser(id: id) {
                context.identity = WebUser(id: id, name: user.name, role: user.role)
            } else {
                context.sessions.withLockedSession { $0?.userID = nil }
            }
        }
        var request = request
        if request.method == .post {
            let (fields, header) = try await Self.readForm(&request, context: context)
            context.form = fields
            let sent = fields["_csrf"]?.first ?? header
            guard let sent, Self.constantTimeEqual(sent, s.csrf) else {
                return try app.pages.refusal(.forbiddenCSRF, context: context)
            }
        }
        return try await next(request, context)
    }

    /// The fields of a url-encoded form (the body is kept for the route), and the
    /// `X-CSRF-Token` header of the script's uploads.
    static func readForm(_ request: inout Request, context: WebContext) async throws -> ([String: [String]], String?) {
        let header = request.headers[HTTPField.Name("X-CSRF-Token")!]
        let type = request.headers[.contentType] ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return ([:], header) }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return (FormBody.parse(String(buffer: body)), header)
    }

    /// Compares without stopping at the first difference.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormBody {
    static func parse(_ text: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            fields[key, default: []].append(value)
        }
        return fields
    }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
