import ArgumentParser
import Foundation
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck import`: imports the month's sheets.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入售后/快递/评价表或 VIP 名单 (import the month's sheets: CSV or XLSX).")

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .long,
        help:
            "after-sales 售后 | courier 快递 | reviews 评价 | vip | orders 订单导出 (the order lookup, and what `vip derive` reads)",
        completion: Choice<ImportKind>.completion, transform: Choice<ImportKind>.parse)
    var kind: ImportKind

    @Option(name: .long, help: "要读取的工作表，默认第一个 (the worksheet to read in an XLSX file).")
    var sheet: String?

    @Option(
        name: .long,
        help:
            "YYYY-MM：VIP 名单所属月份，默认今天所在区间的月份；其他表格用来提示区间外的行 (the month a VIP list belongs to; for other sheets, rows outside it are pointed out)."
    )
    var month: String?

    @Flag(
        name: .long,
        help:
            "导入正确的行，有误的行及原因写入输入文件旁的 FILE.rejects.csv (import the good rows, write the bad ones with reasons beside the input)."
    )
    var skipBad = false

    @Option(
        name: .long,
        help: "taobao | jd | pdd | douyin：文件来自哪个平台，默认按表头判断 (the seller centre; default: told by the headers).",
        completion: Choice<Platform>.completion, transform: Choice<Platform>.parse)
    var platform: Platform?

    @Argument(
        help: ArgumentHelp("CSV 或 XLSX 文件 (CSV or XLSX files)."), completion: .file(extensions: ["csv", "xlsx", "txt"]))
    var files: [String]

    func run() throws {
        try guarded(global.lang) {
            let given = platform
            guard let kind = kind.sheet else {
                let ws = try global.workspace()
                let request = OrderImportRequest(files: files, sheet: sheet, skipBad: skipBad, platform: given)
                return try ImportCommand.perform(request, in: ws, output: Output(lang: global.lang))
            }
            let ws = try global.workspace()
            let request = ImportRequest(
                kind: kind, files: files, sheet: sheet, month: try month.map(parseMonth), skipBad: skipBad,
                platform: given)
            try ImportCommand.perform(request, in: ws, output: Output(lang: global.lang))
        }
    }

    /// Imports and prints what happened (shared with the demo).
    static func perform(_ request: ImportRequest, in ws: Workspace, output out: Output) throws {
        let started = Date()
        let report = try SheetImporter(workspace: ws).run(request) { p in
            let seconds = max(Date().timeIntervalSince(started), 0.001)
            let percent = p.totalBytes > 0 ? min(99, p.bytes * 100 / p.totalBytes) : nil
            out.progress(Catalog.Import.progress(rows: p.rows, rate: Int(Double(p.rows) / seconds), percent: percent))
        }
        out.progress(nil)
        try AuditTrail.record(
            .import, month: request.month, detail: "\(request.kind.rawValue): \(AuditTrail.files(request.files))",
            in: ws)
        ws.logger.debug("import took \(Date().timeIntervalSince(started)) s")
        say(report.files, sheet: Catalog.Names.sheet(report.kind), out)
        if !report.unchanged {
            let by = report.mergesByKey
            out.say(
                Catalog.Import.customers(
                    touched: report.customers, merged: report.merges, buyer: by[.buyer] ?? 0,
                    phone: by[.phone] ?? 0, order: by[.order] ?? 0))
        }
        for n in report.notes { out.note(n) }
    }

    /// Imports order exports and prints what happened (shared with the demo).
    static func perform(_ request: OrderImportRequest, in ws: Workspace, output out: Output) throws {
        let report = try OrderImporter(workspace: ws).run(request)
        try AuditTrail.record(.import, detail: "orders: \(AuditTrail.files(request.files))", in: ws)
        say(report.files, sheet: Catalog.Names.orders, out)
        if !report.unchanged {
            let by = report.mergesByKey
            out.say(
                Catalog.Import.customers(
                    touched: report.customers, merged: report.merges, buyer: by[.buyer] ?? 0,
                    phone: by[.phone] ?? 0, order: by[.order] ?? 0))
            out.say(Catalog.Import.ordersSummary(matched: report.matched, withPhone: report.withPhone))
        }
    }

    /// Each file's line: rows read, new, known, skipped; its platform and totals rows.
    private static func say(_ files: [ImportReport.FileReport], sheet: Message, _ out: Output) {
        for f in files {
            if f.new == 0 && f.rejected == 0 {
                out.say(Catalog.Import.nothingNew(file: f.file))
            } else {
                out.say(
                    Catalog.Import.fileSummary(
                        file: f.file, sheet: sheet, format: f.format, read: f.read, new: f.new,
                        known: f.known, blank: f.blank, rejected: f.rejected))
            }
            if let p = f.platform { out.note(Catalog.Import.platformOf(f.file, Catalog.Names.platform(p))) }
            if f.totals > 0 { out.note(Catalog.Import.totalsSkipped(f.totals)) }
            if let r = f.rejectsFile { out.warn(Catalog.Import.rejectsWritten(r, count: f.rejected)) }
        }
    }
}
