import Foundation
import HTTPTypes
import Hummingbird
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// The upload of the month's sheets: the page's script sends each file as it is (its name in
/// `X-File-Name`, percent-encoded) to the session's staging folder, which guesses its kind
/// from its headers; the lead confirms or changes each kind and imports them all at once,
/// through the same import as `spotcheck import` (``ImportBatch``): a bad row anywhere
/// imports nothing and every problem is listed with its file, row, column and value.
extension LeadPages {
    func addUpload(to router: Router<WebContext>) {
        router.page("/lead/upload", [.lead], app: app) { request, context, _ in
            let ws = app.workspace()
            return try uploadPage(month: Self.month(request, ws), ws: ws, context: context)
        }
        router.streamingAction("/lead/upload/file", [.lead], app: app) { request, context, _ in
            try await receive(request, context)
        }
        router.action("/lead/upload/remove", [.lead], app: app) { _, context, _ in
            if let id = context.field("id").flatMap({ Int($0) }) { try staging.remove(id: id, context) }
            return Pages.redirect("/lead/upload?month=" + (context.field("month") ?? ""))
        }
        router.action("/lead/upload/import", [.lead], app: app) { _, context, _ in try importUploads(context) }
    }

    /// What an import said or refused, for the page.
    struct ImportShown {
        var lines: [Message] = []
        var problems: [Message] = []
        /// The bad rows: file, row, column, value, reason.
        var rows: [[String: Any]] = []
        /// The kinds chosen in the form, by upload.
        var chosen: [Int: ImportKind] = [:]
    }

    func uploadPage(
        month: YearMonth, ws: Workspace, context: WebContext, shown: ImportShown = ImportShown(),
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let lang = ws.lang
        let staged = try staging.list(context).map { s -> [String: Any] in
            let chosen = shown.chosen[s.id]?.rawValue ?? s.guess
            var row: [String: Any] = [
                "id": s.id, "name": s.name, "size": Catalog.WebLead.size(bytes: s.size).text(lang),
                "guessed": s.guess.flatMap(ImportKind.init(rawValue:)).map { Self.kindName($0).text(lang) }
                    ?? Catalog.WebLead.noGuess.text(lang),
                "kinds": ImportKind.allCases.map {
                    ["value": $0.rawValue, "name": Self.kindName($0).text(lang), "selected": $0.rawValue == chosen]
                },
            ]
            if let p = s.platform.flatMap(Platform.init(rawValue:)) {
                row["platform"] = Catalog.Names.platform(p).text(lang)
            }
            if let p = s.problem { row["problem"] = p.joined(separator: " ") }
            return row
        }
        let data: [String: Any] = [
            "month": month.description, "staged": staged, "lines": shown.lines.map { $0.text(lang) },
            "problems": shown.problems.map { $0.text(lang) }, "rows": shown.rows, "hasRows": !shown.rows.isEmpty,
            "hasLines": !shown.lines.isEmpty, "hasStaged": !staged.isEmpty,
        ]
        return try app.pages.page(
            "lead-upload", title: Catalog.WebLead.uploadTitle, strings: Catalog.WebLead.upload, data: data,
            context: context, status: status)
    }

    /// The name of a kind of file, as the import names it.
    static func kindName(_ k: ImportKind) -> Message { k.sheet.map(Catalog.Names.sheet) ?? Catalog.Names.orders }

