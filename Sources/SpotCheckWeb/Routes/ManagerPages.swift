import Hummingbird
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// The manager's pages.
struct ManagerPages {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.page("/manager", [.manager], app: app) { _, context, user in
            try app.pages.page(
                "message", title: Catalog.Users.roleName("manager"), data: ["messages": [user.name]], context: context)
        }
    }
}
