import ArgumentParser
import SpotCheckKit
import SpotCheckText

/// `spotcheck results`: the callers' filled lists.
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "回访结果 (the callers' results).",
        subcommands: [ResultsImportCommand.self])
}

/// `spotcheck results import`: reads back a filled call list.
struct ResultsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入回访人员填写后的回访名单 (read back a call list filled in Excel, WPS or LibreOffice).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "已填写的回访名单 XLSX (the filled call list).", completion: .file(extensions: ["xlsx"])) var file: String

    @Flag(
        name: .long, help: "即使与导出后的记录冲突也按名单更新，并列出被替换的内容 (apply the list over later records and list what it replaced).")
    var replace = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try ResultsImportCommand.perform(file: file, replace: replace, in: ws, output: Output(lang: global.lang))
        }
    }

    static func perform(file: String, replace: Bool = false, in ws: Workspace, output out: Output) throws {
        let r = try ResultsImporter(workspace: ws).run(file: file, replace: replace)
        try AuditTrail.record(.results, detail: AuditTrail.files([file]), in: ws)
        out.replaced(r.replaced)
        if r.unchanged {
            out.say(Catalog.Calls.listUnchanged(file))
        } else {
            out.say(
                Catalog.Calls.imported(
                    file: file, month: r.month.description, rows: r.filledRows, added: r.added, removed: r.removed,
                    cases: r.casesUpdated))
        }
        if r.outsideHours > 0 { out.warn(Catalog.Status.outsideHours(r.outsideHours)) }
        for (item, name) in r.newlyInPlay { out.note(Catalog.Calls.reserveIn(item: item, name: name)) }
    }
}
