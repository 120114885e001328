import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck qa report`: 质检明细表, the findings and 质检汇总表 for the sales manager.
struct QAReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成质检明细表、问题明细和质检汇总表 (the QA workbook for the sales manager).",
        discussion: "加 --per-agent 时为每位客服生成个人质检报告，-o 为文件夹 "
            + "(with --per-agent, one workbook per agent into the folder -o names).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp) var period: String?
    @Option(
        name: .shortAndLong, help: "要写入的 XLSX 文件；加 --per-agent 时为文件夹 (the XLSX file; with --per-agent, a folder).",
        completion: .file(extensions: ["xlsx"]))
    var output: String
    @Flag(name: .long, help: "为每位客服各生成一份个人质检报告 (one report per agent, into the folder -o).")
    var perAgent = false
    @Flag(name: .long, help: "覆盖已存在的个人报告 (with --per-agent: overwrite reports that exist).")
    var force = false
    @Flag(name: .long, help: "完整显示自由文本中的手机号和身份证号，默认隐藏 (show phone and ID numbers in full).") var showPhones = false

    func run() throws {
        try guarded(global.lang) {
            let ws = try global.workspace()
            let out = Output(lang: global.lang)
            if perAgent {
                try QAReportCommand.performPerAgent(
                    period: try resolveMonth(period, in: ws, out), to: output, force: force, showPhones: showPhones,
                    in: ws, output: out)
                return
            }
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
    /// One workbook per agent into the folder `directory`; a line per file written.
    static func performPerAgent(
        period: YearMonth, to directory: String, force: Bool, showPhones: Bool, in ws: Workspace, output out: Output
    ) throws {
        let r = try AgentReport(workspace: ws).run(period: period, to: directory, force: force, showPhones: showPhones)
        if r.checkedFirst { out.note(Catalog.QA.checkedFirst(period.description)) }
        for f in r.files {
            out.say(Catalog.QA.agentWritten(f.agent, path: f.path, scored: f.scored, small: f.smallSample))
        }
        for w in r.warnings { out.warn(w) }
    }
}
