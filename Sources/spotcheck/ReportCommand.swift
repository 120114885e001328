import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck report`: the detail and summary sheets for the sales manager.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成服务抽查明细表和汇总表 (the sales manager's workbook).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var month: String?
    @Option(
        name: .shortAndLong, help: "要写入的 XLSX 文件 (the XLSX file to write).", completion: .file(extensions: ["xlsx"]))
    var output: String
    @Flag(name: .long, help: "显示完整手机号，默认显示为 138****5678 (show full phone numbers).") var showPhones = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try ReportCommand.perform(
                month: try resolveMonth(month, in: ws, Output(lang: global.lang)), to: output, showPhones: showPhones,
                in: ws, output: Output(lang: global.lang))
        }
    }

    static func perform(
        month: YearMonth, to path: String, showPhones: Bool, in ws: Workspace, output out: Output
    ) throws {
        let r = try SpotCheckReport(workspace: ws).run(month: month, to: path, showPhones: showPhones)
        if r.qaCheckedFirst { out.note(Catalog.QA.checkedFirst(month.description)) }
        out.say(Catalog.Report.written(path, cases: r.cases, masked: !showPhones))
        if r.compared > 0 { out.say(Catalog.People.compared(r.compared)) }
        for w in r.warnings { out.warn(w) }
    }
}
