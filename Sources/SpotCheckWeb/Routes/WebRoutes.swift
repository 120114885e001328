import Hummingbird
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The start page of each role, the audit log, and each role's pages.
enum WebRoutes {
    static func addRolePages(to router: Router<WebContext>, app: WebApp) {
        router.get("/") { _, context in
            guard let user = context.identity else { return Pages.redirect("/login") }
            return Pages.redirect("/" + user.role.rawValue)
        }
        router.page("/log", [.lead, .manager], app: app) { _, context, _ in
            try logPage(app: app, context: context)
        }
        LeadPages(app: app).add(to: router)
        CallerPages(app: app).add(to: router)
        AuditorPages(app: app).add(to: router)
        ManagerPages(app: app).add(to: router)
    }

    static func logPage(app: WebApp, context: WebContext) throws -> Response {
        let lang = app.pages.lang
        let rows = try AuditLog(workspace: app.workspace()).entries(limit: 500).map { r -> [String: Any] in
            [
                "at": r.at.minuteText, "actor": r.actor, "via": r.via.rawValue,
                "action": Catalog.AuditLog.action(r.action).text(lang), "month": r.month?.description ?? "",
                "detail": r.detail,
            ]
        }
        return try app.pages.page(
            "log", title: Catalog.Web.logPage["title"]!, strings: Catalog.Web.logPage, data: ["rows": rows],
            context: context)
    }
}