    /// Stores one uploaded file and answers with what its headers suggest (JSON).
    func receive(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let header = HTTPField.Name("X-File-Name"), let name = UploadStaging.fileName(request.headers[header])
        else {
            throw HTTPError(.badRequest)
        }
        let ws = app.workspace()
        let staged = try await staging.add(
            name: name, body: request.body, limit: context.maxUploadSize, columns: ws.config.columns, lang: ws.lang,
            context)
        var headers = Pages.securityHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: .created, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(staged))))
    }

    /// Imports the session's uploads as the kinds chosen, all or nothing.
    func importUploads(_ context: WebContext) throws -> Response {
        let ws = app.workspace()
        let month = Self.month(context, ws)
        var shown = ImportShown()
        var files: [ImportBatch.File] = []
        var names: [String: String] = [:]
        var unchosen: [String] = []
        let staged = try staging.list(context)
        for s in staged {
            let path = try staging.path(of: s, context)
            names[path] = s.name
            guard let kind = context.field("kind_\(s.id)").flatMap(ImportKind.init(rawValue:)) else {
                unchosen.append(s.name)
                continue
            }
            shown.chosen[s.id] = kind
            files.append(ImportBatch.File(path: path, kind: kind))
        }
        if staged.isEmpty { shown.problems = [Catalog.WebLead.nothingUploaded] }
        if !unchosen.isEmpty { shown.problems = [Catalog.WebLead.chooseKind(unchosen)] }
        if !shown.problems.isEmpty {
            return try uploadPage(month: month, ws: ws, context: context, shown: shown, status: .unprocessableContent)
        }
        let outcome: ImportBatch.Outcome
        do {
            outcome = try ImportBatch(workspace: ws).run(files, month: month)
        } catch let e as ImportBatchError {
            refused(e, names: names, into: &shown)
            return try uploadPage(month: month, ws: ws, context: context, shown: shown, status: .unprocessableContent)
        }
        try app.log(.import, context, month: month, detail: Self.logDetail(outcome, names: names))
        try staging.clear(context)
        shown.lines = Self.said(outcome, names: names)
        return try uploadPage(month: month, ws: ws, context: context, shown: shown)
    }

    /// A refused import for the page: the summary, each unreadable file, each bad row.
    func refused(_ e: ImportBatchError, names: [String: String], into shown: inout ImportShown) {
        let lang = app.pages.lang
        func name(_ path: String) -> String { names[path] ?? (path as NSString).lastPathComponent }
        shown.problems = [e.messages[0]]
        shown.problems += e.files.map {
            Catalog.CLI.located(file: name($0.file), row: $0.row, column: $0.column, $0.message)
        }
        shown.rows = e.issues.map { f, i in
            [
                "file": name(f), "row": i.row, "column": i.column ?? "", "value": i.value ?? "",
                "reason": i.reason.text(lang),
            ]
        }
        let listed = Set(e.issues.map { "\($0.file)#\($0.issue.row)" }).count
        if e.totalBadRows > listed { shown.problems.append(Catalog.Import.moreProblems(e.totalBadRows - listed)) }
    }

    /// What the CLI prints after an import, file by file (`spotcheck import`).
    static func said(_ o: ImportBatch.Outcome, names: [String: String]) -> [Message] {
        var lines: [Message] = []
        func files(_ files: [ImportReport.FileReport], sheet: Message) {
            for f in files {
                let file = names[f.file] ?? f.file
                if f.new == 0 && f.rejected == 0 {
                    lines.append(Catalog.Import.nothingNew(file: file))
                } else {
                    lines.append(
                        Catalog.Import.fileSummary(
                            file: file, sheet: sheet, format: f.format, read: f.read, new: f.new, known: f.known,
                            blank: f.blank, rejected: f.rejected))
                }
                if let p = f.platform { lines.append(Catalog.Import.platformOf(file, Catalog.Names.platform(p))) }
                if f.totals > 0 { lines.append(Catalog.Import.totalsSkipped(f.totals)) }
            }
        }
        func customers(_ touched: Int, _ merges: Int, _ by: [IdentityResolver.MergeKey: Int]) -> Message {
            Catalog.Import.customers(
                touched: touched, merged: merges, buyer: by[.buyer] ?? 0, phone: by[.phone] ?? 0, order: by[.order] ?? 0
            )
        }
        if let r = o.orders {
            files(r.files, sheet: Catalog.Names.orders)
            if !r.unchanged {
                lines += [
                    customers(r.customers, r.merges, r.mergesByKey),
                    Catalog.Import.ordersSummary(matched: r.matched, withPhone: r.withPhone),
                ]
            }
        }
        for r in o.sheets {
            files(r.files, sheet: Catalog.Names.sheet(r.kind))
            if !r.unchanged { lines.append(customers(r.customers, r.merges, r.mergesByKey)) }
            lines += r.notes
        }
        return lines
    }

    /// The log line of an import: each file with its kind and new rows.
    static func logDetail(_ o: ImportBatch.Outcome, names: [String: String]) -> String {
        let orders = (o.orders?.files ?? []).map { ("orders", $0) }
        let sheets = o.sheets.flatMap { r in r.files.map { (r.kind.rawValue, $0) } }
        return (orders + sheets).map { kind, f in "\(kind) \(names[f.file] ?? f.file): +\(f.new)" }
            .joined(separator: "; ")
    }
}
