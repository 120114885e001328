import Foundation
import HTTPTypes
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// A workbook a page offers: the one the CLI writes, by the same Kit exporter, written to an
/// owner-only temporary folder and streamed back as an attachment named in the catalog's
/// words (RFC 6266/5987: `filename*=UTF-8''…` for a Chinese name, an English one for old
/// clients). The temporary folder goes once the file was sent.
enum WorkbookDownload {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Writes a workbook with `write` (given the path to write) and answers with it; an
    /// exporter's refusal (not drawn, nothing sampled…) is a page saying so.
    static func respond(
        name: Message, app: WebApp, context: WebContext, write: (String) throws -> Void
    ) throws -> Response {
        let dir = try ownerOnlyFolder()
        let path = dir + "/" + name.en
        do {
            try write(path)
        } catch let e as UserFacingError {
            try FileManager.default.removeItem(atPath: dir)
            return try app.pages.page(
                "message", title: Catalog.Web.refusedTitle,
                data: ["messages": e.messages.map { $0.text(app.pages.lang) }], context: context,
                status: .unprocessableContent)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var headers = Pages.securityHeaders
        headers[.contentType] = xlsx
        headers[.contentDisposition] = disposition(name.text(app.pages.lang), fallback: name.en)
        return Response(status: .ok, headers: headers, body: stream(path, size: size, removing: dir))
    }

    /// `attachment; filename="fallback"; filename*=UTF-8''percent-encoded`.
    static func disposition(_ name: String, fallback: String) -> String {
        let plain = String(
            fallback.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 })
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? plain
        return "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(encoded)"
    }

    /// The file in 64 KiB pieces; its folder is removed once it was read.
    static func stream(_ path: String, size: Int, removing dir: String) -> ResponseBody {
        ResponseBody(contentLength: size) { writer in
            defer {
                // Leaving the folder is harmless (the temporary folder is the server's own): nothing to report.
                _ = try? FileManager.default.removeItem(atPath: dir)
            }
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            while let chunk = try handle.read(upToCount: 64 << 10), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try handle.close()
            try await writer.finish(nil)
        }
    }

    /// A new folder only the server's user can open (mkdtemp(3): 0700, a name nobody guessed).
    static func ownerOnlyFolder(_ prefix: String = "spotcheck-download") throws -> String {
        let tmp = NSTemporaryDirectory()
        var template = Array(((tmp.hasSuffix("/") ? tmp : tmp + "/") + "\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard made else { throw HTTPError(.internalServerError) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension WorkbookDownload {
    /// The month's report for the sales manager, phones masked, as `spotcheck report` writes it
    /// (the lead's and the manager's download).
    static func report(_ request: Request, _ context: WebContext, _ app: WebApp) throws -> Response {
        let ws = app.workspace()
        let month = LeadPages.month(request, ws)
        return try respond(name: Catalog.CLI.demoFileName(.report, month.description), app: app, context: context) {
            path in
            let r = try SpotCheckReport(workspace: ws).run(month: month, to: path, showPhones: false)
            try app.log(.download, context, month: month, detail: "report: \(r.cases) cases")
        }
    }
}
