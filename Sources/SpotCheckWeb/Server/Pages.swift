import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import SpotCheckText

/// Renders the workbench's pages: each page's Mustache template (embedded from `Assets/`)
/// inside the frame of `layout.mustache`, with its strings from the catalog.
public struct Pages: Sendable {
    let library: MustacheLibrary
    let lang: Lang

    /// Why a request was refused.
    public enum Refusal: Sendable {
        case forbidden, forbiddenCSRF, notFound

        var message: Message {
            switch self {
            case .forbidden: return Catalog.Web.forbidden
            case .forbiddenCSRF: return Catalog.Web.forbiddenCSRF
            case .notFound: return Catalog.Web.notFound
            }
        }
        var status: HTTPResponse.Status {
            switch self {
            case .forbidden, .forbiddenCSRF: return .forbidden
            case .notFound: return .notFound
            }
        }
    }

    init(lang: Lang) throws {
        var library = MustacheLibrary()
        for (name, text) in EmbeddedAssets.files where name.hasSuffix(".mustache") {
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        self.lang = lang
    }

    /// A whole page: `template` filled with `data` (plus `t`, the page's strings, and `csrf`)
    /// inside the frame.
    public func page(
        _ template: String, title: Message, strings: [String: Message] = [:], data: [String: Any] = [:],
        context: WebContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var data = data
        data["t"] = Catalog.Web.strings(strings, lang)
        data["csrf"] = context.csrf
        guard let body = library.render(data, withTemplate: template) else { throw HTTPError(.internalServerError) }
        let frame = frameData(title: title.text(lang), body: body, context: context)
        guard let html = library.render(frame, withTemplate: "layout") else { throw HTTPError(.internalServerError) }
        return Self.html(html, status: status)
    }

    /// A refusal (403, 404) as a page.
    public func refusal(_ r: Refusal, context: WebContext) throws -> Response {
        try page(
            "message", title: Catalog.Web.refusedTitle,
            data: ["messages": [r.message.text(lang)], "back": Catalog.Web.backHome.text(lang)], context: context,
            status: r.status)
    }

    func frameData(title: String, body: String, context: WebContext) -> [String: Any] {
        var frame: [String: Any] = [
            "title": title, "body": body, "lang": lang == .zh ? "zh-CN" : "en", "csrf": context.csrf,
            "t": Catalog.Web.strings(Catalog.Web.layout, lang),
        ]
        if let user = context.identity {
            frame["user"] = [
                "name": user.name, "role": Catalog.Users.roleName(user.role.rawValue).text(lang),
            ]
            frame["nav"] = Catalog.Web.navigation(role: user.role.rawValue).map {
                ["path": $0.path, "name": $0.name.text(lang)]
            }
        }
        return frame
    }

    /// An HTML response with the workbench's security headers.
    public static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A redirect after a POST (303: the browser follows with a GET).
    public static func redirect(_ location: String) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// Nothing from elsewhere: scripts, styles and forms only from the workbench itself; no
    /// framing; no caching of pages that hold personal data.
    static let securityHeaders: HTTPFields = {
        var h = HTTPFields()
        h[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        h[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        h[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        h[.cacheControl] = "no-store"
        return h
    }()
}
