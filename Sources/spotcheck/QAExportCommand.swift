import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck qa export`: the workbooks of QA.
struct QAExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出质检工作簿 (write QA workbooks).",
        subcommands: [QAExportAuditCommand.self])
}

/// `spotcheck qa export audit`: the auditor's workbook.
struct QAExportAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "导出抽检评分表 XLSX (the auditor's workbook: conversations, findings, a drop-down per scorecard item).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var period: String?
    @Option(
        name: .shortAndLong, help: "要写入的 XLSX 文件 (the XLSX file to write).", completion: .file(extensions: ["xlsx"]))
    var output: String
    @Flag(name: .long, help: "完整显示自由文本中的手机号和身份证号，默认隐藏 (show phone and ID numbers in full).") var showPhones = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            try QAExportAuditCommand.perform(
                period: try resolveMonth(period, in: ws, Output(lang: global.lang)), to: output, showPhones: showPhones,
                in: ws, output: Output(lang: global.lang))
        }
    }

    static func perform(
        period: YearMonth, to path: String, showPhones: Bool = false, in ws: Workspace, output out: Output
    ) throws {
        let r = try AuditWorkbook(workspace: ws).export(period: period, to: path, showPhones: showPhones)
        if r.checkedFirst { out.note(Catalog.QA.checkedFirst(period.description)) }
        out.say(Catalog.QA.exported(r.path, transcripts: r.transcripts))
        for w in r.warnings { out.warn(w) }
    }
}
