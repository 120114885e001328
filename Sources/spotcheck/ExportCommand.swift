import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck export`: writes the workbooks people work from.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出工作簿 (write workbooks).",
        subcommands: [CallListCommand.self])
}

/// `spotcheck export call-list`: the call list for the callers.
struct CallListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call-list",
        abstract: "导出回访名单 XLSX (the callers' list with scripts and drop-downs).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp)
    var month: String?

    @Option(
        name: .shortAndLong, help: "要写入的 XLSX 文件 (the XLSX file to write).", completion: .file(extensions: ["xlsx"]))
    var output: String

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try CallListCommand.perform(
                month: try resolveMonth(month, in: ws, Output(lang: global.lang)), to: output, in: ws,
                output: Output(lang: global.lang))
        }
    }

    static func perform(month: SpotCheckCore.YearMonth, to path: String, in ws: Workspace, output out: Output) throws {
        let r = try CallListExporter(workspace: ws).run(month: month, to: path)
        out.say(Catalog.Sample.exported(r.path, main: r.main, reserves: r.reserves))
        for w in r.warnings { out.warn(w) }
    }
}
