import Hummingbird
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The caller's pages.
struct CallerPages {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.page("/caller", [.caller], app: app) { _, context, user in
            try app.pages.page(
                "message", title: Catalog.Users.roleName("caller"), data: ["messages": [user.name]], context: context)
        }
    }
}
