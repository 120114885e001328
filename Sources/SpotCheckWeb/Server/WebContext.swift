import Foundation
import Hummingbird
import HummingbirdAuth
import SpotCheckStore

/// The signed-in person of a request.
public struct WebUser: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: WebRole
}

/// What the server keeps of a session (server-side; the cookie holds only its random id).
public struct WebSession: Codable, Sendable, Equatable {
    /// The signed-in user; nil before signing in (the session then only carries the sign-in
    /// form's CSRF token).
    public var userID: Int64?
    /// The token every form that changes something must carry.
    public var csrf: String
    /// When the session was last used (real seconds since 1970), for the idle expiry.
    public var lastSeen: Double

    public init(userID: Int64?, csrf: String = WebSession.newToken(), lastSeen: Double) {
        self.userID = userID
        self.csrf = csrf
        self.lastSeen = lastSeen
    }

    /// 32 random bytes (getrandom(2)) as URL-safe base64.
    public static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// The request context of the workbench: the session, the signed-in user and the CSRF token.
public struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: WebUser?
    public let sessions: SessionContext<WebSession>
    /// The session's CSRF token, for the forms of the page being rendered.
    public var csrf: String = ""
    /// The form fields of a POST, read once by the guard (which checks its CSRF token).
    public var form: [String: [String]] = [:]

    /// Uploads of the month's sheets and filled workbooks may be large.
    public var maxUploadSize: Int { 64 << 20 }

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
    }

    /// The first value of a form field, trimmed; nil when absent or empty.
    public func field(_ name: String) -> String? {
        guard let v = form[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else {
            return nil
        }
        return v
    }
}
