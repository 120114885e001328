import Hummingbird
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The lead's pages.
struct LeadPages {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.page("/lead", [.lead], app: app) { _, context, user in
            try app.pages.page(
                "message", title: Catalog.Users.roleName("lead"), data: ["messages": [user.name]], context: context)
        }
    }
}
