import Hummingbird
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The auditor's pages.
struct AuditorPages {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.page("/auditor", [.auditor], app: app) { _, context, user in
            try app.pages.page(
                "message", title: Catalog.Users.roleName("auditor"), data: ["messages": [user.name]], context: context)
        }
    }
}
