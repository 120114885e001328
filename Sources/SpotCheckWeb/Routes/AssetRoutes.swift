import HTTPTypes
import Hummingbird

/// The style sheet and script, embedded in the binary: nothing is fetched from elsewhere.
enum AssetRoutes {
    static func add(to router: Router<WebContext>) {
        router.get("/assets/:name") { _, context in
            let name = try context.parameters.require("name")
            guard let text = EmbeddedAssets.files[name], let type = contentType(of: name) else {
                throw HTTPError(.notFound)
            }
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "max-age=3600"
            headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    static func contentType(of name: String) -> String? {
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".svg") { return "image/svg+xml" }
        return nil
    }
}
