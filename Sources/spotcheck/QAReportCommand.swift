import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck qa report`: 质检明细表, the findings and 质检汇总表 for the sales manager.
struct QAReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成质检明细表、问题明细和质检汇总表 (the QA workbook for the sales manager).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var period: String?
    @Option(
        name: .shortAndLong, help: "要写入的 XLSX 文件 (the XLSX file to write).", completion: .file(extensions: ["xlsx"]))
    var output: String
    @Flag(name: .long, help: "完整显示自由文本中的手机号和身份证号，默认隐藏 (show phone and ID numbers in full).") var showPhones = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try QAReportCommand.perform(
                period: try resolveMonth(period, in: ws, Output(lang: global.lang)), to: output, showPhones: showPhones,
                in: ws, output: Output(lang: global.lang))
        }
    }

    static func perform(
        period: YearMonth, to path: String, showPhones: Bool = false, in ws: Workspace, output out: Output
    ) throws {
        let r = try QAReport(workspace: ws).run(period: period, to: path, showPhones: showPhones)
        if r.checkedFirst { out.note(Catalog.QA.checkedFirst(period.description)) }
        out.say(Catalog.QA.reportWritten(path, audited: r.audited, findings: r.findings))
        if r.audited == 0 { out.warn(Catalog.QA.noneScored) }
        for w in r.warnings { out.warn(w) }
    }
}
