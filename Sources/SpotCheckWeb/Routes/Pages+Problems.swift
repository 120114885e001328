import HTTPTypes
import Hummingbird
import SpotCheckText

extension Pages {
    /// A request refused in the words of the page that refused it (a message page with `status`).
    func problem(_ message: Message, status: HTTPResponse.Status, context: WebContext) throws -> Response {
        try page(
            "message", title: Catalog.Web.refusedTitle,
            data: ["messages": [message.text(lang)], "back": Catalog.Web.backHome.text(lang)], context: context,
            status: status)
    }
}

/// A query value that is not what the page takes (`?month=13`): a bad request, said in words.
struct BadQuery: Error {
    let message: Message
}
